//! What the page computes from the lab, natively: the recent drops it marks, how many rows
//! the panels keep at each pace, the facts of "About this run" and the status words.

use fencing_model::derived::{
    clock_text, drop_window_us, recent_drops, storage_title, About, NodeBrief, Pace, DROP_MARKS,
    LOG_ROWS, LOG_ROWS_FAST, STORAGE_ROWS, STORAGE_ROWS_FAST,
};
use fencing_model::lab::SPEEDS;
use fencing_model::{Action, Lab, NodeCmd};
use fencing_sim::scenario::builtin;
use fencing_sim::{EventKind, NodeId, SimTime};

fn speed(lab: &mut Lab, x: f64) {
    lab.apply(Action::SetSpeed(
        SPEEDS.iter().position(|s| *s == x).unwrap(),
    ));
}

#[test]
fn the_recent_drops_are_those_of_the_window_oldest_first_and_at_most_a_few() {
    let mut lab = Lab::with_scenario(builtin("partitioned-leader").unwrap());
    lab.apply(Action::ToggleQuestions);
    speed(&mut lab, 10.0);
    lab.apply(Action::Play);
    while lab.now() < SimTime::from_ms(9_000) {
        lab.apply(Action::Tick(50.0));
    }
    let window = 2_000_000;
    let marks = recent_drops(&lab, window);
    let all: Vec<_> = lab
        .run
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Drop { .. }))
        .filter(|e| e.t.0 + window >= lab.now().0)
        .collect();
    assert!(!all.is_empty(), "the partition drops messages");
    assert_eq!(marks.len(), all.len().min(DROP_MARKS));
    assert!(marks.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
    assert_eq!(
        marks.last().unwrap().at,
        all.last().unwrap().t,
        "ends with the newest"
    );
    assert!(recent_drops(&lab, 0).len() <= marks.len());
    assert_eq!(drop_window_us(0.1), 300_000, "never under 0.3 s");
    assert_eq!(drop_window_us(10.0), 8_000_000);
}

#[test]
fn panels_keep_fewer_rows_only_while_playing_fast() {
    let mut lab = Lab::new();
    let pace = |lab: &Lab| Pace::of(lab);
    assert_eq!(
        pace(&lab),
        Pace {
            fast: false,
            very_fast: false
        }
    );
    speed(&mut lab, 50.0);
    assert_eq!(pace(&lab).log_rows(), LOG_ROWS, "paused: everything");
    lab.apply(Action::Play);
    assert_eq!(
        (pace(&lab).log_rows(), pace(&lab).storage_rows()),
        (LOG_ROWS_FAST, STORAGE_ROWS_FAST)
    );
    speed(&mut lab, 5.0);
    assert_eq!(
        (pace(&lab).log_rows(), pace(&lab).storage_rows()),
        (LOG_ROWS_FAST, STORAGE_ROWS)
    );
    speed(&mut lab, 2.0);
    assert_eq!(pace(&lab).log_rows(), LOG_ROWS);
}

#[test]
fn about_this_run_names_the_scenario_seed_actions_and_hash() {
    let mut lab = Lab::new();
    lab.apply(Action::SetSeed(42));
    lab.apply(Action::Step);
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Crash,
    });
    let about = About::of(&lab);
    assert_eq!(about.scenario, "gc-pause-zombie");
    assert_eq!(about.seed, 42);
    assert!(about.fencing);
    assert_eq!(about.commands, 1);
    assert_eq!(about.now_us, lab.now().0);
    assert_eq!(about.trace_hash, lab.trace_hash());
    assert_eq!(about.twin_hash, None);
    lab.apply(Action::ToggleCompare);
    let about = About::of(&lab);
    assert_eq!(
        about.twin_hash.as_deref(),
        Some(lab.run.twin.as_ref().unwrap().trace_hash().as_str())
    );
    assert_eq!(storage_title(&lab), "Storage, fencing on");
}

/// Above 5× "About this run" refreshes with the clocks: it may wait for the next refresh
/// while the run only moves on, but a seek back, a new action or seed shows at once.
#[test]
fn about_this_run_may_wait_only_while_the_run_moves_on() {
    let mut lab = Lab::new();
    lab.apply(Action::Step);
    let earlier = About::of(&lab);
    lab.apply(Action::Step);
    let later = About::of(&lab);
    assert!(later.now_us > earlier.now_us);
    assert!(earlier.continues(&later));
    assert!(!later.continues(&earlier), "back in time is a jump");
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Crash,
    });
    assert!(!later.continues(&About::of(&lab)), "an action is a jump");
    let mut other = Lab::new();
    other.apply(Action::SetSeed(earlier.seed + 1));
    other.apply(Action::Step);
    other.apply(Action::Step);
    other.apply(Action::Step);
    assert!(
        !earlier.continues(&About::of(&other)),
        "another seed is another run"
    );
    lab.apply(Action::ToggleCompare);
    assert!(
        !later.continues(&About::of(&lab)),
        "compare on is another page"
    );
}

#[test]
fn the_readouts_say_the_time_and_the_speed() {
    let mut lab = Lab::new();
    assert_eq!(
        clock_text(&lab, SimTime::from_ms(12_340)),
        "12.3 s · 1× · stopped"
    );
    lab.apply(Action::Play);
    assert_eq!(clock_text(&lab, SimTime::ZERO), "0.0 s · 1×");
}

