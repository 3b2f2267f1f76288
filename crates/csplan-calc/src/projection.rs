//! The monthly workforce projection.
//!
//! Each month, for each role:
//! ```text
//! leavers        = in post x annual turnover / 12 (lower by the retention assumption while
//!                  a retention payment is paid); newly qualified cohorts leave at the same rate
//! starters       = pipeline starters due that month + recruits a month (after the time to
//!                  fill), no more than the vacancies
//! conversions    = agency workers made permanent, no more than the agency pool or vacancies
//! capacity       = in post - newly qualified x (1 - their caseload share)
//! agency cover   = the agency pool (as entered plus agency starters), but only as much as the
//!                  establishment still lacks in capacity: agency workers leave as permanent
//!                  staff carry full caseloads, and return if posts fall vacant again
//! case-holding   = capacity + agency cover + agency over establishment (case-holding roles),
//!                  x (DfE case-holder FTE / month 0's case-holding FTE) when the case-holder
//!                  FTE is given, so month 0 is DfE's own count and later months move with it
//! caseload       = cases / case-holding FTE (DfE: cases / case-holder FTE)
//! cost           = in post x permanent cost / 12 + agency x agency cost / 12 (+ retention)
//! ```
//! Because case-holding FTE is min(capacity + pool, establishment) plus agency over the
//! establishment, more starters never lower it, so they never delay the month the target
//! is met.

use csplan_model::fmt::short;
use csplan_model::{Decimal, Fte, Money, Rate, Role, StarterKind, Workforce};
use serde::Serialize;

use crate::CalcError;

/// One month of the projection (month 0 is the scenario's date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProjectionMonth {
    /// Calendar month, `YYYY-MM`.
    pub month: String,
    /// Permanent staff in post, all roles.
    pub in_post: Fte,
    /// Agency workers, all roles.
    pub agency: Fte,
    /// Vacant posts (establishment - in post), all roles.
    pub vacancies: Fte,
    /// Newly qualified staff in their protected first year, all roles.
    pub newly_qualified: Fte,
    /// Case-holding capacity of the case-holding roles, in full-caseload FTE.
    pub case_holding_fte: Fte,
    /// Average caseload: cases / case-holding FTE (when cases are given).
    #[serde(with = "csplan_model::dec::option")]
    pub caseload: Option<Decimal>,
    /// Staffing cost of the month (roles without both costs count as £0).
    pub cost: Money,
}

/// Cost of one financial year (April to March) within the projection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FinancialYearCost {
    /// `2019/20`.
    pub year: String,
    /// Months of that year inside the projection.
    pub months: u32,
    /// Cost of those months, to the penny.
    pub cost: Money,
}

/// The projection: month 0 (now) then one row a month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Projection {
    /// Month 0 is the scenario's date.
    pub months: Vec<ProjectionMonth>,
    /// The caseload to reach, if set.
    #[serde(with = "csplan_model::dec::option")]
    pub target_caseload: Option<Decimal>,
    /// Index into `months` of the first month at or under the target (0 = met now).
    pub target_met: Option<usize>,
    /// Cost by financial year.
    pub financial_years: Vec<FinancialYearCost>,
    /// Roles left out of the cost because a cost per FTE is missing.
    pub uncosted_roles: Vec<String>,
    /// How it was worked out, in words.
    pub explanation: String,
}

struct RoleState<'a> {
    role: &'a Role,
    establishment: Decimal,
    in_post: Decimal,
    pool: Decimal,
    /// (months of protection left, FTE)
    cohorts: Vec<(u32, Decimal)>,
    monthly_turnover: Decimal,
}

fn err<T>(v: Option<T>) -> Result<T, CalcError> {
    v.ok_or(CalcError::Overflow)
}

