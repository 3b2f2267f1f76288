//! "Download (CSV)" and "Download the chart (SVG)" links. The file is made when the link
//! is clicked, not on every keystroke: a 36-month projection is a 3 KB data URL that would
//! otherwise be rebuilt, decoded and set as an attribute each time a figure changes.

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
    /// Makes the file (called on click only).
    csv: Signal<String>,
    /// Its type, if not CSV.
    #[prop(optional)]
    mime: Option<&'static str>,
) -> impl IntoView {
    let on_click = move |e: ev::MouseEvent| {
        if let Some(link) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = link.set_attribute("href", &data_url(mime.unwrap_or("text/csv"), &csv.get_untracked()));
        }
    };
    view! {
        <p class="govuk-body app-no-print"><a class="govuk-link" href="#" download=file id=id on:click=on_click>{move || label.get()}</a></p>
    }
}

/// The chart drawn in the `<svg>` with `id`, as a file of its own.
pub fn svg_file(id: &str) -> String {
    let Some(svg) = document().get_element_by_id(id) else { return String::new() };
    // Without the empty comments the view library marks its places with.
    let text = svg.outer_html().replace("<!---->", "");
    let text = match text.strip_prefix("<svg ") {
        Some(rest) if !rest.contains("xmlns=") => format!("<svg xmlns=\"http://www.w3.org/2000/svg\" {rest}"),
        _ => text,
    };
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n")
}

/// A chart's visible title, above it.
pub fn chart_title(id: &'static str, title: &'static str) -> impl IntoView {
    view! { <h3 class="govuk-heading-s govuk-!-margin-bottom-2" id=format!("{id}-heading")>{title}</h3> }
}

/// "Download the chart (SVG)", below it.
pub fn chart_download(id: &'static str) -> impl IntoView {
    view! {
        <CsvLink id=format!("{id}-svg") file=format!("csplan-{id}.svg") label=Signal::derive(|| "Download the chart (SVG)".to_string())
            csv=Signal::derive(move || svg_file(id)) mime="image/svg+xml"/>
    }
}
