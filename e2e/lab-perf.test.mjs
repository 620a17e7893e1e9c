// Frame budget: 7 nodes at 50× after an hour of virtual time must keep within 16.7 ms a
// frame in headless Chromium. Driven by clicks only; frames are timed inside the page with
// requestAnimationFrame and performance.now() (the gap between consecutive frames, which
// includes the app's own work for each frame). Prints median, p95 and worst.
// FL_PERF_VIRTUAL_S changes the hour (e.g. 600 for a quick look).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, VIEWPORTS } from './helpers.mjs';

const VIRTUAL_S = Number(process.env.FL_PERF_VIRTUAL_S || 3600);
const SAMPLE_MS = 10_000;
const BUDGET_MS = 1000 / 60;

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

/** Frame gaps (ms) over `ms` of real time, measured in the page. */
async function sampleFrames(page, ms) {
  return page.evaluate(
    (ms) =>
      new Promise((done) => {
        const gaps = [];
        let last = null;
        const t0 = performance.now();
        const frame = (ts) => {
          if (last !== null) gaps.push(ts - last);
          last = ts;
          if (ts - t0 < ms) requestAnimationFrame(frame);
          else done(gaps);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

function stats(gaps) {
  const s = [...gaps].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return {
    frames: s.length,
    median: +at(0.5).toFixed(2),
    p95: +at(0.95).toFixed(2),
    worst: +s[s.length - 1].toFixed(2),
    over_budget: s.filter((g) => g > BUDGET_MS + 1).length,
  };
}

async function virtualSeconds(page) {
  const t = await page.locator('.finding.time').innerText();
  return Number(t.match(/([\d.]+) s of virtual time/)[1]);
}

test(`7 nodes at 50× after ${VIRTUAL_S} s of virtual time keep within the frame budget`, { timeout: (VIRTUAL_S / 50 + 120) * 1000 }, async () => {
  const view = await lab.open({ viewport: VIEWPORTS.projector });
  try {
    const { page } = view;
    await page.locator('.toolbar').getByLabel('Nodes').selectOption('7');
    await page.locator('.toolbar').getByLabel('Speed').selectOption({ label: '50×' });
    const play = page.locator('.toolbar .btn.play');
    await play.click();
    await page.waitForFunction(() => /Play/.test(document.querySelector('.toolbar .btn.play').textContent), null, {
      timeout: 30_000,
    }); // the scenario's end stops play once
    await play.click();
    const early = stats(await sampleFrames(page, SAMPLE_MS));
    console.log(`frames at ${await virtualSeconds(page)} s virtual:`, JSON.stringify(early));
    while ((await virtualSeconds(page)) < VIRTUAL_S) await page.waitForTimeout(1000);
    const late = stats(await sampleFrames(page, SAMPLE_MS));
    const at = await virtualSeconds(page);
    console.log(`frames at ${at} s virtual:`, JSON.stringify(late));
    await view.screenshot('lab-perf-hour-1920');
    assert.equal(await page.locator('svg.cluster [data-node]').count(), 7);
    assert.ok(late.median <= BUDGET_MS + 0.5, `median frame ${late.median} ms`);
    view.assertClean();
  } finally {
    await view.close();
  }
});
