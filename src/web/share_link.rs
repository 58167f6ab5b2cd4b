//! "Copy link with input": opt-in, behind a warning that says what the link holds.

use super::copy_button::CopyButton;
use super::share;
use super::state::AppContext;
use yew::prelude::*;

/// The warning and the button, while there is pasted text; `problem` says why the last link
/// could not be made.
pub fn share_link(state: &AppContext, problem: &UseStateHandle<Option<&'static str>>) -> Html {
    if state.text.trim().is_empty() {
        return html! {};
    }
    let text = {
        let state = state.clone();
        let problem = problem.clone();
        Callback::from(move |copy: Callback<String>| {
            let problem = problem.clone();
            share::make_link(&state, move |link| match link {
                Ok(link) => {
                    problem.set(None);
                    copy.emit(link);
                }
                Err(why) => problem.set(Some(why)),
            });
        })
    };
    html! {
        <div class="share">
            <p class="warn" id="share-warning" data-testid="share-warning">
                <span class="glyph" aria-hidden="true">{ "!" }</span>
                { "The link contains the pasted text: anyone with the link can read it. It is never sent to a server (the input is in the part after #, which browsers do not send), but it stays wherever the link is pasted or saved. Files are not included." }
            </p>
            <CopyButton label="Copy link with input" testid="share-link" secondary=true
                describedby="share-warning" fallback_testid="share-url" {text} />
            if let Some(why) = **problem {
                <p class="notice" role="alert">{ why }</p>
            }
        </div>
    }
}
