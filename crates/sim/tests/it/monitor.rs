//! The monitor catches each invariant it checks when fed a hand-made bad trace, and stays
//! quiet on the good version of the same trace.

use fencing_sim::monitor::Monitor;
use fencing_sim::node::{Note, StepDownReason};
use fencing_sim::storage::Verdict;
use fencing_sim::trace::Violation;
use fencing_sim::{Duration, Event, EventKind, NodeId, SimTime, Term, Token, Value};

fn ev(ms: u64, kind: EventKind) -> Event {
    Event {
        t: SimTime::from_ms(ms),
        kind,
    }
}

fn feed(events: &[Event]) -> (Vec<Violation>, Monitor) {
    let mut m = Monitor::new();
    let mut out = Vec::new();
    for e in events {
        for f in m.observe(e) {
            if let EventKind::Violation { violation } = f {
                out.push(violation);
            }
        }
    }
    (out, m)
}

fn grant(ms: u64, node: u8, term: u64) -> Event {
    ev(
        ms,
        EventKind::Grant {
            node: NodeId(node),
            term: Term(term),
            expires_at: SimTime::from_ms(ms + 5000),
        },
    )
}

fn write(ms: u64, node: u8, token: u64, verdict: Verdict) -> Event {
    let value = Some(Value {
        node: NodeId(node),
        n: 1,
    });
    ev(
        ms,
        EventKind::Write {
            node: NodeId(node),
            token: Token(token),
            value,
            verdict,
        },
    )
}

fn leader(ms: u64, node: u8, term: u64) -> Event {
    let note = Note::Leader {
        term: Term(term),
        lease_left: Duration::from_ms(5000),
    };
    ev(
        ms,
        EventKind::Node {
            node: NodeId(node),
            note,
        },
    )
}

fn lease(ms: u64, node: u8, term: u64, until_ms: u64) -> Event {
    ev(
        ms,
        EventKind::Lease {
            node: NodeId(node),
            term: Term(term),
            until: SimTime::from_ms(until_ms),
        },
    )
}

#[test]
fn two_grants_of_one_term_are_caught() {
    let (v, _) = feed(&[grant(0, 0, 5), grant(6000, 1, 6)]);
    assert!(v.is_empty());
    let (v, _) = feed(&[grant(0, 0, 5), grant(6000, 1, 5)]);
    assert_eq!(
        v,
        vec![Violation::TermReused {
            node: NodeId(1),
            term: Term(5),
            last: Term(5)
        }]
    );
}

#[test]
fn a_term_going_backwards_at_a_node_is_caught() {
    let follower = |ms, term| {
        ev(
            ms,
            EventKind::Node {
                node: NodeId(2),
                note: Note::Follower {
                    term: Term(term),
                    leader: None,
                },
            },
        )
    };
    let (v, _) = feed(&[follower(0, 7), follower(10, 7), follower(20, 8)]);
    assert!(v.is_empty());
    let (v, _) = feed(&[follower(0, 7), follower(10, 6)]);
    assert_eq!(
        v,
        vec![Violation::TermWentBack {
            node: NodeId(2),
            from: Term(7),
            to: Term(6)
        }]
    );
    // A restart that forgot its term is the same violation.
    let restarted = ev(
        30,
        EventKind::Restarted {
            node: NodeId(2),
            term: Term(0),
        },
    );
    let (v, _) = feed(&[follower(0, 7), restarted]);
    assert_eq!(v.len(), 1);
}

#[test]
fn storage_accepting_a_lower_token_is_caught() {
    let ok = [
        write(0, 1, 34, Verdict::Accepted),
        write(5, 0, 33, Verdict::Rejected { highest: Token(34) }),
    ];
    assert!(feed(&ok).0.is_empty());
    let bad = [
        write(0, 1, 34, Verdict::Accepted),
        write(5, 0, 33, Verdict::Accepted),
    ];
    let (v, _) = feed(&bad);
    assert_eq!(
        v,
        vec![Violation::StorageOrder {
            node: NodeId(0),
            token: Token(33),
            highest: Token(34)
        }]
    );
}

#[test]
fn an_accepted_stale_write_is_reported_as_corruption() {
    let bad = [
        write(0, 1, 34, Verdict::Accepted),
        write(5, 0, 33, Verdict::StaleAccepted { highest: Token(34) }),
    ];
    let (v, _) = feed(&bad);
    assert_eq!(
        v,
        vec![Violation::StaleWrite {
            node: NodeId(0),
            token: Token(33),
            highest: Token(34)
        }]
    );
}

#[test]
fn two_valid_lease_beliefs_at_one_instant_are_caught_once() {
    // n0 believes until 9 s; n1 starts believing at 8 s with a newer term: overlap.
    let (v, _) = feed(&[
        lease(1000, 0, 33, 9000),
        lease(8000, 1, 34, 13000),
        lease(8500, 1, 34, 14000),
    ]);
    assert_eq!(
        v,
        vec![Violation::LeaseOverlap {
            node: NodeId(1),
            other: NodeId(0)
        }]
    );
    // n0's belief ended at 7 s: no overlap.
    let (v, _) = feed(&[lease(1000, 0, 33, 7000), lease(8000, 1, 34, 13000)]);
    assert!(v.is_empty());
    // n0 stepped down before n1 believed: no overlap.
    let down = ev(
        7500,
        EventKind::Node {
            node: NodeId(0),
            note: Note::StepDown {
                term: Term(33),
                reason: StepDownReason::LeaseRanOut,
            },
        },
    );
    let (v, _) = feed(&[lease(1000, 0, 33, 9000), down, lease(8000, 1, 34, 13000)]);
    assert!(v.is_empty());
}

