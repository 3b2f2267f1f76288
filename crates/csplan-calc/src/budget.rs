//! The budget: savings by area (the SP2023 table), the medium-term plan and home to
//! school transport.
//!
//! ```text
//! area savings        = sum of the area's workstreams
//! % of budget         = area savings / area budget x 100, shown as a whole per cent,
//!                       halves up (Hampshire prints 7,704 / 152,140 = 5.06% as 5%, and the
//!                       total 22,663 / 214,856 = 10.55% as 11%); funding lines have no %
//! after savings       = area budget - area savings; below the statutory minimum is flagged
//! delivered in a year = amount x that year's phasing % (the target)
//! expected            = delivered x the delivery share of the workstream's risk rating
//! gap in a year       = pressures arising that year - savings delivered that year
//! cumulative          = the running sum of the gaps
//! transport           = base adjustment in the first year, growth a year after;
//!                       drivers: travellers x unit cost, each grown by its own % a year
//!                       (compounded, cost to the penny each year)
//! ```

use csplan_model::{Budget, Decimal, Money, Rate, Transport, HALF_UP};
use serde::Serialize;

use crate::{add, ov, sub, CalcError};

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

/// `amount x rate%`, `None` on overflow.
fn percent_of(amount: Money, rate: Rate) -> Option<Money> {
    amount.value().checked_mul(rate.value())?.checked_div(hundred()).map(Money::new)
}

/// `part / whole x 100`, exact; `None` when the whole is zero.
pub fn percent(part: Money, whole: Money) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.value().checked_mul(hundred())?.checked_div(whole.value())
}

/// A percentage shown as a whole per cent, halves up (the rule the SP2023 table uses).
pub fn whole_percent(p: Decimal) -> Decimal {
    p.round_dp_with_strategy(0, HALF_UP)
}

/// One row of the savings table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AreaSavings {
    /// Area id.
    pub id: String,
    /// Area name.
    pub name: String,
    /// True for a funding line.
    pub funding: bool,
    /// The area's budget.
    pub budget: Option<Money>,
    /// Sum of its workstreams' full-year savings.
    pub savings: Money,
    /// Savings as % of budget, exact.
    #[serde(with = "csplan_model::dec::option")]
    pub percent: Option<Decimal>,
    /// As printed: a whole per cent, halves up.
    #[serde(with = "csplan_model::dec::option")]
    pub percent_shown: Option<Decimal>,
    /// Budget after savings.
    pub after: Option<Money>,
    /// The statutory minimum, if any.
    pub statutory_minimum: Option<Money>,
    /// True when the budget after savings is below the statutory minimum.
    pub below_minimum: bool,
    /// Workstreams in the area.
    pub workstreams: usize,
}

impl AreaSavings {
    /// How the savings are reached: its workstreams' full-year savings added.
    pub fn savings_working(&self) -> String {
        match self.workstreams {
            0 => "no workstream saves from it: £0".to_string(),
            1 => format!("its one workstream's full-year saving: {}", self.savings.display_pounds()),
            n => format!("its {n} workstreams' full-year savings added: {}", self.savings.display_pounds()),
        }
    }

    /// How the % of budget is reached: "£2,700,000 / £60,000,000 = 4.5%, shown as a whole
    /// per cent (halves up): 5%".
    pub fn percent_working(&self) -> Option<String> {
        Some(format!(
            "{} / {} = {}%, shown as a whole per cent (halves up): {}%",
            self.savings.display_pounds(),
            self.budget?.display_pounds(),
            csplan_model::fmt::short(self.percent?, 2),
            csplan_model::fmt::short(self.percent_shown?, 0)
        ))
    }

    /// How the budget after savings is reached, and how it stands against the statutory
    /// minimum.
    pub fn after_working(&self) -> Option<String> {
        let mut out = format!(
            "{} - {} = {}",
            self.budget?.display_pounds(),
            self.savings.display_pounds(),
            self.after?.display_pounds()
        );
        if let Some(min) = self.statutory_minimum {
            let side = if self.below_minimum { "below" } else { "at or above" };
            out.push_str(&format!("; {side} the statutory minimum of {}", min.display_pounds()));
        }
        Some(out)
    }
}

/// The savings table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SavingsTable {
    /// One row per area and funding line, in the scenario's order.
    pub areas: Vec<AreaSavings>,
    /// Sum of the areas' budgets.
    pub total_budget: Money,
    /// Sum of all savings, funding lines included.
    pub total_savings: Money,
    /// Total savings as % of the total budget, exact.
    #[serde(with = "csplan_model::dec::option")]
    pub total_percent: Option<Decimal>,
    /// As printed: a whole per cent, halves up.
    #[serde(with = "csplan_model::dec::option")]
    pub total_percent_shown: Option<Decimal>,
    /// Savings of workstreams whose area id matches no area (validation reports them).
    pub unassigned: Money,
}

