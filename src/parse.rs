//! Parsers: turn one input's text into evidence and located diagnostics. Nothing is dropped
//! silently: every line is either understood, recognised as context (a shell prompt, an HTTP
//! header that says nothing about permissions) or reported.

pub mod blocks;
mod clean;
pub mod json;
pub mod jwt;
pub mod scopes;
pub mod secrets;
pub mod text;

pub use blocks::{Block, BlockKind};
pub use clean::{decode_bytes, decode_owned, is_command_line, DecodeError};

use crate::detect::{self, Shape};
use crate::evidence::{AccountEvidence, CredentialEvidence};
use crate::model::Platform;
use crate::platforms::REGISTRY;
use crate::report::{Diagnostic, Severity};
use crate::source::{line_col, Span};
use crate::{Input, Options};

/// Largest input accepted, in bytes: generous for an organisation-wide export.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Everything one input yielded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub source: String,
    /// The text the spans point into (after BOM and colour-code clean-up). Shared with the ACL
    /// documents read from it: an export can be tens of MB.
    pub text: std::rc::Rc<String>,
    /// The format of the first block that was read (`inputs[].format` in the report).
    pub format: Option<&'static str>,
    /// Each block of the input that was read, with its format.
    pub blocks: Vec<BlockSummary>,
    pub credentials: Vec<CredentialEvidence>,
    /// What accounts may do whatever their tokens carry (access levels, roles).
    pub accounts: Vec<AccountEvidence>,
    /// ACL exports and access-denied messages (Azure DevOps security namespaces).
    pub acl: Vec<crate::acl::AclDocument>,
    pub diagnostics: Vec<Diagnostic>,
    /// Byte offset of each line start, to locate spans without rescanning the text; found on
    /// the first `locate` (a big export that reads cleanly never needs them).
    line_starts: LineStarts,
    /// Diagnostics not recorded because the input already had [`MAX_DIAGNOSTICS`].
    suppressed: usize,
    /// The block being read.
    current_block: Option<Span>,
    /// Set while the claims of a JWT are read: the encoded payload, where every grant points
    /// (nothing inside base64 can be located more precisely).
    pub in_jwt: Option<Span>,
    /// The platform the user chose, if any: it settles a text that two platforms explain.
    pub platform_hint: Option<Platform>,
}

/// One block of an input that was read, and its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockSummary {
    pub span: Span,
    pub format: &'static str,
}

/// The lines of a text block, each of which a platform reader may claim.
pub struct TextLines<'a> {
    lines: Vec<(usize, &'a str)>,
    consumed: Vec<bool>,
}

