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
use std::collections::BinaryHeap;

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
    /// Sorted by (time, sequence number), latest first: the next command is the last,
    /// taken in constant time. (Not a `BTreeMap`: its code for one more key type costs the
    /// students' bundle more than this vector's few lines.)
    commands: Vec<((SimTime, u64), Command)>,
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
        let key = (at, seq);
        // The sequence number is new, so the key is never found: its place, latest first.
        let place = self
            .commands
            .binary_search_by(|(k, _)| key.cmp(k))
            .unwrap_or_else(|i| i);
        self.commands.insert(place, (key, command));
    }

    /// When the next item or command is due, if any.
    pub(super) fn next_time(&self) -> Option<SimTime> {
        let q = self.items.peek().map(|Reverse(q)| q.at);
        let c = self.commands.last().map(|((t, _), _)| *t);
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
            .last()
            .map(|(key, _)| *key)
            .filter(|(t, _)| *t <= limit);
        match (q, c) {
            (Some(tq), Some((tc, _))) if tq <= tc => self.pop_item(),
            (_, Some(_)) => {
                let ((at, _), command) = self.commands.pop()?;
                Some(Next::Command(at, command))
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
        self.commands.iter().rev().map(|((t, _), c)| (*t, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{NodeArgs, NodeRef};

    fn crash(n: u8) -> Command {
        Command::Crash(NodeArgs {
            node: NodeRef::Id(NodeId(n)),
        })
    }

    fn at(ms: u64) -> SimTime {
        SimTime::from_ms(ms)
    }

    #[test]
    fn commands_run_by_time_then_in_the_order_scheduled_and_items_first_at_a_tie() {
        let mut q = Queue::default();
        // Scheduled out of time order, with ties at 200 ms.
        q.schedule(at(300), crash(0));
        q.schedule(at(200), crash(1));
        q.schedule(at(100), crash(2));
        q.schedule(at(200), crash(3));
        q.push(
            at(200),
            Item::PauseEnd {
                node: NodeId(4),
                gen: 1,
            },
        );
        let listed: Vec<(SimTime, Command)> = q.commands().map(|(t, c)| (t, c.clone())).collect();
        let want = vec![
            (at(100), crash(2)),
            (at(200), crash(1)),
            (at(200), crash(3)),
            (at(300), crash(0)),
        ];
        assert_eq!(listed, want, "listed in the order they will run");
        assert_eq!(q.next_time(), Some(at(100)));
        // Nothing is due before 100 ms.
        assert!(q.pop(at(99)).is_none());
        let mut ran = Vec::new();
        while let Some(next) = q.pop(at(1_000)) {
            ran.push(match next {
                Next::Command(t, Command::Crash(a)) => format!("{} crash {:?}", t.0 / 1000, a.node),
                Next::Command(t, _) => format!("{} other", t.0 / 1000),
                Next::Item(t, _) => format!("{} item", t.0 / 1000),
            });
        }
        assert_eq!(
            ran,
            [
                "100 crash Id(NodeId(2))",
                "200 item",
                "200 crash Id(NodeId(1))",
                "200 crash Id(NodeId(3))",
                "300 crash Id(NodeId(0))",
            ]
        );
        assert_eq!(q.next_time(), None);
    }
}
