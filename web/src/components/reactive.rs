//! One type for every reactive part of a page.
//!
//! Leptos compiles each closure given to a view (a child, an attribute, a property, a
//! class switch) into its own copy of the code that runs it and redraws what it returns:
//! the pages have about two hundred. Wrapped here as `Arc<dyn Fn() -> T>`, every part with
//! the same output type shares one copy, and only the closure's own body is per part. Use
//! these rather than a bare `move ||` for a page's reactive children and attributes.

use std::sync::Arc;

use leptos::prelude::*;

/// What a reactive part of a page runs.
pub type Reactive<T> = Arc<dyn Fn() -> T + Send + Sync>;

/// A part of the page drawn again whenever what `f` reads changes.
pub fn redraw<V: IntoView + 'static>(f: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    erased(Arc::new(move || f().into_any()))
}

/// One closure type for every [`redraw`] (a view is not `Sync`, so `Reactive<AnyView>`
/// itself cannot be drawn).
fn erased(f: Arc<dyn Fn() -> AnyView + Send + Sync>) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || f()
}

/// Text, or an attribute's value, that follows what `f` reads.
pub fn text(f: impl Fn() -> String + Send + Sync + 'static) -> Reactive<String> {
    Arc::new(f)
}

/// An attribute that is there while `f` gives a value.
pub fn maybe(f: impl Fn() -> Option<String> + Send + Sync + 'static) -> Reactive<Option<String>> {
    Arc::new(f)
}

/// A flag (a class switched on, a property like `checked`) that follows what `f` reads.
pub fn flag(f: impl Fn() -> bool + Send + Sync + 'static) -> Reactive<bool> {
    Arc::new(f)
}

/// False until the task after the one that draws the page, then true: a page reads it
/// before working out a figure that is costly and below the fold (Save and share's link
/// and comparison), so the page is drawn and can be used first, in a shorter task.
pub fn after_first_draw() -> ReadSignal<bool> {
    after_tasks(1)
}

/// False until `n` tasks after this one have run, then true.
fn after_tasks(n: u32) -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    fn wait(left: u32, done: WriteSignal<bool>) {
        set_timeout(
            move || {
                if left > 1 {
                    wait(left - 1, done);
                } else {
                    // Nothing to do if the page has gone meanwhile.
                    let _ = done.try_set(true);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    wait(n, set_ready);
    ready
}

/// Draws `children` in a task of its own, after the page around it (and any `Later` before
/// it) is drawn: a page's sections in turn, each task short, so the page can be used
/// while the rest is drawn. `step` is the section's place in that order (1 first).
#[component]
pub fn Later(step: u32, children: ChildrenFn) -> impl IntoView {
    let ready = after_tasks(step);
    redraw(move || ready.get().then(|| children()))
}
