//! Commands acting on the world. A command that fires is first resolved (`"leader"` becomes
//! the node leading now) and checked against the world as it is (a crashed node cannot be
//! paused, a running one cannot restart); one that cannot act is recorded as skipped, with the reason. Then it acts: pauses and
//! resumes, crashes and restarts, the network's partition, cuts, delays and held links,
//! clock rates and settings.

use super::queue::Item;
use super::slot::{Pause, Wake};
use super::Sim;
use crate::command::{Command, PauseLength, Resolved};
use crate::config::Config;
use crate::ids::NodeId;
use crate::node::{Node, Params, Timer};
use crate::time::LocalTime;
use crate::trace::EventKind;

impl Sim {
    fn skip(&mut self, command: Command, reason: impl Into<String>) {
        self.record(EventKind::FaultSkipped {
            fault: command,
            reason: reason.into(),
        });
    }

    /// Runs a command that has come due.
    pub(super) fn apply(&mut self, command: Command) {
        let resolved = match command.resolve(self.current_leader()) {
            Ok(r) => r,
            Err(reason) => return self.skip(command, reason),
        };
        // The trace names the node the command hit, not "leader".
        let command = resolved.to_command();
        if let Some(reason) = self.refusal(&resolved) {
            return self.skip(command, reason);
        }
        let text = command.describe();
        self.record(EventKind::Fault {
            fault: command,
            text,
        });
        match resolved {
            Resolved::Pause {
                node,
                length,
                after_lease_check,
            } => {
                if after_lease_check {
                    self.slots[node.0 as usize].armed = Some(length);
                    self.record(EventKind::PauseArmed { node });
                } else {
                    self.pause(node, length, false);
                }
            }
            Resolved::Resume(id) => {
                self.slots[id.0 as usize].armed = None;
                self.resume(id);
            }
            Resolved::Crash(id) => {
                let slot = &mut self.slots[id.0 as usize];
                if let Some(n) = slot.node.take() {
                    slot.persisted = n.persisted();
                }
                slot.timers.clear();
                slot.pause = None;
                slot.armed = None;
                self.record(EventKind::Crashed { node: id });
            }
            Resolved::Restart(id) => {
                let slot = &mut self.slots[id.0 as usize];
                slot.node = Some(Node::new(
                    id,
                    Params::from_config(&self.config),
                    slot.persisted,
                ));
                let term = slot.persisted.term;
                self.record(EventKind::Restarted { node: id, term });
                self.step_node(id, |n, _| n.start());
            }
            Resolved::Partition { side_b, both } => self.net.partition(&side_b, &both),
            Resolved::Heal => self.net.heal(),
            Resolved::CutLink { from, to } => self.net.cut(from, to),
            Resolved::RestoreLink { from, to } => self.net.restore(from, to),
            Resolved::LinkDelay { from, to, extra } => self.net.set_delay(from, to, extra),
            Resolved::Hold { from, to } => self.net.hold(from, to),
            Resolved::HoldMessage(id) => {
                self.hold_ids.insert(id);
            }
            Resolved::Release { from, to, drop } => self.release(from, to, drop),
            Resolved::ClockRate { node, ppm } => self.set_clock_rate(node, ppm),
            Resolved::Set(patch) => self.apply_config(patch.apply(&self.config)),
        }
    }

    /// Why a resolved command cannot act on the world as it is now, if it cannot.
    fn refusal(&self, command: &Resolved) -> Option<String> {
        match command {
            Resolved::Pause { node: id, .. } => {
                if self.is_crashed(*id) {
                    Some(format!("{id} has crashed"))
                } else if self.slots[id.0 as usize].pause.is_some() {
                    Some(format!("{id} is already paused"))
                } else {
                    None
                }
            }
            Resolved::Resume(id) => {
                let slot = &self.slots[id.0 as usize];
                (slot.pause.is_none() && slot.armed.is_none())
                    .then(|| format!("{id} is not paused"))
            }
            Resolved::Crash(id) => self
                .is_crashed(*id)
                .then(|| format!("{id} has already crashed")),
            Resolved::Restart(id) => (!self.is_crashed(*id)).then(|| format!("{id} is running")),
            Resolved::Release { from, to, .. } => {
                (!self.holds(*from, *to)).then(|| format!("the link {from} → {to} is not held"))
            }
            Resolved::HoldMessage(id) => {
                (!self.in_flight.contains_key(id)).then(|| format!("message {id} is not in flight"))
            }
            _ => None,
        }
    }

    pub(super) fn pause(&mut self, id: NodeId, length: PauseLength, worst_moment: bool) {
        self.next_gen += 1;
        let gen = self.next_gen;
        let wake = match length {
            PauseLength::For(d) => Wake::At(self.now.plus(d)),
            PauseLength::UntilResumed => Wake::OnResume,
        };
        self.slots[id.0 as usize].pause = Some(Pause {
            wake,
            gen,
            held: Vec::new(),
        });
        self.record(EventKind::Paused {
            node: id,
            until: wake.at(),
            worst_moment,
        });
        if let Wake::At(until) = wake {
            self.push(until, Item::PauseEnd { node: id, gen });
        }
    }

    /// Wakes a paused node: it handles what waited, in arrival order, carrying on
    /// where it stopped (a write it was about to send goes out now).
    pub(super) fn resume(&mut self, id: NodeId) {
        let Some(p) = self.slots[id.0 as usize].pause.take() else {
            return;
        };
        self.record(EventKind::Resumed {
            node: id,
            held: p.held.len() as u32,
        });
        for h in p.held {
            if self.is_crashed(id) || self.slots[id.0 as usize].pause.is_some() {
                break;
            }
            match h {
                super::slot::Held::Msg { from, msg } => {
                    self.step_node(id, |n, now| n.handle_message(now, from, msg))
                }
                super::slot::Held::Timer { timer, gen } => self.fire_timer(id, timer, gen),
            }
        }
    }

    fn set_clock_rate(&mut self, id: NodeId, ppm: i64) {
        let now = self.now;
        let slot = &mut self.slots[id.0 as usize];
        slot.clock.set_rate(now, ppm);
        // Re-place this node's timers on the true timeline; old queue entries go stale.
        let timers: Vec<(Timer, LocalTime)> =
            slot.timers.iter().map(|(t, (d, _))| (*t, *d)).collect();
        for (timer, deadline) in timers {
            self.set_timer(id, timer, deadline);
        }
        self.record_lease_belief(id);
    }

    fn apply_config(&mut self, config: Config) {
        self.storage.fencing = config.fencing;
        self.lease.set_lease(config.lease());
        self.net.latency = config.latency();
        self.net.drop_percent = config.drop_percent;
        let params = Params::from_config(&config);
        for slot in &mut self.slots {
            if let Some(n) = slot.node.as_mut() {
                n.set_params(params.clone());
            }
        }
        self.config = config;
    }
}
