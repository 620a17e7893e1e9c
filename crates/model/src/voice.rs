//! A voice for screen readers: the key events of a run, in words, for a polite live
//! region. Elections with their term, lease expiries, pauses and wake-ups, crashes and
//! restarts, faults (a split, a heal…), every write the storage rejected, took stale or
//! took through the fencing gap with its reason, and violations. Playing fast, events come
//! faster than anyone can listen: the voice speaks at most once per `GAP_MS` of real time,
//! in order while at most `QUEUE` wait, and when more pile up, only the most serious of
//! them and how many more.

use crate::describe::event_text;
use fencing_sim::node::Note;
use fencing_sim::storage::Verdict;
use fencing_sim::{Event, EventKind};
use std::collections::VecDeque;

/// At most this many announcements wait their turn; more are folded into the most serious.
pub const QUEUE: usize = 4;

/// The shortest real time between two announcements while playing, in milliseconds.
pub const GAP_MS: f64 = 2_000.0;

/// How much an event matters to someone listening (higher first); `None`: not announced.
pub fn weight(e: &Event) -> Option<u8> {
    Some(match &e.kind {
        EventKind::Violation { .. } => 9,
        EventKind::Write { verdict, .. } => match verdict {
            Verdict::Accepted => return None,
            Verdict::StaleAccepted { .. } => 8,
            Verdict::Rejected { .. } | Verdict::Superseded { .. } => 7,
        },
        EventKind::Node {
            note: Note::Leader { .. },
            ..
        } => 6,
        EventKind::SplitBrain { .. } => 6,
        EventKind::Expiry { .. } | EventKind::Grant { .. } => 5,
        EventKind::Fault { .. } | EventKind::FaultSkipped { .. } => 4,
        EventKind::Paused { .. }
        | EventKind::Resumed { .. }
        | EventKind::Crashed { .. }
        | EventKind::Restarted { .. } => 3,
        _ => return None,
    })
}

/// What the voice has heard and not said yet, and when it last spoke.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Voice {
    /// Real milliseconds played so far (the frames' own clock, not a wall clock).
    real_ms: f64,
    last_spoke_ms: Option<f64>,
    /// Announcements waiting their turn, with their weights, oldest first.
    waiting: VecDeque<(u8, String)>,
    /// Events folded into the waiting ones when too many piled up.
    folded: usize,
    /// The last announcement, numbered so the same words twice are said twice.
    pub said: Option<(u64, String)>,
}

impl Voice {
    /// Hears newly recorded events.
    pub fn hear<'a>(&mut self, events: impl IntoIterator<Item = &'a Event>) {
        for e in events {
            let Some(w) = weight(e) else { continue };
            self.waiting.push_back((w, event_text(e)));
            if self.waiting.len() > QUEUE {
                // Too many to say in turn: keep the most serious (the earliest of equals).
                let best = self
                    .waiting
                    .iter()
                    .enumerate()
                    .max_by_key(|(i, (w, _))| (*w, std::cmp::Reverse(*i)))
                    .map_or(0, |(i, _)| i);
                let keep = self.waiting.remove(best);
                self.folded += self.waiting.len();
                self.waiting.clear();
                self.waiting.extend(keep);
            }
        }
    }

    /// Real time passes while playing; speaks if it may.
    pub fn tick(&mut self, elapsed_ms: f64) {
        self.real_ms += elapsed_ms.max(0.0);
        if self
            .last_spoke_ms
            .is_none_or(|t| self.real_ms - t >= GAP_MS)
        {
            self.speak();
        }
    }

    /// Speaks the next waiting announcement now (a step: one person's action, one answer).
    pub fn speak(&mut self) {
        let Some((_, words)) = self.waiting.pop_front() else {
            return;
        };
        let more = if self.waiting.is_empty() {
            let more = match self.folded {
                0 => String::new(),
                1 => " And 1 more event.".to_string(),
                n => format!(" And {n} more events."),
            };
            self.folded = 0;
            more
        } else {
            String::new()
        };
        self.last_spoke_ms = Some(self.real_ms);
        let n = self.said.as_ref().map_or(0, |(n, _)| n + 1);
        self.said = Some((n, format!("{words}.{more}")));
    }

    /// Forgets what waits (a new run, or a jump in time: old news is not news).
    pub fn hush(&mut self) {
        self.waiting.clear();
        self.folded = 0;
    }
}
