//! The first visit's welcome (`fencing_model::welcome`): a few words on what the lab is
//! for, "Start with the first lesson" (focused) and "Skip — explore freely". It sits over the
//! picture and blocks nothing else.

use super::sends;
use super::term::marked;
use fencing_model::welcome::{LINES, SKIP, START, TITLE};
use fencing_model::Action;
use yew::prelude::*;

/// The welcome while `open`; its primary button takes the focus as the page starts.
pub fn welcome(open: bool, on_action: &Callback<Action>) -> Html {
    if !open {
        return Html::default();
    }
    html! {
        <section class="welcome" role="dialog" aria-modal="false" aria-labelledby="welcome-h">
            <h2 id="welcome-h">{ TITLE }</h2>
            { for LINES.iter().map(|l| html! { <p>{ marked(l) }</p> }) }
            <div class="welcome-actions">
                <button class="btn primary" autofocus=true
                    onclick={sends(on_action, Action::CloseWelcome { start: true })}>{ START }</button>
                <button class="btn" onclick={sends(on_action, Action::CloseWelcome { start: false })}>{ SKIP }</button>
            </div>
        </section>
    }
}
