//! The ACL engine over real samples (tests/fixtures/azure-devops-acl, each with its `.src`) and
//! hand-built cases (`handmade-*`, and JSON built below) for every rule of the evaluation
//! algorithm, every seed 000 granular permission, and every format with junk around it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
use permcheck::acl::{self, AclDocument};
use permcheck::report::{Severity, Subject};
use permcheck::{Credential, Options, Platform, Verdict, Verdict::*};
use serde_json::json;

fn fixture(name: &str) -> String {
    let full = format!(
        "{}/tests/fixtures/azure-devops-acl/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

/// A real sample that stays in `../shared` (its `.src` starts with `origin: fetched snapshot`,
/// so it is never copied into the repository): `None`, with a message, when `../shared` is not
/// there.
fn shared_sample(name: &str) -> Option<String> {
    let dir = format!(
        "{}/../shared/reference/samples/azure-devops",
        env!("CARGO_MANIFEST_DIR")
    );
    if !std::path::Path::new(&dir).is_dir() {
        println!("skipped: {dir} is not here, so the real sample {name} cannot be read");
        return None;
    }
    let full = format!("{dir}/{name}");
    Some(std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}")))
}

/// What the lead's parser does: JSON where a line starts with `{` or `[`, else text.
fn read(text: &str) -> (AclDocument, Vec<acl::AclDiagnostic>) {
    let json_start = permcheck::source::lines_with_offsets(text)
        .find(|(_, l)| l.trim_start().starts_with(['{', '[']))
        .map(|(at, l)| at + (l.len() - l.trim_start().len()));
    if let Some(start) = json_start {
        let mut stream =
            serde_json::Deserializer::from_str(&text[start..]).into_iter::<serde_json::Value>();
        if let Some(Ok(value)) = stream.next() {
            if let Some(found) = acl::read_json(&value, text, start) {
                return found;
            }
        }
    }
    acl::read_text(text).unwrap_or_else(|| panic!("not read as ACL input:\n{text}"))
}

fn judge(texts: &[&str]) -> Vec<Subject> {
    let docs: Vec<AclDocument> = texts.iter().map(|t| read(t).0).collect();
    let refs: Vec<&AclDocument> = docs.iter().collect();
    acl::judge(&refs, &Options::default())
}

fn subject<'a>(subjects: &'a [Subject], label_part: &str) -> &'a Subject {
    subjects
        .iter()
        .find(|s| s.label.contains(label_part))
        .unwrap_or_else(|| {
            let labels: Vec<&str> = subjects.iter().map(|s| s.label.as_str()).collect();
            panic!("no subject {label_part} in {labels:?}")
        })
}

fn category(s: &Subject, id: &str) -> (Verdict, Verdict) {
    let c = s.categories.iter().find(|c| c.id == id).unwrap();
    (c.backup, c.restore)
}

fn category_reason(s: &Subject, id: &str) -> (String, String) {
    let c = s.categories.iter().find(|c| c.id == id).unwrap();
    (c.backup_reason.clone(), c.restore_reason.clone())
}

/// The collection script an undecided verdict comes with (both shells, one message).
fn collect_script(s: &Subject) -> &str {
    s.warnings
        .iter()
        .find(|w| w.id == "acl-collect")
        .map(|w| w.message.as_str())
        .unwrap_or_else(|| panic!("no collection script: {:#?}", s.warnings))
}

fn missing_ids(s: &Subject) -> Vec<&str> {
    s.missing.iter().map(|m| m.id.as_str()).collect()
}

const USER: &str =
    "Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\backup@contoso.com";

/// The group of az-devops-security-permission-update-output.json (an Entra group: the Learn
/// page names it aadgp.Uy0x…).
const GROUP: &str = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-3954173786-1521081925-2540508263-3348164168";

/// A real answer that holds no ACL (fixture `name`): read as `format`, one warning, no subject.
fn nothing_to_judge(name: &str, format: &str) -> Option<(String, acl::AclDiagnostic)> {
    let text = shared_sample(name)?;
    let (doc, diags) = read(&text);
    assert!(doc.acls.is_empty(), "no ACL in {name}");
    assert_eq!(doc.format_id(), format);
    assert!(judge(&[&text]).is_empty());
    let [d] = diags.as_slice() else {
        panic!("one warning for {name}: {diags:?}")
    };
    assert_eq!(d.severity, Severity::Warning);
    Some((text, d.clone()))
}

/// A REST accesscontrollists body from (token, inherit, [(descriptor, allow, deny)]).
/// (descriptor, allow, deny)
type AceRow<'a> = (&'a str, u64, u64);

fn rest(acls: &[(&str, bool, &[AceRow])]) -> String {
    let value: Vec<serde_json::Value> = acls
        .iter()
        .map(|(token, inherit, aces)| {
            let mut dict = serde_json::Map::new();
            for (d, allow, deny) in aces.iter() {
                dict.insert(
                    d.to_string(),
                    json!({"descriptor": d, "allow": allow, "deny": deny}),
                );
            }
            json!({"inheritPermissions": inherit, "token": token, "acesDictionary": dict})
        })
        .collect();
    serde_json::to_string_pretty(&json!({"count": value.len(), "value": value})).unwrap()
}

fn with_url(ns: &str, body: &str) -> String {
    format!(
        "GET https://dev.azure.com/contoso/_apis/accesscontrollists/{ns}?recurse=true\n{body}\n"
    )
}

const GIT: &str = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";
const P1: &str = "11111111-1111-1111-1111-111111111111";

/// Every namespace the requirements read, all allowed for USER.
fn everything_allowed() -> Vec<String> {
    let project_token = format!("$PROJECT:vstfs:///Classification/TeamProject/{P1}");
    let inferable = rest(&[
        ("repoV2", true, &[(USER, 2 | 4 | 16 | 32 | 256 | 16384, 0)]),
        (
            &format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001"),
            true,
            &[(USER, 0, 0)],
        ),
        (&project_token, true, &[(USER, 1, 0)]),
        ("NAMESPACE", true, &[(USER, 4, 0)]),
        ("$PROCESS:", true, &[(USER, 1 | 4, 0)]),
        (&format!("Library/{P1}"), true, &[(USER, 1 | 4, 0)]),
        (&format!("Environments/{P1}"), true, &[(USER, 1 | 32, 0)]),
    ]);
    vec![
        inferable,
        with_url(
            "83e28ad4-2d72-4ceb-97b0-c7726d5502c3",
            &rest(&[(
                "vstfs:///Classification/Node/area1",
                true,
                &[(USER, 4 | 16 | 32, 0)],
            )]),
        ),
        with_url(
            "33344d9c-fc72-4d6f-aba5-fa317101a7e9",
            &rest(&[(P1, true, &[(USER, 1024 | 2048, 0)])]),
        ),
        with_url(
            "9fed0191-dca2-4112-86b7-a6a48d1b204c",
            &rest(&[("$/feed1", true, &[(USER, 32 | 64, 0)])]),
        ),
    ]
}

// ---- Real samples -------------------------------------------------------------------------

#[test]
fn real_project_namespace_export_207_projects_not_set() {
    let Some(sample) = shared_sample(
        "rest-accesscontrollists-project-ns-user-descriptor-all-tokens-extendedinfo.json",
    ) else {
        return;
    };
    let text = format!(
        "GET https://dev.azure.com/v-anvashist0376/_apis/AccessControlLists/52d39943-cb85-4d7f-8fa8-c6baac873819?descriptors=x&includeExtendedInfo=true\n{sample}"
    );
    let (doc, diags) = read(&text);
    assert_eq!(doc.format_id(), "azure-devops-acl-rest");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(doc.acls.len(), 207);
    let subjects = judge(&[&text]);
    assert_eq!(subjects.len(), 1);
    let s = &subjects[0];
    assert_eq!(s.label, "new_user_test@outlook.com (ACLs)");
    assert_eq!(s.credential, Credential::Account);
    assert_eq!(s.platform, Some(Platform::AzureDevopsServices));
    // extendedInfo {} on every project: View project-level information is not set anywhere.
    assert_eq!(s.backup.verdict, Impossible);
    let (backup_reason, _) = category_reason(s, "projects-teams");
    assert!(
        backup_reason.contains("not set (which denies) on 207"),
        "{backup_reason}"
    );
    assert!(missing_ids(s).contains(&"Project/GENERIC_READ"));
    // Nothing says anything of Git, the organization or processes.
    assert_eq!(category(s, "repositories"), (Unknown, Unknown));
    assert_eq!(s.restore.verdict, Unknown);
    assert!(
        s.restore
            .summary
            .contains("Export next: the Git Repositories")
            && s.restore
                .summary
                .contains("the collection script under Check also"),
        "{}",
        s.restore.summary
    );
    // One script, the account in a variable once, every namespace exported.
    let script = collect_script(s);
    assert!(
        script.contains("SUBJECT='new_user_test@outlook.com'"),
        "{script}"
    );
    assert!(script.contains("$Subject = 'new_user_test@outlook.com'"));
    assert!(script.contains("for ns in 2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87 "));
    assert_eq!(
        script.matches("new_user_test@outlook.com").count(),
        4,
        "{script}"
    );
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Project")
        .unwrap();
    assert!(fix.message.contains("az devops security permission update --id 52d39943-cb85-4d7f-8fa8-c6baac873819 --subject new_user_test@outlook.com --token '$PROJECT:vstfs:///Classification/TeamProject/"), "{}", fix.message);
    assert!(fix.message.contains("--allow-bit 1"));
    assert!(fix.message.contains("… and 197 more tokens"));
}

