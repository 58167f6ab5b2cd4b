//! Bitbucket Cloud readers: 403/410 error bodies (`required` / `granted`), the app-password and
//! access-token pages' labels ("Repositories: Read, Admin"), and the OAuth consent screen's
//! sentences.

use super::catalog::{CONSENT_SENTENCES, CONSENT_WITHOUT_SCOPE, LABEL_GROUPS, LEGACY_VOCABULARY};
use crate::catalog::{normalize_label, Vocabulary};
use crate::evidence::{Blocks, CredentialEvidence, Finding, Note, NoteKind, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::json::{find, scope_items};
use crate::parse::{Block, Parsed};
use crate::platforms::{LabelRead, ListHints};
use crate::report::Severity;
use crate::source::Span;
use serde_json::Value;
use std::sync::OnceLock;

pub const ERROR_BODY: &str = "bitbucket-error-body";

/// The id of the finding an empty `x-oauth-scopes` header proves.
pub const NO_SCOPES: &str = "bitbucket-no-scopes";

/// A response group attributed to Bitbucket Cloud without a scope list: an `x-oauth-scopes`
/// header that is there but empty lists every scope the token has, none. Returns whether the
/// headers show that credential (otherwise they say nothing about its scopes).
pub fn refine_headers(
    evidence: &mut CredentialEvidence,
    headers: &[(String, String)],
    credential_of: impl Fn(&ListHints) -> (Credential, bool),
) -> bool {
    let empty_scopes = headers
        .iter()
        .any(|(name, value)| name == "x-oauth-scopes" && value.trim().is_empty());
    if !evidence.grants.is_empty() || !empty_scopes {
        return !evidence.grants.is_empty();
    }
    let hints = ListHints {
        headers: headers.to_vec(),
        ..ListHints::default()
    };
    let (credential, certain) = credential_of(&hints);
    evidence.credential = credential;
    evidence.credential_certain = certain;
    evidence.findings.push(Finding {
        id: NO_SCOPES,
        blocks: Blocks::Both,
        categories: &[],
        proves: "The token carries no scope (its x-oauth-scopes header is empty): every Bitbucket Cloud API call a backup or restore makes names a scope it needs, so nothing can be backed up or restored with it.".into(),
        action: "Create a token with the scopes listed under What to grant.".into(),
        cannot_tell: "Whether public repositories alone would be enough for you.".into(),
        span: evidence.span,
        source: &super::sources::ATLASSIAN_TOKEN_SCOPES_KB,
    });
    true
}

fn legacy() -> Vocabulary {
    Vocabulary(&LEGACY_VOCABULARY)
}

/// A Bitbucket Cloud error body: `{"type": "error", "error": {"message", "detail": {"required",
/// "granted"}}}`.
pub fn read_json(parsed: &mut Parsed, value: &Value, block: Block) -> bool {
    let Some(error) = value
        .get("error")
        .filter(|_| value.get("type").and_then(Value::as_str) == Some("error"))
    else {
        return false;
    };
    parsed.set_format(ERROR_BODY);
    let at = block.start;
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
        return true;
    }
    let Some(required) = required else {
        return true;
    };
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
    let Some(granted) = granted else {
        parsed.diagnose(
            Severity::Warning,
            required_at,
            format!(
                "the failed call needed {}, but the body does not list what the token has",
                note.text
            ),
            Some("paste the token's x-oauth-scopes header too".into()),
        );
        return true;
    };
    let mut cursor = at;
    let _ = find(parsed, "\"granted\"", &mut cursor);
    let items = scope_items(parsed, granted, &mut cursor);
    let before = parsed.credentials.len();
    let span = Span::new(block.start, block.end);
    let mut grants_by_vocabulary: Vec<(Vocabulary, Vec<ScopeGrant>)> = Vec::new();
    for item in items {
        let Some(g) = item
            .alternatives
            .iter()
            .find(|g| g.vocabulary.platform() == Platform::BitbucketCloud)
        else {
            continue;
        };
        match grants_by_vocabulary
            .iter_mut()
            .find(|(v, _)| *v == g.vocabulary)
        {
            Some((_, list)) => list.push(g.clone()),
            None => grants_by_vocabulary.push((g.vocabulary, vec![g.clone()])),
        }
    }
    for (vocabulary, grants) in grants_by_vocabulary {
        let api_token = vocabulary != legacy();
        let mut evidence = CredentialEvidence::on(
            Platform::BitbucketCloud,
            if api_token {
                Credential::ApiToken
            } else {
                Credential::Token
            },
            span,
        );
        evidence.credential_certain = api_token;
        evidence.grants = grants;
        evidence.notes.push(note.clone());
        parsed.credentials.push(evidence);
    }
    if parsed.credentials.len() == before {
        let mut empty = CredentialEvidence::on(Platform::BitbucketCloud, Credential::Token, span);
        empty.notes.push(note);
        empty.scopes_unseen = true;
        empty.scopes_hint = Some("the error body lists no scope this token has".into());
        parsed.credentials.push(empty);
    }
    true
}

