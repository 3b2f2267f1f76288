//! Scenario files and links across versions and front ends: `csplan diff`, files from
//! other format versions, and share links for every preset.
#![allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used)]

use csplan_model::presets::PRESETS;
use csplan_tests::{csplan, csplan_with_stdin};

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("csplan-scenarios-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("make a scratch folder");
    dir
}

#[test]
fn diff_lists_the_inputs_and_results_that_differ() {
    let dir = scratch("diff");
    let mut b = (PRESETS[1].build)(); // Barnsley 2017
    let a = b.clone();
    b.cost_per_fte = Some(csplan_model::Money::pounds(45_000));
    let (fa, fb) = (dir.join("a.json"), dir.join("b.json"));
    std::fs::write(&fa, serde_json::to_string(&a).unwrap()).unwrap();
    std::fs::write(&fb, serde_json::to_string(&b).unwrap()).unwrap();
    let (fa, fb) = (fa.to_str().unwrap(), fb.to_str().unwrap());
    let same = csplan(&["diff", fa, fa]);
    assert_eq!(same.code, 0, "{}", same.err);
    assert!(same.out.contains("Inputs: no differences."));
    let run = csplan(&["diff", fa, fb]);
    assert_eq!(run.code, 1, "{}", run.err);
    assert!(run.out.contains("Inputs that differ (1):"), "{}", run.out);
    assert!(
        run.out.lines().any(|l| l.starts_with("cost_per_fte") && l.contains("41839") && l.contains("45000")),
        "{}",
        run.out
    );
    let json: serde_json::Value = serde_json::from_str(&csplan(&["diff", fa, fb, "--format", "json"]).out).unwrap();
    assert_eq!(json["inputs"][0]["path"], "cost_per_fte");
    // Barnsley's option 1 at target 18: 14 posts at £41,839 = £585,746; at £45,000, £630,000.
    let cost = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["a"] == "585746")
        .expect("the £585,746 option is among the differences");
    assert_eq!(cost["b"], "630000");
    // A file with problems cannot be compared.
    let mut bad = a.clone();
    bad.authority = String::new();
    let fbad = dir.join("bad.json");
    std::fs::write(&fbad, serde_json::to_string(&bad).unwrap()).unwrap();
    let run = csplan(&["diff", fa, fbad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.err.contains("authority: Enter the name of the local authority"), "{}", run.err);
}

#[test]
fn files_from_other_versions_are_refused_with_a_message() {
    let run = csplan_with_stdin(&["report", "-"], r#"{"schema": 2, "teams": "a new shape"}"#);
    assert_eq!(run.code, 2);
    assert!(run.err.contains("saved by a newer csplan (format 2)"), "{}", run.err);
    let run = csplan_with_stdin(&["validate", "-"], r#"{"authority": "Somewhere"}"#);
    assert_eq!(run.code, 2);
    assert!(run.err.contains("no \"schema\" version"), "{}", run.err);
}

#[test]
fn every_preset_reopens_from_its_share_link() {
    for p in PRESETS {
        let s = (p.build)();
        let link = csplan_validation::share::encode(&s);
        assert_eq!(csplan_validation::share::decode(&link).as_ref(), Ok(&s), "{}", p.id);
    }
}

/// Every figure a report holds, for every preset (and the example with its care-flow
/// section), has a formula: the Explain view never shows a figure without one.
#[test]
fn every_figure_in_every_preset_has_a_formula() {
    let mut missing = std::collections::BTreeSet::new();
    let mut checked = 0;
    for p in PRESETS {
        let s = (p.build)();
        let report = csplan_calc::report(&s).expect("the preset calculates");
        let value = serde_json::to_value(&report).expect("json");
        for (path, leaf) in csplan_validation::json::flatten(&value) {
            let is_figure = leaf == "true" || leaf == "false" || leaf.parse::<csplan_model::Decimal>().is_ok();
            let label = path.ends_with(".id") || path.starts_with("options[") && path.contains("].teams[");
            if !is_figure || label {
                continue;
            }
            checked += 1;
            if csplan_calc::explain::formula(&path).is_none() {
                missing.insert(csplan_calc::explain::pattern(&path));
            }
        }
    }
    assert!(checked > 1_000, "{checked} figures checked");
    assert!(missing.is_empty(), "figures without a formula: {missing:#?}");
}

/// The scenarios behind the fuzzer's findings (`fuzz/regressions/scenarios`): each was
/// accepted by validation yet could not be calculated. Now each is either refused, with
/// the field named, or calculates: a valid scenario never fails to calculate.
#[test]
fn the_fuzzers_findings_are_refused_or_calculate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions/scenarios");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the findings folder") {
        let path = entry.expect("a file").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        seen += 1;
        match csplan_validation::load::read_scenario_json(&text) {
            Err(e) => assert!(!e.problems.is_empty(), "{}", path.display()),
            Ok((s, _)) => {
                assert!(csplan_calc::report(&s).is_ok(), "{} is valid but does not calculate", path.display())
            }
        }
    }
    assert!(seen >= 5, "{seen} findings");
}

