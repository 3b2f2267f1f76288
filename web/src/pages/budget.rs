//! Budget: savings by budget area (the SP2023 table), the medium-term plan as a chart and a
//! table, and home to school transport; every budget area, workstream (with its risks and
//! equality impact), plan year, pressure and the transport drivers can be added, edited and
//! removed. Figures come from `csplan_calc::budget`; typed text is read, and rows added and
//! removed, by `csplan_validation::budget_form`.

use csplan_calc::budget::BudgetReport;
use csplan_model::fmt::short;
use csplan_model::{Money, Risk};
use csplan_validation::budget_form::{AreaForm, BudgetForm, PressureForm, TransportForm, WorkstreamForm};
use csplan_validation::field_id;
use csplan_validation::form::ScenarioForm;
use leptos::prelude::*;

use crate::components::bar_chart::{BarChart, Groups, Series, HATCHED};
use crate::components::csv::{table_csv, CsvLink};
use crate::components::error_summary::{focus_field_later, ErrorSummary};
use crate::components::field::{bound_field, item_field, number, paragraph, words, FieldSpec, Item};
use crate::components::layout::{use_document_title, PageHeading};
use crate::components::live_table::{Cells, LiveTable};
use crate::components::preset::PresetLoader;
use crate::state::{use_planner, Planner};

const WORKSTREAM: Item<WorkstreamForm> = Item {
    find: |f, i| f.budget.as_ref()?.workstreams.get(i),
    find_mut: |f, i| f.budget.as_mut()?.workstreams.get_mut(i),
};
const AREA: Item<AreaForm> =
    Item { find: |f, i| f.budget.as_ref()?.areas.get(i), find_mut: |f, i| f.budget.as_mut()?.areas.get_mut(i) };
const PRESSURE: Item<PressureForm> =
    Item { find: |f, i| f.budget.as_ref()?.pressures.get(i), find_mut: |f, i| f.budget.as_mut()?.pressures.get_mut(i) };
const TRANSPORT: Item<TransportForm> =
    Item { find: |f, _| f.budget.as_ref()?.transport.as_ref(), find_mut: |f, _| f.budget.as_mut()?.transport.as_mut() };
const BUDGET: Item<BudgetForm> = Item { find: |f, _| f.budget.as_ref(), find_mut: |f, _| f.budget.as_mut() };

const PLAN_SERIES: &[Series] = &[
    Series { name: "Pressures", fill: "#ffffff" },
    Series { name: "Savings at target", fill: "#1d70b8" },
    Series { name: "Savings expected after delivery risk", fill: HATCHED },
];

fn pounds(m: Money) -> String {
    m.display_pounds()
}

fn money(label: &str) -> FieldSpec {
    FieldSpec { prefix: Some("£"), ..number(label, "govuk-input--width-10") }
}

fn percent(label: &str) -> FieldSpec {
    FieldSpec { suffix: Some("%"), ..number(label, "govuk-input--width-4") }
}

/// Runs `edit` on the budget section, if there is one; returns what it returns.
fn edit_budget<R: Default>(planner: Planner, edit: impl FnOnce(&mut BudgetForm) -> R) -> R {
    let mut out = R::default();
    planner.form.update(|f| {
        if let Some(b) = f.budget.as_mut() {
            out = edit(b);
        }
    });
    out
}

/// A label read from the budget section (a name, or "workstream 3" if it has none).
fn label(planner: Planner, read: impl Fn(&BudgetForm) -> String) -> String {
    planner.form.with(|f| f.budget.as_ref().map(read).unwrap_or_default())
}

