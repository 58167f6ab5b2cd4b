//! The lines of a text block only GitHub writes: `gh auth status`, the fine-grained token
//! page (its summary "Read and Write access to code, issues, …" and its "Contents: Read and
//! write" rows), GitHub's security e-mails that list a new token's scopes, `key=level`
//! permission lists, refusals (git remote messages, CLI errors, `curl -v`'s `< X-GitHub-SSO`),
//! a permissions JSON cut short with `...`, and the log lines around a refusal.

use super::catalog::SCOPE_VOCABULARY;
use super::gh_cli;
use super::headers::{hint_for, sso_message};
use super::json;
use super::messages::{self, Message};
use super::permissions::{self, Level, PERMISSION_VOCABULARY};
use crate::catalog::{normalize_label, Vocabulary};
use crate::evidence::{CredentialEvidence, Expiry, Finding, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::scopes::{looks_like_scope_id, scan_list, tokens};
use crate::parse::{is_command_line, Parsed, TextLines};
use crate::platforms::REGISTRY;
use crate::report::Severity;
use crate::source::Span;

pub const TOKEN_PAGE: &str = "github-token-page";
pub const SECURITY_EMAIL: &str = "github-security-email";
pub const MESSAGES: &str = "github-messages";

/// Read the lines of a text block GitHub writes.
pub fn read_lines(parsed: &mut Parsed, lines: &mut TextLines) {
    if read_elided_json(parsed, lines) {
        return;
    }
    consume_probe_keys(lines);
    gh_cli::read(parsed, lines);
    read_token_page(parsed, lines);
    read_emails(parsed, lines);
    read_permission_pairs(parsed, lines);
    read_messages(parsed, lines);
}

/// A probe script's own keys around gh's output (`GH_AUTH_OUTPUT:`, `GH_CLI: /usr/bin/gh`):
/// labels of the script, never scopes.
fn consume_probe_keys(lines: &mut TextLines) {
    for i in 0..lines.len() {
        let key = lines.line(i).1.trim().split(':').next().unwrap_or("");
        if key.len() > 3
            && key.starts_with("GH_")
            && key
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
            && lines.line(i).1.contains(':')
        {
            lines.consume(i);
        }
    }
}

/// The lines left around GitHub's output in a block, once every platform read its own.
pub fn read_context(parsed: &mut Parsed, lines: &mut TextLines, first: usize) {
    let github_read = parsed
        .credentials
        .get(first..)
        .is_some_and(|c| c.iter().any(|e| e.platform == Some(Platform::Github)));
    if github_read || mentions_github(lines) {
        consume_log_context(parsed, lines);
    }
}

/// The line's text without list bullets, and its offset.
fn content<'a>(lines: &TextLines<'a>, i: usize) -> (usize, &'a str) {
    let (start, raw) = lines.line(i);
    let mut text = raw.trim_start();
    loop {
        let before = text.len();
        for bullet in ["- ", "* ", "• ", "> "] {
            text = text.strip_prefix(bullet).unwrap_or(text).trim_start();
        }
        if text.len() == before {
            break;
        }
    }
    // `text` is a suffix of `raw` until its end is trimmed.
    let at = start + (raw.len() - text.len());
    (at, text.trim_end())
}

// ---------------------------------------------------------------------------------------------
// The fine-grained token page.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Repository,
    Organization,
    Account,
}

fn section_heading(text: &str) -> Option<Option<Section>> {
    let n = normalize_label(text.trim_end_matches(':'));
    let n = n.trim_end_matches(" selected").trim();
    match n {
        "repository permissions" => Some(Some(Section::Repository)),
        "organization permissions" => Some(Some(Section::Organization)),
        "account permissions" | "user permissions" => Some(Some(Section::Account)),
        "token configuration" | "permissions" | "token permissions" => Some(None),
        _ => None,
    }
}

