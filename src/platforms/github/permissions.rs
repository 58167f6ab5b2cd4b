//! GitHub fine-grained personal access token and GitHub App permissions: one vocabulary for
//! both (a fine-grained token and an App installation are granted the same keys, `contents`,
//! `issues`, …). An id is `key:level` (`contents:write`), the way GitHub's own documents pair
//! them (`"contents": "write"` in an installation token, `contents=write` in the
//! X-Accepted-GitHub-Permissions header, "Contents: Read and write" on the token page).
//! Within a key `write` includes `read` (and `admin` includes `write`); keys imply nothing of
//! each other. `metadata: read` is granted to every fine-grained token and App, so no
//! requirement names it.
//!
//! The keys and levels are GitHub's list for fine-grained tokens (data set fpt-2026-03-10,
//! `shared/reference/samples/github/github-fine-grained-pat-permission-keys-fpt-2026-03-10.tsv`)
//! plus the keys only GitHub Apps are offered (the REST schema `app-permissions`).

use super::sources::{
    GH_APP_PERMISSIONS, GH_FINE_GRAINED_PERMISSIONS, GH_GRAPHQL_DISCUSSIONS, GH_REST_REPOS,
};
use crate::catalog::{req, Applies, Requirement, ScopeDef, Source, VocabularyDef, VocabularyKind};
use crate::model::{Operation, Platform};

const FG: &Source = &GH_FINE_GRAINED_PERMISSIONS;
const APP: &Source = &GH_APP_PERMISSIONS;

const fn read(id: &'static str, label: &'static str, source: &'static Source) -> ScopeDef {
    ScopeDef::public(id, label, &[], source)
}

/// A level that includes the lower ones of its key (`implies`).
const fn write(
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
    source: &'static Source,
) -> ScopeDef {
    ScopeDef::public(id, label, implies, source)
}

