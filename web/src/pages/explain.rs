//! "How it works": every input with where it came from (a preset's paper, DfE's published
//! figures, or entered by you), and every figure the models work out with its formula,
//! the values it is worked out from and, where the model writes one, the working in
//! words. Formulas come from `csplan_calc::explain`; the walk over the figures and the
//! lookup of inputs from `csplan_validation::json`.

use csplan_calc::explain::{formula, show};
use csplan_validation::json::{closest_preset, find_near, flatten, key_in_words, path_in_words, scenario_value};
use leptos::prelude::*;

use crate::components::layout::{use_document_title, Reveal};
use crate::components::live_table::PlainTable;
use crate::components::reactive::Later;
use crate::route::Page;
use crate::state::use_planner;

#[derive(Clone, Debug, PartialEq, Eq)]
struct FigureRow {
    /// In words: "Option 2, at a caseload of 18: posts".
    words: String,
    /// Where `csplan report --format json` has it.
    figure: String,
    value: String,
    formula: &'static str,
    inputs: String,
    worked: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Section {
    title: &'static str,
    rows: Vec<FigureRow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct InputRow {
    page: &'static str,
    /// In words: "Assessment, ... teams: target caseload".
    words: String,
    field: String,
    value: String,
    source: String,
}

fn section_title(path: &str) -> &'static str {
    let first = path.split(['.', '[']).next().unwrap_or_default();
    match first {
        "teams" | "totals" | "options" => "Caseloads",
        "workforce" => "Workforce",
        "demand" => "Demand",
        "placements" | "budget_history" | "invest_to_save" | "mix" => "Cost of care",
        "care_flows" => "Children in care",
        "budget" => "Budget",
        "consultation" => "Balance the budget",
        _ => "Other",
    }
}

fn figures(s: &csplan_model::Scenario) -> Vec<Section> {
    let Some(report) = csplan_calc::report(s).ok().and_then(|r| serde_json::to_value(r).ok()) else {
        return Vec::new();
    };
    let mut sections: Vec<Section> = Vec::new();
    for (path, value) in flatten(&report) {
        let Some(f) = formula(&path) else { continue };
        let inputs = f
            .inputs
            .iter()
            .filter_map(|name| {
                find_near(&report, &path, name).map(|v| format!("{} = {}", key_in_words(name), grouped(&v)))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let row = FigureRow {
            worked: find_near(&report, &path, "explanation"),
            words: path_in_words(&report, &path),
            figure: path.clone(),
            value: show(&value),
            formula: f.text,
            inputs,
        };
        let title = section_title(&path);
        match sections.iter_mut().find(|s| s.title == title) {
            Some(s) => s.rows.push(row),
            None => sections.push(Section { title, rows: vec![row] }),
        }
    }
    for s in &mut sections {
        once_per_item(&mut s.rows);
    }
    sections
}

/// An input's value as people read it: a number grouped in thousands (`45000` ->
/// `45,000`, to 4 places as [`show`] gives it), anything else as [`show`] gives it.
fn grouped(value: &str) -> String {
    let shown = show(value);
    match shown.parse::<csplan_model::Decimal>() {
        Ok(d) => csplan_model::fmt::short(d, 4),
        Err(_) => shown,
    }
}

/// The record a figure is in: `teams[0]` for `teams[0].cost`.
fn item(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(item, _)| item)
}

/// An item's working in words is the same for each of its figures: it is shown once, on
/// its cost (what it ends in) or else its first figure.
fn once_per_item(rows: &mut [FigureRow]) {
    let keys: Vec<(String, Option<String>)> =
        rows.iter().map(|r| (item(&r.figure).to_string(), r.worked.clone())).collect();
    let mut keep = vec![false; rows.len()];
    let mut start = 0;
    while start < keys.len() {
        let end = (start..keys.len()).find(|&k| keys.get(k) != keys.get(start)).unwrap_or(keys.len());
        let chosen = (start..end).find(|&k| rows.get(k).is_some_and(|r| r.figure.ends_with(".cost"))).unwrap_or(start);
        if let Some(flag) = keep.get_mut(chosen) {
            *flag = true;
        }
        start = end;
    }
    for (row, keep) in rows.iter_mut().zip(keep) {
        if !keep {
            row.worked = None;
        }
    }
}

fn inputs(s: &csplan_model::Scenario, loaded: &str) -> (String, Vec<InputRow>) {
    let Some((preset, changed)) = closest_preset(s) else { return (String::new(), Vec::new()) };
    let base = (preset.build)();
    let from_dfe = loaded.contains("DfE");
    let document = scenario_value(s);
    let rows = flatten(&document)
        .into_iter()
        .map(|(field, value)| {
            let source = if changed.iter().any(|d| d.path == field) {
                if from_dfe { "DfE's published figures, or entered by you" } else { "Entered by you" }.to_string()
            } else {
                format!("{} preset", preset.title)
            };
            InputRow {
                page: Page::of_field(&field).title(),
                words: path_in_words(&document, &field),
                field,
                value,
                source,
            }
        })
        .collect();
    let note = format!(
        "Inputs not entered by you come from the {} preset. Its source: {}",
        preset.title,
        if base.source.trim().is_empty() { "not given" } else { base.source.trim() }
    );
    (note, rows)
}

/// The page.
#[component]
pub fn ExplainPage() -> impl IntoView {
    let planner = use_planner();
    use_document_title("How it works", || false);
    let sections = Memo::new(move |_| planner.scenario.with(|s| figures(s)));
    let sources = Memo::new(move |_| {
        let loaded = planner.loaded.get();
        planner.scenario.with(|s| inputs(s, &loaded))
    });
    view! {
        <h1 class="govuk-heading-xl">"How it works"</h1>
        <p class="govuk-body">"Every figure the planner works out, with its formula and the figures it is worked out from, and every input with where it came from. Figures are exact; here long decimals are shown to 4 places."</p>
        <h2 class="govuk-heading-l">"Figures"</h2>
        <Later step=1>{move || sections.get().into_iter().map(|s| {
            let id = format!("explain-{}", s.title.to_lowercase().replace(' ', "-"));
            let summary = format!("{} ({} figures)", s.title, s.rows.len());
            let (title, rows) = (s.title, s.rows);
            view! {
                <Reveal summary=summary id=id.clone()>
                    {
                        let rows = rows.clone();
                        view! {
                            <PlainTable id=format!("{id}-table") region=format!("{title} figures")
                                caption=format!("{title}: each figure and how it is worked out")
                                headers=vec!["Figure".into(), "Value".into(), "How it is worked out".into()]>
                                {rows.into_iter().map(|r| view! {
                                    <tr class="govuk-table__row">
                                        <th scope="row" class="govuk-table__header app-break-words">
                                            {r.words}<br/><span class="govuk-body-s govuk-!-font-weight-regular">{r.figure}</span>
                                        </th>
                                        <td class="govuk-table__cell app-break-words">{r.value}</td>
                                        <td class="govuk-table__cell">
                                            {r.formula}
                                            {(!r.inputs.is_empty()).then(|| view! { <br/><span class="govuk-body-s app-break-words">{format!("From: {}", r.inputs)}</span> })}
                                            {r.worked.map(|w| view! { <br/><span class="govuk-body-s">{format!("Worked: {w}")}</span> })}
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </PlainTable>
                        }
                    }
                </Reveal>
            }
        }).collect_view()}</Later>
        <h2 class="govuk-heading-l">"Inputs and where they come from"</h2>
        <Later step=2>
        <p class="govuk-body" id="explain-source">{move || sources.get().0}</p>
        <Reveal summary=Signal::derive(move || format!("Every input ({})", sources.with(|s| s.1.len()))) id="explain-inputs">
            <PlainTable id="explain-inputs-table" region="Inputs" caption="Each input, its page and its source"
                headers=vec!["Input".into(), "Page".into(), "Value".into(), "Source".into()]>
                {move || sources.get().1.into_iter().map(|r| view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header app-break-words">
                            {r.words}<br/><span class="govuk-body-s govuk-!-font-weight-regular">{r.field}</span>
                        </th>
                        <td class="govuk-table__cell">{r.page}</td>
                        <td class="govuk-table__cell app-break-words">{r.value}</td>
                        <td class="govuk-table__cell">{r.source}</td>
                    </tr>
                }).collect_view()}
            </PlainTable>
        </Reveal>
        </Later>
    }
}
