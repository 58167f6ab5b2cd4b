//! Readers for every ACL-family format. Each returns located diagnostics (byte offsets into the
//! whole input). Output pasted with its command line, a URL or surrounding prose still reads:
//! the command line is also where the namespace and the subject come from when the output
//! itself does not say.

pub mod collection;
pub mod denied;
pub mod graph;
pub mod json;
pub mod permissions_report;
pub mod stream;
pub mod table;
pub mod tfssecurity;

use super::namespaces::ids;
use super::{AclDiagnostic, AclDocument};
use crate::report::Severity;

/// Read a text input: TFSSecurity, az table output, access-denied messages (in that order of
/// specificity). `None` when it is none of them.
pub fn read_text(text: &str) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    read_export_text(text).or_else(|| {
        let lines = crate::source::lines_with_offsets(text)
            .enumerate()
            .map(|(i, (at, line))| (i, at, line));
        denied::read_lines(text, lines).map(|(doc, _)| (doc, Vec::new()))
    })
}

/// A text that is one ACL export as a whole (`TFSSecurity` output, az's table output). An
/// access-denied message is not one: it is read line by line beside what else a paste holds.
pub fn read_export_text(text: &str) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    tfssecurity::read(text).or_else(|| table::read(text))
}

/// What a command line or request URL before the output says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// Namespace id (`--id`, `--namespace-id`, `_apis/accesscontrollists/{id}`).
    pub namespace: Option<String>,
    /// `--subject`, or `descriptors=` of the URL (one descriptor).
    pub subject: Option<String>,
    pub token: Option<String>,
    /// The az subcommand: `list`, `show`, `update`, `namespace show`, `namespace list`.
    pub command: Option<String>,
    /// The memberships a command or request lists: whose, and in which direction.
    pub membership: Option<MembershipHint>,
    /// An `_apis/identities` request asked for memberships (`queryMembership` not `None`).
    pub memberships_asked: bool,
}

/// `az devops security group membership list --id X [--relationship memberof]`, or
/// `_apis/graph/memberships/X?direction=up|down`: the groups of X (up) or its members (down).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipHint {
    pub subject: String,
    /// Its groups (`memberof`, direction `up`, the Graph default); else its members.
    pub up: bool,
}

