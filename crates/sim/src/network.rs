//! The network between actors: latency range, random loss, a two-sided partition, one-way
//! cuts, per-link extra delay and held links. It decides; the world draws the random
//! numbers and keeps what a held link holds.

use super::ids::Actor;
use super::time::Duration;
use super::trace::DropReason;
use crate::small_map::{SmallMap, SmallSet};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    A,
    B,
    Both,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Network {
    pub latency: (Duration, Duration),
    pub drop_percent: u8,
    /// While split: the side of every actor not on side A.
    partition: Option<SmallMap<Actor, Side>>,
    cuts: SmallSet<(Actor, Actor)>,
    delays: SmallMap<(Actor, Actor), Duration>,
    /// One-way links whose messages wait at the far end until released.
    held: SmallSet<(Actor, Actor)>,
}

impl Network {
    pub fn new(latency: (Duration, Duration), drop_percent: u8) -> Self {
        Network {
            latency,
            drop_percent,
            ..Default::default()
        }
    }

    pub fn side(&self, a: Actor) -> Option<Side> {
        self.partition
            .as_ref()
            .map(|p| p.get(&a).copied().unwrap_or(Side::A))
    }
    pub fn is_partitioned(&self) -> bool {
        self.partition.is_some()
    }
    pub fn cuts(&self) -> impl Iterator<Item = (Actor, Actor)> + '_ {
        self.cuts.iter().copied()
    }
    pub fn delays(&self) -> impl Iterator<Item = ((Actor, Actor), Duration)> + '_ {
        self.delays.iter().map(|(k, v)| (*k, *v))
    }

    pub fn partition(&mut self, side_b: &[Actor], both: &[Actor]) {
        let mut sides = SmallMap::new();
        for a in side_b {
            sides.insert(*a, Side::B);
        }
        for a in both {
            sides.insert(*a, Side::Both);
        }
        self.partition = Some(sides);
    }

    /// Removes the partition and every cut link (extra delays stay: a slow link is not
    /// broken; so do holds: what a held link holds waits for its release).
    pub fn heal(&mut self) {
        self.partition = None;
        self.cuts.clear();
    }

    pub fn cut(&mut self, from: Actor, to: Actor) {
        self.cuts.insert((from, to));
    }
    pub fn restore(&mut self, from: Actor, to: Actor) {
        self.cuts.remove(&(from, to));
    }
    pub fn hold(&mut self, from: Actor, to: Actor) {
        self.held.insert((from, to));
    }
    /// Ends a hold; true if the link was held.
    pub fn unhold(&mut self, from: Actor, to: Actor) -> bool {
        self.held.remove(&(from, to))
    }
    pub fn is_held(&self, from: Actor, to: Actor) -> bool {
        self.held.contains(&(from, to))
    }
    pub fn held_links(&self) -> impl Iterator<Item = (Actor, Actor)> + '_ {
        self.held.iter().copied()
    }

    pub fn set_delay(&mut self, from: Actor, to: Actor, extra: Duration) {
        if extra == Duration::ZERO {
            self.delays.remove(&(from, to));
        } else {
            self.delays.insert((from, to), extra);
        }
    }
    pub fn extra_delay(&self, from: Actor, to: Actor) -> Duration {
        self.delays.get(&(from, to)).copied().unwrap_or_default()
    }

    /// Why a message from `from` to `to` cannot pass right now, if it cannot.
    pub fn blocked(&self, from: Actor, to: Actor) -> Option<DropReason> {
        if self.cuts.contains(&(from, to)) {
            return Some(DropReason::LinkCut);
        }
        match (self.side(from)?, self.side(to)?) {
            (Side::A, Side::B) | (Side::B, Side::A) => Some(DropReason::Partition),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::NodeId;

    #[test]
    fn a_partition_blocks_across_the_wall_but_not_to_an_actor_on_both_sides() {
        let mut n = Network::new((Duration::ZERO, Duration::ZERO), 0);
        let (a, b) = (Actor::Node(NodeId(0)), Actor::Node(NodeId(3)));
        n.partition(&[b, Actor::Lease], &[Actor::Storage]);
        assert_eq!(n.blocked(a, b), Some(DropReason::Partition));
        assert_eq!(n.blocked(a, Actor::Lease), Some(DropReason::Partition));
        assert_eq!(n.blocked(b, Actor::Lease), None);
        assert_eq!(n.blocked(a, Actor::Storage), None);
        assert_eq!(n.blocked(b, Actor::Storage), None);
        n.heal();
        assert_eq!(n.blocked(a, b), None);
    }

    #[test]
    fn a_cut_is_one_way() {
        let mut n = Network::new((Duration::ZERO, Duration::ZERO), 0);
        let a = Actor::Node(NodeId(0));
        n.cut(a, Actor::Storage);
        assert_eq!(n.blocked(a, Actor::Storage), Some(DropReason::LinkCut));
        assert_eq!(n.blocked(Actor::Storage, a), None);
    }
}
