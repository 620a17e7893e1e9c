//! The Yew app: one root reducer (`state::Lab`) over the simulation, an animation-frame
//! loop that advances virtual time, the keyboard shortcuts, and the page's components.

pub mod anim;
pub mod components;
pub mod describe;
pub mod layout;
pub mod state;

use crate::sim::{EventKind, SimTime};
use components::cluster::{Cluster, DropMark};
use components::controls::{Controls, NodeBrief};
use components::diagram::Diagram;
use components::event_log::EventLog;
use components::findings::FindingsStrip;
use components::help::HelpOverlay;
use components::narration::NarrationPanel;
use components::reading::FurtherReading;
use components::storage_panel::StoragePanel;
use components::toolbar::Toolbar;
use state::{key_action, Action, Lab};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How many recent drops the picture marks at most.
const DROP_MARKS: usize = 16;
/// How often (real ms) the event log refreshes while playing faster than 2×.
const LOG_REFRESH_MS: f64 = 250.0;
/// How often (real ms) the diagram refreshes while playing faster than 5×.
const DIAGRAM_REFRESH_MS: f64 = 250.0;

/// `fresh` when not `fast`, when `every` ms have passed, or when `same_run` says the
/// cached value belongs to another run; otherwise the cached value.
fn throttled<T: Clone>(
    cache: &std::rc::Rc<std::cell::RefCell<(f64, T)>>,
    fresh: T,
    fast: bool,
    now_real: f64,
    every: f64,
    same_run: impl Fn(&T, &T) -> bool,
) -> T {
    let mut c = cache.borrow_mut();
    if !fast || now_real - c.0 >= every || !same_run(&c.1, &fresh) {
        *c = (now_real, fresh);
    }
    c.1.clone()
}

fn reduced_motion_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
}

