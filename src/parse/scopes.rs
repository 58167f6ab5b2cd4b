//! Scope ids: which vocabulary an id belongs to, scanning a list of them, and "did you mean".

use super::Parsed;
use crate::catalog::{ScopeDef, Vocabulary};
use crate::evidence::{ForeignScope, ScopeGrant};
use crate::model::Platform;
use crate::report::Severity;
use crate::source::Span;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Unknown ids per input that get a "did you mean"; beyond that, the message alone.
const MAX_SUGGESTIONS: usize = 10;

const VOCABULARIES: [Vocabulary; 3] = [
    Vocabulary::AzureDevopsScope,
    Vocabulary::BitbucketApiTokenScope,
    Vocabulary::BitbucketLegacyScope,
];

/// GitHub classic OAuth/PAT scopes (reference/bitbucket.md §7a), recognised so a GitHub header is
/// not mistaken for Bitbucket; GitHub is not evaluated yet. `project` is left to Bitbucket.
const GITHUB_SCOPES: &[&str] = &[
    "repo",
    "repo:status",
    "repo_deployment",
    "public_repo",
    "repo:invite",
    "security_events",
    "admin:repo_hook",
    "write:repo_hook",
    "read:repo_hook",
    "admin:org",
    "write:org",
    "read:org",
    "admin:public_key",
    "write:public_key",
    "read:public_key",
    "admin:org_hook",
    "gist",
    "notifications",
    "user",
    "read:user",
    "user:email",
    "user:follow",
    "read:project",
    "delete_repo",
    "write:packages",
    "read:packages",
    "delete:packages",
    "admin:gpg_key",
    "write:gpg_key",
    "read:gpg_key",
    "codespace",
    "workflow",
    "read:audit_log",
    "admin:enterprise",
];

/// GitLab token scopes (reference/bitbucket.md §7c); not evaluated yet.
const GITLAB_SCOPES: &[&str] = &[
    "api",
    "read_api",
    "read_repository",
    "write_repository",
    "read_registry",
    "write_registry",
    "read_user",
    "sudo",
    "admin_mode",
    "create_runner",
    "manage_runner",
    "read_service_ping",
    "self_rotate",
    "k8s_proxy",
    "ai_features",
    "read_virtual_registry",
    "write_virtual_registry",
];

/// The catalog entry for an exact (lower-case) scope id.
pub fn classify(id: &str) -> Option<(Vocabulary, &'static ScopeDef)> {
    static INDEX: OnceLock<HashMap<&'static str, (Vocabulary, &'static ScopeDef)>> =
        OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut map = HashMap::new();
            // Later vocabularies do not override earlier ones (ids are disjoint anyway).
            for v in VOCABULARIES.iter().rev() {
                for s in v.scopes() {
                    map.insert(s.id, (*v, s));
                }
            }
            map
        })
        .get(id)
        .copied()
}

pub fn foreign_platform(id: &str) -> Option<Platform> {
    if GITHUB_SCOPES.contains(&id) {
        Some(Platform::Github)
    } else if GITLAB_SCOPES.contains(&id) {
        Some(Platform::Gitlab)
    } else {
        None
    }
}

/// Looks like a scope id rather than a word: has `.`, `:` or `_` inside and no spaces.
pub fn looks_like_scope_id(token: &str) -> bool {
    let inner = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    !inner.is_empty()
        && inner.contains(['.', ':', '_'])
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '_' | '-'))
}

/// Split a list on whitespace, commas, semicolons, pipes, brackets and quotes; each piece with
/// its byte offset inside `text`.
pub fn tokens(text: &str) -> Vec<(usize, &str)> {
    let is_sep = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | '|' | '[' | ']' | '"' | '\'' | '`' | '(' | ')'
            )
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_sep(c), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// What a scan of one list found.
#[derive(Debug, Default)]
pub struct Scan {
    pub grants: Vec<ScopeGrant>,
    pub foreign: Vec<ForeignScope>,
    pub unknown: Vec<(usize, String)>,
}

