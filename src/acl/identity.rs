//! Identity descriptors (reference/azure-devops.md §3.7) shown the way an admin knows them: a
//! user's e-mail, a well-known group's name, the kind of SID, a service identity.

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
