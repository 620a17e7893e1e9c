//! Holding and releasing a link (turmoil's vocabulary): messages on a held link wait at
//! its far end; a release sends them on in the order they arrived, with the usual latency,
//! or drops them. The race the lessons are about, built by hand: the old leader's write
//! held while a new leader is elected, released after the new leader's first write
//! (rejected with fencing, stale without) or before it (through the fencing gap, unless
//! the barrier is on).

use fencing_sim::scenario::Scenario;
use fencing_sim::trace::{DropReason, Event, EventKind};
use fencing_sim::{Sim, SimTime};

/// gc-pause-zombie's cluster (seed 7: n4 leads term 33 from 1.8 s, term 34 is granted to
/// n1 at 10.7 s and its first write lands at 11.9 s): the leader's link to the storage is
/// held at 5.5 s, so its write of 5.9 s waits; the leader freezes at 6.5 s for 12 s; the
/// link is released at `release_ms`.
fn held_write(release_ms: u64, fencing: bool, barrier: bool, extra: &str) -> Scenario {
    held_write_released(release_ms, "", fencing, barrier, extra)
}

/// The same, the release's own arguments added (`, "drop": true`).
fn held_write_released(
    release_ms: u64,
    release_args: &str,
    fencing: bool,
    barrier: bool,
    extra: &str,
) -> Scenario {
    let text = format!(
        r#"{{
          "version": 1, "name": "held-write", "seed": 7,
          "config": {{ "nodes": 5, "fencing": {fencing}, "barrier": {barrier}, "first_token": 33 }},
          "faults": [
            {{ "at_ms": 5500, "hold": {{ "from": "leader", "to": "storage" }} }},
            {{ "at_ms": 6500, "pause": {{ "node": "leader", "for_ms": 12000 }} }}{extra},
            {{ "at_ms": {release_ms}, "release": {{ "from": 4, "to": "storage"{release_args} }} }}
          ],
          "until_ms": 30000
        }}"#
    );
    Scenario::from_json(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn run(s: &Scenario) -> (Sim, Vec<Event>) {
    let mut sim = Sim::new(s);
    sim.run_until(SimTime::from_ms(s.until_ms));
    let events = sim.drain_events();
    (sim, events)
}

/// The verdict on n4's held write (its fourth value), as the trace names it.
fn held_verdict(events: &[Event]) -> String {
    events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Write {
                node,
                value,
                verdict,
                ..
            } if node.0 == 4 && value.is_some_and(|v| v.n == 4) => Some(
                serde_json::to_value(verdict).unwrap()["verdict"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            ),
            _ => None,
        })
        .expect("the held write arrived")
}

#[test]
fn released_after_the_new_leaders_first_write_it_is_rejected_with_fencing_and_stale_without() {
    let (sim, events) = run(&held_write(25_000, true, false, ""));
    assert!(events
        .iter()
        .any(|e| matches!(e.kind, EventKind::HeldOnLink { id: _, .. })));
    assert_eq!(held_verdict(&events), "rejected");
    assert_eq!(sim.totals().violation_count, 0);
    let (sim, events) = run(&held_write(25_000, false, false, ""));
    assert_eq!(held_verdict(&events), "stale_accepted");
    assert!(sim.totals().violation_count > 0);
}

#[test]
fn released_before_it_the_write_goes_through_the_gap_unless_the_barrier_is_on() {
    let (_, events) = run(&held_write(11_500, true, false, ""));
    assert_eq!(held_verdict(&events), "superseded");
    let (_, events) = run(&held_write(11_500, true, true, ""));
    assert_eq!(held_verdict(&events), "rejected");
}

#[test]
fn a_release_delivers_in_arrival_order_with_the_usual_latency() {
    // Hold the lease store's replies to every node for 4 s: many wait, then go on.
    let text = r#"{
      "version": 1, "name": "held-replies", "seed": 3,
      "config": { "nodes": 3 },
      "faults": [
        { "at_ms": 2000, "hold": { "from": "lease", "to": "leader" } },
        { "at_ms": 6000, "release": { "from": "lease", "to": "leader" } }
      ],
      "until_ms": 9000
    }"#;
    let s = Scenario::from_json(text).unwrap();
    let (_, events) = run(&s);
    let held: Vec<u64> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::HeldOnLink { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    let released: Vec<(u64, SimTime, SimTime)> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Released { id, deliver_at, .. } => Some((id, e.t, deliver_at)),
            _ => None,
        })
        .collect();
    assert!(!held.is_empty());
    assert_eq!(
        released.iter().map(|r| r.0).collect::<Vec<_>>(),
        held,
        "in arrival order"
    );
    let latency = fencing_sim::Config::default().latency_ms;
    for w in released.windows(2) {
        assert!(w[0].2 <= w[1].2, "never before the one ahead: {w:?}");
    }
    for (_, at, deliver_at) in &released {
        assert_eq!(at.0, 6_000_000);
        assert!(deliver_at.0 >= at.0 + latency[0] * 1000, "{deliver_at:?}");
    }
    let delivered: Vec<u64> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Deliver { id, .. } if held.contains(&id) => Some(id),
            _ => None,
        })
        .collect();
    assert_eq!(delivered, held, "each delivered once, in order");
}

