//! The toolbar: play/pause, step, speed, scenario, seed, node count, fencing and barrier
//! switches, reset, presentation mode and the shortcut list.

use fencing_model::describe::speed_text;
use fencing_model::lab::SPEEDS;
use fencing_model::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub playing: bool,
    pub speed: usize,
    pub seed: u64,
    pub nodes: u8,
    pub scenario: String,
    pub choices: Rc<Vec<(&'static str, String)>>,
    pub fencing: bool,
    pub barrier: bool,
    pub presentation: bool,
    pub on_action: Callback<Action>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let on_speed = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = el.value().parse() {
                cb.emit(Action::SetSpeed(i));
            }
        })
    };
    let on_scenario = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(Action::Load(el.value()));
        })
    };
    let on_nodes = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(n) = el.value().parse() {
                cb.emit(Action::SetNodes(n));
            }
        })
    };
    let on_seed = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(s) = el.value().trim().parse() {
                cb.emit(Action::SetSeed(s));
            }
        })
    };
    let speeds = SPEEDS
        .iter()
        .enumerate()
        .map(|(i, s)| html! { <option value={i.to_string()} selected={i == props.speed}>{ speed_text(*s) }</option> })
        .collect::<Html>();
    let scenarios = props
        .choices
        .iter()
        .map(|(name, title)| {
            html! { <option value={*name} selected={*name == props.scenario} title={title.clone()}>{ *name }</option> }
        })
        .collect::<Html>();
    let nodes = (3u8..=7)
        .map(|n| html! { <option value={n.to_string()} selected={n == props.nodes}>{ n.to_string() }</option> })
        .collect::<Html>();
    html! {
        <div class="toolbar" role="toolbar" aria-label="Run controls">
            <div class="group">
                <button class={classes!("btn", "primary", "play")} onclick={act(Action::TogglePlay)}
                    aria-keyshortcuts="Space" aria-pressed={props.playing.to_string()}>
                    { if props.playing { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <button class="btn" onclick={act(Action::Step)} aria-keyshortcuts="ArrowRight"
                    title="Run every event at the next event time">{ "⇥ Step" }</button>
                <label class="field">
                    <span>{ "Speed" }</span>
                    <select onchange={on_speed} aria-keyshortcuts="+ -">{ speeds }</select>
                </label>
            </div>
            <div class="group">
                <label class="field">
                    <span>{ "Scenario" }</span>
                    <select class="scenario" onchange={on_scenario}>{ scenarios }</select>
                </label>
                <label class="field">
                    <span>{ "Seed" }</span>
                    <input class="seed" type="number" min="0" value={props.seed.to_string()} onchange={on_seed} />
                </label>
                <label class="field">
                    <span>{ "Nodes" }</span>
                    <select onchange={on_nodes}>{ nodes }</select>
                </label>
            </div>
            <div class="group">
                <button class={classes!("btn", "switch", props.fencing.then_some("on"))} role="switch"
                    aria-checked={props.fencing.to_string()} onclick={act(Action::ToggleFencing)} aria-keyshortcuts="F">
                    { if props.fencing { "✓ Fencing: on" } else { "⚠ Fencing: off" } }
                </button>
                <button class={classes!("btn", "switch", props.barrier.then_some("on"))} role="switch"
                    aria-checked={props.barrier.to_string()} onclick={act(Action::ToggleBarrier)} aria-keyshortcuts="B">
                    { if props.barrier { "Barrier: on" } else { "Barrier: off" } }
                </button>
                <button class="btn" onclick={act(Action::Reset)} aria-keyshortcuts="Shift+R">{ "↺ Reset" }</button>
            </div>
            <div class="group end">
                <button class={classes!("btn", "switch", props.presentation.then_some("on"))} role="switch"
                    aria-checked={props.presentation.to_string()} onclick={act(Action::TogglePresentation)} aria-keyshortcuts="M">
                    { "Presentation mode" }
                </button>
                <button class="btn" onclick={act(Action::ShowHelp(true))} aria-keyshortcuts="?">{ "? Keys" }</button>
            </div>
        </div>
    }
}
