//! Scenario parsing never panics: every truncation of every built-in file gives an error
//! message, never a crash (random mutations are proptest's, in `properties.rs`).

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
