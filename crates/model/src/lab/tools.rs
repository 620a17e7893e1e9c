//! The tools part of the lab: the explorer ("Find a way to break this"), a search of random
//! fault schedules over the current run's settings (`fencing_sim::explore::Job`), then its
//! shrinking and write-up. It stays across runs: opening what it found replaces the run,
//! not the search.
//!
//! How the page drives it: `ExploreAction::Start` with a goal, a seed and a budget (the
//! panel's *Search*; the current run's scenario, fencing and barrier are the settings);
//! then, while `Tools::running`, one `ExploreAction::Work { runs }` per animation frame,
//! with as many runs as fit half a frame (`runs_for`, from how long the last slice took:
//! the page keeps the clock, the model never reads one); `Cancel` at any moment; `Open`
//! (routed by the lab, which replaces the run) once found; `Close` when the panel goes
//! away. Each frame the page reads `report` (with the real time it spent) and `found`.
//! The same seed and settings give the same result as `fencing-lab explore`.
//!
//! Where a Web Worker can start, the page runs the search there instead (`worker`): it
//! sends `request_text`, and each update the worker sends back comes in as
//! `ExploreAction::Heard`; the lab's own copy of the job then stays untouched, so if the
//! worker is lost (`WorkerLost`) the search goes on in slices from its start.

use crate::action::Action;
pub use crate::action::{ExploreAction, Search};
use crate::worker::{Request, Update};
use fencing_sim::explore::{Goal, Job, Phase, Settings};
use fencing_sim::{Config, Scenario};
use std::rc::Rc;

/// Schedules tried at most by a search started in the page.
pub const PAGE_BUDGET: u64 = 50_000;
/// The most schedules one search may be given.
pub const MAX_BUDGET: u64 = 1_000_000;
/// Real milliseconds of search a frame should take: half a 60 Hz frame, so the page keeps
/// the other half.
pub const SLICE_MS: f64 = 8.0;
/// The most runs one slice is given, however fast the last one went.
pub const MAX_RUNS: u32 = 1000;

/// The goal a search looks for unless another is chosen: what these settings leave open
/// (a stale write without fencing, the fencing gap without the barrier, else any violation).
pub fn default_goal(fencing: bool, barrier: bool) -> Goal {
    match (fencing, barrier) {
        (false, _) => Goal::Stale,
        (true, false) => Goal::Superseded,
        (true, true) => Goal::Violation,
    }
}

/// Runs for the next slice: as many as fit `SLICE_MS` at the pace the last slice went
/// (`last_runs` in `last_ms` of real time), at most four times as many as last time (a
/// clock too coarse to see the last slice counts as fast), between 1 and `MAX_RUNS`.
pub fn runs_for(last_runs: u32, last_ms: f64) -> u32 {
    let last = last_runs.max(1);
    let most = last.saturating_mul(4).min(MAX_RUNS);
    if last_ms <= 0.0 || !last_ms.is_finite() {
        return most;
    }
    let fit = (f64::from(last) * SLICE_MS / last_ms).floor();
    (fit.min(f64::from(most)) as u32).max(1)
}

/// A search under way or done.
#[derive(Clone, Debug)]
struct Going {
    search: Search,
    /// Shared between the lab's copies; copied only when a slice works on it.
    job: Rc<Job>,
    /// Slices worked or reports heard so far (none: the search is just starting).
    slices: u64,
    /// What the page sends a worker to run this search.
    request: Rc<str>,
    /// The worker's last report, while a worker runs the search.
    away: Option<Update>,
}

impl Going {
    fn tried(&self) -> u64 {
        self.away
            .as_ref()
            .map_or_else(|| self.job.tried(), |p| p.tried)
    }
    fn phase(&self) -> Phase {
        self.away
            .as_ref()
            .map_or_else(|| self.job.phase(), |p| p.phase)
    }
    fn shrinking(&self) -> Option<(u64, usize)> {
        self.away
            .as_ref()
            .map_or_else(|| self.job.shrinking(), |p| p.shrinking)
    }
    fn result(&self) -> Option<&Scenario> {
        match &self.away {
            Some(p) => p.result.as_ref(),
            None => self.job.result(),
        }
    }
}

