//! The real samples from shared/reference/samples (copied under tests/fixtures with their
//! `.src`): each gives the verdict its evidence supports, and nothing more.
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

#[test]
fn bitbucket_kb_curl_headers_read_x_oauth_scopes_not_accepted() {
    let report = run(&fixture("bitbucket/cloud-x-oauth-scopes-kb-example.txt"));
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::BitbucketCloud));
    assert_eq!(
        s.credential,
        Credential::AccessToken,
        "x-credential-type: repo_access_token"
    );
    let granted: Vec<&str> = s.granted.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(granted, vec!["repository:write"]);
    // The grant points at the x-oauth-scopes line (line 12), not x-accepted-oauth-scopes (line 8).
    assert_eq!(s.granted[0].line, 12);
    assert!(s
        .warnings
        .iter()
        .any(|w| w.id == "endpoint-accepts-is-not-granted"));
    // repository:write without repository:admin: neither backup nor restore.
    assert_eq!(verdicts(s), (Impossible, Impossible));
    let ids: Vec<&str> = s.missing.iter().map(|m| m.id.as_str()).collect();
    assert!(ids.contains(&"repository:admin"), "{ids:?}");
    // What to grant lists only what a repository access token can hold: no Account, Issues or
    // Snippets scope (its page offers none).
    for impossible in [
        "account",
        "issue",
        "issue:write",
        "snippet",
        "snippet:write",
    ] {
        assert!(!ids.contains(&impossible), "{ids:?}");
    }
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn bitbucket_403_body_judges_granted_and_reports_required() {
    let report = run(&fixture("bitbucket/cloud-403-missing-scope-api-token.json"));
    let s = only(&report);
    assert_eq!(s.credential, Credential::ApiToken);
    assert_eq!(s.granted.len(), 4);
    assert!(s
        .missing
        .iter()
        .any(|m| m.id == "read:user:bitbucket" && m.label == "User data: Read"));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.id == "failed-call-required" && w.message.contains("read:user:bitbucket")));
    assert_eq!(s.backup.verdict, Impossible);
    assert_eq!(report.inputs[0].format, "bitbucket-error-body");
}

#[test]
fn app_password_recipe_is_retired() {
    let report = run(&fixture(
        "bitbucket/cloud-app-password-x-oauth-scopes-recipe.txt",
    ));
    let s = only(&report);
    assert_eq!(s.credential, Credential::AppPassword);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(s.backup.summary.contains("9 June 2026"));
    // What to grant is the API-token replacement.
    assert!(s.missing.iter().all(|m| m.id.ends_with(":bitbucket")));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

#[test]
fn bitbucket_410_body_is_not_evidence() {
    let report = run(&fixture("bitbucket/cloud-410-change-2770.json"));
    assert!(report.subjects.is_empty());
    assert_eq!(report.diagnostics.len(), 1);
    assert!(report.diagnostics[0]
        .message
        .contains("says nothing about the token's scopes"));
    assert_eq!(report.exit_code(), 2);
}

#[test]
fn github_headers_are_not_mistaken_for_bitbucket() {
    let report = run(&fixture("github/github-x-oauth-scopes-example.txt"));
    assert!(report
        .subjects
        .iter()
        .all(|s| s.platform != Some(Platform::BitbucketCloud)));
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::Github));
    let granted: Vec<&str> = s.granted.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(granted, vec!["repo", "user"]);
    // `repo` backs the repositories up; without `workflow` they cannot be restored.
    assert_eq!(category(s, "repositories"), (Possible, Impossible));
    assert_eq!(s.restore.verdict, Impossible);
    assert!(s.missing.iter().any(|m| m.id == "workflow"));
    // X-Accepted-OAuth-Scopes is what the endpoint accepts, not a grant.
    assert!(s
        .warnings
        .iter()
        .any(|w| w.id == "endpoint-accepts-is-not-granted"));
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn entitlement_examples_become_accounts_and_stakeholder_is_impossible() {
    let report = run(&fixture(
        "azure-devops/rest-userentitlements-accesslevel-examples.json",
    ));
    assert_eq!(report.subjects.len(), 5);
    let stakeholder = &report.subjects[1];
    assert_eq!(stakeholder.credential, Credential::Account);
    assert_eq!(verdicts(stakeholder), (Impossible, Impossible));
    assert_eq!(
        category(stakeholder, "repositories"),
        (Impossible, Impossible)
    );
    let basic = &report.subjects[0];
    assert_eq!(verdicts(basic), (Unknown, Unknown));
    assert!(basic.backup.summary.contains("Paste the token's scopes"));
}

