//! The lab's one state: the run (scenario, simulation, the user's commands so far), how
//! time flows (playing, speed), what is selected, and a bounded window of recent events.
//!
//! Invariants: the simulation changes only here; every user action that changes it is a
//! `Fault` scheduled at the next whole millisecond of virtual time and recorded in
//! `commands`, so scenario + seed + commands replays the run exactly. Play, pause, speed,
//! step and seek are not commands.

use crate::sim::fault::{ConfigPatch, NodeArgs, NodeRef, PauseArgs};
use crate::sim::scenario::{builtin, BUILTIN};
use crate::sim::view::Snapshot;
use crate::sim::{Event, Fault, NodeId, Scenario, Sim, SimTime, TimedFault};
use std::collections::VecDeque;
use std::rc::Rc;
use yew::Reducible;

/// How many recent events the log and the diagram can reach back to.
pub const RING_EVENTS: usize = 3000;
/// The speeds offered, as multiples of real time.
pub const SPEEDS: &[f64] = &[0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0];
/// 0.25×: a 20–80 ms message flight takes 80–320 ms of real time, long enough to follow.
pub const DEFAULT_SPEED: usize = 1;
/// The longest real time one frame may advance (a background tab must not jump ahead).
pub const MAX_FRAME_MS: f64 = 100.0;
pub const DEFAULT_SCENARIO: &str = "gc-pause-zombie";

/// Recent events, kept as shared chunks so the state clones cheaply every frame.
#[derive(Clone, Debug, Default)]
pub struct EventRing {
    chunks: VecDeque<Rc<Vec<Event>>>,
    len: usize,
    /// Events ever pushed in this run (identifies the ring's content with `run`).
    total: u64,
    run: u64,
}

impl PartialEq for EventRing {
    fn eq(&self, other: &Self) -> bool {
        self.run == other.run && self.total == other.total && self.len == other.len
    }
}

