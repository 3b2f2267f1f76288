//! Fetching a text file from the app's own site (DfE's tables, a council's scenario),
//! with the messages a person sees when it fails.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text at `url`. `unreachable` is the message when there is no answer;
/// `refused(status)` the message when the server answers with an error.
pub async fn fetch_text(url: &str, unreachable: &str, refused: impl Fn(u16) -> String) -> Result<String, String> {
    let offline = || unreachable.to_string();
    let response = JsFuture::from(leptos::prelude::window().fetch_with_str(url)).await.map_err(|_| offline())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| offline())?;
    if !response.ok() {
        return Err(refused(response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| offline())?).await.map_err(|_| offline())?;
    text.as_string().ok_or_else(offline)
}
