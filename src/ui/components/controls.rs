//! The fault controls: the selected node (pause for a time, at the worst moment, until
//! resumed; resume, crash, restart; clock rate), the network split and heal, one-way link
//! cuts and delays, latency and drop, and the lease timings. Each control sends an action;
//! the state turns it into a command at the next whole millisecond.

use fencing_model::derived::NodeBrief;
use fencing_model::describe::{actor_key, actor_name, parse_actor};
use fencing_model::intent::{percent_of, SplitPlan};
use fencing_model::{Action, NodeCmd};
use fencing_sim::network::Side;
use fencing_sim::{Actor, Config, NodeId};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub nodes: Rc<Vec<NodeBrief>>,
    /// The node leading now, if any.
    pub leader: Option<NodeId>,
    pub config: Config,
    pub selected: Option<NodeId>,
    pub pause_secs: u32,
    pub picked_link: Option<(Actor, Actor)>,
    pub on_action: Callback<Action>,
    pub on_pick_link: Callback<Option<(Actor, Actor)>>,
}

fn input_value(e: &Event) -> String {
    let el: web_sys::HtmlInputElement = e.target_unchecked_into();
    el.value()
}

fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let nodes = &*props.nodes;
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };

    // --- the selected node -------------------------------------------------------------
    let node_buttons = nodes
        .iter()
        .map(|n| {
            let (role, state) = (n.role.clone(), n.state.clone());
            let sel = props.selected == Some(n.id);
            let id = n.id;
            let label = format!(
                "{} {}{}",
                n.id,
                if role == "LEADER" { "♛" } else { "" },
                if n.paused {
                    " ❚❚"
                } else if n.crashed {
                    " ✕"
                } else {
                    ""
                }
            );
            html! {
                <button class={classes!("btn", "node-pick", sel.then_some("on"))}
                    aria-pressed={sel.to_string()} onclick={act(Action::Select(Some(id)))}
                    aria-keyshortcuts={id.0.to_string()}
                    title={format!("{} — {}{}", n.id, role, state.map(|s| format!(", {s}")).unwrap_or_default())}>
                    { label }
                </button>
            }
        })
        .collect::<Html>();
    let node_panel = match props.selected.and_then(|id| nodes.get(id.0 as usize)) {
        None => html! { <p>{ "Select a node (click it, or press 0–6)." }</p> },
        Some(n) => {
            let (role, state) = (n.role.clone(), n.state.clone());
            let crashed = n.crashed;
            let paused = n.paused || n.pause_armed;
            let on_secs = {
                let cb = props.on_action.clone();
                Callback::from(move |e: Event| {
                    if let Ok(v) = input_value(&e).parse::<u32>() {
                        cb.emit(Action::SetPauseSecs(v));
                    }
                })
            };
            let id = n.id;
            let on_rate = {
                let cb = props.on_action.clone();
                Callback::from(move |e: Event| {
                    if let Ok(offset) = input_value(&e).parse::<i64>() {
                        let percent = (100 + offset).clamp(0, 200) as u32;
                        cb.emit(Action::SetClockPercent { node: id, percent });
                    }
                })
            };
            let pct = percent_of(n.clock_rate_ppm) - 100;
            html! {
                <>
                <p class="node-status" aria-live="polite">
                    <strong>{ n.id.to_string() }</strong>{ format!(" — {role}, term {}", n.term) }
                    { state.map(|s| format!(", {s}")).unwrap_or_default() }
                    { if n.pause_armed { ", pause armed for its next lease check" } else { "" } }
                </p>
                <div class="row">
                    <label class="field">
                        <span>{ "Pause for" }</span>
                        <input type="number" min="1" max="3600" value={props.pause_secs.to_string()} onchange={on_secs} class="short" />
                        <span>{ "s" }</span>
                    </label>
                    <button class="btn" disabled={crashed} aria-keyshortcuts="P"
                        onclick={act(Action::PauseSelected { worst_moment: false, until_resumed: false })}>
                        { format!("❚❚ Pause {} s", props.pause_secs) }
                    </button>
                    <button class="btn" disabled={crashed} aria-keyshortcuts="Shift+P"
                        title="Freeze it right after its next lease check passes"
                        onclick={act(Action::PauseSelected { worst_moment: true, until_resumed: false })}>
                        { "◔ Pause at the worst moment" }
                    </button>
                    <button class="btn" disabled={crashed} aria-keyshortcuts="U"
                        onclick={act(Action::PauseSelected { worst_moment: false, until_resumed: true })}>
                        { "Pause until resumed" }
                    </button>
                </div>
                <div class="row">
                    <button class="btn" disabled={!paused} aria-keyshortcuts="R" onclick={act(Action::OnSelected(NodeCmd::Resume))}>{ "▶ Resume" }</button>
                    <button class="btn danger" disabled={crashed} aria-keyshortcuts="C" onclick={act(Action::OnSelected(NodeCmd::Crash))}>{ "✕ Crash" }</button>
                    <button class="btn" disabled={!crashed} aria-keyshortcuts="S" onclick={act(Action::OnSelected(NodeCmd::Restart))}>{ "↻ Restart" }</button>
                </div>
                <label class="field wide">
                    <span>{ format!("Clock rate of {}: {}%", n.id, 100 + pct) }</span>
                    <input type="range" min="-50" max="50" step="5" value={pct.to_string()} onchange={on_rate}
                        aria-valuetext={format!("{}% of true time", 100 + pct)} />
                </label>
                </>
            }
        }
    };

    // --- the network split ---------------------------------------------------------------
    let plan = use_state(SplitPlan::default);
    let actors: Vec<Actor> = nodes
        .iter()
        .map(|n| Actor::Node(n.id))
        .chain([Actor::Lease, Actor::Storage])
        .collect();
    let split_rows = actors
        .iter()
        .map(|&a| {
            let current = plan.side_of(a);
            let radios = [(Side::A, "A"), (Side::B, "B"), (Side::Both, "both")]
                .into_iter()
                .map(|(side, text)| {
                    let onchange = {
                        let plan = plan.clone();
                        Callback::from(move |_: Event| plan.set(plan.with(a, side)))
                    };
                    html! {
                        <label class="seg">
                            <input type="radio" name={format!("side-{}", actor_key(a))}
                                checked={current == side} {onchange}
                                aria-label={format!("{} on {}", actor_name(a), if text == "both" { "both sides".to_string() } else { format!("side {text}") })} />
                            <span>{ text }</span>
                        </label>
                    }
                })
                .collect::<Html>();
            html! {
                <tr>
                    <th scope="row">{ actor_name(a) }</th>
                    <td><div class="segmented" role="radiogroup" aria-label={format!("side of {}", actor_name(a))}>{ radios }</div></td>
                </tr>
            }
        })
        .collect::<Html>();
    let split_action = plan.action(&actors);
    let can_split = split_action.is_some();
    let split = {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = split_action.clone() {
                cb.emit(a);
            }
        })
    };
    let isolate_leader = {
        let plan = plan.clone();
        let leader = props.leader;
        Callback::from(move |_: MouseEvent| plan.set(SplitPlan::leader_alone(leader)))
    };

    // --- one link, one way -----------------------------------------------------------------
    let (from, to) = props
        .picked_link
        .unwrap_or((Actor::Node(NodeId(0)), Actor::Storage));
    let options = |sel: Actor| {
        actors
            .iter()
            .map(|a| html! { <option value={actor_key(*a)} selected={*a == sel}>{ actor_name(*a) }</option> })
            .collect::<Html>()
    };
    let on_from = {
        let cb = props.on_pick_link.clone();
        Callback::from(move |e: Event| {
            if let Some(a) = parse_actor(&select_value(&e)) {
                cb.emit(Some((a, to)));
            }
        })
    };
    let on_to = {
        let cb = props.on_pick_link.clone();
        Callback::from(move |e: Event| {
            if let Some(b) = parse_actor(&select_value(&e)) {
                cb.emit(Some((from, b)));
            }
        })
    };
    let swap = {
        let cb = props.on_pick_link.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Some((to, from))))
    };
    let same = from == to;
    let delay_ms = use_state(|| 90_000u64);
    let on_delay = {
        let d = delay_ms.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = input_value(&e).parse::<u64>() {
                d.set(v);
            }
        })
    };

    // --- network and timings ------------------------------------------------------------------
    let c = &props.config;
    let draft = use_state(|| c.clone());
    {
        // A new run or an applied change resets the form to the run's settings.
        let draft = draft.clone();
        use_effect_with(c.clone(), move |c| draft.set(c.clone()));
    }
    let num = |get: fn(&Config) -> u64, set: fn(&mut Config, u64)| {
        let draft = draft.clone();
        let value = get(&draft).to_string();
        let onchange = Callback::from(move |e: Event| {
            if let Ok(v) = input_value(&e).parse::<u64>() {
                let mut d = (*draft).clone();
                set(&mut d, v);
                draft.set(d);
            }
        });
        (value, onchange)
    };
    let (lat_lo, on_lat_lo) = num(|c| c.latency_ms[0], |c, v| c.latency_ms[0] = v);
    let (lat_hi, on_lat_hi) = num(|c| c.latency_ms[1], |c, v| c.latency_ms[1] = v);
    let (drop, on_drop) = num(
        |c| c.drop_percent as u64,
        |c, v| c.drop_percent = v.min(100) as u8,
    );
    let (lease, on_lease) = num(|c| c.lease_ms, |c, v| c.lease_ms = v);
    let (renew, on_renew) = num(|c| c.renew_every_ms, |c, v| c.renew_every_ms = v);
    let (hb, on_hb) = num(|c| c.heartbeat_ms, |c, v| c.heartbeat_ms = v);
    let apply_net = act(Action::SetNetwork {
        latency_ms: draft.latency_ms,
        drop_percent: draft.drop_percent,
    });
    let apply_timing = act(Action::SetLeaseTimings {
        lease_ms: draft.lease_ms,
        renew_every_ms: draft.renew_every_ms,
        heartbeat_ms: draft.heartbeat_ms,
    });

    html! {
        <section class="panel controls" aria-labelledby="controls-h">
            <h2 id="controls-h">{ "Make things go wrong" }</h2>
            <fieldset>
                <legend>{ "Node" }</legend>
                <div class="row node-picks" role="group" aria-label="select a node">{ node_buttons }
                    <button class="btn small" onclick={act(Action::SelectLeader)} aria-keyshortcuts="L">{ "Select the leader" }</button>
                </div>
                { node_panel }
            </fieldset>
            <fieldset class="split">
                <legend>{ "Network split" }</legend>
                <table class="sides"><tbody>{ split_rows }</tbody></table>
                <div class="row">
                    <button class="btn small" onclick={isolate_leader}>{ "Plan: leader alone on B, storage on both" }</button>
                    <button class="btn small" onclick={{ let plan = plan.clone(); Callback::from(move |_: MouseEvent| plan.set(SplitPlan::default())) }}>{ "Clear plan" }</button>
                </div>
                <div class="row">
                    <button class="btn primary" disabled={!can_split} onclick={split}
                        title={if can_split { "Raise the wall between side A and side B" } else { "Put at least one actor on side B" }}>
                        { "▮ Split the network" }
                    </button>
                    <button class="btn" onclick={act(Action::Heal)} aria-keyshortcuts="H">{ "Heal (remove wall and cuts)" }</button>
                </div>
            </fieldset>
            <fieldset>
                <legend>{ "One link, one way (or click a link in the picture)" }</legend>
                <div class="row">
                    <label class="field"><span>{ "From" }</span><select onchange={on_from} aria-label="link from">{ options(from) }</select></label>
                    <button class="btn small" onclick={swap} aria-label="swap direction">{ "⇄" }</button>
                    <label class="field"><span>{ "to" }</span><select onchange={on_to} aria-label="link to">{ options(to) }</select></label>
                </div>
                <div class="row">
                    <button class="btn" disabled={same} onclick={act(Action::CutLink { from, to })}>
                        { format!("✕ Cut {} → {}", actor_name(from), actor_name(to)) }
                    </button>
                    <button class="btn" disabled={same} onclick={act(Action::RestoreLink { from, to })}>{ "Restore" }</button>
                </div>
                <div class="row">
                    <label class="field"><span>{ "Extra delay" }</span>
                        <input type="number" min="0" step="1000" class="short" value={delay_ms.to_string()} onchange={on_delay} /><span>{ "ms" }</span></label>
                    <button class="btn" disabled={same} onclick={act(Action::DelayLink { from, to, extra_ms: *delay_ms })}>{ "◷ Delay" }</button>
                    <button class="btn small" disabled={same} onclick={act(Action::DelayLink { from, to, extra_ms: 0 })}>{ "No delay" }</button>
                </div>
            </fieldset>
            <fieldset>
                <legend>{ "Network" }</legend>
                <div class="row">
                    <label class="field"><span>{ "Latency" }</span><input type="number" min="0" class="short" value={lat_lo} onchange={on_lat_lo} aria-label="latency minimum, ms" /></label>
                    <label class="field"><span>{ "to" }</span><input type="number" min="0" class="short" value={lat_hi} onchange={on_lat_hi} aria-label="latency maximum, ms" /><span>{ "ms" }</span></label>
                    <label class="field"><span>{ "Drop" }</span><input type="number" min="0" max="100" class="short" value={drop} onchange={on_drop} aria-label="drop percentage" /><span>{ "%" }</span></label>
                    <button class="btn" onclick={apply_net}>{ "Apply" }</button>
                </div>
            </fieldset>
            <fieldset>
                <legend>{ "Lease timings" }</legend>
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
