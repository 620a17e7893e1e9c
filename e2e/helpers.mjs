// Shared helpers for the end-to-end tests: the built app (dist/) served on 127.0.0.1, the
// system Chromium (/usr/bin/chromium) driven headless by playwright-core, and checks that
// the page stays clean and offline. Tests run with node's own test runner:
// `node --test --test-reporter=spec e2e/` (scripts/test does it after scripts/build).
//
// A test file is e2e/<topic>.test.mjs and looks like this:
//
//   import { test, before, after } from 'node:test';
//   import assert from 'node:assert/strict';
//   import { startLab, VIEWPORTS } from './helpers.mjs';
//
//   let lab;
//   before(async () => { lab = await startLab(); });  // one server + one browser per file
//   after(async () => { await lab?.close(); });
//
//   test('play starts the clock', async () => {
//     const view = await lab.open({ viewport: VIEWPORTS.laptop }); // fresh context, app loaded
//     try {
//       await view.page.getByRole('button', { name: 'Play' }).click();
//       await view.screenshot('play-laptop');  // -> e2e/artifacts/play-laptop.png
//       view.assertClean();  // no console error or warning, no uncaught exception,
//                            // no request to any host but 127.0.0.1
//     } finally {
//       await view.close();
//     }
//   });
//
// lab.open(options):
//   path           what to load, relative to the app's root ('' by default; '#lesson=crash-restart' etc.)
//   viewport       { width, height }; VIEWPORTS has projector 1920x1080, laptop 1366x768,
//                  small 800x600
//   reducedMotion  'reduce' or 'no-preference' (default)
//   colorScheme    'light' (default) or 'dark'
//   waitFor        a selector to wait for, visible, before returning ('h1' by default;
//                  null to not wait)
//   allowConsole   regular expressions of console messages that are expected, not errors
//   questions      false to switch the lesson's questions off first (they stop the run at
//                  each checkpoint; a test about something else turns them off)
//   device         more of the browser context's options, for a tablet or a phone:
//                  { hasTouch: true, isMobile: true, deviceScaleFactor: 2 }
//   firstVisit     true to open as a first visit: nothing stored, so the welcome greets it
//                  (by default the page opens as a return visit: see returningVisitor;
//                  a file:// page is opened, made one and loaded again)
//   allTools       true by default: the "All tools" switch is on, so every control is
//                  there as tests expect; false for the first view a lesson gives
//   init           a function run in the page before its own scripts (an init script),
//                  to watch the page from its start
// and gives { page, context, console, pageErrors, foreignRequests, problems(),
//   assertClean(), settle(), screenshot(name, options), axe(), close() }.
// Wait on the page's state, never for a fixed time: a locator's waitFor, waitForFunction
// on `data-run` or the clock, a status message's text; settle() ends CSS animations.
// `view.console` holds every console message ({ type, text, where }); problems() lists
// the error- and warning-level ones (less allowConsole), the uncaught page errors and the
// requests to other hosts. Requests to other hosts are aborted, never sent.
//
// Environment: FL_DIST  the folder to serve (default: <repo>/dist, made by scripts/build);
//              E2E_BASE_URL  test an app that is already served instead (e.g. scripts/serve
//                            at http://127.0.0.1:8080/); CHROMIUM  the browser executable
//                            (default /usr/bin/chromium); E2E_HEADED=1 to watch it.
// Screenshots go to e2e/artifacts/ (ignored by git).

import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = dirname(HERE);
export const ARTIFACTS = join(HERE, 'artifacts');

export const VIEWPORTS = Object.freeze({
  projector: { width: 1920, height: 1080 },
  laptop: { width: 1366, height: 768 },
  small: { width: 800, height: 600 },
});

// As TOOLCHAIN.md says: without the networking flags Chromium tries to reach hosts that
// are not there. Playwright adds a fresh, temporary --user-data-dir to every launch.
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
]);

