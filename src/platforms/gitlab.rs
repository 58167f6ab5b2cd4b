//! GitLab (gitlab.com and self-managed): access-token scopes (personal, project and group
//! tokens), roles (access levels) judged with them, the token's own JSON and its role per group
//! and project, members, the API's and Git's refusals, `glab auth status`, and the rules no
//! scope shows (a personal token's `api` covers Git, a project token's does not; what a project
//! export leaves out).

pub mod catalog;
mod examples;
mod findings;
mod lines;
mod readers;
mod request;
mod rules;
pub mod sources;

/// The platforms this folder judges (data the page reads without linking the folder's code).
pub const PLATFORMS: &[Platform] = &[Platform::Gitlab];
pub use examples::EXAMPLES;

use crate::evaluate::{CredentialContext, Rules};
use crate::evidence::{AccountEvidence, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::{Block, Parsed, TextLines};
use crate::platforms::{
    Collect, FormatDef, ListHints, PlatformInfo, PlatformModule, SecretShape, Signal,
};
use serde_json::Value;

/// The GitLab folder.
pub struct Gitlab;

pub const FORMATS: &[FormatDef] = &[
    FormatDef {
        id: readers::TOKEN,
        label: "GitLab token (personal_access_tokens/self)",
    },
    FormatDef {
        id: readers::TOKEN_LIST,
        label: "GitLab token list",
    },
    FormatDef {
        id: readers::ACCESS_TOKEN,
        label: "GitLab project or group access token",
    },
    FormatDef {
        id: readers::ASSOCIATIONS,
        label: "GitLab token associations (role per group and project)",
    },
    FormatDef {
        id: readers::MEMBER,
        label: "GitLab member (access_level)",
    },
    FormatDef {
        id: readers::ERROR_BODY,
        label: "GitLab API error body",
    },
    FormatDef {
        id: lines::GLAB_STATUS,
        label: "glab auth status",
    },
    FormatDef {
        id: lines::GIT_ERROR,
        label: "Git error from GitLab",
    },
    FormatDef {
        id: lines::PYTHON_GITLAB,
        label: "python-gitlab error",
    },
    FormatDef {
        id: lines::RESPONSE_HEADERS,
        label: "GitLab response headers",
    },
];

const COLLECT: &[Collect] = &[
    Collect {
        title: "the token's scopes, expiry and state",
        command: "curl --header \"PRIVATE-TOKEN: $GITLAB_TOKEN\" \"https://gitlab.example.com/api/v4/personal_access_tokens/self\"",
    },
    Collect {
        title: "the token's role in each group and project (GitLab 17.4+)",
        command: "curl --header \"PRIVATE-TOKEN: $GITLAB_TOKEN\" \"https://gitlab.example.com/api/v4/personal_access_tokens/self/associations\"",
    },
    Collect {
        title: "a project's access tokens with their scopes and role (for a group: /groups/{group}/access_tokens)",
        command: "curl --header \"PRIVATE-TOKEN: $GITLAB_TOKEN\" \"https://gitlab.example.com/api/v4/projects/{project}/access_tokens\"",
    },
    Collect {
        title: "an account's effective role on a project, inherited groups included",
        command: "curl --header \"PRIVATE-TOKEN: $GITLAB_TOKEN\" \"https://gitlab.example.com/api/v4/projects/{project}/members/all/{user_id}\"",
    },
];

/// GitLab's token prefixes (GitLab token overview): personal, project and group access tokens
/// share `glpat-`.
const ACCESS_TOKEN_PREFIXES: &[&str] = &["glpat-"];
const OTHER_TOKEN_PREFIXES: &[&str] = &[
    "gloas-", "gldt-", "glrtr-", "glrt-", "glcbt-", "glptt-", "glft-", "glimt-", "glagent-",
    "glwt-", "glsoat-", "glffct-",
];

fn has_prefix(token: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|prefix| {
        token.strip_prefix(prefix).is_some_and(|rest| {
            // Newer tokens carry `.`-separated routing parts (`glpat-….01.…`).
            rest.len() >= 8
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        })
    })
}

fn is_access_token(token: &str) -> bool {
    has_prefix(token, ACCESS_TOKEN_PREFIXES)
}

fn is_other_token(token: &str) -> bool {
    has_prefix(token, OTHER_TOKEN_PREFIXES)
}

/// Whether a piece of text is a GitLab secret.
pub(crate) fn is_gitlab_secret(piece: &str) -> bool {
    let piece = piece.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | ',' | ';'));
    is_access_token(piece) || is_other_token(piece)
}

