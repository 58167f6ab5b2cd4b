//! Bitbucket Data Center readers: HTTP access token JSON (create request bodies, token objects,
//! token lists), the global permission listings (`/rest/api/latest/admin/permissions/users`,
//! `…/groups`), the user search with `permission.N` filters, `errors[]` bodies
//! (`com.atlassian.bitbucket.*` exceptions; Bitbucket answers "not permitted" with 401), and,
//! in `lines` and `cassette`, text only Bitbucket DC writes and recorded exchanges.
//!
//! Real samples exist for the error bodies, the users' global permission listing and the user
//! search (`shared/reference/samples/bitbucket-data-center/`). No real sample exists of these
//! (platform-samples.md §6), so their readers follow documented shapes only: token JSON with
//! `permissions` (the documented request `name`, `expiryDays`, `permissions` and response `id`,
//! `name`, `createdDate`, `token`, plus the fields clients read from real list responses:
//! `permissions`, `createdDate` and `expiryDate` in epoch milliseconds, `user`), the groups'
//! global permission listing (`values[]` of `{group, permission}`, as the REST reference
//! documents it), and a search that found nobody.

pub mod cassette;
pub mod lines;
pub mod request;

use super::catalog::{
    is_permission_id, is_token_permission, token_vocabulary, user_vocabulary, GLOBAL,
};
use super::sources::{HTTP_ACCESS_TOKENS, PERMISSION_LEVELS, REST_REFERENCE};
use crate::evidence::{AccountEvidence, Blocks, CredentialEvidence, Expiry, Finding, ScopeGrant};
use crate::model::{Credential, Operation, Platform};
use crate::parse::json::find;
use crate::parse::{Block, Parsed};
use crate::report::Severity;
use crate::source::Span;
use request::{Endpoint, TokenOwner, Url};
use serde_json::Value;

pub const TOKEN_JSON: &str = "bitbucket-dc-access-token";
pub const TOKEN_REQUEST: &str = "bitbucket-dc-token-request";
pub const ERROR_BODY: &str = "bitbucket-dc-error-body";
pub const GLOBAL_LISTING: &str = "bitbucket-dc-global-permissions";
pub const USER_SEARCH: &str = "bitbucket-dc-user-search";
pub const EXCHANGE: &str = "bitbucket-dc-recorded-exchange";
pub const GIT_LOG: &str = "bitbucket-dc-git-log";
pub const HEADERS: &str = "bitbucket-dc-response-headers";

const PLATFORM: Platform = Platform::BitbucketDataCenter;

/// What to paste to see a credential's permissions (HTTP access tokens have no scopes header).
pub const PERMISSIONS_HINT: &str = "Bitbucket Data Center sends no scopes header: paste the token's permissions (from its HTTP access tokens page, the JSON that created it, or `curl -s -u USER:PASSWORD https://HOST/rest/access-tokens/latest/users/USER`)";

/// `len` bytes from `at`, kept inside the input: a value that could not be located falls back
/// to a nearby offset, which must not point past the end.
fn located(parsed: &Parsed, at: usize, len: usize) -> Span {
    let end = parsed.text.len();
    let start = at.min(end);
    Span::new(start, start.saturating_add(len).min(end))
}

/// What is known about the request a body answers.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub method: Option<String>,
    pub url: Option<Url>,
    /// `X-AUSERNAME`: the user the credential resolved to.
    pub caller: Option<String>,
    /// `curl -u user:…`.
    pub user: Option<String>,
    /// The create request's body, when the body answers one.
    pub data: Option<(String, usize)>,
}

impl Context {
    fn endpoint(&self) -> Endpoint {
        self.url
            .as_ref()
            .map(Url::endpoint)
            .unwrap_or(Endpoint::Other)
    }

    fn host(&self) -> Option<String> {
        self.url
            .as_ref()
            .and_then(|u| u.host.clone())
            .filter(|h| !crate::platforms::serves_other(h, Platform::BitbucketDataCenter))
    }

    fn describe_call(&self) -> String {
        let method = self.method.as_deref().unwrap_or("GET");
        match &self.url {
            Some(url) => format!("{method} {}", shorten_path(&url.path)),
            None => "the call".to_string(),
        }
    }

    /// The context of a body pasted after its command.
    pub fn before(parsed: &Parsed, at: usize) -> Context {
        match request::preceding(&parsed.text, at) {
            Some(command) => Context {
                method: command.method,
                url: command.url,
                user: command.user,
                data: command.data,
                ..Context::default()
            },
            None => Context::default(),
        }
    }
}

fn shorten_path(path: &str) -> String {
    match path.find("/rest/") {
        Some(at) => path[at..].to_string(),
        None => path.to_string(),
    }
}

/// A JSON document only Bitbucket Data Center produces.
pub fn read_json(parsed: &mut Parsed, value: &Value, block: Block) -> bool {
    let context = Context::before(parsed, block.start);
    read_body(parsed, value, Span::new(block.start, block.end), &context)
}

