//! "What to grant": each missing permission by its portal label, the API id beside it, and the
//! backup/restore needs it unblocks; with a Copy button for the list.

use super::copy_button::CopyButton;
use super::subject_ref::SubjectProps;
use crate::render;
use yew::prelude::*;

#[component]
pub fn MissingList(props: &SubjectProps) -> Html {
    let Some(subject) = props.subject() else {
        return html! {};
    };
    if subject.missing.is_empty() {
        return html! {};
    }
    let text = {
        let props = props.clone();
        Callback::from(move |copy: Callback<String>| {
            copy.emit(props.subject().map(render::grant_list).unwrap_or_default())
        })
    };
    let count = subject.missing.len();
    html! {
        <section class="block grant" aria-labelledby={format!("grant-{}", props.index)}>
            <div class="block-head">
                <h3 id={format!("grant-{}", props.index)}>
                    { "What to grant" }
                    <span class="count">{ count }</span>
                </h3>
                <CopyButton label="Copy" testid="copy-missing" {text}
                    aria_label={format!("Copy the {count} grants for {}", subject.label)} />
            </div>
            <ul class="missing" data-testid="missing">
                { for subject.missing.iter().map(|m| html! {
                    <li title={format!("Required by {}", m.source)}>
                        <span class="grant-name">
                            <strong>{ &m.label }</strong>
                            { " " }
                            <code>{ &m.id }</code>
                        </span>
                        <span class="tags">
                            { for m.needed_for.iter().map(|need| {
                                let (op, label) = subject.need_parts(need);
                                html! {
                                    <span class={classes!("tag", op.clone())}>
                                        { if op.is_empty() { String::new() } else { format!("{op} · ") } }
                                        { label }
                                    </span>
                                }
                            }) }
                        </span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
