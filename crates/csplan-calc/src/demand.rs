//! Demand: rates per 10,000 children, growth, and projections of a yearly series.

use csplan_model::{Decimal, HALF_UP};

/// Count per 10,000 children, unrounded: count / population x 10,000 (`None` if the
/// population is not positive).
pub fn rate_per_10000(count: Decimal, population: Decimal) -> Option<Decimal> {
    if population <= Decimal::ZERO {
        return None;
    }
    count.checked_div(population)?.checked_mul(Decimal::from(10_000))
}

/// The rate as DfE publishes it: to a whole number, halves up.
pub fn rate_per_10000_published(count: Decimal, population: Decimal) -> Option<Decimal> {
    rate_per_10000(count, population).map(|r| r.round_dp_with_strategy(0, HALF_UP))
}

/// Growth from `first` to `last` as a percentage of `first` (`None` if `first` is not positive).
pub fn growth_percent(first: Decimal, last: Decimal) -> Option<Decimal> {
    if first <= Decimal::ZERO {
        return None;
    }
    last.checked_sub(first)?.checked_div(first)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// The `n`th root of a positive `a`, by Newton's method in exact decimals (to about 24
/// significant digits).
pub(crate) fn nth_root(a: Decimal, n: u32) -> Option<Decimal> {
    if a <= Decimal::ZERO || n == 0 {
        return None;
    }
    if n == 1 {
        return Some(a);
    }
    let n_dec = Decimal::from(n);
    let n_less_one = Decimal::from(n - 1);
    let mut x = if a > Decimal::ONE { a.checked_div(n_dec)?.max(Decimal::ONE) } else { Decimal::ONE };
    for _ in 0..200 {
        let mut power = Decimal::ONE;
        for _ in 0..n - 1 {
            power = power.checked_mul(x)?;
        }
        let next = n_less_one.checked_mul(x)?.checked_add(a.checked_div(power)?)?.checked_div(n_dec)?;
        if (next - x).abs() < Decimal::new(1, 24) {
            return Some(next);
        }
        x = next;
    }
    Some(x)
}

/// Compound annual growth rate over `years` years, as a percentage:
/// ((last / first) ^ (1 / years) - 1) x 100.
pub fn compound_annual_growth_percent(first: Decimal, last: Decimal, years: u32) -> Option<Decimal> {
    if first <= Decimal::ZERO || last < Decimal::ZERO || years == 0 {
        return None;
    }
    if last.is_zero() {
        return Some(-Decimal::ONE_HUNDRED);
    }
    let root = nth_root(last.checked_div(first)?, years)?;
    root.checked_sub(Decimal::ONE)?.checked_mul(Decimal::ONE_HUNDRED)
}

pub use csplan_model::ProjectionMethod;

/// The next `years` values of a series that keeps its last rate per child: last value /
/// last population x each projected population (the population projected on a straight line).
pub fn project_scaled(values: &[Decimal], population: &[Decimal], years: u32) -> Option<Vec<Decimal>> {
    let last = *values.last()?;
    let last_population = *population.last()?;
    if last_population <= Decimal::ZERO {
        return None;
    }
    let rate = last.checked_div(last_population)?;
    project_series(population, years, ProjectionMethod::Linear)?
        .into_iter()
        .map(|p| p.checked_mul(rate).map(|v| v.max(Decimal::ZERO)))
        .collect()
}

/// The next `years` values of an evenly spaced yearly series, never below zero. A
/// population-scaled series needs its population: use [`project_scaled`]; here it is `None`.
pub fn project_series(values: &[Decimal], years: u32, method: ProjectionMethod) -> Option<Vec<Decimal>> {
    let n = values.len();
    let last = *values.last()?;
    let mut out = Vec::with_capacity(years as usize);
    match method {
        ProjectionMethod::Linear => {
            let count = Decimal::from(n as u64);
            let mean_x = Decimal::from((n as u64).saturating_sub(1)).checked_div(Decimal::TWO)?;
            let mean_y = values.iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(*v))?.checked_div(count)?;
            let (mut sxy, mut sxx) = (Decimal::ZERO, Decimal::ZERO);
            for (i, v) in values.iter().enumerate() {
                let dx = Decimal::from(i as u64).checked_sub(mean_x)?;
                sxy = sxy.checked_add(dx.checked_mul(v.checked_sub(mean_y)?)?)?;
                sxx = sxx.checked_add(dx.checked_mul(dx)?)?;
            }
            let slope = if sxx.is_zero() { Decimal::ZERO } else { sxy.checked_div(sxx)? };
            for k in 0..years {
                let x = Decimal::from((n as u64) + u64::from(k)).checked_sub(mean_x)?;
                out.push(mean_y.checked_add(slope.checked_mul(x)?)?.max(Decimal::ZERO));
            }
        }
        ProjectionMethod::PopulationScaled => return None,
        ProjectionMethod::Compound => {
            let first = *values.first()?;
            let spans = u32::try_from(n.saturating_sub(1)).ok()?;
            let rate = if spans == 0 { Decimal::ZERO } else { compound_annual_growth_percent(first, last, spans)? };
            let factor = Decimal::ONE.checked_add(rate.checked_div(Decimal::ONE_HUNDRED)?)?;
            let mut v = last;
            for _ in 0..years {
                v = v.checked_mul(factor)?;
                out.push(v.max(Decimal::ZERO));
            }
        }
    }
    Some(out)
}

