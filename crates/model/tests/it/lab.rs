//! The lab's reducer: each action gives the right command (at the next whole millisecond
//! of virtual time) and the right state; play, pause, speed and step are not commands; the
//! recorded run replays to the same trace.

use fencing_model::keys::key_action;
use fencing_model::lab::{MAX_FRAME_MS, SPEEDS};
use fencing_model::{Action, Lab, NodeCmd};
use fencing_sim::command::{ConfigPatch, NodeArgs, NodeRef, PauseArgs};
use fencing_sim::scenario::builtin;
use fencing_sim::view::NodeState;
use fencing_sim::{Command, NodeId, Sim, SimTime, TimedCommand};

fn speed_index(x: f64) -> usize {
    SPEEDS.iter().position(|s| *s == x).expect("offered speed")
}

/// A lab played (at 10×, 100 ms frames) until `ms` of virtual time.
fn lab_at(scenario: &str, ms: u64) -> Lab {
    let mut lab = Lab::with_scenario(builtin(scenario).unwrap());
    lab.apply(Action::SetSpeed(speed_index(10.0)));
    lab.apply(Action::Play);
    while lab.now() < SimTime::from_ms(ms) {
        lab.apply(Action::Tick(100.0));
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
    }
    lab
}

#[test]
fn a_command_is_scheduled_at_the_next_whole_millisecond_and_run_to() {
    let mut lab = Lab::new();
    lab.apply(Action::SetSpeed(speed_index(0.25)));
    lab.apply(Action::Play);
    lab.apply(Action::Tick(10.3)); // 10.3 ms × 0.25 = 2575 µs
    assert_eq!(lab.now(), SimTime(2575));
    assert!(lab.fencing());
    lab.apply(Action::ToggleFencing);
    assert_eq!(
        lab.commands(),
        vec![TimedCommand {
            at_ms: 3,
            command: Command::Set(ConfigPatch {
                fencing: Some(false),
                ..Default::default()
            })
        }]
    );
    assert_eq!(lab.now(), SimTime::from_ms(3));
    assert!(!lab.fencing());
    assert!(!lab.run.snapshot.storage.fencing);
}

#[test]
fn a_command_on_a_whole_millisecond_runs_at_that_millisecond() {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleBarrier);
    assert_eq!(lab.commands()[0].at_ms, 0);
    assert!(lab.barrier());
}

#[test]
fn play_pause_speed_and_step_are_not_commands() {
    let mut lab = Lab::new();
    lab.apply(Action::Play);
    lab.apply(Action::Tick(16.0));
    lab.apply(Action::Faster);
    lab.apply(Action::Slower);
    lab.apply(Action::Stop);
    let before = lab.now();
    lab.apply(Action::Tick(50.0));
    assert_eq!(lab.now(), before, "a tick while paused does not move time");
    lab.apply(Action::Step);
    assert!(lab.now() > before, "step reaches the next event");
    assert!(!lab.run.playing);
    assert!(lab.commands().is_empty());
}

#[test]
fn a_frame_advances_real_time_times_speed_capped_at_a_tenth_of_a_second() {
    // Free play after the first election: nothing in the next 5 s starts slow motion.
    let mut lab = lab_at("free-play", 4000);
    let start = lab.now();
    lab.apply(Action::SetSpeed(speed_index(50.0)));
    lab.apply(Action::Play);
    lab.apply(Action::Tick(5000.0)); // a background tab woke up
    assert_eq!(
        lab.now(),
        SimTime(start.0 + (MAX_FRAME_MS * 50.0) as u64 * 1000)
    );
}

#[test]
fn a_fast_frame_stops_at_an_event_that_starts_slow_motion() {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions);
    lab.apply(Action::SetSpeed(speed_index(50.0)));
    lab.apply(Action::Play);
    lab.apply(Action::Tick(100.0));
    // The first election comes before 5 s: the frame ends at it, in slow motion.
    let last = lab.run.events.iter().last().unwrap();
    assert_eq!(last.t, lab.now());
    assert!(lab.now() < SimTime::from_ms(5000));
    assert_eq!(lab.pace(), 0.5, "{:?}", lab.run.slow);
}

