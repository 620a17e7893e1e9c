//! Leader and followers: how far each follower has replicated the leader's writes, as the
//! leader knows it (from their acknowledgements), and the high-water mark, the latest write
//! a majority of the cluster (the leader included) holds. Read from a run's state; the
//! picture, the summary and the property tests use it.

use crate::ids::NodeId;
use crate::node::Role;
use crate::world::Sim;
use serde::{Deserialize, Serialize};

/// One follower as the leader sees it: the latest write it acknowledged, and how many of
/// the leader's writes it has not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowerProgress {
    pub node: u8,
    pub matched: u64,
    pub behind: u64,
}

/// The leader's view of replication in its term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replication {
    pub leader: u8,
    /// Writes the leader has made in its term.
    pub seq: u64,
    pub followers: Vec<FollowerProgress>,
    pub high_water_mark: u64,
}

/// The high-water mark from the leader's `seq` and its followers' `matched` (indexed by
/// node, the leader's own entry ignored): the highest write at least a majority of the
/// `progress.len()` nodes hold.
pub fn high_water_mark(leader: NodeId, seq: u64, progress: &[u64]) -> u64 {
    let mut held: Vec<u64> = progress
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if i == leader.0 as usize {
                seq
            } else {
                (*m).min(seq)
            }
        })
        .collect();
    if held.is_empty() {
        return 0;
    }
    crate::order::sort_by(&mut held, |a, b| b.cmp(a));
    // Sorted high to low, the (n/2)th value is held by n/2 + 1 nodes: a majority.
    held[held.len() / 2]
}

/// The current leader's replication, or `None` without a leader.
pub fn of(sim: &Sim) -> Option<Replication> {
    let leader = sim.current_leader()?;
    let node = sim.node(leader).filter(|n| n.role() == Role::Leader)?;
    let seq = node.seq();
    let progress = node.progress();
    let followers = progress
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != leader.0 as usize)
        .map(|(i, m)| FollowerProgress {
            node: i as u8,
            matched: (*m).min(seq),
            behind: seq.saturating_sub(*m),
        })
        .collect();
    Some(Replication {
        leader: leader.0,
        seq,
        followers,
        high_water_mark: high_water_mark(leader, seq, progress),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_high_water_mark_is_what_a_majority_holds() {
        // Five nodes, n0 leads with 8 writes: n1 has 8, n2 7, n3 5, n4 0.
        assert_eq!(high_water_mark(NodeId(0), 8, &[0, 8, 7, 5, 0]), 7);
        // Two followers lag: only 5 is on three nodes.
        assert_eq!(high_water_mark(NodeId(0), 8, &[0, 8, 5, 5, 0]), 5);
        // Three nodes: the leader and one follower are a majority.
        assert_eq!(high_water_mark(NodeId(2), 4, &[4, 0, 0]), 4);
        assert_eq!(high_water_mark(NodeId(2), 4, &[0, 0, 0]), 0);
        // Four nodes need three.
        assert_eq!(high_water_mark(NodeId(0), 9, &[0, 9, 6, 2]), 6);
        // An acknowledgement from an earlier term never counts above the leader's own.
        assert_eq!(high_water_mark(NodeId(0), 3, &[0, 10, 10, 0, 0]), 3);
    }
}
