//! Identity descriptors (reference/azure-devops.md §3.7) shown the way an admin knows them: a
//! user's e-mail, a well-known group's name, the kind of SID, a service identity.

use super::namespaces::Catalog;

/// Whether two descriptors name the same identity (Azure DevOps compares them ignoring ASCII
/// case and surrounding blanks). Compared from the end, where SIDs and e-mails differ: a big
/// export compares descriptors once per entry.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().as_bytes(), b.trim().as_bytes());
    a.len() == b.len()
        && a.iter()
            .rev()
            .zip(b.iter().rev())
            .all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// What kind of identity a descriptor names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityKind {
    User,
    Group,
    ServicePrincipal,
    ServiceIdentity,
    WindowsAccount,
    Unknown,
}

/// Well-known collection-level groups: SIDs ending `-0-0-0-0-{n}` (§3.7).
const WELL_KNOWN: &[(&str, &str)] = &[
    ("1", "Project Collection Administrators"),
    ("2", "Project Collection Service Accounts"),
    ("3", "Project Collection Valid Users"),
    ("4", "Licensees"),
    ("5", "Security Service Group"),
    ("6", "Anonymous"),
    ("8", "Service Principals"),
    ("9", "Instance Allocators"),
    ("11", "Users"),
    ("13", "Application Principals"),
    ("14", "Project-Scoped Users"),
];

/// A readable name for an identity descriptor and its kind.
pub fn describe(descriptor: &str) -> (String, IdentityKind) {
    let d = descriptor.trim();
    let (kind_part, value) = match d.split_once(';') {
        Some((k, v)) => (k, v),
        None => ("", d),
    };
    let kind_lower = kind_part.to_ascii_lowercase();
    if kind_lower.ends_with("claimsidentity") {
        // `{tenantId}\{upn}`
        let upn = value.rsplit('\\').next().unwrap_or(value);
        return (upn.to_string(), IdentityKind::User);
    }
    if kind_lower.ends_with("aadserviceprincipal") {
        return (
            format!("service principal {}", short(value)),
            IdentityKind::ServicePrincipal,
        );
    }
    if kind_lower.ends_with("serviceidentity") {
        let name = if value.to_ascii_lowercase().contains(":build:") {
            "build service"
        } else {
            "service identity"
        };
        return (
            format!("{name} {}", short(value)),
            IdentityKind::ServiceIdentity,
        );
    }
    if kind_lower.ends_with("teamfoundation.identity") || value.starts_with("S-1-9-") {
        if let Some(n) = well_known_suffix(value) {
            if let Some((_, name)) = WELL_KNOWN.iter().find(|(k, _)| *k == n) {
                return ((*name).to_string(), IdentityKind::Group);
            }
        }
        return (
            format!("Azure DevOps group {}", short(value)),
            IdentityKind::Group,
        );
    }
    if kind_lower.ends_with("windowsidentity") || value.starts_with("S-1-5-") {
        return (
            format!("Windows account {}", short(value)),
            IdentityKind::WindowsAccount,
        );
    }
    // Graph subject descriptors: `aad.…`, `aadgp.…`, `vssgp.…`, `aadsp.…`, `svc.…`.
    if kind_part.is_empty() {
        if let Some((prefix, _)) = d.split_once('.') {
            let kind = match prefix.to_ascii_lowercase().as_str() {
                "aad" | "msa" | "win" => Some(("user", IdentityKind::User)),
                "aadgp" | "vssgp" | "wingp" => Some(("group", IdentityKind::Group)),
                "aadsp" => Some(("service principal", IdentityKind::ServicePrincipal)),
                "svc" | "s2s" => Some(("service identity", IdentityKind::ServiceIdentity)),
                _ => None,
            };
            if let Some((word, kind)) = kind {
                return (format!("{word} {}", short(d)), kind);
            }
        }
        // TFSSecurity lines name identities directly: `[Collection0]\Project Collection …`,
        // `DATUM1\jpeoples`; an e-mail is a user.
        if d.contains('@') && !d.contains(' ') {
            return (d.to_string(), IdentityKind::User);
        }
        if d.starts_with('[') {
            return (d.to_string(), IdentityKind::Group);
        }
        if d.starts_with("Build\\") {
            return (format!("build service {d}"), IdentityKind::ServiceIdentity);
        }
    }
    (d.to_string(), IdentityKind::Unknown)
}

/// The last element of a well-known group SID (`…-0-0-0-0-3` → `3`).
fn well_known_suffix(sid: &str) -> Option<&str> {
    let parts: Vec<&str> = sid.split('-').collect();
    if parts.len() < 6 {
        return None;
    }
    let n = parts.len();
    let zeros = parts.get(n - 5..n - 1)?;
    zeros.iter().all(|p| *p == "0").then(|| parts[n - 1])
}

