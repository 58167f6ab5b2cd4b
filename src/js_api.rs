//! The JS API for help-center authors (wasm only): `evaluate(text, options) → report` with the
//! report of `src/report/contract.md`, and `catalog()` listing platforms, categories and
//! scopes. A thin layer over [`crate::check`]; the TypeScript declarations come from
//! wasm-bindgen.

use crate::catalog;
use crate::js_text::text_or_bytes;
use crate::model::{Credential, Platform};
use crate::{Input, Options, Session};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export interface EvaluateOptions {
  platform?: PlatformId;
  credential?: CredentialId;
  /** The input's name in diagnostics; default "paste". */
  source?: string;
  /** More inputs judged together with `text`, e.g. an entitlement with a scope list. */
  more?: Input[];
}
/** An input: its name in diagnostics, and its text as a string or as UTF-8 bytes (no BOM
 * needed; decode files in other encodings with TextDecoder first). Bytes skip the string
 * conversion, which on a large export costs about as much as JSON.parse. */
export interface Input {
  source: string;
  text: string | Uint8Array;
}
export type PlatformId = "azure-devops-services" | "azure-devops-server" | "bitbucket-cloud" |
  "bitbucket-data-center" | "github" | "gitlab";
export type CredentialId = "oauth" | "pat" | "app-password" | "api-token" | "access-token" |
  "token" | "account" | "fine-grained-pat" | "app-installation-token" | "app-user-token";
export type Verdict = "possible" | "partial" | "impossible" | "unknown";
/** The report of src/report/contract.md (schema 1), with its additions. */
export interface Report {
  schema: 1;
  subjects: {
    label: string; platform: PlatformId | null; credential: CredentialId;
    backup: { verdict: Verdict; summary: string }; restore: { verdict: Verdict; summary: string };
    categories: { id: string; label: string; backup: Verdict; restore: Verdict; backup_reason: string; restore_reason: string }[];
    /** What to grant; `source` and `source_url` name the public page the requirement comes from. */
    missing: { id: string; label: string; needed_for: string[]; source: string; source_url: string }[];
    excess: { id: string; label: string; why: string }[];
    warnings: { id: string; message: string; source: string; source_url: string }[];
    granted: { id: string; label: string; source: string; line: number; column: number }[];
    sources: string[];
    /** The identity descriptor of an ACL subject (absent for tokens). */
    identity?: string;
    /** When the credential stops working, where the input says; expired credentials grant nothing. */
    expires?: { date: string; days_left?: number; expired: boolean };
    /** What error messages in the input prove, with what to do and what they cannot tell. */
    findings?: { id: string; proves: string; action: string; cannot_tell: string; source: string; line: number; column: number; reference: string; reference_url: string }[];
    /** Where the evidence came from, when several blocks or inputs were judged together. */
    combined?: string[];
    /** For an unknown verdict: the commands whose output would decide it (nothing is run). */
    collect?: { title: string; command: string }[];
  }[];
  inputs: { source: string; format: string; subjects: number; blocks?: { line: number; end_line: number; format: string }[] }[];
  diagnostics: { severity: "error" | "warning" | "info"; source: string; line: number; column: number; message: string; help?: string }[];
  what_if?: { group: string; categories: { id: string; label: string; backup: Verdict; restore: Verdict }[]; missing: string[]; source: string }[];
}
export type BitState = "allow" | "allow-inherited" | "deny" | "deny-inherited" | "not-set";
export interface Explorer {
  identity: string;
  namespaces: {
    id: string; name: string; display_name: string; tokens_left_out: number;
    tokens: {
      token: string; display: string; depth: number;
      bits: {
        bit: number; name: string; label: string; state: BitState; reported: boolean;
        decided_by?: { token: string; source: string; line: number; column: number; by?: string };
      }[];
    }[];
  }[];
}
"#;

#[derive(Deserialize, Default)]
struct JsOptions {
    platform: Option<String>,
    credential: Option<String>,
    source: Option<String>,
}

/// `{source, text}[]` as inputs (texts through [`text_or_bytes`]).
fn read_inputs(inputs: &JsValue) -> Result<Vec<Input>, JsError> {
    let list = inputs
        .dyn_ref::<js_sys::Array>()
        .ok_or_else(|| JsError::new("bad inputs: expected an array of { source, text }"))?;
    list.iter()
        .enumerate()
        .map(|(i, item)| {
            let field = |name: &str| {
                js_sys::Reflect::get(&item, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
            };
            let source = field("source").as_string().ok_or_else(|| {
                JsError::new(&format!("bad inputs: input {i} has no string `source`"))
            })?;
            let text = text_or_bytes(&field("text")).map_err(|e| {
                JsError::new(&format!(
                    "bad inputs: the `text` of input {i} ({source}) {e}"
                ))
            })?;
            Ok(Input::new(source, text))
        })
        .collect()
}

fn read_options(options: JsValue) -> Result<(JsOptions, Options), JsError> {
    let options: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        if !options.is_object() {
            return Err(JsError::new("bad options: expected an object"));
        }
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("bad options: {e}")))?
    };
    let platform = match options.platform.as_deref() {
        None | Some("") | Some("auto") => None,
        Some(id) => Some(
            Platform::from_id(id)
                .ok_or_else(|| JsError::new(&format!("unknown platform `{id}`")))?,
        ),
    };
    let credential = match options.credential.as_deref() {
        None | Some("") | Some("auto") => None,
        Some(id) => Some(
            Credential::from_id(id)
                .ok_or_else(|| JsError::new(&format!("unknown credential `{id}`")))?,
        ),
    };
    Ok((
        options,
        Options {
            platform,
            credential,
            // The core has no clock in wasm: expiry dates are judged against the browser's.
            now: Some((js_sys::Date::now() / 1000.0) as i64),
        },
    ))
}

