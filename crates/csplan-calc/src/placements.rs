//! Placements: forecast and deficit by line, budget group and in total; budget history;
//! invest-to-save (break-even placements, payback year, net present value).
//!
//! ```text
//! annual unit cost = unit cost a year, or a week x weeks per year
//! forecast         = average number x annual unit cost (to the penny), or the forecast as
//!                    published when the source rounded its unit cost
//! deficit          = forecast - budget (negative is an underspend), per line with its own
//!                    budget, per budget group, and in total
//! budget history   = spend - budget, as % of budget and as % of spend
//! break-even       = cost a year / cost of one placement avoided, then up to whole placements
//! ```

use csplan_model::fmt::short;
use csplan_model::{Decimal, InvestToSave, Money, PlacementKind, Placements, Rate, Scenario, UnitCost};
use serde::Serialize;

use crate::{add, ov, sub, CalcError};

/// One placement line's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineResult {
    /// The line's name.
    pub name: String,
    /// Its kind.
    pub kind: PlacementKind,
    /// Average number over the year.
    #[serde(with = "csplan_model::dec")]
    pub number: Decimal,
    /// Cost of one placement for a year.
    pub annual_unit_cost: Money,
    /// Number x annual unit cost, to the penny.
    pub calculated: Money,
    /// The forecast used: as published if given, else the calculated one.
    pub forecast: Money,
    /// True when the forecast is the published figure.
    pub forecast_given: bool,
    /// The line's own budget.
    pub budget: Option<Money>,
    /// Forecast - own budget.
    pub deficit: Option<Money>,
    /// The budget group it belongs to.
    pub group: Option<String>,
    /// How the forecast was reached.
    pub explanation: String,
}

impl LineResult {
    /// How the deficit is reached: "£1,200,000 forecast - £1,000,000 budget = £200,000".
    pub fn deficit_working(&self) -> Option<String> {
        Some(deficit_words(self.forecast, self.budget?, self.deficit?))
    }
}

fn deficit_words(forecast: Money, budget: Money, deficit: Money) -> String {
    let under = if deficit.value().is_sign_negative() { ", an underspend" } else { "" };
    format!(
        "{} forecast - {} budget = {}{under}",
        forecast.display_pounds(),
        budget.display_pounds(),
        deficit.display_pounds()
    )
}

impl PlacementsReport {
    /// How group `g`'s forecast is reached: its lines' forecasts added.
    pub fn group_forecast_working(&self, g: &GroupResult) -> String {
        let parts = self
            .lines
            .iter()
            .filter(|l| l.group.as_deref() == Some(g.id.as_str()))
            .map(|l| format!("{} {}", l.name, l.forecast.display_pounds()))
            .collect::<Vec<_>>();
        format!("the forecasts of the lines sharing it added: {} = {}", parts.join(" + "), g.forecast.display_pounds())
    }

    /// How group `g`'s deficit is reached.
    pub fn group_deficit_working(g: &GroupResult) -> String {
        deficit_words(g.forecast, g.budget, g.deficit)
    }

    /// How the total forecast is reached: every line's forecast added.
    pub fn total_forecast_working(&self) -> String {
        format!("every line's forecast added ({} lines) = {}", self.lines.len(), self.total_forecast.display_pounds())
    }

    /// How the total deficit is reached.
    pub fn total_deficit_working(&self) -> String {
        deficit_words(self.total_forecast, self.total_budget, self.total_deficit)
    }
}

/// A budget shared by several lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupResult {
    /// Group id.
    pub id: String,
    /// Group name.
    pub name: String,
    /// The lines in it.
    pub lines: Vec<String>,
    /// Sum of their forecasts.
    pub forecast: Money,
    /// The shared budget.
    pub budget: Money,
    /// Forecast - budget.
    pub deficit: Money,
}

/// Everything for the placements section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlacementsReport {
    /// Each line.
    pub lines: Vec<LineResult>,
    /// Each budget group.
    pub groups: Vec<GroupResult>,
    /// Sum of the lines' forecasts.
    pub total_forecast: Money,
    /// Lines' own budgets plus the groups' budgets.
    pub total_budget: Money,
    /// Total forecast - total budget.
    pub total_deficit: Money,
}

pub(crate) fn annual(unit: UnitCost, weeks: Decimal) -> Result<Money, CalcError> {
    match unit {
        UnitCost::Annual(m) => Ok(m),
        UnitCost::Weekly(m) => ov(m.checked_times(weeks)),
    }
}

