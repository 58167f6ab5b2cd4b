//! The result column: a heading (where focus goes after an example or Clear), the notes on
//! skipped input, then the verdicts: one subject's card, or a summary table of several, each row
//! opening into its card. The report's actions and the notes on the input come after.

use super::acl_explorer::AclExplorer;
use super::banner::InputBanner;
use super::diagnostics::Diagnostics;
use super::empty_state::EmptyState;
use super::export::ReportActions;
use super::state::{EngineNote, Shown};
use super::subject_card::SubjectCard;
use super::summary_table::{thousands, SummaryTable};
use super::what_if::WhatIfTable;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub report: Option<Rc<Shown>>,
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
    /// Increased when focus should move to the result heading.
    #[prop_or_default]
    pub focus: u64,
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

/// What the heading says: which result this is.
fn heading(props: &ResultsProps) -> String {
    match &props.report {
        None if props.busy.is_some() => "Result: judging…".to_string(),
        None => "Result: nothing to judge yet".to_string(),
        Some(shown) => match shown.summary.subjects.as_slice() {
            [] => "Result: nothing could be judged".to_string(),
            [one] => format!("Result for {}", one.label),
            many => format!("Result for {} subjects", thousands(many.len())),
        },
    }
}

/// What the printed page carries about itself: the date, permcheck's version, the inputs.
fn print_header(shown: &Shown) -> Html {
    let inputs: Vec<String> = shown
        .summary
        .inputs
        .iter()
        .map(|i| format!("{} ({})", i.source, i.format_label))
        .collect();
    html! {
        <p class="print-only print-header" data-testid="print-header">
            { format!(
                "permcheck {} · checked {} · inputs: {}",
                env!("CARGO_PKG_VERSION"),
                shown.checked,
                if inputs.is_empty() { "none".to_string() } else { inputs.join(", ") }
            ) }
        </p>
    }
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let slow = use_state(|| false);
    let heading_ref = use_node_ref();
    {
        let slow = slow.clone();
        // From when the engine got busy, across the newer inputs typed meanwhile.
        use_effect_with(props.busy.is_some(), move |busy| {
            slow.set(false);
            let timer = busy.then(|| Timeout::new(QUIET_MS, move || slow.set(true)));
            move || drop(timer)
        });
    }
    {
        // After an example or Clear: the heading, so keyboard and screen-reader users land on
        // what changed (and a phone scrolls to it).
        let heading_ref = heading_ref.clone();
        use_effect_with(props.focus, move |focus| {
            if *focus > 0 {
                if let Some(h) = heading_ref.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    let slow = *slow && props.busy.is_some();
    let title = html! {
        <h2 class="result-heading" id="result-heading" data-testid="result-heading" tabindex="-1" ref={heading_ref}>
            { heading(props) }
        </h2>
    };
    // The heading stays one element whatever follows it, so focus stays on it when the report
    // arrives after an example.
    let frame = |content: Html| {
        html! {
            <div class={classes!("result", slow.then_some("stale"))} aria-busy={props.busy.is_some().to_string()}>
                { status(props, slow) }
                { title.clone() }
                { content }
            </div>
        }
    };
    let Some(shown) = props.report.clone() else {
        if props.embed {
            return frame(html! {
                <p class="muted">{ "Paste above, or try an example, to see whether backup and restore will work. Nothing leaves this browser." }</p>
            });
        }
        return frame(html! { <EmptyState /> });
    };
    let subjects = &shown.summary.subjects;
    let read: Vec<String> = shown
        .summary
        .inputs
        .iter()
        .map(|i| {
            let what = if i.identities {
                "identities"
            } else {
                "credentials"
            };
            match i.subjects {
                0 => format!("{} ({}, nothing judged)", i.source, i.format_label),
                1 => format!("{} ({})", i.source, i.format_label),
                n => format!("{} ({}, {} {what})", i.source, i.format_label, thousands(n)),
            }
        })
        .collect();
    let body = match subjects.len() {
        0 => html! {
            <section class="card nothing">
                <h3>
                    <span class="badge unknown"><span class="glyph" aria-hidden="true">{ "?" }</span>{ "Nothing judged" }</span>
                </h3>
                <p>
                    { "No token, scope list or account could be read from this input." }
                    if shown.summary.notes.is_empty() {
                        { " Paste scope ids, token-page labels, curl -I headers, a JWT or an API response." }
                    } else {
                        { " The notes below say where it went wrong." }
                    }
                </p>
            </section>
        },
        1 => match shown.details.get(&0) {
            Some(subject) => html! {
                <div class="subject-block">
                    <SubjectCard subject={subject.clone()} index={0} />
                    if let Some(identity) = subject.identity.clone() {
                        <AclExplorer {identity} label={subject.label.clone()} />
                    }
                </div>
            },
            None => html! { <SummaryTable shown={shown.clone()} /> },
        },
        _ => html! { <SummaryTable shown={shown.clone()} /> },
    };
    frame(html! {
        <>
            { print_header(&shown) }
            <InputBanner shown={shown.clone()} />
            { body }
            <WhatIfTable shown={shown.clone()} />
            <div class="results-bar">
                <p class="muted">{ "Read: " }{ read.join(" · ") }</p>
                <ReportActions shown={shown.clone()} />
            </div>
            <Diagnostics shown={shown.clone()} />
        </>
    })
}
