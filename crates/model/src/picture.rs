//! The cluster picture's model: where a message in flight is drawn and how it fades, where
//! a dropped message's mark goes, how full a lease ring or bar is, and the words under a
//! node. Geometry in the picture's own units (`layout`); the component only draws.

use crate::describe::{dur, node_words};
use crate::layout::{edge_point, pos_of, radius_of, Pos, Shape};
use fencing_sim::network::Side;
use fencing_sim::node::Role;
use fencing_sim::small_map::SmallMap;
use fencing_sim::view::{MessageView, NodeState, NodeView, Snapshot};
use fencing_sim::{Actor, Duration, SimTime};

/// A message in flight, as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    pub at: Pos,
    pub opacity: f64,
    /// It will die at the wall or at a cut link: drawn stopped there, fading.
    pub blocked: bool,
    /// The network will lose it: drawn fading as it goes.
    pub doomed: bool,
    pub label: String,
    /// A write with a token older than the term the lease store has granted: the zombie's
    /// write, drawn unmistakably.
    pub old_token: bool,
}

/// How many messages wait on the held link `from` → `to` (all of them, not only those the
/// snapshot keeps).
pub fn waiting_on(s: &Snapshot, from: Actor, to: Actor) -> usize {
    on_link(s, from, to, true)
}

/// How many messages the link `from` → `to` holds: waiting because it is held (`held`),
/// or on their way.
pub fn on_link(s: &Snapshot, from: Actor, to: Actor, held: bool) -> usize {
    s.link_counts
        .iter()
        .find(|c| (c.from, c.to, c.held) == (from, to, held))
        .map_or(0, |c| c.count)
}

/// At most this many messages of one kind on one link (one direction; held, or on their
/// way) are drawn. Thousands can pile up behind a held or slowed link, and drawing each one
/// made the page take seconds a frame; the link's label counts what waits there.
pub const MAX_DRAWN_PER_LINK: usize = 24;

