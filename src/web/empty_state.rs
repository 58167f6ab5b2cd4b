//! Before any input: what permcheck does, what to paste, and one-click examples.

use super::page_data;
use super::state::{Action, AppContext};
use yew::prelude::*;

#[component]
pub fn EmptyState() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    html! {
        <section class="card empty" aria-labelledby="empty-title">
            <h3 id="empty-title">{ "Paste what your token has; see whether backup and restore will work" }</h3>
            <ol class="steps">
                <li>{ "Paste scope ids, the labels ticked on the token page, " }<code>{ "curl -I" }</code>
                    { " response headers, a JWT, an API response — or drop the files." }</li>
                <li>{ "Read the verdict for " }<strong>{ "Backup" }</strong>{ " and " }<strong>{ "Restore" }</strong>{ "." }</li>
                <li>{ "Copy what to grant, and remove what is not needed." }</li>
            </ol>
            <p class="muted">{ format!("Judges {}.", judged_names()) }</p>
            <h4>{ "Or start from an example" }</h4>
            <ul class="example-list">
                { for page_data::data().examples.iter().map(|e| {
                    let state = state.clone();
                    let id = e.id.clone();
                    let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::LoadExample(id.clone())));
                    html! {
                        <li key={e.id.clone()}>
                            <button type="button" class="link-button" {onclick}>{ e.title.clone() }</button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// "Azure DevOps Services, Azure DevOps Server and Bitbucket Cloud".
pub fn judged_names() -> String {
    let names: Vec<&str> = page_data::data().judged.iter().map(|p| p.name()).collect();
    match names.split_last() {
        None => "no platform (this build lists none)".to_string(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
