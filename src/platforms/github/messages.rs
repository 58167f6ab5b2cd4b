//! GitHub's refusals, recognised wherever they appear (a REST error body, a `git` remote
//! message, a CLI's or a CI log's line): what each proves, what to grant or where to click, and
//! what it cannot tell. Each message is matched on GitHub's own wording, never on a loose
//! keyword, so a message of another platform is never read as GitHub's.

use super::sources::{
    GH_FINE_GRAINED_PERMISSIONS, GH_GIT_ERRORS, GH_GRAPHQL_FINE_GRAINED, GH_OAUTH_APPROVAL,
    GH_PAT_POLICY, GH_PAT_REQUESTS, GH_REPO_ROLES, GH_REST_AUTH, GH_REST_SSO, GH_SAML_ABOUT,
    GH_SAML_PAT, GH_SCOPES, GH_TOKEN_EXPIRATION,
};
use crate::evidence::{Blocks, Finding};
use crate::model::{Credential, Operation};
use crate::source::Span;

/// Which GitHub refusal a text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// "Resource protected by organization SAML enforcement. You must grant your … token
    /// access to this organization."
    SamlEnforced { oauth: bool },
    /// Git: "The 'org' organization has enabled or enforced SAML SSO." (+ "re-authorize the
    /// OAuth Application 'GitHub CLI'").
    SamlGit { org: Option<String> },
    /// Git: "you must re-authorize the OAuth Application 'X'".
    SamlReauthorize { app: String },
    /// `X-GitHub-SSO: required; url=…`.
    SsoRequired { url: Option<String> },
    /// `X-GitHub-SSO: partial-results; organizations=…`.
    SsoPartial { organizations: String },
    /// "the `org` organization has enabled OAuth App access restrictions".
    OauthRestricted { org: Option<String> },
    /// "`org` forbids access via a personal access token (classic)".
    ClassicForbidden { org: Option<String> },
    /// "`org` forbids access via a personal access token with fine-grained permissions".
    FineGrainedForbidden { org: Option<String> },
    /// "The 'org' organization forbids access via a fine-grained personal access tokens if the
    /// token's lifetime is greater than N days."
    LifetimePolicy {
        org: Option<String>,
        days: Option<String>,
    },
    /// "Resource not accessible by personal access token".
    NotAccessibleByPat,
    /// "Resource not accessible by integration".
    NotAccessibleByIntegration { user_endpoint: bool },
    /// Git: "remote: Write access to repository not granted."
    WriteAccessNotGranted,
    /// Git: "remote: Permission to owner/repo.git denied to user."
    PushDenied { what: String },
    /// Git: "refusing to allow a Personal Access Token / an OAuth App / a GitHub App to create
    /// or update workflow `…` without `workflow` scope".
    WorkflowRefused { actor: Credential, file: String },
    /// "Personal access tokens with fine grained access do not support the GraphQL API".
    GraphqlFineGrained,
    /// A REST 404 (GitHub hides what a token may not see) or git "Repository not found.".
    NotFound,
    /// "Bad credentials", "Invalid username or password", "Support for password authentication
    /// was removed".
    BadCredentials { password: bool },
    /// "Requires authentication".
    RequiresAuthentication,
    /// "Must have admin rights to Repository."
    AdminRightsRequired,
}

/// The quoted name after `marker` in `text` (`the 'NixOS' organization`, `` `org` forbids``).
fn quoted_before(text: &str, marker: &str) -> Option<String> {
    let at = text.find(marker)?;
    let before = text[..at].trim_end();
    let quote = before.chars().last()?;
    if !matches!(quote, '\'' | '`' | '"' | '’') {
        return None;
    }
    let inner = &before[..before.len() - quote.len_utf8()];
    let (start, open) = inner
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '\'' | '`' | '"' | '‘'))?;
    let name = inner.get(start + open.len_utf8()..)?;
    (!name.is_empty() && name.len() <= 100 && !name.contains(char::is_whitespace))
        .then(|| name.to_string())
}

/// The first `quote`-delimited text after `marker`.
fn quoted_after(text: &str, marker: &str, quote: char) -> Option<String> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let start = rest.find(quote)? + quote.len_utf8();
    let len = rest[start..].find(quote)?;
    Some(rest[start..start + len].to_string())
}

