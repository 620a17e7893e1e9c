//! How a command names the actors it acts on: a node by number or `"leader"` (whoever
//! leads when the command fires), and the lease store and storage by name. In files and
//! links these are plain JSON values (`2`, `"leader"`, `"lease"`, `"storage"`).

use crate::ids::{Actor, NodeId};
use crate::read::{unexpected, Place, Read, Res};
use serde::{Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// A node named in a fault: by number, or `"leader"` for whoever leads when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeRef {
    Id(NodeId),
    Leader,
}

/// An actor named in a fault: a node, `"lease"` (the lease store) or `"storage"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActorRef {
    Node(NodeRef),
    Lease,
    Storage,
}

/// An actor named by id, as a file writes it.
impl From<Actor> for ActorRef {
    fn from(a: Actor) -> ActorRef {
        match a {
            Actor::Node(id) => ActorRef::Node(NodeRef::Id(id)),
            Actor::Lease => ActorRef::Lease,
            Actor::Storage => ActorRef::Storage,
        }
    }
}

impl fmt::Display for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeRef::Id(n) => write!(f, "{n}"),
            NodeRef::Leader => write!(f, "the leader"),
        }
    }
}

impl fmt::Display for ActorRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActorRef::Node(n) => write!(f, "{n}"),
            ActorRef::Lease => write!(f, "the lease store"),
            ActorRef::Storage => write!(f, "the storage"),
        }
    }
}

impl Serialize for NodeRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NodeRef::Id(n) => s.serialize_u8(n.0),
            NodeRef::Leader => s.serialize_str("leader"),
        }
    }
}

impl Serialize for ActorRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ActorRef::Node(n) => n.serialize(s),
            ActorRef::Lease => s.serialize_str("lease"),
            ActorRef::Storage => s.serialize_str("storage"),
        }
    }
}

/// A node or (with `actors`) any actor, as a file names it.
fn read_ref(v: &Value, at: &Place, actors: bool) -> Res<ActorRef> {
    let expected = if actors {
        r#"a node number, "leader", "lease" or "storage""#
    } else {
        r#"a node number or "leader""#
    };
    match v {
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u8::try_from(u)
                .map(|id| ActorRef::Node(NodeRef::Id(NodeId(id))))
                .map_err(|_| at.error(format!("node {u} does not exist"))),
            (None, Some(i)) => {
                Err(at.error(format!("node {i} does not exist (node numbers start at 0)")))
            }
            (None, None) => Err(at.wrong_type(v, expected)),
        },
        Value::String(s) => match s.as_str() {
            "leader" => Ok(ActorRef::Node(NodeRef::Leader)),
            "lease" if actors => Ok(ActorRef::Lease),
            "storage" if actors => Ok(ActorRef::Storage),
            _ => Err(at.error(format!(
                "invalid value: {}, expected {expected}",
                unexpected(v)
            ))),
        },
        _ => Err(at.wrong_type(v, expected)),
    }
}

impl Read for NodeRef {
    fn read(v: &Value, at: &Place) -> Res<NodeRef> {
        match read_ref(v, at, false)? {
            ActorRef::Node(n) => Ok(n),
            // Not reached: without `actors` only nodes are read.
            _ => Err(at.wrong_type(v, r#"a node number or "leader""#)),
        }
    }
}

impl Read for ActorRef {
    fn read(v: &Value, at: &Place) -> Res<ActorRef> {
        read_ref(v, at, true)
    }
}

crate::deserialize_by_read!(NodeRef, ActorRef);
