// The served lab's wasm travels LZMA-packed (scripts/pack-wasm.mjs) and the page unpacks it
// with its own small decoder: the lab starts from those two files alone (its stylesheet
// and glue are inside the page) and fetches no unpacked wasm; and a pack that arrives damaged, or not at all, is named on the page instead of a
// blank lab.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, REPO_ROOT, VIEWPORTS } from './helpers.mjs';
import { startServer } from './serve.mjs';

const DIST = process.env.FL_DIST || join(REPO_ROOT, 'dist');
const PACKED = readdirSync(DIST).find((n) => n.endsWith('_bg.wasm.lzma'));

let browser;
before(async () => {
  assert.ok(PACKED, `${DIST} holds a packed wasm (a release build, scripts/build)`);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the lab starts from its packed wasm and its decoder, fetching no unpacked wasm', async (t) => {
  const server = await startServer({ root: DIST });
  t.after(() => server.close());
  const requests = [];
  const view = await openPage(browser, server.url, { viewport: VIEWPORTS.laptop, questions: false });
  t.after(() => view.close());
  // openPage has waited for the lab's heading; the picture is drawn from the same wasm.
  await view.page.locator('svg.cluster [data-node]').first().waitFor();
  const fetched = await view.page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name.split('/').pop()));
  requests.push(...fetched);
  assert.ok(requests.includes(PACKED), `fetched ${PACKED}: ${requests.join(', ')}`);
  assert.ok(requests.some((n) => /^unlzma-[0-9a-f]{16}\.wasm$/.test(n)), `fetched the decoder: ${requests.join(', ')}`);
  assert.ok(!requests.some((n) => n.endsWith('_bg.wasm')), `no unpacked wasm fetched: ${requests.join(', ')}`);
  // The stylesheet and the glue come inside the page: it asks for those two files alone.
  assert.deepEqual(requests.filter((n) => !n.startsWith('blob:')).length, 2, `fetched: ${requests.join(', ')}`);
  // Started, the page lets the unpacked bytes go (and the decoder's memory under them).
  assert.equal(await view.page.evaluate(() => window.fencingLabWasm), null);
  view.assertClean();
});

async function openBroken(t, damage) {
  const copy = mkdtempSync(join(tmpdir(), 'fencing-packed-'));
  t.after(() => rmSync(copy, { recursive: true }));
  cpSync(DIST, copy, { recursive: true });
  damage(join(copy, PACKED));
  const server = await startServer({ root: copy });
  t.after(() => server.close());
  // The page's own error (the start failed) is what is under test, and the console says it.
  const view = await openPage(browser, server.url, { waitFor: '[role="alert"]', allowConsole: [/./] });
  t.after(() => view.close());
  return (await view.page.locator('[role="alert"]').first().innerText()).trim();
}

test('a pack cut short in transit is named on the page, not a blank lab', async (t) => {
  const said = await openBroken(t, (file) => writeFileSync(file, readFileSync(file).subarray(0, 200_000)));
  assert.equal(said, `Fencing Lab could not start: ${PACKED} is damaged (cut short)`);
});

test('a pack missing from the server is named on the page', async (t) => {
  const said = await openBroken(t, (file) => rmSync(file));
  assert.equal(said, `Fencing Lab could not start: ${PACKED} could not be fetched (404)`);
});
