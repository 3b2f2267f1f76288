//! "Save and share": download the working scenario as JSON, open a scenario file (checked
//! first: a bad file lists every problem and changes nothing), a share link that reopens
//! exactly this scenario, starting again from a preset, and a comparison with a preset of
//! every input and result that differs. Reading files, links and differences is done by
//! `csplan_validation` (`load`, `share`, `json`); figures by `csplan_calc`.

use csplan_model::presets::{preset, PRESETS};
use csplan_validation::json::{differences, scenario_pretty, scenario_value, Difference};
use csplan_validation::Problem;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::csv::data_url;
use crate::components::error_summary::focus_field_later;
use crate::components::layout::use_document_title;
use crate::components::live_table::PlainTable;
use crate::components::preset::PresetLoader;
use crate::route::Page;
use crate::state::use_planner;

fn download(file: &str, mime: &str, text: &str) {
    let Ok(a) = document().create_element("a") else { return };
    let _ = a.set_attribute("href", &data_url(mime, text));
    let _ = a.set_attribute("download", file);
    if let Ok(a) = a.dyn_into::<web_sys::HtmlElement>() {
        a.click();
    }
}

/// The text of the file chosen in the input with `id`, with its name.
async fn chosen_file(input: web_sys::HtmlInputElement) -> Option<(String, String)> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    let text = JsFuture::from(file.text()).await.ok()?.as_string()?;
    Some((name, text))
}

fn report_value(s: &csplan_model::Scenario) -> serde_json::Value {
    csplan_calc::report(s).ok().and_then(|r| serde_json::to_value(r).ok()).unwrap_or_default()
}

/// Inputs and results that differ between the working scenario and a preset.
fn compare(current: &csplan_model::Scenario, other: &csplan_model::Scenario) -> (Vec<Difference>, Vec<Difference>) {
    let inputs = differences(&scenario_value(other), &scenario_value(current));
    let results = differences(&report_value(other), &report_value(current))
        .into_iter()
        .filter(|d| !d.path.ends_with("explanation"))
        .collect();
    (inputs, results)
}

#[component]
fn DifferenceTable(id: &'static str, caption: String, rows: Vec<Difference>, other: String) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="govuk-body" id=id>{format!("{caption}: none differ.")}</p> }.into_any();
    }
    let count = rows.len();
    view! {
        <PlainTable id=id region=caption.clone() caption=format!("{caption} that differ ({count})")
            headers=vec!["Page".into(), "Figure".into(), "This scenario".into(), other]>
            {rows.into_iter().map(|d| view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{Page::of_field(&d.path).title()}</td>
                    <th scope="row" class="govuk-table__header app-break-words">{d.path.clone()}</th>
                    <td class="govuk-table__cell app-break-words"><strong>{d.b.unwrap_or_else(|| "(none)".to_string())}</strong></td>
                    <td class="govuk-table__cell app-break-words">{d.a.unwrap_or_else(|| "(none)".to_string())}</td>
                </tr>
            }).collect_view()}
        </PlainTable>
    }
    .into_any()
}

