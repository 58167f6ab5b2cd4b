//! GitLab lines in a text block: `glab auth status`, Git's refusals (`remote: You are not allowed
//! to push code to this project.`, 403s, `HTTP Basic: Access denied`), python-gitlab errors,
//! API error bodies quoted inside a line, response headers with GitLab's marks, and the context
//! lines of a GitLab paste (zsh's `%`, Markdown fences). Lines are claimed only when they are
//! GitLab's: a `gh auth status` block beside a glab one is left to the GitHub folder.

use super::findings::{self, GitDirection, Rejected};
use super::readers::{self, attach};
use super::request::{self, Request};
use crate::evidence::{CredentialEvidence, Finding};
use crate::model::{Credential, Platform};
use crate::parse::{is_command_line, scopes, secrets, Parsed, TextLines};
use crate::report::Severity;
use crate::source::Span;
use serde_json::Value;

pub const GLAB_STATUS: &str = "gitlab-glab-auth-status";
pub const GIT_ERROR: &str = "gitlab-git-error";
pub const PYTHON_GITLAB: &str = "gitlab-python-gitlab-error";
pub const RESPONSE_HEADERS: &str = "gitlab-response-headers";

/// How far before a block to look for GitLab's marks (a `%` after the last answer of a
/// `curl` session is a block of its own).
const MARK_WINDOW: usize = 4096;

pub fn read_lines(parsed: &mut Parsed, lines: &mut TextLines) {
    if lines.is_empty() {
        return;
    }
    let marks = has_marks(parsed, lines);
    read_glab(parsed, lines);
    if marks {
        read_headers(parsed, lines);
    }
    read_git(parsed, lines);
    read_python_gitlab(parsed, lines);
    read_quoted_bodies(parsed, lines);
    read_scope_headings(parsed, lines);
    read_context(parsed, lines, marks);
    report_command_secrets(parsed, lines);
}

/// Whether the block, or the text just before it, is GitLab's (a GitLab host or URL, its API
/// path, its token header).
fn has_marks(parsed: &Parsed, lines: &TextLines) -> bool {
    let (first, _) = lines.line(0);
    let (last_at, last) = lines.line(lines.len().saturating_sub(1));
    let start = first.saturating_sub(MARK_WINDOW);
    let end = (last_at + last.len()).min(start + 4 * MARK_WINDOW);
    let window = floor_slice(&parsed.text, start, end).to_ascii_lowercase();
    ["gitlab", "/api/v4/", "private-token"]
        .iter()
        .any(|mark| window.contains(mark))
}

