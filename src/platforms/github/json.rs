//! GitHub's JSON: REST error bodies, an App installation token (or installations) with its
//! `permissions`, the organization's list of fine-grained tokens, an organization membership,
//! a repository's `permissions` (the caller's role, not the token's grant), the authenticated
//! user, a bare permissions map, and recorded exchanges (octokit/nock fixtures with
//! `rawHeaders`). serde_json gives no spans: values are located in the text from a cursor.

use super::catalog::SCOPE_VOCABULARY;
use super::headers;
use super::messages::{self, Message};
use super::permissions::{self, Level, PERMISSION_VOCABULARY};
use super::roles::{self, ORG_ROLE_VOCABULARY, REPO_ROLE_VOCABULARY};
use crate::catalog::Vocabulary;
use crate::evidence::{
    AccountEvidence, Blocks, CredentialEvidence, Expiry, Finding, Note, NoteKind, ScopeGrant,
};
use crate::model::{Credential, Operation, Platform};
use crate::parse::json::find;
use crate::parse::{Block, Parsed};
use crate::report::Severity;
use crate::source::Span;
use serde_json::{Map, Value};

pub const ERROR_BODY: &str = "github-error-body";
pub const INSTALLATION_TOKEN: &str = "github-app-installation-token";
pub const INSTALLATIONS: &str = "github-app-installations";
pub const ORG_PATS: &str = "github-org-fine-grained-pats";
pub const MEMBERSHIP: &str = "github-org-membership";
pub const REPOSITORY: &str = "github-repository";
pub const USER: &str = "github-user";
pub const PERMISSIONS_MAP: &str = "github-permissions";
pub const RECORDING: &str = "github-recorded-exchange";

/// The key a reader's lenient parse puts where the input elided part of an object (`...`).
pub const ELIDED: &str = "\u{2026}";

/// Where a value is being read: the input's bounds and a cursor that moves forward as values
/// are found.
struct Reader<'p> {
    parsed: &'p mut Parsed,
    start: usize,
    end: usize,
}

impl Reader<'_> {
    /// The offset of the JSON string `value` (its first character) after `*cursor`.
    fn locate(&self, value: &str, cursor: &mut usize) -> usize {
        let quoted = format!("\"{value}");
        let mut probe = *cursor;
        match find(self.parsed, &quoted, &mut probe) {
            Some(at) if at < self.end => {
                *cursor = probe;
                at + 1
            }
            _ => *cursor,
        }
    }

    fn span_of(&self, value: &str, cursor: &mut usize) -> Span {
        let at = self.locate(value, cursor);
        Span::new(at, at + value.len())
    }
}

/// Read a JSON block, if it is one of GitHub's.
pub fn read_json(parsed: &mut Parsed, value: &Value, block: Block) -> bool {
    read_value(parsed, value, block.start, block.end)
}

/// Read `value`, found between `start` and `end` of the input.
pub fn read_value(parsed: &mut Parsed, value: &Value, start: usize, end: usize) -> bool {
    let mut r = Reader { parsed, start, end };
    match value {
        Value::Array(items) => read_array(&mut r, items),
        Value::Object(map) => read_object(&mut r, map),
        _ => false,
    }
}

fn all_objects(items: &[Value], test: impl Fn(&Map<String, Value>) -> bool) -> bool {
    !items.is_empty() && items.iter().all(|v| v.as_object().is_some_and(&test))
}

fn read_array(r: &mut Reader, items: &[Value]) -> bool {
    if all_objects(items, |m| m.contains_key("rawHeaders")) {
        return read_recordings(r, items.iter().filter_map(Value::as_object).collect());
    }
    if all_objects(items, is_org_pat) {
        r.parsed.set_format(ORG_PATS);
        let mut cursor = r.start;
        for item in items.iter().filter_map(Value::as_object) {
            read_org_pat(r, item, &mut cursor);
        }
        return true;
    }
    if all_objects(items, is_installation) {
        r.parsed.set_format(INSTALLATIONS);
        let mut cursor = r.start;
        for item in items.iter().filter_map(Value::as_object) {
            read_installation(r, item, &mut cursor);
        }
        return true;
    }
    if all_objects(items, |m| {
        m.contains_key("full_name") && repo_flags(m.get("permissions")).is_some()
    }) {
        r.parsed.set_format(REPOSITORY);
        read_repositories(r, items.iter().filter_map(Value::as_object).collect());
        return true;
    }
    false
}

