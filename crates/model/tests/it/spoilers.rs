//! Ask before telling: what the page shows when a lesson asks its question must not give
//! the answer away. Titles (the heading, the path, the scenario menu) are neutral: the
//! punchline comes with its moment, in the narration.

use fencing_model::Lab;
use fencing_sim::scenario::{builtin, BUILTIN};
use fencing_sim::SimTime;

/// Words that carry no claim: left out when comparing a title with an answer.
const PLAIN: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "its", "it", "is", "are", "be", "as", "that", "this", "no", "not", "yes", "s",
];

fn content_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !PLAIN.contains(w))
        .map(str::to_string)
        .collect()
}

/// The runs of two content words in a row that `a` and `b` share.
fn shared_pairs(a: &str, b: &str) -> Vec<String> {
    let pairs = |w: Vec<String>| -> Vec<String> {
        w.windows(2).map(|p| format!("{} {}", p[0], p[1])).collect()
    };
    let theirs = pairs(content_words(b));
    pairs(content_words(a))
        .into_iter()
        .filter(|p| theirs.contains(p))
        .collect()
}

#[test]
fn the_oracle_catches_titles_that_told_the_answer() {
    // Two titles of 2026-12-02 against their first question's right answer.
    assert_eq!(
        shared_pairs(
            "A partitioned leader steps down on its own clock before the lease is re-granted",
            "Stop by its own clock, before the store's expiry"
        ),
        ["own clock", "clock before"]
    );
    assert_eq!(
        shared_pairs(
            "A slow clock keeps a leader leading after its lease expired",
            "Yes: on its slow clock its lease outlasts the store's"
        ),
        ["slow clock"]
    );
    assert!(shared_pairs(
        "A GC pause freezes the leader",
        "Take it: only a lower token is refused"
    )
    .is_empty());
}

/// No built-in lesson's title says in so many words what one of its questions asks the
/// student to work out.
#[test]
fn no_lessons_title_gives_one_of_its_answers_away() {
    let mut questions = 0;
    for (name, _) in BUILTIN {
        let lab = Lab::with_scenario(builtin(name).unwrap());
        let title = &lab.teaching.written.title;
        for (i, (_, c)) in lab.teaching.story.checkpoints().iter().enumerate() {
            let answer = &c.texts()[c.answer];
            let shared = shared_pairs(title, answer);
            assert!(
                shared.is_empty(),
                "{name}: the title \"{title}\" tells question {}'s answer \"{answer}\": {shared:?}",
                i + 1
            );
            questions += 1;
        }
    }
    assert!(questions >= 20, "{questions} questions checked");
}

/// While a question waits for its answer the strip shows the leader and says the counts
/// are held: "✓ no safety violation" or "⊘ 1 rejected" would often be the answer.
#[test]
fn while_a_question_is_open_the_chips_hold_their_counts() {
    use fencing_model::derived::{chips_while_asking, finding_chips};
    use fencing_model::Action;
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.teaching.quiz.set_on(true);
    lab.apply(Action::Play);
    let mut frames = 0;
    while !lab.teaching.quiz.asking() && frames < 10_000 {
        lab.apply(Action::Tick(50.0));
        frames += 1;
    }
    assert!(lab.teaching.quiz.asking(), "question 1 is asked");
    let f = &lab.run.snapshot.findings;
    let all: Vec<String> = finding_chips(f).into_iter().map(|c| c.text).collect();
    assert!(all.iter().any(|t| t == "✓ no safety violation"), "{all:?}");
    let held = chips_while_asking(f);
    let keys: Vec<&str> = held.iter().map(|c| c.key).collect();
    assert_eq!(keys, ["leader", "held"]);
    for c in &held {
        for word in [
            "violation",
            "rejected",
            "stale",
            "refused",
            "gap",
            "split brain",
        ] {
            assert!(
                !c.text.contains(word),
                "{word} in {:?} while asking",
                c.text
            );
        }
        assert_eq!((c.tone, c.go), (None, None), "{}", c.key);
    }
    assert_eq!(held[0].text, "♛ leader n4 · term 33");
}

/// A piece of words the page shows, and where it shows it.
#[derive(Debug)]
struct Shown {
    place: &'static str,
    text: String,
}

