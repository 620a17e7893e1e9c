//! Each built-in scenario tells its story: these tests read the trace and check that the
//! story happened, for the reason the narration gives.

use crate::common;

use common::{run_builtin, scenario, Run};
use fencing_sim::node::{Note, StepDownReason};
use fencing_sim::scenario::BUILTIN;
use fencing_sim::storage::Verdict;
use fencing_sim::trace::Violation;
use fencing_sim::{EventKind, Term, Token};

fn rejected(r: &Run) -> Vec<(u64, u64, u8)> {
    r.writes()
        .into_iter()
        .filter_map(|(_, n, t, _, v)| match v {
            Verdict::Rejected { highest } => Some((t.0, highest.0, n.0)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_builtin_scenario_parses_and_meets_its_own_expectation() {
    for (name, _) in BUILTIN {
        let r = run_builtin(name, |_| {});
        assert!(
            r.summary.expect.passed,
            "{name}: {:?}",
            r.summary.expect.failures
        );
        assert!(
            !scenario(name).narration.is_empty(),
            "{name} has no narration"
        );
    }
}

#[test]
fn zombie_write_is_rejected_after_new_leader_writes() {
    let r = run_builtin("gc-pause-zombie", |_| {});
    let (grant_34, new_leader) = r.grant_of(34);
    let (_, old_leader) = r.grant_of(33);
    assert_ne!(old_leader, new_leader);
    // The old leader froze right after a lease check that passed.
    let paused = r
        .first(|k| {
            matches!(
                k,
                EventKind::Paused {
                    worst_moment: true,
                    ..
                }
            )
        })
        .expect("a pause");
    assert!(matches!(paused.kind, EventKind::Paused { node, .. } if node == old_leader));
    let before = r.events.iter().take_while(|e| e.t <= paused.t).filter(|e| {
        matches!(&e.kind, EventKind::Node { node, note: Note::LeaseCheck { ok: true, .. } } if *node == old_leader)
    });
    assert!(
        before.last().is_some_and(|e| e.t == paused.t),
        "the pause falls right after a passing lease check"
    );
    // The new leader wrote 34 first, then the zombie's 33 was refused: `token 33 < 34`.
    let first_34 = r
        .writes()
        .into_iter()
        .find(|w| w.2 == Token(34))
        .expect("new leader writes");
    assert!(first_34.0 > grant_34);
    assert_eq!(rejected(&r), vec![(33, 34, old_leader.0)]);
    let rejection = r
        .writes()
        .into_iter()
        .find(|w| matches!(w.4, Verdict::Rejected { .. }))
        .unwrap();
    assert!(rejection.0 > first_34.0);
    assert_eq!(
        rejection.4.reason(rejection.2).as_deref(),
        Some("token 33 < 34")
    );
    assert_eq!(r.summary.violation_count, 0);
    assert!(
        r.summary.split_brain_ms > 0,
        "both believed they led for a while"
    );
}

#[test]
fn without_fencing_the_zombie_write_is_accepted_and_flagged_as_corruption() {
    let r = run_builtin("gc-pause-no-fencing", |_| {});
    let stale: Vec<_> = r
        .writes()
        .into_iter()
        .filter(|w| matches!(w.4, Verdict::StaleAccepted { .. }))
        .collect();
    assert_eq!(stale.len(), 1);
    assert_eq!(
        (stale[0].2, stale[0].4),
        (Token(33), Verdict::StaleAccepted { highest: Token(34) })
    );
    assert!(r
        .summary
        .violations
        .iter()
        .any(|v| matches!(v.violation, Violation::StaleWrite { .. })));
    // Same seed, same faults: the only difference from the fenced run is the verdict.
    let fenced = run_builtin("gc-pause-no-fencing", |s| s.config.fencing = true);
    assert_eq!(rejected(&fenced).len(), 1);
    assert_eq!(fenced.summary.writes.stale_accepted, 0);
}

#[test]
fn partitioned_leader_steps_down_on_its_own_clock_before_the_store_regrants() {
    let r = run_builtin("partitioned-leader", |_| {});
    let (_, old) = r.grant_of(33);
    let (grant_34, _) = r.grant_of(34);
    let expiry = r
        .first(|k| matches!(k, EventKind::Expiry { term, .. } if term.0 == 33))
        .expect("expiry");
    let down = r
        .step_downs()
        .into_iter()
        .find(|s| s.1 == old && s.3 == StepDownReason::LeaseRanOut)
        .expect("the old leader steps down because its lease ran out");
    assert!(
        down.0 < expiry.t,
        "local deadline {:?} before store expiry {:?}",
        down.0,
        expiry.t
    );
    assert!(expiry.t <= grant_34);
    assert_eq!(
        r.summary.writes.stale_accepted + r.summary.writes.rejected,
        0
    );
    assert_eq!(r.summary.split_brain_ms, 0);
}

#[test]
fn delayed_write_is_rejected_with_fencing_and_stale_accepted_without() {
    let r = run_builtin("delayed-write", |_| {});
    let (grant_34, _) = r.grant_of(34);
    let rej = rejected(&r);
    assert!(
        !rej.is_empty() && rej.iter().all(|(t, h, _)| (*t, *h) == (33, 34)),
        "{rej:?}"
    );
    let w = r
        .writes()
        .into_iter()
        .find(|w| matches!(w.4, Verdict::Rejected { .. }))
        .unwrap();
    assert!(
        w.0.as_ms() > grant_34.as_ms() + 60_000,
        "it arrived long after the new leader took over"
    );
    let off = run_builtin("delayed-write", |s| s.config.fencing = false);
    assert!(off.summary.writes.stale_accepted >= 1);
    assert_eq!(off.summary.writes.rejected, 0);
}

#[test]
fn drifting_clock_keeps_a_leader_leading_past_expiry_without_any_pause() {
    let r = run_builtin("drifting-clock", |_| {});
    assert_eq!(r.count(|k| matches!(k, EventKind::Paused { .. })), 0);
    let (_, old) = r.grant_of(33);
    let (grant_34, new) = r.grant_of(34);
    // When 34 is granted, the old leader has not stepped down: split brain from a slow clock.
    assert!(!r.step_downs().iter().any(|s| s.1 == old && s.0 <= grant_34));
    assert!(r.summary.split_brain_ms > 0);
    assert!(r
        .summary
        .violations
        .iter()
        .all(|v| matches!(v.violation, Violation::LeaseOverlap { node, other } if (node, other) == (new, old))));
    assert!(
        !r.summary.violations.is_empty(),
        "the monitor flags the broken lease assumption"
    );
    assert_eq!(rejected(&r).first().map(|x| (x.0, x.1)), Some((33, 34)));
    // Before that, one token-33 write raced the new leader's first write and won: through
    // the fencing gap. Its verdict and the summary say so; the rejection comes after 34
    // reached the storage.
    let writes = r.writes();
    let gap: Vec<_> = writes
        .iter()
        .filter(|w| matches!(w.4, Verdict::Superseded { .. }))
        .collect();
    assert_eq!(gap.len(), 1);
    assert_eq!((gap[0].1, gap[0].2), (old, Token(33)));
    let first_34 = writes.iter().find(|w| w.2 == Token(34)).unwrap();
    assert!(grant_34 < gap[0].0 && gap[0].0 < first_34.0);
    assert_eq!(r.summary.superseded[0].granted_term, 34);
    let barrier = run_builtin("drifting-clock", |s| s.config.barrier = true);
    assert_eq!(
        barrier.summary.writes.superseded_accepted, 0,
        "the barrier closes the gap"
    );
    let off = run_builtin("drifting-clock", |s| s.config.fencing = false);
    assert!(
        off.summary.writes.stale_accepted >= 1,
        "without fencing, corruption"
    );
    // With an accurate clock the same partition is harmless (that is partitioned-leader).
    let accurate = run_builtin("drifting-clock", |s| {
        s.faults.retain(|f| f.command.name() != "clock_rate")
    });
    assert_eq!(accurate.summary.violation_count, 0);
    assert_eq!(accurate.summary.writes.rejected, 0);
}

#[test]
fn a_lease_too_short_makes_terms_climb_but_stays_safe_with_fencing() {
    let r = run_builtin("lease-too-short", |_| {});
    assert!(
        r.summary.max_term >= 15,
        "terms climb: {}",
        r.summary.max_term
    );
    assert!(r.summary.leader_changes >= 15);
    assert_eq!(r.summary.violation_count, 0);
    assert_eq!(r.summary.writes.stale_accepted, 0);
    let healthy = run_builtin("lease-too-short", |s| {
        s.config.lease_ms = 5000;
        s.config.renew_every_ms = 1666;
    });
    assert!(
        healthy.summary.max_term <= 2,
        "a sane lease is stable: {}",
        healthy.summary.max_term
    );
}

#[test]
fn a_stale_write_before_the_new_leaders_first_write_is_accepted_unless_a_barrier_is_written() {
    let r = run_builtin("stale-before-new-write", |_| {});
    let (grant_34, new) = r.grant_of(34);
    let writes = r.writes();
    let stale = writes
        .iter()
        .find(|w| w.2 == Token(33) && w.0 > grant_34)
        .expect("the old leader writes after 34 exists");
    assert_eq!(
        stale.4,
        Verdict::Superseded { granted: Term(34) },
        "accepted, since the storage had not seen 34 yet; marked as through the fencing gap"
    );
    assert_eq!(r.summary.writes.superseded_accepted, 1);
    assert_eq!(r.summary.violation_count, 0, "a finding, not a violation");
    let first_34 = writes
        .iter()
        .find(|w| w.1 == new)
        .expect("new leader writes");
    assert!(first_34.0 > stale.0);
    let barrier = run_builtin("stale-before-new-write", |s| s.config.barrier = true);
    let (_, new) = barrier.grant_of(34);
    let w = barrier.writes();
    assert!(
        w.iter()
            .any(|w| w.1 == new && w.3 && w.4 == Verdict::Accepted),
        "the new leader's barrier is accepted"
    );
    assert_eq!(
        rejected(&barrier).first().map(|x| (x.0, x.1)),
        Some((33, 34))
    );
}

#[test]
fn a_crashed_leader_restarts_as_a_follower_remembering_its_term_and_takeover_waits_for_expiry() {
    let r = run_builtin("crash-restart", |_| {});
    let (_, old) = r.grant_of(1);
    let restarted = r
        .first(|k| matches!(k, EventKind::Restarted { .. }))
        .expect("restart");
    assert!(
        matches!(restarted.kind, EventKind::Restarted { node, term } if node == old && term.0 == 1)
    );
    let expiry = r
        .first(|k| matches!(k, EventKind::Expiry { term, .. } if term.0 == 1))
        .expect("expiry");
    let (grant_2, _) = r.grant_of(2);
    assert!(
        grant_2 >= expiry.t,
        "no takeover before the lease expired at the store"
    );
    assert!(
        r.count(|k| matches!(k, EventKind::Denial { .. })) > 0,
        "candidates were told to wait"
    );
    assert_eq!(r.summary.violation_count, 0);
}

/// An event's kind by name (`EventKind::name`, used to skip building JSON for a story's
/// patterns) is exactly what its trace line says, for every event of every built-in
/// scenario, and is one of the kinds a pattern may name.
#[test]
fn an_events_kind_name_is_its_trace_lines_kind() {
    let mut seen = std::collections::BTreeSet::new();
    for name in fencing_sim::scenario::builtin_names() {
        let s = fencing_sim::scenario::builtin(name).unwrap();
        let mut sim = fencing_sim::Sim::new(&s);
        sim.run_until(fencing_sim::SimTime::from_ms(s.until_ms));
        for e in sim.drain_events() {
            let line = e.to_json_value();
            assert_eq!(line["kind"].as_str(), Some(e.kind.name()), "{name}: {line}");
            assert!(
                fencing_sim::pattern::EVENT_KINDS.contains(&e.kind.name()),
                "{} is missing from EVENT_KINDS",
                e.kind.name()
            );
            seen.insert(e.kind.name());
        }
    }
    assert!(seen.len() >= 15, "{seen:?}");
    // The built-ins are parsed once and handed out as copies: the same every time, and a
    // copy changed by a caller does not change the next one.
    let mut a = fencing_sim::scenario::builtin("gc-pause-zombie").unwrap();
    a.seed += 1;
    let b = fencing_sim::scenario::builtin("gc-pause-zombie").unwrap();
    assert_ne!(a.seed, b.seed);
    assert_eq!(
        b,
        fencing_sim::scenario::builtin("gc-pause-zombie").unwrap()
    );
}

#[test]
fn the_title_table_is_each_builtin_files_title_in_order() {
    use fencing_sim::scenario::{builtin, BUILTIN, BUILTIN_TITLES};
    let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let titled: Vec<&str> = BUILTIN_TITLES.iter().map(|(n, _)| *n).collect();
    assert_eq!(titled, names, "the same scenarios, in the same order");
    for (name, title) in BUILTIN_TITLES {
        let parsed = builtin(name).expect("built in");
        assert_eq!(*title, parsed.title, "{name}'s title in the table");
    }
}

#[test]
fn the_question_counts_are_each_builtin_lessons() {
    use fencing_sim::scenario::{builtin, builtin_questions, BUILTIN};
    for (name, _) in BUILTIN {
        let parsed = builtin(name).expect("built in");
        let asked = parsed.lesson.map_or(0, |l| l.checkpoints.len());
        assert_eq!(
            builtin_questions(name),
            Some(asked),
            "{name}'s questions in the table"
        );
    }
    assert_eq!(builtin_questions("no-such-scenario"), None);
}

/// The program carries each built-in scenario without the whitespace between its tokens:
/// the same JSON as the file beside it, value for value, in fewer bytes, with no line
/// breaks left.
#[test]
fn builtin_scenarios_are_their_files_less_whitespace() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            files += 1;
            let name = path.file_stem().unwrap().to_str().unwrap();
            assert!(
                BUILTIN.iter().any(|(n, _)| *n == name),
                "{name}.json is not built in"
            );
        }
    }
    assert_eq!(files, BUILTIN.len(), "a built-in scenario without its file");
    for (name, carried) in BUILTIN {
        let file = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
        let (a, b): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(&file).unwrap(),
            serde_json::from_str(carried).unwrap(),
        );
        assert_eq!(a, b, "{name}: the carried JSON differs from the file's");
        assert!(!carried.contains('\n'), "{name}: a line break is left");
        assert!(
            carried.len() < file.len(),
            "{name}: {} bytes carried of the file's {}",
            carried.len(),
            file.len()
        );
    }
}
