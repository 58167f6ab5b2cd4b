//! Recorded HTTP exchanges as go-vcr writes them (YAML: `interactions: - request: {url, method,
//! headers} response: {body, headers, status, code}`), the form test suites keep real Bitbucket
//! Server responses in. Only that subset of YAML is read: block mappings, `- value` header
//! lists, plain, single-quoted (folded over lines, `''` for a quote), double-quoted and `|` / `>`
//! block scalars. Anything else is skipped, never guessed.

use crate::source::lines_with_offsets;

/// One request and its response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interaction {
    pub method: Option<String>,
    pub url: Option<(String, usize)>,
    pub request_headers: Vec<Header>,
    pub status: Option<u16>,
    pub response_headers: Vec<Header>,
    /// The response body (decoded scalar) and the offset of its first character in the input.
    pub body: Option<(String, usize)>,
    /// Where the interaction starts in the input.
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Lower case.
    pub name: String,
    pub value: String,
    pub at: usize,
}

impl Interaction {
    pub fn response_header(&self, name: &str) -> Option<&Header> {
        self.response_headers.iter().find(|h| h.name == name)
    }
}

/// Whether `text` looks like a go-vcr cassette (a list of request/response pairs).
pub fn looks_like(text: &str) -> bool {
    let mut request = false;
    let mut response = false;
    for (_, line) in lines_with_offsets(text).take(400) {
        let t = line.trim();
        request |= t == "- request:";
        response |= t == "response:";
        if request && response {
            return true;
        }
    }
    false
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Request,
    Response,
}

/// Every interaction of a cassette, located in `text` (offsets are relative to `text`'s start
/// plus `base`).
pub fn read(text: &str, base: usize) -> Vec<Interaction> {
    let lines: Vec<(usize, &str)> = lines_with_offsets(text)
        .map(|(at, line)| (base + at, line))
        .collect();
    let mut out: Vec<Interaction> = Vec::new();
    let mut section = Section::None;
    let mut index = 0;
    while index < lines.len() {
        let (at, line) = lines[index];
        let indent = indent_of(line);
        let trimmed = line.trim();
        index += 1;
        if trimmed == "- request:" {
            out.push(Interaction {
                at: at + indent,
                ..Interaction::default()
            });
            section = Section::Request;
            continue;
        }
        if trimmed == "response:" {
            section = Section::Response;
            continue;
        }
        let Some(current) = out.last_mut() else {
            continue;
        };
        let Some((key, value, value_at)) = key_value(line, at) else {
            continue;
        };
        match (section, key) {
            (Section::Request, "url") => {
                let (url, _) = scalar(&lines, &mut index, value, value_at, indent);
                current.url = Some((url, value_at));
            }
            (Section::Request, "method") => {
                current.method = Some(scalar(&lines, &mut index, value, value_at, indent).0);
            }
            (Section::Response, "body") => {
                let (body, body_at) = scalar(&lines, &mut index, value, value_at, indent);
                current.body = Some((body, body_at));
            }
            (Section::Response, "code") => {
                current.status = value.trim().parse().ok().or(current.status);
            }
            (Section::Response, "status") => {
                let (status, _) = scalar(&lines, &mut index, value, value_at, indent);
                if current.status.is_none() {
                    current.status = status
                        .split_whitespace()
                        .next()
                        .and_then(|code| code.parse().ok());
                }
            }
            (Section::Request | Section::Response, "headers") if value.trim().is_empty() => {
                let headers = header_block(&lines, &mut index, indent);
                if section == Section::Request {
                    current.request_headers = headers;
                } else {
                    current.response_headers = headers;
                }
            }
            _ => {}
        }
    }
    out
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `key: value` (value possibly empty); the key is a plain word.
fn key_value(line: &str, at: usize) -> Option<(&str, &str, usize)> {
    let indent = indent_of(line);
    let rest = line.get(indent..)?;
    let colon = rest.find(':')?;
    let key = rest.get(..colon)?;
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    let after = rest.get(colon + 1..)?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let value = after.trim_start();
    let value_at = at + indent + colon + 1 + (after.len() - value.len());
    Some((key, value.trim_end(), value_at))
}

/// A header map: `Name:` followed by `- value` lines (or `Name: value`), until the indentation
/// drops back to `parent_indent`.
fn header_block(lines: &[(usize, &str)], index: &mut usize, parent_indent: usize) -> Vec<Header> {
    let mut headers = Vec::new();
    let mut name: Option<String> = None;
    while let Some(&(at, line)) = lines.get(*index) {
        if line.trim().is_empty() {
            *index += 1;
            continue;
        }
        let indent = indent_of(line);
        if indent <= parent_indent {
            break;
        }
        *index += 1;
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ") {
            if let Some(n) = &name {
                let item_at = at + indent + 2;
                let (value, _) = scalar(lines, index, item, item_at, indent);
                headers.push(Header {
                    name: n.clone(),
                    value,
                    at: item_at,
                });
            }
            continue;
        }
        if let Some((key, value, value_at)) = key_value(line, at) {
            let lower = key.to_ascii_lowercase();
            if value.is_empty() {
                name = Some(lower);
            } else {
                let (value, _) = scalar(lines, index, value, value_at, indent);
                headers.push(Header {
                    name: lower.clone(),
                    value,
                    at: value_at,
                });
                name = Some(lower);
            }
        }
    }
    headers
}

