//! What the query string sets, read once at start, and the height messages to an embedding page.
//! The query string never carries input (shared input lives in the fragment: see `share`).
//!
//! - `?embed`: the compact layout for help-center iframes: no header, footer or introduction,
//!   one column; the root element carries class `embed`.
//! - `?platform=<platform id>&credential=<credential id>`: preset the overrides (ids as in
//!   `Platform::from_id` / `Credential::from_id`; unknown ids are ignored).
//! - `?parent-origin=<origin>`: where the height messages go (below).
//!
//! Height messages: whenever the page is in a frame (`window.parent !== window`), each change of
//! the document's height is posted to the parent as `{type: "permcheck:resize", height}`, the
//! height a whole number of CSS pixels. The message carries nothing else: never input or result.
//! Its target origin is `parent-origin` when that is a well-formed http(s) origin; else the origin
//! of `document.referrer`; else this page's own origin when the parent is on it; else nothing is
//! sent. Never `*`.

use crate::model::{Credential, Platform};
use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ResizeObserver, Url, UrlSearchParams, Window};
use yew::Properties;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct Page {
    pub embed: bool,
    pub platform: Option<Platform>,
    pub credential: Option<Credential>,
    pub parent_origin: Option<String>,
}

impl Page {
    pub fn read() -> Page {
        let params = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|s| UrlSearchParams::new_with_str(&s).ok());
        let Some(params) = params else {
            return Page::default();
        };
        Page {
            embed: params.has("embed"),
            platform: params.get("platform").and_then(|id| Platform::from_id(&id)),
            credential: params
                .get("credential")
                .and_then(|id| Credential::from_id(&id)),
            parent_origin: params.get("parent-origin"),
        }
    }
}

/// The origin of an http(s) URL; with `exact`, only when the text is that origin (a trailing `/`
/// allowed).
fn origin_of(url: &str, exact: bool) -> Option<String> {
    let parsed = Url::new(url).ok()?;
    let origin = parsed.origin();
    let web = matches!(parsed.protocol().as_str(), "http:" | "https:");
    (web && (!exact || url.trim_end_matches('/') == origin)).then_some(origin)
}

fn target_origin(page: &Page, window: &Window, parent: &Window) -> Option<String> {
    page.parent_origin
        .as_deref()
        .and_then(|o| origin_of(o, true))
        .or_else(|| {
            let referrer = window.document()?.referrer();
            origin_of(&referrer, false)
        })
        // Reading the parent's location throws unless it is on this origin.
        .or_else(|| parent.location().origin().ok())
}

/// When in a frame, post the document's height to the parent whenever it changes.
pub fn report_height(page: &Page) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let (Some(origin), Some(root)) = (
        target_origin(page, &window, &parent),
        window.document().and_then(|d| d.document_element()),
    ) else {
        return;
    };
    let last = Cell::new(0u32);
    let measured = root.clone();
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil() as u32;
        if height == last.get() {
            return;
        }
        last.set(height);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"permcheck:resize".into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
        let _ = parent.post_message(&message, &origin);
    });
    // The observer reports once at start, then on every change, for the page's lifetime.
    if let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    on_resize.forget();
}
