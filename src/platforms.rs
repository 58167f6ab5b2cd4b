//! The platforms permcheck judges, one folder each, and the one interface through which the
//! shared machinery (detection, parsing, evaluation, the page) knows them.
//!
//! A platform folder declares its catalog (categories, vocabularies, requirements, sources),
//! reads the formats only it produces, and adds the rules no scope list shows (blockers and
//! warnings). Adding a platform is one folder and one line in [`REGISTRY`].

pub mod azure_devops;
pub mod bitbucket_cloud;
pub mod bitbucket_data_center;
pub mod github;
pub mod gitlab;

use crate::catalog::{Category, Vocabulary};
use crate::evaluate::{CredentialContext, Rules};
use crate::evidence::{AccountEvidence, CredentialEvidence, ScopeGrant};
use crate::examples::Example;
use crate::model::{Credential, Platform};
use crate::parse::{Block, Parsed, TextLines};
use crate::report::{Subject, Warning, WhatIf};
use crate::Options;
use serde_json::Value;

/// The registry: one line per platform folder (`folder::Module`). Besides the modules, it lists
/// each folder's `PLATFORMS`, `EXAMPLES` and `FORMATS` as plain data, so the page (which shows
/// examples and platform names before the engine loads) reads them without linking any
/// platform's code.
macro_rules! registry {
    ($($folder:ident :: $module:ident),* $(,)?) => {
        /// Every platform folder, in the order readers are tried (registry order is reader
        /// order: the most specific readers first).
        pub static REGISTRY: &[&dyn PlatformModule] = &[$(&$folder::$module),*];
        /// Each folder's platforms, as data.
        pub static PLATFORM_LISTS: &[&[Platform]] = &[$($folder::PLATFORMS),*];
        /// Each folder's examples, as data.
        pub static EXAMPLE_LISTS: &[&[Example]] = &[$($folder::EXAMPLES),*];
        /// Each folder's format ids and labels, as data.
        pub static FORMAT_LISTS: &[&[FormatDef]] = &[$($folder::FORMATS),*];
    };
}

registry! {
    azure_devops::AzureDevops,
    bitbucket_cloud::BitbucketCloud,
    gitlab::Gitlab,
    github::Github,
    bitbucket_data_center::BitbucketDataCenter,
}

/// A command (or page) whose output to paste, for the empty page and every `unknown` verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collect {
    /// What it shows, in a few words ("the token's scopes").
    pub title: &'static str,
    /// The command to run (nothing is run by permcheck), or where to click.
    pub command: &'static str,
}

/// A format a platform's readers report (`inputs[].format` in the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatDef {
    pub id: &'static str,
    /// What the page calls it.
    pub label: &'static str,
}

/// What one labelled line of a token page says ("Code: Read & write").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelRead {
    /// The line names grants; `credential` is the kind of credential such pages create.
    Grants {
        grants: Vec<ScopeGrant>,
        credential: Option<(Credential, bool)>,
    },
    /// The line is one of this platform's labels, but its level is wrong.
    Wrong {
        at: usize,
        message: String,
        help: Option<String>,
    },
}

/// Something in a response or a command line that says which platform it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal<'a> {
    /// An HTTP response header, name in lower case.
    Header { name: &'a str, value: &'a str },
    /// A shell command line (`gh api …`, `curl https://api.bitbucket.org/…`).
    Command(&'a str),
}

/// A secret's shape: a pasted secret is recognised, never echoed, and the user is told what to
/// paste instead.
#[derive(Debug, Clone, Copy)]
pub struct SecretShape {
    /// How the secret starts (`ghp_`), or "" for shapes recognised by `matches`.
    pub prefix: &'static str,
    /// Shapes without a prefix: the whole token is checked.
    pub matches: Option<fn(&str) -> bool>,
    /// What it is ("a GitHub personal access token (classic)").
    pub what: &'static str,
    /// What to paste instead.
    pub paste_instead: &'static str,
}

