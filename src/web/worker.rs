//! The page's side of `engine-worker.js`: the full engine (with Azure DevOps ACLs) in a Web
//! Worker, started the first time an ACL export or a large input needs it. The page's own wasm
//! stays small and its main thread free; the worker is the JS API module of this same build,
//! loaded from this folder, and talks to nothing but the page. Protocol: see
//! `www/engine-worker.js`.

use super::state::{Action, AppContext, Job};
use crate::acl::explore::Explorer;
use crate::report::Report;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// The worker script, next to index.html (relative: the page may live under any sub-path).
const SCRIPT: &str = "engine-worker.js";
/// Tokens per namespace the explorer asks for; more would only make a page nobody scrolls.
pub const EXPLORER_TOKENS: u32 = 300;

/// The worker's message and error handlers.
type Handlers = (
    Closure<dyn Fn(MessageEvent)>,
    Closure<dyn Fn(web_sys::Event)>,
);

pub type ExplorerAnswer = Callback<Result<Rc<Explorer>, String>>;

/// One worker for the page's lifetime, created on first use.
#[derive(Default)]
pub struct EngineWorker {
    worker: Option<Worker>,
    /// Kept alive as long as the worker; dropping them would detach the handlers.
    _handlers: Option<Handlers>,
    /// The evaluation in flight (0: none), for load failures that name no request.
    current_job: Rc<Cell<u64>>,
    explores: u64,
    /// The explorer request in flight: (id, who gets the answer). A newer one replaces it.
    waiting: Rc<RefCell<Option<(u64, ExplorerAnswer)>>>,
}

fn field(data: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn stage(name: &str) -> &'static str {
    match name {
        "loading" => "loading the engine",
        "parsing" => "reading the input",
        "evaluating" => "evaluating",
        "exploring" => "exploring",
        _ => "working",
    }
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let out = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(key), value);
    }
    out.into()
}

