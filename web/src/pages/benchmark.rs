//! "Compare with DfE's published figures": pick an authority and year, see its workforce
//! measures beside its region, England and this scenario, with its rank and trend, and fill
//! in the planner from them. Figures come from `csplan_calc::benchmark`.

use std::sync::Arc;

use csplan_calc::benchmark::{benchmark, prefill_scenario, scenario_figure, Benchmark, BenchmarkMeasure};
use csplan_calc::WorkforceReport;
use csplan_data::{authorities_by_region, find_authority, years_of, WorkforceRow};
use csplan_model::fmt::short;
use csplan_model::Decimal;
use leptos::prelude::*;

use crate::dfe::{status_view, use_dfe, DfeData};
use crate::state::use_planner;

/// A published figure as people read it: rates to 1 place with "%", FTE to 2 places.
fn figure(unit: &str, value: Option<Decimal>) -> String {
    match value {
        None => "not published".into(),
        Some(v) if unit == "%" => format!("{}%", short(v, 1)),
        Some(v) if unit == "FTE" => short(v, 2),
        Some(v) => short(v, 1),
    }
}

/// The section.
#[component]
pub fn DfeComparison(report: Memo<Option<WorkforceReport>>) -> impl IntoView {
    let data = use_dfe().workforce.data();
    view! {
        <h2 class="govuk-heading-l" id="dfe">"Compare with DfE's published figures"</h2>
        <p class="govuk-body">
            "The Department for Education publishes every English authority's children's social work workforce each year, as at 30 September. Choose an authority to see its figures beside its region, England and this scenario, or to fill in the planner from them."
        </p>
        {move || match data.get() {
            DfeData::Ready(rows) => view! { <Picker rows report/> }.into_any(),
            other => status_view(&other, "dfe-status").into_any(),
        }}
    }
}

#[component]
fn Picker(rows: Arc<Vec<WorkforceRow>>, report: Memo<Option<WorkforceReport>>) -> impl IntoView {
    let planner = use_planner();
    // Start on the scenario's own authority when DfE knows it by that name.
    let start = planner.scenario.with_untracked(|s| find_authority(&rows, &s.authority).ok()).unwrap_or_default();
    let code = RwSignal::new(start);
    let year = RwSignal::new(String::new());
    let groups = authorities_by_region(&rows);
    let years = {
        let rows = Arc::clone(&rows);
        Memo::new(move |_| years_of(&rows, &code.get()))
    };
    let result = {
        let rows = Arc::clone(&rows);
        Memo::new(move |_| {
            let code = code.get();
            if code.is_empty() {
                return None;
            }
            benchmark(&rows, &code, year.get().parse().ok()).ok()
        })
    };
    let status = RwSignal::new(String::new());
    let fill = {
        let rows = Arc::clone(&rows);
        move |_| {
            let Some(b) = result.get_untracked() else { return };
            if let Ok(s) = prefill_scenario(&rows, &b.code, Some(b.year)) {
                planner.load_scenario(&s, format!("{}, DfE figures for {}", b.authority, b.year));
                status.set(format!(
                    "Filled in from {}'s figures for 30 September {}. Costs are not published: enter your own.",
                    b.authority, b.year
                ));
            }
        }
    };
    view! {
        <div class="app-inline-fields">
            <div class="govuk-form-group">
                <label class="govuk-label" for="dfe-authority">"Local authority"</label>
                <select class="govuk-select" id="dfe-authority" on:change=move |e| {
                    code.set(event_target_value(&e));
                    year.set(String::new());
                    status.set(String::new());
                }>
                    <option value="" selected=move || code.get().is_empty()>"Choose an authority"</option>
                    {groups.into_iter().map(|g| view! {
                        <optgroup label=g.region>
                            {g.authorities.into_iter().map(|(c, name)| {
                                let this = c.clone();
                                view! { <option value=c selected=move || code.get() == this>{name}</option> }
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="dfe-year">"Year (30 September)"</label>
                <select class="govuk-select" id="dfe-year" on:change=move |e| year.set(event_target_value(&e))>
                    <option value="" selected=move || year.get().is_empty()>"Latest"</option>
                    {move || years.get().into_iter().rev().map(|y| {
                        let value = y.to_string();
                        let this = value.clone();
                        view! { <option value=value selected=move || year.get() == this>{y}</option> }
                    }).collect_view()}
                </select>
            </div>
        </div>
        {move || result.get().map(|b| {
            let label = format!("Fill in the planner from {}'s {} figures", b.authority, b.year);
            view! {
                <Figures b=b.clone() report/>
                <div class="govuk-hint" id="dfe-fill-hint">"This replaces all the figures on every page, as loading a saved scenario does."</div>
                <button type="button" class="govuk-button govuk-button--secondary" id="dfe-fill" aria-describedby="dfe-fill-hint" on:click=fill.clone()>{label}</button>
            }
        })}
        <p class="govuk-body" id="dfe-fill-status" role="status" aria-live="polite">{move || status.get()}</p>
    }
}

#[component]
fn Figures(b: Benchmark, report: Memo<Option<WorkforceReport>>) -> impl IntoView {
    let ours = move |m: &BenchmarkMeasure| {
        report.with(|r| r.as_ref().and_then(|r| scenario_figure(m.key, &r.total))).map(|v| figure(m.unit, Some(v)))
    };
    let years: Vec<u16> = b.measures.first().map(|m| m.trend.iter().map(|t| t.year).collect()).unwrap_or_default();
    let rows = b
        .measures
        .iter()
        .map(|m| {
            let m2 = m.clone();
            let rank = m.rank.map_or_else(|| "-".to_string(), |r| format!("{r} of {}", m.of));
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{m.label}</th>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{figure(m.unit, m.authority)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{figure(m.unit, m.region)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{figure(m.unit, m.england)}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{rank}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{move || ours(&m2).unwrap_or_else(|| "-".into())}</td>
                </tr>
            }
        })
        .collect_view();
    let trend = b
        .measures
        .iter()
        .map(|m| {
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{m.label}</th>
                    {m.trend.iter().map(|t| view! { <td class="govuk-table__cell govuk-table__cell--numeric">{figure(m.unit, t.value)}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let caption = format!("{} beside {} and England, 30 September {}", b.authority, b.region, b.year);
    let trend_caption = format!("{} by year", b.authority);
    view! {
        <div class="app-table-scroll" tabindex="0" role="region" aria-labelledby="benchmark-caption">
            <table class="govuk-table" id="benchmark-table">
                <caption class="govuk-table__caption govuk-table__caption--m" id="benchmark-caption">{caption}</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Measure"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">{b.authority.clone()}</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">{b.region.clone()}</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"England"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Rank (1 = lowest)"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"This scenario"</th>
                </tr></thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        </div>
        <div class="app-table-scroll" tabindex="0" role="region" aria-labelledby="trend-caption">
            <table class="govuk-table" id="trend-table">
                <caption class="govuk-table__caption govuk-table__caption--s" id="trend-caption">{trend_caption}</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Measure"</th>
                    {years.into_iter().map(|y| view! { <th scope="col" class="govuk-table__header govuk-table__header--numeric">{y}</th> }).collect_view()}
                </tr></thead>
                <tbody class="govuk-table__body">{trend}</tbody>
            </table>
        </div>
        <p class="govuk-body-s">{format!("Source: {}. {}", b.source, b.attribution)}</p>
    }
}
