//! The explorer: searches random fault schedules over a scenario's config for one that
//! reaches a goal (a safety violation, a stale write taken, a write through the fencing
//! gap, split brain, flapping leadership), then shrinks it (delta debugging: drop faults,
//! shorten pauses and delays, round times, fewer nodes) until nothing smaller still reaches
//! the goal, and writes it as a scenario file with a narration of its own.
//!
//! Schedules are drawn swarm-style: each first draws which fault kinds it may use, so some
//! schedules are all pauses and others all partitions, which finds more than one mix for
//! all. Everything is decided by the explorer's seed and the schedule's number, so the same
//! seed and settings give the same search and the same result, natively and in wasm. Clock
//! drift stays within the bound the nodes assume (`drift_bound_ppm`): beyond it, leases
//! are unsafe by design, and the explorer looks for what breaks within the rules.

use crate::command::{
    ActorRef, ClockRateArgs, Command, ConfigPatch, Empty, LinkArgs, LinkDelayArgs, NodeArgs,
    NodeRef, PartitionArgs, PauseArgs, TimedCommand,
};
use crate::ids::NodeId;
use crate::pattern::{Claim, Pattern};
use crate::rng::{SimRng, Stream};
use crate::scenario::{Beat, Expect, Narration, Scenario};
use crate::time::SimTime;
use crate::world::Sim;
use serde_json::json;

/// What the search looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// Any safety violation the monitor reports.
    Violation,
    /// A stale write taken by the storage (fencing off).
    Stale,
    /// A write taken through the fencing gap.
    Superseded,
    /// Two nodes believing they lead at once.
    SplitBrain,
    /// `FLAP_TERMS` terms granted within `FLAP_WINDOW_MS`.
    Flapping,
}

pub const GOALS: &[(&str, Goal)] = &[
    ("violation", Goal::Violation),
    ("stale", Goal::Stale),
    ("superseded", Goal::Superseded),
    ("split-brain", Goal::SplitBrain),
    ("flapping", Goal::Flapping),
];

/// Flapping: this many terms granted…
pub const FLAP_TERMS: u64 = 5;
/// …within this long.
pub const FLAP_WINDOW_MS: u64 = 10_000;
/// How often a run is checked for the goal (and how early it can stop).
const SLICE_US: u64 = 250_000;
/// Most faults (and setting changes) a drawn schedule has.
const MAX_FAULTS: u64 = 6;
/// The shrinker gives up after this many runs (it normally needs a few dozen).
const SHRINK_RUNS: u64 = 5000;

impl Goal {
    pub fn parse(s: &str) -> Option<Goal> {
        GOALS.iter().find(|(n, _)| *n == s).map(|(_, g)| *g)
    }

    pub fn name(self) -> &'static str {
        GOALS
            .iter()
            .find(|(_, g)| *g == self)
            .map_or("?", |(n, _)| n)
    }

    /// The goal in words, for the narration.
    pub fn words(self) -> &'static str {
        match self {
            Goal::Violation => "a safety violation",
            Goal::Stale => "a stale write taken by the storage",
            Goal::Superseded => "a write taken through the fencing gap",
            Goal::SplitBrain => "two nodes believing they lead at once",
            Goal::Flapping => "leadership flapping: five terms granted within 10 s",
        }
    }

    /// What reaching the goal means, for the narration's last line.
    pub fn meaning(self) -> &'static str {
        match self {
            Goal::Violation => "The monitor reports a safety violation: something the protocol promises did not hold.",
            Goal::Stale => "The storage takes a write whose token is lower than one it already took: with fencing off nothing refuses it, and newer data is overwritten.",
            Goal::Superseded => "The storage takes a write from a leader whose term was already replaced: the new leader had not written yet, so the storage had not seen the newer token. The barrier closes this gap.",
            Goal::SplitBrain => "Two nodes believe they lead at the same moment; fencing is what keeps the storage safe from the older one.",
            Goal::Flapping => "Five terms granted within 10 s: leadership keeps changing hands, which costs progress, not safety.",
        }
    }

    /// The trace event that shows the goal reached (its first one).
    fn pattern(self, first_term: u64) -> Pattern {
        let v = match self {
            Goal::Violation => json!({"kind": "violation"}),
            Goal::Stale => json!({"kind": "write", "verdict": {"verdict": "stale_accepted"}}),
            Goal::Superseded => json!({"kind": "write", "verdict": {"verdict": "superseded"}}),
            Goal::SplitBrain => json!({"kind": "split_brain"}),
            Goal::Flapping => json!({"kind": "grant", "term": first_term + FLAP_TERMS - 1}),
        };
        match v {
            serde_json::Value::Object(m) => Pattern(m),
            _ => unreachable!("the patterns above are objects"),
        }
    }
}

