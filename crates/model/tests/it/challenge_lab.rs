//! Challenges and the lesson path in the lab: a challenge is tried with the page's own
//! actions, its win stops the run, is kept in the progress with a link that reopens the
//! winning run; answers are kept too; lesson links open a lesson at a question.

use fencing_model::lab::SPEEDS;
use fencing_model::path::Entry;
use fencing_model::progress::Progress;
use fencing_model::{Action, Lab};
use fencing_sim::SimTime;

fn fast(lab: &mut Lab) {
    let i = SPEEDS.iter().position(|s| *s == 10.0).unwrap();
    lab.apply(Action::SetSpeed(i));
}

/// Plays until `done` or `ms` of virtual time, in 100 ms frames.
fn play_until(lab: &mut Lab, ms: u64, done: impl Fn(&Lab) -> bool) {
    lab.apply(Action::Play);
    while lab.now() < SimTime::from_ms(ms) && !done(lab) {
        lab.apply(Action::Tick(100.0));
        if !lab.run.playing && !done(lab) {
            lab.apply(Action::Play);
        }
    }
}

fn won(lab: &Lab) -> bool {
    lab.teaching
        .challenge
        .as_ref()
        .is_some_and(|a| a.won.is_some())
}

/// Tries "corrupt with one pause" as a student would: select the leader, a 10 s pause at
/// the worst moment, play.
fn win_corruption(lab: &mut Lab) {
    lab.apply(Action::OpenAddress(
        "challenge=corrupt-with-one-pause".into(),
    ));
    assert_eq!(lab.run.scenario.name, "challenge-corrupt-with-one-pause");
    assert!(!lab.fencing());
    fast(lab);
    play_until(lab, 4000, |_| false);
    lab.apply(Action::SelectLeader);
    assert!(lab.view.actions_open, "the leader's actions are open");
    lab.apply(Action::SetPauseSecs(10));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Pause {
            worst_moment: true,
            until_resumed: false,
        },
    });
    play_until(lab, 60_000, won);
}

#[test]
fn a_challenge_won_stops_the_run_and_is_kept_with_a_link_to_the_winning_run() {
    let mut lab = Lab::new();
    win_corruption(&mut lab);
    let a = lab.teaching.challenge.clone().unwrap();
    let w = a.won.clone().expect("won");
    assert!(!lab.run.playing, "the run stops at the win");
    // The win is the story now: the node's actions, open since the pause, step aside
    // rather than stand over the new leader.
    assert!(
        !lab.view.actions_open,
        "the node's actions close at the win"
    );
    assert!(
        lab.now() >= w.at && lab.now().0 - w.at.0 < 1_000_000,
        "stopped at the win"
    );
    assert!(w.how.contains("stale write"), "{}", w.how);
    assert!(
        lab.talk.status.starts_with("Challenge done"),
        "{}",
        lab.talk.status
    );
    let kept = lab
        .teaching
        .progress
        .win("corrupt-with-one-pause")
        .expect("kept");
    assert_eq!(kept.link, w.link);

    // The link opens the winning run as the challenge, won, in a lab with no progress of
    // its own: the win is shown, not credited to whoever opens it.
    let mut other = Lab::new();
    other.apply(Action::OpenAddress(w.link.clone()));
    assert_eq!(other.talk.notice, None);
    let shown = other.teaching.challenge.clone().expect("the challenge");
    assert_eq!(shown.challenge.id, "corrupt-with-one-pause");
    assert_eq!(shown.won.map(|x| x.at), Some(w.at));
    assert!(other.teaching.progress.is_empty());
}

#[test]
fn a_seek_or_a_reset_judges_the_run_again() {
    let mut lab = Lab::new();
    win_corruption(&mut lab);
    let at = lab
        .teaching
        .challenge
        .as_ref()
        .unwrap()
        .won
        .clone()
        .unwrap()
        .at;
    lab.apply(Action::ShowHint);
    // Back before the win: the watch is worked out again from the start, and playing on
    // reaches the same win at the same moment.
    lab.apply(Action::Seek(SimTime(at.0 - 2_000_000)));
    assert!(
        lab.teaching.challenge.as_ref().unwrap().won.is_some(),
        "the win shown stays"
    );
    lab.apply(Action::Reset);
    let a = lab.teaching.challenge.clone().unwrap();
    assert_eq!(a.won, None, "a reset is a new attempt");
    assert!(a.hint, "the hint stays shown");
    assert!(
        lab.teaching
            .progress
            .win("corrupt-with-one-pause")
            .is_some(),
        "progress is kept"
    );
    // A first pause that cannot corrupt anything (the leader, n2, for 1 s) spoils it
    // at once, saying why; a second pause would break the rule too.
    fast(&mut lab);
    play_until(&mut lab, 3000, |_| false);
    lab.apply(Action::SetPauseSecs(1));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Pause {
            worst_moment: false,
            until_resumed: false,
        },
    });
    play_until(&mut lab, 5000, |_| false);
    lab.apply(Action::SelectLeader);
    assert!(lab.view.actions_open, "the leader's actions are open");
    lab.apply(Action::SetPauseSecs(10));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Pause {
            worst_moment: true,
            until_resumed: false,
        },
    });
    play_until(&mut lab, 40_000, won);
    assert!(!won(&lab));
    let standing = lab.teaching.challenge.as_ref().unwrap().watch.standing();
    let words = format!("{standing:?}");
    assert!(words.contains("n2 woke still leading"), "{standing:?}");
}

