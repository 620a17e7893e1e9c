// Tests of scripts/short-imports.mjs: a small wasm made here, with the shape of
// wasm-bindgen's output (functions imported from "./x_bg.js", one from another module),
// linked to a glue of the same shape, before and after the names are made short; the
// mistakes it must refuse; and, with FL_DIST set, the built app's own wasm and glue.
// Run by scripts/test: `node --test scripts/short-imports.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lzmaDecode } from './lzma-decode.mjs';
import { shortenImports, shortName, wasmImports } from './short-imports.mjs';

const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const str = (s) => {
  const b = [...new TextEncoder().encode(s)];
  return [...leb(b.length), ...b];
};
const section = (id, body) => [id, ...leb(body.length), ...body];

const ADD = '__wbg_add_0123456789abcdef';
const NEG = '__wbg_neg_fedcba9876543210';

/** A module whose export run(a, b) is log(add(neg(a), b)): add and neg from the glue's
 * module, log from "env"; a memory imported from "env" too, so that an import of another
 * kind is read past. */
function module() {
  const i32 = 0x7f;
  const types = section(1, [2, 0x60, 2, i32, i32, 1, i32, 0x60, 1, i32, 1, i32]);
  const imports = section(2, [
    4,
    ...str('./x_bg.js'), ...str(ADD), 0, 0,
    ...str('./x_bg.js'), ...str(NEG), 0, 1,
    ...str('env'), ...str('mem'), 2, 1, 1, 2, // a memory: flags 1, minimum 1, maximum 2
    ...str('env'), ...str('log'), 0, 1,
  ]);
  const functions = section(3, [1, 0]);
  const exports = section(7, [1, ...str('run'), 0, 3]);
  // local.get 0, call neg, local.get 1, call add, call log, end
  const body = [0, 0x20, 0, 0x10, 1, 0x20, 1, 0x10, 0, 0x10, 2, 0x0b];
  const code = section(10, [1, ...leb(body.length), ...body]);
  return Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...functions, ...exports, ...code]);
}

/** A glue shaped as wasm-bindgen's (minified): a function giving the object of imports. */
const GLUE = `function imports(){const n={__proto__:null,${ADD}:function(a,b){return a+b},${NEG}:function(a){return-a}};return{__proto__:null,"./x_bg.js":n}}`;

/** run(a, b) of `wasm` linked to the imports `glue` gives, and log. */
function run(wasm, glue, a, b) {
  const imports = new Function(`${glue}; return imports();`)();
  imports.env = { mem: new WebAssembly.Memory({ initial: 1, maximum: 2 }), log: (x) => x * 10 };
  return new WebAssembly.Instance(new WebAssembly.Module(wasm), imports).exports.run(a, b);
}

test('short names run a … z, A … Z, then two letters', () => {
  assert.deepEqual([0, 1, 25, 26, 51, 52, 53, 103, 104].map(shortName), ['a', 'b', 'z', 'A', 'Z', 'aa', 'ab', 'aZ', 'ba']);
  const first = Array.from({ length: 3000 }, (_, i) => shortName(i));
  assert.equal(new Set(first).size, first.length, 'no name twice');
  assert.ok(first.every((n) => /^[a-zA-Z]+$/.test(n)), 'each a valid key');
});

test('the wasm and its glue still link, with short names in both, the other module untouched', () => {
  const wasm = module();
  assert.equal(run(wasm, GLUE, 2, 5), 30, 'before');
  const out = shortenImports(wasm, GLUE, './x_bg.js');
  assert.equal(out.renamed, 2);
  assert.deepEqual(wasmImports(out.wasm), [
    { module: './x_bg.js', name: 'a' },
    { module: './x_bg.js', name: 'b' },
    { module: 'env', name: 'mem' },
    { module: 'env', name: 'log' },
  ]);
  assert.equal(out.glue, GLUE.replace(ADD, 'a').replace(NEG, 'b'));
  assert.equal(run(out.wasm, out.glue, 2, 5), 30, 'after');
  assert.equal(run(out.wasm, out.glue, 7, -1), -80);
  assert.equal(out.wasm.length, wasm.length - (ADD.length - 1) - (NEG.length - 1));
});

test('a glue that does not give each import once, as a key, stops the build, naming it', () => {
  const wasm = module();
  assert.throws(() => shortenImports(wasm, GLUE.replace(NEG, '__wbg_neg_0000000000000000'), './x_bg.js'), new RegExp(`${NEG} 0 times`));
  assert.throws(() => shortenImports(wasm, `${GLUE}; const twice = "${ADD}";`.replace(`"${ADD}"`, ADD), './x_bg.js'), new RegExp(`${ADD} 2 times`));
  assert.throws(() => shortenImports(wasm, GLUE.replace(`${NEG}:function`, `${NEG}=function`), './x_bg.js'), /not as a key/);
  assert.throws(() => shortenImports(wasm, GLUE, './other_bg.js'), /imports nothing from \.\/other_bg\.js/);
  assert.throws(() => shortenImports(Uint8Array.from([1, 2, 3]), GLUE, './x_bg.js'), /not a wasm module/);
});

test("the built app's wasm imports from its glue by short names only, each one a key of the glue", { skip: !process.env.FL_DIST && 'FL_DIST not set' }, () => {
  const dist = process.env.FL_DIST;
  assert.ok(existsSync(dist), `${dist} exists`);
  // The release build serves its wasm LZMA-packed (scripts/pack-wasm.mjs).
  const packed = readdirSync(dist).find((n) => n.endsWith('_bg.wasm.lzma'));
  assert.ok(packed, `a packed wasm in ${dist}`);
  // The glue travels inside the page's module script (scripts/pack-wasm.mjs).
  const glue = readFileSync(join(dist, 'index.html'), 'utf8').match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  const glueModule = glue.match(/"(\.\/[\w.-]+_bg\.js)":/)[1];
  const wasm = lzmaDecode(new Uint8Array(readFileSync(join(dist, packed))));
  const ours = wasmImports(wasm).filter((i) => i.module === glueModule);
  assert.ok(ours.length > 100, `${ours.length} imports from the glue`);
  for (const { name } of ours) {
    assert.match(name, /^[a-zA-Z]{1,2}$/);
    assert.match(glue, new RegExp(`[{,]${name}:`), `the glue gives ${name}`);
  }
  assert.doesNotMatch(glue, /__wbg_\w+_[0-9a-f]{16}:/, 'no long name left in the glue');
});
