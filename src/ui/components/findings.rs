//! The findings strip: the clock, the leader, split brain, safety violations, and the
//! writes rejected, taken stale and taken through the fencing gap. Each chip says in words
//! what it counts (never colour alone), explains itself on hover, focus and tap (its term
//! in the glossary), and once its finding has happened is a button that goes to its first
//! moment. One row, its chips' widths steady,
//! so nothing below jumps when one changes.

use super::term::meaning_id;
use fencing_model::derived::{chips_while_asking, finding_chips, Tone};
use fencing_model::glossary;
use fencing_model::Action;
use fencing_sim::view::Findings;
use yew::prelude::*;

/// What the findings strip is drawn from.
pub struct FindingsProps {
    pub findings: Findings,
    pub now_text: String,
    pub on_action: Callback<Action>,
    /// Whose findings, when two runs are compared ("This run, fencing on").
    pub label: Option<String>,
    /// Chips of a finding that has happened go to its first moment; not the compare
    /// view's twin's (its moments are its own).
    pub interactive: bool,
    /// A lesson's question waits for an answer: the counts are held (they could answer it).
    pub asking: bool,
}

/// The class that gives a chip its tone's colour.
fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Alert => "alert",
        Tone::Bad => "bad",
        Tone::Good => "good",
        Tone::Warn => "warn",
        Tone::Info => "info",
    }
}

/// A plain function, not a component: the clock it shows changes with every frame played.
pub fn findings_strip(props: FindingsProps) -> Html {
    let chips = if props.asking {
        chips_while_asking(&props.findings)
    } else {
        finding_chips(&props.findings)
    };
    let chips = chips
        .into_iter()
        .map(|c| {
            let class = classes!("finding", c.tone.map(tone_class));
            // What the chip counts explains itself (the glossary's words for it).
            let entry = glossary::for_chip(c.key);
            let (term, described) = (entry.map(|e| e.key), entry.map(meaning_id));
            match c.go.filter(|_| props.interactive) {
                Some(f) => {
                    let cb = props.on_action.clone();
                    let onclick = Callback::from(move |_: MouseEvent| cb.emit(Action::GoToFinding(f)));
                    html! {
                        <button {class} data-finding={c.key} data-term={term} aria-describedby={described} {onclick}>
                            { c.text }
                        </button>
                    }
                }
                None => html! {
                    <span {class} data-finding={c.key} data-term={term} aria-describedby={described}
                        tabindex={term.map(|_| "0")} title={entry.is_none().then_some(c.title)}>{ c.text }</span>
                },
            }
        })
        .collect::<Html>();
    html! {
        <section class={classes!("findings", props.label.is_some().then_some("labelled"))}
                 aria-label={props.label.as_ref().map_or("findings".to_string(), |l| format!("findings: {l}"))}>
            if let Some(l) = &props.label {
                <span class="findings-label">{ l.clone() }</span>
            }
            if props.interactive {
                <span class="finding time" title="virtual time, speed">{ format!("◷ {}", props.now_text) }</span>
            }
            { chips }
        </section>
    }
}
