//! The run's running totals, kept as events are recorded (so a day-long run needs no trace
//! in memory): writes by class (accepted, rejected, accepted but stale, superseded: see
//! `storage`), grants, terms, leader changes, drops, and the first rejections, superseded
//! writes and violations listed. The summary reads them.

use crate::node::Note;
use crate::storage::Verdict;
use crate::time::SimTime;
use crate::trace::{Event, EventKind, Violation};
use serde::{Deserialize, Serialize};

/// At most this many rejections, superseded writes and violations are listed in the summary (all are counted).
pub const SUMMARY_LIST_MAX: usize = 1000;

/// One rejected write, for the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub at_ms: u64,
    pub node: u8,
    pub token: u64,
    pub highest: u64,
}

/// One write that got through the fencing gap, for the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupersededWrite {
    pub at_ms: u64,
    pub node: u8,
    pub token: u64,
    /// The higher term the lease store had already granted.
    pub granted_term: u64,
}

/// Running totals, kept as events are recorded (so a day-long run needs no trace in memory).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub events: u64,
    pub writes_sent: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub stale_accepted: u64,
    pub superseded_accepted: u64,
    pub barriers: u64,
    pub grants: u64,
    pub max_term: u64,
    pub leader_changes: u64,
    pub rejections: Vec<Rejection>,
    pub superseded: Vec<SupersededWrite>,
    pub violations: Vec<(SimTime, Violation)>,
    pub violation_count: u64,
    /// Of those, lease overlaps (two valid leases by their holders' own clocks). For the
    /// page's words only, so not in the summary's JSON.
    #[serde(skip)]
    pub lease_overlaps: u64,
    pub drops: u64,
    /// Messages followers refused for carrying an older term than theirs.
    #[serde(default)]
    pub old_term_refused: u64,
}

impl Totals {
    /// Counts one recorded event.
    pub fn tally(&mut self, e: &Event) {
        let t = self;
        match &e.kind {
            EventKind::Node {
                note: Note::WriteSent { .. },
                ..
            } => t.writes_sent += 1,
            EventKind::Node {
                note: Note::Leader { .. },
                ..
            } => t.leader_changes += 1,
            EventKind::Node {
                note: Note::OldTermRefused { .. },
                ..
            } => t.old_term_refused += 1,
            EventKind::Grant { term, .. } => {
                t.grants += 1;
                t.max_term = t.max_term.max(term.0);
            }
            EventKind::Write { value: None, .. } => t.barriers += 1,
            EventKind::Write {
                node,
                token,
                verdict,
                ..
            } => match verdict {
                Verdict::Accepted => t.accepted += 1,
                Verdict::StaleAccepted { .. } => t.stale_accepted += 1,
                Verdict::Superseded { granted } => {
                    t.superseded_accepted += 1;
                    if t.superseded.len() < SUMMARY_LIST_MAX {
                        t.superseded.push(SupersededWrite {
                            at_ms: e.t.as_ms(),
                            node: node.0,
                            token: token.0,
                            granted_term: granted.0,
                        });
                    }
                }
                Verdict::Rejected { highest } => {
                    t.rejected += 1;
                    if t.rejections.len() < SUMMARY_LIST_MAX {
                        t.rejections.push(Rejection {
                            at_ms: e.t.as_ms(),
                            node: node.0,
                            token: token.0,
                            highest: highest.0,
                        });
                    }
                }
            },
            EventKind::Violation { violation } => {
                t.violation_count += 1;
                if matches!(violation, Violation::LeaseOverlap { .. }) {
                    t.lease_overlaps += 1;
                }
                if t.violations.len() < SUMMARY_LIST_MAX {
                    t.violations.push((e.t, violation.clone()));
                }
            }
            EventKind::Drop { .. } => t.drops += 1,
            _ => {}
        }
    }
}
