//! One line of the event log: its time, its category and what happened, in words.

use fencing_model::describe::{event_detail, event_text, stamp};
use fencing_sim::Event as SimEvent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LogRowProps {
    pub event: SimEvent,
}

#[function_component(LogRow)]
pub fn log_row(props: &LogRowProps) -> Html {
    let e = &props.event;
    let cat = e.category();
    html! {
        <li class={classes!("ev", format!("cat-{cat}"))}>
            <span class="t">{ stamp(e.t) }</span>
            <span class="cat">{ cat }</span>
            <span class="what" title={event_detail(e)}>{ event_text(e) }</span>
        </li>
    }
}
