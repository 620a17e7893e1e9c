//! The world: true time, one event queue ordered by (time, sequence), the network, the
//! clocks, the RNG streams and the faults. Nodes only ever see their own clock.
//!
//! Commands (faults, user actions) scheduled at time T run after every queued event at or
//! before T, so advancing to T in one call or in many small ones gives the same trace.

use super::command::{ActorRef, Command, NodeRef};
use super::config::Config;
use super::ids::{Actor, NodeId, Term, Token, Value};
use super::lease_store::{Decision, LeaseStore};
use super::monitor::Monitor;
use super::msg::Msg;
use super::node::{Node, Note, Output, Params, Persisted, Role, Timer};
use super::rng::{SimRng, Stream};
use super::scenario::{check_fault, Scenario};
use super::storage::{Storage, Verdict};
use super::time::{Clock, Duration, LocalTime, SimTime};
use super::trace::{DropReason, Event, EventKind, TraceHash, Violation};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// A node named in a fault after `Sim::resolve_refs` (no `"leader"` left).
fn resolved_node(r: NodeRef) -> NodeId {
    match r {
        NodeRef::Id(id) => id,
        NodeRef::Leader => unreachable!("faults are resolved before they apply"),
    }
}

fn resolved_actor(r: ActorRef) -> Actor {
    match r {
        ActorRef::Node(n) => Actor::Node(resolved_node(n)),
        ActorRef::Lease => Actor::Lease,
        ActorRef::Storage => Actor::Storage,
    }
}

/// A paused node's inbox holds at most this many messages (a frozen process's receive
/// buffer is finite too); later ones are dropped. Keeps a long pause's memory bounded.
pub const MAX_HELD_MESSAGES: usize = 256;

