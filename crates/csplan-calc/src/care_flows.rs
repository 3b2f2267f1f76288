//! Children looked after projected month by month as stocks and flows.
//!
//! ```text
//! for each type i, each month:
//!   exits_i   = children_i x exit rate_i
//!   moves_ij  = children_i x move rate_ij
//!   children_i' = children_i - exits_i - sum_j moves_ij + sum_k moves_ki + entrants_i
//! total' = total - exits + entrants          (moves only change the type)
//! band  = total +/- 1.96 x sqrt(variance), variance growing each month by the binomial
//!         variance of the exits (n p (1 - p)) and the Poisson variance of the entrants
//! cost  = sum_i children_i x annual cost_i / 12, per month
//! ```

use csplan_model::fmt::short;
use csplan_model::{CareFlows, Decimal, Money};
use serde::Serialize;

use crate::{ov, CalcError};

/// One month of the stock-flow projection (month 0 is now).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowMonth {
    /// Month number.
    pub month: u32,
    /// Children in each type.
    #[serde(with = "csplan_model::dec::vec")]
    pub by_type: Vec<Decimal>,
    /// Children looked after in all.
    #[serde(with = "csplan_model::dec")]
    pub total: Decimal,
    /// Lower end of the 95% band (never below 0).
    #[serde(with = "csplan_model::dec")]
    pub low: Decimal,
    /// Upper end of the 95% band.
    #[serde(with = "csplan_model::dec")]
    pub high: Decimal,
    /// Cost of the month's placements, where every type has a cost.
    pub cost: Option<Money>,
}

/// The whole projection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowProjection {
    /// Type names, in order.
    pub types: Vec<String>,
    /// Month 0 then each month.
    pub months: Vec<FlowMonth>,
    /// Cost over the projected months (months 1 onwards), where every type has a cost.
    pub total_cost: Option<Money>,
    /// Cost by financial year (April to March), where every type has a cost and the
    /// projection has a start date ([`project_flows_from`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub financial_years: Vec<crate::FinancialYearCost>,
    /// In words.
    pub explanation: String,
}

/// [`project_flows`] from the scenario date `as_at` (`YYYY-MM-DD`), with the cost of the
/// path by financial year.
pub fn project_flows_from(as_at: &str, c: &CareFlows) -> Result<FlowProjection, CalcError> {
    let mut p = project_flows(c)?;
    if p.total_cost.is_some() {
        let start = crate::projection::year_month(as_at).ok_or(CalcError::BadDate)?;
        p.financial_years =
            crate::projection::costs_by_financial_year(start, p.months.iter().skip(1).filter_map(|m| m.cost))?;
    }
    Ok(p)
}

fn share(r: csplan_model::Rate) -> Result<Decimal, CalcError> {
    ov(r.value().checked_div(Decimal::ONE_HUNDRED))
}

/// Projects a stock-flow section.
pub fn project_flows(c: &CareFlows) -> Result<FlowProjection, CalcError> {
    let n = c.types.len();
    let mut children: Vec<Decimal> = c.types.iter().map(|t| t.children).collect();
    let exit: Vec<Decimal> = c.types.iter().map(|t| share(t.exit_rate)).collect::<Result<_, _>>()?;
    let z = Decimal::new(196, 2);
    let twelve = Decimal::from(12);
    let costed = c.types.iter().all(|t| t.annual_cost.is_some());
    let month_cost = |children: &[Decimal]| -> Result<Option<Money>, CalcError> {
        if !costed {
            return Ok(None);
        }
        let mut total = Decimal::ZERO;
        for (t, k) in c.types.iter().zip(children) {
            let annual = t.annual_cost.map(Money::value).unwrap_or_default();
            total = ov(total.checked_add(ov(ov(annual.checked_mul(*k))?.checked_div(twelve))?))?;
        }
        Ok(Some(Money::new(total)))
    };
    let sum = |v: &[Decimal]| v.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
    let mut variance = Decimal::ZERO;
    let total0 = ov(sum(&children))?;
    let mut months = vec![FlowMonth {
        month: 0,
        by_type: children.clone(),
        total: total0,
        low: total0,
        high: total0,
        cost: month_cost(&children)?,
    }];
    let mut total_cost = Decimal::ZERO;
    for m in 1..=c.months {
        let mut next = children.clone();
        for i in 0..n {
            let here = children.get(i).copied().unwrap_or_default();
            let p = exit.get(i).copied().unwrap_or_default();
            let exits = ov(here.checked_mul(p))?;
            variance = ov(variance.checked_add(ov(exits.checked_mul(ov(Decimal::ONE.checked_sub(p))?))?))?;
            if let Some(x) = next.get_mut(i) {
                *x = ov(x.checked_sub(exits))?;
            }
        }
        for mv in &c.moves {
            let here = children.get(mv.from).copied().unwrap_or_default();
            let moved = ov(here.checked_mul(share(mv.rate)?))?;
            if let Some(x) = next.get_mut(mv.from) {
                *x = ov(x.checked_sub(moved))?;
            }
            if let Some(x) = next.get_mut(mv.to) {
                *x = ov(x.checked_add(moved))?;
            }
        }
        for (x, t) in next.iter_mut().zip(&c.types) {
            *x = ov(x.checked_add(t.entrants_per_month))?;
            variance = ov(variance.checked_add(t.entrants_per_month))?;
            // Rates are validated so that no type can lose more than it has; this only
            // guards the last digit of rounding.
            if x.is_sign_negative() {
                *x = Decimal::ZERO;
            }
        }
        children = next;
        let total = ov(sum(&children))?;
        let spread = ov(z.checked_mul(crate::demand::nth_root(variance, 2).unwrap_or(Decimal::ZERO)))?;
        let cost = month_cost(&children)?;
        if let Some(cost) = cost {
            total_cost = ov(total_cost.checked_add(cost.value()))?;
        }
        months.push(FlowMonth {
            month: m,
            by_type: children.clone(),
            total,
            low: ov(total.checked_sub(spread))?.max(Decimal::ZERO),
            high: ov(total.checked_add(spread))?,
            cost,
        });
    }
    let last = months.last().map(|m| (m.total, m.low, m.high)).unwrap_or_default();
    let explanation = format!(
        "{} children now; after {} months {} (95% band {} to {}), from monthly entrants, exit rates and moves between types",
        short(total0, 1),
        c.months,
        short(last.0, 1),
        short(last.1, 1),
        short(last.2, 1)
    );
    Ok(FlowProjection {
        types: c.types.iter().map(|t| t.name.clone()).collect(),
        months,
        total_cost: costed.then(|| Money::new(total_cost).round_pence()),
        financial_years: Vec::new(),
        explanation,
    })
}

