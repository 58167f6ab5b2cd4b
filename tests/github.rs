//! GitHub: every real sample of `shared/reference/platform-samples.md` §1 gives the conclusion
//! its row states (or a better argued one, said beside it), one test per refusal, `gh auth
//! status` in its styles, and the attribution rule (a GitHub text never yields a Bitbucket
//! subject; no text yields subjects of two platforms for one credential) as properties.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
mod common;
use common::*;
use permcheck::report::{Severity, Subject};
use permcheck::{check, Credential, Input, Options, Platform, Report, Verdict, Verdict::*};
use proptest::prelude::*;

/// A fixed "today" (2026-11-30), so expiry dates judge the same on every run.
fn today() -> Options {
    Options {
        now: permcheck::evidence::parse_timestamp("2026-11-30T12:00:00Z"),
        ..Options::default()
    }
}

fn judge(text: &str) -> Report {
    check(&[Input::new("paste", text)], &today())
}

fn github(path: &str) -> Report {
    judge(&fixture(&format!("github/{path}")))
}

/// A fetched snapshot, read from ../shared (never copied into the repository).
fn snapshot(name: &str) -> Option<Report> {
    shared_sample("github", name).map(|text| judge(&text))
}

fn finding_ids(subject: &Subject) -> Vec<&str> {
    subject.findings.iter().map(|f| f.id.as_str()).collect()
}

fn granted_ids(subject: &Subject) -> Vec<&str> {
    subject.granted.iter().map(|g| g.id.as_str()).collect()
}

fn warning_ids(subject: &Subject) -> Vec<&str> {
    subject.warnings.iter().map(|w| w.id.as_str()).collect()
}

fn missing_ids(subject: &Subject) -> Vec<&str> {
    subject.missing.iter().map(|m| m.id.as_str()).collect()
}

/// Every subject is GitHub's; none is Bitbucket's or undecided.
fn all_github(report: &Report) {
    assert!(!report.subjects.is_empty(), "{report:#?}");
    for s in &report.subjects {
        assert_eq!(s.platform, Some(Platform::Github), "{}", s.label);
    }
}

fn no_errors(report: &Report) {
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

// ---------------------------------------------------------------------------------------------
// Issue 12's "Why": what went wrong before GitHub was judged.

#[test]
fn gh_auth_status_is_github_and_never_bitbucket() {
    let report = github("handmade-gh-auth-status-issue-12.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(
        s.credential,
        Credential::Oauth,
        "gho_ is an OAuth app token"
    );
    assert!(
        s.label.contains("octocat") && s.label.contains("github.com"),
        "{}",
        s.label
    );
    assert_eq!(granted_ids(s), vec!["gist", "read:org", "repo", "workflow"]);
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    // Xopero ONE's minimum (repo + workflow) is there: what is left out is optional metadata.
    assert_eq!(verdicts(s), (Partial, Partial));
    assert!(
        !s.restore.summary.contains("back up but not restore"),
        "{}",
        s.restore.summary
    );
}

#[test]
fn a_github_curl_response_is_github_though_bitbucket_names_the_header_alike() {
    let report = github("handmade-curl-i-github-issue-12.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(
        granted_ids(s),
        vec!["admin:org", "delete_repo", "repo", "user", "workflow"]
    );
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    assert_eq!(category(s, "collaborators"), (Possible, Possible));
    let excess: Vec<&str> = s.excess.iter().map(|e| e.id.as_str()).collect();
    assert!(excess.contains(&"delete_repo"), "{excess:?}");
    assert!(excess.contains(&"user"), "{excess:?}");
}

// ---------------------------------------------------------------------------------------------
// platform-samples.md §1, row by row.

/// Row 1: `gist, read:org, repo, workflow` → backup ✅ restore ✅ on the scopes side. Better
/// argued: the repositories are ✅/✅; projects and team discussions need the optional scopes
/// Xopero ONE lists (read:project/project, read:discussion), so the verdict is partial, with the
/// role, SSO and OAuth-app gates as warnings.
#[test]
fn row_1_gh_auth_status_oauth_token() {
    let report = github("github-gh-auth-status-oauth-gist-readorg-repo-workflow-skillwatch.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Oauth);
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    assert_eq!(verdicts(s), (Partial, Partial));
    let missing = missing_ids(s);
    assert!(
        missing.contains(&"read:project") && missing.contains(&"read:discussion"),
        "{missing:?}"
    );
    let warnings = warning_ids(s);
    for id in [
        "github-role-unknown",
        "github-saml-sso-authorize",
        "github-oauth-app-restrictions",
        "github-secrets-not-restorable",
    ] {
        assert!(warnings.contains(&id), "{id}: {warnings:?}");
    }
    assert_eq!(report.inputs[0].format, "github-gh-auth-status");
}

/// Row 3: a recorded GET /repos/{o}/{r}: X-OAuth-Scopes (full admin set with repo, workflow) and
/// the caller's `permissions` (admin: a role, not a grant).
#[test]
fn row_3_recorded_get_repository() {
    let Some(report) =
        snapshot("github-get-repo-permissions-x-accepted-oauth-scopes-repo-octokit-fixtures.json")
    else {
        return;
    };
    all_github(&report);
    let s = only(&report);
    let granted = granted_ids(s);
    assert!(
        granted.contains(&"repo") && granted.contains(&"workflow"),
        "{granted:?}"
    );
    assert!(
        granted.contains(&"permissions.admin"),
        "the caller's role: {granted:?}"
    );
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    // The Admin role decides webhooks and settings: both can be restored.
    assert_eq!(category(s, "webhooks"), (Possible, Possible));
    assert_eq!(category(s, "settings"), (Possible, Possible));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.id == "endpoint-accepts-is-not-granted" && w.message.contains("repo")));
    assert!(!warning_ids(s).contains(&"github-role-unknown"));
    assert_eq!(report.inputs[0].format, "github-recorded-exchange");
}

