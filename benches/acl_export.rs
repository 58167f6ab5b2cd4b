//! `cargo bench --bench acl_export`: ACL exports judged by permcheck against `serde_json::Value`
//! parsing of the same bytes, in two shapes:
//!
//! - `three`: the first benchmark's export of 1, 10 and 20 MB (many repositories and branches,
//!   three identities on every token), generated here;
//! - `org`: an organization-shaped Git export of about 20 MB (dozens of groups and 40 users with
//!   entries, ~640 projects, ~17k ACLs, inheritance off here and there, denies at every level),
//!   from `scripts/org-export.mjs`, the generator the browser benchmark uses too (needs Node).
//!
//! For each: permcheck in process (`check`), and, for the org shape, the CLI end to end
//! (`permcheck check FILE --format text`, a process per run) against reading the file and
//! parsing it into a `Value`. Each figure is the range (min–max) over repeated runs, with the
//! ratio of the medians and of the fastest runs (on 2 shared cores other work skews single
//! runs). Targets: in process within 2x, the CLI within 1.5x.
//!
//! `BENCH_MB=20` runs one size of the `three` shape; `BENCH_SHAPE=org` (or `three`) one shape;
//! `BENCH_RUNS=N` sets the repeats.
use permcheck::{check, Input, Options};
use std::fmt::Write;
use std::process::Command;
use std::time::{Duration, Instant};

const GIT: &str = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";

/// A REST `accesscontrollists` response for the Git namespace of about `bytes` bytes, three
/// identities on every token.
fn three_identities(bytes: usize) -> String {
    let identities = [
        "Microsoft.IdentityModel.Claims.ClaimsIdentity;72f988bf-86f1-41af-91ab-2d7cd011db47\\\\backup@contoso.com",
        "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-1-2-3-4",
        "Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1204400969-2402986413-2179408616-3-5-6-7-8",
    ];
    let mut out = String::from("{\"count\": 0, \"value\": [\n");
    let mut n = 0usize;
    while out.len() < bytes {
        let project = n / 500;
        let repo = n / 20;
        let token = if n % 20 == 0 {
            format!("repoV2/p{project:08x}-0000-0000-0000-000000000000/r{repo:08x}-0000-0000-0000-000000000000")
        } else {
            format!(
                "repoV2/p{project:08x}-0000-0000-0000-000000000000/r{repo:08x}-0000-0000-0000-000000000000/refs/heads/6d00610069006e00{n:04x}"
            )
        };
        if n > 0 {
            out.push_str(",\n");
        }
        let _ = write!(
            out,
            "{{\"inheritPermissions\": true, \"token\": \"{token}\", \"acesDictionary\": {{"
        );
        for (i, id) in identities.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let (allow, deny) = match (n + i) % 7 {
                0 => (0, 4),
                1 => (2, 0),
                _ => (2 | 16 | 256, 0),
            };
            let _ = write!(
                out,
                "\"{id}\": {{\"descriptor\": \"{id}\", \"allow\": {allow}, \"deny\": {deny}}}"
            );
        }
        out.push_str("}}");
        n += 1;
    }
    let _ = write!(out, "\n]}}\n");
    out.replacen("\"count\": 0", &format!("\"count\": {n}"), 1)
}

