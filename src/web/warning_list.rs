//! "Check also": what the input cannot show (role limits, secrets the API never returns, …),
//! each with the public page it comes from. Notes that hold commands are under What to grant.

use super::rich_text::{has_command, inline, lines, source_link};
use super::subject_ref::SubjectProps;
use yew::prelude::*;

#[component]
pub fn WarningList(props: &SubjectProps) -> Html {
    let warnings: Vec<_> = props
        .subject
        .warnings
        .iter()
        .filter(|w| !has_command(&w.message))
        .collect();
    if warnings.is_empty() {
        return html! {};
    }
    html! {
        <section class="block">
            <h4>{ "Check also" }<span class="count">{ warnings.len() }</span></h4>
            <ul class="warnings" data-testid="warnings">
                { for warnings.iter().map(|w| html! {
                    <li>
                        <span class="glyph" aria-hidden="true">{ "!" }</span>
                        <div>
                            <p>{ inline(w.message.lines().next().unwrap_or("")) }</p>
                            { lines(&w.message, 1) }
                            if !w.source.is_empty() {
                                <p class="from">{ "Source: " }{ source_link(&w.source, &w.source_url) }</p>
                            }
                        </div>
                    </li>
                }) }
            </ul>
        </section>
    }
}
