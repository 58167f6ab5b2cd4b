//! Who is in which group: the identities of every pasted input (ACL entries, identity lookups,
//! Graph subjects and memberships, user entitlements) joined into one directory, so an account
//! is judged with the entries of all the groups it belongs to, transitively
//! (reference/azure-devops-groups-and-reports.md).
//!
//! The same identity has two spellings: ACLs key entries by **identity descriptor**
//! (`Microsoft.TeamFoundation.Identity;S-1-9-…`, `…ClaimsIdentity;{tenant}\{upn}`), Graph by
//! **subject descriptor** (`vssgp.…`, `aadgp.…`, `aad.…`). A group's subject descriptor is its
//! SID in base64, so groups convert offline; a user's is an internal id, so a user is joined
//! by an identity lookup (`descriptor` beside `subjectDescriptor`), or by its tenant and
//! sign-in name (`…ClaimsIdentity;{domain}\{principalName}`), and otherwise needs a lookup,
//! which the report names.
//!
//! Implicit memberships (reference §4.1, Learn "About permissions and security groups", "Valid
//! user groups"): every member of a project group is in that project's Project Valid Users,
//! and every member of the organization in Project Collection Valid Users. They are applied
//! when a pasted group list says which groups those are.

use super::{identity, AclDocument, SubjectKind};
use std::collections::HashMap;

/// The scope part of a Valid Users group's identity descriptor
/// (`Microsoft.TeamFoundation.Identity;S-1-9-1551374245-{scope numbers}-0-0-0-0-3`, lower
/// case, without the `-0-0-0-0-3`): Project Collection Valid Users of the organization
/// (reference/azure-devops.md §3.7: well-known `-0-0-0-0-3` = Everyone) or a project's Project
/// Valid Users (azure-devops-groups-and-reports.md §0: `…-0-0-0-0-3` under the project's
/// prefix). Every member of that scope is in it, whether or not a membership export says so.
pub fn valid_users_scope(descriptor: &str) -> Option<String> {
    let d = descriptor.trim().to_ascii_lowercase();
    let sid = d.strip_prefix("microsoft.teamfoundation.identity;")?;
    let scope = sid.strip_suffix("-0-0-0-0-3")?;
    let numbers = scope.strip_prefix("s-1-9-1551374245-")?;
    (!numbers.is_empty()
        && numbers
            .split('-')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
    .then(|| format!("microsoft.teamfoundation.identity;{}", scope))
}

/// The source of the Valid Users rule, for the report.
pub const VALID_USERS_SOURCE: &str = "Learn, \"About permissions and security groups\" (Valid user groups): https://learn.microsoft.com/en-us/azure/devops/organizations/security/about-permissions";

/// How a Valid Users group no input names is called in the report.
pub const VALID_USERS_UNNAMED: &str =
    "Valid Users (Project Valid Users or Project Collection Valid Users, by its SID)";

/// Why an identity with entries may hold the account although no input says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaybeIn {
    /// A Valid Users group: every member of its project or organization is in it.
    ValidUsers,
    /// A group, and the account's groups are not all exported.
    OpenGroups,
}

/// One identity of the directory.
#[derive(Debug, Clone, Default)]
struct Node {
    /// The identity descriptor as an input spells it, when known.
    descriptor: Option<String>,
    /// The graph (subject) descriptor, when known.
    graph: Option<String>,
    /// `[Project]\Group`, an e-mail, a display name.
    name: Option<String>,
    kind: Option<SubjectKind>,
    /// A group's scope (`vstfs:///Classification/TeamProject/{id}`, `…/Framework/IdentityDomain/…`).
    domain: Option<String>,
    special: Option<String>,
    /// Direct groups (node numbers).
    containers: Vec<usize>,
    /// Its groups are listed in full by some input.
    containers_known: bool,
    /// Some input was exported for it (its own groups): an account to judge.
    asked: bool,
}

/// Every identity the inputs name, with its names and direct groups.
#[derive(Debug, Default)]
pub struct Directory {
    nodes: Vec<Node>,
    /// Every spelling (see [`key`]) → node.
    by_key: HashMap<String, usize>,
    /// Accounts in input order: identities whose groups were exported for them.
    accounts: Vec<usize>,
}

