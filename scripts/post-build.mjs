#!/usr/bin/env node
// Trunk post_build hook (also runnable by hand: `node scripts/post-build.mjs dist`). Works on the
// staging directory Trunk is about to publish:
//  1. a strict Content-Security-Policy <meta> allowing only this origin's files, Trunk's inline
//     bootstrap by its SHA-256, and wasm compilation; connect-src 'self' is only for the .wasm
//     fetches (the page's and the engine's). Nothing can be sent to any other host.
//  2. the engine (the JS API module, api/), which judges every input the page shows;
//  2b. the page's data: the examples and the judged platforms, from the engine (`pageData()`),
//     written into index.html as an inert JSON block the page reads at start (so the page's own
//     wasm, which judges nothing, does not carry the platform folders to list them);
//  3. permcheck.html: the single self-contained file, engine inlined (see single-file.mjs), with
//     its SHA-256;
//  4. sw.js: a service worker that precaches this exact build, the engine included (cache named
//     by its content hash), so the hosted page works offline after the first visit.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// 1. CSP. Inline module scripts (Trunk's bootstrap) are allowed by hash only.
const inline = [...html.matchAll(/<script type="module"(?:\s+nonce="[^"]*")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length === 0) throw new Error('post-build: no inline bootstrap script found in index.html');
const csp = [
  "default-src 'none'",
  `script-src 'self' ${inline.map(sha).join(' ')} 'wasm-unsafe-eval'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/gi, '');
html = html.replace(/<head>/i, `<head>\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
writeFileSync(indexPath, html);

// 2. The engine: the JS API module (scripts/build-js-api.sh writes api/permcheck.js,
//    api/permcheck_bg.wasm, api/permcheck.d.ts), the whole core, which judges every input the
//    page shows (engine-worker.js runs it) and which help-center authors import; and the authors'
//    example page (embed-example.html + .js, copied from www/). `trunk serve` (debug) builds the
//    module unoptimised. Trunk 0.21 sets TRUNK_PROFILE for hooks.
const repo = new URL('..', import.meta.url).pathname;
{
  const outDir = dir.startsWith('/') ? dir : join(process.cwd(), dir);
  const release = process.env.TRUNK_PROFILE === 'release' || process.env.PERMCHECK_JS_API === '1';
  execFileSync('bash', [join(repo, 'scripts', 'build-js-api.sh'), outDir], {
    stdio: 'inherit',
    env: { ...process.env, API_PROFILE: release ? 'release' : 'dev' },
  });
  for (const f of ['embed-example.html', 'embed-example.js']) {
    writeFileSync(join(dir, f), readFileSync(join(repo, 'www', f)));
  }
  console.log('post-build: JS API in api/, example in embed-example.html');
}

// 2b. The page's data, from the engine just built (examples and judged platforms). `<` is escaped
//     so nothing in an example can end the element.
{
  const api = await import(pathToFileURL(join(dir.startsWith('/') ? dir : join(process.cwd(), dir), 'api', 'permcheck.js')).href);
  api.initSync({ module: readFileSync(join(dir, 'api', 'permcheck_bg.wasm')) });
  const data = api.pageData();
  const parsed = JSON.parse(data);
  if (!parsed.examples?.length || !parsed.judged?.length) throw new Error('post-build: the engine lists no example or no judged platform');
  const block = `<script type="application/json" id="permcheck-page-data">${data.replaceAll('<', '\\u003c')}</script>`;
  html = readFileSync(indexPath, 'utf8').replace(/<script type="application\/json" id="permcheck-page-data">[\s\S]*?<\/script>\s*/g, '');
  html = html.replace(/<\/head>/i, () => `  ${block}\n  </head>`);
  writeFileSync(indexPath, html);
  console.log(`post-build: page data in index.html (${parsed.examples.length} examples, ${parsed.judged.length} judged platforms)`);
}

// 3. The single file (it inlines the engine, so it comes after 2).
execFileSync(process.execPath, [new URL('./single-file.mjs', import.meta.url).pathname, dir], { stdio: 'inherit' });

// 4. Service worker: precache the page's files and the engine (so the page judges offline after
//    the first visit), not the single file, the type declarations or the authors' example.
const notPrecached = ['sw.js', 'permcheck.html', 'permcheck.html.sha256', 'embed-example.html', 'embed-example.js'];
const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile() && !notPrecached.includes(f));
const engineFiles = ['api/permcheck.js', 'api/permcheck_bg.wasm'];
for (const f of engineFiles) statSync(join(dir, f)); // present, or the build fails here
if (!files.includes('engine-worker.js')) throw new Error('post-build: engine-worker.js is not in the build');
const version = createHash('sha256');
for (const f of [...files, ...engineFiles].sort()) version.update(f).update(readFileSync(join(dir, f)));
const cacheName = `permcheck-${version.digest('hex').slice(0, 16)}`;
const precache = ['./', ...files.filter((f) => f !== 'index.html').map((f) => `./${f}`), ...engineFiles.map((f) => `./${f}`)];
writeFileSync(join(dir, 'sw.js'), `// Generated by scripts/post-build.mjs: precaches this build, the engine included, so the page
// works offline after the first visit. Same-origin GET requests only; nothing is ever sent anywhere.
const CACHE = ${JSON.stringify(cacheName)};
const PRECACHE = ${JSON.stringify(precache)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('permcheck-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Network first for the page itself (so a new build is picked up), cache first for the
  // build's files (precached together, the engine included); either way the cache answers
  // when offline.
  const isPage = event.request.mode === 'navigate';
  const keep = (response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(event.request, copy));
    }
    return response;
  };
  event.respondWith(
    isPage
      ? fetch(event.request).catch(() => caches.match('./', { ignoreSearch: true }))
      : caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request).then(keep)),
  );
});
`);
console.log(`post-build: CSP set (${inline.length} inline script hash), sw.js caches ${precache.length} files (the engine included) as ${cacheName}`);
