//! Reading a report (and an ACL explorer) back from its JSON: what the page does with the
//! worker's answer. Written by hand over `serde_json::Value`, which the page already has for
//! parsing inputs: derived `Deserialize` impls cost the page's wasm some 20 KB it does not have.
//! Anything missing or of the wrong kind is an error naming the field, never a guess.

use super::*;
use crate::acl::explore::{
    BitState, DecidedBy, Explorer, ExplorerBit, ExplorerNamespace, ExplorerToken,
};
use serde_json::Value;

type Read<T> = Result<T, String>;

fn field<'v>(v: &'v Value, key: &str) -> Read<&'v Value> {
    v.get(key).ok_or_else(|| format!("`{key}` is missing"))
}

fn string(v: &Value, key: &str) -> Read<String> {
    field(v, key)?
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("`{key}` is not text"))
}

fn number(v: &Value, key: &str) -> Read<u64> {
    field(v, key)?
        .as_u64()
        .ok_or_else(|| format!("`{key}` is not a whole number"))
}

fn count(v: &Value, key: &str) -> Read<usize> {
    usize::try_from(number(v, key)?).map_err(|_| format!("`{key}` is too large"))
}

fn list<T>(v: &Value, key: &str, each: impl Fn(&Value) -> Read<T>) -> Read<Vec<T>> {
    match v.get(key) {
        // Lists the writer leaves out when empty.
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(each).collect(),
        Some(_) => Err(format!("`{key}` is not a list")),
    }
}

fn strings(v: &Value, key: &str) -> Read<Vec<String>> {
    list(v, key, |s| {
        s.as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("`{key}` holds something other than text"))
    })
}

fn optional(v: &Value, key: &str) -> Read<Option<String>> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => string(v, key).map(Some),
    }
}

fn verdict(v: &Value, key: &str) -> Read<Verdict> {
    let id = string(v, key)?;
    [
        Verdict::Possible,
        Verdict::Partial,
        Verdict::Impossible,
        Verdict::Unknown,
    ]
    .into_iter()
    .find(|x| x.id() == id)
    .ok_or_else(|| format!("`{key}` is not a verdict"))
}

fn operation(v: &Value, key: &str) -> Read<OperationResult> {
    let o = field(v, key)?;
    Ok(OperationResult {
        verdict: verdict(o, "verdict")?,
        summary: string(o, "summary")?,
    })
}

fn category(c: &Value) -> Read<CategoryResult> {
    Ok(CategoryResult {
        id: string(c, "id")?,
        label: string(c, "label")?,
        backup: verdict(c, "backup")?,
        restore: verdict(c, "restore")?,
        backup_reason: string(c, "backup_reason")?,
        restore_reason: string(c, "restore_reason")?,
    })
}

fn subject(s: &Value) -> Read<Subject> {
    Ok(Subject {
        label: string(s, "label")?,
        platform: platform(s)?,
        credential: credential(s)?,
        backup: operation(s, "backup")?,
        restore: operation(s, "restore")?,
        categories: list(s, "categories", category)?,
        missing: list(s, "missing", |m| {
            Ok(Missing {
                id: string(m, "id")?,
                label: string(m, "label")?,
                needed_for: strings(m, "needed_for")?,
                source: string(m, "source")?,
                source_url: optional(m, "source_url")?.unwrap_or_default(),
            })
        })?,
        excess: list(s, "excess", |e| {
            Ok(Excess {
                id: string(e, "id")?,
                label: string(e, "label")?,
                why: string(e, "why")?,
            })
        })?,
        warnings: list(s, "warnings", |w| {
            Ok(Warning {
                id: string(w, "id")?,
                message: string(w, "message")?,
                source: string(w, "source")?,
                source_url: optional(w, "source_url")?.unwrap_or_default(),
            })
        })?,
        granted: list(s, "granted", |g| {
            Ok(Granted {
                id: string(g, "id")?,
                label: string(g, "label")?,
                source: string(g, "source")?,
                line: count(g, "line")?,
                column: count(g, "column")?,
            })
        })?,
        sources: strings(s, "sources")?,
        identity: optional(s, "identity")?,
        expires: expires(s)?,
        combined: strings(s, "combined")?,
        collect: list(s, "collect", |c| {
            Ok(CollectStep {
                title: string(c, "title")?,
                command: string(c, "command")?,
            })
        })?,
        findings: list(s, "findings", |f| {
            Ok(FindingResult {
                id: string(f, "id")?,
                proves: string(f, "proves")?,
                action: string(f, "action")?,
                cannot_tell: string(f, "cannot_tell")?,
                source: string(f, "source")?,
                line: count(f, "line")?,
                column: count(f, "column")?,
                reference: string(f, "reference")?,
                reference_url: string(f, "reference_url")?,
            })
        })?,
    })
}

