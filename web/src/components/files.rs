//! Files opened in the browser, never uploaded: a file input that takes any number, and a
//! drop zone around it. Each file's name and text go into a signal; a file chosen again (the
//! same name and text) is kept once, and another of the same name is numbered
//! (`episodes.csv (2)`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Reads every file as text, with its name: all read at once (`Promise.allSettled`), not
/// one after another, so fifty files cost about what one does; a file that cannot be read
/// is empty (and the page names it), the others are read.
async fn texts(files: Vec<web_sys::File>) -> Vec<(String, String)> {
    let reads: js_sys::Array = files.iter().map(|f| f.text()).collect();
    let all = JsFuture::from(js_sys::Promise::all_settled(&reads)).await.ok().map(|v| js_sys::Array::from(&v));
    let value = wasm_bindgen::JsValue::from_str("value");
    files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            let outcome = all.as_ref().map(|a| a.get(u32::try_from(i).unwrap_or(u32::MAX)));
            let text = outcome.and_then(|o| js_sys::Reflect::get(&o, &value).ok()).and_then(|t| t.as_string());
            (file.name(), text.unwrap_or_default())
        })
        .collect()
}

/// Adds the files of `list` to `files`, once each.
fn add(files: RwSignal<Vec<(String, String)>>, list: Option<web_sys::FileList>) {
    let Some(list) = list else { return };
    // Taken now: a FileList is live, and the input is cleared for the next choice.
    let list: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    leptos::task::spawn_local(async move {
        let read = texts(list).await;
        files.update(|f| {
            for (name, text) in read {
                if f.iter().any(|(n, t)| n == &name && t == &text) {
                    continue;
                }
                // Another file of the same name (a return's folders all hold an
                // episodes.csv): numbered, so every message names the one it means.
                let mut shown = name.clone();
                let mut k = 1;
                while f.iter().any(|(n, _)| n == &shown) {
                    k += 1;
                    shown = format!("{name} ({k})");
                }
                f.push((shown, text));
            }
        });
    });
}

/// The picker and drop zone.
#[component]
pub fn FilePicker(
    /// The input's id (its hint is `{id}-hint`).
    id: &'static str,
    /// The drop zone's id.
    drop_id: &'static str,
    /// Its label.
    label: &'static str,
    /// Its hint.
    hint: &'static str,
    /// The `accept` attribute.
    accept: &'static str,
    /// Where the files go.
    files: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let on_change = move |e: leptos::ev::Event| {
        let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        add(files, input.as_ref().and_then(web_sys::HtmlInputElement::files));
        if let Some(input) = input {
            input.set_value("");
        }
    };
    let on_drop = move |e: leptos::ev::DragEvent| {
        e.prevent_default();
        add(files, e.data_transfer().and_then(|d| d.files()));
    };
    let hint_id = format!("{id}-hint");
    view! {
        <div class="govuk-form-group app-no-print" id=drop_id on:dragover=|e: leptos::ev::DragEvent| e.prevent_default() on:drop=on_drop>
            <label class="govuk-label govuk-label--m" for=id>{label}</label>
            <div class="govuk-hint" id=hint_id.clone()>{hint}</div>
            <input class="govuk-file-upload" id=id type="file" multiple=true accept=accept
                aria-describedby=hint_id on:change=on_change/>
        </div>
    }
}
