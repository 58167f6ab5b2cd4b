//! Azure DevOps readers: ACL exports as whole documents (via `acl/`), `_apis/tokens/pats`,
//! user entitlements (`accessLevel`), Entra JWT claims (`scp`), the PAT page's labels, and a
//! copy of the PAT creation form (which shows options, not what was granted).

use super::catalog::{ACCESS_LEVEL_VOCABULARY, SCOPE_VOCABULARY};
use crate::catalog::{normalize_label, Vocabulary};
use crate::evidence::{
    AccountEvidence, AccountKind, CredentialEvidence, Expiry, Finding, OrgTargeting, ScopeGrant,
};
use crate::model::{Credential, Platform};
use crate::parse::json::{find_string_value, scope_items, scope_strings};
use crate::parse::scopes::{self, scan_list};
use crate::parse::{Block, Parsed, TextLines};
use crate::platforms::LabelRead;
use crate::report::Severity;
use crate::source::Span;
use serde_json::Value;
use std::sync::OnceLock;

pub const PAT_LIST: &str = "azure-devops-pat-list";
pub const ENTITLEMENT: &str = "azure-devops-user-entitlement";
pub const PAT_FORM: &str = "azure-devops-pat-form";

/// The Microsoft Entra tenant of personal Microsoft accounts.
const MSA_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

fn scope_vocabulary() -> Vocabulary {
    Vocabulary(&SCOPE_VOCABULARY)
}

/// Marks of an ACL export or access-denied message, with what they show.
const ACL_MARKS: &[(&str, &str)] = &[
    ("acesDictionary", "an _apis/accesscontrollists export"),
    (
        "resolvedPermissions",
        "`az devops security permission show` output",
    ),
    ("namespaceId", "a security namespaces dump"),
    ("Effective ACL on object", "TFSSecurity /acl output"),
    ("TF401027", "an access-denied message (TF401027)"),
    ("security namespace", "an access-denied message"),
    (
        "az devops security permission",
        "`az devops security permission` output",
    ),
    (
        "permissionevaluationbatch",
        "a permissionevaluationbatch response",
    ),
    (
        "accessControlEntries",
        "a POST _apis/accesscontrolentries body",
    ),
    // Identity descriptors: access control entries on their own, identity lookups.
    (
        "ClaimsIdentity;",
        "Azure DevOps identities or access control entries",
    ),
    (
        "TeamFoundation.Identity;",
        "Azure DevOps identities or access control entries",
    ),
];

/// What ACL-family input `text` looks like, if any: the page's initial wasm has no ACL engine
/// and hands such input to its worker.
pub fn acl_mark(text: &str) -> Option<&'static str> {
    ACL_MARKS
        .iter()
        .find(|(mark, _)| text.contains(mark))
        .map(|(_, what)| *what)
}

/// Without the `acl` feature (the page's initial wasm, when its worker with the full engine
/// could not be loaded): recognise an ACL export or access-denied message by its marks and say
/// where it can be judged, instead of reading it as scopes.
pub(crate) fn acl_not_built_here(parsed: &mut Parsed) -> bool {
    let Some(what) = acl_mark(&parsed.text) else {
        return false;
    };
    parsed.diagnose(
        Severity::Warning,
        0,
        format!("this looks like {what}: ACLs are judged by permcheck's full engine, which could not be loaded here"),
        Some("open the hosted page (the single offline file has no ACL engine), or use the command line: `permcheck check FILE` (see the README)".into()),
    );
    true
}

/// A whole input only Azure DevOps produces: an ACL export in the plain REST / az-list shape
/// (read straight from the text, fast), or an ACL text format (az tables, TFSSecurity,
/// access-denied messages).
pub fn read_document(parsed: &mut Parsed, start: usize) -> bool {
    if !cfg!(feature = "acl") {
        return acl_not_built_here(parsed);
    }
    let body = parsed.text.get(start..).unwrap_or("");
    let json_start = start + (body.len() - body.trim_start().len());
    if body.trim_start().starts_with(['{', '[']) {
        if let Some(fast) = super::acl::formats::stream::read(&parsed.text, json_start) {
            crate::parse::json::note_trailing_text(parsed, fast.end);
            parsed.add_acl(fast.doc, fast.diagnostics);
            return true;
        }
        return false;
    }
    let text = parsed.text.clone();
    match super::acl::read_export_text(&text) {
        Some((doc, diagnostics)) => {
            parsed.add_acl(doc, diagnostics);
            true
        }
        None => false,
    }
}