fn expires(s: &Value) -> Read<Option<Expires>> {
    Ok(match s.get("expires") {
        None | Some(Value::Null) => None,
        Some(e) => Some(Expires {
            date: string(e, "date")?,
            days_left: match e.get("days_left") {
                None | Some(Value::Null) => None,
                Some(d) => Some(d.as_i64().ok_or("`days_left` is not a whole number")?),
            },
            expired: field(e, "expired")?
                .as_bool()
                .ok_or("`expired` is not true or false")?,
        }),
    })
}

fn diagnostic(d: &Value) -> Read<Diagnostic> {
    Ok(Diagnostic {
        severity: severity(d)?,
        source: string(d, "source")?,
        line: count(d, "line")?,
        column: count(d, "column")?,
        message: string(d, "message")?,
        help: optional(d, "help")?,
    })
}

fn what_if(w: &Value) -> Read<WhatIf> {
    Ok(WhatIf {
        group: string(w, "group")?,
        categories: list(w, "categories", category)?,
        missing: strings(w, "missing")?,
        source: string(w, "source")?,
    })
}

fn platform(s: &Value) -> Read<Option<Platform>> {
    match optional(s, "platform")? {
        None => Ok(None),
        Some(id) => Ok(Some(
            Platform::from_id(&id).ok_or("`platform` is not a platform id")?,
        )),
    }
}

fn credential(s: &Value) -> Read<Credential> {
    Credential::from_id(&string(s, "credential")?)
        .ok_or_else(|| "`credential` is not a credential id".into())
}

fn severity(v: &Value) -> Read<Severity> {
    match string(v, "severity")?.as_str() {
        "error" => Ok(Severity::Error),
        "warning" => Ok(Severity::Warning),
        "info" => Ok(Severity::Info),
        _ => Err("`severity` is not error, warning or info".into()),
    }
}

impl Report {
    /// Read a report from the JSON [`Report::to_json`] (or the JS API) writes.
    pub fn from_json(text: &str) -> Read<Report> {
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if number(&v, "schema")? != u64::from(SCHEMA) {
            return Err("another schema".into());
        }
        Ok(Report {
            schema: SCHEMA,
            subjects: list(&v, "subjects", subject)?,
            inputs: list(&v, "inputs", |i| {
                Ok(InputSummary {
                    source: string(i, "source")?,
                    format: string(i, "format")?,
                    subjects: count(i, "subjects")?,
                    blocks: list(i, "blocks", |b| {
                        Ok(InputBlock {
                            line: count(b, "line")?,
                            end_line: count(b, "end_line")?,
                            format: string(b, "format")?,
                        })
                    })?,
                })
            })?,
            diagnostics: list(&v, "diagnostics", diagnostic)?,
            what_if: list(&v, "what_if", what_if)?,
        })
    }

    /// Whole subjects from the JSON list the engine writes for the ones the page opens
    /// (`[{index, subject}]`).
    pub fn details_from_json(text: &str) -> Read<Vec<summary::Detail>> {
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        match &v {
            Value::Array(items) => items.iter().map(detail).collect(),
            _ => Err("the details are not a list".into()),
        }
    }
}

fn detail(d: &Value) -> Read<summary::Detail> {
    Ok(summary::Detail {
        index: count(d, "index")?,
        subject: subject(field(d, "subject")?)?,
    })
}