/// What is known of an identity's groups, for judging it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// Each group it is in, directly or through other groups: its identity descriptor (the
    /// ACLs' key) and name.
    pub groups: Vec<(String, String)>,
    /// Groups reached whose own groups no input lists (they may be in more).
    pub open: Vec<String>,
    /// Implicit memberships applied (Valid Users), by name.
    pub implicit: Vec<String>,
}

/// Decode base64 or base64url, padded or not (Graph descriptors are base64url; documentation
/// examples show plain base64).
pub fn unbase64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// The identity descriptor a graph descriptor stands for, when it converts offline: a group's
/// (`vssgp.`/`aadgp.` + base64 of its SID), or a documentation example's bare base64 of a whole
/// identity descriptor.
pub fn identity_of_graph(graph: &str) -> Option<String> {
    let g = graph.trim();
    match g.split_once('.') {
        Some((prefix, payload))
            if prefix.eq_ignore_ascii_case("vssgp") || prefix.eq_ignore_ascii_case("aadgp") =>
        {
            let sid = String::from_utf8(unbase64(payload)?).ok()?;
            sid.starts_with("S-1-")
                .then(|| format!("Microsoft.TeamFoundation.Identity;{sid}"))
        }
        Some(_) => None,
        None => {
            let decoded = String::from_utf8(unbase64(g)?).ok()?;
            let (kind, value) = decoded.split_once(';')?;
            (kind.contains('.') && !value.is_empty() && decoded.is_ascii()).then_some(decoded)
        }
    }
}

/// A graph descriptor's prefix, when it is one (`aad`, `vssgp`, …).
fn graph_prefix(d: &str) -> Option<&str> {
    let (prefix, payload) = d.trim().split_once('.')?;
    (!prefix.is_empty()
        && prefix.len() <= 6
        && prefix.bytes().all(|b| b.is_ascii_alphanumeric())
        && !payload.is_empty()
        && !d.contains(';')
        && !d.contains('@'))
    .then_some(prefix)
}

/// How a descriptor is compared: an identity descriptor without ASCII case (as the service
/// compares them), a graph descriptor exactly (base64 is case-sensitive), an e-mail without
/// case.
fn key(descriptor: &str) -> String {
    let d = descriptor.trim();
    if let Some(identity) = identity_of_graph(d) {
        return identity.to_ascii_lowercase();
    }
    if d.contains(';') {
        return d.to_ascii_lowercase();
    }
    if graph_prefix(d).is_some() {
        return format!("graph:{d}");
    }
    if d.contains('@') && !d.contains(' ') {
        return format!("mail:{}", d.to_ascii_lowercase());
    }
    format!("name:{}", d.to_ascii_lowercase())
}

/// The sign-in name in a user's identity descriptor (`…ClaimsIdentity;{tenant}\{upn}`).
fn upn(descriptor: &str) -> Option<&str> {
    let (kind, value) = descriptor.trim().split_once(';')?;
    kind.to_ascii_lowercase()
        .ends_with("claimsidentity")
        .then(|| value.rsplit('\\').next())
        .flatten()
        .filter(|u| u.contains('@'))
}

fn is_guid(s: &str) -> bool {
    super::formats::is_guid(s.trim())
}

impl Directory {
    /// The node for `descriptor`, made if new.
    fn node(&mut self, descriptor: &str) -> usize {
        let k = key(descriptor);
        if let Some(n) = self.by_key.get(&k) {
            return *n;
        }
        let n = self.nodes.len();
        let mut node = Node::default();
        let d = descriptor.trim();
        if d.contains(';') {
            node.descriptor = Some(d.to_string());
        } else if let Some(identity) = identity_of_graph(d) {
            node.descriptor = Some(identity);
            if graph_prefix(d).is_some() {
                node.graph = Some(d.to_string());
            }
        } else if graph_prefix(d).is_some() {
            node.graph = Some(d.to_string());
        }
        self.nodes.push(node);
        self.by_key.insert(k, n);
        // A user's descriptor also answers to its e-mail.
        if let Some(u) = upn(d) {
            self.by_key.entry(key(u)).or_insert(n);
        }
        n
    }

