//! GitLab inputs for the page's example menu, the docs and the tests: committed fixtures only
//! (copies of `shared/reference/samples/gitlab/`, GitLab doc examples and hand-made shapes; see
//! `tests/fixtures/gitlab/README.md` and each file's `.src` for provenance).

use crate::examples::Example;

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "gl-pat-list",
        title: "GitLab: personal access token list (doc example)",
        source: "personal_access_tokens.json",
        text: include_str!("../../../tests/fixtures/gitlab/gitlab-personal-access-tokens-list.response.json"),
    },
    Example {
        id: "gl-associations",
        title: "GitLab: the token's role per group and project (self/associations, doc example)",
        source: "associations.json",
        text: include_str!("../../../tests/fixtures/gitlab/gitlab-personal-access-tokens-self-associations.response.json"),
    },
    Example {
        id: "gl-member",
        title: "GitLab: member with access_level (members/all/:user_id, doc example)",
        source: "member.txt",
        text: include_str!("../../../tests/fixtures/gitlab/gitlab-project-member-all-user-access-level-doc-example.txt"),
    },
    Example {
        id: "gl-project-tokens",
        title: "GitLab: project access tokens with their role (doc example)",
        source: "project_access_tokens.json",
        text: include_str!("../../../tests/fixtures/gitlab/gitlab-project-access-tokens-list-doc-example.json"),
    },
    Example {
        id: "gl-group-token-self",
        title: "GitLab: a group access token's personal_access_tokens/self",
        source: "group-token.txt",
        text: include_str!("../../../tests/fixtures/gitlab/handmade-group-access-token-self.txt"),
    },
    Example {
        id: "gl-curl-404-401-403",
        title: "GitLab: curl answers 404, 401 and 403 insufficient_scope",
        source: "curl.txt",
        text: include_str!("../../../tests/fixtures/gitlab/gitlab-401-403-404-insufficient-scope-sudo-only-self-managed-git-as-svn-344.txt"),
    },
    Example {
        id: "gl-glab-status",
        title: "GitLab: glab auth status (no scopes shown), with gh auth status",
        source: "glab-status.txt",
        text: include_str!("../../../tests/fixtures/gitlab/gitlab-glab-auth-status-two-self-managed-hosts-eps-preview.txt"),
    },
    Example {
        id: "gl-push-refused",
        title: "GitLab: git push refused",
        source: "git-push.txt",
        text: include_str!("../../../tests/fixtures/gitlab/gitlab-git-push-https-403-not-allowed-to-push-code-rht-labs-342.txt"),
    },
    Example {
        id: "gl-import-refused",
        title: "GitLab: project import refused (python-gitlab)",
        source: "import.txt",
        text: include_str!("../../../tests/fixtures/gitlab/gitlab-project-import-403-forbidden-python-gitlab-927.txt"),
    },
    Example {
        id: "gl-scope-list",
        title: "GitLab: scope list (Xopero's backup minimum)",
        source: "scopes.txt",
        text: include_str!("../../../tests/fixtures/gitlab/handmade-scope-list-xopero-minimum.txt"),
    },
];
