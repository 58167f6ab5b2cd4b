//! The namespace catalog: id, name, separator, structure and every action's bit, name and
//! portal display name. The built-in data ([`super::namespace_data`]) comes from a real
//! Services dump; a pasted `_apis/securitynamespaces` dump or `az devops security permission
//! namespace list/show` output extends it and, for the namespaces it lists, overrides it.

use super::namespace_data::SERVICES;
use serde_json::Value;

/// One action (permission bit) of a namespace, as the built-in data holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionDef {
    pub bit: u64,
    /// The namespace's own name for it (`GenericRead`), used by TFSSecurity and TF401027.
    pub name: &'static str,
    /// What the portal shows (`Read`).
    pub display_name: &'static str,
}

pub const fn act(bit: u64, name: &'static str, display_name: &'static str) -> ActionDef {
    ActionDef {
        bit,
        name,
        display_name,
    }
}

/// One security namespace, as the built-in data holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamespaceDef {
    pub id: &'static str,
    pub name: &'static str,
    pub display_name: &'static str,
    /// `None` for flat namespaces (the dump's `\0`).
    pub separator: Option<char>,
    pub hierarchical: bool,
    pub read_permission: u64,
    pub write_permission: u64,
    /// Bits only system ACEs can set; exports do not show those ACEs (§4.2).
    pub system_bit_mask: u64,
    pub actions: &'static [ActionDef],
    /// Other names people use for it (seed 004's Swedish names).
    pub aliases: &'static [&'static str],
    pub source: &'static str,
}

const REF_FEED: &str = "reference/azure-devops.md §1.3 (Feed namespace, from Microsoft's azure-pipelines-tasks feedSecurity.ts)";
const REF_SERVER: &str =
    "reference/azure-devops.md §1.1 (Azure DevOps Server only; Server 2022 constants)";

/// Namespaces the Services dump does not list: Azure Artifacts feeds (hosted in another service)
/// and the Server-only ones whose bits are known.
pub const EXTRA: &[NamespaceDef] = &[
    NamespaceDef {
        id: "9fed0191-dca2-4112-86b7-a6a48d1b204c",
        name: "Feed",
        display_name: "Feed",
        separator: Some('/'),
        hierarchical: true,
        read_permission: 0,
        write_permission: 0,
        system_bit_mask: 0,
        actions: &[
            act(1, "AdministerFeed", "Administer feed"),
            act(2, "ArchiveFeed", "Archive feed"),
            act(4, "DeleteFeed", "Delete feed"),
            act(8, "CreateFeed", "Create feed"),
            act(16, "EditFeed", "Edit feed"),
            act(32, "ReadPackages", "Read packages"),
            act(64, "AddPackage", "Add package"),
            act(128, "UpdatePackage", "Update package"),
            act(256, "DeletePackage", "Delete package"),
            act(1024, "DelistPackage", "Delist package"),
            act(
                2048,
                "AddUpstreamPackage",
                "Save packages from upstream sources",
            ),
        ],
        aliases: &[],
        source: REF_FEED,
    },
    NamespaceDef {
        id: "f66fc5d6-60e1-443e-9d16-851364ce3b99",
        name: "CollectionManagement",
        display_name: "CollectionManagement",
        separator: Some('/'),
        hierarchical: true,
        read_permission: 0,
        write_permission: 0,
        system_bit_mask: 0,
        actions: &[
            act(1, "CreateCollection", "Create collection"),
            act(2, "DeleteCollection", "Delete collection"),
        ],
        aliases: &[],
        source: REF_SERVER,
    },
    NamespaceDef {
        id: "b8fbab8b-69c8-4cd9-98b5-873656788efb",
        name: "Warehouse",
        display_name: "Warehouse",
        separator: None,
        hierarchical: false,
        read_permission: 0,
        write_permission: 0,
        system_bit_mask: 0,
        actions: &[act(1, "Administer", "Administer warehouse")],
        aliases: &["Distributionslager"],
        source: REF_SERVER,
    },
    NamespaceDef {
        id: "25fb0ed7-eb8f-42b8-9a5e-836a25f67e37",
        name: "PermissionLevel",
        display_name: "PermissionLevel",
        separator: Some('/'),
        hierarchical: true,
        read_permission: 0,
        write_permission: 0,
        system_bit_mask: 0,
        actions: &[
            act(1, "Read", "Read"),
            act(2, "Create", "Create"),
            act(4, "Update", "Update"),
            act(8, "Delete", "Delete"),
        ],
        aliases: &[],
        source: REF_SERVER,
    },
];

