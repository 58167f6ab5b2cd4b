// ACL exports in the page: judged by the full engine in a worker (off the main thread), with the
// same verdicts as the CLI, an identity picker when an export holds several identities, and the
// explorer (namespace → token tree → bits with the entry that decided each). The worker loads
// only this origin's engine files, and only when an input needs them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REPO_ROOT, startServer } from './server.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_TIMEOUT_MS, fixture, guardRequests, launchBrowser, openApp, paste, tid, waitForReport } from './browser.mjs';

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
    log.setPhase('after-load');
    const beforePaste = log.all.length;

    await paste(page, fixture('azure-devops-acl/handmade-git-recurse.json'));
    const r = await waitForReport(page, (r) => r.subjects.length === 2, 'two ACL subjects from the worker');
    // The same verdicts as `permcheck check` gives for this file (tests/acl.rs).
    assert.match(r.subjects[0].text, /backup@contoso\.com/);
    assert.deepEqual([r.subjects[0].backup, r.subjects[0].restore], ['unknown', 'partial']);
    assert.deepEqual([r.subjects[1].backup, r.subjects[1].restore], ['unknown', 'impossible']);
    const firstCard = await page.locator(tid('subject')).first().textContent();
    assert.match(firstCard, /az devops security permission update/, 'the fix is a ready az command');
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
    const warnings = await page.locator(tid('warnings')).first().innerText();
    assert.match(warnings, /#!\/usr\/bin\/env bash/, 'the bash script');
    assert.match(warnings, /\$Subject = '/, 'the PowerShell script');

    // The engine came from this origin's own files, fetched by GET without any query or body.
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

    // Identity picker: pick the group; only its card shows, with the explorer.
    const picker = page.locator(tid('identity-picker'));
    await picker.waitFor();
    const options = await picker.locator('option').allTextContents();
    assert.equal(options.length, 3, `all + two identities: ${options}`);
    await picker.selectOption({ index: 1 });
    await waitForReport(page, (r) => r.subjects.length === 1 && /backup@contoso/.test(r.subjects[0].text), 'only the picked identity');

    await page.locator(tid('explore')).click();
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
    const full = await page.locator(tid('subject')).filter({ hasText: 'Backup Operators' }).innerText();
    assert.ok(full.includes(`--subject ${graph}`), 'the commands use the looked-up graph descriptor');
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
    assert.deepEqual([r.subjects[0].backup, r.subjects[0].restore], ['unknown', 'partial']);
    assert.deepEqual(app.pageErrors, []);
  });
});
