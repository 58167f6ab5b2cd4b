//! `az devops security permission … --output table` (§3.4): `list` (Token / Effective Allow /
//! Effective Deny), `show`/`update` (Name / Bit / Permission Description / Permission Value),
//! `namespace show` (Name / Permission Description / Permission Bit) and `namespace list`
//! (Id / Name). Tables do not repeat the namespace, subject or token, so those come from the az
//! command line pasted above each table.

use super::{diag_help, hints, infer_namespace, is_guid, Hints};
use crate::acl::namespaces::{Action, Catalog, Namespace};
use crate::acl::{
    Ace, Acl, AclDiagnostic, AclDocument, AclFormat, Extended, PermissionState, Resolved,
};
use crate::report::Severity;
use crate::source::lines_with_offsets;

/// Stands for the identity of an az command whose `--subject` was not pasted.
pub const UNNAMED_SUBJECT: &str = "(the --subject of the az command)";

fn is_rule(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.contains("--") && t.chars().all(|c| c == '-' || c == ' ')
}

/// Column byte ranges from a rule line of dashes; the last column runs to the line's end.
fn columns(rule: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in rule.char_indices() {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, usize::MAX));
    }
    out
}

fn cells(line: &str, cols: &[(usize, usize)]) -> Vec<String> {
    cols.iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            let end = if i + 1 == cols.len() {
                line.len()
            } else {
                e.min(line.len())
            };
            line.get(s.min(line.len())..end)
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    List,
    Show,
    NamespaceShow,
    NamespaceList,
}

fn kind(header: &[String]) -> Option<Kind> {
    let h: Vec<String> = header.iter().map(|s| s.to_ascii_lowercase()).collect();
    let h: Vec<&str> = h.iter().map(String::as_str).collect();
    Some(match h.as_slice() {
        ["token", "effective allow", "effective deny"] => Kind::List,
        ["name", "bit", "permission description", "permission value"] => Kind::Show,
        ["name", "permission description", "permission bit"] => Kind::NamespaceShow,
        ["id", "name"] => Kind::NamespaceList,
        _ => return None,
    })
}

pub fn read(text: &str) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    let lines: Vec<(usize, &str)> = lines_with_offsets(text).collect();
    let mut doc = AclDocument::new(AclFormat::AzTable, text);
    let mut diags = Vec::new();
    let mut found = false;
    let mut hint = Hints::default();
    let catalog = Catalog::shared();
    let mut i = 0;
    while i < lines.len() {
        let (offset, line) = lines.get(i).copied().unwrap_or((0, ""));
        if line.contains("az devops security permission") {
            hint = hints(line);
            if hint.subject.is_some() {
                doc.subject_hint = hint.subject.clone();
            }
        }
        let next = lines.get(i + 1).map(|(_, l)| *l).unwrap_or("");
        if !is_rule(next) {
            i += 1;
            continue;
        }
        let cols = columns(next);
        let Some(k) = kind(&cells(line, &cols)) else {
            i += 1;
            continue;
        };
        found = true;
        let mut rows = Vec::new();
        let mut j = i + 2;
        while let Some(&(row_at, row)) = lines.get(j) {
            let t = row.trim();
            if t.is_empty() || t.starts_with("$ ") || t.starts_with("az ") || t.starts_with("# ") {
                break;
            }
            rows.push((row_at, cells(row, &cols)));
            j += 1;
        }
        read_table(k, &rows, offset, &hint, catalog, &mut doc, &mut diags);
        i = j;
    }
    found.then_some((doc, diags))
}

fn subject(hint: &Hints) -> String {
    hint.subject
        .clone()
        .unwrap_or_else(|| UNNAMED_SUBJECT.to_string())
}