/// What to search over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub goal: Goal,
    /// Fencing on or off for the search (else the scenario's).
    pub fencing: Option<bool>,
    pub barrier: Option<bool>,
    pub seed: u64,
    /// Keep the scenario's scripted faults under the drawn ones.
    pub keep_faults: bool,
}

/// Watches a run for a goal, slice by slice.
struct Judge {
    goal: Goal,
    /// Grants counted at each slice's end, for flapping: (time, grants so far).
    grants: Vec<(SimTime, u64)>,
}

impl Judge {
    fn reached(&mut self, sim: &Sim) -> bool {
        let t = sim.totals();
        match self.goal {
            Goal::Violation => t.violation_count > 0,
            Goal::Stale => t.stale_accepted > 0,
            Goal::Superseded => t.superseded_accepted > 0,
            Goal::SplitBrain => sim.monitor().split_brain_seen(),
            Goal::Flapping => {
                let now = sim.now();
                self.grants.push((now, t.grants));
                let from = SimTime(now.0.saturating_sub(FLAP_WINDOW_MS * 1000));
                let before = self
                    .grants
                    .iter()
                    .rev()
                    .find(|(at, _)| *at <= from)
                    .map_or(0, |(_, g)| *g);
                t.grants - before >= FLAP_TERMS
            }
        }
    }
}

/// When `scenario` reaches `goal` (to within a slice), if it does before its end.
pub fn reaches(scenario: &Scenario, goal: Goal) -> Option<SimTime> {
    let mut sim = Sim::new(scenario);
    sim.discard_events();
    sim.skip_trace_hash();
    let mut judge = Judge {
        goal,
        grants: Vec::new(),
    };
    let end = SimTime::from_ms(scenario.until_ms);
    while sim.now() < end {
        sim.run_until(SimTime(sim.now().0 + SLICE_US).min(end));
        if judge.reached(&sim) {
            return Some(sim.now());
        }
    }
    None
}

/// A search in progress: how many schedules it has tried and what it found.
#[derive(Clone, Debug)]
pub struct Explorer {
    base: Scenario,
    pub settings: Settings,
    tried: u64,
    found: Option<Scenario>,
}

/// Fault kinds a schedule may draw from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Pause,
    PauseWorst,
    Crash,
    Restart,
    Partition,
    CutLink,
    Delay,
    Drops,
    Drift,
    /// A shorter lease, renewed more or less often.
    Lease,
}

const KINDS: [Kind; 10] = [
    Kind::Pause,
    Kind::PauseWorst,
    Kind::Crash,
    Kind::Restart,
    Kind::Partition,
    Kind::CutLink,
    Kind::Delay,
    Kind::Drops,
    Kind::Drift,
    Kind::Lease,
];

fn node_ref(rng: &mut SimRng, nodes: u8) -> NodeRef {
    if rng.percent(60) {
        NodeRef::Leader
    } else {
        NodeRef::Id(NodeId(rng.range(0, nodes as u64 - 1) as u8))
    }
}