/// `text[start..end]`, moved inward to character boundaries.
fn floor_slice(text: &str, mut start: usize, mut end: usize) -> &str {
    end = end.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    start = start.min(end);
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..end).unwrap_or("")
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// `gitlab.example.com`, `localhost:3000`: a host heading a section of `glab auth status`.
fn is_host_line(trimmed: &str) -> bool {
    !trimmed.is_empty()
        && trimmed.len() < 254
        && (trimmed.contains('.') || trimmed.starts_with("localhost"))
        && !trimmed.ends_with(['.', ':'])
        && trimmed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// A status line without its glyph (`✓`, `x`, `!`, `-`).
fn status_text(trimmed: &str) -> Option<&str> {
    for glyph in ["✓", "✔", "✗", "x ", "X ", "! ", "- ", "* "] {
        if let Some(rest) = trimmed.strip_prefix(glyph) {
            return Some(rest.trim_start());
        }
    }
    trimmed.starts_with("Token:").then_some(trimmed)
}

/// How the hint of a `glab auth status` login starts (it also marks such credentials).
pub const GLAB_HINT: &str = "glab auth status shows the login, never the token's scopes or role";

/// The glab login's hint: glab never prints scopes.
pub fn glab_hint(host: &str) -> String {
    format!("{GLAB_HINT}: paste the answer of `curl --header \"PRIVATE-TOKEN: <your_token>\" \"https://{host}/api/v4/personal_access_tokens/self\"` (its scopes) and of …/personal_access_tokens/self/associations (its role in each group and project)")
}

/// `glab auth status`: one section per host, each becoming a credential whose scopes are not
/// shown. Sections with `gh auth status`'s marks (token scopes, `account` logins, `gho_` tokens)
/// are not GitLab's and stay unread here.
fn read_glab(parsed: &mut Parsed, lines: &mut TextLines) {
    let count = lines.len();
    let mut index = 0;
    while index < count {
        if lines.is_consumed(index) {
            index += 1;
            continue;
        }
        let (at, line) = lines.line(index);
        let trimmed = line.trim();
        // A probe script's own keys around glab's output (`GLAB_AUTH_OUTPUT:`), and glab's
        // telemetry notice, which is about gitlab.com's usage tracking, not a login.
        if trimmed.starts_with("GLAB_") || trimmed.starts_with("Could not send telemetry data") {
            lines.consume(index);
            index += 1;
            continue;
        }
        if !is_host_line(trimmed) {
            index += 1;
            continue;
        }
        let host_indent = indent_of(line);
        let mut section = Vec::new();
        let mut next = index + 1;
        while next < count {
            let (_, l) = lines.line(next);
            let t = l.trim();
            // Status lines are indented under their host; a copy that lost the indentation
            // still starts each with glab's glyph.
            let under_host = indent_of(l) > host_indent
                || (indent_of(l) == host_indent && status_text(t).is_some());
            if t.is_empty() || !under_host || is_host_line(t) || lines.is_consumed(next) {
                break;
            }
            section.push(next);
            next += 1;
        }
        let texts: Vec<&str> = section.iter().map(|&i| lines.line(i).1.trim()).collect();
        if texts.is_empty() || status_text(texts[0]).is_none() {
            index += 1;
            continue;
        }
        let host = trimmed.to_ascii_lowercase();
        let github = host == "github.com"
            || host.ends_with(".ghe.com")
            || texts.iter().any(|t| {
                t.contains("Token scopes")
                    || t.contains("Active account")
                    || (t.contains("Logged in to") && t.contains(" account "))
                    || ["gho_", "ghp_", "ghu_", "ghs_", "github_pat_"]
                        .iter()
                        .any(|p| t.contains(p))
            });
        let gitlab = host.contains("gitlab")
            || texts.iter().any(|t| {
                [
                    "REST API Endpoint",
                    "GraphQL Endpoint",
                    "API calls for",
                    "Token found in",
                    "api call failed",
                    "glab-cli",
                    "/api/v4/",
                    "glpat-",
                    "No token provided",
                ]
                .iter()
                .any(|m| t.contains(m))
            });
        if github || !gitlab {
            index = next;
            continue;
        }
        let (last_at, last) = lines.line(next - 1);
        let span = Span::new(at + indent_of(line), last_at + last.len());
        let mut evidence = CredentialEvidence::on(Platform::Gitlab, Credential::Token, span);
        evidence.host = Some(host.clone());
        evidence.scopes_unseen = true;
        evidence.scopes_hint = Some(glab_hint(&host));
        for &i in &section {
            let (line_at, raw) = lines.line(i);
            let t = raw.trim();
            let t_at = line_at + indent_of(raw);
            let body = status_text(t).unwrap_or(t);
            let line_span = Span::new(t_at, t_at + t.len());
            if let Some(rest) = body.strip_prefix("Logged in to ") {
                if let Some((_, user)) = rest.split_once(" as ") {
                    let user = user.split(" (").next().unwrap_or("").trim();
                    if !user.is_empty() && !user.chars().all(|c| c == '*') {
                        evidence.principal = Some(user.to_string());
                    }
                }
            } else if body.contains("api call failed") {
                if body.contains(": 401") {
                    evidence
                        .findings
                        .push(findings::token_rejected(Rejected::Unknown, line_span));
                } else {
                    parsed.diagnose(
                        Severity::Info,
                        t_at,
                        format!("glab could not check its token on {host}; this says nothing about the token's scopes"),
                        Some("check that the host is reachable, then paste the token's /personal_access_tokens/self answer".into()),
                    );
                }
            } else if body.starts_with("Invalid token provided") {
                evidence
                    .findings
                    .push(findings::token_rejected(Rejected::Unknown, line_span));
            } else if body.starts_with("No token provided") || body.starts_with("No token found") {
                evidence
                    .findings
                    .push(findings::glab_no_token(&host, line_span));
            } else if body.starts_with("Token") {
                if let Some((_, value)) = body.rsplit_once(": ") {
                    report_secret(parsed, value.trim(), t_at + t.len() - value.trim().len());
                }
            }
        }
        parsed.set_format(GLAB_STATUS);
        parsed.credentials.push(evidence);
        lines.consume(index);
        for &i in &section {
            lines.consume(i);
        }
        index = next;
    }
}

/// A token value printed in full (`glab auth status --show-token`): never read, never echoed.
fn report_secret(parsed: &mut Parsed, value: &str, at: usize) {
    if value.is_empty() || value.chars().all(|c| c == '*') {
        return;
    }
    match secrets::shape_of(value) {
        Some(shape) => secrets::report(parsed, at, shape),
        None => parsed.diagnose(
            Severity::Warning,
            at,
            "this line shows the token itself, not its scopes: it was not read and was not sent anywhere".into(),
            Some("run `glab auth status` without --show-token; if the token was shared by mistake, revoke it".into()),
        ),
    }
}

/// What one Git line of GitLab's says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum GitLine {
    Push,
    Download,
    AccessDenied,
    NotFound,
    /// Another `remote:` line of GitLab's message (its help link, its second sentence).
    Remote,
    /// `fatal: unable to access '<url>': The requested URL returned error: 403`.
    Refused(Option<String>),
    /// `fatal: Authentication failed for '<url>'`.
    AuthFailed(Option<String>),
}

