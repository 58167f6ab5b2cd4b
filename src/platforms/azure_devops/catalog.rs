//! Azure DevOps Services and Azure DevOps Server: data categories, the `vso.*` scope catalog
//! with its hierarchy, the PAT page's labels, and what backup and restore of each category need.
//!
//! Sources (see `sources.rs` for the public pages): `shared/seeds/000_*.txt` (Xopero ONE's required permissions for Azure DevOps, "seed
//! 000") and `shared/reference/azure-devops.md` §5.2 (scope catalog and `inheritsFrom`
//! hierarchy, from Microsoft's docs and the Server 2022 scope definitions) and §5.3 (which scope
//! covers which REST call).

use super::sources::{
    LEARN_ACCESS_LEVELS, LEARN_REST, LEARN_SCOPES, LEARN_STAKEHOLDER, XOPERO_ACCESS_LEVELS,
    XOPERO_GRANULAR, XOPERO_OAUTH, XOPERO_PAT,
};
use crate::catalog::{
    req, Applies, Availability, Category, CategoryKind, Requirement, ScopeDef, Source, Vocabulary,
    VocabularyDef, VocabularyKind,
};
use crate::model::{Credential, Operation, Platform};

const SEED_OAUTH: &Source = &XOPERO_OAUTH;
const SEED_PAT: &Source = &XOPERO_PAT;
const REF_SCOPES: &Source = &LEARN_SCOPES;
const REF_CALLS: &Source = &LEARN_REST;

pub const CATEGORIES: &[Category] = &[
    Category {
        id: "sign-in",
        label: "Sign-in and profile",
        kind: CategoryKind::Prerequisite,
        source: SEED_OAUTH,
    },
    Category {
        id: "repositories",
        label: "Repositories",
        kind: CategoryKind::Core,
        source: SEED_PAT,
    },
    Category {
        id: "work-items",
        label: "Work items",
        kind: CategoryKind::Metadata,
        source: SEED_PAT,
    },
    Category {
        id: "wiki",
        label: "Wiki",
        kind: CategoryKind::Metadata,
        source: SEED_PAT,
    },
    Category {
        id: "pipelines",
        label: "Pipelines and builds",
        kind: CategoryKind::Metadata,
        source: SEED_PAT,
    },
    Category {
        id: "variable-groups",
        label: "Variable groups",
        kind: CategoryKind::Metadata,
        source: SEED_PAT,
    },
    Category {
        id: "environments",
        label: "Environments",
        kind: CategoryKind::Metadata,
        source: SEED_PAT,
    },
    Category {
        id: "packages",
        label: "Packages and artifacts",
        kind: CategoryKind::Metadata,
        source: SEED_PAT,
    },
    Category {
        id: "projects-teams",
        label: "Projects and teams",
        kind: CategoryKind::Metadata,
        source: SEED_PAT,
    },
    Category {
        id: "processes",
        label: "Processes",
        kind: CategoryKind::Metadata,
        source: &XOPERO_GRANULAR,
    },
];

const fn oauth_req(
    category: &'static str,
    operation: Operation,
    scope: &'static str,
    because: &'static str,
) -> Requirement {
    Requirement {
        category,
        operation,
        scope: Some(scope),
        applies: Applies::Only(&[Credential::Oauth]),
        because,
        source: SEED_OAUTH,
        never: false,
    }
}

use Operation::{Backup, Restore};

