//! The cost of care as typed text: placement lines and budget groups, budget history, and
//! an invest-to-save case (see [`crate::form`] for the idea). Paths match
//! [`crate::validate`]'s, so a problem found after reading lands on the field it is about.

use csplan_model::fmt::plain;
use csplan_model::{
    BudgetGroup, BudgetYear, Decimal, InvestToSave, Money, PlacementChange, PlacementKind, PlacementLine, Placements,
    Rate, UnitCost,
};

use crate::fields::{label, Field, Info, Item, List, Member, Path, Reader, Texts, Unit, Walk};

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

    /// Removes shared budget `i`; the lines that shared it keep no shared budget (they
    /// would otherwise point at a budget that is not there).
    pub fn remove_group(&mut self, i: usize) {
        if i >= self.budget_groups.len() {
            return;
        }
        let removed = self.budget_groups.remove(i);
        let id = removed.id.trim();
        if !self.budget_groups.iter().any(|g| g.id.trim() == id) {
            for l in self.lines.iter_mut().filter(|l| l.group.trim() == id) {
                l.group.clear();
            }
        }
    }

    /// Adds a blank shared budget and returns its index.
    pub fn add_group(&mut self) -> usize {
        self.budget_groups.push(GroupForm::default());
        self.budget_groups.len() - 1
    }

    /// Adds a change of nothing yet to the first line and returns its index.
    pub fn add_change(&mut self) -> usize {
        self.changes.push(ChangeForm { line: 0, to: None, number: String::new() });
        self.changes.len() - 1
    }

    /// Removes change `j`, if there is one.
    pub fn remove_change(&mut self, j: usize) {
        if j < self.changes.len() {
            self.changes.remove(j);
        }
    }

    /// Reads every field, recording a problem for each that cannot be read.
    pub(crate) fn read(&self, r: &mut Reader) -> Placements {
        let at = Path::root("placements");
        let lines = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let at = at.at("lines", i);
                let of = label(&l.name, "line", i);
                let unit = Money::new(r.get(&at, &LineForm::UNIT_COST, l, &of));
                PlacementLine {
                    name: l.name.trim().to_string(),
                    kind: l.kind,
                    number: r.get(&at, &LineForm::NUMBER, l, &of),
                    unit_cost: if l.weekly { UnitCost::Weekly(unit) } else { UnitCost::Annual(unit) },
                    forecast: r.opt(&at, &LineForm::FORECAST, l, &of).map(Money::new),
                    budget: r.opt(&at, &LineForm::BUDGET, l, &of).map(Money::new),
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
                let of = if name.is_empty() { "this group" } else { name };
                BudgetGroup {
                    id: g.id.trim().to_string(),
                    name: name.to_string(),
                    budget: Money::new(r.get(&at.at("budget_groups", i), &GroupForm::BUDGET, g, of)),
                }
            })
            .collect();
        Placements {
            lines,
            budget_groups,
            weeks_per_year: r.get(&at, &Self::WEEKS_PER_YEAR, self, ""),
            changes: self
                .changes
                .iter()
                .enumerate()
                .map(|(j, c)| PlacementChange {
                    line: c.line,
                    to: c.to,
                    number: r.get(&at.at("changes", j), &ChangeForm::NUMBER, c, &label("", "change", j)),
                })
                .collect(),
            inflation: Rate::new(r.get(&at, &Self::INFLATION, self, "")),
            years: r.whole(&at, &Self::YEARS, self, ""),
        }
    }
}

impl PlacementsForm {
    /// Weeks in a year.
    pub const WEEKS_PER_YEAR: Field<Self> = Field::text(
        Info::new("weeks_per_year", "Weeks in a year", Unit::Count)
            .hint("Weekly unit costs are multiplied by this")
            .subject("the weeks in a year")
            .example("52 or 52.14")
            .width(4),
        |p| &p.weeks_per_year,
        |p| &mut p.weeks_per_year,
    );
    /// Inflation a year.
    pub const INFLATION: Field<Self> = Field::text(
        Info::new("inflation", "Inflation a year", Unit::Rate).or_zero().subject("inflation").example("3").row(1),
        |p| &p.inflation,
        |p| &mut p.inflation,
    );
    /// Years to forecast.
    pub const YEARS: Field<Self> = Field::text(
        Info::new("years", "Forecast for", Unit::Whole)
            .subject("the years to forecast")
            .example("3")
            .suffix("years")
            .row(1),
        |p| &p.years,
        |p| &mut p.years,
    );
}

