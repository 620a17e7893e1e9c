//! Fencing Lab's web app: the Yew components and hooks (`ui`) that draw the app model
//! (`fencing_model`) over the simulation core (`fencing_sim`). wasm32 only; natively this
//! crate is empty (the logic it draws is tested natively in the crates below it).

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench_wasm;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
