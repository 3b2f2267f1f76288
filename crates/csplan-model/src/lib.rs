//! Plain serde data types of a csplan scenario, and the exact units they use.
//!
//! No arithmetic beyond the units' own algebra lives here: results are computed by
//! `csplan-calc`, problems are found by `csplan-validation`. This crate builds for the
//! native target and for wasm32 and depends on no browser crate.

pub mod budget;
pub mod care;
pub mod care_flows;
pub mod consultation;
pub mod day;
pub mod dec;
pub mod demand;
pub mod fmt;
pub mod placements;
pub mod presets;
pub mod scenario;
pub mod units;
pub mod workforce;

pub use budget::{Budget, BudgetArea, DeliveryShares, Pressure, Risk, Transport, TransportDrivers, Workstream};
pub use care_flows::{CareFlows, CareMove, CareType};
pub use consultation::{
    Answer, BalanceRule, Choice, Consultation, FloorRule, Lever, LeverEffect, LeverKind, Question, Response,
    MAX_COMMENT_CHARS, RESPONSE_SCHEMA,
};
pub use demand::{Demand, DemandMeasure, DemandSeries, ProjectionMethod};
pub use placements::{
    BudgetGroup, BudgetYear, InvestToSave, PlacementChange, PlacementKind, PlacementLine, Placements, UnitCost,
};
pub use scenario::{CaseloadTarget, PlanOption, Rounding, Scenario, TeamGroup, SCHEMA_VERSION};
pub use units::{Fte, Money, Rate, HALF_UP};
pub use workforce::{ProjectionSettings, RetentionPayment, Role, StarterKind, Starters, Workforce};

/// Re-exported so that every crate uses the same decimal type and version.
pub use rust_decimal::Decimal;
