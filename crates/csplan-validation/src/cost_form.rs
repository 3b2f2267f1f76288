//! The cost of care as typed text: placement lines and budget groups, budget history, and
//! an invest-to-save case (see [`crate::form`] for the idea). Paths match
//! [`crate::validate`]'s, so a problem found after reading lands on the field it is about.

use csplan_model::fmt::plain;
use csplan_model::{
    BudgetGroup, BudgetYear, Decimal, InvestToSave, Money, PlacementChange, PlacementKind, PlacementLine, Placements,
    Rate, UnitCost,
};

use crate::fields::{label, Field, Info, Path, Reader};

crate::form! {
    /// The placements section as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct PlacementsForm {
        lines: list(LineForm),
        budget_groups: list(GroupForm),
        weeks_per_year: text(Info::count("Weeks in a year").hint("Weekly unit costs are multiplied by this").subject("the weeks in a year").example("52 or 52.14").width(4)),
        inflation: text(Info::rate("Inflation a year").or_zero().subject("inflation").example("3").row(1)),
        years: text(Info::whole("Forecast for").subject("the years to forecast").example("3").suffix("years").row(1)),
        changes: list(ChangeForm),
    }
}

crate::form! {
    /// A change to the placement mix as typed: `number` more (or fewer, if negative) children
    /// in line `line`, or `number` children moved from line `line` to line `to`.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct ChangeForm {
        line: choice(usize, Info::choice("Change {}: placements of")),
        to: choice(Option<usize>, Info::choice("Moved to").optional()),
        number: text(Info::count("Children").subject("the number of children in {}").example("10 (or -2 for fewer)").width(4)),
    }
}

crate::form! {
    /// One placement line as typed text.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct LineForm {
        name: text(Info::words("Name").width(66)),
        kind: choice(PlacementKind, Info::choice("Type of placement")),
        number: text(Info::count("Number of children").hint("Average over the year").subject("the number of placements for {}").example("17.1").row(1)),
        unit_cost: text(Info::money("Unit cost").subject("the unit cost for {}").example("163,560").row(1)),
        weekly: flag(Info::choice("The unit cost is for")),
        budget: text(Info::money("Budget").hint("Blank if none, or if it shares a budget").optional().subject("the budget for {}").example("1,900,000").row(2)),
        group: choice(String, Info::choice("Shared budget").optional().row(2)),
        forecast: text(Info::money("Published forecast (optional)").hint("Only if the source publishes a forecast that its rounded unit cost does not give exactly; blank calculates number x unit cost").optional().subject("the forecast for {}").example("2,796,000")),
    }
}

impl Default for LineForm {
    fn default() -> Self {
        Self {
            name: String::new(),
            kind: PlacementKind::InHouseFoster,
            number: String::new(),
            unit_cost: String::new(),
            weekly: false,
            budget: String::new(),
            group: String::new(),
            forecast: String::new(),
        }
    }
}

crate::form! {
    /// A shared budget as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct GroupForm {
        id: text(Info::words("Id").hint("Short, like \u{201c}allowances\u{201d}").width(10).row(1)),
        name: text(Info::words("Name").width(20).row(1)),
        budget: text(Info::money("Budget").subject("the budget for {}").example("2,100,000").row(1)),
    }
}

crate::form! {
    /// One year of budget history as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct BudgetYearForm {
        year: text(Info::words("Financial year").width(5).row(1)),
        budget: text(Info::money("Budget").subject("the budget for {}").example("8,693,750").row(1)),
        spend: text(Info::money("Spend").subject("the spend for {}").example("9,561,000").row(1)),
    }
}

