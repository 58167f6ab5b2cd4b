//! Format detection: which parser an input needs. Detection looks only at the shape of the text;
//! the parsers then check it properly and say where it goes wrong.

use crate::acl::AclFormat;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Format {
    /// `GET _apis/tokens/pats` (or a single `patToken`) JSON.
    AzureDevopsPatList,
    /// User entitlement JSON with `accessLevel` (REST or `az devops user show`).
    AzureDevopsEntitlement,
    /// A raw JWT (three base64url segments), decoded locally.
    Jwt,
    /// The decoded JSON claims of a JWT (`scp`).
    JwtClaims,
    /// A Bitbucket Cloud error body (403 with `required`/`granted`, 410, …).
    BitbucketErrorBody,
    /// Any other JSON that carries `scopes`/`scope`.
    ScopeJson,
    /// Line-oriented text: scope ids, PAT-page labels, app-password labels, consent sentences,
    /// HTTP response headers (`curl -i`), in any mix.
    Text,
}

impl Format {
    pub fn id(self) -> &'static str {
        match self {
            Format::AzureDevopsPatList => "azure-devops-pat-list",
            Format::AzureDevopsEntitlement => "azure-devops-user-entitlement",
            Format::Jwt => "jwt",
            Format::JwtClaims => "jwt-claims",
            Format::BitbucketErrorBody => "bitbucket-error-body",
            Format::ScopeJson => "scope-json",
            Format::Text => "text",
        }
    }

    /// What the page calls it.
    pub fn label(self) -> &'static str {
        match self {
            Format::AzureDevopsPatList => "Azure DevOps PAT list",
            Format::AzureDevopsEntitlement => "Azure DevOps user entitlement",
            Format::Jwt => "JWT",
            Format::JwtClaims => "JWT claims",
            Format::BitbucketErrorBody => "Bitbucket error body",
            Format::ScopeJson => "JSON with scopes",
            Format::Text => "text",
        }
    }

    /// Every format, for looking one up by id (keep in step with the enum).
    pub const ALL: &'static [Format] = &[
        Format::AzureDevopsPatList,
        Format::AzureDevopsEntitlement,
        Format::Jwt,
        Format::JwtClaims,
        Format::BitbucketErrorBody,
        Format::ScopeJson,
        Format::Text,
    ];
}

/// What an input's format id (a report's `inputs[].format`) names, for people: the page shows
/// this, the report keeps the id.
pub fn format_label(id: &str) -> &str {
    Format::ALL
        .iter()
        .find(|f| f.id() == id)
        .map(|f| f.label())
        .or_else(|| acl_format(id).map(AclFormat::label))
        .unwrap_or(id)
}

/// Whether a format id names ACL input (its subjects are identities, not credentials).
pub fn is_acl_format(id: &str) -> bool {
    acl_format(id).is_some()
}

fn acl_format(id: &str) -> Option<AclFormat> {
    AclFormat::ALL.iter().copied().find(|f| f.id() == id)
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
        let mut ids = std::collections::HashSet::new();
        for f in Format::ALL {
            assert!(ids.insert(f.id()), "{f:?}");
            assert_eq!(format_label(f.id()), f.label());
            assert!(!is_acl_format(f.id()), "{f:?}");
        }
        for f in AclFormat::ALL {
            assert!(
                ids.insert(f.id()),
                "{f:?}: ids are unique across both families"
            );
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
