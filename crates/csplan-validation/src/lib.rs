//! Finds every problem in a csplan scenario at once.
//!
//! Each [`Problem`] carries a path to the field (`teams[1].target_caseload`), a
//! [`Severity`] and a message in GOV.UK error-message style that says what is wrong and
//! how to fix it ("Enter a target caseload greater than 0 for Assessment teams").
//!
//! Two entry points:
//! - [`validate`] checks a typed [`Scenario`] (read from a file);
//! - [`form::ScenarioForm::check`] checks the text a person typed, field by field,
//!   then the scenario it makes, and returns the scenario only when nothing is an error.

use core::fmt;

use csplan_model::{fmt::short, Decimal, Scenario, SCHEMA_VERSION};
use serde::Serialize;

pub use budget::{echo, read_lever_value, validate_response, MAX_BUDGET, MAX_ECHO_CHARS, PREFER_NOT_TO_SAY};

mod budget;
pub mod budget_form;
pub mod care;
pub mod consultation_form;
pub mod cost_form;
pub mod demand_form;
pub mod fields;
pub mod form;
pub mod form_text;
pub mod json;
pub mod load;
mod placements;
pub mod response_form;
pub mod share;
mod workforce;
pub mod workforce_form;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The scenario cannot be calculated until this is fixed.
    Error,
    /// The scenario can be calculated, but a figure looks wrong or will be ignored.
    Warning,
}

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where the problem is, e.g. `teams[1].target_caseload`.
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and how to fix it, in plain English.
    pub message: String,
}

impl Problem {
    /// An error at `path` with `message` (for checks made outside this crate, such as
    /// the collector's, that report in the same shape).
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { path: path.into(), severity: Severity::Error, message: message.into() }
    }

    pub(crate) fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { path: path.into(), severity: Severity::Warning, message: message.into() }
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}: {}", self.path, self.message),
            Severity::Warning => write!(f, "{}: warning: {}", self.path, self.message),
        }
    }
}

/// True when any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(Problem::is_error)
}

/// The HTML id of the form field a path points to: `teams[1].target_caseload` ->
/// `teams-1-target_caseload`. The web app gives its inputs these ids so an error
/// summary can link to them.
pub fn field_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '[' | '.' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}

/// Largest FTE, caseload or case count accepted: far above any authority, far below overflow.
pub const MAX_QUANTITY: i64 = 1_000_000;
/// Largest cost per FTE accepted, in pounds.
pub const MAX_COST_PER_FTE: i64 = 10_000_000;

/// Parts of a scenario, to check some and not others ([`validate_sections`],
/// [`form::ScenarioForm::check_sections`]): each download of the web app checks the parts
/// its pages show. The scenario's own fields (authority, date, cost per FTE, comparison
/// targets) are always checked.
pub mod section {
    /// Team groups and options.
    pub const CASELOADS: u16 = 1;
    /// The workforce section.
    pub const WORKFORCE: u16 = 2;
    /// Placements, budget history and invest-to-save.
    pub const COST_OF_CARE: u16 = 4;
    /// Demand series.
    pub const DEMAND: u16 = 8;
    /// The stock-flow model of children looked after.
    pub const CARE_FLOWS: u16 = 16;
    /// The budget section.
    pub const BUDGET: u16 = 32;
    /// The consultation (which refers to team groups, placement lines and budget areas:
    /// check those with it).
    pub const CONSULTATION: u16 = 64;
    /// Everything.
    pub const ALL: u16 = 127;

    /// The part a field's path belongs to (0: the scenario's own fields).
    pub fn of(path: &str) -> u16 {
        match path.split(['.', '[']).next().unwrap_or("") {
            "teams" | "options" => CASELOADS,
            "workforce" => WORKFORCE,
            "placements" | "budget_history" | "invest_to_save" => COST_OF_CARE,
            "demand" => DEMAND,
            "care_flows" => CARE_FLOWS,
            "budget" => BUDGET,
            "consultation" => CONSULTATION,
            _ => 0,
        }
    }
}

/// Checks a scenario and returns every problem found, errors and warnings, in field order.
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let others = scenario.workforce.is_some()
        || scenario.demand.is_some()
        || scenario.care_flows.is_some()
        || scenario.placements.is_some()
        || !scenario.budget_history.is_empty()
        || scenario.invest_to_save.is_some()
        || scenario.budget.is_some();
    validate_sections::<{ section::ALL }>(scenario, others)
}

