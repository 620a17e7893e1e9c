//! Every built-in lesson is proven by its run: each question's moment comes, the right
//! answer's claim holds and every other option's claim fails, judged from the moment the
//! question is asked. A swapped answer, an ambiguous question (a wrong option that holds
//! too) and an older file's unproven question are each named; a malformed checkpoint is
//! refused with its place named.

use fencing_sim::lesson::Choice;
use fencing_sim::pattern::Claim;
use fencing_sim::scenario::{builtin, builtin_names, Scenario};
use fencing_sim::story::{judge_lesson, watch};

fn claim(json: &str) -> Claim {
    serde_json::from_str(json).unwrap()
}

#[test]
fn every_builtin_question_is_proven_by_its_run() {
    let mut total = 0;
    for name in builtin_names() {
        let s = builtin(name).unwrap();
        let Some(report) = judge_lesson(&s) else {
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
        assert_eq!(report.warnings, Vec::<String>::new(), "{name}");
        assert_eq!(report.proven, report.checkpoints, "{name}");
        for q in &report.questions {
            assert_eq!(q.status(), "proven", "{name}: {}", q.question);
            // Every option carries a claim the run judges: the answer's holds, the rest fail.
            for o in &q.options {
                assert_eq!(
                    o.holds,
                    Some(o.right),
                    "{name}: {} / {}",
                    q.question,
                    o.text
                );
            }
        }
        // Each is asked within the run, before the scenario ends.
        for t in watch(&s).checkpoint_times() {
            let t = t.expect("its moment comes");
            assert!(t.as_ms() < s.until_ms, "{name}: asked at {t}");
        }
        total += report.checkpoints;
    }
    assert!(total >= 20, "{total} checkpoints");
}

#[test]
fn a_swapped_answer_fails_naming_the_question_and_both_options() {
    let mut s = builtin("gc-pause-zombie").unwrap();
    let c = &mut s.lesson.as_mut().unwrap().checkpoints[0];
    let right = c.answer;
    c.answer = (right + 1) % c.options.len();
    let swapped = c.answer;
    let report = judge_lesson(&s).unwrap();
    assert_eq!(report.proven, report.checkpoints - 1);
    assert_eq!(report.questions[0].status(), "contradicted");
    let wrong = lesson_option(0, swapped);
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.starts_with(&format!("{wrong} (the answer): "))
                && f.ends_with("is not what the run shows")),
        "{:?}",
        report.failures
    );
    // The option that is really right now counts as a distractor that holds.
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.starts_with(&lesson_option(0, right)) && f.contains("ambiguous")),
        "{:?}",
        report.failures
    );
}

fn lesson_option(q: usize, o: usize) -> String {
    format!("lesson.checkpoints[{q}].options[{o}]")
}

#[test]
fn a_distractor_that_holds_too_makes_the_question_ambiguous() {
    let mut s = builtin("gc-pause-zombie").unwrap();
    let c = &mut s.lesson.as_mut().unwrap().checkpoints[3];
    // "The lease store: n4 no longer holds the lease", given a claim that is true in the run.
    let i = (c.answer + 1) % c.options.len();
    c.options[i].claim = Some(claim(r#"{"happens": {"kind": "resumed", "node": 4}}"#));
    let report = judge_lesson(&s).unwrap();
    assert_eq!(report.questions[3].status(), "ambiguous");
    assert!(!report.questions[3].proven);
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    assert!(report.failures[0].starts_with(&lesson_option(3, i)));
    assert!(report.failures[0].contains("the question is ambiguous"));
}

#[test]
fn an_older_single_claim_question_is_verified_but_unproven_with_a_warning() {
    let s = Scenario::from_json(
        r#"{"seed": 7, "config": {"first_token": 33}, "until_ms": 8000, "lesson": {"checkpoints": [
            {"at_ms": 1000, "question": "Which term does the first leader get?", "options": ["33", "34"],
             "answer": 0, "explain": "The first grant is term 33.",
             "claim": {"happens": {"kind": "grant", "term": 33}}}]}}"#,
    )
    .unwrap();
    let report = judge_lesson(&s).unwrap();
    assert_eq!(report.failures, Vec::<String>::new());
    assert_eq!((report.verified, report.proven), (1, 0));
    assert_eq!(report.questions[0].status(), "unproven");
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].starts_with(&lesson_option(0, 1)));
    assert!(report.warnings[0].contains("unproven"));
}

