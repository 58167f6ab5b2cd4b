//! Format detection on any text: never panics, and a JWT-shaped input is always three parts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let shape = permcheck::detect::shape(text);
    if shape == permcheck::detect::Shape::Jwt {
        assert_eq!(text.trim().trim_start_matches("Bearer ").trim().split('.').count(), 3);
    }
});