/// The key a permission title names within a section ("Administration" is the organization's
/// under "Organization permissions").
fn key_in(title: &str, section: Option<Section>) -> Option<&'static str> {
    if section == Some(Section::Organization) {
        if let Some(key) = permissions::key_of(&format!("organization {title}")) {
            return Some(key);
        }
    }
    permissions::key_of(title)
}

/// Titles other token pages also have (Bitbucket's app-password page; Azure DevOps' PAT page has
/// "Code"): read as GitHub's only beside GitHub's own.
const SHARED_TITLES: &[&str] = &["issues", "pull requests", "webhooks", "projects", "code"];

struct PageLine {
    index: usize,
    grants: Vec<ScopeGrant>,
    /// Whether the line alone says it is GitHub's.
    distinctive: bool,
}

fn level_text(raw: &str) -> &str {
    let mut level = raw.trim();
    for prefix in ["Access:", "access:", "ACCESS:"] {
        level = level.strip_prefix(prefix).unwrap_or(level).trim();
    }
    level
        .split(" (")
        .next()
        .unwrap_or(level)
        .trim_end_matches('.')
        .trim()
}

/// The date of "Expires on Tue, Dec 1 2026." or "Expired on Mon, Nov 2 2026." (the fine-grained
/// tokens list and a token's page), as seconds since 1970.
fn expiry_line(text: &str) -> Option<i64> {
    let rest = ["Expires on ", "Expired on ", "Expires ", "Expired "]
        .iter()
        .find_map(|p| text.strip_prefix(p))?;
    let rest = rest.trim().trim_end_matches('.');
    if let Some(at) = crate::evidence::parse_timestamp(rest) {
        return Some(at);
    }
    // "Tue, Dec 1 2026", "Dec 1, 2026", "December 1 2026".
    let words: Vec<&str> = rest
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let (m, month) = words.iter().enumerate().find_map(|(i, w)| {
        let lower = w.to_ascii_lowercase();
        months
            .iter()
            .position(|m| lower.starts_with(m))
            .map(|n| (i, n + 1))
    })?;
    let day: u32 = words.get(m + 1)?.parse().ok()?;
    let year: u32 = words.get(m + 2)?.parse().ok()?;
    crate::evidence::parse_timestamp(&format!("{year:04}-{month:02}-{day:02}"))
}

/// "Read and Write access to actions, code, issues, pull requests, and workflows", "Read access
/// to metadata", "Read & Write on code": the level and the listed permissions with offsets.
fn summary(text: &str) -> Option<(Level, Vec<(usize, &str)>)> {
    let lower = text.to_ascii_lowercase();
    let (cut, skip) = [" access to ", " access on ", " on "]
        .iter()
        .find_map(|sep| lower.find(sep).map(|at| (at, sep.len())))?;
    let level = Level::parse(&text[..cut])?;
    let list_at = cut + skip;
    let list = &text[list_at..];
    let mut items = Vec::new();
    let mut offset = list_at;
    for piece in list.split(',') {
        let trimmed = piece.trim_start();
        let lead = piece.len() - trimmed.len();
        let (word, skip) = match trimmed
            .strip_prefix("and ")
            .or_else(|| trimmed.strip_prefix("& "))
        {
            Some(rest) => (rest, trimmed.len() - rest.len()),
            None => (trimmed, 0),
        };
        let word = word.trim_end().trim_end_matches('.');
        // "code and metadata": a last pair joined by "and" without a comma.
        let mut sub_offset = offset + lead + skip;
        for part in word.split(" and ") {
            let p = part.trim();
            if !p.is_empty() {
                items.push((sub_offset, p));
            }
            sub_offset += part.len() + " and ".len();
        }
        offset += piece.len() + 1;
    }
    Some((level, items))
}