fn read_table(
    k: Kind,
    rows: &[(usize, Vec<String>)],
    header_at: usize,
    hint: &Hints,
    catalog: &Catalog,
    doc: &mut AclDocument,
    diags: &mut Vec<AclDiagnostic>,
) {
    match k {
        Kind::List => {
            for (at, row) in rows {
                let token = row.first().cloned().unwrap_or_default();
                let num = |i: usize| row.get(i).and_then(|c| c.parse::<u64>().ok());
                let (Some(allow), Some(deny)) = (num(1), num(2)) else {
                    diags.push(diag_help(
                        Severity::Warning,
                        *at,
                        "this row's Effective Allow / Effective Deny are not numbers; it was skipped",
                        "paste the table exactly as az printed it",
                    ));
                    continue;
                };
                doc.acls.push(Acl {
                    namespace: hint
                        .namespace
                        .as_deref()
                        .or_else(|| infer_namespace(&token))
                        .map(Into::into),
                    token,
                    inherit: true,
                    aces: vec![Ace {
                        descriptor: subject(hint).into(),
                        allow: 0,
                        deny: 0,
                        extended: Some(Box::new(Extended {
                            effective_allow: allow,
                            effective_deny: deny,
                            ..Extended::default()
                        })),
                        resolved: Vec::new(),
                        at: *at,
                    }],
                    at: *at,
                });
            }
            if hint.namespace.is_none() && doc.acls.iter().any(|a| a.namespace.is_none()) {
                diags.push(diag_help(
                    Severity::Warning,
                    header_at,
                    "this table does not say which security namespace it lists",
                    "paste the az command line above the table (it carries --id)",
                ));
            }
        }
        Kind::Show => {
            let mut ext = Extended::default();
            let mut allow = 0;
            let mut deny = 0;
            let mut resolved = Vec::new();
            for (at, row) in rows {
                let bit = row.get(1).and_then(|c| c.parse::<u64>().ok());
                let state = row.get(3).and_then(|c| PermissionState::parse(c));
                let (Some(bit), Some(state)) = (bit, state) else {
                    diags.push(diag(
                        *at,
                        "this row's Bit or Permission Value is not understood; it was skipped",
                    ));
                    continue;
                };
                match state {
                    PermissionState::Allow => {
                        allow |= bit;
                        ext.effective_allow |= bit;
                    }
                    PermissionState::AllowInherited => {
                        ext.effective_allow |= bit;
                        ext.inherited_allow |= bit;
                    }
                    PermissionState::Deny => {
                        deny |= bit;
                        ext.effective_deny |= bit;
                    }
                    PermissionState::DenyInherited => {
                        ext.effective_deny |= bit;
                        ext.inherited_deny |= bit;
                    }
                    PermissionState::NotSet => {}
                }
                resolved.push(Resolved {
                    bit,
                    name: row.first().cloned().unwrap_or_default(),
                    state,
                });
            }
            let namespace = hint.namespace.clone().or_else(|| {
                let found: Vec<&Namespace> = catalog
                    .namespaces
                    .iter()
                    .filter(|ns| {
                        resolved
                            .iter()
                            .all(|r| ns.action(r.bit).is_some_and(|a| a.name == r.name))
                    })
                    .collect();
                match found.as_slice() {
                    [only] => Some(only.id.clone()),
                    _ => None,
                }
            });
            let Some(token) = hint.token.clone() else {
                diags.push(diag_help(
                    Severity::Warning,
                    header_at,
                    "this permission table does not say which token it is for, so it cannot be judged",
                    "paste the az command line above the table (it carries --token)",
                ));
                return;
            };
            doc.acls.push(Acl {
                namespace: namespace.map(Into::into),
                token,
                inherit: true,
                aces: vec![Ace {
                    descriptor: subject(hint).into(),
                    allow,
                    deny,
                    extended: Some(Box::new(ext)),
                    resolved,
                    at: header_at,
                }],
                at: header_at,
            });
        }
        Kind::NamespaceShow => {
            let Some(id) = hint.namespace.clone() else {
                diags.push(diag_help(
                    Severity::Warning,
                    header_at,
                    "this namespace table does not say which namespace it describes",
                    "paste the az command line above the table (it carries --id)",
                ));
                return;
            };
            let known = catalog.get(&id);
            let actions = rows
                .iter()
                .filter_map(|(_, row)| {
                    Some(Action {
                        bit: row.get(2)?.parse().ok()?,
                        name: row.first()?.clone(),
                        display_name: row.get(1)?.clone(),
                    })
                })
                .collect();
            doc.namespaces.push(Namespace {
                id: id.clone(),
                name: known.map(|n| n.name.clone()).unwrap_or_else(|| id.clone()),
                display_name: known.map(|n| n.display_name.clone()).unwrap_or(id),
                separator: known.and_then(|n| n.separator),
                hierarchical: known.is_some_and(|n| n.hierarchical),
                system_bit_mask: known.map(|n| n.system_bit_mask).unwrap_or(0),
                actions,
                aliases: Vec::new(),
                source: "pasted az devops security permission namespace show".into(),
            });
        }
        Kind::NamespaceList => {
            for (_, row) in rows {
                let (Some(id), Some(name)) = (row.first(), row.get(1)) else {
                    continue;
                };
                if !is_guid(id) || catalog.get(id).is_some() {
                    continue;
                }
                doc.namespaces.push(Namespace {
                    id: id.to_ascii_lowercase(),
                    name: name.clone(),
                    display_name: name.clone(),
                    separator: Some('/'),
                    hierarchical: true,
                    system_bit_mask: 0,
                    actions: Vec::new(),
                    aliases: Vec::new(),
                    source: "pasted az devops security permission namespace list".into(),
                });
            }
        }
    }
}