fn quoted_url(line: &str) -> Option<String> {
    let start = line.find('\'')? + 1;
    let end = start + line.get(start..)?.find('\'')?;
    line.get(start..end)
        .filter(|u| u.starts_with("http"))
        .map(str::to_string)
}

fn git_line(trimmed: &str) -> Option<GitLine> {
    if let Some(message) = trimmed.strip_prefix("remote:") {
        let message = message.trim();
        return Some(
            if message.contains("You are not allowed to push code to this project") {
                GitLine::Push
            } else if message.contains("You are not allowed to download code from this project") {
                GitLine::Download
            } else if message.contains("HTTP Basic: Access denied") {
                GitLine::AccessDenied
            } else if message.contains("The project you were looking for could not be found") {
                GitLine::NotFound
            } else {
                GitLine::Remote
            },
        );
    }
    if trimmed.starts_with("fatal: unable to access") && trimmed.contains("returned error: 403") {
        return Some(GitLine::Refused(quoted_url(trimmed)));
    }
    if trimmed.starts_with("fatal: Authentication failed for") {
        return Some(GitLine::AuthFailed(quoted_url(trimmed)));
    }
    None
}

/// The user of a Git URL, when it names one (`https://user:secret@host/…`).
fn url_user(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let (userinfo, _) = authority.rsplit_once('@')?;
    let user = userinfo.split(':').next()?;
    (!user.is_empty()).then(|| user.to_string())
}

