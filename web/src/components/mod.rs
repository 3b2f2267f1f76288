//! Shared pieces: page layout, form fields, the error summary, the preset loader, charts.

pub mod chart;
pub mod error_summary;
pub mod field;
pub mod layout;
pub mod preset;
