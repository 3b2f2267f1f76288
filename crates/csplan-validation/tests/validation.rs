//! Every problem at once, with paths and GOV.UK-style messages. Runs natively and on wasm32.
#![allow(clippy::indexing_slicing, clippy::expect_used)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_model::presets::{barnsley_2017, PRESETS};
use csplan_validation::form::ScenarioForm;
use csplan_validation::{field_id, is_iso_date, validate, Problem, Severity};

fn errors(problems: &[Problem]) -> Vec<(String, String)> {
    problems.iter().filter(|p| p.is_error()).map(|p| (p.path.clone(), p.message.clone())).collect()
}

#[test]
fn presets_are_valid_without_warnings() {
    for preset in PRESETS {
        assert_eq!(validate(&(preset.build)()), vec![], "{}", preset.id);
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut s = barnsley_2017();
    s.authority = " ".into();
    s.as_at = "2017-02-30".into();
    if let Some(t) = s.teams.get_mut(1) {
        t.target_caseload = 0.into();
        t.case_holding_fte = csplan_model::Fte::new((-1).into());
        t.options.push("9".into());
    }
    if let Some(t) = s.teams.get_mut(2) {
        t.cases = None;
        t.current_caseload = None;
    }
    let found = errors(&validate(&s));
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "authority",
            "as_at",
            "teams[1].case_holding_fte",
            "teams[1].target_caseload",
            "teams[1].options[2]",
            "teams[2].cases"
        ]
    );
    assert!(found.contains(&(
        "teams[1].target_caseload".to_string(),
        "Enter a target caseload greater than 0 for Disabled children's teams".to_string()
    )));
}

#[test]
fn a_typed_form_keeps_every_problem_and_names_the_field() {
    let mut form = ScenarioForm::from_scenario(&barnsley_2017());
    form.teams[0].target_caseload = "eighteen".into();
    form.teams[1].case_holding_fte = String::new();
    form.cost_per_fte = "£41,839".into();
    let checked = form.check();
    assert_eq!(checked.scenario, None);
    assert_eq!(
        errors(&checked.problems),
        vec![
            (
                "teams[0].target_caseload".to_string(),
                "Target caseload for Assessment, safeguarding, children in care and care leavers teams must be a number, like 18".to_string()
            ),
            ("teams[1].case_holding_fte".to_string(), "Enter the case-holding FTE for Disabled children's teams, like 62.8".to_string()),
        ]
    );
}

#[test]
fn a_clean_form_gives_back_the_scenario() {
    let scenario = barnsley_2017();
    let checked = ScenarioForm::from_scenario(&scenario).check();
    assert_eq!(checked.problems, vec![]);
    assert_eq!(checked.scenario.as_deref(), Some(&scenario));
}

#[test]
fn disagreeing_cases_and_caseload_is_a_warning_not_an_error() {
    let mut form = ScenarioForm::from_scenario(&barnsley_2017());
    form.teams[0].cases = "1000".into();
    let checked = form.check();
    assert!(checked.scenario.is_some());
    let warning = checked.problems.first().map(|p| (p.severity, p.path.as_str()));
    assert_eq!(warning, Some((Severity::Warning, "teams[0].current_caseload")));
}

#[test]
fn field_ids_and_dates() {
    assert_eq!(field_id("teams[1].target_caseload"), "teams-1-target_caseload");
    assert_eq!(field_id("cost_per_fte"), "cost_per_fte");
    assert!(is_iso_date("2024-02-29"));
    assert!(!is_iso_date("2023-02-29"));
    assert!(!is_iso_date("30/09/2017"));
    assert!(!is_iso_date("2017-9-30"));
}

#[test]
fn editing_options_keeps_team_ticks_in_step() {
    let mut form = ScenarioForm::from_scenario(&barnsley_2017());
    form.set_option_id(1, "two".into());
    assert_eq!(form.teams[0].options, vec!["1", "two", "3"]);
    assert!(form.check().scenario.is_some(), "renaming keeps the scenario valid");
    form.set_membership(2, 1, true);
    assert_eq!(form.teams[2].options, vec!["3", "two"]);
    form.set_membership(2, 1, false);
    assert_eq!(form.teams[2].options, vec!["3"]);
    form.remove_option(0);
    assert_eq!(form.teams[0].options, vec!["two", "3"]);
    let added = form.add_option();
    assert_eq!(form.options[added].id, "1", "the first free id is reused");
    let team = form.add_team();
    assert_eq!(form.teams[team].target_caseload, "18");
    form.remove_team(team);
    form.remove_team(99);
    assert_eq!(form.teams.len(), 3);
}

