//! What the ACL engine answers when the exports leave an account's groups open: an entry of an
//! identity the account may be in (a Valid Users group, or any group when its groups are not
//! all exported) that denies a needed bit makes that target unknown, never possible
//! (reference/azure-devops-groups-and-reports.md §0, §2; reference/azure-devops.md §3.7, §4.1).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
use permcheck::acl::{self, AclDocument};
use permcheck::report::Subject;
use permcheck::{Options, Verdict};
use serde_json::{json, Value};

const PROJECT: &str = "6f1c0b38-2a71-4a7b-9c2e-3d5f0a1b2c3d";
const REPOS: [&str; 2] = [
    "0d9e3a1c-5b7f-4e2a-8c6d-1f2e3a4b5c6d",
    "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
];
const USER_ACE: &str =
    "Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\backup@contoso.com";
const USER_GRAPH: &str = "aad.YTU2ODI5ZWQtZWI0NS03OWFjLWEwNmEtZDA3OTM1NWFlNTQ0";
/// Read, Contribute, Create branch, Create tag, Create repository, Contribute to pull requests.
const FULL: u64 = 2 | 4 | 16 | 32 | 256 | 16384;
const CONTRIBUTE: u64 = 4;
/// The project's scope numbers: its groups' SIDs start with them (reference §0).
const SCOPE: &str = "S-1-9-1551374245-1204400969-2402986413-2179408616-1297489463";

fn sid(n: u32) -> String {
    format!("{SCOPE}-1-{n}-1521081925-2540508263-3348164168")
}

fn ace(sid: &str) -> String {
    format!("Microsoft.TeamFoundation.Identity;{sid}")
}

fn graph(sid: &str) -> String {
    format!("vssgp.{}", permcheck::share::base64url(sid.as_bytes()))
}

/// Git ACLs (recurse): the project token with `entries`, each repository empty (inheriting).
fn git_acls(entries: &[(&str, u64, u64)]) -> String {
    let project: serde_json::Map<String, Value> = entries
        .iter()
        .map(|(d, allow, deny)| {
            (
                d.to_string(),
                json!({"descriptor": d, "allow": allow, "deny": deny}),
            )
        })
        .collect();
    let mut value = vec![json!({
        "inheritPermissions": true,
        "token": format!("repoV2/{PROJECT}"),
        "acesDictionary": project,
    })];
    for repo in REPOS {
        value.push(json!({
            "inheritPermissions": true,
            "token": format!("repoV2/{PROJECT}/{repo}"),
            "acesDictionary": {},
        }));
    }
    format!(
        "GET https://dev.azure.com/fabrikam/_apis/accesscontrollists/2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87?recurse=true&api-version=7.1\n{}",
        json!({"count": value.len(), "value": value})
    )
}

/// The account's direct groups (Graph memberships, direction up).
fn memberships(groups: &[&str]) -> String {
    let value: Vec<Value> = groups
        .iter()
        .map(|g| json!({"containerDescriptor": graph(g), "memberDescriptor": USER_GRAPH, "_links": {}}))
        .collect();
    json!({"count": value.len(), "value": value}).to_string()
}

/// The account's identity lookup: its ACL descriptor beside its graph one.
fn identity() -> String {
    json!({"count": 1, "value": [{
        "id": "323989e2-d2d7-4483-9903-d20b58fa7258",
        "descriptor": USER_ACE,
        "subjectDescriptor": USER_GRAPH,
        "providerDisplayName": "Backup Svc",
        "isActive": true, "members": [], "memberOf": [], "memberIds": [],
        "properties": {"SchemaClassName": {"$type": "System.String", "$value": "User"}}
    }]})
    .to_string()
}

/// A group's own groups, exported: none.
fn no_more_groups(sid: &str) -> String {
    format!(
        "az devops security group membership list --id {} --relationship memberof\n{{}}",
        graph(sid)
    )
}

fn read(text: &str) -> AclDocument {
    let start = text.find(['{', '[']).unwrap();
    let value: Value = serde_json::Deserializer::from_str(&text[start..])
        .into_iter::<Value>()
        .next()
        .unwrap()
        .unwrap();
    acl::read_json(&value, text, start)
        .unwrap_or_else(|| panic!("not read:\n{text}"))
        .0
}

