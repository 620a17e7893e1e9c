// The page in headless Chromium on 127.0.0.1 (the release build, served statically):
//
// 1. First cluster: FL_BENCH_LOADS (default 10) fresh loads, each in a new browser context
//    (empty cache), navigated to once the new window has settled (headless Chromium's new
//    window loads its own pages first: see freshLoad); and as many navigated to at once,
//    while the window is still opening (the way this part measured before 2026-12-07),
//    the two alternating. In the page, from navigation start (performance.timeOrigin):
//    when the first `svg.cluster [data-node]` enters the DOM, and the next animation
//    frame's callback (the start of the first frame that can show it: the figure issue
//    31's item 3 is read from, in the settled window). Plus DOMContentLoaded, the wasm
//    download end, and the first contentful paint (the body holds nothing to paint before
//    the app's first render, so this is when the picture is first painted: after that
//    frame's style, layout and paint, and the compositor's raster, in software in
//    headless Chromium).
// 2. A long session at 1920×1080: 7 nodes, 50×, with a network partition (n5, n6 on side
//    B, the storage on both sides) and a paused node (the leader, paused until resumed).
//    Once virtual time passes 1 h: FL_BENCH_WINDOWS (default 3) windows of 10 s each of
//    frame gaps (requestAnimationFrame timestamps, measured in the page) with CDP
//    Performance.getMetrics before and after each window for script and task time per
//    frame. Then on to 4 h of virtual time (FL_BENCH_SESSION_H), sampling memory every
//    15 virtual minutes after a forced GC: JS heap (CDP), DOM nodes, event listeners and
//    the wasm linear memory size. At the end, paused, FL_BENCH_SEEKS (default 12) seeks with
//    the timeline's scrubber (an `input` event on input.scrubber) to targets spread over the
//    session, each timed in the page from the event to the end of the next animation frame
//    after the scrubber's time label shows the target (the frame that shows the result).
//
// 3. Frame headroom: after the frame windows of (2), one more window of 10 s with Chromium's
//    CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), a school laptop's speed: frames
//    drawn, missed vsyncs, script time per frame.
// 4. A slow school laptop: Chromium's CPU slowed 4× (CDP Emulation.setCPUThrottlingRate,
//    rate 4) from before Play, in two fresh pages at 1366×768: gc-pause-zombie at its own
//    default speed (1×) from its start, and 7 nodes at 50× (the default scenario run once
//    to its end, then on); FL_BENCH_SLOW_MS (default 10,000) of frames each, as frames a
//    second, frame gaps and missed vsyncs, and script and task time per frame (CDP
//    Performance.getMetrics, less noisy than frames a second). A figure, not a test.
// 5. Seeks in a long run: a link to gc-pause-zombie at FL_BENCH_LONG_H (default 8) hours of
//    virtual time, opened in a fresh page (the page replays it, taking keyframes as it
//    goes); the wasm memory then, and FL_BENCH_SEEKS × 2 scrubber seeks spread over the run.
//
//   FL_DIST=target/bench/dist node bench/page.mjs
//   FL_BENCH_PARTS=long FL_BENCH_LONG_H=2 …   (one part, a shorter long run)
// Writes target/bench/results/page.json. FL_BENCH_PROFILE=1 also records CPU profiles of
// the frame windows and of the seeks (target/bench/results/frames.cpuprofile and
// seeks.cpuprofile), and of each slow-laptop window (slow-zombie_default_speed.cpuprofile,
// slow-seven_nodes_50x.cpuprofile); bench/profile-top.mjs summarises them, Chrome
// DevTools opens them.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, linkSum, returningVisitor } from '../e2e/helpers.mjs';
import { startServer } from '../e2e/serve.mjs';
import { DIST, OUT_DIR, keepWasmExports, machineQuiet, metrics, saveResult, summary } from './lib.mjs';

