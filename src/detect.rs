//! Format detection: which parser an input needs. Detection looks only at the shape of the text;
//! the parsers then check it properly and say where it goes wrong.

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
