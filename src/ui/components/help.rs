//! The `?` overlay: every keyboard shortcut. Esc or the close button closes it. While it is
//! open, Tab stays on its close button (a modal dialog keeps the focus), and on closing the
//! focus goes back to where it was.

use fencing_model::keys::SHORTCUTS;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_close: Callback<()>,
}

#[function_component(HelpOverlay)]
pub fn help_overlay(props: &HelpProps) -> Html {
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            let before = gloo_utils::document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            move || {
                if let Some(el) = before {
                    let _ = el.focus();
                }
            }
        });
    }
    // The close button is the dialog's only control: Tab and Shift+Tab stay on it.
    let onkeydown = {
        let close_ref = close_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Tab" {
                e.prevent_default();
                if let Some(el) = close_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    let onclick = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-h" {onkeydown}>
            <div class="overlay-box">
                <h2 id="help-h">{ "Keyboard shortcuts" }</h2>
                <table class="keys">
                    <tbody>
                    { for SHORTCUTS.iter().map(|sc| html! {
                        <tr><th scope="row"><kbd>{ sc.label }</kbd></th><td>{ sc.does }</td></tr>
                    }) }
                    </tbody>
                </table>
                <h3>{ "In the picture" }</h3>
                <table class="keys">
                    <tbody>
                    { for fencing_model::keys::IN_THE_PICTURE.iter().map(|(how, does)| html! {
                        <tr><th scope="row">{ *how }</th><td>{ *does }</td></tr>
                    }) }
                    </tbody>
                </table>
                <p>{ "Every control can also be reached with Tab; the picture's nodes, boxes and wall too." }</p>
                <button ref={close_ref} class="btn" {onclick}>{ "Close (Esc)" }</button>
            </div>
        </div>
    }
}
