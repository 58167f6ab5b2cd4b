//! Before any input: what permcheck does, what to paste, and one-click examples.

use super::state::{Action, AppContext};
use yew::prelude::*;

#[component]
pub fn EmptyState() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    html! {
        <section class="card empty" aria-labelledby="empty-title">
            <h2 id="empty-title">{ "Paste what your token has; see whether backup and restore will work" }</h2>
            <ol class="steps">
                <li>{ "Paste scope ids, the labels ticked on the token page, " }<code>{ "curl -I" }</code>
                    { " response headers, a JWT, an API response — or drop the files." }</li>
                <li>{ "Read the verdict for " }<strong>{ "Backup" }</strong>{ " and " }<strong>{ "Restore" }</strong>{ "." }</li>
                <li>{ "Copy what to grant, and remove what is not needed." }</li>
            </ol>
            <p class="muted">{ "Covers Azure DevOps Services, Azure DevOps Server and Bitbucket Cloud." }</p>
            <h3>{ "Or start from an example" }</h3>
            <ul class="example-list">
                { for crate::examples::all().map(|e| {
                    let state = state.clone();
                    let id = e.id;
                    let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::LoadExample(id.to_string())));
                    html! {
                        <li key={e.id}>
                            <button type="button" class="link-button" {onclick}>{ e.title }</button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
