//! DfE's published workforce figures, fetched the first time a page needs them: they are
//! 37 KB gzip, so they stay out of the first download. The table is `csww.tsv`, copied
//! next to `index.html` by trunk and read by `csplan-data`.

use std::sync::Arc;

use csplan_data::WorkforceRow;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the table is served from, relative to the app's own folder.
const URL: &str = "csww.tsv";

/// Where the DfE table is.
#[derive(Clone, Debug, PartialEq)]
pub enum DfeData {
    /// Being downloaded.
    Loading,
    /// Downloaded and read.
    Ready(Arc<Vec<WorkforceRow>>),
    /// Could not be downloaded or read: what to tell the user.
    Failed(String),
}

/// Shared through context, so the table is downloaded once however often the page opens.
#[derive(Clone, Copy, Debug)]
pub struct Dfe(RwSignal<Option<DfeData>>);

impl Dfe {
    /// Nothing downloaded yet.
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// The table's state, starting the download on first use.
    pub fn data(self) -> Signal<DfeData> {
        if self.0.get_untracked().is_none() {
            self.0.set(Some(DfeData::Loading));
            leptos::task::spawn_local(async move {
                let result = fetch_text(URL).await.and_then(|text| {
                    csplan_data::parse_workforce(&text)
                        .map_err(|e| format!("The DfE figures could not be read ({e}). Reload the page to try again."))
                });
                self.0.set(Some(match result {
                    Ok(rows) => DfeData::Ready(Arc::new(rows)),
                    Err(message) => DfeData::Failed(message),
                }));
            });
        }
        let state = self.0;
        Signal::derive(move || state.get().unwrap_or(DfeData::Loading))
    }
}

impl Default for Dfe {
    fn default() -> Self {
        Self::new()
    }
}

/// The DfE table from context (the app always provides it).
pub fn use_dfe() -> Dfe {
    use_context::<Dfe>().unwrap_or_default()
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let offline =
        || "The DfE figures could not be downloaded. Check your connection, then reload the page.".to_string();
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(|_| offline())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| offline())?;
    if !response.ok() {
        return Err(format!(
            "The DfE figures could not be downloaded (the server answered {}). Reload the page to try again.",
            response.status()
        ));
    }
    let text = JsFuture::from(response.text().map_err(|_| offline())?).await.map_err(|_| offline())?;
    text.as_string().ok_or_else(offline)
}
