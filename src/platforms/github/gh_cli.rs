//! `gh auth status`, in both of GitHub CLI's styles: before 2.40 (`✓ Logged in to github.com as
//! octocat (…)`, `✓ Token scopes: repo, read:org`) and since (`✓ Logged in to github.com account
//! octocat (keyring)`, `- Active account: true`, `- Token scopes: 'repo', 'read:org'`), with
//! several hosts and accounts, failed logins, and tokens gh shows no scopes for (fine-grained
//! and App tokens have none: gh prints no scope line for them).

use super::catalog::SCOPE_VOCABULARY;
use super::messages;
use crate::catalog::Vocabulary;
use crate::evidence::{CredentialEvidence, Finding, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::{Parsed, TextLines};
use crate::report::Severity;
use crate::source::Span;

pub const FORMAT: &str = "github-gh-auth-status";

/// What gh says of one account on one host.
struct Account {
    host: String,
    login: Option<String>,
    /// Offset and length of the account's first line.
    at: usize,
    len: usize,
    active: Option<bool>,
    token: Option<TokenKind>,
    scopes: Option<ScopeLine>,
    invalid: bool,
    unreachable: bool,
    /// Messages gh printed for the account (the GraphQL refusal of a fine-grained token).
    findings: Vec<Finding>,
}

/// The credential a token's prefix names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Classic,
    Oauth,
    FineGrained,
    AppInstallation,
    AppUser,
    /// Masked or without a known prefix.
    Unknown,
}

impl TokenKind {
    /// The kind a token (masked or not) has, from its prefix.
    pub fn of(token: &str) -> TokenKind {
        let t = token.trim();
        if t.starts_with("github_pat_") {
            TokenKind::FineGrained
        } else if t.starts_with("ghp_") {
            TokenKind::Classic
        } else if t.starts_with("gho_") {
            TokenKind::Oauth
        } else if t.starts_with("ghs_") {
            TokenKind::AppInstallation
        } else if t.starts_with("ghu_") {
            TokenKind::AppUser
        } else {
            TokenKind::Unknown
        }
    }

    pub fn credential(self) -> (Credential, bool) {
        match self {
            TokenKind::Classic => (Credential::Pat, true),
            TokenKind::Oauth => (Credential::Oauth, true),
            TokenKind::FineGrained => (Credential::FineGrainedPat, true),
            TokenKind::AppInstallation => (Credential::AppInstallationToken, true),
            TokenKind::AppUser => (Credential::AppUserToken, true),
            TokenKind::Unknown => (Credential::Token, false),
        }
    }

    /// Tokens that carry scopes (classic PATs, OAuth app tokens).
    fn has_scopes(self) -> Option<bool> {
        match self {
            TokenKind::Classic | TokenKind::Oauth => Some(true),
            TokenKind::FineGrained | TokenKind::AppInstallation | TokenKind::AppUser => Some(false),
            TokenKind::Unknown => None,
        }
    }
}

enum ScopeLine {
    /// `Token scopes: none`.
    None {
        at: usize,
    },
    List {
        text: String,
        at: usize,
    },
}

/// The mark gh puts before a line (`✓`, `X`, `!`, `-`), removed.
fn unmark(line: &str) -> &str {
    let t = line.trim();
    for mark in ["✓ ", "✔ ", "X ", "x ", "! ", "- ", "* ", "✗ ", "× "] {
        if let Some(rest) = t.strip_prefix(mark) {
            return rest.trim_start();
        }
    }
    t
}

/// `Logged in to HOST account LOGIN (SOURCE)` / `… as LOGIN (SOURCE)` and the failures: (host,
/// login, invalid, unreachable).
fn account_line(text: &str) -> Option<(String, Option<String>, bool, bool)> {
    for (prefix, invalid, unreachable) in [
        ("Logged in to ", false, false),
        ("Failed to log in to ", true, false),
        ("Timeout trying to log in to ", false, true),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let mut words = rest.split_whitespace();
            let host = words.next()?.to_string();
            let login = match words.next()? {
                "account" | "as" => words.next().map(|l| l.to_string()),
                _ => return None,
            };
            return Some((host, login, invalid, unreachable));
        }
    }
    // gh before 2.40: `X github.com: authentication failed`.
    if let Some(host) = text.strip_suffix(": authentication failed") {
        if !host.contains(' ') {
            return Some((host.to_string(), None, true, false));
        }
    }
    None
}

