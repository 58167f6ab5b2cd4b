//! The page's whole state and the only place it changes. Every action that touches the inputs
//! or the overrides asks the engine (see [`super::engine`]) for a new report, once, as a [`Job`];
//! the views only read the stored report, so unrelated re-renders (focus, drag highlight, copy
//! status) never ask again. The page's own wasm judges nothing: every verdict comes from the
//! engine, so the page and the single file judge exactly what the JS API and the CLI judge.

use super::page_data;
use crate::model::{Credential, Platform};
use crate::report::summary::{Detail, Fix, Summary};
use crate::report::Subject;
use crate::{Input, Options};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::{Reducible, UseReducerHandle};

/// What every component that changes the inputs reads from the context.
pub type AppContext = UseReducerHandle<State>;

/// The name pasted text carries in diagnostics and subject labels.
pub const PASTE_SOURCE: &str = "paste";

/// Files larger than this are not read: permcheck judges scope lists and API responses, not
/// archives, and a huge file would only freeze the tab.
pub const MAX_FILE_BYTES: u64 = permcheck_max_bytes();

const fn permcheck_max_bytes() -> u64 {
    crate::parse::MAX_INPUT_BYTES as u64
}

/// A paste longer than this becomes an input of its own ("pasted text"), shown like a file.
pub const LARGE_PASTE_BYTES: usize = 1024 * 1024;

/// The name of a large paste's input.
pub const LARGE_PASTE_SOURCE: &str = "pasted text";

/// An evaluation for the engine, not answered yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Increases with every job; an answer for an older one is dropped.
    pub id: u64,
    /// Shared with the state: a large file is never copied for a job.
    pub inputs: Vec<Rc<Input>>,
    pub options: Options,
    /// What the engine is doing, as it reports: "loading the engine", "evaluating"…
    pub stage: &'static str,
}

/// Where the engine runs, when not in its worker as it should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineNote {
    /// No worker could be started (the reason), so the engine runs on the page's main thread:
    /// everything is judged, but a large input makes the page wait.
    MainThread(String),
    /// The engine could not be loaded at all (the reason): nothing is judged.
    Unavailable(String),
}

/// The report on screen: the engine's summary of one evaluation, and the subjects fetched whole
/// so far (all of them for a short list, the opened ones of a long one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The job it answers: what the engine is asked for when a subject is opened.
    pub job: u64,
    pub summary: Summary,
    pub details: BTreeMap<usize, Rc<Subject>>,
    /// Why the subjects last asked for could not be fetched.
    pub details_failed: Option<String>,
    /// When the engine answered, for the printed report ("2026-11-30 18:20 UTC").
    pub checked: String,
}

/// What Undo brings back: the text before a fix or an example replaced it, and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    pub text: String,
    pub text_source: String,
    pub example: Option<String>,
    pub done: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// The paste area's text.
    pub text: String,
    /// The name of the paste area's input: "paste", or an example's file name while the text is
    /// an untouched example.
    pub text_source: String,
    /// The example the paste area holds (its id), until the user edits it.
    pub example: Option<String>,
    /// Dropped or picked files, one input each, named by file name.
    /// (Shared, so the reducer's copy of the state never copies a large file.)
    pub files: Vec<Rc<Input>>,
    /// Files that could not be read: (file name, sentence).
    pub file_notices: Vec<(String, String)>,
    pub options: Options,
    /// The overrides the address preset (`?platform=…&credential=…`): what Clear goes back to.
    pub preset: (Option<Platform>, Option<Credential>),
    /// `None` while there is nothing to judge (the empty state), or when the engine failed on
    /// the current input (`failure`).
    pub report: Option<Rc<Shown>>,
    /// The evaluation the engine is busy with; `report` is the previous one meanwhile.
    pub job: Option<Job>,
    /// Why the engine gave no report for the current input.
    pub failure: Option<String>,
    /// Set when the engine does not run in its worker.
    pub engine_note: Option<EngineNote>,
    /// The text before the last fix or example that replaced typed text.
    pub undo: Option<Undo>,
    /// An example (id) waiting for the user to confirm that it may replace their text.
    pub confirm_example: Option<String>,
    /// Increased when focus should move to the result heading (an example loaded, Clear).
    pub focus_result: u64,
    /// Increased when focus should move to the paste area: the button that had it is gone (the
    /// example's "Keep my text", Undo).
    pub focus_paste: u64,
    /// Increased when the text changes other than by typing (an example, a fix, Undo, Clear, a
    /// share link): only then is it written into the paste area. Typing leaves the area as it
    /// is, so a keystroke in a list of thousands of tokens never rewrites (nor reads back) a
    /// megabyte of text.
    pub text_version: u64,
    jobs: u64,
}

