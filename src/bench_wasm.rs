//! The core benchmark workloads, callable from the page's JavaScript
//! (`window.wasmBindings.fl_bench_workload("stormy", 3600000)`), so `scripts/bench` can time
//! in the browser exactly the code `fencing-lab bench` times natively.

use fencing_sim::workload::{steady, stormy};
use fencing_sim::{Sim, SimTime};
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

/// Seek cost in the replay timeline: builds a [`Timeline`](fencing_model::timeline::Timeline) of
/// `stormy` out to `virtual_ms` (keyframes as the app takes them), then seeks to `seeks`
/// targets spread over that span (a fixed stride that visits early, middle and late times
/// and lands between keyframes) and returns each seek's wall time in milliseconds, timed
/// with `performance.now()`. `history_ms` is passed to `seek` (0: only the state; the app
/// asks for some history to redraw the log and the diagram).
#[wasm_bindgen]
pub fn fl_bench_seek(virtual_ms: f64, seeks: u32, history_ms: f64) -> Vec<f64> {
    use fencing_model::timeline::Timeline;
    let until = virtual_ms.max(0.0) as u64;
    let perf = web_sys::window().and_then(|w| w.performance());
    let now = || perf.as_ref().map_or_else(js_sys::Date::now, |p| p.now());
    let mut tl = Timeline::new(stormy(until));
    // Advance a minute at a time, dropping the kept events as the app's window would.
    let mut t = 0;
    while t < until {
        t = (t + 60_000).min(until);
        tl.advance_to(SimTime::from_ms(t));
        tl.drain_events();
    }
    let seeks = seeks.max(1) as u64;
    let history = history_ms.max(0.0) as u64;
    (0..seeks)
        .map(|i| {
            // Targets walk the span in a scrambled order (stride 7 of `seeks` slots) and sit
            // 4.321 s into a slot, so they fall between keyframes.
            let slot = (i * 7) % seeks;
            let target = (until * slot / seeks + 4_321).min(until);
            let start = now();
            tl.seek(SimTime::from_ms(target), history);
            let ms = now() - start;
            tl.drain_events();
            ms
        })
        .collect()
}
