//! The page's number fields read what is typed as a whole number in range, or refuse it in
//! words naming the field, what was wrong, and the value that stays.

use fencing_model::field::{self, NumberField};
use fencing_sim::Config;

/// How a field's value lands in the run's settings.
type Setter = fn(&mut Config, u64);

/// Every number field of the page, with how its value lands in the run's settings (None:
/// the field is not a setting of the config).
fn fields() -> Vec<(NumberField, Option<Setter>)> {
    vec![
        (field::EXTRA_DELAY, None),
        (field::LATENCY_MIN, Some(|c, v| c.latency_ms = [v, v])),
        (field::LATENCY_MAX, Some(|c, v| c.latency_ms = [0, v])),
        (field::DROP, Some(|c, v| c.drop_percent = v as u8)),
        (field::LEASE, Some(|c, v| c.lease_ms = v)),
        (field::RENEW_EVERY, Some(|c, v| c.renew_every_ms = v)),
        (field::RENEW_JITTER, Some(|c, v| c.renew_jitter_ms = v)),
        (field::HEARTBEAT, Some(|c, v| c.heartbeat_ms = v)),
        (
            field::FAILURE_TIMEOUT_MIN,
            Some(|c, v| c.failure_timeout_ms = [v, v]),
        ),
        (
            field::FAILURE_TIMEOUT_MAX,
            Some(|c, v| c.failure_timeout_ms = [1, v]),
        ),
        (field::WRITE_EVERY, Some(|c, v| c.write_every_ms = v)),
        (field::WORK, Some(|c, v| c.work_ms = v)),
        (field::DRIFT_BOUND, Some(|c, v| c.drift_bound_ppm = v)),
        (field::SEED, None),
        (field::FIRST_TOKEN, Some(|c, v| c.first_token = v)),
        (field::PAUSE_SECS, None),
    ]
}

#[test]
fn the_monkeys_odd_values_are_read_or_refused_with_the_field_and_what_stays() {
    let f = field::EXTRA_DELAY;
    let ok = |typed: &str, want: u64| assert_eq!(f.read(typed, 90_000), Ok(want), "{typed:?}");
    ok("0", 0);
    ok("1", 1);
    ok(" 7 ", 7);
    ok("-0", 0);
    ok("86400000", 86_400_000);
    ok("604800000", 604_800_000);
    let refused = |typed: &str, why: &str| {
        let m = f.read(typed, 90_000).expect_err(typed);
        assert!(m.starts_with("Extra delay"), "{typed:?}: {m}");
        assert!(m.contains(why), "{typed:?}: {m}");
        assert!(m.ends_with("it stays 90000 ms."), "{typed:?}: {m}");
    };
    refused("", "left empty");
    refused("   ", "left empty");
    refused("-1", "“-1” is below 0 ms");
    refused("18446744073709551616", "is more than 604800000 ms");
    refused("18446744073709551615", "is more than 604800000 ms");
    refused("999999999999", "is more than");
    refused(
        "1e309",
        "“1e309” is not a whole number in digits (0 to 604800000 ms)",
    );
    refused("1e3", "is not a whole number in digits");
    refused("-1e309", "is not a whole number in digits");
    refused("NaN", "is not a whole number in digits");
    refused("0.5", "is not a whole number in digits");
    refused("7.0", "is not a whole number in digits");
    refused("+", "is not a whole number in digits");
    assert_eq!(
        f.unreadable(90_000),
        "Extra delay: what was typed is not a number the field can read (0 to 604800000 ms): it stays 90000 ms."
    );
    // A long paste is cut short in the words.
    let long = "9".repeat(400);
    let m = f.read(&long, 90_000).unwrap_err();
    assert!(m.len() < 200 && m.contains("…”"), "{m}");
}

#[test]
fn each_fields_range_is_what_the_run_takes() {
    for (f, set) in fields() {
        assert!(f.min <= f.max, "{}", f.name);
        assert_eq!(f.read(&f.min.to_string(), f.max), Ok(f.min), "{}", f.name);
        assert_eq!(f.read(&f.max.to_string(), f.min), Ok(f.max), "{}", f.name);
        if f.min > 0 {
            let m = f.read(&(f.min - 1).to_string(), f.max).unwrap_err();
            assert!(m.contains("the least it takes"), "{m}");
        }
        if f.max < u64::MAX {
            let m = f.read(&(f.max + 1).to_string(), f.min).unwrap_err();
            assert!(m.contains("the most it takes"), "{m}");
        }
        // The oracle: the run's own check of its settings takes the ends of the range and
        // refuses one past them.
        if let Some(set) = set {
            let valid = |v: u64| {
                let mut c = Config::default();
                set(&mut c, v);
                c.check().is_ok()
            };
            assert!(valid(f.min) && valid(f.max), "{}", f.name);
            if f.min > 0 {
                assert!(!valid(f.min - 1), "{} takes {}", f.name, f.min - 1);
            }
            assert!(!valid(f.max + 1), "{} takes {}", f.name, f.max + 1);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::fields;
    use proptest::prelude::*;

    proptest! {
        /// Anything typed is taken within the range (digits as they are) or refused in
        /// words naming the field and the value that stays.
        #[test]
        fn any_text_is_taken_in_range_or_refused_with_words(typed in "\\PC{0,30}|[-+ ]?[0-9]{1,25}(\\.[0-9]{0,3})?(e[-+]?[0-9]{1,3})? ?", pick in 0usize..16, kept in 0u64..1000) {
            let (f, _) = fields()[pick];
            match f.read(&typed, kept) {
                Ok(v) => {
                    prop_assert!(f.min <= v && v <= f.max);
                    let t = typed.trim();
                    if t.bytes().all(|b| b.is_ascii_digit()) {
                        prop_assert_eq!(t.parse::<u64>().ok(), Some(v));
                    }
                }
                Err(m) => {
                    prop_assert!(m.starts_with(f.name), "{}", m);
                    let stays = format!("it stays {kept}{}.", f.unit);
                    prop_assert!(m.ends_with(&stays), "{}", m);
                }
            }
        }
    }
}
