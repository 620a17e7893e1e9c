//! Hold and release at the controls: each is a command in the run (so replay, links and
//! export carry it), what a link holds is drawn queued at its far end, survives seeking,
//! and goes on when released; releasing a link that holds nothing is refused, named.

use fencing_model::share::{decode_link, encode_link, RunSpec};
use fencing_model::{Action, Lab};
use fencing_sim::view::Snapshot;
use fencing_sim::{Actor, NodeId, Sim, SimTime};

/// gc-pause-zombie with questions off, played to `ms`.
fn play_to(lab: &mut Lab, ms: u64) {
    lab.apply(Action::TogglePlay);
    while lab.now() < SimTime::from_ms(ms) && !lab.run.ended {
        lab.apply(Action::Tick(20.0));
    }
    if lab.run.playing {
        lab.apply(Action::TogglePlay);
    }
}

fn lab() -> Lab {
    let mut lab = Lab::new();
    if lab.teaching.quiz.on() {
        lab.apply(Action::ToggleQuestions);
    }
    lab
}

/// The ids of the messages waiting at a link's end, as the page draws them.
fn waiting(lab: &Lab) -> Vec<u64> {
    lab.run
        .snapshot
        .messages
        .iter()
        .filter(|m| m.held)
        .map(|m| m.id)
        .collect()
}

/// The picture labels a write waiting at the storage ("❚❚ token …"), in normal and in
/// presentation mode: a held write's label never gives way to a lesser one.
fn held_write_is_labelled(lab: &Lab) {
    use fencing_model::scene::{scene, SceneInput};
    let s = &lab.run.snapshot;
    let ps = fencing_model::layout::positions(s);
    for large_words in [false, true] {
        let input = SceneInput {
            shape: fencing_model::layout::Shape::Wide,
            large_words,
            reduced_motion: false,
            drops: &[],
            drop_window_us: 1,
            asking: false,
        };
        let sc = scene(s, &ps, input);
        let labels: Vec<&str> = sc
            .messages
            .iter()
            .filter(|d| d.m.held && d.label.is_some())
            .map(|d| d.flight.label.as_str())
            .collect();
        assert!(
            labels
                .iter()
                .any(|l| l.starts_with("❚❚") && l.contains("token")),
            "large words {large_words}: held labels {labels:?}"
        );
    }
}

/// Seeking back to `before` (nothing waits yet) and forward again finds the same messages
/// waiting; a link of the run carries what holds them.
fn survives_a_seek_and_a_link(lab: &mut Lab, before: SimTime) {
    let (now, held) = (lab.now(), waiting(lab));
    lab.apply(Action::Seek(before));
    assert!(waiting(lab).is_empty());
    lab.apply(Action::Seek(now));
    assert_eq!(waiting(lab), held);
    let spec = RunSpec {
        scenario: (*lab.run.scenario).clone(),
        commands: lab.commands().to_vec(),
        at_ms: lab.now().0 / 1000,
    };
    assert_eq!(decode_link(&encode_link(&spec)).unwrap(), spec);
}

#[test]
fn a_held_write_waits_on_its_link_survives_a_seek_and_goes_on_when_released() {
    let mut lab = lab();
    play_to(&mut lab, 3_000);
    let leader = Actor::Node(lab.current_leader().expect("a leader by 3 s"));
    lab.apply(Action::HoldLink {
        from: leader,
        to: Actor::Storage,
    });
    assert_eq!(lab.talk.error, None);
    play_to(&mut lab, 6_000);
    assert!(!waiting(&lab).is_empty(), "the leader's writes wait");
    held_write_is_labelled(&lab);
    assert!(lab
        .run
        .snapshot
        .links
        .iter()
        .any(|l| l.held && l.from == leader && l.to == Actor::Storage));
    let frozen = Snapshot::of(&{
        let mut sim = Sim::new(&lab.as_scenario());
        sim.run_until(lab.now());
        sim
    });
    assert_eq!(
        lab.run.snapshot.messages, frozen.messages,
        "the page draws what a fresh run has"
    );

    // Back before the hold and forward again: the same messages wait; a link carries the
    // hold (a fresh page opening it sees the same).
    survives_a_seek_and_a_link(&mut lab, SimTime::from_ms(2_000));

    lab.apply(Action::ReleaseLink {
        from: leader,
        to: Actor::Storage,
        drop: false,
    });
    assert_eq!(lab.talk.error, None);
    assert!(
        lab.talk.status.contains("released the link"),
        "{}",
        lab.talk.status
    );
    play_to(&mut lab, 7_000);
    assert!(!lab.run.snapshot.messages.iter().any(|m| m.held));
    assert!(!lab.run.snapshot.links.iter().any(|l| l.held));
}

#[test]
fn releasing_a_link_that_is_not_held_is_refused_and_changes_nothing() {
    let mut lab = lab();
    let n = lab.commands().len();
    lab.apply(Action::ReleaseLink {
        from: Actor::Node(NodeId(0)),
        to: Actor::Storage,
        drop: true,
    });
    assert_eq!(
        lab.talk.error.as_deref(),
        Some("the link n0 → storage is not held")
    );
    assert_eq!(lab.commands().len(), n);
}

