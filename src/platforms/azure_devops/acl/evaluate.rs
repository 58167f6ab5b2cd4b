//! Effective permissions (reference/azure-devops.md §4.2). Where the export carries the server's
//! own answer (`extendedInfo.effectiveAllow/effectiveDeny`, az `resolvedPermissions`, a
//! TFSSecurity "Effective ACL") that answer is used. Otherwise it is computed: walk from the
//! token to the root; at each token, Deny beats Allow across all the identity's ACEs; the most
//! specific token that decides a bit wins; `inheritPermissions: false` stops the walk; a bit no
//! token decides is "Not set", which denies. Project Collection Administrators get no bypass:
//! whether a call lets administrators through is decided per call, so it is never assumed.

use super::namespaces::Namespace;
use super::tokens;
use super::{Ace, Acl};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// ACLs of one namespace as a tree of tokens. Several inputs may hold the same token. Every
/// bit of every requirement walks from a token to the root, so the walk is worked out once
/// here: each distinct token is a node that knows its nearest indexed ancestor, and each ACE's
/// identity is a number (compared, not its descriptor). Nothing is copied from the ACLs.
#[derive(Debug)]
pub struct AclIndex<'a> {
    separator: Option<char>,
    hierarchical: bool,
    nodes: Vec<Node<'a>>,
    by_key: HashMap<FoldedKey<'a>, u32, BuildHasherDefault<FxHasher>>,
    /// Each identity (trimmed, ASCII lower case, as the service compares them) → its number.
    identities: HashMap<String, u32, BuildHasherDefault<FxHasher>>,
    /// The identity number of every ACE, ACL after ACL ([`Indexed::first`] points in here).
    ace_identity: Vec<u32>,
}

/// One distinct token.
#[derive(Debug)]
struct Node<'a> {
    /// Its first ACL (in input order) and the others with the same token.
    first: Indexed<'a>,
    more: Vec<Indexed<'a>>,
    /// The nearest ancestor token that is indexed too, found when first needed (most tokens
    /// of a big export are branches no requirement walks up from): [`UNKNOWN`] until then.
    parent: std::cell::Cell<u32>,
    /// One of its ACLs has inheritance off: the walk ends here.
    stops: bool,
    /// One of its ACEs carries the server's effective bits (`extendedInfo`).
    reported: bool,
}

impl<'a> Node<'a> {
    fn entries(&self) -> impl Iterator<Item = &Indexed<'a>> {
        std::iter::once(&self.first).chain(&self.more)
    }
}

/// [`Node::parent`] not looked up yet.
const UNKNOWN: u32 = u32::MAX;
/// [`Node::parent`]: no ancestor is indexed.
const ROOT: u32 = u32::MAX - 1;

/// One ACL in an [`AclIndex`].
#[derive(Debug, Clone, Copy)]
struct Indexed<'a> {
    acl: &'a Acl,
    /// Where this ACL's ACEs start in [`AclIndex::ace_identity`].
    first: usize,
}

/// A token key ([`tokens::folded_key`]) compared and hashed without ASCII case, so exported
/// tokens are indexed in place instead of as lower-case copies.
#[derive(Debug, Clone)]
pub struct FoldedKey<'a>(Cow<'a, str>);

impl<'a> FoldedKey<'a> {
    pub fn of(token: &'a str, separator: Option<char>) -> Self {
        FoldedKey(tokens::folded_key(token, separator))
    }

    /// `text` as it is, equal to another exactly when their ASCII lower cases are.
    pub fn ascii(text: &'a str) -> Self {
        FoldedKey(Cow::Borrowed(text))
    }
}

impl PartialEq for FoldedKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for FoldedKey<'_> {}

impl Hash for FoldedKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Setting bit 5 of every byte folds ASCII letters (and merges a few punctuation pairs,
        // which equality then tells apart).
        let bytes = self.0.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            state.write_u64(u64::from_le_bytes(word) | 0x2020_2020_2020_2020);
        }
        for &b in chunks.remainder() {
            state.write_u8(b | 0x20);
        }
        state.write_usize(bytes.len());
    }
}

/// Where a token sits in an [`AclIndex`]: its own node, or (for a token no ACL names) the
/// nearest indexed ancestor; `None` when no ancestor is indexed either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    node: Option<u32>,
    /// The node is the token's own.
    own: bool,
}

impl Place {
    /// The token's own node, when it has one.
    pub fn own_node(&self) -> Option<u32> {
        self.node.filter(|_| self.own)
    }
}

/// The identity numbers an evaluation is for (an identity and its known groups).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who(Vec<u32>);

impl Who {
    /// No entry of the index names any of the identities.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn identity_key(descriptor: &str) -> String {
    descriptor.trim().to_ascii_lowercase()
}

