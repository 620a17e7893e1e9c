//! The storage's recent writes, newest first: node, token, value and verdict. A rejected
//! write says `token 33 < 34` with a stop sign; a stale write accepted without fencing is
//! marked as corruption. Notable rows (rejected, stale, through the gap) stay pinned above
//! the newest ones, so they never scroll away. A new row arrives with a short highlight
//! (none with reduced motion, nor above 5×, when the table refreshes a few times a second).

use super::write_row::WriteRow;
use fencing_model::derived::STORAGE_ROWS;
use fencing_model::describe::{storage_counts, CountKind};
use fencing_sim::storage::Verdict;
use fencing_sim::view::StorageView;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StoragePanelProps {
    pub storage: Rc<StorageView>,
    /// The heading (two panels side by side in compare mode need their own).
    #[prop_or(AttrValue::Static("Storage: every write and its verdict"))]
    pub title: AttrValue,
    #[prop_or(AttrValue::Static("storage-h"))]
    pub heading_id: AttrValue,
    /// How many of the newest writes to show.
    #[prop_or(STORAGE_ROWS)]
    pub rows: usize,
    /// How many of those to draw now (the rest below the table's fold come a frame later,
    /// after a jump); which writes are pinned still follows `rows`, so nothing on screen
    /// changes when the rest come.
    #[prop_or(usize::MAX)]
    pub draw: usize,
    /// How many of the latest notable writes to keep pinned above them.
    #[prop_or(2)]
    pub pinned: usize,
    /// The write that settles the lesson's question on screen, to mark.
    #[prop_or_default]
    pub proof: Option<Rc<fencing_model::quiz::Proof>>,
    /// The newest row arrives with a highlight. Off when the table refreshes a few times a
    /// second (above 5×): a flash on every refresh says nothing, and costs every frame.
    #[prop_or(true)]
    pub highlight: bool,
    /// A lesson's question waits for its answer: a verdict's reason is held.
    #[prop_or_default]
    pub asking: bool,
}

#[function_component(StoragePanel)]
pub fn storage_panel(props: &StoragePanelProps) -> Html {
    let st = &*props.storage;
    let newest: Vec<_> = st.recent.iter().rev().take(props.rows).collect();
    // Notable writes no longer among the newest rows, latest first.
    let pinned: Vec<_> = st
        .recent
        .iter()
        .rev()
        .skip(newest.len())
        .filter(|r| r.verdict != Verdict::Accepted)
        .take(props.pinned)
        .collect();
    let pinned_rows = pinned
        .iter()
        .map(|r| {
            let key = format!("pin-{}-{}-{}", r.at.0, r.node.0, r.token.0);
            let proof = props.proof.as_ref().is_some_and(|p| p.is(r));
            html! { <WriteRow {key} record={**r} newest={false} pinned={true} {proof} asking={props.asking} /> }
        })
        .collect::<Html>();
    let rows = newest
        .iter()
        .take(props.draw)
        .enumerate()
        .map(|(i, r)| {
            let key = format!("{}-{}-{}", r.at.0, r.node.0, r.token.0);
            let proof = props.proof.as_ref().is_some_and(|p| p.is(r));
            html! { <WriteRow {key} record={**r} newest={i == 0 && props.highlight} pinned={false} {proof} asking={props.asking} /> }
        })
        .collect::<Html>();
    let highest = st
        .highest
        .map(|h| h.to_string())
        .unwrap_or_else(|| "none".into());
    let counts = storage_counts(st, props.asking)
        .into_iter()
        .enumerate()
        .map(|(i, (kind, words))| {
            let class = match kind {
                CountKind::Accepted => "ok-count",
                CountKind::Rejected => "rej-count",
                CountKind::Stale => "stale-count",
                CountKind::Gap => "gap-count",
                CountKind::Held => "held-count",
            };
            html! { <>{ if i > 0 { " · " } else { "" } }<span {class}>{ words }</span></> }
        });
    html! {
        <section class="panel storage-panel" aria-labelledby={props.heading_id.clone()}>
            <h2 id={props.heading_id.clone()}>{ props.title.clone() }</h2>
            <p class="panel-sub">
                { format!("highest token {highest} · fencing {} · ", if st.fencing { "on" } else { "OFF" }) }
                { for counts }
            </p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="writes, newest first">
                <table>
                    <thead><tr><th scope="col">{ "time s" }</th><th scope="col">{ "node" }</th><th scope="col">{ "token" }</th><th scope="col" class="value-col">{ "value" }</th><th scope="col">{ "verdict" }</th></tr></thead>
                    if !pinned.is_empty() {
                        <tbody class="pinned" aria-label="notable writes, kept in view">{ pinned_rows }</tbody>
                    }
                    <tbody aria-live="polite" aria-relevant="additions">
                        if st.recent.is_empty() {
                            <tr><td colspan="5" class="empty">{ "No writes yet: a leader writes about once a second." }</td></tr>
                        }
                        { rows }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
