//! A report's summary: what the page shows first. One row per subject (its two verdicts, the
//! sentence that decides, its expiry), the inputs with what the page calls their formats, and
//! the notes on the input sorted by what the page does with them (skipped lines with their
//! one-click fixes, pasted secrets, overrides that were not applied). A list of 3,000 tokens has
//! a report of some 25 MB; its summary is a small fraction of that, and the page asks for a
//! subject's whole detail only when it is opened ([`Summary::details`] carries them all at once
//! for a short list).

use super::{Diagnostic, Expires, Report, Subject, WhatIf};
use crate::model::{Credential, Platform, Verdict};
use serde::Serialize;

/// The summary of a report (JSON: the engine's answer to the page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub schema: u32,
    pub subjects: Vec<SubjectRow>,
    pub inputs: Vec<InputRow>,
    pub notes: Vec<Note>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub what_if: Vec<WhatIf>,
    /// Whole subjects sent with the summary (every one of a list no longer than the page asked
    /// for; none of a longer list).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Detail>,
}

/// One subject, whole, by its index in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detail {
    pub index: usize,
    pub subject: Subject,
}

/// One subject in a line: what the summary table shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectRow {
    pub label: String,
    pub platform: Option<Platform>,
    pub credential: Credential,
    pub backup: Verdict,
    pub restore: Verdict,
    /// The sentence that decides: the first line of the summary of the worse operation.
    pub decides: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<Expires>,
}

/// One input, with what the page calls its format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputRow {
    pub source: String,
    pub format: String,
    /// "Azure DevOps PAT list", "text".
    pub format_label: String,
    pub subjects: usize,
    /// Its subjects are identities of an ACL export (not credentials).
    pub identities: bool,
}

/// What a note on the input asks of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A line or an item that was not read: the verdict may be too pessimistic.
    Skipped,
    /// A secret was pasted (the token itself, not its scopes).
    Secret,
    /// The platform or credential override was not applied to an input.
    Override,
    Other,
}

/// A diagnostic, with its kind and, for a misspelt scope, the fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    pub kind: NoteKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// Replace `from` by `to` where it starts: line and column (1-based, in characters) of the
/// note's source. The page applies it only where the text still reads `from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub line: usize,
    pub column: usize,
    pub from: String,
    pub to: String,
}

impl Fix {
    /// Apply `fixes` to `text` where each still reads its `from` at its line and column (the
    /// page's paste area, edited since or not); returns the new text and what was replaced
    /// ("`vso.wrok` → `vso.work`"), or `None` when none applies.
    pub fn apply(text: &str, fixes: &[Fix]) -> Option<(String, Vec<String>)> {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut edits: Vec<(usize, &Fix)> = fixes
            .iter()
            .filter_map(|fix| {
                let start = *starts.get(fix.line.checked_sub(1)?)?;
                let end = starts.get(fix.line).map_or(text.len(), |next| next - 1);
                let line = text.get(start..end)?;
                let offset = line
                    .char_indices()
                    .nth(fix.column.checked_sub(1)?)
                    .map(|(i, _)| i)?;
                let rest = line.get(offset..)?;
                (!fix.from.is_empty() && rest.starts_with(&fix.from))
                    .then_some((start + offset, fix))
            })
            .collect();
        if edits.is_empty() {
            return None;
        }
        // From the end, so each offset still points where it did.
        edits.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
        edits.dedup_by_key(|(at, _)| *at);
        let mut out = text.to_string();
        let mut done = Vec::new();
        for (at, fix) in &edits {
            out.replace_range(*at..*at + fix.from.len(), &fix.to);
            done.push(format!("`{}` → `{}`", fix.from, fix.to));
        }
        done.reverse();
        Some((out, done))
    }
}

/// How much worse a verdict is, for ordering: a known failure first, a green last.
pub fn rank(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Impossible => 0,
        Verdict::Partial => 1,
        Verdict::Unknown => 2,
        Verdict::Possible => 3,
    }
}

impl Subject {
    /// The sentence that decides this subject: the first line of the worse operation's summary
    /// (backup on a tie). The core writes summaries that lead with a known failure.
    pub fn deciding_sentence(&self) -> &str {
        let op = if rank(self.restore.verdict) < rank(self.backup.verdict) {
            &self.restore
        } else {
            &self.backup
        };
        op.summary.lines().next().unwrap_or("")
    }
}

/// The text after a "did you mean `x`?" help.
fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split("did you mean `").nth(1)?;
    rest.split('`').next().filter(|s| !s.is_empty())
}