/// What a platform folder declares as data: its catalog and what the page and the reports show.
/// (The registry also lists `PLATFORMS`, `EXAMPLES` and `FORMATS` of each folder on their own:
/// the page reads those without linking the rest.)
pub struct PlatformInfo {
    pub platforms: &'static [Platform],
    pub vocabularies: &'static [Vocabulary],
    pub categories: &'static [Category],
    pub examples: &'static [Example],
    /// What to run to collect evidence this platform can judge.
    pub collect: &'static [Collect],
    pub secret_shapes: &'static [SecretShape],
    pub formats: &'static [FormatDef],
    /// What to paste to show a credential's scopes, for verdicts that lack them.
    pub scopes_hint: &'static str,
    /// The hosts only this platform serves (its cloud service; a subdomain counts): a URL there
    /// never names the host of another platform's credential.
    pub hosts: &'static [&'static str],
}

/// The interface a platform folder implements. Every method but the catalog has a default, so a
/// folder implements only what its platform has.
pub trait PlatformModule: Sync {
    /// The folder's data: its catalog and what the page and the reports show.
    fn info(&self) -> &'static PlatformInfo;

    /// The platforms this folder judges; the first is the one its vocabularies name.
    fn platforms(&self) -> &'static [Platform] {
        self.info().platforms
    }

    fn vocabularies(&self) -> &'static [Vocabulary] {
        self.info().vocabularies
    }

    fn categories(&self) -> &'static [Category] {
        self.info().categories
    }

    /// Inputs for the page's example menu, the docs and the tests.
    fn examples(&self) -> &'static [Example] {
        self.info().examples
    }

    /// What to run to collect evidence this platform can judge.
    fn collect(&self) -> &'static [Collect] {
        self.info().collect
    }

    /// Secrets of this platform, recognised so they are never read as scopes nor echoed.
    fn secret_shapes(&self) -> &'static [SecretShape] {
        self.info().secret_shapes
    }

    /// A whole input only this platform produces, recognised by its marks (ACL exports and
    /// tables, recorded HTTP exchanges, CI logs). Returns whether it was read; `start` is where
    /// the input's body starts (after a leading command line).
    fn read_document(&self, _parsed: &mut Parsed, _start: usize) -> bool {
        false
    }

    /// A JSON document (one block of the input) only this platform produces. Returns whether it
    /// was read.
    fn read_json(&self, _parsed: &mut Parsed, _value: &Value, _block: Block) -> bool {
        false
    }

    /// Lines of a text block only this platform writes (`gh auth status`, a push refusal, an
    /// error message): read them and mark them consumed.
    fn read_lines(&self, _parsed: &mut Parsed, _lines: &mut TextLines) {}

    /// Once every platform has read its own lines of a text block: the lines left around this
    /// platform's output (a CI log's steps, git's progress) that are context, not evidence.
    /// `first` is the index of the first credential the block yielded.
    fn read_context(&self, _parsed: &mut Parsed, _lines: &mut TextLines, _first: usize) {}

    /// One line of a label list this platform's token page shows, if it is one.
    fn read_label(&self, _line: &str, _at: usize) -> Option<LabelRead> {
        None
    }

    /// Whether a header or command line says the text comes from this platform.
    fn signal(&self, _signal: Signal) -> bool {
        false
    }

    /// The headers (lower-case names) of a response group attributed to this platform, to
    /// refine the credential read from them (its kind, host, expiry, what a refusal header
    /// proves). For a group without a scope list, attributed by its `signal`, return whether
    /// the headers still show a credential worth judging (a GitHub fine-grained token's
    /// response); `false` keeps the shared "no scopes here" warning.
    fn read_headers(
        &self,
        _evidence: &mut CredentialEvidence,
        _headers: &[(String, String)],
    ) -> bool {
        false
    }

    /// After a text block was read: fold together this platform's evidence about one token
    /// that the block's readers produced in pieces (credentials from `first` on: a refusal and
    /// the headers of the same response).
    fn finish_block(&self, _parsed: &mut Parsed, _first: usize) {}

    /// The kind of credential a bare list of this platform's scopes most likely is, and whether
    /// that is certain.
    fn list_credential(&self, _grants: &[ScopeGrant], _hints: &ListHints) -> (Credential, bool) {
        (Credential::Token, false)
    }

    /// What to paste to show a credential's scopes ("the PAT page's labels, …"), for verdicts
    /// that lack them.
    fn scopes_hint(&self) -> &'static str {
        self.info().scopes_hint
    }

    /// The formats this folder's readers report, with what the page calls them.
    fn formats(&self) -> &'static [FormatDef] {
        self.info().formats
    }

    /// What a grant also covers for this kind of credential only, beyond its vocabulary's
    /// `implies` (a GitLab personal access token's `api` covers Git over HTTP; a project
    /// token's does not).
    fn implies_for(&self, _credential: Credential, _id: &str) -> &'static [&'static str] {
        &[]
    }

    /// Whether a credential of this kind can hold the ids of `vocabulary` (a GitHub
    /// fine-grained token holds permissions, never classic scopes): a credential override that
    /// contradicts the evidence is not applied.
    fn holds(&self, _credential: Credential, _vocabulary: Vocabulary) -> bool {
        true
    }

    /// Conditions an account's role makes impossible to fix with any token (Stakeholder access).
    fn account_blockers(&self, _account: &AccountEvidence) -> Vec<String> {
        Vec::new()
    }

    /// Warnings for an account judged on its own (what its role means for any token of it).
    fn account_warnings(&self, _account: &AccountEvidence) -> Vec<Warning> {
        Vec::new()
    }

    /// When the input shows only part of what an account holds (Bitbucket Data Center lists the
    /// global permission granted to a user directly; groups and project grants add more), a
    /// role requirement it does not show cannot prove a failure: return what to paste to settle
    /// it, and the category is `unknown` rather than `impossible`. `needed` is the role id.
    fn role_unproven(&self, _account: &AccountEvidence, _needed: &str) -> Option<String> {
        None
    }

    /// Conditions no scope can fix, warnings, and the subject's name, for one credential.
    fn rules(&self, _context: &CredentialContext) -> Rules {
        Rules::default()
    }

    /// Subjects judged from this platform's own documents (Azure DevOps ACL exports), combined
    /// with the credential subjects already judged; an account (access level, role) the
    /// documents judge too is folded into their subject and marked `used`. Returns the
    /// report's what-if rows.
    fn judge_documents(
        &self,
        _parsed: &[Parsed],
        _options: &Options,
        _subjects: &mut Vec<Subject>,
        _accounts: &[(&Parsed, &AccountEvidence)],
        _used: &mut std::collections::BTreeSet<usize>,
    ) -> Vec<WhatIf> {
        Vec::new()
    }
}

