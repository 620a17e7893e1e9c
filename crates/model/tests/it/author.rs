//! Making a lesson in the page: claims proposed from the run at the paused moment, the
//! form's question judged as the checker will judge it, the lesson checked by the CLI's
//! checker once added, saved as a file `fencing-lab check` passes and as a link, and
//! played like a built-in lesson; bad input named by its place, the run kept.

use fencing_model::author::{proposals, AuthorAction as A, FormVerdict, Proposal};
use fencing_model::share::{decode_link, LINK_BUDGET};
use fencing_model::{Action, Lab, Outgoing};
use fencing_sim::scenario::{builtin, Scenario};
use fencing_sim::story::judge_lesson;
use fencing_sim::SimTime;

/// The zombie's run, questions off, paused at `ms`.
fn zombie_at(ms: u64) -> Lab {
    let mut lab = Lab::new();
    lab.apply(Action::ToggleQuestions);
    lab.apply(Action::JumpTo(SimTime::from_ms(ms)));
    lab
}

fn author(lab: &mut Lab, a: A) {
    lab.apply(Action::Author(a));
}

/// The index of the proposal whose words are `words`.
fn pick(lab: &Lab, words: &str) -> usize {
    lab.teaching
        .author
        .proposals
        .list
        .iter()
        .position(|p| p.words == words)
        .unwrap_or_else(|| {
            let all: Vec<&str> = lab
                .teaching
                .author
                .proposals
                .list
                .iter()
                .map(|p| p.words.as_str())
                .collect();
            panic!("no proposal “{words}” in {all:#?}")
        })
}

fn find<'a>(list: &'a [Proposal], words: &str) -> &'a Proposal {
    list.iter()
        .find(|p| p.words == words)
        .unwrap_or_else(|| panic!("no proposal “{words}”"))
}

/// Writes a three-option question: `options` as (words, proposal words), the answer
/// `answer`.
fn write_question(lab: &mut Lab, question: &str, options: &[(&str, &str)], answer: usize) {
    author(lab, A::SetQuestion(question.into()));
    for (i, (text, claim)) in options.iter().enumerate() {
        let p = pick(lab, claim);
        author(lab, A::SetOptionText(i, (*text).into()));
        author(lab, A::SetOptionClaim(i, Some(p)));
    }
    author(lab, A::SetAnswer(answer));
    author(lab, A::SetExplain("Because the run shows it.".into()));
}

#[test]
fn claims_are_proposed_from_the_run_from_the_paused_moment_on() {
    let s = builtin("gc-pause-zombie").unwrap();
    let list = proposals(&s, SimTime::from_ms(7_000)).unwrap();
    assert!(list.len() >= 20, "{}", list.len());
    // What happens from here: the zombie's rejection, the new term, the order of things.
    assert!(
        find(
            &list,
            "n4's write with token 33 is rejected (the storage has seen 34)"
        )
        .holds
    );
    assert!(find(&list, "term 34 is granted (to n3) before n4 wakes up").holds);
    assert!(find(&list, "never: a write is taken although stale (corruption)").holds);
    // What does not: the distractors a teacher needs.
    assert!(!find(&list, "n4's write with token 33 is accepted").holds);
    assert!(!find(&list, "n4 wakes up before term 34 is granted (to n3)").holds);
    assert!(!find(&list, "two leases are valid at once (lease overlap)").holds);
    assert!(!find(&list, "term 35 is granted").holds);
    // True ones come first, and every claim is judged as the checker judges it.
    let first_false = list.iter().position(|p| !p.holds).unwrap();
    assert!(list[first_false..].iter().all(|p| !p.holds));
    // From a moment after the pause, writes of token 33 before it are not "from here".
    assert!(!find(&list, "n4's write with token 33 is accepted").holds);
    let before = proposals(&s, SimTime::from_ms(2_000)).unwrap();
    assert!(find(&before, "n4's write with token 33 is accepted").holds);
}