/// The GitHub refusal `text` (one line or one error message) is, if it is one.
pub fn recognize(text: &str) -> Option<Message> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("resource protected by organization saml enforcement") {
        return Some(Message::SamlEnforced {
            oauth: lower.contains("oauth token"),
        });
    }
    if lower.contains("has enabled or enforced saml sso") {
        return Some(Message::SamlGit {
            org: quoted_before(text, " organization has enabled or enforced SAML SSO"),
        });
    }
    if lower.contains("you must re-authorize the oauth application") {
        return Some(Message::SamlReauthorize {
            app: quoted_after(text, "OAuth Application", '\'').unwrap_or_default(),
        });
    }
    if lower.contains("has enabled oauth app access restrictions") {
        return Some(Message::OauthRestricted {
            org: quoted_before(
                text,
                " organization has enabled OAuth App access restrictions",
            ),
        });
    }
    if lower.contains("forbids access via a personal access token (classic)") {
        return Some(Message::ClassicForbidden {
            org: quoted_before(
                text,
                " forbids access via a personal access token (classic)",
            ),
        });
    }
    if lower.contains("forbids access via a personal access token with fine-grained permissions") {
        return Some(Message::FineGrainedForbidden {
            org: quoted_before(
                text,
                " forbids access via a personal access token with fine-grained permissions",
            ),
        });
    }
    if lower.contains("forbids access via a fine-grained personal access token")
        && lower.contains("lifetime is greater than")
    {
        let days = lower
            .split("lifetime is greater than")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .map(|d| d.trim_matches(|c: char| !c.is_ascii_digit()).to_string())
            .filter(|d| !d.is_empty());
        return Some(Message::LifetimePolicy {
            org: quoted_before(text, " organization forbids access"),
            days,
        });
    }
    if lower.contains("resource not accessible by personal access token") {
        return Some(Message::NotAccessibleByPat);
    }
    if lower.contains("resource not accessible by integration") {
        return Some(Message::NotAccessibleByIntegration {
            user_endpoint: lower.contains("get-the-authenticated-user"),
        });
    }
    if lower.contains("write access to repository not granted") {
        return Some(Message::WriteAccessNotGranted);
    }
    if let Some(rest) = lower.strip_prefix("remote: permission to ") {
        if rest.contains(" denied to ") {
            let what = text
                .get("remote: ".len()..)
                .unwrap_or(text)
                .trim()
                .trim_end_matches('.')
                .to_string();
            return Some(Message::PushDenied { what });
        }
    }
    if lower.contains("to create or update workflow") && lower.contains("refusing to allow") {
        let actor = if lower.contains("refusing to allow an oauth app") {
            Credential::Oauth
        } else if lower.contains("refusing to allow a github app") {
            Credential::AppInstallationToken
        } else {
            Credential::Pat
        };
        let file = quoted_after(text, "update workflow", '`').unwrap_or_default();
        return Some(Message::WorkflowRefused { actor, file });
    }
    if lower
        .contains("personal access tokens with fine grained access do not support the graphql api")
    {
        return Some(Message::GraphqlFineGrained);
    }
    if lower.contains("support for password authentication was removed") {
        return Some(Message::BadCredentials { password: true });
    }
    if lower
        .trim_start_matches("remote: ")
        .starts_with("invalid username or password")
        || lower
            .trim_start_matches("remote: ")
            .starts_with("invalid username or token")
    {
        return Some(Message::BadCredentials { password: false });
    }
    if lower.trim() == "remote: repository not found." {
        return Some(Message::NotFound);
    }
    if lower.contains("must have admin rights to repository") {
        return Some(Message::AdminRightsRequired);
    }
    None
}

/// A REST error body's `message` that only means something with its status (`Not Found`,
/// `Bad credentials`), recognised only in a GitHub error body.
pub fn recognize_body(message: &str) -> Option<Message> {
    recognize(message).or_else(|| match message.trim() {
        "Not Found" => Some(Message::NotFound),
        "Bad credentials" => Some(Message::BadCredentials { password: false }),
        "Requires authentication" => Some(Message::RequiresAuthentication),
        _ => None,
    })
}

