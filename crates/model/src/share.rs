//! Sharing and keeping runs, one concept a file: the URL-fragment link, the exported trace
//! (JSON Lines with a header) and reading an imported file.
//! Web-free, so every codec is tested natively, on random bytes and truncations too.

mod import;
mod link;
mod trace_file;

pub use import::{import_file, Imported, MAX_IMPORT_BYTES};
pub use link::{
    decode_link, encode_link, RunSpec, LINK_BUDGET, LINK_PREFIX, LINK_VERSION, MAX_LINK_JSON,
    MAX_LINK_MS, OLDEST_LINK_VERSION,
};
pub use trace_file::{check_trace, export_trace, import_trace, TraceHeader, TRACE_FORMAT};
