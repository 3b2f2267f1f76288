//! "Start from a saved scenario": loads a preset into the form. The default is in the
//! download; another is fetched (`presets/<id>.txt`, its form text) when it is loaded.

use leptos::prelude::*;

use crate::presets::{find, PresetForm, PRESET_FORMS};
use crate::state::{use_planner, Planner};

/// What loading the chosen preset came to, for the status line under the button.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Loading {
    Idle,
    Fetching(&'static str),
    Loaded(&'static str),
}

/// A select of the presets and a button that loads the chosen one.
#[component]
pub fn PresetLoader() -> impl IntoView {
    let planner = use_planner();
    let selected = RwSignal::new(PRESET_FORMS[0].id.to_string());
    let problem = RwSignal::new(None::<String>);
    let state = RwSignal::new(Loading::Idle);
    // How many loads have finished, well or not (`data-loads`): a test waits on it.
    let done = RwSignal::new(0u32);
    let finish = move |result: Result<&'static str, String>| {
        match result {
            Ok(title) => {
                problem.set(None);
                state.set(Loading::Loaded(title));
            }
            Err(message) => {
                problem.set(Some(message));
                state.set(Loading::Idle);
            }
        }
        done.update(|n| *n = n.wrapping_add(1));
    };
    let load = move |_| {
        let Some(p) = find(&selected.get_untracked()) else { return };
        if matches!(state.get_untracked(), Loading::Fetching(_)) {
            return;
        }
        if !p.text.is_empty() {
            finish(load_text(planner, p, p.text).map(|()| p.title));
            return;
        }
        state.set(Loading::Fetching(p.title));
        leptos::task::spawn_local(async move {
            let file = csplan_validation::form_text::preset_file(p.id);
            let text = crate::fetch::fetch_text(
                &file,
                &format!("The figures for {} could not be downloaded. Check your connection, then try again.", p.title),
                |status| {
                    format!(
                        "The figures for {} could not be downloaded (the server answered {status}). Try again later.",
                        p.title
                    )
                },
            )
            .await;
            finish(text.and_then(|t| load_text(planner, p, &t)).map(|()| p.title));
        });
    };
    view! {
        <div class="govuk-form-group app-no-print">
            <label class="govuk-label" for="preset">"Start from a saved scenario"</label>
            <div class="govuk-hint" id="preset-hint">"Loading one replaces all the figures on every page. Yours are kept in this browser first, to put back."</div>
            {move || problem.get().map(|m| view! { <p class="govuk-error-message" id="preset-error"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
            <select
                class="govuk-select"
                id="preset"
                name="preset"
                aria-describedby="preset-hint"
                on:change=move |e| selected.set(event_target_value(&e))
            >
                {PRESET_FORMS
                    .iter()
                    .map(|p| view! { <option value=p.id selected=move || selected.get() == p.id>{p.title}</option> })
                    .collect_view()}
            </select>
            " "
            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" id="load-preset" on:click=load>
                "Load figures"
            </button>
            <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0" role="status" id="preset-status" data-loads=move || done.get()>
                {move || match state.get() {
                    Loading::Idle => String::new(),
                    Loading::Fetching(title) => format!("Loading the figures for {title}\u{2026}"),
                    Loading::Loaded(title) => format!("Loaded the figures for {title}."),
                }}
            </p>
        </div>
    }
}

/// Loads the form text of preset `p` (as embedded or fetched).
fn load_text(planner: Planner, p: PresetForm, text: &str) -> Result<(), String> {
    let form = csplan_validation::form_text::read(text)
        .map_err(|e| format!("The figures for {} could not be read ({e}). Reload the page, then try again.", p.title))?
        .form;
    planner.replace(form, p.title.to_string())
}
