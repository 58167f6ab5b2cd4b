//! Answers an admin read wrong in a tester's session (one test each): broken JSON, expired or
//! revoked credentials, secrets inside words, hosts of other platforms.
#![allow(clippy::panic, reason = "tests fail loudly")]
mod common;

use common::*;
use permcheck::evidence::parse_timestamp;
use permcheck::report::Severity;
use permcheck::{check, Input, Options, Report, Verdict::*};

fn run_at(text: &str, date: &str) -> Report {
    let options = Options {
        now: parse_timestamp(date),
        ..Options::default()
    };
    check(&[Input::new("paste", text)], &options)
}

fn every_text(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_default()
}

#[test]
fn broken_json_is_an_error_at_its_line_never_a_verdict() {
    // A trailing comma: read as lines, the keys were scopes and `"active": false` was lost.
    let trailing = "{\n  \"id\": 42,\n  \"name\": \"backup\",\n  \"revoked\": true,\n  \"scopes\": [\"read_api\", \"read_repository\"],\n  \"active\": false,\n  \"expires_at\": \"2025-06-01\",\n}\n";
    // A missing comma: `api` was dropped and then asked for.
    let missing = "{\n  \"id\": 42,\n  \"scopes\": [\"api\", \"read_repository\", \"write_repository\"]\n  \"active\": true\n}\n";
    for (text, line) in [(trailing, 8), (missing, 4)] {
        let report = run_at(text, "2026-11-30");
        assert!(report.subjects.is_empty(), "{text}: {:?}", report.subjects);
        let error = report
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .unwrap_or_else(|| panic!("no error for {text}: {:?}", report.diagnostics));
        assert!(
            error.message.contains("not valid JSON"),
            "{}",
            error.message
        );
        assert_eq!(error.line, line, "{text}: {error:?}");
    }
}

#[test]
fn an_expired_or_revoked_credential_has_no_possible_row() {
    let expired = r#"{"id":42,"name":"backup","revoked":false,"scopes":["api","read_repository","write_repository"],"user_id":7,"active":true,"expires_at":"2025-01-01"}"#;
    let invalid = "github.com\n  X Failed to log in to github.com account octocat (default)\n  - Active account: true\n  - The token in default is invalid.\n  - Token scopes: 'repo', 'workflow', 'admin:org'\n";
    for text in [expired, invalid] {
        let report = run_at(text, "2026-11-30");
        let subject = only(&report);
        assert_eq!(verdicts(subject), (Impossible, Impossible), "{text}");
        for row in &subject.categories {
            assert_eq!(
                (row.backup, row.restore),
                (Impossible, Impossible),
                "{text}: {row:?}"
            );
        }
        assert!(
            subject
                .categories
                .iter()
                .any(|r| r.backup_reason.starts_with("fails whatever the scopes")),
            "{text}: {:?}",
            subject.categories
        );
        assert!(
            !subject.backup.summary.contains("scopes below"),
            "{}",
            subject.backup.summary
        );
    }
}

#[test]
fn secrets_inside_words_are_never_echoed() {
    let text = "GITLAB_TOKEN=glpat-AbCdEfGhIjKlMnOpQrSt\ngit clone https://x-token-auth:ATCTT3xFfGN0abcdefghijklmnopqrstuvwxyz0123456789ABCDEF@bitbucket.org/acme/repo.git\n";
    let all = every_text(&run_at(text, "2026-11-30"));
    assert!(!all.contains("AbCdEfGhIj"), "{all}");
    assert!(!all.contains("abcdefghijklmnop"), "{all}");
}

#[test]
fn a_command_to_another_platform_does_not_name_the_host() {
    let text = "curl -s https://dev.azure.com/acme/_apis/projects\n{\"id\":9,\"name\":\"backup\",\"revoked\":false,\"scopes\":[\"read_api\",\"read_repository\"],\"user_id\":3,\"active\":true,\"expires_at\":\"2027-03-01\"}\n";
    let report = run_at(text, "2026-11-30");
    let subject = only(&report);
    assert!(
        !subject.label.contains("dev.azure.com"),
        "{}",
        subject.label
    );
}

