//! The explorer finds what breaks, shrinks it to its essence, and writes a file that
//! reproduces it; with fencing and the barrier on it finds no violation.

use fencing_sim::explore::{reaches, Explorer, Goal, Settings};
use fencing_sim::scenario::{builtin, Scenario};
use fencing_sim::story::watch;
use fencing_sim::summary::run_to_end;

fn settings(goal: Goal, fencing: bool, barrier: bool, seed: u64) -> Settings {
    Settings {
        goal,
        fencing: Some(fencing),
        barrier: Some(barrier),
        seed,
        keep_faults: false,
    }
}

/// Searches `gc-pause-zombie`'s config for `goal` within `budget` schedules, shrinks what
/// it finds and writes it up.
fn explore(goal: Goal, fencing: bool, barrier: bool, budget: u64) -> Option<(Explorer, Scenario)> {
    let base = builtin("gc-pause-zombie").unwrap();
    let mut e = Explorer::new(&base, settings(goal, fencing, barrier, 7));
    if !e.search(budget) {
        return None;
    }
    let (shrunk, _) = e.shrink(e.found().unwrap().clone());
    let file = e.write_up(&shrunk, "gc-pause-zombie");
    Some((e, file))
}

/// The file is valid, survives a round trip, meets its own expectation and story, and
/// reaches the goal; no single fault can be dropped from it.
fn reproduces(file: &Scenario, goal: Goal) {
    file.validate().expect("a valid file");
    let back = Scenario::from_json(&file.to_json_pretty()).expect("it reads back");
    assert_eq!(&back, file);
    let (sim, summary) = run_to_end(&back);
    assert!(summary.expect.passed, "{:?}", summary.expect);
    assert_eq!(run_to_end(file).0.trace_hash(), sim.trace_hash());
    assert_eq!(watch(file).failures(), Vec::<String>::new());
    assert!(reaches(file, goal).is_some());
    for i in 0..file.faults.len() {
        let mut c = file.clone();
        c.faults.remove(i);
        assert!(
            c.validate().is_err() || reaches(&c, goal).is_none(),
            "fault {i} could be dropped: {:?}",
            file.faults
        );
    }
}

#[test]
fn with_fencing_off_it_finds_a_stale_write_and_shrinks_it_to_at_most_two_faults() {
    let (e, file) = explore(Goal::Stale, false, false, 300).expect("found");
    assert!(e.tried() <= 300);
    assert!(file.faults.len() <= 2, "{:?}", file.faults);
    assert!(!file.config.fencing);
    assert_eq!(file.name, "explored-stale");
    reproduces(&file, Goal::Stale);
}

#[test]
fn with_fencing_on_and_the_barrier_off_it_finds_a_write_through_the_gap() {
    let (_, file) = explore(Goal::Superseded, true, false, 1000).expect("found");
    assert!(file.config.fencing && !file.config.barrier);
    assert!(file.faults.len() <= 2, "{:?}", file.faults);
    reproduces(&file, Goal::Superseded);
}

#[test]
fn split_brain_and_flapping_are_found_too() {
    for goal in [Goal::SplitBrain, Goal::Flapping] {
        let (_, file) = explore(goal, true, false, 1000).expect("found");
        reproduces(&file, goal);
    }
}

#[test]
fn with_fencing_and_the_barrier_on_it_finds_no_violation() {
    // CI's budget; `scripts/bench` runs 100,000 (BENCHMARKS.md).
    assert!(explore(Goal::Violation, true, true, 1500).is_none());
}

#[test]
fn the_same_seed_and_settings_give_the_same_search_and_result() {
    let a = explore(Goal::Stale, false, false, 300).unwrap();
    let b = explore(Goal::Stale, false, false, 300).unwrap();
    assert_eq!(a.0.tried(), b.0.tried());
    assert_eq!(a.1, b.1);
    let base = builtin("gc-pause-zombie").unwrap();
    let one = Explorer::new(&base, settings(Goal::Stale, false, false, 1));
    let two = Explorer::new(&base, settings(Goal::Stale, false, false, 2));
    assert_ne!(one.schedule(0), two.schedule(0));
    assert_eq!(one.schedule(5), one.schedule(5));
}

#[test]
fn a_lease_made_shorter_mid_run_is_still_safe() {
    // What the explorer first found with fencing and the barrier on: the store's renewal
    // under the shorter lease cut a holder's lease below what it had been granted.
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.config.barrier = true;
    s.faults = serde_json::from_str(
        r#"[{"at_ms":7000,"set":{"lease_ms":2600,"renew_every_ms":1430}},
            {"at_ms":7738,"pause":{"node":"leader","for_ms":2400}}]"#,
    )
    .unwrap();
    s.expect = None;
    for seed in [193428640, 1, 2, 3, 4, 5] {
        s.seed = seed;
        let (_, summary) = run_to_end(&s);
        assert_eq!(
            summary.violation_count, 0,
            "seed {seed}: {:?}",
            summary.violations
        );
    }
}

#[test]
fn a_search_in_slices_gives_the_same_result_as_in_one_go() {
    use fencing_sim::explore::{Job, Phase};
    let base = builtin("gc-pause-zombie").unwrap();
    let mut job = Job::new(
        &base,
        settings(Goal::Stale, false, false, 7),
        300,
        "gc-pause-zombie",
    );
    assert_eq!(job.phase(), Phase::Searching);
    let mut units = 0;
    let mut saw_shrinking = false;
    while !job.work() {
        units += 1;
        saw_shrinking |= job.phase() == Phase::Shrinking;
    }
    assert!(saw_shrinking && units > job.tried());
    assert_eq!(job.phase(), Phase::Found);
    let (_, file) = explore(Goal::Stale, false, false, 300).unwrap();
    assert_eq!(job.result(), Some(&file));
    // A budget that runs out.
    let mut none = Job::new(
        &base,
        settings(Goal::Violation, true, true, 7),
        30,
        "gc-pause-zombie",
    );
    while !none.work() {}
    assert_eq!((none.phase(), none.tried()), (Phase::NotFound, 30));
}

#[test]
fn skipping_the_trace_hash_changes_nothing_else_in_a_run() {
    use fencing_sim::{Sim, SimTime};
    for name in ["gc-pause-zombie", "drifting-clock", "lease-too-short"] {
        let s = builtin(name).unwrap();
        let run = |hash: bool| {
            let mut sim = Sim::new(&s);
            sim.discard_events();
            if !hash {
                sim.skip_trace_hash();
            }
            sim.run_until(SimTime::from_ms(s.until_ms));
            (sim.totals().clone(), sim.monitor().split_brain_seen())
        };
        assert_eq!(run(true), run(false), "{name}");
    }
}

/// The explorer's result pinned: the wasm tests (`tests/determinism_wasm.rs`) check the
/// same line, so the search gives the same result natively and in the browser.
pub const EXPLORE_GOLDEN: &str = include_str!("../explore_golden.txt");

#[test]
fn the_search_matches_its_golden_result() {
    let (e, file) = explore(Goal::Stale, false, false, 300).unwrap();
    let line = format!(
        "gc-pause-zombie stale fencing-off seed 7: tried {}, trace hash {}",
        e.tried(),
        run_to_end(&file).0.trace_hash().hex()
    );
    assert_eq!(EXPLORE_GOLDEN.trim_end(), line);
}
