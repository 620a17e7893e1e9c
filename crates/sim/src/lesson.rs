//! A scenario's lesson: prediction checkpoints. Each asks a question at a moment of the run
//! (a time, or an event, optionally a little before it), offers 2–4 answers, names the right
//! one and explains it. Each answer may carry a claim about the run (`pattern`): what the
//! trace shows if that answer is the right one. A question is *proven* when the right
//! answer's claim holds on the run and every other answer's claim fails (`story`), so a
//! question can neither mark a wrong answer right nor have two right answers.
//!
//! Older files give plain-string options and one checkpoint-level `claim` for the answer;
//! they still read, and the question is then verified (its answer holds) but unproven
//! (nothing shows the other options wrong).

use crate::pattern::{Claim, Pattern};
use crate::read::{Place, Read, Res};
use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Lesson {
    /// What the lesson showed, in a sentence or two: the end-of-lesson card shows it once
    /// the last question is put away. Optional (an addition to format version 1): without
    /// it the card shows the story's line at that moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checkpoints: Vec<Checkpoint>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    /// Asked at this virtual time…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_ms: Option<u64>,
    /// …or when the first event matching this pattern happens,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<Pattern>,
    /// …this long before it (so the student predicts what that event will be).
    #[serde(skip_serializing_if = "is_zero")]
    pub lead_ms: u64,
    pub question: String,
    pub options: Vec<Choice>,
    /// The index of the right option in `options`.
    pub answer: usize,
    /// Why, in a few sentences: shown with the reveal.
    pub explain: String,
    /// The older form of the answer's claim, for files whose options are plain strings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
}

/// One answer a checkpoint offers: its words and, for a proven question, the claim the run
/// bears out if it is the right answer. Reads from a plain string (no claim) or from
/// `{"text": …, "claim": …}`, and writes itself back the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub text: String,
    pub claim: Option<Claim>,
}

impl Choice {
    pub fn new(text: impl Into<String>, claim: Claim) -> Choice {
        Choice {
            text: text.into(),
            claim: Some(claim),
        }
    }

    /// An option with words only (an older file's form).
    pub fn plain(text: impl Into<String>) -> Choice {
        Choice {
            text: text.into(),
            claim: None,
        }
    }
}

#[derive(Serialize)]
struct ChoiceObject {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<Claim>,
}

impl Serialize for Choice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.claim {
            None => s.serialize_str(&self.text),
            Some(claim) => ChoiceObject {
                text: self.text.clone(),
                claim: Some(claim.clone()),
            }
            .serialize(s),
        }
    }
}

crate::read_struct!(ChoiceObject, "", { text: req, claim: opt });

impl Read for Choice {
    fn read(v: &Value, at: &Place) -> Res<Choice> {
        match v {
            Value::String(text) => Ok(Choice::plain(text.clone())),
            Value::Object(_) => ChoiceObject::read(v, at).map(|o| Choice {
                text: o.text,
                claim: o.claim,
            }),
            _ => Err(at.error(
                r#"an option is {"text": "…", "claim": {"happens" | "never" | "before": …}}, or (unproven) a plain string"#,
            )),
        }
    }
}

crate::read_struct!(Lesson, r#"an object such as {"checkpoints": […]}"#, {
    summary: opt, checkpoints: or_default,
});
crate::read_struct!(Checkpoint, r#"a question such as {"at_ms": 6000, "question": "…", "options": […], "answer": 0, "explain": "…"}"#, {
    at_ms: opt, on: opt, lead_ms: or_default, question: req, options: req, answer: req,
    explain: req, claim: opt,
});
crate::deserialize_by_read!(Lesson, Checkpoint, Choice);

fn is_zero(v: &u64) -> bool {
    *v == 0
}

impl Checkpoint {
    /// The claim that proves the right answer: on its option, or the checkpoint's own.
    pub fn answer_claim(&self) -> Option<&Claim> {
        self.options
            .get(self.answer)
            .and_then(|o| o.claim.as_ref())
            .or(self.claim.as_ref())
    }

    /// The claim of option `i` (the answer's from wherever it is given).
    pub fn option_claim(&self, i: usize) -> Option<&Claim> {
        if i == self.answer {
            self.answer_claim()
        } else {
            self.options.get(i).and_then(|o| o.claim.as_ref())
        }
    }

    /// The options' words.
    pub fn texts(&self) -> Vec<String> {
        self.options.iter().map(|o| o.text.clone()).collect()
    }

    /// The wrong options with no claim: nothing shows them wrong, so the question is
    /// unproven.
    pub fn unproven_options(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.option_claim(i).is_none())
            .collect()
    }

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
        if let Some(i) = self.options.iter().position(|o| o.text.trim().is_empty()) {
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
        let answer_has_one = self.options[self.answer].claim.is_some();
        match (&self.claim, answer_has_one) {
            (Some(_), true) => {
                return p(
                    "claim",
                    format!(
                        "the answer's claim is given twice (here and in options[{}]); keep the option's",
                        self.answer
                    ),
                )
            }
            (None, false) => {
                return p(
                    &format!("options[{}]", self.answer),
                    "the answer needs a claim (what the run shows if it is right): {\"text\": …, \"claim\": …}".into(),
                )
            }
            _ => {}
        }
        if let Some(m) = self.claim.as_ref().and_then(Claim::problem) {
            return p("claim", m);
        }
        self.options.iter().enumerate().find_map(|(i, o)| {
            let m = o.claim.as_ref()?.problem()?;
            Some((format!("options[{i}].claim"), m))
        })
    }
}