/// The messages to draw, in the snapshot's order: of each kind of message on each link,
/// held or on its way, all of them up to [`MAX_DRAWN_PER_LINK`], past it the oldest half
/// (the next to arrive, a zombie's write among them) and the newest half (just sent).
pub fn drawn_messages(s: &Snapshot) -> Vec<&MessageView> {
    let mut groups: SmallMap<(Actor, Actor, bool, u8), Vec<usize>> = SmallMap::new();
    for (i, m) in s.messages.iter().enumerate() {
        groups
            .get_or_insert_with((m.from, m.to, m.held, m.family as u8), Vec::new)
            .push(i);
    }
    let mut keep = vec![false; s.messages.len()];
    for mut group in groups.into_values() {
        let n = group.len();
        if n > MAX_DRAWN_PER_LINK {
            fencing_sim::order::sort_by_key(&mut group, |&i| s.messages[i].id);
            let old = MAX_DRAWN_PER_LINK / 2;
            group = group[..old]
                .iter()
                .chain(&group[n - (MAX_DRAWN_PER_LINK - old)..])
                .copied()
                .collect();
        }
        for i in group {
            keep[i] = true;
        }
    }
    s.messages
        .iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

/// Where `m` is drawn now: along its link in proportion to its flight time (halfway with
/// reduced motion), stopped at the wall or short of a cut link if it cannot arrive.
pub fn flight(
    m: &MessageView,
    ps: &[(Actor, Pos)],
    s: &Snapshot,
    reduced: bool,
    shape: Shape,
) -> Flight {
    let wall_x = shape.wall_x();
    let a = pos_of(ps, m.from);
    let b = pos_of(ps, m.to);
    let start = edge_point(a, b, radius_of(m.from));
    let end = edge_point(b, a, radius_of(m.to));
    let span = m.deliver_at.0.saturating_sub(m.sent_at.0).max(1) as f64;
    let old_token = m.to == Actor::Storage
        && matches!(m.msg, fencing_sim::msg::Msg::Write { token, .. } if token.0 < s.lease.term.0);
    if m.held {
        // Queued at the far end of its held link, the first to arrive nearest the end.
        let ahead = s
            .messages
            .iter()
            .filter(|o| o.held && o.from == m.from && o.to == m.to && o.id < m.id)
            .count();
        let p = (0.9 - 0.05 * ahead as f64).max(0.5);
        return Flight {
            at: Pos {
                x: start.x + (end.x - start.x) * p,
                y: start.y + (end.y - start.y) * p,
            },
            opacity: 1.0,
            blocked: false,
            doomed: false,
            label: format!("❚❚ {}", short_label(m, old_token)),
            old_token,
        };
    }
    let mut p = if reduced {
        0.5
    } else {
        (s.now.0.saturating_sub(m.sent_at.0) as f64 / span).clamp(0.0, 1.0)
    };
    let side = |x: Actor| match x {
        Actor::Node(id) => s.nodes.get(id.0 as usize).and_then(|n| n.side),
        Actor::Lease => s.lease.side,
        Actor::Storage => s.storage.side,
    };
    let across_wall = matches!(
        (side(m.from), side(m.to)),
        (Some(Side::A), Some(Side::B)) | (Some(Side::B), Some(Side::A))
    );
    let cut = s
        .links
        .iter()
        .any(|l| l.cut && l.from == m.from && l.to == m.to);
    let blocked = across_wall || cut;
    let mut opacity = 1.0;
    if blocked {
        // It will die at the wall (or at the cut): stop it there and let it fade.
        let stop = if across_wall && (end.x - start.x).abs() > 1.0 {
            ((wall_x - start.x) / (end.x - start.x)).clamp(0.05, 0.95) - 0.03
        } else {
            0.8
        };
        if p > stop {
            opacity = (1.0 - (p - stop) / (1.0 - stop).max(0.01)).clamp(0.15, 1.0);
            p = stop;
        }
    } else if m.doomed {
        opacity = (1.0 - p).clamp(0.15, 1.0);
    }
    if reduced {
        opacity = if m.doomed || blocked { 0.5 } else { 1.0 };
    }
    let label = if m.doomed || blocked {
        format!("{} ✕", short_label(m, false))
    } else if old_token {
        format!("⚠ {}", short_label(m, true))
    } else {
        short_label(m, false)
    };
    // Singled out to be held where it arrives: it says so on its way.
    let label = if m.will_hold && !blocked {
        format!("{label} → ❚❚")
    } else {
        label
    };
    Flight {
        at: Pos {
            x: start.x + (end.x - start.x) * p,
            y: start.y + (end.y - start.y) * p,
        },
        opacity,
        blocked,
        doomed: m.doomed && !blocked,
        label,
        old_token,
    }
}

/// Where a message from `from` to `to` that was dropped is marked: at the wall if it
/// crossed one, else at the receiver's edge.
pub fn drop_spot(
    ps: &[(Actor, Pos)],
    from: Actor,
    to: Actor,
    partitioned: bool,
    shape: Shape,
) -> Pos {
    let wall_x = shape.wall_x();
    let a = pos_of(ps, from);
    let b = pos_of(ps, to);
    if partitioned && (b.x - a.x).abs() > 1.0 && (a.x - wall_x).signum() != (b.x - wall_x).signum()
    {
        let t = (wall_x - a.x) / (b.x - a.x);
        return Pos {
            x: wall_x,
            y: a.y + (b.y - a.y) * t,
        };
    }
    edge_point(b, a, radius_of(to))
}

/// How much of a lease is left, from 0 (none) to 1 (all of it).
pub fn lease_fraction(left: Option<Duration>, len: Duration) -> f64 {
    match left {
        Some(left) if len.0 > 0 => (left.0 as f64 / len.0 as f64).clamp(0.0, 1.0),
        _ => 0.0,
    }
}

/// The lease left as the picture draws it (a leader's ring, the lease store's bar): to the
/// hundredth, rounded. A hundredth of the ring or the bar is a pixel or two on screen, so
/// the drawing is as smooth as before, but it changes every few frames instead of every
/// frame, and the browser paints the leader and the store again only then.
pub fn lease_drawn(left: Option<Duration>, len: Duration) -> f64 {
    (lease_fraction(left, len) * 100.0).round() / 100.0
}

/// What a line of words under a node is about; the page gives each kind its look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A follower's or candidate's role ("follower", "candidate · term 34").
    Role,
    /// A leader's role, with its lease unless presentation mode gives that its own line.
    Leader,
    /// A leader's lease on a line of its own (presentation mode).
    Lease,
    /// The lease store has let go of the lease the leader still counts on.
    StoreLeaseOver,
    /// Paused, crashed, or a pause armed for the next lease check.
    State,
    /// Its clock's rate, within the drift the nodes assume.
    Clock,
    /// Its clock's rate, past the drift the nodes assume.
    ClockBeyond,
    /// How far the followers have copied the leader's writes.
    Replication,
    /// A message of an older term it just refused.
    Refusal,
    /// A zombie's mark ("ZOMBIE: term 33 < 34").
    ZombieTitle,
    /// What the zombie believes, or its old write in flight.
    Zombie,
}

