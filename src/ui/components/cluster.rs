//! The cluster picture: nodes (role by shape and word, term, lease countdown ring, paused
//! or crashed), the lease store, the storage, the links (click one to pick it for cutting),
//! the messages in flight along them, and the partition wall.

use super::links::Links;
use fencing_model::derived::DropMark;
use fencing_model::describe::{actor_key, parse_actor, side_words};
use fencing_model::describe::{actor_name, dur, node_words};
use fencing_model::layout::to_picture;
use fencing_model::layout::{
    edge_point, extent, inside_dx, pos_of, positions_of, radius_of, view_height, Arrangement, Pos,
    HEIGHT, NODE_R, WALL_X, WIDTH,
};
use fencing_model::picture::{
    drop_spot, flight, label_priority, last_notable_verdict, leader_view_words, lease_fraction,
    node_label, place_labels, words_under, zombie, LabelBox, LineKind, NodeLine, TextSizes,
    NORMAL_TEXT, PRESENTATION_TEXT,
};
use fencing_model::wall::{self, WallModel, BAND, DRAG_START};
use fencing_model::Action;
use fencing_sim::network::Side;
use fencing_sim::node::Role;
use fencing_sim::view::{MessageView, NodeState, NodeView, Snapshot};
use fencing_sim::{Actor, NodeId};
use std::rc::Rc;
use wasm_bindgen::JsCast;
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
    /// Presentation mode: larger words (the term moves under the node).
    #[prop_or_default]
    pub presentation: bool,
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
}

/// What a press in the picture took hold of.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Grab {
    Wall,
    Actor(Actor),
}

/// A press on something draggable, and where the pointer is now (picture units). It is a
/// drag once the pointer has moved `DRAG_START`; less is a click.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drag {
    grab: Grab,
    from: Pos,
    at: Pos,
    moving: bool,
}

/// The picture's point under a pointer event.
fn point_of(e: &MouseEvent, svg: &NodeRef, view_h: f64) -> Option<Pos> {
    let el = svg.cast::<web_sys::Element>()?;
    let r = el.get_bounding_client_rect();
    Some(to_picture(
        (e.client_x() as f64, e.client_y() as f64),
        [r.left(), r.top(), r.width(), r.height()],
        (WIDTH, view_h),
    ))
}

/// What a press landed on, if it can be dragged: the nearest element marked `data-grab`.
fn grab_of(e: &MouseEvent) -> Option<Grab> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let key = el
        .closest("[data-grab]")
        .ok()??
        .get_attribute("data-grab")?;
    match key.as_str() {
        "wall" => Some(Grab::Wall),
        k => parse_actor(k).map(Grab::Actor),
    }
}

