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
