//! A scenario's lesson: prediction checkpoints. Each asks a question at a moment of the run
//! (a time, or an event, optionally a little before it), offers 2–4 answers, names the right
//! one, explains it, and states the claim about the trace that proves it. The claim is
//! checked against the run (`story`), so an answer can never be one the simulation
//! contradicts.

use crate::pattern::{Claim, Pattern};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkpoints: Vec<Checkpoint>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Asked at this virtual time…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_ms: Option<u64>,
    /// …or when the first event matching this pattern happens,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<Pattern>,
    /// …this long before it (so the student predicts what that event will be).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub lead_ms: u64,
    pub question: String,
    pub options: Vec<String>,
    /// The index of the right option in `options`.
    pub answer: usize,
    /// Why, in a few sentences: shown with the reveal.
    pub explain: String,
    /// What the trace shows when the answer is right.
    pub claim: Claim,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

impl Checkpoint {
    /// The first thing wrong with this checkpoint, as (path inside it, message).
    pub fn problem(&self) -> Option<(String, String)> {
        let p = |path: &str, m: String| Some((path.to_string(), m));
        if self.question.trim().is_empty() {
            return p("question", "must not be empty".into());
        }
        if !(2..=4).contains(&self.options.len()) {
            return p(
                "options",
                format!("{} options; a checkpoint offers 2 to 4", self.options.len()),
            );
        }
        if let Some(i) = self.options.iter().position(|o| o.trim().is_empty()) {
            return p(&format!("options[{i}]"), "must not be empty".into());
        }
        if self.answer >= self.options.len() {
            return p(
                "answer",
                format!(
                    "{} is not an option's index (0–{})",
                    self.answer,
                    self.options.len() - 1
                ),
            );
        }
        if self.explain.trim().is_empty() {
            return p("explain", "must not be empty".into());
        }
        match (&self.at_ms, &self.on) {
            (Some(_), Some(_)) => return p("on", "give at_ms or on, not both".into()),
            (None, None) => return p("at_ms", "a checkpoint needs a moment: at_ms or on".into()),
            (None, Some(pattern)) => {
                if let Some(m) = pattern.problem() {
                    return p("on", m);
                }
            }
            (Some(_), None) if self.lead_ms > 0 => {
                return p(
                    "lead_ms",
                    "only with on (ask that long before the event)".into(),
                )
            }
            _ => {}
        }
        self.claim
            .patterns()
            .iter()
            .find_map(|q| q.problem())
            .map(|m| ("claim".to_string(), m))
    }
}
