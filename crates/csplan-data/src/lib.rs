//! DfE open data shipped with csplan, and lookups over it.
//!
//! `data/csww.tsv` is a compact copy of DfE's children's social work workforce indicators
//! for every English local authority, region and England, 2017-2023 (made by
//! `cargo xtask data` from the published CSV; `cargo xtask test` checks it is current).
//! Contains public sector information licensed under the Open Government Licence v3.0.

pub mod csv;
pub mod ssda903;

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

/// The data lines of a shipped table (comments, blank lines and the header skipped), each
/// with its 1-based line number, split into exactly `width` tab-separated cells.
fn table_rows(text: &str, width: usize) -> impl Iterator<Item = Result<(usize, Vec<&str>), DataError>> {
    text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()).skip(1).map(
        move |(n, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() == width {
                Ok((n + 1, cells))
            } else {
                Err(DataError { line: n + 1, problem: format!("{} cells, expected {width}", cells.len()) })
            }
        },
    )
}

/// Reads one row's cells: text, optional numbers, the year and the level.
struct Cells<'a> {
    line: usize,
    cells: Vec<&'a str>,
}

impl Cells<'_> {
    fn bad(&self, problem: String) -> DataError {
        DataError { line: self.line, problem }
    }

    fn text(&self, i: usize) -> String {
        self.cells.get(i).copied().unwrap_or("").to_string()
    }

    fn number(&self, i: usize) -> Result<Option<Decimal>, DataError> {
        let c = self.cells.get(i).copied().unwrap_or("");
        if c.is_empty() {
            return Ok(None);
        }
        Decimal::from_str(c).map(Some).map_err(|_| self.bad(format!("'{c}' is not a number")))
    }

    fn year(&self, i: usize) -> Result<u16, DataError> {
        let c = self.cells.get(i).copied().unwrap_or("");
        c.parse().map_err(|_| self.bad(format!("'{c}' is not a year")))
    }

    fn level(&self, i: usize) -> Result<Level, DataError> {
        match self.cells.get(i).copied().unwrap_or("") {
            "E" => Ok(Level::England),
            "R" => Ok(Level::Region),
            "L" => Ok(Level::Authority),
            other => Err(self.bad(format!("unknown level '{other}'"))),
        }
    }
}

/// Reads a workforce table in the shipped format.
pub fn parse_workforce(text: &str) -> Result<Vec<WorkforceRow>, DataError> {
    table_rows(text, 20)
        .map(|row| {
            let (line, cells) = row?;
            let c = Cells { line, cells };
            Ok(WorkforceRow {
                year: c.year(0)?,
                level: c.level(1)?,
                code: c.text(2),
                old_code: c.text(3),
                name: c.text(4),
                region_code: c.text(5),
                in_post: c.number(6)?,
                starters: c.number(7)?,
                leavers: c.number(8)?,
                turnover_rate: c.number(9)?,
                agency: c.number(10)?,
                agency_rate: c.number(11)?,
                agency_cover: c.number(12)?,
                agency_cover_rate: c.number(13)?,
                vacancies: c.number(14)?,
                vacancy_rate: c.number(15)?,
                vacancy_agency_cover_rate: c.number(16)?,
                case_holders: c.number(17)?,
                cases: c.number(18)?,
                caseload: c.number(19)?,
            })
        })
        .collect()
}

/// The shipped workforce table.
pub fn workforce_rows() -> Result<Vec<WorkforceRow>, DataError> {
    parse_workforce(WORKFORCE_TSV)
}

/// Every authority's name in the table, sorted, each once (an authority DfE lists under two
/// codes, as Dorset, is one name: [`find_authority`] takes the newest).
pub fn authority_names(rows: &[WorkforceRow]) -> Vec<String> {
    let mut names: Vec<String> = rows.iter().filter(|r| r.level == Level::Authority).map(|r| r.name.clone()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The name in `names` that `query` is, ignoring case, spaces and punctuation, as
/// [`find_authority`] matches names. DfE's names are ASCII, so this compares ASCII letters
/// and digits only, and the page that calls it carries no Unicode tables.
pub fn named<'a>(names: &[&'a str], query: &str) -> Option<&'a str> {
    let key =
        |s: &str| -> String { s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect() };
    let q = key(query);
    (!q.is_empty()).then(|| names.iter().copied().find(|n| key(n) == q)).flatten()
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