impl<'a> AclIndex<'a> {
    pub fn new(ns: &Namespace, acls: impl IntoIterator<Item = &'a Acl>) -> Self {
        let mut index = AclIndex {
            separator: ns.separator,
            hierarchical: ns.hierarchical,
            nodes: Vec::new(),
            by_key: HashMap::default(),
            identities: HashMap::default(),
            ace_identity: Vec::new(),
        };
        // Each shared descriptor (see [`Ace::descriptor`]) once: a big export's readers share
        // one per identity, so most ACEs are numbered by its address alone.
        let mut shared: HashMap<usize, u32, BuildHasherDefault<FxHasher>> = HashMap::default();
        let acls = acls.into_iter();
        let expected = acls.size_hint().0;
        index.nodes.reserve(expected);
        index.by_key.reserve(expected);
        index.ace_identity.reserve(expected * 2);
        for acl in acls {
            let first = index.ace_identity.len();
            for ace in &acl.aces {
                let address = std::rc::Rc::as_ptr(&ace.descriptor).cast::<u8>() as usize;
                let id = match shared.get(&address) {
                    Some(id) => *id,
                    None => {
                        let next = index.identities.len() as u32;
                        let id = *index
                            .identities
                            .entry(identity_key(&ace.descriptor))
                            .or_insert(next);
                        shared.insert(address, id);
                        id
                    }
                };
                index.ace_identity.push(id);
            }
            let entry = Indexed { acl, first };
            let key = FoldedKey(tokens::folded_key(&acl.token, ns.separator));
            let next = index.nodes.len() as u32;
            match index.by_key.entry(key) {
                std::collections::hash_map::Entry::Occupied(found) => {
                    let node = &mut index.nodes[*found.get() as usize];
                    node.stops |= !acl.inherit;
                    node.reported |= acl.aces.iter().any(|a| a.extended.is_some());
                    node.more.push(entry);
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(next);
                    index.nodes.push(Node {
                        first: entry,
                        more: Vec::new(),
                        parent: std::cell::Cell::new(UNKNOWN),
                        stops: !acl.inherit,
                        reported: acl.aces.iter().any(|a| a.extended.is_some()),
                    });
                }
            }
        }
        index
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// How many distinct tokens.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// `key` and each ancestor key, as slices of it.
    fn walk_up<'k>(&self, key: &'k str) -> impl Iterator<Item = &'k str> + 'k {
        tokens::ancestors(key, self.separator.filter(|_| self.hierarchical))
    }

    /// The nearest indexed ancestor of `node`.
    fn parent(&self, node: &Node<'a>) -> Option<&Node<'a>> {
        let mut parent = node.parent.get();
        if parent == UNKNOWN {
            let own = tokens::folded_key(&node.first.acl.token, self.separator);
            let found = self.walk_up(&own).skip(1).find_map(|key| self.node_of(key));
            parent = found.unwrap_or(ROOT);
            node.parent.set(parent);
        }
        self.nodes.get(parent as usize)
    }

    fn node_of(&self, key: &str) -> Option<u32> {
        self.by_key.get(&FoldedKey(Cow::Borrowed(key))).copied()
    }

    /// Where `token` is in the tree (see [`Place`]).
    pub fn place(&self, token: &str) -> Place {
        let own = tokens::folded_key(token, self.separator);
        for (depth, key) in self.walk_up(&own).enumerate() {
            if let Some(node) = self.node_of(key) {
                return Place {
                    node: Some(node),
                    own: depth == 0,
                };
            }
        }
        Place {
            node: None,
            own: false,
        }
    }

    /// The numbers of those `descriptors` that have an entry in this index.
    pub fn who(&self, descriptors: &[&str]) -> Who {
        Who(descriptors
            .iter()
            .filter_map(|d| self.identities.get(&identity_key(d)).copied())
            .collect())
    }

    /// Every distinct token (its first spelling) and its place, in input order.
    pub fn tokens(&self) -> impl Iterator<Item = (&'a str, Place)> + '_ {
        self.nodes.iter().enumerate().map(|(i, node)| {
            let place = Place {
                node: Some(i as u32),
                own: true,
            };
            (node.first.acl.token.as_str(), place)
        })
    }

    /// The ACEs of `entry` whose identity is one of `who`.
    fn aces_of<'i>(
        &'i self,
        entry: &'i Indexed<'a>,
        who: &'i Who,
    ) -> impl Iterator<Item = &'a Ace> + 'i {
        let ids = self
            .ace_identity
            .get(entry.first..entry.first + entry.acl.aces.len())
            .unwrap_or(&[]);
        entry
            .acl
            .aces
            .iter()
            .zip(ids)
            .filter(|(_, id)| who.0.contains(id))
            .map(|(ace, _)| ace)
    }
}

/// How a bit's state was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The server's effective bits from the export (`extendedInfo`, `resolvedPermissions`,
    /// TFSSecurity's effective ACL).
    Reported,
    /// Computed here from the exported ACEs (group memberships the export does not show are
    /// not taken into account).
    Computed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Allow,
    Deny,
    NotSet,
}