#[test]
fn azure_devops_page_labels_are_never_github_permissions() {
    for text in [
        "Code: Read & write\n",
        "Code: Read & write\nWork Items: Read & write\nBuild: Read & execute\n",
        "Code: Read\nWork Items: Read\n",
    ] {
        let report = run_at(text, "2026-11-30");
        let subject = only(&report);
        assert_eq!(
            subject.platform,
            Some(permcheck::Platform::AzureDevopsServices),
            "{text}"
        );
        if text.contains("Read & write") {
            assert!(
                subject.granted.iter().any(|g| g.id == "vso.code_write"),
                "{text}: {:?}",
                subject.granted
            );
        }
    }
}

#[test]
fn scope_words_in_a_sentence_are_not_grants() {
    for text in [
        "Hi, the backup job failed last night. The token was created with repo and workflow,\nand our admin added admin:org later. Can you check?\n",
        "The token has admin:org (please check)\n",
    ] {
        let report = run_at(text, "2026-11-30");
        assert!(report.subjects.is_empty(), "{text}: {:?}", report.subjects);
    }
    // An id set apart in a label still counts.
    let report = run_at(
        "Code: read, write and manage (vso.code_manage)\n",
        "2026-11-30",
    );
    assert!(only(&report)
        .granted
        .iter()
        .any(|g| g.id == "vso.code_manage"));
}

#[test]
fn a_refusal_pasted_with_the_grants_is_judged_with_them() {
    // GitLab: a scope list and a push refusal in one paste are one credential, not a green
    // subject beside a red one.
    let text = "Scopes: api, read_repository, write_repository\n$ git push origin main\nremote: You are not allowed to push code to this project.\nfatal: unable to access 'https://gitlab.example.com/acme/app.git/': The requested URL returned error: 403\n";
    let report = run_at(text, "2026-11-30");
    let subject = only(&report);
    assert_eq!(
        subject.restore.verdict, Impossible,
        "{}",
        subject.restore.summary
    );
    assert!(subject.combined.len() >= 2, "{:?}", subject.combined);
    // Azure DevOps: the PAT's scopes beside a TF401027 are judged with the account's refusal,
    // not dropped.
    let text = "vso.build_execute vso.code_manage vso.environment_manage vso.project_manage vso.variablegroups_write vso.wiki_write vso.work_write vso.packaging_manage\n\nremote: TF401027: You need the Git 'GenericContribute' permission to perform this action. Details: identity 'Backup Svc', scope 'repository'.\nfatal: unable to access 'https://dev.azure.com/acme/proj/_git/app/': The requested URL returned error: 403\n";
    let report = run_at(text, "2026-11-30");
    let subject = only(&report);
    assert!(subject.label.starts_with("PAT"), "{}", subject.label);
    assert!(subject.label.contains("Backup Svc"), "{}", subject.label);
    assert_eq!(subject.restore.verdict, Impossible);
    assert!(!subject.granted.is_empty());
}

#[test]
fn capitalized_words_are_labels_not_scope_ids() {
    // Azure DevOps labels one per line: `Wiki` is not Bitbucket's `wiki` scope.
    let text =
        "Code\nRead & write\nWork Items\nRead, write, & manage\nWiki\nRead & write\nBuild\nRead & execute\n";
    let report = run_at(text, "2026-11-30");
    assert!(report.subjects.is_empty(), "{:?}", report.subjects);
    // Ids in capitals are still ids.
    let report = run_at("REPO_READ PROJECT_READ\n", "2026-11-30");
    assert_eq!(
        only(&report).platform,
        Some(permcheck::Platform::BitbucketDataCenter)
    );
}

