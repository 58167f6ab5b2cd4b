//! What the account behind a GitHub token may do, whatever the token carries: its role in the
//! organization (`GET /orgs/{org}/memberships/{user}`: `admin` is an owner) and its role on a
//! repository (`GET /repos/{owner}/{repo}`'s `permissions`: admin ⊃ maintain ⊃ push ⊃ triage ⊃
//! pull). "A token cannot grant additional access capabilities to a user": a token is judged
//! with these roles.
//!
//! Xopero ONE's matrix decides what backup and restore can reach: an owner backs up and
//! restores everything; a member (and an outside collaborator) backs up, but restores only into
//! their own account, and without write access on a repository its collaborators are left out.

use super::sources::{
    GH_ORG_ROLES, GH_REPO_ROLES, GH_REST_COLLABORATORS, GH_REST_DEPLOY_KEYS, GH_REST_REPO_WEBHOOKS,
    XOPERO_ROLES,
};
use crate::catalog::{req, Requirement, ScopeDef, Source, VocabularyDef, VocabularyKind};
use crate::model::{Operation, Platform};

const fn role(
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
    source: &'static Source,
) -> ScopeDef {
    ScopeDef::public(id, label, implies, source)
}

/// Roles in an organization. The membership API calls an owner `admin`.
pub const ORG_ROLES: &[ScopeDef] = &[
    role("owner", "Organization owner", &["member"], &GH_ORG_ROLES),
    role("member", "Organization member", &[], &GH_ORG_ROLES),
    role(
        "billing-manager",
        "Organization billing manager (no repository access)",
        &[],
        &GH_ORG_ROLES,
    ),
];

use Operation::{Backup, Restore};

pub const ORG_ROLE_REQUIREMENTS: &[Requirement] = &[
    req(
        "repositories",
        Backup,
        "member",
        "read the organization's repositories (billing managers have no repository access)",
        &GH_ORG_ROLES,
    ),
    req(
        "repositories",
        Restore,
        "owner",
        "restore into the organization: Xopero ONE restores a member's data only into the member's own account (GitHub lets members create repositories only where the organization's repository creation policy allows)",
        &XOPERO_ROLES,
    ),
    req(
        "collaborators",
        Backup,
        "member",
        "list the organization's teams",
        &XOPERO_ROLES,
    ),
];

/// Repository roles, as the `permissions` object of `GET /repos/{owner}/{repo}` names them
/// (push is Write, pull is Read).
pub const REPO_ROLES: &[ScopeDef] = &[
    role(
        "admin",
        "Repository role: Admin",
        &["maintain"],
        &GH_REPO_ROLES,
    ),
    role(
        "maintain",
        "Repository role: Maintain",
        &["push"],
        &GH_REPO_ROLES,
    ),
    role(
        "push",
        "Repository role: Write",
        &["triage"],
        &GH_REPO_ROLES,
    ),
    role(
        "triage",
        "Repository role: Triage",
        &["pull"],
        &GH_REPO_ROLES,
    ),
    role("pull", "Repository role: Read", &[], &GH_REPO_ROLES),
];

pub const REPO_ROLE_REQUIREMENTS: &[Requirement] = &[
    req(
        "repositories",
        Backup,
        "pull",
        "clone the repository",
        &GH_REPO_ROLES,
    ),
    req(
        "repositories",
        Restore,
        "push",
        "push to the repository",
        &GH_REPO_ROLES,
    ),
    req("issues", Backup, "pull", "read issues", &GH_REPO_ROLES),
    req(
        "issues",
        Restore,
        "triage",
        "create labels and milestones and apply them",
        &GH_REPO_ROLES,
    ),
    req(
        "pull-requests",
        Backup,
        "pull",
        "read pull requests",
        &GH_REPO_ROLES,
    ),
    req(
        "pull-requests",
        Restore,
        "push",
        "push the branches pull requests are made from",
        &GH_REPO_ROLES,
    ),
    req("releases", Backup, "pull", "read releases", &GH_REPO_ROLES),
    req(
        "releases",
        Restore,
        "push",
        "create and edit releases",
        &GH_REPO_ROLES,
    ),
    req(
        "collaborators",
        Backup,
        "push",
        "list collaborators (write, maintain or admin; Xopero ONE leaves collaborators out below that)",
        &GH_REST_COLLABORATORS,
    ),
    req(
        "collaborators",
        Restore,
        "admin",
        "manage people's and teams' access to the repository",
        &GH_REPO_ROLES,
    ),
    req(
        "webhooks",
        Backup,
        "admin",
        "read the repository's webhooks",
        &GH_REST_REPO_WEBHOOKS,
    ),
    req(
        "webhooks",
        Restore,
        "admin",
        "create the repository's webhooks",
        &GH_REST_REPO_WEBHOOKS,
    ),
    req(
        "settings",
        Backup,
        "admin",
        "read deploy keys and branch protection",
        &GH_REST_DEPLOY_KEYS,
    ),
    req(
        "settings",
        Restore,
        "admin",
        "write deploy keys, branch protection and settings",
        &GH_REPO_ROLES,
    ),
    req(
        "actions",
        Restore,
        "push",
        "push workflow files",
        &GH_REPO_ROLES,
    ),
];

pub static ORG_ROLE_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "github-organization-role",
    platform: Platform::Github,
    kind: VocabularyKind::Role,
    name: "GitHub organization roles",
    scopes: ORG_ROLES,
    requirements: ORG_ROLE_REQUIREMENTS,
    full_access: None,
    listed: false,
    source: &GH_ORG_ROLES,
};

pub static REPO_ROLE_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "github-repository-role",
    platform: Platform::Github,
    kind: VocabularyKind::Role,
    name: "GitHub repository roles",
    scopes: REPO_ROLES,
    requirements: REPO_ROLE_REQUIREMENTS,
    full_access: None,
    listed: false,
    source: &GH_REPO_ROLES,
};

/// The organization role the membership API's `role` value stands for.
pub fn org_role(api_role: &str) -> Option<&'static str> {
    match api_role {
        "admin" => Some("owner"),
        "member" | "direct_member" => Some("member"),
        "billing_manager" => Some("billing-manager"),
        _ => None,
    }
}

/// The highest repository role a `permissions` object grants (`{"admin": false, "push": true,
/// …}`), or `None` when every flag is false or absent.
pub fn repo_role(flags: &[(&str, bool)]) -> Option<&'static str> {
    ["admin", "maintain", "push", "triage", "pull"]
        .into_iter()
        .find(|role| flags.iter().any(|(k, v)| k == role && *v))
}
