//! The world: true time, one queue of what happens next, the nodes in their slots, the
//! network, the clocks, the RNG streams, the commands (faults and settings changes), the
//! safety monitor and the trace. Nodes only ever see their own clock.
//!
//! Commands scheduled at time T run after every queued event at or before T, so advancing
//! to T in one call or in many small ones gives the same trace.
//!
//! By concept: `queue` (ordered by time, then sequence), `slot` (a node's place: clock,
//! timers, pause and what waits for it; stepping a node), `transport` (sending, delivering,
//! dropping; the lease store and the storage answering), `apply` (commands acting on the
//! world). The running totals are `crate::totals`, beside the summary that reads them.

mod apply;
mod queue;
mod slot;
mod transport;

pub use slot::{Refusal, Wake};
pub use transport::{InFlight, MAX_HELD_MESSAGES};

use crate::command::Command;
use crate::config::Config;
use crate::ids::{NodeId, Term};
use crate::lease_store::LeaseStore;
use crate::monitor::Monitor;
use crate::network::Network;
use crate::node::{Node, Params, Persisted, Role};
use crate::rng::{SimRng, Stream};
use crate::scenario::Scenario;
use crate::small_map::{SmallMap, SmallSet};
use crate::storage::Storage;
use crate::time::{LocalTime, SimTime};
use crate::totals::Totals;
use crate::trace::{Event, EventKind, TraceHash};
use queue::{Item, Next, Queue};
use slot::Slot;
use std::cmp::Reverse;

