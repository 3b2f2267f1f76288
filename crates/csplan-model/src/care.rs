//! The child-level children-in-care model's setup: which PLACE codes make each category,
//! and the age bands. A council can change both.

use serde::{Deserialize, Serialize};

/// A category of placement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareCategory {
    /// Short id (`fostering`).
    pub id: String,
    /// Its name on the page (`Fostering`).
    pub name: String,
    /// The SSDA903 PLACE codes in it. The last category may leave this empty: it then
    /// takes every code no other category names.
    #[serde(default)]
    pub places: Vec<String>,
}

/// How children are grouped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareSetup {
    /// The categories, in the order tables show them.
    pub categories: Vec<CareCategory>,
    /// Age band bounds in whole years, rising from 0: `[0, 1, 5, 10, 16, 18]` makes the
    /// bands 0-1, 1-5, 5-10, 10-16 and 16-18. A child leaves the model on reaching the
    /// last bound (care ends at 18).
    pub bands: Vec<u32>,
}

fn category(id: &str, name: &str, places: &[&str]) -> CareCategory {
    CareCategory { id: id.into(), name: name.into(), places: places.iter().map(|p| (*p).to_string()).collect() }
}

impl Default for CareSetup {
    /// DfE's grouping of the PLACE codes in its statistics on children looked after:
    /// foster placements (U1-U6); secure units, children's homes and residential settings
    /// (K1, K2, R1, R2, R5, S1); independent and semi-independent living (H5, P2, P3);
    /// and every other code (placed for adoption, with parents, temporary, other). Bands
    /// 0-1, 1-5, 5-10, 10-16 and 16-18.
    fn default() -> Self {
        CareSetup {
            categories: vec![
                category("fostering", "Fostering", &["U1", "U2", "U3", "U4", "U5", "U6"]),
                category("residential", "Residential", &["K1", "K2", "R1", "R2", "R5", "S1"]),
                category("supported", "Supported", &["H5", "P2", "P3"]),
                category("other", "Other", &[]),
            ],
            bands: vec![0, 1, 5, 10, 16, 18],
        }
    }
}

impl CareSetup {
    /// The category a PLACE code is in: the first that names it, else a last category
    /// that names none (`None` when there is no such catch-all).
    pub fn category_of(&self, place: &str) -> Option<usize> {
        self.categories
            .iter()
            .position(|c| c.places.iter().any(|p| p.eq_ignore_ascii_case(place)))
            .or_else(|| self.categories.last().filter(|c| c.places.is_empty()).map(|_| self.categories.len() - 1))
    }

    /// Each band's name: `0-1`, `1-5`, ..., `16-18`.
    pub fn band_names(&self) -> Vec<String> {
        self.bands.windows(2).map(|w| format!("{}-{}", w.first().unwrap_or(&0), w.get(1).unwrap_or(&0))).collect()
    }

    /// How many bands.
    pub fn band_count(&self) -> usize {
        self.bands.len().saturating_sub(1)
    }

    /// The band a child of `age` whole years is in (`None` at or past the last bound).
    pub fn band_of_age(&self, age: u32) -> Option<usize> {
        self.bands
            .windows(2)
            .position(|w| w.first().is_some_and(|lo| *lo <= age) && w.get(1).is_some_and(|hi| age < *hi))
    }

    /// Every PLACE code the categories name (so a council can add codes DfE's list lacks).
    pub fn codes(&self) -> Vec<String> {
        self.categories.iter().flat_map(|c| c.places.iter().map(|p| p.to_ascii_uppercase())).collect()
    }
}

/// What each category's placements cost, for the projection's costs: a year's cost of one
/// in-house and one external placement (each given or not), and inflation a year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CareCosts {
    /// By category, in the setup's order: (in-house, external), a year each.
    pub annual: Vec<(Option<crate::Money>, Option<crate::Money>)>,
    /// Inflation a year, %: each year of the projection after its first costs this much more.
    pub inflation: crate::Rate,
}
