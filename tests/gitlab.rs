//! GitLab: every sample of platform-samples.md §2 gives the conclusion its row states (or a
//! better argued one), the handmade shapes are read, a token is judged with its role (the role
//! caps the scopes), and no GitLab text yields another platform's subject or the reverse.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
mod common;
use common::*;
use permcheck::evidence::parse_timestamp;
use permcheck::report::{Severity, Subject};
use permcheck::{check, Credential, Input, Options, Platform, Report, Verdict, Verdict::*};
use proptest::prelude::*;

fn gitlab_subjects(report: &Report) -> Vec<&Subject> {
    report
        .subjects
        .iter()
        .filter(|s| s.platform == Some(Platform::Gitlab))
        .collect()
}

fn finding_ids(subject: &Subject) -> Vec<&str> {
    subject.findings.iter().map(|f| f.id.as_str()).collect()
}

fn warning_ids(subject: &Subject) -> Vec<&str> {
    subject.warnings.iter().map(|w| w.id.as_str()).collect()
}

fn at(date: &str) -> Options {
    Options {
        now: parse_timestamp(date),
        ..Options::default()
    }
}

fn run_at(text: &str, date: &str) -> Report {
    check(&[Input::new("paste", text)], &at(date))
}

/// Every GitLab sample with its fixture copy: they must be the same text.
#[test]
fn fixture_copies_match_the_shared_samples() {
    for name in [
        "gitlab-glab-auth-status-two-self-managed-hosts-eps-preview.txt",
        "gitlab-401-403-404-insufficient-scope-sudo-only-self-managed-git-as-svn-344.txt",
        "gitlab-personal-access-tokens-list.response.json",
    ] {
        let Some(shared) = shared_sample("gitlab", name) else {
            return;
        };
        assert_eq!(shared, fixture(&format!("gitlab/{name}")), "{name}");
    }
}

// ── §2 #1: glab auth status, two self-managed hosts, and a gh block in the same paste ────────

#[test]
fn glab_status_names_login_and_host_and_asks_for_the_scopes() {
    let Some(text) = shared_sample(
        "gitlab",
        "gitlab-glab-auth-status-two-self-managed-hosts-eps-preview.txt",
    ) else {
        return;
    };
    let report = run(&text);
    let gitlab = gitlab_subjects(&report);
    assert_eq!(gitlab.len(), 2, "{:#?}", report.subjects);
    for (subject, host, user) in [
        (gitlab[0], "gitlab.toto.io", "iwanuschka"),
        (gitlab[1], "gitlab.oo.bitgrip.berlin", "christoph.wanja"),
    ] {
        assert_eq!(
            subject.label,
            format!("glab login of {user} on {host} from paste")
        );
        assert_eq!(subject.credential, Credential::Token);
        assert_eq!(verdicts(subject), (Unknown, Unknown));
        assert!(subject.granted.is_empty());
        // The command to paste, on the login's own host.
        let command = format!("https://{host}/api/v4/personal_access_tokens/self");
        assert!(
            subject.backup.summary.contains(&command),
            "{}",
            subject.backup.summary
        );
        assert!(warning_ids(subject).contains(&"glab-prints-no-scopes"));
        assert!(subject.findings.is_empty(), "{:?}", subject.findings);
    }
    // The gitlab.com telemetry 401 is not a login of either host, nor a subject of its own.
    assert!(report
        .subjects
        .iter()
        .all(|s| !s.label.contains("gitlab.com")));
    // The gh block is GitHub's: GitLab never claims it.
    assert!(report
        .subjects
        .iter()
        .filter(|s| s.label.contains("github"))
        .all(|s| s.platform != Some(Platform::Gitlab)));
    let parsed =
        permcheck::parse::parse_input(&Input::new("paste", text.as_str()), &Options::default());
    let gh_at = text.find("GH_CLI").unwrap();
    for credential in parsed
        .credentials
        .iter()
        .filter(|c| c.platform == Some(Platform::Gitlab))
    {
        assert!(credential.span.end <= gh_at, "{:?}", credential.span);
    }
    assert!(
        report.diagnostics.iter().all(|d| d.line >= 19),
        "only the gh lines may be left unread: {:?}",
        report.diagnostics
    );
}