#[test]
fn a_drop_release_drops_what_waited_and_a_crashed_receiver_gets_nothing() {
    let (_, events) = run(&held_write_released(
        25_000,
        r#", "drop": true"#,
        true,
        false,
        "",
    ));
    assert!(events.iter().any(|e| matches!(
        e.kind,
        EventKind::Drop {
            reason: DropReason::HeldDropped,
            ..
        }
    )));
    assert!(!events.iter().any(
        |e| matches!(&e.kind, EventKind::Write { node, .. } if node.0 == 4 && e.t.0 > 25_000_000)
    ));

    // The storage cannot crash; a node can: hold the lease store's replies to n1, crash
    // n1, release: what waited is dropped at delivery, the receiver having crashed.
    let text = r#"{
      "version": 1, "name": "held-to-crashed", "seed": 3,
      "config": { "nodes": 3 },
      "faults": [
        { "at_ms": 500, "hold": { "from": "lease", "to": 1 } },
        { "at_ms": 500, "hold": { "from": 0, "to": 1 } },
        { "at_ms": 500, "hold": { "from": 2, "to": 1 } },
        { "at_ms": 5000, "crash": { "node": 1 } },
        { "at_ms": 6000, "release": { "from": 0, "to": 1 } },
        { "at_ms": 6000, "release": { "from": 2, "to": 1 } }
      ],
      "until_ms": 8000
    }"#;
    let (_, events) = run(&Scenario::from_json(text).unwrap());
    let released: Vec<u64> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Released { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    assert!(!released.is_empty());
    for id in released {
        assert!(events.iter().any(|e| matches!(
            e.kind,
            EventKind::Drop { id: d, reason: DropReason::Crashed, .. } if d == id
        )));
    }
}

#[test]
fn what_a_link_holds_survives_a_checkpoint() {
    let s = held_write(25_000, true, false, "");
    let (whole, _) = run(&s);
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(8_000));
    assert_eq!(sim.on_hold().count(), 1, "the write waits");
    let checkpoint = sim.clone();
    let mut resumed = checkpoint;
    resumed.run_until(SimTime::from_ms(s.until_ms));
    assert_eq!(resumed.trace_hash(), whole.trace_hash());
    assert_eq!(resumed.on_hold().count(), 0);
}

#[test]
fn releasing_a_link_that_is_not_held_is_skipped_with_the_reason() {
    let s = held_write(
        25_000,
        true,
        false,
        r#",
            { "at_ms": 7000, "release": { "from": 0, "to": "lease" } }"#,
    );
    let (_, events) = run(&s);
    assert!(events.iter().any(|e| matches!(
        &e.kind,
        EventKind::FaultSkipped { reason, .. } if reason == "the link n0 → lease store is not held"
    )), "{:?}", events.iter().filter(|e| matches!(e.kind, EventKind::FaultSkipped { .. })).collect::<Vec<_>>());
}

#[test]
fn a_file_naming_a_bad_hold_or_release_is_refused_by_name() {
    for (fault, problem) in [
        (
            r#"{"at_ms": 1, "hold": {"from": 9, "to": "storage"}}"#,
            "node 9 does not exist",
        ),
        (
            r#"{"at_ms": 1, "hold": {"from": "storage", "to": "storage"}}"#,
            "two different actors",
        ),
        (
            r#"{"at_ms": 1, "release": {"from": 0, "to": "lease", "drop": "yes"}}"#,
            "invalid type",
        ),
        (
            r#"{"at_ms": 1, "release": {"from": 0}}"#,
            "missing field `to`",
        ),
    ] {
        let text = format!(
            r#"{{"version": 1, "name": "x", "config": {{"nodes": 3}}, "faults": [{fault}], "until_ms": 1000}}"#
        );
        let e = Scenario::from_json(&text).unwrap_err().to_string();
        assert!(e.contains(problem), "{fault}: {e}");
    }
}

/// n4's write of `value` (1, 2, …) in gc-pause-zombie's cluster with no faults: its
/// message id, when it was sent and when it arrives.
fn write_message(value: u64) -> (u64, SimTime, SimTime) {
    let s = Scenario::from_json(
        r#"{ "version": 1, "name": "plain", "seed": 7,
             "config": { "nodes": 5, "first_token": 33 }, "faults": [], "until_ms": 10000 }"#,
    )
    .unwrap();
    let (_, events) = run(&s);
    events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Send {
                id,
                to: fencing_sim::Actor::Storage,
                msg,
                deliver_at,
                ..
            } if serde_json::to_value(msg).unwrap()["value"]["n"] == value => {
                Some((*id, e.t, *deliver_at))
            }
            _ => None,
        })
        .expect("the write was sent")
}