/// Row 4: POST /orgs/{org}/repos → 201 accepts `public_repo` or `repo`; the 201 proves the
/// account may create repositories in the organization.
#[test]
fn row_4_recorded_create_organization_repository() {
    let Some(report) = snapshot(
        "github-create-org-repo-x-accepted-oauth-scopes-public_repo-repo-octokit-fixtures.json",
    ) else {
        return;
    };
    all_github(&report);
    let s = only(&report);
    assert!(finding_ids(s).contains(&"github-repository-created"));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.message.contains("public_repo, repo")));
    assert_eq!(category(s, "repositories"), (Possible, Possible));
}

/// Row 5: a classic token without `workflow`: restore ❌; backup is not shown by a push log, so
/// it is unknown (what to paste is said), not ✅.
#[test]
fn row_5_push_refused_without_workflow_scope() {
    let Some(report) = snapshot("github-push-refused-workflow-scope-pat-categraf-34.txt") else {
        return;
    };
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Pat);
    assert_eq!(finding_ids(s), vec!["github-workflow-scope-missing"]);
    assert_eq!(verdicts(s), (Unknown, Impossible));
    assert_eq!(category(s, "repositories").1, Impossible);
    assert!(
        s.backup.summary.contains("gh auth status"),
        "{}",
        s.backup.summary
    );
}

/// Row 7: the same refusal indented inside an Actions log; the log's other lines are context.
#[test]
fn row_7_push_refused_inside_an_actions_log() {
    let report =
        github("github-push-refused-workflow-scope-in-actions-create-pull-request-datachef-29.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(finding_ids(s), vec!["github-workflow-scope-missing"]);
    assert_eq!(s.restore.verdict, Impossible);
    assert!(s.findings[0]
        .proves
        .contains(".github/workflows/release.yml"));
    assert_eq!(s.findings[0].line, 13, "the refusal's own line");
}

/// Row 8: a fine-grained token's 403 with `X-Accepted-GitHub-Permissions: contents=write;
/// contents=write,workflows=write`. Restore ❌ (the token lacks contents:write: every accepted
/// set needs it). Better argued: backup is unknown, not ✅ — "can read refs" is the author's
/// prose, not evidence of contents:read.
#[test]
fn row_8_fine_grained_403_with_accepted_permissions() {
    let report =
        github("github-fgpat-403-x-accepted-github-permissions-contents-or-workflows-kortana.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::FineGrainedPat);
    assert_eq!(verdicts(s), (Unknown, Impossible));
    let refusal = &s.findings[0];
    assert_eq!(refusal.id, "github-fine-grained-permission-missing");
    assert!(
        refusal.proves.contains("contents:write"),
        "{}",
        refusal.proves
    );
    assert_eq!(category(s, "repositories"), (Unknown, Impossible));
    assert_eq!(category(s, "releases"), (Unknown, Impossible));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.id == "endpoint-accepts-is-not-granted" && w.message.contains("either")));
}

