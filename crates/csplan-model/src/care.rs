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

/// How the projection steps through time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// A day at a time (the daily matrix raised to the days between events): each child
    /// moves band on their own birthday. D2I's model steps daily.
    #[default]
    Daily,
    /// A month at a time: each month's chance of leaving or moving is the daily rate x its
    /// days, once, and a child's band is the one at the month's start (a birthday counts
    /// from the next month).
    Monthly,
}

/// Which fitted rate an adjustment changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustedRate {
    /// Children starting care.
    Entrants,
    /// Children leaving care.
    Exits,
    /// Children moving from the category to another.
    Moves,
}

impl AdjustedRate {
    /// In words: `entrants`, `exits`, `moves`.
    pub fn name(self) -> &'static str {
        match self {
            AdjustedRate::Entrants => "entrants",
            AdjustedRate::Exits => "exits",
            AdjustedRate::Moves => "moves",
        }
    }
}

/// How an adjustment changes a rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustBy {
    /// The fitted rate times the value (1.1 is 10% more).
    Multiply,
    /// The value added, a year: for entrants, children a year into the groups chosen
    /// (shared among them as the fitted entrants are, equally if none were seen); for exits
    /// and moves, a chance a year for each child in each group (the daily rate gains a 365th
    /// of it; for moves, shared equally among the categories a child could move to).
    Add,
}

/// A change to the fitted rates, for an age band and/or a category (each `None` for all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateAdjustment {
    /// Which rate.
    pub rate: AdjustedRate,
    /// The band, by its place in the setup's bands (`None`: every band).
    pub band: Option<usize>,
    /// The category, by its place in the setup (`None`: every category); for moves, the
    /// category moved from.
    pub category: Option<usize>,
    /// Multiply or add.
    pub by: AdjustBy,
    /// The factor, or what is added a year.
    #[serde(with = "crate::dec")]
    pub value: crate::Decimal,
}