/// One message held by its id (a click on it in flight): it waits where it arrives while
/// the rest of its link flows; released with its link, it goes on; a release of that link
/// before anything waits is skipped as before.
#[test]
fn one_message_held_by_its_id_waits_alone_until_its_link_is_released() {
    let (id, sent, arrives) = write_message(2);
    let hold_ms = sent.as_ms() + 1;
    assert!(
        SimTime::from_ms(hold_ms) < arrives,
        "in flight at {hold_ms} ms"
    );
    let text = format!(
        r#"{{ "version": 1, "name": "one-held", "seed": 7,
             "config": {{ "nodes": 5, "first_token": 33 }},
             "faults": [
               {{ "at_ms": {hold_ms}, "hold_message": {{ "id": {id} }} }},
               {{ "at_ms": 9000, "release": {{ "from": 4, "to": "storage" }} }}
             ],
             "until_ms": 10000 }}"#
    );
    let s = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = Sim::new(&s);
    sim.run_until(SimTime::from_ms(8_000));
    let waiting: Vec<u64> = sim.on_hold().map(|m| m.id).collect();
    assert_eq!(waiting, vec![id], "only the singled-out message waits");
    // A checkpoint mid-hold resumes to the same trace.
    let mut resumed = sim.clone();
    let (whole, events) = run(&s);
    resumed.run_until(SimTime::from_ms(s.until_ms));
    assert_eq!(resumed.trace_hash(), whole.trace_hash());
    let at = |pred: &dyn Fn(&EventKind) -> bool| events.iter().find(|e| pred(&e.kind)).map(|e| e.t);
    assert_eq!(
        at(&|k| matches!(k, EventKind::HeldOnLink { id: i, .. } if i == &id)),
        Some(arrives),
        "held where and when it would have arrived"
    );
    assert!(
        at(&|k| matches!(k, EventKind::Released { id: i, .. } if i == &id))
            == Some(SimTime::from_ms(9_000))
    );
    let delivered = at(&|k| matches!(k, EventKind::Deliver { id: i, .. } if i == &id))
        .expect("delivered after the release");
    assert!(delivered > SimTime::from_ms(9_000));
    // The link itself was never held: the leader's later messages to the storage arrived
    // while this one waited.
    let others = events
        .iter()
        .filter(|e| e.t > arrives && e.t < SimTime::from_ms(9_000))
        .filter(|e| matches!(&e.kind, EventKind::Deliver { id: i, from: fencing_sim::Actor::Node(n), to: fencing_sim::Actor::Storage } if i != &id && n.0 == 4))
        .count();
    assert!(others > 0, "n4's later writes were delivered meanwhile");
    // The new kinds are named as their lines say (`EventKind::name`, for story patterns).
    for e in events.iter().filter(|e| {
        matches!(
            e.kind,
            EventKind::HeldOnLink { .. } | EventKind::Released { .. }
        )
    }) {
        assert_eq!(e.to_json_value()["kind"].as_str(), Some(e.kind.name()));
        assert!(fencing_sim::pattern::EVENT_KINDS.contains(&e.kind.name()));
    }
    assert_eq!(whole.on_hold().count(), 0);
}

#[test]
fn holding_a_message_not_in_flight_is_skipped_with_the_reason() {
    let s = Scenario::from_json(
        r#"{ "version": 1, "name": "gone", "seed": 7, "config": { "nodes": 5 },
             "faults": [{ "at_ms": 3000, "hold_message": { "id": 999999 } }], "until_ms": 4000 }"#,
    )
    .unwrap();
    let (_, events) = run(&s);
    assert!(events.iter().any(|e| matches!(
        &e.kind,
        EventKind::FaultSkipped { reason, .. } if reason == "message 999999 is not in flight"
    )));
    // A file that names no id, or something else, is refused by name.
    for bad in [
        r#"{"at_ms": 1, "hold_message": {}}"#,
        r#"{"at_ms": 1, "hold_message": {"id": -3}}"#,
        r#"{"at_ms": 1, "hold_message": {"id": 3, "from": 1}}"#,
    ] {
        let text =
            format!(r#"{{ "version": 1, "name": "bad", "faults": [{bad}], "until_ms": 1000 }}"#);
        let err = Scenario::from_json(&text).expect_err(bad).to_string();
        assert!(
            err.contains("hold_message") || err.contains("id") || err.contains("from"),
            "{bad}: {err}"
        );
    }
}
