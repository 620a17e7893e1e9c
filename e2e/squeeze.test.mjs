// The stylesheets are served squeezed (scripts/squeeze.mjs: no comments, no layout).
// The browser must read the same rules from them: Chromium parses each of styles/*.css as
// written and as squeezed, and every rule's text as the browser keeps it (declarations it
// cannot read are dropped from it) must be the same, in the same order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, REPO_ROOT } from './helpers.mjs';
import { squeeze } from '../scripts/squeeze.mjs';

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
