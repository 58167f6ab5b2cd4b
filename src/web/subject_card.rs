//! One judged credential or account: the sentence that decides first (the core's summaries
//! lead with a known failure), its expiry, the two verdicts, then what the input proves, what
//! to paste to decide, what to grant, and the detail.

use super::category_table::CategoryTable;
use super::excess_list::ExcessList;
use super::granted_list::GrantedList;
use super::missing_list::MissingList;
use super::rich_text::{inline, source_link, Command};
use super::subject_ref::SubjectProps;
use super::verdict::VerdictTile;
use super::warning_list::WarningList;
use crate::model::{Operation, Verdict};
use crate::report::{summary::rank, Expires, Subject};
use yew::prelude::*;

/// "Expires in 1 day (2026-12-01)" / "Expired 2023-11-14", marked by how soon.
pub fn expiry(expires: &Expires) -> Html {
    let class = match expires.days_left {
        _ if expires.expired => "expired",
        Some(days) if days < 14 => "soon",
        _ => "later",
    };
    html! {
        <span class={classes!("expiry", class)} data-testid="expires">
            <span class="glyph" aria-hidden="true">{ if expires.expired { "✕" } else { "◷" } }</span>
            { expires.describe() }
        </span>
    }
}

/// The worse of the two verdicts.
pub fn worst(subject: &Subject) -> Verdict {
    if rank(subject.restore.verdict) < rank(subject.backup.verdict) {
        subject.restore.verdict
    } else {
        subject.backup.verdict
    }
}

#[component]
pub fn SubjectCard(props: &SubjectProps) -> Html {
    let subject = &props.subject;
    let platform = subject
        .platform
        .map(|p| p.name())
        .unwrap_or("Platform not recognised");
    let all_good = subject.backup.verdict == Verdict::Possible
        && subject.restore.verdict == Verdict::Possible
        && subject.missing.is_empty();
    let undecided =
        subject.backup.verdict == Verdict::Unknown || subject.restore.verdict == Verdict::Unknown;
    let index = props.index;
    // The headline is the worse operation's first line (backup on a tie): that tile does not
    // repeat it.
    let headline_is_backup = rank(subject.backup.verdict) <= rank(subject.restore.verdict);
    let same = subject.backup.summary.lines().next() == subject.restore.summary.lines().next();
    html! {
        <article class="card subject" data-testid="subject" aria-labelledby={format!("subject-{index}")}>
            <header class="subject-head">
                <h3 id={format!("subject-{index}")}>{ &subject.label }</h3>
                <p class="meta">
                    <span>{ platform }</span>
                    <span>{ capitalise(subject.credential.name()) }</span>
                    if !subject.sources.is_empty() {
                        <span>{ format!("from {}", subject.sources.join(", ")) }</span>
                    }
                </p>
            </header>
            <p class={classes!("headline", worst(subject).id())} data-testid="headline">
                { inline(subject.deciding_sentence()) }
            </p>
            if let Some(expires) = &subject.expires {
                <p class="expiry-line">{ expiry(expires) }</p>
            }
            <div class="tiles">
                <VerdictTile operation={Operation::Backup} verdict={subject.backup.verdict}
                    summary={subject.backup.summary.clone()} first_line_shown={headline_is_backup || same} />
                <VerdictTile operation={Operation::Restore} verdict={subject.restore.verdict}
                    summary={subject.restore.summary.clone()} first_line_shown={!headline_is_backup || same} />
            </div>
            if all_good {
                <p class="all-good">{ "Nothing to grant: this credential covers backup and restore." }</p>
            }
            if !subject.combined.is_empty() {
                <p class="combined" data-testid="combined">
                    <strong>{ "Judged together from " }</strong>{ subject.combined.join("; ") }
                </p>
            }
            if !subject.findings.is_empty() {
                <section class="block findings" data-testid="findings">
                    <h4>{ "What the input proves" }<span class="count">{ subject.findings.len() }</span></h4>
                    <ul class="plain">
                        { for subject.findings.iter().map(|f| html! {
                            <li>
                                <p class="proves"><strong>{ inline(&f.proves) }</strong>
                                    <span class="where">{ format!("{}:{}:{}", f.source, f.line, f.column) }</span></p>
                                <dl class="finding">
                                    <dt>{ "What to do" }</dt><dd>{ inline(&f.action) }</dd>
                                    <dt>{ "What it cannot tell" }</dt><dd>{ inline(&f.cannot_tell) }</dd>
                                    <dt>{ "Reference" }</dt><dd>{ source_link(&f.reference, &f.reference_url) }</dd>
                                </dl>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if undecided && !subject.collect.is_empty() {
                <section class="block collect" data-testid="collect">
                    <h4>{ "To decide it, paste the output of" }</h4>
                    { for subject.collect.iter().map(|c| html! {
                        <Command command={c.command.clone()} caption={AttrValue::from(capitalise(&c.title))} />
                    }) }
                </section>
            }
            <MissingList subject={subject.clone()} {index} />
            <CategoryTable subject={subject.clone()} {index} />
            <ExcessList subject={subject.clone()} {index} />
            <WarningList subject={subject.clone()} {index} />
            <GrantedList subject={subject.clone()} {index} />
        </article>
    }
}

/// "app password" → "App password".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
