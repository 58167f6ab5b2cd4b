//! Copy text with `navigator.clipboard`, reporting back whether it worked so the caller can fall
//! back to showing the text selected (insecure origins, denied permission, old browsers).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// Start copying `text`; `done` receives `true` once it is on the clipboard, `false` if the
/// browser refused or has no clipboard API.
pub fn copy(text: &str, done: Callback<bool>) {
    let Some(clipboard) = clipboard() else {
        done.emit(false);
        return;
    };
    let promise = clipboard.write_text(text);
    let ok = {
        let done = done.clone();
        Closure::once(move |_: JsValue| done.emit(true))
    };
    let failed = Closure::once(move |_: JsValue| done.emit(false));
    // `then` keeps the handlers only as long as the promise needs them; each is tiny and runs at
    // most once per click, so handing them to JS for good is the simple, safe choice.
    let _ = promise.then2(&ok, &failed);
    ok.forget();
    failed.forget();
}

/// `navigator.clipboard`, only when the page may use it (it is undefined on insecure origins).
fn clipboard() -> Option<web_sys::Clipboard> {
    let window = web_sys::window()?;
    let navigator = window.navigator();
    let value = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    value.dyn_into::<web_sys::Clipboard>().ok()
}
