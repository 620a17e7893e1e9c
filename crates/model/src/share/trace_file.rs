//! The exported trace: JSON Lines, a header (the scenario with the user's commands, the
//! event count and the trace hash), then one event per line. Importing checks it whole.

use fencing_sim::scenario::Scenario;
use fencing_sim::trace::{Event, TraceHash};
use serde::Serialize;

pub const TRACE_FORMAT: u32 = 1;

/// The first line of an exported trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceHeader {
    pub fencing_lab_trace: u32,
    /// The scenario with the user's commands as faults: it re-runs to these events.
    pub scenario: Scenario,
    pub events: u64,
    pub trace_hash: String,
}

fencing_sim::read_struct!(TraceHeader, "a trace header, a JSON object", {
    fencing_lab_trace: req, scenario: req, events: req, trace_hash: req,
});

/// An exported trace: the header line, then one event per line.
pub fn export_trace(scenario: &Scenario, events: &[Event]) -> String {
    let mut hash = TraceHash::new();
    let mut body = String::new();
    for e in events {
        let line = e.to_json_line();
        hash.add_line(&line);
        body.push_str(&line);
        body.push('\n');
    }
    let header = TraceHeader {
        fencing_lab_trace: TRACE_FORMAT,
        scenario: scenario.clone(),
        events: events.len() as u64,
        trace_hash: hash.hex(),
    };
    format!("{}\n{body}", fencing_sim::json_out::json_text(&header))
}

/// Reads an exported trace, checking it whole: header, every event, count and hash; the
/// events read as events (for tools and tests).
pub fn import_trace(text: &str) -> Result<(TraceHeader, Vec<Event>), String> {
    let mut events = Vec::new();
    let header = scan(text, |i, line| {
        let e: Event = serde_json::from_str(line)
            .map_err(|e| format!("line {}: not a trace event: {e}", i + 1))?;
        events.push(e);
        Ok(())
    })?;
    Ok((header, events))
}

/// Checks an exported trace whole as `import_trace` does, without reading its events as
/// events: the page opens a trace by re-running its header's scenario (and comparing the
/// hash), so it needs no event reader, which keeps the students' bundle smaller. A line
/// that is not JSON is named; an event changed in any other way changes the hash.
pub fn check_trace(text: &str) -> Result<TraceHeader, String> {
    scan(text, |i, line| {
        fencing_sim::read::parse(line)
            .map(|_| ())
            .map_err(|e| format!("line {}: not a trace event: {e}", i + 1))
    })
}

/// The header, then each event line given to `each` (with its 0-based line number); the
/// count and the hash checked against the header's.
fn scan(
    text: &str,
    mut each: impl FnMut(usize, &str) -> Result<(), String>,
) -> Result<TraceHeader, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, first) = lines.next().ok_or("the file is empty")?;
    let header: TraceHeader = fencing_sim::read::from_text(first)
        .map_err(|e| format!("line 1: not a Fencing Lab trace header: {e}"))?;
    if header.fencing_lab_trace != TRACE_FORMAT {
        return Err(format!(
            "this trace is format {}, and this version reads format {TRACE_FORMAT}",
            header.fencing_lab_trace
        ));
    }
    header
        .scenario
        .validate()
        .map_err(|e| format!("line 1: the trace's scenario is not valid: {e}"))?;
    let mut hash = TraceHash::new();
    let mut count = 0u64;
    for (i, line) in lines {
        each(i, line)?;
        hash.add_line(line);
        count += 1;
    }
    if count != header.events {
        return Err(format!(
            "the header promises {} events but the file has {count}: it is truncated or was edited",
            header.events
        ));
    }
    if hash.hex() != header.trace_hash {
        return Err(format!(
            "the events hash to {} but the header says {}: the trace was changed after export",
            hash.hex(),
            header.trace_hash
        ));
    }
    Ok(header)
}
