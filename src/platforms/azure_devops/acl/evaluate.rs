//! Effective permissions (reference/azure-devops.md §4.2). Where the export carries the server's
//! own answer (`extendedInfo.effectiveAllow/effectiveDeny`, az `resolvedPermissions`, a
//! TFSSecurity "Effective ACL") that answer is used. Otherwise it is computed: walk from the
//! token to the root; at each token, Deny beats Allow across all the identity's ACEs; the most
//! specific token that decides a bit wins; `inheritPermissions: false` stops the walk; a bit no
//! token decides is "Not set", which denies. Project Collection Administrators get no bypass:
//! whether a call lets administrators through is decided per call, so it is never assumed.
//! Microsoft states the same rules in Learn, "About permissions and security groups"
//! (<https://learn.microsoft.com/en-us/azure/devops/organizations/security/about-permissions>):
//! "Deny overrides Allow" across a user's groups; "If a permission is set explicitly for an
//! object … then the parent node is not inherited"; "specificity trumps inheritance"; "Not set
//! implicitly denies".
//!
//! Many subjects are judged from one [`BitTable`] per kind of targets and bit: every
//! identity's decision on every target, made in one walk per target, so the cost follows the
//! export's entries, not the number of identities times the number of tokens.

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
    /// Each identity number's key (the reverse of `identities`), shared.
    identity_keys: Vec<std::rc::Rc<str>>,
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

    /// [`Self::of`] a token that may be borrowed or owned.
    pub fn owned(token: &Cow<'a, str>, separator: Option<char>) -> Self {
        match token {
            Cow::Borrowed(t) => FoldedKey::of(t, separator),
            Cow::Owned(t) => FoldedKey(Cow::Owned(tokens::folded_key(t, separator).into_owned())),
        }
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

    /// The first identity's number (the subject's own, when it has entries).
    pub fn first(&self) -> Option<u32> {
        self.0.first().copied()
    }

    pub fn len(&self) -> usize {
        self.0.len()
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
            identity_keys: Vec::new(),
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
                        let key = identity_key(&ace.descriptor);
                        let id = match index.identities.get(&key) {
                            Some(id) => *id,
                            None => {
                                index.identity_keys.push(key.as_str().into());
                                index.identities.insert(key, next);
                                next
                            }
                        };
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

/// One identity's most specific decision of a bit on one target token: the entry on the
/// nearest token (the target itself, then its ancestors, until inheritance stops) where the
/// identity allows or denies the bit.
#[derive(Debug, Clone, Copy)]
pub struct Decision<'a> {
    /// The target's number (its position in the list the table was made for).
    pub target: u32,
    /// How many tokens up from where the walk started (0: the target's own token, or its
    /// nearest indexed ancestor when the target has no ACL of its own).
    pub depth: u16,
    pub deny: bool,
    /// On the target's own token (not on an ancestor, nor on the nearest indexed ancestor of
    /// a target without an ACL of its own).
    pub explicit: bool,
    /// The identity's number in the index.
    pub identity: u32,
    /// The ACL holding the deciding entry, and where the entry is in the input.
    pub acl: &'a Acl,
    pub at: usize,
}

/// The decisions of every identity on every target token, for one bit: what each subject's
/// verdict is read from. Made in one walk per target over the entries on its way to the root,
/// however many identities the export names ("token-major"): a subject then reads only the
/// targets where one of its identities decides, and every other target is "Not set".
#[derive(Debug)]
pub struct BitTable<'a> {
    pub bit: u64,
    pub targets: usize,
    /// Per identity number: its decisions, in target order.
    by_identity: Vec<Vec<Decision<'a>>>,
    /// Targets whose own token carries the server's effective bits (`extendedInfo`): read per
    /// subject with [`bit_at`], whose answer wins there.
    reported: Vec<(u32, Place)>,
    /// The distinct grant points ([`GrantPoint`]), each with how many targets it reaches.
    points: Vec<(GrantPoint, u32)>,
    /// Per target: its grant point's position in `points`.
    point_of: Vec<u32>,
}

/// Where an Allow reaches a target through inheritance: the highest token of the export on
/// the target's way up before inheritance stops (the namespace's root, a project, a
/// repository; the target itself when nothing above it is exported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrantPoint {
    Node(u32),
    /// The target's own token (it is not exported, and neither is any ancestor).
    Target(u32),
}

/// One target's combined state for a subject (all its identities together).
#[derive(Debug, Clone, Copy)]
pub struct Combined<'a> {
    pub target: u32,
    pub outcome: Outcome,
    pub basis: Basis,
    /// Decided on the target's own token.
    pub explicit: bool,
    /// The identity whose entry decided it (`None` when reported by the server).
    pub identity: Option<u32>,
    pub acl: Option<&'a Acl>,
    pub at: Option<usize>,
}

