//! Bitbucket Data Center rules no permission list shows: which kind of HTTP access token it is
//! (personal tokens are capped by their owner; project and repository tokens are bound to one
//! project or repository and work only as Bearer tokens), the Git leg that fails separately from
//! the REST API, what no token can do (create projects, merge pull requests), where Xopero ONE
//! and Atlassian differ, and what a user's listed permissions can and cannot prove.

use super::catalog::user_vocabulary;
use super::readers::lines::token_owner_before;
use super::readers::request::TokenOwner;
use super::sources::{
    GLOBAL_PERMISSIONS, HTTP_ACCESS_TOKENS, PERMISSION_LEVELS, PERSONAL_ACCESS_TOKENS,
    REST_PERMISSIONS, XOPERO_REQUIRED,
};
use crate::evaluate::{warning, CredentialContext, Rules};
use crate::evidence::AccountEvidence;
use crate::model::Credential;
use crate::report::Warning;

/// Whether an account's grants include the global Admin permission.
fn is_global_admin(account: &AccountEvidence) -> bool {
    let vocabulary = user_vocabulary();
    let held: Vec<&str> = account
        .grants
        .iter()
        .filter(|g| g.vocabulary == vocabulary)
        .map(|g| g.id.as_str())
        .collect();
    vocabulary.closure(held).contains("ADMIN")
}

pub fn rules(context: &CredentialContext) -> Rules {
    let mut rules = Rules {
        read_only_source: Some(&XOPERO_REQUIRED),
        ..Rules::default()
    };
    let evidence = context.evidence;
    let owner = token_owner_before(&context.input.text, evidence.span.start);
    let git_failed = evidence
        .findings
        .iter()
        .any(|f| f.id == "bitbucket-dc-git-authentication-failed");
    match context.credential {
        Credential::AccessToken => {
            let (kind, scope_warning) = match &owner {
                Some(TokenOwner::Project(key)) => (
                    format!(
                        "Project HTTP access token{}",
                        key.as_ref().map(|k| format!(" of {k}")).unwrap_or_default()
                    ),
                    Some(format!(
                        "A project token reaches only its project{} and the repositories in it, and works only as a Bearer token (not with a username): protect other projects with their own tokens, or with a personal token of a user who can see them.",
                        key.as_ref().map(|k| format!(" ({k})")).unwrap_or_default()
                    )),
                ),
                Some(TokenOwner::Repository(key, slug)) => (
                    format!(
                        "Repository HTTP access token{}",
                        match (key, slug) {
                            (Some(k), Some(s)) => format!(" of {k}/{s}"),
                            _ => String::new(),
                        }
                    ),
                    Some("A repository token reaches only its repository, carries no project permission (so it can never recreate repositories or change project settings), and works only as a Bearer token.".to_string()),
                ),
                Some(TokenOwner::User(_)) => ("Personal HTTP access token".to_string(), None),
                // Only personal tokens have a user (project and repository tokens are their own).
                None if evidence.principal.is_some() => {
                    ("Personal HTTP access token".to_string(), None)
                }
                None => ("HTTP access token".to_string(), None),
            };
            rules.kind = Some(kind);
            match scope_warning {
                Some(message) => {
                    rules.warn("token-bound-to-one-resource", message, &HTTP_ACCESS_TOKENS)
                }
                None => owner_warning(&mut rules, context),
            }
            rules.warn(
                "tokens-cannot-merge",
                "HTTP access tokens cannot merge pull requests (a merge creates a commit, and only users with an e-mail address can): pull requests restored with a token stay open.",
                &HTTP_ACCESS_TOKENS,
            );
        }
        Credential::Token => {
            rules.kind = Some(match &evidence.principal {
                Some(p) => format!("Credential of {p}"),
                None => "Credential".to_string(),
            });
        }
        _ => {}
    }
    if !git_failed {
        rules.warn(
            "git-leg-separate",
            "Git over HTTPS signs in apart from the REST API: a token that lists branches can still fail `git fetch`. Give Git a personal token with its owner's username (https://USER:TOKEN@HOST/scm/…), or any token as a Bearer header (git -c http.extraHeader=\"Authorization: Bearer TOKEN\"; project and repository tokens work only so), and check with `git ls-remote`.",
            &HTTP_ACCESS_TOKENS,
        );
    }
    rules.warn(
        "xopero-vs-atlassian",
        "Xopero ONE asks for a global administrator (every repository) or Write on a project (that project), and says repository Read backs up and Write restores. Atlassian enforces more: repository settings, permissions and webhooks need Repository admin even to read, recreating a deleted repository needs Project admin, and recreating a deleted project needs the user's global Project Creator permission, which no token carries.",
        &XOPERO_REQUIRED,
    );
    rules
}

