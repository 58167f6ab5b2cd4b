//! Evaluation: evidence + catalog → report. Backup and restore are judged separately, per data
//! category; a credential's scopes and its account's role (an access level, a GitLab role, …)
//! are judged together (a token can do only what both allow); errors in the input that prove a
//! failure make that part impossible; missing evidence gives `unknown` and says what to paste.
//!
//! This file knows platforms only through [`crate::platforms::PlatformModule`]: each folder
//! declares its catalog and adds the rules no scope list shows ([`Rules`]).

use crate::catalog::{
    self, Category, CategoryKind, Requirement, Source, Vocabulary, VocabularyKind,
};
use crate::evidence::{AccountEvidence, CredentialEvidence, Finding, NoteKind};
use crate::model::{Credential, Operation, Platform, Verdict};
use crate::parse::Parsed;
use crate::platforms::{self, PlatformModule};
use crate::report::{
    CategoryResult, Excess, Expires, Granted, InputBlock, InputSummary, Missing, OperationResult,
    Report, Severity, Subject, Warning, SCHEMA,
};
use crate::Options;
use std::collections::{BTreeMap, BTreeSet};

/// A token expiring within this many days gets a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 14;

/// What a platform folder's rules see of one credential being judged.
pub struct CredentialContext<'a> {
    pub input: &'a Parsed,
    pub evidence: &'a CredentialEvidence,
    pub platform: Platform,
    /// The vocabulary of its grants; `None` when the input shows no grant.
    pub vocabulary: Option<Vocabulary>,
    pub credential: Credential,
    /// The account evidence tied to this credential (its access level, its role).
    pub accounts: Vec<&'a AccountEvidence>,
    /// Accounts of this platform whose role was pasted but could not be tied to this
    /// credential, by name.
    pub unmatched_accounts: Vec<String>,
    pub options: &'a Options,
}

impl CredentialContext<'_> {
    /// Whether the input showed the credential's grants (not only that it exists).
    pub fn scopes_known(&self) -> bool {
        self.vocabulary.is_some()
    }
}

/// What a platform adds to the catalog's judgement of one credential.
#[derive(Debug, Default)]
pub struct Rules {
    /// Conditions no scope can fix: each makes both operations impossible.
    pub blockers: Vec<String>,
    pub warnings: Vec<Warning>,
    /// How to name the credential ("PAT", "OAuth token"); by default its kind's name.
    pub kind: Option<String>,
    /// What to grant, when the platform has a better answer than the missing scopes (a retired
    /// app password is replaced, not extended).
    pub missing: Option<Vec<Missing>>,
    /// Ids never reported as excess (scopes the backup tool's own consent asks for).
    pub not_excess: &'static [&'static str],
    /// Where the read-only rule ("back up but not restore") comes from; `None` leaves the
    /// rule out (a platform that can tell a token is not read-only).
    pub read_only_source: Option<&'static Source>,
    /// Where the rule that accepted-scope headers are not grants comes from, for this
    /// platform's headers.
    pub notes_source: Option<&'static Source>,
}

impl Rules {
    pub fn warn(&mut self, id: &str, message: impl Into<String>, source: &Source) {
        self.warnings.push(warning(id, message, source));
    }
}

/// A report warning citing a public document.
pub fn warning(id: &str, message: impl Into<String>, source: &Source) -> Warning {
    Warning {
        id: id.into(),
        message: message.into(),
        source: source.title.into(),
        source_url: source.url.into(),
    }
}

pub fn evaluate(parsed: &[Parsed], options: &Options) -> Report {
    let now = options.now.or_else(system_now);
    let mut subjects = Vec::new();
    let mut inputs = Vec::new();
    let mut diagnostics = Vec::new();
    let accounts: Vec<(&Parsed, &AccountEvidence)> = parsed
        .iter()
        .flat_map(|p| p.accounts.iter().map(move |a| (p, a)))
        .collect();
    let mut used_accounts: BTreeSet<usize> = BTreeSet::new();

    for input in parsed {
        diagnostics.extend(input.diagnostics.iter().cloned());
        for evidence in &input.credentials {
            if let Some(subject) = judge_credential(
                input,
                evidence,
                &accounts,
                &mut used_accounts,
                options,
                now,
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
                None => "unrecognised".into(),
            },
            subjects: 0,
            blocks: input
                .blocks
                .iter()
                .filter(|_| input.blocks.len() > 1)
                .map(|b| {
                    let (line, _) = input.locate(b.span);
                    let (end_line, _) =
                        input.locate(crate::source::Span::new(b.span.end.saturating_sub(1), 0));
                    InputBlock {
                        line,
                        end_line: end_line.max(line),
                        format: b.format.to_string(),
                    }
                })
                .collect(),
        });
    }
    // A platform's own documents (Azure DevOps ACL exports), combined with its tokens.
    let mut what_if = Vec::new();
    for module in platforms::REGISTRY {
        what_if.extend(module.judge_documents(
            parsed,
            options,
            &mut subjects,
            &accounts,
            &mut used_accounts,
        ));
    }
    // Accounts that belong to no judged token are subjects of their own.
    for (index, (input, account)) in accounts.iter().enumerate() {
        if !used_accounts.contains(&index) {
            subjects.push(judge_account(input, account, options));
        }
    }
    for summary in &mut inputs {
        summary.subjects = subjects
            .iter()
            .filter(|s| s.sources.contains(&summary.source))
            .count();
    }
    Report {
        schema: SCHEMA,
        subjects,
        inputs,
        diagnostics,
        what_if,
    }
}

/// Seconds since the epoch, where the platform has a clock the core may read (not in wasm: the
/// page and the JS API pass the time in [`Options::now`]).
fn system_now() -> Option<i64> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs()).ok())
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}

/// The platform to judge a credential as, honouring `--platform` where it is a variant of the
/// same family (Azure DevOps Services vs Server).
fn platform_for(evidence: &CredentialEvidence, options: &Options) -> Option<Platform> {
    let seen = evidence.platform()?;
    match options.platform {
        Some(p) if p != seen && platforms::same_family(p, seen) => Some(p),
        _ => Some(seen),
    }
}

fn diagnostic_at(
    input: &Parsed,
    at: crate::source::Span,
    severity: Severity,
    message: String,
    help: Option<String>,
) -> crate::report::Diagnostic {
    let (line, column) = input.locate(at);
    crate::report::Diagnostic {
        severity,
        source: input.source.clone(),
        line,
        column,
        message,
        help,
    }
}

