//! The lesson path covers every built-in lesson and challenge once, in teaching order; it
//! shows what the student has done; its links open a step or say what is wrong with them.

use fencing_model::challenge::CHALLENGES;
use fencing_model::path::{self, parse_fragment, Entry, Target};
use fencing_model::progress::Progress;
use fencing_sim::scenario::builtin_names;

#[test]
fn the_path_holds_every_lesson_and_challenge_once_in_teaching_order() {
    let steps: Vec<Entry> = path::entries().collect();
    for name in builtin_names().filter(|n| *n != "free-play") {
        let n = steps
            .iter()
            .filter(|s| **s == Entry::Scenario(name))
            .count();
        assert_eq!(n, 1, "{name} is on the path once");
    }
    for c in CHALLENGES {
        let n = steps
            .iter()
            .filter(|s| **s == Entry::Challenge(c.id))
            .count();
        assert_eq!(n, 1, "{} is on the path once", c.id);
    }
    assert_eq!(steps[0], Entry::Scenario("leader-and-followers"));
    let at = |s: Entry| steps.iter().position(|x| *x == s).unwrap();
    assert!(at(Entry::Scenario("partitioned-leader")) < at(Entry::Scenario("gc-pause-zombie")));
    assert!(at(Entry::Scenario("gc-pause-zombie")) < at(Entry::Challenge("through-the-gap")));
    assert!(at(Entry::Challenge("through-the-gap")) < at(Entry::Challenge("close-the-gap")));
    assert_eq!(
        path::next(Entry::Challenge("through-the-gap")),
        Some(Entry::Challenge("close-the-gap"))
    );
    assert_eq!(path::next(*steps.last().unwrap()), None);
}

#[test]
fn the_path_shows_what_the_student_has_done() {
    let mut p = Progress::default();
    let (done, total) = path::done(&p);
    assert_eq!(done, 0);
    assert_eq!(total, path::entries().count());
    p.predicted("gc-pause-zombie", 0, 1, true);
    let zombie = Entry::Scenario("gc-pause-zombie").view(&p);
    assert!(!zombie.done);
    assert!(zombie.detail.starts_with("1 of "), "{}", zombie.detail);
    assert!(
        zombie.detail.ends_with("predicted, 1 right"),
        "{}",
        zombie.detail
    );
    let n = fencing_sim::scenario::builtin("gc-pause-zombie")
        .unwrap()
        .lesson
        .unwrap()
        .checkpoints
        .len();
    for q in 0..n {
        p.predicted("gc-pause-zombie", q, 0, false);
    }
    assert!(Entry::Scenario("gc-pause-zombie").view(&p).done);
    p.won("five-leaders", 29_557, "run=v1x".into());
    let five = Entry::Challenge("five-leaders").view(&p);
    assert!(five.done);
    assert_eq!(five.detail, "done at 29.557 s");
    assert_eq!(path::done(&p).0, 2);
}

#[test]
fn a_link_opens_a_lesson_at_a_question_or_a_challenge() {
    assert_eq!(parse_fragment("run=v1abc"), None);
    assert_eq!(parse_fragment(""), None);
    assert_eq!(
        parse_fragment("lesson=gc-pause-zombie"),
        Some(Ok(Target::Lesson {
            name: "gc-pause-zombie",
            question: None
        }))
    );
    assert_eq!(
        parse_fragment("#lesson=gc-pause-zombie&q=2"),
        Some(Ok(Target::Lesson {
            name: "gc-pause-zombie",
            question: Some(1)
        }))
    );
    assert!(matches!(
        parse_fragment("challenge=five-leaders"),
        Some(Ok(Target::Challenge(c))) if c.id == "five-leaders"
    ));
    for step in path::entries() {
        assert!(
            matches!(parse_fragment(&step.fragment()), Some(Ok(_))),
            "{step:?}"
        );
    }
}

#[test]
fn a_bad_lesson_link_names_its_problem() {
    for (fragment, words) in [
        ("lesson=nope", "no lesson named “nope”"),
        ("lesson=", "no lesson named “”"),
        ("challenge=win", "no challenge named “win”"),
        ("lesson=gc-pause-zombie&q=0", "q=0 is not a question number"),
        (
            "lesson=gc-pause-zombie&q=two",
            "q=two is not a question number",
        ),
        (
            "lesson=gc-pause-zombie&q=99",
            "q=99: the lesson gc-pause-zombie has",
        ),
        (
            "lesson=gc-pause-zombie&speed=2",
            "“speed” is not a parameter",
        ),
        ("lesson=gc-pause-zombie&challenge=five-leaders", "not both"),
        ("challenge=five-leaders&q=1", "q= goes with lesson="),
    ] {
        match parse_fragment(fragment) {
            Some(Err(e)) => assert!(e.contains(words), "{fragment}: {e}"),
            other => panic!("{fragment}: {other:?}"),
        }
    }
}