/// A response (or request) body, with what is known of its request. Returns whether it was one
/// of Bitbucket Data Center's.
pub fn read_body(parsed: &mut Parsed, value: &Value, span: Span, context: &Context) -> bool {
    if is_error_body(value) {
        read_errors(parsed, value, span, context);
        return true;
    }
    if let Some(values) = value.get("values").and_then(Value::as_array) {
        return read_page(parsed, value, values, span, context);
    }
    let empty_token = value
        .get("permissions")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
        && (value.get("expiryDays").is_some_and(Value::is_number)
            || matches!(context.endpoint(), Endpoint::Tokens(_)));
    if value.is_object() && (has_permission_list(value) || empty_token) {
        read_token_object(parsed, value, span, context, &mut span.start.clone());
        return true;
    }
    if is_raw_token(value) && matches!(context.endpoint(), Endpoint::Tokens(_)) {
        return read_create_response(parsed, value, span, context);
    }
    false
}

/// `{"errors": [{"exceptionName": "com.atlassian.bitbucket…"}]}`.
fn is_error_body(value: &Value) -> bool {
    value
        .get("errors")
        .and_then(Value::as_array)
        .is_some_and(|errors| {
            errors.iter().any(|e| {
                e.get("exceptionName")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.starts_with("com.atlassian.bitbucket"))
            })
        })
}

/// `"permissions": [...]` with at least one Bitbucket Data Center permission id.
fn has_permission_list(value: &Value) -> bool {
    value
        .get("permissions")
        .and_then(Value::as_array)
        .is_some_and(|items| {
            items.iter().any(|p| {
                p.as_str()
                    .is_some_and(|s| is_permission_id(&s.trim().to_ascii_uppercase()))
            })
        })
}

/// The documented create response: `id`, `name`, `createdDate`, `token`.
fn is_raw_token(value: &Value) -> bool {
    value.get("token").is_some_and(Value::is_string)
        && (value.get("id").is_some() || value.get("name").is_some())
}

/// A token list item: named, with an id, a creation date or permissions, and not a user.
fn looks_like_token(value: &Value) -> bool {
    value.get("name").is_some_and(Value::is_string)
        && (value.get("createdDate").is_some()
            || value.get("permissions").is_some()
            || value.get("expiryDate").is_some()
            || value.get("lastAuthenticated").is_some())
        && value.get("slug").is_none()
        && value.get("emailAddress").is_none()
}

/// A Bitbucket user object (`name`, `slug`, `type: NORMAL|SERVICE`, `links.self`).
fn looks_like_user(value: &Value) -> bool {
    value.get("slug").is_some_and(Value::is_string)
        && value.get("name").is_some_and(Value::is_string)
        && (value.get("type").is_some() || value.get("displayName").is_some())
}

/// A paged response (`values`, `size`, `isLastPage`, `start`, `limit`).
fn read_page(
    parsed: &mut Parsed,
    page: &Value,
    values: &[Value],
    span: Span,
    context: &Context,
) -> bool {
    let endpoint = context.endpoint();
    let entries_have = |key: &str| {
        !values.is_empty()
            && values
                .iter()
                .all(|v| v.get(key).is_some() && v.get("permission").is_some_and(Value::is_string))
    };
    if entries_have("user") || (endpoint == Endpoint::GlobalUsers && values.is_empty()) {
        read_global_users(parsed, values, span, context);
        return true;
    }
    if entries_have("group") || (endpoint == Endpoint::GlobalGroups && values.is_empty()) {
        read_global_groups(parsed, values, span);
        return true;
    }
    if matches!(endpoint, Endpoint::Tokens(_))
        || (!values.is_empty() && values.iter().all(looks_like_token))
    {
        read_token_list(parsed, values, span, context);
        return true;
    }
    if endpoint == Endpoint::UserSearch
        || (!values.is_empty() && values.iter().all(looks_like_user))
    {
        read_user_search(parsed, page, values, span, context);
        return true;
    }
    false
}

/// The display name of a permission id ("System Admin").
fn permission_name(id: &str) -> String {
    let label = user_vocabulary().label(id);
    label
        .split_once(": ")
        .map(|(_, name)| name.to_string())
        .unwrap_or(label)
}

