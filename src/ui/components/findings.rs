//! The findings strip: split brain now, violations so far, writes rejected, stale and
//! through the fencing gap, the highest term and the leader. Each finding is a word and an icon, never colour alone.

use fencing_sim::view::Findings;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Findings,
    pub now_text: String,
}

#[function_component(FindingsStrip)]
pub fn findings_strip(props: &FindingsProps) -> Html {
    let f = &props.findings;
    let leaders: Vec<String> = f.leaders.iter().map(|l| l.to_string()).collect();
    let split = if f.split_brain_now {
        format!(
            "⚡ split brain NOW: {} believe they lead",
            leaders.join(" and ")
        )
    } else {
        "one leader at most".to_string()
    };
    let leader = match leaders.as_slice() {
        [] => "no leader".to_string(),
        [one] => format!("leader {one}"),
        many => format!("leaders {}", many.join(", ")),
    };
    html! {
        <section class="findings" aria-label="findings">
            <span class="finding time">{ format!("◷ {}", props.now_text) }</span>
            <span class="finding">{ format!("♛ {leader} · max term {}", f.max_term) }</span>
            <span class={classes!("finding", f.split_brain_now.then_some("alert"))} data-finding="split-brain">{ split }</span>
            <span class={classes!("finding", (f.violations > 0).then_some("bad"))} data-finding="violations">
                { if f.violations > 0 { format!("⚠ {} violations", f.violations) } else { "✓ no violations".to_string() } }
            </span>
            <span class={classes!("finding", (f.rejected > 0).then_some("good"))} data-finding="rejected">{ format!("⊘ {} writes rejected", f.rejected) }</span>
            <span class={classes!("finding", (f.stale_accepted > 0).then_some("bad"))} data-finding="stale">{ format!("⚠ {} stale writes accepted", f.stale_accepted) }</span>
            <span class={classes!("finding", (f.superseded_accepted > 0).then_some("warn"))} data-finding="superseded"
                title="accepted although a higher term was already granted: the storage had not seen it yet (a barrier closes this gap)">
                { format!("↯ {} through the fencing gap", f.superseded_accepted) }
            </span>
        </section>
    }
}
