//! Scenario files: parsing, validation with messages that name the place, and the
//! built-in scenarios compiled into the binary.

use super::command::TimedCommand;
use super::config::{Config, MAX_MS};
use super::lesson::Lesson;
use super::pattern::{Claim, Pattern};
use crate::read::{Obj, Place, Read, Res};
use serde::Serialize;
use serde_json::Value;

/// The scenario file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// Scenario files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1 << 20;
pub const MAX_FAULTS: usize = 10_000;

/// A line of narration: a plain string (shown from the start), or a beat shown from a
/// time (`at_ms`) or from the first event matching a pattern (`on`), with optional claims
/// about the run that a test checks against the trace (see `pattern`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Narration {
    Text(String),
    Beat(Beat),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Beat {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_ms: Option<u64>,
    /// Shown when the first event matching this pattern happens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<Pattern>,
    pub text: String,
    /// What this beat says about the run, checked against its trace.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
}

crate::read_struct!(Beat, "", { at_ms: opt, on: opt, text: req, claims: or_default });

impl Read for Narration {
    fn read(v: &Value, at: &Place) -> Res<Narration> {
        match v {
            Value::String(text) => Ok(Narration::Text(text.clone())),
            Value::Object(_) => Beat::read(v, at).map(Narration::Beat),
            _ => Err(at.error(
                r#"a narration line is a string, or {"at_ms": …, "text": "…"}, or {"on": {"kind": …}, "text": "…"}"#,
            )),
        }
    }
}

/// When a narration line is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor<'a> {
    At(u64),
    On(&'a Pattern),
}

impl Narration {
    pub fn anchor(&self) -> Anchor<'_> {
        match self {
            Narration::Text(_) => Anchor::At(0),
            Narration::Beat(b) => match &b.on {
                Some(p) => Anchor::On(p),
                None => Anchor::At(b.at_ms.unwrap_or(0)),
            },
        }
    }
    pub fn text(&self) -> &str {
        match self {
            Narration::Text(t) => t,
            Narration::Beat(b) => &b.text,
        }
    }
    pub fn claims(&self) -> &[Claim] {
        match self {
            Narration::Text(_) => &[],
            Narration::Beat(b) => &b.claims,
        }
    }
}

/// What a run of the scenario must show; every key is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Expect {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale_accepted: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale_accepted_min: Option<u64>,
    /// Writes accepted through the fencing gap (see `storage`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superseded_accepted: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superseded_accepted_min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected_min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violations: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violations_min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_term_min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split_brain: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub version: u32,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Optional: it defaults to `name`, then to the file's name (`name_from_file`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub narration: Vec<Narration>,
    pub seed: u64,
    pub config: Config,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<TimedCommand>,
    pub until_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expect>,
    /// Prediction checkpoints whose answers the run proves (see `lesson`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lesson: Option<Lesson>,
}

crate::read_struct!(Expect, r#"an object such as {"rejected_min": 1}"#, {
    stale_accepted: opt, stale_accepted_min: opt, superseded_accepted: opt,
    superseded_accepted_min: opt, rejected: opt, rejected_min: opt, violations: opt,
    violations_min: opt, max_term_min: opt, split_brain: opt,
});

impl Read for Scenario {
    fn read(v: &Value, at: &Place) -> Res<Scenario> {
        const KEYS: &[&str] = &[
            "version",
            "name",
            "title",
            "narration",
            "seed",
            "config",
            "faults",
            "until_ms",
            "expect",
            "lesson",
        ];
        let o = Obj::new(v, at, KEYS, "a scenario, a JSON object ({ … })")?;
        Ok(Scenario {
            version: o.or("version", FORMAT_VERSION)?,
            name: o.or_default("name")?,
            title: o.or_default("title")?,
            narration: o.or_default("narration")?,
            seed: o.or_default("seed")?,
            config: o.or("config", Config::default())?,
            faults: o.or_default("faults")?,
            until_ms: o.req("until_ms")?,
            expect: o.opt("expect")?,
            lesson: o.opt("lesson")?,
        })
    }
}

