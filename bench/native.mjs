// The simulation core natively: runs `target/release/fencing-lab bench --runs N` (default
// 7) in FL_BENCH_INVOCATIONS (default 3) separate processes and keeps each one's medians,
// the events and the trace hashes (which bench/core-wasm.mjs must match).
//
//   cargo build --release && node bench/native.mjs
// Writes target/bench/results/native.json.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, saveResult, summary } from './lib.mjs';

const RUNS = Number(process.env.FL_BENCH_RUNS || 7);
const INVOCATIONS = Number(process.env.FL_BENCH_INVOCATIONS || 3);
const bin = join(REPO_ROOT, 'target', 'release', 'fencing-lab');

const seen = {};
for (let i = 0; i < INVOCATIONS; i++) {
  const out = execFileSync(bin, ['bench', '--runs', String(RUNS)], { encoding: 'utf8' });
  let current = null;
  for (const line of out.split('\n')) {
    const m = line.match(/^bench-(\w+) \((\d) nodes\)\s+(\d+) s\s+(\d+)\s+([\d.]+) s/);
    if (m) {
      current = m[1];
      seen[current] ??= { nodes: +m[2], virtual_s: +m[3], events: +m[4], medians_s: [], trace_hash: null };
      seen[current].medians_s.push(+m[5]);
      continue;
    }
    const h = line.match(/^\s+trace hash ([0-9a-f]+)/);
    if (h && current) seen[current].trace_hash = h[1];
  }
}
const workloads = {};
for (const [name, w] of Object.entries(seen)) {
  const wall = summary(w.medians_s, 4);
  workloads[name] = {
    ...w,
    wall_s: wall,
    events_per_s: Math.round(w.events / wall.median),
    virtual_s_per_s: Math.round(w.virtual_s / wall.median),
  };
  console.log(`bench: native ${name}: ${w.events} events, medians ${w.medians_s.join(', ')} s, hash ${w.trace_hash}`);
}
if (!workloads.steady || !workloads.stormy) throw new Error(`could not parse \`fencing-lab bench\` output`);
await saveResult('native', { runs_per_invocation: RUNS, invocations: INVOCATIONS, workloads });