#[test]
fn glab_status_with_a_rejected_token_and_a_login() {
    let report = run(&fixture("gitlab/handmade-glab-status-401.txt"));
    let gitlab = gitlab_subjects(&report);
    assert_eq!(gitlab.len(), 2);
    assert_eq!(gitlab[0].label, "glab login on gitlab.com from paste");
    assert_eq!(verdicts(gitlab[0]), (Impossible, Impossible));
    assert_eq!(finding_ids(gitlab[0]), vec!["gitlab-token-rejected"]);
    assert_eq!(
        gitlab[1].label,
        "glab login of backup-bot on gitlab.example.com from paste"
    );
    assert_eq!(verdicts(gitlab[1]), (Unknown, Unknown));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn glab_status_copied_without_indentation() {
    // As pasted in gitlab-org/cli#926 (redacted), every line at the margin.
    let text = "gitlab.com\n✓ Logged in to gitlab.com as ************ (/Users/me/.config/glab-cli/config.yml)\n✓ Git operations for gitlab.com configured to use ssh protocol.\n✓ API calls for gitlab.com are made over https protocol\n✓ REST API Endpoint: https://gitlab.com/api/v4/\n✓ GraphQL Endpoint: https://gitlab.com/api/graphql/\n✓ Token: ********************\n! Invalid token provided\n";
    let report = run(text);
    let s = only(&report);
    assert_eq!(s.label, "glab login on gitlab.com from paste");
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert_eq!(finding_ids(s), vec!["gitlab-token-rejected"]);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn old_gh_status_is_never_read_as_glab() {
    // gh before 2.40 wrote "Logged in to … as …" like glab, but shows scopes.
    let text = "github.com\n  ✓ Logged in to github.com as octocat (/home/o/.config/gh/hosts.yml)\n  ✓ Git operations for github.com configured to use https protocol.\n  ✓ Token: gho_************************************\n  ✓ Token scopes: gist, read:org, repo, workflow\n";
    let report = run(text);
    assert!(
        gitlab_subjects(&report).is_empty(),
        "{:#?}",
        report.subjects
    );
}

#[test]
fn headers_of_a_gitlab_api_response_are_read_without_gitlab_headers() {
    let text = "$ curl -si --header \"PRIVATE-TOKEN: $T\" https://git.example.org/api/v4/projects/9\nHTTP/1.1 404 Not Found\ncontent-type: application/json\ncache-control: no-cache\n\n{\"message\":\"404 Project Not Found\"}\n";
    let report = run(text);
    let s = only(&report);
    assert_eq!(finding_ids(s), vec!["gitlab-not-found"]);
    assert_eq!(s.backup.verdict, Impossible);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── §2 #3: three curl answers: 404 without a token, 401, 403 insufficient_scope ──────────────

#[test]
fn curl_404_401_403_are_told_apart() {
    let Some(text) = shared_sample(
        "gitlab",
        "gitlab-401-403-404-insufficient-scope-sudo-only-self-managed-git-as-svn-344.txt",
    ) else {
        return;
    };
    let report = run(&text);
    assert_eq!(report.subjects.len(), 2, "{:#?}", report.subjects);
    let rejected = &report.subjects[0];
    assert_eq!(
        rejected.label,
        "Token \"token_with_all_boxes_checked\" on team.allstargamejammers.com"
    );
    assert_eq!(verdicts(rejected), (Impossible, Impossible));
    assert_eq!(finding_ids(rejected), vec!["gitlab-token-rejected"]);
    assert_eq!(rejected.findings[0].line, 4);
    let sudo = &report.subjects[1];
    assert_eq!(
        sudo.label,
        "Token \"token_with_only_sudo\" on team.allstargamejammers.com"
    );
    // A GET refused for scope: neither api nor read_api, so nothing works through the API.
    assert_eq!(verdicts(sudo), (Impossible, Impossible));
    assert_eq!(finding_ids(sudo), vec!["gitlab-insufficient-scope"]);
    assert!(sudo.findings[0].proves.contains("read_api"));
    // The anonymous 404: hidden, not missing, and no subject.
    let hidden: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("404 Project Not Found"))
        .collect();
    assert_eq!(hidden.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(hidden[0].severity, Severity::Info);
    assert!(hidden[0].message.contains("hidden, not missing"));
    assert_eq!(hidden[0].line, 2);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Info),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(report.inputs[0].format, "gitlab-error-body");
}

// ── §2 #5 and the stored body: insufficient_scope names one acceptable scope ──────────────────

#[test]
fn insufficient_scope_body_proves_api_missing_not_read_api() {
    for name in [
        "gitlab-403-insufficient-scope-read_user-oauth-passport-gitlab2-5.txt",
        "gitlab-insufficient-scope-403.json",
    ] {
        let Some(text) = shared_sample("gitlab", name) else {
            return;
        };
        let report = run(&text);
        let s = only(&report);
        assert_eq!(s.platform, Some(Platform::Gitlab));
        // No scope was granted: "scope":"api" is what the endpoint wanted.
        assert!(s.granted.is_empty(), "{name}: {:?}", s.granted);
        assert_eq!(verdicts(s), (Unknown, Impossible), "{name}");
        assert_eq!(category(s, "repositories"), (Unknown, Impossible));
        // The registry is pushed with write_registry, not api: not decided by this body.
        assert_eq!(category(s, "container-registry"), (Unknown, Unknown));
        let finding = &s.findings[0];
        assert_eq!(finding.id, "gitlab-insufficient-scope");
        assert!(
            finding.action.contains("`read_api` also works"),
            "{}",
            finding.action
        );
        assert!(
            report.diagnostics.is_empty(),
            "{name}: {:?}",
            report.diagnostics
        );
    }
}

#[test]
fn insufficient_scope_naming_read_api_or_after_a_get_blocks_backup_too() {
    let report = run(&fixture("gitlab/handmade-insufficient-scope-curl-i.txt"));
    let s = only(&report);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert_eq!(s.findings.len(), 1, "headers and body are one answer");
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── §2 #6: clone 403 with the gitlab-ci-token username ────────────────────────────────────────

#[test]
fn clone_403_with_ci_token_username_is_the_git_leg() {
    let Some(text) = shared_sample(
        "gitlab",
        "gitlab-clone-403-token-api-scope-only-gitlab-mr-resource-31.txt",
    ) else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::Gitlab));
    assert!(s.label.contains("gitlab.company.com"), "{}", s.label);
    // A refused clone refuses pushes too; the line does not say it was a clone.
    assert_eq!(category(s, "repositories"), (Unknown, Impossible));
    assert_eq!(finding_ids(s), vec!["gitlab-git-https-refused"]);
    let finding = &s.findings[0];
    assert!(finding.action.contains("gitlab-ci-token"));
    assert!(finding.action.contains("separately from the API"));
    assert!(finding.cannot_tell.contains("clone or a push"));
    // The reporter's prose is reported, never read as scopes ("only has api permissions").
    assert!(s.granted.is_empty());
}

#[test]
fn clone_refused_after_cloning_into_blocks_backup() {
    let text = "$ git clone https://gitlab.example.com/acme/api.git\nCloning into 'api'...\nfatal: unable to access 'https://gitlab.example.com/acme/api.git/': The requested URL returned error: 403\n";
    let report = run(text);
    let s = only(&report);
    assert_eq!(category(s, "repositories"), (Impossible, Impossible));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn git_http_basic_denied_blocks_the_git_leg_both_ways() {
    let report = run(&fixture("gitlab/handmade-git-clone-http-basic-denied.txt"));
    let s = only(&report);
    assert_eq!(category(s, "repositories"), (Impossible, Impossible));
    assert_eq!(category(s, "issues"), (Unknown, Unknown));
    assert_eq!(finding_ids(s), vec!["gitlab-git-access-denied"]);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── §2 #7: git push refused ────────────────────────────────────────────────────────────────────

#[test]
fn push_refused_blocks_restore_of_code_only() {
    let Some(text) = shared_sample(
        "gitlab",
        "gitlab-git-push-https-403-not-allowed-to-push-code-rht-labs-342.txt",
    ) else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(verdicts(s), (Unknown, Impossible));
    assert_eq!(category(s, "repositories"), (Unknown, Impossible));
    assert_eq!(finding_ids(s), vec!["gitlab-push-refused"]);
    let action = &s.findings[0].action;
    for cause in ["Developer", "write_repository", "username"] {
        assert!(action.contains(cause), "{action}");
    }
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── §2 #9 and #10: the native restore (project import) refused ────────────────────────────────

#[test]
fn import_403_from_python_gitlab_blocks_the_native_restore() {
    let Some(text) = shared_sample(
        "gitlab",
        "gitlab-project-import-403-forbidden-python-gitlab-927.txt",
    ) else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(verdicts(s), (Unknown, Impossible));
    for id in ["repositories", "issues", "merge-requests"] {
        assert_eq!(category(s, id), (Unknown, Impossible), "{id}");
    }
    // Variables and webhooks are not in an export: the import's refusal does not decide them.
    assert_eq!(category(s, "ci-cd"), (Unknown, Unknown));
    assert_eq!(finding_ids(s), vec!["gitlab-import-refused"]);
    let finding = &s.findings[0];
    assert!(finding.action.contains("Maintainer") && finding.action.contains("`api`"));
    assert!(finding.cannot_tell.contains("scope or the role"));
    assert_eq!(finding.line, 3);
}

#[test]
fn namespace_not_found_twice_is_one_subject() {
    let Some(text) = shared_sample(
        "gitlab",
        "gitlab-project-import-404-namespace-not-found-gitlab-project-export-25.txt",
    ) else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(verdicts(s), (Unknown, Impossible));
    assert_eq!(finding_ids(s), vec!["gitlab-namespace-not-found"]);
    assert!(s.findings[0]
        .action
        .contains("Create the destination group first"));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── §2 #11: a member with access_level 30 ─────────────────────────────────────────────────────

#[test]
fn developer_member_backs_up_code_but_cannot_restore_into_a_group() {
    let Some(text) = shared_sample(
        "gitlab",
        "gitlab-project-member-all-user-access-level-doc-example.txt",
    ) else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Account);
    assert_eq!(s.label, "Account raymond_smith");
    // The role allows backing up code, issues, merge requests; the token's scopes decide.
    for id in [
        "repositories",
        "issues",
        "merge-requests",
        "container-registry",
    ] {
        assert_eq!(category(s, id).0, Unknown, "{id}");
    }
    // Developer: no variables, deploy keys or webhooks; no export or import into a group.
    for id in ["ci-cd", "deploy-keys", "hooks"] {
        assert_eq!(category(s, id), (Impossible, Impossible), "{id}");
    }
    assert_eq!(category(s, "repositories").1, Impossible);
    assert_eq!(s.restore.verdict, Impossible);
    assert!(s.missing.iter().any(|m| m.id == "maintainer"));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── The token's own JSON ──────────────────────────────────────────────────────────────────────

#[test]
fn pat_list_with_api_backs_up_and_restores_by_scopes() {
    let report = run(&fixture(
        "gitlab/gitlab-personal-access-tokens-list.response.json",
    ));
    let s = only(&report);
    assert_eq!(s.label, "Personal access token \"Test Token\"");
    assert_eq!(s.credential, Credential::Pat);
    // A personal token's api covers Git and the registry too.
    assert_eq!(verdicts(s), (Possible, Possible));
    assert!(warning_ids(s).contains(&"role-caps-scopes"));
    assert!(
        !warning_ids(s).contains(&"pat-assumed"),
        "the JSON says it is personal"
    );
    assert_eq!(report.inputs[0].format, "gitlab-token-list");
}

#[test]
fn rotate_response_reads_expiry_and_never_the_secret() {
    let text = fixture("gitlab/gitlab-personal-access-token-rotate.response.json");
    let before = run_at(&text, "2023-08-10");
    let s = only(&before);
    assert_eq!(s.label, "Personal access token \"Rotated Token\"");
    assert_eq!(verdicts(s), (Possible, Possible));
    assert!(warning_ids(s).contains(&"expires-soon"));
    let secret: Vec<_> = before
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("secret"))
        .collect();
    assert_eq!(secret.len(), 1);
    assert_eq!(secret[0].line, 12);
    assert!(!before.to_json().contains("s3cr3t"));
    let after = run_at(&text, "2023-08-16");
    let s = only(&after);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(s.backup.summary.contains("expired on 2023-08-15"));
}

#[test]
fn revoked_or_inactive_tokens_grant_nothing() {
    let report = run_at(
        &fixture("gitlab/gitlab-project-access-tokens-list-doc-example.json"),
        "2021-01-25",
    );
    let gitlab = gitlab_subjects(&report);
    assert_eq!(gitlab.len(), 2);
    assert_eq!(gitlab[0].label, "Project or group access token \"token\"");
    assert_eq!(gitlab[0].credential, Credential::AccessToken);
    assert!(gitlab[1].backup.summary.contains("revoked or inactive"));
    assert_eq!(verdicts(gitlab[1]), (Impossible, Impossible));
    // A project token's api covers neither Git nor the registry.
    assert_eq!(
        category(gitlab[0], "repositories"),
        (Impossible, Impossible)
    );
    assert_eq!(category(gitlab[0], "issues"), (Possible, Possible));
    let missing: Vec<&str> = gitlab[0].missing.iter().map(|m| m.id.as_str()).collect();
    assert!(missing.contains(&"read_repository") && missing.contains(&"write_repository"));
    assert!(warning_ids(gitlab[0]).contains(&"access-token-reach"));
}

#[test]
fn group_token_is_judged_with_its_bot_users_role() {
    let report = run_at(
        &fixture("gitlab/handmade-group-access-token-self.txt"),
        "2026-06-01",
    );
    let s = only(&report);
    assert_eq!(
        s.label,
        "Group access token \"backup-reader\" on gitlab.example.com"
    );
    assert_eq!(s.credential, Credential::AccessToken);
    // read_repository clones, but nothing lists the projects without read_api.
    assert_eq!(category(s, "repositories").0, Possible);
    assert_eq!(category(s, "sign-in"), (Impossible, Impossible));
    // The bot is a Reporter: restoring into the group needs Maintainer.
    assert!(
        s.restore
            .summary
            .contains("Reporter (access_level 20) of its bot user on group 15"),
        "{}",
        s.restore.summary
    );
    assert!(s.granted.iter().any(|g| g.id == "access_level:20"));
    assert!(s.excess.iter().any(|e| e.id == "self_rotate"));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn expired_token_headers_and_body_are_one_answer() {
    let report = run(&fixture("gitlab/handmade-expired-token-curl-i.txt"));
    let s = only(&report);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert_eq!(s.findings.len(), 1);
    assert!(s.findings[0].proves.contains("expired"));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── Roles: associations and members, alone and with the token ─────────────────────────────────

#[test]
fn associations_are_one_role_per_group_and_project() {
    let report = run(&fixture(
        "gitlab/gitlab-personal-access-tokens-self-associations.response.json",
    ));
    let labels: Vec<&str> = report.subjects.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "Account (Reporter (access_levels 20)) on group test from paste",
            "Account (Owner (access_levels 50)) on group test/test_private from paste",
            "Account (Reporter (group_access_level 20)) on project Test/test-project from paste",
        ]
    );
    assert_eq!(report.subjects[1].restore.verdict, Unknown);
    assert_eq!(report.subjects[0].restore.verdict, Impossible);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn token_and_associations_are_judged_together() {
    let report = check(
        &[
            Input::new(
                "self.json",
                fixture("gitlab/gitlab-personal-access-tokens-list.response.json"),
            ),
            Input::new(
                "associations.json",
                fixture("gitlab/gitlab-personal-access-tokens-self-associations.response.json"),
            ),
        ],
        &Options::default(),
    );
    let s = only(&report);
    assert_eq!(s.sources, vec!["self.json", "associations.json"]);
    // api everywhere, but Reporter in group test: variables, deploy keys and webhooks stay out
    // of the backup, and nothing can be restored into that group.
    assert_eq!(verdicts(s), (Partial, Impossible));
    assert_eq!(category(s, "repositories"), (Possible, Impossible));
    assert_eq!(category(s, "ci-cd").0, Impossible);
    assert!(
        s.restore.summary.contains("on group test"),
        "{}",
        s.restore.summary
    );
    // The token has api: the role refuses the restore, a new token would not help.
    assert!(
        !s.restore.summary.contains("new token"),
        "{}",
        s.restore.summary
    );
    assert!(!warning_ids(s).contains(&"role-caps-scopes"));
}

#[test]
fn hundreds_of_places_with_one_role_stay_readable() {
    let groups: Vec<String> = (0..300)
        .map(|i| {
            let level = if i % 3 == 0 { 40 } else { 20 };
            format!("{{\"id\": {i}, \"web_url\": \"https://gitlab.example.com/groups/acme/team-{i}\", \"name\": \"team-{i}\", \"access_levels\": {level}}}")
        })
        .collect();
    let projects: Vec<String> = (0..8)
        .map(|i| format!("{{\"id\": {i}, \"path_with_namespace\": \"acme/svc-{i}\", \"access_levels\": {{\"project_access_level\": 40, \"group_access_level\": null}}}}"))
        .collect();
    let associations = format!(
        "{{\"groups\": [{}], \"projects\": [{}]}}",
        groups.join(",\n"),
        projects.join(",\n")
    );
    let report = check(
        &[
            Input::new(
                "self.json",
                fixture("gitlab/gitlab-personal-access-tokens-list.response.json"),
            ),
            Input::new("associations.json", associations.as_str()),
        ],
        &Options::default(),
    );
    let s = only(&report);
    let roles: Vec<&str> = s.granted.iter().skip(1).map(|g| g.label.as_str()).collect();
    assert_eq!(roles.len(), 2 + 8, "{roles:?}");
    assert!(roles[0].starts_with("Maintainer (access_levels 40) on 100 groups (acme/team-0, acme/team-3, acme/team-6 and 97 more)"), "{roles:?}");
    assert!(
        roles[1].starts_with("Reporter (access_levels 20) on 200 groups (acme/team-1,"),
        "{roles:?}"
    );
    assert!(roles[2].ends_with("on project acme/svc-0"), "{roles:?}");
    assert_eq!(s.restore.verdict, Impossible);
    assert!(s.restore.summary.len() < 1000, "{}", s.restore.summary);
}

#[test]
fn members_list_reads_each_role_and_blocked_accounts() {
    let report = run(&fixture("gitlab/handmade-members-all-list.txt"));
    let labels: Vec<&str> = report.subjects.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "Account backup-bot on group acme",
            "Account dana on group acme",
            "Account old-admin on group acme"
        ]
    );
    assert_eq!(verdicts(&report.subjects[0]), (Unknown, Unknown));
    assert_eq!(report.subjects[1].restore.verdict, Impossible);
    let blocked = &report.subjects[2];
    assert_eq!(verdicts(blocked), (Impossible, Impossible));
    assert!(blocked.backup.summary.contains("blocked"));
    assert!(
        blocked.missing.is_empty(),
        "a role is not what a blocked account lacks"
    );
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── Scope lists ───────────────────────────────────────────────────────────────────────────────

#[test]
fn xopero_minimum_backs_up_but_cannot_restore() {
    let report = run("read_api read_repository");
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::Gitlab));
    assert_eq!(s.credential, Credential::Pat);
    assert!(warning_ids(s).contains(&"pat-assumed"));
    // The registry needs read_registry (a personal token's read_api includes it).
    assert_eq!(s.backup.verdict, Possible);
    assert_eq!(s.restore.verdict, Impossible);
    assert!(s.restore.summary.contains("back up but not restore"));
    let missing: Vec<&str> = s.missing.iter().map(|m| m.id.as_str()).collect();
    assert!(
        missing.contains(&"api") && missing.contains(&"write_repository"),
        "{missing:?}"
    );
}

#[test]
fn write_repository_is_git_only_and_read_api_cannot_clone() {
    let report = run("write_repository");
    let s = only(&report);
    assert_eq!(category(s, "sign-in"), (Impossible, Impossible));
    assert_eq!(verdicts(s), (Impossible, Impossible));
    let report = run("read_api");
    let s = only(&report);
    assert_eq!(category(s, "repositories").0, Impossible);
    assert_eq!(category(s, "issues").0, Possible);
}

#[test]
fn a_project_tokens_api_does_not_clone() {
    let options = Options {
        credential: Some(Credential::AccessToken),
        ..Options::default()
    };
    let report = run_with("api", &options);
    let s = only(&report);
    assert_eq!(category(s, "repositories"), (Impossible, Impossible));
    assert_eq!(category(s, "issues"), (Possible, Possible));
    let report = run("api");
    assert_eq!(
        category(only(&report), "repositories"),
        (Possible, Possible)
    );
}

#[test]
fn personal_only_scopes_make_the_kind_certain() {
    let report = run("sudo read_user");
    let s = only(&report);
    assert_eq!(s.credential, Credential::Pat);
    assert!(!warning_ids(s).contains(&"pat-assumed"));
    assert_eq!(verdicts(s), (Impossible, Impossible));
}

#[test]
fn a_scopes_heading_makes_plain_ids_count() {
    let report = run("Scopes: api, read_repository");
    let s = only(&report);
    let granted: Vec<&str> = s.granted.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(granted, vec!["api", "read_repository"]);
    assert_eq!(verdicts(s), (Possible, Possible));
    // Another platform's list under the same heading is not GitLab's.
    let report = run("Scopes: repository, account");
    assert!(gitlab_subjects(&report).is_empty());
}

#[test]
fn api_in_prose_is_not_a_scope() {
    for prose in [
        "the token I'm using only has api permissions",
        "please use the api to check",
        "Ah, I think I may know the problem here",
    ] {
        let report = run(prose);
        assert!(gitlab_subjects(&report).is_empty(), "{prose}");
    }
}

#[test]
fn gitlab_tokens_are_never_echoed() {
    let secret = "glpat-Xy3kq9vB2mN7pL4tR8sW";
    for text in [
        secret.to_string(),
        format!("curl --header \"PRIVATE-TOKEN: {secret}\" https://gitlab.example.com/api/v4/user\n{{\"message\":\"401 Unauthorized\"}}"),
    ] {
        let report = run(&text);
        let json = report.to_json();
        assert!(!json.contains("Xy3kq9vB2mN7pL4tR8sW"), "{json}");
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("GitLab personal, project or group access token")),
            "{text}: {:?}",
            report.diagnostics
        );
    }
}

