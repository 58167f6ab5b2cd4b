//! The report: the one output every renderer (page, JSON, Markdown, CLI text) and the JS API
//! share. Its outer shape is fixed by `src/report/contract.md` (schema 1); fields beyond the
//! contract are additions, never renames.

use crate::model::{Credential, Platform, Verdict};
use serde::Serialize;

pub mod ascii_json;
mod read;
pub mod summary;

pub use summary::Summary;

pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub schema: u32,
    pub subjects: Vec<Subject>,
    pub inputs: Vec<InputSummary>,
    pub diagnostics: Vec<Diagnostic>,
    /// With Azure DevOps ACLs: what backup and restore would be if the account were only in
    /// one of the built-in groups, with its default permissions (seed 003).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub what_if: Vec<WhatIf>,
}

/// "If the backup account were only in group G": the categories G's documented defaults decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhatIf {
    pub group: String,
    pub categories: Vec<CategoryResult>,
    /// What G's defaults lack: "Create repository (Git Repositories/CreateRepository)".
    pub missing: Vec<String>,
    pub source: String,
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
    /// The identity descriptor of an ACL subject, as exported (for the page's explorer and for
    /// scripts that match subjects to identities). Absent for tokens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// When the credential stops working, where the input says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<Expires>,
    /// Where the evidence came from, when it was combined from several blocks or inputs
    /// ("paste, lines 1–4 (text)").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub combined: Vec<String>,
    /// What error messages in the input prove, each with what to do and what it cannot tell.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<FindingResult>,
    /// When a verdict is `unknown`: the commands whose output to paste (permcheck runs none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub collect: Vec<CollectStep>,
}

/// A command whose output would settle an `unknown` verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollectStep {
    /// What its output shows.
    pub title: String,
    pub command: String,
}

impl From<&crate::platforms::Collect> for CollectStep {
    fn from(c: &crate::platforms::Collect) -> Self {
        CollectStep {
            title: c.title.to_string(),
            command: c.command.to_string(),
        }
    }
}

/// A credential's expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expires {
    /// `YYYY-MM-DD` (UTC).
    pub date: String,
    /// Whole days from now, when the time of the check is known (negative once expired).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    pub expired: bool,
}

impl Expires {
    /// "Expires in 1 day (2026-12-01)", "Expired 2023-11-14": how every face shows it.
    pub fn describe(&self) -> String {
        match (self.expired, self.days_left) {
            (true, _) => format!("Expired {}", self.date),
            (false, Some(0)) => format!("Expires today ({})", self.date),
            (false, Some(1)) => format!("Expires in 1 day ({})", self.date),
            (false, Some(n)) => format!("Expires in {n} days ({})", self.date),
            (false, None) => format!("Expires {}", self.date),
        }
    }
}

/// What one message of the input proves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingResult {
    pub id: String,
    pub proves: String,
    pub action: String,
    pub cannot_tell: String,
    pub source: String,
    pub line: usize,
    pub column: usize,
    /// The public document that explains it.
    pub reference: String,
    pub reference_url: String,
}

impl Subject {
    /// A `needed_for` entry for people: "restore:repositories" → ("restore", "Repositories"),
    /// with the category's label when the subject knows it.
    pub fn need_parts(&self, need: &str) -> (String, String) {
        let (op, category) = need.split_once(':').unwrap_or(("", need));
        let label = self
            .categories
            .iter()
            .find(|c| c.id == category)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| category.to_string());
        (op.to_string(), label)
    }

    /// Every `needed_for` entry of `missing` as "restore · Repositories", comma-separated.
    pub fn needs_text(&self, missing: &Missing) -> String {
        missing
            .needed_for
            .iter()
            .map(|need| match self.need_parts(need) {
                (op, label) if op.is_empty() => label,
                (op, label) => format!("{op} · {label}"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
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
    /// The public document the requirement comes from (its title).
    pub source: String,
    pub source_url: String,
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
    /// The public document it comes from (its title).
    pub source: String,
    pub source_url: String,
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
    /// The blocks of an input that held several formats (a scope list and a JSON document).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<InputBlock>,
}

/// One block of an input: its lines and its format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputBlock {
    pub line: usize,
    pub end_line: usize,
    pub format: String,
}

/// A line of a summary or a note that is a command: `az …`, or `Name: az …` (a namespace and its
/// export command), as (name, command). Every renderer shows these as commands (the page as code
/// blocks with a copy button each, Markdown as fenced blocks).
pub fn command_line(line: &str) -> Option<(Option<&str>, &str)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with("az ") {
        return Some((None, trimmed));
    }
    let (name, _) = line.split_once(": az ")?;
    let command = line.get(name.len() + 2..)?;
    (name.len() < 40).then_some((Some(name), command))
}

/// One part of a multi-line report text, as renderers show it: a line of prose, one command
/// (`az …`, or `Name: az …`), or a whole script (the lines after a `--- bash ---` marker up to
/// the next marker), which is copied as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPart<'a> {
    Line(&'a str),
    Command {
        caption: Option<&'a str>,
        command: &'a str,
    },
    Script {
        language: &'a str,
        body: String,
    },
}

/// The parts of `text` (every line, the first included).
pub fn text_parts(text: &str) -> Vec<TextPart<'_>> {
    fn marker(line: &str) -> Option<&str> {
        let inner = line.trim().strip_prefix("--- ")?.strip_suffix(" ---")?;
        (!inner.is_empty() && inner.len() < 20).then_some(inner)
    }
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(language) = marker(line) {
            let mut body: Vec<&str> = Vec::new();
            while let Some(next) = lines.peek() {
                if marker(next).is_some() {
                    break;
                }
                body.push(next);
                lines.next();
            }
            out.push(TextPart::Script {
                language,
                body: body.join("\n").trim_end().to_string(),
            });
            continue;
        }
        match command_line(line) {
            Some((caption, command)) => out.push(TextPart::Command { caption, command }),
            None => out.push(TextPart::Line(line)),
        }
    }
    out
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

