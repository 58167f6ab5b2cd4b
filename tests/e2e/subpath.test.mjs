// The same build works under any sub-path (Trunk public_url "./"): served at
// /docs/tools/permcheck/, the page loads, judges a paste, registers its service worker there, and
// every request it makes stays under that prefix (nothing asks for /favicon.ico, /sw.js, …).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, fixture, guardRequests, launchBrowser, openApp, paste, settleServiceWorker, tid, waitForReport } from './browser.mjs';

const PREFIX = '/docs/tools/permcheck/';

describe('served under a sub-path', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ prefix: PREFIX });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const entry of ['', 'index.html']) {
    it(`works at ${PREFIX}${entry} with every request under the prefix`, { timeout: TEST_TIMEOUT_MS }, async () => {
      assert.equal(server.url, `${server.origin}${PREFIX}`);
      const seen = server.requests.length;
      let log;
      const app = await openApp(browser, `${server.url}${entry}`, {
        beforeGoto: async ({ context }) => {
          log = await guardRequests(context, server.origin);
        },
      });
      try {
        const { page } = app;
        await page.waitForLoadState('networkidle');
        await settleServiceWorker(page);
        await paste(page, fixture('seeds/azure-devops-pat-labels.txt'));
        await waitForReport(
          page,
          (r) => r.subjects.length === 1 && r.subjects[0].backup === 'possible' && r.subjects[0].restore === 'possible',
          'PAT labels under a sub-path: backup possible, restore possible',
        );
        await page.locator(tid('example-select')).selectOption('bb-curl-headers');
        await waitForReport(page, (r) => r.subjects.length > 0, 'an example under a sub-path');

        const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope ?? null);
        assert.equal(scope, server.url, 'the service worker is registered for the sub-path');

        const served = server.requests.slice(seen);
        assert.ok(served.some((r) => r.url.endsWith('.wasm')), 'the wasm was fetched (the recorder works)');
        assert.deepEqual(
          served.filter((r) => !r.url.startsWith(PREFIX)),
          [],
          'every request the server saw is under the prefix',
        );
        assert.deepEqual(served.filter((r) => r.status !== 200), [], 'every request was answered 200 (no broken relative URL)');
        assert.deepEqual(log.offOrigin, [], 'no request to another origin');
        assert.deepEqual(
          log.all.filter((r) => !r.url.startsWith(server.url) && !r.url.startsWith('data:') && !r.url.startsWith('blob:')),
          [],
          'every request the browser made is under the prefix',
        );
        assert.deepEqual(app.pageErrors, [], 'no page errors');
        assert.deepEqual(app.consoleErrors, [], 'no console errors');
      } finally {
        await app.context.close().catch(() => {});
      }
    });
  }
});
