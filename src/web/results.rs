//! The result column: the empty state, or one card per subject and the diagnostics.

use super::acl_explorer::AclExplorer;
use super::copy_button::CopyButton;
use super::diagnostics::Diagnostics;
use super::empty_state::EmptyState;
use super::export::export_buttons;
use super::subject_card::SubjectCard;
use super::what_if::WhatIfTable;
use crate::render;
use crate::report::Report;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub report: Option<Rc<Report>>,
    /// The compact embedded page: a one-line prompt instead of the introduction.
    pub embed: bool,
    /// What the worker is doing while it judges the current input (the report shown is then
    /// the previous one).
    #[prop_or_default]
    pub busy: Option<&'static str>,
    /// Why the worker could not be used.
    #[prop_or_default]
    pub worker_error: Option<String>,
}

/// The worker's state, above the result.
fn status(props: &ResultsProps) -> Html {
    html! {
        <>
            if let Some(stage) = props.busy {
                <div class="busy" role="status" data-testid="busy">
                    <progress aria-label="Judging in the background"></progress>
                    <span>{ format!("Judging in the background: {stage}…") }</span>
                    if props.report.is_some() {
                        <span class="muted">{ " The result below is for the previous input." }</span>
                    }
                </div>
            }
            if let Some(error) = &props.worker_error {
                <p class="notice" role="status" data-testid="worker-error">
                    { format!("permcheck's full engine could not be started here ({error}), so everything is judged on this page, except ACL exports.") }
                </p>
            }
        </>
    }
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    // The identity picked when an ACL export holds several (`None`: all of them).
    let picked = use_state(|| None::<usize>);
    let Some(report) = props.report.clone() else {
        if props.embed {
            return html! {
                <>
                    { status(props) }
                    <p class="muted">{ "Paste above, or try an example, to see whether backup and restore will work. Nothing leaves this browser." }</p>
                </>
            };
        }
        return html! { <>{ status(props) }<EmptyState /></> };
    };
    let identities: Vec<usize> = (0..report.subjects.len())
        .filter(|i| report.subjects[*i].identity.is_some())
        .collect();
    let shown_picked = (*picked).filter(|i| identities.contains(i));
    let shown: Vec<usize> = match shown_picked {
        Some(i) => vec![i],
        None => (0..report.subjects.len()).collect(),
    };
    let on_pick = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                picked.set(select.value().parse().ok());
            }
        })
    };
    let markdown = {
        let report = report.clone();
        Callback::from(move |copy: Callback<String>| copy.emit(render::markdown(&report)))
    };
    let read: Vec<String> = report
        .inputs
        .iter()
        .map(|i| {
            let format = crate::detect::format_label(&i.format);
            let what = if crate::detect::is_acl_format(&i.format) {
                "identities"
            } else {
                "credentials"
            };
            match i.subjects {
                0 => format!("{} ({format}, nothing judged)", i.source),
                1 => format!("{} ({format})", i.source),
                n => format!("{} ({format}, {n} {what})", i.source),
            }
        })
        .collect();
    html! {
        <div class={classes!(props.busy.is_some().then_some("stale"))} aria-busy={props.busy.is_some().to_string()}>
            { status(props) }
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
            if identities.len() > 1 {
                <div class="field inline identity-picker">
                    <label for="identity">{ format!("Identity ({} in the export)", identities.len()) }</label>
                    <select id="identity" data-testid="identity-picker" onchange={on_pick}>
                        <option value="all" selected={shown_picked.is_none()}>{ "All identities" }</option>
                        { for identities.iter().map(|i| {
                            let s = &report.subjects[*i];
                            html! {
                                <option value={i.to_string()} selected={shown_picked == Some(*i)}>
                                    { format!("{} · backup {} · restore {}", s.label, super::verdict::word(s.backup.verdict), super::verdict::word(s.restore.verdict)) }
                                </option>
                            }
                        }) }
                    </select>
                </div>
            }
            { for shown.iter().map(|&index| {
                let explorer = report.subjects[index].identity.clone()
                    .filter(|_| identities.len() == 1 || shown_picked.is_some());
                html! {
                    <div class="subject-block" key={index}>
                        <SubjectCard report={report.clone()} {index} />
                        if let Some(identity) = explorer {
                            <AclExplorer {identity} label={report.subjects[index].label.clone()} />
                        }
                    </div>
                }
            }) }
            <WhatIfTable report={report.clone()} />
            <Diagnostics report={report.clone()} />
        </div>
    }
}
