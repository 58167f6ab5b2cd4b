//! Lines only Bitbucket Data Center (or a tool talking to it) writes: `curl` commands against
//! its REST API with their `\` continuation lines and `--data` bodies (the request that creates
//! an HTTP access token), response header groups carrying `X-AUSERNAME` / `X-AREQUESTID`, CI and
//! clone logs where Git over HTTPS failed, lines of permission ids that name a user's global
//! permissions, and the token page's labels ("Project permissions: Read").

use super::request::{self, Endpoint, TokenOwner};
use super::{
    git_auth_failed, is_dc_header, mentions_dc, read_body, Context, GIT_LOG, HEADERS,
    PERMISSIONS_HINT,
};
use crate::evidence::{AccountEvidence, CredentialEvidence, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::{Parsed, TextLines};
use crate::platforms::bitbucket_data_center::catalog::{
    is_permission_id, is_token_permission, token_vocabulary, user_vocabulary, GLOBAL,
};
use crate::platforms::LabelRead;
use crate::report::Severity;
use crate::source::Span;
use serde_json::Value;

const PLATFORM: Platform = Platform::BitbucketDataCenter;

pub fn read_lines(parsed: &mut Parsed, lines: &mut TextLines) {
    read_git_log(parsed, lines);
    read_commands(parsed, lines);
    read_header_groups(parsed, lines);
    read_permission_lines(parsed, lines);
}

/// `curl` commands against Bitbucket Data Center's REST API, over their continuation lines;
/// a `--data` body that creates an HTTP access token is read with the response pasted after it.
fn read_commands(parsed: &mut Parsed, lines: &mut TextLines) {
    let mut index = 0;
    while index < lines.len() {
        let (_, line) = lines.line(index);
        if lines.is_consumed(index) || !request::starts_curl(line) {
            index += 1;
            continue;
        }
        let rest: Vec<(usize, &str)> = (index..lines.len())
            .take_while(|i| !lines.is_consumed(*i))
            .map(|i| lines.line(i))
            .collect();
        let Some(command) = request::parse_curl(&rest) else {
            index += 1;
            continue;
        };
        let ours = command.url.as_ref().is_some_and(|u| {
            u.path.contains("/rest/api/")
                || u.path.contains("/rest/access-tokens/")
                || u.path.contains("/rest/branch-permissions/")
        });
        if !ours {
            index += command.lines.max(1);
            continue;
        }
        // A one-line command is context the generic reader knows (a signal); a command over
        // several lines is claimed whole, or its `--url` and `--data` lines read as noise.
        if command.lines > 1 || command.data.is_some() {
            for i in index..index + command.lines {
                lines.consume(i);
            }
        }
        if let Some((data, data_at)) = &command.data {
            read_request_body(parsed, &command, data, *data_at);
        }
        index += command.lines.max(1);
    }
}

/// A `--data` body: an HTTP access token's create request is a token with these permissions
/// (when the response after it shows the token was created, the credential is certain and
/// named by its id).
fn read_request_body(parsed: &mut Parsed, command: &request::Command, data: &str, data_at: usize) {
    let Ok(value) = serde_json::from_str::<Value>(data) else {
        return;
    };
    let context = Context {
        method: command.method.clone(),
        url: command.url.clone(),
        user: command.user.clone(),
        ..Context::default()
    };
    let before = parsed.credentials.len();
    if !read_body(
        parsed,
        &value,
        Span::new(data_at, data_at + data.len()),
        &context,
    ) {
        return;
    }
    // The response right after the command: the token's id and creation date.
    let end = data_at + data.len();
    let Some(response) = response_after(&parsed.text, end) else {
        return;
    };
    let created = response.get("createdDate").and_then(super::timestamp);
    let id = super::text_value(&response, "id");
    let name = response
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_string);
    let days = value.get("expiryDays").and_then(Value::as_i64);
    for credential in parsed.credentials.iter_mut().skip(before) {
        if credential.platform != Some(PLATFORM) || credential.credential != Credential::AccessToken
        {
            continue;
        }
        let request_name = credential.name.clone();
        credential.name =
            super::token_label(name.as_deref().or(request_name.as_deref()), id.as_deref());
        let expiry = created
            .zip(days)
            .and_then(|(created, days)| super::expiry_after(created, days));
        if let (Some(at), None) = (expiry, credential.expires) {
            credential.expires = Some(crate::evidence::Expiry {
                at,
                span: credential.span,
            });
        }
    }
    // The same token (same id) already listed without its permissions: that entry is this
    // token, now with them, rather than a second subject. Only the credential just read moves,
    // so no earlier index changes.
    if parsed.credentials.len() != before + 1 || id.is_none() {
        return;
    }
    let label = parsed.credentials.last().and_then(|c| c.name.clone());
    let earlier = parsed.credentials.get(..before).and_then(|listed| {
        listed.iter().position(|c| {
            c.platform == Some(PLATFORM) && c.scopes_unseen && c.name.is_some() && c.name == label
        })
    });
    let (Some(index), Some(mut read)) = (earlier, earlier.and(parsed.credentials.pop())) else {
        return;
    };
    if let Some(listed) = parsed.credentials.get_mut(index) {
        read.blocks = std::mem::take(&mut listed.blocks);
        if read.expires.is_none() {
            read.expires = listed.expires;
        }
        *listed = read;
    }
}