/// The credential a message says was used, and whether it says so for certain.
pub fn credential_of(message: &Message) -> Option<(Credential, bool)> {
    match message {
        Message::SamlEnforced { oauth: true } | Message::OauthRestricted { .. } => {
            Some((Credential::Oauth, true))
        }
        Message::SamlReauthorize { .. } => Some((Credential::Oauth, true)),
        Message::SamlEnforced { oauth: false } | Message::ClassicForbidden { .. } => {
            Some((Credential::Pat, true))
        }
        Message::FineGrainedForbidden { .. }
        | Message::LifetimePolicy { .. }
        | Message::NotAccessibleByPat
        | Message::GraphqlFineGrained => Some((Credential::FineGrainedPat, true)),
        Message::NotAccessibleByIntegration { .. } => {
            Some((Credential::AppInstallationToken, false))
        }
        Message::WorkflowRefused { actor, .. } => Some((*actor, *actor != Credential::Pat)),
        _ => None,
    }
}

/// Every category: a finding with `blocks` set and no categories blocks them all.
const ALL: &[&str] = &[];

fn org_name(org: &Option<String>) -> String {
    org.as_ref()
        .map(|o| format!("the {o} organization"))
        .unwrap_or_else(|| "the organization".to_string())
}

/// What `message` proves, as a finding located at `span`.
pub fn finding(message: &Message, span: Span) -> Finding {
    let make = |id: &'static str,
                blocks: Blocks,
                categories: &'static [&'static str],
                proves: String,
                action: String,
                cannot_tell: String,
                source: &'static crate::catalog::Source| Finding {
        id,
        blocks,
        categories,
        proves,
        action,
        cannot_tell,
        span,
        source,
    };
    match message {
        Message::SamlEnforced { oauth } => make(
            "github-saml-sso",
            Blocks::Both,
            ALL,
            "The organization enforces SAML single sign-on and this token is not authorized for it: every call to that organization's resources fails (403 or 404).".into(),
            if *oauth {
                "Open the organization on github.com, sign in through its identity provider, and authorize the OAuth app for the organization (Settings › Applications › Authorized OAuth Apps)."
            } else {
                "On github.com: Settings › Developer settings › Personal access tokens › Tokens (classic) › Configure SSO › Authorize next to the organization (a fine-grained token is authorized when it is created; App tokens need nothing)."
            }
            .into(),
            "Which organization it is when the message does not name it, and whether the token's scopes suffice once it is authorized.".into(),
            if *oauth { &GH_SAML_ABOUT } else { &GH_SAML_PAT },
        ),
        Message::SamlGit { org } => make(
            "github-saml-sso-git",
            Blocks::Both,
            ALL,
            format!("{} enforces SAML single sign-on and refused this Git credential: cloning (backup) and pushing (restore) fail until it is authorized.", capitalized(&org_name(org))),
            "Authorize the credential for the organization: for an OAuth app (GitHub CLI, Git Credential Manager) sign in again and authorize it for the organization; for a classic token use Configure SSO on the token page.".into(),
            "Whether the credential's scopes suffice once it is authorized.".into(),
            &GH_SAML_ABOUT,
        ),
        Message::SamlReauthorize { app } => make(
            "github-saml-sso-git",
            Blocks::Both,
            ALL,
            format!("The organization enforces SAML single sign-on and the OAuth app{} must be re-authorized before Git may clone or push its repositories.", if app.is_empty() { String::new() } else { format!(" '{app}'") }),
            "Sign in to the app again (for GitHub CLI: `gh auth refresh`, or `gh auth login`) and authorize it for the organization when GitHub asks.".into(),
            "Whether the app's scopes suffice once it is authorized.".into(),
            &GH_SAML_ABOUT,
        ),
        Message::SsoRequired { url } => make(
            "github-sso-required",
            Blocks::Both,
            ALL,
            "The response says SAML single sign-on is required (X-GitHub-SSO: required): this token is not authorized for the organization, so its resources are refused.".into(),
            match url {
                Some(u) => format!("Open the URL in the header to authorize the token (it expires after one hour): {u}"),
                None => "Authorize the token for the organization: Settings › Developer settings › Personal access tokens › Configure SSO.".into(),
            },
            "Which of the token's scopes are needed once it is authorized.".into(),
            &GH_REST_SSO,
        ),
        Message::SsoPartial { organizations } => make(
            "github-sso-partial-results",
            Blocks::Both,
            ALL,
            format!("The response left out the organizations that require SAML single sign-on (X-GitHub-SSO: partial-results; organization ids {organizations}): a backup that lists repositories with this token silently misses theirs, and cannot restore into them."),
            "Authorize the token for each of those organizations (Settings › Developer settings › Personal access tokens › Configure SSO).".into(),
            "The organizations' names (the header gives their ids), and whether the organizations it did return are complete.".into(),
            &GH_REST_SSO,
        ),
        Message::OauthRestricted { org } => make(
            "github-oauth-app-restricted",
            Blocks::Both,
            ALL,
            format!("{} has OAuth app access restrictions on and has not approved this OAuth app: the token cannot read the organization's private data (backup) nor write to it (restore), whatever its scopes.", capitalized(&org_name(org))),
            "An organization owner approves the app: organization Settings › Third-party Access › OAuth application policy › the app › Grant access (members can request it from their own Settings › Applications).".into(),
            "Whether the token's scopes suffice once the app is approved.".into(),
            &GH_OAUTH_APPROVAL,
        ),
        Message::ClassicForbidden { org } => make(
            "github-classic-pat-forbidden",
            Blocks::Both,
            ALL,
            format!("{} does not allow personal access tokens (classic): this token type is refused there, whatever its scopes.", capitalized(&org_name(org))),
            "Use a fine-grained personal access token (resource owner: the organization), a GitHub App, or an OAuth app; or ask an owner to allow classic tokens (organization Settings › Personal access tokens).".into(),
            "Whether a fine-grained token would be approved: the organization may require approval.".into(),
            &GH_PAT_POLICY,
        ),
        Message::FineGrainedForbidden { org } => make(
            "github-fine-grained-pat-forbidden",
            Blocks::Both,
            ALL,
            format!("{} does not allow fine-grained personal access tokens: this token type is refused there, whatever its permissions.", capitalized(&org_name(org))),
            "Use a GitHub App, an OAuth app or a personal access token (classic), as the message says; or ask an owner to allow fine-grained tokens (organization Settings › Personal access tokens).".into(),
            "Whether a classic token is allowed there: the organization may restrict those too.".into(),
            &GH_PAT_POLICY,
        ),
        Message::LifetimePolicy { org, days } => make(
            "github-fine-grained-lifetime-policy",
            Blocks::Both,
            ALL,
            format!("{} refuses fine-grained tokens that live longer than {}: every call to it fails with this token, even reads of public repositories.", capitalized(&org_name(org)), days.as_ref().map(|d| format!("{d} days")).unwrap_or_else(|| "its maximum lifetime".into())),
            "Shorten the token's expiration to within the limit (the message links the token's settings page), or create a new token with a shorter lifetime.".into(),
            "Whether the token's permissions suffice once its lifetime is within the limit.".into(),
            &GH_PAT_POLICY,
        ),
        Message::NotAccessibleByPat => make(
            "github-fine-grained-permission-missing",
            Blocks::Nothing,
            ALL,
            "A call made with this fine-grained token was refused: the token lacks the permission the call needs, or the organization has not approved the token yet (then it reads only public resources).".into(),
            "Add the permission the call needs (the response's X-Accepted-GitHub-Permissions header names it) on the token's page; if the organization requires approval, ask an owner to approve the request.".into(),
            "Which call failed and which permission it needs, unless the response's X-Accepted-GitHub-Permissions header is pasted with it.".into(),
            &GH_PAT_REQUESTS,
        ),
        Message::NotAccessibleByIntegration { user_endpoint: true } => make(
            "github-app-endpoint-not-available",
            Blocks::Nothing,
            ALL,
            "GET /user answered \"Resource not accessible by integration\": an App installation token (and GITHUB_TOKEN) has no user, so user-only endpoints refuse it. This is not a missing permission.".into(),
            "Nothing to grant: a backup with an App installation token lists repositories through the installation (GET /installation/repositories).".into(),
            "Whether the App's permissions suffice for backup and restore: paste its permissions (`gh api /orgs/{org}/installations`).".into(),
            &GH_REST_AUTH,
        ),
        Message::NotAccessibleByIntegration { user_endpoint: false } => make(
            "github-app-permission-missing",
            Blocks::Nothing,
            ALL,
            "A call made with a GitHub App token (or GITHUB_TOKEN) was refused: the App lacks the permission the call needs, or the call is not available to App tokens.".into(),
            "Add the permission on the App's settings page (the response's X-Accepted-GitHub-Permissions header names it); the organization owner must then accept the new permissions on the installation.".into(),
            "Which call failed and which permission it needs, unless the response's X-Accepted-GitHub-Permissions header is pasted with it.".into(),
            &GH_REST_AUTH,
        ),
        Message::WriteAccessNotGranted => make(
            "github-git-access-not-granted",
            Blocks::Both,
            ALL,
            "Git refused this token for the repository (\"Write access to repository not granted\" is GitHub's answer even to a clone): a fine-grained token or App without Contents access to it, or a token whose resource owner or repository selection leaves it out.".into(),
            "Give the token Contents: Read-only for backup, Read and write for restore, on this repository: check its resource owner and repository access on the token's page.".into(),
            "Whether the token has any other permission; and for a clone, that the message names write although read is what is missing.".into(),
            &GH_FINE_GRAINED_PERMISSIONS,
        ),
        Message::PushDenied { what } => make(
            "github-git-push-denied",
            Blocks::Only(Operation::Restore),
            &["repositories"],
            format!("GitHub refused the push ({what}): the account has no write access to the repository, or the token lacks repo (classic) or Contents: Read and write (fine-grained)."),
            "Give the account the Write role on the repository and the token repo (classic) or Contents: Read and write.".into(),
            "Which of the two is missing, and whether reads (backup) work.".into(),
            &GH_GIT_ERRORS,
        ),
        Message::WorkflowRefused { actor, file } => make(
            "github-workflow-scope-missing",
            Blocks::Only(Operation::Restore),
            &["repositories", "actions"],
            format!("GitHub refused to push {} because the token lacks {}: a restore of any repository containing workflow files is refused whole.", if file.is_empty() { "a workflow file".to_string() } else { format!("`{file}`") }, if *actor == Credential::AppInstallationToken { "the Workflows permission" } else { "the workflow scope" }),
            match actor {
                Credential::AppInstallationToken => "Give the App Workflows: Read and write (and accept the new permission on the installation).".into(),
                Credential::Oauth => "Authorize the OAuth app with the workflow scope (for GitHub CLI: `gh auth refresh -s workflow`).".into(),
                _ => "Add the workflow scope to the token (Tokens (classic) › the token › workflow), or Workflows: Read and write for a fine-grained token.".into(),
            },
            "Whether backups work (reading does not need workflow), and whether other scopes are missing.".into(),
            &GH_SCOPES,
        ),
        Message::GraphqlFineGrained => make(
            "github-graphql-fine-grained",
            Blocks::Both,
            ALL,
            "GitHub's GraphQL API refused this fine-grained token (github.com before April 2023, GitHub Enterprise Server before 3.10): a backup tool that lists repositories, pull requests, discussions or projects through GraphQL fails with it.".into(),
            "Upgrade GitHub Enterprise Server to 3.10 or later, or use a personal access token (classic) with the tool.".into(),
            "Whether the token's permissions suffice for the REST calls, and whether the tool uses GraphQL for anything else.".into(),
            &GH_GRAPHQL_FINE_GRAINED,
        ),
        Message::NotFound => make(
            "github-not-found",
            Blocks::Both,
            ALL,
            "GitHub answered 404 Not Found: it answers so, not 403, for a private resource the token may not see (wrong resource owner or repository selection, organization approval pending, missing repo scope).".into(),
            "Check the token reaches the repository: repo scope (classic), or the organization as resource owner and the repository selected (fine-grained), approved by the organization if it requires approval.".into(),
            "Whether the repository exists at all: GitHub answers 404 both for a missing repository and for one this token may not see.".into(),
            &GH_REST_AUTH,
        ),
        Message::BadCredentials { password } => make(
            "github-bad-credentials",
            Blocks::Both,
            ALL,
            if *password {
                "GitHub refused a password: Git and the API take a token, not the account's password.".to_string()
            } else {
                "GitHub did not accept the token (Bad credentials): it is mistyped, expired or revoked, so it grants nothing.".to_string()
            },
            "Create a new token with the scopes or permissions listed under What to grant, and give it to the backup tool.".into(),
            "What the token could do if it were valid.".into(),
            &GH_TOKEN_EXPIRATION,
        ),
        Message::RequiresAuthentication => make(
            "github-no-token-sent",
            Blocks::Both,
            ALL,
            "The call carried no token (Requires authentication): nothing private can be read or written this way.".into(),
            "Give the backup tool a token, and check it sends it (an `Authorization: Bearer` header).".into(),
            "Anything about the token meant to be used.".into(),
            &GH_REST_AUTH,
        ),
        Message::AdminRightsRequired => make(
            "github-admin-rights-required",
            Blocks::Both,
            &["webhooks", "settings", "collaborators"],
            "GitHub refused a call that needs the repository's Admin role (\"Must have admin rights to Repository\"): webhooks, deploy keys, branch protection and access settings cannot be read or restored by this account.".into(),
            "Give the backup account the Admin role on the repositories (organization owners have it on all of them).".into(),
            "Whether the token's scopes suffice once the account is an admin.".into(),
            &GH_REPO_ROLES,
        ),
    }
}

