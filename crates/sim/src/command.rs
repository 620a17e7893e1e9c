//! The fault vocabulary, shared by scenario files and the live controls: every user action
//! in the app becomes one of these at a virtual time, so any run can be replayed.

use super::ids::NodeId;
use crate::config::Config;
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

fn is_false(b: &bool) -> bool {
    !*b
}

/// Changes to the knobs while a run goes on; only the keys given change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fencing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barrier: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renew_every_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renew_jitter_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heartbeat_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_timeout_ms: Option<[u64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_every_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<[u64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drop_percent: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drift_bound_ppm: Option<u64>,
}

impl ConfigPatch {
    pub fn apply(&self, c: &Config) -> Config {
        let mut c = c.clone();
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = self.$f { c.$f = v; } )* };
        }
        set!(
            fencing,
            barrier,
            lease_ms,
            renew_every_ms,
            renew_jitter_ms,
            heartbeat_ms,
            failure_timeout_ms,
            write_every_ms,
            work_ms,
            latency_ms,
            drop_percent,
            drift_bound_ppm
        );
        c
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseArgs {
    pub node: NodeRef,
    /// How long; `None` = until a `resume`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_ms: Option<u64>,
    /// Wait for the node's next lease check and freeze it right after ("the worst moment").
    #[serde(default, skip_serializing_if = "is_false")]
    pub after_lease_check: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeArgs {
    pub node: NodeRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartitionArgs {
    /// Actors on side B; everyone else not under `both` is on side A.
    pub side_b: Vec<ActorRef>,
    /// Actors that reach both sides (a storage in another zone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub both: Vec<ActorRef>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkArgs {
    pub from: ActorRef,
    pub to: ActorRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkDelayArgs {
    pub from: ActorRef,
    pub to: ActorRef,
    pub extra_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockRateArgs {
    pub node: NodeRef,
    /// Clock rate error in parts per million: -300000 runs 30% slow.
    pub ppm: i64,
}

/// One fault or control change. In a file: `{ "at_ms": 6000, "pause": { … } }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Pause(PauseArgs),
    Resume(NodeArgs),
    Crash(NodeArgs),
    Restart(NodeArgs),
    Partition(PartitionArgs),
    Heal(Empty),
    CutLink(LinkArgs),
    RestoreLink(LinkArgs),
    LinkDelay(LinkDelayArgs),
    ClockRate(ClockRateArgs),
    Set(ConfigPatch),
}

/// The keys a fault entry may have.
const ENTRY_KEYS: &[&str] = &[
    "at_ms",
    "pause",
    "resume",
    "crash",
    "restart",
    "partition",
    "heal",
    "cut_link",
    "restore_link",
    "link_delay",
    "clock_rate",
    "set",
];

/// The fault names, as keys in a file.
pub const FAULT_NAMES: &[&str] = ENTRY_KEYS.split_at(1).1;

impl Command {
    pub fn name(&self) -> &'static str {
        match self {
            Command::Pause(_) => "pause",
            Command::Resume(_) => "resume",
            Command::Crash(_) => "crash",
            Command::Restart(_) => "restart",
            Command::Partition(_) => "partition",
            Command::Heal(_) => "heal",
            Command::CutLink(_) => "cut_link",
            Command::RestoreLink(_) => "restore_link",
            Command::LinkDelay(_) => "link_delay",
            Command::ClockRate(_) => "clock_rate",
            Command::Set(_) => "set",
        }
    }

    /// A short sentence for logs and narration.
    pub fn describe(&self) -> String {
        match self {
            Command::Pause(p) => {
                let how = match p.for_ms {
                    Some(ms) => format!("for {ms} ms"),
                    None => "until resumed".into(),
                };
                if p.after_lease_check {
                    format!("pause {} {how}, right after its next lease check", p.node)
                } else {
                    format!("pause {} {how}", p.node)
                }
            }
            Command::Resume(a) => format!("resume {}", a.node),
            Command::Crash(a) => format!("crash {}", a.node),
            Command::Restart(a) => format!("restart {}", a.node),
            Command::Partition(p) => {
                let list = |v: &[ActorRef]| {
                    v.iter()
                        .map(|a| a.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                if p.both.is_empty() {
                    format!("split the network: {} on side B", list(&p.side_b))
                } else {
                    format!(
                        "split the network: {} on side B; {} reach both",
                        list(&p.side_b),
                        list(&p.both)
                    )
                }
            }
            Command::Heal(_) => "heal the network".into(),
            Command::CutLink(l) => format!("cut the link {} → {}", l.from, l.to),
            Command::RestoreLink(l) => format!("restore the link {} → {}", l.from, l.to),
            Command::LinkDelay(l) => format!("delay {} → {} by {} ms", l.from, l.to, l.extra_ms),
            Command::ClockRate(c) => format!("set {}'s clock rate to {:+} ppm", c.node, c.ppm),
            Command::Set(p) => format!(
                "change settings: {}",
                serde_json::to_string(p).unwrap_or_default()
            ),
        }
    }
}

/// A fault at a virtual time, as a scenario file writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimedCommand {
    pub at_ms: u64,
    pub command: Command,
}

impl Serialize for TimedCommand {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("at_ms", &self.at_ms)?;
        match &self.command {
            Command::Pause(a) => m.serialize_entry("pause", a)?,
            Command::Resume(a) => m.serialize_entry("resume", a)?,
            Command::Crash(a) => m.serialize_entry("crash", a)?,
            Command::Restart(a) => m.serialize_entry("restart", a)?,
            Command::Partition(a) => m.serialize_entry("partition", a)?,
            Command::Heal(a) => m.serialize_entry("heal", a)?,
            Command::CutLink(a) => m.serialize_entry("cut_link", a)?,
            Command::RestoreLink(a) => m.serialize_entry("restore_link", a)?,
            Command::LinkDelay(a) => m.serialize_entry("link_delay", a)?,
            Command::ClockRate(a) => m.serialize_entry("clock_rate", a)?,
            Command::Set(a) => m.serialize_entry("set", a)?,
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for TimedCommand {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TimedCommand;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a fault such as {"at_ms": 6000, "pause": {"node": "leader", "for_ms": 8000}}"#)
            }
            fn visit_map<A: de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<TimedCommand, A::Error> {
                let mut at_ms = None;
                let mut command = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "at_ms" {
                        if at_ms.is_some() {
                            return Err(de::Error::duplicate_field("at_ms"));
                        }
                        at_ms = Some(map.next_value::<u64>()?);
                        continue;
                    }
                    if let Some(prev) = &command {
                        let prev: &Command = prev;
                        return Err(de::Error::custom(format!(
                            "one fault per entry: found both `{}` and `{key}`",
                            prev.name()
                        )));
                    }
                    command = Some(match key.as_str() {
                        "pause" => Command::Pause(map.next_value()?),
                        "resume" => Command::Resume(map.next_value()?),
                        "crash" => Command::Crash(map.next_value()?),
                        "restart" => Command::Restart(map.next_value()?),
                        "partition" => Command::Partition(map.next_value()?),
                        "heal" => Command::Heal(map.next_value()?),
                        "cut_link" => Command::CutLink(map.next_value()?),
                        "restore_link" => Command::RestoreLink(map.next_value()?),
                        "link_delay" => Command::LinkDelay(map.next_value()?),
                        "clock_rate" => Command::ClockRate(map.next_value()?),
                        "set" => Command::Set(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, ENTRY_KEYS)),
                    });
                }
                let at_ms = at_ms.ok_or_else(|| de::Error::missing_field("at_ms"))?;
                let command = command.ok_or_else(|| {
                    de::Error::custom(format!(
                        "no fault given: add one of {}",
                        FAULT_NAMES.join(", ")
                    ))
                })?;
                Ok(TimedCommand { at_ms, command })
            }
        }
        d.deserialize_map(V)
    }
}
