//! Evaluation: evidence + catalog → report. Backup and restore are judged separately, per data
//! category; a credential's scopes and its account's access level are judged together (a token
//! can do only what both allow); missing evidence gives `unknown` and says what to paste.

use crate::catalog::{self, bitbucket_cloud, CategoryKind, Requirement, Vocabulary};
use crate::evidence::{
    AccessLevel, AccessLevelEvidence, AccountKind, CredentialEvidence, NoteKind, OrgTargeting,
};
use crate::model::{Credential, Operation, Platform, Verdict};
use crate::parse::Parsed;
use crate::report::{
    CategoryResult, Excess, Granted, InputSummary, Missing, OperationResult, Report, Severity,
    Subject, Warning, SCHEMA,
};
use crate::Options;
use std::collections::{BTreeMap, BTreeSet};

const SEED_ADO: &str = "seed 000";
const SEED_BB: &str = "seed 002";

pub fn evaluate(parsed: &[Parsed], options: &Options) -> Report {
    let mut subjects = Vec::new();
    let mut inputs = Vec::new();
    let mut diagnostics = Vec::new();
    let all_levels: Vec<(&Parsed, &AccessLevelEvidence)> = parsed
        .iter()
        .flat_map(|p| p.access_levels.iter().map(move |a| (p, a)))
        .collect();
    let mut used_levels: BTreeSet<usize> = BTreeSet::new();

    for input in parsed {
        let before = subjects.len();
        diagnostics.extend(input.diagnostics.iter().cloned());
        for evidence in &input.credentials {
            if let Some(subject) = judge_credential(
                input,
                evidence,
                &all_levels,
                &mut used_levels,
                options,
                &mut diagnostics,
            ) {
                subjects.push(subject);
            }
        }
        inputs.push(InputSummary {
            source: input.source.clone(),
            format: match input.format_id() {
                Some(f) => f.to_string(),
                None if input.is_empty() => "empty".into(),
                None if !input.access_levels.is_empty() => "azure-devops-user-entitlement".into(),
                None => "unrecognised".into(),
            },
            subjects: subjects.len() - before,
        });
    }
    // ACL exports are judged together: one subject per identity.
    let docs: Vec<&crate::acl::AclDocument> = parsed.iter().flat_map(|p| p.acl.iter()).collect();
    let mut what_if = Vec::new();
    if cfg!(feature = "acl") && !docs.is_empty() {
        what_if = crate::acl::default_groups::what_if(options);
        let acl_subjects = crate::acl::judge(&docs, options);
        for subject in &acl_subjects {
            for source in &subject.sources {
                if let Some(summary) = inputs.iter_mut().find(|i| &i.source == source) {
                    summary.subjects += 1;
                }
            }
        }
        subjects = with_acls(subjects, acl_subjects);
    }
    // Access levels that belong to no judged token are subjects of their own.
    for (index, (input, level)) in all_levels.iter().enumerate() {
        if used_levels.contains(&index) {
            continue;
        }
        subjects.push(judge_account(input, level, options));
        if let Some(summary) = inputs.iter_mut().find(|i| i.source == input.source) {
            summary.subjects += 1;
        }
    }
    Report {
        schema: SCHEMA,
        subjects,
        inputs,
        diagnostics,
        what_if,
    }
}

/// The platform a credential's scopes belong to, honouring `--platform` where it is a variant
/// of the same family (Azure DevOps Services vs Server).
fn platform_for(evidence: &CredentialEvidence, options: &Options) -> Option<Platform> {
    let seen = evidence.platform()?;
    match options.platform {
        Some(p) if p.is_azure_devops() && seen.is_azure_devops() => Some(p),
        _ => Some(seen),
    }
}

