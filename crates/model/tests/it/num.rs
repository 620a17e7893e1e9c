//! `num::fixed` writes what `format!("{x:.d$}")` writes, digit for digit (the oracle).

use fencing_sim::num::{fixed, trimmed};

#[test]
fn fixed_decimals_match_the_standard_formatting_at_the_edges() {
    let xs = [
        0.0,
        -0.0,
        0.05,
        0.25,
        0.75,
        0.125,
        0.375,
        1.5,
        2.5,
        -2.5,
        9.95,
        9.05,
        99.995,
        0.045,
        1e-9,
        -1e-9,
        123456.789,
        1e15,
        4503599627370497.0,
        9007199254740993.0,
        1e300,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    for x in xs {
        for d in 0..=3usize {
            assert_eq!(
                fixed(x, d as u32),
                format!("{x:.d$}"),
                "{x} to {d} decimals"
            );
        }
    }
    // Every time of the page, in microseconds, to a tenth of a second.
    for us in (0..3_000_000u64).step_by(2_500) {
        let x = us as f64 / 1e6;
        assert_eq!(fixed(x, 1), format!("{x:.1}"), "{us} µs");
    }
    for (x, want) in [
        (0.25, "0.25"),
        (0.5, "0.5"),
        (0.1, "0.1"),
        (10.0, "10"),
        (2.0, "2"),
    ] {
        assert_eq!(trimmed(x, 2), want);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::fixed;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_number_is_written_as_the_standard_formatting_writes_it(bits in any::<u64>(), small in -1e7f64..1e7, d in 0usize..=4) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(fixed(x, d as u32), format!("{x:.d$}"));
            prop_assert_eq!(fixed(small, d as u32), format!("{small:.d$}"));
        }
    }
}
