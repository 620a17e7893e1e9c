// A calm picture: when partitioned-leader's network splits, only the actors that cross the
// wall move, gliding there in at most 400 ms; every other actor stays within 24 px of where
// it stood (1280×720). With reduced motion the movers jump at once. Screenshots:
// e2e/artifacts/calm-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startLab } from './helpers.mjs';

let lab;
before(async () => {
  lab = await startLab();
});
after(async () => {
  await lab?.close();
});

/** Watches the picture every frame from before the wall rises until a second after: the
 * actors' centres (a node's circle, a box's frame) just before, and at the end, the wall's
 * x, and when (ms after the wall rose) any actor last moved. */
function watchTheSplit(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const centres = () => {
          const out = {};
          for (const g of document.querySelectorAll('svg.cluster [data-node], svg.cluster .box')) {
            const shape = g.querySelector(':scope > .body, :scope > rect');
            const r = shape.getBoundingClientRect();
            const name = g.dataset.node !== undefined ? `n${g.dataset.node}` : g.classList.contains('storage') ? 'storage' : 'lease store';
            out[name] = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          return out;
        };
        const same = (a, b) => Object.keys(a).every((k) => Math.hypot(a[k].x - b[k].x, a[k].y - b[k].y) < 0.5);
        let before = null;
        let rose = null;
        let last = null;
        let lastMove = 0;
        const started = performance.now();
        const frame = (t) => {
          const wall = document.querySelector('svg.cluster .wall-label');
          const now = centres();
          if (!wall) {
            before = now;
            if (t - started > 30_000) return reject(new Error('no partition within 30 s'));
          } else {
            if (rose === null) rose = t;
            if (last && !same(last, now)) lastMove = t - rose;
            if (t - rose > 1000) {
              const r = wall.getBoundingClientRect();
              return resolve({ before, after: now, wallX: r.left + r.width / 2, lastMove });
            }
          }
          last = now;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
}

for (const reducedMotion of ['no-preference', 'reduce']) {
  test(`a split moves only those that cross the wall (${reducedMotion} motion)`, async () => {
    const view = await lab.open({
      viewport: { width: 1280, height: 720 },
      reducedMotion,
      path: '#scenario=partitioned-leader&speed=2&play=1',
      waitFor: 'svg.cluster [data-node]',
    });
    try {
      const { before, after, wallX, lastMove } = await watchTheSplit(view.page);
      await view.screenshot(`calm-split-${reducedMotion}`);
      const names = Object.keys(before);
      assert.equal(names.length, 7, `five nodes and two boxes: ${names}`);
      const moved = [];
      for (const k of names) {
        const d = Math.hypot(after[k].x - before[k].x, after[k].y - before[k].y);
        const side = (p) => Math.sign(p.x - wallX);
        if (side(before[k]) === side(after[k])) {
          assert.ok(d <= 24, `${k} stays on its side but moves ${d.toFixed(0)} px`);
        }
        if (d > 24) moved.push(`${k} ${d.toFixed(0)} px`);
      }
      // partitioned-leader: the follower right of the wall's place crosses to the others,
      // the storage goes onto the wall; the leader (n1) and the rest stay.
      assert.equal(moved.length, 2, `moved: ${moved.join(', ')}`);
      if (reducedMotion === 'reduce') {
        assert.ok(lastMove <= 60, `with reduced motion the movers jump at once (last moved at ${lastMove.toFixed(0)} ms)`);
      } else {
        assert.ok(lastMove > 60 && lastMove <= 450, `the movers glide, done in 400 ms (last moved at ${lastMove.toFixed(0)} ms)`);
      }
      view.assertClean();
    } finally {
      await view.close();
    }
  });
}

/** Every pair of the picture's words on screen that overlap (more than 1 px each way), as
 * "a | b"; `moving` while an actor glides to its new place (a split or a heal: 0.3 s), when
 * the words are between where they were laid out and where they are going, so not looked
 * at. */
function overlappingWords(page) {
  return page.evaluate(() => {
    const moving = document.getAnimations().some((a) => a instanceof CSSTransition
      && a.playState === 'running' && a.effect?.target?.closest?.('svg.cluster'));
    if (moving) return { moving, count: 0, out: [] };
    const boxes = [];
    for (const t of document.querySelectorAll('svg.cluster text')) {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim() || r.width === 0 || getComputedStyle(t).visibility === 'hidden') continue;
      boxes.push({ text: t.textContent.trim(), r });
    }
    const out = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].r, boxes[j].r];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) out.push(`${boxes[i].text} | ${boxes[j].text}`);
      }
    }
    return { moving, count: boxes.length, out };
  });
}

for (const scenario of ['gc-pause-zombie', 'drifting-clock', 'stale-before-new-write']) {
  test(`no two of the picture's words overlap (${scenario}, 1366×768)`, async () => {
    const view = await lab.open({
      viewport: { width: 1366, height: 768 },
      path: `#scenario=${scenario}&speed=5&play=1`,
      waitFor: 'svg.cluster [data-node]',
    });
    try {
      // Questions pause the run: skip each as it comes, and look every 400 ms for 8 s (not
      // while an actor glides).
      let looked = 0;
      let words = 0;
      for (let k = 0; k < 20; k++) {
        const skip = view.page.getByRole('button', { name: 'Skip this question' });
        if (await skip.isVisible()) await skip.click();
        let seen = await overlappingWords(view.page);
        for (let wait = 0; seen.moving && wait < 20; wait++) {
          await view.page.waitForTimeout(50);
          seen = await overlappingWords(view.page);
        }
        const { count, out } = seen;
        assert.deepEqual(out, [], `${scenario}, look ${k}: words overlap`);
        looked += 1;
        words += count;
        await view.page.waitForTimeout(400);
      }
      assert.ok(looked === 20 && words > 20 * 15, `${words} words seen in ${looked} looks`);
      view.assertClean();
    } finally {
      await view.close();
    }
  });
}
