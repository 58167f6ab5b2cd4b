//! "Check also": what scopes cannot tell (role limits, secrets the API never returns, …).

use super::subject_ref::SubjectProps;
use yew::prelude::*;

#[component]
pub fn WarningList(props: &SubjectProps) -> Html {
    let Some(subject) = props.subject() else {
        return html! {};
    };
    if subject.warnings.is_empty() {
        return html! {};
    }
    html! {
        <section class="block">
            <h3>{ "Check also" }<span class="count">{ subject.warnings.len() }</span></h3>
            <ul class="warnings" data-testid="warnings">
                { for subject.warnings.iter().map(|w| html! {
                    <li>
                        <span class="glyph" aria-hidden="true">{ "!" }</span>
                        <span>{ &w.message }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