/// A JSON document only Azure DevOps produces.
pub fn read_json(parsed: &mut Parsed, value: &Value, block: Block) -> bool {
    let at = block.start;
    if cfg!(feature = "acl") {
        let text = parsed.text.clone();
        if let Some((doc, diagnostics)) = super::acl::read_json(value, &text, at) {
            let namespaces_only = doc.format_id() == "azure-devops-security-namespaces";
            parsed.add_acl(doc, diagnostics);
            if namespaces_only && parsed.diagnostics.is_empty() {
                parsed.diagnose(
                    Severity::Info,
                    at,
                    "security namespaces read: they name the bits of ACLs pasted with them".into(),
                    Some("paste ACL exports (accesscontrollists, az devops security permission list/show) together with this dump".into()),
                );
            }
            return true;
        }
    } else if acl_not_built_here(parsed) {
        return true;
    }
    if let Some(list) = value.get("patTokens").and_then(Value::as_array) {
        parsed.set_format(PAT_LIST);
        let mut cursor = at;
        for pat in list {
            read_pat(parsed, pat, &mut cursor);
        }
        if list.is_empty() {
            parsed.diagnose(
                Severity::Warning,
                at,
                "this PAT list is empty".into(),
                Some("list the PATs of the account that the backup tool will use".into()),
            );
        }
        return true;
    }
    if let Some(pat) = value.get("patToken").filter(|p| p.is_object()) {
        parsed.set_format(PAT_LIST);
        let mut cursor = at;
        read_pat(parsed, pat, &mut cursor);
        return true;
    }
    if is_pat(value) {
        parsed.set_format(PAT_LIST);
        let mut cursor = at;
        read_pat(parsed, value, &mut cursor);
        return true;
    }
    if let Some(items) = value
        .as_array()
        .filter(|a| !a.is_empty() && a.iter().all(is_pat))
    {
        parsed.set_format(PAT_LIST);
        let mut cursor = at;
        for pat in items {
            read_pat(parsed, pat, &mut cursor);
        }
        return true;
    }
    let mut levels = Vec::new();
    collect_access_levels(value, None, &mut levels);
    if !levels.is_empty() {
        parsed.set_format(ENTITLEMENT);
        let mut cursor = at;
        for (principal, level) in levels {
            read_access_level(parsed, principal, level, &mut cursor);
        }
        // Their group assignments: the groups the account is in, for its ACLs.
        if cfg!(feature = "acl") {
            let text = parsed.text.clone();
            if let Some((doc, diagnostics)) =
                super::acl::formats::graph::entitlement_groups(value, &text, at)
            {
                parsed.add_acl(doc, diagnostics);
            }
        }
        return true;
    }
    if value.get("scp").is_some() {
        return read_claims(parsed, value, block);
    }
    false
}

fn is_pat(value: &Value) -> bool {
    value.get("scope").is_some_and(Value::is_string)
        && (value.get("authorizationId").is_some() || value.get("targetAccounts").is_some())
}

/// The Azure DevOps grants of a scope list; ids of other platforms are reported, not counted.
fn azure_grants(parsed: &mut Parsed, items: Vec<crate::parse::scopes::Item>) -> Vec<ScopeGrant> {
    let mut grants = Vec::new();
    for item in items {
        match item
            .alternatives
            .iter()
            .find(|g| g.vocabulary == scope_vocabulary())
        {
            Some(g) => grants.push(g.clone()),
            None => {
                let id = item
                    .alternatives
                    .first()
                    .map(|g| g.id.clone())
                    .unwrap_or_default();
                parsed.diagnose(
                    Severity::Warning,
                    item.span.start,
                    format!("`{id}` is not an Azure DevOps scope, so it was not counted"),
                    None,
                );
            }
        }
    }
    grants
}

