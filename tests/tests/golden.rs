//! Golden reports: each preset in, the full JSON report out (insta snapshots in
//! `tests/tests/snapshots/`). A change to any figure shows up as a reviewed diff.

use csplan_model::presets::PRESETS;

#[test]
fn every_preset_report_matches_its_snapshot() {
    for preset in PRESETS {
        let scenario = (preset.build)();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let json = serde_json::to_string(&scenario).unwrap_or_default();
        let code =
            csplan_cli::run(["csplan", "report", "-", "--format", "json"], &mut json.as_bytes(), &mut out, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        insta::assert_snapshot!(format!("report-{}", preset.id), String::from_utf8_lossy(&out));
    }
}