fn judge_credential(
    input: &Parsed,
    evidence: &CredentialEvidence,
    accounts: &[(&Parsed, &AccountEvidence)],
    used_accounts: &mut BTreeSet<usize>,
    options: &Options,
    now: Option<i64>,
    diagnostics: &mut Vec<crate::report::Diagnostic>,
) -> Option<Subject> {
    // A text two platforms explain is one question, whatever its first id's vocabulary.
    if evidence.platform.is_none() && !evidence.candidates.is_empty() {
        return Some(ambiguous_subject(input, evidence));
    }
    let Some(platform) = platform_for(evidence, options) else {
        if !evidence.candidates.is_empty() {
            return Some(ambiguous_subject(input, evidence));
        }
        diagnostics.push(diagnostic_at(
            input,
            evidence.span,
            Severity::Warning,
            "this credential lists no scope permcheck knows, so it cannot be judged".into(),
            Some(crate::parse::EXPECTED.into()),
        ));
        return None;
    };
    if let Some(wanted) = options.platform {
        if !platforms::same_family(wanted, platform) {
            diagnostics.push(diagnostic_at(
                input,
                evidence.span,
                Severity::Warning,
                format!(
                    "the platform was set to {}, but this is {} evidence; it is judged as {} (the setting was not applied here)",
                    wanted.name(),
                    platform.name(),
                    platform.name()
                ),
                None,
            ));
        }
    }
    let Some(module) = platforms::for_platform(platform) else {
        return Some(not_evaluated_subject(input, evidence, platform));
    };
    let vocabulary = evidence.grants.first().map(|g| g.vocabulary);
    let wanted = options.credential.filter(|c| *c != Credential::Account);
    let fits = |c: Credential| vocabulary.is_none_or(|v| module.holds(c, v));
    let credential = match wanted {
        Some(c) if fits(c) => c,
        Some(c) => {
            diagnostics.push(diagnostic_at(
                input,
                evidence.span,
                Severity::Warning,
                format!(
                    "the credential was set to {}, but a {} does not carry {}; it is judged as the input shows (the setting was not applied here)",
                    c.name(),
                    c.name(),
                    vocabulary.map_or("these grants", |v| v.0.name),
                ),
                None,
            ));
            evidence.credential
        }
        None => evidence.credential,
    };
    // The account's role, when one was pasted that can be tied to this credential.
    let on_platform: Vec<usize> = accounts
        .iter()
        .enumerate()
        .filter(|(_, (_, a))| platforms::same_family(a.platform, platform))
        .map(|(i, _)| i)
        .collect();
    // Ids, where both sides give one, decide: another user's role is never this token's.
    let same_id = |i: usize| match (&evidence.principal_id, &accounts[i].1.principal_id) {
        (Some(a), Some(b)) => Some(a == b),
        _ => None,
    };
    let by_name: Vec<usize> = on_platform
        .iter()
        .copied()
        .filter(|&i| {
            same_id(i).unwrap_or_else(|| match (&evidence.principal, &accounts[i].1.principal) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            })
        })
        .collect();
    let every_on_platform = on_platform.clone();
    let on_platform: Vec<usize> = on_platform
        .iter()
        .copied()
        .filter(|&i| same_id(i) != Some(false))
        .collect();
    let distinct_principals: BTreeSet<Option<String>> = on_platform
        .iter()
        .map(|&i| accounts[i].1.principal.as_ref().map(|p| p.to_lowercase()))
        .collect();
    let matched: Vec<usize> = if !by_name.is_empty() {
        by_name
    } else if distinct_principals.len() == 1 && evidence.principal.is_none()
        || distinct_principals.len() == 1 && distinct_principals.contains(&None)
    {
        // One account pasted (maybe as several role entries): it is this token's.
        on_platform.clone()
    } else {
        Vec::new()
    };
    used_accounts.extend(matched.iter().copied());
    let unmatched_accounts = if matched.is_empty() {
        dedup(every_on_platform.iter().map(|&i| {
            accounts[i]
                .1
                .principal
                .clone()
                .unwrap_or_else(|| "an unnamed account".into())
        }))
    } else {
        Vec::new()
    };
    let context = CredentialContext {
        input,
        evidence,
        platform,
        vocabulary,
        credential,
        accounts: matched.iter().map(|&i| accounts[i].1).collect(),
        unmatched_accounts,
        options,
    };
    let rules = module.rules(&context);
    let account_inputs: Vec<&Parsed> = matched.iter().map(|&i| accounts[i].0).collect();
    let judge = Judge {
        context,
        module,
        rules,
        now,
        account_inputs,
    };
    Some(judge.subject())
}

struct Judge<'a> {
    context: CredentialContext<'a>,
    module: &'static dyn PlatformModule,
    rules: Rules,
    now: Option<i64>,
    /// The inputs the tied accounts were read from, in the order of `context.accounts`.
    account_inputs: Vec<&'a Parsed>,
}

/// One category's judgement for one operation.
struct CategoryJudgement {
    verdict: Verdict,
    reason: String,
    /// Unmet requirements, with the vocabulary they are in.
    missing: Vec<(Vocabulary, &'static Requirement)>,
    /// Whether the failure is proven by the input itself (an error message, a denial), not
    /// only by an absent grant.
    proven: bool,
    /// A shorter reason for the summary, shared by every category undecided for the same
    /// cause (the table keeps `reason`).
    brief: Option<String>,
}

impl Judge<'_> {
    fn evidence(&self) -> &CredentialEvidence {
        self.context.evidence
    }

