//! Bitbucket Cloud inputs for the page's example menu, the docs and the tests (see
//! `tests/fixtures/*/README.md` for provenance).

use crate::examples::Example;

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "bb-curl-headers",
        title: "Bitbucket Cloud: curl -I response headers",
        source: "curl.txt",
        text: include_str!("../../../tests/fixtures/bitbucket/cloud-x-oauth-scopes-kb-example.txt"),
    },
    Example {
        id: "bb-x-oauth-scopes",
        title: "Bitbucket Cloud: x-oauth-scopes line (full OAuth consent)",
        source: "x-oauth-scopes.txt",
        text: include_str!("../../../tests/fixtures/seeds/bitbucket-oauth-scopes-full.txt"),
    },
    Example {
        id: "bb-403",
        title: "Bitbucket Cloud: 403 body with required/granted",
        source: "403.json",
        text: include_str!("../../../tests/fixtures/bitbucket/cloud-403-missing-scope-api-token.json"),
    },
    Example {
        id: "bb-app-password-labels",
        title: "Bitbucket Cloud: app password labels (seed list)",
        source: "app-password.txt",
        text: include_str!("../../../tests/fixtures/seeds/bitbucket-app-password-metadata.txt"),
    },
    Example {
        id: "bb-consent",
        title: "Bitbucket Cloud: OAuth consent screen (seed list)",
        source: "consent.txt",
        text: include_str!("../../../tests/fixtures/seeds/bitbucket-oauth-consent.txt"),
    },
    Example {
        id: "bb-api-token-scopes",
        title: "Bitbucket Cloud: API token scopes",
        source: "api-token.txt",
        text: "read:user:bitbucket read:workspace:bitbucket read:repository:bitbucket admin:repository:bitbucket read:pullrequest:bitbucket read:issue:bitbucket read:pipeline:bitbucket read:project:bitbucket",
    },
];