/// Checks the scenario's own fields and the parts in `S` ([`section`]). `other_sections`
/// says whether the scenario has anything besides team groups (a scenario with nothing at
/// all needs a team group). A download that checks only some parts carries only their
/// checks.
pub fn validate_sections<const S: u16>(scenario: &Scenario, other_sections: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    if scenario.schema != SCHEMA_VERSION {
        out.push(Problem::error(
            "schema",
            format!(
                "This file uses scenario format {}, but this version of csplan reads format \
                 {SCHEMA_VERSION}. Save the scenario again from a matching version of csplan",
                scenario.schema
            ),
        ));
    }
    // A consultation file (`Scenario::consultation_file`) has a consultation and neither
    // authority nor date of its own: the council's name is inside the consultation.
    // (Nothing in it is dated: workforce projections and care flows need the date.)
    let consultation_file = scenario.consultation.is_some()
        && scenario.authority.trim().is_empty()
        && scenario.workforce.is_none()
        && scenario.care_flows.is_none()
        && scenario.demand.is_none();
    if scenario.council_name().is_empty() {
        out.push(Problem::error("authority", "Enter the name of the local authority"));
    }
    let undated_consultation_file = consultation_file && scenario.as_at.is_empty();
    if !undated_consultation_file && !is_iso_date(&scenario.as_at) {
        out.push(Problem::error(
            "as_at",
            "Enter the date the figures describe as a real date in the form YYYY-MM-DD, like 2017-09-30",
        ));
    }
    if let Some(cost) = scenario.cost_per_fte {
        money_at_most(&mut out, "cost_per_fte", "Cost per FTE", cost.value());
    }
    for (i, target) in scenario.compare_targets.iter().enumerate() {
        let path = format!("compare_targets[{i}]");
        positive_quantity(&mut out, &path, "a target caseload", "", *target);
        if scenario.compare_targets.iter().take(i).any(|t| t == target) {
            out.push(Problem::warning(
                path,
                format!("Target caseload {} is listed twice; remove one", short(*target, 2)),
            ));
        }
    }
    if S & section::CASELOADS != 0 {
        if scenario.teams.is_empty() && !other_sections && scenario.consultation.is_none() {
            out.push(Problem::error("teams", "Add at least one team group"));
        }
        for i in 0..scenario.teams.len() {
            validate_team(&mut out, scenario, i);
        }
        validate_options(&mut out, scenario);
    }
    if S & section::WORKFORCE != 0 {
        if let Some(w) = &scenario.workforce {
            workforce::validate_workforce(&mut out, w);
        }
    }
    if S & section::COST_OF_CARE != 0 {
        placements::validate_cost_of_care(&mut out, scenario);
    }
    if S & section::DEMAND != 0 {
        placements::validate_demand(&mut out, scenario);
    }
    if S & section::CARE_FLOWS != 0 {
        placements::validate_care_flows(&mut out, scenario);
    }
    if S & section::BUDGET != 0 {
        if let Some(b) = &scenario.budget {
            budget::validate_budget(&mut out, b);
        }
    }
    if S & section::CONSULTATION != 0 {
        if let Some(c) = &scenario.consultation {
            budget::validate_consultation(&mut out, scenario, c);
        }
    }
    out
}

fn team_label(scenario: &Scenario, i: usize) -> String {
    match scenario.teams.get(i).map(|t| t.name.trim()) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => format!("team group {}", i + 1),
    }
}

