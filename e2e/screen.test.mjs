// One screen that teaches, in the built app at the common classroom sizes: at the
// rejection in gc-pause-zombie the rejected verdict, the zombie mark and the narration are
// all inside the viewport, in normal and presentation mode; no text in the picture, the
// storage or the diagram is too small to read from the back of a room; no two labels in
// the picture overlap; the frictions are gone (Space plays after a click on a switch, a
// finding chip goes to its moment, a run of key presses on the clock slider is one
// command, "next key event" skips the heartbeats). Screenshots: e2e/artifacts/screen-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, VIEWPORTS } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

const SIZES = [
  ['1280', { width: 1280, height: 720 }],
  ['1366', VIEWPORTS.laptop],
];

/** Plays gc-pause-zombie at 5× to the rejection and pauses there. */
async function toTheRejection(page) {
  await page.getByLabel('Scenario').selectOption('gc-pause-zombie');
  await page.getByLabel('Speed').selectOption({ label: '5×' });
  await page.getByRole('button', { name: /Play/ }).click();
  await page.locator('.storage-panel tr.write.rejected').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
}

/** The page-pixel box of the first element matching `selector`, or null. */
async function box(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
}

function assertInView(name, b, viewport) {
  assert.ok(b, `${name} is on the page`);
  assert.ok(
    b.top >= 0 && b.left >= 0 && b.bottom <= viewport.height && b.right <= viewport.width,
    `${name} inside the ${viewport.width}×${viewport.height} viewport: ${JSON.stringify(b)}`,
  );
}

/**
 * The smallest rendered font size (px) of the texts matching `selector`: the computed
 * size times the scale of the SVG they are in (1 for HTML).
 */
async function smallestFont(page, selector) {
  return page.evaluate((sel) => {
    let min = Infinity;
    let which = '';
    for (const el of document.querySelectorAll(sel)) {
      if (!el.textContent.trim() || el.getClientRects().length === 0) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      const svg = el.closest('svg');
      if (svg) size *= svg.getScreenCTM().a;
      if (size < min) {
        min = size;
        which = el.textContent.trim().slice(0, 40);
      }
    }
    return { min, which };
  }, selector);
}

for (const [name, viewport] of SIZES) {
  for (const presentation of [false, true]) {
    const mode = presentation ? 'presentation' : 'normal';
    test(`at ${name}, ${mode}: the key moment is on screen, readable, its labels apart`, async () => {
      const view = await lab.open({ viewport, questions: false });
      try {
        const { page } = view;
        if (presentation) await page.keyboard.press('m');
        await toTheRejection(page);
        await view.settle();
        // The rejected verdict (in the table and kept under the storage box), the zombie
        // mark and the narration's current line: all without scrolling.
        assertInView('the rejected row', await box(page, '.storage-panel tr.write.rejected'), viewport);
        assertInView('the kept verdict', await box(page, 'svg.cluster .verdict-callout'), viewport);
        assertInView('the zombie mark', await box(page, 'svg.cluster .node.zombie'), viewport);
        assertInView('the narration', await box(page, '.narration li.current'), viewport);
        // Stepped down, the zombie shows its old token and what the storage did with its write.
        assert.match(await page.locator('svg.cluster .node.zombie').textContent(), /ZOMBIE: old token 33[\s\S]*refused: token 33 < 34/);
        assert.match(await page.locator('svg.cluster .verdict-callout').textContent(), /n4's token 33 < 34/);
        assert.match(await page.locator('.narration li.current').innerText(), /33 < 34/);

        // Text sizes, in the picture, the storage and (one key away) the diagram.
        const picture = await smallestFont(page, 'svg.cluster text');
        const storage = await smallestFont(page, '.storage-panel td, .storage-panel th, .storage-panel p');
        await page.keyboard.press('d');
        await page.locator('.diagram svg').waitFor();
        await view.settle();
        const diagram = await smallestFont(page, '.diagram svg text');
        const flags = await smallestFont(page, '.diagram svg .flag text');
        await page.keyboard.press('d');
        if (presentation) {
          const nodes = await smallestFont(page, 'svg.cluster .node text');
          const verdicts = await smallestFont(page, 'svg.cluster .verdict-callout text, .storage-panel .verdict');
          const narration = await smallestFont(page, '.narration li .text');
          for (const [what, f] of [['node labels', nodes], ['verdicts', verdicts], ['narration', narration], ['diagram flags', flags]]) {
            assert.ok(f.min >= 18, `${what} at least 18 px in presentation mode: ${f.min.toFixed(1)} px ("${f.which}")`);
          }
          assert.ok(diagram.min >= 16, `diagram text ${diagram.min.toFixed(1)} px ("${diagram.which}")`);
          // The log, below the fold, scales too.
          const log = await page.locator('.log .ev .what').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
          assert.ok(log >= 16, `the log's text in presentation mode: ${log} px`);
        } else {
          for (const [what, f] of [['picture', picture], ['storage', storage], ['diagram', diagram]]) {
            assert.ok(f.min >= 12, `${what} text at least 12 px: ${f.min.toFixed(1)} px ("${f.which}")`);
          }
        }

        // No two labels in the picture overlap (boxes shrunk by a pixel for antialiasing).
        const overlaps = await page.evaluate(() => {
          const boxes = [...document.querySelectorAll('svg.cluster text')]
            .filter((t) => t.textContent.trim() && t.getClientRects().length)
            .map((t) => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }));
          const out = [];
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i].r;
              const b = boxes[j].r;
              if (a.left + 1 < b.right - 1 && b.left + 1 < a.right - 1 && a.top + 1 < b.bottom - 1 && b.top + 1 < a.bottom - 1) {
                out.push(`"${boxes[i].text}" over "${boxes[j].text}"`);
              }
            }
          }
          return out;
        });
        assert.deepEqual(overlaps, [], 'labels in the picture overlap');
        await view.screenshot(`screen-${mode}-${name}`);
        view.assertClean();
      } finally {
        await view.close();
      }
    });
  }
}

