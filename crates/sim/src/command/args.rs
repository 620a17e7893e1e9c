//! The arguments of each command, as a scenario file writes them (unknown keys refused).

use super::refs::{ActorRef, NodeRef};
use crate::config::Config;
use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}

/// Changes to the knobs while a run goes on; only the keys given change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fencing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barrier: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renew_every_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renew_jitter_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heartbeat_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_timeout_ms: Option<[u64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_every_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<[u64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drop_percent: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drift_bound_ppm: Option<u64>,
}

/// Calls `$m!` with every key a `set` can change, so the list is written once.
macro_rules! with_patch_keys {
    ($m:ident) => {
        $m!(
            fencing,
            barrier,
            lease_ms,
            renew_every_ms,
            renew_jitter_ms,
            heartbeat_ms,
            failure_timeout_ms,
            write_every_ms,
            work_ms,
            latency_ms,
            drop_percent,
            drift_bound_ppm
        )
    };
}

impl ConfigPatch {
    pub fn apply(&self, c: &Config) -> Config {
        let mut c = c.clone();
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = self.$f { c.$f = v; } )* };
        }
        with_patch_keys!(set);
        c
    }

    /// The `set` that takes settings from `from` to `to`: only the keys that differ and
    /// can change mid-run (the node count and the first token start a new run).
    pub fn between(from: &Config, to: &Config) -> ConfigPatch {
        macro_rules! diff {
            ($($f:ident),*) => {
                ConfigPatch { $( $f: (from.$f != to.$f).then_some(to.$f), )* }
            };
        }
        with_patch_keys!(diff)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseArgs {
    pub node: NodeRef,
    /// How long; `None` = until a `resume`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_ms: Option<u64>,
    /// Wait for the node's next lease check and freeze it right after ("the worst moment").
    #[serde(default, skip_serializing_if = "is_false")]
    pub after_lease_check: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeArgs {
    pub node: NodeRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartitionArgs {
    /// Actors on side B; everyone else not under `both` is on side A.
    pub side_b: Vec<ActorRef>,
    /// Actors that reach both sides (a storage in another zone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub both: Vec<ActorRef>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Empty {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkArgs {
    pub from: ActorRef,
    pub to: ActorRef,
}

/// Ends a hold on the link `from` → `to`: what it held is delivered, in the order it
/// arrived and with the usual latency, or (`drop`) dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseArgs {
    pub from: ActorRef,
    pub to: ActorRef,
    #[serde(default, skip_serializing_if = "is_false")]
    pub drop: bool,
}

/// One message, by the id its `send` event gave it: held where it arrives (at the far end
/// of its link) until its link is released.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageArgs {
    pub id: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkDelayArgs {
    pub from: ActorRef,
    pub to: ActorRef,
    pub extra_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockRateArgs {
    pub node: NodeRef,
    /// Clock rate error in parts per million: -300000 runs 30% slow.
    pub ppm: i64,
}
