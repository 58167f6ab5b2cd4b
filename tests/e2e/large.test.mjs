// A 50 MB organization export pasted into the page: the page takes it as an input of its own,
// judges it in the worker, stays usable meanwhile (a click is handled while the worker works) and
// shows the verdict. The main thread's long tasks are measured and printed (Long Tasks API); the
// figures are reported, not asserted against a time (speed is checked by benchmarks, not tests).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, launchBrowser, openApp, openRow, tid, waitForReport } from './browser.mjs';

/** In the page: a REST accesscontrollists export of about `mb` megabytes, as text. */
function makeExport(mb) {
  const user = 'Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\\\backup@contoso.com';
  const group = 'Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-1-2-3-4';
  const parts = ['GET https://dev.azure.com/contoso/_apis/accesscontrollists/2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87?recurse=true\n{"count": 0, "value": [\n'];
  let size = parts[0].length;
  let i = 0;
  while (size < mb * 1024 * 1024) {
    const project = `${String(i % 500).padStart(8, '0')}-1111-1111-1111-111111111111`;
    const repo = `${String(i).padStart(8, '0')}-0000-0000-0000-000000000001`;
    const token = i % 50 === 0 ? `repoV2/${project}` : `repoV2/${project}/${repo}`;
    const acl = `${i ? ',\n' : ''}{"inheritPermissions": true, "token": "${token}", "acesDictionary": {` +
      `"${user}": {"descriptor": "${user}", "allow": ${i % 97 === 5 ? 0 : 2 | 16 | 256}, "deny": ${i % 97 === 5 ? 2 : 0}}, ` +
      `"${group}": {"descriptor": "${group}", "allow": 2, "deny": 4}}}`;
    parts.push(acl);
    size += acl.length;
    i += 1;
  }
  parts.push('\n]}\n');
  return parts.join('');
}

describe('a 50 MB paste', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
  let server;
  let browser;
  let app;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await app?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('is judged in the worker while the page stays usable', { timeout: TEST_TIMEOUT_MS * 3 }, async () => {
    app = await openApp(browser, server.url);
    const { page } = app;
    const size = await page.evaluate((source) => {
      window.__big = new Function(`return (${source})(50)`)();
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
      return window.__big.length;
    }, makeExport.toString());
    assert.ok(size >= 50 * 1024 * 1024, `the paste is 50 MB or more (${size} bytes)`);

    const started = Date.now();
    await page.evaluate(() => {
      const area = document.querySelector('[data-testid="paste"]');
      area.value = window.__big;
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
      window.__big = null;
    });
    // The worker is at work: the page says so, and a click is handled meanwhile.
    await page.locator(tid('busy')).waitFor({ timeout: 30_000 });
    const themeBefore = await page.evaluate(() => document.documentElement.dataset.theme ?? '');
    await page.locator(tid('theme-toggle')).click({ timeout: 5_000 });
    const themeAfter = await page.evaluate(() => document.documentElement.dataset.theme ?? '');
    const stillBusy = await page.locator(tid('busy')).count();
    assert.notEqual(themeAfter, themeBefore, 'the theme button worked while the export was being judged');
    assert.equal(stillBusy, 1, 'the click was handled before the verdict arrived (the work is off the main thread)');

    const r = await waitForReport(page, (r) => r.subjects.length === 2, 'two identities judged from the 50 MB export', 180_000);
    const elapsed = Date.now() - started;
    const account = r.subjects.find((s) => /backup@contoso\.com/.test(s.text));
    assert.ok(account, 'the account is a row of the summary');
    // The same verdict as `permcheck check` on this export: Contribute is granted nowhere.
    assert.equal(account.restore, 'impossible');
    const restore = await (await openRow(page, 'backup@contoso.com')).textContent();
    assert.match(restore, /"Contribute" is allowed on 0 of \d{5,} repositories/);
    const tasks = await page.evaluate(() => window.__longTasks);
    const total = Math.round(tasks.reduce((a, b) => a + b, 0));
    const longest = Math.round(Math.max(0, ...tasks));
    console.log(`# 50 MB paste: verdict after ${elapsed} ms; main thread: ${tasks.length} long tasks, longest ${longest} ms, ${total} ms in all`);
    assert.deepEqual(app.pageErrors, []);
  });
});