#[test]
fn scopes_and_access_level_are_judged_together() {
    let stakeholder = r#"{"accessLevel":{"licensingSource":"account","accountLicenseType":"stakeholder","msdnLicenseType":"none","licenseDisplayName":"Stakeholder","status":"active"}}"#;
    let inputs = [
        Input::new(
            "pat-labels.txt",
            fixture("seeds/azure-devops-pat-labels.txt"),
        ),
        Input::new("entitlement.json", stakeholder),
    ];
    let report = check(&inputs, &Options::default());
    let s = only(&report);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(s.backup.summary.contains("Stakeholder"));
    assert_eq!(report.inputs.len(), 2);

    let basic = stakeholder
        .replace("stakeholder", "express")
        .replace("Stakeholder", "Basic");
    let inputs = [
        Input::new(
            "pat-labels.txt",
            fixture("seeds/azure-devops-pat-labels.txt"),
        ),
        Input::new("entitlement.json", basic),
    ];
    let report = check(&inputs, &Options::default());
    let s = only(&report);
    assert_eq!(verdicts(s), (Possible, Possible));
    assert!(!s.warnings.iter().any(|w| w.id.starts_with("access-level")));
    assert!(s.granted.iter().any(|g| g.label.contains("Basic")));
}

#[test]
fn pat_list_gives_one_subject_per_token() {
    let report = run(&fixture("handmade/azure-devops-pat-list.json"));
    assert_eq!(report.subjects.len(), 3);
    assert_eq!(report.inputs[0].format, "azure-devops-pat-list");
    assert_eq!(report.inputs[0].subjects, 3);
    assert_eq!(report.subjects[0].label, "PAT \"xopero-backup\"");
    assert_eq!(verdicts(&report.subjects[0]), (Possible, Possible));
    assert!(!report.subjects[0]
        .warnings
        .iter()
        .any(|w| w.id == "pat-all-organizations"));
    // Limited to one organization: a hard prerequisite fails.
    assert_eq!(verdicts(&report.subjects[1]), (Impossible, Impossible));
    assert!(report.subjects[1]
        .backup
        .summary
        .contains("All accessible organizations"));
    // Full access works but is excess.
    assert_eq!(verdicts(&report.subjects[2]), (Possible, Possible));
    assert_eq!(report.subjects[2].excess[0].id, "app_token");
}

#[test]
fn personal_account_jwt_cannot_use_oauth() {
    use base64_helper::encode;
    let header = encode(br#"{"alg":"RS256","typ":"JWT"}"#);
    let payload = encode(br#"{"aud":"499b84ac-1321-427f-aa17-267ca6975798","tid":"9188040d-6c67-4c5b-b112-36a304b66dad","scp":"vso.code_manage vso.work_write","upn":"me@outlook.com"}"#);
    let report = run(&format!("Bearer {header}.{payload}.sig"));
    let s = only(&report);
    assert_eq!(s.credential, Credential::Oauth);
    assert_eq!(verdicts(s), (Impossible, Impossible));
    assert!(s.backup.summary.contains("personal Microsoft account"));
}

#[test]
fn azure_devops_server_rejects_oauth() {
    let options = Options {
        platform: Some(Platform::AzureDevopsServer),
        ..Options::default()
    };
    let report = run_with(&fixture("seeds/azure-devops-oauth-scopes.txt"), &options);
    let s = only(&report);
    assert_eq!(s.platform, Some(Platform::AzureDevopsServer));
    assert_eq!(verdicts(s), (Impossible, Impossible));
    let report = run_with(&fixture("seeds/azure-devops-pat-labels.txt"), &options);
    assert_eq!(verdicts(only(&report)), (Possible, Possible));
}

#[test]
fn bad_input_gets_located_diagnostics_and_no_verdict() {
    let cases: &[(&str, usize, usize)] = &[
        ("{\n  \"patTokens\": [\n    {\"scope\": \"vso.code\"", 3, 24),
        ("vso.code\nvso.cod_write", 2, 1),
        ("Code: Read & destroy", 1, 7),
        ("hello there, general", 1, 1),
        ("eyJhbGciOiJub25lIn0.!!!.x", 1, 1),
    ];
    for (text, line, column) in cases {
        let report = run(text);
        let d = report
            .diagnostics
            .first()
            .unwrap_or_else(|| panic!("no diagnostic for {text:?}"));
        assert_eq!((d.line, d.column), (*line, *column), "{text:?}: {d:?}");
        assert!(d.severity <= Severity::Warning);
    }
}

#[test]
fn unknown_scope_is_reported_with_a_suggestion() {
    let report = run("vso.code_mange");
    assert!(report.subjects.is_empty());
    let d = &report.diagnostics[0];
    assert!(d.message.contains("vso.code_mange"));
    assert_eq!(d.help.as_deref(), Some("did you mean `vso.code_manage`?"));
}

#[test]
fn every_example_yields_a_subject() {
    for example in permcheck::examples::all() {
        let report = check(
            &[Input::new(example.source, example.text)],
            &Options::default(),
        );
        assert!(
            !report.subjects.is_empty(),
            "{}: {:?}",
            example.id,
            report.diagnostics
        );
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.severity != Severity::Error),
            "{}: {:?}",
            example.id,
            report.diagnostics
        );
    }
}

#[test]
fn the_same_input_gives_the_same_json() {
    let text = fixture("handmade/azure-devops-pat-list.json");
    assert_eq!(run(&text).to_json(), run(&text).to_json());
}

mod base64_helper {
    pub fn encode(bytes: &[u8]) -> String {
        const TABLE: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..=chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }
}

