// The stylesheets are served squeezed (scripts/squeeze.mjs: no comments, no layout) and
// joined into one file. The browser must read the same rules from them: Chromium parses
// each of styles/*.css as written and as squeezed, and every rule's text as the browser
// keeps it (declarations it cannot read are dropped from it) must be the same, in the
// same order; the one sheet the built page carries must read as index.html's sheets one
// after the other.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { launchBrowser, REPO_ROOT } from './helpers.mjs';
import { joinStylesheets, squeeze, squeezeScript } from '../scripts/squeeze.mjs';

/** Every rule of `css` as Chromium reads it, nested rules (@media) flattened in order. */
const rules = (page, css) =>
  page.evaluate((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    const out = [];
    const walk = (list, at) => {
      for (const r of list) {
        if (r.cssRules && !r.style) walk(r.cssRules, `${at}${r.conditionText ?? r.name ?? ''} › `);
        else out.push(at + r.cssText);
      }
    };
    walk(sheet.cssRules, '');
    return out;
  }, css);

test('every stylesheet, squeezed, gives the browser the same rules, and is smaller', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const dir = join(REPO_ROOT, 'styles');
    const names = readdirSync(dir).filter((n) => n.endsWith('.css'));
    assert.ok(names.length >= 3, names.join(', '));
    for (const name of names) {
      const css = readFileSync(join(dir, name), 'utf8');
      const small = squeeze(css);
      const [before, after] = [await rules(page, css), await rules(page, small)];
      assert.ok(before.length > 20, `${name}: ${before.length} rules read`);
      assert.deepEqual(after, before, `${name}: the squeezed sheet reads differently`);
      assert.ok(small.length < css.length * 0.85, `${name}: ${css.length} → ${small.length} bytes`);
      assert.ok(!/\/\*|\n./.test(small), `${name}: a comment or a line break left`);
    }
  } finally {
    await browser.close();
  }
});

test('the squeeze keeps what a value or a selector needs: spaces between words, strings, combinators', () => {
  assert.equal(
    squeeze('/* a note */\n.a :is(.b, .c) > d {\n  margin: 0 0.3rem;\n  grid-template-areas:\n    "x y"\n    "z z";\n}\n'),
    '.a :is(.b, .c) > d{margin:0 0.3rem;grid-template-areas:"x y" "z z"}\n',
  );
  assert.equal(
    squeeze('@media (max-width: 10px) {\n  a:hover,\n  b {\n    color: red\n  }\n}\n'),
    '@media (max-width: 10px){a:hover,b{color:red}}\n',
  );
});

// The wasm-bindgen glue is minified: what the wasm and the page reach in it by name must
// keep its name (the exports, the imports object's keys), and it must still run.
test('the minified glue keeps its exports and the names the wasm imports, and runs the same', async () => {
  const glue = `
let wasm;
function getObject(idx) { return heap[idx]; }
const heap = [undefined, null, true, false];
function __wbg_get_imports() {
  const imports = {};
  imports.wbg = {};
  imports.wbg.__wbg_log_0123abcd = function (arg0) { return getObject(arg0) === true ? 'yes' : 'no'; };
  return imports;
}
/** A comment only a reader needs. */
function initSync(module) { wasm = module; return __wbg_get_imports(); }
async function __wbg_init(module_or_path) { return initSync(module_or_path); }
export { initSync };
export default __wbg_init;
`;
  const small = await squeezeScript(glue);
  assert.ok(small.length < glue.length * 0.8, `${glue.length} → ${small.length} bytes`);
  assert.ok(!small.includes('A comment'), small);
  assert.ok(small.includes('__wbg_log_0123abcd'), small);
  const dir = mkdtempSync(join(tmpdir(), 'fl-squeeze-'));
  try {
    writeFileSync(join(dir, 'glue.mjs'), small);
    const m = await import(pathToFileURL(join(dir, 'glue.mjs')).href);
    assert.deepEqual(Object.keys(m).sort(), ['default', 'initSync']);
    const imports = await m.default({});
    assert.deepEqual(Object.keys(imports.wbg), ['__wbg_log_0123abcd']);
    assert.equal(imports.wbg.__wbg_log_0123abcd(2), 'yes');
    assert.equal(imports.wbg.__wbg_log_0123abcd(3), 'no');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the stylesheets are joined in the order the page links them, linked once with their integrity', () => {
  const page = [
    '<head>',
    '    <link rel="icon" href="data:," />',
    '    <link rel="stylesheet" href="./b-1.css" integrity="sha384-old"/>',
    '    <link rel="stylesheet" href="./a-2.css" integrity="sha384-old"/>',
    '<script type="module">x</script>',
    '</head>',
  ].join('\n');
  const sheets = { 'b-1.css': 'b{color:red}\n', 'a-2.css': 'a{color:blue}' };
  const one = joinStylesheets(page, (name) => sheets[name]);
  assert.equal(one.css, 'b{color:red}\na{color:blue}\n', 'in the page\'s order, each ending its line');
  assert.deepEqual(one.joined, ['b-1.css', 'a-2.css']);
  assert.match(one.name, /^styles-[0-9a-f]{16}\.css$/);
  const sri = `sha384-${createHash('sha384').update(one.css).digest('base64')}`;
  assert.equal(
    one.html,
    [
      '<head>',
      '    <link rel="icon" href="data:," />',
      `    <link rel="stylesheet" href="./${one.name}" integrity="${sri}"/>`,
      '<script type="module">x</script>',
      '</head>',
    ].join('\n'),
  );
  // Other contents, another name; one sheet alone is left as it is.
  assert.notEqual(joinStylesheets(page, (name) => sheets[name] + 'i{}').name, one.name);
  assert.equal(joinStylesheets('<link rel="stylesheet" href="./a.css"/>', () => 'a{}'), null);
});

test("the built page carries one stylesheet inside, which reads as index.html's sheets squeezed, one after another", async () => {
  const dist = process.env.FL_DIST || join(REPO_ROOT, 'dist');
  const built = readFileSync(join(dist, 'index.html'), 'utf8');
  // A release build takes the joined sheet into the page (scripts/pack-wasm.mjs).
  assert.doesNotMatch(built, /<link rel="stylesheet"/);
  assert.deepEqual(readdirSync(dist).filter((n) => n.endsWith('.css')), [], 'no stylesheet file left to fetch');
  const inside = [...built.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  assert.equal(inside.length, 1, `${inside.length} <style> elements`);
  const source = readFileSync(join(REPO_ROOT, 'index.html'), 'utf8');
  const order = [...source.matchAll(/<link data-trunk rel="css" href="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(order.length >= 3, order.join(', '));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const served = await rules(page, inside[0]);
    const expected = await rules(page, order.map((p) => squeeze(readFileSync(join(REPO_ROOT, p), 'utf8'))).join(''));
    assert.ok(served.length > 100, `${served.length} rules`);
    assert.deepEqual(served, expected);
  } finally {
    await browser.close();
  }
});
