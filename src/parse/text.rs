//! Line-oriented text: scope ids in any separator, the Azure DevOps PAT page's labels,
//! Bitbucket app-password labels and consent sentences, and HTTP response headers (`curl -i`),
//! in any mix. A JSON body after the headers (a 403) is handed to the JSON parser.

use super::clean::is_command_line;
use super::scopes::{self, looks_like_scope_id, scan_list, tokens};
use super::{json, Parsed};
use crate::catalog::{bitbucket_cloud, normalize_label, Vocabulary};
use crate::detect::Format;
use crate::evidence::{CredentialEvidence, ForeignScope, Note, NoteKind, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::report::Severity;
use crate::source::{lines_with_offsets, Span};
use crate::Options;
use std::sync::OnceLock;

/// What the lines said, before it is grouped into credentials.
#[derive(Default)]
struct Collected {
    grants: Vec<ScopeGrant>,
    foreign: Vec<ForeignScope>,
    notes: Vec<Note>,
    credential_hint: Option<(Credential, bool)>,
    saw_labels: bool,
    saw_consent: bool,
    saw_headers: bool,
    /// Scopes came from an OAuth authorize URL or token request.
    saw_oauth_request: bool,
}

pub fn parse(parsed: &mut Parsed, options: &Options) {
    let text = parsed.text.clone();
    let mut collected = Collected::default();
    let mut in_headers = false;
    let mut understood_any = false;
    let lines: Vec<(usize, &str)> = lines_with_offsets(&text).collect();
    let mut index = 0;
    while index < lines.len() {
        let (start, line) = lines[index];
        index += 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            // The blank line after a header block: a body may follow.
            if in_headers {
                in_headers = false;
                let rest_start = lines.get(index).map(|(s, _)| *s).unwrap_or(text.len());
                let rest = text.get(rest_start..).unwrap_or("");
                let body = rest.trim_start();
                if body.starts_with('{') {
                    let body_start = rest_start + (rest.len() - body.len());
                    json::parse(parsed, body_start, options);
                    if parsed.format == Some(Format::BitbucketErrorBody) {
                        parsed.format = None;
                    }
                    understood_any = true;
                    break;
                }
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let at = start + indent;
        if is_command_line(trimmed)
            || trimmed.starts_with("Sample output")
            || trimmed.starts_with("[...")
        {
            // `curl -u user:app_password …` says which credential the output belongs to.
            let lower = trimmed.to_ascii_lowercase();
            if [
                "app_password",
                "app-password",
                "apppassword",
                "app password",
            ]
            .iter()
            .any(|w| lower.contains(w))
            {
                collected
                    .credential_hint
                    .get_or_insert((Credential::AppPassword, false));
            }
            continue;
        }
        if trimmed.starts_with("HTTP/") {
            in_headers = true;
            collected.saw_headers = true;
            understood_any = true;
            continue;
        }
        if let Some((name, value, value_at)) = header(trimmed, at, in_headers) {
            understood_any = true;
            collected.saw_headers = true;
            in_headers = true;
            read_header(parsed, &mut collected, &name, value, value_at);
            continue;
        }
        // A line that is not `Name: value` ends the header block.
        in_headers = false;
        if read_line(parsed, &mut collected, trimmed, at) {
            understood_any = true;
        }
    }
    let _ = understood_any;
    finish(parsed, collected, options);
}

/// `Name: value` where Name looks like an HTTP header: no spaces, and a dash in it unless we are
/// already inside a header block (`date:`, `server:`).
fn header(line: &str, at: usize, in_block: bool) -> Option<(String, &str, usize)> {
    let colon = line.find(':')?;
    let name = &line[..colon];
    let is_header_name = !name.is_empty()
        // `issue:write` is a scope id, not a header: plain names need "name: value".
        && (name.contains('-') || (in_block && line[colon + 1..].starts_with(' ')))
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !is_header_name {
        return None;
    }
    let after = &line[colon + 1..];
    let value = after.trim_start();
    let value_at = at + colon + 1 + (after.len() - value.len());
    Some((name.to_ascii_lowercase(), value.trim_end(), value_at))
}

fn read_header(
    parsed: &mut Parsed,
    collected: &mut Collected,
    name: &str,
    value: &str,
    value_at: usize,
) {
    match name {
        "x-oauth-scopes" => {
            let scan = scan_list(value, value_at);
            collected.grants.extend(scan.grants);
            collected.foreign.extend(scan.foreign);
            scopes::report_unknown(parsed, &scan.unknown);
        }
        "x-accepted-oauth-scopes" | "x-accepted-github-permissions" => {
            collected.notes.push(Note {
                kind: NoteKind::EndpointAccepts,
                text: value.to_string(),
                span: Span::new(value_at, value_at + value.len()),
            });
        }
        "x-credential-type" => {
            let kind = match value.trim().to_ascii_lowercase().as_str() {
                "repo_access_token"
                | "project_access_token"
                | "workspace_access_token"
                | "access_token" => Some(Credential::AccessToken),
                "app_password" | "apppassword" => Some(Credential::AppPassword),
                "oauth" | "oauth2" | "oauth_consumer" => Some(Credential::Oauth),
                "api_token" | "apitoken" => Some(Credential::ApiToken),
                _ => None,
            };
            match kind {
                Some(kind) => collected.credential_hint = Some((kind, true)),
                None => parsed.diagnose(
                    Severity::Info,
                    value_at,
                    format!("x-credential-type `{value}` is not one permcheck knows; the credential kind is left open"),
                    None,
                ),
            }
        }
        _ => {}
    }
}

/// One line outside a header block. Returns whether it was understood.
fn read_line(parsed: &mut Parsed, collected: &mut Collected, line: &str, at: usize) -> bool {
    let (line, at) = strip_bullet(line, at);
    if line.to_ascii_lowercase().contains("app password") {
        collected
            .credential_hint
            .get_or_insert((Credential::AppPassword, false));
    }
    // 0. An OAuth authorize URL or form body: `…&scope=vso.code%20vso.work&…`.
    if let Some((value, value_at)) = query_scope(line) {
        let lower = line.to_ascii_lowercase();
        collected.saw_oauth_request |= ["authorize", "response_type", "grant_type", "oauth"]
            .iter()
            .any(|w| lower.contains(w));
        let decoded = percent_decode(value);
        let scan = scan_list(&decoded, at + value_at);
        let mut grants = scan.grants;
        for g in &mut grants {
            // Decoded offsets differ from the raw text: point every grant at the value.
            g.span = Span::new(at + value_at, at + value_at + value.len());
        }
        collected.grants.extend(grants);
        collected.foreign.extend(scan.foreign);
        let unknown: Vec<(usize, String)> = scan
            .unknown
            .into_iter()
            .map(|(_, t)| (at + value_at, t))
            .collect();
        scopes::report_unknown(parsed, &unknown);
        return true;
    }
    // 1. A list of ids: every token is a known id, or the line names distinctive ids
    //    ("Code: read, write and manage (vso.code_manage)"): the ids win over the words.
    let pieces = tokens(line);
    let scan = scan_list(line, at);
    let all_known = !pieces.is_empty() && scan.unknown.is_empty();
    let distinctive = scan
        .grants
        .iter()
        .any(|g| looks_like_scope_id(&g.id) || g.id.contains('_'));
    if all_known || distinctive {
        let id_like_unknown: Vec<(usize, String)> = scan
            .unknown
            .iter()
            .filter(|(_, t)| looks_like_scope_id(t))
            .cloned()
            .collect();
        collected.grants.extend(scan.grants);
        collected.foreign.extend(scan.foreign);
        scopes::report_unknown(parsed, &id_like_unknown);
        return true;
    }
    // 2. A label: "Group: levels" (PAT page or app-password page).
    if let Some(found) = label(line, at) {
        match found {
            Ok(grants) => {
                collected.saw_labels = true;
                collected.grants.extend(grants);
            }
            Err((offset, message, help)) => {
                parsed.diagnose(Severity::Warning, offset, message, help)
            }
        }
        return true;
    }
    // 3. A consent sentence.
    if let Some(grants) = consent(line, at) {
        collected.saw_consent = true;
        collected.grants.extend(grants);
        return true;
    }
    // 4. Id-like tokens nobody knows, or a line we cannot read.
    let id_like: Vec<(usize, String)> = scan
        .unknown
        .iter()
        .filter(|(_, t)| looks_like_scope_id(t))
        .cloned()
        .collect();
    if !id_like.is_empty() || !scan.foreign.is_empty() {
        collected.grants.extend(scan.grants);
        collected.foreign.extend(scan.foreign);
        scopes::report_unknown(parsed, &id_like);
        return true;
    }
    if is_heading(line) {
        return true;
    }
    if !parsed.accepts(Severity::Warning) {
        return false;
    }
    parsed.diagnose(
        Severity::Warning,
        at,
        format!(
            "this line was not understood and was not counted: `{}`",
            shorten(line)
        ),
        Some(format!("expected one item per line: {}", super::EXPECTED)),
    );
    false
}

/// Headings people copy along with a list ("Scopes", "Selected scopes:"): context, not data.
fn is_heading(line: &str) -> bool {
    matches!(
        normalize_label(line.trim_end_matches(':')).as_str(),
        "scopes"
            | "scope"
            | "selected scopes"
            | "required scopes"
            | "token scopes"
            | "oauth scopes"
            | "permissions"
            | "custom defined"
            | "granted scopes"
            | "x-oauth-scopes"
    )
}

/// The value of a `scope=` / `scopes=` query or form parameter, and its offset in the line.
fn query_scope(line: &str) -> Option<(&str, usize)> {
    let lower = line.to_ascii_lowercase();
    for key in ["scope=", "scopes="] {
        let mut from = 0;
        while let Some(pos) = lower
            .get(from..)
            .and_then(|l| l.find(key))
            .map(|p| p + from)
        {
            let boundary =
                pos == 0 || matches!(lower.as_bytes().get(pos - 1), Some(b'?' | b'&' | b' '));
            if boundary {
                let start = pos + key.len();
                let rest = line.get(start..)?;
                let end = rest.find(['&', ' ', '"', '\'', '#']).unwrap_or(rest.len());
                return rest
                    .get(..end)
                    .filter(|v| !v.is_empty())
                    .map(|v| (v, start));
            }
            from = pos + key.len();
        }
    }
    None
}

/// `%20`, `%3A`, `%2F` and `+` decoded; anything malformed is kept as it is.
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = value
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(byte) = hex {
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

fn strip_bullet(line: &str, at: usize) -> (&str, usize) {
    let mut rest = line;
    loop {
        let before = rest;
        for prefix in ["[x]", "[X]", "[ ]", "* ", "- ", "• ", "✓", "✔", "☑", "☒"] {
            if let Some(r) = rest.strip_prefix(prefix) {
                rest = r.trim_start();
            }
        }
        if rest.len() == before.len() {
            break;
        }
    }
    (rest, at + (line.len() - rest.len()))
}

fn shorten(line: &str) -> String {
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    out
}

type LabelResult = Result<Vec<ScopeGrant>, (usize, String, Option<String>)>;

/// Split "Group: levels" / "Group — levels" / "Group - levels".
fn split_label(line: &str) -> Option<(&str, &str, usize)> {
    for sep in [":", " — ", " – ", " - "] {
        if let Some(pos) = line.find(sep) {
            let group = line[..pos].trim();
            let level_raw = &line[pos + sep.len()..];
            let level = level_raw.trim();
            let level_offset = pos + sep.len() + (level_raw.len() - level_raw.trim_start().len());
            if !group.is_empty() && !level.is_empty() && group.split_whitespace().count() <= 5 {
                return Some((group, level, level_offset));
            }
        }
    }
    None
}

/// "Code (Read & write)": the form some docs and tickets use for PAT-page labels.
fn split_paren_label(line: &str) -> Option<(&str, &str, usize)> {
    let open = line.find(" (")?;
    let inner = line.get(open + 2..)?.strip_suffix(')')?;
    let group = line[..open].trim();
    (!group.is_empty() && !inner.trim().is_empty() && group.split_whitespace().count() <= 4)
        .then_some((group, inner.trim(), open + 2))
}

fn label(line: &str, at: usize) -> Option<LabelResult> {
    if normalize_label(line) == "full access" {
        let span = Span::new(at, at + line.len());
        return Some(Ok(vec![ScopeGrant {
            vocabulary: Vocabulary::AzureDevopsScope,
            id: "app_token".into(),
            span,
        }]));
    }
    if line.len() > 200 {
        return None;
    }
    let (group, level, level_offset, paren) = match split_label(line) {
        Some((g, l, o)) => (g, l, o, false),
        None => {
            let (g, l, o) = split_paren_label(line)?;
            (g, l, o, true)
        }
    };
    let span = Span::new(at, at + line.len());
    let group_n = azure_group_alias(&normalize_label(group));
    let level_n = normalize_label(level);
    // Azure DevOps PAT page: one level per group.
    let azure_groups = azure_label_table();
    if azure_groups.iter().any(|(g, _, _)| *g == group_n) {
        return Some(
            match azure_groups
                .iter()
                .find(|(g, l, _)| *g == group_n && *l == level_n)
            {
                Some((_, _, id)) => Ok(vec![ScopeGrant {
                    vocabulary: Vocabulary::AzureDevopsScope,
                    id: id.to_string(),
                    span,
                }]),
                None => {
                    let levels: Vec<String> = Vocabulary::AzureDevopsScope
                        .scopes()
                        .iter()
                        .filter_map(|s| {
                            s.label
                                .split_once(": ")
                                .filter(|(g, _)| azure_group_alias(&normalize_label(g)) == group_n)
                                .map(|(_, l)| format!("\"{l}\""))
                        })
                        .collect();
                    Err((
                    at + level_offset,
                    format!("`{level}` is not a level of the PAT page's \"{group}\" group, so it was not counted"),
                    Some(format!("the levels are {}", levels.join(", "))),
                ))
                }
            },
        );
    }
    if paren {
        // "Name (explanation)" outside the PAT groups is a consent line, not a label.
        return None;
    }
    // Bitbucket app-password / access-token page: several levels per group.
    let group_b = normalize_label(group);
    let (_, levels) = bitbucket_cloud::LABEL_GROUPS
        .iter()
        .find(|(g, _)| *g == group_b)?;
    let mut grants = Vec::new();
    let mut rest = level_n.clone();
    if rest.contains("edit variables") {
        rest = rest.replace("edit variables", " ");
        grants.push("pipeline:variable");
    }
    for word in rest
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty() && *w != "and")
    {
        match levels.iter().find(|(l, _)| *l == word) {
            Some((_, id)) => grants.push(id),
            None => {
                let known: Vec<&str> = levels.iter().map(|(l, _)| *l).collect();
                return Some(Err((
                    at + level_offset,
                    format!("`{word}` is not a level of Bitbucket's \"{group}\" permission, so it was not counted"),
                    Some(format!("the levels are: {}", known.join(", "))),
                )));
            }
        }
    }
    grants.dedup();
    Some(Ok(grants
        .into_iter()
        .map(|id| ScopeGrant {
            vocabulary: Vocabulary::BitbucketLegacyScope,
            id: id.to_string(),
            span,
        })
        .collect()))
}

/// (normalized group, normalized level, scope id) for every PAT-page label, built once.
fn azure_label_table() -> &'static [(String, String, &'static str)] {
    static TABLE: OnceLock<Vec<(String, String, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        Vocabulary::AzureDevopsScope
            .scopes()
            .iter()
            .filter_map(|s| {
                let (g, l) = s.label.split_once(": ")?;
                Some((
                    azure_group_alias(&normalize_label(g)),
                    normalize_label(l),
                    s.id,
                ))
            })
            .collect()
    })
}

