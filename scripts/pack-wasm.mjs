// The release build's wasm served LZMA-packed (issue 31): 22% smaller than zlib's best
// gzip, about 87 kB less to fetch. Browsers unpack only gzip and deflate themselves
// (`DecompressionStream`), so the page brings its own decoder: crates/unlzma, a Rust
// decoder with no dependency, built to a wasm of about 8 kB. The page's first script
// fetches both, unpacks the wasm in the decoder's memory (about 60 ms for this wasm in a
// fresh Chromium page on the project's machines; the JavaScript decoder the one file
// carries takes about 100) and instantiates it from the bytes. A damaged or missing file stops the
// start with a message on the page, as the one file does.
//
// The stylesheet and wasm-bindgen's glue travel inside index.html: a fresh page then asks
// for two files, the pack and the decoder, both as soon as its first script runs, and
// starts the app as soon as they are in, where before it also waited for the stylesheet's
// and the glue's requests (the first picture sooner by a median of 10 ms over seven paired
// runs, which ranged from 37 ms sooner to 4 ms later; BENCHMARKS.md). Gzipped, the page
// weighs what the three files did, 0.1 kB less.
//
// Called by scripts/squeeze.mjs, Trunk's post-build hook, for release builds only: a
// debug build (scripts/serve) serves its wasm, glue and stylesheet as they are.
//
//   await packPage(dir, { decoder }) -> { wasm, packed, decoder }   (names in dir)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The damage numbers crates/unlzma returns (its `Damage`), in words; and its answer
 * when output is still to come (`MORE`). */
const MORE = 255;
/** The output unpacked at each call: 64 KiB, 16 calls for this wasm. */
const PART = 65536;
export const DAMAGE = ['', 'too short', 'bad properties', 'bad size', 'bad start', 'cut short', 'bad distance', 'too long'];

/** cargo, run from the repository with the lean standard library's settings
 * (scripts/lib.sh) left out: they are for the app's wasm alone. Returns the paths of the
 * files built for `target` (a crate's name). */