impl LineKind {
    /// The lines that say the node's role (a zombie's mark takes the first one's place).
    pub fn is_role(self) -> bool {
        matches!(self, LineKind::Role | LineKind::Leader | LineKind::Lease)
    }
}

/// A line of words under a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeLine {
    pub kind: LineKind,
    pub text: String,
}

impl NodeLine {
    fn new(kind: LineKind, text: impl Into<String>) -> NodeLine {
        NodeLine {
            kind,
            text: text.into(),
        }
    }
}

/// The words under a node, first things first: its role (a leader with its lease), then
/// its state and clock. In presentation mode the term leaves the circle for the role line
/// and a leader's lease gets a line of its own.
pub fn node_lines(n: &NodeView, s: &Snapshot, presentation: bool) -> Vec<NodeLine> {
    let (now, drift_bound_ppm) = (s.now, s.drift_bound_ppm);
    let (role, state) = node_words(n, now);
    let crashed = matches!(n.state, NodeState::Crashed);
    let leader = n.role == Role::Leader && !crashed;
    let mut lines = Vec::new();
    if leader {
        // Frozen, its clock runs on and its lease runs out by it, but it does not look.
        let frozen = matches!(n.state, NodeState::Paused { .. });
        let lease = match n.lease_left {
            Some(l) if l.0 == 0 && frozen => "lease over (frozen)".into(),
            Some(l) => format!("lease {}", dur(l)),
            None => "no lease".into(),
        };
        if presentation {
            lines.push(NodeLine::new(
                LineKind::Leader,
                format!("LEADER · term {}", n.term),
            ));
            lines.push(NodeLine::new(LineKind::Lease, lease));
        } else {
            lines.push(NodeLine::new(LineKind::Leader, format!("LEADER · {lease}")));
        }
        // Its own view and the store's, when they disagree: it still counts on a lease the
        // store has let go (its clock runs slow beyond the drift bound).
        let counts_on_it = n.lease_left.is_some_and(|l| l.0 > 0);
        let store_backs_it = s.lease.holder == Some(n.id) && s.lease.term == n.term;
        if counts_on_it && !store_backs_it {
            lines.push(NodeLine::new(
                LineKind::StoreLeaseOver,
                format!("⚠ store: term {} over", n.term),
            ));
        }
    } else if !crashed {
        let role = if presentation {
            format!("{role} · term {}", n.term)
        } else {
            role
        };
        lines.push(NodeLine::new(LineKind::Role, role));
    }
    if let Some(s) = state {
        let glyph = if crashed { "✕ " } else { "❚❚ " };
        lines.push(NodeLine::new(LineKind::State, format!("{glyph}{s}")));
    } else if n.pause_armed {
        lines.push(NodeLine::new(LineKind::State, "◔ pause armed"));
    }
    if n.clock_rate_ppm != 0 {
        let pct = crate::clock::percent_text(n.clock_rate_ppm);
        if crate::clock::beyond_bound(n.clock_rate_ppm, drift_bound_ppm) {
            lines.push(NodeLine::new(
                LineKind::ClockBeyond,
                format!("clock {pct} ⚠ past the bound"),
            ));
        } else {
            lines.push(NodeLine::new(LineKind::Clock, format!("clock {pct}")));
        }
    }
    lines
}

/// At most this many lines of words under a node.
pub const MAX_LINES_UNDER: usize = 4;

