//! The keyboard shortcuts: which key does what, outside text fields, and the list the `?`
//! overlay shows (tested to match: every listed key works, every working key is listed).

use crate::action::{Action, NodeCmd};
use fencing_sim::NodeId;

/// The action for a key pressed outside a text field, if it is a shortcut; the keys for a
/// node's actions act on the `selected` node.
pub fn key_action(key: &str, shift: bool, selected: Option<NodeId>) -> Option<Action> {
    let on_node = |cmd: NodeCmd| match selected {
        Some(node) => Action::Node { node, cmd },
        None => Action::NodeNeeded,
    };
    let nudge = |toward_b: bool| match selected {
        Some(n) => Action::Nudge {
            actor: fencing_sim::Actor::Node(n),
            toward_b,
        },
        None => Action::NodeNeeded,
    };
    Some(match key {
        " " | "Spacebar" => Action::TogglePlay,
        "ArrowRight" if shift => Action::NextKeyEvent,
        "ArrowRight" => Action::Step,
        "n" | "N" => Action::NextKeyEvent,
        "d" | "D" => Action::ToggleDiagram,
        "k" | "K" => Action::ToggleBeatStops,
        "]" => Action::NextCheckpoint,
        "[" => Action::PrevCheckpoint,
        "v" | "V" => Action::RevealAnswer,
        "ArrowLeft" => Action::StepBack,
        "+" | "=" => Action::Faster,
        "-" | "_" => Action::Slower,
        "0" | "1" | "2" | "3" | "4" | "5" | "6" => {
            Action::Select(key.parse::<u8>().ok().map(NodeId))
        }
        "l" | "L" => Action::SelectLeader,
        "p" => on_node(NodeCmd::Pause {
            worst_moment: false,
            until_resumed: false,
        }),
        "P" => on_node(NodeCmd::Pause {
            worst_moment: true,
            until_resumed: false,
        }),
        "u" | "U" => on_node(NodeCmd::Pause {
            worst_moment: false,
            until_resumed: true,
        }),
        "r" if !shift => on_node(NodeCmd::Resume),
        "R" => Action::Reset,
        "c" | "C" => on_node(NodeCmd::Crash),
        "s" | "S" => on_node(NodeCmd::Restart),
        "h" | "H" => Action::Heal,
        "<" | "," => nudge(false),
        ">" | "." => nudge(true),
        "f" | "F" => Action::ToggleFencing,
        "b" | "B" => Action::ToggleBarrier,
        "o" | "O" => Action::ToggleScriptedFaults,
        "q" | "Q" => Action::ToggleQuestions,
        "g" | "G" => Action::ShowPath(true),
        "i" | "I" => Action::ShowHint,
        "m" | "M" => Action::TogglePresentation,
        "?" => Action::ShowHelp(true),
        "Escape" => Action::Dismiss,
        _ => return None,
    })
}

/// < and > (or , and .) on a focused actor in the picture: one step towards side A
/// (false) or side B (true).
pub fn nudge_key(key: &str) -> Option<bool> {
    match key {
        "<" | "," => Some(false),
        ">" | "." => Some(true),
        _ => None,
    }
}

/// While a lesson's question is on screen: 1–4 answer it, Esc closes it.
pub fn question_key(key: &str, asking: bool) -> Option<Action> {
    match key {
        "1" | "2" | "3" | "4" if asking => key.parse::<usize>().ok().map(|n| Action::Answer(n - 1)),
        "Escape" => Some(Action::CloseQuestion),
        _ => None,
    }
}

/// What the page's key handler needs to know of the lab: whether an overlay (help or the
/// path) or a question is on screen, whether the question is asking, the selected node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyContext {
    pub overlay_open: bool,
    pub question_open: bool,
    pub asking: bool,
    pub selected: Option<NodeId>,
}

impl KeyContext {
    pub fn of(lab: &crate::lab::Lab) -> KeyContext {
        KeyContext {
            overlay_open: lab.view.help_open || lab.view.path_open,
            question_open: lab.teaching.quiz.is_open(),
            asking: lab.teaching.quiz.asking(),
            selected: lab.view.selected,
        }
    }
}

/// The action a key press on the page gives (no Ctrl, Meta or Alt; not a key its control
/// keeps): an overlay takes only Esc and `?`; a question on screen takes 1–4 and Esc
/// first; then the shortcuts.
pub fn page_key(cx: KeyContext, key: &str, shift: bool) -> Option<Action> {
    if cx.overlay_open && key != "Escape" && key != "?" {
        return None;
    }
    (cx.question_open && !cx.overlay_open)
        .then(|| question_key(key, cx.asking))
        .flatten()
        .or_else(|| key_action(key, shift, cx.selected))
}