test('Space plays and pauses after a click on a switch; a finding chip goes to its first moment', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    const barrier = page.getByRole('switch', { name: /Barrier/ });
    await barrier.click();
    await barrier.click();
    assert.equal(await barrier.getAttribute('aria-checked'), 'false');
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).waitFor({ timeout: 2_000 });
    assert.equal(await barrier.getAttribute('aria-checked'), 'false', 'Space did not toggle the switch');
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: /Play/ }).waitFor({ timeout: 2_000 });

    await toTheRejection(page);
    // Play on a little, then the chip brings back the rejection's moment.
    const at = parseFloat(await page.locator('.scrub-time').innerText());
    await page.keyboard.press(' ');
    await page.waitForFunction((t) => parseFloat(document.querySelector('.scrub-time').textContent) >= t + 1, at);
    await page.keyboard.press(' ');
    const chip = page.locator('[data-finding="rejected"]');
    assert.match(await chip.innerText(), /1 write rejected/);
    await chip.click();
    await page.locator('.status', { hasText: 'the first rejected write at 18.868' }).waitFor({ timeout: 5_000 });
    assert.match(await page.locator('.scrub-time').innerText(), /^18\.9 s/);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test("Esc closes what is in front first: a node's actions, then the tool's panel, also from inside it", async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    const settings = page.locator('.stage-bar').getByRole('button', { name: /Settings…/ });
    await settings.click();
    const panel = page.locator('section.tool-panel');
    await panel.waitFor();
    await page.keyboard.press('2');
    const actions = page.getByRole('group', { name: /^n2/ });
    await actions.waitFor();
    await page.keyboard.press('Escape');
    await actions.waitFor({ state: 'detached' });
    assert.equal(await panel.count(), 1, "the first Esc closes only the node's actions");
    // From a field inside the panel too, and the button says it is closed.
    await panel.locator('input').first().focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.equal(await settings.getAttribute('aria-expanded'), 'false');
    await settings.click();
    await panel.waitFor();
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('a run of arrow presses on the clock slider is one command; next key event skips heartbeats', async () => {
  const view = await lab.open({ viewport: VIEWPORTS.laptop, questions: false });
  try {
    const { page } = view;
    // Select n2 by its digit: its actions open at the top of the story's column.
    await page.keyboard.press('2');
    const actions = page.getByRole('group', { name: /^n2/ });
    await actions.waitFor();
    const slider = actions.locator('input[type=range]');
    await slider.focus();
    // Three steps down the logarithmic ladder: 10, 20, 50 ppm slow, within the bound.
    for (let i = 0; i < 3; i++) await slider.press('ArrowLeft');
    await page.locator('.status', { hasText: "set n2's clock to 99.995% of true time" }).waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('.about-commands').textContent(), '1', 'one command for the adjustment');
    assert.match(await actions.locator('.clock-rate').innerText(), /Clock of n2: runs 0\.005% slow \(−50 ppm\)/);
    assert.equal(await actions.locator('.clock-warning').count(), 0);
    // Home: the ladder's end, 50% slow, far beyond the 1,000 ppm the nodes assume.
    await slider.press('Home');
    await page.locator('.status', { hasText: "set n2's clock to 50% of true time" }).waitFor({ timeout: 5_000 });
    assert.match(await page.locator('.status').innerText(), /the lease's safety assumption is broken/);
    assert.match(await actions.locator('.clock-warning').innerText(), /beyond the ±1,000 ppm drift the nodes assume/);
    assert.match(await page.locator('svg.cluster [data-node="2"]').textContent(), /clock 50% ⚠ past the bound/);
    await page.keyboard.press('Escape');
    await actions.waitFor({ state: 'detached' });

    // Next key event: each press stops on something worth seeing, never a heartbeat.
    const t0 = await page.locator('.scrub-time').innerText();
    await page.keyboard.press('n');
    await page.locator('.status', { hasText: /^at \d+\.\d+ s: / }).waitFor({ timeout: 5_000 });
    const said = await page.locator('.status').innerText();
    assert.doesNotMatch(said, /heartbeat|ack/, said);
    assert.notEqual(await page.locator('.scrub-time').innerText(), t0);
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('nothing jumps: the picture stays put as split brain begins and when looking at the past', async () => {
  const view = await lab.open({ viewport: { width: 1280, height: 720 }, questions: false });
  try {
    const { page } = view;
    const top = () => box(page, 'svg.cluster').then((b) => Math.round(b.top));
    const before = await top();
    // Split brain from about 10.8 s: the chip changes its words, not the page's height.
    await page.getByLabel('Speed').selectOption({ label: '5×' });
    await page.getByRole('button', { name: /Play/ }).click();
    await page.locator('[data-finding="split-brain"].alert').waitFor({ timeout: 30_000 });
    assert.equal(await top(), before, 'split brain chip');
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
    // Back a few events: the fork warning appears in the timeline's own row.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.locator('.fork-warning').waitFor({ timeout: 5_000 });
    assert.equal(await top(), before, 'looking at the past');
    view.assertClean();
  } finally {
    await view.close();
  }
});
