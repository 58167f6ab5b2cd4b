//! The page's side of the engine: every report the page shows is judged by the engine (the JS API
//! module of this same build, `api/permcheck.js` + `api/permcheck_bg.wasm`, the whole core with
//! every platform), never by the page's own wasm, which is only the interface.
//!
//! Where it runs, in this order:
//! 1. a Web Worker (`engine-worker.js`, a module next to index.html; in the single offline file,
//!    the engine's inlined source, a classic script, from a `blob:` URL), so typing never waits
//!    for a verdict;
//! 2. when no worker can be started (or it cannot load the engine), the same engine module on
//!    the page's main thread, talking through a `MessageChannel` exactly as the worker does, and
//!    the page says so ([`EngineNote::MainThread`]);
//! 3. when neither loads, nothing is judged and the page says why ([`EngineNote::Unavailable`]);
//!    the next input tries again.
//!
//! It is started by [`Engine::warm`] (the input area gets focus, files are dragged over the
//! page) or by the first job. Jobs are coalesced: while one is being judged, only the newest
//! input waits, and answers to older jobs are dropped by the state. The protocol is in
//! `www/engine-worker.js`.

use super::state::{Action, AppContext, EngineNote, Job};
use crate::acl::explore::Explorer;
use crate::report::{Report, Summary};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageChannel, MessageEvent, MessagePort, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// The worker script, next to index.html (relative: the page may live under any sub-path).
const SCRIPT: &str = "engine-worker.js";
/// In the single offline file: the id of the inert `<script>` block holding the engine's whole
/// source (JS and wasm), written by `scripts/single-file.mjs`.
const INLINE_SOURCE_ID: &str = "permcheck-engine";
/// What the engine module on the main thread defines once loaded, to take a port.
const CONNECT: &str = "permcheckEngineConnect";
/// Where the page leaves the port for an engine module that is still loading.
const PORT_SLOT: &str = "permcheckEnginePort";
/// Tokens per namespace the explorer asks for; more would only make a page nobody scrolls.
pub const EXPLORER_TOKENS: u32 = 300;
/// Inputs above this many bytes (all together) get progress reports ("reading the input").
const PROGRESS_BYTES: usize = 256 * 1024;
/// A report with at most this many subjects comes whole with its summary; a longer one's
/// subjects are asked for when they are opened (a list of 3,000 tokens has a 25 MB report).
const INLINE_SUBJECTS: u32 = 12;

pub type ExplorerAnswer = Callback<Result<Rc<Explorer>, String>>;
/// Who gets a text the engine writes (the report as Markdown or JSON).
pub type TextAnswer = Callback<Result<String, String>>;

/// A text of the engine's last evaluation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Markdown,
    /// The report of the contract, as JSON.
    Report,
}

/// What the handlers do once the engine's state is no longer borrowed: a dispatch can re-render
/// the page at once, and a render can submit the next job.
enum Effect {
    Dispatch(Action),
    Answer(ExplorerAnswer, Result<Rc<Explorer>, String>),
    Text(TextAnswer, Result<String, String>),
}

/// How the page talks to the engine: a worker, or a port to the engine on the main thread.
enum Channel {
    Worker(Worker),
    Page(MessagePort),
}

impl Channel {
    fn post(&self, message: &JsValue, transfer: &js_sys::Array) -> Result<(), JsValue> {
        match self {
            Channel::Worker(worker) => worker.post_message_with_transfer(message, transfer),
            Channel::Page(port) => port.post_message_with_transferable(message, transfer),
        }
    }

    fn close(&self) {
        match self {
            Channel::Worker(worker) => worker.terminate(),
            Channel::Page(port) => {
                port.set_onmessage(None);
                port.close();
            }
        }
    }
}

/// A started engine and what keeps its handlers alive.
struct Link {
    channel: Channel,
    /// Answered the load request: jobs may be sent.
    ready: bool,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    /// The worker's (or the engine script's) error handler.
    _on_error: Option<Closure<dyn Fn(web_sys::Event)>>,
    /// The `blob:` URL of the single file's worker, revoked when the link goes.
    object_url: Option<String>,
}