#[test]
fn a_teacher_makes_a_two_question_lesson_saves_it_and_it_plays_like_a_built_in() {
    let mut lab = zombie_at(7_000);
    author(&mut lab, A::Open(true));
    assert!(lab.teaching.author.open && !lab.run.playing);
    assert!(
        lab.teaching.author.title.contains("A GC pause"),
        "{}",
        lab.teaching.author.title
    );
    author(&mut lab, A::SetTitle("Who stops the zombie?".into()));
    author(
        &mut lab,
        A::SetLine("n4 is frozen. Watch the lease store.".into()),
    );
    author(&mut lab, A::AddLine);
    assert_eq!(
        lab.teaching.author.lines,
        vec![(7_000, "n4 is frozen. Watch the lease store.".to_string())]
    );
    write_question(
        &mut lab,
        "What happens to n4's write with token 33 when it wakes?",
        &[
            (
                "The storage takes it",
                "n4's write with token 33 is accepted",
            ),
            (
                "The storage refuses it",
                "n4's write with token 33 is rejected (the storage has seen 34)",
            ),
            ("It is never sent", "never: n4 sends a write with token 33"),
        ],
        1,
    );
    assert_eq!(lab.teaching.author.verdict(), FormVerdict::Proven);
    author(&mut lab, A::AddQuestion);
    assert_eq!(lab.teaching.author.error, None);
    assert_eq!(lab.teaching.author.questions.len(), 1);
    let report = lab.teaching.author.report.clone().expect("checked");
    assert_eq!((report.proven, report.checkpoints), (1, 1), "{report:?}");
    // A second question, later: paused there, the claims on offer are that moment's.
    lab.apply(Action::JumpTo(SimTime::from_ms(11_000)));
    assert_eq!(lab.teaching.author.proposals.at_ms, 11_000);
    assert!(!lab
        .teaching
        .author
        .proposals
        .list
        .iter()
        .any(|p| p.words == "the lease store expires term 33"));
    write_question(
        &mut lab,
        "Which comes first?",
        &[
            (
                "n4 wakes up",
                "n4 wakes up before n3's write with token 34 is accepted",
            ),
            (
                "n3 writes with 34",
                "n3's write with token 34 is accepted before n4 wakes up",
            ),
            (
                "A stale write is taken",
                "a write is taken although stale (corruption)",
            ),
        ],
        1,
    );
    author(&mut lab, A::AddQuestion);
    assert_eq!(lab.teaching.author.error, None);
    let report = lab.teaching.author.report.clone().unwrap();
    assert_eq!((report.proven, report.checkpoints), (2, 2), "{report:?}");

    // Saved: a scenario file the CLI's checker proves, and that reruns the same run.
    author(&mut lab, A::Save);
    let Some((_, Outgoing::Download { name, text, .. })) = lab.talk.out.clone() else {
        panic!("no download: {:?}", lab.talk.out)
    };
    assert_eq!(name, "who-stops-the-zombie.json");
    let saved = Scenario::from_json(&text).unwrap();
    let checked = judge_lesson(&saved).unwrap();
    assert_eq!(checked.proven, 2, "{checked:?}");
    assert!(checked.failures.is_empty() && checked.warnings.is_empty());
    assert_eq!(saved.narration.len(), 1);
    assert_eq!(saved.title, "Who stops the zombie?");

    // As a link, within the budget, carrying the whole lesson.
    author(&mut lab, A::MakeShareLink);
    assert_eq!(lab.teaching.author.error, None);
    let link = lab.talk.share_link.clone().unwrap();
    assert!(link.len() <= LINK_BUDGET, "{}", link.len());
    assert_eq!(decode_link(&link).unwrap().scenario, saved);

    // Opened from the link in a fresh page, it plays like a built-in lesson.
    let mut student = Lab::new();
    student.apply(Action::OpenAddress(link));
    assert_eq!(student.teaching.written.title, "Who stops the zombie?");
    assert_eq!(student.teaching.quiz.len(), 2);
    student.apply(Action::Seek(SimTime::ZERO));
    student.apply(Action::Play);
    while student.run.playing && student.now() < SimTime::from_ms(30_000) {
        student.apply(Action::Tick(100.0));
    }
    let q = student.teaching.quiz.view().expect("asked");
    assert_eq!((q.number, q.at), (1, SimTime::from_ms(7_000)));
    student.apply(Action::Answer(1));
    assert!(student
        .teaching
        .quiz
        .view()
        .unwrap()
        .reveal
        .unwrap()
        .right());

    // And from the file, dropped on the page.
    let mut other = Lab::new();
    other.apply(Action::Import {
        name: name.clone(),
        bytes: std::rc::Rc::new(text.as_bytes().to_vec()),
    });
    assert_eq!(other.teaching.quiz.len(), 2);
    assert_eq!(
        other.trace_hash(),
        Lab::with_scenario(saved.clone()).trace_hash()
    );

    // Play it here: the lab opens the lesson from the start.
    author(&mut lab, A::Play);
    assert_eq!(lab.teaching.written.title, "Who stops the zombie?");
    assert_eq!(lab.now(), SimTime::ZERO);
    assert_eq!(lab.teaching.quiz.len(), 2);
}

