//! JS strings into Rust text, fast (wasm only): the JS API's inputs and the page's textarea.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// The platform's `TextEncoder`.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(
        this: &Utf8Encoder,
        text: &js_sys::JsString,
        into: &js_sys::Uint8Array,
    ) -> JsValue;
    #[wasm_bindgen(method, js_class = "TextEncoder")]
    fn encode(this: &Utf8Encoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

/// A JS string as Rust text. wasm-bindgen's own string passing copies ASCII text into wasm one
/// character at a time, in JS: on a 20 MB export that loop costs more than judging it.
/// `encodeInto` a buffer of the string's length converts it in one native pass when the text is
/// ASCII (exports are; then, and only then, the whole string fits), and `encode` does the rest
/// (lone surrogates become U+FFFD, so the bytes are always UTF-8).
pub fn text_of(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    let len = text.length();
    let encoder = Utf8Encoder::new();
    let buffer = js_sys::Uint8Array::new_with_length(len);
    let result = encoder.encode_into(text, &buffer);
    let read = js_sys::Reflect::get(&result, &JsValue::from_str("read"))
        .ok()
        .and_then(|r| r.as_f64());
    let bytes = if read == Some(f64::from(len)) {
        buffer.to_vec()
    } else {
        encoder.encode(text).to_vec()
    };
    Some(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}
