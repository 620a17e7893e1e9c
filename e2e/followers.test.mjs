// Leader and followers on screen, in the built app: the first scenario in the picker shows
// replication (a lagging follower says how far behind it is, the leader what a majority
// holds), and in the GC-pause story the followers' refusals of the old term are on screen
// and counted. Screenshots: e2e/artifacts/followers-*.png.

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

test('leader-and-followers comes first; a slow follower lags and the leader shows the high-water mark', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    const first = await page.getByLabel('Scenario').locator('option').first().getAttribute('value');
    assert.equal(first, 'leader-and-followers');
    // The menu says what each lesson is, by its title; the file's name is its tooltip.
    const option = page.getByLabel('Scenario').locator('option[value="drifting-clock"]');
    assert.equal((await option.innerText()).trim(), 'A leader whose clock runs slow');
    assert.equal(await option.getAttribute('title'), 'drifting-clock.json');
    await page.getByLabel('Scenario').selectOption('leader-and-followers');
    await page.getByLabel('Speed').selectOption({ label: '5×' });
    await page.getByRole('button', { name: /Play/ }).click();
    // From 20 s heartbeats reach n4 two seconds late: it says it is behind.
    const n4 = page.locator('svg.cluster .node[data-node="4"]');
    await n4.filter({ hasText: /[2-9] behind/ }).waitFor({ timeout: 60_000 });
    // The narration tells of n4's lag when n4 answers a late heartbeat, which can come a
    // moment after the picture shows it behind: wait for it, still playing.
    await page.locator('.narration', { hasText: 'n4' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
    assert.match(await page.locator('svg.cluster .node[data-node="2"]').textContent(), /majority holds \d+ of \d+ writes/);
    await view.screenshot('followers-lag-1366');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('gc-pause-zombie: the followers refuse term 33, on screen and counted', async () => {
  const view = await lab.open({ viewport: { width: 1280, height: 720 }, questions: false });
  try {
    const { page } = view;
    await page.getByLabel('Scenario').selectOption('gc-pause-zombie');
    await page.getByLabel('Speed').selectOption({ label: '5×' });
    await page.getByRole('button', { name: /Play/ }).click();
    await page.locator('svg.cluster .node .refusal-text').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
    assert.equal(await page.locator('svg.cluster .node .refusal-text').first().textContent(), 'refused term 33 < 34');
    // Every word in the picture lies inside it (the lowest nodes keep only the lines that fit).
    const clipped = await page.evaluate(() => {
      const frame = document.querySelector('svg.cluster').getBoundingClientRect();
      return [...document.querySelectorAll('svg.cluster text')]
        .filter((t) => t.textContent.trim() && t.getClientRects().length)
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return r.bottom > frame.bottom + 1 || r.top < frame.top - 1 || r.left < frame.left - 1 || r.right > frame.right + 1;
        })
        .map((t) => t.textContent.trim());
    });
    assert.deepEqual(clipped, [], 'words cut off at the picture\'s edge');
    const chip = page.locator('[data-finding="old-term"]');
    const n = Number((await chip.innerText()).match(/(\d+) old terms? refused/)[1]);
    assert.ok(n >= 1, await chip.innerText());
    // The log counts them too, and the leader's tooltip gives its view of each follower.
    assert.match(await page.locator('.log-counts').textContent(), new RegExp(`refused so far: ${n}$`));
    assert.match(await page.locator('svg.cluster .node.role-leader title').textContent(), /followers as n3 knows them: n0 has \d+/);
    // The chip goes to the first refusal; the log names it.
    await chip.click();
    await page.locator('.status', { hasText: 'the first message from an old term refused at 18.' }).waitFor({ timeout: 5_000 });
    await view.screenshot('followers-refused-1280');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a voice for screen readers says the key events, the rejection with its reason', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    const voice = page.locator('.voice[aria-live="polite"]');
    await page.getByLabel('Speed').selectOption({ label: '5×' });
    await page.getByRole('button', { name: /Play/ }).click();
    await voice.filter({ hasText: 'becomes LEADER, term 33' }).waitFor({ timeout: 20_000 });
    await voice.filter({ hasText: 'token 33 < 34' }).waitFor({ timeout: 40_000 });
    assert.equal(await voice.locator('p').count(), 1, 'one announcement at a time');
    view.assertClean();
  } finally {
    await view.close();
  }
});