    /// The platform's vocabularies of `kind`.
    fn vocabularies(&self, kind: VocabularyKind) -> impl Iterator<Item = Vocabulary> + '_ {
        self.module
            .vocabularies()
            .iter()
            .copied()
            .filter(move |v| v.kind() == kind)
    }

    fn applicable<'v>(
        &'v self,
        vocabulary: Vocabulary,
        category: &'v str,
        op: Operation,
    ) -> impl Iterator<Item = &'static Requirement> + 'v {
        vocabulary.requirements().iter().filter(move |r| {
            r.category == category
                && r.operation == op
                && r.applies.includes(self.context.credential)
        })
    }

    fn granted_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for g in &self.evidence().grants {
            if !ids.contains(&g.id.as_str()) {
                ids.push(g.id.as_str());
            }
        }
        ids
    }

    fn judge_category(
        &self,
        closure: &BTreeSet<&'static str>,
        category: &Category,
        op: Operation,
    ) -> CategoryJudgement {
        let mut failures: Vec<String> = Vec::new();
        let mut missing: Vec<(Vocabulary, &'static Requirement)> = Vec::new();
        let mut proven = false;
        // 1. What this kind of credential can never do.
        let scope_vocabularies: Vec<Vocabulary> = match self.context.vocabulary {
            Some(v) => vec![v],
            None => self.vocabularies(VocabularyKind::Scope).collect(),
        };
        for vocabulary in scope_vocabularies
            .iter()
            .copied()
            .chain(self.vocabularies(VocabularyKind::Role))
        {
            if let Some(never) = self
                .applicable(vocabulary, category.id, op)
                .find(|r| r.never)
            {
                return CategoryJudgement {
                    brief: None,
                    verdict: Verdict::Impossible,
                    reason: format!(
                        "not possible with this kind of credential: {}",
                        never.because
                    ),
                    missing: Vec::new(),
                    proven: true,
                };
            }
        }
        // 2. What the input proves fails (an error message, a refusal).
        for finding in &self.evidence().findings {
            if finding.blocks.blocks(op)
                && (finding.categories.is_empty() || finding.categories.contains(&category.id))
            {
                failures.push(finding.proves.clone());
                proven = true;
            }
        }
        // 3. What the account's role allows, when it is known (or, where the input shows only
        //    part of the role, what it leaves undecided).
        let mut undecided: Vec<String> = Vec::new();
        let mut undecided_brief: Option<String> = None;
        for (account, vocabulary) in self
            .context
            .accounts
            .iter()
            .flat_map(|a| self.vocabularies(VocabularyKind::Role).map(move |v| (a, v)))
        {
            let held: Vec<&str> = account
                .grants
                .iter()
                .filter(|g| g.vocabulary == vocabulary)
                .map(|g| g.id.as_str())
                .collect();
            if held.is_empty() {
                continue;
            }
            let has = vocabulary.closure(held.iter().copied());
            for req in self.applicable(vocabulary, category.id, op) {
                let Some(role) = req.scope else { continue };
                if !has.contains(role) {
                    let place = account
                        .scope
                        .as_ref()
                        .map(|s| format!(" on {s}"))
                        .unwrap_or_default();
                    if let Some(hint) = self.module.role_unproven(account, role) {
                        undecided.push(format!(
                            "needs {} to {}, which {}{place} does not show: {hint}",
                            vocabulary.label(role),
                            req.because,
                            account.describe
                        ));
                        undecided_brief.get_or_insert_with(|| {
                            format!(
                                "{}{place} is only part of what {} holds: {hint}",
                                account.describe,
                                account.principal.as_deref().unwrap_or("the account")
                            )
                        });
                        continue;
                    }
                    failures.push(format!(
                        "needs {} to {}; the account has {}{place}",
                        vocabulary.label(role),
                        req.because,
                        account.describe
                    ));
                    if !missing.iter().any(|(_, m)| m.scope == Some(role)) {
                        missing.push((vocabulary, req));
                    }
                    proven = true;
                }
            }
        }
        // 4. What the token's scopes allow.
        let Some(vocabulary) = self.context.vocabulary else {
            if !failures.is_empty() {
                return CategoryJudgement {
                    brief: None,
                    verdict: Verdict::Impossible,
                    reason: dedup(failures).join("; "),
                    missing,
                    proven,
                };
            }
            let hint = self
                .evidence()
                .scopes_hint
                .clone()
                .unwrap_or_else(|| "the input shows no scope of this credential".to_string());
            return CategoryJudgement {
                brief: None,
                verdict: Verdict::Unknown,
                reason: format!("cannot be judged: {hint}"),
                missing,
                proven: false,
            };
        };
        let reqs: Vec<&'static Requirement> =
            self.applicable(vocabulary, category.id, op).collect();
        let unmet: Vec<&'static Requirement> = reqs
            .iter()
            .copied()
            .filter(|r| r.scope.is_some_and(|s| !closure.contains(s)))
            .collect();
        if !unmet.is_empty() {
            let names = dedup(
                unmet
                    .iter()
                    .filter_map(|r| r.scope)
                    .map(|s| vocabulary.named(s)),
            );
            failures.push(format!(
                "needs {} to {}",
                names.join(" and "),
                unmet.first().map(|r| r.because).unwrap_or("")
            ));
            missing.extend(unmet.iter().map(|r| (vocabulary, *r)));
        }
        if !failures.is_empty() {
            return CategoryJudgement {
                brief: None,
                verdict: Verdict::Impossible,
                reason: dedup(failures).join("; "),
                missing,
                proven,
            };
        }
        if !undecided.is_empty() {
            return CategoryJudgement {
                brief: undecided_brief,
                verdict: Verdict::Unknown,
                reason: format!("cannot be judged: {}", dedup(undecided).join("; ")),
                missing,
                proven: false,
            };
        }
        if let Some(open) = reqs.iter().find(|r| r.scope.is_none()) {
            return CategoryJudgement {
                brief: None,
                verdict: Verdict::Unknown,
                reason: format!("cannot be judged: {}", open.because),
                missing,
                proven: false,
            };
        }
        if reqs.is_empty() {
            return CategoryJudgement {
                brief: None,
                verdict: Verdict::Possible,
                reason: "no scope is needed".into(),
                missing,
                proven: false,
            };
        }
        let names = dedup(
            reqs.iter()
                .filter_map(|r| r.scope)
                .map(|s| vocabulary.label(s)),
        );
        CategoryJudgement {
            brief: None,
            verdict: Verdict::Possible,
            reason: format!("covered by {}", names.join(", ")),
            missing,
            proven: false,
        }
    }

    /// Conditions no scope can fix: the platform's, the account's, and the credential's own
    /// state (expired, revoked).
    fn blockers(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(expires) = &self.evidence().expires {
            if self.now.is_some_and(|now| expires.at <= now) {
                out.push(format!(
                    "it expired on {}, so it grants nothing. Create a new one with the same scopes, plus any listed under What to grant.",
                    date_of(expires.at)
                ));
            }
        }
        if self.evidence().revoked {
            out.push("it is revoked or inactive, so it grants nothing.".to_string());
        }
        out.extend(self.rules.blockers.iter().cloned());
        for account in &self.context.accounts {
            out.extend(self.module.account_blockers(account));
        }
        dedup(out)
    }

    fn expires(&self) -> Option<Expires> {
        let expires = self.evidence().expires?;
        let days_left = self.now.map(|now| calendar_days(now, expires.at));
        Some(Expires {
            date: date_of(expires.at),
            days_left,
            expired: self.now.is_some_and(|now| expires.at <= now),
        })
    }

    fn subject(&self) -> Subject {
        let granted_ids = self.granted_ids();
        let closure = match self.context.vocabulary {
            Some(v) => {
                // What the grants also cover for this kind of credential (the platform's say).
                let credential = self.context.credential;
                let extra = granted_ids
                    .iter()
                    .flat_map(|id| self.module.implies_for(credential, id).iter().copied());
                v.closure(granted_ids.iter().copied().chain(extra))
            }
            None => BTreeSet::new(),
        };
        let categories = self.module.categories();
        let mut results = Vec::new();
        let mut per_op: BTreeMap<Operation, Vec<(&Category, CategoryJudgement)>> = BTreeMap::new();
        for category in categories {
            let backup = self.judge_category(&closure, category, Operation::Backup);
            let restore = self.judge_category(&closure, category, Operation::Restore);
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
        // What blocks the whole credential blocks every category: no row may say "possible"
        // under a headline that says nothing works.
        if let Some(first) = blockers.first() {
            let reason = format!("fails whatever the scopes: {first}");
            for row in &mut results {
                for (verdict, why) in [
                    (&mut row.backup, &mut row.backup_reason),
                    (&mut row.restore, &mut row.restore_reason),
                ] {
                    if *verdict != Verdict::Impossible {
                        *verdict = Verdict::Impossible;
                        why.clone_from(&reason);
                    }
                }
            }
        }
        let missing = match &self.rules.missing {
            Some(missing) => missing.clone(),
            None => missing_of(&per_op),
        };
        let judged = |op| per_op.get(&op).map(Vec::as_slice).unwrap_or(&[]);
        let backup = self.overall(
            Operation::Backup,
            judged(Operation::Backup),
            &blockers,
            None,
            !missing.is_empty(),
        );
        let restore = self.overall(
            Operation::Restore,
            judged(Operation::Restore),
            &blockers,
            Some(backup.verdict),
            !missing.is_empty(),
        );
        let mut sources = vec![self.context.input.source.clone()];
        for input in &self.account_inputs {
            if !sources.contains(&input.source) {
                sources.push(input.source.clone());
            }
        }
        let collect = collect_for(&[self.context.platform], &backup, &restore);
        Subject {
            collect,
            label: self.label(),
            platform: Some(self.context.platform),
            credential: self.context.credential,
            backup,
            restore,
            categories: results,
            missing,
            excess: self.excess(&granted_ids),
            warnings: self.warnings(),
            granted: self.granted(),
            sources,
            identity: None,
            expires: self.expires(),
            combined: self.combined(),
            findings: self
                .evidence()
                .findings
                .iter()
                .map(|f| report_finding(self.context.input, f))
                .collect(),
        }
    }

    fn label(&self) -> String {
        let kind = self
            .rules
            .kind
            .clone()
            .unwrap_or_else(|| capitalized(self.context.credential.name()));
        let host = self
            .evidence()
            .host
            .as_ref()
            .map(|h| format!(" on {h}"))
            .unwrap_or_default();
        match &self.evidence().name {
            Some(name) => format!("{kind} \"{name}\"{host}"),
            None => format!("{kind}{host} from {}", self.context.input.source),
        }
    }

    /// Which blocks and inputs this subject's evidence came from, when more than one.
    fn combined(&self) -> Vec<String> {
        let input = self.context.input;
        let mut out: Vec<String> = self
            .evidence()
            .blocks
            .iter()
            .map(|span| {
                let (line, _) = input.locate(*span);
                let (end, _) =
                    input.locate(crate::source::Span::new(span.end.saturating_sub(1), 0));
                let block_of = |s: &crate::source::Span| {
                    input.blocks.iter().position(|b| {
                        b.span.start <= s.start && s.start < b.span.end.max(b.span.start + 1)
                    })
                };
                let block = block_of(span);
                // A block's format names the whole block: where two of the parts judged
                // together come from one block, it would name the wrong one.
                let shared = self
                    .evidence()
                    .blocks
                    .iter()
                    .filter(|s| block.is_some() && block_of(s) == block)
                    .count()
                    > 1;
                let format = match block.and_then(|b| input.blocks.get(b)) {
                    Some(b) if !shared => format!(" ({})", crate::detect::format_label(b.format)),
                    Some(_) => String::new(),
                    None => " (text)".to_string(),
                };
                if end > line {
                    format!("{}, lines {line}–{end}{format}", input.source)
                } else {
                    format!("{}, line {line}{format}", input.source)
                }
            })
            .collect();
        for (account, account_input) in self.context.accounts.iter().zip(&self.account_inputs) {
            let (line, _) = account_input.locate(account.span);
            out.push(format!(
                "{}, line {line} ({})",
                account_input.source, account.describe
            ));
        }
        if out.len() > 1 {
            out
        } else {
            Vec::new()
        }
    }

    fn overall(
        &self,
        op: Operation,
        judged: &[(&Category, CategoryJudgement)],
        blockers: &[String],
        backup_verdict: Option<Verdict>,
        grants_listed: bool,
    ) -> OperationResult {
        let verb = op.name();
        if let Some(first) = blockers.first() {
            // Every reason, here: fixing one alone (renewing the token) must not fail again on
            // another (the token's single organization).
            let what = blockers
                .iter()
                .skip(1)
                .map(|b| format!(" Also: {b}"))
                .collect::<String>();
            return OperationResult {
                verdict: Verdict::Impossible,
                summary: format!("{verb} will fail: {first}{what}"),
            };
        }
        let failing = |kind: CategoryKind| -> Vec<&(&Category, CategoryJudgement)> {
            judged
                .iter()
                .filter(|(c, j)| c.kind == kind && j.verdict == Verdict::Impossible)
                .collect()
        };
        let hard: Vec<_> = failing(CategoryKind::Prerequisite)
            .into_iter()
            .chain(failing(CategoryKind::Core))
            .collect();
        // Only when the token itself lacks a write scope: a restore that only the account's
        // role refuses does not need a new token.
        let token_lacks_write = judged.iter().any(|(_, j)| {
            j.missing
                .iter()
                .any(|(v, _)| v.kind() == VocabularyKind::Scope)
        });
        let read_only_hint = |text: String| -> String {
            if op == Operation::Restore
                && matches!(backup_verdict, Some(Verdict::Possible | Verdict::Partial))
                && self.context.vocabulary.is_some()
                && token_lacks_write
                && self.rules.read_only_source.is_some()
            {
                let cite = self
                    .rules
                    .read_only_source
                    .map(|s| format!(" ({})", s.title))
                    .unwrap_or_default();
                format!("{text} This token can back up but not restore: restoring needs a new token with write access{cite}.")
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
                            .filter_map(|(v, r)| r.scope.map(|s| v.named(s))),
                    );
                    if labels.is_empty() || j.proven {
                        format!("{}: {}", c.label, j.reason.trim_end_matches('.'))
                    } else {
                        format!("{} needs {}", c.label, labels.join(" and "))
                    }
                })
                .collect();
            let total_missing: usize = judged.iter().map(|(_, j)| j.missing.len()).sum();
            let more = if grants_listed && total_missing > parts.len() {
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
        let impossible: Vec<&(&Category, CategoryJudgement)> = judged
            .iter()
            .filter(|(_, j)| j.verdict == Verdict::Impossible)
            .collect();
        let unknown: Vec<&(&Category, CategoryJudgement)> = judged
            .iter()
            .filter(|(_, j)| j.verdict == Verdict::Unknown)
            .collect();
        if impossible.is_empty() && unknown.is_empty() {
            let what = match op {
                Operation::Backup => "can be read",
                Operation::Restore => "can be written back",
            };
            return OperationResult {
                verdict: Verdict::Possible,
                summary: format!("{verb} will work: all {} categories {what}.", judged.len()),
            };
        }
        let verb_lower = verb.to_ascii_lowercase();
        let core_unknown = unknown
            .iter()
            .any(|(c, _)| c.kind != CategoryKind::Metadata);
        // Known failures lead, even when other parts are undecided.
        let mut summary = String::new();
        if !impossible.is_empty() {
            let labels: Vec<&str> = impossible.iter().map(|(c, _)| c.label).collect();
            summary = if core_unknown {
                format!(
                    "At least part of the {verb_lower} will fail: {} ({}).",
                    labels.join(", "),
                    dedup(impossible.iter().map(|(_, j)| j.reason.clone())).join("; ")
                )
            } else {
                // "What to grant" is pointed at only for what a grant fixes and only when it
                // lists something; a category no grant fixes (a global permission no token can
                // carry) says its own reason, which says what to do instead.
                let (fixable, unfixable): (Vec<&(&Category, CategoryJudgement)>, Vec<_>) =
                    impossible
                        .iter()
                        .copied()
                        .partition(|(_, j)| grants_listed && !j.missing.is_empty());
                let mut text = format!(
                    "Repositories: {verb_lower} works, but some metadata will be left out: {}.",
                    labels.join(", ")
                );
                if !fixable.is_empty() && unfixable.is_empty() {
                    text.push_str(&format!(
                        " Grant what is listed under What to grant for a complete {verb_lower}."
                    ));
                } else if !fixable.is_empty() {
                    let fixable: Vec<&str> = fixable.iter().map(|(c, _)| c.label).collect();
                    text.push_str(&format!(
                        " Grant what is listed under What to grant for {}.",
                        fixable.join(", ")
                    ));
                }
                for (c, j) in unfixable {
                    text.push_str(&format!(
                        " {}: {}.",
                        c.label,
                        j.reason.trim_end_matches('.')
                    ));
                }
                text
            };
        }
        if !unknown.is_empty() {
            // Categories undecided for the same reason collapse to one line.
            let mut by_reason: Vec<(String, Vec<&str>)> = Vec::new();
            for (c, j) in &unknown {
                let reason = j.brief.clone().unwrap_or_else(|| {
                    j.reason
                        .trim_start_matches("cannot be judged: ")
                        .to_string()
                });
                match by_reason.iter_mut().find(|(r, _)| *r == reason) {
                    Some((_, labels)) => labels.push(c.label),
                    None => by_reason.push((reason, vec![c.label])),
                }
            }
            let parts: Vec<String> = by_reason
                .iter()
                .map(|(reason, labels)| {
                    if labels.len() == judged.len() {
                        format!("no category can be decided: {reason}")
                    } else {
                        format!("{} cannot be decided: {reason}", labels.join(", "))
                    }
                })
                .collect();
            if !summary.is_empty() {
                summary.push(' ');
            }
            summary.push_str(&capitalized(&parts.join("; ")));
            summary.push('.');
            if self.context.vocabulary.is_some() && !core_unknown && impossible.is_empty() {
                summary = format!("{verb} works for every other category. {summary} Test it with this token, or paste more evidence.");
            }
        }
        let verdict = if core_unknown || impossible.is_empty() {
            Verdict::Unknown
        } else {
            Verdict::Partial
        };
        // A partial restore writes the repositories back: "can back up but not restore" would
        // contradict it, so the read-only hint belongs to the failing case above only.
        OperationResult { verdict, summary }
    }

    fn excess(&self, granted: &[&str]) -> Vec<Excess> {
        let Some(vocabulary) = self.context.vocabulary else {
            return Vec::new();
        };
        let needed: BTreeSet<&'static str> = vocabulary
            .requirements()
            .iter()
            .filter(|r| r.applies.includes(self.context.credential))
            .filter_map(|r| r.scope)
            .collect();
        let mut out = Vec::new();
        for &id in granted {
            if needed.contains(id) || self.rules.not_excess.contains(&id) {
                continue;
            }
            let gives = vocabulary.closure([id]);
            let is_below_needed = needed.iter().any(|n| vocabulary.closure([*n]).contains(id));
            if is_below_needed {
                continue;
            }
            let covered: Vec<&'static str> = needed
                .iter()
                .copied()
                .filter(|n| gives.contains(n))
                .collect();
            let why = if Some(id) == vocabulary.full_access() {
                "full access to everything the account can do; a token with only the scopes the backup tool lists is safer".to_string()
            } else if covered.is_empty() {
                "no backup or restore step needs it".to_string()
            } else {
                let enough: Vec<String> = covered
                    .iter()
                    .filter(|c| {
                        !covered
                            .iter()
                            .any(|o| o != *c && vocabulary.closure([*o]).contains(*c))
                    })
                    .map(|c| vocabulary.named(c))
                    .collect();
                format!("broader than needed: {} is enough", enough.join(" and "))
            };
            out.push(Excess {
                id: id.to_string(),
                label: vocabulary.label(id),
                why,
            });
        }
        out
    }

    fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        for note in &self.evidence().notes {
            match note.kind {
                NoteKind::EndpointAccepts => out.push(warning(
                    "endpoint-accepts-is-not-granted",
                    format!("{} is what that endpoint accepts, not what the token has; it was not counted.", note.text),
                    self.rules.notes_source.unwrap_or(&ACCEPTED_HEADER),
                )),
                NoteKind::CallRequired => out.push(warning(
                    "failed-call-required",
                    format!("The call that failed needed {}; the token's own scopes (granted) are what this report judges.", note.text),
                    self.rules.notes_source.unwrap_or(&ACCEPTED_HEADER),
                )),
            }
        }
        if let (Some(expires), Some(now)) = (self.evidence().expires, self.now) {
            let days = calendar_days(now, expires.at);
            if expires.at > now && days < EXPIRY_WARNING_DAYS {
                out.push(warning(
                    "expires-soon",
                    format!(
                        "It expires {} ({}): a backup scheduled after that fails. Renew it or create a new one before then.",
                        in_days(days),
                        date_of(expires.at)
                    ),
                    &EXPIRY_RULE,
                ));
            }
        } else if self.evidence().expires.is_some() && self.now.is_none() {
            out.push(warning(
                "expiry-not-compared",
                "The input states an expiry date, but today's date was not available to compare it with: check it yourself.",
                &EXPIRY_RULE,
            ));
        }
        if !self.context.unmatched_accounts.is_empty() {
            out.push(warning(
                "account-unmatched",
                format!(
                    "A role or access level was pasted for {}, but it cannot be tied to this token's account{}; paste only the backup account's to judge both together.",
                    self.context.unmatched_accounts.join(", "),
                    self.evidence().principal.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
                ),
                &INTERSECTION_RULE,
            ));
        }
        out.extend(self.rules.warnings.iter().cloned());
        out
    }

    fn granted(&self) -> Vec<Granted> {
        let input = self.context.input;
        let mut out: Vec<Granted> = Vec::new();
        for g in &self.evidence().grants {
            if out.iter().any(|o| o.id == g.id) {
                continue;
            }
            let (line, column) = input.locate(g.span);
            out.push(Granted {
                id: g.id.clone(),
                label: g.vocabulary.label(&g.id),
                source: input.source.clone(),
                line,
                column,
            });
        }
        for (account, account_input) in self.context.accounts.iter().zip(&self.account_inputs) {
            out.push(account_granted(account_input, account));
        }
        out
    }
}

