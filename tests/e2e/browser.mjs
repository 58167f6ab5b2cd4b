// Shared browser helpers for the e2e tests: Debian's Chromium through playwright-core (never a
// downloaded browser), an app-ready wait, and a poller that reads the verdicts off the page.
import assert from 'node:assert/strict';
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
 * New context (or `context`, an existing one; `contextOptions` for a new one) + page with error
 * recording, then load `url` and wait for the app to render.
 * @returns {Promise<{context, page, pageErrors: string[], consoleErrors: string[]}>}
 */
export async function openApp(browser, url, { beforeGoto, contextOptions = {}, context: given } = {}) {
  const context = given ?? (await browser.newContext(contextOptions));
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

/**
 * What the page shows now: per subject its two verdicts, plus the diagnostics text. Several
 * subjects are a summary table (failing rows first), one row each; one subject is its card.
 * `cards` are the cards on screen (one subject's, or the opened rows').
 */
export function readReport(page) {
  return page.evaluate(() => {
    const q = (root, id) => root.querySelector(`[data-testid="${id}"]`);
    const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
    const card = (s) => ({
      text: text(s).slice(0, 400),
      backup: q(s, 'backup-verdict')?.getAttribute('data-verdict') ?? null,
      restore: q(s, 'restore-verdict')?.getAttribute('data-verdict') ?? null,
      missing: text(q(s, 'missing')),
    });
    const cards = [...document.querySelectorAll('[data-testid="subject"]')].map(card);
    const rows = [...document.querySelectorAll('[data-testid="subject-row"]')].map((r) => ({
      text: text(r).slice(0, 400),
      backup: q(r, 'row-backup')?.getAttribute('data-verdict') ?? null,
      restore: q(r, 'row-restore')?.getAttribute('data-verdict') ?? null,
      missing: null,
    }));
    const diag = document.querySelector('[data-testid="diagnostics"]');
    const table = document.querySelector('[data-testid="summary"]');
    return {
      subjects: table ? rows : cards,
      cards,
      rows,
      // Verdict elements anywhere (in case they are not nested in their subject).
      backups: [...document.querySelectorAll('[data-testid="backup-verdict"], [data-testid="row-backup"]')].map((e) => e.getAttribute('data-verdict')),
      restores: [...document.querySelectorAll('[data-testid="restore-verdict"], [data-testid="row-restore"]')].map((e) => e.getAttribute('data-verdict')),
      diagnostics: text(diag),
      diagnosticsVisible: !!diag && diag.getClientRects().length > 0,
    };
  });
}

/** Open the summary table's row whose text matches `name` (a RegExp or text) and wait for its card. */
export async function openRow(page, name) {
  const row = page.locator('[data-testid="subject-row"]').filter({ hasText: name }).first();
  await row.locator('[data-testid="row-toggle"]').click();
  const index = await row.getAttribute('data-index');
  const card = page.locator(`#row-detail-${index} [data-testid="subject"]`);
  await card.waitFor();
  return card;
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

/**
 * The page's full engine (ACL exports, large inputs): the only files the page may fetch after it
 * is ready, and only from its own folder, by GET, without a query (so nothing of the input can
 * ride along). See www/engine-worker.js.
 */
export const ENGINE_FILES = /\/(engine-worker\.js|api\/permcheck\.js|api\/permcheck_bg\.wasm)$/;

/** Requests (`{url, method}`) made after ready that are not a plain GET of an engine file. */
export function notEngineLoads(requests, origin) {
  return requests.filter((r) => {
    let url;
    try {
      url = new URL(r.url, origin); // the server's log has paths
    } catch {
      return true;
    }
    const get = (r.method ?? 'GET') === 'GET';
    return !(get && url.origin === origin && url.search === '' && ENGINE_FILES.test(url.pathname));
  });
}

/** Is `url` on `origin` (data: and blob: never touch the network, so they count as on it)? */
export function sameOrigin(url, origin) {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Record every request of `context`, and abort (and record as `offOrigin`) any request to an
 * origin not in `origins`, so nothing can leave the machine even if the page tried.
 * @returns {{ all: {url: string, method: string, type: string, phase: string, failure?: string}[], offOrigin: string[], setPhase: (p: string) => void }}
 */
export async function guardRequests(context, origins) {
  const allowed = [].concat(origins);
  const log = { all: [], offOrigin: [], phase: 'load' };
  log.setPhase = (p) => {
    log.phase = p;
  };
  const entries = new Map();
  context.on('request', (req) => {
    const entry = { url: req.url(), method: req.method(), type: req.resourceType(), phase: log.phase };
    entries.set(req, entry);
    log.all.push(entry);
  });
  // A request the browser refused before the network (net::ERR_BLOCKED_BY_CSP) is still reported
  // as a request; its failure says where it stopped.
  context.on('requestfailed', (req) => {
    const entry = entries.get(req);
    if (entry) entry.failure = req.failure()?.errorText ?? 'failed';
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((o) => sameOrigin(url, o))) return route.continue();
    log.offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  return log;
}

/** Collect Content-Security-Policy violations in `window.__cspViolations` from before any script. */
export async function recordCspViolations(pageOrContext) {
  await pageOrContext.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({ blockedURI: e.blockedURI, directive: e.violatedDirective, sample: e.sample });
    });
  });
}

/** If the page registers a service worker, wait until it is active (its precache is done). */
export async function settleServiceWorker(page, graceMs = 3000) {
  await page.evaluate(async (graceMs) => {
    if (!('serviceWorker' in navigator)) return;
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg) {
        await navigator.serviceWorker.ready;
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }, graceMs);
}

/** The CSP meta of an HTML text, as { directive: [values] }, plus where it sits in <head>. */
export function parseCspMeta(html) {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
  assert.equal(metas.length, 1, `exactly one CSP meta (found ${metas.length})`);
  const policy = {};
  for (const part of metas[0][1].split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) policy[name.toLowerCase()] = values;
  }
  return { policy, raw: metas[0][1], index: metas[0].index };
}
