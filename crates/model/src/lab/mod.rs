//! The lab's state, as parts with their own fields and work (`run`, `teaching`, `view`,
//! `talk`), and the router that applies an action to the parts it concerns.
//!
//! Invariants: the simulation changes only here; every user action that changes it is a
//! `Command` scheduled at the next whole millisecond of virtual time and recorded in
//! the timeline's commands, so scenario + seed + commands replays the run exactly. Play,
//! pause, speed, step, step back and seek are not commands. Acting in the past forks the
//! run (the timeline discards the commands after that point). In compare mode a twin
//! timeline runs the same commands with fencing the other way, on the same clock.

use crate::action::{Action, NodeCmd, Outgoing};
use crate::challenge::{self, Active, Standing, Watch, Won};
use crate::diagram::WINDOW_US;
use crate::event_ring::EventRing;
use crate::intent::{self, SplitPlan};
use crate::narration::{self, Departure, NarrationView};
use crate::pacing;
use crate::path::{Entry, Target};
use crate::progress::Progress;
use crate::share::{Imported, RunSpec};
use crate::timeline::{Budget, Timeline};
use fencing_sim::command::{ConfigPatch, NodeArgs, NodeRef, PauseArgs};
use fencing_sim::scenario::builtin;
use fencing_sim::{Command, Event, NodeId, Scenario, Sim, SimTime, TimedCommand};
use std::rc::Rc;

mod run;
mod talk;
mod teaching;
pub mod tools;
mod view;
pub use run::{Run, Twin};
pub use talk::Talk;
pub use teaching::Teaching;
pub use tools::{ExploreAction, Tools};
pub use view::View;

pub use crate::pacing::SPEEDS;
/// 1×, for a run without a story; a scenario's own comes from `pacing::default_speed`, and
/// slow motion eases the key moments (`pacing::slow_motion`).
pub const DEFAULT_SPEED: usize = 3;
/// The longest real time one frame may advance (a background tab must not jump ahead).
pub const MAX_FRAME_MS: f64 = 100.0;
pub const DEFAULT_SCENARIO: &str = "gc-pause-zombie";
/// The default scenario's key moment (its storage's first refusal), which sets its speed:
/// the page draws its first picture before the run that finds it (`Lab::opening`). A test
/// holds it to that run.
pub const DEFAULT_KEY_MOMENT: Option<SimTime> = Some(SimTime(18_868_379));

pub use crate::action::Knob;

/// The lab's state, by concern. Each part has its own fields and the work that touches
/// only them; `Lab::apply` routes an action to the parts it concerns. A new run replaces
/// `run` alone: what the person is learning, how they look at it and what they were told
/// stay with their parts.
#[derive(Clone, Debug)]
pub struct Lab {
    /// The run: its scenario, timeline, snapshot, recent events, twin and playback.
    pub run: Run,
    /// What is being learned: the scenario as written and its story, the lesson's
    /// questions, the challenge, the progress and the lesson being made.
    pub teaching: Teaching,
    /// How the person looks at the lab: selection, speed, panels, overlays, modes.
    pub view: View,
    /// What the lab says back: the status line, errors, notices and requests to the page.
    pub talk: Talk,
    /// The tools: the explorer's search, kept across runs.
    pub tools: Tools,
}

impl PartialEq for Lab {
    fn eq(&self, other: &Self) -> bool {
        self.run == other.run
            && self.teaching == other.teaching
            && self.view == other.view
            && self.talk == other.talk
            && self.tools == other.tools
    }
}

/// What the end of a lesson shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonEnd {
    pub title: String,
    pub total: usize,
    pub answered: usize,
    pub right: usize,
    /// Passed without an answer (closed, played past, or never reached by a teacher's
    /// jump): counted apart, never as wrong.
    pub skipped: usize,
    /// Revealed by a teacher without an answer.
    pub shown: usize,
    /// What the lesson showed: its file's `lesson.summary`, or else the story's last
    /// line so far.
    pub showed: String,
    /// The next step on the lesson path, with its title.
    pub next: Option<(Entry, String)>,
    /// The lesson is a step of the lesson path (with no next step, the path is done).
    pub on_path: bool,
}

impl LessonEnd {
    /// The score in a sentence: answers right of those answered, of all the questions.
    pub fn score_text(&self) -> String {
        let s = if self.total == 1 { "" } else { "s" };
        match (self.answered, self.shown) {
            (0, 0) if self.total == 1 => "You skipped the question.".into(),
            (0, 0) => format!("You skipped all {} questions.", self.total),
            (0, _) => format!("You answered none of the {} question{s}.", self.total),
            (a, _) => format!(
                "You answered {a} of {} question{s}, {} right.",
                self.total, self.right
            ),
        }
    }

    /// The questions not answered, told apart from wrong ones (none when the score says
    /// all were skipped).
    pub fn apart_text(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.skipped > 0 && (self.answered > 0 || self.shown > 0) {
            parts.push(format!("{} skipped", self.skipped));
        }
        if self.shown > 0 {
            parts.push(format!("{} revealed without an answer", self.shown));
        }
        (!parts.is_empty()).then(|| format!("{}: not counted as wrong.", parts.join(", ")))
    }
}

/// How far back a seek re-simulates with events kept: the diagram's window.
pub const SEEK_HISTORY_MS: u64 = WINDOW_US / 1000;
/// "Next key event" reads at most this many events (about a second in the page) before it
/// stops and says so: it is done at once, like a re-simulation (`timeline::Budget`).
pub const KEY_SEARCH_MAX_EVENTS: u64 = 1_000_000;

impl Lab {
    /// A fresh lab on the default scenario.
    pub fn new() -> Lab {
        Lab::with_scenario(builtin(DEFAULT_SCENARIO).expect("the default scenario is built in"))
    }

    /// The lab the page opens on: the default scenario, with its story as the file tells
    /// it. The run that places the story's anchored lines and questions (and compiles the
    /// simulation's code, in a fresh page) waits for the lab's first action of its own:
    /// the page sends `Action::TellStory` once its first picture is on screen.
    pub fn opening() -> Lab {
        let timeline =
            Timeline::new(builtin(DEFAULT_SCENARIO).expect("the default scenario is built in"));
        let written = Rc::new(timeline.scenario().clone());
        Lab::with_teaching(timeline, Teaching::untold(written, DEFAULT_KEY_MOMENT))
    }

    pub fn with_scenario(scenario: Scenario) -> Lab {
        Lab::with_timeline(Timeline::new(scenario))
    }

    fn with_timeline(timeline: Timeline) -> Lab {
        let teaching = Teaching::of(Rc::new(timeline.scenario().clone()));
        Lab::with_teaching(timeline, teaching)
    }

    fn with_teaching(timeline: Timeline, teaching: Teaching) -> Lab {
        let speed = pacing::default_speed(teaching.story.key_moment());
        Lab {
            run: Run::new(timeline, 0),
            teaching,
            view: View::new(speed),
            talk: Talk::default(),
            tools: Tools::default(),
        }
    }

