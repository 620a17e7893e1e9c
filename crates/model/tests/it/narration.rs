//! The narration never contradicts the run: it tells the scenario's story at the moments
//! the run reaches them while the run follows its script, and once the run departs (a
//! command, a setting, the seed, the scripted faults switched off) it says so and
//! comments on what actually happens instead.

use fencing_model::lab::SPEEDS;
use fencing_model::narration::{LineKind, NarrationView};
use fencing_model::{Action, Lab};
use fencing_sim::scenario::builtin;
use fencing_sim::{NodeId, SimTime};

fn lab(name: &str) -> Lab {
    Lab::with_scenario(builtin(name).unwrap())
}

/// Plays on (1×, 100 ms frames) to `ms` of virtual time, give or take a frame.
/// Plays at 1× to `ms` (frames of real time end early at a key moment, so it may run a
/// little past it).
fn play_to(lab: &mut Lab, ms: u64) {
    lab.apply(Action::SetSpeed(
        SPEEDS.iter().position(|s| *s == 1.0).unwrap(),
    ));
    let target = SimTime::from_ms(ms);
    while lab.now() < target {
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
        lab.apply(Action::Tick(100.0));
    }
    lab.apply(Action::Stop);
}

fn view(lab: &Lab) -> NarrationView {
    lab.narration(&lab.run.events)
}

fn texts(v: &NarrationView, kind: LineKind) -> Vec<String> {
    v.lines
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| l.text.clone())
        .collect()
}

fn any(v: &NarrationView, kind: LineKind, words: &str) -> bool {
    texts(v, kind).iter().any(|t| t.contains(words))
}

#[test]
fn following_its_script_the_story_is_told_at_the_moments_the_run_reaches() {
    let mut lab = lab("gc-pause-zombie");
    play_to(&mut lab, 10_000);
    let v = view(&lab);
    assert!(
        any(&v, LineKind::Scripted, "froze"),
        "the pause has happened by 10 s"
    );
    assert!(
        !any(&v, LineKind::Scripted, "term 34"),
        "term 34 is not granted before 10.8 s"
    );
    assert!(texts(&v, LineKind::Departed).is_empty() && texts(&v, LineKind::Live).is_empty());
    assert!(v.upcoming >= 3);
    play_to(&mut lab, 11_000);
    let v = view(&lab);
    let last = v.lines.last().unwrap();
    assert!(
        last.text.contains("term 34") && last.kind == LineKind::Scripted,
        "{last:?}"
    );
    assert!(last.at > SimTime::from_ms(10_700) && last.at < SimTime::from_ms(10_900));
    play_to(&mut lab, 30_000);
    let v = view(&lab);
    assert_eq!(v.upcoming, 0);
    assert!(v.lines.last().unwrap().text.contains("token 33 < 34"));
    assert!(lab.departure().is_none());
}

#[test]
fn a_pause_of_the_students_own_departs_and_the_commentary_follows_the_run() {
    let mut lab = lab("gc-pause-zombie");
    play_to(&mut lab, 2_400);
    lab.apply(Action::SelectLeader);
    let leader = lab.view.selected.unwrap();
    lab.apply(Action::SetPauseSecs(20));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Pause {
            worst_moment: false,
            until_resumed: false,
        },
    });
    let d = lab.departure().expect("a command departs from the script");
    assert_eq!(d.at, lab.now(), "the command ran at the present");
    assert!(d.at >= SimTime::from_ms(2_400) && d.at < SimTime::from_ms(2_600));
    assert_eq!(
        d.what,
        format!(
            "at {} you paused {leader} for 20.0 s",
            fencing_model::describe::secs(d.at)
        )
    );
    play_to(&mut lab, 9_000);
    let v = view(&lab);
    assert!(any(&v, LineKind::Departed, "You changed this run"));
    assert!(
        !any(&v, LineKind::Scripted, "worst moment") && !any(&v, LineKind::Scripted, "froze"),
        "no scripted line after the departure"
    );
    assert!(v
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Scripted)
        .all(|l| l.at <= d.at));
    assert!(any(&v, LineKind::Live, &format!("{leader} freezes")));
    assert_eq!(v.upcoming, 0);
    // The store expires the frozen leader's lease and another node takes over: said as
    // it happens, and what the frozen node believes is said as it stands.
    let v = view(&lab);
    assert!(
        any(
            &v,
            LineKind::Live,
            &format!("{leader}'s lease (term 33) is over. {leader} is frozen and cannot know")
        ),
        "{:#?}",
        v.lines
    );
    assert!(any(&v, LineKind::Live, "term 34"), "{:#?}", v.lines);
    let now = texts(&v, LineKind::Now);
    assert!(
        now.iter().any(|t| t.starts_with(&format!("{leader} is frozen and still believes it leads with term 33. The store expired that lease"))),
        "{now:?}"
    );
    // The scripted pause still fires later: the commentary tells it, on the node it hit.
    play_to(&mut lab, 8_000 + 20_000);
    let v = view(&lab);
    assert!(any(&v, LineKind::Live, "wakes"), "{:#?}", v.lines);
}