// Checked decimal arithmetic, kept out of line: inlined at each of the projection's call
// sites it made the monthly loop 50 KB of the browser download; a call costs far less
// than the 96-bit arithmetic it wraps.
#[inline(never)]
fn add(a: Decimal, b: Decimal) -> Result<Decimal, CalcError> {
    err(a.checked_add(b))
}
#[inline(never)]
fn sub(a: Decimal, b: Decimal) -> Result<Decimal, CalcError> {
    err(a.checked_sub(b))
}
#[inline(never)]
fn mul(a: Decimal, b: Decimal) -> Result<Decimal, CalcError> {
    err(a.checked_mul(b))
}
#[inline(never)]
fn div(a: Decimal, b: Decimal) -> Result<Decimal, CalcError> {
    err(a.checked_div(b))
}

fn min(a: Decimal, b: Decimal) -> Decimal {
    if a < b {
        a
    } else {
        b
    }
}

fn max0(a: Decimal) -> Decimal {
    if a.is_sign_negative() {
        Decimal::ZERO
    } else {
        a
    }
}

fn share(rate: Rate) -> Result<Decimal, CalcError> {
    div(rate.value(), Decimal::ONE_HUNDRED)
}

/// `(year, month)` of a `YYYY-MM-DD` date.
pub(crate) fn year_month(date: &str) -> Option<(i32, u32)> {
    let y = date.get(0..4)?.parse().ok()?;
    let m = date.get(5..7)?.parse().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}

pub(crate) fn add_months((y, m): (i32, u32), n: u32) -> (i32, u32) {
    let zero_based = (m - 1) + n;
    (y + (zero_based / 12) as i32, zero_based % 12 + 1)
}

pub(crate) fn financial_year((y, m): (i32, u32)) -> String {
    let start = if m >= 4 { y } else { y - 1 };
    format!("{start}/{:02}", (start + 1).rem_euclid(100))
}

/// Runs the projection from the scenario date `as_at` (`YYYY-MM-DD`).
pub fn project(as_at: &str, w: &Workforce) -> Result<Projection, CalcError> {
    let settings = &w.projection;
    let start = year_month(as_at).ok_or(CalcError::BadDate)?;
    let nq_share = share(settings.newly_qualified_share)?;
    let nq_shortfall = sub(Decimal::ONE, share(settings.newly_qualified_caseload)?)?;
    let retention_months = w.retention.as_ref().map_or(0, |r| r.years.saturating_mul(12));
    let retention_factor = match &w.retention {
        Some(r) => sub(Decimal::ONE, share(r.turnover_reduction)?)?,
        None => Decimal::ONE,
    };
    let retention_monthly = match crate::workforce::retention_cost(w)? {
        Some(r) => div(r.per_year.value(), Decimal::from(12))?,
        None => Decimal::ZERO,
    };
    let mut states = Vec::with_capacity(w.roles.len());
    for role in &w.roles {
        let in_post = sub(role.establishment.value(), role.vacancies.value())?;
        let annual = match (settings.turnover, role.leavers) {
            (Some(t), _) => share(t)?,
            (None, Some(l)) if in_post > Decimal::ZERO => div(l.value(), in_post)?,
            _ => Decimal::ZERO,
        };
        states.push(RoleState {
            role,
            establishment: role.establishment.value(),
            in_post,
            pool: role.agency_covering_vacancies.value(),
            cohorts: Vec::new(),
            monthly_turnover: div(annual, Decimal::from(12))?,
        });
    }
    let uncosted_roles: Vec<String> = w
        .roles
        .iter()
        .filter(|r| r.permanent_cost_per_fte.is_none() || r.agency_cost_per_fte.is_none())
        .map(|r| r.name.clone())
        .collect();
    let mut months = Vec::with_capacity(settings.months as usize + 1);
    // DfE's case-holder FTE, when given, and month 0's case-holding FTE it stands for.
    let mut case_holders_at_start: Option<(Decimal, Decimal)> = None;
    for m in 0..=settings.months {
        let retention_on = m >= 1 && m <= retention_months;
        let mut row = Totals::default();
        for st in &mut states {
            if m > 0 {
                step(
                    st,
                    m,
                    settings.months_to_fill,
                    nq_share,
                    if retention_on { retention_factor } else { Decimal::ONE },
                )?;
            }
            row.add(st, nq_shortfall)?;
        }
        let (y, mo) = add_months(start, m);
        let retention = if retention_on { retention_monthly } else { Decimal::ZERO };
        let cost = Money::new(add(row.cost, retention)?);
        if m == 0 {
            case_holders_at_start = settings
                .case_holders
                .filter(|_| row.case_holding > Decimal::ZERO)
                .map(|h| (h.value(), row.case_holding));
        }
        if let Some((h, start)) = case_holders_at_start {
            row.case_holding = if m == 0 { h } else { div(mul(row.case_holding, h)?, start)? };
        }
        let caseload = match settings.cases {
            Some(c) if row.case_holding > Decimal::ZERO => c.checked_div(row.case_holding),
            _ => None,
        };
        months.push(ProjectionMonth {
            month: format!("{y:04}-{mo:02}"),
            in_post: Fte::new(row.in_post),
            agency: Fte::new(row.agency),
            vacancies: Fte::new(row.vacancies),
            newly_qualified: Fte::new(row.newly_qualified),
            case_holding_fte: Fte::new(row.case_holding),
            caseload,
            cost,
        });
    }
    let target_met =
        settings.target_caseload.and_then(|t| months.iter().position(|row| row.caseload.is_some_and(|c| c <= t)));
    let financial_years = costs_by_financial_year(start, months.iter().skip(1).map(|m| m.cost))?;
    let explanation = explain(w, &months, settings.target_caseload, target_met);
    Ok(Projection {
        months,
        target_caseload: settings.target_caseload,
        target_met,
        financial_years,
        uncosted_roles,
        explanation,
    })
}