    /// Make `alias` another spelling of node `n` (merging what was known under it).
    fn alias(&mut self, alias: &str, n: usize) {
        let k = key(alias);
        match self.by_key.get(&k).copied() {
            None => {
                self.by_key.insert(k, n);
            }
            Some(m) if m != n => self.merge(m, n),
            Some(_) => {}
        }
    }

    /// Fold node `from` into node `into`: every key and edge of `from` moves.
    fn merge(&mut self, from: usize, into: usize) {
        let taken = std::mem::take(&mut self.nodes[from]);
        for v in self.by_key.values_mut() {
            if *v == from {
                *v = into;
            }
        }
        for node in &mut self.nodes {
            for c in &mut node.containers {
                if *c == from {
                    *c = into;
                }
            }
        }
        for a in &mut self.accounts {
            if *a == from {
                *a = into;
            }
        }
        let target = &mut self.nodes[into];
        target.descriptor = target.descriptor.take().or(taken.descriptor);
        target.graph = target.graph.take().or(taken.graph);
        target.name = target.name.take().or(taken.name);
        target.kind = target.kind.or(taken.kind);
        target.domain = target.domain.take().or(taken.domain);
        target.special = target.special.take().or(taken.special);
        for c in taken.containers {
            if !target.containers.contains(&c) && c != into {
                target.containers.push(c);
            }
        }
        target.containers_known |= taken.containers_known;
        target.asked |= taken.asked;
        self.accounts.dedup();
    }

    pub fn build(docs: &[&AclDocument]) -> Directory {
        let mut dir = Directory::default();
        // ACL entries: identity descriptors as the exports spell them.
        for doc in docs {
            for d in doc.descriptors() {
                dir.node(&d);
            }
        }
        // Identity lookups: the identity descriptor beside the graph one (the only offline
        // join for users), and, with queryMembership, their groups.
        for doc in docs {
            for k in &doc.identities {
                let n = dir.node(&k.descriptor);
                if let Some(g) = &k.subject_descriptor {
                    dir.alias(g, n);
                    if dir.nodes[n].graph.is_none() {
                        dir.nodes[n].graph = Some(g.clone());
                    }
                }
                let node = &mut dir.nodes[n];
                node.name = node.name.take().or(Some(k.name.clone()));
                node.kind = node.kind.or(Some(if k.is_group {
                    SubjectKind::Group
                } else {
                    SubjectKind::User
                }));
            }
        }
        // Graph subjects: names, scopes, and a user's tenant and sign-in name.
        for doc in docs {
            for s in &doc.subjects {
                let n = match (s.kind, &s.principal_name, &s.domain) {
                    (SubjectKind::User, Some(upn), Some(tenant))
                        if is_guid(tenant) && upn.contains('@') =>
                    {
                        // `…ClaimsIdentity;{tenant}\{upn}` is how ACLs key an Entra user.
                        let claims = format!(
                            "Microsoft.IdentityModel.Claims.ClaimsIdentity;{}\\{}",
                            tenant.trim(),
                            upn.trim()
                        );
                        let n = match dir.by_key.get(&key(&claims)).copied() {
                            Some(n) => n,
                            None => dir.node(&s.descriptor),
                        };
                        dir.alias(&s.descriptor, n);
                        dir.alias(upn, n);
                        dir.alias(&claims, n);
                        if dir.nodes[n].descriptor.is_none() {
                            dir.nodes[n].descriptor = Some(claims);
                        }
                        n
                    }
                    _ => dir.node(&s.descriptor),
                };
                if let Some(mail) = s.mail.as_deref().filter(|m| m.contains('@')) {
                    dir.alias(mail, n);
                }
                let node = &mut dir.nodes[n];
                if graph_prefix(&s.descriptor).is_some() {
                    node.graph = node.graph.take().or(Some(s.descriptor.clone()));
                }
                node.name = node
                    .name
                    .take()
                    .or_else(|| s.principal_name.clone())
                    .or_else(|| s.display_name.clone());
                if s.kind != SubjectKind::Other {
                    node.kind = Some(s.kind);
                }
                node.domain = node.domain.take().or_else(|| s.domain.clone());
                node.special = node.special.take().or_else(|| s.special.clone());
            }
        }
        // Memberships, and the identities whose groups are listed in full.
        for doc in docs {
            for k in doc.identities.iter().filter(|k| k.memberships_listed) {
                let n = dir.node(&k.descriptor);
                for g in &k.member_of {
                    let c = dir.node(g);
                    dir.edge(n, c);
                }
                dir.nodes[n].containers_known = true;
            }
            for m in &doc.memberships {
                let member = dir.node(&m.member);
                let container = dir.node(&m.container);
                dir.edge(member, container);
                if dir.nodes[container].kind.is_none() {
                    dir.nodes[container].kind = Some(SubjectKind::Group);
                }
            }
            for a in &doc.asked {
                let n = dir.node(&a.descriptor);
                dir.nodes[n].containers_known = true;
                dir.nodes[n].asked = true;
                if !dir.accounts.contains(&n) {
                    dir.accounts.push(n);
                }
            }
        }
        // An account is what was asked about, not a group reached from another account (the
        // collection script lists the groups of each group it finds).
        let reached: Vec<usize> = dir
            .accounts
            .iter()
            .flat_map(|a| dir.closure_nodes(*a))
            .collect();
        dir.accounts.retain(|a| !reached.contains(a));
        dir
    }