pub enum Action {
    /// The user typed or pasted into the paste area.
    SetText(String),
    /// Load an example (by id) into the paste area; when the area holds the user's own text,
    /// ask first ([`State::confirm_example`]).
    LoadExample(String),
    /// The user confirmed: the example waiting for it replaces their text (Undo brings it back).
    ConfirmExample,
    /// The user kept their text.
    CancelExample,
    SetPlatform(Option<Platform>),
    SetCredential(Option<Credential>),
    /// A file was read; a file with the same name replaces the earlier one.
    AddFile(Input),
    RemoveFile(String),
    /// A file could not be read (or was too large): its name and why.
    FileNotice {
        name: String,
        message: String,
    },
    /// Empty the paste area, forget every file, and set the overrides back to the address's.
    Clear,
    /// Apply "did you mean" fixes to the paste area (those that still match its text).
    ApplyFixes(Vec<Fix>),
    /// Bring back the text before the last fix or example.
    Undo,
    /// The engine reports what it is doing for job `id`.
    EngineProgress {
        id: u64,
        stage: &'static str,
    },
    /// The engine's summary of the report for job `id`.
    EngineSummary {
        id: u64,
        summary: Box<Summary>,
        checked: String,
    },
    /// Whole subjects of job `job`'s report, asked for when they were opened.
    EngineSubjects {
        job: u64,
        details: Result<Vec<Detail>, String>,
    },
    /// The engine failed (could not load, or threw) on job `id`.
    EngineFailed {
        id: u64,
        message: String,
    },
    /// The engine moved out of its worker, or could not be loaded (`None`: back in a worker).
    EngineNote(Option<EngineNote>),
    /// A share link was opened: its text goes into the paste area, its overrides replace the
    /// current ones; files stay.
    LoadShared {
        text: String,
        platform: Option<Platform>,
        credential: Option<Credential>,
    },
}

impl State {
    /// The start state, with the overrides preset by the address (`?platform=…&credential=…`).
    pub fn new(platform: Option<Platform>, credential: Option<Credential>) -> Self {
        let mut state = State {
            text_source: PASTE_SOURCE.to_string(),
            preset: (platform, credential),
            ..State::default()
        };
        state.options.platform = platform;
        state.options.credential = credential;
        state
    }

    /// Every non-blank input, the paste area first (files shared, not copied: this runs on
    /// every change, keystrokes included).
    pub fn inputs(&self) -> Vec<Rc<Input>> {
        let paste = (!self.text.trim().is_empty())
            .then(|| Rc::new(Input::new(self.text_source.clone(), self.text.clone())));
        paste
            .into_iter()
            .chain(
                self.files
                    .iter()
                    .filter(|f| !f.text.trim().is_empty())
                    .cloned(),
            )
            .collect()
    }

    /// Whether the paste area holds text the user gave (not an untouched example).
    pub fn has_own_text(&self) -> bool {
        self.example.is_none() && !self.text.trim().is_empty()
    }

    /// Ask the engine for the report of the current inputs (answered by
    /// [`Action::EngineSummary`]); nothing to ask when there is no input.
    fn evaluate(mut self) -> Self {
        let inputs = self.inputs();
        self.failure = None;
        if inputs.is_empty() {
            self.report = None;
            self.job = None;
            return self;
        }
        self.jobs += 1;
        self.job = Some(Job {
            id: self.jobs,
            inputs,
            options: self.options.clone(),
            stage: "evaluating",
        });
        self
    }