/// Savings per area and in total. See the module docs for the rules.
pub fn savings_table(b: &Budget) -> Result<SavingsTable, CalcError> {
    let mut areas = Vec::with_capacity(b.areas.len());
    let (mut total_budget, mut total_savings) = (Money::ZERO, Money::ZERO);
    for area in &b.areas {
        let mut savings = Money::ZERO;
        let mut count = 0;
        for w in b.workstreams.iter().filter(|w| w.area == area.id) {
            savings = add(savings, w.amount)?;
            count += 1;
        }
        let percent = area.budget.and_then(|budget| percent(savings, budget));
        let after = area.budget.map(|budget| sub(budget, savings)).transpose()?;
        let below_minimum = matches!((after, area.statutory_minimum), (Some(a), Some(m)) if a < m);
        if let Some(budget) = area.budget {
            total_budget = add(total_budget, budget)?;
        }
        total_savings = add(total_savings, savings)?;
        areas.push(AreaSavings {
            id: area.id.clone(),
            name: area.name.clone(),
            funding: area.funding,
            budget: area.budget,
            savings,
            percent,
            percent_shown: percent.map(whole_percent),
            after,
            statutory_minimum: area.statutory_minimum,
            below_minimum,
            workstreams: count,
        });
    }
    let mut unassigned = Money::ZERO;
    for w in b.workstreams.iter().filter(|w| !b.areas.iter().any(|a| a.id == w.area)) {
        unassigned = add(unassigned, w.amount)?;
    }
    let total_percent = percent(total_savings, total_budget);
    Ok(SavingsTable {
        areas,
        total_budget,
        total_savings,
        total_percent,
        total_percent_shown: total_percent.map(whole_percent),
        unassigned,
    })
}

/// One year of the medium-term plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanYear {
    /// The financial year.
    pub year: String,
    /// Pressures arising this year, transport included.
    pub pressures: Money,
    /// Savings first delivered this year if every workstream delivers in full.
    pub savings_target: Money,
    /// Savings expected this year, weighted by delivery risk.
    pub savings_expected: Money,
    /// Pressures - target savings.
    pub gap_target: Money,
    /// Pressures - expected savings.
    pub gap_expected: Money,
    /// Running sum of `gap_target`.
    pub cumulative_target: Money,
    /// Running sum of `gap_expected`.
    pub cumulative_expected: Money,
}

/// One workstream's delivery by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkstreamPlan {
    /// Its name.
    pub name: String,
    /// Target by year.
    pub target: Vec<Money>,
    /// Expected by year.
    pub expected: Vec<Money>,
    /// Share of the saving phased, % (should be 100).
    #[serde(with = "csplan_model::dec")]
    pub phased: Decimal,
}

/// The medium-term plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// One row per plan year.
    pub years: Vec<PlanYear>,
    /// Each workstream's phasing.
    pub workstreams: Vec<WorkstreamPlan>,
    /// Total target savings over the plan.
    pub total_target: Money,
    /// Total expected savings over the plan.
    pub total_expected: Money,
    /// Target - expected: the savings at risk.
    pub at_risk: Money,
    /// Transport pressure by year, if modelled.
    pub transport: Option<TransportPlan>,
}

/// Each plan year's gap still to find after the savings expected (its pressures less the
/// savings expected after delivery risk), for a consultation to ask participants to
/// close: `(year, gap)` for the years with a gap, in order.
pub fn consultation_gaps(b: &Budget) -> Vec<(String, Money)> {
    plan(b)
        .map(|p| {
            p.years
                .into_iter()
                .filter(|y| y.gap_expected.value() > Decimal::ZERO)
                .map(|y| (y.year, y.gap_expected))
                .collect()
        })
        .unwrap_or_default()
}

/// The medium-term plan: pressures against phased savings, year by year. Money is to
/// the penny (halves up) after weighting by risk.
pub fn plan(b: &Budget) -> Result<Plan, CalcError> {
    let n = b.years.len();
    let transport = b.transport.as_ref().map(|t| transport(t, &b.years)).transpose()?;
    let mut pressures = vec![Money::ZERO; n];
    for p in &b.pressures {
        for (slot, amount) in pressures.iter_mut().zip(&p.amounts) {
            *slot = add(*slot, *amount)?;
        }
    }
    if let Some(t) = &transport {
        for (slot, year) in pressures.iter_mut().zip(&t.years) {
            *slot = add(*slot, year.pressure)?;
        }
    }
    let mut target = vec![Money::ZERO; n];
    let mut expected = vec![Money::ZERO; n];
    let mut workstreams = Vec::with_capacity(b.workstreams.len());
    for w in &b.workstreams {
        let share = b.delivery.of(w.risk);
        let mut wt = Vec::with_capacity(n);
        let mut we = Vec::with_capacity(n);
        let mut phased = Decimal::ZERO;
        for (i, phase) in w.phasing.iter().take(n).enumerate() {
            let t = ov(percent_of(w.amount, *phase))?.round_pence();
            let e = ov(percent_of(t, share))?.round_pence();
            phased = ov(phased.checked_add(phase.value()))?;
            if let (Some(ts), Some(es)) = (target.get_mut(i), expected.get_mut(i)) {
                *ts = add(*ts, t)?;
                *es = add(*es, e)?;
            }
            wt.push(t);
            we.push(e);
        }
        workstreams.push(WorkstreamPlan { name: w.name.clone(), target: wt, expected: we, phased });
    }
    let mut years = Vec::with_capacity(n);
    let (mut cum_t, mut cum_e) = (Money::ZERO, Money::ZERO);
    let (mut total_target, mut total_expected) = (Money::ZERO, Money::ZERO);
    for (i, year) in b.years.iter().enumerate() {
        let p = pressures.get(i).copied().unwrap_or(Money::ZERO);
        let t = target.get(i).copied().unwrap_or(Money::ZERO);
        let e = expected.get(i).copied().unwrap_or(Money::ZERO);
        let gap_target = sub(p, t)?;
        let gap_expected = sub(p, e)?;
        cum_t = add(cum_t, gap_target)?;
        cum_e = add(cum_e, gap_expected)?;
        total_target = add(total_target, t)?;
        total_expected = add(total_expected, e)?;
        years.push(PlanYear {
            year: year.clone(),
            pressures: p,
            savings_target: t,
            savings_expected: e,
            gap_target,
            gap_expected,
            cumulative_target: cum_t,
            cumulative_expected: cum_e,
        });
    }
    Ok(Plan {
        years,
        workstreams,
        total_target,
        total_expected,
        at_risk: sub(total_target, total_expected)?,
        transport,
    })
}

