//! Demand: yearly series by measure and age band, their growth, projections by the method
//! the user chooses, and the chain from projected cases to posts. Figures come from
//! `csplan_calc::demand`; this page lays them out.

use csplan_calc::demand::DemandReport;
use csplan_model::fmt::short;
use csplan_model::{DemandMeasure, ProjectionMethod};
use csplan_validation::demand_form::{DemandForm, SeriesForm};
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

const SERIES: Item<SeriesForm> =
    Item { find: |f, i| f.demand.as_ref()?.series.get(i), find_mut: |f, i| f.demand.as_mut()?.series.get_mut(i) };
const DEMAND: Item<DemandForm> = Item { find: |f, _| f.demand.as_ref(), find_mut: |f, _| f.demand.as_mut() };

fn edit_demand(planner: Planner, edit: impl FnOnce(&mut DemandForm)) {
    planner.form.update(|f| {
        if let Some(d) = f.demand.as_mut() {
            edit(d);
        }
    });
}

fn percent(v: Option<csplan_model::Decimal>) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{}%", short(v, 1)))
}

/// The page.
#[component]
pub fn DemandPage() -> impl IntoView {
    let planner = use_planner();
    use_document_title("Demand", move || planner.errors.with(|e| !e.is_empty()));
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::demand::demand(s).ok().flatten()));
    let has = Memo::new(move |_| planner.form.with(|f| f.demand.is_some()));
    view! {
        <PageHeading
            title="Demand"
            lead="Contacts, referrals, assessments, children in need, on plans and in care, year by year: how fast each is growing, where it may go next, and the social workers it would take."
        />
        <ErrorSummary errors=planner.errors/>
        <PresetLoader/>
        {move || if has.get() {
            view! { <Years/> <SeriesList/> <Settings/> <Results report/> <LookedAfterVsDfe report/> }.into_any()
        } else {
            view! {
                <p class="govuk-body">"This scenario has no demand figures yet. Load Portsmouth, June 2017, or start your own."</p>
                <button type="button" class="govuk-button" id="add-demand" on:click=move |_| {
                    planner.form.update(|f| f.demand = Some(DemandForm::new_section()));
                    focus_field_later(field_id("demand.years[0]"));
                }>"Add demand figures"</button>
            }.into_any()
        }}
    }
}

#[component]
fn Years() -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.demand.as_ref().map_or(0, |d| d.years.len()));
    let year = move |j: usize| {
        bound_field(
            planner,
            format!("demand.years[{j}]"),
            FieldSpec { width: Some("govuk-input--width-5"), ..words(&format!("Year {}", j + 1)) },
            move |f: &ScenarioForm| f.demand.as_ref().and_then(|d| d.years.get(j)).cloned(),
            move |f: &mut ScenarioForm, v| {
                if let Some(y) = f.demand.as_mut().and_then(|d| d.years.get_mut(j)) {
                    *y = v;
                }
            },
        )
    };
    view! {
        <h2 class="govuk-heading-l">"Years"</h2>
        <p class="govuk-body">"One figure a year, evenly spaced: a year like 2016, or a financial year like 2016/17."</p>
        <div class="app-inline-fields">
            <For each=move || 0..count() key=|j| *j children=move |j| year(j)/>
        </div>
        <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" id="add-year" on:click=move |_| {
                let mut j = 0;
                edit_demand(planner, |d| j = d.add_year());
                focus_field_later(field_id(&format!("demand.series[0].values[{j}]")));
            }>"Add a year"</button>
            <button type="button" class="govuk-button govuk-button--secondary" id="remove-year" on:click=move |_| {
                edit_demand(planner, |d| d.remove_year(d.years.len().saturating_sub(1)));
                focus_field_later("add-year".into());
            }>"Remove the last year"</button>
        </div>
    }
}

#[component]
fn SeriesList() -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.demand.as_ref().map_or(0, |d| d.series.len()));
    view! {
        <h2 class="govuk-heading-l">"Series"</h2>
        <For each=move || 0..count() key=|i| *i children=move |i| view! { <SeriesCard i/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-series" on:click=move |_| {
            let mut i = 0;
            edit_demand(planner, |d| i = d.add_series());
            focus_field_later(field_id(&format!("demand.series[{i}].measure")));
        }>"Add a series"</button>
    }
}