/// The JSON object that starts right after `end` (blank lines and a closing quote allowed).
fn response_after(text: &str, end: usize) -> Option<Value> {
    let rest = text.get(end..)?;
    let skip = rest
        .char_indices()
        .find(|(_, c)| !(c.is_whitespace() || *c == '\'' || *c == '"'))
        .map(|(i, _)| i)?;
    let rest = rest.get(skip..)?;
    if !rest.starts_with('{') {
        return None;
    }
    serde_json::Deserializer::from_str(rest)
        .into_iter::<Value>()
        .next()?
        .ok()
        .filter(|v| v.get("id").is_some() || v.get("token").is_some())
}

/// Response header groups (`HTTP/1.1 401`, `X-AUSERNAME: …`) of Bitbucket Data Center: the
/// user the credential resolved to, and the status. A JSON body pasted after them joins this
/// credential.
fn read_header_groups(parsed: &mut Parsed, lines: &mut TextLines) {
    let mut index = 0;
    while index < lines.len() {
        if lines.is_consumed(index) {
            index += 1;
            continue;
        }
        let start = index;
        let mut status: Option<u16> = None;
        let mut headers: Vec<(String, String, usize)> = Vec::new();
        let mut end = index;
        while end < lines.len() && !lines.is_consumed(end) {
            let (at, line) = lines.line(end);
            let t = line.trim();
            if end == start && t.starts_with("HTTP/") {
                status = t.split_whitespace().nth(1).and_then(|c| c.parse().ok());
                end += 1;
                continue;
            }
            let Some((name, value)) = header(t) else {
                break;
            };
            let indent = line.len() - line.trim_start().len();
            headers.push((name, value.to_string(), at + indent));
            end += 1;
        }
        if end == start {
            index += 1;
            continue;
        }
        if !headers.iter().any(|(n, _, _)| is_dc_header(n)) {
            index = end.max(start + 1);
            continue;
        }
        for i in start..end {
            lines.consume(i);
        }
        parsed.set_format(HEADERS);
        let (first_at, _) = lines.line(start);
        let (last_at, last) = lines.line(end.saturating_sub(1));
        let mut evidence = CredentialEvidence::on(
            PLATFORM,
            Credential::Token,
            Span::new(first_at, last_at + last.len()),
        );
        evidence.principal = headers
            .iter()
            .find(|(n, v, _)| n == "x-ausername" && !v.is_empty())
            .map(|(_, v, _)| v.clone());
        let command = request::preceding(&parsed.text, first_at);
        evidence.host = command
            .as_ref()
            .and_then(|c| c.url.as_ref())
            .and_then(|u| u.host.clone())
            .filter(|h| !crate::platforms::serves_other(h, PLATFORM));
        evidence.scopes_unseen = true;
        evidence.scopes_hint = Some(PERMISSIONS_HINT.into());
        if status == Some(401) && evidence.principal.is_none() {
            parsed.diagnose(
                Severity::Info,
                first_at,
                "401 without X-AUSERNAME: Bitbucket did not sign anyone in with this credential (or refused a permission); the body says which".into(),
                None,
            );
        }
        parsed.credentials.push(evidence);
        index = end;
    }
}

/// `Name: value` where Name is an HTTP header name.
fn header(line: &str) -> Option<(String, &str)> {
    let (name, value) = line.split_once(':')?;
    (!name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && (value.is_empty() || value.starts_with([' ', '\t'])))
    .then(|| (name.to_ascii_lowercase(), value.trim()))
}