#[derive(Clone, Debug)]
pub struct Sim {
    config: Config,
    seed: u64,
    now: SimTime,
    queue: Queue,
    slots: Vec<Slot>,
    lease: LeaseStore,
    storage: Storage,
    net: Network,
    rng_net: SimRng,
    rng_timers: SimRng,
    /// Every message on its way, by id. A B-tree, not a `SmallMap`: slowed links can keep
    /// thousands in flight, delivered from the front.
    in_flight: std::collections::BTreeMap<u64, InFlight>,
    /// What each held link holds, in the order it arrived.
    on_hold: SmallMap<(crate::ids::Actor, crate::ids::Actor), Vec<InFlight>>,
    /// Messages in flight singled out to be held where they arrive (`hold_message`).
    hold_ids: SmallSet<u64>,
    next_msg_id: u64,
    /// Numbers timers and pauses, so a stale queue entry can be told from a live one.
    next_gen: u64,
    monitor: Monitor,
    hash: TraceHash,
    totals: Totals,
    /// Events recorded since the last `drain_events`, if the caller wants them.
    buffer: Vec<Event>,
    keep_events: bool,
    /// Whether events are hashed into `hash` (off only for searches, which never read it).
    hashing: bool,
}

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
                Slot::new(Node::new(NodeId(i), params.clone(), persisted), persisted)
            })
            .collect();
        let mut sim = Sim {
            config: c.clone(),
            seed: scenario.seed,
            now: SimTime::ZERO,
            queue: Queue::default(),
            slots,
            lease: LeaseStore::new(c.lease(), c.first_token),
            storage: Storage::new(c.fencing),
            net: Network::new(c.latency(), c.drop_percent),
            rng_net: SimRng::new(scenario.seed, Stream::Network),
            rng_timers: SimRng::new(scenario.seed, Stream::Timers),
            in_flight: std::collections::BTreeMap::new(),
            on_hold: SmallMap::new(),
            hold_ids: SmallSet::new(),
            next_msg_id: 0,
            next_gen: 0,
            monitor: Monitor::new(),
            hash: TraceHash::new(),
            totals: Totals::default(),
            buffer: Vec::new(),
            keep_events: true,
            hashing: true,
        };
        for tf in &scenario.faults {
            sim.queue
                .schedule(SimTime::from_ms(tf.at_ms), tf.command.clone());
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
    /// While paused, when the node wakes.
    pub fn paused(&self, id: NodeId) -> Option<Wake> {
        self.slots[id.0 as usize].pause.as_ref().map(|p| p.wake)
    }
    /// How many messages and timers wait for a paused node.
    pub fn held_count(&self, id: NodeId) -> usize {
        self.slots[id.0 as usize]
            .pause
            .as_ref()
            .map_or(0, |p| p.held.len())
    }
    /// The last message from an older term `id` refused, if any.
    pub fn refused(&self, id: NodeId) -> Option<Refusal> {
        self.slots[id.0 as usize].refused
    }
    pub fn pause_armed(&self, id: NodeId) -> bool {
        self.slots[id.0 as usize].armed.is_some()
    }
    /// What `id` holds of the leader's writes (on its disk, so a crashed node too).
    pub fn replicated(&self, id: NodeId) -> crate::node::Replicated {
        let s = &self.slots[id.0 as usize];
        s.node
            .as_ref()
            .map_or(s.persisted.replicated, |n| n.persisted().replicated)
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
        self.queue.next_time()
    }
    /// Commands still to come (scheduled faults).
    pub fn pending_commands(&self) -> impl Iterator<Item = (SimTime, &Command)> {
        self.queue.commands()
    }

    /// Stop keeping events for `drain_events` (the hash and totals still see every one).
    /// Stops hashing the trace (and writing each event as JSON to do it): for a search
    /// that judges runs by their totals and monitor only. `trace_hash` is meaningless after.
    pub fn skip_trace_hash(&mut self) {
        self.hashing = false;
    }

    pub fn discard_events(&mut self) {
        self.keep_events = false;
        self.buffer.clear();
    }
    /// A copy to restore later: everything but the events not yet drained, and it keeps
    /// no events until told to.
    pub fn keyframe(&mut self) -> Sim {
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
        command
            .check(self.node_count(), &self.config)
            .map_err(|(p, m)| {
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
        self.queue.schedule(at, fault);
        Ok(())
    }

    /// Runs everything up to and including `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        while self.step_once(t) {}
        self.now = self.now.max(t);
    }

    /// Runs as `run_until` does while it has made fewer than `max_events` events: true if
    /// it reached `t`, false if it stopped short (the step that passes the budget is
    /// finished, never cut in two, so `run_until` from there gives the run and trace one
    /// uninterrupted call would have). For work done at once, which must not freeze the
    /// page, whatever the settings make of a stretch of virtual time.
    pub fn run_until_within(&mut self, t: SimTime, max_events: u64) -> bool {
        let stop = self.totals.events.saturating_add(max_events);
        while self.totals.events < stop {
            if !self.step_once(t) {
                self.now = self.now.max(t);
                return true;
            }
        }
        if self.next_event_time().is_some_and(|next| next <= t) {
            return false;
        }
        self.now = self.now.max(t);
        true
    }

    /// Runs every event at the next event time (if it is not after `limit`).
    /// Returns the time reached, or `None` when nothing is left before `limit`.
    pub fn step(&mut self, limit: SimTime) -> Option<SimTime> {
        let t = self.next_event_time().filter(|t| *t <= limit)?;
        self.run_until(t);
        Some(t)
    }

    fn step_once(&mut self, limit: SimTime) -> bool {
        match self.queue.pop(limit) {
            Some(Next::Item(at, item)) => {
                self.now = at;
                self.handle(item);
            }
            Some(Next::Command(at, command)) => {
                self.now = at;
                self.apply(command);
            }
            None => return false,
        }
        true
    }

    fn handle(&mut self, item: Item) {
        match item {
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

    /// Queues an item (never in the past).
    fn push(&mut self, at: SimTime, item: Item) {
        self.queue.push(at.max(self.now), item);
    }

    pub(super) fn record(&mut self, kind: EventKind) {
        let event = Event { t: self.now, kind };
        if self.hashing {
            self.hash.add_event(&event);
        }
        self.totals.events += 1;
        self.totals.tally(&event);
        let findings = self.monitor.observe(&event);
        if self.keep_events {
            self.buffer.push(event);
        }
        for f in findings {
            self.record(f);
        }
    }
}
