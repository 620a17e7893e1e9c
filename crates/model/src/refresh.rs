//! How the page keeps to its frame budget while playing fast: parts that cannot be read at
//! that speed anyway refresh a few times a second, staggered so that no frame redraws two
//! of them.

/// While playing fast, the event log, the storage table, the diagram and the clock
/// readouts (the time in the findings strip, the scrubber and its label) refresh once per
/// this many real ms instead of every frame, each in its own quarter of the period: no
/// single frame redraws them all, and most frames redraw only the cluster (the frame
/// budget; on a CPU-only machine the cost of a frame grows with the area it changes).
pub const PANEL_REFRESH_MS: f64 = 250.0;

/// Which quarter of the refresh period a throttled part of the page takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Log = 0,
    Storage = 1,
    Diagram = 2,
    Clock = 3,
}

impl Slot {
    pub const ALL: [Slot; 4] = [Slot::Log, Slot::Storage, Slot::Diagram, Slot::Clock];
}

/// The refresh period `now_real` falls in, for a part of the page in `slot`.
pub fn refresh_period(now_real: f64, slot: Slot) -> i64 {
    let phase = PANEL_REFRESH_MS * slot as u8 as f64 / 4.0;
    ((now_real - phase) / PANEL_REFRESH_MS).floor() as i64
}

/// `fresh` when not `fast`, once per refresh period of `slot`, or when `same_run` says the
/// cached value belongs to another run; otherwise the cached value.
pub fn throttled<T: Clone>(
    cache: &std::rc::Rc<std::cell::RefCell<(i64, T)>>,
    fresh: T,
    fast: bool,
    now_real: f64,
    slot: Slot,
    same_run: impl Fn(&T, &T) -> bool,
) -> T {
    let mut c = cache.borrow_mut();
    let period = refresh_period(now_real, slot);
    if !fast || period != c.0 || !same_run(&c.1, &fresh) {
        *c = (period, fresh);
    }
    c.1.clone()
}
