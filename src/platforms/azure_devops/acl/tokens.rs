//! Security tokens (reference/azure-devops.md §2): normalising, walking to the root along the
//! namespace's separator, and reading what a token names (a project, a repository, a branch
//! whose name is hex-encoded UTF-16LE, an area path chain, a process …) for display.

use super::namespaces::{ids, Namespace};

/// A token as it is compared: trimmed, without trailing separators (the TFS-era docs write Git
/// tokens with a trailing `/`, the current ones without), lower-case (tokens are
/// case-insensitive, §2).
pub fn key(token: &str, separator: Option<char>) -> String {
    key_of(token, separator).into_owned()
}

/// [`key`], borrowed when the token already is one (as exported tokens mostly are).
pub fn key_of(token: &str, separator: Option<char>) -> std::borrow::Cow<'_, str> {
    let t = trimmed(token, separator);
    if t.is_ascii() {
        return if t.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(t.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(t)
        };
    }
    let lower = t.to_lowercase();
    if lower == t {
        std::borrow::Cow::Borrowed(t)
    } else {
        std::borrow::Cow::Owned(lower)
    }
}

/// The token without surrounding white space and trailing separators.
fn trimmed(token: &str, separator: Option<char>) -> &str {
    // Exported tokens have no surrounding white space: look at their ends before trimming
    // (`trim` decodes characters from both ends, for every token of a big export).
    let plain = |b: Option<&u8>| b.is_some_and(|b| (b'!'..0x80).contains(b));
    let bytes = token.as_bytes();
    let mut t = if plain(bytes.first()) && plain(bytes.last()) {
        token
    } else {
        token.trim()
    };
    if let Some(sep) = separator {
        while t.len() > sep.len_utf8() && t.ends_with(sep) {
            t = &t[..t.len() - sep.len_utf8()];
        }
    }
    t
}

/// [`key`] up to ASCII case: equal under `eq_ignore_ascii_case` exactly when the keys are equal.
/// Borrowed for every ASCII token, so a big export's tokens are indexed without a copy.
pub fn folded_key(token: &str, separator: Option<char>) -> std::borrow::Cow<'_, str> {
    let t = trimmed(token, separator);
    if t.is_ascii() {
        std::borrow::Cow::Borrowed(t)
    } else {
        key_of(t, None)
    }
}

/// The token itself, then each ancestor up to the root, as [`key`]s. A flat namespace has no
/// ancestors.
pub fn chain(token: &str, ns: &Namespace) -> Vec<String> {
    let own = key(token, ns.separator);
    let mut out = vec![own.clone()];
    let Some(sep) = ns.separator.filter(|_| ns.hierarchical) else {
        return out;
    };
    let mut current = own.as_str();
    while let Some(cut) = current.rfind(sep) {
        current = &current[..cut];
        if current.is_empty() {
            break;
        }
        out.push(current.to_string());
    }
    out
}

/// [`chain`] without allocating: `own` and each prefix of it that ends before a `separator`
/// (none without one; pass the namespace's separator only if it is hierarchical).
pub fn ancestors<'k>(own: &'k str, sep: Option<char>) -> impl Iterator<Item = &'k str> + 'k {
    let mut next = Some(own);
    std::iter::from_fn(move || {
        let current = next?;
        next = sep
            .and_then(|sep| current.rfind(sep))
            .map(|cut| &current[..cut])
            .filter(|up| !up.is_empty());
        Some(current)
    })
}

/// What a Git Repositories token names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitToken {
    pub project: Option<String>,
    pub repo: Option<String>,
    /// `refs/heads/main` with every segment decoded; `refs/heads` for all branches.
    pub ref_name: Option<String>,
}

/// Read `repoV2[/{project}[/{repo}[/refs/…]]]`.
pub fn git(token: &str) -> Option<GitToken> {
    let t = token.trim().trim_end_matches('/');
    let mut parts = t.split('/');
    if !parts.next()?.eq_ignore_ascii_case("repov2") {
        return None;
    }
    let project = parts.next().map(str::to_string);
    let repo = parts.next().map(str::to_string);
    let rest: Vec<&str> = parts.collect();
    let ref_name = if rest.is_empty() {
        None
    } else {
        let decoded: Vec<String> = rest
            .iter()
            .enumerate()
            .map(|(i, seg)| {
                if i < 2 {
                    (*seg).to_string()
                } else {
                    decode_ref_segment(seg).unwrap_or_else(|| (*seg).to_string())
                }
            })
            .collect();
        Some(decoded.join("/"))
    };
    Some(GitToken {
        project,
        repo,
        ref_name,
    })
}