/// What each category needs. Backup needs the read level of the seed's scope; restore needs the
/// level the seed names (read-only tokens back up but cannot restore, seed 000's warning).
pub const REQUIREMENTS: &[Requirement] = &[
    oauth_req(
        "sign-in",
        Backup,
        "vso.profile",
        "\"Login and read the profile\" is part of the OAuth consent",
    ),
    oauth_req(
        "sign-in",
        Restore,
        "vso.profile",
        "\"Login and read the profile\" is part of the OAuth consent",
    ),
    req(
        "repositories",
        Backup,
        "vso.code",
        "list repositories and git clone (GET _apis/git/repositories, git-upload-pack)",
        REF_CALLS,
    ),
    req(
        "repositories",
        Restore,
        "vso.code_manage",
        "create repositories (POST _apis/git/repositories needs vso.code_manage) and push",
        SEED_PAT,
    ),
    req(
        "work-items",
        Backup,
        "vso.work",
        "read work items, queries, tags, area and iteration nodes (_apis/wit GET)",
        REF_CALLS,
    ),
    req(
        "work-items",
        Restore,
        "vso.work_write",
        "create and update work items (_apis/wit POST/PATCH)",
        SEED_PAT,
    ),
    req(
        "wiki",
        Backup,
        "vso.wiki",
        "list wikis and read pages (GET _apis/wiki/wikis)",
        REF_CALLS,
    ),
    req(
        "wiki",
        Restore,
        "vso.wiki_write",
        "create and update wiki pages",
        SEED_PAT,
    ),
    req(
        "pipelines",
        Backup,
        "vso.build",
        "read build definitions and pipelines (GET _apis/build/definitions)",
        REF_CALLS,
    ),
    req(
        "pipelines",
        Restore,
        "vso.build_execute",
        "create and update build definitions",
        SEED_PAT,
    ),
    req(
        "variable-groups",
        Backup,
        "vso.variablegroups_read",
        "read variable groups (GET _apis/distributedtask/variablegroups)",
        REF_CALLS,
    ),
    req(
        "variable-groups",
        Restore,
        "vso.variablegroups_write",
        "create variable groups (POST _apis/distributedtask/variablegroups)",
        SEED_PAT,
    ),
    req(
        "environments",
        Backup,
        "vso.environment_manage",
        "read environments; there is no read-only Environment scope",
        REF_CALLS,
    ),
    req(
        "environments",
        Restore,
        "vso.environment_manage",
        "create and update environments",
        SEED_PAT,
    ),
    req(
        "packages",
        Backup,
        "vso.packaging",
        "read feeds and packages (_apis/packaging GET)",
        REF_CALLS,
    ),
    req(
        "packages",
        Restore,
        "vso.packaging_manage",
        "push packages and create feeds",
        SEED_PAT,
    ),
    oauth_req(
        "packages",
        Backup,
        "user_impersonation",
        "the seed's OAuth consent lists \"Artifacts: user_impersonation\"",
    ),
    oauth_req(
        "packages",
        Restore,
        "user_impersonation",
        "the seed's OAuth consent lists \"Artifacts: user_impersonation\"",
    ),
    req(
        "projects-teams",
        Backup,
        "vso.project",
        "read projects and teams (GET _apis/projects)",
        REF_CALLS,
    ),
    req(
        "projects-teams",
        Restore,
        "vso.project_manage",
        "create projects and teams (POST _apis/projects)",
        SEED_PAT,
    ),
    req(
        "processes",
        Backup,
        "vso.work",
        "read inherited processes (GET _apis/work/processes)",
        REF_CALLS,
    ),
    req(
        "processes",
        Restore,
        "vso.work_write",
        "create and edit inherited processes (_apis/work/processes, processadmin)",
        REF_SCOPES,
    ),
];

const fn scope(
    id: &'static str,
    label: &'static str,
    availability: &'static str,
    implies: &'static [&'static str],
) -> ScopeDef {
    let availability = match availability.as_bytes() {
        b"Public" => Availability::Public,
        b"None" => Availability::Inherited,
        b"Deprecated" => Availability::Deprecated,
        b"Conditional" => Availability::Conditional,
        _ => Availability::System,
    };
    ScopeDef::public(id, label, implies, REF_SCOPES).offered(availability)
}