/// Git's refusals of GitLab's: one credential per block, with what each refusal proves.
fn read_git(parsed: &mut Parsed, lines: &mut TextLines) {
    let mut seen: Vec<(usize, GitLine)> = Vec::new();
    for (index, _, line) in lines.unconsumed() {
        if let Some(kind) = git_line(line.trim()) {
            seen.push((index, kind));
        }
    }
    let gitlab_message = seen.iter().any(|(_, k)| {
        matches!(
            k,
            GitLine::Push | GitLine::Download | GitLine::AccessDenied | GitLine::NotFound
        )
    });
    let url = seen.iter().find_map(|(_, k)| match k {
        GitLine::Refused(url) | GitLine::AuthFailed(url) => url.clone(),
        _ => None,
    });
    let user = url.as_deref().and_then(url_user);
    let ci_token_user = user.as_deref() == Some("gitlab-ci-token");
    let (host, path) = url
        .as_deref()
        .map(request::split_url)
        .unwrap_or((None, String::new()));
    let gitlab_url = ci_token_user
        || user.as_deref() == Some("oauth2")
        || host.as_deref().is_some_and(|h| h.contains("gitlab"));
    if !gitlab_message && !gitlab_url {
        return;
    }
    // Which way the request went, from the lines around it.
    let mut direction = GitDirection::Unknown;
    for index in 0..lines.len() {
        let lower = lines.line(index).1.to_ascii_lowercase();
        if lower.contains("cloning into")
            || lower.contains("git clone")
            || lower.contains("git fetch")
            || lower.contains("git pull")
        {
            direction = GitDirection::Fetch;
        } else if lower.contains("git push")
            || lower.trim_start().starts_with("to http")
            || lower.contains("[remote rejected]")
        {
            direction = GitDirection::Push;
        }
    }
    let mut found: Vec<Finding> = Vec::new();
    for (index, kind) in &seen {
        let (at, line) = lines.line(*index);
        let t = line.trim();
        let span = Span::new(at + indent_of(line), at + indent_of(line) + t.len());
        let finding = match kind {
            GitLine::Push => Some(findings::push_refused(span)),
            GitLine::Download => Some(findings::download_refused(span)),
            GitLine::AccessDenied => Some(findings::git_access_denied(span)),
            GitLine::NotFound => Some(findings::git_not_found(span)),
            GitLine::Refused(_) if !gitlab_message => {
                Some(findings::git_https_refused(direction, ci_token_user, span))
            }
            GitLine::AuthFailed(_) if !gitlab_message => Some(findings::git_access_denied(span)),
            _ => None,
        };
        found.extend(finding);
    }
    if found.is_empty() {
        return;
    }
    let request = Request {
        method: None,
        host,
        path,
        token: None,
        at: 0,
    };
    let mut index = None;
    for finding in found {
        let span = finding.span;
        index = Some(attach(parsed, Some(&request), span, finding, GIT_ERROR));
    }
    // The account the URL names (not the reserved usernames of job and OAuth tokens).
    if let (Some(index), Some(user)) = (index, user) {
        let placeholder = user.starts_with(['(', '<', '$', '{']);
        if !placeholder && user != "gitlab-ci-token" && user != "oauth2" {
            if let Some(evidence) = parsed.credentials.get_mut(index) {
                evidence.principal = Some(user);
            }
        }
    }
    for (index, _) in seen {
        lines.consume(index);
    }
    // Git's own progress lines around the refusal.
    let progress: Vec<usize> = lines
        .unconsumed()
        .filter(|(_, _, l)| {
            let t = l.trim();
            t.starts_with("Cloning into") || t.starts_with("To http")
        })
        .map(|(i, _, _)| i)
        .collect();
    for index in progress {
        lines.consume(index);
    }
}

/// python-gitlab's exceptions: `gitlab.exceptions.GitlabHttpError`, `403: 403 Forbidden`, and
/// the call that raised them (`import_project(`).
fn read_python_gitlab(parsed: &mut Parsed, lines: &mut TextLines) {
    let marks: Vec<usize> = lines
        .unconsumed()
        .filter(|(_, _, l)| l.contains("gitlab.exceptions."))
        .map(|(i, _, _)| i)
        .collect();
    let Some(&first) = marks.first() else {
        return;
    };
    let mut status: Option<(String, usize)> = None;
    let mut used = marks.clone();
    let mut import = false;
    for (index, _, line) in lines.unconsumed() {
        let t = line.trim();
        if t.contains("import_project(") || t.contains(".imports.") {
            import = true;
            used.push(index);
        }
        if let Some(message) = status_message(t) {
            if status.is_none() {
                status = Some((message, index));
            }
            used.push(index);
        }
    }
    let Some((message, status_index)) = status else {
        return;
    };
    let (at, line) = lines.line(status_index);
    let span = Span::new(at + indent_of(line), at + line.len());
    let (code, reason) = message.split_once(' ').unwrap_or((message.as_str(), ""));
    let finding = match (code, reason) {
        ("401", _) => findings::token_rejected(Rejected::Unknown, span),
        ("403", _) if import => findings::import_refused(span),
        ("403", _) => findings::forbidden(span),
        ("404", "Namespace Not Found") => findings::namespace_not_found(span),
        ("404", reason) => {
            let what = reason
                .trim_end_matches("Not Found")
                .trim_end_matches("Not found")
                .trim()
                .to_ascii_lowercase();
            findings::not_found(if what.is_empty() { "resource" } else { &what }, None, span)
        }
        _ => {
            let (mark_at, _) = lines.line(first);
            parsed.diagnose(
                Severity::Info,
                mark_at,
                format!("python-gitlab reported \"{message}\", which says nothing about the token's permissions"),
                None,
            );
            for index in used {
                lines.consume(index);
            }
            return;
        }
    };
    attach(parsed, None, span, finding, PYTHON_GITLAB);
    for index in used {
        lines.consume(index);
    }
}

