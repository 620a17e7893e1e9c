//! The page's frame, prepared for its components: what the stage shows (the picture, the
//! diagram, the compare halves and their titles, the bar's hint, the slow-motion badge),
//! where the selected node's actions open, the side column's twin storage in words, the
//! findings strips' labels, the status line, the exported diagram's file name and the
//! path entry being taken. The components draw these; they decide nothing.

use crate::derived::{self, NodeBrief};
use crate::lab::Lab;
use crate::layout::{pos_of, positions_in, view_height, Pos, NODE_R};
use crate::pacing::count;
use crate::page_link::Panel;
use crate::path::{self, Entry};
use crate::quiz::{Proof, QuestionView};
use fencing_sim::view::StorageView;
use fencing_sim::{Actor, SimTime};
use std::rc::Rc;

/// What the stage (the picture and the diagram, with their bar) shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StageView {
    pub picture: bool,
    pub diagram: bool,
    /// The diagram is the stage's main view (the bar's tabs).
    pub diagram_view: bool,
    /// The lesson maker is open (its button in the bar is on).
    pub author_open: bool,
    /// The high-contrast theme is on (its switch in the bar).
    pub high_contrast: bool,
    /// How to act on the picture, with this run's node numbers.
    pub hint: String,
    /// Slow motion in force while playing, for a badge on the picture.
    pub slow_badge: Option<String>,
    /// In compare mode, the titles of this run's half and of the twin's.
    pub halves: Option<(String, String)>,
}

impl StageView {
    pub fn of(lab: &Lab) -> StageView {
        StageView {
            picture: lab.shows(Panel::Picture),
            diagram: lab.shows(Panel::Diagram),
            diagram_view: lab.view.diagram_view,
            author_open: lab.teaching.author.open,
            high_contrast: lab.view.theme.high_contrast(),
            hint: hint(lab, true),
            slow_badge: derived::slow_motion_text(lab),
            halves: lab.run.twin.as_ref().map(|t| {
                (
                    format!("This run: {}", t.knob.words(lab.config())),
                    format!("Twin: same seed and actions, {}", t.differs()),
                )
            }),
        }
    }

    /// The stage as the tools shown have it: without the network tools, the hint does
    /// not offer to split the network by hand (no wall is drawn to split across).
    pub fn with_tools(mut self, lab: &Lab, tools: crate::first_view::Tools) -> StageView {
        if !tools.network {
            self.hint = hint(lab, false);
        }
        self
    }

    /// The stage is on the page when it shows the picture or the diagram.
    pub fn shown(&self) -> bool {
        self.picture || self.diagram
    }
}

/// How to act on the picture, with this run's node numbers; `split`: splitting the
/// network by hand too. On a phone (the tall picture) the hint is for a finger, and says
/// what a tap on a message does, which a mouse finds by its tooltip.
fn hint(lab: &Lab, split: bool) -> String {
    let split = if split {
        " · drag one across the wall to split"
    } else {
        ""
    };
    // On a phone (the tall picture) or any screen worked by a finger, the hint is for a
    // finger (no number keys), and says what a tap on a message does, which a mouse finds
    // by its tooltip.
    if lab.view.by_finger() {
        format!("Tap a node for its actions{split} · tap a moving message to hold it")
    } else {
        format!(
            "Click a node (or press 0–{}) for its actions{split}",
            lab.sim().node_count().saturating_sub(1)
        )
    }
}

/// The selected node's actions, open beside it in the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeActionsView {
    pub node: NodeBrief,
    /// Where the node stands (the picture's units).
    pub at: Pos,
    pub pause_secs: u32,
    pub drift_bound_ppm: u64,
    /// Where the actions stand (`place_actions`).
    pub place: ActionsAt,
}

/// Where a node's actions stand on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ActionsAt {
    /// Over the picture: their top-left corner in the picture's box (CSS pixels).
    Over { left: f64, top: f64 },
    /// Under the picture, its full width: no place on it fits and covers none of the
    /// actors.
    Docked,
    /// At the top of the story's column, where it stands beside the picture: over none of
    /// it, so every node, box and message stays in sight and in reach.
    Side,
}

/// The actions panel's size on the page (CSS pixels): 17.5rem wide, about 306 px tall
/// (with a margin), and up to 350 px with the clock's warning.
pub const ACTIONS_PX: (f64, f64) = (280.0, 316.0);
const ACTIONS_WARNED_H: f64 = 350.0;

