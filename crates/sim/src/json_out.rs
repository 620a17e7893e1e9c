//! JSON as Fencing Lab writes it: compact text (`json_text`) or straight into a trace's
//! hash (`TraceHash`), byte for byte what `serde_json::to_string` writes. Everything the
//! page writes as JSON (events, scenarios, links, trace headers, the progress kept in the
//! browser, words quoting a value) goes through here, so the page carries one writer.
//!
//! The writer is a serde `Serializer` of our own (`Out`), not serde_json's: serde_json's
//! is generic over its writer and formatter, and its per-field steps (the comma, the
//! escaped key, the colon) were copied into the serialising code of every field of every
//! type; here they are one call each, to code that is in the page once
//! (BENCHMARKS.md, Size gate). Tests hold it to serde_json's output.

use serde::{ser, Deserialize, Serialize};
use std::fmt;

/// Compact JSON text of `value`, byte for byte what `serde_json::to_string` writes.
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Out(Sink::Line(Vec::new()));
    // Only a map whose keys are neither strings nor numbers fails, and none of ours has one.
    if value.serialize(&mut out).is_err() {
        return String::new();
    }
    match out.0 {
        Sink::Line(bytes) => String::from_utf8(bytes).unwrap_or_default(),
        Sink::Hash(_) => String::new(),
    }
}

/// Adds `value`'s compact JSON text to `hash`, without making the text.
pub(crate) fn hash_json<T: Serialize + ?Sized>(hash: &mut TraceHash, value: &T) {
    let mut out = Out(Sink::Hash(*hash));
    // As above: none of ours fails.
    let _ = value.serialize(&mut out);
    if let Sink::Hash(h) = out.0 {
        *hash = h;
    }
}

/// Where JSON goes: into a text, or straight into a hash.
enum Sink {
    Line(Vec<u8>),
    Hash(TraceHash),
}

impl Sink {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        match self {
            Sink::Line(line) => line.extend_from_slice(bytes),
            Sink::Hash(hash) => hash.update(bytes),
        }
    }
}

/// The serialiser: compact JSON, as serde_json's `CompactFormatter` writes it.
struct Out(Sink);

/// What a value JSON cannot hold gives: a map key that is neither a string nor a number,
/// or a failure serde's derived code reports (`custom`). None of ours does.
#[derive(Debug)]
pub struct NotJson;

impl fmt::Display for NotJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a value JSON can hold")
    }
}
impl std::error::Error for NotJson {}
impl ser::Error for NotJson {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotJson
    }
}

type R = Result<(), NotJson>;

impl Out {
    fn put(&mut self, bytes: &[u8]) {
        self.0.put(bytes)
    }
    /// `s` quoted, with serde_json's escapes: `\"`, `\\`, the short ones for
    /// backspace, tab, newline, form feed and return, `\u00xx` for the other control
    /// characters; everything else as it is.
    #[inline(never)]
    fn string(&mut self, s: &str) {
        self.put(b"\"");
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let short = ESCAPE[b as usize];
            if short == 0 {
                continue;
            }
            self.put(&bytes[start..i]);
            start = i + 1;
            if short == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.put(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(b >> 4) as usize],
                    HEX[(b & 15) as usize],
                ]);
            } else {
                self.put(&[b'\\', short]);
            }
        }
        self.put(&bytes[start..]);
        self.put(b"\"");
    }
    /// A whole number's digits. In `u64`: a `u128` division is a call for every digit.
    #[inline(never)]
    fn unsigned(&mut self, mut v: u64) {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.put(&buf[i..]);
    }
    fn signed(&mut self, v: i64) {
        if v < 0 {
            self.put(b"-");
        }
        self.unsigned(v.unsigned_abs());
    }
    /// The 128-bit numbers, which none of ours is: above `u64::MAX`, the digits above
    /// the last 19, then those 19 with their zeros.
    fn unsigned_wide(&mut self, v: u128) {
        const TEN_19: u128 = 10_000_000_000_000_000_000;
        match u64::try_from(v) {
            Ok(small) => self.unsigned(small),
            Err(_) => {
                self.unsigned_wide(v / TEN_19);
                let low = (v % TEN_19) as u64;
                let digits = low.checked_ilog10().map_or(1, |d| d + 1) as usize;
                self.put(&b"0000000000000000000"[digits..]);
                self.unsigned(low);
            }
        }
    }
    fn signed_wide(&mut self, v: i128) {
        if v < 0 {
            self.put(b"-");
        }
        self.unsigned_wide(v.unsigned_abs());
    }
    /// `{"name":` — the opening of an enum variant that carries a value.
    #[inline(never)]
    fn variant_open(&mut self, name: &str) {
        self.put(b"{");
        self.string(name);
        self.put(b":");
    }
}

