//! The explorer's Web Worker: the page's own wasm, instantiated again inside a worker
//! (`worker.js`), runs a search there so it takes full speed without taking the page's
//! frames. The worker calls the plain exports below, which pass text through the wasm's
//! memory; the search itself is `fencing_model::worker::WorkerJob`, tested natively.
//!
//! Nothing here runs in the page: the worker never calls wasm-bindgen's start, so the app
//! does not start in it, and it gives the module no browser functions (any call to one
//! fails, and the page goes on in slices).

use fencing_model::worker::{script_min, script_min_len, WorkerJob};
use std::cell::RefCell;

/// The worker's JavaScript, started from a Blob URL (so the single file needs no other
/// file): `worker.js` less its comment lines and indentation, worked out by the compiler.
pub const WORKER_JS: &str = {
    const FILE: &str = include_str!("worker.js");
    const BYTES: &[u8] = &script_min::<{ script_min_len(FILE) }>(FILE);
    match core::str::from_utf8(BYTES) {
        Ok(s) => s,
        Err(_) => panic!("worker.js is not UTF-8"),
    }
};

#[derive(Default)]
struct State {
    /// The request as the worker wrote it.
    input: Vec<u8>,
    /// The last report (or why the request was refused), for the worker to read.
    output: String,
    job: Option<WorkerJob>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

/// Room for a request of `len` bytes: where the worker writes it.
#[no_mangle]
pub extern "C" fn fl_worker_input(len: usize) -> *mut u8 {
    STATE.with_borrow_mut(|s| {
        s.input = vec![0; len];
        s.input.as_mut_ptr()
    })
}

/// Starts the search the request written asks for: 1 if it started; 0 if the request was
/// refused (the output says why).
#[no_mangle]
pub extern "C" fn fl_worker_start() -> u32 {
    STATE.with_borrow_mut(|s| {
        let request = String::from_utf8_lossy(&s.input).into_owned();
        match WorkerJob::start(&request) {
            Ok(job) => {
                s.output = job.update().to_text();
                s.job = Some(job);
                1
            }
            Err(why) => {
                s.output = why;
                s.job = None;
                0
            }
        }
    })
}

/// Up to `runs` runs of the search, then its report in the output; 1 once it is finished.
#[no_mangle]
pub extern "C" fn fl_worker_work(runs: u32) -> u32 {
    STATE.with_borrow_mut(|s| {
        let Some(job) = s.job.as_mut() else {
            return 1;
        };
        let done = job.work(runs);
        s.output = job.update().to_text();
        u32::from(done)
    })
}

/// Where the output is, and its length in bytes.
#[no_mangle]
pub extern "C" fn fl_worker_output() -> *const u8 {
    STATE.with_borrow(|s| s.output.as_ptr())
}
#[no_mangle]
pub extern "C" fn fl_worker_output_len() -> usize {
    STATE.with_borrow(|s| s.output.len())
}