/// Every permission at every level GitHub offers it. Labels are the token page's
/// "Permission: Access" pairs; organization and account permissions say so, since several
/// titles (Administration, Webhooks, Secrets) exist at two levels.
pub const PERMISSIONS: &[ScopeDef] = &[
    // Repository permissions.
    read("actions:read", "Actions: Read-only", FG),
    write(
        "actions:write",
        "Actions: Read and write",
        &["actions:read"],
        FG,
    ),
    read("administration:read", "Administration: Read-only", FG),
    write(
        "administration:write",
        "Administration: Read and write",
        &["administration:read"],
        FG,
    ),
    read("agent_secrets:read", "Agent secrets: Read-only", FG),
    write(
        "agent_secrets:write",
        "Agent secrets: Read and write",
        &["agent_secrets:read"],
        FG,
    ),
    read("agent_variables:read", "Agent variables: Read-only", FG),
    write(
        "agent_variables:write",
        "Agent variables: Read and write",
        &["agent_variables:read"],
        FG,
    ),
    read("artifact_metadata:read", "Artifact metadata: Read-only", FG),
    write(
        "artifact_metadata:write",
        "Artifact metadata: Read and write",
        &["artifact_metadata:read"],
        FG,
    ),
    read("attestations:read", "Attestations: Read-only", FG),
    write(
        "attestations:write",
        "Attestations: Read and write",
        &["attestations:read"],
        FG,
    ),
    read("code_quality:read", "Code quality: Read-only", FG),
    read(
        "security_events:read",
        "Code scanning alerts: Read-only",
        FG,
    ),
    write(
        "security_events:write",
        "Code scanning alerts: Read and write",
        &["security_events:read"],
        FG,
    ),
    read(
        "codespaces_lifecycle_admin:read",
        "Codespaces lifecycle admin: Read-only",
        FG,
    ),
    write(
        "codespaces_lifecycle_admin:write",
        "Codespaces lifecycle admin: Read and write",
        &["codespaces_lifecycle_admin:read"],
        FG,
    ),
    read(
        "codespaces_metadata:read",
        "Codespaces metadata: Read-only",
        FG,
    ),
    write(
        "codespaces_secrets:write",
        "Codespaces secrets: Read and write",
        &[],
        FG,
    ),
    read("codespaces:read", "Codespaces: Read-only", FG),
    write(
        "codespaces:write",
        "Codespaces: Read and write",
        &["codespaces:read"],
        FG,
    ),
    read("statuses:read", "Commit statuses: Read-only", FG),
    write(
        "statuses:write",
        "Commit statuses: Read and write",
        &["statuses:read"],
        FG,
    ),
    read("contents:read", "Contents: Read-only", FG),
    write(
        "contents:write",
        "Contents: Read and write",
        &["contents:read"],
        FG,
    ),
    read(
        "copilot_agent_settings:read",
        "Copilot agent settings: Read-only",
        FG,
    ),
    read(
        "repository_custom_properties:read",
        "Custom properties: Read-only",
        FG,
    ),
    write(
        "repository_custom_properties:write",
        "Custom properties: Read and write",
        &["repository_custom_properties:read"],
        FG,
    ),
    read(
        "vulnerability_alerts:read",
        "Dependabot alerts: Read-only",
        FG,
    ),
    write(
        "vulnerability_alerts:write",
        "Dependabot alerts: Read and write",
        &["vulnerability_alerts:read"],
        FG,
    ),
    read(
        "dependabot_secrets:read",
        "Dependabot secrets: Read-only",
        FG,
    ),
    write(
        "dependabot_secrets:write",
        "Dependabot secrets: Read and write",
        &["dependabot_secrets:read"],
        FG,
    ),
    read("deployments:read", "Deployments: Read-only", FG),
    write(
        "deployments:write",
        "Deployments: Read and write",
        &["deployments:read"],
        FG,
    ),
    read("environments:read", "Environments: Read-only", FG),
    write(
        "environments:write",
        "Environments: Read and write",
        &["environments:read"],
        FG,
    ),
    read("issues:read", "Issues: Read-only", FG),
    write(
        "issues:write",
        "Issues: Read and write",
        &["issues:read"],
        FG,
    ),
    read("metadata:read", "Metadata: Read-only", FG),
    read("pages:read", "Pages: Read-only", FG),
    write("pages:write", "Pages: Read and write", &["pages:read"], FG),
    read("pull_requests:read", "Pull requests: Read-only", FG),
    write(
        "pull_requests:write",
        "Pull requests: Read and write",
        &["pull_requests:read"],
        FG,
    ),
    read(
        "repository_advisories:read",
        "Repository security advisories: Read-only",
        FG,
    ),
    write(
        "repository_advisories:write",
        "Repository security advisories: Read and write",
        &["repository_advisories:read"],
        FG,
    ),
    read(
        "secret_scanning_alerts:read",
        "Secret scanning alerts: Read-only",
        FG,
    ),
    write(
        "secret_scanning_alerts:write",
        "Secret scanning alerts: Read and write",
        &["secret_scanning_alerts:read"],
        FG,
    ),
    read("secrets:read", "Secrets: Read-only", FG),
    write(
        "secrets:write",
        "Secrets: Read and write",
        &["secrets:read"],
        FG,
    ),
    read("actions_variables:read", "Variables: Read-only", FG),
    write(
        "actions_variables:write",
        "Variables: Read and write",
        &["actions_variables:read"],
        FG,
    ),
    read("repository_hooks:read", "Webhooks: Read-only", FG),
    write(
        "repository_hooks:write",
        "Webhooks: Read and write",
        &["repository_hooks:read"],
        FG,
    ),
    write("workflows:write", "Workflows: Read and write", &[], FG),
    read("checks:read", "Checks: Read-only", APP),
    write(
        "checks:write",
        "Checks: Read and write",
        &["checks:read"],
        APP,
    ),
    read("discussions:read", "Discussions: Read-only", APP),
    write(
        "discussions:write",
        "Discussions: Read and write",
        &["discussions:read"],
        APP,
    ),
    read("packages:read", "Packages: Read-only", APP),
    write(
        "packages:write",
        "Packages: Read and write",
        &["packages:read"],
        APP,
    ),
    read("merge_queues:read", "Merge queues: Read-only", APP),
    write(
        "merge_queues:write",
        "Merge queues: Read and write",
        &["merge_queues:read"],
        APP,
    ),
    read("single_file:read", "Single file: Read-only", APP),
    write(
        "single_file:write",
        "Single file: Read and write",
        &["single_file:read"],
        APP,
    ),
    read(
        "repository_projects:read",
        "Projects (classic): Read-only",
        APP,
    ),
    write(
        "repository_projects:write",
        "Projects (classic): Read and write",
        &["repository_projects:read"],
        APP,
    ),
    write(
        "repository_projects:admin",
        "Projects (classic): Admin",
        &["repository_projects:write"],
        APP,
    ),
    // Organization permissions.
    read(
        "organization_api_insights:read",
        "API Insights (organization): Read-only",
        FG,
    ),
    read(
        "organization_administration:read",
        "Administration (organization): Read-only",
        FG,
    ),
    write(
        "organization_administration:write",
        "Administration (organization): Read and write",
        &["organization_administration:read"],
        FG,
    ),
    read(
        "organization_agent_secrets:read",
        "Agent secrets (organization): Read-only",
        FG,
    ),
    write(
        "organization_agent_secrets:write",
        "Agent secrets (organization): Read and write",
        &["organization_agent_secrets:read"],
        FG,
    ),
    read(
        "organization_agent_variables:read",
        "Agent variables (organization): Read-only",
        FG,
    ),
    write(
        "organization_agent_variables:write",
        "Agent variables (organization): Read and write",
        &["organization_agent_variables:read"],
        FG,
    ),
    read(
        "organization_user_blocking:read",
        "Blocking users (organization): Read-only",
        FG,
    ),
    write(
        "organization_user_blocking:write",
        "Blocking users (organization): Read and write",
        &["organization_user_blocking:read"],
        FG,
    ),
    read(
        "organization_campaigns:read",
        "Campaigns (organization): Read-only",
        FG,
    ),
    write(
        "organization_campaigns:write",
        "Campaigns (organization): Read and write",
        &["organization_campaigns:read"],
        FG,
    ),
    read(
        "organization_copilot_spaces:read",
        "Copilot Spaces (organization): Read-only",
        FG,
    ),
    write(
        "organization_copilot_spaces:write",
        "Copilot Spaces (organization): Read and write",
        &["organization_copilot_spaces:read"],
        FG,
    ),
    read(
        "organization_copilot_agent_settings:read",
        "Copilot agent settings (organization): Read-only",
        FG,
    ),
    write(
        "organization_copilot_agent_settings:write",
        "Copilot agent settings (organization): Read and write",
        &["organization_copilot_agent_settings:read"],
        FG,
    ),
    read(
        "org_copilot_content_exclusion:read",
        "Copilot content exclusion (organization): Read-only",
        FG,
    ),
    write(
        "org_copilot_content_exclusion:write",
        "Copilot content exclusion (organization): Read and write",
        &["org_copilot_content_exclusion:read"],
        FG,
    ),
    read(
        "organization_custom_org_roles:read",
        "Custom organization roles (organization): Read-only",
        FG,
    ),
    read(
        "organization_custom_properties:read",
        "Custom properties (organization): Read-only",
        FG,
    ),
    write(
        "organization_custom_properties:write",
        "Custom properties (organization): Read and write",
        &["organization_custom_properties:read"],
        FG,
    ),
    write(
        "organization_custom_properties:admin",
        "Custom properties (organization): Admin",
        &["organization_custom_properties:write"],
        FG,
    ),
    read(
        "organization_events:read",
        "Events (organization): Read-only",
        FG,
    ),
    read(
        "organization_copilot_seat_management:read",
        "GitHub Copilot Business (organization): Read-only",
        FG,
    ),
    write(
        "organization_copilot_seat_management:write",
        "GitHub Copilot Business (organization): Read and write",
        &["organization_copilot_seat_management:read"],
        FG,
    ),
    read(
        "organization_runner_custom_images:read",
        "Hosted runner custom images (organization): Read-only",
        FG,
    ),
    write(
        "organization_runner_custom_images:write",
        "Hosted runner custom images (organization): Read and write",
        &["organization_runner_custom_images:read"],
        FG,
    ),
    read(
        "issue_fields:read",
        "Issue Fields (organization): Read-only",
        FG,
    ),
    write(
        "issue_fields:write",
        "Issue Fields (organization): Read and write",
        &["issue_fields:read"],
        FG,
    ),
    read(
        "issue_types:read",
        "Issue Types (organization): Read-only",
        FG,
    ),
    write(
        "issue_types:write",
        "Issue Types (organization): Read and write",
        &["issue_types:read"],
        FG,
    ),
    read("members:read", "Members (organization): Read-only", FG),
    write(
        "members:write",
        "Members (organization): Read and write",
        &["members:read"],
        FG,
    ),
    read(
        "organization_network_configurations:read",
        "Network configurations (organization): Read-only",
        FG,
    ),
    write(
        "organization_network_configurations:write",
        "Network configurations (organization): Read and write",
        &["organization_network_configurations:read"],
        FG,
    ),
    read(
        "organization_copilot_metrics:read",
        "Organization Copilot metrics: Read-only",
        FG,
    ),
    read(
        "organization_codespaces_secrets:read",
        "Organization codespaces secrets: Read-only",
        FG,
    ),
    write(
        "organization_codespaces_secrets:write",
        "Organization codespaces secrets: Read and write",
        &["organization_codespaces_secrets:read"],
        FG,
    ),
    write(
        "organization_codespaces_settings:write",
        "Organization codespaces settings: Read and write",
        &[],
        FG,
    ),
    read(
        "organization_codespaces:read",
        "Organization codespaces: Read-only",
        FG,
    ),
    write(
        "organization_codespaces:write",
        "Organization codespaces: Read and write",
        &["organization_codespaces:read"],
        FG,
    ),
    read(
        "organization_dependabot_secrets:read",
        "Organization dependabot secrets: Read-only",
        FG,
    ),
    write(
        "organization_dependabot_secrets:write",
        "Organization dependabot secrets: Read and write",
        &["organization_dependabot_secrets:read"],
        FG,
    ),
    read(
        "organization_private_registries:read",
        "Organization private registries: Read-only",
        FG,
    ),
    write(
        "organization_private_registries:write",
        "Organization private registries: Read and write",
        &["organization_private_registries:read"],
        FG,
    ),
    read(
        "organization_projects:read",
        "Projects (organization): Read-only",
        FG,
    ),
    write(
        "organization_projects:write",
        "Projects (organization): Read and write",
        &["organization_projects:read"],
        FG,
    ),
    write(
        "organization_projects:admin",
        "Projects (organization): Admin",
        &["organization_projects:write"],
        FG,
    ),
    read(
        "organization_secrets:read",
        "Secrets (organization): Read-only",
        FG,
    ),
    write(
        "organization_secrets:write",
        "Secrets (organization): Read and write",
        &["organization_secrets:read"],
        FG,
    ),
    read(
        "organization_self_hosted_runners:read",
        "Self-hosted runners (organization): Read-only",
        FG,
    ),
    write(
        "organization_self_hosted_runners:write",
        "Self-hosted runners (organization): Read and write",
        &["organization_self_hosted_runners:read"],
        FG,
    ),
    read(
        "organization_actions_variables:read",
        "Variables (organization): Read-only",
        FG,
    ),
    write(
        "organization_actions_variables:write",
        "Variables (organization): Read and write",
        &["organization_actions_variables:read"],
        FG,
    ),
    read(
        "organization_hooks:read",
        "Webhooks (organization): Read-only",
        FG,
    ),
    write(
        "organization_hooks:write",
        "Webhooks (organization): Read and write",
        &["organization_hooks:read"],
        FG,
    ),
    read(
        "team_discussions:read",
        "Team discussions (organization): Read-only",
        APP,
    ),
    write(
        "team_discussions:write",
        "Team discussions (organization): Read and write",
        &["team_discussions:read"],
        APP,
    ),
    read(
        "organization_plan:read",
        "Plan (organization): Read-only",
        APP,
    ),
    read(
        "organization_packages:read",
        "Packages (organization): Read-only",
        APP,
    ),
    write(
        "organization_packages:write",
        "Packages (organization): Read and write",
        &["organization_packages:read"],
        APP,
    ),
    read(
        "organization_announcement_banners:read",
        "Announcement banners (organization): Read-only",
        APP,
    ),
    write(
        "organization_announcement_banners:write",
        "Announcement banners (organization): Read and write",
        &["organization_announcement_banners:read"],
        APP,
    ),
    read(
        "organization_custom_roles:read",
        "Custom repository roles (organization): Read-only",
        APP,
    ),
    write(
        "organization_custom_roles:write",
        "Custom repository roles (organization): Read and write",
        &["organization_custom_roles:read"],
        APP,
    ),
    read(
        "organization_personal_access_tokens:read",
        "Personal access tokens (organization): Read-only",
        APP,
    ),
    write(
        "organization_personal_access_tokens:write",
        "Personal access tokens (organization): Read and write",
        &["organization_personal_access_tokens:read"],
        APP,
    ),
    read(
        "organization_personal_access_token_requests:read",
        "Personal access token requests (organization): Read-only",
        APP,
    ),
    write(
        "organization_personal_access_token_requests:write",
        "Personal access token requests (organization): Read and write",
        &["organization_personal_access_token_requests:read"],
        APP,
    ),
    read(
        "custom_properties_for_organizations:read",
        "Custom properties for organizations (organization): Read-only",
        APP,
    ),
    write(
        "custom_properties_for_organizations:write",
        "Custom properties for organizations (organization): Read and write",
        &["custom_properties_for_organizations:read"],
        APP,
    ),
    read(
        "enterprise_custom_properties_for_organizations:read",
        "Enterprise custom properties for organizations (organization): Read-only",
        APP,
    ),
    write(
        "enterprise_custom_properties_for_organizations:write",
        "Enterprise custom properties for organizations (organization): Read and write",
        &["enterprise_custom_properties_for_organizations:read"],
        APP,
    ),
    write(
        "enterprise_custom_properties_for_organizations:admin",
        "Enterprise custom properties for organizations (organization): Admin",
        &["enterprise_custom_properties_for_organizations:write"],
        APP,
    ),
    // Account permissions.
    read(
        "blocking:read",
        "Block another user (account): Read-only",
        FG,
    ),
    write(
        "blocking:write",
        "Block another user (account): Read and write",
        &["blocking:read"],
        FG,
    ),
    read(
        "codespaces_user_secrets:read",
        "Codespaces user secrets (account): Read-only",
        FG,
    ),
    write(
        "codespaces_user_secrets:write",
        "Codespaces user secrets (account): Read and write",
        &["codespaces_user_secrets:read"],
        FG,
    ),
    read("emails:read", "Email addresses (account): Read-only", FG),
    write(
        "emails:write",
        "Email addresses (account): Read and write",
        &["emails:read"],
        FG,
    ),
    read("followers:read", "Followers (account): Read-only", FG),
    write(
        "followers:write",
        "Followers (account): Read and write",
        &["followers:read"],
        FG,
    ),
    read("gpg_keys:read", "GPG keys (account): Read-only", FG),
    write(
        "gpg_keys:write",
        "GPG keys (account): Read and write",
        &["gpg_keys:read"],
        FG,
    ),
    write("gists:write", "Gists (account): Read and write", &[], FG),
    read("keys:read", "Git SSH keys (account): Read-only", FG),
    write(
        "keys:write",
        "Git SSH keys (account): Read and write",
        &["keys:read"],
        FG,
    ),
    read(
        "interaction_limits:read",
        "Interaction limits (account): Read-only",
        FG,
    ),
    write(
        "interaction_limits:write",
        "Interaction limits (account): Read and write",
        &["interaction_limits:read"],
        FG,
    ),
    read("plan:read", "Plan (account): Read-only", FG),
    read(
        "private_repository_invitations:read",
        "Private repository invitations (account): Read-only",
        FG,
    ),
    write(
        "profile:write",
        "Profile (account): Read and write",
        &[],
        FG,
    ),
    read(
        "git_signing_ssh_public_keys:read",
        "SSH signing keys (account): Read-only",
        FG,
    ),
    write(
        "git_signing_ssh_public_keys:write",
        "SSH signing keys (account): Read and write",
        &["git_signing_ssh_public_keys:read"],
        FG,
    ),
    read("starring:read", "Starring (account): Read-only", FG),
    write(
        "starring:write",
        "Starring (account): Read and write",
        &["starring:read"],
        FG,
    ),
    read("watching:read", "Watching (account): Read-only", FG),
    read(
        "email_addresses:read",
        "Email addresses (account): Read-only",
        APP,
    ),
    write(
        "email_addresses:write",
        "Email addresses (account): Read and write",
        &["email_addresses:read"],
        APP,
    ),
    read(
        "git_ssh_keys:read",
        "Git SSH keys (account): Read-only",
        APP,
    ),
    write(
        "git_ssh_keys:write",
        "Git SSH keys (account): Read and write",
        &["git_ssh_keys:read"],
        APP,
    ),
];

