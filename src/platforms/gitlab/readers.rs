//! GitLab JSON readers: a token's own JSON (`GET /personal_access_tokens/self`, the token list,
//! a rotate response, project and group access tokens with their `access_level`), the token's
//! role per group and project (`…/self/associations`), members with `access_level`, and the
//! API's error bodies (403 `insufficient_scope`, 401, 403, 404), each read with the command line
//! that made the request when the paste shows it.

use super::catalog::{role_of_level, roles, scopes};
use super::findings::{self, Rejected};
use super::request::{self, Request, SentToken};
use crate::evidence::{
    parse_timestamp, AccountEvidence, CredentialEvidence, Expiry, Finding, ScopeGrant,
};
use crate::model::{Credential, Platform};
use crate::parse::json::{find, find_string_value, scope_items};
use crate::parse::{Block, Parsed};
use crate::report::Severity;
use crate::source::Span;
use serde_json::{Map, Value};

pub const TOKEN: &str = "gitlab-token";
pub const TOKEN_LIST: &str = "gitlab-token-list";
pub const ACCESS_TOKEN: &str = "gitlab-access-token";
pub const ASSOCIATIONS: &str = "gitlab-token-associations";
pub const MEMBER: &str = "gitlab-member";
pub const ERROR_BODY: &str = "gitlab-error-body";

/// How the hint of a credential known only from errors starts (it also marks such credentials,
/// so that the answers of one request join one subject).
pub const ERROR_HINT: &str = "the input shows what failed, not which scopes the token has";

type Object = Map<String, Value>;

/// A JSON document only GitLab produces.
pub fn read_json(parsed: &mut Parsed, value: &Value, block: Block) -> bool {
    let span = Span::new(block.start, block.end);
    let request = request::before(&parsed.text, block.start);
    match value {
        Value::Array(items) => {
            let objects: Vec<&Object> = items.iter().filter_map(Value::as_object).collect();
            if objects.is_empty() || objects.len() != items.len() {
                return false;
            }
            if objects.iter().all(|o| is_token(o)) {
                parsed.set_format(TOKEN_LIST);
                let mut cursor = block.start;
                for object in objects {
                    read_token(parsed, object, &mut cursor, span, request.as_ref());
                }
                true
            } else if objects.iter().all(|o| is_member(o)) {
                parsed.set_format(MEMBER);
                let mut cursor = block.start;
                for object in objects {
                    read_member(parsed, object, &mut cursor, request.as_ref());
                }
                true
            } else {
                false
            }
        }
        Value::Object(object) => {
            if is_token(object) {
                let format = if object.contains_key("access_level") {
                    ACCESS_TOKEN
                } else {
                    TOKEN
                };
                parsed.set_format(format);
                let mut cursor = block.start;
                read_token(parsed, object, &mut cursor, span, request.as_ref());
                true
            } else if is_associations(object) {
                read_associations(parsed, object, block.start);
                true
            } else if is_member(object) {
                parsed.set_format(MEMBER);
                let mut cursor = block.start;
                read_member(parsed, object, &mut cursor, request.as_ref());
                true
            } else {
                read_error_body(parsed, object, span, request.as_ref())
            }
        }
        _ => false,
    }
}

/// A token object: `scopes` with the fields GitLab's token endpoints return.
fn is_token(object: &Object) -> bool {
    object.get("scopes").is_some_and(Value::is_array)
        && !object.contains_key("permissions")
        && ["revoked", "active", "user_id", "last_used_at"]
            .iter()
            .filter(|k| object.contains_key(**k))
            .count()
            >= 2
}

fn is_member(object: &Object) -> bool {
    object.contains_key("username")
        && object.contains_key("access_level")
        && !object.contains_key("scopes")
}

fn is_associations(object: &Object) -> bool {
    ["groups", "projects"].iter().any(|key| {
        object
            .get(*key)
            .and_then(Value::as_array)
            .and_then(|items| items.first())
            .is_some_and(|item| item.get("access_levels").is_some())
    })
}

