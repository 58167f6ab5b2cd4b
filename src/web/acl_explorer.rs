//! Every exported permission of one identity: namespace → token tree → bits, each marked allow /
//! deny / inherited / not set with the entry that decided it. Asked of the engine on demand (an
//! organization export holds far more than anyone reads), for the identity picked above.

use super::engine::ExplorerAnswer;
use crate::acl::explore::{BitState, Explorer, ExplorerToken};
use std::rc::Rc;
use yew::prelude::*;

/// How the page asks the engine to explore: (identity descriptor, who gets the answer).
pub type ExploreContext = Callback<(String, ExplorerAnswer)>;

#[derive(Properties, PartialEq)]
pub struct AclExplorerProps {
    /// The identity descriptor, as exported.
    pub identity: String,
    /// The subject's readable name.
    pub label: String,
}

enum Status {
    Closed,
    Loading,
    Ready(Rc<Explorer>),
    Failed(String),
}

/// Glyph, words, class: never colour alone.
fn mark(state: BitState) -> (&'static str, &'static str, &'static str) {
    match state {
        BitState::Allow => ("✓", "Allow", "allow"),
        BitState::AllowInherited => ("✓", "Allow (inherited)", "allow inherited"),
        BitState::Deny => ("✕", "Deny", "deny"),
        BitState::DenyInherited => ("✕", "Deny (inherited)", "deny inherited"),
        BitState::NotSet => ("–", "Not set", "not-set"),
    }
}

fn token_row(token: &ExplorerToken) -> Html {
    let count = |f: fn(BitState) -> bool| token.bits.iter().filter(|b| f(b.state)).count();
    let allowed = count(|s| matches!(s, BitState::Allow | BitState::AllowInherited));
    let denied = count(|s| matches!(s, BitState::Deny | BitState::DenyInherited));
    let not_set = count(|s| s == BitState::NotSet);
    html! {
        <li class={classes!("token", format!("depth-{}", token.depth.min(6)))}>
            <details>
                <summary>
                    <span class="token-name" title={token.token.clone()}>{ &token.display }</span>
                    <span class="token-counts">
                        { format!("{allowed} allowed · {denied} denied · {not_set} not set") }
                    </span>
                </summary>
                <p class="muted token-raw"><code>{ &token.token }</code></p>
                <table class="bits">
                    <thead>
                        <tr><th scope="col">{ "Permission" }</th><th scope="col">{ "State" }</th><th scope="col">{ "Decided by" }</th></tr>
                    </thead>
                    <tbody>
                        { for token.bits.iter().map(|b| {
                            let (glyph, words, class) = mark(b.state);
                            let decided = match &b.decided_by {
                                Some(by) if by.token == token.token => format!("this token's entry ({}:{}:{})", by.source, by.line, by.column),
                                Some(by) => format!("{} ({}:{}:{})", by.token, by.source, by.line, by.column),
                                None if b.state == BitState::NotSet => "no entry on this token or above it".to_string(),
                                None if b.reported => "the server's effective permissions in the export".to_string(),
                                None => String::new(),
                            };
                            html! {
                                <tr>
                                    <th scope="row">{ &b.label }<span class="api-id">{ format!(" {} ({})", b.name, b.bit) }</span></th>
                                    <td class={classes!("bit-state", class)}><span aria-hidden="true">{ glyph }</span>{ " " }{ words }</td>
                                    <td class="muted">{ decided }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </details>
        </li>
    }
}

#[component]
pub fn AclExplorer(props: &AclExplorerProps) -> Html {
    let explore = use_context::<ExploreContext>();
    let status = use_state(|| Status::Closed);
    let namespace = use_state(|| 0usize);
    // Another identity, or a new evaluation: close, since the answer belonged to the old one.
    {
        let status = status.clone();
        use_effect_with(props.identity.clone(), move |_| status.set(Status::Closed));
    }
    let Some(explore) = explore else {
        return html! {};
    };
    let open = {
        let status = status.clone();
        let namespace = namespace.clone();
        let identity = props.identity.clone();
        Callback::from(move |_: MouseEvent| {
            status.set(Status::Loading);
            namespace.set(0);
            let status = status.clone();
            explore.emit((
                identity.clone(),
                Callback::from(move |answer: Result<Rc<Explorer>, String>| {
                    status.set(match answer {
                        Ok(explorer) => Status::Ready(explorer),
                        Err(message) => Status::Failed(message),
                    })
                }),
            ));
        })
    };
    let body = match &*status {
        Status::Closed => html! {
            <button type="button" class="button secondary" data-testid="explore" onclick={open}>
                { "Show every exported permission of this identity" }
            </button>
        },
        Status::Loading => html! { <p class="muted" role="status">{ "Exploring the export…" }</p> },
        Status::Failed(message) => html! {
            <p class="notice" role="status">{ format!("The explorer could not run: {message}.") }</p>
        },
        Status::Ready(explorer) if explorer.namespaces.is_empty() => html! {
            <p class="muted">{ "The export holds no access control lists for this identity to explore." }</p>
        },
        Status::Ready(explorer) => {
            let picked = (*namespace).min(explorer.namespaces.len() - 1);
            let ns = &explorer.namespaces[picked];
            let onchange = {
                let namespace = namespace.clone();
                Callback::from(move |e: Event| {
                    if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                        namespace.set(select.selected_index().max(0) as usize);
                    }
                })
            };
            html! {
                <>
                    <div class="field inline">
                        <label for="explorer-namespace">{ "Security namespace" }</label>
                        <select id="explorer-namespace" data-testid="explorer-namespace" {onchange}>
                            { for explorer.namespaces.iter().enumerate().map(|(i, n)| html! {
                                <option selected={i == picked}>
                                    { format!("{} ({} tokens)", n.display_name, n.tokens.len() + n.tokens_left_out) }
                                </option>
                            }) }
                        </select>
                    </div>
                    <p class="muted legend">
                        { "✓ Allow · ✓ Allow (inherited) from a parent token · ✕ Deny · – Not set, which denies. Open a token to see each permission and the entry that decided it." }
                    </p>
                    <ul class="token-tree" data-testid="token-tree" aria-label={format!("{} tokens", ns.name)}>
                        { for ns.tokens.iter().map(token_row) }
                    </ul>
                    if ns.tokens_left_out > 0 {
                        <p class="muted">{ format!("{} more tokens are not shown.", ns.tokens_left_out) }</p>
                    }
                </>
            }
        }
    };
    html! {
        <section class="explorer" data-testid="explorer" aria-label={format!("Every exported permission of {}", props.label)}>
            <h3>{ "Every exported permission" }</h3>
            { body }
        </section>
    }
}
