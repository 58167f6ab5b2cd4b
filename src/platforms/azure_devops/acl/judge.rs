//! From ACL evidence to report subjects: one per identity. Each requirement
//! ([`super::requirements`]) is judged on every token it applies to, then per category, then
//! per operation. What the evidence does not cover is `unknown`, with the export that would
//! decide it; what is denied comes with the portal label and a ready `az` command.

use super::evaluate::{self, AclIndex, Basis, BitTable, FoldedKey, FxHasher, GrantPoint, Outcome};
use super::formats::table::UNNAMED_SUBJECT;
use super::groups::{self, Directory};
use super::identity::{self, shell_quote, AzSubject};
use super::namespaces::{ids, Catalog, Namespace};
use super::requirements::{AclRequirement, Targets, REQUIREMENTS};
use super::{tokens, Acl, AclDocument, AclFormat, Denial, KnownIdentity};
use crate::model::{Credential, Operation, Platform, Verdict};
use crate::report::{CategoryResult, Granted, Missing, OperationResult, Subject, Warning};
use crate::Options;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// Who a subject is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    /// An identity descriptor with ACEs in the ACL exports.
    Descriptor(String),
    /// The identity named by access-denied messages (`None`: the message names none).
    Denied(Option<String>),
    /// The caller of `permissionevaluationbatch`.
    Caller,
}

struct Judged<'a> {
    req: &'static AclRequirement,
    verdict: Verdict,
    reason: String,
    /// First place where the bit is allowed: (doc index, byte offset).
    granted_at: Option<(usize, usize)>,
    computed: bool,
    /// Where to grant the bit and which denies stand in the way.
    fix: FixPlan<'a>,
}

/// The fewest grants that allow a bit everywhere it is missing, and the denies no grant
/// overrides (reference/azure-devops.md §4: a Deny on the same token beats an Allow; an
/// explicit entry on a more specific token beats an inherited one).
#[derive(Default, Clone)]
struct FixPlan<'a> {
    /// Tokens to allow the bit on, each with how many failing targets it reaches.
    grants: Vec<PlanGrant<'a>>,
    /// Denies that keep the bit from targets, per token and deciding identity.
    blocked: Vec<Blocked<'a>>,
}

/// A token to allow a bit on: how many failing targets its inheritance reaches, and its node in
/// the namespace's index (when exported), by which grants of several bits meet.
#[derive(Clone)]
struct PlanGrant<'a> {
    token: Cow<'a, str>,
    reach: usize,
    node: Option<u32>,
}

/// A Deny that keeps a bit from some targets.
#[derive(Clone)]
struct Blocked<'a> {
    /// The token the Deny is on, as exported (`None`: the server reports the Deny, from a
    /// group or a parent the export does not show).
    token: Option<&'a str>,
    /// Whose entry it is (its descriptor as indexed), when computed.
    identity: Option<std::rc::Rc<str>>,
    /// The entry's identity number in the namespace's index (with the token's address, what
    /// tells denies apart without comparing text).
    id: Option<u32>,
    /// How many targets it keeps the bit from.
    targets: usize,
    /// The Deny is on an ancestor of those targets (not on the targets' own tokens).
    inherited: bool,
    /// One of those targets.
    example: Cow<'a, str>,
}

pub fn judge(docs: &[&AclDocument], options: &Options) -> Vec<Subject> {
    let mut catalog = Catalog::default();
    for doc in docs {
        for ns in &doc.namespaces {
            catalog.merge(ns.clone());
        }
    }
    let platform = match options.platform {
        Some(p @ Platform::AzureDevopsServer) => p,
        Some(Platform::AzureDevopsServices) => Platform::AzureDevopsServices,
        _ if !docs.is_empty() && docs.iter().all(|d| d.format() == AclFormat::TfsSecurity) => {
            Platform::AzureDevopsServer
        }
        _ => Platform::AzureDevopsServices,
    };
    // Nothing to judge without permissions (memberships and names alone only serve them).
    if !docs.iter().any(|d| d.has_permissions()) {
        return Vec::new();
    }
    let directory = Directory::build(docs);
    // With memberships exported for accounts, those accounts are the subjects (judged through
    // their groups); the other identities of the exports are their groups and the rest of the
    // organization.
    let accounts = directory.accounts();
    let mut subjects: Vec<(Who, Vec<usize>)> = accounts
        .iter()
        .map(|a| (Who::Descriptor(a.clone()), Vec::new()))
        .collect();
    let mut left_out = 0usize;
    let mut add = |who: Who, doc: usize| {
        let same = |w: &Who| match (w, &who) {
            (Who::Descriptor(a), Who::Descriptor(b)) => {
                // Spellings other than the ACLs' own (graph descriptors, e-mails) only come
                // with memberships.
                identity::same(a, b) || (!accounts.is_empty() && directory.same(a, b))
            }
            (a, b) => a == b,
        };
        if !accounts.is_empty()
            && matches!(who, Who::Descriptor(_))
            && !subjects.iter().any(|(w, _)| same(w))
        {
            left_out += 1;
            return;
        }
        match subjects.iter_mut().find(|(w, _)| same(w)) {
            Some((_, list)) => {
                if !list.contains(&doc) {
                    list.push(doc);
                }
            }
            None => subjects.push((who, vec![doc])),
        }
    };
    for (i, doc) in docs.iter().enumerate() {
        for d in doc.descriptors() {
            add(Who::Descriptor(d), i);
        }
        for a in &doc.asked {
            add(Who::Descriptor(a.descriptor.clone()), i);
        }
        for denial in &doc.denials {
            add(Who::Denied(denial.identity.clone()), i);
        }
        if !doc.evaluations.is_empty() {
            add(Who::Caller, i);
        }
    }
    // An account's evidence is every input: its memberships and its groups' entries.
    if !accounts.is_empty() {
        for (who, list) in subjects.iter_mut() {
            if matches!(who, Who::Descriptor(_)) {
                *list = (0..docs.len()).collect();
            }
        }
    }
    let identities_with_entries = {
        let mut all: Vec<String> = docs
            .iter()
            .flat_map(|d| d.descriptors())
            .map(|d| d.trim().to_ascii_lowercase())
            .collect();
        all.sort();
        all.dedup();
        all
    };
    let valid_users: Vec<String> = identities_with_entries
        .iter()
        .filter(|c| {
            directory.maybe_in("", &groups::Groups::default(), c, true)
                == Some(groups::MaybeIn::ValidUsers)
        })
        .cloned()
        .collect();
    let ctx = Context {
        docs,
        catalog: &catalog,
        indexes: Default::default(),
        by_namespace: by_namespace(docs),
        locators: super::locate::Locators::with_readers(docs),
        identities_with_entries,
        valid_users,
        reports: docs
            .iter()
            .filter(|d| d.format() == AclFormat::PermissionsReport)
            .map(|d| d.acls.as_ptr_range())
            .collect(),
        accounts_mode: !accounts.is_empty(),
        directory,
        left_out,
    };
    subjects
        .iter()
        .map(|(who, doc_list)| ctx.subject(who, doc_list, platform))
        .collect()
}

struct Context<'a> {
    docs: &'a [&'a AclDocument],
    catalog: &'a Catalog,
    /// Per namespace id: its ACLs by token (identities numbered) and its distinct tokens. Built
    /// once per evaluation: every requirement of every subject reads them.
    indexes: std::cell::RefCell<HashMap<String, std::rc::Rc<NamespaceIndex<'a>>>>,
    /// The ACLs of each namespace id (as exported), in input order.
    by_namespace: Vec<(&'a str, Vec<&'a Acl>)>,
    /// Lines and columns of the inputs' offsets (an export is one line of tens of MB).
    locators: super::locate::Locators,
    /// Who is in which group, and the names the inputs give identities.
    directory: Directory,
    /// Identities of the exports not judged as subjects, because memberships name accounts.
    left_out: usize,
    /// Every identity with an entry in the exports (trimmed, lower case).
    identities_with_entries: Vec<String>,
    /// Those of them that are Valid Users groups (every member of a project or of the
    /// organization is in one, exported or not).
    valid_users: Vec<String>,
    /// Memberships name accounts: they are judged through their groups.
    accounts_mode: bool,
    /// The ACLs read from Permissions Reports (each input's, as a range): the service's
    /// answer for the reported resources only.
    reports: Vec<std::ops::Range<*const Acl>>,
}

/// An identity with entries that may hold the subject although no input says so, and why.
type Maybe = (String, groups::MaybeIn);

