// A seeded monkey: random user actions on the built app (keys, clicks on any visible
// enabled control, option picks, scrubbing, files with random edits picked for import,
// odd link fragments, reloads, pauses), checking after each that no console error or
// uncaught exception happened, the page still answers, the present is within the run and
// no finding counts below zero. `MONKEY_SEED` picks the run (the seed is printed);
// `MONKEY_ACTIONS` sets how many (1000 here; `scripts/monkey` runs 10,000).
// Not yet checked here: the storage's highest token never decreasing with fencing on.

import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLab, VIEWPORTS, REPO_ROOT } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

// A fixed seed by default, so scripts/test is repeatable; scripts/monkey draws a new one.
const seed = Number(process.env.MONKEY_SEED ?? 20261130);
const actions = Number(process.env.MONKEY_ACTIONS ?? 1000);

test(`a monkey's ${actions} random actions (seed ${seed}) leave the page clean and answering`, { timeout: 30 * 60_000 }, async () => {
  console.log(`monkey: seed ${seed}, ${actions} actions (MONKEY_SEED=${seed} replays it)`);
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const KEYS = [' ', 'ArrowRight', 'ArrowLeft', 'n', 'd', 'k', ']', '[', 'v', '+', '-', '0', '1', '2', '3', '4', 'l', 'p', 'P', 'u', 'r', 'R', 'c', 's', 'h', 'f', 'b', 'o', 'q', 'm', 'g', 'i', '?', 'Escape', 'Tab', 'Enter'];
  const zombie = readFileSync(join(REPO_ROOT, 'scenarios', 'gc-pause-zombie.json'), 'utf8');
  const view = await lab.open({ viewport: VIEWPORTS.laptop });
  const { page } = view;
  const log = [];
  try {
    for (let i = 0; i < actions; i++) {
      const kind = pick(['key', 'key', 'key', 'click', 'click', 'click', 'scrub', 'file', 'link', 'wait']);
      let what = kind;
      if (kind === 'key') { const k = pick(KEYS); what += ` ${k}`; await page.keyboard.press(k); }
      else if (kind === 'click') {
        const els = await page.locator('button:visible:enabled, select:visible:enabled, [role=button]:visible').all();
        if (els.length) { const el = pick(els); what += ` ${(await el.innerText().catch(() => '')).slice(0, 30)}`;
          const tag = await el.evaluate((e) => e.tagName).catch(() => '');
          if (tag === 'SELECT') { const opts = await el.locator('option:not([disabled])').all(); if (opts.length) await el.selectOption({ index: Math.floor(rand() * opts.length) }).catch(() => {}); }
          else await el.click({ timeout: 2000 }).catch(() => {}); }
      } else if (kind === 'scrub') {
        const sc = page.locator('#scrubber');
        if (await sc.count()) { const max = Number(await sc.getAttribute('max')); const v = Math.floor(rand() * (max + 1)); what += ` ${v}`;
          await sc.evaluate((e, v) => { e.value = String(v); e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }, v).catch(() => {}); }
      } else if (kind === 'file') {
        const inp = page.locator('input.import-file');
        if (await inp.count()) { let text = zombie; const n = Math.floor(rand() * 4);
          for (let j = 0; j < n; j++) { const at = Math.floor(rand() * text.length); text = text.slice(0, at) + pick(['{', '}', '"', ',', '9', 'x', '']) + text.slice(at + 1); }
          what += ` ${n} edits`;
          await inp.setInputFiles({ name: pick(['a.json', 'b.jsonl', 'c.txt']), mimeType: 'application/json', buffer: Buffer.from(text) }).catch(() => {}); }
      } else if (kind === 'link') {
        const frag = pick(['lesson=gc-pause-zombie&q=2', 'challenge=five-leaders', 'speed=7&x=1', 'run=v1.AAAA', 'scenario=drifting-clock&play=1', '%%%', 'panels=picture', 'lesson=&q=']);
        what += ` #${frag}`;
        await page.evaluate((f) => { location.hash = f; }, frag);
        if (rand() < 0.2) await page.reload();
      } else { await page.waitForTimeout(Math.floor(rand() * 300)); }
      log.push(what);
      // Invariants, read from the page.
      const state = await page.evaluate(() => {
        const t = document.querySelector('.timeline-bar')?.textContent ?? '';
        const m = t.match(/([\d.]+) s \/ ([\d.]+) s/);
        const nums = [...(document.querySelector('.findings')?.textContent ?? '').matchAll(/-\d/g)].length;
        return { now: m ? Number(m[1]) : null, end: m ? Number(m[2]) : null, negatives: nums };
      }, null, { timeout: 10000 });
      if (state.now !== null && state.now > state.end + 1e-9) throw new Error(`time ${state.now} beyond the run ${state.end}`);
      if (state.negatives) throw new Error('a negative count in the findings');
      const problems = view.problems();
      if (problems.length) throw new Error(problems.join('\n'));
    }
  } catch (e) {
    throw new Error(`monkey failed at action ${log.length} (MONKEY_SEED=${seed} replays it): ${e.message}\nlast actions:\n${log.slice(-15).join('\n')}`);
  } finally { await view.close(); }

});
