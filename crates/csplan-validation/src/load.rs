//! Reading a scenario file: the format version first (a file from another version is
//! refused with a message saying so, before anything else is read), then the file with
//! the field named where it does not fit, then every problem [`crate::validate`] finds.

use csplan_model::{Scenario, SCHEMA_VERSION};

use crate::{validate, Problem};

#[derive(serde::Deserialize)]
struct Version {
    schema: Option<serde_json::Value>,
}

/// Why a scenario file could not be used: every problem, each with its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The problems; for a file that is not JSON or not a scenario, one problem.
    pub problems: Vec<Problem>,
}

/// Checks a scenario file's format version before anything else is read: a file from a
/// newer csplan, from no version csplan made, or with no version gets a message saying so.
pub fn check_version(text: &str) -> Result<(), Problem> {
    let version: Version = serde_json::from_str(text).map_err(|e| {
        Problem::error(
            "",
            format!(
                "This is not a csplan scenario file: it is not JSON ({e}). `csplan example` prints one to start from"
            ),
        )
    })?;
    match version.schema {
        None => Err(Problem::error("schema", "This is not a csplan scenario file: it has no \"schema\" version")),
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(SCHEMA_VERSION)) => Ok(()),
        Some(serde_json::Value::Number(n)) if n.as_u64().is_some_and(|v| v > u64::from(SCHEMA_VERSION)) => {
            Err(Problem::error(
                "schema",
                format!(
                    "This scenario was saved by a newer csplan (format {n}); this one reads format {SCHEMA_VERSION}. \
                     Open it with the newer version"
                ),
            ))
        }
        Some(other) => Err(Problem::error(
            "schema",
            format!(
                "This scenario uses format {other}, which no version of csplan made; this one reads format {SCHEMA_VERSION}"
            ),
        )),
    }
}

/// Reads a scenario's JSON text into a scenario, the format version checked first and
/// where the text does not fit named (by field natively, by line and column in the
/// browser); not yet validated.
///
/// Every reader of scenario JSON in the app goes through this one function (files, a
/// council's published scenario, share links), so the browser download carries one copy
/// of the scenario's deserialiser rather than one per way of reading JSON.
pub fn parse_scenario(text: &str) -> Result<Scenario, Problem> {
    check_version(text)?;
    deserialize(text)
}

fn does_not_fit(path: String, detail: impl std::fmt::Display) -> Problem {
    Problem::error(path, format!("This part of the file does not fit a csplan scenario: {detail}"))
}

/// Natively, where the file does not fit is named by field (`teams[0].cases`).
#[cfg(not(target_arch = "wasm32"))]
fn deserialize(text: &str) -> Result<Scenario, Problem> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        does_not_fit(if path == "." { String::new() } else { path }, e.into_inner())
    })
}

/// In the browser, by line and column: naming the field takes a second copy of the
/// scenario's deserialiser, 28.5 KB more gzip download for every visitor.
#[cfg(target_arch = "wasm32")]
fn deserialize(text: &str) -> Result<Scenario, Problem> {
    serde_json::from_str(text).map_err(|e| does_not_fit(String::new(), e))
}

/// Reads a scenario file's text. Returns the scenario and its warnings, or every error.
pub fn read_scenario_json(text: &str) -> Result<(Scenario, Vec<Problem>), LoadError> {
    let scenario = parse_scenario(text).map_err(|p| LoadError { problems: vec![p] })?;
    let problems = validate(&scenario);
    if problems.iter().any(Problem::is_error) {
        return Err(LoadError { problems: problems.into_iter().filter(Problem::is_error).collect() });
    }
    Ok((scenario, problems))
}

/// The parts of a scenario file a consultation uses: its authority and date, the cost per
/// FTE, team groups (social workers added) and the options they belong to, placement lines (placements avoided), the
/// budget (statutory minimums) and the consultation itself. Everything else in the file is
/// skipped unread.
#[derive(serde::Deserialize)]
struct ForConsultation {
    schema: u32,
    #[serde(default)]
    authority: String,
    #[serde(default)]
    as_at: String,
    #[serde(default)]
    rounding: csplan_model::Rounding,
    #[serde(default)]
    cost_per_fte: Option<csplan_model::Money>,
    #[serde(default)]
    teams: Vec<csplan_model::TeamGroup>,
    #[serde(default)]
    options: Vec<csplan_model::PlanOption>,
    #[serde(default)]
    placements: Option<csplan_model::Placements>,
    #[serde(default)]
    budget: Option<csplan_model::Budget>,
    #[serde(default)]
    consultation: Option<csplan_model::Consultation>,
}

/// Reads a scenario file for its consultation alone, as the participants' app does: the
/// format version first, then only the parts a consultation uses ([`ForConsultation`]),
/// each checked; the rest of the file is skipped, so the participants' download carries
/// neither the rest of the scenario's reader nor its checks. The scenario it gives has
/// only those parts.
pub fn read_consultation_json(text: &str) -> Result<Scenario, LoadError> {
    use crate::section::{BUDGET, CASELOADS, CONSULTATION, COST_OF_CARE};
    let one = |p: Problem| LoadError { problems: vec![p] };
    check_version(text).map_err(one)?;
    let f: ForConsultation = serde_json::from_str(text).map_err(|e| one(does_not_fit(String::new(), e)))?;
    let scenario = Scenario {
        schema: f.schema,
        authority: f.authority,
        as_at: f.as_at,
        rounding: f.rounding,
        cost_per_fte: f.cost_per_fte,
        teams: f.teams,
        options: f.options,
        placements: f.placements,
        budget: f.budget,
        consultation: f.consultation,
        ..Scenario::default()
    };
    let problems: Vec<Problem> =
        crate::validate_sections::<{ CASELOADS | COST_OF_CARE | BUDGET | CONSULTATION }>(&scenario, true)
            .into_iter()
            .filter(|p| p.is_error() && p.path != "as_at")
            .collect();
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(LoadError { problems })
    }
}