/// The words under a node as the picture shows them: a zombie's mark first ("ZOMBIE: term
/// 33 < 34", then what it believes or its old write in flight) in its role's place, else
/// its role; a refusal right after the role's lines (in the lowest nodes, where only a few
/// lines fit, it is the news); replication on a follower's role line or a line of its own;
/// then its state and clock. At most [`MAX_LINES_UNDER`].
pub fn words_under(n: &NodeView, s: &Snapshot, presentation: bool) -> Vec<NodeLine> {
    let mut lines = node_lines(n, s, presentation);
    let after_role = |lines: &[NodeLine]| lines.iter().take_while(|l| l.kind.is_role()).count();
    if let Some(rep) = replication_words(n, s) {
        match lines.first_mut() {
            Some(first) if first.kind == LineKind::Role && !presentation => {
                first.text = format!("{} · {rep}", first.text)
            }
            _ => {
                let at = after_role(&lines);
                lines.insert(at, NodeLine::new(LineKind::Replication, rep))
            }
        }
    }
    if let Some(r) = refusal_words(n, s.now, presentation) {
        let at = after_role(&lines);
        lines.insert(at, NodeLine::new(LineKind::Refusal, r));
    }
    if let Some(z) = zombie(n, s) {
        let (title, line) = z.mark();
        if lines.first().is_some_and(|l| l.kind.is_role()) {
            lines.remove(0);
        }
        lines.insert(0, NodeLine::new(LineKind::Zombie, line));
        lines.insert(0, NodeLine::new(LineKind::ZombieTitle, title));
    }
    lines.truncate(MAX_LINES_UNDER);
    lines
}

/// The words under a node while a lesson's question asks: a zombie's mark keeps its old
/// term but not the comparison ("ZOMBIE: term 33", not "… < 34"), which would often
/// answer the question; what became of its old write says what the storage did, not why
/// ("its write was taken", not "ACCEPTED stale" or "through the gap"), as the storage
/// table does.
pub fn hold_while_asking(lines: &mut [NodeLine]) {
    for l in lines.iter_mut() {
        match l.kind {
            LineKind::ZombieTitle => {
                if let Some(cut) = l.text.find(" < ") {
                    l.text.truncate(cut);
                }
            }
            LineKind::Zombie => {
                if l.text.starts_with("refused") {
                    l.text = "its write was refused".into();
                } else if l.text.contains("ACCEPTED") || l.text.contains("through the gap") {
                    l.text = "its write was taken".into();
                }
            }
            _ => {}
        }
    }
}

/// A message's label in the picture, where room is short: a write to the storage is named
/// by the token it carries ("token 34", "old token 33"); the rest as the trace names them.
fn short_label(m: &fencing_sim::view::MessageView, old_token: bool) -> String {
    match m.msg {
        fencing_sim::msg::Msg::Write {
            token,
            value: Some(_),
        } => format!("{}token {token}", if old_token { "old " } else { "" }),
        _ if old_token => format!("{} (old token)", m.label),
        _ => m.label.clone(),
    }
}

/// What a screen reader hears for a node: "n2: LEADER, term 34, selected".
pub fn node_label(n: &NodeView, now: SimTime, selected: bool) -> String {
    let (role, state) = node_words(n, now);
    let crashed = matches!(n.state, NodeState::Crashed);
    format!(
        "{}: {}{}, term {}{}{}",
        n.id,
        if crashed { "crashed (was " } else { "" },
        if crashed { format!("{role})") } else { role },
        n.term,
        state
            .filter(|_| !crashed)
            .map(|s| format!(", {s}"))
            .unwrap_or_default(),
        if selected { ", selected" } else { "" }
    )
}

/// Why a node is a zombie, if it is one: it still believes it leads with a term older than
/// the one the lease store has granted since (frozen, cut off, or just woken and not yet
/// told), or a write it sent with an old token is still on its way to the storage. The
/// picture marks it for as long as either holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zombie {
    /// What it believes: "thinks it leads, term 33".
    pub believes: Option<String>,
    /// The old token of a write of its still in flight to the storage.
    pub write_in_flight: Option<u64>,
    /// What became of its old write, for `AFTERMATH_US` after the storage's verdict:
    /// "refused: token 33 < 34", "ACCEPTED stale token 33"; with the token.
    pub aftermath: Option<(u64, String)>,
    /// The term the lease store has granted since.
    pub granted: u64,
    /// Its own term.
    pub term: u64,
    /// Paused: its clock runs on, but it does not look at it.
    pub frozen: bool,
}

/// How long a zombie stays marked after the storage's verdict on its old write, so the
/// mark and the verdict are seen together.
pub const AFTERMATH_US: u64 = 3_000_000;

impl Zombie {
    /// The mark's words: "ZOMBIE · thinks it leads, term 33 < 34 · its write with token 33
    /// in flight".
    pub fn words(&self) -> String {
        let mut w = String::from("ZOMBIE");
        if let Some(b) = &self.believes {
            w.push_str(" · ");
            w.push_str(b);
        }
        if let Some(t) = self.write_in_flight {
            w.push_str(&format!(" · its write with token {t} in flight"));
        }
        if let Some((_, a)) = &self.aftermath {
            w.push_str(" · ");
            w.push_str(a);
        }
        w
    }