fn validate_team(out: &mut Vec<Problem>, scenario: &Scenario, i: usize) {
    let Some(team) = scenario.teams.get(i) else { return };
    let p = |field: &str| format!("teams[{i}].{field}");
    let label = team_label(scenario, i);
    let for_team = format!(" for {label}");
    if team.name.trim().is_empty() {
        out.push(Problem::error(p("name"), format!("Enter a name for team group {}", i + 1)));
    }
    positive_quantity(out, &p("case_holding_fte"), "a case-holding FTE", &for_team, team.case_holding_fte.value());
    match (team.cases, team.current_caseload) {
        (None, None) => out.push(Problem::error(
            p("cases"),
            format!("Enter the number of cases or the current average caseload{for_team}"),
        )),
        (cases, caseload) => {
            if let Some(cases) = cases {
                non_negative_quantity(out, &p("cases"), "The number of cases", &for_team, cases);
            }
            if let Some(caseload) = caseload {
                non_negative_quantity(out, &p("current_caseload"), "The current average caseload", &for_team, caseload);
            }
            if let (Some(cases), Some(caseload)) = (cases, caseload) {
                let fte = team.case_holding_fte.value();
                if let Some(implied) = cases.checked_div(fte) {
                    let gap = implied.checked_sub(caseload).map(|g| g.abs());
                    if gap.is_some_and(|g| g >= Decimal::new(5, 2)) {
                        out.push(Problem::warning(
                            p("current_caseload"),
                            format!(
                                "{} cases over {} FTE is an average of {}, not {}{for_team}. \
                                 The number of cases is used; clear one of the two",
                                short(cases, 2),
                                short(fte, 2),
                                short(implied, 1),
                                short(caseload, 2)
                            ),
                        ));
                    }
                }
            }
        }
    }
    positive_quantity(out, &p("target_caseload"), "a target caseload", &for_team, team.target_caseload);
    if let Some(cost) = team.cost_per_fte {
        money_at_most(out, &p("cost_per_fte"), &format!("Cost per FTE{for_team}"), cost.value());
    }
    for (j, id) in team.options.iter().enumerate() {
        if !scenario.options.iter().any(|o| &o.id == id) {
            out.push(Problem::error(
                format!("teams[{i}].options[{j}]"),
                format!("{label} belongs to option \u{201c}{id}\u{201d}, which does not exist. Add that option or remove it from the team group"),
            ));
        }
    }
}

fn validate_options(out: &mut Vec<Problem>, scenario: &Scenario) {
    for (i, option) in scenario.options.iter().enumerate() {
        let p = |field: &str| format!("options[{i}].{field}");
        if option.id.trim().is_empty() {
            out.push(Problem::error(p("id"), format!("Enter a short id for option {}, like 1 or A", i + 1)));
        } else if scenario.options.iter().take(i).any(|o| o.id == option.id) {
            out.push(Problem::error(
                p("id"),
                format!("Option ids must be different; \u{201c}{}\u{201d} is used twice", option.id),
            ));
        }
        if option.name.trim().is_empty() {
            out.push(Problem::error(p("name"), format!("Enter a name for option {}", i + 1)));
        }
        if let Some(cost) = option.cost_per_fte {
            money_at_most(out, &p("cost_per_fte"), "Cost per FTE for this option", cost.value());
        }
        if !option.id.trim().is_empty() && !scenario.teams.iter().any(|t| t.options.contains(&option.id)) {
            out.push(Problem::warning(
                p("id"),
                format!(
                    "No team group belongs to option \u{201c}{}\u{201d}, so it has no results. Tick it on a team group or remove it",
                    option.id
                ),
            ));
        }
    }
}

/// `article_noun` reads "a target caseload"; the message is "Enter {article_noun} greater than 0{suffix}".
///
/// These quantities are divisors (cases / FTE, cases / target), so they also have a floor
/// of 0.01: a positive figure as small as 1e-28 would make the quotient overflow.
pub(crate) fn positive_quantity(out: &mut Vec<Problem>, path: &str, article_noun: &str, suffix: &str, value: Decimal) {
    if value <= Decimal::ZERO {
        out.push(Problem::error(path, format!("Enter {article_noun} greater than 0{suffix}")));
    } else if value < Decimal::new(1, 2) {
        out.push(Problem::error(path, format!("Enter {article_noun} of 0.01 or more{suffix}")));
    } else if value > Decimal::from(MAX_QUANTITY) {
        out.push(Problem::error(path, format!("Enter {article_noun} of 1,000,000 or less{suffix}")));
    }
}

pub(crate) fn non_negative_quantity(out: &mut Vec<Problem>, path: &str, subject: &str, suffix: &str, value: Decimal) {
    if value.is_sign_negative() && !value.is_zero() {
        out.push(Problem::error(path, format!("{subject}{suffix} must be 0 or more")));
    } else if value > Decimal::from(MAX_QUANTITY) {
        out.push(Problem::error(path, format!("{subject}{suffix} must be 1,000,000 or less")));
    }
}

pub(crate) fn money_at_most(out: &mut Vec<Problem>, path: &str, subject: &str, value: Decimal) {
    if value.is_sign_negative() && !value.is_zero() {
        out.push(Problem::error(path, format!("{subject} must be £0 or more")));
    } else if value > Decimal::from(MAX_COST_PER_FTE) {
        out.push(Problem::error(path, format!("{subject} must be £10,000,000 or less")));
    }
}

/// `YYYY-MM-DD` naming a real day of the Gregorian calendar.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let num = |r: core::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok());
    let digits_only = text.chars().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    if !digits_only || !(1900..=2200).contains(&y) {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}
