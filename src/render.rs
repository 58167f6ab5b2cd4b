//! Renderers: the report as CLI text, Markdown (for a ticket) and JSON.
mod markdown;
mod text;

pub use markdown::markdown;
pub use text::{diagnostics, text};

use crate::report::Subject;

/// The grants to add, one per line as "Label (id)", for a copy button or a ticket.
pub fn grant_list(subject: &Subject) -> String {
    subject
        .missing
        .iter()
        .map(|m| format!("{} ({})", m.label, m.id))
        .collect::<Vec<_>>()
        .join("\n")
}