/// Well-known namespace ids, for the requirements.
pub mod ids {
    pub const GIT: &str = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";
    pub const PROJECT: &str = "52d39943-cb85-4d7f-8fa8-c6baac873819";
    pub const COLLECTION: &str = "3e65f728-f8bc-4ecd-8764-7e378b19bfa7";
    pub const PROCESS: &str = "2dab47f9-bd70-49ed-9bd5-8eb051e59c02";
    pub const BUILD: &str = "33344d9c-fc72-4d6f-aba5-fa317101a7e9";
    pub const CSS: &str = "83e28ad4-2d72-4ceb-97b0-c7726d5502c3";
    pub const ITERATION: &str = "bf7bfa03-b2b7-47db-8113-fa2e002cc5b1";
    pub const LIBRARY: &str = "b7e84409-6553-448a-bbb2-af228e07cbeb";
    pub const ENVIRONMENT: &str = "83d4c2e6-e57d-4d6e-892b-b87222b7ad20";
    pub const QUERY_FOLDERS: &str = "71356614-aad7-4757-8f2c-0fb3bff6f680";
    pub const TAGGING: &str = "bb50f182-8e5e-40b8-bc21-e8752a1e7ae2";
    pub const RELEASE: &str = "c788c23e-1b46-4162-8f5e-d7585343b5de";
    pub const FEED: &str = "9fed0191-dca2-4112-86b7-a6a48d1b204c";
    pub const SERVER: &str = "1f4179b3-6bac-4d01-b421-71ea09171400";
}

/// Every built-in namespace, backup/restore-relevant first.
pub fn builtin() -> impl Iterator<Item = &'static NamespaceDef> {
    SERVICES.iter().chain(EXTRA.iter())
}

/// One action of a runtime namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub bit: u64,
    pub name: String,
    pub display_name: String,
}

/// One namespace as the judge uses it: built-in, or read from a pasted dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    /// Lower-case GUID.
    pub id: String,
    pub name: String,
    pub display_name: String,
    pub separator: Option<char>,
    pub hierarchical: bool,
    pub system_bit_mask: u64,
    pub actions: Vec<Action>,
    pub aliases: Vec<String>,
    pub source: String,
}

impl Namespace {
    pub fn from_def(def: &NamespaceDef) -> Self {
        Namespace {
            id: def.id.to_ascii_lowercase(),
            name: def.name.to_string(),
            display_name: def.display_name.to_string(),
            separator: def.separator,
            hierarchical: def.hierarchical,
            system_bit_mask: def.system_bit_mask,
            actions: def
                .actions
                .iter()
                .map(|a| Action {
                    bit: a.bit,
                    name: a.name.to_string(),
                    display_name: a.display_name.to_string(),
                })
                .collect(),
            aliases: def.aliases.iter().map(|a| a.to_string()).collect(),
            source: def.source.to_string(),
        }
    }

    pub fn action(&self, bit: u64) -> Option<&Action> {
        self.actions.iter().find(|a| a.bit == bit)
    }

