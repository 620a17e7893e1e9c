//! How a command names the actors it acts on: a node by number or `"leader"` (whoever
//! leads when the command fires), and the lease store and storage by name. In files and
//! links these are plain JSON values (`2`, `"leader"`, `"lease"`, `"storage"`).

use crate::ids::{Actor, NodeId};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
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

struct RefVisitor {
    actors: bool,
}

impl Visitor<'_> for RefVisitor {
    type Value = ActorRef;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.actors {
            f.write_str(r#"a node number, "leader", "lease" or "storage""#)
        } else {
            f.write_str(r#"a node number or "leader""#)
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ActorRef, E> {
        u8::try_from(v)
            .map(|n| ActorRef::Node(NodeRef::Id(NodeId(n))))
            .map_err(|_| E::custom(format!("node {v} does not exist")))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ActorRef, E> {
        if v < 0 {
            return Err(E::custom(format!(
                "node {v} does not exist (node numbers start at 0)"
            )));
        }
        self.visit_u64(v as u64)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<ActorRef, E> {
        match v {
            "leader" => Ok(ActorRef::Node(NodeRef::Leader)),
            "lease" if self.actors => Ok(ActorRef::Lease),
            "storage" if self.actors => Ok(ActorRef::Storage),
            other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
        }
    }
}

impl<'de> Deserialize<'de> for NodeRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(RefVisitor { actors: false })? {
            ActorRef::Node(n) => Ok(n),
            _ => unreachable!("the node visitor only yields nodes"),
        }
    }
}

impl<'de> Deserialize<'de> for ActorRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RefVisitor { actors: true })
    }
}
