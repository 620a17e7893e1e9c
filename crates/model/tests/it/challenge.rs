//! Every challenge can be won with the controls the page offers (a solution for each, as
//! the faults a student's clicks make), is not won by doing nothing, and is spoiled by
//! breaking its rules.

use fencing_model::challenge::{find, Standing, CHALLENGES};
use fencing_sim::{Sim, SimTime, TimedCommand};

/// Runs the challenge's set-up with `faults` (a JSON array of timed faults, as the
/// student's commands) for `ms`, and says where the run stands.
fn attempt(id: &str, faults: &str, ms: u64) -> Standing {
    let c = find(id).expect("a challenge");
    let mut s = c.scenario();
    let extra: Vec<TimedCommand> = serde_json::from_str(faults).expect("faults");
    s.faults.extend(extra);
    s.faults.sort_by_key(|f| f.at_ms);
    s.validate().expect("a valid attempt");
    let mut w = c.watch();
    let mut sim = Sim::new(&s);
    w.observe_all(&sim.drain_events());
    let mut t = 0;
    while t < ms {
        t += 500;
        sim.run_until(SimTime::from_ms(t));
        w.observe_all(&sim.drain_events());
    }
    w.standing()
}

fn won_with(s: &Standing, words: &str) -> bool {
    matches!(s, Standing::Won { how, .. } if how.contains(words))
}

/// One way to win each, as a student would at the controls.
const SOLUTIONS: &[(&str, &str, &str)] = &[
    (
        "keep-the-leader",
        r#"[{"at_ms": 1000, "set": {"lease_ms": 6000}},
            {"at_ms": 8000, "pause": {"node": "leader", "for_ms": 3000}}]"#,
        "came back and renewed term 33",
    ),
    (
        "five-leaders",
        r#"[{"at_ms": 3000, "crash": {"node": "leader"}}, {"at_ms": 10000, "crash": {"node": "leader"}},
            {"at_ms": 17000, "crash": {"node": "leader"}}, {"at_ms": 24000, "crash": {"node": "leader"}}]"#,
        "the last term 37, no violation",
    ),
    (
        "five-leaders",
        r#"[{"at_ms": 2000, "set": {"lease_ms": 500, "renew_every_ms": 350, "latency_ms": [40, 150]}}]"#,
        "no violation",
    ),
    (
        "corrupt-with-one-pause",
        r#"[{"at_ms": 5000, "pause": {"node": "leader", "for_ms": 10000, "after_lease_check": true}}]"#,
        "stale write: ACCEPTED stale token 33 (fencing off; it had seen 34), with one pause",
    ),
    (
        "through-the-gap",
        r#"[{"at_ms": 5000, "pause": {"node": "leader", "for_ms": 6000, "after_lease_check": true}}]"#,
        "token 33 although term 34 was already granted",
    ),
    (
        "through-the-gap",
        r#"[{"at_ms": 5000, "pause": {"node": "leader", "for_ms": 7000, "after_lease_check": true}}]"#,
        "token 33 although term 34 was already granted",
    ),
    (
        "close-the-gap",
        r#"[{"at_ms": 1000, "set": {"barrier": true}}]"#,
        "rejected n3's write: token 33 < 34",
    ),
    (
        "two-leaders-no-pause",
        r#"[{"at_ms": 4000, "clock_rate": {"node": "leader", "ppm": -500000}},
            {"at_ms": 6000, "partition": {"side_b": ["leader"]}}]"#,
        "both believe they lead",
    ),
];

#[test]
fn there_are_at_least_six_challenges_each_with_a_hint_and_an_explanation() {
    assert!(CHALLENGES.len() >= 6);
    for c in CHALLENGES {
        for (what, text) in [
            ("title", c.title),
            ("goal", c.goal_text),
            ("hint", c.hint),
            ("explanation", c.explain),
            ("setting", c.setting),
        ] {
            assert!(text.split_whitespace().count() >= 3, "{}: {what}", c.id);
            assert!(!text.contains("  "), "{}: {what} has a double space", c.id);
        }
        c.scenario().validate().expect("a valid set-up");
        assert!(
            SOLUTIONS.iter().any(|(id, _, _)| *id == c.id),
            "{} has a solution here",
            c.id
        );
    }
}

#[test]
fn every_challenge_is_won_by_its_solution() {
    for (id, faults, words) in SOLUTIONS {
        let s = attempt(id, faults, 60_000);
        assert!(won_with(&s, words), "{id}: {s:?}");
    }
}

