// Hostile pastes are shown as inert text wherever the page echoes input (diagnostics, subject
// labels, granted evidence): no script runs, no element is injected, no dialog opens, no request
// leaves, and bidi controls are shown as visible escapes instead of reordering the text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, launchBrowser, notEngineLoads, openApp, paste, settleServiceWorker, tid, waitForReport } from './browser.mjs';

const HOSTILE_LINES = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '<a href="javascript:window.__pwned=3">click</a>',
  '\u202Egpj.exe vso.code\u202C',
  '\u2066javascript:alert(1)\u2069',
];

describe('adversarial input in the page', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
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

  it('echoes hostile lines, labels and names as text only', { timeout: TEST_TIMEOUT_MS }, async () => {
    const requests = [];
    app = await openApp(browser, server.url, {
      beforeGoto: ({ context }) => context.on('request', (r) => requests.push({ url: r.url(), method: r.method() })),
    });
    const { page } = app;
    await page.waitForLoadState('networkidle');
    await settleServiceWorker(page);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      d.dismiss().catch(() => {});
    });
    const afterLoad = requests.length;

    // Scope lines plus hostile lines: a subject (from vso.code) and a diagnostic per hostile line.
    await paste(page, ['vso.code vso.work', ...HOSTILE_LINES].join('\n'));
    await waitForReport(page, (r) => r.subjects.length === 1 && r.diagnosticsVisible, 'a subject and diagnostics');
    const diagnostics = await page.locator(tid('diagnostics')).innerText();
    assert.match(diagnostics, /<script>window\.__pwned = 1<\/script>/, 'the script line is shown literally');
    assert.match(diagnostics, /javascript:window\.__pwned=3/, 'the javascript: link is shown literally');
    assert.match(diagnostics, /window\.__pwned/, 'the onerror line is reported (its id-like token)');
    assert.match(diagnostics, /\\u\{202E\}/, 'the bidi override is shown as an escape');
    assert.ok(!diagnostics.includes('\u202E') && !diagnostics.includes('\u2066'), 'no raw bidi control reaches the page');

    // A PAT list whose display name is hostile: the subject label is text.
    const pat = JSON.stringify({
      patTokens: [{ displayName: '<img src=x onerror="window.__pwned=4">\u202Eevil', scope: 'vso.code', targetAccounts: null }],
    });
    await paste(page, pat);
    await waitForReport(page, (r) => r.subjects.length === 1 && /<img src=x/.test(r.subjects[0].text), 'the hostile PAT as one subject');
    const card = await page.locator(tid('subject')).first().innerText();
    assert.match(card, /<img src=x onerror=/, 'the display name is shown literally');

    const state = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      injected: document.querySelectorAll('main script, main img[src="x"], main a[href^="javascript:"]').length,
      anyJsLink: [...document.querySelectorAll('a[href]')].some((a) => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')),
    }));
    assert.equal(state.pwned, null, 'no pasted script ran');
    assert.equal(state.injected, 0, 'no element was injected from the input');
    assert.equal(state.anyJsLink, false, 'no javascript: link exists on the page');
    assert.equal(dialogs, 0, 'no dialog opened');
    assert.deepEqual(notEngineLoads(requests.slice(afterLoad), new URL(server.url).origin), [], 'no request after load (but the engine files)');
    assert.deepEqual(app.pageErrors, []);
  });
});
