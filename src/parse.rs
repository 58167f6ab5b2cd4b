//! Parsers: turn one input's text into evidence and located diagnostics. Nothing is dropped
//! silently: every line is either understood, recognised as context (a shell prompt, an HTTP
//! header that says nothing about permissions) or reported.

mod clean;
mod json;
mod jwt;
mod scopes;
mod text;

pub use clean::{decode_bytes, decode_owned, DecodeError};

use crate::detect::{self, Format, Shape};
use crate::evidence::{AccessLevelEvidence, CredentialEvidence};
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
    pub format: Option<Format>,
    pub credentials: Vec<CredentialEvidence>,
    pub access_levels: Vec<AccessLevelEvidence>,
    /// ACL exports and access-denied messages (Azure DevOps security namespaces).
    pub acl: Vec<crate::acl::AclDocument>,
    pub diagnostics: Vec<Diagnostic>,
    /// Byte offset of each line start, to locate spans without rescanning the text; found on
    /// the first `locate` (a big export that reads cleanly never needs them).
    line_starts: LineStarts,
    /// Diagnostics not recorded because the input already had [`MAX_DIAGNOSTICS`].
    suppressed: usize,
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
            credentials: Vec::new(),
            access_levels: Vec::new(),
            acl: Vec::new(),
            diagnostics: Vec::new(),
            line_starts: LineStarts::default(),
            suppressed: 0,
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
            .map(Format::id)
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

/// Marks of an ACL export or access-denied message, with what they show.
const ACL_MARKS: &[(&str, &str)] = &[
    ("acesDictionary", "an _apis/accesscontrollists export"),
    (
        "resolvedPermissions",
        "`az devops security permission show` output",
    ),
    ("namespaceId", "a security namespaces dump"),
    ("Effective ACL on object", "TFSSecurity /acl output"),
    ("TF401027", "an access-denied message (TF401027)"),
    ("security namespace", "an access-denied message"),
    (
        "az devops security permission",
        "`az devops security permission` output",
    ),
    (
        "permissionevaluationbatch",
        "a permissionevaluationbatch response",
    ),
    (
        "accessControlEntries",
        "a POST _apis/accesscontrolentries body",
    ),
    // Identity descriptors: access control entries on their own, identity lookups.
    (
        "ClaimsIdentity;",
        "Azure DevOps identities or access control entries",
    ),
    (
        "TeamFoundation.Identity;",
        "Azure DevOps identities or access control entries",
    ),
];

/// What ACL-family input `text` looks like, if any: the page's initial wasm has no ACL engine
/// and hands such input to its worker.
pub fn acl_mark(text: &str) -> Option<&'static str> {
    ACL_MARKS
        .iter()
        .find(|(mark, _)| text.contains(mark))
        .map(|(_, what)| *what)
}

/// Without the `acl` feature (the page's initial wasm, when its worker with the full engine
/// could not be loaded): recognise an ACL export or access-denied message by its marks and say
/// where it can be judged, instead of reading it as scopes.
pub(crate) fn acl_not_built_here(parsed: &mut Parsed) -> bool {
    let Some(what) = acl_mark(&parsed.text) else {
        return false;
    };
    parsed.diagnose(
        Severity::Warning,
        0,
        format!("this looks like {what}: ACLs are judged by permcheck's full engine, which could not be loaded here"),
        Some("open the hosted page (the single offline file has no ACL engine), or use the command line: `permcheck check FILE` (see the README)".into()),
    );
    true
}

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
    let body_start = clean::skip_leading_commands(&parsed.text);
    let shape = detect::shape(parsed.text.get(body_start..).unwrap_or(""));
    match shape {
        Shape::Empty => {}
        Shape::Json => json::parse(&mut parsed, body_start, options),
        Shape::Jwt => jwt::parse_raw(&mut parsed, body_start),
        Shape::Text => {
            // ACL text formats (az tables, TFSSecurity, access-denied messages) first.
            if cfg!(feature = "acl") {
                match crate::acl::read_text(&parsed.text) {
                    Some((doc, diagnostics)) => parsed.add_acl(doc, diagnostics),
                    None => text::parse(&mut parsed, options),
                }
            } else if !acl_not_built_here(&mut parsed) {
                text::parse(&mut parsed, options);
            }
        }
    }
    if parsed
        .acl
        .iter()
        .any(|d| d.format_id() == "azure-devops-security-namespaces")
        && parsed.diagnostics.is_empty()
    {
        parsed.diagnose(
            Severity::Info,
            body_start,
            "security namespaces read: they name the bits of ACLs pasted with them".into(),
            Some("paste ACL exports (accesscontrollists, az devops security permission list/show) together with this dump".into()),
        );
    }
    if parsed.format_id().is_none() && !parsed.is_empty() && parsed.diagnostics.is_empty() {
        parsed.diagnose(
            Severity::Error,
            body_start,
            "permcheck could not recognise this input".into(),
            Some(EXPECTED.into()),
        );
    }
    parsed.finish();
    parsed
}

/// What permcheck reads, for "expected …" messages.
pub const EXPECTED: &str =
    "paste scope ids (vso.code, repository:admin, read:repository:bitbucket), the PAT page's \
labels (\"Code: Read & write\"), app-password labels (\"Repositories: Read, Admin\"), a JWT, \
an x-oauth-scopes header or a whole `curl -i` response, a 403 error body, \
`_apis/tokens/pats` JSON or user-entitlement JSON";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acl_exports_are_named_where_the_engine_is_left_out() {
        let mut parsed = Parsed::new("acl.json", "{\"value\": [{\"acesDictionary\": {}}]}".into());
        assert!(acl_not_built_here(&mut parsed));
        assert!(parsed.diagnostics[0].message.contains("accesscontrollists"));
        assert!(parsed.diagnostics[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("permcheck check")));
        let mut scopes = Parsed::new("scopes.txt", "vso.code vso.work".into());
        assert!(!acl_not_built_here(&mut scopes));
    }
}
