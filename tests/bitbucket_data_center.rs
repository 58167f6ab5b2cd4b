//! Bitbucket Data Center: every sample of platform-samples.md §3 gives the conclusion its row
//! states (fetched snapshots are read from ../shared and skipped when it is absent), the
//! hand-made fixtures of the documented shapes, the token ∩ user rule and "no token creates a
//! project" as properties, and no Data Center text yields another platform's subject (nor
//! another platform's text a Data Center one).
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

const DC: Platform = Platform::BitbucketDataCenter;
/// 2026-06-01T00:00:00Z: the hand-made token list has one token expired before it and one
/// valid after it.
const NOW: i64 = 1_780_272_000;

fn at_now() -> Options {
    Options {
        now: Some(NOW),
        ..Options::default()
    }
}

fn dc_fixture(name: &str) -> String {
    fixture(&format!("bitbucket-data-center/{name}"))
}

fn dc_sample(name: &str) -> Option<String> {
    shared_sample("bitbucket-data-center", name)
}

fn finding<'a>(s: &'a Subject, id: &str) -> &'a permcheck::report::FindingResult {
    s.findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no finding {id} in {:#?}", s.findings))
}

fn has_warning(s: &Subject, id: &str) -> bool {
    s.warnings.iter().any(|w| w.id == id)
}

fn reason(s: &Subject, id: &str, restore: bool) -> String {
    let c = s.categories.iter().find(|c| c.id == id).unwrap();
    if restore {
        c.restore_reason.clone()
    } else {
        c.backup_reason.clone()
    }
}

fn only_dc(report: &Report) {
    for s in &report.subjects {
        assert_eq!(s.platform, Some(DC), "{}: {:?}", s.label, s.platform);
    }
}

// ── §3 #1: GET /rest/api/1.0/admin/permissions/users as a non-admin → 401 ──────────────────

