//! Every results table, described once. Each function takes calc's results and returns
//! the [`Table`] that the command line prints and the web app shows.

use csplan_calc::benchmark::Benchmark;
use csplan_calc::budget::BudgetReport;
use csplan_calc::care_flows::{FlowProjection, RateEstimate};
use csplan_calc::consultation::{show_amount, Outcome};
use csplan_calc::demand::{DemandReport, LookedAfterComparison};
use csplan_calc::placements::CostOfCare;
use csplan_calc::responses::{Breakdown, Comment, LeverSummary, Package, Summary};
use csplan_calc::workforce::RoleFigure;
use csplan_calc::{CaseloadResult, OptionResult, Projection, Report, RoleFigures, TeamResult, WorkforceReport};
use csplan_model::fmt::{grouped, short};
use csplan_model::{Decimal, Fte, LeverKind, Money, Rate};

use crate::{Cell, Column, Table, Unit};

fn col(header: &str, unit: Unit) -> Column {
    Column::new(header, unit)
}

fn text(t: impl Into<String>) -> Cell {
    Cell::text(t)
}

/// A cost that needs a cost per FTE nobody has given.
const NO_COST: &str = "No cost per FTE given";

fn pounds(m: Money) -> Cell {
    Cell::figure(m.value(), m.display_pounds())
}

/// Pounds, or `missing` when there is no figure.
fn pounds_or(m: Option<Money>, missing: &str) -> Cell {
    m.map_or_else(|| Cell::missing(missing), pounds)
}

fn number(v: Decimal, dp: u32) -> Cell {
    Cell::figure(v, short(v, dp))
}

fn fte(v: Fte) -> Cell {
    Cell::figure(v.value(), grouped(v.value(), 2))
}

fn rate(r: Option<Rate>, dp: u32, missing: &str) -> Cell {
    r.map_or_else(|| Cell::missing(missing), |r| Cell::figure(r.value(), r.display(dp)))
}

/// A percentage held as a plain number of per cent (16.9 for 16.9%).
fn percent(v: Option<Decimal>, dp: u32, missing: &str) -> Cell {
    v.map_or_else(|| Cell::missing(missing), |v| Cell::figure(v, format!("{}%", short(v, dp))))
}

fn posts(r: &CaseloadResult) -> Cell {
    Cell::figure(r.posts, r.posts_text())
}

// Caseloads

/// Each team group at its own target, with the total.
pub fn teams(report: &Report) -> Table {
    let mut t = Table::new(
        "teams",
        "Team groups, each at its own target",
        vec![
            col("Team group", Unit::Text),
            col("FTE", Unit::Fte),
            col("Caseload now", Unit::Number),
            col("Cases", Unit::Number),
            col("Target", Unit::Number),
            col("FTE needed", Unit::Fte),
            col("Extra FTE", Unit::Fte),
            col("Posts", Unit::Number),
            col("Cost a year", Unit::Pounds),
            col("Spare FTE", Unit::Fte),
        ],
    );
    for TeamResult { name, result: r } in &report.teams {
        t.row(vec![
            text(name.clone()),
            number(r.case_holding_fte.value(), 2),
            number(r.current_caseload, 1).with_working(r.caseload_working()),
            number(r.cases, 1),
            number(r.target_caseload, 2),
            number(r.fte_needed.value(), 1),
            number(r.additional_fte.value(), 2).with_working(r.extra_fte_working()),
            posts(r).with_working(r.posts_working()),
            pounds_or(r.cost, NO_COST).with_working(r.cost_working()),
            number(r.spare_fte.value(), 2),
        ]);
    }
    let totals = &report.totals;
    let mut total = vec![text("Total")];
    total.extend((0..5).map(|_| Cell::empty()));
    total.extend([
        number(totals.additional_fte.value(), 2),
        number(totals.posts, 2),
        pounds_or(totals.cost, NO_COST),
        Cell::empty(),
    ]);
    t.row(total);
    t.note(
        "Each team group's posts are rounded by itself, so the total adds whole posts group by group: it is not \
         an option. An option pools its team groups' cases and FTE first (see the options).",
    );
    t
}

/// Options side by side: each option's FTE and caseload now, then its extra FTE, posts and
/// cost at each comparison target.
pub fn options(options: &[OptionResult]) -> Table {
    let mut columns = vec![col("Option", Unit::Text), col("FTE now", Unit::Fte), col("Caseload now", Unit::Number)];
    if let Some(first) = options.first() {
        for a in &first.at_targets {
            let target = short(a.target_caseload, 2);
            columns.push(col(&format!("Extra FTE at {target}"), Unit::Fte));
            columns.push(col(&format!("Posts at {target}"), Unit::Number));
            columns.push(col(&format!("Cost a year at {target}"), Unit::Pounds));
        }
    }
    let mut t = Table::new("options", "Options side by side", columns);
    for o in options {
        let mut row = vec![text(o.name.clone())];
        match o.at_targets.first() {
            Some(a) => row.extend([
                number(a.case_holding_fte.value(), 2),
                number(a.current_caseload, 1).with_working(a.caseload_working()),
            ]),
            None => row.extend([Cell::empty(), Cell::empty()]),
        }
        for a in &o.at_targets {
            row.extend([
                number(a.additional_fte.value(), 2).with_working(a.extra_fte_working()),
                posts(a).with_working(a.posts_working()),
                pounds_or(a.cost, NO_COST).with_working(a.cost_working()),
            ]);
        }
        t.row(row);
    }
    t
}

// Workforce

