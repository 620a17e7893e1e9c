//! Predict, then reveal. While a run follows its script, each of the lesson's checkpoints
//! stops the run at its moment and asks; the student picks an answer (click or keys 1–4);
//! the page reveals whether it was right and why, and plays on. The moments come from the
//! reference run of the scenario as written (`story`), like the narration's; once the run
//! departs from its script the checkpoints are not asked, since their answers are about
//! the scripted run.

use fencing_sim::lesson::Checkpoint;
use fencing_sim::storage::WriteRecord;
use fencing_sim::{Event, EventKind, SimTime};
use std::rc::Rc;

/// How to answer a question, or pass it, under its options: by number key or click, or,
/// where the page is worked by a finger, by a tap (a phone has no number keys to press).
pub fn answer_hint(options: usize, finger: bool) -> String {
    if finger {
        "Tap your answer. Play, tapped twice, skips it.".into()
    } else {
        format!("Answer with 1–{options} or a click. Space or Play, pressed twice, skips it.")
    }
}

/// The second half of the warning after a first press of Space or Play on an open question.
pub fn skip_words(options: usize, finger: bool) -> String {
    if finger {
        "Tap Play again to skip it: it counts as skipped, not wrong. Or tap your answer.".into()
    } else {
        format!(
            "Press Space or Play again to skip it: it counts as skipped, not wrong. Or answer with 1–{options}."
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quiz {
    /// The checkpoints with the moment each is asked, in order of that moment.
    checkpoints: Rc<Vec<(SimTime, Checkpoint)>>,
    /// For each, the event of the scripted run that settles its answer (see `Proof`).
    proofs: Rc<Vec<Option<Event>>>,
    /// The answer picked for each (by position in `checkpoints`), once asked.
    answers: Vec<Option<usize>>,
    asked: Vec<bool>,
    /// Revealed by a teacher without an answer.
    shown: Vec<bool>,
    /// The checkpoint on screen, if any.
    open: Option<usize>,
    /// Questions are asked (on by default; a teacher presenting may switch them off).
    off: bool,
    /// The end-of-lesson summary was put away.
    summary_closed: bool,
    /// Space or Play was pressed once on the question waiting for its answer: the card
    /// says that pressing again skips it (a second press does).
    skip_warned: bool,
}

/// How a lesson's questions went, for its end: each asked question was answered right or
/// wrong, revealed by a teacher without an answer, or skipped (never counted as wrong).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    pub right: usize,
    pub wrong: usize,
    /// Revealed without an answer (a teacher's V).
    pub shown: usize,
    /// Closed, played past or jumped past without an answer or a reveal.
    pub skipped: usize,
}

impl Tally {
    pub fn answered(&self) -> usize {
        self.right + self.wrong
    }
}

/// What the question card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionView {
    /// 1-based, of `total`.
    pub number: usize,
    pub total: usize,
    pub at: SimTime,
    pub question: String,
    pub options: Vec<String>,
    /// `Some` once answered: the pick, the right answer and why.
    pub reveal: Option<Reveal>,
    /// Space or Play was pressed once while it waits for its answer: pressing again skips
    /// it, and the card says so.
    pub skip_warned: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reveal {
    /// The student's pick; `None` when a teacher revealed the answer without one.
    pub chosen: Option<usize>,
    pub answer: usize,
    pub explain: String,
    /// What in the run settles it; `None` for a claim that something never happens.
    pub proof: Option<Proof>,
    /// A later question asked before that moment comes (its number, 1-based, and time):
    /// playing on stops there first.
    pub first: Option<(usize, SimTime)>,
}

/// The moment that settles an answer: the run plays on to it after the reveal and stops
/// there, with the storage row (for a write) marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proof {
    pub at: SimTime,
    /// The event, in words.
    pub text: String,
    /// The write to mark in the storage table, if the proof is a write.
    pub write: Option<(SimTime, fencing_sim::NodeId, fencing_sim::Token)>,
}

impl Proof {
    fn of(e: &Event) -> Proof {
        Proof {
            at: e.t,
            text: crate::describe::event_text(e),
            write: match &e.kind {
                EventKind::Write { node, token, .. } => Some((e.t, *node, *token)),
                _ => None,
            },
        }
    }

    /// Whether `r` is the write this proof is about.
    pub fn is(&self, r: &WriteRecord) -> bool {
        self.write == Some((r.at, r.node, r.token))
    }
}

impl Reveal {
    pub fn right(&self) -> bool {
        self.chosen == Some(self.answer)
    }
}

impl Quiz {
    pub fn new(checkpoints: Vec<(SimTime, Checkpoint)>) -> Quiz {
        let n = checkpoints.len();
        Quiz {
            checkpoints: Rc::new(checkpoints),
            proofs: Rc::new(vec![None; n]),
            answers: vec![None; n],
            asked: vec![false; n],
            shown: vec![false; n],
            open: None,
            off: false,
            summary_closed: false,
            skip_warned: false,
        }
    }

    /// The last question has been asked (answered, revealed or skipped): the lesson has
    /// come to its end, whatever was skipped on the way.
    pub fn finished(&self) -> bool {
        self.asked.last().copied().unwrap_or(false)
    }

    /// The end-of-lesson summary is put away (or brought back by asking again).
    pub fn close_summary(&mut self) {
        self.summary_closed = true;
    }
    pub fn summary_closed(&self) -> bool {
        self.summary_closed
    }

    /// The question on screen, revealed (answered or shown): its card waits for the
    /// student to move on.
    pub fn revealed(&self) -> bool {
        self.open.is_some() && !self.asking()
    }

    /// With the event settling each checkpoint (in the order of the checkpoints).
    pub fn with_proofs(mut self, mut proofs: Vec<Option<Event>>) -> Quiz {
        proofs.resize(self.len(), None);
        self.proofs = Rc::new(proofs);
        self
    }

    /// What settles checkpoint `i`, if an event does.
    pub fn proof(&self, i: usize) -> Option<Proof> {
        self.proofs.get(i)?.as_ref().map(Proof::of)
    }

    pub fn on(&self) -> bool {
        !self.off
    }

    /// Questions on or off (off also takes a card off the screen).
    pub fn set_on(&mut self, on: bool) {
        self.off = !on;
        if !on {
            self.open = None;
        }
    }

    pub fn len(&self) -> usize {
        self.checkpoints.len()
    }
    pub fn is_empty(&self) -> bool {
        self.checkpoints.is_empty()
    }

    /// The first checkpoint not yet asked whose moment lies in `(from, to]`: where a run
    /// advancing from `from` to `to` must stop to ask it.
    pub fn next_stop(&self, from: SimTime, to: SimTime) -> Option<(usize, SimTime)> {
        if self.off {
            return None;
        }
        self.checkpoints
            .iter()
            .enumerate()
            .find(|(i, (t, _))| !self.asked[*i] && *t > from && *t <= to)
            .map(|(i, (t, _))| (i, *t))
    }

    /// Puts checkpoint `i` on screen, asking.
    pub fn ask(&mut self, i: usize) {
        if i < self.len() {
            self.summary_closed = false;
            self.skip_warned = false;
            self.asked[i] = true;
            self.open = Some(i);
        }
    }

    /// Asks checkpoint `i` afresh (a teacher stepping through the lesson): any earlier
    /// answer to it is forgotten.
    pub fn ask_again(&mut self, i: usize) {
        if i < self.len() {
            self.answers[i] = None;
            self.shown[i] = false;
            self.ask(i);
        }
    }

    /// The moment of checkpoint `i`.
    pub fn moment(&self, i: usize) -> Option<SimTime> {
        self.checkpoints.get(i).map(|(t, _)| *t)
    }

    /// The checkpoint on screen, if any.
    pub fn open_index(&self) -> Option<usize> {
        self.open
    }

    /// Shows the answer of the question on screen without an answer (a teacher's reveal);
    /// true if one was waiting.
    pub fn reveal(&mut self) -> bool {
        match self
            .open
            .filter(|i| self.answers[*i].is_none() && !self.shown[*i])
        {
            Some(i) => {
                self.shown[i] = true;
                true
            }
            None => false,
        }
    }

    /// Whether a question is on screen (asking or revealed).
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Whether a question is on screen waiting for an answer.
    pub fn asking(&self) -> bool {
        self.open
            .is_some_and(|i| self.answers[i].is_none() && !self.shown[i])
    }

    /// Records the pick for the open question; `Some(right)` if one was waiting.
    pub fn answer(&mut self, choice: usize) -> Option<bool> {
        let i = self
            .open
            .filter(|i| self.answers[*i].is_none() && !self.shown[*i])?;
        let c = &self.checkpoints[i].1;
        if choice >= c.options.len() {
            return None;
        }
        self.answers[i] = Some(choice);
        Some(choice == c.answer)
    }

    /// The right option of the question on screen.
    pub fn right_answer(&self) -> Option<usize> {
        self.open.map(|i| self.checkpoints[i].1.answer)
    }

    /// Takes the card off the screen (a question left unanswered is skipped).
    pub fn close(&mut self) {
        self.open = None;
        self.skip_warned = false;
    }

    /// Space or Play on the question waiting for its answer: the first press only warns
    /// (false: the question stays, and the card says a second press skips it); the
    /// second confirms (true: the caller skips it). False with no question waiting.
    pub fn confirm_skip(&mut self) -> bool {
        if !self.asking() {
            return false;
        }
        if self.skip_warned {
            return true;
        }
        self.skip_warned = true;
        false
    }

    /// Whether a first press of Space or Play has warned that a second one skips.
    pub fn skip_warned(&self) -> bool {
        self.skip_warned && self.asking()
    }

    /// How the questions asked so far went: right, wrong, revealed without an answer, or
    /// skipped. A question not yet asked counts in `total` only.
    pub fn tally(&self) -> Tally {
        let mut t = Tally {
            total: self.len(),
            ..Tally::default()
        };
        for (i, (_, c)) in self.checkpoints.iter().enumerate() {
            match self.answers[i] {
                Some(a) if a == c.answer => t.right += 1,
                Some(_) => t.wrong += 1,
                None if self.shown[i] => t.shown += 1,
                None if self.asked[i] && self.open != Some(i) => t.skipped += 1,
                None => {}
            }
        }
        t
    }

    /// How many were answered, and how many of those rightly.
    pub fn score(&self) -> (usize, usize) {
        let answered: Vec<(usize, usize)> = self
            .answers
            .iter()
            .zip(self.checkpoints.iter())
            .filter_map(|(a, (_, c))| a.map(|a| (a, c.answer)))
            .collect();
        (
            answered.len(),
            answered.iter().filter(|(a, b)| a == b).count(),
        )
    }

    pub fn view(&self) -> Option<QuestionView> {
        let i = self.open?;
        let (at, c) = &self.checkpoints[i];
        Some(QuestionView {
            number: i + 1,
            total: self.len(),
            at: *at,
            question: c.question.clone(),
            options: c.texts(),
            skip_warned: self.skip_warned(),
            reveal: (self.answers[i].is_some() || self.shown[i]).then(|| Reveal {
                chosen: self.answers[i],
                answer: c.answer,
                explain: c.explain.clone(),
                proof: self.proof(i),
                first: self.proof(i).and_then(|p| {
                    (i + 1..self.len())
                        .find(|j| self.checkpoints[*j].0 < p.at)
                        .map(|j| (j + 1, self.checkpoints[j].0))
                }),
            }),
        })
    }
}
