//! The simulation in wasm32, in a real browser, gives the very trace hashes the native
//! tests pin: same input, same trace, on both targets.
#![cfg(target_arch = "wasm32")]

use fencing_sim::scenario::{builtin, builtin_names};
use fencing_sim::summary::run_to_end;
use fencing_sim::sweep::random_scenario;
use fencing_sim::{Sim, SimTime};
use wasm_bindgen_test::*;

const GOLDEN: &str = include_str!("../../crates/sim/tests/golden_hashes.txt");

#[wasm_bindgen_test]
fn builtin_scenarios_match_the_native_golden_hashes() {
    let actual: Vec<String> = builtin_names()
        .map(|n| format!("{n} {}", run_to_end(&builtin(n).unwrap()).1.trace_hash))
        .collect();
    let golden: Vec<&str> = GOLDEN.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(golden, actual);
}

#[wasm_bindgen_test]
fn advancing_in_small_steps_in_wasm_gives_the_same_trace() {
    let s = builtin("gc-pause-zombie").unwrap();
    let mut stepped = Sim::new(&s);
    stepped.discard_events();
    for ms in (16..=s.until_ms).step_by(16) {
        stepped.run_until(SimTime::from_ms(ms));
    }
    stepped.run_until(SimTime::from_ms(s.until_ms));
    assert_eq!(stepped.trace_hash().hex(), run_to_end(&s).1.trace_hash);
}

#[wasm_bindgen_test]
fn random_schedules_are_safe_with_fencing_in_wasm_too() {
    for seed in 0..50 {
        let (_, summary) = run_to_end(&random_scenario(seed));
        assert_eq!(
            summary.violation_count, 0,
            "reproduce: fencing-lab run random --seed {seed}"
        );
    }
}

#[wasm_bindgen_test]
fn the_explorer_finds_and_shrinks_the_same_schedule_in_wasm() {
    use fencing_sim::explore::{Goal, Job, Settings};
    let golden = include_str!("../../crates/sim/tests/explore_golden.txt");
    let base = builtin("gc-pause-zombie").unwrap();
    let settings = Settings {
        goal: Goal::Stale,
        fencing: Some(false),
        barrier: Some(false),
        seed: 7,
        keep_faults: false,
    };
    let mut job = Job::new(&base, settings, 300, "gc-pause-zombie");
    while !job.work() {}
    let file = job.result().expect("found");
    let line = format!(
        "gc-pause-zombie stale fencing-off seed 7: tried {}, trace hash {}",
        job.tried(),
        run_to_end(file).1.trace_hash
    );
    assert_eq!(golden.trim_end(), line);
}