fn read_pat(parsed: &mut Parsed, pat: &Value, cursor: &mut usize) {
    let name = pat
        .get("displayName")
        .and_then(Value::as_str)
        .map(str::to_string);
    let start = *cursor;
    if let Some(n) = &name {
        let _ = find_string_value(parsed, "displayName", n, cursor);
    }
    let Some(scope) = pat.get("scope").and_then(Value::as_str) else {
        parsed.diagnose(
            Severity::Warning,
            *cursor,
            format!(
                "PAT {} has no `scope` string, so it cannot be judged",
                name.as_deref().unwrap_or("(unnamed)")
            ),
            None,
        );
        return;
    };
    let mut scope_cursor = start;
    let scope_at = find_string_value(parsed, "scope", scope, &mut scope_cursor).unwrap_or(*cursor);
    *cursor = (*cursor).max(scope_cursor);
    let scan = scan_list(scope, scope_at);
    scopes::report_unknown(parsed, &scan.unknown);
    let mut evidence = CredentialEvidence::on(
        Platform::AzureDevopsServices,
        Credential::Pat,
        Span::new(scope_at, scope_at + scope.len()),
    );
    evidence.credential_certain = true;
    evidence.name = name;
    evidence.grants = azure_grants(parsed, scan.items);
    evidence.org_targeting = match pat.get("targetAccounts") {
        Some(Value::Array(ids)) if !ids.is_empty() => Some(OrgTargeting::Specific(
            ids.iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                })
                .collect(),
        )),
        Some(Value::Null) | Some(Value::Array(_)) => Some(OrgTargeting::AllAccessible),
        _ => None,
    };
    if let Some(valid_to) = pat.get("validTo").and_then(Value::as_str) {
        let mut at_cursor = start;
        let at = find_string_value(parsed, "validTo", valid_to, &mut at_cursor).unwrap_or(scope_at);
        match crate::evidence::parse_timestamp(valid_to) {
            Some(t) => {
                evidence.expires = Some(Expiry {
                    at: t,
                    span: Span::new(at, at + valid_to.len()),
                })
            }
            None => parsed.diagnose(
                Severity::Warning,
                at,
                format!("`validTo` \"{valid_to}\" is not a date permcheck can read, so the expiry was not checked"),
                None,
            ),
        }
    }
    parsed.credentials.push(evidence);
}

fn collect_access_levels<'a>(
    value: &'a Value,
    principal: Option<String>,
    out: &mut Vec<(Option<String>, &'a Value)>,
) {
    match value {
        Value::Object(map) => {
            if map.contains_key("accountLicenseType") {
                out.push((principal, value));
                return;
            }
            let here = map
                .get("user")
                .and_then(|u| {
                    u.get("principalName")
                        .or_else(|| u.get("mailAddress"))
                        .or_else(|| u.get("displayName"))
                })
                .and_then(Value::as_str)
                .map(str::to_string)
                .or(principal);
            if let Some(level) = map.get("accessLevel") {
                collect_access_levels(level, here.clone(), out);
            }
            for (key, child) in map {
                if key != "accessLevel" && key != "user" {
                    collect_access_levels(child, here.clone(), out);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                collect_access_levels(item, principal.clone(), out);
            }
        }
        _ => {}
    }
}

/// The access-level role for an entitlement's license fields; `None` for a value the
/// vocabulary does not know.
fn access_level_id(
    account: &str,
    msdn: Option<&str>,
    github: Option<&str>,
) -> Option<&'static str> {
    let set = |v: Option<&str>| v.is_some_and(|v| !v.is_empty() && !v.eq_ignore_ascii_case("none"));
    Some(match account.to_ascii_lowercase().as_str() {
        "stakeholder" => "stakeholder",
        "express" => "express",
        "advanced" => "advanced",
        "earlyadopter" => "earlyAdopter",
        "professional" => "professional",
        "none" | "" if set(msdn) => "msdn",
        "none" | "" if set(github) => "github",
        "none" | "" => "none",
        _ => return None,
    })
}

