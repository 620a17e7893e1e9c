//! Where in a JSON text a parse stopped, named as a path (`faults[2].pause.node`).
//!
//! serde_json reports every error with the line and column at which it stopped reading.
//! Scanning the text up to that point, keeping a stack of the objects and lists it is
//! inside, gives the key or item being read there. This is what lets a scenario file's
//! error name its place without a second, path-tracking deserializer (which would be
//! instantiated for every type a file holds, and weighed about 60 kB in the page).

enum Frame {
    /// Inside `{ … }`: the key whose value is being read, if one has been.
    Object(Option<String>),
    /// Inside `[ … ]`: the index of the item being read, if one has started.
    List(Option<usize>),
}

/// The byte offset of serde_json's `line` (1-based) and `column` (bytes read on that line).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (start + column).min(text.len())
}

/// A value starts here: in a list, the next item.
fn value_starts(stack: &mut [Frame]) {
    if let Some(Frame::List(index)) = stack.last_mut() {
        *index = Some(index.map_or(0, |i| i + 1));
    }
}

/// The string starting at `bytes[at]` (a `"`), unescaped simply, and where it ends.
fn string_at(bytes: &[u8], at: usize) -> (String, usize) {
    let mut out = Vec::new();
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return (String::from_utf8_lossy(&out).into_owned(), i + 1),
            b'\\' if i + 1 < bytes.len() => {
                out.push(bytes[i + 1]);
                i += 2;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), i)
}

/// The path of what was being read at serde_json's `line` and `column` in `text`: keys
/// joined by `.`, list items as `[i]`; empty at the top level. After a value has ended,
/// it is still that value's place (errors about a whole value are reported just after it).
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let bytes = &text.as_bytes()[..offset_of(text, line, column)];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                value_starts(&mut stack);
                stack.push(Frame::Object(None));
                i += 1;
            }
            b'[' => {
                value_starts(&mut stack);
                stack.push(Frame::List(None));
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(Frame::Object(key)) = stack.last_mut() {
                    *key = None;
                }
                i += 1;
            }
            b'"' => {
                let (s, end) = string_at(bytes, i);
                match stack.last_mut() {
                    Some(Frame::Object(key @ None)) => *key = Some(s),
                    _ => value_starts(&mut stack),
                }
                i = end;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => i += 1,
            _ => {
                // A number or a literal: its first byte starts it, the rest is skipped.
                value_starts(&mut stack);
                i += 1;
                while i < bytes.len() && !b"{}[],:\" \t\n\r".contains(&bytes[i]) {
                    i += 1;
                }
            }
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::List(Some(index)) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            Frame::Object(None) | Frame::List(None) => {}
        }
    }
    path
}

/// A value a file may give as a plain string or as an object (a narration line, a
/// lesson option), read in place: errors inside the object keep their own place, and
/// anything else (a number, a list, null) is refused with `wrong`, the form's description.
pub enum TextOr<T> {
    Text(String),
    Object(T),
}

/// Reads a [`TextOr`] from `d`.
pub fn text_or_object<'de, D, T>(d: D, wrong: &'static str) -> Result<TextOr<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::de::{self, Error, MapAccess, SeqAccess, Visitor};
    use std::marker::PhantomData;

    struct Read<T>(&'static str, PhantomData<T>);
    impl<T> Read<T> {
        fn refuse<E: Error>(self) -> Result<TextOr<T>, E> {
            Err(E::custom(self.0))
        }
    }
    impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for Read<T> {
        type Value = TextOr<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.0)
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(TextOr::Text(s.to_owned()))
        }
        fn visit_string<E: Error>(self, s: String) -> Result<Self::Value, E> {
            Ok(TextOr::Text(s))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map)).map(TextOr::Object)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            self.refuse()
        }
        fn visit_bool<E: Error>(self, _: bool) -> Result<Self::Value, E> {
            self.refuse()
        }
        fn visit_i64<E: Error>(self, _: i64) -> Result<Self::Value, E> {
            self.refuse()
        }
        fn visit_u64<E: Error>(self, _: u64) -> Result<Self::Value, E> {
            self.refuse()
        }
        fn visit_f64<E: Error>(self, _: f64) -> Result<Self::Value, E> {
            self.refuse()
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            self.refuse()
        }
    }
    d.deserialize_any(Read(wrong, PhantomData))
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// The path at the end of `text` (line 1, column = its length).
    fn at_end(text: &str) -> String {
        path_at(text, 1, text.len())
    }

    #[test]
    fn keys_and_items_make_the_path() {
        assert_eq!(at_end(r#"{"config": {"lease_ms": "#), "config.lease_ms");
        assert_eq!(at_end(r#"{"config": {"lease_ms": 5"#), "config.lease_ms");
        assert_eq!(
            at_end(r#"{"faults": [{"at_ms": 1}, {"pause": {"node": 9"#),
            "faults[1].pause.node"
        );
        assert_eq!(at_end(r#"{"a": [1, [2, 3], "x""#), "a[2]");
        assert_eq!(at_end(r#"{"a": [1, [2, 3"#), "a[1][1]");
    }

    #[test]
    fn after_a_value_ends_its_place_stays_until_the_next_key() {
        assert_eq!(at_end(r#"{"config": {"nodes": 3}"#), "config");
        assert_eq!(at_end(r#"{"config": {"nodes": 3},"#), "");
        assert_eq!(at_end(r#"{"faults": [{"at_ms": 1}"#), "faults[0]");
        assert_eq!(at_end(r#"{"colour""#), "colour");
        assert_eq!(at_end(r#"{"#), "");
        assert_eq!(at_end(""), "");
    }

    #[test]
    fn strings_with_brackets_commas_and_escapes_are_one_value() {
        assert_eq!(at_end(r#"{"t": "a, [b] {c}: \"d\"", "u": "#), "u");
        assert_eq!(at_end(r#"{"a\"b": 1"#), "a\"b");
        assert_eq!(at_end(r#"{"l": ["x,y", "]"#), "l[1]");
    }

    #[test]
    fn lines_and_columns_are_serde_jsons() {
        let text = "{\n  \"config\": {\n    \"nodes\": \"five\"\n  }\n}";
        let e = serde_json::from_str::<serde_json::Value>(&text.replace('}', "")).unwrap_err();
        assert_eq!(
            path_at(&text.replace('}', ""), e.line(), e.column()),
            "config.nodes"
        );
        assert_eq!(path_at(text, 3, 4), "config");
        assert_eq!(path_at(text, 3, 12), "config.nodes");
        assert_eq!(path_at(text, 99, 0), "");
    }
}
