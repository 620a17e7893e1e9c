//! The end of a lesson: how many answers were right, what the lesson showed, and the next
//! entry on the lesson path (or the path itself, for a lesson of one's own).

use fencing_model::lab::LessonEnd;
use fencing_model::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonEndProps {
    pub end: LessonEnd,
    pub on_action: Callback<Action>,
}

#[function_component(LessonEndCard)]
pub fn lesson_end_card(props: &LessonEndProps) -> Html {
    let e = &props.end;
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    // When the card comes, the focus goes to its first button (Next, or the path).
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(el) = first.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let score = e.score_text();
    let apart = e.apart_text();
    let next = match &e.next {
        Some((entry, title)) => html! {
            <button class="btn primary" ref={first} onclick={act(Action::OpenEntry(*entry))}>{ format!("Next: {title} ▶") }</button>
        },
        None => html! {
            <button class="btn primary" ref={first} onclick={act(Action::ShowPath(true))}>{ "The lesson path ☰" }</button>
        },
    };
    html! {
        <section class="panel lesson-end" aria-labelledby="lesson-end-h" role="region">
            <h2 id="lesson-end-h">{ format!("Lesson done: {}", e.title) }</h2>
            <p class="score">{ score }</p>
            if let Some(apart) = apart {
                <p class="skipped">{ apart }</p>
            }
            if !e.showed.is_empty() {
                <p class="showed"><strong>{ "What it showed: " }</strong>{ e.showed.clone() }</p>
            }
            if e.on_path && e.next.is_none() {
                <p class="path-done">{ "That was the last lesson of the path: the path is done." }</p>
            }
            <div class="row">
                { next }
                <button class="btn small" onclick={act(Action::CloseSummary)}>{ "Stay on this run" }</button>
            </div>
        </section>
    }
}
