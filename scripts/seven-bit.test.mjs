// The one-file lab's packing of bytes as text (scripts/seven-bit.mjs): every byte comes
// back, the text holds nothing a JS string in an HTML <script> cannot hold as it is, and
// it is smaller than base64. (That browsers read it so is e2e/single-file.test.mjs's and
// the engines' one-file flow.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeSevenBit, sevenBitDecode, UNSAFE } from './seven-bit.mjs';
import { seededBytes } from './seeded-bytes.mjs';

/** The bytes whose seven-bit groups are `chunks`, in order (padded with zeros). */
function fromChunks(chunks) {
  const out = [];
  let acc = 0;
  let bits = 0;
  for (const c of chunks) {
    acc = (acc << 7) | c;
    bits += 7;
    while (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
    acc &= (1 << bits) - 1;
  }
  return Uint8Array.from(out);
}

const roundTrip = (data) => assert.deepEqual(sevenBitDecode(encodeSevenBit(data), data.length), data);

test('every length from 0 to 200 bytes, and a large buffer, come back whole', () => {
  for (let n = 0; n <= 200; n++) roundTrip(seededBytes(n, n + 7));
  roundTrip(seededBytes(300_000, 2026));
});

test('each unsafe value, alone, doubled, at the very end and next to another, comes back', () => {
  assert.deepEqual(UNSAFE, [0x00, 0x0a, 0x0d, 0x22, 0x3c, 0x5c]);
  for (const u of UNSAFE) {
    for (const chunks of [[u], [u, u], [65, u], [u, 65, u], [u, 127, u, 0], UNSAFE, [...UNSAFE].reverse()]) {
      const data = fromChunks(chunks);
      roundTrip(data);
    }
  }
  roundTrip(new Uint8Array(64)); // all zeros: every group is NUL
  roundTrip(new Uint8Array(64).fill(255));
  roundTrip(Uint8Array.from({ length: 256 }, (_, i) => i));
});

test('the text holds no NUL, line break, double quote, backslash or "<", and only one-unit characters', () => {
  const text = encodeSevenBit(seededBytes(100_000, 99));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    assert.ok(!UNSAFE.includes(c), `character ${i} is ${c}`);
    assert.ok(c < 0x80 || (c >= 0x100 && c < 0x100 + UNSAFE.length * 128), `character ${i} is ${c}`);
  }
  assert.ok(!text.includes('</') && !text.includes('<!--'));
});

test('it takes about 8/7 of the bytes as UTF-8, where base64 takes 4/3', () => {
  const data = seededBytes(200_000, 5);
  const utf8 = Buffer.byteLength(encodeSevenBit(data), 'utf8');
  const base64 = Buffer.from(data).toString('base64').length;
  assert.ok(utf8 < data.length * 1.16, `${utf8} bytes of text for ${data.length}`);
  assert.ok(utf8 < base64 * 0.87, `${utf8} against base64's ${base64}`);
});

test('a text cut short is refused, not read as fewer bytes', () => {
  const data = seededBytes(1000, 3);
  const text = encodeSevenBit(data);
  assert.throws(() => sevenBitDecode(text.slice(0, -20), data.length), /damaged: \d+ of 1000 bytes/);
});
