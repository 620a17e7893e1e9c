// Shared helpers for the benchmark scripts in bench/ (run by scripts/bench; never part of
// scripts/test). They reuse the end-to-end harness's browser launcher and static server
// (e2e/helpers.mjs, e2e/serve.mjs) and write their figures as JSON for bench/summary.mjs.

import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = dirname(BENCH_DIR);
/** Where results go: $FL_BENCH_OUT, else target/bench/results. */
export const OUT_DIR = process.env.FL_BENCH_OUT || join(REPO_ROOT, 'target', 'bench', 'results');
/** The release build to measure: $FL_DIST, else dist/. */
export const DIST = process.env.FL_DIST || join(REPO_ROOT, 'dist');

/** Sorted copy. */
const sorted = (xs) => [...xs].sort((a, b) => a - b);

/** Nearest-rank quantile (q in 0..1) of a list of numbers. */
export function quantile(xs, q) {
  const s = sorted(xs);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Median (mean of the middle two for even counts). */
export function median(xs) {
  const s = sorted(xs);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** { n, median, min, max, p95 } rounded to `digits`. */
export function summary(xs, digits = 2) {
  const r = (x) => +x.toFixed(digits);
  return {
    n: xs.length,
    median: r(median(xs)),
    min: r(Math.min(...xs)),
    max: r(Math.max(...xs)),
    p95: r(quantile(xs, 0.95)),
  };
}

/** Write `data` as target/bench/results/<name>.json (with the machine's cores and load
 * average when it was written: figures taken under load are slower) and say so. */
export async function saveResult(name, data) {
  await mkdir(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `${name}.json`);
  const machine = { cores: cpus().length, load_average_1_5_15_min: loadavg().map((x) => +x.toFixed(2)) };
  await writeFile(file, JSON.stringify(Array.isArray(data) ? data : { ...data, machine }, null, 2) + '\n');
  console.log(`bench: wrote ${file}`);
  return file;
}

/** Chromium's view of a page's costs: CDP Performance.getMetrics as { name: value }. */
export async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * An init script (runs before the page's own scripts) that keeps Trunk's loader result:
 * Trunk 0.21's loader sets window.wasmBindings to the wasm-bindgen module's JS exports
 * and dispatches TrunkApplicationStarted with { wasm } (the raw wasm exports, including
 * `memory`); we keep the latter as window.__flWasm so the wasm memory size can be read.
 */
export function keepWasmExports() {
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__flWasm = e.detail && e.detail.wasm;
  });
}

/** The machine's busy and total CPU time so far (Linux's /proc/stat, in clock ticks), or
 * null where there is no /proc/stat. Time stolen by the host counts as busy. */
function cpuTicks() {
  let line;
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  } catch {
    return null;
  }
  const t = line.trim().split(/\s+/).slice(1).map(Number);
  const total = t.reduce((a, b) => a + b, 0);
  return { busy: total - t[3] - t[4], total };
}

/**
 * Waits until the whole machine is quiet: `quietSteps` samples of `stepMs` in a row in
 * which the CPUs were busy under `busyPct` of the time, or `maxMs` at most. Returns the
 * milliseconds waited and whether it became quiet.
 *
 * Why: a new browser context in headless Chromium opens a new window, and the window
 * loads its own pages (the address bar's suggestion popup, chrome://omnibox-popup…, two
 * WebUI pages) at once: both cores of a two-core machine are 60–100% busy for about
 * 0.7 s after `newPage()`. A page navigated to at that moment shares the machine with
 * the browser's own start; a visitor's window has long been open when they follow a
 * link. Where there is no /proc/stat it waits a fixed `fallbackMs`.
 */
export async function machineQuiet({ busyPct = 25, stepMs = 50, quietSteps = 3, maxMs = 4000, fallbackMs = 1500 } = {}) {
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const t0 = performance.now();
  let prev = cpuTicks();
  if (!prev) {
    await sleep(fallbackMs);
    return { waited_ms: Math.round(performance.now() - t0), quiet: null };
  }
  let run = 0;
  while (performance.now() - t0 < maxMs) {
    await sleep(stepMs);
    const now = cpuTicks();
    const dt = now.total - prev.total;
    const busy = dt > 0 ? (100 * (now.busy - prev.busy)) / dt : 0;
    prev = now;
    run = busy < busyPct ? run + 1 : 0;
    if (run >= quietSteps) return { waited_ms: Math.round(performance.now() - t0), quiet: true };
  }
  return { waited_ms: Math.round(performance.now() - t0), quiet: false };
}