impl NodeActionsView {
    /// The actions of the selected node when they are open; `briefs` are the run's nodes.
    /// At the top of the story's column where it stands beside the picture; else placed
    /// by `place_actions` on the picture clear of every actor (a node, the lease store,
    /// the storage) and the wall's grip, each staying in sight and in reach, or docked
    /// under it.
    pub fn of(lab: &Lab, briefs: &[NodeBrief]) -> Option<NodeActionsView> {
        let id = lab.view.selected.filter(|_| lab.view.actions_open)?;
        let node = briefs.get(id.0 as usize)?.clone();
        let snap = &lab.run.snapshot;
        let fit = lab.view.fit;
        let ps = positions_in(snap, fit.shape);
        let at = pos_of(&ps, Actor::Node(id));
        let units = (
            fit.shape.width(),
            view_height(fit.shape, lab.view.large_words()),
        );
        let actors: Vec<Pos> = ps
            .iter()
            .map(|(_, p)| *p)
            .chain([wall_grip(snap.partitioned, fit.shape)])
            .collect();
        let bound = lab.config().drift_bound_ppm;
        // Taller with the clock's warning.
        let h = if crate::clock::beyond_bound(node.clock_rate_ppm, bound) {
            ACTIONS_WARNED_H
        } else {
            ACTIONS_PX.1
        };
        let place = if lab.view.side_beside {
            ActionsAt::Side
        } else {
            place_actions(at, units, lab.view.picture_px, &actors, (ACTIONS_PX.0, h))
        };
        Some(NodeActionsView {
            at,
            node,
            pause_secs: lab.view.pause_secs,
            drift_bound_ppm: bound,
            place,
        })
    }
}

/// The middle of the wall's grip in the picture (its units): along the wall while the
/// network is split, else at the picture's right edge (`cluster::wall::grip`).
pub fn wall_grip(partitioned: bool, shape: crate::layout::Shape) -> Pos {
    let (w, h) = (shape.width(), shape.height());
    if partitioned {
        Pos {
            x: shape.wall_x(),
            y: h / 2.0 + 3.0,
        }
    } else {
        Pos {
            x: w - 15.0,
            y: h / 2.0,
        }
    }
}

/// Where the actions of the node at `at` stand, in a picture `units` wide and high drawn
/// `px` wide and high on screen, the panel `panel` wide and high (CSS px): beside the node
/// on its roomier side, else the other, else under it, else over it; the first of these
/// wholly inside the picture that covers the middle of none of the actors at `keep_clear`
/// (nor the node itself); docked under the picture if none does.
pub fn place_actions(
    at: Pos,
    units: (f64, f64),
    px: (f64, f64),
    keep_clear: &[Pos],
    (pw, ph): (f64, f64),
) -> ActionsAt {
    let (sx, sy) = (px.0 / units.0, px.1 / units.1);
    let (cx, cy) = (at.x * sx, at.y * sy);
    // Clear of the node's circle, its crown and its words.
    let gap = (NODE_R + 16.0) * sx;
    let top = (cy - 110.0).min(px.1 - ph).max(4.0);
    let mid = (cx - pw / 2.0).min(px.0 - pw - 4.0).max(4.0);
    let (right, left) = (cx + gap, cx - gap - pw);
    let sides = if at.x > units.0 * 0.45 {
        [left, right]
    } else {
        [right, left]
    };
    let r = (NODE_R + 4.0) * sx;
    // Beside it (level with it, else at the picture's top or bottom); then under or over
    // it (centred on it, else at the picture's left or right edge).
    let (bottom, edge) = (px.1 - ph - 4.0, px.0 - pw - 4.0);
    let beside = sides
        .into_iter()
        .flat_map(|x| [(x, top), (x, 4.0), (x, bottom)]);
    let across = [cy + gap + 20.0 * sy, cy - gap - ph]
        .into_iter()
        .flat_map(|y| [(mid, y), (4.0, y), (edge, y)]);
    beside
        .chain(across)
        .find(|&(x, y)| {
            x >= 0.0
                && y >= 0.0
                && x + pw <= px.0
                && y + ph <= px.1
                && keep_clear.iter().chain([&at]).all(|p| {
                    let (qx, qy) = (p.x * sx, p.y * sy);
                    qx + r <= x || qx - r >= x + pw || qy + r <= y || qy - r >= y + ph
                })
        })
        .map_or(ActionsAt::Docked, |(left, top)| ActionsAt::Over {
            left,
            top,
        })
}

