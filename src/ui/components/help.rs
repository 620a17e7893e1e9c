//! The `?` overlay: every keyboard shortcut. Esc or the close button closes it. While it is
//! open, Tab stays on its close button (a modal dialog keeps the focus), and on closing the
//! focus goes back to where it was.

use wasm_bindgen::JsCast;
use yew::prelude::*;

pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("→", "step to the next event"),
    ("+ / −", "faster / slower"),
    ("0 – 6", "select node n0 … n6"),
    ("L", "select the current leader"),
    ("P", "pause the selected node for the chosen time"),
    (
        "Shift + P",
        "pause it at the worst moment (right after its next lease check)",
    ),
    ("U", "pause it until resumed"),
    ("R", "resume it"),
    ("C", "crash it"),
    ("S", "restart it"),
    ("H", "heal the network"),
    ("F", "fencing on / off"),
    ("B", "barrier on / off"),
    ("O", "the scenario's scripted faults on / off"),
    ("Shift + R", "reset the run"),
    ("M", "presentation mode (large text)"),
    ("?", "this list"),
    ("Esc", "close this list"),
];

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
                    { for SHORTCUTS.iter().map(|(k, what)| html! {
                        <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr>
                    }) }
                    </tbody>
                </table>
                <p>{ "Every control can also be reached with Tab; the picture's nodes are buttons too." }</p>
                <button ref={close_ref} class="btn" {onclick}>{ "Close (Esc)" }</button>
            </div>
        </div>
    }
}