#[test]
fn gitlab_headers_attribute_a_scope_list_to_gitlab() {
    // A response from GitLab (x-gitlab-meta) whose body is a scope list in a token object.
    let text = "$ curl -si -H \"PRIVATE-TOKEN: $T\" https://gitlab.example.com/api/v4/personal_access_tokens/self\nHTTP/2 200\ncontent-type: application/json\nx-gitlab-meta: {\"correlation_id\":\"01J\",\"version\":\"1\"}\n\n{\"id\":1,\"name\":\"backup\",\"revoked\":false,\"scopes\":[\"read_api\",\"read_repository\"],\"user_id\":5,\"active\":true,\"expires_at\":null}\n";
    let report = run(text);
    let s = only(&report);
    assert_eq!(
        s.label,
        "Personal access token \"backup\" on gitlab.example.com"
    );
    assert_eq!(s.backup.verdict, Possible);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

// ── Platforms never cross ─────────────────────────────────────────────────────────────────────

fn fixture_files(dir: &str) -> Vec<String> {
    let root = format!("{}/tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && !p.extension().is_some_and(|x| x == "src" || x == "md"))
        .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    out.sort();
    out
}

#[test]
fn gitlab_texts_yield_only_gitlab_subjects() {
    for path in fixture_files("gitlab") {
        let report = run(&fixture(&path));
        for subject in &report.subjects {
            // The glab paste also holds a gh block: that one is GitHub's, never GitLab's.
            if subject.label.contains("github") {
                assert_ne!(subject.platform, Some(Platform::Gitlab), "{path}");
                continue;
            }
            assert_eq!(
                subject.platform,
                Some(Platform::Gitlab),
                "{path}: {}",
                subject.label
            );
        }
    }
}

#[test]
fn other_platforms_texts_never_yield_gitlab_subjects() {
    for dir in [
        "bitbucket",
        "github",
        "handmade",
        "seeds",
        "azure-devops",
        "azure-devops-acl",
    ] {
        for path in fixture_files(dir) {
            let report = run(&fixture(&path));
            assert!(
                report
                    .subjects
                    .iter()
                    .all(|s| s.platform != Some(Platform::Gitlab)),
                "{path}"
            );
        }
    }
}

// ── The role ∩ scope rule, as properties ──────────────────────────────────────────────────────

const LEVELS: [i64; 8] = [0, 5, 10, 15, 20, 30, 40, 50];

fn scope_ids() -> Vec<&'static str> {
    permcheck::catalog::Vocabulary::from_id("gitlab-scope")
        .unwrap()
        .scopes()
        .iter()
        .map(|s| s.id)
        .collect()
}

fn member(level: i64) -> String {
    format!("{{\"id\": 7, \"username\": \"backup-bot\", \"state\": \"active\", \"access_level\": {level}}}")
}

fn judged(scopes: &[&str], level: i64, credential: Credential) -> Report {
    let options = Options {
        credential: Some(credential),
        ..Options::default()
    };
    check(
        &[
            Input::new("scopes.txt", scopes.join(" ")),
            Input::new("member.json", member(level)),
        ],
        &options,
    )
}

/// Worst to best, with unknown between partial and possible (as tests/properties.rs).
fn rank(v: Verdict) -> u8 {
    match v {
        Impossible => 0,
        Partial => 1,
        Unknown => 2,
        Possible => 3,
    }
}

/// The role's verdict for every category and operation (the role alone, no token).
fn role_limits(level: i64) -> Vec<(String, Verdict, Verdict)> {
    let report = check(
        &[Input::new("member.json", member(level))],
        &Options::default(),
    );
    only(&report)
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.backup, c.restore))
        .collect()
}

