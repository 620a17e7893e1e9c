//! Compact JSON text laid out as `serde_json::to_string_pretty` lays it out (two-space
//! indents, `"key": value`, empty lists and objects as `[]` and `{}`).
//!
//! Scenario files are written pretty and share links carry them compact. Serialising
//! both ways compiles every scenario type's serialiser twice (a copy per formatter, about
//! 7 kB of wasm); writing compact and laying the text out here keeps one. The output is
//! byte for byte serde_json's (tests compare them, on every built-in scenario too:
//! `parse_robustness.rs`).

/// `compact` (serde_json's compact output, or any JSON without insignificant whitespace)
/// laid out pretty.
pub fn pretty(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut i = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // A string, escapes and all, as it is.
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.push_str(&compact[start..i]);
                continue;
            }
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                if bytes.get(i + 1) == Some(&close) {
                    out.push(open as char);
                    out.push(close as char);
                    i += 2;
                    continue;
                }
                out.push(open as char);
                depth += 1;
                newline(&mut out, depth);
            }
            close @ (b'}' | b']') => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(close as char);
            }
            b',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            b':' => out.push_str(": "),
            _ => {
                // A number or a literal: up to the next structural character.
                let start = i;
                while i < bytes.len() && !b"{}[],:\"".contains(&bytes[i]) {
                    i += 1;
                }
                out.push_str(&compact[start..i]);
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pretty;
    use serde_json::json;

    #[test]
    fn it_lays_out_as_serde_json_does() {
        for v in [
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [1, 2, {"d": null}], "e": "x, y: {z} [w] \"q\" \\"}),
            json!([[[]], [{}], -1.5e-7, true, false, null, "é ünïcode ✓"]),
            json!("just a string"),
            json!(42),
        ] {
            let compact = serde_json::to_string(&v).unwrap();
            assert_eq!(
                pretty(&compact),
                serde_json::to_string_pretty(&v).unwrap(),
                "{compact}"
            );
        }
    }
}