/// One bit on one token for one identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BitResult<'a> {
    pub outcome: Outcome,
    pub basis: Basis,
    /// The identity's own ACE on this very token sets the bit (an explicit Allow or Deny).
    pub explicit: bool,
    /// The token (as exported) whose ACEs decided the bit, when computed.
    pub decided_at: Option<&'a str>,
    /// Where in the input the deciding ACE is.
    pub at: Option<usize>,
    /// The ACL that holds the ACE at `at`.
    pub acl: Option<&'a Acl>,
}

impl BitResult<'_> {
    pub fn allowed(&self) -> bool {
        self.outcome == Outcome::Allow
    }
}

/// The effective state of `bit` on `token` for an identity that is `descriptors` (itself and
/// the groups it is known to belong to).
pub fn bit<'a>(index: &AclIndex<'a>, descriptors: &[&str], token: &str, bit: u64) -> BitResult<'a> {
    bit_at(index, &index.who(descriptors), index.place(token), bit)
}

/// [`bit`] for identities already numbered by [`AclIndex::who`] and a token already placed by
/// [`AclIndex::place`] (what a caller judging many tokens for the same identity does once).
pub fn bit_at<'a>(index: &AclIndex<'a>, who: &Who, place: Place, bit: u64) -> BitResult<'a> {
    let not_set = BitResult {
        outcome: Outcome::NotSet,
        basis: Basis::Computed,
        explicit: false,
        decided_at: None,
        at: None,
        acl: None,
    };
    let Some(start) = place.node.and_then(|n| index.nodes.get(n as usize)) else {
        return not_set;
    };
    // The server's answer, when this token's ACE carries it.
    let own_aces = || {
        start
            .entries()
            .filter(|_| place.own)
            .flat_map(|entry| index.aces_of(entry, who).map(|ace| (entry.acl, ace)))
    };
    if start.reported && own_aces().any(|(_, a)| a.extended.is_some()) {
        let mut allow = 0;
        let mut deny = 0;
        let mut at = None;
        for (acl, ace) in own_aces() {
            if let Some(ext) = &ace.extended {
                allow |= ext.effective_allow;
                deny |= ext.effective_deny;
                at = at.or(Some((ace.at, acl)));
            }
        }
        let explicit = own_aces().any(|(_, a)| (a.allow | a.deny) & bit != 0);
        let outcome = if deny & bit != 0 {
            Outcome::Deny
        } else if allow & bit != 0 {
            Outcome::Allow
        } else {
            Outcome::NotSet
        };
        return BitResult {
            outcome,
            basis: Basis::Reported,
            explicit,
            decided_at: Some(start.first.acl.token.as_str()).filter(|_| explicit),
            at: at.map(|(at, _)| at),
            acl: at.map(|(_, acl)| acl),
        };
    }
    // Compute it (§4.2), for this one bit.
    let mut node = Some(start);
    let mut own = place.own;
    while let Some(current) = node {
        let mut deny_at = None;
        let mut allow_at = None;
        for entry in current.entries() {
            let acl = entry.acl;
            for ace in index.aces_of(entry, who) {
                if ace.deny & bit != 0 && deny_at.is_none() {
                    deny_at = Some((acl, ace.at));
                }
                if ace.allow & bit != 0 && allow_at.is_none() {
                    allow_at = Some((acl, ace.at));
                }
            }
        }
        let decided = match (deny_at, allow_at) {
            (Some(place), _) => Some((Outcome::Deny, place)),
            (None, Some(place)) => Some((Outcome::Allow, place)),
            (None, None) => None,
        };
        if let Some((outcome, (acl, at))) = decided {
            return BitResult {
                outcome,
                basis: Basis::Computed,
                explicit: own,
                decided_at: Some(acl.token.as_str()),
                at: Some(at),
                acl: Some(acl),
            };
        }
        if current.stops {
            break;
        }
        own = false;
        node = index.parent(current);
    }
    not_set
}

