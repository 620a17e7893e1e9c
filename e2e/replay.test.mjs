// Time travel, sharing, export/import and compare, driven by clicks and keys against the
// built app: a copied link opens the same run (same trace hash in "About this run"); seeking
// back and forth draws what a fresh page opened at that moment draws; an exported trace
// and scenario import to the same hash (by picker and by drag and drop); every bad file is
// refused with its problem named and the run unchanged; a link too heavy to replay is
// refused in words while the page answers; compare shows the rejection and the
// lost update together; seeking in an hour-long run costs well under a frame (measured,
// printed, not asserted). Screenshots: e2e/artifacts/replay-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startLab, VIEWPORTS, describeViolations, linkSum, reach, seekTo } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

// A context without clipboard permission may log the refusal; it is not a page error.
const allowConsole = [/clipboard|Clipboard|Write permission denied|Document is not focused/];

async function chooseSpeed(page, text) {
  await page.getByLabel('Speed').selectOption({ label: text });
}

/** What "About this run" says. */
async function about(page) {
  const details = page.locator('details.about');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  const t = async (sel) => (await page.locator(sel).innerText()).trim();
  return {
    scenario: await t('.about-scenario'),
    seed: await t('.about-seed'),
    fencing: await t('.about-fencing'),
    commands: await t('.about-commands'),
    time: await t('.about-time'),
    hash: await t('.about-hash'),
  };
}

