//! Predict, then reveal: the run stops at each checkpoint's moment and asks; an answer
//! reveals whether it was right and why and plays on; a run off its script, or with the
//! questions switched off, is not stopped.

use fencing_model::keys::question_key;
use fencing_model::lab::SPEEDS;
use fencing_model::{Action, Lab};
use fencing_sim::SimTime;

/// Plays at 10× in 50 ms frames until the run stops by itself or reaches `ms`.
fn play(lab: &mut Lab, ms: u64) {
    lab.apply(Action::SetSpeed(
        SPEEDS.iter().position(|s| *s == 10.0).unwrap(),
    ));
    lab.apply(Action::Play);
    while lab.run.playing && lab.now() < SimTime::from_ms(ms) {
        lab.apply(Action::Tick(50.0));
    }
}

#[test]
fn the_run_stops_at_each_question_and_an_answer_reveals_why_and_plays_on() {
    let mut lab = Lab::new();
    assert_eq!(lab.teaching.quiz.len(), 4);
    play(&mut lab, 30_000);
    // The first question: asked the moment the leader freezes, after its lease check.
    assert!(!lab.run.playing && lab.teaching.quiz.asking());
    let q = lab.teaching.quiz.view().unwrap();
    assert_eq!((q.number, q.total), (1, 4));
    assert_eq!(lab.now(), q.at);
    assert!(
        q.at > SimTime::from_ms(6_800) && q.at < SimTime::from_ms(6_900),
        "{}",
        q.at
    );
    assert!(q.question.contains("freezes"));
    assert!(q.reveal.is_none());
    // A wrong answer: revealed as such, with the reason; the reveal stays until the
    // student moves on (Continue: Play or Space).
    let right = lab.teaching.quiz.right_answer().unwrap();
    let wrong = (right + 1) % q.options.len();
    lab.apply(Action::Answer(wrong));
    let r = lab.teaching.quiz.view().unwrap().reveal.unwrap();
    assert!(!r.right() && r.answer == right && !r.explain.is_empty());
    assert!(!lab.run.playing && !lab.teaching.quiz.asking());
    assert!(lab.talk.status.contains("Continue"), "{}", lab.talk.status);
    let at = lab.now();
    for _ in 0..20 {
        lab.apply(Action::Tick(100.0));
    }
    assert_eq!(lab.now(), at, "nothing moves while the reveal is read");
    assert_eq!(lab.teaching.quiz.view().unwrap().number, 1);
    // On to the next: split brain.
    play(&mut lab, 30_000);
    let q = lab.teaching.quiz.view().unwrap();
    assert_eq!(q.number, 2);
    assert!(q.question.contains("still believes it leads"));
    lab.apply(Action::Answer(lab.teaching.quiz.right_answer().unwrap()));
    assert!(lab.teaching.quiz.view().unwrap().reveal.unwrap().right());
    // The third: the new leader's second write, with the same token.
    play(&mut lab, 30_000);
    let q = lab.teaching.quiz.view().unwrap();
    assert_eq!(q.number, 3);
    assert!(q.question.contains("carries 34 too"));
    lab.apply(Action::Answer(lab.teaching.quiz.right_answer().unwrap()));
    // It stops at the write that settles it, then plays on to the fourth, asked half a
    // second before the frozen leader wakes.
    play(&mut lab, 30_000);
    assert!(
        lab.talk.status.starts_with("What settles it"),
        "{}",
        lab.talk.status
    );
    play(&mut lab, 30_000);
    let q = lab.teaching.quiz.view().unwrap();
    assert_eq!(q.number, 4);
    assert!(lab.now() < SimTime::from_ms(18_839) && lab.now() > SimTime::from_ms(18_300));
    // Play on a question waiting for its answer: the first press says that a second one
    // skips it, and waits; the second skips it, and says so.
    lab.apply(Action::Play);
    assert!(
        !lab.run.playing && lab.teaching.quiz.asking(),
        "warned only"
    );
    assert!(lab.teaching.quiz.view().unwrap().skip_warned);
    lab.apply(Action::Play);
    assert!(lab.run.playing, "skipped: plays on");
    assert!(
        lab.talk.status.contains("question 4 skipped"),
        "{}",
        lab.talk.status
    );
    assert!(lab.lesson_end().is_none() || lab.teaching.quiz.view().is_none());
    play(&mut lab, 30_000);
    assert!(lab.teaching.quiz.view().is_none());
    assert_eq!(lab.teaching.quiz.score(), (3, 2));
    let t = lab.teaching.quiz.tally();
    assert_eq!(
        (t.total, t.right, t.wrong, t.skipped, t.shown),
        (4, 2, 1, 1, 0),
        "the skipped question is counted as skipped, not wrong"
    );
    assert!(
        lab.run.snapshot.storage.rejected >= 1,
        "and the run showed the answer"
    );
}

