//! Property tests with proptest (shrinking to a smallest failing input): the scenario
//! parser never panics and never accepts an invalid scenario, whatever the text; any valid
//! scenario runs to its end without a panic, the same way twice, and with fencing and the
//! barrier on the monitor finds no violation. The number of cases is proptest's (256) unless
//! PROPTEST_CASES says otherwise: `scripts/fuzz` runs them by the hundred thousand.

#![cfg(not(target_arch = "wasm32"))]

use fencing_sim::command::{
    ActorRef, ClockRateArgs, Command, Empty, LinkArgs, LinkDelayArgs, NodeArgs, NodeRef,
    PartitionArgs, PauseArgs, ReleaseArgs, TimedCommand,
};
use fencing_sim::scenario::{Scenario, BUILTIN};
use fencing_sim::summary::run_to_end;
use fencing_sim::{Config, NodeId};
use proptest::prelude::*;

fn node(n: u8, leader: bool) -> NodeRef {
    if leader {
        NodeRef::Leader
    } else {
        NodeRef::Id(NodeId(n))
    }
}

fn actor(n: u8, nodes: u8) -> ActorRef {
    match n % (nodes + 2) {
        x if x < nodes => ActorRef::Node(NodeRef::Id(NodeId(x))),
        x if x == nodes => ActorRef::Lease,
        _ => ActorRef::Storage,
    }
}

/// `other`, or the next actor if it is `n` (a link joins two different actors).
fn distinct(n: u8, other: u8, nodes: u8) -> u8 {
    if other % (nodes + 2) == n % (nodes + 2) {
        (n + 1) % (nodes + 2)
    } else {
        other
    }
}

/// One fault of any kind, its numbers drawn freely (drift within the nodes' bound).
fn fault(nodes: u8) -> impl Strategy<Value = TimedCommand> {
    (
        1000u64..28_000,
        0u8..13,
        0u8..nodes,
        any::<bool>(),
        100u64..15_000,
        0u8..(nodes + 2),
        -1000i64..=1000,
    )
        .prop_map(move |(at_ms, kind, n, flag, ms, other, ppm)| {
            let command = match kind {
                0 => Command::Pause(PauseArgs {
                    node: node(n, flag),
                    for_ms: Some(ms),
                    after_lease_check: false,
                }),
                1 => Command::Pause(PauseArgs {
                    node: node(n, flag),
                    for_ms: Some(ms),
                    after_lease_check: true,
                }),
                2 => Command::Crash(NodeArgs {
                    node: node(n, flag),
                }),
                3 => Command::Restart(NodeArgs {
                    node: node(n, false),
                }),
                4 => Command::Partition(PartitionArgs {
                    side_b: vec![actor(n, nodes)],
                    both: if flag {
                        vec![ActorRef::Storage]
                    } else {
                        vec![]
                    },
                }),
                5 => Command::Heal(Empty {}),
                6 => Command::CutLink(LinkArgs {
                    from: actor(n, nodes),
                    to: actor(distinct(n, other, nodes), nodes),
                }),
                7 => Command::LinkDelay(LinkDelayArgs {
                    from: actor(n, nodes),
                    to: actor(distinct(n, other, nodes), nodes),
                    extra_ms: ms,
                }),
                8 => Command::ClockRate(ClockRateArgs {
                    node: node(n, flag),
                    ppm,
                }),
                9 => Command::Hold(LinkArgs {
                    from: actor(n, nodes),
                    to: actor(distinct(n, other, nodes), nodes),
                }),
                10 => Command::Release(ReleaseArgs {
                    from: actor(n, nodes),
                    to: actor(distinct(n, other, nodes), nodes),
                    drop: flag,
                }),
                // Message ids count up from the start; some of these are in flight.
                11 => Command::HoldMessage(fencing_sim::command::MessageArgs { id: ms / 8 }),
                _ => Command::Resume(NodeArgs {
                    node: node(n, flag),
                }),
            };
            TimedCommand { at_ms, command }
        })
}

/// A valid scenario: 3–7 nodes, any latency and loss, fencing and the barrier on, up to
/// eight faults of any kind.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        3u8..=7,
        0u64..100,
        0u64..150,
        0u8..30,
        1u64..50,
        any::<u64>(),
    )
        .prop_flat_map(|(nodes, lat, spread, drop, first, seed)| {
            prop::collection::vec(fault(nodes), 0..8).prop_map(move |mut faults| {
                faults.sort_by_key(|f| f.at_ms);
                let mut s = fencing_sim::scenario::builtin("free-play").unwrap();
                s.seed = seed;
                s.until_ms = 30_000;
                s.config = Config {
                    nodes,
                    fencing: true,
                    barrier: true,
                    first_token: first,
                    latency_ms: [lat, lat + spread],
                    drop_percent: drop,
                    ..Config::default()
                };
                s.faults = faults;
                s.narration.clear();
                s.expect = None;
                s
            })
        })
}

proptest! {
    // A generated schedule is occasionally refused (e.g. a partition with everyone on one
    // side); those are skipped, however many cases are asked for.
    #![proptest_config(ProptestConfig {
        max_global_rejects: u32::MAX,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_is_parsed_or_refused_never_a_panic(text in ".{0,400}") {
        if let Ok(s) = Scenario::from_json(&text) {
            prop_assert!(s.validate().is_ok());
        }
    }

    #[test]
    fn a_mutated_builtin_file_is_parsed_valid_or_refused(
        which in 0..BUILTIN.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(
            b"{}[]\":,-0123456789 truefalsnul\\ea".to_vec())), 1..6),
    ) {
        let mut bytes = BUILTIN[which].1.as_bytes().to_vec();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if let Ok(s) = Scenario::from_json(text) {
                prop_assert!(s.validate().is_ok(), "{}: parsed but invalid", BUILTIN[which].0);
            }
        }
    }

    #[test]
    fn any_valid_scenario_runs_the_same_twice_and_safely(s in scenario()) {
        prop_assume!(s.validate().is_ok());
        let (_, a) = run_to_end(&s);
        let (_, b) = run_to_end(&s);
        prop_assert_eq!(&a.trace_hash, &b.trace_hash);
        prop_assert_eq!(a.violation_count, 0, "violations: {:?}", a.violations);
    }
}
