//! One concern per place, kept: no function in the page's code (src/ui) is over 150 lines,
//! and the model names no CSS class (it gives kinds; the page maps them to classes).
#![cfg(not(target_arch = "wasm32"))]

use super::module_graph::rust_files;
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 150;

/// Each function in `text` with its length in lines: from its `fn` line to the first
/// closing brace at the same indentation.
fn functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let head = ["pub fn ", "pub(super) fn ", "pub(crate) fn ", "fn "]
            .iter()
            .find_map(|p| body.strip_prefix(p));
        let Some(head) = head else { continue };
        if line.trim_end().ends_with(';') {
            continue;
        }
        let name: String = head
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let end = lines[i + 1..].iter().position(|l| {
            let t = l.trim_start();
            t.starts_with('}') && l.len() - t.len() == indent
        });
        if let Some(e) = end {
            out.push((name, e + 2));
        }
    }
    out
}

#[test]
fn the_measure_counts_a_function_from_its_fn_line_to_its_closing_brace() {
    let text =
        "fn a() {\n    x();\n}\n\n    pub fn b(\n        y: u8,\n    ) -> u8 {\n        y\n    }\n";
    assert_eq!(
        functions(text),
        [("a".to_string(), 3), ("b".to_string(), 5)]
    );
}

#[test]
fn no_function_in_the_page_is_over_150_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/ui"), &mut files);
    let mut long = Vec::new();
    let mut counted = 0;
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        for (name, n) in functions(&text) {
            counted += 1;
            if n > MAX_LINES {
                long.push(format!("{}: {name} is {n} lines", f.display()));
            }
        }
    }
    assert!(
        counted > 100,
        "only {counted} functions found: is the measure broken?"
    );
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:#?}");
}

#[test]
fn the_model_names_no_css_class() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("crates/model/src"), &mut files);
    assert!(files.len() > 20);
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in ["class:", "class =", "-text\"", "classes!"] {
                assert!(
                    !code.contains(word),
                    "{}:{}: the model names a class: {line}",
                    f.display(),
                    i + 1
                );
            }
        }
    }
}

/// The Rust files the page is compiled from: the app, the model and the core.
fn page_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates/model/src", "crates/sim/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 60);
    files
}

/// The page writes JSON through one writer (`fencing_sim::json_out`, a serde serialiser
/// of our own): a `serde_json::to_string` anywhere in the page's code brings serde_json's
/// serialiser, a copy of it for every type it writes, back into the wasm (4.1 kB gzipped
/// left with the last uses of it, with `Value`'s `Display`; 3.3 kB more when json_out
/// stopped using it itself).
#[test]
fn the_page_writes_json_only_through_json_out() {
    let files = page_sources();
    let writers = [
        "serde_json::to_string",
        "serde_json::to_vec",
        "serde_json::to_writer",
        "serde_json::to_value",
    ];
    let mut json_out_seen = false;
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        if f.ends_with("crates/sim/src/json_out.rs") {
            json_out_seen = text.contains("impl<'a> ser::Serializer for &'a mut Out");
            continue;
        }
        // Tests may use serde_json's own, as an oracle.
        let end = ["#[cfg(test)]", "#[cfg(all(test"]
            .iter()
            .filter_map(|m| text.find(m))
            .min()
            .unwrap_or(text.len());
        let text = &text[..end];
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !writers.iter().any(|w| code.contains(w)),
                "{}:{}: JSON written by serde_json directly (use fencing_sim::json_out::json_text): {line}",
                f.display(),
                i + 1
            );
        }
    }
    assert!(json_out_seen, "json_out writes with its own serialiser");
}

/// The page's code writes numbers with decimals through `fencing_sim::num::fixed` and reads
/// them through the browser: a `{:.1}` format or a float `parse` anywhere in it brings the
/// standard library's float formatting or parsing back into the wasm (about 15 kB gzipped
/// with their tables, measured when they left).
#[test]
fn the_page_neither_formats_nor_parses_floats_with_the_standard_library() {
    let files = page_sources();
    let precision = |code: &str| {
        // `:.` then a digit then `}`: a precision format ("{x:.1}", "{:.2}").
        code.match_indices(":.").any(|(i, _)| {
            let rest = &code.as_bytes()[i + 2..];
            rest.first().is_some_and(u8::is_ascii_digit) && rest.get(1) == Some(&b'}')
        })
    };
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        // Tests and the native-only command line may use the standard library's.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let float_parse = code.contains("parse::<f64>") || code.contains("parse::<f32>");
            assert!(
                !precision(code) && !float_parse,
                "{}:{}: a float formatted or parsed by the standard library (use fencing_sim::num::fixed, or js_sys::parse_float in the page): {line}",
                f.display(),
                i + 1
            );
        }
    }
}

/// The release build formats `Debug` as nothing (`-Zfmt-debug=none` in `lean_std`,
/// scripts/lib.sh: 3.7 kB gzipped), so the page's own code never shows a value through
/// `{:?}` or `dbg!`: a class name, a data attribute or a message written that way would
/// come out empty in the students' build while every test build (which keeps `Debug`)
/// passed. Tests may use it.
#[test]
fn the_page_shows_nothing_through_debug() {
    for f in &page_sources() {
        let text = fs::read_to_string(f).unwrap();
        let end = ["#[cfg(test)]", "#[cfg(all(test"]
            .iter()
            .filter_map(|m| text.find(m))
            .min()
            .unwrap_or(text.len());
        for (i, line) in text[..end].lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let debug = code.contains(":?}") || code.contains(":#?}") || code.contains("dbg!(");
            assert!(
                !debug,
                "{}:{}: a value shown through Debug, which the release build leaves empty (write it out, or ui::io::js_error for a browser's error): {line}",
                f.display(),
                i + 1
            );
        }
    }
}