#[test]
fn keys_one_to_four_answer_and_escape_closes() {
    assert_eq!(question_key("1", true), Some(Action::Answer(0)));
    assert_eq!(question_key("4", true), Some(Action::Answer(3)));
    assert_eq!(question_key("5", true), None);
    assert_eq!(
        question_key("2", false),
        None,
        "digits select nodes unless asked"
    );
    assert_eq!(question_key("Escape", false), Some(Action::CloseQuestion));
}

#[test]
fn a_run_off_its_script_or_with_questions_off_is_not_stopped() {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions);
    play(&mut lab, 30_000);
    assert_eq!(lab.now(), SimTime::from_ms(30_000));
    assert!(lab.teaching.quiz.view().is_none());
    let mut lab = Lab::new();
    lab.apply(Action::ToggleFencing);
    play(&mut lab, 30_000);
    assert_eq!(
        lab.now(),
        SimTime::from_ms(30_000),
        "departed: the answers are not about this run"
    );
    // Questions stay switched off across a reset.
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions);
    lab.apply(Action::Reset);
    assert!(!lab.teaching.quiz.on());
}

#[test]
fn a_teacher_steps_through_the_questions_with_the_keyboard_and_reveals_answers() {
    use fencing_model::keys::key_action;
    let key = |lab: &mut Lab, k: &str| {
        lab.apply(key_action(k, false, Some(fencing_sim::NodeId(0))).unwrap())
    };
    let mut lab = Lab::new();
    let moments: Vec<SimTime> = lab
        .teaching
        .story
        .checkpoints()
        .iter()
        .map(|(t, _)| *t)
        .collect();
    assert_eq!(moments.len(), 4);
    // ] goes forward to the first question's moment and asks it.
    key(&mut lab, "]");
    let q = lab.teaching.quiz.view().expect("question 1 on screen");
    assert_eq!((q.number, q.at), (1, moments[0]));
    assert_eq!(lab.now(), moments[0]);
    assert!(!lab.run.playing && lab.teaching.quiz.asking());
    // V reveals the answer without anyone answering; the score counts nothing.
    key(&mut lab, "v");
    let r = lab.teaching.quiz.view().unwrap().reveal.expect("revealed");
    assert_eq!(r.chosen, None);
    assert!(!r.explain.is_empty());
    assert_eq!(lab.teaching.quiz.score(), (0, 0));
    // ] again: question 2, fresh, at its moment; [ back: question 1 asked afresh.
    key(&mut lab, "]");
    let q = lab.teaching.quiz.view().unwrap();
    assert_eq!((q.number, q.at, q.reveal.is_none()), (2, moments[1], true));
    let answer = question_key("1", lab.teaching.quiz.asking()).unwrap();
    lab.apply(answer);
    assert!(
        lab.teaching.quiz.view().unwrap().reveal.is_some(),
        "a student's answer reveals"
    );
    key(&mut lab, "[");
    let q = lab.teaching.quiz.view().unwrap();
    assert_eq!((q.number, q.reveal.is_none()), (1, true), "asked afresh");
    assert_eq!(lab.now(), moments[0]);
    key(&mut lab, "[");
    assert!(
        lab.talk.status.contains("no earlier question"),
        "{}",
        lab.talk.status
    );
    // Off its script, the questions are not this run's.
    lab.apply(Action::CloseQuestion);
    lab.apply(Action::ToggleFencing);
    key(&mut lab, "]");
    assert!(
        lab.talk.status.contains("left its script"),
        "{}",
        lab.talk.status
    );
}

