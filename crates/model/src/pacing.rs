//! Pacing for a class: which events are worth stopping at ("next key event" skips the
//! heartbeats), the speed at which a scenario's key moment comes within about half a
//! minute, slow motion while a key moment is on screen, and the findings a chip leads to.

use fencing_sim::msg::Msg;
use fencing_sim::node::Note;
use fencing_sim::storage::Verdict;
use fencing_sim::view::Snapshot;
use fencing_sim::{Actor, Event, EventKind, SimTime};

/// The speeds offered, as multiples of real time.
pub const SPEEDS: &[f64] = &[0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0];

/// Real seconds within which a scenario's key moment should come at its default speed.
pub const KEY_MOMENT_WITHIN_S: u64 = 30;

/// An event a person stepping through the story wants to stop at: elections and
/// step-downs, grants of a new term and expiries, pauses, wake-ups, crashes and restarts,
/// faults, every write the storage did not simply accept, violations and split brain. Not
/// heartbeats, acknowledgements, renewals or the steady stream of accepted writes.
pub fn is_key_event(e: &Event) -> bool {
    match &e.kind {
        EventKind::Node { note, .. } => {
            matches!(note, Note::Leader { .. } | Note::StepDown { .. })
        }
        EventKind::Grant { .. } | EventKind::Expiry { .. } => true,
        EventKind::Write { verdict, .. } => *verdict != Verdict::Accepted,
        // Every fault (pauses, crashes, restarts included) and every finding.
        _ => matches!(e.category(), "fault" | "finding"),
    }
}

/// The speed (an index into `SPEEDS`) at which a key moment at virtual time `key` comes
/// within `KEY_MOMENT_WITHIN_S` real seconds: the slowest of 1× and up that does, 1× when
/// there is none (free play) — slow motion then eases the key moments themselves.
pub fn default_speed(key: Option<SimTime>) -> usize {
    let one = SPEEDS.iter().position(|s| *s == 1.0).unwrap_or(0);
    let Some(key) = key else { return one };
    let secs = key.0 as f64 / 1e6;
    SPEEDS
        .iter()
        .enumerate()
        .skip(one)
        .find(|(_, s)| secs / **s <= KEY_MOMENT_WITHIN_S as f64)
        .map_or(SPEEDS.len() - 1, |(i, _)| i)
}

/// The gentlest slow motion's pace: playing no faster than this, nothing needs easing.
pub const GENTLEST: f64 = 0.5;

/// From this pace up (20× and 50×) the picture is drawn on every other display frame.
/// A frame then covers 0.33 s of the run or more: a message's flight, tens of
/// milliseconds, falls between two frames either way, and a lease's ring or a clock jumps
/// a step whether it is drawn 60 or 30 times a second. The run keeps its pace (the frame
/// not drawn is carried into the next); slow motion, which eases a key moment to a pace
/// under this, draws every frame again.
pub const EVERY_OTHER_FRAME_FROM: f64 = 20.0;

/// How many display frames each drawing of the picture stands for, playing at `pace`.
pub fn frames_per_drawing(pace: f64) -> u32 {
    if pace >= EVERY_OTHER_FRAME_FROM {
        2
    } else {
        1
    }
}

/// The frames waiting to be drawn while playing: each display frame's real time is
/// carried until `frames_per_drawing` of them have passed, then handed on whole, so the
/// run advances by the same real time whether each frame is drawn or not.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FrameCarry {
    frames: u32,
    ms: f64,
}

impl FrameCarry {
    /// A display frame `ms` after the last: the real time to advance the run by now, if
    /// this frame is one to draw at `pace`.
    pub fn frame(&mut self, ms: f64, pace: f64) -> Option<f64> {
        self.frames += 1;
        self.ms += ms;
        if self.frames < frames_per_drawing(pace) {
            return None;
        }
        let due = self.ms;
        *self = FrameCarry::default();
        Some(due)
    }
}

/// How long after a takeover or a notable verdict the run stays in slow motion.
pub const LINGER_US: u64 = 1_000_000;
/// A write with an old token is followed in slow motion for at most this much of its
/// flight (the end of it): a write held back for a minute is not a minute of slow motion.
pub const ARRIVAL_US: u64 = 250_000;

/// True for an event that starts slow motion (`slow_motion`): a write with a token older
/// than `granted` sent to the storage, a grant, an election, a notable verdict. Playing
/// fast, the lab stops a frame's advance at such an event, so the moment is not skipped
/// inside one frame.
pub fn starts_slow_motion(e: &Event, granted: fencing_sim::Term) -> bool {
    match &e.kind {
        EventKind::Send {
            to: Actor::Storage,
            msg: Msg::Write { token, .. },
            ..
        } => token.0 < granted.0,
        EventKind::Grant { .. } => true,
        EventKind::Node {
            note: Note::Leader { .. },
            ..
        } => true,
        EventKind::Write { verdict, .. } => *verdict != Verdict::Accepted,
        _ => false,
    }
}