/// `values: [{user: {...}, permission: "SYS_ADMIN"}]`: each user's highest global permission
/// granted to the user directly (groups are listed separately).
fn read_global_users(parsed: &mut Parsed, values: &[Value], span: Span, context: &Context) {
    parsed.set_format(GLOBAL_LISTING);
    let mut cursor = span.start;
    if values.is_empty() {
        parsed.diagnose(
            Severity::Info,
            span.start,
            "this global permission listing names no user".into(),
            Some("drop the `filter` parameter, or check that it matches the backup user".into()),
        );
        return;
    }
    for entry in values {
        let user = entry.get("user").unwrap_or(&Value::Null);
        let principal = user_name(user);
        if let Some(name) = &principal {
            let _ = find(parsed, &format!("\"{name}\""), &mut cursor);
        }
        let raw = entry
            .get("permission")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let id = raw.trim().to_ascii_uppercase();
        let at = find(parsed, &format!("\"{raw}\""), &mut cursor)
            .map(|p| p + 1)
            .unwrap_or(cursor);
        let grant_span = located(parsed, at, raw.len());
        if !GLOBAL.contains(&id.as_str()) {
            parsed.diagnose(
                Severity::Warning,
                at,
                format!("`{raw}` is not a global permission, so this entry was not counted"),
                Some(
                    "the global permissions are LICENSED_USER, PROJECT_CREATE, ADMIN and SYS_ADMIN"
                        .into(),
                ),
            );
            continue;
        }
        parsed.accounts.push(AccountEvidence {
            principal_id: None,
            platform: PLATFORM,
            principal,
            grants: vec![ScopeGrant {
                vocabulary: user_vocabulary(),
                id: id.clone(),
                span: grant_span,
            }],
            scope: None,
            describe: format!(
                "{} ({id}), granted to the user directly",
                permission_name(&id)
            ),
            raw_id: format!("globalPermission:{id}"),
            span: grant_span,
        });
    }
    let _ = context;
}