/// One year of home to school transport pressure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TransportYear {
    /// The financial year.
    pub year: String,
    /// New pressure this year (base adjustment, then growth a year).
    pub pressure: Money,
    /// Running total of the pressure.
    pub cumulative: Money,
    /// SEN travellers this year, from the drivers.
    #[serde(with = "csplan_model::dec::option")]
    pub travellers: Option<Decimal>,
    /// Unit cost this year, from the drivers (to the penny).
    pub unit_cost: Option<Money>,
    /// Travellers x unit cost (to the penny).
    pub driver_cost: Option<Money>,
    /// This year's driver cost less last year's (the first year against the cost now).
    pub driver_pressure: Option<Money>,
}

/// Home to school transport by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TransportPlan {
    /// One row per plan year.
    pub years: Vec<TransportYear>,
    /// Travellers x unit cost now (before the plan), if drivers are entered.
    pub driver_cost_now: Option<Money>,
}

fn grow(value: Decimal, rate: Rate) -> Option<Decimal> {
    value.checked_mul(hundred().checked_add(rate.value())?)?.checked_div(hundred())
}

/// Home to school transport: the base adjustment in the first year and growth a year
/// after; with drivers, travellers and unit cost grown by their own rates (compounded;
/// travellers to 2 places and unit cost to the penny each year, halves up) and their
/// product. The two views are side by side: the drivers show why the cost is rising,
/// the base and growth are what the budget adds.
pub fn transport(t: &Transport, years: &[String]) -> Result<TransportPlan, CalcError> {
    let mut rows = Vec::with_capacity(years.len());
    let mut cumulative = Money::ZERO;
    let now =
        t.drivers.as_ref().map(|d| ov(d.unit_cost.checked_times(d.travellers)).map(Money::round_pence)).transpose()?;
    let mut state = t.drivers.as_ref().map(|d| (d.travellers, d.unit_cost.value()));
    let mut last_cost = now;
    for (i, year) in years.iter().enumerate() {
        let pressure = if i == 0 { t.base_adjustment } else { t.growth_a_year };
        cumulative = add(cumulative, pressure)?;
        let (mut travellers, mut unit_cost, mut driver_cost, mut driver_pressure) = (None, None, None, None);
        if let (Some(d), Some((tr, uc))) = (&t.drivers, state) {
            let tr = ov(grow(tr, d.traveller_growth))?.round_dp_with_strategy(2, HALF_UP);
            let uc = ov(grow(uc, d.unit_cost_growth))?.round_dp_with_strategy(2, HALF_UP);
            let cost = ov(Money::new(uc).checked_times(tr))?.round_pence();
            driver_pressure = last_cost.map(|l| sub(cost, l)).transpose()?;
            last_cost = Some(cost);
            state = Some((tr, uc));
            travellers = Some(tr);
            unit_cost = Some(Money::new(uc));
            driver_cost = Some(cost);
        }
        rows.push(TransportYear {
            year: year.clone(),
            pressure,
            cumulative,
            travellers,
            unit_cost,
            driver_cost,
            driver_pressure,
        });
    }
    Ok(TransportPlan { years: rows, driver_cost_now: now })
}

/// Everything for the budget section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BudgetReport {
    /// Savings by area.
    pub savings: SavingsTable,
    /// The medium-term plan.
    pub plan: Plan,
}

/// The budget section's results, if the scenario has one.
pub fn budget(s: &csplan_model::Scenario) -> Result<Option<BudgetReport>, CalcError> {
    let Some(b) = &s.budget else { return Ok(None) };
    Ok(Some(BudgetReport { savings: savings_table(b)?, plan: plan(b)? }))
}
