//! A command at a virtual time, as a scenario file or a link writes it:
//! `{ "at_ms": 6000, "pause": { … } }`, one command per entry.

use super::{Command, ENTRY_KEYS, FAULT_NAMES};
use crate::read::{unknown_field, Place, Read, Res};
use serde::{Serialize, Serializer};
use serde_json::Value;

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

impl Read for TimedCommand {
    fn read(v: &Value, at: &Place) -> Res<TimedCommand> {
        let Value::Object(map) = v else {
            return Err(at.wrong_type(
                v,
                r#"a fault such as {"at_ms": 6000, "pause": {"node": "leader", "for_ms": 8000}}"#,
            ));
        };
        let at_ms = map
            .get("at_ms")
            .map(|t| u64::read(t, &at.key("at_ms")))
            .transpose()?;
        let mut command: Option<Command> = None;
        for (key, value) in map {
            if key == "at_ms" {
                continue;
            }
            if let Some(prev) = &command {
                return Err(at.error(format!(
                    "one fault per entry: found both `{}` and `{key}`",
                    prev.name()
                )));
            }
            match Command::read_named(key, value, at) {
                Some(c) => command = Some(c?),
                None => return Err(at.key(key).error(unknown_field(key, ENTRY_KEYS))),
            }
        }
        let at_ms = at_ms.ok_or_else(|| at.error("missing field `at_ms`"))?;
        let command = command.ok_or_else(|| {
            at.error(format!(
                "no fault given: add one of {}",
                FAULT_NAMES.join(", ")
            ))
        })?;
        Ok(TimedCommand { at_ms, command })
    }
}

crate::deserialize_by_read!(TimedCommand);
