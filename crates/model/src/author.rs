//! Making a lesson in the page. A teacher plays any run (a built-in scenario, an explorer
//! result, free play with their own faults), pauses, and adds there a narration line or a
//! question. For a question the page proposes claims from the run itself
//! (`proposals`): what happens from this moment on, and what does not, each judged the way
//! `fencing-lab check` judges an option (from the question's moment, `story`). The
//! teacher writes the options' words, gives each a claim and marks the right one; the
//! form says at once whether the question would be proven, and once added the whole
//! lesson is checked again by the CLI's own checker (`story::judge_lesson`).
//!
//! The lesson is saved as a scenario file (the run's scenario with the teacher's commands
//! as faults, their lines as its narration and their questions as its lesson) and as a
//! share link; opened from either, it plays like a built-in lesson.
//!
//! The page drives it with `AuthorAction`s through `Lab::apply`; the lab supplies the run
//! (`Draft::apply` gets the run's scenario and the present moment) and does what needs the
//! page (saving, copying, opening the lesson).

use crate::timeline::{Budget, TooHeavy};
use fencing_sim::lesson::{Checkpoint, Choice, Lesson};
use fencing_sim::pattern::{Claim, Pattern};
use fencing_sim::scenario::{builtin, Beat, Narration, Scenario};
use fencing_sim::story::{judge_lesson, LessonReport};
use fencing_sim::{Event, EventKind, Sim, SimTime};
use serde_json::{json, Value};
use std::rc::Rc;

/// At most this many claims are proposed for one moment.
pub const MAX_PROPOSALS: usize = 96;
/// A question offers 2 to 4 options.
pub const MAX_OPTIONS: usize = 4;

/// A claim about the run from a moment on, in words, and whether the run bears it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub words: String,
    pub claim: Claim,
    pub holds: bool,
}

/// The proposals for a moment: worked out once per moment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposals {
    pub at_ms: u64,
    pub list: Vec<Proposal>,
    /// Why there are none: the run is too heavy to work out at once (`TooHeavy`'s words).
    pub refused: Option<String>,
}

/// One option of the question being written: its words and the proposal it claims.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OptionForm {
    pub text: String,
    /// An index into the proposals.
    pub claim: Option<usize>,
}

/// The question being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionForm {
    pub question: String,
    pub options: Vec<OptionForm>,
    pub answer: Option<usize>,
    pub explain: String,
}

impl Default for QuestionForm {
    fn default() -> Self {
        QuestionForm {
            question: String::new(),
            options: vec![OptionForm::default(); 3],
            answer: None,
            explain: String::new(),
        }
    }
}

/// The form's question against the run, before it is added: what the checker will say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormVerdict {
    /// Something is missing; the words say what.
    Incomplete(String),
    Proven,
    /// The right answer's claim fails.
    Contradicted(String),
    /// A wrong option's claim holds too.
    Ambiguous(String),
}

impl FormVerdict {
    pub fn words(&self) -> String {
        match self {
            FormVerdict::Incomplete(w) => format!("Not ready: {w}."),
            FormVerdict::Proven => {
                "Proven: the right answer's claim holds and every other option's fails.".into()
            }
            FormVerdict::Contradicted(w) | FormVerdict::Ambiguous(w) => w.clone(),
        }
    }
}

/// What the page asks of the authoring panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthorAction {
    /// Open the panel (pauses the run) or close it (the draft stays).
    Open(bool),
    SetTitle(String),
    SetLine(String),
    /// Add the line being written at the present moment.
    AddLine,
    RemoveLine(usize),
    SetQuestion(String),
    SetExplain(String),
    SetOptionText(usize, String),
    SetOptionClaim(usize, Option<usize>),
    SetAnswer(usize),
    AddOption,
    RemoveOption(usize),
    /// Add the question being written at the present moment.
    AddQuestion,
    RemoveQuestion(usize),
    /// Save the lesson as a scenario file.
    Save,
    /// Make the lesson's link.
    MakeShareLink,
    /// Open the lesson in the lab, to play it as a student would.
    Play,
    /// Start again with an empty lesson.
    Clear,
}

/// The lesson being made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub open: bool,
    pub title: String,
    /// The narration line being written.
    pub line: String,
    pub lines: Vec<(u64, String)>,
    pub questions: Vec<Checkpoint>,
    pub form: QuestionForm,
    pub proposals: Rc<Proposals>,
    /// The whole lesson against its run, by the CLI's checker (after each change).
    pub report: Option<LessonReport>,
    /// Why the last change was refused, naming the field.
    pub error: Option<String>,
}

