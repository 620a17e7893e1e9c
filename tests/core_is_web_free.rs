//! The simulation core (`src/sim/`) must stay pure and deterministic: nothing from the web
//! stack (it also runs natively, in the CLI and the tests), no wall clock, no OS randomness
//! and no hash-ordered collections (their iteration order would leak into the trace).
//!
//! This test reads every `src/sim/**/*.rs` file and fails, naming `file:line`, on any use of
//! a forbidden name in code. Comments, doc comments, string and character literals are
//! ignored, so prose may mention them. Floats are allowed (for display only; DESIGN.md), so
//! they are not checked here.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

/// Names that must not appear in the core's code, with the reason given when they do.
const FORBIDDEN: &[(&str, &str)] = &[
    ("yew", "web UI framework"),
    ("web_sys", "browser API"),
    ("js_sys", "JavaScript API"),
    ("SystemTime", "wall clock"),
    ("Instant", "wall clock"),
    ("UNIX_EPOCH", "wall clock"),
    (
        "HashMap",
        "hash iteration order is not deterministic: use BTreeMap or Vec",
    ),
    (
        "HashSet",
        "hash iteration order is not deterministic: use BTreeSet or Vec",
    ),
    ("thread_rng", "OS randomness: use the seeded ChaCha8Rng"),
    ("getrandom", "OS randomness: use the seeded ChaCha8Rng"),
    ("OsRng", "OS randomness: use the seeded ChaCha8Rng"),
    ("from_entropy", "OS randomness: use the seeded ChaCha8Rng"),
];

/// Name prefixes that must not appear (crate families: gloo_timers, wasm_bindgen_futures, ...).
const FORBIDDEN_PREFIXES: &[(&str, &str)] = &[
    ("gloo", "browser helper crate"),
    ("wasm_bindgen", "JavaScript bindings"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    line: usize,
    what: String,
    why: &'static str,
}

/// The source with comments and the contents of string and char literals blanked out
/// (replaced by spaces, newlines kept), so that line numbers stay right.
fn code_only(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_is_ident = i > 0 && is_ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            // Line comment (also doc comments): up to the end of the line.
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            // Block comment, possibly nested.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && next == Some('r')))
            && !prev_is_ident
            && raw_string_hashes(&chars, i + if c == 'b' { 2 } else { 1 }).is_some()
        {
            // Raw string r"..." / r#"..."# / br"...": no escapes, ends at the same hashes.
            let start = i + if c == 'b' { 2 } else { 1 };
            let hashes = raw_string_hashes(&chars, start).unwrap_or(0);
            let open_len = start - i + hashes + 1;
            for _ in 0..open_len {
                out.push(' ');
            }
            i += open_len;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += hashes + 1;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            // String literal (also b"..." and c"...": the prefix stays as code).
            out.push(' ');
            i += 1;
            while i < chars.len() {
                match chars[i] {
                    '\\' => {
                        out.push(' ');
                        if let Some(&escaped) = chars.get(i + 1) {
                            out.push(blank(escaped));
                        }
                        i += 2;
                    }
                    '"' => {
                        out.push(' ');
                        i += 1;
                        break;
                    }
                    other => {
                        out.push(blank(other));
                        i += 1;
                    }
                }
            }
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{1F600}') or a lifetime ('a): only the former is blanked.
            let len = if next == Some('\\') {
                chars[i + 1..]
                    .iter()
                    .skip(2)
                    .position(|&ch| ch == '\'')
                    .map(|p| p + 4)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(3)
            } else {
                None
            };
            match len {
                Some(len) => {
                    for _ in 0..len.min(chars.len() - i) {
                        out.push(' ');
                    }
                    i += len;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// If `chars[at..]` opens a raw string (`#`* then `"`), how many `#` it has.
fn raw_string_hashes(chars: &[char], at: usize) -> Option<usize> {
    let hashes = chars[at.min(chars.len())..]
        .iter()
        .take_while(|&&c| c == '#')
        .count();
    (chars.get(at + hashes) == Some(&'"')).then_some(hashes)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Other,
}

/// Identifiers and the punctuation that matters for paths, each with its line (1-based).
fn tokens(code: &str) -> Vec<(usize, Tok)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphabetic() || c == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                out.push((n + 1, Tok::Ident(word)));
                continue;
            }
            let tok = match c {
                ':' if chars.get(i + 1) == Some(&':') => {
                    i += 1;
                    Tok::PathSep
                }
                '{' => Tok::Open,
                '}' => Tok::Close,
                ',' => Tok::Comma,
                c if c.is_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => Tok::Other,
            };
            out.push((n + 1, tok));
            i += 1;
        }
    }
    out
}

