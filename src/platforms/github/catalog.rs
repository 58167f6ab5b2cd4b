//! GitHub (github.com, GitHub Enterprise Cloud and Server): the data categories a backup tool
//! protects, the classic personal access token / OAuth app scopes with their implications, and
//! what backup and restore of each category need in that vocabulary. Fine-grained permissions
//! are in `permissions.rs`, roles in `roles.rs`.
//!
//! Sources (public pages in `sources.rs`): Xopero ONE's "Required permissions" page for GitHub
//! (the PAT minimum `repo` + `workflow`, the optional scopes for metadata, the role matrix) and
//! GitHub Docs' "Scopes for OAuth apps" (what each scope includes) and REST reference (which
//! scope each call checks), as researched in `shared/reference/github-gitlab-bitbucket-dc.md`
//! §1a and §2b.

use super::permissions::PERMISSION_VOCABULARY;
use super::roles::{ORG_ROLE_VOCABULARY, REPO_ROLE_VOCABULARY};
use super::sources::{
    GH_ENTERPRISE_SERVER, GH_GRAPHQL_DISCUSSIONS, GH_REST_COLLABORATORS, GH_REST_REPOS,
    GH_REST_REPO_WEBHOOKS, GH_REST_TEAMS, GH_SCOPES, XOPERO_OPTIONAL, XOPERO_TOKEN,
};
use crate::catalog::{
    req, Availability, Category, CategoryKind, Requirement, ScopeDef, Source, Vocabulary,
    VocabularyDef, VocabularyKind,
};
use crate::model::{Operation, Platform};

const REF_SCOPES: &Source = &GH_SCOPES;

pub const CATEGORIES: &[Category] = &[
    Category {
        id: "repositories",
        label: "Repositories (code, Git LFS, wikis)",
        kind: CategoryKind::Core,
        source: &XOPERO_TOKEN,
    },
    Category {
        id: "issues",
        label: "Issues, comments, labels and milestones",
        kind: CategoryKind::Metadata,
        source: &XOPERO_TOKEN,
    },
    Category {
        id: "pull-requests",
        label: "Pull requests and reviews",
        kind: CategoryKind::Metadata,
        source: &XOPERO_TOKEN,
    },
    Category {
        id: "releases",
        label: "Releases and release assets",
        kind: CategoryKind::Metadata,
        source: &XOPERO_TOKEN,
    },
    Category {
        id: "projects",
        label: "Projects",
        kind: CategoryKind::Metadata,
        source: &XOPERO_OPTIONAL,
    },
    Category {
        id: "discussions",
        label: "Discussions (repository and team)",
        kind: CategoryKind::Metadata,
        source: &XOPERO_OPTIONAL,
    },
    Category {
        id: "webhooks",
        label: "Webhooks",
        kind: CategoryKind::Metadata,
        source: &XOPERO_OPTIONAL,
    },
    Category {
        id: "collaborators",
        label: "Collaborators and teams",
        kind: CategoryKind::Metadata,
        source: &XOPERO_OPTIONAL,
    },
    Category {
        id: "actions",
        label: "Actions workflows, variables and environments",
        kind: CategoryKind::Metadata,
        source: &XOPERO_TOKEN,
    },
    Category {
        id: "settings",
        label: "Settings, branch protection and deploy keys",
        kind: CategoryKind::Metadata,
        source: &XOPERO_TOKEN,
    },
];

const fn scope(
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
) -> ScopeDef {
    ScopeDef::public(id, label, implies, REF_SCOPES)
}

/// A scope that only GitHub Enterprise Server (or an enterprise account) offers.
const fn enterprise(
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
) -> ScopeDef {
    ScopeDef::public(id, label, implies, &GH_ENTERPRISE_SERVER).offered(Availability::Conditional)
}

