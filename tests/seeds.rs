//! Every permission list of the seeds: the full set can back up and restore, the read-only set
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
//! can only back up, and each scope taken away shows up in `missing` with the right category.
mod common;
use common::*;
use permcheck::{Credential, Options, Verdict::*};

const ADO_FULL: &[&str] = &[
    "vso.build_execute",
    "vso.code_manage",
    "vso.environment_manage",
    "vso.project_manage",
    "vso.variablegroups_write",
    "vso.wiki_write",
    "vso.work_write",
    "vso.packaging_manage",
];

#[test]
fn azure_devops_seed_lists_can_back_up_and_restore() {
    for file in [
        "seeds/azure-devops-pat-labels.txt",
        "seeds/azure-devops-pat-labels-seed-wording.txt",
        "seeds/azure-devops-oauth-scopes.txt",
        "handmade/azure-devops-oauth.jwt",
    ] {
        let report = run(&fixture(file));
        let s = only(&report);
        assert_eq!(verdicts(s), (Possible, Possible), "{file}: {:#?}", s);
        assert!(s.missing.is_empty(), "{file}: {:?}", s.missing);
        assert!(s.excess.is_empty(), "{file}: {:?}", s.excess);
        assert!(
            report.diagnostics.is_empty(),
            "{file}: {:?}",
            report.diagnostics
        );
    }
}

#[test]
fn pat_labels_and_oauth_are_told_apart() {
    let labels = run(&fixture("seeds/azure-devops-pat-labels.txt"));
    assert_eq!(only(&labels).credential, Credential::Pat);
    assert!(only(&labels)
        .warnings
        .iter()
        .any(|w| w.id == "pat-all-organizations"));
    let oauth = run(&fixture("seeds/azure-devops-oauth-scopes.txt"));
    assert_eq!(only(&oauth).credential, Credential::Oauth);
    assert!(only(&oauth)
        .warnings
        .iter()
        .any(|w| w.id == "oauth-consent-policy"));
}

#[test]
fn azure_devops_read_only_backs_up_but_cannot_restore() {
    let report = run(&fixture("seeds/azure-devops-read-only.txt"));
    let s = only(&report);
    assert_eq!(verdicts(s), (Possible, Impossible));
    assert!(
        s.restore.summary.contains("new token with write access"),
        "{}",
        s.restore.summary
    );
    let ids: Vec<&str> = s.missing.iter().map(|m| m.id.as_str()).collect();
    assert!(
        ids.contains(&"vso.code_manage") && ids.contains(&"vso.work_write"),
        "{ids:?}"
    );
    assert!(s
        .missing
        .iter()
        .all(|m| m.needed_for.iter().all(|n| n.starts_with("restore:"))));
}

#[test]
fn each_azure_devops_scope_taken_away_is_missing_for_its_categories() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("vso.build_execute", "Build: Read & execute", &["pipelines"]),
        (
            "vso.code_manage",
            "Code: Read, write, & manage",
            &["repositories"],
        ),
        (
            "vso.environment_manage",
            "Environment: Read & manage",
            &["environments"],
        ),
        (
            "vso.project_manage",
            "Project and Team: Read, write, & manage",
            &["projects-teams"],
        ),
        (
            "vso.variablegroups_write",
            "Variable Groups: Read & create",
            &["variable-groups"],
        ),
        ("vso.wiki_write", "Wiki: Read & write", &["wiki"]),
        (
            "vso.work_write",
            "Work Items: Read & write",
            &["work-items", "processes"],
        ),
        (
            "vso.packaging_manage",
            "Packaging: Read, write, & manage",
            &["packages"],
        ),
    ];
    for (removed, label, categories) in cases {
        let scopes: Vec<&str> = ADO_FULL.iter().copied().filter(|s| s != removed).collect();
        let report = run(&scopes.join(" "));
        let s = only(&report);
        let missing = s
            .missing
            .iter()
            .find(|m| m.id == *removed)
            .unwrap_or_else(|| panic!("{removed} not missing: {:?}", s.missing));
        assert_eq!(missing.label, *label);
        for c in *categories {
            assert!(
                missing.needed_for.contains(&format!("backup:{c}")),
                "{removed}: {:?}",
                missing.needed_for
            );
            assert!(
                missing.needed_for.contains(&format!("restore:{c}")),
                "{removed}: {:?}",
                missing.needed_for
            );
            assert_eq!(category(s, c), (Impossible, Impossible), "{removed} / {c}");
        }
        assert_eq!(s.missing.len(), 1, "{removed}: {:?}", s.missing);
        let expected_backup = if *removed == "vso.code_manage" {
            Impossible
        } else {
            Partial
        };
        assert_eq!(verdicts(s), (expected_backup, expected_backup), "{removed}");
    }
}

const BB_OAUTH: &[&str] = &[
    "account:write",
    "repository:admin",
    "repository:delete",
    "issue:write",
    "runner:write",
    "pipeline:variable",
    "project",
    "project:admin",
    "pullrequest:write",
    "snippet:write",
    "team:write",
    "webhook",
    "wiki",
];

