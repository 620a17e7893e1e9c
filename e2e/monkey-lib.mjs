// The monkey's machinery (used by e2e/monkey.test.mjs; see its header for what is checked):
// a seeded random source, a real timeout, the page's virtual frame clock, the random
// actions, the state read back after each action and the checks on it.
//
// Virtual time. The app advances its run by the real milliseconds between animation frames
// (src/ui/anim.rs). The monkey replaces `requestAnimationFrame` (an init script) so that
// every frame callback gets the same timestamp, `window.__monkey.t`, which only the monkey
// moves: a run that is playing stands still until the monkey plays it on by a chosen number
// of virtual milliseconds, one frame at a time. Every other way the monkey moves time is a
// step (→, N), a seek (the scrubber, a beat) or a link; so the same seed gives the same
// states, whatever the machine's speed (MONKEY_REPLAY_CHECK=1 proves it). The page's few
// real-time waits are waited out: a clock slider sends its command after resting 500 ms, a
// picked file is read asynchronously, the explorer searches a few milliseconds a frame.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, linkSum } from './helpers.mjs';

/** A seeded random source (an LCG: small, and the same in every Node). */
export function makeRand(seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  return { rand, pick, int };
}

/** `p`, or a rejection naming `what` once `ms` have passed (Playwright's evaluate has no timeout). */
export function withTimeout(p, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page did not answer within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** The init script: animation frames see a timestamp only the monkey moves. */
export function frameClock() {
  const raf = window.requestAnimationFrame.bind(window);
  window.__monkey = { t: 1000, raf };
  window.requestAnimationFrame = (cb) => raf(() => cb(window.__monkey.t));
}

/** Wait for the page to draw: two real frames, then a task (what `after_next_paint` waits for). */
export async function settle(page, ms = 10_000) {
  await withTimeout(
    page.evaluate(() => new Promise((resolve) => {
      const raf = window.__monkey?.raf ?? window.requestAnimationFrame.bind(window);
      raf(() => raf(() => setTimeout(resolve, 0)));
    })),
    ms,
    'waiting for two frames',
  );
}

// Values a person might type, and ones nobody should: each number and text field gets them.
export const ODD_VALUES = ['', '-1', '18446744073709551616', '18446744073709551615', '1e309', 'NaN', '0', '1', '999999999999', '4294967296', '9007199254740993', '0.5', ' 7 ', '-0', '1e3'];
const TEXT_VALUES = ['', 'x', 'Ω “quoted” <b>&amp;</b>', 'a'.repeat(3000), '#run=v2.', '\u0000\u202e', '  '];

const ZOMBIE = readFileSync(join(REPO_ROOT, 'scenarios', 'gc-pause-zombie.json'), 'utf8');
const KEYS = [' ', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'Shift+ArrowRight', 'n', 'd', 'k', ']', '[', 'v', '+', '-', '0', '1', '2', '3', '4', 'l', 'p', 'P', 'u', 'r', 'R', 'c', 's', 'h', 'f', 'b', 'o', 'q', 'm', 'g', 'i', '?', '<', '>', 'Escape', 'Escape', 'Tab', 'Enter'];

/** A v1 link (uncompressed JSON), valid, for the fragments the monkey opens. */
function v1Link(body) {
  const json = JSON.stringify(body);
  return `run=v1.${Buffer.from(json).toString('base64url')}.${linkSum(json)}`;
}

/** A link damaged as copying and pasting damages them (or worse). */
function damage(link, r) {
  const i = r.int(0, Math.max(0, link.length - 1));
  return r.pick([
    () => link.slice(0, i), // cut off
    () => link.slice(0, i) + r.pick(['A', '_', '-', '.', '%', '=', '~']) + link.slice(i + 1), // one character changed
    () => link.replace(/v[12]\./, r.pick(['v0.', 'v3.', 'v99999999999.', 'v.', 'v-1.'])),
    () => link.replace(/\.[0-9a-f]{8}$/, '.00000000'),
    () => link.replace(/\.[0-9a-f]{8}$/, ''),
    () => `${link}.${link}`,
    () => link.slice(0, i) + link.slice(i).toUpperCase(),
  ])();
}

/** How often each check could be made, all at zero (checkState counts into it). */
export function newChecks() {
  return { time: 0, token: 0, chips: 0, rows: 0, rowsExact: 0, tokens: 0, term: 0, twin: 0, fields: 0, covered: 0 };
}

/**
 * Run `count` random actions on `view` (a page from lab.open), checking after each.
 * Returns { log, states, kinds, checks, links, downloads }; throws an Error naming the
 * action and the last actions on the first failure.
 */
// Options for hunting (not used by the test): `kinds`, the list actions are drawn from;
// `realTime`, leave a run playing between actions on the real clock (no replay then).
/** On a phone the tools (sharing, saving, the network) are behind a tab: tapped first. */
export async function toolsInSight(page) {
  const tab = page.locator('.phone-tabs').getByRole('button', { name: 'Tools', exact: true });
  if (await tab.isVisible()) await tab.click({ timeout: 600 });
}

export async function runMonkey(lab, view, { seed, count, onAction = async () => {}, kinds: kindList, realTime = false }) {
  const { page, context } = view;
  const r = makeRand(seed);
  const { rand, pick, int } = r;
  const log = [];
  const states = [];
  const kinds = {};
  const checks = newChecks();
  const links = []; // links the page made (Copy link), to open again, whole or damaged
  let downloads = 0;
  const blocked = {}; // why clicks on a control shown could not be made, counted
  let gone = null; // set when the page closes or crashes, or the browser goes
  const onClose = () => { gone ??= 'the page was closed'; };
  const onCrash = () => { gone ??= 'the page crashed'; };
  const onDisconnect = () => { gone ??= 'the browser disconnected'; };
  page.on('close', onClose);
  page.on('crash', onCrash);
  lab.browser.on('disconnected', onDisconnect);
  page.on('download', (d) => { downloads += 1; d.delete().catch(() => {}); });
  // Dialogs (none expected) would stop the page: note and dismiss.
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });

  let prev = null;
  const T = (p, what, ms = 15_000) => withTimeout(p, ms, what);
  const visible = async (sel) => T(page.locator(sel).all(), `listing ${sel}`);
  const toolsTab = () => T(toolsInSight(page), 'tapping the Tools tab').catch(() => {});

  async function loaded() {
    // (not h1: a link's `panels=` may show only some of the page)
    await T(page.locator('main.grid').first().waitFor({ state: 'attached', timeout: 30_000 }), 'the page loading', 35_000);
  }
  async function reload() {
    await T(page.reload({ waitUntil: 'load' }), 'reload', 35_000);
    await loaded();
    prev = null; // a new page counts its runs afresh
  }
  /** Stop if playing (a link, Space, a closed question or Play may have started it). */
  async function pauseIfPlaying() {
    const pause = page.locator('button.play', { hasText: 'Stop' });
    if (await T(pause.count(), 'finding Stop')) await T(pause.first().click({ timeout: 5_000 }), 'clicking Stop').catch(() => {});
  }
  /** Play on by `frames` virtual frames of `ms` each, then pause. */
  async function playFrames(frames, ms) {
    const play = page.locator('button.play', { hasText: 'Play' });
    if (await T(play.count(), 'finding Play')) await T(play.first().click({ timeout: 5_000 }), 'clicking Play').catch(() => {});
    await settle(page); // the frame loop's first frame (elapsed 0)
    for (let f = 0; f < frames; f++) {
      // One frame takes the step (the app's frame callback was asked for before this one).
      await T(page.evaluate((d) => new Promise((resolve) => { window.__monkey.t += d; window.__monkey.raf(() => resolve()); }), ms), 'playing a frame');
    }
    await pauseIfPlaying();
  }
  async function typeInto(el, value, finish) {
    await T(el.scrollIntoViewIfNeeded({ timeout: 600 }), 'scrolling to a field').catch(() => {});
    await T(el.click({ timeout: 600 }), 'clicking a field').catch(() => {});
    await T(el.focus(), 'focusing a field').catch(() => {});
    await T(page.keyboard.press('Control+a'), 'selecting a field\'s text');
    await T(page.keyboard.press('Backspace'), 'clearing a field');
    // A long text is pasted (one input event), a short one typed key by key.
    if (value.length > 40) await T(page.keyboard.insertText(value), 'pasting');
    else if (value) await T(page.keyboard.type(value), 'typing');
    if (finish === 'Enter') await T(page.keyboard.press('Enter'), 'pressing Enter in a field');
    else await T(el.evaluate((e) => e.blur()), 'blurring a field').catch(() => {});
  }
  // A clock slider sends its command once it has rested for half a second of real time
  // (src/ui/components/clock_rate.rs): wait for it, so it lands at this action's moment.
  async function clockSettles(el) {
    if (await T(el.evaluate((e) => !!e.closest('.clock-rate')), 'reading a slider').catch(() => false)) await page.waitForTimeout(650);
  }
  async function dragTo(from, to, steps) {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps });
    await page.mouse.up();
  }

  const KINDS = [
    'key', 'key', 'key', 'click', 'click', 'click', 'click', 'step', 'step', 'play', 'scrub', 'range', 'slider-drag',
    'number', 'number', 'text', 'drag-actor', 'drag-actor', 'drag-wall', 'hold-message', 'hold-message',
    'download', 'file', 'link', 'copy-link', 'network', 'wait',
  ];
  for (let i = 0; i < count; i++) {
    const kind = pick(kindList ?? KINDS);
    let what = kind;
    try {
      if (gone) throw new Error(gone);
      if (kind === 'key') {
        const k = pick(KEYS);
        what += ` ${k}`;
        await T(page.keyboard.press(k), `pressing ${k}`);
      } else if (kind === 'click') {
        const els = await visible('button:visible:enabled, select:visible:enabled, [role=button]:visible, summary:visible, input[type=radio]:visible:enabled, input[type=checkbox]:visible:enabled');
        if (els.length) {
          const el = pick(els);
          const label = await T(el.evaluate((e) => (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 40)), 'reading a control').catch(() => '?');
          what += ` "${label}"`;
          const tag = await T(el.evaluate((e) => e.tagName), 'reading a tag').catch(() => '');
          if (tag === 'SELECT') {
            const n = await T(el.locator('option:not([disabled])').count(), 'counting options');
            if (n) { const ix = Math.floor(rand() * n); what += ` option ${ix}`; await T(el.selectOption({ index: ix }, { timeout: 600 }), 'picking an option').catch(() => {}); }
          } else {
            const missed = await T(el.click({ timeout: 600 }), `clicking "${label}"`).then(() => null, (e) => e);
            if (missed) {
              const why = whyMissed(missed);
              blocked[why] = (blocked[why] ?? 0) + 1;
              // A control the page shows may be out of reach for a moment (moving, being
              // redrawn, under a pop-over): not one another of the page's controls covers.
              const over = await T(el.evaluate(coveringControl), 'checking what covers a control').catch(() => null);
              checks.covered += 1;
              if (over) throw new Error(`the control "${label}" cannot be clicked: the control "${over}" lies over it in the page's flow (not in a pop-over or a fixed layer)`);
            }
            // The explorer searches in real time: let it finish (or cancel it), so what the
            // page shows next does not depend on the machine's speed.
            if (/^Search/.test(label)) {
              await T(page.waitForFunction(() => /found after .* shrunk|nothing found|Cancelled/.test(document.querySelector('.explore')?.textContent ?? 'nothing found'), null, { timeout: 60_000 }), 'the explorer finishing', 65_000).catch(async () => {
                what += ' (cancelled: over 60 s)';
                await page.getByRole('button', { name: 'Cancel', exact: true }).click({ timeout: 600 }).catch(() => {});
              });
            }
          }
        }
      } else if (kind === 'step') {
        const k = pick(['ArrowRight', 'ArrowRight', 'n', 'Shift+ArrowRight', 'ArrowLeft']);
        const n = pick([1, 1, 2, 3, 5, 12]);
        what += ` ${k} ×${n}`;
        // Keys go to the page, not to a field that would keep them.
        await T(page.evaluate(() => document.activeElement?.blur?.()), 'blurring');
        for (let j = 0; j < n; j++) await T(page.keyboard.press(k), `pressing ${k}`);
      } else if (kind === 'play') {
        const frames = int(1, 6);
        const ms = pick([16, 17, 33, 50, 100, 250]);
        what += ` ${frames} frames of ${ms} ms`;
        await playFrames(frames, ms);
      } else if (kind === 'scrub') {
        const sc = page.locator('#scrubber');
        if (await T(sc.count(), 'finding the scrubber')) {
          const max = Number(await T(sc.getAttribute('max'), 'reading the scrubber'));
          const v = pick([0, max, Math.floor(rand() * (max + 1))]);
          what += ` ${v} of ${max}`;
          await T(sc.evaluate((e, v) => { e.value = String(v); e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }, v), 'scrubbing');
        }
      } else if (kind === 'range') {
        const els = await visible('input[type=range]:visible:enabled');
        if (els.length) {
          const el = pick(els);
          const pct = int(0, 100);
          const name = await T(el.evaluate((e) => e.getAttribute('aria-label') || e.id || 'range'), 'naming a range');
          what += ` "${name}" to ${pct}%`;
          await T(el.evaluate((e, pct) => {
            const min = Number(e.min || 0); const max = Number(e.max || 100); const step = Number(e.step) || 1;
            e.value = String(min + Math.round(((max - min) * pct) / 100 / step) * step);
            e.dispatchEvent(new Event('input', { bubbles: true }));
            e.dispatchEvent(new Event('change', { bubbles: true }));
          }, pct), 'setting a range');
          await clockSettles(el);
        }
      } else if (kind === 'slider-drag') {
        // A person's drag: press on a slider, move across it in steps, let go.
        const els = await visible('input[type=range]:visible:enabled');
        const slider = els.length ? pick(els) : null;
        const box = slider ? await T(slider.boundingBox({ timeout: 600 }), 'measuring a slider').catch(() => null) : null;
        if (box) {
          const y = box.y + box.height / 2;
          const [x0, x1] = [box.x + rand() * box.width, box.x + rand() * box.width];
          what += ` ${Math.round(x0 - box.x)}→${Math.round(x1 - box.x)} of ${Math.round(box.width)}`;
          await T(dragTo({ x: x0, y }, { x: x1, y }, int(1, 8)), 'dragging a slider');
          await clockSettles(slider);
        }
      } else if (kind === 'number' || kind === 'text') {
        const sel = kind === 'number'
          ? 'input[type=number]:visible:enabled'
          : 'input[type=text]:visible:enabled:not([readonly]), input:not([type]):visible:enabled, textarea:visible:enabled';
        const els = await visible(sel);
        if (els.length) {
          const el = pick(els);
          const value = kind === 'number' ? pick(ODD_VALUES) : pick([...TEXT_VALUES, pick(ODD_VALUES)]);
          const finish = pick(['Enter', 'blur']);
          const name = await T(el.evaluate((e) => e.getAttribute('aria-label') || e.closest('label')?.textContent?.trim().slice(0, 30) || e.className || e.type), 'naming a field');
          what += ` "${name}" ← ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value)} + ${finish}`;
          await typeInto(el, value, finish);
          if (kind === 'number') {
            // What a number field shows is the value in effect: an odd value is refused
            // (with a notice) and the field shows what stays, never the odd text.
            const shown = await T(el.evaluate((e) => (e.isConnected ? e.value : null)), 'reading the field back').catch(() => null);
            if (shown !== null) {
              checks.fields += 1;
              if (!/^\d+$/.test(shown)) throw new Error(`the number field "${name}" shows ${JSON.stringify(shown)} after ${JSON.stringify(value)}: not a value in effect`);
            }
          }
        }
      } else if (kind === 'drag-actor' || kind === 'drag-wall') {
        const svgBox = await T(page.locator('svg.cluster').first().boundingBox({ timeout: 600 }), 'measuring the picture').catch(() => null);
        const grabs = kind === 'drag-wall'
          ? await visible('svg.cluster .wall-grip .hit')
          : await visible('svg.cluster [data-grab]:not(.wall-grip) .body, svg.cluster .box.storage rect, svg.cluster .box.lease-store rect');
        if (svgBox && grabs.length) {
          const g = pick(grabs);
          const b = await T(g.boundingBox({ timeout: 600 }), 'measuring an actor').catch(() => null);
          if (b) {
            const from = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
            const to = { x: svgBox.x + rand() * svgBox.width, y: svgBox.y + rand() * svgBox.height };
            const who = await T(g.evaluate((e) => e.closest('[data-grab]')?.getAttribute('data-grab') ?? '?'), 'naming an actor');
            what += ` ${who} to (${Math.round(((to.x - svgBox.x) / svgBox.width) * 100)}%, ${Math.round(((to.y - svgBox.y) / svgBox.height) * 100)}%)`;
            await T(dragTo(from, to, int(1, 10)), 'dragging in the picture');
          }
        }
      } else if (kind === 'hold-message') {
        const msgs = await visible('svg.cluster .msg.clickable');
        if (msgs.length) {
          const m = pick(msgs);
          what += ` ${(await T(m.textContent(), 'reading a message').catch(() => '')).slice(0, 30) || 'a dot'} of ${msgs.length}`;
          // Dispatched: moving dots sit under labels and links (as e2e/hold.test.mjs does).
          await T(m.dispatchEvent('click'), 'clicking a message').catch(() => {});
        } else what += ' (none in flight)';
      } else if (kind === 'download') {
        await toolsTab();
        const name = pick(['Trace (.jsonl)', 'Scenario (.json)', 'Diagram (.svg)', 'Save lesson file']);
        const b = page.getByRole('button', { name }).first();
        what += ` ${name}`;
        if (await T(b.count(), 'finding a save button')) await T(b.click({ timeout: 600 }), `clicking ${name}`).catch(() => {});
        else what += ' (not on screen)';
      } else if (kind === 'file') {
        const inp = page.locator('input.import-file');
        if (await T(inp.count(), 'finding the file picker')) {
          let text = ZOMBIE;
          const n = int(0, 3);
          for (let j = 0; j < n; j++) { const at = int(0, text.length - 1); text = text.slice(0, at) + pick(['{', '}', '"', ',', '9', 'x', '']) + text.slice(at + 1); }
          const name = pick(['a.json', 'b.jsonl', 'c.txt']);
          what += ` ${name} with ${n} edits`;
          await T(inp.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) }), 'picking a file').catch(() => {});
          // The file is read asynchronously: let it arrive before the state is read.
          await page.waitForTimeout(100);
          await settle(page);
        }
      } else if (kind === 'link') {
        const made = links.length ? pick(links) : v1Link({ b: 'gc-pause-zombie', seed: 7, t: 5000 });
        const frag = pick([
          made, made, damage(made, r), damage(made, r), damage(made, r),
          v1Link({ b: 'drifting-clock', seed: int(0, 99), t: int(0, 60_000) }),
          damage(v1Link({ b: 'gc-pause-zombie', seed: 1, t: 3000 }), r),
          'run=v1.AAAA', 'run=v2.', 'run=', 'lesson=gc-pause-zombie', 'lesson=gc-pause-zombie&q=2', 'lesson=nope',
          'challenge=five-leaders', 'challenge=through-the-gap', 'challenge=', 'scenario=drifting-clock&play=1',
          'speed=7&x=1', 'speed=50&play=1', '%%%', 'panels=picture', 'panels=storage,findings,controls,timeline', 'lesson=&q=', 'present=1&questions=off',
        ]);
        what += ` #${frag.length > 60 ? `${frag.slice(0, 40)}…(${frag.length})` : frag}`;
        await T(page.evaluate((f) => { location.hash = f; }, frag), 'setting the fragment');
        // The page reads its fragment when it opens: a reload opens the link.
        if (rand() < 0.6) { what += ' + reload'; await reload(); }
      } else if (kind === 'copy-link') {
        await toolsTab();
        const b = page.locator('button.copy-link');
        if (await T(b.count(), 'finding Copy link')) {
          await T(b.click({ timeout: 600 }), 'clicking Copy link').catch(() => {});
          const link = await T(page.locator('input.share-link').inputValue(), 'reading the link').catch(() => '');
          const frag = link.split('#')[1];
          if (frag?.startsWith('run=')) { links.push(frag); what += ` (${frag.length} chars)`; }
        } else what += ' (not on screen)';
      } else if (kind === 'network') {
        await toolsTab();
        const b = page.getByRole('button', { name: /Network/ }).first();
        what += ' open/close Network…';
        if (await T(b.count(), 'finding Network…')) await T(b.click({ timeout: 600 }), 'clicking Network…').catch(() => {});
      } else {
        const ms = int(0, 150);
        what += ` ${ms} ms`;
        await page.waitForTimeout(ms);
      }
      if (!realTime) await pauseIfPlaying();
      await settle(page);
      log.push(what);
      await onAction(i, what, page);
      if (gone) throw new Error(gone);
      const state = await readState(page);
      states.push(`${i} ${what} | run ${state.run} · ${state.nowText} · scrub ${state.scrub}/${state.scrubMax} · highest ${state.highest} · ${state.chips.join(' | ')}`);
      checkState(state, prev, checks);
      if (state.highest !== null) prev = state;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const problems = view.problems();
      if (dialogs.length) problems.push(...dialogs.map((d) => `a dialog: ${d}`));
      if (problems.length) throw new Error(problems.join('\n'));
    } catch (e) {
      if (log.length === i) log.push(`${what} (failed here)`);
      const why = gone && !e.message.includes(gone) ? `${gone} (then: ${e.message})` : e.message;
      const err = new Error(`monkey failed at action ${i + 1} of ${count} (MONKEY_SEED=${seed} replays it): ${why}\nlast actions:\n  ${log.slice(-15).join('\n  ')}`);
      err.log = log;
      err.states = states;
      lab.browser.off('disconnected', onDisconnect);
      throw err;
    }
  }
  lab.browser.off('disconnected', onDisconnect);
  return { log, states, kinds, checks, blocked, links, downloads: () => downloads, reload, settle: () => settle(page) };
}