fn judge_credential(
    input: &Parsed,
    evidence: &CredentialEvidence,
    levels: &[(&Parsed, &AccessLevelEvidence)],
    used_levels: &mut BTreeSet<usize>,
    options: &Options,
    diagnostics: &mut Vec<crate::report::Diagnostic>,
) -> Option<Subject> {
    let Some(platform) = platform_for(evidence, options) else {
        let (line, column) = input.locate(evidence.span);
        diagnostics.push(crate::report::Diagnostic {
            severity: Severity::Warning,
            source: input.source.clone(),
            line,
            column,
            message: "this credential lists no scope permcheck knows, so it cannot be judged"
                .into(),
            help: Some(crate::parse::EXPECTED.into()),
        });
        return None;
    };
    if let Some(wanted) = options.platform {
        if wanted != platform {
            let (line, column) = input.locate(evidence.span);
            diagnostics.push(crate::report::Diagnostic {
                severity: Severity::Warning,
                source: input.source.clone(),
                line,
                column,
                message: format!(
                    "the platform was set to {}, but these are {} scopes; they are judged as {}",
                    wanted.name(),
                    platform.name(),
                    platform.name()
                ),
                help: None,
            });
        }
    }
    if !platform.is_evaluated() || evidence.grants.is_empty() {
        return Some(foreign_subject(input, evidence, platform));
    }
    let vocabulary = evidence.grants.first().map(|g| g.vocabulary)?;
    let credential = options
        .credential
        .filter(|c| *c != Credential::Account)
        .unwrap_or(evidence.credential);
    // The account's access level, when one was pasted that can be matched to this credential.
    let mut access = None;
    if platform.is_azure_devops() {
        let matching: Vec<usize> = levels
            .iter()
            .enumerate()
            .filter(|(_, (_, l))| match (&evidence.principal, &l.principal) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => levels.len() == 1,
            })
            .map(|(i, _)| i)
            .collect();
        if let [only] = matching.as_slice() {
            used_levels.insert(*only);
            access = levels.get(*only).map(|(_, l)| *l);
        }
    }
    let unmatched_levels = if access.is_none() && platform.is_azure_devops() {
        dedup(levels.iter().map(|(_, l)| {
            l.principal
                .clone()
                .unwrap_or_else(|| "an unnamed account".into())
        }))
    } else {
        Vec::new()
    };
    let judge = Judge {
        input,
        evidence,
        platform,
        vocabulary,
        credential,
        access,
        unmatched_levels,
    };
    Some(judge.subject())
}

struct Judge<'a> {
    input: &'a Parsed,
    evidence: &'a CredentialEvidence,
    platform: Platform,
    vocabulary: Vocabulary,
    credential: Credential,
    access: Option<&'a AccessLevelEvidence>,
    /// Accounts whose access level was pasted but could not be tied to this credential.
    unmatched_levels: Vec<String>,
}

/// One category's judgement for one operation.
struct CategoryJudgement {
    verdict: Verdict,
    reason: String,
    missing: Vec<&'static Requirement>,
}

