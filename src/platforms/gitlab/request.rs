//! The request a pasted GitLab answer belongs to: the command line before it (`curl …`,
//! `GET https://…`, `glab api …`), read for its method, URL and whether (and which) token it
//! sent. An answer means different things with and without a token (a private project is a 404
//! to everyone who may not see it), and for reads and writes.

use crate::parse::is_command_line;

/// What a command line says about the request it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, …; `None` when the line is not a command permcheck knows.
    pub method: Option<String>,
    /// The host of its URL (`gitlab.example.com`, with a port if given).
    pub host: Option<String>,
    /// The URL's path, without query (`/api/v4/projects/2`).
    pub path: String,
    /// The token it sent; `None` when it sent none.
    pub token: Option<SentToken>,
    /// Where the command line starts in the input (byte offset), when it was found before an
    /// answer.
    pub at: usize,
}

/// A token a command sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentToken {
    /// A placeholder or a descriptive name (`<your_access_token>`, `$GITLAB_TOKEN`,
    /// `token_with_only_sudo`): safe to show.
    Named(String),
    /// A real-looking secret: never shown.
    Hidden,
}

impl Request {
    /// The collection and id a REST path names (`("projects", "acme%2Fapi")`), when the id is
    /// not a documentation placeholder (`:id`, `<project_id>`).
    pub fn resource(&self) -> Option<(&'static str, String)> {
        let rest = self.path.split("/api/v4/").nth(1)?;
        let mut parts = rest.split('/');
        let kind = match parts.next()? {
            "projects" => "project",
            "groups" => "group",
            _ => return None,
        };
        let id = parts.next()?;
        if id.is_empty() || id.starts_with([':', '<', '{', '$']) {
            return None;
        }
        Some((kind, id.replace("%2F", "/").replace("%2f", "/")))
    }
}

/// How many bytes before an answer its command may be (60 lines of headers at most).
const LOOK_BACK: usize = 16 * 1024;

/// The command line that made the request whose answer starts at byte `at` of `text`: the
/// nearest line before it that is a command, skipping blank lines, zsh's `%`, Markdown fences,
/// "Example response:" and the response's headers. `None` when no command precedes it.
pub fn before(text: &str, at: usize) -> Option<Request> {
    let at = at.min(text.len());
    // Only the last lines matter: look at most this far back (a big paste has many answers).
    let mut from = at.saturating_sub(LOOK_BACK);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let head = text.get(from..at)?;
    let mut end = head.len();
    for _ in 0..60 {
        let start = head.get(..end)?.rfind('\n').map_or(0, |n| n + 1);
        if start == 0 && from > 0 {
            // The window cut this line: it is too far back to be this answer's command.
            return None;
        }
        let line = head.get(start..end)?;
        let trimmed = line.trim();
        if !is_skippable(trimmed) {
            let mut request = parse(trimmed)?;
            request.at = from + start;
            return Some(request);
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
    None
}

/// Lines between a command and its answer that say nothing about either.
pub fn is_skippable(trimmed: &str) -> bool {
    trimmed.is_empty()
        || trimmed == "%"
        || trimmed.starts_with("```")
        || trimmed.eq_ignore_ascii_case("example response:")
        || trimmed.eq_ignore_ascii_case("example request:")
        || trimmed.starts_with("HTTP/")
        || is_header_line(trimmed)
}

/// `Name: value` with an HTTP header's name.
fn is_header_line(line: &str) -> bool {
    match line.split_once(':') {
        Some((name, value)) => {
            !name.is_empty()
                && value.starts_with(' ')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        }
        None => false,
    }
}

/// Read one command line (`curl …`, `$ curl …`, `GET https://…`, `glab api …`).
pub fn parse(line: &str) -> Option<Request> {
    let trimmed = line.trim();
    let is_glab = strip_prompt(trimmed).starts_with("glab ");
    if !is_command_line(trimmed) && !is_glab {
        return None;
    }
    let command = strip_prompt(trimmed);
    let words: Vec<&str> = command.split_whitespace().collect();
    let program = words.first().copied().unwrap_or("");
    let method = match program {
        "curl" => Some(curl_method(&words)),
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" => Some(program.to_string()),
        "http" | "https" => Some(
            words
                .get(1)
                .filter(|w| w.chars().all(|c| c.is_ascii_uppercase()) && !w.is_empty())
                .map(|w| w.to_string())
                .unwrap_or_else(|| "GET".into()),
        ),
        "glab" if words.get(1) == Some(&"api") => {
            Some(flag_value(&words, &["-X", "--method"]).unwrap_or_else(|| "GET".into()))
        }
        "wget" => Some("GET".into()),
        _ => None,
    };
    let url = words
        .iter()
        .map(|w| w.trim_matches(|c| matches!(c, '"' | '\'' | '`')))
        .find(|w| w.starts_with("http://") || w.starts_with("https://"));
    let (host, path) = match url {
        Some(url) => split_url(url),
        None => (None, String::new()),
    };
    Some(Request {
        method,
        host,
        path,
        token: sent_token(command),
        at: 0,
    })
}

/// A command without its shell prompt (`$ `, `user@host$ `, `PS C:\> `, `> `).
fn strip_prompt(line: &str) -> &str {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix("$ ").or_else(|| line.strip_prefix("> ")) {
        return rest.trim_start();
    }
    if line.starts_with("PS ") {
        if let Some((_, rest)) = line.split_once('>') {
            return rest.trim_start();
        }
    }
    if let Some((prompt, rest)) = line.split_once("$ ") {
        if prompt.contains('@') && !prompt.contains(' ') {
            return rest.trim_start();
        }
    }
    line
}

fn curl_method(words: &[&str]) -> String {
    if let Some(method) = flag_value(words, &["-X", "--request"]) {
        return method.to_ascii_uppercase();
    }
    if let Some(joined) = words
        .iter()
        .find_map(|w| w.strip_prefix("-X"))
        .filter(|m| !m.is_empty())
    {
        return joined
            .trim_matches(|c| c == '"' || c == '\'')
            .to_ascii_uppercase();
    }
    let sends_body = words.iter().any(|w| {
        matches!(
            *w,
            "-d" | "-F" | "-T" | "--form" | "--upload-file" | "--json"
        ) || w.starts_with("--data")
            || w.starts_with("--form")
    });
    if sends_body {
        return "POST".into();
    }
    if words.iter().any(|w| matches!(*w, "-I" | "--head")) {
        return "HEAD".into();
    }
    "GET".into()
}

fn flag_value(words: &[&str], flags: &[&str]) -> Option<String> {
    words
        .iter()
        .position(|w| flags.contains(w))
        .and_then(|i| words.get(i + 1))
        .map(|w| {
            w.trim_matches(|c| c == '"' || c == '\'')
                .to_ascii_uppercase()
        })
}

/// `https://user:secret@host:8443/path?query` → (`host:8443`, `/path`).
pub fn split_url(url: &str) -> (Option<String>, String) {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (authority, path) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, ""),
    };
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let host = (!host.is_empty()).then(|| host.to_ascii_lowercase());
    (host, path.to_string())
}

