//! Reading what a person, a link or the browser gives the lab (scenario files, and the
//! scenarios, faults and settings inside links and trace headers; stored progress) from
//! JSON already parsed into a `serde_json::Value`, one type at a time, by hand.
//!
//! Why not serde's derived `Deserialize`: each derived type brings its own visitor, field
//! matcher and a copy of serde_json's reading code for every field's type (68 kB of the
//! page's raw wasm for these types, BENCHMARKS.md, Size gate). Here serde_json parses the
//! text once (`parse`, the page's one JSON parser), and each type reads its part of the
//! `Value` with a few plain calls. The place of a problem comes for free: every read knows where it is
//! (`faults[2].pause.node`), and the path is written only when a problem is found.
//!
//! The messages keep serde's wording, so a file's problems read as they always have:
//! ``unknown field `colour`, expected one of …``, ``missing field `until_ms` ``,
//! ``invalid type: string "x", expected u64``, ``invalid value: integer `-5`, expected
//! u64``. The types that read themselves here also implement `Deserialize` through this
//! code (`deserialize_by_read!`), so there is one reader, whichever way it is reached.

use serde_json::{Map, Value};
use std::fmt;

/// A problem with a scenario (or a link, a trace's header, stored progress): where it
/// is (a JSON path) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "." {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

/// A problem, with its place.
pub type Res<T> = Result<T, ScenarioError>;

/// Where a value is in the document: a chain of steps up to the top, turned into a path
/// (`faults[2].pause.node`) only when a problem is reported.
#[derive(Clone, Copy)]
pub struct Place<'a> {
    up: Option<&'a Place<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Top,
    Key(&'a str),
    Item(usize),
}

impl<'a> Place<'a> {
    /// The top of the document.
    pub const TOP: Place<'static> = Place {
        up: None,
        step: Step::Top,
    };

    /// The value under `key` of the object here.
    pub fn key(&'a self, key: &'a str) -> Place<'a> {
        Place {
            up: Some(self),
            step: Step::Key(key),
        }
    }

    /// Item `i` of the list here.
    pub fn item(&'a self, i: usize) -> Place<'a> {
        Place {
            up: Some(self),
            step: Step::Item(i),
        }
    }

    /// The path: keys joined by `.`, items as `[i]`; empty at the top.
    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            steps.push(p.step);
            at = p.up;
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Top => {}
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Item(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// The problem `message`, here.
    #[cold]
    #[inline(never)]
    pub fn error(&self, message: impl Into<String>) -> ScenarioError {
        ScenarioError {
            path: self.path(),
            message: message.into(),
        }
    }

    /// serde's "invalid type: …, expected …" for the value `v` found here.
    #[cold]
    #[inline(never)]
    pub fn wrong_type(&self, v: &Value, expected: &str) -> ScenarioError {
        self.error(format!(
            "invalid type: {}, expected {expected}",
            unexpected(v)
        ))
    }
}

/// A value in serde's words for what was found instead: `string "moon"`, ``integer `-5` ``.
pub fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        // As JSON writes it: quoted, and escaped where it must be.
        Value::String(_) => format!("string {}", crate::json_out::json_text(v)),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// Something that reads itself from a JSON value.
pub trait Read: Sized {
    fn read(v: &Value, at: &Place) -> Res<Self>;
}

/// A whole number from 0 to `max`, named `what` (`u64`, `u8`, …) in a message.
fn unsigned(v: &Value, at: &Place, max: u64, what: &str) -> Res<u64> {
    match v {
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) if u <= max => Ok(u),
            (Some(_), _) | (None, Some(_)) => {
                Err(at.error(format!("invalid value: {}, expected {what}", unexpected(v))))
            }
            (None, None) => Err(at.wrong_type(v, what)),
        },
        _ => Err(at.wrong_type(v, what)),
    }
}

impl Read for u64 {
    fn read(v: &Value, at: &Place) -> Res<u64> {
        unsigned(v, at, u64::MAX, "u64")
    }
}

impl Read for u32 {
    fn read(v: &Value, at: &Place) -> Res<u32> {
        unsigned(v, at, u32::MAX.into(), "u32").map(|n| n as u32)
    }
}

impl Read for u8 {
    fn read(v: &Value, at: &Place) -> Res<u8> {
        unsigned(v, at, u8::MAX.into(), "u8").map(|n| n as u8)
    }
}

impl Read for usize {
    fn read(v: &Value, at: &Place) -> Res<usize> {
        unsigned(v, at, usize::MAX as u64, "usize").map(|n| n as usize)
    }
}

