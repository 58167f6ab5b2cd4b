//! JSON readers: REST `accesscontrollists` (§3.2), `az devops security permission list/show/
//! update` (§3.4), namespace dumps (§3.1), `permissionevaluationbatch` (§3.3) and REST error
//! bodies carrying an access-denied message. serde_json gives no spans, so values are located
//! by searching the raw text from a moving cursor.

use super::{diag, diag_help, find_from, find_json_string, hints, infer_namespace, Hints};
use crate::acl::namespaces::{namespace_from_json, Catalog};
use crate::acl::{
    Ace, Acl, AclDiagnostic, AclDocument, AclFormat, Evaluation, Extended, PermissionState,
    Resolved,
};
use crate::report::Severity;
use serde_json::{Map, Value};

pub fn read(value: &Value, text: &str, at: usize) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    let before = text.get(..at).unwrap_or("");
    read_hinted(value, text, at, hints(before), before)
}

/// [`read`] with what the command line or request before the value says (`before`: that
/// text, for the checks that look at it).
pub fn read_hinted(
    value: &Value,
    text: &str,
    at: usize,
    hint: Hints,
    before: &str,
) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    if let Some(found) = super::collection::read(value, text, at) {
        return Some(found);
    }
    if let Some(found) = super::permissions_report::read(value, text, at) {
        return Some(found);
    }
    if let Some(found) = super::graph::read(value, text, at, &hint) {
        return Some(found);
    }
    match value {
        Value::Object(obj) => {
            if let Some(Value::Array(items)) = obj.get("value") {
                if items.iter().any(is_acl) {
                    // Search from the list itself: a key before it may spell a token too.
                    let list_at = super::stream::member_value_at(text, at, "value");
                    let outlines = list_at.and_then(|l| super::stream::acl_outline(text, l));
                    return Some(read_acls(
                        items,
                        AclFormat::RestAccessControlLists,
                        text,
                        list_at.unwrap_or(at),
                        outlines,
                        &hint,
                    ));
                }
                if items.iter().any(is_namespace) {
                    return Some(read_namespaces(items, text, at));
                }
                if !items.is_empty() && items.iter().all(is_bare_ace) {
                    return Some(bare_aces(text, at));
                }
                if !items.is_empty() && items.iter().all(is_identity) {
                    return Some(identity_lookup(items, text, at, &hint));
                }
                if items.is_empty() && hint.namespace.is_some() && looks_like_acl_request(before) {
                    return Some(nothing_to_judge(
                        AclFormat::RestAccessControlLists,
                        text,
                        at,
                        "this access control list export is empty: the identity has no ACE on these tokens",
                        "export without --token, with --recurse, or for the groups the account belongs to",
                    ));
                }
                return None;
            }
            if is_acl(value) {
                return Some(read_acls(
                    std::slice::from_ref(value),
                    AclFormat::RestAccessControlLists,
                    text,
                    at,
                    super::stream::acl_outline(text, at),
                    &hint,
                ));
            }
            if is_namespace(value) {
                return Some(read_namespaces(std::slice::from_ref(value), text, at));
            }
            if is_bare_ace(value) {
                return Some(bare_aces(text, at));
            }
            if is_identity(value) {
                return Some(identity_lookup(
                    std::slice::from_ref(value),
                    text,
                    at,
                    &hint,
                ));
            }
            if let (Some(Value::String(token)), Some(Value::Array(_))) =
                (obj.get("token"), obj.get("accessControlEntries"))
            {
                // The body of POST _apis/accesscontrolentries: a change, not what is in effect.
                return Some(nothing_to_judge(
                    AclFormat::AccessControlEntries,
                    text,
                    at,
                    &format!("this is the body of POST _apis/accesscontrolentries, a change to the entries on {}: it does not say what is in effect", describe_token(token, &hint)),
                    "after the change, paste the _apis/accesscontrollists/<namespace>?token=… response (or `az devops security permission show` output) for this token",
                ));
            }
            if let Some(found) = read_evaluations(obj, text, at) {
                return Some(found);
            }
            if let Some(Value::String(message)) = obj.get("message") {
                let start = find_json_string(text, at, message).unwrap_or(at);
                let (mut doc, diags) = super::denied::read_at(message, start, text)?;
                doc.subject_hint = hint.subject;
                return Some((doc, diags));
            }
            None
        }
        Value::Array(items) => {
            if items.iter().any(is_acl) {
                let show = items.iter().any(has_resolved);
                let format = if show {
                    AclFormat::AzPermissionShow
                } else {
                    AclFormat::AzPermissionList
                };
                let outlines = super::stream::acl_outline(text, at);
                return Some(read_acls(items, format, text, at, outlines, &hint));
            }
            if items.iter().any(is_namespace) {
                return Some(read_namespaces(items, text, at));
            }
            None
        }
        _ => None,
    }
}

