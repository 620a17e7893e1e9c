//! A cluster node as a sans-IO state machine. It sees only its own clock (`LocalTime`,
//! always passed in) and the messages and timers handed to it, and answers with outputs
//! drained by `poll_output`. It owns no RNG: a timer asks for a range and the world draws.
//!
//! Invariants: `term` never decreases and survives a crash; a leader's `lease_until` is
//! counted from when it *sent* the request that earned it, shortened by the drift bound.

use super::config::Config;
use super::ids::{Actor, NodeId, Term, Token, Value};
use super::msg::Msg;
use super::time::{Duration, LocalTime};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Follower,
    Candidate,
    Leader,
}

/// The timers a node can have running, at most one of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    /// No heartbeat for a while: try to take the lease.
    FailureDetector,
    /// Time to renew the lease.
    Renew,
    /// The lease runs out on this node's clock.
    LeaseDeadline,
    /// Time to send heartbeats.
    Heartbeat,
    /// Time for the leader's periodic job: check the lease, then work.
    WriteTick,
    /// The work is done: send the write.
    WorkDone,
}

pub const TIMERS: [Timer; 6] = [
    Timer::FailureDetector,
    Timer::Renew,
    Timer::LeaseDeadline,
    Timer::Heartbeat,
    Timer::WriteTick,
    Timer::WorkDone,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepDownReason {
    /// The lease deadline passed on the node's own clock.
    LeaseRanOut,
    /// The lease store refused to renew.
    RenewDenied,
    /// A message carried a higher term.
    HigherTerm,
    /// The storage rejected a write with a higher token.
    Fenced,
}

impl StepDownReason {
    pub fn describe(self) -> &'static str {
        match self {
            StepDownReason::LeaseRanOut => "its lease ran out on its own clock",
            StepDownReason::RenewDenied => "the lease store refused to renew",
            StepDownReason::HigherTerm => "it saw a higher term",
            StepDownReason::Fenced => "the storage rejected its token",
        }
    }
}

/// Things worth recording that are not messages or timers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum Note {
    Candidate {
        term: Term,
    },
    Leader {
        term: Term,
        lease_left: Duration,
    },
    Follower {
        term: Term,
        leader: Option<NodeId>,
    },
    StepDown {
        term: Term,
        reason: StepDownReason,
    },
    LeaseExtended {
        term: Term,
        lease_left: Duration,
    },
    LeaseCheck {
        term: Term,
        ok: bool,
        lease_left: Duration,
    },
    WriteSent {
        token: Token,
        value: Value,
    },
    BarrierSent {
        token: Token,
    },
    GrantIgnored {
        term: Term,
    },
    /// A follower refused a heartbeat from `from` for carrying `term`, older than its own
    /// `current`: the generation clock, on the followers' side.
    OldTermRefused {
        from: NodeId,
        term: Term,
        current: Term,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Send {
        to: Actor,
        msg: Msg,
    },
    /// Fire `timer` after a local duration the world draws from `min..=max`.
    SetTimer {
        timer: Timer,
        min: Duration,
        max: Duration,
    },
    CancelTimer(Timer),
    Note(Note),
}

/// The timings a node follows; taken from the run's config and changeable live.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    pub nodes: u8,
    pub renew_every: Duration,
    pub renew_jitter: Duration,
    pub heartbeat: Duration,
    pub failure_timeout: (Duration, Duration),
    pub write_every: Duration,
    pub work: Duration,
    pub drift_bound_ppm: u64,
    pub barrier: bool,
}

impl Params {
    pub fn from_config(c: &Config) -> Self {
        Params {
            nodes: c.nodes,
            renew_every: c.renew_every(),
            renew_jitter: c.renew_jitter(),
            heartbeat: c.heartbeat(),
            failure_timeout: c.failure_timeout(),
            write_every: c.write_every(),
            work: c.work(),
            drift_bound_ppm: c.drift_bound_ppm,
            barrier: c.barrier,
        }
    }
}

