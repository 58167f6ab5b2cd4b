//! Azure DevOps Services and Server: the `vso.*` scope catalog, access levels, the PAT page's
//! labels, `_apis/tokens/pats` and user-entitlement JSON, Entra JWT claims, the rules no scope
//! shows (organization targeting, OAuth account kinds, Stakeholder access), and the ACL engine
//! (`acl/`), which judges identities from exported ACLs.

pub mod acl;
pub mod catalog;
mod examples;
mod readers;
mod rules;
pub mod sources;

/// The platforms this folder judges (data the page reads without linking the folder's code).
pub const PLATFORMS: &[Platform] = &[Platform::AzureDevopsServices, Platform::AzureDevopsServer];
pub use examples::EXAMPLES;

use crate::evaluate::{CredentialContext, Rules};
use crate::evidence::{AccountEvidence, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::parse::{Block, Parsed, TextLines};
use crate::platforms::{
    Collect, FormatDef, LabelRead, ListHints, PlatformInfo, PlatformModule, SecretShape, Signal,
};
use crate::report::{Subject, WhatIf};
use crate::Options;
use serde_json::Value;

pub use readers::acl_mark;

/// The Azure DevOps folder.
pub struct AzureDevops;

/// Formats this folder's readers report (ACL formats come from [`acl::AclFormat`]).
pub const FORMATS: &[FormatDef] = &[
    FormatDef {
        id: readers::PAT_LIST,
        label: "Azure DevOps PAT list",
    },
    FormatDef {
        id: readers::ENTITLEMENT,
        label: "Azure DevOps user entitlement",
    },
    FormatDef {
        id: readers::PAT_FORM,
        label: "Azure DevOps PAT form (a copy of the page, not a grant)",
    },
];

const COLLECT: &[Collect] = &[
    Collect {
        title: "the PAT's scopes and organizations (with a PAT that has Tokens: Read & manage)",
        command: "curl -s -u :$PAT \"https://vssps.dev.azure.com/{organization}/_apis/tokens/pats?api-version=7.1-preview.1\"",
    },
    Collect {
        title: "the account's access level",
        command: "az devops user show --user {e-mail} --org https://dev.azure.com/{organization}",
    },
    Collect {
        title: "the ACLs of the Git repositories namespace for the account",
        command: "az devops security permission list --namespace-id 2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87 --subject {e-mail} --recurse --org https://dev.azure.com/{organization}",
    },
];

/// An Azure DevOps PAT: 52 characters of lower-case base32 (older format) or 84 characters
/// with the `AZDO` signature (format since 2024).
fn is_azure_devops_pat(token: &str) -> bool {
    let base32 = |b: u8| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b);
    (token.len() == 52 && token.bytes().all(base32))
        || (token.len() == 84
            && token.get(76..80) == Some("AZDO")
            && token.bytes().all(|b| b.is_ascii_alphanumeric()))
}

const SECRETS: &[SecretShape] = &[SecretShape {
    prefix: "",
    matches: Some(is_azure_devops_pat),
    what: "an Azure DevOps personal access token",
    paste_instead: "the PAT page's list of scopes (\"Code: Read & write\", …) or the `_apis/tokens/pats` response",
}];

/// The folder's data, as the shared machinery reads it.
pub const INFO: PlatformInfo = PlatformInfo {
    platforms: PLATFORMS,
    vocabularies: catalog::VOCABULARIES,
    categories: catalog::CATEGORIES,
    examples: EXAMPLES,
    collect: COLLECT,
    secret_shapes: SECRETS,
    formats: FORMATS,
    scopes_hint: "the PAT page's labels, scope ids, a JWT or the _apis/tokens/pats response",
    hosts: &["dev.azure.com", "visualstudio.com"],
};

impl PlatformModule for AzureDevops {
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
        readers::read_denials(parsed, lines);
        readers::read_pat_form(parsed, lines);
    }

    fn read_label(&self, line: &str, at: usize) -> Option<LabelRead> {
        readers::read_label(line, at)
    }

    fn signal(&self, signal: Signal) -> bool {
        match signal {
            Signal::Header { name, .. } => name.starts_with("x-vss-") || name.starts_with("x-tfs-"),
            Signal::Command(line) => {
                let lower = line.to_ascii_lowercase();
                lower.contains("az devops")
                    || lower.contains("dev.azure.com")
                    || lower.contains(".visualstudio.com")
            }
        }
    }

    fn list_credential(&self, grants: &[ScopeGrant], hints: &ListHints) -> (Credential, bool) {
        if hints.oauth_request {
            (Credential::Oauth, true)
        } else if grants.iter().any(|g| g.id == "user_impersonation") {
            (Credential::Oauth, false)
        } else {
            (Credential::Pat, hints.labels)
        }
    }

    fn account_blockers(&self, account: &AccountEvidence) -> Vec<String> {
        rules::account_blockers(account)
    }

    fn rules(&self, context: &CredentialContext) -> Rules {
        rules::rules(context)
    }

    fn judge_documents(
        &self,
        parsed: &[Parsed],
        options: &Options,
        subjects: &mut Vec<Subject>,
        accounts: &[(&Parsed, &AccountEvidence)],
        used: &mut std::collections::BTreeSet<usize>,
    ) -> Vec<WhatIf> {
        rules::judge_acls(parsed, options, subjects, accounts, used)
    }
}
