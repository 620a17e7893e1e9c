//! A message in flight (or held) in the picture: a dot along its link, its label where
//! there is room, and a click that holds it where it arrives (or releases its held link).

use super::f;
use fencing_model::describe::actor_name;
use fencing_model::scene::Drawn;
use fencing_model::Action;
use fencing_sim::msg::MsgFamily;
use fencing_sim::view::MessageView;
use yew::prelude::*;

/// What a click on `m` does: hold it where it arrives, or, if it waits on a held link,
/// release that link; nothing for one already to be held or one that cannot arrive.
fn click_of(m: &MessageView, blocked: bool) -> Option<Action> {
    if m.held {
        Some(Action::ReleaseLink {
            from: m.from,
            to: m.to,
            drop: false,
        })
    } else if !m.will_hold && !blocked {
        Some(Action::HoldMessage(m.id))
    } else {
        None
    }
}

/// The tooltip of a message a click does something to.
fn tip_of(m: &MessageView, click: &Action) -> String {
    let (from, to) = (actor_name(m.from), actor_name(m.to));
    match click {
        Action::HoldMessage(_) => format!("{from} → {to}: click to hold it where it arrives"),
        _ => format!("held at {to}: click to release the link {from} → {to}"),
    }
}

/// `d` drawn; clickable when `on_action` is given (not in the compare view's twin).
pub(super) fn message_view(d: &Drawn<'_>, on_action: Option<&Callback<Action>>) -> Html {
    let (m, fl) = (d.m, &d.flight);
    let click = on_action.and_then(|_| click_of(m, fl.blocked));
    let tip = click.as_ref().map(|c| tip_of(m, c));
    let onclick = click.clone().zip(on_action).map(|(a, cb)| {
        let cb = cb.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit(a.clone())
        })
    });
    let class = classes!(
        "msg",
        match m.family {
            MsgFamily::Lease => "fam-lease",
            MsgFamily::Heartbeat => "fam-heartbeat",
            MsgFamily::Write => "fam-write",
        },
        fl.blocked.then_some("blocked"),
        fl.doomed.then_some("doomed"),
        fl.old_token.then_some("old-token"),
        click.is_some().then_some("clickable"),
        (m.held || m.will_hold).then_some("holding")
    );
    let opacity = fencing_sim::num::fixed(fl.opacity, 2);
    let (cx, cy) = (f(fl.at.x), f(fl.at.y));
    html! {
        <g key={m.id.to_string()} class={class} fill-opacity={opacity.clone()} stroke-opacity={opacity} {onclick}>
            if let Some(tip) = tip {
                <title>{ tip }</title>
                <circle class="hit" cx={cx.clone()} cy={cy.clone()} r="16" />
            }
            if fl.old_token {
                <circle class="halo" cx={cx.clone()} cy={cy.clone()} r="17" />
            }
            <circle class="dot" {cx} {cy} r={if fl.old_token { "10" } else { "6" }} />
            if let Some(p) = d.label {
                <text x={f(fl.at.x + p.x)} y={f(fl.at.y + p.y)} font-size={f(d.size)}>{ fl.label.clone() }</text>
            }
        </g>
    }
}
