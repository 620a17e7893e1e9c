//! Fencing Lab's deterministic simulation core: time, randomness, the network, nodes, the
//! lease store, the storage, commands (faults and settings changes), the world that runs
//! them, the safety monitor, the trace and scenarios. It depends on serde and a portable
//! RNG only, nothing web, and reads no wall clock: the same scenario, seed and commands
//! give the same trace, byte for byte, natively and in wasm (scripts/test checks its
//! `cargo tree`; its clippy.toml forbids hash maps, clocks and OS randomness).

pub mod command;
pub mod config;
pub mod explore;
pub mod ids;
pub mod json_out;
pub mod json_pretty;
pub mod lease_store;
pub mod lesson;
pub mod monitor;
pub mod msg;
pub mod network;
pub mod node;
pub mod num;
pub mod order;
pub mod pattern;
pub mod read;
pub mod replication;
pub mod rng;
pub mod scenario;
pub mod small_map;
pub mod storage;
pub mod story;
pub mod summary;
pub mod sweep;
pub mod time;
pub mod totals;
pub mod trace;
pub mod view;
#[cfg(feature = "workload")]
pub mod workload;
pub mod world;

pub use command::{Command, TimedCommand};
pub use config::Config;
pub use ids::{Actor, NodeId, Term, Token, Value};
pub use scenario::{Scenario, ScenarioError};
pub use time::{Duration, LocalTime, SimTime};
pub use trace::{Event, EventKind};
pub use world::Sim;