#[test]
fn bitbucket_oauth_consent_can_back_up_and_restore() {
    let report = run(&fixture("seeds/bitbucket-oauth-consent.txt"));
    let s = only(&report);
    assert_eq!(s.credential, Credential::Oauth);
    assert_eq!(verdicts(s), (Possible, Possible), "{:#?}", s);
    assert!(s.excess.is_empty(), "{:?}", s.excess);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let report = run(&fixture("seeds/bitbucket-oauth-scopes-full.txt"));
    assert_eq!(verdicts(only(&report)), (Possible, Possible));
}

#[test]
fn bitbucket_read_only_backs_up_but_cannot_restore() {
    let report = run(&fixture("seeds/bitbucket-read-only.txt"));
    let s = only(&report);
    assert_eq!(verdicts(s), (Possible, Impossible));
    assert!(s.restore.summary.contains("new token with write access"));
}

#[test]
fn bitbucket_minimum_backs_up_repositories_only() {
    // The seed's labels are the app-password page's: app passwords stopped working on 9 June
    // 2026, so as an app password nothing works, and no category row says otherwise.
    let report = run(&fixture("seeds/bitbucket-token-minimum.txt"));
    let s = only(&report);
    assert_eq!(s.credential, Credential::AppPassword);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(s.backup.summary.contains("9 June 2026"));
    for row in &s.categories {
        assert_eq!(
            (row.backup, row.restore),
            (Impossible, Impossible),
            "{row:?}"
        );
    }
    let repositories = s.categories.iter().find(|c| c.id == "repositories");
    assert!(repositories.is_some_and(|c| c.backup_reason.contains("9 June 2026")));
    // The scopes themselves cover repositories only: on an OAuth consumer (which keeps these
    // scope names) that is what works.
    // The same scopes on an OAuth consumer (which keeps these scope names).
    let options = Options {
        credential: Some(Credential::Oauth),
        ..Options::default()
    };
    let report = run_with(&fixture("seeds/bitbucket-token-minimum.txt"), &options);
    let s = only(&report);
    assert_eq!(verdicts(s), (Partial, Impossible));
    assert_eq!(category(s, "repositories").0, Possible);
    assert_eq!(category(s, "issues").0, Impossible);
}

#[test]
fn bitbucket_app_password_list_backs_up_repository_metadata() {
    // As an OAuth consumer's scopes, every metadata category is covered.
    let oauth = Options {
        credential: Some(Credential::Oauth),
        ..Options::default()
    };
    let report = run_with(
        &fixture("seeds/bitbucket-app-password-metadata.txt"),
        &oauth,
    );
    let s = only(&report);
    for c in [
        "repositories",
        "issues",
        "pipelines",
        "projects",
        "pull-requests",
        "wikis",
    ] {
        assert_eq!(category(s, c).0, Possible, "{c}");
    }
    // An app password: retired on 9 June 2026, whatever its labels.
    let report = run(&fixture("seeds/bitbucket-app-password-metadata.txt"));
    let s = only(&report);
    assert_eq!(s.credential, Credential::AppPassword);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(s.missing.iter().all(|m| m.id.ends_with(":bitbucket")));
}

#[test]
fn each_bitbucket_scope_taken_away_is_missing_for_its_categories() {
    let oauth = Options {
        credential: Some(Credential::Oauth),
        ..Options::default()
    };
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("account:write", &[("account", "sign-in")]),
        (
            "repository:admin",
            &[
                ("repository:admin", "repositories"),
                ("repository:admin", "pipelines"),
            ],
        ),
        ("issue:write", &[("issue:write", "issues")]),
        ("runner:write", &[("runner:write", "runners")]),
        ("pipeline:variable", &[("pipeline:variable", "pipelines")]),
        ("project", &[("project", "projects")]),
        ("project:admin", &[("project:admin", "projects")]),
        (
            "pullrequest:write",
            &[
                ("pullrequest:write", "pull-requests"),
                ("repository:write", "repositories"),
            ],
        ),
        ("snippet:write", &[("snippet:write", "snippets")]),
        ("webhook", &[("webhook", "webhooks")]),
        ("wiki", &[("wiki", "wikis")]),
        ("repository:delete", &[]),
        ("team:write", &[]),
    ];
    for (removed, expected) in cases {
        let scopes: Vec<&str> = BB_OAUTH.iter().copied().filter(|s| s != removed).collect();
        let report = run_with(&scopes.join(", "), &oauth);
        let s = only(&report);
        for (id, c) in *expected {
            let m = s
                .missing
                .iter()
                .find(|m| m.id == *id)
                .unwrap_or_else(|| panic!("{removed}: {id} not missing: {:?}", s.missing));
            assert!(
                m.needed_for.iter().any(|n| n.ends_with(&format!(":{c}"))),
                "{removed}: {:?}",
                m.needed_for
            );
        }
        if expected.is_empty() {
            assert_eq!(verdicts(s), (Possible, Possible), "{removed}");
            assert!(s.missing.is_empty());
        }
        assert_eq!(
            s.missing.len(),
            expected
                .iter()
                .map(|(id, _)| *id)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            "{removed}: {:?}",
            s.missing
        );
    }
}

#[test]
fn missing_labels_are_the_portal_labels() {
    let report = run("vso.code");
    let s = only(&report);
    let code = s
        .missing
        .iter()
        .find(|m| m.id == "vso.code_manage")
        .expect("code_manage missing");
    assert_eq!(code.label, "Code: Read, write, & manage");
    assert!(s.missing.iter().all(|m| !m.source.is_empty()));
}
