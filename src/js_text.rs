//! JS strings (or UTF-8 bytes) into Rust text, fast (wasm only): the JS API's inputs, the
//! page's textarea and what the page hands its worker.

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

/// Why a JS value is not text: see [`text_or_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// Neither a string nor a `Uint8Array`.
    Neither,
    /// Bytes that are not UTF-8; the offset of the first bad one.
    NotUtf8 { at: usize },
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Neither => f.write_str("is neither a string nor a Uint8Array"),
            NotText::NotUtf8 { at } => write!(f, "is not UTF-8 text (byte {at})"),
        }
    }
}

/// A string (through [`text_of`]) or the UTF-8 bytes of one, as a `Uint8Array`: copied into
/// wasm memory at once and checked, without the character conversion a string needs (on a
/// big export, `encodeInto` alone takes about as long as `JSON.parse`). The page's worker gets
/// its inputs this way; a file's bytes in another encoding are for `TextDecoder` first.
pub fn text_or_bytes(value: &JsValue) -> Result<String, NotText> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return String::from_utf8(bytes.to_vec()).map_err(|e| NotText::NotUtf8 {
            at: e.utf8_error().valid_up_to(),
        });
    }
    text_of(value).ok_or(NotText::Neither)
}
