// Short names for the wasm's imports, in the wasm and in wasm-bindgen's JavaScript glue
// alike (run by scripts/squeeze.mjs, Trunk's post-build hook, after the glue is minified).
//
// wasm-bindgen names each function the wasm imports from its glue after the JavaScript it
// calls plus a hash, `__wbg_appendChild_dbf7ad2f48413560`: some 190 names, written twice
// (the wasm's import section, the glue's object of imports). Their 16 hex digits each are
// close to random, which gzip cannot shrink. Renamed `a`, `b`, … `Z`, `aa`, … in both
// places, the same program links as before: 3.6 kB less of wasm gzipped and 2.4 kB less
// of glue. Only the names change: no import is added, dropped or moved, and the wasm's
// other sections are copied byte for byte.
//
// The glue must hold each name exactly once, as a key of its imports object (`name:`);
// anything else (a name missing, or found twice) stops the build with a message naming
// it, rather than ship a wasm whose imports the glue does not give.

/** Reads an unsigned LEB128 number at `at`: [value, the offset after it]. */
function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    if (b === undefined) throw new Error('the wasm ends inside a number');
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** `n` as unsigned LEB128. */
function leb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** The offset after a limits field (flags, minimum, maximum if flagged) at `at`. */
function skipLimits(bytes, at) {
  const flags = bytes[at];
  let [, next] = readLeb(bytes, at + 1);
  if (flags & 1) [, next] = readLeb(bytes, next);
  return next;
}

/** The offset after the import descriptor (its kind byte and what follows) at `at`. */
function skipDescriptor(bytes, at) {
  const kind = bytes[at];
  switch (kind) {
    case 0: // a function: its type's index
      return readLeb(bytes, at + 1)[1];
    case 1: // a table: its element type, then its limits
      return skipLimits(bytes, at + 2);
    case 2: // a memory: its limits
      return skipLimits(bytes, at + 1);
    case 3: // a global: its value type and mutability
      return at + 3;
    case 4: // a tag: its attribute and its type's index
      return readLeb(bytes, at + 2)[1];
    default:
      throw new Error(`an import of unknown kind ${kind}`);
  }
}

/** The `n`th short name: a … z, A … Z, then aa, ab, … (valid as JavaScript keys). */
export function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  let k = n;
  do {
    name = letters[k % letters.length] + name;
    k = Math.floor(k / letters.length) - 1;
  } while (k >= 0);
  return name;
}

/** The imports of `wasm` (a Uint8Array): [{ module, name }], in order. */
export function wasmImports(wasm) {
  return rewriteImports(wasm, () => null).imports;
}

/**
 * `wasm` with its import section rewritten: each import's name becomes `rename(module,
 * name)`, or stays when that gives null. Returns { wasm, imports } (the imports as they were).
 */
function rewriteImports(wasm, rename) {
  const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (wasm.length < 8 || magic.some((b, i) => wasm[i] !== b)) throw new Error('not a wasm module (version 1)');
  const text = new TextDecoder('utf-8', { fatal: true });
  const encode = (s) => [...new TextEncoder().encode(s)];
  const parts = [wasm.subarray(0, 8)];
  const imports = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = readLeb(wasm, at + 1);
    const end = body + size;
    if (end > wasm.length) throw new Error(`section ${id} runs past the end of the wasm`);
    if (id !== 2) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readLeb(wasm, body);
    const out = leb(count);
    for (let i = 0; i < count; i++) {
      const [moduleLen, m] = readLeb(wasm, p);
      const module = text.decode(wasm.subarray(m, m + moduleLen));
      const [nameLen, n] = readLeb(wasm, m + moduleLen);
      const name = text.decode(wasm.subarray(n, n + nameLen));
      const descriptor = n + nameLen;
      const next = skipDescriptor(wasm, descriptor);
      imports.push({ module, name });
      const newName = encode(rename(module, name) ?? name);
      const moduleBytes = encode(module);
      out.push(...leb(moduleBytes.length), ...moduleBytes, ...leb(newName.length), ...newName, ...wasm.subarray(descriptor, next));
      p = next;
    }
    if (p !== end) throw new Error('the import section holds more than its imports');
    parts.push(Uint8Array.from([2, ...leb(out.length), ...out]));
    at = end;
  }
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const result = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return { wasm: result, imports };
}

/** How many times `word` stands in `text` as a whole identifier. */
function occurrences(text, word) {
  const re = new RegExp(`(?<![\\w$])${word.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  return [...text.matchAll(re)].map((m) => m.index);
}

/**
 * The wasm and its glue with short import names. `glueModule`: the module name the wasm
 * imports its glue's functions from (`./<crate>_bg.js`); imports from any other module keep
 * their names. Returns { wasm, glue, renamed } or throws naming what does not match.
 */
export function shortenImports(wasm, glue, glueModule) {
  const names = new Map();
  const taken = new Set(wasmImports(wasm).map((i) => i.name));
  let next = 0;
  const fresh = () => {
    let name;
    do name = shortName(next++);
    while (taken.has(name));
    return name;
  };
  const out = rewriteImports(wasm, (module, name) => {
    if (module !== glueModule) return null;
    if (!names.has(name)) names.set(name, fresh());
    return names.get(name);
  });
  if (names.size === 0) throw new Error(`the wasm imports nothing from ${glueModule}`);
  let newGlue = glue;
  // Longest first: no name is then a part of another one replaced before it.
  for (const [long, short] of [...names].sort((a, b) => b[0].length - a[0].length)) {
    const found = occurrences(newGlue, long);
    if (found.length !== 1) {
      throw new Error(`the glue holds the wasm's import ${long} ${found.length} times, not once`);
    }
    const [index] = found;
    if (newGlue[index + long.length] !== ':') {
      throw new Error(`the glue holds the wasm's import ${long}, but not as a key ("${long}:")`);
    }
    newGlue = newGlue.slice(0, index) + short + newGlue.slice(index + long.length);
  }
  return { wasm: out.wasm, glue: newGlue, renamed: names.size };
}
