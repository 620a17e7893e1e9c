//! The Yew app: one root reducer (`state::LabState`, holding `fencing_model::Lab`), the
//! hooks that reach the browser (`hooks`: keys, files, the progress, theme and choices kept
//! in this browser, reduced motion and a finger for a pointer, the address's link, the
//! reducer's requests, animation frames) and the page's components, which draw what the
//! model gives them as props and send `Action`s back. `App` calls the hooks, asks the
//! model's `Readouts` what the slower panels show this frame, and lays out the page: the
//! top bar, the timeline, the findings, the stage, the side column and the panels below;
//! on a first visit, the welcome; and the one tooltip that explains the term hovered or
//! focused.

pub mod anim;
pub mod components;
pub mod hooks;
pub mod io;
pub mod search_worker;
pub mod state;

use components::event_log::EventLog;
use components::findings::{findings_strip, FindingsProps};
use components::help::HelpOverlay;
use components::path_panel::PathPanel;
use components::phone_tabs::PhoneTabs;
use components::reading::FurtherReading;
use components::share_panel::SharePanel;
use components::side_column::{side_column, SideColumnProps};
use components::stage::Stage;
use components::timeline_bar::TimelineBar;
use components::toolbar::Toolbar;
use fencing_model::derived;
use fencing_model::page::{self, StageView};
use fencing_model::page_link::Panel;
use fencing_model::Action;
use yew::prelude::*;

