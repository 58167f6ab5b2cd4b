//! What went wrong reading the inputs, each with its place (source:line:column) and a way out.

use crate::report::{Report, Severity};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub report: Rc<Report>,
}

fn severity(s: Severity) -> (&'static str, &'static str, &'static str) {
    match s {
        Severity::Error => ("error", "✕", "Error"),
        Severity::Warning => ("warning", "!", "Warning"),
        Severity::Info => ("info", "i", "Note"),
    }
}

#[component]
pub fn Diagnostics(props: &DiagnosticsProps) -> Html {
    let report = &props.report;
    if report.diagnostics.is_empty() {
        return html! {};
    }
    html! {
        <section class="card diagnostics" data-testid="diagnostics" aria-labelledby="diagnostics-title">
            <h2 id="diagnostics-title">{ "About the input" }<span class="count">{ report.diagnostics.len() }</span></h2>
            <ul class="plain">
                { for report.diagnostics.iter().map(|d| {
                    let (class, glyph, word) = severity(d.severity);
                    html! {
                        <li class={classes!("diag", class)}>
                            <span class={classes!("sev", class)}>
                                <span aria-hidden="true">{ glyph }</span>{ " " }{ word }
                            </span>
                            <code class="at">{ format!("{}:{}:{}", d.source, d.line, d.column) }</code>
                            <span class="message">{ &d.message }</span>
                            if let Some(help) = &d.help {
                                <span class="help">{ help }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