/// Every forbidden use in one Rust source file.
fn scan(src: &str) -> Vec<Finding> {
    let toks = tokens(&code_only(src));
    let mut found = Vec::new();
    let ident = |k: usize| match toks.get(k) {
        Some((_, Tok::Ident(w))) => Some(w.as_str()),
        _ => None,
    };
    for (k, (line, tok)) in toks.iter().enumerate() {
        let Tok::Ident(word) = tok else { continue };
        if let Some((name, why)) = FORBIDDEN.iter().find(|(name, _)| word == name) {
            found.push(Finding {
                line: *line,
                what: (*name).to_owned(),
                why,
            });
        } else if let Some((_, why)) = FORBIDDEN_PREFIXES.iter().find(|(p, _)| word.starts_with(p))
        {
            found.push(Finding {
                line: *line,
                what: word.clone(),
                why,
            });
        } else if word == "std" && matches!(toks.get(k + 1), Some((_, Tok::PathSep))) {
            // std::time..., or std::{..., time, ...} in a grouped import.
            if ident(k + 2) == Some("time") {
                found.push(Finding {
                    line: toks[k + 2].0,
                    what: "std::time".into(),
                    why: "wall clock",
                });
            } else if matches!(toks.get(k + 2), Some((_, Tok::Open))) {
                let mut depth = 0;
                for j in k + 2..toks.len() {
                    match &toks[j].1 {
                        Tok::Open => depth += 1,
                        Tok::Close => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Tok::Ident(w)
                            if depth == 1
                                && w == "time"
                                && matches!(toks[j - 1].1, Tok::Open | Tok::Comma) =>
                        {
                            found.push(Finding {
                                line: toks[j].0,
                                what: "std::time".into(),
                                why: "wall clock",
                            });
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_simulation_core_uses_nothing_web_and_nothing_nondeterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/sim"), &mut files);
    files.sort();
    assert!(
        files.iter().any(|f| f.ends_with("src/sim/mod.rs")),
        "expected src/sim/mod.rs among the scanned files, found {files:?}"
    );

    let mut report = Vec::new();
    for file in &files {
        let src = fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let lines: Vec<&str> = src.lines().collect();
        let shown = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        for f in scan(&src) {
            let text = lines.get(f.line - 1).map_or("", |l| l.trim());
            report.push(format!(
                "{shown}:{}: `{}` ({}): {text}",
                f.line, f.what, f.why
            ));
        }
    }
    assert!(
        report.is_empty(),
        "src/sim must not depend on the web, the wall clock, OS randomness or hash order:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_scanner_finds_forbidden_code() {
    let src = "use crate::sim::time::Micros;\n\
               use std::collections::HashMap;\n\
               fn now() -> u64 { std::time::SystemTime::now(); 0 }\n\
               use std::{fmt, time::Duration};\n\
               let r = rand::thread_rng();\n\
               gloo_timers::callback::Timeout::new(1, || {});\n\
               #[wasm_bindgen] pub fn f() {}\n";
    let found: Vec<(usize, String)> = scan(src).into_iter().map(|f| (f.line, f.what)).collect();
    assert_eq!(
        found,
        vec![
            (2, "HashMap".to_owned()),
            (3, "std::time".to_owned()),
            (3, "SystemTime".to_owned()),
            (4, "std::time".to_owned()),
            (5, "thread_rng".to_owned()),
            (6, "gloo_timers".to_owned()),
            (7, "wasm_bindgen".to_owned()),
        ]
    );
}

#[test]
fn the_scanner_ignores_comments_and_literals() {
    let src = "//! The core never uses a HashMap or Instant.\n\
               /* no yew here, /* nested web_sys */ still a comment: SystemTime */\n\
               fn f<'a>(s: &'a str) -> char { let _ = \"thread_rng \\\" HashSet\"; 'x' }\n\
               const RAW: &str = r#\"std::time \"quoted\" getrandom\"#;\n\
               let c = '\\''; let d = '\"'; // Instant\n\
               struct Lease; // the lease, not std::time\n";
    assert_eq!(scan(src), vec![]);
}

#[test]
fn the_scanner_keeps_line_numbers_across_multiline_comments_and_strings() {
    let src =
        "/*\n HashMap\n*/\nconst S: &str = \"a\nHashSet\nb\";\nuse std::collections::HashSet;\n";
    let found: Vec<usize> = scan(src).into_iter().map(|f| f.line).collect();
    assert_eq!(found, vec![7]);
}