/// A line that is only a host name, as gh prints before each host's accounts.
fn is_host_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && (t.contains('.') || t == "localhost")
        && t.len() <= 253
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
}

/// Whether the block holds `gh auth status` output.
pub fn is_gh_output(lines: &TextLines) -> bool {
    (0..lines.len()).any(|i| {
        let text = unmark(lines.line(i).1);
        account_line(text).is_some()
            || text.starts_with("You are not logged into any GitHub hosts")
            || text.starts_with("You are not logged in to any GitHub hosts")
    })
}

/// Lines GitLab's `glab auth status` printed: its account lines read like gh's older style
/// ("Logged in to HOST as LOGIN"), but glab adds lines gh never prints ("Token found in …",
/// "REST API Endpoint: …"). Those accounts, with their host line, are left to GitLab.
fn glab_lines(lines: &TextLines) -> Vec<bool> {
    let mut glab = vec![false; lines.len()];
    let account_at: Vec<usize> = (0..lines.len())
        .filter(|&i| account_line(unmark(lines.line(i).1)).is_some())
        .collect();
    for (n, &start) in account_at.iter().enumerate() {
        let end = account_at.get(n + 1).copied().unwrap_or(lines.len());
        let is_glab = (start + 1..end).any(|j| {
            let t = unmark(lines.line(j).1);
            t.starts_with("Token found in ")
                || t.starts_with("REST API Endpoint:")
                || t.starts_with("GraphQL Endpoint:")
                || (t.starts_with("API calls for ") && t.contains(" are made over "))
        });
        if !is_glab {
            continue;
        }
        // Its details run until the next host heading or account.
        let mut last = start;
        for j in start + 1..end {
            let raw = lines.line(j).1;
            if is_host_line(raw) {
                break;
            }
            last = j;
        }
        let mut first = start;
        if let Some(prev) = (0..start)
            .rev()
            .find(|&j| !lines.line(j).1.trim().is_empty())
        {
            if is_host_line(lines.line(prev).1) {
                first = prev;
            }
        }
        for flag in glab.iter_mut().take(last + 1).skip(first) {
            *flag = true;
        }
    }
    glab
}

