//! The narration: the scenario's story while the run follows it, then a note where the run
//! left its script and a live commentary on what actually happens (`fencing_model::
//! narration`). Newest first; the current line highlighted; each line says what kind it is
//! in words as well as by its look.

use super::term::marked;
use fencing_model::narration::{LineKind, NarrationView};
use fencing_model::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub title: String,
    pub view: Rc<NarrationView>,
    /// The run has its scenario's scripted faults (off: free play on the same set-up).
    #[prop_or(true)]
    pub scripted: bool,
    /// The scenario has scripted faults at all.
    #[prop_or(true)]
    pub has_script: bool,
    /// The lesson's questions are asked as the run reaches them.
    #[prop_or(true)]
    pub questions: bool,
    /// The scenario has a lesson.
    #[prop_or_default]
    pub has_questions: bool,
    /// All tools shown: the switches for the script and the questions too (else only
    /// once one of them is off, so it can be put back).
    #[prop_or(true)]
    pub all_tools: bool,
    #[prop_or_default]
    pub on_action: Callback<Action>,
}

#[function_component(NarrationPanel)]
pub fn narration_panel(props: &NarrationProps) -> Html {
    let lines = &props.view.lines;
    let current = lines.len().checked_sub(1);
    // Each line keyed by what it is, so a new line is added at the top without the older
    // ones being redrawn. Lines come grouped by kind in time order, so lines with the same
    // time and kind are neighbours, told apart by a count.
    let mut prev: Option<(u64, u8)> = None;
    let mut n = 0;
    let keys: Vec<String> = lines
        .iter()
        .map(|l| {
            let kind = l.kind as u8;
            // What holds now is the same line as time passes: keyed without its time.
            let at = if l.kind == LineKind::Now { 0 } else { l.at.0 };
            n = if prev == Some((at, kind)) { n + 1 } else { 0 };
            prev = Some((at, kind));
            format!("{at}-{kind}-{n}")
        })
        .collect();
    let items = lines
        .iter()
        .enumerate()
        .rev()
        .map(|(i, l)| {
            let is_current = Some(i) == current;
            let (class, tag) = match l.kind {
                LineKind::Scripted => ("scripted", None),
                LineKind::Departed => ("departed", Some("⚠ off script")),
                LineKind::Live => ("live", Some("live")),
                LineKind::Now => ("now", Some("now")),
            };
            html! {
                <li key={keys[i].clone()} class={classes!(class, is_current.then_some("current"))}
                    aria-current={is_current.then_some("step")}>
                    <span class="at">{ format!("{} s", fencing_sim::num::fixed(l.at.0 as f64 / 1e6, 1)) }</span>
                    <span class="text">
                        if let Some(tag) = tag {
                            <span class="tag">{ tag }</span>{ " " }
                        }
                        { marked(&l.text) }
                    </span>
                </li>
            }
        })
        .collect::<Html>();
    let upcoming = props.view.upcoming;
    html! {
        <section class="panel narration" aria-labelledby="narration-h">
            <div class="panel-head">
                <h2 id="narration-h">{ "What is happening" }</h2>
                if props.has_script && (props.all_tools || !props.scripted) {
                    <button class="btn small switch" role="switch"
                        aria-checked={props.scripted.to_string()} aria-keyshortcuts="O"
                        title="Run the scenario with or without its scripted faults"
                        onclick={let cb = props.on_action.clone(); Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleScriptedFaults))}>
                        { if props.scripted { "Scripted faults: on" } else { "Scripted faults: off" } }
                    </button>
                }
                if props.has_questions && (props.all_tools || !props.questions) {
                    <button class="btn small switch" role="switch"
                        aria-checked={props.questions.to_string()} aria-keyshortcuts="Q"
                        title="Stop the run at each of the lesson's questions, or not"
                        onclick={let cb = props.on_action.clone(); Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleQuestions))}>
                        { if props.questions { "Questions: on" } else { "Questions: off" } }
                    </button>
                }
            </div>
            <p class="scenario-title">{ props.title.clone() }</p>
            <ol class="lines" aria-live="polite" tabindex="0" aria-label="narration, newest first">{ items }</ol>
            if upcoming > 0 {
                <p class="upcoming">{ format!("{upcoming} more to come as time runs…") }</p>
            }
        </section>
    }
}
