//! Format detection: which parser an input needs. Detection looks only at the shape of the text;
//! the parsers then check it properly and say where it goes wrong.

use crate::platforms::FORMAT_LISTS;

/// Formats the shared readers report; every platform folder adds its own (its `FORMATS`, read
/// through the registry's data lists, so the page links no reader).
const GENERIC_FORMATS: &[(&str, &str)] = &[
    (crate::parse::jwt::FORMAT, "JWT"),
    (crate::parse::jwt::CLAIMS_FORMAT, "JWT claims"),
    (crate::parse::json::SCOPE_JSON, "JSON with scopes"),
    (crate::parse::text::FORMAT, "text"),
];

/// What an input's format id (a report's `inputs[].format`) names, for people: the page shows
/// this, the report keeps the id.
pub fn format_label(id: &str) -> &str {
    GENERIC_FORMATS
        .iter()
        .find(|(f, _)| *f == id)
        .map(|(_, label)| *label)
        .or_else(|| {
            FORMAT_LISTS
                .iter()
                .flat_map(|list| list.iter())
                .find(|f| f.id == id)
                .map(|f| f.label)
        })
        .or_else(|| {
            crate::acl::AclFormat::ALL
                .iter()
                .find(|f| f.id() == id)
                .map(|f| f.label())
        })
        .unwrap_or(id)
}

/// Whether a format id names Azure DevOps ACL input (its subjects are identities, not
/// credentials): the page counts them as identities.
pub fn is_acl_format(id: &str) -> bool {
    crate::acl::AclFormat::ALL.iter().any(|f| f.id() == id)
}

/// The shape of the input, before any parser has run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Empty,
    /// Starts like JSON (`{` or `[` after any leading command line).
    Json,
    Jwt,
    Text,
}

/// Decide the input's shape. `body` is the text after a leading shell prompt/command line.
pub fn shape(body: &str) -> Shape {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return Shape::Empty;
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        // A JSON array of plain strings is a scope list; let the text parser take it.
        if trimmed.starts_with('[') && !trimmed.contains('{') {
            return Shape::Text;
        }
        return Shape::Json;
    }
    if looks_like_jwt(trimmed) {
        return Shape::Jwt;
    }
    Shape::Text
}

/// `xxx.yyy.zzz` in base64url, optionally after "Bearer ", with a header that starts `eyJ`
/// (the base64 of `{"`).
pub fn looks_like_jwt(text: &str) -> bool {
    let token = text.strip_prefix("Bearer ").unwrap_or(text).trim();
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() == 3
        && token.starts_with("eyJ")
        && parts[..2].iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'=')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_id_has_a_label() {
        for (id, label) in GENERIC_FORMATS {
            assert_eq!(format_label(id), *label);
        }
        for f in crate::acl::AclFormat::ALL {
            assert_ne!(format_label(f.id()), f.id(), "{f:?}");
            assert!(is_acl_format(f.id()), "{f:?}");
        }
        assert_eq!(format_label("something-new"), "something-new");
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("  \n"), Shape::Empty);
        assert_eq!(shape("{\"a\":1}"), Shape::Json);
        assert_eq!(shape("[\"vso.code\"]"), Shape::Text);
        assert_eq!(
            shape("eyJhbGciOiJIUzI1NiJ9.eyJzY3AiOiJ2c28uY29kZSJ9.c2ln"),
            Shape::Jwt
        );
        assert_eq!(shape("vso.code vso.build"), Shape::Text);
    }
}
