//! A JSON block: each platform folder's readers are asked first (`_apis/tokens/pats`, user
//! entitlements, Bitbucket error bodies, …); what none claims is read here when it carries a
//! scope list (`scopes` / `scope`) or a JWT, and reported otherwise. serde_json gives no spans,
//! so values are located by searching the raw text from a moving cursor (helpers below, shared
//! with the platform readers).

use super::scopes::{self, scan_list, Item};
use super::{Block, Parsed};
use crate::platforms::REGISTRY;
use crate::report::Severity;
use crate::source::Span;
use crate::Options;
use serde_json::Value;

/// How deep JSON may nest (serde_json's own recursion limit).
pub const MAX_JSON_DEPTH: usize = 128;

/// The id of a generic JSON document with a scope list.
pub const SCOPE_JSON: &str = "scope-json";

/// Read one JSON block.
pub fn read_block(parsed: &mut Parsed, block: Block, _options: &Options) {
    let text = parsed.text.clone();
    let json_text = text.get(block.start..block.end).unwrap_or("");
    let mut stream = serde_json::Deserializer::from_str(json_text).into_iter::<Value>();
    let value = match stream.next() {
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            report_json_error(parsed, block.start, json_text, &e);
            return;
        }
        None => return,
    };
    dispatch(parsed, &value, block);
}

/// Hand a JSON value to the platform readers, then read what none claimed.
pub fn dispatch(parsed: &mut Parsed, value: &Value, block: Block) {
    let before = parsed.credentials.len();
    for module in REGISTRY {
        if module.read_json(parsed, value, block) {
            // Decoded JWT claims (`exp`): the credentials they yielded expire then.
            if parsed.in_jwt.is_none() && value.get("scp").is_some() {
                super::jwt::set_expiry(parsed, value, before, Span::new(block.start, block.end));
            }
            return;
        }
    }
    let at = block.start;
    let scopes = value.get("scopes").or_else(|| value.get("scope"));
    if let Some(scopes) = scopes.filter(|s| s.is_string() || s.is_array()) {
        let mut cursor = at;
        let items = scope_items(parsed, scopes, &mut cursor);
        let end = block.end.min(parsed.text.len());
        let before = parsed.credentials.len();
        if super::text::credentials_from_items(parsed, items, Span::new(at, end)) {
            parsed.set_format(SCOPE_JSON);
            // The token's own state, in whatever JSON lists its scopes: an expired or revoked
            // token grants nothing, whoever wrote the JSON.
            let (expires, revoked) = validity(parsed, value, at, end);
            for credential in parsed.credentials.iter_mut().skip(before) {
                credential.expires = credential.expires.or(expires);
                credential.revoked |= revoked;
            }
        }
        return;
    }
    // `az account get-access-token`, `Get-AzAccessToken`, an OAuth token response: a JWT inside.
    if let Some(map) = value.as_object() {
        for key in ["accessToken", "access_token", "Token", "token", "id_token"] {
            if let Some(token) = map
                .get(key)
                .and_then(Value::as_str)
                .filter(|t| crate::detect::looks_like_jwt(t))
            {
                let mut cursor = at;
                let token_at = find(parsed, token, &mut cursor).unwrap_or(at);
                let token = token.to_string();
                super::jwt::decode_token(parsed, &token, token_at);
                return;
            }
        }
    }
    parsed.diagnose(
        Severity::Error,
        at,
        "this JSON is not a format permcheck reads".into(),
        Some(format!("expected {}", super::EXPECTED)),
    );
}