#[test]
fn after_an_answer_the_run_stops_at_the_moment_that_settles_it_and_marks_the_proof() {
    let mut lab = Lab::new();
    // The fourth question: what stops the frozen leader's write?
    for _ in 0..4 {
        lab.apply(Action::NextCheckpoint);
    }
    let q = lab.teaching.quiz.view().unwrap();
    assert_eq!(q.number, 4);
    let asked_at = lab.now();
    lab.apply(Action::Answer(lab.teaching.quiz.right_answer().unwrap()));
    let proof = lab
        .teaching
        .quiz
        .view()
        .unwrap()
        .reveal
        .unwrap()
        .proof
        .expect("a write settles it");
    assert!(proof.at > asked_at);
    assert!(proof.text.contains("token 33 < 34"), "{}", proof.text);
    assert!(proof.write.is_some());
    play(&mut lab, 30_000);
    assert!(!lab.run.playing, "stopped at the proof");
    assert_eq!(lab.now(), proof.at);
    assert!(
        lab.talk.status.starts_with("What settles it"),
        "{}",
        lab.talk.status
    );
    assert!(
        lab.talk.status.contains("marked in the storage table"),
        "{}",
        lab.talk.status
    );
    let newest = lab.run.snapshot.storage.recent.last().expect("a write");
    assert!(proof.is(newest), "the newest row is the proof: {newest:?}");
    // A claim that something never happens has no single event to stop at.
    lab.apply(Action::PrevCheckpoint);
    lab.apply(Action::PrevCheckpoint);
    assert_eq!(lab.teaching.quiz.view().unwrap().number, 2);
    lab.apply(Action::RevealAnswer);
    assert_eq!(
        lab.teaching.quiz.view().unwrap().reveal.unwrap().proof,
        None
    );
}

#[test]
fn every_built_in_answer_is_settled_by_an_event_at_or_after_its_question_or_by_the_whole_run() {
    use fencing_model::narration::Story;
    use fencing_sim::pattern::Claim;
    use fencing_sim::scenario::{builtin, builtin_names};
    for name in builtin_names() {
        let story = Story::of(&builtin(name).unwrap());
        for ((asked, c), proof) in story.checkpoints().iter().zip(story.proofs()) {
            match (c.answer_claim().expect("every answer has a claim"), proof) {
                (Claim::Never(_), None) => {}
                (Claim::Never(_), Some(p)) => panic!("{name}: a never-claim settled by {p:?}"),
                (_, Some(p)) => assert!(
                    p.t >= *asked,
                    "{name}: “{}” is settled at {} but asked at {asked}",
                    c.question,
                    p.t
                ),
                (_, None) => panic!("{name}: “{}” has no proof", c.question),
            }
        }
    }
}

#[test]
fn a_lesson_ends_with_its_score_what_it_showed_and_the_next_step() {
    use fencing_model::path::Entry;
    let mut lab = Lab::new();
    while lab.teaching.quiz.score().0 < 4 {
        play(&mut lab, 30_000);
        assert!(
            lab.lesson_end().is_none(),
            "not before every question is asked"
        );
        if lab.teaching.quiz.asking() {
            lab.apply(Action::Answer(lab.teaching.quiz.right_answer().unwrap()));
        }
    }
    // The last answer's moment (the rejected write) still to come: no summary yet.
    assert!(lab.lesson_end().is_none());
    play(&mut lab, 30_000);
    assert!(
        lab.talk.status.starts_with("What settles it"),
        "{}",
        lab.talk.status
    );
    assert!(
        lab.lesson_end().is_none(),
        "the last card first, with its settling moment"
    );
    lab.apply(Action::Play); // Continue: the card is put away
    let end = lab.lesson_end().expect("the lesson is over");
    assert_eq!((end.total, end.answered, end.right), (4, 4, 4));
    assert!(end.showed.contains("33 with 34"), "{}", end.showed);
    assert_eq!(
        end.next.as_ref().map(|(s, _)| *s),
        Some(Entry::Scenario("gc-pause-no-fencing"))
    );
    lab.apply(Action::CloseSummary);
    assert!(lab.lesson_end().is_none());
    // The next step opens from it.
    lab.apply(Action::OpenEntry(end.next.unwrap().0));
    assert_eq!(lab.teaching.written.name, "gc-pause-no-fencing");
    assert!(lab.lesson_end().is_none());
}

