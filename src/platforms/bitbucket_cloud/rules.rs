//! Bitbucket Cloud rules no scope list shows: app passwords stopped working on 9 June 2026 (a
//! replacement is an API token, so what to grant is the API token's whole list), values the API
//! never returns, and the workspace role that caps every scope.

use super::catalog::{API_TOKEN_VOCABULARY, LEGACY_VOCABULARY, OAUTH_CONSENT_EXTRAS};
use super::sources::{
    ATLASSIAN_ACCESS_TOKENS, ATLASSIAN_APP_PASSWORD_END, ATLASSIAN_REST_INTRO,
    ATLASSIAN_REST_REFERENCE, XOPERO_MINIMUM,
};
use crate::catalog::Vocabulary;
use crate::evaluate::{everything_needed, CredentialContext, Rules};
use crate::model::Credential;

pub fn rules(context: &CredentialContext) -> Rules {
    let mut rules = Rules {
        read_only_source: Some(&XOPERO_MINIMUM),
        ..Rules::default()
    };
    let legacy = Vocabulary(&LEGACY_VOCABULARY);
    match context.credential {
        Credential::AppPassword => {
            rules.blockers.push("Bitbucket app passwords stopped working on 9 June 2026: create an Atlassian API token with the scopes listed under What to grant.".into());
            rules.missing = Some(everything_needed(
                Vocabulary(&API_TOKEN_VOCABULARY),
                Credential::ApiToken,
            ));
            rules.kind = Some("App password".into());
            if !context.evidence.credential_certain {
                rules.warn(
                    "app-password-assumed",
                    "Judged as an app password (the labels of its page). If this is a repository, project or workspace access token, choose that credential: access tokens keep working.",
                    &ATLASSIAN_APP_PASSWORD_END,
                );
            }
        }
        Credential::Oauth if context.vocabulary == Some(legacy) => {
            rules.not_excess = OAUTH_CONSENT_EXTRAS;
        }
        Credential::Token if context.vocabulary == Some(legacy) => {
            rules.warn(
                "app-password-check",
                "If this is an app password: app passwords stopped working on 9 June 2026, so create an Atlassian API token instead. OAuth consumers and access tokens keep these scope names.",
                &ATLASSIAN_APP_PASSWORD_END,
            );
        }
        Credential::AccessToken => {
            rules.warn(
                "access-token-limits",
                "Repository, project and workspace access tokens offer no issue or snippet scope and cannot query or change permissions: issues, snippets and permissions need an API token or an OAuth consumer.",
                &ATLASSIAN_ACCESS_TOKENS,
            );
        }
        _ => {}
    }
    // An empty x-oauth-scopes header: no scope list to judge, so what to grant is the whole
    // list of the vocabulary this kind of credential uses.
    if context
        .evidence
        .findings
        .iter()
        .any(|f| f.id == super::readers::NO_SCOPES)
        && rules.missing.is_none()
    {
        let (vocabulary, credential) = match context.credential {
            Credential::ApiToken => (Vocabulary(&API_TOKEN_VOCABULARY), Credential::ApiToken),
            other => (legacy, other),
        };
        rules.missing = Some(everything_needed(vocabulary, credential));
    }
    rules.warn(
        "secured-variables-not-restorable",
        "Secured pipeline and deployment variable values and the pipelines SSH private key are never returned by the API: a restore recreates them empty, whatever the token. Keep those values elsewhere.",
        &ATLASSIAN_REST_REFERENCE,
    );
    rules.warn(
        "webhook-secrets-not-restorable",
        "Webhook secrets are never returned by the API: restored webhooks need their secrets set again.",
        &ATLASSIAN_REST_REFERENCE,
    );
    rules.warn(
        "workspace-role-caps-scopes",
        "Scopes never exceed the user's own role: the account must be able to read (backup) and administer (restore) the repositories in the workspace.",
        &ATLASSIAN_REST_INTRO,
    );
    rules
}
