//! The space-time diagram's model: the kept events and the present state projected into
//! what the diagram draws (arrows, pauses, crashes, leadership and grant bars, each
//! leader's own view of its lease beside the store's, flags), in virtual microseconds and
//! lane numbers. Only what overlaps the window is produced.

use crate::event_ring::EventRing;
use fencing_sim::msg::{Msg, MsgFamily};
use fencing_sim::node::Note;
use fencing_sim::storage::Verdict;
use fencing_sim::view::{NodeState, Snapshot};
use fencing_sim::{Actor, EventKind};
use std::collections::BTreeMap;

/// The diagram shows this much virtual time; a seek keeps this much history for it.
pub const WINDOW_US: u64 = 15_000_000;

/// What the diagram draws, in virtual time (µs) and lane numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Arrow {
        from: usize,
        to: usize,
        t0: u64,
        t1: u64,
        family: MsgFamily,
        label: Option<String>,
        /// Dropped (cross at the end) or still in flight (ends at "now", dashed).
        dropped: bool,
        in_flight: bool,
    },
    Pause {
        lane: usize,
        t0: u64,
        t1: u64,
    },
    Crash {
        lane: usize,
        t0: u64,
        t1: u64,
    },
    Leader {
        lane: usize,
        t0: u64,
        t1: u64,
        term: u64,
    },
    Grant {
        t0: u64,
        t1: u64,
        term: u64,
        holder: String,
    },
    /// The lease a node believes it holds, on its own clock mapped to true time, from the
    /// moment it counted on it; `store_until`: when the lease store ends that term (by its
    /// grants and renewals). Past `store_until` the two views disagree: the node counts on
    /// a lease the store has already let go (a slow clock beyond the drift bound).
    Belief {
        lane: usize,
        t0: u64,
        t1: u64,
        term: u64,
        store_until: Option<u64>,
    },
    Flag {
        lane: usize,
        t: u64,
        text: String,
        kind: FlagKind,
    },
    SplitBrain {
        t0: u64,
        t1: u64,
    },
}

/// What a flag on a lane marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// A message of an older term refused by a node.
    Refused,
    /// A term starting (a quiet mark: its grant is labelled already).
    Term,
    /// A write the storage refused: token lower than its highest.
    Rejected,
    /// A stale write taken, with fencing off.
    Stale,
    /// A write taken through the fencing gap.
    Superseded,
    /// A safety violation the monitor flags.
    Violation,
}

pub fn lane_of(a: Actor, nodes: usize) -> usize {
    match a {
        Actor::Node(id) => id.0 as usize,
        Actor::Lease => nodes,
        Actor::Storage => nodes + 1,
    }
}

/// At most one open item per node lane (a pause, a crash, a leadership, a belief), kept
/// as a list by lane: a handful of nodes, and a `BTreeMap` per value type would cost about
/// 4 kB of wasm each. Lanes come back in order, as a map's keys would.
struct Lanes<V>(Vec<Option<V>>);

impl<V> Lanes<V> {
    fn new(n: usize) -> Self {
        Lanes(std::iter::repeat_with(|| None).take(n).collect())
    }

    fn insert(&mut self, lane: usize, v: V) {
        if lane >= self.0.len() {
            self.0.resize_with(lane + 1, || None);
        }
        self.0[lane] = Some(v);
    }

    fn remove(&mut self, lane: usize) -> Option<V> {
        self.0.get_mut(lane).and_then(Option::take)
    }

    fn get_mut(&mut self, lane: usize) -> Option<&mut V> {
        self.0.get_mut(lane).and_then(Option::as_mut)
    }

    /// The lanes with an open item, in lane order.
    fn open(self) -> impl Iterator<Item = (usize, V)> {
        self.0
            .into_iter()
            .enumerate()
            .filter_map(|(lane, v)| Some((lane, v?)))
    }
}

/// When the lease store ends each term (its last grant or renewal of it).
#[derive(Default)]
struct TermEnds(Vec<(u64, u64)>);

impl TermEnds {
    fn insert(&mut self, term: u64, until: u64) {
        match self.0.iter_mut().rev().find(|(t, _)| *t == term) {
            Some(e) => e.1 = until,
            None => self.0.push((term, until)),
        }
    }