/// The expiry (`expires_at`, `expiresAt`, `validTo`, `expiration`, `exp`) and the revoked or
/// inactive state (`revoked: true`, `active: false`) a JSON object gives its token.
fn validity(
    parsed: &Parsed,
    value: &Value,
    start: usize,
    end: usize,
) -> (Option<crate::evidence::Expiry>, bool) {
    let revoked = value.get("revoked").and_then(Value::as_bool) == Some(true)
        || value.get("active").and_then(Value::as_bool) == Some(false);
    let expires = ["expires_at", "expiresAt", "validTo", "expiration", "exp"]
        .iter()
        .find_map(|key| {
            let at = match value.get(*key)? {
                Value::String(s) => crate::evidence::parse_timestamp(s)?,
                Value::Number(n) => n.as_i64()?,
                _ => return None,
            };
            let mut cursor = start;
            let key_at = find(parsed, &format!("\"{key}\""), &mut cursor)
                .filter(|k| *k < end)
                .unwrap_or(start);
            Some(crate::evidence::Expiry {
                at,
                span: Span::new(key_at, key_at + key.len() + 2),
            })
        });
    (expires, revoked)
}

/// Text after a JSON document that was read whole: a closing command line is fine; anything
/// else is not read.
pub fn note_trailing_text(parsed: &mut Parsed, end: usize) {
    let trailing = parsed.text.get(end..).unwrap_or("");
    let rest = trailing.trim();
    if rest.is_empty()
        || rest
            .lines()
            .all(|l| super::clean::is_command_line(l) || l.trim().is_empty())
    {
        return;
    }
    let skip = trailing.len() - trailing.trim_start().len();
    parsed.diagnose(
        Severity::Info,
        end + skip,
        "text after the JSON document was not read".into(),
        Some("paste one JSON document per input; add the rest as another input".into()),
    );
}

fn report_json_error(
    parsed: &mut Parsed,
    json_start: usize,
    json_text: &str,
    e: &serde_json::Error,
) {
    // serde_json's line/column are relative to the JSON text; turn them back into an offset.
    let mut offset = json_start;
    for (i, line) in json_text.split('\n').enumerate() {
        if i + 1 == e.line() {
            offset += line
                .char_indices()
                .nth(e.column().saturating_sub(1))
                .map(|(b, _)| b)
                .unwrap_or(line.len());
            break;
        }
        offset += line.len() + 1;
    }
    // serde_json stops at 128 levels of nesting: no export nests that deep, and a limit keeps a
    // hostile paste from exhausting the stack.
    if e.to_string().contains("recursion limit exceeded") {
        parsed.diagnose(
            Severity::Error,
            offset,
            format!("this JSON nests deeper than {MAX_JSON_DEPTH} levels, which no export does; it was not read"),
            Some("paste the export as the API or the az CLI wrote it".into()),
        );
        return;
    }
    let cut_off = e.is_eof();
    let what = looks_like(json_text);
    let last_line = parsed
        .locate(Span::new(json_start + json_text.trim_end().len(), 0))
        .0;
    let closing = if cut_off {
        unclosed(json_text).map(|(close, opened_at)| {
            let opened_line = parsed.locate(Span::new(json_start + opened_at, 0)).0;
            format!(" before its closing `{close}` (opened on line {opened_line})")
        })
    } else {
        None
    };
    let message = match (cut_off, what) {
        (true, Some(what)) => format!(
            "this looks like {what} cut off: the JSON ends at line {last_line}{}",
            closing.unwrap_or_default()
        ),
        (true, None) => format!(
            "this JSON is cut off: it ends at line {last_line}{}",
            closing.unwrap_or_default()
        ),
        (false, Some(what)) => format!(
            "this looks like {what}, but it is not valid JSON here: {}",
            strip_position(&e.to_string())
        ),
        (false, None) => format!("this is not valid JSON: {}", strip_position(&e.to_string())),
    };
    let help = if cut_off {
        "copy the whole response again; a terminal or a viewer may have truncated it"
    } else {
        "fix or re-export the JSON; permcheck reads exports as they come from the API or the az CLI"
    };
    parsed.diagnose(Severity::Error, offset, message, Some(help.into()));
}

/// The bracket a cut-off JSON text still needs, and where it was opened.
fn unclosed(json_text: &str) -> Option<(char, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in json_text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' => stack.push(('}', i)),
            b'[' => stack.push((']', i)),
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.last().copied()
}