const LOADS = Number(process.env.FL_BENCH_LOADS || 10);
const WINDOWS = Number(process.env.FL_BENCH_WINDOWS || 3);
const WINDOW_MS = 10_000;
const VSYNC_MS = 1000 / 60;
const SESSION_H = Number(process.env.FL_BENCH_SESSION_H || 4);
const FRAMES_AT_S = Number(process.env.FL_BENCH_FRAMES_AT_S || 3600);
const MEMORY_EVERY_S = 900;
const PROFILE = process.env.FL_BENCH_PROFILE === '1';
const SEEKS = Number(process.env.FL_BENCH_SEEKS || 12);
const LONG_H = Number(process.env.FL_BENCH_LONG_H || 8);
const SLOW_MS = Number(process.env.FL_BENCH_SLOW_MS || 10_000);
// Which parts to run (all by default): first, session, slow, long.
const PARTS = (process.env.FL_BENCH_PARTS || 'first,session,slow,long').split(',');

if (PROFILE) await mkdir(OUT_DIR, { recursive: true });
const server = await startServer({ root: DIST });
const browser = await launchBrowser();
const result = { url: server.url };
try {
  if (PARTS.includes('first')) result.first_cluster = await firstCluster();
  if (PARTS.includes('session')) result.session = await session();
  if (PARTS.includes('slow')) result.slow_laptop = await slowLaptop();
  if (PARTS.includes('long')) result.long_run = await longRunSeeks();
  await saveResult('page', result);
} finally {
  await browser.close();
  await server.close();
}

async function firstCluster() {
  const settled = [];
  const opening = [];
  // The two ways alternate, each first in every other round, so both share the hour.
  for (let i = 0; i < LOADS; i++) {
    for (const settle of i % 2 ? [false, true] : [true, false]) {
      (settle ? settled : opening).push(await freshLoad(settle));
    }
  }
  const out = { loads: LOADS, ...loadSummary(settled), window_opening: loadSummary(opening) };
  const waits = settled.map((l) => l.window_settled_ms);
  out.window_settled_ms = summary(waits, 0);
  out.window_never_quiet = settled.filter((l) => l.window_quiet === false).length;
  console.log(`bench: first cluster drawn (ms from navigation, ${LOADS} fresh loads in a settled window): ${JSON.stringify(out.ms.cluster_frame)}`);
  console.log(`bench: first contentful paint, the picture painted (ms from navigation): ${JSON.stringify(out.ms.first_contentful_paint)}`);
  console.log(
    `bench:   the window settled in ${JSON.stringify(out.window_settled_ms)} ms` +
      (out.window_never_quiet ? `; ${out.window_never_quiet} of ${LOADS} never quiet (waited the most)` : ''),
  );
  console.log(`bench: first cluster drawn while the new window is still opening (${LOADS} fresh loads): ${JSON.stringify(out.window_opening.ms.cluster_frame)}`);
  console.log(`bench: first contentful paint, the window still opening: ${JSON.stringify(out.window_opening.ms.first_contentful_paint)}`);
  return out;
}

/** { ms: { figure: summary } for each figure, raw } of fresh loads. */
function loadSummary(loads) {
  const pick = (k) => summary(loads.map((l) => l[k]).filter((x) => x != null), 1);
  return {
    ms: {
      dom_content_loaded: pick('dom_content_loaded'),
      wasm_downloaded: pick('wasm_downloaded'),
      cluster_in_dom: pick('cluster_in_dom'),
      cluster_frame: pick('cluster_frame'),
      first_contentful_paint: pick('first_contentful_paint'),
    },
    raw: loads,
  };
}

/**
 * One fresh load: a new browser context (empty cache and storage) at 1366×768, a return
 * visit. With `settle`, the new window is left to open first (machineQuiet: headless
 * Chromium's new window loads its own pages for about 0.7 s), as a visitor's window has
 * long been open when they follow a link; without, the lab is navigated to at once and
 * shares the machine with the window's own start (the way this part measured before
 * 2026-12-07; BENCHMARKS.md).
 */
