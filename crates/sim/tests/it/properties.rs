//! Property tests with proptest (shrinking to a smallest failing input), each with an
//! oracle that can fail:
//! - any text is refused with a message, or parsed into a scenario that writes itself back
//!   (`to_json_pretty`) to text that parses to the same scenario;
//! - the same for a built-in file with bytes changed;
//! - a generated scenario (over every built-in, any settings and faults) parses back from
//!   its own file to itself, or is refused by the parser with the error `validate` gives;
//! - any valid scenario (any lease and timing settings, the lease store and the storage on
//!   either side of a partition, any link cut, held or delayed, pauses until resumed) runs
//!   to its end without a panic, the same way twice, and with fencing and the barrier on
//!   the monitor finds no violation.
//!
//! The number of cases is proptest's (256) unless PROPTEST_CASES says otherwise:
//! `scripts/fuzz` runs them by the ten thousand. Structural mutations of files (values,
//! keys and lines) are `fencing-model`'s import properties.

#![cfg(not(target_arch = "wasm32"))]

use fencing_sim::command::{
    ActorRef, ClockRateArgs, Command, ConfigPatch, Empty, LinkArgs, LinkDelayArgs, MessageArgs,
    NodeArgs, NodeRef, PartitionArgs, PauseArgs, ReleaseArgs, TimedCommand,
};
use fencing_sim::json_out::json_text;
use fencing_sim::scenario::{builtin, Scenario, BUILTIN};
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

/// Actor `n` of `nodes + 2`: a node, the lease store, or the storage.
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

/// The actors whose bit is set in `mask` (bit `nodes` the lease store, the next the
/// storage), leaving out those in `except`.
fn actors(mask: u16, nodes: u8, except: &[ActorRef]) -> Vec<ActorRef> {
    (0..nodes + 2)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| actor(i, nodes))
        .filter(|a| !except.contains(a))
        .collect()
}

/// A change of lease and timing settings in the middle of a run (fencing and the barrier
/// stay on); what `validate` refuses is skipped.
fn patch() -> impl Strategy<Value = ConfigPatch> {
    (
        prop::option::of(200u64..20_000),
        prop::option::of(50u64..10_000),
        prop::option::of(0u64..1_000),
        prop::option::of(20u64..3_000),
        prop::option::of((50u64..6_000, 0u64..6_000).prop_map(|(lo, d)| [lo, lo + d])),
        prop::option::of(50u64..4_000),
        prop::option::of(0u64..3_000),
        prop::option::of((0u64..300, 0u64..500).prop_map(|(lo, d)| [lo, lo + d])),
        prop::option::of(0u8..40),
    )
        .prop_map(
            |(lease, renew, jitter, hb, ft, write, work, lat, drop)| ConfigPatch {
                lease_ms: lease,
                renew_every_ms: renew,
                renew_jitter_ms: jitter,
                heartbeat_ms: hb,
                failure_timeout_ms: ft,
                write_every_ms: write,
                work_ms: work,
                latency_ms: lat,
                drop_percent: drop,
                ..ConfigPatch::default()
            },
        )
}

