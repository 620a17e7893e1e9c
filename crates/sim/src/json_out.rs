//! JSON as Fencing Lab writes it: compact text (`json_text`) or straight into a trace's
//! hash (`TraceHash`), both through one writer type, `Sink`. serde_json's serialiser is a
//! copy of itself for each writer type and each value type it writes (some 7 kB of wasm
//! for events alone), so everything the page writes as JSON (events, scenarios, links,
//! trace headers, the progress kept in the browser, words quoting a value) goes through
//! here, and the page carries one copy (BENCHMARKS.md, Size gate).

use serde::{Deserialize, Serialize};

/// Compact JSON text of `value`, byte for byte what `serde_json::to_string` writes.
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    let mut sink = Sink::Line(Vec::new());
    match serde_json::to_writer(&mut sink, value) {
        Ok(()) => match sink {
            Sink::Line(bytes) => String::from_utf8(bytes).unwrap_or_default(),
            Sink::Hash(_) => String::new(),
        },
        // Only a map whose keys are not strings fails, and none of ours has one.
        Err(_) => String::new(),
    }
}

/// Adds `value`'s compact JSON text to `hash`, without making the text.
pub(crate) fn hash_json<T: Serialize + ?Sized>(hash: &mut TraceHash, value: &T) {
    let mut sink = Sink::Hash(*hash);
    // Only a map whose keys are not strings fails, and none of ours has one.
    let _ = serde_json::to_writer(&mut sink, value);
    if let Sink::Hash(h) = sink {
        *hash = h;
    }
}

/// Where JSON goes: into a text, or straight into a hash.
enum Sink {
    Line(Vec<u8>),
    Hash(TraceHash),
}

impl std::io::Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Line(line) => line.extend_from_slice(bytes),
            Sink::Hash(hash) => hash.update(bytes),
        }
        Ok(())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
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

    #[test]
    fn json_text_writes_what_serde_json_writes() {
        let v = json!({"b": [1, 2.5, "x\"y\n"], "a": {"z": null, "é": true}, "n": -3});
        assert_eq!(json_text(&v), serde_json::to_string(&v).unwrap());
        assert_eq!(json_text("tab\there"), "\"tab\\there\"");
        assert_eq!(json_text(&[7u64; 2]), "[7,7]");
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