fn str_of<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

/// An `access_level` as a number, or as the billable-memberships API's
/// `{"integer_value": 30}`.
fn level_of(value: &Value) -> Option<i64> {
    value
        .as_i64()
        .or_else(|| value.get("integer_value").and_then(Value::as_i64))
}

/// One token object of `/personal_access_tokens[/self]`, a rotate response, or a project or
/// group access token (which has `access_level`: the role of the token's bot user).
fn read_token(
    parsed: &mut Parsed,
    object: &Object,
    cursor: &mut usize,
    block: Span,
    request: Option<&Request>,
) {
    // Each key is searched from where this object starts; the next object starts after the
    // furthest key found in this one.
    let start = *cursor;
    let mut furthest = start;
    let mut locate = |parsed: &Parsed, key: &str| -> Option<usize> {
        let mut from = start;
        let at = find(parsed, &format!("\"{key}\""), &mut from)?;
        furthest = furthest.max(from);
        Some(at)
    };
    let name = str_of(object, "name").map(str::to_string);
    let name_at = name.as_ref().and_then(|_| locate(parsed, "name"));
    let scopes_at = locate(parsed, "scopes").unwrap_or(start);
    let mut scopes_cursor = scopes_at;
    let items = object
        .get("scopes")
        .map(|value| scope_items(parsed, value, &mut scopes_cursor))
        .unwrap_or_default();
    let expires_at = object
        .get("expires_at")
        .filter(|v| !v.is_null())
        .and_then(|_| locate(parsed, "expires_at"));
    let level_at = object
        .get("access_level")
        .and_then(|_| locate(parsed, "access_level"));
    let token_at = str_of(object, "token")
        .filter(|t| !t.is_empty())
        .and_then(|_| locate(parsed, "token"));
    let furthest = furthest.max(scopes_cursor);
    let mut grants: Vec<ScopeGrant> = Vec::new();
    for item in items {
        match item.alternatives.iter().find(|g| g.vocabulary == scopes()) {
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
                    format!("`{id}` is not a GitLab access token scope, so it was not counted"),
                    Some("GitLab's scopes are listed on its Access token scopes page".into()),
                );
            }
        }
    }
    let element_at = name_at.map_or(scopes_at, |n| n.min(scopes_at));
    let span = if element_at >= block.start && element_at < block.end {
        Span::new(element_at, furthest.clamp(element_at, block.end))
    } else {
        block
    };
    let access_token = object.contains_key("access_level");
    let mut evidence = CredentialEvidence::on(
        Platform::Gitlab,
        if access_token {
            Credential::AccessToken
        } else {
            Credential::Pat
        },
        span,
    );
    // The token endpoints return project and group tokens with their access_level and personal
    // tokens without one.
    evidence.credential_certain = true;
    evidence.name = name;
    evidence.host = request.and_then(gitlab_host);
    if grants.is_empty() {
        evidence.scopes_unseen = true;
        evidence.scopes_hint = Some(
            "its scopes are none permcheck knows; paste the token's JSON as GitLab returned it"
                .into(),
        );
    }
    evidence.grants = grants;
    evidence.revoked = object.get("revoked").and_then(Value::as_bool) == Some(true)
        || object.get("active").and_then(Value::as_bool) == Some(false);
    if let (Some(expires), Some(key_at)) = (str_of(object, "expires_at"), expires_at) {
        let mut value_cursor = key_at;
        let at = find(parsed, &format!("\"{expires}"), &mut value_cursor).map_or(key_at, |p| p + 1);
        match parse_timestamp(expires) {
            Some(seconds) => {
                evidence.expires = Some(Expiry {
                    at: seconds,
                    span: Span::new(at, at + expires.len()),
                })
            }
            None => parsed.diagnose(
                Severity::Warning,
                at,
                format!("`{expires}` is not a date, so the token's expiry was not judged"),
                Some("GitLab writes expires_at as YYYY-MM-DD".into()),
            ),
        }
    }
    if let Some(at) = token_at {
        crate::parse::secrets::report_field(parsed, at, "token");
    }
    if access_token {
        let user = object
            .get("user_id")
            .and_then(Value::as_i64)
            .map(|id| format!("bot user {id}"))
            .unwrap_or_else(|| "the token's bot user".to_string());
        evidence.principal = Some(user.clone());
        let place = match (str_of(object, "resource_type"), object.get("resource_id")) {
            (Some(kind), Some(id)) => Some(format!("{kind} {}", plain(id))),
            _ => request
                .filter(|r| r.path.contains("/access_tokens"))
                .and_then(Request::resource)
                .map(|(kind, id)| format!("{kind} {id}")),
        };
        let level = object.get("access_level").and_then(level_of);
        push_role(
            parsed,
            level,
            level_at.unwrap_or(span.start),
            Some(user),
            place,
            "access_level",
            "of its bot user",
        );
        if let Some(account) = parsed.accounts.last_mut() {
            account.principal_id = object.get("user_id").map(plain);
        }
    }
    *cursor = furthest.max(*cursor);
    evidence.principal_id = object.get("user_id").map(plain);
    parsed.credentials.push(evidence);
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An account's role at one place, from an `access_level` value.
fn push_role(
    parsed: &mut Parsed,
    level: Option<i64>,
    at: usize,
    principal: Option<String>,
    place: Option<String>,
    field: &str,
    whose: &str,
) {
    let Some(level) = level else {
        parsed.diagnose(
            Severity::Warning,
            at,
            format!("`{field}` is not a number, so the role was not judged"),
            Some("GitLab writes access levels as numbers: 10 Guest, 20 Reporter, 30 Developer, 40 Maintainer, 50 Owner".into()),
        );
        return;
    };
    let Some(role) = role_of_level(level) else {
        parsed.diagnose(
            Severity::Warning,
            at,
            format!("access level {level} is not a role GitLab documents, so it was not judged"),
            Some("the documented levels are 0 No access, 5 Minimal access, 10 Guest, 15 Planner, 20 Reporter, 30 Developer, 40 Maintainer and 50 Owner".into()),
        );
        return;
    };
    let label = roles().label(role);
    let whose = if whose.is_empty() {
        String::new()
    } else {
        format!(" {whose}")
    };
    parsed.accounts.push(AccountEvidence {
        principal_id: None,
        platform: Platform::Gitlab,
        principal,
        grants: vec![ScopeGrant {
            vocabulary: roles(),
            id: role.to_string(),
            span: Span::new(at, at + field.len() + 2),
        }],
        scope: place,
        describe: format!("{label} ({field} {level}){whose}"),
        raw_id: format!("{field}:{level}"),
        span: Span::new(at, at + field.len() + 2),
    });
}