fn actor(rng: &mut SimRng, nodes: u8) -> ActorRef {
    match rng.range(0, nodes as u64 + 2) {
        n if n < nodes as u64 => ActorRef::Node(NodeRef::Id(NodeId(n as u8))),
        n if n == nodes as u64 => ActorRef::Node(NodeRef::Leader),
        n if n == nodes as u64 + 1 => ActorRef::Lease,
        _ => ActorRef::Storage,
    }
}

impl Explorer {
    /// A search over `base`'s config (its scripted faults left out unless kept).
    pub fn new(base: &Scenario, settings: Settings) -> Explorer {
        let mut base = base.clone();
        if let Some(f) = settings.fencing {
            base.config.fencing = f;
        }
        if let Some(b) = settings.barrier {
            base.config.barrier = b;
        }
        if !settings.keep_faults {
            base.faults.clear();
        }
        base.narration.clear();
        base.lesson = None;
        base.expect = None;
        Explorer {
            base,
            settings,
            tried: 0,
            found: None,
        }
    }

    pub fn tried(&self) -> u64 {
        self.tried
    }

    /// The schedule found, before shrinking.
    pub fn found(&self) -> Option<&Scenario> {
        self.found.as_ref()
    }

    /// Schedule number `i`: the base with a swarm-drawn set of faults and its own seed.
    pub fn schedule(&self, i: u64) -> Scenario {
        let mut rng = SimRng::new(
            self.settings
                .seed
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .wrapping_add(i),
            Stream::Faults,
        );
        let mut s = self.base.clone();
        s.seed = rng.range(0, u32::MAX as u64);
        let nodes = s.config.nodes;
        let kinds: Vec<Kind> = loop {
            let k: Vec<Kind> = KINDS.iter().copied().filter(|_| rng.percent(50)).collect();
            if !k.is_empty() {
                break k;
            }
        };
        let last = s.until_ms.saturating_sub(2000).max(1001);
        let bound = s.config.drift_bound_ppm;
        for _ in 0..rng.range(1, MAX_FAULTS) {
            let at_ms = rng.range(1000, last);
            let kind = kinds[rng.range(0, kinds.len() as u64 - 1) as usize];
            let command = match kind {
                Kind::Pause | Kind::PauseWorst => Command::Pause(PauseArgs {
                    node: node_ref(&mut rng, nodes),
                    for_ms: Some(rng.range(5, 150) * 100),
                    after_lease_check: kind == Kind::PauseWorst,
                }),
                Kind::Crash => Command::Crash(NodeArgs {
                    node: node_ref(&mut rng, nodes),
                }),
                Kind::Restart => Command::Restart(NodeArgs {
                    node: NodeRef::Id(NodeId(rng.range(0, nodes as u64 - 1) as u8)),
                }),
                Kind::Partition => {
                    let mut side_b = Vec::new();
                    for _ in 0..rng.range(1, (nodes as u64).div_ceil(2)) {
                        let a = actor(&mut rng, nodes);
                        if !side_b.contains(&a) {
                            side_b.push(a);
                        }
                    }
                    let both = if rng.percent(50) && !side_b.contains(&ActorRef::Storage) {
                        vec![ActorRef::Storage]
                    } else {
                        Vec::new()
                    };
                    if rng.percent(50) {
                        s.faults.push(TimedCommand {
                            at_ms: rng.range(at_ms + 500, at_ms + 15_000).min(s.until_ms),
                            command: Command::Heal(Empty {}),
                        });
                    }
                    Command::Partition(PartitionArgs { side_b, both })
                }
                Kind::CutLink | Kind::Delay => {
                    let from = actor(&mut rng, nodes);
                    let to = actor(&mut rng, nodes);
                    if from == to {
                        continue;
                    }
                    if kind == Kind::CutLink {
                        Command::CutLink(LinkArgs { from, to })
                    } else {
                        Command::LinkDelay(LinkDelayArgs {
                            from,
                            to,
                            extra_ms: rng.range(1, 200) * 100,
                        })
                    }
                }
                Kind::Drops => Command::Set(ConfigPatch {
                    drop_percent: Some(rng.range(5, 50) as u8),
                    ..Default::default()
                }),
                Kind::Lease => {
                    let lease_ms = rng.range(2, 50) * 100;
                    Command::Set(ConfigPatch {
                        lease_ms: Some(lease_ms),
                        renew_every_ms: Some((lease_ms * rng.range(30, 90) / 100).max(50)),
                        ..Default::default()
                    })
                }
                Kind::Drift => Command::ClockRate(ClockRateArgs {
                    node: node_ref(&mut rng, nodes),
                    ppm: rng.range(0, 2 * bound) as i64 - bound as i64,
                }),
            };
            s.faults.push(TimedCommand { at_ms, command });
        }
        crate::order::sort_by_key(&mut s.faults, |f| f.at_ms);
        s
    }

