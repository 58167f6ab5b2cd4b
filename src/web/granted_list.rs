//! The evidence: what the input grants, each item with where it was read.

use super::subject_ref::SubjectProps;
use yew::prelude::*;

#[component]
pub fn GrantedList(props: &SubjectProps) -> Html {
    let subject = &props.subject;
    if subject.granted.is_empty() {
        return html! {};
    }
    html! {
        <details class="block evidence">
            <summary>
                { "What the input grants" }<span class="count">{ subject.granted.len() }</span>
            </summary>
            <ul class="plain" data-testid="granted">
                { for subject.granted.iter().map(|g| html! {
                    <li>
                        <strong>{ &g.label }</strong>{ " " }<code>{ &g.id }</code>
                        <span class="where">{ format!("{}:{}:{}", g.source, g.line, g.column) }</span>
                    </li>
                }) }
            </ul>
        </details>
    }
}