/// What survives a crash: the highest term seen, the write counter, the request counter
/// (so an answer to a request sent before the crash can never match a new one), and what
/// it has replicated (a follower's copy of the leader's writes is on its disk, as a log
/// would be: a restarted follower catches up from there, and a leader's count of what a
/// follower holds stays true across the follower's crash).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Persisted {
    pub term: Term,
    pub values_written: u32,
    pub requests_sent: u64,
    #[serde(default)]
    pub replicated: Replicated,
}

/// A node's copy of the leader's writes: the leader's term they came from, how many of
/// that leader's writes in its term it has (`seq`), and the latest value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replicated {
    pub term: Term,
    pub seq: u64,
    pub value: Option<Value>,
}

/// Requests to the lease store awaiting an answer, with their send times (bounded; an
/// answer to a forgotten request is ignored, which is always safe).
const MAX_OUTSTANDING: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    id: NodeId,
    params: Params,
    persisted: Persisted,
    role: Role,
    leader: Option<NodeId>,
    lease_until: Option<LocalTime>,
    /// Unanswered lease requests: (request number, local send time).
    outstanding: VecDeque<(u64, LocalTime)>,
    pending_write: Option<Value>,
    /// Leader: writes sent in this term. Follower: the leader's latest seen.
    seq: u64,
    last_value: Option<Value>,
    /// Leader: how far each follower has acknowledged, indexed by node id.
    progress: Vec<u64>,
    #[serde(skip)]
    outputs: VecDeque<Output>,
}

impl Node {
    /// A node starting (or restarting) as a follower with what it persisted.
    pub fn new(id: NodeId, params: Params, persisted: Persisted) -> Self {
        let n = params.nodes as usize;
        Node {
            id,
            params,
            persisted,
            role: Role::Follower,
            leader: None,
            lease_until: None,
            outstanding: VecDeque::new(),
            pending_write: None,
            seq: persisted.replicated.seq,
            last_value: persisted.replicated.value,
            progress: vec![0; n],
            outputs: VecDeque::new(),
        }
    }

    /// Call once after `new`: arms the failure detector.
    pub fn start(&mut self) {
        self.arm_failure_detector();
    }

    pub fn id(&self) -> NodeId {
        self.id
    }
    pub fn role(&self) -> Role {
        self.role
    }
    pub fn term(&self) -> Term {
        self.persisted.term
    }
    pub fn persisted(&self) -> Persisted {
        self.persisted
    }
    pub fn leader(&self) -> Option<NodeId> {
        self.leader
    }
    pub fn lease_until(&self) -> Option<LocalTime> {
        self.lease_until
    }
    pub fn pending_write(&self) -> Option<Value> {
        self.pending_write
    }
    pub fn seq(&self) -> u64 {
        self.seq
    }
    pub fn last_value(&self) -> Option<Value> {
        self.last_value
    }
    pub fn progress(&self) -> &[u64] {
        &self.progress
    }
    pub fn set_params(&mut self, params: Params) {
        self.params = params;
    }

    /// Does this node, by its own clock, hold a valid lease right now?
    pub fn believes_lease_valid(&self, now: LocalTime) -> bool {
        self.role == Role::Leader && self.lease_until.is_some_and(|u| now < u)
    }

    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    pub fn handle_timer(&mut self, now: LocalTime, timer: Timer) {
        match timer {
            Timer::FailureDetector => self.on_failure_timeout(now),
            Timer::Renew => self.on_renew_due(now),
            Timer::LeaseDeadline => {
                if self.role == Role::Leader {
                    self.step_down(StepDownReason::LeaseRanOut);
                }
            }
            Timer::Heartbeat => {
                if self.role == Role::Leader {
                    self.broadcast_heartbeat();
                    self.set_timer(
                        Timer::Heartbeat,
                        self.params.heartbeat,
                        self.params.heartbeat,
                    );
                }
            }
            Timer::WriteTick => self.on_write_tick(now),
            Timer::WorkDone => self.on_work_done(),
        }
    }