impl Judge<'_> {
    fn requirements(&self) -> impl Iterator<Item = &'static Requirement> + '_ {
        self.vocabulary
            .requirements()
            .iter()
            .filter(|r| r.applies.includes(self.credential))
    }

    fn granted_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for g in &self.evidence.grants {
            if !ids.contains(&g.id.as_str()) {
                ids.push(g.id.as_str());
            }
        }
        ids
    }

    fn stakeholder(&self) -> bool {
        self.access
            .is_some_and(|a| a.level() == AccessLevel::Stakeholder)
    }

    fn judge_category(
        &self,
        closure: &BTreeSet<&'static str>,
        category: &str,
        op: Operation,
    ) -> CategoryJudgement {
        let reqs: Vec<&'static Requirement> = self
            .requirements()
            .filter(|r| r.category == category && r.operation == op)
            .collect();
        if category == "repositories" && self.stakeholder() {
            return CategoryJudgement {
                verdict: Verdict::Impossible,
                reason:
                    "the account has Stakeholder access, which has no access to code repositories"
                        .into(),
                missing: Vec::new(),
            };
        }
        if let Some(open) = reqs.iter().find(|r| r.scope.is_none()) {
            return CategoryJudgement {
                verdict: Verdict::Unknown,
                reason: format!("cannot be judged: {}", open.because),
                missing: Vec::new(),
            };
        }
        let missing: Vec<&'static Requirement> = reqs
            .iter()
            .copied()
            .filter(|r| r.scope.is_some_and(|s| !closure.contains(s)))
            .collect();
        if reqs.is_empty() {
            return CategoryJudgement {
                verdict: Verdict::Possible,
                reason: "no scope is needed".into(),
                missing,
            };
        }
        if missing.is_empty() {
            let names: Vec<String> = dedup(
                reqs.iter()
                    .filter_map(|r| r.scope)
                    .map(|s| self.vocabulary.label(s)),
            );
            CategoryJudgement {
                verdict: Verdict::Possible,
                reason: format!("covered by {}", names.join(", ")),
                missing,
            }
        } else {
            let names: Vec<String> = dedup(
                missing
                    .iter()
                    .filter_map(|r| r.scope)
                    .map(|s| format!("{} ({s})", self.vocabulary.label(s))),
            );
            let because: Vec<&str> = missing.iter().map(|r| r.because).collect();
            CategoryJudgement {
                verdict: Verdict::Impossible,
                reason: format!(
                    "needs {} to {}",
                    names.join(" and "),
                    because.first().copied().unwrap_or("")
                ),
                missing,
            }
        }
    }

    /// Conditions no scope can fix, per operation: each makes the operation impossible.
    fn blockers(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.credential == Credential::AppPassword {
            out.push("Bitbucket app passwords stopped working on 9 June 2026: create an Atlassian API token with the scopes listed under What to grant.".to_string());
        }
        if self.platform == Platform::AzureDevopsServer && self.credential == Credential::Oauth {
            out.push("Azure DevOps Server is integrated with a personal access token (PAT) only, not OAuth.".to_string());
        }
        if self.credential == Credential::Oauth
            && self.evidence.account_kind == Some(AccountKind::Personal)
        {
            out.push("This OAuth token belongs to a personal Microsoft account; OAuth integration supports only organizational (Microsoft Entra ID) accounts. Use a PAT instead.".to_string());
        }
        if let Some(OrgTargeting::Specific(orgs)) = &self.evidence.org_targeting {
            out.push(format!(
                "This PAT is limited to {} organization(s); it must be created with Organization set to \"All accessible organizations\".",
                orgs.len()
            ));
        }
        if self.stakeholder() {
            out.push("The account has Stakeholder access, which cannot read or protect repositories: assign Basic, Visual Studio Subscriber or GitHub Enterprise.".to_string());
        }
        out
    }

    fn subject(&self) -> Subject {
        let granted_ids = self.granted_ids();
        let closure = self.vocabulary.closure(granted_ids.iter().copied());
        let categories = catalog::categories(self.platform);
        let mut results = Vec::new();
        let mut per_op: BTreeMap<Operation, Vec<(&catalog::Category, CategoryJudgement)>> =
            BTreeMap::new();
        for category in categories {
            let backup = self.judge_category(&closure, category.id, Operation::Backup);
            let restore = self.judge_category(&closure, category.id, Operation::Restore);
            results.push(CategoryResult {
                id: category.id.to_string(),
                label: category.label.to_string(),
                backup: backup.verdict,
                restore: restore.verdict,
                backup_reason: backup.reason.clone(),
                restore_reason: restore.reason.clone(),
            });
            per_op
                .entry(Operation::Backup)
                .or_default()
                .push((category, backup));
            per_op
                .entry(Operation::Restore)
                .or_default()
                .push((category, restore));
        }
        let blockers = self.blockers();
        let backup = self.overall(
            Operation::Backup,
            per_op
                .get(&Operation::Backup)
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            &blockers,
            None,
        );
        let restore = self.overall(
            Operation::Restore,
            per_op
                .get(&Operation::Restore)
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            &blockers,
            Some(backup.verdict),
        );
        let missing = if self.credential == Credential::AppPassword {
            self.api_token_replacement()
        } else {
            self.missing(&per_op)
        };
        Subject {
            label: self.label(),
            platform: Some(self.platform),
            credential: self.credential,
            backup,
            restore,
            categories: results,
            missing,
            excess: self.excess(&granted_ids),
            warnings: self.warnings(),
            granted: self.granted(),
            sources: vec![self.input.source.clone()],
            identity: None,
        }
    }

    fn label(&self) -> String {
        let kind = match (self.platform.is_azure_devops(), self.credential) {
            (true, Credential::Pat) => "PAT".to_string(),
            (true, Credential::Oauth) => "OAuth token".to_string(),
            (_, c) => {
                let mut name = c.name().to_string();
                if let Some(first) = name.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                name
            }
        };
        match &self.evidence.name {
            Some(name) => format!("{kind} \"{name}\""),
            None => format!("{kind} from {}", self.input.source),
        }
    }

    fn overall(
        &self,
        op: Operation,
        judged: &[(&catalog::Category, CategoryJudgement)],
        blockers: &[String],
        backup_verdict: Option<Verdict>,
    ) -> OperationResult {
        let verb = match op {
            Operation::Backup => "Backup",
            Operation::Restore => "Restore",
        };
        if let Some(first) = blockers.first() {
            return OperationResult {
                verdict: Verdict::Impossible,
                summary: format!("{verb} will fail: {first}"),
            };
        }
        let failing = |kind: CategoryKind,
                       verdict: Verdict|
         -> Vec<&(&catalog::Category, CategoryJudgement)> {
            judged
                .iter()
                .filter(|(c, j)| c.kind == kind && j.verdict == verdict)
                .collect()
        };
        let hard = failing(CategoryKind::Prerequisite, Verdict::Impossible)
            .into_iter()
            .chain(failing(CategoryKind::Core, Verdict::Impossible))
            .collect::<Vec<_>>();
        let read_only_hint = |text: String| -> String {
            if op == Operation::Restore
                && matches!(backup_verdict, Some(Verdict::Possible | Verdict::Partial))
            {
                let source = if self.platform.is_azure_devops() {
                    SEED_ADO
                } else {
                    SEED_BB
                };
                format!("{text} This token can back up but not restore: restoring needs a new token with write access ({source}).")
            } else {
                text
            }
        };
        if !hard.is_empty() {
            // Short: which category, which grant. The category table has the why.
            let parts: Vec<String> = hard
                .iter()
                .map(|(c, j)| {
                    let labels = dedup(
                        j.missing
                            .iter()
                            .filter_map(|r| r.scope)
                            .map(|s| format!("{} ({s})", self.vocabulary.label(s))),
                    );
                    if labels.is_empty() {
                        format!("{}: {}", c.label, j.reason)
                    } else {
                        format!("{} needs {}", c.label, labels.join(" and "))
                    }
                })
                .collect();
            let total_missing: usize = judged.iter().map(|(_, j)| j.missing.len()).sum();
            let more = if total_missing > parts.len() {
                " See What to grant for everything to add."
            } else {
                ""
            };
            return OperationResult {
                verdict: Verdict::Impossible,
                summary: format!(
                    "{}{more}",
                    read_only_hint(format!("{verb} will fail: {}.", parts.join("; ")))
                ),
            };
        }
        let unknown_hard: Vec<_> = judged
            .iter()
            .filter(|(c, j)| c.kind != CategoryKind::Metadata && j.verdict == Verdict::Unknown)
            .collect();
        if let Some((c, j)) = unknown_hard.first() {
            return OperationResult {
                verdict: Verdict::Unknown,
                summary: format!("{verb} cannot be judged: {} {}.", c.label, j.reason),
            };
        }
        let not_ok: Vec<_> = judged
            .iter()
            .filter(|(_, j)| j.verdict != Verdict::Possible)
            .collect();
        let total = judged.len();
        if not_ok.is_empty() {
            let what = match op {
                Operation::Backup => "can be read",
                Operation::Restore => "can be written back",
            };
            return OperationResult {
                verdict: Verdict::Possible,
                summary: format!("{verb} will work: all {total} categories {what}."),
            };
        }
        let impossible: Vec<String> = not_ok
            .iter()
            .filter(|(_, j)| j.verdict == Verdict::Impossible)
            .map(|(c, _)| c.label.to_string())
            .collect();
        let unknown: Vec<&(&catalog::Category, CategoryJudgement)> = not_ok
            .iter()
            .copied()
            .filter(|(_, j)| j.verdict == Verdict::Unknown)
            .collect();
        let verb_lower = verb.to_ascii_lowercase();
        let mut summary = String::new();
        if !impossible.is_empty() {
            summary = format!(
                "Repositories: {verb_lower} works, but some metadata will be left out: {}. Grant the scopes under What to grant for a complete {verb_lower}.",
                impossible.join(", ")
            );
        }
        if !unknown.is_empty() {
            let labels: Vec<&str> = unknown.iter().map(|(c, _)| c.label).collect();
            let reasons: Vec<&str> = unknown
                .iter()
                .map(|(_, j)| j.reason.trim_start_matches("cannot be judged: "))
                .collect();
            if !summary.is_empty() {
                summary.push(' ');
            }
            summary.push_str(&format!(
                "{} cannot be decided from these scopes: {}. Test it with this token, or paste more evidence.",
                labels.join(", "),
                dedup(reasons.iter().map(|r| r.to_string())).join("; ")
            ));
        }
        let verdict = if impossible.is_empty() {
            Verdict::Unknown
        } else {
            Verdict::Partial
        };
        let summary = if verdict == Verdict::Unknown {
            format!("{verb} works for every other category. {summary}")
        } else {
            read_only_hint(summary)
        };
        OperationResult { verdict, summary }
    }

    /// What to grant: every unmet requirement's scope, merged into the broadest missing scope of
    /// its chain so the admin ticks one box per group.
    fn missing(
        &self,
        per_op: &BTreeMap<Operation, Vec<(&catalog::Category, CategoryJudgement)>>,
    ) -> Vec<Missing> {
        let mut order: Vec<&'static str> = Vec::new();
        let mut needed: BTreeMap<&'static str, (Vec<String>, &'static str)> = BTreeMap::new();
        for op in Operation::BOTH {
            for (category, judgement) in per_op.get(&op).map(Vec::as_slice).unwrap_or(&[]) {
                for req in &judgement.missing {
                    let Some(scope) = req.scope else { continue };
                    if !order.contains(&scope) {
                        order.push(scope);
                    }
                    let entry = needed
                        .entry(scope)
                        .or_insert_with(|| (Vec::new(), req.source));
                    let tag = format!("{}:{}", op.id(), category.id);
                    if !entry.0.contains(&tag) {
                        entry.0.push(tag);
                    }
                }
            }
        }
        // Fold a scope into a broader missing one that includes it (vso.code into vso.code_manage).
        let mut folded: BTreeSet<&'static str> = BTreeSet::new();
        for &narrow in &order {
            // Only within one portal group ("Code: …"), so the admin is never told that
            // "Pull requests: Write" is how to get "Repositories: Write".
            let group = |id: &str| {
                self.vocabulary
                    .label(id)
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .to_string()
            };
            let broader = order.iter().find(|&&b| {
                b != narrow
                    && group(b) == group(narrow)
                    && self.vocabulary.closure([b]).contains(narrow)
            });
            if let Some(&broad) = broader {
                let tags = needed
                    .get(narrow)
                    .map(|(t, _)| t.clone())
                    .unwrap_or_default();
                if let Some(entry) = needed.get_mut(broad) {
                    for t in tags {
                        if !entry.0.contains(&t) {
                            entry.0.push(t);
                        }
                    }
                }
                folded.insert(narrow);
            }
        }
        order
            .into_iter()
            .filter(|s| !folded.contains(s))
            .filter_map(|s| {
                needed.get(s).map(|(tags, source)| Missing {
                    id: s.to_string(),
                    label: self.vocabulary.label(s),
                    needed_for: sort_tags(tags),
                    source: source.to_string(),
                })
            })
            .collect()
    }

    /// For a retired app password: the API-token scopes a replacement needs.
    fn api_token_replacement(&self) -> Vec<Missing> {
        let vocabulary = Vocabulary::BitbucketApiTokenScope;
        let mut order: Vec<&'static str> = Vec::new();
        let mut tags: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        for req in vocabulary.requirements() {
            let Some(scope) = req.scope else { continue };
            if !order.contains(&scope) {
                order.push(scope);
            }
            let tag = format!("{}:{}", req.operation.id(), req.category);
            let entry = tags.entry(scope).or_default();
            if !entry.contains(&tag) {
                entry.push(tag);
            }
        }
        order
            .into_iter()
            .map(|s| Missing {
                id: s.to_string(),
                label: vocabulary.label(s),
                needed_for: sort_tags(tags.get(s).map(Vec::as_slice).unwrap_or(&[])),
                source: "reference/bitbucket.md §5 (derived minimum sets, API token)".into(),
            })
            .collect()
    }

    fn excess(&self, granted: &[&str]) -> Vec<Excess> {
        let needed: BTreeSet<&'static str> = self.requirements().filter_map(|r| r.scope).collect();
        let extras: &[&str] = if self.credential == Credential::Oauth
            && self.vocabulary == Vocabulary::BitbucketLegacyScope
        {
            bitbucket_cloud::OAUTH_CONSENT_EXTRAS
        } else {
            &[]
        };
        let mut out = Vec::new();
        for &id in granted {
            if needed.contains(id) || extras.contains(&id) {
                continue;
            }
            let gives = self.vocabulary.closure([id]);
            let is_below_needed = needed
                .iter()
                .any(|n| self.vocabulary.closure([*n]).contains(id));
            if is_below_needed {
                continue;
            }
            let covered: Vec<&'static str> = needed
                .iter()
                .copied()
                .filter(|n| gives.contains(n))
                .collect();
            let why = if Some(id) == self.vocabulary.full_access() {
                "full access to everything the account can do; a token with only the scopes listed in the seed is safer".to_string()
            } else if covered.is_empty() {
                "no backup or restore step needs it".to_string()
            } else {
                let enough: Vec<String> = covered
                    .iter()
                    .filter(|c| {
                        !covered
                            .iter()
                            .any(|o| o != *c && self.vocabulary.closure([*o]).contains(*c))
                    })
                    .map(|c| format!("{} ({c})", self.vocabulary.label(c)))
                    .collect();
                format!("broader than needed: {} is enough", enough.join(" and "))
            };
            out.push(Excess {
                id: id.to_string(),
                label: self.vocabulary.label(id),
                why,
            });
        }
        out
    }

    fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        let mut warn = |id: &str, message: String, source: &str| {
            out.push(Warning {
                id: id.into(),
                message,
                source: source.into(),
            })
        };
        for note in &self.evidence.notes {
            match note.kind {
                NoteKind::EndpointAccepts => warn(
                    "endpoint-accepts-is-not-granted",
                    format!("x-accepted-oauth-scopes ({}) is what that endpoint accepts, not what the token has; it was not counted.", note.text),
                    "reference/bitbucket.md §4",
                ),
                NoteKind::CallRequired => warn(
                    "failed-call-required",
                    format!("The call that failed needed {}; the token's own scopes (granted) are what this report judges.", note.text),
                    "reference/bitbucket.md §4",
                ),
            }
        }
        if self.platform.is_azure_devops() {
            match self.credential {
                Credential::Pat => {
                    if self.evidence.org_targeting.is_none() {
                        warn(
                            "pat-all-organizations",
                            "Scopes cannot show the PAT's Organization setting: it must be \"All accessible organizations\". Check it on the PAT page, or paste the _apis/tokens/pats response.".into(),
                            "seed 000, PAT prerequisites",
                        );
                    }
                    if !self.evidence.credential_certain {
                        warn(
                            "credential-assumed-pat",
                            "Judged as a PAT. If these scopes are an OAuth grant, choose OAuth: OAuth also needs Artifacts: user_impersonation and an organizational account.".into(),
                            "seed 000",
                        );
                    }
                }
                Credential::Oauth => {
                    if self.evidence.account_kind.is_none() {
                        warn(
                            "oauth-organizational-account",
                            "OAuth works only with organizational (Microsoft Entra ID) accounts, not personal Microsoft accounts; use a PAT for a personal account. Paste the JWT to check.".into(),
                            "seed 000, OAuth integration",
                        );
                    }
                    warn(
                        "oauth-consent-policy",
                        "Authorizing the app depends on the tenant's user consent settings: with \"Do not allow user consent\" only an Application Administrator or Global Administrator can approve it; with \"verified publishers, selected permissions\" every requested permission must be classified low impact.".into(),
                        "seed 000, Installation permissions for OAuth",
                    );
                    warn(
                        "oauth-administrator-role",
                        "The account that authorizes the OAuth app should have an administrator role, or the approval button may be inactive.".into(),
                        "seed 000, OAuth integration",
                    );
                }
                _ => {}
            }
            match self.access {
                None if !self.unmatched_levels.is_empty() => warn(
                    "access-level-unmatched",
                    format!(
                        "An access level was pasted for {}, but it cannot be tied to this token's account{}; paste only the backup account's entitlement to judge both together.",
                        self.unmatched_levels.join(", "),
                        self.evidence.principal.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
                    ),
                    "seed 000, User access levels",
                ),
                None => warn(
                    "access-level-unknown",
                    "A token can do only what its account may do: the account needs Basic, Visual Studio Subscriber or GitHub Enterprise access (Stakeholder cannot protect repositories). Paste the account's entitlement (az devops user show) to check.".into(),
                    "seed 000, User access levels",
                ),
                Some(level) => match level.level() {
                    AccessLevel::Basic | AccessLevel::BasicTestPlans | AccessLevel::VisualStudioSubscriber | AccessLevel::Stakeholder => {}
                    _ => warn(
                        "access-level-unlisted",
                        format!("The account's access level is {}, which the required-permissions list does not name; Basic, Visual Studio Subscriber or GitHub Enterprise are known to work.", level.describe()),
                        "seed 000, User access levels",
                    ),
                },
            }
            warn(
                "explicit-project-access",
                "Only projects the integrated account has explicit access to are protected.".into(),
                "seed 000, User access levels",
            );
            warn(
                "granular-permissions",
                "Scopes are not enough on their own: the account also needs Create new projects, Create process and Edit process at organization level (restore), View project-level information in each project (backup), and Read (backup), Create branch and Create repository (restore) on repositories.".into(),
                "seed 000, Granular permission settings",
            );
        } else if self.platform == Platform::BitbucketCloud {
            if self.credential == Credential::Token
                && self.vocabulary == Vocabulary::BitbucketLegacyScope
            {
                warn(
                    "app-password-check",
                    "If this is an app password: app passwords stopped working on 9 June 2026, so create an Atlassian API token instead. OAuth consumers and access tokens keep these scope names.".into(),
                    "reference/bitbucket.md §2",
                );
            }
            if self.credential == Credential::AccessToken {
                warn(
                    "access-token-no-issues",
                    "Repository, project and workspace access tokens offer no issue scope, so issues cannot be backed up with them.".into(),
                    "reference/bitbucket.md §0 fact 9",
                );
            }
            warn(
                "secured-variables-not-restorable",
                "Secured pipeline and deployment variable values and the pipelines SSH private key are never returned by the API: a restore recreates them empty, whatever the token. Keep those values elsewhere.".into(),
                "reference/bitbucket.md §0 fact 6",
            );
            warn(
                "webhook-secrets-not-restorable",
                "Webhook secrets are never returned by the API: restored webhooks need their secrets set again.".into(),
                "reference/bitbucket.md §0 fact 6",
            );
            warn(
                "workspace-role-caps-scopes",
                "Scopes never exceed the user's own role: the account must be able to read (backup) and administer (restore) the repositories in the workspace.".into(),
                "reference/bitbucket.md §0 fact 11",
            );
        }
        out
    }

    fn granted(&self) -> Vec<Granted> {
        let mut out: Vec<Granted> = Vec::new();
        for g in &self.evidence.grants {
            if out.iter().any(|o| o.id == g.id) {
                continue;
            }
            let (line, column) = self.input.locate(g.span);
            out.push(Granted {
                id: g.id.clone(),
                label: g.vocabulary.label(&g.id),
                source: self.input.source.clone(),
                line,
                column,
            });
        }
        if let Some(level) = self.access {
            out.push(Granted {
                id: format!("accessLevel:{}", level.account_license_type),
                label: format!("Access level: {}", level.describe()),
                source: String::new(),
                line: 0,
                column: 0,
            });
        }
        out
    }
}

