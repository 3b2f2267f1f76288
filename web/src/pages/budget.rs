//! Budget: savings by budget area (the SP2023 table), the medium-term plan and home to
//! school transport, with each workstream's saving, phasing and delivery risk editable.
//! Figures come from `csplan_calc::budget`; typed text is read by `csplan_validation`.

use csplan_calc::budget::BudgetReport;
use csplan_model::fmt::short;
use csplan_model::{Money, Risk};
use csplan_validation::budget_form::{BudgetForm, WorkstreamForm};
use leptos::prelude::*;

use crate::components::csv::{table_csv, CsvLink};
use crate::components::error_summary::ErrorSummary;
use crate::components::field::{bound_field, item_field, number, Item};
use crate::components::layout::{use_document_title, PageHeading};
use crate::components::live_table::{Cells, LiveTable};
use crate::components::preset::PresetLoader;
use crate::state::use_planner;

const WORKSTREAM: Item<WorkstreamForm> = Item {
    find: |f, i| f.budget.as_ref()?.workstreams.get(i),
    find_mut: |f, i| f.budget.as_mut()?.workstreams.get_mut(i),
};
const BUDGET: Item<BudgetForm> = Item { find: |f, _| f.budget.as_ref(), find_mut: |f, _| f.budget.as_mut() };

fn pounds(m: Money) -> String {
    m.display_pounds()
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
            view! { <Results report/> <Workstreams/> <Delivery/> }.into_any()
        } else {
            view! { <p class="govuk-body">"This scenario has no budget section. Load the Hampshire SP2023, 2021 preset, or add a budget section to your scenario file (see the README)."</p> }.into_any()
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
        <LiveTable id="savings-table" caption="Savings by budget area" headers=savings_headers cells=savings/>
        <p class="govuk-body-s">"% of budget is shown as a whole per cent, halves up, as the SP2023 table prints it. Funding lines have no budget of their own."</p>
        <CsvLink id="savings-csv" file="csplan-savings.csv" label="Download the savings table (CSV)" csv/>
        <LiveTable id="plan-table" caption="Medium-term plan" headers=plan_headers cells=plan/>
        <p class="govuk-body-s">"Each year's gap is the pressures arising that year less the savings delivered that year; cumulative is the running total. Expected savings are weighted by each workstream's delivery risk."</p>
        <p class="govuk-body" id="plan-at-risk">{at_risk}</p>
        {move || has_transport.get().then(|| view! {
            <LiveTable id="transport-table" caption="Home to school transport" headers=transport_headers cells=transport/>
        })}
    }
}

#[component]
fn Workstreams() -> impl IntoView {
    let planner = use_planner();
    let count = Memo::new(move |_| planner.form.with(|f| f.budget.as_ref().map_or(0, |b| b.workstreams.len())));
    let years =
        Memo::new(move |_| planner.form.with(|f| f.budget.as_ref().map(|b| b.years.clone()).unwrap_or_default()));
    view! {
        <h2 class="govuk-heading-l">"Savings workstreams"</h2>
        {move || (0..count.get()).map(|i| {
            let name = move || planner.form.with(|f| f.budget.as_ref().and_then(|b| b.workstreams.get(i)).map(|w| w.name.clone()).unwrap_or_default());
            let risk_name = format!("budget-workstreams-{i}-risk");
            view! {
                <div class="govuk-summary-card">
                    <div class="govuk-summary-card__title-wrapper"><h3 class="govuk-summary-card__title">{name}</h3></div>
                    <div class="govuk-summary-card__content">
                        {item_field(planner, format!("budget.workstreams[{i}].amount"), number("Full-year saving (£)", "govuk-input--width-10"), (WORKSTREAM, i), |w| &w.amount, |w, v| w.amount = v)}
                        {years.get().into_iter().enumerate().map(|(j, year)| {
                            let path = format!("budget.workstreams[{i}].phasing[{j}]");
                            bound_field(planner, path, number(&format!("Share delivered in {year} (%)"), "govuk-input--width-4"),
                                move |f| f.budget.as_ref()?.workstreams.get(i)?.phasing.get(j).cloned(),
                                move |f, v| if let Some(p) = f.budget.as_mut().and_then(|b| b.workstreams.get_mut(i)).and_then(|w| w.phasing.get_mut(j)) { *p = v })
                        }).collect_view()}
                        <div class="govuk-form-group">
                            <fieldset class="govuk-fieldset">
                                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Delivery risk"</legend>
                                <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
                                    {Risk::ALL.into_iter().map(|risk| {
                                        let id = format!("{risk_name}-{}", risk.id());
                                        view! {
                                            <div class="govuk-radios__item">
                                                <input class="govuk-radios__input" type="radio" id=id.clone() name=risk_name.clone()
                                                    prop:checked=move || planner.form.with(|f| f.budget.as_ref().and_then(|b| b.workstreams.get(i)).is_some_and(|w| w.risk == risk))
                                                    on:change=move |_| planner.form.update(|f| if let Some(w) = f.budget.as_mut().and_then(|b| b.workstreams.get_mut(i)) { w.risk = risk })/>
                                                <label class="govuk-label govuk-radios__label" for=id>{risk.label()}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        </div>
                    </div>
                </div>
            }
        }).collect_view()}
    }
}

#[component]
fn Delivery() -> impl IntoView {
    let planner = use_planner();
    let field = |k: usize, key: &str, label: &str| {
        bound_field(
            planner,
            format!("budget.delivery.{key}"),
            number(label, "govuk-input--width-4"),
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
        {field(0, "green", "Green (%)")}
        {field(1, "amber", "Amber (%)")}
        {field(2, "red", "Red (%)")}
    }
}
