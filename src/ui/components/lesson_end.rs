//! The end of a lesson: how many answers were right, what the lesson showed, and the next
//! step on the lesson path (or the path itself, for a lesson of one's own).

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
    let score = if e.answered == 0 {
        format!("You skipped all {} questions.", e.total)
    } else {
        format!(
            "You answered {} of {} question{}, {} right.",
            e.answered,
            e.total,
            if e.total == 1 { "" } else { "s" },
            e.right
        )
    };
    let next = match &e.next {
        Some((step, title)) => html! {
            <button class="btn primary" onclick={act(Action::OpenStep(*step))}>{ format!("Next: {title} ▶") }</button>
        },
        None => html! {
            <button class="btn primary" onclick={act(Action::ShowPath(true))}>{ "The lesson path ☰" }</button>
        },
    };
    html! {
        <section class="panel lesson-end" aria-labelledby="lesson-end-h" role="region">
            <h2 id="lesson-end-h">{ format!("Lesson done: {}", e.title) }</h2>
            <p class="score">{ score }</p>
            if !e.showed.is_empty() {
                <p class="showed"><strong>{ "What it showed: " }</strong>{ e.showed.clone() }</p>
            }
            <div class="row">
                { next }
                <button class="btn small" onclick={act(Action::CloseSummary)}>{ "Stay on this run" }</button>
            </div>
        </section>
    }
}