#[test]
fn doing_nothing_wins_no_challenge() {
    for c in CHALLENGES {
        let s = attempt(c.id, "[]", 120_000);
        assert!(!matches!(s, Standing::Won { .. }), "{}: {s:?}", c.id);
    }
    // The gap run as scripted lets its zombie through: the challenge is to stop that.
    let gap = attempt("close-the-gap", "[]", 60_000);
    assert!(
        matches!(&gap, Standing::Spoiled(w) if w.starts_with("a write went through the gap: n")
            && w.contains("with token 33") && w.contains("after term 34 was granted")),
        "{gap:?}"
    );
}

#[test]
fn breaking_a_rule_spoils_the_run() {
    let two_pauses = attempt(
        "corrupt-with-one-pause",
        r#"[{"at_ms": 5000, "pause": {"node": "leader", "for_ms": 10000, "after_lease_check": true}},
            {"at_ms": 5000, "pause": {"node": 0, "for_ms": 1000}}]"#,
        60_000,
    );
    assert!(
        matches!(&two_pauses, Standing::Spoiled(w) if w.contains("2 pauses were used")),
        "{two_pauses:?}"
    );
    let crash = attempt(
        "corrupt-with-one-pause",
        r#"[{"at_ms": 3000, "crash": {"node": 0}},
            {"at_ms": 5000, "pause": {"node": "leader", "for_ms": 10000, "after_lease_check": true}}]"#,
        60_000,
    );
    assert!(
        matches!(&crash, Standing::Spoiled(w) if w.contains("a crash was used")),
        "{crash:?}"
    );
    let paused = attempt(
        "two-leaders-no-pause",
        r#"[{"at_ms": 3000, "pause": {"node": 0, "for_ms": 1000}},
            {"at_ms": 4000, "clock_rate": {"node": "leader", "ppm": -500000}},
            {"at_ms": 6000, "partition": {"side_b": ["leader"]}}]"#,
        60_000,
    );
    assert!(
        matches!(&paused, Standing::Spoiled(w) if w.contains("no pause")),
        "{paused:?}"
    );
}

#[test]
fn a_challenge_that_can_no_longer_be_won_says_so_and_why() {
    // The one pause, but not at the worst moment: the leader wakes, sees its lease over and
    // steps down without writing; nothing can be stale any more.
    let plain = attempt(
        "corrupt-with-one-pause",
        r#"[{"at_ms": 5000, "pause": {"node": "leader", "for_ms": 8000}}]"#,
        60_000,
    );
    assert!(
        matches!(&plain, Standing::Spoiled(w) if w.contains("stepped down without writing") && w.contains("worst moment")),
        "{plain:?}"
    );
    // Shorter than the lease: it wakes still leading.
    let short = attempt(
        "corrupt-with-one-pause",
        r#"[{"at_ms": 5000, "pause": {"node": "leader", "for_ms": 1000}}]"#,
        60_000,
    );
    assert!(
        matches!(&short, Standing::Spoiled(w) if w.contains("woke still leading")),
        "{short:?}"
    );
    // A follower paused.
    let follower = attempt(
        "corrupt-with-one-pause",
        r#"[{"at_ms": 5000, "pause": {"node": 0, "for_ms": 10000}}]"#,
        60_000,
    );
    // (n2 leads with this seed.)
    assert!(
        matches!(&follower, Standing::Spoiled(w) if w.contains("froze n0, a follower")),
        "{follower:?}"
    );
}

#[test]
fn the_run_says_how_far_along_it_is() {
    // The short lease runs out during a 3 s pause: the student is told why it failed.
    let lost = attempt(
        "keep-the-leader",
        r#"[{"at_ms": 8000, "pause": {"node": "leader", "for_ms": 3000}}]"#,
        30_000,
    );
    assert!(
        matches!(&lost, Standing::Trying(w) if w.contains("lost its lease while paused")),
        "{lost:?}"
    );
    let short = attempt(
        "keep-the-leader",
        r#"[{"at_ms": 1000, "set": {"lease_ms": 6000}},
            {"at_ms": 8000, "pause": {"node": "leader", "for_ms": 2000}}]"#,
        30_000,
    );
    assert!(
        matches!(&short, Standing::Trying(w) if w.contains("paused only 2.0 s")),
        "{short:?}"
    );
    let late = attempt(
        "through-the-gap",
        r#"[{"at_ms": 5000, "pause": {"node": "leader", "for_ms": 9000, "after_lease_check": true}}]"#,
        30_000,
    );
    assert!(
        matches!(&late, Standing::Trying(w) if w.contains("wake it sooner")),
        "{late:?}"
    );
    let off = attempt(
        "through-the-gap",
        r#"[{"at_ms": 1000, "set": {"fencing": false}}]"#,
        5_000,
    );
    assert!(
        matches!(&off, Standing::Trying(w) if w.contains("fencing is off")),
        "{off:?}"
    );
}