function cargoBuild(args, target) {
  const env = { ...process.env };
  delete env.CARGO_UNSTABLE_BUILD_STD;
  delete env.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS;
  const cargo = spawnSync('cargo', ['build', '--offline', '--quiet', '--message-format=json', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (cargo.status !== 0) throw new Error(`cargo build ${args.join(' ')} failed (exited ${cargo.status ?? cargo.error})`);
  const built = cargo.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((m) => m.reason === 'compiler-artifact' && m.target?.name === target)
    .flatMap((m) => [...m.filenames, m.executable].filter(Boolean));
  if (built.length === 0) throw new Error(`cargo build ${args.join(' ')} named no file of ${target}`);
  return built;
}

/** The file `input` LZMA-packed into `output` by crates/unlzma's packer, built natively
 * (its settings pack the page's wasm 1 kB smaller than the npm package `lzma` did). */
export function packFile(input, output) {
  const packer = cargoBuild(['--release', '-p', 'unlzma', '--features', 'pack', '--bin', 'unlzma-pack'], 'unlzma-pack').find((f) => !/\.(d|rlib|pdb)$/.test(f));
  const run = spawnSync(packer, [input, output], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`packing ${input} failed (exited ${run.status ?? run.error})`);
}

/** crates/unlzma built for the page: cargo's `unlzma` profile (Cargo.toml), then
 * wasm-opt. Returns the wasm's bytes. */
export function buildDecoder() {
  const built = cargoBuild(['-p', 'unlzma', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'unlzma'], 'unlzma').find((f) => f.endsWith('.wasm'));
  if (!built) throw new Error('cargo built crates/unlzma but named no .wasm file');
  const out = `${built}.opt`;
  const opt = spawnSync('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', '--strip-target-features', built, '-o', out], { stdio: 'inherit' });
  if (opt.status !== 0) throw new Error(`wasm-opt on ${built} failed (exited ${opt.status ?? opt.error})`);
  return readFileSync(out);
}

/** The page's first script, before its stylesheet (a script after one waits for it):
 * fetches the packed wasm and the decoder at once and unpacks the wasm as soon as both are
 * in, while the browser fetches the glue and the styles. Its promise is
 * `window.fencingLabWasm`, the bytes or the reason they could not be had. */
export function unpackScript(packed, decoder) {
  return `window.fencingLabWasm = (async () => {
  const DAMAGE = ${JSON.stringify(DAMAGE)};
  const fetched = (name) => fetch('./' + name).then((r) => {
    if (!r.ok) throw new Error(name + ' could not be fetched (' + r.status + ')');
    return r.arrayBuffer();
  });
  const [data, { instance }] = await Promise.all([fetched('${packed}'), fetched('${decoder}').then((b) => WebAssembly.instantiate(b))]);
  const input = new Uint8Array(data);
  if (input.length < 18) throw new Error('${packed} is damaged (too short)');
  let size = 0;
  for (let i = 12; i >= 5; i--) size = size * 256 + input[i];
  const { memory, unlzma_start, unlzma_run } = instance.exports;
  const at = memory.buffer.byteLength;
  memory.grow(Math.ceil((input.length + size) / 65536));
  new Uint8Array(memory.buffer, at, input.length).set(input);
  const out = at + input.length;
  // A part at a time: the browser starts the decoder on quickly compiled code and swaps
  // in optimised code between calls.
  let damage = unlzma_start(at, input.length, size);
  for (let until = ${PART}; damage === 0 || damage === ${MORE}; until += ${PART}) {
    damage = unlzma_run(out, size, until);
    if (damage === 0) return new Uint8Array(memory.buffer, out, size);
  }
  throw new Error('${packed} is damaged (' + (DAMAGE[damage] || damage) + ')');
})();
// Reported by the module script below, once.
window.fencingLabWasm.catch(() => {});
`;
}

/** What a page that could not start does with the error `e` (in a catch): says so on the
 * page, where a blank lab would say nothing, and throws it on to the console. The one
 * file's script does the same (scripts/single-html.mjs). */
export const SAY_NOT_STARTED = `  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = 'Fencing Lab could not start: ' + (e && e.message ? e.message : e);
  document.body.prepend(p);
  throw e;`;

/** The glue's exports: its list, last in it as wasm-bindgen writes it ("export { initSync,
 * __wbg_init as default };") or terser leaves it ("export{k as initSync,L as default}"),
 * and the functions it exports where they stand (the app's own exports, as the benchmark
 * build has: "export function fl_bench_seek(…"). Returns the glue without the keyword, and
 * an expression for the exports as one object ({"initSync":k,"default":L,
 * "fl_bench_seek":fl_bench_seek}, the module's namespace as the page's scripts use it).
 * Null when the glue does not end with its list, exports no default (the start), or
 * exports anything else. */
export function glueExports(glue) {
  const m = glue.match(/export\s*\{([^}]*)\};?\s*$/);
  if (!m) return null;
  const names = m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split(/\s+as\s+/));
  const code = glue.slice(0, m.index).replace(/\bexport\s+((?:async\s+)?function\s*\*?\s*|class\s+)([\w$]+)/g, (_, kind, name) => {
    names.push([name]);
    return kind + name;
  });
  if (/\bexport\b/.test(code) || !names.some(([, as]) => as === 'default')) return null;
  return {
    code,
    exports: `{${names.map(([local, as = local]) => `${JSON.stringify(as)}:${local}`).join(',')}}`,
  };
}

/** The page's module script: the glue (its exports turned into `bindings`, its own names
 * kept inside a function, apart from the loader's), then the app started from the unpacked
 * bytes; any failure is put on the page. */
export function loaderScript(glue) {
  const { code, exports } = glueExports(glue);
  return `const bindings = (() => {
${code}
return ${exports};
})();
try {
  const wasm = await bindings.default({ module_or_path: window.fencingLabWasm });
  // The unpacked bytes (and the decoder's memory under them) are not needed again.
  window.fencingLabWasm = null;
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (e) {
${SAY_NOT_STARTED}
}
`;
}