crate::form! {
    /// An invest-to-save case as typed text.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    pub struct InvestForm {
        name: text(Info::words("What is invested in").width(66)),
        posts: text(Info::count("Posts").hint("With the cost of a post, gives the cost a year").optional().subject("the number of posts").example("8").width(4).row(1)),
        cost_per_post: text(Info::money("Cost of a post a year").hint("Salary with on-costs").optional().subject("the cost of a post").example("41,839").row(1)),
        cost_per_year: text(Info::money("Cost a year").hint("Or give the posts and the cost of a post").optional().subject("the cost a year").example("499,000").row(1)),
        one_off: text(Info::money("One-off cost").hint("In year 1").or_zero().subject("the one-off cost").example("0").row(2)),
        years: text(Info::whole("Runs for").subject("the years it runs").example("5").suffix("years").row(2)),
        avoided_line: choice(Option<usize>, Info::choice("Cost of a placement avoided").hint("A placement line's cost, or a cost of your own").optional()),
        avoided_unit_cost: text(Info::money("A year").optional().subject("the cost of a placement avoided a year").example("163,560").row(3)),
        avoided_weekly_cost: text(Info::money("Or a week").optional().subject("the cost of a placement avoided a week").example("3,145").row(3)),
        delivery_risk: text(Info::rate("Delivery risk").hint("Share of the savings that may not come").or_zero().subject("the delivery risk").example("20").row(4)),
        discount_rate: text(Info::rate("Discount rate").hint("HM Treasury Green Book: 3.5%").subject("the discount rate").example("3.5").row(4)),
        avoided_per_year: texts(Info::count("Placements avoided in year {}").or_zero().subject("placements avoided in year {}").example("4").width(4)),
    }
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

    /// Sets the number of children of each line named in `numbers` (by name, ignoring case
    /// and spaces at the ends) to the number given, and adds a line, with no unit cost yet,
    /// for each not there; a line named in `none` (no children this year) that is there
    /// falls to 0, so a number taken last time does not linger. Nothing else of a line
    /// changes. Returns how many lines were updated (those set to 0 among them) and how
    /// many added.
    pub fn take_numbers(&mut self, numbers: &[(String, PlacementKind, Decimal)], none: &[String]) -> (usize, usize) {
        let (mut updated, mut added) = (0, 0);
        let key = |s: &str| s.trim().to_lowercase();
        for name in none {
            if let Some(line) = self.lines.iter_mut().find(|l| key(&l.name) == key(name)) {
                if line.number.trim() != "0" {
                    line.number = "0".into();
                    updated += 1;
                }
            }
        }
        for (name, kind, number) in numbers {
            let text = plain(*number);
            match self.lines.iter_mut().find(|l| key(&l.name) == key(name)) {
                Some(line) => {
                    line.number = text;
                    updated += 1;
                }
                None => {
                    // A blank line left by "Add placements" is filled in first.
                    let blank = self.lines.iter().position(|l| *l == LineForm::default());
                    let i = blank.unwrap_or_else(|| self.add_line());
                    if let Some(line) = self.lines.get_mut(i) {
                        *line = LineForm { name: name.clone(), kind: *kind, number: text, ..LineForm::default() };
                    }
                    added += 1;
                }
            }
        }
        (updated, added)
    }

    /// Adds a blank line (in-house foster care, an annual cost) and returns its index.
    pub fn add_line(&mut self) -> usize {
        self.lines.push(LineForm::default());
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
                let unit = Money::new(r.get(&at, &LineForm::unit_cost, l, &of));
                PlacementLine {
                    name: l.name.trim().to_string(),
                    kind: l.kind,
                    number: r.get(&at, &LineForm::number, l, &of),
                    unit_cost: if l.weekly { UnitCost::Weekly(unit) } else { UnitCost::Annual(unit) },
                    forecast: r.opt(&at, &LineForm::forecast, l, &of).map(Money::new),
                    budget: r.opt(&at, &LineForm::budget, l, &of).map(Money::new),
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
                    budget: Money::new(r.get(&at.at("budget_groups", i), &GroupForm::budget, g, of)),
                }
            })
            .collect();
        Placements {
            lines,
            budget_groups,
            weeks_per_year: r.get(&at, &Self::weeks_per_year, self, ""),
            changes: self
                .changes
                .iter()
                .enumerate()
                .map(|(j, c)| PlacementChange {
                    line: c.line,
                    to: c.to,
                    number: r.get(&at.at("changes", j), &ChangeForm::number, c, &label("", "change", j)),
                })
                .collect(),
            inflation: Rate::new(r.get(&at, &Self::inflation, self, "")),
            years: r.whole(&at, &Self::years, self, ""),
        }
    }
}