/// `GET /personal_access_tokens/self/associations`: the token's role in each group and project
/// it reaches. They belong to the token's own user, so they carry no principal.
fn read_associations(parsed: &mut Parsed, object: &Object, start: usize) {
    parsed.set_format(ASSOCIATIONS);
    let mut cursor = start;
    // (kind, path, field, level, where)
    let mut places: Vec<(&str, String, &str, Option<i64>, usize)> = Vec::new();
    let groups = object
        .get("groups")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for group in groups.iter().filter_map(Value::as_object) {
        let path = str_of(group, "web_url")
            .and_then(|url| url.split("/groups/").nth(1))
            .map(|p| p.trim_end_matches('/').to_string())
            .or_else(|| str_of(group, "full_path").map(str::to_string))
            .or_else(|| str_of(group, "name").map(str::to_string))
            .unwrap_or_else(|| "(unnamed)".into());
        let at = locate_item(parsed, group, start, &mut cursor);
        let level = group.get("access_levels").and_then(level_of);
        places.push(("group", path, "access_levels", level, at));
    }
    let projects = object
        .get("projects")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for project in projects.iter().filter_map(Value::as_object) {
        let path = str_of(project, "path_with_namespace")
            .or_else(|| str_of(project, "name"))
            .unwrap_or("(unnamed)")
            .to_string();
        let at = locate_item(parsed, project, start, &mut cursor);
        let levels = project.get("access_levels");
        // The higher of a direct and an inherited membership is the effective role.
        let direct = levels
            .and_then(|l| l.get("project_access_level"))
            .and_then(Value::as_i64);
        let inherited = levels
            .and_then(|l| l.get("group_access_level"))
            .and_then(Value::as_i64);
        let (field, level) = match (direct, inherited) {
            (Some(d), Some(i)) if i > d => ("group_access_level", Some(i)),
            (Some(d), _) => ("project_access_level", Some(d)),
            (None, Some(i)) => ("group_access_level", Some(i)),
            (None, None) => {
                parsed.diagnose(
                    Severity::Info,
                    at,
                    format!("the token reaches project {path} without a role there (both access levels are null), so it was not judged"),
                    Some("a project reached only through its visibility cannot be restored into".into()),
                );
                continue;
            }
        };
        places.push(("project", path, field, level, at));
    }
    // One role per place; an organisation's hundreds of places with the same role become one
    // entry that names the first few, so that a verdict stays readable.
    let mut seen: Vec<(&str, &str, Option<i64>)> = Vec::new();
    for (kind, _, field, level, _) in &places {
        if !seen.contains(&(*kind, *field, *level)) {
            seen.push((kind, field, *level));
        }
    }
    for (kind, field, level) in seen {
        let same: Vec<&(&str, String, &str, Option<i64>, usize)> = places
            .iter()
            .filter(|(k, _, f, l, _)| *k == kind && *f == field && *l == level)
            .collect();
        if same.len() <= MAX_PLACES {
            for (kind, path, field, level, at) in same {
                push_role(
                    parsed,
                    *level,
                    *at,
                    None,
                    Some(format!("{kind} {path}")),
                    field,
                    "",
                );
            }
        } else {
            let named: Vec<&str> = same.iter().take(3).map(|p| p.1.as_str()).collect();
            let scope = format!(
                "{} {kind}s ({} and {} more)",
                same.len(),
                named.join(", "),
                same.len() - named.len()
            );
            let at = same.first().map_or(start, |p| p.4);
            push_role(parsed, level, at, None, Some(scope), field, "");
        }
    }
}