    /// Tries up to `n` more schedules; true once one reaches the goal (then it stops).
    pub fn search(&mut self, n: u64) -> bool {
        for _ in 0..n {
            if self.found.is_some() {
                break;
            }
            let s = self.schedule(self.tried);
            self.tried += 1;
            if s.validate().is_ok() && reaches(&s, self.settings.goal).is_some() {
                self.found = Some(s);
            }
        }
        self.found.is_some()
    }

    /// Shrinks `s` until no smaller schedule still reaches the goal (see `Shrinker`), in
    /// one go. Returns it with the number of runs that took.
    pub fn shrink(&self, s: Scenario) -> (Scenario, u64) {
        let mut shrinker = Shrinker::new(self, s);
        while !shrinker.step(self) {}
        let runs = shrinker.runs;
        (shrinker.finish(self), runs)
    }

    /// The shrunk schedule as a scenario file: its name and title, a narration line per
    /// fault and one at the goal (with the claim that it happens), and an expectation the
    /// run meets, so `fencing-lab run` and `check` pass on it.
    pub fn write_up(&self, s: &Scenario, from: &str) -> Scenario {
        let mut s = s.clone();
        let goal = self.settings.goal;
        s.name = format!("explored-{}", goal.name());
        s.title = format!("Found by the explorer: {} ({from})", goal.words());
        let faults = s.faults.len();
        let mut narration = vec![Narration::Beat(Beat {
            at_ms: Some(0),
            on: None,
            text: format!(
                "The explorer searched random fault schedules over {from} (fencing {}, barrier {}) for {}, found one after {} schedule{}, and shrank it to {faults} fault{}.",
                if s.config.fencing { "on" } else { "off" },
                if s.config.barrier { "on" } else { "off" },
                goal.words(),
                self.tried,
                if self.tried == 1 { "" } else { "s" },
                if faults == 1 { "" } else { "s" },
            ),
            claims: Vec::new(),
        })];
        for f in &s.faults {
            narration.push(Narration::Beat(Beat {
                at_ms: Some(f.at_ms),
                on: None,
                text: format!(
                    "At {} s: {}.",
                    crate::num::fixed(f.at_ms as f64 / 1000.0, 1),
                    f.command.describe()
                ),
                claims: Vec::new(),
            }));
        }
        let pattern = goal.pattern(s.config.first_token);
        narration.push(Narration::Beat(Beat {
            at_ms: None,
            on: Some(pattern.clone()),
            text: goal.meaning().to_string(),
            claims: vec![Claim::Happens(pattern)],
        }));
        s.narration = narration;
        s.expect = Some(match goal {
            Goal::Violation => Expect {
                violations_min: Some(1),
                ..Default::default()
            },
            Goal::Stale => Expect {
                stale_accepted_min: Some(1),
                ..Default::default()
            },
            Goal::Superseded => Expect {
                superseded_accepted_min: Some(1),
                ..Default::default()
            },
            Goal::SplitBrain => Expect {
                split_brain: Some(true),
                ..Default::default()
            },
            Goal::Flapping => Expect {
                max_term_min: Some(s.config.first_token + FLAP_TERMS - 1),
                ..Default::default()
            },
        });
        s
    }
}

