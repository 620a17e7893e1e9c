//! Pacing for a class, natively: the default speed brings the key moment within half a
//! minute, slow motion eases it at any speed, "next key event" skips the heartbeats, a
//! finding leads to its first moment, and the run can stop at each of the story's beats.

use fencing_model::lab::SPEEDS;
use fencing_model::pacing::{is_key_event, Finding, KEY_MOMENT_WITHIN_S};
use fencing_model::{Action, Lab};
use fencing_sim::scenario::{builtin, BUILTIN};
use fencing_sim::storage::Verdict;
use fencing_sim::{EventKind, SimTime};

fn zombie_lab() -> Lab {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions);
    lab
}

/// Real milliseconds of play until `done` holds (in 16 ms frames), at most `limit_s`.
fn real_ms_until(lab: &mut Lab, limit_s: u64, done: impl Fn(&Lab) -> bool) -> Option<u64> {
    lab.apply(Action::Play);
    let mut ms = 0;
    while ms < limit_s * 1000 {
        if done(lab) {
            return Some(ms);
        }
        lab.apply(Action::Tick(16.0));
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
        ms += 16;
    }
    None
}

fn rejected(lab: &Lab) -> bool {
    lab.run.snapshot.storage.rejected > 0
}

#[test]
fn every_built_in_story_reaches_its_key_moment_within_about_half_a_minute() {
    for (name, _) in BUILTIN {
        let mut lab = Lab::with_scenario(builtin(name).unwrap());
        lab.apply(Action::ToggleQuestions);
        let Some(key) = lab.teaching.story.key_moment() else {
            continue; // free play: no key moment of its own
        };
        let real = real_ms_until(&mut lab, 120, |l| l.now() >= key)
            .unwrap_or_else(|| panic!("{name}: the key moment at {key} never came"));
        // Within the target, give or take the slow motion around earlier key moments.
        assert!(
            real <= (KEY_MOMENT_WITHIN_S + 8) * 1000,
            "{name}: key moment at {key} after {real} ms of real time at {}×",
            lab.speed_factor()
        );
    }
}

#[test]
fn slow_motion_holds_the_stale_write_in_flight_on_screen_at_any_speed() {
    let mut lab = zombie_lab();
    lab.apply(Action::SetSpeed(SPEEDS.len() - 1)); // 50×
    real_ms_until(&mut lab, 60, |l| l.run.slow.is_some_and(|m| m.cap == 0.1)).expect("slows down");
    assert_eq!(lab.pace(), 0.1);
    assert!(lab.run.slow.unwrap().why.contains("old token"));
    // The old write's flight lasts a few hundred real milliseconds, not one frame.
    let flight = real_ms_until(&mut lab, 10, |l| l.run.slow.is_none_or(|m| m.cap != 0.1)).unwrap();
    assert!(flight >= 160, "on screen for {flight} ms");
    // Then the verdict lingers at half speed before the run speeds up again.
    assert!(rejected(&lab));
    assert_eq!(lab.run.slow.map(|m| m.cap), Some(0.5));
    real_ms_until(&mut lab, 10, |l| l.run.slow.is_none()).unwrap();
    assert_eq!(lab.pace(), 50.0);
}

#[test]
fn next_key_event_skips_heartbeats_and_stops_at_each_key_moment() {
    let mut lab = zombie_lab();
    let mut stops = Vec::new();
    for _ in 0..40 {
        let before = lab.now();
        lab.apply(Action::NextKeyEvent);
        assert!(!lab.run.playing);
        if lab.now() == before {
            break;
        }
        let last = lab
            .run
            .events
            .iter()
            .rev()
            .find(|e| e.t == lab.now())
            .cloned();
        assert!(
            lab.run
                .events
                .iter()
                .filter(|e| e.t == lab.now())
                .any(is_key_event),
            "stopped at {} on a key event: {last:?}",
            lab.now()
        );
        stops.push(lab.now());
        if rejected(&lab) {
            break;
        }
    }
    assert!(
        rejected(&lab),
        "reached the rejection in {} stops",
        stops.len()
    );
    assert!(stops.len() < 40 && stops.len() >= 4, "{stops:?}");
    // The step before the rejection was the zombie waking (or its write), not a heartbeat.
    assert!(
        lab.talk.status.contains("rejects") || lab.talk.status.contains("token 33"),
        "{}",
        lab.talk.status
    );
}

#[test]
fn a_finding_leads_to_its_first_moment() {
    let mut lab = zombie_lab();
    real_ms_until(&mut lab, 60, |l| l.now() >= SimTime::from_ms(20_000)).unwrap();
    lab.apply(Action::Stop);
    lab.apply(Action::GoToFinding(Finding::Rejected));
    let at = lab.now();
    let row = lab.run.snapshot.storage.recent.last().unwrap();
    assert!(matches!(row.verdict, Verdict::Rejected { .. }), "{row:?}");
    assert_eq!(row.at, at);
    assert!(
        lab.talk
            .status
            .starts_with("the first rejected write at 18."),
        "{}",
        lab.talk.status
    );
    // None of a kind that did not happen: the present stays.
    lab.apply(Action::GoToFinding(Finding::Stale));
    assert_eq!(lab.now(), at);
    assert!(lab.talk.status.contains("none so far"));
}

