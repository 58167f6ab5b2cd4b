//! Bitbucket Cloud: data categories, the legacy OAuth 2.0 scopes (OAuth consumers, app passwords,
//! repository/project/workspace access tokens) with their implications, the API-token scopes
//! (which imply nothing), app-password labels and consent sentences, and what backup and restore
//! of each category need in each vocabulary.
//!
//! Sources (public pages in `sources.rs`): `shared/seeds/002_*.txt` (Xopero ONE's required permissions for Bitbucket, "seed
//! 002") and `shared/reference/bitbucket.md` §1 (legacy scopes, consent strings, implications),
//! §2 (app-password labels), §3a (API-token scopes), §5 (endpoints and scopes for backup and
//! restore, from Atlassian's OpenAPI).

use super::sources::{
    ATLASSIAN_ACCESS_TOKENS, ATLASSIAN_API_TOKENS, ATLASSIAN_NO_ISSUES_FOR_ACCESS_TOKENS,
    ATLASSIAN_PROJECT_WRITE, ATLASSIAN_REST_INTRO, ATLASSIAN_REST_REFERENCE, ATLASSIAN_SCOPES,
    XOPERO_APP_PASSWORD, XOPERO_CONSENT, XOPERO_MINIMUM,
};
use crate::catalog::{
    never, req, Applies, Availability, Category, CategoryKind, Requirement, ScopeDef, Source,
    Vocabulary, VocabularyDef, VocabularyKind,
};
use crate::model::{Credential, Operation, Platform};

/// Repository, project and workspace access tokens.
const ACCESS_TOKENS: &[Credential] = &[Credential::AccessToken];

const SEED_CONSENT: &Source = &XOPERO_CONSENT;
const SEED_MINIMUM: &Source = &XOPERO_MINIMUM;
const SEED_APP_PASSWORD: &Source = &XOPERO_APP_PASSWORD;
const REF_LEGACY: &Source = &ATLASSIAN_SCOPES;
const REF_API_TOKEN: &Source = &ATLASSIAN_REST_INTRO;
const REF_CALLS: &Source = &ATLASSIAN_REST_REFERENCE;

pub const CATEGORIES: &[Category] = &[
    Category {
        id: "sign-in",
        label: "Account and workspace",
        kind: CategoryKind::Prerequisite,
        source: SEED_MINIMUM,
    },
    Category {
        id: "repositories",
        label: "Repositories",
        kind: CategoryKind::Core,
        source: SEED_MINIMUM,
    },
    Category {
        id: "pull-requests",
        label: "Pull requests",
        kind: CategoryKind::Metadata,
        source: SEED_APP_PASSWORD,
    },
    Category {
        id: "issues",
        label: "Issues",
        kind: CategoryKind::Metadata,
        source: SEED_APP_PASSWORD,
    },
    Category {
        id: "wikis",
        label: "Wikis",
        kind: CategoryKind::Metadata,
        source: SEED_APP_PASSWORD,
    },
    Category {
        id: "pipelines",
        label: "Pipelines, schedules, known hosts, settings and variables",
        kind: CategoryKind::Metadata,
        source: SEED_APP_PASSWORD,
    },
    Category {
        id: "projects",
        label: "Projects",
        kind: CategoryKind::Metadata,
        source: SEED_APP_PASSWORD,
    },
    Category {
        id: "snippets",
        label: "Snippets",
        kind: CategoryKind::Metadata,
        source: SEED_CONSENT,
    },
    Category {
        id: "webhooks",
        label: "Webhooks",
        kind: CategoryKind::Metadata,
        source: SEED_CONSENT,
    },
    Category {
        id: "runners",
        label: "Runners",
        kind: CategoryKind::Metadata,
        source: SEED_CONSENT,
    },
    // Reference §5 rows "Deploy keys (repo)" and "Repo permissions": restoring them needs
    // scopes of their own with an API token (write:ssh-key, write:permission), so they are
    // categories of their own rather than part of Repositories. Project permissions belong to
    // Projects (row "Project permissions").
    Category {
        id: "deploy-keys",
        label: "Deploy keys",
        kind: CategoryKind::Metadata,
        source: REF_CALLS,
    },
    Category {
        id: "permissions",
        label: "Repository permissions",
        kind: CategoryKind::Metadata,
        source: REF_CALLS,
    },
];

