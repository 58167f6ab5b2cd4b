//! Seed 003's what-if beside an ACL result: "if the account were only in group G, with its
//! default permissions". One table, group by category.

use super::state::Shown;
use super::verdict::{glyph, word};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    pub shown: Rc<Shown>,
}

#[component]
pub fn WhatIfTable(props: &WhatIfProps) -> Html {
    let list = &props.shown.summary.what_if;
    let Some(first) = list.first() else {
        return html! {};
    };
    let verdict = |v: crate::model::Verdict| {
        html! { <span class={classes!("badge", v.id())}><span class="glyph" aria-hidden="true">{ glyph(v) }</span>{ word(v) }</span> }
    };
    html! {
        <section class="card what-if" data-testid="what-if" aria-labelledby="what-if-title">
            <h3 id="what-if-title">{ "If the account were only in a built-in group" }</h3>
            <p class="muted">{ "Each group's default permissions (Microsoft Learn: Default permissions quick reference), judged like the export. Backup / restore per category." }</p>
            <table class="categories">
                <thead>
                    <tr>
                        <th scope="col">{ "Group" }</th>
                        { for first.categories.iter().map(|c| html! { <th scope="col">{ &c.label }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for list.iter().map(|w| html! {
                        <tr>
                            <th scope="row">
                                { &w.group }
                                if !w.missing.is_empty() {
                                    <span class="reason">{ format!("lacks {}", w.missing.join(", ")) }</span>
                                }
                            </th>
                            { for w.categories.iter().map(|c| html! {
                                <td>{ verdict(c.backup) }{ " / " }{ verdict(c.restore) }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