#[test]
fn real_single_token_exports_with_and_without_a_deny() {
    // The token carries an explicit Deny of 65536 (RENAME): View project-level information is
    // still not set.
    let (Some(after_deny), Some(no_ace), Some(namespace)) = (
        shared_sample("rest-accesscontrollists-project-token-user-after-deny-65536.json"),
        shared_sample("rest-accesscontrollists-project-token-user-no-ace.json"),
        shared_sample("rest-securitynamespaces-project-single-2025.json"),
    ) else {
        return;
    };
    let s = &judge(&[&after_deny])[0];
    assert_eq!(category(s, "projects-teams").0, Impossible);
    let (reason, _) = category_reason(s, "projects-teams");
    assert!(
        reason.contains("not set (which denies) on project a6845a01"),
        "{reason}"
    );
    let s = &judge(&[&no_ace])[0];
    assert_eq!(category(s, "projects-teams").0, Impossible);
    // With a namespace dump pasted too, labels still come out right.
    let subjects = judge(&[&no_ace, &namespace]);
    assert_eq!(subjects.len(), 1);
    assert!(subjects[0]
        .missing
        .iter()
        .any(|m| m.label == "View project-level information"));
}

#[test]
fn real_spec_example_identity_namespace_gives_one_subject_per_group() {
    let text = format!(
        "GET https://dev.azure.com/fabrikam/_apis/accesscontrollists/5a27515b-ccd7-42c9-84f1-54c998f03866/?token=1ba198c0&includeExtendedInfo=True\n{}",
        fixture("rest-spec-example-accesscontrollists-includeExtendedInfo.json")
    );
    let subjects = judge(&[&text]);
    assert_eq!(subjects.len(), 3);
    let pca = subject(&subjects, "Project Collection Administrators");
    // Identity ACLs say nothing of what a backup needs; administrators get no bypass.
    assert_eq!(
        (pca.backup.verdict, pca.restore.verdict),
        (Unknown, Unknown)
    );
    subject(&subjects, "Project Collection Valid Users");
    subject(&subjects, "Project Collection Service Accounts");
}

#[test]
fn real_az_update_output_is_read_with_its_namespace() {
    let (doc, diags) = read(&fixture("az-devops-security-permission-update-output.json"));
    assert_eq!(doc.format_id(), "azure-devops-acl-az-show");
    assert!(diags.is_empty(), "{diags:?}");
    // ServiceHooks, told by the resolved permission names.
    assert_eq!(
        doc.acls[0].namespace.as_deref(),
        Some("cb594ebe-87dd-4fc9-ac2c-6a10a4c92046")
    );
    assert_eq!(doc.acls[0].aces[0].resolved.len(), 1);
    let s = &judge(&[&fixture("az-devops-security-permission-update-output.json")])[0];
    assert!(
        s.label.starts_with("Azure DevOps group S-1-9-"),
        "{}",
        s.label
    );
    assert_eq!(s.backup.verdict, Unknown);
}

#[test]
fn real_namespace_dumps_extend_the_catalog() {
    let (doc, _) = read(&fixture(
        "az-devops-security-permission-namespace-show-output.json",
    ));
    assert_eq!(doc.format_id(), "azure-devops-security-namespaces");
    assert_eq!(doc.namespaces[0].actions.len(), 4);
    let (doc, _) = read(&fixture("rest-securitynamespaces-services-2019.json"));
    assert_eq!(doc.namespaces.len(), 59);
    // A dump alone judges nobody.
    assert!(judge(&[&fixture("rest-securitynamespaces-services-2019.json")]).is_empty());
}

#[test]
fn real_az_table_outputs() {
    let text = fixture("az-devops-security-permission-table-outputs.txt");
    let (doc, diags) = read(&text);
    assert_eq!(doc.format_id(), "azure-devops-acl-az-table");
    // list (2 Analytics tokens) + show (1 token) + list (2 ServiceHooks tokens).
    assert_eq!(doc.acls.len(), 5, "{:#?}", doc.acls);
    let show = doc
        .acls
        .iter()
        .find(|a| {
            a.token == "0611925a-b287-4b0b-90a1-90f1a96e9f1f" && !a.aces[0].resolved.is_empty()
        })
        .unwrap();
    let ext = show.aces[0].extended.as_ref().unwrap();
    assert_eq!((ext.effective_allow, ext.effective_deny), (2, 16));
    assert_eq!(
        doc.subject_hint.as_deref(),
        Some("<Group or user descriptor>")
    );
    // The fourth table's --subject is a placeholder; the other tables name contoso@contoso.com.
    assert!(doc
        .acls
        .iter()
        .any(|a| &*a.aces[0].descriptor == "contoso@contoso.com"));
    assert!(diags.is_empty(), "{diags:?}");
    let subjects = judge(&[&text]);
    assert!(subject(&subjects, "contoso@contoso.com").backup.verdict == Unknown);
}

#[test]
fn real_tfssecurity_output() {
    let text = fixture("tfssecurity-acl-sample-output.txt");
    let (doc, diags) = read(&text);
    assert_eq!(doc.format_id(), "azure-devops-tfssecurity-acl");
    assert_eq!(doc.acls.len(), 2);
    assert!(doc
        .acls
        .iter()
        .all(|a| a.namespace.as_deref() == Some("1f4179b3-6bac-4d01-b421-71ea09171400")));
    // The second output (after /a+) has no `/acl` command; the namespace carries over.
    assert!(diags.is_empty(), "{diags:?}");
    let subjects = judge(&[&text]);
    let j = subject(&subjects, "DATUM1\\jpeoples");
    assert_eq!(j.platform, Some(Platform::AzureDevopsServer));
    assert_eq!(j.backup.verdict, Unknown);
}

#[test]
fn real_permission_evaluation_batch() {
    let (doc, diags) = read(&fixture("rest-spec-example-permissionevaluationbatch.json"));
    assert_eq!(doc.format_id(), "azure-devops-permission-evaluation");
    assert_eq!(doc.evaluations.len(), 3);
    assert_eq!(doc.always_allow_administrators, Some(false));
    assert!(diags.is_empty(), "{diags:?}");
    let s = &judge(&[&fixture("rest-spec-example-permissionevaluationbatch.json")])[0];
    assert_eq!(s.label, "the caller of permissionevaluationbatch");
    assert_eq!(s.backup.verdict, Unknown);
}

// ---- The algorithm, hand-built ------------------------------------------------------------

#[test]
fn hand_built_git_recurse_export_judges_each_repository() {
    let text = fixture("handmade-git-recurse.json");
    let subjects = judge(&[&text]);
    let s = subject(&subjects, "backup@contoso.com");
    // Read: R1 inherits the project's Allow, R2 has an explicit Deny, R3 stops inheriting (Not
    // set), R4 is allowed on the repository itself.
    assert_eq!(category(s, "repositories").0, Partial);
    let (backup, restore) = category_reason(s, "repositories");
    assert!(
        backup.contains("\"Read\" is allowed on 2 of 4 repositories"),
        "{backup}"
    );
    assert!(
        backup.contains("denied on repository aaaaaaaa-0000-0000-0000-000000000002"),
        "{backup}"
    );
    assert!(backup.contains("not set (which denies) on 1"), "{backup}");
    assert!(restore.contains("Create repository") || category(s, "repositories").1 != Possible);
    // Create repository: allowed on project 1, not set on project 2.
    assert!(missing_ids(s).contains(&"Git Repositories/CreateRepository"));
    assert!(missing_ids(s).contains(&"Git Repositories/GenericRead"));
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap();
    // The explicit Deny is reset before the Allow.
    assert!(
        fix.message.contains(
            "az devops security permission reset --id 2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87"
        ),
        "{}",
        fix.message
    );
    // Repository 3 stops inheriting: its own command, every bit it lacks added up.
    assert!(
        fix.message.contains(
            "--token repoV2/11111111-1111-1111-1111-111111111111/aaaaaaaa-0000-0000-0000-000000000003 --allow-bit "
        ),
        "{}",
        fix.message
    );
    // The project namespace was not exported: backup cannot be decided.
    assert_eq!(s.backup.verdict, Unknown);
    assert!(s.backup.summary.contains("Export next: the Project"));
    assert!(collect_script(s).contains("52d39943-cb85-4d7f-8fa8-c6baac873819"));
    assert!(s.warnings.iter().any(|w| w.id == "acl-computed"));
    let g = s
        .granted
        .iter()
        .find(|g| g.id == "Git Repositories/GenericRead")
        .unwrap();
    assert_eq!(g.line, 6, "the project-level ACE that grants it");
    // The group with an ACE on R3 is a subject too.
    assert_eq!(subjects.len(), 2);
}

