//! The explorer as the lab's tools part: a search started over the run's settings, worked
//! in slices the page gives it, cancelled, found and opened as a run; the same seed gives
//! the same result as `fencing-lab explore` (and the golden line the core and the wasm
//! tests pin); bad settings are refused with a message.

use fencing_model::lab::tools::{
    default_goal, runs_for, Report, Search, MAX_RUNS, PAGE_BUDGET, SLICE_MS,
};
use fencing_model::lab::ExploreAction;
use fencing_model::worker::{Request, Update, WorkerJob};
use fencing_model::{Action, Lab};
use fencing_sim::explore::{Explorer, Goal, Phase, Settings};
use fencing_sim::scenario::{builtin, Scenario};
use fencing_sim::summary::run_to_end;

/// The line the core's and the wasm tests pin for a search of `gc-pause-zombie` for a
/// stale write with fencing off, seed 7.
const GOLDEN: &str = include_str!("../../../sim/tests/explore_golden.txt");

/// A lab on `gc-pause-zombie` with fencing switched off (as the `f` key does).
fn lab_fencing_off() -> Lab {
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::ToggleFencing);
    assert!(!lab.fencing() && !lab.barrier());
    lab
}

fn explore(lab: &mut Lab, a: ExploreAction) {
    lab.apply(Action::Explore(a));
}

fn stale(seed: u64, budget: u64) -> ExploreAction {
    ExploreAction::Start(Search {
        goal: Goal::Stale,
        seed,
        budget,
    })
}

/// Works the search one run a slice until it is done; the phases it went through, in order.
fn work_to_the_end(lab: &mut Lab) -> Vec<Phase> {
    let mut phases = Vec::new();
    for _ in 0..100_000 {
        if !lab.tools.running() {
            break;
        }
        explore(lab, ExploreAction::Work { runs: 1 });
        let p = lab.tools.phase().unwrap();
        if phases.last() != Some(&p) {
            phases.push(p);
        }
    }
    assert!(!lab.tools.running(), "the search ends");
    phases
}

/// What `fencing-lab explore gc-pause-zombie --goal stale --fencing off --barrier off
/// --seed S --budget B` does (`crates/cli/src/main.rs`, `explore_command`): search in
/// chunks of 100, shrink, write up under the target's name.
fn as_the_cli_does(seed: u64, budget: u64) -> Option<(u64, Scenario)> {
    let base = builtin("gc-pause-zombie").unwrap();
    let mut e = Explorer::new(
        &base,
        Settings {
            goal: Goal::Stale,
            fencing: Some(false),
            barrier: Some(false),
            seed,
            keep_faults: false,
        },
    );
    let mut found = false;
    while !found && e.tried() < budget {
        found = e.search((budget - e.tried()).min(100));
    }
    let (shrunk, _) = e.shrink(e.found()?.clone());
    Some((e.tried(), e.write_up(&shrunk, "gc-pause-zombie")))
}

#[test]
fn a_search_worked_in_slices_searches_then_shrinks_then_has_found() {
    let mut lab = lab_fencing_off();
    assert_eq!(lab.tools.report(0.0), Report::Idle);
    explore(&mut lab, stale(7, 300));
    assert!(lab.tools.running());
    assert_eq!(lab.tools.report(0.0), Report::Starting);
    let phases = work_to_the_end(&mut lab);
    assert_eq!(
        phases,
        [Phase::Searching, Phase::Shrinking, Phase::Found],
        "one run a slice shows each phase"
    );
    let found = lab.tools.found().expect("found");
    assert_eq!(found.name, "explored-stale");
    assert!(!found.config.fencing);
    let Report::Going { words, .. } = lab.tools.report(100.0) else {
        panic!("a report of the search")
    };
    assert_eq!(
        words,
        format!(
            "found after {} schedules, shrunk to its essence",
            lab.tools.tried()
        )
    );
    // The run was not touched by the search.
    assert_eq!(lab.run.scenario.name, "gc-pause-zombie");
}