    fn edge(&mut self, member: usize, container: usize) {
        if member != container && !self.nodes[member].containers.contains(&container) {
            self.nodes[member].containers.push(container);
        }
    }

    /// Every group `n` is in, directly or not (not `n` itself), breadth first.
    fn closure_nodes(&self, n: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut queue: Vec<usize> = self.nodes[n].containers.clone();
        let mut i = 0;
        while let Some(&g) = queue.get(i) {
            i += 1;
            if g == n || out.contains(&g) {
                continue;
            }
            out.push(g);
            queue.extend(self.nodes[g].containers.iter().copied());
        }
        out
    }

    fn find(&self, descriptor: &str) -> Option<usize> {
        self.by_key.get(&key(descriptor)).copied().or_else(|| {
            // An identity descriptor of a user also answers to its sign-in name.
            upn(descriptor).and_then(|u| self.by_key.get(&key(u)).copied())
        })
    }

    /// Whether two descriptors name the same identity (as the inputs join them).
    pub fn same(&self, a: &str, b: &str) -> bool {
        matches!((self.find(a), self.find(b)), (Some(x), Some(y)) if x == y)
    }

    /// The accounts (identities whose groups were exported for them), each by its best
    /// descriptor: the identity descriptor when known, else the graph descriptor.
    pub fn accounts(&self) -> Vec<String> {
        self.accounts.iter().filter_map(|n| self.best(*n)).collect()
    }

    fn best(&self, n: usize) -> Option<String> {
        let node = self.nodes.get(n)?;
        node.descriptor
            .clone()
            .or_else(|| node.graph.clone())
            .or_else(|| {
                self.by_key
                    .iter()
                    .find(|(_, v)| **v == n)
                    .map(|(k, _)| k.split_once(':').map_or(k.as_str(), |(_, v)| v).to_string())
            })
    }

    /// The name the inputs give `descriptor` (`[Project]\Group`, an e-mail), if any.
    pub fn name(&self, descriptor: &str) -> Option<String> {
        let node = self.nodes.get(self.find(descriptor)?)?;
        node.name
            .clone()
            .or_else(|| node.descriptor.as_deref().and_then(upn).map(str::to_string))
    }

    /// The graph descriptor az's `--subject` takes for `descriptor`, when an input gives it.
    pub fn graph(&self, descriptor: &str) -> Option<String> {
        self.nodes.get(self.find(descriptor)?)?.graph.clone()
    }