use Operation::{Backup, Restore};

/// What each category needs from a fine-grained token or a GitHub App, from GitHub's tables of
/// the permission each REST endpoint checks.
pub const REQUIREMENTS: &[Requirement] = &[
    req(
        "repositories",
        Backup,
        "contents:read",
        "clone repositories, their wikis and Git LFS objects, and list branches and tags",
        FG,
    ),
    req(
        "repositories",
        Restore,
        "contents:write",
        "push branches and tags (POST /repos/{owner}/{repo}/git/refs)",
        FG,
    ),
    req(
        "repositories",
        Restore,
        "administration:write",
        "create repositories (POST /orgs/{org}/repos) and set their settings",
        FG,
    ),
    req(
        "repositories",
        Restore,
        "workflows:write",
        "push repositories that contain .github/workflows files (contents=write,workflows=write)",
        FG,
    ),
    req(
        "issues",
        Backup,
        "issues:read",
        "read issues, comments, labels and milestones",
        FG,
    ),
    req(
        "issues",
        Restore,
        "issues:write",
        "create issues, comments, labels and milestones",
        FG,
    ),
    req(
        "pull-requests",
        Backup,
        "pull_requests:read",
        "read pull requests, reviews and review comments",
        FG,
    ),
    req(
        "pull-requests",
        Restore,
        "pull_requests:write",
        "create pull requests, reviews and review comments",
        FG,
    ),
    req(
        "releases",
        Backup,
        "contents:read",
        "read releases and download their assets",
        FG,
    ),
    req(
        "releases",
        Restore,
        "contents:write",
        "create releases and upload their assets",
        FG,
    ),
    req(
        "projects",
        Backup,
        "organization_projects:read",
        "read the organization's projects and their items",
        FG,
    ),
    req(
        "projects",
        Restore,
        "organization_projects:write",
        "add items, fields and views to projects",
        FG,
    ),
    Requirement {
        category: "projects",
        operation: Restore,
        scope: None,
        applies: Applies::All,
        because: "GitHub's permission tables name no permission for creating a project itself (GraphQL createProjectV2); only its items, fields and views",
        source: FG,
        never: false,
    },
    req(
        "discussions",
        Backup,
        "discussions:read",
        "read discussions and their comments (GraphQL)",
        &GH_GRAPHQL_DISCUSSIONS,
    ),
    req(
        "discussions",
        Restore,
        "discussions:write",
        "create discussions and their comments (GraphQL)",
        APP,
    ),
    req(
        "webhooks",
        Backup,
        "repository_hooks:read",
        "read repository webhooks",
        FG,
    ),
    req(
        "webhooks",
        Restore,
        "repository_hooks:write",
        "create repository webhooks",
        FG,
    ),
    req(
        "collaborators",
        Backup,
        "members:read",
        "list the organization's teams and their repositories (collaborators need only metadata)",
        FG,
    ),
    req(
        "collaborators",
        Restore,
        "administration:write",
        "add collaborators and team access to restored repositories",
        FG,
    ),
    req(
        "collaborators",
        Restore,
        "members:write",
        "create teams",
        FG,
    ),
    req(
        "actions",
        Backup,
        "actions:read",
        "read workflows, runs and environments",
        FG,
    ),
    req(
        "actions",
        Backup,
        "actions_variables:read",
        "read repository variables",
        FG,
    ),
    req(
        "actions",
        Restore,
        "workflows:write",
        "add and update workflow files",
        FG,
    ),
    req(
        "actions",
        Restore,
        "actions_variables:write",
        "create repository variables",
        FG,
    ),
    req(
        "actions",
        Restore,
        "administration:write",
        "create environments",
        FG,
    ),
    req(
        "settings",
        Backup,
        "administration:read",
        "read branch protection, deploy keys, autolinks and Actions settings",
        FG,
    ),
    req(
        "settings",
        Restore,
        "administration:write",
        "write branch protection, deploy keys, autolinks and repository settings",
        &GH_REST_REPOS,
    ),
];

