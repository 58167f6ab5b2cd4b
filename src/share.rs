//! The share link's payload, without the compression (the page uses the browser's
//! `CompressionStream("deflate-raw")`, see `web::share`): `{"v":1,"text":"…","platform":"<id>",
//! "credential":"<id>"}` as JSON, and the unpadded base64url the fragment carries. Plain Rust, so
//! the round trip is tested natively (tests/properties.rs).

use crate::model::{Credential, Platform};
use serde_json::Value;

/// What a link holds: the paste text and the overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub text: String,
    pub platform: Option<Platform>,
    pub credential: Option<Credential>,
}

/// Why a payload could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadError {
    /// Not JSON, or a field of the wrong kind, or no text.
    Damaged,
    /// Another version of the format.
    OtherVersion,
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// Read unpadded base64url; `None` on any other character.
pub fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes() {
        acc = (acc << 6) | ALPHABET.iter().position(|a| *a == c)? as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The payload's JSON (an override is left out when it is "Auto-detect").
pub fn encode(shared: &Shared) -> String {
    let mut json = format!("{{\"v\":1,\"text\":{}", quoted(&shared.text));
    let overrides = [
        ("platform", shared.platform.map(Platform::id)),
        ("credential", shared.credential.map(Credential::id)),
    ];
    for (key, id) in overrides {
        if let Some(id) = id {
            json += &format!(",\"{key}\":{}", quoted(id));
        }
    }
    json.push('}');
    json
}

/// Read a payload: version 1, string values, a text. Unknown override ids read as "Auto-detect".
pub fn decode(json: &[u8]) -> Result<Shared, PayloadError> {
    let value: Value = serde_json::from_slice(json).map_err(|_| PayloadError::Damaged)?;
    if value.get("v").and_then(Value::as_u64) != Some(1) {
        return Err(PayloadError::OtherVersion);
    }
    let field = |key| match value.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(PayloadError::Damaged),
    };
    Ok(Shared {
        text: field("text")?.ok_or(PayloadError::Damaged)?.to_string(),
        platform: field("platform")?.and_then(Platform::from_id),
        credential: field("credential")?.and_then(Credential::from_id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_the_rfc_4648_vectors_without_padding() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), encoded);
            assert_eq!(unbase64url(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(unbase64url("a+b/"), None);
    }

    #[test]
    fn refuses_other_versions_and_wrong_kinds() {
        assert_eq!(
            decode(br#"{"v":2,"text":"x"}"#),
            Err(PayloadError::OtherVersion)
        );
        assert_eq!(decode(br#"{"v":1,"text":3}"#), Err(PayloadError::Damaged));
        assert_eq!(decode(br#"{"v":1}"#), Err(PayloadError::Damaged));
        assert_eq!(decode(b"not json"), Err(PayloadError::Damaged));
        let unknown = decode(br#"{"v":1,"text":"x","platform":"nope"}"#).unwrap();
        assert_eq!(unknown.platform, None);
    }
}
