//! The core benchmark workloads, callable from the page's JavaScript
//! (`window.wasmBindings.fl_bench_workload("stormy", 3600000)`), so `scripts/bench` can time
//! in the browser exactly the code `fencing-lab bench` times natively.

use crate::sim::workload::{steady, stormy};
use crate::sim::{Sim, SimTime};
use wasm_bindgen::prelude::*;

/// Runs a workload (`"steady"` or `"stormy"`) for `virtual_ms` and returns the number of
/// events, or -1 for an unknown name. Timing is the caller's.
#[wasm_bindgen]
pub fn fl_bench_workload(name: &str, virtual_ms: f64) -> f64 {
    let until = virtual_ms.max(0.0) as u64;
    let scenario = match name {
        "steady" => steady(until),
        "stormy" => stormy(until),
        _ => return -1.0,
    };
    let mut sim = Sim::new(&scenario);
    sim.discard_events();
    sim.run_until(SimTime::from_ms(until));
    sim.totals().events as f64
}

/// The trace hash of a workload run, to check the browser ran the same trace as native.
#[wasm_bindgen]
pub fn fl_bench_trace_hash(name: &str, virtual_ms: f64) -> String {
    let until = virtual_ms.max(0.0) as u64;
    let scenario = if name == "steady" {
        steady(until)
    } else {
        stormy(until)
    };
    let mut sim = Sim::new(&scenario);
    sim.discard_events();
    sim.run_until(SimTime::from_ms(until));
    sim.trace_hash().hex()
}