const fn legacy(
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
) -> ScopeDef {
    ScopeDef::public(id, label, implies, REF_LEGACY)
}

/// Legacy OAuth 2.0 scopes. Labels are the app-password / access-token page's "Group: Level".
/// `*:admin` implies nothing (reference §0 fact 3). Where the docs are silent, a `:write` scope
/// whose consent sentence reads "Read and modify …" / "Access and …" is taken to include the read
/// scope, as its own consent text says.
pub const LEGACY_SCOPES: &[ScopeDef] = &[
    legacy("account", "Account: Read", &[]),
    legacy("account:write", "Account: Write", &["account"]),
    legacy("email", "Account: Email", &[]),
    legacy("team", "Workspace membership: Read", &[]),
    legacy("team:write", "Workspace membership: Write", &["team"]),
    legacy("project", "Projects: Read", &["repository"]),
    ScopeDef {
        id: "project:write",
        label: "Projects: Write (removed 15 May 2023)",
        implies: &["project"],
        availability: Availability::Deprecated,
        source: &ATLASSIAN_PROJECT_WRITE,
    },
    legacy("project:admin", "Projects: Admin", &[]),
    legacy("repository", "Repositories: Read", &[]),
    legacy("repository:write", "Repositories: Write", &["repository"]),
    legacy("repository:admin", "Repositories: Admin", &[]),
    legacy("repository:delete", "Repositories: Delete", &[]),
    legacy("pullrequest", "Pull requests: Read", &["repository"]),
    legacy(
        "pullrequest:write",
        "Pull requests: Write",
        &["pullrequest", "repository:write"],
    ),
    legacy("issue", "Issues: Read", &[]),
    legacy("issue:write", "Issues: Write", &["issue"]),
    legacy("wiki", "Wikis: Read and write", &[]),
    legacy("snippet", "Snippets: Read", &[]),
    legacy("snippet:write", "Snippets: Write", &["snippet"]),
    legacy("webhook", "Webhooks: Read and write", &[]),
    legacy("pipeline", "Pipelines: Read", &[]),
    legacy("pipeline:write", "Pipelines: Write", &["pipeline"]),
    legacy(
        "pipeline:variable",
        "Pipelines: Edit variables",
        &["pipeline:write"],
    ),
    legacy("runner", "Runners: Read", &[]),
    legacy("runner:write", "Runners: Write", &["runner"]),
    legacy("test", "Test: Read", &[]),
    legacy("test:write", "Test: Write", &["test"]),
];

/// The consent sentences of the OAuth screen (OpenAPI `securitySchemes`, reference §1) mapped to
/// scopes, plus the item names seed 002 shows on Xopero ONE's consent screen.
pub const CONSENT_SENTENCES: &[(&str, &[&str])] = &[
    ("Read your repositories", &["repository"]),
    ("Read and modify your repositories", &["repository:write"]),
    ("Administer your repositories", &["repository:admin"]),
    ("Delete your repositories", &["repository:delete"]),
    ("Read your workspace's project settings and read repositories contained within your workspace's projects", &["project"]),
    ("Read and modify settings for projects in your workspace", &["project:admin"]),
    ("Read your account's primary email address", &["email"]),
    ("Read your account information", &["account"]),
    ("Read and modify your account information", &["account:write"]),
    ("Read your team membership information", &["team"]),
    ("Read and modify your team membership information", &["team:write"]),
    ("Access your repositories' build pipelines", &["pipeline"]),
    ("Access and rerun your repositories' build pipelines", &["pipeline:write"]),
    ("Access your repositories' build pipelines and configure their variables", &["pipeline:variable"]),
    ("Access your workspaces/repositories' runners", &["runner"]),
    ("Access and edit your workspaces/repositories' runners", &["runner:write"]),
    ("Read your repositories and their pull requests", &["pullrequest"]),
    ("Read and modify your repositories and their pull requests", &["pullrequest:write"]),
    ("Read and modify your repositories' webhooks", &["webhook"]),
    ("Read your repositories' issues", &["issue"]),
    ("Read and modify your repositories' issues", &["issue:write"]),
    ("Read your snippets", &["snippet"]),
    ("Read and modify your snippets", &["snippet:write"]),
    ("Read and modify your repositories' wikis", &["wiki"]),
    // Seed 002's consent screen items (the bold name before the parenthesis).
    ("Account Information", &["account:write"]),
    ("Administer Repositories", &["repository:admin"]),
    ("Delete Repositories", &["repository:delete"]),
    ("Issues", &["issue:write"]),
    ("Manage runners", &["runner:write"]),
    ("Pipelines", &["pipeline:variable"]),
    // "read and update workspace project settings, including repository transfers": the old
    // project:write consent string, now project:admin plus project read (reference §1).
    ("Project Settings", &["project", "project:admin"]),
    ("Repositories & Pull Requests", &["pullrequest:write"]),
    ("Snippets", &["snippet:write"]),
    ("Team Membership", &["team:write"]),
    ("Webhooks", &["webhook"]),
    ("Wikis", &["wiki"]),
];

