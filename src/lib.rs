//! Fencing Lab: a deterministic simulation of leases, terms and fencing tokens (`sim`),
//! and the Yew app that draws it (`ui`, wasm32 only).

pub mod share;
pub mod sim;
pub mod timeline;

#[cfg(target_arch = "wasm32")]
pub mod bench_wasm;
#[cfg(target_arch = "wasm32")]
pub mod ui;
