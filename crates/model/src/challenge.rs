//! Challenges: goals a student reaches with the controls, which the run itself judges.
//! Each starts from a set-up of its own (a scenario with nothing or one thing scripted),
//! offers a hint, and when a `Watch` over the run's events sees the goal reached, explains
//! the mechanism the student just used. The judgement reads only the trace (faults as they
//! fired, grants, pauses, writes and their verdicts, the monitor's findings), so it is the
//! same live, replayed from a link, or re-simulated after a seek.

use fencing_sim::scenario::{builtin, Narration};
use fencing_sim::storage::Verdict;
use fencing_sim::{Command, Event, EventKind, NodeId, Scenario, SimTime, Term};

/// What a challenge asks for, judged by `Watch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// With fencing on, the storage takes a write whose term the lease store had already
    /// replaced.
    ThroughTheGap,
    /// With fencing off, a stale write is taken, and the only fault used is one pause.
    CorruptWithOnePause,
    /// Five leaders (new terms) granted within 30 s of virtual time, no safety violation.
    FiveLeaders,
    /// The leader paused for at least 3 s comes back still leading, with no new term.
    KeepLeaderThroughPause,
    /// Two nodes believe they lead at once, and nothing was paused.
    TwoLeadersNoPause,
    /// The scripted zombie's write is rejected, and none went through the gap.
    CloseTheGap,
}

/// One challenge: its words, its set-up and its goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub id: &'static str,
    pub title: &'static str,
    /// The goal, in one or two sentences.
    pub goal_text: &'static str,
    pub hint: &'static str,
    /// Shown on success: why what the student did works.
    pub explain: &'static str,
    pub goal: Goal,
    /// The set-up in a sentence: the narration's first line.
    pub setting: &'static str,
    /// The built-in scenario the set-up starts from, and what it changes.
    base: &'static str,
    setup: Setup,
}

/// What a challenge's set-up changes in its base scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setup {
    Nothing,
    FencingOff,
    /// A 2.5 s lease renewed every 0.8 s: shorter than the pause the goal asks for.
    ShortLease,
    /// The leader writes every 3 s instead of every second: a wider gap to aim at.
    SlowWrites,
}

/// The leader must pause at least this long in `KeepLeaderThroughPause`.
pub const KEEP_PAUSE_MS: u64 = 3000;
/// Five leaders within this window in `FiveLeaders`.
pub const FIVE_LEADERS_WINDOW_MS: u64 = 30_000;
pub const FIVE_LEADERS: usize = 5;

