//! What the page shows that is computed from the lab rather than stored in it: a brief of
//! each node for the controls, the recent drops the picture marks, the "about this run"
//! facts, how fast the panels may refresh and how many rows they keep, and the words of
//! the status readouts. Components receive these as props and only draw them.

use crate::describe::{node_words, secs};
use crate::lab::Lab;
use fencing_sim::view::{NodeState, Snapshot};
use fencing_sim::{Actor, EventKind, NodeId, SimTime, Term};

/// What the controls need to know about a node (so they redraw only when it changes).
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBrief {
    pub id: NodeId,
    pub role: String,
    pub state: Option<String>,
    pub term: Term,
    pub crashed: bool,
    pub paused: bool,
    pub pause_armed: bool,
    pub clock_rate_ppm: i64,
}

impl NodeBrief {
    pub fn of(s: &Snapshot) -> Vec<NodeBrief> {
        s.nodes
            .iter()
            .map(|n| {
                let (role, state) = node_words(n, s.now);
                NodeBrief {
                    id: n.id,
                    role,
                    state,
                    term: n.term,
                    crashed: matches!(n.state, NodeState::Crashed),
                    paused: matches!(n.state, NodeState::Paused { .. }),
                    pause_armed: n.pause_armed,
                    clock_rate_ppm: n.clock_rate_ppm,
                }
            })
            .collect()
    }
}

/// A message that was dropped recently, drawn as a vanishing mark where it died.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DropMark {
    pub from: Actor,
    pub to: Actor,
    pub at: SimTime,
}

/// How many recent drops the picture marks at most.
pub const DROP_MARKS: usize = 16;

/// How long (virtual µs) a drop mark stays: about 0.8 s of real time at this speed, and
/// never less than 0.3 s of virtual time.
pub fn drop_window_us(speed: f64) -> u64 {
    ((0.8 * speed * 1e6) as u64).max(300_000)
}

/// The drops of the last `window_us` before the lab's present, oldest first, at most
/// `DROP_MARKS`.
pub fn recent_drops(lab: &Lab, window_us: u64) -> Vec<DropMark> {
    drops_in(&lab.run.events, lab.run.snapshot.now, window_us)
}

/// The drops among `events` in the `window_us` before `now` (the compare view's twin has
/// its own events).
pub fn drops_in(events: &crate::EventRing, now: SimTime, window_us: u64) -> Vec<DropMark> {
    let since = SimTime(now.0.saturating_sub(window_us));
    let mut v: Vec<DropMark> = events
        .iter()
        .rev()
        .take_while(|e| e.t >= since)
        .filter_map(|e| match &e.kind {
            EventKind::Drop { from, to, .. } => Some(DropMark {
                from: *from,
                to: *to,
                at: e.t,
            }),
            _ => None,
        })
        .take(DROP_MARKS)
        .collect();
    v.reverse();
    v
}

/// The facts of "About this run".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct About {
    pub scenario: String,
    pub seed: u64,
    pub fencing: bool,
    pub commands: usize,
    pub now_us: u64,
    pub trace_hash: String,
    /// The compare twin's hash, when comparing, and what it runs with ("fencing off").
    pub twin_hash: Option<String>,
    pub twin_differs: Option<String>,
}

impl About {
    pub fn of(lab: &Lab) -> About {
        About {
            scenario: lab.run.scenario.name.clone(),
            seed: lab.run.scenario.seed,
            fencing: lab.fencing(),
            commands: lab.commands().len(),
            now_us: lab.run.snapshot.now.0,
            trace_hash: lab.run.snapshot.trace_hash.clone(),
            twin_hash: lab.run.twin.as_ref().map(|t| t.snapshot.trace_hash.clone()),
            twin_differs: lab.run.twin.as_ref().map(|t| t.differs()),
        }
    }

    /// `later` is this run's own later state (same scenario, seed, fencing and commands,
    /// time not gone back): a readout may skip to it on its next refresh. Anything else is
    /// a jump, shown at once.
    pub fn continues(&self, later: &About) -> bool {
        (
            &self.scenario,
            self.seed,
            self.fencing,
            self.commands,
            &self.twin_differs,
        ) == (
            &later.scenario,
            later.seed,
            later.fencing,
            later.commands,
            &later.twin_differs,
        ) && self.now_us <= later.now_us
    }
}

/// Event-log rows shown at most: enough to scroll back through when paused.
pub const LOG_ROWS: usize = 150;
/// Event-log rows while playing fast, when the log scrolls too quickly to read and
/// redrawing a long list four times a second would cost frames.
pub const LOG_ROWS_FAST: usize = 30;
/// Storage rows shown at most (the storage keeps more; the panel scrolls).
pub const STORAGE_ROWS: usize = 40;
/// Storage rows while playing very fast (a table lays out all its rows again when one is
/// added). At 50× one refresh of the table (a quarter of a second) brings about a dozen
/// writes, so this keeps every write, a rejected one included, on screen for at least two
/// refreshes.
pub const STORAGE_ROWS_FAST: usize = 25;