#[test]
fn a_node_brief_follows_the_node() {
    let mut lab = Lab::new();
    lab.apply(Action::Select(Some(NodeId(2))));
    lab.apply(Action::Node {
        node: lab.view.selected.unwrap(),
        cmd: NodeCmd::Crash,
    });
    lab.apply(Action::SetClockPpm {
        node: NodeId(1),
        ppm: -50_000,
    });
    let briefs = NodeBrief::of(&lab.run.snapshot);
    assert_eq!(briefs.len(), 5);
    assert!(briefs[2].crashed && !briefs[2].paused);
    assert_eq!(briefs[2].state.as_deref(), Some("crashed"));
    assert_eq!(briefs[1].clock_rate_ppm, -50_000);
    assert!(briefs.iter().all(|b| b.id.0 < 5));
}

#[test]
fn what_a_command_did_is_said_in_words_not_json() {
    use fencing_model::describe::command_words;
    use fencing_model::intent;
    use fencing_sim::command::{ConfigPatch, NodeArgs, NodeRef, PauseArgs};
    use fencing_sim::{Actor, Command};
    let n2 = NodeRef::Id(NodeId(2));
    let cases = [
        (
            Command::Set(ConfigPatch {
                fencing: Some(false),
                ..Default::default()
            }),
            "switched fencing off",
        ),
        (
            Command::Set(ConfigPatch {
                barrier: Some(true),
                latency_ms: Some([10, 40]),
                ..Default::default()
            }),
            "switched the barrier on, set the latency to 10 ms–40 ms",
        ),
        (
            Command::Pause(PauseArgs {
                node: n2,
                for_ms: Some(8000),
                after_lease_check: true,
            }),
            "paused n2 for 8.0 s, right after its next lease check",
        ),
        (
            Command::Crash(NodeArgs {
                node: NodeRef::Leader,
            }),
            "crashed the leader",
        ),
        (
            intent::clock_rate(NodeId(2), -50_000),
            "set n2's clock to 95% of true time",
        ),
        (
            intent::split(&[Actor::Node(NodeId(1)), Actor::Lease], &[Actor::Storage]),
            "split the network: n1 and the lease store on side B, the storage on both sides",
        ),
        (Command::Heal(Default::default()), "healed the network"),
        (
            intent::cut_link(Actor::Node(NodeId(0)), Actor::Storage),
            "cut the link n0 → the storage",
        ),
        (
            intent::delay_link(Actor::Node(NodeId(0)), Actor::Storage, 90_000),
            "delayed the link n0 → the storage by 90.0 s",
        ),
        (
            intent::delay_link(Actor::Node(NodeId(0)), Actor::Storage, 0),
            "removed the delay on the link n0 → the storage",
        ),
    ];
    for (c, want) in cases {
        assert_eq!(command_words(&c), want);
        assert!(!command_words(&c).contains('{'));
    }
}

#[test]
fn the_findings_chips_count_in_words_with_plurals_and_lead_to_their_moment() {
    use fencing_model::derived::finding_chips;
    use fencing_model::pacing::Finding;
    let mut f = fencing_sim::view::Findings::default();
    let text = |f: &fencing_sim::view::Findings, key: &str| {
        finding_chips(f).into_iter().find(|c| c.key == key).unwrap()
    };
    assert_eq!(text(&f, "rejected").text, "⊘ 0 rejected", "short at zero");
    assert_eq!(text(&f, "rejected").go, None, "nothing to lead to yet");
    assert_eq!(text(&f, "violations").text, "✓ no safety violation");
    f.rejected = 1;
    f.violations = 1;
    f.stale_accepted = 2;
    f.superseded_accepted = 1;
    assert_eq!(text(&f, "rejected").text, "⊘ 1 write rejected");
    assert_eq!(text(&f, "rejected").go, Some(Finding::Rejected));
    assert_eq!(text(&f, "violations").text, "⚠ 1 safety violation");
    assert_eq!(text(&f, "stale").text, "⚠ 2 stale writes taken");
    assert_eq!(text(&f, "superseded").text, "↯ 1 write through the gap");
    assert_eq!(text(&f, "old-term").text, "↩ 0 refused");
    f.old_term_refused = 4;
    assert_eq!(text(&f, "old-term").text, "↩ 4 old terms refused");
    assert_eq!(text(&f, "old-term").go, Some(Finding::OldTermRefused));
    f.split_brain_ms = 2500;
    assert_eq!(text(&f, "split-brain").text, "⚡ split brain for 2.5 s");
    assert_eq!(text(&f, "split-brain").go, Some(Finding::SplitBrain));
    // Each chip's tone says how to take its news, and none before there is news.
    use fencing_model::derived::Tone;
    let tone = |f: &fencing_sim::view::Findings, key: &str| text(f, key).tone;
    assert_eq!(tone(&f, "rejected"), Some(Tone::Good), "safety at work");
    assert_eq!(tone(&f, "violations"), Some(Tone::Bad));
    assert_eq!(tone(&f, "stale"), Some(Tone::Bad));
    assert_eq!(tone(&f, "superseded"), Some(Tone::Warn));
    assert_eq!(tone(&f, "old-term"), Some(Tone::Info));
    assert_eq!(tone(&f, "split-brain"), None, "over: no alert");
    f.split_brain_now = true;
    assert_eq!(tone(&f, "split-brain"), Some(Tone::Alert));
    let calm = fencing_sim::view::Findings::default();
    for c in finding_chips(&calm) {
        assert_eq!(c.tone, None, "{}: no news, no tone", c.key);
    }
}