/// A row of a table by role: its label, the cell for one role, and the figure whose
/// working the cell opens.
type RoleRow = (&'static str, fn(&RoleFigures) -> Cell, Option<RoleFigure>);

fn role_table(
    id: &'static str,
    caption: &str,
    first: &str,
    unit: Unit,
    w: &WorkforceReport,
    rows: &[RoleRow],
) -> Table {
    let mut columns = vec![col(first, Unit::Text)];
    columns.extend(w.roles.iter().chain([&w.total]).map(|r| col(&r.name, unit)));
    let mut t = Table::new(id, caption, columns);
    for (label, cell, figure) in rows {
        let mut row = vec![text(*label)];
        let worked = |x: &RoleFigures, roles: Option<&[RoleFigures]>| {
            let c = cell(x);
            match figure.and_then(|f| x.working(f, roles)) {
                Some(working) if !c.missing => c.with_working(working),
                _ => c,
            }
        };
        row.extend(w.roles.iter().map(|x| worked(x, None)));
        row.push(worked(&w.total, Some(&w.roles)));
        t.row(row);
    }
    t
}

/// The establishment, vacancies, agency cover and pipeline of each role, and the gap left.
pub fn establishment(w: &WorkforceReport) -> Table {
    const ROWS: &[RoleRow] = &[
        ("Newly created posts", |x| fte(x.newly_created), None),
        ("Total posts", |x| fte(x.establishment), None),
        ("In post", |x| fte(x.in_post), Some(RoleFigure::InPost)),
        ("Vacant", |x| fte(x.vacancies), None),
        ("Agency workers", |x| fte(x.agency), Some(RoleFigure::Agency)),
        ("Vacant, not covered", |x| fte(x.vacant_not_covered), Some(RoleFigure::NotCovered)),
        ("Agency pipeline", |x| fte(x.agency_pipeline), None),
        ("Permanent pipeline", |x| fte(x.permanent_pipeline), None),
        ("Remaining gap after pipeline", |x| fte(x.remaining_gap), Some(RoleFigure::Gap)),
    ];
    let mut t = role_table("establishment", "Establishment and pipeline (FTE)", "Figure", Unit::Fte, w, ROWS);
    t.note("The gap is vacancies not covered less both pipelines, floored at 0 for each role; the total adds the roles' gaps.");
    t
}

/// DfE's workforce measures for each role.
pub fn measures(w: &WorkforceReport) -> Table {
    const ROWS: &[RoleRow] = &[
        ("Vacancy rate", |x| rate(x.measures.vacancy_rate, 1, "not given"), Some(RoleFigure::VacancyRate)),
        ("Agency rate", |x| rate(x.measures.agency_rate, 1, "not given"), Some(RoleFigure::AgencyRate)),
        ("Turnover rate", |x| rate(x.measures.turnover_rate, 1, "not given"), None),
        (
            "Agency cover rate",
            |x| rate(x.measures.agency_cover_rate, 1, "not given"),
            Some(RoleFigure::AgencyCoverRate),
        ),
        (
            "Vacancy agency cover rate",
            |x| rate(x.measures.vacancy_agency_cover_rate, 1, "not given"),
            Some(RoleFigure::VacancyAgencyCoverRate),
        ),
    ];
    let mut t = role_table("measures", "DfE measures", "Measure", Unit::Percent, w, ROWS);
    t.note(
        "As DfE defines them: vacancy rate = vacancies / (vacancies + in post); agency rate = agency / (agency + in \
         post); turnover = leavers / in post; agency cover rate = agency covering vacancies / agency; vacancy \
         agency cover rate = agency covering vacancies / vacancies. Rounded to 1 place, as DfE publishes.",
    );
    t
}

/// What each role costs a year.
pub fn costs(w: &WorkforceReport) -> Table {
    const ROWS: &[RoleRow] = &[
        ("Permanent staff", |x| pounds_or(x.costs.map(|c| c.permanent), "not given"), Some(RoleFigure::PermanentCost)),
        ("Agency workers", |x| pounds_or(x.costs.map(|c| c.agency), "not given"), Some(RoleFigure::AgencyCost)),
        (
            "Agency premium over permanent",
            |x| pounds_or(x.costs.map(|c| c.agency_premium), "not given"),
            Some(RoleFigure::AgencyPremium),
        ),
        (
            "Converting agency cover to permanent",
            |x| pounds_or(x.costs.map(|c| c.convert_agency_cover), "not given"),
            Some(RoleFigure::ConvertAgencyCover),
        ),
    ];
    role_table("costs", "Annual costs", "Cost", Unit::Pounds, w, ROWS)
}

/// The workforce projected month by month.
pub fn projection(p: &Projection) -> Table {
    let mut t = Table::new(
        "projection",
        "Projection by month (month 0 is now)",
        vec![
            col("Month", Unit::Text),
            col("In post", Unit::Fte),
            col("Agency", Unit::Fte),
            col("Vacant", Unit::Fte),
            col("Newly qualified", Unit::Fte),
            col("Case-holding FTE", Unit::Number),
            col("Caseload", Unit::Number),
            col("Cost", Unit::Pounds),
        ],
    );
    for m in &p.months {
        t.row(vec![
            text(m.month.clone()),
            number(m.in_post.value(), 1),
            number(m.agency.value(), 1),
            number(m.vacancies.value(), 1),
            number(m.newly_qualified.value(), 1),
            number(m.case_holding_fte.value(), 1),
            m.caseload.map_or_else(|| Cell::missing("-"), |c| number(c, 1)),
            pounds(m.cost),
        ]);
    }
    t
}

/// The projection's staffing cost by financial year.
pub fn financial_years(p: &Projection) -> Table {
    let mut t = Table::new(
        "financial-years",
        "Staffing cost by financial year (April to March)",
        vec![col("Year", Unit::Text), col("Months", Unit::Number), col("Cost", Unit::Pounds)],
    );
    for f in &p.financial_years {
        t.row(vec![text(f.year.clone()), number(Decimal::from(f.months), 0), pounds(f.cost)]);
    }
    if !p.uncosted_roles.is_empty() {
        t.note(format!(
            "Not costed, because a permanent or agency cost per FTE is missing: {}.",
            p.uncosted_roles.join(", ")
        ));
    }
    t
}

/// A published figure as people read it: rates to 1 place with "%", FTE to 2 places,
/// others to 1 place.
fn dfe_figure(unit: &str, v: Option<Decimal>) -> Cell {
    match v {
        None => Cell::missing("not published"),
        Some(v) if unit == "%" => Cell::figure(v, format!("{}%", short(v, 1))),
        Some(v) if unit == "FTE" => number(v, 2),
        Some(v) => number(v, 1),
    }
}

/// An authority's DfE workforce figures beside its region's and England's, with its rank,
/// and the scenario's own figure where it has one (`ours`, by measure key).
pub fn benchmark(b: &Benchmark, ours: &dyn Fn(&str) -> Option<Decimal>) -> Table {
    let region = if b.region.is_empty() { "Region".to_string() } else { b.region.clone() };
    let mut t = Table::new(
        "benchmark",
        format!("{} beside {} and England, 30 September {}", b.authority, region, b.year),
        vec![
            col("Measure", Unit::Text),
            col(&b.authority, Unit::Number),
            col(&region, Unit::Number),
            col("England", Unit::Number),
            col("Rank (1 = lowest)", Unit::Number),
            col("This scenario", Unit::Number),
        ],
    );
    for m in &b.measures {
        let rank = m
            .rank
            .map_or_else(|| Cell::missing("-"), |r| Cell::figure(Decimal::from(r as u64), format!("{r} of {}", m.of)));
        t.row(vec![
            text(m.label),
            dfe_figure(m.unit, m.authority),
            dfe_figure(m.unit, m.region),
            dfe_figure(m.unit, m.england),
            rank,
            ours(m.key).map_or_else(|| Cell::missing("-"), |v| dfe_figure(m.unit, Some(v))),
        ]);
    }
    t.note("Rank 1 is the lowest figure among English authorities that year.");
    t.note(format!("Source: {}. {}", b.source, b.attribution));
    t
}

/// An authority's DfE workforce figures year by year.
pub fn trend(b: &Benchmark) -> Table {
    let years: Vec<u16> = b.measures.first().map(|m| m.trend.iter().map(|t| t.year).collect()).unwrap_or_default();
    let mut columns = vec![col("Measure", Unit::Text)];
    columns.extend(years.iter().map(|y| col(&y.to_string(), Unit::Number)));
    let mut t = Table::new("trend", format!("{} by year", b.authority), columns);
    for m in &b.measures {
        let mut row = vec![text(m.label)];
        row.extend(m.trend.iter().map(|p| dfe_figure(m.unit, p.value)));
        t.row(row);
    }
    t
}

// Cost of care

/// Placement lines, shared budgets and the total: forecast against budget.
pub fn placements(c: &CostOfCare) -> Option<Table> {
    let p = c.placements.as_ref()?;
    let mut t = Table::new(
        "placements",
        "Forecast against budget, this year",
        vec![
            col("Line", Unit::Text),
            col("Children", Unit::Number),
            col("Unit cost a year", Unit::Pounds),
            col("Forecast", Unit::Pounds),
            col("Budget", Unit::Pounds),
            col("Deficit", Unit::Pounds),
        ],
    );
    for l in &p.lines {
        let forecast = if l.forecast_given {
            Cell::figure(l.forecast.value(), format!("{} (published)", l.forecast.display_pounds()))
        } else {
            pounds(l.forecast)
        }
        .with_working(l.explanation.clone());
        let deficit = match l.deficit_working() {
            Some(w) => pounds_or(l.deficit, "-").with_working(w),
            None => pounds_or(l.deficit, "-"),
        };
        let budget = match (l.budget, &l.group) {
            (Some(b), _) => pounds(b),
            (None, Some(g)) => text(format!("shared ({g})")),
            (None, None) => Cell::missing("-"),
        };
        t.row(vec![text(l.name.clone()), number(l.number, 2), pounds(l.annual_unit_cost), forecast, budget, deficit]);
    }
    for g in &p.groups {
        t.row(vec![
            text(format!("{} (shared budget)", g.name)),
            Cell::empty(),
            Cell::empty(),
            pounds(g.forecast).with_working(p.group_forecast_working(g)),
            pounds(g.budget),
            pounds(g.deficit).with_working(csplan_calc::placements::PlacementsReport::group_deficit_working(g)),
        ]);
    }
    t.row(vec![
        text("Total"),
        Cell::empty(),
        Cell::empty(),
        pounds(p.total_forecast).with_working(p.total_forecast_working()),
        pounds(p.total_budget),
        pounds(p.total_deficit).with_working(p.total_deficit_working()),
    ]);
    t.note("Deficit = forecast - budget; a shared budget is set against the sum of its lines' forecasts.");
    Some(t)
}

/// Budget against spend, year by year.
pub fn budget_history(c: &CostOfCare) -> Option<Table> {
    if c.budget_history.is_empty() {
        return None;
    }
    let mut t = Table::new(
        "budget-history",
        "Budget against spend",
        vec![
            col("Year", Unit::Text),
            col("Budget", Unit::Pounds),
            col("Spend", Unit::Pounds),
            col("Overspend", Unit::Pounds),
            col("% of budget", Unit::Percent),
            col("% of spend", Unit::Percent),
        ],
    );
    for y in &c.budget_history {
        t.row(vec![
            text(y.year.clone()),
            pounds(y.budget),
            pounds(y.spend),
            pounds(y.deficit),
            rate(y.percent_of_budget, 2, "-"),
            rate(y.percent_of_spend, 2, "-"),
        ]);
    }
    t.note(
        "Overspend = spend - budget. Councils quote it as a share of the budget (Portsmouth does); as a share of \
         the spend it is smaller. Both are shown, to 2 places.",
    );
    Some(t)
}

/// An invest-to-save case year by year.
pub fn invest_to_save(c: &CostOfCare) -> Option<Table> {
    let i = c.invest_to_save.as_ref()?;
    let mut t = Table::new(
        "invest",
        "Year by year",
        vec![
            col("Year", Unit::Text),
            col("Cost", Unit::Pounds),
            col("Placements avoided", Unit::Number),
            col("Expected saving", Unit::Pounds),
            col("Net", Unit::Pounds),
            col("Cumulative", Unit::Pounds),
            col("Discounted net", Unit::Pounds),
        ],
    );
    for y in &i.years {
        t.row(vec![
            text(format!("Year {}", y.year)),
            pounds(y.cost),
            number(y.avoided, 2),
            pounds(y.expected_saving),
            pounds(y.net),
            pounds(y.cumulative),
            pounds(y.discounted),
        ]);
    }
    let payback = i.payback_year.map_or_else(
        || "It does not pay back within the years entered.".to_string(),
        |y| format!("It pays back in year {y}."),
    );
    t.note(format!("{}. {payback} Net present value: {}.", i.explanation, i.npv.display_pounds()));
    Some(t)
}

/// What each change to the placement mix costs a year.
pub fn mix(c: &CostOfCare) -> Option<Table> {
    let m = c.mix.as_ref()?;
    let mut t = Table::new(
        "mix",
        "What each change costs a year",
        vec![col("Change", Unit::Text), col("Cost a year", Unit::Pounds)],
    );
    for ch in &m.changes {
        t.row(vec![text(ch.description.clone()), pounds(ch.cost_change)]);
    }
    t.row(vec![text("Forecast with the changes"), pounds(m.changed_forecast)]);
    Some(t)
}

/// The forecast with the changes, year by year with inflation.
pub fn forecast_years(c: &CostOfCare) -> Option<Table> {
    let m = c.mix.as_ref()?;
    let mut t = Table::new(
        "forecast-years",
        "Forecast by year, with inflation",
        vec![col("Year", Unit::Text), col("Forecast", Unit::Pounds)],
    );
    for y in &m.years {
        t.row(vec![text(format!("Year {}", y.year)), pounds(y.forecast)]);
    }
    Some(t)
}

// Demand

/// Each demand series, its projection and its growth.
pub fn demand(d: &DemandReport) -> Table {
    let mut columns = vec![col("Series", Unit::Text)];
    columns.extend(d.years.iter().map(|y| col(y, Unit::Number)));
    columns.extend(d.projected_years.iter().map(|y| col(&format!("{y} (projected)"), Unit::Number)));
    columns.extend([col("Growth", Unit::Percent), col("A year", Unit::Percent)]);
    let mut t = Table::new("demand", "Each series, its growth and its projection", columns);
    for s in &d.series {
        let mut row = vec![text(s.label.clone())];
        row.extend(s.values.iter().chain(&s.projected).map(|v| number(*v, 1)));
        row.push(percent(s.growth_percent, 1, "-"));
        row.push(percent(s.annual_growth_percent, 1, "-"));
        t.row(row);
    }
    t.note("Growth is from the first year to the last; a year is the compound annual rate over those years.");
    t.note("Projections: linear = least-squares straight line; compound = the last value grown at the yearly rate.");
    t
}

/// Each all-ages series per 10,000 children aged 0-17 (DfE's rounding), if the scenario
/// has the population.
pub fn demand_rates(d: &DemandReport) -> Option<Table> {
    let series: Vec<_> = d.series.iter().filter(|x| !x.per_10000.is_empty()).collect();
    if series.is_empty() {
        return None;
    }
    let mut columns = vec![col("Series", Unit::Text)];
    columns.extend(d.years.iter().map(|y| col(y, Unit::Number)));
    let mut t = Table::new("demand-rates", "Per 10,000 children aged 0-17", columns);
    for x in series {
        let mut row = vec![text(x.label.clone())];
        row.extend(x.per_10000.iter().map(|v| number(*v, 0)));
        t.row(row);
    }
    t.note("Rounded to a whole number, halves up, as DfE publishes rates.");
    Some(t)
}

/// Children looked after per 10,000 beside DfE's published rates.
pub fn looked_after(rows: &[LookedAfterComparison], authority: &str) -> Table {
    let region = rows.first().map(|c| c.region.clone()).unwrap_or_else(|| "Region".to_string());
    let mut t = Table::new(
        "dfe-looked-after",
        "Per 10,000 children aged 0-17, at 31 March",
        vec![
            col("Year", Unit::Text),
            col("This scenario", Unit::Number),
            col(&format!("{authority} (DfE)"), Unit::Number),
            col(&region, Unit::Number),
            col("England", Unit::Number),
        ],
    );
    let r = |v: Option<Decimal>| v.map_or_else(|| Cell::missing("-"), |v| number(v, 0));
    for c in rows {
        t.row(vec![text(c.year.clone()), r(c.scenario), r(c.authority), r(c.region_rate), r(c.england)]);
    }
    t
}

/// The social workers projected demand needs, year by year.
pub fn demand_posts(d: &DemandReport) -> Option<Table> {
    if d.chain.is_empty() {
        return None;
    }
    let mut t = Table::new(
        "demand-posts",
        "The social workers projected demand needs",
        vec![
            col("Year", Unit::Text),
            col("Cases", Unit::Number),
            col("FTE needed", Unit::Fte),
            col("Extra FTE", Unit::Fte),
            col("Posts", Unit::Number),
            col("Cost", Unit::Pounds),
        ],
    );
    for y in &d.chain {
        t.row(vec![
            text(y.year.clone()),
            number(y.cases, 1),
            number(y.caseload.fte_needed.value(), 1),
            number(y.caseload.additional_fte.value(), 2),
            posts(&y.caseload),
            pounds_or(y.caseload.cost, NO_COST),
        ]);
    }
    Some(t)
}

// Children in care

/// Children looked after month by month, by type, with the 95% band and the month's cost.
pub fn flows(f: &FlowProjection) -> Table {
    let mut columns = vec![col("Month", Unit::Text)];
    columns.extend(f.types.iter().map(|name| col(name, Unit::Number)));
    columns.extend([col("All", Unit::Number), col("95% band", Unit::Text), col("Cost that month", Unit::Pounds)]);
    let mut t = Table::new("flows", "Children looked after by month (month 0 is now)", columns);
    for m in &f.months {
        let mut row = vec![text(m.month.to_string())];
        row.extend(m.by_type.iter().map(|v| number(*v, 1)));
        row.push(number(m.total, 1));
        row.push(text(format!("{} to {}", short(m.low, 1), short(m.high, 1))));
        row.push(pounds_or(m.cost, "-"));
        t.row(row);
    }
    t
}

/// The cost of the projected path by financial year.
pub fn flows_years(f: &FlowProjection) -> Option<Table> {
    if f.financial_years.is_empty() {
        return None;
    }
    let mut t = Table::new(
        "flows-years",
        "Cost of the path by financial year (April to March)",
        vec![col("Year", Unit::Text), col("Months", Unit::Number), col("Cost", Unit::Pounds)],
    );
    for y in &f.financial_years {
        t.row(vec![text(y.year.clone()), number(Decimal::from(y.months), 0), pounds(y.cost)]);
    }
    Some(t)
}

/// The DfE counts flow rates are estimated from.
pub fn estimate(e: &RateEstimate) -> Table {
    let mut t = Table::new(
        "estimate",
        "Children looked after, DfE counts",
        vec![
            col("Year", Unit::Text),
            col("Looked after at the start", Unit::Number),
            col("Started", Unit::Number),
            col("Stopped", Unit::Number),
        ],
    );
    for y in &e.years {
        t.row(vec![
            text(format!("Year to 31 March {}", y.year)),
            number(y.start, 0),
            number(y.entrants, 0),
            number(y.exits, 0),
        ]);
    }
    t.note(format!("{}.", e.explanation));
    t
}

// Budget

/// Savings by budget area, as the SP2023 table prints them.
pub fn savings(b: &BudgetReport) -> Table {
    let s = &b.savings;
    let mut t = Table::new(
        "savings",
        "Savings by budget area",
        vec![
            col("Budget area", Unit::Text),
            col("Budget", Unit::Pounds),
            col("Savings", Unit::Pounds),
            col("% of budget", Unit::Percent),
            col("After savings", Unit::Pounds),
        ],
    );
    for a in &s.areas {
        let after = match (a.after, a.below_minimum) {
            (Some(after), true) => {
                Cell::figure(after.value(), format!("{} (below the statutory minimum)", after.display_pounds()))
            }
            (after, _) => pounds_or(after, "-"),
        };
        let worked = |c: Cell, w: Option<String>| match w {
            Some(w) => c.with_working(w),
            None => c,
        };
        t.row(vec![
            text(a.name.clone()),
            pounds_or(a.budget, "-"),
            pounds(a.savings).with_working(a.savings_working()),
            worked(percent(a.percent_shown, 0, "n/a"), a.percent_working()),
            worked(after, a.after_working()),
        ]);
    }
    t.row(vec![
        text("Total"),
        pounds(s.total_budget),
        pounds(s.total_savings),
        percent(s.total_percent_shown, 0, ""),
        Cell::empty(),
    ]);
    t.note(
        "% of budget is shown as a whole per cent, halves up, as the SP2023 table prints it. Funding lines have no \
         budget of their own.",
    );
    t
}

/// The medium-term plan year by year.
pub fn plan(b: &BudgetReport) -> Option<Table> {
    let p = &b.plan;
    if p.years.is_empty() {
        return None;
    }
    let mut t = Table::new(
        "plan",
        "The plan year by year",
        vec![
            col("Year", Unit::Text),
            col("Pressures", Unit::Pounds),
            col("Savings (target)", Unit::Pounds),
            col("Savings (expected)", Unit::Pounds),
            col("Gap at target", Unit::Pounds),
            col("Cumulative", Unit::Pounds),
            col("Gap expected", Unit::Pounds),
            col("Cumulative expected", Unit::Pounds),
        ],
    );
    for y in &p.years {
        t.row(vec![
            text(y.year.clone()),
            pounds(y.pressures),
            pounds(y.savings_target),
            pounds(y.savings_expected),
            pounds(y.gap_target),
            pounds(y.cumulative_target),
            pounds(y.gap_expected),
            pounds(y.cumulative_expected),
        ]);
    }
    t.note("Gap = pressures - savings delivered that year; cumulative = the running sum.");
    t.note(format!(
        "Savings over the plan: {} at target, {} expected after delivery risk, so {} at risk.",
        p.total_target.display_pounds(),
        p.total_expected.display_pounds(),
        p.at_risk.display_pounds()
    ));
    Some(t)
}

/// The home to school transport pressure, year by year, with its drivers.
pub fn transport(b: &BudgetReport) -> Option<Table> {
    let tr = b.plan.transport.as_ref()?;
    let mut t = Table::new(
        "transport",
        "Home to school transport",
        vec![
            col("Year", Unit::Text),
            col("Pressure", Unit::Pounds),
            col("Cumulative", Unit::Pounds),
            col("SEN travellers", Unit::Number),
            col("Travellers x unit cost", Unit::Pounds),
            col("Change", Unit::Pounds),
        ],
    );
    for y in &tr.years {
        t.row(vec![
            text(y.year.clone()),
            pounds(y.pressure),
            pounds(y.cumulative),
            y.travellers.map_or_else(Cell::empty, |v| number(v, 2)),
            pounds_or(y.driver_cost, ""),
            pounds_or(y.driver_pressure, ""),
        ]);
    }
    Some(t)
}

// Consultation

/// A consultation's choices at their values, and the balance.
pub fn consultation(o: &Outcome) -> Table {
    let mut t = Table::new(
        "consultation",
        "Consultation choices (at their starting values)",
        vec![
            col("Choice", Unit::Text),
            col("Value", Unit::Number),
            col("Closes the gap by", Unit::Pounds),
            col("What it means", Unit::Text),
        ],
    );
    for l in &o.levers {
        t.row(vec![text(l.name.clone()), number(l.value, 2), pounds(l.money), text(l.explanation.clone())]);
    }
    t.note(format!("Gap {}: {}.", o.gap.display_pounds(), o.summary));
    t
}

/// Take-up of each choice across many responses.
pub fn responses(s: &Summary) -> Table {
    let mut t = Table::new(
        "responses",
        format!(
            "{} responses; {} balanced{}; {} with an overall comment",
            s.responses,
            s.balanced,
            in_brackets(s.balanced_percent),
            s.comments
        ),
        vec![
            col("Choice", Unit::Text),
            col("Responses", Unit::Number),
            col("Take-up", Unit::Number),
            col("Agree / disagree", Unit::Text),
            col("Mean", Unit::Number),
            col("Median", Unit::Number),
            col("Lowest to highest", Unit::Text),
            col("Comments", Unit::Number),
        ],
    );
    let count = |n: usize| number(Decimal::from(n as u64), 0);
    for l in &s.levers {
        // In the lever's unit (£ to the pound, %), when the consultation says it.
        let amount =
            |v: Decimal| Cell::figure(v, show_amount(l.kind.unwrap_or(csplan_model::LeverKind::Stepped), &l.unit, v));
        let agree = if l.kind == Some(csplan_model::LeverKind::Principle) || l.agree + l.disagree != l.taken_up {
            text(format!("{} / {}", l.agree, l.disagree))
        } else {
            Cell::empty()
        };
        t.row(vec![
            text(l.name.clone()),
            count(l.responses),
            Cell::figure(Decimal::from(l.taken_up as u64), format!("{}{}", l.taken_up, in_brackets(l.take_up_percent))),
            agree,
            l.mean.map_or_else(Cell::empty, &amount),
            l.median.map_or_else(Cell::empty, &amount),
            match (l.lowest, l.highest) {
                (Some(lo), Some(hi)) => text(format!("{} to {}", amount(lo).text, amount(hi).text)),
                _ => Cell::empty(),
            },
            count(l.comments),
        ]);
    }
    t
}

/// One choice's figure for a group: take-up for a proposal, the share agreeing for a
/// principle, the mean (in its unit) for a number.
fn group_figure(l: &LeverSummary) -> Cell {
    match l.kind {
        Some(LeverKind::Principle) => percent(csplan_calc::responses::share(l.agree, l.responses), 1, ""),
        Some(LeverKind::Proposal) | None => percent(l.take_up_percent, 1, ""),
        Some(kind) => l.mean.map_or_else(Cell::empty, |m| Cell::figure(m, show_amount(kind, &l.unit, m))),
    }
}

/// Every choice, broken down by the answers to one "about you" question: a column an
/// answer (with how many gave it).
pub fn breakdown(b: &Breakdown) -> Table {
    let mut columns = vec![col("Choice", Unit::Text)];
    for g in &b.groups {
        columns.push(Column::new(format!("{} ({})", g.answer, g.summary.responses), Unit::Number));
    }
    let mut t = Table::new("breakdown", format!("Choices by the answer to \u{201c}{}\u{201d}", b.text), columns);
    let levers = b.groups.first().map(|g| g.summary.levers.as_slice()).unwrap_or_default();
    for (k, l) in levers.iter().enumerate() {
        let mut row = vec![text(l.name.clone())];
        for g in &b.groups {
            row.push(g.summary.levers.get(k).map_or_else(Cell::empty, group_figure));
        }
        t.row(row);
    }
    t.note("Each column is the responses giving that answer, with how many in brackets. A proposal shows its take-up, a principle the share agreeing, and a number its mean.");
    t
}

/// The average package participants chose beside the council's proposal.
pub fn package(p: &Package) -> Table {
    let mut t = Table::new(
        "package",
        "The average package participants chose, beside the council's proposal",
        vec![
            col("Choice", Unit::Text),
            col("The council's proposal", Unit::Number),
            col("Participants' average", Unit::Number),
            col("Proposal closes the gap by", Unit::Pounds),
            col("Average closes the gap by", Unit::Pounds),
        ],
    );
    for l in &p.lines {
        let average = match (l.kind, l.average) {
            (_, None) => Cell::missing("No responses"),
            (LeverKind::Proposal, Some(v)) => {
                Cell::figure(v, format!("{} accepted", csplan_model::fmt::share_percent(v, 1)))
            }
            (LeverKind::Principle, Some(v)) => Cell::figure(v, format!("{} (agree 1, disagree -1)", short(v, 2))),
            (kind, Some(v)) => Cell::figure(v, show_amount(kind, &l.unit, v)),
        };
        t.row(vec![
            text(l.name.clone()),
            Cell::figure(l.proposed, show_amount(l.kind, &l.unit, l.proposed)),
            average,
            pounds(l.proposed_money),
            l.average_money.map_or_else(|| Cell::missing("-"), pounds),
        ]);
    }
    t.row(vec![text("Total"), Cell::empty(), Cell::empty(), pounds(p.proposed_total), pounds(p.average_total)]);
    t.note(format!(
        "The gap is {}. The council's proposal leaves {}; the average package leaves {}. A proposal's average is the share that accepted it, so it closes that share of its saving.",
        p.gap.display_pounds(),
        left_to_close(p.gap, p.proposed_total),
        left_to_close(p.gap, p.average_total)
    ));
    t
}

/// "£120,000 to close" or "£30,000 to spare".
fn left_to_close(gap: Money, closed: Money) -> String {
    let left = Money::new(gap.value() - closed.value());
    if left.is_negative() {
        format!("{} to spare", Money::new(-left.value()).display_pounds())
    } else if left.value().is_zero() {
        "nothing to close".to_string()
    } else {
        format!("{} to close", left.display_pounds())
    }
}

/// ` (62.5%)`, or nothing when there is no share (no responses).
fn in_brackets(share: Option<Decimal>) -> String {
    share.map(|p| format!(" ({}%)", short(p, 1))).unwrap_or_default()
}

/// Every comment, with the response it came from.
pub fn comments(list: &[Comment]) -> Table {
    let mut t = Table::new(
        "comments",
        format!("{} comment{}", list.len(), if list.len() == 1 { "" } else { "s" }),
        vec![col("From", Unit::Text), col("On", Unit::Text), col("Comment", Unit::Text)],
    );
    for c in list {
        let on = if c.choice.is_empty() { "Overall".to_string() } else { c.choice.clone() };
        t.row(vec![text(c.from.clone()), text(on), text(c.text.clone())]);
    }
    t
}

/// The answers to each "about you" question.
pub fn about_you(s: &Summary) -> Vec<Table> {
    s.about_you
        .iter()
        .map(|q| {
            let mut t = Table::new(
                "about-you",
                q.text.clone(),
                vec![col("Answer", Unit::Text), col("Responses", Unit::Number)],
            );
            for (a, n) in &q.answers {
                t.row(vec![text(a.clone()), number(Decimal::from(*n as u64), 0)]);
            }
            t.row(vec![text("No answer"), number(Decimal::from(q.unanswered as u64), 0)]);
            t
        })
        .collect()
}

/// Every "about you" answer in one table (question, answer, responses), for a page that
/// shows them together.
pub fn about_you_all(s: &Summary) -> Table {
    let mut t = Table::new(
        "about-you",
        "About you: the answers to each question",
        vec![col("Question", Unit::Text), col("Answer", Unit::Text), col("Responses", Unit::Number)],
    );
    for q in &s.about_you {
        let question = if q.text.is_empty() { q.id.clone() } else { q.text.clone() };
        for (a, n) in &q.answers {
            t.row(vec![text(question.clone()), text(a.clone()), number(Decimal::from(*n as u64), 0)]);
        }
        t.row(vec![text(question), text("No answer"), number(Decimal::from(q.unanswered as u64), 0)]);
    }
    t
}

/// Every table of a report, in the order the pages show them, for the command line and
/// `csplan table`.
pub fn report(r: &Report) -> Vec<Table> {
    let mut out = Vec::new();
    if !r.teams.is_empty() {
        out.push(teams(r));
    }
    if !r.options.is_empty() {
        out.push(options(&r.options));
    }
    if let Some(w) = &r.workforce {
        out.extend([establishment(w), measures(w), costs(w), projection(&w.projection)]);
        if !w.projection.financial_years.is_empty() {
            out.push(financial_years(&w.projection));
        }
    }
    let c = &r.cost_of_care;
    out.extend(placements(c));
    out.extend(mix(c));
    out.extend(forecast_years(c));
    out.extend(budget_history(c));
    out.extend(invest_to_save(c));
    if let Some(d) = &r.demand {
        out.push(demand(d));
        out.extend(demand_rates(d));
        if !d.dfe_looked_after.is_empty() {
            out.push(looked_after(&d.dfe_looked_after, ""));
        }
        out.extend(demand_posts(d));
    }
    if let Some(f) = &r.care_flows {
        out.push(flows(f));
        out.extend(flows_years(f));
    }
    if let Some(b) = &r.budget {
        out.push(savings(b));
        out.extend(plan(b));
        out.extend(transport(b));
    }
    if let Some(o) = &r.consultation {
        out.push(consultation(o));
    }
    out
}

// Children in care from SSDA903 records

/// What cleaning the records changed or dropped: how many of each kind, with the first
/// row of each (every row is in [`care_change_rows`]).
pub fn care_changes(r: &csplan_data::ssda903::Records) -> Table {
    let mut t = Table::new(
        "care-changes",
        format!(
            "Cleaning: {} changes; {} episodes of {} children kept",
            r.changes.len(),
            r.episodes.len(),
            r.children.len()
        ),
        vec![col("What was done", Unit::Text), col("Rows", Unit::Number), col("First", Unit::Text)],
    );
    for (kind, n) in r.change_counts() {
        let first =
            r.changes.iter().find(|c| c.kind == kind).map(|c| format!("{}: {}", c.at, c.what)).unwrap_or_default();
        t.row(vec![text(kind.describe()), number(Decimal::from(n as u64), 0), text(first)]);
    }
    if !r.ignored.is_empty() {
        // By table name, not path: a return's folders repeat the same ten names.
        let mut names: Vec<&str> = r
            .ignored
            .iter()
            .map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f).trim_end_matches(".csv").trim_end_matches(".CSV"))
            .collect();
        names.sort_unstable();
        names.dedup();
        t.note(format!(
            "{} file{} not read: empty, or not the header or episodes table ({}).",
            r.ignored.len(),
            if r.ignored.len() == 1 { "" } else { "s" },
            names.join(", ")
        ));
    }
    t
}