/// A reveal whose settling moment comes after the next question says so, rather than
/// promising that the run stops there: playing on meets that question first.
#[test]
fn a_reveal_says_when_the_next_question_comes_before_its_settling_moment() {
    use fencing_model::{Action, Lab};
    let mut lab = Lab::with_scenario(fencing_sim::scenario::builtin("gc-pause-zombie").unwrap());
    lab.teaching.quiz.set_on(true);
    lab.apply(Action::Play);
    while !lab.teaching.quiz.asking() {
        lab.apply(Action::Tick(50.0));
    }
    let right = lab.teaching.quiz.right_answer().unwrap();
    lab.apply(Action::Answer(right));
    let r = lab.teaching.quiz.view().unwrap().reveal.unwrap();
    let proof = r.proof.expect("question 1 is settled by an event");
    let (n, at) = r.first.expect("question 2 comes before the write lands");
    assert_eq!(n, 2);
    assert!(at < proof.at, "{at} before {}", proof.at);
    // Playing on, the run indeed stops at question 2 first.
    lab.apply(Action::Play);
    while !lab.teaching.quiz.asking() && lab.now() < proof.at {
        lab.apply(Action::Tick(50.0));
    }
    assert_eq!(lab.teaching.quiz.open_index(), Some(1));
    assert_eq!(lab.now(), at);
    // Question 2's own settling moment comes before question 3: no such note.
    let right = lab.teaching.quiz.right_answer().unwrap();
    lab.apply(Action::Answer(right));
    let r2 = lab.teaching.quiz.view().unwrap().reveal.unwrap();
    if let Some(p) = &r2.proof {
        let third = lab.teaching.quiz.moment(2).unwrap();
        assert_eq!(r2.first.is_some(), third < p.at);
    }
}

/// Plays at 10× until a question waits for its answer (or `ms`).
fn play_to_question(lab: &mut Lab, ms: u64) {
    while !lab.teaching.quiz.asking() && lab.now() < SimTime::from_ms(ms) {
        play(lab, ms);
    }
    assert!(lab.teaching.quiz.asking(), "a question at {}", lab.now());
}

#[test]
fn space_on_a_waiting_question_first_says_that_it_skips_it_and_a_second_press_does() {
    let mut lab = Lab::new();
    play_to_question(&mut lab, 30_000);
    let at = lab.now();
    // The first press: the run stays, the card and the status say what a second one does.
    lab.apply(Action::TogglePlay);
    assert!(!lab.run.playing);
    assert!(lab.teaching.quiz.asking());
    assert!(lab.teaching.quiz.view().unwrap().skip_warned);
    assert!(
        lab.talk
            .status
            .starts_with("Question 1: Press Space or Play again to skip it")
            && lab.talk.status.contains("counts as skipped, not wrong"),
        "{}",
        lab.talk.status
    );
    for _ in 0..20 {
        lab.apply(Action::Tick(100.0));
    }
    assert_eq!(lab.now(), at, "nothing moves after the first press");
    // An answer after the warning is an answer like any other; the warning goes.
    lab.apply(Action::Answer(lab.teaching.quiz.right_answer().unwrap()));
    let q = lab.teaching.quiz.view().unwrap();
    assert!(q.reveal.unwrap().right() && !q.skip_warned);
    // The next question is asked without a warning; two presses skip it.
    play_to_question(&mut lab, 30_000);
    assert_eq!(lab.teaching.quiz.open_index(), Some(1));
    assert!(
        !lab.teaching.quiz.view().unwrap().skip_warned,
        "asked afresh"
    );
    lab.apply(Action::Play);
    assert!(!lab.run.playing);
    lab.apply(Action::Play);
    assert!(lab.run.playing && !lab.teaching.quiz.is_open());
    assert!(
        lab.talk.status.contains("question 2 skipped"),
        "{}",
        lab.talk.status
    );
    // "Skip this question" (Esc) skips at once: it says what it does.
    play_to_question(&mut lab, 30_000);
    assert_eq!(lab.teaching.quiz.open_index(), Some(2));
    lab.apply(Action::CloseQuestion);
    assert!(lab.run.playing && !lab.teaching.quiz.is_open());
    let t = lab.teaching.quiz.tally();
    assert_eq!(
        (t.right, t.wrong, t.skipped),
        (1, 0, 2),
        "skipped, not wrong"
    );
    // Breaking the rule makes the check fail: a single press must not skip.
    let mut lab = Lab::new();
    play_to_question(&mut lab, 30_000);
    lab.apply(Action::Play);
    assert_eq!(lab.teaching.quiz.tally().skipped, 0);
}

