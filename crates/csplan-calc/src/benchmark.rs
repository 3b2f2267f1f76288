//! An authority's DfE workforce measures next to its region and England, with its rank
//! among all authorities and its trend over the years published.

use csplan_data::{Level, WorkforceRow};
use csplan_model::{Decimal, Fte, ProjectionSettings, Role, Rounding, Scenario, TeamGroup, Workforce, SCHEMA_VERSION};
use serde::Serialize;

/// One measure of the benchmark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BenchmarkMeasure {
    /// Machine name (`vacancy_rate`).
    pub key: &'static str,
    /// Label for people ("Vacancy rate").
    pub label: &'static str,
    /// "%", "FTE" or "cases per FTE".
    pub unit: &'static str,
    /// The authority's figure as DfE publishes it.
    #[serde(with = "csplan_model::dec::option")]
    pub authority: Option<Decimal>,
    /// Its region's.
    #[serde(with = "csplan_model::dec::option")]
    pub region: Option<Decimal>,
    /// England's.
    #[serde(with = "csplan_model::dec::option")]
    pub england: Option<Decimal>,
    /// 1 = the lowest figure among authorities that year (ties share a rank).
    pub rank: Option<usize>,
    /// How many authorities have a figure that year.
    pub of: usize,
    /// The authority's figure in each year published.
    pub trend: Vec<TrendPoint>,
}

/// One year of a trend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrendPoint {
    /// Year (30 September).
    pub year: u16,
    /// The figure, if published.
    #[serde(with = "csplan_model::dec::option")]
    pub value: Option<Decimal>,
}

/// The whole benchmark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Benchmark {
    /// The authority's name.
    pub authority: String,
    /// Its ONS code.
    pub code: String,
    /// The year compared.
    pub year: u16,
    /// Its region's name.
    pub region: String,
    /// Each measure.
    pub measures: Vec<BenchmarkMeasure>,
    /// Where the figures come from.
    pub source: &'static str,
    /// The licence attribution.
    pub attribution: &'static str,
}

/// Why a benchmark could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BenchmarkError {
    /// No row for this authority code.
    UnknownAuthority,
    /// The authority has no figures for the year asked; these years it has.
    NoYear(Vec<u16>),
}

type Getter = fn(&WorkforceRow) -> Option<Decimal>;

/// The measures compared, in order.
pub const MEASURES: [(&str, &str, &str, Getter); 10] = [
    ("vacancy_rate", "Vacancy rate", "%", |r| r.vacancy_rate),
    ("agency_rate", "Agency rate", "%", |r| r.agency_rate),
    ("turnover_rate", "Turnover rate", "%", |r| r.turnover_rate),
    ("agency_cover_rate", "Agency cover rate", "%", |r| r.agency_cover_rate),
    ("vacancy_agency_cover_rate", "Vacancy agency cover rate", "%", |r| r.vacancy_agency_cover_rate),
    ("caseload", "Caseload", "cases per FTE", |r| r.caseload),
    ("in_post", "Social workers in post", "FTE", |r| r.in_post),
    ("vacancies", "Vacancies", "FTE", |r| r.vacancies),
    ("agency", "Agency workers", "FTE", |r| r.agency),
    ("leavers", "Leavers", "FTE", |r| r.leavers),
];

/// The scenario's own figure for benchmark measure `key`, from its workforce figures
/// (`total` is [`crate::WorkforceReport::total`]), so the scenario can sit beside DfE's.
/// `None` for a measure the scenario does not give (leavers, caseload).
pub fn scenario_figure(key: &str, total: &crate::RoleFigures) -> Option<Decimal> {
    let m = &total.measures;
    let rate = |r: Option<csplan_model::Rate>| r.map(|r| r.value());
    match key {
        "vacancy_rate" => rate(m.vacancy_rate),
        "agency_rate" => rate(m.agency_rate),
        "turnover_rate" => rate(m.turnover_rate),
        "agency_cover_rate" => rate(m.agency_cover_rate),
        "vacancy_agency_cover_rate" => rate(m.vacancy_agency_cover_rate),
        "in_post" => Some(total.in_post.value()),
        "vacancies" => Some(total.vacancies.value()),
        "agency" => Some(total.agency.value()),
        _ => None,
    }
}

