//! The lesson path (`G`): the chapters in teaching order, each entry (a lesson or a challenge) with what the student
//! has done of it, a button to open it, and erasing the progress (asked twice). A modal
//! dialog: the focus moves in on opening, Tab stays inside, Esc or Close leave, and the
//! focus goes back to where it was.

use fencing_model::path::{ChapterView, Entry};
use fencing_model::Action;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PathProps {
    pub chapters: Rc<Vec<ChapterView>>,
    pub done: (usize, usize),
    /// The entry open now, if the run is one.
    pub current: Option<Entry>,
    pub on_action: Callback<Action>,
}

/// Keeps Tab inside `root`: from the last control to the first and back.
fn trap_tab(root: &NodeRef, e: &KeyboardEvent) {
    if e.key() != "Tab" {
        return;
    }
    let Some(root) = root.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(list) = root.query_selector_all("button:not([disabled]), input, a[href]") else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = gloo_utils::document().active_element();
    let at = |el: &web_sys::HtmlElement| active.as_ref() == Some(el.unchecked_ref());
    if e.shift_key() && at(first) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && at(last) {
        e.prevent_default();
        let _ = first.focus();
    }
}

#[function_component(PathPanel)]
pub fn path_panel(props: &PathProps) -> Html {
    let root = use_node_ref();
    let confirm = use_state(|| false);
    {
        let root = root.clone();
        use_effect_with((), move |_| {
            let before = gloo_utils::document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            let first = root
                .cast::<web_sys::Element>()
                .and_then(|r| r.query_selector("button.open-entry").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = first {
                let _ = el.focus();
            }
            move || {
                if let Some(el) = before {
                    let _ = el.focus();
                }
            }
        });
    }
    let onkeydown = {
        let root = root.clone();
        Callback::from(move |e: KeyboardEvent| trap_tab(&root, &e))
    };
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let chapters = props.chapters.iter().enumerate().map(|(n, c)| {
        let entries = c.entries.iter().map(|s| {
            let kind = match s.entry {
                Entry::Scenario(_) => "Lesson",
                Entry::Challenge(_) => "Challenge",
            };
            let here = props.current == Some(s.entry);
            html! {
                <li class={classes!("entry", s.done.then_some("done"), here.then_some("here"))}>
                    <span class="tick" aria-hidden="true">{ if s.done { "✓" } else { "○" } }</span>
                    <button class="btn small open-entry" onclick={act(Action::OpenEntry(s.entry))}
                        aria-describedby={format!("entry-{}", s.entry.fragment())}>
                        <span class="kind">{ kind }</span>{ " " }{ s.title.clone() }
                    </button>
                    <span class="detail" id={format!("entry-{}", s.entry.fragment())}>
                        <span class="sr-only">{ if s.done { "done: " } else { "to do: " } }</span>
                        { s.detail.clone() }
                        { if here { " · open now" } else { "" } }
                    </span>
                </li>
            }
        });
        html! {
            <li class="chapter">
                <h3>{ format!("{}. {}", n + 1, c.title) }</h3>
                <p class="about">{ c.about }</p>
                <ol class="entries">{ for entries }</ol>
            </li>
        }
    });
    let (done, total) = props.done;
    let reset = if *confirm {
        let keep = {
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| confirm.set(false))
        };
        let erase = {
            let (cb, confirm) = (props.on_action.clone(), confirm.clone());
            Callback::from(move |_: MouseEvent| {
                cb.emit(Action::ResetProgress);
                confirm.set(false);
            })
        };
        html! {
            <p class="confirm" role="alert">
                { "Erase every prediction and challenge kept in this browser? " }
                <button class="btn small danger" onclick={erase}>{ "Erase" }</button>{ " " }
                <button class="btn small" onclick={keep}>{ "Keep them" }</button>
            </p>
        }
    } else {
        let ask = {
            let confirm = confirm.clone();
            Callback::from(move |_: MouseEvent| confirm.set(true))
        };
        html! {
            <button class="btn small" onclick={ask}>
                { "Reset progress…" }
            </button>
        }
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="path-h" {onkeydown} ref={root}>
            <div class="overlay-box path">
                <div class="path-head">
                    <h2 id="path-h">{ "Lesson path" }</h2>
                    <p class="summary">{ format!("{done} of {total} done") }</p>
                    <button class="btn small" onclick={act(Action::ShowPath(false))} aria-keyshortcuts="Escape">{ "Close" }</button>
                </div>
                <p class="lead">
                    { "Lessons stop to ask what happens next; challenges are goals you reach with the controls. \
                       Your progress is kept in this browser only: nothing leaves this machine." }
                </p>
                <ol class="chapters">{ for chapters }</ol>
                <div class="path-foot">
                    <button class="btn small" onclick={act(Action::Load("free-play".into()))}>{ "Free play: nothing scripted" }</button>
                    { reset }
                </div>
            </div>
        </div>
    }
}
