//! The public documents Azure DevOps rules come from. Seed 000 is Xopero ONE's "Required
//! permissions" page for Azure DevOps; the rest is Microsoft Learn (as researched in
//! `shared/reference/azure-devops.md`, sources S6, S11, S12, S24).

use crate::catalog::Source;

const XOPERO_PAGE: &str = "https://helpcenter.xopero.com/xopero-one-en/backup-and-recovery/devops/azure-devops-and-devops-server/integration/required-permissions";

pub const XOPERO_ACCESS_LEVELS: Source = Source {
    title: "Xopero ONE: Azure DevOps required permissions, User access levels",
    url: XOPERO_PAGE,
};
pub const XOPERO_OAUTH: Source = Source {
    title: "Xopero ONE: Azure DevOps required permissions, OAuth integration",
    url: XOPERO_PAGE,
};
pub const XOPERO_PAT: Source = Source {
    title: "Xopero ONE: Azure DevOps required permissions, Personal Access Token (PAT) integration",
    url: XOPERO_PAGE,
};
pub const XOPERO_GRANULAR: Source = Source {
    title: "Xopero ONE: Azure DevOps required permissions, Granular permission settings",
    url: XOPERO_PAGE,
};
pub const XOPERO_OAUTH_INSTALL: Source = Source {
    title: "Xopero ONE: Azure DevOps required permissions, Installation permissions for OAuth",
    url: XOPERO_PAGE,
};
pub const LEARN_SCOPES: Source = Source {
    title: "Microsoft Learn: Azure DevOps OAuth scopes",
    url: "https://learn.microsoft.com/en-us/azure/devops/integrate/get-started/authentication/oauth#scopes",
};
pub const LEARN_PATS: Source = Source {
    title: "Microsoft Learn: Use personal access tokens",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
};
pub const LEARN_REST: Source = Source {
    title: "Microsoft Learn: Azure DevOps REST API reference (the scope each call names)",
    url: "https://learn.microsoft.com/en-us/rest/api/azure/devops/",
};
pub const LEARN_ACCESS_LEVELS: Source = Source {
    title: "Microsoft Learn: About access levels",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/access-levels",
};
pub const LEARN_STAKEHOLDER: Source = Source {
    title: "Microsoft Learn: Stakeholder access quick reference",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/stakeholder-access",
};
pub const LEARN_ENTITLEMENTS: Source = Source {
    title: "Microsoft Learn: User Entitlements REST API (accessLevel)",
    url: "https://learn.microsoft.com/en-us/rest/api/azure/devops/memberentitlementmanagement/user-entitlements",
};
pub const LEARN_SERVER_AUTH: Source = Source {
    title: "Microsoft Learn: Choose the right authentication mechanism (Azure DevOps Server uses PATs)",
    url: "https://learn.microsoft.com/en-us/azure/devops/integrate/get-started/authentication/authentication-guidance",
};

pub const LEARN_NAMESPACES: Source = Source {
    title: "Microsoft Learn: Security namespace and permission reference",
    url:
        "https://learn.microsoft.com/en-us/azure/devops/organizations/security/namespace-reference",
};
pub const LEARN_DEFAULT_PERMISSIONS: Source = Source {
    title: "Microsoft Learn: Default permissions quick reference",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/permissions-access",
};
pub const LEARN_AZ_PERMISSION: Source = Source {
    title: "Microsoft Learn: az devops security permission",
    url: "https://learn.microsoft.com/en-us/cli/azure/devops/security/permission",
};

pub const LEARN_ABOUT_PERMISSIONS: Source = Source {
    title:
        "Microsoft Learn: About permissions and security groups (permission states, inheritance)",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/about-permissions",
};
pub const LEARN_AZ_GROUP_MEMBERSHIP: Source = Source {
    title: "Microsoft Learn: az devops security group membership",
    url: "https://learn.microsoft.com/en-us/cli/azure/devops/security/group/membership",
};
pub const LEARN_GRAPH_MEMBERSHIPS: Source = Source {
    title: "Microsoft Learn: Graph Memberships REST API (direct memberships)",
    url: "https://learn.microsoft.com/en-us/rest/api/azure/devops/graph/memberships",
};
pub const LEARN_IDENTITIES: Source = Source {
    title: "Microsoft Learn: Identities REST API (Read Identities)",
    url: "https://learn.microsoft.com/en-us/rest/api/azure/devops/ims/identities/read-identities",
};
pub const LEARN_PERMISSION_EVALUATION: Source = Source {
    title: "Microsoft Learn: Permissions Evaluation Batch REST API",
    url:
        "https://learn.microsoft.com/en-us/rest/api/azure/devops/security/permissionevaluationbatch",
};
pub const LEARN_PERMISSIONS_REFERENCE: Source = Source {
    title: "Microsoft Learn: Security groups, service accounts, and permissions reference",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/permissions",
};
pub const LEARN_PERMISSIONS_GIT: Source = Source {
    title: "Microsoft Learn: Permissions reference, Git repository permissions",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/permissions#git-repository-object-level",
};
pub const LEARN_PERMISSIONS_AREA: Source = Source {
    title: "Microsoft Learn: Permissions reference, Area path permissions",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/permissions#area-path-object-level",
};
pub const XOPERO_GRANULAR_ORG: Source = Source {
    title: "Xopero ONE: Azure DevOps required permissions, Granular permission settings (organization level)",
    url: XOPERO_PAGE,
};
pub const XOPERO_GRANULAR_PROJECT: Source = Source {
    title: "Xopero ONE: Azure DevOps required permissions, Granular permission settings (project level)",
    url: XOPERO_PAGE,
};
pub const XOPERO_GRANULAR_REPOS: Source = Source {
    title: "Xopero ONE: Azure DevOps required permissions, Granular permission settings (repositories level)",
    url: XOPERO_PAGE,
};
/// permcheck's synthesis of the bits a backup principal needs (reference/azure-devops.md §8),
/// which rests on the namespace reference: to be checked against the product.
pub const DERIVED_BITS: Source = Source {
    title: "Microsoft Learn: Security namespace and permission reference (permcheck's derivation of the bits a backup needs; check it against your organization)",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/namespace-reference",
};
