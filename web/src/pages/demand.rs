//! Demand: yearly series by measure and age band, their growth, projections by the method
//! the user chooses, and the chain from projected cases to posts. Fields come from
//! `csplan_validation`'s tables, figures from `csplan_calc::demand`, tables from
//! `csplan-present`.

use csplan_calc::demand::DemandReport;
use csplan_model::fmt::short;
use csplan_model::{DemandMeasure, ProjectionMethod};
use csplan_validation::demand_form::{DemandForm, SeriesForm};
use csplan_validation::fields::Path;
use leptos::prelude::*;

use crate::components::chart::{LineChart, Lines};
use crate::components::choice::{options_of, radios, select, RadioIds};
use crate::components::error_summary::focus_field_later;
use crate::components::field::{field, fields};
use crate::components::layout::PageHeading;
use crate::components::list::{card, remove_card, EditList, Gate};
use crate::components::live_table::LiveTable;
use crate::state::use_planner;

fn demand() -> Path {
    Path::root("demand")
}

/// The page.
#[component]
pub fn DemandPage() -> impl IntoView {
    let planner = use_planner();
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::demand::demand(s).ok().flatten()));
    view! {
        <PageHeading
            title="Demand"
            lead="Contacts, referrals, assessments, children in need, on plans and in care, year by year: how fast each is growing, where it may go next, and the social workers it would take."
        />
        <Gate has=Signal::derive(move || planner.form.with(|f| f.demand.is_some()))
            empty="This scenario has no demand figures yet. Load Portsmouth, June 2017, or start your own."
            add_id="add-demand" add_label="Add demand figures"
            add=Callback::new(move |()| {
                planner.edit(|f| f.demand = Some(DemandForm::new_section()));
                demand().at("years", 0)
            })>
            <Years/>
            <SeriesList/>
            <h2 class="govuk-heading-l">"Projection and posts"</h2>
            {fields(planner, &demand(), DemandForm::SETTINGS, "")}
            <Results report/>
            <LookedAfterVsDfe report/>
        </Gate>
    }
}

#[component]
fn Years() -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.demand.as_ref().map_or(0, |d| d.years.len()));
    let year = move |j: usize| field(planner, demand().at("years", j), &DemandForm::years, &(j + 1).to_string());
    view! {
        <h2 class="govuk-heading-l">"Years"</h2>
        <p class="govuk-body">"One figure a year, evenly spaced: a year like 2016, or a financial year like 2016/17."</p>
        <div class="app-inline-fields">
            <For each=move || 0..count() key=|j| *j children=move |j| year(j)/>
        </div>
        <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" id="add-year" on:click=move |_| {
                let j = planner.edit_in(|f| f.demand.as_mut(), DemandForm::add_year);
                focus_field_later(demand().at("series", 0).at("values", j).id());
            }>"Add a year"</button>
            <button type="button" class="govuk-button govuk-button--secondary" id="remove-year" on:click=move |_| {
                planner.edit_in(|f| f.demand.as_mut(), |d| d.remove_year(d.years.len().saturating_sub(1)));
                focus_field_later("add-year".into());
            }>"Remove the last year"</button>
        </div>
    }
}

#[component]
fn SeriesList() -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        Some(demand().at("series", planner.edit_in(|f| f.demand.as_mut(), DemandForm::add_series)).field("measure"))
    });
    view! {
        <h2 class="govuk-heading-l">"Series"</h2>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.demand.as_ref().map_or(0, |d| d.series.len())))
            item=Callback::new(|i| view! { <SeriesCard i/> }.into_any()) add_id="add-series" add_label="Add a series" add/>
    }
}

#[component]
fn SeriesCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let at = demand().at("series", i);
    let legend = Signal::derive(move || {
        planner.form.with(|f| {
            let s = f.demand.as_ref().and_then(|d| d.series.get(i));
            let measure = s.map(|s| s.measure.label()).unwrap_or_default();
            match s.map(|s| s.age_band.trim()).filter(|b| !b.is_empty()) {
                Some(band) => format!("{measure}, {band}"),
                None => measure.to_string(),
            }
        })
    });
    let years =
        Memo::new(move |_| planner.form.with(|f| f.demand.as_ref().map(|d| d.years.clone()).unwrap_or_default()));
    let value = {
        let at = at.clone();
        move |j: usize| {
            let label = years
                .with(|y| y.get(j).filter(|y| !y.trim().is_empty()).cloned())
                .unwrap_or_else(|| format!("Year {}", j + 1));
            field(planner, at.at("values", j), &SeriesForm::values, &label)
        }
    };
    let measures = options_of(&DemandMeasure::ALL, DemandMeasure::id, DemandMeasure::label);
    let methods = options_of(&ProjectionMethod::ALL, ProjectionMethod::id, ProjectionMethod::label);
    let body = view! {
        <div class="app-inline-fields">
            {select(planner, at.field("measure"), &SeriesForm::measure.info, "", Signal::derive(move || measures.clone()))}
            {fields(planner, &at, &[SeriesForm::age_band, SeriesForm::cases_per_unit], "")}
        </div>
        <div class="app-inline-fields">
            <For each=move || 0..years.with(Vec::len) key=|j| *j children=value.clone()/>
        </div>
        {radios(planner, at.field("method"), &SeriesForm::method.info, methods, true, RadioIds::Numbered)}
    }
    .into_any();
    let remove = remove_card(
        "Remove this series",
        legend,
        move || planner.edit_in(|f| f.demand.as_mut(), |d| d.remove_series(i)),
        "add-series",
    );
    card(legend, body, ().into_any(), remove)
}