/// A YAML scalar starting at `value` (on the line before `*index`), continued on following
/// lines when quoted or a block scalar. Returns the decoded value and where its content starts.
fn scalar(
    lines: &[(usize, &str)],
    index: &mut usize,
    value: &str,
    value_at: usize,
    key_indent: usize,
) -> (String, usize) {
    let quote = value.chars().next();
    match quote {
        Some('\'') | Some('"') => quoted(lines, index, value, value_at, quote == Some('"')),
        Some('|') | Some('>') => block(lines, index, key_indent, quote == Some('>')),
        _ => (value.to_string(), value_at),
    }
}

/// A quoted scalar over one or more lines: a line break folds to a space, an empty line to a
/// newline; `''` is a quote in single-quoted scalars, `\` escapes in double-quoted ones.
fn quoted(
    lines: &[(usize, &str)],
    index: &mut usize,
    first: &str,
    first_at: usize,
    double: bool,
) -> (String, usize) {
    let mut out = String::new();
    let mut segment = first.get(1..).unwrap_or("");
    let content_at = first_at + 1;
    let mut pending_newlines = 0usize;
    let mut first_line = true;
    loop {
        if !first_line {
            let trimmed = segment.trim();
            if trimmed.is_empty() {
                pending_newlines += 1;
                segment = "";
            } else {
                if pending_newlines > 0 {
                    out.extend(std::iter::repeat_n('\n', pending_newlines));
                } else if !out.is_empty() && !out.ends_with('\n') {
                    out.push(' ');
                }
                pending_newlines = 0;
                segment = segment.trim_start();
            }
        }
        let mut chars = segment.char_indices().peekable();
        let mut closed = false;
        while let Some((_, c)) = chars.next() {
            match c {
                '\'' if !double => {
                    if chars.peek().map(|(_, n)| *n) == Some('\'') {
                        chars.next();
                        out.push('\'');
                    } else {
                        closed = true;
                        break;
                    }
                }
                '"' if double => {
                    closed = true;
                    break;
                }
                '\\' if double => match chars.next().map(|(_, e)| e) {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('/') => out.push('/'),
                    Some('u') => {
                        let hex: String = (0..4)
                            .filter_map(|_| chars.next().map(|(_, h)| h))
                            .collect();
                        if let Some(ch) =
                            u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        {
                            out.push(ch);
                        }
                    }
                    Some(other) => out.push(other),
                    None => {}
                },
                c => out.push(c),
            }
        }
        if closed {
            break;
        }
        // Trailing spaces before a fold are not content.
        while out.ends_with(' ') {
            out.pop();
        }
        match lines.get(*index) {
            Some(&(_, line)) => {
                *index += 1;
                segment = line;
                first_line = false;
            }
            None => break,
        }
    }
    (out, content_at)
}

