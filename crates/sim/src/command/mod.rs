//! One vocabulary for what is done to a run, by a scenario file or a person at the
//! controls: `Command` (faults such as pause, crash, partition, clock rate, and settings
//! changes), each at a virtual time in a `TimedCommand`, so any run can be replayed.
//!
//! A command is checked in one place (`check`), and resolved when it fires (`resolve`:
//! `"leader"` becomes the node leading then) into a `Resolved` command, which names nodes
//! and actors only by id: the world applies resolved commands only, so an unresolved
//! reference cannot reach it.

mod args;
mod check;
mod refs;
mod resolved;
mod timed;

pub use args::{
    ClockRateArgs, ConfigPatch, Empty, LinkArgs, LinkDelayArgs, MessageArgs, NodeArgs,
    PartitionArgs, PauseArgs, ReleaseArgs,
};
pub use refs::{ActorRef, NodeRef};
pub use resolved::{PauseLength, Resolved};
pub use timed::TimedCommand;

use crate::read::{Place, Read, Res};
use serde::Serialize;
use serde_json::Value;

/// One fault or control change. In a file: `{ "at_ms": 6000, "pause": { … } }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    /// Messages on the link wait at its far end (drawn queued there) until a `release`.
    Hold(LinkArgs),
    /// One message in flight waits at its link's far end until that link is released.
    HoldMessage(MessageArgs),
    Release(ReleaseArgs),
    ClockRate(ClockRateArgs),
    Set(ConfigPatch),
}

/// A command alone, as an event names it: `{"pause": {…}}`.
impl Read for Command {
    fn read(v: &Value, at: &Place) -> Res<Command> {
        let one = match v {
            Value::Object(m) if m.len() == 1 => m.iter().next(),
            _ => None,
        };
        let Some((name, args)) = one else {
            return Err(at.wrong_type(v, r#"a command such as {"pause": {"node": 2}}"#));
        };
        Command::read_named(name, args, at).unwrap_or_else(|| {
            Err(at.key(name).error(format!(
                "unknown variant `{name}`, expected one of {}",
                FAULT_NAMES.join(", ")
            )))
        })
    }
}

crate::deserialize_by_read!(Command);

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
    "hold",
    "hold_message",
    "release",
    "clock_rate",
    "set",
];

/// The fault names, as keys in a file.
pub const FAULT_NAMES: &[&str] = ENTRY_KEYS.split_at(1).1;

impl Command {
    /// The command called `name` (a key in a file), its arguments read from `v`; `None`
    /// when no command has that name.
    pub fn read_named(name: &str, v: &Value, at: &Place) -> Option<Res<Command>> {
        let at = at.key(name);
        let at = &at;
        Some(match name {
            "pause" => PauseArgs::read(v, at).map(Command::Pause),
            "resume" => NodeArgs::read(v, at).map(Command::Resume),
            "crash" => NodeArgs::read(v, at).map(Command::Crash),
            "restart" => NodeArgs::read(v, at).map(Command::Restart),
            "partition" => PartitionArgs::read(v, at).map(Command::Partition),
            "heal" => Empty::read(v, at).map(Command::Heal),
            "cut_link" => LinkArgs::read(v, at).map(Command::CutLink),
            "restore_link" => LinkArgs::read(v, at).map(Command::RestoreLink),
            "link_delay" => LinkDelayArgs::read(v, at).map(Command::LinkDelay),
            "hold" => LinkArgs::read(v, at).map(Command::Hold),
            "hold_message" => MessageArgs::read(v, at).map(Command::HoldMessage),
            "release" => ReleaseArgs::read(v, at).map(Command::Release),
            "clock_rate" => ClockRateArgs::read(v, at).map(Command::ClockRate),
            "set" => ConfigPatch::read(v, at).map(Command::Set),
            _ => return None,
        })
    }

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
            Command::Hold(_) => "hold",
            Command::HoldMessage(_) => "hold_message",
            Command::Release(_) => "release",
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
                        "split the network: {} on side B; {} {} both sides",
                        list(&p.side_b),
                        list(&p.both),
                        if p.both.len() == 1 {
                            "reaches"
                        } else {
                            "reach"
                        }
                    )
                }
            }
            Command::Heal(_) => "heal the network".into(),
            Command::CutLink(l) => format!("cut the link {} → {}", l.from, l.to),
            Command::RestoreLink(l) => format!("restore the link {} → {}", l.from, l.to),
            Command::LinkDelay(l) => format!("delay {} → {} by {} ms", l.from, l.to, l.extra_ms),
            Command::Hold(l) => format!("hold the messages on {} → {}", l.from, l.to),
            Command::HoldMessage(m) => format!("hold message {} where it arrives", m.id),
            Command::Release(r) if r.drop => {
                format!("drop what the link {} → {} holds", r.from, r.to)
            }
            Command::Release(r) => format!("release the link {} → {}", r.from, r.to),
            Command::ClockRate(c) => format!("set {}'s clock rate to {:+} ppm", c.node, c.ppm),
            Command::Set(p) => format!("change settings: {}", crate::json_out::json_text(p)),
        }
    }
}
