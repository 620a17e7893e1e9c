//! One component per file; each draws what its props say and reports user actions through
//! callbacks.

pub mod author_panel;
pub mod challenge_card;
pub mod clock_rate;
pub mod cluster;
pub mod config_draft;
pub mod controls;
pub mod diagram;
pub mod event_log;
pub mod explore_panel;
pub mod findings;
pub mod help;
pub mod lesson_end;
pub mod links;
pub mod log_row;
pub mod narration;
pub mod node_actions;
pub mod path_panel;
pub mod phone_tabs;
pub mod question;
pub mod reading;
pub mod settings_panel;
pub mod share_panel;
pub mod side_column;
pub mod stage;
pub mod stage_bar;
pub mod storage_panel;
pub mod term;
pub mod timeline_bar;
pub mod tool_panel;
pub mod toolbar;
pub mod welcome;
pub mod write_row;

use fencing_model::Action;
use yew::{AttrValue, Callback, MouseEvent};

/// A click that sends `action`.
pub fn sends(on_action: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    let cb = on_action.clone();
    Callback::from(move |_: MouseEvent| cb.emit(action.clone()))
}

/// A number as the pictures' attributes write it (one decimal), made the attribute's value
/// here once rather than converted from a `String` at each of the many places that use it.
pub fn f(v: f64) -> AttrValue {
    AttrValue::from(fencing_sim::num::fixed(v, 1))
}