/// How fast the run goes for the eye: above 2× the log is too fast to read, and above 5×
/// the storage table, the diagram and the clock readouts too fast to follow, so they
/// refresh a few times a second instead of every frame (see `refresh`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub fast: bool,
    pub very_fast: bool,
}

impl Pace {
    pub fn of(lab: &Lab) -> Pace {
        Pace {
            fast: lab.run.playing && lab.speed_factor() > 2.0,
            very_fast: lab.run.playing && lab.speed_factor() > 5.0,
        }
    }
    pub fn log_rows(self) -> usize {
        if self.fast {
            LOG_ROWS_FAST
        } else {
            LOG_ROWS
        }
    }
    pub fn storage_rows(self) -> usize {
        if self.very_fast {
            STORAGE_ROWS_FAST
        } else {
            STORAGE_ROWS
        }
    }
}

/// "12.3 s of virtual time · 0.25× · stopped"
pub fn clock_text(lab: &Lab, now: SimTime) -> String {
    format!(
        "{} · {}×{}",
        secs(now),
        lab.speed_factor(),
        if lab.run.playing { "" } else { " · stopped" }
    )
}

/// The slow motion in force while playing, in words for a badge on the picture: "slow
/// motion 0.1×: a write with an old token is in flight".
pub fn slow_motion_text(lab: &Lab) -> Option<String> {
    lab.run
        .slow
        .filter(|m| lab.run.playing && m.cap < lab.speed_factor())
        .map(|m| format!("slow motion {}×: {}", m.cap, m.why))
}

/// "on" or "OFF" (off is the surprising case, so it shouts).
pub fn fencing_word(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "OFF"
    }
}

/// The storage panel's heading: in compare mode it says which side this is.
pub fn storage_title(lab: &Lab) -> String {
    if let Some(t) = &lab.run.twin {
        format!("Storage, {}", t.knob.words(lab.config()))
    } else {
        "Storage: every write and its verdict".to_string()
    }
}

/// One chip of the findings strip: what it counts, in words with the right plural; its
/// tone; what it explains on hover; and the finding it leads to when clicked (its first
/// moment in the run), if it has happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chip {
    pub key: &'static str,
    pub text: String,
    pub tone: Option<Tone>,
    pub title: &'static str,
    pub go: Option<crate::pacing::Finding>,
}

/// How a chip's news is to be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Happening now and worth a look (split brain).
    Alert,
    /// Harm done: a safety violation, a stale write taken.
    Bad,
    /// Safety doing its work: an old token rejected.
    Good,
    /// Taken through the fencing gap.
    Warn,
    /// Worth knowing: old-term messages refused.
    Info,
}