    pub fn handle_message(&mut self, now: LocalTime, from: Actor, msg: Msg) {
        match msg {
            Msg::Granted { req, term, lease } => self.on_granted(now, req, term, lease),
            Msg::Denied {
                req, term, holder, ..
            } => self.on_denied(req, term, holder),
            Msg::Renewed { req, term, lease } => self.on_renewed(now, req, term, lease),
            Msg::RenewDenied { req, term } => {
                self.answered(req);
                self.observe_term(term);
                if self.role == Role::Leader {
                    self.step_down(StepDownReason::RenewDenied);
                }
            }
            Msg::Heartbeat { term, seq, value } => {
                if let Actor::Node(leader) = from {
                    self.on_heartbeat(leader, term, seq, value);
                }
            }
            Msg::HeartbeatAck { term, ok, matched } => {
                if let Actor::Node(follower) = from {
                    self.on_heartbeat_ack(follower, term, ok, matched);
                }
            }
            Msg::WriteReply {
                accepted, highest, ..
            } => {
                let higher = Term(highest.0);
                if !accepted && higher > self.term() {
                    if self.role == Role::Leader {
                        // Fenced: a newer generation has written. Say so, then follow.
                        self.persisted.term = higher;
                        self.step_down(StepDownReason::Fenced);
                    } else {
                        self.observe_term(higher);
                    }
                }
            }
            Msg::Acquire { .. } | Msg::Renew { .. } | Msg::Write { .. } => {}
        }
    }

    // --- transitions -------------------------------------------------------------------

    fn become_candidate(&mut self, now: LocalTime) {
        self.role = Role::Candidate;
        self.leader = None;
        let req = self.new_request(now);
        self.send(Actor::Lease, Msg::Acquire { req });
        self.note(Note::Candidate { term: self.term() });
        self.arm_failure_detector();
    }

    fn become_leader(&mut self, now: LocalTime, term: Term, lease_until: LocalTime) {
        self.persisted.term = term;
        self.role = Role::Leader;
        self.leader = Some(self.id);
        self.lease_until = Some(lease_until);
        self.pending_write = None;
        // Its writes are counted per term: leading again in a term it led before (the
        // store re-granted it), it counts on from where it was, so the followers' copies
        // and acknowledgements keep meaning the same writes.
        let rep = self.persisted.replicated;
        let mine = rep.term == term && rep.value.is_some_and(|v| v.node == self.id);
        self.seq = if mine { rep.seq } else { 0 };
        self.progress = vec![0; self.params.nodes as usize];
        self.cancel(Timer::FailureDetector);
        self.note(Note::Leader {
            term,
            lease_left: lease_until.since(now),
        });
        if self.params.barrier {
            let token = Token::from(term);
            self.send(Actor::Storage, Msg::Write { token, value: None });
            self.note(Note::BarrierSent { token });
        }
        self.broadcast_heartbeat();
        self.set_timer(
            Timer::Heartbeat,
            self.params.heartbeat,
            self.params.heartbeat,
        );
        self.arm_renewal();
        self.set_timer(
            Timer::LeaseDeadline,
            lease_until.since(now),
            lease_until.since(now),
        );
        self.set_timer(
            Timer::WriteTick,
            self.params.write_every,
            self.params.write_every,
        );
    }

    fn become_follower(&mut self, leader: Option<NodeId>) {
        let was_leader = self.role == Role::Leader;
        self.role = Role::Follower;
        self.leader = leader;
        self.lease_until = None;
        // Outstanding requests stay: a grant still on its way is one we asked for.
        self.pending_write = None;
        if was_leader {
            for t in [
                Timer::Renew,
                Timer::LeaseDeadline,
                Timer::Heartbeat,
                Timer::WriteTick,
                Timer::WorkDone,
            ] {
                self.cancel(t);
            }
        }
        self.note(Note::Follower {
            term: self.term(),
            leader,
        });
        self.arm_failure_detector();
    }

    fn step_down(&mut self, reason: StepDownReason) {
        self.note(Note::StepDown {
            term: self.term(),
            reason,
        });
        self.become_follower(None);
    }