/// "403 Forbidden" out of `('403 Forbidden',)`, `403: 403 Forbidden` or
/// `…GitlabAuthenticationError: 401: 401 Unauthorized`.
fn status_message(trimmed: &str) -> Option<String> {
    let candidates = [
        trimmed
            .strip_prefix("('")
            .and_then(|r| r.split('\'').next())
            .map(str::to_string),
        trimmed
            .rsplit_once(": ")
            .filter(|(head, _)| {
                let code = head.rsplit(' ').next().unwrap_or(head);
                code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit())
            })
            .map(|(_, tail)| tail.to_string()),
    ];
    candidates.into_iter().flatten().find(|m| {
        let code = m.split(' ').next().unwrap_or("");
        code.len() == 3
            && code.bytes().all(|b| b.is_ascii_digit())
            && matches!(code.as_bytes().first(), Some(b'4'))
    })
}

/// An API error body inside a line of text (`API not respond well with 404 {"message": …}`,
/// `` `{"error":"insufficient_scope",…}` ``).
fn read_quoted_bodies(parsed: &mut Parsed, lines: &mut TextLines) {
    let candidates: Vec<(usize, usize, &str)> = lines
        .unconsumed()
        .filter(|(_, _, l)| l.contains("{\"message\"") || l.contains("{\"error\""))
        .collect();
    for (index, at, line) in candidates {
        let pos = match (line.find("{\"message\""), line.find("{\"error\"")) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => continue,
        };
        let Some(rest) = line.get(pos..) else {
            continue;
        };
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let Some(Ok(Value::Object(object))) = stream.next() else {
            continue;
        };
        let end = at + pos + stream.byte_offset();
        let request = request::before(&parsed.text, at);
        if readers::read_error_body(parsed, &object, Span::new(at + pos, end), request.as_ref()) {
            lines.consume(index);
        }
    }
}

/// `Scopes: api, read_repository`: a heading and a list of GitLab scopes on one line. The shared
/// reader counts only the distinctive ids of such a line (`read_repository`), never a plain
/// word like `api`; here the heading says the words are scopes, when every one is GitLab's.
fn read_scope_headings(parsed: &mut Parsed, lines: &mut TextLines) {
    const HEADINGS: &[&str] = &[
        "scopes",
        "scope",
        "token scopes",
        "selected scopes",
        "granted scopes",
    ];
    let candidates: Vec<(usize, usize, &str)> = lines
        .unconsumed()
        .filter(|(_, _, l)| l.len() < 400 && l.contains([':', '=']))
        .collect();
    for (index, at, line) in candidates {
        let Some(split) = line.find([':', '=']) else {
            continue;
        };
        let heading = line[..split]
            .trim()
            .trim_start_matches(['-', '*', '•', ' '])
            .to_ascii_lowercase();
        if !HEADINGS.contains(&heading.as_str()) {
            continue;
        }
        let list_at = split + 1;
        let list = &line[list_at..];
        let scan = scopes::scan_list(list, at + list_at);
        let gitlab = |item: &scopes::Item| {
            item.alternatives
                .iter()
                .any(|g| g.vocabulary.platform() == Platform::Gitlab)
        };
        if scan.items.is_empty() || !scan.unknown.is_empty() || !scan.items.iter().all(gitlab) {
            continue;
        }
        let span = Span::new(at, at + line.len());
        if crate::parse::text::credentials_from_items(parsed, scan.items, span) {
            lines.consume(index);
        }
    }
}

