//! The report: the one output every renderer (page, JSON, Markdown, CLI text) and the JS API
//! share. Its outer shape is fixed by `shared/contract/report.md` (schema 1); fields beyond the
//! contract are additions, never renames.

use crate::model::{Credential, Platform, Verdict};
use serde::Serialize;

pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub schema: u32,
    pub subjects: Vec<Subject>,
    pub inputs: Vec<InputSummary>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The CLI's exit status, as the contract fixes it.
    pub fn exit_code(&self) -> i32 {
        if self.subjects.is_empty() {
            return 2;
        }
        let verdicts = self
            .subjects
            .iter()
            .flat_map(|s| [s.backup.verdict, s.restore.verdict]);
        let mut any_unknown = false;
        for verdict in verdicts {
            match verdict {
                Verdict::Impossible | Verdict::Partial => return 1,
                Verdict::Unknown => any_unknown = true,
                Verdict::Possible => {}
            }
        }
        if any_unknown {
            3
        } else {
            0
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising plain owned data cannot fail; fall back to a valid document anyway.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| {
            String::from("{\"schema\":1,\"subjects\":[],\"inputs\":[],\"diagnostics\":[]}")
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// What the admin would call it: "PAT \"backup-2026\"", "x-oauth-scopes (paste)".
    pub label: String,
    pub platform: Option<Platform>,
    pub credential: Credential,
    pub backup: OperationResult,
    pub restore: OperationResult,
    pub categories: Vec<CategoryResult>,
    pub missing: Vec<Missing>,
    pub excess: Vec<Excess>,
    pub warnings: Vec<Warning>,
    /// What the evidence granted, with where each item came from.
    pub granted: Vec<Granted>,
    /// Which inputs contributed evidence to this subject.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OperationResult {
    pub verdict: Verdict,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryResult {
    pub id: String,
    pub label: String,
    pub backup: Verdict,
    pub restore: Verdict,
    /// One line each: why the verdict is what it is.
    pub backup_reason: String,
    pub restore_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// The platform's own id (`vso.code_write`, `repository:admin`, …).
    pub id: String,
    /// The label an admin sees in the portal.
    pub label: String,
    /// `operation:category` pairs this grant unblocks.
    pub needed_for: Vec<String>,
    /// Where the requirement comes from (seed or reference section).
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excess {
    pub id: String,
    pub label: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub id: String,
    pub message: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Granted {
    pub id: String,
    pub label: String,
    pub source: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputSummary {
    pub source: String,
    /// A format id from [`crate::detect::Format::id`], or `unrecognised` / `empty`.
    pub format: String,
    pub subjects: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub source: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// What to do about it, when there is something to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}