/// Everything in words the page shows of `lab` this frame, as its components draw it
/// (`held`: with what the page holds while a question asks; else as if nothing were held):
/// the lesson's title, the question card's question, the narration's lines, the findings
/// chips and their tooltips, the picture (each node's words, the boxes, the storage's
/// callout, the labelled messages, the marks on links), the space-time diagram's flags,
/// the storage table, the event log, the timeline's story beats, the status line and what
/// the screen reader heard last.
fn on_screen(lab: &Lab, held: bool) -> Vec<Shown> {
    use fencing_model::derived::{chips_while_asking, finding_chips};
    use fencing_model::describe::{
        event_text, event_text_asking, verdict_words, verdict_words_asking,
    };
    use fencing_model::layout::positions;
    use fencing_model::scene::{scene, SceneInput};
    let mut out = Vec::new();
    let mut put = |place, text: String| out.push(Shown { place, text });
    put("title", lab.teaching.written.title.clone());
    if let Some(q) = lab.teaching.quiz.view() {
        put("question", q.question.clone());
    }
    for l in lab.narration(&lab.run.events).lines {
        put("narration", l.text);
    }
    let f = &lab.run.snapshot.findings;
    let asking = held && lab.teaching.quiz.asking();
    let chips = if asking {
        chips_while_asking(f)
    } else {
        finding_chips(f)
    };
    for c in chips {
        put("chip", c.text);
        put("chip's tooltip", c.title.to_string());
    }
    let snap = &lab.run.snapshot;
    let drops = fencing_model::derived::recent_drops(lab, 300_000);
    let sc = scene(
        snap,
        &positions(snap),
        SceneInput {
            shape: fencing_model::layout::Shape::Wide,
            large_words: false,
            reduced_motion: false,
            drops: &drops,
            drop_window_us: 300_000,
            asking,
        },
    );
    for n in &sc.nodes {
        for l in &n.lines {
            put("node's words", format!("{}: {}", n.id, l.text));
        }
    }
    put(
        "lease box",
        format!(
            "{} · {} · {}",
            sc.lease.term, sc.lease.holder, sc.lease.left
        ),
    );
    put(
        "storage box",
        format!(
            "{} · {} · {}",
            sc.storage.highest, sc.storage.value, sc.storage.fencing
        ),
    );
    if let Some(c) = &sc.storage.callout {
        put("storage's callout", c.verdict.words());
    }
    for m in sc.messages.iter().filter(|m| m.label.is_some()) {
        put("message", m.flight.label.clone());
    }
    for l in &sc.links {
        if let Some((_, w)) = &l.label {
            put("link", w.clone());
        }
    }
    // The space-time diagram (a tab of the stage): its flags.
    let items = fencing_model::diagram::items(&lab.run.events, snap, 0, snap.now.0);
    for it in items {
        if let fencing_model::diagram::Item::Flag { text, .. } = it {
            put("diagram's flag", text);
        }
    }
    for (_, words) in fencing_model::describe::storage_counts(&snap.storage, asking) {
        put("storage panel's counts", words);
    }
    for r in &snap.storage.recent {
        let (_, words) = if asking {
            verdict_words_asking(r)
        } else {
            verdict_words(r)
        };
        put("storage table", format!("{} {words}", r.token));
    }
    for e in lab.run.events.iter() {
        put(
            "event log",
            if asking {
                event_text_asking(e)
            } else {
                event_text(e)
            },
        );
    }
    for (t, line) in lab.beats() {
        // Without the holds: every beat's line, as its mark's tooltip once showed it.
        let now = if held { lab.now() } else { SimTime(u64::MAX) };
        put(
            "timeline beat",
            fencing_model::page::beat_words(*t, line, now),
        );
    }
    put("status", fencing_model::page::status_text(lab));
    if let Some((_, said)) = &lab.run.voice.said {
        put("screen reader", said.clone());
    }
    out
}

/// Plays the lesson of the built-in `name` as a student does (questions on, Continue after
/// each reveal), answering each question rightly, and calls `at` with the lab at each
/// question's moment, while it asks. Returns how many were asked.
fn each_question(
    name: &str,
    mut at: impl FnMut(&Lab, &fencing_model::quiz::QuestionView),
) -> usize {
    use fencing_model::Action;
    let mut lab = Lab::with_scenario(builtin(name).unwrap());
    lab.teaching.quiz.set_on(true);
    lab.apply(Action::Play);
    let mut asked = 0;
    for _ in 0..20_000 {
        if lab.teaching.quiz.asking() {
            let q = lab.teaching.quiz.view().unwrap();
            at(&lab, &q);
            asked += 1;
            let right = lab.teaching.quiz.right_answer().unwrap();
            lab.apply(Action::Answer(right));
        } else if lab.run.ended {
            break;
        } else if !lab.run.playing {
            lab.apply(Action::Play);
        }
        lab.apply(Action::Tick(50.0));
    }
    asked
}

