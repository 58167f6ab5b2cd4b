//! A text block: scope ids in any separator, token-page labels, consent sentences, HTTP response
//! headers (`curl -i`), command lines and messages, in any mix. Platform folders first claim the
//! lines only they write (`gh auth status`, a push refusal); what is left is read here, and each
//! group of lines (the plain lines, each block of response headers) becomes at most one
//! credential per vocabulary of **one** platform: the platform whose vocabulary or headers
//! explain it. A word in prose is never a scope; where the platform cannot be told, one subject
//! asks instead of two that contradict.

use super::clean::is_command_line;
use super::scopes::{self, looks_like_scope_id, scan_list, tokens, Item};
use super::{Block, Parsed, TextLines};
use crate::catalog::normalize_label;
use crate::evidence::{CredentialEvidence, Note, NoteKind, ScopeGrant};
use crate::model::{Credential, Platform};
use crate::platforms::{self, LabelRead, ListHints, Signal, REGISTRY};
use crate::report::Severity;
use crate::source::Span;
use crate::Options;

/// How a line that was not read is reported (the page counts these).
pub const NOT_UNDERSTOOD: &str = "this line was not understood and was not counted:";

/// The id of the generic text format.
pub const FORMAT: &str = "text";

/// One group of lines that describes one credential: the plain lines of a block, or one block of
/// response headers.
#[derive(Default)]
struct Group {
    items: Vec<Item>,
    /// Grants a platform's label reader vouched for (platform certain).
    certain: Vec<ScopeGrant>,
    notes: Vec<Note>,
    signals: Vec<Platform>,
    hints: ListHints,
    credential: Option<(Credential, bool)>,
    headers: bool,
    start: Option<usize>,
    end: usize,
}

impl Group {
    fn touch(&mut self, start: usize, end: usize) {
        self.start.get_or_insert(start);
        self.end = self.end.max(end);
    }
}

pub fn read_block(parsed: &mut Parsed, block: Block, options: &Options) {
    let first = parsed.credentials.len();
    let text = parsed.text.clone();
    let mut lines = TextLines::new(&text, block.start, block.end);
    // 1. Lines only one platform writes, then the context around them.
    for module in REGISTRY {
        module.read_lines(parsed, &mut lines);
    }
    for module in REGISTRY {
        module.read_context(parsed, &mut lines, first);
    }
    // 2. The rest, line by line.
    let mut plain = Group::default();
    let mut header_groups: Vec<Group> = Vec::new();
    let mut in_headers = false;
    let mut block_signals: Vec<Platform> = Vec::new();
    for index in 0..lines.len() {
        if lines.is_consumed(index) {
            in_headers = false;
            continue;
        }
        let (start, line) = lines.line(index);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            in_headers = false;
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let at = start + indent;
        let end = start + line.len();
        if is_command_line(trimmed)
            || trimmed.starts_with("Sample output")
            || trimmed.starts_with("[...")
        {
            for module in REGISTRY {
                if module.signal(Signal::Command(trimmed)) {
                    block_signals.extend(module.platforms().first().copied());
                }
            }
            if mentions_app_password(trimmed) {
                plain.hints.app_password = true;
            }
            continue;
        }
        if trimmed.starts_with("HTTP/") {
            in_headers = true;
            header_groups.push(Group {
                headers: true,
                ..Group::default()
            });
            if let Some(g) = header_groups.last_mut() {
                g.touch(at, end);
            }
            continue;
        }
        if let Some((name, value, value_at)) = header(trimmed, at, in_headers) {
            if !in_headers {
                header_groups.push(Group {
                    headers: true,
                    ..Group::default()
                });
                in_headers = true;
            }
            let hints_app_password = plain.hints.app_password;
            if let Some(group) = header_groups.last_mut() {
                group.touch(at, end);
                group.hints.app_password |= hints_app_password;
                read_header(parsed, group, &name, value, value_at);
            }
            continue;
        }
        // A line that is not `Name: value` ends the header block.
        in_headers = false;
        plain.touch(at, end);
        read_line(parsed, &mut plain, trimmed, at);
    }
    for mut group in header_groups.into_iter().chain(std::iter::once(plain)) {
        group.signals.extend(block_signals.iter().copied());
        finish(parsed, group);
    }
    // 3. Evidence about one token that the block held in pieces.
    for module in REGISTRY {
        module.finish_block(parsed, first);
    }
    let _ = options;
}

