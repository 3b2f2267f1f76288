//! Pure, deterministic calculations from a csplan scenario to results.
//!
//! No I/O, no clock, no floating point, no panics: every division and multiplication
//! on user figures is checked and a failure is a [`CalcError`]. Rounding happens only at
//! the named points documented on each function.

use core::fmt;

use serde::Serialize;

pub mod benchmark;
pub mod budget;
pub mod care;
pub mod care_flows;
pub mod care_like_d2i;
pub mod caseload;
pub mod consultation;
pub mod demand;
pub mod explain;
pub mod placements;
pub mod projection;
pub mod responses;
pub mod workforce;

pub use caseload::{
    caseload, caseload_report, options, report, round_posts, team, Basis, CaseloadInput, CaseloadResult, OptionResult,
    Report, TeamResult, Totals,
};
pub use projection::{project, projection_csv, FinancialYearCost, Projection, ProjectionMonth};
pub use workforce::{
    measures, workforce, MeasureInputs, Measures, RetentionCost, RoleCosts, RoleFigures, WorkforceReport,
};

/// Why a calculation could not be done. Validation reports all of these first, with the
/// field to fix; these only reach a user who skips validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalcError {
    /// Case-holding FTE is zero or negative, so there is no average caseload.
    NoFte,
    /// The target caseload is zero or negative.
    NoTarget,
    /// Neither cases nor a current caseload was given.
    NoCases,
    /// A figure is too large to calculate with exactly.
    Overflow,
    /// The scenario's date is not a `YYYY-MM-DD` date.
    BadDate,
}

impl fmt::Display for CalcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CalcError::NoFte => "case-holding FTE must be greater than 0",
            CalcError::NoTarget => "target caseload must be greater than 0",
            CalcError::NoCases => "enter the number of cases or the current average caseload",
            CalcError::Overflow => "a figure is too large to calculate exactly",
            CalcError::BadDate => "the scenario's date must be a date like 2019-03-31",
        })
    }
}

impl std::error::Error for CalcError {}

/// `Some` as `Ok`, `None` (an overflow in checked arithmetic) as [`CalcError::Overflow`].
pub(crate) fn ov<T>(v: Option<T>) -> Result<T, CalcError> {
    v.ok_or(CalcError::Overflow)
}

/// `a + b` in pounds, checked.
pub(crate) fn add(a: csplan_model::Money, b: csplan_model::Money) -> Result<csplan_model::Money, CalcError> {
    ov(a.checked_add(b))
}

/// `a - b` in pounds, checked.
pub(crate) fn sub(a: csplan_model::Money, b: csplan_model::Money) -> Result<csplan_model::Money, CalcError> {
    ov(a.checked_sub(b))
}