/// Places with one role listed one by one; beyond this, they are counted.
const MAX_PLACES: usize = 10;

/// Where an item of a list starts in the text: its `web_url` (unique per item), searched from
/// where the previous item was found (items come in order), then from the document's start.
fn locate_item(parsed: &Parsed, item: &Object, start: usize, cursor: &mut usize) -> usize {
    if let Some(url) = str_of(item, "web_url") {
        for from in [*cursor, start] {
            let mut at_cursor = from;
            if let Some(at) = find_string_value(parsed, "web_url", url, &mut at_cursor) {
                *cursor = at_cursor;
                return at;
            }
        }
    }
    let mut at_cursor = *cursor;
    let at = find(parsed, "\"access_levels\"", &mut at_cursor).unwrap_or(*cursor);
    *cursor = at_cursor;
    at
}

/// A member of a group or project (`/members/all/:user_id`, `/members`), with `access_level`.
fn read_member(
    parsed: &mut Parsed,
    object: &Object,
    cursor: &mut usize,
    request: Option<&Request>,
) {
    let username = str_of(object, "username").map(str::to_string);
    let at = username
        .as_deref()
        .and_then(|u| find_string_value(parsed, "username", u, cursor))
        .unwrap_or(*cursor);
    let mut level_cursor = at;
    let level_at = find(parsed, "\"access_level\"", &mut level_cursor).unwrap_or(at);
    *cursor = level_cursor.max(*cursor);
    let place = request
        .filter(|r| r.path.contains("/members"))
        .and_then(Request::resource)
        .map(|(kind, id)| format!("{kind} {id}"));
    let level = object.get("access_level").and_then(level_of);
    let before = parsed.accounts.len();
    push_role(parsed, level, level_at, username, place, "access_level", "");
    if let Some(account) = parsed.accounts.get_mut(before) {
        account.principal_id = object.get("id").map(plain);
    }
    // A blocked or deactivated account can do nothing, whatever its role says.
    let state = str_of(object, "state").unwrap_or("active");
    if state != "active" {
        if let Some(account) = parsed.accounts.get_mut(before) {
            account.raw_id = format!("state:{state} {}", account.raw_id);
            account.describe = format!("{}, account {state}", account.describe);
        }
    }
}

