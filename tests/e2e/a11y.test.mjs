// Accessibility: axe-core finds no violation (WCAG 2.x A/AA and best practices) with a report on
// the page, in the light and the dark colour scheme; and the keyboard alone reaches the paste box
// and the example menu.
//
// axe-core is evaluated through DevTools (page.evaluate with its source): the page's CSP forbids
// inline scripts, so addScriptTag({content}) would be refused, and the policy stays enforced
// (no bypassCSP) so the page is audited as visitors get it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, fixture, launchBrowser, openApp, paste, tid, waitForReport } from './browser.mjs';

const AXE = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

async function runAxe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return {
      version: window.axe.version,
      passes: result.passes.length,
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      })),
    };
  });
}

describe('accessibility', { timeout: TEST_TIMEOUT_MS * 3 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const colorScheme of ['light', 'dark']) {
    it(`axe finds no violation with a report shown (${colorScheme})`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const app = await openApp(browser, server.url, { contextOptions: { colorScheme, serviceWorkers: 'block' } });
      try {
        const { page } = app;
        assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), colorScheme === 'dark', 'the colour scheme applies');
        await paste(page, fixture('seeds/azure-devops-read-only.txt'));
        await waitForReport(page, (r) => r.subjects.length === 1, 'a subject on the page');
        const { version, passes, violations } = await runAxe(page);
        assert.match(version, /^4\./, 'axe-core ran');
        assert.ok(passes > 10, `axe checked the page (${passes} rules passed)`);
        assert.deepEqual(violations, [], `axe ${version} violations (${colorScheme}):\n${JSON.stringify(violations, null, 2)}`);
        // The harness can fail: an image without a text alternative is reported.
        await page.evaluate(() => {
          const img = document.createElement('img');
          img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
          document.body.append(img);
        });
        const again = await runAxe(page);
        assert.ok(again.violations.some((v) => v.id === 'image-alt'), 'axe reports a planted violation (the check is live)');
        assert.deepEqual(app.pageErrors, [], 'no page errors');
      } finally {
        await app.context.close().catch(() => {});
      }
    });
  }

  it('the keyboard alone reaches the paste box and the example menu', { timeout: TEST_TIMEOUT_MS }, async () => {
    const app = await openApp(browser, server.url, { contextOptions: { serviceWorkers: 'block' } });
    try {
      const { page } = app;
      const reached = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement;
          if (!a || a === document.body) return null;
          return { testid: a.getAttribute('data-testid'), tag: a.tagName.toLowerCase(), focusVisible: a.matches(':focus-visible') };
        });
        if (el) reached.push(el);
        if (['paste', 'example-select'].every((id) => reached.some((r) => r.testid === id))) break;
      }
      const ids = reached.map((r) => r.testid ?? r.tag);
      assert.ok(ids.includes('paste'), `Tab reaches the paste box (reached: ${ids.join(', ')})`);
      assert.ok(ids.includes('example-select'), `Tab reaches the example menu (reached: ${ids.join(', ')})`);
      assert.ok(reached.filter((r) => r.testid === 'paste' || r.testid === 'example-select').every((r) => r.focusVisible), 'keyboard focus is visible (:focus-visible)');

      // And the keyboard can use them: type into the paste box, pick an example with the arrows.
      await page.locator(tid('paste')).focus();
      await page.keyboard.type('vso.code vso.work');
      await waitForReport(page, (r) => r.subjects.length === 1, 'a subject for typed scopes');
      assert.deepEqual(app.pageErrors, [], 'no page errors');
    } finally {
      await app.context.close().catch(() => {});
    }
  });
});