/// Consent items that grant no scope but are expected on the screen.
pub const CONSENT_WITHOUT_SCOPE: &[&str] = &["Authorize workspace"];

/// App-password / access-token page groups and their level words (reference §2).
pub const LABEL_GROUPS: &[(&str, &[(&str, &str)])] = &[
    (
        "account",
        &[
            ("email", "email"),
            ("read", "account"),
            ("write", "account:write"),
        ],
    ),
    (
        "workspace membership",
        &[("read", "team"), ("write", "team:write")],
    ),
    (
        "team membership",
        &[("read", "team"), ("write", "team:write")],
    ),
    (
        "projects",
        &[
            ("read", "project"),
            ("write", "project:write"),
            ("admin", "project:admin"),
        ],
    ),
    (
        "repositories",
        &[
            ("read", "repository"),
            ("write", "repository:write"),
            ("admin", "repository:admin"),
            ("delete", "repository:delete"),
        ],
    ),
    (
        "pull requests",
        &[("read", "pullrequest"), ("write", "pullrequest:write")],
    ),
    ("issues", &[("read", "issue"), ("write", "issue:write")]),
    // Wikis and webhooks have one level, "Read and write"; the seed writes "Wikis — read".
    ("wikis", &[("read", "wiki"), ("write", "wiki")]),
    ("webhooks", &[("read", "webhook"), ("write", "webhook")]),
    (
        "snippets",
        &[("read", "snippet"), ("write", "snippet:write")],
    ),
    (
        "pipelines",
        &[
            ("read", "pipeline"),
            ("write", "pipeline:write"),
            ("edit variables", "pipeline:variable"),
        ],
    ),
    ("runners", &[("read", "runner"), ("write", "runner:write")]),
];

const fn api(id: &'static str, label: &'static str) -> ScopeDef {
    ScopeDef::public(id, label, &[], REF_API_TOKEN)
}

/// API-token scopes; labels follow the token page's groups (reference §3a).
pub const API_TOKEN_SCOPES: &[ScopeDef] = &[
    api("read:user:bitbucket", "User data: Read"),
    api("write:user:bitbucket", "User data: Write"),
    api("read:workspace:bitbucket", "Workspaces: Read"),
    api("admin:workspace:bitbucket", "Workspaces: Admin"),
    api("read:project:bitbucket", "Projects: Read"),
    api("admin:project:bitbucket", "Projects: Admin"),
    api("read:repository:bitbucket", "Repositories: Read"),
    api("write:repository:bitbucket", "Repositories: Write"),
    api("admin:repository:bitbucket", "Repositories: Admin"),
    api("delete:repository:bitbucket", "Repositories: Delete"),
    api("read:pullrequest:bitbucket", "Pull requests: Read"),
    api("write:pullrequest:bitbucket", "Pull requests: Write"),
    api("read:pipeline:bitbucket", "Pipelines: Read"),
    api("write:pipeline:bitbucket", "Pipelines: Write"),
    api("admin:pipeline:bitbucket", "Pipelines: Admin"),
    api("read:runner:bitbucket", "Runners: Read"),
    api("write:runner:bitbucket", "Runners: Write"),
    api("read:issue:bitbucket", "Issues: Read"),
    api("write:issue:bitbucket", "Issues: Write"),
    api("delete:issue:bitbucket", "Issues: Delete"),
    api("read:webhook:bitbucket", "Webhooks: Read"),
    api("write:webhook:bitbucket", "Webhooks: Write"),
    api("delete:webhook:bitbucket", "Webhooks: Delete"),
    api("read:snippet:bitbucket", "Snippets: Read"),
    api("write:snippet:bitbucket", "Snippets: Write"),
    api("delete:snippet:bitbucket", "Snippets: Delete"),
    api("read:ssh-key:bitbucket", "SSH keys: Read"),
    api("write:ssh-key:bitbucket", "SSH keys: Write"),
    api("delete:ssh-key:bitbucket", "SSH keys: Delete"),
    api("read:gpg-key:bitbucket", "GPG keys: Read"),
    api("write:gpg-key:bitbucket", "GPG keys: Write"),
    api("delete:gpg-key:bitbucket", "GPG keys: Delete"),
    api("read:permission:bitbucket", "Permissions: Read"),
    api("write:permission:bitbucket", "Permissions: Write"),
    api("delete:permission:bitbucket", "Permissions: Delete"),
];

