//! Children in care: the number looked after projected month by month by placement type as
//! stocks and flows (entrants, exits, moves between types), with a 95% band and the cost
//! of the path by financial year, and a link to the child-level model from the council's
//! own SSDA903 records (`care_records`, a download of its own). Fields come from `csplan_validation`'s tables, figures
//! from `csplan_calc::care_flows`, tables from `csplan-present`.

use csplan_calc::care_flows::FlowProjection;
use csplan_model::fmt::short;
use csplan_validation::demand_form::{CareFlowsForm, CareMoveForm, CareTypeForm};
use csplan_validation::fields::Path;
use leptos::prelude::*;

use crate::components::chart::{LineChart, Lines};
use crate::components::choice::{select, Options};
use crate::components::field::{field, fields};
use crate::components::layout::PageHeading;
use crate::components::list::{card, name_or, remove_card, remove_row, EditList, Gate};
use crate::components::live_table::LiveTable;
use crate::route::{use_route_context, Page};
use crate::state::use_planner;

fn flows() -> Path {
    Path::root("care_flows")
}

/// The page.
#[component]
pub fn ChildrenInCarePage() -> impl IntoView {
    let planner = use_planner();
    let projection = Memo::new(move |_| {
        planner
            .scenario
            .with(|s| s.care_flows.as_ref().and_then(|c| csplan_calc::care_flows::project_flows_from(&s.as_at, c).ok()))
    });
    view! {
        <PageHeading
            title="Children in care"
            lead="How many children may be looked after, month by month and by type of placement, from the children starting care, leaving it and moving between placements, and what that path costs."
        />
        <Gate has=Signal::derive(move || planner.form.with(|f| f.care_flows.is_some()))
            empty="This scenario has no stock-flow model yet. Start one from the placement lines on the Cost of care page (or from nothing), then enter how many children start each month and the share who leave."
            add_id="add-flows" add_label="Start the model"
            add=Callback::new(move |()| {
                planner.edit(|f| f.care_flows = Some(CareFlowsForm::from_placement_lines(f.placements.as_ref())));
                flows().at("types", 0).field("entrants_per_month")
            })>
            <Types/>
            <Estimate/>
            <Moves/>
            <Results projection/>
        </Gate>
        <h2 class="govuk-heading-l" id="care-records-heading">"From your own SSDA903 records"</h2>
        <p class="govuk-body">"A child-level projection by age band and placement, from the header and episodes tables of your SSDA903 return, read in this browser and never uploaded: "
            <a class="govuk-link" id="care-records-link" href=Page::CareRecords.href() on:click=use_route_context().link(Page::CareRecords)>
                "children in care from your records"</a>"."</p>
    }
}

#[component]
fn Types() -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        Some(flows().at("types", planner.edit_in(|f| f.care_flows.as_mut(), CareFlowsForm::add_type)).field("name"))
    });
    let card_of = move |i: usize| {
        let at = flows().at("types", i);
        let legend = name_or(planner, at.field("name"), format!("Placement type {}", i + 1));
        let remove = remove_card(
            "Remove this type",
            legend,
            move || planner.edit_in(|f| f.care_flows.as_mut(), |c| c.remove_type(i)),
            "add-type",
        );
        card(legend, fields(planner, &at, CareTypeForm::TEXT_FIELDS, ""), ().into_any(), remove)
    };
    view! {
        <h2 class="govuk-heading-l">"Placement types"</h2>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.care_flows.as_ref().map_or(0, |c| c.types.len())))
            item=Callback::new(card_of) add_id="add-type" add_label="Add a placement type" add/>
    }
}

#[component]
fn Moves() -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        Some(flows().at("moves", planner.edit_in(|f| f.care_flows.as_mut(), CareFlowsForm::add_move)).field("from"))
    });
    let types = Signal::derive(move || -> Options {
        planner.form.with(|f| {
            f.care_flows
                .iter()
                .flat_map(|c| c.types.iter().enumerate())
                .map(|(i, t)| (i.to_string(), csplan_validation::fields::label(&t.name, "Type", i)))
                .collect()
        })
    });
    let row = move |j: usize| {
        let at = flows().at("moves", j);
        let name = format!("move {}", j + 1);
        view! {
            <div class="app-inline-fields">
                {select(planner, at.field("from"), &CareMoveForm::from.info, &(j + 1).to_string(), types)}
                {select(planner, at.field("to"), &CareMoveForm::to.info, "", types)}
                {field(planner, at.field("rate"), &CareMoveForm::rate.info, "")}
                {remove_row(name, move || planner.edit_in(|f| f.care_flows.as_mut(), |c| c.remove_move(j)), "add-move")}
            </div>
        }
        .into_any()
    };
    view! {
        <h2 class="govuk-heading-l">"Moves between placements"</h2>
        <p class="govuk-body">"The share of one type's children who move to another each month, such as from residential care to foster care."</p>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.care_flows.as_ref().map_or(0, |c| c.moves.len())))
            item=Callback::new(row) add_id="add-move" add_label="Add a move" add/>
        {fields(planner, &flows(), &[CareFlowsForm::months], "")}
    }
}