/// The tools of the lab: the explorer.
#[derive(Clone, Debug, Default)]
pub struct Tools {
    /// The goal chosen in the panel; `None`: the default for the run's settings.
    chosen: Option<Goal>,
    going: Option<Going>,
    /// How many schedules a cancelled search had tried.
    cancelled: Option<u64>,
    /// Why the last start was refused.
    refused: Option<String>,
    /// Searches started so far (the page restarts its clock on a new one).
    started: u64,
}

/// What the panel says of the search.
#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    /// No search (never started, or put away).
    Idle,
    /// Started, no slice worked yet.
    Starting,
    Cancelled {
        tried: u64,
    },
    /// The search could not start: why.
    Refused(String),
    /// Searching, shrinking or done: the line to show, and the bar's percent of the budget
    /// while searching (or when nothing was found).
    Going {
        phase: Phase,
        words: String,
        bar_percent: Option<f64>,
    },
}

/// The schedule found, as the panel lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundView {
    /// "The shrunk schedule (3 nodes, 12 s of virtual time):"
    pub heading: String,
    /// Each fault, "at 4.2 s: pause the leader for 3 s".
    pub faults: Vec<String>,
}

impl Tools {
    /// The goal the panel shows: the one chosen, or the default for these settings.
    pub fn goal(&self, fencing: bool, barrier: bool) -> Goal {
        self.chosen
            .unwrap_or_else(|| default_goal(fencing, barrier))
    }

    /// The search the panel's *Search* starts: the goal shown, the seed of the last
    /// search (0 at first), the page's budget.
    pub fn next_search(&self, fencing: bool, barrier: bool) -> Search {
        Search {
            goal: self.goal(fencing, barrier),
            seed: self.going.as_ref().map_or(0, |g| g.search.seed),
            budget: PAGE_BUDGET,
        }
    }

    /// Whether a search is under way (the page gives it slices).
    pub fn running(&self) -> bool {
        self.phase()
            .is_some_and(|p| matches!(p, Phase::Searching | Phase::Shrinking))
    }

    /// Where the search stands, if there is one.
    pub fn phase(&self) -> Option<Phase> {
        self.going.as_ref().map(Going::phase)
    }

    /// Schedules tried by the search so far.
    pub fn tried(&self) -> u64 {
        self.going.as_ref().map_or(0, Going::tried)
    }

    /// What the page sends a Web Worker to run the search under way.
    pub fn request_text(&self) -> Option<Rc<str>> {
        self.going.as_ref().map(|g| g.request.clone())
    }

    /// Whether the search's last report came from a worker.
    pub fn in_worker(&self) -> bool {
        self.going.as_ref().is_some_and(|g| g.away.is_some())
    }

    /// The search under way or done, with its settings.
    pub fn search(&self) -> Option<Search> {
        self.going.as_ref().map(|g| g.search)
    }

    /// Searches started so far: a new number means a new search.
    pub fn started(&self) -> u64 {
        self.started
    }

    /// The schedule found, shrunk and written up as a scenario.
    pub fn found(&self) -> Option<&Scenario> {
        self.going.as_ref().and_then(Going::result)
    }

    /// The schedule found, as the panel lists it.
    pub fn found_view(&self) -> Option<FoundView> {
        self.found().map(|file| FoundView {
            heading: format!(
                "The shrunk schedule ({} nodes, {} s of virtual time):",
                file.config.nodes,
                file.until_ms / 1000
            ),
            faults: file
                .faults
                .iter()
                .map(|f| {
                    format!(
                        "at {:.1} s: {}",
                        f.at_ms as f64 / 1000.0,
                        f.command.describe()
                    )
                })
                .collect(),
        })
    }

    /// What the panel says of the search, `spent_ms` being the real time the page spent
    /// on it (for the rate).
    pub fn report(&self, spent_ms: f64) -> Report {
        if let Some(tried) = self.cancelled {
            return Report::Cancelled { tried };
        }
        if let Some(why) = &self.refused {
            return Report::Refused(why.clone());
        }
        let Some(g) = &self.going else {
            return Report::Idle;
        };
        if g.slices == 0 {
            return Report::Starting;
        }
        let tried = g.tried();
        let per_s = if spent_ms > 0.0 {
            tried as f64 * 1000.0 / spent_ms
        } else {
            0.0
        };
        let phase = g.phase();
        let words = match phase {
            Phase::Searching => format!("{tried} schedules tried, {per_s:.0} per second"),
            Phase::Shrinking => {
                let (runs, faults) = g.shrinking().unwrap_or_default();
                format!(
                    "found after {tried} schedules; shrinking: {runs} runs, {faults} fault{} left",
                    if faults == 1 { "" } else { "s" }
                )
            }
            Phase::Found => format!("found after {tried} schedules, shrunk to its essence"),
            Phase::NotFound => format!(
                "nothing found in {tried} schedules ({per_s:.0} per second): this run's settings hold up"
            ),
        };
        let bar_percent = matches!(phase, Phase::Searching | Phase::NotFound)
            .then(|| (tried as f64 * 100.0 / g.search.budget.max(1) as f64).min(100.0));
        Report::Going {
            phase,
            words,
            bar_percent,
        }
    }