/// One series (or a measure's total over its age bands) worked out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SeriesResult {
    /// "Referrals, 0-5" or "Referrals, all ages".
    pub label: String,
    /// The values as entered (or summed).
    #[serde(with = "csplan_model::dec::vec")]
    pub values: Vec<Decimal>,
    /// Growth from the first to the last year, %.
    #[serde(with = "csplan_model::dec::option")]
    pub growth_percent: Option<Decimal>,
    /// Compound annual growth over the years, %.
    #[serde(with = "csplan_model::dec::option")]
    pub annual_growth_percent: Option<Decimal>,
    /// The method used to project.
    pub method: ProjectionMethod,
    /// Projected values, one a year after the last.
    #[serde(with = "csplan_model::dec::vec")]
    pub projected: Vec<Decimal>,
    /// Each year's figure per 10,000 children aged 0-17, as DfE publishes rates (a whole
    /// number, halves up): for an all-ages series when the scenario has the population for
    /// every year; empty otherwise.
    #[serde(with = "csplan_model::dec::vec", skip_serializing_if = "Vec::is_empty")]
    pub per_10000: Vec<Decimal>,
    /// The measure, when this series counts it for all ages (entered so, or the total of
    /// its age bands).
    #[serde(skip)]
    pub all_ages_of: Option<csplan_model::DemandMeasure>,
}

/// One projected year of the chain from demand to posts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ChainYear {
    /// Year label.
    pub year: String,
    /// Projected cases: each series' projection x its cases per unit, added up.
    #[serde(with = "csplan_model::dec")]
    pub cases: Decimal,
    /// FTE and posts to hold those cases at the target, by the scenario's rules.
    pub caseload: crate::CaseloadResult,
}

/// The demand section worked out.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DemandReport {
    /// The years entered.
    pub years: Vec<String>,
    /// The years projected.
    pub projected_years: Vec<String>,
    /// Each series, then each measure's total where it has several age bands.
    pub series: Vec<SeriesResult>,
    /// Demand to posts, where case-holding FTE and a target are given.
    pub chain: Vec<ChainYear>,
    /// Children looked after per 10,000 beside DfE's rates, where a front end with DfE's
    /// table has added them ([`looked_after_comparison`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dfe_looked_after: Vec<LookedAfterComparison>,
}

