//! Evidence: what the inputs say about a credential or an account, each item with the span of
//! text it came from. Parsers produce it; the evaluator consumes it; nothing here judges.

use crate::catalog::{Source, Vocabulary};
use crate::model::{Credential, Operation, Platform};
use crate::source::Span;

/// One scope (or role, or scope-equivalent label) a credential or account was seen to carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeGrant {
    pub vocabulary: Vocabulary,
    /// The canonical id from the catalog.
    pub id: String,
    pub span: Span,
}

/// Which organizations an Azure DevOps PAT was created for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgTargeting {
    /// `targetAccounts: null`: the PAT page's "All accessible organizations".
    AllAccessible,
    /// One or more organization ids.
    Specific(Vec<String>),
}

/// What an OAuth access token's claims say about the signed-in account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// A Microsoft Entra ID (work or school) account.
    Organizational,
    /// A personal Microsoft account (MSA tenant 9188040d-…).
    Personal,
}

/// A statement the input makes that is not a grant but matters to the verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// `x-accepted-oauth-scopes` / `X-Accepted-GitHub-Permissions`: what the endpoint accepts,
    /// not what the token has.
    EndpointAccepts,
    /// A 403 body's `required`: the scopes the failed call needed.
    CallRequired,
}

/// When a credential stops working, as the input states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expiry {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub at: i64,
    pub span: Span,
}

/// Which operations a finding proves will fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocks {
    Both,
    Only(Operation),
    /// It proves nothing fails by itself; it explains or narrows.
    Nothing,
}

impl Blocks {
    pub fn blocks(self, op: Operation) -> bool {
        match self {
            Blocks::Both => true,
            Blocks::Only(o) => o == op,
            Blocks::Nothing => false,
        }
    }
}

/// What an error message, a refusal or a policy notice in the input proves. Each says what it
/// proves, what to do, and what it cannot tell, so that an admin never reads more into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable id (`github-saml-sso`), for scripts and tests.
    pub id: &'static str,
    pub blocks: Blocks,
    /// The categories it proves fail; empty with `blocks` set means every category.
    pub categories: &'static [&'static str],
    /// What it proves, in a sentence.
    pub proves: String,
    /// What to grant, or where to click.
    pub action: String,
    /// What it cannot tell.
    pub cannot_tell: String,
    pub span: Span,
    pub source: &'static Source,
}

/// One credential: a token, a PAT, an OAuth grant, a consent screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialEvidence {
    /// The platform it belongs to; `None` only when the input is truly ambiguous (then
    /// `candidates` says between which).
    pub platform: Option<Platform>,
    /// Platforms the text could belong to, when `platform` is `None`.
    pub candidates: Vec<Platform>,
    /// A name if the input gives one (PAT display name, JWT upn, account login).
    pub name: Option<String>,
    pub credential: Credential,
    /// Set when the input itself says which kind it is (header, JSON shape).
    pub credential_certain: bool,
    pub grants: Vec<ScopeGrant>,
    /// The input shows the credential but not its scopes (`glab auth status`, a fine-grained
    /// token): say so, with `scopes_hint`, instead of judging an empty list.
    pub scopes_unseen: bool,
    /// What to paste to see the scopes, when `scopes_unseen`.
    pub scopes_hint: Option<String>,
    pub org_targeting: Option<OrgTargeting>,
    pub account_kind: Option<AccountKind>,
    /// The account the credential belongs to, when the input says (JWT upn, e-mail, login).
    /// The account's id on the platform (GitLab's numeric `user_id`), when the input gives it.
    pub principal_id: Option<String>,
    pub principal: Option<String>,
    /// The host it was seen on (`github.com`, a GitHub Enterprise Server or GitLab host).
    pub host: Option<String>,
    pub expires: Option<Expiry>,
    /// The input says the credential is revoked or inactive.
    pub revoked: bool,
    pub notes: Vec<Note>,
    pub findings: Vec<Finding>,
    pub span: Span,
    /// The blocks of the input this credential was read from, when there were several.
    pub blocks: Vec<Span>,
}

impl CredentialEvidence {
    pub fn new(credential: Credential, span: Span) -> Self {
        CredentialEvidence {
            platform: None,
            candidates: Vec::new(),
            name: None,
            credential,
            credential_certain: false,
            grants: Vec::new(),
            scopes_unseen: false,
            scopes_hint: None,
            org_targeting: None,
            account_kind: None,
            principal: None,
            principal_id: None,
            host: None,
            expires: None,
            revoked: false,
            notes: Vec::new(),
            findings: Vec::new(),
            span,
            blocks: Vec::new(),
        }
    }

