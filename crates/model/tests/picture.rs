//! The cluster picture's model, natively: messages move along their links in proportion to
//! their flight, stop at the wall when they cannot cross it, and fade when doomed; a drop
//! is marked where the message died; the words under a node say what it is.

use fencing_model::intent::split;
use fencing_model::layout::{positions, WALL_X};
use fencing_model::picture::{drop_spot, flight, lease_fraction, node_label, node_lines};
use fencing_sim::scenario::builtin;
use fencing_sim::view::Snapshot;
use fencing_sim::{Actor, Duration, NodeId, Sim, SimTime};

fn sim_at(ms: u64) -> Sim {
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.faults.clear();
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(ms));
    sim
}

#[test]
fn a_message_moves_from_its_sender_to_its_receiver_as_its_flight_goes_on() {
    let mut sim = sim_at(3000);
    // Per message: the last distance from its sender, and the smallest to its receiver.
    let mut seen: std::collections::BTreeMap<u64, (f64, f64)> = Default::default();
    let dist = |a: fencing_model::layout::Pos, b: fencing_model::layout::Pos| {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    };
    for step in 0..1000 {
        sim.run_until(SimTime::from_ms(3000 + step * 5));
        let s = Snapshot::of(&sim);
        let ps = positions(&s);
        let at = |a: Actor| ps.iter().find(|(b, _)| *b == a).unwrap().1;
        for m in &s.messages {
            let fl = flight(m, &ps, &s, false);
            assert!(!fl.blocked, "no wall, no cut: {m:?}");
            assert_eq!(fl.opacity == 1.0, !m.doomed, "{m:?}");
            let (from, to) = (dist(fl.at, at(m.from)), dist(fl.at, at(m.to)));
            let e = seen.entry(m.id).or_insert((from, to));
            assert!(from >= e.0 - 1e-9, "{m:?} went backwards");
            *e = (from, to.min(e.1));
            // Reduced motion: halfway, not faded unless doomed.
            let half = flight(m, &ps, &s, true);
            assert!((dist(half.at, at(m.from)) - dist(half.at, at(m.to))).abs() < 40.0);
            assert_eq!(half.opacity, if m.doomed { 0.5 } else { 1.0 });
        }
    }
    assert!(seen.len() > 40, "{} messages followed", seen.len());
    let arrived = seen.values().filter(|(_, to)| *to < 60.0).count();
    assert!(arrived * 2 > seen.len(), "most get close to their receiver");
}

#[test]
fn a_message_that_cannot_cross_the_wall_stops_short_of_it_and_fades() {
    let mut sim = sim_at(3000);
    let leader = sim.current_leader().expect("a leader at 3 s");
    // The leader alone on side B, everyone else (lease store and storage too) on A.
    sim.schedule(sim.now(), split(&[Actor::Node(leader)], &[]))
        .unwrap();
    sim.run_until(SimTime::from_ms(3001));
    let mut blocked = 0;
    for step in 0..100 {
        sim.run_until(SimTime::from_ms(3001 + step * 7));
        let s = Snapshot::of(&sim);
        let ps = positions(&s);
        for m in &s.messages {
            let fl = flight(m, &ps, &s, false);
            let crosses = (m.from == Actor::Node(leader)) != (m.to == Actor::Node(leader));
            assert_eq!(fl.blocked, crosses, "{m:?}");
            if crosses {
                blocked += 1;
                let from = ps.iter().find(|(a, _)| *a == m.from).unwrap().1;
                assert_eq!(
                    fl.at.x < WALL_X,
                    from.x < WALL_X,
                    "{m:?} drawn past the wall at {:?}",
                    fl.at
                );
                assert!((0.15..=1.0).contains(&fl.opacity));
                assert!(fl.label.ends_with('✕'));
            }
        }
    }
    assert!(blocked > 10, "{blocked} blocked messages looked at");
}

#[test]
fn a_drop_across_the_wall_is_marked_on_the_wall_and_others_at_the_receiver() {
    let mut sim = sim_at(3000);
    sim.schedule(sim.now(), split(&[Actor::Node(NodeId(0))], &[]))
        .unwrap();
    sim.run_until(SimTime::from_ms(3001));
    let s = Snapshot::of(&sim);
    let ps = positions(&s);
    let on_wall = drop_spot(&ps, Actor::Node(NodeId(0)), Actor::Lease, true);
    assert_eq!(on_wall.x, WALL_X);
    let same_side = drop_spot(&ps, Actor::Node(NodeId(1)), Actor::Lease, true);
    assert_ne!(same_side.x, WALL_X);
    let lease = ps.iter().find(|(a, _)| *a == Actor::Lease).unwrap().1;
    assert!(
        (same_side.x - lease.x).abs() < 100.0,
        "near the lease store"
    );
}

#[test]
fn a_lease_fraction_runs_from_full_to_empty() {
    let len = Duration::from_ms(5000);
    assert_eq!(lease_fraction(Some(len), len), 1.0);
    assert_eq!(lease_fraction(Some(Duration::from_ms(1250)), len), 0.25);
    assert_eq!(lease_fraction(Some(Duration::ZERO), len), 0.0);
    assert_eq!(lease_fraction(None, len), 0.0);
    assert_eq!(lease_fraction(Some(len), Duration::ZERO), 0.0);
    assert_eq!(lease_fraction(Some(Duration::from_ms(9000)), len), 1.0);
}

#[test]
fn the_words_under_a_node_say_its_role_state_and_clock() {
    let mut sim = sim_at(3000);
    let leader = sim.current_leader().unwrap();
    let follower = NodeId((leader.0 + 1) % 5);
    sim.schedule(
        sim.now(),
        fencing_model::intent::clock_percent(follower, 90),
    )
    .unwrap();
    sim.run_until(SimTime::from_ms(3001));
    let s = Snapshot::of(&sim);
    let lines = node_lines(&s.nodes[leader.0 as usize], s.now);
    assert!(lines[0].0.starts_with("LEADER · lease "), "{lines:?}");
    let lines = node_lines(&s.nodes[follower.0 as usize], s.now);
    assert_eq!(lines[0].0, "follower");
    assert!(lines.iter().any(|(t, _)| t == "clock 90%"), "{lines:?}");
    let label = node_label(&s.nodes[leader.0 as usize], s.now, true);
    assert!(
        label.contains("LEADER") && label.ends_with(", selected"),
        "{label}"
    );
}
