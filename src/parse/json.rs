//! JSON inputs: `_apis/tokens/pats`, user entitlements (`accessLevel`), decoded JWT claims,
//! Bitbucket error bodies (`required`/`granted`), and any JSON with `scopes`. serde_json gives
//! no spans, so values are located by searching the raw text from a moving cursor.

use super::scopes::{self, scan_list};
use super::Parsed;
use crate::catalog::Vocabulary;
use crate::detect::Format;
use crate::evidence::{
    AccessLevelEvidence, AccountKind, CredentialEvidence, Note, NoteKind, OrgTargeting,
};
use crate::model::Credential;
use crate::report::Severity;
use crate::source::Span;
use crate::Options;
use serde_json::Value;

/// The Microsoft Entra tenant of personal Microsoft accounts.
const MSA_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// How deep JSON may nest (serde_json's own recursion limit).
pub const MAX_JSON_DEPTH: usize = 128;

pub fn parse(parsed: &mut Parsed, start: usize, _options: &Options) {
    let body = parsed.text.get(start..).unwrap_or("");
    let json_start = start + (body.len() - body.trim_start().len());
    // Big ACL exports in their plain shape: read straight from the text (no Value tree, and no
    // copy of the text here).
    if cfg!(feature = "acl") {
        if let Some(fast) = crate::acl::formats::stream::read(&parsed.text, json_start) {
            note_trailing_text(parsed, fast.end);
            parsed.add_acl(fast.doc, fast.diagnostics);
            return;
        }
    }
    let text = parsed.text.clone();
    let json_text = text.get(json_start..).unwrap_or("");
    let mut stream = serde_json::Deserializer::from_str(json_text).into_iter::<Value>();
    let value = match stream.next() {
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            report_json_error(parsed, json_start, json_text, &e);
            return;
        }
        None => return,
    };
    let end = json_start + stream.byte_offset();
    note_trailing_text(parsed, end);
    dispatch(parsed, &value, json_start);
}

/// Text after the JSON document: a closing command line is fine; anything else is not read.
fn note_trailing_text(parsed: &mut Parsed, end: usize) {
    let trailing = parsed.text.get(end..).unwrap_or("");
    let rest = trailing.trim();
    if rest.is_empty()
        || rest
            .lines()
            .all(|l| super::clean::is_command_line(l) || l.trim().is_empty())
    {
        return;
    }
    let skip = trailing.len() - trailing.trim_start().len();
    parsed.diagnose(
        Severity::Info,
        end + skip,
        "text after the JSON document was not read".into(),
        Some("paste one JSON document per input; add the rest as another input".into()),
    );
}

fn report_json_error(
    parsed: &mut Parsed,
    json_start: usize,
    json_text: &str,
    e: &serde_json::Error,
) {
    // serde_json's line/column are relative to the JSON text; turn them back into an offset.
    let mut offset = json_start;
    for (i, line) in json_text.split('\n').enumerate() {
        if i + 1 == e.line() {
            offset += line
                .char_indices()
                .nth(e.column().saturating_sub(1))
                .map(|(b, _)| b)
                .unwrap_or(line.len());
            break;
        }
        offset += line.len() + 1;
    }
    // serde_json stops at 128 levels of nesting: no export nests that deep, and a limit keeps a
    // hostile paste from exhausting the stack.
    if e.to_string().contains("recursion limit exceeded") {
        parsed.diagnose(
            Severity::Error,
            offset,
            format!("this JSON nests deeper than {MAX_JSON_DEPTH} levels, which no export does; it was not read"),
            Some("paste the export as the API or the az CLI wrote it".into()),
        );
        return;
    }
    let cut_off = e.is_eof();
    let what = looks_like(json_text);
    let last_line = parsed.locate(Span::new(parsed.text.trim_end().len(), 0)).0;
    let message = match (cut_off, what) {
        (true, Some(what)) => format!("this looks like {what} cut off after line {last_line}"),
        (true, None) => format!("this JSON ends early at line {last_line}: it looks cut off"),
        (false, Some(what)) => format!(
            "this looks like {what}, but it is not valid JSON here: {}",
            strip_position(&e.to_string())
        ),
        (false, None) => format!("this is not valid JSON: {}", strip_position(&e.to_string())),
    };
    let help = if cut_off {
        "copy the whole response again; a terminal or a viewer may have truncated it"
    } else {
        "fix or re-export the JSON; permcheck reads exports as they come from the API or the az CLI"
    };
    parsed.diagnose(Severity::Error, offset, message, Some(help.into()));
}

