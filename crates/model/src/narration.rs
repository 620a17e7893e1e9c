//! The narration that never contradicts the run. While a run follows its scenario as
//! written, the scenario's own lines are told, each at its moment (its time, or the event
//! it is anchored to, found by a reference run of the scenario as written: the same run,
//! since the simulation is deterministic). The moment the run departs from the script (a
//! different seed, node count or setting, the scripted faults switched off, any command a
//! person gives), the narration says so and what changed, and from then on it tells what
//! actually happens: a live commentary made from the trace, in teaching language. A
//! scenario with no scripted faults (free play) is commented live from the start.

use crate::describe::{command_words, dur, secs};
use crate::event_ring::EventRing;
use fencing_sim::lesson::Checkpoint;
use fencing_sim::node::{Note, Role};
use fencing_sim::scenario::Scenario;
use fencing_sim::storage::Verdict;
use fencing_sim::story::watch;
use fencing_sim::trace::Violation;
use fencing_sim::view::{NodeState, Snapshot};
use fencing_sim::{Event, EventKind, NodeId, SimTime, TimedCommand};

/// How many lines of live commentary the panel keeps.
pub const LIVE_LINES: usize = 8;

/// A scenario's own lines with the moment each comes in its scripted run, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Story {
    lines: Vec<(SimTime, String)>,
    /// The lesson's checkpoints with the moment each is asked, in order.
    checkpoints: Vec<(SimTime, Checkpoint)>,
    /// For each checkpoint, the event of the scripted run that settles its answer.
    proofs: Vec<Option<Event>>,
    /// The scripted run's key moment (its first notable verdict or violation).
    key_moment: Option<SimTime>,
    /// False for a story read from the file alone (`untold`): the scripted run that
    /// places its anchored lines and questions is still to be made (`of`).
    told: bool,
    /// Before that run: how many anchored lines wait for it (counted as to come).
    unplaced: usize,
}

impl Story {
    /// Runs the scenario as written to find when its anchored lines come; a line whose
    /// event never happens is left out (the story tests keep the built-in ones honest).
    pub fn of(written: &Scenario) -> Story {
        let w = watch(written);
        let times = w.times();
        let mut asked: Vec<(SimTime, Checkpoint, Option<Event>)> = written
            .lesson
            .iter()
            .flat_map(|l| l.checkpoints.iter())
            .zip(w.checkpoint_times())
            .zip(w.checkpoint_proofs())
            .filter_map(|((c, t), proof)| Some((t?, c.clone(), proof)))
            .collect();
        fencing_sim::order::sort_by_key(&mut asked, |(t, _, _)| *t);
        let (checkpoints, proofs) = asked.into_iter().map(|(t, c, p)| ((t, c), p)).unzip();
        Story {
            lines: lines_at(written, times),
            checkpoints,
            proofs,
            key_moment: w.key_moment(),
            told: true,
            unplaced: 0,
        }
    }

    /// The story as far as the file tells it without a run: its lines at fixed times, with
    /// `key_moment` as the caller knows it. Anchored lines and every question come when
    /// `of` has run the scenario: the page shows its first picture before that run
    /// (`Lab::opening`, on the default scenario, whose questions are all anchored).
    pub fn untold(written: &Scenario, key_moment: Option<SimTime>) -> Story {
        use fencing_sim::scenario::Anchor;
        let times: Vec<Option<SimTime>> = written
            .narration
            .iter()
            .map(|n| match n.anchor() {
                Anchor::At(ms) => Some(SimTime::from_ms(ms)),
                Anchor::On(_) => None,
            })
            .collect();
        Story {
            unplaced: times.iter().filter(|t| t.is_none()).count(),
            lines: lines_at(written, times),
            key_moment,
            ..Story::default()
        }
    }

