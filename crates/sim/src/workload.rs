//! Fixed workloads for benchmarks: the same scenarios timed natively (the CLI's `bench`)
//! and in wasm (the browser benchmark), so the two can be compared run for run.

use super::command::{
    ActorRef, ClockRateArgs, Command, Empty, NodeArgs, NodeRef, PartitionArgs, PauseArgs,
    TimedCommand,
};
use super::config::Config;
use super::ids::NodeId;
use super::scenario::{Scenario, FORMAT_VERSION};

fn scenario(
    name: &str,
    title: &str,
    config: Config,
    faults: Vec<TimedCommand>,
    until_ms: u64,
) -> Scenario {
    Scenario {
        version: FORMAT_VERSION,
        name: name.into(),
        title: title.into(),
        narration: Vec::new(),
        seed: 1,
        config,
        faults,
        until_ms,
        expect: None,
        lesson: None,
    }
}

/// The default 5-node cluster with nothing going wrong.
pub fn steady(until_ms: u64) -> Scenario {
    scenario(
        "bench-steady",
        "Default cluster, no faults",
        Config::default(),
        Vec::new(),
        until_ms,
    )
}

/// Seven nodes under a minute-long cycle of faults, repeated: a pause at the worst moment,
/// a partition and heal, clock drift within the bound, a crash and restart, 3% loss.
pub fn stormy(until_ms: u64) -> Scenario {
    let config = Config {
        nodes: 7,
        drop_percent: 3,
        ..Config::default()
    };
    let mut faults = Vec::new();
    for (cycle, start) in (0..until_ms.saturating_sub(60_000))
        .step_by(60_000)
        .enumerate()
    {
        let k = NodeId((cycle % 7) as u8);
        let at = |s: u64| start + s * 1000;
        let pause = PauseArgs {
            node: NodeRef::Leader,
            for_ms: Some(8000),
            after_lease_check: true,
        };
        let partition = PartitionArgs {
            side_b: vec![
                ActorRef::Node(NodeRef::Leader),
                ActorRef::Node(NodeRef::Id(NodeId((k.0 + 3) % 7))),
            ],
            both: vec![ActorRef::Storage],
        };
        let ppm = if cycle % 2 == 0 { 800 } else { -800 };
        faults.extend([
            TimedCommand {
                at_ms: at(5),
                command: Command::Pause(pause),
            },
            TimedCommand {
                at_ms: at(20),
                command: Command::Partition(partition),
            },
            TimedCommand {
                at_ms: at(30),
                command: Command::Heal(Empty {}),
            },
            TimedCommand {
                at_ms: at(35),
                command: Command::ClockRate(ClockRateArgs {
                    node: NodeRef::Id(k),
                    ppm,
                }),
            },
            TimedCommand {
                at_ms: at(40),
                command: Command::Crash(NodeArgs {
                    node: NodeRef::Id(k),
                }),
            },
            TimedCommand {
                at_ms: at(45),
                command: Command::Restart(NodeArgs {
                    node: NodeRef::Id(k),
                }),
            },
        ]);
    }
    scenario(
        "bench-stormy",
        "Seven nodes under a cycle of faults",
        config,
        faults,
        until_ms,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workloads_are_valid_for_a_whole_day() {
        steady(86_400_000).validate().unwrap();
        stormy(86_400_000).validate().unwrap();
        assert!(stormy(3_600_000).faults.len() > 300);
    }
}
