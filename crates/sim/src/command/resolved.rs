//! A command as it acts on the world: every `"leader"` replaced by the node leading when
//! the command fired, every actor named by id. Only resolved commands reach the world, so
//! it never meets a reference it would have to guess at.

use super::{ActorRef, Command, ConfigPatch, NodeRef};
use super::{
    ClockRateArgs, Empty, LinkArgs, LinkDelayArgs, NodeArgs, PartitionArgs, PauseArgs, ReleaseArgs,
};
use crate::ids::{Actor, NodeId};
use crate::time::Duration;

/// How long a pause lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PauseLength {
    For(Duration),
    UntilResumed,
}

/// A command whose nodes and actors are all named by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    Pause {
        node: NodeId,
        length: PauseLength,
        /// Freeze right after the node's next lease check ("the worst moment").
        after_lease_check: bool,
    },
    Resume(NodeId),
    Crash(NodeId),
    Restart(NodeId),
    Partition {
        side_b: Vec<Actor>,
        both: Vec<Actor>,
    },
    Heal,
    CutLink {
        from: Actor,
        to: Actor,
    },
    RestoreLink {
        from: Actor,
        to: Actor,
    },
    LinkDelay {
        from: Actor,
        to: Actor,
        extra: Duration,
    },
    Hold {
        from: Actor,
        to: Actor,
    },
    HoldMessage(u64),
    Release {
        from: Actor,
        to: Actor,
        drop: bool,
    },
    ClockRate {
        node: NodeId,
        ppm: i64,
    },
    Set(ConfigPatch),
}

impl Command {
    /// This command with `"leader"` replaced by `leader` (the node leading now); an error
    /// saying why when it names the leader and none leads.
    pub fn resolve(&self, leader: Option<NodeId>) -> Result<Resolved, String> {
        let node = |r: NodeRef| match r {
            NodeRef::Id(id) => Ok(id),
            NodeRef::Leader => leader.ok_or_else(|| "no node leads right now".to_string()),
        };
        let actor = |r: ActorRef| -> Result<Actor, String> {
            Ok(match r {
                ActorRef::Node(n) => Actor::Node(node(n)?),
                ActorRef::Lease => Actor::Lease,
                ActorRef::Storage => Actor::Storage,
            })
        };
        let actors = |v: &[ActorRef]| v.iter().map(|a| actor(*a)).collect::<Result<_, _>>();
        Ok(match self {
            Command::Pause(p) => Resolved::Pause {
                node: node(p.node)?,
                length: match p.for_ms {
                    Some(ms) => PauseLength::For(Duration::from_ms(ms)),
                    None => PauseLength::UntilResumed,
                },
                after_lease_check: p.after_lease_check,
            },
            Command::Resume(a) => Resolved::Resume(node(a.node)?),
            Command::Crash(a) => Resolved::Crash(node(a.node)?),
            Command::Restart(a) => Resolved::Restart(node(a.node)?),
            Command::Partition(p) => Resolved::Partition {
                side_b: actors(&p.side_b)?,
                both: actors(&p.both)?,
            },
            Command::Heal(_) => Resolved::Heal,
            Command::CutLink(l) => Resolved::CutLink {
                from: actor(l.from)?,
                to: actor(l.to)?,
            },
            Command::RestoreLink(l) => Resolved::RestoreLink {
                from: actor(l.from)?,
                to: actor(l.to)?,
            },
            Command::LinkDelay(l) => Resolved::LinkDelay {
                from: actor(l.from)?,
                to: actor(l.to)?,
                extra: Duration::from_ms(l.extra_ms),
            },
            Command::Hold(l) => Resolved::Hold {
                from: actor(l.from)?,
                to: actor(l.to)?,
            },
            Command::HoldMessage(m) => Resolved::HoldMessage(m.id),
            Command::Release(r) => Resolved::Release {
                from: actor(r.from)?,
                to: actor(r.to)?,
                drop: r.drop,
            },
            Command::ClockRate(c) => Resolved::ClockRate {
                node: node(c.node)?,
                ppm: c.ppm,
            },
            Command::Set(patch) => Resolved::Set(patch.clone()),
        })
    }
}

