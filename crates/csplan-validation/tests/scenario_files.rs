//! Scenario files, share links and differences: save then load and share then open give
//! back the same scenario; other versions, damaged links and bad fields are refused by
//! message. Runs natively and on wasm32 (where files are read without serde_path_to_error).
#![allow(clippy::expect_used, clippy::indexing_slicing, clippy::unwrap_used, clippy::panic)]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_model::presets::PRESETS;
use csplan_model::{Decimal, Money};
use csplan_validation::json::{differences, Difference};
use csplan_validation::load::read_scenario_json;
use csplan_validation::share::{decode, encode, encode_patch};
use csplan_validation::Problem;
use serde_json::json;
// json.rs

#[test]
fn differences_name_each_leaf_by_path() {
    let a = json!({"teams": [{"name": "A", "cases": "465"}], "rounding": "nearest"});
    let b = json!({"teams": [{"name": "A", "cases": "500"}, {"name": "B"}], "rounding": "nearest"});
    let d = differences(&a, &b);
    assert_eq!(
        d,
        vec![
            Difference { path: "teams[0].cases".into(), a: Some("465".into()), b: Some("500".into()) },
            Difference { path: "teams[1].name".into(), a: None, b: Some("B".into()) },
        ]
    );
}

// load.rs

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
    #[cfg(not(target_arch = "wasm32"))]
    assert_eq!(e.problems[0].path, "teams[0].cases", "{e:?}");
    #[cfg(target_arch = "wasm32")]
    assert!(e.problems[0].message.contains("line 1 column"), "{e:?}");
    v["teams"][0]["cases"] = "-5".into();
    let e = read_scenario_json(&v.to_string()).unwrap_err();
    assert!(e.problems.iter().all(Problem::is_error));
    assert!(e.problems.iter().any(|p| p.path.starts_with("teams[0]")), "{e:?}");
}

// share.rs

#[test]
fn every_preset_shares_as_itself_in_a_short_link() {
    for p in PRESETS {
        let s = (p.build)();
        let link = encode(&s);
        assert!(link.starts_with(&format!("1.{}.", p.id)), "{link}");
        assert!(link.len() < 40, "a preset's own link is short: {link}");
        assert_eq!(decode(&link).unwrap(), s, "{}", p.id);
    }
}

#[test]
fn an_edited_scenario_comes_back_exactly_and_a_changed_link_is_refused() {
    let mut s = (PRESETS[5].build)();
    s.cost_per_fte = Some(Money::new(Decimal::new(4_183_912, 2)));
    if let Some(b) = s.budget.as_mut() {
        if let Some(w) = b.workstreams.get_mut(3) {
            w.amount = Money::pounds(123_456);
        }
    }
    let link = encode(&s);
    assert!(link.len() < 200, "one workstream's amount, not the whole list: {} chars", link.len());
    assert_eq!(decode(&link).unwrap(), s);
    let mut tampered = link.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    assert!(decode(&tampered).unwrap_err().contains("damaged"));
    assert!(decode(&link[..link.len() - 5]).unwrap_err().contains("damaged"));
    assert!(decode("3.example.00000000.e30").unwrap_err().contains("newer csplan"));
    assert!(decode("1.nowhere.00000000.e30").unwrap_err().contains("does not have"));
    assert!(decode("").unwrap_err().contains("missing"));
    assert!(decode("1.example.zz.%%%").unwrap_err().contains("characters"));
}

#[test]
fn a_patch_that_breaks_the_scenario_is_refused_by_field() {
    let patch = r#"{"teams":{"~":1,"0":{"target_caseload":"-3"}}}"#;
    let link = encode_patch("example", patch);
    let e = decode(&link).unwrap_err();
    assert!(e.contains("teams[0]"), "{e}");
    let patch = r#"{"teams":{"~":99999999}}"#;
    let link = encode_patch("example", patch);
    assert!(decode(&link).unwrap_err().contains("damaged"));
}

