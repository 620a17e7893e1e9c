//! Work the page does at once — a shared link opened, a trace file read, a comparison
//! started, a finding looked for, a trace written — re-simulates on a budget of events
//! (`timeline::REPLAY_MAX_EVENTS`): settings that make millions of events a minute are
//! refused in words, not replayed while the page stops answering; a long run of ordinary
//! settings still opens.

use fencing_model::challenge::Standing;
use fencing_model::lab::KEY_SEARCH_MAX_EVENTS;
use fencing_model::pacing::Finding;
use fencing_model::share::{decode_link, encode_link, export_trace, RunSpec, MAX_LINK_MS};
use fencing_model::timeline::{Timeline, REPLAY_MAX_EVENTS};
use fencing_model::{Action, Lab};
use fencing_sim::scenario::{builtin, Scenario};
use fencing_sim::{Sim, SimTime};

/// Seven nodes whose every timer fires each millisecond, with no latency: about 42,000
/// events a second of virtual time, all valid settings.
fn heavy() -> Scenario {
    let mut s = builtin("free-play").unwrap();
    s.name = "heavy".into();
    let c = &mut s.config;
    c.nodes = 7;
    c.lease_ms = 5;
    c.renew_every_ms = 1;
    c.renew_jitter_ms = 0;
    c.heartbeat_ms = 1;
    c.failure_timeout_ms = [1, 2];
    c.write_every_ms = 1;
    c.work_ms = 0;
    c.latency_ms = [0, 0];
    s.config.check().unwrap();
    s
}

/// The refusal's words: what was asked, and why the page will not.
fn says_too_heavy(message: &str) {
    assert!(
        message.contains(&format!(
            "more than {} million events",
            REPLAY_MAX_EVENTS / 1_000_000
        )) && message.contains("without freezing"),
        "{message}"
    );
}

/// A lab on `heavy()` played at 50× to `ms`, past what the budget re-simulates at once.
fn heavy_lab_at(ms: u64) -> Lab {
    let mut lab = Lab::with_scenario(heavy());
    let fastest = fencing_model::lab::SPEEDS.len() - 1;
    lab.apply(Action::SetSpeed(fastest));
    lab.apply(Action::Play);
    while lab.now() < SimTime::from_ms(ms) {
        lab.apply(Action::Tick(100.0));
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
    }
    lab.apply(Action::Stop);
    assert!(
        lab.sim().totals().events > REPLAY_MAX_EVENTS,
        "not heavy enough"
    );
    lab
}

#[test]
fn a_link_to_hours_of_a_heavy_run_is_refused_and_the_run_shown_stays() {
    let link = encode_link(&RunSpec {
        scenario: heavy(),
        commands: Vec::new(),
        at_ms: MAX_LINK_MS,
    });
    // The link itself is sound: it is the replay the page refuses.
    assert!(decode_link(&link).is_ok());
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::Tick(100.0));
    let (name, now, id) = (lab.run.scenario.name.clone(), lab.now(), lab.run_id());
    lab.apply(Action::OpenAddress(link));
    let notice = lab.talk.notice.clone().expect("a notice");
    assert!(
        notice.starts_with("This run cannot be opened: "),
        "{notice}"
    );
    says_too_heavy(&notice);
    assert!(
        notice.contains("re-simulating it up to 8 h would make"),
        "{notice}"
    );
    assert_eq!(
        (lab.run.scenario.name.as_str(), lab.now(), lab.run_id()),
        (name.as_str(), now, id)
    );
}

#[test]
fn eight_hours_of_a_builtin_scenario_with_seven_nodes_still_open() {
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.config.nodes = 7;
    let link = encode_link(&RunSpec {
        scenario: s,
        commands: Vec::new(),
        at_ms: MAX_LINK_MS,
    });
    let mut lab = Lab::new();
    lab.apply(Action::OpenAddress(link));
    assert_eq!(lab.talk.notice, None);
    assert_eq!(lab.now(), SimTime::from_ms(MAX_LINK_MS));
    assert_eq!(lab.sim().node_count(), 7);
    // With room to spare: the budget is not set just above what this needs.
    assert!(
        lab.sim().totals().events < REPLAY_MAX_EVENTS * 3 / 4,
        "{} events",
        lab.sim().totals().events
    );
}