/// What would give a question's answer away, were the page to show it while asking: the
/// phrases (lower case) that state the answer or the event that proves it, written for
/// each built-in question by reading it with its run; and the pairs of words in a row that
/// only the right option has (`distinguishing`), which the test adds by itself, less the
/// ones this list lets pass, each with the reason why showing it is fair.
struct Tells {
    scenario: &'static str,
    /// 1-based, in the order the lesson asks.
    question: usize,
    phrases: &'static [&'static str],
    /// Distinguishing pairs the page may show: (pair, why it does not answer).
    allowed: &'static [(&'static str, &'static str)],
}

const TELLS: &[Tells] = &[
    Tells { scenario: "leader-and-followers", question: 1,
        phrases: &["more than a majority", "four of five still hold", "keeps moving", "writes on"],
        allowed: &[] },
    Tells { scenario: "leader-and-followers", question: 2,
        phrases: &["heartbeat carried", "it is up to date", "asked for nothing", "catches up"],
        allowed: &[("next heartbeat", "the third line says how every write travels (with the next heartbeat); that a restarted node needs nothing else is the question")] },
    Tells { scenario: "leader-and-followers", question: 3,
        phrases: &["writes go on", "n4 lags", "n4 catches up", "2 s behind"],
        allowed: &[] },
    Tells { scenario: "gc-pause-zombie", question: 1,
        phrases: &["cannot know", "expires the lease of term 33", "lease (term 33) is over", "lease (term 33) expires", "cannot notice", "no renewals"],
        allowed: &[("runs out", "said of a follower's failure timer in the first line, not of n4's lease")] },
    Tells { scenario: "gc-pause-zombie", question: 2,
        phrases: &["no safety violation", "not a violation", "has not looked", "never looks", "harmless", "expected in this failure", "lease overlap"],
        allowed: &[("n4 lease", "that n4's lease expired at the store is question 1's answer, told at its moment; whether two leaders mean a broken lease is this question")] },
    Tells { scenario: "gc-pause-zombie", question: 3,
        phrases: &["only a lower token", "lower token is refused", "n3#2, token 34", "equal"],
        allowed: &[] },
    Tells { scenario: "gc-pause-zombie", question: 4,
        phrases: &["refuses it", "refuses n4's write", "rejected", "token 33 < 34", "fencing stopped", "gave safety"],
        allowed: &[] },
    Tells { scenario: "gc-pause-no-fencing", question: 1,
        phrases: &["stale", "overwrite", "lost update", "corrupt", "takes the write with token 33"],
        allowed: &[] },
    Tells { scenario: "gc-pause-no-fencing", question: 2,
        phrases: &["refuses n4's heartbeat", "refused term 33", "refuses them", "carries no authority", "older term"],
        allowed: &[("term 33", "n4's term, the question's premise, shown since the start")] },
    Tells { scenario: "gc-pause-no-fencing", question: 3,
        phrases: &["no node can tell", "no node noticed", "only the lab's monitor", "only the monitor", "nobody notices"],
        allowed: &[] },
    Tells { scenario: "partitioned-leader", question: 1,
        phrases: &["steps down", "deadline comes before", "stops writing", "lease ran out on its own clock"],
        allowed: &[] },
    Tells { scenario: "partitioned-leader", question: 2,
        phrases: &["no stale write", "no write with token 33", "stopped writing", "stops writing", "nothing to stop"],
        allowed: &[] },
    Tells { scenario: "delayed-write", question: 1,
        phrases: &["newer leader", "arrives after", "lands after", "too late", "rejected", "token 33 < 34"],
        allowed: &[] },
    Tells { scenario: "delayed-write", question: 2,
        phrases: &["storage refuses", "refuses it", "rejected", "token 33 < 34", "has seen 34", "fencing stopped"],
        allowed: &[] },
    Tells { scenario: "slow-clock", question: 1,
        phrases: &["lease overlap", "too late", "renewing late", "still does", "safety violation", "1.5 s have passed"],
        allowed: &[] },
    Tells { scenario: "slow-clock", question: 2,
        phrases: &["steps down", "higher term", "heartbeat of term 34", "follows it"],
        allowed: &[("term 34", "the question's premise: term 34 has just been granted, and the page says so")] },
    Tells { scenario: "drifting-clock", question: 1,
        phrases: &["lease overlap", "two nodes believe they lead", "still has seconds left", "outlast", "safety violation", "bounded drift"],
        allowed: &[] },
    Tells { scenario: "drifting-clock", question: 2,
        phrases: &["through the gap", "fencing gap", "superseded", "before the new leader's first", "not seen 34"],
        allowed: &[] },
    Tells { scenario: "lease-too-short", question: 1,
        phrases: &["terms climb", "keep losing", "keeps changing", "steps down", "takes the next term"],
        allowed: &[] },
    Tells { scenario: "lease-too-short", question: 2,
        phrases: &["safety holds", "no write from a leader that already lost", "accepted as stale", "stale"],
        allowed: &[(
            "own clock",
            "the live commentary says each leader steps down when its lease runs out on its own clock (question 1's lesson); whether that keeps stale writes out is the question",
        )] },
    Tells { scenario: "stale-before-new-write", question: 1,
        phrases: &["storage takes it", "and the storage takes", "through the gap", "fencing gap", "superseded", "never seen 34", "not seen 34"],
        allowed: &[] },
    Tells { scenario: "stale-before-new-write", question: 2,
        phrases: &["had not seen", "never seen 34", "no violation", "no safety violation", "not a violation", "no rule"],
        allowed: &[] },
    Tells { scenario: "barrier-write", question: 1,
        phrases: &["highest token is now 34", "barrier reaches", "closed", "before any data of term 34", "knows 34"],
        allowed: &[] },
    Tells { scenario: "barrier-write", question: 2,
        phrases: &["refused", "rejected", "33 < 34", "counts like any", "closed"],
        allowed: &[] },
    Tells { scenario: "crash-restart", question: 1,
        phrases: &["comes back as a follower", "restarts as a follower", "remembers term 1", "follower in term 1"],
        allowed: &[] },
    Tells { scenario: "crash-restart", question: 2,
        phrases: &["until the lease expires", "takes over with term 2", "term 2", "nobody may take over"],
        allowed: &[] },
    Tells { scenario: "crash-restart", question: 3,
        phrases: &["grants term 2", "term 2", "from the lease store"],
        allowed: &[("lease store", "the lease store is one of the actors, named everywhere; where the term comes from is the question")] },
];

