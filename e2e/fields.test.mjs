// Odd values typed into the page's number fields (empty, below the least, past 2^64, a
// fraction, over the most) are refused in a notice naming the field and what stays, and the
// field shows the value that stays: nothing passes silently for a setting. A good value
// still goes through.

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

/** Type `value` into `field` (its text replaced) and press Enter. */
async function typeAndEnter(page, field, value) {
  await field.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  if (value) await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

test('an odd value in a number field is named in a notice and the field keeps its value', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    const notice = page.getByRole('alert');
    await page.getByRole('button', { name: /Network/ }).click();
    const delay = page.getByLabel('Extra delay');
    assert.equal(await delay.inputValue(), '90000');
    const cases = [
      ['', /^Extra delay was left empty: it stays 90000 ms\.$/],
      ['-1', /^Extra delay: “-1” is below 0 ms, the least it takes \(0 to 604800000 ms\): it stays 90000 ms\.$/],
      ['18446744073709551616', /^Extra delay: “18446744073709551616” is more than 604800000 ms/],
      ['0.5', /“0.5” is not a whole number in digits/],
      ['1e309', /^Extra delay: what was typed is not a number the field can read \(0 to 604800000 ms\): it stays 90000 ms\.$/],
    ];
    for (const [value, words] of cases) {
      await typeAndEnter(page, delay, value);
      await notice.waitFor();
      assert.match((await notice.innerText()).trim().split('\n')[0], words, `typed ${JSON.stringify(value)}`);
      assert.equal(await delay.inputValue(), '90000', `after ${JSON.stringify(value)} the field shows what stays`);
    }
    // A good value is taken, and the link is delayed by it.
    await typeAndEnter(page, delay, '5000');
    assert.equal(await delay.inputValue(), '5000');
    await page.getByRole('button', { name: '◷ Delay' }).click();
    await page.locator('.status', { hasText: /5(\.0)? s|5000/ }).waitFor({ timeout: 5_000 });

    // A setting's draft: the heartbeat refuses 0 and keeps 500 ms; Apply then changes nothing.
    await page.getByRole('button', { name: /Settings/ }).click();
    const heartbeat = page.getByLabel('heartbeat interval, ms');
    const before = await heartbeat.inputValue();
    await typeAndEnter(page, heartbeat, '0');
    await page.locator('.notice', { hasText: 'Heartbeat: “0” is below 1 ms' }).waitFor({ timeout: 5_000 });
    assert.equal(await heartbeat.inputValue(), before);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.status', { hasText: 'no setting changed' }).waitFor({ timeout: 5_000 });
    view.assertClean();
  } finally {
    await view.close();
  }
});
