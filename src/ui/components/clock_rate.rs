//! A node's clock rate, as a percentage of true time (the unit the page uses; the trace's
//! parts per million are in the tooltip). One adjustment is one command: the slider shows
//! each step at once, and the change is sent when it has rested for half a second (a
//! drag, or a run of arrow-key presses, makes one command, not one per step).

use fencing_model::intent::percent_of;
use fencing_model::Action;
use fencing_sim::NodeId;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// How long the slider must rest before its value is sent, in milliseconds.
const SETTLE_MS: u32 = 500;

#[derive(Properties, PartialEq)]
pub struct ClockRateProps {
    pub node: NodeId,
    pub ppm: i64,
    pub on_action: Callback<Action>,
}

#[function_component(ClockRate)]
pub fn clock_rate(props: &ClockRateProps) -> Html {
    let applied = percent_of(props.ppm) as i64;
    // The value shown while adjusting (None: the run's own).
    let draft = use_state(|| None::<i64>);
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        // A new value from the run (applied, or another node selected) ends the draft.
        let draft = draft.clone();
        use_effect_with((props.node, props.ppm), move |_| draft.set(None));
    }
    let shown = draft.unwrap_or(applied);
    let oninput = {
        let (draft, timer, cb, node) = (
            draft.clone(),
            timer.clone(),
            props.on_action.clone(),
            props.node,
        );
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Ok(offset) = el.value().parse::<i64>() else {
                return;
            };
            let percent = (100 + offset).clamp(1, 200);
            draft.set(Some(percent));
            let cb = cb.clone();
            *timer.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || {
                cb.emit(Action::SetClockPercent {
                    node,
                    percent: percent as u32,
                })
            }));
        })
    };
    let tip = format!(
        "{}% of true time: {:+} ppm in the trace",
        shown,
        (shown - 100) * 10_000
    );
    html! {
        <label class="field wide clock-rate" title={tip}>
            <span>{ format!("Clock of {}: {}%{}", props.node, shown, if draft.is_some() { " …" } else { "" }) }</span>
            <input type="range" min="-50" max="50" step="5" value={(shown - 100).to_string()} {oninput}
                aria-valuetext={format!("{shown}% of true time")} />
        </label>
    }
}
