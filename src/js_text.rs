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
/// `encodeInto` converts it in one native pass, straight into the wasm memory of a buffer of the
/// string's length, when the text is ASCII (exports are; then, and only then, the whole string
/// fits); `encode` does the rest (lone surrogates become U+FFFD, so the bytes are always UTF-8).
pub fn text_of(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    let len = text.length();
    let encoder = Utf8Encoder::new();
    let mut bytes = vec![0u8; len as usize];
    // A view of `bytes` in wasm memory. Nothing allocates in wasm until `encodeInto` returns,
    // so the memory cannot grow (which would detach the view) while it is in use.
    let memory = wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>();
    let view = js_sys::Uint8Array::new_with_byte_offset_and_length(
        &memory.buffer(),
        bytes.as_mut_ptr() as usize as u32,
        len,
    );
    let result = encoder.encode_into(text, &view);
    drop(view);
    let read = js_sys::Reflect::get(&result, &JsValue::from_str("read"))
        .ok()
        .and_then(|r| r.as_f64());
    if read != Some(f64::from(len)) {
        bytes = encoder.encode(text).to_vec();
    }
    Some(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}
