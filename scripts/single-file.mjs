#!/usr/bin/env node
// Build dist/permcheck.html: the whole page in one file (JS glue and wasm inlined, CSS inlined),
// for admins who open it from disk with no network. A multi-file wasm build cannot load from
// file:// (module scripts and fetch are blocked for origin null); one inline module can.
//
// Its Content-Security-Policy allows exactly the inline script and style by hash, wasm
// compilation, and nothing else: connect-src 'none', so the page cannot send anything anywhere.
// Prints the file's SHA-256 so admins can verify what they run.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const out = process.argv[3] ?? join(dist, 'permcheck.html');
const files = readdirSync(dist);
const find = (re, what) => {
  const f = files.find((n) => re.test(n));
  if (!f) throw new Error(`single-file: no ${what} in ${dist} (files: ${files.join(', ')})`);
  return join(dist, f);
};
const glue = readFileSync(find(/^permcheck-web-.*\.js$/, 'wasm-bindgen JS glue'), 'utf8');
const wasm = readFileSync(find(/^permcheck-web-.*_bg\.wasm$/, 'wasm binary'));
const cssFiles = files.filter((n) => n.endsWith('.css')).map((n) => readFileSync(join(dist, n), 'utf8'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');

// The glue is an ES module; an inline module may keep its exports. We hand it the bytes, so it
// never fetches (its default `new URL(…, import.meta.url)` path is never used).
const script = `${glue}
const wasmBytes = Uint8Array.from(atob(${JSON.stringify(wasm.toString('base64'))}), (c) => c.charCodeAt(0));
initSync({ module: wasmBytes });
`;
const style = cssFiles.join('\n');
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha(style)}`,
  "img-src data:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let body = html
  // Drop Trunk's bootstrap, preloads, stylesheet links, any CSP meta and the base URL.
  .replace(/<script type="module"[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link[^>]+rel="(?:modulepreload|preload|stylesheet)"[^>]*>/g, '')
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/gi, '')
  .replace(/<base [^>]*>/g, '')
  .replace(/<link[^>]+rel="manifest"[^>]*>/g, '');
// The icon as a data: URI (img-src data: is the only image source the single file allows).
body = body.replace(/<link([^>]*)rel="icon"([^>]*)href="\.?\/?([^"]+)"([^>]*)>/, (all, a, b, href) => {
  const file = join(dist, href);
  try {
    const data = readFileSync(file).toString('base64');
    return `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${data}">`;
  } catch {
    return '';
  }
});
const head = `<meta http-equiv="Content-Security-Policy" content="${csp}">\n<style>${style}</style>\n`;
body = body.replace(/<head>/i, `<head>\n${head}`);
body = body.replace(/<\/body>/i, `<script type="module">${script}</script>\n</body>`);
writeFileSync(out, body);
const digest = createHash('sha256').update(readFileSync(out)).digest('hex');
writeFileSync(`${out}.sha256`, `${digest}  ${out.split('/').pop()}\n`);
console.log(`single-file: ${out} (${(body.length / 1024).toFixed(0)} KB) sha256 ${digest}`);