/// Every change cleaning made, row by row.
pub fn care_change_rows(r: &csplan_data::ssda903::Records) -> Table {
    let mut t = Table::new(
        "care-change-rows",
        "Every change cleaning made",
        vec![col("File", Unit::Text), col("Row", Unit::Text), col("What was done", Unit::Text)],
    );
    for c in &r.changes {
        t.row(vec![text(c.at.file.clone()), text(c.at.row.to_string()), text(c.what.clone())]);
    }
    t
}

/// Children in care by category on each 31 March the records cover (and their last day).
pub fn care_history(h: &[csplan_calc::care::HistoryPoint], categories: &[String]) -> Table {
    let mut columns = vec![col("Date", Unit::Text)];
    columns.extend(categories.iter().map(|c| col(c, Unit::Number)));
    columns.push(col("In care", Unit::Number));
    let mut t = Table::new("care-history", "Children in care by category, from the records", columns);
    let last = h.last().map(|p| p.day.clone());
    for p in h.iter().filter(|p| p.day.ends_with("-03-31") || Some(&p.day) == last.as_ref()) {
        let mut row = vec![text(p.day.clone())];
        row.extend(p.by_category.iter().map(|n| number(Decimal::from(*n), 0)));
        row.push(number(Decimal::from(p.total), 0));
        t.row(row);
    }
    t
}