fn looks_like_acl_request(before: &str) -> bool {
    let lower = before.to_ascii_lowercase();
    lower.contains("accesscontrollists") || lower.contains("az devops security permission list")
}

fn is_acl(v: &Value) -> bool {
    v.get("acesDictionary").is_some() && v.get("token").is_some()
}

/// An ACE on its own (`{descriptor, allow, deny}`), as `accesscontrolentries` returns them.
fn is_bare_ace(v: &Value) -> bool {
    v.get("descriptor").is_some_and(Value::is_string)
        && v.get("allow").is_some()
        && v.get("token").is_none()
}

/// An identity as `_apis/identities` returns it (looked up by e-mail or name): its descriptor
/// and names, no permission.
fn is_identity(v: &Value) -> bool {
    v.get("descriptor").is_some_and(Value::is_string)
        && (v.get("providerDisplayName").is_some() || v.get("subjectDescriptor").is_some())
        && v.get("allow").is_none()
        && v.get("acesDictionary").is_none()
}

fn is_namespace(v: &Value) -> bool {
    v.get("namespaceId").is_some() && v.get("actions").is_some()
}

fn has_resolved(v: &Value) -> bool {
    v.get("acesDictionary")
        .and_then(Value::as_object)
        .is_some_and(|aces| {
            aces.values()
                .any(|a| a.get("resolvedPermissions").is_some())
        })
}

fn bits(v: Option<&Value>) -> Option<u64> {
    match v {
        None | Some(Value::Null) => Some(0),
        Some(Value::Number(n)) => n.as_u64().or_else(|| n.as_i64().map(|i| i as u64)),
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(_) => None,
    }
}

/// A token for a message: what it names when the namespace is known (from the request line or
/// the token's shape), else the token itself.
fn describe_token(token: &str, hint: &Hints) -> String {
    let catalog = Catalog::shared();
    let namespace = hint
        .namespace
        .as_deref()
        .and_then(|id| catalog.get(id))
        .or_else(|| infer_namespace(token).and_then(|id| catalog.get(id)));
    match namespace {
        Some(ns) => crate::acl::tokens::describe(ns, token),
        None => format!("token {token}"),
    }
}

/// Access control entries without their token: what they allow cannot be placed.
fn bare_aces(text: &str, at: usize) -> (AclDocument, Vec<AclDiagnostic>) {
    nothing_to_judge(
        AclFormat::AccessControlEntries,
        text,
        at,
        "these are access control entries without their token (the answer of POST _apis/accesscontrolentries or DELETE _apis/permissions): what they allow cannot be placed",
        "paste the _apis/accesscontrollists/<namespace>?token=… response, or `az devops security permission show` output, for the same identity",
    )
}

