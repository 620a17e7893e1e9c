//! The keyboard shortcuts: which key does what, outside text fields.

use crate::action::{Action, NodeCmd};
use fencing_sim::NodeId;

/// The action for a key pressed outside a text field, if it is a shortcut.
pub fn key_action(key: &str, shift: bool) -> Option<Action> {
    Some(match key {
        " " | "Spacebar" => Action::TogglePlay,
        "ArrowRight" => Action::Step,
        "ArrowLeft" => Action::StepBack,
        "+" | "=" => Action::Faster,
        "-" | "_" => Action::Slower,
        "0" | "1" | "2" | "3" | "4" | "5" | "6" => {
            Action::Select(key.parse::<u8>().ok().map(NodeId))
        }
        "l" | "L" => Action::SelectLeader,
        "p" => Action::PauseSelected {
            worst_moment: false,
            until_resumed: false,
        },
        "P" => Action::PauseSelected {
            worst_moment: true,
            until_resumed: false,
        },
        "u" | "U" => Action::PauseSelected {
            worst_moment: false,
            until_resumed: true,
        },
        "r" if !shift => Action::OnSelected(NodeCmd::Resume),
        "R" => Action::Reset,
        "c" | "C" => Action::OnSelected(NodeCmd::Crash),
        "s" | "S" => Action::OnSelected(NodeCmd::Restart),
        "h" | "H" => Action::Heal,
        "f" | "F" => Action::ToggleFencing,
        "b" | "B" => Action::ToggleBarrier,
        "o" | "O" => Action::ToggleScriptedFaults,
        "m" | "M" => Action::TogglePresentation,
        "?" => Action::ShowHelp(true),
        "Escape" => Action::ShowHelp(false),
        _ => return None,
    })
}