/// Every `vso.*` scope with its PAT-page label and direct `inheritsFrom` parent
/// (reference/azure-devops.md §5.2). `app_token` is the PAT page's "Full access".
pub const SCOPES: &[ScopeDef] = &[
    scope(
        "preview_api_all",
        "Full access to all resources",
        "Deprecated",
        &[],
    ),
    scope("vso.base", "Base", "None", &[]),
    scope("vso.profile", "User Profile: Read", "Public", &["vso.base"]),
    scope(
        "vso.profile_write",
        "User Profile: Read & write",
        "Public",
        &["vso.profile"],
    ),
    scope("vso.identity", "Identity: Read", "Public", &["vso.base"]),
    scope(
        "vso.identity_manage",
        "Identity: Read & manage",
        "Public",
        &["vso.identity"],
    ),
    scope(
        "vso.hooks",
        "Service hooks (read)",
        "None",
        &["vso.profile"],
    ),
    scope(
        "vso.hooks_write",
        "Service hooks (read and write)",
        "None",
        &["vso.hooks"],
    ),
    scope(
        "vso.hooks_interact",
        "Service hooks (interact)",
        "None",
        &["vso.profile"],
    ),
    scope(
        "vso.work",
        "Work Items: Read",
        "Public",
        &["vso.hooks_write"],
    ),
    scope(
        "vso.work_write",
        "Work Items: Read & write",
        "Public",
        &["vso.work"],
    ),
    scope(
        "vso.work_full",
        "Work Items: Read, write, & manage",
        "Public",
        &["vso.work_write"],
    ),
    scope("vso.build", "Build: Read", "Public", &["vso.hooks_write"]),
    scope(
        "vso.build_execute",
        "Build: Read & execute",
        "Public",
        &["vso.build"],
    ),
    scope("vso.code", "Code: Read", "Public", &["vso.hooks_write"]),
    scope(
        "vso.code_write",
        "Code: Read & write",
        "Public",
        &["vso.code"],
    ),
    scope(
        "vso.code_manage",
        "Code: Read, write, & manage",
        "Public",
        &["vso.code_write"],
    ),
    scope(
        "vso.code_full",
        "Code: Full",
        "Public",
        &["vso.code_manage"],
    ),
    scope("vso.code_status", "Code: Status", "Public", &["vso.base"]),
    scope(
        "vso.threads_full",
        "Pull Request Threads: Read & write",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.chat_write",
        "Team rooms (read and write)",
        "Deprecated",
        &["vso.hooks_write"],
    ),
    scope(
        "vso.chat_manage",
        "Team rooms (read, write, and manage)",
        "Deprecated",
        &["vso.chat_write"],
    ),
    scope(
        "vso.agentpools",
        "Agent Pools: Read",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.agentpools_manage",
        "Agent Pools: Read & manage",
        "Public",
        &["vso.agentpools"],
    ),
    scope(
        "vso.packaging",
        "Packaging: Read",
        "Public",
        &["vso.profile"],
    ),
    scope(
        "vso.packaging_write",
        "Packaging: Read & write",
        "Public",
        &["vso.packaging"],
    ),
    scope(
        "vso.packaging_manage",
        "Packaging: Read, write, & manage",
        "Public",
        &["vso.packaging_write"],
    ),
    scope(
        "vso.test",
        "Test Management: Read",
        "Public",
        &["vso.profile"],
    ),
    scope(
        "vso.test_write",
        "Test Management: Read & write",
        "Public",
        &["vso.test"],
    ),
    scope(
        "vso.loadtest",
        "Load test (read)",
        "Deprecated",
        &["vso.base"],
    ),
    scope(
        "vso.loadtest_write",
        "Load test (read and write)",
        "Deprecated",
        &["vso.loadtest"],
    ),
    scope(
        "vso.extension",
        "Extensions: Read",
        "Public",
        &["vso.profile"],
    ),
    scope(
        "vso.extension_manage",
        "Extensions: Read & manage",
        "Public",
        &["vso.extension"],
    ),
    scope(
        "vso.extension.data",
        "Extension Data: Read",
        "Public",
        &["vso.profile"],
    ),
    scope(
        "vso.extension.data_write",
        "Extension Data: Read & write",
        "Public",
        &["vso.extension.data"],
    ),
    scope(
        "vso.extension.preview",
        "Extension preview",
        "Deprecated",
        &["preview_api_all"],
    ),
    scope(
        "vso.gallery",
        "Marketplace: Read",
        "Public",
        &["vso.profile"],
    ),
    scope(
        "vso.gallery_acquire",
        "Marketplace: Acquire",
        "Public",
        &["vso.gallery"],
    ),
    scope(
        "vso.gallery_publish",
        "Marketplace: Publish",
        "Public",
        &["vso.gallery"],
    ),
    scope(
        "vso.gallery_manage",
        "Marketplace: Manage",
        "Public",
        &["vso.gallery_publish"],
    ),
    scope(
        "vso.entitlements",
        "Entitlements: Read",
        "Public",
        &["vso.base"],
    ),
    ScopeDef {
        id: "user_impersonation",
        label: "Artifacts: user_impersonation",
        implies: &[],
        availability: Availability::System,
        source: SEED_OAUTH,
    },
    scope("signout", "signout", "System", &[]),
    scope("app_token", "Full access", "System", &[]),
    scope("vso.release", "Release: Read", "Public", &["vso.profile"]),
    scope(
        "vso.release_execute",
        "Release: Read, write, & execute",
        "Public",
        &["vso.release"],
    ),
    scope(
        "vso.release_manage",
        "Release: Read, write, execute, & manage",
        "Public",
        &["vso.release_execute"],
    ),
    scope(
        "vso.securefiles_read",
        "Secure Files: Read",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.securefiles_write",
        "Secure Files: Read & create",
        "Public",
        &["vso.securefiles_read"],
    ),
    scope(
        "vso.securefiles_manage",
        "Secure Files: Read, create, & manage",
        "Public",
        &["vso.securefiles_write"],
    ),
    scope(
        "vso.machinegroup_manage",
        "Deployment Groups: Read & manage",
        "Public",
        &["vso.agentpools_manage"],
    ),
    scope(
        "vso.taskgroups",
        "vso.taskgroups",
        "Deprecated",
        &["vso.base"],
    ),
    scope(
        "vso.taskgroups_add",
        "vso.taskgroups_add",
        "Deprecated",
        &["vso.taskgroups"],
    ),
    scope(
        "vso.taskgroups_read",
        "Task Groups: Read",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.taskgroups_write",
        "Task Groups: Read & create",
        "Public",
        &["vso.taskgroups_read"],
    ),
    scope(
        "vso.taskgroups_manage",
        "Task Groups: Read, create, & manage",
        "Public",
        &["vso.taskgroups_write"],
    ),
    scope(
        "vso.variablegroups_read",
        "Variable Groups: Read",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.variablegroups_write",
        "Variable Groups: Read & create",
        "Public",
        &["vso.variablegroups_read"],
    ),
    scope(
        "vso.variablegroups_manage",
        "Variable Groups: Read, create, & manage",
        "Public",
        &["vso.variablegroups_write"],
    ),
    scope(
        "vso.serviceendpoint",
        "Service Connections: Read",
        "Public",
        &["vso.profile"],
    ),
    scope(
        "vso.serviceendpoint_query",
        "Service Connections: Read & query",
        "Public",
        &["vso.serviceendpoint"],
    ),
    scope(
        "vso.serviceendpoint_manage",
        "Service Connections: Read, query, & manage",
        "Public",
        &["vso.serviceendpoint_query"],
    ),
    scope(
        "vso.drop",
        "Build Drop (read)",
        "Conditional",
        &["vso.profile"],
    ),
    scope(
        "vso.drop_write",
        "Build Drop (read and write)",
        "Conditional",
        &["vso.drop"],
    ),
    scope(
        "vso.drop_manage",
        "Build Drop (read, write, and manage)",
        "Conditional",
        &["vso.drop_write"],
    ),
    scope(
        "vso.blobstore",
        "Build Blobstore (read)",
        "Conditional",
        &["vso.profile"],
    ),
    scope(
        "vso.blobstore_write",
        "Build Blobstore (read and write)",
        "Conditional",
        &["vso.blobstore"],
    ),
    scope(
        "vso.blobstore_manage",
        "Build Blobstore (read,write, and manage)",
        "Conditional",
        &["vso.blobstore"],
    ),
    scope(
        "vso.buildcache",
        "Build Cache (read)",
        "Conditional",
        &["vso.profile"],
    ),
    scope(
        "vso.buildcache_write",
        "Build Cache (read and write)",
        "Conditional",
        &["vso.buildcache"],
    ),
    scope(
        "vso.authorization_grant",
        "Authorization Grant",
        "System",
        &[],
    ),
    scope(
        "vso.project",
        "Project and Team: Read",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.project_write",
        "Project and Team: Read & write",
        "Public",
        &["vso.project"],
    ),
    scope(
        "vso.project_manage",
        "Project and Team: Read, write, & manage",
        "Public",
        &["vso.project_write"],
    ),
    scope("vso.symbols", "Symbols: Read", "Public", &["vso.profile"]),
    scope(
        "vso.symbols_write",
        "Symbols: Read & write",
        "Public",
        &["vso.symbols"],
    ),
    scope(
        "vso.symbols_manage",
        "Symbols: Read, write, & manage",
        "Public",
        &["vso.symbols_write"],
    ),
    scope("vso.analytics", "Analytics: Read", "Public", &["vso.base"]),
    scope(
        "vso.gh_analytics",
        "Github Analytics",
        "Conditional",
        &["vso.analytics"],
    ),
    scope(
        "vso.dashboards",
        "Team Dashboard: Read",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.dashboards_manage",
        "Team Dashboard: Read & manage",
        "Public",
        &["vso.dashboards"],
    ),
    scope(
        "vso.connected_server",
        "Connected server",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.notification",
        "Notifications: Read",
        "Public",
        &["vso.profile"],
    ),
    scope(
        "vso.notification_write",
        "Notifications: Write",
        "Public",
        &["vso.notification"],
    ),
    scope(
        "vso.notification_manage",
        "Notifications: Read, write, & manage",
        "Public",
        &["vso.notification_write"],
    ),
    scope("vso.graph", "Graph: Read", "Public", &["vso.base"]),
    scope(
        "vso.graph_manage",
        "Graph: Read & manage",
        "Public",
        &["vso.graph"],
    ),
    scope(
        "vso.security_manage",
        "Security: Manage",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.memberentitlementmanagement",
        "Member Entitlement Management: Read",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.memberentitlementmanagement_write",
        "Member Entitlement Management: Read & write",
        "Public",
        &["vso.memberentitlementmanagement"],
    ),
    scope("vso.wiki", "Wiki: Read", "Public", &["vso.base"]),
    scope(
        "vso.wiki_write",
        "Wiki: Read & write",
        "Public",
        &["vso.wiki"],
    ),
    scope(
        "vso.notification_diagnostics",
        "Notifications: Diagnostics",
        "Public",
        &["vso.notification"],
    ),
    scope(
        "vso.workitemsearch",
        "Work item search (read)",
        "Deprecated",
        &["vso.base"],
    ),
    scope(
        "vso.codesearch",
        "Code search (read)",
        "Deprecated",
        &["vso.base"],
    ),
    scope(
        "vso.tokenadministration",
        "Token Administration: Read & manage",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.tokens",
        "Tokens: Read & manage",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.auditlog",
        "Auditing: Read Audit Log",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.auditstreams_manage",
        "Auditing: Manage Audit Streams",
        "Public",
        &["vso.auditlog"],
    ),
    scope(
        "vso.auditstreams_delete",
        "Audit Delete Streams",
        "Deprecated",
        &["vso.base"],
    ),
    scope(
        "vso.environment_manage",
        "Environment: Read & manage",
        "Public",
        &["vso.agentpools_manage"],
    ),
    scope(
        "vso.pipelineresources_use",
        "Pipeline Resources: Use",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.pipelineresources_manage",
        "Pipeline Resources: Use and manage",
        "Public",
        &["vso.pipelineresources_use"],
    ),
    scope(
        "vso.advsec",
        "Advanced Security: Read",
        "Public",
        &["vso.base"],
    ),
    scope(
        "vso.advsec_write",
        "Advanced Security: Read & write",
        "Public",
        &["vso.advsec"],
    ),
    scope(
        "vso.advsec_manage",
        "Advanced Security: Read, write, & manage",
        "Public",
        &["vso.advsec_write"],
    ),
    scope(
        "vso.githubconnections",
        "GitHub Connections: Read",
        "Conditional",
        &["vso.base"],
    ),
    scope(
        "vso.githubconnections_manage",
        "GitHub Connections: Read & manage",
        "Conditional",
        &["vso.githubconnections"],
    ),
];

