//! Children in care: the number looked after projected month by month by placement type as
//! stocks and flows (entrants, exits, moves between types), with a 95% band and the cost
//! of the path by financial year. Figures come from `csplan_calc::care_flows`.

use csplan_calc::care_flows::FlowProjection;
use csplan_model::fmt::short;
use csplan_validation::demand_form::{CareFlowsForm, CareMoveForm, CareTypeForm};
use csplan_validation::field_id;
use csplan_validation::form::ScenarioForm;
use leptos::prelude::*;

use crate::components::chart::{LineChart, Lines};
use crate::components::csv::{table_csv, CsvLink};
use crate::components::error_summary::{focus_field_later, ErrorSummary};
use crate::components::field::{bound_field, item_field, number, words, FieldSpec, Item};
use crate::components::layout::{use_document_title, PageHeading};
use crate::components::live_table::{Cells, LiveTable};
use crate::components::preset::PresetLoader;
use crate::state::{use_planner, Planner};

const TYPE: Item<CareTypeForm> =
    Item { find: |f, i| f.care_flows.as_ref()?.types.get(i), find_mut: |f, i| f.care_flows.as_mut()?.types.get_mut(i) };

fn edit_flows(planner: Planner, edit: impl FnOnce(&mut CareFlowsForm)) {
    planner.form.update(|f| {
        if let Some(c) = f.care_flows.as_mut() {
            edit(c);
        }
    });
}

/// The page.
#[component]
pub fn ChildrenInCarePage() -> impl IntoView {
    let planner = use_planner();
    use_document_title("Children in care", move || planner.errors.with(|e| !e.is_empty()));
    let projection = Memo::new(move |_| {
        planner
            .scenario
            .with(|s| s.care_flows.as_ref().and_then(|c| csplan_calc::care_flows::project_flows_from(&s.as_at, c).ok()))
    });
    let has = Memo::new(move |_| planner.form.with(|f| f.care_flows.is_some()));
    view! {
        <PageHeading
            title="Children in care"
            lead="How many children may be looked after, month by month and by type of placement, from the children starting care, leaving it and moving between placements, and what that path costs."
        />
        <ErrorSummary errors=planner.errors/>
        <PresetLoader/>
        {move || if has.get() {
            view! { <Types/> <Estimate/> <Moves/> <Results projection/> }.into_any()
        } else {
            view! {
                <p class="govuk-body">"This scenario has no stock-flow model yet. Start one from the placement lines on the Cost of care page (or from nothing), then enter how many children start each month and the share who leave."</p>
                <button type="button" class="govuk-button" id="add-flows" on:click=move |_| {
                    planner.form.update(|f| f.care_flows = Some(CareFlowsForm::from_placement_lines(f.placements.as_ref())));
                    focus_field_later(field_id("care_flows.types[0].entrants_per_month"));
                }>"Start the model"</button>
            }.into_any()
        }}
    }
}

#[component]
fn Types() -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.care_flows.as_ref().map_or(0, |c| c.types.len()));
    view! {
        <h2 class="govuk-heading-l">"Placement types"</h2>
        <For each=move || 0..count() key=|i| *i children=move |i| view! { <TypeCard i/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-type" on:click=move |_| {
            let mut i = 0;
            edit_flows(planner, |c| i = c.add_type());
            focus_field_later(field_id(&format!("care_flows.types[{i}].name")));
        }>"Add a placement type"</button>
    }
}