    /// The story's beats (the moments its lines come) while the run follows its script;
    /// none once it departs, for then they are not this run's moments.
    pub fn beats(&self) -> &[(SimTime, String)] {
        if self.departure().is_none() {
            self.teaching.story.lines()
        } else {
            &[]
        }
    }

    /// The first beat after now and no later than `t`, if stopping at beats.
    fn beat_stop(&self, t: SimTime) -> Option<SimTime> {
        let now = self.now();
        if !self.view.beat_stops {
            return None;
        }
        self.beats()
            .iter()
            .map(|(at, _)| *at)
            .find(|at| *at > now && *at <= t)
    }

    /// The virtual speed now: the chosen one, or slower while a key moment is on screen.
    pub fn pace(&self) -> f64 {
        let s = self.speed_factor();
        self.run.slow.map_or(s, |m| s.min(m.cap))
    }

    pub fn speed_factor(&self) -> f64 {
        SPEEDS[self.view.speed.min(SPEEDS.len() - 1)]
    }
    pub fn now(&self) -> SimTime {
        self.run.timeline.now()
    }
    /// The furthest time this run has reached: the end of the scrubber.
    pub fn frontier(&self) -> SimTime {
        self.run.timeline.frontier()
    }
    /// The user's commands in the order given, each at the virtual millisecond it ran.
    pub fn commands(&self) -> &[TimedCommand] {
        self.run.timeline.commands()
    }
    /// How many later commands acting now would discard (looking at the past).
    pub fn commands_after_now(&self) -> usize {
        self.run.timeline.commands_after_now()
    }
    pub fn sim(&self) -> &Sim {
        self.run.timeline.sim()
    }
    pub fn trace_hash(&self) -> String {
        self.run.timeline.sim().trace_hash().hex()
    }
    pub fn fencing(&self) -> bool {
        self.sim().config().fencing
    }
    pub fn barrier(&self) -> bool {
        self.sim().config().barrier
    }
    pub fn config(&self) -> &fencing_sim::Config {
        self.sim().config()
    }
    pub fn current_leader(&self) -> Option<NodeId> {
        self.sim().current_leader()
    }
    pub fn run_id(&self) -> u64 {
        self.run.id
    }

    /// The scenario with its faults plus the user's commands: the run, replayable.
    pub fn as_scenario(&self) -> Scenario {
        self.run.timeline.as_scenario()
    }

    /// The scenario file that reruns this run up to now (commands after now left out).
    pub fn scenario_until_now(&self) -> Scenario {
        self.run.timeline.as_scenario_until_now()
    }

    /// The trace up to now, as JSON Lines with a header. Re-simulates from the start
    /// with events kept (the lab keeps only a window of recent events); the caller makes
    /// sure `now` is on a whole millisecond (see `MakeShareLink`), or the file's scenario
    /// would stop short of it.
    ///
    /// Work done at once, on `Budget::replay`: a run too heavy for it (whose file would
    /// be gigabytes anyway) is refused with `TooHeavy`'s words.
    pub fn export_trace(&self) -> Result<String, String> {
        let s = self.scenario_until_now();
        let mut sim = Sim::new(&s);
        Budget::replay()
            .run(&mut sim, self.now())
            .map_err(|e| e.to_string())?;
        Ok(crate::share::export_trace(&s, &sim.drain_events()))
    }

    fn restart(&mut self, scenario: Scenario) {
        self.restart_with(Timeline::new(scenario));
    }

    /// A new run: the run part replaced; the lesson, the view and the talk told so.
    fn restart_with(&mut self, timeline: Timeline) {
        let knob = self.run.twin.as_ref().map(|t| t.knob);
        self.run = Run::new(timeline, self.run.id + 1);
        self.teaching.restart();
        self.view.restart(self.sim().node_count());
        self.talk.restart();
        if let Some(knob) = knob {
            self.start_twin(knob);
        }
        self.rebuild_challenge();
    }

    /// True if the twin runs; else the error says why not.
    fn start_twin(&mut self, knob: Knob) -> bool {
        match self.run.start_twin(knob) {
            Ok(()) => true,
            Err(e) => {
                self.talk.error = Some(format!("cannot compare this run: {e}"));
                false
            }
        }
    }

    /// New events of the run: told to the voice and judged by the challenge. True if they
    /// reach the challenge's goal (the run then stops there).
    fn hear(&mut self, events: &[Event]) -> bool {
        self.run.voice.hear(events);
        match &mut self.teaching.challenge {
            Some(a) if a.won.is_none() => {
                let was_spoiled = a.watch.spoiled();
                a.watch.observe_all(events);
                if !was_spoiled {
                    if let Standing::Spoiled(why) = a.watch.standing() {
                        // Lost here and now: stop, so the student reads why.
                        self.run.stop();
                        self.talk.status = format!(
                            "This attempt can no longer win: {why}. Try again (Shift+R) starts afresh."
                        );
                    }
                }
                self.settle_challenge(true)
            }
            _ => false,
        }
    }

    /// The challenge's watch over this run from its start to now, worked out again (after a
    /// seek or a new run, whose events are not all in the window).
    fn rebuild_challenge(&mut self) {
        let Some(goal) = self.teaching.challenge.as_ref().map(|a| a.challenge.goal) else {
            return;
        };
        let s = self.run.timeline.as_scenario_until_now();
        let mut watch = Watch::new(goal, &s);
        let mut sim = Sim::new(&s);
        watch.observe_all(&sim.drain_events());
        let now = self.now();
        // Work done at once, on a budget: a run too heavy to watch again is not judged.
        let mut budget = Budget::replay();
        while sim.now() < now {
            let next = SimTime(sim.now().0.saturating_add(5_000_000)).min(now);
            let reached = budget.run(&mut sim, next);
            watch.observe_all(&sim.drain_events());
            if reached.is_err() {
                let heavy = crate::timeline::TooHeavy { until: now };
                let why = format!("it cannot be judged again from its start: {heavy}");
                // The challenge's card says why (the seek's own status says where it went).
                watch.cannot_judge(why);
                self.run.stop();
                break;
            }
        }
        if let Some(a) = &mut self.teaching.challenge {
            a.watch = watch;
        }
        self.settle_challenge(false);
    }

    /// Once the watch sees the goal reached: stop, make the link to this run at that moment
    /// and, when it was reached here and now (`live`, not re-simulated from a link), keep
    /// the win in the progress. True if it was just reached.
    fn settle_challenge(&mut self, live: bool) -> bool {
        let Some(a) = &self.teaching.challenge else {
            return false;
        };
        let (at, how) = match a.watch.standing() {
            Standing::Won { at, how } if a.won.is_none() => (at, how),
            _ => return false,
        };
        let id = a.challenge.id;
        let at_ms = at.0.div_ceil(1000);
        let link = crate::share::encode_link(&RunSpec {
            scenario: (*self.run.scenario).clone(),
            commands: self
                .commands()
                .iter()
                .filter(|c| c.at_ms <= at_ms)
                .cloned()
                .collect(),
            at_ms,
        });
        if live {
            self.teaching.progress.won(id, at_ms, link.clone());
            self.run.stop();
            // The win is the story now: a node's actions step aside.
            self.view.actions_open = false;
        }
        self.talk.status = format!("Challenge done: {how}.");
        if let Some(a) = &mut self.teaching.challenge {
            a.won = Some(Won { at, how, link });
        }
        true
    }