/// Forecast and deficit by line, group and in total.
pub fn placements(p: &Placements) -> Result<PlacementsReport, CalcError> {
    let mut lines = Vec::with_capacity(p.lines.len());
    let (mut total_forecast, mut total_budget) = (Money::ZERO, Money::ZERO);
    for line in &p.lines {
        let unit = annual(line.unit_cost, p.weeks_per_year)?;
        let calculated = ov(unit.checked_times(line.number))?.round_pence();
        let forecast = line.forecast.unwrap_or(calculated);
        let deficit = line.budget.map(|b| sub(forecast, b)).transpose()?;
        let weekly = match line.unit_cost {
            UnitCost::Weekly(w) => format!(" ({} a week x {} weeks)", w.display_pence(), short(p.weeks_per_year, 2)),
            UnitCost::Annual(_) => String::new(),
        };
        let explanation = match line.forecast {
            Some(given) => format!(
                "{} x {}{weekly} = {}; the published forecast {} is used, because the published unit cost is rounded",
                short(line.number, 2),
                unit.display_pounds(),
                calculated.display_pounds(),
                given.display_pounds()
            ),
            None => format!(
                "{} x {}{weekly} = {}",
                short(line.number, 2),
                unit.display_pounds(),
                calculated.display_pounds()
            ),
        };
        total_forecast = add(total_forecast, forecast)?;
        if let Some(b) = line.budget {
            total_budget = add(total_budget, b)?;
        }
        lines.push(LineResult {
            name: line.name.clone(),
            kind: line.kind,
            number: line.number,
            annual_unit_cost: unit,
            calculated,
            forecast,
            forecast_given: line.forecast.is_some(),
            budget: line.budget,
            deficit,
            group: line.group.clone(),
            explanation,
        });
    }
    let mut groups = Vec::with_capacity(p.budget_groups.len());
    for g in &p.budget_groups {
        let members: Vec<&LineResult> = lines.iter().filter(|l| l.group.as_deref() == Some(g.id.as_str())).collect();
        let forecast = members.iter().try_fold(Money::ZERO, |acc, l| add(acc, l.forecast))?;
        total_budget = add(total_budget, g.budget)?;
        groups.push(GroupResult {
            id: g.id.clone(),
            name: g.name.clone(),
            lines: members.iter().map(|l| l.name.clone()).collect(),
            forecast,
            budget: g.budget,
            deficit: sub(forecast, g.budget)?,
        });
    }
    Ok(PlacementsReport {
        lines,
        groups,
        total_forecast,
        total_budget,
        total_deficit: sub(total_forecast, total_budget)?,
    })
}

/// One year of budget history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BudgetYearResult {
    /// Financial year.
    pub year: String,
    /// Budget.
    pub budget: Money,
    /// Spend.
    pub spend: Money,
    /// Spend - budget (an overspend is positive).
    pub deficit: Money,
    /// Deficit as a percentage of the budget, unrounded (Portsmouth's measure).
    pub percent_of_budget: Option<Rate>,
    /// Deficit as a percentage of the spend, unrounded.
    pub percent_of_spend: Option<Rate>,
}

fn percent(part: Money, whole: Money) -> Option<Rate> {
    if whole.value() <= Decimal::ZERO {
        return None;
    }
    part.value().checked_div(whole.value())?.checked_mul(Decimal::ONE_HUNDRED).map(Rate::new)
}

/// Budget against spend, year by year.
pub fn budget_history(years: &[csplan_model::BudgetYear]) -> Result<Vec<BudgetYearResult>, CalcError> {
    years
        .iter()
        .map(|y| {
            let deficit = sub(y.spend, y.budget)?;
            Ok(BudgetYearResult {
                year: y.year.clone(),
                budget: y.budget,
                spend: y.spend,
                deficit,
                percent_of_budget: percent(deficit, y.budget),
                percent_of_spend: percent(deficit, y.spend),
            })
        })
        .collect()
}

/// One year of an invest-to-save case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InvestYear {
    /// Year 1, 2, ...
    pub year: u32,
    /// Cost that year (one-off in year 1 plus the yearly cost).
    pub cost: Money,
    /// Placements avoided that year.
    #[serde(with = "csplan_model::dec")]
    pub avoided: Decimal,
    /// Savings if every avoided placement is delivered.
    pub gross_saving: Money,
    /// Savings after the delivery risk.
    pub expected_saving: Money,
    /// Expected saving - cost.
    pub net: Money,
    /// Running total of net.
    pub cumulative: Money,
    /// Net discounted to year 1 (year 1 is not discounted, as in the Green Book).
    pub discounted: Money,
}

