//! Texts of the report as the page shows them: `code` in backticks as code, command lines
//! (`az …`, `Project: az …`) as code blocks with a copy button each, sources as links.

use super::copy_button::CopyButton;
use crate::report::{text_parts, TextPart};
use yew::prelude::*;

/// A sentence with its backticked parts as `<code>` (an odd backtick leaves it as it is).
pub fn inline(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len() < 3 || parts.len() % 2 == 0 {
        return html! { { text.to_string() } };
    }
    html! {
        <>
            { for parts.iter().enumerate().map(|(i, part)| if i % 2 == 1 {
                html! { <code>{ part.to_string() }</code> }
            } else {
                html! { { part.to_string() } }
            }) }
        </>
    }
}

/// A public page named by its title, opened in a new tab (user navigation: the page itself
/// never requests it). Anything but an http(s) address stays text.
pub fn source_link(title: &str, url: &str) -> Html {
    if url.starts_with("https://") || url.starts_with("http://") {
        html! {
            <a class="source" href={url.to_string()} target="_blank" rel="noopener noreferrer">{ title.to_string() }</a>
        }
    } else {
        html! { <span class="source">{ title.to_string() }</span> }
    }
}

#[derive(Properties, PartialEq)]
pub struct CommandProps {
    pub command: AttrValue,
    /// What it is for ("Project"), shown above it (never copied).
    #[prop_or_default]
    pub caption: Option<AttrValue>,
}

/// One command: monospace, never wrapped (it scrolls sideways), with a Copy button that copies
/// exactly the command shown.
#[component]
pub fn Command(props: &CommandProps) -> Html {
    let text = {
        let command = props.command.clone();
        Callback::from(move |copy: Callback<String>| copy.emit(command.to_string()))
    };
    html! {
        <div class="command" data-testid="command">
            if let Some(caption) = &props.caption {
                <p class="command-caption">{ caption.clone() }</p>
            }
            <div class="command-row">
                <pre><code>{ props.command.clone() }</code></pre>
                <CopyButton label="Copy" testid="copy-command" {text} secondary=true
                    aria_label={format!("Copy the command {}", props.command.chars().take(60).collect::<String>())} />
            </div>
        </div>
    }
}

/// Parts of a summary or a note after `skip` lines: prose as paragraphs, each command as a
/// [`Command`], a script (bash, PowerShell) as one [`Command`] copied whole.
pub fn lines(text: &str, skip: usize) -> Html {
    html! {
        <>
            { for text_parts(text).into_iter().skip(skip).map(|part| match part {
                TextPart::Command { caption, command } => html! {
                    <Command command={command.trim().to_string()} caption={caption.map(|c| AttrValue::from(c.trim().to_string()))} />
                },
                TextPart::Script { language, body } => html! {
                    <Command command={body} caption={Some(AttrValue::from(format!("{language} script")))} />
                },
                TextPart::Line(line) if line.trim().is_empty() => html! {},
                TextPart::Line(line) => html! { <p class="line">{ inline(line) }</p> },
            }) }
        </>
    }
}

/// Whether a text holds a command line.
pub fn has_command(text: &str) -> bool {
    text_parts(text)
        .iter()
        .any(|p| !matches!(p, TextPart::Line(_)))
}
