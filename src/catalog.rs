//! The catalog's shared shapes: what a platform folder declares (its data categories, its
//! vocabularies of scopes or roles, what backup and restore of each category need in each
//! vocabulary) and the public document every rule comes from. The data itself lives in each
//! platform's folder (`src/platforms/<id>/catalog.rs`), written to be reviewed by someone who
//! knows the portal rather than Rust; this file only knows how to look things up in it.

use crate::model::{Credential, Operation, Platform};
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// A public document a rule, a category or a warning comes from: what an admin can open to
/// check it (a Xopero ONE help-center page, Microsoft Learn, Atlassian, GitHub or GitLab docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source {
    /// The page's title, with the section when the rule comes from one part of it.
    pub title: &'static str,
    pub url: &'static str,
}

impl Source {
    /// "Title (url)", how the text renderers cite it.
    pub fn cite(&self) -> String {
        format!("{} ({})", self.title, self.url)
    }
}

/// What the ids of a vocabulary are held by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VocabularyKind {
    /// A token carries them (scopes, token permissions).
    Scope,
    /// The account has them (an access level, a role, a global permission): a token can do
    /// only what both its scopes and its account's role allow.
    Role,
}

/// One family of permission names, as a platform folder declares it. A scope id only means
/// something inside its vocabulary (`repository` is a Bitbucket legacy scope, not an API-token
/// scope).
#[derive(Debug)]
pub struct VocabularyDef {
    /// Stable id, used in reports and the JS API's catalog (`azure-devops-scope`).
    pub id: &'static str,
    /// The platform its ids belong to (Azure DevOps vocabularies name Services; Server shares
    /// them).
    pub platform: Platform,
    pub kind: VocabularyKind,
    /// What admins call the vocabulary ("classic personal access token scopes").
    pub name: &'static str,
    pub scopes: &'static [ScopeDef],
    pub requirements: &'static [Requirement],
    /// The id that grants everything, where the vocabulary has one (`app_token`).
    pub full_access: Option<&'static str>,
    /// Whether a bare id of this vocabulary counts when it stands in a list of scope ids. Off
    /// for vocabularies whose ids are plain words only a labelled context can tell apart
    /// (roles such as "Developer").
    pub listed: bool,
    /// The document that lists the vocabulary's ids.
    pub source: &'static Source,
}

/// A vocabulary, by reference to its declaration. Compared, ordered and hashed by id.
#[derive(Clone, Copy)]
pub struct Vocabulary(pub &'static VocabularyDef);

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.id)
    }
}

impl PartialEq for Vocabulary {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for Vocabulary {}

impl PartialOrd for Vocabulary {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Vocabulary {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.id.cmp(other.0.id)
    }
}

impl std::hash::Hash for Vocabulary {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.id.hash(state);
    }
}

/// Every declared scope, by (vocabulary id, lower-case scope id): built once from the registry.
type ScopeIndex = HashMap<(&'static str, String), &'static ScopeDef>;

fn scope_index() -> &'static ScopeIndex {
    static INDEX: OnceLock<ScopeIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for vocabulary in crate::platforms::vocabularies() {
            for def in vocabulary.scopes() {
                index.insert((vocabulary.id(), def.id.to_ascii_lowercase()), def);
            }
        }
        index
    })
}

impl Vocabulary {
    pub fn id(self) -> &'static str {
        self.0.id
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    pub fn platform(self) -> Platform {
        self.0.platform
    }

    pub fn kind(self) -> VocabularyKind {
        self.0.kind
    }

    pub fn scopes(self) -> &'static [ScopeDef] {
        self.0.scopes
    }

    pub fn requirements(self) -> &'static [Requirement] {
        self.0.requirements
    }

    pub fn full_access(self) -> Option<&'static str> {
        self.0.full_access
    }

    /// A vocabulary by id, from the registry.
    pub fn from_id(id: &str) -> Option<Vocabulary> {
        crate::platforms::vocabularies().find(|v| v.id() == id)
    }

    /// The declared scope for `id`, in any case.
    pub fn find(self, id: &str) -> Option<&'static ScopeDef> {
        let index = scope_index();
        // Most lookups use the declared spelling: try it before allocating a lower-case copy.
        if let Some(def) = self.scopes().iter().find(|s| s.id == id) {
            return Some(def);
        }
        index
            .get(&(self.id(), id.trim().to_ascii_lowercase()))
            .copied()
    }

    /// Everything `granted` gives, following `implies` transitively (and the full-access id to
    /// every selectable scope).
    pub fn closure<'a>(self, granted: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'static str> {
        let mut out: BTreeSet<&'static str> = BTreeSet::new();
        let mut stack: Vec<&'static ScopeDef> =
            granted.into_iter().filter_map(|id| self.find(id)).collect();
        while let Some(def) = stack.pop() {
            if !out.insert(def.id) {
                continue;
            }
            if Some(def.id) == self.full_access() {
                stack.extend(
                    self.scopes()
                        .iter()
                        .filter(|s| s.availability != Availability::System),
                );
            }
            stack.extend(def.implies.iter().filter_map(|id| self.find(id)));
        }
        out
    }

    /// The label an admin sees for `id`, or the id itself when the catalog does not know it.
    pub fn label(self, id: &str) -> String {
        self.find(id)
            .map(|s| s.label.to_string())
            .unwrap_or_else(|| id.to_string())
    }

    /// "Label (id)", or the id alone when the label is the id: how reports name a grant.
    pub fn named(self, id: &str) -> String {
        let label = self.label(id);
        if label.eq_ignore_ascii_case(id) {
            id.to_string()
        } else {
            format!("{label} ({id})")
        }
    }
}

/// Whether an admin can pick the scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    Public,
    /// Not selectable, only inherited (`vso.base`, `vso.hooks`).
    Inherited,
    Deprecated,
    Conditional,
    System,
}