#[test]
fn a_probe_scripts_keys_are_not_scopes() {
    let text = "GH_CLI: /usr/bin/gh\nGH_AUTH_EXIT: 0\nGH_AUTH_OUTPUT:\n  github.com\n    ✓ Logged in to github.com account octocat (keyring)\n    - Active account: true\n    - Token scopes: 'read:org', 'repo'\n";
    let report = run_at(text, "2026-11-30");
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("GH_")),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_credential_override_the_grants_contradict_is_not_applied() {
    let options = Options {
        platform: Some(permcheck::Platform::Github),
        credential: Some(permcheck::Credential::FineGrainedPat),
        now: parse_timestamp("2026-11-30"),
    };
    let report = check(&[Input::new("paste", "repo workflow read:org\n")], &options);
    let subject = only(&report);
    assert_ne!(subject.credential, permcheck::Credential::FineGrainedPat);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("not applied")),
        "{:?}",
        report.diagnostics
    );
    // One the grants allow is applied.
    let options = Options {
        credential: Some(permcheck::Credential::Oauth),
        ..options
    };
    let report = check(&[Input::new("paste", "repo workflow read:org\n")], &options);
    assert_eq!(only(&report).credential, permcheck::Credential::Oauth);
}

#[test]
fn the_fine_grained_tokens_list_says_when_a_token_expired() {
    let text = "xopero-backup\nExpired on Mon, Nov 2 2026.\nRead access to metadata\nRead and Write access to administration, code, issues, pull requests, and workflows\n";
    let report = run_at(text, "2026-11-30");
    let subject = only(&report);
    assert_eq!(
        subject.expires.as_ref().map(|e| e.date.as_str()),
        Some("2026-11-02")
    );
    assert_eq!(verdicts(subject), (Impossible, Impossible));
    let report = run_at(
        &text.replace("Expired on Mon, Nov 2 2026.", "Expires on Tue, Dec 1 2026."),
        "2026-11-30",
    );
    let subject = only(&report);
    assert_eq!(
        subject.expires.as_ref().map(|e| e.date.as_str()),
        Some("2026-12-01")
    );
    assert_ne!(subject.backup.verdict, Impossible);
}

#[test]
fn another_users_role_is_never_the_tokens() {
    let token = r#"{"id": 42, "name": "backup", "revoked": false, "scopes": ["read_api","read_repository"], "user_id": 7, "active": true, "expires_at": "2027-12-01"}"#;
    let member = |id: u32, level: u32| {
        format!(
            r#"{{"id": {id}, "username": "raymond_smith", "state": "active", "access_level": {level}}}"#
        )
    };
    let options = Options {
        now: parse_timestamp("2026-11-30"),
        ..Options::default()
    };
    // User 1's Reporter role is not user 7's token's.
    let report = check(
        &[
            Input::new("token.json", token),
            Input::new("member.json", member(1, 20)),
        ],
        &options,
    );
    let subject = report
        .subjects
        .iter()
        .find(|s| s.label.contains("backup"))
        .unwrap_or_else(|| panic!("{:?}", report.subjects));
    assert_eq!(subject.sources, vec!["token.json".to_string()]);
    assert!(
        subject
            .warnings
            .iter()
            .any(|w| w.message.contains("cannot be tied")),
        "{:?}",
        subject.warnings
    );
    // User 7's is.
    let report = check(
        &[
            Input::new("token.json", token),
            Input::new("member.json", member(7, 20)),
        ],
        &options,
    );
    let subject = only(&report);
    assert_eq!(subject.sources.len(), 2, "{:?}", subject.sources);
    assert_eq!(
        subject.backup.verdict, Partial,
        "{}",
        subject.backup.summary
    );
}

#[test]
fn every_reason_a_credential_fails_is_said() {
    let text = r#"{"patTokens":[{"displayName":"old","validFrom":"2023-01-01T00:00:00Z","validTo":"2024-01-01T00:00:00Z","scope":"vso.code_manage","targetAccounts":["00000000-0000-0000-0000-000000000001"],"authorizationId":"00000000-0000-0000-0000-0000000003e8","token":null}],"continuationToken":""}"#;
    let report = run_at(text, "2026-11-30");
    let subject = only(&report);
    assert!(
        subject.backup.summary.contains("expired"),
        "{}",
        subject.backup.summary
    );
    assert!(
        subject.backup.summary.contains("organization"),
        "{}",
        subject.backup.summary
    );
    assert!(
        !subject.backup.summary.contains("below"),
        "{}",
        subject.backup.summary
    );
}

