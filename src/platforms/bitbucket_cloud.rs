//! Bitbucket Cloud: legacy OAuth 2.0 scopes (OAuth consumers, app passwords, access tokens),
//! Atlassian API-token scopes, app-password labels and OAuth consent sentences, 403 error
//! bodies, and the rules no scope shows (app passwords retired on 9 June 2026, what access
//! tokens cannot hold, values the API never returns).

pub mod catalog;
mod examples;
mod readers;
mod rules;
pub mod sources;

/// The platforms this folder judges (data the page reads without linking the folder's code).
pub const PLATFORMS: &[Platform] = &[Platform::BitbucketCloud];
pub use examples::EXAMPLES;

use crate::catalog::Vocabulary;
use crate::evaluate::{CredentialContext, Rules};
use crate::evidence::{CredentialEvidence, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::{Block, Parsed};
use crate::platforms::{
    Collect, FormatDef, LabelRead, ListHints, PlatformInfo, PlatformModule, SecretShape, Signal,
};
use serde_json::Value;

/// The Bitbucket Cloud folder.
pub struct BitbucketCloud;

pub const FORMATS: &[FormatDef] = &[FormatDef {
    id: readers::ERROR_BODY,
    label: "Bitbucket error body",
}];

const COLLECT: &[Collect] = &[
    Collect {
        title: "the token's scopes (x-oauth-scopes on any API response)",
        command: "curl -sI -H \"Authorization: Bearer $TOKEN\" https://api.bitbucket.org/2.0/user",
    },
    Collect {
        title: "an API token's scopes (Basic auth with your Atlassian e-mail)",
        command: "curl -sI -u \"$EMAIL:$API_TOKEN\" https://api.bitbucket.org/2.0/user",
    },
];

const SECRETS: &[SecretShape] = &[
    SecretShape {
        prefix: "ATATT",
        matches: None,
        what: "an Atlassian API token",
        paste_instead: "the token's scopes from its page (\"read:repository:bitbucket …\"), or the headers of a call made with it (`curl -sI`)",
    },
    SecretShape {
        prefix: "ATBB",
        matches: None,
        what: "a Bitbucket app password",
        paste_instead: "its permission labels (\"Repositories: Read, Admin\"), or the headers of a call made with it (`curl -sI`)",
    },
    SecretShape {
        prefix: "ATCTT",
        matches: None,
        what: "a Bitbucket access token",
        paste_instead: "the headers of a call made with it (`curl -sI`), which list its scopes",
    },
];

/// The folder's data, as the shared machinery reads it.
pub const INFO: PlatformInfo = PlatformInfo {
    platforms: PLATFORMS,
    vocabularies: catalog::VOCABULARIES,
    categories: catalog::CATEGORIES,
    examples: EXAMPLES,
    collect: COLLECT,
    secret_shapes: SECRETS,
    formats: FORMATS,
    scopes_hint: "the x-oauth-scopes header of a response (`curl -sI`), the app password's or API token's scope list, or the OAuth consent screen",
    hosts: &["bitbucket.org"],
};

impl PlatformModule for BitbucketCloud {
    fn info(&self) -> &'static PlatformInfo {
        &INFO
    }

    fn holds(&self, credential: Credential, vocabulary: Vocabulary) -> bool {
        // API tokens carry the `…:bitbucket` scopes; the others the legacy OAuth scopes.
        if vocabulary == Vocabulary(&catalog::API_TOKEN_VOCABULARY) {
            matches!(credential, Credential::ApiToken | Credential::Token)
        } else if vocabulary == Vocabulary(&catalog::LEGACY_VOCABULARY) {
            credential != Credential::ApiToken
        } else {
            true
        }
    }

    fn read_json(&self, parsed: &mut Parsed, value: &Value, block: Block) -> bool {
        readers::read_json(parsed, value, block)
    }

    fn read_label(&self, line: &str, at: usize) -> Option<LabelRead> {
        readers::read_label(line, at)
    }

    fn signal(&self, signal: Signal) -> bool {
        match signal {
            Signal::Header { name, value } => {
                name == "x-credential-type"
                    || (name == "x-view-name" && value.starts_with("bitbucket."))
                    || (name == "server" && value.eq_ignore_ascii_case("AtlassianEdge"))
            }
            Signal::Command(line) => {
                line.contains("api.bitbucket.org") || line.contains("bitbucket.org/")
            }
        }
    }

    fn list_credential(&self, grants: &[ScopeGrant], hints: &ListHints) -> (Credential, bool) {
        if grants
            .iter()
            .any(|g| g.vocabulary == Vocabulary(&catalog::API_TOKEN_VOCABULARY))
        {
            return (Credential::ApiToken, true);
        }
        let header = hints
            .headers
            .iter()
            .find(|(name, _)| name == "x-credential-type")
            .map(|(_, value)| value.trim().to_ascii_lowercase());
        match header.as_deref() {
            Some(
                "repo_access_token"
                | "project_access_token"
                | "workspace_access_token"
                | "access_token",
            ) => (Credential::AccessToken, true),
            Some("app_password" | "apppassword") => (Credential::AppPassword, true),
            Some("oauth" | "oauth2" | "oauth_consumer") => (Credential::Oauth, true),
            Some("api_token" | "apitoken") => (Credential::ApiToken, true),
            _ if hints.app_password => (Credential::AppPassword, false),
            _ if hints.labels => (Credential::AppPassword, false),
            _ => (Credential::Token, false),
        }
    }

    fn read_headers(
        &self,
        evidence: &mut CredentialEvidence,
        headers: &[(String, String)],
    ) -> bool {
        readers::refine_headers(evidence, headers, |hints| self.list_credential(&[], hints))
    }

    fn rules(&self, context: &CredentialContext) -> Rules {
        rules::rules(context)
    }
}
