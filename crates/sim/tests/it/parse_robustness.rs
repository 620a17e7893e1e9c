//! Scenario parsing never panics: every truncation of every built-in file gives an error
//! message, never a crash (random byte edits are proptest's, in `properties.rs`;
//! structural ones, of values, keys and lines, are `fencing-model`'s import properties).

use fencing_sim::scenario::{Scenario, BUILTIN};

#[test]
fn every_truncation_of_a_builtin_scenario_is_refused_with_a_message() {
    for (name, text) in BUILTIN {
        for cut in 0..text.trim_end().len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            match Scenario::from_json(&text[..cut]) {
                Ok(_) => panic!("{name} cut at {cut} parsed"),
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
    }
}

#[test]
fn an_oversized_file_is_refused_before_parsing() {
    let huge = format!(
        "{{\"title\": \"{}\", \"until_ms\": 1}}",
        "x".repeat(2 << 20)
    );
    let e = Scenario::from_json(&huge).unwrap_err();
    assert!(e.to_string().contains("limited to"), "{e}");
}

#[test]
fn valid_json_of_the_wrong_shape_is_not_called_invalid_json() {
    // A [low, high] pair given a third item: serde_json says "trailing characters".
    let e = Scenario::from_json(r#"{"until_ms": 1000, "config": {"latency_ms": [1, 2, 3]}}"#)
        .unwrap_err();
    assert_eq!(e.path, "config.latency_ms");
    assert!(e.message.starts_with("this list has too many items"), "{e}");
    // Text that is not JSON at all still says so.
    let e = Scenario::from_json(r#"{"until_ms": 1000, "config": {"latency_ms": [1, 2,]}}"#)
        .unwrap_err();
    assert!(e.message.starts_with("not valid JSON"), "{e}");
}
