//! What GitLab's error messages prove: each finding says what it proves, what to do, and what it
//! cannot tell, so that an admin never reads more into a 401, a 403 or a 404 than GitLab says.

use super::sources::{
    API_GUARD, GIT_TROUBLESHOOTING, GLAB_AUTH_STATUS, IMPORT_API, JOB_TOKEN, PERMISSIONS,
    PROJECT_TOKENS, PROTECTED_BRANCHES, REST_STATUS, SCOPES,
};
use crate::evidence::{Blocks, Finding};
use crate::model::Operation;
use crate::source::Span;

/// Categories a missing `api` scope blocks for restore: everything created through the API
/// (the registry is pushed with `write_registry`; signing in needs only `read_api`).
pub const API_RESTORE: &[&str] = &[
    "repositories",
    "issues",
    "merge-requests",
    "ci-cd",
    "deploy-keys",
    "hooks",
    "packages",
];

const REPOSITORIES: &[&str] = &["repositories"];

/// What a project import carries (code with its wiki and LFS objects, issues, merge requests):
/// variables, webhooks and registry images are restored through the API or Docker instead.
const IMPORTED: &[&str] = &["repositories", "issues", "merge-requests"];

/// The scope ids a 403 `insufficient_scope` body or header names, and the method of the call
/// when the command line shows it.
pub fn insufficient_scope(accepted: &[String], method: Option<&str>, span: Span) -> Finding {
    let quoted = |ids: &[String]| -> String {
        match ids {
            [] => "the scope the call needed".to_string(),
            [one] => format!("`{one}`"),
            [head @ .., last] => format!(
                "{} or `{last}`",
                head.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    };
    let named = quoted(accepted);
    let lacks_api = accepted.iter().any(|s| s == "api");
    let read_call = matches!(method, Some("GET" | "HEAD"));
    let names_read_api = accepted.iter().any(|s| s == "read_api");
    // GitLab accepts read_api for every GET and HEAD: a read refused for scope proves read_api
    // is missing too, as does a body that names it.
    let (blocks, categories, proves) = if read_call || (lacks_api && names_read_api) {
        let mut lacking: Vec<String> = accepted.to_vec();
        if !names_read_api {
            lacking.push("read_api".into());
        }
        let why = if read_call {
            format!(
                "GitLab refused a read ({}) for scope, and it accepts `read_api` for every read",
                method.unwrap_or("GET")
            )
        } else {
            "GitLab refused the call for scope".to_string()
        };
        (
            Blocks::Both,
            &[][..],
            format!(
                "The token carries none of {}: {why}. Nothing can be backed up or restored through the API with it.",
                quoted(&lacking).replace(" or ", " and ")
            ),
        )
    } else if lacks_api {
        (
            Blocks::Only(Operation::Restore),
            API_RESTORE,
            format!("The token does not carry {named}: GitLab refused the call for scope. Without `api` no project, issue, merge request, variable, deploy key, webhook or package can be created, so a restore through the API fails."),
        )
    } else {
        (
            Blocks::Nothing,
            &[][..],
            format!("The token does not carry {named}: GitLab refused one call for scope."),
        )
    };
    Finding {
        id: "gitlab-insufficient-scope",
        blocks,
        categories,
        proves,
        action: "Grant `api` for a restore; for a backup `read_api` (API reads) and `read_repository` (clone) are enough. The body names one scope the endpoint accepts, not the only one: for a read, `read_api` also works.".into(),
        cannot_tell: if read_call || names_read_api {
            "Which other scopes the token has (`read_repository`, `read_registry`, …): paste the token's /personal_access_tokens/self response.".into()
        } else {
            "Whether the token has `read_api` (it would serve reads) and what else it carries: paste the token's /personal_access_tokens/self response, or the command that failed.".into()
        },
        span,
        source: &API_GUARD,
    }
}

/// A 401: GitLab did not accept the token.
pub fn token_rejected(detail: Rejected, span: Span) -> Finding {
    let (proves, cannot_tell) = match detail {
        Rejected::Expired => (
            "GitLab says the token has expired, so it grants nothing.".to_string(),
            "Which scopes the token carried: paste the new token's /personal_access_tokens/self answer to judge it.".to_string(),
        ),
        Rejected::Revoked => (
            "GitLab says the token was revoked, so it grants nothing.".to_string(),
            "Which scopes the token carried: paste the new token's /personal_access_tokens/self answer to judge it.".to_string(),
        ),
        Rejected::Unknown => (
            "GitLab did not accept this token (401 Unauthorized): as sent, it authenticates nothing, so neither backup nor restore works with it.".to_string(),
            "Whether the token is mistyped or cut short, does not exist on this instance, has expired or was revoked; a few endpoints also answer 401 to a valid token that lacks permission, so call GET /api/v4/user with the same token: 200 means the token itself is fine.".to_string(),
        ),
    };
    Finding {
        id: "gitlab-token-rejected",
        blocks: Blocks::Both,
        categories: &[],
        proves,
        action: "Check that the whole token was sent to the right GitLab host; if it has expired or was revoked, create a new one. A 401 is never a missing scope (that is a 403 insufficient_scope).".into(),
        cannot_tell,
        span,
        source: &REST_STATUS,
    }
}

/// Why GitLab refused a token with 401.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    Expired,
    Revoked,
    Unknown,
}

/// `404 Project Not Found` / `404 Group Not Found` to a request that sent a token (`token_sent`
/// is `None` when the input does not show the request).
pub fn not_found(what: &str, token_sent: Option<bool>, span: Span) -> Finding {
    let (blocks, proves) = match token_sent {
        Some(true) => (
            Blocks::Only(Operation::Backup),
            format!("The {what} is hidden from the token's account, or does not exist: GitLab answers 404 (not 403) when the caller may not see it. A token without an API scope would have been refused with 403 insufficient_scope first, so this is about the account's membership or the path, not the scopes."),
        ),
        _ => (
            Blocks::Nothing,
            format!("GitLab answered 404 for a {what}: it does this both when the {what} does not exist and when the caller may not see it (private {what}s are hidden, not reported as forbidden)."),
        ),
    };
    Finding {
        id: "gitlab-not-found",
        blocks,
        categories: &[],
        proves,
        action: format!("Check the {what}'s path or id, and give the token's account (or the token's bot user) at least the Reporter role on the {what} to back it up."),
        cannot_tell: format!("Whether the {what} exists; whether the request sent a token at all (the command that made it shows that)."),
        span,
        source: &REST_STATUS,
    }
}

/// `404 Namespace Not Found` from a project import.
pub fn namespace_not_found(span: Span) -> Finding {
    Finding {
        id: "gitlab-namespace-not-found",
        blocks: Blocks::Only(Operation::Restore),
        categories: &[],
        proves: "The group (namespace) the project is restored into does not exist, or the token's account cannot see it: the import fails.".into(),
        action: "Create the destination group first (a project import does not create groups) and give the token's account the Maintainer role on it; or import into your own namespace.".into(),
        cannot_tell: "Whether the group is missing or only hidden from the account; nothing about the token's scopes.".into(),
        span,
        source: &IMPORT_API,
    }
}

/// A 403 to a project import (`POST /projects/import`).
pub fn import_refused(span: Span) -> Finding {
    Finding {
        id: "gitlab-import-refused",
        blocks: Blocks::Only(Operation::Restore),
        categories: IMPORTED,
        proves: "GitLab refused the project import (POST /projects/import), GitLab's own restore path: the code, issues and merge requests an export carries cannot be restored this way with this credential.".into(),
        action: "Use a token with the `api` scope whose account has the Maintainer (or Owner) role on the destination group (Developer was enough before GitLab 16.0), or import into your own namespace.".into(),
        cannot_tell: "Whether the scope or the role is missing: the answer names neither. Paste the token's /personal_access_tokens/self response and the account's role on the destination group.".into(),
        span,
        source: &IMPORT_API,
    }
}

/// A 403 that is not a scope problem (that would say `insufficient_scope`).
pub fn forbidden(span: Span) -> Finding {
    Finding {
        id: "gitlab-forbidden",
        blocks: Blocks::Nothing,
        categories: &[],
        proves: "GitLab refused one call with 403 Forbidden: the token was accepted and had an API scope (a missing scope answers insufficient_scope), so the account's role or a setting does not allow that call.".into(),
        action: "Check the account's role where the call was made: backing up everything needs Maintainer (variables, deploy keys, webhooks), restoring into a group needs Maintainer there.".into(),
        cannot_tell: "Which call it was, unless the command is pasted with it; whether other calls work.".into(),
        span,
        source: &PERMISSIONS,
    }
}

/// `remote: You are not allowed to push code to this project.`
pub fn push_refused(span: Span) -> Finding {
    Finding {
        id: "gitlab-push-refused",
        blocks: Blocks::Only(Operation::Restore),
        categories: REPOSITORIES,
        proves: "GitLab refused a push over Git with this credential: restoring code into this project fails.".into(),
        action: "Any of these refuses a push: a role below Developer (Maintainer for protected branches), a token without `write_repository` (a personal token's `api` also pushes), or a push authenticated as another user (put the token owner's username in the remote URL). Fix the one that applies.".into(),
        cannot_tell: "Which of these it is; whether cloning (backup) works with the same credential.".into(),
        span,
        source: &PROTECTED_BRANCHES,
    }
}

/// `remote: You are not allowed to download code from this project.`
pub fn download_refused(span: Span) -> Finding {
    Finding {
        id: "gitlab-download-refused",
        blocks: Blocks::Both,
        categories: REPOSITORIES,
        proves: "GitLab refused to let this credential read the repository over Git: neither a clone (backup) nor a push (restore) works with it.".into(),
        action: "Use a token with `read_repository` (or `write_repository`; a personal token's `api` also works) whose account has at least the Reporter role on the project.".into(),
        cannot_tell: "Whether the scope or the role is missing; whether API calls work with the same token.".into(),
        span,
        source: &SCOPES,
    }
}

/// `remote: HTTP Basic: Access denied…`
pub fn git_access_denied(span: Span) -> Finding {
    Finding {
        id: "gitlab-git-access-denied",
        blocks: Blocks::Both,
        categories: REPOSITORIES,
        proves: "GitLab did not accept the credential for Git over HTTPS (HTTP Basic: Access denied): the Git leg of backup and restore fails, whatever the API does.".into(),
        action: "Send a token, not a password, as the Git password: a personal access token with `read_repository`/`write_repository` (or `api`) with your username, or a project or group token with those scopes and any non-blank username.".into(),
        cannot_tell: "Whether the token is wrong, expired, or lacks a Git scope (GitLab gives one answer for all three).".into(),
        span,
        source: &GIT_TROUBLESHOOTING,
    }
}

/// `remote: The project you were looking for could not be found or you don't have permission…`
pub fn git_not_found(span: Span) -> Finding {
    Finding {
        id: "gitlab-git-not-found",
        blocks: Blocks::Only(Operation::Backup),
        categories: REPOSITORIES,
        proves: "Over Git, the project does not exist or is hidden from this credential's account: it cannot be cloned.".into(),
        action: "Check the repository URL, and give the account at least the Reporter role on the project.".into(),
        cannot_tell: "Whether the project exists; whether the token's scopes are right.".into(),
        span,
        source: &REST_STATUS,
    }
}

/// Which way a Git request went, as far as the pasted lines show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitDirection {
    Fetch,
    Push,
    Unknown,
}

