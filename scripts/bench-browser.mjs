#!/usr/bin/env node
// Browser benchmark (the page's engine, in headless Chromium): an organization-wide
// `accesscontrollists` export of 1, 10 and 20 MB, generated like benches/acl_export.rs, judged by
// the release build's engine (dist/api/permcheck.js, what the page's worker runs), against the
// browser's own JSON.parse of the same text. Prints the times and the ratio (target: within 2x):
// given the export as a string (the JS API's usual call), and as its UTF-8 bytes (how the page
// hands inputs to its worker, and how an API caller with a file's bytes can: no string
// conversion, which alone costs about as much as JSON.parse).
// Run after `trunk build --release --offline`:   node scripts/bench-browser.mjs
import { startServer } from '../tests/e2e/server.mjs';
import { launchBrowser } from '../tests/e2e/browser.mjs';

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(new URL('embed-example.html', server.url).href);
  const rows = await page.evaluate(async () => {
    const { default: init, evaluate } = await import('./api/permcheck.js');
    await init();
    const identities = [
      'Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\\\backup@contoso.com',
      'Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-1-2-3-4',
      'Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-1-2-3-5',
    ];
    const make = (mb) => {
      const parts = ['{"count": 0, "value": [\n'];
      let size = 0;
      for (let i = 0; size < mb * 1024 * 1024; i++) {
        const project = `${String(i % 200).padStart(8, '0')}-1111-1111-1111-111111111111`;
        const repo = `${String(i >> 2).padStart(8, '0')}-0000-0000-0000-000000000001`;
        const token = i % 4 === 0 ? `repoV2/${project}/${repo}` : `repoV2/${project}/${repo}/refs/heads/6d00610069006e00${(i % 4).toString(16).padStart(2, '0')}00`;
        const aces = identities.map((d, k) => `"${d}": {"descriptor": "${d}", "allow": ${k === 0 ? 2 | 16 | 256 : 2}, "deny": ${i % 89 === k ? 4 : 0}}`).join(', ');
        const acl = `${i ? ',\n' : ''}{"inheritPermissions": ${i % 31 !== 0}, "token": "${token}", "acesDictionary": {${aces}}}`;
        parts.push(acl);
        size += acl.length;
      }
      parts.push('\n]}\n');
      return 'GET https://dev.azure.com/contoso/_apis/accesscontrollists/2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87?recurse=true\n' + parts.join('');
    };
    const best = (f, n) => {
      let min = Infinity;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        f();
        min = Math.min(min, performance.now() - t);
      }
      return min;
    };
    const out = [];
    // Warm up first: V8 compiles wasm with its baseline compiler and optimises hot functions
    // while they run, so a fresh page's first evaluation is slower than the steady state
    // (JSON.parse is native code from the start).
    const warm = make(2);
    for (let i = 0; i < 4; i++) evaluate(warm, { source: 'warm-up.json' });
    for (const mb of [1, 10, 20]) {
      const text = make(mb);
      const json = text.slice(text.indexOf('\n') + 1);
      const parse = best(() => JSON.parse(json), 3);
      let subjects = 0;
      const judge = best(() => {
        subjects = evaluate(text, { source: 'export.json' }).subjects.length;
      }, 3);
      const utf8 = new TextEncoder().encode(text);
      let fromBytes = 0;
      const judgeBytes = best(() => {
        fromBytes = evaluate(utf8, { source: 'export.json' }).subjects.length;
      }, 3);
      if (fromBytes !== subjects) throw new Error(`bytes: ${fromBytes} subjects, text: ${subjects}`);
      out.push({ mb, bytes: text.length, parse, judge, judgeBytes, subjects });
    }
    return out;
  });
  console.log('size     JSON.parse   permcheck (string)   ratio   permcheck (bytes)   ratio   subjects');
  for (const r of rows) {
    console.log(
      `${String(r.mb).padStart(2)} MB ${r.parse.toFixed(0).padStart(9)} ms ${r.judge.toFixed(0).padStart(17)} ms ${(r.judge / r.parse).toFixed(1).padStart(6)}x` +
        ` ${r.judgeBytes.toFixed(0).padStart(16)} ms ${(r.judgeBytes / r.parse).toFixed(1).padStart(6)}x ${String(r.subjects).padStart(9)}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
