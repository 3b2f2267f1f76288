//! The cost of care: placement lines against their budgets (Portsmouth's Fig 3), the
//! overspend year by year (Fig 2), and whether an investment pays for itself by avoiding
//! placements. Figures come from `csplan_calc::placements`; this page lays them out.

use csplan_calc::placements::CostOfCare;
use csplan_model::fmt::short;
use csplan_model::{Money, PlacementKind, Rate};
use csplan_validation::cost_form::{BudgetYearForm, ChangeForm, GroupForm, InvestForm, LineForm, PlacementsForm};
use csplan_validation::field_id;
use csplan_validation::form::ScenarioForm;
use leptos::prelude::*;

use crate::components::bar_chart::{BarChart, Groups, Series};
use crate::components::csv::{table_csv, CsvLink};
use crate::components::error_summary::{focus_field_later, ErrorSummary};
use crate::components::field::{bound_field, item_field, number, words, FieldSpec, Item};
use crate::components::layout::{use_document_title, PageHeading};
use crate::components::live_table::{Cells, LiveTable};
use crate::components::preset::PresetLoader;
use crate::state::{use_planner, Planner};

fn pounds(label: &str) -> FieldSpec {
    FieldSpec { prefix: Some("£"), ..number(label, "govuk-input--width-10") }
}

fn rate(r: Option<Rate>) -> String {
    r.map_or_else(|| "-".into(), |r| r.display(2))
}

/// A placement line's text field.
fn line_field(
    planner: Planner,
    i: usize,
    field: &str,
    spec: FieldSpec,
    get: fn(&LineForm) -> &String,
    set: fn(&mut LineForm, String),
) -> AnyView {
    item_field(planner, format!("placements.lines[{i}].{field}"), spec, (LINE, i), get, set)
}

const LINE: Item<LineForm> =
    Item { find: |f, i| f.placements.as_ref()?.lines.get(i), find_mut: |f, i| f.placements.as_mut()?.lines.get_mut(i) };
const GROUP: Item<GroupForm> = Item {
    find: |f, i| f.placements.as_ref()?.budget_groups.get(i),
    find_mut: |f, i| f.placements.as_mut()?.budget_groups.get_mut(i),
};
const BUDGET_YEAR: Item<BudgetYearForm> =
    Item { find: |f, i| f.budget_history.get(i), find_mut: |f, i| f.budget_history.get_mut(i) };
const INVEST: Item<InvestForm> =
    Item { find: |f, _| f.invest_to_save.as_ref(), find_mut: |f, _| f.invest_to_save.as_mut() };

/// Runs `edit` on the placements section, if there is one.
fn edit_placements(planner: Planner, edit: impl FnOnce(&mut PlacementsForm)) {
    planner.form.update(|f| {
        if let Some(p) = f.placements.as_mut() {
            edit(p);
        }
    });
}

/// The page.
#[component]
pub fn CostOfCarePage() -> impl IntoView {
    let planner = use_planner();
    use_document_title("Cost of care", move || planner.errors.with(|e| !e.is_empty()));
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::placements::cost_of_care(s).ok()));
    let has = Memo::new(move |_| {
        planner.form.with(|f| (f.placements.is_some(), !f.budget_history.is_empty(), f.invest_to_save.is_some()))
    });
    view! {
        <PageHeading
            title="Cost of care"
            lead="Placements for children looked after against their budgets, the overspend year by year, and whether an investment pays for itself by avoiding placements."
        />
        <ErrorSummary errors=planner.errors/>
        <PresetLoader/>
        <h2 class="govuk-heading-l">"Placements"</h2>
        {move || if has.get().0 {
            view! { <Lines/> <PlacementResults report/> <Mix report/> }.into_any()
        } else {
            view! {
                <p class="govuk-body">"This scenario has no placements yet. Load Portsmouth, June 2017, or start your own."</p>
                <button type="button" class="govuk-button" id="add-placements" on:click=move |_| {
                    planner.form.update(|f| f.placements = Some(PlacementsForm::new_section()));
                    focus_field_later(field_id("placements.lines[0].name"));
                }>"Add placements"</button>
            }.into_any()
        }}
        <BudgetHistory report has_rows=Signal::derive(move || has.get().1)/>
        <InvestToSave report has_case=Signal::derive(move || has.get().2)/>
    }
}

