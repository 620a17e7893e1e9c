//! Codecs for sharing and keeping runs: the URL-fragment link, the exported trace (JSON
//! Lines with a header), and telling an imported file's kind. Web-free, so every codec is
//! tested natively, on random bytes and truncations too.
//!
//! Link: `#run=v1.<base64url of compact JSON>.<FNV-32 hex of that JSON>`. The checksum
//! tells a link cut off while copying from a damaged one.

use crate::sim::fault::TimedFault;
use crate::sim::scenario::{builtin, Scenario, MAX_FAULTS};
use crate::sim::trace::{Event, TraceHash};
use crate::sim::Config;
use serde::{Deserialize, Serialize};

pub const LINK_VERSION: u32 = 1;
pub const LINK_PREFIX: &str = "run=";
/// A link opens a run of at most this much virtual time (a whole school day), which
/// replays in seconds; anything longer is refused rather than freezing the page.
pub const MAX_LINK_MS: u64 = 8 * 3_600_000;
/// Imported files larger than this are refused before reading.
pub const MAX_IMPORT_BYTES: usize = 32 << 20;
pub const TRACE_FORMAT: u32 = 1;

/// What a link carries: the scenario (by name if built in), the knobs that differ, the
/// seed, the user's commands and the moment being looked at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSpec {
    pub scenario: Scenario,
    pub commands: Vec<TimedFault>,
    pub at_ms: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkBody {
    /// A built-in scenario's name…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    b: Option<String>,
    /// …or a whole scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    s: Option<Scenario>,
    /// Only the knobs that differ from the built-in scenario's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    config: Option<serde_json::Map<String, serde_json::Value>>,
    seed: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cmds: Vec<TimedFault>,
    #[serde(default)]
    t: u64,
}

pub fn encode_link(spec: &RunSpec) -> String {
    let s = &spec.scenario;
    let body = match builtin(&s.name) {
        Some(b) if b.faults == s.faults && b.until_ms == s.until_ms => LinkBody {
            b: Some(s.name.clone()),
            s: None,
            config: config_diff(&b.config, &s.config),
            seed: s.seed,
            cmds: spec.commands.clone(),
            t: spec.at_ms,
        },
        _ => LinkBody {
            b: None,
            s: Some(s.clone()),
            config: None,
            seed: s.seed,
            cmds: spec.commands.clone(),
            t: spec.at_ms,
        },
    };
    let json = serde_json::to_string(&body).expect("link bodies serialise");
    let mut sum = TraceHash::new();
    sum.update(json.as_bytes());
    format!(
        "{LINK_PREFIX}v{LINK_VERSION}.{}.{:08x}",
        base64url_encode(json.as_bytes()),
        sum.value() as u32
    )
}

fn config_diff(base: &Config, c: &Config) -> Option<serde_json::Map<String, serde_json::Value>> {
    let (Ok(serde_json::Value::Object(b)), Ok(serde_json::Value::Object(c))) =
        (serde_json::to_value(base), serde_json::to_value(c))
    else {
        unreachable!("configs serialise to objects")
    };
    let diff: serde_json::Map<_, _> = c.into_iter().filter(|(k, v)| b.get(k) != Some(v)).collect();
    (!diff.is_empty()).then_some(diff)
}

