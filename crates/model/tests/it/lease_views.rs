//! Both views of the lease: the lease a leader counts on by its own clock, and the lease
//! store's grant. A pause does not make them disagree (the leader's margin ends its lease
//! before the store does; the zombie's trouble is that it does not check again); a clock
//! slower than the drift bound does: the leader counts on a lease the store has let go.
//! The diagram draws that stretch in red, the picture says it under the node.

use fencing_model::diagram::{items, Item};
use fencing_model::picture::{node_lines, LineKind};
use fencing_model::EventRing;
use fencing_sim::scenario::builtin;
use fencing_sim::view::Snapshot;
use fencing_sim::{Sim, SimTime};

/// Every belief bar of a built-in scenario's whole run: (lane, t0, t1, term, store_until).
fn beliefs(name: &str) -> Vec<(usize, u64, u64, u64, Option<u64>)> {
    let s = builtin(name).unwrap();
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(s.until_ms));
    let mut ring = EventRing::new(0);
    let events = sim.drain_events();
    ring.push(events, sim.totals().events);
    items(&ring, &Snapshot::of(&sim), 0, s.until_ms * 1000)
        .into_iter()
        .filter_map(|it| match it {
            Item::Belief {
                lane,
                t0,
                t1,
                term,
                store_until,
            } => Some((lane, t0, t1, term, store_until)),
            _ => None,
        })
        .collect()
}

/// The moments (every 100 ms) at which some node's words say the two views disagree.
fn disagreeing_moments(name: &str) -> Vec<(u64, String)> {
    let s = builtin(name).unwrap();
    let mut sim = Sim::new(&s);
    let mut found = vec![];
    for ms in (0..=s.until_ms).step_by(100) {
        sim.run_until(SimTime::from_ms(ms));
        let snap = Snapshot::of(&sim);
        for n in &snap.nodes {
            if let Some(text) = node_lines(n, &snap, false)
                .into_iter()
                .find(|l| l.kind == LineKind::StoreLeaseOver)
                .map(|l| l.text)
            {
                found.push((ms, format!("{}: {text}", n.id)));
            }
        }
    }
    found
}

#[test]
fn a_pause_leaves_the_two_views_of_the_lease_in_agreement() {
    let b = beliefs("gc-pause-zombie");
    assert!(
        b.iter().any(|x| x.3 == 33) && b.iter().any(|x| x.3 == 34),
        "{b:?}"
    );
    for (lane, _, t1, term, store_until) in &b {
        let store = store_until.expect("the store granted the term the node counts on");
        assert!(
            *t1 <= store,
            "n{lane} counts on term {term} to {t1}, the store to {store}"
        );
    }
    assert_eq!(disagreeing_moments("gc-pause-zombie"), vec![]);
}

#[test]
fn a_slow_clock_makes_the_leader_count_on_a_lease_the_store_has_let_go() {
    let b = beliefs("drifting-clock");
    let disagree: Vec<_> = b
        .iter()
        .filter(|(_, _, t1, _, s)| s.is_some_and(|s| s < *t1))
        .collect();
    assert!(!disagree.is_empty(), "{b:?}");
    let moments = disagreeing_moments("drifting-clock");
    assert!(!moments.is_empty());
    let (ms, words) = &moments[0];
    assert!(words.contains("⚠ store: term 33 over"), "{words}");
    // The picture says it within the stretch the diagram draws red.
    let (_, _, t1, _, store) = disagree[0];
    let (from, to) = (store.unwrap() / 1000, t1 / 1000);
    assert!(
        (from..=to + 100).contains(ms),
        "{ms} ms not in {from}–{to} ms"
    );
}
