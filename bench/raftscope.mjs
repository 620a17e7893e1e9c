// The lab beside RaftScope (https://github.com/ongardie/raftscope, Diego Ongaro's Raft
// visualisation) in one headless Chromium run, at top speed (issue 31, item 4: main-thread
// time per frame at most ×0.7 of RaftScope's). Each round opens, in pages of their own at
// 1366 × 768:
//
//   the lab    7 nodes, 10% of messages dropped, 50×, questions off, played until an hour
//              of virtual time has passed, as the held-out comparison ran it (about 3.5
//              minutes: with losses, elections come often, and each new leader slows the
//              run to 0.5× for a moment), then stopped;
//   RaftScope  its own five servers, the speed slider at its fastest (model time as fast as
//              the wall clock), warmed for 5 s, then paused;
//
// then takes FL_RS_PAIRS (default 6) pairs of windows: one page plays while the other is
// stopped, for FL_RS_WINDOW_MS (default 10,000) of animation frames, and CDP
// Performance.getMetrics is read before and after (TaskDuration: all the main thread's
// work, script, style, layout and paint; ScriptDuration). Each pair gives a ratio, the
// lab's task time per frame over RaftScope's; which page goes first alternates. A pair's
// two windows are seconds apart, so a machine that slows down for a minute slows both
// sides of the pairs it spans: separate rounds, minutes apart, have given ratios from
// 0.53 to 0.86 for the same build. The figure is the median of every pair; not a test.
//
// RaftScope is not on any package registry, and nothing here fetches it: point
// FL_RAFTSCOPE_DIR at a copy of its repository with its two git submodules checked out
// (bootstrap-slider and bootstrap-contextmenu, at the commits its repository names):
//
//   git clone --recurse-submodules https://github.com/ongardie/raftscope /tmp/raftscope
//   FL_RAFTSCOPE_DIR=/tmp/raftscope FL_DIST=dist node bench/raftscope.mjs
//
// FL_RS_ROUNDS (default 1): fresh pages and an hour of play each. Writes
// target/bench/results/raftscope.json.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, returningVisitor } from '../e2e/helpers.mjs';
import { startServer } from '../e2e/serve.mjs';
import { DIST, metrics, saveResult } from './lib.mjs';

const RS_DIR = process.env.FL_RAFTSCOPE_DIR;
const ROUNDS = Number(process.env.FL_RS_ROUNDS || 1);
const PAIRS = Number(process.env.FL_RS_PAIRS || 6);
const WINDOW_MS = Number(process.env.FL_RS_WINDOW_MS || 10_000);
const VIEWPORT = { width: 1366, height: 768 };

const needed = ['index.html', 'script.js', 'bootstrap-slider/js/bootstrap-slider.js', 'bootstrap-contextmenu/bootstrap-contextmenu.js'];
const missing = RS_DIR ? needed.filter((f) => !existsSync(join(RS_DIR, f))) : needed;
if (missing.length) {
  console.error(
    `bench/raftscope.mjs: FL_RAFTSCOPE_DIR must name a RaftScope checkout with its submodules (missing: ${missing.join(', ')});\n` +
      '  git clone --recurse-submodules https://github.com/ongardie/raftscope /tmp/raftscope',
  );
  process.exit(2);
}

const lab = await startServer({ root: DIST });
const rs = await startServer({ root: RS_DIR });
const browser = await launchBrowser();

/** Frames drawn over `ms` of the page's own clock, and the main thread's work for them. */
async function window_(page, cdp) {
  const before = await metrics(cdp);
  const frames = await page.evaluate(
    (ms) =>
      new Promise((done) => {
        let n = 0;
        const t0 = performance.now();
        const tick = (t) => {
          n += 1;
          if (t - t0 < ms) requestAnimationFrame(tick);
          else done({ n, ms: t - t0 });
        };
        requestAnimationFrame(tick);
      }),
    WINDOW_MS,
  );
  const after = await metrics(cdp);
  const per = (k) => +(((after[k] - before[k]) * 1000) / frames.n).toFixed(2);
  return {
    frames: frames.n,
    fps: +((frames.n * 1000) / frames.ms).toFixed(1),
    task_ms_per_frame: per('TaskDuration'),
    script_ms_per_frame: per('ScriptDuration'),
  };
}

/** RaftScope warmed at its fastest, then paused: `play(on)` resumes or pauses it. */
async function openRaftScope() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(rs.url, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.playback === 'object' && window.$ && $('#speed').slider);
  // The slider is reversed: 0 is its fastest (1/1×, model time at the wall clock's pace).
  await page.evaluate(() => $('#speed').slider('setValue', 0));
  const play = async (on) => {
    await page.evaluate((on) => (on ? playback.resume() : playback.pause()), on);
    if ((await page.evaluate(() => !playback.isPaused())) !== on) throw new Error(`RaftScope would not ${on ? 'play' : 'pause'}`);
  };
  await play(true);
  await page.waitForTimeout(5_000);
  await play(false);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { name: 'RaftScope', page, cdp, play, errors, close: () => context.close() };
}