/// Read every id of a scope list starting at byte `base` of the input.
pub fn scan_list(list: &str, base: usize) -> Scan {
    let mut scan = Scan::default();
    for (offset, raw) in tokens(list) {
        let token = raw.trim_end_matches(['.', ':']);
        // Entra ID writes `499b84ac-…/vso.code` or `https://app.vssps.visualstudio.com/vso.code`.
        let (token, offset) = match token.rfind('/') {
            Some(slash) if slash + 1 < token.len() => (&token[slash + 1..], offset + slash + 1),
            _ => (token, offset),
        };
        let span = Span::new(base + offset, base + offset + token.len());
        let lower = token.to_ascii_lowercase();
        if let Some((vocabulary, def)) = classify(&lower) {
            scan.grants.push(ScopeGrant {
                vocabulary,
                id: def.id.to_string(),
                span,
            });
        } else if let Some(platform) = foreign_platform(&lower) {
            scan.foreign.push(ForeignScope {
                platform,
                id: lower,
                span,
            });
        } else if !token.is_empty() {
            scan.unknown.push((base + offset, token.to_string()));
        }
    }
    scan
}

/// Report unknown ids of a scan as warnings with a suggestion.
pub fn report_unknown(parsed: &mut Parsed, unknown: &[(usize, String)]) {
    for (at, token) in unknown {
        if !parsed.accepts(Severity::Warning) {
            continue;
        }
        let suggestion = if parsed.diagnostics.len() < MAX_SUGGESTIONS {
            suggest(token)
        } else {
            None
        };
        let help = suggestion
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| {
                Some(
                    "check the spelling; permcheck lists every scope it knows in its catalog"
                        .into(),
                )
            });
        parsed.diagnose(
            Severity::Warning,
            *at,
            format!("`{token}` is not a scope permcheck knows, so it was not counted"),
            help,
        );
    }
}

/// The closest known id within a small edit distance.
pub fn suggest(token: &str) -> Option<&'static str> {
    if token.len() > 40 {
        return None;
    }
    let lower: Vec<char> = token.to_ascii_lowercase().chars().collect();
    let limit = if lower.len() < 12 { 2 } else { 3 };
    let first = lower.first().copied();
    let mut best: Option<(usize, &'static str)> = None;
    let mut rows = (Vec::new(), Vec::new());
    for v in VOCABULARIES {
        for def in v.scopes() {
            // Cheap bound first: the distance is at least the difference in length.
            if def.id.len().abs_diff(lower.len()) > limit || def.id.chars().next() != first {
                continue;
            }
            let d = edit_distance(&lower, def.id, &mut rows);
            if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, def.id));
            }
        }
    }
    best.map(|(_, id)| id)
}

fn edit_distance(a: &[char], b: &str, rows: &mut (Vec<usize>, Vec<usize>)) -> usize {
    let b: Vec<char> = b.chars().collect();
    let (prev, row) = rows;
    prev.clear();
    prev.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        row.clear();
        row.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let value = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
            row.push(value);
        }
        std::mem::swap(prev, row);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_mixed_separators() {
        let scan = scan_list("vso.code, vso.build\nrepository:admin;bogus", 10);
        let ids: Vec<_> = scan.grants.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, vec!["vso.code", "vso.build", "repository:admin"]);
        assert_eq!(scan.grants[0].span, Span::new(10, 18));
        assert_eq!(scan.unknown, vec![(10 + 37, "bogus".to_string())]);
    }

    #[test]
    fn suggests_near_misses() {
        assert_eq!(suggest("vso.code_mange"), Some("vso.code_manage"));
        assert_eq!(suggest("repositroy:admin"), Some("repository:admin"));
        assert_eq!(suggest("completely-unrelated-words"), None);
    }
}