    /// Whether the scripted run has placed every line and question (`of`).
    pub fn is_told(&self) -> bool {
        self.told
    }
    pub fn key_moment(&self) -> Option<SimTime> {
        self.key_moment
    }
    pub fn lines(&self) -> &[(SimTime, String)] {
        &self.lines
    }
    pub fn checkpoints(&self) -> &[(SimTime, Checkpoint)] {
        &self.checkpoints
    }
    /// The event settling each checkpoint's answer, in the order of `checkpoints`.
    pub fn proofs(&self) -> &[Option<Event>] {
        &self.proofs
    }
    /// The lesson's questions, with their proofs.
    pub fn quiz(&self) -> crate::quiz::Quiz {
        crate::quiz::Quiz::new(self.checkpoints.clone()).with_proofs(self.proofs.clone())
    }
}

/// `written`'s lines with their moments (`times`, in the file's order), in time order: a
/// line with none is left out.
fn lines_at(written: &Scenario, times: Vec<Option<SimTime>>) -> Vec<(SimTime, String)> {
    let mut lines: Vec<(SimTime, String)> = written
        .narration
        .iter()
        .zip(times)
        .filter_map(|(n, t)| Some((t?, n.text().to_string())))
        .collect();
    fencing_sim::order::sort_by_key(&mut lines, |(t, _)| *t);
    lines
}

/// Where a run leaves its script, and what changed, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Departure {
    pub at: SimTime,
    pub what: String,
}

/// How `run` (with the person's `commands`) departs from `written`, if it does: changes to
/// the set-up depart at 0, a changed scripted fault at its time, a command at its time.
pub fn departure(
    written: &Scenario,
    run: &Scenario,
    commands: &[TimedCommand],
) -> Option<Departure> {
    let on_off = |b: bool| if b { "on" } else { "off" };
    let (w, r) = (&written.config, &run.config);
    let mut setup = Vec::new();
    if written.seed != run.seed {
        setup.push(format!("seed {} instead of {}", run.seed, written.seed));
    }
    if w.nodes != r.nodes {
        setup.push(format!("{} nodes instead of {}", r.nodes, w.nodes));
    }
    if w.fencing != r.fencing {
        setup.push(format!("fencing is {}", on_off(r.fencing)));
    }
    if w.barrier != r.barrier {
        setup.push(format!("the barrier is {}", on_off(r.barrier)));
    }
    if w.lease_ms != r.lease_ms {
        let len = |ms: u64| crate::describe::ms_words(ms);
        setup.push(format!(
            "a {} lease instead of {}",
            len(r.lease_ms),
            len(w.lease_ms)
        ));
    }
    let (mut w_rest, mut r_rest) = (w.clone(), r.clone());
    (
        w_rest.nodes,
        w_rest.fencing,
        w_rest.barrier,
        w_rest.lease_ms,
    ) = (0, false, false, 0);
    (
        r_rest.nodes,
        r_rest.fencing,
        r_rest.barrier,
        r_rest.lease_ms,
    ) = (0, false, false, 0);
    if w_rest != r_rest {
        setup.push("other settings".to_string());
    }
    if run.faults.is_empty() && !written.faults.is_empty() {
        setup.push("the scripted faults are off".to_string());
    }
    if !setup.is_empty() {
        return Some(Departure {
            at: SimTime::ZERO,
            what: setup.join(", "),
        });
    }
    // The first scripted fault that differs, and the first command: the earlier counts.
    let changed_fault = written
        .faults
        .iter()
        .zip(run.faults.iter().map(Some).chain(std::iter::repeat(None)))
        .find(|(a, b)| Some(*a) != *b)
        .map(|(a, _)| a.at_ms)
        .or_else(|| run.faults.get(written.faults.len()).map(|f| f.at_ms));
    let first_command = commands.first();
    match (changed_fault, first_command) {
        (Some(f), c) if c.is_none_or(|c| f <= c.at_ms) => Some(Departure {
            at: SimTime::from_ms(f),
            what: "the scripted faults were changed".to_string(),
        }),
        (_, Some(c)) => Some(Departure {
            at: SimTime::from_ms(c.at_ms),
            what: format!(
                "at {} you {}",
                secs(SimTime::from_ms(c.at_ms)),
                command_words(&c.command)
            ),
        }),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// One of the scenario's own lines.
    Scripted,
    /// Where the run left its script.
    Departed,
    /// Commentary on what happened.
    Live,
    /// The state of things now (a frozen node that still believes it leads).
    Now,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub at: SimTime,
    pub kind: LineKind,
    pub text: String,
}

/// What the narration panel shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NarrationView {
    /// Oldest first; the last one is the current line.
    pub lines: Vec<Line>,
    /// Scripted lines still to come (none once the run has left its script).
    pub upcoming: usize,
}