#[test]
fn pausing_the_selected_leader_records_a_pause_and_freezes_it() {
    let mut lab = lab_at("gc-pause-zombie", 4000);
    lab.apply(Action::SelectLeader);
    let leader = lab.view.selected.unwrap();
    assert_eq!(lab.current_leader(), Some(leader));
    lab.apply(Action::SetPauseSecs(7));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Pause {
            worst_moment: false,
            until_resumed: false,
        },
    });
    let last = lab.commands().last().unwrap();
    assert_eq!(last.at_ms, lab.now().as_ms());
    assert_eq!(
        last.command,
        Command::Pause(PauseArgs {
            node: NodeRef::Id(leader),
            for_ms: Some(7000),
            after_lease_check: false
        })
    );
    let node = &lab.run.snapshot.nodes[leader.0 as usize];
    assert!(matches!(
        node.state,
        NodeState::Paused { until: Some(_), .. }
    ));
    // Until resumed, then resume.
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Resume,
    });
    assert_eq!(
        lab.commands().last().unwrap().command,
        Command::Resume(NodeArgs {
            node: NodeRef::Id(leader)
        })
    );
    assert_eq!(
        lab.run.snapshot.nodes[leader.0 as usize].state,
        NodeState::Running
    );
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Pause {
            worst_moment: false,
            until_resumed: true,
        },
    });
    assert!(matches!(
        lab.run.snapshot.nodes[leader.0 as usize].state,
        NodeState::Paused { until: None, .. }
    ));
}

#[test]
fn pause_at_the_worst_moment_arms_the_pause() {
    let mut lab = lab_at("gc-pause-zombie", 3000);
    lab.apply(Action::SelectLeader);
    let leader = lab.view.selected.unwrap();
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Pause {
            worst_moment: true,
            until_resumed: false,
        },
    });
    assert!(matches!(
        &lab.commands().last().unwrap().command,
        Command::Pause(PauseArgs {
            after_lease_check: true,
            for_ms: Some(8000),
            ..
        })
    ));
    assert!(lab.run.snapshot.nodes[leader.0 as usize].pause_armed);
}

#[test]
fn crash_and_restart_the_selected_node() {
    let mut lab = lab_at("gc-pause-zombie", 3000);
    lab.apply(Action::Select(Some(NodeId(1))));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Crash,
    });
    assert_eq!(lab.run.snapshot.nodes[1].state, NodeState::Crashed);
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Restart,
    });
    assert_eq!(lab.run.snapshot.nodes[1].state, NodeState::Running);
    let names: Vec<&str> = lab.commands().iter().map(|c| c.command.name()).collect();
    assert_eq!(names, ["crash", "restart"]);
}

#[test]
fn a_node_action_names_its_node_and_a_key_without_one_says_how_to_choose() {
    let mut lab = lab_at("gc-pause-zombie", 3000);
    // Whatever is selected, the action acts on the node it names.
    lab.apply(Action::Select(Some(NodeId(0))));
    lab.apply(Action::Node {
        node: NodeId(3),
        cmd: NodeCmd::Crash,
    });
    assert_eq!(lab.run.snapshot.nodes[3].state, NodeState::Crashed);
    assert_eq!(lab.run.snapshot.nodes[0].state, NodeState::Running);
    // A node this run does not have is refused, with nothing recorded.
    let before = lab.commands().len();
    lab.apply(Action::Node {
        node: NodeId(6),
        cmd: NodeCmd::Crash,
    });
    assert_eq!(lab.commands().len(), before);
    assert_eq!(lab.talk.error.as_deref(), Some("this run has no node n6"));
    // A node's key with none selected: the five nodes' numbers, and nothing done.
    lab.apply(Action::Select(None));
    let action = key_action("c", false, lab.view.selected).unwrap();
    assert_eq!(action, Action::NodeNeeded);
    lab.apply(action);
    assert_eq!(lab.commands().len(), before);
    assert_eq!(
        lab.talk.error.as_deref(),
        Some("select a node first: click it, or press its number (0–4)")
    );
}

