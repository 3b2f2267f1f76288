//! Tables, JSON and CSV for the command line. Formatting only: every figure comes from
//! `csplan-calc`, every number is formatted by `csplan_model::fmt`.

use csplan_calc::{CaseloadResult, MeasureInputs, Measures, Report};
use csplan_model::fmt::short;
use csplan_model::{Decimal, Rate, Rounding, Scenario};
use serde::Serialize;

/// Left-aligns the first `text_columns` columns and right-aligns the rest.
pub fn table(headers: &[&str], rows: &[Vec<String>], text_columns: usize) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let pad = width.saturating_sub(cell.chars().count());
            if i < text_columns {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    out.push_str(&" ".repeat(pad));
                }
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            }
        }
        out.push('\n');
        out
    };
    let mut out = line(headers.to_vec());
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().iter().map(String::as_str).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// The report as plain-text tables: every table the web app shows, as
/// `csplan_present::tables` describes it, with the working in words after it.
pub fn report_table(s: &Scenario, report: &Report) -> String {
    let mut out = format!("{} - figures as at {}\n", s.authority, s.as_at);
    if !report.teams.is_empty() {
        let cost = s.cost_per_fte.map_or_else(|| "not given".to_string(), csplan_model::Money::display_pounds);
        out.push_str(&format!("Posts: {}. Cost per FTE: {cost}.\n", s.rounding.label()));
    }
    for t in csplan_present::tables::report(report) {
        if t.id == "projection" {
            if let Some(w) = &report.workforce {
                if let Some(r) = &w.retention {
                    out.push_str(&format!(
                        "\nRetention payment: {} FTE taking it up; {} a year; {} in all\n",
                        short(r.takers.value(), 2),
                        r.per_year.display_pounds(),
                        r.total.display_pounds()
                    ));
                }
                out.push_str(&format!("\nProjection: {}\n", w.projection.explanation));
            }
        }
        out.push('\n');
        out.push_str(&t.text());
        if t.id == "placements" {
            for l in report.cost_of_care.placements.iter().flat_map(|p| &p.lines) {
                out.push_str(&format!("- {}: {}\n", l.name, l.explanation));
            }
        }
    }
    if !report.teams.is_empty() || !report.options.is_empty() {
        out.push_str("\nHow each figure is calculated\n");
    }
    for t in &report.teams {
        out.push_str(&format!("- {}: {}\n", t.name, t.result.explanation));
    }
    for o in &report.options {
        for r in &o.at_targets {
            out.push_str(&format!("- {} at {}: {}\n", o.name, short(r.target_caseload, 2), r.explanation));
        }
    }
    out
}

/// One results table (`csplan table`) in a format.
pub fn one_table(t: &csplan_present::Table, format: ShortOrCsv) -> String {
    match format {
        ShortOrCsv::Text => t.text(),
        ShortOrCsv::Csv => t.csv(),
        ShortOrCsv::Json => t.json(),
    }
}

/// How `csplan table` prints.
#[derive(Clone, Copy, Debug)]
pub enum ShortOrCsv {
    /// Aligned text.
    Text,
    /// CSV with exact figures.
    Csv,
    /// JSON with exact figures.
    Json,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    authority: &'a str,
    as_at: &'a str,
    rounding: Rounding,
    #[serde(flatten)]
    report: &'a Report,
}

/// The report as JSON: decimals are strings, exact and unrounded except posts and cost.
pub fn report_json(s: &Scenario, report: &Report) -> Result<String, String> {
    let json = ReportJson { authority: &s.authority, as_at: &s.as_at, rounding: s.rounding, report };
    serde_json::to_string_pretty(&json).map(|t| t + "\n").map_err(|e| e.to_string())
}

