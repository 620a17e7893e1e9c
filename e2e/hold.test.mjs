// Hold and release a link by hand (the network panel): the leader's writes to the storage
// wait at the far end of the held link, drawn queued there and counted on the Release
// button; the new leader is elected meanwhile; released, the old write arrives after the
// new leader's first write and the storage rejects it: token 33 < 34. Screenshot:
// e2e/artifacts/hold-1366.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, VIEWPORTS, reach } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

/** Play on (in real time) until virtual time passes `secs`, then pause: for what is about
 * messages moving, which a seek would not show on their way. */
async function playOn(page, secs) {
  const now = async () => parseFloat(await page.locator('.scrub-time').textContent());
  for (let tries = 0; (await now()) < secs && tries < 20; tries++) {
    const play = page.getByRole('button', { name: '▶ Play', exact: true });
    if (await play.count()) {
      await play.click();
      // Wait until the page plays (its button says Stop), so Play is never clicked twice.
      await page.waitForFunction(() => !document.querySelector('button.play')?.textContent.includes('Play'), null, {
        timeout: 5_000,
      }).catch(() => {});
    }
    await page
      .waitForFunction((s) => parseFloat(document.querySelector('.scrub-time').textContent) >= s
        || document.querySelector('button.play')?.textContent.includes('Play'), secs, { timeout: 60_000 })
      .catch(() => {});
  }
  assert.ok((await now()) >= secs, `played to ${await now()} s, not ${secs} s`);
  const pause = page.getByRole('button', { name: '❚❚ Stop', exact: true });
  if (await pause.count()) await pause.click();
}

test("hold the leader's link to the storage, release it late: the old write is rejected, 33 < 34", async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    // Scripted faults off: the only faults are the ones made here.
    await page.keyboard.press('o');
    await page.getByLabel('Speed').selectOption({ label: '5×' });
    await reach(page, 3);
    await page.getByRole('button', { name: /Network/ }).click();
    await page.getByLabel('link from').selectOption({ label: 'n4' });
    await page.getByLabel('link to').selectOption({ label: 'storage' });
    await page.getByRole('button', { name: '❚❚ Hold n4 → storage' }).click();
    await page.locator('.status', { hasText: 'held the link n4 → the storage' }).waitFor({ timeout: 5_000 });
    // Close the panel; freeze the leader by keyboard so that a new one is elected while
    // its write waits.
    await page.getByRole('button', { name: /Network/ }).click();
    await reach(page, 4.5); // a write or two leaves n4 and waits
    await page.keyboard.press('4');
    await page.keyboard.press('u');
    await page.locator('.status', { hasText: 'paused n4 until resumed' }).waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    await reach(page, 16);
    await page.getByRole('button', { name: /Network/ }).click();
    const release = page.getByRole('button', { name: /▶ Release \(\d+\)/ });
    const waiting = Number((await release.innerText()).match(/\((\d+)\)/)[1]);
    assert.ok(waiting >= 1, `${waiting} waiting`);
    assert.match(await page.locator('svg.cluster .odd-link.held').textContent(), new RegExp(`held: ${waiting} waiting`));
    assert.ok(await page.locator('svg.cluster', { hasText: /❚❚ (old )?token/ }).count(), 'a held write is drawn');
    await view.screenshot('hold-1366');
    assert.equal(await page.locator('.storage-panel tr.write.rejected').count(), 0);
    await release.click();
    await page.locator('.status', { hasText: 'released the link n4 → the storage' }).waitFor({ timeout: 5_000 });
    await reach(page, 18);
    const rejected = page.locator('.storage-panel tr.write.rejected');
    await rejected.first().waitFor({ timeout: 10_000 });
    assert.match(await rejected.first().innerText(), /token 33 < 34/);
    assert.equal(await page.getByRole('button', { name: /▶ Release/ }).isDisabled(), true);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('hold one message by clicking it in flight, release it by clicking it; or hold one from the panel', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    await page.keyboard.press('o');
    await playOn(page, 3);
    // Step until a write is on its way to the storage (the picture draws it; it can be
    // clicked). Its answer, storage → node, is of the write's family too: not that one.
    const writes = page.locator('svg.cluster .msg.fam-write.clickable', { hasText: /→ storage:/ });
    for (let i = 0; i < 300 && (await writes.count()) === 0; i++) await page.keyboard.press('ArrowRight');
    assert.ok(await writes.count(), 'a write in flight');
    // A click on the dot (dispatched: moving dots sit under labels and links).
    await writes.first().dispatchEvent('click');
    await page.locator('.status', { hasText: /held message #\d+ where it arrives/ }).waitFor({ timeout: 5_000 });
    // Marked on its way (its label, when there is room for it, ends "→ ❚❚").
    assert.equal(await page.locator('svg.cluster .msg.holding').count(), 1);
    const at = parseFloat(await page.locator('.scrub-time').textContent());
    await playOn(page, at + 2);
    const waiting = page.locator('svg.cluster .msg.holding', { hasText: '❚❚ token' });
    // Drawn at the storage once it has arrived there (a busy machine draws it a frame later).
    await waiting.first().waitFor({ timeout: 10_000 }).catch(() => {});
    assert.equal(await waiting.count(), 1, 'it alone waits at the storage');
    assert.match(await page.locator('svg.cluster .odd-link').first().textContent(), /1 held at storage/);
    await waiting.dispatchEvent('click');
    await page.locator('.status', { hasText: /released the link n\d → the storage/ }).waitFor({ timeout: 5_000 });
    await playOn(page, at + 3);
    assert.equal(await page.locator('svg.cluster .msg.holding').count(), 0, 'gone on');

    // By keyboard: the network panel lists what is on the picked link now.
    const leader = await page.locator('svg.cluster .node.role-leader').first().getAttribute('data-node');
    await page.getByRole('button', { name: /Network/ }).click();
    await page.getByLabel('link from').selectOption({ label: `n${leader}` });
    await page.getByLabel('link to').selectOption({ label: 'storage' });
    const holdOne = page.getByRole('button', { name: /^hold write/ });
    for (let i = 0; i < 300 && (await holdOne.count()) === 0; i++) {
      await page.locator('.scrub-time').click();
      await page.keyboard.press('ArrowRight');
    }
    assert.ok(await holdOne.count(), 'the panel lists a write on the link');
    await holdOne.first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.status', { hasText: /held message #\d+ where it arrives/ }).waitFor({ timeout: 5_000 });
    assert.ok(await page.getByRole('button', { name: /will be held/ }).count() || (await page.locator('svg.cluster .msg.holding').count()),
      'the panel or the picture shows it will be held');
    view.assertClean();
  } finally {
    await view.close();
  }
});
