//! The controls send intents; the reducer turns each into the command a scenario file
//! would write, at the next whole millisecond, and a refused one changes nothing.

use fencing_model::intent::SplitPlan;
use fencing_model::{Action, Lab};
use fencing_sim::command::ConfigPatch;
use fencing_sim::network::Side;
use fencing_sim::{Actor, Config, NodeId, SimTime};

/// The last command the lab recorded, as a scenario file writes it.
fn last_written(lab: &Lab) -> String {
    serde_json::to_string(lab.commands().last().expect("a command")).unwrap()
}

#[test]
fn each_intent_becomes_the_command_a_file_would_write() {
    let (n2, storage, lease) = (Actor::Node(NodeId(2)), Actor::Storage, Actor::Lease);
    let cases: Vec<(Action, &str)> = vec![
        (
            Action::SetClockPpm {
                node: NodeId(2),
                ppm: -50_000,
            },
            r#"{"at_ms":0,"clock_rate":{"node":2,"ppm":-50000}}"#,
        ),
        (
            Action::SetClockPpm {
                node: NodeId(1),
                ppm: 10,
            },
            r#"{"at_ms":0,"clock_rate":{"node":1,"ppm":10}}"#,
        ),
        (
            Action::Split {
                side_b: vec![n2, lease],
                both: vec![storage],
            },
            r#"{"at_ms":0,"partition":{"side_b":[2,"lease"],"both":["storage"]}}"#,
        ),
        (
            Action::CutLink {
                from: n2,
                to: storage,
            },
            r#"{"at_ms":0,"cut_link":{"from":2,"to":"storage"}}"#,
        ),
        (
            Action::RestoreLink {
                from: storage,
                to: n2,
            },
            r#"{"at_ms":0,"restore_link":{"from":"storage","to":2}}"#,
        ),
        (
            Action::DelayLink {
                from: n2,
                to: storage,
                extra_ms: 90_000,
            },
            r#"{"at_ms":0,"link_delay":{"from":2,"to":"storage","extra_ms":90000}}"#,
        ),
        (
            Action::SetNetwork {
                latency_ms: [10, 40],
                drop_percent: 5,
            },
            r#"{"at_ms":0,"set":{"latency_ms":[10,40],"drop_percent":5}}"#,
        ),
        (
            Action::SetConfig(ConfigPatch::between(&Config::default(), &{
                let mut c = Config::default();
                (c.lease_ms, c.renew_every_ms, c.heartbeat_ms) = (3000, 1000, 300);
                (c.renew_jitter_ms, c.failure_timeout_ms) = (100, [1000, 2000]);
                (c.write_every_ms, c.work_ms, c.drift_bound_ppm) = (3000, 50, 10_000);
                c
            })),
            r#"{"at_ms":0,"set":{"lease_ms":3000,"renew_every_ms":1000,"renew_jitter_ms":100,"heartbeat_ms":300,"failure_timeout_ms":[1000,2000],"write_every_ms":3000,"work_ms":50,"drift_bound_ppm":10000}}"#,
        ),
    ];
    for (action, written) in cases {
        let mut lab = Lab::new();
        lab.apply(action.clone());
        assert_eq!(lab.talk.error, None, "{action:?}");
        assert_eq!(lab.commands().len(), 1, "{action:?}");
        assert_eq!(last_written(&lab), written, "{action:?}");
    }
}

#[test]
fn the_intents_change_the_run_as_they_say() {
    let mut lab = Lab::new();
    lab.apply(Action::SetClockPpm {
        node: NodeId(3),
        ppm: -100_000,
    });
    assert_eq!(lab.run.snapshot.nodes[3].clock_rate_ppm, -100_000);
    lab.apply(Action::Split {
        side_b: vec![Actor::Node(NodeId(0))],
        both: vec![Actor::Storage],
    });
    assert!(lab.run.snapshot.partitioned);
    assert_eq!(lab.run.snapshot.nodes[0].side, Some(Side::B));
    assert_eq!(lab.run.snapshot.storage.side, Some(Side::Both));
    lab.apply(Action::Heal);
    assert!(!lab.run.snapshot.partitioned);
    lab.apply(Action::SetNetwork {
        latency_ms: [5, 9],
        drop_percent: 0,
    });
    assert_eq!(lab.config().latency_ms, [5, 9]);
}

#[test]
fn a_refused_intent_names_the_problem_and_changes_nothing() {
    let mut lab = Lab::new();
    lab.apply(Action::Play);
    lab.apply(Action::Tick(10.3));
    lab.apply(Action::Stop);
    let (now, hash) = (lab.now(), lab.trace_hash());
    lab.apply(Action::SetNetwork {
        latency_ms: [90, 10],
        drop_percent: 0,
    });
    let error = lab.talk.error.clone().expect("refused");
    assert!(error.contains("latency_ms"), "{error}");
    assert!(lab.commands().is_empty());
    assert_eq!(lab.now(), now, "a refused command does not move time");
    assert_eq!(lab.trace_hash(), hash);
    lab.apply(Action::CutLink {
        from: Actor::Storage,
        to: Actor::Storage,
    });
    assert!(lab
        .talk
        .error
        .as_deref()
        .unwrap_or_default()
        .contains("two different actors"));
    lab.apply(Action::SetClockPpm {
        node: NodeId(9),
        ppm: -100_000,
    });
    assert!(lab
        .talk
        .error
        .as_deref()
        .unwrap_or_default()
        .contains("node 9 does not exist"));
    assert!(lab.commands().is_empty());
}