/// Read the `gh auth status` lines of a block; returns whether any was read.
pub fn read(parsed: &mut Parsed, lines: &mut TextLines) -> bool {
    if !is_gh_output(lines) {
        return false;
    }
    let glab = glab_lines(lines);
    let mut accounts: Vec<Account> = Vec::new();
    let mut pending: Vec<Finding> = Vec::new();
    let mut read_any = false;
    for i in 0..lines.len() {
        if lines.is_consumed(i) || glab.get(i).copied().unwrap_or(false) {
            continue;
        }
        let (start, raw) = lines.line(i);
        let text = unmark(raw);
        if text.is_empty() {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let line_at = start + indent;
        if let Some((host, login, invalid, unreachable)) = account_line(text) {
            accounts.push(Account {
                host,
                login,
                at: line_at,
                len: raw.trim().len(),
                active: None,
                token: None,
                scopes: None,
                invalid,
                unreachable,
                findings: std::mem::take(&mut pending),
            });
            lines.consume(i);
            read_any = true;
            continue;
        }
        if text.starts_with("You are not logged into any GitHub hosts")
            || text.starts_with("You are not logged in to any GitHub hosts")
        {
            parsed.diagnose(
                Severity::Warning,
                line_at,
                "gh is not logged in to any GitHub host, so this shows no token to judge".into(),
                Some("run `gh auth login` with the account the backup tool will use, then paste `gh auth status` again".into()),
            );
            lines.consume(i);
            read_any = true;
            continue;
        }
        // Before 2.40, an API failure is printed before the account's line.
        if let Some(rest) = text.split_once(": api call failed: ").map(|(_, r)| r) {
            if let Some(message) = messages::recognize(rest) {
                pending.push(messages::finding(
                    &message,
                    Span::new(line_at, line_at + raw.trim().len()),
                ));
            }
            lines.consume(i);
            continue;
        }
        // Before 2.40: `X host: the token in SOURCE is missing required scope 'read:org'`.
        if text.contains(": the token in ") && text.contains(" is missing required scope") {
            let host = text.split(':').next().unwrap_or("").to_string();
            accounts.push(Account {
                host,
                login: None,
                at: line_at,
                len: raw.trim().len(),
                active: None,
                token: None,
                scopes: None,
                invalid: false,
                unreachable: false,
                findings: Vec::new(),
            });
            lines.consume(i);
            read_any = true;
            continue;
        }
        if is_host_line(raw) {
            // Only a host heading when an account line follows.
            let next = (i + 1..lines.len())
                .map(|j| unmark(lines.line(j).1))
                .find(|t| !t.is_empty());
            if next.is_some_and(|t| {
                account_line(t).is_some()
                    || t.contains(": api call failed: ")
                    || t.contains(": the token in ")
            }) {
                lines.consume(i);
                continue;
            }
        }
        let Some(account) = accounts.last_mut() else {
            continue;
        };
        if let Some(value) = text.strip_prefix("Active account: ") {
            account.active = match value.trim() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            };
        } else if text.starts_with("Git operations protocol:")
            || (text.starts_with("Git operations for ") && text.ends_with("protocol."))
            || text.starts_with("To request missing scopes, run:")
            || text.starts_with("To re-authenticate, run:")
            || text.starts_with("To forget about this ")
            || text.starts_with("Missing required token scopes:")
        {
            // Context: gh's own settings and advice (its minimum scopes are gh's, not the
            // backup tool's).
        } else if let Some(value) = text.strip_prefix("Token: ") {
            let value = value.trim();
            let kind = TokenKind::of(value);
            account.token = Some(kind);
            if let Some(shape) = crate::parse::secrets::shape_of(value) {
                let value_at = start + raw.find(value).unwrap_or(indent);
                crate::parse::secrets::report(parsed, value_at, shape);
            }
        } else if let Some(value) = text.strip_prefix("Token scopes:") {
            let value_at = start + raw.rfind(value).unwrap_or(indent);
            let trimmed = value.trim();
            let lead = value.len() - value.trim_start().len();
            account.scopes = Some(
                if trimmed.eq_ignore_ascii_case("none") || trimmed.is_empty() {
                    ScopeLine::None {
                        at: value_at + lead,
                    }
                } else {
                    ScopeLine::List {
                        text: trimmed.to_string(),
                        at: value_at + lead,
                    }
                },
            );
        } else if (text.starts_with("The token in ") && text.ends_with(" is invalid."))
            || (text.starts_with("The ") && text.ends_with(" is no longer valid."))
        {
            account.invalid = true;
        } else {
            continue;
        }
        lines.consume(i);
    }
    if !read_any {
        return false;
    }
    parsed.set_format(FORMAT);
    for account in accounts {
        let evidence = account_evidence(parsed, account);
        parsed.credentials.push(evidence);
    }
    true
}

/// What to paste for a token gh shows no scopes for.
pub const FINE_GRAINED_HINT: &str = "gh shows no scopes for fine-grained and App tokens: paste the token's permissions instead (its page on github.com: Settings › Developer settings › Personal access tokens › Fine-grained tokens › the token, \"Read access to metadata, Read and Write access to code, …\"), or for an App `gh api /orgs/{org}/installations`";

