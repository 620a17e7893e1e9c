//! The lab's time travel, sharing and comparing, on the reducer: seeking draws what a fresh
//! run to that time draws; step back undoes the last event time; acting in the past forks;
//! a link and an exported trace reopen the same run (same trace hash); every bad file is
//! refused with its problem named and the run left exactly as it was; compare shows the
//! rejection and the lost update side by side.

use fencing_model::keys::key_action;
use fencing_model::lab::SPEEDS;
use fencing_model::share::{import_trace, MAX_IMPORT_BYTES};
use fencing_model::{Action, Lab, NodeCmd, Outgoing};
use fencing_sim::command::NodeArgs;
use fencing_sim::scenario::builtin;
use fencing_sim::view::Snapshot;
use fencing_sim::{Command, NodeId, Sim, SimTime};
use std::rc::Rc;

fn play_to(lab: &mut Lab, ms: u64) {
    lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
    while lab.now() < SimTime::from_ms(ms) {
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
        lab.apply(Action::Tick(100.0));
    }
    lab.apply(Action::Stop);
}

/// gc-pause-zombie played to 4 s, node 1 crashed there, then played on to `ms`.
fn lab_with_a_command(ms: u64) -> Lab {
    let mut lab = Lab::new();
    play_to(&mut lab, 4_000);
    lab.apply(Action::Select(Some(NodeId(1))));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Crash,
    });
    play_to(&mut lab, ms);
    lab
}

/// A fresh simulation of the run's scenario file (commands as faults) to `t`.
fn fresh_snapshot(lab: &Lab, t: SimTime) -> Snapshot {
    let mut sim = Sim::new(&lab.as_scenario());
    sim.run_until(t);
    Snapshot::of(&sim)
}

/// What must not change when something is refused.
fn fingerprint(lab: &Lab) -> (String, SimTime, usize, String) {
    (
        lab.trace_hash(),
        lab.now(),
        lab.commands().len(),
        lab.run.scenario.name.clone(),
    )
}

#[test]
fn seeking_anywhere_draws_what_a_fresh_run_to_that_time_draws() {
    let mut lab = lab_with_a_command(30_000);
    for ms in [12_345, 3_999, 4_000, 29_000, 0, 17_500, 30_000] {
        let t = SimTime::from_ms(ms);
        lab.apply(Action::Seek(t));
        assert_eq!(lab.now(), t);
        assert_eq!(*lab.run.snapshot, fresh_snapshot(&lab, t), "at {ms} ms");
    }
    assert_eq!(
        lab.frontier(),
        SimTime::from_ms(30_000),
        "seeking keeps the run"
    );
    assert_eq!(lab.commands().len(), 1, "seeking is not a command");
}

#[test]
fn a_seek_refills_the_log_with_the_events_before_that_moment() {
    let mut lab = lab_with_a_command(40_000);
    lab.apply(Action::Seek(SimTime::from_ms(20_000)));
    let first = lab.run.events.first_time().unwrap();
    assert!(first <= SimTime::from_ms(6_000), "{first}");
    assert!(lab
        .run
        .events
        .iter()
        .all(|e| e.t <= SimTime::from_ms(20_000)));
}

#[test]
fn playing_on_after_a_seek_replays_the_same_future() {
    let mut lab = lab_with_a_command(20_000);
    lab.apply(Action::Seek(SimTime::from_ms(20_000)));
    let end_hash = lab.trace_hash();
    lab.apply(Action::Seek(SimTime::from_ms(2_000)));
    play_to(&mut lab, 20_000);
    lab.apply(Action::Seek(SimTime::from_ms(20_000)));
    assert_eq!(
        lab.trace_hash(),
        end_hash,
        "the crash at 4 s happened again"
    );
}

#[test]
fn step_back_goes_to_just_before_the_last_event_time_and_step_returns() {
    let mut lab = lab_with_a_command(9_000);
    lab.apply(Action::Step);
    let (t, hash) = (lab.now(), lab.trace_hash());
    lab.apply(Action::StepBack);
    assert_eq!(lab.now(), SimTime(t.0 - 1));
    assert!(!lab.run.playing);
    assert_eq!(*lab.run.snapshot, fresh_snapshot(&lab, SimTime(t.0 - 1)));
    lab.apply(Action::Step);
    assert_eq!((lab.now(), lab.trace_hash()), (t, hash));
    assert_eq!(
        key_action("ArrowLeft", false, Some(NodeId(0))),
        Some(Action::StepBack)
    );
}

