//! "Summary to print": the inputs, the key results and the date on one page, laid out for
//! paper by the print stylesheet (navigation, buttons and links to elsewhere are hidden).
//! Figures come from `csplan_calc`'s report; this page only formats them.

use csplan_model::fmt::short;
use leptos::prelude::*;

use crate::components::live_table::LiveTable;

use crate::components::layout::use_document_title;
use crate::state::use_planner;

fn row(key: &str, value: String) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key.to_string()}</dt>
            <dd class="govuk-summary-list__value">{value}</dd>
        </div>
    }
}

/// The page.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let planner = use_planner();
    use_document_title("Summary to print", || false);
    let report = Memo::new(move |_| planner.scenario.with(|s| csplan_calc::report(s).ok()));
    let tables =
        Memo::new(move |_| report.with(|r| r.as_ref().map(csplan_present::tables::report).unwrap_or_default()));
    let count = Memo::new(move |_| tables.with(Vec::len));
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <h1 class="govuk-heading-xl" id="summary-heading">{move || planner.scenario.with(|s| format!("Summary: {}", s.authority))}</h1>
        <p class="govuk-body" id="summary-date">{move || {
            let (as_at, source) = planner.scenario.with(|s| (s.as_at.clone(), csplan_model::presets::source_in_words(s)));
            format!("Printed {} from the Children's Services Planner. Figures as at {as_at}. {source}", csplan_model::fmt::long_date(&crate::today_iso()))
        }}</p>
        <button type="button" class="govuk-button app-no-print" id="print-summary" on:click=print>"Print this summary"</button>
        // Rows the user never changed from the preset they started from are the preset's
        // figures under their authority's name: say so, on paper too.
        {move || planner.scenario.with(|s| csplan_model::presets::unchanged_rows(s)).map(|(title, rows)| view! {
            <div class="govuk-warning-text" id="summary-unchanged">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning: "</span>
                    {format!(
                        "Still the \u{201c}{title}\u{201d} preset's figures, not entered by you: {}. Change or remove them before you use this summary.",
                        rows.join("; ")
                    )}
                </strong>
            </div>
        })}

        <h2 class="govuk-heading-m">"Inputs"</h2>
        <dl class="govuk-summary-list" id="summary-inputs">
            {move || planner.scenario.with(|s| view! {
                {row("Authority", s.authority.clone())}
                {s.cost_per_fte.map(|c| row("Cost of a post a year", c.display_pounds()))}
                {row("Posts rounded", format!("{:?}", s.rounding).to_lowercase())}
                {s.teams.iter().map(|t| {
                    let held = match (t.cases, t.current_caseload) {
                        (Some(c), _) => format!("{} cases", short(c, 1)),
                        (None, Some(a)) => format!("average caseload {}", short(a, 1)),
                        _ => String::new(),
                    };
                    row(&t.name, format!("{} case-holding FTE, {held}, target caseload {}", short(t.case_holding_fte.value(), 2), short(t.target_caseload, 1)))
                }).collect_view()}
            })}
        </dl>

        <h2 class="govuk-heading-m">"Key results"</h2>
        <dl class="govuk-summary-list" id="summary-results">
            {move || report.get().map(|r| view! {
                {r.teams.iter().map(|t| row(&t.name, match (t.result.cost_per_fte, t.result.cost) {
                    (Some(per), Some(cost)) => format!("{} at {}: {}", t.result.posts_phrase(), per.display_pounds(), cost.display_pounds()),
                    _ => t.result.headline(),
                })).collect_view()}
                {(!r.teams.is_empty()).then(|| row("All team groups", format!(
                    "{} posts, {}; each group at its own target, its posts rounded on their own (not an option)",
                    short(r.totals.posts, 2),
                    r.totals.cost.map_or_else(|| "no cost per FTE given".to_string(), |c| format!("{} a year", c.display_pounds()))
                )))}
                {r.options.iter().flat_map(|o| o.at_targets.iter().map(move |a| row(
                    &format!("{} at {}", o.name, short(a.target_caseload, 2)),
                    a.headline(),
                ))).collect_view()}
                {r.workforce.as_ref().map(|w| row("Workforce", format!(
                    "establishment {} FTE, {} vacant ({}), agency {}, gap after the pipeline {} FTE",
                    short(w.total.establishment.value(), 2),
                    short(w.total.vacancies.value(), 2),
                    w.total.measures.vacancy_rate.map(|v| v.display(1)).unwrap_or_default(),
                    w.total.measures.agency_rate.map(|v| v.display(1)).unwrap_or_default(),
                    short(w.total.remaining_gap.value(), 2),
                )))}
                {r.cost_of_care.placements.as_ref().map(|p| row("Placements", format!(
                    "forecast {} against a budget of {}: {} over",
                    p.total_forecast.display_pounds(), p.total_budget.display_pounds(), p.total_deficit.display_pounds(),
                )))}
                {r.budget.as_ref().map(|b| row("Savings programme", format!(
                    "{} of a {} budget ({}%); {} at risk over the plan",
                    b.savings.total_savings.display_pounds(),
                    b.savings.total_budget.display_pounds(),
                    b.savings.total_percent_shown.map(|p| short(p, 0)).unwrap_or_default(),
                    b.plan.at_risk.display_pounds(),
                )))}
                {r.consultation.as_ref().map(|c| row("Consultation", format!("gap to close {}", c.gap.display_pounds())))}
            })}
        </dl>

        // Every chart the scenario has figures for, as its page draws it.
        <h2 class="govuk-heading-m">"The charts"</h2>
        <div id="summary-charts">{move || summary_charts(report)}</div>

        // Every results table, as the pages and `csplan report` show them (placements,
        // invest to save and the rest), where this scenario has the figures.
        <h2 class="govuk-heading-m">"The tables"</h2>
        <div id="summary-tables">
            <For each=move || 0..count.get() key=|i| *i children=move |i| {
                let table = Memo::new(move |_| tables.with(|t| t.get(i).cloned()));
                view! { <LiveTable table small=true no_csv=true/> }
            }/>
        </div>
    }
}