/// (normalized sentence, scope ids) for every consent sentence, built once.
fn consent_table() -> &'static [(String, &'static [&'static str])] {
    static TABLE: OnceLock<Vec<(String, &'static [&'static str])>> = OnceLock::new();
    TABLE.get_or_init(|| {
        bitbucket_cloud::CONSENT_SENTENCES
            .iter()
            .map(|(sentence, ids)| (normalize_label(sentence), *ids))
            .collect()
    })
}

/// Group names admins and docs use for the same PAT-page group.
fn azure_group_alias(group: &str) -> String {
    match group {
        "projects and teams" | "project and teams" | "projects and team" => {
            "project and team".into()
        }
        "work item" | "workitems" => "work items".into(),
        "variable group" => "variable groups".into(),
        "environments" => "environment".into(),
        "builds" => "build".into(),
        "packages" | "package" => "packaging".into(),
        other => other.to_string(),
    }
}

fn consent(line: &str, at: usize) -> Option<Vec<ScopeGrant>> {
    // The longest consent sentence (with the seed's explanation) is well under 200 characters.
    if line.len() > 200 {
        return None;
    }
    let whole = normalize_label(line);
    let name = normalize_label(line.split('(').next().unwrap_or(line));
    let span = Span::new(at, at + line.len());
    if bitbucket_cloud::CONSENT_WITHOUT_SCOPE
        .iter()
        .any(|c| normalize_label(c) == name)
    {
        return Some(Vec::new());
    }
    consent_table()
        .iter()
        .find(|(s, _)| *s == whole || *s == name)
        .map(|(_, ids)| {
            ids.iter()
                .map(|id| ScopeGrant {
                    vocabulary: Vocabulary::BitbucketLegacyScope,
                    id: id.to_string(),
                    span,
                })
                .collect()
        })
}

