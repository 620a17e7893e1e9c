//! Same input, same trace: twice in a row, in one call or in 1 ms steps, with a command
//! given live or written in the file, and equal to the golden hashes (which the wasm
//! tests check too, so native and wasm32 agree).
// Tests may read the environment (a sweep's size, UPDATE_GOLDEN); the core may not.
#![allow(clippy::disallowed_methods)]

use crate::common;

use common::scenario;
use fencing_sim::command::{Command, NodeRef, PauseArgs};
use fencing_sim::scenario::{builtin_names, Scenario};
use fencing_sim::{Sim, SimTime};

const GOLDEN: &str = include_str!("../golden_hashes.txt");

fn hash_of(s: &Scenario) -> String {
    let mut sim = Sim::new(s);
    sim.discard_events();
    sim.run_until(SimTime::from_ms(s.until_ms));
    sim.trace_hash().hex()
}

#[test]
fn the_same_seed_gives_the_same_trace_hash_and_another_seed_another() {
    let s = scenario("gc-pause-zombie");
    assert_eq!(hash_of(&s), hash_of(&s));
    let mut other = s.clone();
    other.seed += 1;
    assert_ne!(hash_of(&s), hash_of(&other));
}

#[test]
fn advancing_in_one_call_or_in_1ms_steps_gives_the_same_trace() {
    for name in ["gc-pause-zombie", "drifting-clock", "lease-too-short"] {
        let s = scenario(name);
        let mut stepped = Sim::new(&s);
        stepped.discard_events();
        for ms in 1..=s.until_ms {
            stepped.run_until(SimTime::from_ms(ms));
        }
        assert_eq!(stepped.trace_hash().hex(), hash_of(&s), "{name}");
    }
}

#[test]
fn a_run_stopped_by_its_event_budget_goes_on_to_the_same_trace() {
    for name in ["gc-pause-zombie", "drifting-clock", "partitioned-leader"] {
        let s = scenario(name);
        let end = SimTime::from_ms(s.until_ms);
        let whole = hash_of(&s);
        let events = {
            let mut sim = Sim::new(&s);
            sim.discard_events();
            sim.run_until(end);
            sim.totals().events
        };
        // Budgets of one event, a prime number of them, and half the whole run: each
        // call but the last stops short, having made its budget, and the calls together
        // give the trace of one uninterrupted run.
        for budget in [1, 97, events / 2] {
            let mut sim = Sim::new(&s);
            sim.discard_events();
            let mut calls = 0;
            loop {
                let before = sim.totals().events;
                let reached = sim.run_until_within(end, budget);
                // The last step may pass the budget by what one step makes (a few dozen
                // events at most: a grant told to every node, say).
                let made = sim.totals().events - before;
                assert!(
                    made < budget + 256,
                    "{name}: budget {budget}, {made} events made"
                );
                if reached {
                    break;
                }
                calls += 1;
                assert!(
                    made >= budget,
                    "{name}: stopped after {made} of {budget} events"
                );
                assert!(sim.now() <= end, "{name}: ran past the end");
            }
            assert!(calls >= 1, "{name}: budget {budget} never stopped it");
            assert_eq!(sim.now(), end, "{name}");
            assert_eq!(sim.trace_hash().hex(), whole, "{name}, budget {budget}");
        }
        // Enough budget: it reaches the end in one call, as `run_until` does.
        let mut sim = Sim::new(&s);
        sim.discard_events();
        assert!(sim.run_until_within(end, events + 1), "{name}");
        assert_eq!(sim.now(), end);
        assert_eq!(sim.trace_hash().hex(), whole, "{name}");
    }
}

#[test]
fn a_command_given_live_equals_the_same_command_in_the_file() {
    let with_fault = scenario("gc-pause-zombie");
    let mut without = with_fault.clone();
    let timed = without.faults.remove(0);
    let mut live = Sim::new(&without);
    live.discard_events();
    live.run_until(SimTime::from_ms(timed.at_ms));
    live.schedule(SimTime::from_ms(timed.at_ms), timed.command.clone())
        .unwrap();
    live.run_until(SimTime::from_ms(with_fault.until_ms));
    assert_eq!(live.trace_hash().hex(), hash_of(&with_fault));
}

#[test]
fn a_command_in_the_past_is_refused() {
    let s = scenario("gc-pause-zombie");
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(100));
    let pause = Command::Pause(PauseArgs {
        node: NodeRef::Leader,
        for_ms: None,
        after_lease_check: false,
    });
    assert!(sim.schedule(SimTime::from_ms(50), pause).is_err());
}

/// `UPDATE_GOLDEN=1 cargo test --test determinism` rewrites the file after a deliberate change.
#[test]
fn builtin_scenarios_match_their_golden_trace_hashes() {
    let actual: Vec<String> = builtin_names()
        .map(|n| format!("{n} {}", hash_of(&scenario(n))))
        .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden_hashes.txt");
        std::fs::write(path, actual.join("\n") + "\n").unwrap();
        return;
    }
    let golden: Vec<&str> = GOLDEN.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        golden, actual,
        "trace hashes changed; if deliberate, rerun with UPDATE_GOLDEN=1"
    );
}

#[test]
fn hashing_an_event_as_it_is_written_is_hashing_its_line() {
    // The core feeds each event to the hash as serde_json writes it (no string per
    // event); the bytes must be the trace file's line and its newline, event by event.
    use fencing_sim::trace::TraceHash;
    let s = fencing_sim::scenario::builtin("gc-pause-zombie").unwrap();
    let mut sim = fencing_sim::Sim::new(&s);
    sim.run_until(fencing_sim::SimTime::from_ms(s.until_ms));
    let events = sim.drain_events();
    assert!(events.len() > 1000);
    let (mut by_line, mut as_written) = (TraceHash::new(), TraceHash::new());
    for e in &events {
        by_line.add_line(&e.to_json_line());
        as_written.add_event(e);
        assert_eq!(by_line, as_written, "{}", e.to_json_line());
    }
    assert_eq!(as_written, sim.trace_hash());
}
