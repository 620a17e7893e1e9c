//! The toolbar: play/stop, step, next key event, speed, scenario, fencing and barrier
//! switches, reset, presentation mode and the shortcut list. One row at 1280 px and up.
//! Without All tools (the timeline's switch; on a phone, the one here), step, presentation mode and (unless the
//! lesson uses it) the barrier wait behind it (`first_view::Tools`).

use super::term::meaning_id;
use fencing_model::describe::speed_text;
use fencing_model::first_view::Tools;
use fencing_model::glossary;
use fencing_model::lab::SPEEDS;
use fencing_model::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// Steps of the lesson path done, of how many.
    pub path_done: (usize, usize),
    pub playing: bool,
    pub speed: usize,
    pub scenario: String,
    /// The run's title, for a run the menu does not list (a challenge, an opened file).
    pub title: AttrValue,
    /// A challenge is on: its card's Try again stands for Reset.
    pub challenge: bool,
    pub choices: Rc<Vec<(&'static str, String)>>,
    pub fencing: bool,
    pub barrier: bool,
    pub presentation: bool,
    /// The tools shown: what the lesson uses, or all.
    pub tools: Tools,
    pub on_action: Callback<Action>,
}

/// A switch's attributes that make its term explain itself.
fn described(key: &str) -> (Option<&'static str>, Option<String>) {
    let e = glossary::find(key);
    (e.map(|e| e.key), e.map(meaning_id))
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
    let tools = props.tools;
    let (fencing_term, barrier_term) = (described("fencing"), described("barrier"));
    let speeds = SPEEDS
        .iter()
        .enumerate()
        .map(|(i, s)| html! { <option value={i.to_string()} selected={i == props.speed}>{ speed_text(*s) }</option> })
        .collect::<Html>();
    let mut scenarios = props
        .choices
        .iter()
        .map(|(name, title)| {
            // The menu says what each lesson is; its file's name is in the tooltip.
            html! { <option value={*name} selected={*name == props.scenario} title={format!("{name}.json")}>{ title.clone() }</option> }
        })
        .collect::<Vec<Html>>();
    // A run not built in (a challenge, an opened file) is named too, not shown as another.
    if !props.choices.iter().any(|(n, _)| *n == props.scenario) {
        scenarios.insert(
            0,
            html! { <option value="" selected=true disabled=true title={props.scenario.clone()}>{ props.title.clone() }</option> },
        );
    }
    html! {
        <div class="toolbar" role="toolbar" aria-label="Run controls">
            <div class="group">
                <button class="btn primary play" onclick={act(Action::TogglePlay)}
                    aria-keyshortcuts="Space" aria-pressed={props.playing.to_string()}>
                    { if props.playing { "❚❚ Stop" } else { "▶ Play" } }
                </button>
                if tools.all {
                <button class="btn" onclick={act(Action::Step)} aria-keyshortcuts="ArrowRight"
                    title="Run every event at the next event time (→)">{ "⇥ Step" }</button>
                }
                <button class="btn" onclick={act(Action::NextKeyEvent)} aria-keyshortcuts="N Shift+ArrowRight"
                    title="Run on to the next key event, skipping heartbeats (N)">{ "⇥⇥ Key event" }</button>
                <label class="field">
                    <span class="sr-only">{ "Speed" }</span>
                    <select onchange={on_speed} aria-keyshortcuts="+ -">{ speeds }</select>
                </label>
            </div>
            <div class="group">
                <label class="field">
                    <span class="sr-only">{ "Scenario" }</span>
                    <select class="scenario" onchange={on_scenario}>{ for scenarios }</select>
                </label>
            </div>
            <div class="group">
                <button class="btn switch" role="switch"
                    aria-checked={props.fencing.to_string()} onclick={act(Action::ToggleFencing)} aria-keyshortcuts="F"
                    data-term={fencing_term.0} aria-describedby={fencing_term.1}>
                    { if props.fencing { "✓ Fencing: on" } else { "⚠ Fencing: off" } }
                </button>
                if tools.barrier {
                <button class="btn switch" role="switch"
                    aria-checked={props.barrier.to_string()} onclick={act(Action::ToggleBarrier)} aria-keyshortcuts="B"
                    data-term={barrier_term.0} aria-describedby={barrier_term.1}>
                    { if props.barrier { "Barrier: on" } else { "Barrier: off" } }
                </button>
                }
                if tools.all || !props.challenge {
                <button class="btn" onclick={act(Action::Reset)} aria-keyshortcuts="Shift+R">{ "↺ Reset" }</button>
                }
            </div>
            <div class="group end">
                if tools.all {
                <button class="btn switch" role="switch"
                    aria-checked={props.presentation.to_string()} onclick={act(Action::TogglePresentation)} aria-keyshortcuts="M">
                    { "Present" }
                </button>
                }
                <button class="btn" onclick={act(Action::ShowPath(true))} aria-keyshortcuts="G"
                    title={format!("The lesson path: {} of {} done (G)", props.path_done.0, props.path_done.1)}>
                    { "☰ Lessons" }
                </button>
                // The keyboard's shortcuts: not on a phone, which has no keys to press.
                <button class="btn show-keys" onclick={act(Action::ShowHelp(true))} aria-keyshortcuts="?">{ "? Keys" }</button>
                // On a phone only (the timeline's is drawn elsewhere): see timeline_bar.
                <button class="btn switch all-tools" role="switch"
                    aria-checked={tools.all.to_string()} onclick={act(Action::ToggleAllTools)}>
                    { "All tools" }
                </button>
            </div>
        </div>
    }
}
