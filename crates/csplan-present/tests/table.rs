//! A results table as text, CSV and JSON: names left and figures right, exact figures in
//! CSV under headers that say their unit, nothing a spreadsheet would run as a formula, and
//! JSON that any parser reads. Runs natively and on wasm32.
#![allow(clippy::indexing_slicing, clippy::expect_used)] // tests: a missing element is a test failure, which is what we want

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use csplan_model::{Decimal, Money};
use csplan_present::{Cell, Column, Table, Unit};

fn example() -> Table {
    let mut t = Table::new(
        "example",
        "An example",
        vec![Column::new("Name", Unit::Text), Column::new("Cost", Unit::Pounds), Column::new("Share", Unit::Percent)],
    );
    let cost = Money::new(Decimal::new(2_340_050, 2));
    t.row(vec![
        Cell::text("Foster care, in-house"),
        Cell::figure(cost.value(), cost.display_pounds()),
        Cell::figure(Decimal::new(169, 1), "16.9%"),
    ]);
    t.row(vec![Cell::text("=HYPERLINK(\"http://x\")"), Cell::figure(Decimal::new(-5, 0), "-£5"), Cell::text("-")]);
    t.note("A note.");
    t
}

#[test]
fn text_aligns_names_left_and_figures_right() {
    assert_eq!(
        example().text(),
        "An example\n\
         Name                       Cost  Share\n\
         ----------------------  -------  -----\n\
         Foster care, in-house   £23,401  16.9%\n\
         =HYPERLINK(\"http://x\")      -£5      -\n\
         A note.\n"
    );
}

#[test]
fn csv_carries_exact_figures_and_no_formulas() {
    assert_eq!(
        example().csv(),
        "Name,Cost (£),Share (%)\n\"Foster care, in-house\",23400.5,16.9\n\"'=HYPERLINK(\"\"http://x\"\")\",-5,-\n"
    );
}

#[test]
fn json_is_valid_and_exact() {
    let json = example().json();
    assert!(json.contains("\"Cost (£)\": \"23400.5\""), "{json}");
    assert!(json.contains("\"Name\": \"=HYPERLINK(\\\"http://x\\\")\""), "{json}");
    assert!(json.starts_with("{\n  \"id\": \"example\""));
    let empty = Table::new("none", "Nothing", vec![Column::new("Name", Unit::Text)]).json();
    assert!(empty.contains("\"rows\": [],"), "{empty}");
}

#[test]
fn a_cell_a_spreadsheet_would_run_is_written_as_words() {
    use csplan_present::spreadsheet_safe;
    for (cell, safe) in [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tcmd", "'\tcmd"),
        ("\r=1", "'\r=1"),
        ("-500", "-500"),
        ("+2.5", "+2.5"),
        ("-", "-"),
        ("Fine words", "Fine words"),
    ] {
        assert_eq!(spreadsheet_safe(cell), safe, "{cell:?}");
    }
}
