//! Azure DevOps rules no scope list shows: the PAT's organization setting, OAuth's account
//! kinds and consent policy, Server's PAT-only integration, Stakeholder access, and how a token
//! and the ACLs of its account are judged together.

use super::sources::{
    LEARN_SERVER_AUTH, LEARN_STAKEHOLDER, XOPERO_ACCESS_LEVELS, XOPERO_GRANULAR, XOPERO_OAUTH,
    XOPERO_OAUTH_INSTALL, XOPERO_PAT,
};
use crate::catalog::Source;
use crate::evaluate::{rank, warning, CredentialContext, Rules};
use crate::evidence::{AccountEvidence, AccountKind, OrgTargeting};
use crate::model::{Credential, Platform, Verdict};
use crate::parse::Parsed;
use crate::report::{Subject, WhatIf};
use crate::Options;
use std::collections::BTreeSet;

/// The rule that scopes and ACLs of one account are judged together.
const INTERSECTION: Source = Source {
    title: "Microsoft Learn: About permissions and security groups (a token acts with its user's permissions)",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/security/about-permissions",
};

pub fn account_blockers(account: &AccountEvidence) -> Vec<String> {
    if account.grants.iter().any(|g| g.id == "stakeholder") {
        vec!["The account has Stakeholder access, which cannot read or protect repositories: assign Basic, Visual Studio Subscriber or GitHub Enterprise.".to_string()]
    } else {
        Vec::new()
    }
}

pub fn rules(context: &CredentialContext) -> Rules {
    let evidence = context.evidence;
    let mut rules = Rules {
        read_only_source: Some(&XOPERO_PAT),
        ..Rules::default()
    };
    rules.kind = match context.credential {
        Credential::Pat => Some("PAT".into()),
        Credential::Oauth => Some("OAuth token".into()),
        _ => None,
    };
    if context.platform == Platform::AzureDevopsServer && context.credential == Credential::Oauth {
        rules.blockers.push(
            "Azure DevOps Server is integrated with a personal access token (PAT) only, not OAuth."
                .into(),
        );
    }
    if context.credential == Credential::Oauth
        && evidence.account_kind == Some(AccountKind::Personal)
    {
        rules.blockers.push("This OAuth token belongs to a personal Microsoft account; OAuth integration supports only organizational (Microsoft Entra ID) accounts. Use a PAT instead.".into());
    }
    if let Some(OrgTargeting::Specific(orgs)) = &evidence.org_targeting {
        rules.blockers.push(format!(
            "This PAT is limited to {} organization(s); it must be created with Organization set to \"All accessible organizations\".",
            orgs.len()
        ));
    }
    if context.scopes_known() {
        match context.credential {
            Credential::Pat => {
                if evidence.org_targeting.is_none() {
                    rules.warn(
                        "pat-all-organizations",
                        "Scopes cannot show the PAT's Organization setting: it must be \"All accessible organizations\". Check it on the PAT page, or paste the _apis/tokens/pats response.",
                        &XOPERO_PAT,
                    );
                }
                if !evidence.credential_certain {
                    rules.warn(
                        "credential-assumed-pat",
                        "Judged as a PAT. If these scopes are an OAuth grant, choose OAuth: OAuth also needs Artifacts: user_impersonation and an organizational account.",
                        &XOPERO_OAUTH,
                    );
                }
            }
            Credential::Oauth => {
                if evidence.account_kind.is_none() {
                    rules.warn(
                        "oauth-organizational-account",
                        "OAuth works only with organizational (Microsoft Entra ID) accounts, not personal Microsoft accounts; use a PAT for a personal account. Paste the JWT to check.",
                        &XOPERO_OAUTH,
                    );
                }
                rules.warn(
                    "oauth-consent-policy",
                    "Authorizing the app depends on the tenant's user consent settings: with \"Do not allow user consent\" only an Application Administrator or Global Administrator can approve it; with \"verified publishers, selected permissions\" every requested permission must be classified low impact.",
                    &XOPERO_OAUTH_INSTALL,
                );
                rules.warn(
                    "oauth-administrator-role",
                    "The account that authorizes the OAuth app should have an administrator role, or the approval button may be inactive.",
                    &XOPERO_OAUTH,
                );
            }
            _ => {}
        }
    }
    if context.platform == Platform::AzureDevopsServer && context.credential == Credential::Oauth {
        rules.warn(
            "server-pat-only",
            "Azure DevOps Server takes PATs only.",
            &LEARN_SERVER_AUTH,
        );
    }
    match context.accounts.as_slice() {
        [] if !context.unmatched_accounts.is_empty() => {}
        [] => rules.warn(
            "access-level-unknown",
            "A token can do only what its account may do: the account needs Basic, Visual Studio Subscriber or GitHub Enterprise access (Stakeholder cannot protect repositories). Paste the account's entitlement (az devops user show) to check.",
            &XOPERO_ACCESS_LEVELS,
        ),
        accounts => {
            for account in accounts {
                let known = ["stakeholder", "express", "advanced", "msdn", "github"];
                if !account.grants.iter().any(|g| known.contains(&g.id.as_str())) {
                    rules.warn(
                        "access-level-unlisted",
                        format!("The account's access level is {}, which the required-permissions list does not name; Basic, Visual Studio Subscriber or GitHub Enterprise are known to work.", account.describe),
                        &XOPERO_ACCESS_LEVELS,
                    );
                }
            }
        }
    }
    rules.warn(
        "explicit-project-access",
        "Only projects the integrated account has explicit access to are protected.",
        &XOPERO_ACCESS_LEVELS,
    );
    rules.warn(
        "granular-permissions",
        "Scopes are not enough on their own: the account also needs Create new projects, Create process and Edit process at organization level (restore), View project-level information in each project (backup), and Read (backup), Create branch and Create repository (restore) on repositories.",
        &XOPERO_GRANULAR,
    );
    let _ = &LEARN_STAKEHOLDER;
    rules
}

