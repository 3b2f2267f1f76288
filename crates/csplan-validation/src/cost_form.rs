//! The cost of care as typed text: placement lines and budget groups, budget history, and
//! an invest-to-save case (see [`crate::form`] for the idea). Paths match
//! [`crate::validate`]'s, so a problem found after reading lands on the field it is about.

use csplan_model::fmt::plain;
use csplan_model::{
    BudgetGroup, BudgetYear, Decimal, InvestToSave, Money, PlacementChange, PlacementKind, PlacementLine, Placements,
    Rate, UnitCost,
};

use crate::workforce_form::FieldReader;
use crate::Problem;

/// The placements section as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlacementsForm {
    /// Placement lines.
    pub lines: Vec<LineForm>,
    /// Budgets shared by several lines.
    pub budget_groups: Vec<GroupForm>,
    /// Weeks in a year, for weekly unit costs.
    pub weeks_per_year: String,
    /// Inflation a year, %.
    pub inflation: String,
    /// Years to forecast.
    pub years: String,
    /// Changes to the mix of placements.
    pub changes: Vec<ChangeForm>,
}

/// A change to the placement mix as typed: `number` more (or fewer, if negative) children
/// in line `line`, or `number` children moved from line `line` to line `to`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeForm {
    /// The line children are added to, or moved from.
    pub line: usize,
    /// The line they move to, if it is a move.
    pub to: Option<usize>,
    /// How many children.
    pub number: String,
}

/// One placement line as typed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineForm {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: PlacementKind,
    /// Average number over the year.
    pub number: String,
    /// True when the unit cost is a week's, false for a year's.
    pub weekly: bool,
    /// Unit cost.
    pub unit_cost: String,
    /// The published forecast, when the source gives one (blank: calculated).
    pub forecast: String,
    /// The line's own budget (blank: none, or its group's).
    pub budget: String,
    /// The id of the budget group it shares (blank: none).
    pub group: String,
}

/// A shared budget as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupForm {
    /// Short id lines refer to.
    pub id: String,
    /// Name.
    pub name: String,
    /// Budget.
    pub budget: String,
}

/// One year of budget history as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BudgetYearForm {
    /// Financial year, like 2016/17.
    pub year: String,
    /// Budget.
    pub budget: String,
    /// Spend (outturn).
    pub spend: String,
}

/// An invest-to-save case as typed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvestForm {
    /// What is invested in.
    pub name: String,
    /// Cost a year.
    pub cost_per_year: String,
    /// One-off cost in year 1.
    pub one_off: String,
    /// Years it runs.
    pub years: String,
    /// Cost of one placement avoided, a year.
    pub avoided_unit_cost: String,
    /// Placements avoided in each year.
    pub avoided_per_year: Vec<String>,
    /// Delivery risk, %.
    pub delivery_risk: String,
    /// Discount rate, %.
    pub discount_rate: String,
}

fn money_text(m: Money) -> String {
    plain(m.value())
}

impl PlacementsForm {
    /// The form showing a placements section as a person would type it.
    pub fn from_placements(p: &Placements) -> Self {
        Self {
            lines: p
                .lines
                .iter()
                .map(|l| {
                    let (weekly, unit) = match l.unit_cost {
                        UnitCost::Annual(m) => (false, m),
                        UnitCost::Weekly(m) => (true, m),
                    };
                    LineForm {
                        name: l.name.clone(),
                        kind: l.kind,
                        number: plain(l.number),
                        weekly,
                        unit_cost: money_text(unit),
                        forecast: l.forecast.map(money_text).unwrap_or_default(),
                        budget: l.budget.map(money_text).unwrap_or_default(),
                        group: l.group.clone().unwrap_or_default(),
                    }
                })
                .collect(),
            budget_groups: p
                .budget_groups
                .iter()
                .map(|g| GroupForm { id: g.id.clone(), name: g.name.clone(), budget: money_text(g.budget) })
                .collect(),
            weeks_per_year: plain(p.weeks_per_year),
            inflation: plain(p.inflation.value()),
            years: p.years.to_string(),
            changes: p.changes.iter().map(|c| ChangeForm { line: c.line, to: c.to, number: plain(c.number) }).collect(),
        }
    }

    /// A new section: one blank line, 52 weeks, no inflation, one year.
    pub fn new_section() -> Self {
        let mut p =
            Self::from_placements(&Placements { weeks_per_year: Decimal::from(52), years: 1, ..Placements::default() });
        p.add_line();
        p
    }

    /// Adds a blank line (in-house foster care, an annual cost) and returns its index.
    pub fn add_line(&mut self) -> usize {
        self.lines.push(LineForm {
            name: String::new(),
            kind: PlacementKind::InHouseFoster,
            number: String::new(),
            weekly: false,
            unit_cost: String::new(),
            forecast: String::new(),
            budget: String::new(),
            group: String::new(),
        });
        self.lines.len() - 1
    }

    /// Removes line `i`, and any mix change that refers to it.
    pub fn remove_line(&mut self, i: usize) {
        if i >= self.lines.len() {
            return;
        }
        self.lines.remove(i);
        self.changes.retain(|c| c.line != i && c.to != Some(i));
        let shift = |n: usize| if n > i { n - 1 } else { n };
        for c in &mut self.changes {
            c.line = shift(c.line);
            c.to = c.to.map(shift);
        }
    }

