//! The downloaded Permissions Report (`PermissionsReport_{id}.json`, from "Download detailed
//! report" on a repository's Security page or `GET _apis/permissionsreport/{id}/download`).
//!
//! **No real report is public**: this reader follows the schema assembled in
//! `shared/reference/samples/azure-devops/rest-permissionsreport-download.schema.md` (the
//! service's own classes, decompiled, and C# classes a third party pasted from a real file): a
//! top-level array, one element per identity and resource, with PascalCase keys `Descriptor`,
//! `Id`, `AccountName`, `DisplayName`, `Resource{ResourceType, ResourceId, ResourceName}`,
//! `Permissions[{PermissionName, EffectivePermission, IsPermissionInherited,
//! InheritedPermissions}]` and `Error`. What the schema leaves open is read forgivingly: keys in
//! any case, permission names as API names (`GenericRead`) or portal labels (`Read`), and the
//! effective value in any of the spellings a UI or an enum would use (`Allow`, `Allow
//! (inherited)`, `Inherited allow`, `Deny`, `Not set`, `NotSet`, `None`, …); anything else is a
//! located warning, never a guess.
//!
//! Each row becomes an ACL entry carrying the service's effective bits (like `extendedInfo`), so
//! the judge uses the service's answer on that resource. Resources map to tokens as the service
//! builds them (schema, "Resource → token mapping"): `projectGit` → `repoV2/{project}`, `repo`
//! → `repoV2/{project}/{repository}`, `ref` → the repository's token and the branch.

use super::{diag, diag_help, find_json_string};
use crate::acl::namespaces::{ids, Catalog};
use crate::acl::{Ace, Acl, AclDiagnostic, AclDocument, AclFormat, Extended, KnownIdentity};
use crate::report::Severity;
use serde_json::Value;

/// A key of a report row, in any case (the file's keys are PascalCase; a re-saved file may not
/// be).
fn get<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    let obj = v.as_object()?;
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn text_of(v: &Value, key: &str) -> Option<String> {
    match get(v, key)? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn is_row(v: &Value) -> bool {
    get(v, "Descriptor").is_some()
        && get(v, "Permissions").is_some_and(|p| {
            p.as_array().is_some_and(|list| {
                list.is_empty() || list.iter().any(|e| get(e, "EffectivePermission").is_some())
            })
        })
}

/// What an `EffectivePermission` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effective {
    Allow { inherited: bool },
    Deny { inherited: bool },
    NotSet,
}

/// Read an effective value in the spellings the UI, the az CLI and enums use.
pub fn effective(value: &Value) -> Option<Effective> {
    let raw = match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => return Some(Effective::Allow { inherited: false }),
        Value::Bool(false) => return Some(Effective::NotSet),
        Value::Number(n) => match n.as_u64()? {
            // An enum written as a number: 0 not set, 1 allow, 2 deny (the order of the
            // service's PermissionLevel-style enums).
            0 => return Some(Effective::NotSet),
            1 => return Some(Effective::Allow { inherited: false }),
            2 => return Some(Effective::Deny { inherited: false }),
            _ => return None,
        },
        Value::Null => return Some(Effective::NotSet),
        _ => return None,
    };
    let words: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let inherited = words.contains("inherit") || words.contains("system");
    Some(match words.as_str() {
        "" | "notset" | "none" | "unset" | "notdefined" => Effective::NotSet,
        w if w.contains("deny") || w.contains("denied") => Effective::Deny { inherited },
        w if w.contains("allow") || w.contains("grant") => Effective::Allow { inherited },
        _ => return None,
    })
}