#[test]
fn an_old_write_waiting_on_a_held_link_does_not_slow_the_run() {
    // n4 leads term 33; its write waits on the held link while it is frozen and n1 gets
    // term 34. The old write is not on its way: no 0.1× slow motion while it waits.
    let s = fencing_sim::scenario::Scenario::from_json(
        r#"{"version": 1, "name": "x", "seed": 7,
            "config": {"nodes": 5, "first_token": 33},
            "faults": [{"at_ms": 5500, "hold": {"from": "leader", "to": "storage"}},
                       {"at_ms": 6500, "pause": {"node": "leader"}}],
            "until_ms": 30000}"#,
    )
    .unwrap();
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(15_000));
    let snap = Snapshot::of(&sim);
    assert!(snap.lease.term.0 >= 34);
    assert!(snap
        .messages
        .iter()
        .any(|m| m.held
            && matches!(m.msg, fencing_sim::msg::Msg::Write { token, .. } if token.0 == 33)));
    let slow = fencing_model::pacing::slow_motion(&snap, std::iter::empty());
    assert!(slow.is_none_or(|s| s.cap > 0.1), "{slow:?}");
}

/// One message clicked in flight: a command in the run, the message says on its way that it
/// will be held, waits where it arrives (its link is not held: the next writes pass), a
/// seek back and forth keeps it waiting, a link carries it, and releasing its link sends it
/// on. Clicking a message that has arrived, or one already to be held, is refused by name.
#[test]
fn one_message_held_by_a_click_waits_alone_and_goes_on_with_its_link() {
    let mut lab = lab();
    play_to(&mut lab, 3_000);
    let leader = Actor::Node(lab.current_leader().expect("a leader by 3 s"));
    // Step until a write is on its way from the leader to the storage.
    let mut write = None;
    for _ in 0..5_000 {
        write = lab
            .run
            .snapshot
            .messages
            .iter()
            .find(|m| {
                m.from == leader
                    && m.to == Actor::Storage
                    && m.family == fencing_sim::msg::MsgFamily::Write
            })
            .cloned();
        if write.is_some() {
            break;
        }
        lab.apply(Action::Step);
    }
    let write = write.expect("a write in flight");
    let commands = lab.commands().len();
    lab.apply(Action::HoldMessage(write.id));
    assert_eq!(lab.talk.error, None);
    assert_eq!(lab.commands().len(), commands + 1);
    let written = serde_json::to_string(lab.commands().last().unwrap()).unwrap();
    assert!(
        written.ends_with(&format!(r#""hold_message":{{"id":{}}}}}"#, write.id)),
        "{written}"
    );
    assert!(
        lab.talk
            .status
            .contains(&format!("held message #{}", write.id)),
        "{}",
        lab.talk.status
    );
    // On its way it says it will be held.
    let m = lab
        .run
        .snapshot
        .messages
        .iter()
        .find(|m| m.id == write.id)
        .unwrap();
    assert!(m.will_hold && !m.held);
    let ps = fencing_model::layout::positions(&lab.run.snapshot);
    let fl = fencing_model::picture::flight(
        m,
        &ps,
        &lab.run.snapshot,
        false,
        fencing_model::layout::Shape::Wide,
    );
    assert!(fl.label.ends_with("→ ❚❚"), "{}", fl.label);
    // Twice is refused.
    lab.apply(Action::HoldMessage(write.id));
    assert_eq!(
        lab.talk.error.as_deref(),
        Some(&*format!("message #{} will be held already", write.id))
    );
    assert_eq!(lab.commands().len(), commands + 1);

    let hold_at = lab.now();
    play_to(&mut lab, hold_at.0 / 1000 + 3_000);
    assert_eq!(waiting(&lab), vec![write.id], "it alone waits");
    assert!(
        lab.run
            .snapshot
            .links
            .iter()
            .any(|l| !l.held && l.from == leader && l.to == Actor::Storage),
        "the link shows, not held"
    );
    assert_eq!(
        fencing_model::picture::waiting_on(&lab.run.snapshot, leader, Actor::Storage),
        1
    );
    // Seek back before the hold and forward: it waits again; a link carries it.
    let now = lab.now();
    survives_a_seek_and_a_link(&mut lab, SimTime::from_ms(hold_at.0 / 1000 - 1));
    // Releasing its link (not held) sends it on.
    lab.apply(Action::ReleaseLink {
        from: leader,
        to: Actor::Storage,
        drop: false,
    });
    assert_eq!(lab.talk.error, None);
    play_to(&mut lab, now.0 / 1000 + 1_000);
    assert!(!lab.run.snapshot.messages.iter().any(|m| m.held));
    // A message no longer in flight is refused.
    lab.apply(Action::HoldMessage(write.id));
    assert_eq!(
        lab.talk.error.as_deref(),
        Some(&*format!("message #{} is no longer in flight", write.id))
    );
}