/// Smaller versions of fault `i` of `s`, most reduced first.
fn smaller_faults(s: &Scenario, i: usize) -> Vec<Scenario> {
    let f = &s.faults[i];
    let mut out = Vec::new();
    let with = |command: Command, at_ms: u64| {
        let mut c = s.clone();
        c.faults[i] = TimedCommand { at_ms, command };
        crate::order::sort_by_key(&mut c.faults, |f| f.at_ms);
        c
    };
    let half = |v: u64, unit: u64| (v / 2 / unit * unit).max(unit);
    match &f.command {
        Command::Pause(p) => {
            if let Some(ms) = p.for_ms.filter(|ms| *ms > 100) {
                out.push(with(
                    Command::Pause(PauseArgs {
                        for_ms: Some(half(ms, 100)),
                        ..p.clone()
                    }),
                    f.at_ms,
                ));
                out.push(with(
                    Command::Pause(PauseArgs {
                        for_ms: Some(ms - 100),
                        ..p.clone()
                    }),
                    f.at_ms,
                ));
            }
            if p.after_lease_check {
                out.push(with(
                    Command::Pause(PauseArgs {
                        after_lease_check: false,
                        ..p.clone()
                    }),
                    f.at_ms,
                ));
            }
        }
        Command::LinkDelay(d) if d.extra_ms > 100 => {
            out.push(with(
                Command::LinkDelay(LinkDelayArgs {
                    extra_ms: half(d.extra_ms, 100),
                    ..d.clone()
                }),
                f.at_ms,
            ));
        }
        Command::Set(p) => {
            if let Some(d) = p.drop_percent.filter(|d| *d > 1) {
                out.push(with(
                    Command::Set(ConfigPatch {
                        drop_percent: Some(d / 2),
                        ..p.clone()
                    }),
                    f.at_ms,
                ));
            }
        }
        Command::ClockRate(c) if c.ppm.abs() > 1 => {
            out.push(with(
                Command::ClockRate(ClockRateArgs {
                    ppm: c.ppm / 2,
                    ..c.clone()
                }),
                f.at_ms,
            ));
        }
        _ => {}
    }
    // Rounder times: to the whole second, then the half second.
    for unit in [1000, 500] {
        let t = f.at_ms / unit * unit;
        if t != f.at_ms {
            out.push(with(f.command.clone(), t));
        }
    }
    out
}

/// Shrinking one run at a time (so a page can do it in slices): the candidates smaller than
/// the best schedule so far (each fault dropped; each fault's pause, delay, drop rate or
/// drift halved and its time rounded; one node fewer) are tried in order; the first that
/// still reaches the goal becomes the best and the candidates are drawn again from it.
/// Done when none of them does (or after `SHRINK_RUNS` runs).
#[derive(Clone, Debug)]
pub struct Shrinker {
    best: Scenario,
    queue: std::collections::VecDeque<Scenario>,
    pub runs: u64,
}

impl Shrinker {
    pub fn new(explorer: &Explorer, found: Scenario) -> Shrinker {
        let mut s = Shrinker {
            queue: Default::default(),
            best: found,
            runs: 0,
        };
        s.queue = s.candidates(explorer).into();
        s
    }

    /// The best schedule so far.
    pub fn best(&self) -> &Scenario {
        &self.best
    }

    fn candidates(&self, explorer: &Explorer) -> Vec<Scenario> {
        let s = &self.best;
        let mut out = Vec::new();
        // Fewer faults (the scenario's own, when kept, stay).
        for i in (0..s.faults.len()).rev() {
            if explorer.settings.keep_faults && explorer.base.faults.contains(&s.faults[i]) {
                continue;
            }
            let mut c = s.clone();
            c.faults.remove(i);
            out.push(c);
        }
        // Smaller numbers and rounder times.
        for i in 0..s.faults.len() {
            out.extend(smaller_faults(s, i));
        }
        // Fewer nodes.
        if s.config.nodes > crate::config::MIN_NODES {
            let mut c = s.clone();
            c.config.nodes -= 1;
            out.push(c);
        }
        out
    }