/// A report's row's resource as a token of its namespace.
fn token_of(resource: &Value) -> Result<(&'static str, String), String> {
    let kind = text_of(resource, "ResourceType").unwrap_or_default();
    let id = text_of(resource, "ResourceId").unwrap_or_default();
    let name = text_of(resource, "ResourceName").unwrap_or_default();
    let guids: Vec<&str> = id
        .split(['/', '\\', ':'])
        .filter(|p| super::is_guid(p))
        .collect();
    match kind.to_ascii_lowercase().as_str() {
        "projectgit" => match guids.as_slice() {
            [project, ..] => Ok((ids::GIT, format!("repoV2/{project}"))),
            _ => Err(format!("the project resource \"{id}\" is not a project id")),
        },
        "repo" | "repository" | "gitrepository" => match guids.as_slice() {
            [project, repo, ..] => Ok((ids::GIT, format!("repoV2/{project}/{repo}"))),
            [repo] => Err(format!(
                "the repository resource \"{}\" names no project, so its token is not known; it was skipped",
                if name.is_empty() { repo } else { name.as_str() }
            )),
            _ => Err(format!("the repository resource \"{id}\" is not a repository id")),
        },
        "ref" | "branch" => {
            let [project, repo, ..] = guids.as_slice() else {
                return Err(format!(
                    "the branch resource \"{id}\" names no project and repository; it was skipped"
                ));
            };
            // The ref after the ids, `/` or `^` between its parts (the schema's ❓ encoding).
            let rest = id
                .rsplit_once(repo)
                .map(|(_, r)| r.trim_start_matches(['/', '^']))
                .unwrap_or("");
            let segments: Vec<String> = rest
                .split(['/', '^'])
                .filter(|s| !s.is_empty())
                .enumerate()
                .map(|(i, s)| {
                    if i < 2 {
                        s.to_ascii_lowercase()
                    } else {
                        crate::acl::tokens::encode_ref_segment(s)
                    }
                })
                .collect();
            if segments.is_empty() {
                Ok((ids::GIT, format!("repoV2/{project}/{repo}")))
            } else {
                Ok((ids::GIT, format!("repoV2/{project}/{repo}/{}", segments.join("/"))))
            }
        }
        "" => Err("this row names no resource type; it was skipped".to_string()),
        other => Err(format!(
            "permcheck does not judge {other} resources from a Permissions Report (only Git: projectGit, repo, ref); this row was skipped"
        )),
    }
}

