//! The explorer's search run in a Web Worker, away from the page's frames: what the page
//! sends the worker (a `Request`: the search, the run's settings and its scenario), what the
//! worker sends back (`Update`, then the result), and the worker's side of it
//! (`WorkerJob`). Both directions are plain text, so the worker needs nothing but the
//! page's own wasm: no glue, no second bundle. The search is `fencing_sim::explore::Job`,
//! the same as in slices and in `fencing-lab explore`: the same seed gives the same result.
//!
//! A request is one header line, then the scenario as its file:
//!
//! ```text
//! explore goal=stale seed=0 budget=50000 fencing=off barrier=off
//! { "name": "gc-pause-zombie", … }
//! ```
//!
//! An update is one line, then the schedule found, written up as a scenario file, once there
//! is one:
//!
//! ```text
//! tried=412 phase=shrinking runs=7 faults=2
//! ```

use fencing_sim::explore::{Goal, Job, Phase, Settings};
use fencing_sim::Scenario;

/// What the page asks the worker to search.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// What to look for, from which seed, and how many schedules at most.
    pub goal: Goal,
    pub seed: u64,
    pub budget: u64,
    /// The run's fencing and barrier, which the search keeps.
    pub fencing: bool,
    pub barrier: bool,
    /// The run's scenario, whose faults the search varies.
    pub scenario: Scenario,
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

/// The `key=value` words of a header line, each key required once, in any order.
fn fields<'a, const N: usize>(
    line: &'a str,
    first: &str,
    keys: [&str; N],
) -> Result<[&'a str; N], String> {
    let mut words = line.split_whitespace();
    if !first.is_empty() && words.next() != Some(first) {
        return Err(format!("the first line does not start with \"{first}\""));
    }
    let mut values: [Option<&str>; N] = [None; N];
    for word in words {
        let (key, value) = word
            .split_once('=')
            .ok_or_else(|| format!("\"{word}\" is not key=value"))?;
        let i = keys
            .iter()
            .position(|k| *k == key)
            .ok_or_else(|| format!("unknown key \"{key}\""))?;
        if values[i].replace(value).is_some() {
            return Err(format!("\"{key}\" is given twice"));
        }
    }
    let mut out = [""; N];
    for (i, v) in values.iter().enumerate() {
        out[i] = v.ok_or_else(|| format!("\"{}\" is missing", keys[i]))?;
    }
    Ok(out)
}

fn number(key: &str, value: &str) -> Result<u64, String> {
    value
        .parse()
        .map_err(|_| format!("{key}={value} is not a whole number"))
}

fn switch(key: &str, value: &str) -> Result<bool, String> {
    match value {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("{key}={value} is neither on nor off")),
    }
}

impl Request {
    pub fn to_text(&self) -> String {
        format!(
            "explore goal={} seed={} budget={} fencing={} barrier={}\n{}",
            self.goal.name(),
            self.seed,
            self.budget,
            on_off(self.fencing),
            on_off(self.barrier),
            self.scenario.to_json_pretty()
        )
    }

    /// Reads a request, naming what is wrong with it.
    pub fn parse(text: &str) -> Result<Request, String> {
        let (head, file) = text.split_once('\n').unwrap_or((text, ""));
        let [goal, seed, budget, fencing, barrier] = fields(
            head,
            "explore",
            ["goal", "seed", "budget", "fencing", "barrier"],
        )?;
        let scenario = Scenario::from_json(file).map_err(|e| format!("the scenario: {e}"))?;
        Ok(Request {
            goal: Goal::parse(goal).ok_or_else(|| format!("goal={goal} is not a goal"))?,
            seed: number("seed", seed)?,
            budget: number("budget", budget)?,
            fencing: switch("fencing", fencing)?,
            barrier: switch("barrier", barrier)?,
            scenario,
        })
    }

    /// The search it asks for, ready to work.
    pub fn job(&self) -> Job {
        let settings = Settings {
            goal: self.goal,
            fencing: Some(self.fencing),
            barrier: Some(self.barrier),
            seed: self.seed,
            keep_faults: false,
        };
        Job::new(&self.scenario, settings, self.budget, &self.scenario.name)
    }
}

/// Where a search stands, as the worker tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub tried: u64,
    pub phase: Phase,
    /// While shrinking: runs spent so far and the faults the best schedule has now.
    pub shrinking: Option<(u64, usize)>,
    /// Once found: the shrunk schedule, written up as a scenario.
    pub result: Option<Scenario>,
}

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Searching => "searching",
        Phase::Shrinking => "shrinking",
        Phase::Found => "found",
        Phase::NotFound => "not-found",
    }
}