fn read_token_page(parsed: &mut Parsed, lines: &mut TextLines) -> bool {
    let vocabulary = Vocabulary(&PERMISSION_VOCABULARY);
    let mut section: Option<Section> = None;
    let mut context = false;
    let mut headings: Vec<usize> = Vec::new();
    let mut page: Vec<PageLine> = Vec::new();
    let mut selection: Option<(usize, String)> = None;
    let mut awaiting_selection = false;
    let mut expires: Option<Expiry> = None;
    for i in 0..lines.len() {
        if lines.is_consumed(i) {
            continue;
        }
        let (at, text) = content(lines, i);
        if text.is_empty() {
            continue;
        }
        // The tokens list's "Expires on Tue, Dec 1 2026." / "Expired on Mon, Nov 2 2026.".
        if let Some(date) = expiry_line(text) {
            expires = Some(Expiry {
                at: date,
                span: Span::new(at, at + text.len()),
            });
            headings.push(i);
            continue;
        }
        // "Repository permissions: Read & Write on …" carries its section in front.
        let (text, at) = match text.split_once(':') {
            Some((head, rest)) if section_heading(head).is_some() && !rest.trim().is_empty() => {
                section = section_heading(head).flatten().or(section);
                let rest_trimmed = rest.trim_start();
                (rest_trimmed, at + (text.len() - rest_trimmed.len()))
            }
            _ => (text, at),
        };
        if let Some(heading) = section_heading(text) {
            section = heading.or(section);
            headings.push(i);
            if heading.is_some() {
                context = true;
            }
            continue;
        }
        let lower = text.to_ascii_lowercase();
        // "Repository access" over its choice ("Only select repositories").
        if awaiting_selection {
            awaiting_selection = false;
            if lower.contains("repositories") {
                selection = Some((at, text.to_string()));
                headings.push(i);
                continue;
            }
        }
        if normalize_label(text) == "repository access" {
            awaiting_selection = true;
            headings.push(i);
            continue;
        }
        if lower.starts_with("none (unavailable") || lower == "none" {
            headings.push(i);
            continue;
        }
        if let Some(rest) = lower.strip_prefix("repository access:") {
            let value = text[text.len() - rest.len()..]
                .trim()
                .trim_matches('"')
                .to_string();
            selection = Some((at, value));
            headings.push(i);
            context = true;
            continue;
        }
        if let Some((level, items)) = summary(text) {
            let known: Vec<(usize, &str, &'static str)> = items
                .iter()
                .filter_map(|(o, w)| key_in(w, section).map(|k| (*o, *w, k)))
                .collect();
            if !known.is_empty() && known.len() * 2 >= items.len() {
                let mut grants = Vec::new();
                for (offset, word) in &items {
                    let span = Span::new(at + offset, at + offset + word.len());
                    match key_in(word, section) {
                        Some(key) => match permissions::grant_id(key, level) {
                            Some(id) => grants.push(ScopeGrant {
                                vocabulary,
                                id: id.to_string(),
                                span,
                            }),
                            None if level == Level::None => {}
                            None => parsed.diagnose(
                                Severity::Warning,
                                span.start,
                                format!("GitHub does not offer `{word}` at the level `{}`, so it was not counted", level.id()),
                                None,
                            ),
                        },
                        None => parsed.diagnose(
                            Severity::Warning,
                            span.start,
                            format!("`{word}` is not a GitHub permission permcheck knows, so it was not counted"),
                            None,
                        ),
                    }
                }
                page.push(PageLine {
                    index: i,
                    grants,
                    distinctive: true,
                });
                context = true;
                continue;
            }
        }
        // "Contents: Read and write", "Metadata — Access: Read-only".
        if let Some((title, level_raw, level_offset)) = crate::parse::text::split_label(text) {
            let level_word = level_text(level_raw);
            // "Read & write", "Read & execute": Azure DevOps' PAT page; GitHub writes "and".
            if level_word.contains('&') {
                continue;
            }
            let Some(level) = Level::parse(level_word) else {
                continue;
            };
            let Some(key) = key_in(title, section) else {
                continue;
            };
            let shared = SHARED_TITLES.contains(&normalize_label(title).as_str());
            let github_level = {
                let l = level_raw.to_ascii_lowercase();
                l.contains("only") || l.contains("access") || l.contains("mandatory")
            };
            let span = Span::new(at, at + text.len());
            let grants = match permissions::grant_id(key, level) {
                Some(id) => vec![ScopeGrant {
                    vocabulary,
                    id: id.to_string(),
                    span,
                }],
                None if level == Level::None => Vec::new(),
                None => {
                    parsed.diagnose(
                        Severity::Warning,
                        at + level_offset,
                        format!("GitHub does not offer `{title}` at the level `{level_word}`, so it was not counted"),
                        None,
                    );
                    Vec::new()
                }
            };
            page.push(PageLine {
                index: i,
                grants,
                distinctive: !shared || github_level,
            });
        }
    }
    context |= page.iter().any(|p| p.distinctive);
    if !context || page.is_empty() && selection.is_none() {
        return false;
    }
    let mut grants: Vec<ScopeGrant> = Vec::new();
    let mut first_at: Option<usize> = None;
    let mut last_end = 0;
    for line in page {
        lines.consume(line.index);
        let (at, text) = content(lines, line.index);
        first_at.get_or_insert(at);
        last_end = last_end.max(at + text.len());
        grants.extend(line.grants);
    }
    for i in headings {
        lines.consume(i);
        let (at, text) = content(lines, i);
        first_at.get_or_insert(at);
        last_end = last_end.max(at + text.len());
    }
    let start = first_at.unwrap_or(0);
    let mut evidence = CredentialEvidence::on(
        Platform::Github,
        Credential::FineGrainedPat,
        Span::new(start, last_end.max(start)),
    );
    evidence.grants = grants;
    evidence.expires = expires;
    if let Some((at, value)) = selection {
        let lower = value.to_ascii_lowercase();
        if lower.contains("select") {
            evidence.findings.push(Finding {
                id: "github-repository-selection",
                blocks: crate::evidence::Blocks::Nothing,
                categories: &[],
                proves: format!("The token reaches only the repositories selected for it (Repository access: {value}): repositories outside the selection are neither backed up nor restored."),
                action: "Choose \"All repositories\" on the token's page, or select every repository the backup must protect.".into(),
                cannot_tell: "Which repositories are selected.".into(),
                span: Span::new(at, at + value.len()),
                source: &super::sources::GH_FINE_GRAINED_LIMITS,
            });
        }
    }
    if evidence.grants.is_empty() {
        evidence.scopes_unseen = true;
        evidence.scopes_hint = Some(gh_cli::FINE_GRAINED_HINT.into());
    }
    parsed.set_format(TOKEN_PAGE);
    parsed.credentials.push(evidence);
    true
}

// ---------------------------------------------------------------------------------------------
// GitHub's security e-mails.

/// "A personal access token (NAME) with read:org, repo, and workflow scopes was recently added
/// to your account." / "A third-party OAuth application (NAME) with … scopes was recently
/// authorized to access your account." / "A fine-grained personal access token (NAME) was
/// recently added to your account."
fn read_emails(parsed: &mut Parsed, lines: &mut TextLines) -> bool {
    let vocabulary = Vocabulary(&SCOPE_VOCABULARY);
    let mut read_any = false;
    let mut i = 0;
    while i < lines.len() {
        if lines.is_consumed(i) {
            i += 1;
            continue;
        }
        let (start, raw) = lines.line(i);
        let lower = raw.to_ascii_lowercase();
        let opens = [
            "a personal access token",
            "a fine-grained personal access token",
            "oauth application (",
        ]
        .iter()
        .any(|m| lower.contains(m));
        if !opens {
            i += 1;
            continue;
        }
        // The sentence may wrap: join up to three lines until "recently".
        let mut last = i;
        while !lines.line(last).1.to_ascii_lowercase().contains("recently")
            && last + 1 < lines.len()
            && last < i + 2
            && !lines.line(last + 1).1.trim().is_empty()
        {
            last += 1;
        }
        let end = lines.line(last).0 + lines.line(last).1.len();
        let sentence: String = parsed.text.get(start..end).unwrap_or("").replace('\n', " ");
        let sentence_lower = sentence.to_ascii_lowercase();
        if !sentence_lower.contains("was recently") {
            i += 1;
            continue;
        }
        let fine_grained = sentence_lower.contains("fine-grained personal access token");
        let oauth = sentence_lower.contains("oauth application");
        let name = sentence
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(n, rest)| {
                if n.eq_ignore_ascii_case("classic") {
                    rest.split_once('(')
                        .and_then(|(_, r)| r.split_once(')'))
                        .map(|(n2, _)| n2.to_string())
                        .unwrap_or_default()
                } else {
                    n.to_string()
                }
            })
            .filter(|n| !n.is_empty());
        let (credential, certain) = if fine_grained {
            (Credential::FineGrainedPat, true)
        } else if oauth {
            (Credential::Oauth, true)
        } else {
            (Credential::Pat, true)
        };
        let mut evidence =
            CredentialEvidence::on(Platform::Github, credential, Span::new(start, end));
        evidence.credential_certain = certain;
        evidence.name = name;
        // The list sits between the last " with " before " scope" and " scope".
        if let Some(scope_at) = sentence_lower.find(" scope") {
            if let Some(with_at) = sentence_lower[..scope_at].rfind(" with ") {
                let list = &sentence[with_at + " with ".len()..scope_at];
                let mut cursor = start + with_at;
                for piece in list.split(',') {
                    let id = piece.trim().trim_start_matches("and ").trim();
                    if id.is_empty() {
                        continue;
                    }
                    let at = crate::parse::json::find(parsed, id, &mut cursor).unwrap_or(start);
                    match vocabulary.find(id) {
                        Some(def) => evidence.grants.push(ScopeGrant {
                            vocabulary,
                            id: def.id.to_string(),
                            span: Span::new(at, at + id.len()),
                        }),
                        None => {
                            crate::parse::scopes::report_unknown(parsed, &[(at, id.to_string())])
                        }
                    }
                }
            }
        }
        if evidence.grants.is_empty() {
            evidence.scopes_unseen = true;
            evidence.scopes_hint = Some(hint_for(credential).into());
        } else {
            parsed.diagnose(
                Severity::Info,
                start,
                "a GitHub security e-mail: it lists the scopes the token had when it was created or authorized; if they were edited since, paste `gh api -i /user` for what it has now".into(),
                None,
            );
        }
        for j in i..=last {
            lines.consume(j);
        }
        parsed.set_format(SECURITY_EMAIL);
        parsed.credentials.push(evidence);
        read_any = true;
        i = last + 1;
    }
    read_any
}

