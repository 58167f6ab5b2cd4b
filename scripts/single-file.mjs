#!/usr/bin/env node
// Build dist/permcheck.html: the whole page in one file, for admins who open it from disk with no
// network. A multi-file wasm build cannot load from file:// (module scripts and fetch are blocked
// for origin null); inline modules can. It judges everything the hosted page judges:
//  - the page (its JS glue and wasm, and the CSS) inlined, as before;
//  - the engine (api/permcheck.js, its wasm, and the protocol of engine-worker.js) inlined as one
//    inert <script type="text/plain" id="permcheck-engine"> block, a classic script: the page
//    starts it as a Worker from a blob: URL, or, where no worker starts, runs the same text as an
//    inline script on the main thread (allowed by its hash). Nothing is fetched either way.
//
// Its Content-Security-Policy allows exactly those two scripts and the style by hash, wasm
// compilation, blob: workers, and nothing else: connect-src 'none', so the page cannot send
// anything anywhere. Prints the file's SHA-256 so admins can verify what they run.
// Needs the JS API (scripts/build-js-api.sh) in DIST/api/ first.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import vm from 'node:vm';

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
const base64 = (bytes) => JSON.stringify(bytes.toString('base64'));

// The glue is an ES module; an inline module may keep its exports. We hand it the bytes, so it
// never fetches (its default `new URL(…, import.meta.url)` path is never used).
const script = `${glue}
const wasmBytes = Uint8Array.from(atob(${base64(wasm)}), (c) => c.charCodeAt(0));
initSync({ module: wasmBytes });
`;

// The engine: its module's code, its wasm as bytes, and engine-worker.js from its "serve" line
// on (which starts it in a worker, or on the main thread with the port the page leaves). As a
// classic script in a function of its own: Chromium starts no module worker from a blob: URL of a
// file:// page (an opaque origin), but a classic one; and on the main thread its names stay its
// own. So the module's `export`s go, and `import.meta.url` (only read when init is given no
// bytes) becomes the worker's own address.
const engineGlue = readFileSync(join(dist, 'api', 'permcheck.js'), 'utf8');
const engineWasm = readFileSync(join(dist, 'api', 'permcheck_bg.wasm'));
const worker = readFileSync(join(dist, 'engine-worker.js'), 'utf8');
const SERVE = '// permcheck-engine: serve\n';
if (!worker.includes(SERVE)) throw new Error(`single-file: engine-worker.js has no "${SERVE.trim()}" line`);
// wasm-bindgen ends the module with `export { initSync, __wbg_init as default };`.
const init = /^export \{[^}]*\b(\w+) as default\b[^}]*\};?$/m.exec(engineGlue)?.[1];
if (!init) throw new Error('single-file: api/permcheck.js names no default export (the init function)');
const classicGlue = engineGlue
  .replace(/^export \{[^}]*\};?$/gm, '')
  .replace(/^export (class|function|const|let|async function) /gm, '$1 ')
  .replaceAll('import.meta.url', 'self.location.href');
const leftover = /^\s*(import|export)\b.*$|import\.meta/m.exec(classicGlue);
if (leftover) throw new Error(`single-file: api/permcheck.js keeps module syntax a classic script cannot hold: ${leftover[0]}`);
const engine = `(() => {
${classicGlue}
const permcheckWasm = Uint8Array.from(atob(${base64(engineWasm)}), (c) => c.charCodeAt(0));
const permcheckLoad = () => ${init}({ module_or_path: permcheckWasm });
${worker.slice(worker.indexOf(SERVE))}
})();
`;
new vm.Script(engine, { filename: 'permcheck-engine (classic script)' }); // throws on a syntax error

// Inside <script>, these would end the element or change how the HTML parser reads it.
for (const [name, text] of [['page script', script], ['engine', engine]]) {
  const bad = /<\/script|<!--|<script/i.exec(text);
  if (bad) throw new Error(`single-file: the ${name} contains "${bad[0]}" at ${bad.index}, which cannot be inlined`);
}

const style = cssFiles.join('\n');
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  // The page, and the engine when it has to run on the main thread.
  `script-src ${sha(script)} ${sha(engine)} 'wasm-unsafe-eval'`,
  // The engine's worker, made from the inlined text; it inherits this policy.
  'worker-src blob:',
  `style-src ${sha(style)}`,
  'img-src data:',
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
body = body.replace(/<head>/i, () => `<head>\n${head}`);
// Replacement functions, so no `$` in the inlined code is read as a pattern.
// The engine goes into <head>: the page renders into <body>, replacing what is there.
body = body.replace(/<\/head>/i, () => `<script type="text/plain" id="permcheck-engine">${engine}</script>\n</head>`);
body = body.replace(/<\/body>/i, () => `<script type="module">${script}</script>\n</body>`);
writeFileSync(out, body);
const digest = createHash('sha256').update(readFileSync(out)).digest('hex');
writeFileSync(`${out}.sha256`, `${digest}  ${out.split('/').pop()}\n`);
console.log(`single-file: ${out} (${(Buffer.byteLength(body) / 1024).toFixed(0)} KB) sha256 ${digest}`);
