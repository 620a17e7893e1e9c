//! The clock at the controls: a logarithmic ladder from ±10 ppm to ±50%, exact words for
//! any rate, and a warning when a clock runs beyond the drift bound the nodes assume; the
//! settings panel's keys, each a `set` of only what changed, or a new run for the first
//! token.

use fencing_model::clock::*;
use fencing_model::{Action, Lab};
use fencing_sim::command::ConfigPatch;
use fencing_sim::{Config, NodeId};

#[test]
fn the_ladder_runs_from_ten_ppm_to_fifty_percent_on_both_sides() {
    assert_eq!(ppm_at(0), 0);
    assert_eq!(ppm_at(1), 10);
    assert_eq!(ppm_at(-1), -10);
    assert_eq!(ppm_at(MAX_POSITION), 500_000);
    assert_eq!(ppm_at(-MAX_POSITION), -500_000);
    assert_eq!(ppm_at(MAX_POSITION + 5), 500_000, "clamped");
    // Strictly increasing, each step at most 2.5 times the one before.
    for p in -MAX_POSITION..MAX_POSITION {
        assert!(ppm_at(p) < ppm_at(p + 1), "{p}");
        let (a, b) = (ppm_at(p).abs(), ppm_at(p + 1).abs());
        if p > 0 && a > 0 {
            assert!(b * 2 <= a * 5, "{a} → {b}");
        }
    }
    // Every step reads back at its own position; the bound's default (1,000 ppm) is one.
    for p in -MAX_POSITION..=MAX_POSITION {
        assert_eq!(position_of(ppm_at(p)), p);
    }
    assert!(STEPS_PPM.contains(&(Config::default().drift_bound_ppm as i64)));
}

#[test]
fn any_rate_shows_at_the_nearest_step_on_a_log_scale() {
    assert_eq!(ppm_at(position_of(700)), 500); // √(500·1000) ≈ 707
    assert_eq!(ppm_at(position_of(710)), 1_000);
    assert_eq!(ppm_at(position_of(-250_000)), -300_000); // √(200k·300k) ≈ 245k
    assert_eq!(ppm_at(position_of(3)), 10);
    assert_eq!(ppm_at(position_of(900_000)), 500_000);
    assert_eq!(ppm_at(position_of(-900_000)), -500_000);
}

#[test]
fn a_rate_in_words_is_exact() {
    assert_eq!(drift_words(0), "keeps true time");
    assert_eq!(drift_words(10), "runs 0.001% fast (+10 ppm)");
    assert_eq!(drift_words(1_000), "runs 0.1% fast (+1,000 ppm)");
    assert_eq!(drift_words(-300_000), "runs 30% slow (−300,000 ppm)");
    assert_eq!(drift_words(-305_000), "runs 30.5% slow (−305,000 ppm)");
    assert_eq!(percent_text(0), "100%");
    assert_eq!(percent_text(1_000), "100.1%");
    assert_eq!(percent_text(-10), "99.999%");
    assert_eq!(percent_text(-300_000), "70%");
    assert_eq!(percent_text(-900_000), "10%");
    assert_eq!(thousands(1_234_567), "1,234,567");
    assert_eq!(thousands(999), "999");
}

#[test]
fn a_clock_beyond_the_bound_is_named_and_one_within_is_not() {
    assert!(!beyond_bound(1_000, 1_000));
    assert!(beyond_bound(1_001, 1_000));
    assert!(beyond_bound(-2_000, 1_000));
    assert_eq!(bound_warning(500, 1_000), None);
    assert_eq!(
        bound_warning(-50_000, 1_000).unwrap(),
        "beyond the ±1,000 ppm drift the nodes assume: the lease's safety assumption is broken"
    );
}

#[test]
fn setting_a_clock_beyond_the_bound_says_so_and_within_it_does_not() {
    let mut lab = Lab::new();
    lab.apply(Action::SetClockPpm {
        node: NodeId(1),
        ppm: 500,
    });
    assert_eq!(lab.talk.error, None);
    assert!(
        !lab.talk.status.contains("safety assumption"),
        "{}",
        lab.talk.status
    );
    assert_eq!(lab.run.snapshot.nodes[1].clock_rate_ppm, 500);
    lab.apply(Action::SetClockPpm {
        node: NodeId(1),
        ppm: -20_000,
    });
    assert!(
        lab.talk
            .status
            .contains("set n1's clock to 98% of true time — beyond the ±1,000 ppm drift"),
        "{}",
        lab.talk.status
    );
    // A looser bound, set from the settings, makes the same clock safe to the nodes.
    let mut c = lab.config().clone();
    c.drift_bound_ppm = 50_000;
    lab.apply(Action::SetConfig(ConfigPatch::between(lab.config(), &c)));
    assert_eq!(lab.talk.error, None);
    assert_eq!(lab.config().drift_bound_ppm, 50_000);
    assert_eq!(lab.run.snapshot.drift_bound_ppm, 50_000);
    lab.apply(Action::SetClockPpm {
        node: NodeId(1),
        ppm: -20_000,
    });
    assert!(
        !lab.talk.status.contains("safety assumption"),
        "{}",
        lab.talk.status
    );
}

#[test]
fn the_settings_send_only_what_changed_and_refuse_what_cannot_be() {
    let base = Config::default();
    assert_eq!(ConfigPatch::between(&base, &base), ConfigPatch::default());
    let mut c = base.clone();
    c.work_ms = 250;
    c.nodes = 7; // not a mid-run setting: left out
    assert_eq!(
        ConfigPatch::between(&base, &c),
        ConfigPatch {
            work_ms: Some(250),
            ..Default::default()
        }
    );

    let mut lab = Lab::new();
    lab.apply(Action::SetConfig(ConfigPatch::default()));
    assert!(lab.commands().is_empty());
    assert_eq!(lab.talk.status, "no setting changed");
    // A failure timeout whose shortest is above its longest is refused, named.
    lab.apply(Action::SetConfig(ConfigPatch {
        failure_timeout_ms: Some([4000, 2000]),
        ..Default::default()
    }));
    let e = lab.talk.error.clone().unwrap_or_default();
    assert!(
        e.contains("failure_timeout_ms") && e.contains("min 4000 is greater than max 2000"),
        "{e}"
    );
    assert!(lab.commands().is_empty());
    lab.apply(Action::SetConfig(ConfigPatch {
        write_every_ms: Some(3000),
        ..Default::default()
    }));
    assert_eq!(lab.config().write_every_ms, 3000);
    assert_eq!(lab.commands().len(), 1);
}

#[test]
fn the_first_token_starts_a_new_run_whose_tokens_begin_there() {
    let mut lab = Lab::new();
    lab.apply(Action::SetFirstToken(33));
    assert_eq!(lab.talk.error, None);
    assert_eq!(lab.config().first_token, 33);
    assert!(
        lab.talk.status.contains("first token at 33"),
        "{}",
        lab.talk.status
    );
    lab.apply(Action::TogglePlay);
    for _ in 0..200 {
        lab.apply(Action::Tick(50.0));
    }
    let highest = lab.run.snapshot.storage.highest.expect("a write by now");
    assert!(highest.0 >= 33, "{highest:?}");
    lab.apply(Action::SetFirstToken(0));
    let e = lab.talk.error.clone().unwrap_or_default();
    assert!(e.contains("first_token") && e.contains("at least 1"), "{e}");
    assert_eq!(lab.config().first_token, 33, "the run is kept");
}