/// Group what was read into one credential per vocabulary (and one per foreign platform).
fn finish(parsed: &mut Parsed, collected: Collected, options: &Options) {
    let Collected {
        grants,
        foreign,
        notes,
        credential_hint,
        saw_labels,
        saw_consent,
        saw_headers,
        saw_oauth_request,
    } = collected;
    let mut vocabularies: Vec<Vocabulary> = grants.iter().map(|g| g.vocabulary).collect();
    vocabularies.sort();
    vocabularies.dedup();
    let whole = Span::new(0, parsed.text.len());
    for vocabulary in &vocabularies {
        let (credential, certain) = match vocabulary {
            Vocabulary::AzureDevopsScope => {
                if saw_oauth_request {
                    (Credential::Oauth, true)
                } else if grants.iter().any(|g| g.id == "user_impersonation") {
                    (Credential::Oauth, false)
                } else {
                    (Credential::Pat, saw_labels)
                }
            }
            Vocabulary::BitbucketApiTokenScope => (Credential::ApiToken, true),
            Vocabulary::BitbucketLegacyScope => {
                if saw_consent {
                    (Credential::Oauth, true)
                } else {
                    credential_hint.unwrap_or((Credential::Token, false))
                }
            }
        };
        let mut evidence = CredentialEvidence::new(credential, whole);
        evidence.credential_certain = certain;
        evidence.grants = grants
            .iter()
            .filter(|g| g.vocabulary == *vocabulary)
            .cloned()
            .collect();
        evidence.notes = notes.clone();
        parsed.credentials.push(evidence);
    }
    let mut platforms: Vec<Platform> = foreign.iter().map(|f| f.platform).collect();
    platforms.sort();
    platforms.dedup();
    for platform in platforms {
        let mut evidence = CredentialEvidence::new(Credential::Token, whole);
        evidence.foreign = foreign
            .iter()
            .filter(|f| f.platform == platform)
            .cloned()
            .collect();
        evidence.notes = notes.clone();
        parsed.credentials.push(evidence);
    }
    if parsed.credentials.is_empty() {
        if let Some(note) = notes.first() {
            parsed.diagnose(
                Severity::Error,
                note.span.start,
                "this response has x-accepted-oauth-scopes (what the endpoint accepts) but no x-oauth-scopes (what the token has)".into(),
                Some("paste the x-oauth-scopes line of the same response; `curl -sI` with the token prints it".into()),
            );
        } else if saw_headers {
            parsed.diagnose(
                Severity::Error,
                0,
                "these HTTP headers carry no x-oauth-scopes line, so they say nothing about the token's scopes".into(),
                Some("Bitbucket Cloud sends x-oauth-scopes on every API response to a token; Azure DevOps does not: paste the PAT page's labels instead".into()),
            );
        }
    } else if parsed.format.is_none() {
        parsed.format = Some(Format::Text);
    }
    let _ = options;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Input;

    fn run(text: &str) -> Parsed {
        super::super::parse_input(&Input::new("t", text), &Options::default())
    }

    #[test]
    fn reads_pat_labels_in_both_spellings() {
        let p = run("Code: Read, write, & manage\nBuild: read and execute\n[x] Project and Team: read, write and manage");
        let ids: Vec<_> = p.credentials[0]
            .grants
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(
            ids,
            vec!["vso.code_manage", "vso.build_execute", "vso.project_manage"]
        );
        assert_eq!(p.credentials[0].credential, Credential::Pat);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    }

    #[test]
    fn reads_app_password_labels() {
        let p = run("Repositories: Read, Admin\nPipelines: Read, Edit variables\nAccount — read");
        let ids: Vec<_> = p.credentials[0]
            .grants
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(
            ids,
            vec![
                "repository",
                "repository:admin",
                "pipeline:variable",
                "pipeline",
                "account"
            ]
        );
    }

    #[test]
    fn wrong_level_is_located() {
        let p = run("vso.code\nCode: Read & destroy");
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!((p.diagnostics[0].line, p.diagnostics[0].column), (2, 7));
    }

    #[test]
    fn accepted_scopes_are_not_grants() {
        let p = run("HTTP/2 200\nx-accepted-oauth-scopes: repository:write\nx-credential-type: repo_access_token\nx-oauth-scopes: repository:admin\n");
        let c = &p.credentials[0];
        assert_eq!(c.grants.len(), 1);
        assert_eq!(c.grants[0].id, "repository:admin");
        assert_eq!(c.credential, Credential::AccessToken);
        assert_eq!(c.notes[0].kind, NoteKind::EndpointAccepts);
    }

    #[test]
    fn lines_after_a_header_are_still_read() {
        // Regression: a header line used to swallow every following line silently.
        let p = run("x-oauth-scopes: repository\nissue:write\nhello there");
        let ids: Vec<_> = p.credentials[0]
            .grants
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(ids, vec!["repository", "issue:write"]);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].line, 3);
    }

    #[test]
    fn oauth_authorize_urls_and_paren_labels() {
        let p = run("https://app.vssps.visualstudio.com/oauth2/authorize?client_id=a&response_type=Assertion&scope=vso.code%20vso.work_write&redirect_uri=x");
        let ids: Vec<_> = p.credentials[0]
            .grants
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(ids, vec!["vso.code", "vso.work_write"]);
        assert_eq!(p.credentials[0].credential, Credential::Oauth);
        let p = run("scope=499b84ac-1321-427f-aa17-267ca6975798/vso.build+offline_access");
        assert_eq!(p.credentials[0].grants[0].id, "vso.build");
        let p = run(
            "Scopes\nCode (Read & write)\nIssues (read and update issues in your repositories).",
        );
        let ids: Vec<_> = p
            .credentials
            .iter()
            .flat_map(|c| c.grants.iter().map(|g| g.id.as_str()))
            .collect();
        assert_eq!(ids, vec!["vso.code_write", "issue:write"]);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    }

    #[test]
    fn unknown_line_is_reported_not_dropped() {
        let p = run("vso.code\nplease give me all the rights");
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].line, 2);
    }
}
