//! The whole path, text → report → JSON, with one or two inputs and any platform/credential
//! override: never panics, and the same input always gives the same JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use permcheck::{check, Credential, Input, Options, Platform};

fuzz_target!(|data: (u8, u8, &str, &str)| {
    let (platform, credential, first, second) = data;
    let options = Options {
        platform: Platform::ALL.get(usize::from(platform) % 8).copied(),
        credential: Credential::ALL.get(usize::from(credential) % 9).copied(),
        // A fixed time of the check, so the two runs below judge expiry alike.
        now: Some(1_780_000_000),
    };
    let inputs = [Input::new("a", first), Input::new("b", second)];
    let report = check(&inputs, &options);
    let json = report.to_json();
    assert_eq!(json, check(&inputs, &options).to_json());
    let _ = permcheck::render::markdown(&report);
    let _ = permcheck::render::text(&report);
});