/// Every challenge, in the order the lesson path takes them.
pub const CHALLENGES: &[Challenge] = &[
    Challenge {
        id: "keep-the-leader",
        title: "Keep one leader through a 3 s pause",
        goal_text: "Pause the leader for at least 3 seconds and have it come back still \
            leading: no new term granted while it slept, and its next renewal accepted.",
        hint: "The lease here is 2.5 s, shorter than the pause. Open ⚙ Settings… and make \
            the lease longer than the pause plus one renewal interval (say 6000 ms), then \
            select the leader, set its pause to 3 s or more and pause it.",
        explain: "The lease store hands out a new term only after the holder's lease runs \
            out. A lease longer than the pause plus the time since the last renewal outlives \
            the pause: the followers ask for the lease, are told it is taken, and the \
            leader renews as soon as it wakes. The price is failover time: if the leader \
            really had died, everyone would wait the whole lease before a new one took over.",
        goal: Goal::KeepLeaderThroughPause,
        setting: "The set-up: five nodes, fencing on, and a lease of only 2.5 s, renewed every 0.8 s. Nothing is scripted: what happens, you make happen.",
        base: "free-play",
        setup: Setup::ShortLease,
    },
    Challenge {
        id: "five-leaders",
        title: "Elect five leaders in 30 s, safely",
        goal_text: "Make the cluster grant five terms within 30 seconds of virtual time, \
            without a single safety violation.",
        hint: "A new term is granted when the holder's lease runs out. Crash the leader as \
            soon as one is elected (select it, then Crash), or shorten the lease in \
            ⚙ Settings… so leadership flaps on its own.",
        explain: "Every election takes a new, higher term from the lease store, and every \
            new leader's token is that term. However often leadership changes, the terms \
            only climb and the storage keeps refusing anything older than the highest token \
            it has seen, so safety holds. Frequent elections cost progress (each failover \
            waits out a lease), not correctness.",
        goal: Goal::FiveLeaders,
        setting: "The set-up: five nodes, fencing on, a 5 s lease. Nothing is scripted: what happens, you make happen.",
        base: "free-play",
        setup: Setup::Nothing,
    },
    Challenge {
        id: "corrupt-with-one-pause",
        title: "Corrupt the data with one pause (fencing off)",
        goal_text: "Fencing is off. Using exactly one pause and no other fault, get the \
            storage to take a stale write.",
        hint: "Select the leader and choose “pause at the worst moment” for longer than \
            its lease (10 s is plenty): it checks its lease, freezes, and writes on waking \
            as if nothing happened.",
        explain: "The paused leader checked its lease just before freezing, so when it \
            wakes it still believes it leads and sends its write. Meanwhile the lease \
            expired, a new leader took a higher term and wrote. Without fencing the storage \
            cannot tell the old leader's write from the new one's, so it takes it, \
            overwriting newer data. One badly timed pause is enough; no check on the \
            client's side can close that window.",
        goal: Goal::CorruptWithOnePause,
        setting: "The set-up: five nodes with fencing off, so the storage takes every write whatever its token. Nothing is scripted.",
        base: "free-play",
        setup: Setup::FencingOff,
    },
    Challenge {
        id: "through-the-gap",
        title: "Get a write through the fencing gap",
        goal_text: "Fencing is on and the barrier off. Get the storage to take a write from \
            a leader whose term has already been replaced.",
        hint: "Pause the leader at the worst moment for a little longer than the lease \
            takes to run out and be granted again (about 6–7 s): it must wake after the new \
            term is granted but before the new leader's first write reaches the storage.",
        explain: "Fencing compares a token only with the highest the storage has seen. \
            Right after a new term is granted, the storage has not yet seen the new token: \
            the new leader has not written. An old leader's write arriving in that gap \
            carries the highest token so far, so the storage takes it. The lease store \
            knew the term had changed; the storage did not.",
        goal: Goal::ThroughTheGap,
        setting: "The set-up: five nodes, fencing on, the barrier off, and the leader writes every 3 s. Nothing is scripted.",
        base: "free-play",
        setup: Setup::SlowWrites,
    },
    Challenge {
        id: "close-the-gap",
        title: "Close the gap again",
        goal_text: "This is the run whose zombie write slips through the gap at about 12.5 s. \
            Change the run so that the zombie's write is rejected instead, and nothing gets \
            through the gap.",
        hint: "Switch the barrier on before the new leader is elected (before about 11 s): \
            a new leader then writes its token to the storage first, before doing any work.",
        explain: "The barrier makes a new leader's first act a write of its new token, so \
            the storage learns the new term the moment the lease store grants it, not a \
            write later. The old leader's write then arrives below the highest token and is \
            refused: token 33 < 34. (Making the zombie's write arrive after the new \
            leader's first write closes it too.)",
        goal: Goal::CloseTheGap,
        setting: "The set-up: at 6 s the leader is paused for 6.5 s right after a lease check; it wakes after a new leader is elected but before that leader writes.",
        base: "stale-before-new-write",
        setup: Setup::Nothing,
    },
    Challenge {
        id: "two-leaders-no-pause",
        title: "Two leaders, nothing paused",
        goal_text: "Make two nodes believe they lead at the same time, without pausing \
            anything.",
        hint: "A node measures its lease on its own clock. Slow the leader's clock a lot \
            (select it: its clock, 50%), then cut it off from the others with ▮ Network… \
            (the leader alone on side B) so it can neither renew nor be heard.",
        explain: "A leader that cannot renew steps down when its lease runs out on its own \
            clock. A clock running at half speed makes that take twice as long in true \
            time, while the lease store, on true time, has long since granted the term to \
            someone else. Leases assume clocks drift only within a bound; break the bound \
            and their leases overlap: two valid leases by their holders' own clocks, which the \
            monitor counts as a violation of the lease, beyond the split brain you were asked \
            for. Fencing still protects the storage: once it has seen the newer token, the \
            older leader's writes are refused.",
        goal: Goal::TwoLeadersNoPause,
        setting: "The set-up: five nodes, fencing on, clocks true to start with. Nothing is scripted: what happens, you make happen.",
        base: "free-play",
        setup: Setup::Nothing,
    },
];