/// Row 10: the token page's "Read & Write on actions, code, issues, pull requests, and
/// workflows" (no Administration) and a 404 on a known repository: the token cannot see it, so
/// backup ❌ until fixed; restore ❌ (and creating repositories needs Administration anyway).
#[test]
fn row_10_fine_grained_token_page_and_404() {
    let report = github("github-fgpat-404-org-repos-all-repositories-cli-13350.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::FineGrainedPat);
    assert_eq!(
        granted_ids(s),
        vec![
            "actions:write",
            "contents:write",
            "issues:write",
            "pull_requests:write",
            "workflows:write"
        ]
    );
    assert_eq!(finding_ids(s), vec!["github-not-found"]);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(missing_ids(s).contains(&"administration:write"));
    assert!(s.findings[0].cannot_tell.contains("exists"));
}

/// Row 11: GraphQL refuses a fine-grained token (github.com before 2023-04, GHES < 3.10).
#[test]
fn row_11_graphql_refuses_fine_grained_tokens() {
    let report = github("github-fgpat-graphql-401-not-supported-secrets-sync-80.txt");
    all_github(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::FineGrainedPat);
    assert_eq!(finding_ids(s), vec!["github-graphql-fine-grained"]);
    assert_eq!(s.backup.verdict, Impossible);
}

/// Row 12: the organization's lifetime policy refuses every call.
#[test]
fn row_12_fine_grained_lifetime_policy() {
    let report = github("github-fgpat-lifetime-policy-403-nixos-org-247.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(finding_ids(s), vec!["github-fine-grained-lifetime-policy"]);
    assert!(s.findings[0].proves.contains("NixOS") && s.findings[0].proves.contains("90 days"));
    assert_eq!(verdicts(s), (Impossible, Impossible));
}

/// Row 13: the organization forbids fine-grained tokens.
#[test]
fn row_13_fine_grained_tokens_forbidden() {
    let Some(report) = snapshot("github-api-403-fine-grained-pat-forbidden-by-org-hub-3363.txt")
    else {
        return;
    };
    all_github(&report);
    let s = only(&report);
    assert_eq!(finding_ids(s), vec!["github-fine-grained-pat-forbidden"]);
    assert!(s.findings[0].proves.contains("AikidoSec"));
    assert_eq!(verdicts(s), (Impossible, Impossible));
}

/// Row 15: OAuth app access restrictions.
#[test]
fn row_15_oauth_app_access_restrictions() {
    let report = github("github-oauth-app-access-restriction-403-gitbutler-8594.json");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Oauth);
    assert_eq!(finding_ids(s), vec!["github-oauth-app-restricted"]);
    assert!(s.findings[0].proves.contains("unit-mesh"));
    assert!(s.findings[0].action.contains("OAuth application policy"));
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert_eq!(report.inputs[0].format, "github-error-body");
}

/// Row 16: SAML SSO enforcement (JSON 403), a classic token.
#[test]
fn row_16_saml_enforcement_json() {
    let report = github("github-saml-sso-403-json-octokit-create-pr-67.json");
    all_github(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Pat);
    assert_eq!(finding_ids(s), vec!["github-saml-sso"]);
    assert!(s.findings[0].action.contains("Configure SSO"));
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(!warning_ids(s).contains(&"github-saml-sso-authorize"));
}

/// Row 18: SAML SSO on the git leg: the OAuth app must be re-authorized.
#[test]
fn row_18_saml_enforcement_on_git() {
    let report = github("github-saml-sso-git-clone-403-oauth-app-reauthorize-moj-4904.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Oauth);
    assert_eq!(finding_ids(s), vec!["github-saml-sso-git"]);
    assert!(s.findings[0].proves.contains("GitHub CLI"));
    assert_eq!(verdicts(s), (Impossible, Impossible));
}

/// Row 19: "Write access to repository not granted" on a clone: backup ❌, and the advice is
/// Contents: Read, not write.
#[test]
fn row_19_clone_refused_write_access_not_granted() {
    let report = github("github-git-clone-403-write-access-not-granted-fgpat-komodo-1482.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(finding_ids(s), vec!["github-git-access-not-granted"]);
    assert!(s.findings[0]
        .action
        .contains("Contents: Read-only for backup"));
    assert_eq!(s.backup.verdict, Impossible);
    // The token in the clone URL is a placeholder, and nothing of it is echoed anyway.
    assert!(report
        .diagnostics
        .iter()
        .all(|d| !d.message.contains("<TOKEN>")));
}

/// Row 20: "Resource not accessible by integration" on GET /user: not a permission problem.
#[test]
fn row_20_integration_refused_a_user_endpoint() {
    let report = github(
        "github-app-installation-token-403-resource-not-accessible-by-integration-create-github-app-token-258.txt",
    );
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::AppInstallationToken);
    assert_eq!(finding_ids(s), vec!["github-app-endpoint-not-available"]);
    // It proves nothing fails: what the App may do is unknown until its permissions are pasted.
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(s
        .backup
        .summary
        .contains("gh api /orgs/{org}/installations"));
}

/// Row 21: an installation token response the reporter cut with `...` (not valid JSON): read,
/// said so, and nothing judged from the part shown.
#[test]
fn row_21_installation_token_cut_with_ellipses() {
    let report = github("github-app-installation-token-response-permissions-go-github-3956.json");
    all_github(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::AppInstallationToken);
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(s.granted.is_empty());
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("not valid JSON") && m.contains("`...`")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("organization_copilot_metrics:read")),
        "what was shown is listed: {messages:?}"
    );
    // The one-hour expiry of 2026-01-26 is not a blocker: the tool mints new tokens.
    assert!(s.expires.is_none());
    assert_eq!(report.inputs[0].format, "github-app-installation-token");
}

// ---------------------------------------------------------------------------------------------
// The other GitHub samples.

#[test]
fn non_normalized_scopes_are_read_and_workflow_is_missing() {
    let report = github("github-x-oauth-scopes-hub4j-303.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(
        granted_ids(s),
        vec![
            "admin:repo_hook",
            "repo:status",
            "repo",
            "user:email",
            "read:org"
        ]
    );
    assert_eq!(category(s, "repositories"), (Possible, Impossible));
    assert!(missing_ids(s).contains(&"workflow"));
    // Not excess: repo:status sits below repo, read:org is something Xopero ONE asks for.
    let excess: Vec<&str> = s.excess.iter().map(|e| e.id.as_str()).collect();
    assert!(
        !excess.contains(&"repo:status") && !excess.contains(&"read:org"),
        "{excess:?}"
    );
}

#[test]
fn enterprise_server_headers_name_the_host_and_the_oauth_app() {
    let report = github("github-x-oauth-scopes-ghes-2.22-cli-2155.txt");
    all_github(&report);
    no_errors(&report);
    assert_eq!(report.subjects.len(), 2, "{:#?}", report.subjects);
    let oauth = &report.subjects[0];
    assert_eq!(oauth.credential, Credential::Oauth, "x-oauth-client-id");
    assert!(
        oauth.label.contains("GitHub Enterprise Server 2.22.0"),
        "{}",
        oauth.label
    );
    assert_eq!(granted_ids(oauth), vec!["gist", "read:org", "repo"]);
    assert!(warning_ids(oauth).contains(&"github-enterprise-server-pat"));
    let pat = &report.subjects[1];
    assert_eq!(granted_ids(pat), vec!["read:org", "repo"]);
    assert_eq!(pat.credential, Credential::Token);
}

