// The page's worker: the full engine (with Azure DevOps ACLs) off the main thread, for ACL
// exports and large inputs. It is the JS API module (api/permcheck.js, built with the same core)
// behind a message protocol; it fetches nothing but that module and its .wasm, from this folder,
// and sends nothing anywhere.
//
//   page → worker: { id, kind: "evaluate", inputs: [{source, text}], options: {platform, credential} }
//                  (each text as UTF-8 bytes, a transferred Uint8Array; a string works too)
//                  { id, kind: "explore", identity, maxTokens }
//   worker → page: { id, kind: "progress", stage }   stage: "loading" | "parsing" | "evaluating" | "exploring"
//                  { id, kind: "report", report }      { id, kind: "explorer", explorer }   (JSON text)
//                  { id, kind: "error", message }
import init, { Engine } from './api/permcheck.js';

let ready = null;
let engine = null;

function load() {
  ready ??= init({ module_or_path: new URL('./api/permcheck_bg.wasm', import.meta.url) });
  return ready;
}

self.onmessage = async (event) => {
  const { id, kind } = event.data ?? {};
  const progress = (stage) => self.postMessage({ id, kind: 'progress', stage });
  try {
    progress('loading');
    await load();
    if (kind === 'evaluate') {
      progress('parsing');
      engine?.free();
      engine = null;
      engine = new Engine(event.data.inputs, event.data.options);
      progress('evaluating');
      // As JSON text: the page reads it with the serde_json it already has.
      self.postMessage({ id, kind: 'report', report: JSON.stringify(engine.report()) });
    } else if (kind === 'explore') {
      if (!engine) throw new Error('nothing has been evaluated yet');
      progress('exploring');
      self.postMessage({ id, kind: 'explorer', explorer: JSON.stringify(engine.explore(event.data.identity, event.data.maxTokens)) });
    } else {
      throw new Error(`unknown request ${kind}`);
    }
  } catch (error) {
    self.postMessage({ id, kind: 'error', message: String(error?.message ?? error) });
  }
};