/// (normalized sentence, scope ids) for every consent sentence, built once.
fn consent_table() -> &'static [(String, &'static [&'static str])] {
    static TABLE: OnceLock<Vec<(String, &'static [&'static str])>> = OnceLock::new();
    TABLE.get_or_init(|| {
        CONSENT_SENTENCES
            .iter()
            .map(|(sentence, ids)| (normalize_label(sentence), *ids))
            .collect()
    })
}

/// A label of the app-password / access-token page ("Repositories: Read, Admin"), or a
/// sentence of the OAuth consent screen.
pub fn read_label(line: &str, at: usize) -> Option<LabelRead> {
    if line.len() > 200 {
        return None;
    }
    let span = Span::new(at, at + line.len());
    let grant = |id: &str| ScopeGrant {
        vocabulary: legacy(),
        id: id.to_string(),
        span,
    };
    if let Some((group, level, level_offset)) = crate::parse::text::split_label(line) {
        let group_b = normalize_label(group);
        if let Some((_, levels)) = LABEL_GROUPS.iter().find(|(g, _)| *g == group_b) {
            let level_n = normalize_label(level);
            let mut grants = Vec::new();
            let mut rest = level_n.clone();
            if rest.contains("edit variables") {
                rest = rest.replace("edit variables", " ");
                grants.push("pipeline:variable");
            }
            for word in rest
                .split(|c: char| c.is_whitespace() || c == '/')
                .filter(|w| !w.is_empty() && *w != "and")
            {
                match levels.iter().find(|(l, _)| *l == word) {
                    Some((_, id)) => grants.push(id),
                    None => {
                        let known: Vec<&str> = levels.iter().map(|(l, _)| *l).collect();
                        return Some(LabelRead::Wrong {
                            at: at + level_offset,
                            message: format!("`{word}` is not a level of Bitbucket's \"{group}\" permission, so it was not counted"),
                            help: Some(format!("the levels are: {}", known.join(", "))),
                        });
                    }
                }
            }
            grants.dedup();
            return Some(LabelRead::Grants {
                grants: grants.into_iter().map(grant).collect(),
                credential: None,
            });
        }
    }
    // A consent sentence (the longest, with the seed's explanation, is well under 200
    // characters).
    let whole = normalize_label(line);
    let name = normalize_label(line.split('(').next().unwrap_or(line));
    if CONSENT_WITHOUT_SCOPE
        .iter()
        .any(|c| normalize_label(c) == name)
    {
        return Some(LabelRead::Grants {
            grants: Vec::new(),
            credential: Some((Credential::Oauth, true)),
        });
    }
    consent_table()
        .iter()
        .find(|(s, _)| *s == whole || *s == name)
        .map(|(_, ids)| LabelRead::Grants {
            grants: ids.iter().map(|id| grant(id)).collect(),
            credential: Some((Credential::Oauth, true)),
        })
}