struct Inner {
    state: AppContext,
    this: Weak<RefCell<Inner>>,
    link: Option<Link>,
    /// Links that ended inside one of their own handlers; dropped later, outside them.
    retired: Vec<Link>,
    /// Why no worker could run the engine (then it runs on the main thread).
    no_worker: Option<String>,
    /// The job sent and not answered yet.
    in_flight: Option<u64>,
    /// The newest job, waiting for the engine to load or to finish the one in flight.
    pending: Option<Job>,
    explores: u64,
    /// The explorer request in flight: (id, who gets the answer). A newer one replaces it.
    waiting: Option<(u64, ExplorerAnswer)>,
    /// Requests for subjects and texts: the last id given.
    requests: u64,
    /// Subjects asked for and not answered yet: request id → job.
    subjects: Vec<(u64, u64)>,
    /// Texts asked for and not answered yet: request id → who gets it.
    texts: Vec<(u64, TextAnswer)>,
}

/// The page's engine, for the page's lifetime (cheap to clone).
#[derive(Clone)]
pub struct Engine(Rc<RefCell<Inner>>);

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn field(data: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn text_field(data: &JsValue, name: &str) -> Option<String> {
    field(data, name).as_string()
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let out = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(key), value);
    }
    out.into()
}

fn stage(name: &str) -> &'static str {
    match name {
        "parsing" => "reading the input",
        "evaluating" => "evaluating",
        _ => "judging",
    }
}

fn js_message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

/// Now, for the printed report: "2026-11-30 18:20 UTC".
fn now() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    match (iso.get(..10), iso.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => iso,
    }
}

fn window() -> Result<web_sys::Window, String> {
    web_sys::window().ok_or_else(|| "no window".to_string())
}

/// The single offline file's inlined engine source, when this page is that file.
fn inline_source() -> Option<String> {
    window()
        .ok()?
        .document()?
        .get_element_by_id(INLINE_SOURCE_ID)?
        .text_content()
}

impl Engine {
    pub fn new(state: AppContext) -> Engine {
        Engine(Rc::new_cyclic(|this| {
            RefCell::new(Inner {
                state,
                this: this.clone(),
                link: None,
                retired: Vec::new(),
                no_worker: None,
                in_flight: None,
                pending: None,
                explores: 0,
                waiting: None,
                requests: 0,
                subjects: Vec::new(),
                texts: Vec::new(),
            })
        }))
    }

    /// Start loading the engine now (the user is about to give input), so the first verdict
    /// does not wait for it.
    pub fn warm(&self) {
        self.run(|inner| {
            inner.retired.clear();
            inner.start_if_idle()
        });
    }

    /// Judge `job` (or, if another job is in flight, as soon as it is answered, unless a newer
    /// job comes first); the answer arrives as an [`Action`].
    pub fn submit(&self, job: Job) {
        self.run(|inner| {
            inner.retired.clear();
            let id = job.id;
            inner.pending = Some(job);
            let mut effects = inner.start_if_idle();
            if inner.link.as_ref().is_some_and(|l| !l.ready) {
                effects.push(Effect::Dispatch(Action::EngineProgress {
                    id,
                    stage: "loading the engine",
                }));
            }
            effects.extend(inner.pump());
            effects
        });
    }

    /// Forget the job waiting to be sent (the input was cleared); one in flight is answered and
    /// dropped by the state.
    pub fn cancel(&self) {
        self.run(|inner| {
            inner.pending = None;
            Vec::new()
        });
    }

    /// Ask for every exported permission of `identity` in the last evaluation.
    pub fn explore(&self, identity: &str, answer: ExplorerAnswer) {
        self.run(|inner| inner.explore(identity, answer));
    }

    /// Ask for the subjects at `indices` of job `job`'s report, whole (answered by
    /// [`Action::EngineSubjects`]).
    pub fn subjects(&self, job: u64, indices: Vec<usize>) {
        self.run(|inner| inner.subjects(job, indices));
    }

    /// Ask for the report of job `job` as a text (Markdown, JSON).
    pub fn text(&self, job: u64, kind: TextKind, answer: TextAnswer) {
        self.run(|inner| inner.text(job, kind, answer));
    }

    fn run(&self, work: impl FnOnce(&mut Inner) -> Vec<Effect>) {
        let (state, effects) = {
            let mut inner = self.0.borrow_mut();
            let effects = work(&mut inner);
            (inner.state.clone(), effects)
        };
        apply(&state, effects);
    }
}