/// What a (possibly broken) JSON text most likely is, from keys only its format has.
fn looks_like(json_text: &str) -> Option<&'static str> {
    const KEYS: &[(&str, &str)] = &[
        ("\"patTokens\"", "an _apis/tokens/pats response"),
        ("\"patToken\"", "an _apis/tokens/pats response"),
        ("\"acesDictionary\"", "an _apis/accesscontrollists response"),
        (
            "\"resolvedPermissions\"",
            "`az devops security permission show` output",
        ),
        ("\"namespaceId\"", "a security namespaces dump"),
        ("\"evaluations\"", "a permissionevaluationbatch response"),
        ("\"accountLicenseType\"", "a user entitlement"),
        ("\"accessLevel\"", "a user entitlement"),
        ("\"scp\"", "decoded JWT claims"),
        ("\"granted\"", "a Bitbucket 403 error body"),
        ("\"accessToken\"", "`az account get-access-token` output"),
    ];
    KEYS.iter()
        .find(|(key, _)| json_text.contains(key))
        .map(|(_, what)| *what)
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(pos) => message[..pos].to_string(),
        None => message.to_string(),
    }
}

fn dispatch(parsed: &mut Parsed, value: &Value, at: usize) {
    let text = parsed.text.clone();
    if cfg!(feature = "acl") {
        if let Some((doc, diagnostics)) = crate::acl::read_json(value, &text, at) {
            parsed.add_acl(doc, diagnostics);
            return;
        }
    } else if super::acl_not_built_here(parsed) {
        return;
    }
    if let Some(list) = value.get("patTokens").and_then(Value::as_array) {
        parsed.format = Some(Format::AzureDevopsPatList);
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
        return;
    }
    if let Some(pat) = value.get("patToken").filter(|p| p.is_object()) {
        parsed.format = Some(Format::AzureDevopsPatList);
        let mut cursor = at;
        read_pat(parsed, pat, &mut cursor);
        return;
    }
    if is_pat(value) {
        parsed.format = Some(Format::AzureDevopsPatList);
        let mut cursor = at;
        read_pat(parsed, value, &mut cursor);
        return;
    }
    if let Some(items) = value
        .as_array()
        .filter(|a| !a.is_empty() && a.iter().all(is_pat))
    {
        parsed.format = Some(Format::AzureDevopsPatList);
        let mut cursor = at;
        for pat in items {
            read_pat(parsed, pat, &mut cursor);
        }
        return;
    }
    if let Some(error) = value
        .get("error")
        .filter(|_| value.get("type").and_then(Value::as_str) == Some("error"))
    {
        parsed.format = Some(Format::BitbucketErrorBody);
        read_bitbucket_error(parsed, error, at);
        return;
    }
    let mut levels = Vec::new();
    collect_access_levels(value, None, &mut levels);
    if !levels.is_empty() {
        parsed.format = Some(Format::AzureDevopsEntitlement);
        let mut cursor = at;
        for (principal, level) in levels {
            read_access_level(parsed, principal, level, &mut cursor);
        }
        // Their group assignments: the groups the account is in, for its ACLs.
        if cfg!(feature = "acl") {
            if let Some((doc, diagnostics)) =
                crate::acl::formats::graph::entitlement_groups(value, &text, at)
            {
                parsed.add_acl(doc, diagnostics);
            }
        }
        return;
    }
    if value.get("scp").is_some() {
        let len = parsed.text.len().saturating_sub(at);
        read_claims(parsed, value, at, len, Format::JwtClaims);
        return;
    }
    let scopes = value.get("scopes").or_else(|| value.get("scope"));
    if let Some(scopes) = scopes {
        parsed.format = Some(Format::ScopeJson);
        let mut cursor = at;
        let grants = located_list(parsed, scopes, &mut cursor);
        if let Some(evidence) = grants {
            parsed.credentials.extend(evidence);
        }
        return;
    }
    // `az account get-access-token`, `Get-AzAccessToken`, an OAuth token response: a JWT inside.
    if let Some(map) = value.as_object() {
        for key in ["accessToken", "access_token", "Token", "token", "id_token"] {
            if let Some(token) = map
                .get(key)
                .and_then(Value::as_str)
                .filter(|t| crate::detect::looks_like_jwt(t))
            {
                let mut cursor = at;
                let token_at = find(parsed, token, &mut cursor).unwrap_or(at);
                let token = token.to_string();
                super::jwt::decode_token(parsed, &token, token_at);
                return;
            }
        }
    }
    parsed.diagnose(
        Severity::Error,
        at,
        "this JSON is not a format permcheck reads".into(),
        Some(format!("expected {}", super::EXPECTED)),
    );
}

