//! Shared pieces: page layout, form fields, the error summary.

pub mod error_summary;
pub mod field;
pub mod layout;