/// What a change to the draft asks the lab to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    Nothing,
    Save(Box<Scenario>),
    Link(Box<Scenario>),
    Play(Box<Scenario>),
}

impl Draft {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.questions.is_empty()
    }

    /// The words of the claim option `i` of the form makes.
    pub fn option_claim(&self, i: usize) -> Option<&Proposal> {
        let p = self.form.options.get(i)?.claim?;
        self.proposals.list.get(p)
    }

    /// Applies `a` to the draft, for a run whose scenario is `run` (with the person's
    /// commands as faults) at `now`.
    pub fn apply(&mut self, a: AuthorAction, run: &Scenario, now: SimTime) -> Then {
        self.error = None;
        let now_ms = now.as_ms();
        match a {
            AuthorAction::Open(open) => {
                self.open = open;
                if open {
                    if self.title.trim().is_empty() {
                        self.title = format!("My lesson: {}", run.title);
                    }
                    self.refresh(run, now_ms);
                }
            }
            AuthorAction::SetTitle(t) => self.title = t,
            AuthorAction::SetLine(t) => self.line = t,
            AuthorAction::AddLine => {
                if self.line.trim().is_empty() {
                    self.error = Some("the narration line is empty: write it first".into());
                } else if let Some(e) = past_the_end(run, now_ms) {
                    self.error = Some(e);
                } else {
                    let text = std::mem::take(&mut self.line).trim().to_string();
                    let at = self.lines.partition_point(|(t, _)| *t <= now_ms);
                    self.lines.insert(at, (now_ms, text));
                }
            }
            AuthorAction::RemoveLine(i) => {
                if i < self.lines.len() {
                    self.lines.remove(i);
                }
            }
            AuthorAction::SetQuestion(t) => self.form.question = t,
            AuthorAction::SetExplain(t) => self.form.explain = t,
            AuthorAction::SetOptionText(i, t) => {
                if let Some(o) = self.form.options.get_mut(i) {
                    o.text = t;
                }
            }
            AuthorAction::SetOptionClaim(i, p) => {
                // `p` indexes the list on screen, made for the present moment (`sync`).
                let p = p.filter(|p| *p < self.proposals.list.len());
                if let Some(o) = self.form.options.get_mut(i) {
                    o.claim = p;
                }
            }
            AuthorAction::SetAnswer(i) => {
                if i < self.form.options.len() {
                    self.form.answer = Some(i);
                }
            }
            AuthorAction::AddOption => {
                if self.form.options.len() < MAX_OPTIONS {
                    self.form.options.push(OptionForm::default());
                }
            }
            AuthorAction::RemoveOption(i) => {
                if self.form.options.len() > 2 && i < self.form.options.len() {
                    self.form.options.remove(i);
                    self.form.answer = match self.form.answer {
                        Some(a) if a == i => None,
                        Some(a) if a > i => Some(a - 1),
                        other => other,
                    };
                }
            }
            AuthorAction::AddQuestion => {
                self.refresh(run, now_ms);
                match self.checkpoint(run, now_ms) {
                    Ok(c) => {
                        let at = self
                            .questions
                            .partition_point(|q| q.at_ms.unwrap_or(0) <= now_ms);
                        self.questions.insert(at, c);
                        self.form = QuestionForm::default();
                        self.check(run);
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            AuthorAction::RemoveQuestion(i) => {
                if i < self.questions.len() {
                    self.questions.remove(i);
                    self.check(run);
                }
            }
            AuthorAction::Clear => {
                *self = Draft {
                    open: self.open,
                    title: self.title.clone(),
                    proposals: self.proposals.clone(),
                    ..Draft::default()
                };
            }
            AuthorAction::Save | AuthorAction::MakeShareLink | AuthorAction::Play => {
                if self.is_empty() {
                    self.error =
                        Some("the lesson is empty: add a narration line or a question".into());
                    return Then::Nothing;
                }
                let s = Box::new(self.scenario(run));
                if let Err(e) = s.validate() {
                    self.error = Some(format!("the lesson is not valid: {e}"));
                    return Then::Nothing;
                }
                return match a {
                    AuthorAction::Save => Then::Save(s),
                    AuthorAction::MakeShareLink => Then::Link(s),
                    _ => Then::Play(s),
                };
            }
        }
        Then::Nothing
    }

    /// The proposals for the present moment, worked out again if the run is paused at
    /// another one (the lab calls it whenever the panel is open and the run paused).
    pub fn sync(&mut self, run: &Scenario, now: SimTime) {
        self.refresh(run, now.as_ms());
    }

    /// The proposals for `at_ms`, worked out again if the moment moved; the form's picks
    /// follow their claims into the new list.
    fn refresh(&mut self, run: &Scenario, at_ms: u64) {
        let refused = self.proposals.refused.is_some();
        if self.proposals.at_ms != at_ms || (self.proposals.list.is_empty() && !refused) {
            let (list, refused) = match proposals(&bare(run), SimTime::from_ms(at_ms)) {
                Ok(list) => (list, None),
                Err(heavy) => (
                    Vec::new(),
                    Some(format!("no claims can be offered about this run: {heavy}")),
                ),
            };
            // The form's picks pointed into the old list: find each claim again.
            let old = std::mem::take(&mut Rc::make_mut(&mut self.proposals).list);
            for o in &mut self.form.options {
                o.claim = o
                    .claim
                    .and_then(|i| old.get(i))
                    .and_then(|p| list.iter().position(|q| q.claim == p.claim));
            }
            self.proposals = Rc::new(Proposals {
                at_ms,
                list,
                refused,
            });
        }
    }

    /// The form's question against the run, as the checker will see it.
    pub fn verdict(&self) -> FormVerdict {
        match self.form_problem() {
            Some(p) => FormVerdict::Incomplete(p),
            None => {
                let answer = self.form.answer.unwrap_or(0);
                let claims: Vec<&Proposal> = (0..self.form.options.len())
                    .filter_map(|i| self.option_claim(i))
                    .collect();
                if !claims[answer].holds {
                    FormVerdict::Contradicted(format!(
                        "Contradicted: the right answer (option {}) claims “{}”, and the run does not show that.",
                        answer + 1,
                        claims[answer].words
                    ))
                } else if let Some(i) = (0..claims.len()).find(|i| *i != answer && claims[*i].holds)
                {
                    FormVerdict::Ambiguous(format!(
                        "Ambiguous: option {} claims “{}”, and that holds in the run too. Give it a claim the run refutes.",
                        i + 1,
                        claims[i].words
                    ))
                } else {
                    FormVerdict::Proven
                }
            }
        }
    }

    /// What the form still lacks, naming the field.
    fn form_problem(&self) -> Option<String> {
        if let Some(why) = &self.proposals.refused {
            return Some(why.clone());
        }
        let f = &self.form;
        if f.question.trim().is_empty() {
            return Some("the question has no words".into());
        }
        for (i, o) in f.options.iter().enumerate() {
            if o.text.trim().is_empty() {
                return Some(format!("option {} has no words", i + 1));
            }
            if o.claim.is_none_or(|p| p >= self.proposals.list.len()) {
                return Some(format!(
                    "option {} has no claim: pick what the run shows if it is right",
                    i + 1
                ));
            }
        }
        if f.answer.is_none_or(|a| a >= f.options.len()) {
            return Some("no option is marked as the right answer".into());
        }
        if f.explain.trim().is_empty() {
            return Some("the explanation is empty: say why the answer is right".into());
        }
        None
    }

    /// The form as a checkpoint at `at_ms`, or what it lacks.
    fn checkpoint(&self, run: &Scenario, at_ms: u64) -> Result<Checkpoint, String> {
        if let Some(e) = past_the_end(run, at_ms) {
            return Err(e);
        }
        if let Some(p) = self.form_problem() {
            return Err(format!("the question is not ready: {p}"));
        }
        let f = &self.form;
        Ok(Checkpoint {
            at_ms: Some(at_ms),
            on: None,
            lead_ms: 0,
            question: f.question.trim().to_string(),
            options: f
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let p = self.option_claim(i).expect("checked above");
                    Choice::new(o.text.trim(), p.claim.clone())
                })
                .collect(),
            answer: f.answer.unwrap_or(0),
            explain: f.explain.trim().to_string(),
            claim: None,
        })
    }

    /// The whole lesson checked against its run by the CLI's checker.
    fn check(&mut self, run: &Scenario) {
        // A run too heavy to offer claims about is too heavy to check at once as well.
        self.report = if self.questions.is_empty() || self.proposals.refused.is_some() {
            None
        } else {
            judge_lesson(&self.scenario(run))
        };
    }

    /// The lesson as a scenario file: the run (its faults and the person's commands), the
    /// teacher's lines as its narration and their questions as its lesson.
    pub fn scenario(&self, run: &Scenario) -> Scenario {
        let mut s = bare(run);
        let title = self.title.trim();
        s.title = if title.is_empty() {
            format!("My lesson: {}", run.title)
        } else {
            title.to_string()
        };
        s.name = lesson_name(&s.title);
        s.narration = self
            .lines
            .iter()
            .map(|(at, text)| {
                Narration::Beat(Beat {
                    at_ms: Some(*at),
                    on: None,
                    text: text.clone(),
                    claims: Vec::new(),
                })
            })
            .collect();
        s.lesson = (!self.questions.is_empty()).then(|| Lesson {
            summary: None,
            checkpoints: self.questions.clone(),
        });
        s
    }
}

