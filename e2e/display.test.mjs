// The lab on a projector: presentation mode at 1280×720, 1366×768 and 1920×1080 puts every
// word on the first screen at 18 px or more (the toolbar, the chips, the timeline, the
// stage's bar and the side panels as well as the picture), with the picture whole, the
// storage's kept verdict on screen, no chip cut off and no sideways scroll; the
// high-contrast theme is a switch reached by keyboard, named, and kept across a reload; with
// the system's forced colours the picture's node labels keep a readable contrast; with
// reduced motion nothing on the page animates or transitions. Screenshots:
// e2e/artifacts/display-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, reach, describeViolations } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** Every visible piece of text outside the SVGs and inside the viewport whose computed
 * size is under `min` px, as "where: text (size)", grouped by the region it is in. */
async function smallWords(page, min) {
  return page.evaluate((min) => {
    const regions = ['.toolbar', '.findings', '.timeline-bar', '.stage-bar', '.side', '.status-region'];
    const out = [];
    const counted = Object.fromEntries(regions.map((r) => [r, 0]));
    for (const el of document.querySelectorAll('.lab *')) {
      if (el.closest('svg, .sr-only') || el.getClientRects().length === 0) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own && !(el instanceof HTMLSelectElement)) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom <= 0 || r.top >= innerHeight || r.width === 0) continue;
      const region = regions.find((sel) => el.closest(sel));
      if (region) counted[region] += 1;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) out.push(`${region ?? el.className}: "${el.textContent.trim().slice(0, 30)}" (${size} px)`);
    }
    return { out, counted };
  }, min);
}

/** The smallest size (px) on screen of the picture's words: font size × the SVG's scale. */
const smallestPictureWord = (page) =>
  page.evaluate(() => {
    let min = Infinity;
    for (const t of document.querySelectorAll('svg.cluster text')) {
      if (!t.textContent.trim() || !t.getClientRects().length) continue;
      min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * t.closest('svg').getScreenCTM().a);
    }
    return min;
  });

const boxOf = (page, selector) =>
  page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

function inside(name, b, { width, height }) {
  assert.ok(
    b.left >= 0 && b.top >= 0 && b.right <= width + 0.5 && b.bottom <= height + 0.5,
    `${name} inside the ${width}×${height} screen: ${JSON.stringify(b)}`,
  );
}

for (const viewport of SIZES) {
  const size = `${viewport.width}×${viewport.height}`;
  test(`presentation mode at ${size}: every word on the first screen at 18 px or more, the picture whole`, async () => {
    const view = await lab.open({ viewport, questions: false });
    try {
      const { page } = view;
      await page.keyboard.press('m');
      await page.locator('.lab.presentation').waitFor();
      // The storage's rejection of the zombie's write, kept under its box.
      await reach(page, 19.2);
      await page.locator('svg.cluster .verdict-callout').waitFor({ timeout: 10_000 });
      await view.settle();

      const { out, counted } = await smallWords(page, 18);
      for (const [region, n] of Object.entries(counted)) {
        assert.ok(n > 0, `words were measured in ${region}`);
      }
      assert.deepEqual(out, [], 'words under 18 px in presentation mode');
      const picture = await smallestPictureWord(page);
      assert.ok(picture >= 18, `the picture's smallest word: ${picture.toFixed(1)} px`);

      // Nothing cut off: the whole picture, the kept verdict, the zombie, every control of
      // the toolbar and every chip (the strip hides what overflows it).
      inside('the picture', await boxOf(page, 'svg.cluster'), viewport);
      inside('the kept verdict', await boxOf(page, 'svg.cluster .verdict-callout'), viewport);
      inside('the zombie', await boxOf(page, 'svg.cluster .node.zombie'), viewport);
      inside('the rejected row', await boxOf(page, '.storage-panel tr.write.rejected'), viewport);
      const cut = await page.evaluate(() => {
        const out = [];
        const strip = document.querySelector('.findings').getBoundingClientRect();
        for (const c of document.querySelectorAll('.findings .finding')) {
          const r = c.getBoundingClientRect();
          if (r.right > strip.right + 0.5 || r.bottom > strip.bottom + 0.5) out.push(`chip "${c.textContent.trim()}"`);
        }
        for (const c of document.querySelectorAll('.toolbar button, .toolbar select, .stage-bar button, .timeline-bar button')) {
          const r = c.getBoundingClientRect();
          if (r.left < 0 || r.right > innerWidth + 0.5) out.push(`control "${c.textContent.trim().slice(0, 20)}"`);
        }
        return out;
      });
      assert.deepEqual(cut, [], 'cut off');
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(sideways, 0, 'the page scrolls sideways');

      // No two words in the picture overlap (boxes shrunk by a pixel for antialiasing).
      const overlaps = await page.evaluate(() => {
        const boxes = [...document.querySelectorAll('svg.cluster text')]
          .filter((t) => t.textContent.trim() && t.getClientRects().length)
          .map((t) => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }));
        const out = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i].r, boxes[j].r];
            if (a.left + 1 < b.right - 1 && b.left + 1 < a.right - 1 && a.top + 1 < b.bottom - 1 && b.top + 1 < a.bottom - 1) {
              out.push(`"${boxes[i].text}" over "${boxes[j].text}"`);
            }
          }
        }
        return out;
      });
      assert.deepEqual(overlaps, [], 'words in the picture overlap');
      await view.screenshot(`display-presentation-${viewport.width}`);
      view.assertClean();
    } finally {
      await view.close();
    }
  });
}