#[test]
fn another_users_acls_are_never_the_tokens() {
    let dir = "tests/fixtures/handmade/account-other-token";
    let read = |name: &str| {
        Input::new(
            name,
            std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_default(),
        )
    };
    let options = Options {
        now: parse_timestamp("2026-11-30"),
        ..Options::default()
    };
    let account = [
        "s4_acl.json",
        "s1_memb.json",
        "s1_groups.json",
        "s1_ident.json",
    ];
    let with = |jwt: &str| {
        let mut inputs = vec![read(jwt)];
        inputs.extend(account.iter().map(|n| read(n)));
        check(&inputs, &options)
    };
    let report = with("jwt_other.txt");
    assert_eq!(report.subjects.len(), 2, "{:?}", report.subjects);
    let token = report
        .subjects
        .iter()
        .find(|s| s.label.contains("someoneelse"))
        .unwrap_or_else(|| panic!("{:?}", report.subjects));
    assert!(!token.label.contains("with the ACLs"), "{}", token.label);
    assert!(token.warnings.iter().any(|w| w.id == "acl-not-paired"));
    let report = with("jwt_own.txt");
    let token = only(&report);
    assert!(token.label.contains("with the ACLs of"), "{}", token.label);
}

#[test]
fn an_organization_role_alone_still_asks_for_the_repository_role() {
    let status = "$ gh auth status\ngithub.com\n  ✓ Logged in to github.com account alice (keyring)\n  - Active account: true\n  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'\n";
    let membership = |role: &str| {
        format!(
            r#"{{"url": "https://api.github.com/orgs/octocat/memberships/alice", "state": "active", "role": "{role}", "organization": {{"login": "octocat"}}, "user": {{"login": "alice", "id": 2}}}}"#
        )
    };
    let options = Options {
        now: parse_timestamp("2026-11-30"),
        ..Options::default()
    };
    let judged = |role: &str| {
        let report = check(
            &[
                Input::new("status.txt", status),
                Input::new("membership.json", membership(role)),
            ],
            &options,
        );
        let warned = only(&report)
            .warnings
            .iter()
            .any(|w| w.id == "github-repository-role-unknown");
        warned
    };
    assert!(judged("member"));
    // An owner is admin on every repository of the organization.
    assert!(!judged("admin"));
}

#[test]
fn any_json_with_scopes_says_when_its_token_expired_or_was_revoked() {
    for text in [
        r#"{"scopes":["api"],"name":"backup","expires_at":"2020-01-01","active":false}"#,
        r#"{"id":1,"scopes":["api"],"name":"x","expires_at":"2020-01-01"}"#,
        r#"{"scopes":["api"],"name":"x","revoked":true}"#,
    ] {
        let report = run_at(text, "2026-11-30");
        assert_eq!(verdicts(only(&report)), (Impossible, Impossible), "{text}");
    }
}

#[test]
fn a_command_above_a_blank_line_does_not_take_another_platforms_labels() {
    let text = "$ gh auth status\ngithub.com\n  ✓ Logged in to github.com account octocat (keyring)\n  - Active account: true\n  - Token scopes: 'gist', 'read:org', 'repo', 'workflow'\n\nCode: Read & write\nWork Items: Read\nBuild: Read & execute\n";
    let report = run_at(text, "2026-11-30");
    let platforms: Vec<_> = report.subjects.iter().map(|s| s.platform).collect();
    assert_eq!(
        platforms,
        vec![
            Some(permcheck::Platform::Github),
            Some(permcheck::Platform::AzureDevopsServices)
        ]
    );
}

#[test]
fn an_acl_category_no_permission_decides_is_unknown_not_green() {
    let text = r#"{"count":1,"value":[{"inheritPermissions":true,"token":"repoV2","acesDictionary":{"Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-1-2-3-4":{"descriptor":"Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-1-2-3-4","allow":2,"deny":0}}}]}"#;
    let report = run_at(text, "2026-11-30");
    assert!(!report.subjects.is_empty());
    for subject in &report.subjects {
        for row in &subject.categories {
            if row.backup == Possible {
                assert!(!row.backup_reason.contains("name none"), "{row:?}");
            }
        }
        let processes = subject.categories.iter().find(|c| c.id == "processes");
        assert!(
            processes.is_some_and(|c| c.backup == Unknown),
            "{processes:?}"
        );
    }
}