/// A shortcut as the `?` overlay lists it: how it is written, the keys that give it (with
/// Shift or not), and what it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shortcut {
    pub label: &'static str,
    pub keys: &'static [(&'static str, bool)],
    pub does: &'static str,
}

const fn sc(
    label: &'static str,
    keys: &'static [(&'static str, bool)],
    does: &'static str,
) -> Shortcut {
    Shortcut { label, keys, does }
}

/// What the picture's own controls take, beyond the shortcuts (the `?` overlay lists these
/// too): the wall is a slider, actors and messages are dragged or clicked.
pub const IN_THE_PICTURE: &[(&str, &str)] = &[
    (
        "Tab to the wall, then ← → (Home, End)",
        "move the partition wall one actor at a time; Enter raises it there, Esc cancels",
    ),
    (
        "Tab to an actor, then < >",
        "move that node, the lease store or the storage one step across the wall",
    ),
    (
        "Drag a node or a box",
        "left of the wall: side A; onto it: both sides; right of it: side B",
    ),
    (
        "Drag the wall",
        "everyone right of it goes to side B (its grip is at the right edge while the network is whole)",
    ),
    (
        "Click a message in flight",
        "hold it where it arrives (the network panel lists them too); click it waiting to release its link",
    ),
    ("Click a link", "pick it in the network panel: cut, delay or hold it one way"),
];

pub const SHORTCUTS: &[Shortcut] = &[
    sc("Space", &[(" ", false)], "play / stop"),
    sc("→", &[("ArrowRight", false)], "step to the next event"),
    sc(
        "N or Shift + →",
        &[("n", false), ("ArrowRight", true)],
        "run on to the next key event (skips heartbeats)",
    ),
    sc(
        "←",
        &[("ArrowLeft", false)],
        "step back to just before the previous event",
    ),
    sc("+ / −", &[("+", false), ("-", false)], "faster / slower"),
    sc(
        "0 – 6",
        &[
            ("0", false),
            ("1", false),
            ("2", false),
            ("3", false),
            ("4", false),
            ("5", false),
            ("6", false),
        ],
        "select node n0 … n6",
    ),
    sc("L", &[("l", false)], "select the current leader"),
    sc(
        "P",
        &[("p", false)],
        "pause the selected node for the chosen time",
    ),
    sc(
        "Shift + P",
        &[("P", true)],
        "pause it at the worst moment (right after its next lease check)",
    ),
    sc("U", &[("u", false)], "pause it until resumed"),
    sc("R", &[("r", false)], "resume it"),
    sc("C", &[("c", false)], "crash it"),
    sc("S", &[("s", false)], "restart it"),
    sc(
        "< / >",
        &[("<", true), (",", false), (">", true), (".", false)],
        "move the selected node across the wall, one step: side A, on the wall (both), side B; \
         a focused lease store or storage too (the network splits or heals at once)",
    ),
    sc("H", &[("h", false)], "heal the network"),
    sc("F", &[("f", false)], "fencing on / off"),
    sc("B", &[("b", false)], "barrier on / off"),
    sc(
        "O",
        &[("o", false)],
        "the scenario's scripted faults on / off",
    ),
    sc("Shift + R", &[("R", true)], "reset the run"),
    sc("M", &[("m", false)], "presentation mode (large text)"),
    sc(
        "D",
        &[("d", false)],
        "the space-time diagram in the picture's place, and back",
    ),
    sc(
        "K",
        &[("k", false)],
        "stop at each of the story's beats, or not",
    ),
    sc("Q", &[("q", false)], "the lesson's questions on / off"),
    sc("1 – 4", &[], "answer the lesson's question on screen"),
    sc(
        "] / [",
        &[("]", false), ("[", false)],
        "teacher: the lesson's next / previous question, asked afresh",
    ),
    sc("V", &[("v", false)], "teacher: reveal the answer on screen"),
    sc(
        "G",
        &[("g", false)],
        "the lesson path: lessons and challenges, your progress",
    ),
    sc("I", &[("i", false)], "the challenge's hint"),
    sc("?", &[("?", true)], "this list"),
    sc(
        "Esc",
        &[("Escape", false)],
        "close this list, the lesson path, the selected node's actions, or a tool's panel",
    ),
];