pub fn read(value: &Value, text: &str, at: usize) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    let rows: Vec<&Value> = match value {
        Value::Array(items) if !items.is_empty() && items.iter().all(is_row) => {
            items.iter().collect()
        }
        Value::Object(_) if is_row(value) => vec![value],
        _ => return None,
    };
    let catalog = Catalog::shared();
    let git = catalog.get(ids::GIT)?;
    let mut doc = AclDocument::new(AclFormat::PermissionsReport, text);
    let mut diags = Vec::new();
    let mut cursor = at;
    for row in rows {
        let Some(descriptor) = text_of(row, "Descriptor") else {
            diags.push(diag(
                Severity::Warning,
                cursor,
                "this row has no Descriptor; it was skipped",
            ));
            continue;
        };
        let row_at = find_json_string(text, cursor, &descriptor).unwrap_or(cursor);
        cursor = row_at.saturating_add(1).min(text.len());
        if let Some(error) = text_of(row, "Error") {
            diags.push(diag(
                Severity::Warning,
                row_at,
                format!("the report could not evaluate {descriptor}: {error}"),
            ));
            continue;
        }
        let name = text_of(row, "AccountName")
            .or_else(|| text_of(row, "DisplayName"))
            .unwrap_or_else(|| crate::acl::identity::describe(&descriptor).0);
        if !doc.identities.iter().any(|k| k.descriptor == descriptor) {
            doc.identities.push(KnownIdentity {
                descriptor: descriptor.clone(),
                name,
                subject_descriptor: None,
                is_group: false,
                member_of: Vec::new(),
                members: Vec::new(),
                memberships_listed: false,
            });
        }
        let (namespace, token) = match get(row, "Resource").map(token_of) {
            Some(Ok(found)) => found,
            Some(Err(message)) => {
                diags.push(diag(Severity::Warning, row_at, message));
                continue;
            }
            None => {
                diags.push(diag(
                    Severity::Warning,
                    row_at,
                    "this row has no Resource; it was skipped",
                ));
                continue;
            }
        };
        let mut extended = Extended::default();
        let (mut allow, mut deny) = (0u64, 0u64);
        for p in get(row, "Permissions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(name) = text_of(p, "PermissionName") else {
                continue;
            };
            let Some(action) = git.action_named(&name) else {
                diags.push(diag(
                    Severity::Info,
                    find_json_string(text, row_at, &name).unwrap_or(row_at),
                    format!("\"{name}\" is not a Git Repositories permission permcheck knows; it was not read"),
                ));
                continue;
            };
            let value = get(p, "EffectivePermission").unwrap_or(&Value::Null);
            let explicit_hint = get(p, "IsPermissionInherited").and_then(Value::as_bool);
            match effective(value) {
                Some(Effective::Allow { inherited }) => {
                    extended.effective_allow |= action.bit;
                    if !(inherited || explicit_hint == Some(true)) {
                        allow |= action.bit;
                    }
                }
                Some(Effective::Deny { inherited }) => {
                    extended.effective_deny |= action.bit;
                    if !(inherited || explicit_hint == Some(true)) {
                        deny |= action.bit;
                    }
                }
                Some(Effective::NotSet) => {}
                None => diags.push(diag_help(
                    Severity::Warning,
                    find_json_string(text, row_at, &name).unwrap_or(row_at),
                    format!("the effective value of \"{name}\" for {descriptor} is {value}, which permcheck cannot read; that permission was left out"),
                    "the report's values are expected to read like Allow, Deny or Not set (with or without \"(inherited)\")",
                )),
            }
        }
        doc.acls.push(Acl {
            namespace: Some(namespace.into()),
            token,
            inherit: true,
            aces: vec![Ace {
                descriptor: descriptor.as_str().into(),
                allow,
                deny,
                extended: Some(Box::new(extended)),
                resolved: Vec::new(),
                at: row_at,
            }],
            at: row_at,
        });
    }
    diags.push(diag(
        Severity::Info,
        at,
        "a Permissions Report: the service's effective permissions per identity on the reported resources, group and parent inheritance included (no real report is public; read from its schema)",
    ));
    Some((doc, diags))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_spellings_the_schema_leaves_open() {
        use serde_json::json;
        for (v, want) in [
            (json!("Allow"), Some(Effective::Allow { inherited: false })),
            (
                json!("Allow (inherited)"),
                Some(Effective::Allow { inherited: true }),
            ),
            (
                json!("Inherited allow"),
                Some(Effective::Allow { inherited: true }),
            ),
            (
                json!("allowed"),
                Some(Effective::Allow { inherited: false }),
            ),
            (
                json!("Deny (inherited)"),
                Some(Effective::Deny { inherited: true }),
            ),
            (json!("Denied"), Some(Effective::Deny { inherited: false })),
            (json!("Not set"), Some(Effective::NotSet)),
            (json!("NotSet"), Some(Effective::NotSet)),
            (json!(null), Some(Effective::NotSet)),
            (json!(1), Some(Effective::Allow { inherited: false })),
            (json!("Maybe"), None),
            (json!([1]), None),
        ] {
            assert_eq!(effective(&v), want, "{v}");
        }
    }

    #[test]
    fn rows_become_the_services_effective_bits_on_their_tokens() {
        let p = "11111111-1111-1111-1111-111111111111";
        let r = "22222222-2222-2222-2222-222222222222";
        let text = serde_json::json!([
            {"Descriptor": "Microsoft.TeamFoundation.Identity;S-1-9-1-2-3-4-5-1-6", "Id": "x", "AccountName": "[P]\\Readers", "DisplayName": "Readers",
             "Resource": {"ResourceType": "repo", "ResourceId": format!("{p}/{r}"), "ResourceName": "app"},
             "Permissions": [
                {"PermissionName": "Read", "EffectivePermission": "Allow (inherited)", "IsPermissionInherited": true},
                {"PermissionName": "GenericContribute", "EffectivePermission": "Deny"},
                {"PermissionName": "Create branch", "EffectivePermission": "Sometimes"}
             ], "Error": null},
            {"Descriptor": "aad.U", "Resource": {"ResourceType": "repo", "ResourceId": r}, "Permissions": [], "Error": null},
            {"Descriptor": "aad.V", "Resource": {"ResourceType": "release", "ResourceId": p}, "Permissions": [], "Error": "boom"}
        ])
        .to_string();
        let value: Value = serde_json::from_str(&text).unwrap_or_default();
        let Some((doc, diags)) = read(&value, &text, 0) else {
            panic!("not read")
        };
        assert_eq!(doc.format_id(), "azure-devops-permissions-report");
        assert_eq!(doc.acls.len(), 1);
        let acl = &doc.acls[0];
        assert_eq!(acl.token, format!("repoV2/{p}/{r}"));
        let ace = &acl.aces[0];
        assert_eq!((ace.allow, ace.deny), (0, 4));
        assert_eq!(
            ace.extended
                .as_ref()
                .map(|e| (e.effective_allow, e.effective_deny)),
            Some((2, 4))
        );
        assert_eq!(doc.identities[0].name, "[P]\\Readers");
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("\"Sometimes\"")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("names no project")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("could not evaluate aad.V: boom")),
            "{messages:?}"
        );
        // Located on the row's descriptor.
        assert!(
            text[acl.at..].starts_with("\"Microsoft.TeamFoundation.Identity;S-1-9-1-2-3-4-5-1-6\"")
        );
    }
}
