// The monkey's checks (e2e/monkey-lib.mjs) fire on what they guard against: each is fed a
// state that breaks it, and passes the same state mended, so that a monkey run that finds
// nothing means the page kept its promises, not that a check could never speak. The state
// checks run in Node on states shaped as `readState` reads them; the covered-control check
// runs in Chromium on small pages made for it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './helpers.mjs';
import { checkState, coveringControl, newChecks } from './monkey-lib.mjs';

/** gc-pause-zombie paused at 20 s: one write accepted (34), the zombie's refused (33 < 34). */
function zombieAt20() {
  return {
    now: 20, frontier: 20, scrub: 20_000, scrubMax: 25_000, run: '1', playing: false,
    fencing: true, highest: 34,
    storage: {
      highest: 34, fencing: true, accepted: 1, rejected: 1, stale: 0, gap: 0, empty: false,
      rows: [
        { cls: 'accepted', token: 34, verdict: 'accepted', pinned: false },
        { cls: 'rejected', token: 33, verdict: 'rejected: token 33 < 34', pinned: false },
      ],
    },
    chip: { leader: 'leader n3 (term 34)', rejected: '1 rejected', stale: '0 stale', superseded: '0 through the gap' },
    twin: null,
  };
}

/** checkState's complaint about `state` (after `prev`), or null when it passes. */
function complaint(state, prev = null) {
  try {
    checkState(state, prev, newChecks());
    return null;
  } catch (e) {
    return e.message;
  }
}

test('the state checks pass a consistent page and fire on each kind of inconsistency', () => {
  const ok = zombieAt20();
  assert.equal(complaint(ok), null);
  assert.equal(complaint(ok, zombieAt20()), null);
  const broken = (change) => {
    const s = structuredClone(ok);
    change(s);
    return s;
  };
  const cases = [
    [broken((s) => (s.now = 21)), /beyond the run so far/],
    [broken((s) => (s.scrub = 25_001)), /past its end/],
    [broken((s) => { s.highest = 33; s.storage.highest = 33; s.storage.rows.pop(); s.storage.rejected = 0; s.chip.rejected = '0 rejected'; s.storage.rows[0].token = 33; }), /highest token went down from 34 to 33/, zombieAt20()],
    [broken((s) => (s.chip.rejected = '2 rejected')), /findings say "2 rejected" but the storage table counts 1 rejected/],
    [broken((s) => (s.storage.rows[0].token = 35)), /token 35 above the highest token 34/],
    [broken((s) => (s.storage.rows[1].verdict = 'rejected: token 33 < 32')), /a rejected row says/],
    [broken((s) => s.storage.rows.push({ cls: 'rejected', token: 33, verdict: 'rejected: token 33 < 34' })), /shows 2 rejected rows but counts 1/],
    [broken((s) => (s.storage.rows = [s.storage.rows[0]])), /shows 0 rejected rows of 2 writes, but counts 1/],
    [broken((s) => (s.storage.empty = true)), /says no writes yet/],
    [broken((s) => (s.chip.leader = 'leader n2 (term 33)')), /highest token 34 is above the highest term granted, 33/],
  ];
  for (const [state, why, prev] of cases) {
    assert.match(complaint(state, prev ?? null) ?? 'no complaint', why);
  }
});

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the covered-control check names a control drawn over another, not a pop-over, a fixed bar or a label', async () => {
  const page = await browser.newPage({ viewport: { width: 600, height: 400 } });
  try {
    const over = (html) => page.setContent(html).then(() => page.locator('#target').evaluate(coveringControl));
    const under = '<button id="target" style="position:absolute;left:100px;top:100px;width:40px;height:20px">under</button>';
    // Two marks of one row, the later over the earlier.
    assert.equal(await over(`${under}<button aria-label="the later mark" style="position:absolute;left:95px;top:95px;width:40px;height:30px"></button>`), 'the later mark');
    // Not covered at all.
    assert.equal(await over(under), null);
    // Under a pop-over with its own layer, or a fixed bar: a person closes or scrolls past them.
    assert.equal(await over(`${under}<div style="position:absolute;z-index:5;left:0;top:0;width:300px;height:300px"><button>in a pop-over</button><input style="width:280px;height:280px"></div>`), null);
    assert.equal(await over(`${under}<nav style="position:fixed;left:0;top:90px;width:600px;height:50px"><button style="width:600px;height:50px">Play</button></nav>`), null);
    // Covered by something that is not a control (a picture's decoration): not this check's.
    assert.equal(await over(`${under}<div style="position:absolute;left:90px;top:90px;width:60px;height:40px"></div>`), null);
    // A radio drawn under its own label's words.
    assert.equal(await over('<label style="position:relative"><input id="target" type="radio" style="position:absolute;left:0;top:0;opacity:0"><span style="position:relative">A</span></label>'), null);
    // Off the screen: not judged (a click scrolls to it first).
    assert.equal(await over('<button id="target" style="position:absolute;left:100px;top:900px">far</button><button style="position:absolute;left:100px;top:900px">over</button>'), null);
  } finally {
    await page.close();
  }
});
