// The size gate's own tests (scripts/test runs them before the gate): it passes at its
// ceiling, fails one byte over either ceiling or without the one-file lab, and names
// what is wrong with a bad budget file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from '../bench/size.mjs';
import { judge, readBudget } from './size-gate.mjs';

const budget = (served, single) =>
  readBudget(JSON.stringify({ ceiling: { served_gzip: served, single_raw: single }, budget: { served_gzip: 100, single_raw: 100 } }));

function dist(files) {
  const dir = mkdtempSync(join(tmpdir(), 'fl-size-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return measure(dir);
}

const m = dist({ 'a.wasm': 'x'.repeat(5000), 'b.js': 'let y = 1;', 'fencing-lab.html': '<p>'.repeat(300) });

test('the served total leaves out the one-file lab and adds every other file', () => {
  assert.equal(m.files.length, 2);
  assert.equal(m.total.raw, 5010);
  assert.equal(m.single.raw, 900);
  assert.equal(m.total.gzip, m.files[0].gzip + m.files[1].gzip);
});

test('at its ceilings the gate passes; one byte over either, it fails and says which', () => {
  assert.equal(judge(m, budget(m.total.gzip, m.single.raw)).ok, true);
  const served = judge(m, budget(m.total.gzip - 1, m.single.raw));
  assert.equal(served.ok, false);
  assert.match(served.lines[0], /served assets.*OVER by 1 B/);
  assert.match(served.lines[1], /single|ok/);
  const single = judge(m, budget(m.total.gzip, m.single.raw - 1));
  assert.equal(single.ok, false);
  assert.match(single.lines[1], /fencing-lab\.html.*OVER by 1 B/);
});

test('a build without the one-file lab fails the gate', () => {
  const r = judge(dist({ 'a.wasm': 'x' }), budget(10_000, 10_000));
  assert.equal(r.ok, false);
  assert.match(r.lines.join('\n'), /MISSING/);
});

test('the distance to issue 31\'s budget is reported, above or within', () => {
  const r = judge(m, budget(10_000, 10_000));
  assert.match(r.lines[1], /800 B above issue 31's budget of 100 B/);
  const roomy = readBudget(JSON.stringify({ ceiling: { served_gzip: 9e6, single_raw: 9e6 }, budget: { served_gzip: 9e6, single_raw: 9e6 } }));
  assert.match(judge(m, roomy).lines[0], /within issue 31's budget/);
});

test('a bad budget file is named, not obeyed', () => {
  assert.throws(() => readBudget('{'), /not valid JSON/);
  assert.throws(() => readBudget('{"ceiling": {"served_gzip": 5}, "budget": {"served_gzip": 1, "single_raw": 1}}'), /ceiling\.single_raw must be a positive whole number/);
  assert.throws(() => readBudget('{"ceiling": {"served_gzip": "5", "single_raw": 1}, "budget": {"served_gzip": 1, "single_raw": 1}}'), /ceiling\.served_gzip/);
  assert.throws(() => readBudget('[]'), /ceiling\.served_gzip/);
});

test('the project\'s budget file reads', async () => {
  const { readFileSync } = await import('node:fs');
  const b = readBudget(readFileSync(new URL('../bench/size-budget.json', import.meta.url), 'utf8'));
  // Since the twentieth session the ceilings hold issue 31's budget: neither may rise above it.
  assert.ok(b.ceiling.served_gzip <= b.budget.served_gzip, `served ceiling ${b.ceiling.served_gzip} within the budget ${b.budget.served_gzip}`);
  assert.ok(b.ceiling.single_raw <= b.budget.single_raw, `one-file ceiling ${b.ceiling.single_raw} within the budget ${b.budget.single_raw}`);
});