fn judge(texts: &[String]) -> Subject {
    let docs: Vec<AclDocument> = texts.iter().map(|t| read(t)).collect();
    let refs: Vec<&AclDocument> = docs.iter().collect();
    let subjects = acl::judge(&refs, &Options::default());
    assert_eq!(subjects.len(), 1, "one account: {subjects:#?}");
    subjects.into_iter().next().unwrap()
}

fn repositories(s: &Subject) -> (Verdict, String) {
    let c = s
        .categories
        .iter()
        .find(|c| c.id == "repositories")
        .unwrap();
    (c.restore, c.restore_reason.clone())
}

#[test]
fn a_valid_users_deny_named_only_by_its_sid_counts_for_a_member_of_its_project() {
    // The tester's case: the account is in a group of the project; the project's Valid Users
    // (SID `…-0-0-0-0-3` under the same scope numbers) denies Contribute. No group list names
    // it, no membership export shows the account in it: every member of the project is.
    let backup = sid(111);
    let valid_users = format!("{SCOPE}-0-0-0-0-3");
    let s = judge(&[
        git_acls(&[
            (&ace(&backup), FULL, 0),
            (&ace(&valid_users), 0, CONTRIBUTE),
        ]),
        memberships(&[&backup]),
        identity(),
    ]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Impossible, "{reason}");
    assert!(reason.contains("\"Contribute\""), "{reason}");
    let groups = s.warnings.iter().find(|w| w.id == "acl-groups").unwrap();
    assert!(
        groups
            .message
            .contains("Valid Users (Project Valid Users or Project Collection Valid Users"),
        "{}",
        groups.message
    );
}

#[test]
fn a_valid_users_deny_of_an_unknown_scope_leaves_the_targets_unknown() {
    // A Valid Users SID under scope numbers none of the account's groups share: the
    // organization's (the account is in it) or another project's (it may not be). Its groups
    // are all exported, so only this entry is in doubt.
    let backup = sid(111);
    let elsewhere = "S-1-9-1551374245-9-8-7-6-0-0-0-0-3";
    let s = judge(&[
        git_acls(&[(&ace(&backup), FULL, 0), (&ace(elsewhere), 0, CONTRIBUTE)]),
        memberships(&[&backup]),
        identity(),
        no_more_groups(&backup),
    ]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Unknown, "{reason}");
    assert!(reason.contains(elsewhere), "names the identity: {reason}");
    assert!(reason.contains("not proven on 2"), "{reason}");
    assert!(
        reason.contains(&format!(
            "az devops security group membership list --id {} --relationship members",
            graph(elsewhere)
        )),
        "says what to paste: {reason}"
    );
    assert_ne!(s.restore.verdict, Verdict::Possible);
    // Nothing to grant for what is only in doubt.
    assert!(s
        .missing
        .iter()
        .all(|m| !m.id.ends_with("GenericContribute")));
}

#[test]
fn a_deny_of_another_group_is_unknown_while_the_accounts_groups_are_open() {
    let backup = sid(111);
    let other = sid(333);
    let acls = git_acls(&[(&ace(&backup), FULL, 0), (&ace(&other), 0, CONTRIBUTE)]);
    let s = judge(&[acls.clone(), memberships(&[&backup]), identity()]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Unknown, "{reason}");
    assert!(reason.contains(&ace(&other)), "{reason}");
    assert!(reason.contains("were not all exported"), "{reason}");
    assert!(reason.contains("collection script"), "{reason}");
    // With the groups' own groups exported (none), that group is known to be outside them.
    let s = judge(&[
        acls,
        memberships(&[&backup]),
        identity(),
        no_more_groups(&backup),
    ]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Possible, "{reason}");
}

#[test]
fn possible_stays_where_nothing_unknown_can_deny() {
    // Open groups, but the other identities only allow (or are users, never groups).
    let backup = sid(111);
    let other = sid(333);
    let colleague =
        "Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\someone@contoso.com";
    let s = judge(&[
        git_acls(&[
            (&ace(&backup), FULL, 0),
            (&ace(&other), CONTRIBUTE, 0),
            (colleague, 0, FULL),
        ]),
        memberships(&[&backup]),
        identity(),
    ]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Possible, "{reason}");
}