pub fn find(id: &str) -> Option<&'static Challenge> {
    CHALLENGES.iter().find(|c| c.id == id)
}

impl Challenge {
    /// The scenario the challenge starts from: its base with the set-up's changes, its
    /// title, and its goal as the narration; the base's lesson and expectations dropped.
    pub fn scenario(&self) -> Scenario {
        let mut s = builtin(self.base).expect("a challenge's base is built in");
        match self.setup {
            Setup::Nothing => {}
            Setup::FencingOff => {
                s.config.fencing = false;
                s.config.barrier = false;
            }
            Setup::SlowWrites => s.config.write_every_ms = 3000,
            Setup::ShortLease => {
                s.config.lease_ms = 2500;
                s.config.renew_every_ms = 800;
            }
        }
        s.name = format!("challenge-{}", self.id);
        s.title = format!("Challenge: {}", self.title);
        s.narration = vec![Narration::Text(self.setting.to_string())];
        s.lesson = None;
        s.expect = Default::default();
        s
    }

    pub fn watch(&self) -> Watch {
        Watch::new(self.goal, &self.scenario())
    }
}

/// Where a run stands against a goal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Not yet; how far along, in words.
    Trying(String),
    /// Reached at `at`: what did it, in words.
    Won { at: SimTime, how: String },
    /// This attempt can no longer win (a rule was broken, or the moment it needed has
    /// passed); why, in words. Try again starts a fresh attempt.
    Spoiled(String),
}

/// Judges a run against a goal, one event at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watch {
    goal: Goal,
    fencing: bool,
    pauses: u32,
    /// Faults other than pauses (and resumes, heals, restores, settings) used so far.
    others: Vec<&'static str>,
    /// When each new term was granted.
    grants: Vec<SimTime>,
    last_term: Option<Term>,
    violations: u32,
    superseded: u32,
    holder: Option<(NodeId, Term)>,
    /// The leader paused while holding its term: who, which term, since when.
    leader_pause: Option<(NodeId, Term, SimTime)>,
    /// The leader came back from a long enough pause still holding its term.
    came_back: Option<(NodeId, Term, u64)>,
    /// The latest thing worth telling about the goal.
    note: Option<String>,
    won: Option<(SimTime, String)>,
    spoiled: Option<String>,
    /// The first node paused: who, how many terms had been granted then, and whether it
    /// held the lease.
    first_pause: Option<(NodeId, usize, bool)>,
    /// That node awake again, and whether it has sent a write since.
    woke: Option<(NodeId, bool)>,
}

fn is_other_fault(c: &Command) -> bool {
    matches!(
        c,
        Command::Crash(_)
            | Command::Restart(_)
            | Command::Partition(_)
            | Command::CutLink(_)
            | Command::LinkDelay(_)
            | Command::ClockRate(_)
    )
}

impl Watch {
    pub fn new(goal: Goal, scenario: &Scenario) -> Watch {
        Watch {
            goal,
            fencing: scenario.config.fencing,
            pauses: 0,
            others: Vec::new(),
            grants: Vec::new(),
            last_term: None,
            violations: 0,
            superseded: 0,
            holder: None,
            leader_pause: None,
            came_back: None,
            note: None,
            won: None,
            spoiled: None,
            first_pause: None,
            woke: None,
        }
    }