const LOCAL_HOST = '127.0.0.1';

/** Drag the scrubber to `ms` (as a drag does: the value changes, an input event fires). */
export async function seekTo(page, ms) {
  await page.getByLabel('Time', { exact: true }).evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
}

/**
 * Bring the run to `secs` seconds of virtual time by seeking there, and wait until the
 * page shows it. The run is deterministic, so this is what playing there gives; unlike
 * playing and pausing, a busy machine cannot overshoot the moment.
 */
export async function reach(page, secs) {
  const ms = Math.round(secs * 1000);
  await seekTo(page, ms);
  await page.waitForFunction(
    (want) => document.querySelector('.scrub-time')?.textContent.startsWith(`${(want / 1000).toFixed(1)} s`),
    ms,
    { timeout: 30_000 },
  );
}

/**
 * What a returning visitor's browser has kept (run in the page before the app starts):
 * the welcome seen, and the "All tools" switch as `allTools` says (left as it is if the
 * page stored it already, so a reload keeps what the test switched). Pass it to
 * context.addInitScript(returningVisitor, allTools). One place for every test and
 * benchmark: a first visit is opened with `firstVisit: true`.
 */
export function returningVisitor(allTools) {
  try {
    if (localStorage.getItem('fencing-lab.welcomed') === null) localStorage.setItem('fencing-lab.welcomed', '1');
    if (localStorage.getItem('fencing-lab.all-tools') === null) {
      localStorage.setItem('fencing-lab.all-tools', allTools ? '1' : '0');
    }
  } catch {
    // no storage here (an opaque origin): nothing to keep
  }
}

/** Launch the system Chromium headless (a fresh temporary profile each time). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: !process.env.E2E_HEADED,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
}

/** Is this URL something other than 127.0.0.1 (data:, blob: and about: are local)? */
export function isForeign(url) {
  const u = new URL(url);
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return false;
  return u.hostname !== LOCAL_HOST;
}

/**
 * Start what a test file needs: the static server on dist/ (unless E2E_BASE_URL is set)
 * and the browser. Returns { baseUrl, browser, open(options), close() }.
 */
export async function startLab() {
  let server = null;
  let baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) {
    server = await startServer({ root: process.env.FL_DIST || join(REPO_ROOT, 'dist') });
    baseUrl = server.url;
  }
  if (!baseUrl.endsWith('/')) baseUrl += '/';
  const browser = await launchBrowser();
  return {
    baseUrl,
    browser,
    open: (options) => openPage(browser, baseUrl, options),
    async close() {
      await browser.close();
      await server?.close();
    },
  };
}

