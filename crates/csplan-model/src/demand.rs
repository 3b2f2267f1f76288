//! Demand at the front door and in care: yearly series by measure and age band.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::units::Fte;

/// A scenario's demand section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// The years the series cover, oldest first (labels such as "2012" or "2016/17").
    pub years: Vec<String>,
    /// The series.
    pub series: Vec<DemandSeries>,
    /// Years to project ahead.
    #[serde(default = "three")]
    pub projection_years: u32,
    /// Case-holding FTE now, for the chain from demand to posts (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_holding_fte: Option<Fte>,
    /// The caseload to hold projected cases at (optional; with `case_holding_fte`).
    #[serde(default, with = "crate::dec::option", skip_serializing_if = "Option::is_none")]
    pub target_caseload: Option<Decimal>,
}

fn three() -> u32 {
    3
}

/// What a series counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemandMeasure {
    /// Contacts to the front door.
    Contacts,
    /// Referrals.
    Referrals,
    /// Assessments.
    Assessments,
    /// Children in need.
    ChildrenInNeed,
    /// Child protection plans.
    ChildProtectionPlans,
    /// Children looked after.
    LookedAfter,
    /// Unaccompanied asylum-seeking children.
    Uasc,
    /// Care leavers.
    CareLeavers,
    /// The 0-17 population.
    Population,
}

/// How a series is projected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectionMethod {
    /// The least-squares straight line through every year.
    #[default]
    Linear,
    /// The last value grown at the compound annual rate between the first and last years.
    Compound,
    /// The last year's rate per child, applied to the 0-17 population projected on a
    /// straight line (needs a `population` series in the section).
    PopulationScaled,
}

/// One yearly series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandSeries {
    /// What it counts.
    pub measure: DemandMeasure,
    /// Age band, if the series is one ("0-5", "6-13", "14+").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<String>,
    /// One value a year, aligned with the section's years.
    #[serde(with = "crate::dec::vec")]
    pub values: Vec<Decimal>,
    /// How to project it.
    #[serde(default)]
    pub method: ProjectionMethod,
    /// Cases each unit of this series brings to social workers (e.g. 1 for each child on a
    /// plan or in care; 0 if it is not counted as a case).
    #[serde(default, with = "crate::dec")]
    pub cases_per_unit: Decimal,
}

/// The label of the year after `label`: "2016" -> "2017", "2016/17" -> "2017/18".
pub fn next_year(label: &str) -> String {
    if let Some((a, b)) = label.split_once('/') {
        if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
            return format!(
                "{}/{:0width$}",
                a + 1,
                (b + 1) % 10u32.pow(b.to_string().len() as u32),
                width = b.to_string().len().max(2)
            );
        }
    }
    match label.parse::<u32>() {
        Ok(y) => (y + 1).to_string(),
        Err(_) => format!("{label} + 1"),
    }
}

impl DemandMeasure {
    /// Every measure, in the order forms list them.
    pub const ALL: [DemandMeasure; 9] = [
        DemandMeasure::Contacts,
        DemandMeasure::Referrals,
        DemandMeasure::Assessments,
        DemandMeasure::ChildrenInNeed,
        DemandMeasure::ChildProtectionPlans,
        DemandMeasure::LookedAfter,
        DemandMeasure::Uasc,
        DemandMeasure::CareLeavers,
        DemandMeasure::Population,
    ];

    /// The name in scenario files (`"child_protection_plans"`).
    pub fn id(self) -> &'static str {
        match self {
            DemandMeasure::Contacts => "contacts",
            DemandMeasure::Referrals => "referrals",
            DemandMeasure::Assessments => "assessments",
            DemandMeasure::ChildrenInNeed => "children_in_need",
            DemandMeasure::ChildProtectionPlans => "child_protection_plans",
            DemandMeasure::LookedAfter => "looked_after",
            DemandMeasure::Uasc => "uasc",
            DemandMeasure::CareLeavers => "care_leavers",
            DemandMeasure::Population => "population",
        }
    }

    /// The name for people.
    pub fn label(self) -> &'static str {
        match self {
            DemandMeasure::Contacts => "Contacts",
            DemandMeasure::Referrals => "Referrals",
            DemandMeasure::Assessments => "Assessments",
            DemandMeasure::ChildrenInNeed => "Children in need",
            DemandMeasure::ChildProtectionPlans => "Child protection plans",
            DemandMeasure::LookedAfter => "Children looked after",
            DemandMeasure::Uasc => "Unaccompanied asylum-seeking children",
            DemandMeasure::CareLeavers => "Care leavers",
            DemandMeasure::Population => "Population aged 0-17",
        }
    }

    /// The measure named `id` in scenario files.
    pub fn from_id(id: &str) -> Option<DemandMeasure> {
        DemandMeasure::ALL.into_iter().find(|m| m.id() == id)
    }
}

impl ProjectionMethod {
    /// Every method, in the order forms list them.
    pub const ALL: [ProjectionMethod; 3] =
        [ProjectionMethod::Linear, ProjectionMethod::Compound, ProjectionMethod::PopulationScaled];

    /// The name in scenario files (`"population_scaled"`).
    pub fn id(self) -> &'static str {
        match self {
            ProjectionMethod::Linear => "linear",
            ProjectionMethod::Compound => "compound",
            ProjectionMethod::PopulationScaled => "population_scaled",
        }
    }

    /// The method named `id` in scenario files.
    pub fn from_id(id: &str) -> Option<ProjectionMethod> {
        ProjectionMethod::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The name for people.
    pub fn label(self) -> &'static str {
        match self {
            ProjectionMethod::Linear => "Straight-line trend",
            ProjectionMethod::Compound => "Compound growth",
            ProjectionMethod::PopulationScaled => "With the 0-17 population",
        }
    }
}

/// DfE's year (to 31 March) for a year label: "2023" -> 2023, "2022/23" or "2022-23" -> 2023.
pub fn dfe_year(label: &str) -> Option<u16> {
    let label = label.trim();
    if let Some((start, end)) = label.split_once(['/', '-']) {
        let start: u16 = start.trim().parse().ok()?;
        let end: u16 = end.trim().parse().ok()?;
        // "2022/23": the year after the start, whose last two digits are given.
        let next = start.checked_add(1)?;
        return (next % 100 == end % 100).then_some(next);
    }
    label.parse().ok()
}

/// Years between consecutive values: the common difference of the year labels when they
/// all read as years and are evenly spaced ("2016/17", "2018/19" -> 2), otherwise 1.
pub fn year_step(years: &[String]) -> u32 {
    let parsed: Option<Vec<u16>> = years.iter().map(|y| dfe_year(y)).collect();
    let Some(parsed) = parsed.filter(|p| p.len() >= 2) else { return 1 };
    let gaps: Vec<i32> = parsed
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(i32::from(*b) - i32::from(*a)),
            _ => None,
        })
        .collect();
    match gaps.first() {
        Some(&g) if g > 0 && gaps.iter().all(|x| *x == g) => u32::try_from(g).unwrap_or(1),
        _ => 1,
    }
}