/// ACL exports are judged together, one subject per identity; with one Azure DevOps token and
/// the ACLs of one identity, they are one subject (a token can do only what both its scopes and
/// its account's permissions allow).
pub fn judge_acls(
    parsed: &[Parsed],
    options: &Options,
    subjects: &mut Vec<Subject>,
    accounts: &[(&Parsed, &AccountEvidence)],
    used: &mut BTreeSet<usize>,
) -> Vec<WhatIf> {
    let docs: Vec<&super::acl::AclDocument> = parsed.iter().flat_map(|p| p.acl.iter()).collect();
    if !cfg!(feature = "acl") || docs.is_empty() {
        return Vec::new();
    }
    let what_if = super::acl::default_groups::what_if(options);
    let mut acl_subjects = super::acl::judge(&docs, options);
    // An access level pasted for an account whose ACLs were exported: one subject, judged with
    // both (a Stakeholder cannot read code whatever its ACLs allow).
    for (index, (input, account)) in accounts.iter().enumerate() {
        if used.contains(&index) || !account.platform.is_azure_devops() {
            continue;
        }
        let Some(principal) = account.principal.as_deref() else {
            continue;
        };
        let is_theirs = |s: &Subject| {
            s.identity
                .as_deref()
                .is_some_and(|d| same_account(d, principal))
                || s.label
                    .to_ascii_lowercase()
                    .contains(&principal.to_ascii_lowercase())
        };
        if let Some(acl) = acl_subjects.iter_mut().find(|s| is_theirs(s)) {
            let level = crate::evaluate::judge_account(input, account, options);
            fold_access_level(acl, &level, account);
            used.insert(index);
        }
    }
    // Who the tokens belong to, where the input says (a JWT's upn, a PAT list's owner).
    let token_users: Vec<String> = parsed
        .iter()
        .flat_map(|p| p.credentials.iter())
        .filter(|c| c.platform().is_some_and(Platform::is_azure_devops))
        .filter_map(|c| c.principal.clone())
        .filter(|p| p.contains('@'))
        .collect();
    with_acls(subjects, acl_subjects, &token_users);
    what_if
}

/// Whether an identity descriptor (`Microsoft.IdentityModel.Claims.ClaimsIdentity;tenant\\name`)
/// names the account `principal` (its sign-in name).
fn same_account(descriptor: &str, principal: &str) -> bool {
    let name = descriptor.rsplit(['\\', ';']).next().unwrap_or(descriptor);
    name.eq_ignore_ascii_case(principal)
}

/// Fold what an account's access level decides into the subject of its ACLs.
fn fold_access_level(acl: &mut Subject, level: &Subject, account: &AccountEvidence) {
    acl.label = format!("{} with {}", acl.label, account.describe);
    for (mine, theirs) in [
        (&mut acl.backup, &level.backup),
        (&mut acl.restore, &level.restore),
    ] {
        if theirs.verdict == Verdict::Impossible && mine.verdict != Verdict::Impossible {
            mine.summary = format!("{} (The ACLs alone: {})", theirs.summary, mine.summary);
            mine.verdict = Verdict::Impossible;
        }
    }
    for category in &mut acl.categories {
        if let Some(other) = level.categories.iter().find(|c| c.id == category.id) {
            if other.backup == Verdict::Impossible && category.backup != Verdict::Impossible {
                category.backup = Verdict::Impossible;
                category.backup_reason = format!("access level: {}", other.backup_reason);
            }
            if other.restore == Verdict::Impossible && category.restore != Verdict::Impossible {
                category.restore = Verdict::Impossible;
                category.restore_reason = format!("access level: {}", other.restore_reason);
            }
        }
    }
    acl.missing.extend(level.missing.iter().cloned());
    acl.granted.extend(level.granted.iter().cloned());
    for source in &level.sources {
        if !acl.sources.contains(source) {
            acl.sources.push(source.clone());
        }
    }
}