/// An invest-to-save case worked out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InvestResult {
    /// Cost a year: as given, or posts x cost per post to the penny (halves up).
    pub cost_per_year: Money,
    /// Annual cost of a placement avoided: as given, a week's x weeks in a year, or a
    /// placement line's annual unit cost.
    pub avoided_unit_cost: Money,
    /// Cost a year / cost of one placement avoided, exact.
    #[serde(with = "csplan_model::dec")]
    pub break_even: Decimal,
    /// Placements a year that must be avoided to pay for it: break-even rounded up.
    #[serde(with = "csplan_model::dec")]
    pub break_even_placements: Decimal,
    /// Each year.
    pub years: Vec<InvestYear>,
    /// The first year the cumulative net is at or above zero.
    pub payback_year: Option<u32>,
    /// Net present value: sum of discounted net, to the penny.
    pub npv: Money,
    /// "£499,000 / £163,560 = 3.05 placements a year, so 4".
    pub explanation: String,
}

/// Pounds as given: to the pound when whole, else to the penny.
fn as_given(m: Money) -> String {
    if m.value().fract().is_zero() {
        m.display_pounds()
    } else {
        m.display_pence()
    }
}

/// Weeks in a year where no placements section says: 52.
const WEEKS: i64 = 52;

/// The cost a year (as given, or posts x cost per post to the penny, halves up), with the
/// working when it is worked out.
fn invest_cost(i: &InvestToSave) -> Result<(Money, Option<String>), CalcError> {
    match (i.cost_per_year, i.posts, i.cost_per_post) {
        (Some(c), _, _) => Ok((c, None)),
        (None, Some(posts), Some(per)) => {
            let cost = ov(per.checked_times(posts))?.round_pence();
            Ok((cost, Some(format!("{} posts x {} = {} a year", short(posts, 2), as_given(per), as_given(cost)))))
        }
        _ => Err(CalcError::NoTarget),
    }
}

/// The annual cost of a placement avoided, with the working when it is worked out: as
/// given, a week's x the placements' weeks in a year (52 without placements), or the
/// annual unit cost of placement line `avoided_line`.
fn avoided_cost(i: &InvestToSave, p: Option<&Placements>) -> Result<(Money, Option<String>), CalcError> {
    let weeks = p.map_or(Decimal::from(WEEKS), |p| p.weeks_per_year);
    match (i.avoided_unit_cost, i.avoided_weekly_cost, i.avoided_line) {
        (Some(a), _, _) => Ok((a, None)),
        (None, Some(w), _) => {
            let a = ov(w.checked_times(weeks))?;
            Ok((a, Some(format!("{} a week x {} weeks = {} a year", as_given(w), short(weeks, 2), as_given(a)))))
        }
        (None, None, Some(line)) => {
            let l = p.and_then(|p| p.lines.get(line)).ok_or(CalcError::NoTarget)?;
            let a = annual(l.unit_cost, weeks)?;
            Ok((a, Some(format!("a placement in {} costs {} a year", l.name, a.display_pounds()))))
        }
        (None, None, None) => Err(CalcError::NoTarget),
    }
}

/// Break-even, year-by-year net saving, payback year and NPV, for a case whose costs are
/// given as figures (see [`invest_to_save_in`] for one that takes a placement line's).
pub fn invest_to_save(i: &InvestToSave) -> Result<InvestResult, CalcError> {
    invest_to_save_in(i, None)
}

/// Break-even, year-by-year net saving, payback year and NPV, with the placements that a
/// placement avoided may be costed from.
pub fn invest_to_save_in(i: &InvestToSave, placements: Option<&Placements>) -> Result<InvestResult, CalcError> {
    let (cost_per_year, cost_working) = invest_cost(i)?;
    let (avoided_unit_cost, avoided_working) = avoided_cost(i, placements)?;
    let unit = avoided_unit_cost.value();
    if unit <= Decimal::ZERO {
        return Err(CalcError::NoTarget);
    }
    let break_even = ov(cost_per_year.value().checked_div(unit))?;
    let break_even_placements = break_even.ceil();
    let delivered = ov(Decimal::ONE.checked_sub(ov(i.delivery_risk.value().checked_div(Decimal::ONE_HUNDRED))?))?;
    let growth = ov(Decimal::ONE.checked_add(ov(i.discount_rate.value().checked_div(Decimal::ONE_HUNDRED))?))?;
    let mut years = Vec::with_capacity(i.years as usize);
    let (mut cumulative, mut npv, mut factor) = (Money::ZERO, Money::ZERO, Decimal::ONE);
    let mut payback_year = None;
    for year in 1..=i.years {
        let avoided =
            i.avoided_per_year.get(year as usize - 1).or(i.avoided_per_year.last()).copied().unwrap_or(Decimal::ZERO);
        let cost = if year == 1 { add(cost_per_year, i.one_off)? } else { cost_per_year };
        let gross_saving = ov(avoided_unit_cost.checked_times(avoided))?;
        let expected_saving = ov(gross_saving.checked_times(delivered))?.round_pence();
        let net = sub(expected_saving, cost)?;
        cumulative = add(cumulative, net)?;
        let discounted = Money::new(ov(net.value().checked_div(factor))?);
        npv = add(npv, discounted)?;
        factor = ov(factor.checked_mul(growth))?;
        if payback_year.is_none() && !cumulative.is_negative() {
            payback_year = Some(year);
        }
        years.push(InvestYear {
            year,
            cost,
            avoided,
            gross_saving,
            expected_saving,
            net,
            cumulative,
            discounted: discounted.round_pence(),
        });
    }
    let workings: Vec<String> = [cost_working, avoided_working].into_iter().flatten().collect();
    let explanation = format!(
        "{}{} / {} = {} placements a year, so {} to break even",
        workings.iter().map(|w| format!("{w}; ")).collect::<String>(),
        cost_per_year.display_pounds(),
        avoided_unit_cost.display_pounds(),
        short(break_even, 2),
        short(break_even_placements, 0)
    );
    Ok(InvestResult {
        cost_per_year,
        avoided_unit_cost,
        break_even,
        break_even_placements,
        years,
        payback_year,
        npv: npv.round_pence(),
        explanation,
    })
}

