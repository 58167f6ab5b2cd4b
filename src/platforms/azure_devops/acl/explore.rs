//! The explorer behind the page's "every permission" view: for one identity, each namespace of
//! the exports → its tokens as a tree → every action bit with its effective state and the entry
//! that decided it. The same algorithm as the verdicts ([`super::evaluate::bit`]), applied to
//! every bit instead of the ones seed 000 needs.

use super::evaluate::{self, AclIndex, Basis, Outcome};
use super::namespaces::{Catalog, Namespace};
use super::{tokens, Acl, AclDocument};
use serde::Serialize;

/// How a bit stands for the identity on one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BitState {
    /// An Allow on this very token.
    Allow,
    /// Allowed through a parent token (or, in a reported export, not by this token's own ACE).
    AllowInherited,
    Deny,
    DenyInherited,
    /// Nothing decides it, which denies.
    NotSet,
}

/// Where the deciding entry is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecidedBy {
    /// The token (as exported) whose entry decided the bit.
    pub token: String,
    pub source: String,
    pub line: usize,
    pub column: usize,
    /// Whose entry it is (the identity itself or one of its groups), by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplorerBit {
    pub bit: u64,
    /// The API name (`GenericRead`).
    pub name: String,
    /// The portal label (`Read`).
    pub label: String,
    pub state: BitState,
    /// `true` when the export carried the server's own answer (`extendedInfo`, …), `false` when
    /// computed here from the exported entries.
    pub reported: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<DecidedBy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplorerToken {
    pub token: String,
    /// What the token names, for people ("branch main of repository … in project …").
    pub display: String,
    /// How many of its ancestors are in the export (0 for a root of the tree).
    pub depth: usize,
    pub bits: Vec<ExplorerBit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplorerNamespace {
    pub id: String,
    pub name: String,
    pub display_name: String,
    pub tokens: Vec<ExplorerToken>,
    /// Tokens left out after the first `max_tokens` (the page shows that many).
    pub tokens_left_out: usize,
}

/// Every namespace with exported ACLs, for `descriptor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explorer {
    pub identity: String,
    pub namespaces: Vec<ExplorerNamespace>,
}

/// Explore what `descriptor` may do on every exported token (at most `max_tokens` per
/// namespace, in tree order).
pub fn explore(docs: &[&AclDocument], descriptor: &str, max_tokens: usize) -> Explorer {
    let mut catalog = Catalog::default();
    for doc in docs {
        for ns in &doc.namespaces {
            catalog.merge(ns.clone());
        }
    }
    // Namespaces in the order the exports first name them.
    let mut namespace_ids: Vec<String> = Vec::new();
    for acl in docs.iter().flat_map(|d| d.acls.iter()) {
        if let Some(id) = &acl.namespace {
            if !namespace_ids.iter().any(|n| n.eq_ignore_ascii_case(id)) {
                namespace_ids.push(id.to_ascii_lowercase());
            }
        }
    }
    // The identity and every group it is known to be in, as the verdicts judge it.
    let directory = super::groups::Directory::build(docs);
    let groups = directory.groups(descriptor);
    let who: Vec<&str> = std::iter::once(descriptor)
        .chain(groups.groups.iter().map(|(g, _)| g.as_str()))
        .collect();
    let name_of = |d: &str| {
        docs.iter()
            .flat_map(|doc| doc.identities.iter())
            .find(|k| super::identity::same(&k.descriptor, d))
            .map(|k| k.name.clone())
            .or_else(|| directory.name(d))
            .unwrap_or_else(|| super::identity::describe(d).0)
    };
    let namespaces = namespace_ids
        .iter()
        .filter_map(|id| catalog.get(id))
        .map(|ns| explore_namespace(docs, ns, &who, &name_of, max_tokens))
        .collect();
    Explorer {
        identity: descriptor.to_string(),
        namespaces,
    }
}

