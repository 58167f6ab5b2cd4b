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

/// The public page behind a source string of the ACL engine ("seed 000, …", "reference/…
/// §3.4"): the seeds and reference sections cite these pages.
pub fn url_for(source: &str) -> String {
    let page = if source.starts_with("seed 000") {
        &XOPERO_PAT
    } else if source.starts_with("seed 003") {
        &LEARN_DEFAULT_PERMISSIONS
    } else if source.contains("§3.4") || source.contains("az devops") {
        &LEARN_AZ_PERMISSION
    } else {
        &LEARN_NAMESPACES
    };
    page.url.to_string()
}