/// The projection by category, month by month, with the 95% band of the total.
pub fn care_projection(p: &csplan_calc::care::CareProjection) -> Table {
    let mut columns = vec![col("Month", Unit::Number), col("Date", Unit::Text)];
    columns.extend(p.categories.iter().map(|c| col(c, Unit::Number)));
    columns.extend([
        col("In care", Unit::Number),
        col("95% band", Unit::Text),
        col("Entrants", Unit::Number),
        col("Leavers", Unit::Number),
    ]);
    let mut t = Table::new("care-projection", "Children in care projected by category (expected numbers)", columns);
    for (k, m) in p.months.iter().enumerate() {
        let mut row = vec![number(Decimal::from(m.month), 0), text(m.date.clone())];
        row.extend(p.by_category(k).into_iter().map(|v| number(v, 1)));
        row.push(number(m.total, 1));
        row.push(text(format!("{} to {}", short(m.total_low, 1), short(m.total_high, 1))));
        row.push(number(m.entrants, 1));
        row.push(number(m.exits, 1));
        t.row(row);
    }
    t.note("Each month: last month's children + entrants - leavers. The band is 95%: children are independent, entrants arrive at random (Poisson).");
    t
}

/// The projection in one month, by age band and category.
pub fn care_bands(p: &csplan_calc::care::CareProjection, month: usize) -> Option<Table> {
    let m = p.months.get(month)?;
    let mut columns = vec![col("Age band", Unit::Text)];
    columns.extend(p.categories.iter().map(|c| col(c, Unit::Number)));
    columns.push(col("In care", Unit::Number));
    let mut t =
        Table::new("care-bands", format!("Children in care on {} by age band (month {})", m.date, m.month), columns);
    for (band, row) in p.bands.iter().zip(&m.children) {
        let mut cells = vec![text(band.clone())];
        cells.extend(row.iter().map(|v| number(*v, 1)));
        cells.push(number(row.iter().copied().sum(), 1));
        t.row(cells);
    }
    Some(t)
}

