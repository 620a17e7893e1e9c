//! The world's one queue: what happens next, ordered by (virtual time, sequence number).
//! It holds two kinds of entry: timed items the world made (a delivery, a node's timer, a
//! lease expiry, the end of a pause) and commands (faults and settings changes) scheduled
//! by a scenario or a person. One sequence counter numbers both, so ties keep the order in
//! which things were scheduled; at equal times an item comes before a command, so a
//! command at T runs after every event at T.

use crate::command::Command;
use crate::ids::{NodeId, Term};
use crate::node::Timer;
use crate::time::SimTime;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// Something the world itself scheduled.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Item {
    Deliver {
        id: u64,
    },
    NodeTimer {
        node: NodeId,
        timer: Timer,
        gen: u64,
    },
    LeaseExpiry {
        term: Term,
        at: SimTime,
    },
    PauseEnd {
        node: NodeId,
        gen: u64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Queued {
    at: SimTime,
    seq: u64,
    item: Item,
}

/// The next thing due.
pub(super) enum Next {
    Item(SimTime, Item),
    Command(SimTime, Command),
}

#[derive(Clone, Debug, Default)]
pub(super) struct Queue {
    seq: u64,
    items: BinaryHeap<Reverse<Queued>>,
    commands: BTreeMap<(SimTime, u64), Command>,
}

impl Queue {
    fn bump_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Queues an item at `at`.
    pub(super) fn push(&mut self, at: SimTime, item: Item) {
        let seq = self.bump_seq();
        self.items.push(Reverse(Queued { at, seq, item }));
    }

    /// Schedules a command at `at`.
    pub(super) fn schedule(&mut self, at: SimTime, command: Command) {
        let seq = self.bump_seq();
        self.commands.insert((at, seq), command);
    }

    /// When the next item or command is due, if any.
    pub(super) fn next_time(&self) -> Option<SimTime> {
        let q = self.items.peek().map(|Reverse(q)| q.at);
        let c = self.commands.keys().next().map(|(t, _)| *t);
        match (q, c) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Takes the next item or command due at or before `limit`.
    pub(super) fn pop(&mut self, limit: SimTime) -> Option<Next> {
        let q = self
            .items
            .peek()
            .map(|Reverse(q)| q.at)
            .filter(|t| *t <= limit);
        let c = self
            .commands
            .keys()
            .next()
            .copied()
            .filter(|(t, _)| *t <= limit);
        match (q, c) {
            (Some(tq), Some((tc, _))) if tq <= tc => self.pop_item(),
            (_, Some(key)) => {
                let command = self.commands.remove(&key)?;
                Some(Next::Command(key.0, command))
            }
            (Some(_), None) => self.pop_item(),
            (None, None) => None,
        }
    }

    fn pop_item(&mut self) -> Option<Next> {
        let Reverse(q) = self.items.pop()?;
        Some(Next::Item(q.at, q.item))
    }

    /// Commands still to come, in the order they will run.
    pub(super) fn commands(&self) -> impl Iterator<Item = (SimTime, &Command)> {
        self.commands.iter().map(|((t, _), c)| (*t, c))
    }
}