#[test]
fn sample_1_a_401_on_the_admin_listing_proves_the_caller_is_not_a_global_admin() {
    let Some(text) =
        dc_sample("bitbucket-dc-admin-permissions-users-401-non-admin-sourcegraph-vcr.yaml")
    else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(s.platform, Some(DC));
    assert_eq!(report.inputs[0].format, "bitbucket-dc-recorded-exchange");
    let f = finding(s, "bitbucket-dc-not-global-admin");
    assert!(f.proves.contains("not a global Admin"), "{}", f.proves);
    assert!(
        f.proves.contains("401"),
        "Bitbucket answers not permitted with 401"
    );
    assert!(f.proves.contains("not every repository"), "{}", f.proves);
    assert!(f
        .cannot_tell
        .contains("tokens never carry global permissions"));
    // The exception name sits on the body's second (folded) line.
    assert_eq!((f.line, f.column), (14, 34));
    // It narrows, it does not decide: which repositories the caller reads is not shown.
    assert_eq!(verdicts(s), (Unknown, Unknown));
    // A credential of unknown kind may be a password: project creation is undecided, not
    // impossible.
    assert_eq!(category(s, "projects").1, Unknown);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── §3 #2: the global permission listing as an admin → SYS_ADMIN ───────────────────────────

#[test]
fn sample_2_a_system_admin_sees_everything_but_a_token_of_it_creates_no_project() {
    let Some(text) =
        dc_sample("bitbucket-dc-admin-permissions-users-sys-admin-listing-sourcegraph-vcr.yaml")
    else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(s.platform, Some(DC));
    assert_eq!(s.credential, Credential::Account);
    assert_eq!(s.label, "Account admin");
    assert_eq!(s.granted[0].id, "globalPermission:SYS_ADMIN");
    assert!(has_warning(s, "global-admin-sees-everything"));
    let w = s
        .warnings
        .iter()
        .find(|w| w.id == "global-admin-sees-everything")
        .unwrap();
    assert!(w.message.contains("creates no project"), "{}", w.message);
    // The role allows every step; without the credential's own permissions nothing is decided.
    for c in &s.categories {
        assert_eq!((c.backup, c.restore), (Unknown, Unknown), "{}", c.id);
        assert!(
            c.restore_reason.contains("role allows it"),
            "{}",
            c.restore_reason
        );
    }

    // The same user's token: it reaches every repository, within its permissions, and still
    // cannot create projects.
    let token = r#"{"name":"backup","permissions":["PROJECT_ADMIN","REPO_ADMIN"],"user":{"name":"admin","slug":"admin"},"id":"7","createdDate":1768435200000}"#;
    let report = check(
        &[
            Input::new("listing.yaml", text),
            Input::new("token.json", token),
        ],
        &at_now(),
    );
    let s = only(&report);
    assert_eq!(s.credential, Credential::AccessToken);
    assert_eq!(s.label, "Personal HTTP access token \"backup (id 7)\"");
    assert!(has_warning(s, "owner-is-global-admin"));
    assert_eq!(s.backup.verdict, Possible);
    assert_eq!(s.restore.verdict, Partial);
    assert_eq!(category(s, "projects").1, Impossible);
    assert!(reason(s, "projects", true).contains("PROJECT_CREATE"));
    assert_eq!(s.sources.len(), 2, "judged with the listing");
}

// ── §3 #3: users?permission.1=REPO_READ&permission.1.repositoryId=2 ─────────────────────────

#[test]
fn sample_3_the_permission_filtered_search_says_who_can_back_up_that_repository() {
    let Some(text) =
        dc_sample("bitbucket-dc-users-with-repo-read-permission-query-sourcegraph-vcr.yaml")
    else {
        return;
    };
    let report = run(&text);
    assert_eq!(report.subjects.len(), 2, "{:#?}", report.subjects);
    only_dc(&report);
    let labels: Vec<&str> = report.subjects.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "Account admin on repository id 2",
            "Account ceo on repository id 2"
        ]
    );
    for s in &report.subjects {
        assert_eq!(
            s.granted[0].id,
            "permission.1=REPO_READ&permission.1.repositoryId=2"
        );
        // Read access backs up (the token then decides); restore needs another search.
        assert!(reason(s, "repositories", false).contains("role allows it"));
        let restore = reason(s, "repositories", true);
        assert!(restore.contains("needs Repository: Write"), "{restore}");
        assert!(restore.contains("permission.1=PERMISSION"), "{restore}");
        assert!(reason(s, "projects", true).contains("needs Global: Project Creator"));
        assert!(
            s.restore.summary.contains("REPO_WRITE restores"),
            "{}",
            s.restore.summary
        );
        assert_eq!(verdicts(s), (Unknown, Unknown));
        assert!(has_warning(s, "search-shows-one-permission"));
    }
}

// ── §3 #4: 404 NoSuchRepositoryException ─────────────────────────────────────────────────────

#[test]
fn sample_4_an_invisible_repository_fails_its_backup() {
    let Some(text) = dc_sample("bitbucket-dc-404-no-such-repository-sourcegraph-vcr.yaml") else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(s.platform, Some(DC));
    assert_eq!(
        s.label,
        "Credential of milton on bitbucket.sgdev.org from paste"
    );
    let f = finding(s, "bitbucket-dc-no-such-repository");
    assert!(f.proves.contains("SOUR/invalidslug"));
    assert!(f.proves.contains("cannot read it"), "{}", f.proves);
    assert!(f.cannot_tell.contains("wrong name"));
    assert_eq!(s.backup.verdict, Impossible);
    assert_eq!(category(s, "repositories").0, Impossible);
    // What the token may write is not shown.
    assert_eq!(s.restore.verdict, Unknown);
    assert!(!s.backup.summary.contains(".."), "{}", s.backup.summary);
}

// ── §3 #6: Jenkins, REST lists branches, git fetch fails ────────────────────────────────────

#[test]
fn sample_6_rest_works_but_git_fetch_fails() {
    let text = dc_fixture("bitbucket-dc-8.19-token-rest-ok-git-fetch-auth-failed-jenkins-904.txt");
    let report = run(&text);
    let s = only(&report);
    assert_eq!(s.platform, Some(DC));
    assert_eq!(report.inputs[0].format, "bitbucket-dc-git-log");
    let f = finding(s, "bitbucket-dc-git-authentication-failed");
    assert!(
        f.proves.contains("REST API accepted the same credential"),
        "{}",
        f.proves
    );
    assert!(f.action.contains("Bearer"));
    assert!(f.action.contains("owner's username"));
    assert_eq!(f.line, 15);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    // Every line of the log was read as the log: no noise.
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    // The finding replaces the general Git-leg advice.
    assert!(!has_warning(s, "git-leg-separate"));
}

