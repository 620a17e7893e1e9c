// Predict, then reveal, in the built app: the run stops at a lesson's question, the focus
// goes to it, an answer (a click or a key) reveals whether it was right and why, and the
// run plays on. Screenshots at 1366x768 of a question and of a reveal:
// e2e/artifacts/lesson-*.png.

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

test('gc-pause-zombie asks when the leader freezes; answers by click and by key reveal why', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop });
  try {
    const { page } = view;
    await page.getByLabel('Speed').selectOption({ label: '5×' });
    await page.getByRole('button', { name: /Play/ }).click();
    const card = page.locator('.question');
    await card.waitFor({ timeout: 30_000 });
    assert.match(await card.locator('h2').innerText(), /question 1 of 4/);
    assert.match(await card.locator('.q').innerText(), /freezes/);
    // The run stopped to ask, and the question has the focus.
    await page.getByRole('button', { name: '▶ Play', exact: true }).waitFor();
    assert.ok(await card.evaluate((el) => el === document.activeElement));
    const serious = (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(serious.length, 0, `axe, question open:\n${describeViolations(serious)}`);
    await view.screenshot('lesson-question-1366');
    // Answer by click: the right option.
    await card.getByRole('button', { name: /It runs out at the store, and n4 cannot notice/ }).click();
    assert.match(await card.locator('.verdict').innerText(), /Right/);
    assert.match(await card.locator('.explain').innerText(), /true only at the instant/);
    await view.screenshot('lesson-reveal-1366');
    // The reveal waits, with Continue focused; Space plays on to the next question.
    const go = card.getByRole('button', { name: 'Continue ▶' });
    await go.waitFor();
    assert.ok(await go.evaluate((el) => el === document.activeElement), 'Continue has the focus');
    await page.keyboard.press('Space');
    await card.locator('h2', { hasText: 'question 2 of 4' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('1');
    await card.locator('.verdict').waitFor();
    assert.match(await card.locator('.verdict').innerText(), /Right|Not quite/);
    await go.waitFor();
    await page.getByRole('button', { name: '▶ Play', exact: true }).waitFor();
    // Esc closes the card, and the focus goes back to where it was: the Play button.
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    assert.ok(
      await page.evaluate(() => document.activeElement?.classList.contains('play')),
      'the focus is back on Play',
    );
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('teacher mode by keyboard: ] goes to the next question, V reveals its answer, [ goes back', async () => {
  const view = await lab.open({ viewport: { width: 1280, height: 720 } });
  try {
    const { page } = view;
    await page.keyboard.press('m'); // presentation-sized
    const card = page.locator('.question');
    await page.keyboard.press(']');
    await card.waitFor({ timeout: 10_000 });
    assert.match(await card.locator('h2').innerText(), /question 1 of 4/);
    // Lesson mode passes axe with a question on screen, asked and then revealed.
    const serious = async () =>
      (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    let found = await serious();
    assert.equal(found.length, 0, `axe found, asking:\n${describeViolations(found)}`);
    await page.keyboard.press('v');
    await card.locator('.verdict.shown').waitFor({ timeout: 5_000 });
    found = await serious();
    assert.equal(found.length, 0, `axe found, revealed:\n${describeViolations(found)}`);
    assert.match(await card.locator('.verdict').innerText(), /The answer is 2\./);
    assert.match(await card.locator('.explain').innerText(), /lease check/);
    await page.keyboard.press(']');
    await card.locator('h2', { hasText: 'question 2 of 4' }).waitFor({ timeout: 10_000 });
    assert.equal(await card.locator('.verdict').count(), 0, 'asked afresh');
    await page.keyboard.press('[');
    await card.locator('h2', { hasText: 'question 1 of 4' }).waitFor({ timeout: 10_000 });
    assert.equal(await card.locator('.verdict').count(), 0, 'asked afresh');
    await view.screenshot('lesson-teacher-1280');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test("a wrong answer's reveal stays until Continue, though the next question is 0.4 s away", async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path: '#lesson=stale-before-new-write&q=1', waitFor: '.question' });
  try {
    const { page } = view;
    const card = page.locator('.question');
    assert.match(await card.locator('h2').innerText(), /question 1 of 2/);
    // At the fastest speed, 0.4 s of run time pass in a frame or two of playing.
    const speed = page.getByLabel('Speed');
    const fastest = await speed.locator('option').last().getAttribute('value');
    await speed.selectOption(fastest);
    await card.getByRole('button', { name: /Refuse it: 33 is lower than 34/ }).click(); // wrong
    assert.match(await card.locator('.verdict').innerText(), /Not quite: the answer is 1/);
    // The run is stopped on the reveal (page state), at question 1's moment.
    await page.getByRole('button', { name: '▶ Play', exact: true }).waitFor();
    const clock = page.locator('.scrub-time');
    const at = await clock.innerText();
    // Sixty of the page's animation frames (the clock that moves a playing run): had the
    // run played on, question 2's moment would have come and gone many times over.
    await page.evaluate(
      () =>
        new Promise((done) => {
          let n = 0;
          const frame = () => (++n >= 60 ? done() : requestAnimationFrame(frame));
          requestAnimationFrame(frame);
        }),
    );
    assert.equal(await clock.innerText(), at, 'the run has not moved');
    assert.match(await card.locator('h2').innerText(), /question 1 of 2/, 'still the first reveal');
    assert.match(await card.locator('.verdict').innerText(), /Not quite/);
    await card.getByRole('button', { name: 'Continue ▶' }).click();
    await card.locator('h2', { hasText: 'question 2 of 2' }).waitFor({ timeout: 10_000 });
    // Play on a question waiting for an answer: the first press says, on the card, that a
    // second one skips it, and the run waits; the second skips it, and says so.
    await page.getByRole('button', { name: '▶ Play', exact: true }).click();
    const warning = card.locator('.skip-warning');
    await warning.waitFor();
    assert.match(await warning.innerText(), /Press Space or Play again to skip it: it counts as skipped, not wrong/);
    assert.equal(await card.locator('.verdict').count(), 0, 'still asking');
    await page.getByRole('button', { name: '▶ Play', exact: true }).click();
    await page.locator('.status', { hasText: 'question 2 skipped' }).waitFor();
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a lesson ends with the score, what it showed and the next step on the path', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path: '#lesson=gc-pause-zombie&q=4', waitFor: '.question' });
  try {
    const { page } = view;
    const card = page.locator('.question');
    await card.getByRole('button', { name: /The storage: it has already seen a higher token/ }).click();
    await card.getByRole('button', { name: 'Continue ▶' }).click();
    await card.locator('.proof.settled').waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: 'Continue ▶' }).click();
    const end = page.locator('.lesson-end');
    await end.waitFor({ timeout: 30_000 });
    assert.match(await end.locator('.score').innerText(), /You answered 1 of 4 questions, 1 right\./);
    // Questions 1-3, passed by the link to question 4, are skipped, not wrong.
    assert.equal(await end.locator('.skipped').innerText(), '3 skipped: not counted as wrong.');
    assert.match(await end.locator('.showed').innerText(), /33 with 34/);
    // What it showed is the lesson's own summary, and the focus is on Next.
    assert.match(await end.locator('.showed').innerText(), /frozen leader could not notice/);
    const next = end.getByRole('button', { name: /^Next: .*▶$/ });
    assert.ok(await next.evaluate((el) => el === document.activeElement), 'Next has the focus');
    const serious = (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(serious.length, 0, `axe, lesson end:\n${describeViolations(serious)}`);
    await view.screenshot('lesson-end-1366');
    await next.click();
    await page.getByLabel('Scenario').evaluate((el) => el.value).then((v) => assert.equal(v, 'gc-pause-no-fencing'));
    view.assertClean();
  } finally {
    await view.close();
  }
});
