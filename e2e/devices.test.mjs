// Tablets and phones, by touch, in Chromium's mobile emulation (a touch screen, a mobile
// viewport, two device pixels a CSS pixel): a tablet in landscape (1024×768) and portrait
// (820×1180) and a phone (390×844), and the phone held sideways (844×390). At each the page never scrolls sideways, the picture's
// smallest words are at least 11 px (the model gives the phone a tall picture of its own,
// and the narrow tablet the larger words), every panel and a tapped node's actions are on
// screen, a tap on a message holds it, and a node dragged by a finger across the wall
// splits the network. On the phone: one column, the picture at full width with the story
// under it, the run's controls at the bottom of the screen, and the diagram, the tables
// and the tools behind tabs. Held sideways: the wide picture beside the story, its top on
// the first screen, with the run's controls there too. Screenshots:
// e2e/artifacts/devices-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, reach } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

const TOUCH = Object.freeze({ hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
const DEVICES = [
  ['tablet-landscape', { width: 1024, height: 768 }],
  ['tablet-portrait', { width: 820, height: 1180 }],
  ['phone', { width: 390, height: 844 }],
  ['phone-landscape', { width: 844, height: 390 }],
];

const open = (viewport) => lab.open({ viewport, device: TOUCH, questions: false });
const status = (page, text) => page.locator('.status', { hasText: text }).waitFor({ timeout: 5_000 });

/** How far the page reaches past the screen's width (0 when it does not). Measured against
 * the device's width, not innerWidth: a mobile browser widens its layout viewport (and
 * zooms out) to take in a page wider than the screen. */
const sideways = (page, viewport) =>
  page.evaluate(
    (w) => Math.max(0, document.documentElement.scrollWidth - w, window.innerWidth - w),
    viewport.width,
  );

/** The smallest rendered size (px) of the picture's words: the computed font size times
 * the SVG's scale on screen. */
async function smallestPictureText(page) {
  return page.evaluate(() => {
    let min = Infinity;
    let which = '';
    for (const el of document.querySelectorAll('svg.cluster text')) {
      if (!el.textContent.trim() || el.getClientRects().length === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize) * el.closest('svg').getScreenCTM().a;
      if (size < min) {
        min = size;
        which = el.textContent.trim().slice(0, 40);
      }
    }
    return { min, which };
  });
}

/** The boxes of what is shown that reach outside the screen's width: panels, bars, the
 * toolbar's buttons. */
async function outsideTheWidth(page, viewport) {
  return page.evaluate((width) => {
    const sel = '.top, .toolbar .btn, .toolbar select, .timeline-bar, .timeline-bar .btn, .phone-tabs, .findings, .stage, .stage-bar .btn, .panel, .node-actions, .dock';
    return [...document.querySelectorAll(sel)]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.left < -0.5 || r.right > width + 0.5))
      .map(({ el, r }) => `${el.className || el.tagName} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  }, viewport.width);
}

/** `locator`'s box, scrolled into view, is wholly inside the viewport, and above the
 * run's controls where they are a bar at the screen's bottom (a phone). */
async function assertOnScreen(what, locator, viewport) {
  // Its top brought to the screen's top, if it is not wholly on screen already.
  await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight) el.scrollIntoView({ block: 'start' });
  });
  const b = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const bar = document.querySelector('.toolbar .group');
    const fixed = bar && getComputedStyle(bar).position === 'fixed';
    const floor = fixed ? bar.getBoundingClientRect().top : innerHeight;
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, floor };
  });
  assert.ok(
    b.left >= 0 && b.top >= 0 && b.right <= viewport.width && b.bottom <= b.floor,
    `${what} inside the ${viewport.width}×${viewport.height} screen: ${JSON.stringify(b)}`,
  );
}

/** A finger dragged from the page point `from` to `to`, in steps (Chromium's touch
 * events: the page sees touch pointer events, as on a tablet). */
async function touchDrag(page, from, to) {
  const cdp = await page.context().newCDPSession(page);
  const point = (p) => [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  for (let i = 1; i <= 10; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.y - from.y) * i) / 10 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(p) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** The centre of a message the picture offers to hold, where a tap lands on it (not on a
 * node or a label above it); null if none is. */
const tappableMessage = (page) =>
  page.evaluate(() => {
    // A finger is wider than a dot: one just leaving a node (over its ring) is that
    // node's to a tap, so a message is taken only when clear of every node by a finger.
    const FINGER = 12;
    const bodies = [...document.querySelectorAll('svg.cluster [data-node] .body')].map((b) => b.getBoundingClientRect());
    const nearNode = (p) =>
      bodies.some((b) => p.x > b.left - FINGER && p.x < b.right + FINGER && p.y > b.top - FINGER && p.y < b.bottom + FINGER);
    for (const m of document.querySelectorAll('svg.cluster .msg.clickable')) {
      const r = m.querySelector('.dot').getBoundingClientRect();
      const p = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      if (p.x < 0 || p.y < 0 || p.x > innerWidth || p.y > innerHeight || nearNode(p)) continue;
      if (document.elementFromPoint(p.x, p.y)?.closest('.msg') === m) return p;
    }
    return null;
  });

for (const [name, viewport] of DEVICES) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`${name} ${size}, touch: no sideways scroll, picture words at least 11 px, a tapped node's actions on screen`, async () => {
    const view = await open(viewport);
    try {
      const { page } = view;
      assert.equal(await sideways(page, viewport), 0, 'the page scrolls sideways');
      assert.deepEqual(await outsideTheWidth(page, viewport), [], 'outside the screen');
      let words = await smallestPictureText(page);
      assert.ok(words.min >= 11, `the picture's smallest words ${words.min.toFixed(1)} px ("${words.which}")`);
      // At the rejection, with the verdict kept under the storage and messages labelled.
      await reach(page, 19);
      await view.settle();
      words = await smallestPictureText(page);
      assert.ok(words.min >= 11, `at 19 s, the picture's smallest words ${words.min.toFixed(1)} px ("${words.which}")`);
      assert.equal(await sideways(page, viewport), 0, 'the page scrolls sideways at 19 s');
      await view.screenshot(`devices-${name}`);
      // Every chip is there for a finger: the strip, longer than a narrow screen, scrolls
      // sideways under a swipe until its last chip (the old terms refused) is wholly in it.
      const strip = page.locator('.lab > .findings').first();
      const last = strip.locator('.finding').last();
      const lastInside = () =>
        last.evaluate((c) => {
          // Within the strip and clear of its faded end (its right padding).
          const s = c.parentElement.getBoundingClientRect();
          const fade = parseFloat(getComputedStyle(c.parentElement).paddingRight) || 0;
          const r = c.getBoundingClientRect();
          return r.left >= s.left - 0.5 && r.right <= s.right - fade + 0.5;
        });
      assert.match((await last.textContent()) ?? '', /refused/, 'the strip ends with the refused count');
      const sb = await strip.boundingBox();
      const y = sb.y + sb.height / 2;
      for (let i = 0; i < 6 && !(await lastInside()); i++) {
        await touchDrag(page, { x: sb.x + sb.width * 0.9, y }, { x: sb.x + sb.width * 0.1, y });
      }
      assert.ok(await lastInside(), 'the last chip is reached by swiping the strip');
      assert.equal(await sideways(page, viewport), 0, 'the page scrolls sideways after the swipe');
      // The hint under the picture is for a finger: tap, not click, and no number keys.
      const hint = (await page.locator('.stage-bar .hint').textContent()) ?? '';
      assert.match(hint, /^Tap a node for its actions/, `the hint: ${hint}`);
      assert.doesNotMatch(hint, /Click|press/, `the hint: ${hint}`);

      // A tap on a node opens its actions, wholly on screen; a tap on ✕ closes them.
      await page.locator('svg.cluster [data-node="2"] .body').tap();
      const actions = page.getByRole('group', { name: /^n2/ });
      await actions.waitFor();
      await assertOnScreen("n2's actions", actions, viewport);
      assert.deepEqual(await outsideTheWidth(page, viewport), [], 'outside the screen, the actions open');
      await view.screenshot(`devices-${name}-actions`);
      await actions.getByRole('button', { name: "close the node's actions" }).tap();
      await actions.waitFor({ state: 'detached' });
      view.assertClean();
    } finally {
      await view.close();
    }
  });

  test(`${name} ${size}, touch: a tap on a message holds it; a node dragged by a finger across the wall splits the network`, async () => {
    const view = await open(viewport);
    try {
      const { page } = view;
      await page.keyboard.press('o'); // scripted faults off: only what is done here happens
      await reach(page, 3);
      // Each step drawn and its dots' glides ended before looking: a dot read mid-glide
      // (a loaded machine draws the glide's frames late) is elsewhere when tapped.
      await view.settle();
      let at = await tappableMessage(page);
      for (let i = 0; i < 200 && !at; i++) {
        await page.keyboard.press('ArrowRight');
        await view.settle();
        at = await tappableMessage(page);
      }
      assert.ok(at, 'a message to tap');
      await page.touchscreen.tap(at.x, at.y);
      await status(page, /held message #\d+ where it arrives/);
      assert.equal(await page.locator('svg.cluster .msg.holding').count(), 1);

      // n0 dragged to the picture's right edge: side B (the wall is the picture's middle).
      const node = page.locator('svg.cluster [data-node="0"] .body');
      await node.scrollIntoViewIfNeeded();
      const b = await node.boundingBox();
      const svg = await page.locator('svg.cluster').boundingBox();
      const from = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      await touchDrag(page, from, { x: svg.x + svg.width * 0.9, y: from.y });
      await status(page, 'split the network: n0 on side B');
      assert.equal(await page.locator('svg.cluster .wall').count(), 1, 'the wall is up');
      assert.equal(await sideways(page, viewport), 0, 'the page scrolls sideways with the wall up');
      await view.screenshot(`devices-${name}-split`);
      view.assertClean();
    } finally {
      await view.close();
    }
  });
}

/** Notes the picture's shape and the page's layout when the picture's first node enters
 * the page (an init script): `window.firstPicture`. */
function recordFirstPicture() {
  const seen = new MutationObserver(() => {
    if (!document.querySelector('svg.cluster [data-node]')) return;
    seen.disconnect();
    const svg = document.querySelector('svg.cluster');
    window.firstPicture = {
      shape: svg.getAttribute('data-shape'),
      viewBox: svg.getAttribute('viewBox'),
      phone: document.querySelector('.lab').classList.contains('phone'),
    };
  });
  seen.observe(document, { childList: true, subtree: true });
}

test('phone 390×844: one column, the story under the full-width picture, the controls at the thumb, the rest behind tabs', async () => {
  const viewport = { width: 390, height: 844 };
  const view = await lab.open({ viewport, device: TOUCH, questions: false, init: recordFirstPicture });
  try {
    const { page } = view;
    // The first picture is already the phone's: not the laptop's, swapped once measured.
    assert.deepEqual(await page.evaluate(() => window.firstPicture), { shape: 'tall', viewBox: '0 0 440 860', phone: true }, 'the first picture');
    const box = (sel) => page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().toJSON());
    const picture = await box('svg.cluster');
    assert.ok(picture.width >= viewport.width * 0.9, `the picture ${picture.width} px wide`);
    assert.equal(await page.locator('svg.cluster').getAttribute('data-shape'), 'tall', 'the tall picture');
    const story = await box('.narration');
    assert.ok(story.top >= picture.bottom, `the story (top ${story.top}) under the picture (bottom ${picture.bottom})`);
    assert.ok(Math.abs(story.left - picture.left) < 24, 'one column');
    // The header in three short rows: the lesson's menu on the name's row, wide enough to
    // read its title; the switches and buttons in two rows under it, each at full width.
    const header = await page.locator('header.top').evaluate((el) => {
      const top = (e) => Math.round(e.getBoundingClientRect().top);
      const name = el.querySelector('h1');
      const menu = el.querySelector('select.scenario');
      const rest = [...el.querySelectorAll('.toolbar .group:not(:first-child) .btn')].filter((b) => b.getClientRects().length);
      return {
        menuOnNameRow: Math.abs(top(menu) - top(name)) < 12,
        menuWidth: Math.round(menu.getBoundingClientRect().width),
        rows: new Set([top(name), ...rest.map(top)]).size,
        role: el.querySelector('[role=toolbar]')?.getAttribute('aria-label'),
      };
    });
    assert.deepEqual(
      { ...header, menuWidth: header.menuWidth >= 200 },
      { menuOnNameRow: true, menuWidth: true, rows: 3, role: 'Run controls' },
      `the header: ${JSON.stringify(header)}`,
    );
    // No list of keyboard shortcuts where there is no keyboard.
    assert.equal(await page.getByRole('button', { name: '? Keys' }).isVisible(), false, 'the Keys button on a phone');
    // The timeline in two rows: the scrubber at full width, then Back beside the time.
    const timeline = await page.locator('.timeline-bar').evaluate((el) => {
      const box = (sel) => el.querySelector(sel).getBoundingClientRect();
      const [scrub, back, time] = [box('.scrub'), box('.step-back'), box('.scrub-time')];
      // Focus takes them in the order they are seen: the scrubber, then the time's row.
      const order = [...el.querySelectorAll('input, button')].map((c) => (c.matches('.scrubber') ? 'scrubber' : c.matches('.step-back') ? 'back' : null)).filter(Boolean);
      return { backUnderScrubber: back.top >= scrub.bottom - 1, backBesideTime: Math.abs(back.top + back.height / 2 - (time.top + time.height / 2)) < 6, order };
    });
    assert.deepEqual(timeline, { backUnderScrubber: true, backBesideTime: true, order: ['scrubber', 'back'] }, 'the timeline');
    // Play at the bottom of the screen, wherever the page is scrolled.
    const play = page.getByRole('button', { name: '▶ Play', exact: true });
    for (const y of [0, 600]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      const p = await play.evaluate((el) => el.getBoundingClientRect().toJSON());
      assert.ok(p.bottom <= viewport.height && p.top >= viewport.height - 90, `Play at the bottom: ${JSON.stringify(p)}`);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    // A modal (the lesson path) covers the bar of run controls: its whole box is on top,
    // its last entry reached by scrolling it, and Play is not reachable behind it.
    await page.getByRole('button', { name: /Lessons/ }).tap();
    const path = page.getByRole('dialog', { name: /Lesson path/ });
    await path.waitFor();
    const covered = await path.locator('.overlay-box').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      const r = el.getBoundingClientRect();
      const last = [...el.querySelectorAll('button.open-entry')].at(-1).getBoundingClientRect();
      const at = (x, y) => el.contains(document.elementFromPoint(x, y));
      return {
        box: r.top >= 0 && r.bottom <= innerHeight,
        bottom: at(r.left + r.width / 2, r.bottom - 4),
        last: last.bottom <= r.bottom && at(last.left + 4, last.bottom - 4),
      };
    });
    assert.deepEqual(covered, { box: true, bottom: true, last: true }, 'the lesson path over the run controls');
    await page.keyboard.press('Escape');
    await path.waitFor({ state: 'detached' });
    await play.tap();
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).tap();

    const tab = (name) => page.locator('.phone-tabs').getByRole('button', { name, exact: true });
    // The diagram.
    await tab('Diagram').tap();
    await page.locator('.diagram svg').waitFor();
    assert.equal(await page.locator('svg.cluster').isVisible(), false, 'the picture gives way');
    await view.screenshot('devices-phone-diagram');
    // The tables: the storage's writes and the event log.
    await tab('Tables').tap();
    await page.locator('.storage-panel').waitFor();
    await page.locator('.log').waitFor();
    assert.equal(await page.locator('.stage').isVisible(), false, 'the stage gives way');
    // The tab shown is drawn chosen from its aria-pressed, and only it.
    const tabLook = (name) => tab(name).evaluate((el) => [el.getAttribute('aria-pressed'), getComputedStyle(el).backgroundColor]);
    const [tablesTab, diagramTab, pictureTab] = [await tabLook('Tables'), await tabLook('Diagram'), await tabLook('Picture')];
    assert.deepEqual([tablesTab[0], diagramTab[0], pictureTab[0]], ['true', 'false', 'false']);
    assert.ok(tablesTab[1] !== diagramTab[1] && diagramTab[1] === pictureTab[1], `the chosen tab stands out: ${tablesTab[1]} against ${diagramTab[1]}`);
    await view.screenshot('devices-phone-tables');
    // The tools: the network panel opens above the picture, on screen.
    await tab('Tools').tap();
    await page.getByRole('button', { name: /Network/ }).tap();
    const panel = page.locator('.dock').first();
    await panel.waitFor();
    // In the page's flow, longer than the screen: its top and its heading in sight, within
    // the screen's width.
    const p = await panel.evaluate((el) => el.getBoundingClientRect().toJSON());
    assert.ok(Math.round(p.top) >= 0 && p.top + 60 <= viewport.height, `the network panel's top at ${p.top}`);
    assert.ok(p.left >= 0 && p.right <= viewport.width, `the network panel ${p.left}–${p.right} across`);
    await panel.getByRole('heading', { name: 'The network' }).waitFor();
    assert.equal(await page.locator('.share-panel').isVisible(), true, 'sharing is a tool');
    await view.screenshot('devices-phone-tools');
    await page.getByRole('button', { name: /Network/ }).tap();
    // Back to the picture and its story.
    await tab('Picture').tap();
    await page.locator('svg.cluster').waitFor();
    assert.equal(await page.locator('.narration').isVisible(), true);
    assert.equal(await page.locator('.storage-panel').isVisible(), false);
    assert.deepEqual(await outsideTheWidth(page, viewport), [], 'outside the screen');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test('phone held sideways 844×390: the picture on the first screen beside the story, the run controls there too', async () => {
  const viewport = { width: 844, height: 390 };
  const view = await lab.open({ viewport, device: TOUCH, questions: false, init: recordFirstPicture });
  try {
    const { page } = view;
    // The first picture already has its larger words: not the laptop's, swapped once measured.
    assert.deepEqual(await page.evaluate(() => window.firstPicture), { shape: 'wide', viewBox: '0 0 860 570', phone: false }, 'the first picture');
    const box = (sel) => page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().toJSON());
    const picture = await box('svg.cluster');
    // Its top on the first screen, and most of it: the tall picture started below it.
    assert.ok(picture.top >= 0 && picture.top < viewport.height / 2, `the picture's top at ${picture.top}`);
    const shown = Math.min(picture.bottom, viewport.height) - picture.top;
    assert.ok(shown >= picture.height * 0.6, `${shown.toFixed(0)} px of the picture's ${picture.height.toFixed(0)} on the first screen`);
    assert.equal(await page.locator('svg.cluster').getAttribute('viewBox'), '0 0 860 570', 'the wide picture, larger words');
    assert.equal(await page.locator('svg.cluster').getAttribute('data-shape'), 'wide');
    const story = await box('.narration');
    assert.ok(story.left >= picture.right, `the story (left ${story.left}) beside the picture (right ${picture.right})`);
    assert.ok(story.top < viewport.height, `the story's top (${story.top}) on the first screen`);
    // Play and Step on the first screen, and Play works by a tap.
    for (const name of ['▶ Play', '⇥ Step']) {
      const b = await page.getByRole('button', { name, exact: true }).evaluate((el) => el.getBoundingClientRect().toJSON());
      assert.ok(b.top >= 0 && b.bottom <= viewport.height, `${name}: ${JSON.stringify(b)}`);
    }
    await page.getByRole('button', { name: '▶ Play', exact: true }).tap();
    await page.getByRole('button', { name: '❚❚ Stop', exact: true }).tap();
    assert.equal(await sideways(page, viewport), 0, 'the page scrolls sideways');
    view.assertClean();
  } finally {
    await view.close();
  }
});

test("the picture's words and the log's rows explain themselves by a tap and by the keyboard, not by hovering alone", async () => {
  const viewport = { width: 1024, height: 768 };
  const view = await open(viewport);
  try {
    const { page } = view;
    const tip = page.locator('.term-tip');
    await reach(page, 19);
    await view.settle();
    // A tap on a follower's words: what a follower is.
    const follower = page.locator('svg.cluster [data-node="1"] text[data-term="follower"]');
    await follower.tap();
    await tip.waitFor();
    assert.match(await tip.textContent(), /copies the leader's writes/);
    await view.screenshot('devices-term-tap');
    // (The tap opened n1's actions too.)
    await page.getByRole('group', { name: /^n1/ }).getByRole('button', { name: "close the node's actions" }).tap();
    // A tap on a refusal under another node: what a refused message is.
    await page.locator('svg.cluster [data-node="0"] text[data-term="refused"]').tap();
    await page.locator('.term-tip', { hasText: 'carried an older term' }).waitFor();
    // A tap on the node's circle opens its actions, with no tip over them.
    await page.locator('svg.cluster [data-node="0"] .body').tap();
    await page.getByRole('group', { name: /^n0/ }).waitFor();
    await tip.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');

    // The keyboard: a node focused explains every term its words name, and says so to a
    // screen reader too.
    const node = page.locator('svg.cluster [data-node="0"]');
    // Reached by Tab from the node before it (the tap above left the focus on n0).
    await page.locator('svg.cluster [data-node="4"]').focus();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.node), '3');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.node), '0', 'n0 focused by the keyboard');
    await tip.waitFor();
    const words = await tip.textContent();
    for (const k of ['follower:', 'term:', 'refused:']) assert.ok(words.includes(k), `${k} in “${words}”`);
    const described = await node.evaluate((el) =>
      el.getAttribute('aria-describedby').split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent),
    );
    assert.ok(described.length >= 3 && described.every(Boolean), `described by ${JSON.stringify(described)}`);
    await view.screenshot('devices-term-node-focus');
    await node.blur();
    await tip.waitFor({ state: 'detached' });

    // The event log: a fault's row says its words in the trace on focus and on a tap.
    const row = page.locator('.log .what[data-tip]').first();
    await row.scrollIntoViewIfNeeded();
    await row.focus();
    await tip.waitFor();
    assert.match(await tip.textContent(), /^in the trace: /);
    assert.equal(await tip.textContent(), await row.getAttribute('aria-description'));
    await row.blur();
    await tip.waitFor({ state: 'detached' });
    await row.tap();
    await tip.waitFor();
    view.assertClean();
  } finally {
    await view.close();
  }
});