/// How many segments a Git token has (`repoV2` 1, a project 2, a repository 3, a ref more),
/// without decoding it: requirements pick their tokens by this on every exported token.
pub fn git_depth(token: &str) -> Option<usize> {
    let t = token.trim().trim_end_matches('/');
    let first = t.as_bytes().split(|&b| b == b'/').next()?;
    if !first.eq_ignore_ascii_case(b"repov2") {
        return None;
    }
    Some(1 + count_slashes(t.as_bytes()))
}

/// How many `/` bytes, eight at a time: picking a big export's repositories counts them in
/// every token.
fn count_slashes(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (0x0101_0101_0101_0101 * u64::from(b'/'));
        // The high bit of each byte of `x` that is zero (exact, no borrow between bytes).
        let zero = !(((x & LOW7) + LOW7) | x | LOW7);
        count += zero.count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'/').count()
}

/// The project segment of a Git token, borrowed.
pub fn git_project(token: &str) -> Option<&str> {
    let t = token.trim().trim_end_matches('/');
    let mut parts = t.split('/');
    if !parts.next()?.eq_ignore_ascii_case("repov2") {
        return None;
    }
    parts.next()
}

/// A branch-name segment is the lower-case hex of its UTF-16LE bytes (§2.1).
pub fn decode_ref_segment(hex: &str) -> Option<String> {
    if hex.is_empty() || hex.len() % 4 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .filter_map(|i| hex.get(i..i + 2))
        .filter_map(|h| u8::from_str_radix(h, 16).ok())
        .collect();
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| {
            u16::from_le_bytes([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        })
        .collect();
    String::from_utf16(&units).ok()
}

pub fn encode_ref_segment(name: &str) -> String {
    name.encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .map(|b| format!("{b:02x}"))
        .collect()
}

const PROJECT_PREFIX: &str = "$project:vstfs:///classification/teamproject/";

/// The project id of a Project-namespace token `$PROJECT:vstfs:///Classification/TeamProject/{id}`.
pub fn project(token: &str) -> Option<String> {
    let t = token.trim().trim_end_matches(':');
    let lower = t.to_ascii_lowercase();
    let rest = lower.strip_prefix(PROJECT_PREFIX)?;
    let id = rest.split(':').next().unwrap_or(rest);
    (!id.is_empty()).then(|| id.to_string())
}

pub fn project_token(id: &str) -> String {
    format!("$PROJECT:vstfs:///Classification/TeamProject/{id}")
}

/// The GUIDs of a `vstfs:///Classification/Node/{id}:vstfs:///…` chain (areas and iterations).
pub fn classification_nodes(token: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = token.trim();
    while !rest.is_empty() {
        let lower = rest.to_ascii_lowercase();
        if !lower.starts_with("vstfs:///classification/node/") {
            return None;
        }
        let after = &rest["vstfs:///Classification/Node/".len()..];
        let (id, next) = match after.find(':') {
            Some(i) => (&after[..i], &after[i + 1..]),
            None => (after, ""),
        };
        out.push(id.to_string());
        rest = next;
    }
    (!out.is_empty()).then_some(out)
}

/// The process chain of `$PROCESS:{id}:{id}:`; empty for the root `$PROCESS:`.
pub fn process(token: &str) -> Option<Vec<String>> {
    let t = token.trim();
    let rest = t
        .strip_prefix("$PROCESS")
        .or_else(|| t.strip_prefix("$process"))?;
    Some(
        rest.split(':')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// Say what a token names, for people: "repository 7b3… in project a68…", "branch main of …".
pub fn describe(ns: &Namespace, token: &str) -> String {
    let t = token.trim();
    match ns.id.as_str() {
        ids::GIT => match git(t) {
            Some(GitToken { project: None, .. }) => "every repository in the organization".into(),
            Some(GitToken {
                project: Some(p),
                repo: None,
                ..
            }) => format!("every repository in project {p}"),
            Some(GitToken {
                project: Some(p),
                repo: Some(r),
                ref_name: None,
            }) => format!("repository {r} in project {p}"),
            Some(GitToken {
                project: Some(p),
                repo: Some(r),
                ref_name: Some(name),
            }) => match name.strip_prefix("refs/heads/") {
                Some(branch) => format!("branch {branch} of repository {r} in project {p}"),
                None if name.eq_ignore_ascii_case("refs/heads") => {
                    format!("every branch of repository {r} in project {p}")
                }
                None => format!("{name} of repository {r} in project {p}"),
            },
            None => format!("token {t}"),
        },
        ids::PROJECT => match project(t) {
            Some(p) => format!("project {p}"),
            None if t.eq_ignore_ascii_case("$PROJECT") || t.eq_ignore_ascii_case("$PROJECT:") => {
                "every project".into()
            }
            None => format!("token {t}"),
        },
        ids::COLLECTION if t.eq_ignore_ascii_case("NAMESPACE") || t.is_empty() => {
            "the organization".into()
        }
        ids::PROCESS => match process(t) {
            Some(chain) if chain.is_empty() => "every process".into(),
            Some(chain) => format!("process {}", chain.join(" → ")),
            None => format!("token {t}"),
        },
        ids::CSS | ids::ITERATION => match classification_nodes(t) {
            Some(nodes) => {
                let what = if ns.id == ids::CSS {
                    "area"
                } else {
                    "iteration"
                };
                match nodes.as_slice() {
                    [root] => format!("{what} root {root}"),
                    [.., last] => format!("{what} node {last} ({} levels deep)", nodes.len()),
                    [] => format!("token {t}"),
                }
            }
            None => format!("token {t}"),
        },
        _ => format!("token {t}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_looks_at_the_ends_first_and_trims_like_trim() {
        for token in [
            "repoV2/p/r",
            " repoV2/p/r",
            "repoV2/p/r\n",
            "\u{a0}repoV2",
            "repoV2\u{2003}",
            "repoV2/p/",
            "repoV2//",
            "/",
            "",
            " ",
            "\t/\t",
            "\u{7f}x\u{7f}",
            "é/",
            "x/ ",
        ] {
            let mut expected = token.trim();
            while expected.len() > 1 && expected.ends_with('/') {
                expected = &expected[..expected.len() - 1];
            }
            assert_eq!(trimmed(token, Some('/')), expected, "{token:?}");
            assert_eq!(trimmed(token, None), token.trim(), "{token:?}");
        }
    }

    #[test]
    fn slashes_are_counted_exactly() {
        let naive = |b: &[u8]| b.iter().filter(|&&c| c == b'/').count();
        for len in 0..24 {
            for at in 0..len {
                for other in [b'/', b'.', 0u8, 0x2e, 0x30, 0xaf, 0xff, 0x01] {
                    let mut bytes = vec![b'/'; len];
                    bytes[at] = other;
                    assert_eq!(count_slashes(&bytes), naive(&bytes), "{bytes:?}");
                    let mut bytes = vec![other; len];
                    bytes[at] = b'/';
                    assert_eq!(count_slashes(&bytes), naive(&bytes), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn git_depth_and_project_read_the_shape_without_decoding() {
        assert_eq!(git_depth("repoV2"), Some(1));
        assert_eq!(git_depth("RepoV2/p/"), Some(2));
        assert_eq!(git_depth("repoV2/p/r"), Some(3));
        assert_eq!(git_depth("repoV2/p/r/refs/heads/6d00"), Some(6));
        assert_eq!(git_depth("$PROJECT:vstfs:///x"), None);
        assert_eq!(git_depth("repoV2x/p"), None);
        assert_eq!(git_depth(" repov2 "), Some(1));
        assert_eq!(git_project("repoV2/p/r"), Some("p"));
        assert_eq!(git_project("repoV2"), None);
        for t in [
            "repoV2",
            "repoV2/p",
            "repoV2/p/r",
            "repoV2/p/r/refs/heads/6d00",
            " repoV2/p/ ",
        ] {
            let g = git(t);
            assert_eq!(
                git_project(t),
                g.as_ref().and_then(|g| g.project.as_deref())
            );
            let full = g.is_some_and(|g| g.repo.is_some() && g.ref_name.is_none());
            assert_eq!(git_depth(t) == Some(3), full, "{t}");
        }
    }
    use crate::acl::namespaces::Catalog;

    fn ns(id: &str) -> Namespace {
        Catalog::default()
            .get(id)
            .cloned()
            .unwrap_or_else(|| Namespace::from_def(&crate::acl::namespaces::EXTRA[0]))
    }

    #[test]
    fn git_tokens_walk_to_the_root_with_or_without_trailing_slash() {
        let git = ns(ids::GIT);
        assert_eq!(
            chain("repoV2/P/R/", &git),
            vec!["repov2/p/r", "repov2/p", "repov2"]
        );
        assert_eq!(chain("repoV2/", &git), vec!["repov2"]);
        let branch = format!("repoV2/p/r/refs/heads/{}", encode_ref_segment("main"));
        assert_eq!(chain(&branch, &git).len(), 6);
    }

    #[test]
    fn project_tokens_walk_to_dollar_project() {
        let project = ns(ids::PROJECT);
        let t = "$PROJECT:vstfs:///Classification/TeamProject/a6845a01-8525-49c7-9cd0-20ee4c0a0d5f";
        let c = chain(t, &project);
        assert_eq!(c.last().map(String::as_str), Some("$project"));
        assert_eq!(
            super::project(t).as_deref(),
            Some("a6845a01-8525-49c7-9cd0-20ee4c0a0d5f")
        );
    }

    #[test]
    fn flat_namespaces_have_no_parents() {
        let audit = Catalog::default()
            .by_name("AuditLog")
            .cloned()
            .map(|n| chain("/AllPermissions", &n));
        assert_eq!(audit, Some(vec!["/allpermissions".to_string()]));
    }

    #[test]
    fn branch_names_decode_from_utf16le_hex() {
        assert_eq!(encode_ref_segment("master"), "6d0061007300740065007200");
        assert_eq!(
            decode_ref_segment("6d0061007300740065007200").as_deref(),
            Some("master")
        );
        assert_eq!(decode_ref_segment("zz"), None);
        let t = "repoV2/p/r/refs/heads/7500730065007200/74006f007400740065006e00";
        let g = git(t);
        assert_eq!(
            g.and_then(|g| g.ref_name).as_deref(),
            Some("refs/heads/user/totten")
        );
        assert_eq!(
            describe(&ns(ids::GIT), t),
            "branch user/totten of repository r in project p"
        );
    }

    #[test]
    fn other_token_forms_are_read() {
        assert_eq!(process("$PROCESS:"), Some(vec![]));
        assert_eq!(
            process("$PROCESS:adcc42ab:d920ddbb:"),
            Some(vec!["adcc42ab".to_string(), "d920ddbb".to_string()])
        );
        let area = "vstfs:///Classification/Node/aaa:vstfs:///Classification/Node/bbb";
        assert_eq!(
            classification_nodes(area),
            Some(vec!["aaa".to_string(), "bbb".to_string()])
        );
        assert_eq!(chain(area, &ns(ids::CSS)).len(), 4);
        assert_eq!(
            describe(&ns(ids::COLLECTION), "NAMESPACE"),
            "the organization"
        );
        assert_eq!(
            describe(&ns(ids::GIT), "repoV2"),
            "every repository in the organization"
        );
    }

    #[test]
    fn walk_is_chain_without_allocating() {
        let catalog = crate::acl::namespaces::Catalog::shared();
        for (ns, token) in [
            (ids::GIT, "repoV2/P/R/refs/heads/6d00610069006e00/"),
            (ids::GIT, "repoV2"),
            (
                ids::PROJECT,
                "$PROJECT:vstfs:///Classification/TeamProject/p",
            ),
            (
                ids::CSS,
                "vstfs:///Classification/Node/a:vstfs:///Classification/Node/b",
            ),
            (ids::COLLECTION, "NAMESPACE"),
        ] {
            let ns = catalog.get(ns).unwrap();
            let own = key(token, ns.separator);
            let walked: Vec<String> = ancestors(&own, ns.separator.filter(|_| ns.hierarchical))
                .map(str::to_string)
                .collect();
            assert_eq!(walked, chain(token, ns), "{token}");
        }
    }
}
