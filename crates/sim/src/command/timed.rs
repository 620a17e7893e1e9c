//! A command at a virtual time, as a scenario file or a link writes it:
//! `{ "at_ms": 6000, "pause": { … } }`, one command per entry.

use super::{Command, ENTRY_KEYS, FAULT_NAMES};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

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
            Command::Hold(a) => m.serialize_entry("hold", a)?,
            Command::HoldMessage(a) => m.serialize_entry("hold_message", a)?,
            Command::Release(a) => m.serialize_entry("release", a)?,
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
                        "hold" => Command::Hold(map.next_value()?),
                        "hold_message" => Command::HoldMessage(map.next_value()?),
                        "release" => Command::Release(map.next_value()?),
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
