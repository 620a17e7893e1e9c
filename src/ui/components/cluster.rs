//! The cluster picture: nodes (role by shape and word, term, lease countdown ring, paused
//! or crashed), the lease store, the storage, the links (click one to pick it for cutting),
//! the messages in flight along them, and the partition wall.

use super::links::Links;
use fencing_model::derived::DropMark;
use fencing_model::describe::{actor_name, dur, node_words};
use fencing_model::layout::{
    edge_point, pos_of, positions_of, radius_of, Arrangement, Pos, HEIGHT, NODE_R, WALL_X, WIDTH,
};
use fencing_model::picture::{drop_spot, flight, lease_fraction, node_label, node_lines};
use fencing_sim::node::Role;
use fencing_sim::view::{MessageView, NodeState, NodeView, Snapshot};
use fencing_sim::{Actor, NodeId, SimTime};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    pub snapshot: Rc<Snapshot>,
    pub selected: Option<NodeId>,
    pub reduced_motion: bool,
    #[prop_or_default]
    pub drops: Rc<Vec<DropMark>>,
    /// How long (virtual µs) a drop mark stays visible.
    #[prop_or(300_000)]
    pub drop_window_us: u64,
    /// The link picked for cutting, if any.
    #[prop_or_default]
    pub picked_link: Option<(Actor, Actor)>,
    pub on_select: Callback<NodeId>,
    pub on_link: Callback<(Actor, Actor)>,
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

fn node_view(
    n: &NodeView,
    p: Pos,
    now: SimTime,
    selected: bool,
    on_select: &Callback<NodeId>,
) -> Html {
    let (role, _) = node_words(n, now);
    let crashed = matches!(n.state, NodeState::Crashed);
    let paused = matches!(n.state, NodeState::Paused { .. });
    let leader = n.role == Role::Leader && !crashed;
    let mut class = classes!("node", format!("role-{}", role.to_lowercase()));
    if crashed {
        class.push("crashed");
    }
    if paused {
        class.push("paused");
    }
    if selected {
        class.push("selected");
    }
    let label = node_label(n, now, selected);
    let id = n.id;
    let onclick = {
        let cb = on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(id))
    };
    let onkeydown = {
        let cb = on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                cb.emit(id);
            }
        })
    };
    let ring = n.lease_left.filter(|_| leader && !crashed).map(|left| {
        let frac = lease_fraction(Some(left), n.lease_len);
        html! {
            <>
              <circle class="lease-track" r={f(NODE_R + 9.0)} />
              <circle class="lease-ring" r={f(NODE_R + 9.0)} pathLength="100"
                  stroke-dasharray={format!("{:.2} 100", frac * 100.0)}
                  transform="rotate(-90)" />
            </>
        }
    });
    let below = {
        let lines = node_lines(n, now);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, (t, c))| {
                html! { <text class={c} y={f(NODE_R + 26.0 + i as f64 * 17.0)}>{t}</text> }
            })
            .collect::<Html>()
    };
    html! {
        <g class={class} transform={format!("translate({},{})", f(p.x), f(p.y))}
           role="button" tabindex="0" aria-label={label} data-node={n.id.0.to_string()}
           {onclick} {onkeydown}>
            <title>{ format!("{} — click to select", n.id) }</title>
            { ring.unwrap_or_default() }
            if leader {
                <circle class="leader-outer" r={f(NODE_R + 4.0)} />
                <path class="crown" d="M -16 -44 L -16 -56 L -8 -49 L 0 -60 L 8 -49 L 16 -56 L 16 -44 Z" />
            }
            if n.role == Role::Candidate && !crashed {
                <circle class="candidate-outer" r={f(NODE_R + 4.0)} />
            }
            <circle class="body" r={f(NODE_R)} />
            if paused {
                <g class="ice">
                    <rect x="-9" y="-30" width="6" height="14" rx="1" />
                    <rect x="3" y="-30" width="6" height="14" rx="1" />
                </g>
            }
            if crashed {
                <g class="cross">
                    <line x1="-22" y1="-22" x2="22" y2="22" />
                    <line x1="22" y1="-22" x2="-22" y2="22" />
                </g>
            }
            <text class="name" y="2">{ n.id.to_string() }</text>
            <text class="term" y="19">{ format!("term {}", n.term) }</text>
            { below }
        </g>
    }
}

fn message_view(m: &MessageView, ps: &[(Actor, Pos)], s: &Snapshot, reduced: bool) -> Html {
    let fl = flight(m, ps, s, reduced);
    let class = classes!(
        "msg",
        format!("fam-{:?}", m.family).to_lowercase(),
        fl.blocked.then_some("blocked"),
        fl.doomed.then_some("doomed")
    );
    html! {
        <g key={m.id.to_string()} class={class} opacity={format!("{:.2}", fl.opacity)}
           transform={format!("translate({},{})", f(fl.at.x), f(fl.at.y))}>
            <circle r="6" />
            <text y="-10">{ fl.label }</text>
        </g>
    }
}

