//! The trace: every send, delivery, drop, timer, grant, step-down, write, verdict, fault
//! and violation as a typed event with its virtual time. The log, the diagram, export, the
//! CLI and the tests all read it. Its hash is FNV-1a 64 over each event's JSON line, so an
//! exported JSON Lines file can be re-hashed byte for byte.

use super::command::Command;
use super::ids::{Actor, NodeId, Term, Token, Value};
use super::msg::Msg;
use super::node::{Note, Timer};
use super::storage::Verdict;
use super::time::SimTime;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The network lost it (the drop percentage).
    Lost,
    /// A partition stood between sender and receiver at delivery.
    Partition,
    /// The one-way link was cut.
    LinkCut,
    /// The receiver had crashed.
    Crashed,
    /// The receiver is paused and its inbox is full.
    InboxFull,
    /// It waited on a held link, and the link's release dropped it.
    HeldDropped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "violation", rename_all = "snake_case")]
pub enum Violation {
    /// The lease store granted a term that was not above every earlier grant.
    TermReused {
        node: NodeId,
        term: Term,
        last: Term,
    },
    /// A node's highest-seen term went down.
    TermWentBack { node: NodeId, from: Term, to: Term },
    /// The storage accepted a token lower than one it had accepted before.
    StorageOrder {
        node: NodeId,
        token: Token,
        highest: Token,
    },
    /// Fencing off: a stale write was taken, corrupting the data.
    StaleWrite {
        node: NodeId,
        token: Token,
        highest: Token,
    },
    /// Two nodes believed in a valid lease at the same true instant.
    LeaseOverlap { node: NodeId, other: NodeId },
}

