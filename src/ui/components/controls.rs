//! The network panel beside the picture: split the network (and heal it), cut or delay
//! one link one way, latency and message loss. The selected node's own actions are beside
//! it in the picture (`node_actions`), the run's settings in `settings_panel`. Each control
//! sends an action; the state turns it into a command at the next whole millisecond.

use super::config_draft::{number_field, read_number, use_config_draft};
use fencing_model::derived::NodeBrief;
use fencing_model::describe::{actor_key, actor_name, parse_actor};
use fencing_model::field;
use fencing_model::intent::SplitPlan;
use fencing_model::Action;
use fencing_sim::network::Side;
use fencing_sim::{Actor, Config, NodeId};
use std::rc::Rc;
use yew::prelude::*;

/// What the network panel is drawn from.
pub struct NetworkPanelProps {
    pub nodes: Rc<Vec<NodeBrief>>,
    /// The node leading now, if any.
    pub leader: Option<NodeId>,
    pub config: Config,
    pub picked_link: Option<(Actor, Actor)>,
    /// The partition in force now (empty when the network is whole), whoever made it.
    pub in_force: SplitPlan,
    /// The links that are held or have messages waiting at their end (held on their own):
    /// whether the link is held, and how many wait.
    pub held: Rc<Vec<HeldLink>>,
    /// The messages on their way, to hold one by keyboard.
    pub flying: Rc<OnTheirWay>,
    pub on_action: Callback<Action>,
    pub on_pick_link: Callback<Option<(Actor, Actor)>>,
}

/// A link (from, to), whether it is held, and how many messages wait at its end.
pub type HeldLink = ((Actor, Actor), bool, usize);

/// The messages on their way, as the network panel lists them for holding one: those the
/// snapshot keeps (`fencing_sim::view::KEPT_PER_KIND`: a slowed link may carry tens of
/// thousands), and how many each link carries in all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OnTheirWay {
    pub listed: Vec<Flying>,
    pub counts: Vec<((Actor, Actor), usize)>,
}

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

fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

/// A button's click sending `a`.
fn act(on_action: &Callback<Action>, a: Action) -> Callback<MouseEvent> {
    let cb = on_action.clone();
    Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
}

