//! The stage's bar: the picture / space-time diagram tabs, the tools that open a panel over
//! the picture (network, settings, explorer), Heal, the lesson maker, how to act on the
//! picture, and the high-contrast switch (for a washed-out projector).

use super::sends;
use super::tool_panel::Tool;
use fencing_model::author::AuthorAction;
use fencing_model::page::StageView;
use fencing_model::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StageBarProps {
    pub view: Rc<StageView>,
    /// The panel open over the picture, if any.
    pub tool: Option<Tool>,
    /// A tool's button pressed: open its panel, or close it if open.
    pub on_tool: Callback<Tool>,
    pub on_action: Callback<Action>,
}

#[function_component(StageBar)]
pub fn stage_bar(props: &StageBarProps) -> Html {
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
        let cb = props.on_tool.clone();
        html! {
            <button class={classes!("btn", "small", on.then_some("on"))}
                aria-expanded={on.to_string()} onclick={Callback::from(move |_: MouseEvent| cb.emit(t))}>
                { label }
            </button>
        }
    };
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
                <button class={classes!("tab", (!dv).then_some("on"))} aria-pressed={(!dv).to_string()}
                    onclick={to_picture}>
                    { "Picture" }
                </button>
                <button class={classes!("tab", dv.then_some("on"))} aria-pressed={dv.to_string()} aria-keyshortcuts="D"
                    onclick={to_diagram}>
                    { "Space-time diagram (D)" }
                </button>
            </div>
            { tool_button(Tool::Network, "▮ Network…") }
            <button class="btn small" onclick={heal}
                aria-keyshortcuts="H" title="Remove the wall and every cut (H)">{ "Heal" }</button>
            { tool_button(Tool::Settings, "⚙ Settings…") }
            { tool_button(Tool::Explore, "Break this…") }
            <button class={classes!("btn", "small", author_open.then_some("on"))} aria-expanded={author_open.to_string()}
                title="Write your own lesson on this run: pause, then add a line or a question there"
                onclick={author}>
                { "✎ Make a lesson" }
            </button>
            <span class="hint">{ props.view.hint.clone() }</span>
            // One glyph: the bar stays one row at 1280 px; its name is said and shown on hover.
            <button class={classes!("btn", "small", "switch", "contrast", hc.then_some("on"))} role="switch"
                aria-checked={hc.to_string()} aria-label="High contrast" onclick={contrast}
                title="High contrast: black words and strong lines, for a washed-out projector (kept in this browser)">
                { "◐" }
            </button>
        </div>
    }
}