fn read_access_level(
    parsed: &mut Parsed,
    principal: Option<String>,
    level: &Value,
    cursor: &mut usize,
) {
    let license = level
        .get("accountLicenseType")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let at = find_string_value(parsed, "accountLicenseType", &license, cursor).unwrap_or(*cursor);
    let msdn = level.get("msdnLicenseType").and_then(Value::as_str);
    let github = level.get("gitHubLicenseType").and_then(Value::as_str);
    let span = Span::new(at, at + license.len());
    let role = access_level_id(&license, msdn, github);
    let vocabulary = Vocabulary(&ACCESS_LEVEL_VOCABULARY);
    let display = level
        .get("licenseDisplayName")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            role.map(|r| {
                vocabulary
                    .label(r)
                    .trim_start_matches("Access level: ")
                    .to_string()
            })
        })
        .unwrap_or_else(|| "an access level permcheck does not know".into());
    if role.is_none() {
        parsed.diagnose(
            Severity::Warning,
            at,
            format!("access level `{license}` is not one permcheck knows, so it was not judged"),
            Some("the values Azure DevOps documents are stakeholder, express (Basic), advanced, earlyAdopter, professional and none".into()),
        );
    }
    parsed.accounts.push(AccountEvidence {
        principal_id: None,
        platform: Platform::AzureDevopsServices,
        principal,
        grants: role
            .map(|id| {
                vec![ScopeGrant {
                    vocabulary,
                    id: id.to_string(),
                    span,
                }]
            })
            .unwrap_or_default(),
        scope: None,
        describe: format!("{display} access (accountLicenseType {license})"),
        raw_id: format!("accessLevel:{license}"),
        span,
    });
}

/// Entra ID JWT claims (decoded JSON, or the payload of a raw JWT): `scp` is the scope list;
/// `tid`/`idp` tell personal vs work accounts; `upn`/`unique_name`/`preferred_username` name
/// the account. Returns whether they were Azure DevOps claims.
fn read_claims(parsed: &mut Parsed, claims: &Value, block: Block) -> bool {
    let Some(scp) = claims.get("scp") else {
        return false;
    };
    let at = block.start;
    let located = parsed.in_jwt.is_none();
    let mut cursor = at;
    let items = if located {
        scope_items(parsed, scp, &mut cursor)
    } else {
        // Inside base64 nothing can be located; every grant points at the payload.
        let span = Span::new(block.start, block.end);
        let mut items = Vec::new();
        let mut unknown = Vec::new();
        for s in scope_strings(scp) {
            let scan = scan_list(&s, 0);
            for mut item in scan.items {
                item.span = span;
                for g in &mut item.alternatives {
                    g.span = span;
                }
                items.push(item);
            }
            unknown.extend(scan.unknown.into_iter().map(|(_, t)| (at, t)));
        }
        scopes::report_unknown(parsed, &unknown);
        items
    };
    let is_azure = items.iter().any(|i| {
        i.alternatives
            .iter()
            .any(|g| g.vocabulary == scope_vocabulary())
    });
    let ado_audience = claims.get("aud").and_then(Value::as_str).is_some_and(|a| {
        a.contains("499b84ac-1321-427f-aa17-267ca6975798")
            || a.contains("app.vssps.visualstudio.com")
    });
    if !is_azure && !ado_audience {
        return false;
    }
    parsed.set_format(if located {
        crate::parse::jwt::CLAIMS_FORMAT
    } else {
        crate::parse::jwt::FORMAT
    });
    let mut grants = azure_grants(parsed, items);
    let principal = ["upn", "unique_name", "preferred_username", "email"]
        .iter()
        .find_map(|k| claims.get(*k).and_then(Value::as_str))
        .map(str::to_string);
    let tid = claims.get("tid").and_then(Value::as_str);
    let idp = claims.get("idp").and_then(Value::as_str);
    let account_kind = match (tid, idp) {
        (Some(t), _) if t.eq_ignore_ascii_case(MSA_TENANT) => Some(AccountKind::Personal),
        (_, Some(i)) if i.contains("live.com") => Some(AccountKind::Personal),
        (Some(_), _) => Some(AccountKind::Organizational),
        _ => None,
    };
    // An Entra token for the Azure DevOps resource whose only scope is user_impersonation (what
    // `az account get-access-token` returns) has full access (reference/azure-devops.md §5.1).
    let only_impersonation =
        !grants.is_empty() && grants.iter().all(|g| g.id == "user_impersonation");
    if ado_audience && only_impersonation {
        if let Some(first) = grants.first().cloned() {
            grants.push(ScopeGrant {
                id: "app_token".into(),
                ..first
            });
        }
    }
    let span = Span::new(block.start, block.end);
    let mut evidence =
        CredentialEvidence::on(Platform::AzureDevopsServices, Credential::Oauth, span);
    evidence.credential_certain = !grants.is_empty();
    evidence.grants = grants;
    evidence.principal = principal.clone();
    evidence.name = principal;
    evidence.account_kind = account_kind;
    if evidence.grants.is_empty() {
        parsed.diagnose(
            Severity::Error,
            at,
            "this token's `scp` claim names no Azure DevOps scope, so its scopes cannot be read".into(),
            Some("an Azure DevOps PAT is not a JWT: paste the PAT page's labels or the _apis/tokens/pats response instead".into()),
        );
        return true;
    }
    parsed.credentials.push(evidence);
    true
}