#[test]
fn a_deny_on_some_targets_only_leaves_the_rest_proven() {
    // The doubtful Deny is on one repository: that one is unknown, the other proven, and the
    // cell is unknown (not possible), naming the repository in doubt.
    let backup = sid(111);
    let other = sid(333);
    let mut acls: Value = {
        let text = git_acls(&[(&ace(&backup), FULL, 0)]);
        serde_json::from_str(&text[text.find('{').unwrap()..]).unwrap()
    };
    acls["value"][1]["acesDictionary"] = json!({
        ace(&other): {"descriptor": ace(&other), "allow": 0, "deny": CONTRIBUTE}
    });
    let s = judge(&[acls.to_string(), memberships(&[&backup]), identity()]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Unknown, "{reason}");
    assert!(reason.contains("not proven on 1"), "{reason}");
    assert!(reason.contains(REPOS[0]), "{reason}");
}

/// A Permissions Report (its schema: reference/samples/azure-devops/
/// rest-permissionsreport-download.schema.md) for the account on `resources`, every Git
/// permission with `value`, except those in `except`.
fn permissions_report(resources: &[(&str, &str)], value: &str, except: &[(&str, &str)]) -> String {
    let names = [
        "Read",
        "Contribute",
        "Create branch",
        "Create tag",
        "Create repository",
        "Contribute to pull requests",
    ];
    let rows: Vec<Value> = resources
        .iter()
        .map(|(kind, id)| {
            let permissions: Vec<Value> = names
                .iter()
                .map(|n| {
                    let v = except
                        .iter()
                        .find(|(name, _)| name == n)
                        .map_or(value, |(_, v)| v);
                    json!({
                        "PermissionName": n,
                        "EffectivePermission": v,
                        "IsPermissionInherited": v.contains("inherited"),
                    })
                })
                .collect();
            json!({
                "Descriptor": USER_ACE,
                "Id": "323989e2-d2d7-4483-9903-d20b58fa7258",
                "AccountName": "backup@contoso.com",
                "DisplayName": "Backup service",
                "Resource": {"ResourceType": kind, "ResourceId": id, "ResourceName": "app"},
                "Permissions": permissions,
                "Error": null,
            })
        })
        .collect();
    Value::Array(rows).to_string()
}

fn report_repo() -> String {
    format!("{PROJECT}/{}", REPOS[0])
}

#[test]
fn a_repository_report_says_nothing_of_the_projects_create_repository() {
    // The tester's case: everything Allow (inherited) on one repository. Create repository is
    // checked on the project's token, which the report does not cover: unknown, with the
    // report to download, no command to grant it, and no "computed from the entries alone".
    let s = judge(&[permissions_report(
        &[("repo", &report_repo())],
        "Allow (inherited)",
        &[],
    )]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Unknown, "{reason}");
    assert!(
        reason.contains("the Permissions Report covers only repository"),
        "{reason}"
    );
    assert!(
        reason.contains("projectGit"),
        "names the report to download: {reason}"
    );
    assert!(
        reason.contains(&format!("--token repoV2/{PROJECT}")),
        "or the export: {reason}"
    );
    let backup = s
        .categories
        .iter()
        .find(|c| c.id == "repositories")
        .unwrap();
    assert_eq!(backup.backup, Verdict::Possible);
    assert!(s.missing.is_empty(), "{:?}", s.missing);
    for w in &s.warnings {
        assert_ne!(w.id, "acl-computed", "{}", w.message);
        assert!(!w.message.contains("--allow-bit 256"), "{}", w.message);
    }
}

#[test]
fn a_project_report_decides_create_repository() {
    let s = judge(&[permissions_report(
        &[("projectGit", PROJECT), ("repo", &report_repo())],
        "Allow (inherited)",
        &[],
    )]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Possible, "{reason}");
    assert!(!reason.contains("computed"), "{reason}");
}

#[test]
fn a_repository_reports_deny_is_still_a_fix_and_the_project_stays_unknown() {
    // Contribute denied on the reported repository: that is the service's answer (impossible,
    // with the fix); Create repository, outside the report, is neither granted nor denied.
    let s = judge(&[permissions_report(
        &[("repo", &report_repo())],
        "Allow (inherited)",
        &[("Contribute", "Deny (inherited)")],
    )]);
    let (verdict, reason) = repositories(&s);
    assert_eq!(verdict, Verdict::Impossible, "{reason}");
    let missing: Vec<&str> = s.missing.iter().map(|m| m.id.as_str()).collect();
    assert!(
        missing.iter().any(|m| m.ends_with("GenericContribute")),
        "{missing:?}"
    );
    assert!(
        !missing.iter().any(|m| m.ends_with("CreateRepository")),
        "{missing:?}"
    );
}