/// Group the ACLs by namespace in one pass (an export holds a few namespaces, in runs).
fn by_namespace<'a>(docs: &[&'a AclDocument]) -> Vec<(&'a str, Vec<&'a Acl>)> {
    let mut groups: Vec<(&'a str, Vec<&'a Acl>)> = Vec::new();
    let mut last = 0;
    for acl in docs.iter().flat_map(|d| d.acls.iter()) {
        let Some(ns) = acl.namespace.as_deref() else {
            continue;
        };
        if !groups
            .get(last)
            .is_some_and(|(id, _)| id.eq_ignore_ascii_case(ns))
        {
            last = match groups
                .iter()
                .position(|(id, _)| id.eq_ignore_ascii_case(ns))
            {
                Some(found) => found,
                None => {
                    groups.push((ns, Vec::new()));
                    groups.len() - 1
                }
            };
        }
        if let Some((_, list)) = groups.get_mut(last) {
            list.push(acl);
        }
    }
    groups
}

/// Commands written out per missing permission (the rest are counted).
const SHOWN_COMMANDS: usize = 10;
/// Denies written out per missing permission (the rest are counted).
const SHOWN_BLOCKED: usize = 5;

struct NamespaceIndex<'a> {
    index: AclIndex<'a>,
    /// The targets of each kind of requirement, picked and placed in the index once for all
    /// requirements and subjects.
    targets: std::cell::RefCell<Vec<(Targets, std::rc::Rc<Vec<Target<'a>>>)>>,
    /// The decisions of every identity for each kind of targets and bit, made once for all
    /// subjects ([`BitTable`]).
    tables: std::cell::RefCell<Vec<Table<'a>>>,
}

/// A table of decisions by the kind of targets and the bit it is for.
type Table<'a> = ((Targets, u64), std::rc::Rc<BitTable<'a>>);

/// A token a requirement is judged on, and where it sits in the namespace's index.
struct Target<'a> {
    token: std::borrow::Cow<'a, str>,
    place: evaluate::Place,
}

fn noun(targets: Targets) -> &'static str {
    match targets {
        Targets::EachProject | Targets::EachGitProject => "projects",
        Targets::EachRepository => "repositories",
        Targets::EachProcess => "processes",
        Targets::EachToken | Targets::Root(_) => "tokens",
    }
}

fn min_verdict(list: impl IntoIterator<Item = Verdict>) -> Option<Verdict> {
    list.into_iter().min()
}

