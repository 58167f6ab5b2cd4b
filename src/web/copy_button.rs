//! A Copy button: clipboard first; when the browser refuses, the text is shown selected so
//! Ctrl+C / ⌘C still works.

use super::clipboard;
use gloo::timers::callback::Timeout;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Copied,
    /// The clipboard refused: show this text, selected.
    Failed(AttrValue),
}

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The button's text ("Copy").
    pub label: AttrValue,
    /// What the copy is, for screen readers ("Copy the grants for PAT backup-2026").
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    pub testid: AttrValue,
    /// A quieter outline button (for secondary actions).
    #[prop_or_default]
    pub secondary: bool,
    /// The test id of the field that shows the text when the clipboard refuses.
    #[prop_or_default]
    pub fallback_testid: Option<AttrValue>,
    /// Describes the button further (the id of a warning next to it).
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Called at click time (so the text is never built on a plain re-render) with the callback
    /// that copies the text; it may be called later (after an async step) or not at all.
    pub text: Callback<Callback<String>>,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let status = use_state(|| Status::Idle);
    let reset = use_mut_ref(|| None::<Timeout>);
    let fallback = use_node_ref();

    let onclick = {
        let status = status.clone();
        let reset = reset.clone();
        let get = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let reset = reset.clone();
            get.emit(Callback::from(move |text: String| {
                let status = status.clone();
                let reset = reset.clone();
                let shown = AttrValue::from(text.clone());
                clipboard::copy(
                    &text,
                    Callback::from(move |ok: bool| {
                        if ok {
                            status.set(Status::Copied);
                            let back = status.clone();
                            *reset.borrow_mut() =
                                Some(Timeout::new(2500, move || back.set(Status::Idle)));
                        } else {
                            status.set(Status::Failed(shown.clone()));
                        }
                    }),
                );
            }));
        })
    };

    // When the clipboard refused, select the shown text so a keyboard copy takes it.
    {
        let fallback = fallback.clone();
        use_effect_with((*status).clone(), move |status| {
            if matches!(status, Status::Failed(_)) {
                if let Some(area) = fallback.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                    area.select();
                }
            }
        });
    }

    let note = match &*status {
        Status::Idle => html! {},
        Status::Copied => html! { <span class="copy-note">{ "Copied" }</span> },
        Status::Failed(_) => html! {
            <span class="copy-note">{ "The browser blocked the clipboard: the text below is selected, press Ctrl+C (⌘C)." }</span>
        },
    };
    let shown = match &*status {
        Status::Failed(text) => html! {
            <textarea class="copy-fallback" readonly=true ref={fallback} rows="4"
                data-testid={props.fallback_testid.clone()}
                aria-label="Text to copy" value={text.clone()} />
        },
        _ => html! {},
    };

    html! {
        <div class="copy">
            <button type="button" class={classes!("button", props.secondary.then_some("secondary"))} data-testid={props.testid.clone()}
                aria-label={props.aria_label.clone()} aria-describedby={props.describedby.clone()} {onclick}>
                { props.label.clone() }
            </button>
            <span role="status" aria-live="polite">{ note }</span>
            { shown }
        </div>
    }
}