impl Item for PlacementsForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::List(List {
            key: "lines",
            len: |p| p.lines.len(),
            get: |p, i| p.lines.get(i).map(|l| l as &dyn Walk),
            get_mut: |p, i| p.lines.get_mut(i).map(|l| l as &mut dyn Walk),
            push: |p| {
                p.add_line();
            },
        }),
        Member::List(List {
            key: "budget_groups",
            len: |p| p.budget_groups.len(),
            get: |p, i| p.budget_groups.get(i).map(|l| l as &dyn Walk),
            get_mut: |p, i| p.budget_groups.get_mut(i).map(|l| l as &mut dyn Walk),
            push: |p| {
                p.add_group();
            },
        }),
        Member::Field(Self::WEEKS_PER_YEAR),
        Member::Field(Self::INFLATION),
        Member::Field(Self::YEARS),
        Member::List(List {
            key: "changes",
            len: |p| p.changes.len(),
            get: |p, i| p.changes.get(i).map(|l| l as &dyn Walk),
            get_mut: |p, i| p.changes.get_mut(i).map(|l| l as &mut dyn Walk),
            push: |p| {
                p.add_change();
            },
        }),
    ];
}

impl LineForm {
    /// Name.
    pub const NAME: Field<Self> =
        Field::text(Info::new("name", "Name", Unit::Text).width(66), |l| &l.name, |l| &mut l.name);
    /// Kind of placement.
    pub const KIND: Field<Self> = Field::choice(
        Info::new("kind", "Type of placement", Unit::Choice),
        |l| l.kind.id().to_string(),
        |l, v| PlacementKind::from_id(v).map(|k| l.kind = k).is_some(),
    );
    /// Number of children.
    pub const NUMBER: Field<Self> = Field::text(
        Info::new("number", "Number of children", Unit::Count)
            .hint("Average over the year")
            .subject("the number of placements for {}")
            .example("17.1")
            .row(1),
        |l| &l.number,
        |l| &mut l.number,
    );
    /// Unit cost.
    pub const UNIT_COST: Field<Self> = Field::text(
        Info::new("unit_cost", "Unit cost", Unit::Money).subject("the unit cost for {}").example("163,560").row(1),
        |l| &l.unit_cost,
        |l| &mut l.unit_cost,
    );
    /// A week's or a year's cost.
    pub const WEEKLY: Field<Self> = Field::flag(
        Info::new("weekly", "The unit cost is for", Unit::Choice),
        |l| l.weekly,
        |l, weekly| l.weekly = weekly,
    );
    /// The line's own budget.
    pub const BUDGET: Field<Self> = Field::text(
        Info::new("budget", "Budget", Unit::Money)
            .hint("Blank if none, or if it shares a budget")
            .optional()
            .subject("the budget for {}")
            .example("1,900,000")
            .row(2),
        |l| &l.budget,
        |l| &mut l.budget,
    );
    /// The budget it shares.
    pub const GROUP: Field<Self> = Field::choice(
        Info::new("group", "Shared budget", Unit::Choice).optional().row(2),
        |l| l.group.clone(),
        |l, v| {
            l.group = v.to_string();
            true
        },
    );
    /// A published forecast.
    pub const FORECAST: Field<Self> = Field::text(
        Info::new("forecast", "Published forecast (optional)", Unit::Money)
            .hint("Only if the source publishes a forecast that its rounded unit cost does not give exactly; blank calculates number x unit cost")
            .optional()
            .subject("the forecast for {}")
            .example("2,796,000"),
        |l| &l.forecast,
        |l| &mut l.forecast,
    );
}

impl Item for LineForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::NAME),
        Member::Field(Self::KIND),
        Member::Field(Self::NUMBER),
        Member::Field(Self::UNIT_COST),
        Member::Field(Self::WEEKLY),
        Member::Field(Self::BUDGET),
        Member::Field(Self::GROUP),
        Member::Field(Self::FORECAST),
    ];
}

impl GroupForm {
    /// Short id.
    pub const ID: Field<Self> = Field::text(
        Info::new("id", "Id", Unit::Text).hint("Short, like \u{201c}allowances\u{201d}").width(10).row(1),
        |g| &g.id,
        |g| &mut g.id,
    );
    /// Name.
    pub const NAME: Field<Self> =
        Field::text(Info::new("name", "Name", Unit::Text).width(20).row(1), |g| &g.name, |g| &mut g.name);
    /// Budget.
    pub const BUDGET: Field<Self> = Field::text(
        Info::new("budget", "Budget", Unit::Money).subject("the budget for {}").example("2,100,000").row(1),
        |g| &g.budget,
        |g| &mut g.budget,
    );
    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field<Self>] = &[Self::ID, Self::NAME, Self::BUDGET];
}

