// Each platform's own output pasted into the page: GitHub's `gh auth status` gives a GitHub
// verdict and no Bitbucket card (the word `account` in its prose is no scope); GitLab's token
// JSON and a refused push; Bitbucket Data Center's token list. The page shows what the engine
// judged, platform by platform.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_TIMEOUT_MS, fixture, launchBrowser, openApp, paste, waitForReport } from './browser.mjs';

const GH_AUTH_STATUS = `$ gh auth status
github.com
  ✓ Logged in to github.com account octocat (keyring)
  - Active account: true
  - Git operations protocol: https
  - Token: gho_************************************
  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'
`;

const GITHUB_CURL = `$ curl -sI -H "Authorization: Bearer $TOKEN" https://api.github.com/user
HTTP/2 200
server: GitHub.com
content-type: application/json; charset=utf-8
x-oauth-scopes: admin:org, delete_repo, repo, user, workflow
x-accepted-oauth-scopes:
x-github-media-type: github.v3; format=json
x-github-request-id: C1A4:2C3B:1D2E3F:1E2F30:6758A1B2
`;

describe('each platform in the page', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
  let server;
  let browser;
  let app;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    app = await openApp(browser, server.url);
  });

  after(async () => {
    await app?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('GitHub: gh auth status and a curl -i response are GitHub tokens, never Bitbucket', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page } = app;
    for (const [text, what] of [
      [GH_AUTH_STATUS, 'gh auth status'],
      [GITHUB_CURL, 'curl -i with x-oauth-scopes'],
    ]) {
      await paste(page, text);
      const r = await waitForReport(
        page,
        (r) => r.subjects.length === 1 && r.subjects[0].backup !== null && /GitHub/.test(r.subjects[0].text),
        `${what}: one GitHub subject`,
      );
      assert.doesNotMatch(r.subjects[0].text, /Bitbucket/, `${what}: no Bitbucket card`);
      assert.notEqual(r.subjects[0].backup, 'impossible', `${what}: repo backs up`);
    }
    assert.deepEqual(app.pageErrors, [], 'no page errors');
  });

  it('GitLab: a token list and a refused push', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page } = app;
    await paste(page, fixture('gitlab/gitlab-personal-access-tokens-list.response.json'));
    let r = await waitForReport(
      page,
      (r) => r.subjects.length === 1 && /GitLab/.test(r.subjects[0].text) && r.subjects[0].backup === 'possible',
      'a GitLab token with api: backup possible',
    );
    await paste(page, fixture('gitlab/gitlab-git-push-https-403-not-allowed-to-push-code-rht-labs-342.txt'));
    r = await waitForReport(
      page,
      (r) => r.subjects.length === 1 && r.subjects[0].restore === 'impossible',
      'a refused push: restore impossible',
    );
    assert.match(r.subjects[0].text, /GitLab/);
    assert.deepEqual(app.pageErrors, [], 'no page errors');
  });

  it('Bitbucket Data Center: a token list, one verdict per token', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page } = app;
    await paste(page, fixture('bitbucket-data-center/handmade-personal-tokens-list.json'));
    const r = await waitForReport(
      page,
      (r) => r.subjects.length === 2 && r.subjects.every((s) => /Bitbucket Data Center/.test(s.text)),
      'two Bitbucket Data Center tokens',
    );
    assert.ok(r.subjects.some((s) => s.backup === 'impossible'), 'the token without permissions can do nothing');
    assert.ok(r.subjects.every((s) => !/Bitbucket Cloud/.test(s.text)), 'never a Cloud card');
    assert.deepEqual(app.pageErrors, [], 'no page errors');
  });
});
