//! The workforce behind the caseloads: establishment, vacancies, agency cover, the
//! recruitment pipeline, leavers, costs, retention payments and projection settings.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::units::{Fte, Money, Rate};

/// A scenario's workforce section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workforce {
    /// One entry per role (social workers, advanced practitioners, managers, ...).
    pub roles: Vec<Role>,
    /// A retention payment scheme, if the council pays one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<RetentionPayment>,
    /// How the monthly projection runs.
    #[serde(default)]
    pub projection: ProjectionSettings,
}

/// One role's establishment and costs, as at the scenario's date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The role, e.g. "Social workers".
    pub name: String,
    /// Funded posts (FTE), including newly created ones.
    pub establishment: Fte,
    /// Posts created this year, already counted in the establishment.
    #[serde(default)]
    pub newly_created: Fte,
    /// Vacant posts (FTE). Permanent staff in post = establishment - vacancies.
    pub vacancies: Fte,
    /// Agency workers covering vacant posts (FTE).
    #[serde(default)]
    pub agency_covering_vacancies: Fte,
    /// Agency workers over and above the establishment (FTE).
    #[serde(default)]
    pub agency_over_establishment: Fte,
    /// People due to start: the recruitment pipeline.
    #[serde(default)]
    pub pipeline: Vec<Starters>,
    /// Leavers (FTE) in the 12 months to the scenario's date, for the turnover rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leavers: Option<Fte>,
    /// Permanent staff cost per FTE a year, with on-costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permanent_cost_per_fte: Option<Money>,
    /// Agency cost per FTE a year (what the council pays the agency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_cost_per_fte: Option<Money>,
    /// Permanent recruits a month from the open market, after the time to fill.
    #[serde(default)]
    pub recruits_per_month: Fte,
    /// Agency workers converted to permanent a month.
    #[serde(default)]
    pub agency_conversions_per_month: Fte,
    /// Whether this role holds cases (counts towards the average caseload).
    #[serde(default)]
    pub case_holding: bool,
}

/// Whether starters come through an agency or as permanent staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StarterKind {
    /// Agency workers (cover a vacancy at a premium).
    Agency,
    /// Permanent staff.
    Permanent,
}

/// A group of people due to start in the same month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Starters {
    /// Agency or permanent.
    pub kind: StarterKind,
    /// How many (FTE).
    pub fte: Fte,
    /// The month they start, counted from the scenario's date: 1 is the next month.
    pub month: u32,
}

/// A retention payment: an amount a year for some years to eligible staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionPayment {
    /// Paid to each person taking it up, a year.
    pub amount_per_year: Money,
    /// For how many years.
    pub years: u32,
    /// Staff eligible (FTE).
    pub eligible_fte: Fte,
    /// Share of eligible staff who take it up, e.g. 88.
    pub take_up: Rate,
    /// How much lower turnover is while it is paid, as a share of the turnover rate
    /// (an assumption the user sets: 20 means 16.99% becomes 13.59%).
    #[serde(default)]
    pub turnover_reduction: Rate,
}

/// Settings of the monthly workforce projection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectionSettings {
    /// Months to project (default 36).
    pub months: u32,
    /// Annual turnover of permanent staff; if absent, each role's leavers / in post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turnover: Option<Rate>,
    /// Months between a vacancy being advertised and a recruit starting.
    #[serde(default)]
    pub months_to_fill: u32,
    /// Share of permanent starters who are newly qualified (ASYE year), e.g. 30.
    #[serde(default)]
    pub newly_qualified_share: Rate,
    /// A newly qualified worker's caseload in their first year, as a share of a full
    /// caseload, e.g. 80.
    pub newly_qualified_caseload: Rate,
    /// Cases held by the case-holding roles, for the projected average caseload.
    #[serde(default, with = "crate::dec::option", skip_serializing_if = "Option::is_none")]
    pub cases: Option<Decimal>,
    /// Case-holder FTE now, as DfE counts it (social workers holding cases, agency
    /// included). When given, the caseload is cases / this, DfE's definition, and it moves
    /// with the case-holding roles' staff; when absent, every FTE in a case-holding role
    /// counts as a case holder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_holders: Option<Fte>,
    /// The caseload to reach; the projection reports the first month it is met.
    #[serde(default, with = "crate::dec::option", skip_serializing_if = "Option::is_none")]
    pub target_caseload: Option<Decimal>,
}

impl Default for ProjectionSettings {
    fn default() -> Self {
        Self {
            months: 36,
            turnover: None,
            months_to_fill: 0,
            newly_qualified_share: Rate::ZERO,
            newly_qualified_caseload: Rate::new(Decimal::from(100)),
            cases: None,
            case_holders: None,
            target_caseload: None,
        }
    }
}
