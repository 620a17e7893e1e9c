//! A run you can travel in: the scenario, the user's commands, and periodic keyframes
//! of the simulation. Seeking restores the nearest keyframe at or before the target and
//! re-simulates (deterministically) to it; acting in the past forks the run, discarding
//! the commands and keyframes after that point.
//!
//! Invariant: `commands` are in the order given, with non-decreasing `at_ms`, and each
//! keyframe knows how many of them it already contains.

use fencing_sim::command::TimedCommand;
use fencing_sim::scenario::Scenario;
use fencing_sim::world::CommandError;
use fencing_sim::{Command, Event, Sim, SimTime};
use std::rc::Rc;

/// Virtual time between keyframes.
pub const KEYFRAME_EVERY_MS: u64 = 5_000;
/// At most this many keyframes are kept; past it, every other one is dropped and the
/// spacing doubles, so memory stays bounded over a whole lesson. 768: in an 8-hour run they
/// are 40 s apart, so a seek re-simulates at most 55 s (with the 15 s of history); with 7
/// nodes, a partition and a node paused until resumed, a keyframe is about 33 kB and all
/// of them about 24 MB (BENCHMARKS.md, "Seek").
pub const MAX_KEYFRAMES: usize = 768;

/// At most this many messages in all the keyframes kept (in flight or on hold in each);
/// past it they are thinned as past `MAX_KEYFRAMES`. A link slowed by a week keeps every
/// message sent on it for a week: tens of thousands after an hour at top speed, copied in
/// every keyframe, which took gigabytes (the page's wasm has at most four). An ordinary run
/// keeps a few dozen a keyframe, far under it. About 130 bytes a message: some 34 MB.
pub const MAX_KEYFRAME_MESSAGES: usize = 1 << 18;

/// The most events the page re-simulates at once, in one task: a shared link opened, a
/// trace file read, a comparison started, a finding looked for, a trace written. About
/// four seconds in the page's wasm on a laptop (BENCHMARKS.md, "Simulation core in wasm":
/// about a million events a second); an hour of a built-in scenario makes about 170,000,
/// so eight hours of one with seven nodes fit. What needs more is refused with words that
/// say so, rather than freezing the page (settings like 1 ms heartbeats make millions of
/// events a minute).
pub const REPLAY_MAX_EVENTS: u64 = 4_000_000;

/// Why a re-simulation was refused: it needed more than `REPLAY_MAX_EVENTS` events to reach
/// `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooHeavy {
    pub until: SimTime,
}

impl std::fmt::Display for TooHeavy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "re-simulating it up to {} would make more than {} million events, more than the page runs at once without freezing (its settings make many messages: short heartbeat, renewal or write intervals, or many nodes)",
            crate::describe::span_words(self.until),
            REPLAY_MAX_EVENTS / 1_000_000
        )
    }
}

/// What is left of `REPLAY_MAX_EVENTS` for one piece of work done at once.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    left: u64,
}

impl Budget {
    pub fn replay() -> Self {
        Budget {
            left: REPLAY_MAX_EVENTS,
        }
    }

    /// Runs `sim` to `t` on what is left: `TooHeavy` if that runs out first (`sim` is then
    /// part of the way: throw it away).
    pub fn run(&mut self, sim: &mut Sim, t: SimTime) -> Result<(), TooHeavy> {
        let before = sim.totals().events;
        let reached = sim.run_until_within(t, self.left);
        self.left = self
            .left
            .saturating_sub(sim.totals().events.saturating_sub(before));
        if reached {
            Ok(())
        } else {
            Err(TooHeavy { until: t })
        }
    }
}

#[derive(Clone, Debug)]
struct Keyframe {
    sim: Sim,
    commands: usize,
    /// The messages the network holds in it (`Sim::messages_held_by_network`).
    messages: usize,
}

#[derive(Clone, Debug)]
pub struct Timeline {
    /// Shared: the reducer clones the timeline every frame, and the scenario never changes.
    scenario: Rc<Scenario>,
    commands: Vec<TimedCommand>,
    sim: Sim,
    /// Shared, so cloning a timeline (the app's reducer does, every frame) copies only
    /// the present simulation, not every keyframe.
    keyframes: Vec<Rc<Keyframe>>,
    spacing_ms: u64,
    /// The furthest time this run has reached (the end of the scrubber).
    frontier: SimTime,
}

impl Timeline {
    pub fn new(scenario: Scenario) -> Self {
        let sim = Sim::new(&scenario);
        let first = Rc::new(Keyframe {
            sim: sim.clone(),
            commands: 0,
            messages: 0,
        });
        Timeline {
            scenario: Rc::new(scenario),
            commands: Vec::new(),
            sim,
            keyframes: vec![first],
            spacing_ms: KEYFRAME_EVERY_MS,
            frontier: SimTime::ZERO,
        }
    }