impl Resolved {
    /// The command as a file writes it, with node numbers: what the trace records.
    pub fn to_command(&self) -> Command {
        let link = |from: Actor, to: Actor| LinkArgs {
            from: ActorRef::from(from),
            to: ActorRef::from(to),
        };
        let node = |id: NodeId| NodeArgs {
            node: NodeRef::Id(id),
        };
        match self {
            Resolved::Pause {
                node,
                length,
                after_lease_check,
            } => Command::Pause(PauseArgs {
                node: NodeRef::Id(*node),
                for_ms: match length {
                    PauseLength::For(d) => Some(d.as_ms()),
                    PauseLength::UntilResumed => None,
                },
                after_lease_check: *after_lease_check,
            }),
            Resolved::Resume(id) => Command::Resume(node(*id)),
            Resolved::Crash(id) => Command::Crash(node(*id)),
            Resolved::Restart(id) => Command::Restart(node(*id)),
            Resolved::Partition { side_b, both } => Command::Partition(PartitionArgs {
                side_b: side_b.iter().map(|a| ActorRef::from(*a)).collect(),
                both: both.iter().map(|a| ActorRef::from(*a)).collect(),
            }),
            Resolved::Heal => Command::Heal(Empty {}),
            Resolved::CutLink { from, to } => Command::CutLink(link(*from, *to)),
            Resolved::RestoreLink { from, to } => Command::RestoreLink(link(*from, *to)),
            Resolved::LinkDelay { from, to, extra } => Command::LinkDelay(LinkDelayArgs {
                from: ActorRef::from(*from),
                to: ActorRef::from(*to),
                extra_ms: extra.as_ms(),
            }),
            Resolved::Hold { from, to } => Command::Hold(link(*from, *to)),
            Resolved::HoldMessage(id) => Command::HoldMessage(super::MessageArgs { id: *id }),
            Resolved::Release { from, to, drop } => Command::Release(ReleaseArgs {
                from: ActorRef::from(*from),
                to: ActorRef::from(*to),
                drop: *drop,
            }),
            Resolved::ClockRate { node, ppm } => Command::ClockRate(ClockRateArgs {
                node: NodeRef::Id(*node),
                ppm: *ppm,
            }),
            Resolved::Set(patch) => Command::Set(patch.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::TimedCommand;

    /// Every kind of command, as a file could write it, naming the leader where it can.
    fn every_kind() -> Vec<Command> {
        let text = r#"[
            {"at_ms": 1, "pause": {"node": "leader", "for_ms": 8000, "after_lease_check": true}},
            {"at_ms": 1, "pause": {"node": 2}},
            {"at_ms": 1, "resume": {"node": "leader"}},
            {"at_ms": 1, "crash": {"node": 1}},
            {"at_ms": 1, "restart": {"node": "leader"}},
            {"at_ms": 1, "partition": {"side_b": ["leader", "lease"], "both": ["storage"]}},
            {"at_ms": 1, "heal": {}},
            {"at_ms": 1, "cut_link": {"from": "leader", "to": "storage"}},
            {"at_ms": 1, "restore_link": {"from": 0, "to": "lease"}},
            {"at_ms": 1, "link_delay": {"from": "leader", "to": "storage", "extra_ms": 90000}},
            {"at_ms": 1, "hold": {"from": "leader", "to": "storage"}},
            {"at_ms": 1, "release": {"from": 0, "to": "storage"}},
            {"at_ms": 1, "release": {"from": "lease", "to": "leader", "drop": true}},
            {"at_ms": 1, "clock_rate": {"node": "leader", "ppm": -300000}},
            {"at_ms": 1, "set": {"fencing": false}}
        ]"#;
        let timed: Vec<TimedCommand> = serde_json::from_str(text).unwrap();
        timed.into_iter().map(|t| t.command).collect()
    }

    #[test]
    fn resolving_names_the_leader_and_writes_back_as_the_same_command_with_its_number() {
        for c in every_kind() {
            let back = c.resolve(Some(NodeId(3))).unwrap().to_command();
            let expected = serde_json::to_string(&c)
                .unwrap()
                .replace("\"leader\"", "3");
            assert_eq!(serde_json::to_string(&back).unwrap(), expected, "{c:?}");
        }
    }

    #[test]
    fn a_command_naming_the_leader_cannot_resolve_while_none_leads() {
        let kinds = every_kind();
        for c in &kinds {
            let names_leader = serde_json::to_string(c).unwrap().contains("\"leader\"");
            let r = c.resolve(None);
            assert_eq!(r.is_err(), names_leader, "{c:?}");
            if let Err(e) = r {
                assert_eq!(e, "no node leads right now");
            }
        }
    }
}
