//! DfE open data shipped with csplan, and lookups over it.
//!
//! `data/csww.tsv` is a compact copy of DfE's children's social work workforce indicators
//! for every English local authority, region and England, 2017-2023 (made by
//! `cargo xtask data` from the published CSV; `cargo xtask test` checks it is current).
//! Contains public sector information licensed under the Open Government Licence v3.0.

use core::str::FromStr;

use csplan_model::Decimal;
use serde::Serialize;

/// The attribution the Open Government Licence asks for; show it with the figures.
pub const ATTRIBUTION: &str = "Contains public sector information licensed under the Open Government Licence v3.0.";
/// Where the figures come from.
pub const SOURCE: &str =
    "Department for Education, Children's social work workforce, 2017 to 2023 (as at 30 September each year)";

/// The compact workforce table, as shipped.
pub const WORKFORCE_TSV: &str = include_str!("../data/csww.tsv");

/// The geography a row describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// All of England.
    England,
    /// A region (North East, London, ...).
    Region,
    /// A local authority.
    Authority,
}

/// One year's DfE workforce figures for one place. Rates are percentages as DfE
/// publishes them (one decimal place); `None` where DfE suppresses or has no figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkforceRow {
    /// Year (as at 30 September).
    pub year: u16,
    /// England, region or local authority.
    pub level: Level,
    /// ONS code (E92000001, E12000001, E06000047, ...).
    pub code: String,
    /// The authority's old three-digit DfE code, if it has one.
    pub old_code: String,
    /// Name.
    pub name: String,
    /// The region's code (empty for England).
    pub region_code: String,
    /// In-post FTE.
    pub in_post: Option<Decimal>,
    /// Starters FTE.
    pub starters: Option<Decimal>,
    /// Leavers FTE.
    pub leavers: Option<Decimal>,
    /// Turnover rate, %.
    pub turnover_rate: Option<Decimal>,
    /// Agency FTE.
    pub agency: Option<Decimal>,
    /// Agency rate, %.
    pub agency_rate: Option<Decimal>,
    /// Agency FTE covering vacancies.
    pub agency_cover: Option<Decimal>,
    /// Agency cover rate, %.
    pub agency_cover_rate: Option<Decimal>,
    /// Vacancy FTE.
    pub vacancies: Option<Decimal>,
    /// Vacancy rate, %.
    pub vacancy_rate: Option<Decimal>,
    /// Vacancy agency cover rate, %.
    pub vacancy_agency_cover_rate: Option<Decimal>,
    /// Case-holder FTE.
    pub case_holders: Option<Decimal>,
    /// Cases.
    pub cases: Option<Decimal>,
    /// Caseload (cases per case-holder FTE).
    pub caseload: Option<Decimal>,
}

/// Why the shipped table could not be read (a build defect, reported rather than panicking).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// Line number in the table.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

impl core::fmt::Display for DataError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "DfE table line {}: {}", self.line, self.problem)
    }
}

impl std::error::Error for DataError {}

/// Reads a workforce table in the shipped format.
pub fn parse_workforce(text: &str) -> Result<Vec<WorkforceRow>, DataError> {
    let mut rows = Vec::new();
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    lines.next(); // the header
    for (n, line) in lines {
        let bad = |problem: String| DataError { line: n + 1, problem };
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != 20 {
            return Err(bad(format!("{} cells, expected 20", cells.len())));
        }
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let num = |i: usize| -> Result<Option<Decimal>, DataError> {
            let c = cell(i);
            if c.is_empty() {
                return Ok(None);
            }
            Decimal::from_str(c).map(Some).map_err(|_| bad(format!("'{c}' is not a number")))
        };
        rows.push(WorkforceRow {
            year: cell(0).parse().map_err(|_| bad(format!("'{}' is not a year", cell(0))))?,
            level: match cell(1) {
                "E" => Level::England,
                "R" => Level::Region,
                "L" => Level::Authority,
                other => return Err(bad(format!("unknown level '{other}'"))),
            },
            code: cell(2).to_string(),
            old_code: cell(3).to_string(),
            name: cell(4).to_string(),
            region_code: cell(5).to_string(),
            in_post: num(6)?,
            starters: num(7)?,
            leavers: num(8)?,
            turnover_rate: num(9)?,
            agency: num(10)?,
            agency_rate: num(11)?,
            agency_cover: num(12)?,
            agency_cover_rate: num(13)?,
            vacancies: num(14)?,
            vacancy_rate: num(15)?,
            vacancy_agency_cover_rate: num(16)?,
            case_holders: num(17)?,
            cases: num(18)?,
            caseload: num(19)?,
        });
    }
    Ok(rows)
}

