//! Share links (opt-in): the paste text and the overrides in the URL fragment, which browsers
//! never send to a server. Dropped files are never put in a link.
//!
//! Format: `#input=<base64url, unpadded, of deflate-raw(JSON)>`, the JSON
//! `{"v":1,"text":"…","platform":"<id>","credential":"<id>"}` (an override is left out when it is
//! "Auto-detect"). Compression is the browser's `CompressionStream("deflate-raw")`. On load, a
//! link is read only if it is version 1, its values are strings, and it stays within the limits
//! below; anything else is a notice.

use super::state::{Action, AppContext};
use crate::model::{Credential, Platform};
use crate::share::{self as payload, base64url, unbase64url, PayloadError, Shared};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, ReadableStreamDefaultReader};
use yew::UseStateHandle;

pub const KEY: &str = "#input=";
/// The longest fragment made or read (base64url characters).
const MAX_ENCODED: usize = 100_000;
/// The largest JSON a link holds; decompression stops here (no decompression bombs).
const MAX_JSON: usize = 1 << 20;

const TOO_LARGE: &str = "The input is too large for a link. Share the text or file another way.";
const DAMAGED: &str =
    "The link's input could not be read: the link is cut off or damaged. Nothing was loaded.";
const LOADED: &str = "Loaded the input from the link you opened.";

/// Run `input` through a `CompressionStream` or `DecompressionStream` ("deflate-raw"), giving up
/// past `limit` output bytes.
async fn transform(input: &[u8], class: &str, limit: usize) -> Result<Vec<u8>, JsValue> {
    let class: js_sys::Function = Reflect::get(&js_sys::global(), &class.into())?.dyn_into()?;
    let pair = Reflect::construct(&class, &js_sys::Array::of1(&"deflate-raw".into()))?;
    let parts = js_sys::Array::of1(&Uint8Array::from(input));
    let stream = Blob::new_with_u8_array_sequence(&parts)?
        .stream()
        .pipe_through(pair.unchecked_ref());
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if Reflect::get(&chunk, &"done".into())?.is_truthy() {
            return Ok(out);
        }
        let bytes: Uint8Array = Reflect::get(&chunk, &"value".into())?.dyn_into()?;
        if out.len() + bytes.length() as usize > limit {
            let _ = reader.cancel();
            return Err(JsValue::NULL);
        }
        out.extend(bytes.to_vec());
    }
}

/// The full link for this state: this page's address (without query or fragment) and
/// `#input=…`.
async fn link(
    text: String,
    platform: Option<Platform>,
    credential: Option<Credential>,
) -> Result<String, &'static str> {
    let json = payload::encode(&Shared {
        text,
        platform,
        credential,
    });
    if json.len() > MAX_JSON {
        return Err(TOO_LARGE);
    }
    let packed = transform(json.as_bytes(), "CompressionStream", MAX_JSON)
        .await
        .map_err(|_| TOO_LARGE)?;
    let encoded = base64url(&packed);
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let page = href.split(['?', '#']).next().unwrap_or_default();
    if encoded.len() > MAX_ENCODED {
        return Err(TOO_LARGE);
    }
    Ok(format!("{page}{KEY}{encoded}"))
}

/// Make the share link for the current input; `done` gets it, or the sentence saying why not.
pub fn make_link(state: &AppContext, done: impl FnOnce(Result<String, &'static str>) + 'static) {
    let text = state.text.clone();
    let platform = state.options.platform;
    let credential = state.options.credential;
    spawn_local(async move { done(link(text, platform, credential).await) });
}

async fn read(encoded: &str) -> Result<Action, &'static str> {
    if encoded.len() > MAX_ENCODED {
        return Err(TOO_LARGE);
    }
    let packed = unbase64url(encoded).ok_or(DAMAGED)?;
    let json = transform(&packed, "DecompressionStream", MAX_JSON)
        .await
        .map_err(|_| DAMAGED)?;
    let shared = payload::decode(&json).map_err(|e| match e {
        PayloadError::Damaged => DAMAGED,
        PayloadError::OtherVersion => {
            "The link was made by another version of permcheck; nothing was loaded."
        }
    })?;
    Ok(Action::LoadShared {
        text: shared.text,
        platform: shared.platform,
        credential: shared.credential,
    })
}

/// Load `#input=…` from the address, if there is one, reporting the outcome in `notice`.
pub fn load_from_location(state: &AppContext, notice: &UseStateHandle<Option<&'static str>>) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let Some(encoded) = hash.strip_prefix(KEY).map(str::to_string) else {
        return;
    };
    let (state, notice) = (state.clone(), notice.clone());
    spawn_local(async move {
        match read(&encoded).await {
            Ok(action) => {
                state.dispatch(action);
                notice.set(Some(LOADED));
            }
            Err(why) => notice.set(Some(why)),
        }
    });
}
