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

/// Reads a scenario file's text. Returns the scenario and its warnings, or every error.
pub fn read_scenario_json(text: &str) -> Result<(Scenario, Vec<Problem>), LoadError> {
    let one = |path: &str, message: String| LoadError { problems: vec![Problem::error(path, message)] };
    check_version(text).map_err(|p| LoadError { problems: vec![p] })?;
    let de = &mut serde_json::Deserializer::from_str(text);
    let scenario: Scenario = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        one(&path, format!("This part of the file does not fit a csplan scenario: {}", e.into_inner()))
    })?;
    let problems = validate(&scenario);
    if problems.iter().any(Problem::is_error) {
        return Err(LoadError { problems: problems.into_iter().filter(Problem::is_error).collect() });
    }
    Ok((scenario, problems))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used)]
    use super::*;
    use csplan_model::presets::PRESETS;

    #[test]
    fn every_preset_saves_and_loads_as_itself() {
        for p in PRESETS {
            let s = (p.build)();
            let text = serde_json::to_string_pretty(&s).unwrap();
            let (back, _) = read_scenario_json(&text).unwrap_or_else(|e| panic!("{}: {:?}", p.id, e.problems));
            assert_eq!(back, s, "{}", p.id);
        }
    }

    #[test]
    fn other_versions_bad_json_and_bad_fields_are_refused_by_name() {
        let e = read_scenario_json("{\"schema\": 2}").unwrap_err();
        assert!(e.problems[0].message.contains("newer csplan (format 2)"), "{e:?}");
        let e = read_scenario_json("{\"schema\": 0}").unwrap_err();
        assert!(e.problems[0].message.contains("format 0"), "{e:?}");
        let e = read_scenario_json("{\"authority\": \"x\"}").unwrap_err();
        assert!(e.problems[0].message.contains("no \"schema\""), "{e:?}");
        let e = read_scenario_json("{ not json").unwrap_err();
        assert!(e.problems[0].message.contains("not JSON"), "{e:?}");
        let mut v = serde_json::to_value((PRESETS[0].build)()).unwrap();
        v["teams"][0]["cases"] = "lots".into();
        let e = read_scenario_json(&v.to_string()).unwrap_err();
        assert_eq!(e.problems[0].path, "teams[0].cases", "{e:?}");
        v["teams"][0]["cases"] = "-5".into();
        let e = read_scenario_json(&v.to_string()).unwrap_err();
        assert!(e.problems.iter().all(Problem::is_error));
        assert!(e.problems.iter().any(|p| p.path.starts_with("teams[0]")), "{e:?}");
    }
}