fn is_pat(value: &Value) -> bool {
    value.get("scope").is_some_and(Value::is_string)
        && (value.get("authorizationId").is_some() || value.get("targetAccounts").is_some())
}

/// Find `needle` in the input at or after `cursor`; advance the cursor past it.
fn find(parsed: &Parsed, needle: &str, cursor: &mut usize) -> Option<usize> {
    let pos = parsed.text.get(*cursor..)?.find(needle)? + *cursor;
    *cursor = pos + needle.len();
    Some(pos)
}

/// Locate a JSON string value `"key": "value"` after the cursor; returns the offset of the
/// value's first character.
fn find_string_value(parsed: &Parsed, key: &str, value: &str, cursor: &mut usize) -> Option<usize> {
    let key_at = find(parsed, &format!("\"{key}\""), cursor)?;
    let mut after_key = key_at;
    let value_at = find(parsed, &format!("\"{value}"), &mut after_key)?;
    *cursor = value_at + 1;
    Some(value_at + 1)
}

/// Read a scope list given as one string or an array of strings into credentials per
/// vocabulary (API-token → api-token, legacy Bitbucket → token, vso.* → PAT).
fn located_list(
    parsed: &mut Parsed,
    scopes: &Value,
    cursor: &mut usize,
) -> Option<Vec<CredentialEvidence>> {
    let mut grants = Vec::new();
    let mut foreign = Vec::new();
    let mut unknown = Vec::new();
    let strings: Vec<String> = match scopes {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => return None,
    };
    for s in strings {
        let at = find(parsed, &format!("\"{s}"), cursor)
            .map(|p| p + 1)
            .unwrap_or(*cursor);
        let scan = scan_list(&s, at);
        grants.extend(scan.grants);
        foreign.extend(scan.foreign);
        unknown.extend(scan.unknown);
    }
    scopes::report_unknown(parsed, &unknown);
    let mut out = Vec::new();
    for vocabulary in [
        Vocabulary::AzureDevopsScope,
        Vocabulary::BitbucketApiTokenScope,
        Vocabulary::BitbucketLegacyScope,
    ] {
        let mine: Vec<_> = grants
            .iter()
            .filter(|g| g.vocabulary == vocabulary)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        let credential = match vocabulary {
            Vocabulary::AzureDevopsScope => Credential::Pat,
            Vocabulary::BitbucketApiTokenScope => Credential::ApiToken,
            Vocabulary::BitbucketLegacyScope => Credential::Token,
        };
        let mut evidence = CredentialEvidence::new(credential, span_of(&mine));
        evidence.credential_certain = vocabulary == Vocabulary::BitbucketApiTokenScope;
        evidence.grants = mine;
        out.push(evidence);
    }
    if !foreign.is_empty() {
        let mut evidence = CredentialEvidence::new(Credential::Token, Span::default());
        evidence.foreign = foreign;
        out.push(evidence);
    }
    Some(out)
}