#[component]
fn Lines() -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.placements.as_ref().map_or(0, |p| p.lines.len()));
    let groups = move || planner.form.with(|f| f.placements.as_ref().map_or(0, |p| p.budget_groups.len()));
    let add = move |_| {
        let mut i = 0;
        edit_placements(planner, |p| i = p.add_line());
        focus_field_later(field_id(&format!("placements.lines[{i}].name")));
    };
    let add_group = move |_| {
        let mut i = 0;
        edit_placements(planner, |p| {
            p.budget_groups.push(GroupForm::default());
            i = p.budget_groups.len() - 1;
        });
        focus_field_later(field_id(&format!("placements.budget_groups[{i}].id")));
    };
    let weeks = bound_field(
        planner,
        "placements.weeks_per_year".into(),
        FieldSpec {
            hint: Some("Weekly unit costs are multiplied by this".into()),
            ..number("Weeks in a year", "govuk-input--width-4")
        },
        |f| f.placements.as_ref().map(|p| p.weeks_per_year.clone()),
        |f, v| {
            if let Some(p) = f.placements.as_mut() {
                p.weeks_per_year = v;
            }
        },
    );
    view! {
        <For each=move || 0..count() key=|i| *i children=move |i| view! { <LineCard i/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-line" on:click=add>"Add a placement line"</button>
        <h3 class="govuk-heading-m">"Shared budgets"</h3>
        <p class="govuk-body">"Some councils budget several lines together: Portsmouth budgets adoption, residence order and special guardianship allowances as one."</p>
        <For each=move || 0..groups() key=|i| *i children=move |i| view! { <GroupRow i/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-group" on:click=add_group>"Add a shared budget"</button>
        {weeks}
    }
}

#[component]
fn LineCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let legend = move || {
        planner.form.with(|f| {
            match f.placements.as_ref().and_then(|p| p.lines.get(i)).map(|l| l.name.trim().to_string()) {
                Some(n) if !n.is_empty() => n,
                _ => format!("Placement line {}", i + 1),
            }
        })
    };
    let line = move |read: fn(&LineForm) -> String| {
        planner.form.with(|f| f.placements.as_ref().and_then(|p| p.lines.get(i)).map(read).unwrap_or_default())
    };
    let kind_id = field_id(&format!("placements.lines[{i}].kind"));
    let group_id = field_id(&format!("placements.lines[{i}].group"));
    let per = field_id(&format!("placements.lines[{i}].weekly"));
    let per_week = format!("{per}-2");
    let groups = move || {
        planner.form.with(|f| {
            f.placements
                .as_ref()
                .map(|p| {
                    p.budget_groups
                        .iter()
                        .filter(|g| !g.id.trim().is_empty())
                        .map(|g| {
                            let label = if g.name.trim().is_empty() { g.id.clone() } else { g.name.clone() };
                            (g.id.trim().to_string(), label)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let set_weekly = move |weekly: bool| {
        edit_placements(planner, |p| {
            if let Some(l) = p.lines.get_mut(i) {
                l.weekly = weekly;
            }
        });
    };
    view! {
        <div class="app-card">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h3 class="govuk-fieldset__heading">{legend}</h3>
                </legend>
                {line_field(planner, i, "name", FieldSpec { width: Some("govuk-!-width-two-thirds"), ..words("Name") }, |l| &l.name, |l, v| l.name = v)}
                <div class="govuk-form-group">
                    <label class="govuk-label" for=kind_id.clone()>"Type of placement"</label>
                    <select class="govuk-select" id=kind_id on:change=move |e| {
                        if let Some(kind) = PlacementKind::from_id(&event_target_value(&e)) {
                            edit_placements(planner, |p| if let Some(l) = p.lines.get_mut(i) { l.kind = kind });
                        }
                    }>
                        {PlacementKind::ALL.into_iter().map(|k| view! {
                            <option value=k.id() selected=move || line(|l| l.kind.id().to_string()) == k.id()>{k.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="app-inline-fields">
                    {line_field(planner, i, "number", FieldSpec { hint: Some("Average over the year".into()), ..number("Number of children", "govuk-input--width-5") }, |l| &l.number, |l, v| l.number = v)}
                    {line_field(planner, i, "unit_cost", pounds("Unit cost"), |l| &l.unit_cost, |l, v| l.unit_cost = v)}
                </div>
                <div class="govuk-form-group">
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"The unit cost is for"</legend>
                        <div class="govuk-radios govuk-radios--small govuk-radios--inline">
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" type="radio" id=per.clone() name=per.clone()
                                    prop:checked=move || line(|l| if l.weekly { String::new() } else { "y".into() }) == "y"
                                    on:change=move |_| set_weekly(false)/>
                                <label class="govuk-label govuk-radios__label" for=per.clone()>"A year"</label>
                            </div>
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" type="radio" id=per_week.clone() name=per.clone()
                                    prop:checked=move || line(|l| if l.weekly { "y".into() } else { String::new() }) == "y"
                                    on:change=move |_| set_weekly(true)/>
                                <label class="govuk-label govuk-radios__label" for=per_week>"A week"</label>
                            </div>
                        </div>
                    </fieldset>
                </div>
                <div class="app-inline-fields">
                    {line_field(planner, i, "budget", FieldSpec { hint: Some("Blank if none, or if it shares a budget".into()), ..pounds("Budget") }, |l| &l.budget, |l, v| l.budget = v)}
                    <div class="govuk-form-group">
                        <label class="govuk-label" for=group_id.clone()>"Shared budget"</label>
                        <select class="govuk-select" id=group_id on:change=move |e| {
                            let g = event_target_value(&e);
                            edit_placements(planner, |p| if let Some(l) = p.lines.get_mut(i) { l.group = g });
                        }>
                            <option value="" selected=move || line(|l| l.group.clone()).trim().is_empty()>"None"</option>
                            {move || groups().into_iter().map(|(id, label)| {
                                let this = id.clone();
                                view! { <option value=id selected=move || line(|l| l.group.trim().to_string()) == this>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                {line_field(planner, i, "forecast", FieldSpec { hint: Some("Only if the source publishes a forecast that its rounded unit cost does not give exactly; blank calculates number x unit cost".into()), ..pounds("Published forecast (optional)") }, |l| &l.forecast, |l, v| l.forecast = v)}
            </fieldset>
            <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| {
                edit_placements(planner, |p| p.remove_line(i));
                focus_field_later("add-line".into());
            }>
                "Remove this line" <span class="govuk-visually-hidden">{move || format!(" ({})", legend())}</span>
            </button>
        </div>
    }
}

#[component]
fn GroupRow(i: usize) -> impl IntoView {
    let planner = use_planner();
    let field = move |field: &str, spec: FieldSpec, get: fn(&GroupForm) -> &String, set: fn(&mut GroupForm, String)| {
        item_field(planner, format!("placements.budget_groups[{i}].{field}"), spec, (GROUP, i), get, set)
    };
    view! {
        <div class="app-inline-fields">
            {field("id", FieldSpec { hint: Some("Short, like \u{201c}allowances\u{201d}".into()), width: Some("govuk-input--width-10"), ..words("Id") }, |g| &g.id, |g, v| g.id = v)}
            {field("name", FieldSpec { width: Some("govuk-input--width-20"), ..words("Name") }, |g| &g.name, |g, v| g.name = v)}
            {field("budget", pounds("Budget"), |g| &g.budget, |g, v| g.budget = v)}
            <button type="button" class="govuk-button govuk-button--secondary app-align-end" on:click=move |_| {
                edit_placements(planner, |p| if i < p.budget_groups.len() { p.budget_groups.remove(i); });
                focus_field_later("add-group".into());
            }>"Remove" <span class="govuk-visually-hidden">{format!(" shared budget {}", i + 1)}</span></button>
        </div>
    }
}

#[component]
fn PlacementResults(report: Memo<Option<CostOfCare>>) -> impl IntoView {
    let cells = Memo::new(move |_| {
        report.with(|r| {
            let Some(p) = r.as_ref().and_then(|r| r.placements.as_ref()) else { return Vec::new() };
            let mut rows: Cells = p
                .lines
                .iter()
                .map(|l| {
                    vec![
                        l.name.clone(),
                        short(l.number, 2),
                        l.annual_unit_cost.display_pounds(),
                        if l.forecast_given {
                            format!("{} (published)", l.forecast.display_pounds())
                        } else {
                            l.forecast.display_pounds()
                        },
                        l.budget.map_or_else(
                            || l.group.clone().map_or_else(|| "-".into(), |g| format!("shared ({g})")),
                            Money::display_pounds,
                        ),
                        l.deficit.map_or_else(|| "-".into(), Money::display_pounds),
                    ]
                })
                .collect();
            rows.extend(p.groups.iter().map(|g| {
                vec![
                    format!("{} (shared budget)", g.name),
                    String::new(),
                    String::new(),
                    g.forecast.display_pounds(),
                    g.budget.display_pounds(),
                    g.deficit.display_pounds(),
                ]
            }));
            rows.push(vec![
                "Total".into(),
                String::new(),
                String::new(),
                p.total_forecast.display_pounds(),
                p.total_budget.display_pounds(),
                p.total_deficit.display_pounds(),
            ]);
            rows
        })
    });
    let explanations = move || {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.placements.as_ref())
                .map(|p| p.lines.iter().map(|l| format!("{}: {}", l.name, l.explanation)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let csv = Signal::derive(move || {
        cells.with(|rows| table_csv(&["line", "number", "annual_unit_cost", "forecast", "budget", "deficit"], rows))
    });
    let headers = Signal::derive(|| {
        ["Line", "Children", "Unit cost a year", "Forecast", "Budget", "Deficit"].map(String::from).to_vec()
    });
    // Each budget once: a line with its own, then each shared budget with its lines' forecasts.
    let bars = Memo::new(move |_| {
        report.with(|r| {
            let Some(p) = r.as_ref().and_then(|r| r.placements.as_ref()) else { return Groups::new() };
            p.lines
                .iter()
                .filter_map(|l| l.budget.map(|b| (l.name.clone(), vec![b.value(), l.forecast.value()])))
                .chain(p.groups.iter().map(|g| (g.name.clone(), vec![g.budget.value(), g.forecast.value()])))
                .collect()
        })
    });
    view! {
        <BarChart id="placements-chart" title="Budget against forecast, by budget"
            description="Each budget (white bars) beside its forecast (blue bars): a line with its own budget, or the lines that share one. The table below gives every line."
            series=PLACEMENT_SERIES groups=bars horizontal=true/>
        <LiveTable no_csv=true id="placements-table" caption="Forecast against budget, this year" headers cells/>
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"How is this calculated?"</span></summary>
            <div class="govuk-details__text">
                <ul class="govuk-list">{move || explanations().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                <p class="govuk-body">"Deficit = forecast - budget; a shared budget is set against the sum of its lines' forecasts."</p>
            </div>
        </details>
        <CsvLink id="placements-csv" file="csplan-placements.csv" label="Download the placements table (CSV)" csv/>
    }
}

const PLACEMENT_SERIES: &[Series] =
    &[Series { name: "Budget", fill: "#ffffff" }, Series { name: "Forecast", fill: "#1d70b8" }];

const INVEST_SERIES: &[Series] =
    &[Series { name: "Cost", fill: "#ffffff" }, Series { name: "Expected saving", fill: "#1d70b8" }];

const BUDGET_SERIES: &[Series] =
    &[Series { name: "Budget", fill: "#ffffff" }, Series { name: "Spend", fill: "#1d70b8" }];

#[component]
fn BudgetHistory(report: Memo<Option<CostOfCare>>, has_rows: Signal<bool>) -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.budget_history.len());
    let add = move |_| {
        let mut i = 0;
        planner.form.update(|f| {
            f.budget_history.push(BudgetYearForm::default());
            i = f.budget_history.len() - 1;
        });
        focus_field_later(field_id(&format!("budget_history[{i}].year")));
    };
    let cells = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.budget_history
                        .iter()
                        .map(|y| {
                            vec![
                                y.year.clone(),
                                y.budget.display_pounds(),
                                y.spend.display_pounds(),
                                y.deficit.display_pounds(),
                                rate(y.percent_of_budget),
                                rate(y.percent_of_spend),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let headers = Signal::derive(|| {
        ["Year", "Budget", "Spend", "Overspend", "% of budget", "% of spend"].map(String::from).to_vec()
    });
    let bars = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.budget_history
                        .iter()
                        .map(|y| (y.year.clone(), vec![y.budget.value(), y.spend.value()]))
                        .collect::<Groups>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <h2 class="govuk-heading-l">"Budget history"</h2>
        <For each=move || 0..count() key=|i| *i children=move |i| view! { <BudgetYearRow i/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-budget-year" on:click=add>"Add a year"</button>
        {move || has_rows.get().then(|| view! {
            <BarChart id="budget-history-chart" title="Budget against spend, year by year"
                description="Each year's budget (white bars) beside its spend (blue bars). The table below gives the figures."
                series=BUDGET_SERIES groups=bars/>
            <LiveTable no_csv=true id="budget-history-table" caption="Budget against spend" headers cells/>
            <CsvLink id="budget-history-csv" file="csplan-budget-history.csv" label="Download the budget history (CSV)"
                csv=Signal::derive(move || cells.with(|rows| table_csv(&headers.get(), rows)))/>
            <p class="govuk-body-s">"Overspend = spend - budget. Councils quote it as a share of the budget (Portsmouth does); as a share of the spend it is smaller. Both are shown, to 2 places."</p>
        })}
    }
}

#[component]
fn BudgetYearRow(i: usize) -> impl IntoView {
    let planner = use_planner();
    let field = move |field: &str,
                      spec: FieldSpec,
                      get: fn(&BudgetYearForm) -> &String,
                      set: fn(&mut BudgetYearForm, String)| {
        item_field(planner, format!("budget_history[{i}].{field}"), spec, (BUDGET_YEAR, i), get, set)
    };
    view! {
        <div class="app-inline-fields">
            {field("year", FieldSpec { width: Some("govuk-input--width-5"), ..words("Financial year") }, |y| &y.year, |y, v| y.year = v)}
            {field("budget", pounds("Budget"), |y| &y.budget, |y, v| y.budget = v)}
            {field("spend", pounds("Spend"), |y| &y.spend, |y, v| y.spend = v)}
            <button type="button" class="govuk-button govuk-button--secondary app-align-end" on:click=move |_| {
                planner.form.update(|f| if i < f.budget_history.len() { f.budget_history.remove(i); });
                focus_field_later("add-budget-year".into());
            }>"Remove" <span class="govuk-visually-hidden">{format!(" year {}", i + 1)}</span></button>
        </div>
    }
}

#[component]
fn InvestToSave(report: Memo<Option<CostOfCare>>, has_case: Signal<bool>) -> impl IntoView {
    let planner = use_planner();
    let field =
        move |field: &str, spec: FieldSpec, get: fn(&InvestForm) -> &String, set: fn(&mut InvestForm, String)| {
            item_field(planner, format!("invest_to_save.{field}"), spec, (INVEST, 0), get, set)
        };
    let avoided_count =
        move || planner.form.with(|f| f.invest_to_save.as_ref().map_or(0, |i| i.avoided_per_year.len()));
    let avoided = move |j: usize| {
        bound_field(
            planner,
            format!("invest_to_save.avoided_per_year[{j}]"),
            number(&format!("Placements avoided in year {}", j + 1), "govuk-input--width-4"),
            move |f: &ScenarioForm| f.invest_to_save.as_ref().and_then(|i| i.avoided_per_year.get(j)).cloned(),
            move |f: &mut ScenarioForm, v| {
                if let Some(a) = f.invest_to_save.as_mut().and_then(|i| i.avoided_per_year.get_mut(j)) {
                    *a = v;
                }
            },
        )
    };
    let result = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.invest_to_save.clone())));
    let summary = move || {
        result.with(|r| {
            r.as_ref().map(|r| {
                let payback = r.payback_year.map_or_else(
                    || "It does not pay back within the years entered.".to_string(),
                    |y| format!("It pays back in year {y}."),
                );
                format!("{}. {} Net present value: {}.", r.explanation, payback, r.npv.display_pounds())
            })
        })
    };
    let cells = Memo::new(move |_| {
        result.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.years
                        .iter()
                        .map(|y| {
                            vec![
                                format!("Year {}", y.year),
                                y.cost.display_pounds(),
                                short(y.avoided, 2),
                                y.expected_saving.display_pounds(),
                                y.net.display_pounds(),
                                y.cumulative.display_pounds(),
                                y.discounted.display_pounds(),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let headers = Signal::derive(|| {
        ["Year", "Cost", "Placements avoided", "Expected saving", "Net", "Cumulative", "Discounted net"]
            .map(String::from)
            .to_vec()
    });
    let invest_bars = Memo::new(move |_| {
        result.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.years
                        .iter()
                        .map(|y| (format!("Year {}", y.year), vec![y.cost.value(), y.expected_saving.value()]))
                        .collect::<Groups>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <h2 class="govuk-heading-l">"Invest to save"</h2>
        {move || if has_case.get() {
            view! {
                {field("name", FieldSpec { width: Some("govuk-!-width-two-thirds"), ..words("What is invested in") }, |i| &i.name, |i, v| i.name = v)}
                <div class="app-inline-fields">
                    {field("cost_per_year", pounds("Cost a year"), |i| &i.cost_per_year, |i, v| i.cost_per_year = v)}
                    {field("one_off", FieldSpec { hint: Some("In year 1".into()), ..pounds("One-off cost") }, |i| &i.one_off, |i, v| i.one_off = v)}
                    {field("years", FieldSpec { suffix: Some("years"), ..number("Runs for", "govuk-input--width-3") }, |i| &i.years, |i, v| i.years = v)}
                </div>
                <div class="app-inline-fields">
                    {field("avoided_unit_cost", FieldSpec { hint: Some("A year".into()), ..pounds("Cost of a placement avoided") }, |i| &i.avoided_unit_cost, |i, v| i.avoided_unit_cost = v)}
                    {field("delivery_risk", FieldSpec { hint: Some("Share of the savings that may not come".into()), suffix: Some("%"), ..number("Delivery risk", "govuk-input--width-3") }, |i| &i.delivery_risk, |i, v| i.delivery_risk = v)}
                    {field("discount_rate", FieldSpec { hint: Some("HM Treasury Green Book: 3.5%".into()), suffix: Some("%"), ..number("Discount rate", "govuk-input--width-3") }, |i| &i.discount_rate, |i, v| i.discount_rate = v)}
                </div>
                <FromCaseloads/>
                <p class="govuk-hint">"Placements avoided each year; years after the last one entered repeat it."</p>
                <div class="app-inline-fields">
                    <For each=move || 0..avoided_count() key=|j| *j children=move |j| avoided(j)/>
                </div>
                <div class="govuk-button-group">
                    <button type="button" class="govuk-button govuk-button--secondary" id="add-avoided-year" on:click=move |_| {
                        let mut j = 0;
                        planner.form.update(|f| if let Some(i) = f.invest_to_save.as_mut() {
                            i.avoided_per_year.push(i.avoided_per_year.last().cloned().unwrap_or_default());
                            j = i.avoided_per_year.len() - 1;
                        });
                        focus_field_later(field_id(&format!("invest_to_save.avoided_per_year[{j}]")));
                    }>"Add a year of placements avoided"</button>
                </div>
                <p class="govuk-body" id="invest-summary">{summary}</p>
                <BarChart id="invest-chart" title="Cost against expected saving, year by year"
                    description="Each year's cost (white bars) beside the saving expected after the delivery risk (blue bars). The table below gives the figures."
                    series=INVEST_SERIES groups=invest_bars/>
                <LiveTable no_csv=true id="invest-table" caption="Year by year" headers cells/>
                <CsvLink id="invest-csv" file="csplan-invest-to-save.csv" label="Download the year-by-year figures (CSV)"
                    csv=Signal::derive(move || cells.with(|rows| table_csv(&headers.get(), rows)))/>
            }.into_any()
        } else {
            view! {
                <p class="govuk-body">"Portsmouth argued that 8 more social workers (£499,000 a year) pay for themselves if 4 high-cost placements are avoided."</p>
                <button type="button" class="govuk-button govuk-button--secondary" id="add-invest" on:click=move |_| {
                    planner.form.update(|f| f.invest_to_save = Some(InvestForm {
                        years: "5".into(),
                        delivery_risk: "0".into(),
                        discount_rate: "3.5".into(),
                        avoided_per_year: vec![String::new()],
                        ..InvestForm::default()
                    }));
                    focus_field_later(field_id("invest_to_save.name"));
                }>"Add an invest-to-save case"</button>
            }.into_any()
        }}
    }
}

/// Offers the Caseloads page's extra posts and their cost as the investment.
#[component]
fn FromCaseloads() -> impl IntoView {
    let planner = use_planner();
    let totals = Memo::new(move |_| planner.report.with(|r| r.as_ref().map(|r| r.totals.clone())));
    move || {
        totals.get().filter(|t| t.cost > Money::ZERO).map(|t| {
            let posts = short(t.posts, 2);
            let cost = t.cost;
            let use_it = {
                let posts = posts.clone();
                move |_| {
                    planner.form.update(|f| {
                        if let Some(i) = f.invest_to_save.as_mut() {
                            i.cost_per_year = csplan_model::fmt::plain(cost.value());
                            if i.name.trim().is_empty() {
                                i.name = format!("{posts} more social work posts");
                            }
                        }
                    });
                }
            };
            view! {
                <div class="govuk-inset-text" id="invest-from-caseloads">
                    <p class="govuk-body">{format!("The Caseloads page finds {posts} more posts are needed, at {} a year.", cost.display_pounds())}</p>
                    <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" id="use-caseload-cost" on:click=use_it>
                        "Use that as the cost a year"
                    </button>
                </div>
            }
        })
    }
}

/// Changes to the mix of placements, inflation, and the forecast year by year.
#[component]
fn Mix(report: Memo<Option<CostOfCare>>) -> impl IntoView {
    let planner = use_planner();
    let count = move || planner.form.with(|f| f.placements.as_ref().map_or(0, |p| p.changes.len()));
    let add = move |_| {
        let mut j = 0;
        edit_placements(planner, |p| {
            p.changes.push(ChangeForm { line: 0, to: None, number: String::new() });
            j = p.changes.len() - 1;
        });
        focus_field_later(field_id(&format!("placements.changes[{j}].line")));
    };
    let setting = move |field: &'static str,
                        spec: FieldSpec,
                        get: fn(&PlacementsForm) -> &String,
                        set: fn(&mut PlacementsForm, String)| {
        bound_field(
            planner,
            format!("placements.{field}"),
            spec,
            move |f: &ScenarioForm| f.placements.as_ref().map(|p| get(p).clone()),
            move |f: &mut ScenarioForm, v| {
                if let Some(p) = f.placements.as_mut() {
                    set(p, v);
                }
            },
        )
    };
    let changes = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.mix.as_ref())
                .map(|m| {
                    let mut rows: Cells =
                        m.changes.iter().map(|c| vec![c.description.clone(), c.cost_change.display_pounds()]).collect();
                    rows.push(vec!["Forecast with the changes".into(), m.changed_forecast.display_pounds()]);
                    rows
                })
                .unwrap_or_default()
        })
    });
    let years = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.mix.as_ref())
                .map(|m| {
                    m.years.iter().map(|y| vec![format!("Year {}", y.year), y.forecast.display_pounds()]).collect()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <h3 class="govuk-heading-m">"Change the mix"</h3>
        <p class="govuk-body">"Add or take away placements of one type, or move children from one type to another, and see what it does to the forecast. Portsmouth: 10 more children in external residential care would cost about £1.6m a year."</p>
        <For each=move || 0..count() key=|j| *j children=move |j| view! { <ChangeRow j/> }/>
        <button type="button" class="govuk-button govuk-button--secondary" id="add-change" on:click=add>"Add a change"</button>
        <div class="app-inline-fields">
            {setting("inflation", FieldSpec { suffix: Some("%"), ..number("Inflation a year", "govuk-input--width-3") }, |p| &p.inflation, |p, v| p.inflation = v)}
            {setting("years", FieldSpec { suffix: Some("years"), ..number("Forecast for", "govuk-input--width-3") }, |p| &p.years, |p, v| p.years = v)}
        </div>
        <LiveTable id="mix-table" caption="What each change costs a year" headers=Signal::derive(|| vec!["Change".to_string(), "Cost a year".to_string()]) cells=changes/>
        <LiveTable id="forecast-years-table" caption="Forecast by year, with inflation" headers=Signal::derive(|| vec!["Year".to_string(), "Forecast".to_string()]) cells=years/>
    }
}

#[component]
fn ChangeRow(j: usize) -> impl IntoView {
    let planner = use_planner();
    let line_id = field_id(&format!("placements.changes[{j}].line"));
    let to_id = field_id(&format!("placements.changes[{j}].to"));
    let names = move || {
        planner.form.with(|f| {
            f.placements
                .as_ref()
                .map(|p| {
                    p.lines
                        .iter()
                        .enumerate()
                        .map(|(i, l)| if l.name.trim().is_empty() { format!("Line {}", i + 1) } else { l.name.clone() })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let change = move || {
        planner.form.with(|f| f.placements.as_ref().and_then(|p| p.changes.get(j)).cloned().unwrap_or_default())
    };
    let edit = move |apply: &dyn Fn(&mut ChangeForm)| {
        edit_placements(planner, |p| {
            if let Some(c) = p.changes.get_mut(j) {
                apply(c);
            }
        });
    };
    view! {
        <div class="app-inline-fields">
            <div class="govuk-form-group">
                <label class="govuk-label" for=line_id.clone()>{format!("Change {}: placements of", j + 1)}</label>
                <select class="govuk-select" id=line_id on:change=move |e| {
                    if let Ok(i) = event_target_value(&e).parse::<usize>() { edit(&|c| c.line = i) }
                }>
                    {move || names().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string() selected=move || change().line == i>{n}</option> }).collect_view()}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for=to_id.clone()>"Moved to"</label>
                <select class="govuk-select" id=to_id on:change=move |e| {
                    let to = event_target_value(&e).parse::<usize>().ok();
                    edit(&|c| c.to = to)
                }>
                    <option value="" selected=move || change().to.is_none()>"Not moved: more, or fewer if negative"</option>
                    {move || names().into_iter().enumerate().map(|(i, n)| view! { <option value=i.to_string() selected=move || change().to == Some(i)>{n}</option> }).collect_view()}
                </select>
            </div>
            {bound_field(
                planner,
                format!("placements.changes[{j}].number"),
                number("Children", "govuk-input--width-4"),
                move |f: &ScenarioForm| f.placements.as_ref().and_then(|p| p.changes.get(j)).map(|c| c.number.clone()),
                move |f: &mut ScenarioForm, v| {
                    if let Some(c) = f.placements.as_mut().and_then(|p| p.changes.get_mut(j)) {
                        c.number = v;
                    }
                },
            )}
            <button type="button" class="govuk-button govuk-button--secondary app-align-end" on:click=move |_| {
                edit_placements(planner, |p| if j < p.changes.len() { p.changes.remove(j); });
                focus_field_later("add-change".into());
            }>"Remove" <span class="govuk-visually-hidden">{format!(" change {}", j + 1)}</span></button>
        </div>
    }
}
