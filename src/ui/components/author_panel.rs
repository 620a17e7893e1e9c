//! Make a lesson: the teacher pauses the run where a line or a question belongs and writes
//! it there. A question's options each take a claim the page proposes from the run (what
//! happens from this moment, what does not); the form says whether the question is
//! proven before it is added, and the list shows what the checker says of each. The
//! lesson is saved as a file, shared as a link, or played at once. Logic: `author`.

use fencing_model::author::{AuthorAction as A, Draft, FormVerdict, MAX_OPTIONS};
use fencing_model::describe::secs;
use fencing_model::Action;
use fencing_sim::SimTime;
use yew::prelude::*;

/// What the lesson maker is drawn from. A plain function, not a component: its moment
/// changes with every frame of a run, and a component would first compare the draft.
pub struct AuthorPanelProps<'a> {
    pub draft: &'a Draft,
    pub now: SimTime,
    pub playing: bool,
    pub on_action: &'a Callback<Action>,
}

fn send(cb: &Callback<Action>, a: A) -> Callback<MouseEvent> {
    let cb = cb.clone();
    Callback::from(move |_: MouseEvent| cb.emit(Action::Author(a.clone())))
}

/// A text field's value as an action, on every keystroke.
fn text(cb: &Callback<Action>, make: impl Fn(String) -> A + 'static) -> Callback<InputEvent> {
    let cb = cb.clone();
    Callback::from(move |e: InputEvent| {
        let value = e
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .map(|el| el.value())
            .or_else(|| {
                e.target_dyn_into::<web_sys::HtmlTextAreaElement>()
                    .map(|el| el.value())
            })
            .unwrap_or_default();
        cb.emit(Action::Author(make(value)))
    })
}

pub fn author_panel(props: AuthorPanelProps<'_>) -> Html {
    let d = props.draft;
    let cb = props.on_action;
    let at = secs(props.now);
    let moment = if props.playing {
        html! { <p class="author-moment">{ "Stop the run where a line or a question belongs: it is added at that moment." }</p> }
    } else {
        html! { <p class="author-moment">{ format!("Adding at {at} of the run (stop it elsewhere to add elsewhere).") }</p> }
    };
    let error = d
        .error
        .clone()
        .map(|e| html! { <p class="author-error" role="alert">{ e }</p> });
    html! {
        <section class="panel author" aria-labelledby="author-h">
            <div class="panel-head">
                <h2 id="author-h">{ "Make a lesson" }</h2>
                <button class="btn small" onclick={send(cb, A::Open(false))}>{ "Close" }</button>
            </div>
            { moment }
            <label class="field wide"><span>{ "Title" }</span>
                <input type="text" value={d.title.clone()} oninput={text(cb, A::SetTitle)} />
            </label>
            <fieldset class="author-line">
                <legend>{ "A narration line" }</legend>
                <textarea rows="2" aria-label="narration line" value={d.line.clone()}
                    oninput={text(cb, A::SetLine)} />
                <button class="btn small" disabled={props.playing} onclick={send(cb, A::AddLine)}>
                    { format!("Add this line at {at}") }
                </button>
            </fieldset>
            { question_form(d, &at, props.playing, cb) }
            { error.unwrap_or_default() }
            { lesson_list(d, cb) }
            <div class="row author-out">
                <button class="btn" onclick={send(cb, A::Save)}>{ "Save lesson file" }</button>
                <button class="btn" onclick={send(cb, A::MakeShareLink)}>{ "Copy lesson link" }</button>
                <button class="btn" onclick={send(cb, A::Play)}>{ "▶ Play it as a lesson" }</button>
                <button class="btn small" onclick={send(cb, A::Clear)}>{ "Start again" }</button>
            </div>
        </section>
    }
}

