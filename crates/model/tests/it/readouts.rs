//! The slower panels' readouts: fresh every frame when paused; while playing fast, held
//! until their slot's next refresh; right after a jump the log waits for the new moment's
//! frame while the narration tells it at once; a diagram off screen (`Seen`) waits for its
//! refresh while playing at any speed, and is fresh when paused.

use fencing_model::derived::{STORAGE_ROWS, STORAGE_ROWS_FAST};
use fencing_model::lab::SPEEDS;
use fencing_model::readouts::{storage_draw, Readouts, Seen};
use fencing_model::{Action, Lab};
use fencing_sim::scenario::builtin;
use fencing_sim::SimTime;

fn playing_at_10x(lab: &mut Lab) {
    let i = SPEEDS.iter().position(|s| *s == 10.0).unwrap();
    lab.apply(Action::SetSpeed(i));
    lab.apply(Action::Play);
}

/// A lab played (at 10×, 100 ms frames) until `ms` of virtual time, then paused.
fn played_to(ms: u64) -> Lab {
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    playing_at_10x(&mut lab);
    while lab.now() < SimTime::from_ms(ms) {
        lab.apply(Action::Tick(100.0));
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
    }
    lab.apply(Action::Stop);
    lab
}

#[test]
fn paused_every_readout_is_fresh_each_frame() {
    let mut lab = played_to(3_000);
    let mut r = Readouts::default();
    let f = r.frame(&lab, 1_000.0, true);
    assert!(!f.pace.fast);
    assert_eq!(f.clock_now, lab.now());
    assert_eq!(f.log_events.total(), lab.run.events.total());
    assert_eq!(
        (f.storage_rows, f.storage_draw),
        (STORAGE_ROWS, STORAGE_ROWS)
    );
    assert_eq!(*f.narration, lab.narration(&lab.run.events));
    lab.apply(Action::Seek(SimTime::from_ms(1_000)));
    let f = r.frame(&lab, 1_001.0, true);
    assert_eq!(f.clock_now, lab.now(), "the same refresh period, and fresh");
    assert_eq!(f.about.now_us, lab.now().0);
}

#[test]
fn playing_fast_the_readouts_wait_for_their_refresh() {
    let mut lab = played_to(1_000);
    playing_at_10x(&mut lab);
    let mut r = Readouts::default();
    let first = r.frame(&lab, 1_000.0, true);
    assert!(first.pace.fast && first.pace.very_fast);
    assert_eq!(first.storage_draw, STORAGE_ROWS_FAST);
    for _ in 0..3 {
        lab.apply(Action::Tick(5.0));
    }
    assert!(lab.now() > first.clock_now && lab.run.playing);
    // 15 ms later: every slot is still in the period it was (250 ms, staggered by 62.5).
    let held = r.frame(&lab, 1_015.0, true);
    assert_eq!(held.clock_now, first.clock_now);
    assert_eq!(held.about, first.about);
    assert_eq!(held.diagram.0.now, first.diagram.0.now);
    assert_eq!(held.log_events.total(), first.log_events.total());
    // A quarter of a second later every slot has had its refresh.
    let fresh = r.frame(&lab, 1_260.0, true);
    assert_eq!(fresh.clock_now, lab.now());
    assert_eq!(fresh.diagram.0.now, lab.now());
    assert_eq!(fresh.about.now_us, lab.now().0);
    assert_eq!(fresh.log_events.total(), lab.run.events.total());
}

#[test]
fn right_after_a_jump_the_log_waits_but_the_narration_tells_the_new_moment() {
    let mut lab = played_to(9_000);
    let mut r = Readouts::default();
    let before = r.frame(&lab, 1_000.0, true);
    lab.apply(Action::Seek(SimTime::from_ms(2_000)));
    assert_ne!(lab.run.events.total(), before.log_events.total());
    let jumped = r.frame(&lab, 1_016.0, false);
    assert_eq!(jumped.log_events.total(), before.log_events.total(), "held");
    assert_eq!(*jumped.narration, lab.narration(&lab.run.events));
    assert_eq!(
        jumped.clock_now,
        lab.now(),
        "the clocks are on screen: at once"
    );
    assert_eq!(jumped.storage_draw, STORAGE_ROWS_FAST);
    let settled = r.frame(&lab, 1_032.0, true);
    assert_eq!(settled.log_events.total(), lab.run.events.total());
    assert_eq!(settled.storage_draw, STORAGE_ROWS);
}

#[test]
fn the_storage_draws_the_rows_its_box_shows_until_the_jump_settles() {
    assert_eq!(storage_draw(STORAGE_ROWS, true), STORAGE_ROWS);
    assert_eq!(storage_draw(STORAGE_ROWS, false), STORAGE_ROWS_FAST);
    assert_eq!(storage_draw(10, false), 10);
}