crate::deserialize_by_read!(Narration, Beat, Expect, Scenario);

pub use crate::read::ScenarioError;

fn err(path: impl Into<String>, message: impl Into<String>) -> ScenarioError {
    ScenarioError {
        path: path.into(),
        message: message.into(),
    }
}

/// The longest `lesson.summary` taken: a sentence or two for the end-of-lesson card.
pub const MAX_SUMMARY_CHARS: usize = 600;

/// Why a lesson's summary cannot be shown, if it cannot.
fn summary_problem(summary: &str) -> Option<String> {
    let n = summary.chars().count();
    if summary.trim().is_empty() {
        Some("is empty: leave it out, or say in a sentence or two what the lesson showed".into())
    } else if n > MAX_SUMMARY_CHARS {
        Some(format!(
            "is {n} characters long; at most {MAX_SUMMARY_CHARS} (a sentence or two)"
        ))
    } else {
        None
    }
}

impl Scenario {
    /// Parse and validate a scenario file's text.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(err(
                "",
                format!(
                    "the file is {} bytes; scenario files are limited to {MAX_FILE_BYTES} bytes",
                    text.len()
                ),
            ));
        }
        if text.trim().is_empty() {
            return Err(err("", "the file is empty; a scenario is a JSON object"));
        }
        if !text.trim_start().starts_with('{') {
            let message = match crate::read::parse(text) {
                Err(e) if e.is_data() => e.to_string(),
                Err(e) => format!("not valid JSON: {e}"),
                Ok(v) => format!(
                    "a scenario is a JSON object ({{ … }}), not {}",
                    json_kind(&v)
                ),
            };
            return Err(err("", message));
        }
        let mut scenario: Scenario = crate::read::from_text(text)?;
        if scenario.title.trim().is_empty() {
            scenario.title = scenario.name.clone();
        }
        scenario.validate()?;
        Ok(scenario)
    }

    /// Names a scenario read from a file called `file_name` that names itself nowhere:
    /// the name defaults to the file's name without `.json`, and the title to the name.
    pub fn name_from_file(&mut self, file_name: &str) {
        if self.name.trim().is_empty() {
            let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
            self.name = base.strip_suffix(".json").unwrap_or(base).to_string();
        }
        if self.title.trim().is_empty() {
            self.title = self.name.clone();
        }
    }

    pub fn to_json_pretty(&self) -> String {
        // Written compact (as links carry it) and laid out: one serialiser in the page.
        crate::json_pretty::pretty(&crate::json_out::json_text(self))
    }

    /// Checks everything the types cannot: ranges, nodes that exist, sensible times.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.version != FORMAT_VERSION {
            return Err(err(
                "version",
                format!(
                    "this is format version {}, and this build reads version {FORMAT_VERSION}",
                    self.version
                ),
            ));
        }
        self.config
            .check()
            .map_err(|(key, m)| err(format!("config.{key}"), m))?;
        if self.until_ms == 0 {
            return Err(err("until_ms", "must be greater than 0"));
        }
        if self.until_ms > MAX_MS {
            return Err(err(
                "until_ms",
                format!(
                    "{} ms is absurdly large (at most {MAX_MS} ms, one week)",
                    self.until_ms
                ),
            ));
        }
        if self.faults.len() > MAX_FAULTS {
            return Err(err(
                "faults",
                format!(
                    "{} faults is over the limit of {MAX_FAULTS}",
                    self.faults.len()
                ),
            ));
        }
        for (i, n) in self.narration.iter().enumerate() {
            let Narration::Beat(b) = n else { continue };
            let at = format!("narration[{i}]");
            match (b.at_ms, &b.on) {
                (Some(_), Some(_)) => {
                    return Err(err(at, "give at_ms or on, not both"));
                }
                (Some(ms), None) if ms > MAX_MS => {
                    return Err(err(
                        format!("{at}.at_ms"),
                        format!("{ms} ms is absurdly large"),
                    ));
                }
                (None, Some(p)) => {
                    if let Some(m) = p.problem() {
                        return Err(err(format!("{at}.on"), m));
                    }
                }
                _ => {}
            }
            for (j, c) in b.claims.iter().enumerate() {
                if let Some(m) = c.patterns().iter().find_map(|p| p.problem()) {
                    return Err(err(format!("{at}.claims[{j}]"), m));
                }
            }
        }
        if let Some(lesson) = &self.lesson {
            if let Some(m) = lesson.summary.as_deref().and_then(summary_problem) {
                return Err(err("lesson.summary", m));
            }
            for (i, c) in lesson.checkpoints.iter().enumerate() {
                if let Some((path, m)) = c.problem() {
                    return Err(err(format!("lesson.checkpoints[{i}].{path}"), m));
                }
                if let Some(at) = c.at_ms.filter(|at| *at >= self.until_ms) {
                    return Err(err(
                        format!("lesson.checkpoints[{i}].at_ms"),
                        format!(
                            "{at} ms is not before the run ends (until_ms {}): the question would never be asked",
                            self.until_ms
                        ),
                    ));
                }
            }
        }
        let nodes = self.config.nodes;
        for (i, tf) in self.faults.iter().enumerate() {
            let at = format!("faults[{i}]");
            if tf.at_ms > MAX_MS {
                return Err(err(
                    format!("{at}.at_ms"),
                    format!(
                        "{} ms is absurdly large (at most {MAX_MS} ms, one week)",
                        tf.at_ms
                    ),
                ));
            }
            tf.command
                .check(nodes, &self.config)
                .map_err(|(p, m)| err(format!("{at}.{}.{p}", tf.command.name()), m))?;
        }
        Ok(())
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Writes `text` less the whitespace between its JSON tokens into `out`, as far as `out`
/// reaches (inside a string every byte is kept, escapes included), and gives the length
/// of the whole: with an empty `out`, it only counts.
const fn json_strip(text: &str, out: &mut [u8]) -> usize {
    let b = text.as_bytes();
    let (mut i, mut n, mut in_string, mut escaped) = (0, 0, false, false);
    while i < b.len() {
        let c = b[i];
        let keep = if in_string {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            true
        } else if matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
            false
        } else {
            in_string = c == b'"';
            true
        };
        if keep {
            if n < out.len() {
                out[n] = c;
            }
            n += 1;
        }
        i += 1;
    }
    n
}