/// The projection in long form, a row a month, band and category:
/// `month,date,age_band,category,children,low,high` (exact expected numbers).
pub fn care_long(p: &csplan_calc::care::CareProjection) -> Table {
    let mut t = Table::new(
        "care-long",
        "",
        ["month", "date", "age_band", "category", "children", "low", "high"]
            .into_iter()
            .map(|h| {
                Column::new(
                    h,
                    if ["month", "children", "low", "high"].contains(&h) { Unit::Number } else { Unit::Text },
                )
            })
            .collect(),
    );
    for m in &p.months {
        for (b, band) in p.bands.iter().enumerate() {
            for (c, category) in p.categories.iter().enumerate() {
                let at = |grid: &Vec<Vec<Decimal>>| grid.get(b).and_then(|r| r.get(c)).copied().unwrap_or_default();
                t.row(vec![
                    number(Decimal::from(m.month), 0),
                    text(m.date.clone()),
                    text(band.clone()),
                    text(category.clone()),
                    Cell::figure(at(&m.children), short(at(&m.children), 1)),
                    Cell::figure(at(&m.low), short(at(&m.low), 1)),
                    Cell::figure(at(&m.high), short(at(&m.high), 1)),
                ]);
            }
        }
    }
    t
}

/// The projection made as D2I makes it, in long form: `month,date,category,children`.
pub fn care_like_d2i(p: &csplan_calc::care_like_d2i::LikeD2i) -> Table {
    let mut t = Table::new(
        "care-like-d2i",
        "",
        vec![
            Column::new("month", Unit::Number),
            Column::new("date", Unit::Text),
            Column::new("category", Unit::Text),
            Column::new("children", Unit::Number),
        ],
    );
    for (m, month) in p.months.iter().enumerate() {
        for (name, v) in p.categories.iter().zip(&month.children) {
            t.row(vec![
                number(Decimal::from(m as u64), 0),
                text(month.date.clone()),
                text(name.clone()),
                Cell::figure(*v, short(*v, 2)),
            ]);
        }
    }
    t
}

