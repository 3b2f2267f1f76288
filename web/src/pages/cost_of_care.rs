//! The cost of care: placement lines against their budgets (Portsmouth's Fig 3), the
//! overspend year by year (Fig 2), and whether an investment pays for itself by avoiding
//! placements. Fields come from `csplan_validation`'s tables and its row operations,
//! figures from `csplan_calc::placements`, tables from `csplan-present`.

use csplan_calc::placements::CostOfCare;
use csplan_model::{Money, PlacementKind};
use csplan_validation::cost_form::{BudgetYearForm, ChangeForm, GroupForm, InvestForm, LineForm, PlacementsForm};
use csplan_validation::fields::Path;
use leptos::prelude::*;

use crate::components::bar_chart::{budget_history_chart, invest_chart, placements_chart, Groups};
use crate::components::choice::{options_of, radios, select, Options, RadioIds};
use crate::components::field::{field, fields};
use crate::components::layout::PageHeading;
use crate::components::list::{card, name_or, remove_card, remove_row, EditList, Gate};
use crate::components::live_table::LiveTable;
use crate::state::{use_planner, Planner};

fn placements() -> Path {
    Path::root("placements")
}

/// The placement lines' names ("Line 2" for one without), as select options by index.
fn line_options(planner: Planner) -> Signal<Options> {
    Signal::derive(move || {
        planner.form.with(|f| {
            f.placements
                .iter()
                .flat_map(|p| p.lines.iter().enumerate())
                .map(|(i, l)| (i.to_string(), csplan_validation::fields::label(&l.name, "Line", i)))
                .collect()
        })
    })
}

/// The page.
#[component]
pub fn CostOfCarePage() -> impl IntoView {
    let planner = use_planner();
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::placements::cost_of_care(s).ok()));
    view! {
        <PageHeading
            title="Cost of care"
            lead="Placements for children looked after against their budgets, the overspend year by year, and whether an investment pays for itself by avoiding placements."
        />
        <h2 class="govuk-heading-l">"Placements"</h2>
        <Gate has=Signal::derive(move || planner.form.with(|f| f.placements.is_some()))
            empty="This scenario has no placements yet. Load Portsmouth, June 2017, or start your own."
            add_id="add-placements" add_label="Add placements"
            add=Callback::new(move |()| {
                planner.edit(|f| f.placements = Some(PlacementsForm::new_section()));
                placements().at("lines", 0).field("name")
            })>
            <Lines/>
            <PlacementResults report/>
            <Mix report/>
        </Gate>
        <BudgetHistory report/>
        <InvestToSave report/>
    }
}

#[component]
fn Lines() -> impl IntoView {
    let planner = use_planner();
    let add_line = Callback::new(move |()| {
        Some(placements().at("lines", planner.edit_in(|f| f.placements.as_mut(), |p| p.add_line())).field("name"))
    });
    let add_group = Callback::new(move |()| {
        Some(
            placements().at("budget_groups", planner.edit_in(|f| f.placements.as_mut(), |p| p.add_group())).field("id"),
        )
    });
    let group = move |i: usize| {
        let name = format!("shared budget {}", i + 1);
        view! {
            <div class="app-inline-fields">
                {fields(planner, &placements().at("budget_groups", i), GroupForm::TEXT_FIELDS, "")}
                {remove_row(name, move || planner.edit_in(|f| f.placements.as_mut(), |p| p.remove_group(i)), "add-group")}
            </div>
        }
        .into_any()
    };
    view! {
        <EditList count=Signal::derive(move || planner.form.with(|f| f.placements.as_ref().map_or(0, |p| p.lines.len())))
            item=Callback::new(|i| view! { <LineCard i/> }.into_any())
            add_id="add-line" add_label="Add a placement line" add=add_line/>
        <h3 class="govuk-heading-m">"Shared budgets"</h3>
        <p class="govuk-body">"Some councils budget several lines together: Portsmouth budgets adoption, residence order and special guardianship allowances as one."</p>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.placements.as_ref().map_or(0, |p| p.budget_groups.len())))
            item=Callback::new(group) add_id="add-group" add_label="Add a shared budget" add=add_group/>
        {fields(planner, &placements(), &[PlacementsForm::weeks_per_year], "")}
    }
}