    fn start_challenge(&mut self, c: &'static challenge::Challenge) {
        let s = c.scenario();
        self.teaching.challenge = Some(Active::new(c));
        self.restart(s.clone());
        self.set_written(s);
        self.view.path_open = false;
        self.talk.notice = None;
        self.talk.status = format!("Challenge: {}", c.title);
    }

    /// Opens a step of the lesson path: a built-in lesson (at one of its questions, if
    /// given) or a challenge.
    fn open_target(&mut self, target: Target) {
        match target {
            Target::Challenge(c) => self.start_challenge(c),
            Target::Lesson { name, question } => {
                self.teaching.challenge = None;
                self.apply(Action::Load(name.to_string()));
                self.view.path_open = false;
                if let Some(i) = question {
                    self.teaching.quiz.set_on(true);
                    self.ask_checkpoint(i);
                }
            }
        }
    }

    /// The run's new events heard (voice, challenge) and kept; the picture brought up to
    /// date.
    fn refresh(&mut self) {
        let events = self.run.timeline.drain_events();
        self.hear(&events);
        self.run.keep(events);
        self.run.refresh();
    }

    fn advance_to(&mut self, t: SimTime) {
        let end = SimTime::from_ms(self.run.scenario.until_ms);
        let mut t = t;
        // A question of the lesson comes first: stop at its moment and ask (only while the
        // run follows its script, which the answers are about).
        let stop = self
            .teaching
            .quiz
            .next_stop(self.now(), t)
            .filter(|_| self.departure().is_none());
        if let Some((i, at)) = stop {
            t = at;
            self.teaching.quiz.ask(i);
            // A new question takes over from an earlier one's proof still to come.
            self.teaching.proof_stop = None;
            self.run.stop();
            self.talk.status = if self.view.by_finger() {
                "A question: what happens next? Tap your answer.".into()
            } else {
                "A question: what happens next? Answer with its number key or a click.".into()
            };
        } else if let Some(p) = self
            .teaching
            .proof_stop
            .clone()
            .filter(|p| p.at > self.now() && p.at <= t)
        {
            t = p.at;
            self.teaching.proof_stop = None;
            self.run.stop();
            self.talk.status = format!(
                "What settles it, at {} s: {}{}",
                crate::describe::stamp(p.at),
                p.text,
                if p.write.is_some() {
                    " (marked in the storage table)"
                } else {
                    ""
                }
            );
        } else if let Some(at) = self.beat_stop(t) {
            t = at;
            self.run.stop();
            self.talk.status = format!(
                "stopped at the story's beat at {} s; press Space to play on",
                crate::describe::stamp(at)
            );
        }
        if !self.run.ended && self.now() < end && t >= end {
            t = end;
            self.run.ended = true;
            self.run.stop();
            self.talk.status = format!(
                "The scenario's {} s are over; press play to keep going.",
                self.run.scenario.until_ms / 1000
            );
        }
        let t = self.run_to(t);
        if let Some(tw) = &mut self.run.twin {
            tw.timeline.advance_to(t);
        }
        self.refresh();
    }

    /// Runs the timeline to `t`. Playing faster than slow motion's gentlest pace, it goes
    /// event time by event time and stops early at an event that starts slow motion
    /// (`pacing::starts_slow_motion`), so a key moment is never skipped inside one frame.
    /// Returns where it stopped.
    fn run_to(&mut self, t: SimTime) -> SimTime {
        if !self.run.playing || self.pace() <= pacing::GENTLEST {
            self.run.timeline.advance_to(t);
            return self.now();
        }
        while let Some(at) = self.run.timeline.step(t) {
            let granted = self.run.timeline.sim().lease_store().term();
            let events = self.run.timeline.drain_events();
            let slow = events
                .iter()
                .any(|e| pacing::starts_slow_motion(e, granted));
            let won = self.hear(&events);
            self.run.keep(events);
            // Won, or lost (the challenge stopped the run to say why): stop right there.
            if slow || won || !self.run.playing {
                self.run.carry_us = 0.0;
                return at;
            }
        }
        self.run.timeline.advance_to(t);
        self.now()
    }

    fn tick(&mut self, elapsed_ms: f64) {
        if !self.run.playing {
            return;
        }
        let real = elapsed_ms.clamp(0.0, MAX_FRAME_MS);
        let due = real * 1000.0 * self.pace() + self.run.carry_us;
        let whole = due.floor();
        self.run.carry_us = due - whole;
        if whole >= 1.0 {
            let t = SimTime(self.now().0 + whole as u64);
            self.advance_to(t);
        }
        self.run.voice.tick(real);
    }

    /// Schedules `fault` at the next whole millisecond, runs to it and records it. In
    /// the past, this forks the run: the commands after it are discarded.
    fn command(&mut self, fault: Command) {
        let discarded = self.commands_after_now();
        let forked = self.now() < self.frontier();
        match self.run.timeline.command(fault.clone()) {
            Ok(at) => {
                if let Some(tw) = &mut self.run.twin {
                    // The twin may refuse what this run accepted only if it has no
                    // leader to name; the fault is then skipped there, as in a file.
                    let _ = tw.timeline.command(tw.knob.mirrored(fault.clone()));
                }
                self.talk.error = None;
                self.talk.status = format!(
                    "at {} s: {}",
                    crate::describe::stamp(at),
                    crate::describe::command_words(&fault)
                );
                if forked {
                    self.talk.status.push_str(&format!(
                        " — the run forked here: {discarded} later action{} discarded",
                        if discarded == 1 { " was" } else { "s were" }
                    ));
                }
                if self.now() < SimTime::from_ms(self.run.scenario.until_ms) {
                    self.run.ended = false;
                }
                self.refresh();
            }
            Err(e) => {
                self.talk.error = Some(e.to_string());
                self.talk.status = format!(
                    "could not do that ({}): {e}",
                    crate::describe::command_words(&fault)
                );
            }
        }
    }

