//! Sharing and keeping a run: copy a link (also shown in a read-only field for browsers
//! that refuse the clipboard), save the trace, the scenario file or the diagram, open a
//! scenario or trace file, and "About this run" with the trace hash that identifies it.

use fencing_model::derived::About;
use fencing_model::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub about: About,
    /// The full URL of the last link made.
    pub link: Option<String>,
    pub on_action: Callback<Action>,
    pub on_export_svg: Callback<()>,
    pub on_file: Callback<web_sys::File>,
    /// Told whether "About this run" is open: closed, its readout is held while playing.
    pub about_open: yew::UseStateSetter<bool>,
}

#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let on_svg = {
        let cb = props.on_export_svg.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_pick = {
        let cb = props.on_file.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = el.files().and_then(|l| l.get(0)) {
                cb.emit(f);
            }
            // The same file picked again must still arrive.
            el.set_value("");
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let el: web_sys::HtmlInputElement = e.target_unchecked_into();
        el.select();
    });
    let on_toggle = {
        let open = props.about_open.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            open.set(el.has_attribute("open"));
        })
    };
    let a = &props.about;
    html! {
        <section class="panel share-panel" aria-labelledby="share-h">
            <h2 id="share-h">{ "Share and keep this run" }</h2>
            <div class="share-row">
                <button class="btn primary copy-link" onclick={act(Action::MakeShareLink)}>{ "Copy link" }</button>
                <label class="field link-field">
                    <span>{ "Shareable link" }</span>
                    <input type="text" readonly=true class="share-link" onfocus={select_all}
                        value={props.link.clone().unwrap_or_default()}
                        placeholder="press Copy link" />
                </label>
            </div>
            <div class="share-row">
                <span class="label">{ "Save:" }</span>
                <button class="btn small export-trace" onclick={act(Action::ExportTrace)}>{ "Trace (.jsonl)" }</button>
                <button class="btn small export-scenario" onclick={act(Action::ExportScenario)}>{ "Scenario (.json)" }</button>
                <button class="btn small export-svg" onclick={on_svg}>{ "Diagram (.svg)" }</button>
            </div>
            <div class="share-row">
                <label class="btn small file-pick">
                    { "Open a run file…" }
                    <input type="file" class="import-file" accept=".json,.jsonl,application/json" onchange={on_pick} />
                </label>
                <span class="hint">{ "a scenario (.json) or a trace (.jsonl) — or drop one anywhere on the page" }</span>
            </div>
            <details class="about" ontoggle={on_toggle}>
                <summary>{ "About this run" }</summary>
                <dl>
                    <dt>{ "Scenario" }</dt><dd class="about-scenario">{ a.scenario.clone() }</dd>
                    <dt>{ "Seed" }</dt><dd class="about-seed">{ a.seed }</dd>
                    <dt>{ "Fencing" }</dt><dd class="about-fencing">{ if a.fencing { "on" } else { "off" } }</dd>
                    <dt>{ "Your actions" }</dt><dd class="about-commands">{ a.commands }</dd>
                    <dt>{ "Virtual time" }</dt><dd class="about-time">{ format!("{}.{:06} s", a.now_us / 1_000_000, a.now_us % 1_000_000) }</dd>
                    <dt>{ "Trace hash" }</dt><dd class="about-hash"><code>{ a.trace_hash.clone() }</code></dd>
                    if let (Some(h), Some(d)) = (&a.twin_hash, &a.twin_differs) {
                        <dt>{ format!("Trace hash, {d}") }</dt>
                        <dd class="about-twin-hash"><code>{ h.clone() }</code></dd>
                    }
                </dl>
                <p class="hint">{ "The same scenario, seed and actions give the same trace hash on every machine." }</p>
            </details>
        </section>
    }
}
