// Release bundle sizes, raw and gzip -9 (zlib level 9), by kind (wasm, js, css, html), for
// Fencing Lab's build and the minimal Yew app built the same way (the floor). The one-file
// lab (fencing-lab.html, which holds all the rest) is reported on its own, not counted in.
//
//   node bench/sizes.mjs APP_DIST MINIMAL_DIST
// Writes target/bench/results/sizes.json.

import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { saveResult } from './lib.mjs';

const SINGLE = 'fencing-lab.html';

function measure(dir) {
  const kinds = {};
  const files = [];
  let single = null;
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
    if (name === SINGLE) {
      single = { raw: bytes.length, gzip: gz };
      continue;
    }
    files.push({ name, raw: bytes.length, gzip: gz });
    kinds[kind] ??= { raw: 0, gzip: 0 };
    kinds[kind].raw += bytes.length;
    kinds[kind].gzip += gz;
  }
  const total = Object.values(kinds).reduce((a, k) => ({ raw: a.raw + k.raw, gzip: a.gzip + k.gzip }), { raw: 0, gzip: 0 });
  return { kinds, total, files, single };
}

const [app, minimal] = process.argv.slice(2);
const out = { app: measure(app), minimal: minimal ? measure(minimal) : null };
for (const [who, m] of Object.entries(out)) {
  if (!m) continue;
  for (const [k, v] of Object.entries(m.kinds)) console.log(`bench: ${who} ${k}: ${v.raw} B raw, ${v.gzip} B gzip`);
  console.log(`bench: ${who} total: ${m.total.raw} B raw, ${m.total.gzip} B gzip`);
  if (m.single) console.log(`bench: ${who} ${SINGLE} (one file, opens from file://): ${m.single.raw} B raw, ${m.single.gzip} B gzip`);
}
await saveResult('sizes', out);
