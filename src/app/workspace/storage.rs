//! The browser's local storage and files: reading and writing the workspace, downloads and
//! file reading. Every failure comes back as a value with words a person understands.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use crate::app::workspace::STORAGE_KEY;

/// Why saving did not work.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The browser's storage for this page is full.
    Full,
    /// The browser does not allow storage here (a private window, a setting).
    Unavailable,
    /// Anything else the browser said.
    Other(String),
}

impl SaveError {
    /// The warning shown to people.
    pub fn message(&self) -> String {
        match self {
            SaveError::Full => "This browser's storage for Baton is full, so your latest changes are kept in this tab only. Export the scenario to keep it, or delete scenarios you no longer need.".into(),
            SaveError::Unavailable => "This browser does not let Baton store anything here (a private window or a privacy setting), so your changes are kept in this tab only. Export the scenario to keep it.".into(),
            SaveError::Other(why) => format!("Your changes could not be saved in this browser ({why}); they are kept in this tab only. Export the scenario to keep it."),
        }
    }
}

/// True when local storage can be used at all (reading it can throw in some browsers).
pub fn available() -> bool {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some()
}

/// The stored workspace text, if any.
pub fn read() -> Result<Option<String>, SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    LocalStorage::raw().get_item(STORAGE_KEY).map_err(|_| SaveError::Unavailable)
}

/// The most text a browser's local storage keeps for a site, in UTF-16 units: 5 Mi in
/// Chromium (measured: 5,242,308 characters fit beside a one-letter key), Firefox and Safari.
const MOST_KEPT: usize = 5 * 1024 * 1024;

/// Whether a text of `bytes` bytes of UTF-8 is surely more than the browser keeps: a UTF-16
/// unit is at most 3 bytes of UTF-8, so this many bytes are more units than fit.
pub fn too_long_to_keep(bytes: usize) -> bool {
    bytes > 3 * MOST_KEPT
}

/// Writes the workspace text. A text that cannot fit in any browser's storage is not
/// offered to it (the refusal takes the page 40 ms or more for a large scenario).
pub fn write(text: &str) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    if too_long_to_keep(text.len()) {
        return Err(SaveError::Full);
    }
    LocalStorage::raw().set_item(STORAGE_KEY, text).map_err(|e| {
        let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name()).unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            SaveError::Full
        } else {
            SaveError::Other(if name.is_empty() { "the browser refused".into() } else { name })
        }
    })
}

/// Offers text as a file download (works from file:// too: nothing is fetched).
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "the browser could not make the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "the browser could not make the file".to_string())?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| "no link")?.dyn_into().map_err(|_| "no link")?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a file's bytes (a CRM export may not be UTF-8; the import decodes it).
pub async fn read_file_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    // Refused before reading: a file too large for the tab's memory never enters it.
    if let Some(why) = crate::engine::load::file_too_large(file.size() as u64) {
        return Err(format!("\u{201c}{}\u{201d} was not read: {why}", file.name()));
    }
    let buffer =
        wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| format!("the file \u{201c}{}\u{201d} could not be read", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Where Baton notes the scenario it is simulating until the results are drawn. Found at
/// start-up, it means the last simulation never finished (the page crashed or was closed
/// while frozen), so Baton does not simulate that scenario again on its own.
pub const SIMULATING_KEY: &str = "baton.simulating";

/// Notes that the scenario called `name` is being simulated.
pub fn mark_simulating(name: &str) {
    if available() {
        let _ = LocalStorage::raw().set_item(SIMULATING_KEY, name);
    }
}

/// Notes that the simulation finished.
pub fn clear_simulating() {
    if available() {
        let _ = LocalStorage::raw().remove_item(SIMULATING_KEY);
    }
}

/// The scenario whose simulation did not finish last time, if any.
pub fn unfinished_simulation() -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(SIMULATING_KEY).ok().flatten()
}

/// Where the pinned baseline is kept: `{"label": …, "scenario": {…}}`.
pub const BASELINE_KEY: &str = "baton.baseline.v1";

/// The stored baseline, if there is one that still loads (a damaged one is dropped: it
/// holds no work of the person's, only a copy of a scenario to compare with).
pub fn read_baseline() -> Option<crate::app::state::Baseline> {
    let text = LocalStorage::raw().get_item(BASELINE_KEY).ok().flatten()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    let label = value.get("label")?.as_str()?.to_string();
    let scenario = crate::engine::load::load_value(value.get("scenario")?.clone()).ok()?;
    Some(crate::app::state::Baseline { label, scenario })
}

/// Keeps the baseline (or forgets it). Storage that is full or unavailable only means the
/// baseline is not kept across a reload; the workspace's own save reports those.
pub fn write_baseline(baseline: Option<&crate::app::state::Baseline>) {
    if !available() {
        return;
    }
    let _ = match baseline {
        None => LocalStorage::raw().remove_item(BASELINE_KEY),
        Some(b) => {
            let text = serde_json::json!({ "label": b.label, "scenario": b.scenario }).to_string();
            LocalStorage::raw().set_item(BASELINE_KEY, &text)
        }
    };
}
