//! The file permcheck's collection script writes (see [`crate::acl::collect`]): every export
//! that decides an account's backup and restore permissions, each with the command that made
//! it, in one JSON document the page and the CLI read whole:
//!
//! ```json
//! {"permcheckCollection": 1, "account": "backup@contoso.com",
//!  "exports": [{"command": "az devops security permission list --id … --subject … --recurse",
//!               "output": [ … ], "error": null}, …]}
//! ```
//!
//! Each output is read by the reader its command names (ACL lists, memberships, group lists),
//! with offsets into this file; an export that failed is named with its error.

use super::{diag, diag_help, hints, json, stream};
use crate::acl::{AclDiagnostic, AclDocument, AclFormat};
use crate::report::Severity;
use serde_json::Value;

/// The key that marks the file.
pub const MARKER: &str = "permcheckCollection";

pub fn read(value: &Value, text: &str, at: usize) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    let obj = value.as_object()?;
    obj.get(MARKER)?;
    let mut doc = AclDocument::new(AclFormat::Collection, text);
    let mut diags = Vec::new();
    let account = obj
        .get("account")
        .and_then(Value::as_str)
        .map(str::to_string);
    doc.subject_hint.clone_from(&account);
    let Some(exports) = obj.get("exports").and_then(Value::as_array) else {
        diags.push(diag_help(
            Severity::Error,
            at,
            "this permcheck collection has no \"exports\" list",
            "run the collection script again and paste the file it writes, unchanged",
        ));
        return Some((doc, diags));
    };
    let starts = stream::member_value_at(text, at, "exports")
        .and_then(|list| stream::array_items(text, list))
        .filter(|s| s.len() == exports.len());
    let mut failed = 0;
    for (i, item) in exports.iter().enumerate() {
        let item_at = starts
            .as_ref()
            .and_then(|s| s.get(i).copied())
            .unwrap_or(at);
        let command = item.get("command").and_then(Value::as_str).unwrap_or("");
        let hint = hints(command);
        let output = item.get("output").filter(|o| !o.is_null());
        let Some(output) = output else {
            failed += 1;
            let error = item
                .get("error")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .unwrap_or("it wrote no output");
            diags.push(diag_help(
                Severity::Warning,
                item_at,
                format!("this export failed: {command}: {error}"),
                "run that command by hand to see why (a permission of the account running the script, a wrong organization, an expired sign-in), then run the script again",
            ));
            continue;
        };
        let output_at = stream::member_value_at(text, item_at, "output").unwrap_or(item_at);
        let (part, part_diags) = match stream::read_hinted(text, output_at, &hint) {
            Some(fast) => (fast.doc, fast.diagnostics),
            None => match json::read_hinted(output, text, output_at, hint, command) {
                Some(found) => found,
                None => {
                    diags.push(diag(
                        Severity::Warning,
                        output_at,
                        format!("the output of {command} is not an export permcheck reads; it was skipped"),
                    ));
                    continue;
                }
            },
        };
        merge(&mut doc, part);
        diags.extend(part_diags);
    }
    diags.push(diag(
        Severity::Info,
        at,
        format!(
            "a permcheck collection{}: {} exports read{}",
            account.map(|a| format!(" for {a}")).unwrap_or_default(),
            exports.len() - failed,
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        ),
    ));
    Some((doc, diags))
}

/// Add what one export held to the collection's document.
fn merge(into: &mut AclDocument, part: AclDocument) {
    into.acls.extend(part.acls);
    into.namespaces.extend(part.namespaces);
    into.evaluations.extend(part.evaluations);
    into.denials.extend(part.denials);
    into.identities.extend(part.identities);
    into.subjects.extend(part.subjects);
    into.memberships.extend(part.memberships);
    into.asked.extend(part.asked);
    if into.subject_hint.is_none() {
        into.subject_hint = part.subject_hint;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_is_read_with_its_command() {
        let git = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";
        let text = format!(
            r#"{{"permcheckCollection": 1, "account": "backup@contoso.com", "exports": [
  {{"command": "az devops security group membership list --id backup@contoso.com --relationship memberof",
    "output": {{"vssgp.Uy0xLTktMQ": {{"subjectKind": "group", "descriptor": "vssgp.Uy0xLTktMQ", "principalName": "[P]\\Readers"}}}}, "error": null}},
  {{"command": "az devops security permission list --id {git} --subject backup@contoso.com --recurse",
    "output": [{{"inheritPermissions": true, "token": "repoV2/p", "acesDictionary": {{"x;1": {{"descriptor": "x;1", "allow": 2, "deny": 0}}}}}}], "error": null}},
  {{"command": "az devops security permission list --id 52d39943-cb85-4d7f-8fa8-c6baac873819 --subject backup@contoso.com --recurse",
    "output": null, "error": "ERROR: TF400813: not authorized"}}
]}}"#
        );
        let value: Value = serde_json::from_str(&text).unwrap_or_default();
        let Some((doc, diags)) = read(&value, &text, 0) else {
            panic!("not read")
        };
        assert_eq!(doc.format_id(), "permcheck-collection");
        assert_eq!(doc.memberships.len(), 1);
        assert_eq!(doc.asked[0].descriptor, "backup@contoso.com");
        assert_eq!(doc.acls.len(), 1);
        assert_eq!(doc.acls[0].namespace.as_deref(), Some(git));
        // Offsets point into the collection file.
        assert!(text[doc.acls[0].at..].starts_with("\"repoV2/p\""));
        let failed = diags
            .iter()
            .find(|d| d.message.contains("TF400813"))
            .unwrap_or_else(|| panic!("{diags:?}"));
        assert!(text[failed.at..]
            .starts_with("{\"command\": \"az devops security permission list --id 52d39943"));
        assert!(diags
            .iter()
            .any(|d| d.message.contains("2 exports read, 1 failed")));
    }
}
