//! Scenarios kept in this browser (`crate::kept`): the offer to put figures back after a
//! replace, on every page, and the list on Save and share.

use leptos::prelude::*;

use crate::components::error_summary::focus_field_later;
use crate::components::live_table::PlainTable;
use crate::kept::{self, Kept};
use crate::state::use_planner;

/// After a share link, a council's file, a DfE fill-in or an example replaced the figures:
/// says where the user's own are kept and offers to put them back.
#[component]
pub fn UndoBanner() -> impl IntoView {
    let planner = use_planner();
    let problem = RwSignal::new(None::<String>);
    let put_back = move |_| match planner.put_back() {
        Ok(()) => {
            problem.set(None);
            focus_field_later("main-content".to_string());
        }
        Err(message) => problem.set(Some(message)),
    };
    move || {
        planner.undo.get().map(|u| {
            view! {
                <div class="govuk-notification-banner app-no-print" role="region" aria-labelledby="undo-title" id="undo">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="undo-title">"Your figures are kept"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading" id="undo-text">{format!(
                            "The figures now shown come from {}. The ones they replaced are kept in this browser as \u{201c}{}\u{201d}.",
                            u.by, u.kept.name
                        )}</p>
                        {move || problem.get().map(|m| view! { <p class="govuk-error-message" id="undo-error"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                        <div class="govuk-button-group">
                            <button type="button" class="govuk-button govuk-!-margin-bottom-0" id="put-back" on:click=put_back>"Put my figures back"</button>
                            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" id="keep-new" on:click=move |_| planner.dismiss_undo()>
                                "Keep the new figures"
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// Save and share's list of kept scenarios: keep the current figures under a name, open
/// one (the current figures are put aside first) or delete one.
#[component]
pub fn KeptScenarios() -> impl IntoView {
    let planner = use_planner();
    let all = RwSignal::new(kept::list());
    // A replace anywhere puts figures aside: list them.
    Effect::new(move |_| {
        planner.undo.track();
        all.set(kept::list());
    });
    // Another tab of this browser kept or deleted one: list them as they now are, so this
    // tab neither hides the other's nor offers one that is gone.
    let handle = window_event_listener(leptos::ev::storage, move |e| {
        if kept::changed_by(e.key().as_deref()) {
            all.set(kept::list());
            planner.refresh_undo();
        }
    });
    on_cleanup(move || handle.remove());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let keep = move |_| {
        let typed = name.get_untracked();
        if typed.trim().is_empty() {
            error.set(Some("Enter a name for these figures".to_string()));
            focus_field_later("keep-name".to_string());
            return;
        }
        match kept::keep(&typed, &planner.form.with_untracked(csplan_validation::form_text::write)) {
            Ok(k) => {
                error.set(None);
                name.set(String::new());
                status.set(format!("Kept as \u{201c}{}\u{201d}.", k.name));
                all.set(kept::list());
            }
            Err(message) => {
                error.set(Some(message));
                focus_field_later("keep-name".to_string());
            }
        }
    };
    let open = move |k: Kept| {
        let outcome = kept::read(&k.id).and_then(|form| planner.replace(form, k.name.clone()));
        status.set(match outcome {
            Ok(_) => format!("Opened \u{201c}{}\u{201d}. Every page now shows its figures.", k.name),
            Err(message) => message,
        });
        all.set(kept::list());
    };
    let delete = move |k: Kept| {
        planner.delete_kept(&k.id);
        status.set(format!("Deleted \u{201c}{}\u{201d}.", k.name));
        all.set(kept::list());
        focus_field_later("keep-name".to_string());
    };
    view! {
        <h2 class="govuk-heading-m" id="kept-heading">"Scenarios kept in this browser"</h2>
        <p class="govuk-body">"Keep these figures under a name to come back to them. Whenever a link, a file, a DfE fill-in or an example replaces your figures, they are kept here first. Opening one keeps the figures it replaces too."</p>
        <div class=move || if error.with(Option::is_some) { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
            <label class="govuk-label" for="keep-name">"Name for these figures"</label>
            <div class="govuk-hint" id="keep-name-hint">"For example, Option 2 with a 3% pay award"</div>
            {move || error.get().map(|m| view! { <p class="govuk-error-message" id="keep-name-error"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
            <input class=move || if error.with(Option::is_some) { "govuk-input govuk-input--error" } else { "govuk-input" }
                id="keep-name" name="keep-name" type="text" spellcheck="false"
                aria-describedby=move || if error.with(Option::is_some) { "keep-name-hint keep-name-error" } else { "keep-name-hint" }
                prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
        </div>
        <button type="button" class="govuk-button govuk-button--secondary" id="keep-figures" on:click=keep>"Keep these figures"</button>
        <p class="govuk-body" role="status" id="kept-status">{move || status.get()}</p>
        {move || {
            let list = all.get();
            if list.is_empty() {
                return view! { <p class="govuk-body" id="kept-none">"No scenarios are kept in this browser yet."</p> }.into_any();
            }
            view! {
                <PlainTable id="kept-table" caption="Kept in this browser, newest first" headers=vec!["Name".into(), "Kept on".into()] hidden="Actions">
                    {list.into_iter().map(|k| {
                        let (for_open, for_delete) = (k.clone(), k.clone());
                        view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">{k.name.clone()}</td>
                                <td class="govuk-table__cell">{csplan_model::fmt::long_date(&k.on)}</td>
                                <td class="govuk-table__cell">
                                    <div class="govuk-button-group govuk-!-margin-bottom-0">
                                        <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 app-kept-open" on:click=move |_| open(for_open.clone())>
                                            "Open"<span class="govuk-visually-hidden">{format!(" {}", k.name)}</span>
                                        </button>
                                        <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0 app-kept-delete" on:click=move |_| delete(for_delete.clone())>
                                            "Delete"<span class="govuk-visually-hidden">{format!(" {}", k.name)}</span>
                                        </button>
                                    </div>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </PlainTable>
            }
            .into_any()
        }}
    }
}