/// The compare view's twin storage beside this run's: its findings in words and its table.
#[derive(Clone, Debug, PartialEq)]
pub struct TwinStorage {
    /// The box's accessible name: "the same run with fencing the other way".
    pub label: String,
    /// "Same seed and actions, fencing off: "
    pub lead: String,
    pub rejected: String,
    pub stale: String,
    pub superseded: String,
    pub violations: String,
    /// The table's heading.
    pub title: String,
    pub storage: Rc<StorageView>,
}

impl TwinStorage {
    pub fn of(lab: &Lab) -> Option<TwinStorage> {
        let tw = lab.run.twin.as_ref()?;
        let f = &tw.snapshot.findings;
        Some(TwinStorage {
            label: format!("the same run with {} the other way", tw.knob.name()),
            lead: format!("Same seed and actions, {}: ", tw.differs()),
            rejected: format!("⊘ {} rejected", f.rejected),
            stale: format!("⚠ {} stale taken", f.stale_accepted),
            superseded: format!("↯ {} through the gap", f.superseded_accepted),
            violations: count(f.violations, "violation", "violations"),
            title: format!("Storage, {}", tw.differs()),
            storage: Rc::new(tw.snapshot.storage.clone()),
        })
    }
}

/// The findings strips' labels, this run's and the twin's: none when not comparing.
pub fn findings_labels(lab: &Lab) -> (Option<String>, Option<String>) {
    let twin = lab.run.twin.as_ref();
    (
        twin.map(|tw| format!("This run, {}", tw.knob.words(lab.config()))),
        twin.map(|tw| format!("Twin, {}", tw.differs())),
    )
}

/// The status line: the last error, or else the status.
pub fn status_text(lab: &Lab) -> String {
    lab.talk
        .error
        .clone()
        .unwrap_or_else(|| lab.talk.status.clone())
}

/// The exported diagram's file name: scenario, seed and the present in ms.
pub fn diagram_file_name(lab: &Lab) -> String {
    format!(
        "{}-seed{}-{}ms.diagram.svg",
        lab.run.scenario.name,
        lab.run.scenario.seed,
        lab.now().as_ms()
    )
}

/// The entry of the path being taken: the challenge, or the lesson as written.
pub fn current_entry(lab: &Lab) -> Option<Entry> {
    match &lab.teaching.challenge {
        Some(a) => Some(Entry::Challenge(a.challenge.id)),
        None => path::entries()
            .find(|s| matches!(s, Entry::Scenario(n) if *n == lab.teaching.written.name)),
    }
}

/// After a reveal, the event that settles the question's answer, once the run has reached
/// it (the question card then says so and the storage table marks its row).
pub fn settled_proof(question: Option<&QuestionView>, now: SimTime) -> Option<Proof> {
    question?
        .reveal
        .as_ref()?
        .proof
        .clone()
        .filter(|p| p.at <= now)
}

/// A story beat's words on the timeline (its mark's tooltip and accessible name): a beat
/// the run has reached tells its line ("12.0 s: the line"); one still to come says only
/// when it comes, for its line could answer a question asked before it (ask before
/// telling: the punchline arrives with its moment).
pub fn beat_words(t: SimTime, line: &str, now: SimTime) -> String {
    let at = crate::describe::secs(t);
    if t <= now {
        format!("{at}: {line}")
    } else {
        format!("{at}: told when the run gets there")
    }
}

/// What acting now costs, said while the present is in the run's past (the timeline's
/// warning, after "Looking at the past:"): the user's `later` actions after this moment,
/// if any, are discarded with the run after it; with none, "0 later actions" would read
/// as a warning about nothing, so the run itself is named.
pub fn fork_cost(later: usize) -> String {
    match later {
        0 => "acting now discards the run after this moment".to_string(),
        1 => "acting now discards 1 later action".to_string(),
        n => format!("acting now discards {n} later actions"),
    }
}

