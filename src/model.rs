//! The small vocabulary every layer shares: platforms, credentials, operations, verdicts.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    AzureDevopsServices,
    AzureDevopsServer,
    BitbucketCloud,
    BitbucketDataCenter,
    Github,
    Gitlab,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::AzureDevopsServices,
        Platform::AzureDevopsServer,
        Platform::BitbucketCloud,
        Platform::BitbucketDataCenter,
        Platform::Github,
        Platform::Gitlab,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Platform::AzureDevopsServices => "azure-devops-services",
            Platform::AzureDevopsServer => "azure-devops-server",
            Platform::BitbucketCloud => "bitbucket-cloud",
            Platform::BitbucketDataCenter => "bitbucket-data-center",
            Platform::Github => "github",
            Platform::Gitlab => "gitlab",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Platform::AzureDevopsServices => "Azure DevOps Services",
            Platform::AzureDevopsServer => "Azure DevOps Server",
            Platform::BitbucketCloud => "Bitbucket Cloud",
            Platform::BitbucketDataCenter => "Bitbucket Data Center",
            Platform::Github => "GitHub",
            Platform::Gitlab => "GitLab",
        }
    }

    pub fn from_id(id: &str) -> Option<Platform> {
        let wanted = id.trim().to_ascii_lowercase();
        Platform::ALL.into_iter().find(|p| p.id() == wanted)
    }

    /// Whether permcheck has a catalog for this platform yet (a folder in the registry).
    pub fn is_evaluated(self) -> bool {
        crate::platforms::is_evaluated(self)
    }

    pub fn is_azure_devops(self) -> bool {
        matches!(
            self,
            Platform::AzureDevopsServices | Platform::AzureDevopsServer
        )
    }
}

/// How a subject authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Credential {
    Oauth,
    Pat,
    AppPassword,
    ApiToken,
    AccessToken,
    /// A token whose kind the input does not tell (e.g. a bare Bitbucket scope list).
    Token,
    /// An identity judged by its access level, ACLs or group memberships.
    Account,
    /// A GitHub fine-grained personal access token (`github_pat_`): permissions, not scopes.
    FineGrainedPat,
    /// A GitHub App installation access token (`ghs_`): the App's permissions, for one hour.
    AppInstallationToken,
    /// A GitHub App user access token (`ghu_`): the App's permissions, capped by its user.
    AppUserToken,
}

impl Credential {
    pub const ALL: [Credential; 10] = [
        Credential::Oauth,
        Credential::Pat,
        Credential::AppPassword,
        Credential::ApiToken,
        Credential::AccessToken,
        Credential::Token,
        Credential::Account,
        Credential::FineGrainedPat,
        Credential::AppInstallationToken,
        Credential::AppUserToken,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Credential::Oauth => "oauth",
            Credential::Pat => "pat",
            Credential::AppPassword => "app-password",
            Credential::ApiToken => "api-token",
            Credential::AccessToken => "access-token",
            Credential::Token => "token",
            Credential::Account => "account",
            Credential::FineGrainedPat => "fine-grained-pat",
            Credential::AppInstallationToken => "app-installation-token",
            Credential::AppUserToken => "app-user-token",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Credential::Oauth => "OAuth",
            Credential::Pat => "PAT",
            Credential::AppPassword => "app password",
            Credential::ApiToken => "API token",
            Credential::AccessToken => "access token",
            Credential::Token => "token",
            Credential::Account => "account",
            Credential::FineGrainedPat => "fine-grained PAT",
            Credential::AppInstallationToken => "GitHub App installation token",
            Credential::AppUserToken => "GitHub App user token",
        }
    }

    pub fn from_id(id: &str) -> Option<Credential> {
        let wanted = id.trim().to_ascii_lowercase();
        Credential::ALL.into_iter().find(|c| c.id() == wanted)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Backup,
    Restore,
}

impl Operation {
    pub const BOTH: [Operation; 2] = [Operation::Backup, Operation::Restore];

    pub fn id(self) -> &'static str {
        match self {
            Operation::Backup => "backup",
            Operation::Restore => "restore",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Operation::Backup => "Backup",
            Operation::Restore => "Restore",
        }
    }
}

/// Ordered worst to best, so `min` gives the most restrictive verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Impossible,
    Unknown,
    Partial,
    Possible,
}

impl Verdict {
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Impossible => "impossible",
            Verdict::Unknown => "unknown",
            Verdict::Partial => "partial",
            Verdict::Possible => "possible",
        }
    }
}