#[test]
fn the_same_seed_gives_the_result_of_the_cli_and_of_the_golden_line() {
    let mut lab = lab_fencing_off();
    explore(&mut lab, stale(7, 300));
    // Big slices and small ones: the slicing does not change the result.
    while lab.tools.running() {
        explore(&mut lab, ExploreAction::Work { runs: 7 });
    }
    let (tried, file) = as_the_cli_does(7, 300).expect("the CLI finds it");
    assert_eq!(lab.tools.tried(), tried);
    assert_eq!(lab.tools.found(), Some(&file));
    let line = format!(
        "gc-pause-zombie stale fencing-off seed 7: tried {tried}, trace hash {}",
        run_to_end(&file).0.trace_hash().hex()
    );
    assert_eq!(GOLDEN.trim_end(), line);
    // Another seed, another search: the same as the CLI's with that seed too.
    explore(&mut lab, stale(3, 500));
    work_to_the_end(&mut lab);
    let (tried, file) = as_the_cli_does(3, 500).expect("the CLI finds it");
    assert_eq!((lab.tools.tried(), lab.tools.found()), (tried, Some(&file)));
}

#[test]
fn cancel_stops_the_search_and_says_how_far_it_got() {
    // Fencing and the barrier on: nothing breaks, so the search goes on until cancelled.
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::ToggleBarrier);
    let search = lab.tools.next_search(lab.fencing(), lab.barrier());
    assert_eq!(
        search,
        Search {
            goal: Goal::Violation,
            seed: 0,
            budget: PAGE_BUDGET
        }
    );
    explore(&mut lab, ExploreAction::Start(search));
    for _ in 0..3 {
        explore(&mut lab, ExploreAction::Work { runs: 2 });
    }
    assert_eq!(lab.tools.tried(), 6);
    let Report::Going {
        phase,
        words,
        bar_percent,
    } = lab.tools.report(3.0)
    else {
        panic!("a report of the search")
    };
    assert_eq!(phase, Phase::Searching);
    assert_eq!(words, "6 schedules tried, 2000 per second");
    assert!(bar_percent.is_some());
    explore(&mut lab, ExploreAction::Cancel);
    assert!(!lab.tools.running());
    assert_eq!(lab.tools.report(3.0), Report::Cancelled { tried: 6 });
    // A slice arriving after the cancel does nothing.
    explore(&mut lab, ExploreAction::Work { runs: 5 });
    assert_eq!(lab.tools.report(3.0), Report::Cancelled { tried: 6 });
    assert_eq!(lab.tools.found(), None);
}

#[test]
fn a_search_that_finds_nothing_in_its_budget_says_the_settings_hold_up() {
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::ToggleBarrier);
    explore(
        &mut lab,
        ExploreAction::Start(Search {
            goal: Goal::Violation,
            seed: 1,
            budget: 5,
        }),
    );
    assert_eq!(
        work_to_the_end(&mut lab),
        [Phase::Searching, Phase::NotFound]
    );
    let Report::Going {
        words, bar_percent, ..
    } = lab.tools.report(10.0)
    else {
        panic!("a report of the search")
    };
    assert_eq!(
        words,
        "nothing found in 5 schedules (500 per second): this run's settings hold up"
    );
    assert_eq!(bar_percent, Some(100.0));
}

#[test]
fn opening_what_was_found_replaces_the_run_and_keeps_the_search() {
    let mut lab = lab_fencing_off();
    let id = lab.run_id();
    explore(&mut lab, stale(7, 300));
    work_to_the_end(&mut lab);
    let found = lab.tools.found().unwrap().clone();
    explore(&mut lab, ExploreAction::Open);
    assert_eq!(*lab.run.scenario, found);
    assert!(lab.run_id() > id, "a new run");
    assert!(lab.commands().is_empty());
    assert_eq!(lab.now().0, 0);
    assert!(!lab.fencing(), "as found: fencing off");
    assert!(lab
        .talk
        .status
        .starts_with("opened a shared run: explored-stale"));
    assert_eq!(lab.teaching.written.title, found.title);
    // The panel still shows what it found.
    assert_eq!(lab.tools.found(), Some(&found));
    assert_eq!(lab.tools.phase(), Some(Phase::Found));
}

#[test]
fn search_again_takes_the_next_seed_and_keeps_the_goal() {
    let mut lab = lab_fencing_off();
    explore(&mut lab, stale(7, 300));
    work_to_the_end(&mut lab);
    explore(&mut lab, ExploreAction::Again);
    assert_eq!(
        lab.tools.search(),
        Some(Search {
            goal: Goal::Stale,
            seed: 8,
            budget: 300
        })
    );
    assert_eq!(lab.tools.report(0.0), Report::Starting);
    assert_eq!(lab.tools.next_search(false, false).seed, 8);
}