impl Read for i64 {
    fn read(v: &Value, at: &Place) -> Res<i64> {
        match v {
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Ok(i),
                (None, Some(_)) => {
                    Err(at.error(format!("invalid value: {}, expected i64", unexpected(v))))
                }
                (None, None) => Err(at.wrong_type(v, "i64")),
            },
            _ => Err(at.wrong_type(v, "i64")),
        }
    }
}

impl Read for bool {
    fn read(v: &Value, at: &Place) -> Res<bool> {
        v.as_bool().ok_or_else(|| at.wrong_type(v, "a boolean"))
    }
}

impl Read for String {
    fn read(v: &Value, at: &Place) -> Res<String> {
        match v {
            Value::String(s) => Ok(s.clone()),
            _ => Err(at.wrong_type(v, "a string")),
        }
    }
}

/// `null` is none, as serde reads an `Option`.
impl<T: Read> Read for Option<T> {
    fn read(v: &Value, at: &Place) -> Res<Option<T>> {
        match v {
            Value::Null => Ok(None),
            _ => T::read(v, at).map(Some),
        }
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(v: &Value, at: &Place) -> Res<Vec<T>> {
        let Value::Array(items) = v else {
            return Err(at.wrong_type(v, "a sequence"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::read(item, &at.item(i))?);
        }
        Ok(out)
    }
}

/// A pair such as `latency_ms`: `[low, high]`.
impl Read for [u64; 2] {
    fn read(v: &Value, at: &Place) -> Res<[u64; 2]> {
        let Value::Array(items) = v else {
            return Err(at.wrong_type(v, "an array of length 2"));
        };
        match items.as_slice() {
            [a, b] => Ok([u64::read(a, &at.item(0))?, u64::read(b, &at.item(1))?]),
            [_, _, ..] => Err(at
                .item(2)
                .error("this list has too many items: it is a pair, [low, high]")),
            _ => Err(at.error(format!(
                "invalid length {}, expected an array of length 2",
                items.len()
            ))),
        }
    }
}

/// Any JSON object, kept as it is (a pattern over events).
impl Read for Map<String, Value> {
    fn read(v: &Value, at: &Place) -> Res<Map<String, Value>> {
        match v {
            Value::Object(m) => Ok(m.clone()),
            _ => Err(at.wrong_type(v, "a map")),
        }
    }
}

/// An object's key, read as a map's key.
pub trait ReadKey: Sized {
    fn read_key(key: &str, at: &Place) -> Res<Self>;
}

impl ReadKey for String {
    fn read_key(key: &str, _: &Place) -> Res<String> {
        Ok(key.to_string())
    }
}

/// A number written as a key, `"2"`, as serde_json writes one.
impl ReadKey for usize {
    fn read_key(key: &str, at: &Place) -> Res<usize> {
        key.parse().map_err(|_| {
            at.error(format!(
                "invalid type: string {}, expected usize",
                crate::json_out::json_text(key)
            ))
        })
    }
}

/// An object read as a map, its keys in order.
impl<K: ReadKey + Ord, V: Read> Read for crate::small_map::SmallMap<K, V> {
    fn read(v: &Value, at: &Place) -> Res<Self> {
        let Value::Object(map) = v else {
            return Err(at.wrong_type(v, "a map"));
        };
        let mut out = Self::new();
        for (k, item) in map {
            let here = at.key(k);
            out.insert(K::read_key(k, &here)?, V::read(item, &here)?);
        }
        Ok(out)
    }
}

/// serde's "unknown field" message: the key, and the keys there are.
pub fn unknown_field(key: &str, expected: &[&str]) -> String {
    let list = |keys: &[&str]| {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match expected {
        [] => format!("unknown field `{key}`, there are no fields"),
        [one] => format!("unknown field `{key}`, expected `{one}`"),
        [a, b] => format!("unknown field `{key}`, expected `{a}` or `{b}`"),
        _ => format!("unknown field `{key}`, expected one of {}", list(expected)),
    }
}

/// An object being read: its keys checked against the type's fields first, so a key no
/// field has is named (at the key) before anything else is read.
pub struct Obj<'v, 'p> {
    map: &'v Map<String, Value>,
    at: &'p Place<'p>,
}

impl<'v, 'p> Obj<'v, 'p> {
    /// `v` as an object with only these `fields`; `expected` says what should be here
    /// when `v` is not an object at all.
    pub fn new(v: &'v Value, at: &'p Place<'p>, fields: &[&str], expected: &str) -> Res<Self> {
        let Value::Object(map) = v else {
            return Err(at.wrong_type(v, expected));
        };
        if let Some(k) = map.keys().find(|k| !fields.contains(&k.as_str())) {
            return Err(at.key(k).error(unknown_field(k, fields)));
        }
        Ok(Obj { map, at })
    }

    /// The value under `key`, if given. Not inlined: each field of each type looks its
    /// key up, and one copy of the search serves them all.
    #[inline(never)]
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key)
    }

    #[cold]
    #[inline(never)]
    fn missing(&self, key: &str) -> ScenarioError {
        self.at.error(format!("missing field `{key}`"))
    }

    /// A field that must be given.
    pub fn req<T: Read>(&self, key: &str) -> Res<T> {
        match self.get(key) {
            Some(v) => T::read(v, &self.at.key(key)),
            None => Err(self.missing(key)),
        }
    }

    /// A field that may be left out (or `null`).
    pub fn opt<T: Read>(&self, key: &str) -> Res<Option<T>> {
        match self.get(key) {
            Some(v) => Option::<T>::read(v, &self.at.key(key)),
            None => Ok(None),
        }
    }

    /// A field that takes `default` when left out.
    pub fn or<T: Read>(&self, key: &str, default: T) -> Res<T> {
        match self.get(key) {
            Some(v) => T::read(v, &self.at.key(key)),
            None => Ok(default),
        }
    }

    /// A field that takes its type's default when left out.
    pub fn or_default<T: Read + Default>(&self, key: &str) -> Res<T> {
        self.or(key, T::default())
    }
}

/// Reads a struct whose fields are all read the same way: by `req`, `opt` or
/// `or_default` (see `Obj`).
#[macro_export]
macro_rules! read_struct {
    ($t:ident, $expected:expr, { $($f:ident: $how:ident),* $(,)? }) => {
        impl $crate::read::Read for $t {
            #[allow(unused_variables)] // a struct with no fields reads none
            fn read(v: &serde_json::Value, at: &$crate::read::Place) -> $crate::read::Res<$t> {
                let o = $crate::read::Obj::new(v, at, &[$(stringify!($f)),*], $expected)?;
                Ok($t { $($f: o.$how(stringify!($f))?,)* })
            }
        }
    };
}

/// `Deserialize` for types that read themselves here: serde_json parses the value, and
/// `Read` reads it, so a type has one reader, whichever way it is reached. A problem
/// comes out as one message with its place inside the value (`pause.node: …`).
#[macro_export]
macro_rules! deserialize_by_read {
    ($($t:ty),* $(,)?) => {
        $(
            impl<'de> serde::Deserialize<'de> for $t {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                    <$t as $crate::read::Read>::read(&v, &$crate::read::Place::TOP)
                        .map_err(<D::Error as serde::de::Error>::custom)
                }
            }
        )*
    };
}

