//! A scenario's story told against its run: when each narration line's moment comes (its
//! time, or the first event matching its anchor), whether each claim it makes holds, and
//! whether each lesson checkpoint's answer is what the run shows. Watches events one at a
//! time, so a long run needs no trace in memory.

use crate::lesson::Checkpoint;
use crate::pattern::{Claim, Pattern};
use crate::scenario::{Anchor, Narration, Scenario};
use crate::storage::Verdict;
use crate::time::SimTime;
use crate::trace::{Event, EventKind};
use crate::world::Sim;
use serde::{Deserialize, Serialize};

/// Where each of a story's patterns first matched, as events go by.
#[derive(Clone, Debug)]
pub struct StoryWatch {
    narration: Vec<Narration>,
    checkpoints: Vec<Checkpoint>,
    patterns: Vec<Pattern>,
    first: Vec<Option<(u64, SimTime)>>,
    /// The event each pattern first matched (for the checkpoints' proofs).
    first_event: Vec<Option<Event>>,
    seen: u64,
    key_moment: Option<SimTime>,
}

impl StoryWatch {
    pub fn new(scenario: &Scenario) -> StoryWatch {
        let narration = &scenario.narration;
        let checkpoints = scenario
            .lesson
            .as_ref()
            .map(|l| l.checkpoints.clone())
            .unwrap_or_default();
        let mut patterns: Vec<Pattern> = Vec::new();
        for n in narration {
            if let Anchor::On(p) = n.anchor() {
                patterns.push(p.clone());
            }
            for c in n.claims() {
                patterns.extend(c.patterns().into_iter().cloned());
            }
        }
        for c in &checkpoints {
            patterns.extend(c.on.iter().cloned());
            patterns.extend(c.claim.patterns().into_iter().cloned());
        }
        patterns.dedup();
        StoryWatch {
            narration: narration.to_vec(),
            checkpoints,
            first: vec![None; patterns.len()],
            first_event: vec![None; patterns.len()],
            patterns,
            seen: 0,
            key_moment: None,
        }
    }

    pub fn observe(&mut self, e: &Event) {
        self.seen += 1;
        if self.key_moment.is_none() && is_notable(e) {
            self.key_moment = Some(e.t);
        }
        if self.first.iter().all(Option::is_some) {
            return;
        }
        // The event as JSON only if a pattern still waiting asks for its kind (most events
        // are of kinds no pattern names: building JSON for each was most of the cost).
        let wanted = self
            .patterns
            .iter()
            .zip(&self.first)
            .any(|(p, first)| first.is_none() && p.could_match(e));
        if !wanted {
            return;
        }
        let line = e.to_json_value();
        for ((p, first), event) in self
            .patterns
            .iter()
            .zip(self.first.iter_mut())
            .zip(self.first_event.iter_mut())
        {
            if first.is_none() && p.could_match(e) && p.matches_line(&line) {
                *first = Some((self.seen, e.t));
                *event = Some(e.clone());
            }
        }
    }

    /// The run's key moment: its first write the storage rejected, took stale or took
    /// through the fencing gap, or its first safety violation.
    pub fn key_moment(&self) -> Option<SimTime> {
        self.key_moment
    }

    fn first(&self, p: &Pattern) -> Option<(u64, SimTime)> {
        let i = self.patterns.iter().position(|q| q == p)?;
        self.first[i]
    }

    /// When each narration line is shown: its time, or when its anchor first matched
    /// (`None` while it has not).
    pub fn times(&self) -> Vec<Option<SimTime>> {
        self.narration
            .iter()
            .map(|n| match n.anchor() {
                Anchor::At(ms) => Some(SimTime::from_ms(ms)),
                Anchor::On(p) => self.first(p).map(|(_, t)| t),
            })
            .collect()
    }

