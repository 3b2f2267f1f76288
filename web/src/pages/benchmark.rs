//! "Compare with DfE's published figures": pick an authority and year, see its workforce
//! measures beside its region, England and this scenario, with its rank and trend, and fill
//! in the planner from them. Figures come from `csplan_calc::benchmark`.

use std::sync::Arc;

use csplan_calc::benchmark::{benchmark, prefill_scenario, scenario_figure, Benchmark};
use csplan_calc::WorkforceReport;
use csplan_data::{authorities_by_region, find_authority, years_of, WorkforceRow};
use leptos::prelude::*;

use crate::components::live_table::LiveTable;
use crate::dfe::{status_view, use_dfe, DfeData};
use crate::state::use_planner;

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
    // The home page's "Fill in the planner from your authority's DfE figures" lands here,
    // once DfE's table has come and the list is drawn.
    if window().location().hash().is_ok_and(|h| h == "#dfe-authority") {
        crate::components::error_summary::focus_field_later("dfe-authority".to_string());
    }
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
                status.set(match planner.load_scenario(&s, format!("{}'s DfE figures for {}", b.authority, b.year)) {
                    Ok(()) => format!(
                        "Filled in from {}'s figures for 30 September {}. Costs are not published: enter your own.{}",
                        b.authority,
                        b.year,
                        if planner.undo.with_untracked(Option::is_some) { " Your earlier figures are kept in this browser: put them back from the top of the page or from Save and share." } else { "" }
                    ),
                    Err(message) => message,
                });
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
                <div class="govuk-hint" id="dfe-fill-hint">"This replaces all the figures on every page. Yours are kept in this browser first, to put back."</div>
                <button type="button" class="govuk-button govuk-button--secondary" id="dfe-fill" aria-describedby="dfe-fill-hint" on:click=fill.clone()>{label}</button>
            }
        })}
        <p class="govuk-body" id="dfe-fill-status" role="status" aria-live="polite">{move || status.get()}</p>
    }
}

#[component]
fn Figures(b: Benchmark, report: Memo<Option<WorkforceReport>>) -> impl IntoView {
    let b = StoredValue::new(b);
    let table = Memo::new(move |_| {
        report.with(|r| {
            let ours = |key: &str| r.as_ref().and_then(|r| scenario_figure(key, &r.total));
            b.with_value(|b| Some(csplan_present::tables::benchmark(b, &ours)))
        })
    });
    let trend = Memo::new(move |_| b.with_value(|b| Some(csplan_present::tables::trend(b))));
    view! {
        <LiveTable table/>
        <LiveTable table=trend small=true/>
    }
}
