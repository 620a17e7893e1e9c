// The story never contradicts the run, in the built app: a write through the fencing gap
// is shown as such in the storage table and the findings strip; the narration tells the
// scripted story at the moments the run reaches; a command of the student's own moves the
// narration to live commentary. Screenshots: e2e/artifacts/story-*.png.

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

for (const [name, viewport] of [
  ['1280', { width: 1280, height: 720 }],
  ['1366', VIEWPORTS.laptop],
  ['1920', VIEWPORTS.projector],
]) {
  test(`stale-before-new-write at ${name}: the write through the fencing gap says why`, async () => {
    const view = await lab.open({ viewport, questions: false });
    try {
      const { page } = view;
      await page.getByLabel('Scenario').selectOption('stale-before-new-write');
      await page.getByLabel('Speed').selectOption({ label: '5×' });
      await page.getByRole('button', { name: /Play/ }).click();
      const row = page.locator('.storage-panel tr.write.superseded');
      await row.first().waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
      assert.match(await row.first().innerText(), /term 34 was already granted; the storage had not seen it/);
      assert.match(await page.locator('[data-finding="superseded"]').innerText(), /1 write through the gap/);
      assert.match(await page.locator('[data-finding="violations"]').innerText(), /no safety violation/);
      // The story's line for this moment is told, as scripted (the run has not departed);
      // why it got through comes with the new leader's first write, after the question.
      assert.equal(
        await page.locator('.narration li.scripted', { hasText: 'the storage takes it, with fencing on' }).count(),
        1,
      );
      assert.equal(await page.locator('.narration li.departed').count(), 0);
      await view.screenshot(`story-gap-${name}`);
      view.assertClean();
    } finally {
      await view.close();
    }
  });
}

test('the opening story comes whole just after the first picture: every beat marked, every line counted', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop });
  try {
    const { page } = view;
    // gc-pause-zombie has ten lines, one of them at 0 s. The first picture comes before the
    // run that places the nine anchored to events (Lab::opening), and the page sends
    // TellStory once it is on screen: all ten marks, with nine lines to come.
    await page.waitForFunction(() => document.querySelectorAll('.timeline-bar .beats .beat').length === 10, null, { timeout: 10_000 });
    assert.match(await page.locator('.narration .upcoming').innerText(), /^9 more to come as time runs/);
    assert.equal(await page.locator('.narration li.scripted').count(), 1);
    assert.equal(await page.getByRole('switch', { name: /^Questions: on$/ }).count(), 1);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a pause of the student own moves the narration off script, to live commentary', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    await page.getByLabel('Speed').selectOption({ label: '2×' });
    await page.getByRole('button', { name: /Play/ }).click();
    // A leader by about 2 s; select it and freeze it until resumed, by keyboard.
    await page.locator('svg.cluster .node.role-leader').first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('l');
    await page.keyboard.press('u');
    const departed = page.locator('.narration li.departed');
    await departed.waitFor({ timeout: 5_000 });
    assert.match(await departed.innerText(), /you paused n\d until resumed/);
    assert.match(await departed.innerText(), /off script/i);
    await page.locator('.narration li.live', { hasText: 'freezes' }).first().waitFor({ timeout: 5_000 });
    // Later: the store expires the frozen leader's lease; the narration says so, and what
    // the frozen node still believes.
    await page.locator('.narration li.now', { hasText: 'is frozen and still believes it leads' })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
    assert.equal(await page.locator('.narration li.scripted', { hasText: 'froze' }).count(), 0);
    await view.screenshot('story-live-1366');
    view.assertClean();
  } finally {
    await view.close();
  }
});
