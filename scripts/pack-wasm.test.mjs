// Tests of scripts/pack-wasm.mjs: a page as Trunk writes it is packed (its wasm LZMA-packed
// beside the decoder, its scripts rewritten, its stylesheet and glue taken inside), and the page's own unpacking script, run here
// with the files of a dist folder, gives the wasm back or names what is wrong with it.
// With FL_DIST (scripts/test), the built lab's decoder and packed wasm are checked too.
// Run by scripts/test: `node --test scripts/pack-wasm.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lzmaDecode } from './lzma-decode.mjs';
import { glueExports, packPage } from './pack-wasm.mjs';
import { seededBytes } from './seeded-bytes.mjs';

/** index.html as Trunk and scripts/squeeze.mjs leave it. */
const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <title>Fencing Lab</title>
    <link rel="stylesheet" href="./styles-0.css" integrity="sha384-x"/>
<script type="module">
import init, * as bindings from './app-1.js';
const wasm = await init({ module_or_path: './app-1_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
  <link rel="modulepreload" href="./app-1.js" crossorigin="anonymous"><link rel="preload" href="./app-1_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm"></head>
  <body></body>
</html>`;

function folder(files) {
  const dir = mkdtempSync(join(tmpdir(), 'fencing-pack-test-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

/** The page's unpacking script (`<script id="unpack">`) run in Node, its `fetch` reading
 * `dir`: resolves to the unpacked bytes, or rejects with the page's message. */
async function runUnpackScript(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const body = html.match(/<script id="unpack"[^>]*>([\s\S]*?)<\/script>/)[1];
  const window = {};
  const fetch = async (url) => {
    const file = join(dir, url.replace(/^\.\//, ''));
    const ok = existsSync(file);
    return { ok, status: ok ? 200 : 404, arrayBuffer: async () => new Uint8Array(readFileSync(file)).buffer };
  };
  new Function('window', 'fetch', body)(window, fetch);
  return window.fencingLabWasm;
}

/** A glue as terser leaves it: its names short, its exports last. Its start awaits the
 * bytes it is given, as wasm-bindgen's does, and gives back what it made of them. */
const GLUE = 'let a=0;async function b(n){return a+=1,await n.module_or_path}function c(){return a}export{c as initSync,b as default};\n';
const CSS = 'p{color:red}\n';

test("a page as Trunk writes it is packed: the wasm's bytes come back, the scripts fetch the pack and the decoder, the stylesheet and the glue go inside", async (t) => {
  const wasm = Uint8Array.from([...Buffer.from('\0asm\x01\0\0\0'), ...seededBytes(20_000, 5), ...new Uint8Array(9000).fill(3)]);
  const dir = folder({ 'index.html': PAGE, 'app-1_bg.wasm': wasm, 'app-1.js': GLUE, 'styles-0.css': CSS });
  t.after(() => rmSync(dir, { recursive: true }));
  const out = await packPage(dir, { decoder: () => Buffer.from('decoder bytes') });
  assert.deepEqual(out, { wasm: 'app-1_bg.wasm', packed: 'app-1_bg.wasm.lzma', decoder: out.decoder });
  assert.match(out.decoder, /^unlzma-[0-9a-f]{16}\.wasm$/);
  // Two files to fetch, beside the page: the glue and the stylesheet are inside it.
  assert.deepEqual(readdirSync(dir).sort(), ['app-1_bg.wasm.lzma', 'index.html', out.decoder].sort());
  assert.equal(readFileSync(join(dir, out.decoder), 'utf8'), 'decoder bytes');
  assert.deepEqual(lzmaDecode(new Uint8Array(readFileSync(join(dir, 'app-1_bg.wasm.lzma')))), wasm);

  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<link rel="(stylesheet|modulepreload|preload)"/, 'nothing left to fetch but what the first script asks for');
  assert.equal(html.match(/<style>([\s\S]*?)<\/style>/)?.[1], CSS);
  // The unpacking script comes first, before the styles and the module script.
  assert.ok(html.indexOf('<script id="unpack" data-packed="app-1_bg.wasm.lzma">') < html.indexOf('<style>'), 'unpacking before the styles');
  const unpack = html.match(/<script id="unpack"[^>]*>([\s\S]*?)<\/script>/)[1];
  assert.match(unpack, /"app-1_bg\.wasm\.lzma"/);
  assert.match(unpack, new RegExp(`"${out.decoder.replace('.', '\\.')}"`));
  // The page's script, run here, unpacks the pack with the decoder it names.
  const decoderAsked = [];
  const window = {};
  new Function('window', 'fetch', 'WebAssembly', unpack)(window, async (url) => {
    decoderAsked.push(url);
    return { ok: false, status: 418 };
  }, WebAssembly);
  await assert.rejects(window.fencingLabWasm, /could not be fetched \(418\)/);
  assert.deepEqual(decoderAsked.sort(), [`./${out.decoder}`, './app-1_bg.wasm.lzma'].sort());
  const loader = html.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  assert.doesNotMatch(loader, /\bimport\b|\bexport\b/, 'the glue inside, its exports an object');
  assert.match(loader, /module_or_path:\s*window\.fencingLabWasm/);
  assert.match(loader, /window\.fencingLabWasm\s*=\s*null/, 'the bytes let go once the app has started');
  assert.match(loader, /"Fencing Lab could not start: "/);
  assert.equal(html.match(/<script/g).length, 2);

  // The module script, run here: it starts the glue's default export with the unpacked
  // bytes and hands on the glue's exports; a failed start is put on the page.
  const run = async (bytes) => {
    const events = [];
    const said = [];
    const win = { fencingLabWasm: bytes };
    const doc = { createElement: () => ({ setAttribute() {} }), body: { prepend: (p) => said.push(p.textContent) } };
    const AsyncFunction = (async () => {}).constructor;
    const started = new AsyncFunction('window', 'document', 'dispatchEvent', 'CustomEvent', loader)(
      win, doc, (e) => events.push(e), class { constructor(type, init) { Object.assign(this, { type }, init); } },
    );
    return { started, win, events, said };
  };
  const ok = await run(Promise.resolve('the bytes'));
  await ok.started;
  assert.equal(ok.win.fencingLabWasm, null);
  assert.deepEqual(Object.keys(ok.win.wasmBindings).sort(), ['default', 'initSync']);
  assert.equal(ok.win.wasmBindings.initSync(), 1, 'the glue ran once, on the bytes');
  assert.deepEqual(ok.events.map((e) => [e.type, e.detail.wasm]), [['TrunkApplicationStarted', 'the bytes']]);
  const bad = await run(Promise.reject(new Error('x.wasm.lzma is damaged (cut short)')));
  await assert.rejects(bad.started, /cut short/);
  assert.deepEqual(bad.said, ['Fencing Lab could not start: x.wasm.lzma is damaged (cut short)']);
});

test("the glue's exports, as a list at its end or where its functions stand, become one object", () => {
  const bench = 'function a(){}export function fl_bench_seek(n){return n}export async function fl_x(){}export{a as initSync,a as default};\n';
  const out = glueExports(bench);
  assert.doesNotMatch(out.code, /\bexport\b/);
  assert.equal(out.exports, '{"initSync":a,"default":a,"fl_bench_seek":fl_bench_seek,"fl_x":fl_x}');
  const ns = new Function(`${out.code}; return ${out.exports};`)();
  assert.equal(ns.fl_bench_seek(7), 7);
  assert.deepEqual(Object.keys(ns), ['initSync', 'default', 'fl_bench_seek', 'fl_x']);
  // What the page cannot carry is refused, not left to break the page.
  assert.equal(glueExports('export const b=1;function a(){}export{a as default};'), null);
  assert.equal(glueExports('function a(){}export{a as initSync};'), null, 'no default: nothing to start');
  assert.equal(glueExports('function a(){}'), null);
});

test('a page Trunk wrote otherwise stops the packing, naming what is missing', async (t) => {
  const cases = [
    [PAGE.replace(/<script type="module">[\s\S]*?<\/script>/, ''), {}, /has no module script/],
    [PAGE.replace("module_or_path: './app-1_bg.wasm'", "module_or_path: wasmUrl"), {}, /does not name the glue and the wasm/],
    [PAGE.replace(/<link rel="preload"[^>]*>/, ''), {}, /has no preload of app-1_bg\.wasm/],
    [PAGE.replace(/<link rel="stylesheet"[^>]*>/, ''), {}, /links no stylesheet/],
    [PAGE, { 'styles-0.css': null }, /names styles-0\.css, which is not beside it/],
    [PAGE, { 'app-1.js': 'export default 1;' }, /app-1\.js does not end with its exports/],
    [PAGE, { 'app-1.js': 'let s="</script>";export{s as default};' }, /app-1\.js holds "<\/script"/],
  ];
  for (const [page, change, message] of cases) {
    const files = { 'index.html': page, 'app-1_bg.wasm': new Uint8Array(100), 'app-1.js': GLUE, 'styles-0.css': CSS, ...change };
    for (const [name, text] of Object.entries(files)) if (text === null) delete files[name];
    const dir = folder(files);
    t.after(() => rmSync(dir, { recursive: true }));
    await assert.rejects(packPage(dir, { decoder: () => Buffer.from('d') }), message);
    // Nothing was changed.
    assert.deepEqual(readdirSync(dir).sort(), Object.keys(files).sort());
    assert.equal(readFileSync(join(dir, 'index.html'), 'utf8'), page);
  }
});

const dist = process.env.FL_DIST;
const built = dist && existsSync(join(dist, 'index.html')) && readdirSync(dist).some((n) => n.endsWith('.wasm.lzma'));

test("the built lab's own script unpacks its wasm with its decoder, to a module the browser accepts", { skip: !built && 'FL_DIST not set, or not a packed release build' }, async () => {
  const bytes = await runUnpackScript(dist);
  assert.ok(WebAssembly.validate(bytes), 'a valid wasm module');
  const packed = readdirSync(dist).find((n) => n.endsWith('.wasm.lzma'));
  assert.deepEqual(bytes, lzmaDecode(new Uint8Array(readFileSync(join(dist, packed)))), "the same bytes as the one file's decoder gives");
  assert.ok(readdirSync(dist).every((n) => !n.endsWith('_bg.wasm')), 'no unpacked wasm is served');
});

test("the built lab's script names a pack cut short, damaged or missing, instead of starting", { skip: !built && 'FL_DIST not set, or not a packed release build' }, async (t) => {
  const copy = mkdtempSync(join(tmpdir(), 'fencing-pack-test-'));
  t.after(() => rmSync(copy, { recursive: true }));
  cpSync(dist, copy, { recursive: true });
  const packed = readdirSync(copy).find((n) => n.endsWith('.wasm.lzma'));
  const good = readFileSync(join(copy, packed));

  writeFileSync(join(copy, packed), good.subarray(0, good.length >> 1));
  await assert.rejects(runUnpackScript(copy), new RegExp(`${packed.replace(/\./g, '\\.')} is damaged \\(cut short\\)`));

  writeFileSync(join(copy, packed), good.subarray(0, 10));
  await assert.rejects(runUnpackScript(copy), /is damaged \(too short\)/);

  const badProps = Buffer.from(good);
  badProps[0] = 230;
  writeFileSync(join(copy, packed), badProps);
  await assert.rejects(runUnpackScript(copy), /is damaged \(bad properties\)/);

  rmSync(join(copy, packed));
  await assert.rejects(runUnpackScript(copy), new RegExp(`${packed.replace(/\./g, '\\.')} could not be fetched \\(404\\)`));
});