    /// The two lines of its mark in the picture: "ZOMBIE: term 33 < 34" and "thinks it
    /// still LEADS" ("frozen, thinks it LEADS" while paused: it does not look at its
    /// clock); once it has stepped down, "ZOMBIE: old token 33" and what its old write is
    /// doing or became. "token 33 < 34" is kept for a refusal, which a stale write taken
    /// with fencing off is not.
    pub fn mark(&self) -> (String, String) {
        let believes = if self.frozen {
            "frozen, thinks it LEADS"
        } else {
            "thinks it still LEADS"
        };
        match (&self.believes, self.write_in_flight, &self.aftermath) {
            (Some(_), _, _) | (None, None, None) => (
                format!("ZOMBIE: term {} < {}", self.term, self.granted),
                if self.believes.is_some() {
                    believes.to_string()
                } else {
                    String::new()
                },
            ),
            (None, Some(t), _) => (
                format!("ZOMBIE: old token {t}"),
                "its write in flight".to_string(),
            ),
            (None, None, Some((t, a))) => (format!("ZOMBIE: old token {t}"), a.clone()),
        }
    }
}

/// `n` as a zombie in `s`, or `None` when it is not one.
pub fn zombie(n: &NodeView, s: &Snapshot) -> Option<Zombie> {
    let granted = s.lease.term;
    let believes =
        (n.role == Role::Leader && !matches!(n.state, NodeState::Crashed) && n.term < granted)
            .then(|| format!("thinks it leads, term {} < {}", n.term, granted));
    let write_in_flight = s
        .messages
        .iter()
        .filter(|m| m.from == Actor::Node(n.id) && m.to == Actor::Storage)
        .filter_map(|m| match m.msg {
            fencing_sim::msg::Msg::Write { token, .. } if token.0 < granted.0 => Some(token.0),
            _ => None,
        })
        .min();
    let aftermath = s
        .storage
        .recent
        .iter()
        .rev()
        .take_while(|r| r.at.0 + AFTERMATH_US >= s.now.0)
        .find(|r| r.node == n.id && r.token.0 < granted.0)
        .and_then(|r| match r.verdict {
            fencing_sim::storage::Verdict::Rejected { highest } => {
                Some((r.token.0, format!("refused: token {} < {highest}", r.token)))
            }
            fencing_sim::storage::Verdict::StaleAccepted { .. } => {
                Some((r.token.0, format!("ACCEPTED stale token {}", r.token)))
            }
            fencing_sim::storage::Verdict::Superseded { .. } => {
                Some((r.token.0, format!("token {} got through the gap", r.token)))
            }
            fencing_sim::storage::Verdict::Accepted => None,
        });
    (believes.is_some() || write_in_flight.is_some() || aftermath.is_some()).then_some(Zombie {
        believes,
        write_in_flight,
        aftermath,
        granted: granted.0,
        term: n.term.0,
        frozen: matches!(n.state, NodeState::Paused { .. }),
    })
}

/// The storage box's last notable verdict, kept until the next one: a headline ("⊘
/// rejected"), what it was ("n4's token 33 < 34") and the verdict itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotableVerdict {
    pub headline: &'static str,
    pub detail: String,
    pub verdict: fencing_sim::storage::Verdict,
}

impl NotableVerdict {
    pub fn words(&self) -> String {
        format!("{} {}", self.headline, self.detail)
    }
}

/// The storage's latest write record it did not simply accept, if any is still in its
/// history.
fn last_not_accepted(s: &Snapshot) -> Option<&fencing_sim::storage::WriteRecord> {
    s.storage
        .recent
        .iter()
        .rev()
        .find(|r| r.verdict != fencing_sim::storage::Verdict::Accepted)
}

/// The latest write the storage did not simply accept, if any is still in its history.
pub fn last_notable_verdict(s: &Snapshot) -> Option<NotableVerdict> {
    use fencing_sim::storage::Verdict;
    let r = last_not_accepted(s)?;
    let (headline, detail) = match r.verdict {
        Verdict::Rejected { highest } => (
            "⊘ rejected",
            format!("{}'s token {} < {highest}", r.node, r.token),
        ),
        // Never "token 33 < 34", a refusal's reason: this write was taken.
        // As short as the refusal's words, so the callout keeps its width.
        Verdict::StaleAccepted { .. } => (
            "⚠ ACCEPTED stale",
            format!("{}'s old token {}", r.node, r.token),
        ),
        Verdict::Superseded { granted } => (
            "↯ through the gap",
            format!("{}'s token {}, {granted} granted", r.node, r.token),
        ),
        Verdict::Accepted => return None,
    };
    Some(NotableVerdict {
        headline,
        detail,
        verdict: r.verdict,
    })
}