/// The run without the story and lesson it was written with, nor its expectations.
fn bare(run: &Scenario) -> Scenario {
    let mut s = run.clone();
    s.narration.clear();
    s.lesson = None;
    s.expect = None;
    s
}

fn past_the_end(run: &Scenario, at_ms: u64) -> Option<String> {
    (at_ms >= run.until_ms).then(|| {
        format!(
            "the run ends at {} s, and this moment ({} s) is not before it: go back to where the line or question belongs",
            fencing_sim::num::trimmed(run.until_ms as f64 / 1000.0, 3),
            fencing_sim::num::trimmed(at_ms as f64 / 1000.0, 3)
        )
    })
}

/// A file name for a lesson titled `title`: its words in lower case joined by dashes, and
/// never a built-in scenario's name (that would open the built-in instead).
pub fn lesson_name(title: &str) -> String {
    let mut name = String::new();
    for w in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !name.is_empty() {
            name.push('-');
        }
        name.push_str(&w.to_ascii_lowercase());
        if name.len() > 48 {
            break;
        }
    }
    if name.is_empty() {
        name = "my-lesson".into();
    }
    if builtin(&name).is_some() {
        name.push_str("-lesson");
    }
    name
}

fn pattern(v: Value) -> Pattern {
    match v {
        Value::Object(m) => Pattern(m),
        _ => unreachable!("patterns are made from objects"),
    }
}