async function freshLoad(settle) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(returningVisitor, true);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__flFirst = new Promise((done) => {
      const seen = () => {
        const inDom = performance.now();
        requestAnimationFrame(() => done({ inDom, frame: performance.now() }));
      };
      const check = () => document.querySelector('svg.cluster [data-node]');
      const mo = new MutationObserver(() => {
        if (check()) {
          mo.disconnect();
          seen();
        }
      });
      mo.observe(document, { childList: true, subtree: true });
    });
  });
  const wait = settle ? await machineQuiet() : null;
  await page.goto(server.url, { waitUntil: 'commit' });
  const t = await page.evaluate(async () => {
    const first = await window.__flFirst;
    const nav = performance.getEntriesByType('navigation')[0];
    // The wasm as served: LZMA-packed in a release build (scripts/pack-wasm.mjs).
    const wasm = performance.getEntriesByType('resource').find((r) => /_bg\.wasm(\.lzma)?$/.test(r.name));
    const paint = await new Promise((done) => {
      const since = performance.now();
      const look = () => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        if (fcp || performance.now() - since > 5000) done(fcp ? fcp.startTime : null);
        else setTimeout(look, 20);
      };
      look();
    });
    return {
      dom_content_loaded: nav.domContentLoadedEventEnd,
      wasm_downloaded: wasm ? wasm.responseEnd : null,
      cluster_in_dom: first.inDom,
      cluster_frame: first.frame,
      first_contentful_paint: paint,
    };
  });
  await context.close();
  return wait ? { ...t, window_settled_ms: wait.waited_ms, window_quiet: wait.quiet } : t;
}

async function virtualSeconds(page) {
  const t = await page.locator('.finding.time').innerText();
  return Number(t.match(/([\d.]+) s/)[1]);
}

