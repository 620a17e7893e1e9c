//! The arguments of each command, as a scenario file writes them (unknown keys refused).

use super::refs::{ActorRef, NodeRef};
use crate::config::Config;
use serde::Serialize;

fn is_false(b: &bool) -> bool {
    !*b
}

/// Changes to the knobs while a run goes on; only the keys given change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PauseArgs {
    pub node: NodeRef,
    /// How long; `None` = until a `resume`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_ms: Option<u64>,
    /// Wait for the node's next lease check and freeze it right after ("the worst moment").
    #[serde(skip_serializing_if = "is_false")]
    pub after_lease_check: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeArgs {
    pub node: NodeRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartitionArgs {
    /// Actors on side B; everyone else not under `both` is on side A.
    pub side_b: Vec<ActorRef>,
    /// Actors that reach both sides (a storage in another zone).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub both: Vec<ActorRef>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Empty {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkArgs {
    pub from: ActorRef,
    pub to: ActorRef,
}

/// Ends a hold on the link `from` → `to`: what it held is delivered, in the order it
/// arrived and with the usual latency, or (`drop`) dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReleaseArgs {
    pub from: ActorRef,
    pub to: ActorRef,
    #[serde(skip_serializing_if = "is_false")]
    pub drop: bool,
}

/// One message, by the id its `send` event gave it: held where it arrives (at the far end
/// of its link) until its link is released.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageArgs {
    pub id: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkDelayArgs {
    pub from: ActorRef,
    pub to: ActorRef,
    pub extra_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClockRateArgs {
    pub node: NodeRef,
    /// Clock rate error in parts per million: -300000 runs 30% slow.
    pub ppm: i64,
}

crate::read_struct!(ConfigPatch, "an object of settings to change", {
    fencing: opt, barrier: opt, lease_ms: opt, renew_every_ms: opt, renew_jitter_ms: opt,
    heartbeat_ms: opt, failure_timeout_ms: opt, write_every_ms: opt, work_ms: opt,
    latency_ms: opt, drop_percent: opt, drift_bound_ppm: opt,
});
crate::read_struct!(PauseArgs, r#"an object such as {"node": 2, "for_ms": 8000}"#, {
    node: req, for_ms: opt, after_lease_check: or_default,
});
crate::read_struct!(NodeArgs, r#"an object such as {"node": 2}"#, { node: req });
crate::read_struct!(PartitionArgs, r#"an object such as {"side_b": [0, "storage"]}"#, {
    side_b: req, both: or_default,
});
crate::read_struct!(Empty, "an empty object, {}", {});
crate::read_struct!(LinkArgs, r#"an object such as {"from": 0, "to": "storage"}"#, {
    from: req, to: req,
});
crate::read_struct!(ReleaseArgs, r#"an object such as {"from": 0, "to": "storage"}"#, {
    from: req, to: req, drop: or_default,
});
crate::read_struct!(MessageArgs, r#"an object such as {"id": 12}"#, { id: req });
crate::read_struct!(LinkDelayArgs, r#"an object such as {"from": 0, "to": "storage", "extra_ms": 500}"#, {
    from: req, to: req, extra_ms: req,
});
crate::read_struct!(ClockRateArgs, r#"an object such as {"node": 2, "ppm": -300000}"#, {
    node: req, ppm: req,
});
crate::deserialize_by_read!(
    ConfigPatch,
    PauseArgs,
    NodeArgs,
    PartitionArgs,
    Empty,
    LinkArgs,
    ReleaseArgs,
    MessageArgs,
    LinkDelayArgs,
    ClockRateArgs,
);
