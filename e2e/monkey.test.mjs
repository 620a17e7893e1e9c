// A seeded monkey: random user actions on the built app, in virtual time, each checked.
//
// Actions: keys (every shortcut, Space, Esc, Tab, Enter); clicks on any visible enabled
// control (buttons, selects and their options, radios, summaries); steps of random sizes
// (→, N, Shift+→, ←); playing on by a few virtual frames; scrubbing; ranges set to random
// percentages and dragged with the mouse; odd values typed into every number and text
// field ('', -1, 2^64, 2^64-1, 1e309, NaN, …) then Enter or blur; drags in the cluster
// picture (the nodes, the lease store, the storage, the partition wall's grip) to random
// points; clicks on messages in flight (hold one, release it); the saves (trace, scenario,
// diagram, lesson file); files with random edits picked for import; link fragments
// (`#run=v2.…` links the page made, whole and damaged, v1 links, `#lesson=…`,
// `#challenge=…`, odd parameters), opened by reloading; Copy link; the network panel.
//
// Virtual time (e2e/monkey-lib.mjs): animation frames see a clock only the monkey moves, so
// a run that plays stands still until the monkey plays it on by whole frames; after each
// action the run is paused. The same MONKEY_SEED gives the same states whatever the
// machine's speed: the replay test runs the seed twice and compares the state after
// every action (the page's data-run, the time shown, the scrubber, the highest token, the
// findings chips): over the first 80 actions in scripts/test, all of them with
// MONKEY_REPLAY_CHECK=1.
//
// Checked after each action: no console error or warning, no uncaught exception, no
// dialog; the page neither closed nor crashed and the browser still there; the page answers
// within a real timeout (each step and each read is raced against a timer that fails the
// test naming what it was doing); the present within the run (not past the run so far, the
// scrubber not past its end); with fencing on, the storage's highest token not going down
// within one continuous history (data-run); the findings chips (rejected, stale, through
// the gap) equal to the storage table's counts, and the compare view's summary to its
// twin's table; the storage table's rows each of a counted kind, never more rows of a kind
// than its count, and exactly its count when every write fits in the table; every row's
// token at most the highest token, a rejected row's "token a < b" (a stale row's "stale token a (… it had seen b)") true with b at
// most the highest; the highest token at most the highest term granted (the leader chip);
// after an odd value typed into a number field, the field showing a value in effect (an
// odd one is refused in a notice and the field shows what stays); a click that cannot
// reach its control not caused by another of the page's controls lying over it in the
// page's flow (`coveringControl`; a pop-over or a fixed bar may cover one). The checks
// themselves are tested in e2e/monkey-checks.test.mjs. At the end: the run's share link opened in a fresh page shows the same trace hash, and
// that page's saved scenario, run by the CLI (`fencing-lab run FILE --json`; the CLI takes
// no link), gives that trace hash too.
//
// `MONKEY_SEED` picks the run (printed); `MONKEY_ACTIONS` sets how many (1000 here, with a
// fixed seed; `scripts/monkey` runs 10,000 with a new seed); `MONKEY_DEVICE` the screen
// (laptop 1366×768 by default; phone 390×844 or tablet 820×1180, touch). A second run of
// `MONKEY_PHONE_ACTIONS` (250) on a phone, with the next seed, follows the first unless
// that one is on a phone already: there the tools, sharing and saving are behind a tab,
// which the monkey taps first as a person would.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, VIEWPORTS, REPO_ROOT } from './helpers.mjs';
import { runMonkey, frameClock, settle, toolsInSight } from './monkey-lib.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