/// The charts of the pages, for the figures this scenario has.
fn summary_charts(report: Memo<Option<csplan_calc::Report>>) -> impl IntoView {
    use crate::components::bar_chart::{budget_history_chart, invest_chart, placements_chart, plan_chart, Groups};
    let bars = |f: fn(&csplan_calc::Report) -> Groups| {
        let groups: Memo<Groups> = Memo::new(move |_| report.with(|r| r.as_ref().map(f).unwrap_or_default()));
        groups
    };
    let placements = bars(|r| csplan_present::chart::placement_bars(&r.cost_of_care));
    let history = bars(|r| csplan_present::chart::budget_history_bars(&r.cost_of_care));
    let invest = bars(|r| csplan_present::chart::invest_bars(&r.cost_of_care));
    let plan = bars(|r| r.budget.as_ref().map(|b| csplan_present::chart::plan_bars(&b.plan)).unwrap_or_default());
    let projection = Memo::new(move |_| {
        report.with(|r| r.as_ref().and_then(|r| r.workforce.as_ref()).map(|w| w.projection.clone()))
    });
    let has = move |g: Memo<Groups>| g.with(|g| !g.is_empty());
    let none =
        move || [placements, history, invest, plan].into_iter().all(|g| !has(g)) && projection.with(Option::is_none);
    view! {
        {move || projection.with(Option::is_some).then(|| crate::components::chart::projection_chart(projection))}
        {move || has(placements).then(|| placements_chart(placements))}
        {move || has(history).then(|| budget_history_chart(history))}
        {move || has(invest).then(|| invest_chart(invest))}
        {move || has(plan).then(|| plan_chart(plan))}
        {move || none().then(|| view! { <p class="govuk-body" id="summary-no-charts">"This scenario has no figures to chart."</p> })}
    }
}