    /// The action called `name` (its own name or its display name, any case).
    pub fn action_named(&self, name: &str) -> Option<&Action> {
        let wanted = name.trim();
        self.actions
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(wanted))
            .or_else(|| {
                self.actions
                    .iter()
                    .find(|a| a.display_name.trim().eq_ignore_ascii_case(wanted))
            })
    }

    /// The portal label of `bit`, or `bit N` when this namespace does not name it.
    pub fn label(&self, bit: u64) -> String {
        self.action(bit)
            .map(|a| a.display_name.trim().to_string())
            .unwrap_or_else(|| format!("bit {bit}"))
    }

    /// The action name of `bit` (`CreateRepository`), or the number.
    pub fn bit_name(&self, bit: u64) -> String {
        self.action(bit)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| bit.to_string())
    }

    /// Portal labels of every bit set in `mask`, low bits first.
    pub fn labels(&self, mask: u64) -> Vec<String> {
        (0..64)
            .map(|i| 1u64 << i)
            .filter(|b| mask & b != 0)
            .map(|b| self.label(b))
            .collect()
    }

    pub fn is_named(&self, name: &str) -> bool {
        let wanted = name.trim();
        self.name.trim().eq_ignore_ascii_case(wanted)
            || self.display_name.trim().eq_ignore_ascii_case(wanted)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(wanted))
    }
}

/// The namespaces known while judging: the built-in ones, then pasted dumps on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    pub namespaces: Vec<Namespace>,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog {
            namespaces: builtin().map(Namespace::from_def).collect(),
        }
    }
}

impl Catalog {
    /// The built-in catalog, built once: readers that only look namespaces up use this rather
    /// than building all 61 namespaces for every input.
    pub fn shared() -> &'static Catalog {
        static SHARED: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        SHARED.get_or_init(Catalog::default)
    }

    pub fn get(&self, id: &str) -> Option<&Namespace> {
        let id = id.trim();
        self.namespaces
            .iter()
            .find(|n| n.id.eq_ignore_ascii_case(id))
    }

    /// By name or alias; the first match wins (two namespaces are called ReleaseManagement: the
    /// object-level one, listed first, is the one ACLs and errors mean).
    pub fn by_name(&self, name: &str) -> Option<&Namespace> {
        self.namespaces.iter().find(|n| n.is_named(name))
    }

    /// By id or by name.
    pub fn find(&self, key: &str) -> Option<&Namespace> {
        self.get(key).or_else(|| self.by_name(key))
    }

    /// Add a namespace from a dump; one with the same id is replaced, keeping its aliases and,
    /// where the dump leaves them out, its separator and structure.
    pub fn merge(&mut self, mut ns: Namespace) {
        if let Some(old) = self
            .namespaces
            .iter_mut()
            .find(|n| n.id.eq_ignore_ascii_case(&ns.id))
        {
            for alias in &old.aliases {
                if !ns.aliases.contains(alias) {
                    ns.aliases.push(alias.clone());
                }
            }
            if ns.actions.is_empty() {
                ns.actions = old.actions.clone();
            }
            *old = ns;
        } else {
            self.namespaces.push(ns);
        }
    }
}

