// The release bundle's size, measured one way everywhere: every file in a dist folder
// raw and gzipped (zlib level 9, as `gzip -9`), by kind, with the one-file lab
// (fencing-lab.html, which holds all the rest) reported on its own and not counted in the
// served total. Used by the size gate (scripts/size-gate.mjs, in scripts/test) and by
// scripts/bench (bench/sizes.mjs).

import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const SINGLE = 'fencing-lab.html';

/** { kinds: {wasm: {raw, gzip}, …}, total: {raw, gzip}, files: [...], single: {raw, gzip} | null } */
export function measure(dir) {
  const kinds = {};
  const files = [];
  let single = null;
  for (const name of readdirSync(dir, { recursive: true }).sort()) {
    const path = join(dir, name);
    let bytes;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // a folder
    }
    const gzip = gzipSync(bytes, { level: 9 }).length;
    if (name === SINGLE) {
      single = { raw: bytes.length, gzip };
      continue;
    }
    const kind = extname(name).slice(1) || 'other';
    files.push({ name, raw: bytes.length, gzip });
    kinds[kind] ??= { raw: 0, gzip: 0 };
    kinds[kind].raw += bytes.length;
    kinds[kind].gzip += gzip;
  }
  const total = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return { kinds, total, files, single };
}

/** The listing scripts/build prints: every served file, the total, then the one file. */
export function listing(dir, m = measure(dir)) {
  const row = (name, raw, gzip) => `${name.padEnd(48)} ${String(raw).padStart(10)} ${String(gzip).padStart(10)}`;
  return [
    '',
    row(`${dir} (served)`, 'bytes', 'gzipped'),
    ...m.files.map((f) => row(f.name, f.raw, f.gzip)),
    row('total', m.total.raw, m.total.gzip),
    ...(m.single ? [row(`${SINGLE} (one file, opens from file://)`, m.single.raw, m.single.gzip)] : []),
  ].join('\n');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(listing(process.argv[2] || 'dist'));
}