/// A personal token (or one of unknown kind) reaches what its owner can: say what the owner's
/// listed permissions show.
fn owner_warning(rules: &mut Rules, context: &CredentialContext) {
    let owner = context
        .evidence
        .principal
        .as_ref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    if context.accounts.iter().any(|a| is_global_admin(a)) {
        rules.warn(
            "owner-is-global-admin",
            format!("The token's owner{owner} is a global Admin, who has full access to every project and repository: the token reaches all of them, within its own permissions. It still cannot create projects: no token carries the owner's global permissions."),
            &PERMISSION_LEVELS,
        );
    } else if !context.accounts.is_empty() {
        rules.warn(
            "owner-not-global-admin",
            format!("The token's owner{owner} is not shown as a global Admin: the token reaches only the projects and repositories its owner was granted (directly or through groups), not every repository on the instance."),
            &PERMISSION_LEVELS,
        );
    } else {
        rules.warn(
            "token-capped-by-owner",
            "A personal token never exceeds its owner's permissions: it reaches only the projects and repositories its owner can, and every repository only if the owner is a global Admin (what Xopero ONE asks for). An admin can check the owner with `curl -s -u ADMIN:PASSWORD \"https://HOST/rest/api/latest/admin/permissions/users?filter=USER\"`.",
            &PERSONAL_ACCESS_TOKENS,
        );
    }
}

/// What an account's listed permissions mean for a backup, whatever token it uses.
pub fn account_warnings(account: &AccountEvidence) -> Vec<Warning> {
    let mut out = Vec::new();
    if is_global_admin(account) {
        out.push(warning(
            "global-admin-sees-everything",
            "A global Admin or System Admin has full access to every project and repository and can create projects: with this user's password, a backup tool reaches everything and can recreate deleted projects. A token of this user carries only project and repository permissions: it reaches every repository within them, but creates no project.",
            &PERMISSION_LEVELS,
        ));
    } else if account.raw_id.starts_with("globalPermission:") {
        out.push(warning(
            "direct-grants-only",
            "This listing shows the highest global permission granted to the user directly; a group can grant more, and project and repository permissions are granted apart from it. The user search with a permission filter counts every grant.",
            &GLOBAL_PERMISSIONS,
        ));
    } else {
        out.push(warning(
            "search-shows-one-permission",
            "The user search lists users who hold the filtered permission by any grant (directly, through a group or a project); other permissions need a search of their own.",
            &REST_PERMISSIONS,
        ));
    }
    out
}

/// Bitbucket Data Center listings show a lower bound of what a user holds (the direct global
/// grant, or one filtered permission): a requirement they do not show is undecided. One search
/// settles each, so the hint is the same for every category (the summary collapses them) and
/// the category names the permission.
pub fn role_unproven(account: &AccountEvidence, _needed: &str) -> Option<String> {
    let user = account.principal.as_deref().unwrap_or("USER");
    Some(format!(
        "search `curl -s -u USER:TOKEN \"https://HOST/rest/api/latest/users?filter={user}&permission.1=PERMISSION&permission.1.projectKey=KEY&permission.1.repositorySlug=SLUG\"` (REPO_READ backs up, REPO_WRITE restores; drop repositorySlug for a project permission; write permission=PROJECT_CREATE for creating projects): it lists {user} only if some grant, direct or through a group, gives it"
    ))
}
