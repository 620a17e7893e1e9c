//! The lesson path: the built-in scenarios and the challenges in teaching order (leader and
//! followers, the lease, the term, fencing, then the limits: ordering, drift, flapping),
//! what the student has done of each (from `Progress`), and the links that open an entry
//! (`#lesson=NAME`, `#lesson=NAME&q=N` at its N-th question, `#challenge=ID`) for slides
//! and learning platforms.

use crate::challenge::{self, Challenge, CHALLENGES};
use crate::progress::Progress;
use fencing_sim::scenario::{builtin, builtin_names};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A built-in scenario, by name, with its questions.
    Scenario(&'static str),
    /// A challenge, by id.
    Challenge(&'static str),
}

pub struct Chapter {
    pub title: &'static str,
    /// What the chapter is about, in a sentence.
    pub about: &'static str,
    pub entries: &'static [Entry],
}

use Entry::{Challenge as C, Scenario as S};

pub const PATH: &[Chapter] = &[
    Chapter {
        title: "Leader and followers",
        about: "One node leads and writes; the others copy and watch for its heartbeats.",
        entries: &[S("leader-and-followers")],
    },
    Chapter {
        title: "The lease",
        about:
            "Leadership is a lease from a lease store: held while renewed, lost when it runs out.",
        entries: &[S("partitioned-leader"), C("keep-the-leader")],
    },
    Chapter {
        title: "The term",
        about: "Every grant has a higher term, which nodes remember and refuse to go back on.",
        entries: &[S("crash-restart"), C("five-leaders")],
    },
    Chapter {
        title: "Fencing tokens",
        about: "The storage refuses a write whose token is lower than one it has seen.",
        entries: &[
            S("gc-pause-zombie"),
            S("gc-pause-no-fencing"),
            C("corrupt-with-one-pause"),
        ],
    },
    Chapter {
        title: "The limits",
        about: "What fencing does not cover: ordering (the gap), drifting clocks, flapping leases.",
        entries: &[
            S("stale-before-new-write"),
            C("through-the-gap"),
            C("close-the-gap"),
            S("barrier-write"),
            S("delayed-write"),
            S("slow-clock"),
            S("drifting-clock"),
            C("two-leaders-no-pause"),
            S("lease-too-short"),
        ],
    },
];

/// Every entry in order.
pub fn entries() -> impl Iterator<Item = Entry> {
    PATH.iter().flat_map(|c| c.entries.iter().copied())
}

/// The entry after `entry` on the path.
pub fn next(entry: Entry) -> Option<Entry> {
    entries().skip_while(|s| *s != entry).nth(1)
}

/// An entry as the path panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryView {
    pub entry: Entry,
    pub title: String,
    /// "question" or "challenge" counts, in words.
    pub detail: String,
    pub done: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChapterView {
    pub title: &'static str,
    pub about: &'static str,
    pub entries: Vec<EntryView>,
}

fn questions(name: &str) -> usize {
    fencing_sim::scenario::builtin_questions(name).unwrap_or(0)
}

impl Entry {
    pub fn title(&self) -> String {
        match self {
            Entry::Scenario(n) => builtin(n).map_or_else(|| n.to_string(), |s| s.title),
            Entry::Challenge(id) => challenge::find(id).map_or(id.to_string(), |c| c.title.into()),
        }
    }

    /// The link fragment that opens this entry.
    pub fn fragment(&self) -> String {
        match self {
            Entry::Scenario(n) => format!("lesson={n}"),
            Entry::Challenge(id) => format!("challenge={id}"),
        }
    }

    /// Done: every question of a lesson predicted, or the challenge won.
    fn done(&self, progress: &Progress) -> bool {
        match self {
            Entry::Scenario(n) => progress.score(n).0 >= questions(n),
            Entry::Challenge(id) => progress.win(id).is_some(),
        }
    }

    pub fn view(&self, progress: &Progress) -> EntryView {
        let (detail, done) = match self {
            Entry::Scenario(n) => {
                let total = questions(n);
                let (answered, right) = progress.score(n);
                let detail = if answered == 0 {
                    format!("{total} questions")
                } else {
                    format!("{answered} of {total} predicted, {right} right")
                };
                (detail, answered >= total)
            }
            Entry::Challenge(id) => match progress.win(id) {
                Some(w) => (
                    format!(
                        "done at {} s",
                        crate::describe::stamp(fencing_sim::SimTime::from_ms(w.at_ms))
                    ),
                    true,
                ),
                None => ("challenge".to_string(), false),
            },
        };
        EntryView {
            entry: *self,
            title: self.title(),
            detail,
            done,
        }
    }
}

pub fn view(progress: &Progress) -> Vec<ChapterView> {
    PATH.iter()
        .map(|c| ChapterView {
            title: c.title,
            about: c.about,
            entries: c.entries.iter().map(|s| s.view(progress)).collect(),
        })
        .collect()
}

/// How many entries are done, of how many.
/// (Without the entries' titles and words: the page asks as it starts.)
pub fn done(progress: &Progress) -> (usize, usize) {
    (
        entries().filter(|s| s.done(progress)).count(),
        entries().count(),
    )
}

/// What a link to an entry opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A built-in scenario, at its `question`-th question (0-based) if given.
    Lesson {
        name: &'static str,
        question: Option<usize>,
    },
    Challenge(&'static Challenge),
}

/// Reads a link fragment (without `#`) naming an entry: `None` if it names none (another
/// kind of link), else the target or what is wrong with it.
pub fn parse_fragment(fragment: &str) -> Option<Result<Target, String>> {
    let fragment = fragment.trim_start_matches('#');
    if !(fragment.starts_with("lesson=") || fragment.starts_with("challenge=")) {
        return None;
    }
    Some(parse(fragment))
}

fn parse(fragment: &str) -> Result<Target, String> {
    let mut lesson = None;
    let mut challenge = None;
    let mut question = None;
    for part in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        match key {
            "lesson" => {
                lesson = Some(builtin_names().find(|n| *n == value).ok_or_else(|| {
                    format!(
                        "there is no lesson named “{value}”; the lessons are {}",
                        builtin_names().collect::<Vec<_>>().join(", ")
                    )
                })?)
            }
            "challenge" => {
                challenge = Some(challenge::find(value).ok_or_else(|| {
                    format!(
                        "there is no challenge named “{value}”; the challenges are {}",
                        CHALLENGES
                            .iter()
                            .map(|c| c.id)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })?)
            }
            "q" => {
                question = Some(
                    value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| format!("q={value} is not a question number (1, 2, …)"))?,
                )
            }
            other => {
                return Err(format!(
                    "“{other}” is not a parameter a lesson link takes (lesson, q, challenge)"
                ))
            }
        }
    }
    match (lesson, challenge, question) {
        (Some(_), Some(_), _) => Err("a link opens a lesson or a challenge, not both".into()),
        (None, Some(_), Some(_)) => Err("q= goes with lesson=, not with challenge=".into()),
        (None, Some(c), None) => Ok(Target::Challenge(c)),
        (Some(name), None, q) => {
            let total = questions(name);
            match q {
                Some(n) if n > total => Err(format!(
                    "q={n}: the lesson {name} has {total} question{}",
                    if total == 1 { "" } else { "s" }
                )),
                _ => Ok(Target::Lesson {
                    name,
                    question: q.map(|n| n - 1),
                }),
            }
        }
        (None, None, _) => Err("the link names no lesson or challenge".into()),
    }
}
