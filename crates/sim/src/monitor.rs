//! The safety monitor. It reads the trace, event by event, and reports what must never
//! happen (violations) and what is expected in these failures but worth seeing (split
//! brain). Reading only the trace means a hand-made bad trace can prove it works.

use super::ids::{NodeId, Term, Token};
use super::node::Note;
use super::storage::Verdict;
use super::time::{Duration, SimTime};
use super::trace::{Event, EventKind, Violation};
use crate::small_map::SmallMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Monitor {
    last_grant: Option<Term>,
    node_terms: SmallMap<NodeId, Term>,
    highest_accepted: Option<Token>,
    /// Each node's belief in its lease: (term, true-time deadline).
    beliefs: SmallMap<NodeId, (Term, SimTime)>,
    /// Pairs already reported as overlapping, so one episode is one violation.
    overlaps: SmallMap<(NodeId, NodeId), Term>,
    leaders: SmallMap<NodeId, Term>,
    split_since: Option<SimTime>,
    split_total: Duration,
    split_seen: bool,
}

impl Monitor {
    pub fn new() -> Self {
        Self::default()
    }

    /// Total time with two or more nodes believing they lead, up to `now`.
    pub fn split_brain_time(&self, now: SimTime) -> Duration {
        let open = self.split_since.map_or(Duration::ZERO, |s| now.since(s));
        Duration(self.split_total.0 + open.0)
    }
    pub fn split_brain_seen(&self) -> bool {
        self.split_seen
    }
    pub fn leaders(&self) -> Vec<NodeId> {
        self.leaders.keys().copied().collect()
    }
    /// The term each node believing it leads leads with, in the order of `leaders`.
    pub fn leader_terms(&self) -> Vec<Term> {
        self.leaders.values().copied().collect()
    }

    /// Reads one event; returns the findings it causes (to be appended to the trace).
    pub fn observe(&mut self, e: &Event) -> Vec<EventKind> {
        let mut out = Vec::new();
        match &e.kind {
            EventKind::Grant { node, term, .. } => {
                if let Some(last) = self.last_grant.filter(|l| term <= l) {
                    out.push(EventKind::Violation {
                        violation: Violation::TermReused {
                            node: *node,
                            term: *term,
                            last,
                        },
                    });
                }
                self.last_grant = Some(self.last_grant.map_or(*term, |l| l.max(*term)));
            }
            EventKind::Node { node, note } => {
                self.term_seen(*node, note_term(note), &mut out);
                match note {
                    Note::Leader { term, .. } => {
                        self.leaders.insert(*node, *term);
                    }
                    Note::StepDown { .. } | Note::Follower { .. } | Note::Candidate { .. } => {
                        self.leaders.remove(node);
                        self.beliefs.remove(node);
                    }
                    _ => {}
                }
            }
            EventKind::Restarted { node, term } => self.term_seen(*node, *term, &mut out),
            EventKind::Crashed { node } => {
                self.leaders.remove(node);
                self.beliefs.remove(node);
            }
            EventKind::Lease { node, term, until } if *until > e.t => {
                for (other, (other_term, other_until)) in self.beliefs.iter() {
                    if other != node && *other_until > e.t && other_term != term {
                        let key = (*node.min(other), *node.max(other));
                        if self.overlaps.get(&key) != Some(term) {
                            self.overlaps.insert(key, *term);
                            let violation = Violation::LeaseOverlap {
                                node: *node,
                                other: *other,
                            };
                            out.push(EventKind::Violation { violation });
                        }
                    }
                }
                self.beliefs.insert(*node, (*term, *until));
            }
            EventKind::Write {
                node,
                token,
                verdict,
                ..
            } => match verdict {
                // A superseded write is accepted as far as the storage's order goes (its
                // token is not below the storage's highest); it is a finding, counted in
                // the totals, not a violation.
                Verdict::Accepted | Verdict::Superseded { .. } => {
                    if let Some(highest) = self.highest_accepted.filter(|h| token < h) {
                        let violation = Violation::StorageOrder {
                            node: *node,
                            token: *token,
                            highest,
                        };
                        out.push(EventKind::Violation { violation });
                    }
                    self.highest_accepted =
                        Some(self.highest_accepted.map_or(*token, |h| h.max(*token)));
                }
                Verdict::StaleAccepted { highest } => {
                    let violation = Violation::StaleWrite {
                        node: *node,
                        token: *token,
                        highest: *highest,
                    };
                    out.push(EventKind::Violation { violation });
                }
                Verdict::Rejected { .. } => {}
            },
            _ => {}
        }
        self.update_split_brain(e.t, &mut out);
        out
    }

    fn term_seen(&mut self, node: NodeId, term: Term, out: &mut Vec<EventKind>) {
        let last = self.node_terms.get_or_insert_with(node, Term::default);
        if term < *last {
            out.push(EventKind::Violation {
                violation: Violation::TermWentBack {
                    node,
                    from: *last,
                    to: term,
                },
            });
        }
        *last = (*last).max(term);
    }

    fn update_split_brain(&mut self, now: SimTime, out: &mut Vec<EventKind>) {
        let split = self.leaders.len() >= 2;
        match (split, self.split_since) {
            (true, None) => {
                self.split_since = Some(now);
                self.split_seen = true;
                out.push(EventKind::SplitBrain {
                    leaders: self.leaders(),
                });
            }
            (false, Some(since)) => {
                self.split_total = Duration(self.split_total.0 + now.since(since).0);
                self.split_since = None;
                out.push(EventKind::SplitBrainOver);
            }
            _ => {}
        }
    }
}

fn note_term(note: &Note) -> Term {
    match note {
        Note::Candidate { term }
        | Note::Leader { term, .. }
        | Note::Follower { term, .. }
        | Note::StepDown { term, .. }
        | Note::LeaseExtended { term, .. }
        | Note::LeaseCheck { term, .. }
        | Note::GrantIgnored { term } => *term,
        Note::WriteSent { token, .. } | Note::BarrierSent { token } => Term(token.0),
        // The refusing node's own term (the message's was older).
        Note::OldTermRefused { current, .. } => *current,
    }
}
