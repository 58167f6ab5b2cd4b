// The page's layout and focus as a tester met them at 1280 and 390 px: the what-if table's
// badges each visible under their own header (stacked and labelled on a phone), no example that
// makes the page scroll sideways, the phone's verdict bar never over the focused control, and
// focus never dropped to <body> when the button that had it goes away. Each failed on the page
// before this change.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, WAIT_MS, launchBrowser, openApp, paste, tid } from './browser.mjs';

/** A `_apis/tokens/pats` list of `n` read-only tokens. */
function patList(n) {
  const patTokens = Array.from({ length: n }, (_, i) => ({
    displayName: `backup-token-${String(i).padStart(4, '0')}`,
    validTo: '2027-06-01T00:00:00Z',
    scope: i % 2 ? 'vso.code vso.work' : 'vso.code_write vso.work_write',
    targetAccounts: null,
    validFrom: '2026-11-01T10:00:00Z',
    authorizationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    token: null,
  }));
  return JSON.stringify({ patTokens, continuationToken: '' }, null, 2);
}

/** Load an example by the menu and wait until its result is on screen (not the previous one's). */
async function loadExample(page, id) {
  await page.locator(tid('example-select')).selectOption(id);
  await page.waitForFunction(
    (id) => {
      const select = document.querySelector('#example-select');
      const heading = document.querySelector('#result-heading');
      return select?.value === id && heading && !document.querySelector('.busy') && !document.querySelector('.stale');
    },
    id,
    { timeout: WAIT_MS },
  );
}

const activeId = (page) => page.evaluate(() => (document.activeElement === document.body ? 'BODY' : document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || document.activeElement?.tagName));