    /// Whether `descriptor` is a user whose identity descriptor (the ACLs' key) no input gives:
    /// its own entries, if any, cannot be matched without a lookup.
    pub fn needs_lookup(&self, descriptor: &str) -> bool {
        self.find(descriptor)
            .and_then(|n| self.nodes.get(n))
            .is_some_and(|node| node.descriptor.is_none() && node.kind != Some(SubjectKind::Group))
    }

    /// The identity descriptor of `descriptor` as an input spells it, when known.
    pub fn descriptor(&self, descriptor: &str) -> Option<String> {
        self.nodes.get(self.find(descriptor)?)?.descriptor.clone()
    }

    /// Whether any input lists `descriptor`'s groups.
    pub fn knows_groups_of(&self, descriptor: &str) -> bool {
        self.find(descriptor)
            .and_then(|n| self.nodes.get(n))
            .is_some_and(|node| node.containers_known || !node.containers.is_empty())
    }

    /// Whether `candidate` (an identity with entries) may hold `subject` although the inputs
    /// do not count it among `groups`, and why: a Valid Users group it is not shown outside of,
    /// or any group when `closure_open` (the account's groups are not all exported). Users,
    /// service identities and the subject's own groups cannot.
    pub fn maybe_in(
        &self,
        subject: &str,
        groups: &Groups,
        candidate: &str,
        closure_open: bool,
    ) -> Option<MaybeIn> {
        let c = candidate.trim();
        if identity::same(c, subject)
            || self.same(c, subject)
            || groups.groups.iter().any(|(g, _)| identity::same(g, c))
        {
            return None;
        }
        let node = self.find(c).and_then(|n| self.nodes.get(n));
        let kind = node.and_then(|node| node.kind);
        let tfs_group = c
            .to_ascii_lowercase()
            .starts_with("microsoft.teamfoundation.identity;");
        if kind == Some(SubjectKind::User) || !(tfs_group || kind == Some(SubjectKind::Group)) {
            return None;
        }
        let name = node
            .and_then(|node| node.name.as_deref())
            .unwrap_or("")
            .to_ascii_lowercase();
        let valid_users = name.ends_with("\\project valid users")
            || name.ends_with("\\project collection valid users")
            || node
                .and_then(|node| node.special.as_deref())
                .is_some_and(|s| s.eq_ignore_ascii_case("EveryoneApplicationGroup"))
            || (name.is_empty() && valid_users_scope(c).is_some());
        if closure_open {
            Some(if valid_users {
                MaybeIn::ValidUsers
            } else {
                MaybeIn::OpenGroups
            })
        } else {
            // A named Project Valid Users the groups do not reach is another project's.
            (valid_users && name.is_empty()).then_some(MaybeIn::ValidUsers)
        }
    }

