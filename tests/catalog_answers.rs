//! Catalog answers a tester found wrong (one test each): a read-only GitLab token that could
//! "restore" groups and projects, Bitbucket Cloud API-token scopes that restore deploy keys and
//! permissions reported as not needed, an empty x-oauth-scopes header called missing, and a
//! summary that pointed at an empty What to grant list.
#![allow(clippy::panic, reason = "tests fail loudly")]
mod common;
use common::*;
use permcheck::report::Subject;
use permcheck::{Options, Platform, Verdict::*};

fn missing_for<'a>(subject: &'a Subject, id: &str) -> Option<&'a permcheck::report::Missing> {
    subject.missing.iter().find(|m| m.id == id)
}

#[test]
fn a_read_only_gitlab_token_cannot_restore_groups_and_projects() {
    let report = run(
        r#"{"id":9,"name":"ro","revoked":false,"scopes":["read_api","read_repository"],"user_id":3,"active":true,"expires_at":"2999-03-01"}"#,
    );
    let s = only(&report);
    assert_eq!(category(s, "sign-in"), (Possible, Impossible));
    let api = missing_for(s, "api").unwrap_or_else(|| panic!("api not missing: {:?}", s.missing));
    assert!(
        api.needed_for.iter().any(|n| n == "restore:sign-in"),
        "{:?}",
        api.needed_for
    );
    assert!(api.source_url.starts_with("https://"), "{api:?}");
    // With api, the category restores.
    let report = run(
        r#"{"id":9,"name":"rw","revoked":false,"scopes":["api","read_api","read_repository","write_repository"],"user_id":3,"active":true}"#,
    );
    assert_eq!(category(only(&report), "sign-in"), (Possible, Possible));
}

const BB_API_TOKEN: &str = "read:user:bitbucket, read:workspace:bitbucket, read:project:bitbucket, admin:project:bitbucket, read:repository:bitbucket, write:repository:bitbucket, admin:repository:bitbucket, read:pullrequest:bitbucket, write:pullrequest:bitbucket, read:issue:bitbucket, write:issue:bitbucket, read:pipeline:bitbucket, write:pipeline:bitbucket, admin:pipeline:bitbucket, read:runner:bitbucket, write:runner:bitbucket, read:snippet:bitbucket, write:snippet:bitbucket, read:webhook:bitbucket, write:webhook:bitbucket";

#[test]
fn bitbucket_api_token_ssh_key_and_permission_writes_restore_deploy_keys_and_permissions() {
    let full = format!("{BB_API_TOKEN}, write:ssh-key:bitbucket, write:permission:bitbucket, read:ssh-key:bitbucket, read:permission:bitbucket");
    let report = run(&full);
    let s = only(&report);
    for id in ["write:ssh-key:bitbucket", "write:permission:bitbucket"] {
        assert!(
            s.excess.iter().all(|e| e.id != id),
            "{id} reported as not needed: {:?}",
            s.excess
        );
    }
    // No operation names the read scopes: those stay not needed.
    assert!(s.excess.iter().any(|e| e.id == "read:ssh-key:bitbucket"));
    assert_eq!(category(s, "deploy-keys"), (Possible, Possible));
    assert_eq!(category(s, "permissions"), (Possible, Possible));
    assert_eq!(category(s, "projects").1, Possible);

    let report = run(BB_API_TOKEN);
    let s = only(&report);
    assert_eq!(category(s, "deploy-keys"), (Possible, Impossible));
    assert_eq!(category(s, "permissions"), (Possible, Impossible));
    assert_eq!(category(s, "projects"), (Possible, Impossible));
    for (id, categories) in [
        ("write:ssh-key:bitbucket", &["restore:deploy-keys"][..]),
        (
            "write:permission:bitbucket",
            &["restore:permissions", "restore:projects"][..],
        ),
    ] {
        let m = missing_for(s, id).unwrap_or_else(|| panic!("{id} not missing: {:?}", s.missing));
        for c in categories {
            assert!(
                m.needed_for.iter().any(|n| n == c),
                "{id}: {:?}",
                m.needed_for
            );
        }
        assert_eq!(
            m.source_url, "https://developer.atlassian.com/cloud/bitbucket/rest/",
            "{m:?}"
        );
    }
    // The legacy scopes have no separate scope for them: repository:admin covers both ways.
    let oauth = Options {
        credential: Some(permcheck::Credential::Oauth),
        ..Options::default()
    };
    let report = run_with("account repository:write repository:admin project", &oauth);
    let s = only(&report);
    assert_eq!(category(s, "deploy-keys"), (Possible, Possible));
    assert_eq!(category(s, "permissions"), (Possible, Possible));
    let report = run_with("account repository:write project", &oauth);
    let s = only(&report);
    assert_eq!(category(s, "deploy-keys"), (Impossible, Impossible));
    assert_eq!(category(s, "permissions"), (Impossible, Impossible));
    // Access tokens cannot query or change permissions at all.
    let access = Options {
        credential: Some(permcheck::Credential::AccessToken),
        ..Options::default()
    };
    let report = run_with("repository:write repository:admin project", &access);
    assert_eq!(
        category(only(&report), "permissions"),
        (Impossible, Impossible)
    );
}

