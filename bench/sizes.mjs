// Release bundle sizes, raw and gzip -9 (zlib level 9), by kind (wasm, js, css, html), for
// Fencing Lab's build and the minimal Yew app built the same way (the floor). The one-file
// lab (fencing-lab.html, which holds all the rest) is reported on its own, not counted in.
//
//   node bench/sizes.mjs APP_DIST MINIMAL_DIST
// Writes target/bench/results/sizes.json.

import { measure, SINGLE } from './size.mjs';
import { saveResult } from './lib.mjs';

const [app, minimal] = process.argv.slice(2);
const out = { app: measure(app), minimal: minimal ? measure(minimal) : null };
for (const [who, m] of Object.entries(out)) {
  if (!m) continue;
  for (const [k, v] of Object.entries(m.kinds)) console.log(`bench: ${who} ${k}: ${v.raw} B raw, ${v.gzip} B gzip`);
  console.log(`bench: ${who} total: ${m.total.raw} B raw, ${m.total.gzip} B gzip`);
  if (m.single) console.log(`bench: ${who} ${SINGLE} (one file, opens from file://): ${m.single.raw} B raw, ${m.single.gzip} B gzip`);
}
await saveResult('sizes', out);
