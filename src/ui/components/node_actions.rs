//! The selected node's actions, at the top of the story's column, or beside the node in the
//! picture or docked under it: pause for a time, at the worst moment or until resumed;
//! resume, crash, restart; its clock rate. Opened by clicking a node (or its digit key),
//! closed with ✕ or Esc. Each button sends an action; the reducer turns it into a command
//! at the next whole millisecond.

use super::clock_rate::ClockRate;
use super::config_draft::read_number;
use fencing_model::derived::NodeBrief;
use fencing_model::field;
use fencing_model::page::ActionsAt;
use fencing_model::{Action, NodeCmd};
use fencing_sim::num::fixed;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NodeActionsProps {
    pub node: NodeBrief,
    pub pause_secs: u32,
    /// The drift the nodes assume, for the clock's warning.
    pub drift_bound_ppm: u64,
    /// Where they stand: in the story's column, over the picture, or docked under it
    /// (`page::NodeActionsView`).
    pub place: ActionsAt,
    pub on_action: Callback<Action>,
}

#[function_component(NodeActions)]
pub fn node_actions(props: &NodeActionsProps) -> Html {
    let n = &props.node;
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let crashed = n.crashed;
    let paused = n.paused || n.pause_armed;
    let on_secs = {
        let (cb, kept) = (props.on_action.clone(), props.pause_secs);
        Callback::from(move |e: Event| {
            if let Some(v) = read_number(&e, field::PAUSE_SECS, kept.into(), &cb) {
                // (the field takes at most 3600)
                cb.emit(Action::SetPauseSecs(v as u32));
            }
        })
    };
    // Where the model placed them; docked, the page lays them out under the picture, and
    // in the story's column the stage's dock does.
    let (style, docked) = match props.place {
        ActionsAt::Over { left, top } => (
            Some(format!("left:{}px;top:{}px", fixed(left, 0), fixed(top, 0))),
            false,
        ),
        ActionsAt::Docked => (None, true),
        ActionsAt::Side => (None, false),
    };
    // Docked under the picture they may start below the screen (a phone): brought up.
    let panel = use_node_ref();
    crate::ui::hooks::use_in_sight(panel.clone(), (None, docked.then_some(n.id)), false);
    let heading_id = format!("node-actions-h-{}", n.id.0);
    html! {
        <section class={classes!("node-actions", docked.then_some("docked"))} {style} role="group" aria-labelledby={heading_id.clone()}
            ref={panel}>
            <header>
                <h3 id={heading_id}>
                    { n.id.to_string() }
                    <span class="what">{ format!(" {} · term {}", n.role.to_ascii_lowercase(), n.term) }
                        { n.state.clone().map(|s| format!(" · {s}")).unwrap_or_default() }
                        { if n.pause_armed { " · pause armed" } else { "" } }
                    </span>
                </h3>
                <button class="btn small close" aria-label="close the node's actions" aria-keyshortcuts="Escape"
                    onclick={act(Action::Dismiss)}>{ "✕" }</button>
            </header>
            <div class="row">
                <button class="btn" disabled={crashed} aria-keyshortcuts="P"
                    onclick={act(Action::Node { node: n.id, cmd: NodeCmd::Pause { worst_moment: false, until_resumed: false } })}>
                    { format!("❚❚ Pause {} s", props.pause_secs) }
                </button>
                <label class="field">
                    <span class="sr-only">{ "pause length in seconds" }</span>
                    <input type="number" min="1" max="3600" value={props.pause_secs.to_string()} onchange={on_secs} class="short" />
                    <span>{ "s" }</span>
                </label>
            </div>
            <button class="btn" disabled={crashed} aria-keyshortcuts="Shift+P"
                title="Freeze it right after its next lease check passes"
                onclick={act(Action::Node { node: n.id, cmd: NodeCmd::Pause { worst_moment: true, until_resumed: false } })}>
                { "◔ Pause at the worst moment" }
            </button>
            <button class="btn" disabled={crashed} aria-keyshortcuts="U"
                onclick={act(Action::Node { node: n.id, cmd: NodeCmd::Pause { worst_moment: false, until_resumed: true } })}>
                { "❚❚ Pause until resumed" }
            </button>
            <div class="row">
                <button class="btn" disabled={!paused} aria-keyshortcuts="R" onclick={act(Action::Node { node: n.id, cmd: NodeCmd::Resume })}>{ "▶ Resume" }</button>
                <button class="btn danger" disabled={crashed} aria-keyshortcuts="C" onclick={act(Action::Node { node: n.id, cmd: NodeCmd::Crash })}>{ "✕ Crash" }</button>
                <button class="btn" disabled={!crashed} aria-keyshortcuts="S" onclick={act(Action::Node { node: n.id, cmd: NodeCmd::Restart })}>{ "↻ Restart" }</button>
            </div>
            <ClockRate node={n.id} ppm={n.clock_rate_ppm} drift_bound_ppm={props.drift_bound_ppm} on_action={props.on_action.clone()} />
        </section>
    }
}