#[derive(Default)]
struct Totals {
    in_post: Decimal,
    agency: Decimal,
    vacancies: Decimal,
    newly_qualified: Decimal,
    case_holding: Decimal,
    cost: Decimal,
}

impl Totals {
    fn add(&mut self, st: &RoleState<'_>, nq_shortfall: Decimal) -> Result<(), CalcError> {
        let nq: Decimal = st
            .cohorts
            .iter()
            .map(|c| c.1)
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(b))
            .ok_or(CalcError::Overflow)?;
        let capacity = max0(sub(st.in_post, mul(nq, nq_shortfall)?)?);
        let cover = min(st.pool, max0(sub(st.establishment, capacity)?));
        let agency = add(cover, st.role.agency_over_establishment.value())?;
        self.in_post = add(self.in_post, st.in_post)?;
        self.agency = add(self.agency, agency)?;
        self.vacancies = add(self.vacancies, max0(sub(st.establishment, st.in_post)?))?;
        self.newly_qualified = add(self.newly_qualified, nq)?;
        if st.role.case_holding {
            self.case_holding = add(self.case_holding, add(capacity, agency)?)?;
        }
        if let (Some(perm), Some(agency_cost)) = (st.role.permanent_cost_per_fte, st.role.agency_cost_per_fte) {
            let twelve = Decimal::from(12);
            let perm_month = div(mul(perm.value(), st.in_post)?, twelve)?;
            let agency_month = div(mul(agency_cost.value(), agency)?, twelve)?;
            self.cost = add(add(self.cost, perm_month)?, agency_month)?;
        }
        Ok(())
    }
}

fn step(
    st: &mut RoleState<'_>,
    m: u32,
    months_to_fill: u32,
    nq_share: Decimal,
    turnover_factor: Decimal,
) -> Result<(), CalcError> {
    let rate = mul(st.monthly_turnover, turnover_factor)?;
    let stay = max0(sub(Decimal::ONE, rate)?);
    st.in_post = mul(st.in_post, stay)?;
    for cohort in &mut st.cohorts {
        cohort.1 = mul(cohort.1, stay)?;
    }
    let mut permanent = if m > months_to_fill { st.role.recruits_per_month.value() } else { Decimal::ZERO };
    for s in st.role.pipeline.iter().filter(|s| s.month == m) {
        match s.kind {
            StarterKind::Permanent => permanent = add(permanent, s.fte.value())?,
            StarterKind::Agency => st.pool = add(st.pool, s.fte.value())?,
        }
    }
    let vacancies = max0(sub(st.establishment, st.in_post)?);
    let starters = min(permanent, vacancies);
    st.in_post = add(st.in_post, starters)?;
    let newly_qualified = mul(starters, nq_share)?;
    if newly_qualified > Decimal::ZERO {
        st.cohorts.push((12, newly_qualified));
    }
    let vacancies = max0(sub(st.establishment, st.in_post)?);
    let conversions = min(min(st.role.agency_conversions_per_month.value(), st.pool), vacancies);
    st.in_post = add(st.in_post, conversions)?;
    st.pool = sub(st.pool, conversions)?;
    for cohort in &mut st.cohorts {
        cohort.0 = cohort.0.saturating_sub(1);
    }
    Ok(())
}