/// Fine-grained personal access tokens and GitHub App tokens.
pub static PERMISSION_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "github-permission",
    platform: Platform::Github,
    kind: VocabularyKind::Scope,
    name: "GitHub fine-grained token and GitHub App permissions",
    scopes: PERMISSIONS,
    requirements: REQUIREMENTS,
    full_access: None,
    listed: true,
    source: FG,
};

/// Granted to every fine-grained token and App whatever else is chosen.
pub const ALWAYS_GRANTED: &str = "metadata:read";

/// Words the token page uses for a permission that are not its title ("Read and Write access
/// to code" is Contents), and the key they name. Every title names its key too (`key_of`).
pub const ALIASES: &[(&str, &str)] = &[
    ("code", "contents"),
    ("repository hooks", "repository_hooks"),
    ("repository webhooks", "repository_hooks"),
    ("repository administration", "administration"),
    ("repository projects", "repository_projects"),
    ("organization hooks", "organization_hooks"),
    ("email addresses", "emails"),
    ("git ssh keys", "keys"),
];

/// A level of access to one permission, as GitHub's documents spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    None,
    Read,
    Write,
    Admin,
}

impl Level {
    /// `read`, `Read-only`, `Read and write`, `Read & Write`, `write`, `admin`, `No access`.
    pub fn parse(word: &str) -> Option<Level> {
        let normalized = crate::catalog::normalize_label(&word.replace(['-', '/'], " "));
        match normalized.as_str() {
            "read" | "read only" | "r" => Some(Level::Read),
            "write" | "read and write" | "read write" | "rw" | "write and read" => {
                Some(Level::Write)
            }
            "admin" | "read write and admin" | "administrator" => Some(Level::Admin),
            "none" | "no access" | "no" => Some(Level::None),
            _ => None,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Read => "read",
            Level::Write => "write",
            Level::Admin => "admin",
        }
    }
}