#[test]
fn the_goal_follows_the_run_s_settings_until_one_is_chosen_and_close_forgets_it() {
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    assert_eq!(lab.tools.goal(true, false), Goal::Superseded);
    assert_eq!(lab.tools.goal(false, false), Goal::Stale);
    assert_eq!(lab.tools.goal(true, true), Goal::Violation);
    assert_eq!(default_goal(false, true), Goal::Stale);
    explore(&mut lab, ExploreAction::Choose(Goal::SplitBrain));
    assert_eq!(lab.tools.goal(false, false), Goal::SplitBrain);
    explore(&mut lab, stale(0, 10));
    explore(&mut lab, ExploreAction::Close);
    assert_eq!(lab.tools.goal(false, false), Goal::Stale);
    assert_eq!(lab.tools.report(0.0), Report::Idle);
    assert!(!lab.tools.running());
}

#[test]
fn bad_settings_and_untimely_actions_are_refused_with_a_message_and_no_panic() {
    let mut lab = lab_fencing_off();
    let before = lab.clone();
    // Nothing to work on, cancel, repeat or open yet.
    explore(&mut lab, ExploreAction::Work { runs: 10 });
    explore(&mut lab, ExploreAction::Cancel);
    explore(&mut lab, ExploreAction::Again);
    assert_eq!(lab.tools, before.tools);
    explore(&mut lab, ExploreAction::Open);
    assert_eq!(
        lab.talk.error.as_deref(),
        Some("the explorer has found nothing to open")
    );
    assert_eq!(lab.run.scenario, before.run.scenario, "the run stays");
    for budget in [0, u64::MAX] {
        explore(&mut lab, stale(7, budget));
        assert!(!lab.tools.running());
        let Report::Refused(why) = lab.tools.report(0.0) else {
            panic!("refused: {:?}", lab.tools.report(0.0))
        };
        assert!(
            why.starts_with(&format!(
                "cannot search {budget} schedules: the budget is 1 to"
            )),
            "{why}"
        );
    }
    // A good start after a refusal goes ahead.
    explore(&mut lab, stale(7, 300));
    assert_eq!(lab.tools.report(0.0), Report::Starting);
}

#[test]
fn a_slice_takes_as_many_runs_as_fit_half_a_frame() {
    // 10 runs took 4 ms: 20 fit in 8 ms.
    assert_eq!(runs_for(10, 4.0), 20);
    // Slow runs: fewer, but always one.
    assert_eq!(runs_for(10, 16.0), 5);
    assert_eq!(runs_for(1, 40.0), 1);
    // Never more than four times as many as last time, nor more than MAX_RUNS.
    assert_eq!(runs_for(10, 0.1), 40);
    assert_eq!(runs_for(MAX_RUNS, 0.1), MAX_RUNS);
    // A clock too coarse to see the slice: grow.
    assert_eq!(runs_for(3, 0.0), 12);
    assert_eq!(runs_for(0, f64::NAN), 4);
    assert_eq!(SLICE_MS, 8.0);
}

#[test]
fn the_found_schedule_is_listed_step_by_step() {
    let mut lab = lab_fencing_off();
    assert_eq!(lab.tools.found_view(), None);
    explore(&mut lab, stale(7, 300));
    work_to_the_end(&mut lab);
    let file = lab.tools.found().unwrap().clone();
    let view = lab.tools.found_view().unwrap();
    assert_eq!(
        view.heading,
        format!(
            "The shrunk schedule ({} nodes, {} s of virtual time):",
            file.config.nodes,
            file.until_ms / 1000
        )
    );
    assert_eq!(view.faults.len(), file.faults.len());
    assert!(view.faults[0].starts_with("at "), "{:?}", view.faults);
}

