//! The cluster picture laid out for one frame: each node's words (as many as fit), the
//! boxes' words, the storage's verdict callout, the messages with their labels, the marks
//! on unusual links and the recent drops. Words that never move aside (a node's, a box's,
//! the wall's) are placed first; the labels that may give way (an unusual link's, then a
//! message's by urgency, then a drop's) take what room is left (`picture::place_labels`).
//! The page draws a `Scene` as it is.

use crate::derived::DropMark;
use crate::describe::{actor_name, dur};
use crate::layout::{
    edge_point, extent, inside_dx, pos_of, radius_of, view_height, Pos, Shape, NODE_R,
};
use crate::picture::{
    drawn_messages, drop_spot, flight, held_notable_verdict, hold_while_asking, label_priority,
    last_notable_verdict, lease_drawn, place_labels, waiting_on, words_under, Flight, LabelBox,
    NodeLine, NotableVerdict, TextSizes, NORMAL_TEXT, PRESENTATION_TEXT,
};
use fencing_sim::msg::MsgFamily;
use fencing_sim::view::{LinkView, MessageView, Snapshot};
use fencing_sim::{Actor, NodeId};

/// What the picture is drawn with, besides the snapshot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SceneInput<'a> {
    /// The picture's shape (`layout::Fit`).
    pub shape: Shape,
    /// The larger words: presentation mode's, or where the screen needs them.
    pub large_words: bool,
    pub reduced_motion: bool,
    /// Recent drops, newest last.
    pub drops: &'a [DropMark],
    /// How long (virtual µs) a drop stays marked.
    pub drop_window_us: u64,
    /// A lesson's question waits for its answer: words that could answer it are held.
    pub asking: bool,
}

/// One frame of the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene<'a> {
    pub text: &'static TextSizes,
    /// The picture's height in its own units.
    pub height: f64,
    pub nodes: Vec<NodeScene>,
    pub lease: LeaseBox,
    pub storage: StorageBox,
    /// The messages drawn, in the snapshot's order.
    pub messages: Vec<Drawn<'a>>,
    /// The unusual links: cut one way, held or slowed.
    pub links: Vec<LinkMark<'a>>,
    /// The recent drops that have room for their mark.
    pub drops: Vec<DropScene>,
}

/// A node where it stands and the words under it that fit above the picture's bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeScene {
    pub id: NodeId,
    pub at: Pos,
    pub lines: Vec<NodeLine>,
}

/// The size both boxes are drawn at and where their lines go.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxFrame {
    pub at: Pos,
    pub w: f64,
    pub h: f64,
    /// The baselines of the title and of each line, from the box's centre.
    pub rows: Vec<f64>,
}

/// The lease store's box.
#[derive(Clone, Debug, PartialEq)]
pub struct LeaseBox {
    pub frame: BoxFrame,
    pub term: String,
    pub holder: String,
    pub left: String,
    /// How full its bar is, 0 to 1.
    pub full: f64,
}

/// The storage's box.
#[derive(Clone, Debug, PartialEq)]
pub struct StorageBox {
    pub frame: BoxFrame,
    pub highest: String,
    pub value: String,
    pub fencing: &'static str,
    pub fenced: bool,
    /// Its last notable verdict, beside the box until the next one.
    pub callout: Option<Callout>,
}

/// The storage's last notable verdict, drawn under its box and kept inside the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    pub verdict: NotableVerdict,
    /// How far it is moved left to stay inside the picture.
    pub dx: f64,
    pub w: f64,
    /// The baselines of its headline and its detail, from the box's centre.
    pub y1: f64,
    pub y2: f64,
}

/// A message as drawn: where, how, and whether its label has room.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn<'a> {
    pub m: &'a MessageView,
    pub flight: Flight,
    /// Where its label's centre and baseline stand, from its dot; none without room.
    pub label: Option<Pos>,
    /// Its label's size: a write's (and an old token's) larger.
    pub size: f64,
}

/// An unusual link: a stroke from its start to the mark's spot, and its words where they
/// fit (none if nowhere along it is free).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkMark<'a> {
    pub link: &'a LinkView,
    pub start: Pos,
    pub mark: Pos,
    pub label: Option<(Pos, String)>,
}

/// A recent drop's mark, fading with age.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DropScene {
    pub at: Pos,
    pub opacity: f64,
}