/// For each byte, how serde_json escapes it: 0 for not at all, `u` for `\u00xx`, else the
/// letter after the backslash. One look-up a byte, as serde_json escapes.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x0c] = b'f';
    t[b'\n' as usize] = b'n';
    t[b'\r' as usize] = b'r';
    t[b'\t' as usize] = b't';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// A whole number of any of Rust's widths, written as its digits.
trait Whole: Copy {
    fn write(self, out: &mut Out);
}

macro_rules! whole {
    ($($t:ty => $how:ident as $wide:ty),*) => {$(
        impl Whole for $t {
            #[allow(clippy::useless_conversion)]
            fn write(self, out: &mut Out) {
                out.$how(<$wide>::from(self))
            }
        }
    )*};
}

whole!(
    i8 => signed as i64, i16 => signed as i64, i32 => signed as i64, i64 => signed as i64,
    u8 => unsigned as u64, u16 => unsigned as u64, u32 => unsigned as u64, u64 => unsigned as u64,
    i128 => signed_wide as i128, u128 => unsigned_wide as u128
);

impl Out {
    fn put_number(&mut self, v: impl Whole) {
        v.write(self)
    }
}

/// A serialiser's ten methods for whole numbers, each `$write(self, v)`.
macro_rules! integers {
    (|$this:ident, $v:ident| $write:expr) => {
        integers!(@ $this $v $write; serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
            serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
            serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);
    };
    (@ $this:ident $v:ident $write:expr; $($method:ident: $t:ty),*) => {$(
        fn $method(self, $v: $t) -> R {
            let $this = self;
            $write;
            Ok(())
        }
    )*};
}

/// A list or an object being written: whether an item has been written yet.
struct Items<'a> {
    out: &'a mut Out,
    first: bool,
    /// Closing a variant's value (`[…]}` or `{…}}`) also closes the variant's object.
    variant: bool,
}

impl Items<'_> {
    /// The comma before every item but the first.
    #[inline(never)]
    fn next(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.out.put(b",");
        }
    }
    /// The comma, the quoted key and the colon of an object's entry.
    #[inline(never)]
    fn key(&mut self, key: &str) {
        self.next();
        self.out.string(key);
        self.out.put(b":");
    }
    #[inline(never)]
    fn close(self, end: &'static [u8]) -> R {
        self.out.put(end);
        if self.variant {
            self.out.put(b"}");
        }
        Ok(())
    }
}

impl<'a> Out {
    fn open(&'a mut self, start: &'static [u8], variant: Option<&str>) -> Items<'a> {
        if let Some(name) = variant {
            self.variant_open(name);
        }
        self.put(start);
        Items {
            out: self,
            first: true,
            variant: variant.is_some(),
        }
    }
}

impl<'a> ser::Serializer for &'a mut Out {
    type Ok = ();
    type Error = NotJson;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Items<'a>;
    type SerializeStruct = Items<'a>;
    type SerializeStructVariant = Items<'a>;