/** Relative luminance (WCAG) of a computed colour "rgb(r, g, b)". */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

test('high contrast: a named switch reached by keyboard, darker lines, kept across a reload', async () => {
  const view = await lab.open({ viewport: { width: 1366, height: 768 }, questions: false });
  try {
    const { page } = view;
    const wire = () => page.locator('svg.cluster .link .wire').first().evaluate((el) => getComputedStyle(el).stroke);
    const muted = () => page.locator('svg.cluster .node .role-text').first().evaluate((el) => getComputedStyle(el).fill);
    const standard = { wire: await wire(), muted: await muted() };
    const toggle = page.getByRole('switch', { name: 'High contrast' });
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    assert.equal(await page.evaluate(() => localStorage.getItem('fencing-lab.theme')), null, 'a first visit writes nothing');

    // Tab to it from the top of the page, then switch it on with Enter.
    await page.locator('h1').first().click();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await toggle.evaluate((el) => el === document.activeElement);
    }
    assert.ok(reached, 'Tab reaches the high-contrast switch');
    await page.keyboard.press('Enter');
    await page.locator('.lab.high-contrast').waitFor({ timeout: 5_000 });
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await page.locator('.status', { hasText: 'high contrast' }).waitFor({ timeout: 5_000 });
    const white = 'rgb(255, 255, 255)';
    const dark = { wire: await wire(), muted: await muted() };
    assert.ok(contrast(dark.wire, white) > contrast(standard.wire, white) * 2, `the wires darker: ${standard.wire} → ${dark.wire}`);
    assert.ok(contrast(dark.muted, white) >= 15, `grey words near black: ${dark.muted}`);
    const serious = (await view.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.equal(serious.length, 0, `axe, high contrast:\n${describeViolations(serious)}`);
    await view.screenshot('display-high-contrast-1366');

    // Kept in this browser: on after a reload, off after switching off and reloading.
    assert.equal(await page.evaluate(() => localStorage.getItem('fencing-lab.theme')), 'high-contrast');
    await page.reload();
    await page.locator('.lab.high-contrast').waitFor({ timeout: 30_000 });
    assert.equal(await toggle.getAttribute('aria-checked'), 'true', 'still on after a reload');
    await toggle.click();
    await page.locator('.lab:not(.high-contrast)').waitFor({ timeout: 5_000 });
    await page.reload();
    await page.locator('svg.cluster [data-node]').first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.lab.high-contrast').count(), 0, 'off after switching off and a reload');
    assert.equal(await wire(), standard.wire);
    view.assertClean();
  } finally {
    await view.close();
  }
});

for (const scheme of ['light', 'dark']) {
  test(`forced colours (${scheme}): the picture's node labels keep their contrast with its background`, async () => {
    const view = await lab.open({ viewport: { width: 1366, height: 768 }, questions: false });
    try {
      const { page } = view;
      await page.emulateMedia({ forcedColors: 'active', colorScheme: scheme });
      await reach(page, 19.2);
      await view.settle();
      const labels = await page.evaluate(() => {
        const svg = document.querySelector('svg.cluster');
        // What is under the picture: the first ancestor with an opaque background.
        let bg = 'rgba(0, 0, 0, 0)';
        for (let el = svg; el && /rgba\(.*, 0\)$|transparent/.test(bg); el = el.parentElement) {
          bg = getComputedStyle(el).backgroundColor;
        }
        return {
          bg,
          texts: [...svg.querySelectorAll('.node text, .box text, .verdict-callout text')]
            .filter((t) => t.textContent.trim() && t.getClientRects().length)
            .map((t) => {
              const cs = getComputedStyle(t);
              return { text: t.textContent.trim(), fill: cs.fill, visible: cs.visibility === 'visible' && cs.opacity === '1' };
            }),
        };
      });
      assert.ok(labels.texts.length >= 10, `the node labels were found: ${labels.texts.length}`);
      const faint = labels.texts
        .filter((t) => !t.visible || !/^rgb/.test(t.fill) || contrast(t.fill, labels.bg) < 4.5)
        .map((t) => `"${t.text}" ${t.fill} on ${labels.bg}`);
      assert.deepEqual(faint, [], 'labels without contrast under forced colours');
      await view.screenshot(`display-forced-colors-${scheme}`);
      view.assertClean();
    } finally {
      await view.close();
    }
  });
}