impl<'a> TextLines<'a> {
    /// The lines of `text[start..end]`, with their byte offsets in `text`.
    pub fn new(text: &'a str, start: usize, end: usize) -> Self {
        let body = text.get(start..end.min(text.len())).unwrap_or("");
        let lines: Vec<(usize, &'a str)> = crate::source::lines_with_offsets(body)
            .map(|(at, line)| (start + at, line))
            .collect();
        let consumed = vec![false; lines.len()];
        TextLines { lines, consumed }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `index`: its byte offset in the input and its text (without the line break).
    pub fn line(&self, index: usize) -> (usize, &'a str) {
        self.lines.get(index).copied().unwrap_or((0, ""))
    }

    pub fn is_consumed(&self, index: usize) -> bool {
        self.consumed.get(index).copied().unwrap_or(true)
    }

    /// Mark line `index` as read by a platform reader.
    pub fn consume(&mut self, index: usize) {
        if let Some(c) = self.consumed.get_mut(index) {
            *c = true;
        }
    }

    /// The lines no reader has claimed yet: (index, offset, text).
    pub fn unconsumed(&self) -> impl Iterator<Item = (usize, usize, &'a str)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.consumed[*i])
            .map(|(i, (at, line))| (i, *at, *line))
    }
}

/// A cache of where lines start, made from the text: it never makes two inputs differ.
#[derive(Debug, Clone, Default)]
struct LineStarts(std::cell::OnceCell<Vec<usize>>);

impl PartialEq for LineStarts {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LineStarts {}

/// Diagnostics kept per input; a 50 MB paste of the wrong thing must not produce millions.
pub const MAX_DIAGNOSTICS: usize = 200;

impl Parsed {
    fn new(source: &str, text: String) -> Self {
        Parsed {
            source: source.to_string(),
            text: std::rc::Rc::new(text),
            format: None,
            blocks: Vec::new(),
            credentials: Vec::new(),
            accounts: Vec::new(),
            acl: Vec::new(),
            diagnostics: Vec::new(),
            line_starts: LineStarts::default(),
            suppressed: 0,
            current_block: None,
            in_jwt: None,
            platform_hint: None,
        }
    }

    /// Record the format of the block being read (the input's format is its first block's).
    pub fn set_format(&mut self, format: &'static str) {
        if self.format.is_none() {
            self.format = Some(format);
        }
        let span = self
            .current_block
            .unwrap_or_else(|| Span::new(0, self.text.len()));
        match self.blocks.iter_mut().find(|b| b.span == span) {
            Some(block) if block.format == text::FORMAT => block.format = format,
            Some(_) => {}
            None => self.blocks.push(BlockSummary { span, format }),
        }
    }

    /// Record a diagnostic at byte offset `at` of this input's text.
    pub fn diagnose(
        &mut self,
        severity: Severity,
        at: usize,
        message: String,
        help: Option<String>,
    ) {
        if self.diagnostics.len() >= MAX_DIAGNOSTICS && severity != Severity::Error {
            self.suppressed += 1;
            return;
        }
        let (line, column) = self.locate(Span::new(at, at));
        self.diagnostics.push(Diagnostic {
            severity,
            source: self.source.clone(),
            line,
            column,
            message,
            help,
        });
    }

    /// Keep an ACL document and its diagnostics.
    pub fn add_acl(
        &mut self,
        mut doc: crate::acl::AclDocument,
        diagnostics: Vec<crate::acl::AclDiagnostic>,
    ) {
        doc.set_source(self.source.clone());
        doc.text = self.text.clone();
        for d in diagnostics {
            self.diagnose(d.severity, d.at, d.message, d.help);
        }
        self.acl.push(doc);
    }

    /// The format to report for this input.
    pub fn format_id(&self) -> Option<&'static str> {
        self.format
            .or_else(|| self.acl.first().map(|d| d.format_id()))
    }

    /// Whether another diagnostic of this severity would be recorded; counts it as suppressed
    /// when not, so callers can skip building an expensive message.
    pub fn accepts(&mut self, severity: Severity) -> bool {
        if self.diagnostics.len() >= MAX_DIAGNOSTICS && severity != Severity::Error {
            self.suppressed += 1;
            return false;
        }
        true
    }

    /// 1-based line and column (in characters) of a span's start.
    pub fn locate(&self, span: Span) -> (usize, usize) {
        let at = span.start.min(self.text.len());
        let line_starts = self.line_starts.0.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        });
        let line_index = line_starts.partition_point(|&s| s <= at).saturating_sub(1);
        let start = line_starts.get(line_index).copied().unwrap_or(0);
        let column = line_col(self.text.get(start..).unwrap_or(""), at - start).column;
        (line_index + 1, column)
    }

