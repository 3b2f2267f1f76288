//! "Start from a saved scenario": loads a preset into the form.

use leptos::prelude::*;

use crate::presets::{find, PRESET_FORMS};
use crate::state::use_planner;

/// A select of the presets and a button that loads the chosen one.
#[component]
pub fn PresetLoader() -> impl IntoView {
    let planner = use_planner();
    let selected = RwSignal::new(PRESET_FORMS[0].id.to_string());
    let problem = RwSignal::new(None::<String>);
    let load = move |_| {
        if let Some(p) = find(&selected.get_untracked()) {
            problem.set(planner.load(p).err());
        }
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
        </div>
    }
}