/// Like [`make_inert`], for the ACL explorer's texts (tokens, names and sources come from the
/// input). The identity stays as exported: it is what the explorer is asked for, never shown.
#[cfg(feature = "acl")]
pub fn make_explorer_inert(explorer: &mut crate::acl::explore::Explorer) {
    for ns in &mut explorer.namespaces {
        inert(&mut ns.name);
        inert(&mut ns.display_name);
        for t in &mut ns.tokens {
            inert(&mut t.token);
            inert(&mut t.display);
            for b in &mut t.bits {
                inert(&mut b.name);
                inert(&mut b.label);
                if let Some(by) = &mut b.decided_by {
                    inert(&mut by.token);
                    inert(&mut by.source);
                    if let Some(name) = &mut by.by {
                        inert(name);
                    }
                }
            }
        }
    }
}

/// Make every string of the report inert for display: bidi controls (which can make
/// `vso.code` read as something else), zero-width characters and C0/C1 controls other than
/// newline and tab become visible escapes like `\u{202E}`. HTML needs no escaping here: every
/// renderer escapes for its own medium (Yew text nodes, Markdown escaping).
pub fn make_inert(report: &mut Report) {
    for s in &mut report.subjects {
        inert(&mut s.label);
        inert(&mut s.backup.summary);
        inert(&mut s.restore.summary);
        for c in &mut s.categories {
            inert(&mut c.label);
            inert(&mut c.backup_reason);
            inert(&mut c.restore_reason);
        }
        for m in &mut s.missing {
            inert(&mut m.id);
            inert(&mut m.label);
        }
        for e in &mut s.excess {
            inert(&mut e.id);
            inert(&mut e.label);
            inert(&mut e.why);
        }
        for w in &mut s.warnings {
            inert(&mut w.message);
        }
        for f in &mut s.findings {
            inert(&mut f.proves);
            inert(&mut f.action);
            inert(&mut f.cannot_tell);
            inert(&mut f.source);
        }
        s.combined.iter_mut().for_each(inert);
        for g in &mut s.granted {
            inert(&mut g.id);
            inert(&mut g.label);
            inert(&mut g.source);
        }
        s.sources.iter_mut().for_each(inert);
    }
    for i in &mut report.inputs {
        inert(&mut i.source);
    }
    for d in &mut report.diagnostics {
        inert(&mut d.source);
        inert(&mut d.message);
        if let Some(help) = &mut d.help {
            inert(help);
        }
    }
}

fn is_dangerous(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
        || (c.is_control() && c != '\n' && c != '\t')
}

fn inert(text: &mut String) {
    // Fast path: printable ASCII (plus newline and tab) needs nothing.
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t')
    {
        return;
    }
    if !text.chars().any(is_dangerous) {
        return;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_dangerous(c) {
            out.push_str(&format!("\\u{{{:X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    *text = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_controls_become_visible() {
        let mut s = String::from("vso.code\u{202E}edoc\u{7}");
        inert(&mut s);
        assert_eq!(s, "vso.code\\u{202E}edoc\\u{7}");
        let mut plain = String::from("Code: Read & write\nline two");
        inert(&mut plain);
        assert_eq!(plain, "Code: Read & write\nline two");
    }
}
