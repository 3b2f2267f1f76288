//! One file per page. Each download of the planner carries the pages of its group only
//! (cargo features; see `route::Page::here`), so a page is behind its group's feature.

pub mod accessibility;
#[cfg(feature = "workforce")]
pub mod benchmark;
#[cfg(feature = "budget")]
pub mod budget;
#[cfg(feature = "records")]
pub mod care_inputs;
#[cfg(feature = "records")]
pub mod care_records;
#[cfg(feature = "caseloads")]
pub mod caseloads;
#[cfg(feature = "demand")]
pub mod children_in_care;
#[cfg(any(feature = "budget", feature = "participant"))]
pub mod consultation;
#[cfg(feature = "budget")]
pub mod consultation_setup;
#[cfg(feature = "cost")]
pub mod cost_of_care;
#[cfg(feature = "demand")]
pub mod demand;
#[cfg(feature = "report")]
pub mod explain;
pub mod not_found;
#[cfg(feature = "results")]
pub mod results;
#[cfg(feature = "scenario")]
pub mod scenario;
#[cfg(feature = "report")]
pub mod summary;
#[cfg(feature = "workforce")]
pub mod workforce;