#[test]
fn replay_stops_at_the_budget_and_says_where_it_was_going() {
    let until = SimTime::from_ms(600_000);
    let e = Timeline::replay(heavy(), &[], until).unwrap_err();
    says_too_heavy(&e);
    assert!(e.contains("up to 10 min would make"), "{e}");
    // A stretch within it replays, to the trace a run without a budget makes.
    let short = SimTime::from_ms(2_000);
    let t = Timeline::replay(heavy(), &[], short).unwrap();
    let mut sim = Sim::new(&heavy());
    sim.run_until(short);
    assert_eq!(t.sim().trace_hash(), sim.trace_hash());
}

#[test]
fn a_trace_file_of_a_heavy_run_is_refused_and_the_run_shown_stays() {
    let mut s = heavy();
    s.until_ms = 150_000;
    // Its header alone decides the replay; the events need not be all there for the page
    // to refuse it before reading them against the run.
    let mut short = s.clone();
    short.until_ms = 10;
    let mut sim = Sim::new(&short);
    sim.run_until(SimTime::from_ms(10));
    let text = export_trace(&short, &sim.drain_events()).replacen(
        "\"until_ms\":10,",
        "\"until_ms\":150000,",
        1,
    );
    assert!(
        text.contains("\"until_ms\":150000"),
        "the header names the run's end"
    );
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    let id = lab.run_id();
    lab.apply(Action::Import {
        name: "heavy.jsonl".into(),
        bytes: std::rc::Rc::new(text.into_bytes()),
    });
    let notice = lab.talk.notice.clone().expect("a notice");
    assert!(
        notice.starts_with("heavy.jsonl was not loaded: "),
        "{notice}"
    );
    says_too_heavy(&notice);
    assert_eq!(lab.run_id(), id, "the run shown stays");
}

#[test]
fn comparing_finding_and_writing_the_trace_of_a_long_heavy_run_are_refused_in_words() {
    let mut lab = heavy_lab_at(110_000);
    let (now, id, hash) = (lab.now(), lab.run_id(), lab.trace_hash());

    lab.apply(Action::Compare(fencing_model::lab::Knob::Barrier));
    assert!(lab.run.twin.is_none());
    let error = lab.talk.error.clone().expect("an error");
    assert!(error.starts_with("cannot compare this run: "), "{error}");
    says_too_heavy(&error);
    assert!(
        !lab.talk.status.starts_with("compare:"),
        "{}",
        lab.talk.status
    );

    // Fencing on and no barrier: a stale write is never accepted, so the search would
    // read the whole run; it stops at the budget instead.
    lab.apply(Action::GoToFinding(Finding::Stale));
    let error = lab.talk.error.clone().expect("an error");
    assert!(
        error.starts_with("cannot look for the first stale write accepted from the run's start: "),
        "{error}"
    );
    says_too_heavy(&error);

    lab.apply(Action::ExportTrace);
    let error = lab.talk.error.clone().expect("an error");
    assert!(
        error.starts_with("cannot write this run's trace: "),
        "{error}"
    );
    says_too_heavy(&error);

    // Nothing the student had is lost: the same run, at the same moment (writing a file
    // first moves the run on to a whole millisecond, so the file can name its end).
    assert_eq!(lab.now(), SimTime(now.0.div_ceil(1000) * 1000));
    assert_eq!((lab.run_id(), lab.trace_hash()), (id, hash));
}

#[test]
fn on_an_ordinary_run_the_same_actions_work() {
    let mut lab = Lab::with_scenario(builtin("gc-pause-zombie").unwrap());
    lab.apply(Action::SetSpeed(fencing_model::lab::SPEEDS.len() - 1));
    lab.apply(Action::Play);
    while lab.now() < SimTime::from_ms(30_000) {
        lab.apply(Action::Tick(100.0));
        if !lab.run.playing {
            lab.apply(Action::Play);
        }
    }
    lab.apply(Action::Compare(fencing_model::lab::Knob::Barrier));
    assert!(lab.run.twin.is_some(), "{:?}", lab.talk.error);
    assert!(lab.talk.status.starts_with("compare:"));
    lab.apply(Action::GoToFinding(Finding::Rejected));
    assert_eq!(lab.talk.error, None);
    assert!(
        lab.talk.status.starts_with("the first rejected write at "),
        "{}",
        lab.talk.status
    );
    assert!(lab.export_trace().is_ok());
}

