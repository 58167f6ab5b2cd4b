//! GitHub inputs for the page's example menu, the docs and the tests (see
//! `tests/fixtures/github/README.md` and each sample's `.src` for provenance).

use crate::examples::Example;

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "gh-auth-status",
        title: "GitHub: gh auth status (OAuth token with repo and workflow)",
        source: "gh-auth-status.txt",
        text: include_str!(
            "../../../tests/fixtures/github/github-gh-auth-status-oauth-gist-readorg-repo-workflow-skillwatch.txt"
        ),
    },
    Example {
        id: "gh-curl-headers",
        title: "GitHub: curl -i response headers (X-OAuth-Scopes)",
        source: "curl.txt",
        text: include_str!("../../../tests/fixtures/github/handmade-curl-i-github-issue-12.txt"),
    },
    Example {
        id: "gh-membership",
        title: "GitHub: organization membership (role member)",
        source: "membership.json",
        text: include_str!("../../../tests/fixtures/github/handmade-org-membership-member.json"),
    },
    Example {
        id: "gh-installation-token",
        title: "GitHub: App installation token permissions",
        source: "installation-token.json",
        text: include_str!("../../../tests/fixtures/github/handmade-installation-token.json"),
    },
    Example {
        id: "gh-fine-grained-page",
        title: "GitHub: fine-grained token page (permissions summary)",
        source: "fine-grained-token.txt",
        text: include_str!("../../../tests/fixtures/github/handmade-fine-grained-token-page.txt"),
    },
    Example {
        id: "gh-workflow-refused",
        title: "GitHub: push refused without the workflow scope (Actions log)",
        source: "actions-log.txt",
        text: include_str!(
            "../../../tests/fixtures/github/github-push-refused-workflow-scope-in-actions-create-pull-request-datachef-29.txt"
        ),
    },
    Example {
        id: "gh-saml-sso",
        title: "GitHub: 403 SAML SSO enforcement",
        source: "saml-403.json",
        text: include_str!(
            "../../../tests/fixtures/github/github-saml-sso-403-json-octokit-create-pr-67.json"
        ),
    },
];
