// The key flows in the two engines besides Chromium: Firefox ESR, driven by puppeteer-core
// over WebDriver BiDi, and WebKitGTK (Safari's engine), driven by selenium-webdriver
// through WebKitWebDriver and its MiniBrowser on a virtual X display (Xvfb). Both are
// Debian's (scripts/lib.sh: ensure_firefox, ensure_webkit). These files live outside e2e/
// so that the Chromium step (`node --test e2e/`) does not run them; scripts/test runs
// them in a step of their own: `node --test --test-reporter=spec e2e-engines/`.
//
// One engine per test file, one flow per test (flows.mjs holds the flows, written once):
//
//   import { test, before, after } from 'node:test';
//   import { startEngine } from './engines.mjs';
//   let engine;
//   before(async () => { engine = await startEngine('firefox'); }); // server + browser
//   after(async () => { await engine?.close(); });
//   test('…', async () => {
//     const view = await engine.open('#lesson=gc-pause-zombie', { viewport });
//     try { …; await view.assertClean(); } finally { await view.close(); }
//   });
//
// engine: { name, label, version, baseUrl, fileUrl, open(pathOrUrl, options),
//   saved(fileName, timeout), close() }
//   saved() waits for the browser to save a file the page offered (a Save button) into the
//   engine's own download folder (a fresh temporary one, no dialog) and returns its text.
//   open() takes a path relative to the served app ('' or '#run=…'), or a full URL
//   (file://…); options: viewport { width, height } (1366×768 by default), allowConsole
//   (regular expressions of expected messages). Every open() is a fresh page with nothing
//   kept from another (a new browser context in Firefox, a new session in WebKit).
// view: { evaluate(fn, ...args), waitFor(fn, args, timeout, what), element(fn, ...args),
//   click(element), press(key), resize({ width, height }), screenshot(name), problems(),
//   assertClean() (async), close() }
//   evaluate and waitFor run `fn` in the page (it may be async; args must be JSON);
//   element returns a handle to the DOM element `fn` returns, for click().
//
// Console errors: Firefox reports them over BiDi (every console message of level error or
// warning, and uncaught exceptions). WebKitWebDriver gives no access to the console (no
// BiDi in WebKitGTK 2.50, and MiniBrowser in automation mode ignores the setting that
// writes console messages to stdout), so in WebKit the pages come from a copy of FL_DIST
// whose two HTML files start with a small script (CAPTURE below) that records
// console.error and console.warn, uncaught errors, unhandled rejections, resources that
// failed to load and CSP violations; what only the engine itself logs is not seen there.
//
// Environment: FL_DIST (default <repo>/dist), FIREFOX (/usr/bin/firefox-esr),
// WEBKIT_DRIVER (/usr/bin/WebKitWebDriver), MINIBROWSER (found beside libwebkit2gtk-4.1),
// E2E_HEADED=1 to watch Firefox, and DISPLAY: when set, WebKit uses it instead of Xvfb;
// ENGINES_TRACE=1 writes each WebKit WebDriver call, and how long it took, to stderr.
// Screenshots go to e2e/artifacts/ (ignored by git), named engines-<engine>-….png.

import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../e2e/serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = dirname(HERE);
export const ARTIFACTS = join(REPO_ROOT, 'e2e', 'artifacts');
export const DIST = process.env.FL_DIST || join(REPO_ROOT, 'dist');
export const LAPTOP = Object.freeze({ width: 1366, height: 768 });

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
const MINIBROWSER =
  process.env.MINIBROWSER ||
  ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib']
    .map((d) => join(d, 'webkit2gtk-4.1', 'MiniBrowser'))
    .find((p) => existsSync(p)) ||
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Is this URL something other than 127.0.0.1 or a local scheme? */
export function isForeign(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return false;
  return u.hostname !== '127.0.0.1';
}

/** Start the named engine ('firefox' or 'webkit') and a server for the built app. */
export async function startEngine(name) {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error(`${DIST}/index.html is missing: run scripts/build (or set FL_DIST)`);
  });
  if (name === 'firefox') return startFirefox();
  if (name === 'webkit') return startWebKit();
  throw new Error(`unknown engine ${name}`);
}

// --- shared --------------------------------------------------------------------------------

