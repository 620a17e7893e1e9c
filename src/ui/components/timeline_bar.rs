//! The timeline: a scrubber over the run (dragging it seeks; past how far the run has gone,
//! it runs on to there), the story's beats as marks on it (click one to go to its moment),
//! stopping at each beat, step back one event, the compare switch, and — when looking at
//! the past — a plain warning that acting now forks the run and discards what came after.
//! Everything stays on one row, so nothing below it jumps when the warning comes and goes.
//! At its end, the All tools switch: without it (`first_view::Tools`) the beats are marks
//! only, and step back, the beat stops and the compare switches the lesson does not use
//! wait behind it, as do other tools across the page. (Here, not in the toolbar: the
//! scrubber gives it room, and the toolbar keeps one row.)

use fencing_model::describe::secs;
use fencing_model::lab::Knob;
use fencing_model::page::{beat_places, beat_words, fork_cost, scrub, scrub_target, track_css};
use fencing_model::Action;
use fencing_sim::SimTime;
use std::rc::Rc;
use yew::prelude::*;

/// The room a beat's mark takes on the track, in CSS pixels: `.timeline-bar .beat` is a
/// 12 px square turned 45°, 17 px wide, and a pixel between two is kept.
const BEAT_MARK_PX: u64 = 18;

#[derive(Properties, PartialEq)]
pub struct TimelineBarProps {
    pub now: SimTime,
    pub frontier: SimTime,
    /// Commands after now that acting now would discard.
    pub later_actions: usize,
    /// The setting the compare view flips, if it is on.
    pub compare: Option<fencing_model::lab::Knob>,
    /// The end of the scrubber's scale: the run so far, or the scenario's length if longer.
    pub scale_end: SimTime,
    /// Playing: the scrubber stands on a coarser grid (`page::scrub`).
    pub playing: bool,
    /// The story's beats: when each line of the narration comes, and the line.
    pub beats: Rc<Vec<(SimTime, String)>>,
    pub beat_stops: bool,
    /// The tools shown: what the lesson uses, or all.
    pub tools: fencing_model::first_view::Tools,
    pub on_action: Callback<Action>,
}

#[function_component(TimelineBar)]
pub fn timeline_bar(props: &TimelineBarProps) -> Html {
    let beats_track = use_node_ref();
    let track = crate::ui::hooks::use_width(beats_track.clone());
    let on_seek = {
        let (cb, frontier, scale_end) = (props.on_action.clone(), props.frontier, props.scale_end);
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Ok(ms) = el.value().parse::<u64>() {
                cb.emit(Action::JumpTo(scrub_target(ms, frontier, scale_end)));
            }
        })
    };
    let act = |a: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let scrub = scrub(props.now, props.frontier, props.scale_end, props.playing);
    let end_ms = scrub.max_ms;
    let tools = props.tools;
    // Beats too close to tell apart on this track (lines of the story 0.1 s apart) are
    // spread out, so that each can be seen and clicked.
    let gap = if track == 0 {
        0
    } else {
        BEAT_MARK_PX * 10_000 / u64::from(track)
    };
    let moments: Vec<u64> = props.beats.iter().map(|(t, _)| t.0 / 1000).collect();
    let places = beat_places(&moments, end_ms, gap);
    let marks = props
        .beats
        .iter()
        .zip(places)
        .enumerate()
        .map(|(i, ((t, line), place))| {
            let passed = *t <= props.now;
            let class = classes!("beat", passed.then_some("passed"));
            let style = format!("left: {}", track_css(place));
            if !tools.all {
                // A mark where the story speaks, not a control of its own.
                return html! { <span {class} {style} aria-hidden="true"></span> };
            }
            let words = beat_words(*t, line, props.now);
            html! {
                <button {class} {style} title={words.clone()}
                    aria-label={format!("story beat {}, at {words}", i + 1)}
                    onclick={act(Action::JumpTo(*t))}>
                </button>
            }
        })
        .collect::<Html>();
    let in_past = props.now < props.frontier;
    // The present and the run so far, in words, formatted once a frame.
    let (now_s, end_s) = (secs(props.now), secs(props.frontier));
    let n = props.later_actions;
    html! {
        <section class="timeline-bar" aria-label="Timeline">
            <div class="scrub">
                <label for="scrubber">{ "Time" }</label>
                <div class="track">
                    <input id="scrubber" type="range" class="scrubber" min="0" max={end_ms.to_string()} step="1"
                        value={scrub.value_ms.to_string()} oninput={on_seek}
                        aria-valuetext={format!("{now_s} of {end_s}")} />
                    <div class="run-so-far" style={format!("width: {}", scrub.run_so_far_css())} aria-hidden="true"></div>
                    <div class="beats" role="group" aria-label="the story's beats" ref={beats_track}>{ marks }</div>
                </div>
            </div>
            // Back and Latest after the time they move, in reading order on every screen
            // (a phone wraps the row under the scrubber, and focus follows what is seen).
            <span class="num scrub-time">{ format!("{now_s} / {end_s}") }</span>
            if tools.all {
            <button class="btn step-back" onclick={act(Action::StepBack)} aria-keyshortcuts="ArrowLeft"
                title="Go back to just before the previous event">{ "⇤ Back" }</button>
            }
            if in_past {
                <button class="btn small" onclick={act(Action::Seek(props.frontier))}>{ "⇥ Latest" }</button>
            }
            if !props.beats.is_empty() && tools.all {
                <button class="btn switch small" role="switch"
                    aria-checked={props.beat_stops.to_string()} onclick={act(Action::ToggleBeatStops)} aria-keyshortcuts="K"
                    title="Stop playing at each beat of the story (K)">
                    { "Stop at beats" }
                </button>
            }
            { for [(Knob::Fencing, tools.compare_fencing), (Knob::Barrier, tools.compare_barrier)]
                .into_iter().filter(|(k, shown)| *shown || props.compare == Some(*k)).map(|(k, _)| {
                let on = props.compare == Some(k);
                html! {
                    <button class="btn switch compare" role="switch"
                        aria-checked={on.to_string()} onclick={act(Action::Compare(k))}
                        title={format!("Run the same seed and actions with {} the other way, side by side", k.name())}>
                        { format!("⇆ Compare {}", k.name()) }
                    </button>
                }
            }) }
            if in_past {
                <p class="fork-warning" role="note"
                    title="Acting now forks the run: what came after this moment is discarded.">
                    { "⚠ Looking at the past: " }
                    <strong>{ fork_cost(n) }</strong>
                </p>
            }
            <button class="btn switch small all-tools" role="switch"
                aria-checked={tools.all.to_string()} onclick={act(Action::ToggleAllTools)}
                title="Show every tool, or only what this lesson uses">
                { "All tools" }
            </button>
        </section>
    }
}