/// Scan `text` (the part before an output) for the last az command line and request URL.
pub fn hints(text: &str) -> Hints {
    let mut h = Hints::default();
    for line in text.lines() {
        let l = line.trim().trim_start_matches(['$', '>', '#', ' ']);
        if let Some(pos) = l.find("az devops security permission") {
            let words = split_args(&l[pos..]);
            let mut found = Hints::default();
            let rest: Vec<&str> = words.iter().skip(4).map(String::as_str).collect();
            let sub: Vec<&str> = rest
                .iter()
                .take_while(|w| !w.starts_with("--"))
                .copied()
                .collect();
            found.command = Some(sub.join(" "));
            let mut i = 0;
            while i < rest.len() {
                if !rest.get(i).is_some_and(|w| w.starts_with("--")) {
                    i += 1;
                    continue;
                }
                let (flag, inline) = match rest.get(i).and_then(|w| w.split_once('=')) {
                    Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
                    _ => (rest.get(i).copied().unwrap_or(""), None),
                };
                let mut value = match inline {
                    Some(v) => Some(v),
                    None => {
                        i += 1;
                        rest.get(i).map(|s| s.to_string())
                    }
                };
                // A documentation placeholder such as `<Group or user descriptor>`.
                if let Some(v) = value.as_mut() {
                    while v.starts_with('<') && !v.ends_with('>') {
                        i += 1;
                        match rest.get(i) {
                            Some(w) => {
                                v.push(' ');
                                v.push_str(w);
                            }
                            None => break,
                        }
                    }
                }
                match flag {
                    "--id" | "--namespace-id" => found.namespace = value.map(|v| v.to_lowercase()),
                    "--subject" => found.subject = value,
                    "--token" => found.token = value,
                    _ => {}
                }
                i += 1;
            }
            h = found;
        }
        if let Some(pos) = l.find("az devops security group membership list") {
            let words = split_args(&l[pos..]);
            let flag = |name: &str| {
                words
                    .iter()
                    .position(|w| w == name)
                    .and_then(|i| words.get(i + 1))
                    .cloned()
                    .or_else(|| {
                        words.iter().find_map(|w| {
                            w.strip_prefix(name)
                                .and_then(|v| v.strip_prefix('='))
                                .map(str::to_string)
                        })
                    })
            };
            if let Some(id) = flag("--id") {
                let up = flag("--relationship").is_some_and(|r| r.eq_ignore_ascii_case("memberof"));
                h.membership = Some(MembershipHint { subject: id, up });
            }
        }
        let lower = l.to_ascii_lowercase();
        if let Some(pos) = lower.find("_apis/graph/memberships/") {
            let rest = &l[pos + "_apis/graph/memberships/".len()..];
            let subject: String = rest
                .chars()
                .take_while(|c| !matches!(c, '?' | '/' | '&' | ' ' | '\t'))
                .collect();
            // A path with a second descriptor is one membership (member/container), not a list.
            let single = rest
                .get(subject.len()..)
                .is_some_and(|r| r.starts_with('/'));
            if !subject.is_empty() && !single {
                let up = !lower.contains("direction=down");
                h.membership = Some(MembershipHint {
                    subject: percent_decode(&subject),
                    up,
                });
            }
        }
        if let Some(pos) = lower.find("querymembership=") {
            let value: String = lower[pos + "querymembership=".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            h.memberships_asked = !value.is_empty() && value != "none";
        }
        for marker in [
            "accesscontrollists/",
            "securitynamespaces/",
            "permissions/",
            "securitynamespaceid=",
        ] {
            if let Some(pos) = lower.find(marker) {
                let id: String = l[pos + marker.len()..].chars().take(36).collect();
                if is_guid(&id) {
                    h.namespace = Some(id.to_lowercase());
                }
            }
        }
        if let Some(pos) = lower.find("descriptors=") {
            let raw: String = l[pos + "descriptors=".len()..]
                .chars()
                .take_while(|c| *c != '&' && !c.is_whitespace())
                .collect();
            let decoded = percent_decode(&raw);
            if !decoded.contains(',') && !decoded.is_empty() {
                h.subject = Some(decoded);
            }
        }
        if let Some(pos) = lower.find("token=") {
            let raw: String = l[pos + "token=".len()..]
                .chars()
                .take_while(|c| *c != '&' && !c.is_whitespace())
                .collect();
            if !raw.is_empty() && h.token.is_none() {
                h.token = Some(percent_decode(&raw));
            }
        }
    }
    h
}

fn split_args(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                any = true;
            }
            None if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            None => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'%' {
            if let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The namespace a token's shape shows (§2), when only one namespace uses that shape.
pub fn infer_namespace(token: &str) -> Option<&'static str> {
    // Compared without ASCII case, in place: a big export's reader asks once per ACL.
    let t = token.trim();
    let starts = |p: &str| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    let is = |p: &str| t.eq_ignore_ascii_case(p);
    Some(if starts("repov2") {
        ids::GIT
    } else if starts("$project") {
        ids::PROJECT
    } else if is("namespace") || starts("namespace:") {
        ids::COLLECTION
    } else if starts("$process") {
        ids::PROCESS
    } else if starts("library/") || is("library") {
        ids::LIBRARY
    } else if starts("environments") {
        ids::ENVIRONMENT
    } else if starts("publishersecurity") {
        "cb594ebe-87dd-4fc9-ac2c-6a10a4c92046"
    } else if starts("$/shared/") {
        "d34d3680-dfe5-4cc6-a949-7d9c68f73cba"
    } else if starts("endpoints/") || is("endpoints") {
        "49b48001-ca20-4adc-8111-5b60c903a50c"
    } else if is("frameworkglobalsecurity") {
        ids::SERVER
    } else if is("/allpermissions") {
        "a6cc6381-a1ca-4b36-b3c1-4e65211e82b6"
    } else if starts("agentpools")
        || starts("agentqueues")
        || starts("machinegroups")
        || starts("deploymentpools")
    {
        "101eae8c-1709-47f9-b228-0e476c35b3ba"
    } else if is("buildprivileges") {
        "302acaca-b667-436d-a946-87133492041c"
    } else if starts("plan/") {
        "bed337f8-e5f3-4fb9-80da-81e17d06e7a8"
    } else {
        return None;
    })
}

/// The byte offset of `needle` in `text` at or after `from` (moved on to a character boundary:
/// readers step their cursors a byte past what they found, which may be the start of a
/// multi-byte character), if any.
pub fn find_from(text: &str, from: usize, needle: &str) -> Option<usize> {
    let mut start = from.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..)
        .and_then(|rest| rest.find(needle))
        .map(|i| i + start)
}