/// The key a permission name stands for: the key itself (`pull_requests`), a word the token
/// page uses ("code"), or a permission's title as its label shows it ("Pull requests",
/// "Administration" for the repository's, "organization administration" for the
/// organization's; repository permissions come first in the list, so a bare title that both
/// levels have is the repository's).
pub fn key_of(name: &str) -> Option<&'static str> {
    let wanted = crate::catalog::normalize_label(name);
    if wanted.is_empty() {
        return None;
    }
    let key_of_def = |d: &'static ScopeDef| d.id.split_once(':').map(|(key, _)| key);
    let as_key = wanted.replace(' ', "_");
    if let Some(key) = PERMISSIONS
        .iter()
        .filter_map(key_of_def)
        .find(|key| *key == as_key)
    {
        return Some(key);
    }
    if let Some((_, key)) = ALIASES.iter().find(|(n, _)| *n == wanted) {
        return PERMISSIONS.iter().filter_map(key_of_def).find(|k| k == key);
    }
    PERMISSIONS.iter().find_map(|d| {
        let title = d.label.split(": ").next().unwrap_or(d.label);
        let (bare, organization) = match title.strip_suffix(" (organization)") {
            Some(bare) => (bare, true),
            None => (title.strip_suffix(" (account)").unwrap_or(title), false),
        };
        let bare = crate::catalog::normalize_label(bare);
        let matches = bare == wanted
            || organization && wanted.strip_prefix("organization ") == Some(bare.as_str());
        matches.then(|| key_of_def(d)).flatten()
    })
}