/// The question being written: words, 2–4 options with their claims and the right one,
/// the explanation, and what the checker will say. Plain functions, not components, here
/// and below: they are drawn only when the panel is, and a component costs the page about
/// a kilobyte of its own code (BENCHMARKS.md, Size gate).
fn question_form(d: &Draft, at: &str, playing: bool, cb: &Callback<Action>) -> Html {
    let options = (0..d.form.options.len())
        .map(|i| option_row(d, i, cb))
        .collect::<Html>();
    let verdict = d.verdict();
    let class = match verdict {
        FormVerdict::Proven => "proven",
        FormVerdict::Incomplete(_) => "incomplete",
        _ => "refuted",
    };
    html! {
        <fieldset class="author-question">
            <legend>{ "A question" }</legend>
            <textarea rows="2" aria-label="the question" placeholder="What will happen next? Ask before the run shows it."
                value={d.form.question.clone()} oninput={text(cb, A::SetQuestion)} />
            <ol class="author-options">{ options }</ol>
            if d.form.options.len() < MAX_OPTIONS {
                <button class="btn small" onclick={send(cb, A::AddOption)}>{ "+ Option" }</button>
            }
            <textarea rows="2" aria-label="why the answer is right (shown with the reveal)"
                placeholder="Why the answer is right (shown with the reveal)"
                value={d.form.explain.clone()} oninput={text(cb, A::SetExplain)} />
            <p class={classes!("author-verdict", class)} aria-live="polite">{ verdict.words() }</p>
            <button class="btn small" disabled={playing} onclick={send(cb, A::AddQuestion)}>
                { format!("Add this question at {at}") }
            </button>
        </fieldset>
    }
}

/// One option: its words, the claim it makes (true or false from here), right or not.
fn option_row(d: &Draft, i: usize, cb: &Callback<Action>) -> Html {
    let option = &d.form.options[i];
    let picked = option.claim;
    let group = |holds: bool| {
        d.proposals
            .list
            .iter()
            .enumerate()
            .filter(|(_, p)| p.holds == holds)
            .map(|(k, p)| html! { <option value={k.to_string()} selected={picked == Some(k)}>{ p.words.clone() }</option> })
            .collect::<Html>()
    };
    let on_claim = {
        let cb = cb.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(Action::Author(A::SetOptionClaim(
                i,
                el.value().parse().ok(),
            )))
        })
    };
    let on_right = {
        let cb = cb.clone();
        Callback::from(move |_: Event| cb.emit(Action::Author(A::SetAnswer(i))))
    };
    let n = i + 1;
    html! {
        <li class="author-option">
            <input type="text" aria-label={format!("option {n}")} placeholder={format!("Option {n}")}
                value={option.text.clone()} oninput={text(cb, move |t| A::SetOptionText(i, t))} />
            <select aria-label={format!("option {n}'s claim: what the run shows if it is right")} onchange={on_claim}>
                <option value="" selected={picked.is_none()}>{ "— its claim about the run —" }</option>
                <optgroup label="Happens from here (true in this run)">{ group(true) }</optgroup>
                <optgroup label="Does not happen from here (false in this run)">{ group(false) }</optgroup>
            </select>
            <label class="author-right">
                <input type="radio" name="author-answer" checked={d.form.answer == Some(i)} onchange={on_right} />
                { "right answer" }
            </label>
            if d.form.options.len() > 2 {
                <button class="btn small" aria-label={format!("remove option {n}")} onclick={send(cb, A::RemoveOption(i))}>{ "✕" }</button>
            }
        </li>
    }
}

/// The lesson so far: its lines and questions by moment, each question with what the
/// checker says of it.
fn lesson_list(d: &Draft, cb: &Callback<Action>) -> Html {
    if d.is_empty() {
        return html! { <p class="author-empty">{ "No line or question yet." }</p> };
    }
    let lines = d.lines.iter().enumerate().map(|(i, (at, t))| {
        html! {
            <li>
                <span class="when">{ secs(SimTime::from_ms(*at)) }</span>{ " line: " }{ t.clone() }
                <button class="btn small" aria-label={format!("remove line {}", i + 1)} onclick={send(cb, A::RemoveLine(i))}>{ "✕" }</button>
            </li>
        }
    });
    let questions = d.questions.iter().enumerate().map(|(i, q)| {
        let status = d
            .report
            .as_ref()
            .and_then(|r| r.questions.get(i))
            .map_or("not checked", |r| r.status());
        html! {
            <li>
                <span class="when">{ secs(SimTime::from_ms(q.at_ms.unwrap_or(0))) }</span>{ " question: " }{ q.question.clone() }
                <span class={classes!("status-word", status)}>{ format!(" · {status}") }</span>
                <button class="btn small" aria-label={format!("remove question {}", i + 1)} onclick={send(cb, A::RemoveQuestion(i))}>{ "✕" }</button>
            </li>
        }
    });
    let failures = d
        .report
        .iter()
        .flat_map(|r| r.failures.iter())
        .map(|f| html! { <li>{ f.clone() }</li> });
    html! {
        <>
            <h3>{ "The lesson so far" }</h3>
            <ul class="author-list">{ for lines }{ for questions }</ul>
            if d.report.as_ref().is_some_and(|r| !r.failures.is_empty()) {
                <ul class="author-failures" aria-label="what the run contradicts">{ for failures }</ul>
            }
        </>
    }
}