/// Where a JSON string value sits in the raw text (searching its escaped form).
pub fn find_json_string(text: &str, from: usize, value: &str) -> Option<usize> {
    let escaped = serde_json::to_string(value).ok()?;
    find_from(text, from, &escaped)
}

pub fn diag(severity: Severity, at: usize, message: impl Into<String>) -> AclDiagnostic {
    AclDiagnostic {
        severity,
        at,
        message: message.into(),
        help: None,
    }
}

pub fn diag_help(
    severity: Severity,
    at: usize,
    message: impl Into<String>,
    help: impl Into<String>,
) -> AclDiagnostic {
    AclDiagnostic {
        severity,
        at,
        message: message.into(),
        help: Some(help.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_and_urls_give_namespace_subject_and_token() {
        let h = hints("$ az devops security permission show --id 58450c49-b02d-465a-ab12-59ae512d6531 --subject contoso@contoso.com --token 0611925a --output table\n");
        assert_eq!(
            h.namespace.as_deref(),
            Some("58450c49-b02d-465a-ab12-59ae512d6531")
        );
        assert_eq!(h.subject.as_deref(), Some("contoso@contoso.com"));
        assert_eq!(h.token.as_deref(), Some("0611925a"));
        assert_eq!(h.command.as_deref(), Some("show"));
        let h = hints("GET https://dev.azure.com/o/_apis/AccessControlLists/52d39943-cb85-4d7f-8fa8-c6baac873819?descriptors=Microsoft.IdentityModel.Claims.ClaimsIdentity%3B72f9%5Cu%40x.com&includeExtendedInfo=true");
        assert_eq!(h.namespace.as_deref(), Some(ids::PROJECT));
        assert_eq!(
            h.subject.as_deref(),
            Some("Microsoft.IdentityModel.Claims.ClaimsIdentity;72f9\\u@x.com")
        );
        let h = hints("az devops security permission update --namespace-id=CB594EBE-87DD-4FC9-AC2C-6A10A4C92046 --subject \"aadgp.Uy0x\" --token 'a b'");
        assert_eq!(
            h.namespace.as_deref(),
            Some("cb594ebe-87dd-4fc9-ac2c-6a10a4c92046")
        );
        assert_eq!(h.subject.as_deref(), Some("aadgp.Uy0x"));
        assert_eq!(h.token.as_deref(), Some("a b"));
    }

    #[test]
    fn token_shapes_name_their_namespace() {
        assert_eq!(infer_namespace("repoV2/p/r"), Some(ids::GIT));
        assert_eq!(
            infer_namespace("$PROJECT:vstfs:///Classification/TeamProject/x"),
            Some(ids::PROJECT)
        );
        assert_eq!(
            infer_namespace("Library/p/VariableGroup/1"),
            Some(ids::LIBRARY)
        );
        assert_eq!(
            infer_namespace("0611925a-b287-4b0b-90a1-90f1a96e9f1f"),
            None
        );
    }
}