/// A long id shortened for display: first 8 and last 6 characters.
fn short(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 24 {
        return value.to_string();
    }
    let head: String = chars.iter().take(12).collect();
    let tail: String = chars.iter().skip(chars.len() - 8).collect();
    format!("{head}…{tail}")
}

/// The command that exports what `subject` may do in the namespace `ns_id`, named by the
/// namespace (`<subject descriptor>` when there is none to name).
pub fn export_command(ns_id: &str, subject: Option<&AzSubject>, catalog: &Catalog) -> String {
    let name = catalog.get(ns_id).map(|n| n.name.as_str()).unwrap_or(ns_id);
    let subject = subject.map_or("<subject descriptor>", |s| s.value.as_str());
    format!(
        "{name}: az devops security permission list --id {ns_id} --subject {subject} --output json"
    )
}

/// An identity as `az devops security permission … --subject` takes it (shell-quoted), and what
/// to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AzSubject {
    pub value: String,
    pub note: Option<String>,
}

/// What to pass as `--subject` for an identity descriptor. The CLI reads a value with `@` as an
/// e-mail, looked up with the Identities API, and one with `.` as a graph descriptor (its
/// reference: "User Email ID or Group descriptor"; reference/azure-devops.md §3.4), so an
/// identity descriptor, which has both, is not passed as it is: a user is named by e-mail, an
/// Azure DevOps group by its graph descriptor (`vssgp.` and the base64 of its SID, §3.7).
pub fn az_subject(descriptor: &str) -> AzSubject {
    let d = descriptor.trim();
    let (kind_part, value) = d.split_once(';').unwrap_or(("", d));
    let kind = kind_part.to_ascii_lowercase();
    if kind.ends_with("claimsidentity") {
        let upn = value.rsplit('\\').next().unwrap_or(value);
        if upn.contains('@') {
            return AzSubject {
                value: shell_quote(upn),
                note: None,
            };
        }
    }
    let is_sid = |v: &str| v.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    if kind.ends_with("teamfoundation.identity")
        && value.starts_with("S-1-9-")
        && value.get(2..).is_some_and(is_sid)
    {
        // A SID's characters (`S`, `-`, digits) never reach the two symbols where base64url
        // and base64 differ, so the page's encoder spells it as Graph does (unpadded).
        let encoded = crate::share::base64url(value.as_bytes());
        return AzSubject {
            value: shell_quote(&format!("vssgp.{encoded}")),
            note: Some(format!(
                "--subject vssgp.… is this group's graph descriptor if it is an Azure DevOps group; for a Microsoft Entra group it is aadgp.{encoded} (az devops security group list shows which)"
            )),
        };
    }
    if kind_part.is_empty() {
        // Already what az takes: an e-mail or a graph descriptor.
        return AzSubject {
            value: shell_quote(d),
            note: None,
        };
    }
    AzSubject {
        value: shell_quote(d),
        note: Some(
            "az takes --subject as an e-mail or a graph descriptor: if it cannot resolve this identity descriptor, pass the one az devops security group list or az devops user show gives for it"
                .into(),
        ),
    }
}

/// [`az_subject`], or the graph descriptor an identity lookup gave for it (`subjectDescriptor`),
/// which is exact where a group's SID leaves `vssgp.` or `aadgp.` open.
pub fn az_subject_known(descriptor: &str, graph: Option<&str>) -> AzSubject {
    let derived = az_subject(descriptor);
    match graph.map(str::trim).filter(|g| !g.is_empty()) {
        Some(graph) if derived.note.is_some() => AzSubject {
            value: shell_quote(graph),
            note: None,
        },
        _ => derived,
    }
}

/// Whether `graph` is the graph descriptor of the group `descriptor` (`vssgp.` or `aadgp.` and
/// the base64 of its SID): so the `--subject` of a pasted az command can be told to be this
/// group's, and reused with its exact prefix.
pub fn is_graph_descriptor_of(graph: &str, descriptor: &str) -> bool {
    let Some((prefix, encoded)) = graph.trim().split_once('.') else {
        return false;
    };
    let sid = descriptor.trim().split_once(';').map_or("", |(_, sid)| sid);
    matches!(prefix.to_ascii_lowercase().as_str(), "vssgp" | "aadgp")
        && sid.starts_with("S-1-9-")
        && crate::share::unbase64url(encoded).is_some_and(|bytes| bytes == sid.as_bytes())
}

