//! Time travel: seeking anywhere gives exactly the state a fresh run reaches at that time;
//! acting in the past forks the run; the exported scenario reproduces the run.

use fencing_model::timeline::{Timeline, MAX_KEYFRAMES};
use fencing_sim::command::{Command, Empty, NodeRef, PartitionArgs, PauseArgs};
use fencing_sim::scenario::builtin;
use fencing_sim::view::Snapshot;
use fencing_sim::{Sim, SimTime};

fn fresh(t: &Timeline, at: SimTime) -> (String, Snapshot) {
    let mut sim = Sim::new(&t.as_scenario());
    sim.discard_events();
    sim.run_until(at);
    (sim.trace_hash().hex(), Snapshot::of(&sim))
}

fn pause_leader() -> Command {
    Command::Pause(PauseArgs {
        node: NodeRef::Leader,
        for_ms: Some(9000),
        after_lease_check: true,
    })
}

#[test]
fn seeking_anywhere_matches_a_fresh_run_to_that_time() {
    let mut t = Timeline::new(builtin("gc-pause-zombie").unwrap());
    t.advance_to(SimTime::from_ms(4_321));
    t.command(Command::Partition(PartitionArgs {
        side_b: vec![],
        both: vec![],
    }))
    .unwrap_err();
    t.advance_to(SimTime::from_ms(40_000));
    for ms in [
        0, 1, 4_321, 4_999, 5_000, 17_777, 29_999, 40_000, 2_500, 35_000,
    ] {
        let at = SimTime::from_ms(ms);
        t.seek(at, 0);
        assert_eq!(t.now(), at);
        let (hash, snap) = fresh(&t, at);
        assert_eq!(t.sim().trace_hash().hex(), hash, "at {ms} ms");
        assert_eq!(Snapshot::of(t.sim()), snap, "at {ms} ms");
    }
}

#[test]
fn seeking_with_history_gives_the_events_of_that_window() {
    let mut t = Timeline::new(builtin("gc-pause-zombie").unwrap());
    t.advance_to(SimTime::from_ms(30_000));
    t.seek(SimTime::from_ms(20_000), 3_000);
    let events = t.drain_events();
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e.t >= SimTime::from_ms(17_000) && e.t <= SimTime::from_ms(20_000)));
    assert!(events.first().unwrap().t < SimTime::from_ms(17_500));
}

#[test]
fn acting_in_the_past_forks_the_run_and_discards_its_future() {
    let mut t = Timeline::new(builtin("partitioned-leader").unwrap());
    t.advance_to(SimTime::from_ms(3_000));
    t.command(pause_leader()).unwrap();
    t.advance_to(SimTime::from_ms(12_000));
    t.command(Command::Heal(Empty {})).unwrap();
    t.advance_to(SimTime::from_ms(20_000));
    assert_eq!(t.commands().len(), 2);
    t.seek(SimTime::from_ms(8_000), 0);
    assert_eq!(t.commands_after_now(), 1, "the heal at 12 s lies ahead");
    t.command(Command::Heal(Empty {})).unwrap();
    assert_eq!(t.commands().len(), 2);
    assert_eq!(t.commands()[1].at_ms, 8_000);
    assert_eq!(t.frontier(), SimTime::from_ms(8_000));
    t.advance_to(SimTime::from_ms(15_000));
    let (hash, _) = fresh(&t, SimTime::from_ms(15_000));
    assert_eq!(t.sim().trace_hash().hex(), hash);
}

/// The timeline's warning in the past counts the user's later actions; with none, it names
/// the run after this moment (which acting also discards), not "0 later actions".
#[test]
fn the_warning_in_the_past_says_what_acting_discards() {
    use fencing_model::page::fork_cost;
    assert_eq!(
        fork_cost(0),
        "acting now discards the run after this moment"
    );
    assert_eq!(fork_cost(1), "acting now discards 1 later action");
    assert_eq!(fork_cost(3), "acting now discards 3 later actions");
}

#[test]
fn a_user_command_lands_on_a_whole_millisecond() {
    let mut t = Timeline::new(builtin("gc-pause-zombie").unwrap());
    t.advance_to(SimTime(2_000_400));
    let at = t.command(pause_leader()).unwrap();
    assert_eq!(at, SimTime::from_ms(2_001));
    assert_eq!(t.commands()[0].at_ms, 2_001);
}