    /// Replays a scenario with recorded commands up to `until`. The replay's events are not
    /// kept (an hour of them is tens of megabytes, and wasm memory never shrinks): a caller
    /// that wants the recent ones seeks with history afterwards, as the lab does.
    ///
    /// It is work done at once, so it runs on `Budget::replay`: a run that needs more
    /// events than that is refused (`TooHeavy`'s words), not replayed for minutes.
    pub fn replay(
        scenario: Scenario,
        commands: &[TimedCommand],
        until: SimTime,
    ) -> Result<Self, String> {
        let mut t = Timeline::new(scenario);
        t.sim.discard_events();
        let mut budget = Budget::replay();
        let heavy = |_: TooHeavy| TooHeavy { until }.to_string();
        for (i, c) in commands.iter().enumerate() {
            let at = SimTime::from_ms(c.at_ms);
            if at < t.sim.now() {
                return Err(format!(
                    "commands[{i}] at {} ms comes before the one before it",
                    c.at_ms
                ));
            }
            // On a whole millisecond, so the command lands exactly at `at`.
            t.advance_within(at, &mut budget).map_err(heavy)?;
            t.command(c.command.clone())
                .map_err(|e| format!("commands[{i}]: {e}"))?;
        }
        t.advance_within(until, &mut budget).map_err(heavy)?;
        t.sim.keep_events();
        Ok(t)
    }

    pub fn sim(&self) -> &Sim {
        &self.sim
    }
    /// For reading events as they are made; never use it to change the run.
    pub fn drain_events(&mut self) -> Vec<Event> {
        self.sim.drain_events()
    }
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn commands(&self) -> &[TimedCommand] {
        &self.commands
    }
    pub fn now(&self) -> SimTime {
        self.sim.now()
    }
    pub fn frontier(&self) -> SimTime {
        self.frontier
    }
    pub fn keyframe_count(&self) -> usize {
        self.keyframes.len()
    }
    /// Commands after the present that acting now would discard.
    pub fn commands_after_now(&self) -> usize {
        self.commands
            .iter()
            .filter(|c| SimTime::from_ms(c.at_ms) > self.now())
            .count()
    }

    /// Runs forward to `t`, taking keyframes on the way.
    pub fn advance_to(&mut self, t: SimTime) {
        let mut unbounded = Budget { left: u64::MAX };
        // Cannot fail: no run makes u64::MAX events.
        let _ = self.advance_within(t, &mut unbounded);
    }

    /// `advance_to` on a budget: `TooHeavy` if it runs out first, and the timeline is then
    /// part of the way (`replay` throws it away).
    pub fn advance_within(&mut self, t: SimTime, budget: &mut Budget) -> Result<(), TooHeavy> {
        while self.sim.now() < t {
            let last = self.keyframes.last().map_or(SimTime::ZERO, |c| c.sim.now());
            let next = SimTime(last.0 + self.spacing_ms * 1000);
            let stop = next.min(t);
            let reached = budget.run(&mut self.sim, stop);
            self.frontier = self.frontier.max(self.sim.now());
            reached?;
            if next <= t {
                self.push_keyframe();
            }
        }
        self.frontier = self.frontier.max(self.sim.now());
        Ok(())
    }

    /// Runs every event at the next event time, up to `limit`; `None` if nothing is left.
    pub fn step(&mut self, limit: SimTime) -> Option<SimTime> {
        let t = self.sim.next_event_time().filter(|t| *t <= limit)?;
        self.advance_to(t);
        Some(t)
    }

    fn push_keyframe(&mut self) {
        let sim = self.sim.keyframe();
        let messages = sim.messages_held_by_network();
        self.keyframes.push(Rc::new(Keyframe {
            sim,
            commands: self.commands.len(),
            messages,
        }));
        let too_many = |ks: &[Rc<Keyframe>]| {
            ks.len() > MAX_KEYFRAMES
                || ks.iter().map(|k| k.messages).sum::<usize>() > MAX_KEYFRAME_MESSAGES
        };
        while self.keyframes.len() > 2 && too_many(&self.keyframes) {
            // Keep the first, then every other one: spacing doubles, memory stays bounded.
            let mut i = 0;
            self.keyframes.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.spacing_ms *= 2;
        }
    }

    /// How many keyframes are kept, and the messages in all of them (for tests and the
    /// benchmark: both stay bounded however long the run).
    pub fn keyframe_load(&self) -> (usize, usize) {
        (
            self.keyframes.len(),
            self.keyframes.iter().map(|k| k.messages).sum(),
        )
    }