#[component]
fn TypeCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let field =
        move |name: &str, spec: FieldSpec, get: fn(&CareTypeForm) -> &String, set: fn(&mut CareTypeForm, String)| {
            item_field(planner, format!("care_flows.types[{i}].{name}"), spec, (TYPE, i), get, set)
        };
    let legend = move || {
        planner.form.with(|f| {
            match f.care_flows.as_ref().and_then(|c| c.types.get(i)).map(|t| t.name.trim().to_string()) {
                Some(n) if !n.is_empty() => n,
                _ => format!("Placement type {}", i + 1),
            }
        })
    };
    view! {
        <div class="app-card">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h3 class="govuk-fieldset__heading">{legend}</h3>
                </legend>
                {field("name", FieldSpec { width: Some("govuk-!-width-two-thirds"), ..words("Name") }, |t| &t.name, |t, v| t.name = v)}
                <div class="app-inline-fields">
                    {field("children", FieldSpec { hint: Some("Now".into()), ..number("Children", "govuk-input--width-5") }, |t| &t.children, |t, v| t.children = v)}
                    {field("entrants_per_month", FieldSpec { hint: Some("Starting care in this type".into()), ..number("Entrants a month", "govuk-input--width-4") }, |t| &t.entrants_per_month, |t, v| t.entrants_per_month = v)}
                    {field("exit_rate", FieldSpec { hint: Some("Share leaving care each month".into()), suffix: Some("%"), ..number("Exit rate", "govuk-input--width-4") }, |t| &t.exit_rate, |t, v| t.exit_rate = v)}
                    {field("annual_cost", FieldSpec { hint: Some("A placement, a year".into()), prefix: Some("£"), ..number("Cost", "govuk-input--width-10") }, |t| &t.annual_cost, |t, v| t.annual_cost = v)}
                </div>
            </fieldset>
            <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| {
                edit_flows(planner, |c| c.remove_type(i));
                focus_field_later("add-type".into());
            }>"Remove this type" <span class="govuk-visually-hidden">{move || format!(" ({})", legend())}</span></button>
        </div>
    }
}

#[component]
fn Moves() -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.care_flows.as_ref().map_or(0, |c| c.moves.len()));
    let months = bound_field(
        planner,
        "care_flows.months".into(),
        FieldSpec { suffix: Some("months"), ..number("Project for", "govuk-input--width-3") },
        |f: &ScenarioForm| f.care_flows.as_ref().map(|c| c.months.clone()),
        |f: &mut ScenarioForm, v| {
            if let Some(c) = f.care_flows.as_mut() {
                c.months = v;
            }
        },
    );
    view! {
        <h2 class="govuk-heading-l">"Moves between placements"</h2>
        <p class="govuk-body">"The share of one type's children who move to another each month, such as from residential care to foster care."</p>
        <For each=move || 0..count() key=|j| *j children=move |j| view! { <MoveRow j/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-move" on:click=move |_| {
            let mut j = 0;
            edit_flows(planner, |c| {
                c.moves.push(CareMoveForm { from: 0, to: usize::from(c.types.len() > 1), rate: String::new() });
                j = c.moves.len() - 1;
            });
            focus_field_later(field_id(&format!("care_flows.moves[{j}].from")));
        }>"Add a move"</button>
        {months}
    }
}

