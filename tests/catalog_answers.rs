//! Catalog answers a tester found wrong (one test each): a read-only GitLab token that could
//! "restore" groups and projects, Bitbucket Cloud API-token scopes that restore deploy keys and
//! permissions reported as not needed, an empty x-oauth-scopes header called missing, and a
//! summary that pointed at an empty What to grant list.
#![allow(clippy::panic, reason = "tests fail loudly")]
mod common;
use common::*;
use permcheck::report::Subject;
use permcheck::Verdict::*;

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
