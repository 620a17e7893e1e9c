//! One line of the event log: its time, its category and what happened, in words. A row
//! with more to say (a fault's words in the trace) says it when hovered, focused or tapped
//! (`data-tip`, shown by `hooks::use_term_tip`), and to a screen reader as its description.

use fencing_model::describe::{event_detail, event_text, event_text_asking, stamp};
use fencing_sim::Event as SimEvent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LogRowProps {
    pub event: SimEvent,
    /// A lesson's question waits for its answer (`describe::event_text_asking`).
    #[prop_or_default]
    pub asking: bool,
}

#[function_component(LogRow)]
pub fn log_row(props: &LogRowProps) -> Html {
    let e = &props.event;
    let cat = e.category();
    let detail = event_detail(e);
    html! {
        <li class={classes!("ev", format!("cat-{cat}"))}>
            <span class="t">{ stamp(e.t) }</span>
            <span class="cat">{ cat }</span>
            if props.asking {
                <span class="what">{ event_text_asking(e) }</span>
            } else {
                <span class="what" tabindex={detail.as_ref().map(|_| "0")} data-tip={detail.clone()}
                    aria-description={detail}>{ event_text(e) }</span>
            }
        </li>
    }
}