/// Quote a value for a POSIX shell command line (descriptors carry `;` and `\`).
pub fn shell_quote(value: &str) -> String {
    if !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@=+,".contains(c))
    {
        return value.to_string();
    }
    format!("'{}'", value.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn az_subject_is_an_email_or_a_graph_descriptor() {
        // A user: the e-mail, which az looks up.
        let user = az_subject("Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\backup@contoso.com");
        assert_eq!(user.value, "backup@contoso.com");
        assert_eq!(user.note, None);
        // A group: the graph descriptor of the Learn sample (reference §3.4: `aadgp.Uy0x…NjQxNjg`,
        // the SID of az-devops-security-permission-update-output.json), unpadded.
        let group = az_subject("Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-3954173786-1521081925-2540508263-3348164168");
        assert_eq!(group.value, "vssgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0NDAwOTY5LTI0MDI5ODY0MTMtMjE3OTQwODYxNi0zLTM5NTQxNzM3ODYtMTUyMTA4MTkyNS0yNTQwNTA4MjYzLTMzNDgxNjQxNjg");
        assert!(group
            .note
            .as_deref()
            .is_some_and(|n| n.contains("aadgp.Uy0xLTktMTU1")
                && n.ends_with("(az devops security group list shows which)")));
        // Graph descriptors and e-mails pass as they are; anything else is passed with a note.
        assert_eq!(az_subject("aadgp.Uy0xLTk").value, "aadgp.Uy0xLTk");
        assert_eq!(az_subject("someone@contoso.com").note, None);
        let sp = az_subject("Microsoft.VisualStudio.Services.Claims.AadServicePrincipal;1234");
        assert_eq!(
            sp.value,
            "'Microsoft.VisualStudio.Services.Claims.AadServicePrincipal;1234'"
        );
        assert!(sp.note.is_some());
    }

    #[test]
    fn a_graph_descriptor_is_recognised_by_its_sid() {
        let group = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-3954173786-1521081925-2540508263-3348164168";
        let graph = "aadgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0NDAwOTY5LTI0MDI5ODY0MTMtMjE3OTQwODYxNi0zLTM5NTQxNzM3ODYtMTUyMTA4MTkyNS0yNTQwNTA4MjYzLTMzNDgxNjQxNjg";
        assert!(is_graph_descriptor_of(graph, group));
        assert!(is_graph_descriptor_of(
            &graph.replace("aadgp", "vssgp"),
            group
        ));
        // The Learn page's elided spelling, another group, another kind: no.
        assert!(!is_graph_descriptor_of("aadgp.Uy0x...NjQxNjg", group));
        assert!(!is_graph_descriptor_of(
            graph,
            &group.replace("3348164168", "3348164169")
        ));
        assert!(!is_graph_descriptor_of(
            &graph.replace("aadgp", "aad"),
            group
        ));
    }

    #[test]
    fn same_ignores_ascii_case_and_blanks_only() {
        assert!(same(
            "Microsoft.TeamFoundation.Identity;S-1-9-1",
            " microsoft.teamfoundation.identity;s-1-9-1 "
        ));
        assert!(!same("a;S-1-9-1", "a;S-1-9-2"));
        assert!(!same("a;S-1-9-1", "a;S-1-9-10"));
        assert!(
            !same("x;Ä", "x;ä"),
            "only ASCII case folds, as the service does"
        );
        assert!(same("", "  "));
    }

    #[test]
    fn descriptors_read_as_people_know_them() {
        let user = "Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\new_user_test@outlook.com";
        assert_eq!(
            describe(user),
            ("new_user_test@outlook.com".to_string(), IdentityKind::User)
        );
        let pca = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-0-0-0-0-1";
        assert_eq!(
            describe(pca),
            (
                "Project Collection Administrators".to_string(),
                IdentityKind::Group
            )
        );
        let valid = pca.replace("-0-0-0-0-1", "-0-0-0-0-3");
        assert_eq!(describe(&valid).0, "Project Collection Valid Users");
        let group = "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-3954173786-1521081925-2540508263-3348164168";
        let (name, kind) = describe(group);
        assert!(name.starts_with("Azure DevOps group S-1-9-"), "{name}");
        assert_eq!(kind, IdentityKind::Group);
        assert_eq!(
            describe("aadgp.Uy0xLTktMTU1MTM3NDI0NS0xMjA0").1,
            IdentityKind::Group
        );
        assert_eq!(
            describe("Microsoft.TeamFoundation.ServiceIdentity;abc:Build:def").1,
            IdentityKind::ServiceIdentity
        );
        assert_eq!(describe("DATUM1\\jpeoples").0, "DATUM1\\jpeoples");
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("repoV2/p/r"), "repoV2/p/r");
        assert_eq!(shell_quote("a;b\\c"), "'a;b\\c'");
        assert_eq!(shell_quote("$PROJECT:x"), "'$PROJECT:x'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }
}