/// The panel's lines at `snapshot.now`: the story up to the departure (or all of it that
/// has come), then the departure note, the live commentary from the recent events, and
/// what holds now.
pub fn view(
    story: &Story,
    departure: Option<&Departure>,
    live_from_start: bool,
    events: &EventRing,
    snapshot: &Snapshot,
    set: Setting,
) -> NarrationView {
    let now = snapshot.now;
    // Lines after the departure are never told: the run no longer follows them.
    let in_script = |t: SimTime| departure.is_none_or(|d| t <= d.at);
    let mut lines: Vec<Line> = story
        .lines()
        .iter()
        .filter(|(t, _)| *t <= now && in_script(*t))
        .map(|(t, text)| Line {
            at: *t,
            kind: LineKind::Scripted,
            text: text.clone(),
        })
        .collect();
    let upcoming = story
        .lines()
        .iter()
        .filter(|(t, _)| *t > now && in_script(*t))
        .count()
        + story.unplaced;
    let live_from = match departure {
        Some(d) if d.at <= now => {
            lines.push(Line {
                at: d.at,
                kind: LineKind::Departed,
                text: format!(
                    "You changed this run ({}). The scenario's script no longer applies; from here the narration tells what actually happens.",
                    d.what
                ),
            });
            Some(d.at)
        }
        Some(_) => None,
        None => live_from_start.then_some(SimTime::ZERO),
    };
    if let Some(from) = live_from {
        let mut live = commentary(events, from, now, set);
        let skip = live.len().saturating_sub(LIVE_LINES);
        lines.extend(live.drain(skip..));
        lines.extend(now_lines(events, snapshot));
    }
    NarrationView { lines, upcoming }
}

/// What the run is set to that the commentary's words depend on: it never says fencing
/// guards a run without fencing, nor that a barrier would help a run that has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    pub fencing: bool,
    pub barrier: bool,
}

impl Setting {
    pub fn of(config: &fencing_sim::Config) -> Setting {
        Setting {
            fencing: config.fencing,
            barrier: config.barrier,
        }
    }
}

/// The commentary on the kept events from `from` to `now`, oldest first.
pub fn commentary(events: &EventRing, from: SimTime, now: SimTime, set: Setting) -> Vec<Line> {
    let mut told = Told::default();
    let mut out = Vec::new();
    for e in events.iter().filter(|e| e.t <= now) {
        // Follow who is frozen through the whole window, to speak of it rightly.
        let mut text = say(e, &told, set);
        match &e.kind {
            EventKind::Node {
                note: Note::OldTermRefused { from, term, .. },
                ..
            } if !told.first_refusal((*from, term.0)) => text = None,
            EventKind::Write {
                token,
                verdict: Verdict::Accepted,
                ..
            } if told.last_token.replace(token.0) == Some(token.0) => text = None,
            EventKind::Grant { .. } => told.granted = true,
            EventKind::Paused { node, .. } if !told.paused.contains(node) => {
                told.paused.push(*node)
            }
            EventKind::Resumed { node, .. } | EventKind::Crashed { node } => {
                told.paused.retain(|n| n != node);
            }
            _ => {}
        }
        if e.t >= from {
            if let Some(text) = text {
                out.push(Line {
                    at: e.t,
                    kind: LineKind::Live,
                    text,
                });
            }
        }
    }
    out
}

