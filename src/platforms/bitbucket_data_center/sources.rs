//! The public documents Bitbucket Data Center rules come from: Xopero ONE's required permissions
//! for Bitbucket DC (what the backup tool asks for) and Atlassian's documentation (what the
//! platform enforces), as researched in `shared/reference/bitbucket.md` §6 and
//! `shared/reference/github-gitlab-bitbucket-dc.md` §1c, §5 (sources V9, V10, B1–B3, S19–S25).

use crate::catalog::Source;

/// Xopero ONE: global administrator for every repository, Write on a project for that project,
/// Read on a repository backs up, Write backs up and restores.
pub const XOPERO_REQUIRED: Source = Source {
    title: "Xopero ONE: Bitbucket Data Center required permissions",
    url: "https://helpcenter.xopero.com/xopero-one-en/backup-and-recovery/devops/bitbucket-dc/integration/required-permissions",
};

/// Xopero ONE: HTTP access tokens instead of passwords, extra accounts per project.
pub const XOPERO_CREDENTIALS: Source = Source {
    title: "Xopero ONE: Additional Bitbucket DC credentials (HTTP access tokens)",
    url: "https://helpcenter.xopero.com/xopero-one-en/compliance-and-risk-management/throttling-prevention/additional-bitbucket-dc-credentials",
};

/// The token permission matrix, "Repo permissions are inherited from the project permissions",
/// Bearer-only project and repository tokens, no merge by tokens.
pub const HTTP_ACCESS_TOKENS: Source = Source {
    title: "Atlassian: Bitbucket Data Center HTTP access tokens (permissions, project and repository tokens)",
    url: "https://confluence.atlassian.com/display/BITBUCKETSERVER091/HTTP+access+tokens",
};

/// "Permissions here are intended to restrict what the token can do, with the maximum bound
/// being what the associated user can do."
pub const PERSONAL_ACCESS_TOKENS: Source = Source {
    title: "Atlassian: Bitbucket Server personal access tokens (a token never exceeds its user)",
    url: "https://confluence.atlassian.com/bitbucketserver0717/personal-access-tokens-1087535496.html",
};

/// Bitbucket User, Project Creator, Admin, System Admin; granted directly or through groups.
pub const GLOBAL_PERMISSIONS: Source = Source {
    title: "Atlassian: Bitbucket Data Center global permissions",
    url: "https://confluence.atlassian.com/bitbucketserver0814/global-permissions-1305643932.html",
};

/// "Administrators have full access to all projects and repositories"; "Project Creator: Can
/// create new projects and repositories".
pub const PERMISSION_LEVELS: Source = Source {
    title: "Atlassian KB: 4 levels of Bitbucket Server permissions",
    url: "https://confluence.atlassian.com/bitbucketserverkb/4-levels-of-bitbucket-server-permissions-779171636.html",
};

/// Project permissions Read, Write, Create repository, Admin.
pub const PROJECT_PERMISSIONS: Source = Source {
    title: "Atlassian: Bitbucket Data Center, using project permissions",
    url: "https://confluence.atlassian.com/bitbucketserver0814/using-project-permissions-1305643372.html",
};

/// The `Permission` enum: what each id protects (REPO_READ creates pull requests, PROJECT_VIEW
/// is implied by read access to a repository of the project).
pub const PERMISSION_ENUM: Source = Source {
    title: "Atlassian: Bitbucket Server Java API, enum Permission",
    url: "https://docs.atlassian.com/bitbucket-server/javadoc/9.3.0/api/com/atlassian/bitbucket/permission/Permission.html",
};

/// The REST reference: the permission each operation requires (POST /projects needs
/// PROJECT_CREATE; POST …/repos needs REPO_CREATE or higher on the project; webhooks, repository
/// permissions and settings need REPO_ADMIN), paging, and the `errors` body.
pub const REST_REFERENCE: Source = Source {
    title: "Atlassian: Bitbucket Server REST API reference (the permission each resource requires)",
    url: "https://docs.atlassian.com/bitbucket-server/rest/7.21.0/bitbucket-rest.html",
};

/// Access-token REST resources: create request (`permissions`, `expiryDays`), list and create
/// responses (`id`, `name`, `createdDate`, `token`).
pub const REST_ACCESS_TOKENS: Source = Source {
    title: "Atlassian: Bitbucket Data Center REST API, access tokens",
    url: "https://developer.atlassian.com/server/bitbucket/rest/v803/api-group-access-tokens",
};

/// Global permission listings (users and groups, their highest permission), the user search
/// with `permission.N` filters.
pub const REST_PERMISSIONS: Source = Source {
    title: "Atlassian: Bitbucket Data Center REST API, permission management",
    url: "https://developer.atlassian.com/server/bitbucket/rest/v811/api-group-permission-management/",
};

/// "Tokens may not have the following permission: ADMIN".
pub const NO_GLOBAL_PERMISSION_IN_TOKENS: Source = Source {
    title: "Atlassian BSERV-10482: HTTP access tokens cannot hold global permissions (ADMIN)",
    url: "https://jira.atlassian.com/browse/BSERV-10482",
};

/// The permissions matrix: repository, project and global permissions combined.
pub const CONTROLLING_ACCESS: Source = Source {
    title: "Atlassian: Bitbucket Data Center, controlling access to code (permissions matrix)",
    url: "https://confluence.atlassian.com/bitbucketserver0819/controlling-access-to-code-1416825787.html",
};
