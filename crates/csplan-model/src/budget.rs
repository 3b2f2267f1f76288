//! The budget: budget areas, funding lines, a savings programme by workstream, the
//! medium-term plan (pressures against phased savings) and home to school transport.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::units::{Money, Rate};

/// A scenario's budget section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The financial years of the plan, e.g. `["2022/23", "2023/24"]`. Workstream
    /// phasing and pressures give one figure per year, in this order.
    pub years: Vec<String>,
    /// Budget areas and funding lines, in the order the savings table lists them.
    pub areas: Vec<BudgetArea>,
    /// Savings workstreams, each in one area.
    #[serde(default)]
    pub workstreams: Vec<Workstream>,
    /// The share of a workstream expected to be delivered, by delivery risk.
    #[serde(default)]
    pub delivery: DeliveryShares,
    /// Cost pressures: new pressure arising in each year (not cumulative).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pressures: Vec<Pressure>,
    /// Home to school transport pressure, if modelled; added to the pressures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport: Option<Transport>,
}

/// A budget area ("Children's social care") or a funding line ("Government funding").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetArea {
    /// Short id that workstreams and consultation levers refer to, e.g. `csc`.
    pub id: String,
    /// The name the council uses.
    pub name: String,
    /// The area's total budget for the year. Funding lines have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    /// True for a funding line (extra funding counted towards the savings target).
    #[serde(default, skip_serializing_if = "core::ops::Not::not")]
    pub funding: bool,
    /// The statutory minimum: the area's budget cannot go below this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statutory_minimum: Option<Money>,
}

/// Delivery risk of a saving, as councils rate it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Risk {
    /// Low risk: on track.
    #[default]
    Green,
    /// Some risk.
    Amber,
    /// High risk.
    Red,
}

impl Risk {
    /// Every rating, in the order forms list them.
    pub const ALL: [Risk; 3] = [Risk::Green, Risk::Amber, Risk::Red];

    /// The value written in scenario files.
    pub fn id(self) -> &'static str {
        match self {
            Risk::Green => "green",
            Risk::Amber => "amber",
            Risk::Red => "red",
        }
    }

    /// A label for forms and tables.
    pub fn label(self) -> &'static str {
        match self {
            Risk::Green => "Green (low risk)",
            Risk::Amber => "Amber (some risk)",
            Risk::Red => "Red (high risk)",
        }
    }

    /// Reads an id as written by [`Risk::id`].
    pub fn from_id(id: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|r| r.id() == id.trim())
    }
}

/// The share of a saving expected to be delivered at each risk rating, %.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryShares {
    /// Green, % (default 100).
    pub green: Rate,
    /// Amber, % (default 75).
    pub amber: Rate,
    /// Red, % (default 25).
    pub red: Rate,
}

impl Default for DeliveryShares {
    /// 100% / 75% / 25%: csplan's defaults, not any council's. Change them to your own.
    fn default() -> Self {
        Self {
            green: Rate::new(Decimal::from(100)),
            amber: Rate::new(Decimal::from(75)),
            red: Rate::new(Decimal::from(25)),
        }
    }
}

impl DeliveryShares {
    /// The share for one rating.
    pub fn of(&self, risk: Risk) -> Rate {
        match risk {
            Risk::Green => self.green,
            Risk::Amber => self.amber,
            Risk::Red => self.red,
        }
    }
}

/// A savings workstream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workstream {
    /// The name the council uses ("Modernising placements").
    pub name: String,
    /// The id of the area it saves from.
    pub area: String,
    /// Full-year saving once delivered.
    pub amount: Money,
    /// The share of the saving first delivered in each plan year, % (one per year,
    /// adding up to 100).
    #[serde(default)]
    pub phasing: Vec<Rate>,
    /// Delivery risk.
    #[serde(default)]
    pub risk: Risk,
    /// The risks, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub risks: String,
    /// The equality impact, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub equality_impact: String,
}

/// A cost pressure in the medium-term plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pressure {
    /// What causes it ("Pay award", "More children in care").
    pub name: String,
    /// New pressure arising in each plan year (one per year).
    pub amounts: Vec<Money>,
}

/// Home to school transport: a base adjustment and growth a year, and optionally the
/// drivers behind it (SEN travellers and their unit cost, each with its own growth).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transport {
    /// Added to the budget in the plan's first year (Hampshire 2017/18: £2.4m).
    pub base_adjustment: Money,
    /// Added in each later year (Hampshire: about £0.9m).
    pub growth_a_year: Money,
    /// The drivers, if entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drivers: Option<TransportDrivers>,
}

/// SEN travellers x unit cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransportDrivers {
    /// SEN travellers now.
    #[serde(with = "crate::dec")]
    pub travellers: Decimal,
    /// Cost a traveller a year now.
    pub unit_cost: Money,
    /// Growth in travellers a year, %.
    pub traveller_growth: Rate,
    /// Growth in unit cost a year, %.
    pub unit_cost_growth: Rate,
}