/// The storage box's last notable verdict while a lesson's question asks: what the storage
/// did and to whose write ("⋯ taken", "n3's token 33"), not why, as the storage table
/// says it then.
pub fn held_notable_verdict(s: &Snapshot) -> Option<NotableVerdict> {
    use fencing_sim::storage::Verdict;
    let r = last_not_accepted(s)?;
    Some(NotableVerdict {
        headline: if matches!(r.verdict, Verdict::Rejected { .. }) {
            "⋯ refused"
        } else {
            "⋯ taken"
        },
        detail: format!("{}'s token {}", r.node, r.token),
        verdict: r.verdict,
    })
}

/// A text label in the picture, as a box in the picture's units (centre `x`, baseline `y`,
/// `size` its font size), for keeping labels from covering each other.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelBox {
    pub x: f64,
    pub y: f64,
    pub chars: usize,
    pub size: f64,
}

impl LabelBox {
    /// The text's width at most: a character at most 0.62 of the font size wide (bold
    /// sans-serif digits and letters).
    pub fn text_width(&self) -> f64 {
        self.chars as f64 * self.size * 0.62
    }

    /// How far the line reaches below its baseline: 0.3 of the font size.
    pub fn descent(&self) -> f64 {
        self.size * 0.3
    }

    /// Generous bounds: the text's width and 2 units each side, the line from 0.85 of the
    /// size above the baseline to its descent below.
    fn bounds(&self) -> (f64, f64, f64, f64) {
        let half = self.text_width() / 2.0 + 2.0;
        (
            self.x - half,
            self.y - self.size * 0.85,
            self.x + half,
            self.y + self.descent(),
        )
    }

    /// Wholly inside a picture `w` wide and `h` high.
    pub fn inside(&self, w: f64, h: f64) -> bool {
        let (x0, y0, x1, y1) = self.bounds();
        x0 >= 0.0 && y0 >= 0.0 && x1 <= w && y1 <= h
    }

    /// Overlaps the rectangle `w` wide and `h` high centred on `at`.
    pub fn covers_rect(&self, at: Pos, w: f64, h: f64) -> bool {
        let (x0, y0, x1, y1) = self.bounds();
        x0 < at.x + w / 2.0 && at.x - w / 2.0 < x1 && y0 < at.y + h / 2.0 && at.y - h / 2.0 < y1
    }

    pub fn overlaps(&self, other: &LabelBox) -> bool {
        let (a0, b0, a1, b1) = self.bounds();
        let (c0, d0, c1, d1) = other.bounds();
        a0 < c1 && c0 < a1 && b0 < d1 && d0 < b1
    }
}

/// Where each of `wanted` labels goes, in order of priority: the first of its spots that
/// covers no `fixed` label (node words, box words) nor a label placed before it (its
/// index), or none: greedy, first come first served.
pub fn place_labels(fixed: &[LabelBox], wanted: &[Vec<LabelBox>]) -> Vec<Option<usize>> {
    let mut placed: Vec<LabelBox> = fixed.to_vec();
    wanted
        .iter()
        .map(|spots| {
            let k = spots
                .iter()
                .position(|l| placed.iter().all(|p| !p.overlaps(l)));
            placed.extend(k.map(|k| spots[k]));
            k
        })
        .collect()
}

/// Font sizes in the picture's own units: with the picture at its smallest on a 1280- or
/// 1366-pixel-wide screen (about 0.9 of its units per pixel), normal mode draws no text
/// under 12 px and presentation mode node words and verdicts at 18 px or more.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextSizes {
    pub name: f64,
    /// The term inside the circle (normal mode; presentation puts it on the role line).
    pub term: f64,
    /// The words under a node, and the gap between their lines.
    pub line: f64,
    pub line_gap: f64,
    pub box_title: f64,
    pub box_text: f64,
    /// Message and mark labels; a write's; the storage's verdict callout.
    pub msg: f64,
    pub write: f64,
    pub verdict: f64,
    /// The term inside the circle under the name (else on the role line).
    pub term_inside: bool,
}

