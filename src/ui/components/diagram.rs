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

use super::f;
use fencing_model::diagram::{
    items, place_labels, FlagKind, Frame, Item, Label, Placed, Sizes, WINDOW_US,
};
use fencing_model::EventRing;
use fencing_sim::msg::MsgFamily;
use fencing_sim::num::{fixed, write_fixed};
use fencing_sim::view::Snapshot;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
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

/// The plot's measured width and the stylesheet's sizes.
#[derive(Clone, Copy, PartialEq)]
struct Measured {
    width: f64,
    sizes: Sizes,
}

fn css_px(style: &web_sys::CssStyleDeclaration, name: &str) -> Option<f64> {
    let v = style.get_property_value(name).ok()?;
    // The browser's own number reading (NaN for text that is not a number): the page then
    // carries no float parser of its own.
    let v = js_sys::parse_float(v.trim().strip_suffix("px")?.trim());
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
            crate::ui::hooks::on_resize(&[&plot, &probe], on_resize)
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

impl Part {
    /// Shapes in a group of class `group`, with a label.
    fn back(group: Classes, shapes: Html, label: Option<usize>) -> Part {
        Part {
            layer: Layer::Back,
            group: Some(group),
            text_class: None,
            shapes,
            label,
        }
    }
}

/// The window drawn: the frame, its sizes and the bars' heights.
struct Pen {
    fr: Frame,
    sz: Sizes,
    /// How many nodes (the lease store's lane is `n`, the storage's `n + 1`).
    n: usize,
    bar_h: f64,
    band_h: f64,
}

impl Pen {
    fn new(fr: Frame, n: usize) -> Pen {
        let sz = fr.sizes;
        Pen {
            fr,
            sz,
            n,
            bar_h: fr.bar_h(),
            band_h: (sz.lane_px * 0.6).round(),
        }
    }
    fn x(&self, t: u64) -> f64 {
        self.fr.x(t)
    }
    fn y(&self, lane: usize) -> f64 {
        self.fr.y(lane)
    }
    /// A bar from `t0` to `t1` at `top`, at least `min` wide.
    fn bar(&self, t0: u64, t1: u64, top: f64, height: f64, min: f64) -> Html {
        let (x0, w) = (self.x(t0), (self.x(t1) - self.x(t0)).max(min));
        html! { <rect x={f(x0)} y={f(top)} width={f(w)} height={f(height)} /> }
    }
}

/// What is drawn, worked out before the SVG: the parts in order, their labels (placed
/// together) and one path per kind of arrow.
#[derive(Default)]
struct Scene {
    parts: Vec<Part>,
    labels: Vec<Label>,
    paths: [String; 6],
}

impl Scene {
    fn label(&mut self, l: Option<Label>) -> Option<usize> {
        self.labels.push(l?);
        Some(self.labels.len() - 1)
    }

    /// A tick each second, labelled each fifth.
    fn ticks(&mut self, pen: &Pen) {
        let fr = &pen.fr;
        for sec in fr.start.div_ceil(1_000_000)..=fr.end / 1_000_000 {
            let xx = pen.x(sec * 1_000_000);
            let major = sec % 5 == 0;
            let label = self.label(fr.tick_label(sec));
            self.parts.push(Part {
                layer: Layer::Ticks,
                group: Some(classes!("tick", major.then_some("major"))),
                text_class: None,
                shapes: html! { <line x1={f(xx)} y1={f(fr.top)} x2={f(xx)} y2={f(fr.bottom())} /> },
                label,
            });
        }
    }

    /// One item of the trace drawn: its shapes and its label.
    fn item(&mut self, pen: &Pen, it: &Item) {
        let label = self.label(pen.fr.label_of(pen.n, it));
        let (lane, t0, t1, group) = match it {
            Item::Arrow { .. } => return self.arrow(pen, it, label),
            Item::Pause { .. } | Item::Crash { .. } => return self.band(pen, it, label),
            Item::Belief { .. } => return self.belief(pen, it, label),
            Item::Flag { .. } => return self.flag(pen, it, label),
            Item::Leader { lane, t0, t1, .. } => (*lane, t0, t1, "d-leader"),
            Item::Grant { t0, t1, .. } => (pen.n, t0, t1, "d-grant"),
            Item::SplitBrain { t0, t1 } => {
                let (top, height) = (pen.fr.top - 2.0, pen.n as f64 * pen.sz.lane_px + 2.0);
                let shapes = pen.bar(*t0, *t1, top, height, 1.0);
                return self
                    .parts
                    .push(Part::back(classes!("d-split"), shapes, label));
            }
        };
        let shapes = pen.bar(*t0, *t1, pen.y(lane) + 4.0, pen.bar_h, 1.0);
        self.parts.push(Part::back(classes!(group), shapes, label));
    }

    /// A pause (hatched) or a crash (grey) across a node's lane, named.
    fn band(&mut self, pen: &Pen, it: &Item, label: Option<usize>) {
        let (Item::Pause { lane, t0, t1 } | Item::Crash { lane, t0, t1 }) = it else {
            return;
        };
        let paused = matches!(it, Item::Pause { .. });
        let w = (pen.x(*t1) - pen.x(*t0)).max(1.0);
        let top = pen.y(*lane) - pen.band_h / 2.0;
        let (x0, h) = (f(pen.x(*t0)), f(pen.band_h));
        let shapes = if paused {
            html! { <rect x={x0} y={f(top)} width={f(w)} height={h} fill="url(#pause-hatch)" class="hatched" /> }
        } else {
            html! { <rect x={x0} y={f(top)} width={f(w)} height={h} /> }
        };
        let group = classes!(if paused { "d-pause" } else { "d-crash" });
        self.parts.push(Part::back(group, shapes, label));
    }

    /// A mark on a lane at a moment: a term starting, a verdict, a violation.
    fn flag(&mut self, pen: &Pen, it: &Item, label: Option<usize>) {
        let Item::Flag { lane, t, kind, .. } = it else {
            return;
        };
        let reach = pen.sz.lane_px * 0.4;
        let (xx, yy) = (pen.x(*t), pen.y(*lane));
        self.parts.push(Part {
            layer: Layer::Flags,
            group: Some(classes!("flag", flag_class(*kind))),
            text_class: None,
            shapes: html! { <line x1={f(xx)} y1={f(yy - reach)} x2={f(xx)} y2={f(yy + reach)} /> },
            label,
        });
    }

    /// A message: a stroke in its kind's path (a cross where one was dropped), and its
    /// label, if it has one.
    fn arrow(&mut self, pen: &Pen, it: &Item, label: Option<usize>) {
        let Item::Arrow {
            from,
            to,
            t0,
            t1,
            family,
            dropped,
            in_flight,
            ..
        } = it
        else {
            return;
        };
        let [x0, y0, x1, y1] = pen
            .fr
            .arrow_ends(*from, *to, *t0, *t1, *dropped || *in_flight);
        // One path per kind of arrow: hundreds of arrows cost a handful of elements.
        let kind = match (family, dropped, in_flight) {
            (_, true, _) => 3,
            (_, _, true) => 4,
            (MsgFamily::Heartbeat, ..) => 0,
            (MsgFamily::Lease, ..) => 1,
            (MsgFamily::Write, ..) => 2,
        };
        let path = &mut self.paths[kind];
        for (lead, v) in [("M", x0), (" ", y0), ("L", x1), (" ", y1)] {
            path.push_str(lead);
            write_fixed(path, v, 1);
        }
        if *dropped {
            // A cross where it died, drawn in one path with the others: a partition drops
            // hundreds of messages, and a path is far cheaper than as many text elements.
            let crosses = &mut self.paths[CROSSES];
            crosses.push('M');
            write_fixed(crosses, x1 - 3.5, 1);
            crosses.push(' ');
            write_fixed(crosses, y1 - 3.5, 1);
            crosses.push_str("l7 7m0 -7l-7 7");
        }
        if label.is_some() {
            self.parts.push(Part {
                layer: Layer::ArrowLabels,
                group: None,
                text_class: Some("arrow-label"),
                shapes: Html::default(),
                label,
            });
        }
    }

    /// Under the leader bar: the lease as the node counts it, in the lease's colour; the
    /// part the store no longer backs in red, named.
    fn belief(&mut self, pen: &Pen, it: &Item, label: Option<usize>) {
        let Item::Belief {
            lane,
            t0,
            t1,
            store_until,
            ..
        } = it
        else {
            return;
        };
        let bar_h = pen.bar_h;
        let top = pen.y(*lane) + 5.0 + bar_h;
        let gap_from = store_until.filter(|s| s < t1).map(|s| s.max(*t0));
        let ok_end = gap_from.unwrap_or(*t1);
        let gap = gap_from.map(|g| {
            let (x, w) = (pen.x(g), (pen.x(*t1) - pen.x(g)).max(2.0));
            html! { <rect class="gap" x={f(x)} y={f(top - 1.0)} width={f(w)} height={f(bar_h * 0.6 + 2.0)} /> }
        });
        let shapes = html! {
            <>
                { pen.bar(*t0, ok_end, top, bar_h * 0.6, 1.0) }
                { gap.unwrap_or_default() }
            </>
        };
        let group = classes!("d-belief", gap_from.is_some().then_some("disagree"));
        self.parts.push(Part::back(group, shapes, label));
    }

    /// The parts of one layer, each with its label where it was placed (if it was).
    fn layer(&self, placed: &[Option<Placed>], which: Layer) -> Html {
        self.parts
            .iter()
            .filter(|p| p.layer == which)
            .map(|p| {
                let text = p.label.and_then(|i| {
                    let at = placed[i]?;
                    Some(html! {
                        // paint-order as an attribute too: the exported SVG keeps it, so
                        // the white halo stays behind the letters there as well.
                        <text class={p.text_class} x={f(at.x)} y={f(at.y)} text-anchor={at.anchor.svg()} paint-order="stroke">
                            { self.labels[i].text.clone() }
                        </text>
                    })
                });
                match &p.group {
                    Some(c) => html! { <g class={c.clone()}>{ p.shapes.clone() }{ text.unwrap_or_default() }</g> },
                    None => text.unwrap_or_default(),
                }
            })
            .collect::<Html>()
    }

    /// The arrows' paths, one per kind drawn.
    fn paths(&self) -> Html {
        PATH_CLASSES
            .iter()
            .zip(self.paths.iter())
            .filter(|(_, d)| !d.is_empty())
            .map(|(c, d)| html! { <path class={*c} d={d.clone()} /> })
            .collect::<Html>()
    }
}

/// A line and a name per lane: the nodes, the lease store, the storage.
fn lane_lines(pen: &Pen) -> Html {
    let (fr, n) = (&pen.fr, pen.n);
    (0..fr.lanes)
        .map(|i| {
            let name = if i < n {
                format!("n{i}")
            } else if i == n {
                "lease".into()
            } else {
                "storage".into()
            };
            let (y, name_y) = (f(pen.y(i)), f(pen.y(i) + 0.35 * pen.sz.text_px));
            html! {
                <g class="lane">
                    <line x1={f(fr.left)} y1={y.clone()} x2={f(fr.right)} y2={y} />
                    <text class="lane-name" x="4" y={name_y}>{ name }</text>
                </g>
            }
        })
        .collect::<Html>()
}

/// The SVG of the window `fr` over `s` and `events` (its parts, lanes, paths and the
/// present's line).
fn drawing(fr: Frame, s: &Snapshot, events: &EventRing) -> Html {
    let pen = Pen::new(fr, s.nodes.len());
    let fr = &pen.fr;
    let mut scene = Scene::default();
    scene.ticks(&pen);
    for it in &items(events, s, fr.start, fr.end) {
        scene.item(&pen, it);
    }
    let placed = place_labels(&scene.labels, fr.left, fr.width - 2.0);
    let now = s.now.0;
    let now_line = (fr.end >= now).then(|| {
        let xx = f(pen.x(now));
        html! { <line class="now" x1={xx.clone()} y1={f(fr.top - 4.0)} x2={xx} y2={f(fr.bottom())} /> }
    });
    let view_box = format!("0 0 {} {}", f(fr.width), f(fr.height));
    let label = format!(
        "space-time diagram from {} s to {} s",
        fixed(fr.start as f64 / 1e6, 1),
        fixed(fr.end as f64 / 1e6, 1)
    );
    html! {
        <svg viewBox={view_box} role="img" aria-label={label}>
            <defs>
                <pattern id="pause-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" class="pause-hatch-bg" />
                    <line x1="0" y1="0" x2="0" y2="6" class="pause-hatch-line" />
                </pattern>
            </defs>
            { scene.layer(&placed, Layer::Ticks) }
            { lane_lines(&pen) }
            { scene.layer(&placed, Layer::Back) }
            { scene.paths() }
            { scene.layer(&placed, Layer::ArrowLabels) }
            { scene.layer(&placed, Layer::Flags) }
            { now_line.unwrap_or_default() }
        </svg>
    }
}

/// The panel's head: its title, the look-back slider and *Follow the present*.
fn head(pinned: &UseStateHandle<Option<u64>>, now: u64, first: u64) -> Html {
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
    let back = format!("{} s", fixed(back_ms as f64 / 1000.0, 1));
    html! {
        <div class="panel-head">
            <h2 id="diagram-h">{ "Space-time diagram" }</h2>
            <label class="look-back">
                { "Look back " }
                <input type="range" min="0" max={(reach / 1000).to_string()} step="500"
                    value={back_ms.to_string()} oninput={on_back}
                    aria-valuetext={format!("{back} back")} />
                <span class="num">{ back }</span>
            </label>
            <button class="btn small" onclick={follow} disabled={pinned.is_none()}>{ "Follow the present" }</button>
        </div>
    }
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
    let (width, sz) = measured.map_or((FALLBACK_W, Sizes::NORMAL), |m| (m.width, m.sizes));
    let fr = Frame::new(width, sz, s.nodes.len() + 2, end - WINDOW_US, end);
    let drawing = drawing(fr, s, &props.events);
    html! {
        <section class="panel diagram" aria-labelledby="diagram-h">
            { head(&pinned, now, first) }
            <div class="diagram-plot" ref={plot}>
                <div class="diagram-probe" ref={probe} aria-hidden="true"></div>
                { drawing }
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

/// The class that gives a flag its look.
fn flag_class(k: FlagKind) -> &'static str {
    match k {
        FlagKind::Refused => "refused",
        FlagKind::Term => "term",
        FlagKind::Rejected => "rejected",
        FlagKind::Stale => "stale",
        FlagKind::Superseded => "superseded",
        FlagKind::Violation => "violation",
    }
}
