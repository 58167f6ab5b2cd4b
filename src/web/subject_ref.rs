//! Props naming one subject: cheap to compare (the subject is shared) and to clone.

use crate::report::Subject;
use std::rc::Rc;
use yew::Properties;

#[derive(Properties, PartialEq, Clone)]
pub struct SubjectProps {
    pub subject: Rc<Subject>,
    /// Its index in the report (element ids).
    pub index: usize,
}
