//! The result column: the empty state, or one card per subject and the diagnostics.

use super::copy_button::CopyButton;
use super::diagnostics::Diagnostics;
use super::empty_state::EmptyState;
use super::export::export_buttons;
use super::subject_card::SubjectCard;
use crate::render;
use crate::report::Report;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub report: Option<Rc<Report>>,
    /// The compact embedded page: a one-line prompt instead of the introduction.
    pub embed: bool,
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let Some(report) = props.report.clone() else {
        if props.embed {
            return html! {
                <p class="muted">{ "Paste above, or try an example, to see whether backup and restore will work. Nothing leaves this browser." }</p>
            };
        }
        return html! { <EmptyState /> };
    };
    let markdown = {
        let report = report.clone();
        Callback::from(move |copy: Callback<String>| copy.emit(render::markdown(&report)))
    };
    let read: Vec<String> = report
        .inputs
        .iter()
        .map(|i| match i.subjects {
            0 => format!("{} ({}, nothing judged)", i.source, i.format),
            1 => format!("{} ({})", i.source, i.format),
            n => format!("{} ({}, {n} credentials)", i.source, i.format),
        })
        .collect();
    html! {
        <>
            <div class="results-bar">
                <p class="muted">{ "Read: " }{ read.join(" · ") }</p>
                <div class="actions">
                    if !report.subjects.is_empty() {
                        <CopyButton label="Copy report as Markdown" testid="copy-markdown" secondary=true text={markdown} />
                    }
                    { export_buttons(&report) }
                </div>
            </div>
            if report.subjects.is_empty() {
                <section class="card nothing">
                    <h2>
                        <span class="badge unknown"><span class="glyph" aria-hidden="true">{ "?" }</span>{ "Nothing judged" }</span>
                    </h2>
                    <p>
                        { "No token, scope list or account could be read from this input." }
                        if report.diagnostics.is_empty() {
                            { " Paste scope ids, token-page labels, curl -I headers, a JWT or an API response." }
                        } else {
                            { " The notes below say where it went wrong." }
                        }
                    </p>
                </section>
            }
            { for (0..report.subjects.len()).map(|index| html! {
                <SubjectCard key={index} report={report.clone()} {index} />
            }) }
            <Diagnostics report={report.clone()} />
        </>
    }
}