/// Compares authority `code` in `year` (default: its latest) with its region and England.
pub fn benchmark(rows: &[WorkforceRow], code: &str, year: Option<u16>) -> Result<Benchmark, BenchmarkError> {
    let mine: Vec<&WorkforceRow> = rows.iter().filter(|r| r.level == Level::Authority && r.code == code).collect();
    let latest = mine.iter().map(|r| r.year).max().ok_or(BenchmarkError::UnknownAuthority)?;
    let year = year.unwrap_or(latest);
    let Some(row) = mine.iter().find(|r| r.year == year) else {
        let mut years: Vec<u16> = mine.iter().map(|r| r.year).collect();
        years.sort_unstable();
        return Err(BenchmarkError::NoYear(years));
    };
    let region = rows.iter().find(|r| r.level == Level::Region && r.year == year && r.code == row.region_code);
    let england = rows.iter().find(|r| r.level == Level::England && r.year == year);
    let peers: Vec<&WorkforceRow> = rows.iter().filter(|r| r.level == Level::Authority && r.year == year).collect();
    let mut years: Vec<u16> = rows.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let measures = MEASURES
        .iter()
        .map(|&(key, label, unit, get)| {
            let value = get(row);
            let values: Vec<Decimal> = peers.iter().filter_map(|p| get(p)).collect();
            BenchmarkMeasure {
                key,
                label,
                unit,
                authority: value,
                region: region.and_then(get),
                england: england.and_then(get),
                rank: value.map(|v| 1 + values.iter().filter(|o| **o < v).count()),
                of: values.len(),
                trend: years
                    .iter()
                    .map(|&y| TrendPoint { year: y, value: mine.iter().find(|r| r.year == y).and_then(|r| get(r)) })
                    .collect(),
            }
        })
        .collect();
    Ok(Benchmark {
        authority: row.name.clone(),
        code: row.code.clone(),
        year,
        region: region.map(|r| r.name.clone()).unwrap_or_default(),
        measures,
        source: csplan_data::SOURCE,
        attribution: csplan_data::ATTRIBUTION,
    })
}

/// A scenario prefilled from an authority's published DfE figures for a year (default:
/// its latest): one case-holding role, "Children and family social workers", with
/// establishment = in post + vacancies, agency split into covering vacancies and over the
/// establishment, and last year's leavers; one team group holding the authority's cases
/// with its case-holder FTE, aiming at England's average caseload that year.
pub fn prefill_scenario(rows: &[WorkforceRow], code: &str, year: Option<u16>) -> Result<Scenario, BenchmarkError> {
    let b = benchmark(rows, code, year)?;
    let row = rows
        .iter()
        .find(|r| r.level == Level::Authority && r.code == code && r.year == b.year)
        .ok_or(BenchmarkError::UnknownAuthority)?;
    let england = rows.iter().find(|r| r.level == Level::England && r.year == b.year);
    let zero = Decimal::ZERO;
    let in_post = row.in_post.unwrap_or(zero);
    let vacancies = row.vacancies.unwrap_or(zero);
    let agency = row.agency.unwrap_or(zero);
    let covering = row.agency_cover.unwrap_or(zero).min(vacancies).min(agency);
    let role = Role {
        name: "Children and family social workers".to_string(),
        establishment: Fte::new(in_post + vacancies),
        vacancies: Fte::new(vacancies),
        agency_covering_vacancies: Fte::new(covering),
        agency_over_establishment: Fte::new((agency - covering).max(zero)),
        leavers: row.leavers.map(Fte::new),
        case_holding: true,
        ..Role::default()
    };
    let target = england.and_then(|e| e.caseload).unwrap_or(Decimal::from(16));
    let teams = match (row.case_holders, row.cases) {
        (Some(fte), Some(cases)) if fte > zero => vec![TeamGroup {
            name: "All case-holding teams".to_string(),
            case_holding_fte: Fte::new(fte),
            cases: Some(cases),
            current_caseload: None,
            target_caseload: target,
            cost_per_fte: None,
            options: Vec::new(),
        }],
        _ => Vec::new(),
    };
    Ok(Scenario {
        schema: SCHEMA_VERSION,
        authority: row.name.clone(),
        as_at: format!("{}-09-30", b.year),
        source: format!(
            "{} figures for {} ({}), 30 September {}. {}",
            csplan_data::SOURCE,
            row.name,
            row.code,
            b.year,
            csplan_data::ATTRIBUTION
        ),
        rounding: Rounding::Nearest,
        cost_per_fte: None,
        compare_targets: Vec::new(),
        teams,
        options: Vec::new(),
        workforce: Some(Workforce {
            roles: vec![role],
            retention: None,
            projection: ProjectionSettings {
                cases: row.cases,
                case_holders: row.case_holders.map(Fte::new),
                target_caseload: Some(target),
                ..ProjectionSettings::default()
            },
        }),
        ..Scenario::default()
    })
}
