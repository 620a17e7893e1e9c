//! The stage's bar: the picture / space-time diagram tabs, the tools that open a panel
//! beside the picture (network, settings, explorer), Heal, the lesson maker, how to act on the
//! picture, and the high-contrast switch (for a washed-out projector). Each tool is shown
//! where the lesson uses it, or with All tools on (`first_view::Tools`); Heal and the
//! lesson maker only with All tools, and the high-contrast switch with All tools or while on.

use super::sends;
use super::term::marked;
use fencing_model::author::AuthorAction;
use fencing_model::first_view::Tool;
use fencing_model::page::StageView;
use fencing_model::Action;
use std::rc::Rc;
use yew::prelude::*;

/// What the stage's bar is drawn from.
pub struct StageBarProps {
    pub view: Rc<StageView>,
    /// The tool whose panel is open, if any.
    pub tool: Option<Tool>,
    /// The tools shown: what the lesson uses, or all.
    pub tools: fencing_model::first_view::Tools,
    pub on_action: Callback<Action>,
}

/// A plain function, not a component: the stage's view it is drawn from is made anew with
/// every frame the stage draws (a component costs the page about a kilobyte).
pub fn stage_bar(props: StageBarProps) -> Html {
    let dv = props.view.diagram_view;
    let author_open = props.view.author_open;
    // Each tab switches to its view; the one on does nothing.
    let (to_picture, to_diagram) = if dv {
        (
            sends(&props.on_action, Action::ToggleDiagram),
            Callback::noop(),
        )
    } else {
        (
            Callback::noop(),
            sends(&props.on_action, Action::ToggleDiagram),
        )
    };
    let tool_button = |t: Tool, label: &'static str| {
        let on = props.tool == Some(t);
        html! {
            <button class="btn small"
                aria-expanded={on.to_string()} onclick={sends(&props.on_action, Action::ToggleTool(t))}>
                { label }
            </button>
        }
    };
    let tools = props.tools;
    let heal = sends(&props.on_action, Action::Heal);
    let contrast = sends(&props.on_action, Action::ToggleContrast);
    let hc = props.view.high_contrast;
    let author = sends(
        &props.on_action,
        Action::Author(AuthorAction::Open(!author_open)),
    );
    html! {
        <div class="stage-bar" role="toolbar" aria-label="picture and fault tools">
            <div class="tabs" role="group" aria-label="what the stage shows">
                <button class="tab" aria-pressed={(!dv).to_string()}
                    onclick={to_picture}>
                    { "Picture" }
                </button>
                <button class="tab" aria-pressed={dv.to_string()} aria-keyshortcuts="D"
                    onclick={to_diagram}>
                    { "Space-time diagram (D)" }
                </button>
            </div>
            if tools.network { { tool_button(Tool::Network, "▮ Network…") } }
            if tools.all {
            <button class="btn small" onclick={heal}
                aria-keyshortcuts="H" title="Remove the wall and every cut (H)">{ "Heal" }</button>
            }
            if tools.settings { { tool_button(Tool::Settings, "⚙ Settings…") } }
            if tools.explorer { { tool_button(Tool::Explore, "Break this…") } }
            if tools.all || author_open {
            <button class="btn small" aria-expanded={author_open.to_string()}
                title="Write your own lesson on this run: stop it, then add a line or a question there"
                onclick={author}>
                { "✎ Make a lesson" }
            </button>
            }
            <span class="hint">{ marked(&props.view.hint) }</span>
            // One glyph: the bar stays one row at 1280 px; its name is said and shown on hover.
            // A teacher's tool, like Present: with All tools on, and while it is on (so it can
            // be switched off), keeping a lesson's first view to what the lesson uses.
            if tools.all || hc {
            <button class="btn small switch contrast" role="switch"
                aria-checked={hc.to_string()} aria-label="High contrast" onclick={contrast}
                title="High contrast: black words and strong lines, for a washed-out projector (kept in this browser)">
                { "◐" }
            </button>
            }
        </div>
    }
}