fn with_acls(subjects: &mut Vec<Subject>, acl_subjects: Vec<Subject>, token_users: &[String]) {
    let token_indexes: Vec<usize> = subjects
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.platform.is_some_and(Platform::is_azure_devops) && s.credential != Credential::Account
        })
        .map(|(i, _)| i)
        .collect();
    // A user's ACLs are another user's token's only by mistake: both named, they must agree.
    let other_user = |acl: &Subject| {
        acl.identity.as_deref().is_some_and(|d| {
            d.contains('@')
                && !token_users.is_empty()
                && !token_users.iter().any(|u| same_account(d, u))
        })
    };
    match (token_indexes.as_slice(), acl_subjects.as_slice()) {
        ([only], [acl]) if other_user(acl) => {
            if let Some(token) = subjects.get_mut(*only) {
                token.warnings.push(warning(
                    "acl-not-paired",
                    format!(
                        "The ACLs pasted are {}'s, but this token belongs to {}: each is judged alone. Paste the ACLs of the token's own account to judge them together.",
                        acl.label.trim_end_matches(" (ACLs)"),
                        token_users.join(", ")
                    ),
                    &INTERSECTION,
                ));
            }
            subjects.extend(acl_subjects.iter().cloned());
        }
        ([only], [acl]) => {
            if let Some(token) = subjects.get_mut(*only) {
                intersect(token, acl);
            }
        }
        (tokens, acls) => {
            if !tokens.is_empty() && !acls.is_empty() {
                let message = format!(
                    "{} tokens and ACLs of {} identities were pasted; permcheck cannot tell which ACLs belong to which token's account, so each is judged alone. Paste one token with the ACLs of its own account to judge them together.",
                    tokens.len(),
                    acls.len()
                );
                for &i in tokens {
                    if let Some(token) = subjects.get_mut(i) {
                        token.warnings.push(warning(
                            "acl-not-paired",
                            message.clone(),
                            &INTERSECTION,
                        ));
                    }
                }
            }
            subjects.extend(acls.iter().cloned());
        }
    }
}

/// Fold the ACL judgement of the token's account into the token's subject.
fn intersect(token: &mut Subject, acl: &Subject) {
    token.label = format!(
        "{} with the ACLs of {}",
        token.label,
        acl.label.trim_end_matches(" (ACLs)")
    );
    for (mine, theirs) in [
        (&mut token.backup, &acl.backup),
        (&mut token.restore, &acl.restore),
    ] {
        let combined = crate::evaluate::worse(mine.verdict, theirs.verdict);
        mine.summary = match (mine.verdict == combined, theirs.verdict == combined) {
            (true, true) if combined == Verdict::Possible => mine.summary.clone(),
            (true, true) => format!("Scopes: {} Permissions: {}", mine.summary, theirs.summary),
            (true, false) => mine.summary.clone(),
            (false, _) if combined == Verdict::Unknown => format!(
                "Scopes allow it; the account's permissions are not decided yet. {}",
                theirs.summary
            ),
            (false, _) => format!(
                "Scopes allow it, but the account's permissions do not. {}",
                theirs.summary
            ),
        };
        mine.verdict = combined;
    }
    for category in &mut token.categories {
        if let Some(other) = acl.categories.iter().find(|c| c.id == category.id) {
            if rank(other.backup) < rank(category.backup) {
                category.backup = other.backup;
                category.backup_reason = format!("permissions: {}", other.backup_reason);
            }
            if rank(other.restore) < rank(category.restore) {
                category.restore = other.restore;
                category.restore_reason = format!("permissions: {}", other.restore_reason);
            }
        }
    }
    token.missing.extend(acl.missing.iter().cloned());
    token.warnings.extend(acl.warnings.iter().cloned());
    token.granted.extend(acl.granted.iter().cloned());
    token.identity.clone_from(&acl.identity);
    for source in &acl.sources {
        if !token.sources.contains(source) {
            token.sources.push(source.clone());
        }
    }
}