#[component]
fn SeriesCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let read = move |get: fn(&SeriesForm) -> String| {
        planner.form.with(|f| f.demand.as_ref().and_then(|d| d.series.get(i)).map(get).unwrap_or_default())
    };
    let edit = move |apply: &dyn Fn(&mut SeriesForm)| {
        edit_demand(planner, |d| {
            if let Some(s) = d.series.get_mut(i) {
                apply(s);
            }
        });
    };
    let legend = move || {
        let measure = read(|s| s.measure.label().to_string());
        let band = read(|s| s.age_band.trim().to_string());
        if band.is_empty() {
            measure
        } else {
            format!("{measure}, {band}")
        }
    };
    let measure_id = field_id(&format!("demand.series[{i}].measure"));
    let method_name = field_id(&format!("demand.series[{i}].method"));
    let years = move || planner.form.with(|f| f.demand.as_ref().map(|d| d.years.clone()).unwrap_or_default());
    let value = move |j: usize| {
        let label =
            years().get(j).filter(|y| !y.trim().is_empty()).cloned().unwrap_or_else(|| format!("Year {}", j + 1));
        bound_field(
            planner,
            format!("demand.series[{i}].values[{j}]"),
            number(&label, "govuk-input--width-5"),
            move |f: &ScenarioForm| {
                f.demand.as_ref().and_then(|d| d.series.get(i)).and_then(|s| s.values.get(j)).cloned()
            },
            move |f: &mut ScenarioForm, v| {
                if let Some(x) = f.demand.as_mut().and_then(|d| d.series.get_mut(i)).and_then(|s| s.values.get_mut(j)) {
                    *x = v;
                }
            },
        )
    };
    let field =
        move |name: &str, spec: FieldSpec, get: fn(&SeriesForm) -> &String, set: fn(&mut SeriesForm, String)| {
            item_field(planner, format!("demand.series[{i}].{name}"), spec, (SERIES, i), get, set)
        };
    view! {
        <div class="app-card">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h3 class="govuk-fieldset__heading">{legend}</h3>
                </legend>
                <div class="app-inline-fields">
                    <div class="govuk-form-group">
                        <label class="govuk-label" for=measure_id.clone()>"Measure"</label>
                        <select class="govuk-select" id=measure_id on:change=move |e| {
                            if let Some(m) = DemandMeasure::from_id(&event_target_value(&e)) { edit(&|s| s.measure = m) }
                        }>
                            {DemandMeasure::ALL.into_iter().map(|m| view! {
                                <option value=m.id() selected=move || read(|s| s.measure.id().to_string()) == m.id()>{m.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {field("age_band", FieldSpec { hint: Some("Blank for all ages".into()), width: Some("govuk-input--width-5"), ..words("Age band") }, |s| &s.age_band, |s, v| s.age_band = v)}
                    {field("cases_per_unit", FieldSpec { hint: Some("1 if each is a case; 0 if not".into()), ..number("Cases each", "govuk-input--width-3") }, |s| &s.cases_per_unit, |s, v| s.cases_per_unit = v)}
                </div>
                <div class="app-inline-fields">
                    <For each=move || 0..years().len() key=|j| *j children=move |j| value(j)/>
                </div>
                <div class="govuk-form-group">
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Project it with"</legend>
                        <div class="govuk-radios govuk-radios--small govuk-radios--inline">
                            {ProjectionMethod::ALL.into_iter().enumerate().map(|(k, m)| {
                                let id = if k == 0 { method_name.clone() } else { format!("{method_name}-{}", k + 1) };
                                view! {
                                    <div class="govuk-radios__item">
                                        <input class="govuk-radios__input" type="radio" id=id.clone() name=method_name.clone()
                                            prop:checked=move || planner.form.with(|f| f.demand.as_ref().and_then(|d| d.series.get(i)).is_some_and(|s| s.method == m))
                                            on:change=move |_| edit(&|s| s.method = m)/>
                                        <label class="govuk-label govuk-radios__label" for=id>{m.label()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
            </fieldset>
            <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| {
                edit_demand(planner, |d| d.remove_series(i));
                focus_field_later("add-series".into());
            }>"Remove this series" <span class="govuk-visually-hidden">{move || format!(" ({})", legend())}</span></button>
        </div>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let planner = use_planner();
    let field = move |name: &'static str,
                      spec: FieldSpec,
                      get: fn(&DemandForm) -> &String,
                      set: fn(&mut DemandForm, String)| {
        item_field(planner, format!("demand.{name}"), spec, (DEMAND, 0), get, set)
    };
    view! {
        <h2 class="govuk-heading-l">"Projection and posts"</h2>
        <div class="app-inline-fields">
            {field("projection_years", FieldSpec { suffix: Some("years"), ..number("Project for", "govuk-input--width-3") }, |d| &d.projection_years, |d, v| d.projection_years = v)}
            {field("case_holding_fte", FieldSpec { hint: Some("Now, for the posts projected demand needs".into()), ..number("Case-holding FTE", "govuk-input--width-5") }, |d| &d.case_holding_fte, |d, v| d.case_holding_fte = v)}
            {field("target_caseload", FieldSpec { suffix: Some("per FTE"), ..number("Target caseload", "govuk-input--width-3") }, |d| &d.target_caseload, |d, v| d.target_caseload = v)}
        </div>
    }
}

#[component]
fn Results(report: Memo<Option<DemandReport>>) -> impl IntoView {
    let headers = Signal::derive(move || {
        report.with(|r| {
            let mut h = vec!["Series".to_string()];
            if let Some(r) = r {
                h.extend(r.years.iter().cloned());
                h.extend(r.projected_years.iter().map(|y| format!("{y} (projected)")));
            }
            h.extend(["Growth".to_string(), "A year".to_string()]);
            h
        })
    });
    let cells = Memo::new(move |_| {
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            r.series
                .iter()
                .map(|s| {
                    let mut row = vec![s.label.clone()];
                    row.extend(s.values.iter().chain(&s.projected).map(|v| short(*v, 1)));
                    row.push(percent(s.growth_percent));
                    row.push(percent(s.annual_growth_percent));
                    row
                })
                .collect::<Cells>()
        })
    });
    let chain = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.chain
                        .iter()
                        .map(|y| {
                            vec![
                                y.year.clone(),
                                short(y.cases, 1),
                                short(y.caseload.fte_needed.value(), 1),
                                y.caseload.posts_text(),
                                y.caseload.cost.display_pounds(),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
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
    let csv = Signal::derive(move || cells.with(|rows| table_csv(&headers.get(), rows)));
    let rates = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.series
                        .iter()
                        .filter(|x| !x.per_10000.is_empty())
                        .map(|x| {
                            std::iter::once(x.label.clone()).chain(x.per_10000.iter().map(|v| short(*v, 0))).collect()
                        })
                        .collect::<Cells>()
                })
                .unwrap_or_default()
        })
    });
    let rate_headers = Signal::derive(move || {
        report.with(|r| {
            std::iter::once("Series".to_string())
                .chain(r.iter().flat_map(|r| r.years.iter().cloned()))
                .collect::<Vec<_>>()
        })
    });
    let has_rates = Memo::new(move |_| rates.with(|r| !r.is_empty()));
    let has_chain = Memo::new(move |_| report.with(|r| r.as_ref().is_some_and(|r| !r.chain.is_empty())));
    view! {
        <h2 class="govuk-heading-l">"Results"</h2>
        <LineChart id="demand-chart" title="Demand by year, with the projection" lines/>
        <LiveTable no_csv=true id="demand-table" caption="Each series, its growth and its projection" headers cells/>
        <p class="govuk-body-s">"Growth is from the first year to the last; a year is the compound annual rate over those years."</p>
        <CsvLink id="demand-csv" file="csplan-demand.csv" label="Download the demand table (CSV)" csv/>
        {move || has_rates.get().then(|| view! {
            <LiveTable id="demand-rates-table" caption="Per 10,000 children aged 0-17" headers=rate_headers cells=rates/>
            <p class="govuk-body-s">"Rounded to a whole number, halves up, as DfE publishes rates."</p>
        })}
        {move || has_chain.get().then(|| view! {
            <LiveTable id="demand-posts-table" caption="The social workers projected demand needs"
                headers=Signal::derive(|| ["Year", "Cases", "FTE needed", "Posts", "Cost"].map(String::from).to_vec()) cells=chain/>
        })}
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
                        let rate = |v: Option<csplan_model::Decimal>| v.map_or_else(|| "-".into(), |v| short(v, 0));
                        let cells = Memo::new(move |_| {
                            comparison.with(|c| {
                                c.iter()
                                    .map(|c| vec![c.year.clone(), rate(c.scenario), rate(c.authority), rate(c.region_rate), rate(c.england)])
                                    .collect::<Cells>()
                            })
                        });
                        let headers = Signal::derive(move || {
                            let region = comparison.with(|c| c.first().map(|c| c.region.clone())).unwrap_or_default();
                            let authority = planner.scenario.with(|s| s.authority.clone());
                            vec!["Year".into(), "This scenario".into(), format!("{authority} (DfE)"), region, "England".into()]
                        });
                        view! {
                            {move || comparison.with(|c| c.is_empty()).then(|| view! {
                                <p class="govuk-body">"DfE publishes children looked after per 10,000 for 2019 to 2023 by authority. Name the authority on the Caseloads page as DfE does (for example, Portsmouth) to compare."</p>
                            })}
                            <LiveTable id="dfe-looked-after-table" caption="Per 10,000 children aged 0-17, at 31 March" headers cells/>
                            <p class="govuk-body-s">{format!("Source: DfE, Children looked after in England including adoptions. {}", csplan_data::ATTRIBUTION)}</p>
                        }.into_any()
                    }
                    other => crate::dfe::status_view(&other, "dfe-looked-after-status").into_any(),
                }}
            }
        })
    }
}
