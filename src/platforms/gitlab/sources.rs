//! The public documents GitLab rules come from: GitLab's own documentation (as researched in
//! `shared/reference/github-gitlab-bitbucket-dc.md` §3, sources L1–L11), GitLab's source where
//! the documentation is silent (the API's error responses), the GitLab CLI's manual, and the
//! Xopero ONE / GitProtect pages that say what a backup tool asks for (V7, V8).

use crate::catalog::Source;

pub const SCOPES: Source = Source {
    title: "GitLab Docs: Access token scopes",
    url: "https://docs.gitlab.com/security/tokens/access_token_scopes/",
};
pub const SCOPES_GIT_OVER_HTTP: Source = Source {
    title: "GitLab Docs: Access token scopes (footnote 1: a personal access token's api also covers Git over HTTP and the registry; group and project tokens' api does not)",
    url: "https://docs.gitlab.com/security/tokens/access_token_scopes/",
};
pub const TOKEN_OVERVIEW: Source = Source {
    title: "GitLab Docs: GitLab token overview (token prefixes, and which tokens reach the API, the registry and repositories)",
    url: "https://docs.gitlab.com/security/tokens/",
};
pub const PAT_API: Source = Source {
    title: "GitLab Docs: Personal access tokens API (self-inform, rotate)",
    url: "https://docs.gitlab.com/api/personal_access_tokens/",
};
pub const PAT_ASSOCIATIONS: Source = Source {
    title: "GitLab Docs: Personal access tokens API, List all token associations (GitLab 17.4+)",
    url: "https://docs.gitlab.com/api/personal_access_tokens/#list-all-token-associations",
};
pub const PAT_EXPIRY: Source = Source {
    title: "GitLab Docs: Personal access tokens (they expire on the date set, at midnight UTC)",
    url: "https://docs.gitlab.com/user/profile/personal_access_tokens/",
};
pub const PROJECT_TOKENS_API: Source = Source {
    title: "GitLab Docs: Project access tokens API (access_level is the token's role)",
    url: "https://docs.gitlab.com/api/project_access_tokens/",
};
pub const PROJECT_TOKENS: Source = Source {
    title:
        "GitLab Docs: Project access tokens (bot users; Git over HTTP with any non-blank username)",
    url: "https://docs.gitlab.com/user/project/settings/project_access_tokens/",
};
pub const MEMBERS_API: Source = Source {
    title: "GitLab Docs: Group and project members API (access levels: 0 No access, 5 Minimal access, 10 Guest, 15 Planner, 20 Reporter, 30 Developer, 40 Maintainer, 50 Owner)",
    url: "https://docs.gitlab.com/api/members/",
};
pub const PERMISSIONS: Source = Source {
    title: "GitLab Docs: Roles and permissions (project and group members permissions)",
    url: "https://docs.gitlab.com/user/permissions/",
};
pub const PERMISSIONS_CI: Source = Source {
    title: "GitLab Docs: Roles and permissions, GitLab CI/CD permissions (manage CI/CD settings and variables: Maintainer)",
    url: "https://docs.gitlab.com/user/permissions/",
};
pub const IMPORT_API: Source = Source {
    title: "GitLab Docs: Project import and export API (import needs the Maintainer role on the destination group since GitLab 16.0)",
    url: "https://docs.gitlab.com/api/project_import_export/",
};
pub const FILE_EXPORTS: Source = Source {
    title: "GitLab Docs: Migrate projects and groups by using file exports (what is and is not exported; export is for Maintainers and Owners)",
    url: "https://docs.gitlab.com/user/project/settings/import_export/",
};
pub const CI_VARIABLES: Source = Source {
    title: "GitLab Docs: GitLab CI/CD variables, Hide a CI/CD variable (a masked and hidden value can never be revealed)",
    url: "https://docs.gitlab.com/ci/variables/",
};
pub const WEBHOOKS_API: Source = Source {
    title: "GitLab Docs: Project webhooks API (needs the Maintainer role; responses carry no secret token and no custom header values)",
    url: "https://docs.gitlab.com/api/project_webhooks/",
};
pub const DEPLOY_KEYS: Source = Source {
    title: "GitLab Docs: Deploy keys (public keys; adding one needs the Maintainer role)",
    url: "https://docs.gitlab.com/user/project/deploy_keys/",
};
pub const JOB_TOKEN: Source = Source {
    title: "GitLab Docs: CI/CD job token (gitlab-ci-token is its Git username; jobs cannot push)",
    url: "https://docs.gitlab.com/ci/jobs/ci_job_token/",
};
pub const REST_STATUS: Source = Source {
    title: "GitLab Docs: REST API troubleshooting, status codes (401: not authenticated; 403: not allowed; 404: not found or not authorized to see it)",
    url: "https://docs.gitlab.com/api/rest/troubleshooting/",
};
pub const API_GUARD: Source = Source {
    title: "GitLab source: lib/api/api_guard.rb (insufficient_scope is a 403 with the accepted scopes; invalid_token is a 401 for expired or revoked tokens)",
    url: "https://gitlab.com/gitlab-org/gitlab/-/blob/master/lib/api/api_guard.rb",
};
pub const GIT_TROUBLESHOOTING: Source = Source {
    title: "GitLab Docs: Troubleshooting Git (HTTP Basic: Access denied)",
    url: "https://docs.gitlab.com/topics/git/troubleshooting_git/",
};
pub const PROTECTED_BRANCHES: Source = Source {
    title: "GitLab Docs: Protected branches (who may push and merge)",
    url: "https://docs.gitlab.com/user/project/repository/branches/protected/",
};
pub const GLAB_AUTH_STATUS: Source = Source {
    title: "GitLab CLI: glab auth status (shows the login and whether a token is stored, not its scopes)",
    url: "https://docs.gitlab.com/cli/auth/status/",
};
pub const PYTHON_GITLAB_IMPORT: Source = Source {
    title: "python-gitlab: Projects, Import / Export (import_project calls POST /projects/import)",
    url: "https://python-gitlab.readthedocs.io/en/stable/gl_objects/projects.html#import-export",
};
pub const XOPERO_PERMISSIONS: Source = Source {
    title: "Xopero ONE: GitLab required permissions (read_api and read_repository back up; write_repository restores)",
    url: "https://helpcenter.xopero.com/xopero-one-en/backup-and-recovery/devops/gitlab/integration/required-permissions",
};
pub const XOPERO_ROLES: Source = Source {
    title: "Xopero support: Roles and permissions GitLab for the repository backup and restore",
    url: "https://support.xopero.com/hc/en-us/articles/5601976293394-Roles-and-permissions-GitLab-for-the-repository-backup-and-restore",
};