#[test]
fn a_wrong_reveal_stays_until_continue_and_the_next_question_waits_for_it() {
    // stale-before-new-write asks its second question 0.4 s of run time after the first.
    let mut lab =
        Lab::with_scenario(fencing_sim::scenario::builtin("stale-before-new-write").unwrap());
    let moments: Vec<SimTime> = lab
        .teaching
        .story
        .checkpoints()
        .iter()
        .map(|(t, _)| *t)
        .collect();
    assert!(moments[1].0 - moments[0].0 < 1_000_000, "{moments:?}");
    play_to_question(&mut lab, 30_000);
    assert_eq!(lab.now(), moments[0]);
    let right = lab.teaching.quiz.right_answer().unwrap();
    lab.apply(Action::Answer((right + 1) % 2));
    assert!(!lab.teaching.quiz.view().unwrap().reveal.unwrap().right());
    // Ten seconds of frames at 10×: far past question 2's moment, had the run played.
    for _ in 0..100 {
        lab.apply(Action::Tick(100.0));
    }
    assert_eq!(lab.now(), moments[0], "the run waits for the student");
    let q = lab.teaching.quiz.view().unwrap();
    assert_eq!(q.number, 1, "question 1's reveal is still on screen");
    assert!(q.reveal.is_some());
    // Continue: the run plays on, and stops at question 2's moment, not past it.
    lab.apply(Action::Play);
    while lab.run.playing {
        lab.apply(Action::Tick(100.0));
    }
    assert_eq!(lab.teaching.quiz.open_index(), Some(1));
    assert_eq!(lab.now(), moments[1]);
    assert!(lab.teaching.quiz.asking());
}

