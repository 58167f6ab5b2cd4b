//! "What to grant", grouped by where the admin acts: the token's page (a credential's scopes),
//! the platform's permission settings (an account's permissions), and commands to run (each in a
//! code block with its own Copy button). Each permission by its portal label with the API id
//! beside it, the needs it unblocks, and the public page it comes from.

use super::copy_button::CopyButton;
use super::rich_text::{has_command, inline, lines, source_link};
use super::subject_ref::SubjectProps;
use crate::model::Credential;
use crate::report::Missing;
use yew::prelude::*;

/// A missing permission as the list shows it, and as its Copy button copies it: one line.
fn line(m: &Missing) -> String {
    format!("{} ({})", m.label, m.id)
}

#[component]
pub fn MissingList(props: &SubjectProps) -> Html {
    let subject = &props.subject;
    let commands: Vec<_> = subject
        .warnings
        .iter()
        .filter(|w| has_command(&w.message))
        .collect();
    if subject.missing.is_empty() && commands.is_empty() {
        return html! {};
    }
    let platform = subject.platform.map(|p| p.name()).unwrap_or("the platform");
    let (where_title, where_hint) = match subject.credential {
        Credential::Account => (
            "In the portal".to_string(),
            format!("Allow these for this identity in {platform}'s permission settings (or run the commands below), then check again."),
        ),
        Credential::Oauth => (
            "In the OAuth app's scopes".to_string(),
            "The scopes the app asks for when it is authorized: add these to its request, then authorize it again.".to_string(),
        ),
        other => (
            "On the token's page".to_string(),
            format!(
                "Where this {} is created or edited in {platform}: add these, or create a new one that has them.",
                other.name()
            ),
        ),
    };
    let text = {
        let subject = subject.clone();
        Callback::from(move |copy: Callback<String>| {
            copy.emit(
                subject
                    .missing
                    .iter()
                    .map(line)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        })
    };
    let count = subject.missing.len();
    html! {
        <section class="block grant" aria-labelledby={format!("grant-{}", props.index)}>
            <h4 id={format!("grant-{}", props.index)}>{ "What to grant" }<span class="count">{ count }</span></h4>
            if !subject.missing.is_empty() {
                <div class="act" data-testid="grant-where">
                    <div class="block-head">
                        <h5>{ where_title }</h5>
                        <CopyButton label="Copy list" testid="copy-missing" {text} secondary=true
                            aria_label={format!("Copy list of the {count} permissions to grant to {}", subject.label)} />
                    </div>
                    <p class="muted">{ where_hint }</p>
                    <ul class="missing" data-testid="missing">
                        { for subject.missing.iter().map(|m| html! {
                            <li>
                                <span class="grant-name" data-testid="grant-line">
                                    <strong>{ &m.label }</strong>{ " (" }<code>{ &m.id }</code>{ ")" }
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
                                if !m.source.is_empty() {
                                    <span class="from">{ "Source: " }{ source_link(&m.source, &m.source_url) }</span>
                                }
                            </li>
                        }) }
                    </ul>
                </div>
            }
            if !commands.is_empty() {
                <div class="act" data-testid="grant-commands">
                    <h5>{ "Commands" }</h5>
                    <p class="muted">{ "permcheck runs none of these: review each, then run it where you are signed in." }</p>
                    { for commands.iter().map(|w| html! {
                        <div class="command-group">
                            <p>{ inline(w.message.lines().next().unwrap_or("")) }</p>
                            { lines(&w.message, 1) }
                            if !w.source.is_empty() {
                                <p class="from">{ "Source: " }{ source_link(&w.source, &w.source_url) }</p>
                            }
                        </div>
                    }) }
                </div>
            }
        </section>
    }
}