fn capitalized(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// The alternatives of an `X-Accepted-GitHub-Permissions` value: `;` separates alternative
/// sets, `,` joins the permissions of one set (`contents=write; contents=write,workflows=write`).
pub fn accepted_sets(value: &str) -> Vec<Vec<(String, String)>> {
    value
        .split(';')
        .map(|set| {
            set.split(',')
                .filter_map(|pair| {
                    let (key, level) = pair.trim().split_once('=')?;
                    Some((key.trim().to_string(), level.trim().to_string()))
                })
                .collect::<Vec<_>>()
        })
        .filter(|set| !set.is_empty())
        .collect()
}

/// "contents=write; contents=write,workflows=write" for people: "either Contents: Read and
/// write, or Contents: Read and write with Workflows: Read and write".
pub fn describe_accepted(value: &str) -> String {
    let sets = accepted_sets(value);
    let name = |key: &str, level: &str| -> String {
        super::permissions::Level::parse(level)
            .and_then(|l| super::permissions::grant_id(key, l))
            .map(|id| {
                crate::catalog::Vocabulary(&super::permissions::PERMISSION_VOCABULARY).named(id)
            })
            .unwrap_or_else(|| format!("{key}={level}"))
    };
    let described: Vec<String> = sets
        .iter()
        .map(|set| {
            set.iter()
                .map(|(k, l)| name(k, l))
                .collect::<Vec<_>>()
                .join(" with ")
        })
        .collect();
    match described.as_slice() {
        [] => value.to_string(),
        [one] => one.clone(),
        many => format!("either {}", many.join(", or ")),
    }
}

/// The permissions a refused call proves the token lacks: when every alternative the endpoint
/// accepts failed, a set of one permission is missing for certain.
pub fn certainly_missing(value: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for set in accepted_sets(value) {
        if let [(key, level)] = set.as_slice() {
            let id = super::permissions::Level::parse(level)
                .and_then(|l| super::permissions::grant_id(key, l));
            if let Some(id) = id {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_names_are_read_from_either_quote() {
        let m = recognize("`AikidoSec` forbids access via a personal access token with fine-grained permissions. Please use a GitHub App, or an OAuth App.");
        assert_eq!(
            m,
            Some(Message::FineGrainedForbidden {
                org: Some("AikidoSec".into())
            })
        );
        let m = recognize("The 'NixOS' organization forbids access via a fine-grained personal access tokens if the token's lifetime is greater than 90 days. Please adjust");
        assert_eq!(
            m,
            Some(Message::LifetimePolicy {
                org: Some("NixOS".into()),
                days: Some("90".into())
            })
        );
    }

    #[test]
    fn curly_quotes_never_split_a_character() {
        let m = recognize("‘Acme’ forbids access via a personal access token (classic).");
        assert_eq!(
            m,
            Some(Message::ClassicForbidden {
                org: Some("Acme".into())
            })
        );
    }

    #[test]
    fn other_platforms_messages_are_not_githubs() {
        for text in [
            "remote: You are not allowed to push code to this project.",
            "{\"message\":\"404 Project Not Found\"}",
            "fatal: Authentication failed for 'https://bitbucket.example.com/scm/p/r.git/'",
            "Not Found",
        ] {
            assert_eq!(recognize(text), None, "{text}");
        }
    }

    #[test]
    fn accepted_permissions_are_alternatives_of_sets() {
        let value = "contents=write; contents=write,workflows=write";
        assert_eq!(accepted_sets(value).len(), 2);
        assert_eq!(certainly_missing(value), vec!["contents:write"]);
        assert!(describe_accepted(value).starts_with("either Contents: Read and write"));
        assert_eq!(
            certainly_missing("repository_projects=write; organization_projects=admin"),
            vec!["repository_projects:write", "organization_projects:admin"]
        );
    }
}
