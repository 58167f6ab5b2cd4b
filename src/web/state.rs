//! The page's whole state and the only place it changes. Every action that touches the inputs
//! or the overrides asks the engine (see [`super::engine`]) for a new report, once, as a [`Job`];
//! the views only read the stored report, so unrelated re-renders (focus, drag highlight, copy
//! status) never ask again. The page's own wasm judges nothing: every verdict comes from the
//! engine, so the page and the single file judge exactly what the JS API and the CLI judge.

use crate::examples;
use crate::model::{Credential, Platform};
use crate::report::Report;
use crate::{Input, Options};
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

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// The paste area's text.
    pub text: String,
    /// The name of the paste area's input: "paste", or an example's file name while the text is
    /// an untouched example.
    pub text_source: String,
    /// The example the paste area holds, until the user edits it.
    pub example: Option<&'static str>,
    /// Dropped or picked files, one input each, named by file name.
    /// (Shared, so the reducer's copy of the state never copies a large file.)
    pub files: Vec<Rc<Input>>,
    /// Files that could not be read: (file name, sentence).
    pub file_notices: Vec<(String, String)>,
    pub options: Options,
    /// `None` while there is nothing to judge (the empty state), or when the engine failed on
    /// the current input (`failure`).
    pub report: Option<Rc<Report>>,
    /// The evaluation the engine is busy with; `report` is the previous one meanwhile.
    pub job: Option<Job>,
    /// Why the engine gave no report for the current input.
    pub failure: Option<String>,
    /// Set when the engine does not run in its worker.
    pub engine_note: Option<EngineNote>,
    jobs: u64,
}

pub enum Action {
    /// The user typed or pasted into the paste area.
    SetText(String),
    /// Load an example (by id) into the paste area.
    LoadExample(String),
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
    /// Empty the paste area and forget every file.
    Clear,
    /// The engine reports what it is doing for job `id`.
    EngineProgress {
        id: u64,
        stage: &'static str,
    },
    /// The engine's report for job `id`.
    EngineReport {
        id: u64,
        report: Box<Report>,
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

    /// Ask the engine for the report of the current inputs (answered by
    /// [`Action::EngineReport`]); nothing to ask when there is no input.
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
            }
            Action::SetText(text) => {
                next.text = text;
                next.text_source = PASTE_SOURCE.to_string();
                next.example = None;
            }
            Action::LoadExample(id) => {
                let Some(example) = examples::find(&id) else {
                    return Rc::new(next);
                };
                next.text = example.text.to_string();
                next.text_source = example.source.to_string();
                next.example = Some(example.id);
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
            Action::EngineProgress { id, stage } => {
                if let Some(job) = next.job.as_mut().filter(|j| j.id == id) {
                    job.stage = stage;
                }
                return Rc::new(next);
            }
            Action::EngineReport { id, report } => {
                if next.job.as_ref().is_some_and(|j| j.id == id) {
                    next.job = None;
                    next.report = Some(Rc::new(*report));
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
                next.options.platform = platform;
                next.options.credential = credential;
            }
            Action::Clear => {
                next.text.clear();
                next.text_source = PASTE_SOURCE.to_string();
                next.example = None;
                next.files.clear();
                next.file_notices.clear();
            }
        }
        Rc::new(next.evaluate())
    }
}
