//! One file per page.

pub mod accessibility;
pub mod benchmark;
pub mod budget;
pub mod caseloads;
pub mod children_in_care;
pub mod consultation;
pub mod cost_of_care;
pub mod demand;
pub mod explain;
pub mod not_found;
pub mod scenario;
pub mod summary;
pub mod workforce;
