//! One file per page.

pub mod accessibility;
pub mod caseloads;
pub mod not_found;
#[cfg(feature = "workforce-page")]
pub mod workforce;