/// As JSON text parsed by the browser: the same object `serde_wasm_bindgen`'s JSON-compatible
/// serializer builds, in one call instead of one per field.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json =
        crate::report::ascii_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("the report is not JSON"))
}

/// Judge `text` (and `options.more`) and return the report as a plain JS object.
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "Report")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let text = text_or_bytes(&text).map_err(|e| JsError::new(&format!("evaluate: `text` {e}")))?;
    let more = if options.is_object() {
        js_sys::Reflect::get(&options, &JsValue::from_str("more")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    let (js, options) = read_options(options)?;
    let mut inputs = vec![Input::new(
        js.source.unwrap_or_else(|| "paste".into()),
        text,
    )];
    if !more.is_undefined() && !more.is_null() {
        inputs.extend(read_inputs(&more)?);
    }
    to_js(&Session::from_inputs(inputs, &options).report())
}

/// Inputs parsed once, for a report and then explorations of their ACLs without reading a large
/// export again. The page's worker keeps one per evaluation.
#[wasm_bindgen]
pub struct Engine {
    session: Session,
    /// Evaluated once, on the first request (the summary, then the subjects the page opens).
    report: std::cell::OnceCell<crate::Report>,
    /// The texts of the small inputs (a paste area's), where the summary locates its fixes.
    texts: Vec<(String, String)>,
}

/// Inputs up to this size keep their text for the summary's fixes (the page's paste area holds
/// at most 1 MiB; a larger paste is an input of its own, which the page does not edit).
const FIX_TEXT_BYTES: usize = 1024 * 1024;

#[wasm_bindgen]
impl Engine {
    /// Parse `inputs` (`{source, text}[]`, judged together; a text may be UTF-8 bytes);
    /// `options` as for `evaluate` (`source` and `more` are ignored).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Input[]")] inputs: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EvaluateOptions | undefined")] options: JsValue,
    ) -> Result<Engine, JsError> {
        let inputs = read_inputs(&inputs)?;
        let (_, options) = read_options(options)?;
        let texts = inputs
            .iter()
            .filter(|i| i.text.len() <= FIX_TEXT_BYTES)
            .map(|i| (i.source.clone(), i.text.clone()))
            .collect();
        Ok(Engine {
            session: Session::from_inputs(inputs, &options),
            report: std::cell::OnceCell::new(),
            texts,
        })
    }

    fn evaluated(&self) -> &crate::Report {
        self.report.get_or_init(|| self.session.report())
    }

    /// The report of the contract.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsError> {
        to_js(self.evaluated())
    }

    /// [`Engine::report`] as JSON text, without building the object. Every JSON text of this
    /// API is ASCII: other characters are `\uXXXX` escapes, which the browser turns into a string
    /// faster (see `report::ascii_json`); `JSON.parse` gives the same object.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> Result<String, JsError> {
        crate::report::ascii_json::to_string(self.evaluated())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// What the page shows first, as JSON text: one row per subject (verdicts, the sentence that
    /// decides, expiry), the inputs, the notes on the input (with the fixes of misspelt scopes),
    /// and every subject whole when there are at most `inline` (see `report::summary`).
    #[wasm_bindgen(js_name = summaryJson)]
    pub fn summary_json(&self, inline: u32) -> String {
        let text = |source: &str| {
            self.texts
                .iter()
                .find(|(s, _)| s == source)
                .map(|(_, t)| t.as_str())
        };
        crate::report::Summary::new(self.evaluated(), inline as usize, text).to_json()
    }

    /// The subjects at `indices` of the report, whole, as JSON text `[{index, subject}]`
    /// (indices past the end are left out).
    #[wasm_bindgen(js_name = subjectsJson)]
    pub fn subjects_json(&self, indices: Vec<u32>) -> Result<String, JsError> {
        let subjects = &self.evaluated().subjects;
        let details: Vec<crate::report::summary::Detail> = indices
            .iter()
            .filter_map(|&i| {
                let index = i as usize;
                subjects
                    .get(index)
                    .map(|subject| crate::report::summary::Detail {
                        index,
                        subject: subject.clone(),
                    })
            })
            .collect();
        crate::report::ascii_json::to_string(&details).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The report as Markdown (for a ticket).
    pub fn markdown(&self) -> String {
        crate::render::markdown(self.evaluated())
    }

    /// Every exported permission of `identity` (a subject's `identity`): namespaces → tokens in
    /// tree order → bits with their state and the entry that decided them. At most
    /// `max_tokens` tokens per namespace (default 500).
    #[wasm_bindgen(unchecked_return_type = "Explorer")]
    pub fn explore(&self, identity: &str, max_tokens: Option<u32>) -> Result<JsValue, JsError> {
        let max = max_tokens.map_or(500, |n| n as usize);
        to_js(&self.session.explore(identity, max))
    }

    /// [`Engine::explore`] as JSON text.
    #[wasm_bindgen(js_name = exploreJson)]
    pub fn explore_json(&self, identity: &str, max_tokens: Option<u32>) -> Result<String, JsError> {
        let max = max_tokens.map_or(500, |n| n as usize);
        crate::report::ascii_json::to_string(&self.session.explore(identity, max))
            .map_err(|e| JsError::new(&e.to_string()))
    }
}

