//! Budget: savings by budget area (the SP2023 table), the medium-term plan as a chart and a
//! table, and home to school transport; every budget area, workstream (with its risks and
//! equality impact), plan year, pressure and the transport drivers can be added, edited and
//! removed. Fields and row operations come from `csplan_validation::budget_form`, figures
//! from `csplan_calc::budget`, tables from `csplan-present`.

use csplan_calc::budget::BudgetReport;
use csplan_model::Risk;
use csplan_validation::budget_form::{AreaForm, BudgetForm, DeliveryForm, PressureForm, TransportForm, WorkstreamForm};
use csplan_validation::fields::{capitalised, Path};
use leptos::prelude::*;

use crate::components::bar_chart::{plan_chart, Groups};
use crate::components::choice::{checkbox, options_of, radios, select, Options, RadioIds};
use crate::components::error_summary::focus_field_later;
use crate::components::field::{field, fields};
use crate::components::layout::PageHeading;
use crate::components::list::{card, remove_button, EditList, Gate};
use crate::components::live_table::LiveTable;
use crate::components::reactive::Later;
use crate::state::{use_planner, Planner};

fn budget() -> Path {
    Path::root("budget")
}

/// A label read from the budget section (a name, or "Workstream 3" if it has none).
fn heading(planner: Planner, read: impl Fn(&BudgetForm) -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(move || capitalised(&planner.form.with(|f| f.budget.as_ref().map(&read).unwrap_or_default())))
}

/// A card's Remove button, named by its number and name: "Remove workstream 17: Wessex Dance".
fn remove(
    words: &'static str,
    i: usize,
    name: Signal<String>,
    remove: impl Fn() -> bool + Send + Sync + 'static,
    focus_after: &'static str,
) -> AnyView {
    remove_button(words, Signal::derive(move || format!(" {}: {}", i + 1, name.get())), true, remove, focus_after)
}

/// The page.
#[component]
pub fn BudgetPage() -> impl IntoView {
    let planner = use_planner();
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::budget::budget(s).ok().flatten()));
    view! {
        <PageHeading
            title="Budget"
            lead="Savings by budget area, the medium-term plan year by year, and the home to school transport pressure."
        />
        <Gate has=Signal::derive(move || planner.form.with(|f| f.budget.is_some()))
            empty="This scenario has no budget section. Load the Hampshire SP2023, 2021 preset, or start your own."
            add_id="add-budget" add_label="Add a budget"
            add=Callback::new(move |()| {
                planner.edit(|f| f.budget = Some(BudgetForm::new_section()));
                budget().at("years", 0)
            })>
            <Later step=1><Results report/></Later>
            <Later step=2><Inputs/></Later>
        </Gate>
    }
}

#[component]
fn Results(report: Memo<Option<BudgetReport>>) -> impl IntoView {
    let savings = Memo::new(move |_| report.with(|r| r.as_ref().map(csplan_present::tables::savings)));
    let plan = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::plan)));
    let transport = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::transport)));
    let bars: Memo<Groups> = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| csplan_present::chart::plan_bars(&r.plan)).unwrap_or_default())
    });
    let at_risk = move || plan.with(|t| t.as_ref().and_then(|t| t.notes.last().cloned()).unwrap_or_default());
    view! {
        <h2 class="govuk-heading-l">"Results"</h2>
        <LiveTable table=savings/>
        <h3 class="govuk-heading-m">"Medium-term plan"</h3>
        {plan_chart(bars)}
        <LiveTable table=plan small=true no_notes=true/>
        <p class="govuk-body-s">"Each year's gap is the pressures arising that year less the savings delivered that year; cumulative is the running total. Expected savings are weighted by each workstream's delivery risk."</p>
        <p class="govuk-body" id="plan-at-risk">{at_risk}</p>
        <LiveTable table=transport/>
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
        <h2 class="govuk-heading-l">"Expected delivery by risk"</h2>
        <p class="govuk-body">"The share of a workstream's saving expected to be delivered at each rating. 100%, 75% and 25% are csplan's starting figures: use your own."</p>
        {fields(planner, &budget().field("delivery"), DeliveryForm::FIELDS, "")}
    }
}

/// Each plan year's label (its own, or "year 2"), for the fields that fall in it.
fn year_label(years: Memo<Vec<String>>, j: usize) -> String {
    years.with(|y| csplan_validation::fields::label(y.get(j).map_or("", String::as_str), "year", j))
}

