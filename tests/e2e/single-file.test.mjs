// dist/permcheck.html (scripts/single-file.mjs) is the whole page in one file for admins who open
// it from disk on a machine with no network: it works from file://, the only request is the file
// itself, its CSP forbids any connection, and the SHA-256 the build printed matches the file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from './server.mjs';
import { TEST_TIMEOUT_MS, fixture, launchBrowser, openApp, parseCspMeta, paste, readReport, recordCspViolations, tid, waitForReport } from './browser.mjs';

const SINGLE = join(DIST, 'permcheck.html');

describe('single file', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
  let browser;

  before(async () => {
    assert.ok(existsSync(SINGLE), `${SINGLE} exists (the release build writes it)`);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('its SHA-256 in permcheck.html.sha256 matches the file', () => {
    const line = readFileSync(`${SINGLE}.sha256`, 'utf8');
    const m = /^([0-9a-f]{64}) {2}permcheck\.html\n$/.exec(line);
    assert.ok(m, `sha256sum format "<hex>  permcheck.html": ${JSON.stringify(line)}`);
    const actual = createHash('sha256').update(readFileSync(SINGLE)).digest('hex');
    assert.equal(m[1], actual, 'the recorded digest is the file\'s');
  });

  it('its CSP allows no connection, no remote source and nothing unsafe', () => {
    const html = readFileSync(SINGLE, 'utf8');
    const { policy, raw, index } = parseCspMeta(html);
    assert.deepEqual(policy['default-src'], ["'none'"], `default-src 'none': ${raw}`);
    assert.deepEqual(policy['connect-src'], ["'none'"], `connect-src 'none': ${raw}`);
    for (const v of policy['script-src'] ?? []) {
      assert.match(v, /^('sha256-[A-Za-z0-9+/]+=*'|'wasm-unsafe-eval')$/, `script-src allows only hashes and wasm: ${v}`);
    }
    for (const bad of ["'self'", "'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'file:']) {
      assert.ok(!raw.split(/[\s;]+/).includes(bad), `no ${bad} in the policy: ${raw}`);
    }
    assert.ok(index < html.search(/<(script|style|link)\b/i), 'the CSP meta comes before any script, style or link');
    assert.doesNotMatch(html, /<(script|link|img|iframe)\b[^>]*\b(src|href)="(?!data:)[^"]+"/i, 'no external src/href: everything is inline');
  });

  it('works from file:// with exactly one request, the file itself', { timeout: TEST_TIMEOUT_MS }, async () => {
    const fileUrl = pathToFileURL(SINGLE).href;
    const requests = [];
    let phase = 'load';
    const app = await openApp(browser, fileUrl, {
      beforeGoto: async ({ context: ctx, page }) => {
        ctx.on('request', (req) => requests.push({ url: req.url(), phase }));
        await recordCspViolations(page);
      },
    });
    try {
      const { page } = app;
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      phase = 'ready';
      await paste(page, fixture('seeds/azure-devops-read-only.txt'));
      await waitForReport(
        page,
        (r) => r.subjects.length === 1 && r.subjects[0].backup === 'possible' && r.subjects[0].restore === 'impossible',
        'read-only scopes from file://: backup possible, restore impossible',
      );
      await page.locator(tid('example-select')).selectOption('bb-curl-headers');
      await waitForReport(page, (r) => r.subjects.length > 0, 'a subject for an example from file://');
      // An ACL export: no worker can start from file://, so the page says so and points to the
      // hosted page or the CLI (and judges nothing as scopes); no request is attempted.
      await paste(page, fixture('azure-devops-acl/handmade-git-recurse.json'));
      await page.locator(tid('worker-error')).waitFor();
      const diagnostics = await page.locator(tid('diagnostics')).textContent();
      assert.match(diagnostics, /accesscontrollists export: ACLs are judged by permcheck's full engine/);
      assert.match(diagnostics, /permcheck check FILE/);
      assert.equal((await readReport(page)).subjects.length, 0, 'no verdict from an ACL export it cannot judge');
      // The policy holds here too: a fetch is refused before the network.
      const fetched = await page.evaluate(() => fetch('https://example.invalid/x').then(() => 'allowed', (e) => `refused: ${e.name}`));
      assert.equal(fetched, 'refused: TypeError', 'a fetch from the single file is refused');
      await page.waitForTimeout(500);

      const network = requests.filter((r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
      assert.deepEqual(network, [{ url: fileUrl, phase: 'load' }], 'exactly one request: the file itself');
      const violations = await page.evaluate(() => window.__cspViolations);
      assert.deepEqual(
        violations.map((v) => v.directive),
        ['connect-src'],
        `the only CSP violation is the test's own fetch: ${JSON.stringify(violations)}`,
      );
      assert.deepEqual(app.pageErrors, [], 'no page errors');
      assert.deepEqual(
        app.consoleErrors.filter((e) => !/example\.invalid|Content Security Policy|Failed to fetch/.test(e)),
        [],
        'no console errors but the refused test fetch',
      );
    } finally {
      await app.context.close().catch(() => {});
    }
  });
});