// A fixed seed by default, so scripts/test is repeatable; scripts/monkey draws a new one.
const seed = Number(process.env.MONKEY_SEED ?? 20261130);
const actions = Number(process.env.MONKEY_ACTIONS ?? 1000);
const replayCheck = process.env.MONKEY_REPLAY_CHECK === '1';
// The screen the monkey plays on: a laptop by default; a phone or a tablet (touch) with
// MONKEY_DEVICE=phone or tablet, where the page lays itself out for a finger.
const TOUCH = { hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const DEVICES = {
  laptop: { viewport: VIEWPORTS.laptop },
  phone: { viewport: { width: 390, height: 844 }, device: TOUCH },
  tablet: { viewport: { width: 820, height: 1180 }, device: TOUCH },
};
const deviceName = process.env.MONKEY_DEVICE ?? 'laptop';
if (!DEVICES[deviceName]) throw new Error(`MONKEY_DEVICE=${deviceName}: one of ${Object.keys(DEVICES).join(', ')}`);
// A context without clipboard permission may log the refusal; it is not a page error.
const allowConsole = [/clipboard|Clipboard|Write permission denied|Document is not focused/];

/** A fresh page with the monkey's frame clock installed (it applies from the reload on). */
async function monkeyPage(on = DEVICES[deviceName]) {
  const view = await lab.open({ ...on, allowConsole });
  await view.context.addInitScript(frameClock);
  await view.page.reload({ waitUntil: 'load' });
  await view.page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
  return view;
}

/** What "About this run" says the trace hash is. */
async function traceHash(page) {
  await toolsInSight(page);
  const details = page.locator('details.about');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return (await page.locator('.about-hash').innerText()).trim();
}

/** `actions` random actions on `deviceName`'s screen, each checked; then the run's link
 * opened afresh and its scenario replayed by the CLI. */
async function monkeyRun(deviceName, seed, actions) {
  const device = DEVICES[deviceName];
  console.log(`monkey: seed ${seed}, ${actions} actions on a ${deviceName} (MONKEY_SEED=${seed} MONKEY_DEVICE=${deviceName} replays it)`);
  const started = Date.now();
  const view = await monkeyPage(device);
  const { page } = view;
  try {
    const out = await runMonkey(lab, view, { seed, count: actions });
    console.log(`monkey: ${actions} actions in ${((Date.now() - started) / 1000).toFixed(0)} s; by kind ${JSON.stringify(out.kinds)}; checks made ${JSON.stringify(out.checks)}; clicks that could not be made, by why ${JSON.stringify(out.blocked)}; ${out.links.length} links made, ${out.downloads()} downloads`);
    // Each check had something to check.
    assert.ok(out.checks.token >= actions / 20, `only ${out.checks.token} token comparisons in ${actions} actions`);
    assert.ok(out.checks.chips >= actions / 4, `only ${out.checks.chips} chip comparisons in ${actions} actions`);
    assert.ok(out.checks.rowsExact >= actions / 20, `only ${out.checks.rowsExact} exact row comparisons`);

    // The end: the run as the monkey left it (the whole page back, if a link showed only
    // some of it), its link made, opened in a fresh page, and its saved scenario replayed
    // by the CLI.
    // Whatever dialogs the monkey left open, closed as a person would: Esc, once for each
    // (the shortcut list may be open over the lessons' path).
    for (let i = 0; i < 3 && (await page.locator('.overlay').count()); i++) await page.keyboard.press('Escape');
    assert.equal(await page.locator('.overlay').count(), 0, 'Esc closes every dialog');
    const copy = page.locator('button.copy-link');
    if (!(await copy.count())) {
      const whole = page.getByRole('button', { name: /Show the whole lab/ });
      if (await whole.count()) await whole.first().click();
      await settle(page);
    }
    if (!(await copy.count())) {
      // (a page showing no sharing at all: a fresh one, with a command in its run)
      await page.goto(lab.baseUrl, { waitUntil: 'load' });
      await page.locator('h1').first().waitFor({ state: 'visible', timeout: 30_000 });
      for (const k of ['l', 'u']) await page.keyboard.press(k);
    }
    // On a few events from where the monkey left it, so the link carries a run.
    await page.evaluate(() => document.activeElement?.blur?.());
    for (const k of ['n', 'n', 'ArrowRight']) await page.keyboard.press(k);
    await settle(page);
    await toolsInSight(page);
    await copy.click();
    const link = await page.locator('input.share-link').inputValue();
    assert.match(link, /#run=v2\./);
    const hash = await traceHash(page);
    const other = await lab.open({ ...device, path: new URL(link).hash, allowConsole });
    try {
      assert.equal(await traceHash(other.page), hash, 'the link opened in a fresh page gives the same trace hash');
      const [download] = await Promise.all([
        other.page.waitForEvent('download'),
        other.page.getByRole('button', { name: 'Scenario (.json)' }).click(),
      ]);
      const dir = await mkdtemp(join(tmpdir(), 'monkey-'));
      const file = join(dir, 'run.json');
      await writeFile(file, await readFile(await download.path()));
      // (exit 1 only says the scenario's expect block failed: the monkey changed the run)
      const run = spawnSync('cargo', ['run', '--quiet', '--offline', '-p', 'fencing-lab-cli', '--bin', 'fencing-lab', '--', 'run', file, '--json'], {
        cwd: REPO_ROOT, encoding: 'utf8',
      });
      assert.ok(run.status === 0 || run.status === 1, `fencing-lab run ${file} exited ${run.status}: ${run.stderr}`);
      const cli = JSON.parse(run.stdout);
      assert.equal(cli.trace_hash, hash, `the CLI replaying the link's run (${file}) gives the page's trace hash`);
      console.log(`monkey: the link's run (${cli.scenario}, ${(cli.until_ms / 1000).toFixed(1)} s, ${new URL(link).hash.length} characters), replayed by the CLI: trace hash ${cli.trace_hash}, as the page shows`);
      other.assertClean();
    } finally {
      await other.close();
    }
    view.assertClean();
  } finally {
    await view.close().catch(() => {});
  }
}

test(`a monkey's ${actions} random actions (seed ${seed}) leave the page clean, answering and consistent`, { timeout: 5 * 60_000 + actions * 1000 }, async () => {
  await monkeyRun(deviceName, seed, actions);
});

// A random user on a phone too (when the run above is not already one): the page laid out
// for a finger, one part at a time behind tabs, the run's controls in a bar at the foot.
const phoneActions = Number(process.env.MONKEY_PHONE_ACTIONS ?? 250);
test(`a monkey's ${phoneActions} random actions on a phone (seed ${seed + 1}) leave the page clean, answering and consistent`, { skip: deviceName === 'phone' && 'the run above is on a phone', timeout: 5 * 60_000 + phoneActions * 1000 }, async () => {
  await monkeyRun('phone', seed + 1, phoneActions);
});

// Always run, over the first 80 actions (about a minute); MONKEY_REPLAY_CHECK=1 replays all
// MONKEY_ACTIONS of them.
const replayActions = replayCheck ? actions : Math.min(actions, 80);
test(`the same seed replays the same states over ${replayActions} actions (MONKEY_REPLAY_CHECK=1 for all)`, { timeout: 10 * 60_000 + replayActions * 2000 }, async () => {
  const runs = [];
  for (let k = 0; k < 2; k++) {
    const view = await monkeyPage();
    try {
      // The second run is slowed by a busy wait now and then: wall-clock time must not matter.
      const out = await runMonkey(lab, view, {
        seed,
        count: replayActions,
        onAction: k === 1 ? (i) => { if (i % 7 === 0) { const t = Date.now() + 40; while (Date.now() < t); } } : undefined,
      });
      runs.push(out.states);
    } finally {
      await view.close().catch(() => {});
    }
  }
  const [a, b] = runs;
  const first = a.findIndex((s, i) => s !== b[i]);
  assert.equal(first, -1, `the replay differs at action ${first + 1}:\n  first:  ${a[first]}\n  second: ${b[first]}\n  before: ${a.slice(Math.max(0, first - 5), first).join('\n          ')}`);
  console.log(`monkey: seed ${seed} replayed ${a.length} states identically`);
});
