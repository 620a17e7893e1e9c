//! The wires between actors in the cluster picture: every node to the lease store and the
//! storage, and node to node. Click one to pick it for cutting. Redrawn only when the
//! layout or the picked link changes.

use super::f;
use fencing_model::describe::actor_name;
use fencing_model::layout::{edge_point, link_pairs, pos_of, radius_of, Pos};
use fencing_sim::Actor;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LinksProps {
    pub positions: Rc<Vec<(Actor, Pos)>>,
    pub picked: Option<(Actor, Actor)>,
    pub on_link: Callback<(Actor, Actor)>,
}

#[function_component(Links)]
pub fn links(props: &LinksProps) -> Html {
    let ps = &*props.positions;
    let pairs = link_pairs(ps);
    pairs
        .iter()
        .map(|&(a, b)| {
            let pa = pos_of(ps, a);
            let pb = pos_of(ps, b);
            let (sa, sb) = (edge_point(pa, pb, radius_of(a)), edge_point(pb, pa, radius_of(b)));
            let node_node = matches!((a, b), (Actor::Node(_), Actor::Node(_)));
            let picked = props.picked.is_some_and(|(x, y)| (x, y) == (a, b) || (y, x) == (a, b));
            let onclick = {
                let cb = props.on_link.clone();
                Callback::from(move |_: MouseEvent| cb.emit((a, b)))
            };
            let class = classes!(
                "link",
                node_node.then_some("peer"),
                picked.then_some("picked")
            );
            html! {
                <g class={class} {onclick}>
                    <title>{ format!("link {} ↔ {}: click to cut it one way", actor_name(a), actor_name(b)) }</title>
                    <line class="hit" x1={f(sa.x)} y1={f(sa.y)} x2={f(sb.x)} y2={f(sb.y)} />
                    <line class="wire" x1={f(sa.x)} y1={f(sa.y)} x2={f(sb.x)} y2={f(sb.y)} />
                </g>
            }
        })
        .collect::<Html>()
}
