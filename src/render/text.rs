//! Plain text for the terminal: verdicts first, then what to do.

use crate::model::Verdict;
use crate::report::{Report, Severity};
use std::fmt::Write;

pub fn mark(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Possible => "✓ possible",
        Verdict::Partial => "◐ partial",
        Verdict::Impossible => "✕ impossible",
        Verdict::Unknown => "? unknown",
    }
}

pub fn text(report: &Report) -> String {
    let mut out = String::new();
    if report.subjects.is_empty() {
        out.push_str("No credential or account could be judged from the input.\n");
    }
    for (i, s) in report.subjects.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let platform = s.platform.map(|p| p.name()).unwrap_or("unknown platform");
        let _ = writeln!(out, "{} — {platform}", s.label);
        if let Some(expires) = &s.expires {
            let _ = writeln!(out, "  {}", expires.describe());
        }
        let _ = writeln!(out, "  Backup:  {}", mark(s.backup.verdict));
        let _ = writeln!(
            out,
            "           {}",
            s.backup.summary.replace('\n', "\n           ")
        );
        let _ = writeln!(out, "  Restore: {}", mark(s.restore.verdict));
        let _ = writeln!(
            out,
            "           {}",
            s.restore.summary.replace('\n', "\n           ")
        );
        if !s.collect.is_empty() {
            let _ = writeln!(
                out,
                "  To decide it, paste the output of (permcheck runs nothing):"
            );
            for c in &s.collect {
                let _ = writeln!(out, "    # {}\n    {}", c.title, c.command);
            }
        }
        if !s.findings.is_empty() {
            let _ = writeln!(out, "  What the input proves:");
            for f in &s.findings {
                let _ = writeln!(
                    out,
                    "    ▸ {} ({}:{}:{})",
                    f.proves, f.source, f.line, f.column
                );
                let _ = writeln!(out, "      Do: {}", f.action);
                let _ = writeln!(out, "      It cannot tell: {}", f.cannot_tell);
                let _ = writeln!(out, "      See: {} <{}>", f.reference, f.reference_url);
            }
        }
        if !s.missing.is_empty() {
            let _ = writeln!(out, "  What to grant:");
            for m in &s.missing {
                let _ = writeln!(
                    out,
                    "    + {} ({}) — for {}",
                    m.label,
                    m.id,
                    s.needs_text(m)
                );
            }
        }
        if !s.categories.is_empty() {
            let _ = writeln!(out, "  Categories:");
            let width = s
                .categories
                .iter()
                .map(|c| c.label.chars().count())
                .max()
                .unwrap_or(0)
                .min(40);
            for c in &s.categories {
                let label: String = c.label.chars().take(40).collect();
                let _ = writeln!(
                    out,
                    "    {label:<width$}  backup {:<14} restore {}",
                    mark(c.backup),
                    mark(c.restore)
                );
            }
        }
        if !s.excess.is_empty() {
            let _ = writeln!(out, "  Granted but not needed:");
            for e in &s.excess {
                let _ = writeln!(out, "    - {} ({}): {}", e.label, e.id, e.why);
            }
        }
        if !s.warnings.is_empty() {
            let _ = writeln!(out, "  Check also:");
            for w in &s.warnings {
                let _ = writeln!(out, "    ! {}", w.message.replace('\n', "\n      "));
            }
        }
        if !s.combined.is_empty() {
            let _ = writeln!(out, "  Judged together from: {}", s.combined.join("; "));
        }
        let mut cited: Vec<(&str, &str)> = Vec::new();
        for (title, url) in s
            .missing
            .iter()
            .map(|m| (m.source.as_str(), m.source_url.as_str()))
            .chain(
                s.warnings
                    .iter()
                    .map(|w| (w.source.as_str(), w.source_url.as_str())),
            )
        {
            if !url.is_empty() && !cited.iter().any(|(_, u)| *u == url) {
                cited.push((title, url));
            }
        }
        if !cited.is_empty() {
            let _ = writeln!(out, "  Sources:");
            for (title, url) in cited {
                let _ = writeln!(out, "    {title} <{url}>");
            }
        }
    }
    out.push_str(&what_if(report));
    out
}

/// Seed 003's what-if, one line per built-in group.
fn what_if(report: &Report) -> String {
    let mut out = String::new();
    if report.what_if.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "\nIf the account were only in a built-in group (default permissions, Microsoft Learn: Default permissions quick reference):"
    );
    for w in &report.what_if {
        let verdicts: Vec<String> = w
            .categories
            .iter()
            .map(|c| {
                format!(
                    "{} backup {}, restore {}",
                    c.label,
                    mark(c.backup),
                    mark(c.restore)
                )
            })
            .collect();
        let _ = writeln!(out, "  {}: {}", w.group, verdicts.join("; "));
        if !w.missing.is_empty() {
            let _ = writeln!(out, "    lacks {}", w.missing.join(", "));
        }
    }
    out
}

/// Diagnostics as `source:line:column: severity: message`, for stderr.
pub fn diagnostics(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {severity}: {}",
            d.source, d.line, d.column, d.message
        );
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {help}");
        }
    }
    out
}
