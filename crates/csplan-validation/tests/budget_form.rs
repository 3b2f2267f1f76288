//! The budget section as typed text: adding and removing areas, workstreams, pressures,
//! plan years and home to school transport the way the Budget page's buttons do, with every
//! unreadable field named and kept. Runs natively and on wasm32.
#![allow(clippy::indexing_slicing, clippy::expect_used)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_model::presets::{default_scenario, hampshire_2021};
use csplan_model::{Money, Risk};
use csplan_validation::budget_form::BudgetForm;
use csplan_validation::form::ScenarioForm;
use csplan_validation::Problem;

fn errors(problems: &[Problem]) -> Vec<(String, String)> {
    problems.iter().filter(|p| p.is_error()).map(|p| (p.path.clone(), p.message.clone())).collect()
}

fn error(path: &str, message: &str) -> (String, String) {
    (path.to_string(), message.to_string())
}

fn hampshire() -> ScenarioForm {
    ScenarioForm::from_scenario(&hampshire_2021())
}

fn budget(form: &mut ScenarioForm) -> &mut BudgetForm {
    form.budget.as_mut().expect("a budget section")
}

#[test]
fn a_new_workstream_is_in_the_first_area_with_a_budget_all_in_the_first_year() {
    let mut form = hampshire();
    let b = budget(&mut form);
    let i = b.add_workstream();
    assert_eq!(i, 21);
    let w = &b.workstreams[i];
    assert_eq!((w.area.as_str(), w.phasing.clone(), w.risk), ("csc", vec!["100".into(), "0".into()], Risk::Green));
    // Blank: the saving is asked for (and nothing else about the workstream until it reads).
    assert_eq!(
        errors(&form.check().problems),
        vec![error(
            "budget.workstreams[21].amount",
            "Enter the saving for workstream 22, an amount in pounds, like 2,700,000"
        )]
    );
    let b = budget(&mut form);
    b.workstreams[i].amount = "1,000,000".into();
    assert_eq!(
        errors(&form.check().problems),
        vec![error("budget.workstreams[21].name", "Enter a name for workstream 22")]
    );
    let b = budget(&mut form);
    b.workstreams[i].name = "Edge of care".into();
    b.workstreams[i].amount = "£1m".into();
    let checked = form.check();
    assert_eq!(
        errors(&checked.problems),
        vec![error(
            "budget.workstreams[21].amount",
            "The saving for Edge of care must be an amount in pounds, like 2,700,000"
        )]
    );
    assert_eq!(checked.scenario, None);
    assert_eq!(budget(&mut form).workstreams[i].amount, "£1m", "what was typed is kept");
    let b = budget(&mut form);
    b.workstreams[i].amount = "1,000,000".into();
    b.workstreams[i].risks = "Depends on recruiting".into();
    b.workstreams[i].equality_impact = "None expected".into();
    let scenario = form.check().scenario.expect("valid");
    let w = &scenario.budget.as_ref().expect("budget").workstreams[i];
    assert_eq!(
        (w.amount, w.risks.as_str(), w.equality_impact.as_str()),
        (Money::pounds(1_000_000), "Depends on recruiting", "None expected")
    );
    // Remove it again: back to the preset.
    budget(&mut form).remove_workstream(i);
    budget(&mut form).remove_workstream(99);
    assert_eq!(form.check().scenario.as_deref(), Some(&hampshire_2021()));
}

#[test]
fn a_workstream_with_no_areas_has_no_area_and_says_so() {
    let mut b = BudgetForm::new_section();
    b.remove_area(0).expect("an unused area goes");
    let i = b.add_workstream();
    assert_eq!((b.workstreams[i].area.as_str(), b.workstreams[i].phasing.len()), ("", 1));
    let mut form = ScenarioForm { budget: Some(b), ..ScenarioForm::default() };
    budget(&mut form).workstreams[i].name = "Edge of care".into();
    budget(&mut form).workstreams[i].amount = "5".into();
    let found = errors(&form.check().problems);
    assert!(
        found.contains(&error("budget.workstreams[0].area", "Choose the budget area Edge of care saves from")),
        "{found:?}"
    );
}