/** Plays gc-pause-zombie at 5× until the storage has rows and a status message has shown,
 * then lists what is animating and every element whose transition or animation is set. */
async function motionAfterPlaying(page) {
  await page.getByLabel('Speed').selectOption({ label: '5×' });
  await page.getByRole('button', { name: /Play/ }).click();
  await page.locator('.storage-panel tr.write').nth(2).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: '❚❚ Stop', exact: true }).click();
  return page.evaluate(() => {
    const moving = [];
    for (const el of document.querySelectorAll('*')) {
      const cs = getComputedStyle(el);
      const t = cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
      if (t || cs.animationName !== 'none') moving.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`);
    }
    return { animations: document.getAnimations().length, moving };
  });
}

test('reduced motion: nothing animates or transitions; without it something does', async () => {
  const calm = await lab.open({ viewport: { width: 1366, height: 768 }, questions: false, reducedMotion: 'reduce' });
  try {
    assert.equal(await calm.page.locator('.lab.reduced-motion').count(), 1);
    const m = await motionAfterPlaying(calm.page);
    assert.equal(m.animations, 0, 'animations running with reduced motion');
    assert.deepEqual(m.moving, [], 'elements with a transition or an animation');
    calm.assertClean();
  } finally {
    await calm.close();
  }
  // The same steps without the setting: the check above can see motion when there is some.
  const lively = await lab.open({ viewport: { width: 1366, height: 768 }, questions: false });
  try {
    assert.equal(await lively.page.locator('.lab.reduced-motion').count(), 0);
    const m = await motionAfterPlaying(lively.page);
    assert.ok(m.moving.length > 0, 'something moves without reduced motion');
    // Switched on while the page is open: the page follows.
    await lively.page.emulateMedia({ reducedMotion: 'reduce' });
    await lively.page.locator('.lab.reduced-motion').waitFor({ timeout: 5_000 });
    lively.assertClean();
  } finally {
    await lively.close();
  }
});

test("a switch, a tab and a tool's button look on exactly when their state says so (aria-checked, aria-pressed, aria-expanded)", async () => {
  const view = await lab.open({ viewport: { width: 1366, height: 768 }, questions: false });
  try {
    const { page } = view;
    // Read with the pointer away and nothing focused: hover and focus have looks of their own.
    const look = async (loc) => {
      await page.mouse.move(1, 760);
      await page.evaluate(() => document.activeElement?.blur());
      return lookOf(loc);
    };
    const lookOf = (loc) => loc.evaluate((el) => {
      const cs = getComputedStyle(el);
      return `${cs.backgroundColor} ${cs.borderTopColor} ${cs.fontWeight}`;
    });
    // Each control, the attribute that holds its state, and how to flip it.
    const fencing = page.getByRole('switch', { name: /Fencing/ });
    const picture = page.locator('.stage-bar .tab', { hasText: 'Picture' });
    const diagram = page.locator('.stage-bar .tab', { hasText: 'Space-time diagram' });
    const network = page.locator('.stage-bar').getByRole('button', { name: /Network…/ });
    const cases = [
      [fencing, 'aria-checked', fencing],
      [picture, 'aria-pressed', diagram],
      [network, 'aria-expanded', network],
    ];
    for (const [control, attr, flip] of cases) {
      const before = { state: await control.getAttribute(attr), look: await look(control) };
      await flip.click();
      await page.waitForFunction(
        ([el, attr, was]) => el.getAttribute(attr) !== was,
        [await control.elementHandle(), attr, before.state],
        { timeout: 5_000 },
      );
      await view.settle();
      const after = { state: await control.getAttribute(attr), look: await look(control) };
      assert.deepEqual([before.state, after.state].sort(), ['false', 'true'], `${attr} flips`);
      assert.notEqual(after.look, before.look, `${attr}=${after.state} looks different from ${attr}=${before.state}`);
    }
    // Two controls in the same state look the same: Fencing on and Barrier on.
    const barrier = page.getByRole('switch', { name: /Barrier/ });
    await fencing.click();
    await barrier.click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.toolbar [role=switch]')].filter((s) => /Fencing|Barrier/.test(s.textContent))
        .every((s) => s.getAttribute('aria-checked') === 'true'));
    await view.settle();
    assert.equal(await look(barrier), await look(fencing), 'two switches on look alike');
    view.assertClean();
  } finally {
    await view.close();
  }
});
