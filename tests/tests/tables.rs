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

/// The working a table's cell opens, found by its row's first cell and its column's header.
fn working(t: &csplan_present::Table, row: &str, column: &str) -> Option<String> {
    let i = (0..t.rows.len()).find(|&i| t.cell_text(i, 0) == row)?;
    let j = t.columns.iter().position(|c| c.header == column)?;
    t.cell_working(i, j).map(str::to_string)
}

#[test]
fn workforce_cost_of_care_and_budget_figures_open_their_own_working() {
    let build =
        |id: &str| csplan_model::presets::preset(id).map(|p| (p.build)()).unwrap_or_else(|| unreachable!("{id}"));
    // West Sussex's social workers, costed at £45,000 permanent and £70,000 agency.
    let mut ws = build("west-sussex-2019");
    if let Some(role) = ws.workforce.as_mut().and_then(|w| w.roles.first_mut()) {
        role.permanent_cost_per_fte = Some(csplan_model::Money::pounds(45_000));
        role.agency_cost_per_fte = Some(csplan_model::Money::pounds(70_000));
    }
    let report = csplan_calc::report(&ws).unwrap_or_else(|e| unreachable!("{e}"));
    let tables = csplan_present::tables::report(&report);
    let table = |id: &str| tables.iter().find(|t| t.id == id).cloned().unwrap_or_else(|| unreachable!("{id}"));
    let (est, measures, costs) = (table("establishment"), table("measures"), table("costs"));
    let sw = "Social workers";
    let said = |t: &csplan_present::Table, row: &str, column: &str| working(t, row, column).unwrap_or_default();
    assert_eq!(said(&est, "In post", sw), "365.07 posts - 92.84 vacant = 272.23 FTE in post");
    assert_eq!(
        said(&est, "Remaining gap after pipeline", "Total"),
        "each role's gap, floored at 0, added: 17.84 + 7.08 + 0 = 24.92 FTE"
    );
    assert_eq!(said(&measures, "Vacancy rate", sw), "92.84 vacant / (92.84 vacant + 272.23 in post) = 25.4%");
    let agency = report.workforce.as_ref().and_then(|w| w.roles.first()).map(|r| r.agency.value()).unwrap_or_default();
    // agency FTE x (£70,000 - £45,000), to the penny.
    let premium = csplan_model::Money::new(agency * csplan_model::Decimal::from(25_000)).round_pence();
    assert_eq!(
        said(&costs, "Agency premium over permanent", sw),
        format!(
            "{} agency FTE x (£70,000 agency - £45,000 permanent) = {} a year",
            csplan_model::fmt::short(agency, 2),
            premium.display_pounds()
        )
    );
    assert!(said(&costs, "Permanent staff", "Total").starts_with("the roles' costs added: £"), "the total is a sum");
    assert_eq!(working(&costs, "Permanent staff", "Advanced practitioners"), None, "no cost given, no working");
    // Portsmouth's placement lines: the forecast as worked, the published one when given.
    let report = csplan_calc::report(&build("portsmouth-2017")).unwrap_or_else(|e| unreachable!("{e}"));
    let tables = csplan_present::tables::report(&report);
    let placements = tables.iter().find(|t| t.id == "placements").cloned().unwrap_or_else(|| unreachable!());
    assert_eq!(said(&placements, "In-house foster care", "Forecast"), "206 x £23,523 = £4,845,738");
    assert_eq!(
        said(&placements, "Independent fostering agencies", "Forecast"),
        "32.43 x £44,871 = £1,455,167; the published forecast £1,455,152 is used, because the published unit cost is rounded"
    );
    assert_eq!(
        said(&placements, "Independent fostering agencies", "Deficit"),
        "£1,455,152 forecast - £1,941,000 budget = -£485,848, an underspend"
    );
    assert_eq!(
        said(&placements, "Adoption, ROs and SGOs (shared budget)", "Forecast"),
        "the forecasts of the lines sharing it added: Adoption allowances £535,744 + Residence order allowances £96,680 + Special guardianship order allowances £823,859 = £1,456,283"
    );
    assert_eq!(said(&placements, "Total", "Deficit"), "£10,377,402 forecast - £8,693,750 budget = £1,683,652");
    // Hampshire's savings by area, as SP2023 prints them.
    let report = csplan_calc::report(&build("hampshire-2021")).unwrap_or_else(|e| unreachable!("{e}"));
    let tables = csplan_present::tables::report(&report);
    let savings = tables.iter().find(|t| t.id == "savings").cloned().unwrap_or_else(|| unreachable!());
    let area = "Children's social care";
    assert_eq!(said(&savings, area, "Savings"), "its 11 workstreams' full-year savings added: £7,704,000");
    assert_eq!(
        said(&savings, area, "% of budget"),
        "£7,704,000 / £152,140,000 = 5.06%, shown as a whole per cent (halves up): 5%"
    );
    assert_eq!(
        said(&savings, "Support services", "% of budget"),
        "£188,000 / £1,978,000 = 9.5%, shown as a whole per cent (halves up): 10%"
    );
    assert_eq!(said(&savings, area, "After savings"), "£152,140,000 - £7,704,000 = £144,436,000");
    assert_eq!(working(&savings, "Government funding", "% of budget"), None, "a funding line has no budget");
}
