//! permcheck: can this token, these scopes or this account back up and restore a DevOps
//! organisation, and if not, exactly what is missing?
//!
//! The flow is one-way: input text → [`detect`] → a format parser in [`parse`] → [`evidence`]
//! (each item with its source span) → [`evaluate`] against the [`catalog`] → [`report`] →
//! renderers in [`render`]. This crate has no web dependency; the Yew page (`web`, wasm only)
//! and the CLI are thin layers over [`check`].
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod catalog;
pub mod detect;
pub mod evaluate;
pub mod evidence;
pub mod examples;
pub mod model;
pub mod parse;
pub mod platforms;
pub mod render;
pub mod report;
pub mod share;
pub mod source;

#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
pub mod js_api;
#[cfg(target_arch = "wasm32")]
pub mod js_text;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use model::{Credential, Operation, Platform, Verdict};
/// Azure DevOps ACLs (the platform's own engine), at the path the tests and the page use.
pub use platforms::azure_devops::acl;
pub use report::Report;

/// One pasted text or file, named for diagnostics ("paste", "pats.json", "-").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub source: String,
    pub text: String,
}

impl Input {
    pub fn new(source: impl Into<String>, text: impl Into<String>) -> Self {
        Input {
            source: source.into(),
            text: text.into(),
        }
    }
}

/// What the user told us that the input cannot: overrides of detection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub platform: Option<Platform>,
    pub credential: Option<Credential>,
    /// The time of the check, in seconds since 1970 (UTC), to judge expiry dates. Natively the
    /// system clock is read when this is `None`; in the browser the page and the JS API set it.
    pub now: Option<i64>,
}

/// Detect, parse and evaluate every input together and return the report. Inputs are judged
/// in a canonical order (by name, then text), so the order they were pasted or dropped in never
/// changes the report.
pub fn check(inputs: &[Input], options: &Options) -> Report {
    Session::new(inputs, options).report()
}

/// Inputs parsed once and kept, so one evaluation can be followed by explorations of its ACLs
/// without reading a large export again (the page's worker holds one).
pub struct Session {
    parsed: Vec<parse::Parsed>,
    options: Options,
}

impl Session {
    /// Detect and parse every input, in the canonical order [`check`] uses.
    pub fn new(inputs: &[Input], options: &Options) -> Self {
        // One copy of each text, as cleaning it would make anyway.
        Session::from_inputs(inputs.to_vec(), options)
    }

    /// [`Session::new`] taking the inputs: their texts are kept, not copied.
    pub fn from_inputs(mut inputs: Vec<Input>, options: &Options) -> Self {
        inputs.sort_by(|a, b| (&a.source, &a.text).cmp(&(&b.source, &b.text)));
        let parsed = inputs
            .into_iter()
            .map(|input| parse::parse_owned(input, options))
            .collect();
        Session {
            parsed,
            options: options.clone(),
        }
    }

    /// Evaluate the parsed inputs: the report of the contract.
    pub fn report(&self) -> Report {
        let mut report = evaluate::evaluate(&self.parsed, &self.options);
        report::make_inert(&mut report);
        report
    }

    /// Every exported permission of the identity `descriptor` (a subject's `identity`), at most
    /// `max_tokens` tokens per namespace. Its texts come from the input, so they are made inert
    /// like the report's.
    #[cfg(feature = "acl")]
    pub fn explore(&self, descriptor: &str, max_tokens: usize) -> acl::explore::Explorer {
        let docs: Vec<&acl::AclDocument> = self.parsed.iter().flat_map(|p| p.acl.iter()).collect();
        let mut explorer = acl::explore::explore(&docs, descriptor, max_tokens);
        report::make_explorer_inert(&mut explorer);
        explorer
    }
}