#[test]
fn option_claims_are_judged_from_the_moment_the_question_is_asked() {
    // Token 33 is accepted before the pause, never after: asked after the pause, "a write
    // with token 33 is accepted" is false, although the whole run has such writes.
    let mut s = builtin("gc-pause-zombie").unwrap();
    let c = &mut s.lesson.as_mut().unwrap().checkpoints[3];
    let accepted =
        r#"{"happens": {"kind": "write", "token": 33, "verdict": {"verdict": "accepted"}}}"#;
    c.options[3].claim = Some(claim(accepted));
    let report = judge_lesson(&s).unwrap();
    assert_eq!(report.questions[3].options[3].holds, Some(false));
    let mut sim = fencing_sim::world::Sim::new(&s);
    sim.run_until(fencing_sim::SimTime::from_ms(s.until_ms));
    assert!(claim(accepted).check(&sim.drain_events()).is_ok());
}

#[test]
fn a_lesson_the_run_contradicts_is_caught_naming_the_checkpoint() {
    // The zombie's lesson with fencing off: the refusal its last answer relies on never
    // happens (an accepted stale write does instead).
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.config.fencing = false;
    let report = judge_lesson(&s).unwrap();
    assert!(report.proven < report.checkpoints);
    assert!(report
        .failures
        .iter()
        .any(|f| f.starts_with("lesson.checkpoints[3].options[2] (the answer): no event like")));
    assert_eq!(report.questions[3].status(), "contradicted");
}