/// `fatal: unable to access '…': The requested URL returned error: 403` with no remote message.
pub fn git_https_refused(direction: GitDirection, ci_token_user: bool, span: Span) -> Finding {
    // A refused clone means a refused push too (pushing needs at least what cloning needs); a
    // refused push says nothing about cloning.
    let (blocks, proves, cannot_tell) = match direction {
        GitDirection::Fetch => (
            Blocks::Both,
            "GitLab refused a clone or fetch over HTTPS (403) with this credential: the Git leg of the backup fails, and so would a push.".to_string(),
            "Whether the token type, its scopes, the username or the account's role caused it; API calls may still work with the same token.".to_string(),
        ),
        GitDirection::Push => (
            Blocks::Only(Operation::Restore),
            "GitLab refused a push over HTTPS (403) with this credential: restoring code fails.".to_string(),
            "Whether cloning works with the same credential; which of token type, scopes, username or role caused it.".to_string(),
        ),
        GitDirection::Unknown => (
            Blocks::Only(Operation::Restore),
            "GitLab refused Git over HTTPS (403) with this credential: pushing fails (a push needs at least what a clone needs).".to_string(),
            "Whether it was a clone or a push (Git prints the same line for both): if it was a clone or fetch, as a backup makes, the backup's Git leg fails too. Whether the token type, its scopes, the username or the role caused it; API calls may still work with the same token.".to_string(),
        ),
    };
    let action = if ci_token_user {
        "Check the Git leg separately from the API. `gitlab-ci-token` is the Git username of CI/CD job tokens, which can never push and read only what the job may: with a personal access token use your own username (its `api` or `read_repository`/`write_repository` covers Git), with a project or group token any non-blank username and `read_repository`/`write_repository` (their `api` does not cover Git)."
    } else {
        "Check the Git leg separately from the API: a personal access token needs `read_repository`/`write_repository` or `api` and its owner's username; a project or group token needs `read_repository`/`write_repository` (its `api` does not cover Git); the account needs Reporter to clone and Developer (Maintainer for protected branches) to push."
    };
    Finding {
        id: "gitlab-git-https-refused",
        blocks,
        categories: REPOSITORIES,
        proves,
        action: action.into(),
        cannot_tell,
        span,
        source: if ci_token_user {
            &JOB_TOKEN
        } else {
            &PROJECT_TOKENS
        },
    }
}

/// `glab auth status` says it holds no token for a host.
pub fn glab_no_token(host: &str, span: Span) -> Finding {
    Finding {
        id: "gitlab-glab-no-token",
        blocks: Blocks::Both,
        categories: &[],
        proves: format!("glab holds no token for {host}: nothing can be done there with glab's login."),
        action: format!("Log in with `glab auth login --hostname {host}`, or paste the backup token's /personal_access_tokens/self response instead."),
        cannot_tell: "Anything about the token the backup tool itself uses.".into(),
        span,
        source: &GLAB_AUTH_STATUS,
    }
}
