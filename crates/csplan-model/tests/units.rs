//! Units, number formatting and the scenario file format. Runs natively and on wasm32.
#![allow(clippy::indexing_slicing)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_model::dec::parse_text;
use csplan_model::fmt::{grouped, short};
use csplan_model::presets::PRESETS;
use csplan_model::{Decimal, Money, Scenario};

fn dec(text: &str) -> Decimal {
    parse_text(text).unwrap_or_else(|| unreachable!("{text}"))
}

#[test]
fn money_displays_to_the_pound_halves_up() {
    assert_eq!(Money::pounds(585_746).display_pounds(), "£585,746");
    assert_eq!(Money::new(dec("376550.5")).display_pounds(), "£376,551");
    assert_eq!(Money::new(dec("-485848")).display_pounds(), "-£485,848");
    assert_eq!(Money::new(dec("605410.325")).display_pence(), "£605,410.33");
    assert_eq!(Money::new(dec("0.4")).display_pounds(), "£0");
    assert_eq!(Money::new(dec("-0.4")).display_pounds(), "£0");
}

#[test]
fn grouping_and_places() {
    assert_eq!(grouped(dec("1527.68"), 1), "1,527.7");
    assert_eq!(grouped(dec("1000000"), 0), "1,000,000");
    assert_eq!(grouped(dec("999.95"), 1), "1,000.0");
    assert_eq!(short(dec("21.70"), 2), "21.7");
    assert_eq!(short(dec("18"), 2), "18");
    assert_eq!(short(dec("14.4711"), 2), "14.47");
}

#[test]
fn typed_numbers_are_read_exactly_or_refused() {
    assert_eq!(parse_text(" £41,839 "), Some(dec("41839")));
    assert_eq!(parse_text("62.80"), Some(dec("62.8")));
    assert_eq!(parse_text("-3"), Some(dec("-3")));
    assert_eq!(parse_text("1,234,567.5"), Some(dec("1234567.5")));
    for bad in ["", "abc", "1e5", "1,5", "12,34", "1.2.3", "--1", "NaN", "½", "1 000"] {
        assert_eq!(parse_text(bad), None, "{bad:?} should be refused");
    }
}

#[test]
fn presets_round_trip_through_json_exactly() {
    for preset in PRESETS {
        let scenario = (preset.build)();
        let json = serde_json::to_string(&scenario).unwrap_or_default();
        let back: Result<Scenario, _> = serde_json::from_str(&json);
        assert_eq!(back.ok(), Some(scenario), "{}", preset.id);
    }
}

#[test]
fn decimals_are_written_as_strings_and_fractional_json_numbers_refused() {
    let scenario = (PRESETS[1].build)();
    let json = serde_json::to_value(&scenario).unwrap_or_default();
    assert_eq!(json["cost_per_fte"], "41839");
    assert_eq!(json["teams"][0]["case_holding_fte"], "62.8");
    assert_eq!(json["schema"], 1);
    let mut whole = json.clone();
    whole["cost_per_fte"] = serde_json::json!(41839);
    assert!(serde_json::from_value::<Scenario>(whole).is_ok(), "whole numbers are exact");
    let mut float = json.clone();
    float["teams"][0]["case_holding_fte"] = serde_json::json!(62.8);
    let err = serde_json::from_value::<Scenario>(float).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("written as a string"), "{err}");
    let mut unknown = json;
    unknown["teams"][0]["caseload"] = serde_json::json!("20");
    assert!(serde_json::from_value::<Scenario>(unknown).is_err(), "unknown fields are refused");
}

#[test]
fn axis_labels_shorten_pounds() {
    use csplan_model::fmt::axis_pounds;
    let d = |s: &str| s.parse::<csplan_model::Decimal>().unwrap_or_default();
    assert_eq!(axis_pounds(d("30000000")), "£30m");
    assert_eq!(axis_pounds(d("2500000")), "£2.5m");
    assert_eq!(axis_pounds(d("1250000")), "£1.25m");
    assert_eq!(axis_pounds(d("750000")), "£750k");
    assert_eq!(axis_pounds(d("900")), "£900");
    assert_eq!(axis_pounds(d("0")), "£0");
}

#[test]
fn dates_are_written_as_people_write_them() {
    assert_eq!(csplan_model::fmt::long_date("2024-01-08"), "8 January 2024");
    assert_eq!(csplan_model::fmt::long_date("2030-12-31"), "31 December 2030");
    assert_eq!(csplan_model::fmt::long_date("2024-13-01"), "2024-13-01");
    assert_eq!(csplan_model::fmt::long_date("soon"), "soon");
}
