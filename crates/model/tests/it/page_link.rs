//! Links for slides: a lesson at a question, a speed, playing or paused, presentation
//! mode, questions on or off, chosen panels; each bad or unknown parameter is named and
//! the rest applies.

use fencing_model::lab::SPEEDS;
use fencing_model::page_link::{parse, Panel};
use fencing_model::path::Target;
use fencing_model::{Action, Lab};

fn speed(x: f64) -> usize {
    SPEEDS.iter().position(|s| *s == x).unwrap()
}

#[test]
fn a_link_names_what_to_open_and_how() {
    let l = parse("#lesson=gc-pause-zombie&q=2&speed=2&play=1&present=1&questions=off&panels=picture,narration").unwrap();
    assert_eq!(
        l.target,
        Some(Target::Lesson {
            name: "gc-pause-zombie",
            question: Some(1)
        })
    );
    assert_eq!(l.speed, Some(speed(2.0)));
    assert_eq!(
        (l.play, l.present, l.questions),
        (Some(true), Some(true), Some(false))
    );
    assert_eq!(l.panels, Some(vec![Panel::Picture, Panel::Narration]));
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    // The question may come before the lesson; a scenario opens like a lesson; 0.25× and 10x.
    let l = parse("q=1&lesson=drifting-clock").unwrap();
    assert!(matches!(
        l.target,
        Some(Target::Lesson {
            name: "drifting-clock",
            question: Some(0)
        })
    ));
    assert!(matches!(
        parse("scenario=free-play").unwrap().target,
        Some(Target::Lesson {
            name: "free-play",
            ..
        })
    ));
    assert_eq!(parse("speed=0.25").unwrap().speed, Some(speed(0.25)));
    assert_eq!(parse("speed=10x").unwrap().speed, Some(speed(10.0)));
    assert_eq!(parse("speed=0.50").unwrap().speed, Some(speed(0.5)));
    assert_eq!(parse("speed=.5").unwrap().speed, Some(speed(0.5)));
    assert_eq!(parse("speed=1.0×").unwrap().speed, Some(speed(1.0)));
    // Not ours: a shared run, or nothing.
    assert_eq!(parse("run=v1.abc"), None);
    assert_eq!(parse(""), None);
    assert_eq!(parse("#"), None);
}

#[test]
fn each_bad_parameter_is_named_and_the_rest_applies() {
    let l = parse("lesson=gc-pause-zombie&speed=3&play=maybe&colour=red&panels=picture,map&top")
        .unwrap();
    assert!(matches!(
        l.target,
        Some(Target::Lesson {
            name: "gc-pause-zombie",
            ..
        })
    ));
    assert_eq!(l.panels, Some(vec![Panel::Picture]));
    let all = l.problems.join(" | ");
    for want in [
        "speed=3 is not a speed the lab offers (0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50)",
        "play=maybe: say play=1 or play=0",
        "“colour” is not a parameter this page takes",
        "panels: “map” is not a panel",
        "“top” is not a parameter",
    ] {
        assert!(all.contains(want), "{want} in {all}");
    }
    assert_eq!(l.problems.len(), 5);
    assert!(parse("panels=").unwrap().problems[0].contains("names no panel"));
    assert!(parse("q=2").unwrap().problems[0].contains("q= goes with lesson="));
}

#[test]
fn the_lab_opens_a_link_for_a_slide() {
    let mut lab = Lab::new();
    lab.apply(Action::OpenAddress(
        "scenario=drifting-clock&speed=5&play=1&present=1&panels=diagram,narration".into(),
    ));
    assert_eq!(lab.talk.notice, None);
    assert_eq!(lab.teaching.written.name, "drifting-clock");
    assert_eq!(lab.view.speed, speed(5.0));
    assert!(lab.run.playing && lab.view.presentation);
    assert!(lab.shows(Panel::Diagram) && lab.shows(Panel::Narration));
    assert!(!lab.shows(Panel::Picture) && !lab.shows(Panel::Controls));
    assert!(
        lab.view.diagram_view,
        "the diagram alone takes the picture's place"
    );
    // A reset keeps the chosen panels; showing everything brings them all back.
    lab.apply(Action::Reset);
    assert!(!lab.shows(Panel::Picture));
    lab.apply(Action::ShowAllPanels);
    assert!(lab.shows(Panel::Picture) && lab.shows(Panel::More));
}

#[test]
fn a_link_with_bad_parameters_applies_the_rest_and_says_what_was_not_understood() {
    let mut lab = Lab::new();
    lab.apply(Action::OpenAddress(
        "lesson=lease-too-short&speed=7&questions=off".into(),
    ));
    assert_eq!(lab.teaching.written.name, "lease-too-short");
    assert!(!lab.teaching.quiz.on());
    let n = lab.talk.notice.clone().unwrap();
    assert!(
        n.starts_with("This link was not fully understood: speed=7 is not a speed"),
        "{n}"
    );
    assert!(n.ends_with("The rest of it was applied."), "{n}");
    // Playing is not started over a question the link asks.
    let mut lab = Lab::new();
    lab.apply(Action::OpenAddress(
        "lesson=gc-pause-zombie&q=1&play=1".into(),
    ));
    assert!(lab.teaching.quiz.asking() && !lab.run.playing);
}

#[test]
fn a_link_pasted_into_the_open_page_opens_and_a_bad_one_keeps_the_run_and_says_so() {
    use fencing_model::share::{encode_link, RunSpec};
    use fencing_sim::scenario::builtin;
    use fencing_sim::SimTime;
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::Play);
    for t in 0..40 {
        lab.apply(Action::Tick(100.0 + 50.0 * f64::from(t)));
    }
    lab.apply(Action::Stop);
    let had = (lab.run.scenario.name.clone(), lab.now(), lab.run_id());
    assert!(had.1 > SimTime::ZERO, "the run has gone on");

    // A damaged run link: the run stays, and the notice says so (not "the default").
    lab.apply(Action::FollowAddress("run=v2.not-a-run".into()));
    let n = lab.talk.notice.clone().expect("a notice");
    assert!(
        n.starts_with("This shared link could not be opened: "),
        "{n}"
    );
    assert!(n.ends_with("The run you had is unchanged."), "{n}");
    assert_eq!(
        (lab.run.scenario.name.clone(), lab.now(), lab.run_id()),
        had
    );

    // The same link in the address at load shows the default, and says that instead.
    let mut fresh = Lab::new();
    fresh.apply(Action::OpenAddress("run=v2.not-a-run".into()));
    let n = fresh.talk.notice.clone().expect("a notice");
    assert!(n.ends_with("Showing the default scenario instead."), "{n}");

    // A sound run link opens at its moment, as at load.
    let mut s = (*lab.run.scenario).clone();
    s.config.nodes = 5;
    let link = encode_link(&RunSpec {
        scenario: s,
        commands: Vec::new(),
        at_ms: 4_500,
    });
    lab.apply(Action::FollowAddress(link));
    assert_eq!(lab.now(), SimTime::from_ms(4_500));
    assert_eq!(lab.sim().node_count(), 5);
    assert_ne!(lab.run_id(), had.2);

    // A link for slides too.
    lab.apply(Action::FollowAddress(
        "lesson=drifting-clock&speed=5".into(),
    ));
    assert_eq!(lab.teaching.written.name, "drifting-clock");
    assert_eq!(lab.view.speed, speed(5.0));
}