impl Update {
    /// Where `job` stands.
    pub fn of(job: &Job) -> Update {
        Update {
            tried: job.tried(),
            phase: job.phase(),
            shrinking: job.shrinking(),
            result: job.result().cloned(),
        }
    }

    pub fn to_text(&self) -> String {
        let mut text = format!("tried={} phase={}", self.tried, phase_name(self.phase));
        if let Some((runs, faults)) = self.shrinking {
            text.push_str(&format!(" runs={runs} faults={faults}"));
        }
        if let Some(file) = &self.result {
            text.push('\n');
            text.push_str(&file.to_json_pretty());
        }
        text
    }

    /// Reads what a worker said, naming what is wrong with it.
    pub fn parse(text: &str) -> Result<Update, String> {
        let (head, file) = text.split_once('\n').unwrap_or((text, ""));
        let shrinking = head.contains(" runs=");
        let (tried, phase, shrink) = if shrinking {
            let [tried, phase, runs, faults] =
                fields(head, "", ["tried", "phase", "runs", "faults"])?;
            let faults = number("faults", faults)?;
            let faults =
                usize::try_from(faults).map_err(|_| format!("faults={faults} is too many"))?;
            (tried, phase, Some((number("runs", runs)?, faults)))
        } else {
            let [tried, phase] = fields(head, "", ["tried", "phase"])?;
            (tried, phase, None)
        };
        let phase = [
            Phase::Searching,
            Phase::Shrinking,
            Phase::Found,
            Phase::NotFound,
        ]
        .into_iter()
        .find(|p| phase_name(*p) == phase)
        .ok_or_else(|| format!("phase={phase} is not a phase"))?;
        let result = match (phase, file.trim().is_empty()) {
            (Phase::Found, false) => {
                Some(Scenario::from_json(file).map_err(|e| format!("the schedule found: {e}"))?)
            }
            (Phase::Found, true) => return Err("found, but no schedule came with it".into()),
            (_, true) => None,
            (_, false) => return Err(format!("a schedule came with phase={}", phase_name(phase))),
        };
        Ok(Update {
            tried: number("tried", tried)?,
            phase,
            shrinking: shrink,
            result,
        })
    }
}

/// The worker's side: the search asked for, worked a batch of runs at a time.
#[derive(Debug)]
pub struct WorkerJob {
    job: Job,
}

impl WorkerJob {
    /// A job from the page's request text.
    pub fn start(request: &str) -> Result<WorkerJob, String> {
        Ok(WorkerJob {
            job: Request::parse(request)?.job(),
        })
    }

    /// Up to `runs` runs; true once the search is finished (found or not).
    pub fn work(&mut self, runs: u32) -> bool {
        for _ in 0..runs {
            if self.job.work() {
                return true;
            }
        }
        matches!(self.job.phase(), Phase::Found | Phase::NotFound)
    }

    /// What to tell the page.
    pub fn update(&self) -> Update {
        Update::of(&self.job)
    }
}

/// Writes `text` less its whole-line `//` comments and every line's indentation into
/// `out`, as far as `out` reaches, each line ending in a line break, and gives the length
/// of the whole: with an empty `out`, it only counts. A comment written after code on its
/// line stays, so a `//` inside a string is never taken for one.
const fn script_strip(text: &str, out: &mut [u8]) -> usize {
    let b = text.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let (start, end) = line_at(b, i);
        if !is_comment(b, start, end) {
            let mut j = start;
            while j <= end {
                if n < out.len() {
                    out[n] = if j < end { b[j] } else { b'\n' };
                }
                n += 1;
                j += 1;
            }
        }
        i = end + 1;
    }
    n
}

/// The bytes of a script less its whole-line `//` comments and every line's indentation.
pub const fn script_min_len(text: &str) -> usize {
    script_strip(text, &mut [])
}

/// `text` less its whole-line `//` comments and every line's indentation, in `N`
/// (`script_min_len(text)`) bytes: how the worker's script is carried (`WORKER_JS`).
pub const fn script_min<const N: usize>(text: &str) -> [u8; N] {
    let mut out = [0u8; N];
    script_strip(text, &mut out);
    out
}

/// The line from `i`: where its text starts after the indentation, and where it ends.
const fn line_at(b: &[u8], i: usize) -> (usize, usize) {
    let mut start = i;
    while start < b.len() && (b[start] == b' ' || b[start] == b'\t') {
        start += 1;
    }
    let mut end = start;
    while end < b.len() && b[end] != b'\n' {
        end += 1;
    }
    (start, end)
}

/// Whether the line's text (`start..end`) is empty or all comment.
const fn is_comment(b: &[u8], start: usize, end: usize) -> bool {
    start == end || (end - start >= 2 && b[start] == b'/' && b[start + 1] == b'/')
}
