//! What the build writes into the page for it to list before its engine is loaded: the examples
//! of the menu and the platforms permcheck judges (`crate::examples::all()` and
//! `crate::platforms::judged()`, asked of the engine by `scripts/post-build.mjs` and written into
//! index.html as the inert JSON block `#permcheck-page-data`). The page's own wasm judges nothing,
//! so it does not carry the platform folders that hold them.

use crate::model::Platform;
use serde_json::Value;
use std::sync::OnceLock;

/// The id of the JSON block the build writes.
const BLOCK_ID: &str = "permcheck-page-data";

pub struct Example {
    pub id: String,
    pub title: String,
    /// The input name shown in diagnostics when the example is loaded.
    pub source: String,
    pub text: String,
}

#[derive(Default)]
pub struct PageData {
    pub examples: Vec<Example>,
    /// In the engine's order; only these are offered by the platform override.
    pub judged: Vec<Platform>,
}

static DATA: OnceLock<PageData> = OnceLock::new();

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_string)
}

fn read(json: &str) -> Option<PageData> {
    let v: Value = serde_json::from_str(json).ok()?;
    let examples = v
        .get("examples")?
        .as_array()?
        .iter()
        .filter_map(|e| {
            Some(Example {
                id: text(e, "id")?,
                title: text(e, "title")?,
                source: text(e, "source")?,
                text: text(e, "text")?,
            })
        })
        .collect();
    let judged = v
        .get("judged")?
        .as_array()?
        .iter()
        .filter_map(|p| Platform::from_id(p.get("id")?.as_str()?))
        .collect();
    Some(PageData { examples, judged })
}

/// The page's data (empty when the build wrote none: then the page lists no example and offers
/// no platform override, rather than guess them).
pub fn data() -> &'static PageData {
    DATA.get_or_init(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(BLOCK_ID))
            .and_then(|el| el.text_content())
            .and_then(|json| read(&json))
            .unwrap_or_default()
    })
}

pub fn example(id: &str) -> Option<&'static Example> {
    data().examples.iter().find(|e| e.id == id)
}