/** Two frames drawn: what a redraw needs, waited for on the page rather than by the clock. */
function nextFrames(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The drawn state: node texts (role, term, lease), the storage rows and the findings. */
async function drawn(page) {
  // After a jump the rows below the storage table's fold come a frame later: read until
  // two reads agree.
  let last = null;
  for (let i = 0; i < 50; i++) {
    const now = await drawnNow(page);
    if (last && JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
    await nextFrames(page);
  }
  return last;
}

async function drawnNow(page) {
  return page.evaluate(() => ({
    nodes: [...document.querySelectorAll('svg.cluster [data-node]')].map(
      // Selection is the viewer's, not the run's.
      (el) => `${el.getAttribute('class').replace(' selected', '')}|${el.textContent}`,
    ),
    storage: [...document.querySelectorAll('.storage-panel tr.write')].map((r) => r.textContent),
    findings: [...document.querySelectorAll('.findings [data-finding]')].map((f) => f.textContent),
  }));
}

/** The event log's rows once they have stopped changing (the log follows a jump a frame
 * later, after the frame showing the new moment is drawn). */
async function settledLog(page) {
  const rows = () => page.evaluate(() => [...document.querySelectorAll('.log li.ev')].map((r) => r.textContent));
  let last = await rows();
  for (let i = 0; i < 50; i++) {
    await nextFrames(page);
    const now = await rows();
    if (now.length > 0 && JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error(`the log did not settle: ${last.length} rows`);
}

async function copyLink(page) {
  await page.getByRole('button', { name: /Copy link/ }).click();
  const link = await page.locator('input.share-link').inputValue();
  assert.match(link, /#run=v2\./);
  return link;
}

/** Click a Save button and return the downloaded file's name and text. */
async function save(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function pick(page, name, buffer) {
  await page.locator('input.import-file').setInputFiles({ name, mimeType: 'application/json', buffer });
}

test('a copied link opens the same run in a new page: same trace hash', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, allowConsole, questions: false });
  try {
    const { page } = view;
    await reach(page, 3);
    await page.keyboard.press('l'); // select the leader
    await page.keyboard.press('u'); // pause it until resumed
    await reach(page, 9);
    const link = await copyLink(page);
    const mine = await about(page);
    assert.equal(mine.commands, '1');
    assert.equal(new URL(await page.url()).hash, new URL(link).hash, 'the address bar holds the link too');
    const other = await lab.open({ viewport: VIEWPORTS.laptop, path: new URL(link).hash, allowConsole, questions: false });
    try {
      const theirs = await about(other.page);
      assert.deepEqual(theirs, mine);
      assert.deepEqual(await drawn(other.page), await drawn(page));
      await other.screenshot('replay-opened-link-1366');
      other.assertClean();
    } finally {
      await other.close();
    }
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a damaged link says why and shows the default scenario; one pasted into the open page opens there, or leaves the run', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path: '#run=v1.eyJiIjoiZ2MtcGF1c2Ut', questions: false });
  try {
    const { page } = view;
    const notice = page.locator('.notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /incomplete/);
    assert.equal((await about(page)).scenario, 'gc-pause-zombie');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await notice.count(), 0);
    // A link pasted into the address bar of the open page changes only the fragment, so
    // the browser does not reload: the page opens it itself. A bad one leaves the run.
    await page.evaluate(() => {
      location.hash = '#lesson=drifting-clock&questions=off';
    });
    await page.waitForFunction(() => document.querySelector('.about-scenario')?.textContent.trim() === 'drifting-clock');
    await reach(page, 4);
    const had = await about(page);
    await page.evaluate(() => {
      location.hash = '#run=v1.eyJiIjoiZ2MtcGF1c2Ut';
    });
    await notice.waitFor();
    assert.match(await notice.innerText(), /incomplete.*The run you had is unchanged\./s);
    assert.deepEqual(await about(page), had);
    const newer = await lab.open({ viewport: VIEWPORTS.laptop, path: '#run=v9.abc.00000000', questions: false });
    try {
      assert.match(await newer.page.locator('.notice').innerText(), /newer Fencing Lab/);
      newer.assertClean();
    } finally {
      await newer.close();
    }
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a link written with a query (?lesson=…) opens as its # form would, and the address then says #; a fragment beside a query wins', async () => {
  const cases = [
    ['?lesson=crash-restart&questions=off', 'crash-restart', '#lesson=crash-restart&questions=off'],
    ['?lesson=crash-restart#lesson=slow-clock', 'slow-clock', '?lesson=crash-restart#lesson=slow-clock'],
  ];
  for (const [path, scenario, address] of cases) {
    const view = await lab.open({ viewport: VIEWPORTS.laptop, path });
    try {
      await view.page.waitForFunction((s) => document.querySelector('.about-scenario')?.textContent.trim() === s, scenario);
      const href = await view.page.evaluate(() => location.href);
      assert.ok(href.endsWith(`/${address}`), `${path}: the address ${href}`);
      view.assertClean();
    } finally {
      await view.close();
    }
  }
  // A query the page does not take is named, as the same words after # are.
  const odd = await lab.open({ viewport: VIEWPORTS.laptop, path: '?utm_source=school' });
  try {
    assert.match(await odd.page.locator('.notice').innerText(), /“utm_source” is not a parameter this page takes/);
    assert.equal((await about(odd.page)).scenario, 'gc-pause-zombie');
    odd.assertClean();
  } finally {
    await odd.close();
  }
});

test('a link to hours of a run too heavy to replay is refused in words, and the page answers', { timeout: 120_000 }, async () => {
  // Valid settings that make about 42,000 events a second (every timer fires each
  // millisecond on seven nodes): eight hours of them would take the page many minutes to
  // replay. It stops at its budget (a few seconds) and says why.
  const scenario = {
    name: 'heavy',
    seed: 3,
    config: {
      nodes: 7, lease_ms: 5, renew_every_ms: 1, renew_jitter_ms: 0, heartbeat_ms: 1,
      failure_timeout_ms: [1, 2], write_every_ms: 1, work_ms: 0, latency_ms: [0, 0],
    },
    until_ms: 28_800_000,
  };
  const body = JSON.stringify({ s: scenario, seed: 3, t: 28_800_000 });
  const path = `#run=v1.${Buffer.from(body).toString('base64url')}.${linkSum(body)}`;
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path, questions: false });
  try {
    const { page } = view;
    const notice = page.locator('.notice');
    await notice.waitFor({ timeout: 60_000 });
    const words = await notice.innerText();
    assert.match(words, /This run cannot be opened: re-simulating it up to 8 h would make more than 4 million events/);
    assert.match(words, /without freezing/);
    // The page answers (a real timeout: evaluate has none of its own), showing the default.
    const answered = await Promise.race([
      page.evaluate(() => document.querySelector('select.scenario').value),
      new Promise((resolve) => setTimeout(() => resolve('no answer in 5 s'), 5_000)),
    ]);
    assert.equal(answered, 'gc-pause-zombie');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('seeking back and forth draws what a fresh page at that moment draws', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.projector, allowConsole, questions: false });
  try {
    const { page } = view;
    await reach(page, 22);
    await page.keyboard.press('1');
    await page.keyboard.press('c'); // crash n1: a command, so the run has a future to keep
    await reach(page, 26);
    for (const ms of [12_000, 24_500, 4_321, 21_000]) {
      await seekTo(page, ms);
      assert.equal((await about(page)).time, `${(ms / 1000).toFixed(6)} s`);
      const here = await drawn(page);
      const hash = (await about(page)).hash;
      const link = await copyLink(page);
      const fresh = await lab.open({ viewport: VIEWPORTS.projector, path: new URL(link).hash, allowConsole, questions: false });
      try {
        assert.deepEqual(await drawn(fresh.page), here, `drawn state at ${ms} ms`);
        assert.equal((await about(fresh.page)).hash, hash);
        // The log too, once it has followed the seek: the same events, newest first.
        const log = await settledLog(fresh.page);
        assert.ok(log.length > 5, `${log.length} rows in the log at ${ms} ms`);
        assert.deepEqual(await settledLog(page), log, `the log at ${ms} ms`);
        fresh.assertClean();
      } finally {
        await fresh.close();
      }
    }
    // In the past, the page warns that acting forks the run. The scrubber takes keys too.
    await seekTo(page, 20_010);
    const scrubber = page.getByLabel('Time', { exact: true });
    await scrubber.focus();
    for (let i = 0; i < 10; i++) await scrubber.press('ArrowLeft');
    assert.equal((await about(page)).time, '20.000000 s');
    assert.match(await page.locator('.fork-warning').innerText(), /acting now discards 1 later action/);
    await view.screenshot('replay-past-1920');
    // Step back with ←: just before the previous event time.
    const t0 = parseFloat((await about(page)).time);
    await page.locator('h1').click();
    await page.keyboard.press('ArrowLeft');
    const t1 = parseFloat((await about(page)).time);
    assert.ok(t1 < t0, `${t1} < ${t0}`);
    await page.keyboard.press('ArrowRight');
    const t2 = parseFloat((await about(page)).time);
    assert.ok(t1 < t2 && t2 <= t0, `step forward returns: ${t1} < ${t2} <= ${t0}`);
    // Acting here forks: the crash at 26 s is discarded.
    await page.keyboard.press('h');
    assert.match(await page.locator('.status').innerText(), /forked.*1 later action was discarded/);
    assert.equal(await page.locator('.fork-warning').count(), 0);
    assert.equal((await about(page)).commands, '1');
    const serious = (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(serious.length, 0, `axe:\n${describeViolations(serious)}`);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('export then import round-trips: trace, scenario (picker and drop), diagram SVG', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, allowConsole, questions: false });
  try {
    const { page } = view;
    await reach(page, 4);
    await page.keyboard.press('l');
    await page.keyboard.press('P'); // pause the leader at the worst moment
    await reach(page, 13);
    const trace = await save(page, 'Trace (.jsonl)');
    const mine = await about(page);
    assert.match(trace.name, /\.trace\.jsonl$/);
    assert.ok(trace.text.startsWith('{"fencing_lab_trace":1'));
    assert.ok(trace.text.includes(`"trace_hash":"${mine.hash}"`), 'the header names the hash shown');
    const scenario = await save(page, 'Scenario (.json)');
    assert.match(scenario.name, /\.scenario\.json$/);
    const svg = await save(page, 'Diagram (.svg)');
    assert.ok(svg.text.startsWith('<?xml'));
    assert.match(svg.text, /<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg.text, /style="[^"]*stroke/);
    assert.doesNotMatch(svg.text, / class="/, 'styles inlined, no stylesheet needed');

    const other = await lab.open({ viewport: VIEWPORTS.laptop, allowConsole, questions: false });
    try {
      const p = other.page;
      await pick(p, trace.name, Buffer.from(trace.text));
      assert.deepEqual({ ...(await about(p)), commands: mine.commands }, mine);
      assert.equal(await p.locator('.notice').count(), 0);
      // The scenario file, dropped on the page: it starts at 0 and plays to the same hash.
      const dt = await p.evaluateHandle(
        ([name, text]) => {
          const d = new DataTransfer();
          d.items.add(new File([text], name, { type: 'application/json' }));
          return d;
        },
        [scenario.name, scenario.text],
      );
      await p.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
      await p.locator('.drop-zone').waitFor();
      await other.screenshot('replay-drop-zone-1366');
      await p.dispatchEvent('main', 'drop', { dataTransfer: dt });
      await p.locator('.drop-zone').waitFor({ state: 'detached' });
      assert.equal((await about(p)).time, '0.000000 s');
      await chooseSpeed(p, '50×');
      await p.getByRole('button', { name: '▶ Play', exact: true }).click();
      await p.getByRole('button', { name: '▶ Play', exact: true }).waitFor({ timeout: 30_000 }); // stops at the end
      assert.equal((await about(p)).hash, mine.hash);
      assert.equal((await about(p)).time, mine.time);
      other.assertClean();
    } finally {
      await other.close();
    }
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('every bad file is refused with its problem named and the run unchanged', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, allowConsole, questions: false });
  try {
    const { page } = view;
    await reach(page, 6);
    const trace = (await save(page, 'Trace (.jsonl)')).text;
    const lines = trace.trimEnd().split('\n');
    const header = JSON.parse(lines[0]);
    header.scenario.seed += 1;
    const cases = [
      ['notes.json', Buffer.from('hello, this is not JSON'), /notes\.json: .*(expected|JSON|line 1)/i],
      ['newer.jsonl', Buffer.from(trace.replace('"fencing_lab_trace":1', '"fencing_lab_trace":9')), /format 9/],
      ['unknown.json', Buffer.from('{"title":"t","until_ms":100,"colour":"red"}'), /unknown\.json: .*colour/],
      [
        'node.json',
        Buffer.from('{"title":"t","until_ms":100,"faults":[{"at_ms":10,"crash":{"node":9}}]}'),
        /node\.json: .*node 9/,
      ],
      ['big.json', Buffer.alloc(32 * 1024 * 1024 + 1, 32), /big\.json: .*over the 32 MB limit/],
      ['cut.jsonl', Buffer.from(lines.slice(0, -3).join('\n')), /cut\.jsonl: .*truncated/],
      ['edited.jsonl', Buffer.from(trace.replace(/"t":(\d)/, '"t":9$1')), /edited\.jsonl: .*changed after export/],
      [
        'seed.jsonl',
        Buffer.from([JSON.stringify(header), ...lines.slice(1)].join('\n') + '\n'),
        /seed\.jsonl: replaying its scenario gives trace hash/,
      ],
    ];
    const before = await about(page);
    const drawnBefore = await drawn(page);
    for (const [name, buffer, says] of cases) {
      await pick(page, name, buffer);
      const notice = page.locator('.notice');
      await notice.waitFor();
      const text = await notice.innerText();
      assert.match(text, says, `${name}: ${text}`);
      assert.deepEqual(await about(page), before, `${name} left the run as it was`);
      assert.deepEqual(await drawn(page), drawnBefore);
      if (name === 'node.json') await view.screenshot('replay-bad-file-1366');
      await page.getByRole('button', { name: 'Dismiss' }).click();
      await notice.waitFor({ state: 'detached' });
    }
    view.assertClean();
  } finally {
    await view.close();
  }
});

for (const [vp, size] of [
  [VIEWPORTS.projector, '1920'],
  [VIEWPORTS.laptop, '1366'],
]) {
  test(`compare at ${size}: fencing on rejects 33 < 34, fencing off accepts the stale write`, async () => {
    const view = await lab.open({ viewport: vp, allowConsole, questions: false });
    try {
      const { page } = view;
      await page.getByRole('switch', { name: /Compare fencing/ }).click();
      await chooseSpeed(page, '50×');
      await page.getByRole('button', { name: '▶ Play', exact: true }).click();
      await page.locator('.compare-b tr.write.stale').first().waitFor({ timeout: 30_000 });
      await page.locator('.compare-a tr.write.rejected').first().waitFor({ timeout: 30_000 });
      // Play stops by itself at the scenario's end (30 s; well under a second at 50×).
      await page.getByRole('button', { name: '▶ Play', exact: true }).waitFor({ timeout: 30_000 });
      assert.match(await page.locator('.compare-a tr.write.rejected').first().innerText(), /token 33 < 34/);
      assert.match(await page.locator('.compare-b tr.write.stale').first().innerText(), /ACCEPTED stale token 33 \(fencing off; it had seen 34\)/);
      assert.equal(await page.locator('.compare-a tr.write.rejected').count(), 1);
      assert.equal(await page.locator('.compare-a tr.write.stale').count(), 0);
      assert.equal(await page.locator('.compare-b tr.write.stale').count(), 1);
      assert.equal(await page.locator('.compare-b tr.write.rejected').count(), 0);
      // Back to just after the zombie's write, to see both verdicts at the top of the tables.
      await seekTo(page, 19_000);
      assert.equal(await page.locator('.compare-a tr.write.rejected').count(), 1, 'seeking keeps both sides');
      assert.equal(await page.locator('.compare-b tr.write.stale').count(), 1);
      // Two pictures and two findings strips on one clock; two diagrams where the screen
      // is tall enough to show the diagram under the picture.
      assert.equal(await page.locator('svg.cluster').count(), 2);
      assert.match(await page.locator('.half:not(.twin) .verdict-callout').textContent(), /rejected[\s\S]*token 33 < 34/);
      assert.match(await page.locator('.half.twin .verdict-callout').textContent(), /ACCEPTED stale[\s\S]*n4's old token 33/);
      assert.match(await page.locator('.half.twin .half-title').innerText(), /fencing OFF/);
      const strips = page.locator('section.findings.labelled');
      assert.equal(await strips.count(), 2);
      assert.match(await strips.nth(0).innerText(), /This run, fencing on[\s\S]*1 write rejected/);
      assert.match(await strips.nth(1).innerText(), /Twin, fencing OFF[\s\S]*1 stale write taken/);
      assert.equal(await strips.nth(1).locator('button').count(), 0, "the twin's chips do not go anywhere");
      if (size === '1920') {
        assert.equal(await page.locator('.area-diagram svg').count(), 2);
        assert.match(await page.locator('.half.twin .area-diagram').textContent(), /stale 33 < 34/);
      } else {
        // Short screens: D shows both diagrams in the pictures' place.
        await page.keyboard.press('d');
        await page.locator('.half.twin .area-diagram svg').waitFor({ timeout: 5_000 });
        assert.equal(await page.locator('.area-diagram svg').count(), 2);
        await view.screenshot(`replay-compare-diagrams-${size}`);
        await page.keyboard.press('d');
      }
      await view.screenshot(`replay-compare-${size}`);
      await view.screenshot(`replay-compare-full-${size}`, { fullPage: true });
      view.assertClean();
    } finally {
      await view.close();
    }
  });
}

test('compare the barrier on and off: the write through the gap in one half, rejected in the other', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, allowConsole, questions: false, path: '#scenario=stale-before-new-write' });
  try {
    const { page } = view;
    await page.getByRole('switch', { name: /Compare barrier/ }).click();
    assert.equal(await page.getByRole('switch', { name: /Compare barrier/ }).getAttribute('aria-checked'), 'true');
    assert.equal(await page.getByRole('switch', { name: /Compare fencing/ }).getAttribute('aria-checked'), 'false');
    assert.match(await page.locator('.compare-summary').innerText(), /^Same seed and actions, barrier on:/);
    await chooseSpeed(page, '50×');
    await page.getByRole('button', { name: '▶ Play', exact: true }).click();
    await page.locator('.compare-a tr.write.superseded').first().waitFor({ timeout: 30_000 });
    await page.locator('.compare-b tr.write.rejected').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.compare-b tr.write.superseded').count(), 0);
    assert.match(await page.locator('.compare-a h2').first().innerText(), /Storage, barrier off/);
    assert.match(await page.locator('.compare-b h2').first().innerText(), /Storage, barrier on/);
    view.assertClean();
  } finally {
    await view.close();
  }
});


test('a v1 link to an hour-long run opens at its end, and seeks across it land on their moments', async () => {
  // What a seek costs is measured by scripts/bench (BENCHMARKS.md), not here.
  const probe = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  await probe.page.getByRole('button', { name: /Settings/ }).click();
  const seed = await probe.page.locator('input.seed').inputValue();
  await probe.close();
  const body = JSON.stringify({ b: 'gc-pause-zombie', seed: Number(seed), t: 3_600_000 });
  // A v1 link (uncompressed JSON), as pages before v2 made them: it still opens.
  const path = `#run=v1.${Buffer.from(body).toString('base64url')}.${linkSum(body)}`;
  const view = await lab.open({ viewport: VIEWPORTS.laptop, path, allowConsole, questions: false });
  try {
    const { page } = view;
    await page.waitForFunction(() => parseFloat(document.querySelector('.scrub-time').textContent) >= 3600, null, {
      timeout: 120_000,
    });
    for (let i = 0; i < 30; i++) {
      const ms = (i * 7_919_993) % 3_600_000;
      await seekTo(page, ms);
      const want = `${(ms / 1000).toFixed(1)} s`;
      await page.waitForFunction((w) => document.querySelector('.scrub-time').textContent.startsWith(w), want, {
        timeout: 10_000,
      });
    }
    view.assertClean();
  } finally {
    await view.close();
  }
});