    /// Runs on, event time by event time, to the next key event (at most two minutes of
    /// virtual time, and no further than a lesson question, which is then asked).
    fn next_key_event(&mut self) {
        self.run.stop();
        let now = self.now();
        let end = SimTime(now.0 + 120_000_000);
        let question = self
            .teaching
            .quiz
            .next_stop(now, end)
            .filter(|_| self.departure().is_none())
            .map(|(_, at)| at);
        let limit = question.map_or(end, |q| SimTime(q.0.saturating_sub(1)).max(now));
        let mut found = None;
        // Events read on the way: the search is done at once, so it stops at a budget, as
        // a re-simulation does (settings like 1 ms heartbeats make millions a minute).
        let mut read = 0u64;
        let mut spent = false;
        while let Some(t) = self.run.timeline.step(limit) {
            let events = self.run.timeline.drain_events();
            read += events.len() as u64;
            spent = read >= KEY_SEARCH_MAX_EVENTS;
            found = events
                .iter()
                .find(|e| pacing::is_key_event(e))
                .map(crate::describe::event_text);
            self.hear(&events);
            self.run.keep(events);
            if found.is_some() || t >= limit || spent {
                break;
            }
        }
        if let Some(tw) = &mut self.run.twin {
            tw.timeline.advance_to(self.run.timeline.now());
        }
        match (found, question) {
            (Some(what), _) => {
                self.refresh();
                self.run.voice.speak();
                self.talk.status = format!("at {} s: {what}", crate::describe::stamp(self.now()));
            }
            (None, _) if spent => {
                self.refresh();
                self.talk.status = format!(
                    "nothing notable in the next {}; the search stopped there, after a million events (these settings make many), so the page keeps answering",
                    crate::describe::span_words(SimTime(self.now().0 - now.0))
                );
            }
            (None, Some(q)) => self.advance_to(q),
            (None, None) => {
                self.refresh();
                self.talk.status = "nothing notable happens in the next two minutes".into();
            }
        }
    }

    /// Teacher mode: goes to the next (or previous) checkpoint's moment, from the one on
    /// screen or else from the present, and asks it afresh. Only while the run follows its
    /// script, which the answers are about.
    fn go_to_checkpoint(&mut self, forward: bool) {
        if self.teaching.quiz.is_empty() {
            self.talk.status = "this scenario has no lesson questions".into();
            return;
        }
        if self.departure().is_some() {
            self.talk.status =
                "this run has left its script; the questions are about the scripted run (Reset to go back)".into();
            return;
        }
        let now = self.now();
        let n = self.teaching.quiz.len();
        let target = match (self.teaching.quiz.open_index(), forward) {
            (Some(i), true) => (i + 1 < n).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
            (None, true) => (0..n).find(|i| self.teaching.quiz.moment(*i).is_some_and(|t| t > now)),
            (None, false) => (0..n)
                .rev()
                .find(|i| self.teaching.quiz.moment(*i).is_some_and(|t| t < now)),
        };
        let Some(i) = target else {
            self.talk.status = if forward {
                "no later question in this lesson".into()
            } else {
                "no earlier question in this lesson".into()
            };
            return;
        };
        self.ask_checkpoint(i);
    }

    /// Goes to checkpoint `i`'s moment (back or on) and asks it afresh.
    /// The end of the lesson, once every question has been asked and the last one's
    /// moment has come: the score, what it showed, and the next step on the path.
    pub fn lesson_end(&self) -> Option<LessonEnd> {
        // After the last card is put away (Continue past its settling moment, or Close).
        let settled = self.teaching.proof_stop.is_none() && !self.teaching.quiz.is_open();
        if !self.teaching.quiz.on()
            || !self.teaching.quiz.finished()
            || !settled
            || self.teaching.quiz.summary_closed()
        {
            return None;
        }
        if self.departure().is_some() {
            return None;
        }
        let tally = self.teaching.quiz.tally();
        let now = self.now();
        let summary = self
            .teaching
            .written
            .lesson
            .as_ref()
            .and_then(|l| l.summary.clone());
        let showed = summary.unwrap_or_else(|| {
            self.teaching
                .story
                .lines()
                .iter()
                .rev()
                .find(|(t, _)| *t <= now)
                .map(|(_, text)| text.clone())
                .unwrap_or_default()
        });
        let here = crate::path::entries()
            .find(|s| matches!(s, Entry::Scenario(n) if *n == self.teaching.written.name));
        let next = here.and_then(crate::path::next);
        Some(LessonEnd {
            title: self.teaching.written.title.clone(),
            total: tally.total,
            answered: tally.answered(),
            right: tally.right,
            skipped: tally.total - tally.answered() - tally.shown,
            shown: tally.shown,
            showed,
            next: next.map(|s| (s, s.title())),
            on_path: here.is_some(),
        })
    }

    fn ask_checkpoint(&mut self, i: usize) {
        let n = self.teaching.quiz.len();
        let Some(t) = self.teaching.quiz.moment(i) else {
            return;
        };
        self.teaching.quiz.close();
        self.teaching.proof_stop = None;
        self.run.stop();
        if t <= self.frontier() {
            self.seek(t);
        } else {
            // Running there asks the questions on the way; the one wanted is asked below.
            let on = self.teaching.quiz.on();
            self.teaching.quiz.set_on(false);
            self.advance_to(t);
            self.teaching.quiz.set_on(on);
        }
        self.teaching.quiz.ask_again(i);
        self.talk.status = format!(
            "question {} of {n}, at {} s",
            i + 1,
            crate::describe::stamp(t)
        );
    }

    /// Moves to the first moment of this run where `f` happened, paused there.
    fn go_to_finding(&mut self, f: pacing::Finding) {
        match self.run.timeline.first_time(|e| f.counts(e)) {
            Ok(Some(t)) => {
                self.run.playing = false;
                self.seek(t);
                self.talk.status =
                    format!("{} at {} s", f.first_words(), crate::describe::stamp(t));
            }
            Ok(None) => self.talk.status = format!("{}: none so far", f.first_words()),
            Err(heavy) => {
                self.talk.error = Some(format!(
                    "cannot look for {} from the run's start: {heavy}",
                    f.first_words()
                ))
            }
        }
    }

    fn step(&mut self) {
        self.run.stop();
        let limit = SimTime(u64::MAX);
        if let Some(t) = self.run.timeline.step(limit) {
            if let Some(tw) = &mut self.run.twin {
                tw.timeline.advance_to(t);
            }
            self.refresh();
            self.run.voice.speak();
            self.talk.status = format!("stepped to {}", crate::describe::moment(t));
        }
    }

    /// Moves the present to `t`: restores the nearest keyframe and re-simulates, keeping
    /// the last `SEEK_HISTORY_MS` of events for the log and the diagram.
    fn seek(&mut self, t: SimTime) {
        self.run.carry_us = 0.0;
        self.teaching.proof_stop = None;
        let t = t.min(self.frontier());
        self.run.timeline.seek(t, SEEK_HISTORY_MS);
        self.run.id += 1;
        if let Some(tw) = &mut self.run.twin {
            tw.timeline.seek(t, SEEK_HISTORY_MS);
            tw.events = EventRing::new(self.run.id);
        }
        self.run.events = EventRing::new(self.run.id);
        self.run.ended = self.now() >= SimTime::from_ms(self.run.scenario.until_ms);
        // The history re-simulated for the log is not news, nor new to the challenge.
        let challenge = self.teaching.challenge.take();
        self.refresh();
        self.teaching.challenge = challenge;
        self.rebuild_challenge();
        self.run.voice.hush();
    }