    pub fn goal(&self) -> Goal {
        self.goal
    }

    /// The run could not be watched from its start (`why`): this attempt cannot be judged,
    /// so it can no longer win (unless it already has).
    pub fn cannot_judge(&mut self, why: String) {
        if self.won.is_none() && self.spoiled.is_none() {
            self.spoiled = Some(why);
        }
    }

    /// This attempt can no longer win (see `Standing::Spoiled`).
    pub fn spoiled(&self) -> bool {
        self.spoiled.is_some() && self.won.is_none()
    }

    pub fn observe_all<'a>(&mut self, events: impl IntoIterator<Item = &'a Event>) {
        for e in events {
            self.observe(e);
        }
    }

    pub fn observe(&mut self, e: &Event) {
        if self.won.is_some() || self.spoiled.is_some() {
            return;
        }
        self.follow(e);
        self.judge(e);
    }

    /// Keeps the facts the goals are judged by.
    fn follow(&mut self, e: &Event) {
        self.follow_the_pause(e);
        match &e.kind {
            EventKind::Fault { fault, .. } => match fault {
                Command::Pause(_) => self.pauses += 1,
                Command::Set(p) => {
                    if let Some(f) = p.fencing {
                        self.fencing = f;
                    }
                }
                c if is_other_fault(c) => self.others.push(c.name()),
                _ => {}
            },
            EventKind::Grant { node, term, .. } => {
                self.holder = Some((*node, *term));
                if self.last_term.is_none_or(|t| *term > t) {
                    self.grants.push(e.t);
                    self.last_term = Some(*term);
                }
                if let Some((paused, old, _)) = self.leader_pause {
                    if *term != old {
                        self.leader_pause = None;
                    }
                    if *term != old && self.goal == Goal::KeepLeaderThroughPause {
                        self.note = Some(format!(
                            "{paused} lost its lease while paused: {node} was granted term {term}"
                        ));
                    }
                }
            }
            EventKind::Expiry { node, term } if self.holder == Some((*node, *term)) => {
                self.holder = None;
            }
            EventKind::Paused { node, .. } => {
                if let Some((holder, term)) = self.holder.filter(|(h, _)| h == node) {
                    self.leader_pause = Some((holder, term, e.t));
                    self.came_back = None;
                }
            }
            EventKind::Resumed { node, .. } => {
                if let Some((n, term, since)) = self.leader_pause.filter(|(n, _, _)| n == node) {
                    self.leader_pause = None;
                    let ms = (e.t.0 - since.0) / 1000;
                    if ms >= KEEP_PAUSE_MS {
                        self.came_back = Some((n, term, ms));
                    } else if self.goal == Goal::KeepLeaderThroughPause {
                        self.note = Some(format!(
                            "{n} was paused only {}; pause it for at least {} s",
                            crate::describe::secs(fencing_sim::SimTime(e.t.0 - since.0)),
                            KEEP_PAUSE_MS / 1000
                        ));
                    }
                }
            }
            EventKind::Violation { .. } => self.violations += 1,
            EventKind::Write {
                verdict: Verdict::Superseded { .. },
                ..
            } => self.superseded += 1,
            _ => {}
        }
    }

    /// Decides, after each event, whether the goal is reached or out of reach.
    /// The first paused node, from its freeze to what it does on waking.
    fn follow_the_pause(&mut self, e: &Event) {
        use fencing_sim::node::Note;
        match &e.kind {
            EventKind::Paused { node, .. } if self.first_pause.is_none() => {
                let leads = self.holder.is_some_and(|(n, _)| n == *node);
                self.first_pause = Some((*node, self.grants.len(), leads));
            }
            EventKind::Resumed { node, .. } if self.first_pause.is_some_and(|p| p.0 == *node) => {
                self.woke.get_or_insert((*node, false));
            }
            EventKind::Node {
                node,
                note: Note::WriteSent { .. },
            } => {
                if let Some((n, sent)) = &mut self.woke {
                    *sent |= n == node;
                }
            }
            _ => {}
        }
    }

    /// Why a run with its one pause spent can no longer corrupt the data, if it cannot.
    fn one_pause_spent(&self, e: &Event) -> Option<String> {
        use fencing_sim::node::Note;
        let (node, grants, leads) = self.first_pause?;
        if !leads {
            return Some(format!(
                "the one pause froze {node}, a follower: only a leader's write can be stale. Pause the leader"
            ));
        }
        match &e.kind {
            EventKind::Resumed { node: n, .. } if *n == node && self.grants.len() == grants => {
                Some(format!(
                    "{node} woke still leading: no new term was granted while it was paused, so nothing it writes is stale. Pause it for longer than its lease"
                ))
            }
            EventKind::Node {
                node: n,
                note: Note::StepDown { .. },
            } if *n == node && self.woke == Some((node, false)) => Some(format!(
                "{node} woke, found its lease over by its own clock and stepped down without writing, and the one pause is spent. Pause it at the worst moment (right after a lease check), when its write is already decided"
            )),
            _ => None,
        }
    }

    fn judge(&mut self, e: &Event) {
        let won = |how: String| Some((e.t, how));
        match self.goal {
            Goal::ThroughTheGap => {
                if let EventKind::Write {
                    node,
                    token,
                    verdict: Verdict::Rejected { highest },
                    ..
                } = &e.kind
                {
                    self.note = Some(format!(
                        "{node}'s write with token {token} was rejected ({token} < {highest}): it came after the new leader's first write; wake it sooner"
                    ));
                } else if let EventKind::Write {
                    node,
                    token,
                    verdict: Verdict::Superseded { granted },
                    ..
                } = &e.kind
                {
                    if self.fencing {
                        self.won = won(format!(
                            "the storage took {node}'s write with token {token} although term {granted} was already granted"
                        ));
                    } else {
                        self.note = Some(
                            "that write went through the gap with fencing off; switch fencing on: the goal is to beat it"
                                .into(),
                        );
                    }
                }
            }
            Goal::CorruptWithOnePause => {
                if let Some(f) = self.others.first() {
                    self.spoiled = Some(format!(
                        "a {} was used; this challenge allows one pause and no other fault",
                        f.replace('_', " ")
                    ));
                } else if self.pauses > 1 {
                    self.spoiled = Some(format!(
                        "{} pauses were used; this challenge allows exactly one",
                        self.pauses
                    ));
                } else if let Some(why) = self.one_pause_spent(e) {
                    self.spoiled = Some(why);
                } else if let EventKind::Write {
                    node,
                    token,
                    verdict: Verdict::StaleAccepted { highest },
                    ..
                } = &e.kind
                {
                    if self.pauses == 1 {
                        self.won = won(format!(
                            "the storage took {node}'s stale write: {}, with one pause",
                            crate::describe::stale_words(*token, *highest)
                        ));
                    }
                }
            }
            Goal::FiveLeaders => {
                if self.violations > 0 {
                    self.spoiled = Some("a safety violation happened".into());
                } else if matches!(e.kind, EventKind::Grant { .. })
                    && self.grants.len() >= FIVE_LEADERS
                {
                    let first = self.grants[self.grants.len() - FIVE_LEADERS];
                    let span = e.t.0 - first.0;
                    if span <= FIVE_LEADERS_WINDOW_MS * 1000 {
                        self.won = won(format!(
                            "five terms granted within {}, the last term {}, no violation",
                            crate::describe::secs(SimTime(span)),
                            self.last_term.map_or(0, |t| t.0)
                        ));
                    }
                }
            }
            Goal::KeepLeaderThroughPause => {
                if let (Some((n, term, ms)), EventKind::Renewal { node, term: t, .. }) =
                    (self.came_back, &e.kind)
                {
                    if *node == n && *t == term {
                        self.won = won(format!(
                            "{n} was paused {}, came back and renewed term {term}: still the one leader",
                            crate::describe::secs(SimTime(ms * 1000))
                        ));
                    }
                }
            }
            Goal::TwoLeadersNoPause => {
                if self.pauses > 0 {
                    self.spoiled = Some("a node was paused; this challenge allows no pause".into());
                } else if let EventKind::SplitBrain { leaders } = &e.kind {
                    let names: Vec<String> = leaders.iter().map(|n| n.to_string()).collect();
                    let all = if names.len() == 2 { "both" } else { "all" };
                    self.won = won(format!("{} {all} believe they lead", names.join(" and ")));
                }
            }
            Goal::CloseTheGap => {
                if self.superseded > 0 {
                    self.spoiled = Some(match &e.kind {
                        EventKind::Write {
                            node,
                            token,
                            verdict: Verdict::Superseded { granted },
                            ..
                        } => format!(
                            "a write went through the gap: {node}'s, with token {token}, at {} s, after term {granted} was granted but before the storage had seen it",
                            crate::describe::stamp(e.t)
                        ),
                        _ => "a write went through the gap".into(),
                    });
                } else if let EventKind::Write {
                    node,
                    token,
                    verdict: Verdict::Rejected { highest },
                    ..
                } = &e.kind
                {
                    self.won = won(format!(
                        "the storage rejected {node}'s write: token {token} < {highest}"
                    ));
                }
            }
        }
    }

    /// Where the run stands now.
    pub fn standing(&self) -> Standing {
        if let Some((at, how)) = &self.won {
            return Standing::Won {
                at: *at,
                how: how.clone(),
            };
        }
        if let Some(why) = &self.spoiled {
            return Standing::Spoiled(why.clone());
        }
        Standing::Trying(self.progress())
    }

    fn progress(&self) -> String {
        if let Some(n) = &self.note {
            return n.clone();
        }
        match self.goal {
            Goal::ThroughTheGap if !self.fencing => {
                "fencing is off: switch it on, the goal is to beat it".into()
            }
            Goal::ThroughTheGap => "no write through the gap yet".into(),
            Goal::CorruptWithOnePause => format!(
                "pauses used: {} of 1; no stale write taken yet",
                self.pauses
            ),
            Goal::FiveLeaders => {
                let recent = self
                    .grants
                    .iter()
                    .rev()
                    .take_while(|t| {
                        self.grants
                            .last()
                            .is_some_and(|l| l.0 - t.0 <= FIVE_LEADERS_WINDOW_MS * 1000)
                    })
                    .count();
                format!("terms granted within 30 s: {recent} of {FIVE_LEADERS}")
            }
            Goal::KeepLeaderThroughPause => match self.leader_pause {
                Some((n, term, since)) => format!(
                    "{n} (leader, term {term}) paused at {} s",
                    crate::describe::stamp(since)
                ),
                None => "not yet: pause the leader for at least 3 s".into(),
            },
            Goal::TwoLeadersNoPause => "one leader at a time so far".into(),
            Goal::CloseTheGap => "the zombie's write has not reached the storage yet".into(),
        }
    }
}

/// A challenge being tried in the lab: the watch over this attempt, whether the hint is
/// shown, and the win, once reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Active {
    pub challenge: &'static Challenge,
    pub watch: Watch,
    pub hint: bool,
    pub won: Option<Won>,
}

/// A challenge reached: when, what did it, and the link to the run at that moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Won {
    pub at: SimTime,
    pub how: String,
    /// The share link's fragment body (`run=v2…`).
    pub link: String,
}

impl Active {
    pub fn new(challenge: &'static Challenge) -> Active {
        Active {
            challenge,
            watch: challenge.watch(),
            hint: false,
            won: None,
        }
    }
}
