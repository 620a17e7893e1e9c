//! The compact panel a tool of the stage's bar opens: the network (cut, hold and release
//! links), the settings, or the explorer ("Break this…"), with a ✕ to close it. The stage
//! docks it in the page's flow, at the top of the story's column beside the picture, or
//! above the stage where the page is one column, so the whole picture stays in sight.

use super::controls::{network_panel, Flying, NetworkPanelProps, OnTheirWay};
use super::explore_panel::ExplorePanel;
use super::settings_panel::SettingsPanel;
use crate::ui::state::LabState;
use fencing_model::derived::NodeBrief;
use fencing_model::first_view::Tool;
use fencing_model::intent::SplitPlan;
use fencing_model::Action;
use fencing_sim::view::Snapshot;
use fencing_sim::{Actor, Config};
use std::rc::Rc;
use yew::prelude::*;

/// What a tool's panel is drawn from.
pub struct ToolPanelProps {
    pub tool: Tool,
    pub lab: LabState,
    pub briefs: Rc<Vec<NodeBrief>>,
    pub config: Rc<Config>,
    pub picked_link: Option<(Actor, Actor)>,
    pub on_close: Callback<MouseEvent>,
    pub on_action: Callback<Action>,
    pub on_pick_link: Callback<Option<(Actor, Actor)>>,
}

/// The links that are held or have messages waiting at their end.
fn held_links(snap: &Snapshot) -> Vec<((Actor, Actor), bool, usize)> {
    snap.links
        .iter()
        .map(|l| {
            let waiting = fencing_model::picture::waiting_on(snap, l.from, l.to);
            ((l.from, l.to), l.held, waiting)
        })
        .filter(|(_, held, n)| *held || *n > 0)
        .collect()
}

/// The messages in flight and not held, with the time until each arrives in words, and
/// how many each link carries.
fn flying(snap: &Snapshot) -> OnTheirWay {
    let counts = snap
        .link_counts
        .iter()
        .filter(|c| !c.held)
        .map(|c| ((c.from, c.to), c.count))
        .collect();
    let listed = snap
        .messages
        .iter()
        .filter(|m| !m.held)
        .map(|m| Flying {
            from: m.from,
            to: m.to,
            id: m.id,
            label: m.label.clone(),
            will_hold: m.will_hold,
            arrives_in: fencing_model::describe::dur(fencing_sim::Duration(
                m.deliver_at.0.saturating_sub(snap.now.0),
            )),
        })
        .collect();
    OnTheirWay { listed, counts }
}

/// A plain function, not a component: the run it shows changes with every frame played,
/// so a component's check of its props would save nothing (and costs about a kilobyte).
pub fn tool_panel(props: ToolPanelProps) -> Html {
    let lab = &props.lab;
    let on_action = props.on_action.clone();
    let body = match props.tool {
        Tool::Network => {
            let snap = &lab.run.snapshot;
            let (held, flying) = (Rc::new(held_links(snap)), Rc::new(flying(snap)));
            network_panel(NetworkPanelProps {
                nodes: props.briefs.clone(),
                leader: lab.current_leader(),
                config: (*props.config).clone(),
                picked_link: props.picked_link,
                in_force: SplitPlan::in_force(snap),
                held,
                flying,
                on_action,
                on_pick_link: props.on_pick_link.clone(),
            })
        }
        Tool::Explore => html! {
            <ExplorePanel tools={lab.tools.clone()} fencing={lab.fencing()}
                barrier={lab.barrier()} {on_action} />
        },
        Tool::Settings => html! {
            <SettingsPanel seed={lab.run.scenario.seed} nodes={lab.run.scenario.config.nodes}
                config={(*props.config).clone()} {on_action} />
        },
    };
    html! {
        <div class="tool-box panel">
            <button class="btn small close" aria-label="close the panel" onclick={props.on_close.clone()}>{ "✕" }</button>
            { body }
        </div>
    }
}
