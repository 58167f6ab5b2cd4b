// Shared browser helpers for the e2e tests: Debian's Chromium through playwright-core (never a
// downloaded browser), an app-ready wait, and a poller that reads the verdicts off the page.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './server.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Per-test time limit: a hang fails fast instead of eating the CI budget. */
export const TEST_TIMEOUT_MS = 90_000;
/** How long one UI expectation may take (wasm start-up, debounced input). */
export const WAIT_MS = 15_000;

export const tid = (id) => `[data-testid="${id}"]`;

export function fixture(relPath) {
  return readFileSync(join(REPO_ROOT, 'tests', 'fixtures', relPath), 'utf8');
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/**
 * New context + page with error recording, then load `url` and wait for the app to render.
 * @returns {Promise<{context, page, pageErrors: string[], consoleErrors: string[]}>}
 */
export async function openApp(browser, url, { beforeGoto } = {}) {
  const context = await browser.newContext();
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err?.stack || err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('crash', () => pageErrors.push('page crashed'));
  if (beforeGoto) await beforeGoto({ context, page });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator(tid('paste')).waitFor({ state: 'visible' });
  return { context, page, pageErrors, consoleErrors };
}

/** What the page shows now: per subject its two verdicts, plus the diagnostics text. */
export function readReport(page) {
  return page.evaluate(() => {
    const q = (root, id) => root.querySelector(`[data-testid="${id}"]`);
    const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
    const subjects = [...document.querySelectorAll('[data-testid="subject"]')].map((s) => ({
      text: text(s).slice(0, 400),
      backup: q(s, 'backup-verdict')?.getAttribute('data-verdict') ?? null,
      restore: q(s, 'restore-verdict')?.getAttribute('data-verdict') ?? null,
      missing: text(q(s, 'missing')),
    }));
    const diag = document.querySelector('[data-testid="diagnostics"]');
    return {
      subjects,
      // Verdict elements anywhere (in case they are not nested in their subject).
      backups: [...document.querySelectorAll('[data-testid="backup-verdict"]')].map((e) => e.getAttribute('data-verdict')),
      restores: [...document.querySelectorAll('[data-testid="restore-verdict"]')].map((e) => e.getAttribute('data-verdict')),
      diagnostics: text(diag),
      diagnosticsVisible: !!diag && diag.getClientRects().length > 0,
    };
  });
}

/** Poll readReport until `ok(report)` holds; on timeout fail with what the page showed. */
export async function waitForReport(page, ok, what, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await readReport(page);
    if (ok(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the page shows:\n${JSON.stringify(last, null, 2)}`);
    }
    await page.waitForTimeout(50);
  }
}

/** Replace the paste box's text the way a paste does (one input event). */
export async function paste(page, text) {
  await page.locator(tid('paste')).fill(text);
}