    /// Every anchor that never matched and every claim the run contradicts, named by its
    /// place in the file.
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, n) in self.narration.iter().enumerate() {
            if let Anchor::On(p) = n.anchor() {
                if self.first(p).is_none() {
                    out.push(format!("narration[{i}].on: no event like {p} happened"));
                }
            }
            for (j, c) in n.claims().iter().enumerate() {
                if let Err(e) = c.judge(|p| self.first(p)) {
                    out.push(format!("narration[{i}].claims[{j}]: {e}"));
                }
            }
        }
        out
    }

    /// When each checkpoint is asked: its time, or its event less its lead (`None` while
    /// the event has not happened).
    pub fn checkpoint_times(&self) -> Vec<Option<SimTime>> {
        self.checkpoints
            .iter()
            .map(|c| match (&c.on, c.at_ms) {
                (Some(p), _) => self
                    .first(p)
                    .map(|(_, t)| SimTime(t.0.saturating_sub(c.lead_ms * 1000))),
                (None, at) => Some(SimTime::from_ms(at.unwrap_or(0))),
            })
            .collect()
    }

    /// The event that settles each checkpoint's answer in the run: the one its claim waits
    /// for (what `happens`, or the later of a `before`); none for a `never`, which only
    /// the whole run settles.
    pub fn checkpoint_proofs(&self) -> Vec<Option<Event>> {
        self.checkpoints
            .iter()
            .map(|c| {
                let p = match &c.claim {
                    Claim::Happens(p) | Claim::Before(_, p) => p,
                    Claim::Never(_) => return None,
                };
                let i = self.patterns.iter().position(|q| q == p)?;
                self.first_event[i].clone()
            })
            .collect()
    }

    /// How the lesson fares against the run, if the scenario has one.
    pub fn lesson_report(&self) -> Option<LessonReport> {
        if self.checkpoints.is_empty() {
            return None;
        }
        let mut failures = Vec::new();
        let mut verified = 0;
        for (i, c) in self.checkpoints.iter().enumerate() {
            let at = format!("lesson.checkpoints[{i}]");
            let mut ok = true;
            if let Some(p) = c.on.as_ref().filter(|p| self.first(p).is_none()) {
                failures.push(format!("{at}.on: no event like {p} happened"));
                ok = false;
            }
            if let Err(e) = c.claim.judge(|p| self.first(p)) {
                failures.push(format!(
                    "{at}.claim: {e} — so the answer \"{}\" is not what the run shows",
                    c.options.get(c.answer).map_or("", String::as_str)
                ));
                ok = false;
            }
            verified += ok as usize;
        }
        Some(LessonReport {
            checkpoints: self.checkpoints.len(),
            verified,
            failures,
        })
    }

    /// Every claim of the story, with its place, for reports.
    pub fn claims(&self) -> impl Iterator<Item = (usize, &Claim)> {
        self.narration
            .iter()
            .enumerate()
            .flat_map(|(i, n)| n.claims().iter().map(move |c| (i, c)))
    }
}

/// Runs `scenario` to its end and watches its story.
pub fn watch(scenario: &Scenario) -> StoryWatch {
    let mut w = StoryWatch::new(scenario);
    let mut sim = Sim::new(scenario);
    for e in sim.drain_events() {
        w.observe(&e);
    }
    let end = SimTime::from_ms(scenario.until_ms);
    // In slices, so only a second's events are held at a time.
    let mut t = sim.now();
    while t < end {
        t = SimTime(t.0.saturating_add(1_000_000)).min(end);
        sim.run_until(t);
        for e in sim.drain_events() {
            w.observe(&e);
        }
    }
    w
}

/// A write the storage did not simply accept, or a safety violation: what a lesson is about.
pub fn is_notable(e: &Event) -> bool {
    match &e.kind {
        EventKind::Write { verdict, .. } => *verdict != Verdict::Accepted,
        EventKind::Violation { .. } => true,
        _ => false,
    }
}

/// A lesson checked against its run: how many checkpoints, how many the run bears out,
/// and what it contradicts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonReport {
    pub checkpoints: usize,
    pub verified: usize,
    pub failures: Vec<String>,
}