/// A thing that may happen in a run, with the pattern that finds it and its words as a
/// clause ("term 34 is granted").
#[derive(Clone, Debug, PartialEq)]
struct Fact {
    words: String,
    pattern: Pattern,
}

fn fact(words: impl Into<String>, v: Value) -> Fact {
    Fact {
        words: words.into(),
        pattern: pattern(v),
    }
}

/// What an event is, as a fact worth claiming (most events are not).
fn fact_of(e: &Event) -> Option<Fact> {
    use fencing_sim::node::Note;
    Some(match &e.kind {
        EventKind::Grant { node, term, .. } => fact(
            format!("term {term} is granted (to {node})"),
            json!({"kind": "grant", "term": term.0}),
        ),
        EventKind::Expiry { term, .. } => fact(
            format!("the lease store expires term {term}"),
            json!({"kind": "expiry", "term": term.0}),
        ),
        EventKind::Write {
            node,
            token,
            verdict,
            ..
        } => {
            let (name, words) = verdict_words(verdict);
            fact(
                format!("{node}'s write with token {token} {words}"),
                json!({"kind": "write", "node": node.0, "token": token.0, "verdict": {"verdict": name}}),
            )
        }
        EventKind::Paused { node, .. } => fact(
            format!("{node} freezes"),
            json!({"kind": "paused", "node": node.0}),
        ),
        EventKind::Resumed { node, .. } => fact(
            format!("{node} wakes up"),
            json!({"kind": "resumed", "node": node.0}),
        ),
        EventKind::Crashed { node } => fact(
            format!("{node} crashes"),
            json!({"kind": "crashed", "node": node.0}),
        ),
        EventKind::Restarted { node, .. } => fact(
            format!("{node} restarts"),
            json!({"kind": "restarted", "node": node.0}),
        ),
        EventKind::SplitBrain { .. } => fact(
            "two nodes believe they lead (split brain)",
            json!({"kind": "split_brain"}),
        ),
        EventKind::Violation { violation } => {
            let v = fencing_sim::read::parse(&fencing_sim::json_out::json_text(violation)).ok()?;
            let name = v.get("violation")?.as_str()?.to_string();
            fact(
                format!("the monitor counts a violation: {}", violation_words(&name)),
                json!({"kind": "violation", "violation": {"violation": name}}),
            )
        }
        EventKind::Node { node, note } => match note {
            Note::Leader { term, .. } => fact(
                format!("{node} becomes leader in term {term}"),
                json!({"kind": "node", "node": node.0, "note": {"note": "leader", "term": term.0}}),
            ),
            Note::StepDown { term, .. } => fact(
                format!("{node} steps down from term {term}"),
                json!({"kind": "node", "node": node.0, "note": {"note": "step_down", "term": term.0}}),
            ),
            Note::OldTermRefused { from, term, .. } => fact(
                format!("a node refuses {from}'s message of the old term {term}"),
                json!({"kind": "node", "note": {"note": "old_term_refused", "from": from.0, "term": term.0}}),
            ),
            Note::WriteSent { token, .. } => fact(
                format!("{node} sends a write with token {token}"),
                json!({"kind": "node", "node": node.0, "note": {"note": "write_sent", "token": token.0}}),
            ),
            _ => return None,
        },
        _ => return None,
    })
}