    /// Remember a higher term; a leader that sees one steps down.
    fn observe_term(&mut self, term: Term) {
        if term > self.term() {
            self.persisted.term = term;
            if self.role == Role::Leader {
                self.step_down(StepDownReason::HigherTerm);
            }
        }
    }

    // --- handlers ----------------------------------------------------------------------

    fn on_failure_timeout(&mut self, now: LocalTime) {
        if self.role != Role::Leader {
            self.become_candidate(now);
        }
    }

    fn on_granted(&mut self, now: LocalTime, req: u64, term: Term, lease: Duration) {
        // The lease counts from when *this* request was sent, never a later retry.
        let sent = self.answered(req);
        if term < self.term() {
            return;
        }
        if self.role == Role::Leader && term == self.term() {
            // A repeated acquire answered again: counts as a renewal from when it was sent.
            if let Some(sent) = sent {
                self.extend_lease(now, sent, term, lease);
            }
            return;
        }
        let Some(sent) = sent else {
            // We cannot tell when this lease started (we restarted since asking): let it lapse.
            self.observe_term(term);
            return self.note(Note::GrantIgnored { term });
        };
        let until = sent.plus(self.safe_lease(lease));
        if until <= now {
            // Granted, but by our clock it has already run out.
            self.observe_term(term);
            return self.note(Note::GrantIgnored { term });
        }
        self.become_leader(now, term, until);
    }

    fn on_denied(&mut self, req: u64, term: Term, holder: Option<NodeId>) {
        self.answered(req);
        self.observe_term(term);
        if self.role == Role::Candidate {
            self.become_follower(holder);
        }
    }

    fn on_renewed(&mut self, now: LocalTime, req: u64, term: Term, lease: Duration) {
        let Some(sent) = self.answered(req) else {
            return;
        };
        if self.role == Role::Leader && term == self.term() {
            self.extend_lease(now, sent, term, lease);
        }
    }

    fn extend_lease(&mut self, now: LocalTime, sent: LocalTime, term: Term, lease: Duration) {
        let until = sent.plus(self.safe_lease(lease));
        if self.lease_until.is_none_or(|u| until > u) {
            self.lease_until = Some(until);
            let left = until.since(now);
            self.set_timer(Timer::LeaseDeadline, left, left);
            self.note(Note::LeaseExtended {
                term,
                lease_left: left,
            });
        }
    }

    fn on_renew_due(&mut self, now: LocalTime) {
        if self.role != Role::Leader {
            return;
        }
        if !self.believes_lease_valid(now) {
            return self.step_down(StepDownReason::LeaseRanOut);
        }
        let req = self.new_request(now);
        self.send(
            Actor::Lease,
            Msg::Renew {
                req,
                term: self.term(),
            },
        );
        self.arm_renewal();
    }

    fn on_write_tick(&mut self, now: LocalTime) {
        if self.role != Role::Leader {
            return;
        }
        self.set_timer(
            Timer::WriteTick,
            self.params.write_every,
            self.params.write_every,
        );
        if self.pending_write.is_some() {
            return; // still working on the previous write
        }
        let ok = self.believes_lease_valid(now);
        let lease_left = self.lease_until.map_or(Duration::ZERO, |u| u.since(now));
        self.note(Note::LeaseCheck {
            term: self.term(),
            ok,
            lease_left,
        });
        if !ok {
            return self.step_down(StepDownReason::LeaseRanOut);
        }
        self.persisted.values_written += 1;
        self.pending_write = Some(Value {
            node: self.id,
            n: self.persisted.values_written,
        });
        self.set_timer(Timer::WorkDone, self.params.work, self.params.work);
    }

    /// The work is done: the write goes out with the token checked before the work.
    /// No second lease check here, deliberately: a pause can always fall after any check.
    fn on_work_done(&mut self) {
        let Some(value) = self.pending_write.take() else {
            return;
        };
        let token = Token::from(self.term());
        self.seq += 1;
        self.last_value = Some(value);
        self.persisted.replicated = Replicated {
            term: self.term(),
            seq: self.seq,
            value: Some(value),
        };
        self.send(
            Actor::Storage,
            Msg::Write {
                token,
                value: Some(value),
            },
        );
        self.note(Note::WriteSent { token, value });
    }

