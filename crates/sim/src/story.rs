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
    /// Each pattern's event kind, if it names one (read once: `could_match` per event
    /// looked it up in the pattern's JSON, most of the watch's cost).
    kinds: Vec<Option<String>>,
    first: Vec<Option<(u64, SimTime)>>,
    /// For each checkpoint, the event that settles its answer: the first at or after its
    /// moment matching what its claim waits for (see `checkpoint_proofs`).
    proofs: Vec<Option<Event>>,
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
            for i in 0..c.options.len() {
                patterns.extend(
                    c.option_claim(i)
                        .into_iter()
                        .flat_map(|k| k.patterns())
                        .cloned(),
                );
            }
        }
        patterns.dedup();
        StoryWatch {
            kinds: patterns
                .iter()
                .map(|p| p.kind().map(str::to_string))
                .collect(),
            narration: narration.to_vec(),
            proofs: vec![None; checkpoints.len()],
            checkpoints,
            first: vec![None; patterns.len()],
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
        self.observe_firsts(e);
        self.observe_proofs(e);
    }

    fn observe_firsts(&mut self, e: &Event) {
        if self.first.iter().all(Option::is_some) {
            return;
        }
        // The event as JSON only if a pattern still waiting asks for its kind (most events
        // are of kinds no pattern names: building JSON for each was most of the cost).
        let name = e.kind.name();
        let could = |kind: &Option<String>| kind.as_deref().is_none_or(|k| k == name);
        let wanted = self
            .kinds
            .iter()
            .zip(&self.first)
            .any(|(kind, first)| first.is_none() && could(kind));
        if !wanted {
            return;
        }
        let line = e.to_json_value();
        for ((p, kind), first) in self.patterns.iter().zip(&self.kinds).zip(&mut self.first) {
            if first.is_none() && could(kind) && p.matches_line(&line) {
                *first = Some((self.seen, e.t));
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

    /// The event that settles each checkpoint's answer in the run: the first, at or after
    /// the question's moment, matching what its claim waits for (what `happens`, or the
    /// later of a `before`); none for a `never`, which only the whole run settles.
    pub fn checkpoint_proofs(&self) -> Vec<Option<Event>> {
        self.proofs.clone()
    }

    /// Watches for each checkpoint's proof from its moment on (a checkpoint asked before
    /// its event, `lead_ms`, starts watching when the event comes).
    fn observe_proofs(&mut self, e: &Event) {
        // Only a checkpoint still waiting for an event of this kind needs its moment (a
        // `never` answer waits for none, so it must not keep this check alive all run).
        let waiting = self.checkpoints.iter().zip(&self.proofs).any(|(c, proof)| {
            proof.is_none()
                && matches!(c.answer_claim(), Some(Claim::Happens(p) | Claim::Before(_, p)) if p.could_match(e))
        });
        if !waiting {
            return;
        }
        let times = self.checkpoint_times();
        for ((c, proof), from) in self.checkpoints.iter().zip(&mut self.proofs).zip(times) {
            let waits_for = match c.answer_claim() {
                Some(Claim::Happens(p) | Claim::Before(_, p)) => p,
                _ => continue,
            };
            if proof.is_none() && from.is_some_and(|f| e.t >= f) && waits_for.matches(e) {
                *proof = Some(e.clone());
            }
        }
    }

    /// Every claim of the story, with its place, for reports.
    pub fn claims(&self) -> impl Iterator<Item = (usize, &Claim)> {
        self.narration
            .iter()
            .enumerate()
            .flat_map(|(i, n)| n.claims().iter().map(move |c| (i, c)))
    }
}

/// Runs `scenario` to its end, handing `f` each event in order.
fn replay(scenario: &Scenario, mut f: impl FnMut(&Event)) {
    let mut sim = Sim::new(scenario);
    // The story reads the events, not the trace's hash.
    sim.skip_trace_hash();
    for e in sim.drain_events() {
        f(&e);
    }
    let end = SimTime::from_ms(scenario.until_ms);
    // In slices, so only a second's events are held at a time.
    let mut t = sim.now();
    while t < end {
        t = SimTime(t.0.saturating_add(1_000_000)).min(end);
        sim.run_until(t);
        for e in sim.drain_events() {
            f(&e);
        }
    }
}

/// Runs `scenario` to its end and watches its story.
pub fn watch(scenario: &Scenario) -> StoryWatch {
    let mut w = StoryWatch::new(scenario);
    replay(scenario, |e| w.observe(e));
    w
}

/// How the scenario's lesson fares against its run, if it has one (see `LessonReport`).
/// Each option's claim is a prediction, so it is judged over the run from the moment its
/// question is asked (events at that instant included): a first run finds the moments, a
/// second judges the claims from them.
pub fn judge_lesson(scenario: &Scenario) -> Option<LessonReport> {
    let checkpoints = scenario.lesson.as_ref().map(|l| &l.checkpoints[..])?;
    if checkpoints.is_empty() {
        return None;
    }
    let times = watch(scenario).checkpoint_times();
    let mut scoped = ScopedWatch::new(checkpoints, &times);
    replay(scenario, |e| scoped.observe(e));
    Some(scoped.report(checkpoints, &times))
}

/// A pattern watched from a moment on, and where it first matched at or after it.
struct Scoped {
    from: SimTime,
    pattern: Pattern,
    first: Option<(u64, SimTime)>,
}

/// Where each option pattern first matched at or after its question's moment.
struct ScopedWatch {
    entries: Vec<Scoped>,
    seen: u64,
}

impl ScopedWatch {
    fn new(checkpoints: &[Checkpoint], times: &[Option<SimTime>]) -> ScopedWatch {
        let mut entries: Vec<Scoped> = Vec::new();
        for (c, t) in checkpoints.iter().zip(times) {
            let Some(from) = *t else { continue };
            for i in 0..c.options.len() {
                for p in c.option_claim(i).into_iter().flat_map(Claim::patterns) {
                    if !entries.iter().any(|e| e.from == from && e.pattern == *p) {
                        entries.push(Scoped {
                            from,
                            pattern: p.clone(),
                            first: None,
                        });
                    }
                }
            }
        }
        ScopedWatch { entries, seen: 0 }
    }

    fn observe(&mut self, e: &Event) {
        self.seen += 1;
        let mut line = None;
        for s in &mut self.entries {
            if s.first.is_none() && e.t >= s.from && s.pattern.could_match(e) {
                let line = line.get_or_insert_with(|| e.to_json_value());
                if s.pattern.matches_line(line) {
                    s.first = Some((self.seen, e.t));
                }
            }
        }
    }

    fn first(&self, from: SimTime, p: &Pattern) -> Option<(u64, SimTime)> {
        self.entries
            .iter()
            .find(|s| s.from == from && s.pattern == *p)
            .and_then(|s| s.first)
    }

    /// How the lesson fares against the run, if the scenario has one: for each question,
    /// whether its moment comes and what the run makes of each option's claim. A question
    /// is proven when the answer's claim holds and every other option's fails; a failed
    /// answer (a swapped answer) or a distractor that holds (an ambiguous question) is a
    /// failure, an option with no claim a warning (the question is then unproven).
    fn report(&self, checkpoints: &[Checkpoint], times: &[Option<SimTime>]) -> LessonReport {
        let mut report = LessonReport {
            checkpoints: checkpoints.len(),
            verified: 0,
            proven: 0,
            failures: Vec::new(),
            warnings: Vec::new(),
            questions: Vec::new(),
        };
        for (i, c) in checkpoints.iter().enumerate() {
            let at = format!("lesson.checkpoints[{i}]");
            let comes = times[i].is_some();
            if let (Some(p), false) = (&c.on, comes) {
                report
                    .failures
                    .push(format!("{at}.on: no event like {p} happened"));
            }
            let options: Vec<OptionReport> = c
                .options
                .iter()
                .enumerate()
                .map(|(j, o)| {
                    let verdict = times[i].and_then(|from| {
                        c.option_claim(j).map(|k| k.judge(|p| self.first(from, p)))
                    });
                    OptionReport {
                        text: o.text.clone(),
                        right: j == c.answer,
                        holds: verdict.as_ref().map(Result::is_ok),
                        why: verdict.and_then(Result::err),
                    }
                })
                .collect();
            let answer = &options[c.answer];
            let answer_place = if c.options[c.answer].claim.is_some() {
                format!("{at}.options[{}] (the answer)", c.answer)
            } else {
                format!("{at}.claim")
            };
            if comes && answer.holds == Some(false) {
                report.failures.push(format!(
                    "{answer_place}: {} — so the answer \"{}\" is not what the run shows",
                    answer.why.as_deref().unwrap_or("its claim fails"),
                    answer.text
                ));
            }
            let mut distractors_fail = true;
            for (j, o) in options.iter().enumerate().filter(|(j, _)| *j != c.answer) {
                match o.holds {
                    Some(true) => {
                        distractors_fail = false;
                        report.failures.push(format!(
                            "{at}.options[{j}]: its claim {} holds in the run too, so the wrong answer \"{}\" is also what the run shows: the question is ambiguous",
                            c.option_claim(j).map(ToString::to_string).unwrap_or_default(),
                            o.text
                        ));
                    }
                    Some(false) => {}
                    None if !comes => distractors_fail = false,
                    None => {
                        distractors_fail = false;
                        report.warnings.push(format!(
                            "{at}.options[{j}]: no claim, so nothing in the run shows \"{}\" wrong: the question is unproven",
                            o.text
                        ));
                    }
                }
            }
            let verified = comes && answer.holds == Some(true);
            report.verified += verified as usize;
            report.proven += (verified && distractors_fail) as usize;
            report.questions.push(QuestionReport {
                question: c.question.clone(),
                asked_at_ms: times[i].map(SimTime::as_ms),
                answer: c.answer,
                proven: verified && distractors_fail,
                options,
            });
        }
        report
    }
}

/// A write the storage did not simply accept, or a safety violation: what a lesson is about.
pub fn is_notable(e: &Event) -> bool {
    match &e.kind {
        EventKind::Write { verdict, .. } => *verdict != Verdict::Accepted,
        EventKind::Violation { .. } => true,
        _ => false,
    }
}

/// A lesson checked against its run: how many checkpoints, how many answers the run bears
/// out (`verified`), how many questions it proves (`proven`: the answer holds and every
/// other option fails), what it contradicts, what it cannot judge, and each question's
/// options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonReport {
    pub checkpoints: usize,
    pub verified: usize,
    pub proven: usize,
    pub failures: Vec<String>,
    pub warnings: Vec<String>,
    pub questions: Vec<QuestionReport>,
}

/// One question against the run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionReport {
    pub question: String,
    /// When it is asked in the run (`None` if its moment never comes).
    pub asked_at_ms: Option<u64>,
    pub answer: usize,
    pub proven: bool,
    pub options: Vec<OptionReport>,
}

/// One option against the run: whether its claim holds (`None`: it has none), and if it
/// fails, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionReport {
    pub text: String,
    pub right: bool,
    pub holds: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl QuestionReport {
    /// In a word: proven, contradicted (the answer fails), ambiguous (another option holds
    /// too) or unproven (an option has no claim).
    pub fn status(&self) -> &'static str {
        let answer = &self.options[self.answer];
        let others = self.options.iter().filter(|o| !o.right);
        if answer.holds != Some(true) || self.asked_at_ms.is_none() {
            "contradicted"
        } else if others.clone().any(|o| o.holds == Some(true)) {
            "ambiguous"
        } else if others.clone().any(|o| o.holds.is_none()) {
            "unproven"
        } else {
            "proven"
        }
    }
}
