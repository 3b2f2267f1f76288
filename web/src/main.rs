//! Mounts the app. Everything else is in the library.

fn main() {
    leptos::mount::mount_to_body(csplan_web::App);
}