impl Violation {
    pub fn describe(&self) -> String {
        match self {
            Violation::TermReused { node, term, last } => {
                format!("term {term} granted to {node} after term {last} had been granted")
            }
            Violation::TermWentBack { node, from, to } => {
                format!("{node}'s term went back from {from} to {to}")
            }
            Violation::StorageOrder {
                node,
                token,
                highest,
            } => {
                format!("storage accepted {node}'s token {token} after accepting {highest}")
            }
            Violation::StaleWrite {
                node,
                token,
                highest,
            } => {
                // Worded as the page words it ("token a < b" is kept for refusals).
                format!(
                    "stale write from {node} ACCEPTED: stale token {token} (fencing off; it had seen {highest}), data corrupted"
                )
            }
            Violation::LeaseOverlap { node, other } => {
                format!(
                    "{node} and {other} both believed they held a valid lease at the same moment"
                )
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    Send {
        id: u64,
        from: Actor,
        to: Actor,
        msg: Msg,
        deliver_at: SimTime,
    },
    Deliver {
        id: u64,
        from: Actor,
        to: Actor,
    },
    Drop {
        id: u64,
        from: Actor,
        to: Actor,
        reason: DropReason,
    },
    /// A message reached a paused node and waits in its inbox.
    Held {
        id: u64,
        node: NodeId,
    },
    /// A message reached the end of a held link and waits there for its release.
    HeldOnLink {
        id: u64,
        from: Actor,
        to: Actor,
    },
    /// A held link's release sent a waiting message on, to arrive at `deliver_at`.
    Released {
        id: u64,
        from: Actor,
        to: Actor,
        deliver_at: SimTime,
    },
    Timer {
        node: NodeId,
        timer: Timer,
    },
    Grant {
        node: NodeId,
        term: Term,
        expires_at: SimTime,
    },
    Renewal {
        node: NodeId,
        term: Term,
        expires_at: SimTime,
    },
    Denial {
        node: NodeId,
        holder: Option<NodeId>,
        term: Term,
    },
    RenewDenial {
        node: NodeId,
        term: Term,
    },
    Expiry {
        node: NodeId,
        term: Term,
    },
    Node {
        node: NodeId,
        note: Note,
    },
    /// A node's belief in its lease, as a true-time deadline (for the monitor and the diagram).
    Lease {
        node: NodeId,
        term: Term,
        until: SimTime,
    },
    Write {
        node: NodeId,
        token: Token,
        value: Option<Value>,
        verdict: Verdict,
    },
    Fault {
        fault: Command,
        text: String,
    },
    FaultSkipped {
        fault: Command,
        reason: String,
    },
    PauseArmed {
        node: NodeId,
    },
    Paused {
        node: NodeId,
        until: Option<SimTime>,
        worst_moment: bool,
    },
    Resumed {
        node: NodeId,
        held: u32,
    },
    Crashed {
        node: NodeId,
    },
    Restarted {
        node: NodeId,
        term: Term,
    },
    Violation {
        violation: Violation,
    },
    SplitBrain {
        leaders: Vec<NodeId>,
    },
    SplitBrainOver,
}

impl EventKind {
    /// The event's `"kind"` as a trace line writes it (serde's tag), without serialising.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Send { .. } => "send",
            EventKind::Deliver { .. } => "deliver",
            EventKind::Drop { .. } => "drop",
            EventKind::Held { .. } => "held",
            EventKind::HeldOnLink { .. } => "held_on_link",
            EventKind::Released { .. } => "released",
            EventKind::Timer { .. } => "timer",
            EventKind::Grant { .. } => "grant",
            EventKind::Renewal { .. } => "renewal",
            EventKind::Denial { .. } => "denial",
            EventKind::RenewDenial { .. } => "renew_denial",
            EventKind::Expiry { .. } => "expiry",
            EventKind::Node { .. } => "node",
            EventKind::Lease { .. } => "lease",
            EventKind::Write { .. } => "write",
            EventKind::Fault { .. } => "fault",
            EventKind::FaultSkipped { .. } => "fault_skipped",
            EventKind::PauseArmed { .. } => "pause_armed",
            EventKind::Paused { .. } => "paused",
            EventKind::Resumed { .. } => "resumed",
            EventKind::Crashed { .. } => "crashed",
            EventKind::Restarted { .. } => "restarted",
            EventKind::Violation { .. } => "violation",
            EventKind::SplitBrain { .. } => "split_brain",
            EventKind::SplitBrainOver => "split_brain_over",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub t: SimTime,
    #[serde(flatten)]
    pub kind: EventKind,
}

impl Event {
    pub fn to_json_line(&self) -> String {
        crate::json_out::json_text(self)
    }

    /// The event as its trace line reads, as a JSON value (for matching patterns). Made
    /// from the line itself rather than serialised anew, so the page carries one
    /// serialiser for events, not two.
    pub fn to_json_value(&self) -> serde_json::Value {
        crate::read::parse(&self.to_json_line()).unwrap_or_default()
    }

    /// The coarse kind for filters: `message`, `lease`, `node`, `storage`, `fault`, `finding`.
    pub fn category(&self) -> &'static str {
        match &self.kind {
            EventKind::Send { .. }
            | EventKind::Deliver { .. }
            | EventKind::Drop { .. }
            | EventKind::Held { .. }
            | EventKind::HeldOnLink { .. }
            | EventKind::Released { .. } => "message",
            EventKind::Grant { .. }
            | EventKind::Renewal { .. }
            | EventKind::Denial { .. }
            | EventKind::RenewDenial { .. }
            | EventKind::Expiry { .. }
            | EventKind::Lease { .. } => "lease",
            EventKind::Timer { .. } | EventKind::Node { .. } => "node",
            EventKind::Write { .. } => "storage",
            EventKind::Fault { .. }
            | EventKind::FaultSkipped { .. }
            | EventKind::PauseArmed { .. }
            | EventKind::Paused { .. }
            | EventKind::Resumed { .. }
            | EventKind::Crashed { .. }
            | EventKind::Restarted { .. } => "fault",
            EventKind::Violation { .. }
            | EventKind::SplitBrain { .. }
            | EventKind::SplitBrainOver => "finding",
        }
    }
}

/// The trace's hash: FNV-1a over its JSON lines (`json_out`).
pub use crate::json_out::TraceHash;

impl TraceHash {
    /// Adds an event's JSON line, the same bytes as `add_line(&event.to_json_line())`,
    /// without making the line: the serialiser writes into the hash as it goes (half again
    /// as fast natively: no string to allocate, grow and copy for each event).
    pub fn add_event(&mut self, event: &Event) {
        crate::json_out::hash_json(self, event);
        self.update(b"\n");
    }
}

/// Hashes a JSON Lines text the way a run hashes its events.
pub fn hash_jsonl(text: &str) -> TraceHash {
    let mut h = TraceHash::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        h.add_line(line);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        let mut h = TraceHash::new();
        assert_eq!(h.value(), 0xcbf29ce484222325);
        h.update(b"a");
        assert_eq!(h.value(), 0xaf63dc4c8601ec8c);
        let mut h = TraceHash::new();
        h.update(b"foobar");
        assert_eq!(h.value(), 0x85944171f73967e8);
    }

    #[test]
    fn an_event_round_trips_through_its_json_line() {
        let e = Event {
            t: SimTime(1500),
            kind: EventKind::Write {
                node: NodeId(0),
                token: Token(33),
                value: Some(Value {
                    node: NodeId(0),
                    n: 4,
                }),
                verdict: Verdict::Rejected { highest: Token(34) },
            },
        };
        let line = e.to_json_line();
        assert!(line.starts_with(r#"{"t":1500,"kind":"write""#), "{line}");
        assert_eq!(serde_json::from_str::<Event>(&line).unwrap(), e);
    }
}
