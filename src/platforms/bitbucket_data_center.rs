//! Bitbucket Data Center (and Server), a self-hosted instance reached at `/rest/api/1.0` (or
//! `latest`): HTTP access token permissions (personal, project and repository tokens), the
//! permissions a user holds (global, project, repository), token JSON and create requests,
//! global permission listings and the permission-filtered user search, `com.atlassian.bitbucket`
//! error bodies, `X-AUSERNAME` response headers, recorded exchanges, CI logs where Git over HTTPS
//! failed, and the rules no permission list shows (no token creates projects; the Git leg fails
//! apart from the REST API). Bitbucket Cloud (api.bitbucket.org, `x-oauth-scopes`) is
//! `bitbucket_cloud`.

pub mod catalog;
mod examples;
mod readers;
mod rules;
pub mod sources;

/// The platforms this folder judges (data the page reads without linking the folder's code).
pub const PLATFORMS: &[Platform] = &[Platform::BitbucketDataCenter];
pub use examples::EXAMPLES;

use crate::evaluate::{CredentialContext, Rules};
use crate::evidence::{AccountEvidence, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::{Block, Parsed, TextLines};
use crate::platforms::{
    Collect, FormatDef, LabelRead, ListHints, PlatformInfo, PlatformModule, Signal,
};
use crate::report::Warning;
use serde_json::Value;

/// The Bitbucket Data Center folder.
pub struct BitbucketDataCenter;

pub const FORMATS: &[FormatDef] = &[
    FormatDef {
        id: readers::TOKEN_JSON,
        label: "Bitbucket Data Center HTTP access token JSON",
    },
    FormatDef {
        id: readers::TOKEN_REQUEST,
        label: "Bitbucket Data Center token create request",
    },
    FormatDef {
        id: readers::ERROR_BODY,
        label: "Bitbucket Data Center error body",
    },
    FormatDef {
        id: readers::GLOBAL_LISTING,
        label: "Bitbucket Data Center global permission listing",
    },
    FormatDef {
        id: readers::USER_SEARCH,
        label: "Bitbucket Data Center user search by permission",
    },
    FormatDef {
        id: readers::EXCHANGE,
        label: "recorded Bitbucket Data Center exchange (go-vcr)",
    },
    FormatDef {
        id: readers::GIT_LOG,
        label: "Git over HTTPS log (Bitbucket Data Center)",
    },
    FormatDef {
        id: readers::HEADERS,
        label: "Bitbucket Data Center response headers",
    },
];

const COLLECT: &[Collect] = &[
    Collect {
        title: "the personal HTTP access tokens of the backup user, with their permissions (or open Manage account › HTTP access tokens)",
        command: "curl -s -u \"$USER:$PASSWORD\" \"https://$HOST/rest/access-tokens/latest/users/$USER\"",
    },
    Collect {
        title: "the backup user's global permission, granted directly (run as an admin)",
        command: "curl -s -u \"$ADMIN:$ADMIN_PASSWORD\" \"https://$HOST/rest/api/latest/admin/permissions/users?filter=$USER\"",
    },
    Collect {
        title: "whether the backup user can create projects, by any grant (groups included)",
        command: "curl -s -u \"$USER:$TOKEN\" \"https://$HOST/rest/api/latest/users?filter=$USER&permission=PROJECT_CREATE\"",
    },
    Collect {
        title: "whether the backup user can push to one repository, by any grant",
        command: "curl -s -u \"$USER:$TOKEN\" \"https://$HOST/rest/api/latest/users?filter=$USER&permission.1=REPO_WRITE&permission.1.projectKey=$PROJECT&permission.1.repositorySlug=$REPO\"",
    },
    Collect {
        title: "the Git leg, which fails apart from the REST API (a personal token with its owner's name; project and repository tokens as Bearer)",
        command: "git -c http.extraHeader=\"Authorization: Bearer $TOKEN\" ls-remote \"https://$HOST/scm/$PROJECT/$REPO.git\"",
    },
];

/// The folder's data, as the shared machinery reads it.
pub const INFO: PlatformInfo = PlatformInfo {
    platforms: PLATFORMS,
    vocabularies: catalog::VOCABULARIES,
    categories: catalog::CATEGORIES,
    examples: EXAMPLES,
    collect: COLLECT,
    secret_shapes: &[],
    formats: FORMATS,
    scopes_hint: readers::PERMISSIONS_HINT,
    hosts: &[],
};

impl PlatformModule for BitbucketDataCenter {
    fn info(&self) -> &'static PlatformInfo {
        &INFO
    }

    fn read_document(&self, parsed: &mut Parsed, start: usize) -> bool {
        readers::read_document(parsed, start)
    }

    fn read_json(&self, parsed: &mut Parsed, value: &Value, block: Block) -> bool {
        readers::read_json(parsed, value, block)
    }

    fn read_lines(&self, parsed: &mut Parsed, lines: &mut TextLines) {
        readers::lines::read_lines(parsed, lines);
    }

    fn read_label(&self, line: &str, at: usize) -> Option<LabelRead> {
        readers::lines::read_label(line, at)
    }

    fn signal(&self, signal: Signal) -> bool {
        match signal {
            Signal::Header { name, .. } => readers::is_dc_header(name),
            Signal::Command(line) => {
                let lower = line.to_ascii_lowercase();
                !lower.contains("api.bitbucket.org")
                    && (lower.contains("/rest/api/1.0/")
                        || lower.contains("/rest/api/latest/")
                        || lower.contains("/rest/access-tokens/")
                        || (lower.contains("git ") && lower.contains("/scm/")))
            }
        }
    }

    fn list_credential(&self, _grants: &[ScopeGrant], hints: &ListHints) -> (Credential, bool) {
        (Credential::AccessToken, hints.labels)
    }

    fn account_warnings(&self, account: &AccountEvidence) -> Vec<Warning> {
        rules::account_warnings(account)
    }

    fn role_unproven(&self, account: &AccountEvidence, needed: &str) -> Option<String> {
        rules::role_unproven(account, needed)
    }

    fn rules(&self, context: &CredentialContext) -> Rules {
        rules::rules(context)
    }
}
