// The JS API for help-center authors (scripts/build-js-api.sh → dist/api/) and its example page
// (www/embed-example.html, copied into the release build): the example renders verdicts under its
// own strict CSP, `evaluate` returns the schema-1 report of shared/contract/report.md, and nothing
// is requested off the origin.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, WAIT_MS, guardRequests, launchBrowser, parseCspMeta, recordCspViolations } from './browser.mjs';

const VERDICTS = ['possible', 'partial', 'impossible', 'unknown'];

describe('JS API and its example page', { timeout: TEST_TIMEOUT_MS * 3 }, () => {
  let server;
  let browser;
  let context;
  let page;
  let log;
  const pageErrors = [];

  before(async () => {
    for (const f of ['api/permcheck.js', 'api/permcheck_bg.wasm', 'api/permcheck.d.ts', 'embed-example.html', 'embed-example.js']) {
      assert.ok(existsSync(join(DIST, f)), `dist/${f} exists (release build: scripts/post-build.mjs → scripts/build-js-api.sh)`);
    }
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext();
    context.setDefaultTimeout(WAIT_MS);
    log = await guardRequests(context, server.origin);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await recordCspViolations(page);
    await page.goto(`${server.url}embed-example.html`, { waitUntil: 'load' });
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('ships the module, the wasm and TypeScript declarations; the example has a strict CSP', () => {
    const dts = readFileSync(join(DIST, 'api/permcheck.d.ts'), 'utf8');
    assert.match(dts, /export function evaluate\(text: string \| Uint8Array, options\??: EvaluateOptions \| undefined\): Report;/, 'evaluate is typed');
    assert.match(dts, /export function catalog\(\)/, 'catalog is declared');
    assert.match(dts, /export interface Report \{\s*schema: 1;/, 'Report type with schema: 1');
    const js = readFileSync(join(DIST, 'api/permcheck.js'), 'utf8');
    assert.match(js, /export \{ initSync, __wbg_init as default \}/, 'default export init and initSync');
    const code = js.replace(/^\s*\/\/.*$/gm, '');
    assert.doesNotMatch(code, /https?:\/\//, 'the glue names no URL outside comments');
    assert.match(js, /new URL\('permcheck_bg\.wasm', import\.meta\.url\)/, 'its only default fetch is the .wasm next to it');

    const html = readFileSync(join(DIST, 'embed-example.html'), 'utf8');
    const { policy, raw } = parseCspMeta(html);
    assert.deepEqual(policy['default-src'], ["'none'"], raw);
    assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'"], `scripts only from the origin: ${raw}`);
    assert.deepEqual(policy['connect-src'], ["'self'"], raw);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline script');
    assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//i, 'no reference to another host');
  });

  it('the example renders verdicts computed by the JS API', { timeout: TEST_TIMEOUT_MS }, async () => {
    const result = page.locator('[data-testid="api-result"]');
    await page.locator('[data-testid="api-backup"]').first().waitFor({ state: 'visible' });
    assert.notEqual(await result.getAttribute('data-error'), 'true', await result.textContent());
    const shown = await page.locator('[data-testid="api-backup"], [data-testid="api-restore"]').evaluateAll((els) =>
      els.map((e) => ({ testid: e.dataset.testid, verdict: e.dataset.verdict, text: e.textContent })),
    );
    assert.equal(shown.length, 2, `one backup and one restore verdict: ${JSON.stringify(shown)}`);
    for (const s of shown) assert.ok(VERDICTS.includes(s.verdict), `a verdict: ${JSON.stringify(s)}`);
    // vso.code is read-only: a restore (pushing repositories back) cannot work.
    assert.equal(shown.find((s) => s.testid === 'api-restore').verdict, 'impossible', 'restore impossible with read scopes');
    assert.match(shown[1].text, /vso\.code_manage|Read, write, & manage/, 'the restore summary says what to grant');
  });

  it('evaluate returns the schema-1 report; bad options throw; catalog lists the platforms', { timeout: TEST_TIMEOUT_MS }, async () => {
    const out = await page.evaluate(async () => {
      const api = await import('./api/permcheck.js');
      await api.default(); // a second init is a no-op
      const report = api.evaluate('vso.code vso.work', { platform: 'azure-devops-services' });
      const together = api.evaluate('vso.code_manage vso.work_write', {
        platform: 'azure-devops-services',
        source: 'scopes.txt',
        more: [{ source: 'entitlement.json', text: '{"accessLevel": {"accountLicenseType": "stakeholder"}}' }],
      });
      const broken = api.evaluate('{"broken": ', undefined);
      let badPlatform = null;
      try {
        api.evaluate('vso.code', { platform: 'nope' });
      } catch (e) {
        badPlatform = String(e.message ?? e);
      }
      // UTF-8 bytes (how the page's worker gets its inputs) read like the same text.
      const fromBytes = api.evaluate(new TextEncoder().encode('vso.code vso.work'), { platform: 'azure-devops-services' });
      const engineBytes = new api.Engine(
        [{ source: 'paste', text: new TextEncoder().encode('vso.code vso.work') }],
        { platform: 'azure-devops-services' },
      ).report();
      const thrown = (f) => {
        try {
          f();
          return null;
        } catch (e) {
          return String(e.message ?? e);
        }
      };
      const badBytes = thrown(() => api.evaluate(new Uint8Array([0x76, 0xff, 0x41])));
      const notText = thrown(() => api.evaluate(42));
      const badMore = thrown(() => api.evaluate('vso.code', { more: [{ source: 'b.bin', text: new Uint8Array([0xc3]) }] }));
      return { report, together, broken, badPlatform, catalog: api.catalog(), fromBytes, engineBytes, badBytes, notText, badMore };
    });

    const { report } = out;
    assert.equal(report.schema, 1, 'schema 1');
    assert.equal(report.subjects.length, 1, 'one subject');
    const s = report.subjects[0];
    assert.equal(s.platform, 'azure-devops-services');
    assert.equal(typeof s.label, 'string');
    for (const op of ['backup', 'restore']) {
      assert.ok(VERDICTS.includes(s[op].verdict), `${op}.verdict: ${s[op].verdict}`);
      assert.ok(typeof s[op].summary === 'string' && s[op].summary.length > 0, `${op}.summary`);
    }
    assert.equal(s.restore.verdict, 'impossible', 'read scopes cannot restore');
    assert.ok(Array.isArray(s.categories) && s.categories.length > 0, 'categories');
    for (const c of s.categories) {
      assert.equal(typeof c.id, 'string');
      assert.ok(VERDICTS.includes(c.backup) && VERDICTS.includes(c.restore), `category verdicts: ${JSON.stringify(c)}`);
    }
    assert.ok(s.missing.some((m) => m.id === 'vso.code_manage'), `missing names vso.code_manage: ${JSON.stringify(s.missing)}`);
    for (const key of ['excess', 'warnings']) assert.ok(Array.isArray(s[key]), `${key} is an array`);
    assert.deepEqual(report.inputs.map((i) => i.source), ['paste'], 'the input is named "paste" by default');
    assert.ok(Array.isArray(report.diagnostics));

    assert.deepEqual(out.together.inputs.map((i) => i.source).sort(), ['entitlement.json', 'scopes.txt'], 'options.more is judged with the text');
    assert.ok(
      out.together.subjects.some((x) => x.backup.verdict === 'impossible' || x.restore.verdict === 'impossible'),
      `Stakeholder access makes something impossible: ${JSON.stringify(out.together.subjects.map((x) => [x.backup.verdict, x.restore.verdict]))}`,
    );

    assert.equal(out.broken.subjects.length, 0, 'broken input: no subject');
    assert.ok(out.broken.diagnostics.some((d) => d.severity === 'error' && d.line === 1), `a line-1 error: ${JSON.stringify(out.broken.diagnostics)}`);
    assert.match(out.badPlatform ?? '', /unknown platform `nope`/, 'an unknown platform throws');
    assert.deepEqual(out.fromBytes, report, 'UTF-8 bytes give the report of the same text');
    assert.deepEqual(out.engineBytes, report, 'the Engine reads bytes too');
    assert.match(out.badBytes ?? '', /not UTF-8 text \(byte 1\)/, 'bytes that are not UTF-8 throw, with the offset');
    assert.match(out.notText ?? '', /neither a string nor a Uint8Array/, 'a number is no text');
    assert.match(out.badMore ?? '', /input 0 \(b\.bin\) is not UTF-8 text \(byte 0\)/, 'a bad `more` input is named');

    // Every platform the engine judges (what the page's override offers too), each once.
    const judged = JSON.parse(/<script type="application\/json" id="permcheck-page-data">([\s\S]*?)<\/script>/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))[1]).judged.map((p) => p.id);
    for (const seed of ['azure-devops-services', 'azure-devops-server', 'bitbucket-cloud']) assert.ok(judged.includes(seed), `${seed} is judged`);
    assert.deepEqual(
      out.catalog.map((p) => p.id),
      judged,
      'catalog lists the evaluated platforms',
    );
    assert.deepEqual(
      [...judged].sort(),
      ['azure-devops-server', 'azure-devops-services', 'bitbucket-cloud', 'bitbucket-data-center', 'github', 'gitlab'],
      'every platform folder is judged (one registry line each)',
    );
    for (const p of out.catalog) {
      assert.ok(p.categories.every((c) => /^https:\/\//.test(c.source.url)), `${p.id}: every category cites a public page`);
    }
    assert.ok(out.catalog[0].vocabularies[0].scopes.some((x) => x.id === 'vso.code_manage'), 'catalog lists scopes');
  });

  it('the example made no request off its origin and no CSP violation', { timeout: TEST_TIMEOUT_MS }, async () => {
    await page.waitForLoadState('networkidle');
    assert.ok(log.all.some((r) => r.url === `${server.url}api/permcheck_bg.wasm`), 'the API wasm came from the origin (the recorder works)');
    assert.deepEqual(log.offOrigin, [], 'no request off the origin');
    assert.deepEqual(server.requests.filter((r) => r.status !== 200), [], 'every request was answered 200');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation in the example');
    assert.deepEqual(pageErrors, [], 'no page errors');
  });

  it('the example sizes its iframe from the embedded page\'s resize messages', { timeout: TEST_TIMEOUT_MS }, async () => {
    const frame = page.frameLocator('#permcheck-frame');
    await frame.locator('[data-testid="paste"]').waitFor({ state: 'visible' });
    await frame.locator('[data-testid="paste"]').fill('vso.code vso.work');
    await frame.locator('[data-testid="subject"]').first().waitFor({ state: 'visible' });
    const deadline = Date.now() + WAIT_MS;
    let height = await page.locator('#permcheck-frame').getAttribute('height');
    while (height === '600' && Date.now() < deadline) {
      await page.waitForTimeout(100);
      height = await page.locator('#permcheck-frame').getAttribute('height');
    }
    assert.notEqual(height, '600', 'the iframe height changed from its initial 600');
    const h = Number(height);
    assert.ok(Number.isInteger(h) && h >= 200 && h <= 5000, `a clamped integer height: ${height}`);
  });
});