/** Every story beat's mark on the timeline: whether it is the element on top at its own
 * centre (so a click or a tap there is its), with its name, for each built-in scenario. */
async function coveredBeats(page) {
  return page.evaluate(() => {
    const marks = [...document.querySelectorAll('.timeline-bar .beats .beat')];
    marks[0]?.scrollIntoView({ block: 'center' });
    return marks
      .map((m) => {
        const r = m.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return top?.closest('.beat') === m ? null : `${m.getAttribute('aria-label')?.slice(0, 40)} under ${top?.getAttribute('aria-label')?.slice(0, 40) ?? top?.tagName}`;
      })
      .filter(Boolean);
  });
}

test("every story beat's mark can be clicked where it stands: marks of lines 0.1 s apart are spread, not stacked", async () => {
  for (const [name, viewport, device] of [['laptop', { width: 1366, height: 768 }, {}], ...DEVICES.map(([n, v]) => [n, v, TOUCH])]) {
    const view = await lab.open({ viewport, device, questions: false });
    try {
      const { page } = view;
      const scenarios = await page.getByLabel('Scenario').locator('option').evaluateAll((os) => os.map((o) => o.value));
      assert.ok(scenarios.includes('gc-pause-zombie') && scenarios.length >= 10, scenarios.join(', '));
      let marks = 0;
      for (const s of scenarios) {
        await page.getByLabel('Scenario').selectOption(s);
        await page.locator('.scrub-time', { hasText: /^0\.0 s/ }).waitFor({ timeout: 10_000 });
        marks += await page.locator('.timeline-bar .beats .beat').count();
        assert.deepEqual(await coveredBeats(page), [], `${name}: ${s}'s beats covered by others`);
      }
      assert.ok(marks >= 20, `${name}: ${marks} marks checked`);
      // gc-pause-zombie's last three lines come at 18.8 s and twice at 18.9 s: each mark
      // takes the run to its own moment.
      await page.getByLabel('Scenario').selectOption('gc-pause-zombie');
      const beats = page.locator('.timeline-bar .beats button.beat');
      const n = await beats.count();
      assert.ok(n >= 10, `${n} beats`);
      for (const i of [n - 3, n - 2, n - 1, 0]) {
        const b = beats.nth(i);
        const at = (await b.getAttribute('aria-label')).match(/at (\d+\.\d) s/)[1];
        await b.click({ timeout: 5_000 });
        await page.locator('.scrub-time', { hasText: new RegExp(`^${at.replace('.', '\\.')} s`) }).waitFor({ timeout: 5_000 });
      }
      view.assertClean();
    } finally {
      await view.close();
    }
  }
});