use Operation::{Backup, Restore};

/// Requirements in the legacy vocabulary (OAuth, app passwords, access tokens).
pub const LEGACY_REQUIREMENTS: &[Requirement] = &[
    req(
        "sign-in",
        Backup,
        "account",
        "read the account and assign its workspace (GET /user, /user/workspaces)",
        SEED_MINIMUM,
    )
    .except(ACCESS_TOKENS),
    req(
        "sign-in",
        Restore,
        "account",
        "read the account and assign its workspace (GET /user, /user/workspaces)",
        SEED_MINIMUM,
    )
    .except(ACCESS_TOKENS),
    Requirement {
        category: "sign-in",
        operation: Backup,
        scope: None,
        applies: Applies::Only(ACCESS_TOKENS),
        because: "Xopero ONE reads the account (Account: Read) to assign the workspace; a repository or project access token cannot hold that scope and acts as a bot of its repository or project, and whether the backup tool accepts one is not documented",
        source: SEED_MINIMUM,
        never: false,
    },
    Requirement {
        category: "sign-in",
        operation: Restore,
        scope: None,
        applies: Applies::Only(ACCESS_TOKENS),
        because: "Xopero ONE reads the account (Account: Read) to assign the workspace; a repository or project access token cannot hold that scope and acts as a bot of its repository or project, and whether the backup tool accepts one is not documented",
        source: SEED_MINIMUM,
        never: false,
    },
    req(
        "repositories",
        Backup,
        "repository",
        "list and clone repositories",
        SEED_MINIMUM,
    ),
    req(
        "repositories",
        Backup,
        "repository:admin",
        "read repository settings and branch restrictions",
        SEED_MINIMUM,
    ),
    req(
        "repositories",
        Restore,
        "repository:admin",
        "create repositories (POST /repositories/{ws}/{slug})",
        REF_CALLS,
    ),
    req(
        "repositories",
        Restore,
        "repository:write",
        "push branches and tags",
        REF_CALLS,
    ),
    req(
        "pull-requests",
        Backup,
        "pullrequest",
        "read pull requests, comments and tasks",
        SEED_APP_PASSWORD,
    ),
    req(
        "pull-requests",
        Restore,
        "pullrequest:write",
        "create pull requests (POST …/pullrequests)",
        REF_CALLS,
    ),
    req(
        "issues",
        Backup,
        "issue",
        "read issues, comments and attachments",
        SEED_APP_PASSWORD,
    )
    .except(ACCESS_TOKENS),
    req(
        "issues",
        Restore,
        "issue:write",
        "create issues and comments (POST …/issues)",
        REF_CALLS,
    )
    .except(ACCESS_TOKENS),
    never(
        "issues",
        Backup,
        Applies::Only(ACCESS_TOKENS),
        "repository, project and workspace access tokens offer no issue scope: use an API token or an OAuth consumer for issues",
        &ATLASSIAN_NO_ISSUES_FOR_ACCESS_TOKENS,
    ),
    never(
        "issues",
        Restore,
        Applies::Only(ACCESS_TOKENS),
        "repository, project and workspace access tokens offer no issue scope: use an API token or an OAuth consumer for issues",
        &ATLASSIAN_NO_ISSUES_FOR_ACCESS_TOKENS,
    ),
    never(
        "snippets",
        Backup,
        Applies::Only(ACCESS_TOKENS),
        "access tokens offer no snippet scope (snippets belong to a workspace, not a repository): use an API token or an OAuth consumer",
        &ATLASSIAN_ACCESS_TOKENS,
    ),
    never(
        "snippets",
        Restore,
        Applies::Only(ACCESS_TOKENS),
        "access tokens offer no snippet scope (snippets belong to a workspace, not a repository): use an API token or an OAuth consumer",
        &ATLASSIAN_ACCESS_TOKENS,
    ),
    req(
        "wikis",
        Backup,
        "wiki",
        "clone the wiki (git clone …/{repo}.git/wiki; there is no wiki REST API)",
        SEED_APP_PASSWORD,
    ),
    req("wikis", Restore, "wiki", "push the wiki", REF_CALLS),
    req(
        "pipelines",
        Backup,
        "pipeline",
        "read pipelines, schedules, known hosts and variables",
        SEED_APP_PASSWORD,
    ),
    req(
        "pipelines",
        Backup,
        "repository:admin",
        "read pipeline settings (GET …/pipelines_config needs repository:admin)",
        REF_CALLS,
    ),
    req(
        "pipelines",
        Restore,
        "pipeline:write",
        "create pipeline schedules (POST …/pipelines_config/schedules)",
        REF_CALLS,
    ),
    req(
        "pipelines",
        Restore,
        "pipeline:variable",
        "create variables and known hosts (POST …/pipelines_config/variables)",
        REF_CALLS,
    ),
    req(
        "pipelines",
        Restore,
        "repository:admin",
        "enable pipelines (PUT …/pipelines_config)",
        REF_CALLS,
    ),
    req(
        "projects",
        Backup,
        "project",
        "record which project a repository belongs to (GET /workspaces/{ws}/projects)",
        SEED_APP_PASSWORD,
    ),
    req(
        "projects",
        Restore,
        "project:admin",
        "create projects (POST /workspaces/{ws}/projects)",
        REF_CALLS,
    ),
    req(
        "snippets",
        Backup,
        "snippet",
        "read snippets (GET /snippets/{ws})",
        REF_CALLS,
    )
    .except(ACCESS_TOKENS),
    req(
        "snippets",
        Restore,
        "snippet:write",
        "create snippets (POST /snippets/{ws})",
        REF_CALLS,
    )
    .except(ACCESS_TOKENS),
    req(
        "webhooks",
        Backup,
        "webhook",
        "read webhooks (GET …/hooks)",
        REF_CALLS,
    ),
    req(
        "webhooks",
        Restore,
        "webhook",
        "create webhooks (POST …/hooks)",
        REF_CALLS,
    ),
    req(
        "runners",
        Backup,
        "runner",
        "read runners (GET …/pipelines-config/runners)",
        REF_CALLS,
    ),
    req(
        "runners",
        Restore,
        "runner:write",
        "create runners (POST …/pipelines-config/runners)",
        REF_CALLS,
    ),
    // Reference §5 "Deploy keys (repo)": GET and POST …/deploy-keys both need
    // `repository repository:admin`.
    req(
        "deploy-keys",
        Backup,
        "repository:admin",
        "read deploy keys (GET …/deploy-keys needs repository and repository:admin)",
        REF_CALLS,
    ),
    req(
        "deploy-keys",
        Backup,
        "repository",
        "read deploy keys (GET …/deploy-keys needs repository and repository:admin)",
        REF_CALLS,
    ),
    req(
        "deploy-keys",
        Restore,
        "repository:admin",
        "add deploy keys (POST …/deploy-keys needs repository and repository:admin)",
        REF_CALLS,
    ),
    req(
        "deploy-keys",
        Restore,
        "repository",
        "add deploy keys (POST …/deploy-keys needs repository and repository:admin)",
        REF_CALLS,
    ),
    // Reference §5 "Repo permissions": reading and writing them needs repository:admin, which
    // the legacy scopes have no separate permission scope beside. (Project permissions need
    // project:admin, which Projects' restore already asks for.) Access tokens cannot query or
    // change permissions at all (§3b).
    req(
        "permissions",
        Backup,
        "repository:admin",
        "read repository permissions (GET …/permissions-config/users and /groups)",
        REF_CALLS,
    )
    .except(ACCESS_TOKENS),
    req(
        "permissions",
        Restore,
        "repository:admin",
        "set repository permissions (PUT …/permissions-config/users/{id} and /groups/{slug})",
        REF_CALLS,
    )
    .except(ACCESS_TOKENS),
    never(
        "permissions",
        Backup,
        Applies::Only(ACCESS_TOKENS),
        "repository, project and workspace access tokens cannot query repository, project or workspace permissions: use an API token or an OAuth consumer",
        &ATLASSIAN_ACCESS_TOKENS,
    ),
    never(
        "permissions",
        Restore,
        Applies::Only(ACCESS_TOKENS),
        "repository, project and workspace access tokens cannot manipulate repository, project or workspace permissions: use an API token or an OAuth consumer",
        &ATLASSIAN_ACCESS_TOKENS,
    ),
];