#[test]
fn a_team_without_errors_is_usable_while_another_is_wrong() {
    let mut form = ScenarioForm::from_scenario(&barnsley_2017());
    form.teams[1].target_caseload = "0".into();
    let checked = form.check();
    assert!(checked.scenario.is_none());
    assert!(checked.team_ok(0) && !checked.team_ok(1) && checked.team_ok(2) && !checked.team_ok(3));
    form.cost_per_fte = "x".into();
    assert!(!form.check().team_ok(0), "a bad cost per FTE affects every team group");
}

#[test]
fn the_workforce_form_round_trips_and_names_bad_fields() {
    let scenario = csplan_model::presets::west_sussex_2019();
    let mut form = ScenarioForm::from_scenario(&scenario);
    assert_eq!(form.check().scenario.as_deref(), Some(&scenario));
    let w = form.workforce.as_mut().unwrap_or_else(|| unreachable!());
    w.roles[0].vacancies = "lots".into();
    w.roles[2].agency_covering_vacancies = "20".into();
    w.projection.months = "3.5".into();
    let started = w.add_starters(1, csplan_model::StarterKind::Permanent);
    assert_eq!(started, Some(0));
    let checked = form.check();
    assert_eq!(checked.scenario, None);
    let found: Vec<&str> = checked.problems.iter().filter(|p| p.is_error()).map(|p| p.path.as_str()).collect();
    assert_eq!(
        found,
        vec![
            "workforce.roles[0].vacancies",
            "workforce.roles[1].pipeline[0].fte",
            "workforce.roles[2].agency_covering_vacancies",
            "workforce.projection.months",
        ]
    );
    let message =
        |path: &str| checked.problems.iter().find(|p| p.path == path).map(|p| p.message.clone()).unwrap_or_default();
    assert_eq!(message("workforce.roles[0].vacancies"), "Vacancies for Social workers must be an FTE, like 92.84");
    assert_eq!(
        message("workforce.projection.months"),
        "The projection length must be a whole number, a number of months, like 36"
    );
}

#[test]
fn every_preset_comes_back_unchanged_through_the_form() {
    for preset in PRESETS {
        let scenario = (preset.build)();
        let checked = ScenarioForm::from_scenario(&scenario).check();
        assert_eq!(checked.problems, vec![], "{}", preset.id);
        assert_eq!(checked.scenario.as_deref(), Some(&scenario), "{}", preset.id);
    }
}

#[test]
fn unreadable_cost_of_care_fields_are_named_and_kept_as_typed() {
    let mut form = ScenarioForm::from_scenario(&csplan_model::presets::portsmouth_2017());
    let placements = form.placements.as_mut().expect("Portsmouth has placements");
    placements.lines[3].number = "seventeen".into();
    placements.weeks_per_year = String::new();
    form.budget_history[1].spend = "£9.5m".into();
    form.invest_to_save.as_mut().expect("and an invest-to-save case").discount_rate = "3.5%".into();
    let checked = form.check();
    assert!(checked.scenario.is_none());
    assert_eq!(
        errors(&checked.problems),
        vec![
            (
                "placements.lines[3].number".to_string(),
                format!(
                    "The number of placements for {} must be a number, like 17.1",
                    form.placements.as_ref().map(|p| p.lines[3].name.clone()).unwrap_or_default()
                )
            ),
            (
                "placements.weeks_per_year".to_string(),
                "Enter the weeks in a year, a number, like 52 or 52.14".to_string()
            ),
            (
                "budget_history[1].spend".to_string(),
                "The spend for 2014/15 must be an amount in pounds, like 9,561,000".to_string()
            ),
            (
                "invest_to_save.discount_rate".to_string(),
                "The discount rate must be a percentage, like 3.5".to_string()
            ),
        ]
    );
    assert_eq!(form.placements.as_ref().map(|p| p.lines[3].number.as_str()), Some("seventeen"));
}

#[test]
fn removing_a_placement_line_drops_or_renumbers_the_mix_changes_on_it() {
    use csplan_validation::cost_form::{ChangeForm as PlacementChange, PlacementsForm};
    let mut p = PlacementsForm::from_placements(
        csplan_model::presets::portsmouth_2017().placements.as_ref().expect("Portsmouth has placements"),
    );
    let n = p.lines.len();
    p.changes = vec![
        PlacementChange { line: 0, to: Some(n - 1), number: "1".into() },
        PlacementChange { line: 2, to: Some(3), number: "2".into() },
    ];
    p.remove_line(1);
    assert_eq!(p.lines.len(), n - 1);
    assert_eq!(
        p.changes,
        vec![
            PlacementChange { line: 0, to: Some(n - 2), number: "1".into() },
            PlacementChange { line: 1, to: Some(2), number: "2".into() },
        ]
    );
    p.remove_line(0);
    assert_eq!(p.changes, vec![PlacementChange { line: 0, to: Some(1), number: "2".into() }]);
}

