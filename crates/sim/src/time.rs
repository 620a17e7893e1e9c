//! Virtual time. `SimTime` is the world's true time; `LocalTime` is what one node's clock
//! reads. Both count microseconds; all arithmetic is integer and saturating.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A span of virtual time in microseconds.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Duration(pub u64);

impl Duration {
    pub const ZERO: Duration = Duration(0);
    pub const fn from_ms(ms: u64) -> Self {
        Duration(ms.saturating_mul(1000))
    }
    pub const fn as_us(self) -> u64 {
        self.0
    }
    pub const fn as_ms(self) -> u64 {
        self.0 / 1000
    }
    pub const fn saturating_sub(self, other: Duration) -> Duration {
        Duration(self.0.saturating_sub(other.0))
    }
    /// `self × ppm / 1_000_000`, rounded up: the safety margin for a drift bound.
    pub fn scale_ppm_ceil(self, ppm: u64) -> Duration {
        let v = (self.0 as u128 * ppm as u128).div_ceil(1_000_000);
        Duration(v.min(u64::MAX as u128) as u64)
    }
}

/// The true virtual time of the world, microseconds since the run began.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SimTime(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);
    pub const fn from_ms(ms: u64) -> Self {
        SimTime(ms.saturating_mul(1000))
    }
    pub const fn as_us(self) -> u64 {
        self.0
    }
    pub const fn as_ms(self) -> u64 {
        self.0 / 1000
    }
    pub const fn plus(self, d: Duration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
    pub const fn since(self, earlier: SimTime) -> Duration {
        Duration(self.0.saturating_sub(earlier.0))
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03}s", self.0 / 1_000_000, (self.0 / 1000) % 1000)
    }
}

/// What a node's own clock reads. Never compared with `SimTime`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct LocalTime(pub u64);

impl LocalTime {
    pub const fn plus(self, d: Duration) -> LocalTime {
        LocalTime(self.0.saturating_add(d.0))
    }
    pub const fn minus(self, d: Duration) -> LocalTime {
        LocalTime(self.0.saturating_sub(d.0))
    }
    pub const fn since(self, earlier: LocalTime) -> Duration {
        Duration(self.0.saturating_sub(earlier.0))
    }
}

/// A node's clock: true time mapped to local time at a rate of `1 + ppm / 10^6`.
/// Changing the rate re-anchors the clock so local time never jumps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    anchor_true: SimTime,
    anchor_local: LocalTime,
    rate_ppm: i64,
}

/// Clock rates are kept well away from a stopped clock.
pub const MIN_RATE_PPM: i64 = -900_000;
pub const MAX_RATE_PPM: i64 = 900_000;

impl Clock {
    pub fn new() -> Self {
        Clock {
            anchor_true: SimTime::ZERO,
            anchor_local: LocalTime(0),
            rate_ppm: 0,
        }
    }

    pub fn rate_ppm(&self) -> i64 {
        self.rate_ppm
    }

    fn ticks_per_million(&self) -> u128 {
        (1_000_000 + self.rate_ppm.clamp(MIN_RATE_PPM, MAX_RATE_PPM)) as u128
    }

    /// Local reading at true time `t` (`t` never earlier than the last re-anchoring).
    pub fn local(&self, t: SimTime) -> LocalTime {
        let elapsed = t.0.saturating_sub(self.anchor_true.0) as u128;
        let local = elapsed * self.ticks_per_million() / 1_000_000;
        LocalTime(
            self.anchor_local
                .0
                .saturating_add(local.min(u64::MAX as u128) as u64),
        )
    }

    /// The earliest true time at which this clock reads at least `l`.
    pub fn true_time_of(&self, l: LocalTime) -> SimTime {
        if l <= self.anchor_local {
            return self.anchor_true;
        }
        let ahead = (l.0 - self.anchor_local.0) as u128;
        let elapsed = (ahead * 1_000_000).div_ceil(self.ticks_per_million());
        SimTime(
            self.anchor_true
                .0
                .saturating_add(elapsed.min(u64::MAX as u128) as u64),
        )
    }

    pub fn set_rate(&mut self, now: SimTime, rate_ppm: i64) {
        self.anchor_local = self.local(now);
        self.anchor_true = now;
        self.rate_ppm = rate_ppm.clamp(MIN_RATE_PPM, MAX_RATE_PPM);
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_clock_reads_less_and_its_deadlines_fall_later_in_true_time() {
        let mut c = Clock::new();
        c.set_rate(SimTime::ZERO, -500_000);
        assert_eq!(c.local(SimTime::from_ms(1000)), LocalTime(500_000));
        assert_eq!(c.true_time_of(LocalTime(500_000)), SimTime::from_ms(1000));
    }

    #[test]
    fn changing_rate_does_not_make_local_time_jump() {
        let mut c = Clock::new();
        c.set_rate(SimTime::from_ms(1000), 250_000);
        assert_eq!(c.local(SimTime::from_ms(1000)), LocalTime(1_000_000));
        assert_eq!(c.local(SimTime::from_ms(2000)), LocalTime(2_250_000));
        for l in [1_000_001u64, 1_700_003, 9_999_999] {
            let t = c.true_time_of(LocalTime(l));
            assert!(c.local(t) >= LocalTime(l));
            assert!(c.local(SimTime(t.0 - 1)) < LocalTime(l));
        }
    }

    #[test]
    fn drift_margin_rounds_up() {
        assert_eq!(Duration::from_ms(5000).scale_ppm_ceil(1000), Duration(5000));
        assert_eq!(Duration(1).scale_ppm_ceil(1), Duration(1));
    }
}
