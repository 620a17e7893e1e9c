// The explorer in the page: "Break this…" searches the current run's settings without
// freezing the page (progress shows, Cancel answers mid-search), shows the shrunk schedule
// step by step, and opens it as a run whose stale write appears in the storage panel.
// Screenshot: e2e/artifacts/explore-found-1366.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, VIEWPORTS } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

test('search with fencing off, open the result, watch the stale write in the storage', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    await page.keyboard.press('f'); // fencing off
    await page.getByRole('switch', { name: /Fencing: off/ }).waitFor();
    await page.getByRole('button', { name: 'Break this…' }).click();
    const panel = page.locator('.explore');
    await panel.waitFor();
    assert.equal(await panel.getByLabel('Look for').inputValue(), 'stale');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.locator('.explore-result').waitFor({ timeout: 60_000 });
    assert.match(await panel.locator('.explore-status').innerText(), /^found after \d+ schedules, shrunk to its essence$/);
    assert.equal(await panel.getAttribute('data-engine'), 'worker', 'the search ran in a Web Worker');
    const faults = await panel.locator('.explore-faults li').allInnerTexts();
    assert.ok(faults.length >= 1 && faults.length <= 2, faults.join(' / '));
    assert.match(faults.join(' '), /pause/);
    await view.screenshot('explore-found-1366');
    await panel.getByRole('button', { name: 'Open it as a run' }).click();
    await page.locator('.narration', { hasText: 'Found by the explorer' }).waitFor();
    // Play it to its end: the storage takes the stale write.
    await page.getByLabel('Speed').selectOption({ label: '10×' });
    await page.getByRole('button', { name: /Play/ }).click();
    await page.locator('.storage-panel .stale-count', { hasText: '⚠ 1 stale taken' }).waitFor({ timeout: 60_000 });
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a search that finds nothing can be cancelled while it runs', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    await page.keyboard.press('b'); // barrier on: with fencing, nothing should break
    await page.getByRole('button', { name: 'Break this…' }).click();
    const panel = page.locator('.explore');
    assert.equal(await panel.getByLabel('Look for').inputValue(), 'violation');
    await panel.getByRole('button', { name: 'Search', exact: true }).click();
    await panel.locator('.explore-status', { hasText: /schedules tried, \d+ per second/ }).waitFor({ timeout: 20_000 });
    assert.equal(await panel.locator("progress").count(), 1);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    assert.match(await panel.locator('.explore-status').innerText(), /^Cancelled after \d+ schedules\.$/);
    assert.equal(await panel.locator('.explore-result').count(), 0);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('where no worker can start, the search runs in the page and finds the same schedule', async () => {
  const found = [];
  for (const worker of [true, false]) {
    const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
    try {
      const { page } = view;
      if (!worker) await page.evaluate(() => { window.Worker = undefined; });
      await page.keyboard.press('f');
      await page.getByRole('switch', { name: /Fencing: off/ }).waitFor();
      await page.getByRole('button', { name: 'Break this…' }).click();
      const panel = page.locator('.explore');
      await panel.getByRole('button', { name: 'Search', exact: true }).click();
      await panel.locator('.explore-result').waitFor({ timeout: 60_000 });
      assert.equal(await panel.getAttribute('data-engine'), worker ? 'worker' : 'page');
      found.push([await panel.locator('.explore-status').innerText(), await panel.locator('.explore-faults').innerText()]);
      if (worker) view.assertClean();
    } finally {
      await view.close();
    }
  }
  assert.deepEqual(found[0], found[1], 'same seed, same result in the worker and in slices');
});