#[component]
fn Results(report: Memo<Option<DemandReport>>) -> impl IntoView {
    let table = Memo::new(move |_| report.with(|r| r.as_ref().map(csplan_present::tables::demand)));
    let rates = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::demand_rates)));
    let chain = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::demand_posts)));
    // The chart: each measure's all-ages figures (a measure's total where it has age bands).
    let lines = Memo::new(move |_| {
        report.with(|r| {
            let Some(r) = r else { return Lines::default() };
            let totals: Vec<&csplan_calc::demand::SeriesResult> = {
                let all: Vec<_> = r.series.iter().filter(|s| s.label.ends_with("all ages")).collect();
                if all.is_empty() {
                    r.series.iter().take(4).collect()
                } else {
                    all.into_iter().take(4).collect()
                }
            };
            Lines {
                series: totals
                    .iter()
                    .map(|s| (s.label.clone(), s.values.iter().chain(&s.projected).copied().collect()))
                    .collect(),
                labels: r.years.iter().chain(&r.projected_years).cloned().collect(),
                label_every: 1,
                description: totals
                    .iter()
                    .map(|s| {
                        format!(
                            "{}: {} to {}, projected {}.",
                            s.label,
                            s.values.first().map(|v| short(*v, 0)).unwrap_or_default(),
                            s.values.last().map(|v| short(*v, 0)).unwrap_or_default(),
                            s.projected.last().map(|v| short(*v, 0)).unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
    });
    view! {
        <h2 class="govuk-heading-l">"Results"</h2>
        <LineChart id="demand-chart" title="Demand by year, with the projection" lines/>
        <LiveTable table/>
        <LiveTable table=rates/>
        <LiveTable table=chain/>
    }
}

/// Children looked after per 10,000 beside DfE's rates for the scenario's authority, its
/// region and England, in the years DfE's table covers. The table is fetched only when a
/// year of the scenario falls in it.
#[component]
fn LookedAfterVsDfe(report: Memo<Option<DemandReport>>) -> impl IntoView {
    let planner = use_planner();
    let dfe = crate::dfe::use_dfe();
    let relevant = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref().is_some_and(|r| {
                r.years.iter().any(|y| csplan_calc::demand::dfe_year(y).is_some_and(|y| (2019..=2023).contains(&y)))
            })
        })
    });
    move || {
        relevant.get().then(|| {
            let data = dfe.looked_after.data();
            view! {
                <h2 class="govuk-heading-l">"Children looked after, compared"</h2>
                {move || match data.get() {
                    crate::dfe::DfeData::Ready(rows) => {
                        let comparison = Memo::new(move |_| {
                            planner.scenario.with(|s| {
                                report.with(|r| {
                                    r.as_ref().map(|r| csplan_calc::demand::looked_after_comparison(&rows, s, r)).unwrap_or_default()
                                })
                            })
                        });
                        let table = Memo::new(move |_| {
                            let authority = planner.scenario.with(|s| s.authority.clone());
                            comparison.with(|c| Some(csplan_present::tables::looked_after(c, &authority)))
                        });
                        view! {
                            {move || comparison.with(|c| c.is_empty()).then(|| view! {
                                <p class="govuk-body">"DfE publishes children looked after per 10,000 for 2019 to 2023 by authority. Name the authority on the Caseloads page as DfE does (for example, Portsmouth) to compare."</p>
                            })}
                            <LiveTable table/>
                            <p class="govuk-body-s">{format!("Source: DfE, Children looked after in England including adoptions. {}", csplan_data::ATTRIBUTION)}</p>
                        }.into_any()
                    }
                    other => crate::dfe::status_view(&other, "dfe-looked-after-status").into_any(),
                }}
            }
        })
    }
}