/// The page.
#[component]
pub fn ScenarioPage() -> impl IntoView {
    let planner = use_planner();
    let load_errors = RwSignal::new(Vec::<Problem>::new());
    let opened = RwSignal::new(None::<String>);
    let copied = RwSignal::new(String::new());
    use_document_title("Save and share", move || !load_errors.with(Vec::is_empty));
    let file_input = NodeRef::<leptos::html::Input>::new();

    let on_download = move |_| {
        let json = planner.scenario.with_untracked(|s| scenario_pretty(s));
        download("csplan-scenario.json", "application/json", &json);
    };
    let on_open = move |_| {
        let Some(input) = file_input.get_untracked() else { return };
        let input: web_sys::HtmlInputElement = input;
        leptos::task::spawn_local(async move {
            let Some((name, text)) = chosen_file(input).await else {
                load_errors.set(vec![Problem::error("", "Choose a scenario file (.json) to open")]);
                focus_field_later("open-errors".to_string());
                return;
            };
            match csplan_validation::load::read_scenario_json(&text) {
                Ok((s, _)) => match planner.load_scenario(&s, format!("{} (from {name})", s.authority)) {
                    Ok(()) => {
                        load_errors.set(Vec::new());
                        opened.set(Some(name));
                        focus_field_later("opened".to_string());
                    }
                    Err(message) => {
                        opened.set(None);
                        load_errors.set(vec![Problem::error("", message)]);
                        focus_field_later("open-errors".to_string());
                    }
                },
                Err(e) => {
                    opened.set(None);
                    load_errors.set(e.problems);
                    focus_field_later("open-errors".to_string());
                }
            }
        });
    };
    let link = Memo::new(move |_| {
        let code = planner.scenario.with(|s| csplan_validation::share::encode(s));
        let location = window().location();
        format!("{}{}?s={code}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
    });
    let on_copy = move |_| {
        let text = link.get_untracked();
        let promise = window().navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let done = JsFuture::from(promise).await.is_ok();
            copied.set(if done {
                "Link copied.".to_string()
            } else {
                "The link could not be copied: select it and copy it.".to_string()
            });
        });
    };
    let on_forget = move |_| {
        crate::site::forget_saved();
        planner.forget();
        opened.set(None);
    };
    // The link and the comparison run every model, twice for the comparison: worked out
    // once the page is drawn, not before.
    let ready = crate::components::reactive::after_first_draw();
    let compare_with = RwSignal::new(PRESETS[0].id.to_string());
    let comparison = Memo::new(move |_| {
        let other = preset(&compare_with.get())?;
        let base = (other.build)();
        Some((other.title.to_string(), planner.scenario.with(|s| compare(s, &base))))
    });

    view! {
        <h1 class="govuk-heading-xl">"Save and share"</h1>
        <p class="govuk-body" id="working-on">{move || format!("You are working on {}.", planner.loaded.get())}</p>

        <h2 class="govuk-heading-m">"Save this scenario"</h2>
        <p class="govuk-body">"Download the figures as a file to keep, send to a colleague or open with the csplan command line. Figures with an error are saved at their last valid values."</p>
        <button type="button" class="govuk-button govuk-button--secondary" id="download-scenario" on:click=on_download>"Download the scenario (JSON)"</button>

        <p class="govuk-body"><a class="govuk-link" id="summary-link" href=Page::Summary.href()>"Print a summary of the inputs and key results"</a></p>

        <h2 class="govuk-heading-m">"Open a scenario file"</h2>
        {move || {
            let problems = load_errors.get();
            (!problems.is_empty()).then(|| view! {
                <div class="govuk-error-summary" id="open-errors" tabindex="-1" role="alert">
                    <h3 class="govuk-error-summary__title">"The file was not opened"</h3>
                    <div class="govuk-error-summary__body">
                        <p class="govuk-body">"Your figures have not changed. Fix the file and open it again:"</p>
                        <ul class="govuk-list govuk-error-summary__list">
                            {problems.into_iter().map(|p| {
                                let text = if p.path.is_empty() { p.message } else { format!("{}: {}", p.path, p.message) };
                                view! { <li><a href="#scenario-file">{text}</a></li> }
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            })
        }}
        {move || opened.get().map(|name| view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="opened-title" id="opened" tabindex="-1">
                <div class="govuk-notification-banner__header">
                    <h3 class="govuk-notification-banner__title" id="opened-title">"Success"</h3>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{format!("Opened {name}. Every page now shows its figures.")}</p>
                </div>
            </div>
        })}
        <div class=move || if load_errors.with(Vec::is_empty) { "govuk-form-group" } else { "govuk-form-group govuk-form-group--error" }>
            <label class="govuk-label" for="scenario-file">"Scenario file"</label>
            <div class="govuk-hint" id="scenario-file-hint">"A .json file saved from csplan. It is checked before anything changes."</div>
            <input class="govuk-file-upload" id="scenario-file" name="scenario-file" type="file" accept=".json,application/json"
                aria-describedby="scenario-file-hint" node_ref=file_input/>
        </div>
        <button type="button" class="govuk-button govuk-button--secondary" id="open-scenario" on:click=on_open>"Open the file"</button>

        <h2 class="govuk-heading-m">"Share a link"</h2>
        <p class="govuk-body">"This link opens exactly these figures in any browser. It holds the figures themselves, so anyone with it can see them."</p>
        {move || ready.get().then(|| view! {
            <p class="govuk-body app-break-words"><a class="govuk-link" id="share-link" href=move || link.get()>{move || link.get()}</a></p>
        })}
        <button type="button" class="govuk-button govuk-button--secondary" id="copy-link" on:click=on_copy>"Copy the link"</button>
        <p class="govuk-body" role="status" id="copy-status">{move || copied.get()}</p>

        <crate::components::kept::KeptScenarios/>

        <h2 class="govuk-heading-m" id="start-again">"Start again"</h2>
        <p class="govuk-body">"Your figures are saved in this browser as you type, so they are still here after a reload."</p>
        <PresetLoader/>
        <button type="button" class="govuk-button govuk-button--warning" id="forget-saved" on:click=on_forget>"Forget the saved figures and start from the example"</button>
        <p class="govuk-body-s">"Scenarios kept by name stay until you delete them."</p>

        <h2 class="govuk-heading-m">"Compare with a preset"</h2>
        <div class="govuk-form-group">
            <label class="govuk-label" for="compare-with">"Compare this scenario with"</label>
            <select class="govuk-select" id="compare-with" on:change=move |e| compare_with.set(event_target_value(&e))>
                {PRESETS.iter().map(|p| view! { <option value=p.id selected=move || compare_with.get() == p.id>{p.title}</option> }).collect_view()}
            </select>
        </div>
        {move || ready.get().then(|| comparison.get()).flatten().map(|(title, (inputs, results))| view! {
            <DifferenceTable id="compare-inputs" caption="Inputs".to_string() rows=inputs other=title.clone()/>
            <DifferenceTable id="compare-results" caption="Results".to_string() rows=results other=title/>
        })}
    }
}
