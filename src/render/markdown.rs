//! Markdown, for a ticket or a wiki page. Input text is escaped so a pasted `<script>` or
//! `|` stays inert text.

use super::text::mark;
use crate::report::{text_parts, Report, Severity, TextPart};
use std::fmt::Write;

/// Escaped once, with backslashes (valid CommonMark for any ASCII punctuation), so the raw text
/// reads as it renders: "Read, write, & manage", never `&amp;`. An `&` that could start an
/// entity (`&lt;`) is escaped too.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '<' | '>' => {
                out.push('\\');
                out.push(ch);
            }
            '&' if chars
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '#') =>
            {
                out.push_str("\\&");
            }
            '|' | '*' | '_' | '`' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A text of several lines as the body of a list item: its first line, then each run of
/// command lines as a fenced block (a `# Name` comment before a named one; unescaped there, so
/// commands copy and run as they are; the fence is longer than any run of backticks inside),
/// other lines as paragraphs of the item.
fn item_body(text: &str) -> String {
    let parts = text_parts(text);
    let mut parts = parts.iter();
    let mut out = match parts.next() {
        Some(TextPart::Line(first)) => esc(first),
        Some(TextPart::Command { command, .. }) => esc(command),
        Some(TextPart::Script { .. }) | None => String::new(),
    };
    let mut commands: Vec<(Option<&str>, &str)> = Vec::new();
    let clean = |t: &str| -> String {
        t.chars()
            .filter(|ch| !ch.is_control() || *ch == '\n')
            .collect()
    };
    let fence_for = |texts: &[&str]| {
        let longest = texts
            .iter()
            .flat_map(|part| part.split(|ch| ch != '`'))
            .map(str::len)
            .max()
            .unwrap_or(0);
        "`".repeat(longest.max(2) + 1)
    };
    let flush = |out: &mut String, commands: &mut Vec<(Option<&str>, &str)>| {
        if commands.is_empty() {
            return;
        }
        let texts: Vec<&str> = commands
            .iter()
            .flat_map(|(name, c)| [name.unwrap_or(""), c])
            .collect();
        let fence = fence_for(&texts);
        let _ = write!(out, "\n\n  {fence}sh");
        for (name, command) in commands.drain(..) {
            if let Some(name) = name {
                let _ = write!(out, "\n  # {}", clean(name));
            }
            let _ = write!(out, "\n  {}", clean(command));
        }
        let _ = write!(out, "\n  {fence}");
    };
    for part in parts {
        match part {
            TextPart::Command { caption, command } => commands.push((*caption, command)),
            TextPart::Line(line) => {
                flush(&mut out, &mut commands);
                let _ = write!(out, "\n\n  {}", esc(line));
            }
            TextPart::Script { language, body } => {
                flush(&mut out, &mut commands);
                let fence = fence_for(&[body]);
                let tag = if language.eq_ignore_ascii_case("powershell") {
                    "powershell"
                } else {
                    "sh"
                };
                let _ = write!(
                    out,
                    "\n\n  {} ({language}):\n\n  {fence}{tag}",
                    esc("Script")
                );
                for line in clean(body).lines() {
                    let _ = write!(out, "\n  {line}");
                }
                let _ = write!(out, "\n  {fence}");
            }
        }
    }
    flush(&mut out, &mut commands);
    out
}

