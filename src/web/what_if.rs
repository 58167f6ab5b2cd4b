//! Seed 003's what-if beside an ACL result: "if the account were only in group G, with its
//! default permissions". One table, group by category; each cell names its two verdicts
//! ("Backup ✓ Possible", "Restore ✕ Impossible") so it still reads once the rows stack on a
//! narrow screen. What a group lacks is a full-width line under its row, never squeezed into
//! the group's column.

use super::state::Shown;
use super::verdict::{glyph, word};
use std::rc::Rc;
use yew::prelude::*;

/// More categories than this do not fit side by side in the result column: the rows stack.
const SIDE_BY_SIDE_MAX: usize = 5;

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
    let verdict = |op: &'static str, v: crate::model::Verdict| {
        html! {
            <span class="wi-op">
                <span class="wi-op-name">{ op }</span>
                <span class={classes!("badge", v.id())} data-testid="what-if-verdict" data-verdict={v.id()}>
                    <span class="glyph" aria-hidden="true">{ glyph(v) }</span>{ word(v) }
                </span>
            </span>
        }
    };
    let columns = first.categories.len() + 1;
    let stacked = (first.categories.len() > SIDE_BY_SIDE_MAX).then_some("stacked");
    html! {
        <section class={classes!("card", "what-if", stacked)} data-testid="what-if" aria-labelledby="what-if-title">
            <h3 id="what-if-title">{ "If the account were only in a built-in group" }</h3>
            <p class="muted">{ "Each group's default permissions (Microsoft Learn: Default permissions quick reference), judged like the export. Backup / restore per category." }</p>
            <table class="categories what-if-table">
                <thead>
                    <tr>
                        <th scope="col">{ "Group" }</th>
                        { for first.categories.iter().map(|c| html! { <th scope="col">{ &c.label }</th> }) }
                    </tr>
                </thead>
                { for list.iter().map(|w| html! {
                    <tbody>
                        <tr>
                            <th scope="row">{ &w.group }</th>
                            { for w.categories.iter().map(|c| html! {
                                <td data-label={c.label.clone()}>{ verdict("Backup", c.backup) }{ verdict("Restore", c.restore) }</td>
                            }) }
                        </tr>
                        if !w.missing.is_empty() {
                            <tr class="wi-lacks">
                                <td colspan={columns.to_string()}>
                                    <span class="reason">{ format!("{} lacks {}", w.group, w.missing.join(", ")) }</span>
                                </td>
                            </tr>
                        }
                    </tbody>
                }) }
            </table>
        </section>
    }
}