/// Where the story's beats stand on the timeline's track, in hundredths of a percent of it
/// (CSS `left`), given each beat's moment in ms (in order) on a scale of `max_ms`, and the
/// least distance two marks need to be told apart and clicked, `gap` in hundredths of a
/// percent (a mark's width over the track's). A beat stands at its moment unless marks
/// closer than `gap` would cover each other (two lines of the story 0.1 s apart, or at the
/// same moment): those are spread `gap` apart, in order, around the middle of their
/// moments, and kept on the track. More beats than the track holds `gap` apart are spread
/// evenly over it. A `gap` of 0 (the track not measured yet) puts each at its moment.
pub fn beat_places(moments_ms: &[u64], max_ms: u64, gap: u64) -> Vec<u64> {
    const END: i64 = 10_000;
    let n = moments_ms.len() as i64;
    let gap = (gap as i64).min(END / (n - 1).max(1));
    // Runs of marks `gap` apart, each as (count, sum of wanted places, first place).
    let mut runs: Vec<(i64, i64, i64)> = Vec::with_capacity(moments_ms.len());
    for &ms in moments_ms {
        let want = (ms.min(max_ms) * 10_000 / max_ms.max(1)) as i64;
        let (mut count, mut sum, mut first) = (1, want, want);
        // Merge with the run before while it would reach into this one. The first place
        // that keeps a run's marks, on average, at their moments: its k-th mark wants
        // `want - k·gap` for the first one.
        while let Some(&(c, s, f)) = runs.last() {
            if f + c * gap <= first {
                break;
            }
            runs.pop();
            count += c;
            sum += s;
            first = (sum - gap * count * (count - 1) / 2).div_euclid(count);
            first = first.clamp(0, END - (count - 1) * gap);
        }
        runs.push((count, sum, first));
    }
    let mut places = Vec::with_capacity(moments_ms.len());
    for (count, _, first) in runs {
        for k in 0..count {
            places.push((first + k * gap) as u64);
        }
    }
    places
}

/// A place on the timeline's track (hundredths of a percent) as CSS takes it: "37.25%".
pub fn track_css(place: u64) -> String {
    format!("{}.{:02}%", place / 100, place % 100)
}

/// The timeline's scrubber: its scale and where it stands, in ms, and the run so far as a
/// share of the scale in hundredths of a percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scrub {
    pub value_ms: u64,
    pub max_ms: u64,
    pub run_so_far: u64,
}

impl Scrub {
    /// The run so far's width, as CSS takes it: "37.25%".
    pub fn run_so_far_css(&self) -> String {
        track_css(self.run_so_far)
    }
}

/// Steps a playing scrubber's scale holds at least (and fewer than twice as many): about
/// one per pixel of a laptop's track, a pixel or two on a 1920-wide window.
const SCRUB_STEPS: u64 = 600;

/// Where the scrubber stands at `now`, the run having gone to `frontier`, on a scale to
/// the later of that and `scale_end` (the scenario's length). Stopped, to the
/// millisecond. Playing, on a grid of 1/1200 to 1/600 of the scale (a power of two of
/// milliseconds, so the grid holds while the run grows): the thumb, the scale and the bar
/// of the run so far then change when they would move on screen by about a pixel, not on
/// every frame, and the browser has no input and no bar to lay out and paint again for a
/// fraction of a pixel (at 1× on a 40 s scale, a grid of 64 ms: one frame in four).
pub fn scrub(now: SimTime, frontier: SimTime, scale_end: SimTime, playing: bool) -> Scrub {
    let now_ms = now.0 / 1000;
    let exact_end = frontier.max(scale_end).0.div_ceil(1000).max(now_ms).max(1);
    let step = if playing {
        let fine = (exact_end / SCRUB_STEPS).max(1);
        1u64 << (63 - fine.leading_zeros())
    } else {
        1
    };
    let max_ms = exact_end.div_ceil(step) * step;
    let on_grid = |ms: u64| ms / step * step;
    Scrub {
        value_ms: on_grid(now_ms),
        max_ms,
        run_so_far: on_grid(frontier.0 / 1000) * 10_000 / max_ms,
    }
}

/// Where the scrubber, let go at `ms`, takes the run: there, but never past the scale's
/// exact end (the later of the run so far and the scenario's length), which a playing
/// scrubber's grid may pass by up to a step: past the run, the lab runs on to the target.
pub fn scrub_target(ms: u64, frontier: SimTime, scale_end: SimTime) -> SimTime {
    SimTime::from_ms(ms).min(frontier.max(scale_end))
}