fn tells_of(name: &str, question: usize) -> &'static Tells {
    TELLS
        .iter()
        .find(|t| t.scenario == name && t.question == question)
        .unwrap_or_else(|| {
            panic!("{name} question {question}: no tells written for it: read it with its run and list what would give it away")
        })
}

/// The pairs of content words in a row that the right option has and no other option has:
/// what sets the right answer apart, in its own words.
fn distinguishing(options: &[String], right: usize) -> Vec<String> {
    let pairs = |t: &str| -> Vec<String> {
        content_words(t)
            .windows(2)
            .map(|p| format!("{} {}", p[0], p[1]))
            .collect()
    };
    let others: Vec<String> = options
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != right)
        .flat_map(|(_, o)| pairs(o))
        .collect();
    pairs(&options[right])
        .into_iter()
        .filter(|p| !others.contains(p))
        .collect()
}

/// What on the page gives the question away: (where, the words, the tell they contain).
fn spoilers(
    shown: &[Shown],
    tells: &Tells,
    q: &fencing_model::quiz::QuestionView,
    right: usize,
) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let pairs: Vec<String> = distinguishing(&q.options, right)
        .into_iter()
        .filter(|p| !tells.allowed.iter().any(|(a, _)| a == p))
        .collect();
    for s in shown {
        if s.place == "question" {
            // The question is its premise; it is checked against the options by hand.
            continue;
        }
        let lower = s.text.to_lowercase();
        let words = content_words(&s.text).join(" ");
        let hits = tells
            .phrases
            .iter()
            .filter(|p| lower.contains(*p))
            .map(|p| p.to_string())
            .chain(
                pairs
                    .iter()
                    .filter(|p| format!(" {words} ").contains(&format!(" {p} ")))
                    .cloned(),
            );
        for h in hits {
            found.push((s.place.to_string(), s.text.clone(), h));
        }
    }
    found
}

