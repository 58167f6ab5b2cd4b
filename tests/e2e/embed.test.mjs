// Embedding in a help center: a parent page on another origin embeds
// index.html?embed&platform=azure-devops-services&parent-origin=<parent> in an iframe. The page
// posts {type: "permcheck:resize", height} (a positive integer) to that parent origin only, grows
// the height when a report appears, marks its root with class "embed", preselects the platform,
// and registers no service worker.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, WAIT_MS, fixture, guardRequests, launchBrowser, tid } from './browser.mjs';

const parentPage = (frames) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Help center article</title></head>
<body>
<h1>Check your token</h1>
<script>
  window.__messages = [];
  addEventListener('message', (e) => {
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    window.__messages.push({ origin: e.origin, data: e.data, frame: frame ? frame.id : null });
  });
</script>
${frames.map(({ id, src }) => `<iframe id="${id}" title="permcheck" width="800" height="300" src="${src.replace(/&/g, '&amp;')}"></iframe>`).join('\n')}
</body></html>`;

describe('embedded in an iframe', { timeout: TEST_TIMEOUT_MS * 3 }, () => {
  let app; // the permcheck build
  let help; // the help center, another origin
  let browser;
  const contexts = [];

  before(async () => {
    app = await startServer();
    help = await startServer({ root: null, routes: {} });
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.close();
    await help?.close();
  });

  const frameSrc = (parentOrigin) =>
    `${app.url}index.html?embed&platform=azure-devops-services&parent-origin=${encodeURIComponent(parentOrigin)}`;

  /** Open a help-center page on the other origin with iframes { id: parentOriginToName }. */
  async function openParent(frames) {
    const path = `/article-${contexts.length}.html`;
    // startServer's routes are read per request, so a test can add its page after start-up.
    help.routes[path] = {
      body: parentPage(Object.entries(frames).map(([id, origin]) => ({ id, src: frameSrc(origin) }))),
      type: 'text/html; charset=utf-8',
    };
    const context = await browser.newContext();
    contexts.push(context);
    context.setDefaultTimeout(WAIT_MS);
    const log = await guardRequests(context, [app.origin, help.origin]);
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(`${help.origin}${path}`, { waitUntil: 'load' });
    for (const id of Object.keys(frames)) await page.frameLocator(`#${id}`).locator(tid('paste')).waitFor({ state: 'visible' });
    return { page, log, pageErrors };
  }

  const resizes = (page, frameId = 'permcheck') =>
    page.evaluate((id) => window.__messages.filter((m) => m.frame === id && m.data && m.data.type === 'permcheck:resize'), frameId);

  it('embed mode: class "embed", the platform preset, no service worker; posts its height to the parent, grows with a report', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page, log, pageErrors } = await openParent({ permcheck: help.origin });
    const frame = page.frameLocator('#permcheck');

    // The embedded page itself.
    const embedded = frame.locator(':root');
    const rootInfo = await embedded.evaluate(() => ({
      html: document.documentElement.classList.contains('embed'),
      body: document.body.classList.contains('embed'),
      app: [...document.body.children].some((el) => el.classList.contains('embed')),
    }));
    assert.ok(rootInfo.html || rootInfo.body || rootInfo.app, `the embedded root has class "embed": ${JSON.stringify(rootInfo)}`);
    assert.equal(await frame.locator(tid('platform-select')).inputValue(), 'azure-devops-services', 'the platform select shows the preset');
    const sw = await embedded.evaluate(async () => ((await navigator.serviceWorker?.getRegistration()) ? 'registered' : 'none'));
    assert.equal(sw, 'none', 'no service worker in an embed');

    // At least one resize message before any paste.
    const deadline = Date.now() + WAIT_MS;
    let msgs = await resizes(page);
    while (msgs.length === 0 && Date.now() < deadline) {
      await page.waitForTimeout(100);
      msgs = await resizes(page);
    }
    assert.ok(msgs.length > 0, `a permcheck:resize message arrived (all messages: ${JSON.stringify(await page.evaluate(() => window.__messages))})`);
    for (const m of msgs) {
      assert.equal(m.origin, app.origin, 'sent from the iframe\'s origin');
      assert.ok(Number.isInteger(m.data.height) && m.data.height > 0, `height is a positive integer: ${JSON.stringify(m.data)}`);
    }
    const docHeight = () => embedded.evaluate(() => document.documentElement.scrollHeight);
    const heightBefore = await docHeight();
    const countBefore = msgs.length;

    // A report changes the page's height: the page posts the new one. Whichever box it measures
    // (html, body), it is the content's height, give or take margins (24 px).
    await frame.locator(tid('paste')).fill(fixture('seeds/azure-devops-read-only.txt'));
    await frame.locator(tid('subject')).first().waitFor({ state: 'visible' });
    const heightAfter = await docHeight();
    assert.ok(Math.abs(heightAfter - heightBefore) > 24, `the report changed the document height (${heightBefore} → ${heightAfter})`);
    const settle = Date.now() + WAIT_MS;
    let last;
    for (;;) {
      msgs = await resizes(page);
      last = msgs.at(-1).data.height;
      if ((msgs.length > countBefore && Math.abs(last - heightAfter) <= 24) || Date.now() > settle) break;
      await page.waitForTimeout(100);
    }
    assert.ok(msgs.length > countBefore, 'a new resize message after the report appeared');
    assert.ok(Math.abs(last - heightAfter) <= 24, `the last posted height is the document's (${last} vs scrollHeight ${heightAfter})`);
    for (const m of msgs) {
      assert.equal(m.origin, app.origin, 'every message from the iframe\'s origin');
      assert.ok(Number.isInteger(m.data.height) && m.data.height > 0, `every height a positive integer: ${JSON.stringify(m.data)}`);
    }

    assert.deepEqual(log.offOrigin, [], 'no request off the two origins');
    assert.deepEqual(pageErrors, [], 'no page errors');
  });

  it('posts nothing to a parent whose origin is not the one named in parent-origin', { timeout: TEST_TIMEOUT_MS }, async () => {
    // Two iframes in one article: "control" names this parent's origin, "stranger" another one.
    const { page } = await openParent({ control: help.origin, stranger: 'https://help.example.invalid' });
    for (const id of ['control', 'stranger']) {
      const frame = page.frameLocator(`#${id}`);
      await frame.locator(tid('paste')).fill(fixture('seeds/azure-devops-read-only.txt'));
      await frame.locator(tid('subject')).first().waitFor({ state: 'visible' });
    }
    await page.waitForTimeout(1500);
    const messages = await page.evaluate(() => window.__messages);
    assert.ok(
      messages.some((m) => m.frame === 'control' && m.data?.type === 'permcheck:resize'),
      `the control iframe (right parent-origin) posted its height: ${JSON.stringify(messages)}`,
    );
    assert.deepEqual(
      messages.filter((m) => m.frame !== 'control'),
      [],
      'the iframe told to post to another origin posted nothing this parent could read',
    );
  });
});