/// What the text around a scope list said about the credential.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListHints {
    /// Scopes came from an OAuth authorize URL or token request.
    pub oauth_request: bool,
    /// The lines were a token page's labels.
    pub labels: bool,
    /// A command line or the text calls it an app password (`curl -u user:app_password`).
    pub app_password: bool,
    /// The response headers around the list (lower-case names), when it came from headers.
    pub headers: Vec<(String, String)>,
}

/// The folder that judges `platform`.
pub fn for_platform(platform: Platform) -> Option<&'static dyn PlatformModule> {
    REGISTRY
        .iter()
        .copied()
        .find(|m| m.platforms().contains(&platform))
}

/// Whether permcheck has a folder for `platform`.
/// Whether `host` (`dev.azure.com`, `api.github.com:443`) is served by a platform other than
/// `platform`'s folder: a command to it is not where `platform`'s credential lives.
pub fn serves_other(host: &str, platform: Platform) -> bool {
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    REGISTRY
        .iter()
        .filter(|m| !m.platforms().contains(&platform))
        .flat_map(|m| m.info().hosts.iter())
        .any(|h| host == *h || host.strip_suffix(h).is_some_and(|sub| sub.ends_with('.')))
}

pub fn is_evaluated(platform: Platform) -> bool {
    judged().any(|p| p == platform)
}

/// Every vocabulary of every platform.
pub fn vocabularies() -> impl Iterator<Item = Vocabulary> {
    REGISTRY
        .iter()
        .flat_map(|m| m.vocabularies().iter().copied())
}

/// Every platform permcheck judges, in registry order.
pub fn judged() -> impl Iterator<Item = Platform> {
    PLATFORM_LISTS.iter().flat_map(|list| list.iter().copied())
}

/// Whether two platforms are judged by the same folder (Azure DevOps Services and Server).
pub fn same_family(a: Platform, b: Platform) -> bool {
    // Folders are zero-sized (their addresses may coincide): compare what they judge.
    a == b
        || PLATFORM_LISTS
            .iter()
            .any(|list| list.contains(&a) && list.contains(&b))
}
