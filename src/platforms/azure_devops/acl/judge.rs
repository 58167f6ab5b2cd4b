//! From ACL evidence to report subjects: one per identity. Each requirement
//! ([`super::requirements`]) is judged on every token it applies to, then per category, then
//! per operation. What the evidence does not cover is `unknown`, with the export that would
//! decide it; what is denied comes with the portal label and a ready `az` command.

use super::evaluate::{self, AclIndex, Basis, BitResult, FoldedKey, FxHasher, Outcome};
use super::formats::table::UNNAMED_SUBJECT;
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
    /// Tokens where the bit is not allowed, with the token's node in the namespace's index
    /// (to tell tokens apart by number).
    failing: Vec<(Cow<'a, str>, BitResult<'a>, Option<u32>)>,
    /// First place where the bit is allowed: (doc index, byte offset).
    granted_at: Option<(usize, usize)>,
    computed: bool,
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
    let mut subjects: Vec<(Who, Vec<usize>)> = Vec::new();
    let mut add = |who: Who, doc: usize| {
        let same = |w: &Who| match (w, &who) {
            (Who::Descriptor(a), Who::Descriptor(b)) => identity::same(a, b),
            (a, b) => a == b,
        };
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
        for denial in &doc.denials {
            add(Who::Denied(denial.identity.clone()), i);
        }
        if !doc.evaluations.is_empty() {
            add(Who::Caller, i);
        }
    }
    let ctx = Context {
        docs,
        catalog: &catalog,
        indexes: Default::default(),
        by_namespace: by_namespace(docs),
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
}

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
/// Notes on inherited denies written out per missing permission.
const SHOWN_NOTES: usize = 5;

/// The `az` fix for one missing permission.
#[derive(Default)]
struct Fix {
    head: String,
    /// The first [`SHOWN_COMMANDS`] commands.
    commands: Vec<String>,
    /// Distinct tokens needing it (commands shown or not).
    tokens: usize,
    notes: Vec<String>,
    notes_total: usize,
}

struct NamespaceIndex<'a> {
    index: AclIndex<'a>,
    /// The targets of each kind of requirement, picked and placed in the index once for all
    /// requirements and subjects.
    targets: std::cell::RefCell<Vec<(Targets, std::rc::Rc<Vec<Target<'a>>>)>>,
}

/// The tokens a fix already holds: exported tokens by their node in the namespace's index (a
/// bit each: an organization export can fail on 100k tokens), others by their key.
#[derive(Default)]
struct FixTokens<'a> {
    nodes: Vec<u64>,
    others: HashSet<FoldedKey<'a>, BuildHasherDefault<FxHasher>>,
}

