//! Scope ids: which vocabularies an id belongs to, scanning a list of them, and "did you mean".

use super::Parsed;
use crate::catalog::{ScopeDef, Vocabulary};
use crate::evidence::ScopeGrant;
use crate::report::Severity;
use crate::source::Span;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Unknown ids per input that get a "did you mean"; beyond that, the message alone.
const MAX_SUGGESTIONS: usize = 10;

type Classified = Vec<(Vocabulary, &'static ScopeDef)>;

/// Every vocabulary (of every platform) that lists the id `id` (any case), in registry order:
/// the same word can be a scope of two platforms (`project`).
pub fn classify(id: &str) -> &'static [(Vocabulary, &'static ScopeDef)] {
    static INDEX: OnceLock<HashMap<String, Classified>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut map: HashMap<String, Classified> = HashMap::new();
        for v in crate::platforms::vocabularies().filter(|v| v.0.listed) {
            for s in v.scopes() {
                map.entry(s.id.to_ascii_lowercase())
                    .or_default()
                    .push((v, s));
            }
        }
        map
    });
    let found = match index.get(id) {
        Some(found) => Some(found),
        // "Wiki", "Project", "Account" are words (a label, a heading), not the ids `wiki`,
        // `project`, `account`; `REPO_READ` and `Vso.Code` are ids written in another case.
        None if is_capitalized_word(id) => None,
        None if id.bytes().any(|b| b.is_ascii_uppercase()) => {
            index.get(id.to_ascii_lowercase().as_str())
        }
        None => None,
    };
    found.map(Vec::as_slice).unwrap_or(&[])
}

/// A word written as in a sentence: a capital, then small letters, no `.`, `:` or `_`.
fn is_capitalized_word(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && id.bytes().any(|b| b.is_ascii_lowercase())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Looks like a scope id rather than a word: has `.`, `:` or `_` inside and no spaces.
pub fn looks_like_scope_id(token: &str) -> bool {
    let inner = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    !inner.is_empty()
        && inner.contains(['.', ':', '_'])
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '_' | '-' | '='))
}

/// Split a list on whitespace, commas, semicolons, pipes, brackets and quotes; each piece with
/// its byte offset inside `text`.
pub fn tokens(text: &str) -> Vec<(usize, &str)> {
    let is_sep = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | '|' | '[' | ']' | '"' | '\'' | '`' | '(' | ')' | '{' | '}'
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

/// One id of a list, with every vocabulary it could belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// One grant per vocabulary that lists the id; never empty.
    pub alternatives: Vec<ScopeGrant>,
    pub span: Span,
}

/// What a scan of one list found.
#[derive(Debug, Default)]
pub struct Scan {
    pub items: Vec<Item>,
    pub unknown: Vec<(usize, String)>,
}

impl Scan {
    /// Whether the list names an id only a scope list has (`vso.code`, `read:org`,
    /// `pipeline_variable`), not a plain word.
    pub fn has_distinctive(&self) -> bool {
        self.items.iter().any(|i| {
            i.alternatives
                .first()
                .is_some_and(|g| looks_like_scope_id(&g.id))
        })
    }
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
        let found = classify(token);
        if !found.is_empty() {
            scan.items.push(Item {
                alternatives: found
                    .iter()
                    .map(|(vocabulary, def)| ScopeGrant {
                        vocabulary: *vocabulary,
                        id: def.id.to_string(),
                        span,
                    })
                    .collect(),
                span,
            });
        } else if !token.is_empty() {
            scan.unknown.push((base + offset, token.to_string()));
        }
    }
    scan
}

/// Report unknown ids of a scan as warnings with a suggestion. Secrets are never echoed.
pub fn report_unknown(parsed: &mut Parsed, unknown: &[(usize, String)]) {
    for (at, token) in unknown {
        if !parsed.accepts(Severity::Warning) {
            continue;
        }
        if let Some(secret) = super::secrets::shape_of(token) {
            super::secrets::report(parsed, *at, secret);
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
            format!(
                "`{}` is not a scope permcheck knows, so it was not counted",
                super::secrets::redact(token)
            ),
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
    for v in crate::platforms::vocabularies().filter(|v| v.0.listed) {
        for def in v.scopes() {
            // Cheap bound first: the distance is at least the difference in length.
            if def.id.len().abs_diff(lower.len()) > limit
                || def.id.chars().next().map(|c| c.to_ascii_lowercase()) != first
            {
                continue;
            }
            let d = edit_distance(&lower, &def.id.to_ascii_lowercase(), &mut rows);
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
        let ids: Vec<_> = scan
            .items
            .iter()
            .map(|i| i.alternatives[0].id.as_str())
            .collect();
        assert_eq!(ids, vec!["vso.code", "vso.build", "repository:admin"]);
        assert_eq!(scan.items[0].span, Span::new(10, 18));
        assert_eq!(scan.unknown, vec![(10 + 37, "bogus".to_string())]);
    }

    #[test]
    fn suggests_near_misses() {
        assert_eq!(suggest("vso.code_mange"), Some("vso.code_manage"));
        assert_eq!(suggest("repositroy:admin"), Some("repository:admin"));
        assert_eq!(suggest("completely-unrelated-words"), None);
    }
}