/// The shipped workforce table.
pub fn workforce_rows() -> Result<Vec<WorkforceRow>, DataError> {
    parse_workforce(WORKFORCE_TSV)
}

fn normalise(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Levenshtein distance between two short strings.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// The authority a name or code means: an exact ONS code, old DfE code or name (ignoring
/// case, spaces and punctuation). Otherwise `Err` with up to three closest names.
pub fn find_authority(rows: &[WorkforceRow], query: &str) -> Result<String, Vec<String>> {
    let q = normalise(query);
    let authorities = rows.iter().filter(|r| r.level == Level::Authority);
    let mut newest: Option<&WorkforceRow> = None;
    for r in authorities.clone() {
        let hit = normalise(&r.code) == q
            || (!r.old_code.is_empty() && normalise(&r.old_code) == q)
            || normalise(&r.name) == q;
        if hit && newest.is_none_or(|n| r.year > n.year) {
            newest = Some(r);
        }
    }
    if let Some(r) = newest {
        return Ok(r.code.clone());
    }
    let mut names: Vec<&str> = authorities.map(|r| r.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut scored: Vec<(usize, &str)> = names
        .into_iter()
        .map(|n| {
            let nn = normalise(n);
            let score = if !q.is_empty() && (nn.contains(&q) || q.contains(&nn)) { 0 } else { distance(&q, &nn) };
            (score, n)
        })
        .collect();
    scored.sort();
    Err(scored.into_iter().take(3).map(|(_, n)| n.to_string()).collect())
}

/// The compact children-looked-after table, as shipped (2019-2023).
pub const CLA_TSV: &str = include_str!("../data/cla.tsv");

/// What a children-looked-after row counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaMeasure {
    /// Children looked after at 31 March.
    LookedAfter,
    /// Children starting to be looked after in the year.
    Starting,
    /// Children ceasing to be looked after in the year.
    Ceasing,
}

/// One year's count and rate for one place. National and regional counts are rounded by
/// DfE to the nearest 10; rates were computed from unrounded counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaRow {
    /// Year (31 March, or the year to 31 March).
    pub year: u16,
    /// England, region or local authority.
    pub level: Level,
    /// ONS code.
    pub code: String,
    /// Old DfE code, if any.
    pub old_code: String,
    /// Name.
    pub name: String,
    /// The region's code.
    pub region_code: String,
    /// What is counted.
    pub measure: ClaMeasure,
    /// Mid-year population aged 0-17.
    pub population: Option<Decimal>,
    /// The count.
    pub number: Option<Decimal>,
    /// Published rate per 10,000 children (a whole number).
    pub rate_per_10000: Option<Decimal>,
}

/// Reads a children-looked-after table in the shipped format.
pub fn parse_cla(text: &str) -> Result<Vec<ClaRow>, DataError> {
    let mut rows = Vec::new();
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
    lines.next();
    for (n, line) in lines {
        let bad = |problem: String| DataError { line: n + 1, problem };
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != 10 {
            return Err(bad(format!("{} cells, expected 10", cells.len())));
        }
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let num = |i: usize| -> Result<Option<Decimal>, DataError> {
            let c = cell(i);
            if c.is_empty() {
                return Ok(None);
            }
            Decimal::from_str(c).map(Some).map_err(|_| bad(format!("'{c}' is not a number")))
        };
        rows.push(ClaRow {
            year: cell(0).parse().map_err(|_| bad(format!("'{}' is not a year", cell(0))))?,
            level: match cell(1) {
                "E" => Level::England,
                "R" => Level::Region,
                "L" => Level::Authority,
                other => return Err(bad(format!("unknown level '{other}'"))),
            },
            code: cell(2).to_string(),
            old_code: cell(3).to_string(),
            name: cell(4).to_string(),
            region_code: cell(5).to_string(),
            measure: match cell(6) {
                "L" => ClaMeasure::LookedAfter,
                "S" => ClaMeasure::Starting,
                "C" => ClaMeasure::Ceasing,
                other => return Err(bad(format!("unknown measure '{other}'"))),
            },
            population: num(7)?,
            number: num(8)?,
            rate_per_10000: num(9)?,
        });
    }
    Ok(rows)
}

/// The shipped children-looked-after table.
pub fn cla_rows() -> Result<Vec<ClaRow>, DataError> {
    parse_cla(CLA_TSV)
}
