//! The public documents GitHub rules come from: Xopero ONE's (and GitProtect's) help-center
//! pages for what the backup tool needs, GitHub Docs for what each scope, permission and role
//! allows, and GitHub's changelog for the headers and token formats. Each is a page an admin can
//! open; the research notes behind them are `shared/reference/github-gitlab-bitbucket-dc.md`
//! §1a, §2 and §9.

use crate::catalog::Source;

const XOPERO_PAGE: &str =
    "https://helpcenter.xopero.com/xopero-one-en/backup-and-recovery/devops/github/integration/required-permissions";

/// Xopero ONE's minimum for a personal access token: `repo` and `workflow`.
pub const XOPERO_TOKEN: Source = Source {
    title: "Xopero ONE: GitHub required permissions, Personal access token (repo and workflow)",
    url: XOPERO_PAGE,
};
/// The optional scopes "to back up specific metadata".
pub const XOPERO_OPTIONAL: Source = Source {
    title: "Xopero ONE: GitHub required permissions, optional scopes for specific metadata",
    url: XOPERO_PAGE,
};
/// The owner / member / collaborator matrix.
pub const XOPERO_ROLES: Source = Source {
    title: "Xopero ONE: GitHub required permissions, what each role can back up and restore",
    url: XOPERO_PAGE,
};
/// The OAuth consent list.
pub const XOPERO_OAUTH: Source = Source {
    title: "Xopero ONE: GitHub required permissions, OAuth application consent",
    url: XOPERO_PAGE,
};
/// "If you grant only read permissions … restoring data will require generating a new token".
pub const XOPERO_READ_ONLY: Source = Source {
    title:
        "Xopero ONE: GitHub required permissions (a read-only token backs up but cannot restore)",
    url: XOPERO_PAGE,
};
pub const GITPROTECT_ENTERPRISE: Source = Source {
    title: "GitProtect: GitHub Enterprise required permissions (personal access token only; authorize it for SSO in every organization)",
    url: "https://helpcenter.gitprotect.io/backup-and-recovery/devops/github-enterprise/integration/required-permissions",
};
pub const GITPROTECT_APP: Source = Source {
    title: "GitProtect: GitHub App integration",
    url:
        "https://helpcenter.gitprotect.io/backup-and-recovery/devops/github/integration/github-app",
};
pub const GITPROTECT_DW5076: Source = Source {
    title: "GitProtect: GitHub common issues (DW5076: a personal access token is required for private repositories of user accounts)",
    url: "https://helpcenter.gitprotect.io/backup-plan-possibilities-and-the-data-solutions/gitprotect-backup-and-recovery/github-backup-and-recovery/common-issues",
};