fn foreign_subject(input: &Parsed, evidence: &CredentialEvidence, platform: Platform) -> Subject {
    let seen: Vec<String> = dedup(evidence.foreign.iter().map(|f| f.id.clone()));
    let summary = if platform.is_evaluated() {
        "No scopes were found for this credential, so nothing can be judged. Paste its scope list."
            .to_string()
    } else {
        format!(
            "{} is not evaluated yet (permcheck judges Azure DevOps and Bitbucket Cloud today). Scopes seen: {}.",
            platform.name(),
            if seen.is_empty() { "none".to_string() } else { seen.join(", ") }
        )
    };
    let granted = evidence
        .foreign
        .iter()
        .map(|f| {
            let (line, column) = input.locate(f.span);
            Granted {
                id: f.id.clone(),
                label: f.id.clone(),
                source: input.source.clone(),
                line,
                column,
            }
        })
        .collect();
    Subject {
        label: format!("{} token from {}", platform.name(), input.source),
        platform: Some(platform),
        credential: evidence.credential,
        backup: OperationResult {
            verdict: Verdict::Unknown,
            summary: summary.clone(),
        },
        restore: OperationResult {
            verdict: Verdict::Unknown,
            summary,
        },
        categories: Vec::new(),
        missing: Vec::new(),
        excess: Vec::new(),
        warnings: Vec::new(),
        granted,
        sources: vec![input.source.clone()],
        identity: None,
    }
}