fn note_kind(v: &Value) -> Read<summary::NoteKind> {
    use summary::NoteKind;
    Ok(match string(v, "kind")?.as_str() {
        "skipped" => NoteKind::Skipped,
        "secret" => NoteKind::Secret,
        "override" => NoteKind::Override,
        "other" => NoteKind::Other,
        _ => return Err("`kind` is not a note kind".into()),
    })
}

impl summary::Summary {
    /// Read a summary from the JSON [`summary::Summary::to_json`] writes (the engine's answer).
    pub fn from_json(text: &str) -> Read<summary::Summary> {
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if number(&v, "schema")? != u64::from(SCHEMA) {
            return Err("another schema".into());
        }
        Ok(summary::Summary {
            schema: SCHEMA,
            subjects: list(&v, "subjects", |s| {
                Ok(summary::SubjectRow {
                    label: string(s, "label")?,
                    platform: platform(s)?,
                    credential: credential(s)?,
                    backup: verdict(s, "backup")?,
                    restore: verdict(s, "restore")?,
                    decides: string(s, "decides")?,
                    expires: expires(s)?,
                })
            })?,
            inputs: list(&v, "inputs", |i| {
                Ok(summary::InputRow {
                    source: string(i, "source")?,
                    format: string(i, "format")?,
                    format_label: string(i, "format_label")?,
                    subjects: count(i, "subjects")?,
                    identities: field(i, "identities")?
                        .as_bool()
                        .ok_or("`identities` is not true or false")?,
                })
            })?,
            notes: list(&v, "notes", |n| {
                Ok(summary::Note {
                    diagnostic: diagnostic(n)?,
                    kind: note_kind(n)?,
                    fix: match n.get("fix") {
                        None | Some(Value::Null) => None,
                        Some(f) => Some(summary::Fix {
                            line: count(f, "line")?,
                            column: count(f, "column")?,
                            from: string(f, "from")?,
                            to: string(f, "to")?,
                        }),
                    },
                })
            })?,
            what_if: list(&v, "what_if", what_if)?,
            details: list(&v, "details", detail)?,
        })
    }
}

fn bit_state(v: &Value) -> Read<BitState> {
    Ok(match string(v, "state")?.as_str() {
        "allow" => BitState::Allow,
        "allow-inherited" => BitState::AllowInherited,
        "deny" => BitState::Deny,
        "deny-inherited" => BitState::DenyInherited,
        "not-set" => BitState::NotSet,
        _ => return Err("`state` is not a bit state".into()),
    })
}

impl Explorer {
    /// Read an explorer from its JSON (the worker's answer).
    pub fn from_json(text: &str) -> Read<Explorer> {
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(Explorer {
            identity: string(&v, "identity")?,
            namespaces: list(&v, "namespaces", |n| {
                Ok(ExplorerNamespace {
                    id: string(n, "id")?,
                    name: string(n, "name")?,
                    display_name: string(n, "display_name")?,
                    tokens_left_out: count(n, "tokens_left_out")?,
                    tokens: list(n, "tokens", |t| {
                        Ok(ExplorerToken {
                            token: string(t, "token")?,
                            display: string(t, "display")?,
                            depth: count(t, "depth")?,
                            bits: list(t, "bits", |b| {
                                Ok(ExplorerBit {
                                    bit: number(b, "bit")?,
                                    name: string(b, "name")?,
                                    label: string(b, "label")?,
                                    state: bit_state(b)?,
                                    reported: field(b, "reported")?
                                        .as_bool()
                                        .ok_or("`reported` is not true or false")?,
                                    decided_by: match b.get("decided_by") {
                                        None | Some(Value::Null) => None,
                                        Some(d) => Some(DecidedBy {
                                            token: string(d, "token")?,
                                            source: string(d, "source")?,
                                            line: count(d, "line")?,
                                            column: count(d, "column")?,
                                            by: optional(d, "by")?,
                                        }),
                                    },
                                })
                            })?,
                        })
                    })?,
                })
            })?,
        })
    }
}
