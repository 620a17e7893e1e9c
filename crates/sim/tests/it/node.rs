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