/// A CI or clone log where Git over HTTPS refused the credential (`fatal: Authentication
/// failed for '…'`), from a text that names Bitbucket Server or Data Center (or when Bitbucket
/// Data Center was chosen): the whole block is the log, read as one finding.
fn read_git_log(parsed: &mut Parsed, lines: &mut TextLines) {
    let fatal = (0..lines.len()).find(|&i| {
        !lines.is_consumed(i)
            && lines
                .line(i)
                .1
                .to_ascii_lowercase()
                .contains("fatal: authentication failed for")
    });
    let Some(fatal) = fatal else { return };
    let block: Vec<(usize, &str)> = (0..lines.len()).map(|i| lines.line(i)).collect();
    let whole: String = block.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n");
    if !(mentions_dc(&whole) || parsed.platform_hint == Some(PLATFORM)) {
        return;
    }
    let rest_ok = block.iter().find_map(|(_, l)| {
        let t = l.trim();
        let lower = t.to_ascii_lowercase();
        ((lower.starts_with("looking up ") && lower.contains("for branches"))
            || lower.starts_with("checking branch "))
        .then_some(t)
    });
    // A connection setting with a token and no username (Sourcegraph's `"token"`, a URL without
    // `user@`).
    let has_token_setting = block
        .iter()
        .any(|(_, l)| l.trim_start().starts_with("\"token\""));
    let has_username_setting = block
        .iter()
        .any(|(_, l)| l.trim_start().starts_with("\"username\""));
    let (fatal_at, fatal_line) = lines.line(fatal);
    let indent = fatal_line.find("fatal:").unwrap_or(0);
    let span = Span::new(fatal_at + indent, fatal_at + fatal_line.len());
    let host = block.iter().find_map(|(_, l)| {
        l.split_whitespace()
            .find(|w| w.starts_with("https://") || w.starts_with("http://"))
            .map(request::Url::parse)
            .and_then(|u| u.host)
            .filter(|h| !crate::platforms::serves_other(h, PLATFORM))
    });
    let mut evidence = CredentialEvidence::on(PLATFORM, Credential::Token, span);
    evidence.host = host;
    evidence.scopes_unseen = true;
    evidence.scopes_hint = Some(PERMISSIONS_HINT.into());
    evidence.findings.push(git_auth_failed(
        span,
        rest_ok,
        has_token_setting && !has_username_setting,
    ));
    for i in 0..lines.len() {
        lines.consume(i);
    }
    parsed.set_format(GIT_LOG);
    parsed.credentials.push(evidence);
}

/// A line of permission ids that names one no token can carry (`REPO_READ PROJECT_CREATE`,
/// `SYS_ADMIN`): the generic reader would call it unknown and suggest a look-alike; here it is
/// said what it is. Token permissions on such lines form a token; a line of global permissions
/// only is a user's.
fn read_permission_lines(parsed: &mut Parsed, lines: &mut TextLines) {
    let mut claimed: Vec<(usize, Vec<(usize, String)>)> = Vec::new();
    for index in 0..lines.len() {
        if lines.is_consumed(index) {
            continue;
        }
        let (at, line) = lines.line(index);
        let words: Vec<(usize, &str)> = crate::parse::scopes::tokens(line)
            .into_iter()
            .map(|(o, w)| (at + o, w))
            .collect();
        let ids: Vec<(usize, String)> = words
            .iter()
            .map(|(o, w)| (*o, w.trim_end_matches(['.', ':']).to_string()))
            .collect();
        let all_ours = !ids.is_empty()
            && ids.iter().all(|(_, w)| w.contains('_') || w == "ADMIN")
            && ids.iter().all(|(_, w)| is_permission_id(w));
        let names_a_user_permission = ids.iter().any(|(_, w)| !is_token_permission(w));
        if all_ours && names_a_user_permission && ids.iter().any(|(_, w)| w.contains('_')) {
            lines.consume(index);
            claimed.push((index, ids));
        }
    }
    if claimed.is_empty() {
        return;
    }
    let all: Vec<(usize, String)> = claimed.into_iter().flat_map(|(_, ids)| ids).collect();
    let token_ids: Vec<&(usize, String)> =
        all.iter().filter(|(_, w)| is_token_permission(w)).collect();
    let start = all.first().map(|(o, _)| *o).unwrap_or(0);
    let end = all.last().map(|(o, w)| o + w.len()).unwrap_or(start);
    if token_ids.is_empty() {
        // Global permissions only: what a user holds.
        let grants: Vec<ScopeGrant> = all
            .iter()
            .filter(|(_, w)| GLOBAL.contains(&w.as_str()))
            .filter_map(|(o, w)| {
                user_vocabulary().find(w).map(|def| ScopeGrant {
                    vocabulary: user_vocabulary(),
                    id: def.id.to_string(),
                    span: Span::new(*o, o + w.len()),
                })
            })
            .collect();
        if grants.is_empty() {
            for (o, w) in &all {
                parsed.diagnose(
                    Severity::Warning,
                    *o,
                    format!("`{w}` is a project or repository permission of a user; without the listing it came from, whose and where is not shown, so it was not counted"),
                    Some("paste the users search with its filter (`…/rest/api/latest/users?filter=USER&permission.1=…`)".into()),
                );
            }
            return;
        }
        let names = grants
            .iter()
            .map(|g| format!("{} ({})", super::permission_name(&g.id), g.id))
            .collect::<Vec<_>>()
            .join(", ");
        let span = Span::new(start, end);
        parsed.accounts.push(AccountEvidence {
            principal_id: None,
            platform: PLATFORM,
            principal: None,
            raw_id: grants
                .iter()
                .map(|g| format!("globalPermission:{}", g.id))
                .collect::<Vec<_>>()
                .join(" "),
            grants,
            scope: None,
            describe: format!("{names}, as pasted"),
            span,
        });
        return;
    }
    let mut evidence =
        CredentialEvidence::on(PLATFORM, Credential::AccessToken, Span::new(start, end));
    for (o, w) in &all {
        super::add_token_grant(parsed, &mut evidence.grants, w, *o);
    }
    parsed.set_format(crate::parse::text::FORMAT);
    parsed.credentials.push(evidence);
}