// ── §3 #7: Sourcegraph clone error + config with a token and no username ────────────────────

#[test]
fn sample_7_a_clone_error_is_judged_only_when_bitbucket_is_named() {
    let Some(text) =
        dc_sample("bitbucket-dc-6.1-token-clone-authentication-failed-sourcegraph-2514.txt")
    else {
        return;
    };
    // Nothing in the text says Bitbucket (`bs.domain.com`, `XXX.git`): no platform is guessed.
    let report = run(&text);
    assert!(report.subjects.is_empty(), "{:#?}", report.subjects);
    assert_eq!(report.exit_code(), 2);
    // With the platform chosen, it is the same lesson as the Jenkins log.
    let options = Options {
        platform: Some(DC),
        ..Options::default()
    };
    let report = run_with(&text, &options);
    let s = only(&report);
    assert_eq!(s.platform, Some(DC));
    let f = finding(s, "bitbucket-dc-git-authentication-failed");
    assert!(f.proves.contains("without a username"), "{}", f.proves);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── §3 #8: Atlassian's project token list and create example ────────────────────────────────

#[test]
fn sample_8_the_create_request_gives_the_permissions_the_responses_do_not() {
    let text = dc_fixture("bitbucket-dc-8.3-project-access-token-list-and-create-doc-example.txt");
    let report = run(&text);
    // The listed token and the created one have the same id: one subject.
    let s = only(&report);
    assert_eq!(s.platform, Some(DC));
    assert_eq!(s.credential, Credential::AccessToken);
    assert_eq!(
        s.label,
        "Project HTTP access token \"My access token (id 252973515069)\""
    );
    let granted: Vec<&str> = s.granted.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(granted, vec!["REPO_ADMIN", "PROJECT_READ"]);
    assert_eq!(s.granted[0].line, 26, "the request body's line");
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    assert_eq!(category(s, "pull-requests"), (Possible, Possible));
    assert_eq!(category(s, "repository-settings"), (Possible, Possible));
    assert_eq!(category(s, "new-repositories").1, Impossible);
    assert_eq!(category(s, "projects").1, Impossible);
    assert!(reason(s, "projects", true).contains("no HTTP access token can carry"));
    assert_eq!(verdicts(s), (Partial, Partial));
    let missing: Vec<&str> = s.missing.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(missing, vec!["PROJECT_ADMIN"], "never PROJECT_CREATE");
    assert!(has_warning(s, "token-bound-to-one-resource"));
    assert!(!s.restore.summary.contains("back up but not restore"));
    // Only the note that the request was read and the warning that the create response holds
    // the token's secret (never echoed), no "not understood" noise.
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Info
                || d.message
                    .starts_with("this response holds the token's secret")),
        "{:?}",
        report.diagnostics
    );
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("token's secret")));
    assert!(!serde_json::to_string(&report)
        .unwrap_or_default()
        .contains("MjUyOTcz"));
}

// ── Hand-made fixtures of documented shapes ──────────────────────────────────────────────────

#[test]
fn a_token_list_with_permissions_and_expiry() {
    let report = run_with(&dc_fixture("handmade-personal-tokens-list.json"), &at_now());
    assert_eq!(report.subjects.len(), 2);
    only_dc(&report);
    let current = &report.subjects[0];
    assert_eq!(
        current.label,
        "Personal HTTP access token \"xopero-backup (id 118440213795)\""
    );
    assert_eq!(current.expires.as_ref().unwrap().date, "2030-01-01");
    // Project admin: everything but recreating projects.
    assert_eq!(current.backup.verdict, Possible);
    assert_eq!(current.restore.verdict, Partial);
    assert_eq!(category(current, "projects").1, Impossible);
    assert!(has_warning(current, "token-capped-by-owner"));
    let old = &report.subjects[1];
    assert_eq!(verdicts(old), (Impossible, Impossible));
    assert!(old.backup.summary.contains("expired on 2025-06-01"));
    assert_eq!(report.inputs[0].format, "bitbucket-dc-access-token");
}

