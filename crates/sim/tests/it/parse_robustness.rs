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
    // The place is the item too many.
    assert_eq!(e.path, "config.latency_ms[2]");
    assert!(e.message.starts_with("this list has too many items"), "{e}");
    // Text that is not JSON at all still says so.
    let e = Scenario::from_json(r#"{"until_ms": 1000, "config": {"latency_ms": [1, 2,]}}"#)
        .unwrap_err();
    assert!(e.message.starts_with("not valid JSON"), "{e}");
}

#[test]
fn a_narration_line_of_the_wrong_form_is_named_by_its_place() {
    let with = |lines: &str| {
        Scenario::from_json(&format!(
            r#"{{"until_ms": 1000, "narration": ["first", {lines}]}}"#
        ))
        .unwrap_err()
    };
    // Inside a beat, the field itself.
    let e = with(r#"{"at_ms": "soon", "text": "t"}"#);
    assert_eq!(e.path, "narration[1].at_ms", "{e}");
    let e = with(r#"{"at_ms": 5, "txt": "t"}"#);
    assert_eq!(e.path, "narration[1].txt", "{e}");
    assert!(e.message.starts_with("unknown field `txt`"), "{e}");
    // A beat missing its words, and a line that is neither a string nor a beat: the line.
    let e = with(r#"{"at_ms": 5}"#);
    assert_eq!(e.path, "narration[1]", "{e}");
    assert!(e.message.starts_with("missing field `text`"), "{e}");
    for wrong in ["5", "null", "[\"a\"]", "true"] {
        let e = with(wrong);
        assert_eq!(e.path, "narration[1]", "{wrong}: {e}");
        assert!(
            e.message.starts_with("a narration line is a string"),
            "{wrong}: {e}"
        );
    }
}

#[test]
fn a_scenario_written_pretty_is_serde_json_s_pretty_text_and_reads_back() {
    for name in fencing_sim::scenario::builtin_names() {
        let s = fencing_sim::scenario::builtin(name).unwrap();
        let written = s.to_json_pretty();
        assert_eq!(written, serde_json::to_string_pretty(&s).unwrap(), "{name}");
        assert_eq!(Scenario::from_json(&written).unwrap(), s, "{name}");
    }
}

#[test]
fn a_key_given_twice_is_refused_not_silently_overridden() {
    // JSON parsers commonly keep the last of two equal keys; a file's author would then
    // never learn that the first one was ignored.
    for text in [
        r#"{"until_ms": 1000, "until_ms": 2000}"#,
        r#"{"until_ms": 1000, "config": {"nodes": 3, "nodes": 5}}"#,
        r#"{"until_ms": 1000, "faults": [{"at_ms": 1, "at_ms": 2, "heal": {}}]}"#,
    ] {
        let e = Scenario::from_json(text).unwrap_err();
        assert!(e.message.starts_with("duplicate field `"), "{text}: {e}");
        assert!(!e.message.contains("not valid JSON"), "{text}: {e}");
    }
}
