//! GitHub (github.com, GitHub Enterprise Cloud and GitHub Enterprise Server): classic personal
//! access token and OAuth app scopes, fine-grained token and GitHub App permissions, the
//! organization and repository roles that cap them, `gh auth status`, response headers,
//! installation tokens and permission maps, the fine-grained token page, security e-mails, and
//! GitHub's refusals (SAML SSO, token policies, OAuth app restrictions, missing permissions,
//! the push refusal for workflow files), each saying what it proves.

pub mod catalog;
mod examples;
mod gh_cli;
mod headers;
mod json;
pub mod messages;
pub mod permissions;
mod readers;
pub mod roles;
mod rules;
pub mod sources;

/// The platforms this folder judges (data the page reads without linking the folder's code).
pub const PLATFORMS: &[Platform] = &[Platform::Github];
pub use examples::EXAMPLES;

use crate::catalog::Vocabulary;
use crate::evaluate::{CredentialContext, Rules};
use crate::evidence::{AccountEvidence, CredentialEvidence, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::{Block, Parsed, TextLines};
use crate::platforms::{
    Collect, FormatDef, ListHints, PlatformInfo, PlatformModule, SecretShape, Signal,
};
use serde_json::Value;

/// The GitHub folder.
pub struct Github;

pub const FORMATS: &[FormatDef] = &[
    FormatDef {
        id: gh_cli::FORMAT,
        label: "gh auth status",
    },
    FormatDef {
        id: readers::TOKEN_PAGE,
        label: "GitHub fine-grained token page",
    },
    FormatDef {
        id: readers::SECURITY_EMAIL,
        label: "GitHub security e-mail",
    },
    FormatDef {
        id: readers::MESSAGES,
        label: "GitHub error messages",
    },
    FormatDef {
        id: json::ERROR_BODY,
        label: "GitHub error body",
    },
    FormatDef {
        id: json::INSTALLATION_TOKEN,
        label: "GitHub App installation token",
    },
    FormatDef {
        id: json::INSTALLATIONS,
        label: "GitHub App installations",
    },
    FormatDef {
        id: json::ORG_PATS,
        label: "GitHub organization's fine-grained tokens",
    },
    FormatDef {
        id: json::MEMBERSHIP,
        label: "GitHub organization membership",
    },
    FormatDef {
        id: json::REPOSITORY,
        label: "GitHub repository permissions",
    },
    FormatDef {
        id: json::USER,
        label: "GitHub user",
    },
    FormatDef {
        id: json::PERMISSIONS_MAP,
        label: "GitHub permissions map",
    },
    FormatDef {
        id: json::RECORDING,
        label: "Recorded GitHub API exchange",
    },
];

const COLLECT: &[Collect] = &[
    Collect {
        title: "the token's scopes and account (GitHub CLI)",
        command: "gh auth status",
    },
    Collect {
        title: "a classic token's scopes from a response (X-OAuth-Scopes)",
        command: "gh api -i /user",
    },
    Collect {
        title: "the account's role in the organization",
        command: "gh api /orgs/{org}/memberships/{user}",
    },
    Collect {
        title: "the account's role on a repository",
        command: "gh api /repos/{owner}/{repo} --jq .permissions",
    },
    Collect {
        title: "a fine-grained token's permissions (gh cannot show them)",
        command: "github.com › Settings › Developer settings › Personal access tokens › Fine-grained tokens › the token: copy its permissions (\"Read access to metadata\", \"Read and Write access to code, …\")",
    },
    Collect {
        title: "a GitHub App's permissions on the organization",
        command: "gh api /orgs/{org}/installations",
    },
];

/// Secrets GitHub issues, by prefix (GitHub changelog 2021-03-31, token formats).
const SECRETS: &[SecretShape] = &[
    SecretShape {
        prefix: "github_pat_",
        matches: None,
        what: "a GitHub fine-grained personal access token",
        paste_instead: "its permissions from its page (\"Read access to metadata\", \"Read and Write access to code, …\")",
    },
    SecretShape {
        prefix: "ghp_",
        matches: None,
        what: "a GitHub personal access token (classic)",
        paste_instead: "`gh auth status`, or the headers of a call made with it (`gh api -i /user` or `curl -sI`), which list its scopes",
    },
    SecretShape {
        prefix: "gho_",
        matches: None,
        what: "a GitHub OAuth app token",
        paste_instead: "`gh auth status`, or the headers of a call made with it (`gh api -i /user`), which list its scopes",
    },
    SecretShape {
        prefix: "ghu_",
        matches: None,
        what: "a GitHub App user access token",
        paste_instead: "the App's permissions (`gh api /orgs/{org}/installations`)",
    },
    SecretShape {
        prefix: "ghs_",
        matches: None,
        what: "a GitHub App installation access token",
        paste_instead: "the App's permissions (`gh api /orgs/{org}/installations`), or the token response without its `token` value",
    },
    SecretShape {
        prefix: "ghr_",
        matches: None,
        what: "a GitHub App refresh token",
        paste_instead: "the App's permissions (`gh api /orgs/{org}/installations`)",
    },
];

/// Whether a response header comes only from GitHub.
pub(crate) fn signal_header(name: &str, value: &str) -> bool {
    name.starts_with("x-github-")
        || name == "x-oauth-client-id"
        || name == "x-accepted-github-permissions"
        || name == "github-authentication-token-expiration"
        || (name == "server" && value.trim().eq_ignore_ascii_case("GitHub.com"))
}

/// Whether a command line talks to GitHub (`gh …`, `api.github.com`, a GitHub clone URL).
fn signal_command(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let command = lower
        .trim_start()
        .trim_start_matches(['$', '>', '%'])
        .trim_start();
    command.starts_with("gh ")
        || lower.contains("api.github.com")
        || lower.contains("https://github.com/")
        || lower.contains("@github.com")
        || lower.contains("/api/v3/")
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
    scopes_hint: "`gh auth status` or the X-OAuth-Scopes header of `gh api -i /user` (classic tokens and OAuth apps); a fine-grained token's permissions from its page; a GitHub App's (`gh api /orgs/{org}/installations`)",
    hosts: &["github.com"],
};

impl PlatformModule for Github {
    fn info(&self) -> &'static PlatformInfo {
        &INFO
    }

    fn holds(&self, credential: Credential, vocabulary: Vocabulary) -> bool {
        let permissions = matches!(
            credential,
            Credential::FineGrainedPat
                | Credential::AppInstallationToken
                | Credential::AppUserToken
        );
        if vocabulary == Vocabulary(&permissions::PERMISSION_VOCABULARY) {
            permissions
        } else if vocabulary == Vocabulary(&catalog::SCOPE_VOCABULARY) {
            !permissions
        } else {
            true
        }
    }

    fn read_json(&self, parsed: &mut Parsed, value: &Value, block: Block) -> bool {
        json::read_json(parsed, value, block)
    }

    fn read_lines(&self, parsed: &mut Parsed, lines: &mut TextLines) {
        readers::read_lines(parsed, lines);
    }

    fn read_context(&self, parsed: &mut Parsed, lines: &mut TextLines, first: usize) {
        readers::read_context(parsed, lines, first);
    }

    fn signal(&self, signal: Signal) -> bool {
        match signal {
            Signal::Header { name, value } => signal_header(name, value),
            Signal::Command(line) => signal_command(line),
        }
    }

    fn read_headers(
        &self,
        evidence: &mut CredentialEvidence,
        headers: &[(String, String)],
    ) -> bool {
        headers::refine(evidence, headers)
    }

    fn finish_block(&self, parsed: &mut Parsed, first: usize) {
        headers::finish_block(parsed, first);
    }

    fn list_credential(&self, grants: &[ScopeGrant], hints: &ListHints) -> (Credential, bool) {
        let classic = grants
            .first()
            .is_some_and(|g| g.vocabulary == Vocabulary(&catalog::SCOPE_VOCABULARY));
        if classic {
            if hints.headers.iter().any(|(n, _)| n == "x-oauth-client-id") || hints.oauth_request {
                return (Credential::Oauth, true);
            }
            return (Credential::Token, false);
        }
        (Credential::Token, false)
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
    fn signals_are_githubs_own() {
        assert!(signal_header("x-github-request-id", "AB12:34"));
        assert!(signal_header("server", "GitHub.com"));
        assert!(!signal_header("server", "AtlassianEdge"));
        assert!(!signal_header("x-oauth-scopes", "repo"));
        assert!(signal_command("$ gh auth status"));
        assert!(signal_command("curl -sI https://api.github.com/user"));
        assert!(!signal_command(
            "curl -sI https://api.bitbucket.org/2.0/user"
        ));
        assert!(!signal_command("$ ghost --help"));
    }
}