/// At most this many rejections and violations are listed in the summary (all are counted).
pub const SUMMARY_LIST_MAX: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
enum Item {
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

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Queued {
    at: SimTime,
    seq: u64,
    item: Item,
}

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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Held {
    Msg { from: Actor, msg: Msg },
    Timer { timer: Timer, gen: u64 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Pause {
    until: Option<SimTime>,
    gen: u64,
    held: Vec<Held>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Slot {
    /// `None` while crashed.
    node: Option<Node>,
    persisted: Persisted,
    clock: Clock,
    timers: BTreeMap<Timer, (LocalTime, u64)>,
    pause: Option<Pause>,
    /// Armed "pause at the worst moment": the pause length (`None` = until resumed).
    armed: Option<Option<Duration>>,
}

/// One rejected write, for the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub at_ms: u64,
    pub node: u8,
    pub token: u64,
    pub highest: u64,
}

/// Running totals, kept as events are recorded (so a day-long run needs no trace in memory).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub events: u64,
    pub writes_sent: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub stale_accepted: u64,
    pub barriers: u64,
    pub grants: u64,
    pub max_term: u64,
    pub leader_changes: u64,
    pub rejections: Vec<Rejection>,
    pub violations: Vec<(SimTime, Violation)>,
    pub violation_count: u64,
    pub drops: u64,
}

#[derive(Clone, Debug)]
pub struct Sim {
    config: Config,
    seed: u64,
    now: SimTime,
    seq: u64,
    queue: BinaryHeap<Reverse<Queued>>,
    commands: BTreeMap<(SimTime, u64), Command>,
    slots: Vec<Slot>,
    lease: LeaseStore,
    storage: Storage,
    net: Network,
    rng_net: SimRng,
    rng_timers: SimRng,
    in_flight: BTreeMap<u64, InFlight>,
    next_msg_id: u64,
    next_gen: u64,
    monitor: Monitor,
    hash: TraceHash,
    totals: Totals,
    /// Events recorded since the last `drain_events`, if the caller wants them.
    buffer: Vec<Event>,
    keep_events: bool,
}

use super::network::Network;

/// Why a command could not be scheduled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandError(pub String);

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Sim {
    /// A run of `scenario` (already validated) with its faults scheduled.
    pub fn new(scenario: &Scenario) -> Sim {
        let c = &scenario.config;
        let params = Params::from_config(c);
        let slots = (0..c.nodes)
            .map(|i| {
                let persisted = Persisted::default();
                Slot {
                    node: Some(Node::new(NodeId(i), params.clone(), persisted)),
                    persisted,
                    clock: Clock::new(),
                    timers: BTreeMap::new(),
                    pause: None,
                    armed: None,
                }
            })
            .collect();
        let mut sim = Sim {
            config: c.clone(),
            seed: scenario.seed,
            now: SimTime::ZERO,
            seq: 0,
            queue: BinaryHeap::new(),
            commands: BTreeMap::new(),
            slots,
            lease: LeaseStore::new(c.lease(), c.first_token),
            storage: Storage::new(c.fencing),
            net: Network::new(c.latency(), c.drop_percent),
            rng_net: SimRng::new(scenario.seed, Stream::Network),
            rng_timers: SimRng::new(scenario.seed, Stream::Timers),
            in_flight: BTreeMap::new(),
            next_msg_id: 0,
            next_gen: 0,
            monitor: Monitor::new(),
            hash: TraceHash::new(),
            totals: Totals::default(),
            buffer: Vec::new(),
            keep_events: true,
        };
        for tf in &scenario.faults {
            let seq = sim.bump_seq();
            sim.commands
                .insert((SimTime::from_ms(tf.at_ms), seq), tf.command.clone());
        }
        for i in 0..c.nodes {
            sim.step_node(NodeId(i), |n, _| n.start());
        }
        sim
    }

    // --- reading ----------------------------------------------------------------------

    pub fn now(&self) -> SimTime {
        self.now
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn config(&self) -> &Config {
        &self.config
    }
    pub fn totals(&self) -> &Totals {
        &self.totals
    }
    pub fn trace_hash(&self) -> TraceHash {
        self.hash
    }
    pub fn storage(&self) -> &Storage {
        &self.storage
    }
    pub fn lease_store(&self) -> &LeaseStore {
        &self.lease
    }
    pub fn network(&self) -> &Network {
        &self.net
    }
    pub fn monitor(&self) -> &Monitor {
        &self.monitor
    }
    pub fn in_flight(&self) -> impl Iterator<Item = &InFlight> {
        self.in_flight.values()
    }
    pub fn node_count(&self) -> u8 {
        self.slots.len() as u8
    }
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.slots.get(id.0 as usize)?.node.as_ref()
    }
    pub fn local_time(&self, id: NodeId) -> LocalTime {
        self.slots[id.0 as usize].clock.local(self.now)
    }
    pub fn clock_rate_ppm(&self, id: NodeId) -> i64 {
        self.slots[id.0 as usize].clock.rate_ppm()
    }
    pub fn is_crashed(&self, id: NodeId) -> bool {
        self.slots[id.0 as usize].node.is_none()
    }
    /// `Some(until)` while paused (`until` is `None` for "until resumed").
    pub fn paused(&self, id: NodeId) -> Option<Option<SimTime>> {
        self.slots[id.0 as usize].pause.as_ref().map(|p| p.until)
    }
    /// How many messages and timers wait for a paused node.
    pub fn held_count(&self, id: NodeId) -> usize {
        self.slots[id.0 as usize]
            .pause
            .as_ref()
            .map_or(0, |p| p.held.len())
    }
    pub fn pause_armed(&self, id: NodeId) -> bool {
        self.slots[id.0 as usize].armed.is_some()
    }
    pub fn persisted_term(&self, id: NodeId) -> Term {
        let s = &self.slots[id.0 as usize];
        s.node.as_ref().map_or(s.persisted.term, |n| n.term())
    }
    /// The node leading now: the live leader with the highest term.
    pub fn current_leader(&self) -> Option<NodeId> {
        self.slots
            .iter()
            .filter_map(|s| s.node.as_ref())
            .filter(|n| n.role() == Role::Leader)
            .max_by_key(|n| (n.term(), Reverse(n.id())))
            .map(|n| n.id())
    }
    /// When the next queued event or command happens, if any.
    pub fn next_event_time(&self) -> Option<SimTime> {
        let q = self.queue.peek().map(|Reverse(q)| q.at);
        let c = self.commands.keys().next().map(|(t, _)| *t);
        match (q, c) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
    /// Commands still to come (scheduled faults).
    pub fn pending_commands(&self) -> impl Iterator<Item = (SimTime, &Command)> {
        self.commands.iter().map(|((t, _), f)| (*t, f))
    }

    /// Stop keeping events for `drain_events` (the hash and totals still see every one).
    pub fn discard_events(&mut self) {
        self.keep_events = false;
        self.buffer.clear();
    }
    /// A copy to restore later: everything but the events not yet drained, and it keeps
    /// no events until told to.
    pub fn checkpoint(&mut self) -> Sim {
        let buffer = std::mem::take(&mut self.buffer);
        let mut copy = self.clone();
        self.buffer = buffer;
        copy.keep_events = false;
        copy
    }

    /// Keep events for `drain_events` again (after `discard_events`).
    pub fn keep_events(&mut self) {
        self.keep_events = true;
    }
    pub fn drain_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.buffer)
    }

    // --- driving ----------------------------------------------------------------------

    /// Whether `command` could be scheduled in this run (its nodes exist, its values are in
    /// range, the settings it makes are valid), without scheduling it.
    pub fn check(&self, command: &Command) -> Result<(), CommandError> {
        check_fault(command, self.node_count(), &self.config).map_err(|(p, m)| {
            CommandError(if p.is_empty() {
                m
            } else {
                format!("{}.{p}: {m}", command.name())
            })
        })
    }

    /// Schedules a command at `at` (not in the past). It runs after every event at `at`.
    pub fn schedule(&mut self, at: SimTime, fault: Command) -> Result<(), CommandError> {
        if at < self.now {
            return Err(CommandError(format!(
                "{at} is in the past (now {})",
                self.now
            )));
        }
        self.check(&fault)?;
        let seq = self.bump_seq();
        self.commands.insert((at, seq), fault);
        Ok(())
    }

    /// Runs everything up to and including `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        while self.step_once(t) {}
        self.now = self.now.max(t);
    }

