//! The stage: the cluster's picture and the space-time diagram under their bar; in compare
//! mode this run's half and the twin's side by side. It owns what only it uses: which
//! tool's panel is open (docked beside or above the stage) and the link picked for the
//! network panel.

use super::cluster::Cluster;
use super::diagram::Diagram;
use super::node_actions::NodeActions;
use super::stage_bar::{stage_bar, StageBarProps};
use super::tool_panel::{tool_panel, ToolPanelProps};
use crate::ui::state::LabState;
use fencing_model::derived::{self, NodeBrief};
use fencing_model::first_view::Tool;
use fencing_model::page::{ActionsAt, NodeActionsView, StageView};
use fencing_model::readouts::DiagramInput;
use fencing_model::Action;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StageProps {
    pub lab: LabState,
    /// The tools shown: what the lesson uses, or all.
    pub tools: fencing_model::first_view::Tools,
    /// What the diagrams draw (throttled while playing very fast: `readouts`).
    pub diagram: DiagramInput,
    pub twin_diagram: DiagramInput,
    /// Set to whether this run's diagram pane is on screen (`hooks::watch_shown`).
    pub diagram_shown: UseStateSetter<bool>,
    pub on_action: Callback<Action>,
}

/// The twin's picture takes the same selections and splits (they are mirrored anyway),
/// but not a message by its id: the twin's messages are its own.
fn for_the_twin(a: &Action) -> bool {
    !matches!(a, Action::HoldMessage(_) | Action::ReleaseLink { .. })
}

/// The picture's box: the shape and the words the model chose for this screen.
fn picture_class(fit: fencing_model::layout::Fit, large_words: bool) -> Classes {
    classes!(
        "picture",
        (fit.shape == fencing_model::layout::Shape::Tall).then_some("tall"),
        large_words.then_some("large-words")
    )
}

/// A diagram's pane, when the diagrams are on (`on`).
fn diagram_pane(input: &DiagramInput, pane: NodeRef, on: bool) -> Html {
    if !on {
        return Html::default();
    }
    html! {
        <div class="area-diagram" ref={pane}>
            <Diagram snapshot={input.0.clone()} events={input.1.clone()} />
        </div>
    }
}

/// The selected node's actions, if open: in the dock (second) where the story's column
/// stands beside the picture, else on the picture or under it (first).
fn node_actions(
    view: Option<NodeActionsView>,
    on_action: &Callback<Action>,
) -> (Option<Html>, Option<Html>) {
    let Some(v) = view else {
        return (None, None);
    };
    let side = v.place == ActionsAt::Side;
    let html = html! {
        <NodeActions node={v.node} pause_secs={v.pause_secs}
            drift_bound_ppm={v.drift_bound_ppm} place={v.place} on_action={on_action.clone()} />
    };
    if side {
        (None, Some(html))
    } else {
        (Some(html), None)
    }
}

