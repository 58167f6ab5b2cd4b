//! Group memberships and the identities they name, as Graph and the az CLI export them
//! (reference/azure-devops-groups-and-reports.md §2–3):
//!
//! - `GET _apis/graph/memberships/{subject}?direction=up|down`: `{count, value:[{containerDescriptor,
//!   memberDescriptor}]}` (direct edges; Up, the groups of the subject, is the default), and one
//!   membership (`GET`/`PUT …/memberships/{member}/{container}`);
//! - `az devops security group membership list --id X [--relationship memberof]`: an object
//!   keyed by descriptor whose values are Graph subjects (the groups of X, or its members), read
//!   as edges when its command line is pasted with it; a `graph/subjectlookup` answer
//!   (`{count, value:{descriptor: subject}}`) names subjects the same way;
//! - group and user lists (`graph/groups`, `graph/users`, `az devops security group list`'s
//!   `{graphGroups}`) and one group (`az devops security group show`): names and scopes;
//! - documentation examples wrapped as `{parameters, responses:{200:{body}}}` are unwrapped.
//!
//! User entitlements with group assignments are read by [`entitlement_groups`], which the input
//! parser calls beside its access-level reader.

use super::{diag, diag_help, find_json_string, Hints};
use crate::acl::{
    AclDiagnostic, AclDocument, AclFormat, Asked, GraphSubject, Membership, SubjectKind,
};
use crate::report::Severity;
use serde_json::{Map, Value};

pub fn read(
    value: &Value,
    text: &str,
    at: usize,
    hint: &Hints,
) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    // A documentation example: the response body is what an export holds.
    if let Some(body) = value.pointer("/responses/200/body") {
        if value.get("parameters").is_some() || value.get("x-ms-vss-request-url").is_some() {
            let body_at = find_from_key(text, at, "\"body\"").unwrap_or(at);
            let mut hint = hint.clone();
            if let Some(url) = value.get("x-ms-vss-request-url").and_then(Value::as_str) {
                let more = super::hints(url);
                hint.membership = hint.membership.or(more.membership);
                hint.memberships_asked |= more.memberships_asked;
            }
            return read(body, text, body_at, &hint);
        }
    }
    let obj = value.as_object()?;
    // Memberships: one, or a list.
    if is_membership(value) {
        let mut doc = AclDocument::new(AclFormat::GraphMemberships, text);
        doc.memberships.extend(membership(value, text, at));
        let note = read_note(&doc, text, at);
        return Some((doc, vec![note]));
    }
    if let Some(Value::Array(items)) = obj.get("value") {
        if !items.is_empty() && items.iter().all(is_membership) {
            return Some(memberships(items, text, at, hint));
        }
        if !items.is_empty() && items.iter().all(is_subject) {
            return Some(subjects(items, text, at, hint));
        }
        if items.is_empty() && hint.membership.is_some() {
            return Some(no_memberships(text, at, hint));
        }
    }
    if let Some(Value::Array(items)) = obj.get("graphGroups") {
        if items.iter().all(is_subject) {
            return Some(subjects(items, text, at, hint));
        }
    }
    // `az … membership list` of an identity in no group (or with no member): `{}`.
    if obj.is_empty() {
        return hint
            .membership
            .as_ref()
            .map(|_| no_memberships(text, at, hint));
    }
    // A subject lookup (`value` is a map) or `az … membership list` (the map itself).
    let map = match obj.get("value") {
        Some(Value::Object(m)) if obj.contains_key("count") => Some(m),
        _ if is_subject_map(obj) => Some(obj),
        _ => None,
    };
    if let Some(map) = map {
        if map.is_empty() {
            if hint.membership.is_some() {
                return Some(no_memberships(text, at, hint));
            }
            // An empty subject lookup: it names no one.
            let doc = AclDocument::new(AclFormat::GraphSubjects, text);
            let note = diag(Severity::Info, at, "this subject lookup names no one");
            return Some((doc, vec![note]));
        }
        let items: Vec<Value> = map
            .iter()
            .map(|(key, v)| {
                let mut v = v.clone();
                if let Value::Object(o) = &mut v {
                    o.entry("descriptor")
                        .or_insert_with(|| Value::String(key.clone()));
                }
                v
            })
            .collect();
        return Some(subjects(&items, text, at, hint));
    }
    if is_subject(value) {
        return Some(subjects(std::slice::from_ref(value), text, at, hint));
    }
    None
}