#[test]
fn sso_required_header_and_body() {
    let report = github("github-x-github-sso-403.txt");
    all_github(&report);
    let s = only(&report);
    assert_eq!(
        finding_ids(s),
        vec!["github-sso-required", "github-saml-sso"]
    );
    assert!(s.findings[0].action.contains("authorization_request"));
    assert_eq!(verdicts(s), (Impossible, Impossible));
}

#[test]
fn sso_partial_results_header() {
    let report = github("github-x-github-sso-partial-results.txt");
    all_github(&report);
    let s = only(&report);
    assert_eq!(finding_ids(s), vec!["github-sso-partial-results"]);
    assert!(s.findings[0].proves.contains("21955855"));
}

#[test]
fn the_organizations_fine_grained_token_list() {
    let report = github("github-orgs-personal-access-tokens-list.response.json");
    all_github(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::FineGrainedPat);
    assert!(s.label.contains("Some Token"), "{}", s.label);
    assert_eq!(granted_ids(s), vec!["metadata:read", "members:read"]);
    // token_expires_at 2023-11-16: expired.
    assert!(s.expires.as_ref().is_some_and(|e| e.expired));
    assert_eq!(verdicts(s), (Impossible, Impossible));
}

#[test]
fn accepted_permissions_alone_are_not_grants() {
    let report = github("github-x-accepted-github-permissions-example.txt");
    all_github(&report);
    let s = only(&report);
    assert!(s.granted.is_empty());
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.message.contains("repository_projects=write")));
}

// ---------------------------------------------------------------------------------------------
// `gh auth status` in its styles.

#[test]
fn gh_auth_status_with_hosts_accounts_and_failures() {
    let report = github("handmade-gh-auth-status-hosts-and-accounts.txt");
    all_github(&report);
    no_errors(&report);
    assert_eq!(report.subjects.len(), 4, "{:#?}", report.subjects);
    let [classic, fine, enterprise, failed] = report.subjects.as_slice() else {
        unreachable!()
    };
    assert_eq!(classic.credential, Credential::Pat);
    assert_eq!(granted_ids(classic), vec!["read:org", "repo"]);
    assert_eq!(category(classic, "repositories"), (Possible, Impossible));
    assert_eq!(fine.credential, Credential::FineGrainedPat);
    assert!(fine.label.contains("inactive"), "{}", fine.label);
    assert_eq!(verdicts(fine), (Unknown, Unknown));
    assert!(
        fine.backup.summary.contains("Fine-grained tokens"),
        "{}",
        fine.backup.summary
    );
    assert!(enterprise.label.contains("ghe.example.com"));
    assert!(warning_ids(enterprise).contains(&"github-enterprise-server-pat"));
    assert!(enterprise.excess.iter().any(|e| e.id == "site_admin"));
    assert_eq!(verdicts(failed), (Impossible, Impossible));
    assert!(failed.backup.summary.contains("revoked or inactive"));
}