/// The `vso.*` PAT and OAuth scopes.
pub static SCOPE_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "azure-devops-scope",
    platform: Platform::AzureDevopsServices,
    kind: VocabularyKind::Scope,
    name: "Azure DevOps PAT and OAuth scopes",
    scopes: SCOPES,
    requirements: REQUIREMENTS,
    full_access: Some("app_token"),
    listed: true,
    source: &LEARN_SCOPES,
};

/// Access levels (user entitlement `accessLevel.accountLicenseType`), as a role vocabulary: a
/// token can do only what its account's access level allows. Ids are the exported values;
/// `msdn` stands for a Visual Studio subscription (`msdnLicenseType` set, no account license).
pub const ACCESS_LEVELS: &[ScopeDef] = &[
    level("stakeholder", "Access level: Stakeholder", &[]),
    level("express", "Access level: Basic", &[]),
    level("advanced", "Access level: Basic + Test Plans", &["express"]),
    level(
        "msdn",
        "Access level: Visual Studio Subscriber",
        &["express"],
    ),
    level("github", "Access level: GitHub Enterprise", &["express"]),
    level("earlyAdopter", "Access level: Early Adopter", &["express"]),
    level(
        "professional",
        "Access level: Professional (legacy)",
        &["express"],
    ),
    level("none", "No access level", &[]),
];

