//! Shared pieces: page layout, form fields, the error summary, the preset loader, charts.

#[cfg(feature = "workforce-page")]
pub mod chart;
pub mod error_summary;
pub mod field;
pub mod layout;
pub mod preset;
