//! Access-denied messages, wherever they are pasted from (a `git push` log with `remote:`
//! prefixes, a pipeline log, a REST error body's `message`):
//! - `TF401027: You need the Git 'GenericContribute' permission to perform this action.`,
//!   with or without `Details: identity '…', scope '…'.`;
//! - `Access Denied: {identity} needs the following permission(s) in the {Namespace} security
//!   namespace to perform this action: {display names}. Additional details: security token:
//!   {token}, permission bits required: {N}.` (`AccessCheckException`).

use super::diag_help;
use crate::acl::{AclDiagnostic, AclDocument, AclFormat, Denial};
use crate::report::Severity;

/// Read the access-denied messages among `lines` (index, offset, line) of `text`: the document
/// and the indices of the lines that held one. `None` if there is none. Read line by line, so
/// that what else a paste holds (the token's scopes) is read beside it.
pub fn read_lines<'a>(
    text: &str,
    lines: impl IntoIterator<Item = (usize, usize, &'a str)>,
) -> Option<(AclDocument, Vec<usize>)> {
    let mut doc = AclDocument::new(AclFormat::AccessDenied, text);
    let mut held = Vec::new();
    for (index, start, line) in lines {
        let found = parse_line(line, start);
        if !found.is_empty() {
            held.push(index);
        }
        for denial in found {
            push_unique(&mut doc.denials, denial);
        }
    }
    if doc.denials.is_empty() {
        return None;
    }
    Some((doc, held))
}

/// A line of the log around an access-denied message (`git push`, a pipeline): nothing to
/// judge in it, and nothing to warn about.
pub fn is_log_noise(line: &str) -> bool {
    let t = line.trim_start();
    const PREFIXES: &[&str] = &[
        "remote:",
        "fatal:",
        "error:",
        "hint:",
        "To ",
        "! [",
        "##[error]",
        "##[section]",
        "##[warning]",
        "Enumerating objects",
        "Counting objects",
        "Delta compression",
        "Compressing objects",
        "Writing objects",
        "Total ",
    ];
    PREFIXES.iter().any(|p| t.starts_with(p))
}

/// Read the message of a REST error body, which starts at byte `start` of `text`.
pub fn read_at(
    message: &str,
    start: usize,
    text: &str,
) -> Option<(AclDocument, Vec<AclDiagnostic>)> {
    let mut doc = AclDocument::new(AclFormat::AccessDenied, text);
    // The message sits inside a JSON string: offsets inside it are approximate, so point at its
    // start.
    for mut denial in parse_line(message, start) {
        denial.at = start;
        push_unique(&mut doc.denials, denial);
    }
    if doc.denials.is_empty() {
        return None;
    }
    let mut diags = Vec::new();
    if doc.denials.iter().all(|d| d.identity.is_none()) {
        diags.push(diag_help(
            Severity::Info,
            start,
            "this error does not say which identity was denied",
            "the verdict applies to the account or token that made the failing call",
        ));
    }
    Some((doc, diags))
}

fn push_unique(list: &mut Vec<Denial>, denial: Denial) {
    let same = |d: &Denial| {
        d.namespace == denial.namespace
            && d.permissions == denial.permissions
            && d.identity == denial.identity
            && d.token == denial.token
            && d.bits == denial.bits
    };
    if !list.iter().any(same) {
        list.push(denial);
    }
}

/// Text between `open` and the next `close` after `from`.
fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<(usize, &'a str)> {
    let a = s.find(open)? + open.len();
    let rest = s.get(a..)?;
    let b = rest.find(close)?;
    Some((a, rest.get(..b)?))
}