#[test]
fn the_search_stays_across_a_new_run_and_a_reset() {
    let mut lab = lab_fencing_off();
    explore(&mut lab, ExploreAction::Choose(Goal::Stale));
    explore(&mut lab, stale(7, 300));
    explore(&mut lab, ExploreAction::Work { runs: 1 });
    let tools = lab.tools.clone();
    lab.apply(Action::Load("lease-too-short".into()));
    lab.apply(Action::Reset);
    assert_eq!(lab.tools, tools);
    // It goes on over the settings it started with.
    work_to_the_end(&mut lab);
    assert_eq!(
        lab.tools.found(),
        as_the_cli_does(7, 300).map(|f| f.1).as_ref()
    );
}

/// What a worker does with the page's request: starts a job from its text and works it in
/// batches of `batch`, reporting after each as text; the reports, read back.
fn in_a_worker(request: &str, batch: u32) -> Vec<Update> {
    let mut job = WorkerJob::start(request).expect("the request reads");
    let mut heard = Vec::new();
    loop {
        let done = job.work(batch);
        let text = job.update().to_text();
        heard.push(Update::parse(&text).expect("the report reads"));
        if done {
            return heard;
        }
    }
}

#[test]
fn a_search_in_a_worker_gives_the_same_result_as_in_slices_and_the_cli() {
    let mut lab = lab_fencing_off();
    explore(&mut lab, stale(7, 300));
    let request = lab
        .tools
        .request_text()
        .expect("a search under way has a request");
    assert!(request.starts_with("explore goal=stale seed=7 budget=300 fencing=off barrier=off\n"));
    // The worker's side, in batches of 1 and of 64: the reports read back, and the last
    // holds the CLI's result.
    let (tried, file) = as_the_cli_does(7, 300).expect("the CLI finds it");
    for batch in [1, 64] {
        let heard = in_a_worker(&request, batch);
        let last = heard.last().unwrap();
        assert_eq!(last.phase, Phase::Found);
        assert_eq!((last.tried, last.result.as_ref()), (tried, Some(&file)));
        if batch == 1 {
            assert!(heard
                .iter()
                .any(|p| p.phase == Phase::Shrinking && p.shrinking.is_some()));
        }
    }
    // The page hears the reports: the lab shows what the worker says and does no work of
    // its own (a slice now changes nothing).
    let heard = in_a_worker(&request, 1);
    let shrinking = heard.iter().find(|p| p.phase == Phase::Shrinking).unwrap();
    let now = lab.tools.started();
    explore(
        &mut lab,
        ExploreAction::Heard {
            search: now,
            update: Box::new(shrinking.clone()),
        },
    );
    assert!(lab.tools.in_worker() && lab.tools.running());
    let Report::Going { words, .. } = lab.tools.report(10.0) else {
        panic!("a report")
    };
    assert!(
        words.starts_with(&format!("found after {tried} schedules; shrinking:")),
        "{words}"
    );
    explore(&mut lab, ExploreAction::Work { runs: 1000 });
    assert_eq!(
        lab.tools.phase(),
        Some(Phase::Shrinking),
        "slices are not worked while a worker runs the search"
    );
    explore(
        &mut lab,
        ExploreAction::Heard {
            search: now,
            update: Box::new(heard.last().unwrap().clone()),
        },
    );
    assert!(!lab.tools.running());
    assert_eq!(lab.tools.found(), Some(&file));
    // And it opens as a run, as one found in slices does.
    explore(&mut lab, ExploreAction::Open);
    assert_eq!(*lab.run.scenario, file);
}

