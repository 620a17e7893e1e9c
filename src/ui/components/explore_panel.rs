//! "Find a way to break this": the explorer's panel. The search is the model's
//! (`fencing_model::lab::tools`); this draws its report (schedules tried, per second, a
//! bar), its goal and buttons, and the shrunk schedule step by step, and dispatches the
//! explorer's actions. While a search runs, a Web Worker runs it (`use_search_worker`);
//! where no worker can, `use_search_slices` gives it a slice of runs each animation frame,
//! as many as fit half a frame, so the page never freezes.

use crate::ui::anim::use_animation_frames;
use crate::ui::search_worker::use_search_worker;
use fencing_model::lab::tools::{runs_for, FoundView, Report, Tools};
use fencing_model::lab::ExploreAction;
use fencing_model::Action;
use fencing_sim::explore::{Goal, GOALS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExploreProps {
    /// The lab's tools: the search and the goal chosen.
    pub tools: Tools,
    /// The current run's settings, which a search varies faults over.
    pub fencing: bool,
    pub barrier: bool,
    pub on_action: Callback<Action>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The page's clock over one search: the runs the next slice gets and the real time spent.
struct SliceClock {
    /// The search this clock times (`Tools::started`).
    started: u64,
    runs: u32,
    spent_ms: f64,
}

impl SliceClock {
    fn new(started: u64) -> SliceClock {
        SliceClock {
            started,
            runs: 4,
            spent_ms: 0.0,
        }
    }
}

/// While `running`, one `Work` a frame, timed to fit half a frame (`runs_for`); the real
/// milliseconds spent on search `started` so far, for the rate. The panel going away puts
/// the search away (`Close`), as it always has.
#[hook]
fn use_search_slices(running: bool, started: u64, on_action: Callback<Action>) -> f64 {
    let clock = use_mut_ref(|| SliceClock::new(started));
    if clock.borrow().started != started {
        *clock.borrow_mut() = SliceClock::new(started);
    }
    let on_frame = {
        let (clock, on_action) = (clock.clone(), on_action.clone());
        Callback::from(move |_: f64| {
            let runs = clock.borrow().runs;
            let start = now_ms();
            on_action.emit(Action::Explore(ExploreAction::Work { runs }));
            let took = now_ms() - start;
            let mut c = clock.borrow_mut();
            c.spent_ms += took;
            c.runs = runs_for(runs, took);
        })
    };
    use_animation_frames(running, on_frame);
    use_effect_with((), move |_| {
        move || on_action.emit(Action::Explore(ExploreAction::Close))
    });
    let spent_ms = clock.borrow().spent_ms;
    spent_ms
}

/// A callback dispatching one explorer action.
fn explore_cb<E>(on_action: &Callback<Action>, a: ExploreAction) -> Callback<E> {
    let on_action = on_action.clone();
    Callback::from(move |_: E| on_action.emit(Action::Explore(a.clone())))
}

#[function_component(ExplorePanel)]
pub fn explore_panel(props: &ExploreProps) -> Html {
    let tools = &props.tools;
    let running = tools.running();
    let worker = use_search_worker(
        running,
        tools.started(),
        tools.request_text(),
        props.on_action.clone(),
    );
    let sliced_ms = use_search_slices(
        running && !worker.busy,
        tools.started(),
        props.on_action.clone(),
    );
    let spent_ms = if tools.in_worker() {
        now_ms() - worker.since_ms
    } else {
        sliced_ms
    };
    let goal = tools.goal(props.fencing, props.barrier);
    let search = tools.next_search(props.fencing, props.barrier);
    let start = explore_cb(&props.on_action, ExploreAction::Start(search));
    let cancel = explore_cb(&props.on_action, ExploreAction::Cancel);
    let about = format!(
        "Tries random faults (pauses, crashes, partitions, slow and cut links, drift within bounds, shorter leases) on these settings: fencing {}, barrier {}. What it finds is shrunk to the fewest faults that still do it.",
        if props.fencing { "on" } else { "off" },
        if props.barrier { "on" } else { "off" },
    );
    let status = status_view(&tools.report(spent_ms));
    let result = tools
        .found_view()
        .map(|f| found_view(&f, &props.on_action))
        .unwrap_or_default();
    html! {
        <section class="explore" aria-labelledby="explore-h"
            data-engine={if tools.in_worker() { "worker" } else { "page" }}>
            <h2 id="explore-h">{ "Find a way to break this" }</h2>
            <p class="explore-about">{ about }</p>
            { goal_select(goal, running, &props.on_action) }
            <div class="row">
                if running {
                    <button class="btn small" onclick={cancel}>{ "Cancel" }</button>
                } else {
                    <button class="btn small primary" onclick={start}>{ "Search" }</button>
                }
            </div>
            { status }
            { result }
        </section>
    }
}

/// "Look for": the goal of the next search.
fn goal_select(goal: Goal, disabled: bool, on_action: &Callback<Action>) -> Html {
    let on_goal = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(g) = Goal::parse(&el.value()) {
                on_action.emit(Action::Explore(ExploreAction::Choose(g)));
            }
        })
    };
    let goals = GOALS
        .iter()
        .map(|(name, g)| {
            html! { <option value={*name} selected={*g == goal}>{ g.words() }</option> }
        })
        .collect::<Html>();
    html! {
        <label class="field">
            <span>{ "Look for" }</span>
            <select onchange={on_goal} {disabled}>{ goals }</select>
        </label>
    }
}

/// The search's line (and its bar while searching).
fn status_view(report: &Report) -> Html {
    match report {
        Report::Idle => Html::default(),
        Report::Starting => html! { <p class="explore-status">{ "Starting…" }</p> },
        Report::Cancelled { tried } => {
            let words = format!("Cancelled after {tried} schedules.");
            html! { <p class="explore-status">{ words }</p> }
        }
        Report::Refused(why) => html! { <p class="explore-status" role="status">{ why }</p> },
        Report::Going {
            words, bar_percent, ..
        } => {
            let bar = bar_percent.map(|pct| fencing_sim::num::fixed(pct, 0));
            html! {
                <>
                    if let Some(value) = bar {
                        <progress max="100" {value} aria-label="schedules tried, of the budget"></progress>
                    }
                    <p class="explore-status" role="status">{ words }</p>
                </>
            }
        }
    }
}

/// The shrunk schedule, fault by fault, with what to do with it.
fn found_view(found: &FoundView, on_action: &Callback<Action>) -> Html {
    let faults = found
        .faults
        .iter()
        .map(|s| html! { <li>{ s }</li> })
        .collect::<Html>();
    let open = explore_cb(on_action, ExploreAction::Open);
    let again = explore_cb(on_action, ExploreAction::Again);
    html! {
        <div class="explore-result">
            <p>{ &found.heading }</p>
            <ol class="explore-faults">{ faults }</ol>
            <div class="row">
                <button class="btn small primary" onclick={open}>{ "Open it as a run" }</button>
                <button class="btn small" onclick={again}>{ "Search again (another seed)" }</button>
            </div>
        </div>
    }
}