impl Item for GroupForm {
    const MEMBERS: &'static [Member<Self>] =
        &[Member::Field(Self::ID), Member::Field(Self::NAME), Member::Field(Self::BUDGET)];
}

impl ChangeForm {
    /// The line children are added to or moved from.
    pub const LINE: Field<Self> = Field::choice(
        Info::new("line", "Change {}: placements of", Unit::Choice),
        |c| c.line.to_string(),
        |c, v| v.parse().map(|i| c.line = i).is_ok(),
    );
    /// The line they move to.
    pub const TO: Field<Self> = Field::choice(
        Info::new("to", "Moved to", Unit::Choice).optional(),
        |c| c.to.map(|i| i.to_string()).unwrap_or_default(),
        |c, v| {
            if v.is_empty() {
                c.to = None;
                return true;
            }
            v.parse().map(|i| c.to = Some(i)).is_ok()
        },
    );
    /// How many children.
    pub const NUMBER: Field<Self> = Field::text(
        Info::new("number", "Children", Unit::Count)
            .subject("the number of children in {}")
            .example("10 (or -2 for fewer)")
            .width(4),
        |c| &c.number,
        |c| &mut c.number,
    );
}

impl Item for ChangeForm {
    const MEMBERS: &'static [Member<Self>] =
        &[Member::Field(Self::LINE), Member::Field(Self::TO), Member::Field(Self::NUMBER)];
}

impl BudgetYearForm {
    /// Each year of a budget history as typed text.
    pub fn from_years(years: &[BudgetYear]) -> Vec<Self> {
        years
            .iter()
            .map(|y| Self { year: y.year.clone(), budget: money_text(y.budget), spend: money_text(y.spend) })
            .collect()
    }

    pub(crate) fn read_all(rows: &[Self], r: &mut Reader) -> Vec<BudgetYear> {
        rows.iter()
            .enumerate()
            .map(|(i, y)| {
                let at = Path::root("budget_history").index(i);
                let of = label(&y.year, "row", i);
                BudgetYear {
                    year: y.year.trim().to_string(),
                    budget: Money::new(r.get(&at, &Self::BUDGET, y, &of)),
                    spend: Money::new(r.get(&at, &Self::SPEND, y, &of)),
                }
            })
            .collect()
    }

    /// Financial year.
    pub const YEAR: Field<Self> =
        Field::text(Info::new("year", "Financial year", Unit::Text).width(5).row(1), |y| &y.year, |y| &mut y.year);
    /// Budget.
    pub const BUDGET: Field<Self> = Field::text(
        Info::new("budget", "Budget", Unit::Money).subject("the budget for {}").example("8,693,750").row(1),
        |y| &y.budget,
        |y| &mut y.budget,
    );
    /// Spend.
    pub const SPEND: Field<Self> = Field::text(
        Info::new("spend", "Spend", Unit::Money).subject("the spend for {}").example("9,561,000").row(1),
        |y| &y.spend,
        |y| &mut y.spend,
    );
    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field<Self>] = &[Self::YEAR, Self::BUDGET, Self::SPEND];
}

impl Item for BudgetYearForm {
    const MEMBERS: &'static [Member<Self>] =
        &[Member::Field(Self::YEAR), Member::Field(Self::BUDGET), Member::Field(Self::SPEND)];
}