    fn load_example(&mut self, id: &str) {
        let Some(example) = page_data::example(id) else {
            return;
        };
        if self.has_own_text() && self.text != example.text {
            self.undo = Some(Undo {
                text: std::mem::take(&mut self.text),
                text_source: self.text_source.clone(),
                example: None,
                done: format!("the example “{}” replaced your text", example.title),
            });
        } else {
            self.undo = None;
        }
        self.text = example.text.clone();
        self.text_source = example.source.clone();
        self.example = Some(example.id.clone());
        self.confirm_example = None;
        self.focus_result += 1;
        self.text_version += 1;
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Action::SetText(text) if text.len() > LARGE_PASTE_BYTES => {
                let input = Rc::new(Input::new(LARGE_PASTE_SOURCE, text));
                next.files.retain(|f| f.source != LARGE_PASTE_SOURCE);
                next.files.push(input);
                next.text.clear();
                next.text_source = PASTE_SOURCE.to_string();
                next.example = None;
                next.undo = None;
                next.text_version += 1;
            }
            Action::SetText(text) => {
                next.text = text;
                next.text_source = PASTE_SOURCE.to_string();
                next.example = None;
                next.undo = None;
            }
            Action::LoadExample(id) => {
                let wanted = page_data::example(&id);
                if wanted.is_some_and(|e| next.has_own_text() && next.text != e.text) {
                    // Never replace the user's text without asking.
                    next.confirm_example = Some(id);
                    return Rc::new(next);
                }
                next.load_example(&id);
            }
            Action::ConfirmExample => {
                let Some(id) = next.confirm_example.take() else {
                    return Rc::new(next);
                };
                next.load_example(&id);
            }
            Action::CancelExample => {
                next.confirm_example = None;
                next.focus_paste += 1;
                return Rc::new(next);
            }
            Action::SetPlatform(platform) => next.options.platform = platform,
            Action::SetCredential(credential) => next.options.credential = credential,
            Action::AddFile(input) => {
                next.file_notices.retain(|(name, _)| *name != input.source);
                let input = Rc::new(input);
                if let Some(slot) = next.files.iter_mut().find(|f| f.source == input.source) {
                    *slot = input;
                } else {
                    next.files.push(input);
                }
            }
            Action::RemoveFile(name) => next.files.retain(|f| f.source != name),
            Action::FileNotice { name, message } => {
                next.file_notices.retain(|(n, _)| *n != name);
                next.file_notices.push((name, message));
                // A notice changes no input: keep the report as it is.
                return Rc::new(next);
            }
            Action::ApplyFixes(fixes) => {
                let Some((text, done)) = Fix::apply(&next.text, &fixes) else {
                    return Rc::new(next);
                };
                next.undo = Some(Undo {
                    text: std::mem::replace(&mut next.text, text),
                    text_source: next.text_source.clone(),
                    example: next.example.take(),
                    done: format!("replaced {}", done.join(", ")),
                });
                next.text_source = PASTE_SOURCE.to_string();
                next.text_version += 1;
            }
            Action::Undo => {
                let Some(undo) = next.undo.take() else {
                    return Rc::new(next);
                };
                next.text = undo.text;
                next.text_source = undo.text_source;
                next.example = undo.example;
                next.focus_paste += 1;
                next.text_version += 1;
            }
            Action::EngineProgress { id, stage } => {
                if let Some(job) = next.job.as_mut().filter(|j| j.id == id) {
                    job.stage = stage;
                }
                return Rc::new(next);
            }
            Action::EngineSummary {
                id,
                summary,
                checked,
            } => {
                if next.job.as_ref().is_some_and(|j| j.id == id) {
                    next.job = None;
                    let mut summary = *summary;
                    let details = std::mem::take(&mut summary.details)
                        .into_iter()
                        .map(|d| (d.index, Rc::new(d.subject)))
                        .collect();
                    next.report = Some(Rc::new(Shown {
                        job: id,
                        summary,
                        details,
                        details_failed: None,
                        checked,
                    }));
                }
                return Rc::new(next);
            }
            Action::EngineSubjects { job, details } => {
                if let Some(shown) = next.report.as_mut().filter(|r| r.job == job) {
                    let shown = Rc::make_mut(shown);
                    match details {
                        Ok(details) => {
                            shown.details_failed = None;
                            for d in details {
                                shown.details.insert(d.index, Rc::new(d.subject));
                            }
                        }
                        Err(message) => shown.details_failed = Some(message),
                    }
                }
                return Rc::new(next);
            }
            Action::EngineFailed { id, message } => {
                if next.job.as_ref().is_some_and(|j| j.id == id) {
                    // No report rather than the previous input's: it would read as this one's.
                    next.job = None;
                    next.report = None;
                    next.failure = Some(message);
                }
                return Rc::new(next);
            }
            Action::EngineNote(note) => {
                next.engine_note = note;
                return Rc::new(next);
            }
            Action::LoadShared {
                text,
                platform,
                credential,
            } => {
                next.text = text;
                next.text_source = PASTE_SOURCE.to_string();
                next.example = None;
                next.undo = None;
                next.options.platform = platform;
                next.options.credential = credential;
                next.text_version += 1;
            }
            Action::Clear => {
                next.text.clear();
                next.text_source = PASTE_SOURCE.to_string();
                next.example = None;
                next.files.clear();
                next.file_notices.clear();
                next.undo = None;
                next.confirm_example = None;
                (next.options.platform, next.options.credential) = next.preset;
                next.focus_result += 1;
                next.text_version += 1;
            }
        }
        Rc::new(next.evaluate())
    }
}
