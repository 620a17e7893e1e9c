// The size gate scripts/test runs after the release build: the served assets' gzipped
// total and the one-file lab's raw size must stay at or under their ceilings in
// bench/size-budget.json. Sizes are deterministic (same toolchain, same Cargo.lock, same
// bytes), so this is a pass/fail check, unlike timings. A ceiling is raised only on
// purpose, with the reason in BENCHMARKS.md ("Size gate"); issue 31's budget (the aim the
// ceilings come down to) is printed beside it.
//
//   node scripts/size-gate.mjs [DIST] [BUDGET_FILE]     (defaults: dist/, bench/size-budget.json)

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, SINGLE } from '../bench/size.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

const LIMITS = [
  ['served_gzip', 'the served assets, gzipped', (m) => m.total.gzip],
  ['single_raw', `${SINGLE} (the one-file lab), raw`, (m) => m.single?.raw],
];

/** Reads and checks the budget file; throws an Error naming what is wrong. */
export function readBudget(text, where = 'the budget file') {
  let b;
  try {
    b = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not valid JSON: ${e.message}`);
  }
  for (const part of ['ceiling', 'budget']) {
    for (const [key] of LIMITS) {
      const v = b?.[part]?.[key];
      if (!Number.isSafeInteger(v) || v <= 0) {
        throw new Error(`${where}: ${part}.${key} must be a positive whole number of bytes, not ${JSON.stringify(v)}`);
      }
    }
  }
  return b;
}

const fmt = (n) => n.toLocaleString('en-US');

/** Judges measured sizes (bench/size.mjs's measure) against a budget: { ok, lines }. */
export function judge(m, budget) {
  const lines = [];
  let ok = true;
  for (const [key, what, get] of LIMITS) {
    const size = get(m);
    const ceiling = budget.ceiling[key];
    const aim = budget.budget[key];
    if (size === undefined) {
      ok = false;
      lines.push(`${what}: MISSING (the build made no ${SINGLE}; scripts/build packs it)`);
      continue;
    }
    const over = size > ceiling;
    ok &&= !over;
    const toAim = size > aim ? `${fmt(size - aim)} B above issue 31's budget of ${fmt(aim)} B` : `within issue 31's budget of ${fmt(aim)} B`;
    lines.push(
      `${what}: ${fmt(size)} B, ceiling ${fmt(ceiling)} B: ${over ? `OVER by ${fmt(size - ceiling)} B` : 'ok'} (${toAim})`,
    );
  }
  if (!ok) {
    lines.push(
      'The bundle grew past its ceiling. `scripts/bench` lists the size by crate and the largest functions to name the growth;',
      'raise a ceiling in bench/size-budget.json only on purpose, with the reason in BENCHMARKS.md ("Size gate").',
    );
  }
  return { ok, lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] || join(ROOT, 'dist');
  const file = process.argv[3] || join(ROOT, 'bench', 'size-budget.json');
  let budget;
  try {
    budget = readBudget(readFileSync(file, 'utf8'), file);
  } catch (e) {
    console.error(`size gate: ${e.message}`);
    process.exit(2);
  }
  const { ok, lines } = judge(measure(dist), budget);
  for (const l of lines) console.log(`size gate: ${l}`);
  process.exit(ok ? 0 : 1);
}
