//! The request a pasted Bitbucket Data Center response answers: its URL (which resource, which
//! permission filter), read from a `curl` command (with `\` continuation lines and a `--data`
//! body), a `GET https://…` request line, or a recorded exchange's `url:`.

/// A URL, split into what the readers need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Url {
    pub host: Option<String>,
    /// The path, without the query.
    pub path: String,
    /// Query parameters, percent-decoded, in order.
    pub query: Vec<(String, String)>,
}

impl Url {
    pub fn parse(raw: &str) -> Url {
        let raw = raw.trim().trim_matches(|c| c == '\'' || c == '"');
        let (host, rest) = match raw.split_once("://") {
            Some((_, after)) => {
                let end = after.find(['/', '?']).unwrap_or(after.len());
                let host = after.get(..end).unwrap_or("");
                // `user:token@host`: never keep the credential.
                let host = host.rsplit('@').next().unwrap_or(host);
                (Some(host.to_string()), after.get(end..).unwrap_or(""))
            }
            None => (None, raw),
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        Url {
            host: host.filter(|h| !h.is_empty() && !is_placeholder(h)),
            path: path.to_string(),
            query,
        }
    }

    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The path's segments after `/rest/<api>/<version>/`, with the API's name.
    fn api(&self) -> Option<(&str, Vec<&str>)> {
        let parts: Vec<&str> = self.path.split('/').filter(|s| !s.is_empty()).collect();
        let rest = parts.iter().position(|p| *p == "rest")?;
        let api = parts.get(rest + 1)?;
        // `1.0`, `latest`.
        let tail = parts.get(rest + 3..).unwrap_or(&[]).to_vec();
        Some((api, tail))
    }

    /// Which Bitbucket Data Center resource the URL names.
    pub fn endpoint(&self) -> Endpoint {
        let Some((api, tail)) = self.api() else {
            return Endpoint::Other;
        };
        let named = |s: Option<&&str>| s.map(|s| s.to_string()).filter(|s| !is_placeholder(s));
        match (api, tail.as_slice()) {
            ("access-tokens", ["users", slug, ..]) => {
                Endpoint::Tokens(TokenOwner::User(named(Some(slug))))
            }
            ("access-tokens", ["users"]) => Endpoint::Tokens(TokenOwner::User(None)),
            ("access-tokens", ["projects", key, "repos", slug, ..]) => {
                Endpoint::Tokens(TokenOwner::Repository(named(Some(key)), named(Some(slug))))
            }
            ("access-tokens", ["projects", key, ..]) => {
                Endpoint::Tokens(TokenOwner::Project(named(Some(key))))
            }
            ("api", ["admin", "permissions", "users", ..]) => Endpoint::GlobalUsers,
            ("api", ["admin", "permissions", "groups", ..]) => Endpoint::GlobalGroups,
            ("api", ["admin", ..]) => Endpoint::Admin,
            ("api", ["users"]) => Endpoint::UserSearch,
            ("api", ["projects"]) => Endpoint::Projects,
            ("api", ["projects", key, "repos"]) => Endpoint::Repositories(named(Some(key))),
            ("api", ["projects", key, "repos", slug, rest @ ..]) => Endpoint::Repository {
                project: named(Some(key)),
                slug: named(Some(slug)),
                rest: rest.join("/"),
            },
            ("api", ["projects", key, rest @ ..]) => Endpoint::Project {
                project: named(Some(key)),
                rest: rest.join("/"),
            },
            ("branch-permissions", [..]) => Endpoint::BranchPermissions,
            _ => Endpoint::Other,
        }
    }

    /// `permission=…` and `permission.N=…` filters of a user search, each with the resource
    /// it applies to ("project KEY", "repository KEY/slug", "repository id 2").
    pub fn permission_filters(&self) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        for (key, value) in &self.query {
            let Some(root) = key
                .strip_prefix("permission")
                .filter(|r| r.is_empty() || (r.starts_with('.') && !r[1..].contains('.')))
            else {
                continue;
            };
            let id = value.trim().to_ascii_uppercase();
            if id.is_empty() {
                continue;
            }
            let sub = |name: &str| self.param(&format!("permission{root}.{name}"));
            let resource = match (
                sub("repositoryId"),
                sub("projectKey"),
                sub("repositorySlug"),
                sub("projectId"),
            ) {
                (Some(id), _, _, _) => Some(format!("repository id {id}")),
                (None, Some(key), Some(slug), _) => Some(format!("repository {key}/{slug}")),
                (None, Some(key), None, _) => Some(format!("project {key}")),
                (None, None, _, Some(id)) => Some(format!("project id {id}")),
                _ => None,
            };
            out.push((id, resource));
        }
        out
    }
}