#[test]
fn a_stale_report_is_ignored_and_a_lost_worker_leaves_the_search_to_slices() {
    let mut lab = lab_fencing_off();
    explore(&mut lab, stale(7, 300));
    let first = lab.tools.started();
    let request = lab.tools.request_text().unwrap();
    let heard = in_a_worker(&request, 1);
    let searching = heard
        .iter()
        .find(|p| p.phase == Phase::Searching)
        .unwrap()
        .clone();
    // A new search: reports on the first are stale.
    explore(&mut lab, stale(3, 500));
    assert_ne!(lab.tools.started(), first);
    explore(
        &mut lab,
        ExploreAction::Heard {
            search: first,
            update: Box::new(heard.last().unwrap().clone()),
        },
    );
    assert!(lab.tools.running() && !lab.tools.in_worker() && lab.tools.found().is_none());
    // The worker of the new search reports, then is lost: slices take over from the start.
    let now = lab.tools.started();
    explore(
        &mut lab,
        ExploreAction::Heard {
            search: now,
            update: Box::new(searching),
        },
    );
    assert!(lab.tools.in_worker());
    explore(&mut lab, ExploreAction::WorkerLost { search: first });
    assert!(lab.tools.in_worker(), "a stale loss changes nothing");
    explore(&mut lab, ExploreAction::WorkerLost { search: now });
    assert!(!lab.tools.in_worker());
    work_to_the_end(&mut lab);
    let (tried, file) = as_the_cli_does(3, 500).expect("the CLI finds it");
    assert_eq!((lab.tools.tried(), lab.tools.found()), (tried, Some(&file)));
    // After a cancel, a report is stale too.
    explore(&mut lab, stale(9, 50_000));
    let now = lab.tools.started();
    explore(&mut lab, ExploreAction::Cancel);
    let found = in_a_worker(&lab_request(9), 64).pop().unwrap();
    explore(
        &mut lab,
        ExploreAction::Heard {
            search: now,
            update: Box::new(found),
        },
    );
    assert!(lab.tools.found().is_none());
}

/// The request a fencing-off lab on gc-pause-zombie sends for a stale search with `seed`.
fn lab_request(seed: u64) -> String {
    let mut lab = lab_fencing_off();
    explore(&mut lab, stale(seed, 300));
    lab.tools.request_text().unwrap().to_string()
}

#[test]
fn a_request_and_a_report_round_trip_and_bad_ones_are_named() {
    let text = lab_request(7);
    let request = Request::parse(&text).unwrap();
    assert_eq!(request.to_text(), text);
    assert_eq!(request.scenario, builtin("gc-pause-zombie").unwrap());
    let head = text.lines().next().unwrap();
    let body = &text[head.len()..];
    let cases = [
        (
            "explore goal=stale seed=7 budget=300 fencing=off",
            "\"barrier\" is missing",
        ),
        (
            "explore goal=stale seed=7 budget=300 fencing=off barrier=off seed=8",
            "\"seed\" is given twice",
        ),
        (
            "explore goal=fun seed=7 budget=300 fencing=off barrier=off",
            "goal=fun is not a goal",
        ),
        (
            "explore goal=stale seed=-1 budget=300 fencing=off barrier=off",
            "seed=-1 is not a whole number",
        ),
        (
            "explore goal=stale seed=7 budget=300 fencing=yes barrier=off",
            "fencing=yes is neither on nor off",
        ),
        (
            "explore goal=stale seed=7 budget=300 fencing=off barrier=off colour=red",
            "unknown key \"colour\"",
        ),
        (
            "search goal=stale seed=7 budget=300 fencing=off barrier=off",
            "does not start with \"explore\"",
        ),
    ];
    for (head, why) in cases {
        let err = Request::parse(&format!("{head}{body}")).unwrap_err();
        assert!(err.contains(why), "{head}: {err}");
    }
    assert!(Request::parse(&format!("{head}\n{{"))
        .unwrap_err()
        .starts_with("the scenario:"));
    assert!(Request::parse("").is_err());
    // Reports: every phase, with and without shrinking, and a found schedule.
    let found = in_a_worker(&text, 64).pop().unwrap();
    for p in [
        Update {
            tried: 3,
            phase: Phase::Searching,
            shrinking: None,
            result: None,
        },
        Update {
            tried: 40,
            phase: Phase::Shrinking,
            shrinking: Some((5, 2)),
            result: None,
        },
        Update {
            tried: 9,
            phase: Phase::NotFound,
            shrinking: None,
            result: None,
        },
        found.clone(),
    ] {
        assert_eq!(Update::parse(&p.to_text()).as_ref(), Ok(&p));
    }
    for (bad, why) in [
        ("tried=3", "\"phase\" is missing"),
        ("tried=3 phase=thinking", "phase=thinking is not a phase"),
        ("tried=x phase=searching", "tried=x is not a whole number"),
        ("tried=3 phase=found", "no schedule came with it"),
        (
            "tried=3 phase=searching\n{}",
            "a schedule came with phase=searching",
        ),
        ("tried=3 phase=found\nnot json", "the schedule found:"),
    ] {
        let err = Update::parse(bad).unwrap_err();
        assert!(err.contains(why), "{bad}: {err}");
    }
}
