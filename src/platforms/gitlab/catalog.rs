//! GitLab (gitlab.com and self-managed): data categories, the access-token scopes (personal,
//! group and project tokens share one list), the roles (access levels) an account or a token's
//! bot user holds, and what backup and restore of each category need in each.
//!
//! GitLab documents no implications between scopes. The two this catalog declares are what the
//! scope table itself says: `api` "grants complete read and write access to the API", so it
//! covers everything `read_api` reads; `write_repository` grants "read and write access (pull and
//! push)" over Git, and this catalog asks for `read_repository` only to pull over Git. What a
//! personal access token's `api` adds (Git over HTTP and the registry, footnote 1 of the table)
//! depends on the kind of token, so it lives in [`implied_for`], not in the vocabulary.
//!
//! Roles imply the lower ones (Owner ⊃ Maintainer ⊃ Developer ⊃ Reporter ⊃ Planner ⊃ Guest), as
//! GitLab's permission tables grant them. A token does only what both its scopes and its user's
//! (or bot's) role allow; the evaluator intersects the two.

use super::sources::{
    DEPLOY_KEYS, IMPORT_API, MEMBERS_API, PERMISSIONS, PERMISSIONS_CI, SCOPES, TOKEN_OVERVIEW,
    WEBHOOKS_API, XOPERO_PERMISSIONS, XOPERO_ROLES,
};
use crate::catalog::{
    never, req, Applies, Availability, Category, CategoryKind, Requirement, ScopeDef, Vocabulary,
    VocabularyDef, VocabularyKind,
};
use crate::model::{Credential, Operation, Platform};

pub const CATEGORIES: &[Category] = &[
    Category {
        id: "sign-in",
        label: "Account, groups and projects",
        kind: CategoryKind::Prerequisite,
        source: &XOPERO_PERMISSIONS,
    },
    Category {
        id: "repositories",
        label: "Repositories (code, LFS, wiki)",
        kind: CategoryKind::Core,
        source: &XOPERO_PERMISSIONS,
    },
    Category {
        id: "issues",
        label: "Issues",
        kind: CategoryKind::Metadata,
        source: &XOPERO_PERMISSIONS,
    },
    Category {
        id: "merge-requests",
        label: "Merge requests",
        kind: CategoryKind::Metadata,
        source: &XOPERO_PERMISSIONS,
    },
    Category {
        id: "ci-cd",
        label: "CI/CD settings and variables",
        kind: CategoryKind::Metadata,
        source: &XOPERO_ROLES,
    },
    Category {
        id: "deploy-keys",
        label: "Deploy keys",
        kind: CategoryKind::Metadata,
        source: &XOPERO_ROLES,
    },
    Category {
        id: "hooks",
        label: "Webhooks",
        kind: CategoryKind::Metadata,
        source: &XOPERO_ROLES,
    },
    Category {
        id: "container-registry",
        label: "Container registry",
        kind: CategoryKind::Metadata,
        source: &XOPERO_PERMISSIONS,
    },
    Category {
        id: "packages",
        label: "Package registry",
        kind: CategoryKind::Metadata,
        source: &XOPERO_PERMISSIONS,
    },
];

const fn scope(
    id: &'static str,
    implies: &'static [&'static str],
    availability: Availability,
) -> ScopeDef {
    // The token page shows the scope ids themselves, each with a sentence under it.
    ScopeDef::public(id, id, implies, &SCOPES).offered(availability)
}

use Availability::{Conditional, Public};

/// Every scope of GitLab's access-token scope table (personal, group and project tokens).
pub const SCOPE_DEFS: &[ScopeDef] = &[
    scope("api", &["read_api"], Public),
    scope("read_api", &[], Public),
    scope("read_repository", &[], Public),
    scope("write_repository", &["read_repository"], Public),
    // Only where the container registry is enabled.
    scope("read_registry", &[], Conditional),
    scope("write_registry", &[], Conditional),
    scope("read_virtual_registry", &[], Conditional),
    scope(
        "write_virtual_registry",
        &["read_virtual_registry"],
        Conditional,
    ),
    scope("self_rotate", &[], Public),
    scope("create_runner", &[], Public),
    scope("manage_runner", &[], Public),
    scope("ai_features", &[], Conditional),
    scope("k8s_proxy", &[], Public),
    // Personal access tokens only (administrators, for the first three).
    scope("admin_mode", &[], Conditional),
    scope("read_service_ping", &[], Conditional),
    scope("sudo", &[], Conditional),
    scope("read_user", &[], Public),
];

/// Scopes only a personal access token can carry: a list holding one is a personal token's.
pub const PERSONAL_ONLY: &[&str] = &["admin_mode", "read_service_ping", "sudo", "read_user"];

