//! One file per page.

pub mod accessibility;
pub mod benchmark;
pub mod caseloads;
pub mod not_found;
pub mod workforce;
