// "Your input never leaves the page": every request the browser makes is to the page's own
// origin, and once the app is ready it makes none at all while the user pastes, types and
// switches examples or selects. Checked from the browser (context request events) and from the
// server (its own request log), with CSP violations and page errors recorded too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, fixture, launchBrowser, openApp, paste, tid, waitForReport } from './browser.mjs';

/** If the page registers a service worker, wait until it is active (its precache is done). */
async function settleServiceWorker(page, graceMs = 3000) {
  await page.evaluate(async (graceMs) => {
    if (!('serviceWorker' in navigator)) return;
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg) {
        await navigator.serviceWorker.ready;
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }, graceMs);
}

const sameOrigin = (url, origin) => {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true; // never on the network
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
};

describe('network', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
  let server;
  let browser;
  let context;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('stays on its origin and is silent after load', { timeout: TEST_TIMEOUT_MS }, async () => {
    const requests = []; // { url, phase }
    let phase = 'load';
    const app = await openApp(browser, server.url, {
      beforeGoto: async ({ context: ctx, page }) => {
        ctx.on('request', (req) => requests.push({ url: req.url(), method: req.method(), type: req.resourceType(), phase }));
        ctx.on('requestfailed', (req) => requests.push({ url: req.url(), failed: req.failure()?.errorText, phase }));
        // Collected in the page itself, from before any of the page's scripts run.
        await page.addInitScript(() => {
          window.__cspViolations = [];
          document.addEventListener('securitypolicyviolation', (e) => {
            window.__cspViolations.push({ blockedURI: e.blockedURI, directive: e.violatedDirective, source: e.sourceFile });
          });
        });
      },
    });
    context = app.context;
    const { page } = app;

    // Let start-up finish (wasm, styles, icon, a service worker's precache if the page registers
    // one), then mark the app ready.
    await page.waitForLoadState('networkidle');
    await settleServiceWorker(page);
    await page.waitForTimeout(500);
    phase = 'ready';
    const serverCountAtReady = server.requests.length;
    assert.ok(requests.length > 0, 'the load itself was recorded (the recorder works)');
    assert.ok(
      requests.some((r) => r.url.endsWith('.wasm')),
      `the wasm module was fetched from the page's origin: ${JSON.stringify(requests.map((r) => r.url))}`,
    );

    // Paste, type, switch examples and selects.
    await paste(page, fixture('seeds/azure-devops-pat-labels.txt'));
    await waitForReport(page, (r) => r.subjects.length > 0, 'a subject for pasted PAT labels');

    await paste(page, '');
    await page.locator(tid('paste')).pressSequentially('vso.code_manage vso.work_write', { delay: 15 });
    await waitForReport(page, (r) => r.subjects.length > 0 || r.diagnosticsVisible, 'a report for typed scope ids');

    await paste(page, fixture('bitbucket/cloud-x-oauth-scopes-kb-example.txt'));
    await waitForReport(page, (r) => r.subjects.length > 0, 'a subject for curl headers');

    const exampleSelect = page.locator(tid('example-select'));
    const examples = await exampleSelect.locator('option').evaluateAll((os) => os.filter((o) => o.value !== '').map((o) => o.value));
    assert.ok(examples.length > 0, 'the example menu has entries');
    for (const value of examples) {
      await exampleSelect.selectOption(value);
      await waitForReport(page, (r) => r.subjects.length > 0 || r.diagnosticsVisible, `a report for example ${value}`);
    }
    for (const id of ['platform-select', 'credential-select']) {
      const sel = page.locator(tid(id));
      if ((await sel.count()) === 0) continue;
      const values = await sel.locator('option').evaluateAll((os) => os.map((o) => o.value));
      for (const v of values) await sel.selectOption(v);
    }
    await paste(page, '{"broken": ');
    await waitForReport(page, (r) => r.diagnosticsVisible, 'diagnostics for a broken input');

    // Anything late (timers, lazy loads) would show up here.
    await page.waitForTimeout(1000);

    const offOrigin = requests.filter((r) => !sameOrigin(r.url, server.origin));
    assert.deepEqual(offOrigin, [], 'every request is to the page\'s own origin');

    const afterReady = requests.filter((r) => r.phase === 'ready');
    assert.deepEqual(afterReady, [], 'the browser made no request at all once the app was ready');
    assert.deepEqual(
      server.requests.slice(serverCountAtReady),
      [],
      'the server saw no request once the app was ready (favicon included)',
    );
    assert.deepEqual(server.requests.filter((r) => r.status !== 200), [], 'every request during load was answered 200');

    const csp = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
    assert.deepEqual(app.pageErrors, [], 'no page errors');
    assert.deepEqual(app.consoleErrors, [], 'no console errors');
  });

  // dist/permcheck.html (scripts/single-file.mjs) is the whole page in one file for admins who
  // open it from disk: it must work from file:// and fetch nothing but itself.
  const singleFile = join(DIST, 'permcheck.html');
  it('the single-file page works from file:// and fetches nothing', { timeout: TEST_TIMEOUT_MS, skip: !existsSync(singleFile) && 'no dist/permcheck.html in this build' }, async () => {
    const fileUrl = pathToFileURL(singleFile).href;
    const requests = [];
    let phase = 'load';
    const app = await openApp(browser, fileUrl, {
      beforeGoto: async ({ context: ctx }) => {
        ctx.on('request', (req) => requests.push({ url: req.url(), phase }));
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
      await page.waitForTimeout(500);
      const other = requests.filter((r) => r.url !== fileUrl && !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
      assert.deepEqual(other, [], 'the single file fetched nothing but itself');
      assert.deepEqual(requests.filter((r) => r.phase === 'ready'), [], 'no request once the app was ready');
      assert.deepEqual(app.pageErrors, [], 'no page errors');
      assert.deepEqual(app.consoleErrors, [], 'no console errors');
    } finally {
      await app.context.close().catch(() => {});
    }
  });
});
