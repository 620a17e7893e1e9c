// Packs the release build in dist/ into one self-contained file, dist/fencing-lab.html,
// that opens by double-click from a USB stick or an email attachment (file://), offline.
//
// Browsers refuse to fetch a module script or a .wasm file from a file:// page, so nothing
// may be fetched: the styles go inline, the wasm-bindgen glue goes into the page's own
// module script, and the wasm travels inside it, LZMA-compressed (crates/unlzma's packer)
// and written seven bits to a character (scripts/seven-bit.mjs), to be unpacked by the
// page's own decoders (scripts/lzma-decode.mjs, about 70 ms for the wasm in Chromium) and
// instantiated from bytes.
//
// Usage: node scripts/single-html.mjs [DIST]   (scripts/build runs it after trunk build)
// It stops with a message naming what it did not find if Trunk's output changes shape.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minify } from 'terser';
import { lzmaDecode } from './lzma-decode.mjs';
import { packFile, SAY_NOT_STARTED } from './pack-wasm.mjs';
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
const glueFile = m[1].match(/from\s*["']\.\/([^"']+\.js)["']/)?.[1];
// A release build's page fetches its wasm LZMA-packed (scripts/pack-wasm.mjs): the one
// file carries those same bytes. Otherwise the page names the wasm, packed here.
const unpack = /<script id="unpack" data-packed="([^"]+)">[\s\S]*?<\/script>\n?/;
const packedFile = html.match(unpack)?.[1];
html = html.replace(unpack, '');
const wasmFile = packedFile ?? m[1].match(/module_or_path: '\.\/([^']+\.wasm)'/)?.[1];
if (!glueFile || !wasmFile) fail("index.html's module script does not name the glue and the wasm as expected");

let glue = inlinable(readFileSync(join(dist, glueFile), 'utf8'), 'script', glueFile);
// The glue's exports, last in it: "export { initSync, __wbg_init as default };" as
// wasm-bindgen writes it, "export{L as initSync,M as default}" once minified.
const exportLine = /export\s*\{([^}]*)\};?\s*$/;
const init = glue.match(exportLine)?.[1].match(/([\w$]+) as default/)?.[1];
if (!init) fail(`${glueFile} has no "export { … as default }" at its end`);
glue = glue.replace(exportLine, '\n');

// LZMA-packed (scripts/pack-wasm.mjs), 22% smaller than zlib's best gzip.
let wasmLzma;
if (packedFile) wasmLzma = new Uint8Array(readFileSync(join(dist, packedFile)));
else {
  const scratch = mkdtempSync(join(tmpdir(), 'fencing-lab-pack-'));
  packFile(join(dist, wasmFile), join(scratch, 'wasm.lzma'));
  wasmLzma = new Uint8Array(readFileSync(join(scratch, 'wasm.lzma')));
  rmSync(scratch, { recursive: true });
}
const packedWasm = encodeSevenBit(wasmLzma);
// The two decoders the page runs, minified.
const decoders = (await minify(`${sevenBitDecode}\n${lzmaDecode}`, { compress: true, mangle: true })).code;

const script = `<script type="module">
${glue}
// Fencing Lab, packed into one file: the wasm below is LZMA-compressed and written seven
// bits to a character (sevenBitDecode and lzmaDecode, from scripts/ in its repository).
const WASM_LZMA = "${packedWasm}";
const WASM_LZMA_BYTES = ${wasmLzma.length};
${decoders}
try {
  const bytes = lzmaDecode(sevenBitDecode(WASM_LZMA, WASM_LZMA_BYTES));
  await ${init}({ module_or_path: bytes });
} catch (e) {
${SAY_NOT_STARTED}
}
</script>`;
html = html.replace(loader, () => script);

writeFileSync(join(dist, OUT_NAME), html);
console.log(`single-html: wrote ${join(dist, OUT_NAME)} (${html.length} bytes; ${styles} stylesheets, ${glueFile} and ${wasmFile} inside)`);