#[test]
fn a_refused_command_in_the_past_does_not_fork_the_run() {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleFencing);
    lab.apply(Action::Step);
    lab.apply(Action::Step);
    lab.apply(Action::ToggleBarrier);
    let frontier = lab.frontier();
    lab.apply(Action::Seek(SimTime::ZERO));
    assert_eq!(lab.commands_after_now(), 1);
    lab.apply(Action::SetNetwork {
        latency_ms: [90, 10],
        drop_percent: 0,
    });
    assert!(lab.talk.error.is_some());
    assert_eq!(lab.commands().len(), 2, "nothing discarded");
    assert_eq!(lab.frontier(), frontier);
}

#[test]
fn a_split_plan_puts_everyone_on_side_a_until_placed() {
    let actors = [
        Actor::Node(NodeId(0)),
        Actor::Node(NodeId(1)),
        Actor::Lease,
        Actor::Storage,
    ];
    let plan = SplitPlan::default();
    assert!(actors.iter().all(|a| plan.side_of(*a) == Side::A));
    assert_eq!(
        plan.action(&actors),
        None,
        "no wall without someone on side B"
    );
    let plan = plan
        .with(Actor::Node(NodeId(1)), Side::B)
        .with(Actor::Storage, Side::Both)
        .with(Actor::Node(NodeId(1)), Side::B);
    assert_eq!(
        plan.action(&actors),
        Some(Action::Split {
            side_b: vec![Actor::Node(NodeId(1))],
            both: vec![Actor::Storage],
        })
    );
    let plan = plan.with(Actor::Node(NodeId(1)), Side::A);
    assert_eq!(plan.action(&actors), None);
    let alone = SplitPlan::leader_alone(Some(NodeId(0)));
    assert_eq!(alone.side_of(Actor::Node(NodeId(0))), Side::B);
    assert_eq!(alone.side_of(Actor::Storage), Side::Both);
    assert_eq!(SplitPlan::leader_alone(None), SplitPlan::default());
}

#[test]
fn the_controls_show_the_partition_in_force_whoever_made_it_and_heal_clears_it() {
    use fencing_model::intent::SplitPlan;
    // gc-pause-zombie's own faults do not split; a scenario's partition does.
    let mut lab = Lab::with_scenario(fencing_sim::scenario::builtin("partitioned-leader").unwrap());
    let actors: Vec<Actor> = (0..lab.run.snapshot.nodes.len() as u8)
        .map(|i| Actor::Node(NodeId(i)))
        .chain([Actor::Lease, Actor::Storage])
        .collect();
    assert_eq!(SplitPlan::in_force(&lab.run.snapshot), SplitPlan::default());
    // The scenario splits at 6 s: the leader alone on side B, the storage on both.
    if lab.teaching.quiz.on() {
        lab.apply(Action::ToggleQuestions);
    }
    lab.apply(Action::TogglePlay);
    while lab.now() < SimTime::from_ms(7_000) {
        lab.apply(Action::Tick(20.0));
    }
    let leader = lab
        .run
        .snapshot
        .nodes
        .iter()
        .find(|n| n.side == Some(Side::B))
        .expect("the leader cut off")
        .id;
    let by_scenario = SplitPlan::in_force(&lab.run.snapshot);
    assert_eq!(by_scenario.side_of(Actor::Node(leader)), Side::B);
    assert_eq!(by_scenario.side_of(Actor::Storage), Side::Both);
    lab.apply(Action::Heal);
    lab.apply(Action::Split {
        side_b: vec![Actor::Node(NodeId(1)), Actor::Lease],
        both: vec![Actor::Storage],
    });
    let plan = SplitPlan::in_force(&lab.run.snapshot);
    assert_eq!(plan.side_of(Actor::Node(NodeId(1))), Side::B);
    assert_eq!(plan.side_of(Actor::Storage), Side::Both);
    assert_eq!(plan.side_of(Actor::Node(NodeId(0))), Side::A);
    assert_eq!(
        plan.words(&actors),
        "n1, lease store on side B; storage on both sides"
    );
    assert_eq!(
        plan.in_force_line(&actors),
        "In force now: n1, lease store on side B; storage on both sides."
    );
    lab.apply(Action::Heal);
    assert_eq!(SplitPlan::in_force(&lab.run.snapshot), SplitPlan::default());
    assert_eq!(SplitPlan::default().words(&actors), "");
    assert_eq!(
        SplitPlan::default().in_force_line(&actors),
        "In force now: no partition; the network is whole."
    );
}
