//! The space-time diagram: a lane per actor, virtual time running right. Messages are
//! arrows from send to delivery (a cross where one was dropped), pauses are hatched gaps,
//! crashes grey, leadership and lease grants bars with their term, rejections and
//! violations flagged. It follows the present; the slider looks back within the events the
//! state keeps. Only the visible window is drawn.
//!
//! The SVG's coordinates are its CSS pixels: the plot's width is measured (a
//! `ResizeObserver`), and the text, flag and lane sizes are read from the stylesheet's
//! `--diagram-*` properties, so a font size in `styles/diagram.css` is the size on screen.
//! The geometry and the label placement are the model's (`fencing_model::diagram`).

use fencing_model::diagram::{items, place_labels, Anchor, Frame, Item, Label, Sizes, WINDOW_US};
use fencing_model::EventRing;
use fencing_sim::msg::MsgFamily;
use fencing_sim::view::Snapshot;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The width drawn for until the plot has been measured (the CSS scales it meanwhile).
const FALLBACK_W: f64 = 800.0;
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

/// The plot's measured width and the stylesheet's sizes.
#[derive(Clone, Copy, PartialEq)]
struct Measured {
    width: f64,
    sizes: Sizes,
}

fn css_px(style: &web_sys::CssStyleDeclaration, name: &str) -> Option<f64> {
    let v = style.get_property_value(name).ok()?;
    let v: f64 = v.trim().strip_suffix("px")?.trim().parse().ok()?;
    (v > 0.0).then_some(v)
}

fn measure(plot: &web_sys::Element) -> Option<Measured> {
    let width = f64::from(plot.client_width());
    if width <= 0.0 {
        return None;
    }
    let d = Sizes::NORMAL;
    let style = web_sys::window()?.get_computed_style(plot).ok().flatten();
    let px = |name, default| {
        style
            .as_ref()
            .and_then(|s| css_px(s, name))
            .unwrap_or(default)
    };
    Some(Measured {
        width,
        sizes: Sizes {
            text_px: px("--diagram-text", d.text_px),
            flag_px: px("--diagram-flag", d.flag_px),
            lane_px: px("--diagram-lane", d.lane_px),
        },
    })
}

/// Measures the plot whenever it or the probe (sized by the `--diagram-*` properties, so
/// presentation mode resizes it) changes size. `None` until the first measurement.
#[hook]
fn use_measured(plot: NodeRef, probe: NodeRef) -> Option<Measured> {
    let measured = use_state_eq(|| None::<Measured>);
    {
        let measured = measured.clone();
        use_effect_with((), move |_| {
            let on_resize = {
                let plot = plot.clone();
                Closure::<dyn FnMut()>::new(move || {
                    if let Some(m) = plot.cast::<web_sys::Element>().and_then(|p| measure(&p)) {
                        measured.set(Some(m));
                    }
                })
            };
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let Some(o) = &observer {
                for r in [&plot, &probe] {
                    if let Some(el) = r.cast::<web_sys::Element>() {
                        o.observe(&el);
                    }
                }
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(on_resize);
            }
        });
    }
    *measured
}

/// Where a part of the drawing goes, back to front.
#[derive(Clone, Copy, PartialEq)]
enum Layer {
    Ticks,
    Back,
    ArrowLabels,
    Flags,
}

/// A group of shapes and, maybe, its label (an index into the labels to place).
struct Part {
    layer: Layer,
    group: Option<Classes>,
    text_class: Option<&'static str>,
    shapes: Html,
    label: Option<usize>,
}