/// An identity lookup: no permission to judge, but the descriptor to export them for (the
/// commands name it, for each namespace the requirements use), and names and graph
/// descriptors for the subjects of ACLs pasted with it.
fn identity_lookup(
    items: &[Value],
    text: &str,
    at: usize,
    hint: &Hints,
) -> (AclDocument, Vec<AclDiagnostic>) {
    let known: Vec<(crate::acl::KnownIdentity, Option<&str>)> = items
        .iter()
        .map(|v| {
            let text_of = |key: &str| v.get(key).and_then(Value::as_str);
            let descriptor = text_of("descriptor").unwrap_or("").to_string();
            let name = text_of("providerDisplayName")
                .map(str::to_string)
                .unwrap_or_else(|| crate::acl::identity::describe(&descriptor).0);
            let kind = v
                .pointer("/properties/SchemaClassName/$value")
                .and_then(Value::as_str);
            let subject_descriptor = text_of("subjectDescriptor").map(str::to_string);
            let descriptors = |key: &str| -> Vec<String> {
                v.get(key)
                    .and_then(Value::as_array)
                    .map(|list| {
                        list.iter()
                            .filter_map(|d| match d {
                                Value::String(s) => Some(s.clone()),
                                // The typed form: `{identityType, identifier}`.
                                Value::Object(o) => Some(format!(
                                    "{};{}",
                                    o.get("identityType")?.as_str()?,
                                    o.get("identifier")?.as_str()?
                                )),
                                _ => None,
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let member_of = descriptors("memberOf");
            let members = descriptors("members");
            let is_group = v.get("isContainer").and_then(Value::as_bool) == Some(true)
                || kind.is_some_and(|k| k.eq_ignore_ascii_case("group"));
            let identity = crate::acl::KnownIdentity {
                descriptor,
                name,
                subject_descriptor,
                is_group,
                // Without the request line, an empty list may only mean it was not asked for.
                memberships_listed: !member_of.is_empty() || hint.memberships_asked,
                member_of,
                members,
            };
            (identity, kind)
        })
        .collect();
    let names: Vec<String> = known
        .iter()
        .take(3)
        .map(|(k, kind)| match kind {
            Some(kind) => format!("{} ({kind})", k.name),
            None => k.name.clone(),
        })
        .collect();
    let more = match known.len().saturating_sub(names.len()) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let first = known.first().map(|(k, _)| k);
    let subject = first.map(|k| {
        crate::acl::identity::az_subject_known(&k.descriptor, k.subject_descriptor.as_deref())
    });
    let mut namespaces: Vec<&str> = Vec::new();
    for req in crate::acl::requirements::REQUIREMENTS {
        if !namespaces.contains(&req.namespace) {
            namespaces.push(req.namespace);
        }
    }
    let catalog = Catalog::shared();
    let commands: Vec<String> = namespaces
        .iter()
        .map(|ns| crate::acl::identity::export_command(ns, subject.as_ref(), catalog))
        .collect();
    let located = first
        .and_then(|k| find_json_string(text, at, &k.descriptor))
        .unwrap_or(at);
    let mut doc = AclDocument::new(AclFormat::IdentityLookup, text);
    doc.identities = known.into_iter().map(|(k, _)| k).collect();
    // With queryMembership, a user's groups are listed: the lookup was made for that account.
    for k in doc
        .identities
        .iter()
        .filter(|k| k.memberships_listed && !k.is_group)
    {
        doc.asked.push(crate::acl::Asked {
            descriptor: k.descriptor.clone(),
            at: located,
        });
    }
    let groups_listed: usize = doc.identities.iter().map(|k| k.member_of.len()).sum();
    let diagnostic = diag_help(
        Severity::Warning,
        located,
        format!(
            "this is an identity lookup (_apis/identities), which holds no permission: {}{more} (it names the identities of ACL exports pasted with it{})",
            names.join(", "),
            if groups_listed > 0 {
                format!(", and {groups_listed} group memberships: an account is judged with the entries of its groups")
            } else {
                String::new()
            }
        ),
        format!(
            "export what {} may do and paste it here, with the request or command line: {}",
            if items.len() > 1 { "the first" } else { "it" },
            commands.join("; ")
        ),
    );
    (doc, vec![diagnostic])
}

/// An ACL response with nothing to judge in it, and the warning that says what to paste.
fn nothing_to_judge(
    format: AclFormat,
    text: &str,
    at: usize,
    message: &str,
    help: &str,
) -> (AclDocument, Vec<AclDiagnostic>) {
    (
        AclDocument::new(format, text),
        vec![diag_help(Severity::Warning, at, message, help)],
    )
}

fn read_acls(
    items: &[Value],
    format: AclFormat,
    text: &str,
    at: usize,
    outlines: Option<Vec<super::stream::AclOutline>>,
    hint: &Hints,
) -> (AclDocument, Vec<AclDiagnostic>) {
    let mut doc = AclDocument::new(format, text);
    doc.subject_hint = hint.subject.clone();
    let mut diags = Vec::new();
    // Exact offsets from a walk of the text (`outlines`, one per item); searching from a cursor
    // is the fallback.
    let mut cursor = at;
    let outlines = outlines.filter(|o| o.len() == items.len());
    let catalog = Catalog::shared();
    let mut unknown_namespace_reported = false;
    for (i, item) in items.iter().enumerate() {
        let outline = outlines.as_ref().and_then(|o| o.get(i));
        let Some(obj) = item.as_object() else {
            diags.push(diag(
                Severity::Warning,
                cursor,
                "this list item is not an access control list; it was skipped",
            ));
            continue;
        };
        let Some(token) = obj.get("token").and_then(Value::as_str) else {
            diags.push(diag(
                Severity::Error,
                cursor,
                "this access control list has no \"token\"; it was skipped",
            ));
            continue;
        };
        let acl_at = outline
            .and_then(|o| o.token_at)
            .or_else(|| {
                find_from(text, cursor, "\"token\"").and_then(|k| find_json_string(text, k, token))
            })
            .unwrap_or(cursor);
        // Look for the ACEs from the start of this item: `token` can come after them.
        let item_start = find_from(text, cursor, "{").unwrap_or(cursor);
        let inherit = obj
            .get("inheritPermissions")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let namespace = acl_namespace(
            token,
            hint,
            || resolved_namespace(obj, catalog),
            catalog,
            acl_at,
            &mut unknown_namespace_reported,
            &mut diags,
        );
        // The cursor may still be inside the previous ACL's last ACE; its dictionary key came
        // before that ACE, so the next "acesDictionary" is this ACL's.
        let dict_at = outline
            .and_then(|o| o.aces_at)
            .or_else(|| find_from(text, item_start.min(acl_at), "\"acesDictionary\""))
            .unwrap_or(item_start.min(acl_at));
        let mut aces = Vec::new();
        let mut ace_cursor = dict_at;
        if let Some(dict) = obj.get("acesDictionary").and_then(Value::as_object) {
            for (key, ace) in dict {
                let descriptor = ace
                    .get("descriptor")
                    .and_then(Value::as_str)
                    .unwrap_or(key)
                    .to_string();
                // Keys come back sorted, not in input order: search each from the item's start.
                let ace_at = outline
                    .and_then(|o| o.keys.get(key.as_str()).copied())
                    .or_else(|| find_json_string(text, dict_at, key))
                    .unwrap_or(acl_at);
                ace_cursor = ace_cursor.max(ace_at.saturating_add(1));
                match read_ace(&descriptor, ace, ace_at) {
                    Ok(a) => aces.push(a),
                    Err(message) => diags.push(diag(Severity::Error, ace_at, message)),
                }
            }
        } else {
            diags.push(diag(
                Severity::Warning,
                acl_at,
                "\"acesDictionary\" is not an object; this ACL's entries were skipped",
            ));
        }
        aces.sort_by_key(|a: &Ace| a.at);
        doc.acls.push(Acl {
            namespace: namespace.map(Into::into),
            token: token.to_string(),
            inherit,
            aces,
            at: acl_at,
        });
        cursor = acl_at.max(ace_cursor).saturating_add(1).min(text.len());
    }
    (doc, diags)
}

/// How deep the fast path ([`super::stream`]) follows JSON it skips; deeper goes to the general
/// reader, which reports nesting beyond serde_json's limit.
pub const MAX_FAST_DEPTH: usize = 64;

/// The namespace of one ACL: the command line's or URL's, else the token's shape, else
/// `resolved` (az `show` bit names). The first ACL whose namespace is unknown gets a warning.
pub fn acl_namespace(
    token: &str,
    hint: &Hints,
    resolved: impl FnOnce() -> Option<String>,
    catalog: &Catalog,
    acl_at: usize,
    reported: &mut bool,
    diags: &mut Vec<AclDiagnostic>,
) -> Option<String> {
    let namespace = hint
        .namespace
        .clone()
        .or_else(|| infer_namespace(token).map(str::to_string))
        .or_else(resolved);
    if namespace.is_none() && !*reported {
        *reported = true;
        diags.push(diag_help(
            Severity::Warning,
            acl_at,
            format!("permcheck cannot tell which security namespace the token \"{token}\" belongs to"),
            "paste the command or request line with the output (az devops security permission list --id <namespace> …, or the _apis/accesscontrollists/<namespace> URL)",
        ));
    }
    if let Some(ns) = &namespace {
        if catalog.get(ns).is_none() && !*reported {
            *reported = true;
            diags.push(diag_help(
                Severity::Warning,
                acl_at,
                format!("permcheck does not know the security namespace {ns}"),
                "paste `az devops security permission namespace show --id <namespace>` output as well",
            ));
        }
    }
    namespace
}

fn read_ace(descriptor: &str, ace: &Value, at: usize) -> Result<Ace, String> {
    let (Some(allow), Some(deny)) = (bits(ace.get("allow")), bits(ace.get("deny"))) else {
        return Err(format!(
            "the ACE of {descriptor} has an \"allow\" or \"deny\" that is not a number; it was skipped"
        ));
    };
    let extended = match ace.get("extendedInfo") {
        Some(Value::Object(ext)) => Some(Extended {
            effective_allow: bits(ext.get("effectiveAllow")).unwrap_or(0),
            effective_deny: bits(ext.get("effectiveDeny")).unwrap_or(0),
            inherited_allow: bits(ext.get("inheritedAllow")).unwrap_or(0),
            inherited_deny: bits(ext.get("inheritedDeny")).unwrap_or(0),
        }),
        _ => None,
    };
    let resolved = ace
        .get("resolvedPermissions")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|r| {
                    Some(Resolved {
                        bit: r.get("bit")?.as_u64()?,
                        name: r
                            .get("name")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string(),
                        state: PermissionState::parse(r.get("effectivePermission")?.as_str()?)?,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Ace {
        descriptor: descriptor.into(),
        allow,
        deny,
        extended: extended.map(Box::new),
        resolved,
        at,
    })
}

/// az `show`/`update` output names its bits; find the namespace whose actions match them.
fn resolved_namespace(obj: &Map<String, Value>, catalog: &Catalog) -> Option<String> {
    let aces = obj.get("acesDictionary")?.as_object()?;
    let pairs: Vec<(u64, String)> = aces
        .values()
        .filter_map(|a| a.get("resolvedPermissions")?.as_array().cloned())
        .flatten()
        .filter_map(|r| {
            Some((
                r.get("bit")?.as_u64()?,
                r.get("name")?.as_str()?.to_string(),
            ))
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let candidates: Vec<&crate::acl::namespaces::Namespace> = catalog
        .namespaces
        .iter()
        .filter(|ns| {
            pairs
                .iter()
                .all(|(bit, name)| ns.action(*bit).is_some_and(|a| a.name == *name))
        })
        .collect();
    match candidates.as_slice() {
        [only] => Some(only.id.clone()),
        _ => None,
    }
}

fn read_namespaces(items: &[Value], text: &str, at: usize) -> (AclDocument, Vec<AclDiagnostic>) {
    let mut doc = AclDocument::new(AclFormat::NamespaceDump, text);
    let mut diags = Vec::new();
    let mut cursor = at;
    for item in items {
        let id = item
            .get("namespaceId")
            .and_then(Value::as_str)
            .unwrap_or("");
        let here = find_json_string(text, cursor, id).unwrap_or(cursor);
        cursor = here.saturating_add(1).min(text.len());
        match namespace_from_json(item, "a pasted security namespace dump") {
            Some(ns) => doc.namespaces.push(ns),
            None => diags.push(diag(
                Severity::Warning,
                here,
                "this security namespace has no \"namespaceId\"; it was skipped",
            )),
        }
    }
    (doc, diags)
}

/// `permissionevaluationbatch`: the response (`evaluations` with `value`), possibly wrapped
/// with its request. A request alone says nothing yet.
fn read_evaluations(
    obj: &Map<String, Value>,
    text: &str,
    at: usize,
) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    let (body, request) = match (obj.get("response"), obj.get("evaluations")) {
        (Some(Value::Object(resp)), _) => (resp, obj.get("request")),
        (_, Some(Value::Array(_))) => (obj, None),
        _ => return None,
    };
    let list = body.get("evaluations")?.as_array()?;
    let mut doc = AclDocument::new(AclFormat::PermissionEvaluation, text);
    let mut diags = Vec::new();
    let always = |v: &Map<String, Value>| {
        v.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("alwaysAllowAdministrators"))
            .and_then(|(_, v)| v.as_bool())
    };
    doc.always_allow_administrators =
        always(body).or_else(|| request.and_then(Value::as_object).and_then(always));
    let mut cursor = at;
    if let Some(resp_key) = find_from(text, at, "\"response\"") {
        cursor = resp_key;
    }
    let mut any_value = false;
    for e in list {
        let get = |k: &str| {
            e.as_object().and_then(|o| {
                o.iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(k))
                    .map(|(_, v)| v)
            })
        };
        let token = get("token").and_then(Value::as_str).unwrap_or("");
        let here = find_json_string(text, cursor, token).unwrap_or(cursor);
        cursor = here.saturating_add(1).min(text.len());
        let (Some(ns), Some(perms)) = (
            get("securityNamespaceId").and_then(Value::as_str),
            get("permissions").and_then(Value::as_u64),
        ) else {
            diags.push(diag(
                Severity::Warning,
                here,
                "this evaluation lacks securityNamespaceId or permissions; it was skipped",
            ));
            continue;
        };
        let Some(value) = get("value").and_then(Value::as_bool) else {
            continue;
        };
        any_value = true;
        doc.evaluations.push(Evaluation {
            namespace: ns.to_ascii_lowercase(),
            token: token.to_string(),
            permissions: perms,
            value,
            at: here,
        });
    }
    if !any_value {
        diags.push(diag_help(
            Severity::Warning,
            at,
            "this is a permission evaluation request: it asks, but does not answer",
            "paste the response of POST _apis/security/permissionevaluationbatch (each evaluation with its \"value\")",
        ));
    }
    if doc.always_allow_administrators == Some(true) {
        diags.push(diag(
            Severity::Info,
            at,
            "alwaysAllowAdministrators was true: an administrator passes these checks even where a backup call would be denied",
        ));
    }
    Some((doc, diags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::namespaces::ids;

    fn parse(text: &str) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
        let start = text.find(['{', '['])?;
        let mut stream =
            serde_json::Deserializer::from_str(text.get(start..)?).into_iter::<Value>();
        let value = stream.next()?.ok()?;
        read(&value, text, start)
    }

    #[test]
    fn rest_acl_with_extended_info_and_offsets() {
        let text = "GET https://dev.azure.com/o/_apis/accesscontrollists/2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87?token=repoV2\n{\"count\":1,\"value\":[{\"inheritPermissions\":false,\"token\":\"repoV2/p/r\",\"acesDictionary\":{\"d;1\":{\"descriptor\":\"d;1\",\"allow\":2,\"deny\":16,\"extendedInfo\":{\"effectiveAllow\":2}}}}]}\ntrailing prose";
        let (doc, diags) =
            parse(text).unwrap_or_else(|| (AclDocument::new(AclFormat::AzTable, ""), vec![]));
        assert_eq!(doc.format_id(), "azure-devops-acl-rest");
        assert!(diags.is_empty(), "{diags:?}");
        let acl = &doc.acls[0];
        assert_eq!(acl.namespace.as_deref(), Some(ids::GIT));
        assert!(!acl.inherit);
        assert_eq!(&text[acl.at..acl.at + 12], "\"repoV2/p/r\"");
        let ace = &acl.aces[0];
        assert_eq!((ace.allow, ace.deny), (2, 16));
        assert_eq!(ace.extended.as_ref().map(|e| e.effective_allow), Some(2));
        assert_eq!(&text[ace.at..ace.at + 5], "\"d;1\"");
    }

    #[test]
    fn unknown_namespace_and_bad_bits_are_located() {
        let text = "{\"value\":[{\"token\":\"0611925a\",\"acesDictionary\":{\"x\":{\"descriptor\":\"x\",\"allow\":\"lots\",\"deny\":0}}}]}";
        let Some((doc, diags)) = parse(text) else {
            panic!("not read")
        };
        assert_eq!(doc.acls[0].namespace, None);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags[0].message.contains("which security namespace"));
        assert_eq!(diags[1].severity, Severity::Error);
        assert_eq!(&text[diags[1].at..diags[1].at + 3], "\"x\"");
    }

    #[test]
    fn not_acl_json_is_left_alone() {
        assert!(parse("{\"count\":2,\"value\":[{\"accessLevel\":{}}]}").is_none());
        assert!(parse("{\"scopes\":\"vso.code\"}").is_none());
    }
}