#[test]
fn every_seed_000_permission_present_gives_possible() {
    let texts = everything_allowed();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let subjects = judge(&refs);
    assert_eq!(
        subjects.len(),
        1,
        "{:#?}",
        subjects.iter().map(|s| &s.label).collect::<Vec<_>>()
    );
    let s = &subjects[0];
    assert_eq!(
        (s.backup.verdict, s.restore.verdict),
        (Possible, Possible),
        "{}\n{}",
        s.backup.summary,
        s.restore.summary
    );
    assert!(s.missing.is_empty());
    let ids: Vec<&str> = s.granted.iter().map(|g| g.id.as_str()).collect();
    for id in [
        "Git Repositories/GenericRead",
        "Git Repositories/CreateBranch",
        "Git Repositories/CreateRepository",
        "Project/GENERIC_READ",
        "Collection/CREATE_PROJECTS",
        "Process/Create",
        "Process/Edit",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
}

/// Remove one seed 000 bit at a time: the verdict names it.
#[test]
fn each_seed_000_permission_absent_is_missing() {
    let cases: [(&str, u64, &str, &str, Verdict, Verdict); 7] = [
        (
            "repoV2",
            2,
            "Git Repositories/GenericRead",
            "Read",
            Impossible,
            Possible,
        ),
        (
            "repoV2",
            16,
            "Git Repositories/CreateBranch",
            "Create branch",
            Possible,
            Impossible,
        ),
        (
            "repoV2",
            256,
            "Git Repositories/CreateRepository",
            "Create repository",
            Possible,
            Impossible,
        ),
        (
            "$PROJECT",
            1,
            "Project/GENERIC_READ",
            "View project-level information",
            Impossible,
            Possible,
        ),
        (
            "NAMESPACE",
            4,
            "Collection/CREATE_PROJECTS",
            "Create new projects",
            Possible,
            Partial,
        ),
        (
            "$PROCESS:",
            4,
            "Process/Create",
            "Create process",
            Possible,
            Partial,
        ),
        (
            "$PROCESS:",
            1,
            "Process/Edit",
            "Edit process",
            Possible,
            Partial,
        ),
    ];
    for (token_start, bit, id, label, backup, restore) in cases {
        let mut texts = everything_allowed();
        // Deny the bit on the token that grants it.
        let json: serde_json::Value = serde_json::from_str(&texts[0]).unwrap();
        let mut json = json;
        for acl in json["value"].as_array_mut().unwrap() {
            if acl["token"].as_str().unwrap().starts_with(token_start) {
                let ace = &mut acl["acesDictionary"][USER];
                let allow = ace["allow"].as_u64().unwrap();
                ace["allow"] = json!(allow & !bit);
                ace["deny"] = json!(bit);
            }
        }
        texts[0] = serde_json::to_string(&json).unwrap();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let s = &judge(&refs)[0];
        assert_eq!(
            (s.backup.verdict, s.restore.verdict),
            (backup, restore),
            "{id}: {}\n{}",
            s.backup.summary,
            s.restore.summary
        );
        let m = s
            .missing
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| panic!("{id} not missing"));
        assert_eq!(m.label, label);
        assert!(m.source.starts_with("Xopero ONE"), "{}", m.source);
        assert!(
            m.source_url.starts_with("https://helpcenter.xopero.com/"),
            "{}",
            m.source_url
        );
        let namespace = id.split('/').next().unwrap();
        let fix = s
            .warnings
            .iter()
            .find(|w| w.id == format!("acl-fix:{namespace}"))
            .unwrap();
        assert!(
            fix.message.contains(&format!("--allow-bit {bit}")),
            "{}",
            fix.message
        );
        // The identity's own Deny is reset, then the bit allowed where it is inherited from.
        assert!(
            fix.message.contains("its own Deny of ")
                && fix
                    .message
                    .contains("az devops security permission reset --id "),
            "{id}: {}",
            fix.message
        );
    }
}

#[test]
fn deny_at_parent_allow_at_child_and_the_reverse() {
    let child = format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001");
    let text = rest(&[
        (&format!("repoV2/{P1}"), true, &[(USER, 0, 2)]),
        (&child, true, &[(USER, 2, 0)]),
    ]);
    let s = &judge(&[&text])[0];
    assert_eq!(category(s, "repositories").0, Possible);
    let text = rest(&[
        (&format!("repoV2/{P1}"), true, &[(USER, 2, 0)]),
        (&child, true, &[(USER, 0, 2)]),
    ]);
    let s = &judge(&[&text])[0];
    assert_eq!(category(s, "repositories").0, Impossible);
    let (reason, _) = category_reason(s, "repositories");
    assert!(reason.contains("denied by an explicit Deny"), "{reason}");
}

#[test]
fn inherited_deny_is_explained_and_fixed_on_the_token() {
    let child = format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001");
    let text = rest(&[
        (&format!("repoV2/{P1}"), true, &[(USER, 0, 2)]),
        (&child, true, &[(USER, 0, 0)]),
    ]);
    let s = &judge(&[&text])[0];
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap();
    // Listed apart from the grants: where the Deny is, how to lift it, and that an Allow on
    // the more specific token would beat it.
    assert!(
        fix.message.contains("A Deny keeps what is missing from 1 tokens")
            && fix.message.contains(&format!(
                "its own Deny of \"Read\" on every repository in project {P1} keeps it from repository aaaaaaaa"
            ))
            && fix.message.contains(&format!(
                "az devops security permission reset --id {GIT} --subject backup@contoso.com --token repoV2/{P1} --permission-bit 2"
            ))
            && fix.message.contains("an Allow on a more specific token beats an inherited Deny"),
        "{}",
        fix.message
    );
    // Once the Deny is gone, the Allow goes where inheritance carries it to the repository.
    assert!(
        fix.message.contains(&format!(
            "update --id {GIT} --subject backup@contoso.com --token repoV2/{P1} --allow-bit 16694"
        )),
        "{}",
        fix.message
    );
}

#[test]
fn inheritance_off_makes_the_parents_allow_not_count() {
    let child = format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001");
    let text = rest(&[
        (&format!("repoV2/{P1}"), true, &[(USER, 2, 0)]),
        (&child, false, &[(USER, 0, 0)]),
    ]);
    let s = &judge(&[&text])[0];
    assert_eq!(category(s, "repositories").0, Impossible);
    assert!(category_reason(s, "repositories")
        .0
        .contains("not set (which denies)"));
}

#[test]
fn not_set_everywhere_denies() {
    let text = rest(&[(&format!("repoV2/{P1}/r"), true, &[(USER, 0, 0)])]);
    let s = &judge(&[&text])[0];
    assert_eq!(category(s, "repositories"), (Impossible, Impossible));
}

#[test]
fn a_group_deny_on_the_same_token_beats_an_allow_for_the_group_subject() {
    // Two groups on one token; each is its own subject. Membership is not in the export, so
    // the user is judged on its own entries only.
    let readers = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-1-11-12-13-14";
    let blocked = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-1-21-22-23-24";
    let text = rest(&[(
        &format!("repoV2/{P1}/r"),
        true,
        &[(readers, 2, 0), (blocked, 0, 2), (USER, 0, 0)],
    )]);
    let subjects = judge(&[&text]);
    assert_eq!(subjects.len(), 3);
    assert_eq!(
        category(subject(&subjects, "12-13-14"), "repositories").0,
        Possible
    );
    assert_eq!(
        category(subject(&subjects, "22-23-24"), "repositories").0,
        Impossible
    );
    assert_eq!(
        category(subject(&subjects, "backup@contoso.com"), "repositories").0,
        Impossible
    );
}

#[test]
fn project_collection_administrators_get_no_bypass() {
    let pca = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-0-0-0-0-1";
    let text = rest(&[("repoV2", true, &[(pca, 0, 2)])]);
    let s = &judge(&[&text])[0];
    assert_eq!(s.label, "Project Collection Administrators (ACLs)");
    assert_eq!(category(s, "repositories").0, Impossible);
}

#[test]
fn an_identity_absent_from_a_namespace_is_unknown_there() {
    let other = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-1-11-12-13-14";
    let git = rest(&[("repoV2", true, &[(other, 2, 0)])]);
    let project = rest(&[("$PROJECT", true, &[(USER, 1, 0)])]);
    let subjects = judge(&[&git, &project]);
    let s = subject(&subjects, "backup@contoso.com");
    assert_eq!(category(s, "repositories").0, Unknown);
    assert!(category_reason(s, "repositories")
        .0
        .contains("no entry for this identity"));
}

// ---- Formats with junk around them --------------------------------------------------------

#[test]
fn rest_json_with_prose_before_and_after() {
    let body = rest(&[("repoV2", true, &[(USER, 2, 0)])]);
    let text = format!("Here is what the API returned:\n{body}\nThanks!\n");
    let (doc, diags) = read(&text);
    assert_eq!(doc.acls.len(), 1);
    assert!(diags.is_empty());
    assert!(text[doc.acls[0].at..].starts_with("\"repoV2\""));
}