/// An Azure DevOps account known only by its access level.
fn judge_account(input: &Parsed, level: &AccessLevelEvidence, options: &Options) -> Subject {
    let platform = options
        .platform
        .filter(|p| p.is_azure_devops())
        .unwrap_or(Platform::AzureDevopsServices);
    let stakeholder = level.level() == AccessLevel::Stakeholder;
    let categories: Vec<CategoryResult> = catalog::categories(platform)
        .iter()
        .map(|c| {
            let (verdict, reason) = if stakeholder && c.id == "repositories" {
                (
                    Verdict::Impossible,
                    "Stakeholder access has no access to code repositories".to_string(),
                )
            } else {
                (Verdict::Unknown, "needs the token's scopes".to_string())
            };
            CategoryResult {
                id: c.id.into(),
                label: c.label.into(),
                backup: verdict,
                restore: verdict,
                backup_reason: reason.clone(),
                restore_reason: reason,
            }
        })
        .collect();
    let (verdict, summary, missing) = if stakeholder {
        (
            Verdict::Impossible,
            "Stakeholder access cannot read or protect repositories, whatever the token's scopes. Assign Basic, Visual Studio Subscriber or GitHub Enterprise access.".to_string(),
            vec![Missing {
                id: "accessLevel:express".into(),
                label: "Access level: Basic".into(),
                needed_for: vec!["backup:repositories".into(), "restore:repositories".into()],
                source: "seed 000, User access levels".into(),
            }],
        )
    } else {
        (
            Verdict::Unknown,
            format!(
                "The access level ({}) does not decide it. Paste the token's scopes too: the PAT page's labels, scope ids, a JWT or the _apis/tokens/pats response.",
                level.describe()
            ),
            Vec::new(),
        )
    };
    let (line, column) = input.locate(level.span);
    Subject {
        label: match &level.principal {
            Some(p) => format!("Account {p}"),
            None => format!("Account ({}) from {}", level.level().name(), input.source),
        },
        platform: Some(platform),
        credential: Credential::Account,
        backup: OperationResult {
            verdict,
            summary: summary.clone(),
        },
        restore: OperationResult { verdict, summary },
        categories,
        missing,
        excess: Vec::new(),
        warnings: Vec::new(),
        granted: vec![Granted {
            id: format!("accessLevel:{}", level.account_license_type),
            label: format!("Access level: {}", level.describe()),
            source: input.source.clone(),
            line,
            column,
        }],
        sources: vec![input.source.clone()],
        identity: None,
    }
}

