//! The findings strip: the clock, the leader, split brain, safety violations, and the
//! writes rejected, taken stale and taken through the fencing gap. Each chip says in words
//! what it counts (never colour alone), explains itself on hover, and once its finding has
//! happened is a button that goes to its first moment. One row, its chips' widths steady,
//! so nothing below jumps when one changes.

use fencing_model::derived::finding_chips;
use fencing_model::Action;
use fencing_sim::view::Findings;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Findings,
    pub now_text: String,
    pub on_action: Callback<Action>,
}

#[function_component(FindingsStrip)]
pub fn findings_strip(props: &FindingsProps) -> Html {
    let chips = finding_chips(&props.findings)
        .into_iter()
        .map(|c| {
            let class = classes!("finding", c.tone);
            match c.go {
                Some(f) => {
                    let cb = props.on_action.clone();
                    let onclick = Callback::from(move |_: MouseEvent| cb.emit(Action::GoToFinding(f)));
                    html! {
                        <button {class} data-finding={c.key} title={format!("{} — click to go to the first one", c.title)} {onclick}>
                            { c.text }
                        </button>
                    }
                }
                None => html! { <span {class} data-finding={c.key} title={c.title}>{ c.text }</span> },
            }
        })
        .collect::<Html>();
    html! {
        <section class="findings" aria-label="findings">
            <span class="finding time" title="virtual time, speed">{ format!("◷ {}", props.now_text) }</span>
            { chips }
        </section>
    }
}