/** Text that goes inside <style> or <script> as it is: null if it would close the
 * element early. */
const inlinable = (text, tag) => (new RegExp(`</${tag}`, 'i').test(text) ? null : text);

/** Packs the built page in `dir`: its wasm becomes NAME.wasm.lzma and the decoder
 * unlzma-HASH.wasm is written beside it; index.html's first script (`#unpack`, which names
 * the pack in `data-packed`) fetches those two, its stylesheets and its module script (the
 * glue and the start) go inside it, and their files go. Stops with a message naming what it
 * did not find, changing nothing, if Trunk's output changes shape. */
export async function packPage(dir, { decoder = buildDecoder } = {}) {
  const page = join(dir, 'index.html');
  let html = readFileSync(page, 'utf8');
  const script = /<script type="module">([\s\S]*?)<\/script>/;
  const body = html.match(script)?.[1];
  if (!body) throw new Error(`${page} has no module script`);
  const glue = body.match(/from '\.\/([^']+\.js)'/)?.[1];
  const wasm = body.match(/module_or_path: '\.\/([^']+\.wasm)'/)?.[1];
  if (!glue || !wasm) throw new Error(`${page}'s module script does not name the glue and the wasm as Trunk writes them`);

  // The first script fetches the two files itself: the wasm's preload goes, and the
  // glue's, which the page now carries.
  const preload = new RegExp(`<link rel="preload" href="\\./${wasm.replace(/\./g, '\\.')}"[^>]*>`);
  if (!preload.test(html)) throw new Error(`${page} has no preload of ${wasm}`);
  const modulePreload = new RegExp(`<link rel="modulepreload" href="\\./${glue.replace(/\./g, '\\.')}"[^>]*>`);
  const sheet = /<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>/g;
  const sheets = [...html.matchAll(sheet)].map((m) => m[1]);
  if (sheets.length === 0) throw new Error(`${page} links no stylesheet`);
  const readText = (name, tag) => {
    const file = join(dir, name);
    if (!existsSync(file)) throw new Error(`${page} names ${name}, which is not beside it`);
    const text = inlinable(readFileSync(file, 'utf8'), tag);
    if (text === null) throw new Error(`${name} holds "</${tag}", which cannot go inside the page`);
    return text;
  };
  const styles = new Map(sheets.map((name) => [name, readText(name, 'style')]));
  const glueText = readText(glue, 'script');
  if (!glueExports(glueText)) throw new Error(`${glue} does not end with its exports, a default among them, or exports what the page cannot carry`);

  const packed = `${wasm}.lzma`;
  packFile(join(dir, wasm), join(dir, packed));
  rmSync(join(dir, wasm));
  const decoderBytes = decoder();
  const decoderName = `unlzma-${createHash('sha256').update(decoderBytes).digest('hex').slice(0, 16)}.wasm`;
  writeFileSync(join(dir, decoderName), decoderBytes);

  // Both scripts minified (terser, as the glue is): a third of their size, gzipped.
  const squeezed = async (code, module) => (await minify(code, { module, compress: true, mangle: true, format: { comments: false } })).code;
  const loader = await squeezed(loaderScript(glueText), true);
  const unpack = await squeezed(unpackScript(packed, decoderName), false);
  html = html.replace(script, () => `<script type="module">${loader}</script>`);
  html = html.replace(preload, '').replace(modulePreload, '');
  let first = true;
  html = html.replace(sheet, (_, name) => {
    const style = `<style>${styles.get(name)}</style>`;
    if (!first) return style;
    first = false;
    return `<script id="unpack" data-packed="${packed}">${unpack}</script>\n${style}`;
  });
  writeFileSync(page, html);
  for (const name of [glue, ...sheets]) rmSync(join(dir, name));
  return { wasm, packed, decoder: decoderName };
}
