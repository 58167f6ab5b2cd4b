//! Seed 003's built-in groups as a what-if: "if the backup account were only in group G, with
//! G's default permissions, backup would be …, restore …". Each group's default bits come from
//! reference/azure-devops.md §7 (the process-template ACEs behind seed 003's checkmarks); a
//! namespace whose defaults are not documented is left out, so its categories stay unknown
//! rather than guessed.

use super::namespaces::{ids, Catalog};
use super::{Ace, Acl, AclDocument, AclFormat};
use crate::model::Verdict;
use crate::report::WhatIf;
use crate::Options;

/// Where a default grant sits: the project-level token of its namespace.
#[derive(Debug, Clone, Copy)]
enum At {
    /// `repoV2/{project}`: every repository of the project.
    GitProject,
    /// `$PROJECT:vstfs:///Classification/TeamProject/{project}`.
    Project,
    /// `vstfs:///Classification/Node/{area root}`.
    AreaRoot,
}

/// A mask, or every action of the namespace (documented as "all", numeric unverified).
#[derive(Debug, Clone, Copy)]
enum Mask {
    Bits(u64),
    All,
}

pub struct DefaultGroup {
    pub name: &'static str,
    grants: &'static [(&'static str, At, Mask)],
    pub source: &'static str,
}

/// Seed 003 is this Learn page; the numeric bits are the namespace reference's.
const REF: &str = "Microsoft Learn: Default permissions quick reference (https://learn.microsoft.com/en-us/azure/devops/organizations/security/permissions-access)";

/// The project-level groups seed 003 tabulates. Project Collection Administrators are left out:
/// their Git and project bits come from collection-level ACLs the reference does not give.
pub const DEFAULT_GROUPS: &[DefaultGroup] = &[
    DefaultGroup {
        name: "Readers",
        grants: &[
            // Read, Contribute to pull requests, Advanced Security: view alerts.
            (ids::GIT, At::GitProject, Mask::Bits(81922)),
            (ids::PROJECT, At::Project, Mask::Bits(513)),
            (ids::CSS, At::AreaRoot, Mask::Bits(17)),
        ],
        source: REF,
    },
    DefaultGroup {
        name: "Contributors",
        grants: &[
            // Read, Contribute, Create branch, Create tag, Manage notes, PR contribute, view alerts.
            (ids::GIT, At::GitProject, Mask::Bits(82038)),
            (ids::PROJECT, At::Project, Mask::Bits(6921)),
            (ids::CSS, At::AreaRoot, Mask::Bits(241)),
        ],
        source: REF,
    },
    DefaultGroup {
        name: "Build Administrators",
        grants: &[
            (ids::GIT, At::GitProject, Mask::Bits(82038)),
            (ids::PROJECT, At::Project, Mask::Bits(6921)),
            (ids::CSS, At::AreaRoot, Mask::Bits(241)),
        ],
        source: REF,
    },
    DefaultGroup {
        name: "Project Administrators",
        grants: &[
            // Everything but Force push and the bypass bits (the template's "Administer").
            (ids::GIT, At::GitProject, Mask::Bits(229238)),
            // "Granted all project-level permissions" (seed 003, [S6]); numerics unverified.
            (ids::PROJECT, At::Project, Mask::All),
            (ids::CSS, At::AreaRoot, Mask::All),
        ],
        source: REF,
    },
];

const PROJECT_ID: &str = "00000000-0000-0000-0000-0000000000a1";
const AREA_ID: &str = "00000000-0000-0000-0000-0000000000b2";

fn token(at: At) -> String {
    match at {
        At::GitProject => format!("repoV2/{PROJECT_ID}"),
        At::Project => format!("$PROJECT:vstfs:///Classification/TeamProject/{PROJECT_ID}"),
        At::AreaRoot => format!("vstfs:///Classification/Node/{AREA_ID}"),
    }
}

/// Judge each default group as if the backup account had exactly its default permissions.
pub fn what_if(options: &Options) -> Vec<WhatIf> {
    let catalog = Catalog::shared();
    DEFAULT_GROUPS
        .iter()
        .filter_map(|group| {
            let descriptor = format!("what-if: {}", group.name);
            let mut doc = AclDocument::new(AclFormat::RestAccessControlLists, "");
            doc.set_source(group.source);
            for (namespace, at, mask) in group.grants {
                let ns = catalog.get(namespace)?;
                let allow = match mask {
                    Mask::Bits(bits) => *bits,
                    Mask::All => ns.actions.iter().fold(0, |m, a| m | a.bit),
                };
                doc.acls.push(Acl {
                    namespace: Some(ns.id.as_str().into()),
                    token: token(*at),
                    inherit: true,
                    aces: vec![Ace {
                        descriptor: descriptor.as_str().into(),
                        allow,
                        deny: 0,
                        extended: None,
                        resolved: Vec::new(),
                        at: 0,
                    }],
                    at: 0,
                });
            }
            let subject = super::judge(&[&doc], options).into_iter().next()?;
            // Only what the group's documented defaults decide; the rest would be "unknown"
            // because no default is documented, which is no news.
            let categories: Vec<_> = subject
                .categories
                .into_iter()
                .filter(|c| !(c.backup == Verdict::Unknown && c.restore == Verdict::Unknown))
                .collect();
            let missing = subject
                .missing
                .iter()
                .map(|m| format!("{} ({})", m.label, m.id))
                .collect();
            Some(WhatIf {
                group: group.name.to_string(),
                categories,
                missing,
                source: group.source.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group<'a>(list: &'a [WhatIf], name: &str) -> &'a WhatIf {
        list.iter().find(|w| w.group == name).unwrap()
    }

    fn repositories(w: &WhatIf) -> (Verdict, Verdict) {
        let c = w
            .categories
            .iter()
            .find(|c| c.id == "repositories")
            .unwrap();
        (c.backup, c.restore)
    }

    #[test]
    fn readers_back_up_contributors_cannot_create_repositories_admins_can() {
        let list = what_if(&Options::default());
        assert_eq!(list.len(), 4);
        // Readers: Read only.
        assert_eq!(
            repositories(group(&list, "Readers")),
            (Verdict::Possible, Verdict::Impossible)
        );
        // Contributors have Create branch but not Create repository.
        let contributors = group(&list, "Contributors");
        assert_eq!(
            repositories(contributors),
            (Verdict::Possible, Verdict::Impossible)
        );
        assert!(contributors
            .missing
            .iter()
            .any(|m| m.contains("Git Repositories/CreateRepository")));
        assert!(!contributors
            .missing
            .iter()
            .any(|m| m.contains("CreateBranch")));
        // Project Administrators have both.
        assert_eq!(
            repositories(group(&list, "Project Administrators")),
            (Verdict::Possible, Verdict::Possible)
        );
    }
}
