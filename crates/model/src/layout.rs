//! Where each actor sits in the cluster picture. Without a partition each has a home, clear
//! of where the wall would stand; with one, side A stands left of the wall, side B right of
//! it, and actors on both sides stand on the wall itself, and only those that cross the
//! wall leave their homes.

use fencing_sim::network::Side;
use fencing_sim::view::Snapshot;
use fencing_sim::{Actor, NodeId};

pub const WIDTH: f64 = 860.0;
pub const HEIGHT: f64 = 520.0;
pub const WALL_X: f64 = 430.0;
pub const NODE_R: f64 = 34.0;

/// The picture's shape. Wide (860 × 520 units) beside the story on laptops and tablets; tall
/// and narrow (440 × 860) on a phone, where the wide picture, shrunk to the screen's
/// width, would draw its words at 6 px: there the nodes stand on a smaller circle with
/// the two boxes under them, and with a partition each side is a column (room for six; a
/// side of more stands its nodes in two columns, the boxes under them).
/// The tall picture takes the screen's width whatever its height: the page scrolls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shape {
    #[default]
    Wide,
    Tall,
}

impl Shape {
    /// The picture's width in its own units.
    pub fn width(self) -> f64 {
        match self {
            Shape::Wide => WIDTH,
            Shape::Tall => 440.0,
        }
    }

    /// The picture's height in its own units (normal words; see `view_height`).
    pub fn height(self) -> f64 {
        match self {
            Shape::Wide => HEIGHT,
            Shape::Tall => 860.0,
        }
    }

    /// Where the wall stands when the network is split: the middle.
    pub fn wall_x(self) -> f64 {
        self.width() / 2.0
    }
}

/// The smallest words the picture may draw, in screen pixels.
pub const MIN_TEXT_PX: f64 = 11.0;

/// The page keeps this much of the screen's height (px) for what is above and below the
/// picture when it limits the wide picture's width (`.picture`'s `max-width` in
/// styles/app.css: `100vh - 12rem`).
const ROOM_AROUND_PX: f64 = 192.0;

/// A screen under this height (CSS px; a phone held sideways) keeps less: the page stands
/// the picture beside the story under a one-line header (`max-height: 519px` in
/// styles/app.css: `100vh - 3rem`), for the tall picture there would start below the
/// first screen.
pub const SHORT_SCREEN_PX: f64 = 520.0;
const ROOM_AROUND_SHORT_PX: f64 = 48.0;

/// How the picture fits the screen: its shape, and whether it draws the larger words
/// (presentation mode's) so that none is under `MIN_TEXT_PX`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fit {
    pub shape: Shape,
    pub large_words: bool,
}