#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    // `None` follows the present; `Some(t)` pins the right edge at virtual time t.
    let pinned = use_state(|| None::<u64>);
    let plot = use_node_ref();
    let probe = use_node_ref();
    let measured = use_measured(plot.clone(), probe.clone());
    let s = &*props.snapshot;
    let now = s.now.0;
    let first = props.events.first_time().map_or(0, |t| t.0);
    let end = pinned.map_or(now, |p| p.min(now)).max(WINDOW_US);
    let start = end - WINDOW_US;
    let n = s.nodes.len();
    let lanes = n + 2;
    let (width, sz) = measured.map_or((FALLBACK_W, Sizes::NORMAL), |m| (m.width, m.sizes));
    let fr = Frame::new(width, sz, lanes, start, end);
    let (x, y) = (|t: u64| fr.x(t), |lane: usize| fr.y(lane));
    let lane_h = sz.lane_px;
    let (text_px, flag_px) = (sz.text_px, sz.flag_px);
    let bar_h = (lane_h * 0.15).round().max(4.0);
    let band_h = (lane_h * 0.6).round();
    let above = |lane: usize| y(lane) - 4.0;

    let mut labels: Vec<Label> = Vec::new();
    let mut label = |text: String, x: f64, y: f64, alt_y: Option<f64>, anchor, font_px, rank| {
        labels.push(Label {
            text,
            x,
            y,
            alt_y,
            anchor,
            font_px,
            rank,
        });
        Some(labels.len() - 1)
    };
    let mut parts: Vec<Part> = Vec::new();
    let mut paths: [String; 6] = Default::default();

    let first_s = start.div_ceil(1_000_000);
    let last_s = end / 1_000_000;
    for sec in first_s..=last_s {
        let xx = x(sec * 1_000_000);
        let major = sec % 5 == 0;
        parts.push(Part {
            layer: Layer::Ticks,
            group: Some(classes!("tick", major.then_some("major"))),
            text_class: None,
            shapes: html! { <line x1={f(xx)} y1={f(fr.top)} x2={f(xx)} y2={f(fr.bottom())} /> },
            label: major
                .then(|| {
                    let base = fr.bottom() + text_px + 4.0;
                    label(
                        format!("{sec} s"),
                        xx,
                        base,
                        None,
                        Anchor::Middle,
                        text_px,
                        1,
                    )
                })
                .flatten(),
        });
    }

    let drawn = items(&props.events, s, start, end);
    for it in &drawn {
        match it {
            Item::Arrow { from, to, t0, t1, family, label: text, dropped, in_flight } => {
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
                if let Some(t) = text {
                    let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                    let rank = if *family == MsgFamily::Write { 2 } else { 1 };
                    let below = my + 3.0 + 0.8 * text_px;
                    parts.push(Part {
                        layer: Layer::ArrowLabels,
                        group: None,
                        text_class: Some("arrow-label"),
                        shapes: Html::default(),
                        label: label(t.clone(), mx, my - 3.0, Some(below), Anchor::Middle, text_px, rank),
                    });
                }
            }
            Item::Pause { lane, t0, t1 } | Item::Crash { lane, t0, t1 } => {
                let paused = matches!(it, Item::Pause { .. });
                let w = (x(*t1) - x(*t0)).max(1.0);
                let (top, mid) = (y(*lane) - band_h / 2.0, y(*lane) + 0.35 * text_px);
                let shapes = if paused {
                    html! { <rect x={f(x(*t0))} y={f(top)} width={f(w)} height={f(band_h)} fill="url(#pause-hatch)" class="hatched" /> }
                } else {
                    html! { <rect x={f(x(*t0))} y={f(top)} width={f(w)} height={f(band_h)} /> }
                };
                let text = if paused { "paused" } else { "✕ crashed" };
                parts.push(Part {
                    layer: Layer::Back,
                    group: Some(classes!(if paused { "d-pause" } else { "d-crash" })),
                    text_class: None,
                    shapes,
                    label: label(text.into(), x(*t0).max(fr.left) + 3.0, mid, None, Anchor::Start, text_px, 2),
                });
            }
            Item::Leader { lane, t0, t1, term } => parts.push(Part {
                layer: Layer::Back,
                group: Some(classes!("d-leader")),
                text_class: None,
                shapes: html! { <rect x={f(x(*t0))} y={f(y(*lane) + 4.0)} width={f((x(*t1) - x(*t0)).max(1.0))} height={f(bar_h)} /> },
                label: label(format!("♛ leader T{term}"), x(*t0).max(fr.left) + 2.0, above(*lane), None, Anchor::Start, text_px, 2),
            }),
            Item::Grant { t0, t1, term, holder } => parts.push(Part {
                layer: Layer::Back,
                group: Some(classes!("d-grant")),
                text_class: None,
                shapes: html! { <rect x={f(x(*t0))} y={f(y(n) + 4.0)} width={f((x(*t1) - x(*t0)).max(1.0))} height={f(bar_h)} /> },
                label: label(format!("lease T{term} → {holder}"), x(*t0).max(fr.left) + 2.0, above(n), None, Anchor::Start, text_px, 2),
            }),
            Item::Belief { lane, t0, t1, term, store_until } => {
                // Under the leader bar: the lease as the node counts it, in the lease's
                // colour; the part the store no longer backs in red, named.
                let top = y(*lane) + 5.0 + bar_h;
                let gap_from = store_until.filter(|s| s < t1).map(|s| s.max(*t0));
                let ok_end = gap_from.unwrap_or(*t1);
                let shapes = html! {
                    <>
                        <rect x={f(x(*t0))} y={f(top)} width={f((x(ok_end) - x(*t0)).max(1.0))} height={f(bar_h * 0.6)} />
                        if let Some(g) = gap_from {
                            <rect class="gap" x={f(x(g))} y={f(top - 1.0)} width={f((x(*t1) - x(g)).max(2.0))} height={f(bar_h * 0.6 + 2.0)} />
                        }
                    </>
                };
                let (text, at, rank) = match gap_from {
                    Some(g) => (format!("its lease T{term} by its clock; the store ended it"), g, 3),
                    None => (format!("its lease T{term}"), *t0, 0),
                };
                parts.push(Part {
                    layer: Layer::Back,
                    group: Some(classes!("d-belief", gap_from.is_some().then_some("disagree"))),
                    text_class: None,
                    shapes,
                    label: label(text, x(at).max(fr.left) + 2.0, top + bar_h * 0.6 + 0.8 * text_px, None, Anchor::Start, text_px, rank),
                });
            }
            Item::SplitBrain { t0, t1 } => parts.push(Part {
                layer: Layer::Back,
                group: Some(classes!("d-split")),
                text_class: None,
                shapes: html! { <rect x={f(x(*t0))} y={f(fr.top - 2.0)} width={f((x(*t1) - x(*t0)).max(1.0))} height={f(n as f64 * lane_h + 2.0)} /> },
                label: label("⚡ split brain".into(), x(*t0).max(fr.left) + 3.0, fr.top - 5.0, None, Anchor::Start, text_px, 2),
            }),
            Item::Flag { lane, t, text, class } => {
                // A term starting is a quiet mark; a verdict is what the reader looks for.
                let term = *class == "term";
                let (font, rank) = if term { (text_px, 0) } else { (flag_px, 3) };
                let reach = lane_h * 0.4;
                // A term's text repeats the grant's label: it moves along or is left out.
                let below = (!term).then(|| y(*lane) + 4.0 + 0.8 * font);
                parts.push(Part {
                    layer: Layer::Flags,
                    group: Some(classes!("flag", *class)),
                    text_class: None,
                    shapes: html! { <line x1={f(x(*t))} y1={f(y(*lane) - reach)} x2={f(x(*t))} y2={f(y(*lane) + reach)} /> },
                    label: label(text.clone(), x(*t) + 3.0, above(*lane), below, Anchor::Start, font, rank),
                });
            }
        }
    }

    let placed = place_labels(&labels, fr.left, fr.width - 2.0);
    let layer = |which: Layer| {
        parts
            .iter()
            .filter(|p| p.layer == which)
            .map(|p| {
                let text = p.label.and_then(|i| {
                    let at = placed[i]?;
                    Some(html! {
                        // paint-order as an attribute too: the exported SVG keeps it, so
                        // the white halo stays behind the letters there as well.
                        <text class={p.text_class} x={f(at.x)} y={f(at.y)} text-anchor={at.anchor.svg()} paint-order="stroke">
                            { labels[i].text.clone() }
                        </text>
                    })
                });
                match &p.group {
                    Some(c) => html! { <g class={c.clone()}>{ p.shapes.clone() }{ text.unwrap_or_default() }</g> },
                    None => text.unwrap_or_default(),
                }
            })
            .collect::<Html>()
    };

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
                    <line x1={f(fr.left)} y1={f(y(i))} x2={f(fr.right)} y2={f(y(i))} />
                    <text class="lane-name" x="4" y={f(y(i) + 0.35 * text_px)}>{ name }</text>
                </g>
            }
        })
        .collect::<Html>();
    let now_line = (end >= now).then(|| {
        let xx = x(now);
        html! { <line class="now" x1={f(xx)} y1={f(fr.top - 4.0)} x2={f(xx)} y2={f(fr.bottom())} /> }
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
            <div class="diagram-plot" ref={plot}>
                <div class="diagram-probe" ref={probe} aria-hidden="true"></div>
                <svg viewBox={format!("0 0 {} {}", f(fr.width), f(fr.height))} role="img"
                     aria-label={format!("space-time diagram from {:.1} s to {:.1} s", start as f64 / 1e6, end as f64 / 1e6)}>
                    <defs>
                        <pattern id="pause-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                            <rect width="6" height="6" class="pause-hatch-bg" />
                            <line x1="0" y1="0" x2="0" y2="6" class="pause-hatch-line" />
                        </pattern>
                    </defs>
                    { layer(Layer::Ticks) }
                    { lane_lines }
                    { layer(Layer::Back) }
                    { for PATH_CLASSES.iter().zip(paths.iter()).filter(|(_, d)| !d.is_empty()).map(|(c, d)| html! {
                        <path class={*c} d={d.clone()} />
                    }) }
                    { layer(Layer::ArrowLabels) }
                    { layer(Layer::Flags) }
                    { now_line.unwrap_or_default() }
                </svg>
            </div>
            <p class="legend">
                <span class="lg heartbeat">{ "— heartbeat / ack (faint)" }</span>
                <span class="lg lease">{ "- - lease (acquire, grant, renew)" }</span>
                <span class="lg write">{ "━ write (token T)" }</span>
                <span>{ "✕ dropped · hatched = paused · ♛ leader bar · ⊘ rejected · ⚠ stale / violation" }</span>
            </p>
        </section>
    }
}