    /// Reads every field, recording a problem for each that cannot be read.
    pub(crate) fn read(&self, problems: &mut Vec<Problem>) -> Placements {
        let mut r = FieldReader { problems };
        let lines = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let p = |f: &str| format!("placements.lines[{i}].{f}");
                let name = l.name.trim();
                let label = if name.is_empty() { format!("line {}", i + 1) } else { name.to_string() };
                let of = |subject: &str| format!("{subject} for {label}");
                let unit = Money::new(r.required(
                    &p("unit_cost"),
                    &l.unit_cost,
                    &of("The unit cost"),
                    "an amount in pounds, like 163,560",
                ));
                PlacementLine {
                    name: name.to_string(),
                    kind: l.kind,
                    number: r.required(&p("number"), &l.number, &of("The number of placements"), "a number, like 17.1"),
                    unit_cost: if l.weekly { UnitCost::Weekly(unit) } else { UnitCost::Annual(unit) },
                    forecast: r
                        .optional(
                            &p("forecast"),
                            &l.forecast,
                            &of("The forecast"),
                            "an amount in pounds, like 2,796,000",
                        )
                        .map(Money::new),
                    budget: r
                        .optional(&p("budget"), &l.budget, &of("The budget"), "an amount in pounds, like 1,900,000")
                        .map(Money::new),
                    group: Some(l.group.trim().to_string()).filter(|g| !g.is_empty()),
                }
            })
            .collect();
        let budget_groups = self
            .budget_groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let name = g.name.trim();
                BudgetGroup {
                    id: g.id.trim().to_string(),
                    name: name.to_string(),
                    budget: Money::new(r.required(
                        &format!("placements.budget_groups[{i}].budget"),
                        &g.budget,
                        &format!("The budget for {}", if name.is_empty() { "this group" } else { name }),
                        "an amount in pounds, like 2,100,000",
                    )),
                }
            })
            .collect();
        Placements {
            lines,
            budget_groups,
            weeks_per_year: r.required(
                "placements.weeks_per_year",
                &self.weeks_per_year,
                "The weeks in a year",
                "a number, like 52 or 52.14",
            ),
            changes: self
                .changes
                .iter()
                .enumerate()
                .map(|(j, c)| PlacementChange {
                    line: c.line,
                    to: c.to,
                    number: r.required(
                        &format!("placements.changes[{j}].number"),
                        &c.number,
                        &format!("The number of children in change {}", j + 1),
                        "a number, like 10 (or -2 for fewer)",
                    ),
                })
                .collect(),
            inflation: Rate::new(r.or_zero(
                "placements.inflation",
                &self.inflation,
                "Inflation",
                "a percentage, like 3",
            )),
            years: r.whole("placements.years", &self.years, "The years to forecast", "like 3"),
        }
    }
}

impl BudgetYearForm {
    /// Each year of a budget history as typed text.
    pub fn from_years(years: &[BudgetYear]) -> Vec<Self> {
        years
            .iter()
            .map(|y| Self { year: y.year.clone(), budget: money_text(y.budget), spend: money_text(y.spend) })
            .collect()
    }

    pub(crate) fn read_all(rows: &[Self], problems: &mut Vec<Problem>) -> Vec<BudgetYear> {
        let mut r = FieldReader { problems };
        rows.iter()
            .enumerate()
            .map(|(i, y)| {
                let year = y.year.trim();
                let label = if year.is_empty() { format!("row {}", i + 1) } else { year.to_string() };
                BudgetYear {
                    year: year.to_string(),
                    budget: Money::new(r.required(
                        &format!("budget_history[{i}].budget"),
                        &y.budget,
                        &format!("The budget for {label}"),
                        "an amount in pounds, like 8,693,750",
                    )),
                    spend: Money::new(r.required(
                        &format!("budget_history[{i}].spend"),
                        &y.spend,
                        &format!("The spend for {label}"),
                        "an amount in pounds, like 9,561,000",
                    )),
                }
            })
            .collect()
    }
}

impl InvestForm {
    /// An invest-to-save case as typed text.
    pub fn from_case(i: &InvestToSave) -> Self {
        Self {
            name: i.name.clone(),
            cost_per_year: money_text(i.cost_per_year),
            one_off: money_text(i.one_off),
            years: i.years.to_string(),
            avoided_unit_cost: money_text(i.avoided_unit_cost),
            avoided_per_year: i.avoided_per_year.iter().map(|a| plain(*a)).collect(),
            delivery_risk: plain(i.delivery_risk.value()),
            discount_rate: plain(i.discount_rate.value()),
        }
    }

    pub(crate) fn read(&self, problems: &mut Vec<Problem>) -> InvestToSave {
        let mut r = FieldReader { problems };
        let p = |f: &str| format!("invest_to_save.{f}");
        InvestToSave {
            name: self.name.trim().to_string(),
            cost_per_year: Money::new(r.required(
                &p("cost_per_year"),
                &self.cost_per_year,
                "The cost a year",
                "an amount in pounds, like 499,000",
            )),
            one_off: Money::new(r.or_zero(
                &p("one_off"),
                &self.one_off,
                "The one-off cost",
                "an amount in pounds, like 0",
            )),
            years: r.whole(&p("years"), &self.years, "The years it runs", "like 5"),
            avoided_unit_cost: Money::new(r.required(
                &p("avoided_unit_cost"),
                &self.avoided_unit_cost,
                "The cost of a placement avoided",
                "an amount in pounds, like 163,560",
            )),
            avoided_per_year: self
                .avoided_per_year
                .iter()
                .enumerate()
                .map(|(j, a)| {
                    r.or_zero(
                        &format!("invest_to_save.avoided_per_year[{j}]"),
                        a,
                        &format!("Placements avoided in year {}", j + 1),
                        "a number, like 4",
                    )
                })
                .collect(),
            delivery_risk: Rate::new(r.or_zero(
                &p("delivery_risk"),
                &self.delivery_risk,
                "The delivery risk",
                "a percentage, like 20",
            )),
            discount_rate: Rate::new(r.required(
                &p("discount_rate"),
                &self.discount_rate,
                "The discount rate",
                "a percentage, like 3.5",
            )),
        }
    }
}