/** Why Playwright could not click a control, in a word, from its error's log. */
function whyMissed(e) {
  const m = String(e?.message ?? e);
  if (/did not answer/.test(m)) return 'no answer';
  if (/intercepts pointer events/.test(m)) {
    // "<span …>…</span> from <div class="overlay">…</div> subtree intercepts …": the layer.
    const all = [...m.matchAll(/<([a-z]+)([^>]*)>(?:[^<]*<\/\1>)?(?: from <([a-z]+)([^>]*)>…<\/[a-z]+> subtree)? intercepts pointer events/g)];
    const last = all.at(-1);
    if (!last) return 'covered';
    const [tag, attrs] = last[3] ? [last[3], last[4]] : [last[1], last[2]];
    const cls = attrs.match(/class="([^"]*)"/)?.[1].trim().split(/\s+/)[0];
    return `covered by ${tag}${cls ? `.${cls}` : ''}`;
  }
  if (/not stable/.test(m)) return 'moving';
  if (/outside of the viewport/.test(m)) return 'off screen';
  if (/not visible/.test(m)) return 'hidden';
  if (/not enabled|disabled/.test(m)) return 'disabled';
  if (/not attached|detached/.test(m)) return 'redrawn';
  return 'other';
}

/**
 * Run in the page on a control a click could not reach: the name of another control that
 * lies over its middle, when that one is part of the page's flow (two marks on the
 * timeline stacked, a button drawn over a button), or null: nothing covers it, or what
 * covers it is its own label, or sits in a layer meant to float over the page (a fixed
 * bar or notice, a pop-over with its own z-index), which a person closes or scrolls past.
 */