#[component]
fn Results(projection: Memo<Option<FlowProjection>>) -> impl IntoView {
    let months = Memo::new(move |_| projection.with(|p| p.as_ref().map(csplan_present::tables::flows)));
    let years = Memo::new(move |_| projection.with(|p| p.as_ref().and_then(csplan_present::tables::flows_years)));
    let lines = Memo::new(move |_| {
        projection.with(|p| {
            let Some(p) = p else { return Lines::default() };
            let pick = |get: fn(&csplan_calc::care_flows::FlowMonth) -> csplan_model::Decimal| {
                p.months.iter().map(get).collect::<Vec<_>>()
            };
            Lines {
                series: vec![
                    ("Children looked after".into(), pick(|m| m.total)),
                    ("95% band, high".into(), pick(|m| m.high)),
                    ("95% band, low".into(), pick(|m| m.low)),
                ],
                labels: p.months.iter().map(|m| m.month.to_string()).collect(),
                label_every: 6,
                description: format!("{} The table below gives every month.", p.explanation),
            }
        })
    });
    let explanation = move || projection.with(|p| p.as_ref().map(|p| p.explanation.clone()).unwrap_or_default());
    let costed = Memo::new(move |_| years.with(Option::is_some));
    view! {
        <h2 class="govuk-heading-l">"Projection"</h2>
        <p class="govuk-body" id="flows-summary">{explanation}</p>
        <LineChart id="flows-chart" title="Children looked after by month, with a 95% band" lines/>
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Show every month as a table"</span></summary>
            <div class="govuk-details__text">
                <LiveTable table=months small=true no_csv=true/>
            </div>
        </details>
        <crate::components::csv::CsvLink id="flows-csv" file="csplan-children-in-care.csv" label=Signal::derive(|| "Download the projection (CSV)".to_string())
            csv=Signal::derive(move || months.with(|t| t.as_ref().map(csplan_present::Table::csv).unwrap_or_default()))/>
        {move || if costed.get() {
            view! { <LiveTable table=years/> }.into_any()
        } else {
            view! { <p class="govuk-body-s">"Enter a cost for every placement type to see the cost by financial year."</p> }.into_any()
        }}
    }
}

/// Entrants and exit rates estimated from an authority's DfE counts, put into the types.
#[component]
fn Estimate() -> impl IntoView {
    let data = crate::dfe::use_dfe().looked_after.data();
    view! {
        <h2 class="govuk-heading-l" id="estimate">"Estimate the flows from DfE figures"</h2>
        <p class="govuk-body">"DfE publishes how many children each authority looked after at 31 March and how many started and stopped being looked after in each year. From those, csplan estimates the children starting care a month and the share leaving each month."</p>
        {move || match data.get() {
            crate::dfe::DfeData::Ready(rows) => view! { <EstimatePicker rows/> }.into_any(),
            other => crate::dfe::status_view(&other, "estimate-status").into_any(),
        }}
    }
}

#[component]
fn EstimatePicker(rows: std::sync::Arc<Vec<csplan_data::ClaRow>>) -> impl IntoView {
    let planner = use_planner();
    let authorities = csplan_data::cla_authorities(&rows);
    let start = planner.scenario.with_untracked(|s| {
        authorities.iter().find(|(_, name)| name.eq_ignore_ascii_case(s.authority.trim())).map(|(c, _)| c.clone())
    });
    let code = RwSignal::new(start.unwrap_or_default());
    let estimate = {
        let rows = std::sync::Arc::clone(&rows);
        Memo::new(move |_| {
            let code = code.get();
            if code.is_empty() {
                return None;
            }
            csplan_calc::care_flows::estimate_rates(&csplan_calc::care_flows::dfe_history(&rows, &code)).ok().flatten()
        })
    };
    let status = RwSignal::new(String::new());
    let history = Memo::new(move |_| estimate.with(|e| e.as_ref().map(csplan_present::tables::estimate)));
    let apply = move |_| {
        let Some(e) = estimate.get_untracked() else { return };
        let mut outcome = Ok(());
        planner.edit_in(
            |f| f.care_flows.as_mut(),
            |c| outcome = c.apply_estimate(e.entrants_per_month, e.exit_rate.value()),
        );
        status.set(match outcome {
            Ok(()) => format!(
                "Used: {} children starting care a month, shared across the types by the children in each now; {} leaving each month.",
                short(e.entrants_per_month, 2),
                e.exit_rate.display(2)
            ),
            Err(message) => message,
        });
    };
    view! {
        <div class="govuk-form-group">
            <label class="govuk-label" for="estimate-authority">"Local authority"</label>
            <select class="govuk-select" id="estimate-authority" on:change=move |e| { code.set(event_target_value(&e)); status.set(String::new()); }>
                <option value="" selected=move || code.get().is_empty()>"Choose an authority"</option>
                {authorities.into_iter().map(|(c, name)| {
                    let this = c.clone();
                    view! { <option value=c selected=move || code.get() == this>{name}</option> }
                }).collect_view()}
            </select>
        </div>
        {move || estimate.get().map(|e| view! {
            <LiveTable table=history no_notes=true/>
            <p class="govuk-body" id="estimate-summary">{format!("{}.", e.explanation)}</p>
            <button type="button" class="govuk-button govuk-button--secondary" id="use-estimate" on:click=apply>"Use these rates"</button>
        })}
        <p class="govuk-body" id="estimate-status-message" role="status" aria-live="polite">{move || status.get()}</p>
        <p class="govuk-body-s">{format!("Source: DfE, Children looked after in England including adoptions, 2019 to 2023. {}", csplan_data::ATTRIBUTION)}</p>
    }
}