/// rustc's FxHash: one multiply per word. Token keys are hashed on every lookup of a big
/// export's evaluation, where SipHash's strength buys nothing (the input is the user's own).
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::namespaces::{ids, Catalog};
    use crate::acl::Extended;

    fn ace(d: &str, allow: u64, deny: u64) -> Ace {
        Ace {
            descriptor: d.into(),
            allow,
            deny,
            extended: None,
            resolved: Vec::new(),
            at: 0,
        }
    }

    fn acl(token: &str, inherit: bool, aces: Vec<Ace>) -> Acl {
        Acl {
            namespace: Some(ids::GIT.into()),
            token: token.into(),
            inherit,
            aces,
            at: 0,
        }
    }

    fn git() -> Namespace {
        Catalog::default()
            .get(ids::GIT)
            .cloned()
            .unwrap_or_else(|| Namespace::from_def(&crate::acl::namespaces::EXTRA[0]))
    }

    const READ: u64 = 2;

    #[test]
    fn deny_at_parent_allow_at_child_child_wins() {
        let ns = git();
        let acls = [
            acl("repoV2/p", true, vec![ace("u", 0, READ)]),
            acl("repoV2/p/r", true, vec![ace("u", READ, 0)]),
        ];
        let index = AclIndex::new(&ns, &acls);
        let r = bit(&index, &["u"], "repoV2/p/r", READ);
        assert_eq!((r.outcome, r.explicit), (Outcome::Allow, true));
        // A sibling repository only inherits the Deny.
        let r = bit(&index, &["u"], "repoV2/p/other", READ);
        assert_eq!((r.outcome, r.explicit), (Outcome::Deny, false));
        assert_eq!(r.decided_at, Some("repoV2/p"));
    }

    #[test]
    fn allow_at_parent_deny_at_child_child_wins() {
        let ns = git();
        let acls = [
            acl("repoV2/p", true, vec![ace("u", READ, 0)]),
            acl("repoV2/p/r", true, vec![ace("u", 0, READ)]),
        ];
        let index = AclIndex::new(&ns, &acls);
        assert_eq!(
            bit(&index, &["u"], "repoV2/p/r", READ).outcome,
            Outcome::Deny
        );
    }

    #[test]
    fn inheritance_off_stops_the_walk() {
        let ns = git();
        let acls = [
            acl("repoV2/p", true, vec![ace("u", READ, 0)]),
            acl("repoV2/p/r", false, vec![ace("other", READ, 0)]),
        ];
        let index = AclIndex::new(&ns, &acls);
        assert_eq!(
            bit(&index, &["u"], "repoV2/p/r", READ).outcome,
            Outcome::NotSet
        );
        let on = [
            acl("repoV2/p", true, vec![ace("u", READ, 0)]),
            acl("repoV2/p/r", true, vec![ace("other", READ, 0)]),
        ];
        let index = AclIndex::new(&ns, &on);
        assert_eq!(
            bit(&index, &["u"], "repoV2/p/r", READ).outcome,
            Outcome::Allow
        );
    }

    #[test]
    fn deny_from_one_group_beats_allow_from_another_on_the_same_token() {
        let ns = git();
        let acls = [acl(
            "repoV2/p/r",
            true,
            vec![ace("readers", READ, 0), ace("blocked", 0, READ)],
        )];
        let index = AclIndex::new(&ns, &acls);
        let r = bit(&index, &["u", "readers", "blocked"], "repoV2/p/r", READ);
        assert_eq!(r.outcome, Outcome::Deny);
        assert_eq!(
            bit(&index, &["u", "readers"], "repoV2/p/r", READ).outcome,
            Outcome::Allow
        );
    }

    #[test]
    fn not_set_denies_and_administrators_get_no_bypass() {
        let ns = git();
        let pca = "Microsoft.TeamFoundation.Identity;S-1-9-1-2-3-4-0-0-0-0-1";
        let acls = [acl("repoV2/p/r", true, vec![ace(pca, 0, READ)])];
        let index = AclIndex::new(&ns, &acls);
        assert_eq!(
            bit(&index, &[pca], "repoV2/p/r", READ).outcome,
            Outcome::Deny
        );
        assert_eq!(
            bit(&index, &["u"], "repoV2/p/r", 16).outcome,
            Outcome::NotSet
        );
    }

    #[test]
    fn reported_effective_bits_win_over_computation() {
        let ns = git();
        let mut a = ace("u", 0, 0);
        a.extended = Some(Box::new(Extended {
            effective_allow: READ,
            ..Extended::default()
        }));
        let acls = [
            acl("repoV2/p", true, vec![ace("u", 0, READ)]),
            acl("repoV2/p/r", true, vec![a]),
        ];
        let index = AclIndex::new(&ns, &acls);
        let r = bit(&index, &["u"], "repoV2/p/r/", READ);
        assert_eq!(
            (r.outcome, r.basis, r.explicit),
            (Outcome::Allow, Basis::Reported, false)
        );
    }

    #[test]
    fn tokens_compare_without_case() {
        let ns = git();
        let acls = [acl("REPOV2/P", true, vec![ace("U", READ, 0)])];
        let index = AclIndex::new(&ns, &acls);
        assert_eq!(
            bit(&index, &["u"], "repov2/p/r", READ).outcome,
            Outcome::Allow
        );
    }
}