/// What the commentary has followed so far through the events. Short lists (a handful of
/// nodes; an old term refused once each): a `BTreeSet` per item type would cost about 4 kB
/// of wasm each.
#[derive(Default)]
struct Told {
    paused: Vec<NodeId>,
    last_token: Option<u64>,
    /// Old terms already told of: one line for the first follower to refuse each.
    refused: Vec<(NodeId, u64)>,
    /// A grant has been told: the first one says what a token is.
    granted: bool,
}

impl Told {
    /// True the first time `from` is seen refusing this old term (then noted).
    fn first_refusal(&mut self, refusal: (NodeId, u64)) -> bool {
        let first = !self.refused.contains(&refusal);
        if first {
            self.refused.push(refusal);
        }
        first
    }
}

/// Split brain against lease overlap, in the words used wherever either is shown.
pub fn split_brain_words(fencing: bool) -> &'static str {
    if fencing {
        "Split brain, not a violation by itself: one of them has not yet learned it was replaced. Fencing decides whose writes count: the storage refuses the older token once it has seen the newer."
    } else {
        "Split brain, not a violation by itself: one of them has not yet learned it was replaced. But fencing is off: the storage will take the older leader's writes as if they were new."
    }
}

/// A lease overlap, unlike split brain, breaks the lease's own promise.
pub fn lease_overlap_words(fencing: bool) -> &'static str {
    if fencing {
        "A lease overlap: two valid leases at once, each by its holder's own clock. The lease's promise is broken (it assumed clocks drift only within a bound), so the monitor counts a violation; fencing still guards the data."
    } else {
        "A lease overlap: two valid leases at once, each by its holder's own clock. The lease's promise is broken (it assumed clocks drift only within a bound), so the monitor counts a violation, and with fencing off nothing guards the data."
    }
}