fn explore_namespace(
    docs: &[&AclDocument],
    ns: &Namespace,
    who: &[&str],
    name_of: &dyn Fn(&str) -> String,
    max_tokens: usize,
) -> ExplorerNamespace {
    let in_ns = |namespace: &Option<std::rc::Rc<str>>| {
        namespace
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(&ns.id))
    };
    let acls: Vec<&Acl> = docs
        .iter()
        .flat_map(|doc| doc.acls.iter().filter(|a| in_ns(&a.namespace)))
        .collect();
    let index = AclIndex::new(ns, acls.iter().copied());
    let account = who.first().copied().unwrap_or("");
    let who = index.who(who);
    // The input that holds an ACL (the deciding entry's), found by where the ACL lives.
    let input_of = |acl: &Acl| {
        docs.iter()
            .find(|d| d.acls.as_ptr_range().contains(&std::ptr::from_ref(acl)))
    };
    // Tree order: compare root-first chains, so a parent comes right before its children.
    let mut seen = std::collections::HashSet::new();
    let mut ordered: Vec<(Vec<String>, &str)> = Vec::new();
    for acl in &acls {
        let chain = tokens::chain(&acl.token, ns);
        if chain.first().is_some_and(|k| seen.insert(k.clone())) {
            ordered.push((chain.into_iter().rev().collect(), acl.token.as_str()));
        }
    }
    ordered.sort();
    let present: std::collections::HashSet<&String> = ordered
        .iter()
        .filter_map(|(chain, _)| chain.last())
        .collect();
    let tokens_left_out = ordered.len().saturating_sub(max_tokens);
    let locators = super::locate::Locators::with_readers(docs);
    let tokens = ordered
        .iter()
        .take(max_tokens)
        .map(|(chain, token)| {
            let depth = chain
                .iter()
                .rev()
                .skip(1)
                .filter(|k| present.contains(k))
                .count();
            let place = index.place(token);
            let bits = ns
                .actions
                .iter()
                .map(|action| {
                    let r = evaluate::bit_at(&index, &who, place, action.bit);
                    // A group's entry is the identity's by inheritance (as the portal says
                    // "Allow (inherited)"), even on this very token.
                    let own_entry = r.basis == Basis::Reported
                        || r.acl.zip(r.at).is_some_and(|(acl, at)| {
                            acl.aces.iter().any(|a| {
                                a.at == at && super::identity::same(&a.descriptor, account)
                            })
                        });
                    let state = match (r.outcome, r.explicit && own_entry) {
                        (Outcome::Allow, true) => BitState::Allow,
                        (Outcome::Allow, false) => BitState::AllowInherited,
                        (Outcome::Deny, true) => BitState::Deny,
                        (Outcome::Deny, false) => BitState::DenyInherited,
                        (Outcome::NotSet, _) => BitState::NotSet,
                    };
                    let decided_by = r.decided_at.zip(r.at).and_then(|(t, at)| {
                        let doc = input_of(r.acl?)?;
                        let lc = locators.line_col(&doc.text, at);
                        let by = r
                            .acl?
                            .aces
                            .iter()
                            .find(|a| a.at == at)
                            .map(|a| name_of(&a.descriptor));
                        Some(DecidedBy {
                            token: t.to_string(),
                            source: doc.source.clone(),
                            line: lc.line,
                            column: lc.column,
                            by,
                        })
                    });
                    ExplorerBit {
                        bit: action.bit,
                        name: action.name.clone(),
                        label: ns.label(action.bit),
                        state,
                        reported: r.basis == Basis::Reported,
                        decided_by,
                    }
                })
                .collect();
            ExplorerToken {
                token: token.to_string(),
                display: tokens::describe(ns, token),
                depth,
                bits,
            }
        })
        .collect();
    ExplorerNamespace {
        id: ns.id.clone(),
        name: ns.name.clone(),
        display_name: ns.display_name.clone(),
        tokens,
        tokens_left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::namespaces::ids;
    use crate::acl::{Ace, Acl, AclFormat};

    fn ace(d: &str, allow: u64, deny: u64, at: usize) -> Ace {
        Ace {
            descriptor: d.into(),
            allow,
            deny,
            extended: None,
            resolved: Vec::new(),
            at,
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

    fn state(e: &Explorer, token: &str, name: &str) -> BitState {
        let t = e.namespaces[0]
            .tokens
            .iter()
            .find(|t| t.token == token)
            .unwrap();
        t.bits.iter().find(|b| b.name == name).unwrap().state
    }

    #[test]
    fn marks_explicit_inherited_denied_and_not_set_with_the_deciding_entry() {
        let text = "line one\nline two\nline three\n";
        let mut doc = AclDocument::new(AclFormat::RestAccessControlLists, text);
        doc.set_source("export.json");
        // Read (2) allowed on the project, denied on one repository; Contribute (4) nowhere.
        doc.acls = vec![
            acl("repoV2/p/r", true, vec![ace("me", 0, 2, 18)]),
            acl("repoV2/p", true, vec![ace("me", 2, 0, 9)]),
            acl("repoV2/p/s", true, vec![ace("other", 4, 0, 0)]),
        ];
        let e = explore(&[&doc], "me", 100);
        assert_eq!(e.namespaces.len(), 1);
        let order: Vec<(&str, usize)> = e.namespaces[0]
            .tokens
            .iter()
            .map(|t| (t.token.as_str(), t.depth))
            .collect();
        assert_eq!(
            order,
            vec![("repoV2/p", 0), ("repoV2/p/r", 1), ("repoV2/p/s", 1)]
        );
        assert_eq!(state(&e, "repoV2/p", "GenericRead"), BitState::Allow);
        assert_eq!(state(&e, "repoV2/p/r", "GenericRead"), BitState::Deny);
        assert_eq!(
            state(&e, "repoV2/p/s", "GenericRead"),
            BitState::AllowInherited
        );
        assert_eq!(
            state(&e, "repoV2/p/s", "GenericContribute"),
            BitState::NotSet
        );
        let inherited = e.namespaces[0].tokens[2]
            .bits
            .iter()
            .find(|b| b.name == "GenericRead")
            .unwrap();
        let by = inherited.decided_by.as_ref().unwrap();
        assert_eq!(
            (by.token.as_str(), by.source.as_str(), by.line),
            ("repoV2/p", "export.json", 2)
        );
    }

    #[test]
    fn caps_the_tokens_and_says_how_many_were_left_out() {
        let mut doc = AclDocument::new(AclFormat::RestAccessControlLists, "");
        doc.acls = (0..5)
            .map(|i| acl(&format!("repoV2/p/r{i}"), true, vec![ace("me", 2, 0, 0)]))
            .collect();
        let e = explore(&[&doc], "me", 3);
        assert_eq!(e.namespaces[0].tokens.len(), 3);
        assert_eq!(e.namespaces[0].tokens_left_out, 2);
    }
}