#[test]
fn next_key_event_in_a_heavy_run_stops_at_its_budget_and_says_so() {
    let mut lab = Lab::with_scenario(heavy());
    // The first presses find the election's events; then nothing notable comes for
    // minutes, at 42,000 events a second, and the search stops at its budget.
    for press in 0..10 {
        let before = (lab.now(), lab.sim().totals().events);
        lab.apply(Action::NextKeyEvent);
        let made = lab.sim().totals().events - before.1;
        let status = lab.talk.status.clone();
        assert!(
            made < KEY_SEARCH_MAX_EVENTS + 1_000,
            "press {press}: {made} events"
        );
        if status.starts_with("nothing notable in the next ") {
            assert!(status.contains("after a million events"), "{status}");
            let searched = SimTime(lab.now().0 - before.0 .0);
            let words = fencing_model::describe::span_words(searched);
            assert!(status.contains(&format!("next {words};")), "{status}");
            assert!(made >= KEY_SEARCH_MAX_EVENTS, "{made} events");
            assert!(lab.now() < SimTime(before.0 .0 + 120_000_000), "{status}");
            return;
        }
        assert!(status.starts_with("at "), "press {press}: {status}");
    }
    panic!("ten presses never reached the budget: {}", lab.talk.status);
}

#[test]
fn a_challenge_made_heavy_is_not_judged_again_after_a_seek_and_says_why() {
    let mut lab = Lab::new();
    lab.apply(Action::StartChallenge("corrupt-with-one-pause".into()));
    assert!(lab.teaching.challenge.is_some());
    // The student's own settings, given live: every timer each millisecond.
    lab.apply(Action::SetConfig(fencing_sim::command::ConfigPatch {
        lease_ms: Some(5),
        renew_every_ms: Some(1),
        renew_jitter_ms: Some(0),
        heartbeat_ms: Some(1),
        failure_timeout_ms: Some([1, 2]),
        write_every_ms: Some(1),
        work_ms: Some(0),
        latency_ms: Some([0, 0]),
        ..Default::default()
    }));
    assert_eq!(lab.talk.error, None);
    lab.apply(Action::SetSpeed(fencing_model::lab::SPEEDS.len() - 1));
    lab.apply(Action::Play);
    while lab.sim().totals().events <= REPLAY_MAX_EVENTS * 5 / 4 {
        lab.apply(Action::Tick(100.0));
        if !lab.run.playing {
            // The scenario's end, not the challenge lost: play on.
            assert!(
                lab.talk.status.starts_with("The scenario's "),
                "{}",
                lab.talk.status
            );
            lab.apply(Action::Play);
        }
    }
    let standing = |lab: &Lab| lab.teaching.challenge.as_ref().unwrap().watch.standing();
    assert!(
        matches!(standing(&lab), Standing::Trying(_)),
        "{:?}",
        standing(&lab)
    );
    // A second back: the watch would re-read every event from the start, over the budget.
    let back = SimTime(lab.now().0 - 1_000_000);
    lab.apply(Action::Seek(back));
    assert_eq!(lab.now(), back, "the seek itself is done");
    let Standing::Spoiled(why) = standing(&lab) else {
        panic!("{:?}", standing(&lab));
    };
    assert!(
        why.starts_with("it cannot be judged again from its start: "),
        "{why}"
    );
    says_too_heavy(&why);
    assert!(!lab.run.playing);
}

#[test]
fn the_lesson_maker_on_a_heavy_run_offers_no_claims_and_says_why() {
    use fencing_model::author::{AuthorAction, FormVerdict};
    let mut s = heavy();
    s.until_ms = 200_000;
    let mut lab = Lab::with_scenario(s);
    lab.apply(Action::Author(AuthorAction::Open(true)));
    let draft = &lab.teaching.author;
    assert!(draft.proposals.list.is_empty());
    let why = draft.proposals.refused.clone().expect("refused");
    assert!(
        why.starts_with("no claims can be offered about this run: "),
        "{why}"
    );
    says_too_heavy(&why);
    // The question's verdict says it, and adding the question is refused with it.
    assert_eq!(draft.verdict(), FormVerdict::Incomplete(why.clone()));
    lab.apply(Action::Author(AuthorAction::SetQuestion(
        "What happens?".into(),
    )));
    lab.apply(Action::Author(AuthorAction::AddQuestion));
    let error = lab.teaching.author.error.clone().expect("an error");
    assert_eq!(error, format!("the question is not ready: {why}"));
    assert!(lab.teaching.author.questions.is_empty());
}
