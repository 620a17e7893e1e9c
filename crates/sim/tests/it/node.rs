//! A node on its own, driven by hand: no world, no network, no RNG. Each test cites the
//! rule from the lesson it checks.

use fencing_sim::config::Config;
use fencing_sim::msg::Msg;
use fencing_sim::node::{Node, Note, Output, Params, Persisted, Role, StepDownReason, Timer};
use fencing_sim::{Actor, Duration, LocalTime, NodeId, Term, Token};

fn ms(v: u64) -> LocalTime {
    LocalTime(v * 1000)
}

fn node() -> Node {
    let mut n = Node::new(
        NodeId(0),
        Params::from_config(&Config::default()),
        Persisted::default(),
    );
    n.start();
    drain(&mut n);
    n
}

fn drain(n: &mut Node) -> Vec<Output> {
    std::iter::from_fn(|| n.poll_output()).collect()
}

fn sent(out: &[Output]) -> Vec<(Actor, Msg)> {
    out.iter()
        .filter_map(|o| match o {
            Output::Send { to, msg } => Some((*to, msg.clone())),
            _ => None,
        })
        .collect()
}

/// Makes `n` a candidate at `at` and returns the acquire's request number.
fn ask(n: &mut Node, at: LocalTime) -> u64 {
    n.handle_timer(at, Timer::FailureDetector);
    match sent(&drain(n)).as_slice() {
        [(Actor::Lease, Msg::Acquire { req })] => *req,
        other => panic!("expected one acquire, got {other:?}"),
    }
}

fn lead(n: &mut Node, term: u64) {
    let req = ask(n, ms(1000));
    n.handle_message(
        ms(1050),
        Actor::Lease,
        Msg::Granted {
            req,
            term: Term(term),
            lease: Duration::from_ms(5000),
        },
    );
    drain(n);
    assert_eq!(n.role(), Role::Leader);
}

#[test]
fn the_lease_counts_from_when_the_request_was_sent_minus_the_drift_margin() {
    let mut n = node();
    lead(&mut n, 33);
    // Sent at 1.000 s; 5 s lease; 1000 ppm margin = 5 ms: valid until 5.995 s on its clock.
    assert_eq!(n.lease_until(), Some(LocalTime(5_995_000)));
    assert!(n.believes_lease_valid(LocalTime(5_994_999)));
    assert!(!n.believes_lease_valid(LocalTime(5_995_000)));
}

#[test]
fn a_grant_for_an_older_request_counts_from_that_request_not_a_later_retry() {
    let mut n = node();
    let first = ask(&mut n, ms(1000));
    let _retry = ask(&mut n, ms(4000));
    n.handle_message(
        ms(4100),
        Actor::Lease,
        Msg::Granted {
            req: first,
            term: Term(2),
            lease: Duration::from_ms(5000),
        },
    );
    assert_eq!(
        n.lease_until(),
        Some(LocalTime(5_995_000)),
        "from 1 s, not from 4 s"
    );
}

#[test]
fn a_grant_nobody_remembers_asking_for_is_let_lapse() {
    let mut n = node();
    n.handle_message(
        ms(100),
        Actor::Lease,
        Msg::Granted {
            req: 99,
            term: Term(4),
            lease: Duration::from_ms(5000),
        },
    );
    assert_eq!(n.role(), Role::Follower);
    assert_eq!(n.term(), Term(4), "but the term is remembered");
}

#[test]
fn a_receiver_refuses_a_lower_term_and_answers_with_its_own() {
    let mut n = node();
    lead(&mut n, 34);
    n.handle_message(
        ms(1200),
        Actor::Node(NodeId(3)),
        Msg::Heartbeat {
            term: Term(33),
            seq: 0,
            value: None,
        },
    );
    let replies = sent(&drain(&mut n));
    assert_eq!(
        replies,
        vec![(
            Actor::Node(NodeId(3)),
            Msg::HeartbeatAck {
                term: Term(34),
                ok: false,
                matched: 0
            }
        )]
    );
    assert_eq!(n.role(), Role::Leader);
}

