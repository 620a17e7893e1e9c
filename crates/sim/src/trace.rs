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
        let mut sink = Sink::Line(Vec::new());
        serde_json::to_writer(&mut sink, self).expect("events always serialise");
        match sink {
            Sink::Line(bytes) => String::from_utf8(bytes).expect("serde_json writes UTF-8"),
            Sink::Hash(_) => unreachable!("a line was asked for"),
        }
    }

    /// The event as its trace line reads, as a JSON value (for matching patterns). Made
    /// from the line itself rather than serialised anew, so the page carries one
    /// serialiser for events, not two.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::from_str(&self.to_json_line()).unwrap_or_default()
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

/// Where an event's JSON goes: into a line, or straight into the hash. One writer type
/// for both, so the page carries one serialiser for events (each writer type is a copy of
/// it, about 7 kB of wasm), and the hash still needs no line made.
enum Sink {
    Line(Vec<u8>),
    Hash(TraceHash),
}

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Line(line) => line.extend_from_slice(bytes),
            Sink::Hash(hash) => hash.update(bytes),
        }
        Ok(())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// FNV-1a, 64 bit: small, stable across platforms and versions, ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceHash(u64);

impl TraceHash {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub fn new() -> Self {
        TraceHash(Self::OFFSET)
    }
    pub fn update(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
    /// Adds one JSON line (the newline included, as in a `.jsonl` file).
    pub fn add_line(&mut self, line: &str) {
        self.update(line.as_bytes());
        self.update(b"\n");
    }
    /// Adds an event's JSON line, the same bytes as `add_line(&event.to_json_line())`,
    /// without making the line: the serialiser writes into the hash as it goes (half again
    /// as fast natively: no string to allocate, grow and copy for each event).
    pub fn add_event(&mut self, event: &Event) {
        let mut sink = Sink::Hash(*self);
        serde_json::to_writer(&mut sink, event).expect("events always serialise");
        if let Sink::Hash(h) = sink {
            *self = h;
        }
        self.update(b"\n");
    }
    pub fn value(&self) -> u64 {
        self.0
    }
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Default for TraceHash {
    fn default() -> Self {
        Self::new()
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