/** The view's common part: problems() from the engine's messages, less allowConsole. */
function problemsOf(messages, allowConsole) {
  return messages.filter((m) => !allowConsole.some((re) => re.test(m)));
}

function cleanCheck(view) {
  const problems = view.problems();
  if (problems.length > 0) {
    throw new Error(`the page is not clean in ${view.engine}:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * In the page: make it a returning visitor's, as e2e/helpers.mjs does (returningVisitor):
 * a first visit's welcome skipped, and the "All tools" switch on, so the flows find every
 * control. True once done.
 */
function asReturningVisitor() {
  const skip = [...document.querySelectorAll('.welcome button')].find((b) => b.textContent.startsWith('Skip'));
  if (skip) skip.click();
  const all = document.querySelector('button.all-tools');
  if (all && all.getAttribute('aria-checked') !== 'true') all.click();
  return !document.querySelector('.welcome') && document.querySelector('button.all-tools')?.getAttribute('aria-checked') === 'true';
}

async function passFirstVisit(view) {
  if (await view.evaluate(asReturningVisitor)) return;
  await view.waitFor(asReturningVisitor, [], 10_000, 'the welcome skipped and all tools shown');
}

async function saveShot(name, png) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await writeFile(file, png);
  return file;
}

/** Source text of `fn` called with JSON `args`, for engines that take a script string. */
function callSource(fn, args) {
  return `return (${fn.toString()}).apply(null, ${JSON.stringify(args)});`;
}

// --- Firefox: puppeteer-core over WebDriver BiDi ----------------------------------------------

async function startFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const server = await startServer({ root: DIST });
  // What the page saves lands here, without a dialog (engine.saved reads it).
  const downloads = await mkdtemp(join(tmpdir(), 'fl-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: !process.env.E2E_HEADED,
    timeout: 60_000,
    // Nothing may reach another host: no update checks, no telemetry, no captive portal.
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.healthreport.uploadEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json,application/x-ndjson,image/svg+xml',
    },
  });
  const version = (await browser.version()).replace(/^firefox\//i, '');
  const fileUrl = pathToFileURL(join(DIST, 'fencing-lab.html')).href;
  return {
    name: 'firefox',
    label: `Firefox ESR ${version}`,
    version,
    baseUrl: server.url,
    fileUrl,
    async open(where = '', { viewport = LAPTOP, allowConsole = [] } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const messages = [];
      page.on('console', (m) => {
        const type = m.type();
        if (type === 'error' || type === 'warn' || type === 'warning') {
          const loc = m.location?.();
          messages.push(`console ${type === 'error' ? 'error' : 'warning'}: ${m.text()}${loc?.url ? ` (at ${loc.url}:${loc.lineNumber})` : ''}`);
        }
      });
      page.on('pageerror', (err) => messages.push(`uncaught: ${err?.stack || err}`));
      page.on('request', (r) => {
        if (isForeign(r.url())) messages.push(`request to another host: ${r.url()}`);
      });
      await page.setViewport(viewport);
      const url = /^[a-z]+:/.test(where) ? where : new URL(where, server.url).href;
      const view = {
        engine: 'firefox',
        page,
        url: () => page.url(),
        evaluate: (fn, ...args) => page.evaluate(fn, ...args),
        async waitFor(fn, args = [], timeout = 30_000, what = 'the page') {
          try {
            await page.waitForFunction(fn, { timeout, polling: 'raf' }, ...args);
          } catch (e) {
            throw new Error(`firefox: waited ${timeout} ms for ${what}: ${e.message}`);
          }
        },
        element: (fn, ...args) => page.evaluateHandle(fn, ...args).then((h) => h.asElement()),
        click: (el) => el.click(),
        press: (key) => page.keyboard.press(key),
        resize: (size) => page.setViewport(size),
        screenshot: async (name) => saveShot(name, await page.screenshot()),
        problems: () => problemsOf(messages, allowConsole),
        assertClean: () => cleanCheck(view),
        close: () => context.close(),
      };
      try {
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
        await page.waitForSelector('h1', { visible: true, timeout: 30_000 });
        await passFirstVisit(view);
      } catch (e) {
        await context.close().catch(() => {});
        throw new Error(`firefox could not open ${url}: ${e.message}\n  ${messages.join('\n  ')}`);
      }
      return view;
    },
    saved: (name, timeout) => savedFile(downloads, name, timeout),
    async close() {
      await browser.close();
      await server.close();
      await rm(downloads, { recursive: true, force: true });
    },
  };
}

/**
 * The text of the file named `name` once the browser has saved it whole into `dir`, then
 * removed so that the next save of the name is seen afresh. Firefox first makes the file
 * empty, then writes a `.part` beside it and moves that over it: whole means no partial
 * file beside it and the same non-zero size twice, 100 ms apart.
 */
async function savedFile(dir, name, timeout = 30_000) {
  const path = join(dir, name);
  const deadline = Date.now() + timeout;
  let last = -1;
  for (;;) {
    const names = await readdir(dir);
    const size = names.includes(name) ? (await stat(path)).size : -1;
    if (size > 0 && size === last && !names.some((n) => n.startsWith(name) && n !== name)) {
      const text = await readFile(path, 'utf8');
      await rm(path);
      return text;
    }
    last = size;
    if (Date.now() > deadline) {
      const held = names.length ? names.join(', ') : 'nothing';
      throw new Error(`${name} was not saved whole within ${timeout} ms (the folder holds: ${held}; its size: ${size} B)`);
    }
    await new Promise((r) => setTimeout(r, 100)); // polling a folder, not the page
  }
}

// --- WebKitGTK: selenium-webdriver and WebKitWebDriver ----------------------------------------

// Records what the page logs, as WebKitWebDriver cannot tell (see the top of this file).
const CAPTURE = `<script>/* e2e-engines: records console errors for the WebKit tests */
(() => {
  const seen = (window.__flProblems = []);
  const text = (v) => (v instanceof Error ? String(v) + (v.stack ? ' at ' + v.stack.split('\\n').slice(0, 3).join(' < ') : '') : String(v));
  for (const [level, name] of [['error', 'error'], ['warn', 'warning']]) {
    const original = console[level];
    console[level] = function (...args) {
      seen.push('console ' + name + ': ' + args.map(text).join(' '));
      return original.apply(this, args);
    };
  }
  addEventListener('error', (e) => {
    if (e.error !== undefined || e.message) seen.push('uncaught: ' + text(e.error || e.message));
    else seen.push('failed to load: ' + ((e.target && (e.target.src || e.target.href)) || '?'));
  }, true);
  addEventListener('unhandledrejection', (e) => seen.push('unhandled rejection: ' + text(e.reason)));
  addEventListener('securitypolicyviolation', (e) => seen.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
})();
</script>`;

// The capture sees error *events*, which the other engines' harnesses do not: at 1920×1080
// (where the space-time diagram shows beside the picture) Chromium, Firefox and WebKit all
// fire "ResizeObserver loop completed with undelivered notifications" at window, from
// the diagram's ResizeObserver, without logging it to the console. Not counted here, so
// that WebKit is held to what Chromium and Firefox are held to.
const NOT_A_CONSOLE_ERROR = [/^uncaught: ResizeObserver loop completed with undelivered notifications\.$/];

/** Copy dist/ to a temporary folder with CAPTURE first in each HTML file's head. */
async function instrumentedCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'fl-webkit-dist-'));
  await cp(DIST, dir, { recursive: true });
  for (const file of ['index.html', 'fencing-lab.html']) {
    const path = join(dir, file);
    const html = await readFile(path, 'utf8').catch(() => null);
    if (html === null) continue;
    const at = html.indexOf('<meta charset="utf-8" />');
    if (at < 0) throw new Error(`${file}: no <meta charset="utf-8" /> to put the console capture after`);
    const end = at + '<meta charset="utf-8" />'.length;
    await writeFile(path, html.slice(0, end) + '\n' + CAPTURE + html.slice(end));
  }
  return dir;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Start Xvfb on a free display; resolves to { display, process }. */
function startXvfb() {
  return new Promise((ok, fail) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    xvfb.stderr.on('data', (d) => (err += d));
    xvfb.once('error', fail);
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited (${code}): ${err.slice(-500)}`)));
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok({ display: `:${out.trim()}`, process: xvfb });
    });
  });
}