#[derive(Serialize)]
struct PageExample {
    id: &'static str,
    title: &'static str,
    source: &'static str,
    text: &'static str,
}

#[derive(Serialize)]
struct PagePlatform {
    id: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct PageData {
    /// The examples of the page's menu ([`crate::examples::all`]).
    examples: Vec<PageExample>,
    /// The platforms permcheck judges ([`crate::platforms::judged`]): what the override offers.
    judged: Vec<PagePlatform>,
}

/// What the page lists before its engine is loaded, as JSON text: the examples and the judged
/// platforms. The build writes it into the page (`scripts/post-build.mjs`), so the page's own
/// wasm, which judges nothing, does not carry the platform folders to list them.
#[wasm_bindgen(js_name = pageData)]
pub fn page_data() -> Result<String, JsError> {
    let data = PageData {
        examples: crate::examples::all()
            .map(|e| PageExample {
                id: e.id,
                title: e.title,
                source: e.source,
                text: e.text,
            })
            .collect(),
        judged: crate::platforms::judged()
            .map(|p| PagePlatform {
                id: p.id(),
                name: p.name(),
            })
            .collect(),
    };
    // Plain UTF-8: written once into the page at build time, where escapes would only add bytes.
    serde_json::to_string(&data).map_err(|e| JsError::new(&e.to_string()))
}

#[derive(Serialize)]
struct CatalogSource {
    title: &'static str,
    url: &'static str,
}

impl From<&'static catalog::Source> for CatalogSource {
    fn from(source: &'static catalog::Source) -> Self {
        CatalogSource {
            title: source.title,
            url: source.url,
        }
    }
}

#[derive(Serialize)]
struct CatalogScope {
    id: &'static str,
    label: &'static str,
    implies: &'static [&'static str],
    source: CatalogSource,
}

#[derive(Serialize)]
struct CatalogCategory {
    id: &'static str,
    label: &'static str,
    source: CatalogSource,
}

#[derive(Serialize)]
struct CatalogPlatform {
    id: &'static str,
    name: &'static str,
    categories: Vec<CatalogCategory>,
    vocabularies: Vec<CatalogVocabulary>,
}

#[derive(Serialize)]
struct CatalogVocabulary {
    id: &'static str,
    name: &'static str,
    /// `scope` (a token carries it) or `role` (the account has it).
    kind: &'static str,
    scopes: Vec<CatalogScope>,
}

/// Every platform permcheck evaluates, with its categories and vocabularies (from each
/// platform folder, through the registry).
#[wasm_bindgen(js_name = catalog)]
pub fn catalog_listing() -> Result<JsValue, JsError> {
    let listing: Vec<CatalogPlatform> = crate::platforms::REGISTRY
        .iter()
        .flat_map(|module| {
            module.platforms().iter().map(move |p| CatalogPlatform {
                id: p.id(),
                name: p.name(),
                categories: module
                    .categories()
                    .iter()
                    .map(|c| CatalogCategory {
                        id: c.id,
                        label: c.label,
                        source: c.source.into(),
                    })
                    .collect(),
                vocabularies: module
                    .vocabularies()
                    .iter()
                    .map(|v| CatalogVocabulary {
                        id: v.id(),
                        name: v.name(),
                        kind: match v.kind() {
                            catalog::VocabularyKind::Scope => "scope",
                            catalog::VocabularyKind::Role => "role",
                        },
                        scopes: v
                            .scopes()
                            .iter()
                            .map(|s| CatalogScope {
                                id: s.id,
                                label: s.label,
                                implies: s.implies,
                                source: s.source.into(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
        })
        .collect();
    to_js(&listing)
}