#[component]
fn Years(years: Memo<Vec<String>>) -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        Some(budget().at("years", planner.edit_in(|f| f.budget.as_mut(), BudgetForm::add_year)))
    });
    let year = move |j: usize| {
        let name = Signal::derive(move || years.with(|y| y.get(j).cloned().unwrap_or_default()));
        view! {
            <div class="app-inline-fields">
                {field(planner, budget().at("years", j), &BudgetForm::years, &(j + 1).to_string())}
                <div class="app-inline-button">
                    {remove("Remove year", j, name, move || {
                        planner.edit_in(|f| f.budget.as_mut(), |b| b.remove_year(j));
                        true
                    }, "add-year")}
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        <h2 class="govuk-heading-l">"Plan years"</h2>
        <p class="govuk-body">"Workstreams are phased over these years and pressures arise in them. Removing a year removes each workstream's share and each pressure in it."</p>
        <EditList count=Signal::derive(move || years.with(Vec::len)) item=Callback::new(year) add_id="add-year" add_label="Add a plan year" add/>
    }
}

#[component]
fn Areas() -> impl IntoView {
    let planner = use_planner();
    // Why the last remove was refused: (area, message).
    let refused: RwSignal<Option<(usize, String)>> = RwSignal::new(None);
    let add = Callback::new(move |()| {
        refused.set(None);
        Some(budget().at("areas", planner.edit_in(|f| f.budget.as_mut(), BudgetForm::add_area)).field("name"))
    });
    view! {
        <h2 class="govuk-heading-l">"Budget areas"</h2>
        <p class="govuk-body">"The areas the savings table lists, and funding lines (extra funding counted towards the savings, with no budget of their own)."</p>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.budget.as_ref().map_or(0, |b| b.areas.len())))
            item=Callback::new(move |i| view! { <AreaCard i refused/> }.into_any()) add_id="add-area" add_label="Add a budget area" add/>
    }
}

#[component]
fn AreaCard(i: usize, refused: RwSignal<Option<(usize, String)>>) -> impl IntoView {
    let planner = use_planner();
    let at = budget().at("areas", i);
    let name = heading(planner, move |b| b.area_label(i));
    let message_id = format!("{}-refused", at.id());
    let message = move || refused.with(|r| r.as_ref().filter(|(k, _)| *k == i).map(|(_, m)| m.clone()));
    let body = view! {
        {fields(planner, &at, &[AreaForm::name, AreaForm::id], "")}
        {checkbox(planner, at.field("funding"), &AreaForm::funding.info)}
        {fields(planner, &at, &[AreaForm::budget, AreaForm::statutory_minimum], "")}
    }
    .into_any();
    let after = view! {
        <div id=message_id aria-live="polite">
            {move || message().map(|m| view! {
                <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
            })}
        </div>
        {remove("Remove budget area", i, name, move || {
            match planner.form.try_update(|f| f.remove_budget_area(i)).unwrap_or(Ok(())) {
                Ok(()) => {
                    refused.set(None);
                    true
                }
                Err(m) => {
                    refused.set(Some((i, m)));
                    false
                }
            }
        }, "add-area")}
    }
    .into_any();
    card(name, body, ().into_any(), after)
}

#[component]
fn Workstreams(years: Memo<Vec<String>>) -> impl IntoView {
    let planner = use_planner();
    // Each area's id and label, for the workstreams' selects.
    let areas = Signal::derive(move || -> Options {
        let mut out = vec![(String::new(), "Choose a budget area".to_string())];
        planner.form.with(|f| {
            if let Some(b) = f.budget.as_ref() {
                out.extend(b.areas.iter().enumerate().map(|(k, a)| {
                    (a.id.clone(), if a.name.trim().is_empty() { a.id.clone() } else { b.area_label(k) })
                }));
            }
        });
        out
    });
    let add = Callback::new(move |()| {
        Some(
            budget()
                .at("workstreams", planner.edit_in(|f| f.budget.as_mut(), BudgetForm::add_workstream))
                .field("name"),
        )
    });
    view! {
        <h2 class="govuk-heading-l">"Savings workstreams"</h2>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.budget.as_ref().map_or(0, |b| b.workstreams.len())))
            item=Callback::new(move |i| view! { <WorkstreamCard i years areas/> }.into_any())
            add_id="add-workstream" add_label="Add a workstream" add/>
    }
}