/// True when a key press belongs to a text field or a control that uses it itself.
fn key_is_for_the_control(e: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let key = e.key();
    match tag.as_str() {
        "input" | "select" | "textarea" => key != "Escape",
        "button" | "a" | "summary" => key == " " || key == "Enter",
        _ => {
            el.get_attribute("role").as_deref() == Some("button") && (key == " " || key == "Enter")
        }
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let lab = use_reducer(Lab::new);
    let picked_link = use_state(|| None);

    // Reduced motion: read it now and follow changes.
    {
        let dispatch = lab.dispatcher();
        use_effect_with((), move |_| {
            let mq = reduced_motion_query();
            if let Some(mq) = &mq {
                dispatch.dispatch(Action::SetReducedMotion(mq.matches()));
            }
            let listener = mq.map(|mq| {
                let d = dispatch.clone();
                let target: web_sys::EventTarget = mq.clone().into();
                gloo_events::EventListener::new(&target, "change", move |_| {
                    d.dispatch(Action::SetReducedMotion(mq.matches()));
                })
            });
            move || drop(listener)
        });
    }

    // Keyboard shortcuts, on the whole document.
    {
        let dispatch = lab.dispatcher();
        let help_open = lab.help_open;
        use_effect_with(help_open, move |help_open| {
            let help_open = *help_open;
            let document = gloo_utils::document();
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            let listener = gloo_events::EventListener::new_with_options(
                &document,
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() || key_is_for_the_control(e) {
                        return;
                    }
                    let key = e.key();
                    if help_open && key != "Escape" && key != "?" {
                        return;
                    }
                    if let Some(a) = key_action(&key, e.shift_key()) {
                        e.prevent_default();
                        dispatch.dispatch(a);
                    }
                },
            );
            move || drop(listener)
        });
    }

    // Time: one Tick per animation frame while playing.
    {
        let dispatch = lab.dispatcher();
        anim::use_animation_frames(
            lab.playing,
            Callback::from(move |ms: f64| dispatch.dispatch(Action::Tick(ms))),
        );
    }

    // Callbacks made once: children with unchanged props then skip their redraw.
    let on_action = {
        let dispatch = lab.dispatcher();
        use_callback((), move |a: Action, _| dispatch.dispatch(a))
    };
    let on_select = {
        let dispatch = lab.dispatcher();
        use_callback((), move |n, _| dispatch.dispatch(Action::Select(Some(n))))
    };
    let on_link = {
        let set = picked_link.setter();
        use_callback((), move |l, _| set.set(Some(l)))
    };
    let on_pick_link = {
        let set = picked_link.setter();
        use_callback((), move |l, _| set.set(l))
    };
    let on_close_help = {
        let dispatch = lab.dispatcher();
        use_callback((), move |_, _| dispatch.dispatch(Action::ShowHelp(false)))
    };

    let choices = use_memo((), |_| Lab::scenario_choices());
    let snap = lab.snapshot.clone();
    let narration = use_memo(lab.scenario.clone(), |s| s.narration.clone());
    let briefs = use_memo(NodeBrief::of(&snap), |b| b.clone());
    let config = use_memo(lab.config().clone(), |c| c.clone());

    // Drops to mark on the picture: the most recent, within a short real-time window.
    let drop_window_us = ((0.8 * lab.speed_factor() * 1e6) as u64).max(300_000);
    let drops = {
        let now = snap.now;
        let since = SimTime(now.0.saturating_sub(drop_window_us));
        let mut v: Vec<DropMark> = lab
            .events
            .iter()
            .rev()
            .take_while(|e| e.t >= since)
            .filter_map(|e| match &e.kind {
                EventKind::Drop { from, to, .. } => Some(DropMark {
                    from: *from,
                    to: *to,
                    at: e.t,
                }),
                _ => None,
            })
            .take(DROP_MARKS)
            .collect();
        v.reverse();
        Rc::new(v)
    };

    // Above 2× the log is too fast to read, and above 5× the storage table and the diagram
    // too fast to follow: they refresh a few times a second instead of every frame (the
    // frame budget).
    let now_real = web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    let fast = lab.playing && lab.speed_factor() > 2.0;
    let log_events = throttled(
        &use_mut_ref(|| (f64::NEG_INFINITY, lab.events.clone())),
        lab.events.clone(),
        fast,
        now_real,
        LOG_REFRESH_MS,
        |a, b| a.run_id() == b.run_id(),
    );
    let storage = throttled(
        &use_mut_ref(|| {
            (
                f64::NEG_INFINITY,
                (lab.run_id(), Rc::new(snap.storage.clone())),
            )
        }),
        (lab.run_id(), Rc::new(snap.storage.clone())),
        lab.playing && lab.speed_factor() > 5.0,
        now_real,
        LOG_REFRESH_MS,
        |a, b| a.0 == b.0,
    )
    .1;
    let diagram_input = throttled(
        &use_mut_ref(|| (f64::NEG_INFINITY, (snap.clone(), lab.events.clone()))),
        (snap.clone(), lab.events.clone()),
        lab.playing && lab.speed_factor() > 5.0,
        now_real,
        DIAGRAM_REFRESH_MS,
        |a, b| a.1.run_id() == b.1.run_id(),
    );
    let now_text = format!(
        "{} of virtual time · {}×{}",
        describe::secs(snap.now),
        lab.speed_factor(),
        if lab.playing { "" } else { " · paused" }
    );
    let status_text = lab.error.clone().unwrap_or_else(|| lab.status.clone());
    let class = classes!(
        "lab",
        lab.presentation.then_some("presentation"),
        lab.reduced_motion.then_some("reduced-motion")
    );
    html! {
        <div {class}>
            <header class="top">
                <div class="brand">
                    <h1>{ "Fencing Lab" }</h1>
                    <p class="tagline">{ "A lease alone does not stop a zombie leader. Fencing tokens at the storage do." }</p>
                </div>
                <Toolbar
                    playing={lab.playing}
                    speed={lab.speed}
                    seed={lab.scenario.seed}
                    nodes={lab.scenario.config.nodes}
                    scenario={lab.scenario.name.clone()}
                    choices={choices.clone()}
                    fencing={lab.fencing()}
                    barrier={lab.barrier()}
                    presentation={lab.presentation}
                    on_action={on_action.clone()} />
            </header>
            <FindingsStrip findings={snap.findings.clone()} {now_text} />
            <main class="grid">
                <section class="stage" aria-label="the cluster">
                    <Cluster snapshot={snap.clone()} selected={lab.selected}
                        reduced_motion={lab.reduced_motion} {drops} {drop_window_us}
                        picked_link={*picked_link} {on_select} {on_link} />
                </section>
                <div class="area-diagram">
                    <Diagram snapshot={diagram_input.0} events={diagram_input.1} />
                </div>
                <div class="side">
                    <NarrationPanel title={lab.scenario.title.clone()} lines={narration} now_ms={snap.now.as_ms()} />
                    <StoragePanel {storage} />
                    <EventLog events={log_events} />
                </div>
                <div class="area-controls">
                    <Controls nodes={briefs} leader={lab.current_leader()} config={(*config).clone()}
                        selected={lab.selected} pause_secs={lab.pause_secs}
                        picked_link={*picked_link} on_action={on_action.clone()} {on_pick_link} />
                </div>
                <div class="area-reading">
                    <FurtherReading />
                </div>
            </main>
            <div class="status-region" role="status" aria-live="polite">
                // Keyed by its text: a new message starts its fade-out afresh.
                <p key={status_text.clone()} class={classes!("status", lab.error.is_some().then_some("error"))}>
                    { status_text.clone() }
                </p>
            </div>
            if lab.help_open {
                <HelpOverlay on_close={on_close_help} />
            }
        </div>
    }
}