/** The actors of every picture whose middle another layer of the page covers (each brought
 * on screen first): what the picture shows must stay in sight and in reach. */
async function coveredActors(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('svg.cluster [data-grab]')) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!top || !el.closest('svg.cluster').contains(top)) {
        const what = top?.closest('[class]')?.getAttribute('class') ?? top?.tagName ?? 'nothing';
        out.push(`${el.getAttribute('aria-label').slice(0, 30)} under ${what}`);
      }
    }
    return out;
  });
}

test("an open tool's panel and, beside the story, a node's actions cover none of the picture: on screen when opened", async () => {
  const mouse = {};
  const screens = [
    ['1280×720', { width: 1280, height: 720 }, mouse],
    ['1920×1080', { width: 1920, height: 1080 }, mouse],
    ['comparing at 1366×768', { width: 1366, height: 768 }, mouse],
    ...DEVICES.map(([n, v]) => [n, v, TOUCH]),
  ];
  for (const [name, viewport, device] of screens) {
    const view = await lab.open({ viewport, device, questions: false });
    try {
      const { page } = view;
      await reach(page, 12);
      if (name.startsWith('comparing')) {
        await page.getByRole('switch', { name: /Compare fencing/ }).click();
        await page.locator('svg.cluster').nth(1).waitFor();
      }
      if (name === 'phone') await page.locator('.phone-tabs').getByRole('button', { name: 'Tools', exact: true }).tap();
      for (const tool of [/Network…/, /Settings…/, /Break this…/]) {
        const button = page.locator('.stage-bar').getByRole('button', { name: tool });
        // The page scrolled to the tools' buttons: a panel opened above them must still
        // come into sight.
        await button.evaluate((e) => e.scrollIntoView({ block: 'start' }));
        await button.click();
        const panel = page.locator('section:is(.tool-panel, .explore)');
        await panel.waitFor();
        // Opened on screen: its heading is in sight without scrolling.
        const h = await panel.locator('h2').evaluate((e) => e.getBoundingClientRect().toJSON());
        assert.ok(h.top >= 0 && h.bottom <= viewport.height, `${name}, ${tool}: the panel's heading at ${h.top}–${h.bottom}`);
        const apart = await page.evaluate(() => {
          const p = document.querySelector('section:is(.tool-panel, .explore)').parentElement.getBoundingClientRect();
          return [...document.querySelectorAll('svg.cluster')].every((svg) => {
            const s = svg.getBoundingClientRect();
            return p.right <= s.left || s.right <= p.left || p.bottom <= s.top || s.bottom <= p.top;
          });
        });
        assert.ok(apart, `${name}, ${tool}: the panel overlaps a picture`);
        assert.deepEqual(await coveredActors(page), [], `${name}, ${tool}: actors covered`);
        await button.scrollIntoViewIfNeeded();
        await button.click();
        await panel.waitFor({ state: 'detached' });
      }
      // Where the story's column stands beside the picture, a node's actions go there too.
      const beside = await page.evaluate(() => {
        const [stage, side] = ['.stage', '.side'].map((s) => document.querySelector(s).getBoundingClientRect());
        return side.width > 0 && side.left >= stage.right - 1;
      });
      assert.equal(beside, !/phone$|portrait|comparing/.test(name), `${name}: the story's column beside the stage`);
      // Else on the picture where they cover no actor, or docked under it, brought into
      // sight (clear of a phone's bar of run controls).
      for (const node of ['0', '2', '4']) {
        const body = page.locator(`svg.cluster [data-node="${node}"] .body`).first();
        await body.scrollIntoViewIfNeeded();
        await (device.hasTouch ? body.tap() : body.click());
        const actions = page.locator(beside ? '.dock' : '.picture').getByRole('group', { name: new RegExp(`^n${node}`) });
        await actions.waitFor({ timeout: 5_000 });
        await page.waitForTimeout(100);
        const [h, floor] = await actions.locator('h3').evaluate((e) => {
          const bar = document.querySelector('.lab.phone .toolbar .group');
          return [e.getBoundingClientRect().toJSON(), bar ? bar.getBoundingClientRect().top : innerHeight];
        });
        assert.ok(h.top >= 0 && h.bottom <= floor, `${name}, n${node}'s actions' heading at ${h.top}–${h.bottom} (floor ${floor})`);
        assert.deepEqual(await coveredActors(page), [], `${name}, n${node}'s actions open: actors covered`);
      }
      view.assertClean();
    } finally {
      await view.close();
    }
  }
});

