//! "Download (CSV)" links. The CSV is made when the link is clicked, not on every
//! keystroke: a 36-month projection is a 3 KB data URL that would otherwise be rebuilt,
//! decoded and set as an attribute each time a figure changes.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Percent-encodes text as a `data:` URL of type `mime` (UTF-8).
pub fn data_url(mime: &str, text: &str) -> String {
    let mut out = format!("data:{mime};charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.,:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A link that downloads `csv()` as `file`; the browser follows the address set in the
/// click handler, so the file always holds the figures on screen.
#[component]
pub fn CsvLink(
    /// The link's id.
    #[prop(into)]
    id: String,
    /// The file name offered.
    #[prop(into)]
    file: String,
    /// The link text.
    #[prop(into)]
    label: Signal<String>,
    /// Makes the CSV (called on click only).
    csv: Signal<String>,
) -> impl IntoView {
    let on_click = move |e: ev::MouseEvent| {
        if let Some(link) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = link.set_attribute("href", &data_url("text/csv", &csv.get_untracked()));
        }
    };
    view! {
        <p class="govuk-body app-no-print"><a class="govuk-link" href="#" download=file id=id on:click=on_click>{move || label.get()}</a></p>
    }
}