/// One fault of any kind (a pause until resumed maybe followed by its resume; one in five
/// a pause of the leader at the worst moment for longer than the lease), its numbers
/// drawn freely: links and partitions over every actor, the lease store and the storage
/// included; clock rates within the drift bound the nodes assume (`bound`).
fn fault(nodes: u8, bound: u64, lease_ms: u64) -> impl Strategy<Value = Vec<TimedCommand>> {
    let bound = bound as i64;
    (
        (1000u64..28_000, 0u8..20, 0u8..(nodes + 2), any::<bool>()),
        (100u64..15_000, 0u8..(nodes + 2), -bound..=bound),
        (any::<u16>(), any::<u16>(), patch()),
    )
        .prop_map(
            move |((at_ms, kind, a, flag), (ms, other, ppm), (mask_b, mask_both, patch))| {
                let n = a % nodes;
                let link = || LinkArgs {
                    from: actor(a, nodes),
                    to: actor(distinct(a, other, nodes), nodes),
                };
                let at = |command| TimedCommand { at_ms, command };
                let pause = |for_ms, after_lease_check| {
                    Command::Pause(PauseArgs {
                        node: node(n, flag),
                        for_ms,
                        after_lease_check,
                    })
                };
                match kind {
                    0 => vec![at(pause(Some(ms), false))],
                    1 => vec![at(pause(Some(ms), true))],
                    // Until resumed, and maybe resumed (the leader then may be another).
                    2 | 3 => {
                        let mut v = vec![at(pause(None, kind == 3))];
                        if other % 3 != 0 {
                            v.push(TimedCommand {
                                at_ms: at_ms + ms,
                                command: Command::Resume(NodeArgs {
                                    node: node(n, other % 3 == 1),
                                }),
                            });
                        }
                        v
                    }
                    4 => vec![at(Command::Crash(NodeArgs {
                        node: node(n, flag),
                    }))],
                    5 => vec![at(Command::Restart(NodeArgs {
                        node: node(n, false),
                    }))],
                    // Any actors on side B (the lease store and the storage too), any of
                    // the rest reaching both sides, and "leader" beside node numbers.
                    6 => {
                        let mut side_b = actors(mask_b, nodes, &[]);
                        if side_b.is_empty() {
                            side_b.push(actor(a, nodes));
                        }
                        if flag {
                            side_b.push(ActorRef::Node(NodeRef::Leader));
                        }
                        let both = actors(mask_both, nodes, &side_b);
                        let mut v = vec![at(Command::Partition(PartitionArgs { side_b, both }))];
                        if other % 2 == 0 {
                            v.push(TimedCommand {
                                at_ms: at_ms + ms,
                                command: Command::Heal(Empty {}),
                            });
                        }
                        v
                    }
                    7 => vec![at(Command::Heal(Empty {}))],
                    8 => vec![at(Command::CutLink(link()))],
                    9 => vec![at(Command::RestoreLink(link()))],
                    10 => vec![at(Command::LinkDelay(LinkDelayArgs {
                        from: link().from,
                        to: link().to,
                        extra_ms: ms,
                    }))],
                    11 => vec![at(Command::ClockRate(ClockRateArgs {
                        node: node(n, flag),
                        ppm,
                    }))],
                    // A hold, released later (delivered or dropped) or never.
                    12 => {
                        let mut v = vec![at(Command::Hold(link()))];
                        if other % 3 != 0 {
                            v.push(TimedCommand {
                                at_ms: at_ms + ms,
                                command: Command::Release(ReleaseArgs {
                                    from: link().from,
                                    to: link().to,
                                    drop: flag,
                                }),
                            });
                        }
                        v
                    }
                    13 => vec![at(Command::Release(ReleaseArgs {
                        from: link().from,
                        to: link().to,
                        drop: flag,
                    }))],
                    // Message ids count up from the start; some of these are in flight.
                    14 => vec![at(Command::HoldMessage(MessageArgs { id: ms / 8 }))],
                    15 => vec![at(Command::Set(patch))],
                    // The zombie: the leader frozen right after its lease check for
                    // longer than the lease.
                    _ => vec![at(Command::Pause(PauseArgs {
                        node: NodeRef::Leader,
                        for_ms: Some(lease_ms + ms),
                        after_lease_check: true,
                    }))],
                }
            },
        )
}

/// Lease and timing settings over their valid ranges (`Config::check`) and beyond what
/// makes sense (a renewal period longer than the lease, a timeout shorter than the
/// heartbeat), fencing and the barrier on.
fn config(nodes: u8) -> impl Strategy<Value = Config> {
    (
        (1u64..50, 200u64..20_000, 0u64..2_000, 0u64..1_000),
        (20u64..3_000, 50u64..6_000, 0u64..6_000, 50u64..4_000),
        (0u64..3_000, 0u64..100, 0u64..150, 0u8..30),
        prop_oneof![Just(0u64), Just(1000), Just(500_000), 0u64..=500_000],
        any::<bool>(),
    )
        .prop_map(
            move |(
                (first, lease, renew, jitter),
                (hb, ft, ft_spread, write),
                (work, lat, spread, drop),
                bound,
                default_timing,
            )| {
                let timing = Config {
                    lease_ms: lease,
                    // Mostly renewing within the lease, sometimes not.
                    renew_every_ms: 1 + renew.min(lease * 3 / 2),
                    renew_jitter_ms: jitter,
                    heartbeat_ms: hb,
                    failure_timeout_ms: [ft, ft + ft_spread],
                    write_every_ms: write,
                    work_ms: work,
                    ..Config::default()
                };
                Config {
                    nodes,
                    fencing: true,
                    barrier: true,
                    first_token: first,
                    latency_ms: [lat, lat + spread],
                    drop_percent: drop,
                    drift_bound_ppm: bound,
                    ..if default_timing {
                        Config::default()
                    } else {
                        timing
                    }
                }
            },
        )
}

/// A scenario: 3–7 nodes, any settings, fencing and the barrier on, up to eight faults
/// of any kind, in 30 s. Not always valid (e.g. a `set` whose timeout range is upside
/// down against the settings in force): `validate` decides.
fn scenario() -> impl Strategy<Value = Scenario> {
    (3u8..=7)
        .prop_flat_map(|nodes| (config(nodes), any::<u64>()))
        .prop_flat_map(|(config, seed)| {
            let faults = fault(config.nodes, config.drift_bound_ppm, config.lease_ms);
            prop::collection::vec(faults, 0..8).prop_map(move |faults| {
                let mut faults: Vec<TimedCommand> = faults.into_iter().flatten().collect();
                faults.sort_by_key(|f| f.at_ms);
                let mut s = builtin("free-play").unwrap();
                s.seed = seed;
                s.until_ms = 30_000;
                s.config = config.clone();
                s.faults = faults;
                s.narration.clear();
                s.expect = None;
                s
            })
        })
}

