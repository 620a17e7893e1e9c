//! Scenario parsing never panics: every truncation of every built-in file and thousands of
//! random mutations give `Ok` or an error message, never a crash.

use fencing_sim::rng::{SimRng, Stream};
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
fn random_mutations_never_panic() {
    let mut rng = SimRng::new(1, Stream::Faults);
    let alphabet = b"{}[]\":,-0123456789 truefalsnul\\ea";
    for (name, text) in BUILTIN {
        for _ in 0..400 {
            let mut bytes = text.as_bytes().to_vec();
            for _ in 0..rng.range(1, 6) {
                let i = rng.range(0, bytes.len() as u64 - 1) as usize;
                bytes[i] = alphabet[rng.range(0, alphabet.len() as u64 - 1) as usize];
            }
            if let Ok(s) = std::str::from_utf8(&bytes) {
                if let Ok(sc) = Scenario::from_json(s) {
                    sc.validate()
                        .unwrap_or_else(|e| panic!("{name}: parsed but invalid: {e}"));
                }
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