/// Classic personal access token and OAuth app scopes. Labels are the sentences the token page
/// shows beside each box; `implies` follows the page's nesting (ticking `repo` ticks its
/// children). Tokens are stored normalized, but real headers still show redundant children, so
/// children are known ids too.
pub const SCOPES: &[ScopeDef] = &[
    scope(
        "repo",
        "Full control of private repositories",
        &[
            "repo:status",
            "repo_deployment",
            "public_repo",
            "repo:invite",
            "security_events",
        ],
    ),
    scope("repo:status", "Access commit status", &[]),
    scope("repo_deployment", "Access deployment status", &[]),
    scope("public_repo", "Access public repositories", &[]),
    scope("repo:invite", "Access repository invitations", &[]),
    scope("security_events", "Read and write security events", &[]),
    scope("workflow", "Update GitHub Action workflows", &[]),
    scope(
        "write:packages",
        "Upload packages to GitHub Package Registry",
        &["read:packages"],
    ),
    scope(
        "read:packages",
        "Download packages from GitHub Package Registry",
        &[],
    ),
    scope(
        "delete:packages",
        "Delete packages from GitHub Package Registry",
        &[],
    ),
    scope(
        "admin:org",
        "Full control of orgs and teams, read and write org projects",
        &["write:org", "read:org", "manage_runners:org"],
    ),
    scope(
        "write:org",
        "Read and write org and team membership, read and write org projects",
        &["read:org"],
    ),
    scope(
        "read:org",
        "Read org and team membership, read org projects",
        &[],
    ),
    scope(
        "manage_runners:org",
        "Manage org runners and runner groups",
        &[],
    ),
    scope(
        "admin:public_key",
        "Full control of user public keys",
        &["write:public_key", "read:public_key"],
    ),
    scope(
        "write:public_key",
        "Write user public keys",
        &["read:public_key"],
    ),
    scope("read:public_key", "Read user public keys", &[]),
    scope(
        "admin:repo_hook",
        "Full control of repository hooks",
        &["write:repo_hook", "read:repo_hook"],
    ),
    scope(
        "write:repo_hook",
        "Write repository hooks",
        &["read:repo_hook"],
    ),
    scope("read:repo_hook", "Read repository hooks", &[]),
    scope("admin:org_hook", "Full control of organization hooks", &[]),
    scope("gist", "Create gists", &[]),
    scope("notifications", "Access notifications", &[]),
    scope(
        "user",
        "Update ALL user data",
        &["read:user", "user:email", "user:follow"],
    ),
    scope("read:user", "Read ALL user profile data", &[]),
    scope("user:email", "Access user email addresses (read-only)", &[]),
    scope("user:follow", "Follow and unfollow users", &[]),
    scope("delete_repo", "Delete repositories", &[]),
    scope(
        "write:discussion",
        "Read and write team discussions",
        &["read:discussion"],
    ),
    scope("read:discussion", "Read team discussions", &[]),
    scope("project", "Full control of projects", &["read:project"]),
    scope("read:project", "Read access of projects", &[]),
    scope(
        "admin:gpg_key",
        "Full control of public user GPG keys",
        &["write:gpg_key", "read:gpg_key"],
    ),
    scope(
        "write:gpg_key",
        "Write public user GPG keys",
        &["read:gpg_key"],
    ),
    scope("read:gpg_key", "Read public user GPG keys", &[]),
    scope(
        "admin:ssh_signing_key",
        "Full control of public user SSH signing keys",
        &["write:ssh_signing_key", "read:ssh_signing_key"],
    ),
    scope(
        "write:ssh_signing_key",
        "Write public user SSH signing keys",
        &["read:ssh_signing_key"],
    ),
    scope(
        "read:ssh_signing_key",
        "Read public user SSH signing keys",
        &[],
    ),
    scope(
        "codespace",
        "Full control of codespaces",
        &["codespace:secrets"],
    ),
    scope(
        "codespace:secrets",
        "Create, read, update and delete codespace secrets",
        &[],
    ),
    scope(
        "copilot",
        "Full control of GitHub Copilot settings and seat assignments",
        &["manage_billing:copilot"],
    ),
    scope(
        "manage_billing:copilot",
        "View and edit Copilot Business seat assignments",
        &[],
    ),
    scope(
        "write:network_configurations",
        "Write org hosted compute network configurations",
        &["read:network_configurations"],
    ),
    scope(
        "read:network_configurations",
        "Read org hosted compute network configurations",
        &[],
    ),
    scope(
        "audit_log",
        "Full control of audit log",
        &["read:audit_log"],
    ),
    scope("read:audit_log", "Read access of audit log", &[]),
    enterprise(
        "admin:enterprise",
        "Full control of enterprises",
        &[
            "manage_runners:enterprise",
            "manage_billing:enterprise",
            "read:enterprise",
        ],
    ),
    enterprise(
        "manage_runners:enterprise",
        "Manage enterprise runners and runner groups",
        &[],
    ),
    enterprise(
        "manage_billing:enterprise",
        "Read and write enterprise billing data",
        &["read:enterprise"],
    ),
    enterprise("read:enterprise", "Read enterprise profile data", &[]),
    enterprise(
        "site_admin",
        "Site administrator API access (GitHub Enterprise Server)",
        &[],
    ),
];

use Operation::{Backup, Restore};

