//! `cargo bench --bench acl_export`: an organization-wide `accesscontrollists` export of 1, 10
//! and 20 MB (generated: many repositories and branches, several identities), evaluated by
//! permcheck, against `serde_json::Value` parsing of the same bytes. Prints the ratio; the
//! target is within 2x of plain JSON parsing.
use permcheck::{check, Input, Options};
use std::fmt::Write;
use std::time::{Duration, Instant};

const GIT: &str = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";

/// A REST `accesscontrollists` response for the Git namespace of about `bytes` bytes.
fn export(bytes: usize) -> String {
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

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    println!(
        "{:>6} {:>12} {:>12} {:>8}  (namespace {GIT})",
        "size", "serde Value", "permcheck", "ratio"
    );
    // `BENCH_MB=20 cargo bench --bench acl_export` runs one size (for profiling).
    let sizes: Vec<usize> = match std::env::var("BENCH_MB").ok().and_then(|v| v.parse().ok()) {
        Some(mb) => vec![mb],
        None => vec![1, 10, 20],
    };
    for mb in sizes {
        let text = export(mb * 1024 * 1024);
        let runs = if mb >= 10 { 3 } else { 5 };
        let json = best_of(runs, || {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            std::hint::black_box(v);
        });
        let mut subjects = 0;
        let ours = best_of(runs, || {
            let report = check(
                &[Input::new("export.json", text.as_str())],
                &Options::default(),
            );
            subjects = report.subjects.len();
            std::hint::black_box(report);
        });
        println!(
            "{:>4}MB {:>10.1}ms {:>10.1}ms {:>7.2}x  ({subjects} subjects)",
            mb,
            json.as_secs_f64() * 1e3,
            ours.as_secs_f64() * 1e3,
            ours.as_secs_f64() / json.as_secs_f64()
        );
    }
}
