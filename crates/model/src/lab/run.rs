//! The run part of the lab: one run of a scenario from its start to the present (its
//! timeline, the latest snapshot, a window of recent events, the compare twin) and how it
//! is being played. A new run replaces it whole.

use super::Knob;
use crate::event_ring::EventRing;
use crate::pacing::SlowMotion;
use crate::timeline::Timeline;
use fencing_sim::view::Snapshot;
use fencing_sim::{Event, Scenario, SimTime, TimedCommand};
use std::rc::Rc;

/// The other half of the compare view: the same run with fencing (or the barrier) the
/// other way.
#[derive(Clone, Debug)]
pub struct Twin {
    pub(super) timeline: Timeline,
    pub snapshot: Rc<Snapshot>,
    /// Its recent events, for its own space-time diagram.
    pub events: EventRing,
    /// What differs from the present run.
    pub knob: Knob,
}

impl Twin {
    /// What the twin runs with, in words: "fencing off", "barrier on".
    pub fn differs(&self) -> String {
        self.knob.words(self.timeline.sim().config())
    }
    pub fn trace_hash(&self) -> String {
        self.timeline.sim().trace_hash().hex()
    }
    pub fn fencing(&self) -> bool {
        self.timeline.sim().config().fencing
    }
}

/// One run of a scenario, from its start to the present, and how it is being played.
#[derive(Clone, Debug)]
pub struct Run {
    /// The scenario this run plays (with any seed, node count or faults the person chose).
    pub scenario: Rc<Scenario>,
    /// The scenario, the user's commands, keyframes for seeking.
    pub(super) timeline: Timeline,
    /// Compare mode: the same seed and commands with fencing the other way.
    pub twin: Option<Twin>,
    pub snapshot: Rc<Snapshot>,
    pub events: EventRing,
    pub playing: bool,
    /// Virtual microseconds owed to the simulation from fractional frames.
    pub(super) carry_us: f64,
    /// The end of the scenario has been reached once (play stops there, once).
    pub ended: bool,
    /// Slow motion in force now, if any (a key moment on screen).
    pub slow: Option<SlowMotion>,
    /// The run's key events in words for screen readers, rate-limited.
    pub voice: crate::voice::Voice,
    /// Which run this is: a new run or a seek starts a new one (the event ring says which
    /// run its events are from).
    pub(super) id: u64,
}

impl Run {
    /// The run `timeline` holds, as run number `id`, stopped.
    pub(super) fn new(mut timeline: Timeline, id: u64) -> Run {
        let mut events = EventRing::new(id);
        events.push(timeline.drain_events(), timeline.sim().totals().events);
        let ended = timeline.now() >= SimTime::from_ms(timeline.scenario().until_ms);
        Run {
            snapshot: Rc::new(Snapshot::of(timeline.sim())),
            scenario: Rc::new(timeline.scenario().clone()),
            timeline,
            twin: None,
            events,
            playing: false,
            carry_us: 0.0,
            ended,
            slow: None,
            voice: Default::default(),
            id,
        }
    }

    /// The same run with `knob` the other way, beside this one (compare mode), from the
    /// same commands to the same moment; an error if that run cannot be made.
    pub(super) fn start_twin(&mut self, knob: Knob) -> Result<(), String> {
        let mut s = (*self.scenario).clone();
        match knob {
            Knob::Fencing => s.config.fencing = !s.config.fencing,
            Knob::Barrier => s.config.barrier = !s.config.barrier,
        }
        let commands: Vec<TimedCommand> = self
            .timeline
            .commands()
            .iter()
            .map(|c| TimedCommand {
                at_ms: c.at_ms,
                command: knob.mirrored(c.command.clone()),
            })
            .collect();
        let now = self.timeline.now();
        let mut t = Timeline::replay(s, &commands, now).map_err(|e| e.to_string())?;
        // The twin's queue holds every command, like the present run's; its recent history
        // is re-simulated for its diagram, as a seek's is.
        t.seek(now, super::SEEK_HISTORY_MS);
        let mut events = EventRing::new(self.id);
        events.push(t.drain_events(), t.sim().totals().events);
        self.twin = Some(Twin {
            snapshot: Rc::new(Snapshot::of(t.sim())),
            timeline: t,
            events,
            knob,
        });
        Ok(())
    }

    /// Keeps `events`, the run's newest, in the window of recent events.
    pub(super) fn keep(&mut self, events: Vec<Event>) {
        self.events
            .push(events, self.timeline.sim().totals().events);
    }

    /// The snapshot, slow motion and the twin brought up to the present.
    pub(super) fn refresh(&mut self) {
        self.snapshot = Rc::new(Snapshot::of(self.timeline.sim()));
        self.slow = crate::pacing::slow_motion(&self.snapshot, self.events.iter());
        if let Some(tw) = &mut self.twin {
            let through = tw.timeline.sim().totals().events;
            tw.events.push(tw.timeline.drain_events(), through);
            tw.snapshot = Rc::new(Snapshot::of(tw.timeline.sim()));
        }
    }

    /// Stops playing, owing nothing to the next frame.
    pub(super) fn stop(&mut self) {
        self.playing = false;
        self.carry_us = 0.0;
    }
}

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && Rc::ptr_eq(&self.scenario, &other.scenario)
            && Rc::ptr_eq(&self.snapshot, &other.snapshot)
            && self.timeline.commands().len() == other.timeline.commands().len()
            && self.playing == other.playing
            && self.ended == other.ended
            && self.slow == other.slow
            && self.voice.said == other.voice.said
            && self.twin.is_some() == other.twin.is_some()
    }
}