    /// Tries one candidate; true when done.
    pub fn step(&mut self, explorer: &Explorer) -> bool {
        if self.runs >= SHRINK_RUNS {
            return true;
        }
        let Some(c) = self.queue.pop_front() else {
            return true;
        };
        if c.validate().is_err() {
            return self.queue.is_empty();
        }
        self.runs += 1;
        if reaches(&c, explorer.settings.goal).is_some() {
            self.best = c;
            self.queue = self.candidates(explorer).into();
        }
        self.queue.is_empty()
    }

    /// The best schedule, its run cut to just after the goal is reached.
    pub fn finish(self, explorer: &Explorer) -> Scenario {
        let mut s = self.best;
        if let Some(t) = reaches(&s, explorer.settings.goal) {
            let until = (t.as_ms().div_ceil(1000) * 1000 + 2000).min(s.until_ms);
            if s.faults.iter().all(|f| f.at_ms <= until) {
                s.until_ms = until;
            }
        }
        s
    }
}

/// Where a search in slices stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Searching,
    Shrinking,
    /// Found and shrunk: `Job::result` holds the written-up scenario.
    Found,
    /// The budget ran out.
    NotFound,
}

/// A whole search (then its shrinking and write-up) done one run at a time, so a page can
/// spend a few milliseconds a frame on it and never freeze. The same steps as
/// `fencing-lab explore`: the same seed and settings give the same result.
#[derive(Clone, Debug)]
pub struct Job {
    explorer: Explorer,
    budget: u64,
    from: String,
    shrinker: Option<Shrinker>,
    result: Option<Scenario>,
    done: bool,
}

impl Job {
    /// A search of at most `budget` schedules over `base` (named `from` in the write-up).
    pub fn new(base: &Scenario, settings: Settings, budget: u64, from: &str) -> Job {
        Job {
            explorer: Explorer::new(base, settings),
            budget,
            from: from.to_string(),
            shrinker: None,
            result: None,
            done: false,
        }
    }

    /// One run (a schedule tried, or a shrinking candidate); true once finished.
    pub fn work(&mut self) -> bool {
        if self.done {
            return true;
        }
        match &mut self.shrinker {
            None => {
                if self.explorer.search(1) {
                    let found = self.explorer.found().cloned().expect("found");
                    self.shrinker = Some(Shrinker::new(&self.explorer, found));
                } else if self.explorer.tried() >= self.budget {
                    self.done = true;
                }
            }
            Some(sh) => {
                if sh.step(&self.explorer) {
                    let shrunk = self
                        .shrinker
                        .take()
                        .expect("shrinking")
                        .finish(&self.explorer);
                    self.result = Some(self.explorer.write_up(&shrunk, &self.from));
                    self.done = true;
                }
            }
        }
        self.done
    }

    pub fn phase(&self) -> Phase {
        match (&self.result, &self.shrinker, self.done) {
            (Some(_), _, _) => Phase::Found,
            (None, Some(_), _) => Phase::Shrinking,
            (None, None, true) => Phase::NotFound,
            (None, None, false) => Phase::Searching,
        }
    }

    pub fn tried(&self) -> u64 {
        self.explorer.tried()
    }
    pub fn budget(&self) -> u64 {
        self.budget
    }
    pub fn goal(&self) -> Goal {
        self.explorer.settings.goal
    }
    /// Runs spent shrinking so far, and the faults the best schedule has now.
    pub fn shrinking(&self) -> Option<(u64, usize)> {
        self.shrinker
            .as_ref()
            .map(|s| (s.runs, s.best().faults.len()))
    }
    /// The shrunk schedule, written up as a scenario, once found.
    pub fn result(&self) -> Option<&Scenario> {
        self.result.as_ref()
    }
}
