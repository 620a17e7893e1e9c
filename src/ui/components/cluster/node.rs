//! A node in the picture: its shape by role and state (crown, ring of its lease, pause
//! bars, cross), its name and term, and the words under it (`scene::NodeScene`). Each line
//! explains the first term it names while hovered or tapped (`data-term`), and the node
//! all of them while focused by the keyboard (`data-terms`, `aria-describedby`:
//! the same words as `glossary::named_in`, from each line's keys found once).

use super::f;
use fencing_model::describe::{actor_key, node_words};
use fencing_model::glossary;
use fencing_model::layout::{inside_dx, NODE_R};
use fencing_model::picture::{
    leader_view_words, lease_drawn, node_label, zombie, LineKind, TextSizes,
};
use fencing_model::scene::NodeScene;
use fencing_model::Action;
use fencing_sim::node::Role;
use fencing_sim::view::{NodeState, NodeView, Snapshot};
use fencing_sim::{Actor, NodeId};
use yew::prelude::*;

/// The class that gives a line under a node its look.
fn line_class(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Role => "role-text",
        LineKind::Leader | LineKind::Lease => "role-text leader-text",
        LineKind::StoreLeaseOver | LineKind::ClockBeyond => "clock-text beyond",
        LineKind::State => "state-text",
        LineKind::Clock => "clock-text",
        LineKind::Replication => "replication-text",
        LineKind::Refusal => "refusal-text",
        LineKind::ZombieTitle => "zombie-title",
        LineKind::Zombie => "zombie-text",
    }
}

/// < and > (or , and .) on a focused actor: one step towards side A or side B.
pub(super) fn nudge_keys(actor: Actor, on_action: &Callback<Action>) -> Callback<KeyboardEvent> {
    let cb = on_action.clone();
    Callback::from(move |e: KeyboardEvent| {
        if let Some(toward_b) = fencing_model::keys::nudge_key(&e.key()) {
            e.prevent_default();
            cb.emit(Action::Nudge { actor, toward_b });
        }
    })
}

/// The classes of a node's group: its role, and crashed, paused, selected, zombie.
fn node_class(n: &NodeView, now: fencing_sim::SimTime, selected: bool, is_zombie: bool) -> Classes {
    let (role, _) = node_words(n, now);
    classes!(
        "node",
        format!("role-{}", role.to_ascii_lowercase()),
        matches!(n.state, NodeState::Crashed).then_some("crashed"),
        matches!(n.state, NodeState::Paused { .. }).then_some("paused"),
        selected.then_some("selected"),
        is_zombie.then_some("zombie")
    )
}

/// Enter selects the node; < and > move it across the wall.
fn node_keys(
    id: NodeId,
    on_select: &Callback<NodeId>,
    on_action: &Callback<Action>,
) -> Callback<KeyboardEvent> {
    let cb = on_select.clone();
    let nudge = nudge_keys(Actor::Node(id), on_action);
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            cb.emit(id);
        } else {
            nudge.emit(e);
        }
    })
}

/// The ring of a leader's lease, full at a fresh grant.
fn lease_ring(n: &NodeView) -> Html {
    let Some(left) = n.lease_left else {
        return Html::default();
    };
    let frac = lease_drawn(Some(left), n.lease_len);
    html! {
        <>
          <circle class="lease-track" r={f(NODE_R + 9.0)} />
          <circle class="lease-ring" r={f(NODE_R + 9.0)} pathLength="100"
              stroke-dasharray={format!("{} 100", (frac * 100.0).round() as u32)}
              transform="rotate(-90)" />
        </>
    }
}

/// What a node is drawn from. A plain function, not a component: the picture redraws
/// every frame anyway, and a component would compare its props (the snapshot) first.
pub(super) struct NodeDraw<'a> {
    pub at: &'a NodeScene,
    pub snapshot: &'a Snapshot,
    pub selected: bool,
    pub text: &'a TextSizes,
    /// The picture's width in its own units.
    pub width: f64,
    pub on_select: &'a Callback<NodeId>,
    pub on_action: &'a Callback<Action>,
}

pub(super) fn node_view(props: NodeDraw<'_>) -> Html {
    let (s, ts, p) = (props.snapshot, props.text, props.at.at);
    let id = props.at.id;
    let Some(n) = s.nodes.get(id.0 as usize) else {
        return Html::default();
    };
    let crashed = matches!(n.state, NodeState::Crashed);
    let paused = matches!(n.state, NodeState::Paused { .. });
    let leader = n.role == Role::Leader && !crashed;
    let lines = &props.at.lines;
    let is_zombie = lines
        .first()
        .is_some_and(|l| l.kind == LineKind::ZombieTitle);
    let leader_view = leader_view_words(n, s);
    let label = [
        Some(node_label(n, s.now, props.selected)),
        zombie(n, s).map(|z| z.words()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let label = match &leader_view {
        Some(v) => format!("{label}; {v}"),
        None => label,
    };
    let title = match &leader_view {
        Some(v) => format!("{id} — {v}. Click for its actions; drag it across the wall to split"),
        None => format!("{id} — click for its actions; drag it across the wall to split"),
    };
    let onclick = {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(id))
    };
    let onkeydown = node_keys(id, props.on_select, props.on_action);
    let term = format!("term {}", n.term);
    // Each line's named entries, found once: for the line's own mark and the node's.
    let line_keys: Vec<Vec<&'static str>> = lines
        .iter()
        .map(|l| glossary::keys_named(&l.text))
        .collect();
    let below = lines
        .iter()
        .zip(&line_keys)
        .enumerate()
        .map(|(i, (l, keys))| {
            let y = NODE_R + 10.0 + ts.line + i as f64 * ts.line_gap;
            let x = inside_dx(p.x, l.text.chars().count(), ts.line, props.width);
            let named = keys.first().copied();
            html! {
                <text class={line_class(l.kind)} x={f(x)} y={f(y)} font-size={f(ts.line)}
                    data-term={named} aria-describedby={named.map(|k| format!("term-{k}"))}>{&l.text}</text>
            }
        })
        .collect::<Html>();
    let (keys, described) = glossary::described(
        line_keys
            .into_iter()
            .flatten()
            .chain(glossary::keys_named(&term)),
    );
    html! {
        <g class={node_class(n, s.now, props.selected, is_zombie)} style={super::boxes::translate(p)}
           role="button" tabindex="0" aria-label={label} data-node={id.0.to_string()}
           data-grab={actor_key(Actor::Node(id))} data-nudge="" aria-keyshortcuts="< >"
           aria-pressed={props.selected.to_string()}
           data-terms={keys} aria-describedby={described}
           {onclick} {onkeydown}>
            <title>{ title }</title>
            if leader { { lease_ring(n) } }
            if is_zombie {
                <circle class="zombie-outer" r={f(NODE_R + 15.0)} />
            }
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
            if !ts.term_inside {
                <text class="name" y={f(ts.name * 0.36)} font-size={f(ts.name)}>{ id.to_string() }</text>
            } else {
                <text class="name" y="2" font-size={f(ts.name)}>{ id.to_string() }</text>
                <text class="term" y="20" font-size={f(ts.term)} data-term="term" aria-describedby="term-term">{ term }</text>
            }
            { below }
        </g>
    }
}
