// A share link carries the pasted text in the URL fragment only (#input=…), which browsers never
// send to a server; the page warns that the link contains the input. Opening the link in a fresh
// browser context restores the text and the same verdict.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, WAIT_MS, fixture, launchBrowser, openApp, paste, tid, waitForReport } from './browser.mjs';

const TEXT = fixture('seeds/azure-devops-pat-labels.txt');
const norm = (s) => s.replace(/\r\n?/g, '\n').trim();
const possiblePossible = (r) => r.subjects.length === 1 && r.subjects[0].backup === 'possible' && r.subjects[0].restore === 'possible';

describe('share link', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
  let server;
  let browser;
  const contexts = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('puts the input in the fragment only, warns, and restores text and verdict', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await openApp(browser, server.url, {
      contextOptions: { permissions: ['clipboard-read', 'clipboard-write'], serviceWorkers: 'block' },
    });
    contexts.push(a.context);
    await paste(a.page, TEXT);
    const before = await waitForReport(a.page, possiblePossible, 'PAT labels: backup possible, restore possible');

    await a.page.evaluate(() => navigator.clipboard.writeText(''));
    const share = a.page.locator(tid('share-link'));
    await share.waitFor({ state: 'visible' });
    await share.click();
    await a.page.locator(tid('share-warning')).waitFor({ state: 'visible' });
    const warning = (await a.page.locator(tid('share-warning')).textContent()).trim();
    assert.ok(warning.length >= 10, `the warning says something: "${warning}"`);

    // The link: from the clipboard, or from the fallback field when the clipboard is refused.
    let link = '';
    const deadline = Date.now() + WAIT_MS;
    while (!link && Date.now() < deadline) {
      link = (await a.page.evaluate(() => navigator.clipboard.readText())).trim();
      if (!link && (await a.page.locator(tid('share-url')).count()) > 0) link = (await a.page.locator(tid('share-url')).inputValue()).trim();
      if (!link) await a.page.waitForTimeout(50);
    }
    assert.ok(link, 'a share link was copied (or shown in the share-url field)');
    const url = new URL(link);
    assert.equal(`${url.origin}${url.pathname}`.replace(/index\.html$/, ''), server.url, 'the link points at this page');
    assert.ok(url.hash.startsWith('#input='), `the input is in the fragment: ${link.slice(0, 120)}`);
    const beforeHash = link.split('#')[0];
    assert.ok(
      [...url.searchParams.keys()].every((k) => ['platform', 'credential'].includes(k)),
      `no query parameter carries data: ${url.search}`,
    );
    for (const word of norm(TEXT).split(/\s+/).filter((w) => w.length >= 4).slice(0, 20)) {
      assert.ok(!beforeHash.includes(encodeURIComponent(word)) && !beforeHash.includes(word), `"${word}" is not outside the fragment`);
    }

    // A fresh context: nothing but the URL can carry the state.
    const b = await openApp(browser, link, { contextOptions: { serviceWorkers: 'block' } });
    contexts.push(b.context);
    const after = await waitForReport(b.page, possiblePossible, 'the shared link: backup possible, restore possible');
    assert.equal(norm(await b.page.locator(tid('paste')).inputValue()), norm(TEXT), 'the shared link restores the text');
    assert.deepEqual(after.subjects.map((s) => [s.backup, s.restore, s.missing]), before.subjects.map((s) => [s.backup, s.restore, s.missing]), 'the same verdict');

    assert.deepEqual(
      server.requests.filter((r) => /input=|#/.test(r.url)),
      [],
      'the server never saw the input (fragments are not sent)',
    );
    assert.deepEqual([...a.pageErrors, ...b.pageErrors], [], 'no page errors');
  });
});
