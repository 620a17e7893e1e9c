// The key flows, written once for every engine (engines.mjs), as the Chromium tests in e2e/
// do them: the same selectors and controls, seeking rather than playing where the moment
// is what matters, and waiting on the page's state, never for a fixed time.
//
//   zombie        gc-pause-zombie played to the storage rejecting the zombie's write,
//                 "token 33 < 34" (e2e/lab.test.mjs)
//   lesson        the page stops at a lesson's question, an option is clicked, the reveal
//                 shown and kept; Continue plays on to the next question (e2e/lesson.test.mjs)
//   link          a run's share link opened in a fresh page: the same time, trace hash and
//                 drawn state (e2e/replay.test.mjs)
//   singleFile    dist/fencing-lab.html opened from file:// plays to the same rejection,
//                 fetching nothing (e2e/single-file.test.mjs)
//   toolbar       at 1280×720, 1366×768 and 1920×1080 the run controls are one row, as
//                 in Chromium (screenshots of each); a glossary word has its dotted underline

import assert from 'node:assert/strict';
import { LAPTOP } from './engines.mjs';

// A page without clipboard permission may log the refusal; it is not a page error.
const allowConsole = [/clipboard|Clipboard|Write permission denied|Document is not focused|NotAllowedError/];

export const SIZES = Object.freeze([
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]);

// --- small page helpers (each runs in the page or waits on it) ----------------------------

/** The first button whose text matches `pattern` (a RegExp source), for a real click. */
async function button(view, pattern, within = 'body') {
  const el = await view.element(
    (src, sel) =>
      [...document.querySelector(sel).querySelectorAll('button')].find((b) => new RegExp(src).test(b.textContent.trim())) ||
      null,
    pattern.source,
    within,
  );
  assert.ok(el, `a button matching ${pattern} in ${within}`);
  return el;
}

async function clickButton(view, pattern, within) {
  await view.click(await button(view, pattern, within));
}

async function clickSelector(view, selector) {
  const el = await view.element((sel) => document.querySelector(sel), selector);
  assert.ok(el, `an element ${selector}`);
  await view.click(el);
}

/** Pick an option of the toolbar's select (as playwright's selectOption: value, input, change). */
async function choose(view, selector, { value, label }) {
  const ok = await view.evaluate(
    (sel, v, l) => {
      const el = document.querySelector(sel);
      const opt = [...el.options].find((o) => (v != null ? o.value === v : o.textContent.trim() === l));
      if (!opt) return false;
      el.value = opt.value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    },
    selector,
    value ?? null,
    label ?? null,
  );
  assert.ok(ok, `${selector} has the option ${value ?? label}`);
}

const chooseScenario = (view, name) => choose(view, 'select.scenario', { value: name });
const chooseSpeed = (view, label) => choose(view, 'select[aria-keyshortcuts="+ -"]', { label });

/** Text of the first element matching `selector` ('' if none). */
function text(view, selector) {
  return view.evaluate((sel) => document.querySelector(sel)?.textContent.trim() ?? '', selector);
}

function waitForSelector(view, selector, what = selector, timeout = 30_000) {
  return view.waitFor((sel) => !!document.querySelector(sel)?.getClientRects().length, [selector], timeout, what);
}

function waitForText(view, selector, src, timeout = 30_000) {
  return view.waitFor(
    (sel, s) => [...document.querySelectorAll(sel)].some((el) => new RegExp(s).test(el.textContent)),
    [selector, src],
    timeout,
    `${selector} to say ${src}`,
  );
}

/** Questions off, as a test about something else does (Q), and wait for the switch to say so. */
async function questionsOff(view) {
  await view.press('q');
  await waitForText(view, '[role=switch][aria-keyshortcuts=Q]', 'Questions: off', 5_000);
}