fn read_object(r: &mut Reader, map: &Map<String, Value>) -> bool {
    if map.contains_key("rawHeaders") {
        return read_recordings(r, vec![map]);
    }
    if let Some(list) = map.get("installations").and_then(Value::as_array) {
        if all_objects(list, is_installation) || list.is_empty() {
            r.parsed.set_format(INSTALLATIONS);
            let mut cursor = r.start;
            for item in list.iter().filter_map(Value::as_object) {
                read_installation(r, item, &mut cursor);
            }
            if list.is_empty() {
                r.parsed.diagnose(
                    Severity::Warning,
                    r.start,
                    "this organization has no GitHub App installed, so there is no App to judge".into(),
                    Some("install the backup tool's GitHub App on the organization, or paste the token it uses".into()),
                );
            }
            return true;
        }
    }
    if is_installation_token(map) {
        r.parsed.set_format(INSTALLATION_TOKEN);
        read_installation_token(r, map);
        return true;
    }
    if is_installation(map) {
        r.parsed.set_format(INSTALLATIONS);
        let mut cursor = r.start;
        read_installation(r, map, &mut cursor);
        return true;
    }
    if is_org_pat(map) {
        r.parsed.set_format(ORG_PATS);
        let mut cursor = r.start;
        read_org_pat(r, map, &mut cursor);
        return true;
    }
    if is_membership(map) {
        r.parsed.set_format(MEMBERSHIP);
        read_membership(r, map);
        return true;
    }
    if map.contains_key("full_name") && repo_flags(map.get("permissions")).is_some() {
        r.parsed.set_format(REPOSITORY);
        read_repositories(r, vec![map]);
        return true;
    }
    if repo_flags(Some(&Value::Object(map.clone()))).is_some() {
        r.parsed.set_format(REPOSITORY);
        read_bare_role(r, map);
        return true;
    }
    if is_permissions_map(map) {
        r.parsed.set_format(PERMISSIONS_MAP);
        let mut evidence = CredentialEvidence::on(
            Platform::Github,
            Credential::Token,
            Span::new(r.start, r.end),
        );
        let mut cursor = r.start;
        let elided = read_permissions(r, map, &mut cursor, &mut evidence);
        finish_permissions(r, &mut evidence, elided);
        r.parsed.credentials.push(evidence);
        return true;
    }
    if let Some(message) = map.get("message").and_then(Value::as_str) {
        if is_github_error(map, message) {
            r.parsed.set_format(ERROR_BODY);
            read_error(r, map, message);
            return true;
        }
    }
    if let Some(errors) = map.get("errors").and_then(Value::as_array) {
        let recognized: Vec<&str> = errors
            .iter()
            .filter_map(|e| e.get("message").and_then(Value::as_str))
            .filter(|m| messages::recognize(m).is_some())
            .collect();
        if let Some(first) = recognized.first() {
            r.parsed.set_format(ERROR_BODY);
            read_error(r, map, first);
            return true;
        }
    }
    if is_user(map) {
        r.parsed.set_format(USER);
        read_user(r, map);
        return true;
    }
    false
}

fn text<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

fn is_github_url(url: &str) -> bool {
    url.contains("github.com") || url.contains("/api/v3")
}

/// `{"message": …, "documentation_url": "https://docs.github.com/…"}`, or a message in GitHub's
/// own wording.
fn is_github_error(map: &Map<String, Value>, message: &str) -> bool {
    let documented = text(map, "documentation_url").is_some_and(|u| {
        u.contains("docs.github.com")
            || u.contains("developer.github.com")
            || u.contains("help.github.com")
    });
    documented || messages::recognize(message).is_some()
}

fn is_installation_token(map: &Map<String, Value>) -> bool {
    text(map, "token").is_some_and(|t| t.starts_with("ghs_") || t.starts_with("ghu_"))
        && map.get("permissions").is_some_and(Value::is_object)
}

fn is_installation(map: &Map<String, Value>) -> bool {
    (map.contains_key("app_id") || map.contains_key("app_slug"))
        && map.get("permissions").is_some_and(Value::is_object)
}

fn is_org_pat(map: &Map<String, Value>) -> bool {
    (map.contains_key("token_id")
        || map.contains_key("token_name")
        || map.contains_key("token_expired"))
        && map
            .get("permissions")
            .and_then(Value::as_object)
            .is_some_and(|p| {
                p.contains_key("repository")
                    || p.contains_key("organization")
                    || p.contains_key("other")
            })
}

fn is_membership(map: &Map<String, Value>) -> bool {
    text(map, "role").is_some()
        && text(map, "state").is_some()
        && (map.get("organization").is_some_and(Value::is_object)
            || text(map, "organization_url").is_some())
}