#[test]
fn gh_auth_status_before_2_40() {
    let report = github("handmade-gh-auth-status-before-2.40.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert!(s.label.contains("hubot"));
    assert_eq!(granted_ids(s), vec!["gist", "read:org", "repo"]);
    assert_eq!(
        s.credential,
        Credential::Token,
        "a masked token tells no kind"
    );
}

#[test]
fn gh_auth_status_scopes_none() {
    // gh prints "none" for a classic token whose X-OAuth-Scopes is empty.
    let classic = judge("github.com\n  ✓ Logged in to github.com account tess (GH_TOKEN)\n  - Active account: true\n  - Token: gho_******\n  - Token scopes: none\n");
    let s = only(&classic);
    assert_eq!(finding_ids(s), vec!["github-no-scopes"]);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(missing_ids(s).contains(&"repo") && missing_ids(s).contains(&"workflow"));
    // An older gh printed "X Token scopes: none" for tokens it could not read scopes of.
    let masked = judge("github.com\n  ✓ Logged in to github.com as tess (oauth_token)\n  ✓ Token: *******************\n  X Token scopes: none\n");
    let s = only(&masked);
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(s.backup.summary.contains("classic token with no scope"));
    // A fine-grained token: gh prints no scope line at all.
    let fine = judge("github.com\n  ✓ Logged in to github.com account monalisa (keyring)\n  - Active account: true\n  - Git operations protocol: https\n  - Token: github_pat_******\n");
    let s = only(&fine);
    assert_eq!(s.credential, Credential::FineGrainedPat);
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(s.backup.summary.contains("Settings › Developer settings"));
}

#[test]
fn gh_not_logged_in_is_said_plainly() {
    let report =
        judge("You are not logged into any GitHub hosts. Run gh auth login to authenticate.");
    assert!(report.subjects.is_empty());
    assert!(report.diagnostics[0].message.contains("not logged in"));
    assert_eq!(report.exit_code(), 2);
}

// ---------------------------------------------------------------------------------------------
// The other GitHub inputs.

#[test]
fn the_role_caps_the_token_and_is_tied_by_login() {
    let inputs = [
        Input::new(
            "gh.txt",
            "github.com\n  ✓ Logged in to github.com account backup-bot (keyring)\n  - Token: ghp_****\n  - Token scopes: 'repo', 'workflow', 'read:org', 'admin:org'\n",
        ),
        Input::new(
            "membership.json",
            fixture("github/handmade-org-membership-member.json"),
        ),
    ];
    let report = check(&inputs, &today());
    let s = only(&report);
    // The scopes allow everything on the repositories; the member role does not restore into
    // the organization (Xopero ONE restores a member's data into the member's own account).
    assert_eq!(category(s, "repositories"), (Possible, Impossible));
    assert!(
        s.restore.summary.contains("Organization owner"),
        "{}",
        s.restore.summary
    );
    assert!(missing_ids(s).contains(&"owner"));
    assert!(granted_ids(s).contains(&"membership:member"));
    assert!(!warning_ids(s).contains(&"github-role-unknown"));

    let owner = [
        inputs[0].clone(),
        Input::new(
            "membership.json",
            fixture("github/handmade-org-membership-owner.json"),
        ),
    ];
    let report = check(&owner, &today());
    assert_eq!(
        category(only(&report), "repositories"),
        (Possible, Possible)
    );
}

#[test]
fn a_membership_alone_is_an_account_that_asks_for_the_token() {
    let report = github("handmade-org-membership-member.json");
    let s = only(&report);
    assert_eq!(s.credential, Credential::Account);
    assert_eq!(s.restore.verdict, Impossible);
    assert_eq!(s.backup.verdict, Unknown);
    assert!(
        s.backup.summary.contains("gh auth status"),
        "{}",
        s.backup.summary
    );
    let pending =
        fixture("github/handmade-org-membership-member.json").replace("\"active\"", "\"pending\"");
    let report = judge(&pending);
    let s = only(&report);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(s.backup.summary.contains("pending"));
}

#[test]
fn a_repository_role_alone() {
    let report = github("handmade-repository-permissions-read.json");
    let s = only(&report);
    assert_eq!(s.credential, Credential::Account);
    // Read clones; it cannot push, manage access, hooks or settings.
    assert_eq!(category(s, "repositories"), (Unknown, Impossible));
    assert_eq!(category(s, "webhooks"), (Impossible, Impossible));
}

#[test]
fn an_installation_token_judges_the_apps_permissions() {
    let report = github("handmade-installation-token.json");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::AppInstallationToken);
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    assert_eq!(category(s, "issues"), (Possible, Possible));
    // Not in the map: webhooks.
    assert_eq!(category(s, "webhooks"), (Impossible, Impossible));
    assert!(missing_ids(s).contains(&"repository_hooks:write"));
    // An expired `expires_at` is not a blocker (a new token is minted per run).
    assert!(s.expires.is_none());
    let warnings = warning_ids(s);
    assert!(
        warnings.contains(&"github-app-user-repositories"),
        "{warnings:?}"
    );
    assert!(
        !warnings.contains(&"github-role-unknown"),
        "an installation has no user"
    );
    // A permission no backup step uses is granted but not needed.
    assert!(s
        .excess
        .iter()
        .any(|e| e.id == "organization_copilot_metrics:read"));
    // A key GitHub may add later is tolerated and said to be unjudged.
    let report = judge("{\"token\": \"ghs_redacted\", \"permissions\": {\"contents\": \"read\", \"some_future_permission\": \"write\"}}");
    let s = only(&report);
    assert_eq!(granted_ids(s), vec!["contents:read"]);
    assert!(report.diagnostics.iter().any(
        |d| d.severity == Severity::Info && d.message.contains("some_future_permission: write")
    ));
}

#[test]
fn the_fine_grained_token_page() {
    let report = github("handmade-fine-grained-token-page.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::FineGrainedPat);
    assert_eq!(
        granted_ids(s),
        vec![
            "metadata:read",
            "contents:write",
            "issues:write",
            "pull_requests:write",
            "members:read"
        ]
    );
    assert!(finding_ids(s).contains(&"github-repository-selection"));
    assert_eq!(category(s, "repositories"), (Possible, Impossible));
    assert!(missing_ids(s).contains(&"administration:write"));
    assert!(missing_ids(s).contains(&"workflows:write"));
    assert_eq!(report.inputs[0].format, "github-token-page");
}

#[test]
fn the_token_pages_rows() {
    let report = judge("Repository permissions\nContents: Read and write\nMetadata: Read-only (mandatory)\nAdministration: Read and write\nWorkflows: Read and write\n\nOrganization permissions\nAdministration: Read-only\n");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(
        granted_ids(s),
        vec![
            "contents:write",
            "metadata:read",
            "administration:write",
            "workflows:write",
            "organization_administration:read"
        ]
    );
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    // Bitbucket's own label list stays Bitbucket's.
    let report = judge("Repositories: Read, Admin\nPull requests: Write");
    assert_eq!(only(&report).platform, Some(Platform::BitbucketCloud));
}

#[test]
fn a_security_email_lists_a_new_tokens_scopes() {
    let report = github("handmade-security-email.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Pat);
    assert!(s.label.contains("backup-2026"));
    assert_eq!(granted_ids(s), vec!["read:org", "repo", "workflow"]);
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    let oauth = judge("A third-party OAuth application (GitKraken) with admin:public_key, read:org, repo, user:email, and workflow scopes was recently authorized to access your account.");
    let s = only(&oauth);
    assert_eq!(s.credential, Credential::Oauth);
    assert_eq!(
        granted_ids(s),
        vec![
            "admin:public_key",
            "read:org",
            "repo",
            "user:email",
            "workflow"
        ]
    );
}

#[test]
fn permission_pairs_are_grants_but_accepted_sets_are_not() {
    let report = judge("contents=read metadata=read issues=read pull_requests=read");
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::Github));
    assert_eq!(category(s, "repositories"), (Possible, Impossible));
    let report = judge("contents=write; contents=write,workflows=write");
    assert!(report.subjects.is_empty());
    assert!(report.diagnostics[0]
        .message
        .contains("X-Accepted-GitHub-Permissions"));
}