fn say(e: &Event, told: &Told, set: Setting) -> Option<String> {
    let paused = &told.paused;
    Some(match &e.kind {
        EventKind::Grant { node, term, .. } if !told.granted => format!(
            "{node} takes the lease from the lease store: term {term}. Its fencing token is that term: its writes carry token {term}{}",
            if set.fencing { "." } else { ", though with fencing off the storage does not check it." }
        ),
        EventKind::Grant { node, term, .. } => {
            format!("{node} takes the lease from the lease store: term {term}, so its writes carry token {term}.")
        }
        EventKind::Expiry { node, term } => {
            if paused.contains(node) {
                format!("By the lease store's clock, {node}'s lease (term {term}) is over. {node} is frozen and cannot know.")
            } else {
                format!("By the lease store's clock, {node}'s lease (term {term}) is over.")
            }
        }
        EventKind::Paused { node, worst_moment, until } => {
            let how = match until {
                Some(u) => format!("until {}", secs(*u)),
                None => "until resumed".to_string(),
            };
            if *worst_moment {
                format!("{node} passes its lease check and freezes right after ({how}): the worst moment. {FROZEN}")
            } else {
                format!("{node} freezes ({how}), like a long GC pause or a frozen VM. {FROZEN}")
            }
        }
        EventKind::PauseArmed { node } => {
            format!("{node} will freeze right after its next lease check passes.")
        }
        EventKind::Resumed { node, held } => format!(
            "{node} wakes. Its clock ran on while it was frozen, but what it was doing goes on without a new check (a write it checked before the pause is sent as it is); the {held} message{} and timer{} that waited for it now run.",
            if *held == 1 { "" } else { "s" },
            if *held == 1 { "" } else { "s" }
        ),
        EventKind::Crashed { node } => {
            format!("{node} crashes: it loses what it held in memory, but not the highest term it has seen.")
        }
        EventKind::Restarted { node, term } => {
            format!("{node} restarts as a follower that remembers term {term}. It does not assume it leads.")
        }
        EventKind::Node {
            node,
            note: Note::StepDown { term, reason },
        } => format!("{node} steps down from term {term}: {}.", reason.describe()),
        EventKind::Node {
            node,
            note: Note::OldTermRefused { from, term, current },
        } => format!("{node} refuses {from}'s heartbeat: its term {term} is older than {current}, the term {node} follows. The generation clock works on the followers too: an old leader cannot lead them."),
        EventKind::Write { node, token, verdict, value } => {
            let what = if value.is_some() { "write" } else { "barrier" };
            match verdict {
                Verdict::Accepted => {
                    if told.last_token == Some(token.0) {
                        return None;
                    }
                    format!("The storage accepts {node}'s {what} with token {token}; its highest token is {token}.")
                }
                Verdict::Rejected { highest } => format!(
                    "The storage refuses {node}'s {what}: token {token} < {highest}. Fencing stopped a leader that had been replaced."
                ),
                Verdict::StaleAccepted { highest } => format!(
                    "Fencing is off, so the storage ACCEPTS {node}'s {what} with the STALE token {token} (it had seen {highest}). An old leader's data overwrote newer data: corruption."
                ),
                Verdict::Superseded { granted } => format!(
                    "The storage takes {node}'s {what} with token {token}, though term {granted} was already granted: it has not seen {granted} yet. Through the fencing gap; {}",
                    if set.barrier {
                        "the new leader's barrier had not reached the storage yet."
                    } else {
                        "a barrier would have closed it."
                    }
                ),
            }
        }
        EventKind::Fault { fault, .. } => format!("Done: {}.", command_words(fault)),
        EventKind::FaultSkipped { fault, reason } => {
            format!("Not done: {} ({reason}).", command_words(fault))
        }
        EventKind::SplitBrain { leaders } => {
            let names: Vec<String> = leaders.iter().map(|l| l.to_string()).collect();
            format!(
                "{} each believe they lead. {}",
                names.join(" and "),
                split_brain_words(set.fencing)
            )
        }
        EventKind::SplitBrainOver => "Only one node believes it leads again.".to_string(),
        EventKind::Violation {
            violation: violation @ Violation::LeaseOverlap { .. },
        } => format!("{}. {}", violation.describe(), lease_overlap_words(set.fencing)),
        EventKind::Violation { violation } => format!("Safety violation: {}.", violation.describe()),
        _ => return None,
    })
}

/// What a frozen node's clock does, said one way everywhere: it keeps time; the node runs
/// nothing, so it never looks at it.
pub const FROZEN: &str = "Its clock runs on, but it runs nothing, so it does not look at it.";

/// What holds now that the events alone do not say: a frozen node that still believes it
/// leads on a lease the store has already expired.
fn now_lines(events: &EventRing, s: &Snapshot) -> Vec<Line> {
    s.nodes
        .iter()
        .filter(|n| matches!(n.state, NodeState::Paused { .. }) && n.role == Role::Leader)
        .filter_map(|n| {
            let expired = events.iter().rev().find_map(|e| match e.kind {
                EventKind::Expiry { node, term } if node == n.id && term == n.term => Some(e.t),
                _ => None,
            });
            // Its own clock ran on while it was frozen: say what it reads, not that no time passed.
            let own = match n.lease_left {
                Some(l) if l.0 > 0 => format!("by its own clock {} of it is left", dur(l)),
                _ => "by its own clock it has run out too".to_string(),
            };
            let text = match expired {
                Some(t) => format!(
                    "{} is frozen and still believes it leads with term {}. The store expired that lease {} ago, and {own}, but frozen, {} does not look.",
                    n.id,
                    n.term,
                    dur(s.now.since(t)),
                    n.id
                ),
                None if s.lease.holder != Some(n.id) || s.lease.term != n.term => format!(
                    "{} is frozen and still believes it leads with term {}, but the store no longer counts it as the holder; {own}.",
                    n.id, n.term
                ),
                None => return None,
            };
            Some(Line {
                at: s.now,
                kind: LineKind::Now,
                text,
            })
        })
        .collect()
}
