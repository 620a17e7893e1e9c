//! The storage being protected: one register. With fencing it compares each write's token
//! with the highest it has accepted and refuses a lower one; equal is fine (the same
//! leader writes many times). Without fencing it takes everything and we mark the stale.
//!
//! Every write gets one of four verdicts:
//!
//! - *accepted*: its token is at least the highest the storage has accepted, and at least
//!   the highest term the lease store has granted when the write arrives;
//! - *rejected* (fencing on): its token is below the highest accepted: `token 33 < 34`;
//! - *accepted but stale* (fencing off): its token is below the highest accepted, and the
//!   storage took it anyway: the data is corrupted;
//! - *superseded*: accepted (its token is at least the highest the storage has seen), but
//!   below a term the lease store had already granted at that true instant. It came from
//!   a leader that had already been replaced, through the fencing gap: the storage could
//!   not know, because the new leader had not written yet. A barrier (the new leader
//!   registering its token before it works) closes the gap. With fencing on this is a
//!   finding, not a violation.
//!
//! The storage decides only with its own highest token; the granted term is the
//! observer's knowledge, passed in to label a write, never to accept or refuse it.

use super::ids::{NodeId, Term, Token, Value};
use super::time::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// How many recent writes the storage keeps for display; counters cover the rest.
pub const HISTORY_LEN: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Accepted,
    /// Fencing refused it: `token < highest`.
    Rejected {
        highest: Token,
    },
    /// Fencing is off and it was taken although `token < highest`: corruption.
    StaleAccepted {
        highest: Token,
    },
    /// Taken (`token ≥ highest`), although the lease store had already granted the higher
    /// term `granted`: through the fencing gap.
    Superseded {
        granted: Term,
    },
}

impl Verdict {
    pub fn reason(&self, token: Token) -> Option<String> {
        match self {
            Verdict::Accepted => None,
            Verdict::Rejected { highest } | Verdict::StaleAccepted { highest } => {
                Some(format!("token {token} < {highest}"))
            }
            Verdict::Superseded { granted } => {
                Some(format!("token {token} < term {granted}, already granted"))
            }
        }
    }

