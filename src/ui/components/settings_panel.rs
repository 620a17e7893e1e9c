//! The run's settings, in a panel beside the picture: the seed and the node count (each
//! starts the run again) and the lease timings (a command at the present, like a fault).

use super::config_draft::{number_field, use_config_draft};
use fencing_model::Action;
use fencing_sim::Config;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub seed: u64,
    pub nodes: u8,
    pub config: Config,
    pub on_action: Callback<Action>,
}

fn input_value(e: &Event) -> String {
    let el: web_sys::HtmlInputElement = e.target_unchecked_into();
    el.value()
}

#[function_component(SettingsPanel)]
pub fn settings_panel(props: &SettingsPanelProps) -> Html {
    let on_nodes = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(n) = el.value().parse() {
                cb.emit(Action::SetNodes(n));
            }
        })
    };
    let on_seed = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            if let Ok(s) = input_value(&e).trim().parse() {
                cb.emit(Action::SetSeed(s));
            }
        })
    };
    let nodes = (3u8..=7)
        .map(|n| html! { <option value={n.to_string()} selected={n == props.nodes}>{ n.to_string() }</option> })
        .collect::<Html>();

    let c = &props.config;
    let draft = use_config_draft(c);
    let num = |get, set| number_field(&draft, get, set);
    let (lease, on_lease) = num(|c| c.lease_ms, |c, v| c.lease_ms = v);
    let (renew, on_renew) = num(|c| c.renew_every_ms, |c, v| c.renew_every_ms = v);
    let (hb, on_hb) = num(|c| c.heartbeat_ms, |c, v| c.heartbeat_ms = v);
    let apply_timing = {
        let cb = props.on_action.clone();
        let d = (*draft).clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::SetLeaseTimings {
                lease_ms: d.lease_ms,
                renew_every_ms: d.renew_every_ms,
                heartbeat_ms: d.heartbeat_ms,
            })
        })
    };
    html! {
        <section class="tool-panel settings" aria-labelledby="settings-h">
            <h2 id="settings-h">{ "The run's settings" }</h2>
            <fieldset>
                <legend>{ "A new run" }</legend>
                <div class="row">
                    <label class="field">
                        <span>{ "Seed" }</span>
                        <input class="seed" type="number" min="0" value={props.seed.to_string()} onchange={on_seed} />
                    </label>
                    <label class="field">
                        <span>{ "Nodes" }</span>
                        <select onchange={on_nodes}>{ nodes }</select>
                    </label>
                </div>
            </fieldset>
            <fieldset>
                <legend>{ "Lease timings, from now on" }</legend>
                <div class="row">
                    <label class="field"><span>{ "Lease" }</span><input type="number" min="1" class="short" value={lease} onchange={on_lease} aria-label="lease length, ms" /><span>{ "ms" }</span></label>
                    <label class="field"><span>{ "Renew every" }</span><input type="number" min="1" class="short" value={renew} onchange={on_renew} aria-label="renew every, ms" /><span>{ "ms" }</span></label>
                    <label class="field"><span>{ "Heartbeat" }</span><input type="number" min="1" class="short" value={hb} onchange={on_hb} aria-label="heartbeat interval, ms" /><span>{ "ms" }</span></label>
                    <button class="btn" onclick={apply_timing}>{ "Apply" }</button>
                </div>
            </fieldset>
        </section>
    }
}
