//! A node's clock rate on a logarithmic slider (`fencing_model::clock`): from ±10 ppm, well
//! inside the drift the nodes assume, to ±50%. The label gives the exact rate in words and
//! warns when it is beyond the drift bound (the lease's safety assumption broken). One
//! adjustment is one command: the slider shows each step at once, and the change is sent
//! when it has rested for half a second (a drag, or a run of arrow-key presses, makes one
//! command, not one per step).

use fencing_model::clock::{
    bound_warning, drift_words, percent_text, position_of, ppm_at, MAX_POSITION,
};
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
    /// The drift the nodes assume (the run's `drift_bound_ppm`).
    pub drift_bound_ppm: u64,
    pub on_action: Callback<Action>,
}

#[function_component(ClockRate)]
pub fn clock_rate(props: &ClockRateProps) -> Html {
    // The rate shown while adjusting (None: the run's own).
    let draft = use_state(|| None::<i64>);
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        // A new value from the run (applied, or another node selected) ends the draft.
        let draft = draft.clone();
        use_effect_with((props.node, props.ppm), move |_| draft.set(None));
    }
    let shown = draft.unwrap_or(props.ppm);
    let oninput = {
        let (draft, timer, cb, node) = (
            draft.clone(),
            timer.clone(),
            props.on_action.clone(),
            props.node,
        );
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Ok(position) = el.value().parse::<i32>() else {
                return;
            };
            let ppm = ppm_at(position);
            draft.set(Some(ppm));
            let cb = cb.clone();
            *timer.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || {
                cb.emit(Action::SetClockPpm { node, ppm })
            }));
        })
    };
    let words = drift_words(shown);
    let warning = bound_warning(shown, props.drift_bound_ppm);
    let warning_id = format!("clock-warning-{}", props.node.0);
    html! {
        <div class={classes!("clock-rate", warning.is_some().then_some("beyond"))}>
            <label class="field wide" title={format!("{} of true time", percent_text(shown))}>
                <span>{ format!("Clock of {}: {}{}", props.node, words, if draft.is_some() { " …" } else { "" }) }</span>
                <input type="range" min={(-MAX_POSITION).to_string()} max={MAX_POSITION.to_string()} step="1"
                    value={position_of(shown).to_string()} {oninput}
                    aria-valuetext={format!("{} of true time: {words}", percent_text(shown))}
                    aria-describedby={warning.is_some().then(|| warning_id.clone())} />
            </label>
            if let Some(w) = warning {
                <p class="clock-warning" id={warning_id}>{ format!("⚠ {w}") }</p>
            }
        </div>
    }
}
