//! Leader and followers over the seed sweep: the high-water mark the leader of the granted
//! term computes from its followers' acknowledgements is never ahead of what a majority of
//! the cluster holds (crashed nodes count with what is on their disk), at any moment
//! sampled, in any random fault schedule. (A zombie's mark is its belief from before the
//! newer term, and not checked.) And in the GC-pause story the followers refuse the zombie's old term.
// Tests may read the environment (a sweep's size); the core may not.
#![allow(clippy::disallowed_methods)]

use fencing_sim::msg::Msg;
use fencing_sim::replication;
use fencing_sim::scenario::builtin;
use fencing_sim::summary::run_to_end;
use fencing_sim::sweep::random_scenario;
use fencing_sim::{Actor, EventKind, NodeId, Sim, SimTime};
use std::collections::BTreeMap;

fn seeds() -> u64 {
    std::env::var("SWEEP_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

/// The leader's numbering, as its heartbeats tell it: (leader, term, seq) → the number of
/// the value its heartbeats carried with that seq (values are numbered per node, always
/// increasing, so "this write or a later one of the same node" is a comparison).
type Numbering = BTreeMap<(u8, u64, u64), u32>;

fn learn(numbering: &mut Numbering, sim: &mut Sim, seed: u64) {
    for e in sim.drain_events() {
        if let EventKind::Send {
            from: Actor::Node(l),
            msg:
                Msg::Heartbeat {
                    term,
                    seq,
                    value: Some(v),
                },
            ..
        } = e.kind
        {
            // One number, one write: a leader must never call two writes of a term the
            // same (its followers' acknowledgements would then mean the wrong one).
            let known = *numbering.entry((l.0, term.0, seq)).or_insert(v.n);
            assert!(
                seq == 0 || known == v.n,
                "seed {seed} at {}: {l} numbered two writes {seq} in term {term}: values {known} and {}",
                e.t,
                v.n
            );
        }
    }
}

/// How many nodes hold the value the leader numbered `hwm` in its term, or a later one of
/// the leader's.
fn holders(sim: &Sim, numbering: &Numbering, r: &replication::Replication) -> usize {
    let term = sim.persisted_term(NodeId(r.leader));
    let Some(&wanted) = numbering.get(&(r.leader, term.0, r.high_water_mark)) else {
        panic!(
            "the leader's write {} of term {term} never went out in a heartbeat",
            r.high_water_mark
        );
    };
    (0..sim.node_count())
        .map(NodeId)
        .filter(|id| {
            sim.replicated(*id)
                .value
                .is_some_and(|v| v.node == NodeId(r.leader) && v.n >= wanted)
        })
        .count()
}

#[test]
fn the_high_water_mark_is_never_ahead_of_what_a_majority_holds() {
    let (mut checked, mut moved) = (0u64, 0u64);
    for seed in 0..seeds() {
        let s = random_scenario(seed);
        let mut sim = Sim::new(&s);
        let mut numbering = Numbering::new();
        let majority = s.config.nodes as usize / 2 + 1;
        let mut last = 0;
        let end = SimTime::from_ms(s.until_ms);
        let mut t = SimTime::ZERO;
        while t < end {
            t = SimTime(t.0 + 250_000).min(end);
            sim.run_until(t);
            learn(&mut numbering, &mut sim, seed);
            let Some(r) = replication::of(&sim) else {
                continue;
            };
            // A zombie's mark is its belief from before a newer term; only the leader of
            // the term the lease store has granted leads the followers' copies now.
            let term = sim.persisted_term(NodeId(r.leader));
            if r.high_water_mark == 0 || term < sim.lease_store().term() {
                continue;
            }
            checked += 1;
            moved += (r.high_water_mark != last) as u64;
            last = r.high_water_mark;
            let held = holders(&sim, &numbering, &r);
            assert!(
                held >= majority,
                "seed {seed} at {t}: high-water mark {} of n{}'s {} writes, held by {held} of {} nodes — reproduce: fencing-lab run random --seed {seed}",
                r.high_water_mark,
                r.leader,
                r.seq,
                s.config.nodes
            );
        }
    }
    assert!(
        checked > 1000 && moved > 100,
        "the sweep exercised it: {checked} checks, {moved} moves"
    );
    eprintln!(
        "{} seeds: {checked} moments checked, the mark moved {moved} times",
        seeds()
    );
}

#[test]
fn in_the_gc_pause_story_the_followers_refuse_the_zombies_old_term() {
    for name in ["gc-pause-zombie", "gc-pause-no-fencing"] {
        let (_, summary) = run_to_end(&builtin(name).unwrap());
        assert!(
            summary.old_term_refused >= 4,
            "{name}: {} old-term messages refused",
            summary.old_term_refused
        );
        assert!(
            summary.high_water_mark > 0,
            "{name}: writes replicated by the end"
        );
        assert_eq!(summary.followers.len(), 4);
        for f in &summary.followers {
            assert!(
                f.behind <= 1,
                "{name}: a follower far behind at the end: {f:?}"
            );
        }
    }
}