/// Whose HTTP access tokens a `/rest/access-tokens/…` URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenOwner {
    /// A personal token of the user (slug), usable with Basic auth and the user's name.
    User(Option<String>),
    /// A project token (Bearer only), bound to the project.
    Project(Option<String>),
    /// A repository token (Bearer only), bound to the repository.
    Repository(Option<String>, Option<String>),
}

/// The Bitbucket Data Center resources the readers tell apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Tokens(TokenOwner),
    GlobalUsers,
    GlobalGroups,
    Admin,
    UserSearch,
    Projects,
    Repositories(Option<String>),
    Repository {
        project: Option<String>,
        slug: Option<String>,
        rest: String,
    },
    Project {
        project: Option<String>,
        rest: String,
    },
    BranchPermissions,
    Other,
}

/// `{projectKey}`, `<string>`, `$USER`, `***`: a value the input does not give.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.is_empty()
        || v.starts_with(['{', '<', '$', '%'])
        || v.contains("***")
        || v.eq_ignore_ascii_case("xxx")
}

/// `%2F`, `+` decoded; anything malformed kept as it is.
pub fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                if let Some(byte) = value
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(byte);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One `curl` command (or request line) as pasted, over one or more lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Command {
    pub method: Option<String>,
    pub url: Option<Url>,
    /// The user of `-u user:secret`, when it is a name and not a variable.
    pub user: Option<String>,
    /// The `--data` body and its offset in the input.
    pub data: Option<(String, usize)>,
    /// How many lines it spans (from its first).
    pub lines: usize,
}

/// Whether `line` starts a `curl` command (after any prompt).
pub fn starts_curl(line: &str) -> bool {
    let t = line.trim_start();
    let t = t.strip_prefix("$ ").unwrap_or(t);
    t.starts_with("curl ") || t == "curl"
}

/// A `GET https://…` request line: method and URL.
pub fn request_line(line: &str) -> Option<(String, Url)> {
    let mut words = line.split_whitespace();
    let method = words.next()?;
    let target = words.next()?;
    (matches!(method, "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD")
        && (target.starts_with("http") || target.starts_with('/')))
    .then(|| (method.to_string(), Url::parse(target)))
}

/// Read a curl command from `lines[0]` on (each with its byte offset in the input): its
/// continuation lines (a trailing `\`) and a quoted `--data` value that spans lines.
pub fn parse_curl(lines: &[(usize, &str)]) -> Option<Command> {
    let (_, first) = lines.first()?;
    if !starts_curl(first) {
        return None;
    }
    // The words of the command, each with its offset, across continuation lines; a quoted
    // value keeps its line breaks.
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut current = String::new();
    let mut current_at: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut used = 0;
    for (index, (at, line)) in lines.iter().enumerate() {
        used = index + 1;
        let body = line.trim_end();
        let (body, continued) = match body.strip_suffix('\\') {
            Some(b) if quote.is_none() => (b, true),
            _ => (body, false),
        };
        for (offset, ch) in body.char_indices() {
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => current.push(c),
                (None, '\'' | '"') => {
                    quote = Some(ch);
                    current_at.get_or_insert(at + offset + 1);
                }
                (None, c) if c.is_whitespace() => {
                    if let Some(start) = current_at.take() {
                        words.push((std::mem::take(&mut current), start));
                    }
                }
                (None, c) => {
                    current_at.get_or_insert(at + offset);
                    current.push(c);
                }
            }
        }
        if quote.is_some() {
            current.push('\n');
            continue;
        }
        if let Some(start) = current_at.take() {
            words.push((std::mem::take(&mut current), start));
        }
        if !continued {
            break;
        }
    }
    let mut command = Command {
        lines: used,
        ..Command::default()
    };
    let mut iter = words.into_iter().skip_while(|(w, _)| w != "curl").skip(1);
    while let Some((word, _)) = iter.next() {
        match word.as_str() {
            "-X" | "--request" => command.method = iter.next().map(|(m, _)| m.to_ascii_uppercase()),
            "--url" => command.url = iter.next().map(|(u, _)| Url::parse(&u)),
            "-u" | "--user" => {
                command.user = iter.next().and_then(|(u, _)| {
                    let name = u.split(':').next().unwrap_or("").to_string();
                    (!is_placeholder(&name)).then_some(name)
                })
            }
            "-H" | "--header" => {
                iter.next();
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" => {
                command.data = iter.next();
                if command.method.is_none() {
                    command.method = Some("POST".into());
                }
            }
            w if (w.starts_with("http://") || w.starts_with("https://"))
                && command.url.is_none() =>
            {
                command.url = Some(Url::parse(w));
            }
            _ => {}
        }
    }
    if command.method.is_none() {
        command.method = Some("GET".into());
    }
    Some(command)
}

