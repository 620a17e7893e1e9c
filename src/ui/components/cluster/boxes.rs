//! The lease store's and the storage's boxes in the picture, with the storage's last
//! notable verdict under it (`scene::LeaseBox`, `scene::StorageBox`).

use super::f;
use super::node::nudge_keys;
use crate::ui::components::write_row::verdict_class;
use fencing_model::layout::Pos;
use fencing_model::picture::TextSizes;
use fencing_model::scene::{BoxFrame, Callout, LeaseBox, StorageBox};
use fencing_model::Action;
use fencing_sim::Actor;
use yew::prelude::*;

fn frame_rect(b: &BoxFrame) -> Html {
    html! { <rect x={f(-b.w / 2.0)} y={f(-b.h / 2.0)} width={f(b.w)} height={f(b.h)} rx="10" /> }
}

/// Where an actor stands, as a style: CSS transforms glide when it moves (styles/app.css).
pub(super) fn translate(at: Pos) -> String {
    format!("transform:translate({}px,{}px)", f(at.x), f(at.y))
}

/// The attributes that make a box a handle (`data-grab`, its keys), or none.
fn handle(
    actor: Actor,
    on_action: Option<&Callback<Action>>,
) -> (Option<&'static str>, Callback<KeyboardEvent>) {
    let grab = match actor {
        Actor::Lease => "lease",
        _ => "storage",
    };
    match on_action {
        Some(a) => (Some(grab), nudge_keys(actor, a)),
        None => (None, Callback::noop()),
    }
}

/// The lease store's box; a handle to move it across the wall if `on_action` is given.
pub(super) fn lease_box(
    l: &LeaseBox,
    term: u64,
    ts: &TextSizes,
    on_action: Option<&Callback<Action>>,
) -> Html {
    let (grab, keys) = handle(Actor::Lease, on_action);
    let (b, ys) = (&l.frame, &l.frame.rows);
    let bar_w = b.w - 32.0;
    html! {
        <g class="box lease-store" style={translate(b.at)}
           role="img" aria-label={format!("lease store: term {term}, {}, {}", l.holder, l.left)}
           tabindex="0" data-grab={grab} data-nudge={grab.map(|_| "")} aria-keyshortcuts={grab.map(|_| "< >")}
           data-term="lease-store" aria-describedby="term-lease-store" onkeydown={keys}>
            if grab.is_some() {
                <title>{ "The lease store: drag it across the wall (or focus it and press < or >) to move it" }</title>
            }
            { frame_rect(b) }
            <text class="box-title" y={f(ys[0])} font-size={f(ts.box_title)}>{ "LEASE STORE" }</text>
            <text y={f(ys[1])} font-size={f(ts.box_text)}>{ l.term.clone() }</text>
            <text y={f(ys[2])} font-size={f(ts.box_text)}>{ l.holder.clone() }</text>
            <text y={f(ys[3] - 4.0)} font-size={f(ts.box_text)}>{ l.left.clone() }</text>
            <rect class="bar-track" x={f(-b.w / 2.0 + 16.0)} y={f(b.h / 2.0 - 12.0)} width={f(bar_w)} height="6" rx="3" />
            <rect class="bar" x={f(-b.w / 2.0 + 16.0)} y={f(b.h / 2.0 - 12.0)} width={f(bar_w * l.full)} height="6" rx="3" />
        </g>
    }
}

fn callout_view(c: &Callout, bh: f64, ts: &TextSizes) -> Html {
    let v = &c.verdict;
    html! {
        <g class={classes!("verdict-callout", verdict_class(&v.verdict))} transform={format!("translate({},0)", f(c.dx))}
           role="status" aria-label={format!("storage's last notable verdict: {}", v.words())}>
            <rect x={f(-c.w / 2.0)} y={f(bh / 2.0 + 4.0)} width={f(c.w)} height={f(2.0 * ts.verdict + 18.0)} rx="8" />
            <text class="headline" y={f(c.y1)} font-size={f(ts.verdict)}>{ v.headline }</text>
            <text y={f(c.y2)} font-size={f(ts.verdict)}>{ v.detail.clone() }</text>
        </g>
    }
}

/// The storage's box; a handle to move it across the wall if `on_action` is given.
pub(super) fn storage_box(
    st: &StorageBox,
    ts: &TextSizes,
    on_action: Option<&Callback<Action>>,
) -> Html {
    let (grab, keys) = handle(Actor::Storage, on_action);
    let (b, ys) = (&st.frame, &st.frame.rows);
    let callout = st.callout.as_ref().map(|c| callout_view(c, b.h, ts));
    html! {
        <g class={classes!("box", "storage", (!st.fenced).then_some("unfenced"))}
           style={translate(b.at)}
           role="img" aria-label={format!("storage: {}, {}, {}", st.highest, st.value, st.fencing)}
           tabindex="0" data-grab={grab} data-nudge={grab.map(|_| "")} aria-keyshortcuts={grab.map(|_| "< >")}
           data-term="storage" aria-describedby="term-storage" onkeydown={keys}>
            if grab.is_some() {
                <title>{ "The storage: drag it across the wall, or onto it to reach both sides (or focus it and press < or >)" }</title>
            }
            { frame_rect(b) }
            <text class="box-title" y={f(ys[0])} font-size={f(ts.box_title)}>{ "STORAGE" }</text>
            <text class="highest" y={f(ys[1])} font-size={f(ts.box_text)}>{ st.highest.clone() }</text>
            <text y={f(ys[2])} font-size={f(ts.box_text)}>{ st.value.clone() }</text>
            <text class="fencing-text" y={f(ys[3])} font-size={f(ts.box_text)}>{ st.fencing }</text>
            { callout.unwrap_or_default() }
        </g>
    }
}
