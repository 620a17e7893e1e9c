//! The scenario's narration: the lines whose time has come, the current one highlighted.

use fencing_sim::scenario::Narration;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub title: String,
    pub lines: Rc<Vec<Narration>>,
    pub now_ms: u64,
    /// Set when the run no longer matches the scenario as written (fencing or barrier
    /// switched), so the narration is not taken for what the screen shows.
    #[prop_or_default]
    pub changed: Option<AttrValue>,
}

#[function_component(NarrationPanel)]
pub fn narration_panel(props: &NarrationProps) -> Html {
    let shown: Vec<&Narration> = props
        .lines
        .iter()
        .filter(|l| l.at_ms() <= props.now_ms)
        .collect();
    let upcoming = props.lines.len() - shown.len();
    let current = shown.len().checked_sub(1);
    let items = shown
        .iter()
        .enumerate()
        .rev()
        .map(|(i, l)| {
            let is_current = Some(i) == current;
            html! {
                <li class={classes!(is_current.then_some("current"))}
                    aria-current={is_current.then_some("step")}>
                    <span class="at">{ format!("{:.1} s", l.at_ms() as f64 / 1000.0) }</span>
                    <span class="text">{ l.text().to_string() }</span>
                </li>
            }
        })
        .collect::<Html>();
    html! {
        <section class="panel narration" aria-labelledby="narration-h">
            <h2 id="narration-h">{ "What is happening" }</h2>
            <p class="scenario-title">{ props.title.clone() }</p>
            if let Some(note) = &props.changed {
                <p class="narration-changed" role="note">{ format!("⚠ {note}") }</p>
            }
            <ol class="lines" aria-live="polite" tabindex="0" aria-label="narration, newest first">{ items }</ol>
            if upcoming > 0 {
                <p class="upcoming">{ format!("{upcoming} more to come as time runs…") }</p>
            }
        </section>
    }
}