fn parse_line(line: &str, line_start: usize) -> Vec<Denial> {
    let mut out = Vec::new();
    // TF401027 (Git).
    let mut search = 0;
    while let Some(pos) = line.get(search..).and_then(|s| s.find("TF401027")) {
        let begin = search + pos;
        let rest = line.get(begin..).unwrap_or("");
        search = begin + "TF401027".len();
        let Some((_, namespace)) = between(rest, "need the ", " '") else {
            continue;
        };
        let Some((_, permission)) = between(rest, &format!("need the {namespace} '"), "'") else {
            continue;
        };
        let identity = between(rest, "identity '", "'").map(|(_, s)| s.to_string());
        let scope = between(rest, "scope '", "'").map(|(_, s)| s.to_string());
        // Up to the sentence's full stop: the one before " Details", or the one of "action.".
        let end = rest
            .find(". Details")
            .map(|i| i + 1)
            .or_else(|| rest.find("action.").map(|i| i + "action.".len()))
            .unwrap_or(rest.len());
        let message = match rest
            .find("scope '")
            .and_then(|s| rest[s..].find("'.").map(|e| s + e + 2))
        {
            Some(e) => rest.get(..e).unwrap_or(rest),
            None => rest.get(..end.max(1)).unwrap_or(rest),
        };
        out.push(Denial {
            namespace: namespace.trim().to_string(),
            identity,
            permissions: vec![permission.to_string()],
            bits: None,
            token: scope.filter(|s| !s.eq_ignore_ascii_case("repository")),
            message: message.trim().trim_end_matches(',').to_string(),
            at: line_start + begin,
        });
    }
    // "needs the following permission(s)" (AccessCheckException).
    let marker = " needs the following permission";
    if let Some(pos) = line.find(marker) {
        let head = line.get(..pos).unwrap_or("");
        let (id_start, identity) = [
            "Access Denied: ",
            "Access denied: ",
            "AccessCheckException: ",
        ]
        .iter()
        .filter_map(|p| {
            head.rfind(p)
                .map(|i| (i + p.len(), head.get(i + p.len()..)))
        })
        .max_by_key(|(i, _)| *i)
        .and_then(|(i, s)| s.map(|s| (i, s)))
        .unwrap_or((0, head.trim()));
        let tail = line.get(pos..).unwrap_or("");
        let namespace = between(tail, "in the ", " security namespace")
            .map(|(_, s)| s.trim().to_string())
            .unwrap_or_default();
        let perms_text = tail
            .find("to perform this action: ")
            .and_then(|i| tail.get(i + "to perform this action: ".len()..))
            .map(|s| {
                let cut = s.find(". Additional details").unwrap_or(s.len());
                s.get(..cut)
                    .unwrap_or(s)
                    .trim()
                    .trim_end_matches('.')
                    .to_string()
            })
            .unwrap_or_default();
        let token = between(tail, "security token: ", ", permission bits required")
            .map(|(_, s)| s.trim().to_string());
        let bits = tail
            .find("permission bits required: ")
            .and_then(|i| tail.get(i + "permission bits required: ".len()..))
            .map(|s| {
                s.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .and_then(|d| d.parse().ok());
        let permissions = if perms_text.is_empty() {
            Vec::new()
        } else {
            vec![perms_text]
        };
        let begin = if id_start > 0 {
            head.rfind("Access")
                .or_else(|| head.rfind("AccessCheckException"))
                .unwrap_or(id_start)
        } else {
            head.len() - head.trim_start().len()
        };
        let message = line.get(begin..).unwrap_or(line).trim().to_string();
        out.push(Denial {
            namespace,
            identity: Some(identity.trim().to_string()).filter(|s| !s.is_empty()),
            permissions,
            bits,
            token,
            message,
            at: line_start + begin,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message of a whole text, as the line reader finds them.
    fn read(text: &str) -> Option<(AclDocument, Vec<usize>)> {
        let lines = crate::source::lines_with_offsets(text)
            .enumerate()
            .map(|(i, (at, line))| (i, at, line));
        read_lines(text, lines)
    }

    #[test]
    fn tf401027_with_details_from_a_git_push_log() {
        let text = "$ git push origin main\nremote: 001f# service=git-receive-pack\nremote: 0000000000aaTF401027: You need the Git 'GenericContribute' permission to perform this action. Details: identity 'Build\\9ae909ca-d00d-4819-ad4a-736f9b355ad8', scope 'repository'.\nremote: TF401027: You need the Git 'GenericContribute' permission to perform this action. Details: identity 'Build\\9ae909ca-d00d-4819-ad4a-736f9b355ad8', scope 'repository'.\nfatal: unable to access 'https://dev.azure.com/Demo/T/_git/T/': The requested URL returned error: 403\n";
        let (doc, held) = read(text).unwrap();
        assert_eq!(held, vec![2, 3], "the lines with a message");
        assert_eq!(doc.denials.len(), 1, "the repeated line is one denial");
        let d = &doc.denials[0];
        assert_eq!(d.namespace, "Git");
        assert_eq!(d.permissions, vec!["GenericContribute"]);
        assert_eq!(
            d.identity.as_deref(),
            Some("Build\\9ae909ca-d00d-4819-ad4a-736f9b355ad8")
        );
        assert!(text[d.at..].starts_with("TF401027"));
        assert!(d.message.ends_with("scope 'repository'."), "{}", d.message);
    }

    #[test]
    fn tf401027_short_form() {
        let text = "Error: TF401027: You need the Git 'CreateRepository' permission to perform this action.\n";
        let (doc, _) = read(text).unwrap();
        let d = &doc.denials[0];
        assert_eq!(d.permissions, vec!["CreateRepository"]);
        assert_eq!(d.identity, None);
        assert_eq!(d.at, 7);
    }

    #[test]
    fn access_check_exception_with_bits_and_token() {
        let text = "Error: Access Denied: 12345678-1234-1234-1234-123456789012 needs the following permission(s) in the Identity security namespace to perform this action: Edit identity information. Additional details: security token: 12345678-1234-1234-1234-123456789012, permission bits required: 2.";
        let (doc, _) = read(text).unwrap();
        let d = &doc.denials[0];
        assert_eq!(d.namespace, "Identity");
        assert_eq!(d.permissions, vec!["Edit identity information"]);
        assert_eq!(d.bits, Some(2));
        assert_eq!(
            d.token.as_deref(),
            Some("12345678-1234-1234-1234-123456789012")
        );
        assert_eq!(
            d.identity.as_deref(),
            Some("12345678-1234-1234-1234-123456789012")
        );
        assert_eq!(d.at, 7);
    }

    #[test]
    fn prose_without_a_message_is_not_read() {
        assert!(read("nothing to see here\nvso.code\n").is_none());
    }
}
