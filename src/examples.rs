//! One sample per supported input format, for the page's "try an example" menu, the docs and
//! the tests. Each is a real sample from `shared/reference/samples` or a seed list restated as an
//! admin would paste it (see `tests/fixtures/*/README.md` for provenance).

pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    /// The input name shown in diagnostics when the example is loaded.
    pub source: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "ado-pat-labels",
        title: "Azure DevOps: PAT page labels (seed list)",
        source: "pat-labels.txt",
        text: include_str!("../tests/fixtures/seeds/azure-devops-pat-labels.txt"),
    },
    Example {
        id: "ado-read-only-scopes",
        title: "Azure DevOps: read-only scope ids",
        source: "scopes.txt",
        text: include_str!("../tests/fixtures/seeds/azure-devops-read-only.txt"),
    },
    Example {
        id: "ado-oauth-jwt",
        title: "Azure DevOps: OAuth access token (JWT, decoded locally)",
        source: "token.jwt",
        text: include_str!("../tests/fixtures/handmade/azure-devops-oauth.jwt"),
    },
    Example {
        id: "ado-pat-list",
        title: "Azure DevOps: _apis/tokens/pats response",
        source: "pats.json",
        text: include_str!("../tests/fixtures/handmade/azure-devops-pat-list.json"),
    },
    Example {
        id: "ado-entitlement",
        title: "Azure DevOps: user entitlement (Stakeholder)",
        source: "entitlement.json",
        text: include_str!(
            "../tests/fixtures/azure-devops/rest-userentitlements-patch-add-stakeholder.response.json"
        ),
    },
    Example {
        id: "ado-acl-git",
        title: "Azure DevOps: Git repository ACLs (accesscontrollists)",
        source: "git-acls.json",
        text: include_str!("../tests/fixtures/azure-devops-acl/handmade-git-recurse.json"),
    },
    Example {
        id: "ado-acl-az-table",
        title: "Azure DevOps: az devops security permission (table output)",
        source: "az-permission.txt",
        text: include_str!(
            "../tests/fixtures/azure-devops-acl/az-devops-security-permission-table-outputs.txt"
        ),
    },
    Example {
        id: "ado-tf401027",
        title: "Azure DevOps: TF401027 error from a failed push",
        source: "push.log",
        text: include_str!("../tests/fixtures/azure-devops-acl/handmade-tf401027-push.txt"),
    },
    Example {
        id: "bb-curl-headers",
        title: "Bitbucket Cloud: curl -I response headers",
        source: "curl.txt",
        text: include_str!("../tests/fixtures/bitbucket/cloud-x-oauth-scopes-kb-example.txt"),
    },
    Example {
        id: "bb-x-oauth-scopes",
        title: "Bitbucket Cloud: x-oauth-scopes line (full OAuth consent)",
        source: "x-oauth-scopes.txt",
        text: include_str!("../tests/fixtures/seeds/bitbucket-oauth-scopes-full.txt"),
    },
    Example {
        id: "bb-403",
        title: "Bitbucket Cloud: 403 body with required/granted",
        source: "403.json",
        text: include_str!("../tests/fixtures/bitbucket/cloud-403-missing-scope-api-token.json"),
    },
    Example {
        id: "bb-app-password-labels",
        title: "Bitbucket Cloud: app password labels (seed list)",
        source: "app-password.txt",
        text: include_str!("../tests/fixtures/seeds/bitbucket-app-password-metadata.txt"),
    },
    Example {
        id: "bb-consent",
        title: "Bitbucket Cloud: OAuth consent screen (seed list)",
        source: "consent.txt",
        text: include_str!("../tests/fixtures/seeds/bitbucket-oauth-consent.txt"),
    },
    Example {
        id: "bb-api-token-scopes",
        title: "Bitbucket Cloud: API token scopes",
        source: "api-token.txt",
        text: "read:user:bitbucket read:workspace:bitbucket read:repository:bitbucket admin:repository:bitbucket read:pullrequest:bitbucket read:issue:bitbucket read:pipeline:bitbucket read:project:bitbucket",
    },
];

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}