#[test]
fn an_option_reads_from_a_string_or_an_object_and_writes_itself_back_the_same_way() {
    let c: Vec<Choice> = serde_json::from_str(
        r#"["plain", {"text": "proven", "claim": {"never": {"kind": "violation"}}}, {"text": "no claim"}]"#,
    )
    .unwrap();
    assert_eq!(c[0], Choice::plain("plain"));
    assert_eq!(
        c[1].claim,
        Some(claim(r#"{"never": {"kind": "violation"}}"#))
    );
    assert_eq!(c[2], Choice::plain("no claim"));
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        r#"["plain",{"text":"proven","claim":{"never":{"kind":"violation"}}},"no claim"]"#
    );
    for s in builtin_names().map(|n| builtin(n).unwrap()) {
        assert_eq!(Scenario::from_json(&s.to_json_pretty()).unwrap(), s);
    }
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
    let q = r#""question": "Q?", "explain": "Because.""#;
    let cases = [
        (format!(r#"{{"at_ms": 1, "options": ["a"], "answer": 0, {ok}}}"#), "lesson.checkpoints[0].options: 1 options; a checkpoint offers 2 to 4"),
        (format!(r#"{{"at_ms": 1, "options": ["a", "b"], "answer": 2, {ok}}}"#), "lesson.checkpoints[0].answer: 2 is not an option's index (0–1)"),
        (format!(r#"{{"options": ["a", "b"], "answer": 0, {ok}}}"#), "lesson.checkpoints[0].at_ms: a checkpoint needs a moment"),
        (format!(r#"{{"at_ms": 1, "on": {{"kind": "grant"}}, "options": ["a", "b"], "answer": 0, {ok}}}"#), "lesson.checkpoints[0].on: give at_ms or on, not both"),
        (format!(r#"{{"on": {{"kind": "granted"}}, "options": ["a", "b"], "answer": 0, {ok}}}"#), "lesson.checkpoints[0].on: \"granted\" is not an event kind"),
        (
            format!(r#"{{"at_ms": 1, "options": ["a", "b"], "answer": 0, {q}, "claim": {{"happens": {{"term": 3}}}}}}"#),
            "lesson.checkpoints[0].claim: needs a \"kind\"",
        ),
        (
            r#"{"at_ms": 1, "options": ["a", "b"], "answer": 0, "question": "Q?", "explain": "", "claim": {"happens": {"kind": "grant"}}}"#.to_string(),
            "lesson.checkpoints[0].explain: must not be empty",
        ),
        // Claims on the options: a field no event of the kind has, a note that does not exist.
        (
            format!(r#"{{"at_ms": 1, "options": [{{"text": "a", "claim": {{"happens": {{"kind": "grant", "trem": 3}}}}}}, "b"], "answer": 0, {q}}}"#),
            "lesson.checkpoints[0].options[0].claim: \"trem\": no grant event has this field (its fields: node, term, expires_at)",
        ),
        (
            format!(r#"{{"at_ms": 1, "options": ["a", {{"text": "b", "claim": {{"never": {{"kind": "node", "note": {{"note": "stepped_down"}}}}}}}}], "answer": 0, {ok}}}"#),
            "lesson.checkpoints[0].options[1].claim: note.note: \"stepped_down\" is not one; they are candidate, leader",
        ),
        (
            format!(r#"{{"at_ms": 1, "options": ["a", {{"text": "b", "claim": {{"happens": {{"kind": "write", "verdict": {{"verdict": "rejected", "granted": 34}}}}}}}}], "answer": 0, {ok}}}"#),
            "lesson.checkpoints[0].options[1].claim: verdict.granted: no verdict has this field (its fields: highest)",
        ),
        // The answer needs a claim somewhere, and only once.
        (
            format!(r#"{{"at_ms": 1, "options": ["a", "b"], "answer": 1, {q}}}"#),
            "lesson.checkpoints[0].options[1]: the answer needs a claim",
        ),
        (
            format!(r#"{{"at_ms": 1, "options": [{{"text": "a", "claim": {{"never": {{"kind": "crashed"}}}}}}, "b"], "answer": 0, {ok}}}"#),
            "lesson.checkpoints[0].claim: the answer's claim is given twice",
        ),
        (
            format!(r#"{{"at_ms": 1, "options": ["a", 2], "answer": 0, {ok}}}"#),
            "lesson.checkpoints[0].options[1]: an option is {\"text\"",
        ),
        (
            format!(r#"{{"at_ms": 1, "options": ["a", {{"text": "b", "claims": []}}], "answer": 0, {ok}}}"#),
            "unknown field `claims`",
        ),
        // A moment the run never reaches.
        (
            format!(r#"{{"at_ms": 5000, "options": ["a", "b"], "answer": 0, {ok}}}"#),
            "lesson.checkpoints[0].at_ms: 5000 ms is not before the run ends (until_ms 5000): the question would never be asked",
        ),
    ];
    for (checkpoint, want) in cases {
        let e = with(&checkpoint);
        assert!(e.contains(want), "wanted {want:?} in {e:?}");
    }
}

#[test]
fn every_event_of_the_built_in_and_random_runs_is_a_valid_pattern_for_itself() {
    // The table of fields a pattern may name is complete: any trace line, read as a
    // pattern, passes the check that refuses a field no event of its kind has.
    let runs = builtin_names()
        .map(|n| builtin(n).unwrap())
        .chain((0..40).map(fencing_sim::sweep::random_scenario));
    let mut kinds = std::collections::BTreeSet::new();
    for s in runs {
        let mut sim = fencing_sim::world::Sim::new(&s);
        sim.run_until(fencing_sim::SimTime::from_ms(s.until_ms));
        for e in sim.drain_events() {
            let p: fencing_sim::pattern::Pattern =
                serde_json::from_value(e.to_json_value()).unwrap();
            assert_eq!(p.problem(), None, "{}: {}", s.name, e.to_json_line());
            kinds.insert(e.kind.name());
        }
    }
    assert!(kinds.len() >= 20, "{kinds:?}");
}

#[test]
fn the_event_that_settles_an_answer_comes_at_or_after_its_question() {
    // n3 writes with token 34 from 12.0 s on; asked at 13 s, the write that settles "n3
    // writes with token 34" is the first one after 13 s, not the one before.
    let mut s = builtin("gc-pause-zombie").unwrap();
    let c = &mut s.lesson.as_mut().unwrap().checkpoints[2];
    c.on = None;
    c.at_ms = Some(13_000);
    let answer = c.answer;
    c.options[answer].claim = Some(claim(
        r#"{"happens": {"kind": "write", "node": 3, "token": 34, "verdict": {"verdict": "accepted"}}}"#,
    ));
    let w = watch(&s);
    let proof = w.checkpoint_proofs()[2]
        .clone()
        .expect("a write settles it");
    assert!(
        proof.t >= fencing_sim::SimTime::from_ms(13_000),
        "{}",
        proof.t
    );
    assert!(
        proof.t < fencing_sim::SimTime::from_ms(14_100),
        "{}",
        proof.t
    );
}

#[test]
fn built_in_questions_offer_three_or_four_options_of_comparable_length() {
    // Two options only for a true yes/no, which no built-in question is; and the right
    // answer must not give itself away by being the longest, or by length at all.
    let mut questions = 0;
    let mut answer_longest = 0;
    for name in builtin_names() {
        let s = builtin(name).unwrap();
        for c in s.lesson.iter().flat_map(|l| &l.checkpoints) {
            let lens: Vec<usize> = c.options.iter().map(|o| o.text.chars().count()).collect();
            assert!(
                (3..=4).contains(&lens.len()),
                "{name}: “{}” has {} options",
                c.question,
                lens.len()
            );
            let (min, max) = (*lens.iter().min().unwrap(), *lens.iter().max().unwrap());
            assert!(
                max * 10 <= min * 17,
                "{name}: “{}”: options of {lens:?} characters",
                c.question
            );
            questions += 1;
            answer_longest += (lens[c.answer] == max) as usize;
        }
    }
    assert!(questions >= 23, "{questions}");
    assert!(
        answer_longest * 4 <= questions,
        "the right answer is the longest in {answer_longest} of {questions}"
    );
}

/// `lesson.summary`, what the end-of-lesson card says the lesson showed: an optional
/// addition to format version 1. Every built-in lesson has one; a file without it still
/// reads (and writes back without the key); an empty or overlong one is refused by name.
#[test]
fn a_lessons_summary_is_optional_and_checked() {
    for name in builtin_names() {
        let s = builtin(name).unwrap();
        if let Some(l) = &s.lesson {
            let summary = l.summary.as_deref().unwrap_or_default();
            assert!(
                summary.len() > 40 && summary.chars().count() <= 600,
                "{name}: a summary of a sentence or two: {summary:?}"
            );
        }
    }
    let with = r#"{"until_ms": 10000, "lesson": {"summary": "It showed this.", "checkpoints": [
        {"at_ms": 1000, "question": "Q?", "options": ["a", "b"], "answer": 0,
         "explain": "E.", "claim": {"happens": {"kind": "grant"}}}]}}"#;
    let s = Scenario::from_json(with).unwrap();
    assert_eq!(
        s.lesson.as_ref().unwrap().summary.as_deref(),
        Some("It showed this.")
    );
    assert!(s
        .to_json_pretty()
        .contains(r#""summary": "It showed this.""#));
    // An older file, without it: reads, and writes back without the key.
    let older = with.replace(r#""summary": "It showed this.", "#, "");
    let s = Scenario::from_json(&older).unwrap();
    assert_eq!(s.lesson.as_ref().unwrap().summary, None);
    assert!(!s.to_json_pretty().contains("summary"));
    // Refused, with the place named.
    let empty = with.replace("It showed this.", "  ");
    let e = Scenario::from_json(&empty).unwrap_err().to_string();
    assert!(e.starts_with("lesson.summary: is empty"), "{e}");
    let long = with.replace("It showed this.", &"word ".repeat(200));
    let e = Scenario::from_json(&long).unwrap_err().to_string();
    assert!(
        e.starts_with("lesson.summary: is 1000 characters long"),
        "{e}"
    );
    let typo = with.replace("summary", "sumary");
    let e = Scenario::from_json(&typo).unwrap_err().to_string();
    assert!(e.contains("sumary"), "{e}");
}