/// The bytes of a JSON text less the whitespace between its tokens.
const fn json_min_len(text: &str) -> usize {
    json_strip(text, &mut [])
}

/// `text` less the whitespace between its tokens, in `N` (`json_min_len(text)`) bytes.
const fn json_min<const N: usize>(text: &str) -> [u8; N] {
    let mut out = [0u8; N];
    json_strip(text, &mut out);
    out
}

/// A built-in scenario's file as the program carries it: without its indentation and
/// line breaks, worked out by the compiler (the students' page is about 0.4 kB lighter
/// gzipped). Whitespace inside strings is kept; the file's text stays the one to read
/// and edit, and a test holds the two to the same JSON.
macro_rules! scenario_file {
    ($name:literal) => {{
        const TEXT: &str = include_str!(concat!("../../../scenarios/", $name, ".json"));
        const BYTES: &[u8] = &json_min::<{ json_min_len(TEXT) }>(TEXT);
        const MIN: &str = match core::str::from_utf8(BYTES) {
            Ok(s) => s,
            Err(_) => panic!("a built-in scenario is not UTF-8"),
        };
        ($name, MIN)
    }};
}

/// The scenarios shipped with Fencing Lab, in teaching order: each name with its file's
/// JSON, less the whitespace between tokens (`scenario_file!`).
pub const BUILTIN: &[(&str, &str)] = &[
    scenario_file!("leader-and-followers"),
    scenario_file!("gc-pause-zombie"),
    scenario_file!("gc-pause-no-fencing"),
    scenario_file!("partitioned-leader"),
    scenario_file!("delayed-write"),
    scenario_file!("slow-clock"),
    scenario_file!("drifting-clock"),
    scenario_file!("lease-too-short"),
    scenario_file!("stale-before-new-write"),
    scenario_file!("barrier-write"),
    scenario_file!("crash-restart"),
    scenario_file!("free-play"),
];