fn nudge_keys(actor: Actor, on_action: &Callback<Action>) -> Callback<KeyboardEvent> {
    let cb = on_action.clone();
    Callback::from(move |e: KeyboardEvent| {
        if let Some(toward_b) = fencing_model::keys::nudge_key(&e.key()) {
            e.prevent_default();
            cb.emit(Action::Nudge { actor, toward_b });
        }
    })
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// The words of a box (its title, then its lines at the baselines `ys`), as labels that
/// others must keep off.
fn box_words(fixed: &mut Vec<LabelBox>, p: Pos, ys: &[f64], words: &[&str], ts: &TextSizes) {
    for (y, w) in ys.iter().zip(words) {
        fixed.push(LabelBox {
            x: p.x,
            y: p.y + y,
            chars: w.chars().count(),
            size: ts.box_text,
        });
    }
}

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

fn node_view(
    n: &NodeView,
    p: Pos,
    s: &Snapshot,
    lines: &[NodeLine],
    ts: &TextSizes,
    props: &ClusterProps,
) -> Html {
    let selected = props.selected == Some(n.id);
    let (on_select, on_action) = (&props.on_select, &props.on_action);
    let now = s.now;
    let (role, _) = node_words(n, now);
    let crashed = matches!(n.state, NodeState::Crashed);
    let paused = matches!(n.state, NodeState::Paused { .. });
    let leader = n.role == Role::Leader && !crashed;
    let is_zombie = lines
        .first()
        .is_some_and(|l| l.kind == LineKind::ZombieTitle);
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
    if is_zombie {
        class.push("zombie");
    }
    let mut label = node_label(n, now, selected);
    if let Some(z) = zombie(n, s) {
        label = format!("{label}, {}", z.words());
    }
    let leader_view = leader_view_words(n, s);
    if let Some(v) = &leader_view {
        label = format!("{label}; {v}");
    }
    let id = n.id;
    let onclick = {
        let cb = on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(id))
    };
    let onkeydown = {
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
    let below = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let y = NODE_R + 10.0 + ts.line + i as f64 * ts.line_gap;
            let x = inside_dx(p.x, l.text.chars().count(), ts.line);
            html! { <text class={line_class(l.kind)} x={f(x)} y={f(y)} font-size={f(ts.line)}>{&l.text}</text> }
        })
        .collect::<Html>();
    html! {
        <g class={class} transform={format!("translate({},{})", f(p.x), f(p.y))}
           role="button" tabindex="0" aria-label={label} data-node={n.id.0.to_string()}
           data-grab={actor_key(Actor::Node(n.id))} data-nudge="" aria-keyshortcuts="< >"
           aria-pressed={selected.to_string()}
           {onclick} {onkeydown}>
            <title>{ match &leader_view {
                Some(v) => format!("{} — {v}. Click for its actions; drag it across the wall to split", n.id),
                None => format!("{} — click for its actions; drag it across the wall to split", n.id),
            } }</title>
            { ring.unwrap_or_default() }
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
                <text class="name" y={f(ts.name * 0.36)} font-size={f(ts.name)}>{ n.id.to_string() }</text>
            } else {
                <text class="name" y="2" font-size={f(ts.name)}>{ n.id.to_string() }</text>
                <text class="term" y="20" font-size={f(ts.term)}>{ format!("term {}", n.term) }</text>
            }
            { below }
        </g>
    }
}

fn message_view(
    m: &MessageView,
    fl: &fencing_model::picture::Flight,
    label: bool,
    ts: &TextSizes,
    on_action: Option<&Callback<Action>>,
) -> Html {
    // A click holds a message in flight where it arrives; on one that waits, it releases
    // its link (the network panel does both by keyboard).
    let (from, to, id) = (m.from, m.to, m.id);
    let click = if on_action.is_none() {
        None
    } else if m.held {
        Some(Action::ReleaseLink {
            from,
            to,
            drop: false,
        })
    } else if !m.will_hold && !fl.blocked {
        Some(Action::HoldMessage(id))
    } else {
        None
    };
    let tip = match &click {
        Some(Action::HoldMessage(_)) => format!(
            "{} → {}: click to hold it where it arrives",
            actor_name(from),
            actor_name(to)
        ),
        Some(_) => format!(
            "held at {}: click to release the link {} → {}",
            actor_name(to),
            actor_name(from),
            actor_name(to)
        ),
        None => String::new(),
    };
    let onclick = click.clone().zip(on_action).map(|(a, cb)| {
        let cb = cb.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit(a.clone())
        })
    });
    let class = classes!(
        "msg",
        format!("fam-{:?}", m.family).to_lowercase(),
        fl.blocked.then_some("blocked"),
        fl.doomed.then_some("doomed"),
        fl.old_token.then_some("old-token"),
        click.is_some().then_some("clickable"),
        (m.held || m.will_hold).then_some("holding")
    );
    let size = if fl.old_token || m.family == fencing_sim::msg::MsgFamily::Write {
        ts.write
    } else {
        ts.msg
    };
    html! {
        <g key={m.id.to_string()} class={class} opacity={format!("{:.2}", fl.opacity)}
           transform={format!("translate({},{})", f(fl.at.x), f(fl.at.y))} {onclick}>
            if !tip.is_empty() {
                <title>{ tip }</title>
                <circle class="hit" r="16" />
            }
            if fl.old_token {
                <circle class="halo" r="17" />
            }
            <circle class="dot" r={if fl.old_token { "10" } else { "6" }} />
            if label {
                <text y={f(-12.0 - if fl.old_token { 6.0 } else { 0.0 })} font-size={f(size)}>{ fl.label.clone() }</text>
            }
        </g>
    }
}