#[test]
fn fencing_switched_off_mid_run_never_leaves_the_refusal_line_on_screen() {
    let mut lab = lab("gc-pause-zombie");
    play_to(&mut lab, 15_000);
    lab.apply(Action::ToggleFencing);
    play_to(&mut lab, 25_000);
    let v = view(&lab);
    assert!(
        any(&v, LineKind::Departed, "s you switched fencing off"),
        "{:#?}",
        v.lines
    );
    assert!(
        !any(&v, LineKind::Scripted, "refuses"),
        "the story's refusal is not told"
    );
    assert!(any(&v, LineKind::Live, "STALE"), "{:#?}", v.lines);
    assert!(any(&v, LineKind::Live, "corruption"));
}

#[test]
fn a_split_is_commented_as_it_plays_out() {
    let mut lab = lab("gc-pause-zombie");
    play_to(&mut lab, 3_000);
    let leader = lab.current_leader().unwrap();
    lab.apply(Action::Split {
        side_b: vec![fencing_sim::Actor::Node(leader)],
        both: vec![],
    });
    play_to(&mut lab, 12_000);
    let v = view(&lab);
    assert!(
        any(&v, LineKind::Departed, "split the network"),
        "{:#?}",
        v.lines
    );
    assert!(
        any(
            &v,
            LineKind::Live,
            &format!("{leader} steps down from term 33")
        ),
        "{:#?}",
        v.lines
    );
    assert!(
        any(
            &v,
            LineKind::Live,
            "takes the lease from the lease store: term 34"
        ),
        "{:#?}",
        v.lines
    );
}

#[test]
fn setup_changes_depart_from_the_start_and_say_what_changed() {
    let mut lab = lab("gc-pause-zombie");
    lab.apply(Action::SetSeed(8));
    assert_eq!(lab.departure().unwrap().what, "seed 8 instead of 7");
    lab.apply(Action::SetNodes(7));
    let d = lab.departure().unwrap();
    assert_eq!(
        (d.at, d.what.as_str()),
        (SimTime::ZERO, "seed 8 instead of 7, 7 nodes instead of 5")
    );
    lab.apply(Action::Load("gc-pause-zombie".into()));
    assert!(
        lab.departure().is_none(),
        "loading starts from the script again"
    );
    lab.apply(Action::ToggleScriptedFaults);
    assert!(lab.run.scenario.faults.is_empty());
    assert_eq!(lab.departure().unwrap().what, "the scripted faults are off");
    play_to(&mut lab, 20_000);
    let v = view(&lab);
    assert!(!any(&v, LineKind::Scripted, "froze"));
    assert!(
        texts(&v, LineKind::Live)
            .iter()
            .all(|t| !t.contains("freezes")),
        "nothing scripted happens"
    );
    lab.apply(Action::ToggleScriptedFaults);
    assert_eq!(lab.run.scenario.faults, lab.teaching.written.faults);
    assert!(lab.departure().is_none());
}

#[test]
fn free_play_is_commented_live_from_the_start() {
    let mut lab = lab("free-play");
    assert!(lab.run.scenario.faults.is_empty());
    play_to(&mut lab, 4_000);
    let v = view(&lab);
    assert!(lab.departure().is_none());
    assert!(any(&v, LineKind::Scripted, "Nothing is scripted"));
    assert!(
        any(
            &v,
            LineKind::Live,
            "takes the lease from the lease store: term 33"
        ),
        "{:#?}",
        v.lines
    );
    lab.apply(Action::Select(Some(NodeId(0))));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: fencing_model::NodeCmd::Crash,
    });
    play_to(&mut lab, 5_000);
    assert!(any(&view(&lab), LineKind::Live, "n0 crashes"));
    let live = texts(&view(&lab), LineKind::Live);
    assert!(live.len() <= fencing_model::narration::LIVE_LINES);
}

#[test]
fn a_span_of_time_is_written_in_the_units_people_say() {
    use fencing_model::describe::span_words;
    let at = |us: u64| span_words(fencing_sim::SimTime(us));
    assert_eq!(at(0), "0.0 s");
    assert_eq!(at(59_900_000), "59.9 s");
    assert_eq!(at(59_949_999), "59.9 s");
    assert_eq!(at(59_950_000), "1 min");
    assert_eq!(at(119_600_000), "2 min");
    assert_eq!(at(60_000_000), "1 min");
    assert_eq!(at(250_000_000), "4 min 10 s");
    assert_eq!(at(3_600_000_000), "1 h");
    assert_eq!(at(7_500_000_000), "2 h 5 min");
    assert_eq!(at(28_800_000_000), "8 h");
}