impl<'a> Context<'a> {
    fn namespace_index(&self, ns: &Namespace) -> std::rc::Rc<NamespaceIndex<'a>> {
        if let Some(found) = self.indexes.borrow().get(&ns.id) {
            return found.clone();
        }
        let acls = self.acls_in(ns);
        let built = std::rc::Rc::new(NamespaceIndex {
            index: AclIndex::new(ns, acls.iter().copied()),
            targets: Default::default(),
            tables: Default::default(),
        });
        self.indexes
            .borrow_mut()
            .insert(ns.id.clone(), built.clone());
        built
    }

    fn acls_in(&self, ns: &Namespace) -> Vec<&'a Acl> {
        self.by_namespace
            .iter()
            .find(|(id, _)| id.eq_ignore_ascii_case(&ns.id))
            .map(|(_, list)| list.clone())
            .unwrap_or_default()
    }

    /// The tokens a requirement is judged on, from the exported tokens (in input order).
    fn targets(&self, targets: Targets, index: &AclIndex<'a>) -> Vec<Target<'a>> {
        let placed = |(token, place)| Target {
            token: Cow::Borrowed(token),
            place,
        };
        let at = |token: Cow<'a, str>| Target {
            place: index.place(&token),
            token,
        };
        let all = || index.tokens().map(placed);
        let pick = |f: &dyn Fn(&str) -> bool| -> Vec<Target<'a>> {
            // Sized for every token: growing a list of 100k targets step by step costs more.
            let mut picked = Vec::with_capacity(index.len());
            picked.extend(index.tokens().filter(|(t, _)| f(t)).map(placed));
            picked
        };
        let chosen: Vec<Target<'a>> = match targets {
            Targets::Root(t) => vec![at(Cow::Borrowed(t))],
            Targets::EachToken => all().collect(),
            Targets::EachProject => pick(&|t| tokens::project(t).is_some()),
            Targets::EachProcess => pick(&|t| tokens::process(t).is_some_and(|c| !c.is_empty())),
            Targets::EachRepository => {
                let repos = pick(&|t| tokens::git_depth(t) == Some(3));
                if repos.is_empty() {
                    pick(&|t| tokens::git_depth(t) == Some(2))
                } else {
                    repos
                }
            }
            Targets::EachGitProject => {
                let mut out = Vec::new();
                let mut seen: HashSet<FoldedKey<'_>, BuildHasherDefault<FxHasher>> =
                    HashSet::default();
                let mut last = None;
                for (t, _) in index.tokens() {
                    // A project's tokens are mostly neighbours: skip the set for a repeat.
                    if let Some(p) = tokens::git_project(t).filter(|p| last != Some(*p)) {
                        last = Some(p);
                        if seen.insert(FoldedKey::ascii(p)) {
                            out.push(at(Cow::Owned(format!("repoV2/{p}"))));
                        }
                    }
                }
                out
            }
        };
        if chosen.is_empty() {
            match targets {
                Targets::EachProcess => vec![at(Cow::Borrowed("$PROCESS:"))],
                _ => all().collect(),
            }
        } else {
            chosen
        }
    }

    /// The targets of `kind` and the decisions of `bit` on them, made once per namespace.
    fn table(
        &self,
        cached: &NamespaceIndex<'a>,
        kind: Targets,
        bit: u64,
    ) -> (std::rc::Rc<Vec<Target<'a>>>, std::rc::Rc<BitTable<'a>>) {
        let known = cached
            .targets
            .borrow()
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, list)| list.clone());
        let targets = match known {
            Some(t) => t,
            None => {
                let picked = std::rc::Rc::new(self.targets(kind, &cached.index));
                cached.targets.borrow_mut().push((kind, picked.clone()));
                picked
            }
        };
        let known = cached
            .tables
            .borrow()
            .iter()
            .find(|(k, _)| *k == (kind, bit))
            .map(|(_, t)| t.clone());
        let table = match known {
            Some(t) => t,
            None => {
                // Every bit the requirements read on these targets, in one walk.
                let namespace = REQUIREMENTS
                    .iter()
                    .find(|r| r.targets == kind && r.bit == bit)
                    .map(|r| r.namespace);
                let mut bits: Vec<u64> = REQUIREMENTS
                    .iter()
                    .filter(|r| r.targets == kind && Some(r.namespace) == namespace)
                    .map(|r| r.bit)
                    .filter(|b| {
                        !cached
                            .tables
                            .borrow()
                            .iter()
                            .any(|((k, have), _)| *k == kind && have == b)
                    })
                    .collect();
                bits.sort_unstable();
                bits.dedup();
                if !bits.contains(&bit) {
                    bits.push(bit);
                }
                let places: Vec<evaluate::Place> = targets.iter().map(|t| t.place).collect();
                let mut wanted = None;
                for made in cached.index.bit_tables(&places, &bits) {
                    let made = std::rc::Rc::new(made);
                    if made.bit == bit {
                        wanted = Some(made.clone());
                    }
                    cached.tables.borrow_mut().push(((kind, made.bit), made));
                }
                match wanted {
                    Some(t) => t,
                    None => std::rc::Rc::new(cached.index.bit_table(&places, bit)),
                }
            }
        };
        (targets, table)
    }

    /// Judge one requirement for an identity that is `descriptors` (itself, then the groups
    /// it is known to belong to).
    fn judge_acl(
        &self,
        req: &'static AclRequirement,
        descriptors: &[&str],
        maybe: &[Maybe],
    ) -> Judged<'a> {
        let unknown = |reason: String| Judged {
            req,
            verdict: Verdict::Unknown,
            reason,
            granted_at: None,
            computed: false,
            fix: FixPlan::default(),
        };
        let Some(ns) = self.catalog.get(req.namespace) else {
            return unknown(format!("the {} namespace is unknown", req.namespace));
        };
        let cached = self.namespace_index(ns);
        if cached.index.is_empty() {
            return unknown(format!(
                "no {} ACLs were pasted, so \"{}\" cannot be judged",
                ns.name, req.label
            ));
        }
        let index = &cached.index;
        let who = index.who(descriptors);
        if who.is_empty() {
            return unknown(if descriptors.len() > 1 {
                format!(
                    "the {} ACLs have no entry for this identity or its {} known groups; it may get \"{}\" through a group the exports do not show",
                    ns.name,
                    descriptors.len() - 1,
                    req.label
                )
            } else {
                format!(
                    "the {} ACLs have no entry for this identity; it may get \"{}\" through a group the export does not show",
                    ns.name, req.label
                )
            });
        }
        let (targets, table) = self.table(&cached, req.targets, req.bit);
        let decided = table.combine(index, &who);
        let total = targets.len();
        // Targets a Permissions Report, this identity's only evidence here, does not cover.
        let (uncovered, covered) = self.uncovered(ns, &targets, descriptors);
        let mut allowed = 0usize;
        let mut denied: Vec<&evaluate::Combined<'a>> = Vec::new();
        let mut granted_at = None;
        let mut computed = false;
        let mut counted = 0usize;
        // Which identity's entries decided the allowed targets (the deciding group).
        let mut deciders: Vec<(u32, usize)> = Vec::new();
        for c in &decided {
            if uncovered.contains(&c.target) {
                continue;
            }
            counted += 1;
            computed |= c.basis == Basis::Computed;
            match c.outcome {
                Outcome::Allow => {
                    allowed += 1;
                    if granted_at.is_none() {
                        granted_at = self.locate(c.acl, c.at);
                    }
                    if let Some(id) = c.identity {
                        match deciders.iter_mut().find(|(d, _)| *d == id) {
                            Some((_, n)) => *n += 1,
                            None => deciders.push((id, 1)),
                        }
                    }
                }
                Outcome::Deny => denied.push(c),
                Outcome::NotSet => {}
            }
        }
        // Targets no identity decides are "Not set", which denies: computed, not reported.
        let not_set = total - uncovered.len() - allowed - denied.len();
        // Allowed targets where an identity the account may be in (a Valid Users group, or any
        // group when its groups are not all exported) has a Deny that would win: not proven.
        let mut doubtful = self.doubtful(index, &table, &decided, &who, descriptors, maybe);
        doubtful.retain(|(t, _)| !uncovered.contains(t));
        let allowed = allowed - doubtful.len();
        let undecided = doubtful.len() + uncovered.len();
        computed |= counted < total - uncovered.len();
        let what = noun(req.targets);
        let single = total == 1;
        let place = |t: &str| tokens::describe(ns, t);
        let token_of = |target: u32| {
            targets
                .get(target as usize)
                .map(|t| t.token.clone())
                .unwrap_or(Cow::Borrowed(""))
        };
        let failing = total - allowed - undecided;
        let verdict = if failing == 0 && undecided == 0 {
            Verdict::Possible
        } else if failing == 0 {
            Verdict::Unknown
        } else if allowed == 0 && undecided == 0 {
            Verdict::Impossible
        } else {
            Verdict::Partial
        };
        let mut reason = if failing == 0 && doubtful.is_empty() && !uncovered.is_empty() {
            if uncovered.len() == total {
                format!("\"{}\" cannot be judged", req.label)
            } else {
                format!(
                    "\"{}\" is allowed on {allowed} of {total} {what}; the rest cannot be judged",
                    req.label
                )
            }
        } else if failing == 0 && !doubtful.is_empty() {
            if single {
                format!(
                    "\"{}\" is allowed on {} by the entries counted, but not proven",
                    req.label,
                    place(&token_of(0))
                )
            } else {
                format!(
                    "\"{}\" is allowed on all {total} {what} by the entries counted, but not proven on {}",
                    req.label,
                    doubtful.len()
                )
            }
        } else if failing == 0 {
            if single {
                format!("\"{}\" is allowed on {}", req.label, place(&token_of(0)))
            } else {
                format!("\"{}\" is allowed on all {total} {what}", req.label)
            }
        } else if single {
            let words = match denied.first() {
                Some(c) if c.explicit => "denied by an explicit Deny",
                Some(_) => "denied by an inherited or group Deny",
                None => "not set (which denies)",
            };
            format!("\"{}\" is {words} on {}", req.label, place(&token_of(0)))
        } else {
            let mut parts = Vec::new();
            if !denied.is_empty() {
                let shown: Vec<String> = denied
                    .iter()
                    .take(3)
                    .map(|c| place(&token_of(c.target)))
                    .collect();
                let more = if denied.len() > 3 {
                    format!(" and {} more", denied.len() - 3)
                } else {
                    String::new()
                };
                parts.push(format!("denied on {}{more}", shown.join(", ")));
            }
            if not_set > 0 {
                parts.push(format!("not set (which denies) on {not_set}"));
            }
            format!(
                "\"{}\" is allowed on {allowed} of {total} {what}; {}",
                req.label,
                parts.join("; ")
            )
        };
        // Name the groups that decide, when the identity is judged through its groups.
        if descriptors.len() > 1 && !deciders.is_empty() {
            deciders.sort_by_key(|d| std::cmp::Reverse(d.1));
            let names: Vec<String> = deciders
                .iter()
                .take(3)
                .filter_map(|(id, n)| {
                    let key = index.identity_key(*id)?;
                    Some(format!("{} on {n}", self.name_of(key)))
                })
                .collect();
            let more = if deciders.len() > 3 {
                format!(" and {} more", deciders.len() - 3)
            } else {
                String::new()
            };
            reason.push_str(&format!(" (allowed through {}{more})", names.join(", ")));
        }
        if computed {
            reason.push_str(" (computed from the exported entries)");
        }
        if !uncovered.is_empty() {
            reason.push_str(&self.uncovered_reason(
                ns,
                req,
                &uncovered,
                &covered,
                &token_of,
                descriptors.first().copied(),
            ));
        }
        if !doubtful.is_empty() {
            reason.push_str(&self.doubt_reason(
                index,
                ns,
                &doubtful,
                &token_of,
                maybe,
                descriptors.first().copied(),
            ));
        }
        let fix = if failing == 0 {
            FixPlan::default()
        } else {
            let own = index.who(&descriptors[..descriptors.len().min(1)]);
            self.fix_plan(
                index,
                &table,
                &targets,
                &decided,
                (&who, own.first()),
                &uncovered,
            )
        };
        Judged {
            req,
            verdict,
            reason,
            granted_at,
            computed,
            fix,
        }
    }

    /// The targets a Permissions Report does not cover, when the report is all the evidence of
    /// this identity in the namespace (schema: the report says nothing outside the resources
    /// requested), and the tokens it does cover.
    fn uncovered(
        &self,
        ns: &Namespace,
        targets: &[Target<'a>],
        descriptors: &[&str],
    ) -> (Vec<u32>, Vec<&'a str>) {
        if self.reports.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let from_report = |acl: &Acl| {
            let at = std::ptr::from_ref(acl);
            self.reports.iter().any(|r| r.contains(&at))
        };
        let mine = |acl: &Acl| {
            acl.aces
                .iter()
                .any(|a| descriptors.iter().any(|d| identity::same(&a.descriptor, d)))
        };
        let mut covered: Vec<&'a str> = Vec::new();
        for acl in self.acls_in(ns).into_iter().filter(|a| mine(a)) {
            if !from_report(acl) {
                return (Vec::new(), Vec::new());
            }
            if !covered.iter().any(|t| t.eq_ignore_ascii_case(&acl.token)) {
                covered.push(acl.token.as_str());
            }
        }
        if covered.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let uncovered = targets
            .iter()
            .enumerate()
            .filter(|(_, t)| !covered.iter().any(|c| c.eq_ignore_ascii_case(&t.token)))
            .map(|(i, _)| i as u32)
            .collect();
        (uncovered, covered)
    }

    /// Why targets outside a Permissions Report are unknown, and what to download instead.
    fn uncovered_reason(
        &self,
        ns: &Namespace,
        req: &AclRequirement,
        uncovered: &[u32],
        covered: &[&str],
        token_of: &dyn Fn(u32) -> Cow<'a, str>,
        account: Option<&str>,
    ) -> String {
        let account = account.map_or("<account>".to_string(), |a| self.az_subject(a).value);
        let shown: Vec<String> = covered
            .iter()
            .take(3)
            .map(|t| tokens::describe(ns, t))
            .collect();
        let more = match covered.len().saturating_sub(shown.len()) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let missing: Vec<Cow<'a, str>> = uncovered.iter().take(3).map(|t| token_of(*t)).collect();
        let places: Vec<String> = missing.iter().map(|t| tokens::describe(ns, t)).collect();
        let projects: Vec<&str> = missing
            .iter()
            .filter_map(|t| tokens::git_project(t))
            .collect();
        let download = match projects.first() {
            Some(project) => format!(
                "download a Permissions Report for the project (resource type projectGit, resourceId {project}: POST https://dev.azure.com/<organization>/_apis/permissionsreport?api-version=7.1-preview.1)"
            ),
            None => "download a Permissions Report for that resource".to_string(),
        };
        let export = missing.first().map_or(String::new(), |t| {
            format!(
                ", or export the service's answer there (az devops security permission show --id {} --subject {account} --token {})",
                ns.id,
                shell_quote(t)
            )
        });
        format!(
            " (the Permissions Report covers only {}{more}; it says nothing of \"{}\" on {}: {download}{export})",
            shown.join(", "),
            req.label,
            places.join(", ")
        )
    }

    /// The targets `decided` allows where, with the identities of `maybe` counted too, a Deny
    /// of one of them wins: each target with that identity's number.
    fn doubtful(
        &self,
        index: &AclIndex<'a>,
        table: &BitTable<'a>,
        decided: &[evaluate::Combined<'a>],
        who: &evaluate::Who,
        descriptors: &[&str],
        maybe: &[Maybe],
    ) -> Vec<(u32, u32)> {
        if maybe.is_empty() {
            return Vec::new();
        }
        let all: Vec<&str> = descriptors
            .iter()
            .copied()
            .chain(maybe.iter().map(|(d, _)| d.as_str()))
            .collect();
        let with = index.who(&all);
        if with.len() <= who.len() {
            return Vec::new();
        }
        let allowed: HashSet<u32, BuildHasherDefault<FxHasher>> = decided
            .iter()
            .filter(|c| c.outcome == Outcome::Allow)
            .map(|c| c.target)
            .collect();
        table
            .combine(index, &with)
            .iter()
            .filter(|c| c.outcome == Outcome::Deny && allowed.contains(&c.target))
            .filter_map(|c| Some((c.target, c.identity?)))
            .collect()
    }

    /// What keeps the doubtful targets from a verdict: whose Deny, where, why the account may
    /// be in that identity, and what to paste to decide.
    fn doubt_reason(
        &self,
        index: &AclIndex<'a>,
        ns: &Namespace,
        doubtful: &[(u32, u32)],
        token_of: &dyn Fn(u32) -> Cow<'a, str>,
        maybe: &[Maybe],
        account: Option<&str>,
    ) -> String {
        let account = account.map_or("<account>".to_string(), |a| self.az_subject(a).value);
        let mut by_identity: Vec<(u32, Vec<u32>)> = Vec::new();
        for (target, id) in doubtful {
            match by_identity.iter_mut().find(|(i, _)| i == id) {
                Some((_, list)) => list.push(*target),
                None => by_identity.push((*id, vec![*target])),
            }
        }
        let mut parts = Vec::new();
        for (id, targets) in by_identity.iter().take(3) {
            let Some(key) = index.identity_key(*id) else {
                continue;
            };
            let why = maybe
                .iter()
                .find(|(d, _)| identity::same(d, key))
                .map(|(_, w)| *w);
            let descriptor = self
                .directory
                .descriptor(key)
                .unwrap_or_else(|| key.to_string());
            let name = self.name_of(&descriptor);
            let shown: Vec<String> = targets
                .iter()
                .take(2)
                .map(|t| tokens::describe(ns, &token_of(*t)))
                .collect();
            let more = match targets.len().saturating_sub(shown.len()) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let because = match why {
                Some(groups::MaybeIn::ValidUsers) => {
                    "every member of its project or organization is in it, and no input shows this account outside it"
                }
                _ => "the account's groups were not all exported, so it may be in it through them",
            };
            let members = match identity::az_subject(&descriptor).value {
                v if v.starts_with("vssgp.") || v.starts_with("'vssgp.") => v,
                _ => "<its descriptor>".to_string(),
            };
            let example = targets
                .first()
                .map(|t| shell_quote(&token_of(*t)))
                .unwrap_or_default();
            parts.push(format!(
                "{name} ({descriptor}) has a Deny on {}{more}, and {because}. Paste its members (az devops security group membership list --id {members} --relationship members), or the account's groups and theirs (the collection script), or the service's answer (az devops security permission show --id {} --subject {account} --token {example})",
                shown.join(", "),
                ns.id
            ));
        }
        if by_identity.len() > 3 {
            parts.push(format!("and {} more identities", by_identity.len() - 3));
        }
        format!("; unknown there: {}", parts.join("; "))
    }

    /// Where to grant a bit so that it reaches every target that lacks it: the grant points
    /// of the targets nothing decides (each the highest exported token inheritance carries an
    /// Allow down from), and the denies no Allow above them overrides.
    fn fix_plan(
        &self,
        index: &AclIndex<'a>,
        table: &BitTable<'a>,
        targets: &[Target<'a>],
        decided: &[evaluate::Combined<'a>],
        (who, own): (&evaluate::Who, Option<u32>),
        uncovered: &[u32],
    ) -> FixPlan<'a> {
        // Per grant point: how many targets it reaches, less those already decided.
        let mut open: Vec<u32> = table.points().iter().map(|(_, n)| *n).collect();
        let mut blocked: Vec<Blocked<'a>> = Vec::new();
        // Denies by (token's address, identity number): an export can deny on 100k tokens.
        let mut blocked_at: HashMap<(usize, Option<u32>), usize, BuildHasherDefault<FxHasher>> =
            HashMap::default();
        let mut add_blocked = |token: Option<&'a str>, id: Option<u32>, inherited, target: u32| {
            let key = (token.map_or(0, |t| t.as_ptr() as usize), id);
            if let Some(b) = blocked_at.get(&key).and_then(|i| blocked.get_mut(*i)) {
                b.targets += 1;
                return;
            }
            let example = targets
                .get(target as usize)
                .map(|t| t.token.clone())
                .unwrap_or(Cow::Borrowed(""));
            blocked_at.insert(key, blocked.len());
            blocked.push(Blocked {
                token,
                identity: id.and_then(|id| index.identity_key_shared(id)),
                id,
                targets: 1,
                inherited,
                example,
            });
        };
        // What no evidence covers needs no grant: it is unknown, not missing.
        for t in uncovered {
            if let Some(n) = table.point_of(*t).and_then(|p| open.get_mut(p)) {
                *n = n.saturating_sub(1);
            }
        }
        for c in decided {
            if uncovered.contains(&c.target) {
                continue;
            }
            if c.outcome == Outcome::Deny {
                add_blocked(
                    c.acl.map(|a| a.token.as_str()),
                    c.identity,
                    !c.explicit,
                    c.target,
                );
            }
            // The identity's own Deny is to be reset: see what is left once it (and any other
            // Deny of its own further up) is gone. A group's Deny stays, and no Allow for the
            // identity reaches past it; where nothing is left, the target needs the Allow like
            // one nothing decides.
            let mut needs_grant = false;
            if c.outcome == Outcome::Deny && c.identity.is_some() && c.identity == own {
                if let Some(t) = targets.get(c.target as usize) {
                    let mut reset: Vec<*const Acl> =
                        c.acl.map(std::ptr::from_ref).into_iter().collect();
                    loop {
                        let (outcome, by) =
                            index.bit_without(who, t.place, table.bit, own, &|id, acl| {
                                Some(id) == own && reset.contains(&std::ptr::from_ref(acl))
                            });
                        match (outcome, by) {
                            (Outcome::NotSet, _) => needs_grant = true,
                            (Outcome::Deny, Some((id, acl))) => {
                                add_blocked(Some(acl.token.as_str()), Some(id), true, c.target);
                                if Some(id) == own && reset.len() < 64 {
                                    reset.push(std::ptr::from_ref(acl));
                                    continue;
                                }
                            }
                            _ => {}
                        }
                        break;
                    }
                }
            }
            if c.outcome != Outcome::NotSet && !needs_grant {
                if let Some(n) = table.point_of(c.target).and_then(|p| open.get_mut(p)) {
                    *n = n.saturating_sub(1);
                }
            }
        }
        let grants = table
            .points()
            .iter()
            .zip(&open)
            .filter(|(_, n)| **n > 0)
            .filter_map(|((point, _), n)| {
                let (token, node) = match point {
                    GrantPoint::Node(node) => {
                        (Cow::Borrowed(index.node_token(*node)?), Some(*node))
                    }
                    GrantPoint::Target(t) => (targets.get(*t as usize)?.token.clone(), None),
                };
                Some(PlanGrant {
                    token,
                    reach: *n as usize,
                    node,
                })
            })
            .collect();
        FixPlan { grants, blocked }
    }

    /// The input and offset of an entry.
    fn locate(&self, acl: Option<&'a Acl>, at: Option<usize>) -> Option<(usize, usize)> {
        let acl = acl?;
        let doc = self
            .docs
            .iter()
            .position(|d| d.acls.as_ptr_range().contains(&std::ptr::from_ref(acl)))?;
        Some((doc, at?))
    }

    fn judge_denied(&self, req: &'static AclRequirement, identity: &Option<String>) -> Judged<'a> {
        let mut hit: Option<&'a Denial> = None;
        for doc in self.docs {
            for d in &doc.denials {
                if &d.identity != identity {
                    continue;
                }
                let Some(ns) = denial_namespace(self.catalog, d) else {
                    continue;
                };
                if ns.id == req.namespace && denial_bits(ns, d) & req.bit != 0 {
                    hit = hit.or(Some(d));
                }
            }
        }
        match hit {
            Some(d) => Judged {
                req,
                verdict: Verdict::Impossible,
                reason: format!("\"{}\" was refused: {}", req.label, d.message),
                fix: FixPlan {
                    grants: d
                        .token
                        .as_deref()
                        .map(|t| {
                            vec![PlanGrant {
                                token: Cow::Borrowed(t),
                                reach: 1,
                                node: None,
                            }]
                        })
                        .unwrap_or_default(),
                    blocked: Vec::new(),
                },
                granted_at: None,
                computed: false,
            },
            None => Judged {
                req,
                verdict: Verdict::Unknown,
                reason: format!("an access-denied message says nothing of \"{}\"", req.label),
                fix: FixPlan::default(),
                granted_at: None,
                computed: false,
            },
        }
    }

    fn judge_caller(&self, req: &'static AclRequirement) -> Judged<'a> {
        let mut allowed = 0;
        let mut failing: Vec<PlanGrant<'a>> = Vec::new();
        let mut granted_at = None;
        for (i, doc) in self.docs.iter().enumerate() {
            for e in &doc.evaluations {
                if !e.namespace.eq_ignore_ascii_case(req.namespace) || e.permissions & req.bit == 0
                {
                    continue;
                }
                if e.value {
                    allowed += 1;
                    granted_at = granted_at.or(Some((i, e.at)));
                } else if e.permissions == req.bit {
                    failing.push(PlanGrant {
                        token: Cow::Borrowed(e.token.as_str()),
                        reach: 1,
                        node: None,
                    });
                }
            }
        }
        let total = allowed + failing.len();
        let verdict = match (allowed, failing.len()) {
            (0, 0) => Verdict::Unknown,
            (_, 0) => Verdict::Possible,
            (0, _) => Verdict::Impossible,
            _ => Verdict::Partial,
        };
        let reason = if total == 0 {
            format!("no evaluation asked for \"{}\"", req.label)
        } else {
            format!(
                "the server answered \"{}\" is allowed on {allowed} of {total} tokens",
                req.label
            )
        };
        Judged {
            req,
            verdict,
            reason,
            granted_at,
            computed: false,
            fix: FixPlan {
                grants: failing,
                blocked: Vec::new(),
            },
        }
    }
    /// What az's `--subject` takes for `descriptor`, with what the inputs say of it: an
    /// identity lookup's graph descriptor, or the `--subject` of a pasted az command when it is
    /// this group's.
    fn az_subject(&self, descriptor: &str) -> AzSubject {
        // An index key is lower case; a SID converts only as the inputs spell it (`S-1-9-…`).
        let spelled = self.directory.descriptor(descriptor);
        let descriptor = spelled.as_deref().unwrap_or(descriptor);
        let from_directory = self.directory.graph(descriptor);
        let graph = self
            .known(descriptor)
            .and_then(|k| k.subject_descriptor.as_deref())
            .or(from_directory.as_deref())
            .or_else(|| {
                self.docs
                    .iter()
                    .filter_map(|d| d.subject_hint.as_deref())
                    .find(|hint| identity::is_graph_descriptor_of(hint, descriptor))
            });
        identity::az_subject_known(descriptor, graph)
    }

    /// What an identity lookup pasted with the ACLs says of `descriptor`.
    fn known(&self, descriptor: &str) -> Option<&'a KnownIdentity> {
        self.docs
            .iter()
            .flat_map(|d| d.identities.iter())
            .find(|k| identity::same(&k.descriptor, descriptor))
    }

    /// A subject's name: as an identity lookup gave it, else read from the descriptor.
    fn name_of(&self, descriptor: &str) -> String {
        match self.known(descriptor) {
            Some(k) => k.name.clone(),
            None => self.directory.name(descriptor).unwrap_or_else(|| {
                // `…-0-0-0-0-3` is the Valid Users of a project or of the organization
                // (azure-devops-groups-and-reports.md §0): the SID alone does not say which.
                if groups::valid_users_scope(descriptor).is_some() {
                    groups::VALID_USERS_UNNAMED.to_string()
                } else {
                    identity::describe(descriptor).0
                }
            }),
        }
    }

    /// The collection script for an undecided verdict: every export, in one file.
    fn collect_warning(&self, az: Option<&AzSubject>) -> Warning {
        let subject = az.map_or("<the account's e-mail address>".to_string(), |a| {
            let v = a.value.as_str();
            // az_subject quotes for a POSIX shell; the script quotes for its own.
            v.strip_prefix('\'')
                .and_then(|v| v.strip_suffix('\''))
                .map_or(v.to_string(), |inner| inner.replace("'\\''", "'"))
        });
        let mut namespaces: Vec<&str> = Vec::new();
        for req in REQUIREMENTS {
            if !namespaces.contains(&req.namespace) {
                namespaces.push(req.namespace);
            }
        }
        let script = super::collect::script(&subject, &namespaces, self.catalog);
        let mut message = format!(
            "Collect everything that decides this in one file: run the bash script below (Linux, macOS, Azure Cloud Shell), or the PowerShell one after it. It only reads, and writes {}: paste or drop that file into permcheck whole, or run permcheck check {}.",
            super::collect::FILE,
            super::collect::FILE
        );
        if let Some(note) = az.and_then(|a| a.note.as_ref()) {
            message.push_str(&format!("\nNote: {note}"));
        }
        message.push_str(&format!(
            "\n--- bash ---\n{}\n--- PowerShell ---\n{}",
            script.bash, script.powershell
        ));
        Warning {
            id: "acl-collect".into(),
            message,
            source: super::super::sources::LEARN_AZ_PERMISSION.title.into(),
            source_url: super::super::sources::LEARN_AZ_PERMISSION.url.into(),
        }
    }

    /// What the report says of an identity's groups: which were counted, which may be in
    /// more, whether its own ACL descriptor needs a lookup, who else the exports name.
    fn group_warnings(&self, descriptor: &str, groups: &groups::Groups) -> Vec<Warning> {
        let mut out = Vec::new();
        if !groups.groups.is_empty() {
            let names: Vec<&str> = groups.groups.iter().map(|(_, n)| n.as_str()).collect();
            let mut message = format!(
                "Judged with the entries of its {} groups: {}.",
                names.len(),
                names.join(", ")
            );
            if !groups.implicit.is_empty() {
                message.push_str(&format!(
                    " {} counted because every member of a project's groups is in its Project Valid Users, and every member of the organization in Project Collection Valid Users.",
                    groups.implicit.join(", ")
                ));
            }
            out.push(Warning {
                id: "acl-groups".into(),
                message,
                source: super::super::sources::LEARN_ABOUT_PERMISSIONS.title.into(),
                source_url: super::super::sources::LEARN_ABOUT_PERMISSIONS.url.into(),
            });
        }
        if !groups.open.is_empty() {
            let shown: Vec<&str> = groups.open.iter().take(5).map(String::as_str).collect();
            let more = match groups.open.len().saturating_sub(shown.len()) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            out.push(Warning {
                id: "acl-groups-open".into(),
                message: format!(
                    "The groups of {}{more} were not exported: they may be in more groups, whose entries count too. Export each one's groups (az devops security group membership list --id <group descriptor> --relationship memberof), or run the collection script, which does.",
                    shown.join(", ")
                ),
                source: super::super::sources::LEARN_GRAPH_MEMBERSHIPS.title.into(),
                source_url: super::super::sources::LEARN_GRAPH_MEMBERSHIPS.url.into(),
            });
        }
        if self.directory.needs_lookup(descriptor) {
            let (why, query) = if descriptor.contains('@') {
                (
                    "an e-mail is not how ACLs name a user",
                    format!("searchFilter=General&filterValue={descriptor}"),
                )
            } else {
                (
                    "a user's graph descriptor does not convert offline",
                    format!("subjectDescriptors={descriptor}"),
                )
            };
            out.push(Warning {
                id: "acl-identity-lookup".into(),
                message: format!(
                    "The ACL descriptor of {descriptor} is not known ({why}), so entries of its own, if any, are not counted; its groups' are. Look it up and paste the answer with the rest: GET https://vssps.dev.azure.com/<organization>/_apis/identities?{query}&queryMembership=Direct&api-version=7.1 (or az devops user show --user <e-mail>, whose tenant and sign-in name give it)."
                ),
                source: super::super::sources::LEARN_IDENTITIES.title.into(),
                source_url: super::super::sources::LEARN_IDENTITIES.url.into(),
            });
        }
        let others = if self.left_out > 0 {
            let mine: Vec<String> = std::iter::once(descriptor)
                .chain(groups.groups.iter().map(|(g, _)| g.as_str()))
                .map(|d| d.trim().to_ascii_lowercase())
                .collect();
            self.identities_with_entries
                .iter()
                .filter(|d| !mine.contains(d) && !self.directory.same(d, descriptor))
                .count()
        } else {
            0
        };
        if others > 0 {
            out.push(Warning {
                id: "acl-others".into(),
                message: format!(
                    "The exports hold entries of {others} other identities, not judged here: the memberships pasted name this account, and only the entries of its groups count for it."
                ),
                source: super::super::sources::LEARN_GRAPH_MEMBERSHIPS.title.into(),
                source_url: super::super::sources::LEARN_GRAPH_MEMBERSHIPS.url.into(),
            });
        }
        out
    }

    fn subject(&self, who: &Who, doc_list: &[usize], platform: Platform) -> Subject {
        // An identity is judged with the entries of every group it is known to be in.
        let groups = match who {
            Who::Descriptor(d) => self.directory.groups(d),
            _ => groups::Groups::default(),
        };
        let descriptors: Vec<&str> = match who {
            Who::Descriptor(d) => std::iter::once(d.as_str())
                .chain(groups.groups.iter().map(|(g, _)| g.as_str()))
                .collect(),
            _ => Vec::new(),
        };
        // Identities with entries the subject may be in although no input says so: their
        // Denies leave a target undecided. Valid Users groups always (every member of a
        // project or organization is in one; for an identity judged alone, only a user or
        // service account is surely a member); any group when an account's groups are not all
        // exported.
        let maybe: Vec<Maybe> = match who {
            Who::Descriptor(d) if d != UNNAMED_SUBJECT => {
                let open = self.accounts_mode
                    && (!groups.open.is_empty() || !self.directory.knows_groups_of(d));
                let alone_group =
                    !self.accounts_mode && identity::describe(d).1 == identity::IdentityKind::Group;
                let pool = if open {
                    &self.identities_with_entries
                } else {
                    &self.valid_users
                };
                if alone_group {
                    Vec::new()
                } else {
                    pool.iter()
                        .filter_map(|c| {
                            self.directory
                                .maybe_in(d, &groups, c, open)
                                .map(|w| (c.clone(), w))
                        })
                        .collect()
                }
            }
            _ => Vec::new(),
        };
        // Requirements on the same bit and tokens (Read for repositories and for wikis) are
        // judged once.
        let mut judged: Vec<Judged> = Vec::with_capacity(REQUIREMENTS.len());
        for req in REQUIREMENTS {
            let j = match who {
                Who::Descriptor(_) => {
                    let same = judged.iter().find(|j| {
                        j.req.namespace == req.namespace
                            && j.req.targets == req.targets
                            && j.req.bit == req.bit
                    });
                    match same {
                        Some(j) => Judged {
                            req,
                            verdict: j.verdict,
                            reason: j.reason.clone(),
                            granted_at: j.granted_at,
                            computed: j.computed,
                            fix: j.fix.clone(),
                        },
                        None => self.judge_acl(req, &descriptors, &maybe),
                    }
                }
                Who::Denied(identity) => self.judge_denied(req, identity),
                Who::Caller => self.judge_caller(req),
            };
            judged.push(j);
        }
        let label = match who {
            Who::Descriptor(d) if d == UNNAMED_SUBJECT => {
                "the --subject of the pasted az command (ACLs)".to_string()
            }
            Who::Descriptor(d) => format!("{} (ACLs)", self.name_of(d)),
            Who::Denied(Some(id)) => format!("{} (access denied)", self.name_of(id)),
            Who::Denied(None) => "the account that got the access-denied error".to_string(),
            Who::Caller => "the caller of permissionevaluationbatch".to_string(),
        };
        let descriptor = match who {
            Who::Descriptor(d) if d != UNNAMED_SUBJECT => Some(d.clone()),
            Who::Denied(Some(d)) => Some(d.clone()),
            _ => None,
        };
        let mut categories = Vec::new();
        for category in super::super::catalog::CATEGORIES {
            if category.id == "sign-in" {
                continue;
            }
            let per = |op: Operation| -> (Verdict, String) {
                let mine: Vec<&Judged> = judged
                    .iter()
                    .filter(|j| j.req.category == category.id && j.req.operation == op)
                    .collect();
                match min_verdict(mine.iter().map(|j| j.verdict)) {
                    // No permission to show, so nothing proves it: unknown, never a green.
                    None => (
                        Verdict::Unknown,
                        "no exported permission decides this (Xopero ONE's required permissions name none for it); paste the token's scopes to judge it"
                            .to_string(),
                    ),
                    Some(v) => {
                        let reasons: Vec<String> = mine
                            .iter()
                            .filter(|j| j.verdict == v)
                            .map(|j| j.reason.clone())
                            .collect();
                        (v, reasons.join("; "))
                    }
                }
            };
            let (backup, backup_reason) = per(Operation::Backup);
            let (restore, restore_reason) = per(Operation::Restore);
            categories.push(CategoryResult {
                id: category.id.to_string(),
                label: category.label.to_string(),
                backup,
                restore,
                backup_reason,
                restore_reason,
            });
        }
        let az = descriptor.as_deref().map(|d| self.az_subject(d));
        let backup = overall(Operation::Backup, &judged, az.as_ref(), self.catalog);
        let restore = overall(Operation::Restore, &judged, az.as_ref(), self.catalog);
        let (missing, mut warnings) = self.missing(&judged, az.as_ref(), who);
        if let Who::Descriptor(d) = who {
            warnings.extend(self.group_warnings(d, &groups));
        }
        if backup.verdict == Verdict::Unknown || restore.verdict == Verdict::Unknown {
            warnings.push(self.collect_warning(az.as_ref()));
        }
        if judged.iter().any(|j| j.computed) {
            let message = if groups.groups.is_empty() {
                "Some permissions were computed from the exported entries alone: groups the identity belongs to can allow or deny more. Export with extended info (az devops security permission list/show, or includeExtendedInfo=true) to get the server's effective permissions, or paste its group memberships with the ACLs of its groups.".to_string()
            } else {
                format!(
                    "Some permissions were computed from the exported entries of this identity and its {} groups (explicit Deny beats Allow on a token; the most specific token decides; inheritance stops where it is switched off; not set denies). Entries of groups the exports do not show are not counted: export with extended info (az devops security permission list --subject …) for the server's own answer.",
                    groups.groups.len()
                )
            };
            warnings.push(Warning {
                id: "acl-computed".into(),
                message,
                source: super::super::sources::LEARN_ABOUT_PERMISSIONS.title.into(),
                source_url: super::super::sources::LEARN_ABOUT_PERMISSIONS.url.into(),
            });
        }
        if let Who::Denied(_) = who {
            for doc in self.docs {
                for d in &doc.denials {
                    let unmatched = denial_namespace(self.catalog, d).is_none_or(|ns| {
                        let bits = denial_bits(ns, d);
                        !REQUIREMENTS
                            .iter()
                            .any(|r| r.namespace == ns.id && r.bit & bits != 0)
                    });
                    if unmatched && matches!(who, Who::Denied(id) if *id == d.identity) {
                        warnings.push(Warning {
                            id: "acl-denied-other".into(),
                            message: format!(
                                "The server refused a permission no backup or restore step listed here needs: {}",
                                d.message
                            ),
                            source: super::super::sources::LEARN_PERMISSIONS_REFERENCE.title.into(),
                            source_url: super::super::sources::LEARN_PERMISSIONS_REFERENCE.url.into(),
                        });
                    }
                }
            }
        }
        if self
            .docs
            .iter()
            .any(|d| d.always_allow_administrators == Some(true))
        {
            warnings.push(Warning {
                id: "acl-always-allow-administrators".into(),
                message: "The evaluations were asked with alwaysAllowAdministrators=true: administrators pass them even where a backup call would be denied. Ask again with false.".into(),
                source: super::super::sources::LEARN_PERMISSION_EVALUATION.title.into(),
                source_url: super::super::sources::LEARN_PERMISSION_EVALUATION.url.into(),
            });
        }
        let granted = judged
            .iter()
            .filter_map(|j| {
                let (doc_index, at) = j.granted_at?;
                let doc = self.docs.get(doc_index)?;
                let ns = self.catalog.get(j.req.namespace)?;
                let lc = self.locators.line_col(&doc.text, at);
                Some(Granted {
                    id: format!("{}/{}", ns.name, ns.bit_name(j.req.bit)),
                    label: ns.label(j.req.bit),
                    source: doc.source.clone(),
                    line: lc.line,
                    column: lc.column,
                })
            })
            .fold(Vec::new(), |mut acc: Vec<Granted>, g| {
                if !acc.iter().any(|x| x.id == g.id) {
                    acc.push(g);
                }
                acc
            });
        let mut sources: Vec<String> = Vec::new();
        for i in doc_list {
            if let Some(doc) = self.docs.get(*i) {
                if !sources.contains(&doc.source) {
                    sources.push(doc.source.clone());
                }
            }
        }
        Subject {
            expires: None,
            combined: Vec::new(),
            findings: Vec::new(),
            collect: Vec::new(),
            label,
            platform: Some(platform),
            credential: Credential::Account,
            backup,
            restore,
            categories,
            missing,
            excess: Vec::new(),
            warnings,
            granted,
            sources,
            identity: match who {
                Who::Descriptor(d) => Some(d.clone()),
                _ => None,
            },
        }
    }

    fn missing(
        &self,
        judged: &[Judged<'a>],
        az: Option<&AzSubject>,
        who: &Who,
    ) -> (Vec<Missing>, Vec<Warning>) {
        let mut order: Vec<String> = Vec::new();
        let mut by_id: BTreeMap<String, Missing> = BTreeMap::new();
        // One fix per namespace: per token, every bit missing there, in one command (az adds
        // the bits up), so a permission missing everywhere and its neighbours cost one command.
        let mut fixes: Vec<Fix<'a>> = Vec::new();
        for j in judged {
            if !matches!(j.verdict, Verdict::Impossible | Verdict::Partial) {
                continue;
            }
            let Some(ns) = self.catalog.get(j.req.namespace) else {
                continue;
            };
            let id = format!("{}/{}", ns.name, ns.bit_name(j.req.bit));
            let tag = format!("{}:{}", j.req.operation.id(), j.req.category);
            let entry = by_id.entry(id.clone()).or_insert_with(|| {
                order.push(id.clone());
                Missing {
                    id: id.clone(),
                    label: ns.label(j.req.bit),
                    needed_for: Vec::new(),
                    source: j.req.source.title.to_string(),
                    source_url: j.req.source.url.to_string(),
                }
            });
            if !entry.needed_for.contains(&tag) {
                entry.needed_for.push(tag);
            }
            let at = match fixes.iter().position(|f| f.ns.id == ns.id) {
                Some(at) => at,
                None => {
                    fixes.push(Fix {
                        ns,
                        bits: 0,
                        grants: Vec::new(),
                        seen: HashMap::default(),
                        by_node: HashMap::default(),
                        blocked: Vec::new(),
                        blocked_at: HashMap::default(),
                        done: Vec::new(),
                    });
                    fixes.len() - 1
                }
            };
            let Some(fix) = fixes.get_mut(at) else {
                continue;
            };
            // Requirements on the same bit and targets (Read for repositories and for wikis)
            // give the same plan: once.
            if fix.done.contains(&(j.req.targets, j.req.bit)) {
                continue;
            }
            fix.done.push((j.req.targets, j.req.bit));
            fix.bits |= j.req.bit;
            let mut grants = j.fix.grants.clone();
            if grants.is_empty() && j.fix.blocked.is_empty() {
                if let Targets::Root(t) = j.req.targets {
                    grants.push(PlanGrant {
                        token: Cow::Borrowed(t),
                        reach: 1,
                        node: None,
                    });
                }
            }
            for g in grants {
                // The same token for several bits: by its node when exported (no hashing of
                // the token), else by the token.
                let found = match g.node {
                    Some(node) => fix.by_node.get(&node).copied(),
                    None => fix
                        .seen
                        .get(&FoldedKey::owned(&g.token, ns.separator))
                        .copied(),
                };
                match found.and_then(|i| fix.grants.get_mut(i)) {
                    Some(existing) => {
                        existing.bits |= j.req.bit;
                        existing.reach = existing.reach.max(g.reach);
                    }
                    None => {
                        let i = fix.grants.len();
                        match g.node {
                            Some(node) => {
                                fix.by_node.insert(node, i);
                            }
                            None => {
                                fix.seen.insert(FoldedKey::owned(&g.token, ns.separator), i);
                            }
                        }
                        fix.grants.push(Grant {
                            token: g.token,
                            bits: j.req.bit,
                            reach: g.reach,
                        });
                    }
                }
            }
            for b in &j.fix.blocked {
                let key = (b.token.map_or(0, |t| t.as_ptr() as usize), b.id);
                match fix
                    .blocked_at
                    .get(&key)
                    .and_then(|i| fix.blocked.get_mut(*i))
                {
                    Some((x, bits)) => {
                        *bits |= j.req.bit;
                        x.targets = x.targets.max(b.targets);
                    }
                    None => {
                        fix.blocked_at.insert(key, fix.blocked.len());
                        fix.blocked.push((b.clone(), j.req.bit));
                    }
                }
            }
        }
        let subject = az.map_or("<subject descriptor>", |a| a.value.as_str());
        let subject_note = az.and_then(|a| a.note.clone());
        let mut warnings = Vec::new();
        for fix in &fixes {
            if fix.grants.is_empty() && fix.blocked.is_empty() {
                continue;
            }
            let ns = fix.ns;
            let names = |bits: u64| -> String {
                ns.labels(bits)
                    .iter()
                    .map(|l| format!("\"{l}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut message = String::new();
            let granted = fix.grants.iter().fold(0, |bits, g| bits | g.bits);
            if !fix.grants.is_empty() {
                let commands = fix.grants.len();
                message.push_str(&format!(
                    "To allow {} ({}) where it is missing, run {}:",
                    names(granted),
                    ns.name,
                    if commands == 1 {
                        "this command".to_string()
                    } else {
                        format!("these {commands} commands (one per token it is inherited from)")
                    }
                ));
                for g in fix.grants.iter().take(SHOWN_COMMANDS) {
                    message.push_str(&format!(
                        "\naz devops security permission update --id {} --subject {subject} --token {} --allow-bit {}",
                        ns.id,
                        shell_quote(&g.token),
                        g.bits
                    ));
                }
                if commands > SHOWN_COMMANDS {
                    message.push_str(&format!(
                        "\n… and {} more tokens",
                        commands - SHOWN_COMMANDS
                    ));
                }
                let bits: Vec<String> = (0..64)
                    .map(|i| 1u64 << i)
                    .filter(|b| granted & b != 0)
                    .map(|b| format!("{b} {}", ns.label(b)))
                    .collect();
                if fix.grants.iter().any(|g| g.bits.count_ones() > 1) {
                    message.push_str(&format!(
                        "\n--allow-bit adds up the bits: {}.",
                        bits.join(", ")
                    ));
                }
                let reach: Vec<String> = fix
                    .grants
                    .iter()
                    .take(3)
                    .filter(|g| g.reach > 1)
                    .map(|g| {
                        format!(
                            "{} reaches {} tokens",
                            tokens::describe(ns, &g.token),
                            g.reach
                        )
                    })
                    .collect();
                if !reach.is_empty() {
                    message.push_str(&format!(
                        "\nInheritance carries each down to what lacks it below: {}.",
                        reach.join("; ")
                    ));
                }
            }
            if !fix.blocked.is_empty() {
                let total: usize = fix.blocked.iter().map(|(b, _)| b.targets).sum();
                message.push_str(&format!(
                    "\nA Deny keeps what is missing from {total} tokens (an Allow above a Deny does not override it):"
                ));
                for (b, bits) in fix.blocked.iter().take(SHOWN_BLOCKED) {
                    message.push_str(&format!(
                        "\n- {}",
                        self.blocked_line(ns, *bits, b, subject, who)
                    ));
                }
                if fix.blocked.len() > SHOWN_BLOCKED {
                    message.push_str(&format!(
                        "\n- … and {} more denies",
                        fix.blocked.len() - SHOWN_BLOCKED
                    ));
                }
            }
            if let Some(note) = &subject_note {
                message.push_str(&format!("\nNote: {note}"));
            }
            if matches!(who, Who::Caller) || az.is_none() {
                message.push_str("\nReplace <subject descriptor> with the account's e-mail address (a group: its graph descriptor, from az devops security group list).");
            }
            message.push_str("\n(permcheck never runs these; review them first.)");
            warnings.push(Warning {
                id: format!("acl-fix:{}", ns.name),
                message,
                source: super::super::sources::LEARN_AZ_PERMISSION.title.into(),
                source_url: super::super::sources::LEARN_AZ_PERMISSION.url.into(),
            });
        }
        let missing = order
            .into_iter()
            .filter_map(|id| by_id.remove(&id))
            .collect();
        (missing, warnings)
    }

    /// One Deny that keeps bits from some targets, and how to lift it.
    fn blocked_line(
        &self,
        ns: &Namespace,
        bits: u64,
        b: &Blocked<'a>,
        subject: &str,
        who: &Who,
    ) -> String {
        let labels = ns
            .labels(bits)
            .iter()
            .map(|l| format!("\"{l}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let count = if b.targets == 1 {
            tokens::describe(ns, &b.example)
        } else {
            format!(
                "{} tokens (e.g. {})",
                b.targets,
                tokens::describe(ns, &b.example)
            )
        };
        let Some(token) = b.token else {
            return format!(
                "the server reports a Deny of {labels} on {count}, from a group or a parent token the export does not show: export the ACLs without a --subject filter to find it"
            );
        };
        let mine = match (&b.identity, who) {
            (Some(id), Who::Descriptor(d)) => identity::same(id, d),
            _ => false,
        };
        let (whose, reset_subject) = match &b.identity {
            Some(_) if mine => ("its own Deny".to_string(), subject.to_string()),
            Some(id) => (
                format!("the Deny of {}", self.name_of(id)),
                self.az_subject(id).value,
            ),
            None => ("a Deny".to_string(), "<subject descriptor>".to_string()),
        };
        let place = tokens::describe(ns, token);
        let kept = if b.inherited || b.targets > 1 {
            format!(" keeps it from {count}")
        } else {
            String::new()
        };
        let mut line = format!(
            "{whose} of {labels} on {place}{kept}: remove it with az devops security permission reset --id {} --subject {reset_subject} --token {} --permission-bit {bits}",
            ns.id,
            shell_quote(token)
        );
        if !mine && b.identity.is_some() {
            line.push_str(" (that changes it for every member of the group)");
        }
        if b.inherited {
            line.push_str(", or allow it on the tokens below it (an Allow on a more specific token beats an inherited Deny)");
        }
        line
    }
}

/// A token to allow bits on, and how many tokens that lack them its inheritance reaches.
struct Grant<'a> {
    token: Cow<'a, str>,
    bits: u64,
    reach: usize,
}

/// The fix of what is missing in one namespace, gathered over the requirements that need it.
struct Fix<'a> {
    ns: &'a Namespace,
    bits: u64,
    grants: Vec<Grant<'a>>,
    /// Each grant's token, as compared → its place in `grants` (tokens without a node).
    seen: HashMap<FoldedKey<'a>, usize, BuildHasherDefault<FxHasher>>,
    /// Each grant's node in the namespace's index → its place in `grants`.
    by_node: HashMap<u32, usize, BuildHasherDefault<FxHasher>>,
    blocked: Vec<(Blocked<'a>, u64)>,
    /// Each deny's (token address, identity number) → its place in `blocked`.
    blocked_at: HashMap<(usize, Option<u32>), usize, BuildHasherDefault<FxHasher>>,
    /// The (targets, bit) plans already in.
    done: Vec<(Targets, u64)>,
}

fn denial_namespace<'c>(catalog: &'c Catalog, d: &Denial) -> Option<&'c Namespace> {
    if d.namespace.eq_ignore_ascii_case("git") {
        return catalog.get(ids::GIT);
    }
    catalog.find(&d.namespace)
}

fn denial_bits(ns: &Namespace, d: &Denial) -> u64 {
    if let Some(b) = d.bits {
        return b;
    }
    d.permissions
        .iter()
        .filter_map(|p| ns.action_named(p))
        .fold(0, |acc, a| acc | a.bit)
}

fn overall(
    op: Operation,
    judged: &[Judged],
    az: Option<&AzSubject>,
    catalog: &Catalog,
) -> OperationResult {
    let verb = op.name();
    let mine: Vec<&Judged> = judged.iter().filter(|j| j.req.operation == op).collect();
    let hard = min_verdict(mine.iter().filter(|j| j.req.hard).map(|j| j.verdict))
        .unwrap_or(Verdict::Possible);
    let soft = min_verdict(mine.iter().filter(|j| !j.req.hard).map(|j| j.verdict))
        .unwrap_or(Verdict::Possible);
    let reasons = |pred: &dyn Fn(&Judged) -> bool| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for j in mine.iter().filter(|j| pred(j)) {
            // Reasons end sentences of their own; the summary adds the full stop.
            let reason = j.reason.trim_end_matches('.').to_string();
            if !out.contains(&reason) {
                out.push(reason);
            }
        }
        out
    };
    let unknown_namespaces = || -> Vec<String> {
        let mut ids: Vec<&str> = Vec::new();
        for j in mine.iter().filter(|j| j.verdict == Verdict::Unknown) {
            if !ids.contains(&j.req.namespace) {
                ids.push(j.req.namespace);
            }
        }
        ids.into_iter()
            .map(|id| catalog.get(id).map_or(id.to_string(), |n| n.name.clone()))
            .collect()
    };
    let verdict = match (hard, soft) {
        (Verdict::Impossible, _) => Verdict::Impossible,
        (Verdict::Unknown, _) => Verdict::Unknown,
        (Verdict::Partial, _) => Verdict::Partial,
        (_, Verdict::Impossible | Verdict::Partial) => Verdict::Partial,
        (_, Verdict::Unknown) => Verdict::Unknown,
        _ => Verdict::Possible,
    };
    let summary = match verdict {
        Verdict::Impossible => format!(
            "{verb} will fail: {}. Grant the permissions under What to grant.",
            reasons(&|j| j.req.hard && j.verdict == Verdict::Impossible).join("; ")
        ),
        Verdict::Partial => {
            let mut parts =
                reasons(&|j| matches!(j.verdict, Verdict::Impossible | Verdict::Partial));
            parts.truncate(4);
            format!(
                "{verb} works only in part: {}. Some data will be left out until the permissions under What to grant are allowed.",
                parts.join("; ")
            )
        }
        Verdict::Unknown => {
            // Known failures lead, even when other parts are undecided.
            let mut failing =
                reasons(&|j| matches!(j.verdict, Verdict::Impossible | Verdict::Partial));
            let lead = if failing.is_empty() {
                String::new()
            } else {
                let more = failing.len().saturating_sub(3);
                failing.truncate(3);
                let more = if more > 0 {
                    format!(" (and {more} more)")
                } else {
                    String::new()
                };
                format!(
                    "At least part of the {} will fail: {}{more}. The rest ",
                    verb.to_ascii_lowercase(),
                    failing.join("; ")
                )
            };
            let mut parts = reasons(&|j| j.verdict == Verdict::Unknown);
            parts.truncate(3);
            let head = if lead.is_empty() {
                format!("{verb} cannot be decided")
            } else {
                format!("{lead}cannot be decided")
            };
            let mut summary = format!(
                "{head} from these ACLs: {}. Export next: the {} ACLs and the account's groups; the collection script under Check also runs every export into one file ({}) to paste here whole.",
                parts.join("; "),
                unknown_namespaces().join(", "),
                super::collect::FILE
            );
            if let Some(note) = az.and_then(|a| a.note.as_ref()) {
                summary.push_str(&format!("\nNote: {note}"));
            }
            summary
        }
        Verdict::Possible => format!(
            "{verb} will work: every permission it needs is allowed on every exported token."
        ),
    };
    OperationResult { verdict, summary }
}