// ---------------------------------------------------------------------------------------------
// `key=level` lists.

/// `contents=read metadata=read issues=write`: a fine-grained token's or an App's permissions
/// written as GitHub's header writes them. A list with `;` (alternatives) or a key twice is the
/// value of an X-Accepted-GitHub-Permissions header (what an endpoint accepts), not grants.
fn read_permission_pairs(parsed: &mut Parsed, lines: &mut TextLines) -> bool {
    let vocabulary = Vocabulary(&PERMISSION_VOCABULARY);
    let mut grants = Vec::new();
    let mut span: Option<Span> = None;
    for i in 0..lines.len() {
        if lines.is_consumed(i) {
            continue;
        }
        let (at, text) = content(lines, i);
        let pieces = tokens(text);
        if pieces.is_empty() || !pieces.iter().all(|(_, p)| p.contains('=')) {
            continue;
        }
        let pairs: Vec<(usize, &str, &str)> = pieces
            .iter()
            .filter_map(|(o, p)| p.split_once('=').map(|(k, l)| (*o, k, l)))
            .collect();
        let known = pairs
            .iter()
            .all(|(_, k, l)| permissions::key_of(k).is_some() && Level::parse(l).is_some());
        if !known {
            continue;
        }
        let keys: Vec<&str> = pairs.iter().map(|(_, k, _)| *k).collect();
        let repeated = (1..keys.len()).any(|j| keys[..j].contains(&keys[j]));
        lines.consume(i);
        if text.contains(';') || repeated {
            parsed.diagnose(
                Severity::Warning,
                at,
                "this reads like an X-Accepted-GitHub-Permissions value (`;` separates the permission sets an endpoint accepts): it says what a call needs, not what the token has, so it was not counted".into(),
                Some("paste the token's own permissions (its page, or the App's permissions)".into()),
            );
            continue;
        }
        for (offset, key, level) in pairs {
            let Some(k) = permissions::key_of(key) else {
                continue;
            };
            let Some(l) = Level::parse(level) else {
                continue;
            };
            let grant_span = Span::new(at + offset, at + offset + key.len() + 1 + level.len());
            match permissions::grant_id(k, l) {
                Some(id) => grants.push(ScopeGrant {
                    vocabulary,
                    id: id.to_string(),
                    span: grant_span,
                }),
                None if l == Level::None => {}
                None => parsed.diagnose(
                    Severity::Warning,
                    grant_span.start,
                    format!("GitHub does not offer `{key}` at the level `{level}`, so it was not counted"),
                    None,
                ),
            }
        }
        let line_span = Span::new(at, at + text.len());
        span = Some(match span {
            Some(s) => Span::new(s.start, line_span.end),
            None => line_span,
        });
    }
    let Some(span) = span else {
        return false;
    };
    if !grants.is_empty() {
        let mut evidence = CredentialEvidence::on(Platform::Github, Credential::Token, span);
        evidence.grants = grants;
        parsed.credentials.push(evidence);
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Refusals.

fn read_messages(parsed: &mut Parsed, lines: &mut TextLines) -> bool {
    let mut findings: Vec<Finding> = Vec::new();
    let mut kind: Option<(Credential, bool)> = None;
    let mut span: Option<Span> = None;
    for i in 0..lines.len() {
        if lines.is_consumed(i) {
            continue;
        }
        let (start, raw) = lines.line(i);
        let trimmed = raw.trim();
        let at = start + (raw.len() - raw.trim_start().len());
        let line_span = Span::new(at, at + trimmed.len());
        // `curl -v` prints response headers after `<` (GitHub's docs show `>`).
        let header_value = trimmed
            .trim_start_matches(['<', '>'])
            .trim_start()
            .strip_prefix_ci("x-github-sso:");
        let message = match header_value {
            Some(value) if trimmed.starts_with(['<', '>']) => sso_message(value),
            _ => messages::recognize(trimmed),
        };
        let Some(message) = message else {
            continue;
        };
        lines.consume(i);
        if let Some(hint) = messages::credential_of(&message) {
            match kind {
                Some((_, true)) => {}
                _ if hint.1 || kind.is_none() => kind = Some(hint),
                _ => {}
            }
        }
        let finding = messages::finding(&message, line_span);
        if !findings.iter().any(|f| f.id == finding.id) {
            findings.push(finding);
        } else if let Message::SamlReauthorize { .. } = message {
            // The second line of the same refusal names the app: keep its advice.
            if let Some(f) = findings.iter_mut().find(|f| f.id == finding.id) {
                *f = finding;
            }
        }
        span = Some(match span {
            Some(s) => Span::new(s.start, line_span.end),
            None => line_span,
        });
    }
    let Some(span) = span else {
        return false;
    };
    let (credential, certain) = kind.unwrap_or((Credential::Token, false));
    let mut evidence = CredentialEvidence::on(Platform::Github, credential, span);
    evidence.credential_certain = certain;
    evidence.findings = findings;
    evidence.scopes_unseen = true;
    evidence.scopes_hint = Some(hint_for(credential).into());
    if parsed.format.is_none() {
        parsed.set_format(MESSAGES);
    }
    parsed.credentials.push(evidence);
    true
}

trait StripPrefixCi {
    fn strip_prefix_ci(&self, prefix: &str) -> Option<&str>;
}

impl StripPrefixCi for str {
    fn strip_prefix_ci(&self, prefix: &str) -> Option<&str> {
        let head = self.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| self.get(prefix.len()..))
            .flatten()
    }
}

// ---------------------------------------------------------------------------------------------
// Log context.

/// A GitHub host or GitHub CLI command in the block's unread lines: the block is GitHub's log.
fn mentions_github(lines: &TextLines) -> bool {
    lines.unconsumed().any(|(_, _, line)| {
        let lower = line.to_ascii_lowercase();
        let name = lower.split(':').next().unwrap_or("");
        lower.contains("https://github.com/")
            || lower.contains("api.github.com")
            || super::signal_header(name.trim(), lower.split_once(':').map_or("", |(_, v)| v))
            || lower.contains("@github.com")
            || lower.trim_start().starts_with("gh ")
            || lower.contains(" gh api ")
    })
}

/// Whether the shared reader could make something of `text`: a command line, a header, a scope
/// list, a label of some platform's token page.
fn looks_like_evidence(text: &str, at: usize) -> bool {
    if is_command_line(text) {
        return true;
    }
    if let Some((name, value)) = text.split_once(':') {
        let header_name = !name.is_empty()
            && name.contains('-')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if header_name && (value.is_empty() || value.starts_with(' ')) {
            return true;
        }
    }
    let pieces = tokens(text);
    let scan = scan_list(text, at);
    let all_known = !pieces.is_empty()
        && scan.unknown.iter().all(|(_, t)| looks_like_scope_id(t))
        && (!scan.items.is_empty() || pieces.len() == scan.unknown.len());
    if all_known || scan.has_distinctive() {
        return true;
    }
    REGISTRY
        .iter()
        .any(|module| module.read_label(text, at).is_some())
}

/// The lines around a GitHub refusal (git progress, a CI step's log, an e-mail's greeting) are
/// context: read as such and counted once, not each reported as not understood.
fn consume_log_context(parsed: &mut Parsed, lines: &mut TextLines) {
    let mut count = 0;
    let mut first: Option<usize> = None;
    // Inside a block of response headers, `date: …` and `server: …` are headers too.
    let mut in_headers = false;
    for i in 0..lines.len() {
        if lines.is_consumed(i) {
            in_headers = false;
            continue;
        }
        let (start, raw) = lines.line(i);
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            in_headers = false;
            continue;
        }
        let at = start + (raw.len() - raw.trim_start().len());
        let plain_header = trimmed.split_once(": ").is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        if trimmed.starts_with("HTTP/") || in_headers && plain_header {
            in_headers = true;
            continue;
        }
        // A shell comment (`# …`) is never evidence, even when it names a scope.
        if !trimmed.starts_with("# ") && looks_like_evidence(trimmed, at) {
            in_headers = trimmed
                .split_once(':')
                .is_some_and(|(n, _)| n.contains('-') && !n.contains(' '));
            continue;
        }
        in_headers = false;
        // A secret inside a log line (a token in a clone URL) is still never echoed.
        for (offset, piece) in tokens(trimmed) {
            for part in piece.split(['@', ':', '/']) {
                if let Some(shape) = crate::parse::secrets::shape_of(part) {
                    let part_at = at + offset + piece.find(part).unwrap_or(0);
                    crate::parse::secrets::report(parsed, part_at, shape);
                }
            }
        }
        lines.consume(i);
        count += 1;
        first.get_or_insert(at);
    }
    if let Some(at) = first {
        parsed.diagnose(
            Severity::Info,
            at,
            format!(
                "{count} other line{} of this GitHub output (git, CI or e-mail text around the message) {} read as context, not as permissions",
                if count == 1 { "" } else { "s" },
                if count == 1 { "was" } else { "were" }
            ),
            None,
        );
    }
}