const SECRETS: &[SecretShape] = &[
    SecretShape {
        prefix: "",
        matches: Some(is_access_token),
        what: "a GitLab personal, project or group access token",
        paste_instead: "the token's JSON from `curl --header \"PRIVATE-TOKEN: <token>\" \"https://<host>/api/v4/personal_access_tokens/self\"` (it lists the scopes, never the secret)",
    },
    SecretShape {
        prefix: "",
        matches: Some(is_other_token),
        what: "a GitLab token (OAuth application secret, deploy, runner, CI/CD job, trigger, feed, incoming e-mail, agent, workspace, SCIM or feature-flag token)",
        paste_instead: "the JSON of the personal, project or group access token the backup tool uses (`…/api/v4/personal_access_tokens/self`)",
    },
];

/// Whether a command line talks to GitLab: `glab`, the `/api/v4/` REST path, a `PRIVATE-TOKEN`
/// header, or a host named like GitLab.
fn is_gitlab_command(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    if lower.contains("/api/v4/") || lower.contains("private-token") {
        return true;
    }
    let command = lower.trim_start().trim_start_matches("$ ").trim_start();
    if command.starts_with("glab ") || command.starts_with("python-gitlab") {
        return true;
    }
    request::parse(line)
        .and_then(|r| r.host)
        .is_some_and(|host| host.contains("gitlab"))
}

/// The folder's data, as the shared machinery reads it.
pub const INFO: PlatformInfo = PlatformInfo {
    platforms: PLATFORMS,
    vocabularies: catalog::VOCABULARIES,
    categories: catalog::CATEGORIES,
    examples: EXAMPLES,
    collect: COLLECT,
    secret_shapes: SECRETS,
    formats: FORMATS,
    scopes_hint: "the token's JSON from GET /api/v4/personal_access_tokens/self (its scopes), and …/personal_access_tokens/self/associations (its role in each group and project)",
    hosts: &["gitlab.com"],
};

impl PlatformModule for Gitlab {
    fn info(&self) -> &'static PlatformInfo {
        &INFO
    }

    fn read_json(&self, parsed: &mut Parsed, value: &Value, block: Block) -> bool {
        readers::read_json(parsed, value, block)
    }

    fn read_lines(&self, parsed: &mut Parsed, lines: &mut TextLines) {
        lines::read_lines(parsed, lines);
    }

    fn signal(&self, signal: Signal) -> bool {
        match signal {
            Signal::Header { name, .. } => {
                name.starts_with("x-gitlab-")
                    || name.starts_with("gitlab-")
                    || name == "private-token"
                    || name == "job-token"
            }
            Signal::Command(line) => is_gitlab_command(line),
        }
    }

    fn list_credential(&self, grants: &[ScopeGrant], _hints: &ListHints) -> (Credential, bool) {
        // Some scopes exist only on personal access tokens; otherwise a bare list is most likely
        // one (backup tools ask for personal tokens), and the rules say what else it could be.
        let personal = grants
            .iter()
            .any(|g| catalog::PERSONAL_ONLY.contains(&g.id.as_str()));
        (Credential::Pat, personal)
    }

    fn implies_for(&self, credential: Credential, id: &str) -> &'static [&'static str] {
        catalog::implied_for(credential, id)
    }

    fn account_blockers(&self, account: &AccountEvidence) -> Vec<String> {
        rules::account_blockers(account)
    }

    fn rules(&self, context: &CredentialContext) -> Rules {
        rules::rules(context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_gitlab_secrets_only() {
        assert!(is_gitlab_secret("glpat-z_sxgtrfAxKr8q1TPY8Y"));
        assert!(is_gitlab_secret("\"glpat-abcdefghijkl.01.1a2b3c4d5\""));
        assert!(is_gitlab_secret("gldt-abcdefghijklmnop"));
        assert!(!is_gitlab_secret("glpat-short"));
        assert!(!is_gitlab_secret(
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        ));
        assert!(!is_gitlab_secret("gitlab.example.com"));
    }

    #[test]
    fn commands_that_signal_gitlab() {
        assert!(is_gitlab_command(
            "curl --header \"PRIVATE-TOKEN: x\" https://h/api/v4/user"
        ));
        assert!(is_gitlab_command("$ glab auth status"));
        assert!(is_gitlab_command("curl https://gitlab.example.com/x"));
        assert!(!is_gitlab_command("curl -sI https://api.github.com/user"));
        assert!(!is_gitlab_command(
            "curl -sI https://api.bitbucket.org/2.0/user"
        ));
    }
}
