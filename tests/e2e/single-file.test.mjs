// dist/permcheck.html (scripts/single-file.mjs) is the whole page in one file for admins who open
// it from disk on a machine with no network, and it judges everything the hosted page judges:
// the engine is inlined and runs in a worker made from a blob: URL (or, where no worker starts,
// on the main thread, and the page says so). From file://, with every network request refused,
// it judges scope pastes and an ACL export, the only request is the file itself, its CSP forbids
// any connection, and the SHA-256 the build printed matches the file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from './server.mjs';
import { TEST_TIMEOUT_MS, fixture, launchBrowser, openApp, openRow, parseCspMeta, paste, recordCspViolations, tid, waitForReport } from './browser.mjs';

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
    for (const bad of ["'self'", "'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'file:', 'data:']) {
      assert.ok(!raw.split(/;/).filter((d) => !/^\s*img-src\b/.test(d)).join(';').split(/[\s;]+/).includes(bad), `no ${bad} in the policy (but data: images): ${raw}`);
    }
    // The engine's worker comes from a blob: URL made from the inlined text; blob: is allowed for
    // workers and for nothing else.
    assert.deepEqual(policy['worker-src'], ['blob:'], `worker-src blob: only: ${raw}`);
    assert.deepEqual(Object.keys(policy).filter((d) => policy[d].includes('blob:')), ['worker-src'], `blob: only for workers: ${raw}`);
    // Two scripts, each by its hash: the page, and the engine (for the main-thread fallback).
    assert.equal((policy['script-src'] ?? []).filter((v) => v.startsWith("'sha256-")).length, 2, `two script hashes: ${raw}`);
    assert.match(html, /<script type="text\/plain" id="permcheck-engine">/, 'the engine is inlined as an inert block');
    assert.ok(index < html.search(/<(script|style|link)\b/i), 'the CSP meta comes before any script, style or link');
    assert.doesNotMatch(html, /<(script|link|img|iframe)\b[^>]*\b(src|href)="(?!data:)[^"]+"/i, 'no external src/href: everything is inline');
  });

  /** Open the single file from file:// with the network cut: offline, and any request refused. */
  async function openOffline(options = {}) {
    const fileUrl = pathToFileURL(SINGLE).href;
    const requests = [];
    let phase = 'load';
    const app = await openApp(browser, fileUrl, {
      ...options,
      beforeGoto: async ({ context: ctx, page }) => {
        ctx.on('request', (req) => requests.push({ url: req.url(), phase }));
        // Everything but the file itself is refused (a file:// load goes through routes too).
        await ctx.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : route.abort('internetdisconnected')));
        await ctx.setOffline(true);
        await recordCspViolations(page);
        await options.beforeGoto?.({ context: ctx, page });
      },
    });
    await app.page.waitForLoadState('networkidle');
    await app.page.waitForTimeout(300);
    phase = 'ready';
    const network = () => requests.filter((r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
    return { ...app, fileUrl, network };
  }

  it('judges scopes and an ACL export from file:// in its worker, with no request but the file itself', { timeout: TEST_TIMEOUT_MS }, async () => {
    const app = await openOffline();
    try {
      const { page, fileUrl } = app;
      await paste(page, fixture('seeds/azure-devops-read-only.txt'));
      await waitForReport(
        page,
        (r) => r.subjects.length === 1 && r.subjects[0].backup === 'possible' && r.subjects[0].restore === 'impossible',
        'read-only scopes from file://: backup possible, restore impossible',
      );
      await page.locator(tid('example-select')).selectOption('bb-curl-headers');
      await waitForReport(page, (r) => r.subjects.length > 0, 'a subject for an example from file://');
      // An ACL export: the same verdicts as the hosted page and `permcheck check` (tests/acl.rs).
      await paste(page, fixture('azure-devops-acl/handmade-git-recurse.json'));
      const r = await waitForReport(page, (r) => r.subjects.length === 2, 'two ACL subjects from file://');
      // Two identities: the summary table, the one that fails first.
      assert.match(r.subjects[1].text, /backup@contoso\.com/);
      assert.deepEqual([r.subjects[0].backup, r.subjects[0].restore], ['unknown', 'impossible']);
      assert.deepEqual([r.subjects[1].backup, r.subjects[1].restore], ['unknown', 'partial']);
      const card = await openRow(page, 'backup@contoso.com');
      assert.match(await card.innerText(), /az devops security permission update/);
      // In a worker: the page does not say it runs the engine on its main thread.
      assert.equal(await page.locator(tid('engine-note')).count(), 0, 'no engine note: the worker runs it');
      // The explorer asks the same engine.
      await page.locator('.row-detail').filter({ hasText: 'backup@contoso.com' }).locator(tid('explore')).click();
      await page.locator(tid('token-tree')).waitFor();
      // The policy holds here too: a fetch is refused before the network.
      const fetched = await page.evaluate(() => fetch('https://example.invalid/x').then(() => 'allowed', (e) => `refused: ${e.name}`));
      assert.equal(fetched, 'refused: TypeError', 'a fetch from the single file is refused');
      await page.waitForTimeout(500);

      assert.deepEqual(app.network(), [{ url: fileUrl, phase: 'load' }], 'exactly one request: the file itself');
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

  it('without a worker, judges an ACL export on the main thread from file://, and says so', { timeout: TEST_TIMEOUT_MS }, async () => {
    const app = await openOffline({
      beforeGoto: async ({ page }) => {
        await page.addInitScript(() => {
          window.Worker = function Worker() {
            throw new DOMException('workers are disabled for this test', 'SecurityError');
          };
        });
      },
    });
    try {
      const { page, fileUrl } = app;
      await paste(page, fixture('azure-devops-acl/handmade-git-recurse.json'));
      const r = await waitForReport(page, (r) => r.subjects.length === 2, 'two ACL subjects on the main thread');
      // Failing first: the group, then the account.
      assert.deepEqual([r.subjects[0].backup, r.subjects[0].restore], ['unknown', 'impossible']);
      assert.deepEqual([r.subjects[1].backup, r.subjects[1].restore], ['unknown', 'partial']);
      assert.match(await page.locator(tid('engine-note')).innerText(), /main thread/);
      await page.waitForTimeout(300);
      assert.deepEqual(app.network(), [{ url: fileUrl, phase: 'load' }], 'exactly one request: the file itself');
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'the inline engine runs under the CSP (by its hash)');
      assert.deepEqual(app.pageErrors, [], 'no page errors');
    } finally {
      await app.context.close().catch(() => {});
    }
  });
});
