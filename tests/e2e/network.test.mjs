// "Your input never leaves the page": every request the browser makes is to the page's own
// origin, for the page's own files (the engine included) and nothing else, and once the app is
// ready it makes none at all while the user pastes, types and switches examples or selects,
// except loading the engine. Checked from the browser (context request events) and from the
// server (its own request log), with CSP violations and page errors recorded too. The export,
// copy and share buttons are clicked for every example and must not make a request either.
// The engine (www/engine-worker.js and api/permcheck{.js,_bg.wasm}, which judges every input)
// is loaded from the same folder by plain GET when the input first gets focus (and precached by
// the service worker at the first visit); the test checks those loads carry no query.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startServer } from './server.mjs';
import {
  TEST_TIMEOUT_MS,
  fixture,
  guardRequests,
  notEngineLoads,
  launchBrowser,
  openApp,
  paste,
  recordCspViolations,
  sameOrigin,
  settleServiceWorker,
  tid,
  waitForReport,
  WAIT_MS,
} from './browser.mjs';

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
    assert.deepEqual(notEngineLoads(afterReady, server.origin), [], 'the browser made no request once the app was ready, but the engine\'s files');
    assert.ok(afterReady.some((r) => /engine-worker\.js$/.test(r.url)), 'the first paste loaded the engine (the exception is exercised)');
    assert.deepEqual(
      notEngineLoads(server.requests.slice(serverCountAtReady), server.origin),
      [],
      'the server saw no request once the app was ready (favicon included), but the engine\'s files',
    );
    assert.deepEqual(server.requests.filter((r) => r.status !== 200), [], 'every request during load was answered 200');

    // Only the page's own files and the engine, by plain GET: not the single file, not the
    // authors' example, nothing with a query.
    const engine = ['/engine-worker.js', '/api/permcheck.js', '/api/permcheck_bg.wasm'];
    const own = new Set([
      '/',
      ...readdirSync(DIST).filter((f) => statSync(join(DIST, f)).isFile() && !/^(permcheck\.html|embed-example\.)/.test(f)).map((f) => `/${f}`),
      ...engine,
    ]);
    const fetched = requests.filter((r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:')).map((r) => new URL(r.url));
    assert.deepEqual(fetched.filter((u) => !own.has(u.pathname) || u.search !== ''), [], 'the browser fetched only the page\'s own files and the engine');
    const served = server.requests.map((r) => new URL(r.url, server.origin));
    assert.deepEqual(served.filter((u) => !own.has(u.pathname) || u.search !== '').map(String), [], 'the server served only the page\'s own files and the engine');
    assert.deepEqual(engine.filter((f) => !fetched.some((u) => u.pathname === f)), [], 'the engine was fetched (it judges every input)');

    const csp = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
    assert.deepEqual(app.pageErrors, [], 'no page errors');
    assert.deepEqual(app.consoleErrors, [], 'no console errors');
  });


  // Downloads are blob: URLs and copies go to the clipboard: nothing of it may touch the network.
  const BUTTONS = ['export-json', 'export-markdown', 'copy-markdown', 'copy-missing', 'share-link'];
  it('export, copy and share buttons make no request, for every example', { timeout: TEST_TIMEOUT_MS * 2 }, async () => {
    let log;
    const app = await openApp(browser, server.url, {
      contextOptions: { permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true },
      beforeGoto: async ({ context: ctx, page }) => {
        log = await guardRequests(ctx, server.origin);
        await recordCspViolations(page);
      },
    });
    try {
      const { page } = app;
      await page.waitForLoadState('networkidle');
      await settleServiceWorker(page);
      await page.waitForTimeout(300);
      log.setPhase('ready');
      const serverCountAtReady = server.requests.length;

      const select = page.locator(tid('example-select'));
      const examples = await select.locator('option').evaluateAll((os) => os.filter((o) => o.value !== '' && !o.disabled).map((o) => o.value));
      assert.ok(examples.length > 0, 'the example menu has entries');
      const clicked = Object.fromEntries(BUTTONS.map((id) => [id, 0]));
      const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
      for (const value of examples) {
        await select.selectOption(value);
        await waitForReport(page, (r) => r.subjects.length > 0 || r.diagnosticsVisible, `a report for example ${value}`);
        for (const id of BUTTONS) {
          const button = page.locator(tid(id)).first();
          if ((await button.count()) === 0 || !(await button.isVisible()) || (await button.isDisabled())) continue;
          if (id.startsWith('export-')) {
            const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), button.click()]);
            const body = readFileSync(await download.path(), 'utf8');
            if (id === 'export-json') {
              assert.match(download.suggestedFilename(), /\.json$/, `${value}: a .json file name`);
              const report = JSON.parse(body);
              assert.equal(report.schema, 1, `${value}: the JSON export is the schema-1 report`);
              assert.ok(Array.isArray(report.subjects), `${value}: the JSON export has subjects`);
            } else {
              assert.match(download.suggestedFilename(), /\.(md|markdown)$/, `${value}: a .md file name`);
              assert.ok(body.trim().length > 0, `${value}: the Markdown export is not empty`);
            }
          } else {
            await page.evaluate(() => navigator.clipboard.writeText(''));
            await button.click();
            const deadline = Date.now() + WAIT_MS;
            while (!(await clipboard()) && Date.now() < deadline) await page.waitForTimeout(50);
            assert.ok((await clipboard()).length > 0, `${value}: ${id} put text on the clipboard`);
          }
          clicked[id] += 1;
        }
      }
      await page.waitForTimeout(1000);

      assert.deepEqual(log.offOrigin, [], 'no request to another origin');
      assert.deepEqual(
        notEngineLoads(log.all.filter((r) => r.phase === 'ready' && !r.url.startsWith('blob:') && !r.url.startsWith('data:')), server.origin),
        [],
        'no request once the app was ready, through every example and button',
      );
      assert.deepEqual(notEngineLoads(server.requests.slice(serverCountAtReady), server.origin), [], 'the server saw no request once the app was ready, but the engine\'s files');
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
      assert.deepEqual(app.pageErrors, [], 'no page errors');
      assert.deepEqual(
        BUTTONS.filter((id) => clicked[id] === 0),
        [],
        `every export/copy/share button was found and clicked at least once (clicks: ${JSON.stringify(clicked)})`,
      );
    } finally {
      await app.context.close().catch(() => {});
    }
  });
});