#[test]
fn az_list_json_with_its_command_line() {
    let text = format!(
        "$ az devops security permission list --id {GIT} --subject backup@contoso.com --recurse\n[\n  {{\"acesDictionary\": {{\"{}\": {{\"allow\": 2, \"deny\": 0, \"descriptor\": \"{}\", \"extendedInfo\": {{\"effectiveAllow\": 18, \"effectiveDeny\": null}}}}}}, \"includeExtendedInfo\": true, \"inheritPermissions\": true, \"token\": \"repoV2/{P1}/r\"}}\n]\n$ \n",
        USER.replace('\\', "\\\\"),
        USER.replace('\\', "\\\\")
    );
    let (doc, diags) = read(&text);
    assert_eq!(doc.format_id(), "azure-devops-acl-az-list");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(doc.subject_hint.as_deref(), Some("backup@contoso.com"));
    let s = &judge(&[&text])[0];
    // effectiveAllow 18 = Read + Create branch, as the server computed it.
    let (b, r) = category(s, "repositories");
    assert_eq!(b, Possible);
    assert_eq!(
        r, Impossible,
        "Contribute and Create repository are not allowed"
    );
}

#[test]
fn tfssecurity_with_junk_before_and_after() {
    let text = format!(
        "Ran on the build server:\n{}\n-- end of log --\n",
        fixture("tfssecurity-acl-sample-output.txt")
    );
    let (doc, _) = read(&text);
    assert_eq!(doc.format_id(), "azure-devops-tfssecurity-acl");
    assert_eq!(doc.acls.len(), 2);
}

#[test]
fn tf401027_long_form_in_a_push_log() {
    let text = fixture("handmade-tf401027-push.txt");
    let (doc, diags) = read(&text);
    assert_eq!(doc.format_id(), "azure-devops-access-denied");
    assert!(diags.is_empty());
    assert_eq!(doc.denials.len(), 1);
    let s = &judge(&[&text])[0];
    assert_eq!(s.label, "backup@contoso.com (access denied)");
    assert_eq!(s.restore.verdict, Impossible);
    assert!(
        s.restore.summary.contains("GenericContribute"),
        "{}",
        s.restore.summary
    );
    assert!(missing_ids(s).contains(&"Git Repositories/GenericContribute"));
    assert_eq!(s.backup.verdict, Unknown);
}

#[test]
fn tf401027_short_form_in_a_tool_log() {
    let text = fixture("handmade-tf401027-short.txt");
    let s = &judge(&[&text])[0];
    assert_eq!(s.label, "the account that got the access-denied error");
    assert_eq!(category(s, "repositories").1, Impossible);
    // The message is quoted whole, to its full stop.
    assert!(
        s.restore
            .summary
            .contains("permission to perform this action."),
        "{}",
        s.restore.summary
    );
    assert_eq!(
        s.missing
            .iter()
            .find(|m| m.id == "Git Repositories/CreateRepository")
            .map(|m| m.label.as_str()),
        Some("Create repository")
    );
}

#[test]
fn a_tf401027_for_what_a_restore_exercises_makes_that_restore_impossible() {
    // Restoring pull requests and tags exercises more than seed 000's list: a refusal naming
    // one of them makes the repositories' restore impossible and names it under what to grant,
    // instead of "outside seed 000's list".
    for (permission, id, label) in [
        (
            "PullRequestContribute",
            "Git Repositories/PullRequestContribute",
            "Contribute to pull requests",
        ),
        ("CreateTag", "Git Repositories/CreateTag", "Create tag"),
    ] {
        let text = format!(
            "2026-03-02 10:20:11 ERROR restore: POST _apis/git/repositories/app/pullrequests failed (403)\nTF401027: You need the Git '{permission}' permission to perform this action. Details: identity 'backup@contoso.com', scope 'repository'.\n"
        );
        let s = &judge(&[&text])[0];
        assert_eq!(category(s, "repositories").1, Impossible, "{permission}");
        let m = s
            .missing
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| panic!("{id} not missing: {:?}", missing_ids(s)));
        assert_eq!(m.label, label);
        assert_eq!(m.needed_for, vec!["restore:repositories".to_string()]);
        assert!(
            m.source_url.contains("learn.microsoft.com"),
            "{}",
            m.source_url
        );
        assert!(
            !s.warnings.iter().any(|w| w.id == "acl-denied-other"),
            "{:?}",
            s.warnings
        );
    }
}

#[test]
fn access_check_exception_names_the_bit() {
    let text = fixture("handmade-access-check.txt");
    let (doc, _) = read(&text);
    assert_eq!(doc.denials[0].bits, Some(2));
    let s = &judge(&[&text])[0];
    assert_eq!(s.backup.verdict, Impossible);
    assert!(
        s.backup.summary.contains("\"Read\" was refused"),
        "{}",
        s.backup.summary
    );
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap();
    assert!(fix.message.contains("--subject backup@contoso.com --token repoV2/11111111-1111-1111-1111-111111111111/aaaaaaaa-0000-0000-0000-000000000002 --allow-bit 2"), "{}", fix.message);
}

#[test]
fn access_denied_outside_the_requirements_is_reported_not_judged() {
    let text = "Error: Access Denied: 12345678-1234-1234-1234-123456789012 needs the following permission(s) in the Identity security namespace to perform this action: Edit identity information. Additional details: security token: 12345678-1234-1234-1234-123456789012, permission bits required: 2.";
    let s = &judge(&[text])[0];
    assert_eq!((s.backup.verdict, s.restore.verdict), (Unknown, Unknown));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.id == "acl-denied-other" && w.message.contains("Edit identity information")));
}

#[test]
fn rest_error_body_with_tf401027() {
    let text = fixture("handmade-error-body.json");
    let (doc, _) = read(&text);
    assert_eq!(doc.format_id(), "azure-devops-access-denied");
    let s = &judge(&[&text])[0];
    assert!(missing_ids(s).contains(&"Git Repositories/CreateBranch"));
}

#[test]
fn unknown_namespace_is_a_located_warning() {
    let text = format!(
        "prose\n{}",
        rest(&[(
            "0611925a-b287-4b0b-90a1-90f1a96e9f1f",
            true,
            &[(USER, 1, 0)]
        )])
    );
    let (_, diags) = read(&text);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, Severity::Warning);
    assert!(text[diags[0].at..].starts_with("\"0611925a"));
}

#[test]
fn non_acl_inputs_are_not_claimed() {
    assert!(acl::read_text("vso.code vso.build\n").is_none());
    let v: serde_json::Value = serde_json::from_str("{\"value\":[{\"accessLevel\":{}}]}").unwrap();
    assert!(acl::read_json(&v, "", 0).is_none());
}

#[test]
fn server_option_sets_the_platform() {
    let text = rest(&[("repoV2", true, &[(USER, 2, 0)])]);
    let (doc, _) = read(&text);
    let options = Options {
        platform: Some(Platform::AzureDevopsServer),
        ..Options::default()
    };
    let s = &acl::judge(&[&doc], &options)[0];
    assert_eq!(s.platform, Some(Platform::AzureDevopsServer));
}

#[test]
fn ace_post_response_says_what_to_paste_instead() {
    let Some(text) = shared_sample("rest-accesscontrolentries-post-allow-65536.response.json")
    else {
        return;
    };
    let (doc, diags) = read(&text);
    assert!(doc.acls.is_empty(), "no token, so no ACL");
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("without their token")
                && d.help
                    .as_deref()
                    .is_some_and(|h| h.contains("accesscontrollists"))),
        "{diags:?}"
    );
}

#[test]
fn the_granting_entry_is_located_in_the_input_that_holds_it() {
    let texts = everything_allowed();
    let mut docs: Vec<AclDocument> = texts.iter().map(|t| read(t).0).collect();
    for (i, doc) in docs.iter_mut().enumerate() {
        doc.source = format!("input-{i}");
    }
    // The same Git grant again, later in a second input: the first input's entry is the one.
    let mut again: AclDocument = read(&format!("\n\n{}", texts[0])).0;
    again.source = "input-again".into();
    docs.push(again);
    let refs: Vec<&AclDocument> = docs.iter().collect();
    let subjects = acl::judge(&refs, &Options::default());
    let granted = |id: &str| {
        subjects[0]
            .granted
            .iter()
            .find(|g| g.id == id)
            .unwrap_or_else(|| panic!("{id} not granted"))
            .clone()
    };
    let read_grant = granted("Git Repositories/GenericRead");
    assert_eq!(read_grant.source, "input-0");
    assert_eq!(read_grant.line, 6);
    let area = granted("CSS/WORK_ITEM_WRITE");
    assert_eq!((area.source.as_str(), area.line), ("input-1", 7));
    let feed = granted("Feed/AddPackage");
    assert_eq!((feed.source.as_str(), feed.line), ("input-3", 7));
}

