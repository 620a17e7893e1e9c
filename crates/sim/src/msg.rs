//! Messages between actors, one variant per kind, each with its payload.

use super::ids::{NodeId, Term, Token, Value};
use super::time::Duration;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Msg {
    /// Node → lease store: may I have the lease? `req` numbers the request and comes back
    /// in the answer, so the node knows which send time its lease counts from.
    Acquire { req: u64 },
    /// Node → lease store: extend my lease of `term`.
    Renew { req: u64, term: Term },
    /// Lease store → node: yours, numbered `term`, for `lease` from now.
    Granted {
        req: u64,
        term: Term,
        lease: Duration,
    },
    /// Lease store → node: someone else holds it for `remaining` more.
    Denied {
        req: u64,
        term: Term,
        holder: Option<NodeId>,
        remaining: Duration,
    },
    /// Lease store → node: extended; valid for `lease` from now.
    Renewed {
        req: u64,
        term: Term,
        lease: Duration,
    },
    /// Lease store → node: not yours any more (or expired); `term` is the store's current one.
    RenewDenied { req: u64, term: Term },
    /// Leader → follower: I lead in `term`; my latest write is `seq`.
    Heartbeat {
        term: Term,
        seq: u64,
        value: Option<Value>,
    },
    /// Follower → leader: `ok` if it follows `term`, with how far it has replicated.
    HeartbeatAck { term: Term, ok: bool, matched: u64 },
    /// Leader → storage: a write carrying its fencing token (`value: None` is a barrier).
    Write { token: Token, value: Option<Value> },
    /// Storage → writer: the verdict and the highest token the storage has accepted.
    WriteReply {
        token: Token,
        accepted: bool,
        highest: Token,
    },
}

impl Msg {
    /// A short label for drawings and logs: `write T=33`, `renew 34`, …
    pub fn label(&self) -> String {
        match self {
            Msg::Acquire { .. } => "acquire".into(),
            Msg::Renew { term, .. } => format!("renew {term}"),
            Msg::Granted { term, .. } => format!("grant {term}"),
            Msg::Denied { .. } => "denied".into(),
            Msg::Renewed { term, .. } => format!("renewed {term}"),
            Msg::RenewDenied { .. } => "renew denied".into(),
            Msg::Heartbeat { term, .. } => format!("heartbeat {term}"),
            Msg::HeartbeatAck { ok: true, .. } => "ack".into(),
            Msg::HeartbeatAck {
                ok: false, term, ..
            } => format!("refuse: term {term}"),
            Msg::Write {
                token,
                value: Some(_),
            } => format!("write token {token}"),
            Msg::Write { token, value: None } => format!("barrier token {token}"),
            Msg::WriteReply { accepted: true, .. } => "ok".into(),
            Msg::WriteReply {
                accepted: false,
                token,
                highest,
            } => format!("rejected {token} < {highest}"),
        }
    }

    /// The kind, for filters and colours: `lease`, `heartbeat` or `write`.
    pub fn family(&self) -> MsgFamily {
        match self {
            Msg::Acquire { .. } | Msg::Renew { .. } | Msg::Granted { .. } | Msg::Denied { .. } => {
                MsgFamily::Lease
            }
            Msg::Renewed { .. } | Msg::RenewDenied { .. } => MsgFamily::Lease,
            Msg::Heartbeat { .. } | Msg::HeartbeatAck { .. } => MsgFamily::Heartbeat,
            Msg::Write { .. } | Msg::WriteReply { .. } => MsgFamily::Write,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MsgFamily {
    Lease,
    Heartbeat,
    Write,
}
