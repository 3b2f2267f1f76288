//! The presets as `web/build.rs` lists them from `csplan_model::presets` (whose tests hold
//! the seed figures), the default with its form text; `csplan-validation`'s tests check
//! that every preset survives form text exactly.

/// A preset, as the app loads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PresetForm {
    /// Stable id (`barnsley-2017`).
    pub id: &'static str,
    /// Title shown to people ("Barnsley, December 2017").
    pub title: &'static str,
    /// The whole form, as `csplan_validation::form_text` writes it, for the default; empty
    /// for the others, which the loader fetches (`form_text::preset_file`).
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/presets.rs"));

/// The default preset (the example council).
pub const DEFAULT: PresetForm = PRESET_FORMS[0];

/// The preset with this id.
pub fn find(id: &str) -> Option<PresetForm> {
    PRESET_FORMS.iter().copied().find(|p| p.id == id)
}