/// A plain function, not a component: the tool's panel around it is one already, and its
/// parts below are components of their own (a component costs the page about a kilobyte).
pub fn network_panel(props: NetworkPanelProps) -> Html {
    let actors: Rc<Vec<Actor>> = Rc::new(
        props
            .nodes
            .iter()
            .map(|n| Actor::Node(n.id))
            .chain([Actor::Lease, Actor::Storage])
            .collect(),
    );
    html! {
        <section class="tool-panel controls" aria-labelledby="network-h">
            <h2 id="network-h">{ "The network" }</h2>
            <SplitSides actors={actors.clone()} in_force={props.in_force.clone()} leader={props.leader}
                on_action={props.on_action.clone()} />
            { one_link(OneLinkProps {
                actors,
                picked_link: props.picked_link,
                held: props.held.clone(),
                flying: props.flying.clone(),
                on_action: props.on_action.clone(),
                on_pick_link: props.on_pick_link.clone(),
            }) }
            <NetworkTimings config={props.config.clone()} on_action={props.on_action.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SplitProps {
    actors: Rc<Vec<Actor>>,
    in_force: SplitPlan,
    leader: Option<NodeId>,
    on_action: Callback<Action>,
}

/// The network split: each actor's side in the plan, and the wall raised or healed.
#[function_component(SplitSides)]
fn split_sides(props: &SplitProps) -> Html {
    // The plan starts as the partition in force and follows it when it changes (a split
    // made anywhere, or Heal): the table never shows a wall that is not there.
    let plan = use_state(|| props.in_force.clone());
    {
        let plan = plan.clone();
        use_effect_with(props.in_force.clone(), move |f| plan.set(f.clone()));
    }
    let actors = &*props.actors;
    let rows = actors.iter().map(|&a| side_row(&plan, a)).collect::<Html>();
    let in_force = props.in_force.in_force_line(actors);
    let split_action = plan.action(actors);
    let can_split = split_action.is_some();
    let split = {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = split_action.clone() {
                cb.emit(a);
            }
        })
    };
    let plan_to = |p: SplitPlan| {
        let plan = plan.clone();
        Callback::from(move |_: MouseEvent| plan.set(p.clone()))
    };
    let isolate_leader = plan_to(SplitPlan::leader_alone(props.leader));
    let clear = plan_to(SplitPlan::default());
    let split_title = if can_split {
        "Raise the wall between side A and side B"
    } else {
        "Put at least one actor on side B"
    };
    html! {
        <fieldset class="split">
            <legend>{ "Network split" }</legend>
            <p class="in-force" role="status">{ in_force }</p>
            <table class="sides"><tbody>{ rows }</tbody></table>
            <div class="row">
                <button class="btn small" onclick={isolate_leader}>{ "Plan: leader alone on B, storage on both" }</button>
                <button class="btn small" onclick={clear}>{ "Clear plan" }</button>
            </div>
            <div class="row">
                <button class="btn primary" disabled={!can_split} onclick={split} title={split_title}>
                    { "▮ Split the network" }
                </button>
                <button class="btn" onclick={act(&props.on_action, Action::Heal)} aria-keyshortcuts="H">{ "Heal (remove wall and cuts)" }</button>
            </div>
        </fieldset>
    }
}

/// One actor's row of the split table: A, B or both.
fn side_row(plan: &UseStateHandle<SplitPlan>, a: Actor) -> Html {
    let current = plan.side_of(a);
    let radios = [(Side::A, "A"), (Side::B, "B"), (Side::Both, "both")]
        .into_iter()
        .map(|(side, text)| {
            let onchange = {
                let plan = plan.clone();
                Callback::from(move |_: Event| plan.set(plan.with(a, side)))
            };
            let where_ = if text == "both" {
                "both sides".to_string()
            } else {
                format!("side {text}")
            };
            let label = format!("{} on {where_}", actor_name(a));
            html! {
                <label class="seg">
                    <input type="radio" name={format!("side-{}", actor_key(a))}
                        checked={current == side} {onchange} aria-label={label} />
                    <span>{ text }</span>
                </label>
            }
        })
        .collect::<Html>();
    let group = format!("side of {}", actor_name(a));
    html! {
        <tr>
            <th scope="row">{ actor_name(a) }</th>
            <td><div class="segmented" role="radiogroup" aria-label={group}>{ radios }</div></td>
        </tr>
    }
}

struct OneLinkProps {
    actors: Rc<Vec<Actor>>,
    picked_link: Option<(Actor, Actor)>,
    held: Rc<Vec<HeldLink>>,
    flying: Rc<OnTheirWay>,
    on_action: Callback<Action>,
    on_pick_link: Callback<Option<(Actor, Actor)>>,
}

/// One link, one way: cut, restore, hold, release or delay it, or hold one message on it.
/// A plain function: what it is drawn from is made anew each time the panel is drawn.
fn one_link(props: OneLinkProps) -> Html {
    let (from, to) = props
        .picked_link
        .unwrap_or((Actor::Node(NodeId(0)), Actor::Storage));
    let pick = |f: fn(Actor, (Actor, Actor)) -> (Actor, Actor)| {
        let cb = props.on_pick_link.clone();
        Callback::from(move |e: Event| {
            if let Some(a) = parse_actor(&select_value(&e)) {
                cb.emit(Some(f(a, (from, to))));
            }
        })
    };
    let on_from = pick(|a, (_, to)| (a, to));
    let on_to = pick(|b, (from, _)| (from, b));
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
    let act = |a: Action| act(&props.on_action, a);
    let (from_name, to_name) = (actor_name(from), actor_name(to));
    let in_flight = (!same).then(|| in_flight_view(&props.flying, (from, to), &props.on_action));
    html! {
        <fieldset>
            <legend>{ "One link, one way (or click a link in the picture)" }</legend>
            <div class="row">
                <label class="field"><span>{ "From" }</span><select onchange={on_from} aria-label="link from">{ actor_options(&props.actors, from) }</select></label>
                <button class="btn small" onclick={swap} aria-label="swap direction">{ "⇄" }</button>
                <label class="field"><span>{ "to" }</span><select onchange={on_to} aria-label="link to">{ actor_options(&props.actors, to) }</select></label>
            </div>
            <div class="row">
                <button class="btn" disabled={same} onclick={act(Action::CutLink { from, to })}>
                    { format!("✕ Cut {from_name} → {to_name}") }
                </button>
                <button class="btn" disabled={same} onclick={act(Action::RestoreLink { from, to })}>{ "Restore" }</button>
            </div>
            <div class="row" role="group" aria-label="hold and release the link">
                <button class="btn" disabled={same || held} onclick={act(Action::HoldLink { from, to })}
                    title="its messages wait at the far end until released">
                    { format!("❚❚ Hold {from_name} → {to_name}") }
                </button>
                <button class="btn" disabled={!held && waiting == 0} onclick={act(Action::ReleaseLink { from, to, drop: false })}
                    title="what it holds goes on, in order, with the usual latency">{ format!("▶ Release ({waiting})") }</button>
                <button class="btn small" disabled={!held && waiting == 0} onclick={act(Action::ReleaseLink { from, to, drop: true })}>{ "Drop what it holds" }</button>
            </div>
            { in_flight.unwrap_or_default() }
            <LinkDelay link={(from, to)} on_action={props.on_action.clone()} />
        </fieldset>
    }
}

/// The actors as a select's options, `sel` selected.
fn actor_options(actors: &[Actor], sel: Actor) -> Html {
    actors
        .iter()
        .map(|a| html! { <option value={actor_key(*a)} selected={*a == sel}>{ actor_name(*a) }</option> })
        .collect::<Html>()
}

/// The messages on the link now, to hold one where it arrives (as a click on it in the
/// picture does).
fn in_flight_view(flying: &OnTheirWay, link: (Actor, Actor), on_action: &Callback<Action>) -> Html {
    // A slowed link can carry tens of thousands: count them all, list the first six.
    let count = flying
        .counts
        .iter()
        .find(|(l, _)| *l == link)
        .map_or(0, |(_, n)| *n);
    let items = flying
        .listed
        .iter()
        .filter(|m| (m.from, m.to) == link)
        .take(6)
        .map(|m| {
            let label = format!("{} (#{}), arrives in {}", m.label, m.id, m.arrives_in);
            let aria = format!("hold {label}");
            let text = if m.will_hold {
                "will be held"
            } else {
                "❚❚ Hold this one"
            };
            html! {
                <li>
                    <span>{ label }</span>
                    <button class="btn small" disabled={m.will_hold} onclick={act(on_action, Action::HoldMessage(m.id))}
                        aria-label={aria}>{ text }</button>
                </li>
            }
        })
        .collect::<Vec<Html>>();
    let words = if count == 0 {
        "Nothing on this link right now (or click a message in the picture to hold just that one)."
            .to_string()
    } else {
        format!("On this link now ({count}): hold just one where it arrives.")
    };
    html! {
        <div class="in-flight" role="group" aria-label="messages on the link now">
            <p class="muted">{ words }</p>
            if count > 0 {
                <ul>{ for items }</ul>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LinkDelayProps {
    link: (Actor, Actor),
    on_action: Callback<Action>,
}

/// An extra delay on the link, or none.
#[function_component(LinkDelay)]
fn link_delay(props: &LinkDelayProps) -> Html {
    let delay_ms = use_state(|| 90_000u64);
    let on_delay = {
        let (d, cb) = (delay_ms.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            if let Some(v) = read_number(&e, field::EXTRA_DELAY, *d, &cb) {
                d.set(v);
            }
        })
    };
    let (from, to) = props.link;
    let same = from == to;
    let delay = act(
        &props.on_action,
        Action::DelayLink {
            from,
            to,
            extra_ms: *delay_ms,
        },
    );
    let no_delay = act(
        &props.on_action,
        Action::DelayLink {
            from,
            to,
            extra_ms: 0,
        },
    );
    html! {
        <div class="row">
            <label class="field"><span>{ "Extra delay" }</span>
                <input type="number" min="0" step="1000" class="short" value={delay_ms.to_string()} onchange={on_delay} /><span>{ "ms" }</span></label>
            <button class="btn" disabled={same} onclick={delay}>{ "◷ Delay" }</button>
            <button class="btn small" disabled={same} onclick={no_delay}>{ "No delay" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct TimingsProps {
    config: Config,
    on_action: Callback<Action>,
}

/// The network's latency range and message loss, applied together.
#[function_component(NetworkTimings)]
fn network_timings(props: &TimingsProps) -> Html {
    let draft = use_config_draft(&props.config);
    let num = |f, get, set| number_field(&draft, f, (get, set), &props.on_action);
    let (lat_lo, on_lat_lo) = num(
        field::LATENCY_MIN,
        |c| c.latency_ms[0],
        |c, v| c.latency_ms[0] = v,
    );
    let (lat_hi, on_lat_hi) = num(
        field::LATENCY_MAX,
        |c| c.latency_ms[1],
        |c, v| c.latency_ms[1] = v,
    );
    // (the field takes at most 100)
    let (drop, on_drop) = num(
        field::DROP,
        |c| c.drop_percent as u64,
        |c, v| c.drop_percent = v.min(100) as u8,
    );
    let apply_net = act(
        &props.on_action,
        Action::SetNetwork {
            latency_ms: draft.latency_ms,
            drop_percent: draft.drop_percent,
        },
    );
    html! {
        <fieldset>
            <legend>{ "Network" }</legend>
            <div class="row">
                <label class="field"><span>{ "Latency" }</span><input type="number" min="0" class="short" value={lat_lo} onchange={on_lat_lo} aria-label="latency minimum, ms" /></label>
                <label class="field"><span>{ "to" }</span><input type="number" min="0" class="short" value={lat_hi} onchange={on_lat_hi} aria-label="latency maximum, ms" /><span>{ "ms" }</span></label>
                <label class="field"><span>{ "Drop" }</span><input type="number" min="0" max="100" class="short" value={drop} onchange={on_drop} aria-label="drop percentage" /><span>{ "%" }</span></label>
                <button class="btn" onclick={apply_net}>{ "Apply" }</button>
            </div>
        </fieldset>
    }
}
