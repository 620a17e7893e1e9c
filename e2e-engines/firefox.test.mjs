// The key flows (flows.mjs) in Firefox ESR, driven by puppeteer-core over WebDriver BiDi.
// Run by scripts/test after the Chromium end-to-end step; see engines.mjs.
// Screenshots: e2e/artifacts/engines-firefox-*.png.

import { test, before, after } from 'node:test';
import { startEngine } from './engines.mjs';
import { FLOWS } from './flows.mjs';

let engine;
before(async () => {
  engine = await startEngine('firefox');
  console.log(`# ${engine.label}`);
});
after(async () => {
  await engine?.close();
});

for (const [name, flow] of FLOWS) {
  test(`Firefox: ${name}`, () => flow(engine));
}