fn is_user(map: &Map<String, Value>) -> bool {
    text(map, "login").is_some()
        && matches!(text(map, "type"), Some("User" | "Bot"))
        && text(map, "url").is_some_and(|u| is_github_url(u) && u.contains("/users/"))
}

/// `{"contents": "read", "issues": "write"}`: every value a level and at least one key known.
fn is_permissions_map(map: &Map<String, Value>) -> bool {
    !map.is_empty()
        && map
            .iter()
            .all(|(k, v)| k == ELIDED || v.as_str().and_then(Level::parse).is_some())
        && map.keys().any(|k| permissions::key_of(k).is_some())
}

/// The flags of a repository `permissions` object, when it is one.
fn repo_flags(value: Option<&Value>) -> Option<Vec<(&'static str, bool)>> {
    let map = value?.as_object()?;
    if map.is_empty() {
        return None;
    }
    let mut flags = Vec::new();
    for (key, flag) in map {
        let known = ["admin", "maintain", "push", "triage", "pull"]
            .into_iter()
            .find(|k| k == key)?;
        flags.push((known, flag.as_bool()?));
    }
    Some(flags)
}

/// Read a `permissions` map of key → level into grants; returns whether it held an elision.
fn read_permissions(
    r: &mut Reader,
    map: &Map<String, Value>,
    cursor: &mut usize,
    evidence: &mut CredentialEvidence,
) -> bool {
    let vocabulary = Vocabulary(&PERMISSION_VOCABULARY);
    let mut elided = false;
    let mut unjudged: Vec<String> = Vec::new();
    for (key, level) in map {
        if key == ELIDED {
            elided = true;
            continue;
        }
        let Some(level_text) = level.as_str() else {
            continue;
        };
        let span = r.span_of(key, cursor);
        let parsed_level = Level::parse(level_text);
        match (permissions::key_of(key), parsed_level) {
            (Some(k), Some(l)) => match permissions::grant_id(k, l) {
                Some(id) => evidence.grants.push(ScopeGrant {
                    vocabulary,
                    id: id.to_string(),
                    span,
                }),
                None if l == Level::None => {}
                None => r.parsed.diagnose(
                    Severity::Warning,
                    span.start,
                    format!("GitHub does not offer `{key}` at the level `{level_text}`, so it was not counted"),
                    None,
                ),
            },
            (None, Some(_)) => unjudged.push(format!("{key}: {level_text}")),
            (_, None) => r.parsed.diagnose(
                Severity::Warning,
                span.start,
                format!("`{level_text}` is not a level of GitHub's `{key}` permission (read, write, admin), so it was not counted"),
                None,
            ),
        }
    }
    if !unjudged.is_empty() && r.parsed.accepts(Severity::Info) {
        let at = r.start;
        r.parsed.diagnose(
            Severity::Info,
            at,
            format!(
                "{} not in permcheck's catalog: no backup or restore step uses {}, so {} not judged",
                unjudged.join(", "),
                if unjudged.len() == 1 { "it" } else { "them" },
                if unjudged.len() == 1 { "it was" } else { "they were" }
            ),
            None,
        );
    }
    elided
}

/// An elided permissions map says some permissions are unknown: what it shows is listed, and
/// nothing is judged from a part of it.
fn finish_permissions(r: &mut Reader, evidence: &mut CredentialEvidence, elided: bool) {
    if !elided {
        return;
    }
    let shown: Vec<String> = evidence.grants.iter().map(|g| g.id.clone()).collect();
    evidence.grants.clear();
    evidence.scopes_unseen = true;
    evidence.scopes_hint = Some(
        "the permissions map was cut short (`...`): paste the whole response, or the App's permissions (`gh api /orgs/{org}/installations`)".into(),
    );
    let at = r.start;
    r.parsed.diagnose(
        Severity::Warning,
        at,
        format!(
            "part of the permissions was left out (`...`): the {} shown ({}) cannot tell what the others are, so backup and restore are not judged from them",
            if shown.len() == 1 { "permission" } else { "permissions" },
            if shown.is_empty() { "none that permcheck knows".to_string() } else { shown.join(", ") }
        ),
        Some("paste the response as GitHub returned it".into()),
    );
}