/// Response headers with GitLab's marks (`x-gitlab-meta`, `gitlab-lb`, a bearer error in
/// `www-authenticate`): read for what their status and `www-authenticate` prove. GitLab sends no
/// scope header, so a successful response's headers say nothing more.
fn read_headers(parsed: &mut Parsed, lines: &mut TextLines) {
    let count = lines.len();
    let mut index = 0;
    while index < count {
        let run_start = index;
        let mut run: Vec<(usize, String, String, usize)> = Vec::new();
        let mut status: Option<u16> = None;
        while index < count && !lines.is_consumed(index) {
            let (at, line) = lines.line(index);
            let t = line.trim();
            if let Some(rest) = t.strip_prefix("HTTP/") {
                if !run.is_empty() || status.is_some() {
                    break;
                }
                status = rest.split_whitespace().nth(1).and_then(|c| c.parse().ok());
                run.push((index, String::new(), String::new(), at));
            } else if let Some((name, value)) = header(t) {
                run.push((index, name.to_ascii_lowercase(), value.to_string(), at));
            } else {
                break;
            }
            index += 1;
        }
        if run.is_empty() {
            index = run_start + 1;
            continue;
        }
        let request = request::before(&parsed.text, run[0].3);
        // GitLab's own headers, or a response (status line first) to a request to GitLab's API.
        let gitlab = run.iter().any(|(_, name, value, _)| {
            name.starts_with("x-gitlab-")
                || name.starts_with("gitlab-")
                || (name == "www-authenticate"
                    && (value.contains("insufficient_scope") || value.contains("invalid_token")))
        }) || (status.is_some()
            && request.as_ref().is_some_and(readers::is_gitlab_request));
        if !gitlab {
            continue;
        }
        let www = run
            .iter()
            .find(|(_, name, _, _)| name == "www-authenticate")
            .map(|(_, _, value, at)| (value.clone(), *at));
        let (first_at, _) = lines.line(run[0].0);
        let (last_at, last) = lines.line(run[run.len() - 1].0);
        let span = Span::new(first_at, last_at + last.len());
        let finding = match (&www, status) {
            (Some((value, at)), _)
                if param(value, "error").as_deref() == Some("insufficient_scope") =>
            {
                let accepted: Vec<String> = param(value, "scope")
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                Some(findings::insufficient_scope(
                    &accepted,
                    request.as_ref().and_then(|r| r.method.as_deref()),
                    Span::new(*at, *at + value.len()),
                ))
            }
            (Some((value, at)), _) if param(value, "error").as_deref() == Some("invalid_token") => {
                let description = param(value, "error_description").unwrap_or_default();
                let detail = if description.starts_with("Token is expired") {
                    Rejected::Expired
                } else if description.starts_with("Token was revoked") {
                    Rejected::Revoked
                } else {
                    Rejected::Unknown
                };
                Some(findings::token_rejected(
                    detail,
                    Span::new(*at, *at + value.len()),
                ))
            }
            (_, Some(401)) => Some(findings::token_rejected(Rejected::Unknown, span)),
            // A 403 or 404 is explained by its body (GitLab sends no www-authenticate with a
            // 403 insufficient_scope).
            _ => None,
        };
        if let Some(finding) = finding {
            attach(parsed, request.as_ref(), span, finding, RESPONSE_HEADERS);
        }
        for (i, _, _, _) in &run {
            lines.consume(*i);
        }
    }
}

/// `Name: value` with an HTTP header's name.
fn header(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let ok = !name.is_empty()
        && value.starts_with([' ', '\t'])
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then(|| (name, value.trim()))
}

