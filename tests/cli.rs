//! The CLI as the contract fixes it: `permcheck check [FILE|-]... [--platform ID]
//! [--format text|json|markdown]`, exit 0 / 1 / 2 / 3, one JSON document on stdout.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn permcheck(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_permcheck"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run permcheck");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("write stdin");
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("wait")
}

#[test]
fn exit_codes_follow_the_contract() {
    let full = fixture("seeds/azure-devops-pat-labels.txt");
    assert_eq!(permcheck(&["check", &full], None).status.code(), Some(0));
    let read_only = fixture("seeds/azure-devops-read-only.txt");
    assert_eq!(
        permcheck(&["check", &read_only], None).status.code(),
        Some(1)
    );
    let github = fixture("github/github-x-oauth-scopes-example.txt");
    // GitHub's docs example (`X-OAuth-Scopes: repo, user`): judged as GitHub; without
    // `workflow` the restore fails.
    assert_eq!(permcheck(&["check", &github], None).status.code(), Some(1));
    // A fine-grained token's headers show no scopes: the evidence does not decide.
    let fine_grained = fixture("github/github-x-accepted-github-permissions-example.txt");
    assert_eq!(
        permcheck(&["check", &fine_grained], None).status.code(),
        Some(3)
    );
    assert_eq!(permcheck(&["check", "-"], Some(b"")).status.code(), Some(2));
    assert_eq!(
        permcheck(&["check", "-"], Some(b"{\"broken\": "))
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_is_one_document_with_the_contract_fields() {
    let out = permcheck(
        &[
            "check",
            &fixture("handmade/azure-devops-pat-list.json"),
            &fixture("seeds/bitbucket-read-only.txt"),
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    assert_eq!(report["schema"], 1);
    let subjects = report["subjects"].as_array().expect("subjects");
    assert_eq!(subjects.len(), 4);
    for s in subjects {
        for key in [
            "label",
            "platform",
            "credential",
            "backup",
            "restore",
            "categories",
            "missing",
            "excess",
            "warnings",
        ] {
            assert!(s.get(key).is_some(), "subject lacks {key}: {s}");
        }
        for verdict in [&s["backup"]["verdict"], &s["restore"]["verdict"]] {
            assert!(["possible", "partial", "impossible", "unknown"]
                .contains(&verdict.as_str().expect("verdict")));
        }
    }
    assert_eq!(subjects[3]["platform"], "bitbucket-cloud");
    assert_eq!(report["inputs"].as_array().expect("inputs").len(), 2);
    assert_eq!(report["inputs"][0]["format"], "azure-devops-pat-list");
}

#[test]
fn stdin_utf16_and_platform_override() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Code: Read, write, & manage\r\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let out = permcheck(
        &[
            "check",
            "--platform",
            "azure-devops-server",
            "--format=json",
        ],
        Some(&bytes),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["subjects"][0]["platform"], "azure-devops-server");
    assert_eq!(report["subjects"][0]["categories"][1]["backup"], "possible");
}

#[test]
fn diagnostics_go_to_stderr_with_locations() {
    let out = permcheck(&["check", "-"], Some(b"vso.code\nnot a scope at all"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stdin:2:1: warning:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Backup:"), "{stdout}");
}

#[test]
fn markdown_escapes_pasted_markup() {
    let out = permcheck(
        &["check", "-", "--format", "markdown"],
        Some(b"vso.code\n<script>alert(1)</script>"),
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# permcheck report"));
    assert!(!md.contains("<script>"), "{md}");
}

#[test]
fn bad_usage_exits_2_with_a_message() {
    let out = permcheck(&["check", "--platform", "jira"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown platform `jira`"));
    let out = permcheck(&["check", "/no/such/file"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    let out = permcheck(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_empty_file_is_named_and_fails_the_check() {
    let dir = std::env::temp_dir().join(format!("permcheck-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let empty = dir.join("empty.txt");
    let scopes = dir.join("scopes.txt");
    std::fs::write(&empty, b"  \n").expect("write");
    std::fs::write(&scopes, b"vso.code\n").expect("write");
    let out = permcheck(
        &[
            "check",
            empty.to_str().expect("utf8 path"),
            scopes.to_str().expect("utf8 path"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("empty.txt:1:1: error: this input is empty"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("PAT from"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn binary_files_are_refused() {
    let dir = std::env::temp_dir().join(format!("permcheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let file = dir.join("logo.png");
    std::fs::write(&file, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let out = permcheck(&["check", file.to_str().expect("utf8 path")], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not text"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn github_is_judged_with_its_platform_override_and_as_json() {
    let out = permcheck(
        &[
            "check",
            &fixture("github/handmade-gh-auth-status-issue-12.txt"),
            "--platform",
            "github",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let subjects = report["subjects"].as_array().expect("subjects");
    assert_eq!(subjects.len(), 1, "{report}");
    assert_eq!(subjects[0]["platform"], "github");
    assert_eq!(subjects[0]["credential"], "oauth");
    assert_eq!(report["inputs"][0]["format"], "github-gh-auth-status");
    // Repositories are backed up and restored: repo and workflow.
    let repositories = subjects[0]["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .find(|c| c["id"] == "repositories")
        .expect("repositories");
    assert_eq!(repositories["backup"], "possible");
    assert_eq!(repositories["restore"], "possible");
    // A credential kind of GitHub's own is accepted on the command line.
    let out = permcheck(
        &[
            "check",
            "-",
            "--credential",
            "fine-grained-pat",
            "--format",
            "json",
        ],
        Some(b"contents:read metadata:read issues:read"),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["subjects"][0]["credential"], "fine-grained-pat");
    assert_eq!(report["subjects"][0]["platform"], "github");
}
