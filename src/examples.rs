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
    crate::platforms::REGISTRY
        .iter()
        .flat_map(|m| m.examples().iter())
}

pub fn find(id: &str) -> Option<&'static Example> {
    all().find(|e| e.id == id)
}