/// The offset of `key` at or after `at`.
fn find_from_key(text: &str, at: usize, key: &str) -> Option<usize> {
    super::find_from(text, at, key)
}

fn is_membership(v: &Value) -> bool {
    v.get("containerDescriptor").is_some_and(Value::is_string)
        && v.get("memberDescriptor").is_some_and(Value::is_string)
}

/// A Graph subject: a user or a group with its descriptor.
fn is_subject(v: &Value) -> bool {
    v.get("subjectKind").is_some_and(Value::is_string)
        && v.get("descriptor").is_some_and(Value::is_string)
        && v.get("accessLevel").is_none()
}

/// `{descriptor: subject, …}`: every value a subject (its descriptor may be the key only).
fn is_subject_map(obj: &Map<String, Value>) -> bool {
    !obj.is_empty()
        && obj
            .values()
            .all(|v| v.get("subjectKind").is_some_and(Value::is_string))
}

fn membership(v: &Value, text: &str, at: usize) -> Option<Membership> {
    let member = v.get("memberDescriptor")?.as_str()?.to_string();
    let container = v.get("containerDescriptor")?.as_str()?.to_string();
    let located = find_json_string(text, at, &container).unwrap_or(at);
    Some(Membership {
        member,
        container,
        at: located,
    })
}

fn memberships(
    items: &[Value],
    text: &str,
    at: usize,
    hint: &Hints,
) -> (AclDocument, Vec<AclDiagnostic>) {
    let mut doc = AclDocument::new(AclFormat::GraphMemberships, text);
    let mut cursor = at;
    for item in items {
        if let Some(edge) = membership(item, text, cursor) {
            cursor = edge.at.saturating_add(1).min(text.len());
            doc.memberships.push(edge);
        }
    }
    // Whose groups these are: the request says (direction=up, the default), or every edge
    // starts from the same member.
    let first_member = doc.memberships.first().map(|m| m.member.clone());
    let same_member = first_member
        .as_ref()
        .is_some_and(|f| doc.memberships.iter().all(|m| &m.member == f));
    let same_container = doc
        .memberships
        .first()
        .is_some_and(|f| doc.memberships.iter().all(|m| m.container == f.container));
    let asked = match &hint.membership {
        Some(h) if h.up => Some(h.subject.clone()),
        Some(_) => None,
        // A list of one edge is the default direction's answer (Up) unless it reads as a
        // group's members.
        None if same_member && (!same_container || doc.memberships.len() == 1) => first_member,
        None => None,
    };
    if let Some(descriptor) = asked {
        doc.asked.push(Asked { descriptor, at });
    }
    let note = read_note(&doc, text, at);
    (doc, vec![note])
}

fn subject(v: &Value, text: &str, cursor: usize) -> Option<GraphSubject> {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let descriptor = s("descriptor")?;
    let kind = match s("subjectKind")
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("user") => SubjectKind::User,
        Some("group") => SubjectKind::Group,
        _ => SubjectKind::Other,
    };
    Some(GraphSubject {
        at: find_json_string(text, cursor, &descriptor).unwrap_or(cursor),
        descriptor,
        kind,
        principal_name: s("principalName"),
        display_name: s("displayName"),
        domain: s("domain"),
        mail: s("mailAddress"),
        special: s("specialType"),
    })
}