/// A parameter of a `www-authenticate` challenge (`error="insufficient_scope"`).
fn param(value: &str, key: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower.get(from..).and_then(|l| l.find(&format!("{key}="))) {
        let start = from + pos;
        let boundary = start == 0 || matches!(lower.as_bytes().get(start - 1), Some(b' ' | b','));
        let rest = value.get(start + key.len() + 1..)?;
        if boundary {
            return Some(match rest.strip_prefix('"') {
                Some(quoted) => quoted.split('"').next().unwrap_or("").to_string(),
                None => rest.split([',', ' ']).next().unwrap_or("").to_string(),
            });
        }
        from = start + key.len() + 1;
    }
    None
}

/// Lines around GitLab answers that say nothing themselves: zsh's `%` after a body without a
/// final newline, Markdown fences and "Example response:" of copied documentation, and a
/// backup tool's closing "Import was not successful" after an import refusal.
fn read_context(parsed: &mut Parsed, lines: &mut TextLines, marks: bool) {
    let import_failed = parsed.credentials.iter().any(|c| {
        c.platform == Some(Platform::Gitlab)
            && c.findings
                .iter()
                .any(|f| matches!(f.id, "gitlab-namespace-not-found" | "gitlab-import-refused"))
    });
    let context: Vec<usize> = lines
        .unconsumed()
        .filter(|(_, _, l)| {
            let t = l.trim();
            (marks
                && (t == "%"
                    || t.starts_with("```")
                    || t.eq_ignore_ascii_case("example response:")
                    || t.eq_ignore_ascii_case("example request:")))
                || (import_failed && t.eq_ignore_ascii_case("import was not successful"))
        })
        .map(|(i, _, _)| i)
        .collect();
    for index in context {
        lines.consume(index);
    }
}

/// A GitLab token inside a pasted command (`--header "PRIVATE-TOKEN: glpat-…"`): the command is
/// still read for where it went, but the secret is reported, never echoed.
fn report_command_secrets(parsed: &mut Parsed, lines: &mut TextLines) {
    let commands: Vec<(usize, &str)> = lines
        .unconsumed()
        .filter(|(_, _, l)| is_command_line(l.trim()))
        .map(|(_, at, l)| (at, l))
        .collect();
    for (at, line) in commands {
        for (offset, piece) in scopes::tokens(line) {
            if super::is_gitlab_secret(piece) {
                if let Some(shape) = secrets::shape_of(piece) {
                    secrets::report(parsed, at + offset, shape);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_www_authenticate_parameters() {
        let value = r#"Bearer realm="Protected by OAuth 2.0", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token.", scope="api read_api""#;
        assert_eq!(param(value, "error").as_deref(), Some("insufficient_scope"));
        assert_eq!(param(value, "scope").as_deref(), Some("api read_api"));
        assert_eq!(param("Bearer realm=x", "error"), None);
    }

    #[test]
    fn reads_status_messages() {
        assert_eq!(
            status_message("('403 Forbidden',)").as_deref(),
            Some("403 Forbidden")
        );
        assert_eq!(
            status_message("403: 403 Forbidden").as_deref(),
            Some("403 Forbidden")
        );
        assert_eq!(
            status_message("gitlab.exceptions.GitlabAuthenticationError: 401: 401 Unauthorized")
                .as_deref(),
            Some("401 Unauthorized")
        );
        assert_eq!(status_message("Error Details"), None);
    }

    #[test]
    fn reads_git_urls() {
        let line = "fatal: unable to access 'https://gitlab-ci-token:((redacted))@gitlab.company.com/a/b.git/': The requested URL returned error: 403";
        let url = quoted_url(line).unwrap();
        assert_eq!(url_user(&url).as_deref(), Some("gitlab-ci-token"));
        assert!(matches!(git_line(line), Some(GitLine::Refused(Some(_)))));
    }

    #[test]
    fn hosts_and_status_lines() {
        assert!(is_host_line("gitlab.toto.io"));
        assert!(is_host_line("gitlab.example.com:8443"));
        assert!(!is_host_line("GLAB_AUTH_OUTPUT:"));
        assert!(!is_host_line("Logged in to x as y"));
        assert_eq!(
            status_text("✓ Logged in to h as u (keyring)"),
            Some("Logged in to h as u (keyring)")
        );
        assert_eq!(
            status_text("x No token provided"),
            Some("No token provided")
        );
    }
}