#[test]
fn an_empty_x_oauth_scopes_header_is_a_token_without_scopes() {
    let bare = "HTTP/1.1 200 OK\nX-OAuth-Scopes: \n";
    let report = run(bare);
    // Never "carry no x-oauth-scopes line": the line is there, with no scope in it.
    for d in &report.diagnostics {
        assert!(!d.message.contains("no x-oauth-scopes"), "{d:?}");
    }
    // GitHub and Bitbucket Cloud both send it: one subject that asks.
    let s = only(&report);
    assert_eq!(s.platform, None);
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(
        s.backup.summary.contains("no scopes"),
        "{}",
        s.backup.summary
    );
    // A header only GitHub sends, or the platform chosen, settles it.
    for report in [
        run("HTTP/2 200\nserver: github.com\nx-oauth-scopes: \n"),
        run_with(
            bare,
            &Options {
                platform: Some(Platform::Github),
                ..Options::default()
            },
        ),
    ] {
        let s = only(&report);
        assert_eq!(s.platform, Some(Platform::Github));
        assert_eq!(verdicts(s), (Impossible, Impossible));
        assert!(missing_for(s, "repo").is_some(), "{:?}", s.missing);
    }
    // Bitbucket Cloud: a header only it sends.
    let report = run("HTTP/2 200\nx-oauth-scopes: \nx-credential-type: repo_access_token\n");
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::BitbucketCloud));
    assert_eq!(verdicts(s), (Impossible, Impossible));
    for row in &s.categories {
        assert_eq!(
            (row.backup, row.restore),
            (Impossible, Impossible),
            "{row:?}"
        );
    }
    assert!(missing_for(s, "repository").is_some(), "{:?}", s.missing);
}

#[test]
fn a_summary_never_points_at_an_empty_what_to_grant_list() {
    // A Data Center token with every permission a token can hold: what is left is the user's
    // global Project creator permission, which no token carries.
    let report =
        run(r#"{"name":"xopero","expiryDays":90,"permissions":["PROJECT_ADMIN","REPO_ADMIN"]}"#);
    let s = only(&report);
    assert!(s.missing.is_empty(), "{:?}", s.missing);
    assert_eq!(s.restore.verdict, Partial);
    assert!(
        !s.restore.summary.contains("What to grant"),
        "{}",
        s.restore.summary
    );
    for needle in ["Project creator", "PROJECT_CREATE", "Global permissions"] {
        assert!(
            s.restore.summary.contains(needle),
            "{needle}: {}",
            s.restore.summary
        );
    }
    // A summary that does point at What to grant has something listed there.
    for text in [
        "read:user:bitbucket, read:workspace:bitbucket, read:repository:bitbucket, write:repository:bitbucket, admin:repository:bitbucket",
        "HTTP/2 200\nx-oauth-scopes: repo, workflow, read:org\ngithub-authentication-token-expiration: 2025-12-01 10:00:00 UTC\nserver: github.com\n",
        r#"{"name":"xopero","expiryDays":90,"permissions":["REPO_WRITE"]}"#,
    ] {
        let report = run(text);
        let s = only(&report);
        for summary in [&s.backup.summary, &s.restore.summary] {
            if summary.contains("under What to grant") || summary.contains("See What to grant") {
                assert!(!s.missing.is_empty(), "{text}: {summary}");
            }
        }
    }
}
