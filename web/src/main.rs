//! Mounts the app. Everything else is in the library.

fn main() {
    // The page shows a header and a "Loading" line until now (index.html); the app replaces them.
    if let Some(loading) = leptos::prelude::document().get_element_by_id("app-loading") {
        loading.remove();
    }
    leptos::mount::mount_to_body(csplan_web::App);
}