/// The page.
#[component]
pub fn BudgetPage() -> impl IntoView {
    let planner = use_planner();
    use_document_title("Budget", move || planner.errors.with(|e| !e.is_empty()));
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::budget::budget(s).ok().flatten()));
    let has = Memo::new(move |_| planner.form.with(|f| f.budget.is_some()));
    view! {
        <PageHeading
            title="Budget"
            lead="Savings by budget area, the medium-term plan year by year, and the home to school transport pressure."
        />
        <ErrorSummary errors=planner.errors/>
        <PresetLoader/>
        {move || if has.get() {
            view! { <Results report/> <Inputs/> }.into_any()
        } else {
            view! {
                <p class="govuk-body">"This scenario has no budget section. Load the Hampshire SP2023, 2021 preset, or start your own."</p>
                <button type="button" class="govuk-button" id="add-budget" on:click=move |_| {
                    planner.form.update(|f| f.budget = Some(BudgetForm::new_section()));
                    focus_field_later(field_id("budget.years[0]"));
                }>"Add a budget"</button>
            }.into_any()
        }}
    }
}

#[component]
fn Results(report: Memo<Option<BudgetReport>>) -> impl IntoView {
    let savings = Memo::new(move |_| {
        report.with(|r| {
            let Some(r) = r else { return Cells::new() };
            let s = &r.savings;
            let mut rows: Cells = s
                .areas
                .iter()
                .map(|a| {
                    vec![
                        a.name.clone(),
                        a.budget.map(pounds).unwrap_or_else(|| "-".to_string()),
                        pounds(a.savings),
                        a.percent_shown.map_or_else(|| "n/a".to_string(), |p| format!("{}%", short(p, 0))),
                        match (a.after, a.below_minimum) {
                            (Some(after), true) => format!("{} (below the statutory minimum)", pounds(after)),
                            (Some(after), false) => pounds(after),
                            (None, _) => "-".to_string(),
                        },
                    ]
                })
                .collect();
            rows.push(vec![
                "Total".to_string(),
                pounds(s.total_budget),
                pounds(s.total_savings),
                s.total_percent_shown.map(|p| format!("{}%", short(p, 0))).unwrap_or_default(),
                String::new(),
            ]);
            rows
        })
    });
    let savings_headers = Signal::derive(|| {
        ["Budget area", "Budget", "Savings", "% of budget", "After savings"].map(String::from).to_vec()
    });
    let plan: Memo<Cells> = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.plan.years.iter().map(|y| y.cells()).collect()).unwrap_or_default())
    });
    let bars: Memo<Groups> = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.plan.bars()).unwrap_or_default()));
    let plan_headers = Signal::derive(|| {
        [
            "Year",
            "Pressures",
            "Savings (target)",
            "Savings (expected)",
            "Gap at target",
            "Cumulative",
            "Gap expected",
            "Cumulative",
        ]
        .map(String::from)
        .to_vec()
    });
    let at_risk = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    format!(
                        "Savings over the plan: {} at target, {} expected after delivery risk, so {} at risk.",
                        pounds(r.plan.total_target),
                        pounds(r.plan.total_expected),
                        pounds(r.plan.at_risk)
                    )
                })
                .unwrap_or_default()
        })
    };
    let transport: Memo<Cells> = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.plan.transport.as_ref())
                .map(|t| {
                    t.years
                        .iter()
                        .map(|y| {
                            vec![
                                y.year.clone(),
                                pounds(y.pressure),
                                pounds(y.cumulative),
                                y.travellers.map(|v| short(v, 2)).unwrap_or_default(),
                                y.driver_cost.map(pounds).unwrap_or_default(),
                                y.driver_pressure.map(pounds).unwrap_or_default(),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let transport_headers = Signal::derive(|| {
        ["Year", "Pressure", "Cumulative", "SEN travellers", "Travellers x unit cost", "Change"]
            .map(String::from)
            .to_vec()
    });
    let csv = Signal::derive(move || savings.with(|c| table_csv(&savings_headers.get(), c)));
    let has_transport = Memo::new(move |_| transport.with(|t| !t.is_empty()));
    view! {
        <h2 class="govuk-heading-l">"Results"</h2>
        <LiveTable no_csv=true id="savings-table" caption="Savings by budget area" headers=savings_headers cells=savings/>
        <p class="govuk-body-s">"% of budget is shown as a whole per cent, halves up, as the SP2023 table prints it. Funding lines have no budget of their own."</p>
        <CsvLink id="savings-csv" file="csplan-savings.csv" label="Download the savings table (CSV)" csv/>
        <h3 class="govuk-heading-m">"Medium-term plan"</h3>
        <BarChart id="plan-chart" title="Medium-term plan: pressures against savings, year by year"
            description="Each year's pressures (white bars), savings at target (blue bars) and savings expected after delivery risk (hatched bars). The medium-term plan table below gives the figures, with the gaps."
            series=PLAN_SERIES groups=bars/>
        <LiveTable id="plan-table" caption="Medium-term plan" small=true headers=plan_headers cells=plan/>
        <p class="govuk-body-s">"Each year's gap is the pressures arising that year less the savings delivered that year; cumulative is the running total. Expected savings are weighted by each workstream's delivery risk."</p>
        <p class="govuk-body" id="plan-at-risk">{at_risk}</p>
        {move || has_transport.get().then(|| view! {
            <LiveTable id="transport-table" caption="Home to school transport" headers=transport_headers cells=transport/>
        })}
    }
}

/// Everything that can be typed: years, areas, workstreams, pressures, transport, delivery.
#[component]
fn Inputs() -> impl IntoView {
    let planner = use_planner();
    let years =
        Memo::new(move |_| planner.form.with(|f| f.budget.as_ref().map(|b| b.years.clone()).unwrap_or_default()));
    view! {
        <Years years/>
        <Areas/>
        <Workstreams years/>
        <Pressures years/>
        <Transport/>
        <Delivery/>
    }
}

/// A remove button whose name says which row: visible `text`, then (for screen readers)
/// `which`, e.g. "Remove workstream" + " 6: Modernising placements".
fn remove_button(
    text: &'static str,
    which: impl Fn() -> String + Send + Sync + 'static,
    on_click: impl Fn() + Send + Sync + 'static,
) -> AnyView {
    view! {
        <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| on_click()>
            {text} <span class="govuk-visually-hidden">{which}</span>
        </button>
    }
    .into_any()
}

/// A row as a card: a fieldset headed by the row's label (capitalised: "Workstream 3" for
/// one with no name yet), its fields, then what follows them (its remove button).
fn card(label: Memo<String>, fields: AnyView, after: AnyView) -> AnyView {
    let heading = move || {
        label.with(|l| {
            let mut chars = l.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
    };
    view! {
        <div class="app-card">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h3 class="govuk-fieldset__heading">{heading}</h3>
                </legend>
                {fields}
            </fieldset>
            {after}
        </div>
    }
    .into_any()
}

#[component]
fn Years(years: Memo<Vec<String>>) -> impl IntoView {
    let planner = use_planner();
    let add = move |_| {
        let j = edit_budget(planner, BudgetForm::add_year);
        focus_field_later(field_id(&format!("budget.years[{j}]")));
    };
    view! {
        <h2 class="govuk-heading-l">"Plan years"</h2>
        <p class="govuk-body">"Workstreams are phased over these years and pressures arise in them. Removing a year removes each workstream's share and each pressure in it."</p>
        <For each=move || 0..years.with(Vec::len) key=|j| *j children=move |j| {
            let name = move || years.with(|y| y.get(j).cloned().unwrap_or_default());
            view! {
                <div class="app-inline-fields">
                    {bound_field(planner, format!("budget.years[{j}]"), FieldSpec { width: Some("govuk-input--width-10"), ..words(&format!("Plan year {}", j + 1)) },
                        move |f| f.budget.as_ref()?.years.get(j).cloned(),
                        move |f, v| if let Some(y) = f.budget.as_mut().and_then(|b| b.years.get_mut(j)) { *y = v })}
                    <div class="app-inline-button">
                        {remove_button("Remove year", move || format!(" {}: {}", j + 1, name()), move || {
                            edit_budget(planner, |b| b.remove_year(j));
                            focus_field_later("add-year".into());
                        })}
                    </div>
                </div>
            }
        }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-year" on:click=add>"Add a plan year"</button>
    }
}

#[component]
fn Areas() -> impl IntoView {
    let planner = use_planner();
    let count = Memo::new(move |_| planner.form.with(|f| f.budget.as_ref().map_or(0, |b| b.areas.len())));
    // Why the last remove was refused: (area, message).
    let refused: RwSignal<Option<(usize, String)>> = RwSignal::new(None);
    let add = move |_| {
        let i = edit_budget(planner, BudgetForm::add_area);
        refused.set(None);
        focus_field_later(field_id(&format!("budget.areas[{i}].name")));
    };
    view! {
        <h2 class="govuk-heading-l">"Budget areas"</h2>
        <p class="govuk-body">"The areas the savings table lists, and funding lines (extra funding counted towards the savings, with no budget of their own)."</p>
        <For each=move || 0..count.get() key=|i| *i children=move |i| view! { <AreaCard i refused/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-area" on:click=add>"Add a budget area"</button>
    }
}

#[component]
fn AreaCard(i: usize, refused: RwSignal<Option<(usize, String)>>) -> impl IntoView {
    let planner = use_planner();
    let name = Memo::new(move |_| label(planner, |b| b.area_label(i)));
    let field = move |f: &str, spec: FieldSpec, get: fn(&AreaForm) -> &String, set: fn(&mut AreaForm, String)| {
        item_field(planner, format!("budget.areas[{i}].{f}"), spec, (AREA, i), get, set)
    };
    let funding_id = field_id(&format!("budget.areas[{i}].funding"));
    let message_id = format!("{}-refused", field_id(&format!("budget.areas[{i}]")));
    let message = move || refused.with(|r| r.as_ref().filter(|(k, _)| *k == i).map(|(_, m)| m.clone()));
    let fields = view! {
        {field("name", FieldSpec { width: Some("govuk-!-width-two-thirds"), ..words("Name") }, |a| &a.name, |a, v| a.name = v)}
        {bound_field(planner, format!("budget.areas[{i}].id"),
            FieldSpec { hint: Some("Short, like csc: workstreams and consultation proposals refer to it".into()), width: Some("govuk-input--width-10"), ..words("Id") },
            move |f| (AREA.find)(f, i).map(|a| a.id.clone()),
            move |f: &mut ScenarioForm, v| f.set_budget_area_id(i, v))}
        <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=funding_id.clone() type="checkbox"
                        prop:checked=move || planner.form.with(|f| (AREA.find)(f, i).is_some_and(|a| a.funding))
                        on:change=move |e| {
                            let on = event_target_checked(&e);
                            planner.form.update(|f| if let Some(a) = (AREA.find_mut)(f, i) { a.funding = on });
                        }/>
                    <label class="govuk-label govuk-checkboxes__label" for=funding_id>"This is a funding line (it has no budget of its own)"</label>
                </div>
            </div>
        </div>
        <div class="app-inline-fields">
            {field("budget", FieldSpec { hint: Some("Blank for a funding line".into()), ..money("Budget") }, |a| &a.budget, |a, v| a.budget = v)}
            {field("statutory_minimum", FieldSpec { hint: Some("Optional: the budget cannot go below it".into()), ..money("Statutory minimum") }, |a| &a.statutory_minimum, |a, v| a.statutory_minimum = v)}
        </div>
    }
    .into_any();
    let after = view! {
        <div id=message_id aria-live="polite">
            {move || message().map(|m| view! {
                <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
            })}
        </div>
        {remove_button("Remove budget area", move || format!(" {}: {}", i + 1, name.get()), move || {
            let mut outcome = Ok(());
            planner.form.update(|f| outcome = f.remove_budget_area(i));
            match outcome {
                Ok(()) => {
                    refused.set(None);
                    focus_field_later("add-area".into());
                }
                Err(m) => refused.set(Some((i, m))),
            }
        })}
    }
    .into_any();
    card(name, fields, after)
}

#[component]
fn Workstreams(years: Memo<Vec<String>>) -> impl IntoView {
    let planner = use_planner();
    let count = Memo::new(move |_| planner.form.with(|f| f.budget.as_ref().map_or(0, |b| b.workstreams.len())));
    // Each area's id and label, for the workstreams' selects.
    let areas = Memo::new(move |_| {
        planner.form.with(|f| {
            f.budget
                .as_ref()
                .map(|b| {
                    b.areas
                        .iter()
                        .enumerate()
                        .map(|(k, a)| {
                            (a.id.clone(), if a.name.trim().is_empty() { a.id.clone() } else { b.area_label(k) })
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let add = move |_| {
        let i = edit_budget(planner, BudgetForm::add_workstream);
        focus_field_later(field_id(&format!("budget.workstreams[{i}].name")));
    };
    view! {
        <h2 class="govuk-heading-l">"Savings workstreams"</h2>
        <For each=move || 0..count.get() key=|i| *i children=move |i| view! { <WorkstreamCard i years areas/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-workstream" on:click=add>"Add a workstream"</button>
    }
}

#[component]
fn WorkstreamCard(i: usize, years: Memo<Vec<String>>, areas: Memo<Vec<(String, String)>>) -> impl IntoView {
    let planner = use_planner();
    let name = Memo::new(move |_| label(planner, |b| b.workstream_label(i)));
    let field =
        move |f: &str, spec: FieldSpec, get: fn(&WorkstreamForm) -> &String, set: fn(&mut WorkstreamForm, String)| {
            item_field(planner, format!("budget.workstreams[{i}].{f}"), spec, (WORKSTREAM, i), get, set)
        };
    let area =
        Memo::new(move |_| planner.form.with(|f| (WORKSTREAM.find)(f, i).map(|w| w.area.clone()).unwrap_or_default()));
    let area_path = format!("budget.workstreams[{i}].area");
    let area_id = field_id(&area_path);
    let area_error = Memo::new(move |_| planner.error_at(&area_path));
    let area_error_id = format!("{area_id}-error");
    let described_by = area_error_id.clone();
    let risk_name = field_id(&format!("budget.workstreams[{i}].risk"));
    let fields = view! {
        {field("name", FieldSpec { width: Some("govuk-!-width-two-thirds"), ..words("Name") }, |w| &w.name, |w, v| w.name = v)}
        <div class="govuk-form-group" class:govuk-form-group--error=move || area_error.with(Option::is_some)>
            <label class="govuk-label" for=area_id.clone()>"Budget area it saves from"</label>
            {move || area_error.get().map(|m| view! {
                <p class="govuk-error-message" id=area_error_id.clone()><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
            })}
            <select class="govuk-select" id=area_id
                class:govuk-select--error=move || area_error.with(Option::is_some)
                aria-describedby=move || area_error.with(Option::is_some).then(|| described_by.clone())
                on:change=move |e| {
                    let id = event_target_value(&e);
                    planner.form.update(|f| if let Some(w) = (WORKSTREAM.find_mut)(f, i) { w.area = id });
                }>
                <option value="" selected=move || area.with(|a| !areas.with(|l| l.iter().any(|(id, _)| id == a)))>"Choose a budget area"</option>
                {move || areas.get().into_iter().map(|(id, text)| {
                    let this = id.clone();
                    view! { <option value=id selected=move || area.with(|a| *a == this)>{text}</option> }
                }).collect_view()}
            </select>
        </div>
        {field("amount", money("Full-year saving"), |w| &w.amount, |w, v| w.amount = v)}
        <div class="app-inline-fields">
            <For each=move || years.get().into_iter().enumerate() key=|y| y.clone() children=move |(j, year)| {
                let year = if year.trim().is_empty() { format!("year {}", j + 1) } else { year };
                bound_field(planner, format!("budget.workstreams[{i}].phasing[{j}]"), percent(&format!("Share delivered in {year}")),
                    move |f| (WORKSTREAM.find)(f, i)?.phasing.get(j).cloned(),
                    move |f, v| if let Some(p) = (WORKSTREAM.find_mut)(f, i).and_then(|w| w.phasing.get_mut(j)) { *p = v })
            }/>
        </div>
        <div class="govuk-form-group">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Delivery risk"</legend>
                <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
                    {Risk::ALL.into_iter().map(|risk| {
                        let id = format!("{risk_name}-{}", risk.id());
                        view! {
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" type="radio" id=id.clone() name=risk_name.clone()
                                    prop:checked=move || planner.form.with(|f| (WORKSTREAM.find)(f, i).is_some_and(|w| w.risk == risk))
                                    on:change=move |_| planner.form.update(|f| if let Some(w) = (WORKSTREAM.find_mut)(f, i) { w.risk = risk })/>
                                <label class="govuk-label govuk-radios__label" for=id>{risk.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
        {field("risks", paragraph("Risks"), |w| &w.risks, |w, v| w.risks = v)}
        {field("equality_impact", FieldSpec { hint: Some("Who it affects and how that is mitigated".into()), ..paragraph("Equality impact") }, |w| &w.equality_impact, |w, v| w.equality_impact = v)}
    }
    .into_any();
    let after = remove_button(
        "Remove workstream",
        move || format!(" {}: {}", i + 1, name.get()),
        move || {
            edit_budget(planner, |b| b.remove_workstream(i));
            focus_field_later("add-workstream".into());
        },
    );
    card(name, fields, after)
}

#[component]
fn Pressures(years: Memo<Vec<String>>) -> impl IntoView {
    let planner = use_planner();
    let count = Memo::new(move |_| planner.form.with(|f| f.budget.as_ref().map_or(0, |b| b.pressures.len())));
    let add = move |_| {
        let i = edit_budget(planner, BudgetForm::add_pressure);
        focus_field_later(field_id(&format!("budget.pressures[{i}].name")));
    };
    view! {
        <h2 class="govuk-heading-l">"Pressures"</h2>
        <p class="govuk-body">"New cost arising in each year (not the running total). Home to school transport is added to these."</p>
        <For each=move || 0..count.get() key=|i| *i children=move |i| {
            let name = Memo::new(move |_| label(planner, |b| b.pressure_label(i)));
            let fields = view! {
                {item_field(planner, format!("budget.pressures[{i}].name"), FieldSpec { width: Some("govuk-!-width-two-thirds"), ..words("What causes it") }, (PRESSURE, i), |p| &p.name, |p, v| p.name = v)}
                <div class="app-inline-fields">
                    <For each=move || years.get().into_iter().enumerate() key=|y| y.clone() children=move |(j, year)| {
                        let year = if year.trim().is_empty() { format!("year {}", j + 1) } else { year };
                        bound_field(planner, format!("budget.pressures[{i}].amounts[{j}]"), money(&format!("New in {year}")),
                            move |f| (PRESSURE.find)(f, i)?.amounts.get(j).cloned(),
                            move |f, v| if let Some(a) = (PRESSURE.find_mut)(f, i).and_then(|p| p.amounts.get_mut(j)) { *a = v })
                    }/>
                </div>
            }
            .into_any();
            let after = remove_button("Remove pressure", move || format!(" {}: {}", i + 1, name.get()), move || {
                edit_budget(planner, |b| b.remove_pressure(i));
                focus_field_later("add-pressure".into());
            });
            card(name, fields, after)
        }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-pressure" on:click=add>"Add a pressure"</button>
    }
}

#[component]
fn Transport() -> impl IntoView {
    let planner = use_planner();
    let has = Memo::new(move |_| planner.form.with(|f| f.budget.as_ref().is_some_and(|b| b.transport.is_some())));
    let field =
        move |f: &str, spec: FieldSpec, get: fn(&TransportForm) -> &String, set: fn(&mut TransportForm, String)| {
            item_field(planner, format!("budget.transport.{f}"), spec, (TRANSPORT, 0), get, set)
        };
    view! {
        <h2 class="govuk-heading-l">"Home to school transport"</h2>
        {move || if has.get() {
            view! {
                <div class="app-inline-fields">
                    {field("base_adjustment", FieldSpec { hint: Some("Added in the first plan year".into()), ..money("Base adjustment") }, |t| &t.base_adjustment, |t, v| t.base_adjustment = v)}
                    {field("growth_a_year", FieldSpec { hint: Some("Added in each later year".into()), ..money("Growth a year") }, |t| &t.growth_a_year, |t, v| t.growth_a_year = v)}
                </div>
                <h3 class="govuk-heading-m">"Drivers"</h3>
                <p class="govuk-body">"SEN travellers and the cost of each, grown by their own rates, show why the cost is rising. Leave the travellers blank to leave the drivers out."</p>
                <div class="app-inline-fields">
                    {field("drivers.travellers", number("SEN travellers now", "govuk-input--width-5"), |t| &t.travellers, |t, v| t.travellers = v)}
                    {field("drivers.unit_cost", FieldSpec { hint: Some("A year".into()), ..money("Cost a traveller") }, |t| &t.unit_cost, |t, v| t.unit_cost = v)}
                </div>
                <div class="app-inline-fields">
                    {field("drivers.traveller_growth", percent("Growth in travellers a year"), |t| &t.traveller_growth, |t, v| t.traveller_growth = v)}
                    {field("drivers.unit_cost_growth", percent("Growth in the cost a year"), |t| &t.unit_cost_growth, |t, v| t.unit_cost_growth = v)}
                </div>
                <button type="button" class="govuk-button govuk-button--warning" id="remove-transport" on:click=move |_| {
                    edit_budget(planner, BudgetForm::remove_transport);
                    focus_field_later("add-transport".into());
                }>"Remove home to school transport"</button>
            }.into_any()
        } else {
            view! {
                <p class="govuk-body">"Not modelled. Hampshire, 2017: a base adjustment of £2.4m, then about £0.9m a year."</p>
                <button type="button" class="govuk-button govuk-button--secondary" id="add-transport" on:click=move |_| {
                    edit_budget(planner, BudgetForm::add_transport);
                    focus_field_later(field_id("budget.transport.base_adjustment"));
                }>"Add home to school transport"</button>
            }.into_any()
        }}
    }
}

#[component]
fn Delivery() -> impl IntoView {
    let planner = use_planner();
    let field = |k: usize, key: &str, label: &str| {
        bound_field(
            planner,
            format!("budget.delivery.{key}"),
            percent(label),
            move |f| (BUDGET.find)(f, 0).and_then(|b| b.delivery.get(k).cloned()),
            move |f, v| {
                if let Some(slot) = (BUDGET.find_mut)(f, 0).and_then(|b| b.delivery.get_mut(k)) {
                    *slot = v;
                }
            },
        )
    };
    view! {
        <h2 class="govuk-heading-l">"Expected delivery by risk"</h2>
        <p class="govuk-body">"The share of a workstream's saving expected to be delivered at each rating. 100%, 75% and 25% are csplan's starting figures: use your own."</p>
        <div class="app-inline-fields">
            {field(0, "green", "Green")}
            {field(1, "amber", "Amber")}
            {field(2, "red", "Red")}
        </div>
    }
}
