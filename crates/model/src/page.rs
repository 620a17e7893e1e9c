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
use fencing_sim::node::Role;
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
    if lab.view.touch || lab.view.fit.shape == crate::layout::Shape::Tall {
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
    /// The picture's width and height in its own units.
    pub view_width: f64,
    pub view_height: f64,
    /// The panel stands left of the node (else right of it).
    pub left: bool,
}

impl NodeActionsView {
    /// The actions of the selected node when they are open; `briefs` are the run's nodes.
    /// Beside the node, on the side with more room unless that covers a node the story is
    /// about (one that leads or believes it leads, or holds the lease); hidden while both
    /// sides would (`panel_covers`).
    pub fn of(lab: &Lab, briefs: &[NodeBrief]) -> Option<NodeActionsView> {
        let id = lab.view.selected.filter(|_| lab.view.actions_open)?;
        let node = briefs.get(id.0 as usize)?.clone();
        let snap = &lab.run.snapshot;
        let fit = lab.view.fit;
        let ps = positions_in(snap, fit.shape);
        let at = pos_of(&ps, Actor::Node(id));
        let (w, h) = (
            fit.shape.width(),
            view_height(fit.shape, lab.view.large_words()),
        );
        let free = |left: bool| {
            !snap.nodes.iter().any(|n| {
                n.id != id
                    && (n.role == Role::Leader || snap.lease.holder == Some(n.id))
                    && panel_covers(at, left, h, pos_of(&ps, Actor::Node(n.id)))
            })
        };
        let roomy = at.x > w * 0.45;
        let left = [roomy, !roomy].into_iter().find(|l| free(*l))?;
        Some(NodeActionsView {
            at,
            node,
            pause_secs: lab.view.pause_secs,
            drift_bound_ppm: lab.config().drift_bound_ppm,
            view_width: w,
            view_height: h,
            left,
        })
    }
}

/// True when a node's actions panel, open beside a node at `at` (to its left or right) in a
/// picture `h` high, covers any of a node drawn at `p`. The panel as the page places it
/// (`node_actions.rs`): 52 px from the node's centre, 17.5rem (280 px) wide, its top 110 px
/// above the centre and kept inside the picture, up to 350 px tall; at 1280 × 720 the
/// picture draws about one of its units per pixel.
pub fn panel_covers(at: Pos, left: bool, h: f64, p: Pos) -> bool {
    let (x0, x1) = if left {
        (at.x - 332.0, at.x - 52.0)
    } else {
        (at.x + 52.0, at.x + 332.0)
    };
    let top = (at.y - 110.0).min(h - 350.0).max(4.0);
    let r = NODE_R + 4.0;
    p.x + r > x0 && p.x - r < x1 && p.y + r > top && p.y - r < top + 350.0
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
