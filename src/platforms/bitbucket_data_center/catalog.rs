//! Bitbucket Data Center (and Server): data categories, the HTTP access token permissions
//! (`PROJECT_READ|WRITE|ADMIN`, `REPO_READ|WRITE|ADMIN`, each including the lower and repository
//! permissions inherited from project ones), the permissions a user holds (global, project,
//! repository), and what backup and restore of each category need in each vocabulary.
//!
//! Where Xopero ONE and Atlassian differ (reference §1c, §5): Xopero ONE says Read on a
//! repository backs up and Write backs up and restores. Atlassian's REST API agrees for the Git
//! data of existing repositories, but reading repository settings, permissions and webhooks needs
//! Repository admin, recreating a deleted repository needs Project admin (Create repository for a
//! user), and recreating a deleted project needs the user's global Project Creator permission,
//! which no token can carry. Those parts are their own categories here, so a Write token is
//! judged "partial" for restore rather than "possible".

use super::sources::{
    CONTROLLING_ACCESS, GLOBAL_PERMISSIONS, HTTP_ACCESS_TOKENS, NO_GLOBAL_PERMISSION_IN_TOKENS,
    PERMISSION_ENUM, PERMISSION_LEVELS, PROJECT_PERMISSIONS, REST_REFERENCE, XOPERO_REQUIRED,
};
use crate::catalog::{
    never, req, Applies, Availability, Category, CategoryKind, Requirement, ScopeDef, Source,
    Vocabulary, VocabularyDef, VocabularyKind,
};
use crate::model::{Credential, Operation, Platform};

const XOPERO: &Source = &XOPERO_REQUIRED;

/// HTTP access tokens (personal, project, repository): what no global permission reaches.
const HTTP_TOKENS: &[Credential] = &[Credential::AccessToken];
const TOKENS: &Source = &HTTP_ACCESS_TOKENS;
const CALLS: &Source = &REST_REFERENCE;

pub const CATEGORIES: &[Category] = &[
    Category {
        id: "repositories",
        label: "Repositories",
        kind: CategoryKind::Core,
        source: XOPERO,
    },
    Category {
        id: "new-repositories",
        label: "Recreating deleted repositories",
        kind: CategoryKind::Metadata,
        source: CALLS,
    },
    Category {
        id: "pull-requests",
        label: "Pull requests",
        kind: CategoryKind::Metadata,
        source: CALLS,
    },
    Category {
        id: "repository-settings",
        label: "Repository settings, permissions and webhooks",
        kind: CategoryKind::Metadata,
        source: CALLS,
    },
    Category {
        id: "projects",
        label: "Projects",
        kind: CategoryKind::Metadata,
        source: CALLS,
    },
    Category {
        id: "project-settings",
        label: "Project settings, permissions and webhooks",
        kind: CategoryKind::Metadata,
        source: CALLS,
    },
];

const fn token(
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
) -> ScopeDef {
    ScopeDef::public(id, label, implies, TOKENS)
}

/// What an HTTP access token (personal, project or repository) can carry. Labels follow the
/// token page's two choices ("Project permissions", "Repository permissions"). "A token's
/// repository permission must be as high as its project permission" and "repo permissions are
/// inherited from the project permissions", so each project permission includes the repository
/// permission of the same level.
pub const TOKEN_PERMISSIONS: &[ScopeDef] = &[
    token("PROJECT_READ", "Project: Read", &["REPO_READ"]),
    token(
        "PROJECT_WRITE",
        "Project: Write",
        &["PROJECT_READ", "REPO_WRITE"],
    ),
    token(
        "PROJECT_ADMIN",
        "Project: Admin",
        &["PROJECT_WRITE", "REPO_ADMIN"],
    ),
    token("REPO_READ", "Repository: Read", &[]),
    token("REPO_WRITE", "Repository: Write", &["REPO_READ"]),
    token("REPO_ADMIN", "Repository: Admin", &["REPO_WRITE"]),
];

/// The ids of [`TOKEN_PERMISSIONS`]: what a token's `permissions` may list.
pub fn is_token_permission(id: &str) -> bool {
    TOKEN_PERMISSIONS.iter().any(|p| p.id == id)
}

const fn held(
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
    source: &'static Source,
) -> ScopeDef {
    ScopeDef::public(id, label, implies, source)
}

