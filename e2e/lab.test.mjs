// The lab driven as a person would, with clicks and keys only, against the built app:
// the zombie's write is rejected with "33 < 34"; without fencing it is accepted as stale;
// pausing the leader from the keyboard gets a new term elected; splitting the network
// raises the wall and drops messages. Screenshots: e2e/artifacts/lab-*.png.

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

async function chooseScenario(page, name) {
  await page.getByLabel('Scenario').selectOption(name);
}

async function chooseSpeed(page, text) {
  await page.getByLabel('Speed').selectOption({ label: text });
}

/** The numbers on the nodes: { id, leader, term, text } for each. */
async function nodes(page) {
  return page.locator('svg.cluster [data-node]').evaluateAll((els) =>
    els.map((el) => ({
      id: Number(el.getAttribute('data-node')),
      leader: el.classList.contains('role-leader'),
      paused: el.classList.contains('paused'),
      term: Number((el.querySelector('.term')?.textContent || '').replace(/\D/g, '')),
      text: el.textContent,
    })),
  );
}

test('gc-pause-zombie at high speed: the storage rejects the zombie write, 33 < 34', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.projector, questions: false });
  try {
    const { page } = view;
    await chooseScenario(page, 'gc-pause-zombie');
    await chooseSpeed(page, '50×');
    await page.getByRole('button', { name: /Play/ }).click();
    const rejected = page.locator('.storage-panel tr.write.rejected');
    await rejected.first().waitFor({ timeout: 30_000 });
    // Held just after the rejection: the picture the README shows.
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
    const row = await rejected.first().innerText();
    assert.match(row, /token 33 < 34/);
    assert.match(row, /n\d/);
    assert.equal(await page.locator('.storage-panel tr.write.stale').count(), 0);
    assert.match(await page.locator('[data-finding="rejected"]').innerText(), /1 write rejected/);
    assert.match(await page.locator('[data-finding="violations"]').innerText(), /no safety violation/);
    await view.screenshot('lab-zombie-1920');
    const serious = (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(serious.length, 0, `axe, mid-scenario:\n${describeViolations(serious)}`);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('the same with fencing off: the stale write is accepted and marked as corruption', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    await chooseScenario(page, 'gc-pause-zombie');
    const fencing = page.getByRole('switch', { name: /Fencing/ });
    await fencing.click();
    assert.equal(await fencing.getAttribute('aria-checked'), 'false');
    await chooseSpeed(page, '50×');
    await page.getByRole('button', { name: /Play/ }).click();
    const stale = page.locator('.storage-panel tr.write.stale');
    await stale.first().waitFor({ timeout: 30_000 });
    const row = await stale.first().innerText();
    assert.match(row, /ACCEPTED stale token 33 \(fencing off; it had seen 34\)/);
    assert.doesNotMatch(row, /token 33 < 34/, 'a stale write taken never reads like a refusal');
    assert.match(row, /data corrupted/);
    assert.equal(await page.locator('.storage-panel tr.write.rejected').count(), 0);
    assert.match(await page.locator('[data-finding="stale"]').innerText(), /1 stale write taken/);
    // The narration was written for fencing on: the page says the run departs from it,
    // and tells what happens instead.
    assert.match(await page.locator('.narration li.departed').innerText(), /you switched fencing off/);
    await page.locator('.narration li.live', { hasText: 'STALE' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.narration li.scripted', { hasText: 'refuses it' }).count(), 0);
    await view.screenshot('lab-no-fencing-1366');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('keyboard alone: pause the leader and a new term is elected', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    // The default scenario has a leader after about 2 s; run at 2× until one appears.
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('svg.cluster .node.role-leader') !== null, null, {
      timeout: 20_000,
    });
    await page.keyboard.press('Space');
    const before = (await nodes(page)).find((n) => n.leader);
    assert.ok(before, 'a leader');
    await page.keyboard.press('l'); // select the leader
    await page.keyboard.press('u'); // pause it until resumed
    let now = await nodes(page);
    assert.ok(now.find((n) => n.id === before.id).paused, 'the leader is frozen');
    assert.match(now.find((n) => n.id === before.id).text, /paused until resumed/);
    await page.keyboard.press('Shift+Equal'); // '+': faster
    await page.keyboard.press('Space');
    await page.waitForFunction(
      ([old, term]) =>
        [...document.querySelectorAll('svg.cluster .node.role-leader')].some(
          (el) =>
            Number(el.getAttribute('data-node')) !== old &&
            Number(el.querySelector('.term').textContent.replace(/\D/g, '')) > term,
        ),
      [before.id, before.term],
      { timeout: 30_000 },
    );
    await page.keyboard.press('Space');
    now = await nodes(page);
    const fresh = now.find((n) => n.leader && n.id !== before.id);
    assert.equal(fresh.term, before.term + 1, 'the new leader holds the next term');
    assert.ok(now.find((n) => n.id === before.id).paused, 'the old leader is still frozen');
    await view.screenshot('lab-keyboard-pause-1366');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('split the network: the wall appears and messages across it are dropped', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.projector, questions: false });
  try {
    const { page } = view;
    await chooseScenario(page, 'gc-pause-zombie');
    await chooseSpeed(page, '1×');
    await page.getByRole('button', { name: /Play/ }).click();
    await page.waitForFunction(() => document.querySelector('svg.cluster .node.role-leader') !== null, null, {
      timeout: 20_000,
    });
    assert.equal(await page.locator('svg.cluster .wall').count(), 0);
    // n0 and n1 on side B with the lease store; the storage reaches both sides. The
    // network panel opens beside the picture.
    await page.getByRole('button', { name: /Network/ }).click();
    const inForce = page.locator('.tool-panel .in-force');
    assert.equal(await inForce.innerText(), 'In force now: no partition; the network is whole.');
    await page.getByRole('radio', { name: 'n0 on side B' }).check();
    await page.getByRole('radio', { name: 'n1 on side B' }).check();
    await page.getByRole('radio', { name: 'lease store on side B' }).check();
    await page.getByRole('radio', { name: 'storage on both sides' }).check();
    await page.getByRole('button', { name: /Split the network/ }).click();
    const wall = page.locator('svg.cluster .wall');
    await wall.waitFor({ timeout: 5_000 });
    assert.match(await wall.textContent(), /PARTITION/);
    // The controls show the partition in force, not only the plan.
    await inForce.filter({ hasText: 'n0, n1, lease store on side B; storage on both sides' }).waitFor({ timeout: 5_000 });
    await page.locator('svg.cluster .drop-mark').first().waitFor({ timeout: 15_000 });
    await view.screenshot('lab-split-1920');
    // The log says why: blocked by the partition.
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Messages' }).check();
    // The filtered log is drawn after the click is handled, and the page draws it only on
    // screen (`content-visibility: auto`: until then its innerText is empty): read it
    // scrolled to, as a person does, once drawn.
    const log = page.locator('.log .events');
    await log.scrollIntoViewIfNeeded();
    await page
      .waitForFunction(() => document.querySelector('.log .events')?.innerText.includes('blocked by the partition'), null, {
        timeout: 5_000,
      })
      .catch(() => {});
    const logText = await log.innerText();
    assert.ok(logText.includes('blocked by the partition'), `the log says why a message was dropped:\n${logText.slice(0, 2000)}`);
    await page.getByRole('button', { name: 'Heal', exact: true }).click();
    await wall.waitFor({ state: 'detached', timeout: 5_000 });
    // Heal clears what the table shows as well as the wall.
    await inForce.filter({ hasText: 'no partition' }).waitFor({ timeout: 5_000 });
    assert.ok(await page.getByRole('radio', { name: 'n0 on side A' }).isChecked());
    assert.ok(await page.getByRole('radio', { name: 'storage on side A' }).isChecked());
    // One link, one way: n2 → storage. Picking a link in the picture opens the panel.
    await page.getByRole('button', { name: 'close the panel' }).click();
    await page.locator('svg.cluster .link .hit').first().click({ force: true }); // picks a link
    await page.getByLabel('link from').selectOption('2');
    await page.getByLabel('link to').selectOption('storage');
    await page.getByRole('button', { name: '✕ Cut n2 → storage' }).click();
    assert.match(await page.locator('svg.cluster .odd-link.cut').textContent(), /n2 → storage cut/);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('the shortcut list opens with ? and closes with Esc; presentation mode enlarges the text', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, reducedMotion: 'reduce', questions: false });
  try {
    const { page } = view;
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /pause it at the worst moment/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // On a laptop the header's button opens it too.
    await page.getByRole('button', { name: '? Keys' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.lab')).fontSize));
    const small = await size();
    await page.keyboard.press('m');
    assert.ok((await size()) > small * 1.2);
    assert.equal(await page.locator('.lab.reduced-motion').count(), 1, 'reduced motion is honoured');
    await view.screenshot('lab-presentation-1366');
    view.assertClean();
  } finally {
    await view.close();
  }
});
