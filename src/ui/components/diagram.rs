//! The space-time diagram: a lane per actor, virtual time running right. Messages are
//! arrows from send to delivery (a cross where one was dropped), pauses are hatched gaps,
//! crashes grey, leadership and lease grants bars with their term, rejections and
//! violations flagged. It follows the present; the slider looks back within the events the
//! state keeps. Only the visible window is drawn.

use crate::sim::msg::{Msg, MsgFamily};
use crate::sim::node::Note;
use crate::sim::storage::Verdict;
use crate::sim::view::{NodeState, Snapshot};
use crate::sim::{Actor, EventKind};
use crate::ui::state::EventRing;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

pub const WINDOW_US: u64 = 15_000_000;
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

/// What the diagram draws, in virtual time (µs) and lane numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Arrow {
        from: usize,
        to: usize,
        t0: u64,
        t1: u64,
        family: MsgFamily,
        label: Option<String>,
        /// Dropped (cross at the end) or still in flight (ends at "now", dashed).
        dropped: bool,
        in_flight: bool,
    },
    Pause {
        lane: usize,
        t0: u64,
        t1: u64,
    },
    Crash {
        lane: usize,
        t0: u64,
        t1: u64,
    },
    Leader {
        lane: usize,
        t0: u64,
        t1: u64,
        term: u64,
    },
    Grant {
        t0: u64,
        t1: u64,
        term: u64,
        holder: String,
    },
    Flag {
        lane: usize,
        t: u64,
        text: String,
        class: &'static str,
    },
    SplitBrain {
        t0: u64,
        t1: u64,
    },
}

fn lane_of(a: Actor, nodes: usize) -> usize {
    match a {
        Actor::Node(id) => id.0 as usize,
        Actor::Lease => nodes,
        Actor::Storage => nodes + 1,
    }
}

