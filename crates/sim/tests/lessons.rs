//! Every built-in lesson's answers are what the runs show: each checkpoint's moment comes
//! and its claim holds. A lesson the run contradicts is caught, and a malformed checkpoint
//! is refused with its place named.

use fencing_sim::scenario::{builtin, builtin_names, Scenario};
use fencing_sim::story::watch;

#[test]
fn every_builtin_lesson_is_proven_by_its_run() {
    let mut total = 0;
    for name in builtin_names() {
        let s = builtin(name).unwrap();
        let w = watch(&s);
        let Some(report) = w.lesson_report() else {
            assert!(
                s.faults.is_empty(),
                "{name}: every scripted scenario has a lesson"
            );
            continue;
        };
        assert!(
            (2..=4).contains(&report.checkpoints),
            "{name}: {} checkpoints",
            report.checkpoints
        );
        assert_eq!(report.failures, Vec::<String>::new(), "{name}");
        assert_eq!(report.verified, report.checkpoints, "{name}");
        // Each is asked within the run, before the scenario ends.
        for t in w.checkpoint_times() {
            let t = t.expect("its moment comes");
            assert!(t.as_ms() < s.until_ms, "{name}: asked at {t}");
        }
        total += report.checkpoints;
    }
    assert!(total >= 16, "{total} checkpoints");
}

#[test]
fn a_lesson_the_run_contradicts_is_caught_naming_the_checkpoint() {
    // The zombie's lesson, with fencing off: the refusal its last answer relies on never
    // happens, and its split-brain answer (no stale write) is wrong too.
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.config.fencing = false;
    let report = watch(&s).lesson_report().unwrap();
    assert_eq!(report.verified, 1);
    assert!(report
        .failures
        .iter()
        .any(|f| f.starts_with("lesson.checkpoints[1].claim: an event like")));
    assert!(report
        .failures
        .iter()
        .any(|f| f.starts_with("lesson.checkpoints[2].claim: no event like")));
    assert!(report
        .failures
        .iter()
        .all(|f| f.contains("is not what the run shows")));
}

#[test]
fn a_malformed_checkpoint_is_refused_with_its_place_named() {
    let with = |checkpoint: &str| {
        Scenario::from_json(&format!(
            r#"{{"until_ms": 5000, "lesson": {{"checkpoints": [{checkpoint}]}}}}"#
        ))
        .unwrap_err()
        .to_string()
    };
    let ok = r#""question": "Q?", "explain": "Because.", "claim": {"happens": {"kind": "grant"}}"#;
    let cases = [
        (format!(r#"{{"at_ms": 1, "options": ["a"], "answer": 0, {ok}}}"#), "lesson.checkpoints[0].options: 1 options; a checkpoint offers 2 to 4"),
        (format!(r#"{{"at_ms": 1, "options": ["a", "b"], "answer": 2, {ok}}}"#), "lesson.checkpoints[0].answer: 2 is not an option's index (0–1)"),
        (format!(r#"{{"options": ["a", "b"], "answer": 0, {ok}}}"#), "lesson.checkpoints[0].at_ms: a checkpoint needs a moment"),
        (format!(r#"{{"at_ms": 1, "on": {{"kind": "grant"}}, "options": ["a", "b"], "answer": 0, {ok}}}"#), "lesson.checkpoints[0].on: give at_ms or on, not both"),
        (format!(r#"{{"on": {{"kind": "granted"}}, "options": ["a", "b"], "answer": 0, {ok}}}"#), "lesson.checkpoints[0].on: \"granted\" is not an event kind"),
        (
            r#"{"at_ms": 1, "options": ["a", "b"], "answer": 0, "question": "Q?", "explain": "Because.", "claim": {"happens": {"term": 3}}}"#.to_string(),
            "lesson.checkpoints[0].claim: needs a \"kind\"",
        ),
        (
            r#"{"at_ms": 1, "options": ["a", "b"], "answer": 0, "question": "Q?", "explain": "", "claim": {"happens": {"kind": "grant"}}}"#.to_string(),
            "lesson.checkpoints[0].explain: must not be empty",
        ),
    ];
    for (checkpoint, want) in cases {
        let e = with(&checkpoint);
        assert!(e.contains(want), "wanted {want:?} in {e:?}");
    }
}
