//! Placements (the cost of care), budget history and invest-to-save.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::units::{Money, Rate};

/// A scenario's placements section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placements {
    /// One line per placement type.
    pub lines: Vec<PlacementLine>,
    /// Budgets held for several lines together (Portsmouth budgets adoption, ROs and SGOs
    /// as one), referred to by the lines' `group`.
    #[serde(default)]
    pub budget_groups: Vec<BudgetGroup>,
    /// Weeks in a year for weekly unit costs (52 unless the council uses 52.14).
    #[serde(default = "fifty_two", with = "crate::dec")]
    pub weeks_per_year: Decimal,
    /// Changes to test: more or fewer placements of a type, or children moved between types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<PlacementChange>,
    /// Yearly rise in unit costs, % (applied to the forecast for later years).
    #[serde(default)]
    pub inflation: Rate,
    /// Years to show the forecast for, with inflation (default 1: this year only).
    #[serde(default = "one")]
    pub years: u32,
}

fn one() -> u32 {
    1
}

/// A change to the placement mix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementChange {
    /// The line children come from (or are added to, when `to` is absent).
    pub line: usize,
    /// The line they move to, if it is a move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<usize>,
    /// How many (average over the year); negative removes placements when `to` is absent.
    #[serde(with = "crate::dec")]
    pub number: Decimal,
}

fn fifty_two() -> Decimal {
    Decimal::from(52)
}

/// The kinds of placement the papers use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacementKind {
    /// In-house foster care.
    InHouseFoster,
    /// Independent fostering agency.
    Ifa,
    /// In-house children's homes.
    InHouseResidential,
    /// Children's homes run by others (the highest cost).
    ExternalResidential,
    /// Adoption allowances.
    Adoption,
    /// Residence / child arrangements order allowances.
    ResidenceOrder,
    /// Special guardianship order allowances.
    Sgo,
    /// Supported accommodation (16+).
    SupportedAccommodation,
    /// Anything else.
    Other,
}

impl PlacementKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [PlacementKind; 9] = [
        PlacementKind::InHouseFoster,
        PlacementKind::Ifa,
        PlacementKind::InHouseResidential,
        PlacementKind::ExternalResidential,
        PlacementKind::Adoption,
        PlacementKind::ResidenceOrder,
        PlacementKind::Sgo,
        PlacementKind::SupportedAccommodation,
        PlacementKind::Other,
    ];

    /// The name in scenario files (`"ifa"`).
    pub fn id(self) -> &'static str {
        match self {
            PlacementKind::InHouseFoster => "in_house_foster",
            PlacementKind::Ifa => "ifa",
            PlacementKind::InHouseResidential => "in_house_residential",
            PlacementKind::ExternalResidential => "external_residential",
            PlacementKind::Adoption => "adoption",
            PlacementKind::ResidenceOrder => "residence_order",
            PlacementKind::Sgo => "sgo",
            PlacementKind::SupportedAccommodation => "supported_accommodation",
            PlacementKind::Other => "other",
        }
    }

    /// The name for people.
    pub fn label(self) -> &'static str {
        match self {
            PlacementKind::InHouseFoster => "In-house foster care",
            PlacementKind::Ifa => "Independent fostering agency",
            PlacementKind::InHouseResidential => "In-house residential",
            PlacementKind::ExternalResidential => "External residential",
            PlacementKind::Adoption => "Adoption allowances",
            PlacementKind::ResidenceOrder => "Residence order allowances",
            PlacementKind::Sgo => "Special guardianship allowances",
            PlacementKind::SupportedAccommodation => "Supported accommodation",
            PlacementKind::Other => "Other",
        }
    }

    /// The kind named `id` in scenario files.
    pub fn from_id(id: &str) -> Option<PlacementKind> {
        PlacementKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// What one placement costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitCost {
    /// A year.
    Annual(Money),
    /// A week (annualised with the section's weeks per year).
    Weekly(Money),
}

/// One placement type's numbers, cost and budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacementLine {
    /// The line as the council names it.
    pub name: String,
    /// Its kind.
    pub kind: PlacementKind,
    /// Average number of placements over the year ("FTE" placements).
    #[serde(with = "crate::dec")]
    pub number: Decimal,
    /// Average cost of one placement.
    pub unit_cost: UnitCost,
    /// The forecast as published, when the source rounds its unit cost (Portsmouth's IFA
    /// and external residential lines): used instead of number x unit cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<Money>,
    /// This line's own budget, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    /// The budget group it is budgeted in, if its budget is shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// A budget shared by several lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetGroup {
    /// Id the lines refer to.
    pub id: String,
    /// Name for people ("Adoption, ROs and SGOs").
    pub name: String,
    /// The shared budget.
    pub budget: Money,
}

/// One year's budget and spend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetYear {
    /// Financial year, e.g. "2013/14".
    pub year: String,
    /// Budget.
    pub budget: Money,
    /// Actual spend.
    pub spend: Money,
}

/// An investment meant to pay for itself by avoiding placements.
///
/// Its cost a year is given, or worked out as posts x the cost of a post; the cost of a
/// placement avoided is given a year or a week, or taken from a placement line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvestToSave {
    /// What it is, e.g. "8 social workers and 3 service leaders".
    pub name: String,
    /// Cost a year, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_year: Option<Money>,
    /// Posts it pays for (with `cost_per_post`, the cost a year is their product).
    #[serde(default, with = "crate::dec::option", skip_serializing_if = "Option::is_none")]
    pub posts: Option<Decimal>,
    /// Cost of one of those posts a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_post: Option<Money>,
    /// One-off cost in the first year.
    #[serde(default)]
    pub one_off: Money,
    /// Years it runs.
    pub years: u32,
    /// Annual cost of one placement avoided, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avoided_unit_cost: Option<Money>,
    /// Weekly cost of one placement avoided (a year is the placements' weeks in a year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avoided_weekly_cost: Option<Money>,
    /// The placement line whose cost a placement avoided saves (its annual unit cost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avoided_line: Option<usize>,
    /// Placements avoided in each year (ramping up); missing years repeat the last.
    #[serde(default, with = "crate::dec::vec")]
    pub avoided_per_year: Vec<Decimal>,
    /// Share of the savings that may not be delivered, e.g. 25.
    #[serde(default)]
    pub delivery_risk: Rate,
    /// Discount rate for the net present value (HM Treasury Green Book: 3.5).
    pub discount_rate: Rate,
}
