//! A scenario: everything a user enters, as plain data. No signals, no arithmetic.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::care_flows::CareFlows;
use crate::consultation::Consultation;
use crate::demand::Demand;
use crate::placements::{BudgetYear, InvestToSave, Placements};
use crate::units::{Fte, Money};
use crate::workforce::Workforce;

/// The scenario file format this version reads and writes (`"schema": 1`).
pub const SCHEMA_VERSION: u32 = 1;

/// One authority's figures and the options it is testing.
///
/// Built to grow: workforce, demand, placements and budget sections are added as
/// optional fields so that schema-1 files stay readable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Scenario file format version; this release reads [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The local authority, e.g. "Barnsley" (blank in a consultation file: see
    /// [`Scenario::consultation_file`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub authority: String,
    /// The date the figures describe, `YYYY-MM-DD` (caseloads are counted at 30 September).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub as_at: String,
    /// Where the figures come from, in words (a paper, a DfE release, "entered by you").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// How extra FTE becomes whole posts (written only when not the default, nearest).
    #[serde(default, skip_serializing_if = "Rounding::is_default")]
    pub rounding: Rounding,
    /// Cost of one FTE post for a year (salary with on-costs), used where a team or
    /// option gives none of its own. Absent until the user gives it (DfE publishes no
    /// costs): posts are still worked out, and their cost is "not given".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_fte: Option<Money>,
    /// Caseload targets that options are compared against side by side (e.g. 18 and 16).
    #[serde(default, with = "crate::dec::vec", skip_serializing_if = "Vec::is_empty")]
    pub compare_targets: Vec<CaseloadTarget>,
    /// Case-holding team groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<TeamGroup>,
    /// Options: named sets of team groups whose caseloads are pooled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<PlanOption>,
    /// The workforce behind the caseloads, if entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workforce: Option<Workforce>,
    /// Demand series, if entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand: Option<Demand>,
    /// Children looked after as stock and flows, if entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_flows: Option<CareFlows>,
    /// Placements and their cost, if entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placements: Option<Placements>,
    /// Budget against spend by year, if entered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget_history: Vec<BudgetYear>,
    /// An invest-to-save case, if entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invest_to_save: Option<InvestToSave>,
    /// Budget areas, savings programme and medium-term plan, if entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// A "balance the budget" consultation, if the council runs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<Consultation>,
}

impl Rounding {
    /// True for the default, to the nearest post.
    pub fn is_default(&self) -> bool {
        *self == Rounding::default()
    }
}

impl Scenario {
    /// The council's name as a consultation's participants see it: the consultation's own
    /// `council`, else the authority.
    pub fn council_name(&self) -> &str {
        match &self.consultation {
            Some(c) if !c.council.trim().is_empty() => c.council.trim(),
            _ => self.authority.trim(),
        }
    }

    /// The file a council publishes for participants: the consultation alone
    /// (`{"schema": 1, "consultation": {...}}`, the council's name inside it), with only
    /// what its choices' consequences are calculated from: the team groups and the cost per
    /// FTE when a choice adds social workers, the placements when one avoids placements,
    /// and the budget's years and areas (not its workstreams or plan) when one reduces an
    /// area with a statutory minimum. `None` without a consultation.
    pub fn consultation_file(&self) -> Option<Scenario> {
        let mut c = self.consultation.clone()?;
        if c.council.trim().is_empty() {
            c.council = self.authority.trim().to_string();
        }
        let effect =
            |want: fn(&crate::LeverEffect) -> bool| c.levers.iter().any(|l| l.effect.as_ref().is_some_and(want));
        let caseloads = effect(|e| matches!(e, crate::LeverEffect::Caseload { .. }));
        let placements = effect(|e| matches!(e, crate::LeverEffect::Placements { .. }));
        let areas = c.levers.iter().any(|l| l.area.is_some());
        Some(Scenario {
            schema: self.schema,
            rounding: if caseloads { self.rounding } else { Rounding::default() },
            cost_per_fte: self.cost_per_fte.filter(|_| caseloads),
            // Options pool team groups for the Caseloads page; a consultation has no use for them.
            teams: if caseloads {
                self.teams.iter().map(|t| TeamGroup { options: Vec::new(), ..t.clone() }).collect()
            } else {
                Vec::new()
            },
            placements: self.placements.clone().filter(|_| placements),
            budget: self.budget.as_ref().filter(|_| areas).map(|b| crate::Budget {
                years: b.years.clone(),
                areas: b.areas.clone(),
                workstreams: Vec::new(),
                delivery: crate::DeliveryShares::default(),
                pressures: Vec::new(),
                transport: None,
            }),
            consultation: Some(c),
            ..Scenario::default()
        })
    }
}