#[test]
fn a_refused_command_is_reported_and_not_recorded() {
    let mut lab = Lab::new();
    lab.apply(Action::Select(Some(NodeId(2))));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Restart,
    }); // scheduled; the sim skips it
    lab.apply(Action::Command(Command::Set(ConfigPatch {
        lease_ms: Some(0),
        ..Default::default()
    })));
    assert_eq!(
        lab.commands().len(),
        1,
        "the invalid setting is not recorded"
    );
    assert!(lab.talk.error.as_deref().unwrap().contains("lease_ms"));
}

#[test]
fn loading_a_scenario_starts_a_new_run_with_its_narration() {
    let mut lab = lab_at("gc-pause-zombie", 2000);
    lab.apply(Action::ToggleFencing);
    lab.apply(Action::Load("delayed-write".into()));
    assert_eq!(lab.run.scenario.name, "delayed-write");
    assert!(!lab.run.scenario.narration.is_empty());
    assert!(lab.commands().is_empty());
    assert_eq!(lab.now(), SimTime::ZERO);
    lab.apply(Action::SetSeed(42));
    assert_eq!(lab.run.scenario.seed, 42);
    lab.apply(Action::SetNodes(7));
    assert_eq!(lab.run.snapshot.nodes.len(), 7);
    lab.apply(Action::Reset);
    assert_eq!(
        lab.run.snapshot.nodes.len(),
        7,
        "reset keeps the run's settings"
    );
    assert_eq!(lab.run.scenario.seed, 42);
}

#[test]
fn play_stops_once_at_the_end_of_the_scenario() {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions); // this is about the end, not the questions
    lab.apply(Action::SetSpeed(speed_index(50.0)));
    lab.apply(Action::Play);
    // Slow motion eases the key moments, so it takes more frames than 50× alone would.
    for _ in 0..200 {
        lab.apply(Action::Tick(100.0));
    }
    assert_eq!(lab.now(), SimTime::from_ms(lab.run.scenario.until_ms));
    assert!(!lab.run.playing);
    lab.apply(Action::Play);
    lab.apply(Action::Tick(100.0));
    assert!(lab.now() > SimTime::from_ms(lab.run.scenario.until_ms));
}

#[test]
fn the_zombie_write_is_rejected_on_screen_data() {
    let lab = lab_at("gc-pause-zombie", 20_000);
    let rejected: Vec<String> = lab
        .run
        .snapshot
        .storage
        .recent
        .iter()
        .filter_map(|r| r.verdict.reason(r.token))
        .collect();
    assert_eq!(rejected, ["token 33 < 34"]);
}

#[test]
fn the_recorded_commands_replay_to_the_same_trace() {
    let mut lab = lab_at("gc-pause-zombie", 2500);
    lab.apply(Action::SelectLeader);
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Pause {
            worst_moment: true,
            until_resumed: false,
        },
    });
    lab.apply(Action::Play);
    for _ in 0..7 {
        lab.apply(Action::Tick(37.0));
    }
    lab.apply(Action::Select(Some(NodeId(0))));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Crash,
    });
    lab.apply(Action::ToggleFencing);
    for _ in 0..9 {
        lab.apply(Action::Tick(41.0));
    }
    let mut replay = Sim::new(&lab.as_scenario());
    replay.run_until(lab.now());
    assert_eq!(replay.trace_hash().hex(), lab.run.snapshot.trace_hash);
}