fn span_of(grants: &[crate::evidence::ScopeGrant]) -> Span {
    let start = grants.iter().map(|g| g.span.start).min().unwrap_or(0);
    let end = grants.iter().map(|g| g.span.end).max().unwrap_or(0);
    Span::new(start, end)
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
    let mut evidence =
        CredentialEvidence::new(Credential::Pat, Span::new(scope_at, scope_at + scope.len()));
    evidence.credential_certain = true;
    evidence.name = name;
    evidence.grants = scan.grants;
    evidence.foreign = scan.foreign;
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
    parsed.credentials.push(evidence);
}

fn read_bitbucket_error(parsed: &mut Parsed, error: &Value, at: usize) {
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let detail = error.get("detail");
    let granted = detail.and_then(|d| d.get("granted"));
    let required = detail.and_then(|d| d.get("required"));
    if granted.is_none() && required.is_none() {
        let help = if message.contains("CHANGE-2770") {
            "this endpoint was removed (CHANGE-2770): it is the tool's call that fails, not the token; the body says nothing about the token's scopes"
        } else {
            "paste the x-oauth-scopes header of a response, or a 403 body that lists `granted`"
        };
        parsed.diagnose(
            Severity::Warning,
            at,
            format!(
                "this Bitbucket error body (\"{message}\") says nothing about the token's scopes"
            ),
            Some(help.into()),
        );
        return;
    }
    let mut cursor = at;
    if let Some(required) = required {
        let mut required_cursor = at;
        let required_at = find(parsed, "\"required\"", &mut required_cursor).unwrap_or(at);
        let text = match required {
            Value::Array(items) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            other => other.as_str().unwrap_or("").to_string(),
        };
        let note = Note {
            kind: NoteKind::CallRequired,
            text,
            span: Span::new(required_at, required_at + 10),
        };
        if let Some(granted) = granted {
            let _ = find(parsed, "\"granted\"", &mut cursor);
            let mut creds = located_list(parsed, granted, &mut cursor).unwrap_or_default();
            if creds.is_empty() {
                let mut empty = CredentialEvidence::new(Credential::Token, Span::new(at, at));
                empty.notes.push(note.clone());
                creds.push(empty);
            }
            for c in &mut creds {
                c.notes.push(note.clone());
            }
            parsed.credentials.extend(creds);
        } else {
            parsed.diagnose(
                Severity::Warning,
                required_at,
                format!(
                    "the failed call needed {}, but the body does not list what the token has",
                    note.text
                ),
                Some("paste the token's x-oauth-scopes header too".into()),
            );
        }
    }
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
    parsed.access_levels.push(AccessLevelEvidence {
        principal,
        account_license_type: license.clone(),
        msdn_license_type: level
            .get("msdnLicenseType")
            .and_then(Value::as_str)
            .map(str::to_string),
        display_name: level
            .get("licenseDisplayName")
            .and_then(Value::as_str)
            .map(str::to_string),
        status: level
            .get("status")
            .and_then(Value::as_str)
            .map(str::to_string),
        span: Span::new(at, at + license.len()),
    });
}