/// Everything that overlaps [start, end], from the kept events and the present state.
pub fn items(events: &EventRing, s: &Snapshot, start: u64, end: u64) -> Vec<Item> {
    let n = s.nodes.len();
    let now = s.now.0;
    let mut out = Vec::new();
    let overlaps = |t0: u64, t1: u64| t1 >= start && t0 <= end;
    let mut sends: BTreeMap<u64, (u64, usize, usize, MsgFamily, Option<String>)> = BTreeMap::new();
    let mut pause_open: BTreeMap<usize, u64> = BTreeMap::new();
    let mut crash_open: BTreeMap<usize, u64> = BTreeMap::new();
    let mut leader_open: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    let mut grant_open: Option<(u64, u64, u64, String)> = None;
    let mut split_open: Option<u64> = None;
    let first = events.first_time().map_or(0, |t| t.0);
    // Writes are labelled when their token differs from the last one sent: the first write
    // of each term, and a zombie's.
    let mut last_token = None;
    for e in events.iter() {
        let t = e.t.0;
        if t > end {
            break;
        }
        match &e.kind {
            EventKind::Send {
                id, from, to, msg, ..
            } => {
                let label = match msg {
                    Msg::Write { token, .. } => {
                        (last_token.replace(*token) != Some(*token)).then(|| msg.label())
                    }
                    Msg::Granted { .. } => Some(msg.label()),
                    _ => None,
                };
                sends.insert(
                    *id,
                    (t, lane_of(*from, n), lane_of(*to, n), msg.family(), label),
                );
            }
            EventKind::Deliver { id, .. }
            | EventKind::Held { id, .. }
            | EventKind::Drop { id, .. } => {
                if let Some((t0, from, to, family, label)) = sends.remove(id) {
                    if overlaps(t0, t) {
                        out.push(Item::Arrow {
                            from,
                            to,
                            t0,
                            t1: t,
                            family,
                            label,
                            dropped: matches!(e.kind, EventKind::Drop { .. }),
                            in_flight: false,
                        });
                    }
                }
            }
            EventKind::Paused { node, .. } => {
                pause_open.insert(node.0 as usize, t);
            }
            EventKind::Resumed { node, .. } => {
                let lane = node.0 as usize;
                let t0 = pause_open.remove(&lane).unwrap_or(first);
                if overlaps(t0, t) {
                    out.push(Item::Pause { lane, t0, t1: t });
                }
            }
            EventKind::Crashed { node } => {
                let lane = node.0 as usize;
                if let Some(t0) = pause_open.remove(&lane) {
                    if overlaps(t0, t) {
                        out.push(Item::Pause { lane, t0, t1: t });
                    }
                }
                if let Some((t0, term)) = leader_open.remove(&lane) {
                    if overlaps(t0, t) {
                        out.push(Item::Leader {
                            lane,
                            t0,
                            t1: t,
                            term,
                        });
                    }
                }
                crash_open.insert(lane, t);
            }
            EventKind::Restarted { node, .. } => {
                let lane = node.0 as usize;
                let t0 = crash_open.remove(&lane).unwrap_or(first);
                if overlaps(t0, t) {
                    out.push(Item::Crash { lane, t0, t1: t });
                }
            }
            EventKind::Node { node, note } => {
                let lane = node.0 as usize;
                match note {
                    Note::Leader { term, .. } => {
                        leader_open.insert(lane, (t, term.0));
                    }
                    Note::StepDown { .. } | Note::Follower { .. } | Note::Candidate { .. } => {
                        if let Some((t0, term)) = leader_open.remove(&lane) {
                            if overlaps(t0, t) {
                                out.push(Item::Leader {
                                    lane,
                                    t0,
                                    t1: t,
                                    term,
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            EventKind::Grant {
                node,
                term,
                expires_at,
            } => {
                if let Some((t0, t1, term, holder)) = grant_open.take() {
                    let t1 = t1.min(t);
                    if overlaps(t0, t1) {
                        out.push(Item::Grant {
                            t0,
                            t1,
                            term,
                            holder,
                        });
                    }
                }
                grant_open = Some((t, expires_at.0, term.0, node.to_string()));
                if overlaps(t, t) {
                    out.push(Item::Flag {
                        lane: n,
                        t,
                        text: format!("term {term}"),
                        class: "term",
                    });
                }
            }
            EventKind::Renewal {
                term, expires_at, ..
            } => {
                if let Some(g) = grant_open.as_mut().filter(|g| g.2 == term.0) {
                    g.1 = expires_at.0;
                }
            }
            EventKind::Write { token, verdict, .. } => match verdict {
                Verdict::Rejected { highest } if overlaps(t, t) => out.push(Item::Flag {
                    lane: n + 1,
                    t,
                    text: format!("⊘ {token} < {highest}"),
                    class: "rejected",
                }),
                Verdict::StaleAccepted { highest } if overlaps(t, t) => out.push(Item::Flag {
                    lane: n + 1,
                    t,
                    text: format!("⚠ stale {token} < {highest}"),
                    class: "stale",
                }),
                _ => {}
            },
            EventKind::Violation { .. } if overlaps(t, t) => out.push(Item::Flag {
                lane: n + 1,
                t,
                text: "⚠ violation".into(),
                class: "violation",
            }),
            EventKind::SplitBrain { .. } => split_open = split_open.or(Some(t)),
            EventKind::SplitBrainOver => {
                if let Some(t0) = split_open.take() {
                    if overlaps(t0, t) {
                        out.push(Item::SplitBrain { t0, t1: t });
                    }
                }
            }
            _ => {}
        }
    }
    // Still open at the end of the window.
    let cap = end.min(now);
    for (_, (t0, from, to, family, label)) in sends {
        if overlaps(t0, cap) {
            out.push(Item::Arrow {
                from,
                to,
                t0,
                t1: cap,
                family,
                label,
                dropped: false,
                in_flight: true,
            });
        }
    }
    for (lane, node) in s.nodes.iter().enumerate() {
        let paused_now = matches!(node.state, NodeState::Paused { .. });
        let crashed_now = matches!(node.state, NodeState::Crashed);
        if let Some(t0) = pause_open
            .remove(&lane)
            .or((paused_now && end >= now).then_some(first))
        {
            out.push(Item::Pause { lane, t0, t1: cap });
        }
        if let Some(t0) = crash_open
            .remove(&lane)
            .or((crashed_now && end >= now).then_some(first))
        {
            out.push(Item::Crash { lane, t0, t1: cap });
        }
    }
    for (lane, (t0, term)) in leader_open {
        out.push(Item::Leader {
            lane,
            t0,
            t1: cap,
            term,
        });
    }
    if let Some((t0, t1, term, holder)) = grant_open {
        let t1 = t1.min(cap);
        if overlaps(t0, t1) {
            out.push(Item::Grant {
                t0,
                t1,
                term,
                holder,
            });
        }
    }
    if let Some(t0) = split_open {
        out.push(Item::SplitBrain { t0, t1: cap });
    }
    out
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