/// An error body of GitLab's API, on its own or inside a line of text (`span` is where it is).
/// Returns whether it was GitLab's.
pub fn read_error_body(
    parsed: &mut Parsed,
    object: &Object,
    span: Span,
    request: Option<&Request>,
) -> bool {
    const KEYS: &[&str] = &["message", "error", "error_description", "scope"];
    if object.is_empty() || !object.keys().all(|k| KEYS.contains(&k.as_str())) {
        return false;
    }
    let to_gitlab = request.is_some_and(is_gitlab_request);
    let finding = match str_of(object, "error") {
        Some("insufficient_scope") => {
            let accepted: Vec<String> = match object.get("scope") {
                Some(Value::String(s)) => s
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            };
            if !to_gitlab && !accepted.iter().any(|s| scopes().find(s).is_some()) {
                return false;
            }
            findings::insufficient_scope(&accepted, request.and_then(|r| r.method.as_deref()), span)
        }
        Some("invalid_token") => {
            let description = str_of(object, "error_description").unwrap_or("");
            let detail = if description.starts_with("Token is expired") {
                Rejected::Expired
            } else if description.starts_with("Token was revoked") {
                Rejected::Revoked
            } else if description.starts_with("Bad Access Token") || to_gitlab {
                Rejected::Unknown
            } else {
                return false;
            };
            findings::token_rejected(detail, span)
        }
        Some(_) => return false,
        None => {
            let Some(message) = str_of(object, "message") else {
                return false;
            };
            match message_finding(parsed, message, span, request) {
                Some(Some(finding)) => finding,
                Some(None) => return true,
                None => return false,
            }
        }
    };
    attach(parsed, request, span, finding, ERROR_BODY);
    true
}

/// GitLab's `{"message": "NNN Reason"}` bodies. `None`: not GitLab's; `Some(None)`: read, but it
/// proves nothing about a token (an anonymous request).
fn message_finding(
    parsed: &mut Parsed,
    message: &str,
    span: Span,
    request: Option<&Request>,
) -> Option<Option<Finding>> {
    let (code, reason) = message.split_once(' ')?;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let token_sent = request.map(|r| r.token.is_some());
    Some(Some(match (code, reason) {
        ("401", _) => findings::token_rejected(Rejected::Unknown, span),
        ("403", _) => {
            if request
                .is_some_and(|r| r.path.ends_with("/import") || r.path.contains("/projects/import"))
            {
                findings::import_refused(span)
            } else {
                findings::forbidden(span)
            }
        }
        ("404", "Namespace Not Found") => findings::namespace_not_found(span),
        ("404", reason) if reason.ends_with("Not Found") || reason.ends_with("Not found") => {
            let what = reason
                .trim_end_matches("Not Found")
                .trim_end_matches("Not found")
                .trim()
                .to_ascii_lowercase();
            let what = if what.is_empty() {
                "resource".to_string()
            } else {
                what
            };
            if token_sent == Some(false) {
                parsed.set_format(ERROR_BODY);
                parsed.diagnose(
                    Severity::Info,
                    span.start,
                    format!("this request sent no token, and GitLab answered \"{message}\": it hides a private {what} from anyone who may not see it, so the {what} is hidden, not missing; this says nothing about any token"),
                    Some("repeat the request with the token (--header \"PRIVATE-TOKEN: <token>\") to see what the token may do".into()),
                );
                return Some(None);
            }
            findings::not_found(&what, token_sent, span)
        }
        // Another answer of GitLab's API (400, 409, 422, …): about the request, not the token.
        _ if request.is_some_and(is_gitlab_request) => {
            parsed.set_format(ERROR_BODY);
            parsed.diagnose(
                Severity::Info,
                span.start,
                format!("GitLab answered \"{message}\": that is about the request, not about the token's permissions"),
                Some("paste the token's /personal_access_tokens/self answer to judge the token".into()),
            );
            return Some(None);
        }
        _ => return None,
    }))
}

