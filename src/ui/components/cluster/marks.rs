//! Marks on the picture that are not actors: unusual links (cut one way, held, slowed)
//! and recent drops (`scene::LinkMark`, `scene::DropScene`).

use super::f;
use fencing_model::picture::TextSizes;
use fencing_model::scene::{DropScene, LinkMark};
use yew::prelude::*;

pub(super) fn link_marks(links: &[LinkMark<'_>], ts: &TextSizes) -> Html {
    links
        .iter()
        .map(|m| {
            let l = m.link;
            html! {
                <g class={classes!("odd-link", l.cut.then_some("cut"), l.held.then_some("held"))}>
                    <line x1={f(m.start.x)} y1={f(m.start.y)} x2={f(m.mark.x)} y2={f(m.mark.y)} />
                    if let Some((p, text)) = &m.label {
                        <text x={f(p.x)} y={f(p.y)} font-size={f(ts.msg)}>{ text.clone() }</text>
                    }
                </g>
            }
        })
        .collect()
}

pub(super) fn drop_marks(drops: &[DropScene], ts: &TextSizes) -> Html {
    drops
        .iter()
        .map(|d| {
            let opacity = fencing_sim::num::fixed(d.opacity, 2);
            html! {
                <text class="drop-mark" fill-opacity={opacity.clone()} stroke-opacity={opacity}
                      x={f(d.at.x)} y={f(d.at.y)} font-size={f(ts.msg)}>{ "✕ dropped" }</text>
            }
        })
        .collect()
}