/// Scopes that Xopero ONE's own OAuth consent asks for although no backup or restore step in
/// this catalog needs them; not reported as excess for OAuth grants (seed 002 "Account").
pub const OAUTH_CONSENT_EXTRAS: &[&str] =
    &["account:write", "team", "team:write", "repository:delete"];

/// Requirements in the API-token vocabulary: every scope named, since none implies another.
pub const API_TOKEN_REQUIREMENTS: &[Requirement] = &[
    req("sign-in", Backup, "read:user:bitbucket", "read the current user (GET /user)", REF_CALLS),
    req("sign-in", Backup, "read:workspace:bitbucket", "list the user's workspaces (GET /user/workspaces)", REF_CALLS),
    req("sign-in", Restore, "read:user:bitbucket", "read the current user (GET /user)", REF_CALLS),
    req("sign-in", Restore, "read:workspace:bitbucket", "list the user's workspaces (GET /user/workspaces)", REF_CALLS),
    req("repositories", Backup, "read:repository:bitbucket", "list and clone repositories", REF_CALLS),
    req("repositories", Backup, "admin:repository:bitbucket", "read branch restrictions and settings", REF_CALLS),
    req("repositories", Restore, "admin:repository:bitbucket", "create repositories", REF_CALLS),
    req("repositories", Restore, "write:repository:bitbucket", "push branches and tags", REF_CALLS),
    req("repositories", Restore, "read:repository:bitbucket", "fetch while pushing; write does not imply read", REF_API_TOKEN),
    req("pull-requests", Backup, "read:pullrequest:bitbucket", "read pull requests", REF_CALLS),
    req("pull-requests", Restore, "read:pullrequest:bitbucket", "create pull requests needs read and write", REF_CALLS),
    req("pull-requests", Restore, "write:pullrequest:bitbucket", "create pull requests", REF_CALLS),
    req("issues", Backup, "read:issue:bitbucket", "read issues", REF_CALLS),
    req("issues", Restore, "read:issue:bitbucket", "create issues needs read and write", REF_CALLS),
    req("issues", Restore, "write:issue:bitbucket", "create issues", REF_CALLS),
    Requirement { category: "wikis", operation: Backup, scope: None, applies: Applies::All, because: "no API-token scope is documented for wikis (there is no wiki REST API; the wiki is cloned over Git)", source: &ATLASSIAN_REST_INTRO, never: false },
    Requirement { category: "wikis", operation: Restore, scope: None, applies: Applies::All, because: "no API-token scope is documented for wikis (there is no wiki REST API; the wiki is pushed over Git)", source: &ATLASSIAN_REST_INTRO, never: false },
    req("pipelines", Backup, "read:pipeline:bitbucket", "read pipelines, schedules, known hosts and variables", REF_CALLS),
    req("pipelines", Backup, "admin:repository:bitbucket", "read pipeline settings (pipelines_config needs admin)", REF_CALLS),
    req("pipelines", Restore, "read:pipeline:bitbucket", "create schedules needs read and write", REF_CALLS),
    req("pipelines", Restore, "write:pipeline:bitbucket", "create pipeline schedules", REF_CALLS),
    req("pipelines", Restore, "admin:pipeline:bitbucket", "create variables and known hosts", REF_CALLS),
    req("projects", Backup, "read:project:bitbucket", "read projects", REF_CALLS),
    req("projects", Restore, "admin:project:bitbucket", "create projects", REF_CALLS),
    // Reference §5 "Project permissions": PUT needs write:permission beside admin:project.
    req("projects", Restore, "write:permission:bitbucket", "set project permissions (PUT …/projects/{key}/permissions-config/… needs admin:project and write:permission)", REF_CALLS),
    req("snippets", Backup, "read:snippet:bitbucket", "read snippets", REF_CALLS),
    req("snippets", Restore, "read:snippet:bitbucket", "create snippets needs read and write", REF_CALLS),
    req("snippets", Restore, "write:snippet:bitbucket", "create snippets", REF_CALLS),
    req("webhooks", Backup, "read:webhook:bitbucket", "read webhooks", REF_CALLS),
    req("webhooks", Restore, "read:webhook:bitbucket", "create webhooks needs read and write", REF_CALLS),
    req("webhooks", Restore, "write:webhook:bitbucket", "create webhooks", REF_CALLS),
    req("runners", Backup, "read:runner:bitbucket", "read runners", REF_CALLS),
    req("runners", Restore, "read:runner:bitbucket", "create runners needs read and write", REF_CALLS),
    req("runners", Restore, "write:runner:bitbucket", "create runners", REF_CALLS),
    // Reference §5 "Deploy keys (repo)" and "Restore, API token": POST …/deploy-keys needs
    // write:ssh-key beside admin:repository. (read:ssh-key is named by no operation.)
    req("deploy-keys", Backup, "admin:repository:bitbucket", "read deploy keys (GET …/deploy-keys)", REF_CALLS),
    req("deploy-keys", Restore, "admin:repository:bitbucket", "add deploy keys (POST …/deploy-keys needs admin:repository and write:ssh-key)", REF_CALLS),
    req("deploy-keys", Restore, "write:ssh-key:bitbucket", "add deploy keys (POST …/deploy-keys needs admin:repository and write:ssh-key)", REF_CALLS),
    // Reference §5 "Repo permissions", "Project permissions" and "Restore, API token": reading
    // needs read:repository / read:project; PUT needs admin:repository / admin:project plus
    // write:permission. (read:permission is named by no operation.)
    req("permissions", Backup, "read:repository:bitbucket", "read repository permissions (GET …/permissions-config/users and /groups)", REF_CALLS),
    req("permissions", Restore, "admin:repository:bitbucket", "set repository permissions (PUT …/permissions-config/… needs admin:repository and write:permission)", REF_CALLS),
    req("permissions", Restore, "write:permission:bitbucket", "set repository permissions (PUT …/permissions-config/…)", REF_CALLS),
];

/// Legacy OAuth 2.0 scopes: OAuth consumers, app passwords, repository/project/workspace access
/// tokens.
pub static LEGACY_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "bitbucket-oauth-scope",
    platform: Platform::BitbucketCloud,
    kind: VocabularyKind::Scope,
    name: "Bitbucket Cloud OAuth 2.0 scopes",
    scopes: LEGACY_SCOPES,
    requirements: LEGACY_REQUIREMENTS,
    full_access: None,
    listed: true,
    source: &ATLASSIAN_SCOPES,
};

/// Atlassian API-token (Forge) scopes.
pub static API_TOKEN_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "bitbucket-api-token-scope",
    platform: Platform::BitbucketCloud,
    kind: VocabularyKind::Scope,
    name: "Bitbucket Cloud API token scopes",
    scopes: API_TOKEN_SCOPES,
    requirements: API_TOKEN_REQUIREMENTS,
    full_access: None,
    listed: true,
    source: &ATLASSIAN_API_TOKENS,
};

pub const VOCABULARIES: &[Vocabulary] = &[
    Vocabulary(&API_TOKEN_VOCABULARY),
    Vocabulary(&LEGACY_VOCABULARY),
];
