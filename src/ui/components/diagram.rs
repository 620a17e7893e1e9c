//! The space-time diagram: a lane per actor, virtual time running right. Messages are
//! arrows from send to delivery (a cross where one was dropped), pauses are hatched gaps,
//! crashes grey, leadership and lease grants bars with their term, rejections and
//! violations flagged. It follows the present; the slider looks back within the events the
//! state keeps. Only the visible window is drawn.

use fencing_model::diagram::{items, Item, WINDOW_US};
use fencing_model::EventRing;
use fencing_sim::msg::MsgFamily;
use fencing_sim::view::Snapshot;
use std::rc::Rc;
use yew::prelude::*;

const W: f64 = 1000.0;
const LABEL_W: f64 = 64.0;
const LANE_H: f64 = 28.0;
const TOP: f64 = 18.0;
const PATH_CLASSES: [&str; 6] = [
    "arrows fam-heartbeat",
    "arrows fam-lease",
    "arrows fam-write",
    "arrows dropped",
    "arrows flying",
    "drop-crosses",
];
/// Where the crosses (the ends of dropped arrows) go among the paths.
const CROSSES: usize = 5;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub snapshot: Rc<Snapshot>,
    pub events: EventRing,
}

fn f(v: f64) -> String {
    format!("{v:.1}")
}

