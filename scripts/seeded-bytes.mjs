// Bytes for the packing's tests (scripts/seven-bit.test.mjs, scripts/lzma-decode.test.mjs):
// `n` of them from a fixed seed, the same on every run and machine (xorshift32).

/** `n` bytes drawn from `seed`. */
export function seededBytes(n, seed) {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}