pub const GH_SCOPES: Source = Source {
    title: "GitHub Docs: Scopes for OAuth apps",
    url: "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps",
};
pub const GH_FINE_GRAINED_PERMISSIONS: Source = Source {
    title: "GitHub Docs: Permissions required for fine-grained personal access tokens",
    url: "https://docs.github.com/en/rest/authentication/permissions-required-for-fine-grained-personal-access-tokens",
};
pub const GH_APP_PERMISSIONS: Source = Source {
    title: "GitHub Docs: Permissions required for GitHub Apps",
    url: "https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps",
};
pub const GH_CHOOSING_APP_PERMISSIONS: Source = Source {
    title: "GitHub Docs: Choosing permissions for a GitHub App (read-only access to metadata is granted by default)",
    url: "https://docs.github.com/en/apps/creating-github-apps/registering-a-github-app/choosing-permissions-for-a-github-app",
};
pub const GH_MANAGING_PATS: Source = Source {
    title: "GitHub Docs: Managing your personal access tokens",
    url: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
};
pub const GH_FINE_GRAINED_LIMITS: Source = Source {
    title: "GitHub Docs: Managing your personal access tokens, fine-grained personal access token limitations",
    url: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens#fine-grained-personal-access-tokens-limitations",
};
pub const GH_REST_AUTH: Source = Source {
    title: "GitHub Docs: Authenticating to the REST API",
    url: "https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api",
};
pub const GH_REST_SSO: Source = Source {
    title: "GitHub Docs: Authenticating to the REST API, personal access tokens and SAML SSO (X-GitHub-SSO)",
    url: "https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api#personal-access-tokens-and-saml-sso",
};
pub const GH_ACCEPTED_PERMISSIONS: Source = Source {
    title: "GitHub changelog 2023-08-10: X-Accepted-GitHub-Permissions header for fine-grained permission actors",
    url: "https://github.blog/changelog/2023-08-10-x-accepted-github-permissions-header-for-fine-grained-permission-actors",
};
pub const GH_TOKEN_FORMATS: Source = Source {
    title: "GitHub changelog 2021-03-31: Authentication token format updates (ghp_, gho_, ghu_, ghs_, ghr_)",
    url: "https://github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available/",
};
pub const GH_SAML_PAT: Source = Source {
    title: "GitHub Docs: Authorizing a personal access token for use with SAML single sign-on",
    url: "https://docs.github.com/en/enterprise-cloud@latest/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on",
};
pub const GH_SAML_ABOUT: Source = Source {
    title: "GitHub Docs: About authentication with SAML single sign-on (OAuth apps must be authorized for each organization)",
    url: "https://docs.github.com/en/enterprise-cloud@latest/authentication/authenticating-with-saml-single-sign-on/about-authentication-with-saml-single-sign-on",
};
pub const GH_OAUTH_RESTRICTIONS: Source = Source {
    title: "GitHub Docs: About OAuth app access restrictions",
    url: "https://docs.github.com/en/organizations/managing-oauth-access-to-your-organizations-data/about-oauth-app-access-restrictions",
};
pub const GH_OAUTH_APPROVAL: Source = Source {
    title: "GitHub Docs: Approving OAuth apps for your organization",
    url: "https://docs.github.com/en/organizations/managing-oauth-access-to-your-organizations-data/approving-oauth-apps-for-your-organization",
};
pub const GH_PAT_POLICY: Source = Source {
    title: "GitHub Docs: Setting a personal access token policy for your organization",
    url: "https://docs.github.com/en/organizations/managing-programmatic-access-to-your-organization/setting-a-personal-access-token-policy-for-your-organization",
};
pub const GH_PAT_REQUESTS: Source = Source {
    title: "GitHub Docs: Managing requests for personal access tokens in your organization",
    url: "https://docs.github.com/en/organizations/managing-programmatic-access-to-your-organization/managing-requests-for-personal-access-tokens-in-your-organization",
};
pub const GH_REPO_CREATION: Source = Source {
    title: "GitHub Docs: Restricting repository creation in your organization",
    url: "https://docs.github.com/en/organizations/managing-organization-settings/restricting-repository-creation-in-your-organization",
};
pub const GH_REST_REPOS: Source = Source {
    title: "GitHub Docs: REST API endpoints for repositories (create an organization repository, get a repository)",
    url: "https://docs.github.com/en/rest/repos/repos",
};
pub const GH_REST_COLLABORATORS: Source = Source {
    title: "GitHub Docs: REST API endpoints for collaborators (list repository collaborators)",
    url: "https://docs.github.com/en/rest/collaborators/collaborators",
};
pub const GH_REST_TEAMS: Source = Source {
    title: "GitHub Docs: REST API endpoints for teams (OAuth tokens need read:org)",
    url: "https://docs.github.com/en/rest/teams/teams",
};
pub const GH_REST_REPO_WEBHOOKS: Source = Source {
    title: "GitHub Docs: REST API endpoints for repository webhooks",
    url: "https://docs.github.com/en/rest/repos/webhooks",
};
pub const GH_REST_SECRETS: Source = Source {
    title: "GitHub Docs: REST API endpoints for GitHub Actions secrets (values are never returned)",
    url: "https://docs.github.com/en/rest/actions/secrets",
};
pub const GH_REST_DEPLOY_KEYS: Source = Source {
    title: "GitHub Docs: REST API endpoints for deploy keys",
    url: "https://docs.github.com/en/rest/deploy-keys/deploy-keys",
};
pub const GH_REST_MEMBERSHIP: Source = Source {
    title: "GitHub Docs: Get organization membership for a user (role admin or member, state active or pending)",
    url: "https://docs.github.com/en/rest/orgs/members#get-organization-membership-for-a-user",
};
pub const GH_REST_INSTALLATION_TOKEN: Source = Source {
    title: "GitHub Docs: Create an installation access token for an app",
    url: "https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app",
};
pub const GH_REST_ORG_INSTALLATIONS: Source = Source {
    title: "GitHub Docs: List app installations for an organization",
    url: "https://docs.github.com/en/rest/orgs/orgs#list-app-installations-for-an-organization",
};
pub const GH_REST_ORG_PATS: Source = Source {
    title: "GitHub Docs: List fine-grained personal access tokens with access to organization resources",
    url: "https://docs.github.com/en/rest/orgs/personal-access-tokens",
};
pub const GH_REPO_ROLES: Source = Source {
    title: "GitHub Docs: Repository roles for an organization",
    url: "https://docs.github.com/en/organizations/managing-user-access-to-your-organizations-repositories/managing-repository-roles/repository-roles-for-an-organization",
};
pub const GH_ORG_ROLES: Source = Source {
    title: "GitHub Docs: Roles in an organization",
    url: "https://docs.github.com/en/organizations/managing-peoples-access-to-your-organization-with-roles/roles-in-an-organization",
};
pub const GH_GRAPHQL_DISCUSSIONS: Source = Source {
    title: "GitHub Docs: Using the GraphQL API for Discussions",
    url: "https://docs.github.com/en/graphql/guides/using-the-graphql-api-for-discussions",
};
pub const GH_GRAPHQL_FINE_GRAINED: Source = Source {
    title: "GitHub public roadmap #622: fine-grained personal access tokens for the GraphQL API (github.com April 2023, GitHub Enterprise Server 3.10)",
    url: "https://github.com/github/roadmap/issues/622",
};
pub const GH_TOKEN_EXPIRATION: Source = Source {
    title: "GitHub Docs: Token expiration and revocation",
    url: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation",
};
pub const GH_GIT_ERRORS: Source = Source {
    title: "GitHub Docs: Troubleshooting cloning errors",
    url: "https://docs.github.com/en/repositories/creating-and-managing-repositories/troubleshooting-cloning-errors",
};
pub const GH_CLI_AUTH_STATUS: Source = Source {
    title: "GitHub CLI manual: gh auth status",
    url: "https://cli.github.com/manual/gh_auth_status",
};
pub const GH_SECURITY_LOG: Source = Source {
    title: "GitHub Docs: Reviewing your security log (tokens and OAuth apps added to your account)",
    url: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/reviewing-your-security-log",
};
pub const GH_ENTERPRISE_SERVER: Source = Source {
    title: "GitHub Docs (Enterprise Server): Scopes for OAuth apps (site_admin, admin:enterprise)",
    url: "https://docs.github.com/en/enterprise-server@latest/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps",
};
/// A third-party backup tool's notes on what fine-grained tokens cannot do (attachments,
/// discussions over GraphQL).
pub const PYTHON_GITHUB_BACKUP: Source = Source {
    title: "python-github-backup README: fine-grained tokens cannot download attachments of private repositories",
    url: "https://github.com/josegonzalez/python-github-backup#readme",
};