impl TextSizes {
    /// The smallest of these sizes.
    pub fn smallest(&self) -> f64 {
        [
            self.name,
            self.term,
            self.line,
            self.box_title,
            self.box_text,
            self.msg,
            self.write,
            self.verdict,
        ]
        .into_iter()
        .fold(f64::INFINITY, f64::min)
    }
}

pub const NORMAL_TEXT: TextSizes = TextSizes {
    name: 20.0,
    term: 14.0,
    line: 14.5,
    line_gap: 18.0,
    box_title: 14.0,
    box_text: 15.5,
    msg: 14.0,
    write: 15.5,
    verdict: 17.0,
    term_inside: true,
};

pub const PRESENTATION_TEXT: TextSizes = TextSizes {
    name: 26.0,
    term: 20.5,
    line: 20.5,
    line_gap: 24.0,
    box_title: 20.5,
    box_text: 21.0,
    msg: 20.5,
    write: 21.0,
    verdict: 22.0,
    term_inside: false,
};

/// Whether a message in flight gets a label, and how urgently (lower first): the labels
/// that teach win where room is short: an old-token or held write, then any write, a
/// rejection, a refused heartbeat, lease grants and denials. Heartbeats, plain
/// acknowledgements, renewals and "ok" replies are dots only: they are the background.
pub fn label_priority(m: &MessageView, fl: &Flight) -> Option<u8> {
    use fencing_sim::msg::Msg;
    let p = match &m.msg {
        _ if fl.old_token => 0,
        Msg::Write { .. } if m.held || m.will_hold => 0,
        Msg::Write { .. } => 1,
        Msg::WriteReply {
            accepted: false, ..
        } => 2,
        Msg::HeartbeatAck { ok: false, .. } => 3,
        Msg::Granted { .. } | Msg::Denied { .. } | Msg::RenewDenied { .. } => 4,
        Msg::Acquire { .. } => 5,
        _ if fl.blocked || fl.doomed => 6,
        _ => return None,
    };
    Some(p)
}

/// How long a follower's refusal of an old term stays written under it.
pub const REFUSAL_SHOWN_US: u64 = 3_000_000;

/// "refused term 33 < 34" ("refused 33 < 34" when `short`, for presentation mode's larger
/// words), under a node for a while after it refused a message from an older term.
pub fn refusal_words(n: &NodeView, now: SimTime, short: bool) -> Option<String> {
    let r = n.refused?;
    let term = if short { "" } else { "term " };
    (now.0.saturating_sub(r.at.0) <= REFUSAL_SHOWN_US)
        .then(|| format!("refused {term}{} < {}", r.term, r.current))
}

/// The leader's view of each follower, for its tooltip and accessible name: "followers as
/// n2 knows them: n0 has 20, n1 has 20, n3 has 20, n4 has 17 (3 behind); a majority
/// holds 20 of 20".
pub fn leader_view_words(n: &NodeView, s: &Snapshot) -> Option<String> {
    let r = s.replication.as_ref().filter(|r| r.leader == n.id.0)?;
    let each: Vec<String> = r
        .followers
        .iter()
        .map(|f| match f.behind {
            0 => format!("n{} has {}", f.node, f.matched),
            b => format!("n{} has {} ({b} behind)", f.node, f.matched),
        })
        .collect();
    Some(format!(
        "followers as {} knows them: {}; a majority holds {} of {} writes",
        n.id,
        each.join(", "),
        r.high_water_mark,
        r.seq
    ))
}

/// Replication in a node's words, against the current leader: a follower of it says how
/// far behind its writes it is ("1 behind", "up to date"); the leader says what a majority
/// holds ("majority holds 7 of 8 writes"). `None` for anyone else, or before the leader has written.
pub fn replication_words(n: &NodeView, s: &Snapshot) -> Option<String> {
    let r = s.replication.as_ref()?;
    if r.seq == 0 {
        return None;
    }
    if n.id.0 == r.leader {
        return Some(format!(
            "majority holds {} of {} writes",
            r.high_water_mark, r.seq
        ));
    }
    if n.role != Role::Follower || n.leader.map(|l| l.0) != Some(r.leader) {
        return None;
    }
    let behind = r.seq.saturating_sub(n.seq);
    Some(if behind == 0 {
        "up to date".to_string()
    } else {
        format!("{behind} behind")
    })
}