fn subjects(
    items: &[Value],
    text: &str,
    at: usize,
    hint: &Hints,
) -> (AclDocument, Vec<AclDiagnostic>) {
    let mut doc = AclDocument::new(AclFormat::GraphSubjects, text);
    let mut diags = Vec::new();
    let mut cursor = at;
    for item in items {
        match subject(item, text, cursor) {
            Some(s) => {
                cursor = s.at.saturating_add(1).min(text.len());
                doc.subjects.push(s);
            }
            None => diags.push(diag(
                Severity::Warning,
                cursor,
                "this entry has no descriptor; it was skipped",
            )),
        }
    }
    // `az … membership list`: the subjects are the groups (memberof) or the members of --id.
    match &hint.membership {
        Some(h) => {
            for s in &doc.subjects {
                let (member, container) = if h.up {
                    (h.subject.clone(), s.descriptor.clone())
                } else {
                    (s.descriptor.clone(), h.subject.clone())
                };
                doc.memberships.push(Membership {
                    member,
                    container,
                    at: s.at,
                });
            }
            if h.up {
                doc.asked.push(Asked {
                    descriptor: h.subject.clone(),
                    at,
                });
            }
            diags.push(read_note(&doc, text, at));
        }
        None => {
            let groups = doc
                .subjects
                .iter()
                .filter(|s| s.kind == SubjectKind::Group)
                .count();
            diags.push(diag_help(
                Severity::Info,
                at,
                format!(
                    "{} users and groups read ({groups} groups): they name the identities of the ACL exports pasted with them",
                    doc.subjects.len()
                ),
                "if this is `az devops security group membership list` output, paste it with its command line (az devops security group membership list --id <descriptor> --relationship memberof): the command says whose groups these are",
            ));
        }
    }
    (doc, diags)
}

/// An empty membership list: the subject is in no group (up), or has no members (down).
fn no_memberships(text: &str, at: usize, hint: &Hints) -> (AclDocument, Vec<AclDiagnostic>) {
    let mut doc = AclDocument::new(AclFormat::GraphMemberships, text);
    let mut diags = Vec::new();
    if let Some(h) = &hint.membership {
        if h.up {
            doc.asked.push(Asked {
                descriptor: h.subject.clone(),
                at,
            });
        }
        diags.push(diag(
            Severity::Info,
            at,
            format!(
                "{} {} no {}",
                h.subject,
                if h.up { "is in" } else { "has" },
                if h.up { "group" } else { "member" }
            ),
        ));
    }
    (doc, diags)
}

/// What a membership input said, for the input's diagnostics.
fn read_note(doc: &AclDocument, _text: &str, at: usize) -> AclDiagnostic {
    let edges = doc.memberships.len();
    let whose = doc
        .asked
        .first()
        .map(|a| format!(" (the groups of {})", a.descriptor))
        .unwrap_or_default();
    diag_help(
        Severity::Info,
        at,
        format!("{edges} group memberships read{whose}: an account is judged with the entries of its groups, transitively"),
        "paste the ACL exports with them; for the groups' own groups, export their memberships too (az devops security group membership list --id <group descriptor> --relationship memberof), or run the collection script permcheck gives",
    )
}