#[test]
fn az_cli_access_token_json_is_decoded_and_full_access() {
    let report = run(&fixture("handmade/az-account-get-access-token.json"));
    let s = only(&report);
    assert_eq!(s.label, "OAuth token \"admin@contoso.com\"");
    assert_eq!(verdicts(s), (Possible, Possible));
    assert!(s.excess.iter().any(|e| e.id == "app_token"));
    assert!(!s
        .warnings
        .iter()
        .any(|w| w.id == "oauth-organizational-account"));
}

#[test]
fn scopes_and_acls_of_one_account_are_judged_together() {
    // A fetched snapshot: it stays in ../shared (skipped with a message when that is absent).
    let shared = format!(
        "{}/../shared/reference/samples/azure-devops/rest-accesscontrollists-project-token-user-after-deny-65536.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(acl) = std::fs::read_to_string(&shared) else {
        println!("skipped: {shared} is not here");
        return;
    };
    let inputs = [
        Input::new(
            "pat-labels.txt",
            fixture("seeds/azure-devops-pat-labels.txt"),
        ),
        Input::new("acl.json", acl),
    ];
    let report = check(&inputs, &Options::default());
    // The scopes alone allow everything; the account's ACLs do not let it read the project.
    let s = only(&report);
    assert!(
        s.label
            .contains("with the ACLs of new_user_test@outlook.com"),
        "{}",
        s.label
    );
    assert_eq!(s.backup.verdict, Impossible);
    assert!(s
        .backup
        .summary
        .starts_with("Scopes allow it, but the account's permissions do not."));
    assert_eq!(category(s, "projects-teams").0, Impossible);
    assert!(s
        .missing
        .iter()
        .any(|m| m.label == "View project-level information"));
    assert_eq!(s.sources.len(), 2);
}

#[test]
fn tokens_and_several_identities_are_not_paired_by_guess() {
    let inputs = [
        Input::new(
            "pat-labels.txt",
            fixture("seeds/azure-devops-pat-labels.txt"),
        ),
        Input::new(
            "git.json",
            fixture("azure-devops-acl/handmade-git-recurse.json"),
        ),
    ];
    let report = check(&inputs, &Options::default());
    assert_eq!(report.subjects.len(), 3);
    assert_eq!(verdicts(&report.subjects[0]), (Possible, Possible));
    assert!(report.subjects[0]
        .warnings
        .iter()
        .any(|w| w.id == "acl-not-paired"));
}

#[test]
fn echoed_input_is_inert_everywhere() {
    let hostile = "{\"patTokens\":[{\"displayName\":\"evil\u{202E}gpj.exe<img src=x onerror=alert(1)>\",\"scope\":\"vso.code\",\"targetAccounts\":null}]}";
    let report = run(hostile);
    let s = only(&report);
    assert!(!s.label.contains('\u{202E}'), "{}", s.label);
    assert!(s.label.contains("\\u{202E}"));
    let json = report.to_json();
    assert!(!json.contains('\u{202E}'));
    let report = run("vso.code\n\u{2066}javascript:alert(1)\u{2069}");
    assert!(report
        .diagnostics
        .iter()
        .all(|d| !d.message.contains('\u{2066}')));
}

/// The JS API and the worker hand their texts over (`Session::from_inputs`): the report is the
/// same as from borrowed inputs, for every fixture, together and with a BOM or colour codes.
#[test]
fn owned_inputs_give_the_same_report_as_borrowed_ones() {
    let mut inputs = Vec::new();
    let root = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_none_or(|e| e != "src") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    inputs.push(Input::new(path.display().to_string(), text));
                }
            }
        }
    }
    assert!(inputs.len() > 20, "fixtures found: {}", inputs.len());
    let options = Options::default();
    for input in &inputs {
        for text in [
            input.text.clone(),
            format!("\u{feff}{}", input.text),
            format!("\u{1b}[32m$\u{1b}[0m {}", input.text),
        ] {
            let one = vec![Input::new(input.source.clone(), text)];
            assert_eq!(
                permcheck::Session::from_inputs(one.clone(), &options).report(),
                check(&one, &options),
                "{}",
                input.source
            );
        }
    }
    // All at once, in another order.
    let mut reversed = inputs.clone();
    reversed.reverse();
    assert_eq!(
        permcheck::Session::from_inputs(reversed, &options).report(),
        check(&inputs, &options)
    );
}

#[test]
fn real_entitlement_names_its_account_and_level() {
    let Some(text) = shared_sample(
        "azure-devops",
        "rest-userentitlements-patch-add-stakeholder.response.json",
    ) else {
        return;
    };
    let report = run(&text);
    let s = only(&report);
    assert_eq!(s.credential, Credential::Account);
    assert_eq!(s.label, "Account new_user_test@outlook.com");
    // Early Adopter: not Stakeholder, so the scopes decide.
    assert_eq!(verdicts(s), (Unknown, Unknown));
    assert!(
        s.granted[0].id == "accessLevel:earlyAdopter",
        "{:?}",
        s.granted
    );
}
