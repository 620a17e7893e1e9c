//! The space-time diagram's model: the kept events and the present state projected into
//! what the diagram draws (arrows, pauses, crashes, leadership and grant bars, flags), in
//! virtual microseconds and lane numbers. Only what overlaps the window is produced.

use crate::event_ring::EventRing;
use fencing_sim::msg::{Msg, MsgFamily};
use fencing_sim::node::Note;
use fencing_sim::storage::Verdict;
use fencing_sim::view::{NodeState, Snapshot};
use fencing_sim::{Actor, EventKind};
use std::collections::BTreeMap;

/// The diagram shows this much virtual time; a seek keeps this much history for it.
pub const WINDOW_US: u64 = 15_000_000;

/// What the diagram draws, in virtual time (µs) and lane numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Arrow {
        from: usize,
        to: usize,
        t0: u64,
        t1: u64,
        family: MsgFamily,
        label: Option<String>,
        /// Dropped (cross at the end) or still in flight (ends at "now", dashed).
        dropped: bool,
        in_flight: bool,
    },
    Pause {
        lane: usize,
        t0: u64,
        t1: u64,
    },
    Crash {
        lane: usize,
        t0: u64,
        t1: u64,
    },
    Leader {
        lane: usize,
        t0: u64,
        t1: u64,
        term: u64,
    },
    Grant {
        t0: u64,
        t1: u64,
        term: u64,
        holder: String,
    },
    Flag {
        lane: usize,
        t: u64,
        text: String,
        class: &'static str,
    },
    SplitBrain {
        t0: u64,
        t1: u64,
    },
}

pub fn lane_of(a: Actor, nodes: usize) -> usize {
    match a {
        Actor::Node(id) => id.0 as usize,
        Actor::Lease => nodes,
        Actor::Storage => nodes + 1,
    }
}