fn selection_finding(selection: &str, span: Span, what: &str) -> Option<Finding> {
    if !matches!(selection, "selected" | "subset") {
        return None;
    }
    Some(Finding {
        id: "github-repository-selection",
        blocks: Blocks::Nothing,
        categories: &[],
        proves: format!("The {what} reaches only the repositories selected for it (repository_selection: {selection}): repositories outside the selection are neither backed up nor restored."),
        action: "Select all repositories (or every repository the backup must protect) on the token's or the App installation's page.".into(),
        cannot_tell: "Which repositories are selected.".into(),
        span,
        source: &super::sources::GH_FINE_GRAINED_LIMITS,
    })
}

fn read_installation_token(r: &mut Reader, map: &Map<String, Value>) {
    let token = text(map, "token").unwrap_or("");
    let credential = if token.starts_with("ghu_") {
        Credential::AppUserToken
    } else {
        Credential::AppInstallationToken
    };
    let mut cursor = r.start;
    let token_span = r.span_of(token, &mut cursor);
    if let Some(shape) = crate::parse::secrets::shape_of(token) {
        crate::parse::secrets::report(r.parsed, token_span.start, shape);
    }
    let mut evidence =
        CredentialEvidence::on(Platform::Github, credential, Span::new(r.start, r.end));
    evidence.credential_certain = true;
    let mut cursor = r.start;
    let elided = match map.get("permissions").and_then(Value::as_object) {
        Some(p) => read_permissions(r, p, &mut cursor, &mut evidence),
        None => false,
    };
    finish_permissions(r, &mut evidence, elided);
    if let Some(selection) = text(map, "repository_selection") {
        let mut c = r.start;
        let span = r.span_of(selection, &mut c);
        evidence
            .findings
            .extend(selection_finding(selection, span, "App installation"));
    }
    if let Some(expires) = text(map, "expires_at") {
        // An installation token lasts an hour and the backup tool mints a new one each run
        // with the same permissions: its expiry says nothing about the backups.
        if crate::evidence::parse_timestamp(expires).is_none() {
            let mut c = r.start;
            let at = r.locate(expires, &mut c);
            r.parsed.diagnose(
                Severity::Warning,
                at,
                format!("`expires_at` \"{expires}\" is not a date permcheck can read"),
                None,
            );
        }
    }
    r.parsed.credentials.push(evidence);
}

