//! The examples of the page's "try an example" menu, the docs and the tests: each platform
//! folder declares its own (`examples.rs` there); this gathers them.

pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    /// The input name shown in diagnostics when the example is loaded.
    pub source: &'static str,
    pub text: &'static str,
}

/// Every platform's examples, in registry order.
pub fn all() -> impl Iterator<Item = &'static Example> {
    // The data lists, not the modules: the page links no platform's code.
    crate::platforms::EXAMPLE_LISTS
        .iter()
        .flat_map(|list| list.iter())
}

pub fn find(id: &str) -> Option<&'static Example> {
    all().find(|e| e.id == id)
}