#[test]
fn a_create_request_body_alone() {
    let report = run(&dc_fixture("handmade-personal-token-create-request.json"));
    let s = only(&report);
    assert_eq!(s.label, "HTTP access token \"xopero-backup\"");
    // Write on the project: pushes into existing repositories (Xopero's "Write"), but
    // settings need admin and deleted repositories and projects cannot be recreated.
    assert_eq!(verdicts(s), (Partial, Partial));
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    assert_eq!(category(s, "repository-settings"), (Impossible, Impossible));
    assert!(has_warning(s, "xopero-vs-atlassian"));
    assert_eq!(report.inputs[0].format, "bitbucket-dc-token-request");
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Info && d.message.contains("request that creates")));
}

#[test]
fn a_token_judged_with_its_owner_listed_as_a_plain_user_leaves_reach_undecided() {
    let report = check(
        &[
            Input::new(
                "tokens.json",
                dc_fixture("handmade-personal-tokens-list.json"),
            ),
            Input::new(
                "global.txt",
                dc_fixture("handmade-global-permissions-users.txt"),
            ),
        ],
        &at_now(),
    );
    let token = report
        .subjects
        .iter()
        .find(|s| s.label.contains("xopero-backup"))
        .unwrap();
    // backup-bot is listed with Bitbucket User only: groups and project grants may give it
    // more, so nothing the token can do is proven, and nothing is proven impossible.
    assert!(has_warning(token, "owner-not-global-admin"));
    assert_eq!(category(token, "repositories").0, Unknown);
    let why = reason(token, "repositories", false);
    assert!(why.contains("needs Repository: Read"), "{why}");
    assert!(
        why.contains("filter=backup-bot&permission.1=PERMISSION"),
        "{why}"
    );
    // The summary says it once for every category.
    assert_eq!(
        token.backup.summary.matches("filter=backup-bot").count(),
        1,
        "{}",
        token.backup.summary
    );
    assert_eq!(
        category(token, "projects").1,
        Impossible,
        "still no token creates projects"
    );
    // admin and releng are subjects of their own; backup-bot was judged with its token.
    let accounts: Vec<&str> = report
        .subjects
        .iter()
        .filter(|s| s.credential == Credential::Account)
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(accounts, vec!["Account admin", "Account releng"]);
    only_dc(&report);
}