/** Frame gaps (ms) over `ms` of real time, measured in the page. */
function sampleFrames(page, ms) {
  return page.evaluate(
    (ms) =>
      new Promise((done) => {
        const gaps = [];
        let last = null;
        const t0 = performance.now();
        const frame = (ts) => {
          if (last !== null) gaps.push(ts - last);
          last = ts;
          if (ts - t0 < ms) requestAnimationFrame(frame);
          else done(gaps);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

async function memorySample(page, cdp, vs) {
  await cdp.send('HeapProfiler.collectGarbage');
  const m = await metrics(cdp);
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmBytes = await page.evaluate(() => window.__flWasm?.memory?.buffer?.byteLength ?? null);
  return {
    virtual_s: vs,
    js_heap_used_kib: Math.round(m.JSHeapUsedSize / 1024),
    js_heap_total_kib: Math.round(m.JSHeapTotalSize / 1024),
    heap_usage_used_kib: Math.round(heap.usedSize / 1024),
    wasm_memory_kib: wasmBytes == null ? null : wasmBytes / 1024,
    dom_nodes: m.Nodes,
    js_event_listeners: m.JSEventListeners,
  };
}

async function session() {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(returningVisitor, true);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.addInitScript(keepWasmExports);
  await page.goto(server.url, { waitUntil: 'load' });
  await page.locator('svg.cluster [data-node]').first().waitFor({ timeout: 30_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  const toolbar = page.locator('.toolbar');
  // Seven nodes (the settings panel), then 50×.
  await page.getByRole('button', { name: /Settings/ }).click();
  await page.locator('.tool-panel label.field:has(> span:text-is("Nodes")) select').selectOption('7');
  await page.locator('svg.cluster [data-node="6"]').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: /Settings/ }).click();
  await toolbar.getByLabel('Speed').selectOption({ label: '50×' });
  const play = page.locator('.toolbar .btn.play');
  const playing = () => page.evaluate(() => !/Play/.test(document.querySelector('.toolbar .btn.play').textContent));
  // Run the default scenario to its end (which stops play once) so a leader exists.
  await play.click();
  await page.waitForFunction(() => /Play/.test(document.querySelector('.toolbar .btn.play').textContent), null, {
    timeout: 60_000,
  });
  // A partition: n5 and n6 on side B, the storage reachable from both sides (the network
  // panel's plan).
  await page.getByRole('button', { name: /Network/ }).click();
  await page.getByRole('radio', { name: 'n5 on side B' }).check();
  await page.getByRole('radio', { name: 'n6 on side B' }).check();
  await page.getByRole('radio', { name: 'storage on both sides' }).check();
  await page.getByRole('button', { name: /Split the network/ }).click();
  await page.locator('svg.cluster .wall').waitFor({ timeout: 5_000 });
  await page.getByRole('button', { name: /Network/ }).click();
  // A paused node: select the leader (l) and pause it until resumed (u).
  await page.locator('h1').first().click();
  await page.keyboard.press('l');
  await page.keyboard.press('u');
  await page.locator('svg.cluster .node.paused').first().waitFor({ timeout: 5_000 });
  await play.click();
  if (!(await playing())) throw new Error('could not start play');

  const t0 = Date.now();
  const memory = [await memorySample(page, cdp, await virtualSeconds(page))];
  let nextMemory = MEMORY_EVERY_S;
  let frames = null;
  const endS = SESSION_H * 3600;
  for (;;) {
    const vs = await virtualSeconds(page);
    if (!(await playing())) throw new Error(`play stopped at ${vs} s of virtual time`);
    if (frames === null && vs >= FRAMES_AT_S) frames = await frameWindows(page, cdp, vs);
    if (vs >= nextMemory) {
      memory.push(await memorySample(page, cdp, vs));
      console.log(`bench: memory at ${vs} s virtual: ${JSON.stringify(memory.at(-1))}`);
      nextMemory += MEMORY_EVERY_S;
    }
    if (vs >= endS) break;
    await page.waitForTimeout(500);
  }
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const seek = await scrubberSeeks(page);
  if (PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(join(OUT_DIR, 'seeks.cpuprofile'), JSON.stringify(profile));
    console.log(`bench: wrote ${join(OUT_DIR, 'seeks.cpuprofile')}`);
  }
  const state = await page.evaluate(() => ({
    nodes: document.querySelectorAll('svg.cluster [data-node]').length,
    paused: document.querySelectorAll('svg.cluster .node.paused').length,
    wall: document.querySelectorAll('svg.cluster .wall').length,
  }));
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { real_s: Math.round((Date.now() - t0) / 1000), end_state: state, frames, memory, seek };
}

async function frameWindows(page, cdp, vs) {
  const windows = [];
  const all = [];
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  for (let i = 0; i < WINDOWS; i++) {
    const before = await metrics(cdp);
    const gaps = await sampleFrames(page, WINDOW_MS);
    const after = await metrics(cdp);
    const n = gaps.length;
    const per = (k) => +(((after[k] - before[k]) * 1000) / n).toFixed(2);
    const w = {
      at_virtual_s: await virtualSeconds(page),
      frames: n,
      gap_ms: summary(gaps, 2),
      over_16_7_ms: gaps.filter((g) => g > 16.7).length,
      // A 60 Hz display's frames are 16.67 ms apart; timestamps jitter by ±0.1 ms, so a gap
      // of 16.8 ms is a frame on time. Missed vsyncs: the frames a gap skipped.
      missed_vsyncs: gaps.reduce((n, g) => n + Math.max(0, Math.round(g / VSYNC_MS) - 1), 0),
      script_ms_per_frame: per('ScriptDuration'),
      task_ms_per_frame: per('TaskDuration'),
      layout_ms_per_frame: per('LayoutDuration'),
      style_ms_per_frame: per('RecalcStyleDuration'),
    };
    windows.push(w);
    all.push(...gaps);
    console.log(`bench: frames window ${i + 1}: ${JSON.stringify(w)}`);
  }
  if (PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(join(OUT_DIR, 'frames.cpuprofile'), JSON.stringify(profile));
    console.log(`bench: wrote ${join(OUT_DIR, 'frames.cpuprofile')}`);
  }
  // A school laptop: the same window with the CPU slowed 4×.
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const before = await metrics(cdp);
  const slowGaps = await sampleFrames(page, WINDOW_MS);
  const after = await metrics(cdp);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const throttled = {
    rate: 4,
    frames: slowGaps.length,
    gap_ms: summary(slowGaps, 2),
    missed_vsyncs: slowGaps.reduce((n, g) => n + Math.max(0, Math.round(g / VSYNC_MS) - 1), 0),
    script_ms_per_frame: +(((after.ScriptDuration - before.ScriptDuration) * 1000) / slowGaps.length).toFixed(2),
    task_ms_per_frame: +(((after.TaskDuration - before.TaskDuration) * 1000) / slowGaps.length).toFixed(2),
  };
  console.log(`bench: frames with the CPU slowed 4×: ${JSON.stringify(throttled)}`);
  const med = (k) => summary(windows.map((w) => w[k]), 2);
  return {
    throttled_4x: throttled,
    started_at_virtual_s: vs,
    window_ms: WINDOW_MS,
    all_gaps_ms: summary(all, 2),
    missed_vsyncs: windows.reduce((n, w) => n + w.missed_vsyncs, 0),
    script_ms_per_frame: med('script_ms_per_frame'),
    task_ms_per_frame: med('task_ms_per_frame'),
    windows,
  };
}

/** Frames a second (and gaps) over SLOW_MS of real time, measured in the page. */
async function framesPerSecond(page) {
  const gaps = await sampleFrames(page, SLOW_MS);
  const total = gaps.reduce((a, g) => a + g, 0);
  return {
    fps: +((gaps.length * 1000) / total).toFixed(1),
    frames: gaps.length,
    window_ms: Math.round(total),
    gap_ms: summary(gaps, 2),
    missed_vsyncs: gaps.reduce((n, g) => n + Math.max(0, Math.round(g / VSYNC_MS) - 1), 0),
  };
}

/** A school laptop: the CPU slowed 4× from before Play, in a fresh page each. */
async function slowLaptop() {
  const out = { cpu_slowdown: 4, viewport: '1366x768' };
  for (const which of ['zombie_default_speed', 'seven_nodes_50x']) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    // A returning visitor with All tools on, as the other parts: Settings is one of them.
    await context.addInitScript(returningVisitor, true);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url, { waitUntil: 'load' });
    await page.locator('svg.cluster [data-node]').first().waitFor({ timeout: 30_000 });
    // No lesson question may stop the run.
    await page.locator('h1').first().click();
    await page.keyboard.press('q');
    await page.getByRole('switch', { name: 'Questions: off' }).waitFor({ timeout: 5_000 });
    const toolbar = page.locator('.toolbar');
    const play = page.locator('.toolbar .btn.play');
    await toolbar.getByLabel('Scenario').selectOption('gc-pause-zombie');
    if (which === 'seven_nodes_50x') {
      await page.getByRole('button', { name: /Settings/ }).click();
      await page.locator('.tool-panel label.field:has(> span:text-is("Nodes")) select').selectOption('7');
      await page.locator('svg.cluster [data-node="6"]').waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: /Settings/ }).click();
      await toolbar.getByLabel('Speed').selectOption({ label: '50×' });
      await play.click();
      await page.waitForFunction(() => /Play/.test(document.querySelector('.toolbar .btn.play').textContent), null, {
        timeout: 60_000,
      });
    }
    const speed = await toolbar.getByLabel('Speed').evaluate((s) => s.selectedOptions[0].textContent);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await play.click();
    const before = await metrics(cdp);
    const f = await framesPerSecond(page);
    const after = await metrics(cdp);
    // Main-thread time per frame (of the slowed CPU): less noisy than frames a second.
    const per = (k) => +(((after[k] - before[k]) * 1000) / f.frames).toFixed(2);
    f.script_ms_per_frame = per('ScriptDuration');
    f.task_ms_per_frame = per('TaskDuration');
    f.layout_ms_per_frame = per('LayoutDuration');
    f.style_ms_per_frame = per('RecalcStyleDuration');
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      const file = join(OUT_DIR, `slow-${which}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      console.log(`bench: wrote ${file}`);
    }
    const playing = await page.evaluate(() => !/Play/.test(document.querySelector('.toolbar .btn.play').textContent));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const virtual_s = await virtualSeconds(page);
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    if (!playing) throw new Error(`${which}: play stopped within the window`);
    out[which] = { speed, ...f, virtual_s_at_end: virtual_s };
    console.log(`bench: CPU slowed 4×, ${which} (${speed}): ${JSON.stringify(out[which])}`);
  }
  return out;
}

/** Seeks with the scrubber, paused; null if the page has no scrubber. */
async function scrubberSeeks(page, count = SEEKS) {
  if ((await page.locator('input.scrubber').count()) === 0) return null;
  const pause = page.getByRole('button', { name: '❚❚ Stop', exact: true });
  if (await pause.count()) await pause.click();
  const end = Number(await page.locator('input.scrubber').getAttribute('max'));
  const times = [];
  const targets = [];
  for (let i = 0; i < count; i++) {
    const target = Math.round((end * ((i * 5) % count)) / count + 4321); // spread, scrambled
    targets.push(target);
    times.push(
      await page.evaluate(
        (target) =>
          new Promise((done, fail) => {
            const input = document.querySelector('input.scrubber');
            const label = document.querySelector('.scrub-time');
            const want = `${(target / 1000).toFixed(1)} s /`;
            const t0 = performance.now();
            const finish = () => requestAnimationFrame(() => done(performance.now() - t0));
            const mo = new MutationObserver(() => {
              if (label.textContent.startsWith(want)) {
                mo.disconnect();
                finish();
              }
            });
            mo.observe(label, { childList: true, subtree: true, characterData: true });
            input.value = String(target);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            if (label.textContent.startsWith(want)) {
              mo.disconnect();
              finish();
            }
            setTimeout(() => fail(new Error(`seek to ${target} ms: label says ${label.textContent}`)), 10_000);
          }),
        target,
      ),
    );
  }
  const out = { session_end_ms: end, targets_ms: targets, ms: summary(times, 1), raw: times.map((t) => +t.toFixed(1)) };
  console.log(`bench: scrubber seeks over ${end / 1000} s: ${JSON.stringify(out.ms)}`);
  return out;
}


/** A fresh page opening a link to a run LONG_H hours long; its memory, then seeks over it. */
async function longRunSeeks() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(returningVisitor, true);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(keepWasmExports);
  await page.goto(server.url, { waitUntil: 'load' });
  await page.getByRole('button', { name: /Settings/ }).click();
  const seed = Number(await page.locator('input.seed').inputValue());
  const endMs = Math.round(LONG_H * 3600 * 1000);
  const body = JSON.stringify({ b: 'gc-pause-zombie', seed, t: endMs });
  await page.goto('about:blank');
  const t0 = Date.now();
  await page.goto(`${server.url}#run=v1.${Buffer.from(body).toString('base64url')}.${linkSum(body)}`, { waitUntil: 'load' });
  await page.waitForFunction((s) => parseFloat(document.querySelector('.scrub-time')?.textContent) >= s, endMs / 1000, {
    timeout: 600_000,
  });
  const open_ms = Date.now() - t0;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const memory = await memorySample(page, cdp, endMs / 1000);
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const seek = await scrubberSeeks(page, SEEKS * 2);
  if (PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(join(OUT_DIR, 'long-seeks.cpuprofile'), JSON.stringify(profile));
  }
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  const out = { hours: LONG_H, open_ms, memory, seek };
  console.log(`bench: a ${LONG_H} h run opened in ${open_ms} ms; wasm memory ${memory.wasm_memory_kib} KiB; seeks ${JSON.stringify(seek?.ms)}`);
  return out;
}
