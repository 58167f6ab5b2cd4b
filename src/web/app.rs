//! The page: header with the privacy promise, the input panel, and the result column.

use super::acl_explorer::ExploreContext;
use super::engine::Engine;
use super::files::FileReads;
use super::input_panel::InputPanel;
use super::page::Page;
use super::results::Results;
use super::share;
use super::state::{AppContext, Shown, State};
use super::summary_table::thousands;
use super::theme_toggle::theme_toggle;
use super::verdict::{glyph, headline, word};
use crate::model::{Operation, Verdict};
use crate::report::summary::rank;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::FileList;
use yew::prelude::*;

/// One sentence per subject for the live region: "PAT from paste: Backup will work. Restore
/// will fail."
fn announcement(report: Option<&Shown>) -> String {
    let Some(report) = report else {
        return String::new();
    };
    let subjects = &report.summary.subjects;
    let line = |s: &crate::report::summary::SubjectRow| {
        format!(
            "{}: {}. {}.",
            s.label,
            headline(Operation::Backup, s.backup),
            headline(Operation::Restore, s.restore)
        )
    };
    match subjects.len() {
        0 => "Nothing could be judged from this input.".to_string(),
        1..=5 => subjects.iter().map(line).collect::<Vec<_>>().join(" "),
        n => {
            let failing = subjects
                .iter()
                .filter(|s| s.backup != Verdict::Possible || s.restore != Verdict::Possible)
                .count();
            format!(
                "{} subjects judged; {} of them cannot both back up and restore. The table lists them first.",
                thousands(n),
                thousands(failing)
            )
        }
    }
}

/// A verdict in a word with its glyph: "✕ Impossible".
fn verdict(v: Verdict) -> Html {
    html! {
        <span class={classes!("badge", v.id())}><span class="glyph" aria-hidden="true">{ glyph(v) }</span>{ word(v) }</span>
    }
}

/// On a narrow screen, where the result comes after the input: the verdict, kept at the bottom
/// of the screen until the result itself is in view; a tap goes to it.
fn sticky_verdict(report: Option<&Shown>) -> Html {
    let Some(report) = report else {
        return html! {};
    };
    let subjects = &report.summary.subjects;
    let go = Callback::from(|_: MouseEvent| {
        let heading = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("result-heading"));
        if let Some(heading) = heading {
            heading.scroll_into_view();
            if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading) {
                let _ = heading.focus();
            }
        }
    });
    let content = match subjects.as_slice() {
        [] => html! { <span>{ "Nothing could be judged" }</span> },
        [one] => html! {
            <>
                <span class="sticky-op">{ "Backup " }{ verdict(one.backup) }</span>
                <span class="sticky-op">{ "Restore " }{ verdict(one.restore) }</span>
                if let Some(expires) = one.expires.as_ref().filter(|e| e.expired || e.days_left.is_some_and(|d| d < 14)) {
                    <span class="sticky-op">{ expires.describe() }</span>
                }
            </>
        },
        many => {
            let worst = many
                .iter()
                .flat_map(|s| [s.backup, s.restore])
                .min_by_key(|v| rank(*v))
                .unwrap_or(Verdict::Unknown);
            let failing = many
                .iter()
                .filter(|s| s.backup != Verdict::Possible || s.restore != Verdict::Possible)
                .count();
            html! {
                <>
                    { verdict(worst) }
                    <span>{ format!("{} of {} cannot both back up and restore", thousands(failing), thousands(many.len())) }</span>
                </>
            }
        }
    };
    let skipped = report
        .summary
        .notes
        .iter()
        .filter(|n| n.kind == crate::report::summary::NoteKind::Skipped)
        .count();
    html! {
        <button type="button" class="sticky-verdict" data-testid="sticky-verdict" onclick={go}>
            { content }
            if skipped > 0 {
                <span class="sticky-skipped">{ format!("! {} not understood", thousands(skipped)) }</span>
            }
            <span class="sticky-go">{ "See the result ↓" }</span>
        </button>
    }
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
    let engine_context: Engine = (*engine).clone();
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
    let sticky = if page.embed {
        html! {}
    } else {
        sticky_verdict(state.report.as_deref())
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
        <ContextProvider<Engine> context={engine_context}>
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
                    { sticky }
                    <section class="results" id="results" aria-label="Result" tabindex="-1">
                        <div class="sr-only" role="status" aria-live="polite">{ live }</div>
                        <Results report={state.report.clone()} embed={page.embed}
                            busy={state.job.as_ref().map(|j| j.stage)}
                            failure={state.failure.clone()}
                            engine_note={state.engine_note.clone()}
                            focus={state.focus_result} />
                    </section>
                </main>
                if !page.embed {
                    <footer class="foot">
                        <p>{ format!("permcheck judges {} against their documented scopes and roles. A verdict is about permissions only: the account behind a token must also have the role to read and write the data.", super::empty_state::judged_names()) }</p>
                        <p>{ "Nothing is stored: no cookies, no local storage. Your input and the theme you pick are forgotten when you close the tab." }</p>
                    </footer>
                }
            </div>
        </ContextProvider<ExploreContext>>
        </ContextProvider<Engine>>
        </ContextProvider<AppContext>>
    }
}