test('an actor standing on the wall (both sides) is clicked, not the wall under it', async () => {
  const view = await lab.open({ viewport: { width: 1366, height: 768 }, questions: false });
  try {
    const { page } = view;
    await reach(page, 3);
    await page.locator('.stage-bar').getByRole('button', { name: /Network…/ }).click();
    await page.getByRole('radio', { name: 'n1 on side B' }).check();
    await page.getByRole('radio', { name: 'n3 on both sides' }).check();
    await page.getByRole('radio', { name: 'storage on both sides' }).check();
    await page.getByRole('button', { name: /Split the network/ }).click();
    await page.locator('svg.cluster .wall').waitFor();
    // n3 and the storage stand on the wall, the wall's grip along it: a click on their
    // middles reaches them.
    const reached = await page.evaluate(() =>
      ['[data-node="3"] .body', '[data-grab="storage"] rect'].map((s) => {
        const r = document.querySelector(`svg.cluster ${s}`).getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return top?.closest('[data-grab]')?.getAttribute('data-grab') ?? null;
      }),
    );
    assert.deepEqual(reached, ['3', 'storage'], 'what a click on their middles reaches');
    await page.locator('svg.cluster [data-node="3"] .body').click({ timeout: 5_000 });
    await page.getByRole('group', { name: /^n3/ }).waitFor({ timeout: 5_000 });
    view.assertClean();
  } finally {
    await view.close();
  }
});

test("a question waiting heads the story's column: an open tool's panel gives way to it", async () => {
  const view = await lab.open({ viewport: { width: 1366, height: 768 }, path: '#lesson=gc-pause-zombie' });
  try {
    const { page } = view;
    await page.locator('.stage-bar').getByRole('button', { name: /Network…/ }).click();
    await page.locator('.dock').waitFor();
    await page.getByRole('button', { name: /Play/ }).first().click();
    await page.locator('.question').waitFor({ timeout: 30_000 });
    await page.locator('.dock').waitFor({ state: 'detached', timeout: 5_000 });
    const q = await page.locator('.question').evaluate((e) => e.getBoundingClientRect().toJSON());
    assert.ok(q.top >= 0 && q.top < 768 - 100, `the question's top at ${q.top}`);
    view.assertClean();
  } finally {
    await view.close();
  }
});
