//! The app's integration tests, one binary a target: the components in a real DOM and the
//! golden trace hashes in wasm (run by wasm-bindgen-test-runner in headless Chromium), and
//! natively, no import cycles between the modules.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod determinism_wasm;
mod module_graph;
mod structure;
mod ui_components;
