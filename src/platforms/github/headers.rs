//! GitHub's response headers, as the shared header reader hands them over once `signal` has
//! attributed a group of them to GitHub: the credential's kind (`x-oauth-client-id`), its host
//! (`X-GitHub-Enterprise-Version`), its expiry (`GitHub-Authentication-Token-Expiration`), the
//! SSO refusal (`X-GitHub-SSO`), and what the endpoint accepts (`X-Accepted-GitHub-Permissions`,
//! which only fine-grained tokens and Apps get). And, once a text block is read, the pieces of
//! one token's evidence it held (a refusal, its headers) folded into one credential.

use super::gh_cli::{no_scopes_finding, FINE_GRAINED_HINT};
use super::messages::{self, Message};
use super::permissions::PERMISSION_VOCABULARY;
use crate::catalog::Vocabulary;
use crate::evidence::{Blocks, CredentialEvidence, Expiry, NoteKind};
use crate::model::{Credential, Operation, Platform};
use crate::parse::Parsed;
use std::sync::{Mutex, OnceLock};

/// What to paste to see a GitHub credential's grants.
pub fn hint_for(credential: Credential) -> &'static str {
    match credential {
        Credential::FineGrainedPat => FINE_GRAINED_HINT,
        Credential::AppInstallationToken | Credential::AppUserToken => {
            "the App's permissions: `gh api /orgs/{org}/installations` (or the App's settings page › Permissions)"
        }
        _ => "the token's scopes: `gh auth status`, or the X-OAuth-Scopes header of `gh api -i /user` (a fine-grained or App token has permissions instead: paste those)",
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Refine a credential read from GitHub response headers. Returns whether the headers show a
/// credential worth judging even without a scope list.
pub fn refine(evidence: &mut CredentialEvidence, headers: &[(String, String)]) -> bool {
    let span = evidence.span;
    if let Some(version) = header(headers, "x-github-enterprise-version") {
        evidence
            .host
            .get_or_insert_with(|| format!("GitHub Enterprise Server {version}"));
    }
    let classic = evidence
        .grants
        .first()
        .is_none_or(|g| g.vocabulary.id() == "github-scope");
    if classic && header(headers, "x-oauth-client-id").is_some() {
        evidence.credential = Credential::Oauth;
        evidence.credential_certain = true;
    }
    if let Some(value) = header(headers, "github-authentication-token-expiration") {
        let normalized = value
            .trim()
            .replace(" UTC", "Z")
            .replace(" +", "+")
            .replace(" -", "-");
        if let Some(at) = crate::evidence::parse_timestamp(&normalized) {
            evidence.expires.get_or_insert(Expiry { at, span });
        }
    }
    let mut shows_something = false;
    if let Some(value) = header(headers, "x-github-sso") {
        if let Some(message) = sso_message(value) {
            evidence.findings.push(messages::finding(&message, span));
            shows_something = true;
        }
    }
    for note in &mut evidence.notes {
        if let Some(value) = note.text.strip_prefix("x-accepted-github-permissions: ") {
            note.text = format!(
                "X-Accepted-GitHub-Permissions: {value} (the endpoint accepts {})",
                messages::describe_accepted(value)
            );
        }
    }
    if !evidence.grants.is_empty() {
        return true;
    }
    match header(headers, "x-oauth-scopes") {
        // The header is there but empty: a classic token with no scope.
        Some(value) if value.trim().is_empty() => {
            evidence.findings.push(no_scopes_finding(span));
            if evidence.credential == Credential::Token {
                evidence.credential = Credential::Pat;
            }
            return true;
        }
        Some(_) => {}
        None => {}
    }
    if header(headers, "x-accepted-github-permissions").is_some() {
        // Sent only to fine-grained permission actors: a fine-grained token or an App.
        evidence.scopes_unseen = true;
        evidence.scopes_hint = Some(format!(
            "this response has no X-OAuth-Scopes and carries X-Accepted-GitHub-Permissions, so the token is a fine-grained token or a GitHub App's, whose permissions no header lists: {FINE_GRAINED_HINT}"
        ));
        return true;
    }
    if shows_something {
        evidence.scopes_unseen = true;
        evidence.scopes_hint = Some(hint_for(evidence.credential).into());
    }
    shows_something
}

/// What an `X-GitHub-SSO` value says.
pub fn sso_message(value: &str) -> Option<Message> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("required") {
        let url = value
            .split(';')
            .find_map(|part| part.trim().strip_prefix("url="))
            .map(str::to_string);
        return Some(Message::SsoRequired { url });
    }
    if lower.starts_with("partial-results") {
        let organizations = value
            .split(';')
            .find_map(|part| part.trim().strip_prefix("organizations="))
            .unwrap_or("")
            .to_string();
        return Some(Message::SsoPartial { organizations });
    }
    None
}

