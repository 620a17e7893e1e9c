// Trunk's post-build hook (Trunk.toml): the built stylesheets lose what only a reader of
// styles/ needs, their comments and their layout (indentation, line breaks, the space
// after a property's colon), and index.html its comments. Trunk's own minifier stays off
// (Trunk.toml says why). The browser reads the same rules: e2e/squeeze.test.mjs compares
// each sheet's rules as Chromium reads them, before and after. The squeezed sheets are
// joined into one file, linked once with its integrity hash (joinStylesheets); a page
// linking one sheet keeps it, its hash made anew. wasm-bindgen's JavaScript glue is minified by
// terser (package.json), which keeps its exports and the names of the wasm's imports:
// 2 kB less gzipped, 29 kB less in the one file, which carries it raw. Then those names
// are made short, in the glue and in the wasm alike (scripts/short-imports.mjs). Last, in a
// release build, the wasm is packed by LZMA and the page unpacks it (scripts/pack-wasm.mjs).
//
// Usage: node scripts/squeeze.mjs [DIR]   (DIR: Trunk's staging folder, from
// $TRUNK_STAGING_DIR when Trunk runs it). No stylesheet holds "/*", "{", "}" or ";" inside
// a string, nor a string over two lines; no script in index.html holds "<!--".

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minify } from 'terser';
import { packPage } from './pack-wasm.mjs';
import { shortenImports } from './short-imports.mjs';

/** The stylesheet `css` without comments and layout. */
export function squeeze(css) {
  return (
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      // A line break after "{", "}", ";" or "," goes; any other (inside a value that
      // spans lines, as grid-template-areas' rows do) becomes one space.
      .reduce((out, line) => out + (out === '' || /[{};,]$/.test(out) || line.startsWith('}') ? '' : ' ') + line, '')
      .replace(/\s*\{/g, '{')
      .replace(/;\}/g, '}')
      // "{color: red;" → "{color:red;": only right after "{" or ";" (a declaration's
      // start), where a selector such as ".a :is(.b)" never stands.
      .replace(/([{;])([-a-z]+):\s+/g, '$1$2:') + '\n'
  );
}

/** The JavaScript module `js` minified: the same exports, the same property names. */
export async function squeezeScript(js) {
  const out = await minify(js, { module: true, compress: true, mangle: true, format: { comments: false } });
  return `${out.code}\n`;
}

/** index.html's stylesheets (`<link rel="stylesheet" href="./NAME" …>`, in the page's
 * order) joined into one file: one request instead of three, and one gzip stream, whose
 * dictionary the sheets share (about 0.8 kB less served). The cascade is unchanged: the
 * same rules in the same order. `read(name)` gives a sheet's text. Returns the page with
 * one link where the first was, the new file's name and text, and the names joined; null
 * when the page links fewer than two. */
export function joinStylesheets(html, read) {
  const links = [...html.matchAll(/[ \t]*<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>\n?/g)];
  if (links.length < 2) return null;
  const css = links.map((m) => {
    const text = read(m[1]);
    return text.endsWith('\n') ? text : `${text}\n`;
  }).join('');
  const name = `styles-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  const sri = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  const indent = links[0][0].match(/^[ \t]*/)[0];
  let page = html.replace(links[0][0], `${indent}<link rel="stylesheet" href="./${name}" integrity="${sri}"/>\n`);
  for (const m of links.slice(1)) page = page.replace(m[0], '');
  return { html: page, name, css, joined: links.map((m) => m[1]) };
}

async function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const file = join(dir, name);
    let glue = await squeezeScript(readFileSync(file, 'utf8'));
    // Its wasm, beside it: the imports' names made short in both (scripts/short-imports.mjs).
    const wasmFile = join(dir, name.replace(/\.js$/, '_bg.wasm'));
    const glueModule = glue.match(/"(\.\/[\w.-]+_bg\.js)":/)?.[1];
    if (existsSync(wasmFile) && glueModule) {
      const out = shortenImports(readFileSync(wasmFile), glue, glueModule);
      writeFileSync(wasmFile, out.wasm);
      glue = out.glue;
    }
    writeFileSync(file, glue);
  }
  const page = join(dir, 'index.html');
  let html = existsSync(page) ? readFileSync(page, 'utf8') : '';
  const sheets = new Map(
    readdirSync(dir)
      .filter((n) => n.endsWith('.css'))
      .map((name) => [name, squeeze(readFileSync(join(dir, name), 'utf8'))]),
  );
  // Joined into one file where the page links several; otherwise each is written back,
  // its integrity hash made anew.
  const one = html && joinStylesheets(html, (name) => sheets.get(name));
  if (one) {
    writeFileSync(join(dir, one.name), one.css);
    for (const name of one.joined) rmSync(join(dir, name));
    html = one.html;
  }
  for (const [name, css] of sheets) {
    if (one?.joined.includes(name)) continue;
    writeFileSync(join(dir, name), css);
    const sri = `sha384-${createHash('sha384').update(css).digest('base64')}`;
    html = html.replace(new RegExp(`(href="\\./${name.replace(/\./g, '\\.')}" integrity=")[^"]*`), `$1${sri}`);
  }
  if (html) writeFileSync(page, html.replace(/[ \t]*<!--[\s\S]*?-->\n?/g, ''));
  // A release build's wasm is served LZMA-packed, with its decoder (scripts/pack-wasm.mjs).
  if (html && process.env.TRUNK_PROFILE === 'release') {
    const { packed, decoder } = await packPage(dir);
    console.log(`squeeze: the wasm packed into ${packed}, unpacked by ${decoder}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
