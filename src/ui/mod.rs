//! The Yew app: one root reducer (`state::LabState`, holding `fencing_model::Lab`), the
//! hooks that reach the browser (animation frames, keys, files, the clipboard, reduced
//! motion) and the page's components, which draw what the model gives them as props and
//! send `Action`s back.

pub mod anim;
pub mod components;
pub mod io;
pub mod state;

use components::author_panel::AuthorPanel;
use components::challenge_card::ChallengeCard;
use components::cluster::Cluster;
use components::controls::{Flying, NetworkPanel};
use components::diagram::Diagram;
use components::event_log::EventLog;
use components::explore_panel::ExplorePanel;
use components::findings::FindingsStrip;
use components::help::HelpOverlay;
use components::lesson_end::LessonEndCard;
use components::narration::NarrationPanel;
use components::node_actions::NodeActions;
use components::path_panel::PathPanel;
use components::question::QuestionCard;
use components::reading::FurtherReading;
use components::settings_panel::SettingsPanel;
use components::share_panel::SharePanel;
use components::storage_panel::StoragePanel;
use components::timeline_bar::TimelineBar;
use components::toolbar::Toolbar;
use fencing_model::derived::{self, About, NodeBrief, Pace};
use fencing_model::intent::SplitPlan;
use fencing_model::keys::{key_action, question_key};
use fencing_model::layout::{pos_of, positions};
use fencing_model::pacing::count;
use fencing_model::page_link::Panel;
use fencing_model::path::Step;
use fencing_model::progress::{self, Progress};
use fencing_model::refresh::{throttled, Slot};
use fencing_model::{Action, Outgoing};
use state::LabState;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn drop_all<T>(_: T) {}

fn reduced_motion_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
}

/// Which compact panel beside the picture is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tool {
    Network,
    Settings,
    Explore,
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
    // Space plays and pauses everywhere but in a field; Enter presses the focused button.
    match tag.as_str() {
        "input" => {
            let kind = el.get_attribute("type").unwrap_or_default();
            key != "Escape" && !(kind == "range" && key == " ")
        }
        "select" | "textarea" => key != "Escape",
        "button" | "a" | "summary" => key == "Enter",
        // The partition wall moves with the arrows and is raised with Enter.
        _ if el.get_attribute("role").as_deref() == Some("slider") => {
            matches!(
                key.as_str(),
                "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End" | "Enter"
            )
        }
        // A focused actor in the picture takes < and > for itself (the selected node's
        // otherwise).
        _ if el.closest("[data-nudge]").ok().flatten().is_some()
            && matches!(key.as_str(), "<" | ">" | "," | ".") =>
        {
            true
        }
        _ => el.get_attribute("role").as_deref() == Some("button") && key == "Enter",
    }
}