#[test]
fn curl_headers_and_a_401_body_are_one_credential() {
    let report = run(&dc_fixture("handmade-curl-401-admin-endpoint.txt"));
    let s = only(&report);
    assert_eq!(
        s.label,
        "Credential of backup-bot on git.example.com from paste"
    );
    finding(s, "bitbucket-dc-not-global-admin");
    assert_eq!(s.combined.len(), 2, "{:?}", s.combined);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn a_global_permission_in_a_token_list_is_named_not_guessed() {
    let report = run(&dc_fixture(
        "handmade-token-permissions-with-a-global-one.txt",
    ));
    let s = only(&report);
    let granted: Vec<&str> = s.granted.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(granted, vec!["REPO_WRITE", "PROJECT_WRITE"]);
    assert_eq!(report.diagnostics.len(), 1);
    let d = &report.diagnostics[0];
    assert!(
        d.message
            .contains("`PROJECT_CREATE` is a user's permission"),
        "{}",
        d.message
    );
    assert_eq!(d.column, 26);
    assert_eq!(category(s, "projects").1, Impossible);
}

#[test]
fn lower_case_ids_and_the_token_page_labels_read_alike() {
    let upper = run("REPO_WRITE PROJECT_WRITE");
    let lower = run("repo_write, project_write");
    let labels = run("Project permissions: Write\nRepository permissions: Write");
    for report in [&upper, &lower, &labels] {
        let s = only(report);
        assert_eq!(s.platform, Some(DC));
        assert_eq!(s.credential, Credential::AccessToken);
        let mut ids: Vec<&str> = s.granted.iter().map(|g| g.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, vec!["PROJECT_WRITE", "REPO_WRITE"]);
        assert_eq!(verdicts(s), (Partial, Partial));
    }
}

#[test]
fn cli_judges_a_data_center_file_and_writes_json() {
    let file = format!(
        "{}/tests/fixtures/bitbucket-data-center/handmade-personal-token-create-request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_permcheck"))
        .args([
            "check",
            &file,
            "--platform",
            "bitbucket-data-center",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "partial verdicts exit 1");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subject = &json["subjects"][0];
    assert_eq!(subject["platform"], "bitbucket-data-center");
    assert_eq!(subject["credential"], "access-token");
    assert_eq!(subject["restore"]["verdict"], "partial");
    assert_eq!(json["inputs"][0]["format"], "bitbucket-dc-token-request");
}

// ── Platforms stay apart ─────────────────────────────────────────────────────────────────────

#[test]
fn data_center_texts_yield_only_data_center_subjects() {
    let mut texts: Vec<String> = [
        "handmade-personal-token-create-request.json",
        "handmade-personal-tokens-list.json",
        "handmade-global-permissions-users.txt",
        "handmade-curl-401-admin-endpoint.txt",
        "handmade-token-permissions-with-a-global-one.txt",
        "bitbucket-dc-8.19-token-rest-ok-git-fetch-auth-failed-jenkins-904.txt",
        "bitbucket-dc-8.3-project-access-token-list-and-create-doc-example.txt",
    ]
    .iter()
    .map(|n| dc_fixture(n))
    .collect();
    for name in [
        "bitbucket-dc-404-no-such-repository-sourcegraph-vcr.yaml",
        "bitbucket-dc-admin-permissions-users-401-non-admin-sourcegraph-vcr.yaml",
        "bitbucket-dc-admin-permissions-users-sys-admin-listing-sourcegraph-vcr.yaml",
        "bitbucket-dc-users-with-repo-read-permission-query-sourcegraph-vcr.yaml",
        "bitbucket-dc-6.1-token-clone-authentication-failed-sourcegraph-2514.txt",
    ] {
        if let Some(text) = dc_sample(name) {
            texts.push(text);
        }
    }
    for text in &texts {
        let report = run(text);
        only_dc(&report);
        assert!(
            report
                .subjects
                .iter()
                .all(|s| s.platform != Some(Platform::BitbucketCloud)),
            "{text}"
        );
    }
}

#[test]
fn bitbucket_cloud_texts_yield_no_data_center_subject() {
    for name in [
        "bitbucket/cloud-x-oauth-scopes-kb-example.txt",
        "bitbucket/cloud-403-missing-scope-api-token.json",
        "bitbucket/cloud-app-password-x-oauth-scopes-recipe.txt",
        "seeds/bitbucket-app-password-metadata.txt",
        "seeds/bitbucket-oauth-consent.txt",
    ] {
        let report = run(&fixture(name));
        assert!(
            report.subjects.iter().all(|s| s.platform != Some(DC)),
            "{name}: {:#?}",
            report.subjects
        );
    }
    // Cloud's page labels are plural; Data Center's are not.
    assert_eq!(
        only(&run("Repositories: Read, Admin")).platform,
        Some(Platform::BitbucketCloud)
    );
    assert_eq!(
        only(&run("Repository permissions: Admin")).platform,
        Some(DC)
    );
    // A Cloud call never counts as a Data Center signal.
    let cloud = "$ curl -sI https://api.bitbucket.org/2.0/user\nHTTP/2 200\nx-oauth-scopes: repository, account\n";
    assert_eq!(only(&run(cloud)).platform, Some(Platform::BitbucketCloud));
}

#[test]
fn data_center_headers_name_the_caller_and_ask_for_the_permissions() {
    let text = "$ curl -si -u backup-bot:$TOKEN https://git.example.com/rest/api/latest/projects\nHTTP/1.1 200 \nX-AREQUESTID: @1x2x3\nX-AUSERNAME: backup-bot\nContent-Type: application/json;charset=UTF-8\n";
    let report = run(text);
    let s = only(&report);
    assert_eq!(s.platform, Some(DC));
    assert_eq!(
        s.label,
        "Credential of backup-bot on git.example.com from paste"
    );
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(
        s.backup.summary.contains("no scopes header"),
        "{}",
        s.backup.summary
    );
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn a_git_failure_without_a_bitbucket_mark_is_not_claimed() {
    let report = run("fatal: Authentication failed for 'https://github.com/acme/repo.git/'");
    assert!(report.subjects.iter().all(|s| s.platform != Some(DC)));
}

// ── The rules as properties ──────────────────────────────────────────────────────────────────

const TOKEN_IDS: [&str; 6] = [
    "PROJECT_READ",
    "PROJECT_WRITE",
    "PROJECT_ADMIN",
    "REPO_READ",
    "REPO_WRITE",
    "REPO_ADMIN",
];
const GLOBAL_IDS: [&str; 4] = ["LICENSED_USER", "PROJECT_CREATE", "ADMIN", "SYS_ADMIN"];

/// Worst to best, with `unknown` above `partial`: what a missing grant can move.
fn rank(v: Verdict) -> u8 {
    match v {
        Impossible => 0,
        Partial => 1,
        Unknown => 2,
        Possible => 3,
    }
}

fn token(ids: &[&str]) -> Report {
    let options = Options {
        credential: Some(Credential::AccessToken),
        platform: Some(DC),
        ..Options::default()
    };
    let body = serde_json::json!({ "name": "t", "expiryDays": 30, "permissions": ids, "user": {"name": "bot"}, "id": "1" });
    check(&[Input::new("token.json", body.to_string())], &options)
}

fn token_of_owner(ids: &[&str], global: &str) -> Report {
    let body = serde_json::json!({ "name": "t", "expiryDays": 30, "permissions": ids, "user": {"name": "bot"}, "id": "1" });
    let listing = serde_json::json!({"size": 1, "isLastPage": true, "start": 0, "limit": 25,
        "values": [{"user": {"name": "bot", "slug": "bot"}, "permission": global}]});
    check(
        &[
            Input::new("token.json", body.to_string()),
            Input::new("global.json", listing.to_string()),
        ],
        &Options::default(),
    )
}

fn token_subject(report: &Report) -> &Subject {
    report
        .subjects
        .iter()
        .find(|s| s.credential == Credential::AccessToken)
        .unwrap()
}

fn not_lower(before: &Subject, after: &Subject) -> Result<(), TestCaseError> {
    prop_assert!(rank(after.backup.verdict) >= rank(before.backup.verdict));
    prop_assert!(rank(after.restore.verdict) >= rank(before.restore.verdict));
    for (b, a) in before.categories.iter().zip(&after.categories) {
        prop_assert!(rank(a.backup) >= rank(b.backup), "{} backup", b.id);
        prop_assert!(rank(a.restore) >= rank(b.restore), "{} restore", b.id);
    }
    Ok(())
}

fn subset() -> impl Strategy<Value = Vec<&'static str>> {
    proptest::sample::subsequence(TOKEN_IDS.to_vec(), 0..=TOKEN_IDS.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// No set of token permissions creates a project.
    #[test]
    fn no_token_permission_set_creates_a_project(ids in subset()) {
        let report = token(&ids);
        let s = token_subject(&report);
        prop_assert_eq!(category(s, "projects").1, Impossible);
        prop_assert!(s.missing.iter().all(|m| m.id != "PROJECT_CREATE"));
        prop_assert_ne!(s.restore.verdict, Possible);
    }

    /// Adding a permission, or replacing one by a higher one, never lowers a verdict.
    #[test]
    fn a_higher_token_permission_never_lowers_a_verdict(ids in subset(), extra in proptest::sample::select(TOKEN_IDS.to_vec())) {
        let before = token(&ids);
        let mut more = ids.clone();
        more.push(extra);
        let after = token(&more);
        not_lower(token_subject(&before), token_subject(&after))?;
        let raised: Vec<&str> = ids.iter().map(|id| match *id {
            "REPO_READ" => "REPO_WRITE",
            "REPO_WRITE" => "REPO_ADMIN",
            "PROJECT_READ" => "PROJECT_WRITE",
            "PROJECT_WRITE" => "PROJECT_ADMIN",
            other => other,
        }).collect();
        not_lower(token_subject(&before), token_subject(&token(&raised)))?;
    }

    /// A token does only what both its permissions and its owner allow: the owner's listing
    /// never makes it better than the token alone; a global Admin owner leaves it as it is.
    #[test]
    fn the_owner_never_raises_a_token_and_an_admin_owner_keeps_it(ids in subset(), global in proptest::sample::select(GLOBAL_IDS.to_vec())) {
        let alone = token(&ids);
        let alone = token_subject(&alone);
        let with_owner = token_of_owner(&ids, global);
        let together = token_subject(&with_owner);
        prop_assert_eq!(together.sources.len(), 2, "judged together");
        for (a, t) in alone.categories.iter().zip(&together.categories) {
            for (a, t) in [(a.backup, t.backup), (a.restore, t.restore)] {
                // What the token cannot do, the owner does not make possible.
                if a == Impossible {
                    prop_assert_eq!(t, Impossible);
                }
                if global == "ADMIN" || global == "SYS_ADMIN" {
                    prop_assert_eq!(t, a);
                } else if a == Possible {
                    // A plain user's listing does not show the project and repository grants
                    // the token needs: undecided, never proven either way by the listing.
                    prop_assert!(t == Possible || t == Unknown, "{:?}", t);
                }
            }
        }
    }
}

#[test]
fn the_properties_are_not_vacuous() {
    let none = token(&[]);
    let all = token(&["PROJECT_ADMIN"]);
    assert_eq!(verdicts(token_subject(&none)), (Impossible, Impossible));
    assert_eq!(verdicts(token_subject(&all)), (Possible, Partial));
    let plain = token_of_owner(&["PROJECT_ADMIN"], "LICENSED_USER");
    assert_eq!(token_subject(&plain).backup.verdict, Unknown);
}

// ── Other documented shapes: what each 401 blocks, searches that find nobody, groups ─────────

#[test]
fn a_401_blocks_the_part_its_call_belongs_to() {
    let body = r#"{"errors":[{"context":null,"message":"You are not permitted to access this resource","exceptionName":"com.atlassian.bitbucket.AuthorisationException"}]}"#;
    let cases = [
        (
            "curl -s -u bot:$TOKEN https://git.example.com/rest/api/latest/projects/OPS/repos/infra/webhooks",
            "repository-settings",
            false,
        ),
        (
            "curl -s -X POST -u bot:$TOKEN https://git.example.com/rest/api/latest/projects",
            "projects",
            true,
        ),
        (
            "curl -s -X POST -u bot:$TOKEN https://git.example.com/rest/api/latest/projects/OPS/repos",
            "new-repositories",
            true,
        ),
        (
            "curl -s -u bot:$TOKEN https://git.example.com/rest/api/latest/projects/OPS/permissions/users",
            "project-settings",
            false,
        ),
    ];
    for (command, category_id, restore) in cases {
        let report = run(&format!("{command}\n{body}\n"));
        let s = only(&report);
        let f = finding(s, "bitbucket-dc-not-permitted");
        assert!(f.proves.contains(category_id), "{command}: {}", f.proves);
        let (backup, restore_verdict) = category(s, category_id);
        if restore {
            assert_eq!(restore_verdict, Impossible, "{command}");
        } else {
            assert_eq!(backup, Impossible, "{command}");
        }
        assert_eq!(s.label, "Credential of bot on git.example.com from paste");
    }
}

#[test]
fn a_401_without_its_request_proves_nothing_about_a_category() {
    let report = run(
        r#"{"errors":[{"context":null,"message":"You are not permitted to access this resource","exceptionName":"com.atlassian.bitbucket.AuthorisationException"}]}"#,
    );
    let s = only(&report);
    let f = finding(s, "bitbucket-dc-not-permitted");
    assert!(f.proves.contains("the call"), "{}", f.proves);
    assert_eq!(verdicts(s), (Unknown, Unknown));
}

#[test]
fn a_missing_project_fails_the_backup_of_its_repositories() {
    let report = run(
        r#"{"errors":[{"context":null,"message":"Project OPS does not exist.","exceptionName":"com.atlassian.bitbucket.project.NoSuchProjectException"}]}"#,
    );
    let s = only(&report);
    finding(s, "bitbucket-dc-no-such-project");
    assert_eq!(category(s, "repositories").0, Impossible);
    assert_eq!(category(s, "projects").0, Impossible);
}

#[test]
fn an_exception_permcheck_does_not_judge_is_named() {
    let report = run(
        r#"{"errors":[{"context":null,"message":"Something else","exceptionName":"com.atlassian.bitbucket.ServiceException"}]}"#,
    );
    assert!(report.subjects.is_empty());
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    assert!(report.diagnostics[0].message.contains("ServiceException"));
    assert_eq!(report.exit_code(), 2);
}

#[test]
fn a_search_that_finds_nobody_says_no_grant_gives_it() {
    let text = "curl -s -u bot:$TOKEN \"https://git.example.com/rest/api/latest/users?filter=bot&permission=PROJECT_CREATE\"\n{\"size\":0,\"limit\":25,\"isLastPage\":true,\"values\":[],\"start\":0}\n";
    let report = run(text);
    assert!(report.subjects.is_empty());
    let d = &report.diagnostics[0];
    assert_eq!(d.severity, Severity::Info);
    assert!(
        d.message
            .contains("no user matching `bot` with PROJECT_CREATE"),
        "{}",
        d.message
    );
    assert!(d.message.contains("no grant"), "{}", d.message);
}

#[test]
fn a_users_list_without_its_filter_is_not_read_as_permissions() {
    let report = run(
        r#"{"size":1,"limit":25,"isLastPage":true,"values":[{"name":"bot","emailAddress":"bot@example.com","id":3,"displayName":"Bot","active":true,"slug":"bot","type":"NORMAL"}],"start":0}"#,
    );
    assert!(report.subjects.is_empty());
    assert!(report.diagnostics[0]
        .message
        .contains("permission filter is not shown"));
}

#[test]
fn group_grants_are_named_but_judge_no_account() {
    let text = "curl -s -u admin:$PASSWORD https://git.example.com/rest/api/latest/admin/permissions/groups\n{\"size\":2,\"limit\":25,\"isLastPage\":true,\"values\":[{\"group\":{\"name\":\"stash-users\"},\"permission\":\"LICENSED_USER\"},{\"group\":{\"name\":\"backup-admins\"},\"permission\":\"ADMIN\"}],\"start\":0}\n";
    let report = run(text);
    assert!(
        report.subjects.is_empty(),
        "a group is not the backup account"
    );
    assert_eq!(report.diagnostics.len(), 2);
    assert!(report.diagnostics[1]
        .message
        .contains("`backup-admins` has Admin (ADMIN)"));
    assert!(report.diagnostics[1]
        .help
        .as_deref()
        .unwrap()
        .contains("permission=ADMIN"));
}

#[test]
fn broken_recorded_exchanges_never_panic() {
    let Some(text) =
        dc_sample("bitbucket-dc-users-with-repo-read-permission-query-sourcegraph-vcr.yaml")
    else {
        return;
    };
    for cut in (0..text.len()).step_by(37) {
        if !text.is_char_boundary(cut) {
            continue;
        }
        let report = run(&text[..cut]);
        only_dc(&report);
    }
}

#[test]
fn dates_no_token_can_have_are_not_expiries() {
    for token in [
        r#"{"name":"t","id":"1","createdDate":1768435200000,"expiryDays":-5,"permissions":["REPO_READ"]}"#,
        r#"{"name":"t","id":"1","createdDate":9223372036854775807,"expiryDays":90,"permissions":["REPO_READ"]}"#,
        r#"{"name":"t","id":"1","createdDate":1768435200000,"expiryDays":9223372036854775807,"permissions":["REPO_READ"]}"#,
        r#"{"name":"t","id":"1","expiryDate":-9223372036854775808,"permissions":["REPO_READ"]}"#,
    ] {
        let report = run_with(token, &at_now());
        let s = only(&report);
        assert_eq!(s.expires, None, "{token}");
        assert_eq!(s.backup.verdict, Partial, "{token}");
    }
    // A real expiry: created 2026-01-15, 90 days.
    let report = run_with(
        r#"{"name":"t","id":"1","createdDate":1768435200000,"expiryDays":90,"permissions":["REPO_READ"]}"#,
        &at_now(),
    );
    assert_eq!(only(&report).expires.as_ref().unwrap().date, "2026-04-15");
    assert_eq!(
        only(&report).backup.verdict,
        Impossible,
        "expired before 2026-06-01"
    );
}