/** Drag the scrubber to `secs` (input event) and wait until the page shows that time. */
async function reach(view, secs) {
  const ms = Math.round(secs * 1000);
  await view.evaluate((v) => {
    const el = document.getElementById('scrubber');
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
  await view.waitFor(
    (want) => document.querySelector('.scrub-time')?.textContent.startsWith(`${(want / 1000).toFixed(1)} s`),
    [ms],
    30_000,
    `the clock at ${secs} s`,
  );
}

/** What "About this run" says (its panel is below the fold, drawn after the rest). */
async function about(view) {
  await view.waitFor(() => !!document.querySelector('details.about'), [], 30_000, 'About this run');
  if (!(await view.evaluate(() => document.querySelector('details.about').open))) {
    await clickSelector(view, 'details.about summary');
  }
  return view.evaluate(() => {
    const t = (sel) => document.querySelector(sel).textContent.trim();
    return {
      scenario: t('.about-scenario'),
      seed: t('.about-seed'),
      fencing: t('.about-fencing'),
      commands: t('.about-commands'),
      time: t('.about-time'),
      hash: t('.about-hash'),
    };
  });
}

/** The drawn state (node texts, storage rows, findings), once two frames in a row agree. */
function drawn(view) {
  return view.evaluate(async () => {
    const now = () =>
      JSON.stringify({
        nodes: [...document.querySelectorAll('svg.cluster [data-node]')].map(
          (el) => `${el.getAttribute('class').replace(' selected', '')}|${el.textContent}`,
        ),
        storage: [...document.querySelectorAll('.storage-panel tr.write')].map((r) => r.textContent),
        findings: [...document.querySelectorAll('.findings [data-finding]')].map((f) => f.textContent),
      });
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    let last = now();
    for (let i = 0; i < 50; i++) {
      await frame();
      const here = now();
      if (here === last) return JSON.parse(here);
      last = here;
    }
    return JSON.parse(last);
  });
}

/** Finish CSS animations and draw two frames, as e2e/helpers.mjs's settle() does. */
function settle(view) {
  return view.evaluate(async () => {
    for (const a of document.getAnimations()) {
      try {
        a.finish();
      } catch {
        // an endless animation has no end
      }
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** From a few seconds before it, play gc-pause-zombie at 50× to the rejection and pause. */
async function playToRejection(view) {
  await chooseScenario(view, 'gc-pause-zombie');
  await questionsOff(view);
  // The zombie's write lands at 18.9 s: start the clock a little before, so the engine's
  // animation loop plays the last seconds (and the slow motion around the write) for real.
  await reach(view, 16);
  await chooseSpeed(view, '50×');
  await clickButton(view, /^▶ Play$/, '.toolbar');
  await waitForSelector(view, '.storage-panel tr.write.rejected', 'the rejected write', 60_000);
  await clickButton(view, /^❚❚ Stop$/, '.toolbar');
  const row = await text(view, '.storage-panel tr.write.rejected');
  assert.match(row, /token 33 < 34/);
  assert.match(row, /n\d/);
  assert.equal(await view.evaluate(() => document.querySelectorAll('.storage-panel tr.write.stale').length), 0);
  assert.match(await text(view, '[data-finding="rejected"]'), /1 write rejected/);
  assert.match(await text(view, '[data-finding="violations"]'), /no safety violation/);
  assert.match(await text(view, 'svg.cluster'), /ZOMBIE/);
}

// --- the flows -------------------------------------------------------------------------------

export async function zombie(engine) {
  const view = await engine.open('', { viewport: LAPTOP });
  try {
    await playToRejection(view);
    await settle(view);
    await view.screenshot(`engines-${engine.name}-zombie-1366`);
    await view.assertClean();
  } finally {
    await view.close();
  }
}

export async function lesson(engine) {
  const view = await engine.open('', { viewport: LAPTOP });
  try {
    // Question 1 comes when n4 freezes, at its first lease check after 6 s: seek close to
    // it and play into it.
    await reach(view, 5.5);
    await chooseSpeed(view, '2×');
    await clickButton(view, /^▶ Play$/, '.toolbar');
    await waitForSelector(view, '.question', 'the question', 30_000);
    assert.match(await text(view, '.question h2'), /question 1 of 4/);
    assert.match(await text(view, '.question .q'), /freezes/);
    // The run stopped to ask.
    await waitForText(view, '.toolbar button.play', '^▶ Play$', 5_000);
    const asked = await text(view, '.scrub-time'); // (not About this run: opening it scrolls)
    // Answer by click: the right option.
    await clickButton(view, /It runs out at the store, and n4 cannot notice/, '.question');
    await waitForSelector(view, '.question .verdict', 'the verdict', 5_000);
    assert.match(await text(view, '.question .verdict'), /Right/);
    assert.match(await text(view, '.question .explain'), /true only at the instant/);
    assert.equal(await text(view, '.scrub-time'), asked, 'the reveal waits: the run stays at the question');
    await settle(view);
    await view.screenshot(`engines-${engine.name}-lesson-reveal-1366`);
    // Continue plays on, and the run stops at the next question (as in e2e/lesson.test.mjs).
    await clickButton(view, /^Continue ▶$/, '.question');
    await waitForText(view, '.question h2', 'question 2 of 4', 30_000);
    await waitForText(view, '.toolbar button.play', '^▶ Play$', 5_000);
    await view.assertClean();
  } finally {
    await view.close();
  }
}

export async function link(engine) {
  const view = await engine.open('', { viewport: LAPTOP, allowConsole });
  try {
    await questionsOff(view);
    await reach(view, 3);
    await view.press('l'); // select the leader
    await view.press('u'); // pause it until resumed
    await reach(view, 9);
    await clickButton(view, /Copy link/);
    await waitForSelector(view, 'input.share-link', 'the link', 5_000);
    const url = await view.evaluate(() => document.querySelector('input.share-link').value);
    assert.match(url, /#run=v2\./);
    const mine = await about(view);
    assert.equal(mine.commands, '1');
    assert.equal(mine.time, '9.000000 s');
    const here = await drawn(view);
    const other = await engine.open(new URL(url).hash, { viewport: LAPTOP, allowConsole });
    try {
      await about(other); // opens the panel
      await waitForText(other, '.about-time', '^9\\.000000 s$', 30_000);
      assert.deepEqual(await about(other), mine);
      assert.deepEqual(await drawn(other), here);
      await other.assertClean();
    } finally {
      await other.close();
    }
    await view.assertClean();
  } finally {
    await view.close();
  }
}

export async function singleFile(engine) {
  const view = await engine.open(engine.fileUrl, { viewport: LAPTOP, allowConsole });
  try {
    assert.ok((await view.evaluate(() => location.href)).startsWith('file://'));
    await playToRejection(view);
    await settle(view);
    await view.screenshot(`engines-${engine.name}-single-file-1366`);
    // Nothing fetched but the file itself.
    const fetched = await view.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')),
    );
    assert.deepEqual(fetched, [], `fetched besides the file: ${fetched.join(', ')}`);
    await view.assertClean();
  } finally {
    await view.close();
  }
}

export async function toolbar(engine) {
  const rows = [];
  const view = await engine.open('', { viewport: SIZES[0] });
  try {
    // The whole page first (the panels below the fold come last): its height decides
    // whether there is a scrollbar, and a classic one takes width from the toolbar.
    await view.waitFor(() => !!document.querySelector('details.about'), [], 30_000, 'the whole page');
    for (const viewport of SIZES) {
      await view.resize(viewport);
      await view.waitFor(
        (w, h) => innerWidth === w && innerHeight === h,
        [viewport.width, viewport.height],
        10_000,
        `a ${viewport.width}×${viewport.height} viewport`,
      );
      await settle(view);
      await view.screenshot(`engines-${engine.name}-start-${viewport.width}x${viewport.height}`);
      const { tops, scroll, scrollbar } = await view.evaluate(() => ({
        tops: [...document.querySelectorAll('.toolbar button, .toolbar select')].map((el) =>
          Math.round(el.getBoundingClientRect().top),
        ),
        scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        scrollbar: innerWidth - document.documentElement.clientWidth,
      }));
      // Controls more than 15 px lower than the one before them start a new row.
      const count = tops.sort((a, b) => a - b).filter((t, i, all) => i === 0 || t - all[i - 1] > 15).length;
      rows.push({ ...viewport, rows: count, scroll, scrollbar });
    }
    // A glossary word is marked with a dotted underline here too (WebKit dropped the
    // shorthand `text-decoration: underline dotted` whole, and with it the mark).
    const mark = await view.evaluate(() => {
      const el = document.querySelector('.gloss');
      const s = el && getComputedStyle(el);
      return s && { line: s.textDecorationLine, style: s.textDecorationStyle };
    });
    assert.deepEqual(mark, { line: 'underline', style: 'dotted' }, 'a glossary word is underlined, dotted');
    await view.assertClean();
  } finally {
    await view.close();
  }
  const bad = rows.filter((r) => r.rows !== 1 || r.scroll > 0);
  assert.deepEqual(bad, [], `the toolbar is one row with no sideways scroll: ${JSON.stringify(rows)}`);
}

/** The explorer, served and from file://: the search runs in a Web Worker started from a
 *  Blob URL and finds the same schedule both times (same seed, same result); then Esc
 *  closes its panel. */
export async function explorer(engine) {
  const found = [];
  for (const where of ['', engine.fileUrl]) {
    const view = await engine.open(where, { viewport: LAPTOP, allowConsole });
    try {
      await view.press('f');
      await view.waitFor(() => [...document.querySelectorAll('[role=switch]')].some((b) => /Fencing: off/.test(b.textContent)), [], 30_000, 'fencing off');
      await clickButton(view, /^Break this…$/);
      await view.waitFor(() => !!document.querySelector('.explore'), [], 30_000, 'the explorer panel');
      await clickButton(view, /^Search$/, '.explore');
      await view.waitFor(() => !!document.querySelector('.explore-result'), [], 60_000, 'the schedule found');
      found.push(
        await view.evaluate(() => [
          document.querySelector('.explore').getAttribute('data-engine'),
          document.querySelector('.explore-status').textContent,
          document.querySelector('.explore-faults').textContent,
        ]),
      );
      // Esc closes the tool's panel (the focus is on its Search button).
      await view.press('Escape');
      await view.waitFor(() => !document.querySelector('.explore'), [], 10_000, 'the explorer panel closed by Esc');
      await view.assertClean();
    } finally {
      await view.close();
    }
  }
  assert.equal(found[0][0], 'worker', `served: ${found[0].join(' | ')}`);
  assert.match(found[0][1], /^found after \d+ schedules, shrunk to its essence$/);
  assert.deepEqual(found[1], found[0], 'from file://, the same worker and the same schedule');
}

/**
 * The three Save buttons save whole files: the trace with its header's hash the page shows
 * and as many events as it promises, the scenario, and the diagram as an SVG document.
 * The page gives each save a Blob URL and lets go of it; the file must still arrive whole.
 */
export async function saves(engine) {
  const view = await engine.open('', { viewport: LAPTOP });
  try {
    await questionsOff(view);
    await reach(view, 20); // past the zombie's rejected write at 18.9 s
    const mine = await about(view);
    const stem = `gc-pause-zombie-seed${mine.seed}-20000ms`;

    await clickSelector(view, 'button.export-trace');
    const [head, ...events] = (await engine.saved(`${stem}.trace.jsonl`)).trim().split('\n');
    const header = JSON.parse(head);
    assert.equal(header.trace_hash, mine.hash, "the saved trace's header has the hash the page shows");
    assert.equal(header.events, events.length, 'every event the header promises is in the file');
    assert.ok(events.length > 100, `a 20 s run has its events (${events.length})`);
    assert.ok(events.some((line) => /"kind":"write".*"rejected"/.test(line)), 'the rejected write is in it');
    assert.equal(header.scenario.name, 'gc-pause-zombie');

    await clickSelector(view, 'button.export-scenario');
    const scenario = JSON.parse(await engine.saved(`${stem}.scenario.json`));
    assert.equal(scenario.name, 'gc-pause-zombie');
    assert.deepEqual(scenario, header.scenario, 'the scenario saved is the one the trace ran');

    await view.press('d'); // the space-time diagram, which Diagram (.svg) saves
    await waitForSelector(view, '.diagram svg', 'the diagram');
    await clickSelector(view, 'button.export-svg');
    const svg = await engine.saved(`${stem}.diagram.svg`);
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\s*$/, 'the document is whole');
    assert.match(svg, /<line [^>]*style="[^"]*stroke:rgb\(/, 'its computed styles are inlined, so it draws alone');
    assert.match(svg, />⊘ 33 &lt; 34</, "the storage's refusal of the zombie's write is drawn in it");
    await view.assertClean();
  } finally {
    await view.close();
  }
}

export const FLOWS = Object.freeze([
  ['gc-pause-zombie played to the storage rejecting the zombie write, token 33 < 34', zombie],
  ["a lesson stops at a question; a click on an option reveals why; Continue plays on to the next", lesson],
  ["a run's share link reopens the same run in a fresh page: same time, hash and drawing", link],
  ['the one file from file:// plays to the same rejection, fetching nothing', singleFile],
  ['the run controls are one row at 1280×720, 1366×768 and 1920×1080; glossary words are underlined, dotted', toolbar],
  ["the explorer's search runs in a Web Worker, served and from file://, with the same result; Esc closes it", explorer],
  ['the Save buttons save the whole trace, the scenario and the diagram', saves],
]);