/// The request that the text just before byte `at` shows (the nearest `curl` command or request
/// line within the preceding lines), for a response body pasted after its command.
pub fn preceding(text: &str, at: usize) -> Option<Command> {
    let before = text.get(..at.min(text.len()))?;
    let window_start = before.len().saturating_sub(8192);
    let window_start = (window_start..before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    let lines: Vec<(usize, &str)> = crate::source::lines_with_offsets(&before[window_start..])
        .map(|(o, l)| (window_start + o, l))
        .collect();
    for start in (0..lines.len()).rev() {
        let (_, line) = lines[start];
        if let Some((method, url)) = request_line(line.trim()) {
            return Some(Command {
                method: Some(method),
                url: Some(url),
                lines: 1,
                ..Command::default()
            });
        }
        if starts_curl(line) {
            return parse_curl(&lines[start..]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, &str)> {
        crate::source::lines_with_offsets(text).collect()
    }

    #[test]
    fn endpoints_and_owners() {
        let u = Url::parse("http://{baseurl}/rest/access-tokens/latest/projects/{projectKey}");
        assert_eq!(u.host, None);
        assert_eq!(u.endpoint(), Endpoint::Tokens(TokenOwner::Project(None)));
        let u = Url::parse("https://git.acme.io/rest/access-tokens/1.0/projects/OPS/repos/infra");
        assert_eq!(u.host.as_deref(), Some("git.acme.io"));
        assert_eq!(
            u.endpoint(),
            Endpoint::Tokens(TokenOwner::Repository(
                Some("OPS".into()),
                Some("infra".into())
            ))
        );
        let u = Url::parse("http://127.0.0.1:7990/rest/api/1.0/admin/permissions/users?filter=");
        assert_eq!(u.endpoint(), Endpoint::GlobalUsers);
        let u = Url::parse(
            "https://bitbucket.sgdev.org/rest/api/1.0/projects/SOUR/repos/invalidslug/pull-requests/9999",
        );
        assert_eq!(
            u.endpoint(),
            Endpoint::Repository {
                project: Some("SOUR".into()),
                slug: Some("invalidslug".into()),
                rest: "pull-requests/9999".into()
            }
        );
    }

    #[test]
    fn permission_filters_name_their_resource() {
        let u = Url::parse("http://h/rest/api/1.0/users?limit=1&permission.1=REPO_READ&permission.1.repositoryId=2&start=1");
        assert_eq!(u.endpoint(), Endpoint::UserSearch);
        assert_eq!(
            u.permission_filters(),
            vec![("REPO_READ".to_string(), Some("repository id 2".to_string()))]
        );
        let u = Url::parse("http://h/rest/api/latest/users?filter=bot&permission=PROJECT_CREATE");
        assert_eq!(
            u.permission_filters(),
            vec![("PROJECT_CREATE".to_string(), None)]
        );
    }

    #[test]
    fn curl_with_continuations_and_a_multi_line_body() {
        let text = "curl --request PUT \\\n--url 'http://{baseurl}/rest/access-tokens/latest/users/bot' \\\n--header 'Accept: application/json' \\\n--data '{\n\"name\": \"t\",\n\"permissions\": [\"REPO_READ\"]\n}'\n{\"id\": \"1\"}\n";
        let c = parse_curl(&lines(text)).unwrap();
        assert_eq!(c.method.as_deref(), Some("PUT"));
        assert_eq!(
            c.url.unwrap().endpoint(),
            Endpoint::Tokens(TokenOwner::User(Some("bot".into())))
        );
        let (data, at) = c.data.unwrap();
        assert!(data.starts_with('{') && data.ends_with('}'), "{data}");
        assert_eq!(&text[at..at + 1], "{");
        assert_eq!(c.lines, 7);
        assert_eq!(
            preceding(text, text.find("{\"id\"").unwrap()).and_then(|c| c.method),
            Some("PUT".into())
        );
    }

    #[test]
    fn credentials_in_urls_and_variables_are_not_kept() {
        let c = parse_curl(&lines(
            "curl -s -u \"$USER:$TOKEN\" https://bob:secret@h.example/rest/api/latest/users",
        ))
        .unwrap();
        assert_eq!(c.user, None);
        assert_eq!(c.url.unwrap().host.as_deref(), Some("h.example"));
        let c = parse_curl(&lines(
            "curl -u backup-bot:x https://h/rest/api/latest/projects",
        ))
        .unwrap();
        assert_eq!(c.user.as_deref(), Some("backup-bot"));
    }
}
