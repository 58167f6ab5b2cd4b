//! "Download report": the report as a JSON or Markdown file, made in the page (a Blob behind an
//! object URL and an `<a download>` click; nothing goes over the network).

use crate::render;
use crate::report::Report;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlElement, Url};
use yew::prelude::*;

fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Some(url) = Blob::new_with_str_sequence_and_options(&parts, &options)
        .and_then(|blob| Url::create_object_url_with_blob(&blob))
        .ok()
    else {
        return;
    };
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Ok(link) = link.dyn_into::<HtmlElement>() {
            link.click();
        }
    }
    // The download has started by then; the URL only holds the text in memory.
    Timeout::new(60_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
}

/// The two download buttons (a plain function, not a component: it keeps the wasm small).
pub fn export_buttons(report: &Rc<Report>) -> Html {
    let json = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            download(
                "permcheck-report.json",
                "application/json",
                &report.to_json(),
            )
        })
    };
    let markdown = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            download(
                "permcheck-report.md",
                "text/markdown;charset=utf-8",
                &render::markdown(&report),
            )
        })
    };
    html! {
        <>
            <button type="button" class="button secondary" data-testid="export-json" onclick={json}>
                { "Download report (JSON)" }
            </button>
            <button type="button" class="button secondary" data-testid="export-markdown" onclick={markdown}>
                { "Download report (Markdown)" }
            </button>
        </>
    }
}