/// Evidence the readers made without an account or a grant: a refusal, a header, an error body.
fn mergeable(evidence: &CredentialEvidence) -> bool {
    evidence.platform == Some(Platform::Github)
        && evidence.grants.is_empty()
        && evidence.principal.is_none()
        && evidence.name.is_none()
        && !evidence.revoked
}

/// Fold the GitHub evidence a text block produced (from `first` on) about one token into one
/// credential: a refusal and the headers of the same response are one token.
pub fn finish_block(parsed: &mut Parsed, first: usize) {
    let github: Vec<usize> = (first..parsed.credentials.len())
        .filter(|&i| parsed.credentials[i].platform == Some(Platform::Github))
        .collect();
    let pieces: Vec<usize> = github
        .iter()
        .copied()
        .filter(|&i| mergeable(&parsed.credentials[i]))
        .collect();
    if pieces.is_empty() {
        return;
    }
    let holders: Vec<usize> = github
        .iter()
        .copied()
        .filter(|i| !pieces.contains(i))
        .collect();
    let target = match holders.as_slice() {
        [one] => *one,
        [] => pieces[0],
        _ => {
            for &i in &pieces {
                refine_refusals(&mut parsed.credentials[i]);
            }
            return;
        }
    };
    let mut merged: Vec<CredentialEvidence> = Vec::new();
    for &i in pieces.iter().rev() {
        if i != target {
            merged.push(parsed.credentials.remove(i));
        }
    }
    // Indices above a removed one shifted down.
    let target = target
        - pieces
            .iter()
            .filter(|&&i| i < target && i != target)
            .count();
    let Some(into) = parsed.credentials.get_mut(target) else {
        return;
    };
    for piece in merged.into_iter().rev() {
        if (into.credential == Credential::Token || !into.credential_certain)
            && piece.credential_certain
        {
            into.credential = piece.credential;
            into.credential_certain = true;
        } else if into.credential == Credential::Token && piece.credential != Credential::Token {
            into.credential = piece.credential;
        }
        for finding in piece.findings {
            if !into
                .findings
                .iter()
                .any(|f| f.id == finding.id && f.proves == finding.proves)
            {
                into.findings.push(finding);
            }
        }
        for note in piece.notes {
            if !into.notes.iter().any(|n| n.text == note.text) {
                into.notes.push(note);
            }
        }
        if into.host.is_none() {
            into.host = piece.host;
        }
        if into.expires.is_none() {
            into.expires = piece.expires;
        }
        into.span = crate::source::Span::new(
            into.span.start.min(piece.span.start),
            into.span.end.max(piece.span.end),
        );
    }
    if into.grants.is_empty() {
        into.scopes_unseen = true;
        if into.scopes_hint.is_none() {
            into.scopes_hint = Some(hint_for(into.credential).into());
        }
    }
    refine_refusals(into);
}