    /// Applies a user action at the next whole millisecond (so it can be written to a
    /// scenario file exactly). Acting before the frontier forks: later commands and
    /// keyframes are discarded. Returns the time it was applied at.
    ///
    /// The command is checked first: a refused one changes nothing (no fork, no time
    /// passing), so callers need no copy to roll back to.
    pub fn command(&mut self, command: Command) -> Result<SimTime, CommandError> {
        self.sim.check(&command)?;
        let at = SimTime::from_ms(self.now().0.div_ceil(1000));
        self.advance_to(at);
        if at < self.frontier {
            self.fork_at(at);
        }
        self.sim.schedule(at, command.clone())?;
        self.sim.run_until(at);
        self.commands.push(TimedCommand {
            at_ms: at.as_ms(),
            command,
        });
        self.frontier = at;
        Ok(at)
    }

    /// Forgets everything after `at`: the future of the old run.
    fn fork_at(&mut self, at: SimTime) {
        let at_ms = at.as_ms();
        self.commands.retain(|c| c.at_ms <= at_ms);
        let kept = self.commands.len();
        self.keyframes
            .retain(|c| c.sim.now() <= at && c.commands <= kept);
        self.frontier = at;
        // The present simulation may hold the discarded commands in its queue: rebuild it.
        self.seek(at, 0);
    }

    /// Moves the present to `t` (clamped to the frontier) by restoring a keyframe and
    /// re-simulating. With `history` > 0, re-simulation starts at least that long before
    /// `t` and the events from there are kept for `drain_events` (for the log and diagram).
    pub fn seek(&mut self, t: SimTime, history_ms: u64) {
        let t = t.min(self.frontier);
        let from = SimTime(t.0.saturating_sub(history_ms * 1000));
        let cp = self
            .keyframes
            .iter()
            .rev()
            .find(|c| c.sim.now() <= from)
            .unwrap_or(&self.keyframes[0]);
        let mut sim = cp.sim.clone();
        for c in &self.commands[cp.commands..] {
            // Cannot fail: these were accepted when given, at times not before the keyframe.
            let _ = sim.schedule(SimTime::from_ms(c.at_ms), c.command.clone());
        }
        if history_ms == 0 {
            sim.discard_events();
        } else {
            sim.discard_events();
            sim.run_until(from);
            sim.keep_events();
        }
        sim.run_until(t);
        self.sim = sim;
    }

    /// The time of the first event of this run, up to its frontier, for which `pred` holds:
    /// re-simulated from the start on a copy (the present is untouched), a second of
    /// events at a time, on `Budget::replay` (`TooHeavy` if none is found before it runs
    /// out).
    pub fn first_time(&self, pred: impl Fn(&Event) -> bool) -> Result<Option<SimTime>, TooHeavy> {
        let mut sim = self.keyframes[0].sim.clone();
        for c in &self.commands[self.keyframes[0].commands..] {
            let _ = sim.schedule(SimTime::from_ms(c.at_ms), c.command.clone());
        }
        sim.keep_events();
        if let Some(e) = sim.drain_events().iter().find(|e| pred(e)) {
            return Ok(Some(e.t));
        }
        let mut budget = Budget::replay();
        let mut t = sim.now();
        while t < self.frontier {
            t = SimTime(t.0.saturating_add(1_000_000)).min(self.frontier);
            let reached = budget.run(&mut sim, t);
            if let Some(e) = sim.drain_events().iter().find(|e| pred(e)) {
                return Ok(Some(e.t));
            }
            reached.map_err(|_| TooHeavy {
                until: self.frontier,
            })?;
        }
        Ok(None)
    }

    /// The scenario that reproduces this run: the file's faults plus the user's commands,
    /// in the order they were scheduled (file faults first at equal times, as they ran).
    pub fn as_scenario(&self) -> Scenario {
        let mut s = (*self.scenario).clone();
        let mut faults = s.faults.clone();
        faults.extend(self.commands.iter().cloned());
        // Stable: file faults stay before commands.
        fencing_sim::order::sort_by_key(&mut faults, |f| f.at_ms);
        s.faults = faults;
        s.until_ms = self.frontier.as_ms().max(1);
        s.expect = None;
        s
    }

    /// The scenario file that reruns this run up to the present (which must be on a whole
    /// millisecond): what the app saves; commands after the present are left out.
    pub fn as_scenario_until_now(&self) -> Scenario {
        let mut s = self.as_scenario();
        let now_ms = self.now().0 / 1000;
        s.faults.retain(|f| f.at_ms <= now_ms);
        s.until_ms = now_ms.max(1);
        s
    }
}
