//! Every parser, through detection: never panics, every diagnostic and grant is located inside
//! the input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use permcheck::{parse::parse_input, Input, Options};

fuzz_target!(|text: &str| {
    let parsed = parse_input(&Input::new("fuzz", text), &Options::default());
    let lines = parsed.text.split('\n').count();
    for d in &parsed.diagnostics {
        assert!(d.line >= 1 && d.line <= lines, "diagnostic line {} of {}", d.line, lines);
        assert!(d.column >= 1);
    }
    for c in &parsed.credentials {
        for g in &c.grants {
            assert!(g.span.start <= parsed.text.len() && g.span.end <= parsed.text.len());
        }
    }
});
