//! "Granted but not needed": scopes the token could lose without breaking backup or restore.

use super::subject_ref::SubjectProps;
use yew::prelude::*;

#[component]
pub fn ExcessList(props: &SubjectProps) -> Html {
    let subject = &props.subject;
    if subject.excess.is_empty() {
        return html! {};
    }
    html! {
        <section class="block">
            <h4>{ "Granted but not needed" }<span class="count">{ subject.excess.len() }</span></h4>
            <p class="muted">{ "Least privilege: these can be removed without affecting backup or restore." }</p>
            <ul class="plain" data-testid="excess">
                { for subject.excess.iter().map(|e| html! {
                    <li>
                        <strong>{ &e.label }</strong>{ " " }<code>{ &e.id }</code>
                        <span class="why">{ &e.why }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