/// The organization-shaped export of `scripts/org-export.mjs` (`None`, with the reason, when
/// Node cannot run it).
fn org_shape(mb: usize) -> Result<String, String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/org-export.mjs");
    let output = Command::new("node")
        .arg(script)
        .arg(mb.to_string())
        .output()
        .map_err(|e| format!("node could not run {script}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{script} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("{script} wrote non-UTF-8: {e}"))
}

/// Every run's time.
fn runs(n: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(times: &[Duration]) -> Duration {
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn range(times: &[Duration]) -> String {
    match (times.first(), times.last()) {
        (Some(a), Some(b)) => format!("{:.0}–{:.0} ms", ms(*a), ms(*b)),
        _ => "-".into(),
    }
}

fn row(label: &str, parse: &[Duration], ours: &[Duration], note: &str) {
    let fastest = |t: &[Duration]| t.first().copied().unwrap_or_default().as_secs_f64();
    println!(
        "{label:<22} {:>16} {:>16} {:>7.2}x {:>7.2}x  {note}",
        range(parse),
        range(ours),
        median(ours).as_secs_f64() / median(parse).as_secs_f64().max(1e-9),
        fastest(ours) / fastest(parse).max(1e-9)
    );
}

fn main() {
    let env = |k: &str| std::env::var(k).ok();
    let repeats: usize = env("BENCH_RUNS").and_then(|v| v.parse().ok()).unwrap_or(7);
    let shape = env("BENCH_SHAPE");
    println!(
        "{:<22} {:>16} {:>16} {:>8} {:>8}  (namespace {GIT}; ranges over {repeats} runs; ratios of the medians and of the fastest runs)",
        "export", "serde Value", "permcheck", "median", "fastest"
    );
    if shape.as_deref() != Some("org") {
        let sizes: Vec<usize> = match env("BENCH_MB").and_then(|v| v.parse().ok()) {
            Some(mb) => vec![mb],
            None => vec![1, 10, 20],
        };
        for mb in sizes {
            let text = three_identities(mb * 1024 * 1024);
            let parse = runs(repeats, || {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                std::hint::black_box(v);
            });
            let mut subjects = 0;
            let ours = runs(repeats, || {
                let report = check(
                    &[Input::new("export.json", text.as_str())],
                    &Options::default(),
                );
                subjects = report.subjects.len();
                std::hint::black_box(report);
            });
            row(
                &format!("three ids, {mb} MB"),
                &parse,
                &ours,
                &format!("{subjects} subjects"),
            );
        }
    }
    if shape.as_deref() == Some("three") {
        return;
    }
    let text = match org_shape(20) {
        Ok(text) => text,
        Err(why) => {
            println!("org shape skipped: {why}");
            return;
        }
    };
    let parse = runs(repeats, || {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        std::hint::black_box(v);
    });
    let mut subjects = 0;
    let ours = runs(repeats, || {
        let report = check(
            &[Input::new("org.json", text.as_str())],
            &Options::default(),
        );
        subjects = report.subjects.len();
        std::hint::black_box(report);
    });
    let mb = text.len() as f64 / 1e6;
    row(
        &format!("org, {mb:.1} MB"),
        &parse,
        &ours,
        &format!("{subjects} subjects, in process"),
    );
    // The CLI end to end: a process per run, the file read and judged, the text report
    // written; against reading the same file and parsing it into a Value.
    let path = std::env::temp_dir().join(format!("permcheck-org-{}.json", std::process::id()));
    if let Err(e) = std::fs::write(&path, &text) {
        println!("CLI run skipped: cannot write {}: {e}", path.display());
        return;
    }
    let read_and_parse = runs(repeats, || {
        let read = std::fs::read_to_string(&path).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&read).unwrap_or_default();
        std::hint::black_box(v);
    });
    let mut failed = None;
    let cli = runs(repeats, || {
        let out = Command::new(env!("CARGO_BIN_EXE_permcheck"))
            .arg("check")
            .arg(&path)
            .args(["--format", "text"])
            .output();
        match out {
            Ok(o) if o.status.code().is_some_and(|c| c <= 3 && c != 2) => {
                std::hint::black_box(o.stdout);
            }
            Ok(o) => failed = Some(format!("exit {:?}", o.status.code())),
            Err(e) => failed = Some(e.to_string()),
        }
    });
    let _ = std::fs::remove_file(&path);
    if let Some(why) = failed {
        println!("CLI run failed: {why}");
        return;
    }
    row(
        "org, CLI end to end",
        &read_and_parse,
        &cli,
        "permcheck check FILE --format text vs read + Value",
    );
}