impl<'a> AclIndex<'a> {
    /// The descriptor (as indexed: trimmed, lower case) of identity number `id`.
    pub fn identity_key(&self, id: u32) -> Option<&str> {
        self.identity_keys.get(id as usize).map(|k| &**k)
    }

    /// [`Self::identity_key`], shared.
    pub fn identity_key_shared(&self, id: u32) -> Option<std::rc::Rc<str>> {
        self.identity_keys.get(id as usize).cloned()
    }

    /// The token of node `node` (its first spelling).
    pub fn node_token(&self, node: u32) -> Option<&'a str> {
        self.nodes
            .get(node as usize)
            .map(|n| n.first.acl.token.as_str())
    }

    /// The walk from `place` up: each node's depth, number and node, ending where inheritance
    /// stops.
    fn chain(&self, place: Place) -> impl Iterator<Item = (u16, u32, &Node<'a>)> + '_ {
        let mut next = place.node;
        let mut depth = 0u16;
        std::iter::from_fn(move || {
            let number = next?;
            let current = self.nodes.get(number as usize)?;
            let here = depth;
            next = if current.stops {
                None
            } else {
                // Looks the parent up (once per node) and leaves its number in the cell.
                self.parent(current);
                Some(current.parent.get()).filter(|p| *p < ROOT)
            };
            depth = depth.saturating_add(1);
            Some((here, number, current))
        })
    }

    /// The computed state of `bit` at `place` for `who`, with the entries `skip` picks left
    /// out (what a `reset` of them would leave), and the entry that decides it (a denying one
    /// first; `prefer`'s among several).
    pub fn bit_without(
        &self,
        who: &Who,
        place: Place,
        bit: u64,
        prefer: Option<u32>,
        skip: &dyn Fn(u32, &Acl) -> bool,
    ) -> (Outcome, Option<(u32, &'a Acl)>) {
        for (_, _, node) in self.chain(place) {
            let mut allow = None;
            let mut deny: Option<(u32, &'a Acl)> = None;
            for entry in node.entries() {
                let acl = entry.acl;
                let ids = self
                    .ace_identity
                    .get(entry.first..entry.first + acl.aces.len())
                    .unwrap_or(&[]);
                for (ace, id) in acl.aces.iter().zip(ids) {
                    if !who.0.contains(id) || skip(*id, acl) {
                        continue;
                    }
                    if ace.deny & bit != 0 && (deny.is_none() || Some(*id) == prefer) {
                        deny = Some((*id, acl));
                    }
                    if ace.allow & bit != 0 && allow.is_none() {
                        allow = Some((*id, acl));
                    }
                }
            }
            if deny.is_some() {
                return (Outcome::Deny, deny);
            }
            if allow.is_some() {
                return (Outcome::Allow, allow);
            }
        }
        (Outcome::NotSet, None)
    }

    /// Every identity's decision of `bit` on each of `places` (see [`BitTable`]).
    pub fn bit_table(&self, places: &[Place], bit: u64) -> BitTable<'a> {
        match self.bit_tables(places, &[bit]).pop() {
            Some(table) => table,
            None => BitTable {
                bit,
                targets: places.len(),
                by_identity: Vec::new(),
                reported: Vec::new(),
                points: Vec::new(),
                point_of: Vec::new(),
            },
        }
    }

    /// [`Self::bit_table`] for several bits at once: each target's way up is walked once for
    /// all of them (the walk, not the bits, is what costs).
    pub fn bit_tables(&self, places: &[Place], bits: &[u64]) -> Vec<BitTable<'a>> {
        let identities = self.identity_keys.len();
        let mask = bits.iter().fold(0, |m, b| m | b);
        let mut by_identity: Vec<Vec<Vec<Decision<'a>>>> =
            vec![vec![Vec::new(); identities]; bits.len()];
        // Per bit, the decision made so far per identity for the current target: its slot in
        // `found`, valid when `seen[id]` is this target's stamp.
        let mut seen: Vec<Vec<u32>> = vec![vec![0; identities]; bits.len()];
        let mut slot: Vec<Vec<u32>> = vec![vec![0; identities]; bits.len()];
        let mut found: Vec<Vec<Decision<'a>>> = vec![Vec::new(); bits.len()];
        let mut reported = Vec::new();
        let mut points: Vec<(GrantPoint, u32)> = Vec::new();
        let mut point_at: HashMap<GrantPoint, u32, BuildHasherDefault<FxHasher>> =
            HashMap::default();
        let mut point_of = Vec::with_capacity(places.len());
        for (t, place) in places.iter().enumerate() {
            let target = t as u32;
            let stamp = target + 1;
            for f in found.iter_mut() {
                f.clear();
            }
            let mut top = None;
            for (depth, number, node) in self.chain(*place) {
                if depth == 0 && place.own && node.reported {
                    reported.push((target, *place));
                }
                for entry in node.entries() {
                    let acl = entry.acl;
                    let ids = self
                        .ace_identity
                        .get(entry.first..entry.first + acl.aces.len())
                        .unwrap_or(&[]);
                    for (ace, &id) in acl.aces.iter().zip(ids) {
                        if (ace.allow | ace.deny) & mask == 0 {
                            continue;
                        }
                        for (b, &bit) in bits.iter().enumerate() {
                            if (ace.allow | ace.deny) & bit == 0 {
                                continue;
                            }
                            let (Some(seen), Some(slot), Some(found)) =
                                (seen.get_mut(b), slot.get_mut(b), found.get_mut(b))
                            else {
                                continue;
                            };
                            let deny = ace.deny & bit != 0;
                            let i = id as usize;
                            if seen.get(i) == Some(&stamp) {
                                // Decided already: on a more specific token (final), or on
                                // this one, where a Deny among the identity's entries wins.
                                let Some(d) = slot.get(i).and_then(|s| found.get_mut(*s as usize))
                                else {
                                    continue;
                                };
                                if d.depth == depth && deny && !d.deny {
                                    d.deny = true;
                                    d.acl = acl;
                                    d.at = ace.at;
                                }
                                continue;
                            }
                            if let (Some(s), Some(sl)) = (seen.get_mut(i), slot.get_mut(i)) {
                                *s = stamp;
                                *sl = found.len() as u32;
                            }
                            found.push(Decision {
                                target,
                                depth,
                                deny,
                                explicit: depth == 0 && place.own,
                                identity: id,
                                acl,
                                at: ace.at,
                            });
                        }
                    }
                }
                top = Some(number);
            }
            for (b, f) in found.iter().enumerate() {
                let Some(lists) = by_identity.get_mut(b) else {
                    continue;
                };
                for d in f {
                    if let Some(list) = lists.get_mut(d.identity as usize) {
                        list.push(*d);
                    }
                }
            }
            let point = match top {
                Some(node) => GrantPoint::Node(node),
                None => GrantPoint::Target(target),
            };
            let at = *point_at.entry(point).or_insert_with(|| {
                points.push((point, 0));
                points.len() as u32 - 1
            });
            if let Some((_, n)) = points.get_mut(at as usize) {
                *n += 1;
            }
            point_of.push(at);
        }
        bits.iter()
            .zip(by_identity)
            .map(|(&bit, by_identity)| BitTable {
                bit,
                targets: places.len(),
                by_identity,
                reported: reported.clone(),
                points: points.clone(),
                point_of: point_of.clone(),
            })
            .collect()
    }
}