#[function_component(App)]
pub fn app() -> Html {
    // The lab starts with the progress kept in this browser; a stored text it cannot read
    // is kept aside (not overwritten) and named in a notice.
    let lab = use_reducer(|| {
        let mut lab = LabState::default();
        if let Some(text) = io::stored(progress::STORAGE_KEY) {
            match Progress::from_json(&text) {
                Ok(p) => lab.0.teaching.progress = p,
                Err(e) => {
                    let kept = io::store(progress::UNREADABLE_KEY, &text).is_ok();
                    lab.0.talk.notice =
                        Some(format!(
                        "Your saved progress could not be read ({e}){}; progress starts afresh.",
                        if kept { ", so it was kept aside in this browser" } else { "" }
                    ));
                }
            }
        }
        lab
    });
    let picked_link = use_state(|| None);
    let dragging = use_state(|| false);
    let tool = use_state(|| None::<Tool>);

    // A shared link: open the run, lesson or challenge it names (a bad one leaves a notice
    // and the default).
    {
        let dispatch = lab.dispatcher();
        use_effect_with((), move |_| {
            let f = io::fragment();
            if !f.is_empty() {
                dispatch.dispatch(Action::OpenLink(f));
            }
        });
    }

    // The progress, kept in this browser whenever it changes (and nowhere else).
    {
        let notify = lab.dispatcher();
        use_effect_with(lab.teaching.progress.clone(), move |p| {
            if let Err(e) = io::store(progress::STORAGE_KEY, &p.to_json()) {
                if !p.is_empty() {
                    notify.dispatch(Action::Notify(format!("Your progress is not kept: {e}.")));
                }
            }
        });
    }

    // Requests the reducer makes of the page: copy a link, save a file.
    {
        let out = lab.talk.out.clone();
        let notify = lab.dispatcher();
        use_effect_with(out, move |out| match out {
            Some((_, Outgoing::CopyLink(link))) => {
                io::set_fragment(link);
                io::copy_to_clipboard(&io::url_with_fragment(link));
            }
            Some((_, Outgoing::Download { name, mime, text })) => {
                if let Err(e) = io::download(name, mime, text) {
                    notify.dispatch(Action::Notify(e));
                }
            }
            None => {}
        });
    }

    // A picked or dropped file: read (if not too large), then offered to the reducer.
    let on_file = {
        let dispatch = lab.dispatcher();
        use_callback((), move |file: web_sys::File, _| {
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                dispatch.dispatch(match io::read_file(file).await {
                    io::FileRead::Bytes(name, bytes) => Action::Import {
                        name,
                        bytes: Rc::new(bytes),
                    },
                    io::FileRead::Refused(m) => Action::Notify(m),
                });
            });
        })
    };

    // Drag and drop anywhere on the page, with a drop zone shown while dragging.
    {
        let set = dragging.setter();
        let on_file = on_file.clone();
        use_effect_with((), move |_| {
            let document = gloo_utils::document();
            let depth = Rc::new(std::cell::Cell::new(0i32));
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            let has_files = |e: &web_sys::Event| {
                e.dyn_ref::<web_sys::DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .is_some_and(|t| t.types().includes(&"Files".into(), 0))
            };
            let enter = {
                let (set, depth) = (set.clone(), depth.clone());
                gloo_events::EventListener::new_with_options(
                    &document,
                    "dragenter",
                    options,
                    move |e| {
                        if has_files(e) {
                            e.prevent_default();
                            depth.set(depth.get() + 1);
                            set.set(true);
                        }
                    },
                )
            };
            let over = gloo_events::EventListener::new_with_options(
                &document,
                "dragover",
                options,
                move |e| {
                    if has_files(e) {
                        e.prevent_default();
                    }
                },
            );
            let leave = {
                let (set, depth) = (set.clone(), depth.clone());
                gloo_events::EventListener::new(&document, "dragleave", move |_| {
                    depth.set((depth.get() - 1).max(0));
                    if depth.get() == 0 {
                        set.set(false);
                    }
                })
            };
            let drop = gloo_events::EventListener::new_with_options(
                &document,
                "drop",
                options,
                move |e| {
                    e.prevent_default();
                    depth.set(0);
                    set.set(false);
                    let file = e
                        .dyn_ref::<web_sys::DragEvent>()
                        .and_then(|d| d.data_transfer())
                        .and_then(|t| t.files())
                        .and_then(|l| l.get(0));
                    if let Some(f) = file {
                        on_file.emit(f);
                    }
                },
            );
            move || drop_all((enter, over, leave, drop))
        });
    }

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
        let keys_state = (
            lab.view.help_open || lab.view.path_open,
            lab.teaching.quiz.is_open(),
            lab.teaching.quiz.asking(),
            lab.view.selected,
        );
        use_effect_with(keys_state, move |keys_state| {
            let (help_open, question_open, asking, selected) = *keys_state;
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
                    // A question on screen takes 1–4 and Esc first.
                    let question = (question_open && !help_open)
                        .then(|| question_key(&key, asking))
                        .flatten();
                    if let Some(a) = question.or_else(|| key_action(&key, e.shift_key(), selected))
                    {
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
            lab.run.playing,
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
        let open = tool.setter();
        use_callback((), move |l, _| {
            set.set(Some(l));
            open.set(Some(Tool::Network));
        })
    };
    // The compare view's twin picture takes the same selections and splits (they are
    // mirrored anyway), but not a message by its id: the twin's messages are its own.
    let on_twin_action = {
        let dispatch = lab.dispatcher();
        use_callback((), move |a: Action, _| {
            if !matches!(a, Action::HoldMessage(_) | Action::ReleaseLink { .. }) {
                dispatch.dispatch(a)
            }
        })
    };
    let on_pick_link = {
        let set = picked_link.setter();
        use_callback((), move |l, _| set.set(l))
    };
    let on_export_svg = {
        let dispatch = lab.dispatcher();
        let name = format!(
            "{}-seed{}-{}ms.diagram.svg",
            lab.run.scenario.name,
            lab.run.scenario.seed,
            lab.now().as_ms()
        );
        use_callback(name, move |_: (), name| {
            let r = io::standalone_svg(".diagram svg")
                .and_then(|svg| io::download(name, "image/svg+xml", &svg));
            if let Err(e) = r {
                dispatch.dispatch(Action::Notify(format!("The diagram was not saved: {e}")));
            }
        })
    };
    let on_dismiss = {
        let dispatch = lab.dispatcher();
        use_callback((), move |_: MouseEvent, _| {
            dispatch.dispatch(Action::DismissNotice)
        })
    };
    let on_close_help = {
        let dispatch = lab.dispatcher();
        use_callback((), move |_, _| dispatch.dispatch(Action::ShowHelp(false)))
    };

    let choices = use_memo((), |_| fencing_model::Lab::scenario_choices());
    let chapters = use_memo(lab.teaching.progress.clone(), fencing_model::path::view);
    // The panels below the fold (sharing, the log, further reading) come after the first
    // frame is drawn: the first render builds the cluster and what is on screen first.
    let below_ready = use_state(|| false);
    {
        let set = below_ready.setter();
        use_effect_with((), move |_| anim::after_next_paint(move || set.set(true)));
    }
    // After a jump (a seek, a step back, a new run) the log, below the fold, changes once
    // the frame showing the new moment is drawn, not in it, and so do the storage table's
    // rows below its box's fold: that frame is not held up by a hundred rows off screen.
    // (The log's rows are keyed by event number, so a seek nearby then redraws only the
    // rows that differ.)
    let settled_run = use_state_eq(|| lab.run_id());
    {
        let set = settled_run.setter();
        use_effect_with(lab.run_id(), move |run| {
            let run = *run;
            anim::after_next_paint(move || set.set(run));
        });
    }
    // Worked out when the progress changes, not every frame (each step reads its scenario).
    let path_done = *use_memo(lab.teaching.progress.clone(), fencing_model::path::done);
    let current_step = match &lab.teaching.challenge {
        Some(a) => Some(Step::Challenge(a.challenge.id)),
        None => fencing_model::path::steps()
            .find(|s| matches!(s, Step::Scenario(n) if *n == lab.teaching.written.name)),
    };
    let challenge = use_memo(lab.teaching.challenge.clone(), |a| a.clone().map(Rc::new));
    let on_copy = use_callback((), move |link: String, _| io::copy_to_clipboard(&link));
    let snap = lab.run.snapshot.clone();
    let briefs = use_memo(NodeBrief::of(&snap), |b| b.clone());
    let config = use_memo(lab.config().clone(), |c| c.clone());

    // Drops to mark on the picture: the most recent, within a short real-time window.
    let drop_window_us = derived::drop_window_us(lab.speed_factor());
    let drops = Rc::new(derived::recent_drops(&lab, drop_window_us));

    // Above 2× the log is too fast to read, and above 5× the storage table, the diagram and
    // the clock readouts too fast to follow: they refresh a few times a second instead of
    // every frame, each in its own frame (`refresh`; the frame budget).
    let now_real = web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    let pace = Pace::of(&lab);
    let (fast, very_fast) = (pace.fast, pace.very_fast);
    let log_cache = use_mut_ref(|| (i64::MIN, lab.run.events.clone()));
    let jump_settled = *settled_run == lab.run_id();
    let log_events = if jump_settled {
        throttled(
            &log_cache,
            lab.run.events.clone(),
            fast,
            now_real,
            Slot::Log,
            |a, b| a.run_id() == b.run_id(),
        )
    } else {
        log_cache.borrow().1.clone()
    };
    // The narration is on screen: it tells the new moment at once.
    let told_events = if jump_settled {
        log_events.clone()
    } else {
        lab.run.events.clone()
    };
    let storage = throttled(
        &use_mut_ref(|| (i64::MIN, (lab.run_id(), Rc::new(snap.storage.clone())))),
        (lab.run_id(), Rc::new(snap.storage.clone())),
        very_fast,
        now_real,
        Slot::Storage,
        |a, b| a.0 == b.0,
    )
    .1;
    let diagram_input = throttled(
        &use_mut_ref(|| (i64::MIN, (snap.clone(), lab.run.events.clone()))),
        (snap.clone(), lab.run.events.clone()),
        very_fast,
        now_real,
        Slot::Diagram,
        |a, b| a.1.run_id() == b.1.run_id(),
    );
    let twin_diagram_input = throttled(
        &use_mut_ref(|| (i64::MIN, (snap.clone(), lab.run.events.clone()))),
        lab.run
            .twin
            .as_ref()
            .map_or((snap.clone(), lab.run.events.clone()), |tw| {
                (tw.snapshot.clone(), tw.events.clone())
            }),
        very_fast,
        now_real,
        Slot::Diagram,
        |a, b| a.1.run_id() == b.1.run_id(),
    );
    // The clock readouts: the present and the end of the run so far.
    let (clock_now, clock_frontier) = throttled(
        &use_mut_ref(|| (i64::MIN, (snap.now, lab.frontier()))),
        (snap.now, lab.frontier()),
        very_fast,
        now_real,
        Slot::Clock,
        |a, b| a.0 <= b.0,
    );
    // While fast, the log keeps to the rows in view and the table to the writes of the last
    // two refreshes (all of them when paused).
    let (log_rows, storage_rows) = (pace.log_rows(), pace.storage_rows());
    // Right after a jump the storage table draws the rows its box shows (at most 25 fit
    // its 28vh) and the rest a frame later, like the log.
    let storage_draw = if jump_settled {
        storage_rows
    } else {
        storage_rows.min(fencing_model::derived::STORAGE_ROWS_FAST)
    };
    // The narration reads the same throttled events as the log (its live commentary), and
    // the present for what holds now; worked out again only when those change (the present
    // to a tenth of a second, as the clock readouts show it).
    // The question card redraws only when the quiz changes, not with every frame.
    let question = use_memo(lab.teaching.quiz.clone(), |q| q.view().map(Rc::new));
    let lesson_end = lab.lesson_end();
    // After a reveal, the event that settles the answer: marked once the run reaches it.
    let proof = (*question)
        .as_ref()
        .and_then(|q| q.reveal.as_ref()?.proof.clone());
    let settled = proof.as_ref().is_some_and(|p| p.at <= snap.now);
    let proof_row = proof.filter(|_| settled).map(Rc::new);
    let narration = {
        let key = (
            lab.run_id(),
            told_events.total(),
            told_events.len(),
            // The readouts' present: above 5× it moves a few times a second, not every
            // frame (the frame budget), like the clocks beside it.
            clock_now.0 / 100_000,
            lab.commands().len(),
            lab.run.scenario.faults.len(),
        );
        let cache = use_mut_ref(|| None::<(_, Rc<fencing_model::narration::NarrationView>)>);
        let mut c = cache.borrow_mut();
        match &*c {
            Some((k, v)) if *k == key => v.clone(),
            _ => {
                let v = Rc::new(lab.narration(&told_events));
                *c = Some((key, v.clone()));
                v
            }
        }
    };
    let now_text = derived::clock_text(&lab, clock_now);
    // The run's exact time and hash: at the clocks' pace above 5×, like them.
    let about = throttled(
        &use_mut_ref(|| (i64::MIN, About::of(&lab))),
        About::of(&lab),
        very_fast,
        now_real,
        Slot::Clock,
        About::continues,
    );
    let link = lab.talk.link.as_deref().map(io::url_with_fragment);
    let storage_title = derived::storage_title(&lab);
    let twin_panel = lab.run.twin.as_ref().map(|tw| {
        let f = &tw.snapshot.findings;
        html! {
            <div class="compare-b" aria-label={format!("the same run with {} the other way", tw.knob.name())}>
                <p class="compare-summary">
                    { format!("Same seed and actions, {}: ", tw.differs()) }
                    <span data-twin-finding="rejected">{ format!("⊘ {} rejected", f.rejected) }</span>{ " · " }
                    <span data-twin-finding="stale">{ format!("⚠ {} stale taken", f.stale_accepted) }</span>{ " · " }
                    <span data-twin-finding="superseded">{ format!("↯ {} through the gap", f.superseded_accepted) }</span>{ " · " }
                    <span data-twin-finding="violations">{ count(f.violations, "violation", "violations") }</span>
                </p>
                <StoragePanel storage={Rc::new(tw.snapshot.storage.clone())}
                    title={format!("Storage, {}", tw.differs())}
                    heading_id="storage-twin-h" rows={storage_rows} draw={storage_draw} highlight={!very_fast} />
            </div>
        }
    });
    let status_text = lab
        .talk
        .error
        .clone()
        .unwrap_or_else(|| lab.talk.status.clone());
    let class = classes!(
        "lab",
        lab.view.presentation.then_some("presentation"),
        lab.view.reduced_motion.then_some("reduced-motion")
    );
    // The story's beats change only with the run or a departure from its script: worked
    // out then, not every frame.
    let beats = use_memo(
        (
            lab.run_id(),
            lab.commands().len(),
            lab.run.scenario.faults.len(),
        ),
        |_| lab.beats().to_vec(),
    );
    let node_actions = lab
        .view.selected
        .filter(|_| lab.view.actions_open)
        .and_then(|id| briefs.get(id.0 as usize).cloned())
        .map(|node| {
            let at = pos_of(&positions(&snap), fencing_sim::Actor::Node(node.id));
            let view_height = components::cluster::view_height(lab.view.presentation);
            html! { <NodeActions {node} {at} pause_secs={lab.view.pause_secs} drift_bound_ppm={lab.config().drift_bound_ppm} {view_height} on_action={on_action.clone()} /> }
        });
    let toggle_tool = |t: Tool| {
        let tool = tool.clone();
        Callback::from(move |_: MouseEvent| tool.set(if *tool == Some(t) { None } else { Some(t) }))
    };
    let tool_panel = (*tool).map(|t| {
        let close = {
            let tool = tool.clone();
            Callback::from(move |_: MouseEvent| tool.set(None))
        };
        let body = match t {
            Tool::Network => html! {
                <NetworkPanel nodes={briefs.clone()} leader={lab.current_leader()} config={(*config).clone()}
                    picked_link={*picked_link} in_force={SplitPlan::in_force(&snap)}
                    held={Rc::new(snap.links.iter()
                        .map(|l| ((l.from, l.to), l.held, fencing_model::picture::waiting_on(&snap, l.from, l.to)))
                        .filter(|(_, held, n)| *held || *n > 0)
                        .collect::<Vec<_>>())}
                    flying={Rc::new(snap.messages.iter().filter(|m| !m.held)
                        .map(|m| Flying { from: m.from, to: m.to, id: m.id, label: m.label.clone(), will_hold: m.will_hold,
                            arrives_in: fencing_model::describe::dur(fencing_sim::Duration(m.deliver_at.0.saturating_sub(snap.now.0))) })
                        .collect::<Vec<_>>())}
                    on_action={on_action.clone()} {on_pick_link} />
            },
            Tool::Explore => html! {
                <ExplorePanel tools={lab.tools.clone()} fencing={lab.fencing()} barrier={lab.barrier()}
                    on_action={on_action.clone()} />
            },
            Tool::Settings => html! {
                <SettingsPanel seed={lab.run.scenario.seed} nodes={lab.run.scenario.config.nodes}
                    config={(*config).clone()} on_action={on_action.clone()} />
            },
        };
        html! {
            <div class="tool-pop">
                <button class="btn small close" aria-label="close the panel" onclick={close}>{ "✕" }</button>
                { body }
            </div>
        }
    });
    let dv = lab.view.diagram_view;
    // The stage: the picture and the diagram; in compare mode the twin's beside them.
    let main_picture = if lab.shows(Panel::Picture) {
        html! {
            <div class="picture">
                <Cluster snapshot={snap.clone()} selected={lab.view.selected}
                    reduced_motion={lab.view.reduced_motion} drops={drops.clone()} {drop_window_us}
                    presentation={lab.view.presentation}
                    picked_link={*picked_link} on_select={on_select.clone()} {on_link} on_action={on_action.clone()} />
                if let Some(t) = derived::slow_motion_text(&lab) {
                    <p class="slow-badge" aria-hidden="true">{ t }</p>
                }
                { node_actions.clone().unwrap_or_default() }
                { tool_panel.clone().unwrap_or_default() }
            </div>
        }
    } else {
        Html::default()
    };
    let main_diagram = if lab.shows(Panel::Diagram) {
        html! {
            <div class="area-diagram">
                <Diagram snapshot={diagram_input.0.clone()} events={diagram_input.1.clone()} />
            </div>
        }
    } else {
        Html::default()
    };
    let twin_stage = lab.run.twin.as_ref().map(|tw| {
        let picture = lab.shows(Panel::Picture).then(|| {
            let drops = Rc::new(derived::drops_in(&tw.events, tw.snapshot.now, drop_window_us));
            html! {
                <div class="picture">
                    <Cluster snapshot={tw.snapshot.clone()} selected={lab.view.selected}
                        reduced_motion={lab.view.reduced_motion} {drops} {drop_window_us}
                        presentation={lab.view.presentation}
                        on_select={on_select.clone()} on_link={Callback::noop()} on_action={on_twin_action.clone()}
                        holds_messages={false} />
                </div>
            }
        });
        let diagram = lab.shows(Panel::Diagram).then(|| {
            html! {
                <div class="area-diagram">
                    <Diagram snapshot={twin_diagram_input.0.clone()} events={twin_diagram_input.1.clone()} />
                </div>
            }
        });
        (picture.unwrap_or_default(), diagram.unwrap_or_default())
    });
    html! {
        <div {class}>
            if lab.view.panels.is_some() {
                <button class="btn small show-all" onclick={{ let cb = on_action.clone(); Callback::from(move |_: MouseEvent| cb.emit(Action::ShowAllPanels)) }}>
                    { "Show the whole lab" }
                </button>
            }
            if lab.shows(Panel::Controls) {
            <header class="top">
                <h1 title="A lease alone does not stop a zombie leader. Fencing tokens at the storage do.">{ "Fencing Lab" }</h1>
                <Toolbar
                    path_done={path_done}
                    playing={lab.run.playing}
                    speed={lab.view.speed}
                    scenario={lab.run.scenario.name.clone()}
                    choices={choices.clone()}
                    fencing={lab.fencing()}
                    barrier={lab.barrier()}
                    presentation={lab.view.presentation}
                    on_action={on_action.clone()} />
            </header>
            }
            if lab.shows(Panel::Timeline) {
            <TimelineBar now={clock_now} frontier={clock_frontier} later_actions={lab.commands_after_now()}
                compare={lab.run.twin.as_ref().map(|t| t.knob)} scale_end={fencing_sim::SimTime::from_ms(lab.run.scenario.until_ms)}
                beats={beats} beat_stops={lab.view.beat_stops} on_action={on_action.clone()} />
            }
            if let Some(n) = &lab.talk.notice {
                <div class="notice" role="alert">
                    <p>{ n.clone() }</p>
                    <button class="btn small" onclick={on_dismiss}>{ "Dismiss" }</button>
                </div>
            }
            if lab.shows(Panel::Findings) {
                <FindingsStrip findings={snap.findings.clone()} now_text={now_text.clone()} on_action={on_action.clone()}
                    label={lab.run.twin.as_ref().map(|tw| format!("This run, {}", tw.knob.words(lab.config())))} />
                if let Some(tw) = &lab.run.twin {
                    <FindingsStrip findings={tw.snapshot.findings.clone()} {now_text} on_action={on_action.clone()}
                        label={Some(format!("Twin, {}", tw.differs()))} interactive={false} />
                }
            }
            // data-run: which continuous history the page shows (a new run, a seek or a fork
            // changes it), so a test can tell a history's own changes from a jump.
            <main class={classes!("grid", lab.run.twin.is_some().then_some("comparing"))} data-run={lab.run_id().to_string()}>
                if lab.shows(Panel::Picture) || lab.shows(Panel::Diagram) {
                <section class={classes!("stage", dv.then_some("diagram-view"))} aria-label="the cluster">
                    <div class="stage-bar" role="toolbar" aria-label="picture and fault tools">
                        <div class="tabs" role="group" aria-label="what the stage shows">
                            <button class={classes!("tab", (!dv).then_some("on"))} aria-pressed={(!dv).to_string()}
                                onclick={if dv { let cb = on_action.clone(); Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleDiagram)) } else { Callback::noop() }}>
                                { "Picture" }
                            </button>
                            <button class={classes!("tab", dv.then_some("on"))} aria-pressed={dv.to_string()} aria-keyshortcuts="D"
                                onclick={if dv { Callback::noop() } else { let cb = on_action.clone(); Callback::from(move |_: MouseEvent| cb.emit(Action::ToggleDiagram)) }}>
                                { "Space-time diagram (D)" }
                            </button>
                        </div>
                        <button class={classes!("btn", "small", (*tool == Some(Tool::Network)).then_some("on"))}
                            aria-expanded={(*tool == Some(Tool::Network)).to_string()} onclick={toggle_tool(Tool::Network)}>
                            { "▮ Network…" }
                        </button>
                        <button class="btn small" onclick={{ let cb = on_action.clone(); Callback::from(move |_: MouseEvent| cb.emit(Action::Heal)) }}
                            aria-keyshortcuts="H" title="Remove the wall and every cut (H)">{ "Heal" }</button>
                        <button class={classes!("btn", "small", (*tool == Some(Tool::Settings)).then_some("on"))}
                            aria-expanded={(*tool == Some(Tool::Settings)).to_string()} onclick={toggle_tool(Tool::Settings)}>
                            { "⚙ Settings…" }
                        </button>
                        <button class={classes!("btn", "small", (*tool == Some(Tool::Explore)).then_some("on"))}
                            aria-expanded={(*tool == Some(Tool::Explore)).to_string()} onclick={toggle_tool(Tool::Explore)}>
                            { "Break this…" }
                        </button>
                        <button class={classes!("btn", "small", lab.teaching.author.open.then_some("on"))} aria-expanded={lab.teaching.author.open.to_string()}
                            title="Write your own lesson on this run: pause, then add a line or a question there"
                            onclick={{ let cb = on_action.clone(); let open = lab.teaching.author.open;
                                Callback::from(move |_: MouseEvent| cb.emit(Action::Author(fencing_model::author::AuthorAction::Open(!open)))) }}>
                            { "✎ Make a lesson" }
                        </button>
                        <span class="hint">{ format!("Click a node (or press 0–{}) for its actions · drag one across the wall to split", lab.sim().node_count().saturating_sub(1)) }</span>
                    </div>
                    if let Some((twin_picture, twin_diagram)) = twin_stage {
                        <div class="compare-stage">
                            <div class="half" aria-label="this run">
                                <h3 class="half-title">{ format!("This run: {}", lab.run.twin.as_ref().map(|t| t.knob.words(lab.config())).unwrap_or_default()) }</h3>
                                { main_picture }
                                { main_diagram }
                            </div>
                            <div class="half twin" aria-label="the twin run">
                                <h3 class="half-title">{ format!("Twin: same seed and actions, {}", lab.run.twin.as_ref().map(|t| t.differs()).unwrap_or_default()) }</h3>
                                { twin_picture }
                                { twin_diagram }
                            </div>
                        </div>
                    } else {
                        { main_picture }
                        { main_diagram }
                    }
                </section>
                }
                <div class="side">
                    if let Some(a) = (*challenge).clone() {
                        <ChallengeCard link={a.won.as_ref().map(|w| io::url_with_fragment(&w.link))}
                            active={a} on_action={on_action.clone()} on_copy={on_copy.clone()} />
                    }
                    if let Some(end) = lesson_end.clone() {
                        <LessonEndCard {end} on_action={on_action.clone()} />
                    } else if let Some(q) = (*question).clone() {
                        <QuestionCard view={q} {settled} playing={lab.run.playing} on_action={on_action.clone()} />
                    }
                    if lab.teaching.author.open {
                        <AuthorPanel draft={lab.teaching.author.clone()} now={lab.now()} playing={lab.run.playing} on_action={on_action.clone()} />
                    }
                    if lab.shows(Panel::Narration) && !lab.teaching.author.open {
                    <NarrationPanel title={lab.teaching.written.title.clone()} view={narration}
                        scripted={!lab.run.scenario.faults.is_empty()} has_script={!lab.teaching.written.faults.is_empty()}
                        questions={lab.teaching.quiz.on()} has_questions={!lab.teaching.quiz.is_empty()}
                        on_action={on_action.clone()} />
                    }
                    if !lab.shows(Panel::Storage) {
                    } else if twin_panel.is_some() {
                        <div class="compare-pair">
                            <div class="compare-a"><StoragePanel {storage} title={storage_title} rows={storage_rows} draw={storage_draw} highlight={!very_fast} /></div>
                            { twin_panel.unwrap_or_default() }
                        </div>
                    } else {
                        <StoragePanel {storage} rows={storage_rows} draw={storage_draw} highlight={!very_fast} proof={proof_row} />
                    }
                </div>
                if lab.shows(Panel::More) && *below_ready {
                <div class="below">
                    <SharePanel {about} {link} on_action={on_action.clone()} {on_export_svg} {on_file} />
                    <EventLog events={log_events} rows={log_rows} old_term_refused={snap.findings.old_term_refused} />
                    <FurtherReading />
                </div>
                }
            </main>
            // The run's key events in words, for screen readers (rate-limited: `voice`).
            <div class="sr-only voice" role="log" aria-live="polite" aria-atomic="true" aria-label="what happens in the run">
                if let Some((n, text)) = &lab.run.voice.said {
                    <p key={n.to_string()}>{ text.clone() }</p>
                }
            </div>
            <div class="status-region" role="status" aria-live="polite">
                // Keyed by its text: a new message starts its fade-out afresh.
                <p key={status_text.clone()} class={classes!("status", lab.talk.error.is_some().then_some("error"))}>
                    { status_text.clone() }
                </p>
            </div>
            if *dragging {
                <div class="drop-zone" aria-hidden="true">
                    <p>{ "Drop a scenario (.json) or trace (.jsonl) file to open it" }</p>
                </div>
            }
            if lab.view.help_open {
                <HelpOverlay on_close={on_close_help} />
            }
            if lab.view.path_open {
                <PathPanel chapters={chapters.clone()} done={path_done} current={current_step}
                    on_action={on_action.clone()} />
            }
        </div>
    }
}
