//! The recent events the log and the diagram draw from: a bounded window of the run's
//! trace, kept as shared chunks so the state clones cheaply every frame. Its identity
//! (run number, events ever pushed, length) is what a component compares to redraw.

use fencing_sim::{Event, SimTime};
use std::collections::VecDeque;
use std::rc::Rc;

/// How many recent events the log and the diagram can reach back to.
pub const RING_EVENTS: usize = 3000;

/// Recent events, kept as shared chunks so the state clones cheaply every frame.
#[derive(Clone, Debug, Default)]
pub struct EventRing {
    chunks: VecDeque<Rc<Vec<Event>>>,
    len: usize,
    /// The run's events up to the newest kept, counted from the run's start (identifies
    /// the ring's content with `run`, and numbers each event).
    total: u64,
    run: u64,
}

impl PartialEq for EventRing {
    fn eq(&self, other: &Self) -> bool {
        self.run == other.run && self.total == other.total && self.len == other.len
    }
}

impl EventRing {
    pub fn new(run: u64) -> Self {
        EventRing {
            run,
            ..Default::default()
        }
    }
    /// Adds the run's next events; `through` is how many events the run has made with
    /// them (the simulation's count), so each event keeps its number in the run however
    /// the ring was filled: a seek that re-simulates the same events numbers them alike.
    pub fn push(&mut self, events: Vec<Event>, through: u64) {
        debug_assert!(
            through >= self.total + events.len() as u64,
            "events numbered backwards"
        );
        self.total = through;
        if events.is_empty() {
            return;
        }
        self.len += events.len();
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