#[function_component(Cluster)]
pub fn cluster(props: &ClusterProps) -> Html {
    let s = &*props.snapshot;
    // Recomputed only when the arrangement (node count, who stands where) changes.
    let ps = use_memo(Arrangement::of(s), positions_of);
    let now = s.now;

    let links = html! {
        <Links positions={ps.clone()} picked={props.picked_link} on_link={props.on_link.clone()} />
    };

    // Unusual links: cut one way (a cross near the receiving end) or slowed.
    let odd_links = s
        .links
        .iter()
        .map(|l| {
            let pa = pos_of(&ps, l.from);
            let pb = pos_of(&ps, l.to);
            let sa = edge_point(pa, pb, radius_of(l.from));
            let sb = edge_point(pb, pa, radius_of(l.to));
            let mx = sa.x + (sb.x - sa.x) * 0.7;
            let my = sa.y + (sb.y - sa.y) * 0.7;
            let text = if l.cut {
                format!("✕ {} → {} cut", actor_name(l.from), actor_name(l.to))
            } else {
                format!(
                    "◷ {} → {} +{}",
                    actor_name(l.from),
                    actor_name(l.to),
                    dur(l.extra_delay)
                )
            };
            html! {
                <g class={classes!("odd-link", l.cut.then_some("cut"))}>
                    <line x1={f(sa.x)} y1={f(sa.y)} x2={f(mx)} y2={f(my)} />
                    <text x={f(mx)} y={f(my - 8.0)}>{ text }</text>
                </g>
            }
        })
        .collect::<Html>();

    let wall = s.partitioned.then(|| {
        html! {
            <g class="wall" aria-label="network partition between side A and side B">
                <rect x={f(WALL_X - 9.0)} y="24" width="18" height={f(HEIGHT - 48.0)} fill="url(#wall-hatch)" />
                <text class="wall-label" x={f(WALL_X)} y="16">{ "PARTITION" }</text>
                <text class="side-label" x={f(WALL_X - 120.0)} y="22">{ "side A" }</text>
                <text class="side-label" x={f(WALL_X + 120.0)} y="22">{ "side B" }</text>
            </g>
        }
    });

    let nodes = s
        .nodes
        .iter()
        .map(|n| {
            let p = pos_of(&ps, Actor::Node(n.id));
            node_view(n, p, now, props.selected == Some(n.id), &props.on_select)
        })
        .collect::<Html>();

    let lease = {
        let p = pos_of(&ps, Actor::Lease);
        let l = &s.lease;
        let frac = lease_fraction(l.left, l.lease_len);
        let (holder, left) = match (l.holder, l.left) {
            (Some(h), Some(left)) => (format!("holder {h}"), format!("{} left", dur(left))),
            _ => ("no valid lease".to_string(), "free to grant".to_string()),
        };
        html! {
            <g class="box lease-store" transform={format!("translate({},{})", f(p.x), f(p.y))}
               role="img" aria-label={format!("lease store: term {}, {holder}, {left}", l.term)}>
                <rect x="-78" y="-52" width="156" height="104" rx="10" />
                <text class="box-title" y="-30">{ "LEASE STORE" }</text>
                <text y="-10">{ format!("term {}", l.term) }</text>
                <text y="8">{ holder }</text>
                <text y="26">{ left }</text>
                <rect class="bar-track" x="-60" y="36" width="120" height="6" rx="3" />
                <rect class="bar" x="-60" y="36" width={f(120.0 * frac)} height="6" rx="3" />
            </g>
        }
    };
    let storage = {
        let p = pos_of(&ps, Actor::Storage);
        let st = &s.storage;
        let highest = st
            .highest
            .map(|h| format!("highest token {h}"))
            .unwrap_or_else(|| "no token yet".into());
        let value = st
            .value
            .map(|v| format!("value {v}"))
            .unwrap_or_else(|| "empty".into());
        let fencing = if st.fencing {
            "fencing ON"
        } else {
            "⚠ fencing OFF"
        };
        html! {
            <g class={classes!("box", "storage", (!st.fencing).then_some("unfenced"))}
               transform={format!("translate({},{})", f(p.x), f(p.y))}
               role="img" aria-label={format!("storage: {highest}, {value}, {fencing}")}>
                <rect x="-78" y="-52" width="156" height="104" rx="10" />
                <text class="box-title" y="-30">{ "STORAGE" }</text>
                <text class="highest" y="-8">{ highest }</text>
                <text y="12">{ value }</text>
                <text class="fencing-text" y="34">{ fencing }</text>
            </g>
        }
    };

    let messages = s
        .messages
        .iter()
        .map(|m| message_view(m, &ps, s, props.reduced_motion))
        .collect::<Html>();

    let drops = props
        .drops
        .iter()
        .filter(|d| now.0.saturating_sub(d.at.0) <= props.drop_window_us)
        .map(|d| {
            let p = drop_spot(&ps, d.from, d.to, s.partitioned);
            let age = now.0.saturating_sub(d.at.0) as f64 / props.drop_window_us.max(1) as f64;
            html! {
                <g class="drop-mark" opacity={format!("{:.2}", (1.0 - age).clamp(0.1, 1.0))}
                   transform={format!("translate({},{})", f(p.x), f(p.y))}>
                    <text>{ "✕ dropped" }</text>
                </g>
            }
        })
        .collect::<Html>();

    html! {
        <svg class="cluster" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group"
             aria-label="The cluster: nodes, lease store, storage and the messages between them">
            <defs>
                <pattern id="wall-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="8" height="8" class="wall-hatch-bg" />
                    <line x1="0" y1="0" x2="0" y2="8" class="wall-hatch-line" />
                </pattern>
            </defs>
            <g class="links">{ links }</g>
            { wall.unwrap_or_default() }
            <g class="odd-links">{ odd_links }</g>
            { lease }
            { storage }
            <g class="nodes">{ nodes }</g>
            <g class="messages" aria-hidden="true">{ messages }</g>
            <g class="drops" aria-hidden="true">{ drops }</g>
        </svg>
    }
}