    /// A credential of `platform`.
    pub fn on(platform: Platform, credential: Credential, span: Span) -> Self {
        let mut evidence = CredentialEvidence::new(credential, span);
        evidence.platform = Some(platform);
        evidence
    }

    /// The platform its grants belong to, where the reader did not set one.
    pub fn platform(&self) -> Option<Platform> {
        if self.platform.is_none() && !self.candidates.is_empty() {
            // Ambiguous: its grants are shown, never judged as any one platform's.
            return None;
        }
        self.platform
            .or_else(|| self.grants.first().map(|g| g.vocabulary.platform()))
    }

    /// Whether it says anything at all: grants, a finding, or that its scopes were not shown.
    pub fn has_content(&self) -> bool {
        !self.grants.is_empty()
            || !self.findings.is_empty()
            || self.scopes_unseen
            || self.expires.is_some()
            || self.platform.is_none() && !self.candidates.is_empty()
    }
}

/// What an account may do, whatever its tokens carry: an Azure DevOps access level, a GitLab
/// role, a GitHub organization role, Bitbucket Data Center global permissions. Its grants are
/// ids of a role vocabulary ([`crate::catalog::VocabularyKind::Role`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountEvidence {
    pub platform: Platform,
    /// The account's id on the platform (GitLab's numeric user id), when the input gives it:
    /// a role is tied to a token only when the ids, where both are known, are the same.
    pub principal_id: Option<String>,
    /// The account, when the input names it (e-mail, login).
    pub principal: Option<String>,
    pub grants: Vec<ScopeGrant>,
    /// Where the role holds ("group acme/backend", "organization acme"); `None` for the whole
    /// organization or instance.
    pub scope: Option<String>,
    /// How people name what was read: "Stakeholder (accountLicenseType stakeholder)".
    pub describe: String,
    /// The raw value as exported, kept for the report's `granted` list (`accessLevel:stakeholder`).
    pub raw_id: String,
    pub span: Span,
}

/// Seconds since 1970 (UTC) of an ISO 8601 date or date-time (`2026-12-01`,
/// `2026-12-01T10:22:33.7566667Z`, `2026-12-01T10:22:33+02:00`), as token lists write expiry
/// dates; `None` for anything else.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = number(text.get(0..4)?)?;
    if text.get(4..5)? != "-" || text.get(7..8)? != "-" {
        return None;
    }
    let month = number(text.get(5..7)?)?;
    let day = number(text.get(8..10)?)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut seconds = days_from_civil(year, month, day) * 86_400;
    let rest = text.get(10..).unwrap_or("");
    if rest.is_empty() {
        return Some(seconds);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let hour = number(rest.get(0..2)?)?;
    let minute = number(rest.get(3..5)?)?;
    let second = rest.get(6..8).and_then(number).unwrap_or(0);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    seconds += hour * 3600 + minute * 60 + second;
    // The offset, after any fraction of a second: `Z`, `+02:00`, `-0500` or none (UTC).
    let zone = rest
        .get(5..)
        .unwrap_or("")
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    match zone.as_bytes().first() {
        None | Some(b'Z' | b'z') => Some(seconds),
        Some(sign @ (b'+' | b'-')) => {
            let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            let hours = number(digits.get(0..2)?)?;
            let minutes = digits.get(2..4).and_then(number).unwrap_or(0);
            let offset = hours * 3600 + minutes * 60;
            Some(if *sign == b'+' {
                seconds - offset
            } else {
                seconds + offset
            })
        }
        _ => None,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_every_spelling() {
        assert_eq!(parse_timestamp("1970-01-01"), Some(0));
        assert_eq!(parse_timestamp("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(
            parse_timestamp("2026-12-01T10:22:33.7566667Z"),
            Some(1_796_083_200 + 10 * 3600 + 22 * 60 + 33)
        );
        assert_eq!(
            parse_timestamp("2026-12-01T12:00:00+02:00"),
            parse_timestamp("2026-12-01T10:00:00Z")
        );
        assert_eq!(parse_timestamp("tomorrow"), None);
        assert_eq!(parse_timestamp("2026-13-01"), None);
    }
}