/// A generated scenario on any built-in one (its narration, lesson and expectations kept,
/// its settings and faults replaced), for the file round trip.
fn any_scenario() -> impl Strategy<Value = Scenario> {
    (0..BUILTIN.len(), scenario()).prop_map(|(which, generated)| {
        let mut s = builtin(BUILTIN[which].0).unwrap();
        s.seed = generated.seed;
        s.config = generated.config;
        s.faults = generated.faults;
        s
    })
}

/// The oracle for anything the parser accepts: written back and parsed again, the same.
fn round_trips(s: &Scenario) -> Result<(), TestCaseError> {
    let text = s.to_json_pretty();
    match Scenario::from_json(&text) {
        Ok(again) => prop_assert_eq!(&again, s, "written as {}", text),
        Err(e) => prop_assert!(false, "its own file is refused: {e}\n{text}"),
    }
    Ok(())
}

#[test]
fn every_builtin_scenario_round_trips_through_its_file() {
    for (name, text) in BUILTIN {
        let s = Scenario::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = Scenario::from_json(&s.to_json_pretty()).unwrap();
        assert_eq!(again, s, "{name}");
        assert_eq!(builtin(name).as_ref(), Some(&s), "{name}");
    }
}

#[test]
fn every_builtin_scenario_and_every_event_of_its_run_are_written_as_serde_json_writes_them() {
    for name in fencing_sim::scenario::builtin_names() {
        let s = builtin(name).unwrap();
        assert_eq!(json_text(&s), serde_json::to_string(&s).unwrap(), "{name}");
        let mut sim = fencing_sim::Sim::new(&s);
        sim.run_until(fencing_sim::SimTime::from_ms(s.until_ms));
        let events = sim.drain_events();
        assert!(events.len() > 100, "{name}");
        for e in &events {
            assert_eq!(json_text(e), serde_json::to_string(e).unwrap(), "{name}");
        }
    }
}

proptest! {
    // A generated schedule is occasionally refused (e.g. a partition with everyone on one
    // side); those are skipped, however many cases are asked for.
    #![proptest_config(ProptestConfig {
        max_global_rejects: u32::MAX,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_is_refused_with_a_message_or_round_trips(text in ".{0,400}") {
        match Scenario::from_json(&text) {
            Ok(s) => round_trips(&s)?,
            Err(e) => prop_assert!(!e.message.is_empty()),
        }
    }

    #[test]
    fn a_builtin_file_with_bytes_changed_is_refused_with_a_message_or_round_trips(
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
            match Scenario::from_json(text) {
                Ok(s) => round_trips(&s)?,
                Err(e) => prop_assert!(!e.message.is_empty(), "{}", BUILTIN[which].0),
            }
        }
    }

    #[test]
    fn a_generated_scenario_parses_back_from_its_file_or_is_refused_as_validate_says(
        s in any_scenario(),
    ) {
        let text = s.to_json_pretty();
        match (Scenario::from_json(&text), s.validate()) {
            (Ok(again), Ok(())) => prop_assert_eq!(again, s, "written as {}", text),
            (Err(e), Err(v)) => prop_assert_eq!(e, v),
            (parsed, valid) => prop_assert!(false, "parsed {:?} but validate {:?}", parsed.map(|_| ()), valid),
        }
    }

    #[test]
    fn any_valid_scenario_runs_the_same_twice_and_safely(s in scenario()) {
        prop_assume!(s.validate().is_ok());
        let (_, a) = run_to_end(&s);
        let (_, b) = run_to_end(&s);
        prop_assert_eq!(&a.trace_hash, &b.trace_hash);
        prop_assert_eq!(a.violation_count, 0, "violations: {:?}\nin {}", a.violations, s.to_json_pretty());
    }

    #[test]
    fn a_generated_scenario_and_its_run_are_written_as_serde_json_writes_them(s in any_scenario()) {
        prop_assert_eq!(json_text(&s), serde_json::to_string(&s).unwrap());
        prop_assume!(s.validate().is_ok());
        let mut sim = fencing_sim::Sim::new(&s);
        sim.run_until(fencing_sim::SimTime::from_ms(s.until_ms.min(20_000)));
        for e in sim.drain_events().iter().take(2_000) {
            prop_assert_eq!(json_text(e), serde_json::to_string(e).unwrap());
        }
    }

    #[test]
    fn any_json_value_is_written_as_serde_json_writes_it(v in json_value()) {
        prop_assert_eq!(json_text(&v), serde_json::to_string(&v).unwrap());
    }
}

/// Any JSON value: strings of any characters (control characters too), numbers whole,
/// negative and fractional, nested lists and objects.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