/// What a grant covers for this kind of credential only, beyond the vocabulary's `implies`.
/// For a personal access token, `api` "also grants complete read and write access to the
/// registry and repository through Git-over-HTTP" (group and project tokens do not include this
/// clause), and `read_api` "includes the container registry".
pub fn implied_for(credential: Credential, id: &str) -> &'static [&'static str] {
    match (credential, id) {
        (Credential::Pat, "api") => &[
            "read_repository",
            "write_repository",
            "read_registry",
            "write_registry",
        ],
        (Credential::Pat, "read_api") => &["read_registry"],
        _ => &[],
    }
}

use Operation::{Backup, Restore};

/// OAuth 2.0 tokens reach the API and repositories, never the registry (token overview).
const OAUTH: &[Credential] = &[Credential::Oauth];
/// Group and project tokens need `read_registry` beside `write_registry` to push; a token whose
/// kind is not known is held to the same. (OAuth tokens never reach the registry.)
const PERSONAL_OR_OAUTH: &[Credential] = &[Credential::Pat, Credential::Oauth];

pub const SCOPE_REQUIREMENTS: &[Requirement] = &[
    req("sign-in", Backup, "read_api", "list the groups and projects to back up (GET /groups, GET /projects)", &XOPERO_PERMISSIONS),
    // read_api is read-only ("grants read access to the API"): creating the groups and projects
    // a restore writes into needs api ("complete read and write access to the API").
    req("sign-in", Restore, "api", "create the groups and projects to restore into (POST /groups, POST /projects); read_api only reads", &SCOPES),
    req("repositories", Backup, "read_repository", "clone each repository, its LFS objects and its wiki over Git (HTTPS)", &SCOPES),
    req("repositories", Restore, "api", "create or import the project (POST /projects, POST /projects/import)", &IMPORT_API),
    req("repositories", Restore, "write_repository", "push branches, tags, LFS objects and the wiki over Git (HTTPS)", &XOPERO_PERMISSIONS),
    req("issues", Backup, "read_api", "read issues, comments, labels and milestones (GET /projects/:id/issues)", &XOPERO_PERMISSIONS),
    req("issues", Restore, "api", "create issues and their comments (POST /projects/:id/issues)", &SCOPES),
    req("merge-requests", Backup, "read_api", "read merge requests and their discussions (GET /projects/:id/merge_requests)", &XOPERO_PERMISSIONS),
    req("merge-requests", Restore, "api", "create merge requests (POST /projects/:id/merge_requests)", &SCOPES),
    req("ci-cd", Backup, "read_api", "read CI/CD settings and variables (GET /projects/:id/variables)", &SCOPES),
    req("ci-cd", Restore, "api", "create CI/CD variables and settings (POST /projects/:id/variables)", &SCOPES),
    req("deploy-keys", Backup, "read_api", "read deploy keys (GET /projects/:id/deploy_keys)", &SCOPES),
    req("deploy-keys", Restore, "api", "add deploy keys (POST /projects/:id/deploy_keys)", &SCOPES),
    req("hooks", Backup, "read_api", "read webhooks (GET /projects/:id/hooks)", &SCOPES),
    req("hooks", Restore, "api", "add webhooks (POST /projects/:id/hooks)", &SCOPES),
    req("container-registry", Backup, "read_api", "list registry repositories and tags (GET /projects/:id/registry/repositories)", &SCOPES),
    req("container-registry", Backup, "read_registry", "pull the images (docker pull)", &XOPERO_PERMISSIONS).except(OAUTH),
    req("container-registry", Restore, "write_registry", "push the images (docker push)", &SCOPES).except(OAUTH),
    req("container-registry", Restore, "read_registry", "push images: a group or project access token needs read_registry beside write_registry", &SCOPES).except(PERSONAL_OR_OAUTH),
    never("container-registry", Backup, Applies::Only(OAUTH), "OAuth 2.0 tokens have no registry access: use a personal, group or project access token for images", &TOKEN_OVERVIEW),
    never("container-registry", Restore, Applies::Only(OAUTH), "OAuth 2.0 tokens have no registry access: use a personal, group or project access token for images", &TOKEN_OVERVIEW),
    req("packages", Backup, "read_api", "read the package registry (GET /projects/:id/packages)", &SCOPES),
    req("packages", Restore, "api", "publish packages to the package registry", &SCOPES),
];

const fn role(id: &'static str, label: &'static str, implies: &'static [&'static str]) -> ScopeDef {
    ScopeDef::public(id, label, implies, &MEMBERS_API)
}

/// GitLab's roles, by the names the Members page shows.
pub const ROLE_DEFS: &[ScopeDef] = &[
    role("no_access", "No access", &[]),
    role("minimal_access", "Minimal Access", &[]),
    role("guest", "Guest", &[]),
    role("planner", "Planner", &["guest"]),
    role("reporter", "Reporter", &["planner"]),
    role("developer", "Developer", &["reporter"]),
    role("maintainer", "Maintainer", &["developer"]),
    role("owner", "Owner", &["maintainer"]),
];