#[test]
fn acting_in_the_past_forks_and_says_how_many_actions_were_discarded() {
    let mut lab = lab_with_a_command(12_000);
    lab.apply(Action::Seek(SimTime::from_ms(2_000)));
    assert_eq!(lab.commands_after_now(), 1);
    lab.apply(Action::Command(Command::Crash(NodeArgs {
        node: fencing_sim::command::NodeRef::Id(NodeId(2)),
    })));
    assert_eq!(lab.commands().len(), 1);
    assert_eq!(lab.commands()[0].at_ms, 2_000);
    assert_eq!(lab.frontier(), SimTime::from_ms(2_000));
    assert!(lab.talk.status.contains("forked"), "{}", lab.talk.status);
    assert!(
        lab.talk.status.contains("1 later action was discarded"),
        "{}",
        lab.talk.status
    );
    assert_eq!(lab.commands_after_now(), 0);
}

#[test]
fn a_link_reopens_the_same_run_with_the_same_trace_hash() {
    let mut lab = lab_with_a_command(7_777);
    lab.apply(Action::Tick(0.0));
    lab.apply(Action::MakeShareLink);
    let link = lab.talk.share_link.clone().unwrap();
    assert!(matches!(&lab.talk.out, Some((_, Outgoing::CopyLink(l))) if *l == link));
    let mut other = Lab::new();
    other.apply(Action::OpenAddress(format!("#{link}")));
    assert_eq!(other.talk.notice, None);
    assert_eq!(other.now(), lab.now());
    assert_eq!(other.trace_hash(), lab.trace_hash());
    assert_eq!(other.commands(), lab.commands());
    assert!(!other.run.playing);
    // The log and the diagram are refilled with the moments before it.
    let first = other.run.events.first_time().expect("events to draw");
    assert!(first <= SimTime::from_ms(2_000), "{first}");
    assert_eq!(
        other.run.events.iter().last().map(|e| e.t),
        lab.run.events.iter().last().map(|e| e.t)
    );
}

#[test]
fn a_bad_link_leaves_the_default_run_and_a_dismissable_notice() {
    let mut lab = Lab::new();
    let before = fingerprint(&lab);
    lab.apply(Action::OpenAddress("run=v1.eyJiIjoiZ2MtcGF1c2Ut".into()));
    assert!(lab.talk.notice.as_deref().unwrap().contains("incomplete"));
    assert_eq!(fingerprint(&lab), before);
    lab.apply(Action::DismissNotice);
    assert_eq!(lab.talk.notice, None);
}

#[test]
fn an_exported_trace_imports_to_the_same_run() {
    let mut lab = lab_with_a_command(6_000);
    lab.apply(Action::ExportTrace);
    let Some((_, Outgoing::Download { name, text, .. })) = lab.talk.out.clone() else {
        panic!("no download")
    };
    assert!(name.ends_with(".trace.jsonl"), "{name}");
    let (header, _) = import_trace(&text).unwrap();
    assert_eq!(header.trace_hash, lab.trace_hash());
    let mut other = Lab::new();
    other.apply(Action::Import {
        name,
        bytes: Rc::new(text.as_bytes().to_vec()),
    });
    assert_eq!(other.talk.notice, None);
    assert_eq!(other.trace_hash(), lab.trace_hash());
    assert_eq!(other.now(), lab.now());
}

#[test]
fn an_exported_scenario_imports_and_reruns_to_the_same_hash() {
    let mut lab = lab_with_a_command(6_000);
    lab.apply(Action::ExportScenario);
    let Some((_, Outgoing::Download { name, text, .. })) = lab.talk.out.clone() else {
        panic!("no download")
    };
    let mut other = Lab::new();
    other.apply(Action::Import {
        name,
        bytes: Rc::new(text.as_bytes().to_vec()),
    });
    assert_eq!(other.talk.notice, None);
    play_to(&mut other, lab.now().as_ms());
    assert_eq!(other.now(), lab.now(), "play stops at the file's end");
    assert_eq!(other.trace_hash(), lab.trace_hash());
}

