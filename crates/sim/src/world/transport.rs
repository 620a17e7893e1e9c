//! Messages between actors: sending (latency and loss drawn from the network's RNG stream
//! at send time, plus any link delay), delivering (or dropping: lost, blocked by a
//! partition or a cut link, sent to a crashed node, or an inbox full), holding messages
//! for a paused node or on a held link (and releasing them), and what the lease store and
//! the storage do with what reaches them.

use super::queue::Item;
use super::slot::Held;
use super::Sim;
use crate::ids::{Actor, NodeId, Token, Value};
use crate::lease_store::Decision;
use crate::msg::Msg;
use crate::time::{Duration, SimTime};
use crate::trace::{DropReason, EventKind};
use serde::{Deserialize, Serialize};

/// A paused node's inbox holds at most this many messages (a frozen process's receive
/// buffer is finite too); later ones are dropped. Keeps a long pause's memory bounded.
pub const MAX_HELD_MESSAGES: usize = 256;

/// A message on its way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InFlight {
    pub id: u64,
    pub from: Actor,
    pub to: Actor,
    pub msg: Msg,
    pub sent_at: SimTime,
    pub deliver_at: SimTime,
    /// Decided at send: the network will lose it.
    pub lost: bool,
}

impl Sim {
    pub(super) fn send(&mut self, from: Actor, to: Actor, msg: Msg) {
        self.next_msg_id += 1;
        let id = self.next_msg_id;
        let (lo, hi) = self.net.latency;
        let latency = Duration(self.rng_net.range(lo.0, hi.0));
        let lost = self.rng_net.percent(self.net.drop_percent as u64);
        let deliver_at = self.now.plus(latency).plus(self.net.extra_delay(from, to));
        self.record(EventKind::Send {
            id,
            from,
            to,
            msg: msg.clone(),
            deliver_at,
        });
        self.in_flight.insert(
            id,
            InFlight {
                id,
                from,
                to,
                msg,
                sent_at: self.now,
                deliver_at,
                lost,
            },
        );
        self.push(deliver_at, Item::Deliver { id });
    }

    pub(super) fn deliver(&mut self, id: u64) {
        let Some(m) = self.in_flight.remove(&id) else {
            return;
        };
        let singled_out = self.hold_ids.remove(&id);
        let reason = if m.lost {
            Some(DropReason::Lost)
        } else {
            self.net.blocked(m.from, m.to)
        };
        if let Some(reason) = reason {
            return self.record(EventKind::Drop {
                id,
                from: m.from,
                to: m.to,
                reason,
            });
        }
        if singled_out || self.net.is_held(m.from, m.to) {
            let (from, to) = (m.from, m.to);
            self.on_hold
                .get_or_insert_with((from, to), Vec::new)
                .push(m);
            return self.record(EventKind::HeldOnLink { id, from, to });
        }
        if matches!(m.to, Actor::Node(n) if self.is_crashed(n)) {
            return self.record(EventKind::Drop {
                id,
                from: m.from,
                to: m.to,
                reason: DropReason::Crashed,
            });
        }
        match m.to {
            Actor::Node(n) => {
                if let Some(p) = self.slots[n.0 as usize].pause.as_mut() {
                    let waiting = p
                        .held
                        .iter()
                        .filter(|h| matches!(h, Held::Msg { .. }))
                        .count();
                    if waiting >= MAX_HELD_MESSAGES {
                        let (from, to) = (m.from, m.to);
                        let reason = DropReason::InboxFull;
                        return self.record(EventKind::Drop {
                            id,
                            from,
                            to,
                            reason,
                        });
                    }
                    p.held.push(Held::Msg {
                        from: m.from,
                        msg: m.msg,
                    });
                    return self.record(EventKind::Held { id, node: n });
                }
                self.record(EventKind::Deliver {
                    id,
                    from: m.from,
                    to: m.to,
                });
                let (from, msg) = (m.from, m.msg);
                self.step_node(n, |node, now| node.handle_message(now, from, msg));
            }
            Actor::Lease => {
                self.record(EventKind::Deliver {
                    id,
                    from: m.from,
                    to: m.to,
                });
                let Actor::Node(node) = m.from else { return };
                let Some((reply, decision)) = self.lease.handle(self.now, node, &m.msg) else {
                    return;
                };
                match decision {
                    Decision::Granted(h) | Decision::Renewed(h) => {
                        let (term, expires_at) = (h.term, h.expires_at);
                        self.record(if matches!(decision, Decision::Granted(_)) {
                            EventKind::Grant {
                                node,
                                term,
                                expires_at,
                            }
                        } else {
                            EventKind::Renewal {
                                node,
                                term,
                                expires_at,
                            }
                        });
                        self.push(
                            expires_at,
                            Item::LeaseExpiry {
                                term,
                                at: expires_at,
                            },
                        );
                    }
                    Decision::Denied { holder } => {
                        let term = self.lease.term();
                        self.record(EventKind::Denial {
                            node,
                            holder: holder.map(|h| h.node),
                            term,
                        });
                    }
                    Decision::RenewDenied => {
                        self.record(EventKind::RenewDenial {
                            node,
                            term: self.lease.term(),
                        });
                    }
                }
                self.send(Actor::Lease, m.from, reply);
            }
            Actor::Storage => {
                self.record(EventKind::Deliver {
                    id,
                    from: m.from,
                    to: m.to,
                });
                let (Actor::Node(node), Msg::Write { token, value }) = (m.from, m.msg) else {
                    return;
                };
                self.store_write(node, token, value);
            }
        }
    }