/// Reads a link's fragment (with or without the leading `#`).
pub fn decode_link(fragment: &str) -> Result<RunSpec, String> {
    let f = fragment.trim().trim_start_matches('#');
    let rest = f.strip_prefix(LINK_PREFIX).ok_or_else(|| {
        "this link holds no Fencing Lab run (it should contain #run=…)".to_string()
    })?;
    let mut parts = rest.split('.');
    let version = parts.next().unwrap_or_default();
    let number = version
        .strip_prefix('v')
        .and_then(|v| v.parse::<u32>().ok());
    match number {
        Some(LINK_VERSION) => {}
        Some(v) if v > LINK_VERSION => {
            return Err(format!(
                "this link was made by a newer Fencing Lab (link format v{v}); this page opens v{LINK_VERSION} links"
            ))
        }
        Some(v) => return Err(format!("this link's format v{v} is no longer supported; this page opens v{LINK_VERSION}")),
        None => return Err("this link is damaged: it has no format version".into()),
    }
    let (Some(data), Some(check), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err("this link is incomplete: it may have been cut off when it was copied".into());
    };
    let bytes = base64url_decode(data)
        .ok_or("this link is damaged: it holds characters a link cannot have")?;
    let mut sum = TraceHash::new();
    sum.update(&bytes);
    if format!("{:08x}", sum.value() as u32) != check {
        return Err(
            "this link is incomplete or changed: its checksum does not match (was it cut off?)"
                .into(),
        );
    }
    let json =
        String::from_utf8(bytes).map_err(|_| "this link is damaged: not text".to_string())?;
    let body: LinkBody =
        serde_json::from_str(&json).map_err(|e| format!("this link is damaged: {e}"))?;
    let mut scenario = match (body.b, body.s) {
        (Some(name), None) => builtin(&name).ok_or_else(|| {
            format!("this link names a scenario this version does not have: {name}")
        })?,
        (None, Some(s)) => s,
        _ => return Err("this link is damaged: it must name one scenario".into()),
    };
    if let Some(diff) = body.config {
        let serde_json::Value::Object(mut base) =
            serde_json::to_value(&scenario.config).expect("configs serialise")
        else {
            unreachable!("a config serialises to an object")
        };
        base.extend(diff);
        scenario.config = serde_json::from_value(serde_json::Value::Object(base))
            .map_err(|e| format!("this link's settings are not valid: {e}"))?;
    }
    scenario.seed = body.seed;
    scenario
        .validate()
        .map_err(|e| format!("this link's scenario is not valid: {e}"))?;
    if body.cmds.len() > MAX_FAULTS {
        return Err(format!(
            "this link holds {} commands; at most {MAX_FAULTS} are allowed",
            body.cmds.len()
        ));
    }
    let mut last = 0;
    for (i, c) in body.cmds.iter().enumerate() {
        if c.at_ms < last {
            return Err(format!("this link is damaged: command {i} is out of order"));
        }
        last = c.at_ms;
        crate::sim::scenario::check_fault(&c.fault, scenario.config.nodes, &scenario.config)
            .map_err(|(p, m)| {
                format!(
                    "this link's command {i} is not valid: {}.{p}: {m}",
                    c.fault.name()
                )
            })?;
    }
    if body.t > MAX_LINK_MS || last > MAX_LINK_MS {
        let hours = body.t.max(last) / 3_600_000;
        return Err(format!(
            "this link points {hours} hours into a run; links open runs of up to {} hours",
            MAX_LINK_MS / 3_600_000
        ));
    }
    Ok(RunSpec {
        scenario,
        commands: body.cmds,
        at_ms: body.t,
    })
}

/// The first line of an exported trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraceHeader {
    pub fencing_lab_trace: u32,
    /// The scenario with the user's commands as faults: it re-runs to these events.
    pub scenario: Scenario,
    pub events: u64,
    pub trace_hash: String,
}

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
    format!(
        "{}\n{body}",
        serde_json::to_string(&header).expect("headers serialise")
    )
}

/// Reads an exported trace, checking it whole: header, every event, count and hash.
pub fn import_trace(text: &str) -> Result<(TraceHeader, Vec<Event>), String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, first) = lines.next().ok_or("the file is empty")?;
    let header: TraceHeader = serde_json::from_str(first)
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
    let mut events = Vec::new();
    for (i, line) in lines {
        let e: Event = serde_json::from_str(line)
            .map_err(|e| format!("line {}: not a trace event: {e}", i + 1))?;
        hash.add_line(line);
        events.push(e);
    }
    if events.len() as u64 != header.events {
        return Err(format!(
            "the header promises {} events but the file has {}: it is truncated or was edited",
            header.events,
            events.len()
        ));
    }
    if hash.hex() != header.trace_hash {
        return Err(format!(
            "the events hash to {} but the header says {}: the trace was changed after export",
            hash.hex(),
            header.trace_hash
        ));
    }
    Ok((header, events))
}

/// What an imported file is.
#[derive(Debug)]
pub enum Imported {
    Scenario(Scenario),
    Trace(TraceHeader, Vec<Event>),
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
        let (h, e) = import_trace(text).map_err(|e| format!("{name}: {e}"))?;
        return Ok(Imported::Trace(h, e));
    }
    Scenario::from_json(text)
        .map(Imported::Scenario)
        .map_err(|e| format!("{name}: {e}"))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let vals: Vec<u32> = text
        .bytes()
        .map(|c| B64.iter().position(|b| *b == c).map(|p| p as u32))
        .collect::<Option<_>>()?;
    if vals.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(vals.len() * 3 / 4);
    for chunk in vals.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, v)| n | v << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}
