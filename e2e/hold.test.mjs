// Hold and release a link by hand (the network panel): the leader's writes to the storage
// wait at the far end of the held link, drawn queued there and counted on the Release
// button; the new leader is elected meanwhile; released, the old write arrives after the
// new leader's first write and the storage rejects it: token 33 < 34. Screenshot:
// e2e/artifacts/hold-1366.png.

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

/** Play on until virtual time passes `secs` (playing again if the run stops at a key moment), then pause. */
async function playUntil(page, secs) {
  const now = async () => parseFloat(await page.locator('.scrub-time').textContent());
  for (let tries = 0; (await now()) < secs && tries < 20; tries++) {
    const play = page.getByRole('button', { name: '▶ Play', exact: true });
    if (await play.count()) await play.click();
    await page
      .waitForFunction((s) => parseFloat(document.querySelector('.scrub-time').textContent) >= s
        || document.querySelector('button.play')?.textContent.includes('Play'), secs, { timeout: 60_000 })
      .catch(() => {});
    await page.waitForTimeout(50);
  }
  assert.ok((await now()) >= secs, `played to ${await now()} s, not ${secs} s`);
  const pause = page.getByRole('button', { name: '❚❚ Pause', exact: true });
  if (await pause.count()) await pause.click();
}

test("hold the leader's link to the storage, release it late: the old write is rejected, 33 < 34", async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    // Scripted faults off: the only faults are the ones made here.
    await page.keyboard.press('o');
    await page.getByLabel('Speed').selectOption({ label: '5×' });
    await playUntil(page, 3);
    await page.getByRole('button', { name: /Network/ }).click();
    await page.getByLabel('link from').selectOption({ label: 'n4' });
    await page.getByLabel('link to').selectOption({ label: 'storage' });
    await page.getByRole('button', { name: '❚❚ Hold n4 → storage' }).click();
    await page.locator('.status', { hasText: 'held the link n4 → the storage' }).waitFor({ timeout: 5_000 });
    // Close the panel; freeze the leader by keyboard so that a new one is elected while
    // its write waits.
    await page.getByRole('button', { name: /Network/ }).click();
    await playUntil(page, 4.5); // a write or two leaves n4 and waits
    await page.keyboard.press('4');
    await page.keyboard.press('u');
    await page.locator('.status', { hasText: 'paused n4 until resumed' }).waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    await playUntil(page, 16);
    await page.getByRole('button', { name: /Network/ }).click();
    const release = page.getByRole('button', { name: /▶ Release \(\d+\)/ });
    const waiting = Number((await release.innerText()).match(/\((\d+)\)/)[1]);
    assert.ok(waiting >= 1, `${waiting} waiting`);
    assert.match(await page.locator('svg.cluster .odd-link.held').textContent(), new RegExp(`held: ${waiting} waiting`));
    assert.ok(await page.locator('svg.cluster', { hasText: '❚❚ write' }).count(), 'a held write is drawn');
    await view.screenshot('hold-1366');
    assert.equal(await page.locator('.storage-panel tr.write.rejected').count(), 0);
    await release.click();
    await page.locator('.status', { hasText: 'released the link n4 → the storage' }).waitFor({ timeout: 5_000 });
    await playUntil(page, 18);
    const rejected = page.locator('.storage-panel tr.write.rejected');
    await rejected.first().waitFor({ timeout: 10_000 });
    assert.match(await rejected.first().innerText(), /token 33 < 34/);
    assert.equal(await page.getByRole('button', { name: /▶ Release/ }).isDisabled(), true);
    view.assertClean();
  } finally {
    await view.close();
  }
});