/// Ask before telling: at each built-in question's moment, nothing the page shows (the
/// narration, the title, the chips, the picture's words and callout, the storage table,
/// the log, the timeline's beats, the status, the screen reader's last words) states its
/// answer.
#[test]
fn no_built_in_question_is_answered_by_the_page_that_asks_it() {
    let mut asked = 0;
    let mut spoiled = Vec::new();
    for (name, _) in BUILTIN {
        asked += each_question(name, |lab, q| {
            let right = lab.teaching.quiz.right_answer().unwrap();
            let tells = tells_of(name, q.number);
            for (place, text, tell) in spoilers(&on_screen(lab, true), tells, q, right) {
                spoiled.push(format!(
                    "{name} q{} ({}): the {place} says “{text}” ({tell:?})",
                    q.number, q.question
                ));
            }
        });
    }
    assert_eq!(
        asked,
        TELLS.len(),
        "every built-in question is asked and has its tells"
    );
    assert!(
        spoiled.is_empty(),
        "{} spoilers:\n{}",
        spoiled.len(),
        spoiled.join("\n")
    );
}

/// The oracle can fail: on the page as it would be without its holds (every count on the
/// chips, the verdicts' reasons in the table and the log, a zombie's "< 34", the lines of
/// the beats still to come), and on narration lines as they were before they were moved
/// to their moments, it names the questions those gave away.
#[test]
fn the_oracle_fires_on_the_page_without_its_holds() {
    let mut fired = std::collections::BTreeMap::new();
    for (name, _) in BUILTIN {
        each_question(name, |lab, q| {
            let right = lab.teaching.quiz.right_answer().unwrap();
            let found = spoilers(&on_screen(lab, false), tells_of(name, q.number), q, right);
            let places: std::collections::BTreeSet<String> =
                found.into_iter().map(|(place, _, _)| place).collect();
            if !places.is_empty() {
                fired.insert(format!("{name} q{}", q.number), places);
            }
        });
    }
    let at = |q: &str| fired.get(q).cloned().unwrap_or_default();
    // "✓ no safety violation" on the chips, "the storage had not seen it" in the table.
    assert!(
        at("stale-before-new-write q2").contains("chip"),
        "{fired:?}"
    );
    assert!(
        at("stale-before-new-write q2").contains("storage table"),
        "{fired:?}"
    );
    assert!(
        at("stale-before-new-write q2").contains("event log"),
        "{fired:?}"
    );
    // "ZOMBIE: token 33 < 34" under the crashed leader whose write was still on its way
    // once gave delayed-write q2 away; now the mark reads "ZOMBIE: old token 33" (a
    // comparison of tokens is kept for the storage's refusals), so it no longer does.
    assert!(
        !at("delayed-write q2").contains("node's words"),
        "{fired:?}"
    );
    // The beat still to come: "…refuses it: token 33 < 34".
    assert!(
        at("gc-pause-zombie q4").contains("timeline beat"),
        "{fired:?}"
    );
    // 20 of 23 on 2026-12-04 (all but crash-restart q3, gc-pause-zombie q3, leader-and-followers q3).
    assert!(fired.len() >= 20, "{} questions", fired.len());

    // Lines of 2026-12-04 told at the question's moment, before they were moved on.
    let old = [
        ("partitioned-leader", 2, "On its own clock the lease has run out, so the leader stops writing and steps down, before the store expires the lease and grants term 34. That is the lease doing its job: no stale write reaches the storage."),
        ("gc-pause-no-fencing", 3, "The storage does not check tokens, so it takes the write with token 33 although it has seen 34: the old leader's value overwrites the new leader's. A lost update, and no node can tell."),
    ];
    for (name, number, line) in old {
        each_question(name, |lab, q| {
            if q.number == number {
                let right = lab.teaching.quiz.right_answer().unwrap();
                let shown = [Shown {
                    place: "narration",
                    text: line.to_string(),
                }];
                let found = spoilers(&shown, tells_of(name, number), q, right);
                assert!(!found.is_empty(), "{name} q{number}: {line}");
            }
        });
    }
}

/// A beat's mark on the timeline tells its line once the run has reached it; before, only
/// when it comes.
#[test]
fn a_beat_still_to_come_says_when_not_what() {
    use fencing_model::page::beat_words;
    let t = SimTime::from_ms(18_900);
    let line = "The storage refuses it: token 33 < 34.";
    assert_eq!(
        beat_words(t, line, SimTime::from_ms(18_000)),
        "18.9 s: told when the run gets there"
    );
    assert_eq!(
        beat_words(t, line, t),
        "18.9 s: The storage refuses it: token 33 < 34."
    );
}