/// The words on an unusual link: "✕ n1 → storage cut", "❚❚ n4 → storage held: 2 waiting".
pub fn link_words(s: &Snapshot, l: &LinkView) -> String {
    let (from, to) = (actor_name(l.from), actor_name(l.to));
    let held = waiting_on(s, l.from, l.to);
    if l.cut {
        format!("✕ {from} → {to} cut")
    } else if l.held {
        format!("❚❚ {from} → {to} held: {held} waiting")
    } else if held > 0 && l.extra_delay.0 == 0 {
        format!("❚❚ {held} held at {to} (click to release)")
    } else {
        format!("◷ {from} → {to} +{}", dur(l.extra_delay))
    }
}

/// Lays out the picture of `s`, its actors at `ps`.
pub fn scene<'a>(s: &'a Snapshot, ps: &[(Actor, Pos)], input: SceneInput<'_>) -> Scene<'a> {
    let ts = if input.large_words {
        &PRESENTATION_TEXT
    } else {
        &NORMAL_TEXT
    };
    let (shape, large) = (input.shape, input.large_words);
    let height = view_height(shape, large);
    let mut fixed = wall_words(s, shape, ts);
    // The boxes first: a node's words give way to theirs and to the verdict.
    let lease = lease_box(s, ps, large, ts, &mut fixed);
    let storage = storage_box(s, ps, (shape, large), input.asking, ts, &mut fixed);
    let nodes = s
        .nodes
        .iter()
        .map(|n| {
            let at = pos_of(ps, Actor::Node(n.id));
            let mut lines = words_under(n, s, large);
            if input.asking {
                hold_while_asking(&mut lines);
            }
            // Only the lines that fit above the picture's bottom edge (the first ones
            // matter most: a zombie's mark, the role, a refusal).
            let room = height - 3.0 - (at.y + NODE_R + 10.0 + ts.line);
            lines.truncate((room / ts.line_gap).floor().max(0.0) as usize + 1);
            // And only those clear of other words (another node's, a box's).
            let others = fixed.len();
            for i in 0..lines.len() {
                let chars = lines[i].text.chars().count();
                let b = LabelBox {
                    x: at.x + inside_dx(at.x, chars, ts.line, shape.width()),
                    y: at.y + NODE_R + 10.0 + ts.line + i as f64 * ts.line_gap,
                    chars,
                    size: ts.line,
                };
                if fixed[..others].iter().any(|f| f.overlaps(&b)) {
                    lines.truncate(i);
                    break;
                }
                fixed.push(b);
            }
            // The circle and the words in it.
            fixed.push(LabelBox {
                x: at.x,
                y: at.y + 16.0,
                chars: 2,
                size: 59.0,
            });
            NodeScene {
                id: n.id,
                at,
                lines,
            }
        })
        .collect();
    let links = s
        .links
        .iter()
        .map(|l| link_mark(s, ps, l, ts, &mut fixed))
        .collect();
    let (messages, drops) = labelled(s, ps, input, ts, &fixed);
    Scene {
        text: ts,
        height,
        nodes,
        lease,
        storage,
        messages,
        links,
        drops,
    }
}

/// The wall's words, which never move: its labels when the network is split, the grip's
/// when whole.
fn wall_words(s: &Snapshot, shape: Shape, ts: &TextSizes) -> Vec<LabelBox> {
    if !s.partitioned {
        return vec![LabelBox {
            x: shape.width() - 18.0,
            y: shape.height() / 2.0 + 64.0,
            chars: 4,
            size: ts.msg,
        }];
    }
    let (wall_x, apart) = (shape.wall_x(), side_label_apart(shape));
    [(wall_x, 9), (wall_x - apart, 6), (wall_x + apart, 6)]
        .into_iter()
        .map(|(x, chars)| LabelBox {
            x,
            y: 20.0,
            chars,
            size: ts.msg,
        })
        .collect()
}

/// The word under the wall's grip when the network is whole ("wall", drawn right-aligned 3
/// units from the picture's right edge), as a label: its baseline 64 units under the
/// picture's middle, just under the grip; or, where the storage's box would cover it there
/// (the larger words' wider box, at rest beside the grip), just above the box, which is
/// above the grip too.
pub fn grip_label(shape: Shape, storage: &BoxFrame, ts: &TextSizes) -> LabelBox {
    let mut under = LabelBox {
        x: 0.0,
        y: shape.height() / 2.0 + 64.0,
        chars: "wall".len(),
        size: ts.msg,
    };
    under.x = shape.width() - 3.0 - under.text_width() / 2.0;
    if !under.covers_rect(storage.at, storage.w, storage.h) {
        return under;
    }
    LabelBox {
        y: storage.at.y - storage.h / 2.0 - under.descent() - 4.0,
        ..under
    }
}

