//! The report's actions, after the verdict: copy it as Markdown, download it as JSON (the
//! contract) or Markdown (for a ticket), print it. The engine writes both texts from its last
//! evaluation (the page holds only the summary of a long list); a download is a Blob behind an
//! object URL and an `<a download>` click: nothing goes over the network.

use super::copy_button::CopyButton;
use super::engine::{Engine, TextKind};
use super::state::Shown;
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

#[derive(Properties, PartialEq)]
pub struct ReportActionsProps {
    pub shown: Rc<Shown>,
}

#[component]
pub fn ReportActions(props: &ReportActionsProps) -> Html {
    let Some(engine) = use_context::<Engine>() else {
        return html! {};
    };
    let problem = use_state(|| None::<String>);
    let job = props.shown.job;
    let ask = {
        let engine = engine.clone();
        let problem = problem.clone();
        Rc::new(move |kind: TextKind, then: Callback<String>| {
            let problem = problem.clone();
            engine.text(
                job,
                kind,
                Callback::from(move |answer: Result<String, String>| match answer {
                    Ok(text) => {
                        problem.set(None);
                        then.emit(text);
                    }
                    Err(why) => {
                        problem.set(Some(format!("The report could not be written: {why}.")))
                    }
                }),
            );
        })
    };
    let markdown = {
        let ask = ask.clone();
        Callback::from(move |copy: Callback<String>| ask(TextKind::Markdown, copy))
    };
    let json = {
        let ask = ask.clone();
        Callback::from(move |_: MouseEvent| {
            ask(
                TextKind::Report,
                Callback::from(|text: String| {
                    download("permcheck-report.json", "application/json", &text)
                }),
            )
        })
    };
    let markdown_file = {
        let ask = ask.clone();
        Callback::from(move |_: MouseEvent| {
            ask(
                TextKind::Markdown,
                Callback::from(|text: String| {
                    download("permcheck-report.md", "text/markdown;charset=utf-8", &text)
                }),
            )
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <div class="actions report-actions" data-testid="report-actions">
            if !props.shown.summary.subjects.is_empty() {
                <CopyButton label="Copy report as Markdown" testid="copy-markdown" secondary=true text={markdown} />
            }
            <button type="button" class="button secondary" data-testid="export-json" onclick={json}>
                { "Download report (JSON)" }
            </button>
            <button type="button" class="button secondary" data-testid="export-markdown" onclick={markdown_file}>
                { "Download report (Markdown)" }
            </button>
            <button type="button" class="button secondary" data-testid="print" onclick={print}>{ "Print" }</button>
            if let Some(problem) = &*problem {
                <p class="notice" role="alert">{ problem.clone() }</p>
            }
        </div>
    }
}
