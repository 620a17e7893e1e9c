// Split the network by hand in the picture: drag a node across the wall and the storage
// onto it, drag the wall itself away to heal; then the same by keyboard (the wall moved
// with the arrows and raised with Enter; a focused actor nudged with < and >). Screenshot:
// e2e/artifacts/wall-drag-1366.png (mid-drag, the drop zones and what letting go does).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, VIEWPORTS, ARTIFACTS } from './helpers.mjs';
import { join } from 'node:path';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

/** Drag with the mouse from the centre of `from` to the page point `to`, in steps. */
async function drag(page, from, to, shot) {
  const b = await from.boundingBox();
  const start = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(start.x + ((to.x - start.x) * i) / 8, start.y + ((to.y - start.y) * i) / 8);
  }
  if (shot) await page.screenshot({ path: join(ARTIFACTS, shot) });
  await page.mouse.up();
}

const status = (page, text) => page.locator('.status', { hasText: text }).waitFor({ timeout: 5_000 });

test('drag a node across the wall, the storage onto it, and the wall away', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    await page.keyboard.press('o'); // scripted faults off: only what is done here happens
    const svg = await page.locator('svg.cluster').boundingBox();
    // The picture is 860 units wide, drawn to fit: its middle is the wall's.
    const unit = Math.min(svg.width / 860, svg.height / 520);
    const at = (x, y) => ({ x: svg.x + svg.width / 2 + (x - 430) * unit, y: svg.y + svg.height / 2 + (y - 260) * unit });
    await drag(page, page.locator('.node[data-node="0"] .body'), at(700, 300), 'wall-drag-1366.png');
    await status(page, 'split the network: n0 on side B');
    assert.equal(await page.locator('.wall').count(), 1, 'the wall is up');
    // A short press and release is still a click: it selects, it does not move.
    await page.locator('.node[data-node="3"] .body').click();
    await page.locator('.node[data-node="3"][aria-pressed="true"]').waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    // The storage onto the wall.
    await drag(page, page.locator('.box.storage rect').first(), at(430, 420));
    await status(page, 'the storage on both sides');
    // The wall dragged off to the right: no one on side B, the network heals.
    await drag(page, page.locator('.wall-grip .hit'), at(850, 200));
    await status(page, 'healed the network');
    assert.equal(await page.locator('.wall').count(), 0, 'the wall is gone');
    // The picture drew every step without a fault.
    assert.deepEqual(view.problems(), []);
  } finally {
    await view.context.close();
  }
});

test('move the wall and the actors by keyboard', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    await page.keyboard.press('o');
    const grip = page.getByRole('slider', { name: 'the partition wall' });
    await grip.focus();
    assert.match(await grip.getAttribute('aria-valuetext'), /whole/);
    // One step left from the edge: the storage (furthest right) would go to side B; only
    // the value says so until Enter.
    await page.keyboard.press('ArrowLeft');
    assert.equal(await grip.getAttribute('aria-valuetext'), 'storage on side B');
    assert.equal(await page.locator('.wall').count(), 0, 'not raised before Enter');
    // Esc takes the step back.
    await page.keyboard.press('Escape');
    assert.match(await grip.getAttribute('aria-valuetext'), /whole/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const two = await grip.getAttribute('aria-valuetext');
    // Two steps: the nodes right of the wall's place as well (n0 and n1, level).
    assert.equal(two, 'n0, n1, storage on side B');
    // The arrows moved the wall, not the run: time has not stepped.
    assert.match(await page.locator('.scrub-time').textContent(), /^0\.0/);
    await page.keyboard.press('Enter');
    await status(page, 'split the network:');
    assert.equal(await page.locator('.wall').count(), 1);
    // A focused box takes < and > for itself: the storage from side B onto the wall.
    await page.locator('.box.storage').focus();
    await page.keyboard.press('<');
    await status(page, 'the storage on both sides');
    // The selected node with > (from anywhere): n2 one step towards side B, onto the wall.
    await page.locator('.scrub-time').click();
    await page.keyboard.press('2');
    await page.keyboard.press('>');
    await status(page, 'split the network: n0 and n1 on side B, n2 and the storage on both sides');
    assert.deepEqual(view.problems(), []);
  } finally {
    await view.context.close();
  }
});