fn credentials() -> impl Strategy<Value = Credential> {
    prop_oneof![
        Just(Credential::Pat),
        Just(Credential::AccessToken),
        Just(Credential::Token)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_scope_makes_a_role_limited_category_possible(
        picks in proptest::collection::vec(proptest::sample::select(scope_ids()), 1..8),
        level in proptest::sample::select(LEVELS.to_vec()),
        credential in credentials(),
    ) {
        // Every scope at once is the most a token can carry.
        let all = scope_ids();
        for scopes in [picks.clone(), all] {
            let report = judged(&scopes, level, credential);
            let s = only(&report);
            prop_assert_eq!(s.credential, credential);
            for (id, backup, restore) in role_limits(level) {
                let (b, r) = category(s, &id);
                if backup == Impossible {
                    prop_assert_eq!(b, Impossible, "{} backup with {:?} as level {}", id, scopes, level);
                }
                if restore == Impossible {
                    prop_assert_eq!(r, Impossible, "{} restore with {:?} as level {}", id, scopes, level);
                }
            }
        }
    }

    #[test]
    fn raising_the_role_never_lowers_a_verdict(
        picks in proptest::collection::vec(proptest::sample::select(scope_ids()), 1..8),
        low in 0..LEVELS.len(),
        step in 0..LEVELS.len(),
        credential in credentials(),
    ) {
        let high = (low + step).min(LEVELS.len() - 1);
        let before = judged(&picks, LEVELS[low], credential);
        let after = judged(&picks, LEVELS[high], credential);
        let (b, a) = (only(&before), only(&after));
        prop_assert!(rank(a.backup.verdict) >= rank(b.backup.verdict), "backup {:?} → {:?}", b.backup, a.backup);
        prop_assert!(rank(a.restore.verdict) >= rank(b.restore.verdict), "restore {:?} → {:?}", b.restore, a.restore);
        for (cb, ca) in b.categories.iter().zip(&a.categories) {
            prop_assert!(rank(ca.backup) >= rank(cb.backup), "{} backup", ca.id);
            prop_assert!(rank(ca.restore) >= rank(cb.restore), "{} restore", ca.id);
        }
    }

    #[test]
    fn adding_a_scope_never_lowers_a_verdict(
        picks in proptest::collection::vec(proptest::sample::select(scope_ids()), 1..8),
        extra in proptest::sample::select(scope_ids()),
        level in proptest::sample::select(LEVELS.to_vec()),
        credential in credentials(),
    ) {
        let before = judged(&picks, level, credential);
        let mut more = picks.clone();
        more.push(extra);
        let after = judged(&more, level, credential);
        let (b, a) = (only(&before), only(&after));
        prop_assert!(rank(a.backup.verdict) >= rank(b.backup.verdict));
        prop_assert!(rank(a.restore.verdict) >= rank(b.restore.verdict));
        for (cb, ca) in b.categories.iter().zip(&a.categories) {
            prop_assert!(rank(ca.backup) >= rank(cb.backup), "{} backup", ca.id);
            prop_assert!(rank(ca.restore) >= rank(cb.restore), "{} restore", ca.id);
        }
    }
}

#[test]
fn maintainer_with_every_backup_scope_backs_up_everything() {
    let report = judged(
        &["read_api", "read_repository", "read_registry"],
        40,
        Credential::Pat,
    );
    let s = only(&report);
    assert_eq!(s.backup.verdict, Possible, "{}", s.backup.summary);
    assert_eq!(s.restore.verdict, Impossible);
    let report = judged(&["api"], 40, Credential::Pat);
    assert_eq!(verdicts(only(&report)), (Possible, Possible));
    let report = judged(&["api"], 30, Credential::Pat);
    assert_eq!(verdicts(only(&report)), (Partial, Impossible));
    let report = judged(&["api"], 10, Credential::Pat);
    assert_eq!(verdicts(only(&report)), (Impossible, Impossible));
}

// ── The CLI ───────────────────────────────────────────────────────────────────────────────────

#[test]
fn cli_checks_a_gitlab_file_with_the_platform_set() {
    let path = format!(
        "{}/tests/fixtures/gitlab/gitlab-personal-access-tokens-list.response.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_permcheck"))
        .args(["check", &path, "--platform", "gitlab", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["subjects"][0]["platform"], "gitlab");
    assert_eq!(json["subjects"][0]["credential"], "pat");
    assert_eq!(json["inputs"][0]["format"], "gitlab-token-list");
    let text = std::process::Command::new(env!("CARGO_BIN_EXE_permcheck"))
        .args(["check", &path, "--platform", "gitlab"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("Personal access token \"Test Token\""));
}