#[component]
fn LineCard(i: usize) -> impl IntoView {
    let planner = use_planner();
    let at = placements().at("lines", i);
    let legend = name_or(planner, at.field("name"), format!("Placement line {}", i + 1));
    let kinds = options_of(&PlacementKind::ALL, PlacementKind::id, PlacementKind::label);
    let groups = Signal::derive(move || {
        let mut out: Options = vec![(String::new(), "None".to_string())];
        planner.form.with(|f| {
            out.extend(f.placements.iter().flat_map(|p| &p.budget_groups).filter(|g| !g.id.trim().is_empty()).map(
                |g| {
                    let label = if g.name.trim().is_empty() { g.id.clone() } else { g.name.clone() };
                    (g.id.trim().to_string(), label)
                },
            ));
        });
        out
    });
    let per = vec![("false".to_string(), "A year".to_string()), ("true".to_string(), "A week".to_string())];
    let body = view! {
        {field(planner, at.field("name"), &LineForm::name.info, "")}
        {select(planner, at.field("kind"), &LineForm::kind.info, "", Signal::derive(move || kinds.clone()))}
        <div class="app-inline-fields">
            {field(planner, at.field("number"), &LineForm::number.info, "")}
            {field(planner, at.field("unit_cost"), &LineForm::unit_cost.info, "")}
        </div>
        {radios(planner, at.field("weekly"), &LineForm::weekly.info, per, true, RadioIds::Numbered)}
        <div class="app-inline-fields">
            {field(planner, at.field("budget"), &LineForm::budget.info, "")}
            {select(planner, at.field("group"), &LineForm::group.info, "", groups)}
        </div>
        {field(planner, at.field("forecast"), &LineForm::forecast.info, "")}
    }
    .into_any();
    let remove = remove_card(
        "Remove this line",
        legend,
        move || planner.edit_in(|f| f.placements.as_mut(), |p| p.remove_line(i)),
        "add-line",
    );
    card(legend, body, ().into_any(), remove)
}

#[component]
fn PlacementResults(report: Memo<Option<CostOfCare>>) -> impl IntoView {
    let table = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::placements)));
    let explanations = move || {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.placements.as_ref())
                .map(|p| p.lines.iter().map(|l| format!("{}: {}", l.name, l.explanation)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let bars: Memo<Groups> =
        Memo::new(move |_| report.with(|r| r.as_ref().map(csplan_present::chart::placement_bars).unwrap_or_default()));
    view! {
        {placements_chart(bars)}
        <LiveTable table no_notes=true/>
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"How is this calculated?"</span></summary>
            <div class="govuk-details__text">
                <ul class="govuk-list">{move || explanations().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                <p class="govuk-body">"Deficit = forecast - budget; a shared budget is set against the sum of its lines' forecasts."</p>
            </div>
        </details>
    }
}

#[component]
fn BudgetHistory(report: Memo<Option<CostOfCare>>) -> impl IntoView {
    let planner = use_planner();
    let add = Callback::new(move |()| {
        let i = planner.edit(|f| {
            f.budget_history.push(BudgetYearForm::default());
            f.budget_history.len() - 1
        });
        Some(Path::root("budget_history").index(i).field("year"))
    });
    let year = move |i: usize| {
        let name = format!("year {}", i + 1);
        view! {
            <div class="app-inline-fields">
                {fields(planner, &Path::root("budget_history").index(i), BudgetYearForm::TEXT_FIELDS, "")}
                {remove_row(name, move || planner.edit(|f| f.remove_budget_year(i)), "add-budget-year")}
            </div>
        }
        .into_any()
    };
    let table = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::budget_history)));
    let bars: Memo<Groups> = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(csplan_present::chart::budget_history_bars).unwrap_or_default())
    });
    let has_rows = Memo::new(move |_| planner.form.with(|f| !f.budget_history.is_empty()));
    view! {
        <h2 class="govuk-heading-l">"Budget history"</h2>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.budget_history.len()))
            item=Callback::new(year) add_id="add-budget-year" add_label="Add a year" add/>
        {move || has_rows.get().then(|| view! {
            {budget_history_chart(bars)}
            <LiveTable table/>
        })}
    }
}

fn invest() -> Path {
    Path::root("invest_to_save")
}

#[component]
fn InvestToSave(report: Memo<Option<CostOfCare>>) -> impl IntoView {
    let planner = use_planner();
    let add_year = Callback::new(move |()| {
        let j = planner.edit(|f| f.invest_to_save.as_mut().map(InvestForm::add_avoided_year))?;
        Some(invest().at("avoided_per_year", j))
    });
    let avoided = move |j: usize| {
        field(planner, invest().at("avoided_per_year", j), &InvestForm::avoided_per_year, &(j + 1).to_string())
    };
    let table = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::invest_to_save)));
    let summary = move || table.with(|t| t.as_ref().and_then(|t| t.notes.first().cloned()).unwrap_or_default());
    let bars = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.invest_to_save.as_ref())
                .map(|i| {
                    i.years
                        .iter()
                        .map(|y| (format!("Year {}", y.year), vec![y.cost.value(), y.expected_saving.value()]))
                        .collect::<Groups>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <h2 class="govuk-heading-l">"Invest to save"</h2>
        <Gate has=Signal::derive(move || planner.form.with(|f| f.invest_to_save.is_some())) secondary=true
            empty="Portsmouth argued that 8 more social workers (£499,000 a year) pay for themselves if 4 high-cost placements are avoided."
            add_id="add-invest" add_label="Add an invest-to-save case"
            add=Callback::new(move |()| {
                planner.edit(|f| f.invest_to_save = Some(InvestForm::new_case()));
                invest().field("name")
            })>
            {fields(planner, &invest(), InvestForm::TEXT_FIELDS, "")}
            <FromCaseloads/>
            {select(planner, invest().field("avoided_line"), &InvestForm::avoided_line.info, "", avoided_lines(planner))}
            <div id="invest-avoided-own" hidden=move || planner.form.with(|f| f.invest_to_save.as_ref().is_some_and(|i| i.avoided_line.is_some()))>
                {fields(planner, &invest(), InvestForm::AVOIDED_FIELDS, "")}
            </div>
            <p class="govuk-hint">"Placements avoided each year; years after the last one entered repeat it."</p>
            <EditList inline=true count=Signal::derive(move || planner.form.with(|f| f.invest_to_save.as_ref().map_or(0, |i| i.avoided_per_year.len())))
                item=Callback::new(avoided) add_id="add-avoided-year" add_label="Add a year of placements avoided" add=add_year/>
            {fields(planner, &invest(), InvestForm::RISK_FIELDS, "")}
            <p class="govuk-body" id="invest-summary">{summary}</p>
            {invest_chart(bars)}
            <LiveTable table no_notes=true/>
        </Gate>
    }
}