    fn step_back(&mut self) {
        self.run.playing = false;
        let now = self.now();
        // The latest event time at or before now; going to just before it undoes it.
        let last = self
            .run
            .events
            .iter()
            .rev()
            .map(|e| e.t)
            .find(|t| *t <= now && *t > SimTime::ZERO);
        let target = match last {
            Some(t) => SimTime(t.0 - 1),
            None => SimTime(now.0.saturating_sub(1)),
        };
        self.seek(target);
        self.talk.status = format!("stepped back to {}", crate::describe::moment(self.now()));
    }

    /// The tools the page shows: all of them with All tools on, else what the lesson or
    /// challenge on screen uses (`first_view`).
    pub fn tools(&self) -> crate::first_view::Tools {
        crate::first_view::Tools::shown(
            self.view.all_tools,
            &self.teaching.written,
            self.teaching.challenge.as_ref().map(|a| a.challenge),
        )
    }

    /// Whether the page shows panel `p` (all, unless a link chose some).
    pub fn shows(&self, p: crate::page_link::Panel) -> bool {
        self.view.shows(p)
    }

    /// Opens a link for slides (`page_link`): what it names, at its speed, in its mode,
    /// with its panels; whatever in it was not understood is named in a notice.
    fn open_page_link(&mut self, link: crate::page_link::PageLink) {
        use crate::page_link::Panel;
        if let Some(t) = link.target {
            self.open_target(t);
        }
        if let Some(q) = link.questions {
            self.teaching.quiz.set_on(q);
        }
        if let Some(s) = link.speed {
            self.view.speed = s;
        }
        if let Some(p) = link.present {
            self.view.presentation = p;
        }
        if let Some(p) = link.panels {
            // The diagram alone takes the picture's place.
            if p.contains(&Panel::Diagram) && !p.contains(&Panel::Picture) {
                self.view.diagram_view = true;
            }
            self.view.panels = Some(Rc::new(p));
        }
        if link.play == Some(true) && !self.teaching.quiz.asking() {
            self.apply(Action::Play);
        }
        if !link.problems.is_empty() {
            self.talk.notice = Some(format!(
                "This link was not fully understood: {}. The rest of it was applied.",
                link.problems.join("; ")
            ));
        }
    }

    /// Opens a shared run's link (`run=v2…`); a bad one leaves the run and a notice whose
    /// last words, `instead`, say what is shown.
    fn open_link(&mut self, fragment: &str, instead: &str) {
        match crate::share::decode_link(fragment) {
            Ok(spec) => self.open_run(spec),
            Err(e) => {
                self.talk.notice = Some(format!(
                    "This shared link could not be opened: {e}. {instead}"
                ))
            }
        }
    }

    fn open_run(&mut self, spec: RunSpec) {
        match Timeline::replay(
            spec.scenario.clone(),
            &spec.commands,
            SimTime::from_ms(spec.at_ms),
        ) {
            Ok(mut t) => {
                t.seek(t.now(), SEEK_HISTORY_MS);
                let n = spec.commands.len();
                // A challenge's winning run opens as that challenge, showing its win.
                let challenge = spec
                    .scenario
                    .name
                    .strip_prefix("challenge-")
                    .and_then(challenge::find);
                self.teaching.challenge = challenge.map(Active::new);
                let written = builtin(&spec.scenario.name).unwrap_or(spec.scenario);
                self.restart_with(t);
                self.set_written(written);
                self.talk.status = format!(
                    "opened a shared run: {} with {n} action{} at {}",
                    self.run.scenario.name,
                    if n == 1 { "" } else { "s" },
                    self.now()
                );
            }
            Err(e) => self.talk.notice = Some(format!("This run cannot be opened: {e}")),
        }
    }

    fn import(&mut self, name: &str, bytes: &[u8]) {
        match crate::share::import_file(name, bytes) {
            Ok(Imported::Scenario(s)) => {
                self.teaching.challenge = None;
                let title = s.name.clone();
                self.restart(s.clone());
                self.set_written(s);
                self.talk.notice = None;
                self.talk.status = format!("imported the scenario {title} from {name}");
            }
            Ok(Imported::Trace(header)) => {
                // Load the run by replaying the header's scenario; it must give the hash
                // the file promises, or the file is not what it says.
                let s = header.scenario;
                let mut t = match Timeline::replay(s.clone(), &[], SimTime::from_ms(s.until_ms)) {
                    Ok(t) => t,
                    Err(e) => {
                        self.talk.notice =
                            Some(format!("{name} was not loaded: {e}. The run is unchanged."));
                        return;
                    }
                };
                let hash = t.sim().trace_hash().hex();
                if hash != header.trace_hash {
                    self.talk.notice = Some(format!(
                        "{name}: replaying its scenario gives trace hash {hash}, but the file says {}: it was made by another version or edited; nothing was loaded",
                        header.trace_hash
                    ));
                    return;
                }
                t.seek(t.now(), SEEK_HISTORY_MS);
                let written = builtin(&s.name).unwrap_or(s);
                self.teaching.challenge = None;
                self.restart_with(t);
                self.set_written(written);
                self.talk.notice = None;
                self.talk.status = format!(
                    "imported the trace {name}: {} events, hash {hash}",
                    header.events
                );
            }
            Err(e) => self.talk.notice = Some(format!("Not loaded — {e}. The run is unchanged.")),
        }
    }

    /// A new scenario as written: its story is worked out again, and played at its pace.
    fn set_written(&mut self, written: Scenario) {
        if self.teaching.set_written(written) {
            self.view.speed = pacing::default_speed(self.teaching.story.key_moment());
        }
    }

    /// Where this run leaves the scenario as written, if it does (see `narration`).
    pub fn departure(&self) -> Option<Departure> {
        narration::departure(&self.teaching.written, &self.run.scenario, self.commands())
    }

    /// The narration panel's lines for the present, told from `events` (the whole ring, or
    /// a throttled copy of it while playing fast).
    pub fn narration(&self, events: &EventRing) -> NarrationView {
        let departure = self.departure();
        narration::view(
            &self.teaching.story,
            departure.as_ref(),
            self.teaching.written.faults.is_empty(),
            events,
            &self.run.snapshot,
            narration::Setting::of(self.config()),
        )
    }

    /// Pauses on a whole millisecond (going forward less than 1 ms): links and files
    /// name times in milliseconds, so they reproduce exactly this moment.
    fn align_to_ms(&mut self) -> SimTime {
        self.run.stop();
        let whole = SimTime::from_ms(self.now().0.div_ceil(1000));
        if whole > self.now() {
            self.advance_to(whole);
        }
        whole
    }

