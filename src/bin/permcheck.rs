//! `permcheck check [FILE|-]... [--platform ID] [--credential ID] [--format text|json|markdown]`
//!
//! Exit status (src/report/contract.md): 0 every subject can back up and restore; 1 at least
//! one cannot (or only partially); 3 the evidence does not decide; 2 no input could be used.
#![forbid(unsafe_code)]

use permcheck::parse::decode_owned;
use permcheck::{render, Credential, Input, Options, Platform, Session};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: permcheck check [FILE|-]... [--platform ID] [--credential ID] [--format text|json|markdown]

Reads every FILE (or standard input for - or no FILE), finds the format of each block of it
(scope lists, token pages' labels, response headers, JWTs, token JSON, error messages, account
roles and access levels, ACL exports) and judges them together.

  --platform ID     the platform, when the input cannot tell (ids below)
  --credential ID   how the token authenticates, when the input cannot tell (ids below)
  --format F        text (default) | json | markdown

exit status: 0 backup and restore possible; 1 impossible or partial; 3 unknown; 2 no usable input";

/// The usage text with the platform and credential ids permcheck knows.
fn usage() -> String {
    let platforms: Vec<&str> = permcheck::platforms::judged().map(Platform::id).collect();
    let credentials: Vec<&str> = Credential::ALL.iter().map(|c| c.id()).collect();
    format!(
        "{USAGE}\n\nplatforms:   {}\ncredentials: {}",
        platforms.join(" | "),
        credentials.join(" | ")
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OutputFormat {
    Text,
    Json,
    Markdown,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("permcheck: {message}\n\n{}", usage());
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<u8, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("check") => {}
        Some("-h" | "--help" | "help") => {
            println!("{}", usage());
            return Ok(0);
        }
        Some("--version" | "-V") => {
            println!("permcheck {}", env!("CARGO_PKG_VERSION"));
            return Ok(0);
        }
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("missing command".into()),
    }
    let mut files: Vec<String> = Vec::new();
    let mut options = Options::default();
    let mut format = OutputFormat::Text;
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "--platform" => {
                let v = value("--platform")?;
                options.platform = Some(Platform::from_id(&v).ok_or_else(|| {
                    let ids: Vec<&str> = Platform::ALL.iter().map(|p| p.id()).collect();
                    format!("unknown platform `{v}`; expected one of {}", ids.join(", "))
                })?);
            }
            "--credential" => {
                let v = value("--credential")?;
                options.credential = Some(Credential::from_id(&v).ok_or_else(|| {
                    let ids: Vec<&str> = Credential::ALL.iter().map(|c| c.id()).collect();
                    format!(
                        "unknown credential `{v}`; expected one of {}",
                        ids.join(", ")
                    )
                })?);
            }
            "--format" => {
                format = match value("--format")?.as_str() {
                    "text" => OutputFormat::Text,
                    "json" => OutputFormat::Json,
                    "markdown" | "md" => OutputFormat::Markdown,
                    other => {
                        return Err(format!(
                            "unknown format `{other}`; expected text, json or markdown"
                        ))
                    }
                }
            }
            "-h" | "--help" => {
                println!("{}", usage());
                return Ok(0);
            }
            "-" => files.push("-".into()),
            f if f.starts_with("--") => return Err(format!("unknown option `{f}`")),
            file => files.push(file.to_string()),
        }
    }
    if files.is_empty() {
        files.push("-".into());
    }
    let mut inputs = Vec::new();
    let mut read_errors = Vec::new();
    for file in &files {
        let (name, bytes) = if file == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            ("stdin".to_string(), buf)
        } else {
            match std::fs::read(file) {
                Ok(b) => (file.clone(), b),
                Err(e) => {
                    read_errors.push(format!("{file}: cannot read: {e}"));
                    continue;
                }
            }
        };
        match decode_owned(bytes) {
            // Nothing to judge, and nothing wrong with what is there: say which input it was.
            Ok(text) if text.trim().is_empty() => read_errors.push(format!(
                "{name}:1:1: error: this input is empty; paste or save the output to judge first"
            )),
            Ok(text) => inputs.push(Input::new(name, text)),
            Err(e) => read_errors.push(format!("{name}:1:1: error: {e}")),
        }
    }
    // The inputs are handed over, not copied (an export can be 20 MB).
    let session = Session::from_inputs(inputs, &options);
    let report = session.report();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let printed = match format {
        OutputFormat::Json => writeln!(out, "{}", report.to_json()),
        OutputFormat::Markdown => write!(out, "{}", render::markdown(&report)),
        OutputFormat::Text => write!(out, "{}", render::text(&report)),
    };
    if let Err(e) = printed {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("permcheck: cannot write output: {e}");
        }
    }
    let mut err = std::io::stderr().lock();
    for e in &read_errors {
        let _ = writeln!(err, "{e}");
    }
    if format != OutputFormat::Json || !report.diagnostics.is_empty() {
        let _ = write!(err, "{}", render::diagnostics(&report));
    }
    // The process ends here: freeing every parsed ACL one allocation at a time would only delay
    // the exit (tens of milliseconds for a 20 MB export).
    std::mem::forget(session);
    // An input that could not be read (missing, binary, empty) leaves the check incomplete.
    let code = if read_errors.is_empty() {
        report.exit_code()
    } else {
        2
    };
    Ok(u8::try_from(code).unwrap_or(2))
}
