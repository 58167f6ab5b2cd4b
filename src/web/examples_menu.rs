//! "Try an example": loads one sample per input format into the paste area.

use super::state::{Action, AppContext};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[component]
pub fn ExamplesMenu() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let select = use_node_ref();

    // The menu shows the loaded example, and goes back to its prompt once the text is edited
    // (so choosing the same example again reloads it).
    {
        let select = select.clone();
        use_effect_with(state.example, move |example| {
            if let Some(el) = select.cast::<HtmlSelectElement>() {
                el.set_value(example.unwrap_or(""));
            }
        });
    }

    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                let id = el.value();
                if !id.is_empty() {
                    state.dispatch(Action::LoadExample(id));
                }
            }
        })
    };

    html! {
        <div class="field inline">
            <label for="example-select">{ "Try an example" }</label>
            <select id="example-select" data-testid="example-select" ref={select} {onchange}>
                <option value="" selected={state.example.is_none()}>{ "Choose a sample input…" }</option>
                { for crate::examples::all().map(|e| html! {
                    <option key={e.id} value={e.id} selected={state.example == Some(e.id)}>{ e.title }</option>
                }) }
            </select>
        </div>
    }
}