/// How far the side labels ("side A", "side B") stand from the wall.
pub fn side_label_apart(shape: Shape) -> f64 {
    match shape {
        Shape::Wide => 120.0,
        Shape::Tall => 112.0,
    }
}

/// A box at `at`: the size the layout places boxes at (`layout::extent`) in normal mode,
/// larger in presentation mode for its larger words; a title and three lines spread over it.
fn box_frame(at: Pos, presentation: bool, ts: &TextSizes) -> BoxFrame {
    let (w, h) = if presentation {
        (214.0, 136.0)
    } else {
        let (half_w, up, _) = extent(Actor::Lease);
        (2.0 * half_w, 2.0 * up)
    };
    let top = -h / 2.0 + ts.box_title + 8.0;
    let gap = (h - ts.box_title - 22.0) / 3.0;
    let rows = (0..=3).map(|i| top + i as f64 * gap).collect();
    BoxFrame { at, w, h, rows }
}

/// The words of a box (its title, then its lines) as labels others must keep off.
fn box_words(fixed: &mut Vec<LabelBox>, f: &BoxFrame, words: &[&str], ts: &TextSizes) {
    for (y, w) in f.rows.iter().zip(words) {
        fixed.push(LabelBox {
            x: f.at.x,
            y: f.at.y + y,
            chars: w.chars().count(),
            size: ts.box_text,
        });
    }
}

fn lease_box(
    s: &Snapshot,
    ps: &[(Actor, Pos)],
    presentation: bool,
    ts: &TextSizes,
    fixed: &mut Vec<LabelBox>,
) -> LeaseBox {
    let l = &s.lease;
    let (holder, left) = match (l.holder, l.left) {
        (Some(h), Some(left)) => (format!("holder {h}"), format!("{} left", dur(left))),
        _ => ("no valid lease".to_string(), "free to grant".to_string()),
    };
    let term = format!("term {}", l.term);
    let frame = box_frame(pos_of(ps, Actor::Lease), presentation, ts);
    box_words(fixed, &frame, &["LEASE STORE", &term, &holder, &left], ts);
    LeaseBox {
        frame,
        term,
        holder,
        left,
        full: lease_drawn(l.left, l.lease_len),
    }
}

fn storage_box(
    s: &Snapshot,
    ps: &[(Actor, Pos)],
    (shape, presentation): (Shape, bool),
    asking: bool,
    ts: &TextSizes,
    fixed: &mut Vec<LabelBox>,
) -> StorageBox {
    let st = &s.storage;
    let highest = st
        .highest
        .map(|h| format!("highest token {h}"))
        .unwrap_or_else(|| "no token yet".into());
    let value = st
        .value
        .map(|v| format!("value {v}"))
        .unwrap_or_else(|| "empty".into());
    let fencing = if st.fencing {
        "fencing ON"
    } else {
        "⚠ fencing OFF"
    };
    let frame = box_frame(pos_of(ps, Actor::Storage), presentation, ts);
    box_words(fixed, &frame, &["STORAGE", &highest, &value, fencing], ts);
    let notable = if asking {
        held_notable_verdict(s)
    } else {
        last_notable_verdict(s)
    };
    let callout = notable.map(|verdict| {
        let (p, bh) = (frame.at, frame.h);
        let (y1, y2) = (
            bh / 2.0 + ts.verdict + 10.0,
            bh / 2.0 + 2.0 * ts.verdict + 14.0,
        );
        let chars = verdict
            .detail
            .chars()
            .count()
            .max(verdict.headline.chars().count());
        let w = chars as f64 * ts.verdict * 0.6 + 24.0;
        // Kept inside the picture's right edge.
        let dx = (shape.width() - 6.0 - (p.x + w / 2.0)).min(0.0);
        for y in [y1, y2] {
            fixed.push(LabelBox {
                x: p.x + dx,
                y: p.y + y,
                chars,
                size: ts.verdict,
            });
        }
        Callout {
            verdict,
            dx,
            w,
            y1,
            y2,
        }
    });
    StorageBox {
        frame,
        highest,
        value,
        fencing,
        fenced: st.fencing,
        callout,
    }
}

