//! What the page's slower parts show this frame: the event log, the storage table, the
//! diagrams, the clock readouts, "about this run" and the narration. While playing fast they
//! refresh a few times a second, each in its own quarter of the period (`refresh`); right
//! after a jump the log and the rows below the storage table's fold wait for the frame
//! showing the new moment to be drawn, while the narration tells the new moment at once.
//!
//! The page keeps one `Readouts` for its lifetime and asks it for a `Frame` on every
//! render, with the real time (ms) and whether the history on screen has settled, having
//! told it which parts are on screen (`Seen`: a part off screen refreshes while playing
//! as if playing fast); the readouts remember what they showed last.

use crate::derived::{About, Pace, STORAGE_ROWS_FAST};
use crate::event_ring::EventRing;
use crate::lab::Lab;
use crate::narration::NarrationView;
use crate::refresh::{throttled, Slot};
use fencing_sim::view::{Snapshot, StorageView};
use fencing_sim::SimTime;
use std::cell::RefCell;
use std::rc::Rc;

/// A snapshot and the events it came from, as a diagram draws them.
pub type DiagramInput = (Rc<Snapshot>, EventRing);

/// What the readouts show this frame.
#[derive(Clone, Debug)]
pub struct Frame {
    pub pace: Pace,
    /// The event log's events (throttled above 2×, held right after a jump).
    pub log_events: EventRing,
    /// The storage table (throttled above 5×).
    pub storage: Rc<StorageView>,
    /// The diagram's input, and the compare twin's (this run's when not comparing).
    pub diagram: DiagramInput,
    pub twin_diagram: DiagramInput,
    /// The clock readouts: the present and the end of the run so far.
    pub clock_now: SimTime,
    pub clock_frontier: SimTime,
    /// The run's exact time and hash, at the clocks' pace.
    pub about: About,
    /// The narration, told from the log's events (or the ring's, right after a jump).
    pub narration: Rc<NarrationView>,
    /// Rows the log and the storage table keep, and the storage rows drawn this frame.
    pub log_rows: usize,
    pub storage_rows: usize,
    pub storage_draw: usize,
}

type Cache<T> = Option<Rc<RefCell<(i64, T)>>>;

/// What the narration was last told from: the run, the events, the present to a tenth
/// of a second, the commands and the script.
type NarrationKey = (u64, u64, usize, u64, usize, usize);

/// Which of the slower parts the page has on screen (the page's own observation: a part
/// the layout hides, such as the diagram behind the picture's tab on a short screen or a
/// phone, is not). While playing, a part off screen refreshes a few times a second, as at
/// high speed (`refresh`), whatever the speed: it stays close to the present (a diagram
/// saved while playing is at most a refresh old) without being redrawn every frame for no
/// one. Paused, everything is fresh, on screen or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The diagram's pane (and the compare twin's, beside it).
    pub diagram: bool,
    /// "About this run", opened (closed, its virtual time would be rewritten every frame
    /// for no one to read).
    pub about: bool,
}

impl Default for Seen {
    /// Until the page says otherwise, everything is on screen.
    fn default() -> Seen {
        Seen {
            diagram: true,
            about: true,
        }
    }
}

/// The readouts' memory between frames.
#[derive(Default)]
pub struct Readouts {
    /// What the page has on screen (it sets this before asking for a frame).
    pub seen: Seen,
    log: Cache<EventRing>,
    storage: Cache<(u64, Rc<StorageView>)>,
    diagram: Cache<DiagramInput>,
    twin_diagram: Cache<DiagramInput>,
    clock: Cache<(SimTime, SimTime)>,
    about: Cache<About>,
    narration: Option<(NarrationKey, Rc<NarrationView>)>,
}

/// The cache, made on first use with the first fresh value (which it then shows).
fn cache<T: Clone>(slot: &mut Cache<T>, fresh: &T) -> Rc<RefCell<(i64, T)>> {
    slot.get_or_insert_with(|| Rc::new(RefCell::new((i64::MIN, fresh.clone()))))
        .clone()
}

