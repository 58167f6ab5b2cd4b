//! GitHub rules no scope list shows: values GitHub never returns, the organization gates that
//! make a correct token fail (SAML SSO, OAuth app restrictions, token policies, approval of
//! fine-grained tokens), what fine-grained and App tokens cannot reach, GitHub Enterprise
//! Server's PAT-only integration, and the account's role that caps every token.

use super::catalog::{SCOPE_VOCABULARY, XOPERO_ASKS_FOR};
use super::permissions::ALWAYS_GRANTED;
use super::sources::{
    GH_ACCEPTED_PERMISSIONS, GH_FINE_GRAINED_LIMITS, GH_FINE_GRAINED_PERMISSIONS,
    GH_OAUTH_RESTRICTIONS, GH_PAT_POLICY, GH_PAT_REQUESTS, GH_REST_INSTALLATION_TOKEN,
    GH_REST_SECRETS, GH_SAML_PAT, GITPROTECT_DW5076, GITPROTECT_ENTERPRISE, PYTHON_GITHUB_BACKUP,
    XOPERO_READ_ONLY, XOPERO_ROLES, XOPERO_TOKEN,
};
use crate::catalog::Vocabulary;
use crate::evaluate::{everything_needed, CredentialContext, Rules};
use crate::evidence::AccountEvidence;
use crate::model::Credential;

const FINE_GRAINED_NOT_EXCESS: &[&str] = &[ALWAYS_GRANTED];

/// How the report names the credential.
fn kind_label(credential: Credential, vocabulary: Option<Vocabulary>) -> String {
    let fine = vocabulary.is_some_and(|v| v.id() == "github-permission");
    match credential {
        Credential::Pat => "Personal access token (classic)".into(),
        Credential::Oauth => "OAuth app token".into(),
        Credential::FineGrainedPat => "Fine-grained personal access token".into(),
        Credential::AppInstallationToken => "GitHub App installation".into(),
        Credential::AppUserToken => "GitHub App user token".into(),
        _ if fine => "Fine-grained token or GitHub App".into(),
        _ if vocabulary.is_some() => "Classic token (PAT or OAuth)".into(),
        _ => "GitHub token".into(),
    }
}

fn has_finding(context: &CredentialContext, id: &str) -> bool {
    context.evidence.findings.iter().any(|f| f.id == id)
}