/// Monthly costs (month 1 onwards, month 0 being `start`) summed by financial year
/// (April to March), each year's total to the penny.
pub(crate) fn costs_by_financial_year(
    start: (i32, u32),
    costs: impl Iterator<Item = Money>,
) -> Result<Vec<FinancialYearCost>, CalcError> {
    let mut out: Vec<FinancialYearCost> = Vec::new();
    for (i, cost) in costs.enumerate() {
        let year = financial_year(add_months(start, i as u32 + 1));
        match out.last_mut() {
            Some(fy) if fy.year == year => {
                fy.months += 1;
                fy.cost = fy.cost.checked_add(cost).ok_or(CalcError::Overflow)?;
            }
            _ => out.push(FinancialYearCost { year, months: 1, cost }),
        }
    }
    for fy in &mut out {
        fy.cost = fy.cost.round_pence();
    }
    Ok(out)
}

fn explain(w: &Workforce, months: &[ProjectionMonth], target: Option<Decimal>, met: Option<usize>) -> String {
    let s = &w.projection;
    let turnover = match s.turnover {
        Some(t) => format!("{}% a year", short(t.value(), 2)),
        None => "each role's leavers / in post".to_string(),
    };
    let mut out = format!(
        "{} months; turnover {turnover}; recruits start after {} month(s); {}% of permanent starters newly qualified, carrying {}% of a full caseload for 12 months",
        s.months,
        s.months_to_fill,
        short(s.newly_qualified_share.value(), 2),
        short(s.newly_qualified_caseload.value(), 2)
    );
    if s.cases.is_some() {
        match s.case_holders {
            Some(h) => out.push_str(&format!(
                "; caseload is cases / case-holder FTE, DfE's definition, from {} case holders now",
                short(h.value(), 2)
            )),
            None => out.push_str(
                "; caseload is cases / every FTE in the case-holding roles (give the case-holder FTE for DfE's definition)",
            ),
        }
    }
    match (target, met, months.last().and_then(|m| m.caseload)) {
        (Some(t), Some(i), _) => {
            let when = months.get(i).map(|m| m.month.clone()).unwrap_or_default();
            let caseload = months.get(i).and_then(|m| m.caseload).map(|c| short(c, 1)).unwrap_or_default();
            out.push_str(&format!("; the target of {} is met in month {i} ({when}) at {caseload}", short(t, 2)));
        }
        (Some(t), None, Some(last)) => {
            out.push_str(&format!("; the target of {} is not met: {} in the last month", short(t, 2), short(last, 1)))
        }
        (Some(t), None, None) => out.push_str(&format!("; the target of {} needs a number of cases", short(t, 2))),
        _ => {}
    }
    out
}

/// The projection as CSV, one row a month, exact figures (decimals as written by
/// rust_decimal, cost in pounds).
pub fn projection_csv(p: &Projection) -> String {
    let mut out =
        String::from("month,in_post_fte,agency_fte,vacancies_fte,newly_qualified_fte,case_holding_fte,caseload,cost\n");
    for m in &p.months {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{}\n",
            m.month,
            m.in_post.value(),
            m.agency.value(),
            m.vacancies.value(),
            m.newly_qualified.value(),
            m.case_holding_fte.value(),
            m.caseload.map(|c| c.to_string()).unwrap_or_default(),
            m.cost.round_pence().value()
        ));
    }
    out
}
