//! One judged credential or account: verdicts first, then what to do, then the detail.

use super::category_table::CategoryTable;
use super::excess_list::ExcessList;
use super::granted_list::GrantedList;
use super::missing_list::MissingList;
use super::subject_ref::SubjectProps;
use super::verdict::VerdictTile;
use super::warning_list::WarningList;
use crate::model::{Operation, Verdict};
use yew::prelude::*;

#[component]
pub fn SubjectCard(props: &SubjectProps) -> Html {
    let Some(subject) = props.subject() else {
        return html! {};
    };
    let platform = subject
        .platform
        .map(|p| p.name())
        .unwrap_or("Platform not recognised");
    let all_good = subject.backup.verdict == Verdict::Possible
        && subject.restore.verdict == Verdict::Possible
        && subject.missing.is_empty();
    html! {
        <article class="card subject" data-testid="subject" aria-labelledby={format!("subject-{}", props.index)}>
            <header class="subject-head">
                <h2 id={format!("subject-{}", props.index)}>{ &subject.label }</h2>
                <p class="meta">
                    <span>{ platform }</span>
                    <span>{ capitalise(subject.credential.name()) }</span>
                    if !subject.sources.is_empty() {
                        <span>{ format!("from {}", subject.sources.join(", ")) }</span>
                    }
                </p>
            </header>
            <div class="tiles">
                <VerdictTile operation={Operation::Backup} verdict={subject.backup.verdict}
                    summary={subject.backup.summary.clone()} />
                <VerdictTile operation={Operation::Restore} verdict={subject.restore.verdict}
                    summary={subject.restore.summary.clone()} />
            </div>
            if all_good {
                <p class="all-good">{ "Nothing to grant: this credential covers backup and restore." }</p>
            }
            <MissingList report={props.report.clone()} index={props.index} />
            <CategoryTable report={props.report.clone()} index={props.index} />
            <ExcessList report={props.report.clone()} index={props.index} />
            <WarningList report={props.report.clone()} index={props.index} />
            <GrantedList report={props.report.clone()} index={props.index} />
        </article>
    }
}

/// "app password" → "App password".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