#[test]
fn every_bad_file_is_refused_with_its_problem_and_the_run_unchanged() {
    let mut lab = lab_with_a_command(6_000);
    lab.apply(Action::ExportTrace);
    let Some((_, Outgoing::Download { text: trace, .. })) = lab.talk.out.clone() else {
        panic!("no download")
    };
    let lines: Vec<&str> = trace.lines().collect();
    let truncated = lines[..lines.len() - 3].join("\n");
    let edited = trace.replacen("\"t\":", "\"t\":1", 1);
    let newer = trace.replacen("\"fencing_lab_trace\":1", "\"fencing_lab_trace\":9", 1);
    // Consistent events and hash, but a header scenario that does not make them.
    let other_seed = {
        let (mut h, events) = import_trace(&trace).unwrap();
        h.scenario.seed += 1;
        fencing_model::share::export_trace(&h.scenario, &events)
    };
    let too_large = vec![b' '; MAX_IMPORT_BYTES + 1];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("notes.json", b"hello, not json".to_vec(), "notes.json"),
        ("bin.json", vec![0xff, 0xfe, 0x00, 0x81], "not a text file"),
        (
            "unknown.json",
            br#"{"title": "t", "seed": 1, "colour": "red"}"#.to_vec(),
            "colour",
        ),
        (
            "node.json",
            br#"{"title": "t", "until_ms": 100, "faults": [{"at_ms": 10, "crash": {"node": 9}}]}"#
                .to_vec(),
            "node 9",
        ),
        ("newer.jsonl", newer.into_bytes(), "format 9"),
        ("cut.jsonl", truncated.into_bytes(), "truncated"),
        ("edited.jsonl", edited.into_bytes(), "changed after export"),
        (
            "seed.jsonl",
            other_seed.into_bytes(),
            "replaying its scenario",
        ),
        ("big.json", too_large, "limit"),
    ];
    let before = fingerprint(&lab);
    let snapshot = lab.run.snapshot.clone();
    for (name, bytes, says) in cases {
        lab.apply(Action::Import {
            name: name.into(),
            bytes: Rc::new(bytes),
        });
        let notice = lab.talk.notice.clone().unwrap_or_default();
        assert!(notice.contains(name), "{name}: {notice}");
        assert!(
            notice.contains(says),
            "{name}: expected '{says}' in: {notice}"
        );
        assert_eq!(fingerprint(&lab), before, "{name} changed the run");
        assert!(
            Rc::ptr_eq(&lab.run.snapshot, &snapshot),
            "{name} redrew the run"
        );
        lab.apply(Action::DismissNotice);
    }
}

#[test]
fn compare_shows_the_rejection_and_the_lost_update_side_by_side() {
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::ToggleCompare);
    let twin = lab.run.twin.as_ref().expect("compare is on");
    assert!(!twin.fencing());
    play_to(&mut lab, 20_000);
    let (main, twin) = (
        &lab.run.snapshot.storage,
        &lab.run.twin.as_ref().unwrap().snapshot.storage,
    );
    assert_eq!((main.rejected, main.stale_accepted), (1, 0));
    assert_eq!((twin.rejected, twin.stale_accepted), (0, 1));
    // Each half has its own findings and its own events, for its strip and its diagram:
    // the twin's diagram marks the stale write where this run's marks the rejection.
    let tw = lab.run.twin.as_ref().unwrap();
    assert_eq!(tw.snapshot.findings.stale_accepted, 1);
    assert_eq!(lab.run.snapshot.findings.stale_accepted, 0);
    let verdicts = |events: &fencing_model::EventRing| -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match &e.kind {
                fencing_sim::trace::EventKind::Write { verdict, .. } => {
                    serde_json::to_value(verdict).unwrap()["verdict"]
                        .as_str()
                        .map(String::from)
                }
                _ => None,
            })
            .collect()
    };
    assert!(verdicts(&tw.events).contains(&"stale_accepted".to_string()));
    assert!(!verdicts(&tw.events).contains(&"rejected".to_string()));
    assert!(verdicts(&lab.run.events).contains(&"rejected".to_string()));
    let (start, end) = (0, lab.now().0);
    let twin_diagram = fencing_model::diagram::items(&tw.events, &tw.snapshot, start, end);
    let main_diagram =
        fencing_model::diagram::items(&lab.run.events, &lab.run.snapshot, start, end);
    assert_ne!(twin_diagram, main_diagram, "two different diagrams");
    // A seek re-simulates the twin's history too, as this run's.
    lab.apply(Action::Seek(SimTime::from_ms(19_500)));
    let tw = lab.run.twin.as_ref().unwrap();
    assert!(verdicts(&tw.events).contains(&"stale_accepted".to_string()));
    assert!(tw.events.iter().all(|e| e.t <= SimTime::from_ms(19_500)));
    assert_eq!(tw.events.run_id(), lab.run.events.run_id());
    // A command applies to both; a seek moves both.
    lab.apply(Action::Seek(SimTime::from_ms(5_000)));
    assert_eq!(
        lab.run.twin.as_ref().unwrap().snapshot.now,
        SimTime::from_ms(5_000)
    );
    lab.apply(Action::Heal);
    assert_eq!(lab.run.twin.as_ref().unwrap().snapshot.now, lab.now());
    lab.apply(Action::ToggleCompare);
    assert!(lab.run.twin.is_none());
}

