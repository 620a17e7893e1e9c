// Challenges and the lesson path in the built app, driven by the keyboard: a challenge is
// completed (hint, pause at the worst moment, the success with its link), a reload finds
// the progress kept in localStorage, the path shows it and erases it when asked twice; a
// lesson link opens a question, and after the answer the run stops at the write that
// settles it, marked in the storage table; unreadable stored progress is kept aside and
// named. Screenshots: e2e/artifacts/challenge-*.png, lesson-proof-1366.png.

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

const serious = async (view) =>
  (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');

test('complete a challenge by keyboard; a reload keeps the progress; the path shows and erases it', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path: '#challenge=corrupt-with-one-pause', waitFor: '.challenge' });
  try {
    const { page } = view;
    const card = page.locator('.challenge');
    assert.match(await card.locator('h2').innerText(), /Corrupt the data with one pause/);
    assert.match(await card.locator('.standing').innerText(), /pauses used: 0 of 1/);
    assert.match(await page.locator('.narration').innerText(), /fencing off/);
    await page.keyboard.press('i');
    assert.match(await card.locator('.hint-text').innerText(), /worst moment/);
    // Play until a leader is elected, then freeze it at the worst moment (Shift+P: 8 s).
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press(' ');
    await page.locator('.findings', { hasText: 'leader n' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('l');
    await page.keyboard.press('Shift+P');
    await page.keyboard.press('Escape');
    await card.locator('.success').waitFor({ timeout: 60_000 });
    // The run stopped at the win; the success has the focus, says what did it and why.
    await page.getByRole('button', { name: '▶ Play', exact: true }).waitFor();
    assert.ok(await card.locator('.success').evaluate((el) => el === document.activeElement));
    assert.match(await card.locator('.how').innerText(), /stale write: ACCEPTED stale token 33 \(fencing off; it had seen 34\), with one pause/);
    assert.match(await card.locator('.success .explain').innerText(), /cannot tell the old leader's write/);
    const link = await card.getByLabel('link to the winning run').inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#run=v2/);
    let found = await serious(view);
    assert.equal(found.length, 0, `axe, challenge won:\n${describeViolations(found)}`);
    await view.screenshot('challenge-won-1366');

    // A reload: the challenge opens afresh (its link is still the address), the win is kept.
    await page.reload({ waitUntil: 'load' });
    await page.locator('.challenge').waitFor();
    assert.equal(await page.locator('.challenge .success').count(), 0, 'a new attempt');
    const stored = await page.evaluate(() => localStorage.getItem('fencing-lab.progress'));
    assert.match(stored, /"corrupt-with-one-pause":\{"at_ms":\d+,"link":"run=v2/);
    await page.keyboard.press('g');
    const path = page.getByRole('dialog', { name: 'Lesson path' });
    await path.waitFor();
    assert.match(await path.locator('.summary').innerText(), /^1 of \d+ done$/);
    const step = path.locator('li.entry', { hasText: 'Corrupt the data with one pause' });
    assert.match(await step.getAttribute('class'), /\bdone\b/);
    assert.match(await step.locator('.detail').innerText(), /done at \d+\.\d+ s/);
    found = await serious(view);
    assert.equal(found.length, 0, `axe, lesson path:\n${describeViolations(found)}`);
    await view.screenshot('challenge-path-1366');
    // Tab stays inside the dialog.
    for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
    assert.ok(await path.evaluate((el) => el.contains(document.activeElement)));
    // Erase, asked twice.
    await path.getByRole('button', { name: 'Reset progress…' }).click();
    await path.getByRole('button', { name: 'Erase' }).click();
    assert.match(await path.locator('.summary').innerText(), /^0 of \d+ done$/);
    await page.keyboard.press('Escape');
    await path.waitFor({ state: 'detached' });
    await page.reload({ waitUntil: 'load' });
    await page.locator('.challenge').waitFor();
    assert.equal(
      await page.evaluate(() => JSON.parse(localStorage.getItem('fencing-lab.progress')).challenges?.['corrupt-with-one-pause']),
      undefined,
    );
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a challenge that can no longer be won stops, says so and why, and Try again starts afresh', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path: '#challenge=corrupt-with-one-pause', waitFor: '.challenge' });
  try {
    const { page } = view;
    const card = page.locator('.challenge');
    // Play until a leader is elected, then spend the one pause on a follower (n0; n2 leads
    // with this seed): only a leader's write can be stale, so this attempt is lost.
    await page.keyboard.press(' ');
    await page.locator('.findings', { hasText: 'leader n2' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('0');
    await page.keyboard.press('p');
    await page.keyboard.press('Escape');
    const lost = card.locator('.standing.spoiled');
    await lost.waitFor({ timeout: 30_000 });
    // The run stopped there; the card says so and why, and Try again has the focus.
    await page.getByRole('button', { name: '▶ Play', exact: true }).waitFor();
    assert.match(await lost.innerText(), /This attempt can no longer win\./);
    assert.match(await lost.innerText(), /Why: the one pause froze n0, a follower: only a leader's write can be stale/);
    const again = card.getByRole('button', { name: '↺ Try again' });
    assert.ok(await again.evaluate((el) => el === document.activeElement), 'Try again has the focus');
    assert.match(await page.locator('.status').innerText(), /This attempt can no longer win/);
    const found = await serious(view);
    assert.equal(found.length, 0, `axe, challenge lost:\n${describeViolations(found)}`);
    await view.screenshot('challenge-lost-1366');
    // Enter on the focused Try again: a fresh attempt at the same challenge.
    await page.keyboard.press('Enter');
    await lost.waitFor({ state: 'detached' });
    assert.match(await card.locator('.standing').innerText(), /pauses used: 0 of 1/);
    assert.match(await card.locator('h2').innerText(), /Corrupt the data with one pause/);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a lesson link opens a question; after the answer the run stops at the proof, marked in the storage', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path: '#lesson=gc-pause-zombie&q=4', waitFor: '.question' });
  try {
    const { page } = view;
    const card = page.locator('.question');
    assert.match(await card.locator('h2').innerText(), /question 4 of 4/);
    await page.keyboard.press('3');
    await card.locator('.verdict').waitFor();
    assert.match(await card.locator('.proof').innerText(), /Watch for it at/);
    await page.keyboard.press('Space'); // Continue
    await card.locator('.proof.settled').waitFor({ timeout: 30_000 });
    assert.match(await card.locator('.proof').innerText(), /What settles it, at .*token 33 < 34/);
    const row = page.locator('tr.write.proof');
    await row.waitFor();
    assert.match(await row.innerText(), /33[\s\S]*rejected[\s\S]*settles the question/);
    await page.getByRole('button', { name: '▶ Play', exact: true }).waitFor();
    // Answered: kept in the progress.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('fencing-lab.progress')));
    assert.deepEqual(Object.keys(stored.predictions), ['gc-pause-zombie']);
    await view.screenshot('lesson-proof-1366');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a bad lesson link is named in a notice; unreadable stored progress is kept aside and named', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path: '#lesson=gc-pause-zombie&q=9' });
  try {
    const { page } = view;
    const notice = page.getByRole('alert');
    await notice.waitFor();
    assert.match(await notice.innerText(), /q=9: the lesson gc-pause-zombie has 4 questions/);
    await page.evaluate(() => localStorage.setItem('fencing-lab.progress', '{"version": 1, "predictions": 7}'));
    // One fresh load of the page without the lesson link. (It was a load and then a
    // reload: when the app had started before the reload, it had already set the bad text
    // aside and stored fresh progress, so the reload had nothing to name: a flaky test.)
    await page.goto(new URL('#', page.url()).href.replace(/#$/, ''), { waitUntil: 'load' });
    await notice.waitFor();
    // The problem is named with its place in the stored text.
    assert.match(await notice.innerText(), /Your saved progress could not be read \(predictions: invalid type: integer `7`, expected a map\)/);
    assert.match(await notice.innerText(), /kept aside/);
    assert.equal(
      await page.evaluate(() => localStorage.getItem('fencing-lab.progress.unreadable')),
      '{"version": 1, "predictions": 7}',
    );
    // Named once: the next visit finds the same text and is not told again; nothing is
    // overwritten (it could be a newer page's progress), and what was set aside stays.
    await page.reload({ waitUntil: 'load' });
    await page.locator('svg.cluster [data-node]').first().waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'no notice on the next visit');
    for (const key of ['fencing-lab.progress', 'fencing-lab.progress.unreadable']) {
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), '{"version": 1, "predictions": 7}', key);
    }
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a link for a slide: a lesson, presentation-sized, chosen panels only, and a way back', async () => {
  const view = await lab.open({
    viewport: { width: 1280, height: 720 },
    path: '#lesson=gc-pause-zombie&speed=2&present=1&questions=off&panels=picture,narration',
    waitFor: '.picture',
  });
  try {
    const { page } = view;
    assert.equal(await page.locator('header.top').count(), 0, 'no run controls');
    assert.equal(await page.locator('.storage-panel').count(), 0, 'no storage panel');
    assert.equal(await page.locator('.below').count(), 0);
    await page.locator('.narration').waitFor();
    assert.match(await page.locator('.lab').getAttribute('class'), /\bpresentation\b/);
    assert.equal(await page.getByRole('alert').count(), 0, 'no notice');
    await view.screenshot('link-slide-1280');
    // Space still plays (the speed came from the link); the whole lab comes back on request.
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: 'Show the whole lab' }).click();
    await page.locator('header.top').waitFor();
    assert.equal(await page.getByLabel('Speed').inputValue(), '4', '2× is the fifth speed');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a link with unknown or bad parameters names each one and applies the rest', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path: '#scenario=drifting-clock&speed=3&colour=red' });
  try {
    const { page } = view;
    const notice = page.getByRole('alert');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /speed=3 is not a speed the lab offers/);
    assert.match(text, /“colour” is not a parameter this page takes/);
    assert.match(await page.locator('.narration').innerText(), /A leader whose clock runs slow/);
    view.assertClean();
  } finally {
    await view.close();
  }
});
