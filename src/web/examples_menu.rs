//! "Try an example": loads one sample per input format into the paste area. Choosing with the
//! mouse loads it; the arrow keys only move through the menu (Enter loads the one shown), so
//! browsing it never replaces anything. When the paste area holds the user's own text, an
//! example asks first, and Undo brings the text back.

use super::page_data;
use super::state::{Action, AppContext};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[component]
pub fn ExamplesMenu() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let select = use_node_ref();
    // A key that moves through the options was pressed: the `change` it fires is browsing.
    let browsing = use_mut_ref(|| false);
    let browsed = use_state(|| None::<String>);

    // The menu shows the loaded example, and goes back to its prompt once the text is edited
    // (so choosing the same example again reloads it).
    {
        let select = select.clone();
        let browsed = browsed.clone();
        use_effect_with(state.example.clone(), move |example| {
            browsed.set(None);
            if let Some(el) = select.cast::<HtmlSelectElement>() {
                el.set_value(example.as_deref().unwrap_or(""));
            }
        });
    }

    let onkeydown = {
        let state = state.clone();
        let browsing = browsing.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" | "ArrowUp" | "Home" | "End" | "PageDown" | "PageUp" => {
                *browsing.borrow_mut() = true;
            }
            "Enter" => {
                if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                    let id = el.value();
                    if !id.is_empty() && state.example.as_deref() != Some(id.as_str()) {
                        e.prevent_default();
                        state.dispatch(Action::LoadExample(id));
                    }
                }
            }
            _ => {}
        })
    };
    let onchange = {
        let state = state.clone();
        let browsing = browsing.clone();
        let browsed = browsed.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<HtmlSelectElement>() {
                let id = el.value();
                if browsing.replace(false) {
                    browsed.set((!id.is_empty()).then_some(id));
                } else if !id.is_empty() {
                    state.dispatch(Action::LoadExample(id));
                }
            }
        })
    };
    // A pointer picks deliberately, whatever key was pressed before.
    let onmousedown = {
        let browsing = browsing.clone();
        Callback::from(move |_: MouseEvent| *browsing.borrow_mut() = false)
    };
    let confirm = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ConfirmExample))
    };
    let cancel = {
        let state = state.clone();
        let select = select.clone();
        let example = state.example.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = select.cast::<HtmlSelectElement>() {
                el.set_value(example.as_deref().unwrap_or(""));
            }
            state.dispatch(Action::CancelExample)
        })
    };
    let load_browsed = {
        let state = state.clone();
        let browsed = browsed.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(id) = (*browsed).clone() {
                state.dispatch(Action::LoadExample(id));
            }
        })
    };
    let title = |id: &str| page_data::example(id).map_or(id.to_string(), |e| e.title.clone());

    html! {
        <div class="examples">
            <div class="field inline">
                <label for="example-select">{ "Try an example" }</label>
                <select id="example-select" data-testid="example-select" ref={select} {onchange} {onkeydown} {onmousedown}
                    aria-describedby="example-hint">
                    <option value="" selected={state.example.is_none()}>{ "Choose a sample input…" }</option>
                    { for page_data::data().examples.iter().map(|e| html! {
                        <option key={e.id.clone()} value={e.id.clone()} selected={state.example.as_deref() == Some(e.id.as_str())}>{ e.title.clone() }</option>
                    }) }
                </select>
            </div>
            if let Some(id) = (*browsed).clone().filter(|id| state.example.as_deref() != Some(id.as_str()) && state.confirm_example.is_none()) {
                <p class="hint" id="example-hint">
                    { format!("Press Enter to load “{}”, or ", title(&id)) }
                    <button type="button" class="link-button" data-testid="load-example" onclick={load_browsed}>{ "load it" }</button>
                    { "." }
                </p>
            } else {
                <p class="sr-only" id="example-hint">{ "Arrow keys move through the examples; Enter loads the one shown." }</p>
            }
            if let Some(id) = &state.confirm_example {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-example" data-testid="confirm-example">
                    <p id="confirm-example">{ format!("Replace your text with the example “{}”? Undo brings your text back.", title(id)) }</p>
                    <div class="actions">
                        <button type="button" class="button" data-testid="confirm-replace" onclick={confirm}>{ "Replace my text" }</button>
                        <button type="button" class="button secondary" data-testid="confirm-keep" onclick={cancel}>{ "Keep my text" }</button>
                    </div>
                </div>
            }
        </div>
    }
}
