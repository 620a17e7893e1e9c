// An LZMA decoder for the one-file lab (scripts/single-html.mjs): the page carries its
// wasm LZMA-compressed, 22% smaller than zlib's best gzip, and unpacks it with this
// function, whose source goes into the page minified. The browsers' DecompressionStream
// knows only gzip and deflate. The npm package that compresses it (`lzma`, at build time) has a
// decoder too, but it emulates 64-bit integers and takes about a second for the wasm;
// this one about 45 ms in Node and 70 ms in a fresh Chromium page.
//
// The stream is the ".lzma" format LZMA's reference encoder writes: one byte of lc, lp
// and pb, the dictionary's size (4 bytes), the unpacked size (8 bytes, little-endian;
// this decoder wants it given, as the build's encoder gives it), then the range-coded
// data, which may also close with an end marker. The
// decoder follows the format's specification (the LZMA SDK's "lzma-specification.txt"):
// a binary range decoder with adaptive 11-bit probabilities; literals coded bit by bit
// in the context of the previous byte (and, after a match, of the byte at the last
// distance); matches as a length and a distance, the last four distances kept for
// "rep" matches; a 12-state machine choosing the contexts. The tests are
// scripts/lzma-decode.test.mjs.
//
//   lzmaDecode(bytes) -> Uint8Array

/** The bytes that the ".lzma" stream `input` (a Uint8Array) unpacks to. Self-contained:
 * the one-file lab carries this function's source. */
export function lzmaDecode(input) {
  const fail = (why) => {
    throw new Error(`the packed wasm is damaged: ${why}`);
  };
  if (input.length < 18) fail('too short');
  let props = input[0];
  if (props >= 9 * 5 * 5) fail('bad properties');
  const lc = props % 9;
  props = (props / 9) | 0;
  const lp = props % 5;
  const pb = (props / 5) | 0;
  let size = 0;
  for (let i = 12; i >= 5; i--) size = size * 256 + input[i];
  if (size > 0x7fffffff) fail('no size, or too large');
  const out = new Uint8Array(size);
  let pos = 13;
  const next = () => (pos < input.length ? input[pos++] : fail('cut short'));

  // The range decoder's `range` and `code`, unsigned 32-bit numbers kept as the bits of an
  // Int32Array's two cells (rc[0], rc[1]): kept in closures' variables, values above 2^30
  // would be boxed at every store, and the decoder ran at half the speed. Unsigned
  // comparisons flip the top bit of both sides (`^ TOP`) and compare signed.
  const TOP = 0x80000000;
  const rc = new Int32Array(2);
  rc[0] = -1;
  if (next() !== 0) fail('bad first byte');
  for (let i = 0; i < 4; i++) rc[1] = (rc[1] << 8) | next();
  if (rc[1] === rc[0]) fail('bad start');
  const normalize = () => {
    if (rc[0] >>> 24 === 0) {
      rc[0] <<= 8;
      rc[1] = (rc[1] << 8) | next();
    }
  };
  const bit = (probs, i) => {
    const p = probs[i];
    const bound = Math.imul(rc[0] >>> 11, p);
    let b;
    if ((rc[1] ^ TOP) < (bound ^ TOP)) {
      rc[0] = bound;
      probs[i] = p + ((2048 - p) >>> 5);
      b = 0;
    } else {
      rc[0] -= bound;
      rc[1] -= bound;
      probs[i] = p - (p >>> 5);
      b = 1;
    }
    normalize();
    return b;
  };
  const direct = (n) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      rc[0] = rc[0] >>> 1;
      let b = 0;
      if ((rc[1] ^ TOP) >= (rc[0] ^ TOP)) {
        rc[1] -= rc[0];
        b = 1;
      }
      v = v * 2 + b;
      normalize();
    }
    return v;
  };
  const tree = (probs, base, bits) => {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) + bit(probs, base + m);
    return m - (1 << bits);
  };
  const reverse = (probs, base, bits) => {
    let m = 1;
    let v = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(probs, base + m);
      m = (m << 1) + b;
      v |= b << i;
    }
    return v;
  };
  const probs = (n) => new Uint16Array(n).fill(1024);

  const literals = probs(0x300 << (lc + lp));
  const isMatch = probs(12 << 4);
  const isRep = probs(12);
  const isRepG0 = probs(12);
  const isRepG1 = probs(12);
  const isRepG2 = probs(12);
  const isRep0Long = probs(12 << 4);
  const slots = probs(4 << 6);
  const special = probs(115);
  const align = probs(16);
  // A length coder: choice, choice 2, 16 low trees of 3 bits, 16 middle ones, one high of 8.
  const matchLen = probs(2 + 256 + 256);
  const repLen = probs(2 + 256 + 256);
  const length = (c, posState) => {
    if (bit(c, 0) === 0) return tree(c, 2 + (posState << 3), 3);
    if (bit(c, 1) === 0) return 8 + tree(c, 130 + (posState << 3), 3);
    return 16 + tree(c, 258, 8);
  };

  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  let o = 0;
  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  while (o < size) {
    const posState = o & pbMask;
    if (bit(isMatch, (state << 4) + posState) === 0) {
      const prev = o > 0 ? out[o - 1] : 0;
      const base = 0x300 * (((o & lpMask) << lc) + (prev >>> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        let match = out[o - rep0 - 1];
        do {
          const matchBit = (match >>> 7) & 1;
          match <<= 1;
          const b = bit(literals, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | b;
          if (matchBit !== b) break;
        } while (symbol < 0x100);
      }
      while (symbol < 0x100) symbol = (symbol << 1) | bit(literals, base + symbol);
      out[o++] = symbol & 0xff;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep, state) === 1) {
      if (o === 0) fail('a repeat before any byte');
      if (bit(isRepG0, state) === 0) {
        if (bit(isRep0Long, (state << 4) + posState) === 0) {
          state = state < 7 ? 9 : 11;
          out[o] = out[o - rep0 - 1];
          o++;
          continue;
        }
      } else {
        let dist;
        if (bit(isRepG1, state) === 0) dist = rep1;
        else {
          if (bit(isRepG2, state) === 0) dist = rep2;
          else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(repLen, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(matchLen, posState);
      state = state < 7 ? 7 : 10;
      const slot = tree(slots, (len < 3 ? len : 3) << 6, 6);
      if (slot < 4) rep0 = slot;
      else {
        const bits = (slot >>> 1) - 1;
        let dist = (2 + (slot & 1)) * 2 ** bits;
        if (slot < 14) dist += reverse(special, dist - slot, bits);
        else dist += direct(bits - 4) * 16 + reverse(align, 0, 4);
        if (dist === 0xffffffff) break; // the end marker
        rep0 = dist;
      }
    }
    len += 2;
    if (rep0 >= o) fail('a distance before the start');
    if (len > size - o) fail('a match past the end');
    for (let i = 0; i < len; i++, o++) out[o] = out[o - rep0 - 1];
  }
  if (o !== size) fail(`${o} of ${size} bytes`);
  return out;
}