/// Turn scope ids read elsewhere (a JSON `scopes` value) into credentials, deciding their
/// platform as for a text block. Returns whether any credential came of it.
pub fn credentials_from_items(parsed: &mut Parsed, items: Vec<Item>, span: Span) -> bool {
    if items.is_empty() {
        return false;
    }
    let before = parsed.credentials.len();
    finish(
        parsed,
        Group {
            items,
            start: Some(span.start),
            end: span.end,
            ..Group::default()
        },
    );
    parsed.credentials.len() > before
}

/// `Name: value` where Name looks like an HTTP header: no spaces, and a dash in it unless we are
/// already inside a header block (`date:`, `server:`).
fn header(line: &str, at: usize, in_block: bool) -> Option<(String, &str, usize)> {
    let colon = line.find(':')?;
    let name = &line[..colon];
    let after = &line[colon + 1..];
    let is_header_name = !name.is_empty()
        // `issue:write` is a scope id, not a header: plain names need "name: value".
        && (name.contains('-') || (in_block && after.starts_with(' '))
            || name.eq_ignore_ascii_case("authorization"))
        // An empty value (`X-Accepted-OAuth-Scopes:`) only on a dashed name.
        && (after.starts_with([' ', '\t']) || after.is_empty() && name.contains('-'))
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !is_header_name {
        return None;
    }
    let value = after.trim_start();
    let value_at = at + colon + 1 + (after.len() - value.len());
    Some((name.to_ascii_lowercase(), value.trim_end(), value_at))
}

fn read_header(parsed: &mut Parsed, group: &mut Group, name: &str, value: &str, value_at: usize) {
    group
        .hints
        .headers
        .push((name.to_string(), value.to_string()));
    for module in REGISTRY {
        if module.signal(Signal::Header { name, value }) {
            group.signals.extend(module.platforms().first().copied());
        }
    }
    match name {
        "x-oauth-scopes" => {
            let scan = scan_list(value, value_at);
            group.items.extend(scan.items);
            scopes::report_unknown(parsed, &scan.unknown);
        }
        "x-accepted-oauth-scopes" | "x-accepted-github-permissions" => {
            if !value.is_empty() {
                group.notes.push(Note {
                    kind: NoteKind::EndpointAccepts,
                    text: format!("{name}: {value}"),
                    span: Span::new(value_at, value_at + value.len()),
                });
            }
        }
        "authorization" | "proxy-authorization" => {
            let (scheme, token) = value.split_once(' ').unwrap_or(("", value));
            let token = token.trim();
            // The token is the value's last word.
            let token_at = value_at + value.rfind(token).unwrap_or(0);
            if crate::detect::looks_like_jwt(token) {
                super::jwt::decode_token(parsed, token, token_at);
            } else if let Some(shape) = super::secrets::shape_of(token) {
                super::secrets::report(parsed, token_at, shape);
            } else if !token.is_empty() && !token.starts_with('<') {
                parsed.diagnose(
                    Severity::Warning,
                    value_at,
                    format!("this {scheme} credential is the secret itself, not its scopes: it was not read and was not sent anywhere"),
                    Some("paste the response of a call made with it (`curl -i`), or the token page's list of scopes, instead".into()),
                );
            }
        }
        _ => {
            if let Some(shape) = super::secrets::shape_of(value) {
                super::secrets::report(parsed, value_at, shape);
            }
        }
    }
}