/// Read one namespace object of a dump (`_apis/securitynamespaces`, `az … namespace show`, or
/// the compact derived form with `separator`/`hierarchical`). `None` if it is not one.
pub fn namespace_from_json(value: &Value, source: &str) -> Option<Namespace> {
    let obj = value.as_object()?;
    let id = obj
        .get("namespaceId")?
        .as_str()?
        .trim()
        .to_ascii_lowercase();
    let name = obj
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or(&id)
        .trim()
        .to_string();
    let display_name = obj
        .get("displayName")
        .and_then(Value::as_str)
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| name.clone());
    let separator_text = obj
        .get("separatorValue")
        .or_else(|| obj.get("separator"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let separator = separator_text
        .chars()
        .next()
        .filter(|c| *c != '\0' && *c != '\u{ffff}');
    let hierarchical = match (obj.get("structureValue"), obj.get("hierarchical")) {
        (Some(v), _) if v.is_u64() => v.as_u64() == Some(1),
        (_, Some(Value::Bool(b))) => *b,
        _ => separator.is_some(),
    };
    let actions = obj
        .get("actions")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|a| {
                    let bit = a.get("bit")?.as_u64()?;
                    let name = a.get("name").and_then(Value::as_str).unwrap_or("");
                    let display = a.get("displayName").and_then(Value::as_str).unwrap_or(name);
                    Some(Action {
                        bit,
                        name: name.to_string(),
                        display_name: display.to_string(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Namespace {
        id,
        name,
        display_name,
        separator,
        hierarchical,
        system_bit_mask: obj
            .get("systemBitMask")
            .and_then(Value::as_u64)
            .unwrap_or(0),
        actions,
        aliases: Vec::new(),
        source: source.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_namespace_is_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for ns in builtin() {
            assert!(seen.insert(ns.id), "duplicate {}", ns.id);
            assert_eq!(ns.id.len(), 36, "{}", ns.name);
            assert!(!ns.source.is_empty());
            assert!(!ns.hierarchical || ns.separator.is_some(), "{}", ns.name);
            for a in ns.actions {
                assert_eq!(a.bit.count_ones(), 1, "{}.{}", ns.name, a.name);
            }
        }
        assert_eq!(SERVICES.len(), 61);
    }

    #[test]
    fn seed_000_bits_are_where_the_reference_says() {
        let c = Catalog::default();
        let git = c.get(ids::GIT).map(|n| n.name.clone());
        assert_eq!(git.as_deref(), Some("Git Repositories"));
        let label = |ns: &str, bit| c.get(ns).map(|n| n.label(bit)).unwrap_or_default();
        assert_eq!(label(ids::GIT, 2), "Read");
        assert_eq!(label(ids::GIT, 16), "Create branch");
        assert_eq!(label(ids::GIT, 256), "Create repository");
        assert_eq!(label(ids::PROJECT, 1), "View project-level information");
        assert_eq!(label(ids::COLLECTION, 4), "Create new projects");
        assert_eq!(label(ids::PROCESS, 4), "Create process");
        assert_eq!(label(ids::PROCESS, 1), "Edit process");
        assert_eq!(label(ids::FEED, 32), "Read packages");
    }

    #[test]
    fn names_and_swedish_aliases_find_namespaces() {
        let c = Catalog::default();
        assert_eq!(
            c.by_name("Git-lagringsplatser").map(|n| n.id.as_str()),
            Some(ids::GIT)
        );
        assert_eq!(
            c.by_name("git repositories").map(|n| n.id.as_str()),
            Some(ids::GIT)
        );
        assert_eq!(
            c.by_name("Bibliotek").map(|n| n.id.as_str()),
            Some(ids::LIBRARY)
        );
        assert_eq!(
            c.by_name("TestManagement").map(|n| n.name.as_str()),
            Some("TestManagement")
        );
        assert_eq!(
            c.by_name("ReleaseManagement").map(|n| n.id.as_str()),
            Some(ids::RELEASE)
        );
        let git = c.get(ids::GIT);
        assert_eq!(
            git.and_then(|g| g.action_named("genericread"))
                .map(|a| a.bit),
            Some(2)
        );
        assert_eq!(
            git.and_then(|g| g.action_named("Create branch"))
                .map(|a| a.bit),
            Some(16)
        );
    }

    #[test]
    fn a_dump_overrides_and_extends() {
        let mut c = Catalog::default();
        let json: Value = serde_json::json!({
            "namespaceId": "CB594EBE-87DD-4FC9-AC2C-6A10A4C92046", "name": "ServiceHooks",
            "separatorValue": "/", "structureValue": 1,
            "actions": [{"bit": 1, "name": "ViewSubscriptions", "displayName": "View them"}]
        });
        let ns = namespace_from_json(&json, "paste");
        assert!(ns.is_some());
        if let Some(ns) = ns {
            c.merge(ns);
        }
        let hooks = c.get("cb594ebe-87dd-4fc9-ac2c-6a10a4c92046");
        assert_eq!(hooks.map(|h| h.label(1)), Some("View them".to_string()));
        let new = serde_json::json!({"namespaceId": "00000000-0000-0000-0000-0000000000aa",
            "name": "Brand New", "separatorValue": "\u{0}", "structureValue": 0, "actions": []});
        if let Some(ns) = namespace_from_json(&new, "paste") {
            assert!(!ns.hierarchical && ns.separator.is_none());
            c.merge(ns);
        }
        assert!(c.by_name("Brand New").is_some());
    }
}