fn kind(d: &Diagnostic) -> NoteKind {
    if d.message.starts_with(crate::parse::text::NOT_UNDERSTOOD)
        || d.message.contains("was not counted")
    {
        NoteKind::Skipped
    } else if d.message.contains(" itself, not its scopes") {
        NoteKind::Secret
    } else if d.message.contains("not applied") {
        NoteKind::Override
    } else {
        NoteKind::Other
    }
}

/// The 1-based character column of byte offset `at` in `line`.
fn char_column(line: &str, at: usize) -> usize {
    line.get(..at)
        .map_or(1, |before| before.chars().count() + 1)
}

/// Where to apply a "did you mean" of a skipped note, found in the text it was read from.
fn fix(d: &Diagnostic, text: Option<&str>) -> Option<Fix> {
    let to = suggestion(d.help.as_deref()?)?;
    let line = text?.lines().nth(d.line.checked_sub(1)?)?;
    // The unknown id the message names, or (a line not understood as a whole) the id on the
    // line that the same suggestion was made for.
    let named = d
        .message
        .strip_prefix('`')
        .and_then(|m| m.split('`').next())
        .filter(|_| !d.message.starts_with(crate::parse::text::NOT_UNDERSTOOD));
    let (at, from) = match named {
        Some(named) => {
            let from_column: String = line.chars().skip(d.column.saturating_sub(1)).collect();
            if !from_column.starts_with(named) {
                return None;
            }
            let at = line.len() - from_column.len();
            (at, named)
        }
        None => crate::parse::scopes::tokens(line)
            .into_iter()
            .map(|(at, token)| (at, token.trim_end_matches([':', '.'])))
            .find(|(_, token)| crate::parse::scopes::suggest(token) == Some(to))?,
    };
    (from != to).then(|| Fix {
        line: d.line,
        column: char_column(line, at),
        from: from.to_string(),
        to: to.to_string(),
    })
}

