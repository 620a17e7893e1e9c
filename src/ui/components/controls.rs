//! The network panel beside the picture: split the network (and heal it), cut or delay
//! one link one way, latency and message loss. The selected node's own actions are beside
//! it in the picture (`node_actions`), the run's settings in `settings_panel`. Each control
//! sends an action; the state turns it into a command at the next whole millisecond.

use super::config_draft::{number_field, use_config_draft};
use fencing_model::derived::NodeBrief;
use fencing_model::describe::{actor_key, actor_name, parse_actor};
use fencing_model::intent::SplitPlan;
use fencing_model::Action;
use fencing_sim::network::Side;
use fencing_sim::{Actor, Config, NodeId};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NetworkPanelProps {
    pub nodes: Rc<Vec<NodeBrief>>,
    /// The node leading now, if any.
    pub leader: Option<NodeId>,
    pub config: Config,
    pub picked_link: Option<(Actor, Actor)>,
    /// The partition in force now (empty when the network is whole), whoever made it.
    #[prop_or_default]
    pub in_force: SplitPlan,
    /// The links that are held or have messages waiting at their end (held on their own):
    /// whether the link is held, and how many wait.
    #[prop_or_default]
    pub held: Rc<Vec<HeldLink>>,
    /// The messages in flight, to hold one by keyboard.
    #[prop_or_default]
    pub flying: Rc<Vec<Flying>>,
    pub on_action: Callback<Action>,
    pub on_pick_link: Callback<Option<(Actor, Actor)>>,
}

/// A link (from, to), whether it is held, and how many messages wait at its end.
pub type HeldLink = ((Actor, Actor), bool, usize);

/// A message in flight, as the network panel lists it for holding one.
#[derive(Clone, Debug, PartialEq)]
pub struct Flying {
    pub from: Actor,
    pub to: Actor,
    pub id: u64,
    pub label: String,
    pub will_hold: bool,
    /// How long until it arrives, in words ("0.4 s").
    pub arrives_in: String,
}

fn input_value(e: &Event) -> String {
    let el: web_sys::HtmlInputElement = e.target_unchecked_into();
    el.value()
}

fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

#[function_component(NetworkPanel)]
pub fn network_panel(props: &NetworkPanelProps) -> Html {
    let nodes = &*props.nodes;
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };

    // --- the network split ---------------------------------------------------------------
    // The plan starts as the partition in force and follows it when it changes (a split
    // made anywhere, or Heal): the table never shows a wall that is not there.
    let plan = use_state(|| props.in_force.clone());
    {
        let plan = plan.clone();
        use_effect_with(props.in_force.clone(), move |f| plan.set(f.clone()));
    }
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
    let (held, waiting) = props
        .held
        .iter()
        .find(|(l, _, _)| *l == (from, to))
        .map_or((false, 0), |(_, held, n)| (*held, *n));
    // The messages on this link now, to hold one where it arrives (as a click on it in
    // the picture does).
    let flying = props
        .flying
        .iter()
        .filter(|m| (m.from, m.to) == (from, to))
        .map(|m| {
            let label = format!("{} (#{}), arrives in {}", m.label, m.id, m.arrives_in);
            html! {
                <li>
                    <span>{ label.clone() }</span>
                    <button class="btn small" disabled={m.will_hold} onclick={act(Action::HoldMessage(m.id))}
                        aria-label={format!("hold {label}")}>
                        { if m.will_hold { "will be held" } else { "❚❚ Hold this one" } }
                    </button>
                </li>
            }
        })
        .collect::<Vec<Html>>();
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
    let draft = use_config_draft(c);
    let num = |get, set| number_field(&draft, get, set);
    let (lat_lo, on_lat_lo) = num(|c| c.latency_ms[0], |c, v| c.latency_ms[0] = v);
    let (lat_hi, on_lat_hi) = num(|c| c.latency_ms[1], |c, v| c.latency_ms[1] = v);
    let (drop, on_drop) = num(
        |c| c.drop_percent as u64,
        |c, v| c.drop_percent = v.min(100) as u8,
    );
    let apply_net = act(Action::SetNetwork {
        latency_ms: draft.latency_ms,
        drop_percent: draft.drop_percent,
    });

    html! {
        <section class="tool-panel controls" aria-labelledby="network-h">
            <h2 id="network-h">{ "The network" }</h2>
            <fieldset class="split">
                <legend>{ "Network split" }</legend>
                <p class="in-force" role="status">{
                    match props.in_force.words(&actors) {
                        w if w.is_empty() => "In force now: no partition; the network is whole.".to_string(),
                        w => format!("In force now: {w}."),
                    }
                }</p>
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
                <div class="row" role="group" aria-label="hold and release the link">
                    <button class="btn" disabled={same || held} onclick={act(Action::HoldLink { from, to })}
                        title="its messages wait at the far end until released">
                        { format!("❚❚ Hold {} → {}", actor_name(from), actor_name(to)) }
                    </button>
                    <button class="btn" disabled={!held && waiting == 0} onclick={act(Action::ReleaseLink { from, to, drop: false })}
                        title="what it holds goes on, in order, with the usual latency">{ format!("▶ Release ({waiting})") }</button>
                    <button class="btn small" disabled={!held && waiting == 0} onclick={act(Action::ReleaseLink { from, to, drop: true })}>{ "Drop what it holds" }</button>
                </div>
                if !same {
                    <div class="in-flight" role="group" aria-label="messages on the link now">
                        <p class="muted">{
                            if flying.is_empty() {
                                "Nothing on this link right now (or click a message in the picture to hold just that one).".to_string()
                            } else {
                                format!("On this link now ({}): hold just one where it arrives.", flying.len())
                            }
                        }</p>
                        if !flying.is_empty() {
                            <ul>{ for flying.into_iter().take(6) }</ul>
                        }
                    </div>
                }
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
        </section>
    }
}
