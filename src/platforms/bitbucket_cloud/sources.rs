//! The public documents Bitbucket Cloud rules come from. Seed 002 is Xopero ONE's "Required
//! permissions" page for Bitbucket; the rest is Atlassian's documentation (as researched in
//! `shared/reference/bitbucket.md`, sources S1–S11, S18, S27).

use crate::catalog::Source;

const XOPERO_PAGE: &str =
    "https://helpcenter.xopero.com/xopero-one-en/backup-and-recovery/devops/bitbucket/integration/required-permissions";

pub const XOPERO_CONSENT: Source = Source {
    title: "Xopero ONE: Bitbucket required permissions, Account (OAuth consent)",
    url: XOPERO_PAGE,
};
pub const XOPERO_MINIMUM: Source = Source {
    title: "Xopero ONE: Bitbucket required permissions, Token and password",
    url: XOPERO_PAGE,
};
pub const XOPERO_APP_PASSWORD: Source = Source {
    title: "Xopero ONE: Bitbucket required permissions, Application password",
    url: XOPERO_PAGE,
};
pub const ATLASSIAN_SCOPES: Source = Source {
    title: "Atlassian: Scopes for the Bitbucket Cloud REST API",
    url: "https://developer.atlassian.com/cloud/bitbucket/bitbucket-cloud-rest-api-scopes",
};
pub const ATLASSIAN_REST_INTRO: Source = Source {
    title: "Atlassian: The Bitbucket Cloud REST API, authentication and scopes",
    url: "https://developer.atlassian.com/cloud/bitbucket/rest/intro/",
};
pub const ATLASSIAN_REST_REFERENCE: Source = Source {
    title: "Atlassian: Bitbucket Cloud REST API reference (the scopes each operation names)",
    url: "https://developer.atlassian.com/cloud/bitbucket/rest/",
};
pub const ATLASSIAN_PROJECT_WRITE: Source = Source {
    title: "Atlassian: Deprecation notice, removing the project:write scope (15 May 2023)",
    url: "https://developer.atlassian.com/cloud/bitbucket/deprecation-notice-project-write-scope/",
};
pub const ATLASSIAN_API_TOKENS: Source = Source {
    title: "Atlassian Support: API token permissions",
    url: "https://support.atlassian.com/bitbucket-cloud/docs/api-token-permissions",
};
pub const ATLASSIAN_APP_PASSWORDS: Source = Source {
    title: "Atlassian Support: App password permissions",
    url: "https://support.atlassian.com/bitbucket-cloud/docs/app-password-permissions/",
};
pub const ATLASSIAN_APP_PASSWORD_END: Source = Source {
    title: "Atlassian KB: Getting 401 errors with Basic authentication (app passwords stop working on 9 June 2026)",
    url: "https://support.atlassian.com/bitbucket-cloud/kb/getting-401-http-error-while-authenticating-to-bitbucket-cloud-rest-apis",
};
pub const ATLASSIAN_ACCESS_TOKENS: Source = Source {
    title: "Atlassian Support: Repository access token permissions",
    url: "https://support.atlassian.com/bitbucket-cloud/docs/repository-access-token-permissions/",
};
pub const ATLASSIAN_TOKEN_SCOPES_KB: Source = Source {
    title: "Atlassian KB: How to fetch the scope of a token via command line",
    url: "https://support.atlassian.com/bitbucket-cloud/kb/how-to-fetch-the-scope-of-a-token-via-command-line/",
};
pub const ATLASSIAN_NO_ISSUES_FOR_ACCESS_TOKENS: Source = Source {
    title: "Atlassian BCLOUD-22603: Access tokens cannot use the Issues API",
    url: "https://jira.atlassian.com/browse/BCLOUD-22603",
};