/** Open the app in a fresh browser context; see the comment at the top for the options. */
export async function openPage(browser, baseUrl, options = {}) {
  const {
    path = '',
    viewport = VIEWPORTS.laptop,
    reducedMotion = 'no-preference',
    colorScheme = 'light',
    waitFor = 'h1',
    allowConsole = [],
    questions = true,
    device = {},
    firstVisit = false,
    allTools = true,
    init = null,
  } = options;

  const context = await browser.newContext({ viewport, reducedMotion, colorScheme, ...device });
  // A file:// page is made a return visit after it opens, not by an init script: in
  // Chromium an init script's touch of localStorage on a file:// page sometimes ties the
  // page to a storage no other page and no reload sees (a plain page shows it; 5 in 20
  // loads here), which loses what the page keeps across a reload.
  const fromFile = new URL(path, baseUrl).protocol === 'file:';
  if (!firstVisit && !fromFile) await context.addInitScript(returningVisitor, allTools);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const consoleMessages = [];
  const pageErrors = [];
  const foreignRequests = [];
  const noteForeign = (url) => {
    if (!foreignRequests.includes(url)) foreignRequests.push(url);
  };

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isForeign(url)) {
      noteForeign(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  // Requests the router does not see (service workers, web sockets) are noted here too.
  page.on('request', (request) => {
    if (isForeign(request.url())) noteForeign(request.url());
  });
  page.on('websocket', (ws) => {
    if (isForeign(ws.url())) noteForeign(ws.url());
  });
  page.on('console', (msg) => {
    const { url, lineNumber } = msg.location();
    consoleMessages.push({ type: msg.type(), text: msg.text(), where: url ? `${url}:${lineNumber}` : '' });
  });
  page.on('pageerror', (err) => pageErrors.push(String(err?.stack || err)));

  const view = {
    page,
    context,
    console: consoleMessages,
    pageErrors,
    foreignRequests,

    /** Everything that makes the page unclean, as readable lines. */
    problems() {
      const bad = consoleMessages
        .filter((m) => m.type === 'error' || m.type === 'warning')
        .filter((m) => !allowConsole.some((re) => re.test(m.text)))
        .map((m) => `console ${m.type}: ${m.text}${m.where ? ` (at ${m.where})` : ''}`);
      return [
        ...bad,
        ...pageErrors.map((e) => `uncaught: ${e}`),
        ...foreignRequests.map((u) => `request to another host: ${u}`),
      ];
    },

    /** Throw, listing them all, if there is any console error/warning, page error or foreign request. */
    assertClean() {
      const problems = view.problems();
      if (problems.length > 0) {
        throw new Error(`the page is not clean:\n  ${problems.join('\n  ')}`);
      }
    },

    /** Let the page come to rest, on its state rather than a sleep: every finite CSS
     * animation and transition (the status message's fade, actors moving) jumps to its
     * end, then two frames are drawn. */
    async settle() {
      await page.evaluate(async () => {
        for (const a of document.getAnimations()) {
          try {
            a.finish();
          } catch {
            // an endless animation (a pulse) has no end to jump to
          }
        }
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      });
    },

    /** Save a PNG of the viewport (fullPage: true for all of it) into e2e/artifacts/,
     * once the page has settled (see settle()). */
    async screenshot(name, screenshotOptions = {}) {
      await view.settle();
      await mkdir(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, ...screenshotOptions });
      return file;
    },

    /** Run axe-core on the page; resolves to its violations (WCAG 2.x A and AA rules). */
    async axe() {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      return results.violations;
    },

    async close() {
      await context.close();
    },
  };

  try {
    await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
    if (!firstVisit && fromFile) {
      // The page keeps its switches once it has started (its first effect stores the
      // All tools switch); they are cleared (a fresh context keeps nothing else), then
      // what a return visit keeps is set, and the page loaded again.
      await page.waitForFunction(() => localStorage.getItem('fencing-lab.all-tools') !== null, null, {
        timeout: 30_000,
      });
      await page.evaluate(() => localStorage.clear());
      await page.evaluate(returningVisitor, allTools);
      await page.reload({ waitUntil: 'load' });
    }
    if (waitFor) await page.locator(waitFor).first().waitFor({ state: 'visible', timeout: 30_000 });
    if (!questions) {
      // A test about something else: the lesson's questions would stop the run.
      await page.keyboard.press('q');
      await page.getByRole('switch', { name: 'Questions: off' }).waitFor({ timeout: 5_000 });
    }
  } catch (err) {
    const problems = view.problems();
    await view.screenshot(`failed-open-${Date.now()}`).catch(() => {});
    await context.close();
    throw new Error(
      `could not open ${new URL(path, baseUrl).href}: ${err.message}` +
        (problems.length ? `\npage problems:\n  ${problems.join('\n  ')}` : ''),
    );
  }
  return view;
}

/** Format axe violations as readable lines (rule, impact, help, and the nodes it found). */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n'),
    )
    .join('\n');
}

/** FNV-1a 64 of a string's UTF-8, low 32 bits as 8 hex digits (a v1 link's checksum). */
export function linkSum(text) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text, 'utf8')) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return (h & 0xffffffffn).toString(16).padStart(8, '0');
}