fn verdict_words(v: &fencing_sim::storage::Verdict) -> (&'static str, String) {
    use fencing_sim::storage::Verdict;
    match v {
        Verdict::Accepted => ("accepted", "is accepted".into()),
        Verdict::Rejected { highest } => (
            "rejected",
            format!("is rejected (the storage has seen {highest})"),
        ),
        Verdict::StaleAccepted { highest } => (
            "stale_accepted",
            format!("is taken although the storage has seen {highest} (corruption)"),
        ),
        Verdict::Superseded { granted } => (
            "superseded",
            format!("gets through the fencing gap (term {granted} already granted)"),
        ),
    }
}

fn violation_words(name: &str) -> &'static str {
    match name {
        "lease_overlap" => "two leases valid at once (lease overlap)",
        "stale_write" => "a stale write taken (corruption)",
        "storage_order" => "the storage took a lower token",
        "term_reused" => "a term granted twice",
        "term_went_back" => "a node's term went back",
        _ => "a safety violation",
    }
}

/// Facts worth offering whether or not they happen: general outcomes, and for each write
/// seen, the verdicts it did not get.
fn general_facts(seen: &[Fact], highest_term: u64) -> Vec<Fact> {
    let mut out = vec![
        fact(
            "a write is taken although stale (corruption)",
            json!({"kind": "write", "verdict": {"verdict": "stale_accepted"}}),
        ),
        fact(
            "a write is rejected by fencing",
            json!({"kind": "write", "verdict": {"verdict": "rejected"}}),
        ),
        fact(
            "a write gets through the fencing gap",
            json!({"kind": "write", "verdict": {"verdict": "superseded"}}),
        ),
        fact(
            "the monitor counts a safety violation",
            json!({"kind": "violation"}),
        ),
        fact(
            "two leases are valid at once (lease overlap)",
            json!({"kind": "violation", "violation": {"violation": "lease_overlap"}}),
        ),
        fact(
            "two nodes believe they lead (split brain)",
            json!({"kind": "split_brain"}),
        ),
        fact("a new term is granted", json!({"kind": "grant"})),
        fact(
            format!("term {} is granted", highest_term + 1),
            json!({"kind": "grant", "term": highest_term + 1}),
        ),
    ];
    // Each write (node and token) with the verdicts it did not get.
    for f in seen {
        let p = &f.pattern.0;
        if p.get("kind") != Some(&json!("write")) {
            continue;
        }
        let (node, token) = (&p["node"], &p["token"]);
        let (node_text, token_text) = (
            fencing_sim::json_out::json_text(node),
            fencing_sim::json_out::json_text(token),
        );
        for (name, words) in [
            ("accepted", "is accepted"),
            ("rejected", "is rejected"),
            ("stale_accepted", "is taken although stale (corruption)"),
            ("superseded", "gets through the fencing gap"),
        ] {
            // The node's and token's values put in, not through `json!`, which would
            // serialise them anew (a serialiser into values the page need not carry).
            let mut pattern = json!({"kind": "write", "verdict": {"verdict": name}});
            pattern["node"] = node.clone();
            pattern["token"] = token.clone();
            out.push(fact(
                format!("n{node_text}'s write with token {token_text} {words}"),
                pattern,
            ));
        }
    }
    out
}

