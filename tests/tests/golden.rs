//! Golden reports: each preset in, the full JSON report out (insta snapshots in
//! `tests/tests/snapshots/`). A change to any figure shows up as a reviewed diff.

use csplan_model::presets::PRESETS;

#[test]
fn every_preset_report_matches_its_snapshot() {
    for preset in PRESETS {
        let scenario = (preset.build)();
        let json = serde_json::to_string(&scenario).unwrap_or_default();
        let run = csplan_tests::csplan_with_stdin(&["report", "-", "--format", "json"], &json);
        assert_eq!(run.code, 0, "{}", run.err);
        insta::assert_snapshot!(format!("report-{}", preset.id), run.out);
    }
}