/// The token a command line sends, if any: a `PRIVATE-TOKEN`, `JOB-TOKEN` or bearer header, a
/// `private_token=` query, or the password of `-u user:password`.
fn sent_token(command: &str) -> Option<SentToken> {
    let lower = command.to_ascii_lowercase();
    for marker in [
        "private-token:",
        "job-token:",
        "authorization: bearer ",
        "authorization:bearer ",
        "private_token=",
        "access_token=",
    ] {
        if let Some(pos) = lower.find(marker) {
            let value = command.get(pos + marker.len()..).unwrap_or("").trim_start();
            return Some(label(value_of(value)));
        }
    }
    let words: Vec<&str> = command.split_whitespace().collect();
    if let Some(user) = words
        .iter()
        .position(|w| matches!(*w, "-u" | "--user"))
        .and_then(|i| words.get(i + 1))
    {
        let user = user.trim_matches(|c| c == '"' || c == '\'');
        if let Some((_, password)) = user.split_once(':') {
            return Some(label(password));
        }
    }
    None
}

/// A header or query value, up to the quote, blank or `&` that ends it.
fn value_of(value: &str) -> &str {
    let end = value
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '&' | '`'))
        .unwrap_or(value.len());
    &value[..end]
}

/// Show a placeholder or a descriptive name; never a real-looking secret.
pub fn label(value: &str) -> SentToken {
    let placeholder = value.starts_with(['<', '$', '{', '%', '*'])
        || (!value.is_empty()
            && value.len() <= 60
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
            && value.contains(['_', '-'])
            && !value.starts_with("gl"));
    if placeholder {
        SentToken::Named(value.to_string())
    } else {
        SentToken::Hidden
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_curl_lines() {
        let r = parse(r#"$ curl --header "PRIVATE-TOKEN: token_with_only_sudo" https://team.example.com/api/v4/projects/2""#).unwrap();
        assert_eq!(r.method.as_deref(), Some("GET"));
        assert_eq!(r.host.as_deref(), Some("team.example.com"));
        assert_eq!(r.path, "/api/v4/projects/2");
        assert_eq!(
            r.token,
            Some(SentToken::Named("token_with_only_sudo".into()))
        );
        assert_eq!(r.resource(), Some(("project", "2".to_string())));
        let r = parse(r#"$ curl "https://h/api/v4/projects/2""#).unwrap();
        assert_eq!(r.token, None);
        let r = parse(r#"curl --request POST --header "PRIVATE-TOKEN: glpat-abcdefghijklmnopqrst" --form "file=@x" "https://h/api/v4/projects/import""#).unwrap();
        assert_eq!(r.method.as_deref(), Some("POST"));
        assert_eq!(r.token, Some(SentToken::Hidden));
        let r = parse(r#"curl --header "PRIVATE-TOKEN: <your_access_token>" "https://gitlab.example.com/api/v4/projects/:id/members/all/:user_id""#).unwrap();
        assert_eq!(r.resource(), None);
        assert_eq!(
            r.token,
            Some(SentToken::Named("<your_access_token>".into()))
        );
    }

    #[test]
    fn finds_the_command_before_an_answer() {
        let text = "$ curl -i -H 'PRIVATE-TOKEN: $T' https://g.example/api/v4/user\nHTTP/2 403\ncontent-type: application/json\n\n{\"x\":1}";
        let at = text.find('{').unwrap_or(0);
        let r = before(text, at).unwrap();
        assert_eq!(r.host.as_deref(), Some("g.example"));
        assert_eq!(before("just prose\n{\"x\":1}", 11), None);
    }

    #[test]
    fn never_shows_a_real_token() {
        assert_eq!(label("QVy1PB7sTxfy4pqfZM1U"), SentToken::Hidden);
        assert_eq!(label("glpat-abc_def"), SentToken::Hidden);
        assert_eq!(
            label("$GITLAB_TOKEN"),
            SentToken::Named("$GITLAB_TOKEN".into())
        );
    }
}