#[test]
fn a_figures_path_reads_in_words_from_the_names_around_it() {
    use csplan_validation::json::path_in_words;
    let s = csplan_model::presets::barnsley_2017();
    let report = csplan_calc::report(&s).ok().and_then(|r| serde_json::to_value(r).ok()).unwrap_or_default();
    assert_eq!(
        path_in_words(&report, "options[1].at_targets[0].posts"),
        "Option 2 (recommended): excluding adoption and fostering teams, at a caseload of 18: posts"
    );
    assert_eq!(
        path_in_words(&report, "teams[0].additional_fte"),
        "Assessment, safeguarding, children in care and care leavers teams: additional FTE"
    );
    assert_eq!(path_in_words(&report, "totals.cost"), "totals: cost");
    assert_eq!(
        path_in_words(&report, "nowhere[3].at_all"),
        "nowhere[3].at_all",
        "a path not in the report stays a path"
    );
}

#[test]
fn a_papers_source_line_is_never_a_presets_under_another_authoritys_name() {
    let mut s = csplan_model::presets::default_scenario();
    assert_eq!(csplan_model::presets::source_in_words(&s), s.source, "the example as it is says what it is");
    s.authority = "Kent County Council".to_string();
    assert_eq!(
        csplan_model::presets::source_in_words(&s),
        "Figures entered by you for Kent County Council, starting from the \u{201c}Example council (default)\u{201d} preset."
    );
    s.source = "Kent's own budget book, 2024".to_string();
    assert_eq!(csplan_model::presets::source_in_words(&s), "Kent's own budget book, 2024");
}

#[test]
fn rows_left_as_the_preset_has_them_are_named_once_the_scenario_is_another_authoritys() {
    let mut s = csplan_model::presets::default_scenario();
    assert_eq!(csplan_model::presets::unchanged_rows(&s), None, "the example as it is is the example");
    s.authority = "Kent County Council".to_string();
    let all: Vec<String> = s.teams.iter().map(|t| t.name.clone()).collect();
    let (title, rows) = csplan_model::presets::unchanged_rows(&s).unwrap_or_default();
    assert_eq!(title, "Example council (default)");
    assert!(all.iter().all(|t| rows.contains(t)), "{rows:?}");
    // A team group the user changed is theirs; the others are still the example's.
    if let Some(t) = s.teams.first_mut() {
        t.target_caseload = csplan_model::Decimal::from(15);
    }
    let (_, rows) = csplan_model::presets::unchanged_rows(&s).unwrap_or_default();
    assert!(all.first().is_some_and(|t| !rows.contains(t)) && all.iter().skip(1).all(|t| rows.contains(t)), "{rows:?}");
    s.source = "Kent's own figures".to_string();
    assert_eq!(csplan_model::presets::unchanged_rows(&s), None, "a source of their own: nothing is the preset's");
}