/// Slow motion: while a key moment is on screen the run goes no faster than this, so it is
/// seen at any speed. The cap and why, or `None` at normal pace.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlowMotion {
    pub cap: f64,
    pub why: &'static str,
}

/// The slow motion for the present: a write with an old token on its way to the storage
/// (0.1×; one waiting on a held link is not on its way); just after a new term is granted,
/// a new leader elected, or a write rejected or taken stale (0.5×, for `LINGER_US`).
/// `recent` are the latest events, oldest first.
pub fn slow_motion<'a>(
    s: &Snapshot,
    recent: impl DoubleEndedIterator<Item = &'a Event>,
) -> Option<SlowMotion> {
    let old_write = s.messages.iter().any(|m| {
        m.to == Actor::Storage
            && m.blocked.is_none()
            && !m.doomed
            && !m.held
            && m.deliver_at.0.saturating_sub(s.now.0) <= ARRIVAL_US
            && matches!(m.msg, Msg::Write { token, .. } if token.0 < s.lease.term.0)
    });
    if old_write {
        return Some(SlowMotion {
            cap: 0.1,
            why: "a write with an old token is in flight",
        });
    }
    let since = s.now.0.saturating_sub(LINGER_US);
    recent
        .rev()
        .take_while(|e| e.t.0 >= since)
        .find_map(|e| match &e.kind {
            EventKind::Grant { .. } => Some("a new term was just granted"),
            EventKind::Node {
                note: Note::Leader { .. },
                ..
            } => Some("a new leader was just elected"),
            EventKind::Write { verdict, .. } if *verdict != Verdict::Accepted => {
                Some("the storage just gave a notable verdict")
            }
            _ => None,
        })
        .map(|why| SlowMotion { cap: GENTLEST, why })
}

/// A finding the strip counts, which its chip leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    SplitBrain,
    Violation,
    Rejected,
    Stale,
    Superseded,
    OldTermRefused,
}

impl Finding {
    /// True for the event that a finding counts.
    pub fn counts(self, e: &Event) -> bool {
        match (self, &e.kind) {
            (Finding::SplitBrain, EventKind::SplitBrain { .. }) => true,
            (Finding::Violation, EventKind::Violation { .. }) => true,
            (Finding::Rejected, EventKind::Write { verdict, .. }) => {
                matches!(verdict, Verdict::Rejected { .. })
            }
            (Finding::Stale, EventKind::Write { verdict, .. }) => {
                matches!(verdict, Verdict::StaleAccepted { .. })
            }
            (Finding::Superseded, EventKind::Write { verdict, .. }) => {
                matches!(verdict, Verdict::Superseded { .. })
            }
            (
                Finding::OldTermRefused,
                EventKind::Node {
                    note: Note::OldTermRefused { .. },
                    ..
                },
            ) => true,
            _ => false,
        }
    }

    /// What the first one is called in the status line: "the first rejected write".
    pub fn first_words(self) -> &'static str {
        match self {
            Finding::SplitBrain => "the first split brain",
            Finding::Violation => "the first safety violation",
            Finding::Rejected => "the first rejected write",
            Finding::Stale => "the first stale write accepted",
            Finding::Superseded => "the first write through the fencing gap",
            Finding::OldTermRefused => "the first message from an old term refused",
        }
    }
}

/// "1 write", "2 writes": a count with its noun, singular or plural.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_speed_brings_the_key_moment_within_half_a_minute() {
        let at = |s: u64| default_speed(Some(SimTime::from_ms(s * 1000)));
        assert_eq!(SPEEDS[at(19)], 1.0, "gc-pause-zombie's rejection at 19 s");
        assert_eq!(SPEEDS[at(30)], 1.0);
        assert_eq!(SPEEDS[at(31)], 2.0);
        assert_eq!(SPEEDS[at(100)], 5.0);
        assert_eq!(SPEEDS[default_speed(None)], 1.0);
        assert_eq!(
            at(1_000_000),
            SPEEDS.len() - 1,
            "the fastest when nothing is enough"
        );
    }

    #[test]
    fn counts_say_one_or_many() {
        assert_eq!(count(1, "write", "writes"), "1 write");
        assert_eq!(count(0, "write", "writes"), "0 writes");
        assert_eq!(count(3, "violation", "violations"), "3 violations");
    }
}
