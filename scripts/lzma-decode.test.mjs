// The one-file lab's LZMA decoder (scripts/lzma-decode.mjs) against the encoder the build
// packs with (the npm package `lzma`): every byte comes back, at every level the encoder
// has, for data with long matches, repeats at the last distances, text and noise; and a
// damaged stream is refused with a reason, never read as other bytes. (That browsers run
// it is e2e/single-file.test.mjs's and the engines' one-file flow.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { lzmaDecode } from './lzma-decode.mjs';
import { seededBytes } from './seeded-bytes.mjs';

const lzma = createRequire(import.meta.url)('lzma');
const pack = (data, level) => Uint8Array.from(lzma.compress(data, level), (b) => b & 255);

/** Noise, a text and their copies interleaved: matches near and far, and the same
 * distances again (the coder's "rep" matches). */
function mixed(seed) {
  const text = readFileSync(new URL('../README.md', import.meta.url));
  const parts = [text.subarray(0, 5000), seededBytes(3000, seed), text.subarray(2000, 9000), new Uint8Array(700)];
  for (let i = 0; i < 40; i++) parts.push(text.subarray(100 * i, 100 * i + 37 + i), seededBytes(5 + i, seed + i));
  parts.push(new Uint8Array(70_000).fill(7), seededBytes(20, seed), text.subarray(0, 300));
  return Uint8Array.from(Buffer.concat(parts.map((p) => Buffer.from(p))));
}

const roundTrip = (data, level) => assert.deepEqual(lzmaDecode(pack(data, level)), data, `level ${level}, ${data.length} bytes`);

test('text, noise, long runs and repeated distances come back whole at every level', () => {
  const data = mixed(11);
  for (let level = 1; level <= 9; level++) roundTrip(data, level);
});

test('small and odd inputs come back whole', () => {
  for (const data of [new Uint8Array(0), Uint8Array.of(0), Uint8Array.of(255, 0, 255), seededBytes(1, 3), seededBytes(257, 4), new Uint8Array(5000)]) {
    roundTrip(data, 5);
  }
  for (let n = 0; n < 64; n++) roundTrip(Uint8Array.from({ length: n }, (_, i) => (i * 7) % 3), 5);
});

test('the wasm the build packs comes back whole, when there is a build', (t) => {
  const dist = process.env.FL_DIST;
  if (!dist) {
    t.skip('FL_DIST not set (scripts/test sets it): the built wasm is checked by e2e/single-file.test.mjs too');
    return;
  }
  // A release build serves its wasm packed (scripts/pack-wasm.mjs) and names the pack.
  const name = readFileSync(new URL(`file://${dist}/index.html`), 'utf8').match(/data-packed="([^"]+\.wasm\.lzma)"/)?.[1];
  assert.ok(name, 'index.html names its packed wasm');
  const wasm = lzmaDecode(new Uint8Array(readFileSync(`${dist}/${name}`)));
  assert.ok(WebAssembly.validate(wasm), 'the pack the build made unpacks to a valid module');
  roundTrip(wasm, 5);
});

test('a damaged stream is refused with a reason', () => {
  const data = mixed(5);
  const packed = pack(data, 5);
  assert.throws(() => lzmaDecode(packed.subarray(0, packed.length - 200)), /damaged: cut short/);
  assert.throws(() => lzmaDecode(packed.subarray(0, 10)), /damaged: too short/);
  const badProps = Uint8Array.from(packed);
  badProps[0] = 230;
  assert.throws(() => lzmaDecode(badProps), /damaged: bad properties/);
  const noSize = Uint8Array.from(packed);
  noSize.fill(0xff, 5, 13);
  assert.throws(() => lzmaDecode(noSize), /damaged: no size, or too large/);
  // A stream whose middle is changed either fails or gives other bytes; never the same.
  const flipped = Uint8Array.from(packed);
  flipped[Math.floor(packed.length / 2)] ^= 0x5a;
  let same = false;
  try {
    same = Buffer.compare(Buffer.from(lzmaDecode(flipped)), Buffer.from(data)) === 0;
  } catch (e) {
    assert.match(e.message, /damaged/);
  }
  assert.ok(!same, 'a changed stream read as the original');
});