#[component]
fn MoveRow(j: usize) -> impl IntoView {
    let planner = use_planner();
    let names = move || {
        planner.form.with(|f| {
            f.care_flows
                .as_ref()
                .map(|c| {
                    c.types
                        .iter()
                        .enumerate()
                        .map(|(i, t)| if t.name.trim().is_empty() { format!("Type {}", i + 1) } else { t.name.clone() })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let current =
        move || planner.form.with(|f| f.care_flows.as_ref().and_then(|c| c.moves.get(j)).cloned().unwrap_or_default());
    let select = move |which: &'static str| {
        let id = field_id(&format!("care_flows.moves[{j}].{which}"));
        let label = if which == "from" { format!("Move {}: from", j + 1) } else { "To".to_string() };
        let chosen = move || if which == "from" { current().from } else { current().to };
        view! {
            <div class="govuk-form-group">
                <label class="govuk-label" for=id.clone()>{label}</label>
                <select class="govuk-select" id=id on:change=move |e| {
                    if let Ok(i) = event_target_value(&e).parse::<usize>() {
                        edit_flows(planner, |c| if let Some(m) = c.moves.get_mut(j) {
                            if which == "from" { m.from = i } else { m.to = i }
                        });
                    }
                }>
                    {move || names().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string() selected=move || chosen() == i>{n}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <div class="app-inline-fields">
            {select("from")}
            {select("to")}
            {bound_field(
                planner,
                format!("care_flows.moves[{j}].rate"),
                FieldSpec { suffix: Some("% a month"), ..number("Rate", "govuk-input--width-3") },
                move |f: &ScenarioForm| f.care_flows.as_ref().and_then(|c| c.moves.get(j)).map(|m| m.rate.clone()),
                move |f: &mut ScenarioForm, v| {
                    if let Some(m) = f.care_flows.as_mut().and_then(|c| c.moves.get_mut(j)) {
                        m.rate = v;
                    }
                },
            )}
            <button type="button" class="govuk-button govuk-button--secondary app-align-end" on:click=move |_| {
                edit_flows(planner, |c| if j < c.moves.len() { c.moves.remove(j); });
                focus_field_later("add-move".into());
            }>"Remove" <span class="govuk-visually-hidden">{format!(" move {}", j + 1)}</span></button>
        </div>
    }
}

#[component]
fn Results(projection: Memo<Option<FlowProjection>>) -> impl IntoView {
    let headers = Signal::derive(move || {
        projection.with(|p| {
            let mut h = vec!["Month".to_string()];
            if let Some(p) = p {
                h.extend(p.types.iter().cloned());
            }
            h.extend(["All".to_string(), "95% band".to_string(), "Cost that month".to_string()]);
            h
        })
    });
    let cells = Memo::new(move |_| {
        projection.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.months
                        .iter()
                        .map(|m| {
                            let mut row = vec![m.month.to_string()];
                            row.extend(m.by_type.iter().map(|v| short(*v, 1)));
                            row.push(short(m.total, 1));
                            row.push(format!("{} to {}", short(m.low, 1), short(m.high, 1)));
                            row.push(m.cost.map_or_else(|| "-".into(), |c| c.display_pounds()));
                            row
                        })
                        .collect::<Cells>()
                })
                .unwrap_or_default()
        })
    });
    let years = Memo::new(move |_| {
        projection.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.financial_years
                        .iter()
                        .map(|y| vec![y.year.clone(), y.months.to_string(), y.cost.display_pounds()])
                        .collect()
                })
                .unwrap_or_default()
        })
    });
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
    let csv = Signal::derive(move || cells.with(|rows| table_csv(&headers.get(), rows)));
    let explanation = move || projection.with(|p| p.as_ref().map(|p| p.explanation.clone()).unwrap_or_default());
    let costed = Memo::new(move |_| projection.with(|p| p.as_ref().is_some_and(|p| !p.financial_years.is_empty())));
    view! {
        <h2 class="govuk-heading-l">"Projection"</h2>
        <p class="govuk-body" id="flows-summary">{explanation}</p>
        <LineChart id="flows-chart" title="Children looked after by month, with a 95% band" lines/>
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Show every month as a table"</span></summary>
            <div class="govuk-details__text">
                <LiveTable no_csv=true id="flows-table" caption="Children looked after by month (month 0 is now)" small=true headers cells/>
            </div>
        </details>
        <CsvLink id="flows-csv" file="csplan-children-in-care.csv" label="Download the projection (CSV)" csv/>
        {move || if costed.get() {
            view! {
                <LiveTable id="flows-years-table" caption="Cost of the path by financial year (April to March)"
                    headers=Signal::derive(|| ["Year", "Months", "Cost"].map(String::from).to_vec()) cells=years/>
            }.into_any()
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
    let history = Memo::new(move |_| {
        estimate.with(|e| {
            e.as_ref()
                .map(|e| {
                    e.years
                        .iter()
                        .map(|y| {
                            vec![
                                format!("Year to 31 March {}", y.year),
                                short(y.start, 0),
                                short(y.entrants, 0),
                                short(y.exits, 0),
                            ]
                        })
                        .collect::<Cells>()
                })
                .unwrap_or_default()
        })
    });
    let apply = move |_| {
        let Some(e) = estimate.get_untracked() else { return };
        let mut outcome = Ok(());
        edit_flows(planner, |c| outcome = c.apply_estimate(e.entrants_per_month, e.exit_rate.value()));
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
            <LiveTable id="estimate-table" caption="Children looked after, DfE counts"
                headers=Signal::derive(|| ["Year", "Looked after at the start", "Started", "Stopped"].map(String::from).to_vec()) cells=history/>
            <p class="govuk-body" id="estimate-summary">{format!("{}.", e.explanation)}</p>
            <button type="button" class="govuk-button govuk-button--secondary" id="use-estimate" on:click=apply>"Use these rates"</button>
        })}
        <p class="govuk-body" id="estimate-status-message" role="status" aria-live="polite">{move || status.get()}</p>
        <p class="govuk-body-s">{format!("Source: DfE, Children looked after in England including adoptions, 2019 to 2023. {}", csplan_data::ATTRIBUTION)}</p>
    }
}