/// (normalized group, normalized level, scope id) for every PAT-page label, built once.
fn label_table() -> &'static [(String, String, &'static str)] {
    static TABLE: OnceLock<Vec<(String, String, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        scope_vocabulary()
            .scopes()
            .iter()
            .filter_map(|s| {
                let (g, l) = s.label.split_once(": ")?;
                Some((group_alias(&normalize_label(g)), normalize_label(l), s.id))
            })
            .collect()
    })
}

/// Group names admins and docs use for the same PAT-page group.
fn group_alias(group: &str) -> String {
    match group {
        "projects and teams" | "project and teams" | "projects and team" => {
            "project and team".into()
        }
        "work item" | "workitems" => "work items".into(),
        "variable group" => "variable groups".into(),
        "environments" => "environment".into(),
        "builds" => "build".into(),
        "packages" | "package" => "packaging".into(),
        other => other.to_string(),
    }
}

/// "Code (Read & write)": the form some docs and tickets use for PAT-page labels.
fn split_paren_label(line: &str) -> Option<(&str, &str, usize)> {
    let open = line.find(" (")?;
    let inner = line.get(open + 2..)?.strip_suffix(')')?;
    let group = line[..open].trim();
    (!group.is_empty() && !inner.trim().is_empty() && group.split_whitespace().count() <= 4)
        .then_some((group, inner.trim(), open + 2))
}

/// One label of the PAT page ("Code: Read & write", "Code (Read & write)", "Full access").
pub fn read_label(line: &str, at: usize) -> Option<LabelRead> {
    let grant = |id: &str| ScopeGrant {
        vocabulary: scope_vocabulary(),
        id: id.to_string(),
        span: Span::new(at, at + line.len()),
    };
    if normalize_label(line) == "full access" {
        return Some(LabelRead::Grants {
            grants: vec![grant("app_token")],
            credential: None,
        });
    }
    if line.len() > 200 {
        return None;
    }
    let (group, level, level_offset) =
        crate::parse::text::split_label(line).or_else(|| split_paren_label(line))?;
    let group_n = group_alias(&normalize_label(group));
    let level_n = normalize_label(level);
    let table = label_table();
    if !table.iter().any(|(g, _, _)| *g == group_n) {
        return None;
    }
    Some(
        match table
            .iter()
            .find(|(g, l, _)| *g == group_n && *l == level_n)
        {
            Some((_, _, id)) => LabelRead::Grants {
                grants: vec![grant(id)],
                credential: None,
            },
            None => {
                let levels: Vec<String> = scope_vocabulary()
                    .scopes()
                    .iter()
                    .filter_map(|s| {
                        s.label
                            .split_once(": ")
                            .filter(|(g, _)| group_alias(&normalize_label(g)) == group_n)
                            .map(|(_, l)| format!("\"{l}\""))
                    })
                    .collect();
                LabelRead::Wrong {
                at: at + level_offset,
                message: format!("`{level}` is not a level of the PAT page's \"{group}\" group, so it was not counted"),
                help: Some(format!("the levels are {}", levels.join(", "))),
            }
            }
        },
    )
}

