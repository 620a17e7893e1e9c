//! The tunable knobs of a run, in the units of the scenario file (milliseconds, percent,
//! parts per million). Missing keys take the defaults; unknown keys are refused.

use super::time::Duration;
use crate::read::{Obj, Place, Read, Res};
use serde::Serialize;
use serde_json::Value;

/// The largest time anywhere in a scenario: one week of virtual time.
pub const MAX_MS: u64 = 7 * 24 * 3600 * 1000;
pub const MIN_NODES: u8 = 3;
pub const MAX_NODES: u8 = 7;
pub const MAX_DRIFT_BOUND_PPM: u64 = 500_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Config {
    pub nodes: u8,
    pub fencing: bool,
    pub barrier: bool,
    pub first_token: u64,
    pub lease_ms: u64,
    pub renew_every_ms: u64,
    pub renew_jitter_ms: u64,
    pub heartbeat_ms: u64,
    pub failure_timeout_ms: [u64; 2],
    pub write_every_ms: u64,
    pub work_ms: u64,
    pub latency_ms: [u64; 2],
    pub drop_percent: u8,
    pub drift_bound_ppm: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            nodes: 5,
            fencing: true,
            barrier: false,
            first_token: 1,
            lease_ms: 5000,
            renew_every_ms: 1666,
            renew_jitter_ms: 250,
            heartbeat_ms: 500,
            failure_timeout_ms: [1500, 3000],
            write_every_ms: 1000,
            work_ms: 100,
            latency_ms: [20, 80],
            drop_percent: 0,
            drift_bound_ppm: 1000,
        }
    }
}

/// Missing keys take the defaults; unknown keys are refused.
impl Read for Config {
    fn read(v: &Value, at: &Place) -> Res<Config> {
        const KEYS: &[&str] = &[
            "nodes",
            "fencing",
            "barrier",
            "first_token",
            "lease_ms",
            "renew_every_ms",
            "renew_jitter_ms",
            "heartbeat_ms",
            "failure_timeout_ms",
            "write_every_ms",
            "work_ms",
            "latency_ms",
            "drop_percent",
            "drift_bound_ppm",
        ];
        let o = Obj::new(v, at, KEYS, r#"an object of settings such as {"nodes": 5}"#)?;
        let d = Config::default();
        Ok(Config {
            nodes: o.or("nodes", d.nodes)?,
            fencing: o.or("fencing", d.fencing)?,
            barrier: o.or("barrier", d.barrier)?,
            first_token: o.or("first_token", d.first_token)?,
            lease_ms: o.or("lease_ms", d.lease_ms)?,
            renew_every_ms: o.or("renew_every_ms", d.renew_every_ms)?,
            renew_jitter_ms: o.or("renew_jitter_ms", d.renew_jitter_ms)?,
            heartbeat_ms: o.or("heartbeat_ms", d.heartbeat_ms)?,
            failure_timeout_ms: o.or("failure_timeout_ms", d.failure_timeout_ms)?,
            write_every_ms: o.or("write_every_ms", d.write_every_ms)?,
            work_ms: o.or("work_ms", d.work_ms)?,
            latency_ms: o.or("latency_ms", d.latency_ms)?,
            drop_percent: o.or("drop_percent", d.drop_percent)?,
            drift_bound_ppm: o.or("drift_bound_ppm", d.drift_bound_ppm)?,
        })
    }
}

crate::deserialize_by_read!(Config);

impl Config {
    pub fn lease(&self) -> Duration {
        Duration::from_ms(self.lease_ms)
    }
    pub fn renew_every(&self) -> Duration {
        Duration::from_ms(self.renew_every_ms)
    }
    pub fn renew_jitter(&self) -> Duration {
        Duration::from_ms(self.renew_jitter_ms)
    }
    pub fn heartbeat(&self) -> Duration {
        Duration::from_ms(self.heartbeat_ms)
    }
    pub fn failure_timeout(&self) -> (Duration, Duration) {
        (
            Duration::from_ms(self.failure_timeout_ms[0]),
            Duration::from_ms(self.failure_timeout_ms[1]),
        )
    }
    pub fn write_every(&self) -> Duration {
        Duration::from_ms(self.write_every_ms)
    }
    pub fn work(&self) -> Duration {
        Duration::from_ms(self.work_ms)
    }
    pub fn latency(&self) -> (Duration, Duration) {
        (
            Duration::from_ms(self.latency_ms[0]),
            Duration::from_ms(self.latency_ms[1]),
        )
    }

    /// Every rule a config must meet, as `(key, message)` for the first one broken.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if !(MIN_NODES..=MAX_NODES).contains(&self.nodes) {
            return Err((
                "nodes",
                format!("{} nodes is outside {MIN_NODES}–{MAX_NODES}", self.nodes),
            ));
        }
        if self.first_token == 0 {
            return Err(("first_token", "must be at least 1".into()));
        }
        if self.first_token > 1_000_000_000 {
            return Err((
                "first_token",
                format!(
                    "{} is absurdly large (at most 1000000000)",
                    self.first_token
                ),
            ));
        }
        let positive: [(&'static str, u64); 4] = [
            ("lease_ms", self.lease_ms),
            ("renew_every_ms", self.renew_every_ms),
            ("heartbeat_ms", self.heartbeat_ms),
            ("write_every_ms", self.write_every_ms),
        ];
        for (key, v) in positive {
            if v == 0 {
                return Err((key, "must be greater than 0".into()));
            }
        }
        let bounded: [(&'static str, u64); 10] = [
            ("lease_ms", self.lease_ms),
            ("renew_every_ms", self.renew_every_ms),
            ("renew_jitter_ms", self.renew_jitter_ms),
            ("heartbeat_ms", self.heartbeat_ms),
            ("failure_timeout_ms", self.failure_timeout_ms[0]),
            ("failure_timeout_ms", self.failure_timeout_ms[1]),
            ("write_every_ms", self.write_every_ms),
            ("work_ms", self.work_ms),
            ("latency_ms", self.latency_ms[0]),
            ("latency_ms", self.latency_ms[1]),
        ];
        for (key, v) in bounded {
            if v > MAX_MS {
                return Err((
                    key,
                    format!("{v} ms is absurdly large (at most {MAX_MS} ms, one week)"),
                ));
            }
        }
        let [lo, hi] = self.failure_timeout_ms;
        if lo == 0 {
            return Err((
                "failure_timeout_ms",
                "the shortest timeout must be greater than 0".into(),
            ));
        }
        if lo > hi {
            return Err((
                "failure_timeout_ms",
                format!("min {lo} is greater than max {hi}"),
            ));
        }
        let [lo, hi] = self.latency_ms;
        if lo > hi {
            return Err(("latency_ms", format!("min {lo} is greater than max {hi}")));
        }
        if self.drop_percent > 100 {
            return Err(("drop_percent", format!("{} is over 100", self.drop_percent)));
        }
        if self.drift_bound_ppm > MAX_DRIFT_BOUND_PPM {
            return Err((
                "drift_bound_ppm",
                format!(
                    "{} is over {MAX_DRIFT_BOUND_PPM} (a clock error bound of 50%)",
                    self.drift_bound_ppm
                ),
            ));
        }
        Ok(())
    }
}
