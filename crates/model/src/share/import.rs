//! A file a user picked or dropped: told apart (scenario file or exported trace) and read,
//! or refused with the problem named.

use super::trace_file::{check_trace, TraceHeader};
use fencing_sim::scenario::Scenario;

/// Imported files larger than this are refused before reading.
pub const MAX_IMPORT_BYTES: usize = 32 << 20;

/// What an imported file is.
#[derive(Debug)]
pub enum Imported {
    Scenario(Scenario),
    /// An exported trace, checked whole; the page re-runs its header's scenario.
    Trace(TraceHeader),
}

/// Reads a file a user dropped or picked: a scenario file or an exported trace.
pub fn import_file(name: &str, bytes: &[u8]) -> Result<Imported, String> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "{name}: {} bytes is over the {} MB limit",
            bytes.len(),
            MAX_IMPORT_BYTES >> 20
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{name}: not a text file"))?;
    if text.trim_start().starts_with("{\"fencing_lab_trace\"") {
        let h = check_trace(text).map_err(|e| format!("{name}: {e}"))?;
        return Ok(Imported::Trace(h));
    }
    let mut scenario = Scenario::from_json(text).map_err(|e| format!("{name}: {e}"))?;
    scenario.name_from_file(name);
    Ok(Imported::Scenario(scenario))
}