#[test]
fn a_new_area_gets_a_free_id_and_asks_for_its_name_and_budget() {
    let mut form = hampshire();
    let b = budget(&mut form);
    let i = b.add_area();
    assert_eq!((i, b.areas[i].id.as_str()), (8, "area-9"));
    b.areas[7].id = "area-10".into();
    let j = b.add_area();
    assert_eq!(b.areas[j].id, "area-11", "no id is used twice");
    b.areas.pop();
    b.areas[7].id = "yot".into();
    assert_eq!(
        errors(&form.check().problems),
        vec![
            error("budget.areas[8].name", "Enter a name for budget area 9"),
            error(
                "budget.areas[8].budget",
                "Enter the budget for budget area 9, like 152,140,000, or mark it as a funding line"
            ),
        ]
    );
    let b = budget(&mut form);
    b.areas[i].name = "Early help".into();
    b.areas[i].budget = "4.2 million".into();
    b.areas[i].statutory_minimum = "three".into();
    assert_eq!(
        errors(&form.check().problems),
        vec![
            error("budget.areas[8].budget", "The budget for Early help must be an amount in pounds, like 152,140,000"),
            error(
                "budget.areas[8].statutory_minimum",
                "The statutory minimum for Early help must be an amount in pounds, like 140,000,000"
            ),
        ]
    );
    let b = budget(&mut form);
    assert_eq!((b.areas[i].budget.as_str(), b.areas[i].statutory_minimum.as_str()), ("4.2 million", "three"));
    b.areas[i].budget = String::new();
    b.areas[i].statutory_minimum = String::new();
    b.areas[i].funding = true;
    let scenario = form.check().scenario.expect("a funding line needs no budget");
    let area = &scenario.budget.as_ref().expect("budget").areas[i];
    assert_eq!((area.id.as_str(), area.funding, area.budget), ("area-9", true, None));
}

#[test]
fn an_area_in_use_is_not_removed_and_the_message_names_its_workstreams() {
    let mut form = hampshire();
    let before = form.clone();
    assert_eq!(
        form.remove_budget_area(3),
        Err("Children with disabilities cannot be removed while 2 workstreams save from it: Overnight respite, \
             Short break activities. Move them to another area or remove them first"
            .to_string())
    );
    assert_eq!(
        form.remove_budget_area(0),
        Err("Government funding cannot be removed while 1 workstream saves from it: Government funding (assumed \
             from the Spending Review). Move it to another area or remove it first"
            .to_string())
    );
    assert_eq!(form, before, "nothing changes");
    // Move the two to children's social care: now only the consultation's levers use it.
    let b = budget(&mut form);
    for w in b.workstreams.iter_mut().filter(|w| w.area == "cwd") {
        w.area = "csc".into();
    }
    assert_eq!(
        form.remove_budget_area(3),
        Err("Children with disabilities cannot be removed while the consultation offers savings from it: \
             Overnight respite, Short break activities"
            .to_string())
    );
    form.consultation = None;
    assert_eq!(form.remove_budget_area(3), Ok(()));
    assert_eq!(form.remove_budget_area(99), Ok(()));
    let b = budget(&mut form);
    assert_eq!(b.areas.len(), 7);
    assert_eq!(b.areas[3].id, "htst");
    // The savings move with the workstreams: the total is unchanged.
    assert!(form.check().scenario.is_some());
}

#[test]
fn a_new_area_can_be_removed_at_once() {
    let mut form = hampshire();
    let i = budget(&mut form).add_area();
    assert_eq!(form.remove_budget_area(i), Ok(()));
    assert_eq!(form.check().scenario.as_deref(), Some(&hampshire_2021()));
}

#[test]
fn renaming_an_area_id_takes_its_workstreams_and_levers_with_it() {
    let mut form = hampshire();
    form.set_budget_area_id(3, "disabled-children".into());
    let b = budget(&mut form);
    assert_eq!(b.areas[3].id, "disabled-children");
    assert_eq!(b.workstreams.iter().filter(|w| w.area == "disabled-children").count(), 2);
    assert!(!b.workstreams.iter().any(|w| w.area == "cwd"));
    let levers = form.consultation.as_ref().expect("a consultation").levers.iter();
    assert_eq!(levers.filter(|l| l.area.as_deref() == Some("disabled-children")).count(), 2);
    assert_eq!(form.check().problems, vec![], "still valid");
    // Two areas with one id: which one the workstreams meant is ambiguous, so they stay.
    form.set_budget_area_id(4, "disabled-children".into());
    form.set_budget_area_id(4, "transport".into());
    let b = budget(&mut form);
    assert_eq!(b.workstreams.iter().filter(|w| w.area == "disabled-children").count(), 3);
    assert_eq!(b.workstreams_in_area(3).len(), 3);
    form.set_budget_area_id(99, "nowhere".into());
}

#[test]
fn pressures_are_added_named_and_removed() {
    let mut form = hampshire();
    let b = budget(&mut form);
    let i = b.add_pressure();
    assert_eq!((i, b.pressures[i].amounts.len()), (1, 2));
    assert_eq!(
        errors(&form.check().problems),
        vec![error("budget.pressures[1].name", "Enter a name for pressure 2")],
        "blank amounts are £0"
    );
    let b = budget(&mut form);
    b.pressures[i].amounts[1] = "lots".into();
    assert_eq!(
        errors(&form.check().problems),
        vec![error(
            "budget.pressures[1].amounts[1]",
            "Pressure 2 in 2023/24 must be an amount in pounds, like 900,000"
        )]
    );
    let b = budget(&mut form);
    b.pressures[i].name = "More children in care".into();
    b.pressures[i].amounts[1] = "lots".into();
    assert_eq!(
        errors(&form.check().problems),
        vec![error(
            "budget.pressures[1].amounts[1]",
            "More children in care in 2023/24 must be an amount in pounds, like 900,000"
        )]
    );
    let b = budget(&mut form);
    assert_eq!(b.pressures[i].amounts[1], "lots");
    b.pressures[i].amounts = vec!["500,000".into(), "250,000".into()];
    let scenario = form.check().scenario.expect("valid");
    assert_eq!(
        scenario.budget.as_ref().expect("budget").pressures[1].amounts,
        vec![Money::pounds(500_000), Money::pounds(250_000)]
    );
    budget(&mut form).remove_pressure(i);
    budget(&mut form).remove_pressure(5);
    assert_eq!(form.check().scenario.as_deref(), Some(&hampshire_2021()));
}