#[test]
fn a_formulas_inputs_are_found_in_its_record_or_the_records_around_it() {
    let v = json!({"roles": [{"in_post": "10", "measures": {"vacancy_rate": "20"}, "vacancies": "2.5"}], "cost": "1"});
    let near = |name| csplan_validation::json::find_near(&v, "roles[0].measures.vacancy_rate", name);
    assert_eq!(near("vacancies"), Some("2.5".to_string()));
    assert_eq!(near("cost"), Some("1".to_string()));
    assert_eq!(near("nowhere"), None);
    assert_eq!(csplan_validation::json::find_near(&v, "roles[3].x", "cost"), None);
}

// The participants' app: a scenario file read for its consultation alone.

#[test]
fn a_scenario_file_read_for_its_consultation_keeps_what_a_consultation_uses() {
    for preset in PRESETS {
        let s = (preset.build)();
        let json = serde_json::to_string(&s).expect("serialises");
        let read = csplan_validation::load::read_consultation_json(&json).expect("reads");
        assert_eq!(read.consultation, s.consultation, "{}", preset.id);
        assert_eq!(
            (&read.teams, &read.placements, &read.budget),
            (&s.teams, &s.placements, &s.budget),
            "{}",
            preset.id
        );
        assert_eq!((read.cost_per_fte, read.rounding), (s.cost_per_fte, s.rounding), "{}", preset.id);
        assert_eq!(read.workforce, None, "the rest is skipped");
    }
}

#[test]
fn a_consultation_file_with_a_problem_in_what_it_uses_is_refused() {
    let mut s = csplan_model::presets::hampshire_2021();
    if let Some(c) = s.consultation.as_mut() {
        c.levers[0].area = Some("nowhere".into());
    }
    let json = serde_json::to_string(&s).expect("serialises");
    let e = csplan_validation::load::read_consultation_json(&json).expect_err("refused");
    assert!(e.problems.iter().any(|p| p.path == "consultation.levers[0].area"), "{:?}", e.problems);
    let newer = json.replacen("\"schema\":1", "\"schema\":7", 1);
    let e = csplan_validation::load::read_consultation_json(&newer).expect_err("refused");
    assert!(e.problems[0].message.contains("newer csplan"), "{:?}", e.problems);
    // A broken workforce section is skipped, not read: it cannot stop a consultation.
    let valid = serde_json::to_string(&csplan_model::presets::hampshire_2021()).expect("serialises");
    let skipped = valid.replacen("{", "{\"workforce\":{\"roles\":\"not a list\"},", 1);
    assert!(csplan_validation::load::read_consultation_json(&skipped).is_ok());
}

#[test]
fn a_link_names_the_scenarios_own_authority_and_packs_its_field_names() {
    // An authority with no preset of its own (a DfE fill-in) is named as itself, not after
    // the preset its figures are written against.
    let mut s = csplan_model::presets::default_scenario();
    s.authority = "Kent".to_string();
    s.source = "Department for Education, Children's social work workforce, 2017 to 2023 (as at 30 September each year) figures for Kent (E10000016), 30 September 2023. Contains public sector information licensed under the Open Government Licence v3.0.".to_string();
    let link = encode(&s);
    assert!(link.starts_with("2.kent."), "{link}");
    assert!(link.len() < 120, "the DfE source line is two bytes: {} chars", link.len());
    assert_eq!(decode(&link).as_ref(), Ok(&s));
    // A damaged version 2 link is refused like a version 1 link.
    let mut tampered = link.clone();
    let last = tampered.pop().unwrap_or('A');
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    assert!(decode(&tampered).unwrap_err().contains("damaged"));
    // Links made today keep opening: the words are only ever added to.
    let today = "2.kent.b5fda232.ZXhhbXBsZQp7HCJLZW50In0";
    assert_eq!(decode(today).map(|s| s.authority), Ok("Kent".to_string()));
}