// ---------------------------------------------------------------------------------------------
// JSON cut short with `...`.

use crate::parse::blocks::is_elision;

/// A JSON response someone shortened with `...` (not valid JSON): read what it shows when the
/// rest parses, saying what was left out; else say exactly why it cannot be read.
fn read_elided_json(parsed: &mut Parsed, lines: &mut TextLines) -> bool {
    let first = (0..lines.len()).find(|&i| !lines.line(i).1.trim().is_empty());
    let Some(first) = first else {
        return false;
    };
    if !lines.line(first).1.trim_start().starts_with(['{', '[']) {
        return false;
    }
    let elisions: Vec<usize> = (0..lines.len())
        .filter(|&i| is_elision(lines.line(i).1))
        .collect();
    let Some(&first_elision) = elisions.first() else {
        return false;
    };
    let whole: String = (0..lines.len())
        .map(|i| lines.line(i).1)
        .collect::<Vec<_>>()
        .join("\n");
    if !(whole.contains("\"permissions\"")
        || whole.contains("\"token\"")
        || whole.contains("\"scopes\""))
    {
        return false;
    }
    // Rebuild the text with each elision as an entry of the object or array it stood in.
    let mut rebuilt: Vec<String> = Vec::new();
    let mut stack: Vec<char> = Vec::new();
    for i in 0..lines.len() {
        let line = lines.line(i).1;
        if is_elision(line) {
            rebuilt.push(match stack.last() {
                Some('[') => "null,".to_string(),
                _ => format!("\"{}\": \"{}\",", json::ELIDED, json::ELIDED),
            });
            continue;
        }
        let mut in_string = false;
        let mut escaped = false;
        for c in line.chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => stack.push(c),
                '}' | ']' => {
                    stack.pop();
                }
                _ => {}
            }
        }
        rebuilt.push(line.to_string());
    }
    // A comma before a closing bracket is what the elision left behind.
    for j in 0..rebuilt.len() {
        let next = rebuilt[j + 1..].iter().find(|l| !l.trim().is_empty());
        if next.is_some_and(|n| n.trim_start().starts_with(['}', ']'])) {
            if let Some(stripped) = rebuilt[j].trim_end().strip_suffix(',') {
                rebuilt[j] = stripped.to_string();
            }
        }
    }
    let (elision_at, _) = lines.line(first_elision);
    let start = lines.line(first).0;
    let end = lines.line(lines.len().saturating_sub(1)).0
        + lines.line(lines.len().saturating_sub(1)).1.len();
    for i in 0..lines.len() {
        lines.consume(i);
    }
    match serde_json::from_str::<serde_json::Value>(&rebuilt.join("\n")) {
        Ok(value) => {
            parsed.diagnose(
                Severity::Warning,
                elision_at,
                format!(
                    "this is not valid JSON: {} `...` left out part of it (as whoever pasted it wrote); the rest was read, and what was left out is not guessed",
                    if elisions.len() == 1 { "a" } else { "each" }
                ),
                Some("paste the response as GitHub returned it to judge everything it holds".into()),
            );
            if !json::read_value(parsed, &value, start, end) {
                parsed.diagnose(
                    Severity::Warning,
                    start,
                    "the rest of this JSON is not a GitHub response permcheck reads".into(),
                    None,
                );
            }
        }
        Err(e) => parsed.diagnose(
            Severity::Error,
            elision_at,
            format!(
                "this JSON has `...` where part of it was left out, and is not valid JSON without them either ({}), so it was not read",
                e.to_string().split(" at line ").next().unwrap_or("")
            ),
            Some("paste the response as GitHub returned it".into()),
        ),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_list_permissions_with_offsets() {
        let text = "Read & Write on actions, code, issues, pull requests, and workflows";
        let (level, items) = summary(text).unwrap_or((Level::None, Vec::new()));
        assert_eq!(level, Level::Write);
        let words: Vec<&str> = items.iter().map(|(_, w)| *w).collect();
        assert_eq!(
            words,
            vec!["actions", "code", "issues", "pull requests", "workflows"]
        );
        for (offset, word) in items {
            assert_eq!(&text[offset..offset + word.len()], word);
        }
        let (level, items) =
            summary("Read access to code and metadata").unwrap_or((Level::None, Vec::new()));
        assert_eq!(level, Level::Read);
        assert_eq!(items.len(), 2);
        assert!(summary("Please read the notes on code").is_none());
    }
}