pub fn markdown(report: &Report) -> String {
    let mut out = String::from("# permcheck report\n\n");
    let inputs: Vec<String> = report
        .inputs
        .iter()
        .map(|i| {
            format!(
                "{} ({})",
                esc(&i.source),
                esc(crate::detect::format_label(&i.format))
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "permcheck {} · inputs: {}\n",
        env!("CARGO_PKG_VERSION"),
        if inputs.is_empty() {
            "none".to_string()
        } else {
            inputs.join(", ")
        }
    );
    if report.subjects.is_empty() {
        out.push_str("No credential or account could be judged from the input.\n\n");
    }
    for s in &report.subjects {
        let platform = s.platform.map(|p| p.name()).unwrap_or("unknown platform");
        let _ = writeln!(out, "## {} ({platform})\n", esc(&s.label));
        if let Some(expires) = &s.expires {
            let _ = writeln!(out, "**{}**\n", esc(&expires.describe()));
        }
        let _ = writeln!(
            out,
            "- **Backup: {}**: {}",
            mark(s.backup.verdict),
            item_body(&s.backup.summary)
        );
        let _ = writeln!(
            out,
            "- **Restore: {}**: {}\n",
            mark(s.restore.verdict),
            item_body(&s.restore.summary)
        );
        if !s.collect.is_empty() {
            out.push_str("### To decide it, paste the output of\n\n");
            let longest = s
                .collect
                .iter()
                .flat_map(|c| c.command.split(|ch| ch != '`'))
                .map(str::len)
                .max()
                .unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            let _ = writeln!(out, "{fence}sh");
            for c in &s.collect {
                let _ = writeln!(out, "# {}\n{}", c.title.replace('\n', " "), c.command);
            }
            let _ = writeln!(out, "{fence}\n");
        }
        if !s.findings.is_empty() {
            out.push_str("### What the input proves\n\n");
            for f in &s.findings {
                let _ = writeln!(
                    out,
                    "- {} ({}:{}:{})\n  - Do: {}\n  - It cannot tell: {}\n  - See [{}]({})",
                    esc(&f.proves),
                    esc(&f.source),
                    f.line,
                    f.column,
                    esc(&f.action),
                    esc(&f.cannot_tell),
                    esc(&f.reference),
                    f.reference_url.replace(['(', ')', ' '], "")
                );
            }
            out.push('\n');
        }
        if !s.missing.is_empty() {
            out.push_str("### What to grant\n\n");
            for m in &s.missing {
                let source = if m.source_url.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ([{}]({}))",
                        esc(&m.source),
                        m.source_url.replace(['(', ')', ' '], "")
                    )
                };
                let _ = writeln!(
                    out,
                    "- [ ] {} (`{}`), for {}{source}",
                    esc(&m.label),
                    m.id.replace('`', ""),
                    esc(&s.needs_text(m))
                );
            }
            out.push('\n');
        }
        if !s.categories.is_empty() {
            out.push_str("| Category | Backup | Restore |\n|---|---|---|\n");
            for c in &s.categories {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    esc(&c.label),
                    mark(c.backup),
                    mark(c.restore)
                );
            }
            out.push('\n');
        }
        if !s.excess.is_empty() {
            out.push_str("### Granted but not needed\n\n");
            for e in &s.excess {
                let _ = writeln!(
                    out,
                    "- {} (`{}`): {}",
                    esc(&e.label),
                    e.id.replace('`', ""),
                    esc(&e.why)
                );
            }
            out.push('\n');
        }
        if !s.warnings.is_empty() {
            out.push_str("### Check also\n\n");
            for w in &s.warnings {
                let _ = writeln!(out, "- {}", item_body(&w.message));
            }
            out.push('\n');
        }
        if !s.combined.is_empty() {
            let _ = writeln!(
                out,
                "Judged together from: {}\n",
                esc(&s.combined.join("; "))
            );
        }
    }
    if !report.what_if.is_empty() {
        out.push_str("## If the account were only in a built-in group\n\n");
        out.push_str("Default permissions of each group ([Microsoft Learn: Default permissions quick reference](https://learn.microsoft.com/en-us/azure/devops/organizations/security/permissions-access)); categories those defaults do not decide are left out.\n\n");
        out.push_str("| Group | Category | Backup | Restore |\n|---|---|---|---|\n");
        for w in &report.what_if {
            for c in &w.categories {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    esc(&w.group),
                    esc(&c.label),
                    c.backup.id(),
                    c.restore.id()
                );
            }
        }
        out.push('\n');
        for w in report.what_if.iter().filter(|w| !w.missing.is_empty()) {
            let _ = writeln!(
                out,
                "- {} lacks {}",
                esc(&w.group),
                esc(&w.missing.join(", "))
            );
        }
        out.push('\n');
    }
    if !report.diagnostics.is_empty() {
        out.push_str("## Input problems\n\n");
        for d in &report.diagnostics {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            let _ = writeln!(
                out,
                "- {}:{}:{} {severity}: {}",
                esc(&d.source),
                d.line,
                d.column,
                esc(&d.message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_go_in_a_fence_that_input_cannot_close() {
        let body = item_body("To allow \"Read\" run:\naz devops x --token 'a```b'\nProject: az devops y\n(review <them>)");
        assert_eq!(
            body,
            "To allow \"Read\" run:\n\n  ````sh\n  az devops x --token 'a```b'\n  # Project\n  az devops y\n  ````\n\n  (review \\<them\\>)"
        );
        // One line: escaped, as before.
        assert_eq!(item_body("a <b> | c"), "a \\<b\\> \\| c");
        // Escaped once: an admin reads the label as the portal shows it.
        assert_eq!(esc("Read, write, & manage"), "Read, write, & manage");
        assert_eq!(esc("&lt;script"), "\\&lt;script");
    }
}