fn apply(state: &AppContext, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Dispatch(action) => state.dispatch(action),
            Effect::Answer(callback, answer) => callback.emit(answer),
            Effect::Text(callback, answer) => callback.emit(answer),
        }
    }
}

/// Run `work` on the engine behind `this` from one of its handlers.
fn handle(this: &Weak<RefCell<Inner>>, work: impl FnOnce(&mut Inner) -> Vec<Effect>) {
    let Some(inner) = this.upgrade() else {
        return;
    };
    let (state, effects) = {
        let Ok(mut inner) = inner.try_borrow_mut() else {
            return;
        };
        let effects = work(&mut inner);
        (inner.state.clone(), effects)
    };
    apply(&state, effects);
}

impl Inner {
    fn start_if_idle(&mut self) -> Vec<Effect> {
        if self.link.is_some() {
            return Vec::new();
        }
        if self.no_worker.is_none() {
            match self.start_worker() {
                Ok(link) => {
                    self.link = Some(link);
                    return self.request_load();
                }
                Err(why) => self.no_worker = Some(why),
            }
        }
        self.start_on_page()
    }

    /// The engine in a worker: `engine-worker.js`, or the single file's source from a `blob:`.
    fn start_worker(&mut self) -> Result<Link, String> {
        let options = WorkerOptions::new();
        let (url, object_url) = match inline_source() {
            Some(source) => {
                let bag = web_sys::BlobPropertyBag::new();
                bag.set_type("text/javascript");
                let blob = web_sys::Blob::new_with_str_sequence_and_options(
                    &js_sys::Array::of1(&JsValue::from_str(&source)),
                    &bag,
                )
                .map_err(|e| js_message(&e))?;
                let url =
                    web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_message(&e))?;
                (url.clone(), Some(url))
            }
            None => {
                options.set_type(WorkerType::Module);
                (SCRIPT.to_string(), None)
            }
        };
        let worker = Worker::new_with_options(&url, &options).map_err(|e| {
            if let Some(url) = &object_url {
                let _ = web_sys::Url::revoke_object_url(url);
            }
            js_message(&e)
        })?;
        let on_message = self.message_handler();
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let this = self.this.clone();
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            // The script or a module it imports could not be loaded, or the worker died.
            event.prevent_default();
            let message = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "its script could not be loaded".into());
            handle(&this, |inner| inner.link_failed(message));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Link {
            channel: Channel::Worker(worker),
            ready: false,
            _on_message: on_message,
            _on_error: Some(on_error),
            object_url,
        })
    }

    /// The engine module on the page's main thread, through a `MessageChannel` (the page says
    /// so once it has loaded).
    fn start_on_page(&mut self) -> Vec<Effect> {
        match self.connect_on_page() {
            Ok(link) => {
                self.link = Some(link);
                self.request_load()
            }
            Err(message) => self.unavailable(message),
        }
    }

    fn connect_on_page(&mut self) -> Result<Link, String> {
        let window = window()?;
        let channel = MessageChannel::new().map_err(|e| js_message(&e))?;
        let port = channel.port1();
        let on_message = self.message_handler();
        port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let connect = js_sys::Reflect::get(&window, &JsValue::from_str(CONNECT))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let mut on_error = None;
        if let Some(connect) = connect {
            // Loaded before (an earlier link failed later): hand it the new port.
            connect
                .call1(&JsValue::NULL, &channel.port2())
                .map_err(|e| js_message(&e))?;
        } else {
            js_sys::Reflect::set(&window, &JsValue::from_str(PORT_SLOT), &channel.port2())
                .map_err(|e| js_message(&e))?;
            let document = window.document().ok_or("no document")?;
            let script = document
                .create_element("script")
                .map_err(|e| js_message(&e))?;
            match inline_source() {
                // The single file: a classic inline script, allowed by its hash in the CSP.
                Some(source) => script.set_text_content(Some(&source)),
                None => {
                    script
                        .set_attribute("type", "module")
                        .map_err(|e| js_message(&e))?;
                    script
                        .set_attribute("src", SCRIPT)
                        .map_err(|e| js_message(&e))?;
                }
            }
            let this = self.this.clone();
            let handler = Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
                handle(&this, |inner| {
                    inner.link_failed(format!("{SCRIPT} could not be loaded"))
                });
            });
            script
                .add_event_listener_with_callback("error", handler.as_ref().unchecked_ref())
                .map_err(|e| js_message(&e))?;
            on_error = Some(handler);
            document
                .head()
                .ok_or("no <head>")?
                .append_child(&script)
                .map_err(|e| js_message(&e))?;
        }
        Ok(Link {
            channel: Channel::Page(port),
            ready: false,
            _on_message: on_message,
            _on_error: on_error,
            object_url: None,
        })
    }

    fn message_handler(&self) -> Closure<dyn Fn(MessageEvent)> {
        let this = self.this.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            handle(&this, |inner| inner.on_message(&data));
        })
    }

    fn request_load(&mut self) -> Vec<Effect> {
        let message = object(&[
            ("id", JsValue::from_str("load")),
            ("kind", JsValue::from_str("load")),
        ]);
        let posted = self
            .link
            .as_ref()
            .map(|link| link.channel.post(&message, &js_sys::Array::new()));
        match posted {
            Some(Err(e)) => self.link_failed(js_message(&e)),
            _ => Vec::new(),
        }
    }

    fn on_message(&mut self, data: &JsValue) -> Vec<Effect> {
        let id = text_field(data, "id").unwrap_or_default();
        let kind = text_field(data, "kind").unwrap_or_default();
        let message = || text_field(data, "message").unwrap_or_else(|| "it failed".into());
        if id == "load" {
            if kind != "loaded" {
                return self.link_failed(message());
            }
            if let Some(link) = self.link.as_mut() {
                link.ready = true;
            }
            let note = self.no_worker.clone().map(EngineNote::MainThread);
            let mut effects = vec![Effect::Dispatch(Action::EngineNote(note))];
            effects.extend(self.pump());
            return effects;
        }
        if let Some(job) = id.strip_prefix("job-").and_then(|n| n.parse::<u64>().ok()) {
            let action = match kind.as_str() {
                "progress" => {
                    let stage = stage(&text_field(data, "stage").unwrap_or_default());
                    return vec![Effect::Dispatch(Action::EngineProgress { id: job, stage })];
                }
                "summary" => {
                    match Summary::from_json(&text_field(data, "summary").unwrap_or_default()) {
                        Ok(summary) => Action::EngineSummary {
                            id: job,
                            summary: Box::new(summary),
                            checked: now(),
                        },
                        Err(e) => Action::EngineFailed {
                            id: job,
                            message: format!("its report could not be read ({e})"),
                        },
                    }
                }
                _ => Action::EngineFailed {
                    id: job,
                    message: message(),
                },
            };
            if self.in_flight == Some(job) {
                self.in_flight = None;
            }
            let threw = matches!(action, Action::EngineFailed { .. });
            let mut effects = vec![Effect::Dispatch(action)];
            if threw {
                // The page's inputs never make the engine throw (bad input is a diagnostic in
                // the report), so it is in trouble (a trap, out of memory): the next input gets
                // a fresh one.
                if let Some(link) = self.link.take() {
                    self.retire(link);
                }
                effects.extend(self.drop_requests("the engine stopped"));
                if self.pending.is_some() {
                    effects.extend(self.start_if_idle());
                }
            }
            effects.extend(self.pump());
            return effects;
        }
        if let Some(n) = id
            .strip_prefix("subjects-")
            .and_then(|n| n.parse::<u64>().ok())
        {
            let Some(at) = self.subjects.iter().position(|(r, _)| *r == n) else {
                return Vec::new();
            };
            let (_, job) = self.subjects.remove(at);
            let details = match kind.as_str() {
                "subjects" => {
                    Report::details_from_json(&text_field(data, "subjects").unwrap_or_default())
                        .map_err(|e| format!("its answer could not be read ({e})"))
                }
                _ => Err(message()),
            };
            return vec![Effect::Dispatch(Action::EngineSubjects { job, details })];
        }
        if let Some(n) = id.strip_prefix("text-").and_then(|n| n.parse::<u64>().ok()) {
            let Some(at) = self.texts.iter().position(|(r, _)| *r == n) else {
                return Vec::new();
            };
            let (_, answer) = self.texts.remove(at);
            let text = match kind.as_str() {
                "text" => text_field(data, "text").ok_or_else(|| "it sent no text".to_string()),
                _ => Err(message()),
            };
            return vec![Effect::Text(answer, text)];
        }
        if let Some(n) = id
            .strip_prefix("explore-")
            .and_then(|n| n.parse::<u64>().ok())
        {
            let answer = match kind.as_str() {
                "progress" => return Vec::new(),
                "explorer" => {
                    Explorer::from_json(&text_field(data, "explorer").unwrap_or_default())
                        .map(Rc::new)
                        .map_err(|e| format!("its answer could not be read ({e})"))
                }
                _ => Err(message()),
            };
            if self.waiting.as_ref().is_some_and(|(w, _)| *w == n) {
                if let Some((_, callback)) = self.waiting.take() {
                    return vec![Effect::Answer(callback, answer)];
                }
            }
        }
        Vec::new()
    }

    /// Send the pending job when the engine is loaded and free.
    fn pump(&mut self) -> Vec<Effect> {
        let ready = self.link.as_ref().is_some_and(|l| l.ready);
        if !ready || self.in_flight.is_some() {
            return Vec::new();
        }
        let Some(job) = self.pending.take() else {
            return Vec::new();
        };
        // Each text as UTF-8 bytes, handed over rather than copied: the engine reads them
        // without the string conversions (into JS here, into its wasm there) that cost more
        // than judging a big export.
        let inputs = js_sys::Array::new();
        let transfer = js_sys::Array::new();
        let mut bytes = 0;
        for input in job.inputs.iter() {
            bytes += input.text.len();
            let text = js_sys::Uint8Array::from(input.text.as_bytes());
            transfer.push(&text.buffer());
            inputs.push(&object(&[
                ("source", JsValue::from_str(&input.source)),
                ("text", text.into()),
            ]));
        }
        let id = |o: Option<&'static str>| o.map_or(JsValue::UNDEFINED, JsValue::from_str);
        let options = object(&[
            ("platform", id(job.options.platform.map(|p| p.id()))),
            ("credential", id(job.options.credential.map(|c| c.id()))),
        ]);
        let message = object(&[
            ("id", JsValue::from_str(&format!("job-{}", job.id))),
            ("kind", JsValue::from_str("evaluate")),
            ("inputs", inputs.into()),
            ("options", options),
            ("progress", JsValue::from_bool(bytes > PROGRESS_BYTES)),
            ("inline", JsValue::from(INLINE_SUBJECTS)),
        ]);
        let posted = self
            .link
            .as_ref()
            .map(|link| link.channel.post(&message, &transfer));
        match posted {
            Some(Ok(())) => {
                self.in_flight = Some(job.id);
                Vec::new()
            }
            Some(Err(e)) => vec![Effect::Dispatch(Action::EngineFailed {
                id: job.id,
                message: format!("the input could not be handed to it ({})", js_message(&e)),
            })],
            None => Vec::new(),
        }
    }

    /// Post a request about job `job`'s evaluation; `None` when the engine cannot take it.
    fn request(
        &mut self,
        prefix: &str,
        kind: &str,
        job: u64,
        extra: (&str, JsValue),
    ) -> Option<u64> {
        let link = self.link.as_ref().filter(|l| l.ready)?;
        self.requests += 1;
        let n = self.requests;
        let message = object(&[
            ("id", JsValue::from_str(&format!("{prefix}-{n}"))),
            ("kind", JsValue::from_str(kind)),
            ("job", JsValue::from_str(&format!("job-{job}"))),
            extra,
        ]);
        link.channel
            .post(&message, &js_sys::Array::new())
            .ok()
            .map(|_| n)
    }

    /// Answer every request for subjects and texts in flight with `why` (the engine went).
    fn drop_requests(&mut self, why: &str) -> Vec<Effect> {
        let subjects = self.subjects.drain(..).map(|(_, job)| {
            Effect::Dispatch(Action::EngineSubjects {
                job,
                details: Err(why.to_string()),
            })
        });
        let texts = self
            .texts
            .drain(..)
            .map(|(_, answer)| Effect::Text(answer, Err(why.to_string())));
        subjects.chain(texts).collect()
    }

    fn subjects(&mut self, job: u64, indices: Vec<usize>) -> Vec<Effect> {
        let list = js_sys::Array::new();
        for i in &indices {
            list.push(&JsValue::from(*i as u32));
        }
        match self.request("subjects", "subjects", job, ("indices", list.into())) {
            Some(n) => {
                self.subjects.push((n, job));
                Vec::new()
            }
            None => vec![Effect::Dispatch(Action::EngineSubjects {
                job,
                details: Err("the engine is not loaded; paste the input again".into()),
            })],
        }
    }

    fn text(&mut self, job: u64, kind: TextKind, answer: TextAnswer) -> Vec<Effect> {
        let kind = match kind {
            TextKind::Markdown => "markdown",
            TextKind::Report => "report",
        };
        match self.request("text", kind, job, ("format", JsValue::from_str(kind))) {
            Some(n) => {
                self.texts.push((n, answer));
                Vec::new()
            }
            None => vec![Effect::Text(
                answer,
                Err("the engine is not loaded; paste the input again".into()),
            )],
        }
    }

    fn explore(&mut self, identity: &str, answer: ExplorerAnswer) -> Vec<Effect> {
        let Some(link) = self.link.as_ref().filter(|l| l.ready) else {
            return vec![Effect::Answer(
                answer,
                Err("the engine is not loaded; paste the export again".into()),
            )];
        };
        self.explores += 1;
        let id = self.explores;
        let message = object(&[
            ("id", JsValue::from_str(&format!("explore-{id}"))),
            ("kind", JsValue::from_str("explore")),
            ("identity", JsValue::from_str(identity)),
            ("maxTokens", JsValue::from(EXPLORER_TOKENS)),
        ]);
        if link.channel.post(&message, &js_sys::Array::new()).is_err() {
            return vec![Effect::Answer(
                answer,
                Err("the request could not be handed to it".into()),
            )];
        }
        let mut effects = Vec::new();
        if let Some((_, older)) = self.waiting.replace((id, answer)) {
            effects.push(Effect::Answer(
                older,
                Err("a newer request replaced it".into()),
            ));
        }
        effects
    }

    /// The link could not load the engine, or stopped: end it, and move on.
    fn link_failed(&mut self, message: String) -> Vec<Effect> {
        let Some(link) = self.link.take() else {
            return Vec::new();
        };
        let was_ready = link.ready;
        let in_worker = matches!(link.channel, Channel::Worker(_));
        self.retire(link);
        let mut effects = Vec::new();
        if let Some((_, callback)) = self.waiting.take() {
            effects.push(Effect::Answer(
                callback,
                Err(format!("the engine stopped ({message})")),
            ));
        }
        effects.extend(self.drop_requests(&format!("the engine stopped ({message})")));
        if was_ready {
            // It ran and then stopped (out of memory, say): the job in flight fails; a newer
            // one starts a new engine.
            if let Some(id) = self.in_flight.take() {
                effects.push(Effect::Dispatch(Action::EngineFailed {
                    id,
                    message: format!("the engine stopped while judging it ({message})"),
                }));
            }
            if self.pending.is_some() {
                effects.extend(self.start_if_idle());
            }
            return effects;
        }
        if in_worker {
            // Try the main thread; it may load what the worker could not (a browser refusing
            // module workers, say). If the engine's files are missing, it fails there too.
            self.no_worker = Some(format!("its worker could not load it: {message}"));
            effects.extend(self.start_on_page());
            return effects;
        }
        effects.extend(self.unavailable(message));
        effects
    }

    /// Neither a worker nor the main thread could load the engine: the current input gets no
    /// report, and the page says why. The next input tries again from the start.
    fn unavailable(&mut self, message: String) -> Vec<Effect> {
        if let Some(link) = self.link.take() {
            self.retire(link);
        }
        self.no_worker = None;
        let mut effects = vec![Effect::Dispatch(Action::EngineNote(Some(
            EngineNote::Unavailable(message.clone()),
        )))];
        for id in self
            .pending
            .take()
            .map(|j| j.id)
            .into_iter()
            .chain(self.in_flight.take())
        {
            effects.push(Effect::Dispatch(Action::EngineFailed {
                id,
                message: format!("permcheck's engine could not be loaded ({message})"),
            }));
        }
        effects
    }

    fn retire(&mut self, link: Link) {
        link.channel.close();
        if let Some(url) = &link.object_url {
            let _ = web_sys::Url::revoke_object_url(url);
        }
        self.retired.push(link);
    }
}