/// What each category needs from a classic token. `repo` covers the repositories themselves and
/// nearly all their metadata (GitHub: "full access to public and private repositories
/// including read and write access to code, commit statuses, repository invitations,
/// collaborators, deployment statuses, and repository webhooks"); the rest is what Xopero ONE
/// lists as optional scopes and what GitHub's REST reference checks.
pub const REQUIREMENTS: &[Requirement] = &[
    req(
        "repositories",
        Backup,
        "repo",
        "list and clone private repositories, their wikis and Git LFS objects",
        &XOPERO_TOKEN,
    ),
    req(
        "repositories",
        Restore,
        "repo",
        "create repositories in the organization (POST /orgs/{org}/repos) and push branches and tags",
        &XOPERO_TOKEN,
    ),
    req(
        "repositories",
        Restore,
        "workflow",
        "push repositories that contain .github/workflows files (GitHub refuses the whole push without it)",
        &XOPERO_TOKEN,
    ),
    req(
        "issues",
        Backup,
        "repo",
        "read issues, comments, labels and milestones of private repositories",
        REF_SCOPES,
    ),
    req(
        "issues",
        Restore,
        "repo",
        "create issues, comments, labels and milestones",
        REF_SCOPES,
    ),
    req(
        "pull-requests",
        Backup,
        "repo",
        "read pull requests, reviews and review comments of private repositories",
        REF_SCOPES,
    ),
    req(
        "pull-requests",
        Restore,
        "repo",
        "create pull requests and their comments",
        REF_SCOPES,
    ),
    req(
        "releases",
        Backup,
        "repo",
        "read releases and download their assets",
        REF_SCOPES,
    ),
    req(
        "releases",
        Restore,
        "repo",
        "create releases and upload their assets",
        REF_SCOPES,
    ),
    req(
        "projects",
        Backup,
        "read:project",
        "read the projects the repositories belong to (Projects)",
        &XOPERO_OPTIONAL,
    ),
    req(
        "projects",
        Restore,
        "project",
        "create projects and their items",
        REF_SCOPES,
    ),
    req(
        "discussions",
        Backup,
        "repo",
        "read repository discussions (GraphQL)",
        &GH_GRAPHQL_DISCUSSIONS,
    ),
    req(
        "discussions",
        Backup,
        "read:discussion",
        "read team discussions",
        &XOPERO_OPTIONAL,
    ),
    req(
        "discussions",
        Restore,
        "repo",
        "create repository discussions (GraphQL)",
        &GH_GRAPHQL_DISCUSSIONS,
    ),
    req(
        "discussions",
        Restore,
        "write:discussion",
        "create team discussions",
        REF_SCOPES,
    ),
    req(
        "webhooks",
        Backup,
        "repo",
        "read repository webhooks (repo includes them; read:repo_hook alone also reads them)",
        &GH_REST_REPO_WEBHOOKS,
    ),
    req(
        "webhooks",
        Restore,
        "repo",
        "create repository webhooks",
        &GH_REST_REPO_WEBHOOKS,
    ),
    req(
        "collaborators",
        Backup,
        "repo",
        "list repository collaborators (GET /repos/{owner}/{repo}/collaborators needs repo and read:org)",
        &GH_REST_COLLABORATORS,
    ),
    req(
        "collaborators",
        Backup,
        "read:org",
        "list collaborators and teams (team endpoints need read:org)",
        &GH_REST_TEAMS,
    ),
    req(
        "collaborators",
        Restore,
        "repo",
        "add collaborators to restored repositories",
        &GH_REST_COLLABORATORS,
    ),
    req(
        "collaborators",
        Restore,
        "admin:org",
        "create teams and give them access to restored repositories",
        REF_SCOPES,
    ),
    req(
        "actions",
        Backup,
        "repo",
        "read workflows, variables and environments",
        REF_SCOPES,
    ),
    req(
        "actions",
        Restore,
        "repo",
        "create variables and environments",
        REF_SCOPES,
    ),
    req(
        "actions",
        Restore,
        "workflow",
        "add and update workflow files (.github/workflows)",
        REF_SCOPES,
    ),
    req(
        "settings",
        Backup,
        "repo",
        "read repository settings, branch protection, deploy keys and autolinks",
        &GH_REST_REPOS,
    ),
    req(
        "settings",
        Restore,
        "repo",
        "write repository settings, branch protection, deploy keys and autolinks",
        &GH_REST_REPOS,
    ),
];

/// Classic personal access tokens and OAuth app tokens.
pub static SCOPE_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "github-scope",
    platform: Platform::Github,
    kind: VocabularyKind::Scope,
    name: "GitHub personal access token (classic) and OAuth app scopes",
    scopes: SCOPES,
    requirements: REQUIREMENTS,
    full_access: None,
    listed: true,
    source: REF_SCOPES,
};

pub const VOCABULARIES: &[Vocabulary] = &[
    Vocabulary(&SCOPE_VOCABULARY),
    Vocabulary(&PERMISSION_VOCABULARY),
    Vocabulary(&ORG_ROLE_VOCABULARY),
    Vocabulary(&REPO_ROLE_VOCABULARY),
];

/// Scopes Xopero ONE lists as optional "to back up specific metadata", and those its own OAuth
/// consent asks for: never reported as excess.
pub const XOPERO_ASKS_FOR: &[&str] = &[
    "admin:org",
    "project",
    "read:discussion",
    "read:public_key",
    "read:repo_hook",
    "read:org",
    "read:user",
    "user:email",
];