/// A lab playing gc-pause-zombie at its default speed (1×, not fast), at 1 s.
fn playing_at_1x() -> Lab {
    let mut lab = played_to(1_000);
    lab.apply(Action::SetSpeed(
        SPEEDS.iter().position(|s| *s == 1.0).unwrap(),
    ));
    lab.apply(Action::Play);
    lab
}

#[test]
fn at_1x_the_diagram_on_screen_is_fresh_every_frame() {
    let mut lab = playing_at_1x();
    let mut r = Readouts::default();
    let first = r.frame(&lab, 1_000.0, true);
    assert!(!first.pace.fast && lab.run.playing);
    lab.apply(Action::Tick(16.0));
    let next = r.frame(&lab, 1_016.0, true);
    assert_eq!(next.diagram.0.now, lab.now());
    assert!(next.diagram.0.now > first.diagram.0.now);
}

#[test]
fn off_screen_while_playing_the_diagram_waits_for_its_refresh() {
    let mut lab = playing_at_1x();
    let mut r = Readouts::default();
    r.seen = Seen {
        diagram: false,
        ..Seen::default()
    };
    let first = r.frame(&lab, 1_000.0, true);
    for _ in 0..3 {
        lab.apply(Action::Tick(16.0));
    }
    assert!(lab.now() > first.diagram.0.now && lab.run.playing);
    let held = r.frame(&lab, 1_048.0, true);
    assert_eq!(held.diagram.0.now, first.diagram.0.now, "held");
    assert_eq!(
        held.twin_diagram.0.now, first.diagram.0.now,
        "and the twin's"
    );
    // What is on screen is not held: at 1× the clocks are fresh every frame.
    assert_eq!(held.clock_now, lab.now());
    // A quarter of a second later the diagram has had its refresh: the same as fresh.
    let refreshed = r.frame(&lab, 1_260.0, true);
    assert_eq!(refreshed.diagram.0.now, lab.now());
    assert_eq!(refreshed.diagram.1.total(), lab.run.events.total());
    // Back on screen: fresh at once, within the same refresh period.
    lab.apply(Action::Tick(16.0));
    r.seen = Seen::default();
    let shown = r.frame(&lab, 1_270.0, true);
    assert_eq!(shown.diagram.0.now, lab.now());
}

#[test]
fn off_screen_and_paused_the_diagram_is_fresh() {
    let mut lab = playing_at_1x();
    let mut r = Readouts::default();
    r.seen = Seen {
        diagram: false,
        ..Seen::default()
    };
    let first = r.frame(&lab, 1_000.0, true);
    lab.apply(Action::Tick(16.0));
    lab.apply(Action::Stop);
    let paused = r.frame(&lab, 1_010.0, true);
    assert!(paused.diagram.0.now > first.diagram.0.now);
    assert_eq!(paused.diagram.0.now, lab.now());
    // A seek while paused shows at once too.
    lab.apply(Action::Seek(SimTime::from_ms(200)));
    let sought = r.frame(&lab, 1_020.0, true);
    assert_eq!(sought.diagram.0.now, lab.now());
    assert_eq!(sought.diagram.1.total(), lab.run.events.total());
}

#[test]
fn closed_while_playing_about_this_run_waits_for_its_refresh() {
    let mut lab = playing_at_1x();
    let mut r = Readouts::default();
    r.seen = Seen {
        about: false,
        ..Seen::default()
    };
    let first = r.frame(&lab, 1_000.0, true);
    for _ in 0..3 {
        lab.apply(Action::Tick(16.0));
    }
    let held = r.frame(&lab, 1_048.0, true);
    assert!(lab.now().0 > first.about.now_us && lab.run.playing);
    assert_eq!(held.about, first.about, "held while closed");
    // The clocks on screen are not held.
    assert_eq!(held.clock_now, lab.now());
    // A refresh later it has caught up.
    let refreshed = r.frame(&lab, 1_260.0, true);
    assert_eq!(refreshed.about.now_us, lab.now().0);
    // Opened: fresh at once, within the same refresh period.
    lab.apply(Action::Tick(16.0));
    r.seen = Seen::default();
    let open = r.frame(&lab, 1_270.0, true);
    assert_eq!(open.about.now_us, lab.now().0);
    // Closed and stopped: fresh too (a seek while stopped shows at once).
    lab.apply(Action::Stop);
    r.seen.about = false;
    lab.apply(Action::Seek(SimTime::from_ms(200)));
    let sought = r.frame(&lab, 1_275.0, true);
    assert_eq!(sought.about.now_us, lab.now().0);
    assert_eq!(sought.about.trace_hash, lab.run.snapshot.trace_hash);
}
