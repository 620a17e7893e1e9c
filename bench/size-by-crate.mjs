// What the students' wasm holds, by crate and by largest function, so that growth has a
// name. Reads `twiggy top --format csv` of the release wasm built with its function names
// kept (scripts/bench makes it: the same cargo build, wasm-bindgen and `wasm-opt -Oz` as
// Trunk, plus `-g`), and prints the bytes of code and data by owner:
//
//   - a crate's own functions under its name (fencing_sim, fencing_model, fencing_lab,
//     yew, serde_json, …);
//   - generic std code (core, alloc, hashbrown, …) instantiated for our types as
//     "std for our types"; the rest of std as "std";
//   - the data segment (strings, tables, the built-in scenarios) as "data".
//
//   node bench/size-by-crate.mjs TWIGGY_CSV [WASM_GZIPPED_BYTES]
// Writes target/bench/results/size-by-crate.json.

import { readFileSync } from 'node:fs';
import { saveResult } from './lib.mjs';

const STD = new Set(['core', 'alloc', 'std', 'hashbrown', 'compiler_builtins', 'dlmalloc', 'rustc_demangle']);
const OURS = /\b(fencing_sim|fencing_model|fencing_lab|fencing_lab_app)\b/;

/** Splits one CSV line (twiggy quotes names that hold commas). */
function cells(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The owner of one item, by its (demangled) name. */
export function owner(name) {
  if (name.startsWith('data segment')) return 'data';
  if (name.startsWith('"') || name.startsWith('custom section') || name.includes('subsection')) return null;
  const first = name.match(/([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  if (!first) return 'other (imports, tables, unnamed)';
  const crate = first[1];
  if (STD.has(crate)) return OURS.test(name) ? 'std for our types' : 'std';
  return crate === 'fencing_lab_app' ? 'fencing_lab' : crate;
}

const clean = (name) => name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [csv, gz] = process.argv.slice(2);
  const lines = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
  const byCrate = new Map();
  const items = [];
  let total = 0;
  for (const line of lines) {
    const [name, bytes] = cells(line);
    const who = owner(name);
    const n = Number(bytes);
    if (who === null || !Number.isFinite(n)) continue;
    byCrate.set(who, (byCrate.get(who) ?? 0) + n);
    items.push({ name: clean(name), bytes: n, owner: who });
    total += n;
  }
  const crates = [...byCrate].sort((a, b) => b[1] - a[1]).map(([crate, bytes]) => ({ crate, bytes, share: +(bytes / total).toFixed(4) }));
  const functions = items.filter((i) => i.owner !== 'data').sort((a, b) => b.bytes - a.bytes).slice(0, 25);
  const pct = (b) => `${((100 * b) / total).toFixed(1).padStart(5)}%`;
  console.log(`bench: the wasm's code and data, ${total.toLocaleString('en-US')} B raw${gz ? ` (${Number(gz).toLocaleString('en-US')} B gzipped as served)` : ''}; by owner:`);
  for (const c of crates.slice(0, 18)) console.log(`bench:   ${String(c.bytes).padStart(8)} B ${pct(c.bytes)}  ${c.crate}`);
  console.log('bench: the 25 largest functions:');
  for (const f of functions) console.log(`bench:   ${String(f.bytes).padStart(8)} B ${pct(f.bytes)}  ${f.name.slice(0, 140)}`);
  await saveResult('size-by-crate', { total, gzip: gz ? Number(gz) : null, crates, functions });
}
