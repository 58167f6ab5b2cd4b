//! Parsers: turn one input's text into evidence and located diagnostics. Nothing is dropped
//! silently: every line is either understood, recognised as context (a shell prompt, an HTTP
//! header that says nothing about permissions) or reported.

mod clean;
mod json;
mod jwt;
mod scopes;
mod text;

pub use clean::{decode_bytes, DecodeError};

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
    /// The text the spans point into (after BOM and colour-code clean-up).
    pub text: String,
    pub format: Option<Format>,
    pub credentials: Vec<CredentialEvidence>,
    pub access_levels: Vec<AccessLevelEvidence>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    fn new(source: &str, text: String) -> Self {
        Parsed {
            source: source.to_string(),
            text,
            format: None,
            credentials: Vec::new(),
            access_levels: Vec::new(),
            diagnostics: Vec::new(),
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
        let lc = line_col(&self.text, at);
        self.diagnostics.push(Diagnostic {
            severity,
            source: self.source.clone(),
            line: lc.line,
            column: lc.column,
            message,
            help,
        });
    }

    pub fn locate(&self, span: Span) -> (usize, usize) {
        let lc = line_col(&self.text, span.start);
        (lc.line, lc.column)
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Detect the input's format and run its parser.
pub fn parse_input(input: &Input, options: &Options) -> Parsed {
    if input.text.len() > MAX_INPUT_BYTES {
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
        return parsed;
    }
    let mut parsed = Parsed::new(&input.source, clean::clean_text(&input.text));
    let body_start = clean::skip_leading_commands(&parsed.text);
    let body = parsed.text.get(body_start..).unwrap_or("").to_string();
    match detect::shape(&body) {
        Shape::Empty => {}
        Shape::Json => json::parse(&mut parsed, body_start, options),
        Shape::Jwt => jwt::parse_raw(&mut parsed, body_start),
        Shape::Text => text::parse(&mut parsed, options),
    }
    if parsed.format.is_none() && !parsed.is_empty() && parsed.diagnostics.is_empty() {
        parsed.diagnose(
            Severity::Error,
            body_start,
            "permcheck could not recognise this input".into(),
            Some(EXPECTED.into()),
        );
    }
    parsed
}

/// What permcheck reads, for "expected …" messages.
pub const EXPECTED: &str =
    "paste scope ids (vso.code, repository:admin, read:repository:bitbucket), the PAT page's \
labels (\"Code: Read & write\"), app-password labels (\"Repositories: Read, Admin\"), a JWT, \
an x-oauth-scopes header or a whole `curl -i` response, a 403 error body, \
`_apis/tokens/pats` JSON or user-entitlement JSON";