/// This financial year's placements from the records, as Portsmouth forecast them.
pub fn care_year_forecast(f: &csplan_calc::care::YearForecast) -> Table {
    let mut t = Table::new(
        "care-year-forecast",
        format!("{} from the children in placement on {}", f.year, f.on),
        vec![
            col("Category", Unit::Text),
            col("Provision", Unit::Text),
            col("Children on the day", Unit::Number),
            col("Child-days in the year", Unit::Number),
            col("Average number over the year", Unit::Number),
        ],
    );
    for l in &f.lines {
        t.row(vec![
            text(l.category.clone()),
            text(if l.in_house { "In-house (PR0, PR1)" } else { "External" }),
            number(Decimal::from(l.children_now), 0),
            number(Decimal::from(l.child_days), 0),
            number(l.average_number, 2),
        ]);
    }
    t.note(format!(
        "Each child in placement on {} stays until the placement's recorded end date, or to {} if none is recorded (or until 18); days before are the records' own. Average number = child-days / days in the year, to two places, halves up. Times each line's unit cost, this is the year's forecast.",
        f.on, f.to
    ));
    t
}

/// The projection's cost by financial year and category (`csplan_calc::care::project_costs`).
pub fn care_costs(c: &csplan_calc::care::CareCostResult, categories: &[String]) -> Table {
    let mut columns = vec![col("Financial year", Unit::Text), col("Months", Unit::Number)];
    columns.extend(categories.iter().map(|n| col(n, Unit::Pounds)));
    columns.push(col("Total", Unit::Pounds));
    let mut t = Table::new("care-costs", "Cost of the projection by financial year", columns);
    for y in &c.years {
        let mut row = vec![text(y.year.clone()), number(Decimal::from(y.months), 0)];
        row.extend(y.by_category.iter().map(|m| pounds(*m)));
        row.push(pounds(y.total));
        t.row(row);
    }
    let units: Vec<String> = categories
        .iter()
        .zip(&c.unit_cost)
        .zip(&c.in_house_share)
        .map(|((name, unit), share)| match share {
            Some(s) => {
                format!("{name} {} ({} in-house)", unit.display_pounds(), csplan_model::fmt::share_percent(*s, 0))
            }
            None => format!("{name} {} (no children in it on the day)", unit.display_pounds()),
        })
        .collect();
    t.note(format!(
        "Each month: expected children x one placement's cost a year / 12, the cost rising by inflation each year after the first; each year to the penny, halves up. One placement a year in the first year, in-house and external weighted by the share placed in-house (PLACE_PROVIDER PR0, PR1) on the projection's first day: {}.",
        units.join("; ")
    ));
    t
}