/// Where a dragged file can be dropped, while one is dragged over the page.
fn drop_zone(dragging: bool) -> Html {
    if !dragging {
        return Html::default();
    }
    html! {
        <div class="drop-zone" aria-hidden="true">
            <p>{ "Drop a scenario (.json) or trace (.jsonl) file to open it" }</p>
        </div>
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let lab = hooks::use_lab();
    let dispatch = lab.dispatcher();
    hooks::use_address_fragment(&dispatch);
    hooks::use_outgoing(&lab.talk.out, &dispatch);
    let on_file = hooks::use_file_reader(&dispatch);
    let dragging = hooks::use_file_drop(on_file.clone());
    hooks::use_device(&dispatch);
    hooks::use_keys(&lab);
    hooks::use_ticks(lab.run.playing, lab.pace(), &dispatch);

    // Callbacks made once: children with unchanged props then skip their redraw.
    let on_action = {
        let dispatch = dispatch.clone();
        use_callback((), move |a: Action, _| dispatch.dispatch(a))
    };
    let on_export_svg = hooks::use_export_svg(page::diagram_file_name(&lab), &dispatch);
    let on_dismiss = use_callback(on_action.clone(), |_: MouseEvent, on_action| {
        on_action.emit(Action::DismissNotice)
    });
    let on_close_help = use_callback(on_action.clone(), |_, on_action| {
        on_action.emit(Action::ShowHelp(false))
    });
    let on_copy = hooks::use_clipboard();
    let term_tip = hooks::use_term_tip();
    let (phone_tab, on_phone_tab) = components::phone_tabs::use_phone_tab();

    let choices = use_memo((), |_| fencing_model::Lab::scenario_choices());
    let (chapters, path_done) = hooks::use_path(&lab.teaching.progress, lab.view.path_open);
    // The panels below the fold (sharing, the log, further reading) come after the first
    // frame is drawn: the first render builds the cluster and what is on screen first. So
    // does the run that places the story's anchored lines and questions.
    let below_ready = hooks::use_first_paint_then(Some(dispatch.clone()));
    let (frame, shown) = hooks::use_readouts(&lab);
    let beats = hooks::use_beats(&lab);
    let cards = components::side_column::use_side_cards(&lab);

    let state = (*lab).clone();
    let snap = &lab.run.snapshot;
    let stage = StageView::of(&lab).shown();
    let now_text = derived::clock_text(&lab, frame.clock_now);
    let (findings_label, twin_findings_label) = page::findings_labels(&lab);
    let link = lab.talk.share_link.as_deref().map(io::url_with_fragment);
    let status_text = page::status_text(&lab);
    let current_entry = page::current_entry(&lab);
    let compare = lab.run.twin.as_ref().map(|t| t.knob);
    let scale_end = fencing_sim::SimTime::from_ms(lab.run.scenario.until_ms);
    let show_all = components::sends(&on_action, Action::ShowAllPanels);
    let tools = hooks::use_tools(&lab);
    // A phone (the model chose the tall picture): one thing at a time, behind tabs.
    let phone = lab.view.fit.shape == fencing_model::layout::Shape::Tall;
    let class = classes!(
        "lab",
        lab.view.presentation.then_some("presentation"),
        lab.view.theme.high_contrast().then_some("high-contrast"),
        lab.view.reduced_motion.then_some("reduced-motion"),
        phone.then_some("phone"),
        phone.then_some(phone_tab.class())
    );
    html! {
        <div {class}>
            if lab.view.panels.is_some() {
                <button class="btn small show-all" onclick={show_all}>
                    { "Show the whole lab" }
                </button>
            }
            if lab.shows(Panel::Controls) {
            <header class="top">
                <h1 title="A lease alone does not stop a zombie leader. Fencing tokens at the storage do.">{ "Fencing Lab" }</h1>
                <Toolbar {path_done} playing={lab.run.playing} speed={lab.view.speed}
                    scenario={lab.run.scenario.name.clone()} title={lab.run.scenario.title.clone()}
                    challenge={lab.teaching.challenge.is_some()} {choices} fencing={lab.fencing()}
                    barrier={lab.barrier()} presentation={lab.view.presentation} {tools}
                    on_action={on_action.clone()} />
            </header>
            }
            if lab.shows(Panel::Timeline) {
            <TimelineBar now={frame.clock_now} frontier={frame.clock_frontier} later_actions={lab.commands_after_now()}
                {compare} {scale_end} playing={lab.run.playing} {beats} beat_stops={lab.view.beat_stops} {tools} on_action={on_action.clone()} />
            }
            if let Some(n) = lab.talk.notice.clone() {
                <div class="notice" role="alert">
                    <p>{ n }</p>
                    <button class="btn small" onclick={on_dismiss}>{ "Dismiss" }</button>
                </div>
            }
            if phone {
                <PhoneTabs tab={phone_tab} diagram_view={lab.view.diagram_view}
                    on_tab={on_phone_tab} on_action={on_action.clone()} />
            }
            if lab.shows(Panel::Findings) {
                { findings_strip(FindingsProps { findings: snap.findings.clone(), now_text: now_text.clone(),
                    on_action: on_action.clone(), label: findings_label, interactive: true,
                    asking: lab.teaching.quiz.asking() }) }
                if let Some(tw) = &lab.run.twin {
                    { findings_strip(FindingsProps { findings: tw.snapshot.findings.clone(), now_text,
                        on_action: on_action.clone(), label: twin_findings_label, interactive: false,
                        asking: false }) }
                }
            }
            // data-run: which continuous history the page shows (a new run, a seek or a fork
            // changes it), so a test can tell a history's own changes from a jump.
            <main class={classes!("grid", lab.run.twin.is_some().then_some("comparing"))} data-run={lab.run_id().to_string()}>
                if stage {
                    <Stage lab={state.clone()} {tools} diagram={frame.diagram} twin_diagram={frame.twin_diagram}
                        diagram_shown={shown.diagram} on_action={on_action.clone()} />
                }
                { side_column(SideColumnProps { lab: &lab, cards, storage: frame.storage, narration: frame.narration,
                    storage_rows: frame.storage_rows, storage_draw: frame.storage_draw,
                    very_fast: frame.pace.very_fast, on_action: &on_action, on_copy: &on_copy }) }
                if lab.shows(Panel::More) && below_ready {
                <div class="below">
                    // A challenge not yet won keeps to its card (its win gives the link).
                    if tools.all || lab.teaching.challenge.as_ref().is_none_or(|a| a.won.is_some()) {
                    <SharePanel about={frame.about} {link} on_action={on_action.clone()} {on_export_svg} {on_file}
                        about_open={shown.about} />
                    }
                    <EventLog events={frame.log_events} rows={frame.log_rows} old_term_refused={snap.findings.old_term_refused}
                        asking={lab.teaching.quiz.asking()} />
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
                    { status_text }
                </p>
            </div>
            { drop_zone(dragging) }
            if lab.view.help_open {
                <HelpOverlay on_close={on_close_help} />
            }
            { components::welcome::welcome(lab.view.welcome, &on_action) }
            { components::term::tip_and_meanings(term_tip) }
            if lab.view.path_open {
                <PathPanel {chapters} done={path_done} current={current_entry}
                    on_action={on_action.clone()} />
            }
        </div>
    }
}