/// User entitlements with group assignments (`az devops user show/list`, REST
/// `userentitlements`): each assigned group is a group the user is in. `None` when no
/// entitlement in `value` lists one (the access level is read elsewhere).
pub fn entitlement_groups(
    value: &Value,
    text: &str,
    at: usize,
) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    let items: Vec<&Value> = match value {
        Value::Array(list) => list.iter().collect(),
        Value::Object(o) => {
            let list = ["members", "items", "value"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_array));
            match list {
                Some(list) => list.iter().collect(),
                None => vec![value],
            }
        }
        _ => return None,
    };
    let mut doc = AclDocument::new(AclFormat::UserEntitlements, text);
    let mut cursor = at;
    for item in items {
        let Some(user) = item.get("user").filter(|u| is_subject(u)) else {
            continue;
        };
        let Some(assigned) = item.get("groupAssignments").and_then(Value::as_array) else {
            continue;
        };
        if assigned.is_empty() {
            continue;
        }
        let Some(user_subject) = subject(user, text, cursor) else {
            continue;
        };
        cursor = user_subject.at.saturating_add(1).min(text.len());
        for a in assigned {
            let Some(group) = a.get("group").and_then(|g| subject(g, text, cursor)) else {
                continue;
            };
            doc.memberships.push(Membership {
                member: user_subject.descriptor.clone(),
                container: group.descriptor.clone(),
                at: group.at,
            });
            doc.subjects.push(group);
        }
        doc.asked.push(Asked {
            descriptor: user_subject.descriptor.clone(),
            at: user_subject.at,
        });
        doc.subjects.push(user_subject);
    }
    if doc.memberships.is_empty() {
        return None;
    }
    let note = read_note(&doc, text, at);
    Some((doc, vec![note]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
        let start = text.find(['{', '['])?;
        let value: Value = serde_json::from_str(text.get(start..)?).ok()?;
        let hint = super::super::hints(text.get(..start)?);
        read(&value, text, start, &hint)
    }

    #[test]
    fn a_memberships_list_is_the_groups_of_its_member() {
        let text = r#"{"count":2,"value":[{"containerDescriptor":"vssgp.A","memberDescriptor":"aad.U"},{"containerDescriptor":"vssgp.B","memberDescriptor":"aad.U"}]}"#;
        let Some((doc, diags)) = parse(text) else {
            panic!("not read")
        };
        assert_eq!(doc.format_id(), "azure-devops-graph-memberships");
        assert_eq!(doc.memberships.len(), 2);
        assert_eq!(doc.asked[0].descriptor, "aad.U");
        assert_eq!(
            &text[doc.memberships[1].at..doc.memberships[1].at + 9],
            "\"vssgp.B\""
        );
        assert!(diags[0]
            .message
            .contains("2 group memberships read (the groups of aad.U)"));
        // Down: a group's members, asked of nobody.
        let down = format!(
            "GET https://vssps.dev.azure.com/o/_apis/graph/Memberships/vssgp.A?direction=Down\n{}",
            text.replace("aad.U", "aad.V")
        );
        let Some((doc, _)) = parse(&down) else {
            panic!("not read")
        };
        assert!(doc.asked.is_empty());
    }

    #[test]
    fn az_membership_list_reads_edges_only_with_its_command_line() {
        let body = r#"{"vssgp.G": {"subjectKind": "group", "descriptor": "vssgp.G", "principalName": "[P]\\Readers", "domain": "vstfs:///Classification/TeamProject/x"}}"#;
        let with = format!("$ az devops security group membership list --id backup@contoso.com --relationship memberof\n{body}");
        let Some((doc, _)) = parse(&with) else {
            panic!("not read")
        };
        assert_eq!(doc.format_id(), "azure-devops-graph-subjects");
        assert_eq!(
            (
                doc.memberships[0].member.as_str(),
                doc.memberships[0].container.as_str()
            ),
            ("backup@contoso.com", "vssgp.G")
        );
        assert_eq!(doc.asked[0].descriptor, "backup@contoso.com");
        let Some((doc, diags)) = parse(body) else {
            panic!("not read")
        };
        assert!(doc.memberships.is_empty());
        assert_eq!(
            doc.subjects[0].principal_name.as_deref(),
            Some("[P]\\Readers")
        );
        assert!(diags[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("--relationship memberof"));
        // `{}`: in no group.
        let Some((doc, _)) = parse(
            "az devops security group membership list --id vssgp.G --relationship memberof\n{}",
        ) else {
            panic!("not read")
        };
        assert_eq!(doc.asked[0].descriptor, "vssgp.G");
        assert!(doc.memberships.is_empty());
    }

    #[test]
    fn entitlements_without_group_assignments_are_left_to_the_access_level_reader() {
        let v: Value = serde_json::json!({"user": {"subjectKind": "user", "descriptor": "aad.U"}, "accessLevel": {}, "groupAssignments": []});
        assert!(entitlement_groups(&v, "", 0).is_none());
        let v: Value = serde_json::json!({"members": [{"user": {"subjectKind": "user", "descriptor": "aad.U", "principalName": "u@x.com"}, "accessLevel": {}, "groupAssignments": [{"group": {"subjectKind": "group", "descriptor": "aadgp.G", "principalName": "Backup team"}}]}]});
        let Some((doc, _)) = entitlement_groups(&v, "", 0) else {
            panic!("not read")
        };
        assert_eq!(doc.memberships[0].container, "aadgp.G");
        assert_eq!(doc.asked[0].descriptor, "aad.U");
    }
}
