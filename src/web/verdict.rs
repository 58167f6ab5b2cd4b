//! How a verdict looks: a glyph and a word, never colour alone.

use super::rich_text::{inline, lines};
use crate::model::{Operation, Verdict};
use yew::prelude::*;

pub fn glyph(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Possible => "✓",
        Verdict::Partial => "◐",
        Verdict::Impossible => "✕",
        Verdict::Unknown => "?",
    }
}

pub fn word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Possible => "Possible",
        Verdict::Partial => "Partial",
        Verdict::Impossible => "Impossible",
        Verdict::Unknown => "Unknown",
    }
}

/// A short headline an admin reads at a glance: "Backup will work".
pub fn headline(operation: Operation, verdict: Verdict) -> String {
    let op = operation.name();
    match verdict {
        Verdict::Possible => format!("{op} will work"),
        Verdict::Partial => format!("{op} works only in part"),
        Verdict::Impossible => format!("{op} will fail"),
        Verdict::Unknown => format!("{op} cannot be judged"),
    }
}

#[derive(Properties, PartialEq)]
pub struct BadgeProps {
    pub verdict: Verdict,
}

/// A small inline badge: "✓ Possible".
#[component]
pub fn VerdictBadge(props: &BadgeProps) -> Html {
    let v = props.verdict;
    html! {
        <span class={classes!("badge", v.id())} data-verdict={v.id()}>
            <span class="glyph" aria-hidden="true">{ glyph(v) }</span>
            { word(v) }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct TileProps {
    pub operation: Operation,
    pub verdict: Verdict,
    pub summary: AttrValue,
    /// The card's headline already says the first line: only the rest (its commands) here.
    #[prop_or_default]
    pub first_line_shown: bool,
}

/// The big verdict for one operation, with its summary sentence under it (and the commands
/// that follow it, each in a code block).
#[component]
pub fn VerdictTile(props: &TileProps) -> Html {
    let v = props.verdict;
    let op = props.operation;
    html! {
        <div class={classes!("tile", v.id())}>
            <p class="tile-head" data-testid={format!("{}-verdict", op.id())} data-verdict={v.id()}>
                <span class="tile-glyph" aria-hidden="true">{ glyph(v) }</span>
                <span class="tile-text">
                    <span class="tile-op">{ op.name() }</span>
                    <span class="tile-word">{ word(v) }</span>
                </span>
            </p>
            if !props.first_line_shown {
                <p class="tile-summary">{ inline(props.summary.lines().next().unwrap_or("")) }</p>
            }
            { lines(&props.summary, 1) }
        </div>
    }
}
