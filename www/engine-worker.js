// permcheck's engine for the page: the JS API module (api/permcheck.js + api/permcheck_bg.wasm,
// the whole core, built for speed) behind a message protocol. The page's own wasm judges
// nothing; every report it shows comes from here. This module fetches nothing but that module
// and its .wasm, from this folder, and sends nothing anywhere.
//
// It runs as a module Worker (the page's `new Worker('engine-worker.js', {type: 'module'})`), or,
// when the browser starts no worker, on the page's main thread: the page then adds it as a
// module script and talks to it through a MessagePort, with the same messages.
//
//   page → engine: { id: "load", kind: "load" }   load and compile the engine (answered once)
//                  { id, kind: "evaluate", inputs: [{source, text}], options: {platform, credential}, progress, inline }
//                  (each text as UTF-8 bytes, a transferred Uint8Array; a string works too)
//                  { id, kind: "subjects", job, indices }   whole subjects of evaluation `job`
//                  { id, kind: "markdown" | "report", job } the report of evaluation `job`
//                  { id, kind: "explore", identity, maxTokens }
//   engine → page: { id: "load", kind: "loaded" }
//                  { id, kind: "progress", stage }   stage: "parsing" | "evaluating" (when asked)
//                  { id, kind: "summary", summary }  the summary of the report (every subject
//                                                    whole when there are at most `inline`)
//                  { id, kind: "subjects", subjects } { id, kind: "text", text }
//                  { id, kind: "explorer", explorer } (all of these JSON or Markdown text)
//                  { id, kind: "error", message }
// The engine keeps the last evaluation only: a request for an older `job` is refused (the page
// has a newer summary coming).
//
// The single offline file (scripts/single-file.mjs) inlines the engine: it keeps everything
// below the line "permcheck-engine: serve", with the engine module's code and its wasm bytes
// put before it in place of the import and `permcheckLoad` below.
import permcheckInit, { Engine } from './api/permcheck.js';

const permcheckLoad = () => permcheckInit({ module_or_path: new URL('./api/permcheck_bg.wasm', import.meta.url) });

// permcheck-engine: serve
function permcheckServe(port, load) {
  let ready = null;
  let engine = null;
  let current = null;
  const evaluated = (job) => {
    if (!engine || job !== current) throw new Error('a newer input replaced that evaluation');
    return engine;
  };
  port.onmessage = async (event) => {
    const { id, kind } = event.data ?? {};
    try {
      // A failed load is not kept: the next request tries again.
      ready ??= load().catch((error) => {
        ready = null;
        throw error;
      });
      await ready;
      if (kind === 'load') {
        port.postMessage({ id, kind: 'loaded' });
      } else if (kind === 'evaluate') {
        const progress = (stage) => event.data.progress && port.postMessage({ id, kind: 'progress', stage });
        progress('parsing');
        engine?.free();
        engine = null;
        current = null;
        engine = new Engine(event.data.inputs, event.data.options);
        current = id;
        progress('evaluating');
        // As JSON text: the page reads it with the serde_json it already has.
        port.postMessage({ id, kind: 'summary', summary: engine.summaryJson(event.data.inline ?? 0) });
      } else if (kind === 'subjects') {
        port.postMessage({ id, kind: 'subjects', subjects: evaluated(event.data.job).subjectsJson(event.data.indices) });
      } else if (kind === 'markdown') {
        port.postMessage({ id, kind: 'text', text: evaluated(event.data.job).markdown() });
      } else if (kind === 'report') {
        port.postMessage({ id, kind: 'text', text: evaluated(event.data.job).reportJson() });
      } else if (kind === 'explore') {
        if (!engine) throw new Error('nothing has been evaluated yet');
        port.postMessage({ id, kind: 'explorer', explorer: engine.exploreJson(event.data.identity, event.data.maxTokens) });
      } else {
        throw new Error(`unknown request ${kind}`);
      }
    } catch (error) {
      port.postMessage({ id, kind: 'error', message: String(error?.message ?? error) });
    }
  };
}

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  permcheckServe(self, permcheckLoad);
} else {
  // On the page's main thread: take the port the page left, and every later one.
  globalThis.permcheckEngineConnect = (port) => permcheckServe(port, permcheckLoad);
  const port = globalThis.permcheckEnginePort;
  delete globalThis.permcheckEnginePort;
  if (port) permcheckServe(port, permcheckLoad);
}