#[test]
fn the_form_says_contradicted_or_ambiguous_naming_the_option() {
    let mut lab = zombie_at(7_000);
    author(&mut lab, A::Open(true));
    write_question(
        &mut lab,
        "Q?",
        &[
            ("a", "n4's write with token 33 is accepted"),
            (
                "b",
                "n4's write with token 33 is rejected (the storage has seen 34)",
            ),
            ("c", "term 34 is granted (to n3)"),
        ],
        0,
    );
    match lab.teaching.author.verdict() {
        FormVerdict::Contradicted(w) => assert!(w.contains("option 1"), "{w}"),
        v => panic!("{v:?}"),
    }
    author(&mut lab, A::SetAnswer(1));
    match lab.teaching.author.verdict() {
        FormVerdict::Ambiguous(w) => {
            assert!(
                w.contains("option 3") && w.contains("term 34 is granted"),
                "{w}"
            )
        }
        v => panic!("{v:?}"),
    }
    // An ambiguous question can still be added; the checker names it in the report.
    author(&mut lab, A::AddQuestion);
    let report = lab.teaching.author.report.clone().unwrap();
    assert_eq!(report.questions[0].status(), "ambiguous");
    assert!(report.failures[0].starts_with("lesson.checkpoints[0].options[2]"));
}

#[test]
fn bad_input_is_named_by_its_place_and_the_run_is_kept() {
    let mut lab = zombie_at(7_000);
    let hash = lab.trace_hash();
    author(&mut lab, A::Open(true));
    // An empty lesson cannot be saved or shared.
    author(&mut lab, A::Save);
    assert!(lab
        .teaching
        .author
        .error
        .as_deref()
        .unwrap()
        .contains("the lesson is empty"));
    author(&mut lab, A::SetLine("   ".into()));
    author(&mut lab, A::AddLine);
    assert!(lab
        .teaching
        .author
        .error
        .as_deref()
        .unwrap()
        .contains("narration line is empty"));
    // A question missing a claim, an answer, an explanation: each named.
    author(&mut lab, A::SetQuestion("Q?".into()));
    for i in 0..3 {
        author(&mut lab, A::SetOptionText(i, format!("option {i}")));
    }
    author(&mut lab, A::AddQuestion);
    let e = lab.teaching.author.error.clone().unwrap();
    assert!(e.contains("option 1 has no claim"), "{e}");
    let p = pick(&lab, "term 34 is granted (to n3)");
    for i in 0..3 {
        author(&mut lab, A::SetOptionClaim(i, Some(p)));
    }
    author(&mut lab, A::AddQuestion);
    assert!(lab
        .teaching
        .author
        .error
        .clone()
        .unwrap()
        .contains("no option is marked as the right answer"));
    author(&mut lab, A::SetAnswer(0));
    author(&mut lab, A::AddQuestion);
    assert!(lab
        .teaching
        .author
        .error
        .clone()
        .unwrap()
        .contains("the explanation is empty"));
    // A claim index that is no proposal's is not taken.
    author(&mut lab, A::SetOptionClaim(0, Some(10_000)));
    assert_eq!(lab.teaching.author.form.options[0].claim, None);
    // Options: never fewer than two, never more than four.
    author(&mut lab, A::RemoveOption(2));
    author(&mut lab, A::RemoveOption(1));
    assert_eq!(lab.teaching.author.form.options.len(), 2);
    for _ in 0..5 {
        author(&mut lab, A::AddOption);
    }
    assert_eq!(lab.teaching.author.form.options.len(), 4);
    // A moment the run never reaches (past its end).
    lab.apply(Action::JumpTo(SimTime::from_ms(30_000)));
    author(&mut lab, A::SetLine("too late".into()));
    author(&mut lab, A::AddLine);
    assert!(lab
        .teaching
        .author
        .error
        .clone()
        .unwrap()
        .contains("the run ends at 30 s"));
    assert!(lab.teaching.author.lines.is_empty());
    // None of it touched the run.
    lab.apply(Action::Seek(SimTime::from_ms(7_000)));
    assert_eq!(lab.trace_hash(), hash);
}

