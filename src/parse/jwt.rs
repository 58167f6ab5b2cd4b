//! JWTs, decoded locally and never verified (permcheck reads the claims, it does not trust them
//! for anything but the scope list): `scp`, `aud`, `tid`, `upn`.

use super::{json, Block, BlockKind, Parsed};
use crate::evidence::Expiry;
use crate::report::Severity;
use crate::source::Span;

/// The id of a raw JWT input.
pub const FORMAT: &str = "jwt";
/// The id of a JWT's decoded claims.
pub const CLAIMS_FORMAT: &str = "jwt-claims";

pub fn parse_raw(parsed: &mut Parsed, start: usize) {
    let text = parsed.text.get(start..).unwrap_or("").to_string();
    let lead = text.len() - text.trim_start().len();
    let token = text.trim();
    let (token, prefix) = match token.strip_prefix("Bearer ") {
        Some(t) => (t.trim(), 7),
        None => (token, 0),
    };
    let token_at = start + lead + prefix;
    decode_token(parsed, token, token_at);
}

/// Decode one JWT found at byte `token_at` (raw, or as a string inside JSON).
pub fn decode_token(parsed: &mut Parsed, token: &str, token_at: usize) {
    let mut parts = token.split('.');
    let (Some(header), Some(payload)) = (parts.next(), parts.next()) else {
        return;
    };
    let payload_at = token_at + header.len() + 1;
    let header_ok = base64url_decode(header)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v.get("alg").is_some() || v.get("typ").is_some());
    if !header_ok {
        parsed.diagnose(
            Severity::Error,
            token_at,
            "this looks like a JWT but its header does not decode to JSON".into(),
            Some(
                "paste the whole token (three parts separated by dots), or its decoded claims"
                    .into(),
            ),
        );
        return;
    }
    let claims = match base64url_decode(payload) {
        Ok(bytes) => match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(v) => v,
            Err(e) => {
                parsed.diagnose(
                    Severity::Error,
                    payload_at,
                    format!("the JWT's payload (second part) is not valid JSON: {e}"),
                    Some("the token may be cut off: copy it again in full".into()),
                );
                return;
            }
        },
        Err(at) => {
            parsed.diagnose(
                Severity::Error,
                payload_at + at,
                "the JWT's payload (second part) is not valid base64url".into(),
                Some("the token may be cut off or wrapped: copy it again in full".into()),
            );
            return;
        }
    };
    // The grants are located at the payload: their text is inside the encoded part.
    let payload_span = Span::new(payload_at, payload_at + payload.len());
    let before = parsed.credentials.len();
    let outer = parsed.in_jwt.replace(payload_span);
    json::dispatch(
        parsed,
        &claims,
        Block {
            start: payload_at,
            end: payload_at + payload.len(),
            kind: BlockKind::Json,
        },
    );
    parsed.in_jwt = outer;
    set_expiry(parsed, &claims, before, payload_span);
}

/// A token's `exp` claim (seconds since 1970) is its expiry: set it on the credentials its
/// claims yielded.
pub fn set_expiry(parsed: &mut Parsed, claims: &serde_json::Value, from: usize, span: Span) {
    let Some(exp) = claims.get("exp").and_then(serde_json::Value::as_i64) else {
        return;
    };
    for credential in parsed.credentials.iter_mut().skip(from) {
        credential.expires.get_or_insert(Expiry { at: exp, span });
    }
}

/// Decode unpadded or padded base64url (or standard base64). On error, the offset of the bad
/// character.
pub fn base64url_decode(input: &str) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for (i, c) in input.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return Err(i),
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xFF) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base64url() {
        assert_eq!(
            base64url_decode("eyJhIjoxfQ").as_deref(),
            Ok(&b"{\"a\":1}"[..])
        );
        assert_eq!(base64url_decode("ab$c"), Err(2));
    }
}
