// Packs the release build in dist/ into one self-contained file, dist/fencing-lab.html,
// that opens by double-click from a USB stick or an email attachment (file://), offline.
//
// Browsers refuse to fetch a module script or a .wasm file from a file:// page, so nothing
// may be fetched. The release page already carries its styles and the wasm-bindgen glue
// (scripts/pack-wasm.mjs); here the wasm goes inside too, the same LZMA-packed bytes
// written seven bits to a character (scripts/seven-bit.mjs), to be unpacked by the page's
// own decoders in JavaScript (scripts/lzma-decode.mjs, about 70 ms for the wasm in
// Chromium: a file:// page cannot fetch the decoder's wasm either) and instantiated from
// bytes.
//
// Usage: node scripts/single-html.mjs [DIST]   (scripts/build runs it after trunk build)
// It stops with a message naming what it did not find if Trunk's output changes shape.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { lzmaDecode } from './lzma-decode.mjs';
import { encodeSevenBit, sevenBitDecode } from './seven-bit.mjs';

const OUT_NAME = 'fencing-lab.html';
const dist = process.argv[2] ?? 'dist';

function fail(message) {
  console.error(`single-html: ${message}`);
  process.exit(1);
}

let html = readFileSync(join(dist, 'index.html'), 'utf8');

// The page as a release build leaves it (scripts/pack-wasm.mjs): its stylesheet and its
// module script (the glue and the start) already inside it, and a first script that
// fetches the packed wasm and the decoder.
if (!/<style>/.test(html) || /<link rel="stylesheet"/.test(html)) fail('index.html does not carry its stylesheet inside (a release build does: scripts/build)');
const start = html.match(/<script type="module">([\s\S]*?)<\/script>/)?.[1];
if (!start || /^\s*import\b/.test(start)) fail('index.html has no module script that carries its glue (a release build does: scripts/build)');
const unpack = /<script id="unpack" data-packed="([^"]+)">[\s\S]*?<\/script>/;
const packedFile = html.match(unpack)?.[1];
if (!packedFile) fail('index.html has no unpacking script naming its packed wasm (a release build does: scripts/build)');

// The same bytes the page fetches, written seven bits to a character; the unpacking script
// gives way to one that decodes them with the decoders written in JavaScript. The module
// script after it is the page's own: it awaits `window.fencingLabWasm` as it does there,
// and names a failure on the page.
const wasmLzma = new Uint8Array(readFileSync(join(dist, packedFile)));
const packedWasm = encodeSevenBit(wasmLzma);
const decoders = (await minify(`${sevenBitDecode}\n${lzmaDecode}`, { compress: true, mangle: true })).code;
const script = `<script>
// Fencing Lab, packed into one file: the wasm below is LZMA-compressed and written seven
// bits to a character (sevenBitDecode and lzmaDecode, from scripts/ in its repository).
window.fencingLabWasm = (async () => {
const WASM_LZMA = "${packedWasm}";
const WASM_LZMA_BYTES = ${wasmLzma.length};
${decoders}
return lzmaDecode(sevenBitDecode(WASM_LZMA, WASM_LZMA_BYTES));
})();
window.fencingLabWasm.catch(() => {});
</script>`;
html = html.replace(unpack, () => script);

writeFileSync(join(dist, OUT_NAME), html);
console.log(`single-html: wrote ${join(dist, OUT_NAME)} (${html.length} bytes; the stylesheet, the glue and ${packedFile} inside)`);