impl GroupForm {
    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field] = &[Self::id, Self::name, Self::budget];
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
                    budget: Money::new(r.get(&at, &Self::budget, y, &of)),
                    spend: Money::new(r.get(&at, &Self::spend, y, &of)),
                }
            })
            .collect()
    }

    /// The typed fields.
    pub const TEXT_FIELDS: &'static [Field] = &[Self::year, Self::budget, Self::spend];
}

/// The discount rate HM Treasury's Green Book sets for public investment, %.
pub const GREEN_BOOK_DISCOUNT_RATE: &str = "3.5";

impl InvestForm {
    /// An invest-to-save case as typed text.
    pub fn from_case(i: &InvestToSave) -> Self {
        Self {
            name: i.name.clone(),
            posts: i.posts.map(plain).unwrap_or_default(),
            cost_per_post: i.cost_per_post.map(money_text).unwrap_or_default(),
            cost_per_year: i.cost_per_year.map(money_text).unwrap_or_default(),
            one_off: money_text(i.one_off),
            years: i.years.to_string(),
            avoided_line: i.avoided_line,
            avoided_unit_cost: i.avoided_unit_cost.map(money_text).unwrap_or_default(),
            avoided_weekly_cost: i.avoided_weekly_cost.map(money_text).unwrap_or_default(),
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

    /// Makes the investment `posts` more social work posts (the Caseloads page's answer):
    /// the posts, their cost a year when it is known (the cost of a post is then not
    /// asked for), and a name if it has none.
    pub fn invest_in_posts(&mut self, posts: Decimal, cost: Option<Money>) {
        self.posts = plain(posts);
        if let Some(cost) = cost {
            self.cost_per_year = plain(cost.value());
            self.cost_per_post = String::new();
        } else {
            self.cost_per_year = String::new();
        }
        if self.name.trim().is_empty() {
            self.name = format!("{} more social work posts", csplan_model::fmt::short(posts, 2));
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
            cost_per_year: r.opt(&at, &Self::cost_per_year, self, "").map(Money::new),
            posts: r.opt(&at, &Self::posts, self, ""),
            cost_per_post: r.opt(&at, &Self::cost_per_post, self, "").map(Money::new),
            one_off: Money::new(r.get(&at, &Self::one_off, self, "")),
            years: r.whole(&at, &Self::years, self, ""),
            avoided_unit_cost: r.opt(&at, &Self::avoided_unit_cost, self, "").map(Money::new),
            avoided_weekly_cost: r.opt(&at, &Self::avoided_weekly_cost, self, "").map(Money::new),
            avoided_line: self.avoided_line,
            avoided_per_year: self
                .avoided_per_year
                .iter()
                .enumerate()
                .map(|(j, a)| {
                    let year = (j + 1).to_string();
                    r.number(&at.at("avoided_per_year", j), &Self::avoided_per_year, a, &year).unwrap_or(Decimal::ZERO)
                })
                .collect(),
            delivery_risk: Rate::new(r.get(&at, &Self::delivery_risk, self, "")),
            discount_rate: Rate::new(r.get(&at, &Self::discount_rate, self, "")),
        }
    }

    /// The typed fields, as the page shows them.
    pub const TEXT_FIELDS: &'static [Field] =
        &[Self::name, Self::posts, Self::cost_per_post, Self::cost_per_year, Self::one_off, Self::years];

    /// The fields of the cost of a placement avoided, typed (beside the placement line
    /// to take it from).
    pub const AVOIDED_FIELDS: &'static [Field] = &[Self::avoided_unit_cost, Self::avoided_weekly_cost];

    /// The fields of the risk and the discount rate.
    pub const RISK_FIELDS: &'static [Field] = &[Self::delivery_risk, Self::discount_rate];
}