impl<'a> FixTokens<'a> {
    /// Add a token; `false` if it was there already.
    fn insert(&mut self, node: Option<u32>, token: &'a str, separator: Option<char>) -> bool {
        match node {
            Some(node) => {
                let (word, bit) = (node as usize / 64, 1u64 << (node % 64));
                if self.nodes.len() <= word {
                    self.nodes.resize(word + 1, 0);
                }
                match self.nodes.get_mut(word) {
                    Some(w) if *w & bit == 0 => {
                        *w |= bit;
                        true
                    }
                    _ => false,
                }
            }
            None => self.others.insert(FoldedKey::of(token, separator)),
        }
    }
}

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

    fn judge_acl(&self, req: &'static AclRequirement, descriptor: &str) -> Judged<'a> {
        let unknown = |reason: String| Judged {
            req,
            verdict: Verdict::Unknown,
            reason,
            failing: Vec::new(),
            granted_at: None,
            computed: false,
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
        let who = cached.index.who(&[descriptor]);
        if who.is_empty() {
            return unknown(format!(
                "the {} ACLs have no entry for this identity; it may get \"{}\" through a group the export does not show",
                ns.name, req.label
            ));
        }
        let index = &cached.index;
        let cached_targets = cached
            .targets
            .borrow()
            .iter()
            .find(|(kind, _)| *kind == req.targets)
            .map(|(_, list)| list.clone());
        let targets = match cached_targets {
            Some(t) => t,
            None => {
                let picked = std::rc::Rc::new(self.targets(req.targets, &cached.index));
                cached
                    .targets
                    .borrow_mut()
                    .push((req.targets, picked.clone()));
                picked
            }
        };
        let mut failing = Vec::new();
        let mut allowed = 0usize;
        let mut granted_at = None;
        let mut computed = false;
        for target in targets.iter() {
            let r = evaluate::bit_at(index, &who, target.place, req.bit);
            computed |= r.basis == Basis::Computed;
            if r.allowed() {
                allowed += 1;
                if granted_at.is_none() {
                    granted_at = self.locate(&r);
                }
            } else {
                failing.push((target.token.clone(), r, target.place.own_node()));
            }
        }
        let total = targets.len();
        let what = noun(req.targets);
        let single = total == 1;
        let place = |t: &str| tokens::describe(ns, t);
        let verdict = if failing.is_empty() {
            Verdict::Possible
        } else if allowed == 0 {
            Verdict::Impossible
        } else {
            Verdict::Partial
        };
        let mut reason = if failing.is_empty() {
            if single {
                format!(
                    "\"{}\" is allowed on {}",
                    req.label,
                    place(&targets[0].token)
                )
            } else {
                format!("\"{}\" is allowed on all {total} {what}", req.label)
            }
        } else if single {
            format!(
                "\"{}\" is {} on {}",
                req.label,
                state_words(&failing[0].1),
                place(&failing[0].0)
            )
        } else {
            let denied = || {
                failing
                    .iter()
                    .filter(|(_, r, _)| r.outcome == Outcome::Deny)
            };
            let denied_count = denied().count();
            let not_set = failing.len() - denied_count;
            let mut parts = Vec::new();
            if denied_count > 0 {
                let shown: Vec<String> = denied().take(3).map(|(t, _, _)| place(t)).collect();
                let more = if denied_count > 3 {
                    format!(" and {} more", denied_count - 3)
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
        if computed {
            reason.push_str(" (computed from the exported entries)");
        }
        Judged {
            req,
            verdict,
            reason,
            failing,
            granted_at,
            computed,
        }
    }

    /// The input and offset of the entry that grants a bit.
    fn locate(&self, result: &BitResult<'a>) -> Option<(usize, usize)> {
        let acl = result.acl?;
        let doc = self
            .docs
            .iter()
            .position(|d| d.acls.as_ptr_range().contains(&std::ptr::from_ref(acl)))?;
        Some((doc, result.at?))
    }

    fn judge_denied(&self, req: &'static AclRequirement, identity: &Option<String>) -> Judged<'a> {
        let mut hit: Option<&Denial> = None;
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
                failing: d
                    .token
                    .as_deref()
                    .map(|t| {
                        vec![(
                            Cow::Borrowed(t),
                            BitResult {
                                outcome: Outcome::NotSet,
                                basis: Basis::Reported,
                                explicit: false,
                                decided_at: None,
                                at: Some(d.at),
                                acl: None,
                            },
                            None,
                        )]
                    })
                    .unwrap_or_default(),
                granted_at: None,
                computed: false,
            },
            None => Judged {
                req,
                verdict: Verdict::Unknown,
                reason: format!("an access-denied message says nothing of \"{}\"", req.label),
                failing: Vec::new(),
                granted_at: None,
                computed: false,
            },
        }
    }

    fn judge_caller(&self, req: &'static AclRequirement) -> Judged<'a> {
        let mut allowed = 0;
        let mut failing = Vec::new();
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
                    failing.push((
                        Cow::Borrowed(e.token.as_str()),
                        BitResult {
                            outcome: Outcome::NotSet,
                            basis: Basis::Reported,
                            explicit: false,
                            decided_at: None,
                            at: Some(e.at),
                            acl: None,
                        },
                        None,
                    ));
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
            failing,
            granted_at,
            computed: false,
        }
    }

    /// What az's `--subject` takes for `descriptor`, with what the inputs say of it: an
    /// identity lookup's graph descriptor, or the `--subject` of a pasted az command when it is
    /// this group's.
    fn az_subject(&self, descriptor: &str) -> AzSubject {
        let graph = self
            .known(descriptor)
            .and_then(|k| k.subject_descriptor.as_deref())
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
            None => identity::describe(descriptor).0,
        }
    }

    fn subject(&self, who: &Who, doc_list: &[usize], platform: Platform) -> Subject {
        let judged: Vec<Judged> = REQUIREMENTS
            .iter()
            .map(|req| match who {
                Who::Descriptor(d) => self.judge_acl(req, d),
                Who::Denied(identity) => self.judge_denied(req, identity),
                Who::Caller => self.judge_caller(req),
            })
            .collect();
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
                    None => (
                        Verdict::Possible,
                        "seed 000 names no permission for this".to_string(),
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
        if judged.iter().any(|j| j.computed) {
            warnings.push(Warning {
                id: "acl-computed".into(),
                message: "Some permissions were computed from the exported entries alone: groups the identity belongs to can allow or deny more. Export with extended info (az devops security permission list/show, or includeExtendedInfo=true) to get the server's effective permissions.".into(),
                source: "reference/azure-devops.md §4.2".into(),
                source_url: super::super::sources::url_for("reference/azure-devops.md §4.2"),
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
                                "The server refused a permission outside seed 000's list: {}",
                                d.message
                            ),
                            source: "access-denied message".into(),
                            source_url: super::super::sources::url_for("access-denied message"),
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
                source: "reference/azure-devops.md §3.3, §4.2".into(),
                source_url: super::super::sources::url_for("reference/azure-devops.md §3.3, §4.2"),
            });
        }
        let granted = judged
            .iter()
            .filter_map(|j| {
                let (doc_index, at) = j.granted_at?;
                let doc = self.docs.get(doc_index)?;
                let ns = self.catalog.get(j.req.namespace)?;
                let lc = crate::source::line_col(&doc.text, at);
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
        judged: &[Judged],
        az: Option<&AzSubject>,
        who: &Who,
    ) -> (Vec<Missing>, Vec<Warning>) {
        let mut order: Vec<String> = Vec::new();
        let mut by_id: BTreeMap<String, Missing> = BTreeMap::new();
        let mut fixes: BTreeMap<String, Fix> = BTreeMap::new();
        // What each fix already holds: an organization export can fail on 100k tokens, so the
        // de-duplication must not scan lists, and only the commands shown are written out.
        let mut seen: HashMap<String, FixTokens<'_>> = HashMap::new();
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
                    source: j.req.source.to_string(),
                    source_url: super::super::sources::url_for(j.req.source),
                }
            });
            if !entry.needed_for.contains(&tag) {
                entry.needed_for.push(tag);
            }
            let fix = fixes.entry(id.clone()).or_insert_with(|| Fix {
                head: format!(
                    "To allow \"{}\" ({id}, bit {}) run, for each token:",
                    ns.label(j.req.bit),
                    j.req.bit
                ),
                ..Fix::default()
            });
            let subject = az.map_or("<subject descriptor>", |a| a.value.as_str());
            let fixed = seen.entry(id.clone()).or_default();
            for (token, result, node) in &j.failing {
                if !fixed.insert(*node, token, ns.separator) {
                    continue;
                }
                fix.tokens += 1;
                if result.outcome == Outcome::Deny && !result.explicit {
                    fix.notes_total += 1;
                    if fix.notes.len() < SHOWN_NOTES {
                        fix.notes.push(match &result.decided_at {
                            Some(parent) => format!("the Deny on {} is inherited from {parent}: an Allow on the token itself overrides it", tokens::describe(ns, token)),
                            None => format!("the Deny on {} comes from a group or a parent token: an Allow for this identity does not beat a group's Deny on the same token; remove that Deny", tokens::describe(ns, token)),
                        });
                    }
                }
                if fix.commands.len() >= SHOWN_COMMANDS {
                    continue;
                }
                let token_arg = shell_quote(token);
                let mut cmd = String::new();
                if result.outcome == Outcome::Deny && result.explicit {
                    cmd.push_str(&format!(
                        "az devops security permission reset --id {} --subject {subject} --token {token_arg} --permission-bit {} && ",
                        ns.id, j.req.bit
                    ));
                }
                cmd.push_str(&format!(
                    "az devops security permission update --id {} --subject {subject} --token {token_arg} --allow-bit {}",
                    ns.id, j.req.bit
                ));
                fix.commands.push(cmd);
            }
            if j.failing.is_empty() {
                if let Some(t) = match j.req.targets {
                    Targets::Root(t) => Some(t.to_string()),
                    _ => None,
                } {
                    fix.tokens += 1;
                    fix.commands.push(format!(
                        "az devops security permission update --id {} --subject {subject} --token {} --allow-bit {}",
                        ns.id,
                        shell_quote(&t),
                        j.req.bit
                    ));
                }
            }
        }
        let subject_note = az.and_then(|a| a.note.clone());
        let mut warnings = Vec::new();
        for id in &order {
            let Some(fix) = fixes.get(id) else {
                continue;
            };
            if fix.commands.is_empty() {
                continue;
            }
            let mut message = format!("{}\n{}", fix.head, fix.commands.join("\n"));
            if fix.tokens > fix.commands.len() {
                message.push_str(&format!(
                    "\n… and {} more tokens",
                    fix.tokens - fix.commands.len()
                ));
            }
            for n in &fix.notes {
                message.push_str(&format!("\nNote: {n}"));
            }
            if fix.notes_total > fix.notes.len() {
                message.push_str(&format!(
                    "\nNote: the same holds for {} more tokens",
                    fix.notes_total - fix.notes.len()
                ));
            }
            if let Some(note) = &subject_note {
                message.push_str(&format!("\nNote: {note}"));
            }
            if matches!(who, Who::Caller) || az.is_none() {
                message.push_str("\nReplace <subject descriptor> with the account's e-mail address (a group: its graph descriptor, from az devops security group list).");
            }
            message.push_str("\n(permcheck never runs these; review them first.)");
            warnings.push(Warning {
                id: format!("acl-fix:{id}"),
                message,
                source: "reference/azure-devops.md §3.4 (az devops security permission update)"
                    .into(),
                source_url: super::super::sources::url_for(
                    "reference/azure-devops.md §3.4 (az devops security permission update)",
                ),
            });
        }
        let missing = order
            .into_iter()
            .filter_map(|id| by_id.remove(&id))
            .collect();
        (missing, warnings)
    }
}

fn state_words(r: &BitResult) -> &'static str {
    match (r.outcome, r.explicit) {
        (Outcome::Deny, true) => "denied by an explicit Deny",
        (Outcome::Deny, false) => "denied by an inherited or group Deny",
        (Outcome::NotSet, _) => "not set (which denies)",
        (Outcome::Allow, _) => "allowed",
    }
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
            if !out.contains(&j.reason) {
                out.push(j.reason.clone());
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
            .map(|id| identity::export_command(id, az, catalog))
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
            let mut parts = reasons(&|j| j.verdict == Verdict::Unknown);
            parts.truncate(3);
            let mut summary = format!(
                "{verb} cannot be decided from these ACLs: {}. Export next:\n{}",
                parts.join("; "),
                unknown_namespaces().join("\n")
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
