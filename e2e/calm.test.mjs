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