impl EventRing {
    fn new(run: u64) -> Self {
        EventRing {
            run,
            ..Default::default()
        }
    }
    fn push(&mut self, events: Vec<Event>) {
        if events.is_empty() {
            return;
        }
        self.len += events.len();
        self.total += events.len() as u64;
        self.chunks.push_back(Rc::new(events));
        // Drop whole chunks from the front while at least RING_EVENTS remain.
        while let Some(front) = self.chunks.front().map(|c| c.len()) {
            if self.len - front < RING_EVENTS {
                break;
            }
            self.chunks.pop_front();
            self.len -= front;
        }
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn total(&self) -> u64 {
        self.total
    }
    /// Oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Event> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }
    /// The time of the oldest event kept.
    pub fn run_id(&self) -> u64 {
        self.run
    }
    pub fn first_time(&self) -> Option<SimTime> {
        self.iter().next().map(|e| e.t)
    }
}

#[derive(Clone, Debug)]
pub struct Lab {
    pub scenario: Rc<Scenario>,
    sim: Sim,
    /// The user's commands in the order given, each at the virtual millisecond it ran.
    pub commands: Vec<TimedFault>,
    pub snapshot: Rc<Snapshot>,
    pub events: EventRing,
    pub playing: bool,
    pub speed: usize,
    pub selected: Option<NodeId>,
    /// Pause length used by the pause control and the `p` key, in seconds.
    pub pause_secs: u32,
    /// Virtual microseconds owed to the simulation from fractional frames.
    carry_us: f64,
    /// The end of the scenario has been reached once (play stops there, once).
    pub ended: bool,
    /// Why the last command could not run, for the status line.
    pub error: Option<String>,
    /// What the last action did, read out by screen readers.
    pub status: String,
    pub presentation: bool,
    pub help_open: bool,
    pub reduced_motion: bool,
    run: u64,
}

impl PartialEq for Lab {
    fn eq(&self, other: &Self) -> bool {
        self.run == other.run
            && Rc::ptr_eq(&self.snapshot, &other.snapshot)
            && self.commands.len() == other.commands.len()
            && self.playing == other.playing
            && self.speed == other.speed
            && self.selected == other.selected
            && self.pause_secs == other.pause_secs
            && self.presentation == other.presentation
            && self.help_open == other.help_open
            && self.reduced_motion == other.reduced_motion
            && self.error == other.error
            && self.status == other.status
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A frame: real milliseconds since the last one.
    Tick(f64),
    TogglePlay,
    Play,
    Pause,
    /// Run every event at the next event time (and stop playing).
    Step,
    SetSpeed(usize),
    Faster,
    Slower,
    /// Load a built-in scenario by name (a new run).
    Load(String),
    /// Start the run again with this seed.
    SetSeed(u64),
    /// Start the run again with this many nodes.
    SetNodes(u8),
    /// Start the current scenario again (seed and node count kept, commands dropped).
    Reset,
    Select(Option<NodeId>),
    /// Select the node leading now.
    SelectLeader,
    SetPauseSecs(u32),
    /// A change to the simulation: scheduled at the next whole millisecond, then run to.
    Command(Fault),
    ToggleFencing,
    ToggleBarrier,
    /// Pause the selected node: for `pause_secs`, or until resumed; optionally right
    /// after its next lease check (the worst moment).
    PauseSelected {
        worst_moment: bool,
        until_resumed: bool,
    },
    /// Resume, crash or restart the selected node.
    OnSelected(NodeCmd),
    Heal,
    TogglePresentation,
    ShowHelp(bool),
    SetReducedMotion(bool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeCmd {
    Resume,
    Crash,
    Restart,
}

impl Lab {
    /// A fresh lab on the default scenario.
    pub fn new() -> Lab {
        Lab::with_scenario(builtin(DEFAULT_SCENARIO).expect("the default scenario is built in"))
    }

    pub fn with_scenario(scenario: Scenario) -> Lab {
        let mut sim = Sim::new(&scenario);
        let mut events = EventRing::new(0);
        events.push(sim.drain_events());
        Lab {
            snapshot: Rc::new(Snapshot::of(&sim)),
            scenario: Rc::new(scenario),
            sim,
            commands: Vec::new(),
            events,
            playing: false,
            speed: DEFAULT_SPEED,
            selected: Some(NodeId(0)),
            pause_secs: 8,
            carry_us: 0.0,
            ended: false,
            error: None,
            status: String::new(),
            presentation: false,
            help_open: false,
            reduced_motion: false,
            run: 0,
        }
    }

    pub fn speed_factor(&self) -> f64 {
        SPEEDS[self.speed.min(SPEEDS.len() - 1)]
    }
    pub fn now(&self) -> SimTime {
        self.sim.now()
    }
    pub fn fencing(&self) -> bool {
        self.sim.config().fencing
    }
    pub fn barrier(&self) -> bool {
        self.sim.config().barrier
    }
    pub fn config(&self) -> &crate::sim::Config {
        self.sim.config()
    }
    pub fn current_leader(&self) -> Option<NodeId> {
        self.sim.current_leader()
    }
    pub fn run_id(&self) -> u64 {
        self.run
    }

    /// The scenario with its faults plus the user's commands: the run, replayable.
    pub fn as_scenario(&self) -> Scenario {
        let mut s = (*self.scenario).clone();
        s.faults.extend(self.commands.iter().cloned());
        s
    }

    fn restart(&mut self, scenario: Scenario) {
        let keep = (
            self.speed,
            self.presentation,
            self.reduced_motion,
            self.pause_secs,
        );
        let run = self.run + 1;
        *self = Lab::with_scenario(scenario);
        (
            self.speed,
            self.presentation,
            self.reduced_motion,
            self.pause_secs,
        ) = keep;
        self.run = run;
        self.events = EventRing::new(run);
        self.events.push(self.sim.drain_events());
    }

    fn refresh(&mut self) {
        let events = self.sim.drain_events();
        self.events.push(events);
        self.snapshot = Rc::new(Snapshot::of(&self.sim));
    }

    fn advance_to(&mut self, t: SimTime) {
        let end = SimTime::from_ms(self.scenario.until_ms);
        let mut t = t;
        if !self.ended && self.sim.now() < end && t >= end {
            t = end;
            self.ended = true;
            self.playing = false;
            self.carry_us = 0.0;
            self.status = format!(
                "The scenario's {} s are over; press play to keep going.",
                self.scenario.until_ms / 1000
            );
        }
        self.sim.run_until(t);
        self.refresh();
    }

    fn tick(&mut self, elapsed_ms: f64) {
        if !self.playing {
            return;
        }
        let real = elapsed_ms.clamp(0.0, MAX_FRAME_MS);
        let due = real * 1000.0 * self.speed_factor() + self.carry_us;
        let whole = due.floor();
        self.carry_us = due - whole;
        if whole >= 1.0 {
            let t = SimTime(self.sim.now().0 + whole as u64);
            self.advance_to(t);
        }
    }

    /// Schedules `fault` at the next whole millisecond, runs to it and records it.
    fn command(&mut self, fault: Fault) {
        let now = self.sim.now();
        let at_ms = now.0.div_ceil(1000);
        match self.sim.schedule(SimTime::from_ms(at_ms), fault.clone()) {
            Ok(()) => {
                self.status = format!("at {} ms: {}", at_ms, fault.describe());
                self.error = None;
                self.commands.push(TimedFault { at_ms, fault });
                self.sim.run_until(SimTime::from_ms(at_ms));
                self.refresh();
            }
            Err(e) => {
                self.error = Some(e.to_string());
                self.status = format!("could not {}: {e}", fault.describe());
            }
        }
    }

    fn step(&mut self) {
        self.playing = false;
        self.carry_us = 0.0;
        if let Some(t) = self.sim.next_event_time() {
            self.sim.run_until(t);
            self.refresh();
            self.status = format!("stepped to {t}");
        }
    }

    fn selected_ref(&self) -> Option<NodeRef> {
        self.selected.map(NodeRef::Id)
    }

    fn toggle_fencing(&self) -> Fault {
        Fault::Set(ConfigPatch {
            fencing: Some(!self.fencing()),
            ..Default::default()
        })
    }
    fn toggle_barrier(&self) -> Fault {
        Fault::Set(ConfigPatch {
            barrier: Some(!self.barrier()),
            ..Default::default()
        })
    }
}

impl Default for Lab {
    fn default() -> Self {
        Lab::new()
    }
}

impl Reducible for Lab {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(action, Action::Tick(_)) && !self.playing {
            return self;
        }
        let mut lab = Rc::unwrap_or_clone(self);
        lab.apply(action);
        Rc::new(lab)
    }
}

impl Lab {
    /// The reducer's work, on an owned lab (the tests drive it directly).
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Tick(ms) => self.tick(ms),
            Action::TogglePlay => {
                let play = !self.playing;
                self.apply(if play { Action::Play } else { Action::Pause });
            }
            Action::Play => {
                self.playing = true;
                self.status = format!("playing at {}×", self.speed_factor());
            }
            Action::Pause => {
                self.playing = false;
                self.carry_us = 0.0;
                self.status = format!("paused at {}", self.sim.now());
            }
            Action::Step => self.step(),
            Action::SetSpeed(i) => self.speed = i.min(SPEEDS.len() - 1),
            Action::Faster => self.speed = (self.speed + 1).min(SPEEDS.len() - 1),
            Action::Slower => self.speed = self.speed.saturating_sub(1),
            Action::Load(name) => match builtin(&name) {
                Some(s) => {
                    let nodes = s.config.nodes;
                    self.restart(s);
                    self.status = format!("loaded {name}: {nodes} nodes");
                }
                None => self.error = Some(format!("no built-in scenario named {name}")),
            },
            Action::SetSeed(seed) => {
                let mut s = (*self.scenario).clone();
                s.seed = seed;
                self.restart(s);
                self.status = format!("restarted with seed {seed}");
            }
            Action::SetNodes(n) => {
                let mut s = (*self.scenario).clone();
                s.config.nodes = n.clamp(3, 7);
                if s.validate().is_ok() {
                    self.restart(s);
                    self.status = format!("restarted with {n} nodes");
                } else {
                    self.error = Some(format!("this scenario cannot run with {n} nodes"));
                }
            }
            Action::Reset => {
                let s = (*self.scenario).clone();
                self.restart(s);
                self.status = "reset: back to the start".into();
            }
            Action::Select(n) => {
                self.selected = n.filter(|n| n.0 < self.sim.node_count());
            }
            Action::SelectLeader => {
                if let Some(l) = self.sim.current_leader() {
                    self.selected = Some(l);
                }
            }
            Action::SetPauseSecs(s) => self.pause_secs = s.clamp(1, 3600),
            Action::Command(f) => self.command(f),
            Action::ToggleFencing => self.command(self.toggle_fencing()),
            Action::ToggleBarrier => self.command(self.toggle_barrier()),
            Action::PauseSelected {
                worst_moment,
                until_resumed,
            } => match self.selected_ref() {
                Some(node) => self.command(Fault::Pause(PauseArgs {
                    node,
                    for_ms: (!until_resumed).then_some(self.pause_secs as u64 * 1000),
                    after_lease_check: worst_moment,
                })),
                None => self.error = Some("select a node first (keys 0–6)".into()),
            },
            Action::OnSelected(cmd) => match self.selected_ref() {
                Some(node) => {
                    let args = NodeArgs { node };
                    self.command(match cmd {
                        NodeCmd::Resume => Fault::Resume(args),
                        NodeCmd::Crash => Fault::Crash(args),
                        NodeCmd::Restart => Fault::Restart(args),
                    })
                }
                None => self.error = Some("select a node first (keys 0–6)".into()),
            },
            Action::Heal => self.command(Fault::Heal(Default::default())),
            Action::TogglePresentation => self.presentation = !self.presentation,
            Action::ShowHelp(open) => self.help_open = open,
            Action::SetReducedMotion(r) => self.reduced_motion = r,
        }
    }

