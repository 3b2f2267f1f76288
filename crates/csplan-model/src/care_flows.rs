//! Children looked after as a stock and flows (the method of the open Social Finance /
//! Data to Insight demand model): entrants by placement type each month, exits and moves
//! between types as monthly rates.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::units::{Money, Rate};

/// A scenario's stock-flow section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareFlows {
    /// One entry per placement type.
    pub types: Vec<CareType>,
    /// Moves between types, as monthly rates of the `from` type's children.
    #[serde(default)]
    pub moves: Vec<CareMove>,
    /// Months to project (36 to 60 for three to five years).
    pub months: u32,
}

/// One placement type in the stock-flow model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareType {
    /// Name, e.g. "Foster care".
    pub name: String,
    /// Children in this type now.
    #[serde(with = "crate::dec")]
    pub children: Decimal,
    /// Children entering care straight into this type, a month.
    #[serde(with = "crate::dec")]
    pub entrants_per_month: Decimal,
    /// Share of this type's children leaving care each month, %.
    pub exit_rate: Rate,
    /// Cost of one placement of this type a year, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_cost: Option<Money>,
}

/// Children moving from one type to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareMove {
    /// Index of the type they leave.
    pub from: usize,
    /// Index of the type they join.
    pub to: usize,
    /// Share of the `from` type's children moving each month, %.
    pub rate: Rate,
}