export function coveringControl(e) {
  const r = e.getBoundingClientRect();
  const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
  if (!r.width || !r.height || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
  const top = document.elementFromPoint(x, y);
  if (!top || e.contains(top) || top.contains(e) || [...(e.labels ?? [])].some((l) => l.contains(top))) return null;
  const control = top.closest('button, input, select, textarea, a[href], summary, [role=button], [role=switch], [tabindex]');
  if (!control || control === e || control.contains(e)) return null;
  for (let a = control; a; a = a.parentElement) {
    const cs = getComputedStyle(a);
    if (cs.position === 'fixed' || cs.position === 'sticky' || (cs.position !== 'static' && cs.zIndex !== 'auto')) return null;
  }
  return (control.getAttribute('aria-label') || control.textContent || control.tagName).trim().slice(0, 60);
}

/** What the page shows, read once the frame is drawn. */
export async function readState(page) {
  return withTimeout(page.evaluate(() => {
    const text = (sel, root = document) => root.querySelector(sel)?.textContent ?? null;
    const num = (s) => (s == null ? null : Number(s.match(/(\d+)/)?.[1] ?? NaN));
    const t = text('.scrub-time') ?? '';
    const m = t.match(/([\d.]+) s \/ ([\d.]+) s/);
    const sc = document.querySelector('#scrubber');
    const panel = (root) => {
      if (!root) return null;
      const sub = text('.panel-sub', root) ?? '';
      const st = sub.match(/highest token (\d+|none) · fencing (on|OFF)/);
      const rows = [...root.querySelectorAll('tr.write')].map((tr) => ({
        cls: ['accepted', 'rejected', 'stale', 'superseded'].find((c) => tr.classList.contains(c)) ?? '?',
        token: Number(tr.children[2]?.textContent),
        verdict: tr.querySelector('.verdict')?.textContent ?? '',
        pinned: tr.classList.contains('pinned'),
      }));
      return {
        highest: st ? (st[1] === 'none' ? -1 : Number(st[1])) : null,
        fencing: st ? st[2] === 'on' : null,
        accepted: num(text('.ok-count', root)), rejected: num(text('.rej-count', root)),
        stale: num(text('.stale-count', root)), gap: num(text('.gap-count', root)),
        rows, empty: !!root.querySelector('td.empty'),
      };
    };
    const panels = [...document.querySelectorAll('.storage-panel')];
    const mine = panels[0] ?? null;
    const twinRoot = document.querySelector('.compare-b');
    const findings = document.querySelector('.findings');
    const chip = (key) => findings?.querySelector(`[data-finding="${key}"]`)?.textContent ?? null;
    const twinChip = (key) => twinRoot?.querySelector(`[data-twin-finding="${key}"]`)?.textContent ?? null;
    const s = panel(mine);
    return {
      nowText: t, now: m ? Number(m[1]) : null, frontier: m ? Number(m[2]) : null,
      scrub: sc ? Number(sc.value) : null, scrubMax: sc ? Number(sc.max) : null,
      run: document.querySelector('main.grid')?.dataset.run ?? null,
      playing: /Stop/.test(document.querySelector('button.play')?.textContent ?? ''),
      comparing: !!twinRoot,
      storage: s, highest: s?.highest ?? null, fencing: s?.fencing ?? null,
      chips: [...(findings?.querySelectorAll('[data-finding]') ?? [])].map((c) => c.textContent),
      chip: { leader: chip('leader'), rejected: chip('rejected'), stale: chip('stale'), superseded: chip('superseded') },
      twin: twinRoot ? { storage: panel(twinRoot.querySelector('.storage-panel')), rejected: twinChip('rejected'), stale: twinChip('stale'), superseded: twinChip('superseded') } : null,
    };
  }), 10_000, 'reading the page state');
}

const chipCount = (s) => (s == null ? null : Number(s.match(/(\d+)/)?.[1] ?? NaN));

/** The checks after each action; `checks` counts how often each could be made. */
export function checkState(state, prev, checks) {
  // The present is within the run: not past what has been simulated, nor past the scrubber's end.
  if (state.now !== null) {
    checks.time += 1;
    if (state.now > state.frontier + 1e-9) throw new Error(`time ${state.now} s beyond the run so far, ${state.frontier} s`);
    if (state.scrub !== null && state.scrub > state.scrubMax) throw new Error(`the scrubber at ${state.scrub} past its end ${state.scrubMax}`);
  }
  // The highest token never goes down within one history with fencing on.
  if (prev && state.highest !== null && state.run !== null && state.run === prev.run && state.fencing && prev.fencing) {
    checks.token += 1;
    if (state.highest < prev.highest) throw new Error(`the storage's highest token went down from ${prev.highest} to ${state.highest} in run ${state.run} with fencing on`);
  }
  // (Playing fast, the table refreshes a few times a second: the monkey compares it paused.)
  const st = state.playing ? null : state.storage;
  if (st && st.highest !== null && state.chip.rejected !== null) {
    agree(st, { rejected: state.chip.rejected, stale: state.chip.stale, superseded: state.chip.superseded }, 'the findings', checks);
    // A token is a term the lease store granted: the storage never saw one above the highest.
    // The chip names each leader's term ("leaders n2 (term 33), n3 (term 34)"): the highest.
    const terms = [...(state.chip.leader ?? '').matchAll(/term (\d+)/g)].map((m) => Number(m[1]));
    const term = terms.length ? Math.max(...terms) : null;
    if (term !== null && !Number.isNaN(term)) {
      checks.term += 1;
      if (st.highest > term) throw new Error(`the storage's highest token ${st.highest} is above the highest term granted, ${term} (${state.chip.leader})`);
    }
  }
  if (!state.playing && state.twin?.storage && state.twin.storage.highest !== null) {
    checks.twin += 1;
    agree(state.twin.storage, state.twin, 'the compared run\'s summary', checks);
  }
}

/** The chips' counts against the storage panel's counts and its rows. */
function agree(st, chips, whose, checks) {
  checks.chips += 1;
  const pairs = [['rejected', st.rejected], ['stale', st.stale], ['superseded', st.gap]];
  for (const [key, count] of pairs) {
    const c = chipCount(chips[key]);
    if (c !== count) throw new Error(`${whose} say ${JSON.stringify(chips[key])} but the storage table counts ${count} ${key}`);
  }
  // Every row drawn is one of the counted writes, of its kind; when every write fits in the
  // table, each kind has exactly as many rows as its count.
  const n = { accepted: 0, rejected: 0, stale: 0, superseded: 0 };
  for (const row of st.rows) {
    if (!(row.cls in n)) throw new Error(`a storage row with no verdict class: ${row.verdict}`);
    n[row.cls] += 1;
    checks.tokens += 1;
    if (st.highest >= 0 && row.token > st.highest) throw new Error(`a ${row.cls} write with token ${row.token} above the highest token ${st.highest}`);
    if (row.cls === 'rejected' || row.cls === 'stale') {
      // A refusal reads "token 33 < 34"; a stale write taken "stale token 33 (… it had seen 34)".
      const v = row.cls === 'rejected'
        ? row.verdict.match(/token (\d+) < (\d+)/)
        : row.verdict.match(/stale token (\d+) \(fencing off; it had seen (\d+)\)/);
      if (!v || Number(v[1]) !== row.token || !(Number(v[1]) < Number(v[2])) || Number(v[2]) > st.highest) {
        throw new Error(`a ${row.cls} row says "${row.verdict}" (token ${row.token}, highest ${st.highest})`);
      }
    }
  }
  const counts = { accepted: st.accepted, rejected: st.rejected, stale: st.stale, superseded: st.gap };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  checks.rows += 1;
  for (const k of Object.keys(n)) {
    if (n[k] > counts[k]) throw new Error(`the storage table shows ${n[k]} ${k} rows but counts ${counts[k]}`);
  }
  if (st.empty !== (total === 0)) throw new Error(`the storage table ${st.empty ? 'says no writes yet' : 'shows rows'} with ${total} writes counted`);
  if (total <= 25) {
    checks.rowsExact += 1;
    for (const k of Object.keys(n)) {
      if (n[k] !== counts[k]) throw new Error(`the storage table shows ${n[k]} ${k} rows of ${total} writes, but counts ${counts[k]} ${k}`);
    }
  }
}