#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    // `None` follows the present; `Some(t)` pins the right edge at virtual time t.
    let pinned = use_state(|| None::<u64>);
    let s = &*props.snapshot;
    let now = s.now.0;
    let first = props.events.first_time().map_or(0, |t| t.0);
    let end = pinned
        .map_or(now, |p| p.min(now))
        .max(WINDOW_US.min(now.max(1)));
    let end = end.max(WINDOW_US);
    let start = end - WINDOW_US;
    let n = s.nodes.len();
    let lanes = n + 2;
    let height = TOP + lanes as f64 * LANE_H + 20.0;
    let x = |t: u64| {
        LABEL_W + (t.saturating_sub(start)) as f64 / WINDOW_US as f64 * (W - LABEL_W - 8.0)
    };
    let y = |lane: usize| TOP + lane as f64 * LANE_H + LANE_H / 2.0;

    let drawn = items(&props.events, s, start, end);
    let mut back = Vec::new();
    let mut arrows = Vec::new();
    let mut paths: [String; 6] = Default::default();
    let mut flags = Vec::new();
    for it in &drawn {
        match it {
            Item::Arrow { from, to, t0, t1, family, label, dropped, in_flight } => {
                let (x0, y0) = (x(*t0), y(*from));
                let (mut x1, mut y1) = (x(*t1), y(*to));
                if *in_flight || *dropped {
                    // Stop partway towards the receiver's lane.
                    y1 = y0 + (y1 - y0) * 0.6;
                    x1 = x1.max(x0 + 1.0);
                }
                // One path per kind of arrow: hundreds of arrows cost a handful of elements.
                let kind = match (family, dropped, in_flight) {
                    (_, true, _) => 3,
                    (_, _, true) => 4,
                    (MsgFamily::Heartbeat, ..) => 0,
                    (MsgFamily::Lease, ..) => 1,
                    (MsgFamily::Write, ..) => 2,
                };
                use std::fmt::Write as _;
                let _ = write!(paths[kind], "M{x0:.1} {y0:.1}L{x1:.1} {y1:.1}");
                if *dropped {
                    // A cross where it died, drawn in one path with the others: a partition
                    // drops hundreds of messages, and a path is far cheaper than as many
                    // text elements.
                    let _ = write!(
                        paths[CROSSES],
                        "M{:.1} {:.1}l7 7m0 -7l-7 7",
                        x1 - 3.5,
                        y1 - 3.5
                    );
                }
                if let Some(l) = label {
                    arrows.push(html! {
                        <text class="arrow-label" x={f((x0 + x1) / 2.0)} y={f((y0 + y1) / 2.0 - 3.0)}>{ l.clone() }</text>
                    });
                }
            }
            Item::Pause { lane, t0, t1 } => back.push(html! {
                <g class="d-pause">
                    <rect x={f(x(*t0))} y={f(y(*lane) - 9.0)} width={f((x(*t1) - x(*t0)).max(1.0))} height="18" fill="url(#pause-hatch)" class="hatched" />
                    <text x={f(x(*t0).max(LABEL_W) + 3.0)} y={f(y(*lane) + 4.0)}>{ "paused" }</text>
                </g>
            }),
            Item::Crash { lane, t0, t1 } => back.push(html! {
                <g class="d-crash">
                    <rect x={f(x(*t0))} y={f(y(*lane) - 9.0)} width={f((x(*t1) - x(*t0)).max(1.0))} height="18" />
                    <text x={f(x(*t0).max(LABEL_W) + 3.0)} y={f(y(*lane) + 4.0)}>{ "✕ crashed" }</text>
                </g>
            }),
            Item::Leader { lane, t0, t1, term } => back.push(html! {
                <g class="d-leader">
                    <rect x={f(x(*t0))} y={f(y(*lane) + 5.0)} width={f((x(*t1) - x(*t0)).max(1.0))} height="5" />
                    <text x={f(x(*t0).max(LABEL_W) + 2.0)} y={f(y(*lane) - 3.0)}>{ format!("♛ leader T{term}") }</text>
                </g>
            }),
            Item::Grant { t0, t1, term, holder } => back.push(html! {
                <g class="d-grant">
                    <rect x={f(x(*t0))} y={f(y(n) + 5.0)} width={f((x(*t1) - x(*t0)).max(1.0))} height="5" />
                    <text x={f(x(*t0).max(LABEL_W) + 2.0)} y={f(y(n) + 19.0)}>{ format!("lease T{term} → {holder}") }</text>
                </g>
            }),
            Item::SplitBrain { t0, t1 } => back.push(html! {
                <g class="d-split">
                    <rect x={f(x(*t0))} y={f(TOP - 2.0)} width={f((x(*t1) - x(*t0)).max(1.0))} height={f(n as f64 * LANE_H + 2.0)} />
                    <text x={f(x(*t0).max(LABEL_W) + 3.0)} y={f(TOP - 5.0)}>{ "⚡ split brain" }</text>
                </g>
            }),
            Item::Flag { lane, t, text, class } => flags.push(html! {
                <g class={classes!("flag", *class)}>
                    <line x1={f(x(*t))} y1={f(y(*lane) - 11.0)} x2={f(x(*t))} y2={f(y(*lane) + 11.0)} />
                    <text x={f(x(*t) + 3.0)} y={f(y(*lane) - 3.0)}>{ text.clone() }</text>
                </g>
            }),
        }
    }
    let lane_lines = (0..lanes)
        .map(|i| {
            let name = if i < n {
                format!("n{i}")
            } else if i == n {
                "lease".into()
            } else {
                "storage".into()
            };
            html! {
                <g class="lane">
                    <line x1={f(LABEL_W)} y1={f(y(i))} x2={f(W - 8.0)} y2={f(y(i))} />
                    <text class="lane-name" x="4" y={f(y(i) + 4.0)}>{ name }</text>
                </g>
            }
        })
        .collect::<Html>();
    let ticks = {
        let first_s = start.div_ceil(1_000_000);
        let last_s = end / 1_000_000;
        (first_s..=last_s)
            .map(|sec| {
                let xx = x(sec * 1_000_000);
                let major = sec % 5 == 0;
                html! {
                    <g class={classes!("tick", major.then_some("major"))}>
                        <line x1={f(xx)} y1={f(TOP)} x2={f(xx)} y2={f(height - 18.0)} />
                        if major {
                            <text x={f(xx)} y={f(height - 5.0)}>{ format!("{sec} s") }</text>
                        }
                    </g>
                }
            })
            .collect::<Html>()
    };
    let now_line = (end >= now).then(|| {
        let xx = x(now);
        html! { <line class="now" x1={f(xx)} y1={f(TOP - 4.0)} x2={f(xx)} y2={f(height - 18.0)} /> }
    });

    let reach = now.saturating_sub(first).saturating_sub(WINDOW_US.min(now));
    let back_ms = pinned.map_or(0, |p| now.saturating_sub(p) / 1000);
    let on_back = {
        let pinned = pinned.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let ms: u64 = input.value().parse().unwrap_or(0);
            pinned.set(if ms == 0 {
                None
            } else {
                Some(now.saturating_sub(ms * 1000))
            });
        })
    };
    let follow = {
        let pinned = pinned.clone();
        Callback::from(move |_: MouseEvent| pinned.set(None))
    };
    html! {
        <section class="panel diagram" aria-labelledby="diagram-h">
            <div class="panel-head">
                <h2 id="diagram-h">{ "Space-time diagram" }</h2>
                <label class="look-back">
                    { "Look back " }
                    <input type="range" min="0" max={(reach / 1000).to_string()} step="500"
                        value={back_ms.to_string()} oninput={on_back}
                        aria-valuetext={format!("{:.1} s back", back_ms as f64 / 1000.0)} />
                    <span class="num">{ format!("{:.1} s", back_ms as f64 / 1000.0) }</span>
                </label>
                <button class="btn small" onclick={follow} disabled={pinned.is_none()}>{ "Follow the present" }</button>
            </div>
            <svg viewBox={format!("0 0 {W} {}", f(height))} role="img"
                 aria-label={format!("space-time diagram from {:.1} s to {:.1} s", start as f64 / 1e6, end as f64 / 1e6)}>
                <defs>
                    <pattern id="pause-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="6" height="6" class="pause-hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="6" class="pause-hatch-line" />
                    </pattern>
                </defs>
                { ticks }
                { lane_lines }
                { for back }
                { for PATH_CLASSES.iter().zip(paths.iter()).filter(|(_, d)| !d.is_empty()).map(|(c, d)| html! {
                    <path class={*c} d={d.clone()} />
                }) }
                { for arrows }
                { for flags }
                { now_line.unwrap_or_default() }
            </svg>
            <p class="legend">
                <span class="lg heartbeat">{ "— heartbeat / ack" }</span>
                <span class="lg lease">{ "- - lease (acquire, grant, renew)" }</span>
                <span class="lg write">{ "━ write (token T)" }</span>
                <span>{ "✕ dropped · hatched = paused · ♛ leader bar · ⊘ rejected · ⚠ stale / violation" }</span>
            </p>
        </section>
    }
}