    /// Ends the hold on `from` → `to`. What it held goes on in the order it arrived, each
    /// with a fresh latency (never arriving before the one ahead of it), or is dropped.
    pub(super) fn release(&mut self, from: Actor, to: Actor, drop: bool) {
        self.net.unhold(from, to);
        let waiting = self.on_hold.remove(&(from, to)).unwrap_or_default();
        let mut after = self.now;
        for mut m in waiting {
            let id = m.id;
            if drop {
                let reason = DropReason::HeldDropped;
                self.record(EventKind::Drop {
                    id,
                    from,
                    to,
                    reason,
                });
                continue;
            }
            let (lo, hi) = self.net.latency;
            let latency = Duration(self.rng_net.range(lo.0, hi.0));
            let deliver_at = self
                .now
                .plus(latency)
                .plus(self.net.extra_delay(from, to))
                .max(after);
            after = deliver_at;
            (m.sent_at, m.deliver_at) = (self.now, deliver_at);
            self.record(EventKind::Released {
                id,
                from,
                to,
                deliver_at,
            });
            self.in_flight.insert(id, m);
            self.push(deliver_at, Item::Deliver { id });
        }
    }

    /// True when the link `from` → `to` is held or something waits at its far end (a
    /// message held on its own): a release has something to do.
    pub fn holds(&self, from: Actor, to: Actor) -> bool {
        self.net.is_held(from, to) || self.on_hold.contains_key(&(from, to))
    }

    /// True when the message `id`, in flight, will be held where it arrives.
    pub fn will_hold(&self, id: u64, from: Actor, to: Actor) -> bool {
        self.hold_ids.contains(&id) || self.net.is_held(from, to)
    }

    /// How many messages the network holds now: in flight, and waiting on held links.
    /// Nearly all of a simulation's size when a slowed or held link has piled them up.
    pub fn messages_held_by_network(&self) -> usize {
        self.in_flight.len() + self.on_hold.values().map(Vec::len).sum::<usize>()
    }

    /// The links with messages waiting at their end (held, or released not yet), in the
    /// order `on_hold` gives their messages.
    pub fn links_on_hold(&self) -> impl Iterator<Item = (Actor, Actor)> + '_ {
        self.on_hold
            .iter()
            .filter(|(_, waiting)| !waiting.is_empty())
            .map(|(link, _)| *link)
    }

    /// What the held links hold, link by link in arrival order.
    pub fn on_hold(&self) -> impl Iterator<Item = &InFlight> + '_ {
        self.on_hold.values().flatten()
    }

    fn store_write(&mut self, node: NodeId, token: Token, value: Option<Value>) {
        // The lease store's term labels a write that got through the fencing gap; the
        // storage itself never learns it.
        let granted = self.lease.term();
        let r = self.storage.write(self.now, node, token, value, granted);
        self.record(EventKind::Write {
            node,
            token,
            value,
            verdict: r.verdict,
        });
        let highest = self.storage.highest().unwrap_or(token);
        let accepted = r.verdict.taken();
        self.send(
            Actor::Storage,
            Actor::Node(node),
            Msg::WriteReply {
                token,
                accepted,
                highest,
            },
        );
    }
}