/// A refusal pasted with the endpoint's X-Accepted-GitHub-Permissions proves which permission
/// the token lacks: the refusal then blocks what that permission is needed for.
fn refine_refusals(evidence: &mut CredentialEvidence) {
    let accepted: Vec<String> = evidence
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::EndpointAccepts)
        .filter_map(|n| {
            let lower = n.text.to_ascii_lowercase();
            lower
                .strip_prefix("x-accepted-github-permissions: ")
                .map(|v| v.split(" (").next().unwrap_or(v).to_string())
        })
        .collect();
    if accepted.is_empty() {
        return;
    }
    let missing: Vec<&'static str> = accepted
        .iter()
        .flat_map(|v| messages::certainly_missing(v))
        .collect();
    if missing.is_empty() {
        return;
    }
    let (ops, categories) = blocked_by(&missing);
    let refusal = evidence.findings.iter_mut().find(|f| {
        matches!(
            f.id,
            "github-fine-grained-permission-missing" | "github-app-permission-missing"
        )
    });
    let Some(finding) = refusal else {
        return;
    };
    if categories.is_empty() {
        return;
    }
    let vocabulary = Vocabulary(&PERMISSION_VOCABULARY);
    let names: Vec<String> = missing.iter().map(|id| vocabulary.named(id)).collect();
    finding.blocks = match ops.as_slice() {
        [Operation::Backup] => Blocks::Only(Operation::Backup),
        [Operation::Restore] => Blocks::Only(Operation::Restore),
        _ => Blocks::Both,
    };
    finding.categories = interned(categories);
    finding.proves = format!(
        "A call was refused although every permission set the endpoint accepts was tried: the token lacks {} (the header lists what the endpoint accepts).",
        names.join(" and ")
    );
    finding.action = format!(
        "Give the token {} on its page (or the App on its settings page).",
        names.join(" and ")
    );
    finding.cannot_tell =
        "What else the token lacks, or has: the refusal names one call only.".into();
    finding.source = &super::sources::GH_ACCEPTED_PERMISSIONS;
}

/// The operations and categories whose requirements a missing permission leaves unmet.
fn blocked_by(missing: &[&str]) -> (Vec<Operation>, Vec<&'static str>) {
    let vocabulary = Vocabulary(&PERMISSION_VOCABULARY);
    let mut ops = Vec::new();
    let mut categories = Vec::new();
    for requirement in vocabulary.requirements() {
        let Some(scope) = requirement.scope else {
            continue;
        };
        // Lacking `p` means lacking every permission that includes it.
        if missing
            .iter()
            .any(|p| vocabulary.closure([scope]).contains(p))
        {
            if !ops.contains(&requirement.operation) {
                ops.push(requirement.operation);
            }
            if !categories.contains(&requirement.category) {
                categories.push(requirement.category);
            }
        }
    }
    ops.sort();
    (ops, categories)
}

/// One static list per distinct set of categories (at most one per subset of the catalog's
/// categories), for findings computed from the input.
fn interned(categories: Vec<&'static str>) -> &'static [&'static str] {
    static CACHE: OnceLock<Mutex<Vec<&'static [&'static str]>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let Ok(mut lists) = cache.lock() else {
        return &[];
    };
    if let Some(found) = lists.iter().find(|l| **l == categories.as_slice()) {
        return found;
    }
    let list: &'static [&'static str] = Box::leak(categories.into_boxed_slice());
    lists.push(list);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_permission_blocks_what_needs_it() {
        let (ops, categories) = blocked_by(&["contents:write"]);
        assert_eq!(ops, vec![Operation::Restore]);
        assert_eq!(categories, vec!["repositories", "releases"]);
        let (ops, _) = blocked_by(&["contents:read"]);
        assert_eq!(ops, vec![Operation::Backup, Operation::Restore]);
    }

    #[test]
    fn sso_header_values() {
        assert!(matches!(
            sso_message("required; url=https://github.com/orgs/x/sso?authorization_request=A"),
            Some(Message::SsoRequired { url: Some(_) })
        ));
        assert!(matches!(
            sso_message("partial-results; organizations=21955855,20582480"),
            Some(Message::SsoPartial { .. })
        ));
        assert_eq!(sso_message("nonsense"), None);
    }
}
