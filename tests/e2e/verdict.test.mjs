// The page reads real inputs and shows the same verdicts as the core: fixtures pasted into the
// textarea, every entry of the example menu, and a broken input that must name its line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, fixture, launchBrowser, openApp, paste, tid, waitForReport } from './browser.mjs';

const one = (backup, restore) => (r) =>
  r.subjects.length === 1 && r.subjects[0].backup === backup && r.subjects[0].restore === restore;

describe('verdicts in the page', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
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

  it('judges pasted fixtures: PAT labels, read-only scopes, Bitbucket curl headers', { timeout: TEST_TIMEOUT_MS }, async () => {
    app = await openApp(browser, server.url);
    const { page } = app;

    await paste(page, fixture('seeds/azure-devops-pat-labels.txt'));
    let r = await waitForReport(page, one('possible', 'possible'), 'Azure DevOps PAT labels: backup possible, restore possible');
    assert.deepEqual(r.backups, ['possible']);
    assert.deepEqual(r.restores, ['possible']);

    await paste(page, fixture('seeds/azure-devops-read-only.txt'));
    r = await waitForReport(page, one('possible', 'impossible'), 'Azure DevOps read-only scopes: backup possible, restore impossible');
    assert.match(r.subjects[0].missing ?? '', /vso\.code_manage|Code: Read, write, & manage/, 'the missing list names the code scope');

    await paste(page, fixture('bitbucket/cloud-x-oauth-scopes-kb-example.txt'));
    r = await waitForReport(page, one('impossible', 'impossible'), 'Bitbucket curl -I headers: backup impossible, restore impossible');
    const missing = r.subjects[0].missing ?? '';
    assert.match(missing, /repository:admin|Repositories: Admin/, 'missing names repository:admin');
    // An access token has no account, issue or snippet scope (issue 15): never asked to add one.
    assert.doesNotMatch(missing, /\baccount\b|Account: Read|issue|snippet/, 'missing names only what an access token can hold');

    assert.deepEqual(app.pageErrors, [], 'no page errors');
    assert.deepEqual(app.consoleErrors, [], 'no console errors');
  });

  it('shows a diagnostic with a line number for a broken input', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page } = app ?? (app = await openApp(browser, server.url));
    await paste(page, '{"broken": ');
    const r = await waitForReport(
      page,
      (r) => r.diagnosticsVisible && r.subjects.length === 0,
      'a visible diagnostics block and no subject',
    );
    // The core reports line 1, column 11 ("this JSON ends early"); accept the usual spellings.
    assert.match(r.diagnostics, /\bline\s*1\b|:1:\d+|\b1:\d+\b|\bL1\b/i, `diagnostics name line 1: ${r.diagnostics}`);
    assert.deepEqual(app.pageErrors, [], 'no page errors');
  });

  it('loads every example of the menu into a subject or a diagnostic', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page } = app ?? (app = await openApp(browser, server.url));
    const select = page.locator(tid('example-select'));
    await select.waitFor({ state: 'visible' });
    const options = await select.locator('option').evaluateAll((os) =>
      os.filter((o) => o.value !== '' && !o.disabled).map((o) => ({ value: o.value, label: o.textContent.trim() })),
    );
    assert.ok(options.length >= 5, `the example menu lists the examples (found ${options.length})`);

    // Known outcomes, by example id (src/examples.rs), checked when the option values are ids.
    const expected = {
      'ado-pat-labels': ['possible', 'possible'],
      'ado-read-only-scopes': ['possible', 'impossible'],
      'bb-curl-headers': ['impossible', 'impossible'],
    };
    const seen = [];
    for (const { value, label } of options) {
      // Start from a clean page so what follows is this example's own report.
      await paste(page, '');
      await waitForReport(page, (r) => r.subjects.length === 0 && !r.diagnosticsVisible, `an empty report before "${label}"`);
      await select.selectOption(value);
      const r = await waitForReport(
        page,
        (r) => r.subjects.length > 0 || r.diagnosticsVisible,
        `a subject or a diagnostic for the example "${label}" (${value})`,
      );
      if (expected[value]) {
        const [backup, restore] = expected[value];
        await waitForReport(page, one(backup, restore), `example ${value}: backup ${backup}, restore ${restore}`);
      }
      for (const s of r.subjects) {
        assert.match(s.backup ?? '', /^(possible|partial|impossible|unknown)$/, `"${label}": backup verdict`);
        assert.match(s.restore ?? '', /^(possible|partial|impossible|unknown)$/, `"${label}": restore verdict`);
      }
      seen.push(value);
    }
    assert.equal(seen.length, options.length);
    assert.deepEqual(app.pageErrors, [], 'no page errors while switching examples');
    assert.deepEqual(app.consoleErrors, [], 'no console errors while switching examples');
    assert.ok(await page.locator(tid('paste')).isVisible(), 'the app is still there after every example');
  });
});