#[test]
fn a_leader_that_sees_a_higher_term_steps_down_to_follower_at_that_term() {
    let mut n = node();
    lead(&mut n, 33);
    n.handle_message(
        ms(1200),
        Actor::Node(NodeId(2)),
        Msg::HeartbeatAck {
            term: Term(34),
            ok: false,
            matched: 0,
        },
    );
    let out = drain(&mut n);
    assert!(out.contains(&Output::Note(Note::StepDown {
        term: Term(34),
        reason: StepDownReason::HigherTerm
    })));
    assert_eq!((n.role(), n.term()), (Role::Follower, Term(34)));
}

#[test]
fn a_denied_renewal_ends_leadership_at_once() {
    let mut n = node();
    lead(&mut n, 33);
    n.handle_timer(ms(2700), Timer::Renew);
    let Some((_, Msg::Renew { req, .. })) = sent(&drain(&mut n)).into_iter().next() else {
        panic!("renew")
    };
    n.handle_message(
        ms(2750),
        Actor::Lease,
        Msg::RenewDenied {
            req,
            term: Term(33),
        },
    );
    assert_eq!(n.role(), Role::Follower);
}

#[test]
fn the_write_goes_out_after_the_work_with_the_token_checked_before_it() {
    let mut n = node();
    lead(&mut n, 33);
    n.handle_timer(ms(2050), Timer::WriteTick);
    let out = drain(&mut n);
    assert!(out
        .iter()
        .any(|o| matches!(o, Output::Note(Note::LeaseCheck { ok: true, .. }))));
    assert!(
        sent(&out).is_empty(),
        "nothing is written before the work is done"
    );
    // Even long after the lease ran out (a pause), finishing the work sends the write: the
    // check cannot protect a write that follows it; only the storage can.
    n.handle_timer(ms(60_000), Timer::WorkDone);
    let writes = sent(&drain(&mut n));
    assert!(matches!(
        writes.as_slice(),
        [(
            Actor::Storage,
            Msg::Write {
                token: Token(33),
                value: Some(_)
            }
        )]
    ));
}

#[test]
fn a_storage_rejection_with_a_higher_token_makes_the_leader_step_down() {
    let mut n = node();
    lead(&mut n, 33);
    let reply = Msg::WriteReply {
        token: Token(33),
        accepted: false,
        highest: Token(34),
    };
    n.handle_message(ms(3000), Actor::Storage, reply);
    let out = drain(&mut n);
    assert!(out.contains(&Output::Note(Note::StepDown {
        term: Term(34),
        reason: StepDownReason::Fenced
    })));
}

#[test]
fn a_restarted_node_is_a_follower_that_remembers_its_term() {
    let mut n = node();
    lead(&mut n, 33);
    let p = n.persisted();
    let restarted = Node::new(NodeId(0), Params::from_config(&Config::default()), p);
    assert_eq!(
        (restarted.role(), restarted.term()),
        (Role::Follower, Term(33))
    );
    assert_eq!(restarted.lease_until(), None);
}

fn notes(out: &[Output]) -> Vec<Note> {
    out.iter()
        .filter_map(|o| match o {
            Output::Note(n) => Some(n.clone()),
            _ => None,
        })
        .collect()
}

fn granted(req: u64, term: u64) -> Msg {
    Msg::Granted {
        req,
        term: Term(term),
        lease: Duration::from_ms(5000),
    }
}

#[test]
fn only_a_higher_term_makes_a_leader_step_down_not_its_own() {
    let mut n = node();
    lead(&mut n, 33);
    // A late denial naming the leader's own term (an answer to an old request).
    n.handle_message(
        ms(1200),
        Actor::Lease,
        Msg::Denied {
            req: 999,
            term: Term(33),
            holder: Some(NodeId(1)),
            remaining: Duration::from_ms(100),
        },
    );
    assert!(notes(&drain(&mut n)).is_empty());
    assert_eq!((n.role(), n.term()), (Role::Leader, Term(33)));
    // ... and an acknowledgement of its own term keeps it leading too.
    n.handle_message(
        ms(1300),
        Actor::Node(NodeId(2)),
        Msg::HeartbeatAck {
            term: Term(33),
            ok: true,
            matched: 0,
        },
    );
    assert_eq!(n.role(), Role::Leader);
}

