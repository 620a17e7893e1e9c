//! The cluster picture: nodes (role by shape and word, term, lease countdown ring, paused
//! or crashed), the lease store, the storage, the links (click one to pick it for cutting),
//! the messages in flight along them, and the partition wall. What goes where is the
//! model's (`scene::scene`, `wall`); the parts here draw it.

mod boxes;
mod hand;
mod marks;
mod message;
mod node;
mod wall;

use super::f;
use super::links::Links;
use fencing_model::derived::DropMark;
use fencing_model::layout::{positions_of, view_height, Arrangement, Fit, Shape};
use fencing_model::scene::{scene, SceneInput};
use fencing_model::wall::{wall_value, Moving, WallModel};
use fencing_model::Action;
use fencing_sim::view::Snapshot;
use fencing_sim::{Actor, NodeId};
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
    /// The larger words (presentation mode's, or where the screen needs them): the term
    /// moves under the node.
    #[prop_or_default]
    pub presentation: bool,
    /// The picture's shape for this screen (its `large_words` are in `presentation`).
    #[prop_or_default]
    pub fit: Fit,
    pub on_select: Callback<NodeId>,
    pub on_link: Callback<(Actor, Actor)>,
    /// Splitting by hand: an actor dragged across the wall or nudged by keyboard, the wall
    /// dragged or moved by keyboard.
    #[prop_or_default]
    pub on_action: Callback<Action>,
    /// A click on a message holds it (or releases its link). Off for the compare view's
    /// twin, whose messages are its own: they are drawn, not offered.
    #[prop_or(true)]
    pub holds_messages: bool,
    /// A lesson's question waits for its answer: words that could answer it are held.
    #[prop_or_default]
    pub asking: bool,
    /// The wall's grip and the boxes are handles to split the network by hand (the
    /// network tools are shown); else the wall is drawn only while the network is split.
    #[prop_or(true)]
    pub split_by_hand: bool,
}

#[function_component(Cluster)]
pub fn cluster(props: &ClusterProps) -> Html {
    let s = &*props.snapshot;
    // Recomputed only when the arrangement (node count, who stands where) changes: the
    // positions, and what the wall's controls need of them.
    let shape = props.fit.shape;
    let arrangement = Arrangement::shaped(s, shape);
    let ps = use_memo(arrangement.clone(), positions_of);
    let wm: Rc<WallModel> = {
        let ps = ps.clone();
        use_memo(arrangement, move |arr| WallModel::of(arr, &ps))
    };
    let view_h = view_height(shape, props.presentation);
    let view_w = shape.width();
    let hand = hand::use_hand(
        ps.clone(),
        wm.clone(),
        (view_w, view_h),
        props.on_action.clone(),
    );
    let moving = Moving::of(hand.drag, hand.shown, &ps, &wm);
    let sc = scene(
        s,
        &ps,
        SceneInput {
            shape,
            large_words: props.presentation,
            reduced_motion: props.reduced_motion,
            drops: &props.drops,
            drop_window_us: props.drop_window_us,
            asking: props.asking,
        },
    );
    let ts = sc.text;
    let grip = wall::grip(wall::GripProps {
        partitioned: s.partitioned,
        moving: moving.as_ref().is_some_and(|m| m.wall_x.is_some()),
        stops: wm.stops.len(),
        now: hand.shown.unwrap_or(wm.now),
        value: wall_value(moving.as_ref(), &wm),
        on_key: hand.wall_key.clone(),
        on_blur: hand.wall_blur.clone(),
        ts,
        shape,
        label_y: fencing_model::scene::grip_label(shape, &sc.storage.frame, ts).y,
    });
    let nodes = sc
        .nodes
        .iter()
        .map(|n| {
            node::node_view(node::NodeDraw {
                at: n,
                snapshot: s,
                selected: props.selected == Some(n.id),
                text: ts,
                width: view_w,
                on_select: &props.on_select,
                on_action: &props.on_action,
            })
        })
        .collect::<Html>();
    let on_message = props.holds_messages.then_some(&props.on_action);
    let messages = sc
        .messages
        .iter()
        .map(|d| message::message_view(d, on_message))
        .collect::<Html>();
    let dragging = hand.drag.is_some_and(|d| d.moving);
    // The boxes move across the wall by hand (drag, < >) only where the network tools are.
    let handles = props.split_by_hand.then_some(&props.on_action);
    html! {
        <svg class={classes!("cluster", props.presentation.then_some("large"), dragging.then_some("dragging"))}
             viewBox={format!("0 0 {} {}", fencing_sim::num::trimmed(view_w, 1), fencing_sim::num::trimmed(view_h, 1))} data-shape={if shape == Shape::Tall { "tall" } else { "wide" }} role="group" ref={hand.svg.clone()}
             aria-label="The cluster: nodes, lease store, storage and the messages between them"
             onpointerdown={hand.down.clone()} onpointermove={hand.moved.clone()}
             onpointerup={hand.up.clone()} onpointercancel={hand.cancel.clone()}>
            <defs>
                <pattern id="wall-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="8" height="8" class="wall-hatch-bg" />
                    <line x1="0" y1="0" x2="0" y2="8" class="wall-hatch-line" />
                </pattern>
            </defs>
            <g class="links">
                <Links positions={ps.clone()} picked={props.picked_link} on_link={props.on_link.clone()} />
            </g>
            if s.partitioned { { wall::wall(moving.is_some(), ts, shape) } }
            // The wall's grip under the actors and the messages: one standing on the wall
            // (both sides) or crossing it is clicked, tapped or dragged, not the wall.
            if props.split_by_hand || s.partitioned { { grip } }
            <g class="odd-links">{ marks::link_marks(&sc.links, ts) }</g>
            { boxes::lease_box(&sc.lease, s.lease.term.0, ts, handles) }
            { boxes::storage_box(&sc.storage, ts, handles) }
            // Messages under the nodes' words: a dot never hides what a node says.
            <g class="messages" aria-hidden="true">{ messages }</g>
            <g class="nodes">{ nodes }</g>
            <g class="drops" aria-hidden="true">{ marks::drop_marks(&sc.drops, ts) }</g>
            if let Some(m) = &moving { { wall::moving_view(m, &ps, &wm, view_h, ts) } }
        </svg>
    }
}