#[test]
fn a_fine_grained_refusal_with_its_headers_is_one_token() {
    let report = github("handmade-fine-grained-403-headers.txt");
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::FineGrainedPat);
    assert_eq!(verdicts(s), (Unknown, Impossible));
    assert!(s.findings[0].proves.contains("contents:write"));
}

#[test]
fn token_expiration_header_is_read() {
    let text = |date: &str| {
        format!("HTTP/2 200\nx-oauth-scopes: repo, workflow\ngithub-authentication-token-expiration: {date}\nx-github-request-id: C7A4:2B1E\n")
    };
    let report = judge(&text("2026-12-05 09:00:00 UTC"));
    let s = only(&report);
    assert!(s.expires.as_ref().is_some_and(|e| !e.expired));
    assert!(warning_ids(s).contains(&"expires-soon"));
    let report = judge(&text("2026-10-01 09:00:00 UTC"));
    assert_eq!(verdicts(only(&report)), (Impossible, Impossible));
}

#[test]
fn gh_api_user_headers_and_body_are_one_token_with_its_login() {
    let text = "$ gh api -i /user\nHTTP/2.0 200 OK\nX-Oauth-Client-Id: 178c6fc778ccc68e1d6a\nX-Oauth-Scopes: gist, read:org, repo, workflow\nX-Github-Request-Id: C7A4:2B1E:1A2B3C\n\n{\"login\":\"octocat\",\"id\":1,\"type\":\"User\",\"site_admin\":false,\"url\":\"https://api.github.com/users/octocat\"}\n";
    let report = judge(text);
    all_github(&report);
    no_errors(&report);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Oauth);
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    // The login ties the membership pasted beside it.
    let inputs = [
        Input::new("user.txt", text),
        Input::new(
            "membership.json",
            fixture("github/handmade-org-membership-member.json").replace("backup-bot", "octocat"),
        ),
    ];
    let report = check(&inputs, &today());
    assert_eq!(
        category(only(&report), "repositories"),
        (Possible, Impossible)
    );
}

// ---------------------------------------------------------------------------------------------
// One test per refusal.

fn refusal(text: &str) -> (Subject, Report) {
    let report = judge(text);
    all_github(&report);
    (only(&report).clone(), report)
}

#[test]
fn refusal_classic_tokens_forbidden() {
    let report = github("handmade-classic-pat-forbidden.json");
    let s = only(&report);
    assert_eq!(s.credential, Credential::Pat);
    assert_eq!(finding_ids(s), vec!["github-classic-pat-forbidden"]);
    assert!(s.findings[0].proves.contains("octo-org"));
    assert_eq!(verdicts(s), (Impossible, Impossible));
}

#[test]
fn refusal_not_accessible_by_personal_access_token_names_its_call() {
    let (s, _) = refusal("{\"message\":\"Resource not accessible by personal access token\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#create-an-organization-repository\",\"status\":\"403\"}");
    assert_eq!(s.credential, Credential::FineGrainedPat);
    assert_eq!(
        finding_ids(&s),
        vec!["github-fine-grained-permission-missing"]
    );
    assert_eq!(verdicts(&s), (Unknown, Impossible));
    assert_eq!(category(&s, "repositories"), (Unknown, Impossible));
    // Without the call, nothing is proven to fail.
    let (s, _) = refusal(
        "{\"message\":\"Resource not accessible by personal access token\",\"status\":\"403\"}",
    );
    assert_eq!(verdicts(&s), (Unknown, Unknown));
}

#[test]
fn refusal_not_accessible_by_integration() {
    let (s, _) = refusal("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\"https://docs.github.com/rest/pulls/pulls#merge-a-pull-request\",\"status\":\"403\"}");
    assert_eq!(finding_ids(&s), vec!["github-app-permission-missing"]);
    assert_eq!(category(&s, "pull-requests"), (Unknown, Impossible));
}

