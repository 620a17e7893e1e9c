//! What a person can do to the lab (`Action`), and what the lab asks the page to do for
//! it outside the reducer (`Outgoing`). Actions say intent and name their subject ("crash n2",
//! "set node 2's clock to 95%"); the reducer turns those that change the run into commands.

use crate::share::RunSpec;
use fencing_sim::{Actor, Command, NodeId, SimTime};
use std::rc::Rc;

/// Something the page must do outside the reducer (copy a link, save a file), numbered so
/// the same request twice is done twice.
#[derive(Clone, Debug, PartialEq)]
pub enum Outgoing {
    CopyLink(String),
    Download {
        name: String,
        mime: &'static str,
        text: Rc<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A frame: real milliseconds since the last one.
    Tick(f64),
    /// Run the scenario as written to place its story's anchored lines and questions, if
    /// that is still to do (`Lab::opening`): the page sends it after its first picture.
    TellStory,
    TogglePlay,
    Play,
    Stop,
    /// Run every event at the next event time (and stop playing).
    Step,
    /// Go back to just before the latest event time before now (and stop playing).
    StepBack,
    /// Run on to the next key event (`pacing::is_key_event`: not heartbeats), and stop.
    NextKeyEvent,
    /// Go to the first moment of this run where a finding happened (and stop playing).
    GoToFinding(crate::pacing::Finding),
    /// Stop automatically at each of the story's beats, or not.
    ToggleBeatStops,
    /// Show the space-time diagram in the picture's place (on short screens), or not.
    ToggleDiagram,
    /// Move the present to this virtual time (clamped to how far the run has gone).
    Seek(SimTime),
    /// Go to this virtual time: back (a seek), or on past how far the run has gone (running
    /// to it, stopping at a lesson question on the way). Stops playing.
    JumpTo(SimTime),
    SetSpeed(usize),
    Faster,
    Slower,
    /// Load a built-in scenario by name (a new run).
    Load(String),
    /// Open a shared run: its scenario and commands, stopped at its moment.
    OpenRun(Box<RunSpec>),
    /// Open a link's fragment: a shared run, or a link for slides (`page_link`); a bad one
    /// leaves the run and raises a notice.
    OpenAddress(String),
    /// The address's fragment changed while the page was open (a link pasted into the
    /// address bar, or Back to an earlier one): opened as `OpenAddress` opens it, but a bad
    /// one leaves the run the person had, and says so.
    FollowAddress(String),
    /// A file picked or dropped: a scenario file or an exported trace. A bad one is
    /// refused with a notice and the run stays exactly as it was.
    Import {
        name: String,
        bytes: Rc<Vec<u8>>,
    },
    /// Show every panel again (after a link chose some).
    ShowAllPanels,
    /// Make the share link for the present moment (into `Talk::share_link`) and ask to copy
    /// it.
    MakeShareLink,
    /// Save the trace up to now as JSON Lines.
    ExportTrace,
    /// Save the scenario file that reruns this run up to now.
    ExportScenario,
    /// Put the end-of-lesson summary away.
    CloseSummary,
    /// Making a lesson in the page (see `author`).
    Author(crate::author::AuthorAction),
    /// The explorer: searching for what breaks this run's settings (see `lab::tools`).
    Explore(ExploreAction),
    /// Show a message until dismissed (e.g. a file refused before it was read).
    Notify(String),
    DismissNotice,
    /// Compare mode on or off: the same run with fencing on and off, side by side.
    ToggleCompare,
    /// Compare with this setting flipped in the other half (again: compare off; the
    /// other setting: switch to it).
    Compare(Knob),
    /// Start the run again with this seed.
    SetSeed(u64),
    /// Start the run again with this many nodes.
    SetNodes(u8),
    /// Start the current scenario again (seed and node count kept, commands dropped).
    Reset,
    /// Try a challenge (by id): its set-up, its goal watched.
    StartChallenge(String),
    /// Open a step of the lesson path.
    OpenEntry(crate::path::Entry),
    /// Show the challenge's hint.
    ShowHint,
    /// Stop trying the challenge; the run goes on.
    LeaveChallenge,
    /// The lesson path panel open or closed.
    ShowPath(bool),
    /// Show every tool, or only what the lesson on screen uses (kept by the page).
    ToggleAllTools,
    /// Close the first visit's welcome; `start`: open the first lesson of the path too.
    CloseWelcome {
        start: bool,
    },
    /// The progress the page read from the browser's storage.
    SetProgress(crate::progress::Progress),
    /// Erase the progress (predictions and challenges).
    ResetProgress,
    /// Answer the lesson's question on screen with this option (0-based).
    Answer(usize),
    /// Take the question card off the screen and play on (skipping it if unanswered).
    CloseQuestion,
    /// Ask the lesson's questions as the run reaches them, or not.
    ToggleQuestions,
    /// Teacher mode: go to the lesson's next (or previous) checkpoint and ask it afresh.
    NextCheckpoint,
    PrevCheckpoint,
    /// Teacher mode: show the answer of the question on screen without answering.
    RevealAnswer,
    /// Start again without the scenario's scripted faults (free play on its set-up), or
    /// with them back.
    ToggleScriptedFaults,
    Select(Option<NodeId>),
    /// Select the node leading now.
    SelectLeader,
    SetPauseSecs(u32),
    /// A change to the simulation as a ready command (for scripts and tests; the page's
    /// controls send the intents below, and the reducer builds their commands).
    Command(Command),
    ToggleFencing,
    ToggleBarrier,
    /// Pause, resume, crash or restart a node.
    Node {
        node: NodeId,
        cmd: NodeCmd,
    },
    /// A node's action asked for (by its key) with no node selected: says how to select one.
    NodeNeeded,
    Heal,
    /// Set a node's clock rate error in parts per million (−50,000 = 5% slow; the
    /// controls offer `clock::STEPS_PPM`).
    SetClockPpm {
        node: NodeId,
        ppm: i64,
    },
    /// Split the network: these actors on side B, these on both sides, the rest on A.
    Split {
        side_b: Vec<Actor>,
        both: Vec<Actor>,
    },
    /// Put one actor on a side of the wall (an actor dragged in the picture), the others
    /// staying where the partition in force has them: a split, a heal or nothing
    /// (`wall::settle`).
    Place {
        actor: Actor,
        side: fencing_sim::network::Side,
    },
    /// Move an actor one step across the wall (`wall::step`; keys < and > move the
    /// selected node).
    Nudge {
        actor: Actor,
        toward_b: bool,
    },
    /// Cut the link `from` → `to` (one way).
    CutLink {
        from: Actor,
        to: Actor,
    },
    /// Restore the link `from` → `to`.
    RestoreLink {
        from: Actor,
        to: Actor,
    },
    /// Delay every message on the link `from` → `to` by this much more (0: no delay).
    DelayLink {
        from: Actor,
        to: Actor,
        extra_ms: u64,
    },
    /// Hold the link `from` → `to`: its messages wait at its far end.
    HoldLink {
        from: Actor,
        to: Actor,
    },
    /// Hold one message in flight (clicked in the picture): it waits where it arrives
    /// until its link is released.
    HoldMessage(u64),
    /// Release the link `from` → `to`: what it held goes on in order, or (`drop`) is
    /// dropped.
    ReleaseLink {
        from: Actor,
        to: Actor,
        drop: bool,
    },
    /// Set the network's latency range and drop percentage.
    SetNetwork {
        latency_ms: [u64; 2],
        drop_percent: u8,
    },
    /// Change these settings from now on (a `set` command at the present): the keys
    /// given, as the settings panel's *Apply* sends those that differ.
    SetConfig(fencing_sim::command::ConfigPatch),
    /// Start the run again with the storage's first fencing token (and the first term) at
    /// this number.
    SetFirstToken(u64),
    TogglePresentation,
    /// Switch between the standard colours and high contrast (`theme`).
    ToggleContrast,
    ShowHelp(bool),
    /// Esc: close the shortcut list if open, else the lesson path, else the selected
    /// node's actions, else the open tool's panel.
    Dismiss,
    /// Open this tool's panel beside the stage (`None`: close it).
    OpenTool(Option<crate::first_view::Tool>),
    /// Open this tool's panel, or close it if it is the one open.
    ToggleTool(crate::first_view::Tool),
    SetReducedMotion(bool),
    /// The page's main pointer is a finger (`(pointer: coarse)`): the hints say tap.
    SetTouch(bool),
    /// The page's measure of the screen (CSS pixels): the stage's width and the window's
    /// height, from which the picture's fit is chosen (`layout::Fit`), the picture's width
    /// and height (0 if not drawn), where a node's actions fit (`page::place_actions`),
    /// and whether the story's column stands beside the stage (where they go instead).
    FitScreen {
        stage_px: u32,
        screen_h: u32,
        picture_px: (u32, u32),
        side_beside: bool,
    },
}

/// What a person does with the explorer.
#[derive(Clone, Debug, PartialEq)]
pub enum ExploreAction {
    /// The goal chosen in the panel, for the next search.
    Choose(fencing_sim::explore::Goal),
    /// Search the current run's settings (its scenario, fencing and barrier).
    Start(Search),
    /// The last search again with the next seed.
    Again,
    /// Do up to `runs` runs of the search (schedules tried or shrinking candidates); the
    /// page decides how many fit a frame (`runs_for`).
    Work { runs: u32 },
    /// A Web Worker's update on search number `search` (`Tools::started`): it runs the
    /// search instead of the page's slices.
    Heard {
        search: u64,
        update: Box<crate::worker::Update>,
    },
    /// The worker running search number `search` failed: the search goes on in slices.
    WorkerLost { search: u64 },
    /// Stop the search; what it tried is said.
    Cancel,
    /// Open the schedule found as a run (it replaces the run).
    Open,
    /// The panel went away: the search stopped and forgotten, the goal back to its default.
    Close,
}

/// A search's settings besides the run's own: what to look for, from which seed, and how
/// many schedules at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Search {
    pub goal: fencing_sim::explore::Goal,
    pub seed: u64,
    pub budget: u64,
}

