//! The challenge being tried: its goal, how far the run has got (live, from the watch),
//! the hint on request, and once the goal is reached, what did it, why it works, the link
//! to the winning run and the next entry of the path. The focus moves to the success when
//! it comes, so a screen reader reads it.

use fencing_model::challenge::{Active, Standing};
use fencing_model::describe::secs;
use fencing_model::path::{self, Entry};
use fencing_model::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChallengeProps {
    pub active: Rc<Active>,
    /// The winning run's full URL, once won.
    pub link: Option<String>,
    pub on_action: Callback<Action>,
    pub on_copy: Callback<String>,
}

#[function_component(ChallengeCard)]
pub fn challenge_card(props: &ChallengeProps) -> Html {
    let a = &*props.active;
    let c = a.challenge;
    let success = use_node_ref();
    {
        let success = success.clone();
        use_effect_with(a.won.is_some(), move |won| {
            if *won {
                if let Some(el) = success.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let act = |x: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(x.clone()))
    };
    // Lost: the focus goes to Try again, which the card then leads with.
    let lost = a.won.is_none() && a.watch.spoiled();
    let again = use_node_ref();
    {
        let again = again.clone();
        use_effect_with(lost, move |lost| {
            if *lost {
                if let Some(el) = again.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let standing = match a.watch.standing() {
        Standing::Trying(w) => html! { <p class="standing">{ "So far: " }{ w }</p> },
        Standing::Spoiled(w) => html! {
            <div class="standing spoiled" role="alert">
                <p><strong>{ "✗ This attempt can no longer win. " }</strong></p>
                <p class="why">{ "Why: " }{ w }{ "." }</p>
            </div>
        },
        Standing::Won { .. } => Html::default(),
    };
    let body = match (&a.won, &props.link) {
        (Some(w), Some(link)) => {
            let next = path::next(Entry::Challenge(c.id)).map(|s| {
                html! {
                    <button class="btn small primary" onclick={act(Action::OpenEntry(s))}>
                        { format!("Next: {} →", s.title()) }
                    </button>
                }
            });
            let copy = {
                let (cb, link) = (props.on_copy.clone(), link.clone());
                Callback::from(move |_: MouseEvent| cb.emit(link.clone()))
            };
            html! {
                <div class="success" tabindex="-1" ref={success} aria-labelledby="success-h">
                    <h3 id="success-h">{ format!("✓ Done at {}", secs(w.at)) }</h3>
                    <p class="how">{ w.how.clone() }{ "." }</p>
                    <p class="explain">{ c.explain }</p>
                    <label class="field link">
                        <span>{ "The winning run:" }</span>
                        <input type="text" readonly=true value={link.clone()} aria-label="link to the winning run" />
                    </label>
                    <div class="row">
                        <button class="btn small" onclick={copy}>{ "Copy link" }</button>
                        { next.unwrap_or_default() }
                    </div>
                </div>
            }
        }
        _ => html! {
            <>
                { standing }
                if a.hint {
                    <p class="hint-text"><strong>{ "Hint: " }</strong>{ c.hint }</p>
                }
            </>
        },
    };
    html! {
        <section class={classes!("panel", "challenge", a.won.is_some().then_some("won"))} aria-labelledby="challenge-h">
            <h2 id="challenge-h">{ "Challenge · " }{ c.title }</h2>
            <p class="goal">{ c.goal_text }</p>
            { body }
            <div class="row">
                if a.won.is_none() && !a.hint {
                    <button class="btn small" onclick={act(Action::ShowHint)} aria-keyshortcuts="I">{ "Hint (I)" }</button>
                }
                <button class={classes!("btn", "small", lost.then_some("primary"))} ref={again}
                    onclick={act(Action::Reset)} aria-keyshortcuts="Shift+R">{ "↺ Try again" }</button>
                <button class="btn small" onclick={act(Action::LeaveChallenge)}>{ "Leave" }</button>
            </div>
        </section>
    }
}