impl Readouts {
    /// This frame's readouts, at real time `now_real` (ms); `settled` is false right after
    /// a jump, until the frame showing the new moment has been drawn.
    pub fn frame(&mut self, lab: &Lab, now_real: f64, settled: bool) -> Frame {
        let pace = Pace::of(lab);
        let (fast, very_fast) = (pace.fast, pace.very_fast);
        let events = &lab.run.events;
        let log = cache(&mut self.log, events);
        let log_events = if settled {
            throttled(&log, events.clone(), fast, now_real, Slot::Log, |a, b| {
                a.run_id() == b.run_id()
            })
        } else {
            log.borrow().1.clone()
        };
        let told = if settled { &log_events } else { events };
        let snap = &lab.run.snapshot;
        let storage_fresh = (lab.run_id(), Rc::new(snap.storage.clone()));
        let storage = throttled(
            &cache(&mut self.storage, &storage_fresh),
            storage_fresh,
            very_fast,
            now_real,
            Slot::Storage,
            |a, b| a.0 == b.0,
        )
        .1;
        // Off screen while playing: refreshed as at high speed.
        let unseen = lab.run.playing && !self.seen.diagram;
        let (diagram, twin_diagram) = self.diagrams(lab, very_fast || unseen, now_real);
        let clock_fresh = (snap.now, lab.frontier());
        let (clock_now, clock_frontier) = throttled(
            &cache(&mut self.clock, &clock_fresh),
            clock_fresh,
            very_fast,
            now_real,
            Slot::Clock,
            |a, b| a.0 <= b.0,
        );
        let about_fresh = About::of(lab);
        let about = throttled(
            &cache(&mut self.about, &about_fresh),
            about_fresh,
            very_fast || (lab.run.playing && !self.seen.about),
            now_real,
            Slot::Clock,
            About::continues,
        );
        let narration = self.narration(lab, told, clock_now);
        let storage_rows = pace.storage_rows();
        Frame {
            pace,
            log_events,
            storage,
            diagram,
            twin_diagram,
            clock_now,
            clock_frontier,
            about,
            narration,
            log_rows: pace.log_rows(),
            storage_rows,
            storage_draw: storage_draw(storage_rows, settled),
        }
    }

    /// The diagrams' inputs, held between refreshes when `held` (playing very fast, or
    /// the diagram off screen).
    fn diagrams(&mut self, lab: &Lab, held: bool, now_real: f64) -> (DiagramInput, DiagramInput) {
        let same_run = |a: &DiagramInput, b: &DiagramInput| a.1.run_id() == b.1.run_id();
        let fresh = (lab.run.snapshot.clone(), lab.run.events.clone());
        let twin_fresh = lab
            .run
            .twin
            .as_ref()
            .map_or(fresh.clone(), |tw| (tw.snapshot.clone(), tw.events.clone()));
        // The twin's cache starts with this run's input, as the page always had it.
        let twin = cache(&mut self.twin_diagram, &fresh);
        let main = throttled(
            &cache(&mut self.diagram, &fresh),
            fresh,
            held,
            now_real,
            Slot::Diagram,
            same_run,
        );
        let twin = throttled(&twin, twin_fresh, held, now_real, Slot::Diagram, same_run);
        (main, twin)
    }

    /// The narration, worked out again only when what it is told from changes (the
    /// present to a tenth of a second, as the clock readouts show it).
    fn narration(&mut self, lab: &Lab, told: &EventRing, now: SimTime) -> Rc<NarrationView> {
        let key = (
            lab.run_id(),
            told.total(),
            told.len(),
            now.0 / 100_000,
            lab.commands().len(),
            lab.run.scenario.faults.len(),
        );
        match &self.narration {
            Some((k, v)) if *k == key => v.clone(),
            _ => {
                let v = Rc::new(lab.narration(told));
                self.narration = Some((key, v.clone()));
                v
            }
        }
    }
}

/// Storage rows drawn this frame: right after a jump the rows its box shows (at most
/// `STORAGE_ROWS_FAST` fit) and the rest a frame later, like the log.
pub fn storage_draw(storage_rows: usize, settled: bool) -> usize {
    if settled {
        storage_rows
    } else {
        storage_rows.min(STORAGE_ROWS_FAST)
    }
}