/// The findings strip's chips after the clock: the leader, split brain, violations, and
/// the three notable verdicts.
pub fn finding_chips(f: &fencing_sim::view::Findings) -> Vec<Chip> {
    use crate::pacing::{count, Finding};
    let leaders: Vec<String> = f.leaders.iter().map(|l| l.to_string()).collect();
    let leader = leader_text(f);
    let split = if f.split_brain_now {
        format!(
            "⚡ split brain now: {} think they lead",
            leaders.join(" and ")
        )
    } else if f.split_brain_ms > 0 {
        format!(
            "⚡ split brain for {}",
            crate::describe::ms_words(f.split_brain_ms)
        )
    } else {
        "one leader at a time".to_string()
    };
    vec![
        Chip {
            key: "leader",
            text: leader,
            tone: None,
            title: "who believes it leads now, with its term: the lease store's grant, which its writes carry as their fencing token (token 33 is term 33's grant)",
            go: None,
        },
        Chip {
            key: "split-brain",
            text: split,
            tone: f.split_brain_now.then_some(Tone::Alert),
            title: if f.fencing {
                "split brain: more than one node believes it leads (expected after a pause or a cut: one has not learned it was replaced). Not a violation by itself: fencing at the storage refuses the older token once it has seen the newer"
            } else {
                "split brain: more than one node believes it leads (expected after a pause or a cut: one has not learned it was replaced). Not a violation by itself, but fencing is OFF: the storage takes the older leader's writes too"
            },
            go: (f.split_brain_ms > 0 || f.split_brain_now).then_some(Finding::SplitBrain),
        },
        Chip {
            key: "violations",
            text: violations_text(f),
            tone: (f.violations > 0).then_some(Tone::Bad),
            title: "the monitor's safety checks: the storage's order, terms never reused or going back, no stale write taken, and no lease overlap (two valid leases at once by their holders' own clocks: the lease's promise broken by clock drift; unlike split brain, a violation)",
            go: (f.violations > 0).then_some(Finding::Violation),
        },
        Chip {
            key: "rejected",
            // At zero a chip is short (the strip is one row); once it counts, it says what.
            text: if f.rejected == 0 {
                "⊘ 0 rejected".to_string()
            } else {
                format!("⊘ {} rejected", count(f.rejected, "write", "writes"))
            },
            tone: (f.rejected > 0).then_some(Tone::Good),
            title: "writes the storage refused for carrying a token lower than one it had seen: fencing at work",
            go: (f.rejected > 0).then_some(Finding::Rejected),
        },
        Chip {
            key: "stale",
            text: if f.stale_accepted == 0 {
                "⚠ 0 stale".to_string()
            } else {
                format!("⚠ {} taken", count(f.stale_accepted, "stale write", "stale writes"))
            },
            tone: (f.stale_accepted > 0).then_some(Tone::Bad),
            title: "writes with an old token the storage took because fencing was off: corrupted data",
            go: (f.stale_accepted > 0).then_some(Finding::Stale),
        },
        Chip {
            key: "superseded",
            text: if f.superseded_accepted == 0 {
                "↯ 0 through the gap".to_string()
            } else {
                format!(
                    "↯ {} through the gap",
                    count(f.superseded_accepted, "write", "writes")
                )
            },
            tone: (f.superseded_accepted > 0).then_some(Tone::Warn),
            title: "taken although a higher term was already granted: the storage had not seen it yet (a barrier closes this gap)",
            go: (f.superseded_accepted > 0).then_some(Finding::Superseded),
        },
        Chip {
            key: "old-term",
            text: if f.old_term_refused == 0 {
                "↩ 0 refused".to_string()
            } else {
                format!("↩ {} refused", count(f.old_term_refused, "old term", "old terms"))
            },
            tone: (f.old_term_refused > 0).then_some(Tone::Info),
            title: "messages followers refused because they carried an older term than the one they follow: the generation clock on the followers' side",
            go: (f.old_term_refused > 0).then_some(Finding::OldTermRefused),
        },
    ]
}

/// "♛ leader n2 · term 34" when the one leader holds the newest grant; otherwise each
/// leader with its own term ("♛ leaders n4 (term 33), n3 (term 34)"), so an old leader is
/// never shown beside a term it does not hold.
fn leader_text(f: &fencing_sim::view::Findings) -> String {
    let terms = f
        .leader_terms
        .iter()
        .copied()
        .chain(std::iter::repeat(f.max_term));
    let each: Vec<(String, u64)> = f.leaders.iter().map(|l| l.to_string()).zip(terms).collect();
    match each.as_slice() {
        [] if f.max_term == 0 => "no leader yet".to_string(),
        [] => format!("no leader · last grant term {}", f.max_term),
        [(one, t)] if *t == f.max_term => format!("♛ leader {one} · term {t}"),
        [(one, t)] => format!("♛ leader {one} (term {t}; term {} granted)", f.max_term),
        many => {
            let all: Vec<String> = many
                .iter()
                .map(|(l, t)| format!("{l} (term {t})"))
                .collect();
            format!("♛ leaders {}", all.join(", "))
        }
    }
}

/// The violations chip: lease overlaps named as such (they are not split brain).
fn violations_text(f: &fencing_sim::view::Findings) -> String {
    use crate::pacing::count;
    let others = f.violations.saturating_sub(f.lease_overlaps);
    match (f.lease_overlaps, others) {
        (0, 0) => "✓ no safety violation".to_string(),
        (0, n) => format!("⚠ {}", count(n, "safety violation", "safety violations")),
        (o, 0) => format!(
            "⚠ {} (a violation)",
            count(o, "lease overlap", "lease overlaps")
        ),
        (o, n) => format!(
            "⚠ {}, {}",
            count(n, "safety violation", "safety violations"),
            count(o, "lease overlap", "lease overlaps")
        ),
    }
}

/// The chips while a lesson's question waits for an answer: the leader (the question's
/// premise), and in place of the counts one chip that says they are held, for a count of
/// violations, rejections or refusals would often be the answer.
pub fn chips_while_asking(f: &fencing_sim::view::Findings) -> Vec<Chip> {
    let mut chips: Vec<Chip> = finding_chips(f)
        .into_iter()
        .filter(|c| c.key == "leader")
        .collect();
    chips.push(Chip {
        key: "held",
        text: "⋯ the counts return when you answer".into(),
        tone: None,
        title: "Violations, rejections and refusals are held while a question is open: they could give its answer away. Answer it, or skip it, to see them.",
        go: None,
    });
    chips
}
