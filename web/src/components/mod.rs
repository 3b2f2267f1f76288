//! Shared pieces: page layout, form fields, the error summary, the preset loader, charts.

pub mod bar_chart;
pub mod chart;
pub mod choice;
pub mod csv;
pub mod error_summary;
pub mod field;
#[cfg(any(feature = "results", feature = "records"))]
pub mod files;
pub mod kept;
pub mod layout;
pub mod list;
pub mod live_table;
pub mod preset;
pub mod reactive;
