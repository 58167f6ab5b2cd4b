//! The page: header with the privacy promise, the input panel, and the result column.

use super::acl_explorer::ExploreContext;
use super::engine::Engine;
use super::files::FileReads;
use super::input_panel::InputPanel;
use super::page::Page;
use super::results::Results;
use super::share;
use super::state::{AppContext, State};
use super::theme_toggle::theme_toggle;
use super::verdict::headline;
use crate::model::Operation;
use crate::report::Report;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::FileList;
use yew::prelude::*;

/// One sentence per subject for the live region: "PAT from paste: Backup will work. Restore
/// will fail."
fn announcement(report: Option<&Report>) -> String {
    let Some(report) = report else {
        return String::new();
    };
    if report.subjects.is_empty() {
        return "Nothing could be judged from this input.".to_string();
    }
    report
        .subjects
        .iter()
        .map(|s| {
            format!(
                "{}: {}. {}.",
                s.label,
                headline(Operation::Backup, s.backup.verdict),
                headline(Operation::Restore, s.restore.verdict)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn has_files(e: &DragEvent) -> bool {
    e.data_transfer()
        .map(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

#[component]
pub fn App(page: &Page) -> Html {
    let state: AppContext = use_reducer(|| State::new(page.platform, page.credential));
    // What became of a share link in the address (`#input=…`), read at start and whenever the
    // fragment changes.
    let notice = use_state(|| None::<&'static str>);
    let theme = use_state(|| 0usize);
    {
        let state = state.clone();
        let notice = notice.clone();
        use_effect_with((), move |_| {
            share::load_from_location(&state, &notice);
            let on_hash =
                Closure::<dyn Fn()>::new(move || share::load_from_location(&state, &notice));
            if let Some(window) = web_sys::window() {
                window.set_onhashchange(Some(on_hash.as_ref().unchecked_ref()));
            }
            on_hash.forget();
        });
    }
    // The engine judges every input, in a worker; it loads when the input area first gets
    // focus, files are dragged over the page, or the first job comes (an example, a link).
    let engine = use_memo((), {
        let state = state.clone();
        move |_| Engine::new(state)
    });
    {
        let engine = engine.clone();
        let job = state.job.clone();
        use_effect_with(job.as_ref().map(|j| j.id), move |_| match job {
            Some(job) => engine.submit(job),
            None => engine.cancel(),
        });
    }
    let explore: ExploreContext = {
        let engine = engine.clone();
        use_memo((), move |_| {
            Callback::from(move |(identity, answer): (String, _)| engine.explore(&identity, answer))
        })
        .as_ref()
        .clone()
    };
    let onfocusin = {
        let engine = engine.clone();
        Callback::from(move |_: FocusEvent| engine.warm())
    };
    let reads = use_mut_ref(FileReads::default);
    let dragging = use_state(|| false);

    let on_files = {
        let state = state.clone();
        let reads = reads.clone();
        Callback::from(move |list: FileList| reads.borrow_mut().read(&list, &state))
    };

    // Files may be dropped anywhere on the page (never opened by the browser instead).
    let ondragover = {
        let dragging = dragging.clone();
        let engine = engine.clone();
        Callback::from(move |e: DragEvent| {
            if has_files(&e) {
                e.prevent_default();
                if !*dragging {
                    dragging.set(true);
                    engine.warm();
                }
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving the window (no element entered next) ends the drag.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(files) = e.data_transfer().and_then(|dt| dt.files()) {
                on_files.emit(files);
            }
        })
    };

    let live = announcement(state.report.as_deref());

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
        <ContextProvider<ExploreContext> context={explore}>
            <div class={classes!("app", page.embed.then_some("embed"))} {ondragover} {ondragleave} {ondrop}>
                <a class="skip" href="#results">{ "Skip to the result" }</a>
                if page.embed {
                    <h1 class="sr-only">{ "permcheck: can this token back up and restore?" }</h1>
                } else {
                    <header class="top">
                        <div class="top-row">
                            <h1>
                                <span class="brand">{ "permcheck" }</span>
                                <span class="tagline">{ "Can this token back up and restore?" }</span>
                            </h1>
                            { theme_toggle(&theme) }
                        </div>
                        <p class="privacy">
                            <svg class="lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                                <path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" />
                            </svg>
                            { "Your input never leaves this browser: permcheck has no server. Check the Network tab in DevTools, or use it offline." }
                        </p>
                    </header>
                }
                <main class="layout">
                    <section class="inputs" aria-label="Input" {onfocusin}>
                        if let Some(notice) = *notice {
                            <p class="notice" role="status">{ notice }</p>
                        }
                        <InputPanel on_files={on_files} dragging={*dragging} />
                    </section>
                    <section class="results" id="results" aria-label="Result" tabindex="-1">
                        <div class="sr-only" role="status" aria-live="polite">{ live }</div>
                        <Results report={state.report.clone()} embed={page.embed}
                            busy={state.job.as_ref().map(|j| j.stage)}
                            failure={state.failure.clone()}
                            engine_note={state.engine_note.clone()} />
                    </section>
                </main>
                if !page.embed {
                    <footer class="foot">
                        <p>{ "permcheck judges Azure DevOps Services, Azure DevOps Server and Bitbucket Cloud against their documented scopes. A verdict is about permissions only: the account behind a token must also have the role to read and write the data." }</p>
                        <p>{ "Nothing is stored: no cookies, no local storage. Your input and the theme you pick are forgotten when you close the tab." }</p>
                    </footer>
                }
            </div>
        </ContextProvider<ExploreContext>>
        </ContextProvider<AppContext>>
    }
}
