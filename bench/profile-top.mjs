// Summarises a CPU profile written by `FL_BENCH_PROFILE=1 node bench/page.mjs`
// (target/bench/results/frames.cpuprofile): total sampled time by kind (wasm, JS, GC,
// idle, program = the browser's own work such as style, layout and paint) and the
// functions with the most self time. Wasm functions have names only in a build that keeps
// them (BENCHMARKS.md says how); otherwise they show as wasm-function[N].
//
//   node bench/profile-top.mjs [file.cpuprofile] [top]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR } from './lib.mjs';

const file = process.argv[2] || join(OUT_DIR, 'frames.cpuprofile');
const top = Number(process.argv[3] || 25);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas;
p.samples.forEach((id, k) => self.set(id, (self.get(id) || 0) + (dt[k + 1] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const kinds = {};
const fns = {};
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  const name = cf.functionName || '(anonymous)';
  const kind = name.startsWith('(') ? name : /\.wasm$|^wasm:/.test(cf.url) || /wasm-function/.test(name) ? 'wasm' : 'JS';
  kinds[kind] = (kinds[kind] || 0) + us;
  const key = `${name}${kind === 'JS' && cf.url ? ` (${cf.url.split('/').pop()}:${cf.lineNumber + 1})` : ''}`;
  fns[key] = (fns[key] || 0) + us;
}
// Callers of a function (FL_PROFILE_CALLERS=substring): self time by the chain above it.
const parent = new Map();
for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
const callersOf = process.env.FL_PROFILE_CALLERS;
const chains = {};
if (callersOf) {
  for (const [id, us] of self) {
    if (!byId.get(id).callFrame.functionName.includes(callersOf)) continue;
    const chain = [];
    for (let q = parent.get(id); q !== undefined && chain.length < 6; q = parent.get(q)) {
      chain.push(byId.get(q).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(0, 90));
    }
    const key = chain.join('  <  ');
    chains[key] = (chains[key] || 0) + us;
  }
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
for (const [k, us] of Object.entries(kinds).sort((a, b) => b[1] - a[1])) console.log(`${pct(us)}  ${k}`);
console.log('\nself time, top functions:');
for (const [k, us] of Object.entries(fns).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
if (callersOf) {
  console.log(`\ncallers of ${callersOf}:`);
  for (const [k, us] of Object.entries(chains).sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${pct(us)}  ${k}`);
}
