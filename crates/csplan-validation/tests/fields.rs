//! Fields described once: every field is found and set by its path, the form text the
//! browser keeps gives back the same form (including text that is still wrong), a damaged
//! text is refused or skipped without panicking, and messages keep names as typed. Runs
//! natively and on wasm32.
#![allow(clippy::indexing_slicing, clippy::expect_used)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_model::presets::PRESETS;
use csplan_validation::fields::Path;
use csplan_validation::form::ScenarioForm;
use csplan_validation::form_text;

#[test]
fn every_preset_survives_the_form_text_exactly() {
    for preset in PRESETS {
        let form = ScenarioForm::from_scenario(&(preset.build)());
        // What the app embeds (the default) or fetches (`presets/<id>.txt`) when it is loaded.
        let text = form_text::preset(&preset);
        assert_eq!(text, form_text::write(&form), "{}", preset.id);
        assert_eq!(form_text::preset_file(preset.id), format!("presets/{}.txt", preset.id));
        let read = form_text::read(&text).expect("readable");
        assert_eq!(read.skipped, 0, "{}", preset.id);
        assert_eq!(read.form, form, "{}", preset.id);
        assert_eq!(read.form.check().scenario.as_deref(), Some(&(preset.build)()), "{}", preset.id);
    }
}

#[test]
fn text_that_is_still_wrong_is_kept_as_typed() {
    let mut form = ScenarioForm::from_scenario(&csplan_model::presets::west_sussex_2019());
    let path = Path::root("workforce").at("roles", 0).field("vacancies");
    form.edit(&path, "ninety\ttwo\nand a \\ half");
    form.edit(&Path::root("cost_per_fte"), "");
    assert!(form.check().scenario.is_none());
    let back = form_text::read(&form_text::write(&form)).expect("readable").form;
    assert_eq!(back.value(&path).as_deref(), Some("ninety\ttwo\nand a \\ half"));
    assert_eq!(back, form);
}

#[test]
fn every_field_is_found_by_its_path_and_set_by_it() {
    let form = ScenarioForm::from_scenario(&csplan_model::presets::hampshire_2021());
    let paths = form.paths();
    assert!(paths.len() > 300, "{}", paths.len());
    for path in &paths {
        let value = form.value(path).expect("every visited path has a value");
        let mut copy = form.clone();
        assert!(copy.set(path.as_str(), &value, false), "{path}");
        assert_eq!(copy, form, "{path}");
    }
    assert_eq!(form.value(&Path::root("budget").at("workstreams", 2).field("risk")).as_deref(), Some("amber"));
    assert_eq!(form.value(&Path::root("nothing")), None);
    assert_eq!(form.value(&Path::root("teams").index(99).field("name")), None);
}

#[test]
fn an_edit_to_an_item_that_is_not_there_changes_nothing() {
    let form = ScenarioForm::from_scenario(&csplan_model::presets::barnsley_2017());
    let mut copy = form.clone();
    copy.edit(&Path::root("teams").index(7).field("name"), "Ghost");
    copy.edit(&Path::root("workforce").at("roles", 0).field("name"), "Ghost");
    assert_eq!(copy, form);
}

#[test]
fn renaming_an_option_by_its_path_renames_its_ticks() {
    let mut form = ScenarioForm::from_scenario(&csplan_model::presets::barnsley_2017());
    form.edit(&Path::root("options").index(0).field("id"), "one");
    assert_eq!(form.options[0].id, "one");
    assert!(form.teams[0].options.contains(&"one".to_string()));
    assert!(form.check().scenario.is_some());
}

#[test]
fn damaged_and_foreign_texts_are_refused_or_skipped() {
    assert_eq!(form_text::read("").map(|r| r.skipped), Err("The text is not a csplan form".to_string()));
    assert!(form_text::read("{\"schema\": 1}").is_err());
    let newer = form_text::read("csplan-form 9\nauthority\tX").expect_err("newer");
    assert!(newer.contains("newer version"), "{newer}");
    let read = form_text::read(
        "csplan-form 1\nauthority\tKent\nno tab here\nteams[5000].name\tToo far\nrounding\tsideways\n\
         teams[1].name\tSecond\nnowhere.at.all\tx\nteams[0\tbroken\n",
    )
    .expect("readable");
    assert_eq!(read.form.authority, "Kent");
    assert_eq!(read.form.teams.len(), 2, "a list grows to the item named, within the limit");
    assert_eq!(read.form.teams[1].name, "Second");
    assert_eq!(read.skipped, 5);
}

#[test]
fn messages_keep_names_as_typed() {
    let mut form = ScenarioForm::from_scenario(&csplan_model::presets::hampshire_2021());
    let b = form.budget.as_mut().expect("budget");
    b.workstreams[0].name = "Early help redesign (DfE pilot)".into();
    b.workstreams[0].amount.clear();
    let problems = form.check().problems;
    let message = problems
        .iter()
        .find(|p| p.path == "budget.workstreams[0].amount")
        .map(|p| p.message.as_str())
        .expect("a problem");
    assert_eq!(message, "Enter the saving for Early help redesign (DfE pilot), an amount in pounds, like 2,700,000");
}