impl Fit {
    /// The fit for a stage `stage_px` wide on a screen `screen_h` high (CSS pixels), with
    /// the normal words' smallest size `small` and the larger words' `large` (picture
    /// units): the wide picture with normal words where they are at least `MIN_TEXT_PX`;
    /// else with the larger words where those are; else the tall picture, whose normal
    /// words are larger than the wide one's on any screen under 860 px. Unknown sizes (0)
    /// give the wide picture.
    pub fn for_screen(stage_px: f64, screen_h: f64, small: f64, large: f64) -> Fit {
        if stage_px <= 0.0 {
            return Fit::default();
        }
        // The picture's width on screen: the stage's, or for the wide one less where the
        // screen's height limits it (as `.picture`'s max-width does).
        let on_screen = |shape: Shape, large_words: bool| {
            let (w, h) = (shape.width(), view_height(shape, large_words));
            let room = if screen_h < SHORT_SCREEN_PX {
                ROOM_AROUND_SHORT_PX
            } else {
                ROOM_AROUND_PX
            };
            let by_height = if screen_h > 0.0 && shape == Shape::Wide {
                (screen_h - room).max(0.0) * w / h
            } else {
                f64::INFINITY
            };
            stage_px.min(by_height) / w
        };
        if small * on_screen(Shape::Wide, false) >= MIN_TEXT_PX {
            return Fit::default();
        }
        if large * on_screen(Shape::Wide, true) >= MIN_TEXT_PX {
            Fit {
                shape: Shape::Wide,
                large_words: true,
            }
        } else {
            Fit {
                shape: Shape::Tall,
                large_words: false,
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pos {
    pub x: f64,
    pub y: f64,
}

/// What the picture's layout depends on: the number of nodes, and where each actor stands
/// when the network is split (nodes in order, then the lease store, then the storage).
/// It changes rarely, so the cluster computes positions only when it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrangement {
    pub shape: Shape,
    pub nodes: usize,
    /// `None` without a partition.
    pub sides: Option<Vec<Side>>,
}

impl Arrangement {
    /// The arrangement of the wide picture.
    pub fn of(s: &Snapshot) -> Arrangement {
        Arrangement::shaped(s, Shape::Wide)
    }

    /// The arrangement of a picture of `shape`.
    pub fn shaped(s: &Snapshot, shape: Shape) -> Arrangement {
        let sides = s.partitioned.then(|| {
            s.nodes
                .iter()
                .map(|v| v.side)
                .chain([s.lease.side, s.storage.side])
                .map(|side| side.unwrap_or(Side::A))
                .collect()
        });
        Arrangement {
            shape,
            nodes: s.nodes.len(),
            sides,
        }
    }
}

/// Every actor of a run of `nodes` nodes, in the picture's order: the nodes, the lease
/// store, the storage.
pub fn actors(nodes: usize) -> Vec<Actor> {
    (0..nodes as u8)
        .map(|i| Actor::Node(NodeId(i)))
        .chain([Actor::Lease, Actor::Storage])
        .collect()
}

/// Positions of every actor: nodes in order, then the lease store, then the storage.
pub fn positions(s: &Snapshot) -> Vec<(Actor, Pos)> {
    positions_of(&Arrangement::of(s))
}

/// The same in a picture of `shape`.
pub fn positions_in(s: &Snapshot, shape: Shape) -> Vec<(Actor, Pos)> {
    positions_of(&Arrangement::shaped(s, shape))
}

/// Where the nodes of one bank stand in the wide picture when the network is whole, for one
/// to four nodes on it: how far right of the wall, and how high, from the top down (the
/// left bank is its mirror, from the bottom up); the bank curves around its box. The
/// wall's own place stays empty, so that a split moves only who crosses it.
const BANK: [&[(f64, f64)]; 4] = [
    &[(120.0, 264.0)],
    &[(150.0, 98.0), (150.0, 430.0)],
    &[(230.0, 100.0), (85.0, 264.0), (230.0, 428.0)],
    &[(250.0, 90.0), (85.0, 210.0), (85.0, 340.0), (250.0, 440.0)],
];

/// Where every actor stands when the network is whole (its home), in the picture's order.
/// Wide: half the nodes right of the wall's place and the rest left of it, clockwise from
/// the top, the lease store at the left edge and the storage at the right; tall:
/// the two halves as columns, with the two boxes under them.
fn homes(shape: Shape, n: usize) -> Vec<(Actor, Pos)> {
    let mut out: Vec<(Actor, Pos)> = Vec::with_capacity(n + 2);
    let (right, left) = (n / 2, n - n / 2);
    for i in 0..n {
        // Which bank, how many stand on it, and which of them from the top.
        let (right_bank, k, j) = if i < right {
            (true, right, i)
        } else {
            (false, left, left - 1 - (i - right))
        };
        let (dx, y) = match shape {
            Shape::Wide => {
                let b = BANK[k.clamp(1, BANK.len()) - 1];
                b[j % b.len()]
            }
            // From the top the split picture's columns start at (the longer bank; the
            // other half a row lower), so that a phone's first screen holds the boxes too.
            Shape::Tall => (
                112.0,
                TOP_Y + (j as f64 + (left - k) as f64 / 2.0) * TALL_ROW,
            ),
        };
        let x = if right_bank {
            shape.wall_x() + dx
        } else {
            shape.wall_x() - dx
        };
        out.push((Actor::Node(NodeId(i as u8)), Pos { x, y }));
    }
    let (lease, storage) = match shape {
        Shape::Wide => (Pos { x: 110.0, y: 264.0 }, Pos { x: 730.0, y: 264.0 }),
        Shape::Tall => {
            // Under the longer bank's lowest node, clear of its words.
            let y = TOP_Y + (left - 1) as f64 * TALL_ROW + TALL_NODE_TO_BOX;
            (Pos { x: 108.0, y }, Pos { x: 332.0, y })
        }
    };
    out.push((Actor::Lease, lease));
    out.push((Actor::Storage, storage));
    out
}

/// The band of the picture an actor on `side` may reach into: left of the wall, right of
/// it, or the whole width for one on the wall.
fn region(shape: Shape, side: Side) -> (f64, f64) {
    let wall_x = shape.wall_x();
    match side {
        Side::A => (0.0, wall_x - 9.0),
        Side::B => (wall_x + 9.0, shape.width()),
        Side::Both => (0.0, shape.width()),
    }
}

/// Positions of every actor in an arrangement, in the same order. Split, each actor whose
/// home is on its side stays there; those that cross the wall, or stand on it, go to the
/// nearest free place on their side. Where that leaves no room, the sides are laid out
/// afresh (`apart`).
pub fn positions_of(arr: &Arrangement) -> Vec<(Actor, Pos)> {
    let (shape, n) = (arr.shape, arr.nodes);
    let mut out = homes(shape, n);
    let Some(sides) = &arr.sides else {
        return out;
    };
    let side = |i: usize| sides.get(i).copied().unwrap_or(Side::A);
    // Placed so far: at first those whose home is on their side (homes keep clear of the
    // wall's place, so the side of the wall's line tells).
    let mut done: Vec<bool> = (0..out.len())
        .map(|i| side(i) == [Side::A, Side::B][(out[i].1.x > shape.wall_x()) as usize])
        .collect();
    let on_wall = (0..out.len()).filter(|i| side(*i) == Side::Both).count();
    let mut k = 0;
    // Those on the wall first, from the bottom up; then the others, in order. Where one
    // finds no room, the sides are laid out afresh.
    for wall_pass in [true, false] {
        for i in 0..out.len() {
            if done[i] || (side(i) == Side::Both) != wall_pass {
                continue;
            }
            let (a, home) = out[i];
            let (lo, hi) = region(shape, side(i));
            let w = extent(a).0;
            let ideal = if wall_pass {
                k += 1;
                on_the_wall(shape, k - 1, on_wall)
            } else {
                // Across from its home, at the same height.
                Pos {
                    x: (2.0 * shape.wall_x() - home.x).max(lo + w).min(hi - w),
                    y: home.y,
                }
            };
            let placed: Vec<(Actor, Pos)> = (0..out.len())
                .filter(|j| done[*j])
                .map(|j| out[j])
                .collect();
            let Some(p) = free_spot(shape, a, ideal, &placed, lo, hi) else {
                return apart(shape, n, &side);
            };
            out[i].1 = p;
            done[i] = true;
        }
    }
    out
}

/// The sides laid out afresh: the wall first, then each side around what stands on it.
fn apart(shape: Shape, n: usize, side: &dyn Fn(usize) -> Side) -> Vec<(Actor, Pos)> {
    let all = actors(n);
    let members = |which: Side| -> Vec<Actor> {
        (0..all.len())
            .filter(|i| side(*i) == which)
            .map(|i| all[i])
            .collect()
    };
    let mut placed: Vec<(Actor, Pos)> = Vec::with_capacity(n + 2);
    let wall = members(Side::Both);
    let width = shape.width();
    for (k, a) in wall.iter().enumerate() {
        let ideal = on_the_wall(shape, k, wall.len());
        let p = free_spot(shape, *a, ideal, &placed, 0.0, width).unwrap_or(ideal);
        placed.push((*a, p));
    }
    for (which, side_b) in [(Side::A, false), (Side::B, true)] {
        let m = members(which);
        let ideals = match shape {
            Shape::Wide => beside_the_wall(&m, side_b),
            Shape::Tall if m.len() > 6 => in_two_columns(&m, side_b),
            Shape::Tall => in_a_column(m.len(), side_b),
        };
        let (lo, hi) = region(shape, which);
        for (a, ideal) in m.into_iter().zip(ideals) {
            let p = free_spot(shape, a, ideal, &placed, lo, hi).unwrap_or(ideal);
            placed.push((a, p));
        }
    }
    all.into_iter().map(|a| (a, pos_of(&placed, a))).collect()
}

/// Highest and lowest centre of an actor beside the wall: room above for a leader's crown
/// and the side labels, below for two lines of words under a node.
const TOP_Y: f64 = 92.0;
/// The tall picture's whole network: a bank's rows (room for a zombie's two lines of words
/// above the next node's crown), and its lowest node to the boxes.
const TALL_ROW: f64 = 150.0;
const TALL_NODE_TO_BOX: f64 = 205.0;
const BOTTOM_Y: f64 = 424.0;

/// How far an actor's picture reaches from its centre: half its width, then above and below
/// (a node's crown above, and the words under it, such as "LEADER · lease 4.0 s").
pub fn extent(a: Actor) -> (f64, f64, f64) {
    match a {
        Actor::Node(_) => (62.0, 46.0, 76.0),
        Actor::Lease | Actor::Storage => (78.0, 52.0, 52.0),
    }
}

/// True when the pictures of `a` at `p` and `b` at `q` overlap.
fn covers(a: Actor, p: Pos, b: Actor, q: Pos) -> bool {
    let (w, up, down) = extent(a);
    let (w2, up2, down2) = extent(b);
    let apart_x = p.x + w <= q.x - w2 || q.x + w2 <= p.x - w;
    let apart_y = p.y + down <= q.y - up2 || q.y + down2 <= p.y - up;
    !(apart_x || apart_y)
}

/// `ideal` if `a` can stand there clear of everything `placed`; otherwise the nearest free
/// point (on a 10-unit grid) whose picture stays between `lo` and `hi` and in the frame;
/// `None` if there is none.
fn free_spot(
    shape: Shape,
    a: Actor,
    ideal: Pos,
    placed: &[(Actor, Pos)],
    lo: f64,
    hi: f64,
) -> Option<Pos> {
    let clear = |p: Pos| placed.iter().all(|(b, q)| !covers(a, p, *b, *q));
    if clear(ideal) {
        return Some(ideal);
    }
    let (w, up, down) = extent(a);
    let mut best: Option<(f64, Pos)> = None;
    // The tall picture's sides are narrow: an actor there may reach 20 units past the
    // picture's edge (its words are kept inside; a box's frame is cut a little).
    let slack = if shape == Shape::Tall { 20.0 } else { 0.0 };
    let (x0, x1) = (
        (lo + w - slack).ceil() as i64,
        (hi - w + slack).floor() as i64,
    );
    let (y0, y1) = (up.ceil() as i64, (shape.height() - down).floor() as i64);
    for x in (x0..=x1).step_by(10) {
        for y in (y0..=y1).step_by(10) {
            let p = Pos {
                x: x as f64,
                y: y as f64,
            };
            let d = (p.x - ideal.x).powi(2) + (p.y - ideal.y).powi(2);
            if best.is_none_or(|(bd, _)| d < bd) && clear(p) {
                best = Some((d, p));
            }
        }
    }
    best.map(|(_, p)| p)
}

/// Where the `k`th of `count` actors on the wall would best stand: from the bottom up, for
/// the middle of the wall is where messages die, and their marks should not cover a box.
fn on_the_wall(shape: Shape, k: usize, count: usize) -> Pos {
    let bottom = bottom_y(shape) + 6.0;
    let step = if count > 1 {
        ((bottom - TOP_Y) / (count - 1) as f64).min(130.0)
    } else {
        0.0
    };
    Pos {
        x: shape.wall_x(),
        y: bottom - k as f64 * step,
    }
}

/// The lowest centre of an actor beside the wall in a picture of `shape`.
fn bottom_y(shape: Shape) -> f64 {
    BOTTOM_Y + shape.height() - HEIGHT
}

/// Where the actors on one side of the tall picture's wall would best stand: one column,
/// spread from the top down (mirrored for side B); the boxes take their turn as listed.
fn in_a_column(count: usize, side_b: bool) -> Vec<Pos> {
    let shape = Shape::Tall;
    let x = if side_b {
        shape.wall_x() + 112.0
    } else {
        shape.wall_x() - 112.0
    };
    let (top, bottom) = (TOP_Y, bottom_y(shape));
    (0..count)
        .map(|k| Pos {
            x,
            y: if count <= 1 {
                (top + bottom) / 2.0
            } else {
                top + k as f64 * (bottom - top) / (count - 1) as f64
            },
        })
        .collect()
}

/// Where the actors on one side of the tall picture's wall would best stand when they are
/// more than a column holds (seven to nine): the nodes zig-zag between two columns a node's
/// width apart, the inner one half a row lower so that the words under neighbours (wider
/// than a node) do not meet, and the boxes stand under them in the side's middle.
fn in_two_columns(members: &[Actor], side_b: bool) -> Vec<Pos> {
    let at = |from_wall: f64, y: f64| Pos {
        x: if side_b {
            Shape::Tall.wall_x() + from_wall
        } else {
            Shape::Tall.wall_x() - from_wall
        },
        y,
    };
    // Each step as tall as the pictures above and below it need, from the top: the wall's
    // actors stand at its foot (`on_the_wall`), clear of the inner column.
    let (row_h, box_h, node_to_box) = (122.0, 104.0, 128.0);
    let node_y = |k: usize| TOP_Y + (k / 2) as f64 * row_h + (k % 2) as f64 * row_h / 2.0;
    let nodes = members
        .iter()
        .filter(|a| matches!(a, Actor::Node(_)))
        .count();
    let lowest = (0..nodes).map(node_y).fold(TOP_Y, f64::max);
    let (mut k_node, mut k_box) = (0, 0);
    members
        .iter()
        .map(|a| {
            if matches!(a, Actor::Node(_)) {
                let k = k_node;
                k_node += 1;
                at([176.0, 52.0][k % 2], node_y(k))
            } else {
                let y = lowest + node_to_box + k_box as f64 * box_h;
                k_box += 1;
                at(112.0, y)
            }
        })
        .collect()
}

/// Where the actors on one side of the wall would best stand (mirrored for side B). Up to
/// three stand in a column bulging away from the wall; four to six zig-zag between two
/// columns, each clear of its neighbours' words; more fill a grid of three columns, with the
/// boxes in the middle one.
fn beside_the_wall(members: &[Actor], side_b: bool) -> Vec<Pos> {
    let count = members.len();
    let at = |x_from_wall: f64, y: f64| Pos {
        x: if side_b {
            WALL_X + x_from_wall
        } else {
            WALL_X - x_from_wall
        },
        y,
    };
    let row_y = |k: usize, rows: usize| {
        if rows <= 1 {
            HEIGHT / 2.0
        } else {
            TOP_Y + k as f64 * (BOTTOM_Y - TOP_Y) / (rows - 1) as f64
        }
    };
    if count <= 3 {
        return (0..count)
            .map(|k| {
                let y = row_y(k, count);
                let m = (y - HEIGHT / 2.0) / (HEIGHT / 2.0);
                at(220.0 + (1.0 - m * m) * 60.0, y)
            })
            .collect();
    }
    if count <= 6 {
        return (0..count)
            .map(|k| at(if k % 2 == 0 { 330.0 } else { 160.0 }, row_y(k, count)))
            .collect();
    }
    // Nine spots: three rows of three columns; boxes take the middle column first.
    let spot = |i: usize| at([360.0, 220.0, 80.0][i % 3], row_y(i / 3, 3));
    let mut free: Vec<usize> = (0..9).collect();
    let mut take = |want_middle: bool| {
        let i = free
            .iter()
            .position(|s| !want_middle || s % 3 == 1)
            .unwrap_or(0);
        spot(free.remove(i))
    };
    let mut out = vec![at(0.0, 0.0); count];
    for (k, a) in members.iter().enumerate() {
        if !matches!(a, Actor::Node(_)) {
            out[k] = take(true);
        }
    }
    for (k, a) in members.iter().enumerate() {
        if matches!(a, Actor::Node(_)) {
            out[k] = take(false);
        }
    }
    out
}

/// The picture's point under a pointer at `client` (page pixels), for an element of that
/// bounding box (`left, top, width, height`) showing a view box of `view` (width, height)
/// centred and scaled to fit, as SVG's default `preserveAspectRatio` does.
pub fn to_picture(client: (f64, f64), rect: [f64; 4], view: (f64, f64)) -> Pos {
    let [left, top, w, h] = rect;
    let scale = (w / view.0).min(h / view.1).max(1e-9);
    let (dx, dy) = ((w - view.0 * scale) / 2.0, (h - view.1 * scale) / 2.0);
    Pos {
        x: (client.0 - left - dx) / scale,
        y: (client.1 - top - dy) / scale,
    }
}

pub fn pos_of(ps: &[(Actor, Pos)], a: Actor) -> Pos {
    ps.iter()
        .find(|(b, _)| *b == a)
        .map(|(_, p)| *p)
        .unwrap_or(Pos {
            x: WIDTH / 2.0,
            y: HEIGHT / 2.0,
        })
}

/// The point where a line from `from` to `to` leaves the shape around `from`.
pub fn edge_point(from: Pos, to: Pos, radius: f64) -> Pos {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    Pos {
        x: from.x + dx / len * radius,
        y: from.y + dy / len * radius,
    }
}

/// How far a shape reaches from its centre, for lines to start at its edge.
pub fn radius_of(a: Actor) -> f64 {
    match a {
        Actor::Node(_) => NODE_R + 10.0,
        Actor::Lease | Actor::Storage => 56.0,
    }
}

/// The links drawn between the actors placed in `ps`: every node to the lease store and
/// the storage, and every pair of nodes (once).
pub fn link_pairs(ps: &[(Actor, Pos)]) -> Vec<(Actor, Actor)> {
    let nodes: Vec<NodeId> = ps
        .iter()
        .filter_map(|(a, _)| match a {
            Actor::Node(id) => Some(*id),
            _ => None,
        })
        .collect();
    let mut pairs = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        pairs.push((Actor::Node(*n), Actor::Lease));
        pairs.push((Actor::Node(*n), Actor::Storage));
        for m in nodes.iter().skip(i + 1) {
            pairs.push((Actor::Node(*n), Actor::Node(*m)));
        }
    }
    pairs
}

/// How far to move a centred line of `chars` characters at `size`, standing at `x`, so
/// that it stays inside a picture `width` wide (0 when it already does).
pub fn inside_dx(x: f64, chars: usize, size: f64, width: f64) -> f64 {
    let half = chars as f64 * size * 0.31 + 4.0;
    if x - half < 0.0 {
        half - x
    } else if x + half > width {
        width - half - x
    } else {
        0.0
    }
}

/// The picture's height in its own units: the larger words (presentation mode's) keep
/// room under the lowest nodes.
pub fn view_height(shape: Shape, large_words: bool) -> f64 {
    if large_words {
        shape.height() + 50.0
    } else {
        shape.height()
    }
}
