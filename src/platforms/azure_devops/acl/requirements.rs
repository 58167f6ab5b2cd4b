//! What a backup or restore account needs, as namespace bits on tokens. The core is seed 000's
//! "Granular permission settings"; the other categories use reference/azure-devops.md §8 (a
//! derivation, marked as such in each source). Category ids are those of
//! `catalog/azure_devops.rs`, so ACL and scope verdicts line up.

use super::namespaces::ids;
use crate::model::Operation::{self, Backup, Restore};

/// Which tokens a requirement is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Targets {
    /// One fixed token (`NAMESPACE`, `$PROCESS:`).
    Root(&'static str),
    /// Every project token of the Project namespace (`$PROJECT:…/{id}`).
    EachProject,
    /// Every repository (`repoV2/{p}/{r}`); projects (`repoV2/{p}`) when no repository token was
    /// exported.
    EachRepository,
    /// Every project of the Git namespace (`repoV2/{p}`), where repositories are created.
    EachGitProject,
    /// Every process (`$PROCESS:{id}:…`), or the root.
    EachProcess,
    /// Every token exported for the namespace.
    EachToken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AclRequirement {
    pub category: &'static str,
    pub operation: Operation,
    pub namespace: &'static str,
    pub bit: u64,
    /// The seed's (or portal's) wording, e.g. "Create repository".
    pub label: &'static str,
    pub targets: Targets,
    /// Without it the operation fails outright (repositories, seeing the project).
    pub hard: bool,
    pub source: &'static Source,
}

use crate::catalog::Source;
use crate::platforms::azure_devops::sources::{
    DERIVED_BITS, LEARN_PERMISSIONS_AREA, LEARN_PERMISSIONS_GIT, XOPERO_GRANULAR_ORG,
    XOPERO_GRANULAR_PROJECT, XOPERO_GRANULAR_REPOS,
};

const SEED_ORG: &Source = &XOPERO_GRANULAR_ORG;
const SEED_PROJECT: &Source = &XOPERO_GRANULAR_PROJECT;
const SEED_REPOS: &Source = &XOPERO_GRANULAR_REPOS;
const DERIVED: &Source = &DERIVED_BITS;
/// A project wiki is a Git repository: its pages are backed up and restored over Git.
const WIKI_IS_GIT: Source = Source {
    title: "Microsoft Learn: Wiki Git repository files and file structure (a project wiki is a Git repository)",
    url: "https://learn.microsoft.com/en-us/azure/devops/project/wiki/wiki-file-structure",
};
/// What each Git permission lets one do, in Microsoft's words: what a restore exercises.
const PERM_GIT: &Source = &LEARN_PERMISSIONS_GIT;
/// Area path permissions, in Microsoft's words.
const PERM_AREA: &Source = &LEARN_PERMISSIONS_AREA;

#[allow(clippy::too_many_arguments, reason = "a table row, read positionally")]
const fn req(
    category: &'static str,
    operation: Operation,
    namespace: &'static str,
    bit: u64,
    label: &'static str,
    targets: Targets,
    hard: bool,
    source: &'static Source,
) -> AclRequirement {
    AclRequirement {
        category,
        operation,
        namespace,
        bit,
        label,
        targets,
        hard,
        source,
    }
}

pub const REQUIREMENTS: &[AclRequirement] = &[
    // Seed 000.
    req(
        "repositories",
        Backup,
        ids::GIT,
        2,
        "Read",
        Targets::EachRepository,
        true,
        SEED_REPOS,
    ),
    req(
        "repositories",
        Restore,
        ids::GIT,
        256,
        "Create repository",
        Targets::EachGitProject,
        true,
        SEED_REPOS,
    ),
    req(
        "repositories",
        Restore,
        ids::GIT,
        16,
        "Create branch",
        Targets::EachRepository,
        true,
        SEED_REPOS,
    ),
    req(
        "projects-teams",
        Backup,
        ids::PROJECT,
        1,
        "View project-level information",
        Targets::EachProject,
        true,
        SEED_PROJECT,
    ),
    req(
        "projects-teams",
        Restore,
        ids::COLLECTION,
        4,
        "Create new projects",
        Targets::Root("NAMESPACE"),
        false,
        SEED_ORG,
    ),
    req(
        "processes",
        Restore,
        ids::PROCESS,
        4,
        "Create process",
        Targets::Root("$PROCESS:"),
        false,
        SEED_ORG,
    ),
    req(
        "processes",
        Restore,
        ids::PROCESS,
        1,
        "Edit process",
        Targets::EachProcess,
        false,
        SEED_ORG,
    ),
    // Derived (§8).
    // What restoring a repository exercises beyond seed 000's list.
    req(
        "repositories",
        Restore,
        ids::GIT,
        4,
        "Contribute",
        Targets::EachRepository,
        true,
        PERM_GIT,
    ),
    req(
        "repositories",
        Restore,
        ids::GIT,
        32,
        "Create tag",
        Targets::EachRepository,
        false,
        PERM_GIT,
    ),
    req(
        "repositories",
        Restore,
        ids::GIT,
        16384,
        "Contribute to pull requests",
        Targets::EachRepository,
        false,
        PERM_GIT,
    ),
    req(
        "wiki",
        Backup,
        ids::GIT,
        2,
        "Read",
        Targets::EachRepository,
        false,
        &WIKI_IS_GIT,
    ),
    req(
        "wiki",
        Restore,
        ids::GIT,
        4,
        "Contribute",
        Targets::EachRepository,
        false,
        &WIKI_IS_GIT,
    ),
    req(
        "work-items",
        Backup,
        ids::CSS,
        16,
        "View work items in this node",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "work-items",
        Restore,
        ids::CSS,
        32,
        "Edit work items in this node",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "work-items",
        Restore,
        ids::CSS,
        4,
        "Create child nodes",
        Targets::EachToken,
        false,
        PERM_AREA,
    ),
    req(
        "pipelines",
        Backup,
        ids::BUILD,
        1024,
        "View build pipeline",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "pipelines",
        Restore,
        ids::BUILD,
        2048,
        "Edit build pipeline",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "variable-groups",
        Backup,
        ids::LIBRARY,
        1,
        "View library item",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "variable-groups",
        Restore,
        ids::LIBRARY,
        4,
        "Create library item",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "environments",
        Backup,
        ids::ENVIRONMENT,
        1,
        "View",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "environments",
        Restore,
        ids::ENVIRONMENT,
        32,
        "Create",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "packages",
        Backup,
        ids::FEED,
        32,
        "Read packages",
        Targets::EachToken,
        false,
        DERIVED,
    ),
    req(
        "packages",
        Restore,
        ids::FEED,
        64,
        "Add package",
        Targets::EachToken,
        false,
        DERIVED,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::namespaces::Catalog;

    #[test]
    fn every_requirement_names_a_real_bit_and_category() {
        let catalog = Catalog::default();
        let categories = crate::platforms::azure_devops::catalog::CATEGORIES;
        for r in REQUIREMENTS {
            let ns = catalog.get(r.namespace);
            assert!(ns.is_some(), "{}", r.namespace);
            let label = ns.map(|n| n.label(r.bit)).unwrap_or_default();
            assert!(
                label.eq_ignore_ascii_case(r.label),
                "{} bit {}: {label} vs {}",
                r.namespace,
                r.bit,
                r.label
            );
            assert!(
                categories.iter().any(|c| c.id == r.category),
                "{}",
                r.category
            );
        }
    }

    #[test]
    fn a_repository_restore_exercises_more_than_seed_000_lists() {
        // Pushing (Contribute), tags (Create tag) and pull requests (Contribute to pull
        // requests): each with Microsoft's own description as its source.
        for (bit, label) in [
            (4, "Contribute"),
            (32, "Create tag"),
            (16384, "Contribute to pull requests"),
        ] {
            let r = REQUIREMENTS
                .iter()
                .find(|r| r.category == "repositories" && r.operation == Restore && r.bit == bit)
                .unwrap_or_else(|| panic!("{label}"));
            assert_eq!(r.label, label);
            assert!(
                r.source.url.contains("learn.microsoft.com"),
                "{}",
                r.source.url
            );
        }
    }

    #[test]
    fn every_granular_permission_of_seed_000_is_required() {
        let seed = [
            ("Create new projects", Restore),
            ("Create process", Restore),
            ("Edit process", Restore),
            ("View project-level information", Backup),
            ("Create branch", Restore),
            ("Create repository", Restore),
            ("Read", Backup),
        ];
        for (label, op) in seed {
            assert!(
                REQUIREMENTS.iter().any(|r| r.label == label
                    && r.operation == op
                    && r.source.title.starts_with("Xopero ONE")),
                "{label}"
            );
        }
    }
}