/// Everything that overlaps [start, end], from the kept events and the present state.
pub fn items(events: &EventRing, s: &Snapshot, start: u64, end: u64) -> Vec<Item> {
    let n = s.nodes.len();
    let now = s.now.0;
    let mut out = Vec::new();
    let overlaps = |t0: u64, t1: u64| t1 >= start && t0 <= end;
    let mut sends: BTreeMap<u64, (u64, usize, usize, MsgFamily, Option<String>)> = BTreeMap::new();
    let mut pause_open: BTreeMap<usize, u64> = BTreeMap::new();
    let mut crash_open: BTreeMap<usize, u64> = BTreeMap::new();
    let mut leader_open: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    let mut grant_open: Option<(u64, u64, u64, String)> = None;
    let mut split_open: Option<u64> = None;
    let first = events.first_time().map_or(0, |t| t.0);
    // Writes are labelled when their token differs from the last one sent: the first write
    // of each term, and a zombie's.
    let mut last_token = None;
    for e in events.iter() {
        let t = e.t.0;
        if t > end {
            break;
        }
        match &e.kind {
            EventKind::Send {
                id, from, to, msg, ..
            } => {
                let label = match msg {
                    Msg::Write { token, .. } => {
                        (last_token.replace(*token) != Some(*token)).then(|| msg.label())
                    }
                    Msg::Granted { .. } => Some(msg.label()),
                    _ => None,
                };
                sends.insert(
                    *id,
                    (t, lane_of(*from, n), lane_of(*to, n), msg.family(), label),
                );
            }
            EventKind::Deliver { id, .. }
            | EventKind::Held { id, .. }
            | EventKind::Drop { id, .. } => {
                if let Some((t0, from, to, family, label)) = sends.remove(id) {
                    if overlaps(t0, t) {
                        out.push(Item::Arrow {
                            from,
                            to,
                            t0,
                            t1: t,
                            family,
                            label,
                            dropped: matches!(e.kind, EventKind::Drop { .. }),
                            in_flight: false,
                        });
                    }
                }
            }
            EventKind::Paused { node, .. } => {
                pause_open.insert(node.0 as usize, t);
            }
            EventKind::Resumed { node, .. } => {
                let lane = node.0 as usize;
                let t0 = pause_open.remove(&lane).unwrap_or(first);
                if overlaps(t0, t) {
                    out.push(Item::Pause { lane, t0, t1: t });
                }
            }
            EventKind::Crashed { node } => {
                let lane = node.0 as usize;
                if let Some(t0) = pause_open.remove(&lane) {
                    if overlaps(t0, t) {
                        out.push(Item::Pause { lane, t0, t1: t });
                    }
                }
                if let Some((t0, term)) = leader_open.remove(&lane) {
                    if overlaps(t0, t) {
                        out.push(Item::Leader {
                            lane,
                            t0,
                            t1: t,
                            term,
                        });
                    }
                }
                crash_open.insert(lane, t);
            }
            EventKind::Restarted { node, .. } => {
                let lane = node.0 as usize;
                let t0 = crash_open.remove(&lane).unwrap_or(first);
                if overlaps(t0, t) {
                    out.push(Item::Crash { lane, t0, t1: t });
                }
            }
            EventKind::Node { node, note } => {
                let lane = node.0 as usize;
                match note {
                    Note::Leader { term, .. } => {
                        leader_open.insert(lane, (t, term.0));
                    }
                    Note::StepDown { .. } | Note::Follower { .. } | Note::Candidate { .. } => {
                        if let Some((t0, term)) = leader_open.remove(&lane) {
                            if overlaps(t0, t) {
                                out.push(Item::Leader {
                                    lane,
                                    t0,
                                    t1: t,
                                    term,
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
            EventKind::Grant {
                node,
                term,
                expires_at,
            } => {
                if let Some((t0, t1, term, holder)) = grant_open.take() {
                    let t1 = t1.min(t);
                    if overlaps(t0, t1) {
                        out.push(Item::Grant {
                            t0,
                            t1,
                            term,
                            holder,
                        });
                    }
                }
                grant_open = Some((t, expires_at.0, term.0, node.to_string()));
                if overlaps(t, t) {
                    out.push(Item::Flag {
                        lane: n,
                        t,
                        text: format!("term {term}"),
                        class: "term",
                    });
                }
            }
            EventKind::Renewal {
                term, expires_at, ..
            } => {
                if let Some(g) = grant_open.as_mut().filter(|g| g.2 == term.0) {
                    g.1 = expires_at.0;
                }
            }
            EventKind::Write { token, verdict, .. } => match verdict {
                Verdict::Rejected { highest } if overlaps(t, t) => out.push(Item::Flag {
                    lane: n + 1,
                    t,
                    text: format!("⊘ {token} < {highest}"),
                    class: "rejected",
                }),
                Verdict::StaleAccepted { highest } if overlaps(t, t) => out.push(Item::Flag {
                    lane: n + 1,
                    t,
                    text: format!("⚠ stale {token} < {highest}"),
                    class: "stale",
                }),
                Verdict::Superseded { granted } if overlaps(t, t) => out.push(Item::Flag {
                    lane: n + 1,
                    t,
                    text: format!("↯ gap {token} < {granted}"),
                    class: "superseded",
                }),
                _ => {}
            },
            EventKind::Violation { .. } if overlaps(t, t) => out.push(Item::Flag {
                lane: n + 1,
                t,
                text: "⚠ violation".into(),
                class: "violation",
            }),
            EventKind::SplitBrain { .. } => split_open = split_open.or(Some(t)),
            EventKind::SplitBrainOver => {
                if let Some(t0) = split_open.take() {
                    if overlaps(t0, t) {
                        out.push(Item::SplitBrain { t0, t1: t });
                    }
                }
            }
            _ => {}
        }
    }
    // Still open at the end of the window.
    let cap = end.min(now);
    for (_, (t0, from, to, family, label)) in sends {
        if overlaps(t0, cap) {
            out.push(Item::Arrow {
                from,
                to,
                t0,
                t1: cap,
                family,
                label,
                dropped: false,
                in_flight: true,
            });
        }
    }
    for (lane, node) in s.nodes.iter().enumerate() {
        let paused_now = matches!(node.state, NodeState::Paused { .. });
        let crashed_now = matches!(node.state, NodeState::Crashed);
        if let Some(t0) = pause_open
            .remove(&lane)
            .or((paused_now && end >= now).then_some(first))
        {
            out.push(Item::Pause { lane, t0, t1: cap });
        }
        if let Some(t0) = crash_open
            .remove(&lane)
            .or((crashed_now && end >= now).then_some(first))
        {
            out.push(Item::Crash { lane, t0, t1: cap });
        }
    }
    for (lane, (t0, term)) in leader_open {
        out.push(Item::Leader {
            lane,
            t0,
            t1: cap,
            term,
        });
    }
    if let Some((t0, t1, term, holder)) = grant_open {
        let t1 = t1.min(cap);
        if overlaps(t0, t1) {
            out.push(Item::Grant {
                t0,
                t1,
                term,
                holder,
            });
        }
    }
    if let Some(t0) = split_open {
        out.push(Item::SplitBrain { t0, t1: cap });
    }
    out
}
