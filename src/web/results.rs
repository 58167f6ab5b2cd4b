//! The result column: the empty state, or one card per subject and the diagnostics.

use super::acl_explorer::AclExplorer;
use super::copy_button::CopyButton;
use super::diagnostics::Diagnostics;
use super::empty_state::EmptyState;
use super::export::export_buttons;
use super::state::EngineNote;
use super::subject_card::SubjectCard;
use super::what_if::WhatIfTable;
use crate::render;
use crate::report::Report;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub report: Option<Rc<Report>>,
    /// The compact embedded page: a one-line prompt instead of the introduction.
    pub embed: bool,
    /// What the engine is doing while it judges the current input (the report shown is then
    /// the previous one).
    #[prop_or_default]
    pub busy: Option<&'static str>,
    /// Why the engine gave no report for the current input.
    #[prop_or_default]
    pub failure: Option<String>,
    /// Set when the engine does not run in its worker.
    #[prop_or_default]
    pub engine_note: Option<EngineNote>,
}

/// A job answered within this many milliseconds (a typed scope list: a few) shows no progress,
/// so typing does not make the result flicker.
const QUIET_MS: u32 = 250;

/// The engine's state, above the result. `slow`: the engine has been busy for [`QUIET_MS`].
fn status(props: &ResultsProps, slow: bool) -> Html {
    html! {
        <>
            if let Some(stage) = props.busy.filter(|_| slow) {
                <div class="busy" role="status" data-testid="busy">
                    <progress aria-label="Judging in the background"></progress>
                    <span>{ format!("Judging in the background: {stage}…") }</span>
                    if props.report.is_some() {
                        <span class="muted">{ " The result below is for the previous input." }</span>
                    }
                </div>
            }
            if let Some(EngineNote::MainThread(why)) = &props.engine_note {
                <p class="notice" role="status" data-testid="engine-note">
                    { format!("permcheck's engine runs on this page's main thread here, because no worker could be started ({why}). Everything is judged, but the page may pause while a large export is judged.") }
                </p>
            }
            if let Some(EngineNote::Unavailable(why)) = &props.engine_note {
                <p class="notice" role="alert" data-testid="engine-note">
                    { format!("permcheck's engine could not be loaded ({why}), so nothing is judged. Reload the page, or use the single offline file or the command line (permcheck check FILE).") }
                </p>
            }
            if let Some(failure) = props.failure.as_ref().filter(|_| !matches!(props.engine_note, Some(EngineNote::Unavailable(_)))) {
                <p class="notice" role="alert" data-testid="engine-failure">
                    { format!("This input could not be judged: {failure}.") }
                </p>
            }
        </>
    }
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    // The identity picked when an ACL export holds several (`None`: all of them).
    let picked = use_state(|| None::<usize>);
    let slow = use_state(|| false);
    {
        let slow = slow.clone();
        // From when the engine got busy, across the newer inputs typed meanwhile.
        use_effect_with(props.busy.is_some(), move |busy| {
            slow.set(false);
            let timer = busy.then(|| Timeout::new(QUIET_MS, move || slow.set(true)));
            move || drop(timer)
        });
    }
    let slow = *slow && props.busy.is_some();
    let Some(report) = props.report.clone() else {
        if props.embed {
            return html! {
                <>
                    { status(props, slow) }
                    <p class="muted">{ "Paste above, or try an example, to see whether backup and restore will work. Nothing leaves this browser." }</p>
                </>
            };
        }
        return html! { <>{ status(props, slow) }<EmptyState /></> };
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
        <div class={classes!(slow.then_some("stale"))} aria-busy={props.busy.is_some().to_string()}>
            { status(props, slow) }
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
