//! Bitbucket Data Center inputs for the page's example menu, the docs and the tests (see
//! `tests/fixtures/bitbucket-data-center/README.md` for provenance: two copied samples, the rest
//! hand-made from documented shapes).

use crate::examples::Example;

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "bbdc-token-request",
        title: "Bitbucket Data Center: HTTP access token create request",
        source: "token-request.json",
        text: include_str!(
            "../../../tests/fixtures/bitbucket-data-center/handmade-personal-token-create-request.json"
        ),
    },
    Example {
        id: "bbdc-token-list",
        title: "Bitbucket Data Center: personal HTTP access tokens (one expired)",
        source: "tokens.json",
        text: include_str!(
            "../../../tests/fixtures/bitbucket-data-center/handmade-personal-tokens-list.json"
        ),
    },
    Example {
        id: "bbdc-project-token-doc",
        title: "Bitbucket Data Center: project token list and create (Atlassian's example)",
        source: "project-token.txt",
        text: include_str!(
            "../../../tests/fixtures/bitbucket-data-center/bitbucket-dc-8.3-project-access-token-list-and-create-doc-example.txt"
        ),
    },
    Example {
        id: "bbdc-global-permissions",
        title: "Bitbucket Data Center: global permissions of users",
        source: "global-permissions.txt",
        text: include_str!(
            "../../../tests/fixtures/bitbucket-data-center/handmade-global-permissions-users.txt"
        ),
    },
    Example {
        id: "bbdc-401",
        title: "Bitbucket Data Center: 401 not permitted (curl -i)",
        source: "401.txt",
        text: include_str!(
            "../../../tests/fixtures/bitbucket-data-center/handmade-curl-401-admin-endpoint.txt"
        ),
    },
    Example {
        id: "bbdc-git-leg",
        title: "Bitbucket Data Center: REST works, git fetch fails (Jenkins)",
        source: "jenkins.log",
        text: include_str!(
            "../../../tests/fixtures/bitbucket-data-center/bitbucket-dc-8.19-token-rest-ok-git-fetch-auth-failed-jenkins-904.txt"
        ),
    },
];
