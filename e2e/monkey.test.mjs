// A seeded monkey: random user actions on the built app (keys, clicks on any visible
// enabled control, option picks, scrubbing, mouse drags on any slider, files with random
// edits picked for import, odd link fragments, reloads, pauses), checking after each that
// no console error or uncaught exception happened, the page still answers, the present is
// within the run, no finding counts below zero, and, with fencing on, the storage's highest
// token has not gone down within one continuous history (the page's `data-run` changes
// with a new run, a seek or a fork, where the history legitimately jumps).
// `MONKEY_SEED` picks the run (the seed is printed); `MONKEY_ACTIONS` sets how many (1000
// here; `scripts/monkey` runs 10,000).

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

test(`a monkey's ${actions} random actions (seed ${seed}) leave the page clean and answering`, { timeout: 5 * 60_000 + actions * 1000 }, async () => {
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
  let prev = null;
  let tokenChecks = 0;
  const kinds = {};
  try {
    for (let i = 0; i < actions; i++) {
      const kind = pick(['key', 'key', 'key', 'click', 'click', 'click', 'scrub', 'drag', 'file', 'link', 'wait']);
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
      } else if (kind === 'drag') {
        // A person's drag: press on a slider, move across it in steps, let go.
        const sliders = await page.locator('input[type=range]:visible:enabled').all();
        const box = sliders.length ? await pick(sliders).boundingBox().catch(() => null) : null;
        if (box) {
          const y = box.y + box.height / 2;
          const [x0, x1] = [box.x + rand() * box.width, box.x + rand() * box.width];
          what += ` ${Math.round(x0 - box.x)}→${Math.round(x1 - box.x)} of ${Math.round(box.width)}`;
          await page.mouse.move(x0, y);
          await page.mouse.down();
          await page.mouse.move(x1, y, { steps: 1 + Math.floor(rand() * 8) });
          await page.mouse.up();
        }
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
        // A reload is a new page: its runs are counted afresh, so the history check starts over.
        if (rand() < 0.2) { await page.reload(); prev = null; what += ' (reloaded)'; }
      } else { await page.waitForTimeout(Math.floor(rand() * 300)); }
      log.push(what);
      // Invariants, read from the page.
      const state = await page.evaluate(() => {
        const t = document.querySelector('.timeline-bar')?.textContent ?? '';
        const m = t.match(/([\d.]+) s \/ ([\d.]+) s/);
        const nums = [...(document.querySelector('.findings')?.textContent ?? '').matchAll(/-\d/g)].length;
        // The first storage panel is this run's (compare mode puts the other run's second).
        const st = (document.querySelector('.storage-panel .panel-sub')?.textContent ?? '').match(/highest token (\d+|none) · fencing (on|OFF)/);
        return {
          now: m ? Number(m[1]) : null, end: m ? Number(m[2]) : null, negatives: nums,
          run: document.querySelector('main.grid')?.dataset.run ?? null,
          highest: st ? (st[1] === 'none' ? -1 : Number(st[1])) : null,
          fencing: st ? st[2] === 'on' : null,
        };
      }, null, { timeout: 10000 });
      if (state.now !== null && state.now > state.end + 1e-9) throw new Error(`time ${state.now} beyond the run ${state.end}`);
      if (state.negatives) throw new Error('a negative count in the findings');
      if (prev && state.highest !== null && state.run !== null && state.run === prev.run && state.fencing && prev.fencing) {
        tokenChecks += 1;
        if (state.highest < prev.highest) {
          throw new Error(`the storage's highest token went down from ${prev.highest} to ${state.highest} in run ${state.run} with fencing on`);
        }
      }
      if (state.highest !== null) prev = state;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const problems = view.problems();
      if (problems.length) throw new Error(problems.join('\n'));
    }
  } catch (e) {
    throw new Error(`monkey failed at action ${log.length} (MONKEY_SEED=${seed} replays it): ${e.message}\nlast actions:\n${log.slice(-15).join('\n')}`);
  } finally { await view.close(); }
  console.log(`monkey: done; actions by kind ${JSON.stringify(kinds)}; the highest token compared within one history ${tokenChecks} times`);
  // The check must have had something to check.
  if (tokenChecks < actions / 20) throw new Error(`only ${tokenChecks} token comparisons in ${actions} actions`);

});