/// Claims about `scenario`'s run from `at` on, each judged as `fencing-lab check` judges an
/// option asked at `at`: what happens (and, negated, what does not), a few orders of
/// events, and outcomes that never come. True ones first, in the order they happen.
///
/// Work done at once, on `timeline::Budget::replay`: `TooHeavy` past it.
pub fn proposals(scenario: &Scenario, at: SimTime) -> Result<Vec<Proposal>, TooHeavy> {
    // The run's events from `at` on, only those a fact is made of (enough to judge every
    // claim made of them: the first matches keep their order).
    let mut sim = Sim::new(scenario);
    let mut events: Vec<Event> = Vec::new();
    let mut highest_term = 0;
    let end = SimTime::from_ms(scenario.until_ms);
    let mut keep = |batch: Vec<Event>, events: &mut Vec<Event>| {
        for e in batch {
            if let EventKind::Grant { term, .. } = &e.kind {
                highest_term = highest_term.max(term.0);
            }
            if e.t >= at && fact_of(&e).is_some() {
                events.push(e);
            }
        }
    };
    keep(sim.drain_events(), &mut events);
    let mut budget = Budget::replay();
    while sim.now() < end {
        let next = SimTime(sim.now().0.saturating_add(1_000_000)).min(end);
        let reached = budget.run(&mut sim, next);
        keep(sim.drain_events(), &mut events);
        reached.map_err(|_| TooHeavy { until: end })?;
    }
    // The facts that happen, in order, each once.
    let mut seen: Vec<Fact> = Vec::new();
    for e in &events {
        if let Some(f) = fact_of(e) {
            if !seen.iter().any(|s| s.pattern == f.pattern) {
                seen.push(f);
            }
        }
    }
    let mut out: Vec<Proposal> = Vec::new();
    let push = |words: String, claim: Claim, out: &mut Vec<Proposal>| {
        if !out.iter().any(|p| p.claim == claim) {
            let holds = claim.check(&events).is_ok();
            out.push(Proposal {
                words,
                claim,
                holds,
            });
        }
    };
    for f in &seen {
        push(f.words.clone(), Claim::Happens(f.pattern.clone()), &mut out);
    }
    // The order of the key moments: each with the next (true), and reversed (false).
    let milestones: Vec<&Fact> = seen
        .iter()
        .filter(|f| {
            matches!(
                f.pattern.kind(),
                Some("grant" | "expiry" | "resumed" | "paused" | "crashed" | "restarted" | "write")
            ) || f.pattern.0.get("note").and_then(|n| n.get("note")) == Some(&json!("step_down"))
        })
        .take(10)
        .collect();
    // Each pair of the first few key moments, in the order they come (true) and reversed
    // (false): "term 34 is granted before n4 wakes up".
    let firsts = &milestones[..milestones.len().min(6)];
    let pairs = firsts
        .iter()
        .enumerate()
        .flat_map(|(i, a)| firsts[i + 1..].iter().map(move |b| (*a, *b)));
    for (a, b) in pairs {
        push(
            format!("{} before {}", a.words, b.words),
            Claim::Before(a.pattern.clone(), b.pattern.clone()),
            &mut out,
        );
        push(
            format!("{} before {}", b.words, a.words),
            Claim::Before(b.pattern.clone(), a.pattern.clone()),
            &mut out,
        );
    }
    for f in general_facts(&seen, highest_term) {
        push(f.words.clone(), Claim::Happens(f.pattern.clone()), &mut out);
        push(
            format!("never: {}", f.words),
            Claim::Never(f.pattern.clone()),
            &mut out,
        );
    }
    for f in &seen {
        push(
            format!("never: {}", f.words),
            Claim::Never(f.pattern.clone()),
            &mut out,
        );
    }
    // True ones first (in the order found), then false ones.
    let (mut yes, no): (Vec<Proposal>, Vec<Proposal>) = out.into_iter().partition(|p| p.holds);
    yes.truncate(MAX_PROPOSALS / 2);
    let room = MAX_PROPOSALS - yes.len();
    yes.extend(no.into_iter().take(room));
    Ok(yes)
}
