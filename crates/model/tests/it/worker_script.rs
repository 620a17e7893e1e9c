//! The worker's script as the page carries it: its code lines, in order, unindented, and
//! none of its whole-line comments.

use fencing_model::worker::{script_min, script_min_len};

const FILE: &str = include_str!("../../../../src/worker/worker.js");

#[test]
fn the_worker_script_is_carried_without_its_comment_lines_or_indentation() {
    let carried = script_min::<{ script_min_len(FILE) }>(FILE);
    let carried = std::str::from_utf8(&carried).unwrap();
    let code: Vec<&str> = FILE
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect();
    assert!(
        code.len() > 20,
        "the worker's script has {} code lines",
        code.len()
    );
    assert_eq!(carried.lines().collect::<Vec<_>>(), code);
    assert!(carried.ends_with("};\n"), "{carried}");
    assert!(
        carried.len() * 3 < FILE.len() * 2,
        "{} of {} bytes",
        carried.len(),
        FILE.len()
    );
}

#[test]
fn a_comment_after_code_and_a_string_holding_slashes_stay() {
    const TEXT: &str = "// header\n  a = '//x'; // why\n\n\t// indented comment\n    b();";
    let out = script_min::<{ script_min_len(TEXT) }>(TEXT);
    assert_eq!(
        std::str::from_utf8(&out).unwrap(),
        "a = '//x'; // why\nb();\n"
    );
    assert_eq!(script_min_len(""), 0);
}