/// What can be done to one node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeCmd {
    /// Pause it: for the view's pause length, or until resumed; optionally right after its
    /// next lease check (the worst moment).
    Pause {
        worst_moment: bool,
        until_resumed: bool,
    },
    Resume,
    Crash,
    Restart,
}

/// The setting the compare view flips for its other half.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Knob {
    Fencing,
    Barrier,
}

impl Knob {
    /// A command as the twin takes it: switching this knob switches the twin's the other
    /// way, so the two halves keep differing in it; anything else is the same.
    pub fn mirrored(self, c: fencing_sim::Command) -> fencing_sim::Command {
        use fencing_sim::Command;
        match c {
            Command::Set(mut p) => {
                match self {
                    Knob::Fencing => p.fencing = p.fencing.map(|v| !v),
                    Knob::Barrier => p.barrier = p.barrier.map(|v| !v),
                }
                Command::Set(p)
            }
            other => other,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Knob::Fencing => "fencing",
            Knob::Barrier => "barrier",
        }
    }

    /// The setting in `c`, in words: "fencing on", "barrier off"; fencing off shouts,
    /// "fencing OFF", as everywhere in the page (`derived::fencing_word`).
    pub fn words(self, c: &fencing_sim::Config) -> String {
        let word = match self {
            Knob::Fencing if !c.fencing => "OFF",
            Knob::Fencing => "on",
            Knob::Barrier if c.barrier => "on",
            Knob::Barrier => "off",
        };
        format!("{} {word}", self.name())
    }
}