#[test]
fn demand_years_are_added_and_removed_in_every_series_at_once() {
    let mut form = ScenarioForm::from_scenario(&csplan_model::presets::portsmouth_2017());
    let d = form.demand.as_mut().expect("Portsmouth has demand series");
    let series = d.series.len();
    assert_eq!(d.add_year(), 5);
    assert_eq!(d.years[5], "2017", "labelled as the year after the last");
    assert!(d.series.iter().all(|s| s.values.len() == 6));
    d.series[0].values[5] = "1,100".into();
    d.series[1].values[5] = "about 900".into();
    let checked = form.check();
    // Blank values in the other series and one unreadable one are all named by year.
    let problems = errors(&checked.problems);
    assert_eq!(problems.len(), series - 1);
    assert!(problems.contains(&(
        "demand.series[1].values[5]".to_string(),
        "The figure for series 2 in 2017 must be a number, like 1,958".to_string()
    )));
    assert!(problems.contains(&(
        "demand.series[2].values[5]".to_string(),
        "Enter the figure for series 3 in 2017, a number, like 1,958".to_string()
    )));
    let d = form.demand.as_mut().expect("still there");
    d.remove_year(5);
    assert!(d.series.iter().all(|s| s.values.len() == 5));
    assert_eq!(form.check().scenario.as_deref(), Some(&csplan_model::presets::portsmouth_2017()), "back to the preset");
}

#[test]
fn a_stock_flow_section_starts_from_the_placement_lines_and_round_trips() {
    use csplan_validation::demand_form::{CareFlowsForm, CareMoveForm};
    let mut form = ScenarioForm::from_scenario(&csplan_model::presets::portsmouth_2017());
    let mut flows = CareFlowsForm::from_placement_lines(form.placements.as_ref());
    assert_eq!(flows.types.len(), 6);
    assert_eq!((flows.types[5].name.as_str(), flows.types[5].children.as_str()), ("External residential", "16.02"));
    assert_eq!(flows.types[5].annual_cost, "163560");
    flows.moves.push(CareMoveForm { from: 1, to: 5, rate: "0.5".into() });
    flows.moves.push(CareMoveForm { from: 5, to: 0, rate: "1".into() });
    flows.types[1].exit_rate = "2.5".into();
    form.care_flows = Some(flows);
    let checked = form.check();
    assert_eq!(checked.problems, vec![]);
    let scenario = checked.scenario.expect("valid");
    assert_eq!(ScenarioForm::from_scenario(&scenario).check().scenario.as_deref(), Some(&*scenario));
    // Removing a type drops the moves that touch it and renumbers the others.
    let mut again = ScenarioForm::from_scenario(&scenario);
    let c = again.care_flows.as_mut().expect("kept");
    c.remove_type(1);
    assert_eq!(c.moves, vec![CareMoveForm { from: 4, to: 0, rate: "1".into() }]);
    c.types[0].children = "two hundred".into();
    assert_eq!(
        errors(&again.check().problems),
        vec![(
            "care_flows.types[0].children".to_string(),
            "Children in In-house foster care must be a number, like 206".to_string()
        )]
    );
}

#[test]
fn an_estimate_for_all_children_is_shared_across_types_by_their_children() {
    use csplan_validation::demand_form::CareFlowsForm;
    let form = ScenarioForm::from_scenario(&csplan_model::presets::portsmouth_2017());
    let mut flows = CareFlowsForm::from_placement_lines(form.placements.as_ref());
    // 469.45 children in all; 206 in in-house foster care get 206 / 469.45 of 13.6 a month.
    flows.apply_estimate("13.6".parse().unwrap_or_default(), "3.5359".parse().unwrap_or_default()).expect("readable");
    assert_eq!(flows.types[0].entrants_per_month, "5.97");
    assert!(flows.types.iter().all(|t| t.exit_rate == "3.54"));
    let typed = flows.clone();
    flows.types[2].children = "sixty-four".into();
    let err = flows.apply_estimate(13.into(), 3.into()).expect_err("unreadable");
    assert!(err.contains("Adoption allowances"), "{err}");
    flows.types[2].children = typed.types[2].children.clone();
    assert_eq!(flows, typed, "nothing else changed");
}
