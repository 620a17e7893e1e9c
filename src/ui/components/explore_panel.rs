//! "Find a way to break this": searches random fault schedules over the current run's
//! settings for a goal (`fencing_sim::explore::Job`), a few milliseconds a frame so the
//! page never freezes, with its progress (schedules tried, per second, a bar) and a cancel;
//! on success shows the shrunk schedule step by step and opens it as a run (time travel,
//! sharing and export as for any run).

use fencing_model::share::RunSpec;
use fencing_model::Action;
use fencing_sim::explore::{Goal, Job, Phase, Settings, GOALS};
use fencing_sim::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// Schedules tried at most per search in the page.
pub const PAGE_BUDGET: u64 = 50_000;
/// Real milliseconds of search per frame, at most (one run, about 0.3 ms, may overrun it):
/// half a 60 Hz frame, so the page keeps the other half.
const SLICE_MS: f64 = 8.0;

#[derive(Properties, PartialEq)]
pub struct ExploreProps {
    /// The current run's scenario: its config is what the search varies faults over.
    pub scenario: Rc<Scenario>,
    pub fencing: bool,
    pub barrier: bool,
    pub on_action: Callback<Action>,
}

/// What the panel shows of the search.
#[derive(Clone, PartialEq)]
struct Progress {
    phase: Phase,
    tried: u64,
    /// Real milliseconds spent searching.
    spent_ms: f64,
    shrinking: Option<(u64, usize)>,
    result: Option<Rc<Scenario>>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn default_goal(fencing: bool, barrier: bool) -> Goal {
    match (fencing, barrier) {
        (false, _) => Goal::Stale,
        (true, false) => Goal::Superseded,
        (true, true) => Goal::Violation,
    }
}

#[function_component(ExplorePanel)]
pub fn explore_panel(props: &ExploreProps) -> Html {
    let goal = use_state(|| default_goal(props.fencing, props.barrier));
    let seed = use_state(|| 0u64);
    let job = use_mut_ref(|| None::<Job>);
    let running = use_state(|| false);
    let progress = use_state(|| None::<Progress>);
    let cancelled = use_state(|| None::<u64>);

    let on_frame = {
        let (job, running, progress) = (job.clone(), running.clone(), progress.clone());
        Callback::from(move |_: f64| {
            let mut slot = job.borrow_mut();
            let Some(j) = slot.as_mut() else { return };
            let start = now_ms();
            let mut finished = false;
            while now_ms() - start < SLICE_MS {
                if j.work() {
                    finished = true;
                    break;
                }
            }
            let spent = progress.as_ref().map_or(0.0, |p| p.spent_ms) + (now_ms() - start);
            progress.set(Some(Progress {
                phase: j.phase(),
                tried: j.tried(),
                spent_ms: spent,
                shrinking: j.shrinking(),
                result: j.result().cloned().map(Rc::new),
            }));
            if finished {
                running.set(false);
            }
        })
    };
    crate::ui::anim::use_animation_frames(*running, on_frame);

    let start = {
        let (job, running, progress, cancelled) = (
            job.clone(),
            running.clone(),
            progress.clone(),
            cancelled.clone(),
        );
        let (goal, seed) = (goal.clone(), seed.clone());
        let scenario = props.scenario.clone();
        let (fencing, barrier) = (props.fencing, props.barrier);
        Callback::from(move |_: MouseEvent| {
            let settings = Settings {
                goal: *goal,
                fencing: Some(fencing),
                barrier: Some(barrier),
                seed: *seed,
                keep_faults: false,
            };
            *job.borrow_mut() = Some(Job::new(&scenario, settings, PAGE_BUDGET, &scenario.name));
            progress.set(None);
            cancelled.set(None);
            running.set(true);
        })
    };
    let cancel = {
        let (job, running, cancelled) = (job.clone(), running.clone(), cancelled.clone());
        Callback::from(move |_: MouseEvent| {
            let tried = job.borrow().as_ref().map_or(0, |j| j.tried());
            *job.borrow_mut() = None;
            running.set(false);
            cancelled.set(Some(tried));
        })
    };
    let another = {
        let seed = seed.clone();
        let start = start.clone();
        Callback::from(move |e: MouseEvent| {
            seed.set(*seed + 1);
            start.emit(e);
        })
    };
    let on_goal = {
        let goal = goal.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(g) = Goal::parse(&el.value()) {
                goal.set(g);
            }
        })
    };
    let goals = GOALS
        .iter()
        .map(|(name, g)| {
            html! { <option value={*name} selected={*g == *goal}>{ g.words() }</option> }
        })
        .collect::<Html>();

    let status = match (&*progress, *cancelled) {
        (_, Some(n)) => {
            html! { <p class="explore-status">{ format!("Cancelled after {n} schedules.") }</p> }
        }
        (None, None) if *running => html! { <p class="explore-status">{ "Starting…" }</p> },
        (None, None) => Html::default(),
        (Some(p), None) => {
            let per_s = if p.spent_ms > 0.0 {
                p.tried as f64 * 1000.0 / p.spent_ms
            } else {
                0.0
            };
            let pct = (p.tried as f64 * 100.0 / PAGE_BUDGET as f64).min(100.0);
            let words = match p.phase {
                Phase::Searching => format!("{} schedules tried, {per_s:.0} per second", p.tried),
                Phase::Shrinking => {
                    let (runs, faults) = p.shrinking.unwrap_or_default();
                    format!(
                        "found after {} schedules; shrinking: {runs} runs, {faults} fault{} left",
                        p.tried,
                        if faults == 1 { "" } else { "s" }
                    )
                }
                Phase::Found => format!("found after {} schedules, shrunk to its essence", p.tried),
                Phase::NotFound => format!(
                    "nothing found in {} schedules ({per_s:.0} per second): this run's settings hold up",
                    p.tried
                ),
            };
            html! {
                <>
                    if matches!(p.phase, Phase::Searching | Phase::NotFound) {
                        <progress max="100" value={format!("{pct:.0}")} aria-label="schedules tried, of the budget"></progress>
                    }
                    <p class="explore-status" role="status">{ words }</p>
                </>
            }
        }
    };
    let result = progress.as_ref().and_then(|p| p.result.clone()).map(|file| {
        let steps = file
            .faults
            .iter()
            .map(|f| html! { <li>{ format!("at {:.1} s: {}", f.at_ms as f64 / 1000.0, f.command.describe()) }</li> })
            .collect::<Html>();
        let open = {
            let cb = props.on_action.clone();
            let file = file.clone();
            Callback::from(move |_: MouseEvent| {
                cb.emit(Action::OpenRun(Box::new(RunSpec {
                    scenario: (*file).clone(),
                    commands: Vec::new(),
                    at_ms: 0,
                })))
            })
        };
        html! {
            <div class="explore-result">
                <p>{ format!("The shrunk schedule ({} nodes, {} s of virtual time):", file.config.nodes, file.until_ms / 1000) }</p>
                <ol class="explore-steps">{ steps }</ol>
                <div class="row">
                    <button class="btn small primary" onclick={open}>{ "Open it as a run" }</button>
                    <button class="btn small" onclick={another.clone()}>{ "Search again (another seed)" }</button>
                </div>
            </div>
        }
    });
    html! {
        <section class="explore" aria-labelledby="explore-h">
            <h2 id="explore-h">{ "Find a way to break this" }</h2>
            <p class="explore-about">
                { format!(
                    "Tries random faults (pauses, crashes, partitions, slow and cut links, drift within bounds, shorter leases) on these settings: fencing {}, barrier {}. What it finds is shrunk to the fewest faults that still do it.",
                    if props.fencing { "on" } else { "off" },
                    if props.barrier { "on" } else { "off" },
                ) }
            </p>
            <label class="field">
                <span>{ "Look for" }</span>
                <select onchange={on_goal} disabled={*running}>{ goals }</select>
            </label>
            <div class="row">
                if *running {
                    <button class="btn small" onclick={cancel}>{ "Cancel" }</button>
                } else {
                    <button class="btn small primary" onclick={start}>{ "Search" }</button>
                }
            </div>
            { status }
            { result.unwrap_or_default() }
        </section>
    }
}