/// One year of counts, from which flow rates can be estimated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowYear {
    /// The year the counts end (DfE's year to 31 March).
    pub year: u16,
    /// Children looked after at the start of the year.
    #[serde(with = "csplan_model::dec")]
    pub start: Decimal,
    /// Children who started to be looked after in the year.
    #[serde(with = "csplan_model::dec")]
    pub entrants: Decimal,
    /// Children who stopped being looked after in the year.
    #[serde(with = "csplan_model::dec")]
    pub exits: Decimal,
}

/// Flow rates estimated from a short history of counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RateEstimate {
    /// The years used.
    pub years: Vec<FlowYear>,
    /// Mean entrants a year / 12.
    #[serde(with = "csplan_model::dec")]
    pub entrants_per_month: Decimal,
    /// Exits / child-months looked after, %: each year's child-months are its average
    /// stock (start and end, end = start + entrants - exits) x 12.
    pub exit_rate: csplan_model::Rate,
    /// In words.
    pub explanation: String,
}

/// Estimates a type's (or all children's) monthly entrants and exit rate from yearly
/// counts: the rates that, held steady, would have produced the history on average.
/// `None` when there is no year with children looked after.
pub fn estimate_rates(history: &[FlowYear]) -> Result<Option<RateEstimate>, CalcError> {
    let twelve = Decimal::from(12);
    let (mut entrants, mut exits, mut child_months) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for y in history {
        let end = ov(ov(y.start.checked_add(y.entrants))?.checked_sub(y.exits))?.max(Decimal::ZERO);
        let average = ov(ov(y.start.checked_add(end))?.checked_div(Decimal::TWO))?;
        child_months = ov(child_months.checked_add(ov(average.checked_mul(twelve))?))?;
        entrants = ov(entrants.checked_add(y.entrants))?;
        exits = ov(exits.checked_add(y.exits))?;
    }
    if history.is_empty() || child_months <= Decimal::ZERO {
        return Ok(None);
    }
    let months = ov(Decimal::from(history.len() as u64).checked_mul(twelve))?;
    let entrants_per_month = ov(entrants.checked_div(months))?;
    let exit_rate = ov(ov(exits.checked_div(child_months))?.checked_mul(Decimal::ONE_HUNDRED))?;
    let (first, last) = (history.first().map_or(0, |y| y.year), history.last().map_or(0, |y| y.year));
    let explanation = format!(
        "{} entrants in {} months = {} a month; {} exits over {} child-months looked after = {}% a month ({} to {})",
        short(entrants, 0),
        months,
        short(entrants_per_month, 2),
        short(exits, 0),
        short(child_months, 0),
        short(exit_rate, 2),
        first,
        last
    );
    Ok(Some(RateEstimate {
        years: history.to_vec(),
        entrants_per_month,
        exit_rate: csplan_model::Rate::new(exit_rate),
        explanation,
    }))
}

/// An authority's (or England's, or a region's) years of children-looked-after counts from
/// DfE's table: each year to 31 March whose starters and leavers are published and whose
/// start (the previous 31 March) is too.
pub fn dfe_history(rows: &[csplan_data::ClaRow], code: &str) -> Vec<FlowYear> {
    use csplan_data::ClaMeasure;
    let count = |year: u16, measure: ClaMeasure| {
        rows.iter().find(|r| r.code == code && r.year == year && r.measure == measure).and_then(|r| r.number)
    };
    let mut years: Vec<u16> = rows.iter().filter(|r| r.code == code).map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .filter_map(|year| {
            Some(FlowYear {
                year,
                start: count(year.checked_sub(1)?, ClaMeasure::LookedAfter)?,
                entrants: count(year, ClaMeasure::Starting)?,
                exits: count(year, ClaMeasure::Ceasing)?,
            })
        })
        .collect()
}