/// Each built-in scenario's title, as its file gives it, in `BUILTIN`'s order: the page
/// lists the scenarios before its first picture without parsing twelve files for their
/// titles (a test holds this to the files).
pub const BUILTIN_TITLES: &[(&str, &str)] = &[
    (
        "leader-and-followers",
        "Leader and followers: one node leads, the others copy its writes",
    ),
    ("gc-pause-zombie", "A GC pause freezes the leader"),
    ("gc-pause-no-fencing", "The same GC pause, with fencing off"),
    (
        "partitioned-leader",
        "The leader is cut off from the lease store",
    ),
    ("delayed-write", "A write held up 90 s in the network"),
    (
        "slow-clock",
        "A leader's clock slows down, and nothing else goes wrong",
    ),
    ("drifting-clock", "A leader whose clock runs slow"),
    ("lease-too-short", "A lease of only 500 ms"),
    (
        "stale-before-new-write",
        "An old write, a new term, and no new write yet",
    ),
    (
        "barrier-write",
        "A new leader's first write carries no data",
    ),
    ("crash-restart", "A leader crashes, then restarts"),
    (
        "free-play",
        "Free play: nothing is scripted; make your own failure",
    ),
];

/// How many questions each built-in scenario's lesson asks, in `BUILTIN`'s order: the
/// lesson path counts what is done before the first picture without parsing every file
/// (a test holds this to the files).
pub const BUILTIN_QUESTIONS: [usize; BUILTIN.len()] = [3, 4, 3, 2, 2, 2, 2, 2, 2, 2, 3, 0];

/// How many questions the built-in scenario `name`'s lesson asks (`BUILTIN_QUESTIONS`).
pub fn builtin_questions(name: &str) -> Option<usize> {
    Some(BUILTIN_QUESTIONS[builtin_index(name)?])
}

/// Where the built-in scenario `name` stands in `BUILTIN` (and the tables in its order).
fn builtin_index(name: &str) -> Option<usize> {
    BUILTIN.iter().position(|(n, _)| *n == name)
}

thread_local! {
    /// Each built-in scenario parsed once (the page asks for them often: the lesson path
    /// wants every step's title and question count).
    static PARSED: std::cell::RefCell<Vec<Option<Scenario>>> =
        std::cell::RefCell::new(vec![None; BUILTIN.len()]);
}

/// A built-in scenario by name.
pub fn builtin(name: &str) -> Option<Scenario> {
    let i = builtin_index(name)?;
    Some(PARSED.with(|parsed| {
        parsed.borrow_mut()[i]
            .get_or_insert_with(|| {
                let (n, text) = BUILTIN[i];
                let mut s = Scenario::from_json(text)
                    .unwrap_or_else(|e| panic!("built-in scenario {n} is invalid: {e}"));
                if s.name.is_empty() {
                    s.name = n.to_string();
                }
                s
            })
            .clone()
    }))
}

pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::{json_min, json_min_len};

    /// The whitespace between tokens goes; inside strings every byte stays, an escaped
    /// quote does not end a string, and an escaped backslash before a closing quote does
    /// not hide it.
    #[test]
    fn json_min_keeps_strings_whole() {
        const TEXT: &str = "{\n  \"a b\": [ 1,\t2 ],\r\n  \"q\": \"say \\\" hi \",\n  \"s\": \"back\\\\\" , \"t\": \" x \"\n}\n";
        let min = json_min::<{ json_min_len(TEXT) }>(TEXT);
        assert_eq!(
            std::str::from_utf8(&min).unwrap(),
            r#"{"a b":[1,2],"q":"say \" hi ","s":"back\\","t":" x "}"#
        );
        let (a, b): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(TEXT).unwrap(),
            serde_json::from_slice(&min).unwrap(),
        );
        assert_eq!(a, b);
        assert_eq!(json_min_len(""), 0);
    }
}
