// A network slowed by a week, played at top speed: does the page stay light? Every link
// between the five nodes of gc-pause-zombie gets an extra delay of a week (the most the
// field takes), set by hand in the Network panel, and the run plays at the fastest speed
// with questions off. Every message sent on those links stays in flight for a week, so
// they pile up: tens of thousands within a minute. Every 10 s of real time the script
// counts the frames of 2 s and reads the wasm memory (its linear memory never shrinks:
// the high-water mark). Before the snapshot kept a few of each kind on a link and the
// keyframes were thinned by the messages they hold, the memory reached 2 GB in 90 s.
// A figure, not a test.
//
//   FL_DIST=dist node bench/slow-link.mjs      (FL_SLOW_LINK_S: seconds to play, 100)
// Writes target/bench/results/slow-link.json.

import { launchBrowser, returningVisitor } from '../e2e/helpers.mjs';
import { startServer } from '../e2e/serve.mjs';
import { DIST, keepWasmExports, saveResult } from './lib.mjs';

const SECONDS = Number(process.env.FL_SLOW_LINK_S || 100);
const WEEK_MS = '604800000';
const NODES = ['n0', 'n1', 'n2', 'n3', 'n4'];

const server = await startServer({ root: DIST });
const browser = await launchBrowser();
const samples = [];
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(returningVisitor, true);
  await context.addInitScript(keepWasmExports);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('crash', () => problems.push('the page crashed'));
  await page.goto(server.url, { waitUntil: 'load' });
  await page.locator('svg.cluster [data-node]').first().waitFor({ timeout: 30_000 });
  await page.locator('h1').first().click();
  await page.keyboard.press('q');
  await page.getByRole('switch', { name: 'Questions: off' }).waitFor({ timeout: 5_000 });
  await page.getByRole('button', { name: /Network/ }).click();
  const delay = page.locator('.tool-panel label.field:has(> span:text-is("Extra delay")) input');
  for (const from of NODES) {
    for (const to of NODES) {
      if (from === to) continue;
      await page.getByLabel('link from').selectOption({ label: from });
      await page.getByLabel('link to').selectOption({ label: to });
      await delay.fill(WEEK_MS);
      await delay.press('Enter');
      await page.getByRole('button', { name: '◷ Delay' }).click();
    }
  }
  await page.getByRole('button', { name: /Network/ }).click();
  const toolbar = page.locator('.toolbar');
  const speeds = await toolbar.getByLabel('Speed').locator('option').allTextContents();
  await toolbar.getByLabel('Speed').selectOption({ label: speeds.at(-1) });
  await toolbar.locator('.btn.play').click();
  const started = Date.now();
  while (Date.now() - started < SECONDS * 1000) {
    await page.waitForTimeout(10_000);
    // The scenario's own end stops the run once: play on.
    if (await page.evaluate(() => /Play/.test(document.querySelector('.toolbar .btn.play').textContent))) {
      await toolbar.locator('.btn.play').click();
    }
    const s = await Promise.race([
      page.evaluate(
        () =>
          new Promise((done) => {
            let n = 0;
            const t0 = performance.now();
            const tick = (t) => {
              n += 1;
              if (t - t0 < 2000) requestAnimationFrame(tick);
              else
                done({
                  fps: +((n * 1000) / (t - t0)).toFixed(1),
                  wasm_mib: Math.round(window.__flWasm.memory.buffer.byteLength / 1048576),
                  virtual: document.querySelector('.scrub-time')?.textContent.split(' / ')[0],
                });
            };
            requestAnimationFrame(tick);
          }),
      ),
      new Promise((r) => setTimeout(() => r({ unanswered: true }), 30_000)),
    ]);
    const sample = { real_s: Math.round((Date.now() - started) / 1000), ...s };
    samples.push(sample);
    console.log(`bench: slow link: ${JSON.stringify(sample)}`);
    if (s.unanswered) throw new Error('the page did not answer within 30 s');
  }
  if (problems.length) throw new Error(problems.join('; '));
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
const last = samples.at(-1);
console.log(`bench: a week's delay on every link, top speed, after ${last.real_s} s: ${last.fps} fps, wasm memory ${last.wasm_mib} MiB (virtual ${last.virtual})`);
await saveResult('slow-link', { seconds: SECONDS, samples });