#[test]
fn a_late_grant_of_a_retry_extends_a_leaders_lease_without_electing_it_again() {
    let mut n = node();
    let first = ask(&mut n, ms(1000));
    let retry = ask(&mut n, ms(2000));
    n.handle_message(ms(2100), Actor::Lease, granted(first, 33));
    drain(&mut n);
    assert_eq!(n.lease_until(), Some(LocalTime(5_995_000)));
    // The store answered the retry too (the holder asking again: same term, extended).
    n.handle_message(ms(2200), Actor::Lease, granted(retry, 33));
    let said = notes(&drain(&mut n));
    assert_eq!(
        said,
        vec![Note::LeaseExtended {
            term: Term(33),
            lease_left: Duration::from_ms(4_795),
        }],
        "extended from when the retry was sent (2 s + 4.995 s), not elected again"
    );
    assert_eq!(n.lease_until(), Some(LocalTime(6_995_000)));
    assert_eq!(n.role(), Role::Leader);
}

#[test]
fn a_grant_of_its_own_term_answering_a_retry_makes_a_node_that_stepped_down_lead_again() {
    let mut n = node();
    let first = ask(&mut n, ms(1000));
    let retry = ask(&mut n, ms(4000));
    n.handle_message(ms(4100), Actor::Lease, granted(first, 33));
    // Its lease (from 1 s) ran out on its clock: it steps down, still in term 33.
    n.handle_timer(ms(6000), Timer::LeaseDeadline);
    drain(&mut n);
    assert_eq!((n.role(), n.term()), (Role::Follower, Term(33)));
    // The retry's grant, sent at 4 s: the store extended the lease to 9 s on its clock.
    n.handle_message(ms(6100), Actor::Lease, granted(retry, 33));
    let said = notes(&drain(&mut n));
    assert!(
        said.contains(&Note::Leader {
            term: Term(33),
            lease_left: Duration::from_ms(2_895),
        }),
        "{said:?}"
    );
    assert_eq!(n.role(), Role::Leader);
    assert_eq!(n.lease_until(), Some(LocalTime(8_995_000)));
}

#[test]
fn a_renewal_that_does_not_move_the_end_of_the_lease_says_nothing() {
    let mut n = node();
    lead(&mut n, 33);
    // Two renewals sent at the same moment (on this node's clock).
    let mut reqs = Vec::new();
    for _ in 0..2 {
        n.handle_timer(ms(2700), Timer::Renew);
        for (_, m) in sent(&drain(&mut n)) {
            if let Msg::Renew { req, .. } = m {
                reqs.push(req);
            }
        }
    }
    assert_eq!(reqs.len(), 2);
    let renewed = |req| Msg::Renewed {
        req,
        term: Term(33),
        lease: Duration::from_ms(5000),
    };
    n.handle_message(ms(2750), Actor::Lease, renewed(reqs[0]));
    assert_eq!(
        notes(&drain(&mut n)).len(),
        1,
        "the first extends the lease"
    );
    assert_eq!(n.lease_until(), Some(LocalTime(7_695_000)));
    n.handle_message(ms(2760), Actor::Lease, renewed(reqs[1]));
    assert!(
        notes(&drain(&mut n)).is_empty(),
        "the second changes nothing and says nothing"
    );
    assert_eq!(n.lease_until(), Some(LocalTime(7_695_000)));
}

#[test]
fn a_leader_counts_only_acknowledgements_of_its_own_term_that_say_yes() {
    let mut n = node();
    lead(&mut n, 33);
    let ack = |term, ok, matched| Msg::HeartbeatAck {
        term: Term(term),
        ok,
        matched,
    };
    n.handle_message(ms(1100), Actor::Node(NodeId(1)), ack(33, true, 4));
    n.handle_message(ms(1110), Actor::Node(NodeId(2)), ack(33, false, 9));
    n.handle_message(ms(1120), Actor::Node(NodeId(3)), ack(32, true, 9));
    assert_eq!(n.progress()[1..4], [4, 0, 0]);
    // A follower keeps no count.
    let mut f = node();
    f.handle_message(ms(1100), Actor::Node(NodeId(1)), ack(0, true, 4));
    assert!(f.progress().iter().all(|&p| p == 0), "{:?}", f.progress());
}