/// Whether a request went to GitLab's API.
pub fn is_gitlab_request(request: &Request) -> bool {
    request.path.contains("/api/v4/")
        || request
            .host
            .as_deref()
            .is_some_and(|h| h.contains("gitlab"))
}

/// Add `finding` to the credential the request's answers belong to: the one whose answer ends
/// right before this one (response headers, then their body), or the one of the same token on
/// the same host, or a new one.
pub fn attach(
    parsed: &mut Parsed,
    request: Option<&Request>,
    span: Span,
    finding: Finding,
    format: &'static str,
) -> usize {
    parsed.set_format(format);
    let host = request.and_then(gitlab_host);
    let name = request.and_then(|r| match &r.token {
        Some(SentToken::Named(n)) => Some(n.clone()),
        Some(SentToken::Hidden) => Some(format!(
            "sent on line {}",
            parsed.locate(Span::new(r.at, r.at)).0
        )),
        None => None,
    });
    let text = parsed.text.clone();
    let is_mine = |c: &CredentialEvidence| {
        c.platform == Some(Platform::Gitlab)
            && c.grants.is_empty()
            && c.scopes_hint
                .as_deref()
                .is_some_and(|h| h.starts_with(ERROR_HINT))
    };
    let adjacent = parsed.credentials.iter().rposition(|c| {
        is_mine(c)
            && c.span.end <= span.start
            && text.get(c.span.end..span.start).is_some_and(|between| {
                between
                    .trim_matches(|ch: char| ch.is_whitespace() || ch == '%')
                    .is_empty()
            })
    });
    let same = || {
        parsed
            .credentials
            .iter()
            .rposition(|c| is_mine(c) && c.host == host && c.name == name)
    };
    let index = match adjacent.or_else(same) {
        Some(index) => index,
        None => {
            let mut evidence = CredentialEvidence::on(Platform::Gitlab, Credential::Token, span);
            evidence.scopes_unseen = true;
            evidence.scopes_hint = Some(error_hint(host.as_deref()));
            evidence.host = host;
            evidence.name = name;
            parsed.credentials.push(evidence);
            parsed.credentials.len() - 1
        }
    };
    if let Some(evidence) = parsed.credentials.get_mut(index) {
        if !evidence.findings.iter().any(|f| f.id == finding.id) {
            evidence.findings.push(finding);
        }
        if span.end > evidence.span.end {
            if !evidence.blocks.is_empty()
                && !evidence
                    .blocks
                    .iter()
                    .any(|b| b.start <= span.start && span.start < b.end)
            {
                evidence.blocks.push(span);
            }
            evidence.span.end = span.end;
        }
    }
    index
}

/// The host of a request, unless another platform serves it (a `curl` to dev.azure.com before
/// a GitLab answer says nothing of where the token lives).
pub fn gitlab_host(request: &super::request::Request) -> Option<String> {
    request
        .host
        .clone()
        .filter(|h| !crate::platforms::serves_other(h, Platform::Gitlab))
}

/// What to paste to see a token's scopes, on its host when known.
pub fn error_hint(host: Option<&str>) -> String {
    format!(
        "{ERROR_HINT}: paste the answer of `curl --header \"PRIVATE-TOKEN: <your_token>\" \"https://{}/api/v4/personal_access_tokens/self\"`",
        host.unwrap_or("gitlab.example.com")
    )
}
