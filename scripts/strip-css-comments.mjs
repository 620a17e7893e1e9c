// Trunk's post-build hook (Trunk.toml): the comments in the built stylesheets go, about
// 4.6 kB of the served assets gzipped and 15 kB of the one file. They are for who reads
// styles/, not for the browser; Trunk's own minifier stays off (Trunk.toml says why).
// index.html's integrity hash of each stylesheet is made anew.
//
// Usage: node scripts/strip-css-comments.mjs [DIR]   (DIR: Trunk's staging folder, from
// $TRUNK_STAGING_DIR when Trunk runs it). No stylesheet holds "/*" inside a string.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const page = join(dir, 'index.html');
let html = existsSync(page) ? readFileSync(page, 'utf8') : '';
for (const name of readdirSync(dir).filter((n) => n.endsWith('.css'))) {
  const file = join(dir, name);
  const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/\n?/g, '');
  writeFileSync(file, css);
  const sri = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  html = html.replace(new RegExp(`(href="\\./${name.replace(/\./g, '\\.')}" integrity=")[^"]*`), `$1${sri}`);
}
if (html) writeFileSync(page, html);