/** Wait until the driver at `url` answers /status, or it exits. */
async function driverReady(url, proc, log) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`WebKitWebDriver exited (${proc.exitCode}): ${log().slice(-500)}`);
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50)); // polling a process that starts, not the page
  }
  throw new Error(`WebKitWebDriver did not answer at ${url} within 20 s: ${log().slice(-500)}`);
}

/** "2.50.6" from `MiniBrowser --version` ("WebKitGTK 2.50.6"), run on `display`. */
function miniBrowserVersion(display) {
  return new Promise((ok, fail) => {
    let out = '';
    const p = spawn(MINIBROWSER, ['--version'], { env: { ...process.env, DISPLAY: display }, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.on('data', (d) => (out += d));
    p.once('error', fail);
    p.once('exit', () => {
      const m = /WebKitGTK ([\d.]+)/.exec(out);
      if (m) ok(m[1]);
      else fail(new Error(`${MINIBROWSER} --version said: ${out.trim() || 'nothing'}`));
    });
  });
}

async function startWebKit() {
  const { Builder, Key } = await import('selenium-webdriver');
  const root = await instrumentedCopy();
  const server = await startServer({ root });
  // What the page saves lands in a folder of its own: GLib names the download folder from
  // user-dirs.dirs under XDG_CONFIG_HOME, which MiniBrowser inherits from its driver.
  const config = await mkdtemp(join(tmpdir(), 'fl-webkit-config-'));
  const downloads = join(config, 'downloads');
  await mkdir(downloads);
  await writeFile(join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  let xvfb = null;
  let display = process.env.DISPLAY;
  if (!display) {
    xvfb = await startXvfb();
    display = xvfb.display;
  }
  // WebKitWebDriver runs one session at a time; a second page open at once (a link opened
  // beside the page that made it) gets a driver of its own.
  const drivers = [];
  // If this process dies before close(), its driver and display go with it.
  const killAll = () => {
    for (const d of drivers) d.kill();
    xvfb?.process.kill();
  };
  const onSignal = (signal) => {
    killAll();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', killAll);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const stopAll = async () => {
    killAll();
    process.off('exit', killAll);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.close();
    await rm(root, { recursive: true, force: true });
    await rm(config, { recursive: true, force: true });
  };
  async function startDriver() {
    const port = await freePort();
    const d = { url: `http://127.0.0.1:${port}`, busy: false, log: '' };
    // A process group of its own: a driver stuck starting a browser is killed with it.
    d.proc = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
      env: { ...process.env, DISPLAY: display, XDG_CONFIG_HOME: config },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    d.kill = () => {
      try {
        process.kill(-d.proc.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    };
    d.proc.stdout.on('data', (x) => (d.log += x));
    d.proc.stderr.on('data', (x) => (d.log += x));
    drivers.push(d);
    await driverReady(d.url, d.proc, () => d.log);
    return d;
  }

  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    // A page that never loads or a script that never returns fails in 30 s, not 300.
    timeouts: { pageLoad: 30_000, script: 30_000, implicit: 0 },
  };
  /**
   * A new session (a fresh MiniBrowser) on a driver that has none; release() when done.
   * Now and then, on a loaded machine, WebKitWebDriver never answers a new session (seen
   * in CI and in 1 of about 4 runs beside two busy cores; a session takes under 0.6 s
   * otherwise): after 15 s that driver and its browser are killed and a fresh driver
   * tried, three times in all.
   */
  async function newDriver() {
    for (let attempt = 1; ; attempt++) {
      const d = drivers.find((x) => !x.busy) || (await startDriver());
      d.busy = true;
      const build = new Builder().usingServer(d.url).withCapabilities(capabilities).build();
      build.catch(() => {}); // (when it loses the race below, its failure is not news)
      let timer;
      const stuck = new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error('stuck')), 15_000);
      });
      try {
        const driver = await traced('a new session', Promise.race([build, stuck]));
        return { driver, release: () => (d.busy = false) };
      } catch (e) {
        if (e.message !== 'stuck') {
          d.busy = false;
          throw e;
        }
        d.kill();
        drivers.splice(drivers.indexOf(d), 1);
        if (attempt === 3) throw new Error(`WebKitWebDriver started no session in 15 s, three times: ${d.log.slice(-500)}`);
        process.stderr.write(`webkit: no session after 15 s (attempt ${attempt}); a fresh driver\n`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
  let version;
  try {
    version = await miniBrowserVersion(display);
    await startDriver();
  } catch (e) {
    await stopAll();
    throw e;
  }

  const TRACE = process.env.ENGINES_TRACE === '1';
  /** `p`, with ENGINES_TRACE=1 written to stderr as it starts and when it ends. */
  const traced = async (what, p) => {
    const t0 = Date.now();
    if (TRACE) process.stderr.write(`webkit: ${what}…\n`);
    try {
      return await p;
    } finally {
      if (TRACE) process.stderr.write(`webkit: ${what} took ${Date.now() - t0} ms\n`);
    }
  };
  const KEYS = { Space: Key.SPACE, Escape: Key.ESCAPE, Enter: Key.ENTER, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT };
  return {
    name: 'webkit',
    label: `WebKitGTK ${version}`,
    version,
    baseUrl: server.url,
    fileUrl: pathToFileURL(join(root, 'fencing-lab.html')).href,
    async open(where = '', { viewport = LAPTOP, allowConsole = [] } = {}) {
      const { driver, release } = await newDriver();
      const url = /^[a-z]+:/.test(where) ? where : new URL(where, server.url).href;
      const run = (fn, args) => traced(`script ${String(fn).slice(0, 50)}`, driver.executeScript(callSource(fn, args)));
      let frame = null;
      const view = {
        engine: 'webkit',
        driver,
        messages: [],
        url: () => driver.getCurrentUrl(),
        evaluate: (fn, ...args) => run(fn, args),
        async waitFor(fn, args = [], timeout = 30_000, what = 'the page') {
          await driver.wait(() => run(fn, args), timeout, `webkit: waited ${timeout} ms for ${what}`);
        },
        element: (fn, ...args) => run(fn, args),
        click: (el) => traced('click', el.click()),
        press: (key) => traced(`press ${key}`, driver.actions().sendKeys(KEYS[key] ?? key).perform()),
        /** Size the window so that the page gets exactly `size`, and wait until it has. */
        async resize(size) {
          // The window is the viewport plus MiniBrowser's own frame, measured once.
          if (!frame) {
            await driver.manage().window().setRect({ x: 0, y: 0, ...size });
            await view.waitFor((w, h) => outerWidth === w && outerHeight === h, [size.width, size.height], 10_000, 'the window to resize');
            frame = await run(() => [outerWidth - innerWidth, outerHeight - innerHeight], []);
          }
          const [w, h] = frame;
          await driver.manage().window().setRect({ x: 0, y: 0, width: size.width + w, height: size.height + h });
          await view.waitFor(
            (iw, ih) => innerWidth === iw && innerHeight === ih,
            [size.width, size.height],
            10_000,
            `a ${size.width}×${size.height} viewport`,
          );
        },
        screenshot: async (name) => saveShot(name, Buffer.from(await driver.takeScreenshot(), 'base64')),
        /** What the page recorded, read now (call before navigating away). */
        async collect() {
          const seen = await driver.executeScript('return window.__flProblems || ["the console capture is missing"]');
          const foreign = await driver.executeScript(
            'return performance.getEntriesByType("resource").map((e) => e.name)',
          );
          view.messages = [...seen, ...foreign.filter(isForeign).map((u) => `request to another host: ${u}`)];
          return view.messages;
        },
        problems: () => problemsOf(view.messages, [...NOT_A_CONSOLE_ERROR, ...allowConsole]),
        assertClean: () => cleanCheck(view),
        close: () => traced('quit', driver.quit()).finally(release),
      };
      try {
        await view.resize(viewport);
        await traced(`get ${url}`, driver.get(url));
        await view.waitFor(() => !!document.querySelector('h1')?.getClientRects().length, [], 30_000, 'the app to start');
        await passFirstVisit(view);
      } catch (e) {
        await driver.quit().catch(() => {});
        release();
        throw new Error(`webkit could not open ${url}: ${e.message}`);
      }
      // assertClean reads the page's record first.
      view.assertClean = async () => {
        await view.collect();
        cleanCheck(view);
      };
      return view;
    },
    saved: (name, timeout) => savedFile(downloads, name, timeout),
    close: stopAll,
  };
}
