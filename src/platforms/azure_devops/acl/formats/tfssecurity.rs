//! `TFSSecurity /acl Namespace Token` text output (§3.5, Azure DevOps Server / TFS):
//!
//! ```text
//! Retrieving the access control list for object "Server"...
//! Effective ACL on object "FrameworkGlobalSecurity":
//!   [+] GenericRead                        [INSTANCE]\Team Foundation Valid Users
//! ```
//! `+` is an Allow, `-` a Deny and `*` marks an inherited entry; action names are the
//! namespace's own (`GenericRead`). The listing is the server's effective ACL, so each
//! identity's lines are taken as its effective bits on that token.

use super::diag_help;
use crate::acl::namespaces::Catalog;
use crate::acl::{Ace, Acl, AclDiagnostic, AclDocument, AclFormat};
use crate::report::Severity;
use crate::source::lines_with_offsets;

fn quoted(line: &str) -> Option<&str> {
    let a = line.find('"')? + 1;
    let b = line.get(a..)?.find('"')? + a;
    line.get(a..b)
}

pub fn read(text: &str) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    if !text.contains("Effective ACL on object") {
        return None;
    }
    let catalog = Catalog::shared();
    let mut doc = AclDocument::new(AclFormat::TfsSecurity, text);
    let mut diags = Vec::new();
    let mut namespace_name: Option<String> = None;
    let mut current: Option<usize> = None;
    for (at, line) in lines_with_offsets(text) {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        if let Some(pos) = lower.find("tfssecurity /acl ") {
            let args: Vec<&str> = t
                .get(pos + "tfssecurity /acl ".len()..)
                .unwrap_or("")
                .split_whitespace()
                .collect();
            if let Some(ns) = args.first() {
                namespace_name = Some((*ns).to_string());
            }
            continue;
        }
        if t.starts_with("Retrieving the access control list for object") {
            if let Some(ns) = quoted(t) {
                namespace_name = Some(ns.to_string());
            }
            continue;
        }
        if t.starts_with("Effective ACL on object") {
            let token = quoted(t).unwrap_or("").to_string();
            let namespace = namespace_name
                .as_deref()
                .and_then(|n| catalog.find(n))
                .map(|n| n.id.clone());
            if namespace.is_none() {
                diags.push(diag_help(
                    Severity::Warning,
                    at,
                    format!(
                        "permcheck cannot tell which security namespace \"{token}\" belongs to"
                    ),
                    "paste the `tfssecurity /acl <Namespace> <Token>` command line with its output",
                ));
            }
            doc.acls.push(Acl {
                namespace: namespace.map(Into::into),
                token,
                inherit: true,
                aces: Vec::new(),
                at: at + line.find("Effective").unwrap_or(0),
            });
            current = Some(doc.acls.len() - 1);
            continue;
        }
        if !t.starts_with('[') {
            continue;
        }
        let Some(close) = t.find(']') else { continue };
        let marker = t.get(1..close).unwrap_or("");
        if !(marker.contains('+') || marker.contains('-')) {
            // `[U] DATUM1\jpeoples (John Peoples)`: an identity resolution line.
            continue;
        }
        let Some(index) = current else {
            diags.push(diag_help(
                Severity::Warning,
                at,
                "this ACL entry comes before any \"Effective ACL on object\" line; it was skipped",
                "paste the whole TFSSecurity output",
            ));
            continue;
        };
        let rest = t.get(close + 1..).unwrap_or("").trim_start();
        let (action, identity) = match rest.split_once(char::is_whitespace) {
            Some((a, i)) => (a, i.trim()),
            None => (rest, ""),
        };
        let Some(acl) = doc.acls.get_mut(index) else {
            continue;
        };
        let ns = acl.namespace.as_deref().and_then(|id| catalog.get(id));
        let Some(bit) = ns.and_then(|n| n.action_named(action)).map(|a| a.bit) else {
            if ns.is_some() {
                diags.push(diag_help(
                    Severity::Warning,
                    at + line.find(action).unwrap_or(0),
                    format!(
                        "\"{action}\" is not a permission of this namespace; the line was skipped"
                    ),
                    "check that the namespace on the command line is the one listed",
                ));
            }
            continue;
        };
        let deny = marker.contains('-');
        let inherited = marker.contains('*');
        let ace = match acl
            .aces
            .iter_mut()
            .find(|a| a.descriptor.eq_ignore_ascii_case(identity))
        {
            Some(a) => a,
            None => {
                acl.aces.push(Ace {
                    descriptor: identity.into(),
                    allow: 0,
                    deny: 0,
                    extended: Some(Box::default()),
                    resolved: Vec::new(),
                    at: at + line.find('[').unwrap_or(0),
                });
                match acl.aces.last_mut() {
                    Some(a) => a,
                    None => continue,
                }
            }
        };
        let ext = ace.extended.get_or_insert_with(Box::default);
        match (deny, inherited) {
            (false, false) => {
                ace.allow |= bit;
                ext.effective_allow |= bit;
            }
            (false, true) => {
                ext.effective_allow |= bit;
                ext.inherited_allow |= bit;
            }
            (true, false) => {
                ace.deny |= bit;
                ext.effective_deny |= bit;
            }
            (true, true) => {
                ext.effective_deny |= bit;
                ext.inherited_deny |= bit;
            }
        }
    }
    if doc.acls.is_empty() {
        return None;
    }
    Some((doc, diags))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::namespaces::ids;

    #[test]
    fn reads_the_documented_example() {
        let text = "> tfssecurity /acl Server FrameworkGlobalSecurity /server:ServerURL\n\nTFSSecurity - Team Foundation Server Security Tool\nRetrieving the access control list for object \"Server\"...\n\nEffective ACL on object \"FrameworkGlobalSecurity\":\n  [+] GenericRead                        [INSTANCE]\\Team Foundation Valid Users\n  [+] GenericWrite                       [INSTANCE]\\Team Foundation Administrators\n  [-] Impersonate                        [INSTANCE]\\Team Foundation Administrators\n  [*+] TriggerEvent                      DATUM1\\jpeoples\n  [+] Nonsense                           DATUM1\\jpeoples\n\nDone.\n";
        let (doc, diags) = read(text).unwrap();
        assert_eq!(doc.format_id(), "azure-devops-tfssecurity-acl");
        let acl = &doc.acls[0];
        assert_eq!(acl.namespace.as_deref(), Some(ids::SERVER));
        assert_eq!(acl.token, "FrameworkGlobalSecurity");
        assert_eq!(acl.aces.len(), 3);
        let admins = &acl.aces[1];
        assert_eq!((admins.allow, admins.deny), (2, 4));
        let j = &acl.aces[2];
        assert_eq!(
            (j.allow, j.extended.as_ref().unwrap().effective_allow),
            (0, 16)
        );
        assert_eq!(diags.len(), 1);
        assert!(text[diags[0].at..].starts_with("Nonsense"));
    }

    #[test]
    fn other_text_is_not_tfssecurity() {
        assert!(read("vso.code").is_none());
    }
}