/// JWT claims (decoded JSON): `scp` is the scope list; `tid`/`idp` tell personal vs work
/// accounts; `upn`/`unique_name`/`preferred_username` name the account.
pub fn read_claims(parsed: &mut Parsed, claims: &Value, at: usize, len: usize, format: Format) {
    parsed.format = Some(format);
    let Some(scp) = claims.get("scp") else {
        parsed.diagnose(
            Severity::Error,
            at,
            "this token has no `scp` claim, so its scopes cannot be read".into(),
            Some("an Azure DevOps PAT is not a JWT: paste the PAT page's labels or the _apis/tokens/pats response instead".into()),
        );
        return;
    };
    let mut cursor = at;
    let located = format == Format::JwtClaims;
    let mut creds = if located {
        located_list(parsed, scp, &mut cursor).unwrap_or_default()
    } else {
        // Inside base64 nothing can be located; every grant points at the payload.
        let strings: Vec<String> = match scp {
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        let mut scan_all = super::scopes::Scan::default();
        for s in strings {
            let scan = scan_list(&s, 0);
            scan_all.grants.extend(scan.grants);
            scan_all.foreign.extend(scan.foreign);
            scan_all.unknown.extend(scan.unknown);
        }
        let span = Span::new(at, at + len);
        for g in &mut scan_all.grants {
            g.span = span;
        }
        let unknown: Vec<(usize, String)> =
            scan_all.unknown.into_iter().map(|(_, t)| (at, t)).collect();
        scopes::report_unknown(parsed, &unknown);
        let mut evidence = CredentialEvidence::new(Credential::Oauth, span);
        evidence.grants = scan_all.grants;
        evidence.foreign = scan_all.foreign;
        vec![evidence]
    };
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
    let ado_audience = claims.get("aud").and_then(Value::as_str).is_some_and(|a| {
        a.contains("499b84ac-1321-427f-aa17-267ca6975798")
            || a.contains("app.vssps.visualstudio.com")
    });
    for c in &mut creds {
        let only_impersonation =
            !c.grants.is_empty() && c.grants.iter().all(|g| g.id == "user_impersonation");
        if ado_audience && only_impersonation {
            if let Some(first) = c.grants.first().cloned() {
                c.grants.push(crate::evidence::ScopeGrant {
                    id: "app_token".into(),
                    ..first
                });
            }
        }
        if c.grants
            .iter()
            .any(|g| g.vocabulary == Vocabulary::AzureDevopsScope)
        {
            c.credential = Credential::Oauth;
            c.credential_certain = true;
        }
        c.principal = principal.clone();
        c.name = principal.clone();
        c.account_kind = account_kind;
    }
    parsed.credentials.extend(creds);
}

#[cfg(test)]
mod tests {
    use crate::evidence::OrgTargeting;
    use crate::{Input, Options};

    fn run(text: &str) -> super::Parsed {
        crate::parse::parse_input(&Input::new("t", text), &Options::default())
    }

    #[test]
    fn pat_list_reads_each_token_with_its_targeting() {
        let p = run(include_str!(
            "../../tests/fixtures/handmade/azure-devops-pat-list.json"
        ));
        assert_eq!(p.credentials.len(), 3);
        assert_eq!(p.credentials[0].name.as_deref(), Some("xopero-backup"));
        assert_eq!(
            p.credentials[0].org_targeting,
            Some(OrgTargeting::AllAccessible)
        );
        assert!(matches!(
            p.credentials[1].org_targeting,
            Some(OrgTargeting::Specific(_))
        ));
        let (line, _) = p.locate(p.credentials[1].grants[0].span);
        assert_eq!(line, 15);
    }

    #[test]
    fn cut_off_json_is_located() {
        let p = run("{\n  \"patTokens\": [\n    {\"scope\": \"vso.code\"");
        assert_eq!(p.diagnostics.len(), 1);
        assert!(p.diagnostics[0].message.contains("cut off"));
        assert_eq!(p.diagnostics[0].line, 3);
    }

    #[test]
    fn bitbucket_403_granted_are_the_tokens_scopes() {
        let p = run(include_str!(
            "../../tests/fixtures/bitbucket/cloud-403-missing-scope-api-token.json"
        ));
        assert_eq!(p.credentials.len(), 1);
        assert_eq!(p.credentials[0].grants.len(), 4);
        assert!(p.credentials[0]
            .notes
            .iter()
            .any(|n| n.text.contains("read:user:bitbucket")));
    }

    #[test]
    fn entitlements_with_principals() {
        let p = run(include_str!("../../tests/fixtures/azure-devops/rest-userentitlements-patch-add-stakeholder.response.json"));
        assert_eq!(p.access_levels.len(), 1);
        assert_eq!(
            p.access_levels[0].principal.as_deref(),
            Some("new_user_test@outlook.com")
        );
        let all = run(include_str!(
            "../../tests/fixtures/azure-devops/rest-userentitlements-accesslevel-examples.json"
        ));
        assert_eq!(all.access_levels.len(), 5);
    }

    #[test]
    fn too_deep_json_is_refused_with_its_place() {
        let text = format!("{}1{}", "{\"a\":".repeat(200), "}".repeat(200));
        let p =
            crate::parse::parse_input(&crate::Input::new("deep.json", text), &Options::default());
        assert_eq!(p.diagnostics.len(), 1);
        assert!(p.diagnostics[0]
            .message
            .contains("nests deeper than 128 levels"));
    }
}
