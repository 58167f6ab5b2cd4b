//! Secrets pasted by mistake: a token itself says nothing about its scopes. It is recognised by
//! its shape (each platform folder declares its own), the user is told what to paste instead,
//! and no diagnostic ever echoes its characters.

use super::Parsed;
use crate::platforms::{SecretShape, REGISTRY};
use crate::report::Severity;

/// The secret shape `token` has, if any.
pub fn shape_of(token: &str) -> Option<&'static SecretShape> {
    let token = token.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | ',' | ';'));
    if token.len() < 12 {
        return None;
    }
    REGISTRY
        .iter()
        .flat_map(|m| m.secret_shapes().iter())
        .find(|shape| {
            if shape.prefix.is_empty() {
                shape.matches.is_some_and(|f| f(token))
            } else {
                token.starts_with(shape.prefix)
                    && token.len() > shape.prefix.len() + 8
                    && token[shape.prefix.len()..]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'='))
                    && shape.matches.is_none_or(|f| f(token))
            }
        })
}

/// Say that a secret was pasted at byte `at`, without echoing it.
pub fn report(parsed: &mut Parsed, at: usize, shape: &SecretShape) {
    parsed.diagnose(
        Severity::Warning,
        at,
        format!(
            "this is {} itself, not its scopes: it was not read further and was not sent anywhere",
            shape.what
        ),
        Some(format!(
            "paste {} instead; if this secret was shared by mistake, revoke it",
            shape.paste_instead
        )),
    );
}

/// Say that a response holds its token's secret in the field `field` (a token just created or
/// rotated), at byte `at`, without echoing it.
pub fn report_field(parsed: &mut Parsed, at: usize, field: &str) {
    parsed.diagnose(
        Severity::Warning,
        at,
        format!("this response holds the token's secret (`{field}`): it was not read and was not sent anywhere"),
        Some(format!("leave the `{field}` line out when you paste; if this secret was shared by mistake, revoke the token")),
    );
}

/// `text` with every secret-shaped or long opaque token cut to its first four characters, for
/// diagnostics that quote the input.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let word_len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | ';'))
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(
            word_len
                .max(rest.chars().next().map_or(1, char::len_utf8))
                .min(rest.len()),
        );
        if is_secret(word) {
            hide(&mut out, word);
        } else {
            // A secret inside a word: `GITLAB_TOKEN=glpat-…`, `https://user:TOKEN@host/…`.
            const DELIMITERS: [char; 6] = ['=', ':', '@', '/', '?', '&'];
            for part in word.split_inclusive(DELIMITERS) {
                let (value, delimiter) = match part.strip_suffix(DELIMITERS) {
                    Some(value) => part.split_at(value.len()),
                    None => (part, ""),
                };
                if is_secret(value) {
                    hide(&mut out, value);
                } else {
                    out.push_str(value);
                }
                out.push_str(delimiter);
            }
        }
        rest = after;
    }
    out
}

fn is_secret(word: &str) -> bool {
    shape_of(word).is_some() || is_opaque(word)
}

fn hide(out: &mut String, secret: &str) {
    out.extend(secret.chars().take(4));
    out.push_str("…(secret, not shown)");
}

/// A long run of letters and digits with no word in it: a key, a hash, a signature.
pub fn is_opaque(word: &str) -> bool {
    word.len() >= 32
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/' | b'='))
        && word.bytes().filter(u8::is_ascii_digit).count() >= 4
        && !word.contains("__")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_opaque_tokens_are_never_echoed() {
        let line = "token: 3q2+7wAAAAAAabcdefghijklmnop0123456789ZZ and more";
        let shown = redact(line);
        assert!(!shown.contains("abcdefghijklmnop"), "{shown}");
        assert!(shown.contains("and more"));
        assert_eq!(redact("vso.code vso.build"), "vso.code vso.build");
    }

    #[test]
    fn secrets_inside_a_word_are_never_echoed() {
        let shown = redact("GITLAB_TOKEN=glpat-AbCdEfGhIjKlMnOpQrSt");
        assert!(!shown.contains("AbCdEfGhIj"), "{shown}");
        assert!(shown.starts_with("GITLAB_TOKEN=glpa"), "{shown}");
        let url = "git clone https://x-token-auth:ATCTT3xFfGN0abcdefghijklmnopqrstuvwxyz0123456789ABCDEF@bitbucket.org/acme/repo.git";
        let shown = redact(url);
        assert!(!shown.contains("abcdefghij"), "{shown}");
        assert!(shown.contains("@bitbucket.org/acme/repo.git"), "{shown}");
        assert_eq!(
            redact("https://dev.azure.com/contoso/_apis"),
            "https://dev.azure.com/contoso/_apis"
        );
    }
}