const fn level(
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
) -> ScopeDef {
    ScopeDef::public(id, label, implies, &LEARN_ACCESS_LEVELS)
}

/// What the access level must allow: code repositories need Basic or higher (Stakeholder has no
/// access to code; seed 000's list of access levels names Basic, Visual Studio Subscriber and
/// GitHub Enterprise).
pub const ACCESS_LEVEL_REQUIREMENTS: &[Requirement] = &[
    req(
        "repositories",
        Backup,
        "express",
        "read code repositories (Stakeholder access has none)",
        &XOPERO_ACCESS_LEVELS,
    ),
    req(
        "repositories",
        Restore,
        "express",
        "write code repositories (Stakeholder access has none)",
        &XOPERO_ACCESS_LEVELS,
    ),
    // Stakeholders "cannot read code wikis" in private projects, whatever their ACLs say (a
    // code wiki is a Git repository).
    req(
        "wiki",
        Backup,
        "express",
        "read code wikis (Stakeholder access has none in private projects)",
        &LEARN_STAKEHOLDER,
    ),
    req(
        "wiki",
        Restore,
        "express",
        "write code wikis (Stakeholder access has none in private projects)",
        &LEARN_STAKEHOLDER,
    ),
];

pub static ACCESS_LEVEL_VOCABULARY: VocabularyDef = VocabularyDef {
    id: "azure-devops-access-level",
    platform: Platform::AzureDevopsServices,
    kind: VocabularyKind::Role,
    name: "Azure DevOps access levels",
    scopes: ACCESS_LEVELS,
    requirements: ACCESS_LEVEL_REQUIREMENTS,
    full_access: None,
    listed: false,
    source: &LEARN_ACCESS_LEVELS,
};

pub const VOCABULARIES: &[Vocabulary] = &[
    Vocabulary(&SCOPE_VOCABULARY),
    Vocabulary(&ACCESS_LEVEL_VOCABULARY),
];
