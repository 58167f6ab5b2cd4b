#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]
#![allow(dead_code)]
use permcheck::report::Subject;
use permcheck::{check, Input, Options, Report, Verdict};

pub fn fixture(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

pub fn run(text: &str) -> Report {
    check(&[Input::new("paste", text)], &Options::default())
}

pub fn run_with(text: &str, options: &Options) -> Report {
    check(&[Input::new("paste", text)], options)
}

pub fn only(report: &Report) -> &Subject {
    assert_eq!(
        report.subjects.len(),
        1,
        "expected one subject, got {:#?}",
        report.subjects
    );
    &report.subjects[0]
}

pub fn verdicts(subject: &Subject) -> (Verdict, Verdict) {
    (subject.backup.verdict, subject.restore.verdict)
}

pub fn category(subject: &Subject, id: &str) -> (Verdict, Verdict) {
    let c = subject
        .categories
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no category {id}"));
    (c.backup, c.restore)
}

/// A real sample kept in `../shared/reference/samples/<platform>/<name>` (fetched snapshots
/// are never copied into the repository). `None`, with a message, when `../shared` is absent.
pub fn shared_sample(platform: &str, name: &str) -> Option<String> {
    let root = format!("{}/../shared/reference/samples", env!("CARGO_MANIFEST_DIR"));
    if !std::path::Path::new(&root).is_dir() {
        eprintln!("skipped: {root} is absent (the shared reference sits beside the repository)");
        return None;
    }
    let full = format!("{root}/{platform}/{name}");
    Some(std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}")))
}