impl Default for Scenario {
    /// An empty scenario of the current format: no authority, no date, no sections. The
    /// base for struct-update syntax (`Scenario { teams, ..Scenario::default() }`).
    fn default() -> Self {
        Self {
            schema: SCHEMA_VERSION,
            authority: String::new(),
            as_at: String::new(),
            source: String::new(),
            rounding: Rounding::default(),
            cost_per_fte: None,
            compare_targets: Vec::new(),
            teams: Vec::new(),
            options: Vec::new(),
            workforce: None,
            demand: None,
            care_flows: None,
            placements: None,
            budget_history: Vec::new(),
            invest_to_save: None,
            budget: None,
            consultation: None,
        }
    }
}

/// A caseload target: cases per case-holding FTE.
pub type CaseloadTarget = Decimal;

/// A group of case-holding teams, e.g. "Assessment and safeguarding teams".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamGroup {
    /// The group's name as the council uses it.
    pub name: String,
    /// Case-holding FTE (includes agency workers holding cases).
    pub case_holding_fte: Fte,
    /// Number of cases held. Give this or `current_caseload`; if both, cases are used.
    #[serde(default, with = "crate::dec::option", skip_serializing_if = "Option::is_none")]
    pub cases: Option<Decimal>,
    /// Current average caseload (cases per FTE). Give this or `cases`.
    #[serde(default, with = "crate::dec::option", skip_serializing_if = "Option::is_none")]
    pub current_caseload: Option<Decimal>,
    /// The caseload the council wants to reach.
    #[serde(with = "crate::dec")]
    pub target_caseload: Decimal,
    /// Cost per FTE for this group, if it differs from the scenario's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_fte: Option<Money>,
    /// Ids of the options this group belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

/// A named option: the team groups that carry its id are pooled and costed together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanOption {
    /// Short id that team groups refer to, e.g. "2".
    pub id: String,
    /// What the option is, e.g. "Option 2: all teams except adoption and fostering".
    pub name: String,
    /// Cost per FTE for this option's posts, if it differs from the scenario's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_fte: Option<Money>,
}

/// How a fractional number of extra FTE becomes posts to fund.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// Nearest whole post, halves up (8.7 -> 9, 14.47 -> 14, 14.5 -> 15). Barnsley's rule.
    #[default]
    Nearest,
    /// Up to the next whole post (14.47 -> 15): never short of the target.
    Up,
    /// Down to a whole post (14.47 -> 14): never over the target.
    Down,
    /// No whole posts: fractional FTE, kept to hundredths (14.4711 -> 14.47, halves up).
    None,
}

impl Rounding {
    /// Every rule, in the order a form lists them.
    pub const ALL: [Rounding; 4] = [Rounding::Nearest, Rounding::Up, Rounding::Down, Rounding::None];

    /// The value written in scenario files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Rounding::Nearest => "nearest",
            Rounding::Up => "up",
            Rounding::Down => "down",
            Rounding::None => "none",
        }
    }

    /// A label for forms and tables.
    pub fn label(self) -> &'static str {
        match self {
            Rounding::Nearest => "Nearest whole post (halves round up)",
            Rounding::Up => "Round up to whole posts",
            Rounding::Down => "Round down to whole posts",
            Rounding::None => "No rounding: fund fractional FTE (to 0.01 FTE)",
        }
    }

    /// Reads a key as written by [`Rounding::key`].
    pub fn from_key(key: &str) -> Option<Rounding> {
        Rounding::ALL.into_iter().find(|r| r.key() == key.trim())
    }
}