    /// Runs every event at the next event time (if it is not after `limit`).
    /// Returns the time reached, or `None` when nothing is left before `limit`.
    pub fn step(&mut self, limit: SimTime) -> Option<SimTime> {
        let t = self.next_event_time().filter(|t| *t <= limit)?;
        self.run_until(t);
        Some(t)
    }

    fn step_once(&mut self, limit: SimTime) -> bool {
        let q = self
            .queue
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
            (Some(tq), Some((tc, _))) if tq <= tc => self.pop_queue(),
            (_, Some(key)) => {
                let fault = self.commands.remove(&key).expect("key just seen");
                self.now = key.0;
                self.apply(fault);
            }
            (Some(_), None) => self.pop_queue(),
            (None, None) => return false,
        }
        true
    }

    fn pop_queue(&mut self) {
        let Reverse(q) = self.queue.pop().expect("peeked");
        self.now = q.at;
        match q.item {
            Item::Deliver { id } => self.deliver(id),
            Item::NodeTimer { node, timer, gen } => self.fire_timer(node, timer, gen),
            Item::LeaseExpiry { term, at } => {
                if let Some(h) = self
                    .lease
                    .last_holder()
                    .filter(|h| h.term == term && h.expires_at == at)
                {
                    self.record(EventKind::Expiry { node: h.node, term });
                }
            }
            Item::PauseEnd { node, gen } => {
                if self.slots[node.0 as usize]
                    .pause
                    .as_ref()
                    .is_some_and(|p| p.gen == gen)
                {
                    self.resume(node);
                }
            }
        }
    }

    fn bump_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    fn push(&mut self, at: SimTime, item: Item) {
        let seq = self.bump_seq();
        self.queue.push(Reverse(Queued {
            at: at.max(self.now),
            seq,
            item,
        }));
    }

    fn record(&mut self, kind: EventKind) {
        let event = Event { t: self.now, kind };
        self.hash.add_line(&event.to_json_line());
        self.totals.events += 1;
        self.tally(&event);
        let findings = self.monitor.observe(&event);
        if self.keep_events {
            self.buffer.push(event);
        }
        for f in findings {
            self.record(f);
        }
    }

    fn tally(&mut self, e: &Event) {
        let t = &mut self.totals;
        match &e.kind {
            EventKind::Node {
                note: Note::WriteSent { .. },
                ..
            } => t.writes_sent += 1,
            EventKind::Node {
                note: Note::Leader { .. },
                ..
            } => t.leader_changes += 1,
            EventKind::Grant { term, .. } => {
                t.grants += 1;
                t.max_term = t.max_term.max(term.0);
            }
            EventKind::Write { value: None, .. } => t.barriers += 1,
            EventKind::Write {
                node,
                token,
                verdict,
                ..
            } => match verdict {
                Verdict::Accepted => t.accepted += 1,
                Verdict::StaleAccepted { .. } => t.stale_accepted += 1,
                Verdict::Rejected { highest } => {
                    t.rejected += 1;
                    if t.rejections.len() < SUMMARY_LIST_MAX {
                        t.rejections.push(Rejection {
                            at_ms: e.t.as_ms(),
                            node: node.0,
                            token: token.0,
                            highest: highest.0,
                        });
                    }
                }
            },
            EventKind::Violation { violation } => {
                t.violation_count += 1;
                if t.violations.len() < SUMMARY_LIST_MAX {
                    t.violations.push((e.t, violation.clone()));
                }
            }
            EventKind::Drop { .. } => t.drops += 1,
            _ => {}
        }
    }

    // --- nodes ------------------------------------------------------------------------

    /// Runs `f` on a live node at its local time and carries out what it asks for.
    fn step_node(&mut self, id: NodeId, f: impl FnOnce(&mut Node, LocalTime)) {
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
            let length = self.slots[id.0 as usize].armed.take().flatten();
            self.pause(id, length, true);
        }
    }

    fn record_lease_belief(&mut self, id: NodeId) {
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

    fn set_timer(&mut self, id: NodeId, timer: Timer, deadline: LocalTime) {
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

    fn fire_timer(&mut self, id: NodeId, timer: Timer, gen: u64) {
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

    // --- network ----------------------------------------------------------------------

    fn send(&mut self, from: Actor, to: Actor, msg: Msg) {
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

    fn deliver(&mut self, id: u64) {
        let Some(m) = self.in_flight.remove(&id) else {
            return;
        };
        let reason = if m.lost {
            Some(DropReason::Lost)
        } else if let Some(r) = self.net.blocked(m.from, m.to) {
            Some(r)
        } else if matches!(m.to, Actor::Node(n) if self.is_crashed(n)) {
            Some(DropReason::Crashed)
        } else {
            None
        };
        if let Some(reason) = reason {
            return self.record(EventKind::Drop {
                id,
                from: m.from,
                to: m.to,
                reason,
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

    fn store_write(&mut self, node: NodeId, token: Token, value: Option<Value>) {
        let r = self.storage.write(self.now, node, token, value);
        self.record(EventKind::Write {
            node,
            token,
            value,
            verdict: r.verdict,
        });
        let highest = self.storage.highest().unwrap_or(token);
        let accepted = !matches!(r.verdict, Verdict::Rejected { .. });
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

    // --- faults -----------------------------------------------------------------------

    fn skip(&mut self, fault: Command, reason: impl Into<String>) {
        self.record(EventKind::FaultSkipped {
            fault,
            reason: reason.into(),
        });
    }

    fn apply(&mut self, fault: Command) {
        // Resolve "leader" now, so the recorded fault names the node it hit.
        let fault = match self.resolve_refs(&fault) {
            Ok(f) => f,
            Err(reason) => return self.skip(fault, reason),
        };
        if let Some(reason) = self.refusal(&fault) {
            return self.skip(fault, reason);
        }
        let text = fault.describe();
        self.record(EventKind::Fault {
            fault: fault.clone(),
            text,
        });
        match fault {
            Command::Pause(p) => {
                let id = resolved_node(p.node);
                let length = p.for_ms.map(Duration::from_ms);
                if p.after_lease_check {
                    self.slots[id.0 as usize].armed = Some(length);
                    self.record(EventKind::PauseArmed { node: id });
                } else {
                    self.pause(id, length, false);
                }
            }
            Command::Resume(a) => {
                let id = resolved_node(a.node);
                self.slots[id.0 as usize].armed = None;
                self.resume(id);
            }
            Command::Crash(a) => {
                let id = resolved_node(a.node);
                let slot = &mut self.slots[id.0 as usize];
                if let Some(n) = slot.node.take() {
                    slot.persisted = n.persisted();
                }
                slot.timers.clear();
                slot.pause = None;
                slot.armed = None;
                self.record(EventKind::Crashed { node: id });
            }
            Command::Restart(a) => {
                let id = resolved_node(a.node);
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
            Command::Partition(p) => {
                let side_b: Vec<Actor> = p.side_b.iter().map(|a| resolved_actor(*a)).collect();
                let both: Vec<Actor> = p.both.iter().map(|a| resolved_actor(*a)).collect();
                self.net.partition(&side_b, &both);
            }
            Command::Heal(_) => self.net.heal(),
            Command::CutLink(l) => self.net.cut(resolved_actor(l.from), resolved_actor(l.to)),
            Command::RestoreLink(l) => self
                .net
                .restore(resolved_actor(l.from), resolved_actor(l.to)),
            Command::LinkDelay(l) => {
                let extra = Duration::from_ms(l.extra_ms);
                self.net
                    .set_delay(resolved_actor(l.from), resolved_actor(l.to), extra);
            }
            Command::ClockRate(c) => self.set_clock_rate(resolved_node(c.node), c.ppm),
            Command::Set(patch) => self.apply_config(patch.apply(&self.config)),
        }
    }

    /// Why a (resolved) fault cannot apply to the world as it is now, if it cannot.
    fn refusal(&self, fault: &Command) -> Option<String> {
        match fault {
            Command::Pause(p) => {
                let id = resolved_node(p.node);
                if self.is_crashed(id) {
                    Some(format!("{id} has crashed"))
                } else if self.slots[id.0 as usize].pause.is_some() {
                    Some(format!("{id} is already paused"))
                } else {
                    None
                }
            }
            Command::Resume(a) => {
                let id = resolved_node(a.node);
                let slot = &self.slots[id.0 as usize];
                (slot.pause.is_none() && slot.armed.is_none())
                    .then(|| format!("{id} is not paused"))
            }
            Command::Crash(a) => {
                let id = resolved_node(a.node);
                self.is_crashed(id)
                    .then(|| format!("{id} has already crashed"))
            }
            Command::Restart(a) => {
                let id = resolved_node(a.node);
                (!self.is_crashed(id)).then(|| format!("{id} is running"))
            }
            _ => None,
        }
    }

    /// Replaces every `"leader"` in a fault by the node leading now.
    fn resolve_refs(&self, fault: &Command) -> Result<Command, String> {
        let leader = || {
            self.current_leader()
                .ok_or_else(|| "no node leads right now".to_string())
        };
        let node = |r: NodeRef| -> Result<NodeRef, String> {
            Ok(match r {
                NodeRef::Leader => NodeRef::Id(leader()?),
                id => id,
            })
        };
        let actor = |r: ActorRef| -> Result<ActorRef, String> {
            Ok(match r {
                ActorRef::Node(n) => ActorRef::Node(node(n)?),
                other => other,
            })
        };
        let mut f = fault.clone();
        match &mut f {
            Command::Pause(p) => p.node = node(p.node)?,
            Command::Resume(a) | Command::Crash(a) | Command::Restart(a) => a.node = node(a.node)?,
            Command::Partition(p) => {
                for a in p.side_b.iter_mut().chain(p.both.iter_mut()) {
                    *a = actor(*a)?;
                }
            }
            Command::CutLink(l) | Command::RestoreLink(l) => {
                l.from = actor(l.from)?;
                l.to = actor(l.to)?;
            }
            Command::LinkDelay(l) => {
                l.from = actor(l.from)?;
                l.to = actor(l.to)?;
            }
            Command::ClockRate(c) => c.node = node(c.node)?,
            Command::Heal(_) | Command::Set(_) => {}
        }
        Ok(f)
    }

    fn pause(&mut self, id: NodeId, length: Option<Duration>, worst_moment: bool) {
        self.next_gen += 1;
        let gen = self.next_gen;
        let until = length.map(|d| self.now.plus(d));
        self.slots[id.0 as usize].pause = Some(Pause {
            until,
            gen,
            held: Vec::new(),
        });
        self.record(EventKind::Paused {
            node: id,
            until,
            worst_moment,
        });
        if let Some(until) = until {
            self.push(until, Item::PauseEnd { node: id, gen });
        }
    }

    /// Wakes a paused node: it handles what waited, in arrival order, carrying on
    /// where it stopped (a write it was about to send goes out now).
    fn resume(&mut self, id: NodeId) {
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
                Held::Msg { from, msg } => {
                    self.step_node(id, |n, now| n.handle_message(now, from, msg))
                }
                Held::Timer { timer, gen } => self.fire_timer(id, timer, gen),
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
