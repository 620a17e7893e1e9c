//! The timeline: a scrubber over the whole run so far (dragging it seeks), step back one
//! event, the compare switch, and — when looking at the past — a plain warning that acting
//! now forks the run and discards what came after.

use fencing_model::describe::secs;
use fencing_model::Action;
use fencing_sim::SimTime;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimelineBarProps {
    pub now: SimTime,
    pub frontier: SimTime,
    /// Commands after now that acting now would discard.
    pub later_actions: usize,
    pub compare: bool,
    pub on_action: Callback<Action>,
}

#[function_component(TimelineBar)]
pub fn timeline_bar(props: &TimelineBarProps) -> Html {
    let on_seek = {
        let cb = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(ms) = el.value().parse::<u64>() {
                cb.emit(Action::Seek(SimTime::from_ms(ms)));
            }
        })
    };
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let now_ms = props.now.0 / 1000;
    let end_ms = props.frontier.0.div_ceil(1000).max(now_ms);
    let in_past = props.now < props.frontier;
    let n = props.later_actions;
    html! {
        <section class="timeline-bar" aria-label="Timeline">
            <button class="btn step-back" onclick={act(Action::StepBack)} aria-keyshortcuts="ArrowLeft"
                title="Go back to just before the previous event">{ "⇤ Back" }</button>
            <label class="scrub">
                <span>{ "Time" }</span>
                <input type="range" class="scrubber" min="0" max={end_ms.to_string()} step="1"
                    value={now_ms.to_string()} oninput={on_seek}
                    aria-valuetext={format!("{} of {}", secs(props.now), secs(props.frontier))} />
            </label>
            <span class="num scrub-time">{ format!("{} / {}", secs(props.now), secs(props.frontier)) }</span>
            if in_past {
                <button class="btn small" onclick={act(Action::Seek(props.frontier))}>{ "⇥ Latest" }</button>
            }
            <button class={classes!("btn", "switch", "compare", props.compare.then_some("on"))} role="switch"
                aria-checked={props.compare.to_string()} onclick={act(Action::ToggleCompare)}>
                { "⇆ Compare fencing on/off" }
            </button>
            if in_past {
                <p class="fork-warning" role="note">
                    { "⚠ Looking at the past. Acting now forks the run: " }
                    <strong>{ format!("acting now discards {n} later action{}", if n == 1 { "" } else { "s" }) }</strong>
                    { " and everything after this moment." }
                </p>
            }
        </section>
    }
}