pub use csplan_model::demand::{dfe_year, next_year, year_step};

fn measure_name(m: csplan_model::DemandMeasure) -> &'static str {
    m.label()
}

fn series_result(
    label: String,
    values: Vec<Decimal>,
    method: ProjectionMethod,
    (years, step): (u32, u32),
    population: Option<&[Decimal]>,
) -> Option<SeriesResult> {
    let first = *values.first()?;
    let last = *values.last()?;
    // Compound growth a year is over the years the values span, not the number of values.
    let spans = u32::try_from(values.len().saturating_sub(1)).ok()?.checked_mul(step)?;
    Some(SeriesResult {
        label,
        growth_percent: growth_percent(first, last),
        annual_growth_percent: if spans == 0 { None } else { compound_annual_growth_percent(first, last, spans) },
        method,
        projected: match method {
            ProjectionMethod::PopulationScaled => project_scaled(&values, population?, years)?,
            _ => project_series(&values, years, method)?,
        },
        per_10000: Vec::new(),
        all_ages_of: None,
        values,
    })
}

/// Growth, projections and the chain to posts for a scenario's demand section.
pub fn demand(s: &csplan_model::Scenario) -> Result<Option<DemandReport>, crate::CalcError> {
    let Some(d) = &s.demand else { return Ok(None) };
    // Values are evenly spaced; each projected value is one step (usually a year) on.
    let step = year_step(&d.years);
    let mut projected_years = Vec::with_capacity(d.projection_years as usize);
    let mut label = d.years.last().cloned().unwrap_or_default();
    for _ in 0..d.projection_years {
        for _ in 0..step {
            label = next_year(&label);
        }
        projected_years.push(label.clone());
    }
    let population = d
        .series
        .iter()
        .find(|x| x.measure == csplan_model::DemandMeasure::Population && x.age_band.is_none())
        .map(|x| x.values.as_slice());
    let mut series = Vec::new();
    // Rates per 10,000 for an all-ages series, where every year has a population.
    let per_10000 = |values: &[Decimal]| -> Vec<Decimal> {
        let Some(pop) = population.filter(|p| p.len() == values.len()) else { return Vec::new() };
        values
            .iter()
            .zip(pop)
            .map(|(v, p)| rate_per_10000_published(*v, *p))
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default()
    };
    for x in &d.series {
        let label = match &x.age_band {
            Some(b) => format!("{}, {b}", measure_name(x.measure)),
            None => measure_name(x.measure).to_string(),
        };
        let mut r = series_result(label, x.values.clone(), x.method, (d.projection_years, step), population)
            .ok_or(crate::CalcError::Overflow)?;
        if x.age_band.is_none() {
            r.all_ages_of = Some(x.measure);
            if x.measure != csplan_model::DemandMeasure::Population {
                r.per_10000 = per_10000(&r.values);
            }
        }
        series.push(r);
    }
    let mut measures: Vec<csplan_model::DemandMeasure> = Vec::new();
    for x in &d.series {
        if !measures.contains(&x.measure) {
            measures.push(x.measure);
        }
    }
    for m in measures {
        let parts: Vec<&csplan_model::DemandSeries> = d.series.iter().filter(|x| x.measure == m).collect();
        if parts.len() < 2 || parts.iter().any(|x| x.age_band.is_none()) {
            continue;
        }
        let mut total = vec![Decimal::ZERO; d.years.len()];
        for p in &parts {
            for (t, v) in total.iter_mut().zip(&p.values) {
                *t = t.checked_add(*v).ok_or(crate::CalcError::Overflow)?;
            }
        }
        let method = parts.first().map(|p| p.method).unwrap_or_default();
        let label = format!("{}, all ages", measure_name(m));
        let mut r = series_result(label, total, method, (d.projection_years, step), population)
            .ok_or(crate::CalcError::Overflow)?;
        r.per_10000 = per_10000(&r.values);
        r.all_ages_of = Some(m);
        series.push(r);
    }
    let mut chain = Vec::new();
    if let (Some(fte), Some(target)) = (d.case_holding_fte, d.target_caseload) {
        for (k, year) in projected_years.iter().enumerate() {
            let mut cases = Decimal::ZERO;
            for (x, r) in d.series.iter().zip(&series) {
                let v = r.projected.get(k).copied().unwrap_or(Decimal::ZERO);
                cases = cases
                    .checked_add(v.checked_mul(x.cases_per_unit).ok_or(crate::CalcError::Overflow)?)
                    .ok_or(crate::CalcError::Overflow)?;
            }
            let caseload = crate::caseload(&crate::CaseloadInput {
                case_holding_fte: fte,
                cases: Some(cases),
                current_caseload: None,
                target_caseload: target,
                cost_per_fte: s.cost_per_fte,
                rounding: s.rounding,
            })?;
            chain.push(ChainYear { year: year.clone(), cases, caseload });
        }
    }
    Ok(Some(DemandReport { years: d.years.clone(), projected_years, series, chain, dfe_looked_after: Vec::new() }))
}

