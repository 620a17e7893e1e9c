// The page loads cleanly and offline, at the two screen sizes a class meets: a projector
// (1920x1080) and a laptop (1366x768). Screenshots: e2e/artifacts/page-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, VIEWPORTS, describeViolations } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

for (const [name, viewport] of [
  ['projector', VIEWPORTS.projector],
  ['laptop', VIEWPORTS.laptop],
]) {
  test(`the page loads cleanly and offline (${name} ${viewport.width}x${viewport.height})`, async () => {
    const view = await lab.open({ viewport });
    try {
      const { page } = view;
      assert.equal(await page.title(), 'Fencing Lab');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      const h1 = page.locator('h1').first();
      assert.ok(await h1.isVisible(), 'the <h1> is visible');
      assert.match(await h1.innerText(), /Fencing Lab/);
      // Let the app settle (first frames drawn) before judging the console.
      await view.settle();
      await view.screenshot(`page-${name}`);
      view.assertClean();
    } finally {
      await view.close();
    }
  });
}

test('the page has no serious accessibility violations (axe-core)', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop });
  try {
    // The panels below the fold come a frame after the rest: check them too.
    await view.page.locator('.below .log').waitFor();
    const serious = (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(serious.length, 0, `axe found:\n${describeViolations(serious)}`);
    view.assertClean();
  } finally {
    await view.close();
  }
});
