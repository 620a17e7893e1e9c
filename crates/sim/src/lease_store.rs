//! The coordination service that grants the lease. It owns the timer: expiry is decided
//! on its clock (the world's true time), never on the holder's. Every grant takes a fresh
//! term from an atomic counter, including a re-grant to the same node after expiry.

use super::ids::{NodeId, Term};
use super::msg::Msg;
use super::time::{Duration, SimTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub node: NodeId,
    pub term: Term,
    pub expires_at: SimTime,
}

impl Holder {
    /// The lease extended to `until`, never shortened: a holder keeps what it was granted
    /// even if the lease was made shorter since (its belief counts from that grant).
    fn extended(self, until: SimTime) -> Holder {
        Holder {
            expires_at: until.max(self.expires_at),
            ..self
        }
    }
}

/// What the store did with a request, for the trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Granted(Holder),
    Renewed(Holder),
    Denied { holder: Option<Holder> },
    RenewDenied,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseStore {
    lease: Duration,
    /// The last term granted (0 before the first grant).
    term: Term,
    first_term: Term,
    holder: Option<Holder>,
}

impl LeaseStore {
    pub fn new(lease: Duration, first_token: u64) -> Self {
        LeaseStore {
            lease,
            term: Term(0),
            first_term: Term(first_token),
            holder: None,
        }
    }

    pub fn set_lease(&mut self, lease: Duration) {
        self.lease = lease;
    }
    pub fn term(&self) -> Term {
        self.term
    }
    pub fn lease(&self) -> Duration {
        self.lease
    }

    /// The holder whose lease is still valid at `now`.
    pub fn valid_holder(&self, now: SimTime) -> Option<Holder> {
        self.holder.filter(|h| now < h.expires_at)
    }
    /// The last holder, expired or not.
    pub fn last_holder(&self) -> Option<Holder> {
        self.holder
    }

    fn next_term(&mut self) -> Term {
        self.term = if self.term.0 == 0 {
            self.first_term
        } else {
            Term(self.term.0 + 1)
        };
        self.term
    }

    /// Handles a request from `node`; returns the reply and what happened.
    pub fn handle(&mut self, now: SimTime, node: NodeId, msg: &Msg) -> Option<(Msg, Decision)> {
        match msg {
            Msg::Acquire { req } => Some(self.acquire(now, node, *req)),
            Msg::Renew { req, term } => Some(self.renew(now, node, *req, *term)),
            _ => None,
        }
    }

    fn acquire(&mut self, now: SimTime, node: NodeId, req: u64) -> (Msg, Decision) {
        match self.valid_holder(now) {
            Some(h) if h.node == node => {
                // Asking again while holding it: extend, same term (compare-and-extend).
                let h = h.extended(now.plus(self.lease));
                self.holder = Some(h);
                (
                    Msg::Granted {
                        req,
                        term: h.term,
                        lease: self.lease,
                    },
                    Decision::Renewed(h),
                )
            }
            Some(h) => (
                Msg::Denied {
                    req,
                    term: self.term,
                    holder: Some(h.node),
                    remaining: h.expires_at.since(now),
                },
                Decision::Denied { holder: Some(h) },
            ),
            None => {
                let h = Holder {
                    node,
                    term: self.next_term(),
                    expires_at: now.plus(self.lease),
                };
                self.holder = Some(h);
                (
                    Msg::Granted {
                        req,
                        term: h.term,
                        lease: self.lease,
                    },
                    Decision::Granted(h),
                )
            }
        }
    }

