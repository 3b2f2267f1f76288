//! The shapes every editing page repeats, written once: an editable list of cards or rows
//! (each with its own labelled Remove button, and an Add button that moves focus to the new
//! item's first field), a card, and a section that is there or not ("Add ... figures").

use csplan_validation::fields::Path;
use leptos::prelude::*;

use crate::components::error_summary::focus_field_later;
use crate::components::reactive::redraw;
use crate::state::Planner;

/// An item's name as typed, or `fallback` ("Team group 2") while it has none: for a card's
/// legend and its Remove button.
pub fn name_or(planner: Planner, path: Path, fallback: String) -> Signal<String> {
    Signal::derive(move || {
        planner
            .form
            .with(|f| f.value(&path))
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| fallback.clone())
    })
}

/// The items of a list, `item(i)` each, then an "Add" button: `add` adds an item and gives
/// the path of the field to focus. Items are keyed by position and bound to the form by
/// path, so removing one leaves the rest showing their own figures. With `inline`, the items
/// sit side by side (a list of single fields).
#[component]
pub fn EditList(
    /// How many items there are.
    #[prop(into)]
    count: Signal<usize>,
    /// Draws item `i`.
    item: Callback<usize, AnyView>,
    /// The Add button's id.
    add_id: &'static str,
    /// The Add button's words.
    add_label: &'static str,
    /// Adds an item; the path of the field to focus next.
    add: Callback<(), Option<Path>>,
    /// Side by side.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    // A memo: the list is redrawn only when its length changes, not on every keystroke.
    let count = Memo::new(move |_| count.get());
    let planner = use_context::<crate::state::Planner>();
    let on_add = move |_| {
        if let Some(path) = add.run(()) {
            if let Some(planner) = planner {
                planner.added(&path, false);
            }
            focus_field_later(path.id());
        }
    };
    let items =
        move || view! { <For each=move || 0..count.get() key=|i| *i children=move |i| item.run(i)/> }.into_any();
    view! {
        {if inline { view! { <div class="app-inline-fields">{items()}</div> }.into_any() } else { items().into_any() }}
        <button type="button" class="govuk-button govuk-button--secondary app-no-print" id=add_id on:click=on_add>{add_label}</button>
    }
}

/// A Remove button whose name says which item it removes: the visible `words`, then
/// `hidden` for screen readers ("Remove this role" + " (Social workers)"). `remove` says
/// whether the item went (a refused removal keeps the focus here, for the page's message);
/// when it did, focus moves to `focus_after` (the list's Add button). A `warning` button is
/// red, for a whole card; otherwise it is a secondary button at the end of a row.
pub fn remove_button(
    words: &'static str,
    hidden: Signal<String>,
    warning: bool,
    remove: impl Fn() -> bool + Send + Sync + 'static,
    focus_after: &'static str,
) -> AnyView {
    let class = if warning {
        "govuk-button govuk-button--warning govuk-!-margin-bottom-0 app-no-print"
    } else {
        "govuk-button govuk-button--secondary app-align-end app-no-print"
    };
    view! {
        <button type="button" class=class on:click=move |_| {
            if remove() {
                focus_field_later(focus_after.to_string());
            }
        }>{words}<span class="govuk-visually-hidden">{hidden}</span></button>
    }
    .into_any()
}

/// A card's Remove button: "Remove this role (Social workers)".
pub fn remove_card(
    words: &'static str,
    legend: Signal<String>,
    remove: impl Fn() + Send + Sync + 'static,
    focus_after: &'static str,
) -> AnyView {
    let hidden = Signal::derive(move || format!(" ({})", legend.get()));
    remove_button(
        words,
        hidden,
        true,
        move || {
            remove();
            true
        },
        focus_after,
    )
}

/// A row's Remove button: "Remove" + " target caseload 2".
pub fn remove_row(name: String, remove: impl Fn() + Send + Sync + 'static, focus_after: &'static str) -> AnyView {
    let hidden = Signal::derive(move || format!(" {name}"));
    remove_button(
        "Remove",
        hidden,
        false,
        move || {
            remove();
            true
        },
        focus_after,
    )
}

/// A card: a fieldset headed by the item's name, its fields, what follows them (results),
/// and its Remove button.
pub fn card(legend: Signal<String>, body: AnyView, after: AnyView, remove: AnyView) -> AnyView {
    view! {
        <div class="app-card">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h3 class="govuk-fieldset__heading">{legend}</h3>
                </legend>
                {body}
            </fieldset>
            {after}
            {remove}
        </div>
    }
    .into_any()
}

/// A section the scenario has or not: its content, or why it is empty and a button that
/// adds it and focuses the field `add` returns.
#[component]
pub fn Gate(
    /// Whether the scenario has the section.
    #[prop(into)]
    has: Signal<bool>,
    /// What to say when it has not.
    empty: &'static str,
    /// The Add button's id.
    add_id: &'static str,
    /// The Add button's words.
    add_label: &'static str,
    /// Adds the section; the field to focus.
    add: Callback<(), Path>,
    /// A secondary button (for a part of a page rather than the page's whole section).
    #[prop(optional)]
    secondary: bool,
    /// The section.
    children: ChildrenFn,
) -> impl IntoView {
    let class = if secondary { "govuk-button govuk-button--secondary" } else { "govuk-button" };
    // A memo: the section is drawn again only when it comes or goes, never on a keystroke
    // (which would take the focus out of the field being typed in).
    let has = Memo::new(move |_| has.get());
    let planner = use_context::<crate::state::Planner>();
    redraw(move || {
        if has.get() {
            children().into_any()
        } else {
            view! {
                <p class="govuk-body">{empty}</p>
                <button type="button" class=class id=add_id on:click=move |_| {
                    let path = add.run(());
                    if let Some(planner) = planner {
                        planner.added(&path, true);
                    }
                    focus_field_later(path.id());
                }>{add_label}</button>
            }
            .into_any()
        }
    })
}
