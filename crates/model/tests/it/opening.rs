//! The lab the page opens on (`Lab::opening`): its first picture comes before the run that
//! places the story's anchored lines and questions, and nothing on that picture differs
//! from the told lab's; the story is told at the lab's first action of its own, after which
//! the lab is the one `Lab::new` makes.

use fencing_model::lab::{DEFAULT_KEY_MOMENT, DEFAULT_SCENARIO};
use fencing_model::narration::Story;
use fencing_model::{Action, Lab};
use fencing_sim::scenario::{builtin, builtin_names, Anchor};
use fencing_sim::SimTime;

fn fit() -> Action {
    Action::FitScreen {
        stage_px: 900,
        screen_h: 768,
        picture_px: (600, 400),
        side_beside: true,
    }
}

/// The same lab to the person: the run's picture and state, the teaching, the view and
/// what it says (`Lab`'s own `==` compares runs by identity, for the page's redraws).
fn assert_same(a: &Lab, b: &Lab, what: &str) {
    assert_eq!(*a.run.snapshot, *b.run.snapshot, "{what}: the run");
    assert_eq!(a.run.playing, b.run.playing, "{what}: playing");
    assert!(a.teaching == b.teaching, "{what}: the teaching");
    assert!(a.view == b.view, "{what}: the view");
    assert!(a.talk == b.talk, "{what}: the talk");
}

#[test]
fn the_default_key_moment_is_the_one_its_run_finds() {
    let told = Story::of(&builtin(DEFAULT_SCENARIO).unwrap());
    assert_eq!(told.key_moment(), DEFAULT_KEY_MOMENT);
}

#[test]
fn the_opening_lab_shows_what_the_told_lab_shows_at_0_s() {
    let (opening, told) = (Lab::opening(), Lab::new());
    assert!(!opening.teaching.story.is_told());
    assert!(told.teaching.story.is_told());
    assert_eq!(opening.view.speed, told.view.speed);
    assert_eq!(
        opening.narration(&opening.run.events),
        told.narration(&told.run.events),
        "the narration panel at 0 s, its count of lines to come included"
    );
    assert_eq!(
        opening.teaching.has_questions(),
        told.teaching.has_questions()
    );
    assert!(told.teaching.has_questions());
    assert!(!opening.teaching.quiz.asking() && !told.teaching.quiz.asking());
    // No question and no anchored line is due at the first picture.
    let story = &told.teaching.story;
    assert!(story.checkpoints().iter().all(|(t, _)| *t > SimTime::ZERO));
    assert_eq!(*opening.run.snapshot, *told.run.snapshot);
}

#[test]
fn telling_the_story_makes_the_opening_lab_the_told_one() {
    let mut lab = Lab::opening();
    assert!(!lab.unchanged_by(&Action::TellStory));
    lab.apply(Action::TellStory);
    assert!(lab.teaching.story.is_told());
    assert_same(&lab, &Lab::new(), "told");
    assert!(lab.unchanged_by(&Action::TellStory), "told once");
    // The quiz keeps being on or off across the telling.
    let mut off = Lab::opening();
    off.apply(Action::ToggleQuestions);
    assert!(!off.teaching.quiz.on());
    assert!(off.teaching.story.is_told());
    assert!(!off.teaching.quiz.is_empty());
}

#[test]
fn the_screens_facts_wait_and_the_labs_own_actions_tell_first() {
    // The page's first facts (its screen, its pointer) come before the first picture: they
    // leave the story to its run.
    let mut lab = Lab::opening();
    lab.apply(fit());
    lab.apply(Action::SetTouch(true));
    assert!(!lab.teaching.story.is_told());

    // A lab action on the untold lab does what it does on the told one.
    let actions = || {
        vec![
            Action::Play,
            Action::Tick(100.0),
            Action::JumpTo(SimTime::from_ms(19_000)),
            Action::Step,
        ]
    };
    let (mut opening, mut told) = (Lab::opening(), Lab::new());
    for a in actions() {
        let what = format!("{a:?}");
        opening.apply(a.clone());
        told.apply(a);
        assert_same(&opening, &told, &what);
    }
    // The jump stopped at the lesson's first question, as it does on the told lab.
    assert!(told.teaching.quiz.asking());
}

#[test]
fn an_untold_story_has_the_lines_at_fixed_times_of_the_told_one() {
    for name in builtin_names() {
        let s = builtin(name).unwrap();
        let (untold, told) = (Story::untold(&s, None), Story::of(&s));
        let fixed: Vec<_> = told
            .lines()
            .iter()
            .filter(|(_, text)| {
                s.narration
                    .iter()
                    .any(|n| n.text() == text && matches!(n.anchor(), Anchor::At(_)))
            })
            .cloned()
            .collect();
        assert_eq!(untold.lines(), &fixed[..], "{name}");
        assert!(untold.checkpoints().is_empty(), "{name}");
        assert!(!untold.is_told() && told.is_told(), "{name}");
    }
}

/// A phone opens on the tall picture before anything is measured; a tablet or a laptop
/// opens on the wide one as before (an unknown window too). Whenever the window opens it
/// tall, every stage no wider than that window measures tall too: the first measure never
/// swaps a phone's opening picture for the wide one.
#[test]
fn a_phone_opens_on_the_tall_picture_and_its_first_measure_keeps_it() {
    use fencing_model::layout::{Fit, Shape};
    let opened = |w: u32, h: u32| {
        let mut lab = Lab::opening();
        lab.view.open_fit(w, h);
        lab
    };
    for (w, h, shape) in [
        (390, 844, Shape::Tall),
        (360, 640, Shape::Tall),
        (820, 1180, Shape::Wide),
        (1024, 768, Shape::Wide),
        (1366, 768, Shape::Wide),
        (1920, 1080, Shape::Wide),
        (0, 0, Shape::Wide),
    ] {
        let lab = opened(w, h);
        assert_eq!(lab.view.fit.shape, shape, "a {w} × {h} window");
        if shape == Shape::Wide {
            assert_eq!(
                lab.view.fit,
                Fit::default(),
                "a {w} × {h} window: the wide picture as before"
            );
        }
    }
    for h in [360, 519, 520, 640, 844, 1180] {
        for w in (240..=1400).step_by(20) {
            let lab = opened(w, h);
            if lab.view.fit.shape != Shape::Tall {
                continue;
            }
            for stage_px in (120..=w).step_by(13) {
                let mut measured = lab.clone();
                measured.apply(Action::FitScreen {
                    stage_px,
                    screen_h: h,
                    picture_px: (0, 0),
                    side_beside: false,
                });
                assert_eq!(
                    measured.view.fit, lab.view.fit,
                    "a {w} × {h} window opened tall, and a stage {stage_px} wide measures"
                );
            }
        }
    }
}