#[test]
fn refusal_bad_credentials() {
    let (s, _) = refusal("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
    assert_eq!(finding_ids(&s), vec!["github-bad-credentials"]);
    assert_eq!(verdicts(&s), (Impossible, Impossible));
    let (s, _) = refusal("remote: Support for password authentication was removed on August 13, 2021.\nfatal: Authentication failed for 'https://github.com/acme/app.git/'");
    assert_eq!(finding_ids(&s), vec!["github-bad-credentials"]);
}

#[test]
fn refusal_requires_authentication() {
    let (s, _) = refusal("{\"message\":\"Requires authentication\",\"documentation_url\":\"https://docs.github.com/rest/users/users#get-the-authenticated-user\",\"status\":\"401\"}");
    assert_eq!(finding_ids(&s), vec!["github-no-token-sent"]);
}

#[test]
fn refusal_admin_rights() {
    let (s, _) = refusal("{\"message\":\"Must have admin rights to Repository.\",\"documentation_url\":\"https://docs.github.com/rest/repos/webhooks#create-a-repository-webhook\"}");
    assert_eq!(finding_ids(&s), vec!["github-admin-rights-required"]);
    assert_eq!(category(&s, "webhooks"), (Impossible, Impossible));
    assert_eq!(category(&s, "repositories"), (Unknown, Unknown));
}

#[test]
fn refusal_push_denied() {
    let (s, _) = refusal("remote: Permission to acme/app.git denied to backup-bot.\nfatal: unable to access 'https://github.com/acme/app.git/': The requested URL returned error: 403");
    assert_eq!(finding_ids(&s), vec!["github-git-push-denied"]);
    assert_eq!(category(&s, "repositories"), (Unknown, Impossible));
}

#[test]
fn refusal_repository_not_found_on_git() {
    let (s, _) = refusal("Cloning into 'app'...\nremote: Repository not found.\nfatal: repository 'https://github.com/acme/app.git/' not found");
    assert_eq!(finding_ids(&s), vec!["github-not-found"]);
}

#[test]
fn refusal_workflow_by_an_oauth_app_and_by_an_app() {
    let (s, _) = refusal(" ! [remote rejected] main -> main (refusing to allow an OAuth App to create or update workflow `.github/workflows/ci.yml` without `workflow` scope)");
    assert_eq!(s.credential, Credential::Oauth);
    assert!(s.findings[0].action.contains("gh auth refresh -s workflow"));
    let (s, _) = refusal(" ! [remote rejected] main -> main (refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission)");
    assert_eq!(s.credential, Credential::AppInstallationToken);
    assert!(s.findings[0].action.contains("Workflows: Read and write"));
}

// ---------------------------------------------------------------------------------------------
// Secrets, ambiguity, examples.

#[test]
fn github_secrets_are_recognised_and_never_echoed() {
    for (secret, what) in [
        ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "(classic)"),
        (
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
            "fine-grained",
        ),
        ("ghs_ABCDEFGHIJKLMNOPQRSTUVWX", "installation"),
        ("gho_abcdefghijklmnopqrstuvwxyz0123456789", "OAuth"),
    ] {
        let report = judge(secret);
        assert!(report.subjects.is_empty());
        let d = &report.diagnostics[0];
        assert!(d.message.contains(what), "{}", d.message);
        let json = report.to_json();
        assert!(!json.contains(&secret[6..]), "{secret} echoed");
    }
}

#[test]
fn a_word_both_platforms_list_is_one_question() {
    let report = judge("project");
    let s = only(&report);
    assert_eq!(s.platform, None);
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(s.backup.summary.contains("Bitbucket Cloud or GitHub"));
    let chosen = check(
        &[Input::new("paste", "project")],
        &Options {
            platform: Some(Platform::Github),
            ..today()
        },
    );
    assert_eq!(only(&chosen).platform, Some(Platform::Github));
}

#[test]
fn every_github_example_is_judged_as_github() {
    let examples: Vec<_> = permcheck::examples::all()
        .filter(|e| e.id.starts_with("gh-"))
        .collect();
    assert!(examples.len() >= 5);
    for example in examples {
        let report = judge(example.text);
        all_github(&report);
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.severity != Severity::Error),
            "{}: {:#?}",
            example.id,
            report.diagnostics
        );
    }
}

#[test]
fn how_to_collect_names_the_commands() {
    let module = permcheck::platforms::for_platform(Platform::Github).unwrap();
    let commands: Vec<&str> = module.collect().iter().map(|c| c.command).collect();
    for wanted in [
        "gh auth status",
        "gh api -i /user",
        "gh api /orgs/{org}/memberships/{user}",
    ] {
        assert!(commands.contains(&wanted), "{commands:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Attribution and monotonicity, as properties.

fn classic_scopes() -> Vec<&'static str> {
    permcheck::catalog::Vocabulary::from_id("github-scope")
        .unwrap()
        .scopes()
        .iter()
        .map(|s| s.id)
        .collect()
}

fn permissions() -> Vec<&'static str> {
    permcheck::catalog::Vocabulary::from_id("github-permission")
        .unwrap()
        .scopes()
        .iter()
        .map(|s| s.id)
        .collect()
}

/// Every listed id of every platform.
fn every_listed_id() -> Vec<&'static str> {
    permcheck::platforms::vocabularies()
        .filter(|v| v.0.listed)
        .flat_map(|v| v.scopes().iter().map(|s| s.id))
        .collect()
}