/// A region's authorities, for a "choose your authority" list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionAuthorities {
    /// The region's name.
    pub region: String,
    /// Each authority's ONS code and name, by name.
    pub authorities: Vec<(String, String)>,
}

/// Every authority in `rows`, under its region as in its latest year, regions and names in
/// alphabetical order. An authority that no longer exists (Northamptonshire) is kept: its
/// earlier years can still be compared. Two authorities with one name (Dorset, before and
/// after its 2019 reorganisation under a new code) are told apart by their years:
/// "Dorset (2017 to 2018)".
pub fn authorities_by_region(rows: &[WorkforceRow]) -> Vec<RegionAuthorities> {
    let mut latest: Vec<&WorkforceRow> = Vec::new();
    for r in rows.iter().filter(|r| r.level == Level::Authority) {
        match latest.iter_mut().find(|l| l.code == r.code) {
            Some(l) if r.year > l.year => *l = r,
            Some(_) => {}
            None => latest.push(r),
        }
    }
    let region_name = |code: &str| {
        rows.iter()
            .find(|r| r.level == Level::Region && r.code == code)
            .map_or_else(|| code.to_string(), |r| r.name.clone())
    };
    let mut out: Vec<RegionAuthorities> = Vec::new();
    let shared = |name: &str| latest.iter().filter(|l| l.name == name).count() > 1;
    for r in &latest {
        let region = region_name(&r.region_code);
        let name = if shared(&r.name) {
            let years = years_of(rows, &r.code);
            match (years.first(), years.last()) {
                (Some(a), Some(b)) if a != b => format!("{} ({a} to {b})", r.name),
                (Some(a), _) => format!("{} ({a})", r.name),
                _ => r.name.clone(),
            }
        } else {
            r.name.clone()
        };
        let entry = (r.code.clone(), name);
        match out.iter_mut().find(|g| g.region == region) {
            Some(g) => g.authorities.push(entry),
            None => out.push(RegionAuthorities { region, authorities: vec![entry] }),
        }
    }
    out.sort_by(|a, b| a.region.cmp(&b.region));
    for g in &mut out {
        g.authorities.sort_by(|a, b| a.1.cmp(&b.1));
    }
    out
}

/// The years in which authority `code` has figures, earliest first.
pub fn years_of(rows: &[WorkforceRow], code: &str) -> Vec<u16> {
    let mut years: Vec<u16> =
        rows.iter().filter(|r| r.level == Level::Authority && r.code == code).map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    years
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
    table_rows(text, 10)
        .map(|row| {
            let (line, cells) = row?;
            let c = Cells { line, cells };
            Ok(ClaRow {
                year: c.year(0)?,
                level: c.level(1)?,
                code: c.text(2),
                old_code: c.text(3),
                name: c.text(4),
                region_code: c.text(5),
                measure: match c.cells.get(6).copied().unwrap_or("") {
                    "L" => ClaMeasure::LookedAfter,
                    "S" => ClaMeasure::Starting,
                    "C" => ClaMeasure::Ceasing,
                    other => return Err(c.bad(format!("unknown measure '{other}'"))),
                },
                population: c.number(7)?,
                number: c.number(8)?,
                rate_per_10000: c.number(9)?,
            })
        })
        .collect()
}

/// The shipped children-looked-after table.
pub fn cla_rows() -> Result<Vec<ClaRow>, DataError> {
    parse_cla(CLA_TSV)
}

/// Every authority in the children-looked-after table, as (ONS code, name), by name.
pub fn cla_authorities(rows: &[ClaRow]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in rows.iter().filter(|r| r.level == Level::Authority) {
        if !out.iter().any(|(code, _)| *code == r.code) {
            out.push((r.code.clone(), r.name.clone()));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}