/// A token can do only what both its scopes and its account's permissions allow. With one Azure
/// DevOps token and the ACLs of one identity, judge them as one subject: each category gets the
/// worse of the two verdicts. With more of either, they cannot be paired from the input alone.
fn with_acls(mut subjects: Vec<Subject>, acl_subjects: Vec<Subject>) -> Vec<Subject> {
    let token_indexes: Vec<usize> = subjects
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.platform.is_some_and(Platform::is_azure_devops) && s.credential != Credential::Account
        })
        .map(|(i, _)| i)
        .collect();
    match (token_indexes.as_slice(), acl_subjects.as_slice()) {
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
                        token.warnings.push(Warning {
                            id: "acl-not-paired".into(),
                            message: message.clone(),
                            source:
                                "DEVELOPERS.md domain rules: scopes and ACLs are judged together"
                                    .into(),
                        });
                    }
                }
            }
            subjects.extend(acls.iter().cloned());
        }
    }
    subjects
}

fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Impossible => 0,
        Verdict::Unknown => 1,
        Verdict::Partial => 2,
        Verdict::Possible => 3,
    }
}

fn worse(a: Verdict, b: Verdict) -> Verdict {
    if rank(b) < rank(a) {
        b
    } else {
        a
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
        let combined = worse(mine.verdict, theirs.verdict);
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

fn dedup(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Backup tags before restore tags, each in catalog order as collected.
fn sort_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = tags
        .iter()
        .filter(|t| t.starts_with("backup:"))
        .cloned()
        .collect();
    out.extend(tags.iter().filter(|t| t.starts_with("restore:")).cloned());
    out
}
