//! The event log, newest first, filterable by category. Bounded: it reads only the recent
//! events the state keeps and shows the latest matching ones.

use crate::ui::describe::{event_text, stamp, worth_logging, CATEGORIES};
use crate::ui::state::EventRing;
use yew::prelude::*;

pub const LOG_ROWS: usize = 150;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub events: EventRing,
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    // Messages are the bulk of the trace; they start hidden so the story stands out.
    let shown = use_state(|| {
        CATEGORIES
            .iter()
            .map(|(c, _)| *c != "message")
            .collect::<Vec<bool>>()
    });
    let boxes = CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, (cat, label))| {
            let checked = shown[i];
            let onchange = {
                let shown = shown.clone();
                Callback::from(move |_: Event| {
                    let mut v = (*shown).clone();
                    v[i] = !v[i];
                    shown.set(v);
                })
            };
            html! {
                <label class={classes!("chip", format!("cat-{cat}"))}>
                    <input type="checkbox" {checked} {onchange} data-cat={*cat} />
                    { *label }
                </label>
            }
        })
        .collect::<Html>();
    let total = props.events.total();
    let rows = props
        .events
        .iter()
        .rev()
        .enumerate()
        .filter(|(_, e)| {
            let cat = e.category();
            worth_logging(e)
                && CATEGORIES
                    .iter()
                    .position(|(c, _)| *c == cat)
                    .is_some_and(|i| shown[i])
        })
        .take(LOG_ROWS)
        .map(|(i, e)| {
            let cat = e.category();
            // The event's number in the run: a stable key, so older rows are left alone.
            let key = (total - i as u64).to_string();
            html! {
                <li {key} class={classes!("ev", format!("cat-{cat}"))}>
                    <span class="t">{ stamp(e.t) }</span>
                    <span class="cat">{ cat }</span>
                    <span class="what">{ event_text(e) }</span>
                </li>
            }
        })
        .collect::<Html>();
    html! {
        <section class="panel log" aria-labelledby="log-h">
            <h2 id="log-h">{ "Event log" }</h2>
            <fieldset class="filters">
                <legend>{ "Show" }</legend>
                { boxes }
            </fieldset>
            <ol class="events" tabindex="0" aria-label="events, newest first">{ rows }</ol>
        </section>
    }
}