/// JSON parsed as serde_json's `Value` is, except that an object giving a key twice is
/// refused (`Value` would keep the last, and a file's author would never learn that the
/// first was ignored).
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(i.into()))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(u.into()))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(v) = map.next_value()?;
            // One search for the key, not two: events' lines are parsed here as a run
            // plays (patterns are matched against them).
            match out.entry(key) {
                serde_json::map::Entry::Vacant(e) => {
                    e.insert(v);
                }
                serde_json::map::Entry::Occupied(e) => {
                    return Err(serde::de::Error::custom(format!(
                        "duplicate field `{}`: given twice in one object, the second time",
                        e.key()
                    )));
                }
            }
        }
        Ok(Value::Object(out))
    }
}

/// Parses `text` as JSON, refusing a key given twice in one object. The page parses all
/// its JSON here, so serde_json's reading code is in it once, for this one visitor.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text).map(|Strict(v)| v)
}

/// Parses `text` as JSON and reads a `T` from it; a text that is not JSON is named so,
/// and so is a key given twice in one object.
pub fn from_text<T: Read>(text: &str) -> Res<T> {
    let v = parse(text).map_err(|e| {
        Place::TOP.error(if e.is_data() {
            e.to_string()
        } else {
            format!("not valid JSON: {e}")
        })
    })?;
    T::read(&v, &Place::TOP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err<T: Read + std::fmt::Debug>(v: Value) -> String {
        T::read(&v, &Place::TOP.key("x").item(3).key("y"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn numbers_are_refused_in_serde_s_words_with_their_place() {
        assert_eq!(u64::read(&json!(7), &Place::TOP), Ok(7));
        assert_eq!(
            err::<u64>(json!(-5)),
            "x[3].y: invalid value: integer `-5`, expected u64"
        );
        assert_eq!(
            err::<u64>(json!(1.5)),
            "x[3].y: invalid type: floating point `1.5`, expected u64"
        );
        assert_eq!(
            err::<u64>(json!("moon")),
            "x[3].y: invalid type: string \"moon\", expected u64"
        );
        assert_eq!(
            err::<u8>(json!(300)),
            "x[3].y: invalid value: integer `300`, expected u8"
        );
        assert_eq!(i64::read(&json!(-300000), &Place::TOP), Ok(-300000));
        assert_eq!(
            err::<i64>(json!(u64::MAX)),
            "x[3].y: invalid value: integer `18446744073709551615`, expected i64"
        );
        assert_eq!(
            err::<bool>(json!("yes")),
            "x[3].y: invalid type: string \"yes\", expected a boolean"
        );
        assert_eq!(
            err::<String>(json!(null)),
            "x[3].y: invalid type: null, expected a string"
        );
    }

    #[test]
    fn a_pair_names_a_missing_or_an_extra_item() {
        assert_eq!(<[u64; 2]>::read(&json!([1, 2]), &Place::TOP), Ok([1, 2]));
        assert_eq!(
            err::<[u64; 2]>(json!([1])),
            "x[3].y: invalid length 1, expected an array of length 2"
        );
        assert!(err::<[u64; 2]>(json!([1, 2, 3]))
            .starts_with("x[3].y[2]: this list has too many items"));
        assert_eq!(
            err::<[u64; 2]>(json!([1, "b"])),
            "x[3].y[1]: invalid type: string \"b\", expected u64"
        );
    }

    #[test]
    fn lists_and_options_read_their_items_in_place() {
        assert_eq!(Vec::<u8>::read(&json!([1, 2]), &Place::TOP), Ok(vec![1, 2]));
        assert_eq!(
            err::<Vec<u8>>(json!([1, true])),
            "x[3].y[1]: invalid type: boolean `true`, expected u8"
        );
        assert_eq!(
            err::<Vec<u8>>(json!({})),
            "x[3].y: invalid type: map, expected a sequence"
        );
        assert_eq!(Option::<u8>::read(&json!(null), &Place::TOP), Ok(None));
        assert_eq!(Option::<u8>::read(&json!(4), &Place::TOP), Ok(Some(4)));
    }

    #[derive(Debug, PartialEq)]
    struct Two {
        a: u64,
        b: Option<u64>,
        c: Vec<u8>,
    }
    read_struct!(Two, "an object with a", { a: req, b: opt, c: or_default });

    #[test]
    fn an_object_names_an_unknown_key_at_the_key_and_a_missing_one_at_the_object() {
        let at = Place::TOP;
        assert_eq!(
            Two::read(&json!({"a": 1}), &at),
            Ok(Two {
                a: 1,
                b: None,
                c: vec![]
            })
        );
        assert_eq!(
            Two::read(&json!({"a": 1, "b": null, "c": [2]}), &at),
            Ok(Two {
                a: 1,
                b: None,
                c: vec![2]
            })
        );
        assert_eq!(
            err::<Two>(json!({"a": 1, "colour": 2})),
            "x[3].y.colour: unknown field `colour`, expected one of `a`, `b`, `c`"
        );
        assert_eq!(err::<Two>(json!({"b": 1})), "x[3].y: missing field `a`");
        assert_eq!(
            err::<Two>(json!([1])),
            "x[3].y: invalid type: sequence, expected an object with a"
        );
        assert_eq!(
            unknown_field("k", &[]),
            "unknown field `k`, there are no fields"
        );
        assert_eq!(
            unknown_field("k", &["a", "b"]),
            "unknown field `k`, expected `a` or `b`"
        );
    }

    #[test]
    fn text_that_is_not_json_is_named_so() {
        let e = from_text::<u64>("[1,").unwrap_err();
        assert_eq!(e.path, "");
        assert!(e.message.starts_with("not valid JSON: EOF"), "{e}");
        assert_eq!(from_text::<u64>(" 12 "), Ok(12));
    }

    #[test]
    fn a_key_given_twice_is_refused_where_json_alone_would_keep_the_last() {
        let text = r#"{"a": 1, "c": [{"k": 1, "k": 2}]}"#;
        assert!(serde_json::from_str::<Value>(text).is_ok());
        let e = from_text::<Two>(text).unwrap_err();
        assert!(e.message.starts_with("duplicate field `k`"), "{e}");
        assert!(
            e.message
                .contains("given twice in one object, the second time at line 1 column"),
            "{e}"
        );
        let e = from_text::<Two>(r#"{"a": 1, "a": 1}"#).unwrap_err();
        assert!(e.message.starts_with("duplicate field `a`"), "{e}");
        // Every kind of value reads as serde_json reads it.
        let all = r#"{"n": null, "t": true, "i": -3, "u": 18446744073709551615, "f": 2.5, "s": "x\n", "l": [[], {}]}"#;
        let Strict(v) = serde_json::from_str(all).unwrap();
        assert_eq!(v, serde_json::from_str::<Value>(all).unwrap());
    }
}