#[test]
fn a_follower_knows_its_leader_and_the_last_value_it_was_sent_and_never_goes_back() {
    let mut n = node();
    assert_eq!(n.leader(), None);
    let v = |k| fencing_sim::Value {
        node: NodeId(1),
        n: k,
    };
    let hb = |term, seq, value| Msg::Heartbeat {
        term: Term(term),
        seq,
        value,
    };
    n.handle_message(ms(100), Actor::Node(NodeId(1)), hb(33, 2, Some(v(2))));
    assert_eq!(n.leader(), Some(NodeId(1)));
    assert_eq!((n.seq(), n.last_value()), (2, Some(v(2))));
    // A heartbeat of the same term and seq again: the same state.
    n.handle_message(ms(150), Actor::Node(NodeId(1)), hb(33, 2, Some(v(2))));
    assert_eq!((n.seq(), n.last_value()), (2, Some(v(2))));
    // One of the same term from before (reordered by the network) changes nothing.
    n.handle_message(ms(200), Actor::Node(NodeId(1)), hb(33, 1, Some(v(1))));
    assert_eq!((n.seq(), n.last_value()), (2, Some(v(2))));
    assert_eq!(n.persisted().replicated.seq, 2);
    // A newer term's leader starts its own count, from 0.
    n.handle_message(ms(300), Actor::Node(NodeId(2)), hb(34, 0, None));
    assert_eq!((n.leader(), n.seq()), (Some(NodeId(2)), 0));
    assert_eq!(n.last_value(), Some(v(2)), "kept until a new value comes");
}

#[test]
fn a_leader_at_work_holds_the_value_it_is_writing_until_the_work_is_done() {
    let mut n = node();
    lead(&mut n, 33);
    assert_eq!(n.pending_write(), None);
    n.handle_timer(ms(2050), Timer::WriteTick);
    drain(&mut n);
    let value = n.pending_write().expect("a write in the works");
    assert_eq!(value.node, NodeId(0));
    n.handle_timer(ms(2500), Timer::WorkDone);
    assert_eq!(n.pending_write(), None);
    assert!(matches!(
        sent(&drain(&mut n)).as_slice(),
        [(Actor::Storage, Msg::Write { value: Some(v), .. })] if *v == value
    ));
}

#[test]
fn each_reason_for_stepping_down_has_words_of_its_own() {
    let reasons = [
        StepDownReason::LeaseRanOut,
        StepDownReason::RenewDenied,
        StepDownReason::HigherTerm,
        StepDownReason::Fenced,
    ];
    let words: std::collections::BTreeSet<&str> = reasons.iter().map(|r| r.describe()).collect();
    assert_eq!(words.len(), reasons.len(), "{words:?}");
    assert!(
        words.iter().all(|w| w.split_whitespace().count() >= 3),
        "{words:?}"
    );
}

#[test]
fn settings_changed_mid_run_take_effect_at_the_next_timer() {
    let mut n = node();
    lead(&mut n, 33);
    let mut p = Params::from_config(&Config::default());
    p.heartbeat = Duration::from_ms(777);
    n.set_params(p);
    n.handle_timer(ms(1200), Timer::Heartbeat);
    let out = drain(&mut n);
    assert!(
        out.contains(&Output::SetTimer {
            timer: Timer::Heartbeat,
            min: Duration::from_ms(777),
            max: Duration::from_ms(777),
        }),
        "{out:?}"
    );
}

#[test]
fn a_late_rejection_of_an_old_write_fences_only_a_leader_behind_the_storage() {
    let rejected = |highest| Msg::WriteReply {
        token: Token(33),
        accepted: false,
        highest: Token(highest),
    };
    // Leading in term 34 whose own token is the storage's highest: its old write of term
    // 33, rejected late (it waited behind a held link), says nothing new.
    let mut n = node();
    lead(&mut n, 34);
    n.handle_message(ms(3000), Actor::Storage, rejected(34));
    assert_eq!((n.role(), n.term()), (Role::Leader, Term(34)));
    // Leading in term 35: a rejection naming 34 is behind it; its term never goes back.
    let mut n = node();
    lead(&mut n, 35);
    n.handle_message(ms(3000), Actor::Storage, rejected(34));
    assert!(notes(&drain(&mut n)).is_empty());
    assert_eq!((n.role(), n.term()), (Role::Leader, Term(35)));
    // An accepted write changes nothing either.
    n.handle_message(
        ms(3100),
        Actor::Storage,
        Msg::WriteReply {
            token: Token(35),
            accepted: true,
            highest: Token(35),
        },
    );
    assert_eq!((n.role(), n.term()), (Role::Leader, Term(35)));
}
