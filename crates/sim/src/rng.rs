//! Seeded, portable randomness: one ChaCha8 stream per subsystem, so that adding a draw in
//! one subsystem does not shift another's. Only integer draws; no `usize`, so 32-bit wasm
//! and 64-bit native draw the same numbers.

use rand::RngCore;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Network = 1,
    Timers = 2,
    Faults = 3,
}

#[derive(Clone, Debug)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    pub fn new(seed: u64, stream: Stream) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream as u64);
        SimRng(rng)
    }

    /// Uniform in `lo..=hi` (`hi < lo` is treated as `lo`).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        let span = hi - lo + 1;
        if span == 0 {
            return self.0.next_u64();
        }
        // Rejection sampling keeps it exactly uniform.
        let zone = u64::MAX - (u64::MAX % span);
        loop {
            let v = self.0.next_u64();
            if v < zone {
                return lo + v % span;
            }
        }
    }

    /// True with probability `percent / 100`.
    pub fn percent(&mut self, percent: u64) -> bool {
        percent > 0 && self.range(0, 99) < percent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_stream_draw_the_same_numbers_and_streams_differ() {
        let mut a = SimRng::new(7, Stream::Network);
        let mut b = SimRng::new(7, Stream::Network);
        let mut c = SimRng::new(7, Stream::Timers);
        let xs: Vec<u64> = (0..8).map(|_| a.range(0, 1000)).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.range(0, 1000)).collect();
        let zs: Vec<u64> = (0..8).map(|_| c.range(0, 1000)).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
        assert!(xs.iter().all(|&x| x <= 1000));
    }

    #[test]
    fn range_is_inclusive_and_percent_is_bounded() {
        let mut r = SimRng::new(1, Stream::Faults);
        let draws: Vec<u64> = (0..200).map(|_| r.range(3, 4)).collect();
        assert!(draws.contains(&3) && draws.contains(&4));
        assert!((0..200).all(|_| !r.percent(0)));
        assert!((0..200).all(|_| r.percent(100)));
    }
}
