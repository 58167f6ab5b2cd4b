//! The catalog: what each platform's data categories need for backup and for restore, in each
//! scope vocabulary, and every rule's source. One file per platform, written to be reviewed by
//! someone who knows the portal rather than Rust.

pub mod azure_devops;
pub mod bitbucket_cloud;

use crate::model::{Credential, Operation, Platform};
use std::collections::BTreeSet;

/// The families of permission names a token can carry. A scope id only means something inside
/// its vocabulary (`repository` is a Bitbucket legacy scope, not an API-token scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Vocabulary {
    /// `vso.*` PAT / OAuth scopes of Azure DevOps (Services and Server).
    AzureDevopsScope,
    /// Bitbucket Cloud OAuth 2.0 scopes, used by OAuth consumers, app passwords and access
    /// tokens (`repository:write`); they imply one another.
    BitbucketLegacyScope,
    /// Bitbucket Cloud API-token (Forge) scopes (`read:repository:bitbucket`); they imply nothing.
    BitbucketApiTokenScope,
}

impl Vocabulary {
    pub fn platform(self) -> Platform {
        match self {
            Vocabulary::AzureDevopsScope => Platform::AzureDevopsServices,
            Vocabulary::BitbucketLegacyScope | Vocabulary::BitbucketApiTokenScope => {
                Platform::BitbucketCloud
            }
        }
    }

    pub fn scopes(self) -> &'static [ScopeDef] {
        match self {
            Vocabulary::AzureDevopsScope => azure_devops::SCOPES,
            Vocabulary::BitbucketLegacyScope => bitbucket_cloud::LEGACY_SCOPES,
            Vocabulary::BitbucketApiTokenScope => bitbucket_cloud::API_TOKEN_SCOPES,
        }
    }

    pub fn requirements(self) -> &'static [Requirement] {
        match self {
            Vocabulary::AzureDevopsScope => azure_devops::REQUIREMENTS,
            Vocabulary::BitbucketLegacyScope => bitbucket_cloud::LEGACY_REQUIREMENTS,
            Vocabulary::BitbucketApiTokenScope => bitbucket_cloud::API_TOKEN_REQUIREMENTS,
        }
    }

    /// The scope that grants everything, where the vocabulary has one (`app_token`).
    pub fn full_access(self) -> Option<&'static str> {
        match self {
            Vocabulary::AzureDevopsScope => Some("app_token"),
            _ => None,
        }
    }

    pub fn find(self, id: &str) -> Option<&'static ScopeDef> {
        type Index = std::collections::HashMap<&'static str, &'static ScopeDef>;
        static INDEXES: std::sync::OnceLock<[Index; 3]> = std::sync::OnceLock::new();
        let indexes = INDEXES.get_or_init(|| {
            let index = |v: Vocabulary| v.scopes().iter().map(|s| (s.id, s)).collect::<Index>();
            [
                index(Vocabulary::AzureDevopsScope),
                index(Vocabulary::BitbucketLegacyScope),
                index(Vocabulary::BitbucketApiTokenScope),
            ]
        });
        let index = match self {
            Vocabulary::AzureDevopsScope => &indexes[0],
            Vocabulary::BitbucketLegacyScope => &indexes[1],
            Vocabulary::BitbucketApiTokenScope => &indexes[2],
        };
        // Catalog ids are lower case; callers may pass any case.
        match index.get(id) {
            Some(def) => Some(*def),
            None if id.bytes().any(|b| b.is_ascii_uppercase()) => {
                index.get(id.to_ascii_lowercase().as_str()).copied()
            }
            None => None,
        }
    }

    /// Everything `granted` gives, following `implies` transitively.
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

    pub fn label(self, id: &str) -> String {
        self.find(id)
            .map(|s| s.label.to_string())
            .unwrap_or_else(|| id.to_string())
    }
}

/// Whether an admin can pick the scope (from `AuthorizationScopeDefinitions`, Azure DevOps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    Public,
    /// Not selectable, only inherited (`vso.base`, `vso.hooks`).
    Inherited,
    Deprecated,
    Conditional,
    System,
}

/// One scope a token can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeDef {
    pub id: &'static str,
    /// What the admin sees: the PAT page's "Group: Level" label, the app-password checkbox or
    /// the consent sentence.
    pub label: &'static str,
    /// Scopes this one includes directly.
    pub implies: &'static [&'static str],
    pub availability: Availability,
    pub source: &'static str,
}

/// A data category a backup tool protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    pub id: &'static str,
    pub label: &'static str,
    pub kind: CategoryKind,
    pub source: &'static str,
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
}

impl Applies {
    pub fn includes(self, credential: Credential) -> bool {
        match self {
            Applies::All => true,
            Applies::Only(list) => list.contains(&credential),
        }
    }
}

/// What a category needs for one operation: one scope, or (when `scope` is `None`) something no
/// scope in this vocabulary is documented to give, which makes the category `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    pub category: &'static str,
    pub operation: Operation,
    pub scope: Option<&'static str>,
    pub applies: Applies,
    /// The API calls or steps that need it, in a few words.
    pub because: &'static str,
    pub source: &'static str,
}

/// A requirement that applies to every credential: the common case in both catalogs.
pub(crate) const fn req(
    category: &'static str,
    operation: Operation,
    scope: &'static str,
    because: &'static str,
    source: &'static str,
) -> Requirement {
    Requirement {
        category,
        operation,
        scope: Some(scope),
        applies: Applies::All,
        because,
        source,
    }
}

/// Every category of a platform.
pub fn categories(platform: Platform) -> &'static [Category] {
    match platform {
        Platform::AzureDevopsServices | Platform::AzureDevopsServer => azure_devops::CATEGORIES,
        Platform::BitbucketCloud => bitbucket_cloud::CATEGORIES,
        _ => &[],
    }
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
        for vocab in [
            Vocabulary::AzureDevopsScope,
            Vocabulary::BitbucketLegacyScope,
            Vocabulary::BitbucketApiTokenScope,
        ] {
            for def in vocab.scopes() {
                for implied in def.implies {
                    assert!(
                        vocab.find(implied).is_some(),
                        "{} implies unknown {implied}",
                        def.id
                    );
                }
                assert!(!def.source.is_empty(), "{} has no source", def.id);
            }
            let platform = vocab.platform();
            for req in vocab.requirements() {
                if let Some(scope) = req.scope {
                    assert!(
                        vocab.find(scope).is_some(),
                        "requirement names unknown {scope}"
                    );
                }
                assert!(
                    categories(platform).iter().any(|c| c.id == req.category),
                    "requirement names unknown category {}",
                    req.category
                );
                assert!(!req.source.is_empty());
            }
        }
    }

    #[test]
    fn code_hierarchy_follows_the_reference() {
        let v = Vocabulary::AzureDevopsScope;
        let closure = v.closure(["vso.code_manage"]);
        assert!(closure.contains("vso.code_write"));
        assert!(closure.contains("vso.code"));
        assert!(closure.contains("vso.hooks_write"));
        assert!(!closure.contains("vso.code_full"));
        assert!(v.closure(["app_token"]).contains("vso.packaging_manage"));
    }

    #[test]
    fn bitbucket_admin_implies_nothing() {
        let v = Vocabulary::BitbucketLegacyScope;
        let closure = v.closure(["repository:admin"]);
        assert_eq!(closure.len(), 1);
        let closure = v.closure(["pullrequest:write"]);
        assert!(closure.contains("repository:write") && closure.contains("repository"));
        let api = Vocabulary::BitbucketApiTokenScope;
        assert_eq!(api.closure(["write:repository:bitbucket"]).len(), 1);
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
