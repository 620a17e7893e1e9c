//! The run's settings, in a panel beside the picture, every key of the scenario file's
//! `config` with its unit: the seed, the node count and the first token (each starts the run
//! again); the timings and the drift bound (one `set` command at the present, like a fault,
//! with only the keys changed). Fencing and the barrier are on the toolbar, the network's
//! latency and losses in the network panel.

use super::config_draft::{number_field, read_number, use_config_draft};
use fencing_model::field;
use fencing_model::Action;
use fencing_sim::command::ConfigPatch;
use fencing_sim::Config;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub seed: u64,
    pub nodes: u8,
    pub config: Config,
    pub on_action: Callback<Action>,
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
        let (cb, kept) = (props.on_action.clone(), props.seed);
        Callback::from(move |e: Event| {
            if let Some(s) = read_number(&e, field::SEED, kept, &cb) {
                cb.emit(Action::SetSeed(s));
            }
        })
    };
    let nodes = (3u8..=7)
        .map(|n| html! { <option value={n.to_string()} selected={n == props.nodes}>{ n.to_string() }</option> })
        .collect::<Html>();

    let on_first = {
        let (cb, kept) = (props.on_action.clone(), props.config.first_token);
        Callback::from(move |e: Event| {
            if let Some(t) = read_number(&e, field::FIRST_TOKEN, kept, &cb) {
                cb.emit(Action::SetFirstToken(t));
            }
        })
    };

    let c = &props.config;
    let draft = use_config_draft(c);
    let num = |f, get, set| number_field(&draft, f, (get, set), &props.on_action);
    let (lease, on_lease) = num(field::LEASE, |c| c.lease_ms, |c, v| c.lease_ms = v);
    let (renew, on_renew) = num(
        field::RENEW_EVERY,
        |c| c.renew_every_ms,
        |c, v| c.renew_every_ms = v,
    );
    let (jitter, on_jitter) = num(
        field::RENEW_JITTER,
        |c| c.renew_jitter_ms,
        |c, v| c.renew_jitter_ms = v,
    );
    let (hb, on_hb) = num(
        field::HEARTBEAT,
        |c| c.heartbeat_ms,
        |c, v| c.heartbeat_ms = v,
    );
    let (ft_lo, on_ft_lo) = num(
        field::FAILURE_TIMEOUT_MIN,
        |c| c.failure_timeout_ms[0],
        |c, v| c.failure_timeout_ms[0] = v,
    );
    let (ft_hi, on_ft_hi) = num(
        field::FAILURE_TIMEOUT_MAX,
        |c| c.failure_timeout_ms[1],
        |c, v| c.failure_timeout_ms[1] = v,
    );
    let (write, on_write) = num(
        field::WRITE_EVERY,
        |c| c.write_every_ms,
        |c, v| c.write_every_ms = v,
    );
    let (work, on_work) = num(field::WORK, |c| c.work_ms, |c, v| c.work_ms = v);
    let (bound, on_bound) = num(
        field::DRIFT_BOUND,
        |c| c.drift_bound_ppm,
        |c, v| c.drift_bound_ppm = v,
    );
    // Only the keys that differ; with none, the reducer says "no setting changed".
    let changes = ConfigPatch::between(c, &draft);
    let apply = {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::SetConfig(changes.clone())))
    };
    let ms = |label: &'static str, aria: &'static str, value: String, onchange: Callback<Event>| {
        html! {
            <label class="field"><span>{ label }</span>
                <input type="number" min="0" class="short" {value} {onchange} aria-label={aria} />
                <span>{ "ms" }</span></label>
        }
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
                    <label class="field" title="the first term the lease store grants, and so the first fencing token">
                        <span>{ "First token" }</span>
                        <input class="first-token short" type="number" min="1" value={c.first_token.to_string()} onchange={on_first} />
                    </label>
                </div>
            </fieldset>
            <fieldset>
                <legend>{ "From now on" }</legend>
                <div class="row">
                    { ms("Lease", "lease length, ms", lease, on_lease) }
                    { ms("Renew every", "renew every, ms", renew, on_renew) }
                    { ms("± jitter", "renewal jitter, ms", jitter, on_jitter) }
                    { ms("Heartbeat", "heartbeat interval, ms", hb, on_hb) }
                </div>
                <div class="row">
                    { ms("Failure timeout", "failure timeout, shortest, ms", ft_lo, on_ft_lo) }
                    { ms("to", "failure timeout, longest, ms", ft_hi, on_ft_hi) }
                    { ms("Write every", "the leader writes every, ms", write, on_write) }
                    { ms("Work", "work before each write, ms", work, on_work) }
                </div>
                <div class="row">
                    <label class="field" title="the clock drift the nodes assume: a leader stops this much before its lease ends; a clock beyond it breaks the lease's safety">
                        <span>{ "Drift bound" }</span>
                        <input type="number" min="0" class="short" value={bound} onchange={on_bound} aria-label="drift bound the nodes assume, ppm" />
                        <span>{ "ppm" }</span>
                    </label>
                    <button class="btn" onclick={apply}>{ "Apply" }</button>
                </div>
            </fieldset>
        </section>
    }
}