impl<'a> BitTable<'a> {
    /// Where one Allow reaches target `target`.
    pub fn grant_point(&self, target: u32) -> Option<GrantPoint> {
        let at = self.point_of.get(target as usize)?;
        self.points.get(*at as usize).map(|(p, _)| *p)
    }

    /// The position of target `target`'s grant point in [`Self::points`].
    pub fn point_of(&self, target: u32) -> Option<usize> {
        self.point_of.get(target as usize).map(|p| *p as usize)
    }

    /// Every grant point, in the order targets first reach them, with how many targets each
    /// reaches.
    pub fn points(&self) -> &[(GrantPoint, u32)] {
        &self.points
    }

    /// The state of the bit on every target where `who` (an identity and its groups) has a
    /// decision, in target order; every other target is "Not set". Per target, the most
    /// specific token where one of them decides wins, and there a Deny of any of them beats
    /// an Allow (reference/azure-devops.md §4.2). Where the export carries the server's own
    /// answer for this token, that answer is used.
    pub fn combine(&self, index: &AclIndex<'a>, who: &Who) -> Vec<Combined<'a>> {
        let from = |d: &Decision<'a>| Combined {
            target: d.target,
            outcome: if d.deny {
                Outcome::Deny
            } else {
                Outcome::Allow
            },
            basis: Basis::Computed,
            explicit: d.explicit,
            identity: Some(d.identity),
            acl: Some(d.acl),
            at: Some(d.at),
        };
        let mut out: Vec<Combined<'a>> = match who.0.as_slice() {
            [] => Vec::new(),
            [one] => self
                .by_identity
                .get(*one as usize)
                .map(|list| list.iter().map(from).collect())
                .unwrap_or_default(),
            many => {
                let mut all: Vec<&Decision<'a>> = many
                    .iter()
                    .filter_map(|id| self.by_identity.get(*id as usize))
                    .flatten()
                    .collect();
                // Per target: the most specific first, and at one token a Deny first.
                all.sort_unstable_by_key(|d| (d.target, d.depth, !d.deny));
                let mut out: Vec<Combined<'a>> = Vec::new();
                for d in all {
                    if out.last().is_some_and(|c| c.target == d.target) {
                        continue;
                    }
                    out.push(from(d));
                }
                out
            }
        };
        for (target, place) in &self.reported {
            let r = bit_at(index, who, *place, self.bit);
            if r.basis != Basis::Reported {
                continue;
            }
            let combined = Combined {
                target: *target,
                outcome: r.outcome,
                basis: Basis::Reported,
                explicit: r.explicit,
                identity: None,
                acl: r.acl,
                at: r.at,
            };
            match out.binary_search_by_key(target, |c| c.target) {
                Ok(i) => {
                    if let Some(c) = out.get_mut(i) {
                        *c = combined;
                    }
                }
                Err(i) => out.insert(i, combined),
            }
        }
        out
    }
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

    #[test]
    fn a_subject_reads_its_groups_decisions_from_the_table() {
        let ns = git();
        let acls = [
            acl("repoV2", true, vec![ace("org-readers", READ, 0)]),
            acl("repoV2/p", true, vec![ace("contractors", 0, READ)]),
            acl("repoV2/p/r1", true, vec![ace("u", READ, 0)]),
            acl("repoV2/p/r2", false, vec![ace("other", READ, 0)]),
            acl("repoV2/q/r3", true, vec![]),
        ];
        let index = AclIndex::new(&ns, &acls);
        let targets = ["repoV2/p/r1", "repoV2/p/r2", "repoV2/q/r3", "repoV2/p/r4"];
        let places: Vec<Place> = targets.iter().map(|t| index.place(t)).collect();
        let table = index.bit_table(&places, READ);
        let who = index.who(&["u", "org-readers", "contractors"]);
        let got: Vec<(u32, Outcome, bool)> = table
            .combine(&index, &who)
            .iter()
            .map(|c| (c.target, c.outcome, c.explicit))
            .collect();
        // r1: its own Allow beats the project's Deny; r2: inheritance off, nothing of theirs;
        // r3: the organization's Allow; r4 (no ACL): the project's Deny, inherited.
        assert_eq!(
            got,
            vec![
                (0, Outcome::Allow, true),
                (2, Outcome::Allow, false),
                (3, Outcome::Deny, false)
            ]
        );
        // One Allow reaches r1, r3 and r4 from the root; r2 stops inheriting.
        let root = index.place("repoV2").node;
        assert_eq!(table.grant_point(0), root.map(GrantPoint::Node));
        assert_eq!(table.grant_point(3), root.map(GrantPoint::Node));
        assert_eq!(
            table.grant_point(1),
            index.place("repoV2/p/r2").node.map(GrantPoint::Node)
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const TOKENS: &[&str] = &[
            "repoV2",
            "repoV2/p",
            "repoV2/p/r1",
            "repoV2/p/r1/refs/heads/6d00610069006e00",
            "repoV2/p/r2",
            "repoV2/q",
            "repoV2/q/r3",
        ];
        const TARGETS: &[&str] = &[
            "repoV2/p/r1",
            "repoV2/p/r1/refs/heads/6d00610069006e00",
            "repoV2/p/r2",
            "repoV2/q/r3",
            "repoV2/q/r4",
            "repoV2/z",
        ];
        const IDENTITIES: &[&str] = &["u", "g1", "g2", "g3"];
        const BITS: u64 = READ | 4;

        /// One token of a generated export: present?, inherit, per identity (allow, deny).
        type TokenRow = (bool, bool, Vec<(u64, u64)>);

        /// An export: a row per token of [`TOKENS`].
        fn export() -> impl Strategy<Value = Vec<TokenRow>> {
            let entry = (0..=BITS, 0..=BITS);
            proptest::collection::vec(
                (
                    any::<bool>(),
                    proptest::bool::weighted(0.8),
                    proptest::collection::vec(entry, IDENTITIES.len()),
                ),
                TOKENS.len(),
            )
        }

        fn build(export: &[TokenRow]) -> Vec<Acl> {
            TOKENS
                .iter()
                .zip(export)
                .filter(|(_, (present, _, _))| *present)
                .map(|(token, (_, inherit, entries))| {
                    let aces = IDENTITIES
                        .iter()
                        .zip(entries)
                        .filter(|(_, (a, d))| a | d != 0)
                        .map(|(id, (a, d))| ace(id, *a, *d))
                        .collect();
                    acl(token, *inherit, aces)
                })
                .collect()
        }

        proptest! {
            /// The token-major table gives, for every target and every set of identities,
            /// exactly what a walk from that target does for those identities.
            #[test]
            fn the_table_agrees_with_the_walk(
                export in export(),
                who in proptest::sample::subsequence(IDENTITIES.to_vec(), 0..=IDENTITIES.len()),
                bit in prop_oneof![Just(READ), Just(4u64)],
            ) {
                let ns = git();
                let acls = build(&export);
                let index = AclIndex::new(&ns, &acls);
                let places: Vec<Place> = TARGETS.iter().map(|t| index.place(t)).collect();
                // Made in one walk with another bit, as the judge makes them.
                let other = if bit == READ { 4 } else { READ };
                let tables = index.bit_tables(&places, &[other, bit]);
                let Some(table) = tables.iter().find(|t| t.bit == bit) else {
                    return Err(TestCaseError::fail("no table for the bit"));
                };
                let numbered = index.who(&who);
                let combined = table.combine(&index, &numbered);
                for (t, place) in places.iter().enumerate() {
                    let walked = bit_at(&index, &numbered, *place, bit);
                    let from_table = combined.iter().find(|c| c.target == t as u32);
                    let (outcome, explicit) =
                        from_table.map_or((Outcome::NotSet, false), |c| (c.outcome, c.explicit));
                    prop_assert_eq!(outcome, walked.outcome, "{}", TARGETS[t]);
                    prop_assert_eq!(explicit, walked.explicit && walked.outcome != Outcome::NotSet, "{}", TARGETS[t]);
                    if let Some(c) = from_table {
                        prop_assert_eq!(c.acl.map(|a| a.token.as_str()), walked.decided_at);
                    }
                }
            }

            /// Deny beats Allow at one token, whichever identity of the subject holds either:
            /// a Deny of any of them on the target's own token denies, at every level.
            #[test]
            fn a_deny_on_the_token_beats_every_allow(
                export in export(),
                denier in proptest::sample::select(IDENTITIES.to_vec()),
                target in proptest::sample::select(TOKENS[1..].to_vec()),
            ) {
                let ns = git();
                let mut acls = build(&export);
                acls.push(acl(target, true, vec![ace(denier, 0, READ)]));
                let index = AclIndex::new(&ns, &acls);
                let who = index.who(IDENTITIES);
                prop_assert_eq!(bit_at(&index, &who, index.place(target), READ).outcome, Outcome::Deny);
            }

            /// An explicit Allow on a more specific token beats what is inherited, when no
            /// identity of the subject denies on that token.
            #[test]
            fn the_most_specific_token_decides(
                export in export(),
                allower in proptest::sample::select(IDENTITIES.to_vec()),
                target in proptest::sample::select(TOKENS[1..].to_vec()),
            ) {
                let ns = git();
                let mut acls: Vec<Acl> = build(&export)
                    .into_iter()
                    .filter(|a| a.token != target)
                    .collect();
                acls.push(acl(target, true, vec![ace(allower, READ, 0)]));
                let index = AclIndex::new(&ns, &acls);
                let who = index.who(IDENTITIES);
                let r = bit_at(&index, &who, index.place(target), READ);
                prop_assert_eq!((r.outcome, r.explicit), (Outcome::Allow, true));
            }

            /// Inheritance stops where `inheritPermissions` is false: with no entry of the
            /// subject there, the bit is "Not set" whatever the parents say.
            #[test]
            fn inheritance_off_leaves_only_the_token_itself(
                export in export(),
                target in proptest::sample::select(TOKENS[1..].to_vec()),
            ) {
                let ns = git();
                let mut acls: Vec<Acl> = build(&export)
                    .into_iter()
                    .filter(|a| a.token != target)
                    .collect();
                acls.push(acl(target, false, vec![ace("someone-else", READ, 0)]));
                let index = AclIndex::new(&ns, &acls);
                let who = index.who(IDENTITIES);
                prop_assert_eq!(bit_at(&index, &who, index.place(target), READ).outcome, Outcome::NotSet);
                let places = [index.place(target)];
                prop_assert!(index.bit_table(&places, READ).combine(&index, &who).is_empty());
            }
        }
    }
}