#[test]
fn a_lesson_too_long_for_a_link_says_so_and_offers_the_file() {
    let mut lab = zombie_at(7_000);
    author(&mut lab, A::Open(true));
    // Lines of letters that do not repeat, so compression cannot hide their length.
    let mut x: u64 = 7;
    for _ in 0..30 {
        let line: String = (0..80)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (b'a' + (x >> 59) as u8 % 26) as char
            })
            .collect();
        author(&mut lab, A::SetLine(line));
        author(&mut lab, A::AddLine);
    }
    let before = lab.talk.share_link.clone();
    author(&mut lab, A::MakeShareLink);
    let e = lab.teaching.author.error.clone().unwrap();
    assert!(
        e.contains("over the 2000 that slides") && e.contains("save the lesson file"),
        "{e}"
    );
    assert_eq!(lab.talk.share_link, before, "no link made");
    author(&mut lab, A::Save);
    assert!(matches!(lab.talk.out, Some((_, Outgoing::Download { .. }))));
}

#[test]
fn a_lesson_is_never_named_like_a_built_in() {
    use fencing_model::author::lesson_name;
    assert_eq!(lesson_name("GC pause: zombie!"), "gc-pause-zombie-lesson");
    assert_eq!(lesson_name("  "), "my-lesson");
    assert_eq!(lesson_name("Who stops the zombie?"), "who-stops-the-zombie");
}

#[test]
fn a_lesson_on_free_play_keeps_the_teachers_own_faults_as_its_script() {
    use fencing_sim::NodeId;
    let mut lab = Lab::with_scenario(builtin("free-play").unwrap());
    lab.apply(Action::JumpTo(SimTime::from_ms(4_000)));
    let leader = lab.current_leader().expect("a leader by 4 s");
    lab.apply(Action::Select(Some(leader)));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Pause {
            worst_moment: false,
            until_resumed: false,
        },
    });
    lab.apply(Action::JumpTo(SimTime::from_ms(5_000)));
    author(&mut lab, A::Open(true));
    let n = leader;
    assert_eq!(lab.view.pause_secs, 8);
    let stale = "a write is taken although stale (corruption)";
    let new_term = "term 34 is granted".to_string();
    let p_new = lab
        .teaching
        .author
        .proposals
        .list
        .iter()
        .position(|p| p.words.starts_with(&new_term) && p.holds)
        .expect("a new term from here");
    author(
        &mut lab,
        A::SetQuestion(format!("{n} is frozen for 8 s. What comes?")),
    );
    author(&mut lab, A::SetOptionText(0, "A new term".into()));
    author(&mut lab, A::SetOptionClaim(0, Some(p_new)));
    author(
        &mut lab,
        A::SetOptionText(1, "A stale write is taken".into()),
    );
    let p_stale = pick(&lab, stale);
    author(&mut lab, A::SetOptionClaim(1, Some(p_stale)));
    author(&mut lab, A::RemoveOption(2));
    author(&mut lab, A::SetAnswer(0));
    author(
        &mut lab,
        A::SetExplain("The lease runs out while it is frozen.".into()),
    );
    assert_eq!(lab.teaching.author.verdict(), FormVerdict::Proven);
    author(&mut lab, A::AddQuestion);
    assert_eq!(lab.teaching.author.report.as_ref().unwrap().proven, 1);
    author(&mut lab, A::Save);
    let Some((_, Outgoing::Download { text, .. })) = lab.talk.out.clone() else {
        panic!("no download")
    };
    let s = Scenario::from_json(&text).unwrap();
    assert_eq!(
        s.until_ms,
        builtin("free-play").unwrap().until_ms,
        "to the run's end"
    );
    assert!(
        s.faults.iter().any(|f| matches!(&f.command, fencing_sim::Command::Pause(p) if p.node == fencing_sim::command::NodeRef::Id(NodeId(n.0)) && p.for_ms == Some(8_000))),
        "{:?}",
        s.faults
    );
    assert_eq!(judge_lesson(&s).unwrap().proven, 1);
}