#[test]
fn plan_years_are_added_and_removed_in_every_workstream_and_pressure() {
    let mut form = hampshire();
    let b = budget(&mut form);
    assert_eq!(b.add_year(), 2);
    assert_eq!(b.years[2], "2024/25", "labelled as the year after the last");
    assert!(b.workstreams.iter().all(|w| w.phasing.len() == 3 && w.phasing[2] == "0"));
    assert!(b.pressures.iter().all(|p| p.amounts.len() == 3 && p.amounts[2].is_empty()));
    assert_eq!(errors(&form.check().problems), vec![], "nothing phased in it, nothing pressing");
    let b = budget(&mut form);
    b.remove_year(0);
    assert_eq!(b.years, vec!["2023/24", "2024/25"]);
    assert_eq!(b.workstreams[5].phasing, vec!["50", "0"]);
    b.remove_year(7);
    b.remove_year(1);
    b.add_year();
    assert_eq!(b.years, vec!["2023/24", "2024/25"]);
    let mut empty = BudgetForm::default();
    assert_eq!(empty.add_year(), 0);
    assert_eq!(empty.years, vec![""]);
}

#[test]
fn transport_is_added_with_its_drivers_and_removed() {
    let mut form = hampshire();
    let b = budget(&mut form);
    b.add_transport();
    let t = b.transport.as_mut().expect("added");
    assert_eq!((t.base_adjustment.as_str(), t.growth_a_year.as_str(), t.travellers.as_str()), ("0", "0", ""));
    assert_eq!(errors(&form.check().problems), vec![]);
    let t = budget(&mut form).transport.as_mut().expect("kept");
    t.base_adjustment = "2,400,000".into();
    t.travellers = "1,800".into();
    t.unit_cost = "nine thousand".into();
    t.traveller_growth = "3%".into();
    assert_eq!(
        errors(&form.check().problems),
        vec![
            error("budget.transport.drivers.unit_cost", "The cost a traveller must be an amount in pounds, like 9,500"),
            error("budget.transport.drivers.traveller_growth", "Growth in travellers must be a percentage, like 3.3"),
        ]
    );
    let t = budget(&mut form).transport.as_mut().expect("kept");
    t.unit_cost = "9,500".into();
    t.traveller_growth = "3".into();
    let scenario = form.check().scenario.expect("valid");
    let drivers = scenario.budget.as_ref().and_then(|b| b.transport.as_ref()).and_then(|t| t.drivers.as_ref());
    assert_eq!(drivers.map(|d| d.unit_cost), Some(Money::pounds(9_500)));
    let b = budget(&mut form);
    b.add_transport();
    assert_eq!(b.transport.as_ref().map(|t| t.travellers.as_str()), Some("1,800"), "adding again keeps it");
    b.remove_transport();
    assert_eq!(form.check().scenario.as_deref(), Some(&hampshire_2021()));
}

#[test]
fn a_new_section_asks_for_its_year_and_area() {
    let form = ScenarioForm {
        budget: Some(BudgetForm::new_section()),
        ..ScenarioForm::from_scenario(&csplan_model::presets::barnsley_2017())
    };
    let b = form.budget.as_ref().expect("added");
    assert_eq!([&b.delivery.green, &b.delivery.amber, &b.delivery.red], ["100", "75", "25"]);
    assert_eq!(
        errors(&form.check().problems),
        vec![
            error("budget.areas[0].name", "Enter a name for budget area 1"),
            error(
                "budget.areas[0].budget",
                "Enter the budget for budget area 1, like 152,140,000, or mark it as a funding line"
            ),
            error("budget.years[0]", "Enter a name for plan year 1, like 2022/23"),
        ]
    );
}

#[test]
fn labels_fall_back_to_numbers() {
    let mut b = BudgetForm::from_budget(default_scenario().budget.as_ref().expect("a budget"));
    assert_eq!(b.area_label(1), "Early help and family support");
    assert_eq!(b.workstream_label(2), "Review transport routes");
    assert_eq!(b.pressure_label(1), "Pay award");
    b.workstreams[2].name = " ".into();
    assert_eq!(b.workstream_label(2), "workstream 3");
    assert_eq!(b.area_label(9), "budget area 10");
    assert_eq!(b.workstreams_in_area(0), vec!["Merge two children's homes"]);
    assert_eq!(b.workstreams_in_area(9), Vec::<String>::new());
}