/// A GitHub text in one of the shapes GitHub and gh print, around `scopes`.
fn github_text(shape: usize, scopes: &[&str], login: &str) -> String {
    match shape % 5 {
        0 => format!(
            "github.com\n  ✓ Logged in to github.com account {login} (keyring)\n  - Active account: true\n  - Git operations protocol: https\n  - Token: gho_************************************\n  - Token scopes: {}\n",
            scopes.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
        ),
        1 => format!(
            "github.com\n  ✓ Logged in to github.com as {login} (/home/{login}/.config/gh/hosts.yml)\n  ✓ Token: *******************\n  ✓ Token scopes: {}\n",
            scopes.join(", ")
        ),
        2 => format!(
            "HTTP/2 200\nserver: github.com\nx-oauth-scopes: {}\nx-accepted-oauth-scopes: repo\nx-github-request-id: C7A4:2B1E\n",
            scopes.join(", ")
        ),
        3 => format!(
            "$ curl -sI -H \"Authorization: Bearer $TOKEN\" https://api.github.com/user\nHTTP/2 200\nX-OAuth-Scopes: {}\n",
            scopes.join(", ")
        ),
        _ => format!(
            "A personal access token ({login}) with {} scopes was recently added to your account.",
            scopes.join(", ")
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// No GitHub text yields a Bitbucket subject, nor an undecided one.
    #[test]
    fn github_texts_are_only_github(
        shape in 0usize..5,
        scopes in proptest::collection::vec(proptest::sample::select(classic_scopes()), 1..8),
        login in "[a-z][a-z0-9-]{0,12}",
    ) {
        let report = judge(&github_text(shape, &scopes, &login));
        prop_assert!(!report.subjects.is_empty());
        for s in &report.subjects {
            prop_assert_eq!(s.platform, Some(Platform::Github), "{}", s.label);
        }
    }

    /// A list of ids of any platforms is one platform's evidence, or one question: never
    /// subjects of two platforms for one credential.
    #[test]
    fn a_list_is_never_two_platforms(ids in proptest::collection::vec(proptest::sample::select(every_listed_id()), 1..8)) {
        let report = judge(&ids.join(" "));
        let platforms: std::collections::BTreeSet<Option<Platform>> =
            report.subjects.iter().map(|s| s.platform).collect();
        prop_assert!(platforms.len() <= 1, "{:?} from {:?}", platforms, ids);
        if platforms.contains(&None) {
            prop_assert_eq!(report.subjects.len(), 1);
        }
    }

    /// Adding a classic scope never lowers a verdict.
    #[test]
    fn adding_a_classic_scope_never_lowers_a_verdict(
        scopes in proptest::collection::vec(proptest::sample::select(classic_scopes()), 0..10),
        extra in proptest::sample::select(classic_scopes()),
    ) {
        let mut more = scopes.clone();
        more.push(extra);
        let before = pinned(&scopes, Credential::Pat);
        let after = pinned(&more, Credential::Pat);
        not_lower(&before, &after)?;
    }

    /// Adding a fine-grained permission never lowers a verdict.
    #[test]
    fn adding_a_permission_never_lowers_a_verdict(
        ids in proptest::collection::vec(proptest::sample::select(permissions()), 0..12),
        extra in proptest::sample::select(permissions()),
    ) {
        let mut more = ids.clone();
        more.push(extra);
        let before = pinned(&ids, Credential::FineGrainedPat);
        let after = pinned(&more, Credential::FineGrainedPat);
        not_lower(&before, &after)?;
    }
}

fn pinned(ids: &[&str], credential: Credential) -> Report {
    check(
        &[Input::new("paste", ids.join(" "))],
        &Options {
            credential: Some(credential),
            platform: Some(Platform::Github),
            ..today()
        },
    )
}

fn rank(v: Verdict) -> u8 {
    match v {
        Impossible => 0,
        Partial => 1,
        Unknown => 2,
        Possible => 3,
    }
}

fn not_lower(before: &Report, after: &Report) -> Result<(), TestCaseError> {
    if before.subjects.is_empty() {
        return Ok(());
    }
    prop_assert_eq!(before.subjects.len(), after.subjects.len());
    for (b, a) in before.subjects.iter().zip(&after.subjects) {
        prop_assert!(
            rank(a.backup.verdict) >= rank(b.backup.verdict),
            "{:?} -> {:?}",
            b.backup,
            a.backup
        );
        prop_assert!(
            rank(a.restore.verdict) >= rank(b.restore.verdict),
            "{:?} -> {:?}",
            b.restore,
            a.restore
        );
        for (cb, ca) in b.categories.iter().zip(&a.categories) {
            prop_assert!(rank(ca.backup) >= rank(cb.backup), "{} backup", cb.id);
            prop_assert!(rank(ca.restore) >= rank(cb.restore), "{} restore", cb.id);
        }
    }
    Ok(())
}

/// The properties are not vacuous: the generated texts reach different verdicts.
#[test]
fn generated_github_texts_reach_different_verdicts() {
    let weak = judge(&github_text(0, &["gist"], "a"));
    let strong = judge(&github_text(0, &["repo", "workflow"], "a"));
    assert_ne!(
        category(only(&weak), "repositories"),
        category(only(&strong), "repositories")
    );
    for shape in 0..5 {
        let report = judge(&github_text(shape, &["repo", "workflow"], "octocat"));
        assert_eq!(
            category(only(&report), "repositories"),
            (Possible, Possible),
            "shape {shape}"
        );
    }
}

/// GitLab's `glab auth status` reads like gh's older style ("Logged in to HOST as LOGIN"), but
/// its accounts are GitLab's: only the gh block pasted with it is GitHub's.
#[test]
fn glab_accounts_are_not_github_accounts() {
    let Some(text) = shared_sample(
        "gitlab",
        "gitlab-glab-auth-status-two-self-managed-hosts-eps-preview.txt",
    ) else {
        return;
    };
    let report = judge(&text);
    let github: Vec<&Subject> = report
        .subjects
        .iter()
        .filter(|s| s.platform == Some(Platform::Github))
        .collect();
    assert_eq!(github.len(), 1, "{:#?}", report.subjects);
    let s = github[0];
    assert!(
        s.label.contains("iwan-uschka") && s.label.contains("github.com"),
        "{}",
        s.label
    );
    assert_eq!(granted_ids(s), vec!["gist", "read:org", "repo"]);
    // GitLab row 1: the gh block backs up, and cannot restore repositories with workflows.
    assert_eq!(category(s, "repositories"), (Possible, Impossible));
    // The glab accounts are GitLab's (its folder judges them), never GitHub's.
    assert!(report
        .subjects
        .iter()
        .filter(|s| s.label.contains("gitlab."))
        .all(|s| s.platform == Some(Platform::Gitlab)));
}