#[function_component(Cluster)]
pub fn cluster(props: &ClusterProps) -> Html {
    let s = &*props.snapshot;
    // Recomputed only when the arrangement (node count, who stands where) changes: the
    // positions, and what the wall's controls need of them.
    let arrangement = Arrangement::of(s);
    let ps = use_memo(arrangement.clone(), positions_of);
    let wm = {
        let ps = ps.clone();
        use_memo(arrangement, move |arr| WallModel::of(arr, &ps))
    };
    let now = s.now;
    let ts = if props.presentation {
        &PRESENTATION_TEXT
    } else {
        &NORMAL_TEXT
    };
    // Words that never move aside, for the labels that may: every node's, the boxes'.
    let mut fixed: Vec<LabelBox> = Vec::new();

    let links = html! {
        <Links positions={ps.clone()} picked={props.picked_link} on_link={props.on_link.clone()} />
    };

    // --- splitting by hand: the wall and the actors dragged, or moved by keyboard --------
    let svg_ref = use_node_ref();
    let drag = use_state(|| None::<Drag>);
    // The wall moved by keyboard: the stop it would stand at, until Enter or Esc.
    let wall_kb = use_state(|| None::<usize>);
    let view_h = view_height(props.presentation);
    let (actors, in_force, stops) = (&wm.actors, &wm.in_force, &wm.stops);
    // The wall's position and the plan it makes while it is being moved.
    let moving_wall = match (*drag, *wall_kb) {
        (
            Some(Drag {
                grab: Grab::Wall,
                at,
                moving: true,
                ..
            }),
            _,
        ) => Some(at.x),
        (_, Some(i)) => stops.get(i).copied(),
        _ => None,
    };
    let moving_actor = match *drag {
        Some(Drag {
            grab: Grab::Actor(a),
            at,
            moving: true,
            ..
        }) => Some((a, at)),
        _ => None,
    };
    let preview = moving_wall
        .map(|x| wall::plan_with_wall_at(&ps, in_force, x))
        .or_else(|| moving_actor.map(|(a, at)| in_force.with(a, wall::side_at(at.x))));
    let onpointerdown = {
        let (drag, svg_ref) = (drag.clone(), svg_ref.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 || !e.is_primary() {
                return;
            }
            if let (Some(grab), Some(p)) = (grab_of(&e), point_of(&e, &svg_ref, view_h)) {
                drag.set(Some(Drag {
                    grab,
                    from: p,
                    at: p,
                    moving: false,
                }));
            }
        })
    };
    let onpointermove = {
        let (drag, svg_ref) = (drag.clone(), svg_ref.clone());
        Callback::from(move |e: PointerEvent| {
            let (Some(d), Some(p)) = (*drag, point_of(&e, &svg_ref, view_h)) else {
                return;
            };
            let far = (p.x - d.from.x).hypot(p.y - d.from.y) >= DRAG_START;
            if !d.moving && !far {
                return;
            }
            if !d.moving {
                // From here on the picture follows the pointer wherever it goes.
                if let Some(el) = svg_ref.cast::<web_sys::Element>() {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
            }
            e.prevent_default();
            drag.set(Some(Drag {
                at: p,
                moving: true,
                ..d
            }));
        })
    };
    let onpointerup = {
        let (drag, ps, wm) = (drag.clone(), ps.clone(), wm.clone());
        let cb = props.on_action.clone();
        Callback::from(move |_: PointerEvent| {
            let Some(d) = *drag else { return };
            drag.set(None);
            if !d.moving {
                return;
            }
            let plan = match d.grab {
                Grab::Wall => wall::plan_with_wall_at(&ps, &wm.in_force, d.at.x),
                Grab::Actor(a) => wm.in_force.with(a, wall::side_at(d.at.x)),
            };
            if let Some(a) = wall::settle(&plan, &wm.in_force, &wm.actors) {
                cb.emit(a);
            }
        })
    };
    let onpointercancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let wall_now = wm.now;
    let wall_keys = {
        let (wall_kb, stops_len) = (wall_kb.clone(), stops.len());
        let (ps, wm) = (ps.clone(), wm.clone());
        let cb = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            let here = wall_kb.unwrap_or(wall_now);
            let last = stops_len.saturating_sub(1);
            let to = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => here.saturating_sub(1),
                "ArrowRight" | "ArrowUp" => (here + 1).min(last),
                "Home" => 0,
                "End" => last,
                "Enter" => {
                    e.prevent_default();
                    if let Some(x) = wall_kb.and_then(|i| wm.stops.get(i)) {
                        let plan = wall::plan_with_wall_at(&ps, &wm.in_force, *x);
                        if let Some(a) = wall::settle(&plan, &wm.in_force, &wm.actors) {
                            cb.emit(a);
                        }
                    }
                    wall_kb.set(None);
                    return;
                }
                "Escape" => {
                    wall_kb.set(None);
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            wall_kb.set(Some(to));
        })
    };
    let wall_blur = {
        let wall_kb = wall_kb.clone();
        Callback::from(move |_: FocusEvent| wall_kb.set(None))
    };
    let wall_value = preview
        .as_ref()
        .filter(|_| moving_wall.is_some())
        .map(|p| wall::preview_words(p, in_force, actors))
        .unwrap_or_else(|| match in_force.words(actors) {
            w if w.is_empty() => "no partition: the network is whole".to_string(),
            w => w,
        });
    let wall_title = "The partition wall: drag it across the picture to split the network \
                      (or focus it: ← → move it one actor at a time, Enter raises it, Esc cancels)";
    // The wall itself when the network is split; a grip at the picture's edge when whole.
    let grip = html! {
        <g class={classes!("wall-grip", (!s.partitioned).then_some("at-rest"), moving_wall.is_some().then_some("moving"))}
           data-grab="wall" tabindex="0" role="slider" aria-label="the partition wall"
           aria-orientation="horizontal" aria-valuemin="0" aria-valuemax={stops.len().saturating_sub(1).to_string()}
           aria-valuenow={wall_kb.unwrap_or(wall_now).to_string()} aria-valuetext={wall_value}
           aria-keyshortcuts="ArrowLeft ArrowRight Enter Escape"
           onkeydown={wall_keys} onblur={wall_blur}>
            <title>{ wall_title }</title>
            if s.partitioned {
                <rect class="hit" x={f(WALL_X - 22.0)} y="30" width="44" height={f(HEIGHT - 54.0)} />
            } else {
                <rect class="hit" x={f(WIDTH - 30.0)} y={f(HEIGHT / 2.0 - 70.0)} width="30" height="140" />
                <rect class="grip" x={f(WIDTH - 20.0)} y={f(HEIGHT / 2.0 - 45.0)} width="12" height="90" rx="6" />
                <text class="grip-label" x={f(WIDTH - 3.0)} y={f(HEIGHT / 2.0 + 64.0)} font-size={f(ts.msg)}>{ "wall" }</text>
            }
        </g>
    };
    if !s.partitioned {
        fixed.push(LabelBox {
            x: WIDTH - 18.0,
            y: HEIGHT / 2.0 + 64.0,
            chars: 4,
            size: ts.msg,
        });
    }
    let wall = s.partitioned.then(|| {
        for (x, chars) in [(WALL_X, 9), (WALL_X - 120.0, 6), (WALL_X + 120.0, 6)] {
            fixed.push(LabelBox { x, y: 20.0, chars, size: ts.msg });
        }
        html! {
            <g class="wall" aria-label="network partition between side A and side B">
                <rect x={f(WALL_X - 9.0)} y="30" width="18" height={f(HEIGHT - 54.0)} fill="url(#wall-hatch)" />
                // While something moves, its own labels say where the sides are.
                if preview.is_none() {
                    <text class="wall-label" x={f(WALL_X)} y="20" font-size={f(ts.msg)}>{ "PARTITION" }</text>
                    <text class="side-label" x={f(WALL_X - 120.0)} y="20" font-size={f(ts.msg)}>{ "side A" }</text>
                    <text class="side-label" x={f(WALL_X + 120.0)} y="20" font-size={f(ts.msg)}>{ "side B" }</text>
                }
            </g>
        }
    });
    // While something is moved: where it would go, and what letting go would do.
    let moving = preview.as_ref().map(|plan| {
        let words = format!("let go: {}", wall::preview_words(plan, in_force, actors));
        let caption_w = words.chars().count() as f64 * ts.msg * 0.6 + 24.0;
        let shade = |a: Actor| match plan.side_of(a) {
            Side::A => "goes-a",
            Side::B => "goes-b",
            Side::Both => "goes-both",
        };
        let marks = ps
            .iter()
            .map(|(a, p)| {
                let changes = plan.side_of(*a) != in_force.side_of(*a);
                html! {
                    <g class={classes!("side-mark", shade(*a), changes.then_some("changes"))}
                       transform={format!("translate({},{})", f(p.x), f(p.y))}>
                        <circle r={f(NODE_R + 20.0)} />
                        if changes {
                            <text y={f(-NODE_R - 24.0)} font-size={f(ts.msg)}>{ format!("→ {}", side_words(plan.side_of(*a)).trim_start_matches("on ")) }</text>
                        }
                    </g>
                }
            })
            .collect::<Html>();
        let guide = match (moving_wall, moving_actor) {
            (Some(x), _) => html! {
                <g class="wall-ghost">
                    <rect class="side-b-shade" x={f(x)} y="0" width={f((WIDTH - x).max(0.0))} height={f(view_h)} />
                    <line x1={f(x)} y1="26" x2={f(x)} y2={f(view_h - 30.0)} />
                    <text x={f((x + WIDTH) / 2.0)} y="20" font-size={f(ts.msg)}>{ "side B" }</text>
                </g>
            },
            (None, Some((a, at))) => {
                let hot = wall::side_at(at.x);
                let zone = |side: Side, x0: f64, x1: f64, label: &str| html! {
                    <g class={classes!("zone", (side == hot).then_some("hot"))}>
                        <rect x={f(x0)} y="0" width={f(x1 - x0)} height={f(view_h)} />
                        <text x={f((x0 + x1) / 2.0)} y="20" font-size={f(ts.msg)}>{ label.to_string() }</text>
                    </g>
                };
                let r = if matches!(a, Actor::Node(_)) { NODE_R } else { 44.0 };
                html! {
                    <g class="drag-zones">
                        { zone(Side::A, 0.0, WALL_X - BAND, "side A") }
                        { zone(Side::Both, WALL_X - BAND, WALL_X + BAND, "both") }
                        { zone(Side::B, WALL_X + BAND, WIDTH, "side B") }
                        <g class="drag-ghost" transform={format!("translate({},{})", f(at.x), f(at.y))}>
                            <circle r={f(r)} />
                            <text y="6" font-size={f(ts.msg)}>{ actor_name(a) }</text>
                        </g>
                    </g>
                }
            }
            _ => Html::default(),
        };
        html! {
            <g class="moving" aria-hidden="true">
                { guide }
                { marks }
                <g class="move-caption">
                    <rect x={f(WIDTH / 2.0 - caption_w / 2.0)} y={f(view_h - 30.0)} width={f(caption_w)} height={f(ts.msg + 12.0)} rx="6" />
                    <text x={f(WIDTH / 2.0)} y={f(view_h - 30.0 + ts.msg + 2.0)} font-size={f(ts.msg)}>{ words }</text>
                </g>
            </g>
        }
    });

    let nodes = s
        .nodes
        .iter()
        .map(|n| {
            let p = pos_of(&ps, Actor::Node(n.id));
            let mut lines = words_under(n, s, props.presentation);
            // Only the lines that fit above the picture's bottom edge (the first ones
            // matter most: a zombie's mark, the role, a refusal).
            let room = view_height(props.presentation) - 3.0 - (p.y + NODE_R + 10.0 + ts.line);
            lines.truncate((room / ts.line_gap).floor().max(0.0) as usize + 1);
            for (i, l) in lines.iter().enumerate() {
                fixed.push(LabelBox {
                    x: p.x + inside_dx(p.x, l.text.chars().count(), ts.line),
                    y: p.y + NODE_R + 10.0 + ts.line + i as f64 * ts.line_gap,
                    chars: l.text.chars().count(),
                    size: ts.line,
                });
            }
            // The circle and the words in it.
            fixed.push(LabelBox {
                x: p.x,
                y: p.y + 16.0,
                chars: 2,
                size: 59.0,
            });
            node_view(n, p, s, &lines, ts, props)
        })
        .collect::<Html>();

    // The boxes: the size the layout places them at (`layout::extent`) in normal mode,
    // larger in presentation mode for its larger words.
    let (bw, bh) = if props.presentation {
        (214.0, 136.0)
    } else {
        let (half_w, up, _) = extent(Actor::Lease);
        (2.0 * half_w, 2.0 * up)
    };
    let box_rows = |n: usize| -> Vec<f64> {
        // Baselines of a title and n lines, spread over the box.
        let top = -bh / 2.0 + ts.box_title + 8.0;
        let gap = (bh - ts.box_title - 22.0) / n as f64;
        std::iter::once(top)
            .chain((1..=n).map(|i| top + i as f64 * gap))
            .collect()
    };
    let lease = {
        let p = pos_of(&ps, Actor::Lease);
        let l = &s.lease;
        let frac = lease_fraction(l.left, l.lease_len);
        let (holder, left) = match (l.holder, l.left) {
            (Some(h), Some(left)) => (format!("holder {h}"), format!("{} left", dur(left))),
            _ => ("no valid lease".to_string(), "free to grant".to_string()),
        };
        let term = format!("term {}", l.term);
        let ys = box_rows(3);
        box_words(
            &mut fixed,
            p,
            &ys,
            &["LEASE STORE", &term, &holder, &left],
            ts,
        );
        html! {
            <g class="box lease-store" transform={format!("translate({},{})", f(p.x), f(p.y))}
               role="img" aria-label={format!("lease store: term {}, {holder}, {left}", l.term)}
               tabindex="0" data-grab="lease" data-nudge="" aria-keyshortcuts="< >"
               onkeydown={nudge_keys(Actor::Lease, &props.on_action)}>
                <title>{ "The lease store: drag it across the wall (or focus it and press < or >) to move it" }</title>
                <rect x={f(-bw / 2.0)} y={f(-bh / 2.0)} width={f(bw)} height={f(bh)} rx="10" />
                <text class="box-title" y={f(ys[0])} font-size={f(ts.box_title)}>{ "LEASE STORE" }</text>
                <text y={f(ys[1])} font-size={f(ts.box_text)}>{ term }</text>
                <text y={f(ys[2])} font-size={f(ts.box_text)}>{ holder }</text>
                <text y={f(ys[3] - 4.0)} font-size={f(ts.box_text)}>{ left }</text>
                <rect class="bar-track" x={f(-bw / 2.0 + 16.0)} y={f(bh / 2.0 - 12.0)} width={f(bw - 32.0)} height="6" rx="3" />
                <rect class="bar" x={f(-bw / 2.0 + 16.0)} y={f(bh / 2.0 - 12.0)} width={f((bw - 32.0) * frac)} height="6" rx="3" />
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
        let ys = box_rows(3);
        box_words(
            &mut fixed,
            p,
            &ys,
            &["STORAGE", &highest, &value, fencing],
            ts,
        );
        // The last notable verdict stays beside the box until the next one.
        let verdict = last_notable_verdict(s).map(|v| {
            let (y1, y2) = (bh / 2.0 + ts.verdict + 10.0, bh / 2.0 + 2.0 * ts.verdict + 14.0);
            let chars = v.detail.chars().count().max(v.headline.chars().count());
            let w = chars as f64 * ts.verdict * 0.6 + 24.0;
            // Kept inside the picture's right edge.
            let dx = (WIDTH - 6.0 - (p.x + w / 2.0)).min(0.0);
            fixed.push(LabelBox { x: p.x + dx, y: p.y + y1, chars, size: ts.verdict });
            fixed.push(LabelBox { x: p.x + dx, y: p.y + y2, chars, size: ts.verdict });
            html! {
                <g class={classes!("verdict-callout", super::write_row::verdict_class(&v.verdict))} transform={format!("translate({},0)", f(dx))}
                   role="status" aria-label={format!("storage's last notable verdict: {}", v.words())}>
                    <rect x={f(-w / 2.0)} y={f(bh / 2.0 + 4.0)} width={f(w)} height={f(2.0 * ts.verdict + 18.0)} rx="8" />
                    <text class="headline" y={f(y1)} font-size={f(ts.verdict)}>{ v.headline }</text>
                    <text y={f(y2)} font-size={f(ts.verdict)}>{ v.detail.clone() }</text>
                </g>
            }
        });
        html! {
            <g class={classes!("box", "storage", (!st.fencing).then_some("unfenced"))}
               transform={format!("translate({},{})", f(p.x), f(p.y))}
               role="img" aria-label={format!("storage: {highest}, {value}, {fencing}")}
               tabindex="0" data-grab="storage" data-nudge="" aria-keyshortcuts="< >"
               onkeydown={nudge_keys(Actor::Storage, &props.on_action)}>
                <title>{ "The storage: drag it across the wall, or onto it to reach both sides (or focus it and press < or >)" }</title>
                <rect x={f(-bw / 2.0)} y={f(-bh / 2.0)} width={f(bw)} height={f(bh)} rx="10" />
                <text class="box-title" y={f(ys[0])} font-size={f(ts.box_title)}>{ "STORAGE" }</text>
                <text class="highest" y={f(ys[1])} font-size={f(ts.box_text)}>{ highest }</text>
                <text y={f(ys[2])} font-size={f(ts.box_text)}>{ value }</text>
                <text class="fencing-text" y={f(ys[3])} font-size={f(ts.box_text)}>{ fencing }</text>
                { verdict.unwrap_or_default() }
            </g>
        }
    };

    // Labels that give way: messages by urgency, then link marks, then drop marks.
    let flights: Vec<_> = fencing_model::picture::drawn_messages(s)
        .into_iter()
        .map(|m| {
            let fl = flight(m, &ps, s, props.reduced_motion);
            let prio = label_priority(m, &fl);
            (m, fl, prio)
        })
        .collect();
    let mut order: Vec<usize> = (0..flights.len())
        .filter(|i| flights[*i].2.is_some())
        .collect();
    order.sort_by_key(|i| (flights[*i].2, flights[*i].0.id));
    // Unusual links (cut one way, or slowed): their labels are standing facts, placed
    // before any message's, at the first free spot along the link.
    let odd: Vec<_> = s
        .links
        .iter()
        .map(|l| {
            let pa = pos_of(&ps, l.from);
            let pb = pos_of(&ps, l.to);
            let sa = edge_point(pa, pb, radius_of(l.from));
            let sb = edge_point(pb, pa, radius_of(l.to));
            let held = fencing_model::picture::waiting_on(s, l.from, l.to);
            let text = if l.cut {
                format!("✕ {} → {} cut", actor_name(l.from), actor_name(l.to))
            } else if l.held {
                format!(
                    "❚❚ {} → {} held: {held} waiting",
                    actor_name(l.from),
                    actor_name(l.to)
                )
            } else if held > 0 && l.extra_delay.0 == 0 {
                format!("❚❚ {held} held at {} (click to release)", actor_name(l.to))
            } else {
                format!(
                    "◷ {} → {} +{}",
                    actor_name(l.from),
                    actor_name(l.to),
                    dur(l.extra_delay)
                )
            };
            let along = |t: f64| (sa.x + (sb.x - sa.x) * t, sa.y + (sb.y - sa.y) * t);
            let spot = [0.7, 0.55, 0.85, 0.4, 0.3]
                .into_iter()
                .map(along)
                .find(|(x, y)| {
                    let b = LabelBox {
                        x: *x,
                        y: y - 8.0,
                        chars: text.chars().count(),
                        size: ts.msg,
                    };
                    fixed.iter().all(|f| !f.overlaps(&b))
                });
            if let Some((x, y)) = spot {
                fixed.push(LabelBox {
                    x,
                    y: y - 8.0,
                    chars: text.chars().count(),
                    size: ts.msg,
                });
            }
            let (mx, my) = along(0.7);
            (l, sa, mx, my, spot.map(|(x, y)| (x, y - 8.0, text)))
        })
        .collect();
    let drop_marks: Vec<_> = props
        .drops
        .iter()
        .filter(|d| now.0.saturating_sub(d.at.0) <= props.drop_window_us)
        .map(|d| (d, drop_spot(&ps, d.from, d.to, s.partitioned)))
        .collect();
    let mut wanted: Vec<LabelBox> = Vec::new();
    for i in &order {
        let (m, fl, _) = &flights[*i];
        let size = if fl.old_token || m.family == fencing_sim::msg::MsgFamily::Write {
            ts.write
        } else {
            ts.msg
        };
        let lift = if fl.old_token { 18.0 } else { 12.0 };
        wanted.push(LabelBox {
            x: fl.at.x,
            y: fl.at.y - lift,
            chars: fl.label.chars().count(),
            size,
        });
    }
    for (_, p) in &drop_marks {
        wanted.push(LabelBox {
            x: p.x,
            y: p.y,
            chars: 9,
            size: ts.msg,
        });
    }
    let shown = place_labels(&fixed, &wanted);
    let mut show = shown.into_iter();
    let mut labelled = vec![false; flights.len()];
    for i in &order {
        labelled[*i] = show.next().unwrap_or(false);
    }
    let messages = flights
        .iter()
        .zip(&labelled)
        .map(|((m, fl, _), l)| {
            message_view(
                m,
                fl,
                *l,
                ts,
                props.holds_messages.then_some(&props.on_action),
            )
        })
        .collect::<Html>();
    let odd_links = odd
        .iter()
        .map(|(l, sa, mx, my, label)| {
            html! {
                <g class={classes!("odd-link", l.cut.then_some("cut"), l.held.then_some("held"))}>
                    <line x1={f(sa.x)} y1={f(sa.y)} x2={f(*mx)} y2={f(*my)} />
                    if let Some((x, y, text)) = label {
                        <text x={f(*x)} y={f(*y)} font-size={f(ts.msg)}>{ text.clone() }</text>
                    }
                </g>
            }
        })
        .collect::<Html>();
    let drops = drop_marks
        .iter()
        .filter_map(|(d, p)| {
            let label = show.next().unwrap_or(false);
            let age = now.0.saturating_sub(d.at.0) as f64 / props.drop_window_us.max(1) as f64;
            label.then(|| {
                html! {
                    <g class="drop-mark" opacity={format!("{:.2}", (1.0 - age).clamp(0.1, 1.0))}
                       transform={format!("translate({},{})", f(p.x), f(p.y))}>
                        <text font-size={f(ts.msg)}>{ "✕ dropped" }</text>
                    </g>
                }
            })
        })
        .collect::<Html>();

    html! {
        <svg class={classes!("cluster", props.presentation.then_some("large"), drag.is_some_and(|d| d.moving).then_some("dragging"))}
             viewBox={format!("0 0 {WIDTH} {view_h}")} role="group" ref={svg_ref}
             aria-label="The cluster: nodes, lease store, storage and the messages between them"
             {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
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
            // Messages under the nodes' words: a dot never hides what a node says.
            <g class="messages" aria-hidden="true">{ messages }</g>
            <g class="nodes">{ nodes }</g>
            <g class="drops" aria-hidden="true">{ drops }</g>
            { grip }
            { moving.unwrap_or_default() }
        </svg>
    }
}