/// One year of children looked after per 10,000: the scenario's own figure beside DfE's
/// published rates for the authority (found by name), its region and England.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LookedAfterComparison {
    /// The scenario's year label.
    pub year: String,
    /// The scenario's rate, where it has the population.
    #[serde(with = "csplan_model::dec::option")]
    pub scenario: Option<Decimal>,
    /// DfE's rate for the authority.
    #[serde(with = "csplan_model::dec::option")]
    pub authority: Option<Decimal>,
    /// The region's name.
    pub region: String,
    /// DfE's rate for the region.
    #[serde(with = "csplan_model::dec::option")]
    pub region_rate: Option<Decimal>,
    /// DfE's rate for England.
    #[serde(with = "csplan_model::dec::option")]
    pub england: Option<Decimal>,
}

/// For each year of the scenario's demand series that DfE's children-looked-after table
/// covers (2019-2023), the looked-after rate per 10,000 of the scenario's authority, its
/// region and England, beside the scenario's own (`report`'s all-ages looked-after series).
/// Empty when the authority is not in the table or no year matches.
pub fn looked_after_comparison(
    rows: &[csplan_data::ClaRow],
    s: &csplan_model::Scenario,
    report: &DemandReport,
) -> Vec<LookedAfterComparison> {
    use csplan_data::{ClaMeasure, Level};
    let name = s.authority.trim();
    let Some(mine) =
        rows.iter().find(|r| r.level == Level::Authority && r.name.eq_ignore_ascii_case(name)).map(|r| r.code.clone())
    else {
        return Vec::new();
    };
    let own = report.series.iter().find(|x| x.all_ages_of == Some(csplan_model::DemandMeasure::LookedAfter));
    let rate = |year: u16, pick: &dyn Fn(&csplan_data::ClaRow) -> bool| {
        rows.iter()
            .find(|r| r.year == year && r.measure == ClaMeasure::LookedAfter && pick(r))
            .and_then(|r| r.rate_per_10000)
    };
    report
        .years
        .iter()
        .enumerate()
        .filter_map(|(i, label)| {
            let year = dfe_year(label)?;
            let row = rows.iter().find(|r| r.code == mine && r.year == year && r.measure == ClaMeasure::LookedAfter)?;
            let region = rows.iter().find(|r| r.level == Level::Region && r.code == row.region_code);
            Some(LookedAfterComparison {
                year: label.clone(),
                scenario: own.and_then(|o| o.per_10000.get(i).copied()),
                authority: row.rate_per_10000,
                region: region.map(|r| r.name.clone()).unwrap_or_default(),
                region_rate: rate(year, &|r| r.level == Level::Region && r.code == row.region_code),
                england: rate(year, &|r| r.level == Level::England),
            })
        })
        .collect()
}