/// Placements, budget history and invest-to-save for a scenario, where it has them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CostOfCare {
    /// The placements section's figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placements: Option<PlacementsReport>,
    /// Budget history.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub budget_history: Vec<BudgetYearResult>,
    /// Invest-to-save.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invest_to_save: Option<InvestResult>,
    /// Changes to the placement mix and the forecast by year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mix: Option<MixReport>,
}

/// Everything about the cost of care in a scenario.
pub fn cost_of_care(s: &Scenario) -> Result<CostOfCare, CalcError> {
    let report = s.placements.as_ref().map(placements).transpose()?;
    let mix = match (&s.placements, &report) {
        (Some(p), Some(r)) => Some(mix(p, r)?),
        _ => None,
    };
    Ok(CostOfCare {
        mix,
        placements: report,
        budget_history: budget_history(&s.budget_history)?,
        invest_to_save: s.invest_to_save.as_ref().map(|i| invest_to_save_in(i, s.placements.as_ref())).transpose()?,
    })
}

/// What one change to the placement mix does to the annual cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangeResult {
    /// "10 more External residential" or "3 from IFAs to In-house foster care".
    pub description: String,
    /// Change in the annual forecast (positive costs more).
    pub cost_change: Money,
}

/// The forecast in one year, with inflation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearForecast {
    /// Year 1, 2, ...
    pub year: u32,
    /// Total forecast with the changes, grown by inflation for each year after the first.
    pub forecast: Money,
}

/// The changes tested and the forecast by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MixReport {
    /// Each change.
    pub changes: Vec<ChangeResult>,
    /// Total forecast with every change made.
    pub changed_forecast: Money,
    /// The changed forecast year by year with inflation.
    pub years: Vec<YearForecast>,
}

/// The cost of each change (number x annual unit cost, or number x the difference between
/// the two lines' unit costs for a move), the changed total, and later years with inflation.
pub fn mix(p: &Placements, base: &PlacementsReport) -> Result<MixReport, CalcError> {
    let mut changes = Vec::with_capacity(p.changes.len());
    let mut changed = base.total_forecast;
    for c in &p.changes {
        let from = base.lines.get(c.line).ok_or(CalcError::NoCases)?;
        let (description, per_child) = match c.to.map(|t| base.lines.get(t)) {
            Some(Some(to)) => (
                format!("{} from {} to {}", short(c.number, 2), from.name, to.name),
                sub(to.annual_unit_cost, from.annual_unit_cost)?,
            ),
            Some(None) => return Err(CalcError::NoCases),
            None => {
                let verb = if c.number.is_sign_negative() { "fewer" } else { "more" };
                (format!("{} {verb} {}", short(c.number.abs(), 2), from.name), from.annual_unit_cost)
            }
        };
        let cost_change = ov(per_child.checked_times(c.number))?.round_pence();
        changed = add(changed, cost_change)?;
        changes.push(ChangeResult { description, cost_change });
    }
    let growth = ov(Decimal::ONE.checked_add(ov(p.inflation.value().checked_div(Decimal::ONE_HUNDRED))?))?;
    let mut years = Vec::with_capacity(p.years as usize);
    let mut amount = changed;
    for year in 1..=p.years.max(1) {
        if year > 1 {
            amount = ov(amount.checked_times(growth))?.round_pence();
        }
        years.push(YearForecast { year, forecast: amount });
    }
    Ok(MixReport { changes, changed_forecast: changed, years })
}
