//! The shipped DfE table reads and lookups work. Runs natively and on wasm32.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_data::{find_authority, parse_workforce, workforce_rows, Level};

#[test]
fn the_table_reads_on_every_target() {
    let rows = workforce_rows().unwrap_or_default();
    assert_eq!(rows.len(), 1137);
    assert_eq!(rows.iter().filter(|r| r.level == Level::Authority).count(), 1053);
}

#[test]
fn authorities_are_found_by_name_or_code_and_near_misses_suggested() {
    let rows = workforce_rows().unwrap_or_default();
    assert_eq!(find_authority(&rows, "west sussex"), Ok("E10000032".to_string()));
    assert_eq!(find_authority(&rows, "E08000016"), Ok("E08000016".to_string()));
    assert_eq!(find_authority(&rows, "370"), Ok("E08000016".to_string()));
    let miss = find_authority(&rows, "Portsmuth").err().unwrap_or_default();
    assert_eq!(miss.first().map(String::as_str), Some("Portsmouth"));
}

#[test]
fn a_damaged_table_is_an_error_naming_the_line() {
    let err = parse_workforce("header\n2023\tX\n").err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("line 2"), "{err}");
}
