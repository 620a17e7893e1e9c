//! Random fault schedules from a seed, for seed sweeps: every option is decided by the
//! seed, so `fencing-lab run random --seed N` reproduces any run a sweep reports.
//! Clock drift stays within the bound the nodes assume: a lease that fails here is a bug.

use super::command::{
    ActorRef, ClockRateArgs, Command, Empty, LinkArgs, LinkDelayArgs, NodeArgs, NodeRef,
    PartitionArgs, PauseArgs, TimedCommand,
};
use super::config::Config;
use super::ids::NodeId;
use super::rng::{SimRng, Stream};
use super::scenario::{Scenario, FORMAT_VERSION};

pub const RANDOM_NAME: &str = "random";
pub const RANDOM_UNTIL_MS: u64 = 30_000;

fn pick_actor(rng: &mut SimRng, nodes: u8) -> ActorRef {
    match rng.range(0, nodes as u64 + 1) {
        n if n < nodes as u64 => ActorRef::Node(NodeRef::Id(NodeId(n as u8))),
        n if n == nodes as u64 => ActorRef::Lease,
        _ => ActorRef::Storage,
    }
}

fn pick_node(rng: &mut SimRng, nodes: u8) -> NodeRef {
    if rng.percent(30) {
        NodeRef::Leader
    } else {
        NodeRef::Id(NodeId(rng.range(0, nodes as u64 - 1) as u8))
    }
}

/// A scenario with a random cluster size, network and fault schedule, decided by `seed`.
pub fn random_scenario(seed: u64) -> Scenario {
    let mut rng = SimRng::new(seed, Stream::Faults);
    let nodes = rng.range(3, 7) as u8;
    let lat_lo = rng.range(0, 60);
    let config = Config {
        nodes,
        first_token: rng.range(1, 40),
        latency_ms: [lat_lo, lat_lo + rng.range(0, 120)],
        drop_percent: rng.range(0, 15) as u8,
        barrier: rng.percent(25),
        ..Config::default()
    };
    let bound = config.drift_bound_ppm as i64;
    let mut faults = Vec::new();
    for _ in 0..rng.range(1, 8) {
        let at_ms = rng.range(1000, RANDOM_UNTIL_MS - 5000);
        let fault = match rng.range(0, 9) {
            0 | 1 => Command::Pause(PauseArgs {
                node: pick_node(&mut rng, nodes),
                for_ms: Some(rng.range(500, 15_000)),
                after_lease_check: rng.percent(50),
            }),
            2 => {
                let mut side_b = Vec::new();
                for _ in 0..rng.range(1, 3) {
                    let a = pick_actor(&mut rng, nodes);
                    if !side_b.contains(&a) {
                        side_b.push(a);
                    }
                }
                let both = if rng.percent(50) && !side_b.contains(&ActorRef::Storage) {
                    vec![ActorRef::Storage]
                } else {
                    Vec::new()
                };
                Command::Partition(PartitionArgs { side_b, both })
            }
            3 => Command::Heal(Empty {}),
            4 => Command::Crash(NodeArgs {
                node: pick_node(&mut rng, nodes),
            }),
            5 => Command::Restart(NodeArgs {
                node: NodeRef::Id(NodeId(rng.range(0, nodes as u64 - 1) as u8)),
            }),
            6 => Command::ClockRate(ClockRateArgs {
                node: pick_node(&mut rng, nodes),
                ppm: rng.range(0, 2 * bound as u64) as i64 - bound,
            }),
            7 => {
                let from = pick_actor(&mut rng, nodes);
                let to = pick_actor(&mut rng, nodes);
                if from == to {
                    continue;
                }
                Command::CutLink(LinkArgs { from, to })
            }
            _ => {
                let from = pick_actor(&mut rng, nodes);
                let to = pick_actor(&mut rng, nodes);
                if from == to {
                    continue;
                }
                Command::LinkDelay(LinkDelayArgs {
                    from,
                    to,
                    extra_ms: rng.range(0, 20_000),
                })
            }
        };
        faults.push(TimedCommand {
            at_ms,
            command: fault,
        });
    }
    crate::order::sort_by_key(&mut faults, |f| f.at_ms);
    // Heal at the end, so most runs also show recovery.
    faults.push(TimedCommand {
        at_ms: RANDOM_UNTIL_MS - 4000,
        command: Command::Heal(Empty {}),
    });
    Scenario {
        version: FORMAT_VERSION,
        name: RANDOM_NAME.into(),
        title: format!("Random fault schedule from seed {seed}"),
        narration: Vec::new(),
        seed,
        config,
        faults,
        until_ms: RANDOM_UNTIL_MS,
        expect: None,
        lesson: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_scenarios_are_valid_and_reproducible() {
        for seed in 0..200 {
            let s = random_scenario(seed);
            s.validate().unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            assert_eq!(s, random_scenario(seed));
        }
        assert_ne!(random_scenario(1), random_scenario(2));
    }
}