/// A `|` (literal) or `>` (folded) block scalar: the following lines indented deeper than its
/// key.
fn block(
    lines: &[(usize, &str)],
    index: &mut usize,
    key_indent: usize,
    folded: bool,
) -> (String, usize) {
    let mut parts: Vec<&str> = Vec::new();
    let mut content_at = lines.get(*index).map(|(at, _)| *at).unwrap_or(0);
    let mut block_indent: Option<usize> = None;
    while let Some(&(at, line)) = lines.get(*index) {
        let indent = indent_of(line);
        if !line.trim().is_empty() && indent <= key_indent {
            break;
        }
        *index += 1;
        if line.trim().is_empty() {
            parts.push("");
            continue;
        }
        let width = *block_indent.get_or_insert(indent);
        if parts.is_empty() {
            content_at = at + width;
        }
        parts.push(line.get(width.min(indent)..).unwrap_or(""));
    }
    while parts.last() == Some(&"") {
        parts.pop();
    }
    let text = if folded {
        parts.join(" ")
    } else {
        parts.join("\n")
    };
    (text, content_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASSETTE: &str = "---\nversion: 1\ninteractions:\n- request:\n    body: \"\"\n    headers:\n      Content-Type:\n      - application/json\n    url: http://127.0.0.1:7990/rest/api/1.0/admin/permissions/users?filter=\n    method: GET\n  response:\n    body: '{\"errors\":[{\"context\":null,\"message\":\"You are not permitted to access this\n      resource\",\"exceptionName\":\"com.atlassian.bitbucket.AuthorisationException\"}]}'\n    headers:\n      X-Ausername:\n      - admin\n      X-Auserid:\n      - \"1\"\n    status: '401 '\n    code: 401\n    duration: \"\"\n";

    #[test]
    fn reads_a_recorded_exchange() {
        assert!(looks_like(CASSETTE));
        let got = read(CASSETTE, 0);
        assert_eq!(got.len(), 1);
        let i = &got[0];
        assert_eq!(i.method.as_deref(), Some("GET"));
        assert_eq!(i.status, Some(401));
        let (body, at) = i.body.clone().unwrap();
        assert_eq!(
            body,
            "{\"errors\":[{\"context\":null,\"message\":\"You are not permitted to access this resource\",\"exceptionName\":\"com.atlassian.bitbucket.AuthorisationException\"}]}"
        );
        assert_eq!(&CASSETTE[at..at + 2], "{\"");
        assert_eq!(
            i.response_header("x-ausername").map(|h| h.value.as_str()),
            Some("admin")
        );
        assert_eq!(
            i.response_header("x-auserid").map(|h| h.value.as_str()),
            Some("1")
        );
        let (url, url_at) = i.url.clone().unwrap();
        assert!(url.ends_with("users?filter="));
        assert_eq!(&CASSETTE[url_at..url_at + 4], "http");
    }

    #[test]
    fn single_quotes_escape_and_block_scalars() {
        let text = "- request:\n    url: x\n  response:\n    body: 'it''s'\n- request:\n    url: y\n  response:\n    body: |\n      {\"a\": 1,\n       \"b\": 2}\n    code: 200\n";
        let got = read(text, 0);
        assert_eq!(got[0].body.as_ref().map(|b| b.0.as_str()), Some("it's"));
        assert_eq!(
            got[1].body.as_ref().map(|b| b.0.as_str()),
            Some("{\"a\": 1,\n \"b\": 2}")
        );
        assert_eq!(got[1].status, Some(200));
    }

    #[test]
    fn broken_input_is_read_as_far_as_it_goes() {
        for text in [
            "- request:\n  response:\n    body: '{\"unterminated",
            "- request:\n    url: 'x",
            "- request:\n  response:\n    headers:\n      - orphan\n",
        ] {
            let _ = read(text, 0);
        }
    }
}
