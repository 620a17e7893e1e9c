//! One node's place in the world: the node itself (gone while crashed) and what survives
//! a crash, its clock, its timer table, its pause (with the inbox of what waits for it) and
//! an armed "pause at the worst moment". And how the world steps a node: at its own local
//! time, carrying out the effects it returns.

use super::queue::Item;
use super::Sim;
use crate::command::PauseLength;
use crate::ids::Term;
use crate::ids::{Actor, NodeId};
use crate::msg::Msg;
use crate::node::{Node, Note, Output, Persisted, Role, Timer};
use crate::small_map::SmallMap;
use crate::time::{Clock, Duration, LocalTime, SimTime};
use crate::trace::EventKind;

/// When a paused node wakes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    At(SimTime),
    OnResume,
}

impl Wake {
    /// The time it wakes on its own, if it does.
    pub fn at(self) -> Option<SimTime> {
        match self {
            Wake::At(t) => Some(t),
            Wake::OnResume => None,
        }
    }
}

/// Something waiting for a paused node, in arrival order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Held {
    Msg { from: Actor, msg: Msg },
    Timer { timer: Timer, gen: u64 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Pause {
    pub(super) wake: Wake,
    /// Tells this pause's end from an earlier pause's.
    pub(super) gen: u64,
    pub(super) held: Vec<Held>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Slot {
    /// `None` while crashed.
    pub(super) node: Option<Node>,
    pub(super) persisted: Persisted,
    pub(super) clock: Clock,
    pub(super) timers: SmallMap<Timer, (LocalTime, u64)>,
    pub(super) pause: Option<Pause>,
    /// An armed "pause at the worst moment", and how long that pause will last.
    pub(super) armed: Option<PauseLength>,
    /// The last message from an older term this node refused (for the picture).
    pub(super) refused: Option<Refusal>,
}

/// A message from an older term a node refused: when, from whom, its term and the node's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Refusal {
    pub at: SimTime,
    pub from: NodeId,
    pub term: Term,
    pub current: Term,
}

impl Slot {
    pub(super) fn new(node: Node, persisted: Persisted) -> Slot {
        Slot {
            node: Some(node),
            persisted,
            clock: Clock::new(),
            timers: SmallMap::new(),
            pause: None,
            armed: None,
            refused: None,
        }
    }
}

impl Sim {
    /// Runs `f` on a live node at its local time and carries out what it asks for.
    pub(super) fn step_node(&mut self, id: NodeId, f: impl FnOnce(&mut Node, LocalTime)) {
        let slot = &mut self.slots[id.0 as usize];
        let local = slot.clock.local(self.now);
        let Some(node) = slot.node.as_mut() else {
            return;
        };
        let lease_before = (node.term(), node.lease_until());
        f(node, local);
        let mut outputs = Vec::new();
        while let Some(o) = node.poll_output() {
            outputs.push(o);
        }
        let lease_after = (node.term(), node.lease_until());
        slot.persisted = node.persisted();
        let mut pause_now = false;
        for o in outputs {
            match o {
                Output::Send { to, msg } => self.send(Actor::Node(id), to, msg),
                Output::SetTimer { timer, min, max } => {
                    let d = Duration(self.rng_timers.range(min.0, max.0));
                    self.set_timer(id, timer, local.plus(d));
                }
                Output::CancelTimer(timer) => {
                    self.slots[id.0 as usize].timers.remove(&timer);
                }
                Output::Note(note) => {
                    if let Note::OldTermRefused {
                        from,
                        term,
                        current,
                    } = &note
                    {
                        let (from, term, current) = (*from, *term, *current);
                        self.slots[id.0 as usize].refused = Some(Refusal {
                            at: self.now,
                            from,
                            term,
                            current,
                        });
                    }
                    if matches!(note, Note::LeaseCheck { ok: true, .. })
                        && self.slots[id.0 as usize].armed.is_some()
                    {
                        pause_now = true;
                    }
                    self.record(EventKind::Node { node: id, note });
                }
            }
        }
        if lease_after != lease_before {
            self.record_lease_belief(id);
        }
        if pause_now {
            if let Some(length) = self.slots[id.0 as usize].armed.take() {
                self.pause(id, length, true);
            }
        }
    }

    pub(super) fn record_lease_belief(&mut self, id: NodeId) {
        let slot = &self.slots[id.0 as usize];
        let Some(node) = slot.node.as_ref() else {
            return;
        };
        if !node.believes_lease_valid(slot.clock.local(self.now)) {
            return; // a lease that has run out on the node's own clock is no belief
        }
        if let (Role::Leader, Some(until)) = (node.role(), node.lease_until()) {
            let (term, until) = (node.term(), slot.clock.true_time_of(until));
            self.record(EventKind::Lease {
                node: id,
                term,
                until,
            });
        }
    }

    pub(super) fn set_timer(&mut self, id: NodeId, timer: Timer, deadline: LocalTime) {
        self.next_gen += 1;
        let gen = self.next_gen;
        let slot = &mut self.slots[id.0 as usize];
        slot.timers.insert(timer, (deadline, gen));
        let at = slot.clock.true_time_of(deadline);
        self.push(
            at,
            Item::NodeTimer {
                node: id,
                timer,
                gen,
            },
        );
    }

    pub(super) fn fire_timer(&mut self, id: NodeId, timer: Timer, gen: u64) {
        let slot = &mut self.slots[id.0 as usize];
        if slot.timers.get(&timer).map(|(_, g)| *g) != Some(gen) {
            return; // cancelled or re-set since
        }
        if let Some(p) = slot.pause.as_mut() {
            p.held.push(Held::Timer { timer, gen });
            return;
        }
        slot.timers.remove(&timer);
        self.record(EventKind::Timer { node: id, timer });
        self.step_node(id, |n, now| n.handle_timer(now, timer));
    }
}