    fn send_download(&mut self, suffix: &str, mime: &'static str, text: String) {
        let name = format!(
            "{}-seed{}-{}ms.{suffix}",
            self.run.scenario.name,
            self.run.scenario.seed,
            self.now().as_ms()
        );
        self.talk.status = format!("saving {name}");
        self.talk.send(Outgoing::Download {
            name,
            mime,
            text: Rc::new(text),
        });
    }

    /// A step in making a lesson; saving, copying its link and playing it are done here.
    fn author(&mut self, a: crate::author::AuthorAction) {
        use crate::author::{AuthorAction, Then};
        if a == AuthorAction::Open(true) {
            self.run.stop();
        }
        let run = self.authoring_run();
        match self.teaching.author.apply(a, &run, self.now()) {
            Then::Nothing => {}
            Then::Save(s) => {
                let name = format!("{}.json", s.name);
                self.talk.status = format!("saving the lesson as {name}");
                self.talk.send(Outgoing::Download {
                    name,
                    mime: "application/json",
                    text: Rc::new(s.to_json_pretty()),
                });
            }
            Then::Link(s) => {
                let link = crate::share::encode_link(&RunSpec {
                    scenario: *s,
                    commands: Vec::new(),
                    at_ms: 0,
                });
                if link.len() > crate::share::LINK_BUDGET {
                    self.teaching.author.error = Some(format!(
                        "This lesson's link would be {} characters, over the {} that slides and learning platforms keep: save the lesson file instead and share that.",
                        link.len(),
                        crate::share::LINK_BUDGET
                    ));
                } else {
                    self.talk.status =
                        format!("a link to the lesson is ready ({} characters)", link.len());
                    self.talk.share_link = Some(link.clone());
                    self.talk.send(Outgoing::CopyLink(link));
                }
            }
            Then::Play(s) => {
                let title = s.title.clone();
                self.teaching.challenge = None;
                self.restart((*s).clone());
                self.set_written(*s);
                self.teaching.author.open = false;
                self.talk.status = format!("playing the lesson “{title}” from the start");
            }
        }
    }

    fn make_link(&mut self) {
        let whole = self.align_to_ms();
        let commands: Vec<TimedCommand> = self
            .commands()
            .iter()
            .filter(|c| c.at_ms <= whole.as_ms())
            .cloned()
            .collect();
        let link = crate::share::encode_link(&RunSpec {
            scenario: (*self.run.scenario).clone(),
            commands,
            at_ms: whole.as_ms(),
        });
        self.talk.status = format!(
            "a link to this run at {} is ready",
            crate::describe::moment(whole)
        );
        self.talk.share_link = Some(link.clone());
        self.talk.send(Outgoing::CopyLink(link));
    }

    /// Runs the scenario again without its scripted faults, or with them back.
    fn toggle_scripted_faults(&mut self) {
        let mut s = (*self.run.scenario).clone();
        if s.faults.is_empty() {
            if self.teaching.written.faults.is_empty() {
                self.talk.error = Some("this scenario has no scripted faults".into());
                return;
            }
            s.faults = self.teaching.written.faults.clone();
            if let Err(e) = s.validate() {
                self.talk.error = Some(format!("the scripted faults do not fit this run: {e}"));
                return;
            }
            self.restart(s);
            self.talk.status = "scripted faults on: the scenario runs as written".into();
        } else {
            s.faults.clear();
            self.restart(s);
            self.talk.status =
                "scripted faults off: nothing happens unless you make it happen".into();
        }
    }

    /// `actor` on `side`, the rest as the partition in force has them.
    fn place(&mut self, actor: fencing_sim::Actor, side: fencing_sim::network::Side) {
        let in_force = SplitPlan::in_force(&self.run.snapshot);
        let actors = self.actors();
        let plan = in_force.with(actor, side);
        match crate::wall::settle(&plan, &in_force, &actors) {
            Some(a) => self.apply(a),
            None => {
                self.talk.status = format!(
                    "{} stays {}: {}",
                    crate::describe::actor_name(actor),
                    crate::describe::side_words(side),
                    crate::wall::preview_words(&plan, &in_force, &actors)
                )
            }
        }
    }

    /// Every actor of the run: its nodes in order, the lease store, the storage.
    pub fn actors(&self) -> Vec<fencing_sim::Actor> {
        crate::layout::actors(self.run.snapshot.nodes.len())
    }

    /// Pauses, resumes, crashes or restarts `node` (a pause for the view's pause length
    /// unless until resumed).
    fn on_node(&mut self, node: NodeId, cmd: NodeCmd) {
        if node.0 >= self.sim().node_count() {
            self.talk.error = Some(format!("this run has no node n{}", node.0));
            return;
        }
        let node = NodeRef::Id(node);
        let args = NodeArgs { node };
        self.command(match cmd {
            NodeCmd::Pause {
                worst_moment,
                until_resumed,
            } => Command::Pause(PauseArgs {
                node,
                for_ms: (!until_resumed).then_some(self.view.pause_secs as u64 * 1000),
                after_lease_check: worst_moment,
            }),
            NodeCmd::Resume => Command::Resume(args),
            NodeCmd::Crash => Command::Crash(args),
            NodeCmd::Restart => Command::Restart(args),
        })
    }

    /// How to select a node, for a node's key pressed with none selected.
    fn node_needed(&self) -> String {
        format!(
            "select a node first: click it, or press its number (0–{})",
            self.sim().node_count().saturating_sub(1)
        )
    }

    fn toggle_fencing(&self) -> Command {
        Command::Set(ConfigPatch {
            fencing: Some(!self.fencing()),
            ..Default::default()
        })
    }
    fn toggle_barrier(&self) -> Command {
        Command::Set(ConfigPatch {
            barrier: Some(!self.barrier()),
            ..Default::default()
        })
    }
}

impl Default for Lab {
    fn default() -> Self {
        Lab::new()
    }
}

impl Lab {
    /// Whether `action` would change nothing the page shows, so the page may keep this
    /// lab as it is (no copy, no redraw): a frame while stopped, or the device's answers
    /// and the screen's size when the view already holds them (the page sends them as it
    /// starts: each was a copy of the lab and a redraw of the whole page before its first
    /// picture).
    pub fn unchanged_by(&self, action: &Action) -> bool {
        (matches!(action, Action::Tick(_)) && !self.run.playing)
            || (matches!(action, Action::TellStory) && self.teaching.story.is_told())
            || self.view.unchanged_by(action)
    }

    /// The reducer's work, on an owned lab (the tests drive it directly).
    pub fn apply(&mut self, action: Action) {
        self.reduce(action);
        // The lesson being made offers claims about the moment the run is paused at.
        if self.teaching.author.open
            && !self.run.playing
            && self.teaching.author.proposals.at_ms != self.now().as_ms()
        {
            let run = self.authoring_run();
            self.teaching.author.sync(&run, self.now());
        }
    }

    /// The run as a lesson is made of it: the scenario with the person's commands as
    /// faults, to the scenario's end at least.
    fn authoring_run(&self) -> Scenario {
        let mut run = self.as_scenario();
        run.until_ms = run.until_ms.max(self.run.scenario.until_ms);
        run
    }

