//! Props naming one subject of a report: cheap to compare (the report is shared) and to clone.

use crate::report::{Report, Subject};
use std::rc::Rc;
use yew::Properties;

#[derive(Properties, PartialEq, Clone)]
pub struct SubjectProps {
    pub report: Rc<Report>,
    pub index: usize,
}

impl SubjectProps {
    pub fn subject(&self) -> Option<&Subject> {
        self.report.subjects.get(self.index)
    }
}

/// "restore:repositories" → ("restore", "Repositories"), with the category's label when the
/// subject knows it.
pub fn need_parts(subject: &Subject, need: &str) -> (String, String) {
    let (op, category) = need.split_once(':').unwrap_or(("", need));
    let label = subject
        .categories
        .iter()
        .find(|c| c.id == category)
        .map(|c| c.label.clone())
        .unwrap_or_else(|| category.to_string());
    (op.to_string(), label)
}