#[test]
fn the_event_ring_is_bounded() {
    let lab = lab_at("lease-too-short", 200_000);
    assert!(lab.run.events.len() <= fencing_model::event_ring::RING_EVENTS + 2000);
    assert!(lab.run.events.total() > lab.run.events.len() as u64);
}

/// Each event kept for the log has its number in the run, and a seek that re-simulates the
/// same events numbers them alike (the log keys its rows by it: a step back or a nearby
/// seek leaves the rows both sides share alone).
#[test]
fn a_seek_numbers_the_events_it_brings_back_as_before() {
    let numbered = |lab: &Lab| -> Vec<(u64, fencing_sim::Event)> {
        let total = lab.run.events.total();
        lab.run
            .events
            .iter()
            .rev()
            .enumerate()
            .map(|(i, e)| (total - i as u64, e.clone()))
            .collect()
    };
    let mut lab = lab_at("gc-pause-zombie", 30_000);
    assert_eq!(lab.run.events.total(), lab.sim().totals().events);
    let before = numbered(&lab);
    lab.apply(Action::Seek(SimTime::from_ms(27_000)));
    let after = numbered(&lab);
    assert_eq!(lab.run.events.total(), lab.sim().totals().events);
    let shared: Vec<_> = after
        .iter()
        .filter(|(n, _)| before.iter().any(|(m, _)| m == n))
        .collect();
    assert!(shared.len() > 50, "{} events on both sides", shared.len());
    for (n, e) in shared {
        let (_, was) = before.iter().find(|(m, _)| m == n).unwrap();
        assert_eq!(e, was, "event number {n}");
    }
    // And back to where it was: the same numbers for the same events.
    lab.apply(Action::Seek(SimTime::from_ms(30_000)));
    let again = numbered(&lab);
    assert_eq!(again.first(), before.first());
}

#[test]
fn keys_map_to_actions() {
    assert_eq!(
        key_action(" ", false, Some(NodeId(0))),
        Some(Action::TogglePlay)
    );
    assert_eq!(
        key_action("ArrowRight", false, Some(NodeId(0))),
        Some(Action::Step)
    );
    assert_eq!(
        key_action("3", false, Some(NodeId(0))),
        Some(Action::Select(Some(NodeId(3))))
    );
    assert_eq!(
        key_action("P", true, Some(NodeId(2))),
        Some(Action::Node {
            node: NodeId(2),
            cmd: NodeCmd::Pause {
                worst_moment: true,
                until_resumed: false
            }
        })
    );
    assert_eq!(
        key_action("r", false, Some(NodeId(1))),
        Some(Action::Node {
            node: NodeId(1),
            cmd: NodeCmd::Resume
        })
    );
    assert_eq!(key_action("R", true, Some(NodeId(0))), Some(Action::Reset));
    assert_eq!(
        key_action("f", false, Some(NodeId(0))),
        Some(Action::ToggleFencing)
    );
    assert_eq!(
        key_action("?", true, Some(NodeId(0))),
        Some(Action::ShowHelp(true))
    );
    assert_eq!(
        key_action("q", false, Some(NodeId(0))),
        Some(Action::ToggleQuestions)
    );
    assert_eq!(key_action("z", false, Some(NodeId(0))), None);
}