    /// Does `action` if it is the explorer's, searching over `scenario` with the run's
    /// `config` (its fencing and barrier now); false if it is not (`Open` is the lab's).
    pub(super) fn apply(&mut self, action: &Action, scenario: &Scenario, config: &Config) -> bool {
        let Action::Explore(a) = action else {
            return false;
        };
        match a {
            ExploreAction::Choose(goal) => self.chosen = Some(*goal),
            ExploreAction::Start(search) => self.start(*search, scenario, config),
            ExploreAction::Again => {
                if let Some(g) = &self.going {
                    let search = Search {
                        seed: g.search.seed.wrapping_add(1),
                        ..g.search
                    };
                    self.start(search, scenario, config);
                }
            }
            ExploreAction::Work { runs } => self.work(*runs),
            ExploreAction::Heard { search, update } => self.heard(*search, update),
            ExploreAction::WorkerLost { search } => {
                let started = self.started;
                if let Some(g) = self.going.as_mut().filter(|_| *search == started) {
                    g.away = None;
                }
            }
            ExploreAction::Cancel => {
                if self.running() {
                    self.cancelled = Some(self.tried());
                    self.going = None;
                }
            }
            ExploreAction::Open => return false,
            ExploreAction::Close => *self = Tools::default(),
        }
        true
    }

    fn start(&mut self, search: Search, scenario: &Scenario, config: &Config) {
        self.cancelled = None;
        self.refused = None;
        if !(1..=MAX_BUDGET).contains(&search.budget) {
            self.going = None;
            self.refused = Some(format!(
                "cannot search {} schedules: the budget is 1 to {MAX_BUDGET}",
                search.budget
            ));
            return;
        }
        let settings = Settings {
            goal: search.goal,
            fencing: Some(config.fencing),
            barrier: Some(config.barrier),
            seed: search.seed,
            keep_faults: false,
        };
        let job = Job::new(scenario, settings, search.budget, &scenario.name);
        let request = Request {
            goal: search.goal,
            seed: search.seed,
            budget: search.budget,
            fencing: config.fencing,
            barrier: config.barrier,
            scenario: scenario.clone(),
        };
        self.started += 1;
        self.going = Some(Going {
            search,
            job: Rc::new(job),
            slices: 0,
            request: request.to_text().into(),
            away: None,
        });
    }

    /// A worker's update on search number `search` (an update on an earlier search, or
    /// after this one ended, is stale and ignored).
    fn heard(&mut self, search: u64, update: &Update) {
        if search != self.started || !self.running() {
            return;
        }
        if let Some(g) = self.going.as_mut() {
            g.away = Some(Update::clone(update));
            g.slices += 1;
        }
    }

    fn work(&mut self, runs: u32) {
        let Some(g) = self.going.as_mut() else {
            return;
        };
        if g.away.is_some() || matches!(g.job.phase(), Phase::Found | Phase::NotFound) {
            return;
        }
        let job = Rc::make_mut(&mut g.job);
        for _ in 0..runs {
            if job.work() {
                break;
            }
        }
        g.slices += 1;
    }
}

impl PartialEq for Tools {
    fn eq(&self, other: &Self) -> bool {
        let going = |t: &Tools| {
            t.going.as_ref().map(|g| {
                (
                    g.search,
                    g.slices,
                    g.tried(),
                    g.phase(),
                    g.shrinking(),
                    g.away.is_some(),
                )
            })
        };
        self.chosen == other.chosen
            && self.cancelled == other.cancelled
            && self.refused == other.refused
            && self.started == other.started
            && going(self) == going(other)
    }
}