/// Seeking anywhere in an hour-long run lands exactly there, with the diagram's window of
/// history before it (and nothing older). Its cost is measured by scripts/bench, not here.
#[test]
fn seeking_anywhere_in_an_hour_long_run_lands_there_with_its_history() {
    let mut lab = Lab::new();
    // An hour-long run, opened as a link would be.
    let link = fencing_model::share::encode_link(&fencing_model::share::RunSpec {
        scenario: (*lab.run.scenario).clone(),
        commands: vec![],
        at_ms: 3_600_000,
    });
    lab.apply(Action::OpenAddress(link));
    assert_eq!(lab.now(), SimTime::from_ms(3_600_000));
    let history_us = fencing_model::lab::SEEK_HISTORY_MS * 1000;
    for i in 0..12u64 {
        let t = SimTime::from_ms(((i + 1) * 7_919_993) % 3_600_000);
        lab.apply(Action::Seek(t));
        assert_eq!(lab.now(), t);
        let first = lab
            .run
            .events
            .first_time()
            .expect("events before the moment");
        assert!(
            first.0 + history_us >= t.0,
            "history reaches back past the window at {t}"
        );
        assert!(
            lab.run.events.iter().all(|e| e.t <= t),
            "an event after {t}"
        );
    }
}

#[test]
fn compare_the_barrier_on_and_off_the_gap_closes_in_one_half() {
    // stale-before-new-write: the old leader's write lands after term 34 is granted but
    // before the new leader's first write; without the barrier it gets through the gap.
    let mut lab = Lab::with_scenario(builtin("stale-before-new-write").unwrap());
    assert!(!lab.barrier());
    lab.apply(Action::Compare(fencing_model::lab::Knob::Barrier));
    let twin = lab.run.twin.as_ref().expect("compare is on");
    assert_eq!(twin.differs(), "barrier on");
    let until = lab.run.scenario.until_ms;
    play_to(&mut lab, until);
    let (main, twin) = (
        &lab.run.snapshot.storage,
        &lab.run.twin.as_ref().unwrap().snapshot.storage,
    );
    assert!(main.superseded_accepted >= 1, "{main:?}");
    assert_eq!(twin.superseded_accepted, 0, "{twin:?}");
    assert!(twin.rejected >= 1, "{twin:?}");
    assert_eq!(
        fencing_model::derived::storage_title(&lab),
        "Storage, barrier off"
    );
    // Switching the barrier switches both halves: they still differ in it.
    lab.apply(Action::ToggleBarrier);
    assert!(lab.barrier());
    assert_eq!(lab.run.twin.as_ref().unwrap().differs(), "barrier off");
    // The other compare replaces this one; again, and compare is off.
    lab.apply(Action::ToggleCompare);
    assert_eq!(lab.run.twin.as_ref().unwrap().differs(), "fencing OFF");
    lab.apply(Action::ToggleCompare);
    assert!(lab.run.twin.is_none());
}
