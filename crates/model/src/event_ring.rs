//! The recent events the log and the diagram draw from: a bounded window of the run's
//! trace, kept as shared chunks so the state clones cheaply every frame. Its identity
//! (run number, events ever pushed, length) is what a component compares to redraw.

use fencing_sim::{Event, SimTime};
use std::collections::VecDeque;
use std::rc::Rc;

/// How many recent events the log and the diagram can reach back to.
pub const RING_EVENTS: usize = 3000;

/// Pushes join the newest chunk while it holds fewer events than this.
const CHUNK: usize = 128;

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
        // Playing fast, the lab keeps each event time's few events on its own (`Lab::run_to`):
        // they join the newest chunk while it is small, so a clone (every frame, several
        // times) copies a few dozen chunks, not one per event time. A chunk a clone still
        // shares is copied first (once a frame, at most CHUNK events).
        match self.chunks.back_mut().filter(|c| c.len() < CHUNK) {
            Some(last) => Rc::make_mut(last).extend(events),
            None => self.chunks.push_back(Rc::new(events)),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use fencing_sim::{Actor, EventKind};

    fn events(from: u64, n: u64) -> Vec<Event> {
        (from..from + n)
            .map(|i| Event {
                t: SimTime(i),
                kind: EventKind::Deliver {
                    id: i,
                    from: Actor::Lease,
                    to: Actor::Storage,
                },
            })
            .collect()
    }

    #[test]
    fn small_pushes_share_few_chunks_and_keep_every_event_in_order() {
        let mut ring = EventRing::new(1);
        let mut held = Vec::new();
        let mut n = 0;
        // 300 frames of 20 event times each, 0 to 3 events at each; the page clones the
        // ring every frame and holds the clone into the next.
        for frame in 0..300u64 {
            for step in 0..20 {
                let k = (frame + step) % 4;
                ring.push(events(n, k), n + k);
                n += k;
            }
            held.push((ring.clone(), ring.iter().cloned().collect::<Vec<_>>()));
        }
        assert!(ring.len() >= RING_EVENTS && ring.len() < RING_EVENTS + CHUNK);
        // Chunks of CHUNK events, not one an event time.
        assert!(
            ring.chunks.len() <= RING_EVENTS / CHUNK + 2,
            "{} chunks",
            ring.chunks.len()
        );
        let times: Vec<u64> = ring.iter().map(|e| e.t.0).collect();
        assert_eq!(times, (n - ring.len() as u64..n).collect::<Vec<_>>());
        assert_eq!(ring.total(), n);
        // What a clone held is never changed by the pushes after it.
        for (clone, then) in held {
            assert_eq!(clone.iter().cloned().collect::<Vec<_>>(), then);
        }
    }

    #[test]
    fn a_full_chunk_takes_no_more() {
        let mut ring = EventRing::new(1);
        ring.push(events(0, 3), 3);
        ring.push(events(3, 500), 503);
        ring.push(events(503, 2), 505);
        assert_eq!(ring.chunks.len(), 2);
        assert_eq!(ring.len(), 505);
    }
}
