//! A lesson's question, asked when the run reaches its moment: the question, its options
//! (click or keys 1–4), and once answered, whether the pick was right and why. The focus
//! moves to the card when a question comes, so a screen reader reads it.

use fencing_model::describe::secs;
use fencing_model::quiz::{answer_hint, skip_words, QuestionView, Reveal};
use fencing_model::Action;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub view: Rc<QuestionView>,
    /// The run has reached the moment that settles the answer.
    pub settled: bool,
    /// The run is playing (after Continue, on to the moment that settles it).
    #[prop_or_default]
    pub playing: bool,
    /// The page is worked by a finger (`View::by_finger`): the hints say tap.
    #[prop_or_default]
    pub finger: bool,
    pub on_action: Callback<Action>,
}

#[function_component(QuestionCard)]
pub fn question_card(props: &QuestionProps) -> Html {
    let q = &*props.view;
    let card = use_node_ref();
    {
        // A new question takes the focus (not its reveal, which follows a click there); when
        // the card goes, the focus goes back to where it was if it was still in the card.
        let card = card.clone();
        use_effect_with(q.number, move |_| {
            let before = gloo_utils::document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            let el = card.cast::<web_sys::HtmlElement>();
            if let Some(el) = &el {
                let _ = el.focus();
            }
            move || {
                let here = gloo_utils::document().active_element();
                // Inside the card, or lost with it (the page's body holds it then).
                let body = gloo_utils::document().body();
                let in_card = match (&el, &here) {
                    (Some(c), Some(h)) => {
                        c.contains(Some(h))
                            || body.as_ref().is_some_and(|b| b.is_same_node(Some(h)))
                    }
                    _ => true,
                };
                if let Some(b) = before.filter(|_| in_card) {
                    let _ = b.focus();
                }
            }
        });
    }
    // Once answered, the focus goes to Continue: the reveal waits for the student. So it
    // does again when the run stops at the moment that settles it (Continue comes back).
    let go_on = use_node_ref();
    {
        let go_on = go_on.clone();
        let key = (q.number, q.reveal.is_some(), props.playing);
        use_effect_with(key, move |(_, revealed, playing)| {
            if *revealed && !*playing {
                if let Some(el) = go_on.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let options = q
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let (class, mark) = match &q.reveal {
                None => (None, ""),
                Some(r) if i == r.answer && r.chosen == Some(i) => {
                    (Some("right chosen"), "✓ your answer, right")
                }
                Some(r) if i == r.answer => (Some("right"), "✓ the answer"),
                Some(r) if r.chosen == Some(i) => (Some("chosen"), "✗ your answer"),
                Some(_) => (None, ""),
            };
            html! {
                <li class={classes!(class)}>
                    <button class="btn option" disabled={q.reveal.is_some()}
                        onclick={act(Action::Answer(i))} aria-keyshortcuts={(i + 1).to_string()}>
                        <span class="key">{ (i + 1).to_string() }</span>{ " " }{ o.clone() }
                    </button>
                    if !mark.is_empty() {
                        <span class="mark">{ mark }</span>
                    }
                </li>
            }
        })
        .collect::<Html>();
    let verdict = q.reveal.as_ref().map(|r| reveal_view(r, props.settled));
    html! {
        <section class="panel question" aria-labelledby="question-h" tabindex="-1" ref={card}>
            <h2 id="question-h">
                { format!("Predict · question {} of {} · at {}", q.number, q.total, secs(q.at)) }
            </h2>
            <p class="q">{ q.question.clone() }</p>
            <ol class="options" aria-label="answers">{ options }</ol>
            <div aria-live="polite">{ verdict.unwrap_or_default() }</div>
            <div class="row">
                if q.reveal.is_some() && !props.playing {
                    <button class="btn primary continue" ref={go_on} onclick={act(Action::Play)} aria-keyshortcuts="Space">
                        { "Continue ▶" }
                    </button>
                }
                <button class="btn small" onclick={act(Action::CloseQuestion)} aria-keyshortcuts="Escape">
                    { if q.reveal.is_some() { "Close" } else { "Skip this question" } }
                </button>
                if q.reveal.is_none() && !q.skip_warned {
                    <span class="hint">{ answer_hint(q.options.len(), props.finger) }</span>
                }
            </div>
            if q.reveal.is_none() && q.skip_warned {
                <p class="skip-warning" role="alert">
                    <strong>{ "Skip this question? " }</strong>
                    { skip_words(q.options.len(), props.finger) }
                </p>
            }
        </section>
    }
}

/// The reveal: right or not, why, and the event in the run that settles it (to watch for,
/// or, once the run has reached it, seen).
fn reveal_view(r: &Reveal, settled: bool) -> Html {
    let (class, words) = if r.chosen.is_none() {
        ("shown", format!("The answer is {}.", r.answer + 1))
    } else if r.right() {
        ("right", "✓ Right.".to_string())
    } else {
        (
            "wrong",
            format!("✗ Not quite: the answer is {}.", r.answer + 1),
        )
    };
    let proof = match &r.proof {
        Some(p) if settled => html! {
            <p class="proof settled">
                <strong>{ format!("What settles it, at {}: ", secs(p.at)) }</strong>{ p.text.clone() }
                { if p.write.is_some() { " (the marked row in the storage table)" } else { "" } }
            </p>
        },
        Some(p) => html! {
            <p class="proof">
                <strong>{ format!("Watch for it at {}: ", secs(p.at)) }</strong>{ p.text.clone() }
                { match r.first {
                    Some((n, at)) => format!(" (question {n} comes first, at {})", secs(at)),
                    None => " (the run stops there)".to_string(),
                } }
            </p>
        },
        None => html! {
            <p class="proof">{ "The whole scripted run bears this out: no such event happens in it." }</p>
        },
    };
    html! {
        <>
            <p class={classes!("verdict", class)}>{ words }</p>
            <p class="explain">{ r.explain.clone() }</p>
            { proof }
        </>
    }
}