fn read_installation(r: &mut Reader, map: &Map<String, Value>, cursor: &mut usize) {
    let slug = text(map, "app_slug").map(str::to_string);
    let account = map
        .get("account")
        .and_then(|a| a.get("login"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let start = slug
        .as_ref()
        .map(|s| r.locate(s, cursor))
        .unwrap_or(*cursor);
    let mut evidence = CredentialEvidence::on(
        Platform::Github,
        Credential::AppInstallationToken,
        Span::new(start, start + slug.as_ref().map_or(1, String::len)),
    );
    evidence.credential_certain = true;
    evidence.name = match (&slug, &account) {
        (Some(s), Some(a)) => Some(format!("{s} installed on {a}")),
        (Some(s), None) => Some(s.clone()),
        (None, _) => None,
    };
    let elided = match map.get("permissions").and_then(Value::as_object) {
        Some(p) => read_permissions(r, p, cursor, &mut evidence),
        None => false,
    };
    finish_permissions(r, &mut evidence, elided);
    if let Some(selection) = text(map, "repository_selection") {
        let mut c = start;
        let span = r.span_of(selection, &mut c);
        evidence
            .findings
            .extend(selection_finding(selection, span, "App installation"));
    }
    if map.get("suspended_at").is_some_and(|v| !v.is_null()) {
        evidence.revoked = true;
    }
    r.parsed.credentials.push(evidence);
}

fn read_org_pat(r: &mut Reader, map: &Map<String, Value>, cursor: &mut usize) {
    let name = text(map, "token_name")
        .map(str::to_string)
        .or_else(|| map.get("token_id").map(|id| format!("token {id}")));
    let owner = map
        .get("owner")
        .and_then(|o| o.get("login"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let start = *cursor;
    if let Some(o) = &owner {
        let _ = r.locate(o, cursor);
    }
    let mut evidence = CredentialEvidence::on(
        Platform::Github,
        Credential::FineGrainedPat,
        Span::new(start, start + 1),
    );
    evidence.credential_certain = true;
    evidence.name = name;
    evidence.principal = owner;
    let mut elided = false;
    if let Some(groups) = map.get("permissions").and_then(Value::as_object) {
        for group in ["repository", "organization", "other"] {
            if let Some(p) = groups.get(group).and_then(Value::as_object) {
                let mut c = *cursor;
                elided |= read_permissions(r, p, &mut c, &mut evidence);
            }
        }
    }
    finish_permissions(r, &mut evidence, elided);
    if let Some(selection) = text(map, "repository_selection") {
        let mut c = start;
        let span = r.span_of(selection, &mut c);
        evidence
            .findings
            .extend(selection_finding(selection, span, "fine-grained token"));
    }
    if let Some(expires) = text(map, "token_expires_at") {
        let mut c = start;
        let at = r.locate(expires, &mut c);
        match crate::evidence::parse_timestamp(expires) {
            Some(t) => {
                evidence.expires = Some(Expiry {
                    at: t,
                    span: Span::new(at, at + expires.len()),
                })
            }
            None => r.parsed.diagnose(
                Severity::Warning,
                at,
                format!("`token_expires_at` \"{expires}\" is not a date permcheck can read, so the expiry was not checked"),
                None,
            ),
        }
    }
    if map.get("token_expired").and_then(Value::as_bool) == Some(true) {
        evidence.revoked = true;
    }
    // Move the cursor past this token for the next one.
    if let Some(last) = text(map, "token_last_used_at").or_else(|| text(map, "access_granted_at")) {
        let _ = r.locate(last, cursor);
    }
    evidence.span = Span::new(start, (*cursor).max(start + 1));
    r.parsed.credentials.push(evidence);
}

fn read_membership(r: &mut Reader, map: &Map<String, Value>) {
    let role = text(map, "role").unwrap_or("");
    let state = text(map, "state").unwrap_or("");
    let org = map
        .get("organization")
        .and_then(|o| o.get("login"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            text(map, "organization_url")
                .and_then(|u| u.rsplit('/').next())
                .map(str::to_string)
        });
    let user = map
        .get("user")
        .and_then(|u| u.get("login"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut cursor = r.start;
    let _ = find(r.parsed, "\"role\"", &mut cursor);
    let span = r.span_of(role, &mut cursor);
    let Some(id) = roles::org_role(role) else {
        r.parsed.diagnose(
            Severity::Warning,
            span.start,
            format!("`{role}` is not an organization role permcheck knows (admin, member, billing_manager), so it was not counted"),
            None,
        );
        return;
    };
    let vocabulary = Vocabulary(&ORG_ROLE_VOCABULARY);
    let pending = state == "pending";
    r.parsed.accounts.push(AccountEvidence {
        principal_id: None,
        platform: Platform::Github,
        principal: user,
        grants: vec![ScopeGrant {
            vocabulary,
            id: id.to_string(),
            span,
        }],
        scope: org.map(|o| format!("organization {o}")),
        describe: format!(
            "organization {} role (membership role {role}{})",
            id.replace('-', " "),
            if pending { ", invitation pending" } else { "" }
        ),
        raw_id: if pending {
            format!("membership:{role}:pending")
        } else {
            format!("membership:{role}")
        },
        span,
    });
}

/// Repositories' `permissions` (the caller's role on each): one account entry per role, naming
/// the repositories that have it.
fn read_repositories(r: &mut Reader, repos: Vec<&Map<String, Value>>) {
    let mut by_role: Vec<(&'static str, Vec<String>, Span)> = Vec::new();
    let mut cursor = r.start;
    for repo in repos {
        let full_name = text(repo, "full_name").unwrap_or("").to_string();
        let span = r.span_of(&full_name, &mut cursor);
        let Some(role) = repo_flags(repo.get("permissions")).and_then(|f| roles::repo_role(&f))
        else {
            r.parsed.diagnose(
                Severity::Warning,
                span.start,
                format!("the caller has no role on {full_name} (every permission is false)"),
                None,
            );
            continue;
        };
        match by_role.iter_mut().find(|(r, _, _)| *r == role) {
            Some((_, names, _)) => names.push(full_name),
            None => by_role.push((role, vec![full_name], span)),
        }
        // Past this repository's `permissions` object.
        let mut c = cursor;
        if let Some(at) = find(r.parsed, "\"permissions\"", &mut c) {
            if at < r.end {
                cursor = c;
            }
        }
    }
    let vocabulary = Vocabulary(&REPO_ROLE_VOCABULARY);
    for (role, names, span) in by_role {
        let place = match names.as_slice() {
            [one] => format!("repository {one}"),
            many => format!(
                "{} repositories ({}{})",
                many.len(),
                many.iter().take(3).cloned().collect::<Vec<_>>().join(", "),
                if many.len() > 3 { ", …" } else { "" }
            ),
        };
        r.parsed.accounts.push(AccountEvidence {
            principal_id: None,
            platform: Platform::Github,
            principal: None,
            grants: vec![ScopeGrant {
                vocabulary,
                id: role.to_string(),
                span,
            }],
            scope: Some(place),
            describe: format!("caller's {} role", role_name(role)),
            raw_id: format!("permissions.{role}"),
            span,
        });
    }
}

/// `{"admin": false, "maintain": false, "push": true, …}` on its own (`--jq .permissions`).
fn read_bare_role(r: &mut Reader, map: &Map<String, Value>) {
    let span = Span::new(r.start, r.end.min(r.start + 1));
    let Some(role) =
        repo_flags(Some(&Value::Object(map.clone()))).and_then(|f| roles::repo_role(&f))
    else {
        r.parsed.diagnose(
            Severity::Warning,
            r.start,
            "every repository permission here is false: the caller has no role on the repository"
                .into(),
            None,
        );
        return;
    };
    let vocabulary = Vocabulary(&REPO_ROLE_VOCABULARY);
    r.parsed.accounts.push(AccountEvidence {
        principal_id: None,
        platform: Platform::Github,
        principal: None,
        grants: vec![ScopeGrant {
            vocabulary,
            id: role.to_string(),
            span,
        }],
        scope: Some("a repository".into()),
        describe: format!("caller's {} role", role_name(role)),
        raw_id: format!("permissions.{role}"),
        span,
    });
}

/// The calls a documentation link names, and what their refusal blocks.
fn endpoint_blocks(documentation_url: &str) -> Option<(Operation, &'static [&'static str])> {
    const TABLE: &[(&str, Operation, &[&str])] = &[
        ("#get-a-repository", Operation::Backup, &["repositories"]),
        (
            "#list-organization-repositories",
            Operation::Backup,
            &["repositories"],
        ),
        ("#get-a-commit", Operation::Backup, &["repositories"]),
        ("#list-commits", Operation::Backup, &["repositories"]),
        (
            "#download-a-repository-archive",
            Operation::Backup,
            &["repositories"],
        ),
        (
            "#create-an-organization-repository",
            Operation::Restore,
            &["repositories"],
        ),
        ("#create-a-reference", Operation::Restore, &["repositories"]),
        (
            "#create-or-update-file-contents",
            Operation::Restore,
            &["repositories"],
        ),
        ("#list-pull-requests", Operation::Backup, &["pull-requests"]),
        (
            "#create-a-pull-request",
            Operation::Restore,
            &["pull-requests"],
        ),
        (
            "#merge-a-pull-request",
            Operation::Restore,
            &["pull-requests"],
        ),
        ("#list-repository-issues", Operation::Backup, &["issues"]),
        ("#create-an-issue", Operation::Restore, &["issues"]),
        ("#list-releases", Operation::Backup, &["releases"]),
        ("#create-a-release", Operation::Restore, &["releases"]),
        (
            "#list-repository-webhooks",
            Operation::Backup,
            &["webhooks"],
        ),
        (
            "#create-a-repository-webhook",
            Operation::Restore,
            &["webhooks"],
        ),
        (
            "#list-repository-collaborators",
            Operation::Backup,
            &["collaborators"],
        ),
        (
            "#list-workflow-runs-for-a-repository",
            Operation::Backup,
            &["actions"],
        ),
    ];
    TABLE
        .iter()
        .find(|(anchor, _, _)| documentation_url.ends_with(anchor))
        .map(|(_, op, categories)| (*op, *categories))
}

fn read_error(r: &mut Reader, map: &Map<String, Value>, message: &str) {
    let mut cursor = r.start;
    let span = r.span_of(message, &mut cursor);
    let documentation = text(map, "documentation_url").unwrap_or("");
    let recognized = match messages::recognize_body(message) {
        Some(Message::NotAccessibleByIntegration { .. }) => {
            Some(Message::NotAccessibleByIntegration {
                user_endpoint: documentation.ends_with("#get-the-authenticated-user"),
            })
        }
        other => other,
    };
    let Some(recognized) = recognized else {
        r.parsed.diagnose(
            Severity::Warning,
            span.start,
            format!(
                "GitHub answered \"{}\": permcheck has no rule for this message, and it says nothing about the token's scopes",
                crate::parse::text::shorten(message)
            ),
            Some("paste the token's scopes (`gh auth status`, or `gh api -i /user`) to judge it".into()),
        );
        return;
    };
    let mut finding = messages::finding(&recognized, span);
    if let Some(url) = text(map, "documentation_url") {
        if matches!(
            recognized,
            Message::NotAccessibleByPat
                | Message::NotAccessibleByIntegration {
                    user_endpoint: false
                }
        ) {
            if let Some((op, categories)) = endpoint_blocks(url) {
                finding.blocks = Blocks::Only(op);
                finding.categories = categories;
                finding.cannot_tell = "Which permission the call needs, unless the response's X-Accepted-GitHub-Permissions header is pasted with it; and whether other calls work.".into();
            }
        }
    }
    let (credential, certain) =
        messages::credential_of(&recognized).unwrap_or((Credential::Token, false));
    let mut evidence =
        CredentialEvidence::on(Platform::Github, credential, Span::new(r.start, r.end));
    evidence.credential_certain = certain;
    evidence.scopes_unseen = true;
    evidence.scopes_hint = Some(headers::hint_for(credential).into());
    evidence.findings.push(finding);
    r.parsed.credentials.push(evidence);
}

fn read_user(r: &mut Reader, map: &Map<String, Value>) {
    let login = text(map, "login").unwrap_or("").to_string();
    let mut cursor = r.start;
    let span = r.span_of(&login, &mut cursor);
    let mut evidence = CredentialEvidence::on(Platform::Github, Credential::Token, span);
    evidence.principal = Some(login.clone());
    if let Some(url) = text(map, "url") {
        if let Some(host) = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .and_then(|rest| rest.split('/').next())
        {
            evidence.host = Some(if host == "api.github.com" {
                "github.com".to_string()
            } else {
                host.to_string()
            });
        }
    }
    evidence.scopes_unseen = true;
    evidence.scopes_hint = Some(format!(
        "this is {login}'s profile, not the token's scopes: paste the response with its headers (`gh api -i /user`), whose X-OAuth-Scopes lists a classic token's scopes"
    ));
    if map.get("site_admin").and_then(Value::as_bool) == Some(true) {
        r.parsed.diagnose(
            Severity::Info,
            span.start,
            format!("{login} is a site administrator (site_admin: true): on GitHub Enterprise Server that account can list every organization, but a token still needs its scopes"),
            None,
        );
    }
    r.parsed.credentials.push(evidence);
}

/// Recorded exchanges (octokit/fixtures, nock): each record's `rawHeaders` are a response's
/// headers, its `response` the body.
fn read_recordings(r: &mut Reader, records: Vec<&Map<String, Value>>) -> bool {
    let github = records.iter().any(|rec| {
        text(rec, "scope").is_some_and(is_github_url)
            || header_pairs(rec)
                .iter()
                .any(|(n, v)| super::signal_header(n, v))
    });
    if !github {
        return false;
    }
    r.parsed.set_format(RECORDING);
    let scope_vocabulary = Vocabulary(&SCOPE_VOCABULARY);
    // One credential per distinct scope list: a recording replays one token's calls.
    let mut credentials: Vec<(String, CredentialEvidence)> = Vec::new();
    let mut roles: Vec<(String, &'static str, Span)> = Vec::new();
    let mut cursor = r.start;
    for record in records {
        let pairs = header_pairs(record);
        let method = text(record, "method").unwrap_or("").to_ascii_uppercase();
        let path = text(record, "path").unwrap_or("").to_string();
        let status = record.get("status").and_then(Value::as_u64).unwrap_or(0);
        let record_at = r.locate(&path, &mut cursor);
        let scopes = pairs
            .iter()
            .find(|(n, _)| n == "x-oauth-scopes")
            .map(|(_, v)| v.clone());
        let index = match &scopes {
            Some(value) => match credentials.iter().position(|(v, _)| v == value) {
                Some(i) => Some(i),
                None => {
                    let mut value_cursor = cursor;
                    let value_at = r.locate(value, &mut value_cursor);
                    let mut evidence = CredentialEvidence::on(
                        Platform::Github,
                        Credential::Token,
                        Span::new(value_at, value_at + value.len()),
                    );
                    for (offset, token) in crate::parse::scopes::tokens(value) {
                        let at = value_at + offset;
                        match scope_vocabulary.find(token) {
                            Some(def) => evidence.grants.push(ScopeGrant {
                                vocabulary: scope_vocabulary,
                                id: def.id.to_string(),
                                span: Span::new(at, at + token.len()),
                            }),
                            None => crate::parse::scopes::report_unknown(
                                r.parsed,
                                &[(at, token.to_string())],
                            ),
                        }
                    }
                    headers::refine(&mut evidence, &pairs);
                    credentials.push((value.clone(), evidence));
                    Some(credentials.len() - 1)
                }
            },
            None => None,
        };
        if let Some(i) = index {
            if let Some((_, evidence)) = credentials.get_mut(i) {
                for (name, value) in &pairs {
                    if name.starts_with("x-accepted-") && !value.is_empty() {
                        let text = format!("{name}: {value} (for {method} {path})");
                        if !evidence.notes.iter().any(|n| n.text == text) {
                            evidence.notes.push(Note {
                                kind: NoteKind::EndpointAccepts,
                                text,
                                span: Span::new(record_at, record_at + path.len()),
                            });
                        }
                    }
                }
                if method == "POST"
                    && status == 201
                    && path.starts_with("/orgs/")
                    && path.ends_with("/repos")
                {
                    let org = path.trim_start_matches("/orgs/").trim_end_matches("/repos");
                    evidence.findings.push(Finding {
                        id: "github-repository-created",
                        blocks: Blocks::Nothing,
                        categories: &[],
                        proves: format!("This token created a repository in the {org} organization (POST {path}: 201 Created): its account has the organization's create-repository right, which restoring into the organization needs."),
                        action: "Nothing to grant for creating repositories in this organization.".into(),
                        cannot_tell: "Whether the account may create private and internal repositories too (the organization's repository creation policy can allow some visibilities only).".into(),
                        span: Span::new(record_at, record_at + path.len()),
                        source: &super::sources::GH_REPO_CREATION,
                    });
                }
            }
        }
        if let Some(response) = record.get("response").and_then(Value::as_object) {
            if let Some(role) =
                repo_flags(response.get("permissions")).and_then(|f| roles::repo_role(&f))
            {
                let name = text(response, "full_name").unwrap_or(&path).to_string();
                if !roles.iter().any(|(n, _, _)| *n == name) {
                    roles.push((name, role, Span::new(record_at, record_at + path.len())));
                }
            }
            if status >= 400 {
                if let Some(message) = text(response, "message") {
                    if let Some(m) = messages::recognize_body(message) {
                        let at = r.locate(message, &mut cursor);
                        let finding = messages::finding(&m, Span::new(at, at + message.len()));
                        match index.and_then(|i| credentials.get_mut(i)) {
                            Some((_, evidence)) => evidence.findings.push(finding),
                            None => {
                                let mut evidence = CredentialEvidence::on(
                                    Platform::Github,
                                    Credential::Token,
                                    Span::new(at, at + message.len()),
                                );
                                evidence.scopes_unseen = true;
                                evidence.scopes_hint =
                                    Some(headers::hint_for(Credential::Token).into());
                                evidence.findings.push(finding);
                                credentials.push((String::new(), evidence));
                            }
                        }
                    }
                }
            }
        }
    }
    let vocabulary = Vocabulary(&REPO_ROLE_VOCABULARY);
    for (name, role, span) in roles {
        r.parsed.accounts.push(AccountEvidence {
            principal_id: None,
            platform: Platform::Github,
            principal: None,
            grants: vec![ScopeGrant {
                vocabulary,
                id: role.to_string(),
                span,
            }],
            scope: Some(format!("repository {name}")),
            describe: format!("caller's {} role", role_name(role)),
            raw_id: format!("permissions.{role}"),
            span,
        });
    }
    if credentials.is_empty() {
        r.parsed.diagnose(
            Severity::Warning,
            r.start,
            "this recording has no X-OAuth-Scopes header, so it says nothing about the token's scopes".into(),
            Some("record a call made with the token itself, or paste `gh api -i /user`".into()),
        );
    }
    r.parsed
        .credentials
        .extend(credentials.into_iter().map(|(_, e)| e));
    true
}

/// A recording's `rawHeaders` (`["Name", "value", …]`) as lower-case (name, value) pairs.
fn header_pairs(record: &Map<String, Value>) -> Vec<(String, String)> {
    let Some(raw) = record.get("rawHeaders").and_then(Value::as_array) else {
        return Vec::new();
    };
    raw.chunks(2)
        .filter_map(|pair| match pair {
            [Value::String(name), Value::String(value)] => {
                Some((name.to_ascii_lowercase(), value.trim().to_string()))
            }
            _ => None,
        })
        .collect()
}

/// How GitHub's settings name a repository role (`push` is Write).
fn role_name(role: &str) -> &'static str {
    match role {
        "admin" => "Admin",
        "maintain" => "Maintain",
        "push" => "Write",
        "triage" => "Triage",
        _ => "Read",
    }
}