/// One scope a token can carry (or one role an account can have).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeDef {
    pub id: &'static str,
    /// What the admin sees: the PAT page's "Group: Level" label, the app-password checkbox, the
    /// consent sentence, the role's name.
    pub label: &'static str,
    /// Ids this one includes directly.
    pub implies: &'static [&'static str],
    pub availability: Availability,
    pub source: &'static Source,
}

impl ScopeDef {
    /// A scope (or role) every account can be given, as `source` documents it.
    pub const fn public(
        id: &'static str,
        label: &'static str,
        implies: &'static [&'static str],
        source: &'static Source,
    ) -> ScopeDef {
        ScopeDef {
            id,
            label,
            implies,
            availability: Availability::Public,
            source,
        }
    }

    /// The same, offered as `availability` says.
    pub const fn offered(self, availability: Availability) -> ScopeDef {
        ScopeDef {
            availability,
            ..self
        }
    }
}

/// A data category a backup tool protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    pub id: &'static str,
    pub label: &'static str,
    pub kind: CategoryKind,
    pub source: &'static Source,
}

/// How much a category weighs in the overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoryKind {
    /// Signing in and finding the organisation: without it nothing works (`impossible`).
    Prerequisite,
    /// The repositories themselves: without them a backup is `impossible`, not `partial`.
    Core,
    /// Metadata: without it the verdict is `partial` ("some metadata might be excluded").
    Metadata,
}

/// Which credentials a requirement applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    All,
    Only(&'static [Credential]),
    AllBut(&'static [Credential]),
}

impl Applies {
    pub fn includes(self, credential: Credential) -> bool {
        match self {
            Applies::All => true,
            Applies::Only(list) => list.contains(&credential),
            Applies::AllBut(list) => !list.contains(&credential),
        }
    }
}

/// What a category needs for one operation: one id of the requirement's vocabulary, or (when
/// `scope` is `None`) something no id in this vocabulary is documented to give, which makes the
/// category `unknown` (or, with `never`, `impossible`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    pub category: &'static str,
    pub operation: Operation,
    pub scope: Option<&'static str>,
    pub applies: Applies,
    /// The API calls or steps that need it, in a few words.
    pub because: &'static str,
    pub source: &'static Source,
    /// With `scope: None`: the platform documents that no credential of this kind can do it
    /// (a Bitbucket Data Center token cannot create a project), so the category is
    /// `impossible` rather than `unknown`.
    pub never: bool,
}

/// A requirement that applies to every credential: the common case in every catalog.
pub const fn req(
    category: &'static str,
    operation: Operation,
    scope: &'static str,
    because: &'static str,
    source: &'static Source,
) -> Requirement {
    Requirement {
        category,
        operation,
        scope: Some(scope),
        applies: Applies::All,
        because,
        source,
        never: false,
    }
}

impl Requirement {
    /// The same requirement, for `credentials` only.
    pub const fn only(mut self, credentials: &'static [Credential]) -> Self {
        self.applies = Applies::Only(credentials);
        self
    }

    /// The same requirement, for every credential but `credentials`.
    pub const fn except(mut self, credentials: &'static [Credential]) -> Self {
        self.applies = Applies::AllBut(credentials);
        self
    }
}

/// Something the platform documents that no credential of the kinds in `applies` can do: the
/// category is `impossible` for them, whatever else they carry.
pub const fn never(
    category: &'static str,
    operation: Operation,
    applies: Applies,
    because: &'static str,
    source: &'static Source,
) -> Requirement {
    Requirement {
        category,
        operation,
        scope: None,
        applies,
        because,
        source,
        never: true,
    }
}

/// Every category of a platform (from its folder).
pub fn categories(platform: Platform) -> &'static [Category] {
    crate::platforms::for_platform(platform)
        .map(|p| p.categories())
        .unwrap_or(&[])
}

pub fn category_label(platform: Platform, id: &str) -> String {
    categories(platform)
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.label.to_string())
        .unwrap_or_else(|| id.to_string())
}

/// Lower-case, `&` → `and`, punctuation to spaces, whitespace collapsed: "Read, write, & manage"
/// and "read, write and manage" both become "read write and manage".
pub fn normalize_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str(" and "),
            ',' | '.' | ';' | '(' | ')' | '*' | '_' | '"' | '\'' => out.push(' '),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_implied_scope_and_requirement_scope_exists() {
        let mut ids = std::collections::HashSet::new();
        for vocab in crate::platforms::vocabularies() {
            assert!(ids.insert(vocab.id()), "{} declared twice", vocab.id());
            assert!(!vocab.0.source.url.is_empty());
            for def in vocab.scopes() {
                for implied in def.implies {
                    assert!(
                        vocab.find(implied).is_some(),
                        "{} implies unknown {implied}",
                        def.id
                    );
                }
                assert!(def.source.url.starts_with("https://"), "{}", def.id);
            }
            let platform = vocab.platform();
            for req in vocab.requirements() {
                if let Some(scope) = req.scope {
                    assert!(
                        vocab.find(scope).is_some(),
                        "{}: requirement names unknown {scope}",
                        vocab.id()
                    );
                }
                assert!(
                    categories(platform).iter().any(|c| c.id == req.category),
                    "{}: requirement names unknown category {}",
                    vocab.id(),
                    req.category
                );
                assert!(req.source.url.starts_with("https://"));
                assert!(!req.never || req.scope.is_none());
            }
        }
    }

    #[test]
    fn labels_normalize_alike() {
        assert_eq!(
            normalize_label("Read, write, & manage"),
            "read write and manage"
        );
        assert_eq!(
            normalize_label("read, write and manage"),
            "read write and manage"
        );
    }
}
