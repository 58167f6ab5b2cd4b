//! Never a false green (issue 15): each case an admin met on the seed platforms, as a test that
//! failed before the fix. A green verdict needs evidence of the grant itself; expired
//! credentials grant nothing; secrets are never echoed; known failures lead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
mod common;

use common::*;
use permcheck::report::Severity;
use permcheck::{check, Credential, Input, Options, Platform, Verdict::*};

/// 2026-11-30T12:00:00Z: the checks below pin the clock.
const NOW: i64 = 1_796_040_000;

fn at_now() -> Options {
    Options {
        now: Some(NOW),
        ..Options::default()
    }
}

#[test]
fn a_copy_of_the_pat_form_is_not_a_grant() {
    let report = run(&fixture("handmade/azure-devops-pat-form-copy.txt"));
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::AzureDevopsServices));
    assert_eq!(verdicts(s), (Unknown, Unknown), "{:#?}", s);
    assert!(s.backup.summary.contains("copy of the PAT creation form"));
    assert!(s.granted.is_empty());
    assert_eq!(report.inputs[0].format, "azure-devops-pat-form");
    // It says what to paste instead.
    assert!(s.backup.summary.contains("_apis/tokens/pats"));
}

#[test]
fn scopes_and_a_stakeholder_entitlement_in_one_box_are_judged_together() {
    let text = format!(
        "{}\n\n{}",
        fixture("seeds/azure-devops-pat-labels.txt"),
        fixture("handmade/azure-devops-entitlement-stakeholder.json")
    );
    let report = run(&text);
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::AzureDevopsServices));
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(
        s.backup.summary.contains("Stakeholder"),
        "{}",
        s.backup.summary
    );
    // The two blocks are named, and no phantom token of another platform appears.
    assert_eq!(report.inputs[0].blocks.len(), 2, "{:?}", report.inputs);
    assert!(s.combined.len() >= 2, "{:?}", s.combined);
}

#[test]
fn an_az_group_list_table_is_no_token_of_any_platform() {
    let Some(text) = shared_sample(
        "azure-devops",
        "az-devops-security-group-cli-table-outputs-msdocs-2020.txt",
    ) else {
        return;
    };
    let report = run(&text);
    for s in &report.subjects {
        assert_eq!(s.credential, Credential::Account, "{:#?}", s);
        assert!(s.platform.is_none_or(Platform::is_azure_devops), "{:#?}", s);
    }
}

#[test]
fn a_pat_expiring_tomorrow_says_so_and_warns() {
    let pats = fixture("handmade/azure-devops-pat-list.json");
    // The first token, valid until tomorrow.
    let first_valid_to = pats.find("\"validTo\"").expect("the fixture has validTo");
    let value_start = first_valid_to + pats[first_valid_to..].find(": \"").expect("a value") + 3;
    let value_end = value_start + pats[value_start..].find('"').expect("its end");
    let text = format!(
        "{}2026-12-01T10:22:33.7566667Z{}",
        &pats[..value_start],
        &pats[value_end..]
    );
    let report = check(&[Input::new("pats.json", text)], &at_now());
    let s = &report.subjects[0];
    assert_eq!(verdicts(s), (Possible, Possible));
    let expires = s.expires.as_ref().expect("expiry shown");
    assert_eq!(expires.date, "2026-12-01");
    // Checked at noon on 30 November: 1 December is tomorrow.
    assert_eq!(expires.days_left, Some(1));
    assert_eq!(expires.describe(), "Expires in 1 day (2026-12-01)");
    assert!(!expires.expired);
    assert!(
        s.warnings.iter().any(|w| w.id == "expires-soon"),
        "{:?}",
        s.warnings
    );
}

#[test]
fn an_expired_jwt_grants_nothing() {
    // exp 1700000000 = 2023-11-14.
    let jwt = fixture("handmade/azure-devops-oauth.jwt");
    let report = check(&[Input::new("token.jwt", jwt)], &at_now());
    let s = only(&report);
    let expires = s.expires.as_ref().expect("the JWT's exp is shown");
    if expires.expired {
        assert_eq!(verdicts(s), (Impossible, Impossible));
        assert!(
            s.backup.summary.contains("expired on"),
            "{}",
            s.backup.summary
        );
    }
    // A JWT whose exp has passed, built here so the test does not depend on the fixture's.
    let claims = r#"{"aud":"499b84ac-1321-427f-aa17-267ca6975798","scp":"vso.code_manage vso.work_write","tid":"72f988bf-86f1-41af-91ab-2d7cd011db47","upn":"backup@contoso.example","exp":1700000000}"#;
    let report = check(&[Input::new("claims.json", claims)], &at_now());
    let s = only(&report);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(
        s.backup.summary.contains("expired on 2023-11-14"),
        "{}",
        s.backup.summary
    );
    assert_eq!(s.expires.as_ref().map(|e| e.expired), Some(true));
}

#[test]
fn a_pasted_secret_is_recognised_and_never_echoed() {
    for (secret, what) in [
        (
            "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst",
            "Azure DevOps personal access token",
        ),
        (
            "ATATT3xFfGF0T2lIZXhhbXBsZVRva2VuVmFsdWU5OTk5OTk5OTk5",
            "Atlassian API token",
        ),
    ] {
        let report = run(secret);
        assert!(report.subjects.is_empty());
        assert_eq!(report.exit_code(), 2);
        let d = &report.diagnostics[0];
        assert!(d.message.contains(what), "{d:?}");
        for d in &report.diagnostics {
            let shown = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
            assert!(!shown.contains(&secret[6..20]), "echoed: {shown}");
        }
    }
}

#[test]
fn typos_are_reported_but_good_lines_still_count() {
    let report = run("vso.code\nvso.wrok\nvso.buidl\nvso.code_mange");
    let s = only(&report);
    assert_eq!(s.granted.len(), 1);
    let warnings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 3, "{:?}", report.diagnostics);
    assert!(warnings.iter().all(|d| d
        .help
        .as_deref()
        .is_some_and(|h| h.contains("did you mean"))));
}

#[test]
fn an_override_that_was_not_applied_says_so() {
    let options = Options {
        platform: Some(Platform::BitbucketCloud),
        ..Options::default()
    };
    let report = run_with("vso.code vso.work", &options);
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::AzureDevopsServices));
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("not applied")));
}

#[test]
fn a_list_two_platforms_explain_is_one_question() {
    // `project` is a Bitbucket Cloud scope and (with GitHub's folder) a GitHub one: where two
    // platforms' vocabularies explain a list, no guess, one subject that asks.
    let platforms: Vec<Platform> = permcheck::parse::scopes::classify("project")
        .iter()
        .map(|(v, _)| v.platform())
        .collect();
    let report = run("project");
    let s = only(&report);
    if platforms.iter().any(|p| *p != platforms[0]) {
        assert_eq!(s.platform, None);
        assert_eq!(verdicts(s), (Unknown, Unknown));
        assert!(s.backup.summary.contains("or choose the platform"));
    } else {
        assert_eq!(s.platform, Some(platforms[0]));
    }
    // Two platforms' ids in one list: one question too.
    let report = run("vso.code repository:admin");
    let s = only(&report);
    assert_eq!(s.platform, None);
    assert_eq!(verdicts(s), (Unknown, Unknown));
}

#[test]
fn an_unknown_verdict_lists_what_to_run() {
    let report = run(&fixture("handmade/azure-devops-pat-form-copy.txt"));
    let s = only(&report);
    assert!(!s.collect.is_empty());
    assert!(s
        .collect
        .iter()
        .any(|c| c.command.contains("_apis/tokens/pats")));
}
