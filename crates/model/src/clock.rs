//! A node's clock rate at the controls: a logarithmic ladder from ±10 ppm (a good quartz
//! clock, well inside the bound the nodes assume) to ±50% (a VM whose clock crawls), the
//! words for a rate, and whether it breaks the drift bound the lease's safety rests on.
//!
//! The ladder has one position per step, the same on both sides of zero: position 0 keeps
//! time, position ±k runs `STEPS_PPM[k]` fast (+) or slow (−). A rate set another way (a
//! scenario file, a link) shows at the nearest position; the words always give the exact
//! rate.

/// The clock offsets the slider reaches, in parts per million: 1–2–5 steps from 10 ppm
/// (0.001%) to 1% (10,000 ppm), then to 50%.
pub const STEPS_PPM: [i64; 18] = [
    0, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
    300_000, 400_000, 500_000,
];

/// The slider's farthest position on each side.
pub const MAX_POSITION: i32 = STEPS_PPM.len() as i32 - 1;

/// The rate at a slider position (clamped to the ladder).
pub fn ppm_at(position: i32) -> i64 {
    let k = position.unsigned_abs().min(MAX_POSITION as u32) as usize;
    STEPS_PPM[k] * i64::from(position.signum())
}

/// The slider position nearest to a rate: the step closest to it on a logarithmic scale,
/// so 700 ppm shows at 500 and 800 at 1,000; beyond the ladder, its end.
pub fn position_of(ppm: i64) -> i32 {
    let a = ppm.unsigned_abs();
    if a == 0 {
        return 0;
    }
    // Compare a with the geometric mean of neighbouring steps: a² against lo·hi.
    let mut k = 1;
    while k < MAX_POSITION as usize {
        let (lo, hi) = (STEPS_PPM[k] as u128, STEPS_PPM[k + 1] as u128);
        if (a as u128) * (a as u128) < lo * hi {
            break;
        }
        k += 1;
    }
    k as i32 * ppm.signum() as i32
}

/// A clock rate as a percentage of true time, exact to the part per million and without
/// trailing zeros: 100%, 100.1%, 99.999%, 70%.
pub fn percent_text(ppm: i64) -> String {
    // Rates run from -900,000 to +900,000 ppm (the core's limits), so this is positive.
    pct((1_000_000 + ppm).max(0) as u64)
}

/// Millionths as a percentage without trailing zeros: 1,000 → "0.1%", 300,000 → "30%".
fn pct(millionths: u64) -> String {
    let (whole, frac) = (millionths / 10_000, millionths % 10_000);
    if frac == 0 {
        format!("{whole}%")
    } else {
        let digits = format!("{frac:04}");
        format!("{whole}.{}%", digits.trim_end_matches('0'))
    }
}

/// How far off a rate is, in words: "keeps true time", "runs 0.1% fast (+1,000 ppm)",
/// "runs 30% slow (−300,000 ppm)".
pub fn drift_words(ppm: i64) -> String {
    if ppm == 0 {
        return "keeps true time".into();
    }
    format!(
        "runs {} {} ({}{} ppm)",
        pct(ppm.unsigned_abs()),
        if ppm > 0 { "fast" } else { "slow" },
        if ppm > 0 { "+" } else { "−" },
        thousands(ppm.unsigned_abs())
    )
}

/// Whether a clock running at `ppm` breaks the drift bound the nodes assume, the margin a
/// leader takes off its lease so that it stops before the lease store would let another
/// node in. Beyond it, a node can believe in a lease the store has already given away.
pub fn beyond_bound(ppm: i64, bound_ppm: u64) -> bool {
    ppm.unsigned_abs() > bound_ppm
}

/// The warning for a clock beyond the bound, or `None` within it.
pub fn bound_warning(ppm: i64, bound_ppm: u64) -> Option<String> {
    beyond_bound(ppm, bound_ppm).then(|| {
        format!(
            "beyond the ±{} ppm drift the nodes assume: the lease's safety assumption is broken",
            thousands(bound_ppm)
        )
    })
}

/// 300000 → "300,000".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
