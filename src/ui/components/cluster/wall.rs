//! The partition wall in the picture: the wall itself when the network is split (or a grip
//! at the picture's edge when whole), a slider for the keyboard; and, while something is
//! moved by hand, where everything would go and what letting go would do.

use super::f;
use fencing_model::describe::{actor_name, side_words};
use fencing_model::layout::{Pos, Shape, NODE_R};
use fencing_model::picture::TextSizes;
use fencing_model::scene::side_label_apart;
use fencing_model::wall::{Moving, WallModel, BAND};
use fencing_sim::network::Side;
use fencing_sim::Actor;
use yew::prelude::*;

const WALL_TITLE: &str = "The partition wall: drag it across the picture to split the network \
                          (or focus it: ← → move it one actor at a time, Enter raises it, Esc cancels)";

/// The grip's slider state and its keys.
pub(super) struct GripProps<'a> {
    pub partitioned: bool,
    pub moving: bool,
    pub stops: usize,
    pub now: usize,
    pub value: String,
    pub on_key: Callback<KeyboardEvent>,
    pub on_blur: Callback<FocusEvent>,
    pub ts: &'a TextSizes,
    pub shape: Shape,
    /// The baseline of the grip's word (`scene::grip_label`: under the grip, or above
    /// the storage's box where the box would cover it).
    pub label_y: f64,
}

/// The wall itself when the network is split; a grip at the picture's edge when whole.
pub(super) fn grip(g: GripProps<'_>) -> Html {
    let (width, height, wall_x) = (g.shape.width(), g.shape.height(), g.shape.wall_x());
    html! {
        <g class={classes!("wall-grip", (!g.partitioned).then_some("at-rest"), g.moving.then_some("moving"))}
           data-grab="wall" tabindex="0" role="slider" aria-label="the partition wall"
           aria-orientation="horizontal" aria-valuemin="0" aria-valuemax={g.stops.saturating_sub(1).to_string()}
           aria-valuenow={g.now.to_string()} aria-valuetext={g.value}
           aria-keyshortcuts="ArrowLeft ArrowRight Enter Escape"
           onkeydown={g.on_key} onblur={g.on_blur}>
            <title>{ WALL_TITLE }</title>
            if g.partitioned {
                <rect class="hit" x={f(wall_x - 22.0)} y="30" width="44" height={f(height - 54.0)} />
            } else {
                <rect class="hit" x={f(width - 30.0)} y={f(height / 2.0 - 70.0)} width="30" height="140" />
                <rect class="grip" x={f(width - 20.0)} y={f(height / 2.0 - 45.0)} width="12" height="90" rx="6" />
                <text class="grip-label" x={f(width - 3.0)} y={f(g.label_y)} font-size={f(g.ts.msg)}>{ "wall" }</text>
            }
        </g>
    }
}

/// The wall across the picture, with its labels unless something is being moved (whose
/// own labels then say where the sides are).
pub(super) fn wall(moving: bool, ts: &TextSizes, shape: Shape) -> Html {
    let (wall_x, apart) = (shape.wall_x(), side_label_apart(shape));
    html! {
        <g class="wall" aria-label="network partition between side A and side B">
            <rect x={f(wall_x - 9.0)} y="30" width="18" height={f(shape.height() - 54.0)} fill="url(#wall-hatch)" />
            if !moving {
                <text class="wall-label" x={f(wall_x)} y="20" font-size={f(ts.msg)}>{ "PARTITION" }</text>
                <text class="side-label" x={f(wall_x - apart)} y="20" font-size={f(ts.msg)}>{ "side A" }</text>
                <text class="side-label" x={f(wall_x + apart)} y="20" font-size={f(ts.msg)}>{ "side B" }</text>
            }
        </g>
    }
}

fn shade(side: Side) -> &'static str {
    match side {
        Side::A => "goes-a",
        Side::B => "goes-b",
        Side::Both => "goes-both",
    }
}

/// Each actor's ring in the colour of the side it would go to, with an arrow where it
/// would change side.
fn side_marks(m: &Moving, ps: &[(Actor, Pos)], wm: &WallModel, ts: &TextSizes) -> Html {
    m.marks(ps, wm)
        .into_iter()
        .map(|(_, p, side, changes)| {
            html! {
                <g class={classes!("side-mark", shade(side), changes.then_some("changes"))}
                   transform={format!("translate({},{})", f(p.x), f(p.y))}>
                    <circle r={f(NODE_R + 20.0)} />
                    if changes {
                        <text y={f(-NODE_R - 24.0)} font-size={f(ts.msg)}>{ format!("→ {}", side_words(side).trim_start_matches("on ")) }</text>
                    }
                </g>
            }
        })
        .collect()
}

/// The wall's ghost where it would stand, or the zones an actor is dragged across.
fn guide(m: &Moving, view_h: f64, ts: &TextSizes, shape: Shape) -> Html {
    let (width, wall_x) = (shape.width(), shape.wall_x());
    if let Some(x) = m.wall_x {
        return html! {
            <g class="wall-ghost">
                <rect class="side-b-shade" x={f(x)} y="0" width={f((width - x).max(0.0))} height={f(view_h)} />
                <line x1={f(x)} y1="26" x2={f(x)} y2={f(view_h - 30.0)} />
                <text x={f((x + width) / 2.0)} y="20" font-size={f(ts.msg)}>{ "side B" }</text>
            </g>
        };
    }
    let Some((a, at)) = m.actor else {
        return Html::default();
    };
    let hot = fencing_model::wall::side_at(at.x, shape);
    let zone = |side: Side, x0: f64, x1: f64, label: &str| {
        html! {
            <g class={classes!("zone", (side == hot).then_some("hot"))}>
                <rect x={f(x0)} y="0" width={f(x1 - x0)} height={f(view_h)} />
                <text x={f((x0 + x1) / 2.0)} y="20" font-size={f(ts.msg)}>{ label.to_string() }</text>
            </g>
        }
    };
    let r = if matches!(a, Actor::Node(_)) {
        NODE_R
    } else {
        44.0
    };
    html! {
        <g class="drag-zones">
            { zone(Side::A, 0.0, wall_x - BAND, "side A") }
            { zone(Side::Both, wall_x - BAND, wall_x + BAND, "both") }
            { zone(Side::B, wall_x + BAND, width, "side B") }
            <g class="drag-ghost" transform={format!("translate({},{})", f(at.x), f(at.y))}>
                <circle r={f(r)} />
                <text y="6" font-size={f(ts.msg)}>{ actor_name(a) }</text>
            </g>
        </g>
    }
}

/// While something is moved: where it would go, and what letting go would do.
pub(super) fn moving_view(
    m: &Moving,
    ps: &[(Actor, Pos)],
    wm: &WallModel,
    view_h: f64,
    ts: &TextSizes,
) -> Html {
    let words = m.caption(wm);
    let caption_w = words.chars().count() as f64 * ts.msg * 0.6 + 24.0;
    let mid = wm.shape.width() / 2.0;
    html! {
        <g class="moving" aria-hidden="true">
            { guide(m, view_h, ts, wm.shape) }
            { side_marks(m, ps, wm, ts) }
            <g class="move-caption">
                <rect x={f(mid - caption_w / 2.0)} y={f(view_h - 30.0)} width={f(caption_w)} height={f(ts.msg + 12.0)} rx="6" />
                <text x={f(mid)} y={f(view_h - 30.0 + ts.msg + 2.0)} font-size={f(ts.msg)}>{ words }</text>
            </g>
        </g>
    }
}