    fn renew(&mut self, now: SimTime, node: NodeId, req: u64, term: Term) -> (Msg, Decision) {
        match self.valid_holder(now) {
            Some(h) if h.node == node && h.term == term => {
                let h = h.extended(now.plus(self.lease));
                self.holder = Some(h);
                (
                    Msg::Renewed {
                        req,
                        term,
                        lease: self.lease,
                    },
                    Decision::Renewed(h),
                )
            }
            _ => (
                Msg::RenewDenied {
                    req,
                    term: self.term,
                },
                Decision::RenewDenied,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEASE: Duration = Duration::from_ms(5000);

    #[test]
    fn a_renewal_after_the_lease_was_made_shorter_never_shortens_the_holders_lease() {
        let mut s = LeaseStore::new(LEASE, 33);
        s.handle(SimTime::ZERO, NodeId(0), &Msg::Acquire { req: 1 });
        s.set_lease(Duration::from_ms(1000));
        let t = SimTime::from_ms(100);
        s.handle(
            t,
            NodeId(0),
            &Msg::Renew {
                req: 2,
                term: Term(33),
            },
        );
        // Granted until 5 s at 0; renewed at 0.1 s for 1 s: still until 5 s.
        assert_eq!(
            s.valid_holder(t).unwrap().expires_at,
            SimTime::from_ms(5000)
        );
        let later = SimTime::from_ms(4500);
        s.handle(
            later,
            NodeId(0),
            &Msg::Renew {
                req: 3,
                term: Term(33),
            },
        );
        assert_eq!(
            s.valid_holder(later).unwrap().expires_at,
            SimTime::from_ms(5500)
        );
    }

    #[test]
    fn the_lease_length_is_the_one_set_last() {
        let mut s = LeaseStore::new(LEASE, 1);
        assert_eq!(s.lease(), LEASE);
        s.set_lease(Duration::from_ms(1500));
        assert_eq!(s.lease(), Duration::from_ms(1500));
        // ...and a grant made after the change carries the new length.
        let (reply, _) = s
            .handle(SimTime::ZERO, NodeId(0), &Msg::Acquire { req: 1 })
            .unwrap();
        assert_eq!(
            reply,
            Msg::Granted {
                req: 1,
                term: Term(1),
                lease: Duration::from_ms(1500)
            }
        );
    }

    #[test]
    fn the_holder_asking_again_while_its_lease_is_valid_keeps_its_term_and_is_extended() {
        let mut s = LeaseStore::new(LEASE, 33);
        s.handle(SimTime::ZERO, NodeId(0), &Msg::Acquire { req: 1 });
        let (reply, decision) = s
            .handle(SimTime::from_ms(1000), NodeId(0), &Msg::Acquire { req: 2 })
            .unwrap();
        assert_eq!(
            reply,
            Msg::Granted {
                req: 2,
                term: Term(33),
                lease: LEASE
            }
        );
        let extended = Holder {
            node: NodeId(0),
            term: Term(33),
            expires_at: SimTime::from_ms(6000),
        };
        assert_eq!(decision, Decision::Renewed(extended));
        assert_eq!(s.valid_holder(SimTime::from_ms(5999)), Some(extended));
        assert_eq!(s.term(), Term(33), "no new term for the same holder");
    }

    #[test]
    fn first_grant_uses_first_token_and_every_grant_adds_one() {
        let mut s = LeaseStore::new(LEASE, 33);
        let (reply, _) = s
            .handle(SimTime::ZERO, NodeId(0), &Msg::Acquire { req: 1 })
            .unwrap();
        assert_eq!(
            reply,
            Msg::Granted {
                req: 1,
                term: Term(33),
                lease: LEASE
            }
        );
        let t = SimTime::from_ms(5000);
        let (reply, _) = s.handle(t, NodeId(1), &Msg::Acquire { req: 1 }).unwrap();
        assert_eq!(
            reply,
            Msg::Granted {
                req: 1,
                term: Term(34),
                lease: LEASE
            }
        );
    }

    #[test]
    fn a_valid_lease_is_denied_to_others_with_the_time_remaining() {
        let mut s = LeaseStore::new(LEASE, 1);
        s.handle(SimTime::ZERO, NodeId(0), &Msg::Acquire { req: 1 });
        let (reply, _) = s
            .handle(SimTime::from_ms(1000), NodeId(1), &Msg::Acquire { req: 1 })
            .unwrap();
        assert_eq!(
            reply,
            Msg::Denied {
                req: 1,
                term: Term(1),
                holder: Some(NodeId(0)),
                remaining: Duration::from_ms(4000)
            }
        );
    }

    #[test]
    fn only_the_owner_renews_and_only_while_valid() {
        let mut s = LeaseStore::new(LEASE, 1);
        s.handle(SimTime::ZERO, NodeId(0), &Msg::Acquire { req: 1 });
        let renew = Msg::Renew {
            req: 2,
            term: Term(1),
        };
        assert!(matches!(
            s.handle(SimTime::from_ms(10), NodeId(1), &renew),
            Some((Msg::RenewDenied { .. }, _))
        ));
        assert!(matches!(
            s.handle(SimTime::from_ms(4999), NodeId(0), &renew),
            Some((Msg::Renewed { .. }, _))
        ));
        // Renewed at 4.999 s: valid until 9.999 s, not a microsecond longer.
        assert!(matches!(
            s.handle(SimTime::from_ms(9999), NodeId(0), &renew),
            Some((Msg::RenewDenied { .. }, _))
        ));
    }

    #[test]
    fn re_grant_to_the_same_owner_after_expiry_takes_a_new_term() {
        let mut s = LeaseStore::new(LEASE, 7);
        s.handle(SimTime::ZERO, NodeId(2), &Msg::Acquire { req: 1 });
        let (reply, _) = s
            .handle(SimTime::from_ms(6000), NodeId(2), &Msg::Acquire { req: 1 })
            .unwrap();
        assert_eq!(
            reply,
            Msg::Granted {
                req: 1,
                term: Term(8),
                lease: LEASE
            }
        );
    }
}
