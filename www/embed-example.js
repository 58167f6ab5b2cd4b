// The code of embed-example.html (its CSP allows no inline script). Both parts are the snippets
// shown on that page, plus only what it takes to display the result.
import init, { evaluate } from './api/permcheck.js';

// (a) Size the iframe from the page's {type: "permcheck:resize", height} messages: only from the
// iframe's origin and window, height clamped.
const frame = document.getElementById('permcheck-frame'), from = new URL(frame.src).origin;
addEventListener('message', (e) => {
  if (e.origin !== from || e.source !== frame.contentWindow || e.data?.type !== 'permcheck:resize') return;
  frame.height = String(Math.min(Math.max(Math.round(Number(e.data.height)) || 0, 200), 5000));
});

// (b) The JS API.
const out = document.getElementById('api-result');
try {
  await init();
  const report = evaluate('vso.code vso.work', { platform: 'azure-devops-services' });
  const list = document.createElement('ul');
  for (const s of report.subjects) {
    for (const [op, testid] of [['backup', 'api-backup'], ['restore', 'api-restore']]) {
      const item = document.createElement('li');
      item.dataset.testid = testid;
      item.dataset.verdict = s[op].verdict;
      const head = document.createElement('strong');
      head.textContent = `${s.label}: ${op} ${s[op].verdict}. `;
      item.append(head, s[op].summary);
      list.append(item);
    }
  }
  if (report.subjects.length === 0) list.textContent = 'No subject: see report.diagnostics.';
  out.replaceChildren(list);
} catch (err) {
  out.textContent = `The JS API failed to load: ${err}`;
  out.dataset.error = 'true';
}