/// An unusual link's mark: its words are standing facts, placed before any message's, at
/// the first free spot along the link.
fn link_mark<'a>(
    s: &Snapshot,
    ps: &[(Actor, Pos)],
    l: &'a LinkView,
    ts: &TextSizes,
    fixed: &mut Vec<LabelBox>,
) -> LinkMark<'a> {
    let (pa, pb) = (pos_of(ps, l.from), pos_of(ps, l.to));
    let start = edge_point(pa, pb, radius_of(l.from));
    let end = edge_point(pb, pa, radius_of(l.to));
    let text = link_words(s, l);
    let along = |t: f64| Pos {
        x: start.x + (end.x - start.x) * t,
        y: start.y + (end.y - start.y) * t,
    };
    let boxed = |p: Pos| LabelBox {
        x: p.x,
        y: p.y - 8.0,
        chars: text.chars().count(),
        size: ts.msg,
    };
    let spot = [0.7, 0.55, 0.85, 0.4, 0.3]
        .into_iter()
        .map(along)
        .find(|p| fixed.iter().all(|f| !f.overlaps(&boxed(*p))));
    if let Some(p) = spot {
        fixed.push(boxed(p));
    }
    LinkMark {
        link: l,
        start,
        mark: along(0.7),
        label: spot.map(|p| {
            (
                Pos {
                    x: p.x,
                    y: p.y - 8.0,
                },
                text,
            )
        }),
    }
}

/// The messages (labelled by urgency where there is room) and the drops that have room
/// for their mark.
fn labelled<'a>(
    s: &'a Snapshot,
    ps: &[(Actor, Pos)],
    input: SceneInput<'_>,
    ts: &TextSizes,
    fixed: &[LabelBox],
) -> (Vec<Drawn<'a>>, Vec<DropScene>) {
    let mut messages: Vec<Drawn<'a>> = Vec::new();
    let mut urgency = Vec::new();
    for m in drawn_messages(s) {
        let fl = flight(m, ps, s, input.reduced_motion, input.shape);
        if let Some(p) = label_priority(m, &fl) {
            urgency.push((p, m.id, messages.len()));
        }
        let size = if fl.old_token || m.family == MsgFamily::Write {
            ts.write
        } else {
            ts.msg
        };
        messages.push(Drawn {
            m,
            flight: fl,
            label: None,
            size,
        });
    }
    fencing_sim::order::sort_by(&mut urgency, Ord::cmp);
    let now = s.now;
    let drops: Vec<(Pos, f64)> = input
        .drops
        .iter()
        .filter(|d| now.0.saturating_sub(d.at.0) <= input.drop_window_us)
        .map(|d| {
            let age = now.0.saturating_sub(d.at.0) as f64 / input.drop_window_us.max(1) as f64;
            (drop_spot(ps, d.from, d.to, s.partitioned, input.shape), age)
        })
        .collect();
    // Above the dot; else under it, beside it, or a little along its way.
    let mut wanted: Vec<Vec<LabelBox>> = urgency
        .iter()
        .map(|(_, _, i)| {
            let d = &messages[*i];
            let (lift, chars) = (
                if d.flight.old_token { 18.0 } else { 12.0 },
                d.flight.label.chars().count(),
            );
            let side = chars as f64 * d.size * 0.31 + lift;
            let below = lift + d.size * 0.85 - 2.0;
            [
                (0.0, -lift),
                (0.0, below),
                (side, 6.0),
                (-side, 6.0),
                (28.0, -lift),
                (-28.0, -lift),
                (28.0, below),
                (-28.0, below),
            ]
            .into_iter()
            .map(|(dx, dy)| LabelBox {
                x: d.flight.at.x + dx,
                y: d.flight.at.y + dy,
                chars,
                size: d.size,
            })
            .enumerate()
            .filter(|(k, b)| {
                *k == 0
                    || b.inside(
                        input.shape.width(),
                        view_height(input.shape, input.large_words),
                    )
            })
            .map(|(_, b)| b)
            .collect()
        })
        .collect();
    wanted.extend(drops.iter().map(|(p, _)| {
        vec![LabelBox {
            x: p.x,
            y: p.y,
            chars: 9,
            size: ts.msg,
        }]
    }));
    let mut shown = place_labels(fixed, &wanted).into_iter().zip(&wanted);
    for (_, _, i) in &urgency {
        let at = messages[*i].flight.at;
        messages[*i].label = shown.next().and_then(|(k, spots)| {
            k.map(|k| Pos {
                x: spots[k].x - at.x,
                y: spots[k].y - at.y,
            })
        });
    }
    let drops = drops
        .into_iter()
        .filter(|_| shown.next().is_some_and(|(k, _)| k.is_some()))
        .map(|(at, age)| DropScene {
            at,
            opacity: (1.0 - age).clamp(0.1, 1.0),
        })
        .collect();
    (messages, drops)
}
