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

/// The lab opens on the window's fit before anything is measured: a phone on the tall
/// picture, a phone held sideways on the larger words, a laptop as before (an unknown
/// window too; a tablet held sideways too, its stage then measured narrower). A stage no
/// wider than the window then measures the same fit or one further along (the larger
/// words, then the tall picture), never one back: the first measure never swaps the
/// opening picture for the laptop's.
#[test]
fn the_lab_opens_on_the_windows_fit_and_its_first_measure_never_goes_back() {
    use fencing_model::layout::{Fit, Shape};
    let opened = |w: u32, h: u32| {
        let mut lab = Lab::opening();
        lab.view.open_fit(w, h);
        lab
    };
    let tall = Fit {
        shape: Shape::Tall,
        large_words: false,
    };
    let large = Fit {
        shape: Shape::Wide,
        large_words: true,
    };
    for (w, h, fit) in [
        (390, 844, tall),
        (360, 640, tall),
        (844, 390, large),
        (1024, 768, Fit::default()),
        (1366, 768, Fit::default()),
        (1920, 1080, Fit::default()),
        (0, 0, Fit::default()),
    ] {
        assert_eq!(opened(w, h).view.fit, fit, "a {w} × {h} window");
    }
    // How far along a fit is: the wide picture, its larger words, the tall picture.
    let along = |f: Fit| match (f.shape, f.large_words) {
        (Shape::Wide, false) => 0,
        (Shape::Wide, true) => 1,
        (Shape::Tall, _) => 2,
    };
    for h in [360, 519, 520, 640, 768, 844, 1180] {
        for w in (240..=1600).step_by(20) {
            let lab = opened(w, h);
            for stage_px in (120..=w).step_by(13) {
                let mut measured = lab.clone();
                measured.apply(Action::FitScreen {
                    stage_px,
                    screen_h: h,
                    picture_px: (0, 0),
                    side_beside: false,
                });
                assert!(
                    along(measured.view.fit) >= along(lab.view.fit),
                    "a {w} × {h} window opened {:?}, and a stage {stage_px} wide measures {:?}",
                    lab.view.fit,
                    measured.view.fit
                );
            }
        }
    }
}
