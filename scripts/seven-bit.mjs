// Bytes carried as text inside the one-file lab's module script (scripts/single-html.mjs),
// seven bits to a character, where base64 carries six to a character: the compressed
// wasm, most of that file, takes 1.14 bytes of page a byte instead of 1.33.
//
// Each seven bits become the ASCII character of that value, unless it is one a JS string
// in double quotes inside an HTML <script> cannot hold as it is: NUL (the HTML parser
// replaces it), LF and CR (they end the string; the parser also turns CR into LF), the
// double quote, the backslash, and "<" (so that neither "</script" nor "<!--" can
// appear). One of those six and the seven bits after it become one two-byte UTF-8
// character instead: U+0100 + 128 × (which of the six) + (the next seven bits). Every
// character is then one UTF-16 unit, read back with charCodeAt. The last seven bits are
// padded with zeros; the decoder is given the byte count and stops there.
//
//   encodeSevenBit(bytes) -> string
//   sevenBitDecode(text, length) -> Uint8Array   (its source goes into the page, minified)

/** The seven-bit values a character of the text cannot be, in the order their index is
 * written. */
export const UNSAFE = [0x00, 0x0a, 0x0d, 0x22, 0x3c, 0x5c];

/** `bytes` (a Uint8Array or Buffer) as text; `sevenBitDecode(text, bytes.length)` gives
 * them back. */
export function encodeSevenBit(bytes) {
  const chunks = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 7) {
      bits -= 7;
      chunks.push((acc >> bits) & 127);
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) chunks.push((acc << (7 - bits)) & 127);
  const out = [];
  for (let k = 0; k < chunks.length; k++) {
    const v = chunks[k];
    const unsafe = UNSAFE.indexOf(v);
    if (unsafe < 0) out.push(String.fromCharCode(v));
    else {
      const next = k + 1 < chunks.length ? chunks[k + 1] : 0;
      out.push(String.fromCharCode(0x100 + unsafe * 128 + next));
      k += 1;
    }
  }
  return out.join('');
}

/** The `length` bytes `text` carries. Self-contained: the one-file lab carries this
 * function's source. */
export function sevenBitDecode(text, length) {
  const unsafe = [0x00, 0x0a, 0x0d, 0x22, 0x3c, 0x5c];
  const out = new Uint8Array(length);
  let acc = 0;
  let bits = 0;
  let o = 0;
  const put = (v) => {
    acc = (acc << 7) | v;
    bits += 7;
    if (bits >= 8) {
      bits -= 8;
      if (o < length) out[o++] = (acc >> bits) & 255;
      acc &= (1 << bits) - 1;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) put(c);
    else {
      const k = c - 0x100;
      put(unsafe[k >> 7]);
      put(k & 127);
    }
  }
  if (o !== length) throw new Error(`the packed wasm is damaged: ${o} of ${length} bytes`);
  return out;
}
