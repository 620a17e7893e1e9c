//! The event log, newest first, filterable by category. Bounded: it reads only the recent
//! events the state keeps and shows the latest matching ones.

use super::log_row::LogRow;
use fencing_model::derived::LOG_ROWS;
use fencing_model::describe::{worth_logging, CATEGORIES};
use fencing_model::EventRing;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub events: EventRing,
    /// How many matching rows to show, newest first.
    #[prop_or(LOG_ROWS)]
    pub rows: usize,
    /// Messages from an older term refused so far in the run (each is a row of the log).
    #[prop_or_default]
    pub old_term_refused: u64,
    /// A lesson's question waits for its answer: a write's verdict says what, not why.
    #[prop_or_default]
    pub asking: bool,
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
        .take(props.rows)
        .map(|(i, e)| {
            // The event's number in the run: a stable key, so older rows are left alone
            // (their props are unchanged, so they are not even re-rendered), and a seek
            // nearby or a step back (which re-simulate the same events, numbered alike)
            // redraws only the rows that differ.
            let key = (total - i as u64).to_string();
            html! { <LogRow {key} event={e.clone()} asking={props.asking} /> }
        })
        .collect::<Html>();
    html! {
        <section class="panel log" aria-labelledby="log-h">
            <h2 id="log-h">{ "Event log" }</h2>
            <p class="panel-sub log-counts">
                { format!("Messages from an older term refused so far: {}", props.old_term_refused) }
            </p>
            <fieldset class="filters">
                <legend>{ "Show" }</legend>
                { boxes }
            </fieldset>
            <ol class="events" tabindex="0" aria-label="events, newest first">{ rows }</ol>
        </section>
    }
}