    /// The storage took the write (accepted, stale or superseded).
    pub fn taken(&self) -> bool {
        !matches!(self, Verdict::Rejected { .. })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteRecord {
    pub at: SimTime,
    pub node: NodeId,
    pub token: Token,
    /// `None` for a barrier (the token alone, no data).
    pub value: Option<Value>,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Storage {
    pub fencing: bool,
    highest: Option<Token>,
    value: Option<Value>,
    history: VecDeque<WriteRecord>,
    pub accepted: u64,
    pub rejected: u64,
    pub stale_accepted: u64,
    pub superseded_accepted: u64,
}

impl Storage {
    pub fn new(fencing: bool) -> Self {
        Storage {
            fencing,
            highest: None,
            value: None,
            history: VecDeque::new(),
            accepted: 0,
            rejected: 0,
            stale_accepted: 0,
            superseded_accepted: 0,
        }
    }

    pub fn highest(&self) -> Option<Token> {
        self.highest
    }
    pub fn value(&self) -> Option<Value> {
        self.value
    }
    pub fn history(&self) -> &VecDeque<WriteRecord> {
        &self.history
    }

    /// Applies one write and returns its record. `granted` is the highest term the lease
    /// store has granted as the write arrives (`Term(0)` before any grant): it only labels
    /// an accepted write as superseded (see the module's rules).
    pub fn write(
        &mut self,
        at: SimTime,
        node: NodeId,
        token: Token,
        value: Option<Value>,
        granted: Term,
    ) -> WriteRecord {
        let stale_against = self.highest.filter(|h| token < *h);
        let verdict = match (stale_against, self.fencing) {
            (None, _) if token.0 < granted.0 => Verdict::Superseded { granted },
            (None, _) => Verdict::Accepted,
            (Some(highest), true) => Verdict::Rejected { highest },
            (Some(highest), false) => Verdict::StaleAccepted { highest },
        };
        match verdict {
            Verdict::Rejected { .. } => self.rejected += 1,
            Verdict::Accepted => self.accepted += 1,
            Verdict::StaleAccepted { .. } => self.stale_accepted += 1,
            Verdict::Superseded { .. } => self.superseded_accepted += 1,
        }
        if verdict.taken() {
            self.highest = Some(self.highest.map_or(token, |h| h.max(token)));
            if value.is_some() {
                self.value = value;
            }
        }
        let record = WriteRecord {
            at,
            node,
            token,
            value,
            verdict,
        };
        if self.history.len() == HISTORY_LEN {
            self.history.pop_front();
        }
        self.history.push_back(record);
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No term granted yet: the lease store plays no part.
    const NONE: Term = Term(0);

    fn v(n: u32) -> Option<Value> {
        Some(Value { node: NodeId(0), n })
    }

    #[test]
    fn fencing_rejects_a_lower_token_and_accepts_an_equal_one() {
        let mut s = Storage::new(true);
        assert_eq!(
            s.write(SimTime(1), NodeId(1), Token(34), v(1), NONE)
                .verdict,
            Verdict::Accepted
        );
        assert_eq!(
            s.write(SimTime(2), NodeId(1), Token(34), v(2), NONE)
                .verdict,
            Verdict::Accepted
        );
        let r = s.write(SimTime(3), NodeId(0), Token(33), v(3), NONE);
        assert_eq!(r.verdict, Verdict::Rejected { highest: Token(34) });
        assert_eq!(
            r.verdict.reason(Token(33)).as_deref(),
            Some("token 33 < 34")
        );
        assert_eq!(s.value(), v(2));
        assert_eq!((s.accepted, s.rejected, s.stale_accepted), (2, 1, 0));
    }

    #[test]
    fn without_fencing_a_stale_write_overwrites_and_is_marked() {
        let mut s = Storage::new(false);
        s.write(SimTime(1), NodeId(1), Token(34), v(1), NONE);
        let r = s.write(SimTime(2), NodeId(0), Token(33), v(2), NONE);
        assert_eq!(r.verdict, Verdict::StaleAccepted { highest: Token(34) });
        assert_eq!(s.value(), v(2));
        assert_eq!(s.highest(), Some(Token(34)));
    }

    #[test]
    fn a_barrier_raises_the_highest_token_without_data() {
        let mut s = Storage::new(true);
        s.write(SimTime(1), NodeId(1), Token(34), None, NONE);
        assert_eq!(s.value(), None);
        assert!(matches!(
            s.write(SimTime(2), NodeId(0), Token(33), v(1), NONE)
                .verdict,
            Verdict::Rejected { .. }
        ));
    }

    #[test]
    fn history_is_bounded() {
        let mut s = Storage::new(true);
        for i in 0..(HISTORY_LEN as u32 + 50) {
            s.write(SimTime(i as u64), NodeId(0), Token(1), v(i), NONE);
        }
        assert_eq!(s.history().len(), HISTORY_LEN);
        assert_eq!(s.accepted, HISTORY_LEN as u64 + 50);
    }

    #[test]
    fn a_write_below_a_granted_term_that_the_storage_has_not_seen_is_superseded() {
        for fencing in [true, false] {
            let mut s = Storage::new(fencing);
            s.write(SimTime(1), NodeId(0), Token(33), v(1), Term(33));
            // Term 34 is granted to node 1, which has not written yet: node 0's next
            // write gets through, in both modes, and is marked.
            let r = s.write(SimTime(2), NodeId(0), Token(33), v(2), Term(34));
            assert_eq!(r.verdict, Verdict::Superseded { granted: Term(34) });
            assert!(r.verdict.taken());
            assert_eq!(
                r.verdict.reason(Token(33)).as_deref(),
                Some("token 33 < term 34, already granted")
            );
            assert_eq!(s.value(), v(2));
            // Once the new leader has written, the old token is below the storage's
            // highest: rejected with fencing, stale without.
            s.write(SimTime(3), NodeId(1), Token(34), v(3), Term(34));
            let r = s.write(SimTime(4), NodeId(0), Token(33), v(4), Term(34));
            assert_eq!(r.verdict.taken(), !fencing);
            assert_eq!(
                (
                    s.accepted,
                    s.superseded_accepted,
                    s.rejected,
                    s.stale_accepted
                ),
                (2, 1, fencing as u64, !fencing as u64)
            );
        }
    }

    #[test]
    fn a_barrier_write_closes_the_gap() {
        let mut s = Storage::new(true);
        s.write(SimTime(1), NodeId(0), Token(33), v(1), Term(33));
        // The new leader registers its token first.
        assert_eq!(
            s.write(SimTime(2), NodeId(1), Token(34), None, Term(34))
                .verdict,
            Verdict::Accepted
        );
        let r = s.write(SimTime(3), NodeId(0), Token(33), v(2), Term(34));
        assert_eq!(r.verdict, Verdict::Rejected { highest: Token(34) });
        assert_eq!(s.value(), v(1));
    }
}