#[test]
fn split_brain_is_a_finding_with_a_duration_not_a_violation() {
    let down = ev(
        9000,
        EventKind::Node {
            node: NodeId(0),
            note: Note::StepDown {
                term: Term(34),
                reason: StepDownReason::HigherTerm,
            },
        },
    );
    let (v, m) = feed(&[leader(0, 0, 33), leader(5000, 1, 34), down]);
    assert!(v.is_empty());
    assert!(m.split_brain_seen());
    assert_eq!(
        m.split_brain_time(SimTime::from_ms(20_000)),
        Duration::from_ms(4000)
    );
}

/// Each class of write, fed to the monitor and the totals on a hand-made trace: only the
/// stale write is a violation; the rejected and superseded ones are counted as what they are.
#[test]
fn each_class_of_write_is_counted_and_only_the_stale_one_is_a_violation() {
    use fencing_sim::totals::Totals;
    let cases: Vec<(Verdict, Option<&str>)> = vec![
        (Verdict::Accepted, None),
        (Verdict::Rejected { highest: Token(34) }, None),
        (Verdict::StaleAccepted { highest: Token(34) }, Some("stale")),
        (Verdict::Superseded { granted: Term(34) }, None),
    ];
    for (i, (verdict, violation)) in cases.into_iter().enumerate() {
        let trace = [
            grant(0, 0, 33),
            write(100, 0, 33, Verdict::Accepted),
            grant(5000, 1, 34),
            write(5100, 0, 33, verdict),
        ];
        let (violations, _) = feed(&trace);
        match violation {
            None => assert!(violations.is_empty(), "{verdict:?}: {violations:?}"),
            Some(_) => assert!(
                matches!(violations.as_slice(), [Violation::StaleWrite { .. }]),
                "{verdict:?}: {violations:?}"
            ),
        }
        let mut t = Totals::default();
        for e in &trace {
            t.tally(e);
        }
        let classes = [
            t.accepted,
            t.rejected,
            t.stale_accepted,
            t.superseded_accepted,
        ];
        let mut want = [1, 0, 0, 0];
        want[i] += 1;
        assert_eq!(classes, want, "{verdict:?}");
        if let Verdict::Superseded { .. } = verdict {
            let s = &t.superseded[0];
            assert_eq!(
                (s.at_ms, s.node, s.token, s.granted_term),
                (5100, 0, 33, 34)
            );
        }
    }
}

/// A superseded write keeps the storage's order (its token is not below any it accepted):
/// a later accepted write with a lower token is still caught.
#[test]
fn a_superseded_write_counts_for_the_storage_order() {
    let (violations, _) = feed(&[
        grant(0, 1, 34),
        write(100, 0, 33, Verdict::Superseded { granted: Term(34) }),
        write(200, 2, 32, Verdict::Accepted),
    ]);
    assert!(
        matches!(
            violations.as_slice(),
            [Violation::StorageOrder {
                token: Token(32),
                highest: Token(33),
                ..
            }]
        ),
        "{violations:?}"
    );
}

#[test]
fn lease_beliefs_that_only_touch_do_not_overlap() {
    // A lease is valid up to, not at, its end: n0's ends at 8 s exactly as n1's begins.
    let (v, _) = feed(&[lease(1000, 0, 33, 8000), lease(8000, 1, 34, 13000)]);
    assert!(v.is_empty(), "{v:?}");
    // A belief that has already run out when it is reported is no belief: n1's "until 8 s"
    // reported at 8 s (or later) overlaps nothing, though n0 still holds its lease.
    let (v, _) = feed(&[lease(1000, 0, 33, 9000), lease(8000, 1, 34, 8000)]);
    assert!(v.is_empty(), "{v:?}");
    let (v, _) = feed(&[lease(1000, 0, 33, 9000), lease(8500, 1, 34, 8000)]);
    assert!(v.is_empty(), "{v:?}");
    // ... nor does it count later: n2's valid belief at 8.6 s overlaps n0's alone.
    let (v, _) = feed(&[
        lease(1000, 0, 33, 9000),
        lease(8500, 1, 34, 8000),
        lease(8600, 2, 35, 12000),
    ]);
    assert_eq!(
        v,
        vec![Violation::LeaseOverlap {
            node: NodeId(2),
            other: NodeId(0)
        }]
    );
    // The same node renewing its own belief is no overlap, nor the same term's belief.
    let (v, _) = feed(&[lease(1000, 0, 33, 9000), lease(2000, 0, 33, 10000)]);
    assert!(v.is_empty(), "{v:?}");
}