/** The lab's heavy run, an hour in, then stopped: `play(on)` plays or stops it. */
async function openLab() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(returningVisitor, true);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(lab.url, { waitUntil: 'load' });
  await page.locator('svg.cluster [data-node]').first().waitFor({ timeout: 30_000 });
  await page.locator('h1').first().click();
  await page.keyboard.press('q');
  await page.getByRole('switch', { name: 'Questions: off' }).waitFor({ timeout: 5_000 });
  await page.getByRole('button', { name: /Settings/ }).click();
  await page.locator('.tool-panel label.field:has(> span:text-is("Nodes")) select').selectOption('7');
  await page.locator('svg.cluster [data-node="6"]').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: /Settings/ }).click();
  await page.getByRole('button', { name: /Network/ }).click();
  await page.getByLabel('drop percentage').fill('10');
  await page.locator('.tool-panel fieldset', { hasText: 'Latency' }).getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: /Network/ }).click();
  const toolbar = page.locator('.toolbar');
  await toolbar.getByLabel('Speed').selectOption({ label: '50×' });
  const playing = () => page.evaluate(() => !/Play/.test(document.querySelector('.toolbar .btn.play').textContent));
  const play = async (on) => {
    if ((await playing()) !== on) await toolbar.locator('.btn.play').click();
    if ((await playing()) !== on) throw new Error(`the lab would not ${on ? 'play' : 'stop'}`);
  };
  const virtualS = () => page.evaluate(() => Number(document.querySelector('.scrub-time')?.textContent.match(/^([\d.]+) s/)?.[1] ?? 0));
  // An hour of virtual time; the default scenario's own end stops the run once, at 30 s.
  const deadline = Date.now() + 15 * 60_000;
  while ((await virtualS()) < 3600) {
    if (Date.now() > deadline) throw new Error(`the lab: not an hour in after 15 minutes (${await virtualS()} s)`);
    if (!(await playing())) await toolbar.locator('.btn.play').click();
    await page.waitForTimeout(1_000);
  }
  await play(false);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { name: 'the lab', page, cdp, play, errors, virtualS, close: () => context.close() };
}

/** One side's window: it plays for a second to settle, is measured, and stops again. */
async function measure(side) {
  await side.play(true);
  await side.page.waitForTimeout(1_000);
  const w = await window_(side.page, side.cdp);
  await side.play(false);
  if (side.errors.length) throw new Error(`${side.name}: page errors: ${side.errors.join('; ')}`);
  return w;
}

const pairs = [];
try {
  for (let r = 1; r <= ROUNDS; r++) {
    const theLab = await openLab();
    const raftscope = await openRaftScope();
    try {
      for (let p = 1; p <= PAIRS; p++) {
        // Which side goes first alternates, so neither always follows the other.
        const labFirst = p % 2 === 0;
        const b = labFirst ? await measure(theLab) : null;
        const a = await measure(raftscope);
        const lab_ = b ?? (await measure(theLab));
        const ratio = +(lab_.task_ms_per_frame / a.task_ms_per_frame).toFixed(2);
        pairs.push({ round: r, raftscope: a, lab: { ...lab_, virtual_s: await theLab.virtualS() }, ratio });
        console.log(`bench: round ${r}, pair ${p}: RaftScope ${JSON.stringify(a)}; the lab ${JSON.stringify(lab_)}; lab / RaftScope ${ratio}`);
      }
    } finally {
      await theLab.close();
      await raftscope.close();
    }
  }
} finally {
  await browser.close();
  await lab.close();
  await rs.close();
}
const ratios = pairs.map((x) => x.ratio).sort((x, y) => x - y);
const mid = (xs) => (xs.length % 2 ? xs[(xs.length - 1) / 2] : +((xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2).toFixed(3));
const median = mid(ratios);
const side = (k) => mid(pairs.map((x) => x[k].task_ms_per_frame).sort((x, y) => x - y));
console.log(
  `bench: the lab's main thread a frame over RaftScope's, top speed: median ${median} of ${ratios.length} pairs (${ratios.join(', ')}); ` +
    `medians: the lab ${side('lab')} ms, RaftScope ${side('raftscope')} ms a frame (issue 31 aims at ≤ 0.7)`,
);
await saveResult('raftscope', { viewport: VIEWPORT, window_ms: WINDOW_MS, pairs, median_ratio: median });
