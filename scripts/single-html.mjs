// Packs the release build in dist/ into one self-contained file, dist/fencing-lab.html,
// that opens by double-click from a USB stick or an email attachment (file://), offline.
//
// Browsers refuse to fetch a module script or a .wasm file from a file:// page, so nothing
// may be fetched: the styles go inline, the wasm-bindgen glue goes into the page's own
// module script, and the wasm travels inside it, gzipped (by zopfli) and written seven
// bits to a character (scripts/seven-bit.mjs), to be unpacked with the browser's
// DecompressionStream and instantiated from bytes.
//
// Usage: node scripts/single-html.mjs [DIST]   (scripts/build runs it after trunk build)
// It stops with a message naming what it did not find if Trunk's output changes shape.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipAsync } from '@gfx/zopfli';
import { encodeSevenBit, sevenBitDecode } from './seven-bit.mjs';

const OUT_NAME = 'fencing-lab.html';
const dist = process.argv[2] ?? 'dist';

function fail(message) {
  console.error(`single-html: ${message}`);
  process.exit(1);
}

// Text that goes inside <style> or <script> must not close the element early.
function inlinable(text, tag, file) {
  if (new RegExp(`</${tag}`, 'i').test(text)) fail(`${file} contains "</${tag}", which cannot be inlined`);
  return text;
}

let html = readFileSync(join(dist, 'index.html'), 'utf8');

// 1. Styles: each <link rel="stylesheet" href="./x.css" …> becomes a <style> element.
let styles = 0;
html = html.replace(/<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>/g, (_, file) => {
  styles += 1;
  return `<style>\n${inlinable(readFileSync(join(dist, file), 'utf8'), 'style', file)}</style>`;
});
if (styles === 0) fail('no stylesheet link found in index.html');

// 2. The preloads would fetch the files this page carries inside: gone.
html = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, '');

// 3. The loader: Trunk's module script imports the glue and fetches the wasm.
const loader = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(loader);
if (!m) fail('no module script found in index.html');
const glueFile = m[1].match(/from '\.\/([^']+\.js)'/)?.[1];
const wasmFile = m[1].match(/module_or_path: '\.\/([^']+\.wasm)'/)?.[1];
if (!glueFile || !wasmFile) fail("index.html's module script does not name the glue and the wasm as expected");

let glue = inlinable(readFileSync(join(dist, glueFile), 'utf8'), 'script', glueFile);
// The glue's exports, last in it: "export { initSync, __wbg_init as default };" as
// wasm-bindgen writes it, "export{L as initSync,M as default}" once minified.
const exportLine = /export\s*\{([^}]*)\};?\s*$/;
const init = glue.match(exportLine)?.[1].match(/([\w$]+) as default/)?.[1];
if (!init) fail(`${glueFile} has no "export { … as default }" at its end`);
glue = glue.replace(exportLine, '\n');

// Gzipped by zopfli (package.json): 5% smaller than zlib's best, for some 3 s of packing.
const wasmGz = Buffer.from(await gzipAsync(readFileSync(join(dist, wasmFile)), { numiterations: 15 }));
const packedWasm = encodeSevenBit(wasmGz);

const script = `<script type="module">
${glue}
// Fencing Lab, packed into one file: the wasm below is gzipped and written seven bits to
// a character (see sevenBitDecode).
const WASM_GZ = "${packedWasm}";
const WASM_GZ_BYTES = ${wasmGz.length};
${sevenBitDecode.toString()}
try {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser cannot unpack the lab (it has no DecompressionStream); please open it in a current Chrome, Edge, Firefox or Safari');
  }
  const packed = sevenBitDecode(WASM_GZ, WASM_GZ_BYTES);
  const bytes = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  await ${init}({ module_or_path: bytes });
} catch (e) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = 'Fencing Lab could not start: ' + (e && e.message ? e.message : e);
  document.body.prepend(p);
  throw e;
}
</script>`;
html = html.replace(loader, () => script);

writeFileSync(join(dist, OUT_NAME), html);
console.log(`single-html: wrote ${join(dist, OUT_NAME)} (${html.length} bytes; ${styles} stylesheets, ${glueFile} and ${wasmFile} inside)`);
