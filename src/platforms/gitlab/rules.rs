//! GitLab rules no scope list shows: which kind of token it is (a personal token's `api` covers
//! Git, a project or group token's does not), how far a project or group token reaches, the role
//! that caps every scope, what `glab auth status` cannot show, and what no backup can carry back
//! (hidden variable values, webhook secrets, what a project export leaves out).

use super::sources::{
    CI_VARIABLES, FILE_EXPORTS, GLAB_AUTH_STATUS, SCOPES, SCOPES_GIT_OVER_HTTP, WEBHOOKS_API,
    XOPERO_PERMISSIONS, XOPERO_ROLES,
};
use crate::evaluate::{CredentialContext, Rules};
use crate::evidence::AccountEvidence;
use crate::model::Credential;

pub fn account_blockers(account: &AccountEvidence) -> Vec<String> {
    match account
        .raw_id
        .strip_prefix("state:")
        .and_then(|rest| rest.split(' ').next())
    {
        Some(state) => vec![format!(
            "The account is {state} on GitLab: it can do nothing until it is active again, whatever its role."
        )],
        None => Vec::new(),
    }
}

/// Whether the credential was read from `glab auth status` (its hint says so).
fn from_glab(context: &CredentialContext) -> bool {
    context.evidence.scopes_unseen
        && context
            .evidence
            .scopes_hint
            .as_deref()
            .is_some_and(|h| h.starts_with(super::lines::GLAB_HINT))
}

pub fn rules(context: &CredentialContext) -> Rules {
    let mut rules = Rules {
        read_only_source: Some(&XOPERO_PERMISSIONS),
        ..Rules::default()
    };
    let evidence = context.evidence;
    let glab = from_glab(context);
    rules.kind = Some(match context.credential {
        Credential::Pat => "Personal access token".to_string(),
        Credential::AccessToken => {
            let place = context.accounts.iter().find_map(|a| a.scope.as_deref());
            match place {
                Some(p) if p.starts_with("project") => "Project access token".to_string(),
                Some(p) if p.starts_with("group") => "Group access token".to_string(),
                _ => "Project or group access token".to_string(),
            }
        }
        Credential::Oauth => "OAuth token".to_string(),
        _ if glab => match &evidence.principal {
            Some(user) => format!("glab login of {user}"),
            None => "glab login".to_string(),
        },
        _ => "Token".to_string(),
    });
    if glab {
        let host = evidence.host.as_deref().unwrap_or("gitlab.example.com");
        rules.warn(
            "glab-prints-no-scopes",
            format!("glab auth status shows who is logged in, never the token's scopes or role, so nothing can be judged from it. Paste the answer of `curl --header \"PRIVATE-TOKEN: <your_token>\" \"https://{host}/api/v4/personal_access_tokens/self\"` for the scopes, and of …/personal_access_tokens/self/associations for the role in each group and project."),
            &GLAB_AUTH_STATUS,
        );
    }
    if context.scopes_known() {
        if context.credential == Credential::Pat && !evidence.credential_certain {
            rules.warn(
                "pat-assumed",
                "Judged as a personal access token, whose api also covers Git over HTTP and the registry. If this is a project or group access token, choose that credential: its api covers neither, so cloning needs read_repository and pushing write_repository.",
                &SCOPES_GIT_OVER_HTTP,
            );
        }
        if context.accounts.is_empty() && context.unmatched_accounts.is_empty() {
            rules.warn(
                "role-caps-scopes",
                "A token does only what its user's (or bot user's) role allows, whatever its scopes: Reporter backs up code, issues and merge requests; Maintainer is needed for CI/CD variables, deploy keys and webhooks, and to restore into a group. Paste …/personal_access_tokens/self/associations (or …/members/all/<user_id>) to judge the role too.",
                &XOPERO_ROLES,
            );
        }
    }
    if context.credential == Credential::AccessToken {
        rules.warn(
            "access-token-reach",
            "A project access token reaches only its project, a group access token only its group and subgroups: back up everything else with another token.",
            &SCOPES,
        );
    }
    rules.warn(
        "export-leaves-out",
        "GitLab's own project export needs the Maintainer role on each project, leaves out CI/CD variables, webhooks, container registry images, build traces and artifacts, and encrypted tokens, and GitLab advises against using it as a backup: a tool that backs up by export must carry those separately. Restored issues, merge requests and comments keep their authors only when an administrator imports on a self-managed instance.",
        &FILE_EXPORTS,
    );
    rules.warn(
        "hidden-variables-not-restorable",
        "CI/CD variables set as \"Masked and hidden\" can never be revealed once saved, so no backup reads their values: keep them elsewhere to set them again after a restore.",
        &CI_VARIABLES,
    );
    rules.warn(
        "webhook-secrets-not-restorable",
        "Webhook secret tokens and custom header values are never returned by the API: restored webhooks need them set again.",
        &WEBHOOKS_API,
    );
    rules
}