impl Summary {
    /// The summary of `report`, with every subject whole when there are at most `inline` of
    /// them. `text` gives an input's text by its source (for the fixes), when it is kept.
    pub fn new<'t>(report: &Report, inline: usize, text: impl Fn(&str) -> Option<&'t str>) -> Self {
        let subjects = report
            .subjects
            .iter()
            .map(|s| SubjectRow {
                label: s.label.clone(),
                platform: s.platform,
                credential: s.credential,
                backup: s.backup.verdict,
                restore: s.restore.verdict,
                decides: s.deciding_sentence().to_string(),
                expires: s.expires.clone(),
            })
            .collect();
        let inputs = report
            .inputs
            .iter()
            .map(|i| InputRow {
                source: i.source.clone(),
                format: i.format.clone(),
                format_label: crate::detect::format_label(&i.format).to_string(),
                subjects: i.subjects,
                identities: crate::detect::is_acl_format(&i.format),
            })
            .collect();
        let notes = report
            .diagnostics
            .iter()
            .map(|d| {
                let kind = kind(d);
                Note {
                    diagnostic: d.clone(),
                    kind,
                    fix: (kind == NoteKind::Skipped)
                        .then(|| fix(d, text(&d.source)))
                        .flatten(),
                }
            })
            .collect();
        let details = if report.subjects.len() <= inline {
            report
                .subjects
                .iter()
                .enumerate()
                .map(|(index, subject)| Detail {
                    index,
                    subject: subject.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Summary {
            schema: super::SCHEMA,
            subjects,
            inputs,
            notes,
            what_if: report.what_if.clone(),
            details,
        }
    }

    /// ASCII JSON (see `ascii_json`): the page's worker hands it to the browser as a string.
    pub fn to_json(&self) -> String {
        super::ascii_json::to_string(self).unwrap_or_else(|_| {
            String::from("{\"schema\":1,\"subjects\":[],\"inputs\":[],\"notes\":[]}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Input, Options};

    fn summary_of(text: &str) -> Summary {
        let report = check(&[Input::new("paste", text)], &Options::default());
        Summary::new(&report, 10, |source| (source == "paste").then_some(text))
    }

    #[test]
    fn a_misspelt_scope_gets_a_fix_at_its_place() {
        let text = "vso.code vso.wrok\nvso.bulid\n";
        let summary = summary_of(text);
        let fixes: Vec<&Fix> = summary
            .notes
            .iter()
            .filter_map(|n| n.fix.as_ref())
            .collect();
        assert_eq!(
            fixes,
            [
                &Fix {
                    line: 1,
                    column: 10,
                    from: "vso.wrok".into(),
                    to: "vso.work".into()
                },
                &Fix {
                    line: 2,
                    column: 1,
                    from: "vso.bulid".into(),
                    to: "vso.build".into()
                },
            ]
        );
        assert!(summary.notes.iter().all(|n| n.kind == NoteKind::Skipped));
    }

    #[test]
    fn a_line_not_understood_gets_the_fix_of_the_id_in_it() {
        let text = "vso.code\ntoken for backup vso.bulid_execute please\n";
        let summary = summary_of(text);
        let note = summary
            .notes
            .iter()
            .find(|n| {
                n.diagnostic
                    .message
                    .starts_with(crate::parse::text::NOT_UNDERSTOOD)
            })
            .expect("a line not understood");
        assert_eq!(note.kind, NoteKind::Skipped);
        assert_eq!(
            note.fix,
            Some(Fix {
                line: 2,
                column: 18,
                from: "vso.bulid_execute".into(),
                to: "vso.build_execute".into()
            })
        );
    }

    #[test]
    fn a_fix_needs_the_text_it_applies_to() {
        let text = "vso.code vso.wrok\n";
        let report = check(&[Input::new("paste", text)], &Options::default());
        // The text changed since (or is not kept): no fix rather than one at the wrong place.
        let summary = Summary::new(&report, 10, |_| Some("vso.code vso.work\n"));
        assert!(summary.notes.iter().all(|n| n.fix.is_none()));
        let summary = Summary::new(&report, 10, |_| None);
        assert!(summary.notes.iter().all(|n| n.fix.is_none()));
        assert_eq!(summary.notes[0].kind, NoteKind::Skipped);
    }

    #[test]
    fn a_pasted_secret_is_a_secret_note() {
        let summary = summary_of(
            "ATATT3xFfGF0T1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=1234ABCD\n",
        );
        assert!(summary.notes.iter().any(|n| n.kind == NoteKind::Secret));
    }

    #[test]
    fn an_override_not_applied_is_an_override_note() {
        let text = "vso.code vso.work\n";
        let options = Options {
            platform: Some(Platform::BitbucketCloud),
            ..Options::default()
        };
        let report = check(&[Input::new("paste", text)], &options);
        let summary = Summary::new(&report, 10, |_| Some(text));
        assert!(
            summary.notes.iter().any(|n| n.kind == NoteKind::Override),
            "{:?}",
            summary.notes
        );
    }

    #[test]
    fn rows_carry_the_deciding_sentence_and_details_only_for_short_lists() {
        let text = "vso.code vso.work\n";
        let report = check(&[Input::new("paste", text)], &Options::default());
        let subject = &report.subjects[0];
        assert_eq!(subject.restore.verdict, Verdict::Impossible);
        let summary = Summary::new(&report, 1, |_| None);
        assert_eq!(
            summary.subjects[0].decides,
            subject.restore.summary.lines().next().unwrap_or("")
        );
        assert_eq!(summary.details.len(), 1);
        assert_eq!(Summary::new(&report, 0, |_| None).details.len(), 0);
        assert_eq!(summary.inputs[0].format_label, "text");
    }

    #[test]
    fn a_summary_reads_back_as_written() {
        let text = "vso.code vso.wrok\nATATT3xFfGF0T1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=1234ABCD\n";
        let summary = summary_of(text);
        assert!(summary.notes.iter().any(|n| n.fix.is_some()));
        assert_eq!(Summary::from_json(&summary.to_json()), Ok(summary.clone()));
        let details = serde_json::to_string(&summary.details).unwrap_or_default();
        assert_eq!(Report::details_from_json(&details), Ok(summary.details));
    }

    #[test]
    fn fixes_apply_where_the_text_still_reads_them() {
        let text = "vso.code vso.wrok\nvso.bulid\n";
        let summary = summary_of(text);
        let fixes: Vec<Fix> = summary.notes.iter().filter_map(|n| n.fix.clone()).collect();
        let (fixed, done) = Fix::apply(text, &fixes).expect("both apply");
        assert_eq!(fixed, "vso.code vso.work\nvso.build\n");
        assert_eq!(
            done,
            ["`vso.wrok` → `vso.work`", "`vso.bulid` → `vso.build`"]
        );
        // Edited since: only the fix whose text is still there applies.
        let (fixed, done) = Fix::apply("vso.code vso.work\nvso.bulid\n", &fixes).expect("one");
        assert_eq!(fixed, "vso.code vso.work\nvso.build\n");
        assert_eq!(done.len(), 1);
        assert_eq!(Fix::apply("", &fixes), None);
        // A column past its line never reaches into the next one.
        let far = Fix {
            line: 1,
            column: 30,
            from: "vso.bulid".into(),
            to: "vso.build".into(),
        };
        assert_eq!(Fix::apply(text, &[far]), None);
        // The whole summary of the fixed text has nothing left to fix.
        assert!(summary_of("vso.code vso.work\nvso.build\n")
            .notes
            .is_empty());
    }
}
