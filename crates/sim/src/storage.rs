//! The storage being protected: one register. With fencing it compares each write's token
//! with the highest it has accepted and refuses a lower one; equal is fine (the same
//! leader writes many times). Without fencing it takes everything and we mark the stale.

use super::ids::{NodeId, Token, Value};
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
}

impl Verdict {
    pub fn reason(&self, token: Token) -> Option<String> {
        match self {
            Verdict::Accepted => None,
            Verdict::Rejected { highest } | Verdict::StaleAccepted { highest } => {
                Some(format!("token {token} < {highest}"))
            }
        }
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

    /// Applies one write and returns its record.
    pub fn write(
        &mut self,
        at: SimTime,
        node: NodeId,
        token: Token,
        value: Option<Value>,
    ) -> WriteRecord {
        let stale_against = self.highest.filter(|h| token < *h);
        let verdict = match (stale_against, self.fencing) {
            (None, _) => Verdict::Accepted,
            (Some(highest), true) => Verdict::Rejected { highest },
            (Some(highest), false) => Verdict::StaleAccepted { highest },
        };
        match verdict {
            Verdict::Rejected { .. } => self.rejected += 1,
            Verdict::Accepted => self.accepted += 1,
            Verdict::StaleAccepted { .. } => self.stale_accepted += 1,
        }
        if !matches!(verdict, Verdict::Rejected { .. }) {
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

    fn v(n: u32) -> Option<Value> {
        Some(Value { node: NodeId(0), n })
    }

    #[test]
    fn fencing_rejects_a_lower_token_and_accepts_an_equal_one() {
        let mut s = Storage::new(true);
        assert_eq!(
            s.write(SimTime(1), NodeId(1), Token(34), v(1)).verdict,
            Verdict::Accepted
        );
        assert_eq!(
            s.write(SimTime(2), NodeId(1), Token(34), v(2)).verdict,
            Verdict::Accepted
        );
        let r = s.write(SimTime(3), NodeId(0), Token(33), v(3));
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
        s.write(SimTime(1), NodeId(1), Token(34), v(1));
        let r = s.write(SimTime(2), NodeId(0), Token(33), v(2));
        assert_eq!(r.verdict, Verdict::StaleAccepted { highest: Token(34) });
        assert_eq!(s.value(), v(2));
        assert_eq!(s.highest(), Some(Token(34)));
    }

    #[test]
    fn a_barrier_raises_the_highest_token_without_data() {
        let mut s = Storage::new(true);
        s.write(SimTime(1), NodeId(1), Token(34), None);
        assert_eq!(s.value(), None);
        assert!(matches!(
            s.write(SimTime(2), NodeId(0), Token(33), v(1)).verdict,
            Verdict::Rejected { .. }
        ));
    }

    #[test]
    fn history_is_bounded() {
        let mut s = Storage::new(true);
        for i in 0..(HISTORY_LEN as u32 + 50) {
            s.write(SimTime(i as u64), NodeId(0), Token(1), v(i));
        }
        assert_eq!(s.history().len(), HISTORY_LEN);
        assert_eq!(s.accepted, HISTORY_LEN as u64 + 50);
    }
}