    /// Close the input: say how many diagnostics were left out.
    fn finish(&mut self) {
        if self.suppressed > 0 {
            let at = self.text.len();
            let (line, column) = self.locate(Span::new(at, at));
            self.diagnostics.push(Diagnostic {
                severity: Severity::Info,
                source: self.source.clone(),
                line,
                column,
                message: format!(
                    "{} more problems in this input were not listed",
                    self.suppressed
                ),
                help: Some(
                    "fix the ones above first, or check that this is the input you meant".into(),
                ),
            });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// What ACL-family input `text` looks like, if any (Azure DevOps' reader; kept here for the
/// page, which hands such input to its worker).
pub use crate::platforms::azure_devops::acl_mark;

/// Detect the input's format and run its parser.
pub fn parse_input(input: &Input, options: &Options) -> Parsed {
    if input.text.len() > MAX_INPUT_BYTES {
        return too_big(input);
    }
    parse_cleaned(&input.source, clean::clean_text(&input.text), options)
}

/// [`parse_input`], keeping the input's text (no copy of a big export when nothing needs
/// cleaning).
pub fn parse_owned(input: Input, options: &Options) -> Parsed {
    if input.text.len() > MAX_INPUT_BYTES {
        return too_big(&input);
    }
    parse_cleaned(&input.source, clean::clean_owned(input.text), options)
}

fn too_big(input: &Input) -> Parsed {
    let mut parsed = Parsed::new(&input.source, String::new());
    parsed.diagnose(
        Severity::Error,
        0,
        format!(
            "this input is {} MB, more than the {} MB permcheck reads",
            input.text.len() / (1024 * 1024),
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
        Some("split the export, or export one project at a time".into()),
    );
    parsed
}

fn parse_cleaned(source: &str, text: String, options: &Options) -> Parsed {
    let mut parsed = Parsed::new(source, text);
    parsed.platform_hint = options.platform;
    let body_start = clean::skip_leading_commands(&parsed.text);
    let body = parsed.text.get(body_start..).unwrap_or("");
    let shape = detect::shape(body);
    if shape == Shape::Empty && !parsed.is_empty() {
        // Only command-like lines (`> X-GitHub-SSO: …` from `curl -v`): a platform reader may
        // still know them.
        read_blocks(&mut parsed, 0, options);
    } else if shape != Shape::Empty {
        // A whole input only one platform produces (an ACL export, a recorded exchange).
        let claimed = REGISTRY
            .iter()
            .any(|module| module.read_document(&mut parsed, body_start));
        if !claimed {
            if shape == Shape::Jwt {
                jwt::parse_raw(&mut parsed, body_start);
            } else {
                // From the start: a leading command line says whose output follows.
                read_blocks(&mut parsed, 0, options);
            }
        }
    }
    merge_findings(&mut parsed);
    note_nothing_read(&mut parsed, body_start);
    parsed.finish();
    parsed
}

/// One paste with one credential's grants and a message about a credential of the same
/// platform (a push refused, an SSO error) is one account's evidence: the message's findings
/// are judged with the grants, never as a second subject that contradicts the first. With
/// several credentials of that platform, which one the message concerns cannot be told: they
/// stay apart. A message naming another host or login stays apart too.
fn merge_findings(parsed: &mut Parsed) {
    let platforms: Vec<Platform> = parsed
        .credentials
        .iter()
        .filter_map(CredentialEvidence::platform)
        .collect();
    for platform in platforms {
        let of_platform = |c: &CredentialEvidence| c.platform() == Some(platform);
        let granted: Vec<usize> = (0..parsed.credentials.len())
            .filter(|&i| {
                parsed
                    .credentials
                    .get(i)
                    .is_some_and(|c| of_platform(c) && !c.grants.is_empty())
            })
            .collect();
        let [target] = granted.as_slice() else {
            continue;
        };
        let target = *target;
        let mut i = 0;
        while i < parsed.credentials.len() {
            let mergeable = i != target
                && parsed.credentials.get(i).is_some_and(|c| {
                    of_platform(c) && c.grants.is_empty() && !c.findings.is_empty()
                })
                && parsed
                    .credentials
                    .get(i)
                    .zip(parsed.credentials.get(target))
                    .is_some_and(|(m, t)| {
                        agree(&m.host, &t.host) && agree(&m.principal, &t.principal)
                    });
            if !mergeable {
                i += 1;
                continue;
            }
            let message = parsed.credentials.remove(i);
            let target = if i < target { target - 1 } else { target };
            if let Some(t) = parsed.credentials.get_mut(target) {
                if t.blocks.is_empty() {
                    t.blocks.push(t.span);
                }
                let spans = if message.blocks.is_empty() {
                    vec![message.span]
                } else {
                    message.blocks.clone()
                };
                for span in spans {
                    if !t.blocks.contains(&span) {
                        t.blocks.push(span);
                    }
                }
                t.revoked |= message.revoked;
                absorb(t, message);
            }
            // `target` moved down when an earlier credential went: find it again next time.
            return merge_findings(parsed);
        }
    }
}

/// Two optional names that do not contradict each other.
fn agree(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => true,
    }
}

/// Find each block's format first, then read it as that format; a JSON body right after
/// response headers belongs to the same credential.
fn read_blocks(parsed: &mut Parsed, from: usize, options: &Options) {
    let split = blocks::split(&parsed.text, from);
    let several = split.len() > 1;
    let mut previous: Option<(Block, usize)> = None;
    for block in split {
        let span = Span::new(block.start, block.end);
        parsed.current_block = Some(span);
        let before = parsed.credentials.len();
        match block.kind {
            BlockKind::Json => json::read_block(parsed, block, options),
            BlockKind::Text => text::read_block(parsed, block, options),
        }
        parsed.current_block = None;
        if several {
            for credential in parsed.credentials.iter_mut().skip(before) {
                credential.blocks.push(span);
            }
        }
        // A response body (JSON) right after its headers: one credential.
        if let Some((prev, prev_before)) = previous {
            if block.kind == BlockKind::Json && prev.kind == BlockKind::Text {
                merge_body(parsed, prev_before, before);
                // The platform may fold what the body added (a refusal and the header that
                // names the permission it needed).
                for module in REGISTRY {
                    module.finish_block(parsed, prev_before);
                }
            }
        }
        previous = Some((block, before));
    }
}

/// Fold the credentials a response body yielded (from `body_from` on) into the credential of
/// the headers before it (from `headers_from`), when both are one platform's.
fn merge_body(parsed: &mut Parsed, headers_from: usize, body_from: usize) {
    let headers: Vec<usize> = (headers_from..body_from)
        .filter(|&i| {
            parsed
                .credentials
                .get(i)
                .is_some_and(|c| c.platform.is_some())
        })
        .collect();
    let [target] = headers.as_slice() else {
        return;
    };
    let body: Vec<CredentialEvidence> = parsed.credentials.drain(body_from..).collect();
    let mut rest = Vec::new();
    for credential in body {
        let same = parsed
            .credentials
            .get(*target)
            .is_some_and(|t| t.platform == credential.platform || credential.platform.is_none());
        if same && credential.grants.is_empty() {
            if let Some(t) = parsed.credentials.get_mut(*target) {
                t.blocks.extend(credential.blocks.iter().copied());
                // The body may name the credential's kind ("… by personal access token").
                if credential.credential_certain && !t.credential_certain {
                    t.credential = credential.credential;
                    t.credential_certain = true;
                }
                absorb(t, credential);
            }
        } else {
            rest.push(credential);
        }
    }
    parsed.credentials.extend(rest);
}

/// Fold what `other` (a response body, a message) says into `target`: its notes and findings,
/// and who and where when only `other` says (a `/user` body after its headers).
fn absorb(target: &mut CredentialEvidence, other: CredentialEvidence) {
    target.notes.extend(other.notes);
    target.findings.extend(other.findings);
    if target.principal.is_none() {
        target.principal = other.principal;
    }
    if target.host.is_none() {
        target.host = other.host;
    }
}

/// An input of which nothing could be used says so as an error (the CLI exits 2), naming what
/// was skipped.
fn note_nothing_read(parsed: &mut Parsed, body_start: usize) {
    let yielded =
        !parsed.credentials.is_empty() || !parsed.accounts.is_empty() || !parsed.acl.is_empty();
    if yielded || parsed.is_empty() {
        return;
    }
    if parsed
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return;
    }
    let warnings: Vec<usize> = parsed
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| d.severity == Severity::Warning)
        .map(|(i, _)| i)
        .collect();
    match warnings.as_slice() {
        // The one problem is why nothing could be used: it is the input's error.
        [only] if parsed.suppressed == 0 => {
            if let Some(d) = parsed.diagnostics.get_mut(*only) {
                d.severity = Severity::Error;
            }
        }
        [] if parsed.format_id().is_some() => {}
        [] => {
            let (line, column) = parsed.locate(Span::new(body_start, body_start));
            parsed.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                source: parsed.source.clone(),
                line,
                column,
                message: "permcheck could not recognise this input".into(),
                help: Some(EXPECTED.into()),
            });
        }
        [first, ..] => {
            let count = warnings.len() + parsed.suppressed;
            let (line, column) = parsed
                .diagnostics
                .get(*first)
                .map(|d| (d.line, d.column))
                .unwrap_or((1, 1));
            parsed.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                source: parsed.source.clone(),
                line,
                column,
                message: format!(
                    "nothing in this input could be used: the {count} problems listed were all it held"
                ),
                help: Some(EXPECTED.into()),
            });
        }
    }
}

/// What permcheck reads, for "expected …" messages.
pub const EXPECTED: &str =
    "paste what shows the token's grants: scope ids (vso.code, repository:admin, repo), a token \
page's labels (\"Code: Read & write\", \"Repositories: Read, Admin\"), a JWT, an \
x-oauth-scopes header or a whole `curl -i` response, `gh auth status`, a 403 error body, a \
token list or user-entitlement JSON, or an ACL export";