impl EngineWorker {
    fn worker(&mut self, state: &AppContext) -> Result<Worker, String> {
        if let Some(worker) = &self.worker {
            return Ok(worker.clone());
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(SCRIPT, &options).map_err(|e| {
            // file:// pages (the single offline file) may not start workers.
            js_sys::Error::from(e)
                .message()
                .as_string()
                .unwrap_or_else(|| "the browser refused to start it".into())
        })?;
        let on_message = {
            let state = state.clone();
            let waiting = self.waiting.clone();
            let current_job = self.current_job.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                let id = field(&data, "id").as_string().unwrap_or_default();
                let kind = field(&data, "kind").as_string().unwrap_or_default();
                if let Some(job) = id.strip_prefix("job-").and_then(|n| n.parse().ok()) {
                    let action = match kind.as_str() {
                        "progress" => Action::WorkerProgress {
                            id: job,
                            stage: stage(&field(&data, "stage").as_string().unwrap_or_default()),
                        },
                        "report" => {
                            match Report::from_json(
                                &field(&data, "report").as_string().unwrap_or_default(),
                            ) {
                                Ok(report) => Action::WorkerReport {
                                    id: job,
                                    report: Box::new(report),
                                },
                                Err(e) => Action::WorkerFailed {
                                    id: job,
                                    message: format!("its report could not be read ({e})"),
                                },
                            }
                        }
                        _ => Action::WorkerFailed {
                            id: job,
                            message: field(&data, "message")
                                .as_string()
                                .unwrap_or_else(|| "it failed".into()),
                        },
                    };
                    if !matches!(action, Action::WorkerProgress { .. }) {
                        current_job.set(0);
                    }
                    state.dispatch(action);
                } else if let Some(n) = id
                    .strip_prefix("explore-")
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    let answer = match kind.as_str() {
                        "progress" => return,
                        "explorer" => Explorer::from_json(
                            &field(&data, "explorer").as_string().unwrap_or_default(),
                        )
                        .map(Rc::new)
                        .map_err(|e| format!("its answer could not be read ({e})")),
                        _ => Err(field(&data, "message")
                            .as_string()
                            .unwrap_or_else(|| "it failed".into())),
                    };
                    let mut slot = waiting.borrow_mut();
                    if slot.as_ref().is_some_and(|(w, _)| *w == n) {
                        if let Some((_, callback)) = slot.take() {
                            callback.emit(answer);
                        }
                    }
                }
            })
        };
        let on_error = {
            let state = state.clone();
            let waiting = self.waiting.clone();
            let current_job = self.current_job.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                // The script or its module could not be loaded (a build without the engine, a
                // host that refuses it): nothing more will come from this worker.
                event.prevent_default();
                let message = "the engine (engine-worker.js, api/) could not be loaded".to_string();
                let job = current_job.replace(0);
                if job != 0 {
                    state.dispatch(Action::WorkerFailed {
                        id: job,
                        message: message.clone(),
                    });
                }
                if let Some((_, callback)) = waiting.borrow_mut().take() {
                    callback.emit(Err(message));
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self._handlers = Some((on_message, on_error));
        self.worker = Some(worker.clone());
        Ok(worker)
    }

    /// Hand `job` to the worker; its answer arrives as an [`Action`].
    pub fn evaluate(&mut self, job: &Job, state: &AppContext) {
        let worker = match self.worker(state) {
            Ok(worker) => worker,
            Err(message) => {
                state.dispatch(Action::WorkerFailed {
                    id: job.id,
                    message,
                });
                return;
            }
        };
        // Each text as UTF-8 bytes, handed over rather than copied: the worker reads them
        // without the string conversions (into JS here, into its wasm there) that cost more
        // than judging a big export.
        let inputs = js_sys::Array::new();
        let transfer = js_sys::Array::new();
        for input in job.inputs.iter() {
            let bytes = js_sys::Uint8Array::from(input.text.as_bytes());
            transfer.push(&bytes.buffer());
            inputs.push(&object(&[
                ("source", JsValue::from_str(&input.source)),
                ("text", bytes.into()),
            ]));
        }
        let options = object(&[
            (
                "platform",
                job.options
                    .platform
                    .map_or(JsValue::UNDEFINED, |p| JsValue::from_str(p.id())),
            ),
            (
                "credential",
                job.options
                    .credential
                    .map_or(JsValue::UNDEFINED, |c| JsValue::from_str(c.id())),
            ),
        ]);
        let message = object(&[
            ("id", JsValue::from_str(&format!("job-{}", job.id))),
            ("kind", JsValue::from_str("evaluate")),
            ("inputs", inputs.into()),
            ("options", options),
        ]);
        self.current_job.set(job.id);
        if let Err(e) = worker.post_message_with_transfer(&message, &transfer) {
            self.current_job.set(0);
            state.dispatch(Action::WorkerFailed {
                id: job.id,
                message: format!("the input could not be handed to it ({e:?})"),
            });
        }
    }

    /// Ask for every exported permission of `identity` in the last evaluation.
    pub fn explore(&mut self, identity: &str, state: &AppContext, answer: ExplorerAnswer) {
        let worker = match self.worker(state) {
            Ok(worker) => worker,
            Err(message) => return answer.emit(Err(message)),
        };
        self.explores += 1;
        let id = self.explores;
        *self.waiting.borrow_mut() = Some((id, answer));
        let message = object(&[
            ("id", JsValue::from_str(&format!("explore-{id}"))),
            ("kind", JsValue::from_str("explore")),
            ("identity", JsValue::from_str(identity)),
            ("maxTokens", JsValue::from(EXPLORER_TOKENS)),
        ]);
        if worker.post_message(&message).is_err() {
            if let Some((_, answer)) = self.waiting.borrow_mut().take() {
                answer.emit(Err("the request could not be handed to it".into()));
            }
        }
    }
}
