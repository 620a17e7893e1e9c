// Fencing Lab's explorer worker. The page posts { module, request }: its own compiled wasm
// and the search as text (fencing_model::worker::Request). The worker instantiates the
// module with no browser functions (the search needs none; wasm-bindgen's start is never
// called, so the app does not start here), runs the search in batches and posts each
// report as text, at most every 50 ms and always the last one. The page stops it with
// terminate(). Anything that goes wrong is posted as { error } and the page falls back
// to searching in slices.
'use strict';
self.onmessage = (event) => {
  try {
    const { module, request } = event.data;
    const imports = {};
    for (const i of WebAssembly.Module.imports(module)) {
      if (i.kind !== 'function') throw new Error(`the wasm needs ${i.kind} ${i.name}`);
      (imports[i.module] ??= {})[i.name] = () => {
        throw new Error(`the search called ${i.name}, which a worker does not give it`);
      };
    }
    const x = new WebAssembly.Instance(module, imports).exports;
    // A call may grow the memory, which detaches the old buffer: take the buffer after.
    const read = () => {
      const at = x.fl_worker_output();
      const len = x.fl_worker_output_len();
      return new TextDecoder().decode(new Uint8Array(x.memory.buffer, at, len));
    };
    const bytes = new TextEncoder().encode(request);
    const at = x.fl_worker_input(bytes.length);
    new Uint8Array(x.memory.buffer, at, bytes.length).set(bytes);
    if (!x.fl_worker_start()) throw new Error(read());
    let last = -Infinity;
    for (;;) {
      const done = x.fl_worker_work(32);
      const now = performance.now();
      if (done || now - last >= 50) {
        self.postMessage({ update: read() });
        last = now;
      }
      if (done) return;
    }
  } catch (e) {
    self.postMessage({ error: String(e && e.message ? e.message : e) });
  }
};