/// Headers that say what an endpoint accepts, not what a token has.
const ACCEPTED_HEADER: Source = Source {
    title: "Atlassian KB: How to fetch the scope of a token via command line (x-oauth-scopes vs x-accepted-oauth-scopes)",
    url: "https://support.atlassian.com/bitbucket-cloud/kb/how-to-fetch-the-scope-of-a-token-via-command-line/",
};

/// Expired tokens grant nothing; the platforms' own token pages say when a token stops working.
const EXPIRY_RULE: Source = Source {
    title: "permcheck: an expired credential grants nothing (every platform's token page shows the expiry)",
    url: "https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
};

/// A token can do only what both its scopes and its account's role allow.
const INTERSECTION_RULE: Source = Source {
    title: "GitHub Docs: Scopes for OAuth apps (a token cannot grant more than its user has)",
    url: "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps",
};

fn account_granted(input: &Parsed, account: &AccountEvidence) -> Granted {
    let (line, column) = input.locate(account.span);
    let label = match &account.scope {
        Some(scope) => format!("{} on {scope}", account.describe),
        None => account.describe.clone(),
    };
    Granted {
        id: account.raw_id.clone(),
        label,
        source: input.source.clone(),
        line,
        column,
    }
}

fn report_finding(input: &Parsed, finding: &Finding) -> crate::report::FindingResult {
    let (line, column) = input.locate(finding.span);
    crate::report::FindingResult {
        id: finding.id.to_string(),
        proves: finding.proves.clone(),
        action: finding.action.clone(),
        cannot_tell: finding.cannot_tell.clone(),
        source: input.source.clone(),
        line,
        column,
        reference: finding.source.title.to_string(),
        reference_url: finding.source.url.to_string(),
    }
}

