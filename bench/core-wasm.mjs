// The simulation core in wasm, in headless Chromium: the same workloads `fencing-lab bench`
// times natively (crates/sim/src/workload.rs), called through the release build's exports
// (src/bench_wasm.rs: window.wasmBindings.fl_bench_workload / fl_bench_trace_hash) and
// timed with performance.now() inside the page. One warm-up run, then FL_BENCH_RUNS
// (default 7) timed runs per workload; medians and spreads. Also the replay timeline's seek
// cost (fl_bench_seek) over an hour of `stormy`, with no history and with the 15 s of
// history the app asks for (crates/model/src/lab.rs SEEK_HISTORY_MS).
//
// The wasm/native ratio is measured in pairs, because the machine's load drifts over
// minutes: FL_BENCH_PAIRS (default 5) rounds of `fencing-lab bench --runs 3` (native)
// immediately followed by 3 wasm runs of each workload; each round gives a ratio of
// medians, and the figure is the median of the rounds' ratios, with their spread. The
// native side is built with the wasm's own profile (`--profile wasm-release`, optimised for
// size, in target/wasm-release; scripts/bench builds it), so the ratio is what running the
// same code as wasm costs; the release build (optimised for speed) is what
// bench/native.mjs times.
//
//   FL_DIST=target/bench/dist node bench/core-wasm.mjs
// Writes target/bench/results/core-wasm.json.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launchBrowser } from '../e2e/helpers.mjs';
import { startServer } from '../e2e/serve.mjs';
import { DIST, REPO_ROOT, median, saveResult, summary } from './lib.mjs';

const RUNS = Number(process.env.FL_BENCH_RUNS || 7);
const HOUR_MS = 3_600_000;
const SEEKS = 60;
const PAIRS = Number(process.env.FL_BENCH_PAIRS || 5);
// FL_BENCH_NATIVE_RATIO_BIN: another native binary for the pairs (the smoke run uses the
// release build, to skip a build; its ratio is then not the one to quote).
const NATIVE = process.env.FL_BENCH_NATIVE_RATIO_BIN || join(REPO_ROOT, 'target', 'wasm-release', 'fencing-lab');

/** Native medians (s) of `fencing-lab bench --runs n`, by workload. */
function nativeMedians(n) {
  const out = execFileSync(NATIVE, ['bench', '--runs', String(n)], { encoding: 'utf8' });
  const walls = {};
  for (const m of out.matchAll(/^bench-(\w+) \(\d nodes\)\s+\d+ s\s+\d+\s+([\d.]+) s/gm)) walls[m[1]] = +m[2];
  return walls;
}

const server = await startServer({ root: DIST });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.fl_bench_workload, null, {
    timeout: 30_000,
  });
  const exported = await page.evaluate(() => Object.keys(window.wasmBindings).filter((k) => k.startsWith('fl_bench')));
  console.log(`bench: wasmBindings exports ${exported.join(', ')}`);

  const workloads = {};
  for (const name of ['steady', 'stormy']) {
    const { walls, events, hash } = await page.evaluate(
      ({ name, runs, ms }) => {
        const b = window.wasmBindings;
        b.fl_bench_workload(name, ms); // warm-up: compile tiers, grow memory
        const walls = [];
        let events = 0;
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          events = b.fl_bench_workload(name, ms);
          walls.push((performance.now() - t0) / 1000);
        }
        return { walls, events, hash: b.fl_bench_trace_hash(name, ms) };
      },
      { name, runs: RUNS, ms: HOUR_MS },
    );
    const wall = summary(walls, 4);
    workloads[name] = {
      virtual_s: HOUR_MS / 1000,
      events,
      wall_s: wall,
      events_per_s: Math.round(events / wall.median),
      virtual_s_per_s: Math.round(HOUR_MS / 1000 / wall.median),
      trace_hash: hash,
    };
    console.log(`bench: wasm ${name}: ${events} events, median ${wall.median} s (${wall.min}–${wall.max}), hash ${hash}`);
  }

  // Paired rounds: native then wasm, back to back.
  const pairs = { steady: [], stormy: [] };
  for (let r = 0; r < PAIRS; r++) {
    const nat = nativeMedians(3);
    for (const name of ['steady', 'stormy']) {
      const walls = await page.evaluate(
        ({ name, ms }) => {
          const out = [];
          for (let i = 0; i < 3; i++) {
            const t0 = performance.now();
            window.wasmBindings.fl_bench_workload(name, ms);
            out.push((performance.now() - t0) / 1000);
          }
          return out;
        },
        { name, ms: HOUR_MS },
      );
      pairs[name].push({ native_s: nat[name], wasm_s: median(walls), ratio: median(walls) / nat[name] });
    }
  }
  for (const name of ['steady', 'stormy']) {
    workloads[name].paired_ratio = summary(pairs[name].map((p) => p.ratio), 2);
    workloads[name].pairs = pairs[name];
    console.log(`bench: wasm/native ${name}, ${PAIRS} paired rounds: ${JSON.stringify(workloads[name].paired_ratio)}`);
  }

  const seek = {};
  if (exported.includes('fl_bench_seek')) {
    for (const history of [0, 15_000]) {
      const times = await page.evaluate(
        ({ ms, seeks, history }) => Array.from(window.wasmBindings.fl_bench_seek(ms, seeks, history)),
        { ms: HOUR_MS, seeks: SEEKS, history },
      );
      seek[`history_${history / 1000}s`] = summary(times, 3);
      console.log(`bench: wasm seek in 1 h of stormy, history ${history / 1000} s: ${JSON.stringify(summary(times, 3))} ms`);
    }
  }
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await saveResult('core-wasm', { runs: RUNS, exported, workloads, seek_ms: seek, userAgent: await page.evaluate(() => navigator.userAgent) });
} finally {
  await browser.close();
  await server.close();
}
