// The key flows (flows.mjs) in WebKitGTK (Safari's engine), driven by selenium-webdriver through WebKitWebDriver on Xvfb.
// Run by scripts/test after the Chromium end-to-end step; see engines.mjs.
// Screenshots: e2e/artifacts/engines-webkit-*.png.

import { test, before, after } from 'node:test';
import { startEngine } from './engines.mjs';
import { FLOWS } from './flows.mjs';

let engine;
before(async () => {
  engine = await startEngine('webkit');
  console.log(`# ${engine.label}`);
});
after(async () => {
  await engine?.close();
});

for (const [name, flow] of FLOWS) {
  test(`WebKit: ${name}`, () => flow(engine));
}
