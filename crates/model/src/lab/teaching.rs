//! The teaching part of the lab: the scenario as written and its story, the lesson's
//! questions, the challenge being tried, the progress and the lesson being made. It stays
//! across runs; a new run of the same lesson asks its questions again.

use crate::challenge::Active;
use crate::narration::Story;
use crate::progress::Progress;
use crate::quiz::Quiz;
use fencing_sim::{Scenario, SimTime};
use std::rc::Rc;

/// What is being learned, kept across runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Teaching {
    /// The scenario as written (built in or opened), whose story the narration tells.
    pub written: Rc<Scenario>,
    /// When each of the written scenario's lines comes, in its scripted run.
    pub story: Rc<Story>,
    /// The lesson's questions: which have been asked and answered, which is on screen.
    pub quiz: Quiz,
    /// After a reveal: the moment that settles the answer, where playing on stops.
    pub(super) proof_stop: Option<crate::quiz::Proof>,
    /// The challenge being tried, if any.
    pub challenge: Option<Active>,
    /// What the student has done (predictions, challenges won), kept by the page.
    pub progress: Progress,
    /// The lesson a teacher is making in the page.
    pub author: crate::author::Draft,
}

impl Teaching {
    pub(super) fn of(written: Rc<Scenario>) -> Teaching {
        Teaching::with_story(Rc::new(Story::of(&written)), written)
    }

    /// With the story as the file tells it (`Story::untold`), told at the lab's first
    /// action (`tell_story`).
    pub(super) fn untold(written: Rc<Scenario>, key_moment: Option<SimTime>) -> Teaching {
        Teaching::with_story(Rc::new(Story::untold(&written, key_moment)), written)
    }

    fn with_story(story: Rc<Story>, written: Rc<Scenario>) -> Teaching {
        Teaching {
            quiz: story.quiz(),
            written,
            story,
            proof_stop: None,
            challenge: None,
            progress: Progress::default(),
            author: Default::default(),
        }
    }

    /// The whole story, from the scripted run, if it is not yet told; the questions with
    /// it (none has been asked before it: only the page's first picture comes first).
    pub(super) fn tell_story(&mut self) {
        if self.story.is_told() {
            return;
        }
        self.story = Rc::new(Story::of(&self.written));
        let on = self.quiz.on();
        self.quiz = self.story.quiz();
        self.quiz.set_on(on);
    }

    /// Whether the lesson has questions to ask: its quiz's, or, before the story is told,
    /// its file's (`Story::untold` places none).
    pub fn has_questions(&self) -> bool {
        !self.quiz.is_empty()
            || (!self.story.is_told()
                && self
                    .written
                    .lesson
                    .as_ref()
                    .is_some_and(|l| !l.checkpoints.is_empty()))
    }

    /// A new run of the same lesson: its questions to ask again (on or off as before), and
    /// a new attempt at the same challenge (the hint stays shown; the win is not its own).
    pub(super) fn restart(&mut self) {
        let on = self.quiz.on();
        self.quiz = self.story.quiz();
        self.quiz.set_on(on);
        self.proof_stop = None;
        self.challenge = self.challenge.take().map(|a| Active {
            hint: a.hint,
            ..Active::new(a.challenge)
        });
    }

    /// A new scenario as written: its story and questions worked out again. True if it is
    /// new.
    pub(super) fn set_written(&mut self, written: Scenario) -> bool {
        if *self.written == written {
            return false;
        }
        self.story = Rc::new(Story::of(&written));
        self.written = Rc::new(written);
        let on = self.quiz.on();
        self.quiz = self.story.quiz();
        self.quiz.set_on(on);
        true
    }
}