/// The placement lines a placement avoided can be costed from, after "a cost of your own".
fn avoided_lines(planner: Planner) -> Signal<Options> {
    let lines = line_options(planner);
    Signal::derive(move || {
        let mut out: Options = vec![(String::new(), "A cost of my own (below)".to_string())];
        out.extend(lines.get().into_iter().map(|(i, name)| (i, format!("The cost of a placement in {name}"))));
        out
    })
}

/// Offers this scenario's extra posts (from its team groups, on the Caseloads page), and
/// their cost where it is known, as the investment.
#[component]
fn FromCaseloads() -> impl IntoView {
    let planner = use_planner();
    let totals = Memo::new(move |_| planner.report.with(|r| r.as_ref().map(|r| r.totals.clone())));
    let authority = Memo::new(move |_| planner.scenario.with(|s| s.authority.clone()));
    move || {
        totals.get().and_then(|t| t.posts_needed().map(|posts| (posts, t.cost.filter(|c| *c > Money::ZERO)))).map(|(posts, cost)| {
            let use_it = move |_| {
                planner.edit(|f| f.invest_to_save.as_mut().map(|i| i.invest_in_posts(posts, cost))).unwrap_or(());
                if cost.is_none() {
                    crate::components::error_summary::focus_field_later(invest().field("cost_per_post").id());
                }
            };
            let at = cost.map(|c| format!(", at {} a year", c.display_pounds())).unwrap_or_default();
            view! {
                <div class="govuk-inset-text" id="invest-from-caseloads">
                    <p class="govuk-body">{format!(
                        "For {}, the Caseloads page finds {} more posts are needed{at}, for this scenario's team groups to reach their target caseloads.",
                        authority.get(),
                        csplan_model::fmt::short(posts, 2)
                    )}</p>
                    <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" id="use-caseload-cost" on:click=use_it>
                        {if cost.is_some() { "Invest in these posts at that cost" } else { "Invest in these posts (then give the cost of a post)" }}
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
    let add = Callback::new(move |()| {
        Some(placements().at("changes", planner.edit_in(|f| f.placements.as_mut(), |p| p.add_change())).field("line"))
    });
    let changes = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::mix)));
    let years = Memo::new(move |_| report.with(|r| r.as_ref().and_then(csplan_present::tables::forecast_years)));
    view! {
        <h3 class="govuk-heading-m">"Change the mix"</h3>
        <p class="govuk-body">"Add or take away placements of one type, or move children from one type to another, and see what it does to the forecast. Portsmouth: 10 more children in external residential care would cost about £1.6m a year."</p>
        <EditList count=Signal::derive(move || planner.form.with(|f| f.placements.as_ref().map_or(0, |p| p.changes.len())))
            item=Callback::new(|j| view! { <ChangeRow j/> }.into_any()) add_id="add-change" add_label="Add a change" add/>
        {fields(planner, &placements(), &[PlacementsForm::inflation, PlacementsForm::years], "")}
        <LiveTable table=changes/>
        <LiveTable table=years/>
    }
}

#[component]
fn ChangeRow(j: usize) -> impl IntoView {
    let planner = use_planner();
    let at = placements().at("changes", j);
    let lines = line_options(planner);
    let targets = Signal::derive(move || {
        let mut out: Options = vec![(String::new(), "Not moved: more, or fewer if negative".to_string())];
        out.extend(lines.get());
        out
    });
    let name = format!("change {}", j + 1);
    view! {
        <div class="app-inline-fields">
            {select(planner, at.field("line"), &ChangeForm::line.info, &(j + 1).to_string(), lines)}
            {select(planner, at.field("to"), &ChangeForm::to.info, "", targets)}
            {field(planner, at.field("number"), &ChangeForm::number.info, "")}
            {remove_row(name, move || planner.edit_in(|f| f.placements.as_mut(), |p| p.remove_change(j)), "add-change")}
        </div>
    }
}