/// The discount rate HM Treasury's Green Book sets for public investment, %.
pub const GREEN_BOOK_DISCOUNT_RATE: &str = "3.5";

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

    /// A new case: five years, no delivery risk yet, the Green Book's discount rate and
    /// one year of placements avoided to fill in.
    pub fn new_case() -> Self {
        Self {
            years: "5".into(),
            delivery_risk: "0".into(),
            discount_rate: GREEN_BOOK_DISCOUNT_RATE.into(),
            avoided_per_year: vec![String::new()],
            ..Self::default()
        }
    }

    /// Adds a year of placements avoided (as many as the last year) and returns its index.
    pub fn add_avoided_year(&mut self) -> usize {
        self.avoided_per_year.push(self.avoided_per_year.last().cloned().unwrap_or_default());
        self.avoided_per_year.len() - 1
    }

    pub(crate) fn read(&self, r: &mut Reader) -> InvestToSave {
        let at = Path::root("invest_to_save");
        InvestToSave {
            name: self.name.trim().to_string(),
            cost_per_year: Money::new(r.get(&at, &Self::COST_PER_YEAR, self, "")),
            one_off: Money::new(r.get(&at, &Self::ONE_OFF, self, "")),
            years: r.whole(&at, &Self::YEARS, self, ""),
            avoided_unit_cost: Money::new(r.get(&at, &Self::AVOIDED_UNIT_COST, self, "")),
            avoided_per_year: self
                .avoided_per_year
                .iter()
                .enumerate()
                .map(|(j, a)| {
                    let year = (j + 1).to_string();
                    r.number(&at.at("avoided_per_year", j), &Self::AVOIDED, a, &year).unwrap_or(Decimal::ZERO)
                })
                .collect(),
            delivery_risk: Rate::new(r.get(&at, &Self::DELIVERY_RISK, self, "")),
            discount_rate: Rate::new(r.get(&at, &Self::DISCOUNT_RATE, self, "")),
        }
    }

    /// What is invested in.
    pub const NAME: Field<Self> =
        Field::text(Info::new("name", "What is invested in", Unit::Text).width(66), |i| &i.name, |i| &mut i.name);
    /// Cost a year.
    pub const COST_PER_YEAR: Field<Self> = Field::text(
        Info::new("cost_per_year", "Cost a year", Unit::Money).subject("the cost a year").example("499,000").row(1),
        |i| &i.cost_per_year,
        |i| &mut i.cost_per_year,
    );
    /// One-off cost.
    pub const ONE_OFF: Field<Self> = Field::text(
        Info::new("one_off", "One-off cost", Unit::Money)
            .hint("In year 1")
            .or_zero()
            .subject("the one-off cost")
            .example("0")
            .row(1),
        |i| &i.one_off,
        |i| &mut i.one_off,
    );
    /// Years it runs.
    pub const YEARS: Field<Self> = Field::text(
        Info::new("years", "Runs for", Unit::Whole).subject("the years it runs").example("5").suffix("years").row(1),
        |i| &i.years,
        |i| &mut i.years,
    );
    /// Cost of a placement avoided.
    pub const AVOIDED_UNIT_COST: Field<Self> = Field::text(
        Info::new("avoided_unit_cost", "Cost of a placement avoided", Unit::Money)
            .hint("A year")
            .subject("the cost of a placement avoided")
            .example("163,560")
            .row(2),
        |i| &i.avoided_unit_cost,
        |i| &mut i.avoided_unit_cost,
    );
    /// Delivery risk.
    pub const DELIVERY_RISK: Field<Self> = Field::text(
        Info::new("delivery_risk", "Delivery risk", Unit::Rate)
            .hint("Share of the savings that may not come")
            .or_zero()
            .subject("the delivery risk")
            .example("20")
            .row(2),
        |i| &i.delivery_risk,
        |i| &mut i.delivery_risk,
    );
    /// Discount rate.
    pub const DISCOUNT_RATE: Field<Self> = Field::text(
        Info::new("discount_rate", "Discount rate", Unit::Rate)
            .hint("HM Treasury Green Book: 3.5%")
            .subject("the discount rate")
            .example("3.5")
            .row(2),
        |i| &i.discount_rate,
        |i| &mut i.discount_rate,
    );
    /// Placements avoided in each year.
    pub const AVOIDED: Info = Info::new("avoided_per_year", "Placements avoided in year {}", Unit::Count)
        .or_zero()
        .subject("placements avoided in year {}")
        .example("4")
        .width(4);
    /// The typed fields, as the page shows them.
    pub const TEXT_FIELDS: &'static [Field<Self>] = &[
        Self::NAME,
        Self::COST_PER_YEAR,
        Self::ONE_OFF,
        Self::YEARS,
        Self::AVOIDED_UNIT_COST,
        Self::DELIVERY_RISK,
        Self::DISCOUNT_RATE,
    ];
}

impl Item for InvestForm {
    const MEMBERS: &'static [Member<Self>] = &[
        Member::Field(Self::NAME),
        Member::Field(Self::COST_PER_YEAR),
        Member::Field(Self::ONE_OFF),
        Member::Field(Self::YEARS),
        Member::Field(Self::AVOIDED_UNIT_COST),
        Member::Field(Self::DELIVERY_RISK),
        Member::Field(Self::DISCOUNT_RATE),
        Member::Texts(Texts {
            info: Self::AVOIDED,
            get: |i| &i.avoided_per_year,
            get_mut: |i| &mut i.avoided_per_year,
        }),
    ];
}