/// The token page's labels: "Project permissions: Write", "Repository: Admin", or the
/// permission matrix's names ("Project read, Repository write"). No copy of the page was found
/// (platform-samples.md §6): the words are those of Atlassian's HTTP access tokens page.
pub fn read_label(line: &str, at: usize) -> Option<LabelRead> {
    if line.len() > 120 {
        return None;
    }
    let span = Span::new(at, at + line.len());
    let grant = |id: &str| {
        token_vocabulary().find(id).map(|def| ScopeGrant {
            vocabulary: token_vocabulary(),
            id: def.id.to_string(),
            span,
        })
    };
    let level_id = |kind: &str, level: &str| -> Option<String> {
        let level = level.trim().trim_end_matches('.').to_ascii_lowercase();
        let level = match level.as_str() {
            "read" => "READ",
            "write" => "WRITE",
            "admin" => "ADMIN",
            _ => return None,
        };
        Some(format!("{kind}_{level}"))
    };
    // "Project permissions: Read" / "Repository: Write".
    if let Some((group, level)) = line.split_once(':') {
        let kind = match group.trim().to_ascii_lowercase().as_str() {
            "project permissions" | "project permission" | "project" => Some("PROJECT"),
            "repository permissions" | "repository permission" | "repository" => Some("REPO"),
            _ => None,
        };
        if let Some(kind) = kind {
            return Some(match level_id(kind, level) {
                Some(id) => LabelRead::Grants {
                    grants: grant(&id).into_iter().collect(),
                    credential: Some((Credential::AccessToken, true)),
                },
                None => LabelRead::Wrong {
                    at: at + group.len() + 1,
                    message: format!(
                        "`{}` is not a level of Bitbucket Data Center's \"{}\", so it was not counted",
                        level.trim(),
                        group.trim()
                    ),
                    help: Some("the levels are Read, Write and Admin".into()),
                },
            });
        }
    }
    // "Project read, Repository write".
    let mut grants = Vec::new();
    for part in line
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let lower = part.to_ascii_lowercase();
        let (kind, level) = if let Some(l) = lower.strip_prefix("project ") {
            ("PROJECT", l)
        } else if let Some(l) = lower.strip_prefix("repository ") {
            ("REPO", l)
        } else {
            return None;
        };
        grants.push(grant(&level_id(kind, level)?)?);
    }
    (!grants.is_empty()).then_some(LabelRead::Grants {
        grants,
        credential: Some((Credential::AccessToken, true)),
    })
}

/// The token owner a credential's request names, from the text just before `at`.
pub fn token_owner_before(text: &str, at: usize) -> Option<TokenOwner> {
    let command = request::preceding(text, at)?;
    match command.url?.endpoint() {
        Endpoint::Tokens(owner) => Some(owner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_the_token_page() {
        let Some(LabelRead::Grants { grants, .. }) = read_label("Project permissions: Write", 0)
        else {
            panic!("not read");
        };
        assert_eq!(grants[0].id, "PROJECT_WRITE");
        let Some(LabelRead::Grants { grants, .. }) =
            read_label("Project read, Repository admin", 0)
        else {
            panic!("not read");
        };
        let ids: Vec<&str> = grants.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, vec!["PROJECT_READ", "REPO_ADMIN"]);
        assert!(matches!(
            read_label("Repository permissions: Delete", 0),
            Some(LabelRead::Wrong { .. })
        ));
        assert!(
            read_label("Repositories: Read", 0).is_none(),
            "Bitbucket Cloud's label"
        );
        assert!(
            read_label("Project and Team: Read", 0).is_none(),
            "Azure DevOps' label"
        );
        assert!(read_label("project read the docs", 0).is_none());
    }
}