/// What to grant: every unmet requirement's id, merged into the broadest missing id of its chain
/// so the admin ticks one box per group.
fn missing_of(per_op: &BTreeMap<Operation, Vec<(&Category, CategoryJudgement)>>) -> Vec<Missing> {
    type Key = (Vocabulary, &'static str);
    let mut order: Vec<Key> = Vec::new();
    let mut needed: BTreeMap<Key, (Vec<String>, &'static Source)> = BTreeMap::new();
    for op in Operation::BOTH {
        for (category, judgement) in per_op.get(&op).map(Vec::as_slice).unwrap_or(&[]) {
            for (vocabulary, req) in &judgement.missing {
                let Some(scope) = req.scope else { continue };
                let key = (*vocabulary, scope);
                if !order.contains(&key) {
                    order.push(key);
                }
                let entry = needed
                    .entry(key)
                    .or_insert_with(|| (Vec::new(), req.source));
                let tag = format!("{}:{}", op.id(), category.id);
                if !entry.0.contains(&tag) {
                    entry.0.push(tag);
                }
            }
        }
    }
    // Fold an id into a broader missing one that includes it (vso.code into vso.code_manage),
    // only within one portal group ("Code: …"), so the admin is never told that "Pull
    // requests: Write" is how to get "Repositories: Write".
    let group = |(v, id): Key| v.label(id).split(':').next().unwrap_or("").to_string();
    let mut folded: BTreeSet<Key> = BTreeSet::new();
    for &narrow in &order {
        let broader = order.iter().find(|&&b| {
            b != narrow
                && b.0 == narrow.0
                && group(b) == group(narrow)
                && b.0.closure([b.1]).contains(narrow.1)
        });
        if let Some(&broad) = broader {
            let tags = needed
                .get(&narrow)
                .map(|(t, _)| t.clone())
                .unwrap_or_default();
            if let Some(entry) = needed.get_mut(&broad) {
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
        .filter(|k| !folded.contains(k))
        .filter_map(|key| {
            needed.get(&key).map(|(tags, source)| Missing {
                id: key.1.to_string(),
                label: key.0.label(key.1),
                needed_for: sort_tags(tags),
                source: source.title.to_string(),
                source_url: source.url.to_string(),
            })
        })
        .collect()
}

/// What a vocabulary's requirements ask for, as a list to grant from scratch: the answer for a
/// credential that has to be replaced (a retired app password by an API token).
pub fn everything_needed(vocabulary: Vocabulary, credential: Credential) -> Vec<Missing> {
    let mut order: Vec<&'static str> = Vec::new();
    let mut tags: BTreeMap<&'static str, (Vec<String>, &'static Source)> = BTreeMap::new();
    for req in vocabulary.requirements() {
        let Some(scope) = req.scope.filter(|_| req.applies.includes(credential)) else {
            continue;
        };
        if !order.contains(&scope) {
            order.push(scope);
        }
        let tag = format!("{}:{}", req.operation.id(), req.category);
        let entry = tags
            .entry(scope)
            .or_insert_with(|| (Vec::new(), req.source));
        if !entry.0.contains(&tag) {
            entry.0.push(tag);
        }
    }
    order
        .into_iter()
        .filter_map(|s| {
            tags.get(s).map(|(t, source)| Missing {
                id: s.to_string(),
                label: vocabulary.label(s),
                needed_for: sort_tags(t),
                source: source.title.to_string(),
                source_url: source.url.to_string(),
            })
        })
        .collect()
}

/// A text whose platform cannot be told: one subject that asks, never two that contradict.
fn ambiguous_subject(input: &Parsed, evidence: &CredentialEvidence) -> Subject {
    let names: Vec<&str> = evidence.candidates.iter().map(|p| p.name()).collect();
    let ids: Vec<String> = dedup(evidence.grants.iter().map(|g| format!("`{}`", g.id)));
    let seen = if ids.is_empty() {
        String::new()
    } else {
        format!(" ({})", ids.join(", "))
    };
    let summary = if evidence.grants.is_empty() {
        // Only an empty scope list (`x-oauth-scopes:` with nothing) is read without grants.
        format!(
            "The token has no scopes (its x-oauth-scopes header is empty), but these headers could come from {}, and what a token without scopes can do depends on which: permcheck does not guess. Paste the whole response with its headers (or the command that printed it), or choose the platform.",
            names.join(" or ")
        )
    } else {
        format!(
            "These could be {} scopes{seen}: permcheck does not guess. Paste the whole response with its headers (or the command that printed it), or choose the platform.",
            names.join(" or ")
        )
    };
    let mut subject = unknown_subject(
        input,
        evidence,
        None,
        format!("Token from {}", input.source),
        summary,
    );
    subject.collect = collect_for(&evidence.candidates, &subject.backup, &subject.restore);
    subject
}

/// The commands whose output would settle an `unknown` verdict on these platforms.
fn collect_for(
    platforms: &[Platform],
    backup: &OperationResult,
    restore: &OperationResult,
) -> Vec<crate::report::CollectStep> {
    if backup.verdict != Verdict::Unknown && restore.verdict != Verdict::Unknown {
        return Vec::new();
    }
    let mut out: Vec<crate::report::CollectStep> = Vec::new();
    for platform in platforms {
        if let Some(module) = platforms::for_platform(*platform) {
            for step in module.collect() {
                let step = crate::report::CollectStep::from(step);
                if !out.contains(&step) {
                    out.push(step);
                }
            }
        }
    }
    out
}

fn not_evaluated_subject(
    input: &Parsed,
    evidence: &CredentialEvidence,
    platform: Platform,
) -> Subject {
    let summary = format!(
        "{} is not evaluated yet: permcheck judges {} today.",
        platform.name(),
        platforms::judged()
            .map(Platform::name)
            .collect::<Vec<_>>()
            .join(", ")
    );
    unknown_subject(
        input,
        evidence,
        Some(platform),
        format!("{} token from {}", platform.name(), input.source),
        summary,
    )
}

fn unknown_subject(
    input: &Parsed,
    evidence: &CredentialEvidence,
    platform: Option<Platform>,
    label: String,
    summary: String,
) -> Subject {
    let granted = evidence
        .grants
        .iter()
        .map(|g| {
            let (line, column) = input.locate(g.span);
            Granted {
                id: g.id.clone(),
                label: g.vocabulary.label(&g.id),
                source: input.source.clone(),
                line,
                column,
            }
        })
        .collect();
    Subject {
        label,
        platform,
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
        expires: None,
        combined: Vec::new(),
        findings: Vec::new(),
        collect: Vec::new(),
    }
}

/// An account known only by its role or access level: the role decides what it can never do;
/// the rest needs the token's scopes.
pub fn judge_account(input: &Parsed, account: &AccountEvidence, options: &Options) -> Subject {
    let platform = options
        .platform
        .filter(|p| platforms::same_family(*p, account.platform))
        .unwrap_or(account.platform);
    let module = platforms::for_platform(platform);
    let roles: Vec<Vocabulary> = module
        .map(|m| {
            m.vocabularies()
                .iter()
                .copied()
                .filter(|v| v.kind() == VocabularyKind::Role)
                .collect()
        })
        .unwrap_or_default();
    let mut missing: Vec<Missing> = Vec::new();
    let mut categories = Vec::new();
    let mut hard_failures: Vec<String> = Vec::new();
    // What the role evidence leaves undecided, per operation (said once in the summary).
    let mut undecided_ops: Vec<(Operation, String)> = Vec::new();
    for category in catalog::categories(platform) {
        let mut verdicts = [
            (Verdict::Unknown, String::new()),
            (Verdict::Unknown, String::new()),
        ];
        for (slot, op) in verdicts.iter_mut().zip(Operation::BOTH) {
            let mut failures = Vec::new();
            let mut undecided = Vec::new();
            for vocabulary in &roles {
                let held: Vec<&str> = account
                    .grants
                    .iter()
                    .filter(|g| g.vocabulary == *vocabulary)
                    .map(|g| g.id.as_str())
                    .collect();
                // A role vocabulary the account holds nothing in (a GitHub repository role when
                // only the organization role was pasted) decides nothing.
                if held.is_empty() {
                    continue;
                }
                let has = vocabulary.closure(held.iter().copied());
                for req in vocabulary
                    .requirements()
                    .iter()
                    .filter(|r| r.category == category.id && r.operation == op && !r.never)
                {
                    let Some(role) = req.scope else { continue };
                    if has.contains(role) {
                        continue;
                    }
                    if let Some(hint) = module.and_then(|m| m.role_unproven(account, role)) {
                        undecided.push(format!(
                            "needs {} to {}, which {} does not show: {hint}",
                            vocabulary.label(role),
                            req.because,
                            account.describe
                        ));
                        if !undecided_ops.contains(&(op, hint.clone())) {
                            undecided_ops.push((op, hint));
                        }
                        continue;
                    }
                    failures.push(format!(
                        "needs {} to {}",
                        vocabulary.label(role),
                        req.because
                    ));
                    let tag = format!("{}:{}", op.id(), category.id);
                    match missing.iter_mut().find(|m| m.id == role) {
                        Some(m) if !m.needed_for.contains(&tag) => m.needed_for.push(tag),
                        Some(_) => {}
                        None => missing.push(Missing {
                            id: role.to_string(),
                            label: vocabulary.label(role),
                            needed_for: vec![tag],
                            source: req.source.title.to_string(),
                            source_url: req.source.url.to_string(),
                        }),
                    }
                }
            }
            *slot = if failures.is_empty() && !undecided.is_empty() {
                (
                    Verdict::Unknown,
                    format!("cannot be judged: {}", dedup(undecided).join("; ")),
                )
            } else if failures.is_empty() {
                (
                    Verdict::Unknown,
                    "the role allows it; the token's scopes decide".to_string(),
                )
            } else {
                if category.kind != CategoryKind::Metadata {
                    hard_failures.push(format!("{}: {}", category.label, failures.join("; ")));
                }
                (Verdict::Impossible, dedup(failures).join("; "))
            };
        }
        let [(backup, backup_reason), (restore, restore_reason)] = verdicts;
        categories.push(CategoryResult {
            id: category.id.into(),
            label: category.label.into(),
            backup,
            restore,
            backup_reason,
            restore_reason,
        });
    }
    let blockers = module
        .map(|m| m.account_blockers(account))
        .unwrap_or_default();
    let hint = module
        .map(|m| m.scopes_hint())
        .unwrap_or("the token's scope list");
    let per_op = |op: Operation| -> OperationResult {
        let op_failures: Vec<String> = categories
            .iter()
            .zip(catalog::categories(platform))
            .filter(|(c, cat)| {
                cat.kind != CategoryKind::Metadata
                    && match op {
                        Operation::Backup => c.backup == Verdict::Impossible,
                        Operation::Restore => c.restore == Verdict::Impossible,
                    }
            })
            .map(|(c, _)| match op {
                Operation::Backup => format!("{}: {}", c.label, c.backup_reason),
                Operation::Restore => format!("{}: {}", c.label, c.restore_reason),
            })
            .collect();
        if let Some(first) = blockers.first() {
            return OperationResult {
                verdict: Verdict::Impossible,
                summary: format!("{} will fail: {first}", op.name()),
            };
        }
        if !op_failures.is_empty() {
            return OperationResult {
                verdict: Verdict::Impossible,
                summary: format!("{} will fail: {}.", op.name(), op_failures.join("; ")),
            };
        }
        let partial: Vec<&str> = categories
            .iter()
            .filter(|c| match op {
                Operation::Backup => c.backup == Verdict::Impossible,
                Operation::Restore => c.restore == Verdict::Impossible,
            })
            .map(|c| c.label.as_str())
            .collect();
        let lead = if partial.is_empty() {
            String::new()
        } else {
            format!(
                "At least part will fail whatever the token: {}. ",
                partial.join(", ")
            )
        };
        let unshown = undecided_ops
            .iter()
            .filter(|(o, _)| *o == op)
            .map(|(_, h)| h.as_str())
            .collect::<Vec<_>>();
        let unshown = if unshown.is_empty() {
            String::new()
        } else {
            format!(
                " It is only part of what the account holds, and not all this needs: {}.",
                unshown.join("; ")
            )
        };
        OperationResult {
            verdict: Verdict::Unknown,
            summary: format!(
                "{lead}The {} does not decide it.{unshown} Paste the token's scopes too: {hint}.",
                account.describe
            ),
        }
    };
    let backup = per_op(Operation::Backup);
    let restore = per_op(Operation::Restore);
    let _ = hard_failures;
    let collect = collect_for(&[platform], &backup, &restore);
    let label = match (&account.principal, &account.scope) {
        (Some(p), Some(s)) => format!("Account {p} on {s}"),
        (Some(p), None) => format!("Account {p}"),
        (None, Some(s)) => format!(
            "Account ({}) on {s} from {}",
            account.describe, input.source
        ),
        (None, None) => format!("Account ({}) from {}", account.describe, input.source),
    };
    Subject {
        label,
        platform: Some(platform),
        credential: Credential::Account,
        backup,
        restore,
        categories,
        missing,
        excess: Vec::new(),
        warnings: module
            .map(|m| m.account_warnings(account))
            .unwrap_or_default(),
        granted: vec![account_granted(input, account)],
        sources: vec![input.source.clone()],
        identity: None,
        expires: None,
        combined: Vec::new(),
        findings: Vec::new(),
        collect,
    }
}

/// The worse of two verdicts.
pub fn worse(a: Verdict, b: Verdict) -> Verdict {
    if rank(b) < rank(a) {
        b
    } else {
        a
    }
}

pub fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Impossible => 0,
        Verdict::Unknown => 1,
        Verdict::Partial => 2,
        Verdict::Possible => 3,
    }
}

pub fn dedup(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn capitalized(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
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

/// Calendar days (UTC) from `now` to `then`: a token that expires at midnight tonight expires
/// "in 1 day", on the date shown beside it.
fn calendar_days(now: i64, then: i64) -> i64 {
    then.div_euclid(86_400) - now.div_euclid(86_400)
}

/// "in 1 day", "today", "in 12 days".
fn in_days(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "in 1 day".to_string(),
        n => format!("in {n} days"),
    }
}

/// `YYYY-MM-DD` of a time in seconds since the epoch (UTC), by Howard Hinnant's civil-from-days.
pub fn date_of(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_as_iso() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_700_000_000), "2023-11-14");
        assert_eq!(date_of(1_796_083_200), "2026-12-01");
        assert_eq!(in_days(1), "in 1 day");
    }
}
