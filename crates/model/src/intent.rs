//! From what a person asks for at the controls to the command that does it: clock rates,
//! actors to the references a scenario file writes, and the network split a plan
//! describes. The reducer calls these; components never build commands.

use fencing_sim::command::{
    ActorRef, ClockRateArgs, LinkArgs, LinkDelayArgs, NodeRef, PartitionArgs,
};
use fencing_sim::network::Side;
use fencing_sim::{Actor, Command, NodeId};

/// A clock off by `ppm` parts per million: 0 keeps time, −50,000 runs 5% slow.
pub fn clock_rate(node: NodeId, ppm: i64) -> Command {
    Command::ClockRate(ClockRateArgs {
        node: NodeRef::Id(node),
        ppm,
    })
}

pub fn split(side_b: &[Actor], both: &[Actor]) -> Command {
    Command::Partition(PartitionArgs {
        side_b: side_b.iter().map(|a| ActorRef::from(*a)).collect(),
        both: both.iter().map(|a| ActorRef::from(*a)).collect(),
    })
}

fn link(from: Actor, to: Actor) -> LinkArgs {
    LinkArgs {
        from: ActorRef::from(from),
        to: ActorRef::from(to),
    }
}

pub fn cut_link(from: Actor, to: Actor) -> Command {
    Command::CutLink(link(from, to))
}

pub fn restore_link(from: Actor, to: Actor) -> Command {
    Command::RestoreLink(link(from, to))
}

pub fn hold_link(from: Actor, to: Actor) -> Command {
    Command::Hold(link(from, to))
}

pub fn hold_message(id: u64) -> Command {
    Command::HoldMessage(fencing_sim::command::MessageArgs { id })
}

pub fn release_link(from: Actor, to: Actor, drop: bool) -> Command {
    Command::Release(fencing_sim::command::ReleaseArgs {
        from: ActorRef::from(from),
        to: ActorRef::from(to),
        drop,
    })
}

pub fn delay_link(from: Actor, to: Actor, extra_ms: u64) -> Command {
    Command::LinkDelay(LinkDelayArgs {
        from: ActorRef::from(from),
        to: ActorRef::from(to),
        extra_ms,
    })
}

/// A network split being planned at the controls: which side each actor will stand on
/// (side A unless placed), before the wall is raised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SplitPlan {
    placed: Vec<(Actor, Side)>,
}

impl SplitPlan {
    /// The partition in force in `s`, as a plan (empty when the network is whole): what the
    /// controls show, whoever split the network (a person, a scenario, a link).
    pub fn in_force(s: &fencing_sim::view::Snapshot) -> SplitPlan {
        SplitPlan::arranged(&crate::layout::Arrangement::of(s))
    }

    /// The partition an arrangement of the picture stands for (empty when whole).
    pub fn arranged(arr: &crate::layout::Arrangement) -> SplitPlan {
        let Some(sides) = &arr.sides else {
            return SplitPlan::default();
        };
        SplitPlan {
            placed: crate::layout::actors(arr.nodes)
                .into_iter()
                .zip(sides.iter().copied())
                .filter(|(_, side)| *side != Side::A)
                .collect(),
        }
    }

    /// The plan in words: "n4 on side B; storage on both sides", or "" when empty.
    pub fn words(&self, actors: &[Actor]) -> String {
        let names = |side| {
            self.on(actors, side)
                .iter()
                .map(|a| crate::describe::actor_name(*a))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (b, both) = (names(Side::B), names(Side::Both));
        match (b.is_empty(), both.is_empty()) {
            (true, true) => String::new(),
            (false, true) => format!("{b} on side B"),
            (true, false) => format!("{both} on both sides"),
            (false, false) => format!("{b} on side B; {both} on both sides"),
        }
    }

    /// The network panel's line for this plan as the partition in force: "In force now:
    /// n4 on side B; storage on both sides.", or that the network is whole.
    pub fn in_force_line(&self, actors: &[Actor]) -> String {
        match self.words(actors) {
            w if w.is_empty() => "In force now: no partition; the network is whole.".to_string(),
            w => format!("In force now: {w}."),
        }
    }

    /// The leader alone on side B, the storage reaching both (another zone): the classic
    /// zombie set-up. Empty when no node leads.
    pub fn leader_alone(leader: Option<NodeId>) -> SplitPlan {
        SplitPlan {
            placed: leader
                .map(|l| vec![(Actor::Node(l), Side::B), (Actor::Storage, Side::Both)])
                .unwrap_or_default(),
        }
    }

    pub fn side_of(&self, a: Actor) -> Side {
        self.placed
            .iter()
            .find(|(b, _)| *b == a)
            .map_or(Side::A, |(_, s)| *s)
    }

    /// The same plan with `a` on `side`.
    pub fn with(&self, a: Actor, side: Side) -> SplitPlan {
        let mut placed: Vec<(Actor, Side)> = self
            .placed
            .iter()
            .copied()
            .filter(|(b, _)| *b != a)
            .collect();
        placed.push((a, side));
        SplitPlan { placed }
    }

    /// Those of `actors` the plan puts on `side`, in the order given.
    pub fn on(&self, actors: &[Actor], side: Side) -> Vec<Actor> {
        actors
            .iter()
            .copied()
            .filter(|a| self.side_of(*a) == side)
            .collect()
    }

    /// The action that raises this wall, if anyone stands on side B.
    pub fn action(&self, actors: &[Actor]) -> Option<crate::Action> {
        let side_b = self.on(actors, Side::B);
        (!side_b.is_empty()).then(|| crate::Action::Split {
            side_b,
            both: self.on(actors, Side::Both),
        })
    }
}
