//! fencing-sim's integration tests, one binary (one link on a 2-core machine), a module per
//! subject.

mod common;
mod determinism;
mod explore;
mod hold;
mod lessons;
mod monitor;
mod node;
mod parse_robustness;
mod properties;
mod replication;
mod scenarios;
mod seed_sweep;
mod stories;