#[test]
fn loading_another_scenario_leaves_the_challenge() {
    let mut lab = Lab::new();
    lab.apply(Action::StartChallenge("five-leaders".into()));
    assert!(lab.teaching.challenge.is_some());
    lab.apply(Action::Load("gc-pause-zombie".into()));
    assert!(lab.teaching.challenge.is_none());
    lab.apply(Action::OpenEntry(Entry::Challenge("two-leaders-no-pause")));
    assert_eq!(lab.run.scenario.name, "challenge-two-leaders-no-pause");
    lab.apply(Action::LeaveChallenge);
    assert!(lab.teaching.challenge.is_none());
    assert_eq!(
        lab.run.scenario.name, "challenge-two-leaders-no-pause",
        "the run goes on"
    );
    lab.apply(Action::StartChallenge("nope".into()));
    assert!(lab
        .talk
        .error
        .as_deref()
        .unwrap()
        .contains("no challenge named nope"));
}

#[test]
fn answers_are_kept_and_progress_can_be_erased() {
    let mut lab = Lab::new();
    lab.apply(Action::SetProgress(Progress::default()));
    lab.apply(Action::OpenAddress("lesson=gc-pause-zombie&q=2".into()));
    assert_eq!(lab.talk.notice, None);
    assert_eq!(lab.teaching.written.name, "gc-pause-zombie");
    assert_eq!(
        lab.teaching.quiz.open_index(),
        Some(1),
        "asked at its second question"
    );
    assert_eq!(lab.now(), lab.teaching.quiz.moment(1).unwrap());
    let right = lab.teaching.quiz.right_answer().unwrap();
    lab.apply(Action::Answer(right));
    assert_eq!(lab.teaching.progress.score("gc-pause-zombie"), (1, 1));
    lab.apply(Action::ResetProgress);
    assert!(lab.teaching.progress.is_empty());
}

#[test]
fn a_bad_lesson_link_leaves_a_notice_and_the_run() {
    let mut lab = Lab::new();
    let before = lab.trace_hash();
    lab.apply(Action::OpenAddress("lesson=gc-pause-zombie&q=9".into()));
    let n = lab.talk.notice.clone().unwrap();
    assert!(
        n.contains("q=9: the lesson gc-pause-zombie has 4 questions"),
        "{n}"
    );
    assert_eq!(lab.trace_hash(), before);
    assert!(lab.teaching.challenge.is_none());
}

#[test]
fn the_path_opens_with_g_and_closes_with_escape() {
    let mut lab = Lab::new();
    lab.apply(fencing_model::keys::key_action("g", false, Some(fencing_sim::NodeId(0))).unwrap());
    assert!(lab.view.path_open);
    lab.apply(
        fencing_model::keys::key_action("Escape", false, Some(fencing_sim::NodeId(0))).unwrap(),
    );
    assert!(!lab.view.path_open);
}

#[test]
fn a_challenge_lost_stops_the_run_says_why_and_try_again_starts_afresh() {
    use fencing_model::challenge::Standing;
    // The case: one plain 8 s pause of the leader, not at the worst moment. It
    // wakes, finds its lease over and steps down without writing: the one pause is spent.
    let mut lab = Lab::new();
    lab.apply(Action::OpenAddress(
        "challenge=corrupt-with-one-pause".into(),
    ));
    fast(&mut lab);
    lab.apply(Action::JumpTo(SimTime::from_ms(5000)));
    assert_eq!(lab.now(), SimTime::from_ms(5000));
    lab.apply(Action::SelectLeader);
    lab.apply(Action::SetPauseSecs(8));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Pause {
            worst_moment: false,
            until_resumed: false,
        },
    });
    lab.apply(Action::Play);
    while lab.run.playing && lab.now() < SimTime::from_ms(60_000) {
        lab.apply(Action::Tick(100.0));
    }
    let a = lab.teaching.challenge.clone().unwrap();
    let Standing::Spoiled(why) = a.watch.standing() else {
        panic!("lost: {:?}", a.watch.standing())
    };
    assert!(why.contains("stepped down without writing"), "{why}");
    // The run stopped where it was lost (the leader's step-down after waking, ~12 s),
    // and the status line says so and why.
    assert!(!lab.run.playing, "stopped");
    assert!(
        lab.now() > SimTime::from_ms(12_000) && lab.now() < SimTime::from_ms(14_000),
        "{}",
        lab.now()
    );
    assert!(
        lab.talk
            .status
            .starts_with("This attempt can no longer win: ")
            && lab.talk.status.contains(&why)
            && lab.talk.status.contains("Try again"),
        "{}",
        lab.talk.status
    );
    // Playing on does not stop it again (told once).
    lab.apply(Action::Play);
    lab.apply(Action::Tick(100.0));
    assert!(lab.run.playing);
    // Try again (Reset, Shift+R): a fresh attempt at the same challenge, from the start.
    lab.apply(Action::Reset);
    let a = lab.teaching.challenge.clone().unwrap();
    assert_eq!(a.challenge.id, "corrupt-with-one-pause");
    assert!(matches!(a.watch.standing(), Standing::Trying(_)));
    assert_eq!(lab.now(), SimTime::ZERO);
    assert!(
        lab.commands().is_empty(),
        "the lost attempt's pause is gone"
    );
    win_corruption(&mut lab);
    assert!(won(&lab));
}
