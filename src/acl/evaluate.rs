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
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// ACLs of one namespace, by token key. Several inputs may hold the same token. Every bit of
/// every requirement looks up the token and each ancestor, so lookups hash (with [`FxHasher`]),
/// and each entry's identity is a number (compared, not its descriptor); the sorted key list
/// gives token order.
#[derive(Debug, Default)]
pub struct AclIndex<'a> {
    by_token: HashMap<String, Vec<Indexed<'a>>, BuildHasherDefault<FxHasher>>,
    order: Vec<String>,
    /// Each identity (trimmed, ASCII lower case, as the service compares them) → its number.
    identities: HashMap<String, u32, BuildHasherDefault<FxHasher>>,
    /// The identity number of every ACE, ACL after ACL ([`Indexed::first`] points in here).
    ace_identity: Vec<u32>,
}

/// One ACL in an [`AclIndex`].
#[derive(Debug, Clone, Copy)]
struct Indexed<'a> {
    acl: &'a Acl,
    /// Where this ACL's ACEs start in [`AclIndex::ace_identity`].
    first: usize,
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
        let mut index = AclIndex::default();
        // Exact spellings first: a big export repeats a few descriptors many times.
        let mut spelled: HashMap<&'a str, u32, BuildHasherDefault<FxHasher>> = HashMap::default();
        for acl in acls {
            let first = index.ace_identity.len();
            for ace in &acl.aces {
                let id = match spelled.get(ace.descriptor.as_str()) {
                    Some(id) => *id,
                    None => {
                        let next = index.identities.len() as u32;
                        let id = *index
                            .identities
                            .entry(identity_key(&ace.descriptor))
                            .or_insert(next);
                        spelled.insert(&ace.descriptor, id);
                        id
                    }
                };
                index.ace_identity.push(id);
            }
            index
                .by_token
                .entry(tokens::key(&acl.token, ns.separator))
                .or_default()
                .push(Indexed { acl, first });
        }
        index.order = index.by_token.keys().cloned().collect();
        index.order.sort_unstable();
        index
    }

    pub fn is_empty(&self) -> bool {
        self.by_token.is_empty()
    }

    /// The numbers of those `descriptors` that have an entry in this index.
    pub fn who(&self, descriptors: &[&str]) -> Who {
        Who(descriptors
            .iter()
            .filter_map(|d| self.identities.get(&identity_key(d)).copied())
            .collect())
    }

    /// Every ACL, in token order.
    pub fn acls(&self) -> impl Iterator<Item = &'a Acl> + '_ {
        self.order
            .iter()
            .flat_map(|k| self.at(k))
            .map(|entry| entry.acl)
    }

    /// The first ACL of each token, in token order.
    pub fn first_per_token(&self) -> impl Iterator<Item = &'a Acl> + '_ {
        self.order
            .iter()
            .filter_map(|k| self.at(k).first().map(|entry| entry.acl))
    }

    fn at(&self, key: &str) -> &[Indexed<'a>] {
        self.by_token.get(key).map(Vec::as_slice).unwrap_or(&[])
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
pub struct BitResult {
    pub outcome: Outcome,
    pub basis: Basis,
    /// The identity's own ACE on this very token sets the bit (an explicit Allow or Deny).
    pub explicit: bool,
    /// The token (as exported) whose ACEs decided the bit, when computed.
    pub decided_at: Option<String>,
    /// Where in the input the deciding ACE is.
    pub at: Option<usize>,
}

impl BitResult {
    pub fn allowed(&self) -> bool {
        self.outcome == Outcome::Allow
    }
}

/// The effective state of `bit` on `token` for an identity that is `descriptors` (itself and
/// the groups it is known to belong to).
pub fn bit(
    ns: &Namespace,
    index: &AclIndex<'_>,
    descriptors: &[&str],
    token: &str,
    bit: u64,
) -> BitResult {
    bit_for(ns, index, &index.who(descriptors), token, bit)
}

/// [`bit`] for identities already numbered by [`AclIndex::who`] (what a caller judging many
/// tokens for the same identity does once).
pub fn bit_for(
    ns: &Namespace,
    index: &AclIndex<'_>,
    who: &Who,
    token: &str,
    bit: u64,
) -> BitResult {
    let own_key = tokens::key_of(token, ns.separator);
    let own_acls = index.at(&own_key);
    // The server's answer, when this token's ACE carries it.
    let own_aces = || own_acls.iter().flat_map(|entry| index.aces_of(entry, who));
    if own_aces().any(|a| a.extended.is_some()) {
        let mut allow = 0;
        let mut deny = 0;
        let mut at = None;
        for ace in own_aces() {
            if let Some(ext) = &ace.extended {
                allow |= ext.effective_allow;
                deny |= ext.effective_deny;
                at = at.or(Some(ace.at));
            }
        }
        let explicit = own_aces().any(|a| (a.allow | a.deny) & bit != 0);
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
            decided_at: own_acls
                .first()
                .map(|entry| entry.acl.token.clone())
                .filter(|_| explicit),
            at,
        };
    }
    // Compute it (§4.2), for this one bit.
    for (depth, key) in tokens::walk(&own_key, ns).enumerate() {
        let acls = index.at(key);
        let mut node_allow = false;
        let mut node_deny = false;
        let mut deny_at = None;
        let mut allow_at = None;
        for entry in acls {
            let acl = entry.acl;
            for ace in index.aces_of(entry, who) {
                if ace.deny & bit != 0 {
                    node_deny = true;
                    deny_at = deny_at.or(Some((&acl.token, ace.at)));
                }
                if ace.allow & bit != 0 {
                    node_allow = true;
                    allow_at = allow_at.or(Some((&acl.token, ace.at)));
                }
            }
        }
        let decided = if node_deny {
            Some((Outcome::Deny, deny_at))
        } else if node_allow {
            Some((Outcome::Allow, allow_at))
        } else {
            None
        };
        if let Some((outcome, place)) = decided {
            let (token_at, at) = match place {
                Some((t, a)) => (Some(t.clone()), Some(a)),
                None => (None, None),
            };
            return BitResult {
                outcome,
                basis: Basis::Computed,
                explicit: depth == 0,
                decided_at: token_at,
                at,
            };
        }
        if acls.iter().any(|entry| !entry.acl.inherit) {
            break;
        }
    }
    BitResult {
        outcome: Outcome::NotSet,
        basis: Basis::Computed,
        explicit: false,
        decided_at: None,
        at: None,
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
        let r = bit(&ns, &index, &["u"], "repoV2/p/r", READ);
        assert_eq!((r.outcome, r.explicit), (Outcome::Allow, true));
        // A sibling repository only inherits the Deny.
        let r = bit(&ns, &index, &["u"], "repoV2/p/other", READ);
        assert_eq!((r.outcome, r.explicit), (Outcome::Deny, false));
        assert_eq!(r.decided_at.as_deref(), Some("repoV2/p"));
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
            bit(&ns, &index, &["u"], "repoV2/p/r", READ).outcome,
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
            bit(&ns, &index, &["u"], "repoV2/p/r", READ).outcome,
            Outcome::NotSet
        );
        let on = [
            acl("repoV2/p", true, vec![ace("u", READ, 0)]),
            acl("repoV2/p/r", true, vec![ace("other", READ, 0)]),
        ];
        let index = AclIndex::new(&ns, &on);
        assert_eq!(
            bit(&ns, &index, &["u"], "repoV2/p/r", READ).outcome,
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
        let r = bit(
            &ns,
            &index,
            &["u", "readers", "blocked"],
            "repoV2/p/r",
            READ,
        );
        assert_eq!(r.outcome, Outcome::Deny);
        assert_eq!(
            bit(&ns, &index, &["u", "readers"], "repoV2/p/r", READ).outcome,
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
            bit(&ns, &index, &[pca], "repoV2/p/r", READ).outcome,
            Outcome::Deny
        );
        assert_eq!(
            bit(&ns, &index, &["u"], "repoV2/p/r", 16).outcome,
            Outcome::NotSet
        );
    }

    #[test]
    fn reported_effective_bits_win_over_computation() {
        let ns = git();
        let mut a = ace("u", 0, 0);
        a.extended = Some(Extended {
            effective_allow: READ,
            ..Extended::default()
        });
        let acls = [
            acl("repoV2/p", true, vec![ace("u", 0, READ)]),
            acl("repoV2/p/r", true, vec![a]),
        ];
        let index = AclIndex::new(&ns, &acls);
        let r = bit(&ns, &index, &["u"], "repoV2/p/r/", READ);
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
            bit(&ns, &index, &["u"], "repov2/p/r", READ).outcome,
            Outcome::Allow
        );
    }
}