#[component]
fn WorkstreamCard(i: usize, years: Memo<Vec<String>>, areas: Signal<Options>) -> impl IntoView {
    let planner = use_planner();
    let at = budget().at("workstreams", i);
    let name = heading(planner, move |b| b.workstream_label(i));
    let risks = options_of(&Risk::ALL, Risk::id, Risk::label);
    let share = {
        let at = at.clone();
        move |j: usize| field(planner, at.at("phasing", j), &WorkstreamForm::phasing, &year_label(years, j))
    };
    let body = view! {
        {field(planner, at.field("name"), &WorkstreamForm::name.info, "")}
        {select(planner, at.field("area"), &WorkstreamForm::area.info, "", areas)}
        {field(planner, at.field("amount"), &WorkstreamForm::amount.info, "")}
        <div class="app-inline-fields">
            <For each=move || 0..years.with(Vec::len) key=|j| *j children=share.clone()/>
        </div>
        {radios(planner, at.field("risk"), &WorkstreamForm::risk.info, risks, true, RadioIds::ByValue)}
        {fields(planner, &at, &[WorkstreamForm::risks, WorkstreamForm::equality_impact], "")}
    }
    .into_any();
    let after = remove(
        "Remove workstream",
        i,
        name,
        move || {
            planner.edit_in(|f| f.budget.as_mut(), |b| b.remove_workstream(i));
            true
        },
        "add-workstream",
    );
    card(name, body, ().into_any(), after)
}

#[component]
fn Pressures(years: Memo<Vec<String>>) -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        Some(budget().at("pressures", planner.edit_in(|f| f.budget.as_mut(), BudgetForm::add_pressure)).field("name"))
    });
    let pressure = move |i: usize| {
        let at = budget().at("pressures", i);
        let name = heading(planner, move |b| b.pressure_label(i));
        let amount = {
            let at = at.clone();
            move |j: usize| field(planner, at.at("amounts", j), &PressureForm::amounts, &year_label(years, j))
        };
        let body = view! {
            {field(planner, at.field("name"), &PressureForm::name.info, "")}
            <div class="app-inline-fields">
                <For each=move || 0..years.with(Vec::len) key=|j| *j children=amount.clone()/>
            </div>
        }
        .into_any();
        let after = remove(
            "Remove pressure",
            i,
            name,
            move || {
                planner.edit_in(|f| f.budget.as_mut(), |b| b.remove_pressure(i));
                true
            },
            "add-pressure",
        );
        card(name, body, ().into_any(), after)
    };
    view! {
        <h2 class="govuk-heading-l">"Pressures"</h2>
        <p class="govuk-body">"New cost arising in each year (not the running total). Home to school transport is added to these."</p>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.budget.as_ref().map_or(0, |b| b.pressures.len())))
            item=Callback::new(pressure) add_id="add-pressure" add_label="Add a pressure" add/>
    }
}

#[component]
fn Transport() -> impl IntoView {
    let planner = use_planner();
    let at = budget().field("transport");
    view! {
        <h2 class="govuk-heading-l">"Home to school transport"</h2>
        <Gate has=Signal::derive(move || planner.form.with(|f| f.budget.as_ref().is_some_and(|b| b.transport.is_some())))
            secondary=true add_id="add-transport" add_label="Add home to school transport"
            empty="Not modelled. Hampshire, 2017: a base adjustment of £2.4m, then about £0.9m a year."
            add=Callback::new(move |()| {
                planner.edit_in(|f| f.budget.as_mut(), BudgetForm::add_transport);
                budget().field("transport").field("base_adjustment")
            })>
            {fields(planner, &at, &[TransportForm::base_adjustment, TransportForm::growth_a_year], "")}
            <h3 class="govuk-heading-m">"Drivers"</h3>
            <p class="govuk-body">"SEN travellers and the cost of each, grown by their own rates, show why the cost is rising. Leave the travellers blank to leave the drivers out."</p>
            {fields(planner, &at, &[TransportForm::travellers, TransportForm::unit_cost, TransportForm::traveller_growth, TransportForm::unit_cost_growth], "")}
            <button type="button" class="govuk-button govuk-button--warning" id="remove-transport" on:click=move |_| {
                planner.edit_in(|f| f.budget.as_mut(), BudgetForm::remove_transport);
                focus_field_later("add-transport".into());
            }>"Remove home to school transport"</button>
        </Gate>
    }
}