    fn serialize_bool(self, v: bool) -> R {
        self.put(if v { b"true" } else { b"false" });
        Ok(())
    }
    integers!(|out, v| out.put_number(v));
    /// As serde_json writes it (its shortest form as an `f32`, `null` when not finite).
    fn serialize_f32(self, v: f32) -> R {
        self.put(
            serde_json::to_string(&v)
                .as_deref()
                .unwrap_or("null")
                .as_bytes(),
        );
        Ok(())
    }
    /// As serde_json: a number that is not finite is `null`; a finite one as its
    /// `Number` shows it.
    fn serialize_f64(self, v: f64) -> R {
        match serde_json::Number::from_f64(v) {
            Some(n) => self.put(n.to_string().as_bytes()),
            None => self.put(b"null"),
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        use ser::SerializeSeq;
        let mut items = self.open(b"[", None);
        for b in v {
            items.serialize_element(b)?;
        }
        items.close(b"]")
    }
    fn serialize_none(self) -> R {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.put(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        self.variant_open(variant);
        value.serialize(&mut *self)?;
        self.put(b"}");
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, NotJson> {
        Ok(self.open(b"[", None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Items<'a>, NotJson> {
        Ok(self.open(b"[", None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, NotJson> {
        Ok(self.open(b"[", None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'a>, NotJson> {
        Ok(self.open(b"[", Some(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Items<'a>, NotJson> {
        Ok(self.open(b"{", None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, NotJson> {
        Ok(self.open(b"{", None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'a>, NotJson> {
        Ok(self.open(b"{", Some(variant)))
    }
}

/// The four shapes serde writes as a list (a sequence, a tuple, a tuple struct, a tuple
/// variant's fields): each item after a comma, `]` at the end.
macro_rules! written_as_a_list {
    ($($shape:ident::$item:ident),*) => {$(
        impl ser::$shape for Items<'_> {
            type Ok = ();
            type Error = NotJson;
            fn $item<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
                self.next();
                value.serialize(&mut *self.out)
            }
            fn end(self) -> R {
                self.close(b"]")
            }
        }
    )*};
}

written_as_a_list!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Items<'_> {
    type Ok = ();
    type Error = NotJson;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        self.next();
        key.serialize(Key(&mut *self.out))?;
        self.out.put(b":");
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut *self.out)
    }
    fn end(self) -> R {
        self.close(b"}")
    }
}

/// The two shapes serde writes as an object of named fields (a struct, a struct
/// variant's fields): each field's key and value, `}` at the end.
macro_rules! written_as_an_object {
    ($($shape:ident),*) => {$(
        impl ser::$shape for Items<'_> {
            type Ok = ();
            type Error = NotJson;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> R {
                self.key(key);
                value.serialize(&mut *self.out)
            }
            fn end(self) -> R {
                self.close(b"}")
            }
        }
    )*};
}

written_as_an_object!(SerializeStruct, SerializeStructVariant);

/// A map's key, as serde_json writes one: a string as itself, a number or a `bool` in
/// quotes, a unit variant by its name; anything else is not JSON.
struct Key<'a>(&'a mut Out);

impl Key<'_> {
    fn quoted(self, digits: impl FnOnce(&mut Out)) {
        self.0.put(b"\"");
        digits(&mut *self.0);
        self.0.put(b"\"");
    }
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = NotJson;
    type SerializeSeq = ser::Impossible<(), NotJson>;
    type SerializeTuple = ser::Impossible<(), NotJson>;
    type SerializeTupleStruct = ser::Impossible<(), NotJson>;
    type SerializeTupleVariant = ser::Impossible<(), NotJson>;
    type SerializeMap = ser::Impossible<(), NotJson>;
    type SerializeStruct = ser::Impossible<(), NotJson>;
    type SerializeStructVariant = ser::Impossible<(), NotJson>;

    fn serialize_str(self, v: &str) -> R {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> R {
        self.quoted(|o| o.put(if v { b"true" } else { b"false" }));
        Ok(())
    }
    integers!(|key, v| key.quoted(|out| out.put_number(v)));
    fn serialize_f32(self, _: f32) -> R {
        Err(NotJson)
    }
    fn serialize_f64(self, _: f64) -> R {
        Err(NotJson)
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(NotJson)
    }
    fn serialize_none(self) -> R {
        Err(NotJson)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> R {
        Err(NotJson)
    }
    fn serialize_unit(self) -> R {
        Err(NotJson)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Err(NotJson)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> R {
        Err(NotJson)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotJson> {
        Err(NotJson)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotJson> {
        Err(NotJson)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotJson> {
        Err(NotJson)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotJson> {
        Err(NotJson)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotJson> {
        Err(NotJson)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotJson> {
        Err(NotJson)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotJson> {
        Err(NotJson)
    }
}

/// FNV-1a, 64 bit: small, stable across platforms and versions, ours. A trace's hash is
/// this over its JSON lines (`trace::TraceHash::add_event`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceHash(u64);

impl TraceHash {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub fn new() -> Self {
        TraceHash(Self::OFFSET)
    }
    pub fn update(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
    /// Adds one JSON line (the newline included, as in a `.jsonl` file).
    pub fn add_line(&mut self, line: &str) {
        self.update(line.as_bytes());
        self.update(b"\n");
    }
    pub fn value(&self) -> u64 {
        self.0
    }
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Default for TraceHash {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `json_text` and serde_json's `to_string`, which it stands in for, agree.
    fn same<T: Serialize + ?Sized>(value: &T) {
        assert_eq!(json_text(value), serde_json::to_string(value).unwrap());
    }

    #[test]
    fn json_text_writes_what_serde_json_writes() {
        let v = json!({"b": [1, 2.5, "x\"y\n"], "a": {"z": null, "é": true}, "n": -3});
        same(&v);
        assert_eq!(json_text("tab\there"), "\"tab\\there\"");
        assert_eq!(json_text(&[7u64; 2]), "[7,7]");
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        same(&every_ascii);
        assert_eq!(json_text("\u{1}\u{1f}\u{7f}"), "\"\\u0001\\u001f\u{7f}\"");
        for s in [
            "",
            "\"",
            "\\",
            "a\u{8}b\u{c}c\rd",
            "é ✕ 𝄞 ←",
            "\u{2028}\u{2029}",
            "x\u{0}",
        ] {
            same(s);
            same(&s.chars().next().unwrap_or(' '));
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        same(&[u64::MAX, 0, 1, 10, 1234567890]);
        same(&[i64::MIN, i64::MAX, -1, 0]);
        let ten_19 = 10_000_000_000_000_000_000u128;
        same(&[ten_19, ten_19 + 5, ten_19 * ten_19, u64::MAX as u128 + 1, 0]);
        same(&(
            u128::MAX,
            i128::MIN,
            7u8,
            -7i8,
            300u16,
            -300i16,
            u32::MAX,
            i32::MIN,
        ));
        same(&[
            0.0,
            -0.0,
            1.0,
            0.1,
            2.5e-8,
            1e300,
            -1.5,
            f64::MAX,
            f64::MIN_POSITIVE,
        ]);
        same(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        same(&[1.5f32, 0.1f32]);
        same(&(true, false, (), None::<u8>, Some(3u8), 'c'));
    }

    #[test]
    fn maps_keys_variants_and_flattening_are_written_as_serde_json_writes_them() {
        use std::collections::BTreeMap;
        #[derive(Serialize)]
        #[serde(rename_all = "snake_case")]
        enum Outer {
            Unit,
            Newtype(u8),
            Tuple(u8, String),
            Struct { a: u8, b: Vec<u8> },
            Empty {},
        }
        #[derive(Serialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        enum Tagged {
            One { x: u8 },
            Two,
        }
        #[derive(Serialize)]
        struct Inner {
            y: u8,
        }
        #[derive(Serialize)]
        struct Flat {
            x: u8,
            #[serde(flatten)]
            inner: Inner,
            #[serde(skip_serializing_if = "Option::is_none")]
            gone: Option<u8>,
            tagged: Vec<Tagged>,
        }
        #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
        struct Wrapped(u64);
        #[derive(Serialize)]
        struct Pair(u8, u8);
        #[derive(Serialize)]
        struct Unit;
        same(&[Outer::Unit, Outer::Newtype(4), Outer::Tuple(1, "t".into())]);
        same(&[Outer::Struct { a: 1, b: vec![] }, Outer::Empty {}]);
        same(&Flat {
            x: 1,
            inner: Inner { y: 2 },
            gone: None,
            tagged: vec![Tagged::One { x: 3 }, Tagged::Two],
        });
        same(&(
            Wrapped(9),
            Pair(1, 2),
            Unit,
            Vec::<u8>::new(),
            BTreeMap::<u8, u8>::new(),
        ));
        same(&BTreeMap::from([(1u64, "a"), (20, "b")]));
        same(&BTreeMap::from([(-1i32, 1u8)]));
        same(&BTreeMap::from([(true, 1u8)]));
        same(&BTreeMap::from([('k', [1u8])]));
        same(&BTreeMap::from([(Wrapped(1), 1u8)]));
        same(&ByteString(vec![1, 2, 255]));
        // A key serde_json cannot write is not written here either.
        assert!(serde_json::to_string(&BTreeMap::from([((1u8, 2u8), 1u8)])).is_err());
        assert_eq!(json_text(&BTreeMap::from([((1u8, 2u8), 1u8)])), "");
    }

    /// A byte string (serde's `serialize_bytes`), without a crate for it.
    struct ByteString(Vec<u8>);

    impl Serialize for ByteString {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }

    #[test]
    fn hashing_json_is_hashing_its_text() {
        let v = json!({"kind": "grant", "term": 34});
        let mut direct = TraceHash::new();
        hash_json(&mut direct, &v);
        let mut by_text = TraceHash::new();
        by_text.update(json_text(&v).as_bytes());
        assert_eq!(direct, by_text);
        assert_ne!(direct, TraceHash::new());
    }
}