/// The role id of an `access_level` value, as the members API numbers them.
pub fn role_of_level(level: i64) -> Option<&'static str> {
    Some(match level {
        0 => "no_access",
        5 => "minimal_access",
        10 => "guest",
        15 => "planner",
        20 => "reporter",
        30 => "developer",
        40 => "maintainer",
        50 => "owner",
        _ => return None,
    })
}

/// What a role requires, per category: Xopero's role matrix (Guest cannot back up; Reporter and
/// Developer back up without deploy keys, hooks and variables; restoring into a group needs
/// Maintainer) and GitLab's permission tables.
pub const ROLE_REQUIREMENTS: &[Requirement] = &[
    req("repositories", Backup, "reporter", "pull a private project's code (Guest only on public and internal projects)", &PERMISSIONS),
    req("repositories", Restore, "maintainer", "import or create the project in its group and push to protected branches (import needs Maintainer on the destination group since GitLab 16.0)", &IMPORT_API),
    req("issues", Backup, "reporter", "read every issue, confidential ones included (Guest cannot back up)", &XOPERO_ROLES),
    req("issues", Restore, "reporter", "set labels, milestones and assignees on restored issues", &PERMISSIONS),
    req("merge-requests", Backup, "reporter", "list a private project's merge requests", &PERMISSIONS),
    req("merge-requests", Restore, "developer", "create merge requests", &PERMISSIONS),
    req("ci-cd", Backup, "maintainer", "read CI/CD variables and settings (Reporter and Developer back up without variables)", &XOPERO_ROLES),
    req("ci-cd", Restore, "maintainer", "manage CI/CD settings and project variables", &PERMISSIONS_CI),
    req("deploy-keys", Backup, "maintainer", "read deploy keys (Reporter and Developer back up without deploy keys)", &XOPERO_ROLES),
    req("deploy-keys", Restore, "maintainer", "add deploy keys", &DEPLOY_KEYS),
    req("hooks", Backup, "maintainer", "read webhooks (the webhooks API needs Maintainer)", &WEBHOOKS_API),
    req("hooks", Restore, "maintainer", "configure webhooks", &WEBHOOKS_API),
    req("container-registry", Backup, "reporter", "pull images of a private project", &PERMISSIONS),
    req("container-registry", Restore, "developer", "push images to the container registry", &PERMISSIONS),
    req("packages", Backup, "reporter", "pull packages of a private project", &PERMISSIONS),
    req("packages", Restore, "developer", "publish packages", &PERMISSIONS),
];

pub static SCOPE_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "gitlab-scope",
    platform: Platform::Gitlab,
    kind: VocabularyKind::Scope,
    name: "GitLab access token scopes",
    scopes: SCOPE_DEFS,
    requirements: SCOPE_REQUIREMENTS,
    full_access: None,
    listed: true,
    source: &SCOPES,
};

/// Roles are plain words ("Developer"): never read from a bare list, only from JSON that says
/// they are an access level.
pub static ROLE_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "gitlab-role",
    platform: Platform::Gitlab,
    kind: VocabularyKind::Role,
    name: "GitLab roles (access levels)",
    scopes: ROLE_DEFS,
    requirements: ROLE_REQUIREMENTS,
    full_access: None,
    listed: false,
    source: &MEMBERS_API,
};

pub const VOCABULARIES: &[Vocabulary] =
    &[Vocabulary(&SCOPE_VOCABULARY), Vocabulary(&ROLE_VOCABULARY)];

/// The scope vocabulary.
pub fn scopes() -> Vocabulary {
    Vocabulary(&SCOPE_VOCABULARY)
}

/// The role vocabulary.
pub fn roles() -> Vocabulary {
    Vocabulary(&ROLE_VOCABULARY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_access_level_maps_to_a_declared_role() {
        for level in [0, 5, 10, 15, 20, 30, 40, 50] {
            let id = role_of_level(level);
            assert!(id.is_some_and(|id| roles().find(id).is_some()), "{level}");
        }
        assert_eq!(role_of_level(60), None);
        assert_eq!(role_of_level(25), None);
    }

    #[test]
    fn roles_include_the_lower_ones() {
        let owner = roles().closure(["owner"]);
        for id in ["maintainer", "developer", "reporter", "planner", "guest"] {
            assert!(owner.contains(id), "{id}");
        }
        assert!(!roles().closure(["developer"]).contains("maintainer"));
        assert!(!roles().closure(["minimal_access"]).contains("guest"));
    }

    #[test]
    fn only_a_personal_tokens_api_covers_git() {
        assert!(implied_for(Credential::Pat, "api").contains(&"write_repository"));
        assert!(implied_for(Credential::AccessToken, "api").is_empty());
        assert!(implied_for(Credential::Token, "api").is_empty());
        // write_repository is Git-only: it never covers an API read.
        assert!(!scopes().closure(["write_repository"]).contains("read_api"));
        // read_api never clones.
        assert!(!scopes().closure(["read_api"]).contains("read_repository"));
        assert!(!implied_for(Credential::Pat, "read_api").contains(&"read_repository"));
    }
}