fn diag(at: usize, message: &str) -> AclDiagnostic {
    super::diag(Severity::Warning, at, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::namespaces::ids;

    const SAMPLE: &str = "$ az devops security permission show --id 58450c49-b02d-465a-ab12-59ae512d6531 --subject contoso@contoso.com --token 0611925a-b287-4b0b-90a1-90f1a96e9f1f --output table\n\nName                      Bit    Permission Description                                    Permission Value\n------------------------  -----  --------------------------------------------------------  ------------------\nRead                      1      View analytics                                            Not set\nAdminister                2      Manage analytics permissions                              Allow\nReadEuii                  16     Read EUII data                                            Deny (inherited)\n\nthat's all\n";

    #[test]
    fn show_table_reads_states_with_the_command_lines_namespace_token_and_subject() {
        let (doc, diags) = read(SAMPLE).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(doc.acls.len(), 1);
        let acl = &doc.acls[0];
        assert_eq!(acl.token, "0611925a-b287-4b0b-90a1-90f1a96e9f1f");
        let ace = &acl.aces[0];
        assert_eq!(&*ace.descriptor, "contoso@contoso.com");
        assert_eq!((ace.allow, ace.deny), (2, 0));
        let ext = ace.extended.as_ref().unwrap();
        assert_eq!(
            (ext.effective_allow, ext.effective_deny, ext.inherited_deny),
            (2, 16, 16)
        );
    }

    #[test]
    fn list_table_without_command_line_warns() {
        let text = "Token                                   Effective Allow    Effective Deny\n--------------------------------------  -----------------  ----------------\nrepoV2/p/r                              2                  0\n$/087572e2                              x                  0\n";
        let (doc, diags) = read(text).unwrap();
        assert_eq!(doc.acls.len(), 1);
        assert_eq!(doc.acls[0].namespace.as_deref(), Some(ids::GIT));
        assert_eq!(&*doc.acls[0].aces[0].descriptor, UNNAMED_SUBJECT);
        assert_eq!(diags.len(), 1);
        assert!(text[diags[0].at..].starts_with("$/087"));
    }

    #[test]
    fn plain_text_is_not_a_table() {
        assert!(read("vso.code\nvso.build\n").is_none());
    }
}