#[test]
fn a_lesson_end_counts_skipped_and_revealed_questions_apart_and_shows_the_lesson_summary() {
    use fencing_model::lab::LessonEnd;
    use fencing_model::path::Entry;
    // A teacher jumps to the last question and reveals it: nothing was answered.
    let mut lab = Lab::new();
    for _ in 0..4 {
        lab.apply(Action::NextCheckpoint);
    }
    lab.apply(Action::RevealAnswer);
    play(&mut lab, 30_000); // to the moment that settles it
    lab.apply(Action::Play); // Continue: the card is put away
    let end = lab.lesson_end().expect("the lesson is over");
    assert_eq!(
        (end.total, end.answered, end.right, end.skipped, end.shown),
        (4, 0, 0, 3, 1)
    );
    assert_eq!(end.score_text(), "You answered none of the 4 questions.");
    assert_eq!(
        end.apart_text().as_deref(),
        Some("3 skipped, 1 revealed without an answer: not counted as wrong.")
    );
    // What it showed: the file's own summary, not the story's last line.
    let summary = lab
        .teaching
        .written
        .lesson
        .as_ref()
        .unwrap()
        .summary
        .clone();
    assert_eq!(Some(end.showed.clone()), summary);
    assert!(end.on_path);
    assert_eq!(
        end.next.as_ref().map(|(s, _)| *s),
        Some(Entry::Scenario("gc-pause-no-fencing"))
    );
    // Without a summary (an older file), the story's line at that moment.
    let mut s = fencing_sim::scenario::builtin("gc-pause-zombie").unwrap();
    s.lesson.as_mut().unwrap().summary = None;
    s.name = "my-own-lesson".into();
    let mut lab = Lab::with_scenario(s);
    for _ in 0..4 {
        lab.apply(Action::NextCheckpoint);
    }
    lab.apply(Action::CloseQuestion);
    let end = lab.lesson_end().expect("the lesson is over");
    let line = lab
        .teaching
        .story
        .lines()
        .iter()
        .rev()
        .find(|(t, _)| *t <= lab.now())
        .unwrap()
        .1
        .clone();
    assert_eq!(end.showed, line);
    // Not a step of the path: no next step, and not "the path is done".
    assert!(!end.on_path && end.next.is_none());
    assert_eq!(end.score_text(), "You skipped all 4 questions.");
    assert_eq!(end.apart_text(), None, "the score says it already");
    // The path's last step: no next, the path is done.
    let last = fencing_model::path::entries().last().unwrap();
    let Entry::Scenario(name) = last else {
        panic!("the path ends with a lesson: {last:?}")
    };
    let mut lab = Lab::with_scenario(fencing_sim::scenario::builtin(name).unwrap());
    let n = lab.teaching.quiz.len();
    for _ in 0..n {
        lab.apply(Action::NextCheckpoint);
    }
    lab.apply(Action::Answer(lab.teaching.quiz.right_answer().unwrap()));
    lab.apply(Action::CloseQuestion);
    let end = lab.lesson_end().expect("the lesson is over");
    assert!(end.on_path && end.next.is_none(), "{end:?}");
    assert_eq!(
        (end.answered, end.right, end.skipped),
        (1, 1, n - 1),
        "{end:?}"
    );
    // The words, for one question and for several.
    let one = LessonEnd {
        title: "t".into(),
        total: 1,
        answered: 1,
        right: 0,
        skipped: 0,
        shown: 0,
        showed: String::new(),
        next: None,
        on_path: false,
    };
    assert_eq!(one.score_text(), "You answered 1 of 1 question, 0 right.");
    assert_eq!(one.apart_text(), None);
    let some = LessonEnd {
        total: 3,
        skipped: 2,
        ..one.clone()
    };
    assert_eq!(some.score_text(), "You answered 1 of 3 questions, 0 right.");
    assert_eq!(
        some.apart_text().as_deref(),
        Some("2 skipped: not counted as wrong.")
    );
}

#[test]
fn a_question_asked_on_a_touch_screen_says_tap_and_names_no_keys() {
    use fencing_model::quiz::{answer_hint, skip_words};
    // With a mouse and keys: the number keys as far as the options go, and Space.
    let mut lab = Lab::new();
    play_to_question(&mut lab, 30_000);
    assert!(
        lab.talk.status.contains("number key"),
        "{}",
        lab.talk.status
    );
    let options = lab.teaching.quiz.view().unwrap().options.len();
    assert!(answer_hint(options, false).starts_with(&format!("Answer with 1–{options} or a click")));
    assert!(skip_words(3, false).ends_with("Or answer with 1–3."));
    lab.apply(Action::TogglePlay);
    assert!(
        lab.talk
            .status
            .contains(&format!("Or answer with 1–{options}.")),
        "{}",
        lab.talk.status
    );
    // Worked by a finger: tap, and no key is named.
    let mut lab = Lab::new();
    lab.apply(Action::SetTouch(true));
    play_to_question(&mut lab, 30_000);
    assert!(
        lab.talk.status.contains("Tap your answer"),
        "{}",
        lab.talk.status
    );
    let asked = lab.talk.status.clone();
    // A first press of Play on the waiting question: the warning is for a finger too.
    lab.apply(Action::TogglePlay);
    assert!(lab.teaching.quiz.asking() && !lab.run.playing);
    assert!(
        lab.talk.status.starts_with("Question 1: Tap Play again"),
        "{}",
        lab.talk.status
    );
    for words in [
        asked,
        lab.talk.status.clone(),
        answer_hint(options, true),
        skip_words(options, true),
    ] {
        assert!(words.contains("Tap") || words.contains("tap"), "{words}");
        assert!(
            !words.contains("Space") && !words.contains("key") && !words.contains("1–"),
            "{words}"
        );
    }
}