#[function_component(Stage)]
pub fn stage(props: &StageProps) -> Html {
    let lab = &props.lab;
    let picked_link = use_state(|| None);
    let tool = lab.view.tool;
    let on_select = {
        let on_action = props.on_action.clone();
        use_callback(on_action, |n, on_action| {
            on_action.emit(Action::Select(Some(n)))
        })
    };
    let on_link = {
        let set = picked_link.setter();
        use_callback(props.on_action.clone(), move |l, on_action| {
            set.set(Some(l));
            on_action.emit(Action::OpenTool(Some(Tool::Network)));
        })
    };
    let on_twin_action = use_callback(props.on_action.clone(), |a: Action, on_action| {
        if for_the_twin(&a) {
            on_action.emit(a)
        }
    });
    let on_pick_link = {
        let set = picked_link.setter();
        use_callback((), move |l, _| set.set(l))
    };
    let on_close = use_callback(props.on_action.clone(), |_: MouseEvent, on_action| {
        on_action.emit(Action::OpenTool(None))
    });
    let section = use_node_ref();
    crate::ui::hooks::use_fit_screen(section.clone(), props.on_action.clone());
    let briefs = use_memo(NodeBrief::of(&lab.run.snapshot), |b| b.clone());
    let config = use_memo(lab.config().clone(), |c| c.clone());
    let tools = props.tools;
    let view = Rc::new(StageView::of(lab).with_tools(lab, tools));
    let (actions, side_actions) = node_actions(NodeActionsView::of(lab, &briefs), &props.on_action);

    // Drops to mark on the picture: the most recent, within a short real-time window.
    let drop_window_us = derived::drop_window_us(lab.speed_factor());
    let drops = Rc::new(derived::recent_drops(lab, drop_window_us));
    let (selected, reduced_motion, presentation, fit) = (
        lab.view.selected,
        lab.view.reduced_motion,
        lab.view.large_words(),
        lab.view.fit,
    );
    let picture_class = picture_class(fit, presentation);
    let on_action = props.on_action.clone();
    let main_picture = if view.picture {
        html! {
            <div class={picture_class.clone()}>
                <Cluster snapshot={lab.run.snapshot.clone()} {selected} {reduced_motion} {drops}
                    {drop_window_us} {presentation} {fit} picked_link={*picked_link} asking={lab.teaching.quiz.asking()}
                    split_by_hand={tools.network}
                    on_select={on_select.clone()} {on_link} on_action={on_action.clone()} />
                if let Some(t) = view.slow_badge.clone() {
                    <p class="slow-badge" aria-hidden="true">{ t }</p>
                }
                { actions.unwrap_or_default() }
            </div>
        }
    } else {
        Html::default()
    };
    let twin_picture = lab.run.twin.as_ref().filter(|_| view.picture).map_or_else(
        Html::default,
        |tw| {
            let drops = Rc::new(derived::drops_in(
                &tw.events,
                tw.snapshot.now,
                drop_window_us,
            ));
            html! {
                <div class={picture_class}>
                    <Cluster snapshot={tw.snapshot.clone()} {selected} {reduced_motion} {drops}
                        {drop_window_us} {presentation} {fit} {on_select} on_link={Callback::noop()}
                        on_action={on_twin_action} holds_messages={false} />
                </div>
            }
        },
    );
    // Whether this run's diagram pane is on screen (the twin's, beside it, goes with it),
    // watched again when the pane comes, goes or moves into a half. The diagram comes
    // after the first picture (behind its tab on most screens).
    let pane = use_node_ref();
    let drawn = crate::ui::hooks::use_first_paint_done();
    let diagram_on = view.diagram && drawn;
    {
        let (pane, shown) = (pane.clone(), props.diagram_shown.clone());
        use_effect_with((diagram_on, view.halves.is_some()), move |_| {
            crate::ui::hooks::watch_shown(&pane, shown)
        });
    }
    let (main_diagram, twin_diagram) = (
        diagram_pane(&props.diagram, pane, diagram_on),
        diagram_pane(&props.twin_diagram, NodeRef::default(), diagram_on),
    );
    // The dock is the grid's: in the page's flow atop the story's column, or above the stage
    // in one column (styles/app.css, `.dock`), over no part of the picture. It holds the open
    // tool's panel and, beside the story, a node's actions; brought into sight when opened,
    // it gives way while a question waits (whose card must head the column).
    let dock_ref = use_node_ref();
    let opened = (tool, side_actions.is_some().then_some(selected).flatten());
    crate::ui::hooks::use_in_sight(dock_ref.clone(), opened, true);
    let dock =
        (!lab.teaching.quiz.asking() && (tool.is_some() || side_actions.is_some())).then(|| {
            html! {
                <div class="dock" ref={dock_ref}>
                    { side_actions.unwrap_or_default() }
                    if let Some(t) = tool {
                        { tool_panel(ToolPanelProps { tool: t, lab: lab.clone(), briefs, config,
                            picked_link: *picked_link, on_close, on_action: on_action.clone(),
                            on_pick_link }) }
                    }
                </div>
            }
        });
    html! {
        <>
        <section class={classes!("stage", view.diagram_view.then_some("diagram-view"))} aria-label="the cluster" ref={section}>
            { stage_bar(StageBarProps { view: view.clone(), tool, tools, on_action }) }
            if let Some((this_title, twin_title)) = view.halves.clone() {
                <div class="compare-stage">
                    <div class="half" aria-label="this run">
                        <h3 class="half-title">{ this_title }</h3>
                        { main_picture }
                        { main_diagram }
                    </div>
                    <div class="half twin" aria-label="the twin run">
                        <h3 class="half-title">{ twin_title }</h3>
                        { twin_picture }
                        { twin_diagram }
                    </div>
                </div>
            } else {
                { main_picture }
                { main_diagram }
            }
        </section>
        { dock.unwrap_or_default() }
        </>
    }
}
