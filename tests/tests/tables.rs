//! Every results table as the command line prints it and as its CSV carries it, for every
//! preset (insta snapshots in `tests/tests/snapshots/`): the web app shows the same tables
//! (`csplan_present::tables`), so a change to a caption, a column or a figure shows up here
//! as a reviewed diff. Also `csplan table`, which prints one table in any format.

use csplan_model::presets::PRESETS;

#[test]
fn every_presets_tables_match_their_snapshots() {
    for preset in PRESETS {
        let scenario = (preset.build)();
        let report = csplan_calc::report(&scenario).expect("every preset calculates");
        let mut out = String::new();
        for t in csplan_present::tables::report(&report) {
            out.push_str(&format!("== {} ==\n{}\n{}\n", t.id, t.text(), t.csv()));
        }
        insta::assert_snapshot!(format!("tables-{}", preset.id), out);
    }
}

#[test]
fn csplan_table_prints_one_table_as_text_csv_or_json() {
    let scenario = csplan_tests::csplan(&["example", "--preset", "barnsley-2017"]).out;
    let list = csplan_tests::csplan_with_stdin(&["table", "-"], &scenario);
    assert_eq!(list.code, 0, "{}", list.err);
    assert!(list.out.contains("options  Options side by side"), "{}", list.out);
    let csv = csplan_tests::csplan_with_stdin(&["table", "-", "options", "--format", "csv"], &scenario);
    assert_eq!(csv.code, 0, "{}", csv.err);
    let lines: Vec<&str> = csv.out.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("Option,FTE now,Caseload now,Extra FTE at 18,Posts at 18,Cost a year at 18 (£),Extra FTE at 16,Posts at 16,Cost a year at 16 (£)")
    );
    // Exact figures, not display text: Option 2's 14 posts at £41,839 at a target of 18.
    assert!(lines.iter().any(|l| l.contains(",14,585746,")), "{}", csv.out);
    let json = csplan_tests::csplan_with_stdin(&["table", "-", "options", "--format", "json"], &scenario);
    let v: serde_json::Value = serde_json::from_str(&json.out).expect("JSON");
    assert_eq!(v["rows"][1]["Cost a year at 18 (£)"], "585746");
    let missing = csplan_tests::csplan_with_stdin(&["table", "-", "nothing"], &scenario);
    assert_eq!(missing.code, 2);
    assert!(missing.err.contains("has no table \"nothing\""), "{}", missing.err);
}
