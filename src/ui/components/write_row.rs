//! One write in the storage panel: when, from which node, its token and value, and the
//! verdict with its reason (`⊘ rejected: token 33 < 34`). Unchanged rows are not re-rendered
//! when the table refreshes.

use fencing_model::describe::{stamp, verdict_words, verdict_words_asking};
use fencing_sim::storage::Verdict;
use fencing_sim::storage::WriteRecord;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WriteRowProps {
    pub record: WriteRecord,
    pub newest: bool,
    /// Kept in view above the newest rows (a notable write of a while ago).
    #[prop_or_default]
    pub pinned: bool,
    /// The write that settles the lesson's question on screen.
    #[prop_or_default]
    pub proof: bool,
    /// A lesson's question waits for its answer: what the storage did, not why.
    #[prop_or_default]
    pub asking: bool,
}

/// The class that gives a verdict its colour (the storage table's rows, the picture's
/// callout).
pub fn verdict_class(v: &Verdict) -> &'static str {
    match v {
        Verdict::Accepted => "accepted",
        Verdict::Rejected { .. } => "rejected",
        Verdict::StaleAccepted { .. } => "stale",
        Verdict::Superseded { .. } => "superseded",
    }
}

#[function_component(WriteRow)]
pub fn write_row(props: &WriteRowProps) -> Html {
    let r = &props.record;
    let (icon, words) = if props.asking {
        verdict_words_asking(r)
    } else {
        verdict_words(r)
    };
    let class = verdict_class(&r.verdict);
    let value = r
        .value
        .map(|v| v.to_string())
        .unwrap_or_else(|| "barrier".into());
    html! {
        <tr class={classes!("write", class, props.newest.then_some("newest"), props.pinned.then_some("pinned"), props.proof.then_some("proof"))}>
            <td class="num">{ stamp(r.at) }</td>
            <td>{ r.node.to_string() }</td>
            <td class="num">{ r.token.to_string() }</td>
            <td class="value-col">{ value }</td>
            <td class="verdict"><span class="icon" aria-hidden="true">{ icon }</span>{ " " }{ words }
                if props.pinned { <span class="pin">{ " · kept in view" }</span> }
                if props.proof { <span class="proof-tag">{ " ◀ settles the question" }</span> }
            </td>
        </tr>
    }
}