describe('layout and focus', { timeout: TEST_TIMEOUT_MS * 8 }, () => {
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

  async function open(width) {
    const app = await openApp(browser, server.url, { contextOptions: { viewport: { width, height: width < 500 ? 844 : 900 } } });
    contexts.push(app.context);
    return app;
  }

  for (const width of [1280, 390]) {
    it(`the what-if table at ${width} px: every badge visible, apart, in its own column, labelled`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const { page, pageErrors } = await open(width);
      await loadExample(page, 'ado-acl-git');
      await page.locator(tid('what-if')).waitFor();
      const m = await page.evaluate(() => {
        const box = (e) => {
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
        };
        const section = document.querySelector('[data-testid="what-if"]');
        const table = section.querySelector('table');
        const headers = [...table.querySelectorAll('thead th')];
        const cells = [...table.querySelectorAll('tbody td[data-label]')].map((td) => ({
          label: td.getAttribute('data-label'),
          before: getComputedStyle(td, '::before').content,
          header: headers[td.cellIndex] && getComputedStyle(headers[td.cellIndex]).display !== 'none' ? { text: headers[td.cellIndex].textContent, ...box(headers[td.cellIndex]) } : null,
          td: box(td),
          ops: [...td.querySelectorAll('.wi-op')].map((op) => ({
            name: op.querySelector('.wi-op-name').textContent,
            nameVisible: op.querySelector('.wi-op-name').getClientRects().length > 0,
            badge: box(op.querySelector('[data-testid="what-if-verdict"]')),
          })),
        }));
        // A group name broken inside a word: one of its words on two lines.
        const brokenWords = [];
        for (const th of table.querySelectorAll('tbody th')) {
          const text = th.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE) continue;
          for (const m of text.textContent.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            if (range.getClientRects().length > 1) brokenWords.push(m[0]);
          }
        }
        const reasons = [...section.querySelectorAll('.reason')].map((r) => ({ text: r.textContent, ...box(r) }));
        return {
          categories: headers.length - 1,
          table: box(table),
          section: box(section),
          sectionOverflow: section.scrollWidth - section.clientWidth,
          cells,
          brokenWords,
          reasons,
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        };
      });
      assert.ok(m.scrollWidth <= m.innerWidth, `no sideways page scroll (${m.scrollWidth} > ${m.innerWidth})`);
      assert.ok(m.sectionOverflow <= 0, `nothing overflows the what-if card (${m.sectionOverflow}px)`);
      // The categories some group's defaults decide (a column all unknown is left out).
      assert.ok(m.categories >= 4, `at least four categories (${m.categories})`);
      assert.equal(m.cells.length, 4 * m.categories, 'four groups by every category shown');
      const badges = m.cells.flatMap((c) => c.ops.map((o) => ({ ...o.badge, what: `${c.label} ${o.name}` })));
      assert.equal(badges.length, 2 * m.cells.length, 'a backup and a restore badge per cell');
      const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
      for (const b of badges) {
        assert.ok(b.width > 0 && b.height > 0, `${b.what}: visible`);
        assert.ok(inside(b, m.table), `${b.what}: inside the table ${JSON.stringify(b)} ${JSON.stringify(m.table)}`);
        assert.ok(inside(b, m.section), `${b.what}: not clipped by the card`);
      }
      for (let i = 0; i < badges.length; i++) {
        for (let j = i + 1; j < badges.length; j++) {
          const a = badges[i];
          const b = badges[j];
          const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
          assert.ok(!overlap, `badges ${a.what} and ${b.what} overlap`);
        }
      }
      for (const c of m.cells) {
        assert.deepEqual(c.ops.map((o) => o.name), ['Backup', 'Restore'], `${c.label}: each badge says which it is`);
        assert.ok(c.ops.every((o) => o.nameVisible), `${c.label}: the op names are shown`);
        for (const o of c.ops) assert.ok(inside(o.badge, c.td), `${c.label} ${o.name}: the badge stays in its cell`);
        if (width === 1280) {
          // Side by side: each badge is under its own column's header.
          assert.ok(c.header, `${c.label}: a header above the column`);
          assert.equal(c.header.text, c.label);
          for (const o of c.ops) {
            assert.ok(o.badge.left >= c.header.left - 0.5 && o.badge.right <= c.header.right + 0.5, `${c.label} ${o.name}: under its header`);
          }
        } else {
          // Stacked: the header row is gone, so each cell names its category.
          assert.equal(c.before, `"${c.label}"`, `a stacked cell names its category (${c.before})`);
        }
      }
      assert.deepEqual(m.brokenWords, [], 'no group name is broken inside a word');
      assert.ok(m.reasons.length >= 3, 'what each group lacks is shown');
      for (const r of m.reasons) {
        assert.ok(r.right <= m.section.right + 0.5 && r.height > 0, `"${r.text.slice(0, 40)}…" is not cut off`);
      }
      assert.match(m.reasons[0].text, /^Readers lacks Create repository/);
      assert.deepEqual(pageErrors, []);
    });
  }

  it('no example makes the page scroll sideways at 390 px, with its first row opened', { timeout: TEST_TIMEOUT_MS * 3 }, async () => {
    const { page, pageErrors } = await open(390);
    const ids = await page.$$eval('#example-select option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(ids.length > 20, `the examples (${ids.length})`);
    const wide = [];
    for (const id of ids) {
      await loadExample(page, id);
      const toggle = page.locator(tid('row-toggle')).first();
      if (await toggle.count()) {
        await toggle.click();
        await page.locator('.row-detail [data-testid="subject"], .row-detail .notice').first().waitFor();
      }
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > 390) wide.push(`${id}: ${scrollWidth}px`);
    }
    assert.deepEqual(wide, [], 'examples wider than the screen');
    assert.deepEqual(pageErrors, []);
  });

  it('the verdict bar at the bottom of a phone never covers the focused control', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page, pageErrors } = await open(390);
    await page.locator(tid('paste')).focus();
    await page.keyboard.insertText('repo workflow read:org');
    const bar = page.locator(tid('sticky-verdict'));
    await bar.waitFor();
    const seen = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      await page.waitForTimeout(100);
      const r = await page.evaluate(() => {
        const a = document.activeElement;
        const barEl = document.querySelector('[data-testid="sticky-verdict"]');
        if (!a || a === document.body || a === barEl) return null;
        const b = a.getBoundingClientRect();
        const bar = barEl.getBoundingClientRect();
        return { what: a.id || a.getAttribute('data-testid') || a.tagName, top: b.top, bottom: b.bottom, barTop: bar.top, barBottom: bar.bottom, vh: window.innerHeight };
      });
      if (!r) continue;
      seen.push(r.what);
      if (r.top >= r.vh || r.bottom <= 0) continue; // not on screen at all: nothing to cover
      const covered = r.bottom > r.barTop + 0.5 && r.top < r.barBottom - 0.5;
      assert.ok(!covered, `${r.what} (${Math.round(r.top)}–${Math.round(r.bottom)}) is under the verdict bar (${Math.round(r.barTop)}–${Math.round(r.barBottom)})`);
    }
    assert.ok(seen.includes('platform-select') || seen.some((s) => /platform/i.test(s)), `Tab reached the Platform select: ${seen}`);
    assert.deepEqual(pageErrors, []);
  });

  it('focus goes back to the paste area after Keep my text and Undo, and to the first new row after Show more', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page, pageErrors } = await open(1280);
    await paste(page, 'vso.code vso.work');
    await page.locator(tid('example-select')).selectOption('bb-403');
    const confirm = page.locator(tid('confirm-example'));
    await confirm.waitFor();
    await confirm.locator(tid('confirm-keep')).focus();
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await activeId(page), 'paste', 'Keep my text: focus in the paste area');

    await page.locator(tid('example-select')).selectOption('bb-403');
    await confirm.locator(tid('confirm-replace')).focus();
    await page.keyboard.press('Enter');
    const undo = page.locator(tid('undo'));
    await undo.focus();
    await page.keyboard.press('Enter');
    await undo.waitFor({ state: 'detached' });
    assert.equal(await page.locator(tid('paste')).inputValue(), 'vso.code vso.work');
    assert.equal(await activeId(page), 'paste', 'Undo: focus in the paste area');

    await paste(page, patList(120));
    const rows = page.locator(tid('subject-row'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="subject-row"]').length === 50, null, { timeout: WAIT_MS });
    const more = page.locator(tid('show-more'));
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="subject-row"]').length === 120, null, { timeout: WAIT_MS });
    assert.equal(await more.count(), 0, 'every row shown: Show more is gone');
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      return { testid: a?.getAttribute('data-testid'), row: a?.closest('[data-testid="subject-row"]')?.getAttribute('data-index') };
    });
    const fifty = await rows.nth(50).getAttribute('data-index');
    assert.deepEqual(focused, { testid: 'row-toggle', row: fifty }, 'focus on the first newly shown row');
    assert.deepEqual(pageErrors, []);
  });
});