/// What a user (or a group) holds: the four global permissions, the project levels (Read,
/// Write, Create repository, Admin) and the repository levels. Global Admin and System Admin
/// "have full access to all projects and repositories"; Project Creator "can create new projects
/// and repositories" (the repositories of the projects they create).
pub const USER_PERMISSIONS: &[ScopeDef] = &[
    held(
        "LICENSED_USER",
        "Global: Bitbucket User",
        &[],
        &GLOBAL_PERMISSIONS,
    ),
    held(
        "PROJECT_CREATE",
        "Global: Project Creator",
        &["LICENSED_USER"],
        &GLOBAL_PERMISSIONS,
    ),
    held(
        "ADMIN",
        "Global: Admin",
        &["PROJECT_CREATE", "PROJECT_ADMIN"],
        &PERMISSION_LEVELS,
    ),
    held(
        "SYS_ADMIN",
        "Global: System Admin",
        &["ADMIN"],
        &PERMISSION_LEVELS,
    ),
    held(
        "PROJECT_READ",
        "Project: Read",
        &["REPO_READ"],
        &PROJECT_PERMISSIONS,
    ),
    held(
        "PROJECT_WRITE",
        "Project: Write",
        &["PROJECT_READ", "REPO_WRITE"],
        &PROJECT_PERMISSIONS,
    ),
    held(
        "REPO_CREATE",
        "Project: Create repository",
        &["PROJECT_WRITE"],
        &PROJECT_PERMISSIONS,
    ),
    held(
        "PROJECT_ADMIN",
        "Project: Admin",
        &["REPO_CREATE", "REPO_ADMIN"],
        &PROJECT_PERMISSIONS,
    ),
    ScopeDef {
        id: "PROJECT_VIEW",
        label: "Project: View (implied by read access to one of its repositories)",
        implies: &[],
        availability: Availability::Inherited,
        source: &PERMISSION_ENUM,
    },
    held(
        "REPO_READ",
        "Repository: Read",
        &["PROJECT_VIEW"],
        &PERMISSION_ENUM,
    ),
    held(
        "REPO_WRITE",
        "Repository: Write",
        &["REPO_READ"],
        &PERMISSION_ENUM,
    ),
    held(
        "REPO_ADMIN",
        "Repository: Admin",
        &["REPO_WRITE"],
        &PERMISSION_ENUM,
    ),
];

/// The global permissions (no token can carry them).
pub const GLOBAL: &[&str] = &["LICENSED_USER", "PROJECT_CREATE", "ADMIN", "SYS_ADMIN"];

/// Every id Bitbucket Data Center writes in a `permission` field, upper case as exported.
pub fn is_permission_id(id: &str) -> bool {
    USER_PERMISSIONS.iter().any(|p| p.id == id) || id == "USER_ADMIN"
}

use Operation::{Backup, Restore};

/// What a token's permissions must include (the token permission matrix and the REST
/// reference). A personal token is also capped by its owner's permissions (the role
/// requirements below), which the evaluator judges together.
pub const TOKEN_REQUIREMENTS: &[Requirement] = &[
    req(
        "repositories",
        Backup,
        "REPO_READ",
        "clone and pull repositories",
        TOKENS,
    ),
    req(
        "repositories",
        Restore,
        "REPO_WRITE",
        "push branches and tags into existing repositories",
        TOKENS,
    ),
    req(
        "new-repositories",
        Backup,
        "REPO_READ",
        "record each repository's name, description and default branch (GET …/repos/{slug})",
        CALLS,
    ),
    req(
        "new-repositories",
        Restore,
        "PROJECT_ADMIN",
        "create repositories (only a Project admin token, which includes Repository admin, can; POST …/projects/{key}/repos)",
        TOKENS,
    ),
    req(
        "pull-requests",
        Backup,
        "REPO_READ",
        "read pull requests, their activities and comments",
        CALLS,
    ),
    req(
        "pull-requests",
        Restore,
        "REPO_WRITE",
        "create pull requests and comments (a token needs Repository write for pull request actions)",
        TOKENS,
    ),
    req(
        "repository-settings",
        Backup,
        "REPO_ADMIN",
        "read repository permissions, webhooks, hook settings and branch restrictions",
        CALLS,
    ),
    req(
        "repository-settings",
        Restore,
        "REPO_ADMIN",
        "update repository settings, permissions and webhooks",
        TOKENS,
    ),
    req(
        "projects",
        Backup,
        "REPO_READ",
        "read each project's key and name (GET /projects/{key} needs the project view that read access to one of its repositories implies)",
        &PERMISSION_ENUM,
    ),
    never(
        "projects",
        Restore,
        Applies::Only(HTTP_TOKENS),
        "creating a project (POST /rest/api/latest/projects) needs the user's global Project Creator permission (PROJECT_CREATE), which no HTTP access token can carry: an admin grants \"Project creator\" in Administration › Global permissions to a user who recreates the missing projects (signed in with a password, not a token) before the restore",
        &NO_GLOBAL_PERMISSION_IN_TOKENS,
    ),
    // A credential whose kind the input does not show may be a user's password, which carries
    // the user's global permissions.
    Requirement {
        category: "projects",
        operation: Restore,
        scope: None,
        applies: Applies::AllBut(HTTP_TOKENS),
        because: "creating a project needs the user's global Project Creator permission (PROJECT_CREATE): a password sign-in of such a user can, an HTTP access token never can, and the input does not show which this is",
        source: &NO_GLOBAL_PERMISSION_IN_TOKENS,
        never: false,
    },
    req(
        "project-settings",
        Backup,
        "PROJECT_ADMIN",
        "read project permissions, webhooks and settings",
        CALLS,
    ),
    req(
        "project-settings",
        Restore,
        "PROJECT_ADMIN",
        "update project settings and permissions",
        TOKENS,
    ),
];