    fn on_heartbeat(&mut self, leader: NodeId, term: Term, seq: u64, value: Option<Value>) {
        if term < self.term() {
            self.note(Note::OldTermRefused {
                from: leader,
                term,
                current: self.term(),
            });
            let reply = Msg::HeartbeatAck {
                term: self.term(),
                ok: false,
                matched: 0,
            };
            return self.send(Actor::Node(leader), reply);
        }
        self.observe_term(term);
        if self.role != Role::Follower || self.leader != Some(leader) {
            if self.role == Role::Leader {
                self.step_down(StepDownReason::HigherTerm);
            }
            self.become_follower(Some(leader));
        } else {
            self.arm_failure_detector();
        }
        // Never backwards: a heartbeat of the same term older than what it has (reordered
        // by the network) changes nothing; a newer term's leader starts its own count.
        let rep = self.persisted.replicated;
        if term > rep.term || seq >= self.seq {
            self.seq = seq;
            if value.is_some() {
                self.last_value = value;
            }
            self.persisted.replicated = Replicated {
                term,
                seq,
                value: self.last_value,
            };
        }
        self.send(
            Actor::Node(leader),
            Msg::HeartbeatAck {
                term,
                ok: true,
                matched: seq,
            },
        );
    }

    fn on_heartbeat_ack(&mut self, follower: NodeId, term: Term, ok: bool, matched: u64) {
        if term > self.term() {
            return self.observe_term(term);
        }
        if self.role == Role::Leader && ok && term == self.term() {
            if let Some(p) = self.progress.get_mut(follower.0 as usize) {
                *p = (*p).max(matched);
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------

    fn new_request(&mut self, now: LocalTime) -> u64 {
        self.persisted.requests_sent += 1;
        let req = self.persisted.requests_sent;
        if self.outstanding.len() == MAX_OUTSTANDING {
            self.outstanding.pop_front();
        }
        self.outstanding.push_back((req, now));
        req
    }

    /// Marks request `req` answered; its send time if we were still waiting for it.
    fn answered(&mut self, req: u64) -> Option<LocalTime> {
        let i = self.outstanding.iter().position(|(r, _)| *r == req)?;
        self.outstanding.remove(i).map(|(_, sent)| sent)
    }

    /// The lease as this node may count on it: shortened by the drift bound it assumes.
    fn safe_lease(&self, lease: Duration) -> Duration {
        lease.saturating_sub(lease.scale_ppm_ceil(self.params.drift_bound_ppm))
    }

    fn broadcast_heartbeat(&mut self) {
        let msg = Msg::Heartbeat {
            term: self.term(),
            seq: self.seq,
            value: self.last_value,
        };
        for i in 0..self.params.nodes {
            if i != self.id.0 {
                self.send(Actor::Node(NodeId(i)), msg.clone());
            }
        }
    }

    fn arm_failure_detector(&mut self) {
        let (lo, hi) = self.params.failure_timeout;
        self.set_timer(Timer::FailureDetector, lo, hi);
    }

    fn arm_renewal(&mut self) {
        let every = self.params.renew_every;
        self.set_timer(
            Timer::Renew,
            every,
            Duration(every.0 + self.params.renew_jitter.0),
        );
    }

    fn send(&mut self, to: Actor, msg: Msg) {
        self.outputs.push_back(Output::Send { to, msg });
    }
    fn set_timer(&mut self, timer: Timer, min: Duration, max: Duration) {
        self.outputs.push_back(Output::SetTimer { timer, min, max });
    }
    fn cancel(&mut self, timer: Timer) {
        self.outputs.push_back(Output::CancelTimer(timer));
    }
    fn note(&mut self, note: Note) {
        self.outputs.push_back(Output::Note(note));
    }
}
