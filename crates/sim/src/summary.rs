//! What a run amounts to: the figures the CLI prints, the tests assert and the app shows,
//! and the check of a scenario's `expect` block against them.

use super::scenario::{Expect, Scenario};
use super::time::SimTime;
use super::totals::{Rejection, SupersededWrite};
use super::trace::Violation;
use super::world::Sim;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Writes {
    pub sent: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub stale_accepted: u64,
    /// Accepted through the fencing gap (see `storage`).
    pub superseded_accepted: u64,
    pub barriers: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationAt {
    pub at_ms: u64,
    pub text: String,
    #[serde(flatten)]
    pub violation: Violation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectResult {
    pub passed: bool,
    pub failures: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    pub fencing: bool,
    pub barrier: bool,
    pub until_ms: u64,
    pub max_term: u64,
    pub leader_changes: u64,
    pub writes: Writes,
    pub rejections: Vec<Rejection>,
    pub superseded: Vec<SupersededWrite>,
    pub violations: Vec<ViolationAt>,
    pub violation_count: u64,
    pub split_brain_ms: u64,
    pub dropped_messages: u64,
    /// Messages followers refused for carrying an older term.
    pub old_term_refused: u64,
    /// At the end: each follower as the leader knows it (empty without a leader), and the
    /// latest write a majority holds.
    pub followers: Vec<crate::replication::FollowerProgress>,
    pub high_water_mark: u64,
    pub events: u64,
    pub trace_hash: String,
    pub expect: ExpectResult,
    /// The lesson's checkpoints against the run, when the scenario has a lesson (filled in
    /// by the caller that watched the story: `story::watch`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<crate::story::LessonReport>,
}

impl Summary {
    pub fn of(sim: &Sim, scenario: &Scenario) -> Summary {
        let t = sim.totals();
        let c = sim.config();
        let mut s = Summary {
            scenario: scenario.name.clone(),
            title: scenario.title.clone(),
            seed: sim.seed(),
            fencing: c.fencing,
            barrier: c.barrier,
            until_ms: sim.now().as_ms(),
            max_term: t.max_term,
            leader_changes: t.leader_changes,
            writes: Writes {
                sent: t.writes_sent,
                accepted: t.accepted,
                rejected: t.rejected,
                stale_accepted: t.stale_accepted,
                superseded_accepted: t.superseded_accepted,
                barriers: t.barriers,
            },
            rejections: t.rejections.clone(),
            superseded: t.superseded.clone(),
            violations: t
                .violations
                .iter()
                .map(|(at, v)| ViolationAt {
                    at_ms: at.as_ms(),
                    text: v.describe(),
                    violation: v.clone(),
                })
                .collect(),
            violation_count: t.violation_count,
            split_brain_ms: sim.monitor().split_brain_time(sim.now()).as_ms(),
            dropped_messages: t.drops,
            old_term_refused: t.old_term_refused,
            followers: Vec::new(),
            high_water_mark: 0,
            events: t.events,
            trace_hash: sim.trace_hash().hex(),
            expect: ExpectResult {
                passed: true,
                failures: Vec::new(),
            },
            lesson: None,
        };
        if let Some(r) = crate::replication::of(sim) {
            s.followers = r.followers;
            s.high_water_mark = r.high_water_mark;
        }
        if let Some(e) = &scenario.expect {
            let failures = check_expect(e, &s, sim.monitor().split_brain_seen());
            s.expect = ExpectResult {
                passed: failures.is_empty(),
                failures,
            };
        }
        s
    }
}

/// Every way the figures miss the expectation, in words.
pub fn check_expect(e: &Expect, s: &Summary, split_brain_seen: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut exactly = |what: &str, want: Option<u64>, got: u64| {
        if let Some(w) = want.filter(|w| *w != got) {
            out.push(format!("expected {what} = {w}, got {got}"));
        }
    };
    exactly("stale_accepted", e.stale_accepted, s.writes.stale_accepted);
    exactly(
        "superseded_accepted",
        e.superseded_accepted,
        s.writes.superseded_accepted,
    );
    exactly("rejected", e.rejected, s.writes.rejected);
    exactly("violations", e.violations, s.violation_count);
    let mut at_least = |what: &str, want: Option<u64>, got: u64| {
        if let Some(w) = want.filter(|w| got < *w) {
            out.push(format!("expected {what} ≥ {w}, got {got}"));
        }
    };
    at_least(
        "stale_accepted",
        e.stale_accepted_min,
        s.writes.stale_accepted,
    );
    at_least(
        "superseded_accepted",
        e.superseded_accepted_min,
        s.writes.superseded_accepted,
    );
    at_least("rejected", e.rejected_min, s.writes.rejected);
    at_least("violations", e.violations_min, s.violation_count);
    at_least("max_term", e.max_term_min, s.max_term);
    if let Some(want) = e.split_brain.filter(|w| *w != split_brain_seen) {
        out.push(format!(
            "expected split brain {}, but it was {}",
            seen(want),
            seen(split_brain_seen)
        ));
    }
    out
}

fn seen(b: bool) -> &'static str {
    if b {
        "seen"
    } else {
        "not seen"
    }
}

/// Runs a scenario to its end and sums it up (events are not kept).
pub fn run_to_end(scenario: &Scenario) -> (Sim, Summary) {
    let mut sim = Sim::new(scenario);
    sim.discard_events();
    sim.run_until(SimTime::from_ms(scenario.until_ms));
    let summary = Summary::of(&sim, scenario);
    (sim, summary)
}