/// The declared id of `key` at `level` (`contents:write`); `None` for no access, or when
/// GitHub does not offer that level of that key. A write level of a key offered only for
/// reading is not raised to anything: it is reported.
pub fn grant_id(key: &str, level: Level) -> Option<&'static str> {
    if level == Level::None {
        return None;
    }
    PERMISSIONS
        .iter()
        .map(|d| d.id)
        .find(|id| id.split_once(':') == Some((key, level.id())))
}

/// The keys the vocabulary knows (each once), for "did you mean" and tests.
pub fn keys() -> impl Iterator<Item = &'static str> {
    let mut last = "";
    PERMISSIONS.iter().filter_map(move |d| {
        let key = d.id.split_once(':').map(|(k, _)| k).unwrap_or(d.id);
        if key == last {
            None
        } else {
            last = key;
            Some(key)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_names_read_like_github_writes_them() {
        assert_eq!(Level::parse("Read-only"), Some(Level::Read));
        assert_eq!(Level::parse("Read and write"), Some(Level::Write));
        assert_eq!(Level::parse("Read & Write"), Some(Level::Write));
        assert_eq!(Level::parse("No access"), Some(Level::None));
        assert_eq!(Level::parse("destroy"), None);
        assert_eq!(key_of("code"), Some("contents"));
        assert_eq!(key_of("Pull requests"), Some("pull_requests"));
        assert_eq!(key_of("pull_requests"), Some("pull_requests"));
        assert_eq!(key_of("commit statuses"), Some("statuses"));
        assert_eq!(
            key_of("organization_copilot_metrics"),
            Some("organization_copilot_metrics")
        );
        assert_eq!(key_of("bananas"), None);
        assert_eq!(grant_id("contents", Level::Write), Some("contents:write"));
        assert_eq!(grant_id("metadata", Level::Write), None);
        assert_eq!(grant_id("contents", Level::None), None);
    }

    #[test]
    fn every_name_names_a_declared_key() {
        let declared: Vec<&str> = keys().collect();
        for (name, key) in ALIASES {
            assert!(declared.contains(key), "{name} names unknown {key}");
        }
        assert_eq!(key_of("members"), Some("members"));
        assert_eq!(
            key_of("Organization administration"),
            Some("organization_administration")
        );
        assert_eq!(key_of("administration"), Some("administration"));
        assert_eq!(
            key_of("GitHub Copilot Business"),
            Some("organization_copilot_seat_management")
        );
        assert_eq!(key_of("webhooks"), Some("repository_hooks"));
        assert_eq!(key_of("variables"), Some("actions_variables"));
        // Each key appears once (the list is grouped by key).
        let mut sorted = declared.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), declared.len());
    }
}
