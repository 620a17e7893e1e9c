// The one-file lab (dist/fencing-lab.html, packed by scripts/single-html.mjs) opened as a
// teacher opens it from a USB stick: a file:// URL, no server. It must start with nothing
// fetched but the file itself, run the zombie scenario to the rejection, and keep what
// does not need a server: links (the address is the file's), saving and importing files,
// progress kept in the browser. Screenshot: e2e/artifacts/single-file-1366.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, openPage, VIEWPORTS, REPO_ROOT } from './helpers.mjs';

const FILE = join(process.env.FL_DIST || join(REPO_ROOT, 'dist'), 'fencing-lab.html');
const FILE_URL = pathToFileURL(FILE).href;
// A context without clipboard permission may log the refusal; it is not a page error.
const allowConsole = [/clipboard|Clipboard|Write permission denied|Document is not focused/];

let browser;
before(async () => {
  await stat(FILE); // made by scripts/build; a missing file fails here, by name
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Open the file (with `hash`, e.g. '#run=…'), noting every request the page makes. */
async function openFile(hash = '', options = {}) {
  const requests = [];
  const base = FILE_URL.slice(0, FILE_URL.lastIndexOf('/') + 1);
  const view = await openPage(browser, base, {
    viewport: VIEWPORTS.laptop,
    allowConsole,
    questions: false,
    ...options,
    path: `fencing-lab.html${hash}`,
  }).catch((e) => {
    throw new Error(`${FILE_URL} did not open: ${e.message}`);
  });
  view.page.on('request', (r) => requests.push(r.url()));
  return { view, requests };
}

async function about(page) {
  const details = page.locator('details.about');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return {
    scenario: (await page.locator('.about-scenario').innerText()).trim(),
    time: (await page.locator('.about-time').innerText()).trim(),
    hash: (await page.locator('.about-hash').innerText()).trim(),
  };
}

test('opened from file://, the one file starts offline and shows the zombie write rejected, 33 < 34', async () => {
  const { view, requests } = await openFile('', { questions: true });
  try {
    const { page } = view;
    assert.ok(page.url().startsWith('file://'), page.url());
    await page.keyboard.press('q'); // questions off: this test is about the file, not the lesson
    await page.getByLabel('Scenario').selectOption('gc-pause-zombie');
    await page.getByLabel('Speed').selectOption({ label: '50×' });
    await page.getByRole('button', { name: /Play/ }).click();
    const rejected = page.locator('.storage-panel tr.write.rejected');
    await rejected.first().waitFor({ timeout: 30_000 });
    assert.match(await rejected.first().innerText(), /token 33 < 34/);
    await view.screenshot('single-file-1366');
    // Nothing fetched but the file: no glue, no wasm, no stylesheet, nothing else, neither
    // while it loaded (the page's resource timings) nor since (the requests seen).
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    const fetched = [...loaded, ...requests].filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(fetched, [], `fetched besides the file: ${fetched.join(', ')}`);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('the one file keeps links and saved files working without a server: a link reopens the run, a saved trace imports', async () => {
  const { view } = await openFile();
  try {
    const { page } = view;
    await page.getByLabel('Speed').selectOption({ label: '10×' });
    await page.getByRole('button', { name: '▶ Play', exact: true }).click();
    await page.waitForFunction(() => parseFloat(document.querySelector('.scrub-time').textContent) >= 6, null, { timeout: 60_000 });
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
    await page.keyboard.press('l'); // select the leader
    await page.keyboard.press('u'); // pause it until resumed
    await page.getByRole('button', { name: /Copy link/ }).click();
    const link = await page.locator('input.share-link').inputValue();
    assert.ok(link.startsWith(`${FILE_URL}#run=v2.`), `a link to this file: ${link.slice(0, 120)}`);
    const mine = await about(page);

    // Saving works (a download from a blob).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Trace (.jsonl)' }).click(),
    ]);
    const trace = await readFile(await download.path(), 'utf8');
    assert.ok(trace.includes(`"trace_hash":"${mine.hash}"`), 'the saved trace names the hash shown');

    // The link opens the same run in another page of the same file.
    const other = await openFile(new URL(link).hash);
    try {
      assert.deepEqual(await about(other.view.page), mine);
      // And the saved trace imports there.
      await other.view.page.locator('input.import-file').setInputFiles({
        name: download.suggestedFilename(),
        mimeType: 'application/json',
        buffer: Buffer.from(trace),
      });
      assert.equal((await about(other.view.page)).hash, mine.hash);
      assert.equal(await other.view.page.locator('.notice').count(), 0);
      other.view.assertClean();
    } finally {
      await other.view.close();
    }
    view.assertClean();
  } finally {
    await view.close();
  }
});

test("the one file keeps a student's progress across a reload: a challenge won stays done", async () => {
  const { view } = await openFile('#challenge=corrupt-with-one-pause', { questions: true, waitFor: '.challenge' });
  try {
    const { page } = view;
    const card = page.locator('.challenge');
    // Play until a leader is elected, then freeze it at the worst moment (Shift+P).
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press(' ');
    await page.locator('.findings', { hasText: 'leader n' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('l');
    await page.keyboard.press('Shift+P');
    await page.keyboard.press('Escape');
    await card.locator('.success').waitFor({ timeout: 60_000 });
    const link = await card.getByLabel('link to the winning run').inputValue();
    assert.ok(link.startsWith(`${FILE_URL}#run=v2`), link.slice(0, 120));
    // The win is kept in this browser before the reload (a wait on that state, with the
    // stored text in the message should it never come).
    await page.waitForFunction(
      // Its challenges (a prediction in the challenge's scenario also names it).
      () => 'corrupt-with-one-pause' in (JSON.parse(localStorage.getItem('fencing-lab.progress') ?? '{}').challenges ?? {}),
      null,
      { timeout: 10_000 },
    ).catch(async () => {
      const kept = await page.evaluate(() => localStorage.getItem('fencing-lab.progress'));
      assert.fail(`the win was not kept in this browser: ${kept}`);
    });
    await page.reload({ waitUntil: 'load' });
    await page.locator('.challenge').waitFor();
    await page.keyboard.press('g');
    const path = page.getByRole('dialog', { name: 'Lesson path' });
    await path.waitFor();
    // The count as the dialog settles (with what this browser keeps, should it never say 1).
    await path
      .locator('.summary', { hasText: /^1 of \d+ done$/ })
      .waitFor({ timeout: 10_000 })
      .catch(async () => {
        const [summary, kept] = [
          await path.locator('.summary').innerText(),
          await page.evaluate(() => localStorage.getItem('fencing-lab.progress')),
        ];
        assert.fail(`after the reload the path says "${summary}"; this browser keeps: ${kept}`);
      });
    assert.match(await path.locator('li.entry', { hasText: 'Corrupt the data with one pause' }).getAttribute('class'), /\bdone\b/);
    view.assertClean();
  } finally {
    await view.close();
  }
});
