// The engine judges everything the page shows: scope pastes and ACL exports alike, in a worker
// (off the main thread), with the same verdicts as the CLI, an identity picker when an export
// holds several identities, and the explorer (namespace → token tree → bits with the entry that
// decided each). The page's own wasm judges nothing: with the engine's files refused, a scope
// paste gets no verdict and the page says why. Without a worker, the engine runs on the main
// thread and the page says so. The engine loads only this origin's engine files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPO_ROOT, startServer } from './server.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_FILES, TEST_TIMEOUT_MS, fixture, guardRequests, launchBrowser, openApp, openRow, paste, readReport, settleServiceWorker, tid, waitForReport } from './browser.mjs';

// Real samples that are fetched snapshots stay in ../shared (never copied into the repository);
// a test that needs one is skipped, with a message, where ../shared is absent.
const SHARED_SAMPLES = join(REPO_ROOT, '..', 'shared', 'reference', 'samples', 'azure-devops');
const sharedSample = (name) => readFileSync(join(SHARED_SAMPLES, name), 'utf8');
const noShared = existsSync(SHARED_SAMPLES) ? false : `${SHARED_SAMPLES} is not here (real samples stay in ../shared)`;

describe('ACL exports in the page', { timeout: TEST_TIMEOUT_MS * 3 }, () => {
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

  it('judges a Git ACL export per identity, with a picker and the explorer', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const origin = new URL(server.url).origin;
    const log = await guardRequests(context, [origin]);
    const app = await openApp(browser, server.url, { context });
    const { page } = app;
    await page.waitForLoadState('networkidle');
    await settleServiceWorker(page);
    log.setPhase('after-load');
    const beforePaste = log.all.length;

    await paste(page, fixture('azure-devops-acl/handmade-git-recurse.json'));
    const r = await waitForReport(page, (r) => r.subjects.length === 2, 'two ACL subjects from the worker');
    // The same verdicts as `permcheck check` gives for this file (tests/acl.rs); two identities
    // are a summary table, the one that fails first.
    assert.match(r.subjects[1].text, /backup@contoso\.com/);
    assert.deepEqual([r.subjects[0].backup, r.subjects[0].restore], ['unknown', 'impossible']);
    assert.deepEqual([r.subjects[1].backup, r.subjects[1].restore], ['unknown', 'partial']);
    assert.equal(r.cards.length, 0, 'the table comes first; a card opens with its row');
    const firstCard = await (await openRow(page, 'backup@contoso.com')).textContent();
    assert.match(firstCard, /az devops security permission update/, 'the fix is a ready az command');
    await openRow(page, 'Azure DevOps group');
    // Long descriptors, tokens and commands wrap: the page never scrolls sideways (the what-if
    // table may, inside its own box), on a desktop or a phone.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth + 1;
        const inScroller = (e) => {
          for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
          return false;
        };
        return {
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          cut: [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > limit && !inScroller(e))
            .slice(0, 3)
            .map((e) => `${e.tagName}.${e.className}`),
        };
      });
      assert.deepEqual(overflow, { page: 0, cut: [] }, `nothing sticks out at ${width} px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    // An undecided verdict says what to export, and the collection script (bash and
    // PowerShell, one file for all of it) comes under Check also.
    const summary = await page.locator('.tile-summary').first().innerText();
    assert.match(summary, /Export next: the .* ACLs and the account's groups; the collection script under Check also/, summary);
    const shown = (await page.locator('main').innerText());
    assert.match(shown, /#!\/usr\/bin\/env bash/, 'the bash script');
    assert.match(shown, /\$Subject = '/, 'the PowerShell script');
    // The collection scripts stand in code blocks of their own, each copied whole with its
    // copy button, never wrapped.
    const script = page.locator(tid('command')).filter({ hasText: '#!/usr/bin/env bash' }).first();
    assert.match(await script.innerText(), /az devops security permission list/);
    assert.equal(await script.locator('pre code').evaluate((e) => getComputedStyle(e).whiteSpace), 'pre', 'a script never wraps');
    assert.equal(await script.locator(tid('copy-command')).count(), 1, 'one copy button for the whole script');

    // The engine came from this origin's own files, fetched by GET without any query or body
    // (through the service worker's cache, which precached it at load, or from the server).
    const engine = log.all.slice(beforePaste);
    assert.ok(engine.some((e) => e.url.endsWith('/engine-worker.js')), 'the worker script was loaded');
    assert.ok(engine.some((e) => e.url.endsWith('/api/permcheck_bg.wasm')), 'the engine wasm was loaded');
    for (const e of engine) {
      assert.equal(e.method, 'GET', `${e.url} is a GET`);
      assert.equal(new URL(e.url).search, '', `${e.url} carries no query`);
      assert.match(new URL(e.url).pathname, /\/(engine-worker\.js|api\/permcheck(\.js|_bg\.wasm))$/, `${e.url} is an engine file`);
    }
    assert.deepEqual(log.offOrigin, []);

    // Seed 003's what-if: the four built-in groups, Contributors lacking Create repository.
    const whatIf = await page.locator(tid('what-if')).innerText();
    for (const g of ['Readers', 'Contributors', 'Build Administrators', 'Project Administrators']) assert.match(whatIf, new RegExp(g));
    assert.match(whatIf, /Contributors\s*lacks Create repository \(Git Repositories\/CreateRepository\)/);

    // The explorer, under the opened identity's card.
    await page.locator('.row-detail').filter({ hasText: 'backup@contoso.com' }).locator(tid('explore')).click();
    const tree = page.locator(tid('token-tree'));
    await tree.waitFor();
    const tokens = await tree.locator('.token-name').allTextContents();
    assert.ok(tokens.length >= 3, `the Git tokens are listed (${tokens.join(' | ')})`);
    assert.ok(tokens.some((t) => /^repository aaaaaaaa-0000-0000-0000-000000000001 in project/.test(t)), `tokens are named for people (${tokens.join(' | ')})`);
    // Tree order: a project's repositories right after it, indented one level.
    const depths = await tree.locator('li.token').evaluateAll((els) => els.map((e) => /depth-(\d)/.exec(e.className)?.[1]));
    assert.deepEqual(depths, ['0', '1', '1', '1', '0', '1']);
    const indents = await tree.locator('li.token').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).paddingInlineStart)));
    assert.ok(indents[1] > indents[0], `children are indented (${indents})`);
    // Open the first token: every Git bit with a state in words, and the deciding entry.
    await tree.locator('details summary').first().click();
    const rows = await tree.locator('details[open] table.bits tbody tr').allTextContents();
    assert.ok(rows.length >= 10, `every Git permission is listed (${rows.length})`);
    assert.ok(rows.some((t) => /Read.*GenericRead.*(Allow|Deny|Not set)/.test(t)), `Read has a state: ${rows.join(' / ')}`);
    assert.ok(rows.some((t) => /\(paste:\d+:\d+\)/.test(t)), 'a decided bit names its entry (paste:line:column)');
    assert.deepEqual(app.pageErrors, []);
  });

  it('a scope paste is judged by the engine: the page loads it on focus, and judges nothing without it', { timeout: TEST_TIMEOUT_MS }, async () => {
    // No service worker, so every load reaches the network (and the route below).
    const context = await browser.newContext({ serviceWorkers: 'block' });
    contexts.push(context);
    const log = await guardRequests(context, [server.origin]);
    const app = await openApp(browser, server.url, { context });
    const { page } = app;
    await page.waitForLoadState('networkidle');
    assert.deepEqual(log.all.filter((r) => ENGINE_FILES.test(new URL(r.url).pathname)), [], 'the engine is not loaded at start');
    log.setPhase('focus');
    await page.locator(tid('paste')).focus();
    const deadline = Date.now() + 10_000;
    while (!log.all.some((r) => r.url.endsWith('/api/permcheck_bg.wasm')) && Date.now() < deadline) await page.waitForTimeout(50);
    assert.deepEqual(
      log.all.filter((r) => r.phase === 'focus').map((r) => new URL(r.url).pathname.replace(/^.*\//, '')),
      ['engine-worker.js', 'permcheck.js', 'permcheck_bg.wasm'],
      'focusing the paste area loads the engine, and only it',
    );
    await paste(page, fixture('seeds/azure-devops-read-only.txt'));
    await waitForReport(page, (r) => r.subjects.length === 1 && r.subjects[0].backup === 'possible' && r.subjects[0].restore === 'impossible', 'read-only scopes judged');
    assert.equal(await page.locator(tid('engine-note')).count(), 0, 'the engine runs in its worker: no note');
    assert.deepEqual(app.pageErrors, []);

    // The same page with the engine's wasm refused: a scope paste gets no verdict (the page's
    // own wasm has no judge), and the page says why instead of judging less.
    const blocked = await browser.newContext({ serviceWorkers: 'block' });
    contexts.push(blocked);
    await blocked.route('**/api/permcheck_bg.wasm', (route) => route.abort('blockedbyclient'));
    const b = await openApp(browser, server.url, { context: blocked });
    await paste(b.page, fixture('seeds/azure-devops-read-only.txt'));
    const note = b.page.locator(tid('engine-note'));
    await note.waitFor();
    assert.match(await note.innerText(), /engine could not be loaded .*nothing is judged/s);
    await b.page.waitForTimeout(300);
    assert.deepEqual((await readReport(b.page)).subjects, [], 'no verdict without the engine');
    assert.deepEqual(b.pageErrors, []);
  });

  it('without a worker, the engine runs on the main thread: ACL exports judged, and the page says so', { timeout: TEST_TIMEOUT_MS }, async () => {
    const app = await openApp(browser, server.url, {
      beforeGoto: async ({ page }) => {
        await page.addInitScript(() => {
          window.Worker = function Worker() {
            throw new DOMException('workers are disabled for this test', 'SecurityError');
          };
        });
      },
    });
    contexts.push(app.context);
    const { page } = app;
    await paste(page, fixture('azure-devops-acl/handmade-git-recurse.json'));
    const r = await waitForReport(page, (r) => r.subjects.length === 2, 'two ACL subjects from the engine on the main thread');
    assert.deepEqual([r.subjects[0].backup, r.subjects[0].restore], ['unknown', 'impossible']);
    assert.deepEqual([r.subjects[1].backup, r.subjects[1].restore], ['unknown', 'partial']);
    assert.match(await page.locator(tid('engine-note')).innerText(), /main thread.*workers are disabled for this test/s);
    // A row opens (its subject asked of the engine there), the explorer works, and typing still
    // gets verdicts.
    await openRow(page, 'backup@contoso.com');
    await page.locator('.row-detail').filter({ hasText: 'backup@contoso.com' }).locator(tid('explore')).click();
    await page.locator(tid('token-tree')).waitFor();
    assert.ok((await page.locator(`${tid('token-tree')} .token-name`).count()) >= 3, 'the explorer lists the Git tokens');
    await paste(page, 'vso.code_manage vso.work_write');
    await waitForReport(page, (r) => r.subjects.length === 1, 'typed scopes judged on the main thread');
    assert.deepEqual(app.pageErrors, []);
  });

  it('answers without an ACL (lone entries, an identity lookup) say what to paste instead', { timeout: TEST_TIMEOUT_MS, skip: noShared }, async () => {
    const app = await openApp(browser, server.url);
    contexts.push(app.context);
    const { page } = app;
    // They name identities by descriptor, so the page hands them to the full engine.
    await paste(page, sharedSample('rest-permissions-delete-65536.response.json'));
    let r = await waitForReport(page, (r) => /without their token/.test(r.diagnostics ?? ''), 'the lone-entry warning');
    assert.equal(r.subjects.length, 0, 'nothing is judged from a lone entry');
    assert.match(r.diagnostics, /_apis\/accesscontrollists/, 'it says what to paste');
    await paste(page, sharedSample('rest-identities-search-user.response.json'));
    r = await waitForReport(page, (r) => /identity lookup/.test(r.diagnostics ?? ''), 'the identity-lookup warning');
    assert.equal(r.subjects.length, 0);
    assert.match(r.diagnostics, /new_user_test@outlook\.com \(User\)/);
    assert.match(r.diagnostics, /--subject new_user_test@outlook\.com --output json/, 'a ready export command, by e-mail');
    assert.doesNotMatch(r.diagnostics, /not a format permcheck reads/);
    // The input is named for people: what was read, not a format id.
    assert.match(await page.locator('.results-bar .muted').innerText(), /Read: paste \(identity lookup, nothing judged\)/);
    assert.deepEqual(app.pageErrors, []);
  });

  it('an identity lookup given as a file names the subjects of the pasted export', { timeout: TEST_TIMEOUT_MS }, async () => {
    const app = await openApp(browser, server.url);
    contexts.push(app.context);
    const { page } = app;
    await paste(page, fixture('azure-devops-acl/handmade-git-recurse.json'));
    await waitForReport(page, (r) => r.subjects.length === 2, 'the export judged');
    // The group of that export, looked up (the shape of the real _apis/identities sample).
    const graph = 'vssgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0NDAwOTY5LTI0MDI5ODY0MTMtMjE3OTQwODYxNi0zLTEtMi0zLTQ';
    const lookup = JSON.stringify({ count: 1, value: [{
      id: '0b3b8a3e-1111-2222-3333-444455556666',
      descriptor: 'Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-1-2-3-4',
      subjectDescriptor: graph,
      providerDisplayName: '[Fabrikam]\\Backup Operators',
      isActive: true,
      properties: { SchemaClassName: { $type: 'System.String', $value: 'Group' } },
    }] });
    await page.locator(tid('file-input')).setInputFiles({ name: 'identities.json', mimeType: 'application/json', buffer: Buffer.from(lookup) });
    const r = await waitForReport(page, (r) => r.subjects.some((s) => /Backup Operators/.test(s.text)), 'the group named by the lookup');
    const card = r.subjects.find((s) => /Backup Operators/.test(s.text));
    assert.match(card.text, /\[Fabrikam\]\\Backup Operators \(ACLs\)/);
    const full = await (await openRow(page, 'Backup Operators')).innerText();
    assert.ok(full.includes(`--subject ${graph}`), 'the commands use the looked-up graph descriptor');
    assert.deepEqual(app.pageErrors, []);
  });

  it('typing while a large export is judged: only the newest input waits, and it wins', { timeout: TEST_TIMEOUT_MS }, async () => {
    const app = await openApp(browser, server.url, {
      beforeGoto: async ({ page }) => {
        // Record what the page hands its engine (the paste's text, decoded before the transfer).
        await page.addInitScript(() => {
          window.__sent = [];
          const post = Worker.prototype.postMessage;
          Worker.prototype.postMessage = function (message, transfer) {
            if (message?.kind === 'evaluate') {
              const paste = message.inputs.find((i) => i.source === 'paste');
              window.__sent.push(paste ? new TextDecoder().decode(paste.text) : null);
            }
            return post.call(this, message, transfer);
          };
        });
      },
    });
    contexts.push(app.context);
    const { page } = app;
    // ~3 MB: a real export repeated into many projects, given as a file.
    const one = JSON.parse(fixture('azure-devops-acl/handmade-git-recurse.json').replace(/^GET .*\n/, ''));
    const value = [];
    for (let i = 0; i < 1200; i++) {
      for (const acl of one.value) value.push({ ...acl, token: acl.token.replace(/^repoV2\/[^/]+/, `repoV2/project-${i}`) });
    }
    const big = JSON.stringify({ count: value.length, value }, null, 2);
    await page.locator(tid('file-input')).setInputFiles({ name: 'org.json', mimeType: 'application/json', buffer: Buffer.from(big) });
    await waitForReport(page, (r) => r.subjects.length === 2, 'the export judged', 60_000);
    const before = await page.evaluate(() => window.__sent.length);

    const typed = 'vso.code_manage vso.work_write';
    await page.locator(tid('paste')).pressSequentially(typed);
    await page.waitForFunction((typed) => window.__sent.at(-1) === typed, typed, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[aria-busy]')?.getAttribute('aria-busy') === 'false', null, { timeout: 60_000 });
    const r = await readReport(page);
    const sent = (await page.evaluate(() => window.__sent)).slice(before);
    console.log(`# ${typed.length} keystrokes during a ${Math.round(big.length / 1e6)} MB export: ${sent.length} jobs reached the engine`);
    assert.ok(sent.length < typed.length, `fewer jobs than keystrokes reached the engine (${sent.length} for ${typed.length} keys): older inputs were dropped while it was busy`);
    assert.equal(sent.at(-1), typed, 'the last job holds the whole typed text');
    assert.equal(await page.locator(tid('paste')).inputValue(), typed, 'every keystroke reached the paste area');
    assert.match(await page.locator('.results-bar .muted').innerText(), /paste \(/, 'the report read the paste');
    assert.equal(r.subjects.length, 3, 'the answer to the last job: the export\'s two identities and the typed token');
    assert.deepEqual(app.pageErrors, []);
  });

  it('a large pasted export becomes an input of its own and is judged off the main thread', { timeout: TEST_TIMEOUT_MS }, async () => {
    const app = await openApp(browser, server.url);
    contexts.push(app.context);
    const { page } = app;
    // ~3 MB: a real export repeated into many projects.
    // (The fixture starts with the request line, as pasted from a terminal.)
    const one = JSON.parse(fixture('azure-devops-acl/handmade-git-recurse.json').replace(/^GET .*\n/, ''));
    const value = [];
    for (let i = 0; i < 600; i++) {
      for (const acl of one.value) value.push({ ...acl, token: acl.token.replace(/^repoV2\/[^/]+/, `repoV2/project-${i}`) });
    }
    const big = JSON.stringify({ count: value.length, value }, null, 2);
    assert.ok(big.length > 1024 * 1024, `the paste is large (${big.length} bytes)`);
    // One input event, as a real paste makes (Playwright's fill types into the box).
    await page.evaluate((text) => {
      const area = document.querySelector('[data-testid="paste"]');
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }, big);
    await page.locator('.file-name', { hasText: 'pasted text' }).waitFor();
    assert.equal(await page.locator(tid('paste')).inputValue(), '', 'the paste area is emptied');
    const r = await waitForReport(page, (r) => r.subjects.length === 2, 'the large export judged', 60_000);
    // Failing first: the group (restore impossible), then the account (restore partial).
    assert.deepEqual([r.subjects[1].backup, r.subjects[1].restore], ['unknown', 'partial']);
    assert.deepEqual(app.pageErrors, []);
  });
});