/// Whether a line is a bare level of the PAT page's radio buttons ("Read", "Read & write").
fn is_bare_level(line: &str) -> bool {
    let level = normalize_label(line);
    !level.is_empty() && label_table().iter().any(|(_, l, _)| *l == level)
}

/// A copy of the PAT creation form lists every option ("Full access", "Custom defined", every
/// level of every group) and shows nothing of what was ticked: it is not a grant. Recognised,
/// its lines claimed, and answered with `unknown` and what to paste instead.
/// Access-denied messages (TF401027, `Access Denied: … needs the following permission(s)`),
/// with the log lines around them; the other lines of the block (a scope list) are read by the
/// other readers and judged with them.
pub fn read_denials(parsed: &mut Parsed, lines: &mut TextLines) {
    if !cfg!(feature = "acl") {
        return;
    }
    let Some((doc, held)) =
        super::acl::formats::denied::read_lines(&parsed.text, lines.unconsumed())
    else {
        return;
    };
    for index in held {
        lines.consume(index);
    }
    // The rest of the log around it; a line with a scope or a token page's label stays for the
    // other readers.
    let noise: Vec<usize> = lines
        .unconsumed()
        .filter(|(_, at, line)| {
            super::acl::formats::denied::is_log_noise(line)
                || (crate::parse::scopes::scan_list(line, *at).items.is_empty()
                    && !crate::platforms::REGISTRY
                        .iter()
                        .any(|m| m.read_label(line, *at).is_some()))
        })
        .map(|(i, _, _)| i)
        .collect();
    for index in noise {
        lines.consume(index);
    }
    parsed.add_acl(doc, Vec::new());
}

pub fn read_pat_form(parsed: &mut Parsed, lines: &mut TextLines) {
    let mut full_access = false;
    let mut custom_defined = false;
    let mut option_runs = 0;
    let mut run = 0;
    let mut first: Option<usize> = None;
    for (_, at, line) in lines.unconsumed() {
        let normalized = normalize_label(line.trim());
        match normalized.as_str() {
            "full access" => full_access = true,
            "custom defined" => custom_defined = true,
            _ => {}
        }
        if is_bare_level(line.trim()) {
            run += 1;
            if run == 2 {
                option_runs += 1;
            }
        } else {
            run = 0;
        }
        first.get_or_insert(at);
    }
    let is_form = (full_access && custom_defined) || option_runs >= 2;
    if !is_form {
        return;
    }
    let indexes: Vec<usize> = lines.unconsumed().map(|(i, _, _)| i).collect();
    let start = first.unwrap_or(0);
    let end = indexes
        .last()
        .map(|&i| {
            let (at, line) = lines.line(i);
            at + line.len()
        })
        .unwrap_or(start);
    for i in indexes {
        lines.consume(i);
    }
    parsed.set_format(PAT_FORM);
    let mut evidence = CredentialEvidence::on(
        Platform::AzureDevopsServices,
        Credential::Pat,
        Span::new(start, end),
    );
    evidence.credential_certain = true;
    evidence.scopes_unseen = true;
    evidence.scopes_hint = Some(
        "this is a copy of the PAT creation form: it lists every option and shows nothing of what was ticked. Paste the _apis/tokens/pats response, or only the labels of the ticked scopes".into(),
    );
    evidence.findings.push(Finding {
        id: "azure-devops-pat-form",
        blocks: crate::evidence::Blocks::Nothing,
        categories: &[],
        proves: "This is the PAT page's list of options, not a token's scopes.".into(),
        action: "Paste the `_apis/tokens/pats` response, or only the labels of the ticked scopes (\"Code: Read & write\").".into(),
        cannot_tell: "Which options were ticked: the copy does not show it.".into(),
        span: Span::new(start, end),
        source: &super::sources::LEARN_PATS,
    });
    parsed.diagnose(
        Severity::Warning,
        start,
        "this is a copy of the PAT creation form: it lists every option, not what was granted, so nothing in it was counted".into(),
        Some("paste the _apis/tokens/pats response, or only the labels of the scopes that were ticked".into()),
    );
    parsed.credentials.push(evidence);
}