    fn get(&self, term: u64) -> Option<u64> {
        self.0.iter().rev().find(|(t, _)| *t == term).map(|e| e.1)
    }
}

/// Everything that overlaps [start, end], from the kept events and the present state.
pub fn items(events: &EventRing, s: &Snapshot, start: u64, end: u64) -> Vec<Item> {
    let n = s.nodes.len();
    let now = s.now.0;
    let mut out = Vec::new();
    let overlaps = |t0: u64, t1: u64| t1 >= start && t0 <= end;
    let mut sends: BTreeMap<u64, (u64, usize, usize, MsgFamily, Option<String>)> = BTreeMap::new();
    let mut pause_open: Lanes<u64> = Lanes::new(n);
    let mut crash_open: Lanes<u64> = Lanes::new(n);
    let mut leader_open: Lanes<(u64, u64)> = Lanes::new(n);
    let mut grant_open: Option<(u64, u64, u64, String)> = None;
    // Per node lane: (since, believed until, term); per term: the store's end of it.
    let mut belief_open: Lanes<(u64, u64, u64)> = Lanes::new(n);
    let mut store_until = TermEnds::default();
    let mut beliefs: Vec<(usize, u64, u64, u64)> = Vec::new();
    let mut split_open: Option<u64> = None;
    let first = events.first_time().map_or(0, |t| t.0);
    // Writes are labelled when their token differs from the last one sent: the first write
    // of each term, and a zombie's.
    let mut last_token = None;
    for e in events.iter() {
        let t = e.t.0;
        if t > end {
            break;
        }
        match &e.kind {
            EventKind::Send {
                id, from, to, msg, ..
            } => {
                let label = match msg {
                    Msg::Write { token, .. } => {
                        (last_token.replace(*token) != Some(*token)).then(|| msg.label())
                    }
                    Msg::Granted { .. } => Some(msg.label()),
                    _ => None,
                };
                sends.insert(
                    *id,
                    (t, lane_of(*from, n), lane_of(*to, n), msg.family(), label),
                );
            }
            EventKind::Deliver { id, .. }
            | EventKind::Held { id, .. }
            | EventKind::Drop { id, .. } => {
                if let Some((t0, from, to, family, label)) = sends.remove(id) {
                    if overlaps(t0, t) {
                        out.push(Item::Arrow {
                            from,
                            to,
                            t0,
                            t1: t,
                            family,
                            label,
                            dropped: matches!(e.kind, EventKind::Drop { .. }),
                            in_flight: false,
                        });
                    }
                }
            }
            EventKind::Paused { node, .. } => {
                pause_open.insert(node.0 as usize, t);
            }
            EventKind::Resumed { node, .. } => {
                let lane = node.0 as usize;
                let t0 = pause_open.remove(lane).unwrap_or(first);
                if overlaps(t0, t) {
                    out.push(Item::Pause { lane, t0, t1: t });
                }
            }
            EventKind::Lease { node, term, until } => {
                let lane = node.0 as usize;
                match belief_open.get_mut(lane) {
                    Some(b) if b.2 == term.0 && b.1 >= t => b.1 = until.0,
                    _ => {
                        if let Some((t0, t1, term)) = belief_open.remove(lane) {
                            beliefs.push((lane, t0, t1.min(t), term));
                        }
                        belief_open.insert(lane, (t, until.0, term.0));
                    }
                }
            }
            EventKind::Crashed { node } => {
                let lane = node.0 as usize;
                if let Some((t0, t1, term)) = belief_open.remove(lane) {
                    beliefs.push((lane, t0, t1.min(t), term));
                }
                if let Some(t0) = pause_open.remove(lane) {
                    if overlaps(t0, t) {
                        out.push(Item::Pause { lane, t0, t1: t });
                    }
                }
                if let Some((t0, term)) = leader_open.remove(lane) {
                    if overlaps(t0, t) {
                        out.push(Item::Leader {
                            lane,
                            t0,
                            t1: t,
                            term,
                        });
                    }
                }
                crash_open.insert(lane, t);
            }
            EventKind::Restarted { node, .. } => {
                let lane = node.0 as usize;
                let t0 = crash_open.remove(lane).unwrap_or(first);
                if overlaps(t0, t) {
                    out.push(Item::Crash { lane, t0, t1: t });
                }
            }
            EventKind::Node { node, note } => {
                let lane = node.0 as usize;
                match note {
                    Note::Leader { term, .. } => {
                        leader_open.insert(lane, (t, term.0));
                    }
                    Note::OldTermRefused { term, current, .. } if overlaps(t, t) => {
                        out.push(Item::Flag {
                            lane,
                            t,
                            text: format!("↩ {term} < {current}"),
                            kind: FlagKind::Refused,
                        });
                    }
                    Note::StepDown { .. } | Note::Follower { .. } | Note::Candidate { .. } => {
                        if let Some((t0, t1, term)) = belief_open.remove(lane) {
                            beliefs.push((lane, t0, t1.min(t), term));
                        }
                        if let Some((t0, term)) = leader_open.remove(lane) {
                            if overlaps(t0, t) {
                                out.push(Item::Leader {
                                    lane,
                                    t0,
                                    t1: t,
                                    term,
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            EventKind::Grant {
                node,
                term,
                expires_at,
            } => {
                if let Some((t0, t1, term, holder)) = grant_open.take() {
                    let t1 = t1.min(t);
                    if overlaps(t0, t1) {
                        out.push(Item::Grant {
                            t0,
                            t1,
                            term,
                            holder,
                        });
                    }
                }
                grant_open = Some((t, expires_at.0, term.0, node.to_string()));
                store_until.insert(term.0, expires_at.0);
                if overlaps(t, t) {
                    out.push(Item::Flag {
                        lane: n,
                        t,
                        text: format!("term {term}"),
                        kind: FlagKind::Term,
                    });
                }
            }
            EventKind::Renewal {
                term, expires_at, ..
            } => {
                if let Some(g) = grant_open.as_mut().filter(|g| g.2 == term.0) {
                    g.1 = expires_at.0;
                }
                store_until.insert(term.0, expires_at.0);
            }
            EventKind::Write { token, verdict, .. } => match verdict {
                Verdict::Rejected { highest } if overlaps(t, t) => out.push(Item::Flag {
                    lane: n + 1,
                    t,
                    text: format!("⊘ {token} < {highest}"),
                    kind: FlagKind::Rejected,
                }),
                Verdict::StaleAccepted { highest } if overlaps(t, t) => out.push(Item::Flag {
                    lane: n + 1,
                    t,
                    text: format!("⚠ stale {token} < {highest}"),
                    kind: FlagKind::Stale,
                }),
                Verdict::Superseded { granted } if overlaps(t, t) => out.push(Item::Flag {
                    lane: n + 1,
                    t,
                    text: format!("↯ gap {token} < {granted}"),
                    kind: FlagKind::Superseded,
                }),
                _ => {}
            },
            EventKind::Violation { .. } if overlaps(t, t) => out.push(Item::Flag {
                lane: n + 1,
                t,
                text: "⚠ violation".into(),
                kind: FlagKind::Violation,
            }),
            EventKind::SplitBrain { .. } => split_open = split_open.or(Some(t)),
            EventKind::SplitBrainOver => {
                if let Some(t0) = split_open.take() {
                    if overlaps(t0, t) {
                        out.push(Item::SplitBrain { t0, t1: t });
                    }
                }
            }
            _ => {}
        }
    }
    // Still open at the end of the window.
    let cap = end.min(now);
    for (_, (t0, from, to, family, label)) in sends {
        if overlaps(t0, cap) {
            out.push(Item::Arrow {
                from,
                to,
                t0,
                t1: cap,
                family,
                label,
                dropped: false,
                in_flight: true,
            });
        }
    }
    for (lane, node) in s.nodes.iter().enumerate() {
        let paused_now = matches!(node.state, NodeState::Paused { .. });
        let crashed_now = matches!(node.state, NodeState::Crashed);
        if let Some(t0) = pause_open
            .remove(lane)
            .or((paused_now && end >= now).then_some(first))
        {
            out.push(Item::Pause { lane, t0, t1: cap });
        }
        if let Some(t0) = crash_open
            .remove(lane)
            .or((crashed_now && end >= now).then_some(first))
        {
            out.push(Item::Crash { lane, t0, t1: cap });
        }
    }
    for (lane, (t0, term)) in leader_open.open() {
        out.push(Item::Leader {
            lane,
            t0,
            t1: cap,
            term,
        });
    }
    if let Some((t0, t1, term, holder)) = grant_open {
        let t1 = t1.min(cap);
        if overlaps(t0, t1) {
            out.push(Item::Grant {
                t0,
                t1,
                term,
                holder,
            });
        }
    }
    if let Some(t0) = split_open {
        out.push(Item::SplitBrain { t0, t1: cap });
    }
    // Beliefs: closed ones, and open ones up to the present (or their end, if sooner).
    beliefs.extend(
        belief_open
            .open()
            .map(|(lane, (t0, t1, term))| (lane, t0, t1.min(cap), term)),
    );
    for (lane, t0, t1, term) in beliefs {
        if t1 > t0 && overlaps(t0, t1) {
            out.push(Item::Belief {
                lane,
                t0,
                t1,
                term,
                store_until: store_until.get(term),
            });
        }
    }
    out
}

/// The sizes the stylesheet gives the diagram, in CSS pixels (read from its custom
/// properties `--diagram-text`, `--diagram-flag` and `--diagram-lane`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    pub text_px: f64,
    pub flag_px: f64,
    pub lane_px: f64,
}

impl Sizes {
    /// Before the stylesheet has been read (and in tests without one).
    pub const NORMAL: Sizes = Sizes {
        text_px: 12.0,
        flag_px: 14.0,
        lane_px: 30.0,
    };
}

/// The diagram's geometry at one width: the window of time mapped onto the plot, lanes
/// stacked under a band for the split-brain label, the time axis under them. The SVG's
/// coordinates are its CSS pixels, so a size here is a size on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    /// Where the plot starts (the lane names sit left of it) and ends.
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub lanes: usize,
    pub sizes: Sizes,
    pub start: u64,
    pub end: u64,
}

impl Frame {
    pub fn new(width: f64, sizes: Sizes, lanes: usize, start: u64, end: u64) -> Frame {
        let left = (text_width("storage", sizes.text_px) + 10.0).ceil();
        let width = width.max(left + 100.0);
        let top = (sizes.text_px + 8.0).ceil();
        Frame {
            width,
            height: top + lanes as f64 * sizes.lane_px + sizes.text_px + 12.0,
            left,
            right: width - 8.0,
            top,
            lanes,
            sizes,
            start,
            end: end.max(start + 1),
        }
    }

    pub fn x(&self, t: u64) -> f64 {
        let span = (self.end - self.start) as f64;
        self.left + t.saturating_sub(self.start) as f64 / span * (self.right - self.left)
    }

    /// The middle of a lane, where its line runs.
    pub fn y(&self, lane: usize) -> f64 {
        self.top + (lane as f64 + 0.5) * self.sizes.lane_px
    }

    /// The bottom of the lanes, where the time axis starts.
    pub fn bottom(&self) -> f64 {
        self.top + self.lanes as f64 * self.sizes.lane_px
    }

    /// The height of a leader's or a grant's bar.
    pub fn bar_h(&self) -> f64 {
        (self.sizes.lane_px * 0.15).round().max(4.0)
    }

    /// Where a bar's label starts: at `t`, or at the plot's left edge.
    fn label_x(&self, t: u64, pad: f64) -> f64 {
        self.x(t).max(self.left) + pad
    }

    /// Where a message's stroke starts and ends; one dropped or in flight stops partway
    /// towards the receiver's lane.
    pub fn arrow_ends(&self, from: usize, to: usize, t0: u64, t1: u64, short: bool) -> [f64; 4] {
        let (x0, y0) = (self.x(t0), self.y(from));
        let (mut x1, mut y1) = (self.x(t1), self.y(to));
        if short {
            y1 = y0 + (y1 - y0) * 0.6;
            x1 = x1.max(x0 + 1.0);
        }
        [x0, y0, x1, y1]
    }

    /// The label of the tick at second `sec`: each fifth is named.
    pub fn tick_label(&self, sec: u64) -> Option<Label> {
        let px = self.sizes.text_px;
        (sec % 5 == 0).then(|| {
            let y = self.bottom() + px + 4.0;
            label_at(
                format!("{sec} s"),
                self.x(sec * 1_000_000),
                y,
                Anchor::Middle,
                px,
                1,
            )
        })
    }

    /// The label an item of the diagram wants, where it wants it (`place_labels` places
    /// them all together). `n` nodes: the lease store's lane is `n`.
    pub fn label_of(&self, n: usize, it: &Item) -> Option<Label> {
        let (px, bar_h) = (self.sizes.text_px, self.bar_h());
        let above = |lane: usize| self.y(lane) - 4.0;
        let start = |text: String, x: f64, y: f64, rank: u8| {
            Some(label_at(text, x, y, Anchor::Start, px, rank))
        };
        match it {
            Item::Arrow {
                from,
                to,
                t0,
                t1,
                family,
                label,
                dropped,
                in_flight,
            } => {
                let [x0, y0, x1, y1] =
                    self.arrow_ends(*from, *to, *t0, *t1, *dropped || *in_flight);
                let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                let rank = if *family == MsgFamily::Write { 2 } else { 1 };
                Some(Label {
                    alt_y: Some(my + 3.0 + 0.8 * px),
                    ..label_at(label.clone()?, mx, my - 3.0, Anchor::Middle, px, rank)
                })
            }
            Item::Pause { lane, t0, .. } | Item::Crash { lane, t0, .. } => {
                let text = if matches!(it, Item::Pause { .. }) {
                    "paused"
                } else {
                    "✕ crashed"
                };
                start(
                    text.into(),
                    self.label_x(*t0, 3.0),
                    self.y(*lane) + 0.35 * px,
                    2,
                )
            }
            Item::Leader { lane, t0, term, .. } => start(
                format!("♛ leader T{term}"),
                self.label_x(*t0, 2.0),
                above(*lane),
                2,
            ),
            Item::Grant {
                t0, term, holder, ..
            } => start(
                format!("lease term {term} → {holder}"),
                self.label_x(*t0, 2.0),
                above(n),
                2,
            ),
            Item::Belief {
                lane,
                t0,
                t1,
                term,
                store_until,
            } => {
                let (text, at, rank) = match store_until.filter(|s| s < t1).map(|s| s.max(*t0)) {
                    Some(g) => (
                        format!("its lease, term {term}, by its clock; the store ended it"),
                        g,
                        3,
                    ),
                    None => (format!("its lease, term {term}"), *t0, 0),
                };
                let y = self.y(*lane) + 5.0 + bar_h * 1.6 + 0.8 * px;
                start(text, self.label_x(at, 2.0), y, rank)
            }
            Item::SplitBrain { t0, .. } => start(
                "⚡ split brain".into(),
                self.label_x(*t0, 3.0),
                self.top - 5.0,
                2,
            ),
            Item::Flag {
                lane,
                t,
                text,
                kind,
            } => {
                // A term starting is a quiet mark (its text repeats the grant's label: it
                // moves along or is left out); a verdict is what the reader looks for.
                let term = *kind == FlagKind::Term;
                let (font, rank) = if term {
                    (px, 0)
                } else {
                    (self.sizes.flag_px, 3)
                };
                let (x, y) = (self.x(*t), self.y(*lane));
                Some(Label {
                    alt_y: (!term).then_some(y + 4.0 + 0.8 * font),
                    ..label_at(text.clone(), x + 3.0, y - 4.0, Anchor::Start, font, rank)
                })
            }
        }
    }
}

/// A label at (`x`, `y`) with no second line.
fn label_at(text: String, x: f64, y: f64, anchor: Anchor, font_px: f64, rank: u8) -> Label {
    Label {
        text,
        x,
        y,
        alt_y: None,
        anchor,
        font_px,
        rank,
    }
}

/// Which end of a label its x names (SVG's `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A label that wants to be drawn: its text, where (baseline `y`, `x` read by `anchor`),
/// a second line to try when that place is taken, and its rank (higher is placed first).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub alt_y: Option<f64>,
    pub anchor: Anchor,
    pub font_px: f64,
    pub rank: u8,
}

/// Where a label was put.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
}

/// A generous estimate of a label's width: the page's sans-serif is narrower than this for
/// ASCII, and the symbols (⊘ ♛ ⚠ …) are about an em wide.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.62 } else { 1.0 })
        .sum::<f64>()
        * font_px
}

/// Space kept between two labels, in pixels.
const LABEL_GAP: f64 = 4.0;

#[derive(Clone, Copy)]
struct Rect {
    l: f64,
    r: f64,
    top: f64,
    bottom: f64,
}

impl Rect {
    fn of(l: f64, w: f64, baseline: f64, font_px: f64) -> Rect {
        Rect {
            l,
            r: l + w,
            // The box the browser gives a line: the sans-serif's ascent and descent.
            top: baseline - 0.93 * font_px,
            bottom: baseline + 0.24 * font_px,
        }
    }

    fn hits(&self, o: &Rect) -> bool {
        self.l < o.r + LABEL_GAP
            && o.l < self.r + LABEL_GAP
            && self.top < o.bottom
            && o.top < self.bottom
    }
}

/// A label of width `w` kept within [left, right]: one that would cross the right edge
/// ends at it, one that would cross the left edge starts at it (so an estimate that is
/// off moves the label's far end, never past the edge). Returns its left end, anchor and x.
pub fn clamp(x: f64, anchor: Anchor, w: f64, left: f64, right: f64) -> (f64, Anchor, f64) {
    let l = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - w / 2.0,
        Anchor::End => x - w,
    };
    if l < left || w > right - left {
        (left, Anchor::Start, left)
    } else if l + w > right {
        (right - w, Anchor::End, right)
    } else {
        (l, anchor, x)
    }
}

/// Places labels so that none crosses [left, right] or lies on another: highest rank
/// first, then left to right (ties in the order given). A label whose place is taken
/// tries its second line, then moves right past what is in the way (by at most its own
/// width), and is left out if none of that fits. Deterministic: the same labels give the
/// same placement. The result is in the order of `labels`.
pub fn place_labels(labels: &[Label], left: f64, right: f64) -> Vec<Option<Placed>> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    fencing_sim::order::sort_by(&mut order, |&a, &b| {
        (labels[b].rank.cmp(&labels[a].rank))
            .then(labels[a].x.total_cmp(&labels[b].x))
            .then(a.cmp(&b))
    });
    let mut taken: Vec<Rect> = Vec::new();
    let mut out = vec![None; labels.len()];
    for i in order {
        let lb = &labels[i];
        let w = text_width(&lb.text, lb.font_px);
        let (l, anchor, x) = clamp(lb.x, lb.anchor, w, left, right);
        let free = |r: &Rect| !taken.iter().any(|t| t.hits(r));
        let mut spot = None;
        for y in std::iter::once(lb.y).chain(lb.alt_y) {
            if free(&Rect::of(l, w, y, lb.font_px)) {
                spot = Some(Placed { x, y, anchor });
                break;
            }
        }
        if spot.is_none() {
            let want = Rect::of(l, w, lb.y, lb.font_px);
            // Right past everything in the way on its line, as long as it stays near.
            let mut moved = want;
            while let Some(block) = taken.iter().find(|t| t.hits(&moved)) {
                let l2 = block.r + LABEL_GAP + 0.01;
                moved = Rect::of(l2, w, lb.y, lb.font_px);
                if l2 - l > w || l2 + w > right {
                    break;
                }
            }
            if moved.l - l <= w && moved.r <= right && free(&moved) {
                spot = Some(Placed {
                    x: moved.l,
                    y: lb.y,
                    anchor: Anchor::Start,
                });
            }
        }
        if let Some(p) = spot {
            let pl = match p.anchor {
                Anchor::Start => p.x,
                Anchor::Middle => p.x - w / 2.0,
                Anchor::End => p.x - w,
            };
            taken.push(Rect::of(pl, w, p.y, lb.font_px));
            out[i] = Some(p);
        }
    }
    out
}