/// What a (possibly broken) JSON text most likely is, from keys only its format has.
pub(super) fn looks_like(json_text: &str) -> Option<&'static str> {
    const KEYS: &[(&str, &str)] = &[
        ("\"patTokens\"", "an _apis/tokens/pats response"),
        ("\"patToken\"", "an _apis/tokens/pats response"),
        ("\"acesDictionary\"", "an _apis/accesscontrollists response"),
        (
            "\"resolvedPermissions\"",
            "`az devops security permission show` output",
        ),
        ("\"namespaceId\"", "a security namespaces dump"),
        ("\"evaluations\"", "a permissionevaluationbatch response"),
        ("\"accountLicenseType\"", "a user entitlement"),
        ("\"accessLevel\"", "a user entitlement"),
        ("\"scp\"", "decoded JWT claims"),
        ("\"granted\"", "a Bitbucket 403 error body"),
        ("\"accessToken\"", "`az account get-access-token` output"),
        ("\"scopes\"", "a token with its scopes"),
        ("\"permissions\"", "a token with its permissions"),
    ];
    KEYS.iter()
        .find(|(key, _)| json_text.contains(key))
        .map(|(_, what)| *what)
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(pos) => message[..pos].to_string(),
        None => message.to_string(),
    }
}

/// Find `needle` in the input at or after `cursor`; advance the cursor past it.
pub fn find(parsed: &Parsed, needle: &str, cursor: &mut usize) -> Option<usize> {
    let pos = parsed.text.get(*cursor..)?.find(needle)? + *cursor;
    *cursor = pos + needle.len();
    Some(pos)
}

/// Locate a JSON string value `"key": "value"` after the cursor; returns the offset of the
/// value's first character.
pub fn find_string_value(
    parsed: &Parsed,
    key: &str,
    value: &str,
    cursor: &mut usize,
) -> Option<usize> {
    let key_at = find(parsed, &format!("\"{key}\""), cursor)?;
    let mut after_key = key_at;
    let value_at = find(parsed, &format!("\"{value}"), &mut after_key)?;
    *cursor = value_at + 1;
    Some(value_at + 1)
}

/// The strings of a scope value: one string (space- or comma-separated) or an array of strings.
pub fn scope_strings(scopes: &Value) -> Vec<String> {
    match scopes {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// Read a scope list given as one string or an array of strings, located in the text; unknown
/// ids are reported.
pub fn scope_items(parsed: &mut Parsed, scopes: &Value, cursor: &mut usize) -> Vec<Item> {
    let mut items = Vec::new();
    let mut unknown = Vec::new();
    for s in scope_strings(scopes) {
        let at = find(parsed, &format!("\"{s}"), cursor)
            .map(|p| p + 1)
            .unwrap_or(*cursor);
        let scan = scan_list(&s, at);
        items.extend(scan.items);
        unknown.extend(scan.unknown);
    }
    scopes::report_unknown(parsed, &unknown);
    items
}

/// A JSON string or number field, as text.
pub fn text_of(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::{Input, Options};

    fn run(text: &str) -> super::Parsed {
        crate::parse::parse_input(&Input::new("t", text), &Options::default())
    }

    #[test]
    fn cut_off_json_is_located_with_its_missing_bracket() {
        let p = run("{\n  \"patTokens\": [\n    {\"scope\": \"vso.code\"");
        assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
        let message = &p.diagnostics[0].message;
        assert!(message.contains("cut off"), "{message}");
        assert!(message.contains("ends at line 3"), "{message}");
        assert!(message.contains("closing `}`"), "{message}");
        assert_eq!(p.diagnostics[0].line, 3);
    }

    #[test]
    fn too_deep_json_is_refused_with_its_place() {
        let text = format!("{}1{}", "{\"a\":".repeat(200), "}".repeat(200));
        let p =
            crate::parse::parse_input(&crate::Input::new("deep.json", text), &Options::default());
        assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
        assert!(p.diagnostics[0]
            .message
            .contains("nests deeper than 128 levels"));
    }
}