/// The report as CSV in long form, one figure a row: `section,name,period,figure,value`.
/// Sections: team, option (period = "target N"), workforce, projection (period = month),
/// demand (period = year), care_flows (period = month), placements, placement_group,
/// placements_total, mix, budget_history (period = year), invest_to_save (period = year),
/// savings (by budget area), plan and transport (period = year), consultation.
/// Values are exact decimals as calculated (money in pounds).
pub fn report_csv(_s: &Scenario, report: &Report) -> Result<String, String> {
    let mut rows: Vec<[String; 5]> = Vec::new();
    let mut put = |section: &str, name: &str, period: &str, figure: &str, value: String| {
        rows.push([section.to_string(), name.to_string(), period.to_string(), figure.to_string(), value]);
    };
    let d = |v: Decimal| v.to_string();
    let caseload = |put: &mut dyn FnMut(&str, &str, &str, &str, String),
                    section: &str,
                    name: &str,
                    period: &str,
                    r: &CaseloadResult| {
        for (figure, value) in [
            ("case_holding_fte", Some(r.case_holding_fte.value())),
            ("cases", Some(r.cases)),
            ("current_caseload", Some(r.current_caseload)),
            ("target_caseload", Some(r.target_caseload)),
            ("fte_needed", Some(r.fte_needed.value())),
            ("additional_fte", Some(r.additional_fte.value())),
            ("posts", Some(r.posts)),
            ("cost", r.cost.map(csplan_model::Money::value)),
            ("spare_fte", Some(r.spare_fte.value())),
            ("cost_per_fte", r.cost_per_fte.map(csplan_model::Money::value)),
        ] {
            put(section, name, period, figure, value.map(|v| v.to_string()).unwrap_or_default());
        }
    };
    for t in &report.teams {
        caseload(&mut put, "team", &t.name, "", &t.result);
    }
    for o in &report.options {
        for r in &o.at_targets {
            caseload(&mut put, "option", &o.name, &format!("target {}", short(r.target_caseload, 2)), r);
        }
    }
    if let Some(w) = &report.workforce {
        for r in w.roles.iter().chain([&w.total]) {
            for (figure, value) in [
                ("establishment", Some(r.establishment.value())),
                ("newly_created", Some(r.newly_created.value())),
                ("in_post", Some(r.in_post.value())),
                ("vacancies", Some(r.vacancies.value())),
                ("agency", Some(r.agency.value())),
                ("vacant_not_covered", Some(r.vacant_not_covered.value())),
                ("agency_pipeline", Some(r.agency_pipeline.value())),
                ("permanent_pipeline", Some(r.permanent_pipeline.value())),
                ("remaining_gap", Some(r.remaining_gap.value())),
                ("vacancy_rate", r.measures.vacancy_rate.map(Rate::value)),
                ("agency_rate", r.measures.agency_rate.map(Rate::value)),
                ("turnover_rate", r.measures.turnover_rate.map(Rate::value)),
                ("agency_cover_rate", r.measures.agency_cover_rate.map(Rate::value)),
                ("vacancy_agency_cover_rate", r.measures.vacancy_agency_cover_rate.map(Rate::value)),
            ] {
                put("workforce", &r.name, "", figure, value.map(d).unwrap_or_default());
            }
        }
        for m in &w.projection.months {
            for (figure, value) in [
                ("in_post", Some(m.in_post.value())),
                ("agency", Some(m.agency.value())),
                ("vacancies", Some(m.vacancies.value())),
                ("case_holding_fte", Some(m.case_holding_fte.value())),
                ("caseload", m.caseload),
                ("cost", Some(m.cost.value())),
            ] {
                put("projection", "all roles", &m.month, figure, value.map(d).unwrap_or_default());
            }
        }
    }
    if let Some(dm) = &report.demand {
        for x in &dm.series {
            for (year, v) in dm.years.iter().zip(&x.values) {
                put("demand", &x.label, year, "value", d(*v));
            }
            for (year, v) in dm.projected_years.iter().zip(&x.projected) {
                put("demand", &x.label, year, "projected", d(*v));
            }
            for (year, v) in dm.years.iter().zip(&x.per_10000) {
                put("demand", &x.label, year, "per_10000", d(*v));
            }
        }
        for c in &dm.dfe_looked_after {
            for (name, v) in [("DfE authority", c.authority), ("DfE region", c.region_rate), ("DfE England", c.england)]
            {
                if let Some(v) = v {
                    put("demand_dfe", name, &c.year, "looked_after_per_10000", d(v));
                }
            }
        }
        for y in &dm.chain {
            caseload(&mut put, "demand_posts", "projected demand", &y.year, &y.caseload);
        }
    }
    if let Some(f) = &report.care_flows {
        for m in &f.months {
            let month = m.month.to_string();
            for (name, v) in f.types.iter().zip(&m.by_type) {
                put("care_flows", name, &month, "children", d(*v));
            }
            put("care_flows", "all types", &month, "children", d(m.total));
            put("care_flows", "all types", &month, "low", d(m.low));
            put("care_flows", "all types", &month, "high", d(m.high));
        }
        for y in &f.financial_years {
            put("care_flows_cost", "all types", &y.year, "cost", d(y.cost.value()));
        }
    }
    let c = &report.cost_of_care;
    if let Some(p) = &c.placements {
        for l in &p.lines {
            put("placements", &l.name, "", "number", d(l.number));
            put("placements", &l.name, "", "annual_unit_cost", d(l.annual_unit_cost.value()));
            put("placements", &l.name, "", "calculated", d(l.calculated.value()));
            put("placements", &l.name, "", "forecast", d(l.forecast.value()));
            put("placements", &l.name, "", "budget", l.budget.map(|m| d(m.value())).unwrap_or_default());
            put("placements", &l.name, "", "deficit", l.deficit.map(|m| d(m.value())).unwrap_or_default());
        }
        for g in &p.groups {
            put("placement_group", &g.name, "", "forecast", d(g.forecast.value()));
            put("placement_group", &g.name, "", "budget", d(g.budget.value()));
            put("placement_group", &g.name, "", "deficit", d(g.deficit.value()));
        }
        put("placements_total", "all lines", "", "forecast", d(p.total_forecast.value()));
        put("placements_total", "all lines", "", "budget", d(p.total_budget.value()));
        put("placements_total", "all lines", "", "deficit", d(p.total_deficit.value()));
    }
    if let Some(m) = &c.mix {
        for ch in &m.changes {
            put("mix", &ch.description, "", "cost_change", d(ch.cost_change.value()));
        }
        for y in &m.years {
            put("mix", "forecast with changes", &format!("year {}", y.year), "forecast", d(y.forecast.value()));
        }
    }
    for y in &c.budget_history {
        put("budget_history", "", &y.year, "budget", d(y.budget.value()));
        put("budget_history", "", &y.year, "spend", d(y.spend.value()));
        put("budget_history", "", &y.year, "deficit", d(y.deficit.value()));
        put(
            "budget_history",
            "",
            &y.year,
            "percent_of_budget",
            y.percent_of_budget.map(|r| d(r.value())).unwrap_or_default(),
        );
        put(
            "budget_history",
            "",
            &y.year,
            "percent_of_spend",
            y.percent_of_spend.map(|r| d(r.value())).unwrap_or_default(),
        );
    }
    if let Some(i) = &c.invest_to_save {
        put("invest_to_save", "", "", "break_even", d(i.break_even));
        put("invest_to_save", "", "", "break_even_placements", d(i.break_even_placements));
        put("invest_to_save", "", "", "npv", d(i.npv.value()));
        for y in &i.years {
            let year = format!("year {}", y.year);
            put("invest_to_save", "", &year, "cost", d(y.cost.value()));
            put("invest_to_save", "", &year, "expected_saving", d(y.expected_saving.value()));
            put("invest_to_save", "", &year, "net", d(y.net.value()));
            put("invest_to_save", "", &year, "cumulative", d(y.cumulative.value()));
        }
    }
    if let Some(b) = &report.budget {
        for a in &b.savings.areas {
            put("savings", &a.name, "", "budget", a.budget.map(|m| d(m.value())).unwrap_or_default());
            put("savings", &a.name, "", "savings", d(a.savings.value()));
            put("savings", &a.name, "", "percent_of_budget", a.percent.map(d).unwrap_or_default());
            put("savings", &a.name, "", "percent_shown", a.percent_shown.map(d).unwrap_or_default());
        }
        put("savings", "total", "", "budget", d(b.savings.total_budget.value()));
        put("savings", "total", "", "savings", d(b.savings.total_savings.value()));
        put("savings", "total", "", "percent_of_budget", b.savings.total_percent.map(d).unwrap_or_default());
        put("savings", "total", "", "percent_shown", b.savings.total_percent_shown.map(d).unwrap_or_default());
        for y in &b.plan.years {
            for (figure, v) in [
                ("pressures", y.pressures),
                ("savings_target", y.savings_target),
                ("savings_expected", y.savings_expected),
                ("gap_target", y.gap_target),
                ("gap_expected", y.gap_expected),
                ("cumulative_target", y.cumulative_target),
                ("cumulative_expected", y.cumulative_expected),
            ] {
                put("plan", "all", &y.year, figure, d(v.value()));
            }
        }
        if let Some(t) = &b.plan.transport {
            for y in &t.years {
                put("transport", "pressure", &y.year, "pressure", d(y.pressure.value()));
                put("transport", "pressure", &y.year, "cumulative", d(y.cumulative.value()));
                if let Some(c) = y.driver_cost {
                    put("transport", "drivers", &y.year, "cost", d(c.value()));
                }
            }
        }
    }
    if let Some(c) = &report.consultation {
        for l in &c.levers {
            put("consultation", &l.name, "", "money", d(l.money.value()));
        }
        put("consultation", "balance", "", "balance", d(c.balance.value()));
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["section", "name", "period", "figure", "value"]).map_err(|e| e.to_string())?;
    for r in &rows {
        w.write_record(r).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// One calculation as a two-column table, then its explanation.
pub fn caseload_table(r: &CaseloadResult) -> String {
    let target = short(r.target_caseload, 2);
    let mut rows = vec![
        vec!["Case-holding FTE".to_string(), short(r.case_holding_fte.value(), 2)],
        vec!["Current average caseload".to_string(), short(r.current_caseload, 2)],
        vec!["Cases".to_string(), short(r.cases, 2)],
        vec![format!("FTE needed at {target}"), short(r.fte_needed.value(), 2)],
        vec!["Additional FTE".to_string(), short(r.additional_fte.value(), 2)],
        vec![format!("Posts (rounding: {})", r.rounding.key()), r.posts_text()],
    ];
    if let Some(cost) = r.cost {
        rows.push(vec!["Cost a year".to_string(), cost.display_pounds()]);
    }
    rows.push(vec!["Spare FTE".to_string(), short(r.spare_fte.value(), 2)]);
    format!("{}\n{}\n", table(&["figure", "value"], &rows, 1), r.explanation)
}

#[derive(Serialize)]
struct CaseloadJson<'a> {
    #[serde(with = "csplan_model::dec")]
    current_caseload: Decimal,
    #[serde(with = "csplan_model::dec")]
    cases: Decimal,
    #[serde(with = "csplan_model::dec")]
    case_holding_fte: Decimal,
    #[serde(with = "csplan_model::dec")]
    target_caseload: Decimal,
    #[serde(with = "csplan_model::dec")]
    fte_needed: Decimal,
    #[serde(with = "csplan_model::dec")]
    additional_fte: Decimal,
    #[serde(with = "csplan_model::dec")]
    posts: Decimal,
    #[serde(with = "csplan_model::dec::option")]
    cost: Option<Decimal>,
    #[serde(with = "csplan_model::dec::option")]
    cost_per_fte: Option<Decimal>,
    #[serde(with = "csplan_model::dec")]
    spare_fte: Decimal,
    rounding: Rounding,
    explanation: &'a str,
}

/// One calculation as JSON. `cost` and `cost_per_fte` are null when no cost was given.
pub fn caseload_json(r: &CaseloadResult) -> Result<String, String> {
    let json = CaseloadJson {
        current_caseload: r.current_caseload,
        cases: r.cases,
        case_holding_fte: r.case_holding_fte.value(),
        target_caseload: r.target_caseload,
        fte_needed: r.fte_needed.value(),
        additional_fte: r.additional_fte.value(),
        posts: r.posts,
        cost: r.cost.map(csplan_model::Money::value),
        cost_per_fte: r.cost_per_fte.map(csplan_model::Money::value),
        spare_fte: r.spare_fte.value(),
        rounding: r.rounding,
        explanation: &r.explanation,
    };
    serde_json::to_string_pretty(&json).map(|t| t + "\n").map_err(|e| e.to_string())
}

fn rate(r: Option<Rate>) -> String {
    r.map_or_else(|| "-".to_string(), |r| r.display(1))
}

fn opt(v: Option<Decimal>) -> String {
    v.map_or_else(|| "?".to_string(), |v| short(v, 2))
}

/// The DfE measures with the inputs behind each (rates to 1 place, as DfE publishes them).
pub fn measures_table(i: &MeasureInputs, m: &Measures) -> String {
    let rows = vec![
        vec![
            "vacancy rate".into(),
            rate(m.vacancy_rate),
            format!("{} / ({} + {} in post)", opt(i.vacancies), opt(i.vacancies), opt(i.in_post)),
        ],
        vec![
            "agency rate".into(),
            rate(m.agency_rate),
            format!("{} / ({} + {} in post)", opt(i.agency), opt(i.agency), opt(i.in_post)),
        ],
        vec![
            "turnover rate".into(),
            rate(m.turnover_rate),
            format!("{} leavers / {} in post", opt(i.leavers), opt(i.in_post)),
        ],
        vec![
            "agency cover rate".into(),
            rate(m.agency_cover_rate),
            format!("{} covering / {} agency", opt(i.agency_cover), opt(i.agency)),
        ],
        vec![
            "vacancy agency cover rate".into(),
            rate(m.vacancy_agency_cover_rate),
            format!("{} covering / {} vacancies", opt(i.agency_cover), opt(i.vacancies)),
        ],
        vec![
            "caseload".into(),
            m.caseload.map_or_else(|| "-".to_string(), |c| short(c, 1)),
            format!("{} cases / {} case holders", opt(i.cases), opt(i.case_holders)),
        ],
    ];
    format!(
        "{}- means an input is missing. Rates are rounded to 1 place here; --format json gives them unrounded.\n",
        table(&["measure", "value", "how"], &rows, 1)
    )
}

/// An authority next to its region and England, with ranks and the trend.
pub fn benchmark_table(b: &csplan_calc::benchmark::Benchmark) -> String {
    format!(
        "{} ({}), 30 September {}\n{}\n{}",
        b.authority,
        b.code,
        b.year,
        csplan_present::tables::benchmark(b, &|_| None).text(),
        csplan_present::tables::trend(b).text()
    )
}

/// Flow rates estimated from an authority's DfE children-looked-after counts.
pub fn flows_table(name: &str, e: &csplan_calc::care_flows::RateEstimate) -> String {
    format!(
        "{name}: {}Estimated: {} children entering care a month; {} of those looked after leave each month.\nFor a care_flows section: entrants_per_month \"{}\", exit_rate \"{}\" (all placement types together).\nSource: DfE, Children looked after in England including adoptions. {}\n",
        csplan_present::tables::estimate(e).text(),
        short(e.entrants_per_month, 2),
        e.exit_rate.display(2),
        e.entrants_per_month.round_dp(2).normalize(),
        e.exit_rate.value().round_dp(4).normalize(),
        csplan_data::ATTRIBUTION
    )
}

/// A summary of consultation responses.
pub fn summary_table(s: &csplan_calc::responses::Summary) -> String {
    let mut out = csplan_present::tables::responses(s).text();
    for q in csplan_present::tables::about_you(s) {
        out.push('\n');
        out.push_str(&q.text());
    }
    out
}

/// A summary of consultation responses as CSV, one figure a row: `section,name,figure,value`.
pub fn summary_csv(s: &csplan_calc::responses::Summary) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut put = |r: [&str; 4]| w.write_record(r).map_err(|e| e.to_string());
    let o = |v: Option<Decimal>| v.map(|v| v.to_string()).unwrap_or_default();
    put(["section", "name", "figure", "value"])?;
    put(["responses", "all", "responses", &s.responses.to_string()])?;
    put(["responses", "all", "balanced", &s.balanced.to_string()])?;
    put(["responses", "all", "balanced_percent", &o(s.balanced_percent)])?;
    put(["responses", "all", "comments", &s.comments.to_string()])?;
    for l in &s.levers {
        put(["lever", &l.id, "responses", &l.responses.to_string()])?;
        put(["lever", &l.id, "taken_up", &l.taken_up.to_string()])?;
        put(["lever", &l.id, "take_up_percent", &o(l.take_up_percent)])?;
        put(["lever", &l.id, "agree", &l.agree.to_string()])?;
        put(["lever", &l.id, "disagree", &l.disagree.to_string()])?;
        put(["lever", &l.id, "mean", &o(l.mean)])?;
        put(["lever", &l.id, "median", &o(l.median)])?;
        put(["lever", &l.id, "lowest", &o(l.lowest)])?;
        put(["lever", &l.id, "highest", &o(l.highest)])?;
        put(["lever", &l.id, "comments", &l.comments.to_string()])?;
    }
    for q in &s.about_you {
        for (a, n) in &q.answers {
            put(["about_you", &q.id, a, &n.to_string()])?;
        }
        put(["about_you", &q.id, "no answer", &q.unanswered.to_string()])?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Stored responses as CSV: a row a response; a column for each choice's value and its
/// comment, the overall comment, a column a question, and the response's tag
/// (`csplan_present::responses::csv_rows` reads it back). `columns` gives the choices and
/// questions (id, heading) in order. Every cell is [`csplan_present::spreadsheet_safe`]:
/// a comment typed as `=HYPERLINK(...)` opens in a spreadsheet as words, not a formula.
pub fn export_csv(
    rows: &[(csplan_collect::Stored, csplan_model::Response)],
    levers: &[(String, String)],
    questions: &[(String, String)],
) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> =
        ["receipt", "received", "consultation", "balance", "balanced"].map(String::from).to_vec();
    for (_, name) in levers {
        header.push(name.clone());
        header.push(format!("{name}: comment"));
    }
    header.push("comment".to_string());
    header.extend(questions.iter().map(|(_, text)| text.clone()));
    // Last, so the columns before keep their places: the response's tag, so a response
    // in this file and in a participant's download counts once.
    header.push("tag".to_string());
    w.write_record(header.iter().map(|cell| csplan_present::spreadsheet_safe(cell).into_owned()))
        .map_err(|e| e.to_string())?;
    for (stored, r) in rows {
        let mut record = vec![
            stored.receipt.clone(),
            stored.received.clone(),
            r.consultation.clone(),
            r.balance.value().to_string(),
            if r.balanced { "yes" } else { "no" }.to_string(),
        ];
        for (id, _) in levers {
            let choice = r.choices.iter().find(|c| &c.lever == id);
            record.push(choice.map(|c| c.value.normalize().to_string()).unwrap_or_default());
            record.push(choice.map(|c| c.comment.clone()).unwrap_or_default());
        }
        record.push(r.comment.clone());
        for (id, _) in questions {
            record.push(r.about_you.iter().find(|a| &a.question == id).map(|a| a.answer.clone()).unwrap_or_default());
        }
        record.push(r.id.clone());
        w.write_record(record.iter().map(|cell| csplan_present::spreadsheet_safe(cell).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// `csplan diff` as text: the inputs that differ, then the results, each path with both
/// values ("-" where a side does not have it).
pub fn diff_table(
    a: &str,
    b: &str,
    inputs: &[csplan_validation::json::Difference],
    results: &[csplan_validation::json::Difference],
) -> String {
    let mut text = String::new();
    for (title, list) in [("Inputs", inputs), ("Results", results)] {
        if list.is_empty() {
            text.push_str(&format!("{title}: no differences.\n\n"));
            continue;
        }
        // Explanations repeat the figures around them; JSON output keeps them.
        let shown: Vec<_> = list.iter().filter(|d| !d.path.ends_with("explanation")).collect();
        text.push_str(&format!("{title} that differ ({}):\n", list.len()));
        if shown.len() < list.len() {
            text.push_str(&format!(
                "({} changed explanations not shown; --format json lists them)\n",
                list.len() - shown.len()
            ));
        }
        let rows: Vec<Vec<String>> = shown
            .iter()
            .map(|d| {
                vec![
                    d.path.clone(),
                    d.a.clone().unwrap_or_else(|| "-".to_string()),
                    d.b.clone().unwrap_or_else(|| "-".to_string()),
                ]
            })
            .collect();
        text.push_str(&table(&["path", a, b], &rows, 3));
        text.push('\n');
    }
    text
}