fn mentions_app_password(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    [
        "app_password",
        "app-password",
        "apppassword",
        "app password",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// One line outside a header block.
fn read_line(parsed: &mut Parsed, group: &mut Group, line: &str, at: usize) {
    if mentions_app_password(line) {
        group.hints.app_password = true;
    }
    let (line, at, ticked) = strip_bullet(line, at);
    if ticked == Some(false) {
        parsed.diagnose(
            Severity::Info,
            at,
            "this option is not ticked, so it was not counted".into(),
            None,
        );
        return;
    }
    // A JWT on a line of its own.
    let bare = line.strip_prefix("Bearer ").unwrap_or(line).trim();
    if crate::detect::looks_like_jwt(bare) {
        let token_at = at + (line.len() - bare.len()).min(line.len());
        super::jwt::decode_token(parsed, bare, token_at);
        return;
    }
    // A secret on its own.
    if let Some(shape) = super::secrets::shape_of(bare) {
        super::secrets::report(parsed, at, shape);
        return;
    }
    // 0. An OAuth authorize URL or form body: `…&scope=vso.code%20vso.work&…`.
    if let Some((value, value_at)) = query_scope(line) {
        let lower = line.to_ascii_lowercase();
        group.hints.oauth_request |= ["authorize", "response_type", "grant_type", "oauth"]
            .iter()
            .any(|w| lower.contains(w));
        let decoded = percent_decode(value);
        let scan = scan_list(&decoded, at + value_at);
        let span = Span::new(at + value_at, at + value_at + value.len());
        for mut item in scan.items {
            // Decoded offsets differ from the raw text: point every grant at the value.
            item.span = span;
            for g in &mut item.alternatives {
                g.span = span;
            }
            group.items.push(item);
        }
        let unknown: Vec<(usize, String)> = scan
            .unknown
            .into_iter()
            .map(|(_, t)| (at + value_at, t))
            .collect();
        scopes::report_unknown(parsed, &unknown);
        return;
    }
    // 1. A list of ids: every token is a known id (or looks like one), or the line names
    //    distinctive ids ("Code: read, write and manage (vso.code_manage)"): then only those
    //    count, never the words around them.
    let pieces = tokens(line);
    let scan = scan_list(line, at);
    let all_known = !pieces.is_empty()
        && scan.unknown.iter().all(|(_, t)| looks_like_scope_id(t))
        && (!scan.items.is_empty() || pieces.len() == scan.unknown.len());
    if all_known {
        group.items.extend(scan.items);
        scopes::report_unknown(parsed, &scan.unknown);
        return;
    }
    // In a sentence ("our admin added admin:org later"), only ids set apart as ids count:
    // "(vso.code_manage)", "`repo`". A word in prose is not a scope.
    let sentence = scan
        .unknown
        .iter()
        .filter(|(_, t)| t.chars().all(char::is_alphabetic))
        .count()
        >= 5;
    let set_apart = |item: &Item| {
        let start = item.span.start.saturating_sub(at);
        line.get(..start)
            .and_then(|before| before.chars().next_back())
            .is_some_and(|c| matches!(c, '(' | '`' | '"' | '\'' | '['))
    };
    if scan.has_distinctive() {
        let distinctive: Vec<Item> = scan
            .items
            .iter()
            .filter(|i| {
                i.alternatives
                    .first()
                    .is_some_and(|g| looks_like_scope_id(&g.id))
                    && (!sentence || set_apart(i))
            })
            .cloned()
            .collect();
        if !distinctive.is_empty() {
            group.items.extend(distinctive);
            let id_like: Vec<(usize, String)> = scan
                .unknown
                .into_iter()
                .filter(|(_, t)| looks_like_scope_id(t) && t.contains([':', '_']))
                .collect();
            scopes::report_unknown(parsed, &id_like);
            return;
        }
    }
    // 2. A label of a platform's token page ("Code: Read & write", "Repositories: Read, Admin")
    //    or consent screen.
    for module in REGISTRY {
        match module.read_label(line, at) {
            Some(LabelRead::Grants { grants, credential }) => {
                if credential.is_some() {
                    group.credential = credential;
                }
                group.hints.labels = true;
                group.certain.extend(grants);
                return;
            }
            Some(LabelRead::Wrong { at, message, help }) => {
                parsed.diagnose(Severity::Warning, at, message, help);
                return;
            }
            None => {}
        }
    }
    if is_heading(line) {
        return;
    }
    if !parsed.accepts(Severity::Warning) {
        return;
    }
    // A refusal no platform's reader took: its text does not say whose it is.
    if line
        .to_ascii_lowercase()
        .contains("fatal: authentication failed for")
    {
        parsed.diagnose(
            Severity::Warning,
            at,
            "Git refused this credential, but nothing in the text says which platform it came from, so it was not judged".into(),
            Some("choose the platform (the Platform menu, or --platform) to judge it, or paste the clone URL's host with it".into()),
        );
        return;
    }
    let ids: Vec<&str> = scan
        .unknown
        .iter()
        .filter(|(_, t)| looks_like_scope_id(t) && t.contains([':', '_']))
        .map(|(_, t)| t.as_str())
        .collect();
    // What permcheck reads is said once per input, not under every line.
    let said = parsed
        .diagnostics
        .iter()
        .any(|d| d.message.starts_with(NOT_UNDERSTOOD));
    let help = if let Some(first) = ids.first().and_then(|t| scopes::suggest(t)) {
        Some(format!(
            "if this was meant as a scope list, put one list per line; did you mean `{first}`?"
        ))
    } else if said {
        None
    } else {
        Some(format!("expected one item per line: {}", super::EXPECTED))
    };
    parsed.diagnose(
        Severity::Warning,
        at,
        format!("{NOT_UNDERSTOOD} `{}`", shorten(line)),
        help,
    );
}

/// A credential read from this block; the input's format is the text format unless a reader
/// named a more specific one.
fn push_credential(parsed: &mut Parsed, evidence: CredentialEvidence) {
    parsed.credentials.push(evidence);
    if parsed.format.is_none() {
        parsed.set_format(FORMAT);
    }
}

/// Split "Group: levels" / "Group — levels" / "Group - levels".
pub fn split_label(line: &str) -> Option<(&str, &str, usize)> {
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

/// Strip list bullets and check boxes; the third value says whether a check box was ticked
/// (`None` when the line has none).
fn strip_bullet(line: &str, at: usize) -> (&str, usize, Option<bool>) {
    let mut rest = line;
    let mut ticked = None;
    loop {
        let before = rest;
        for (prefix, tick) in [
            ("[x]", Some(true)),
            ("[X]", Some(true)),
            ("[ ]", Some(false)),
            ("☑", Some(true)),
            ("☒", Some(true)),
            ("☐", Some(false)),
            ("✓", Some(true)),
            ("✔", Some(true)),
            ("* ", None),
            ("- ", None),
            ("• ", None),
        ] {
            if let Some(r) = rest.strip_prefix(prefix) {
                rest = r.trim_start();
                if tick.is_some() {
                    ticked = tick;
                }
            }
        }
        if rest.len() == before.len() {
            break;
        }
    }
    (rest, at + (line.len() - rest.len()), ticked)
}

/// A line for a message: 60 characters at most, secrets cut.
pub fn shorten(line: &str) -> String {
    let line = super::secrets::redact(line);
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// The platforms an item could belong to.
fn item_platforms(item: &Item) -> Vec<Platform> {
    let mut out: Vec<Platform> = item
        .alternatives
        .iter()
        .map(|g| g.vocabulary.platform())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether the headers hold an `x-oauth-scopes` line with an empty value (no scopes).
fn has_empty_scopes_header(headers: &[(String, String)]) -> bool {
    headers
        .iter()
        .any(|(name, value)| name == "x-oauth-scopes" && value.trim().is_empty())
}

/// The one platform the signals of a group name, if they name exactly one.
fn signalled(signals: &[Platform]) -> Option<&'static dyn platforms::PlatformModule> {
    let first = *signals.first()?;
    if signals.iter().all(|p| platforms::same_family(*p, first)) {
        platforms::for_platform(first)
    } else {
        None
    }
}

/// Decide the group's platform and turn it into credentials: one per vocabulary of that
/// platform, or one ambiguous credential that asks.
fn finish(parsed: &mut Parsed, group: Group) {
    let Group {
        items,
        certain,
        notes,
        signals,
        hints,
        credential,
        headers,
        start,
        end,
    } = group;
    let span = Span::new(start.unwrap_or(0), end);
    if items.is_empty() && certain.is_empty() {
        // Headers only one platform sends may show a credential without a scope list (a
        // GitHub fine-grained token's response, an SSO refusal).
        if headers {
            if let Some(module) = signalled(&signals) {
                if let Some(platform) = module.platforms().first().copied() {
                    let mut evidence = CredentialEvidence::on(platform, Credential::Token, span);
                    evidence.notes = notes.clone();
                    if module.read_headers(&mut evidence, &hints.headers) {
                        push_credential(parsed, evidence);
                        return;
                    }
                }
            } else if signals.is_empty() && has_empty_scopes_header(&hints.headers) {
                // `x-oauth-scopes:` with nothing after it lists the token's scopes: none. More
                // than one platform sends that header, so without a header only one of them
                // sends, the platform is asked for, never guessed.
                let readers: Vec<Platform> = REGISTRY
                    .iter()
                    .filter_map(|module| {
                        let platform = module.platforms().first().copied()?;
                        let mut trial = CredentialEvidence::on(platform, Credential::Token, span);
                        module
                            .read_headers(&mut trial, &hints.headers)
                            .then_some(platform)
                    })
                    .collect();
                // The platform the user chose settles it.
                let chosen = parsed.platform_hint.and_then(|wanted| {
                    readers
                        .iter()
                        .copied()
                        .find(|p| platforms::same_family(*p, wanted))
                });
                if let Some((platform, module)) =
                    chosen.and_then(|p| Some((p, platforms::for_platform(p)?)))
                {
                    let mut evidence = CredentialEvidence::on(platform, Credential::Token, span);
                    evidence.notes = notes.clone();
                    if module.read_headers(&mut evidence, &hints.headers) {
                        push_credential(parsed, evidence);
                        return;
                    }
                }
                if !readers.is_empty() {
                    let mut evidence = CredentialEvidence::new(Credential::Token, span);
                    evidence.candidates = readers;
                    evidence.notes = notes.clone();
                    evidence.platform = None;
                    push_credential(parsed, evidence);
                    return;
                }
            }
        }
        if headers && parsed.accepts(Severity::Warning) {
            if let Some(note) = notes.first() {
                parsed.diagnose(
                    Severity::Warning,
                    note.span.start,
                    "this response has an accepted-scopes header (what the endpoint accepts) but no x-oauth-scopes (what the token has)".into(),
                    Some("paste the x-oauth-scopes line of the same response; `curl -sI` with the token prints it (a GitHub fine-grained token has none: paste its permissions instead)".into()),
                );
            } else if !signals.is_empty() || parsed.credentials.is_empty() {
                parsed.diagnose(
                    Severity::Warning,
                    span.start,
                    "these HTTP headers carry no x-oauth-scopes line, so they say nothing about the token's scopes".into(),
                    Some("GitHub (classic tokens) and Bitbucket Cloud send x-oauth-scopes on API responses; Azure DevOps does not: paste the PAT page's labels instead".into()),
                );
            }
        }
        return;
    }
    // Score each platform: a signal (a header or command only it sends) outweighs any number
    // of ids; an id only one platform has counts once; an id several platforms share decides
    // nothing.
    let mut scores: Vec<(Platform, usize)> = Vec::new();
    fn add(scores: &mut Vec<(Platform, usize)>, p: Platform, n: usize) {
        match scores
            .iter_mut()
            .find(|(q, _)| platforms::same_family(*q, p))
        {
            Some((_, s)) => *s += n,
            None => scores.push((p, n)),
        }
    }
    // A command or header elsewhere in the block (`$ gh auth status` above a blank line) never
    // outweighs labels only another platform's token page writes.
    let labelled: Vec<Platform> = certain.iter().map(|g| g.vocabulary.platform()).collect();
    for p in &signals {
        if labelled.is_empty() || labelled.iter().any(|l| platforms::same_family(*l, *p)) {
            add(&mut scores, *p, 1000);
        }
    }
    for g in &certain {
        add(&mut scores, g.vocabulary.platform(), 10);
    }
    let mut candidates: Vec<Platform> = Vec::new();
    for item in &items {
        let ps = item_platforms(item);
        if let [only] = ps.as_slice() {
            add(&mut scores, *only, 1);
        }
        for p in ps {
            if !candidates.iter().any(|c| platforms::same_family(*c, p)) {
                candidates.push(p);
            }
        }
    }
    if let Some(wanted) = parsed.platform_hint {
        if candidates
            .iter()
            .any(|c| platforms::same_family(*c, wanted))
            || scores
                .iter()
                .any(|(p, _)| platforms::same_family(*p, wanted))
        {
            add(&mut scores, wanted, 100_000);
        }
    }
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let winner = match scores.as_slice() {
        [(p, s), rest @ ..] if *s > 0 && rest.first().is_none_or(|(_, t)| t < s) => Some(*p),
        _ => None,
    };
    let Some(platform) = winner else {
        // Truly ambiguous: one credential that asks.
        let mut evidence = CredentialEvidence::new(Credential::Token, span);
        evidence.candidates = candidates;
        for item in &items {
            if let Some(first) = item.alternatives.first() {
                evidence.grants.push(first.clone());
            }
        }
        evidence.grants.extend(certain);
        evidence.notes = notes;
        // The grants of an ambiguous credential are shown, never judged.
        evidence.platform = None;
        push_credential(parsed, evidence);
        return;
    };
    let mut grants: Vec<ScopeGrant> = Vec::new();
    for item in items {
        match item
            .alternatives
            .iter()
            .find(|g| platforms::same_family(g.vocabulary.platform(), platform))
        {
            Some(g) => grants.push(g.clone()),
            None => {
                let other = item_platforms(&item)
                    .first()
                    .map(|p| p.name())
                    .unwrap_or("another platform");
                let id = item
                    .alternatives
                    .first()
                    .map(|g| g.id.as_str())
                    .unwrap_or("");
                parsed.diagnose(
                    Severity::Warning,
                    item.span.start,
                    format!(
                        "`{id}` is a {other} scope, but this text reads as {} evidence, so it was not counted",
                        platform.name()
                    ),
                    Some("paste each platform's token as an input of its own".into()),
                );
            }
        }
    }
    grants.extend(
        certain
            .into_iter()
            .filter(|g| platforms::same_family(g.vocabulary.platform(), platform)),
    );
    let mut vocabularies: Vec<crate::catalog::Vocabulary> =
        grants.iter().map(|g| g.vocabulary).collect();
    vocabularies.sort();
    vocabularies.dedup();
    let Some(module) = platforms::for_platform(platform) else {
        return;
    };
    for vocabulary in vocabularies {
        let mine: Vec<ScopeGrant> = grants
            .iter()
            .filter(|g| g.vocabulary == vocabulary)
            .cloned()
            .collect();
        let (kind, certain_kind) = match credential {
            Some(c) => c,
            None => module.list_credential(&mine, &hints),
        };
        let mut evidence = CredentialEvidence::on(vocabulary.platform(), kind, span);
        evidence.credential_certain = certain_kind;
        evidence.grants = mine;
        evidence.notes = notes.clone();
        if headers {
            module.read_headers(&mut evidence, &hints.headers);
        }
        parsed.credentials.push(evidence);
    }
    if parsed.format.is_none() {
        parsed.set_format(FORMAT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Input;

    fn run(text: &str) -> Parsed {
        super::super::parse_input(&Input::new("t", text), &Options::default())
    }

    fn ids(p: &Parsed) -> Vec<&str> {
        p.credentials
            .iter()
            .flat_map(|c| c.grants.iter().map(|g| g.id.as_str()))
            .collect()
    }

    #[test]
    fn reads_pat_labels_in_both_spellings() {
        let p = run("Code: Read, write, & manage\nBuild: read and execute\n[x] Project and Team: read, write and manage");
        assert_eq!(
            ids(&p),
            vec!["vso.code_manage", "vso.build_execute", "vso.project_manage"]
        );
        assert_eq!(p.credentials[0].credential, Credential::Pat);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    }

    #[test]
    fn unticked_boxes_are_not_grants() {
        let p = run("[x] Code: Read\n[ ] Build: Read & execute");
        assert_eq!(ids(&p), vec!["vso.code"]);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].line, 2);
    }

    #[test]
    fn reads_app_password_labels() {
        let p = run("Repositories: Read, Admin\nPipelines: Read, Edit variables\nAccount — read");
        assert_eq!(
            ids(&p),
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
        assert_eq!(ids(&p), vec!["repository", "issue:write"]);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].line, 3);
    }

    #[test]
    fn an_empty_header_value_keeps_the_block_together() {
        // GitHub sends `X-Accepted-OAuth-Scopes:` empty on calls that check no scope.
        let p = run("X-OAuth-Scopes: repository\nX-Accepted-OAuth-Scopes:\nx-credential-type: repo_access_token\n");
        assert_eq!(p.credentials.len(), 1, "{:?}", p.credentials);
        assert_eq!(p.credentials[0].credential, Credential::AccessToken);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    }

    #[test]
    fn prose_words_are_never_scopes() {
        // `account`, `issue`, `project` and `pipeline` are Bitbucket scopes, but not in prose.
        for prose in [
            "✓ Logged in to github.com account octocat (keyring)",
            "Please open an issue in the project about the pipeline",
            "the account email is admin@example.com",
        ] {
            let p = run(prose);
            // gh's account line is GitHub's (a login whose scopes are not shown), never a grant.
            assert!(
                p.credentials
                    .iter()
                    .all(|c| c.grants.is_empty() && c.platform != Some(Platform::BitbucketCloud)),
                "{prose}: {:?}",
                p.credentials
            );
        }
    }

    #[test]
    fn a_list_of_two_platforms_is_one_question() {
        let p = run("vso.code repository:admin");
        assert_eq!(p.credentials.len(), 1);
        assert_eq!(p.credentials[0].platform, None);
        assert_eq!(p.credentials[0].candidates.len(), 2);
    }

    #[test]
    fn oauth_authorize_urls_and_paren_labels() {
        let p = run("https://app.vssps.visualstudio.com/oauth2/authorize?client_id=a&response_type=Assertion&scope=vso.code%20vso.work_write&redirect_uri=x");
        assert_eq!(ids(&p), vec!["vso.code", "vso.work_write"]);
        assert_eq!(p.credentials[0].credential, Credential::Oauth);
        let p = run("scope=499b84ac-1321-427f-aa17-267ca6975798/vso.build+offline_access");
        assert_eq!(p.credentials[0].grants[0].id, "vso.build");
        let p = run(
            "Scopes\nCode (Read & write)\nIssues (read and update issues in your repositories).",
        );
        // Two platforms' labels in one list: each is certain, so neither wins.
        assert_eq!(p.credentials.len(), 1, "{:?}", p.credentials);
    }

    #[test]
    fn unknown_line_is_reported_not_dropped() {
        let p = run("vso.code\nplease give me all the rights");
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].line, 2);
    }

    #[test]
    fn bearer_jwts_are_decoded() {
        let jwt = include_str!("../../tests/fixtures/handmade/azure-devops-oauth.jwt").trim();
        let p = run(&format!("Authorization: Bearer {jwt}"));
        assert_eq!(p.credentials.len(), 1, "{:?}", p.diagnostics);
        assert_eq!(p.credentials[0].credential, Credential::Oauth);
    }
}