#[test]
fn the_exported_scenario_reruns_to_the_same_trace_hash() {
    let mut t = Timeline::new(builtin("gc-pause-zombie").unwrap());
    t.advance_to(SimTime(3_456_789));
    t.command(pause_leader()).unwrap();
    t.advance_to(SimTime::from_ms(25_000));
    let s = t.as_scenario();
    let text = s.to_json_pretty();
    let reread = fencing_sim::Scenario::from_json(&text).unwrap();
    let (_, summary) = fencing_sim::summary::run_to_end(&reread);
    assert_eq!(summary.trace_hash, t.sim().trace_hash().hex());
    let replayed = Timeline::replay(
        builtin("gc-pause-zombie").unwrap(),
        t.commands(),
        t.frontier(),
    )
    .unwrap();
    assert_eq!(replayed.sim().trace_hash(), t.sim().trace_hash());
}

/// A replay (a link opened, the compare view's twin) keeps none of its events on the way:
/// an hour of them is tens of megabytes of wasm memory, never given back. The trace hash
/// still covers them; a seek with history then gives the recent ones, and the run goes on
/// making events as usual.
#[test]
fn a_replay_keeps_no_events_but_hashes_them_and_a_seek_brings_the_recent_ones() {
    let end = SimTime::from_ms(600_000);
    let mut t = Timeline::replay(
        builtin("gc-pause-zombie").unwrap(),
        &[fencing_sim::TimedCommand {
            at_ms: 3_000,
            command: pause_leader(),
        }],
        end,
    )
    .unwrap();
    assert!(t.drain_events().is_empty(), "nothing buffered on the way");
    let (hash, _) = fresh(&t, end);
    assert_eq!(t.sim().trace_hash().hex(), hash);
    t.seek(end, 15_000);
    let history = t.drain_events();
    assert!(!history.is_empty());
    assert!(history
        .iter()
        .all(|e| e.t.0 + 15_000_000 >= end.0 && e.t <= end));
    t.advance_to(SimTime::from_ms(601_000));
    assert!(
        !t.drain_events().is_empty(),
        "events again after the replay"
    );
}

#[test]
fn checkpoints_stay_bounded_over_a_long_lesson() {
    let mut t = Timeline::new(builtin("gc-pause-zombie").unwrap());
    for minutes in (10..=240).step_by(10) {
        t.advance_to(SimTime::from_ms(minutes * 60_000));
        t.drain_events();
    }
    assert!(
        t.keyframe_count() <= MAX_KEYFRAMES,
        "{}",
        t.keyframe_count()
    );
    t.seek(SimTime::from_ms(3_600_000 + 123), 0);
    let (hash, _) = fresh(&t, SimTime::from_ms(3_600_000 + 123));
    assert_eq!(t.sim().trace_hash().hex(), hash);
}

#[test]
fn a_node_paused_for_hours_keeps_a_bounded_inbox_and_keyframes_stay_small() {
    use fencing_sim::trace::DropReason;
    use fencing_sim::world::MAX_HELD_MESSAGES;
    use fencing_sim::{EventKind, NodeId};
    let mut t = Timeline::new(builtin("gc-pause-zombie").unwrap());
    t.advance_to(SimTime::from_ms(1_000));
    let pause = PauseArgs {
        node: NodeRef::Id(NodeId(1)),
        for_ms: None,
        after_lease_check: false,
    };
    t.command(Command::Pause(pause)).unwrap();
    let mut overflowed = 0;
    for minutes in 1..=30 {
        t.advance_to(SimTime::from_ms(minutes * 60_000));
        overflowed += t
            .drain_events()
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EventKind::Drop {
                        reason: DropReason::InboxFull,
                        ..
                    }
                )
            })
            .count();
    }
    // Held: the full inbox, plus at most one of each timer kind.
    let held = t.sim().held_count(NodeId(1));
    let timers = fencing_sim::node::TIMERS.len();
    assert!(
        (MAX_HELD_MESSAGES..=MAX_HELD_MESSAGES + timers).contains(&held),
        "{held}"
    );
    assert!(
        overflowed > 1000,
        "messages past the inbox's room are dropped: {overflowed}"
    );
    // On resume, the node works through what waited and rejoins.
    t.command(Command::Resume(fencing_sim::command::NodeArgs {
        node: NodeRef::Id(NodeId(1)),
    }))
    .unwrap();
    t.advance_to(SimTime::from_ms(31 * 60_000));
    assert_eq!(t.sim().held_count(NodeId(1)), 0);
}
