//! Everything the user gives: the paste area, the example menu, files (picked or dropped) and
//! the platform / credential overrides.

use super::examples_menu::ExamplesMenu;
use super::page_data;
use super::rich_text::inline;
use super::share_link::share_link;
use super::state::{Action, AppContext, LARGE_PASTE_BYTES};
use super::subject_card::capitalise;
use crate::model::{Credential, Platform};
use crate::report::summary::NoteKind;
use web_sys::{FileList, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    /// Files were picked with the file input; the app reads them.
    pub on_files: Callback<FileList>,
    /// A file is being dragged over the page.
    pub dragging: bool,
}

const PLACEHOLDER: &str = "For example:\n\
vso.code vso.work vso.wiki\n\
or the labels ticked on the token page, curl -I response headers (x-oauth-scopes), \
a JWT, a _apis/tokens/pats or user-entitlement response, a Bitbucket 403 body…";

fn select_value(e: &Event) -> Option<String> {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|el| el.value())
}

/// "812 bytes", "14 KB", "48 MB" (whole units: float formatting would grow the wasm).
fn size(bytes: usize) -> String {
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{} KB", bytes.div_ceil(1024)),
        _ => format!("{} MB", bytes.div_ceil(1_048_576)),
    }
}

#[component]
pub fn InputPanel(props: &InputPanelProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let share_problem = use_state(|| None::<&'static str>);
    let area = use_node_ref();
    // The text goes into the area only when it changed other than by typing (see
    // `State::text_version`); the area is never rewritten, nor read back, on a keystroke.
    {
        let area = area.clone();
        let state = state.clone();
        use_effect_with(state.text_version, move |_| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                area.set_value(&state.text);
            }
        });
    }
    // Focus comes back here when the control that had it went away (Keep my text, Undo).
    {
        let area = area.clone();
        use_effect_with(state.focus_paste, move |focus| {
            if *focus > 0 {
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                }
            }
        });
    }

    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                // Megabytes of pasted export: read through TextEncoder, not char by char.
                let text = js_sys::Reflect::get(&area, &wasm_bindgen::JsValue::from_str("value"))
                    .ok()
                    .and_then(|v| crate::js_text::text_of(&v))
                    .unwrap_or_else(|| area.value());
                if text.len() > LARGE_PASTE_BYTES {
                    // A pasted export becomes an input of its own, like a dropped file: a
                    // textarea holding megabytes makes every keystroke and re-render slow.
                    area.set_value("");
                }
                state.dispatch(Action::SetText(text));
            }
        })
    };
    let onclear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Clear))
    };
    let onfiles = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                if let Some(files) = input.files() {
                    on_files.emit(files);
                }
                // Picking the same file again must fire `change` again.
                input.set_value("");
            }
        })
    };
    let onplatform = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let platform = select_value(&e).and_then(|v| Platform::from_id(&v));
            state.dispatch(Action::SetPlatform(platform));
        })
    };
    let oncredential = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let credential = select_value(&e).and_then(|v| Credential::from_id(&v));
            state.dispatch(Action::SetCredential(credential));
        })
    };

    let has_input = !state.text.is_empty() || !state.files.is_empty();
    let platform = state.options.platform;
    let credential = state.options.credential;
    // The core says where an override was not applied (the evidence is another platform's).
    let not_applied: Vec<String> = state
        .report
        .iter()
        .flat_map(|r| r.summary.notes.iter())
        .filter(|n| n.kind == NoteKind::Override)
        .map(|n| n.diagnostic.message.clone())
        .collect();
    let overridden = platform.is_some() || credential.is_some();

    html! {
        <div class="panel">
            <ExamplesMenu />
            <div class="field">
                <label for="paste">{ "Paste scopes, token details, an API response or an ACL export" }</label>
                <textarea id="paste" data-testid="paste" rows="11" spellcheck="false"
                    autocomplete="off" autocapitalize="off" placeholder={PLACEHOLDER}
                    aria-describedby="paste-hint"
                    ref={area} {oninput} />
                <p id="paste-hint" class="hint">
                    { "A JWT is decoded here, in the page. You do not need the secret token itself: its scopes are enough." }
                </p>
            </div>

            <div data-testid="drop-zone" class={classes!("drop", props.dragging.then_some("active"))}>
                <input type="file" id="file-input" data-testid="file-input" multiple=true
                    class="file-input" onchange={onfiles} />
                <label for="file-input">
                    <span class="drop-title">{ "Drop files here" }</span>
                    { " or " }<span class="link">{ "choose files" }</span>
                </label>
                <p class="hint">{ "Each file is read in this browser and judged with the paste." }</p>
            </div>

            if !state.files.is_empty() || !state.file_notices.is_empty() {
                <ul class="files" aria-label="Files">
                    { for state.files.iter().map(|f| {
                        let name = f.source.clone();
                        let state = state.clone();
                        let remove = Callback::from(move |_: MouseEvent| state.dispatch(Action::RemoveFile(name.clone())));
                        html! {
                            <li key={f.source.clone()} class="file">
                                <span class="file-name">{ &f.source }</span>
                                <span class="muted file-size">{ size(f.text.len()) }</span>
                                <button type="button" class="icon-button" onclick={remove}
                                    aria-label={format!("Remove {}", f.source)} title="Remove">{ "✕" }</button>
                            </li>
                        }
                    }) }
                    { for state.file_notices.iter().map(|(name, message)| html! {
                        <li key={format!("notice-{name}")} class="file notice" role="alert">
                            <span class="file-name">{ name }</span>{ ": " }{ message }
                        </li>
                    }) }
                </ul>
            }

            <fieldset class="overrides">
                <legend>{ "Detection wrong? Override it" }</legend>
                <div class="field">
                    <label for="platform-select">{ "Platform" }</label>
                    <select id="platform-select" data-testid="platform-select" onchange={onplatform}>
                        <option value="" selected={platform.is_none()}>{ "Auto-detect" }</option>
                        { for page_data::data().judged.iter().map(|p| html! {
                            <option value={p.id()} selected={platform == Some(*p)}>{ p.name() }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="credential-select">{ "Credential" }</label>
                    <select id="credential-select" data-testid="credential-select" onchange={oncredential}>
                        <option value="" selected={credential.is_none()}>{ "Auto-detect" }</option>
                        { for Credential::ALL.iter().map(|c| html! {
                            <option value={c.id()} selected={credential == Some(*c)}>{ capitalise(c.name()) }</option>
                        }) }
                    </select>
                </div>
                if overridden && !not_applied.is_empty() {
                    <div class="override-note" role="status" data-testid="override-note">
                        <p><strong>{ "Not applied everywhere: " }</strong>{ "the input says otherwise." }</p>
                        <ul class="plain">
                            { for not_applied.iter().map(|m| html! { <li>{ inline(m) }</li> }) }
                        </ul>
                    </div>
                }
            </fieldset>

            { share_link(&state, &share_problem) }
            if has_input {
                <button type="button" class="button secondary" onclick={onclear}>{ "Clear all input" }</button>
            }
        </div>
    }
}