pub fn rules(context: &CredentialContext) -> Rules {
    let evidence = context.evidence;
    let vocabulary = context.vocabulary;
    let fine = vocabulary.is_some_and(|v| v.id() == "github-permission")
        || matches!(
            context.credential,
            Credential::FineGrainedPat
                | Credential::AppInstallationToken
                | Credential::AppUserToken
        );
    // Only a fine-grained token or App can hold read access alone; a classic token that backs
    // up (repo) can write too, so "read-only" would mislead.
    let read_only = fine
        && vocabulary.is_some()
        && !evidence
            .grants
            .iter()
            .any(|g| g.id.ends_with(":write") || g.id.ends_with(":admin"));
    let mut rules = Rules {
        read_only_source: read_only.then_some(&XOPERO_READ_ONLY),
        notes_source: Some(&GH_ACCEPTED_PERMISSIONS),
        kind: Some(kind_label(context.credential, vocabulary)),
        not_excess: if fine {
            FINE_GRAINED_NOT_EXCESS
        } else {
            XOPERO_ASKS_FOR
        },
        ..Rules::default()
    };
    if has_finding(context, "github-no-scopes") {
        rules.missing = Some(everything_needed(
            Vocabulary(&SCOPE_VOCABULARY),
            context.credential,
        ));
    }
    rules.warn(
        "github-secrets-not-restorable",
        "GitHub never returns secret values (Actions, Dependabot, Codespaces and environment secrets), webhook secrets or the private halves of deploy keys: a restore recreates them empty, whatever the token. Keep those values elsewhere.",
        &GH_REST_SECRETS,
    );
    let app_installation = context.credential == Credential::AppInstallationToken;
    if !app_installation {
        match context.accounts.as_slice() {
            [] if context.unmatched_accounts.is_empty() => rules.warn(
                "github-role-unknown",
                "A token does only what its account may: restoring into an organization needs an organization owner (Xopero ONE restores a member's data into the member's own account), and collaborators, webhooks and settings need the repository's Admin role. Paste `gh api /orgs/{org}/memberships/{user}` (and `gh api /repos/{owner}/{repo}`) to judge the role too.",
                &XOPERO_ROLES,
            ),
            accounts => {
                // An organization role alone says nothing of the repositories' roles, which
                // decide collaborators, webhooks and settings (an owner is admin everywhere).
                let grants = || accounts.iter().flat_map(|a| a.grants.iter());
                let repo_role = grants().any(|g| g.vocabulary.id() == "github-repository-role");
                let owner = grants().any(|g| {
                    g.vocabulary.id() == "github-organization-role" && g.id == "owner"
                });
                if !repo_role && !owner {
                    rules.warn(
                        "github-repository-role-unknown",
                        "The organization role does not say the repositories' roles: listing collaborators needs Write, Maintain or Admin on each repository, and webhooks, deploy keys, branch protection and settings need Admin. Paste `gh api /repos/{owner}/{repo}` (its `permissions`) to judge them too.",
                        &super::sources::GH_REPO_ROLES,
                    );
                }
            }
        }
    }
    let sso_seen = evidence.findings.iter().any(|f| {
        matches!(
            f.id,
            "github-saml-sso"
                | "github-saml-sso-git"
                | "github-sso-required"
                | "github-sso-partial-results"
        )
    });
    match context.credential {
        Credential::Pat | Credential::Oauth | Credential::Token if !fine => {
            if !sso_seen {
                rules.warn(
                    "github-saml-sso-authorize",
                    "If an organization enforces SAML single sign-on, a classic token or OAuth app must be authorized for it (Configure SSO on the token page), or its calls there fail with 403 or 404 and lists silently leave the organization out. Authorize it in every organization you back up and in any you will restore into.",
                    &GH_SAML_PAT,
                );
            }
            if context.credential == Credential::Oauth
                && !has_finding(context, "github-oauth-app-restricted")
            {
                rules.warn(
                    "github-oauth-app-restrictions",
                    "Organizations can restrict OAuth apps (new organizations do by default): until an owner approves the backup tool's OAuth app, its token sees none of the organization's private data.",
                    &GH_OAUTH_RESTRICTIONS,
                );
            }
            if context.credential != Credential::Oauth
                && !has_finding(context, "github-classic-pat-forbidden")
            {
                rules.warn(
                    "github-classic-pat-policy",
                    "Organization and enterprise owners can forbid personal access tokens (classic): every call to such an organization then fails with 403, whatever the scopes.",
                    &GH_PAT_POLICY,
                );
            }
        }
        _ => {}
    }
    match context.credential {
        Credential::FineGrainedPat => {
            rules.warn(
                "github-fine-grained-reach",
                "A fine-grained token reaches one resource owner (one organization or one user) and only the repositories selected for it; an organization may require an owner's approval first (until then the token reads public resources only), and only classic tokens reach repositories where the account is an outside collaborator.",
                &GH_PAT_REQUESTS,
            );
            rules.warn(
                "github-fine-grained-backup-tool",
                "Xopero ONE documents classic scopes (repo and workflow) for its token integration: check that your backup tool accepts fine-grained tokens before relying on one.",
                &XOPERO_TOKEN,
            );
        }
        Credential::AppInstallationToken => {
            rules.warn(
                "github-app-user-repositories",
                "An App installed on an organization cannot back up the private repositories of user accounts: Xopero ONE and GitProtect ask for a personal access token as additional credentials for those (DW5076).",
                &GITPROTECT_DW5076,
            );
            rules.warn(
                "github-app-installation-token-lifetime",
                "Installation tokens last one hour: the backup tool creates a new one for each run with the installation's permissions, which are what is judged here.",
                &GH_REST_INSTALLATION_TOKEN,
            );
        }
        _ => {}
    }
    if fine && vocabulary.is_some() {
        rules.warn(
            "github-fine-grained-wikis-lfs",
            "GitHub's permission tables name no fine-grained permission for wikis and Git LFS objects: they go over Git, so they were judged with Contents. Test a wiki clone with this token before relying on it.",
            &GH_FINE_GRAINED_PERMISSIONS,
        );
        if context.credential != Credential::AppInstallationToken {
            rules.warn(
                "github-fine-grained-attachments",
                "Files attached to issues and pull requests of private repositories (images, uploads) cannot be downloaded with a fine-grained token: a backup with one leaves them out.",
                &PYTHON_GITHUB_BACKUP,
            );
        }
    }
    if let Some(host) = evidence.host.as_deref().filter(|h| *h != "github.com") {
        // GitHub Enterprise: Server, or Cloud with data residency (`*.ghe.com`).
        let what = if host.ends_with(".ghe.com") {
            "GitHub Enterprise Cloud with data residency"
        } else {
            "a GitHub Enterprise Server"
        };
        let pat = matches!(context.credential, Credential::Pat | Credential::Token);
        let this = if host.starts_with("GitHub Enterprise") {
            format!("This is {host}")
        } else {
            format!("{host} is {what}")
        };
        rules.warn(
            "github-enterprise-server-pat",
            if pat {
                format!("{this}: Xopero ONE and GitProtect integrate with it through a personal access token (classic) only, authorized for SSO in every organization to protect and any you will restore into.")
            } else {
                format!("{this}: Xopero ONE and GitProtect integrate with it through a personal access token (classic) only, not this kind of credential.")
            },
            &GITPROTECT_ENTERPRISE,
        );
    }
    if fine && vocabulary.is_none() && evidence.scopes_unseen {
        rules.warn(
            "github-fine-grained-limits",
            "Fine-grained tokens cannot do everything classic tokens can (outside collaborator access, some REST endpoints, and before GitHub Enterprise Server 3.10 the GraphQL API).",
            &GH_FINE_GRAINED_LIMITS,
        );
    }
    rules
}

/// What an account's role makes impossible whatever the token: a membership not accepted yet.
pub fn account_blockers(account: &AccountEvidence) -> Vec<String> {
    if account.raw_id.ends_with(":pending") {
        let place = account
            .scope
            .as_ref()
            .map(|s| format!(" in the {s}"))
            .unwrap_or_default();
        vec![format!("The account's membership{place} is pending (the invitation was not accepted), so it has no access there yet: accept the invitation.")]
    } else {
        Vec::new()
    }
}
