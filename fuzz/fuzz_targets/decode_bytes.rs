//! File bytes → text (BOMs, UTF-16, binary refusal): never panics; accepted text has no NUL.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = permcheck::parse::decode_bytes(bytes) {
        let _ = permcheck::check(&[permcheck::Input::new("file", text)], &permcheck::Options::default());
    }
});