    /// The groups `descriptor` is in (transitively), with the Valid Users groups it is in
    /// implicitly where a group list names them.
    pub fn groups(&self, descriptor: &str) -> Groups {
        let Some(n) = self.find(descriptor) else {
            return Groups::default();
        };
        let mut reached = self.closure_nodes(n);
        let mut out = Groups::default();
        // A user is a member of the organization, so of its Project Collection Valid Users,
        // even when no membership was exported for it.
        let is_user = self.nodes[n].kind == Some(SubjectKind::User)
            || self.nodes[n].descriptor.as_deref().and_then(upn).is_some();
        if !reached.is_empty() || self.nodes[n].asked || is_user {
            // Valid Users: Project Collection Valid Users for every member of the
            // organization, a project's Project Valid Users for members of its groups.
            let scopes: Vec<String> = reached
                .iter()
                .filter_map(|g| self.nodes[*g].domain.clone())
                .filter(|d| {
                    d.to_ascii_lowercase()
                        .contains("classification/teamproject/")
                })
                .collect();
            for (g, node) in self.nodes.iter().enumerate() {
                if reached.contains(&g) || g == n || node.kind != Some(SubjectKind::Group) {
                    continue;
                }
                let name = node.name.as_deref().unwrap_or("").to_ascii_lowercase();
                let collection_valid = node
                    .special
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case("EveryoneApplicationGroup"))
                    || name.ends_with("\\project collection valid users");
                let project_valid = name.ends_with("\\project valid users")
                    && node
                        .domain
                        .as_ref()
                        .is_some_and(|d| scopes.iter().any(|s| s.eq_ignore_ascii_case(d)));
                if collection_valid || project_valid {
                    reached.push(g);
                    out.implicit.push(node.name.clone().unwrap_or_default());
                }
            }
            // A Valid Users group no input names, known by its SID: the Valid Users of the
            // scope of a group the identity is in (same SID prefix, reference §0), so it is
            // in it too.
            let prefixes: Vec<String> = reached
                .iter()
                .filter_map(|g| self.nodes[*g].descriptor.as_deref())
                .map(|d| d.trim().to_ascii_lowercase())
                .collect();
            for (g, node) in self.nodes.iter().enumerate() {
                if reached.contains(&g) || g == n || node.name.is_some() {
                    continue;
                }
                let Some(scope) = node.descriptor.as_deref().and_then(valid_users_scope) else {
                    continue;
                };
                let prefix = format!("{scope}-");
                if prefixes.iter().any(|p| p.starts_with(&prefix)) {
                    reached.push(g);
                    out.implicit.push(VALID_USERS_UNNAMED.to_string());
                }
            }
        }
        for g in reached {
            let node = &self.nodes[g];
            let Some(descriptor) = node.descriptor.clone() else {
                continue;
            };
            let name = node.name.clone().unwrap_or_else(|| {
                if valid_users_scope(&descriptor).is_some() {
                    VALID_USERS_UNNAMED.to_string()
                } else {
                    identity::describe(&descriptor).0
                }
            });
            if !node.containers_known && node.kind == Some(SubjectKind::Group) {
                out.open.push(name.clone());
            }
            out.groups.push((descriptor, name));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::{AclFormat, Asked, GraphSubject, KnownIdentity, Membership};

    const SID: &str = "S-1-9-1551374245-4217255544-3360477257-3078178654-2704907261-0-0-0-0-3";

    #[test]
    fn group_descriptors_convert_offline() {
        let graph = format!("vssgp.{}", crate::share::base64url(SID.as_bytes()));
        assert_eq!(
            identity_of_graph(&graph).as_deref(),
            Some(format!("Microsoft.TeamFoundation.Identity;{SID}").as_str())
        );
        assert_eq!(
            identity_of_graph(&graph.replace("vssgp", "aadgp")),
            identity_of_graph(&graph)
        );
        // A user's payload is an internal id: no conversion.
        assert_eq!(
            identity_of_graph("aad.NjdiY2I3OGMtZTgyYy03OWRmLWJlMmEtZTRmZjBkOTdhMmM4"),
            None
        );
        // The documentation's bare base64 of a whole identity descriptor (MembershipsBatch).
        assert_eq!(
            identity_of_graph("TWljcm9zb2Z0LklkZW50aXR5TW9kZWwuQ2xhaW1zLkNsYWltc0lkZW50aXR5OzQ1YWEzZDJkLTc0NDItNDczZC1iNGQzLTNjNjcwZGE5ZGQ5NlxqdHNlbmdAdnNjc2kudXM").as_deref(),
            Some("Microsoft.IdentityModel.Claims.ClaimsIdentity;45aa3d2d-7442-473d-b4d3-3c670da9dd96\\jtseng@vscsi.us")
        );
    }

    fn doc() -> AclDocument {
        AclDocument::new(AclFormat::GraphMemberships, "")
    }

    #[test]
    fn an_account_reaches_its_groups_through_groups_and_valid_users() {
        let user = "aad.MDA0NzBlMzQtZGE2MS03YTY5LWJkOTYtNDg3YTg0OWVjNTU4";
        let g = |sid: &str| format!("vssgp.{}", crate::share::base64url(sid.as_bytes()));
        let contributors = g("S-1-9-1-2-3-4-5-1-10-11-12-13");
        let team = g("S-1-9-1-2-3-4-5-1-20-21-22-23");
        let valid = g("S-1-9-1-2-3-4-5-0-0-0-0-3");
        let mut d = doc();
        d.asked.push(Asked {
            descriptor: user.into(),
            at: 0,
        });
        d.memberships.push(Membership {
            member: user.into(),
            container: contributors.clone(),
            at: 0,
        });
        d.memberships.push(Membership {
            member: contributors.clone(),
            container: team.clone(),
            at: 0,
        });
        let project = "vstfs:///Classification/TeamProject/d8e7e7fd-44d3-47f8-9c72-5c7907714bf1";
        for (descriptor, name) in [
            (&contributors, "[P]\\Contributors"),
            (&team, "[P]\\P Team"),
            (&valid, "[P]\\Project Valid Users"),
        ] {
            d.subjects.push(GraphSubject {
                descriptor: descriptor.clone(),
                kind: SubjectKind::Group,
                principal_name: Some(name.into()),
                domain: Some(project.into()),
                ..GraphSubject::default()
            });
        }
        let dir = Directory::build(&[&d]);
        assert_eq!(dir.accounts(), vec![user.to_string()]);
        let groups = dir.groups(user);
        let names: Vec<&str> = groups.groups.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "[P]\\Contributors",
                "[P]\\P Team",
                "[P]\\Project Valid Users"
            ]
        );
        assert_eq!(groups.implicit, ["[P]\\Project Valid Users"]);
        // The groups' own groups were not exported: they may be in more.
        assert_eq!(groups.open.len(), 3);
        assert!(groups.groups[0]
            .0
            .starts_with("Microsoft.TeamFoundation.Identity;S-1-9-1-2"));
        // The user's ACL descriptor is not known: a lookup would give it.
        assert!(dir.needs_lookup(user));
    }

    #[test]
    fn an_identity_lookup_joins_a_user_to_its_acl_descriptor() {
        let acl_key = "Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\new_user_test@outlook.com";
        let graph = "aad.NjdiY2I3OGMtZTgyYy03OWRmLWJlMmEtZTRmZjBkOTdhMmM4";
        let group = format!("Microsoft.TeamFoundation.Identity;{SID}");
        let mut d = doc();
        d.identities.push(KnownIdentity {
            descriptor: acl_key.into(),
            name: "new_user_test@outlook.com".into(),
            subject_descriptor: Some(graph.into()),
            is_group: false,
            member_of: vec![group.clone()],
            members: vec![],
            memberships_listed: true,
        });
        let dir = Directory::build(&[&d]);
        assert!(!dir.needs_lookup(graph));
        assert_eq!(dir.groups(graph).groups[0].0, group);
        assert_eq!(dir.groups(acl_key), dir.groups(graph));
        assert_eq!(dir.graph(acl_key).as_deref(), Some(graph));
        // By e-mail too (az takes one).
        assert_eq!(dir.groups("new_user_test@outlook.com").groups.len(), 1);
    }

    #[test]
    fn a_graph_user_is_joined_by_tenant_and_sign_in_name() {
        let mut d = doc();
        d.subjects.push(GraphSubject {
            descriptor: "aad.YTU2ODI5ZWQtZWI0NS03OWFjLWEwNmEtZDA3OTM1NWFlNTQ0".into(),
            kind: SubjectKind::User,
            principal_name: Some("new_user_test@outlook.com".into()),
            domain: Some("72f988bf-86f1-41af-91ab-2d7cd011db47".into()),
            ..GraphSubject::default()
        });
        let dir = Directory::build(&[&d]);
        assert!(!dir.needs_lookup("aad.YTU2ODI5ZWQtZWI0NS03OWFjLWEwNmEtZDA3OTM1NWFlNTQ0"));
        assert_eq!(
            dir.name("Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\NEW_USER_TEST@outlook.com").as_deref(),
            Some("new_user_test@outlook.com")
        );
    }

    #[test]
    fn cycles_end() {
        let mut d = doc();
        for (m, c) in [
            ("a@x.com", "name:g1"),
            ("name:g1", "name:g2"),
            ("name:g2", "name:g1"),
        ] {
            d.memberships.push(Membership {
                member: m.into(),
                container: c.into(),
                at: 0,
            });
        }
        let dir = Directory::build(&[&d]);
        assert_eq!(dir.closure_nodes(dir.find("a@x.com").unwrap_or(0)).len(), 2);
    }
}
