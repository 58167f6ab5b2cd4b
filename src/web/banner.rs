//! Skipped input up front, above the verdicts: "3 lines were not understood — the verdict may
//! be too pessimistic", with each "did you mean" one click away (applied to the paste area,
//! undoable), and any pasted secret ("this is … itself, not its scopes").

use super::rich_text::inline;
use super::state::{Action, AppContext, Shown};
use super::summary_table::thousands;
use crate::report::summary::{Fix, Note, NoteKind};
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

/// Skipped notes listed in the banner; the rest are counted (all are under About the input).
const LISTED: usize = 8;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub shown: Rc<Shown>,
}

#[component]
pub fn InputBanner(props: &BannerProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let notes = &props.shown.summary.notes;
    let skipped: Vec<&Note> = notes
        .iter()
        .filter(|n| n.kind == NoteKind::Skipped)
        .collect();
    let secrets: Vec<&Note> = notes
        .iter()
        .filter(|n| n.kind == NoteKind::Secret)
        .collect();
    // A fix applies to the paste area only, while it holds the text the note was made for.
    let fixable = |n: &Note| -> Option<Fix> {
        n.fix
            .clone()
            .filter(|_| n.diagnostic.source == state.text_source && !state.text.is_empty())
    };
    let fixes: Vec<Fix> = skipped.iter().filter_map(|n| fixable(n)).collect();
    let apply = |fixes: Vec<Fix>| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ApplyFixes(fixes.clone())))
    };
    let undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
    };
    let lines: BTreeSet<(&str, usize)> = skipped
        .iter()
        .map(|n| (n.diagnostic.source.as_str(), n.diagnostic.line))
        .collect();
    let headline = match lines.len() {
        1 => "1 line was not understood".to_string(),
        n => format!("{} lines were not understood", thousands(n)),
    };
    html! {
        <>
            if !secrets.is_empty() {
                <section class="banner secret" role="alert" data-testid="secret-banner">
                    <p class="banner-title"><span class="glyph" aria-hidden="true">{ "!" }</span>
                        { "A secret was pasted: it was not read further and was not sent anywhere" }</p>
                    <ul class="plain">
                        { for secrets.iter().map(|n| html! {
                            <li>
                                <span class="where">{ format!("{}:{}:{}", n.diagnostic.source, n.diagnostic.line, n.diagnostic.column) }</span>
                                <span class="message">{ inline(&n.diagnostic.message) }</span>
                                if let Some(help) = &n.diagnostic.help {
                                    <span class="help">{ inline(help) }</span>
                                }
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if !skipped.is_empty() {
                <section class="banner skipped" data-testid="skipped-banner" aria-labelledby="skipped-title">
                    <p class="banner-title" id="skipped-title"><span class="glyph" aria-hidden="true">{ "!" }</span>
                        <strong>{ headline }</strong>{ " — the verdict may be too pessimistic." }</p>
                    <ul class="plain">
                        { for skipped.iter().take(LISTED).map(|n| {
                            let d = &n.diagnostic;
                            html! {
                                <li class="skipped-line">
                                    <span class="where">{ format!("{}:{}:{}", d.source, d.line, d.column) }</span>
                                    <span class="message">{ inline(&d.message) }</span>
                                    if let Some(fix) = fixable(n) {
                                        <button type="button" class="button fix" data-testid="apply-fix"
                                            aria-label={format!("Replace {} with {} on line {}", fix.from, fix.to, fix.line)}
                                            onclick={apply(vec![fix.clone()])}>
                                            { "Use " }<code>{ fix.to.clone() }</code>
                                        </button>
                                    } else if let Some(help) = &d.help {
                                        <span class="help">{ inline(help) }</span>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                    if skipped.len() > LISTED {
                        <p class="muted">{ format!("{} more under About the input, below.", thousands(skipped.len() - LISTED)) }</p>
                    }
                    if fixes.len() > 1 {
                        <button type="button" class="button" data-testid="apply-all-fixes" onclick={apply(fixes.clone())}>
                            { format!("Apply all {} suggestions", fixes.len()) }
                        </button>
                    }
                </section>
            }
            if let Some(done) = &state.undo {
                <p class="banner undo" role="status" data-testid="undo-bar">
                    { inline(&format!("Done: {}.", done.done)) }
                    <button type="button" class="button secondary" data-testid="undo" onclick={undo}>{ "Undo" }</button>
                </p>
            }
        </>
    }
}
