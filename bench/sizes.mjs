// Release bundle sizes, raw and gzip -9 (zlib level 9), by kind (wasm, js, css, html), for
// Fencing Lab's build and the minimal Yew app built the same way (the floor).
//
//   node bench/sizes.mjs APP_DIST MINIMAL_DIST
// Writes target/bench/results/sizes.json.

import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { saveResult } from './lib.mjs';

function measure(dir) {
  const kinds = {};
  const files = [];
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    let bytes;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // a folder
    }
    const kind = extname(name).slice(1) || 'other';
    const gz = gzipSync(bytes, { level: 9 }).length;
    files.push({ name, raw: bytes.length, gzip: gz });
    kinds[kind] ??= { raw: 0, gzip: 0 };
    kinds[kind].raw += bytes.length;
    kinds[kind].gzip += gz;
  }
  const total = Object.values(kinds).reduce((a, k) => ({ raw: a.raw + k.raw, gzip: a.gzip + k.gzip }), { raw: 0, gzip: 0 });
  return { kinds, total, files };
}

const [app, minimal] = process.argv.slice(2);
const out = { app: measure(app), minimal: minimal ? measure(minimal) : null };
for (const [who, m] of Object.entries(out)) {
  if (!m) continue;
  for (const [k, v] of Object.entries(m.kinds)) console.log(`bench: ${who} ${k}: ${v.raw} B raw, ${v.gzip} B gzip`);
  console.log(`bench: ${who} total: ${m.total.raw} B raw, ${m.total.gzip} B gzip`);
}
await saveResult('sizes', out);