#[test]
fn a_fix_counts_each_token_once_across_the_requirements_that_need_it() {
    // Read is needed on every repository for the repositories and for the wikis, Contribute,
    // Create tag and Contribute to pull requests for restoring them: 12 repositories without
    // them are 12 commands (each adding up the bits), not one per bit and requirement; with
    // the project (Create repository), 13 tokens, 10 commands shown.
    let tokens: Vec<String> = (1..=12)
        .map(|i| format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-{i:012}"))
        .collect();
    let rows: Vec<(&str, bool, &[AceRow])> = tokens
        .iter()
        .map(|t| (t.as_str(), true, &[(USER, 16, 0)][..]))
        .collect();
    let subjects = judge(&[&rest(&rows)]);
    let s = &subjects[0];
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap();
    assert_eq!(
        fix.message
            .matches("az devops security permission update")
            .count(),
        10
    );
    // 2 Read + 4 Contribute + 32 Create tag + 16384 Contribute to pull requests.
    assert_eq!(
        fix.message.matches("--allow-bit 16422").count(),
        10,
        "{}",
        fix.message
    );
    assert!(
        fix.message.contains("… and 3 more tokens"),
        "{}",
        fix.message
    );
    assert!(fix
        .message
        .contains("--allow-bit adds up the bits: 2 Read, 4 Contribute, 32 Create tag, 256 Create repository, 16384 Contribute to pull requests."));
}

#[test]
fn permissions_delete_response_says_what_to_paste_instead() {
    // The answer of DELETE _apis/permissions: one ACE, no token.
    let Some((_, d)) = nothing_to_judge(
        "rest-permissions-delete-65536.response.json",
        "azure-devops-acl-entries",
    ) else {
        return;
    };
    assert!(
        d.message.contains("without their token") && d.message.contains("DELETE _apis/permissions"),
        "{}",
        d.message
    );
}

#[test]
fn a_group_is_named_by_its_graph_descriptor_in_fix_commands() {
    // az reads a --subject with `.` as a graph descriptor, so a group's identity descriptor is
    // given as vssgp. + the base64 of its SID (reference §3.4, §3.7), with the Entra spelling.
    let body = rest(&[(
        &format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001"),
        true,
        &[(GROUP, 0, 0)],
    )]);
    let s = &judge(&[&with_url(GIT, &body)])[0];
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap();
    assert!(fix.message.contains("--subject vssgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0NDAwOTY5LTI0MDI5ODY0MTMtMjE3OTQwODYxNi0zLTM5NTQxNzM3ODYtMTUyMTA4MTkyNS0yNTQwNTA4MjYzLTMzNDgxNjQxNjg --token"), "{}", fix.message);
    assert!(
        fix.message
            .contains("for a Microsoft Entra group it is aadgp.Uy0x"),
        "{}",
        fix.message
    );
    // The export commands of an undecided verdict carry the same note.
    let body = rest(&[(
        &format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001"),
        true,
        &[(GROUP, 2, 0)],
    )]);
    let s = &judge(&[&with_url(GIT, &body)])[0];
    assert_eq!(s.backup.verdict, Unknown);
    assert!(
        collect_script(s).contains("SUBJECT='vssgp.Uy0x"),
        "{}",
        collect_script(s)
    );
    assert!(
        s.backup
            .summary
            .contains("\nNote: --subject vssgp.… is this group's graph descriptor"),
        "{}",
        s.backup.summary
    );
}

#[test]
fn real_identity_lookup_says_what_to_export_for_it() {
    let Some((text, d)) = nothing_to_judge(
        "rest-identities-search-user.response.json",
        "azure-devops-identities",
    ) else {
        return;
    };
    assert!(
        d.message.contains("identity lookup")
            && d.message.contains("new_user_test@outlook.com (User)"),
        "{}",
        d.message
    );
    // Placed on the descriptor, and the commands name the user by e-mail, as az takes it.
    assert!(text[d.at..].starts_with("\"Microsoft.IdentityModel.Claims.ClaimsIdentity;"));
    let help = d.help.as_deref().unwrap_or("");
    assert!(help.contains("Git Repositories: az devops security permission list --id 2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87 --subject new_user_test@outlook.com --output json"), "{help}");
}

#[test]
fn real_accesscontrolentries_request_body_is_a_change_not_what_is_in_effect() {
    let Some((_, d)) = nothing_to_judge(
        "rest-accesscontrolentries-post-allow-65536.request.json",
        "azure-devops-acl-entries",
    ) else {
        return;
    };
    assert!(
        d.message
            .contains("body of POST _apis/accesscontrolentries")
            && d.message
                .contains("project a6845a01-8525-49c7-9cd0-20ee4c0a0d5f"),
        "{}",
        d.message
    );
    assert!(d
        .help
        .as_deref()
        .unwrap_or("")
        .contains("_apis/accesscontrollists"));
}

#[test]
fn an_identity_lookup_names_the_subjects_of_acls_pasted_with_it() {
    // The shape of the real `_apis/identities` sample, for a group: its name labels the subject
    // and its graph descriptor (here an Entra group's aadgp.…) goes into the commands as it is.
    const GRAPH: &str = "aadgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0NDAwOTY5LTI0MDI5ODY0MTMtMjE3OTQwODYxNi0zLTM5NTQxNzM3ODYtMTUyMTA4MTkyNS0yNTQwNTA4MjYzLTMzNDgxNjQxNjg";
    let lookup = serde_json::to_string(&json!({"count": 1, "value": [{
        "id": "0b3b8a3e-1111-2222-3333-444455556666",
        "descriptor": GROUP,
        "subjectDescriptor": GRAPH,
        "providerDisplayName": "[contoso]\\Backup Operators",
        "isActive": true,
        "properties": {"SchemaClassName": {"$type": "System.String", "$value": "Group"}}
    }]}))
    .unwrap();
    let (doc, diags) = read(&lookup);
    assert_eq!(doc.identities.len(), 1);
    assert!(
        diags[0]
            .message
            .contains("[contoso]\\Backup Operators (Group)"),
        "{}",
        diags[0].message
    );
    assert!(diags[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains(&format!("--subject {GRAPH} --output json")));

    let body = rest(&[(
        &format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001"),
        true,
        &[(GROUP, 0, 0)],
    )]);
    let export = with_url(GIT, &body);
    let s = &judge(&[&export, &lookup])[0];
    assert_eq!(s.label, "[contoso]\\Backup Operators (ACLs)");
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap();
    assert!(
        fix.message.contains(&format!("--subject {GRAPH} --token")),
        "{}",
        fix.message
    );
    assert!(
        !fix.message.contains("vssgp."),
        "the lookup settles the prefix: {}",
        fix.message
    );
    // Without the lookup, the SID's descriptor and the note, as before.
    let alone = &judge(&[&export])[0];
    assert!(
        alone.label.starts_with("Azure DevOps group S-1-9-"),
        "{}",
        alone.label
    );
}

#[test]
fn the_subject_of_a_pasted_az_command_settles_a_group_descriptor() {
    // The real update output, with its command line: when its --subject is this group's graph
    // descriptor, commands reuse it (aadgp.: an Entra group); the Learn page's elided spelling
    // is not this group's, so the SID's vssgp. spelling and the note stay.
    let graph = "aadgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0NDAwOTY5LTI0MDI5ODY0MTMtMjE3OTQwODYxNi0zLTM5NTQxNzM3ODYtMTUyMTA4MTkyNS0yNTQwNTA4MjYzLTMzNDgxNjQxNjg";
    let output = fixture("az-devops-security-permission-update-output.json");
    let pasted = |subject: &str| {
        format!("$ az devops security permission update --namespace-id cb594ebe-87dd-4fc9-ac2c-6a10a4c92046 --subject \"{subject}\" --token PublisherSecurity/ac515e82-560c-4af8-845b-9f7f968d8e7b --allow-bit 1\n{output}")
    };
    let s = &judge(&[&pasted(graph)])[0];
    assert_eq!(s.identity.as_deref(), Some(GROUP));
    assert!(
        collect_script(s).contains(&format!("SUBJECT='{graph}'")),
        "{}",
        collect_script(s)
    );
    assert!(!s.backup.summary.contains("Note:"), "{}", s.backup.summary);
    let s = &judge(&[&pasted("aadgp.Uy0x...NjQxNjg")])[0];
    assert!(
        collect_script(s).contains("SUBJECT='vssgp.Uy0x"),
        "{}",
        collect_script(s)
    );
    assert!(s.backup.summary.contains("Note:"), "{}", s.backup.summary);
}

// ---- Group memberships: an account judged through its groups -----------------------------

/// The project of the 2026 recordings (GroupTests_000001) and its groups' SIDs.
const REC_PROJECT: &str = "d8e7e7fd-44d3-47f8-9c72-5c7907714bf1";
const REC_CUSTOM: &str = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-4217255544-3360477257-3078178654-2704907261-1-2813882877-3124984130-2874195295-3856455418";
const REC_TEAM: &str = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-4259833816-3544512583-2624740473-124865521-1-2269994956-1142936651-2167582043-3350664441";
const REC_GROUP4: &str = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-4217255544-3360477257-3078178654-2704907261-1-1852944669-1607854657-2803644727-2979847870";
const REC_VALID: &str = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-4217255544-3360477257-3078178654-2704907261-0-0-0-0-3";

#[test]
fn real_membership_exports_are_read_with_their_shapes() {
    let cases = [
        (
            "rest-graph-memberships-up-custom-group-clitest-2026.json",
            "azure-devops-graph-memberships",
            3,
            0,
            true,
        ),
        (
            "rest-graph-memberships-down-project-valid-users-clitest-2026.json",
            "azure-devops-graph-memberships",
            5,
            0,
            false,
        ),
        (
            "rest-graph-membership-put-group-in-group-clitest-2026.json",
            "azure-devops-graph-memberships",
            1,
            0,
            false,
        ),
        (
            "rest-graph-subjectlookup-response-memberof-clitest-2026.json",
            "azure-devops-graph-subjects",
            0,
            3,
            false,
        ),
        (
            "rest-graph-subjectlookup-response-clitest-2026.json",
            "azure-devops-graph-subjects",
            0,
            5,
            false,
        ),
        (
            "rest-graph-subjectlookup-empty-clitest-2026.json",
            "azure-devops-graph-subjects",
            0,
            0,
            false,
        ),
        (
            "rest-graph-groups-list-project-scope-clitest-2026.json",
            "azure-devops-graph-subjects",
            0,
            6,
            false,
        ),
        (
            "rest-graph-group-get-custom-project-group-clitest-2026.json",
            "azure-devops-graph-subjects",
            0,
            1,
            false,
        ),
        (
            "rest-spec-example-graph-memberships-list-user-up.json",
            "azure-devops-graph-memberships",
            1,
            0,
            true,
        ),
        (
            "rest-spec-example-graph-memberships-list-group-down.json",
            "azure-devops-graph-memberships",
            0,
            0,
            false,
        ),
        (
            "rest-spec-example-graph-memberships-get-user-in-group.json",
            "azure-devops-graph-memberships",
            1,
            0,
            false,
        ),
        (
            "rest-spec-example-graph-subjectlookup.json",
            "azure-devops-graph-subjects",
            0,
            2,
            false,
        ),
        (
            "rest-spec-example-graph-groups-list.json",
            "azure-devops-graph-subjects",
            0,
            0,
            false,
        ),
        (
            "rest-spec-example-graph-users-list.json",
            "azure-devops-graph-subjects",
            0,
            0,
            false,
        ),
    ];
    for (name, format, edges, subjects, asked) in cases {
        let Some(text) = shared_sample(name) else {
            return;
        };
        let (doc, diags) = read(&text);
        assert_eq!(doc.format_id(), format, "{name}");
        if edges > 0 {
            assert_eq!(doc.memberships.len(), edges, "{name}");
        }
        if subjects > 0 {
            assert_eq!(doc.subjects.len(), subjects, "{name}");
        }
        assert_eq!(!doc.asked.is_empty(), asked, "{name}: {:?}", doc.asked);
        assert!(
            diags.iter().all(|d| d.severity != Severity::Error),
            "{name}: {diags:?}"
        );
        // Memberships and names alone are nothing to judge.
        assert!(judge(&[&text]).is_empty(), "{name}");
    }
}

/// Git ACLs for the recordings' project: its Team may read and create branches, the Valid
/// Users are denied branch creation on one repository, another group may create repositories.
fn rec_project_acls() -> String {
    let repo = |n: u32| format!("repoV2/{REC_PROJECT}/aaaaaaaa-0000-0000-0000-{n:012}");
    with_url(
        GIT,
        &rest(&[
            (
                &format!("repoV2/{REC_PROJECT}"),
                true,
                &[(REC_TEAM, 2 | 4 | 16 | 32 | 16384, 0), (REC_GROUP4, 256, 0)],
            ),
            (&repo(1), true, &[(REC_VALID, 0, 16)]),
            (&repo(2), true, &[(USER, 2, 0)]),
            (&repo(3), true, &[]),
        ]),
    )
}

#[test]
fn a_group_is_judged_through_the_groups_it_is_in() {
    // Real memberships (the groups of a custom group, and their names), hand-made ACLs.
    let (Some(up), Some(names)) = (
        shared_sample("rest-graph-memberships-up-custom-group-clitest-2026.json"),
        shared_sample("rest-graph-subjectlookup-response-memberof-clitest-2026.json"),
    ) else {
        return;
    };
    let acls = rec_project_acls();
    let subjects = judge(&[&acls, &up, &names]);
    // The memberships were exported for the custom group: it is the one subject.
    assert_eq!(
        subjects.len(),
        1,
        "{:?}",
        subjects.iter().map(|s| &s.label).collect::<Vec<_>>()
    );
    let s = &subjects[0];
    assert_eq!(s.identity.as_deref(), Some(REC_CUSTOM));
    // It has no entry of its own: everything comes from its groups.
    let (read_reason, _) = category_reason(s, "repositories");
    assert!(
        read_reason.contains("\"Read\" is allowed on all 3 repositories (allowed through [GroupTests_000001]\\GroupTests_000001 Team on 3)"),
        "{read_reason}"
    );
    assert_eq!(category(s, "repositories").0, Possible);
    // Restore: the Valid Users' Deny on repository 1 beats the Team's inherited Allow.
    assert_eq!(category(s, "repositories").1, Partial);
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap_or_else(|| panic!("{:#?}", s.warnings));
    assert!(
        fix.message.contains("the Deny of [GroupTests_000001]\\Project Valid Users of \"Create branch\" on repository aaaaaaaa-0000-0000-0000-000000000001"),
        "{}",
        fix.message
    );
    assert!(fix
        .message
        .contains("(that changes it for every member of the group)"));
    // Create repository comes from the other group, on the project.
    assert!(!missing_ids(s).contains(&"Git Repositories/CreateRepository"));
    let groups = s.warnings.iter().find(|w| w.id == "acl-groups").unwrap();
    assert!(
        groups
            .message
            .contains("Judged with the entries of its 3 groups"),
        "{}",
        groups.message
    );
    assert!(groups.source_url.contains("learn.microsoft.com"));
    // The groups' own groups were not exported.
    assert!(s.warnings.iter().any(|w| w.id == "acl-groups-open"));
    // The other identities of the export (the user with an entry) are not judged here.
    let others = s.warnings.iter().find(|w| w.id == "acl-others").unwrap();
    assert!(
        others.message.contains("entries of 1 other identities"),
        "{}",
        others.message
    );
}

#[test]
fn an_account_by_e_mail_gets_its_groups_from_az_membership_list() {
    // `az devops security group membership list --id <e-mail> --relationship memberof`, with
    // the recorded answer's groups; the user's own ACL descriptor ends in that e-mail.
    let Some(names) = shared_sample("rest-graph-subjectlookup-response-memberof-clitest-2026.json")
    else {
        return;
    };
    let value: serde_json::Value = serde_json::from_str(&names).unwrap();
    let az_output = serde_json::to_string_pretty(&value["value"]).unwrap();
    let membership = format!(
        "$ az devops security group membership list --id backup@contoso.com --relationship memberof\n{az_output}\n"
    );
    let subjects = judge(&[&rec_project_acls(), &membership]);
    assert_eq!(subjects.len(), 1);
    let s = &subjects[0];
    // Joined with its own entry (repository 2) by its e-mail.
    assert_eq!(s.identity.as_deref(), Some(USER));
    assert_eq!(s.label, "backup@contoso.com (ACLs)");
    assert_eq!(category(s, "repositories").0, Possible);
    // Valid Users come in from the listed groups (the recording lists Project Valid Users).
    assert_eq!(category(s, "repositories").1, Partial);
}

#[test]
fn valid_users_apply_implicitly_when_a_group_list_names_them() {
    let (Some(groups_list), Some(group4)) = (
        shared_sample("rest-graph-groups-list-project-scope-clitest-2026.json"),
        shared_sample("rest-graph-subjectlookup-response-memberof-clitest-2026.json"),
    ) else {
        return;
    };
    // The account is in the Team only; the group list says which group is the project's
    // Project Valid Users, whose Deny then applies.
    let team_graph = format!(
        "vssgp.{}",
        permcheck::share::base64url(REC_TEAM.split_once(';').unwrap().1.as_bytes())
    );
    let membership = format!(
        "$ az devops security group membership list --id backup@contoso.com --relationship memberof\n{{\"{team_graph}\": {{\"subjectKind\": \"group\", \"descriptor\": \"{team_graph}\", \"principalName\": \"[GroupTests_000001]\\\\GroupTests_000001 Team\", \"domain\": \"vstfs:///Classification/TeamProject/{REC_PROJECT}\"}}}}\n"
    );
    let subjects = judge(&[&rec_project_acls(), &membership, &groups_list]);
    let s = &subjects[0];
    let groups = s.warnings.iter().find(|w| w.id == "acl-groups").unwrap();
    assert!(
        groups.message.contains("[GroupTests_000001]\\Project Valid Users counted because every member of a project's groups is in its Project Valid Users"),
        "{}",
        groups.message
    );
    let branch_fix = |s: &permcheck::report::Subject| {
        s.warnings
            .iter()
            .find(|w| w.id == "acl-fix:Git Repositories")
            .map(|w| w.message.clone())
    };
    let fix = branch_fix(s).unwrap_or_default();
    assert!(
        fix.contains("the Deny of [GroupTests_000001]\\Project Valid Users of \"Create branch\" on repository aaaaaaaa-0000-0000-0000-000000000001"),
        "{fix}"
    );
    // Without the group list, the Valid Users are not assumed: no Deny in the way.
    let s = &judge(&[&rec_project_acls(), &membership])[0];
    let fix = branch_fix(s).unwrap_or_default();
    assert!(!fix.contains("Project Valid Users"), "{fix}");
    let _ = group4;
}

#[test]
fn a_users_graph_descriptor_needs_a_lookup_and_the_report_says_which() {
    let user_graph = "aad.MDA0NzBlMzQtZGE2MS03YTY5LWJkOTYtNDg3YTg0OWVjNTU4";
    let team_graph = format!(
        "vssgp.{}",
        permcheck::share::base64url(REC_TEAM.split_once(';').unwrap().1.as_bytes())
    );
    let up = format!(
        "GET https://vssps.dev.azure.com/contoso/_apis/graph/Memberships/{user_graph}?direction=Up\n{{\"count\":1,\"value\":[{{\"containerDescriptor\":\"{team_graph}\",\"memberDescriptor\":\"{user_graph}\"}}]}}\n"
    );
    let subjects = judge(&[&rec_project_acls(), &up]);
    let s = &subjects[0];
    assert_eq!(s.identity.as_deref(), Some(user_graph));
    let lookup = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-identity-lookup")
        .unwrap();
    assert!(
        lookup.message.contains(&format!(
            "_apis/identities?subjectDescriptors={user_graph}&queryMembership=Direct"
        )),
        "{}",
        lookup.message
    );
    // Its groups' entries still decide: Read through the Team.
    assert_eq!(category(s, "repositories").0, Possible);
    // The fix names it by its graph descriptor, as az takes it.
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id.starts_with("acl-fix:"))
        .unwrap();
    assert!(
        fix.message.contains(&format!("--subject {user_graph}")),
        "{}",
        fix.message
    );
}

#[test]
fn an_identity_lookup_with_query_membership_gives_the_groups() {
    let lookup = format!(
        "GET https://vssps.dev.azure.com/contoso/_apis/identities?searchFilter=General&filterValue=backup@contoso.com&queryMembership=Direct\n{}",
        serde_json::to_string(&json!({"count": 1, "value": [{
            "id": "0b3b8a3e-1111-2222-3333-444455556666",
            "descriptor": USER,
            "subjectDescriptor": "aad.MDA0NzBlMzQtZGE2MS03YTY5LWJkOTYtNDg3YTg0OWVjNTU4",
            "providerDisplayName": "backup@contoso.com",
            "isActive": true,
            "members": [],
            "memberOf": [REC_GROUP4],
            "properties": {"SchemaClassName": {"$type": "System.String", "$value": "User"}}
        }]}))
        .unwrap()
    );
    let subjects = judge(&[&rec_project_acls(), &lookup]);
    assert_eq!(subjects.len(), 1);
    let s = &subjects[0];
    assert_eq!(s.identity.as_deref(), Some(USER));
    // Create repository through its group; Read only on its own repository.
    assert!(!missing_ids(s).contains(&"Git Repositories/CreateRepository"));
    assert_eq!(category(s, "repositories").0, Partial);
}

// ---- Hand-made memberships, Permissions Report and collection file, end to end ------------

const FABRIKAM_READERS: &str = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-3282114388-72077636-2930593911-1268629343-1-443431053-2172853576-2526478063-3656546735";
const BACKUP_TEAM: &str = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-3954173786-1521081925-2540508263-3348164168";
const FABRIKAM_VALID: &str = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-3282114388-72077636-2930593911-1268629343-0-0-0-0-3";

#[test]
fn the_cli_judges_an_account_pasted_with_its_memberships_and_the_acls() {
    // A user's groups (Graph, up), the groups of one of them (az, with its command line), and
    // the organization's Git ACLs: the user has no entry of its own.
    let dir = std::env::temp_dir().join(format!("permcheck-acl-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let acls = dir.join("git.json");
    std::fs::write(
        &acls,
        with_url(
            GIT,
            &rest(&[
                ("repoV2", true, &[(BACKUP_TEAM, 2 | 256, 0)]),
                (
                    &format!("repoV2/{P1}"),
                    true,
                    &[(FABRIKAM_READERS, 2 | 4 | 16 | 32 | 16384, 0)],
                ),
                (
                    &format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001"),
                    true,
                    &[(FABRIKAM_VALID, 0, 16)],
                ),
            ]),
        ),
    )
    .unwrap();
    let fixtures = format!(
        "{}/tests/fixtures/azure-devops-acl",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_permcheck"))
        .arg("check")
        .arg(format!("{fixtures}/handmade-graph-memberships-up.json"))
        .arg(format!("{fixtures}/handmade-az-group-membership-list.json"))
        .arg(&acls)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    // Create branch is denied on one repository by the Valid Users: restore only in part.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut formats: Vec<&str> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["format"].as_str().unwrap())
        .collect();
    formats.sort_unstable();
    assert_eq!(
        formats,
        [
            "azure-devops-acl-rest",
            "azure-devops-graph-memberships",
            "azure-devops-graph-subjects"
        ]
    );
    let subjects = report["subjects"].as_array().unwrap();
    assert_eq!(subjects.len(), 1, "{subjects:#?}");
    let s = &subjects[0];
    assert_eq!(
        s["identity"],
        "aad.YTU2ODI5ZWQtZWI0NS03OWFjLWEwNmEtZDA3OTM1NWFlNTQ0"
    );
    let warnings = s["warnings"].as_array().unwrap();
    let text = |id: &str| {
        warnings
            .iter()
            .find(|w| w["id"] == id)
            .map(|w| w["message"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no {id}: {warnings:#?}"))
    };
    // Its groups, transitively: the Entra group, Readers, and through Readers the Valid Users.
    let groups = text("acl-groups");
    assert!(
        groups.contains("Judged with the entries of its 3 groups"),
        "{groups}"
    );
    assert!(
        groups.contains("[Fabrikam]\\Project Valid Users"),
        "{groups}"
    );
    // The deciding group is named, and the Deny that blocks, with the command to lift it.
    let categories = s["categories"].as_array().unwrap();
    let repos = categories
        .iter()
        .find(|c| c["id"] == "repositories")
        .unwrap();
    assert_eq!(repos["backup"], "possible");
    assert_eq!(repos["restore"], "impossible");
    let fix = text("acl-fix:Git Repositories");
    assert!(fix.contains("the Deny of [Fabrikam]\\Project Valid Users of \"Create branch\" on repository aaaaaaaa-0000-0000-0000-000000000001"), "{fix}");
    // The user's own ACL descriptor needs a lookup: the report says which.
    assert!(text("acl-identity-lookup")
        .contains("subjectDescriptors=aad.YTU2ODI5ZWQtZWI0NS03OWFjLWEwNmEtZDA3OTM1NWFlNTQ0"));
}

#[test]
fn a_collection_file_is_read_whole_and_judges_its_account() {
    let text = fixture("handmade-collection.json");
    let report = permcheck::check(
        &[permcheck::Input::new(
            "permcheck-collection.json",
            text.as_str(),
        )],
        &Options::default(),
    );
    assert_eq!(report.inputs[0].format, "permcheck-collection");
    // The failed export is named, located on its entry.
    let failed = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("TF400813"))
        .unwrap_or_else(|| panic!("{:#?}", report.diagnostics));
    assert_eq!(failed.severity, Severity::Warning);
    assert!(failed.line > 1);
    let [s] = report.subjects.as_slice() else {
        panic!("{:#?}", report.subjects)
    };
    assert_eq!(s.label, "backup@contoso.com (ACLs)");
    // Read and Create branch through the Entra group at the organization's root; Contribute
    // denied by Project Collection Valid Users on one repository, not set on the other.
    let (backup_reason, _) = category_reason(s, "repositories");
    assert!(
        backup_reason.contains("allowed through [contoso]\\Backup team on 1"),
        "{backup_reason}"
    );
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap();
    // Create repository is missing everywhere: one command, on the namespace's root; the
    // repository that stops inheriting gets its own, with every bit it lacks added up.
    assert_eq!(
        fix.message
            .matches("az devops security permission update")
            .count(),
        2,
        "{}",
        fix.message
    );
    assert!(
        fix.message
            .contains("--subject backup@contoso.com --token repoV2 --allow-bit 256"),
        "{}",
        fix.message
    );
    assert!(
        fix.message
            .contains("aaaaaaaa-0000-0000-0000-000000000002 --allow-bit 16438"),
        "{}",
        fix.message
    );
    assert!(s.warnings.iter().any(|w| w.id == "acl-groups"
        && w.message
            .contains("[contoso]\\Backup team, [contoso]\\Project Collection Valid Users")));
    // An e-mail is not the ACLs' key: the lookup to run is named.
    let lookup = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-identity-lookup")
        .unwrap();
    assert!(
        lookup
            .message
            .contains("searchFilter=General&filterValue=backup@contoso.com"),
        "{}",
        lookup.message
    );
}

#[test]
fn a_permissions_report_gives_the_services_answer_per_identity() {
    let text = fixture("handmade-permissions-report.json");
    let report = permcheck::check(
        &[permcheck::Input::new(
            "PermissionsReport_0b3b8a3e.json",
            text.as_str(),
        )],
        &Options::default(),
    );
    assert_eq!(report.inputs[0].format, "azure-devops-permissions-report");
    assert_eq!(report.subjects.len(), 2);
    let readers = subject(&report.subjects, "[Fabrikam]\\Readers");
    assert_eq!(category(readers, "repositories").0, Possible);
    let (backup_reason, restore_reason) = category_reason(readers, "repositories");
    // The service's own answer on the repository (nothing computed there); the project's
    // Create repository is outside the report, so unknown (it used to be judged "not set",
    // as if the report said so: the report covers only the resource it was asked for).
    assert!(!backup_reason.contains("computed"), "{backup_reason}");
    assert!(restore_reason.contains("not set"), "{restore_reason}");
    assert!(
        !missing_ids(readers).contains(&"Git Repositories/CreateRepository"),
        "{:?}",
        missing_ids(readers)
    );
    let user = subject(&report.subjects, "backup@contoso.com");
    assert_eq!(category(user, "repositories"), (Possible, Impossible));
    let (_, restore) = category_reason(user, "repositories");
    assert!(
        restore.contains("\"Contribute\" is denied by an inherited or group Deny"),
        "{restore}"
    );
}

#[test]
fn the_explorer_shows_an_account_through_its_groups_and_names_the_deciding_group() {
    let Some(up) = shared_sample("rest-graph-memberships-up-custom-group-clitest-2026.json") else {
        return;
    };
    let Some(names) = shared_sample("rest-graph-subjectlookup-response-memberof-clitest-2026.json")
    else {
        return;
    };
    let texts = [rec_project_acls(), up, names];
    let docs: Vec<AclDocument> = texts.iter().map(|t| read(t).0).collect();
    let refs: Vec<&AclDocument> = docs.iter().collect();
    let explorer = acl::explore::explore(&refs, REC_CUSTOM, 50);
    let git = &explorer.namespaces[0];
    let project = git
        .tokens
        .iter()
        .find(|t| t.token == format!("repoV2/{REC_PROJECT}"))
        .unwrap();
    let read_bit = project
        .bits
        .iter()
        .find(|b| b.name == "GenericRead")
        .unwrap();
    // The Team's entry: the custom group's by inheritance (its group's), as the portal says.
    assert_eq!(read_bit.state, acl::explore::BitState::AllowInherited);
    assert_eq!(
        read_bit.decided_by.as_ref().and_then(|d| d.by.as_deref()),
        Some("[GroupTests_000001]\\GroupTests_000001 Team")
    );
    // Repository 1: the Valid Users' Deny on Create branch, there.
    let repo1 = git
        .tokens
        .iter()
        .find(|t| t.token.ends_with("000000000001"))
        .unwrap();
    let branch = repo1
        .bits
        .iter()
        .find(|b| b.name == "CreateBranch")
        .unwrap();
    assert_eq!(branch.state, acl::explore::BitState::DenyInherited);
    assert_eq!(
        branch.decided_by.as_ref().and_then(|d| d.by.as_deref()),
        Some("[GroupTests_000001]\\Project Valid Users")
    );
}

#[test]
fn a_deny_on_every_one_of_many_repositories_is_counted_once_each() {
    // A group denying Contribute on 20,000 repositories (an organization-wide export): each
    // Deny is listed apart with its count, a few written out, the rest counted.
    let repos: Vec<String> = (0..20_000)
        .map(|i| format!("repoV2/{P1}/{i:08x}-0000-0000-0000-000000000001"))
        .collect();
    let mut rows: Vec<(&str, bool, &[AceRow])> =
        vec![("repoV2", true, &[(USER, 2 | 4 | 16 | 32 | 256 | 16384, 0)])];
    let denied: &[AceRow] = &[(GROUP, 0, 4)];
    rows.extend(repos.iter().map(|t| (t.as_str(), true, denied)));
    let text = with_url(GIT, &rest(&rows));
    // The user is in the group.
    let lookup = serde_json::to_string(&json!({"count": 1, "value": [{
        "descriptor": USER, "subjectDescriptor": "aad.MDA0NzBlMzQtZGE2MS03YTY5LWJkOTYtNDg3YTg0OWVjNTU4",
        "providerDisplayName": "backup@contoso.com", "isActive": true, "memberOf": [GROUP],
        "properties": {"SchemaClassName": {"$type": "System.String", "$value": "User"}}
    }]}))
    .unwrap();
    let subjects = judge(&[&text, &format!("GET https://vssps.dev.azure.com/contoso/_apis/identities?searchFilter=General&filterValue=backup@contoso.com&queryMembership=Direct\n{lookup}")]);
    let [s] = subjects.as_slice() else {
        panic!(
            "{:?}",
            subjects.iter().map(|s| &s.label).collect::<Vec<_>>()
        )
    };
    let fix = s
        .warnings
        .iter()
        .find(|w| w.id == "acl-fix:Git Repositories")
        .unwrap();
    assert!(
        fix.message
            .contains("A Deny keeps what is missing from 20000 tokens"),
        "{}",
        &fix.message[..fix.message.len().min(2000)]
    );
    assert!(fix.message.contains("- … and 19995 more denies"));
    // No Allow for the user overrides its group's Deny on the same token: no command for them.
    assert!(!fix.message.contains("az devops security permission update"));
}

#[test]
fn a_user_entitlements_group_assignments_are_its_groups() {
    // `az devops user show` with a group assignment (an Entra group), beside the Git ACLs: the
    // access level is read as before, and the account is judged through that group, joined to
    // its ACL descriptor by tenant and sign-in name (no lookup needed).
    let entitlement = json!({
        "id": "3edf76f5-2dca-4f66-ba70-d574907fdda9",
        "user": {"subjectKind": "user", "domain": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                 "principalName": "backup@contoso.com", "mailAddress": "backup@contoso.com",
                 "origin": "aad", "displayName": "Backup",
                 "descriptor": "aad.YTU2ODI5ZWQtZWI0NS03OWFjLWEwNmEtZDA3OTM1NWFlNTQ0"},
        "accessLevel": {"licensingSource": "account", "accountLicenseType": "express",
                        "msdnLicenseType": "none", "licenseDisplayName": "Basic", "status": "active",
                        "statusMessage": "", "assignmentSource": "unknown"},
        "projectEntitlements": [], "extensions": [],
        "groupAssignments": [{"group": {"subjectKind": "group", "principalName": "[contoso]\\Backup team",
            "displayName": "Backup team", "origin": "aad",
            "descriptor": format!("aadgp.{}", permcheck::share::base64url(GROUP.split_once(';').unwrap().1.as_bytes()))}}]
    })
    .to_string();
    let acls = with_url(
        GIT,
        &rest(&[
            ("repoV2", true, &[(GROUP, 2 | 4 | 16 | 32 | 256 | 16384, 0)]),
            (
                &format!("repoV2/{P1}/aaaaaaaa-0000-0000-0000-000000000001"),
                true,
                &[(USER, 0, 0)],
            ),
        ]),
    );
    let report = permcheck::check(
        &[
            permcheck::Input::new("user.json", entitlement.as_str()),
            permcheck::Input::new("git.json", acls.as_str()),
        ],
        &Options::default(),
    );
    let input = |source: &str| {
        report
            .inputs
            .iter()
            .find(|i| i.source == source)
            .map(|i| i.format.clone())
    };
    assert_eq!(
        input("user.json").as_deref(),
        Some("azure-devops-user-entitlement")
    );
    let s = subject(&report.subjects, "backup@contoso.com (ACLs)");
    assert_eq!(s.identity.as_deref(), Some(USER));
    assert_eq!(category(s, "repositories"), (Possible, Possible));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.id == "acl-groups" && w.message.contains("[contoso]\\Backup team")));
    assert!(!s.warnings.iter().any(|w| w.id == "acl-identity-lookup"));
    // The access level is judged with the ACLs, in the same subject.
    assert_eq!(report.subjects.len(), 1, "{:#?}", report.subjects);
    assert!(s.granted.iter().any(|g| g.id.starts_with("accessLevel:")));
}

/// Issue 15: a deny on one repository is known to make the backup skip it; the headline says so
/// first even while other namespaces are undecided.
#[test]
fn a_known_deny_leads_the_headline_while_the_rest_is_undecided() {
    let report = permcheck::check(
        &[permcheck::Input::new(
            "git-acls.json",
            fixture("handmade-git-read-denied-one-repository.json"),
        )],
        &Options::default(),
    );
    assert_eq!(report.subjects.len(), 1);
    let s = &report.subjects[0];
    assert_eq!(s.backup.verdict, Verdict::Unknown);
    assert!(
        s.backup
            .summary
            .starts_with("At least part of the backup will fail"),
        "{}",
        s.backup.summary
    );
    assert!(
        s.backup.summary.contains("denied on repository 0d9e3a1c"),
        "{}",
        s.backup.summary
    );
    assert!(!s.backup.summary.contains(".."), "{}", s.backup.summary);
}

/// An access level pasted with the ACLs of the same account is one subject, judged with both:
/// Stakeholder access reads no code, whatever the ACLs allow.
#[test]
fn an_access_level_and_the_acls_of_one_account_are_one_subject() {
    let entitlement = std::fs::read_to_string(format!(
        "{}/tests/fixtures/handmade/azure-devops-entitlement-stakeholder.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("backup-operator@contoso.example", "backup@contoso.com");
    let report = permcheck::check(
        &[
            permcheck::Input::new(
                "git-acls.json",
                fixture("handmade-git-read-denied-one-repository.json"),
            ),
            permcheck::Input::new("entitlement.json", entitlement),
        ],
        &Options::default(),
    );
    assert_eq!(report.subjects.len(), 1, "{:#?}", report.subjects);
    let s = &report.subjects[0];
    assert_eq!(s.backup.verdict, Impossible);
    assert!(
        s.backup.summary.contains("Stakeholder"),
        "{}",
        s.backup.summary
    );
    assert!(
        s.missing.iter().any(|m| m.id == "express"),
        "{:?}",
        s.missing
    );
    assert_eq!(s.sources.len(), 2);
}
