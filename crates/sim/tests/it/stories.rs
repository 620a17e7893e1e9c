//! Every built-in story is told by its run: each narration line anchored to an event is
//! reached, and every claim a line makes (a write accepted, refused, stale or through the
//! gap; a step-down; a takeover; no stale write) holds in the trace. And a story whose run
//! goes another way is caught, naming the line and the claim.

use fencing_sim::scenario::{builtin, builtin_names, Anchor};
use fencing_sim::story::watch;

#[test]
fn every_builtin_story_is_borne_out_by_its_run() {
    let (mut claims, mut anchors) = (0, 0);
    for name in builtin_names() {
        let s = builtin(name).unwrap();
        let w = watch(&s);
        assert_eq!(w.failures(), Vec::<String>::new(), "{name}");
        let times = w.times();
        assert!(times.iter().all(Option::is_some), "{name}: {times:?}");
        // Lines are told in the order their moments come.
        assert!(times.windows(2).all(|p| p[0] <= p[1]), "{name}: {times:?}");
        let anchored = s
            .narration
            .iter()
            .filter(|n| matches!(n.anchor(), Anchor::On(_)))
            .count();
        assert!(
            anchored >= 1 || s.faults.is_empty(),
            "{name}: moments that depend on the run are anchored to events"
        );
        (claims, anchors) = (claims + w.claims().count(), anchors + anchored);
    }
    assert!(
        claims >= 30 && anchors >= 25,
        "{claims} claims, {anchors} anchors checked"
    );
}

#[test]
fn a_story_the_run_contradicts_is_caught_line_by_line() {
    // The zombie's story with fencing off: the refusal it tells never happens.
    let mut s = builtin("gc-pause-zombie").unwrap();
    s.config.fencing = false;
    let failures = watch(&s).failures();
    assert!(
        failures
            .iter()
            .any(|f| f.starts_with("narration[9].on: no event like")),
        "{failures:?}"
    );
    assert!(
        failures
            .iter()
            .any(|f| f.starts_with("narration[9].claims[1]: an event like")
                && f.contains("stale_accepted")),
        "{failures:?}"
    );
    // The no-fencing story with fencing on: no stale write, and a refusal it says never comes.
    let mut s = builtin("gc-pause-no-fencing").unwrap();
    s.config.fencing = true;
    let failures = watch(&s).failures();
    assert!(
        failures
            .iter()
            .any(|f| f.contains("claims[2]") && f.contains("rejected")),
        "{failures:?}"
    );
}

#[test]
fn every_kind_a_run_records_is_a_kind_patterns_may_name() {
    use fencing_sim::pattern::EVENT_KINDS;
    use fencing_sim::{Sim, SimTime};
    let mut kinds = std::collections::BTreeSet::new();
    for name in ["gc-pause-zombie", "crash-restart", "drifting-clock"] {
        let s = builtin(name).unwrap();
        let mut sim = Sim::new(&s);
        sim.run_until(SimTime::from_ms(s.until_ms));
        for e in sim.drain_events() {
            let line = serde_json::to_value(&e).unwrap();
            kinds.insert(line["kind"].as_str().unwrap().to_string());
        }
    }
    for k in &kinds {
        assert!(EVENT_KINDS.contains(&k.as_str()), "{k}");
    }
    assert!(kinds.len() >= 15, "{kinds:?}");
}