/// While playing fast, each throttled part refreshes about four times a second, and never in
/// the same frame as another.
#[test]
fn throttled_parts_refresh_in_their_own_frames() {
    use fencing_model::refresh::{throttled, Slot};
    use std::cell::RefCell;
    use std::rc::Rc;
    let caches: Vec<Rc<RefCell<(i64, u32)>>> = Slot::ALL
        .iter()
        .map(|_| Rc::new(RefCell::new((i64::MIN, 0))))
        .collect();
    let mut refreshed_at: Vec<Vec<u32>> = vec![Vec::new(); Slot::ALL.len()];
    // Two seconds of 60 Hz frames, starting at an arbitrary page time.
    for frame in 1..=120u32 {
        let now_real = 12_345.6 + frame as f64 * 1000.0 / 60.0;
        for (i, slot) in Slot::ALL.iter().enumerate() {
            if throttled(&caches[i], frame, true, now_real, *slot, |_, _| true) == frame {
                refreshed_at[i].push(frame);
            }
        }
    }
    for (i, frames) in refreshed_at.iter().enumerate() {
        // The first frame fills every cache; after it, one refresh per 250 ms.
        assert!(
            (8..=10).contains(&frames.len()),
            "{:?} refreshed in frames {frames:?}",
            Slot::ALL[i]
        );
        for other in refreshed_at.iter().skip(i + 1) {
            let shared: Vec<_> = frames
                .iter()
                .skip(1)
                .filter(|f| other.contains(f))
                .collect();
            assert!(
                shared.is_empty(),
                "two parts refreshed in frames {shared:?}"
            );
        }
    }
    // Not fast: every frame is fresh. Another run: fresh at once.
    let cache = Rc::new(RefCell::new((i64::MIN, 0u32)));
    assert_eq!(throttled(&cache, 1, false, 0.0, Slot::Log, |_, _| true), 1);
    assert_eq!(throttled(&cache, 2, false, 1.0, Slot::Log, |_, _| true), 2);
    assert_eq!(throttled(&cache, 3, true, 2.0, Slot::Log, |_, _| true), 2);
    assert_eq!(throttled(&cache, 4, true, 3.0, Slot::Log, |_, _| false), 4);
}

/// The `?` overlay lists every shortcut there is, and every one it lists works.
#[test]
fn the_shortcut_list_and_the_keys_agree() {
    use fencing_model::keys::SHORTCUTS;
    let listed: Vec<(&str, bool)> = SHORTCUTS
        .iter()
        .flat_map(|s| s.keys.iter().copied())
        .collect();
    for (key, shift) in &listed {
        assert!(
            key_action(key, *shift, Some(NodeId(0))).is_some(),
            "{key:?} is listed but does nothing"
        );
    }
    // Every key that does something is listed (in either case, for letters).
    let mut keys: Vec<String> = (0x20u8..0x7f).map(|b| (b as char).to_string()).collect();
    keys.extend(
        [
            "ArrowLeft",
            "ArrowRight",
            "ArrowUp",
            "ArrowDown",
            "Escape",
            "Enter",
            "Tab",
        ]
        .map(String::from),
    );
    for key in &keys {
        for shift in [false, true] {
            if key_action(key, shift, Some(NodeId(0))).is_none() {
                continue;
            }
            let lower = key.to_lowercase();
            let known = listed.iter().any(|(k, _)| {
                *k == key.as_str()
                    || k.to_lowercase() == lower
                    || (key == "=" && *k == "+")
                    || (key == "_" && *k == "-")
            });
            assert!(
                known,
                "{key:?} (shift {shift}) works but is not in the list"
            );
        }
    }
}

#[test]
fn moving_through_time_is_reported_in_seconds_as_the_log_writes_them() {
    let mut lab = lab_at("gc-pause-zombie", 20_000);
    lab.apply(Action::Seek(SimTime::from_ms(12_500)));
    let whole = lab.frontier().0;
    let of = format!("{}.{:03} s", whole / 1_000_000, whole / 1000 % 1000);
    assert_eq!(lab.talk.status, format!("at 12.500 s of {of}"));
    lab.apply(Action::StepBack);
    assert!(
        lab.talk.status.starts_with("stepped back to 12.4"),
        "{}",
        lab.talk.status
    );
    assert!(lab.talk.status.ends_with(" s"), "{}", lab.talk.status);
    lab.apply(Action::Stop);
    assert!(
        lab.talk.status.starts_with("stopped at 12.4"),
        "{}",
        lab.talk.status
    );
    lab.apply(Action::JumpTo(SimTime::from_ms(25_000)));
    assert_eq!(lab.talk.status, "at 25.000 s of 25.000 s");
}