    /// Routes `action`: to the view or the talk when it concerns them alone, else here.
    fn reduce(&mut self, action: Action) {
        if self.view.apply(&action, &mut self.talk)
            || self.talk.apply(&action)
            || self.tools.apply(
                &action,
                &self.run.scenario,
                self.run.timeline.sim().config(),
            )
        {
            return;
        }
        // The lab's own actions read the whole story (the view's, the talk's and the
        // tools' do not: the page's first facts about the screen come before it).
        self.teaching.tell_story();
        match action {
            Action::TellStory => {}
            Action::Tick(ms) => self.tick(ms),
            // The parts' own actions, handled above.
            Action::ToggleBeatStops
            | Action::ToggleDiagram
            | Action::ShowAllPanels
            | Action::ShowPath(_)
            | Action::ToggleAllTools
            | Action::SetSpeed(_)
            | Action::Faster
            | Action::Slower
            | Action::Dismiss
            | Action::OpenTool(_)
            | Action::ToggleTool(_)
            | Action::SetPauseSecs(_)
            | Action::TogglePresentation
            | Action::ToggleContrast
            | Action::ShowHelp(_)
            | Action::SetReducedMotion(_)
            | Action::SetTouch(_)
            | Action::FitScreen { .. }
            | Action::Notify(_)
            | Action::DismissNotice => {}
            Action::Explore(ExploreAction::Open) => match self.tools.found() {
                Some(s) => self.open_run(RunSpec {
                    scenario: s.clone(),
                    commands: Vec::new(),
                    at_ms: 0,
                }),
                None => self.talk.error = Some("the explorer has found nothing to open".into()),
            },
            Action::Explore(_) => {}
            Action::TogglePlay => {
                let play = !self.run.playing;
                self.apply(if play { Action::Play } else { Action::Stop });
            }
            Action::Play => {
                // Playing on past a question waiting for its answer skips it: the first
                // press says so and waits, the second skips.
                let n = self.teaching.quiz.open_index().map_or(0, |i| i + 1);
                if self.teaching.quiz.asking() && !self.teaching.quiz.confirm_skip() {
                    let options = self.teaching.quiz.view().map_or(0, |q| q.options.len());
                    self.talk.status = format!(
                        "Question {n}: {}",
                        crate::quiz::skip_words(options, self.view.by_finger())
                    );
                    return;
                }
                self.run.playing = true;
                self.talk.status = format!(
                    "playing at {}×",
                    fencing_sim::num::trimmed(self.speed_factor(), 3)
                );
                if self.teaching.quiz.asking() {
                    self.teaching.quiz.close();
                    self.talk.status = format!(
                        "question {n} skipped (counted as skipped, not wrong): the run plays on"
                    );
                } else if self.teaching.quiz.revealed() && self.teaching.proof_stop.is_none() {
                    // Its moment has been seen (or a never-claim has none): moving on.
                    self.teaching.quiz.close();
                }
            }
            Action::Stop => {
                self.run.stop();
                self.talk.status = format!("stopped at {}", crate::describe::moment(self.now()));
            }
            Action::Step => self.step(),
            Action::NextKeyEvent => self.next_key_event(),
            Action::GoToFinding(f) => self.go_to_finding(f),
            Action::StepBack => self.step_back(),
            Action::Seek(t) => {
                self.seek(t);
                self.talk.status = format!(
                    "at {} of {}",
                    crate::describe::moment(self.now()),
                    crate::describe::moment(self.frontier())
                );
            }
            Action::JumpTo(t) => {
                self.run.stop();
                if t <= self.frontier() {
                    self.seek(t);
                } else {
                    self.advance_to(t);
                }
                if !self.teaching.quiz.asking() {
                    self.talk.status = format!(
                        "at {} of {}",
                        crate::describe::moment(self.now()),
                        crate::describe::moment(self.frontier())
                    );
                }
            }
            Action::OpenRun(spec) => self.open_run(*spec),
            Action::OpenAddress(fragment) => match crate::page_link::parse(&fragment) {
                Some(link) => self.open_page_link(link),
                None => self.open_link(&fragment, "Showing the default scenario instead."),
            },
            Action::FollowAddress(fragment) => match crate::page_link::parse(&fragment) {
                Some(link) => self.open_page_link(link),
                None => self.open_link(&fragment, "The run you had is unchanged."),
            },
            Action::StartChallenge(id) => match challenge::find(&id) {
                Some(c) => self.start_challenge(c),
                None => self.talk.error = Some(format!("no challenge named {id}")),
            },
            Action::CloseWelcome { start } => {
                self.view.welcome = false;
                if let (true, Some(first)) = (start, crate::path::entries().next()) {
                    self.apply(Action::OpenEntry(first));
                }
            }
            Action::OpenEntry(entry) => match entry {
                Entry::Scenario(name) => self.open_target(Target::Lesson {
                    name,
                    question: None,
                }),
                Entry::Challenge(id) => self.apply(Action::StartChallenge(id.to_string())),
            },
            Action::ShowHint => match &mut self.teaching.challenge {
                Some(a) => {
                    a.hint = true;
                    self.talk.status = format!("Hint: {}", a.challenge.hint);
                }
                None => {
                    self.talk.status =
                        "no challenge is being tried (G opens the lesson path)".into()
                }
            },
            Action::LeaveChallenge => {
                if self.teaching.challenge.take().is_some() {
                    self.talk.status = "challenge left; the run goes on as free play".into();
                }
            }
            Action::SetProgress(p) => self.teaching.progress = p,
            Action::ResetProgress => {
                self.teaching.progress = Progress::default();
                self.talk.status =
                    "progress erased: every prediction and challenge is to do again".into();
            }
            Action::Import { name, bytes } => self.import(&name, &bytes),
            Action::MakeShareLink => self.make_link(),
            Action::ExportTrace => {
                self.align_to_ms();
                match self.export_trace() {
                    Ok(text) => self.send_download("trace.jsonl", "application/x-ndjson", text),
                    Err(e) => self.talk.error = Some(format!("cannot write this run's trace: {e}")),
                }
            }
            Action::ExportScenario => {
                self.align_to_ms();
                let text = self.scenario_until_now().to_json_pretty();
                self.send_download("scenario.json", "application/json", text);
            }
            Action::Author(a) => self.author(a),
            Action::ToggleCompare => self.apply(Action::Compare(Knob::Fencing)),
            Action::Compare(knob) => match self.run.twin.take() {
                Some(t) if t.knob == knob => self.talk.status = "compare off".into(),
                _ => {
                    if self.start_twin(knob) {
                        self.talk.status =
                            format!("compare: the same run with {} on and off", knob.name());
                    }
                }
            },
            Action::Load(name) => match builtin(&name) {
                Some(s) => {
                    let nodes = s.config.nodes;
                    self.teaching.challenge = None;
                    self.view.path_open = false;
                    self.restart(s.clone());
                    self.set_written(s);
                    self.talk.status = format!("loaded {name}: {nodes} nodes");
                }
                None => self.talk.error = Some(format!("no built-in scenario named {name}")),
            },
            Action::ToggleScriptedFaults => self.toggle_scripted_faults(),
            Action::Answer(choice) => {
                let question = self.teaching.quiz.open_index();
                self.teaching.proof_stop = question
                    .and_then(|i| self.teaching.quiz.proof(i))
                    .filter(|p| p.at > self.now());
                if let Some(right) = self.teaching.quiz.answer(choice) {
                    if let Some(i) = question {
                        self.teaching.progress.predicted(
                            &self.teaching.written.name,
                            i,
                            choice,
                            right,
                        );
                    }
                    self.talk.status = if right {
                        "Right. Read why, then Continue (Space) to watch it happen.".into()
                    } else {
                        "Not quite: read why, then Continue (Space) to watch what happens.".into()
                    };
                    // The reveal stays until the student moves on: Continue plays on to
                    // the moment that settles it.
                    self.run.stop();
                }
            }
            Action::NextCheckpoint => self.go_to_checkpoint(true),
            Action::PrevCheckpoint => self.go_to_checkpoint(false),
            Action::RevealAnswer => {
                if self.teaching.quiz.reveal() {
                    self.teaching.proof_stop = self
                        .teaching
                        .quiz
                        .open_index()
                        .and_then(|i| self.teaching.quiz.proof(i))
                        .filter(|p| p.at > self.now());
                    self.talk.status = "the answer, revealed".into();
                }
            }
            Action::ToggleQuestions => {
                let on = !self.teaching.quiz.on();
                self.teaching.quiz.set_on(on);
                self.talk.status = if on {
                    "questions on: the run stops to ask at each checkpoint".into()
                } else {
                    "questions off".into()
                };
            }
            Action::CloseSummary => self.teaching.quiz.close_summary(),
            Action::CloseQuestion => {
                let skipped = self.teaching.quiz.asking();
                self.teaching.quiz.close();
                if skipped {
                    self.talk.status = "question skipped".into();
                    self.run.playing = !self.run.ended;
                }
            }
            Action::SetSeed(seed) => {
                let mut s = (*self.run.scenario).clone();
                s.seed = seed;
                self.restart(s);
                self.talk.status = format!("restarted with seed {seed}");
            }
            Action::SetNodes(n) => {
                let mut s = (*self.run.scenario).clone();
                s.config.nodes = n.clamp(3, 7);
                if s.validate().is_ok() {
                    self.restart(s);
                    self.talk.status = format!("restarted with {n} nodes");
                } else {
                    self.talk.error = Some(format!("this scenario cannot run with {n} nodes"));
                }
            }
            Action::Reset => {
                let s = (*self.run.scenario).clone();
                self.restart(s);
                self.talk.status = "reset: back to the start".into();
            }
            Action::Select(n) => {
                self.view.selected = n.filter(|n| n.0 < self.sim().node_count());
                self.view.actions_open = self.view.selected.is_some();
            }
            Action::SelectLeader => {
                if let Some(l) = self.current_leader() {
                    self.view.selected = Some(l);
                    self.view.actions_open = true;
                }
            }
            Action::Command(f) => self.command(f),
            Action::ToggleFencing => self.command(self.toggle_fencing()),
            Action::ToggleBarrier => self.command(self.toggle_barrier()),
            Action::Node { node, cmd } => self.on_node(node, cmd),
            Action::NodeNeeded => self.talk.error = Some(self.node_needed()),
            Action::Heal => self.command(Command::Heal(Default::default())),
            Action::SetClockPpm { node, ppm } => {
                self.command(intent::clock_rate(node, ppm));
                let bound = self.config().drift_bound_ppm;
                if let (None, Some(w)) = (&self.talk.error, crate::clock::bound_warning(ppm, bound))
                {
                    self.talk.status = format!("{} — {w}", self.talk.status);
                }
            }
            Action::Split { side_b, both } => self.command(intent::split(&side_b, &both)),
            Action::Place { actor, side } => self.place(actor, side),
            Action::Nudge { actor, toward_b } => {
                let side = SplitPlan::in_force(&self.run.snapshot).side_of(actor);
                self.place(actor, crate::wall::step(side, toward_b))
            }
            Action::CutLink { from, to } => self.command(intent::cut_link(from, to)),
            Action::RestoreLink { from, to } => self.command(intent::restore_link(from, to)),
            Action::HoldLink { from, to } => self.command(intent::hold_link(from, to)),
            Action::HoldMessage(id) => {
                let found = {
                    let sim = self.sim();
                    let m = sim.in_flight().find(|m| m.id == id);
                    m.map(|m| (sim.will_hold(id, m.from, m.to), m.msg.label(), m.from, m.to))
                };
                match found {
                    None => self.talk.error = Some(format!("message #{id} is no longer in flight")),
                    Some((true, ..)) => {
                        self.talk.error = Some(format!("message #{id} will be held already"))
                    }
                    Some((false, label, from, to)) => {
                        self.command(intent::hold_message(id));
                        if self.talk.error.is_none() {
                            self.talk.status = format!(
                                "{} — {label} from {} will wait at {} until you release that link",
                                self.talk.status,
                                crate::describe::actor_name(from),
                                crate::describe::actor_name(to)
                            );
                        }
                    }
                }
            }
            Action::ReleaseLink { from, to, drop } => {
                if self.sim().holds(from, to) {
                    self.command(intent::release_link(from, to, drop))
                } else {
                    self.talk.error = Some(format!("the link {from} → {to} is not held"));
                }
            }
            Action::DelayLink { from, to, extra_ms } => {
                self.command(intent::delay_link(from, to, extra_ms))
            }
            Action::SetNetwork {
                latency_ms,
                drop_percent,
            } => self.command(Command::Set(ConfigPatch {
                latency_ms: Some(latency_ms),
                drop_percent: Some(drop_percent),
                ..Default::default()
            })),
            Action::SetConfig(patch) => {
                if patch == ConfigPatch::default() {
                    self.talk.status = "no setting changed".into();
                } else {
                    self.command(Command::Set(patch));
                }
            }
            Action::SetFirstToken(first) => {
                let mut s = (*self.run.scenario).clone();
                s.config.first_token = first;
                match s.validate() {
                    Ok(()) => {
                        self.restart(s);
                        self.talk.status = format!("restarted with the first token at {first}");
                    }
                    Err(e) => {
                        self.talk.error = Some(format!("cannot start with that first token: {e}"))
                    }
                }
            }
        }
    }

    /// Names of the built-in scenarios and their titles, in teaching order.
    pub fn scenario_choices() -> Vec<(&'static str, String)> {
        fencing_sim::scenario::BUILTIN_TITLES
            .iter()
            .map(|(n, title)| (*n, title.to_string()))
            .collect()
    }
}