/// What the user must hold for each step (global, project or repository permissions; the
/// evaluator applies them to a personal token's owner and to an account judged alone).
pub const USER_REQUIREMENTS: &[Requirement] = &[
    req(
        "repositories",
        Backup,
        "REPO_READ",
        "clone and pull repositories",
        &PERMISSION_ENUM,
    ),
    req(
        "repositories",
        Restore,
        "REPO_WRITE",
        "push into existing repositories",
        &PERMISSION_ENUM,
    ),
    req(
        "new-repositories",
        Backup,
        "REPO_READ",
        "record each repository's name, description and default branch",
        CALLS,
    ),
    req(
        "new-repositories",
        Restore,
        "REPO_CREATE",
        "create repositories (REPO_CREATE or higher on the project)",
        CALLS,
    ),
    req(
        "pull-requests",
        Backup,
        "REPO_READ",
        "read pull requests",
        &PERMISSION_ENUM,
    ),
    req(
        "pull-requests",
        Restore,
        "REPO_READ",
        "create pull requests (read access to the source and target repositories)",
        &PERMISSION_ENUM,
    ),
    req(
        "repository-settings",
        Backup,
        "REPO_ADMIN",
        "read repository permissions, webhooks and settings",
        CALLS,
    ),
    req(
        "repository-settings",
        Restore,
        "REPO_ADMIN",
        "update repository permissions, webhooks and settings",
        CALLS,
    ),
    req(
        "projects",
        Backup,
        "PROJECT_VIEW",
        "read each project (only projects the user can view are listed)",
        CALLS,
    ),
    req(
        "projects",
        Restore,
        "PROJECT_CREATE",
        "create projects (POST /rest/api/latest/projects)",
        CALLS,
    ),
    req(
        "project-settings",
        Backup,
        "PROJECT_ADMIN",
        "read project permissions and webhooks",
        CALLS,
    ),
    req(
        "project-settings",
        Restore,
        "PROJECT_ADMIN",
        "update project permissions and webhooks",
        CALLS,
    ),
];

/// HTTP access token permissions (personal, project and repository tokens).
pub static TOKEN_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "bitbucket-dc-token-permission",
    platform: Platform::BitbucketDataCenter,
    kind: VocabularyKind::Scope,
    name: "Bitbucket Data Center HTTP access token permissions",
    scopes: TOKEN_PERMISSIONS,
    requirements: TOKEN_REQUIREMENTS,
    full_access: None,
    listed: true,
    source: TOKENS,
};

/// What a user holds. Not `listed`: its project and repository ids are spelled like a token's,
/// so a bare list of them is a token's; the readers build these grants from listings that say
/// whose they are.
pub static USER_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "bitbucket-dc-user-permission",
    platform: Platform::BitbucketDataCenter,
    kind: VocabularyKind::Role,
    name: "Bitbucket Data Center user permissions (global, project, repository)",
    scopes: USER_PERMISSIONS,
    requirements: USER_REQUIREMENTS,
    full_access: None,
    listed: false,
    source: &CONTROLLING_ACCESS,
};

pub const VOCABULARIES: &[Vocabulary] =
    &[Vocabulary(&TOKEN_VOCABULARY), Vocabulary(&USER_VOCABULARY)];

pub fn token_vocabulary() -> Vocabulary {
    Vocabulary(&TOKEN_VOCABULARY)
}

pub fn user_vocabulary() -> Vocabulary {
    Vocabulary(&USER_VOCABULARY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_permissions_include_the_repository_level_of_the_same_rank() {
        let v = token_vocabulary();
        assert!(v.closure(["PROJECT_ADMIN"]).contains("REPO_ADMIN"));
        assert!(v.closure(["PROJECT_WRITE"]).contains("REPO_WRITE"));
        assert!(v.closure(["PROJECT_READ"]).contains("REPO_READ"));
        assert!(!v.closure(["REPO_ADMIN"]).contains("PROJECT_READ"));
    }

    #[test]
    fn global_admins_hold_every_project_and_repository_permission() {
        let v = user_vocabulary();
        let admin = v.closure(["ADMIN"]);
        for id in [
            "PROJECT_CREATE",
            "PROJECT_ADMIN",
            "REPO_CREATE",
            "REPO_ADMIN",
            "REPO_READ",
            "PROJECT_VIEW",
        ] {
            assert!(admin.contains(id), "{id}");
        }
        assert!(!v.closure(["PROJECT_CREATE"]).contains("REPO_READ"));
        assert!(v.closure(["SYS_ADMIN"]).contains("ADMIN"));
    }

    #[test]
    fn lookups_are_case_insensitive() {
        assert_eq!(
            token_vocabulary().find("repo_write").map(|d| d.id),
            Some("REPO_WRITE")
        );
        assert_eq!(
            user_vocabulary().find("sys_admin").map(|d| d.id),
            Some("SYS_ADMIN")
        );
    }

    #[test]
    fn no_token_permission_is_global() {
        for id in GLOBAL {
            assert!(!is_token_permission(id), "{id}");
            assert!(is_permission_id(id), "{id}");
        }
    }
}