    /// Names of the built-in scenarios and their titles, in teaching order.
    pub fn scenario_choices() -> Vec<(&'static str, String)> {
        BUILTIN
            .iter()
            .filter_map(|(n, _)| builtin(n).map(|s| (*n, s.title)))
            .collect()
    }
}

/// The action for a key pressed outside a text field, if it is a shortcut.
pub fn key_action(key: &str, shift: bool) -> Option<Action> {
    Some(match key {
        " " | "Spacebar" => Action::TogglePlay,
        "ArrowRight" => Action::Step,
        "+" | "=" => Action::Faster,
        "-" | "_" => Action::Slower,
        "0" | "1" | "2" | "3" | "4" | "5" | "6" => {
            Action::Select(key.parse::<u8>().ok().map(NodeId))
        }
        "l" | "L" => Action::SelectLeader,
        "p" => Action::PauseSelected {
            worst_moment: false,
            until_resumed: false,
        },
        "P" => Action::PauseSelected {
            worst_moment: true,
            until_resumed: false,
        },
        "u" | "U" => Action::PauseSelected {
            worst_moment: false,
            until_resumed: true,
        },
        "r" if !shift => Action::OnSelected(NodeCmd::Resume),
        "R" => Action::Reset,
        "c" | "C" => Action::OnSelected(NodeCmd::Crash),
        "s" | "S" => Action::OnSelected(NodeCmd::Restart),
        "h" | "H" => Action::Heal,
        "f" | "F" => Action::ToggleFencing,
        "b" | "B" => Action::ToggleBarrier,
        "m" | "M" => Action::TogglePresentation,
        "?" => Action::ShowHelp(true),
        "Escape" => Action::ShowHelp(false),
        _ => return None,
    })
}