#[test]
fn the_run_can_stop_at_each_beat_of_the_story() {
    let mut lab = zombie_lab();
    let beats: Vec<SimTime> = lab
        .beats()
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| *t > SimTime::ZERO)
        .collect();
    assert!(beats.len() >= 4);
    lab.apply(Action::ToggleBeatStops);
    lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
    for b in &beats {
        lab.apply(Action::Play);
        for _ in 0..2000 {
            lab.apply(Action::Tick(16.0));
            if !lab.run.playing {
                break;
            }
        }
        assert_eq!(lab.now(), *b, "stopped at the beat");
        assert!(lab.talk.status.contains("beat"));
    }
    // Once the run departs from its script, its beats are not this run's: none shown.
    lab.apply(Action::ToggleFencing);
    assert!(lab.beats().is_empty());
}

#[test]
fn key_events_are_not_heartbeats() {
    let mut lab = zombie_lab();
    real_ms_until(&mut lab, 30, |l| l.now() >= SimTime::from_ms(3_000)).unwrap();
    let sends: Vec<_> = lab
        .run
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Send { .. } | EventKind::Deliver { .. }))
        .collect();
    assert!(sends.len() > 10);
    assert!(sends.iter().all(|e| !is_key_event(e)));
    assert!(
        lab.run.events.iter().any(is_key_event),
        "the first election is key"
    );
}

#[test]
fn jumping_to_a_beat_goes_forward_or_back_to_its_moment() {
    let mut lab = zombie_lab();
    let beats: Vec<SimTime> = lab.beats().iter().map(|(t, _)| *t).collect();
    let last = *beats.last().unwrap();
    lab.apply(Action::JumpTo(last));
    assert_eq!(lab.now(), last, "forward, past how far the run had gone");
    assert!(!lab.run.playing);
    assert!(rejected(&lab), "the last beat is the rejection");
    lab.apply(Action::JumpTo(beats[1]));
    assert_eq!(lab.now(), beats[1], "and back");
    assert_eq!(lab.frontier(), last, "going back keeps the run");
}

#[test]
fn the_picture_is_drawn_every_other_frame_only_from_20x() {
    use fencing_model::pacing::frames_per_drawing;
    let every: Vec<u32> = SPEEDS.iter().map(|s| frames_per_drawing(*s)).collect();
    assert_eq!(every, [1, 1, 1, 1, 1, 1, 1, 2, 2]);
}

#[test]
fn a_frame_not_drawn_is_carried_whole_into_the_next() {
    use fencing_model::pacing::FrameCarry;
    let mut c = FrameCarry::default();
    let at_50: Vec<Option<f64>> = [16.5, 17.0, 16.0, 16.5]
        .iter()
        .map(|ms| c.frame(*ms, 50.0))
        .collect();
    assert_eq!(at_50, [None, Some(33.5), None, Some(32.5)]);
    let at_10: Vec<Option<f64>> = [16.5, 17.0].iter().map(|ms| c.frame(*ms, 10.0)).collect();
    assert_eq!(at_10, [Some(16.5), Some(17.0)]);
    // Slow motion starting between two frames: the frame waiting is drawn at once.
    assert_eq!(c.frame(16.0, 50.0), None);
    assert_eq!(c.frame(16.0, 2.0), Some(32.0));
}

#[test]
fn drawing_every_other_frame_keeps_the_runs_pace() {
    use fencing_model::pacing::FrameCarry;
    let fifty = SPEEDS.iter().position(|s| *s == 50.0).unwrap();
    let at_fifty = || {
        let mut lab = zombie_lab();
        lab.apply(Action::SetSpeed(fifty));
        lab.apply(Action::Play);
        lab
    };
    let (mut every, mut halved) = (at_fifty(), at_fifty());
    let mut carry = FrameCarry::default();
    let mut drawn = 0;
    for _ in 0..600 {
        for lab in [&mut every, &mut halved] {
            if !lab.run.playing {
                lab.apply(Action::Play);
            }
        }
        every.apply(Action::Tick(16.7));
        if let Some(ms) = carry.frame(16.7, halved.pace()) {
            halved.apply(Action::Tick(ms));
            drawn += 1;
        }
    }
    assert!((300..600).contains(&drawn), "{drawn} drawings");
    let (a, b) = (every.now().0 as i64, halved.now().0 as i64);
    assert!(a > 60_000_000, "the run played on: {a} µs");
    // Each start of slow motion ends its frame early, drawn or carried: within 5%.
    assert!((a - b).abs() * 20 <= a, "{a} µs against {b} µs");
}