fn account_evidence(parsed: &mut Parsed, account: Account) -> CredentialEvidence {
    let span = Span::new(account.at, account.at + account.len);
    let kind = account.token.unwrap_or(TokenKind::Unknown);
    let (credential, certain) = kind.credential();
    let mut evidence = CredentialEvidence::on(Platform::Github, credential, span);
    evidence.credential_certain = certain;
    evidence.host = Some(account.host.clone());
    evidence.principal = account.login.clone();
    evidence.name = account.login.as_ref().map(|login| match account.active {
        Some(false) => format!("{login}, inactive gh account"),
        _ => login.clone(),
    });
    evidence.findings = account.findings;
    evidence.revoked = account.invalid;
    let vocabulary = Vocabulary(&SCOPE_VOCABULARY);
    match account.scopes {
        Some(ScopeLine::List { text, at }) => {
            for (offset, token) in crate::parse::scopes::tokens(&text) {
                let token_at = at + offset;
                match vocabulary.find(token) {
                    Some(def) => evidence.grants.push(ScopeGrant {
                        vocabulary,
                        id: def.id.to_string(),
                        span: Span::new(token_at, token_at + token.len()),
                    }),
                    None => crate::parse::scopes::report_unknown(
                        parsed,
                        &[(token_at, token.to_string())],
                    ),
                }
            }
        }
        Some(ScopeLine::None { at }) => match kind.has_scopes() {
            Some(true) => {
                evidence
                    .findings
                    .push(no_scopes_finding(Span::new(at, at + 4)));
            }
            Some(false) => {
                evidence.scopes_unseen = true;
                evidence.scopes_hint = Some(FINE_GRAINED_HINT.into());
            }
            None => {
                evidence.scopes_unseen = true;
                evidence.scopes_hint = Some(format!(
                    "gh printed \"Token scopes: none\" for a token it masks: either a classic token with no scope (it reads public data only), or a fine-grained or App token (they have permissions, not scopes). Paste `gh auth status --show-token`'s token prefix line without the secret (ghp_/gho_ or github_pat_/ghs_), or `gh api -i /user`. {FINE_GRAINED_HINT}"
                ));
            }
        },
        None if account.unreachable => {
            evidence.scopes_unseen = true;
            evidence.scopes_hint = Some(format!(
                "gh could not reach {} to read the token's scopes; run `gh auth status` again when the host answers",
                account.host
            ));
        }
        None if account.invalid => {}
        None => {
            evidence.scopes_unseen = true;
            evidence.scopes_hint = Some(match kind {
                TokenKind::FineGrained | TokenKind::AppInstallation | TokenKind::AppUser => {
                    FINE_GRAINED_HINT.to_string()
                }
                _ => format!("gh printed no scope line for this account: paste `gh api -i /user` (its X-OAuth-Scopes header lists a classic token's scopes). {FINE_GRAINED_HINT}"),
            });
        }
    }
    evidence
}

/// A classic token with no scope at all: GitHub lets it read public data only.
pub fn no_scopes_finding(span: Span) -> Finding {
    Finding {
        id: "github-no-scopes",
        blocks: crate::evidence::Blocks::Both,
        categories: &[],
        proves: "The token carries no scope: GitHub gives such a token read-only access to public information, so private repositories can be neither backed up nor restored.".into(),
        action: "Create or edit the token with the scopes listed under What to grant (at least repo and workflow).".into(),
        cannot_tell: "Whether public repositories alone would be enough for you.".into(),
        span,
        source: &super::sources::GH_SCOPES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_lines_in_both_styles() {
        assert_eq!(
            account_line("Logged in to github.com account octocat (keyring)"),
            Some(("github.com".into(), Some("octocat".into()), false, false))
        );
        assert_eq!(
            account_line("Logged in to ghe.io as tess (GH_CONFIG_DIR/hosts.yml)"),
            Some(("ghe.io".into(), Some("tess".into()), false, false))
        );
        assert_eq!(
            account_line(
                "Failed to log in to ghe.io account monalisa-ghe (GH_CONFIG_DIR/hosts.yml)"
            ),
            Some(("ghe.io".into(), Some("monalisa-ghe".into()), true, false))
        );
        assert_eq!(
            account_line("joel.miller: authentication failed"),
            Some(("joel.miller".into(), None, true, false))
        );
        assert_eq!(account_line("Logged in to the pub quiz"), None);
    }

    #[test]
    fn token_prefixes_name_the_credential() {
        assert_eq!(TokenKind::of("github_pat_******"), TokenKind::FineGrained);
        assert_eq!(TokenKind::of("gho_************"), TokenKind::Oauth);
        assert_eq!(TokenKind::of("*******************"), TokenKind::Unknown);
    }
}
