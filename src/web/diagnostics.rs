//! What went wrong reading the inputs, each with its place (source:line:column) and a way out.

use super::rich_text::inline;
use super::state::Shown;
use crate::report::Severity;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsProps {
    pub shown: Rc<Shown>,
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
    let notes = &props.shown.summary.notes;
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <section class="card diagnostics" data-testid="diagnostics" aria-labelledby="diagnostics-title">
            <h3 id="diagnostics-title">{ "About the input" }<span class="count">{ notes.len() }</span></h3>
            <ul class="plain">
                { for notes.iter().map(|n| {
                    let d = &n.diagnostic;
                    let (class, glyph, word) = severity(d.severity);
                    html! {
                        <li class={classes!("diag", class)}>
                            <span class={classes!("sev", class)}>
                                <span aria-hidden="true">{ glyph }</span>{ " " }{ word }
                            </span>
                            <code class="at">{ format!("{}:{}:{}", d.source, d.line, d.column) }</code>
                            <span class="message">{ inline(&d.message) }</span>
                            if let Some(help) = &d.help {
                                <span class="help">{ inline(help) }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