/// `values: [{group: {name}, permission}]`: groups' global permissions. Which users are in the
/// groups is not shown, so no account is judged from it; each group is named.
fn read_global_groups(parsed: &mut Parsed, values: &[Value], span: Span) {
    parsed.set_format(GLOBAL_LISTING);
    let mut cursor = span.start;
    if values.is_empty() {
        parsed.diagnose(
            Severity::Info,
            span.start,
            "no group has a global permission".into(),
            None,
        );
        return;
    }
    for entry in values {
        let group = entry
            .get("group")
            .and_then(|g| g.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("(unnamed)")
            .to_string();
        let permission = entry
            .get("permission")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_uppercase();
        let at = find(parsed, &format!("\"{group}\""), &mut cursor).unwrap_or(cursor);
        parsed.diagnose(
            Severity::Info,
            at,
            format!(
                "group `{group}` has {} ({permission}) globally: its members have it too",
                permission_name(&permission)
            ),
            Some(format!(
                "whether the backup user is a member is not shown here: `curl -s -u USER:TOKEN \"https://HOST/rest/api/latest/users?filter=USER&permission={permission}\"` lists the user only if some grant gives it"
            )),
        );
    }
}

fn user_name(user: &Value) -> Option<String> {
    ["name", "slug"]
        .iter()
        .find_map(|k| user.get(*k).and_then(Value::as_str))
        .map(str::to_string)
}

/// The users a `users?permission.N=…` search returned: each effectively holds every filtered
/// permission (through groups and project grants too).
fn read_user_search(
    parsed: &mut Parsed,
    page: &Value,
    values: &[Value],
    span: Span,
    context: &Context,
) {
    parsed.set_format(USER_SEARCH);
    let filters: Vec<(String, Option<String>)> = context
        .url
        .as_ref()
        .map(Url::permission_filters)
        .unwrap_or_default();
    let name_filter = context
        .url
        .as_ref()
        .and_then(|u| u.param("filter"))
        .filter(|f| !f.is_empty())
        .map(str::to_string);
    if filters.is_empty() {
        parsed.diagnose(
            Severity::Warning,
            span.start,
            "this is a list of Bitbucket Data Center users, but the search's permission filter is not shown, so it says nothing about permissions".into(),
            Some("paste the curl command with its response: `curl -s -u USER:TOKEN \"https://HOST/rest/api/latest/users?filter=USER&permission.1=REPO_READ&permission.1.projectKey=KEY&permission.1.repositorySlug=SLUG\"`".into()),
        );
        return;
    }
    let mut known: Vec<(String, Option<String>)> = Vec::new();
    for (id, resource) in filters {
        if user_vocabulary().find(&id).is_some() {
            known.push((id, resource));
        } else {
            parsed.diagnose(
                Severity::Warning,
                span.start,
                format!("the search filters on `{id}`, which is not a Bitbucket permission; Bitbucket ignores such a filter, so the list may hold every user"),
                None,
            );
        }
    }
    let what = known
        .iter()
        .map(|(id, resource)| match resource {
            Some(r) => format!("{id} on {r}"),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join(" and ");
    if values.is_empty() {
        let last = page.get("isLastPage").and_then(Value::as_bool) == Some(true);
        let who = name_filter
            .as_deref()
            .map(|n| format!("no user matching `{n}`"))
            .unwrap_or_else(|| "nobody".into());
        parsed.diagnose(
            Severity::Info,
            span.start,
            if last {
                format!("the search found {who} with {what}: no grant (direct, through a group or a project) gives it")
            } else {
                format!("this page of the search holds {who}; later pages may")
            },
            None,
        );
        return;
    }
    if known.is_empty() {
        return;
    }
    let scope = {
        let resources: Vec<String> = known.iter().filter_map(|(_, r)| r.clone()).collect();
        (!resources.is_empty()).then(|| resources.join(", "))
    };
    let raw_id = context
        .url
        .as_ref()
        .map(|u| {
            u.query
                .iter()
                .filter(|(k, _)| k.starts_with("permission"))
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        })
        .unwrap_or_default();
    let mut cursor = span.start;
    for user in values {
        let principal = user_name(user);
        let at = principal
            .as_ref()
            .and_then(|n| find(parsed, &format!("\"{n}\""), &mut cursor))
            .map(|p| p + 1)
            .unwrap_or(span.start);
        let len = principal.as_ref().map(String::len).unwrap_or(1);
        let grant_span = located(parsed, at, len);
        let grants = known
            .iter()
            .filter_map(|(id, _)| user_vocabulary().find(id))
            .map(|def| ScopeGrant {
                vocabulary: user_vocabulary(),
                id: def.id.to_string(),
                span: grant_span,
            })
            .collect();
        let names = known
            .iter()
            .map(|(id, _)| format!("{} ({id})", user_vocabulary().label(id)))
            .collect::<Vec<_>>()
            .join(" and ");
        parsed.accounts.push(AccountEvidence {
            principal_id: None,
            platform: PLATFORM,
            principal,
            grants,
            scope: scope.clone(),
            describe: format!("{names}, as the user search with this filter lists the user"),
            raw_id: raw_id.clone(),
            span: grant_span,
        });
    }
}

/// A list of HTTP access tokens (`values`): each token with its permissions when the response
/// carries them, else a credential whose permissions are not shown.
fn read_token_list(parsed: &mut Parsed, values: &[Value], span: Span, context: &Context) {
    parsed.set_format(TOKEN_JSON);
    if values.is_empty() {
        parsed.diagnose(
            Severity::Warning,
            span.start,
            "this token list is empty".into(),
            Some("list the tokens of the user, project or repository the backup tool uses".into()),
        );
        return;
    }
    let mut cursor = span.start;
    for token in values {
        read_token_object(parsed, token, span, context, &mut cursor);
    }
}

/// The label a token gets: its name, with its id when known (ids are unique, names are not).
fn token_label(name: Option<&str>, id: Option<&str>) -> Option<String> {
    match (name, id) {
        (Some(n), Some(i)) => Some(format!("{n} (id {i})")),
        (Some(n), None) => Some(n.to_string()),
        (None, Some(i)) => Some(format!("id {i}")),
        (None, None) => None,
    }
}

fn text_value(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The last second of year 9999: dates beyond it (or before 1970) are not dates a token has.
const LATEST: i64 = 253_402_300_799;

/// A date as Bitbucket writes it: epoch milliseconds (the 1.0 API) or an ISO date-time.
fn timestamp(value: &Value) -> Option<i64> {
    let seconds = match value {
        Value::Number(n) => {
            let n = n.as_i64()?;
            if n > 100_000_000_000 {
                n / 1000
            } else {
                n
            }
        }
        Value::String(s) => crate::evidence::parse_timestamp(s)?,
        _ => return None,
    };
    (0..=LATEST).contains(&seconds).then_some(seconds)
}

/// When a token created at `created` with `expiryDays` expires; `None` for a count of days no
/// token page offers (negative, or beyond the year 9999).
fn expiry_after(created: i64, days: i64) -> Option<i64> {
    let at = created.checked_add(days.checked_mul(86_400)?)?;
    (days >= 0 && at <= LATEST).then_some(at)
}

/// One token object: a create request body (`name`, `expiryDays`, `permissions`), a token from
/// a list, or a create response. `cursor` advances past what was located.
fn read_token_object(
    parsed: &mut Parsed,
    token: &Value,
    span: Span,
    context: &Context,
    cursor: &mut usize,
) {
    let is_request = token.get("id").is_none()
        && token.get("createdDate").is_none()
        && token.get("token").is_none()
        && token.get("user").is_none();
    parsed.set_format(if is_request {
        TOKEN_REQUEST
    } else {
        TOKEN_JSON
    });
    let name = token
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_string);
    let id = text_value(token, "id");
    let start = *cursor;
    if let Some(n) = &name {
        let _ = find(parsed, &format!("\"{n}\""), cursor);
    }
    let owner = match context.endpoint() {
        Endpoint::Tokens(owner) => Some(owner),
        _ => None,
    };
    let principal = token
        .get("user")
        .and_then(user_name)
        .or(match &owner {
            Some(TokenOwner::User(slug)) => slug.clone(),
            _ => None,
        })
        .or_else(|| {
            matches!(owner, None | Some(TokenOwner::User(_)))
                .then(|| context.user.clone())
                .flatten()
        });
    report_secret(parsed, token, start);
    let permissions_at = find(parsed, "\"permissions\"", &mut cursor.clone()).unwrap_or(start);
    let mut evidence = CredentialEvidence::on(
        PLATFORM,
        Credential::AccessToken,
        Span::new(permissions_at, permissions_at + "\"permissions\"".len()),
    );
    evidence.credential_certain = true;
    evidence.name = token_label(name.as_deref(), id.as_deref());
    evidence.principal = principal;
    evidence.host = context.host();
    match token.get("permissions").and_then(Value::as_array) {
        Some(items) => {
            let mut perm_cursor = permissions_at;
            evidence.grants = read_permissions(parsed, items, &mut perm_cursor);
            *cursor = (*cursor).max(perm_cursor);
            if evidence.grants.is_empty() {
                // Shown, and empty: that proves the token can do nothing (not "unknown").
                evidence.findings.push(Finding {
                    id: "bitbucket-dc-token-without-permissions",
                    blocks: Blocks::Both,
                    categories: &[],
                    proves: "This token's permissions list holds no permission a token can carry: it can neither read nor write anything.".into(),
                    action: "Create a token with Repository read (backup) or Project admin (backup and restore, including recreating repositories).".into(),
                    cannot_tell: "What its owner could do with another token.".into(),
                    span: evidence.span,
                    source: &HTTP_ACCESS_TOKENS,
                });
            }
        }
        None => {
            evidence.scopes_unseen = true;
            evidence.scopes_hint = Some(
                "this token list shows names and dates but not permissions (Bitbucket's documented list response has none): paste the token's permissions from its HTTP access tokens page, or the JSON that created it".into(),
            );
        }
    }
    evidence.expires = token_expiry(parsed, token, start, context);
    if token.get("token").is_some_and(Value::is_string) {
        let mut at_cursor = start;
        let at = find(parsed, "\"token\"", &mut at_cursor).unwrap_or(start);
        parsed.diagnose(
            Severity::Info,
            at,
            "`token` is the secret itself: permcheck does not read it, and it stays in this page"
                .into(),
            Some("if this is a real token, paste responses without it next time".into()),
        );
    }
    if is_request {
        parsed.diagnose(
            Severity::Info,
            permissions_at,
            "read from the request that creates the token: it has these permissions if Bitbucket accepted the request (its response does not repeat them), and a personal token never more than its owner has".into(),
            None,
        );
    }
    let _ = span;
    parsed.credentials.push(evidence);
}

/// The token's permissions, each located after `cursor`; ids no token can carry are named.
fn read_permissions(parsed: &mut Parsed, items: &[Value], cursor: &mut usize) -> Vec<ScopeGrant> {
    let mut grants: Vec<ScopeGrant> = Vec::new();
    for raw in items.iter().filter_map(Value::as_str) {
        let at = find(parsed, &format!("\"{raw}\""), cursor)
            .map(|p| p + 1)
            .unwrap_or(*cursor);
        add_token_grant(parsed, &mut grants, raw, at);
    }
    grants
}

/// What an HTTP access token's `permissions` may hold.
pub const TOKEN_PERMISSIONS_HELP: &str = "a token's permissions are PROJECT_READ, PROJECT_WRITE, PROJECT_ADMIN, REPO_READ, REPO_WRITE and REPO_ADMIN";

/// One permission id as written at `at`: a token's grant (once), or a warning that says what it
/// is instead (a user's permission no token can carry, or no Bitbucket permission at all).
pub fn add_token_grant(parsed: &mut Parsed, grants: &mut Vec<ScopeGrant>, raw: &str, at: usize) {
    let id = raw.trim().to_ascii_uppercase();
    let def = token_vocabulary()
        .find(&id)
        .filter(|_| is_token_permission(&id));
    if let Some(def) = def {
        if !grants.iter().any(|g| g.id == def.id) {
            grants.push(ScopeGrant {
                vocabulary: token_vocabulary(),
                id: def.id.to_string(),
                span: located(parsed, at, raw.len()),
            });
        }
        return;
    }
    let (message, help) = if is_permission_id(&id) {
        (
            format!("`{raw}` is a user's permission, not one an HTTP access token can carry (Bitbucket refuses it in a token), so it was not counted"),
            if GLOBAL.contains(&id.as_str()) {
                "global permissions (Project Creator, Admin, System Admin) belong to the user: a backup tool gets them only by signing in with that user's password"
            } else {
                TOKEN_PERMISSIONS_HELP
            },
        )
    } else {
        (
            format!(
                "`{}` is not a Bitbucket Data Center permission, so it was not counted",
                crate::parse::secrets::redact(raw)
            ),
            TOKEN_PERMISSIONS_HELP,
        )
    };
    parsed.diagnose(Severity::Warning, at, message, Some(help.into()));
}

/// `expiryDate`, or `createdDate` + `expiryDays` (of the token or of its create request).
fn token_expiry(
    parsed: &mut Parsed,
    token: &Value,
    start: usize,
    context: &Context,
) -> Option<Expiry> {
    let locate = |parsed: &Parsed, key: &str| {
        let mut c = start;
        find(parsed, &format!("\"{key}\""), &mut c).unwrap_or(start)
    };
    if let Some(value) = token.get("expiryDate").filter(|v| !v.is_null()) {
        let at = locate(parsed, "expiryDate");
        return match timestamp(value) {
            Some(t) => Some(Expiry {
                at: t,
                span: located(parsed, at, "\"expiryDate\"".len()),
            }),
            None => {
                if !value.as_str().is_some_and(request::is_placeholder) {
                    parsed.diagnose(
                        Severity::Warning,
                        at,
                        "`expiryDate` is not a date permcheck can read, so the expiry was not checked".into(),
                        None,
                    );
                }
                None
            }
        };
    }
    let days = token
        .get("expiryDays")
        .and_then(Value::as_i64)
        .or_else(|| {
            context
                .data
                .as_ref()
                .and_then(|(d, _)| serde_json::from_str::<Value>(d).ok())
                .and_then(|d| d.get("expiryDays").and_then(Value::as_i64))
        })?;
    let created = token.get("createdDate").and_then(timestamp)?;
    let at = locate(parsed, "createdDate");
    Some(Expiry {
        at: expiry_after(created, days)?,
        span: located(parsed, at, "\"createdDate\"".len()),
    })
}

/// A token just created comes back with its secret (`token`): said, never echoed.
fn report_secret(parsed: &mut Parsed, token: &Value, from: usize) {
    if token
        .get("token")
        .and_then(Value::as_str)
        .is_some_and(|t| t.len() >= 16)
    {
        let at = find(parsed, "\"token\"", &mut from.clone()).unwrap_or(from);
        crate::parse::secrets::report_field(parsed, at, "token");
    }
}

/// A create response without permissions (`{token, id, name, createdDate}`). When the create
/// request was pasted just before it (a `curl --data` body), that request was read with this
/// response already (`lines`); otherwise the token exists but its permissions are not shown.
fn read_create_response(parsed: &mut Parsed, value: &Value, span: Span, context: &Context) -> bool {
    let request_read = context
        .data
        .as_ref()
        .and_then(|(d, _)| serde_json::from_str::<Value>(d).ok())
        .is_some_and(|d| has_permission_list(&d));
    if request_read {
        parsed.set_format(TOKEN_JSON);
        report_secret(parsed, value, span.start);
        return true;
    }
    read_token_object(parsed, value, span, context, &mut span.start.clone());
    true
}

/// What one `com.atlassian.bitbucket…` exception proves, for the call it answered.
fn read_errors(parsed: &mut Parsed, value: &Value, span: Span, context: &Context) {
    parsed.set_format(ERROR_BODY);
    let findings = error_findings(parsed, value, span, context);
    if findings.is_empty() {
        return;
    }
    let mut evidence = CredentialEvidence::on(PLATFORM, Credential::Token, span);
    evidence.principal = context.caller.clone().or_else(|| context.user.clone());
    evidence.host = context.host();
    evidence.scopes_unseen = true;
    evidence.scopes_hint = Some(PERMISSIONS_HINT.into());
    evidence.findings = findings;
    parsed.credentials.push(evidence);
}

/// The findings of an `errors[]` body; exceptions permcheck does not judge are named in a
/// warning.
pub fn error_findings(
    parsed: &mut Parsed,
    value: &Value,
    span: Span,
    context: &Context,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let errors = value
        .get("errors")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut cursor = span.start;
    for error in &errors {
        let name = error
            .get("exceptionName")
            .and_then(Value::as_str)
            .unwrap_or("");
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let at = if name.is_empty() {
            span.start
        } else {
            find(parsed, name, &mut cursor).unwrap_or(span.start)
        };
        let short = name.rsplit('.').next().unwrap_or(name);
        let finding_span = located(parsed, at, name.len());
        match short {
            "AuthorisationException" => {
                findings.push(not_permitted(context, &message, finding_span));
            }
            "NoSuchRepositoryException" | "NoSuchProjectException" => {
                findings.push(not_found(context, short, &message, finding_span));
            }
            _ if name.starts_with("com.atlassian.bitbucket") => parsed.diagnose(
                Severity::Warning,
                at,
                format!(
                    "this Bitbucket Data Center error ({short}: \"{}\") is not one permcheck judges",
                    crate::parse::text::shorten(&message)
                ),
                Some("paste the token's permissions, or the response of a call that lists or reads repositories".into()),
            ),
            _ => {}
        }
    }
    findings
}

/// What a 401 `AuthorisationException` proves, by the call it answered.
fn not_permitted(context: &Context, message: &str, span: Span) -> Finding {
    let call = context.describe_call();
    let who = context
        .caller
        .as_ref()
        .map(|c| format!("the credential of {c}"))
        .unwrap_or_else(|| "this credential".into());
    let quoted = if message.is_empty() {
        String::new()
    } else {
        format!(" (\"{message}\")")
    };
    let endpoint = context.endpoint();
    let write = context
        .method
        .as_deref()
        .is_some_and(|m| m != "GET" && m != "HEAD");
    let admin = matches!(
        endpoint,
        Endpoint::GlobalUsers | Endpoint::GlobalGroups | Endpoint::Admin
    );
    if admin {
        return Finding {
            id: "bitbucket-dc-not-global-admin",
            blocks: Blocks::Nothing,
            categories: &[],
            proves: format!(
                "{call} needs the global Admin permission, and Bitbucket refused it{quoted}: {who} is not a global Admin here (Bitbucket answers a missing permission with 401, not 403). A backup through it reaches only the projects and repositories its user was granted, not every repository on the instance, and it cannot list other users' permissions."
            ),
            action: "To protect every repository (Xopero ONE's global option), connect a user with the global Admin permission (Administration › Global permissions). Otherwise grant the backup user Write (or Read, for backups only) on each project to protect.".into(),
            cannot_tell: "Which projects and repositories the credential can read or write. If it was an HTTP access token, this answer says nothing about its owner: tokens never carry global permissions, so even an admin's token gets 401 here.".into(),
            span,
            source: &PERMISSION_LEVELS,
        };
    }
    let (blocks, categories): (Blocks, &'static [&'static str]) = match &endpoint {
        Endpoint::Projects if write => (Blocks::Only(Operation::Restore), &["projects"]),
        Endpoint::Repositories(_) if write => {
            (Blocks::Only(Operation::Restore), &["new-repositories"])
        }
        Endpoint::Repository { rest, .. } | Endpoint::Project { rest, .. }
            if is_settings_path(rest) =>
        {
            let project_level = matches!(endpoint, Endpoint::Project { .. });
            (
                op_blocks(write),
                if project_level {
                    &["project-settings"]
                } else {
                    &["repository-settings"]
                },
            )
        }
        Endpoint::BranchPermissions => (op_blocks(write), &["repository-settings"]),
        Endpoint::Repository { rest, .. } if rest.starts_with("pull-requests") => {
            (op_blocks(write), &["pull-requests"])
        }
        Endpoint::Repository { .. } | Endpoint::Repositories(_) => {
            (op_blocks(write), &["repositories"])
        }
        _ => (Blocks::Nothing, &[]),
    };
    let scope = match (&blocks, categories.first()) {
        (Blocks::Nothing, _) | (_, None) => {
            "the part of a backup or restore that makes this call".to_string()
        }
        (_, Some(c)) => format!(
            "this call, so that part of the {} fails ({c})",
            if write { "restore" } else { "backup" }
        ),
    };
    Finding {
        id: "bitbucket-dc-not-permitted",
        blocks,
        categories,
        proves: format!(
            "Bitbucket refused {call} for {who}{quoted}: the credential lacks the permission {scope} needs (Bitbucket answers a missing permission with 401, not 403)."
        ),
        action: "Grant the permission the call needs (the REST reference names it for each resource) to the backup user, and to the token if one is used; then run the call again.".into(),
        cannot_tell: "Which permission the credential does have, or whether other projects and repositories are affected.".into(),
        span,
        source: &REST_REFERENCE,
    }
}

fn op_blocks(write: bool) -> Blocks {
    Blocks::Only(if write {
        Operation::Restore
    } else {
        Operation::Backup
    })
}

fn is_settings_path(rest: &str) -> bool {
    ["permissions", "webhooks", "settings", "hooks", "labels"]
        .iter()
        .any(|p| rest.starts_with(p))
}

/// What a 404 `NoSuchRepositoryException` / `NoSuchProjectException` proves: Bitbucket answers
/// the same for a repository that does not exist and for one the caller cannot read.
fn not_found(context: &Context, exception: &str, message: &str, span: Span) -> Finding {
    let project = exception == "NoSuchProjectException";
    let who = context
        .caller
        .as_ref()
        .map(|c| format!(" to {c}"))
        .unwrap_or_default();
    let what = if message.is_empty() {
        if project {
            "The project".to_string()
        } else {
            "The repository".to_string()
        }
    } else {
        format!("\"{message}\"")
    };
    let (kind, grant) = if project {
        ("project", "Read on the project")
    } else {
        ("repository", "Read on the repository (or on its project)")
    };
    Finding {
        id: if project {
            "bitbucket-dc-no-such-project"
        } else {
            "bitbucket-dc-no-such-repository"
        },
        blocks: Blocks::Only(Operation::Backup),
        categories: if project {
            &["repositories", "projects"]
        } else {
            &["repositories"]
        },
        proves: format!(
            "{what}: the {kind} is invisible{who}. Bitbucket answers 404 both when a {kind} is missing and when the caller cannot read it, so the backup of this {kind} fails."
        ),
        action: format!(
            "Check the project key{} in the backup plan; if they are right, grant the backup user (and the token, if one is used) {grant}.",
            if project { "" } else { " and repository slug" }
        ),
        cannot_tell: format!(
            "Whether the {kind} exists (a wrong name gives the same answer), and whether other {} are readable.",
            if project { "projects" } else { "repositories" }
        ),
        span,
        source: &REST_REFERENCE,
    }
}

/// Findings for a user's or a token's HTTP access: the Git leg.
pub fn git_auth_failed(span: Span, rest_ok: Option<&str>, without_username: bool) -> Finding {
    let rest = match rest_ok {
        Some(line) => format!(
            ", although the REST API accepted the same credential (\"{}\")",
            crate::parse::text::shorten(line)
        ),
        None => String::new(),
    };
    let username = if without_username {
        " The tool's settings give the token without a username: a personal token needs its owner's username."
    } else {
        ""
    };
    Finding {
        id: "bitbucket-dc-git-authentication-failed",
        blocks: Blocks::Both,
        categories: &["repositories"],
        proves: format!(
            "Git over HTTPS refused this credential (\"fatal: Authentication failed\"){rest}: cloning and fetching fail, so repository backups fail, and pushing for a restore fails the same way.{username}"
        ),
        action: "Give Git the token with its owner's username (https://USER:TOKEN@HOST/scm/PROJECT/repo.git), or send it as a header (git -c http.extraHeader=\"Authorization: Bearer TOKEN\" …); project and repository tokens work only as a Bearer header. Then check with `git ls-remote https://HOST/scm/PROJECT/REPO.git` and the same credential.".into(),
        cannot_tell: "Which cause applies (a wrong username, a project or repository token sent with Basic auth, a proxy or single sign-on in front of /scm/, Git over HTTP(S) disabled), or the token's permissions.".into(),
        span,
        source: &HTTP_ACCESS_TOKENS,
    }
}

/// A Bitbucket-DC-only header (`X-AUSERNAME`, `X-AUSERID`, `X-AREQUESTID`, `X-ASEN`,
/// `X-ASESSIONID`), lower case.
pub fn is_dc_header(name: &str) -> bool {
    matches!(
        name,
        "x-ausername" | "x-auserid" | "x-arequestid" | "x-asen" | "x-asessionid"
    )
}

/// Whether a text mentions Bitbucket Server or Data Center (CI logs, configs).
pub fn mentions_dc(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "bitbucket data center",
        "bitbucket server",
        "bitbucketserver",
        "bitbucket dc",
        "nativeserver",
        "bitbucket-scmsource-hook",
        "com.atlassian.bitbucket",
        "/rest/api/1.0/",
        "/rest/access-tokens/",
    ]
    .iter()
    .any(|m| lower.contains(m))
        || scm_url(&lower)
}

/// `https://host/scm/PROJECT/repo.git`: Bitbucket Data Center's clone URL.
fn scm_url(lower: &str) -> bool {
    lower.match_indices("/scm/").any(|(at, _)| {
        let before = &lower[..at];
        before
            .rfind("://")
            .is_some_and(|s| !before[s + 3..].contains(char::is_whitespace))
    })
}

/// A whole recorded exchange (go-vcr cassette) of a Bitbucket Data Center instance.
pub fn read_document(parsed: &mut Parsed, start: usize) -> bool {
    let text = parsed.text.clone();
    let body = text.get(start..).unwrap_or("");
    if !cassette::looks_like(body) {
        return false;
    }
    let interactions = cassette::read(body, start);
    let ours = interactions.iter().any(|i| {
        i.response_headers.iter().any(|h| is_dc_header(&h.name))
            || i.url.as_ref().is_some_and(|(u, _)| {
                u.contains("/rest/api/") || u.contains("/rest/access-tokens/")
            })
            || i.body
                .as_ref()
                .is_some_and(|(b, _)| b.contains("com.atlassian.bitbucket"))
    });
    if !ours {
        return false;
    }
    parsed.set_format(EXCHANGE);
    let before_credentials = parsed.credentials.len();
    let before_accounts = parsed.accounts.len();
    let mut judged = 0;
    for interaction in &interactions {
        let context = Context {
            method: interaction.method.clone(),
            url: interaction.url.as_ref().map(|(u, _)| Url::parse(u)),
            caller: interaction
                .response_header("x-ausername")
                .map(|h| h.value.clone())
                .filter(|v| !v.is_empty()),
            user: None,
            data: None,
        };
        let Some((body, body_at)) = &interaction.body else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<Value>(body) else {
            continue;
        };
        let span = Span::new(*body_at, *body_at + 1);
        if is_error_body(&value) {
            judged += 1;
            let findings = error_findings(parsed, &value, span, &context);
            if findings.is_empty() {
                continue;
            }
            // One credential per caller: a cassette records one client's calls.
            let existing = parsed
                .credentials
                .iter_mut()
                .skip(before_credentials)
                .find(|c| c.principal == context.caller);
            match existing {
                Some(c) => c.findings.extend(findings),
                None => {
                    let mut evidence = CredentialEvidence::on(
                        PLATFORM,
                        Credential::Token,
                        Span::new(interaction.at, *body_at),
                    );
                    evidence.principal = context.caller.clone();
                    evidence.host = context.host();
                    evidence.scopes_unseen = true;
                    evidence.scopes_hint = Some(PERMISSIONS_HINT.into());
                    evidence.findings = findings;
                    parsed.credentials.push(evidence);
                }
            }
            continue;
        }
        if interaction.status.is_some_and(|s| !(200..300).contains(&s)) {
            continue;
        }
        if read_body(parsed, &value, span, &context) {
            judged += 1;
        }
    }
    if judged == 0
        && parsed.credentials.len() == before_credentials
        && parsed.accounts.len() == before_accounts
    {
        parsed.diagnose(
            Severity::Warning,
            start,
            format!(
                "this recorded exchange with Bitbucket Data Center holds {} responses, none of which says anything about permissions",
                interactions.len()
            ),
            Some("record a call that lists tokens, global permissions or users with a permission filter, or one that failed".into()),
        );
    }
    true
}
